"""Write the CSV reports atomically (temp file, then rename), deterministic to the byte."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .models import Claim, Discrepancy, Skipped

CLAIM_COLUMNS = [
    "claim_id", "article", "start", "end", "sentence", "text", "kind", "value", "low", "high",
    "unit", "subject", "actor", "attributed_to", "place", "modality", "date", "date_start", "date_end", "date_basis", "topic", "topic_cue", "measure", "story",
]
SIDE_COLUMNS = [
    "article", "claim", "value", "low", "high", "unit", "actor", "attributed_to", "place", "modality", "date", "mentions", "sources", "quote", "sentence",
]
DISCREPANCY_COLUMNS = (
    ["discrepancy_id", "severity", "rule", "topic", "measure"]
    + [f"{c}_a" for c in SIDE_COLUMNS]
    + [f"{c}_b" for c in SIDE_COLUMNS]
    + ["explanation", "suppressed"]
)
SKIPPED_COLUMNS = ["path", "reason"]


def write_reports(
    claims: list[Claim], discrepancies: list[Discrepancy], skipped: list[Skipped], out: str | Path
) -> list[Path]:
    """claims.csv, discrepancies.csv and skipped.csv in `out`; returns their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    claim_rows = [_claim_row(c) for c in sorted(claims, key=lambda c: (c.article, c.start, c.end))]
    tables = {
        "claims.csv": pd.DataFrame(claim_rows, columns=CLAIM_COLUMNS),
        "discrepancies.csv": pd.DataFrame([_discrepancy_row(d) for d in discrepancies], columns=DISCREPANCY_COLUMNS),
        "skipped.csv": pd.DataFrame(
            [(s.path, s.reason) for s in sorted(skipped, key=lambda s: s.path)], columns=SKIPPED_COLUMNS
        ),
    }
    paths = []
    for name, frame in tables.items():
        path = out / name
        _write_atomically(path, frame.to_csv(index=False, lineterminator="\n"))
        paths.append(path)
    return paths


def number_cell(x: float | None) -> str:
    """A number as the CSV shows it: integers without '.0', others with up to 12 digits."""
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e18:
        return str(int(x))
    return f"{x:.12g}"


def _claim_row(c: Claim) -> dict:
    return {
        "claim_id": c.claim_id, "article": c.article, "start": c.start, "end": c.end,
        "sentence": c.sentence, "text": c.text, "kind": c.kind, "value": number_cell(c.value),
        "low": number_cell(c.low), "high": number_cell(c.high), "unit": c.unit or "",
        "subject": c.subject or "", "actor": c.actor or "", "attributed_to": c.attributed_to or "",
        "place": c.place or "",
        "modality": c.modality, "date": c.date or "",
        "date_start": c.date_start or "", "date_end": c.date_end or "",
        "date_basis": c.date_basis or "", "topic": c.topic or "", "topic_cue": c.topic_cue or "",
        "measure": c.measure or "", "story": c.story or "",
    }


def _discrepancy_row(d: Discrepancy) -> dict:
    row = {"discrepancy_id": d.discrepancy_id, "severity": d.severity, "rule": d.rule, "topic": d.topic, "measure": d.measure}
    for suffix, claim, mentions, sources in (("a", d.a, d.mentions_a, d.sources_a), ("b", d.b, d.mentions_b, d.sources_b)):
        row.update({
            f"article_{suffix}": claim.article, f"claim_{suffix}": claim.claim_id,
            f"value_{suffix}": number_cell(claim.value), f"low_{suffix}": number_cell(claim.low),
            f"high_{suffix}": number_cell(claim.high), f"unit_{suffix}": claim.unit or "",
            f"actor_{suffix}": claim.actor or "", f"attributed_to_{suffix}": claim.attributed_to or "",
            f"place_{suffix}": claim.place or "", f"modality_{suffix}": claim.modality, f"date_{suffix}": claim.date or "",
            f"mentions_{suffix}": mentions, f"sources_{suffix}": "; ".join(sources or (claim.article,)),
            f"quote_{suffix}": claim.text, f"sentence_{suffix}": claim.sentence,
        })
    row["explanation"] = d.explanation
    row["suppressed"] = d.suppressed or ""
    return row


def _write_atomically(path: Path, content: str) -> None:
    """Write to a temp file in the same folder, then rename over the target."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
