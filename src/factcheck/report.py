"""Write the reports atomically (temp file, then rename), deterministic to the byte.

claims.csv, discrepancies.csv, facts.csv, articles.csv and skipped.csv in one of two dialects: the default (comma,
dot decimals, UTF-8) or, with `excel=True`, the French spreadsheet one (semicolon, decimal
comma, UTF-8 with a byte order mark), which French Excel and LibreOffice open without an import
dialog. In both, text cells are guarded against formula injection. report.html: see report_html.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from .models import ArticleInfo, Claim, Discrepancy, Skipped
from .frames.match import facts
from .messages import DEFAULT_LANGUAGE, messages
from .report_html import review_page_chunks
from .writing import CHUNK_ROWS, chunks, write_file_atomically

CLAIM_COLUMNS = [
    "claim_id", "article", "start", "end", "sentence", "text", "kind", "value", "low", "high",
    "unit", "subject", "actor", "attributed_to", "place", "modality", "date", "date_start", "date_end", "date_basis", "topic", "topic_cue", "measure", "story",
    "what", "population", "part", "title", "outlet", "published",
]
# Each side of a discrepancy names its article as a reader would: title, outlet, publication date.
SIDE_COLUMNS = [
    "article", "title", "outlet", "published", "claim", "value", "low", "high", "unit", "actor", "attributed_to", "place", "modality", "date", "mentions", "sources", "quote", "sentence",
]
DISCREPANCY_COLUMNS = (
    ["discrepancy_id", "type", "confidence", "severity", "rule", "topic", "measure", "fact"]
    + [f"{c}_a" for c in SIDE_COLUMNS]
    + [f"{c}_b" for c in SIDE_COLUMNS]
    + ["explanation", "confidence_reasons", "suppressed", "first_seen"]
)
SKIPPED_COLUMNS = ["path", "reason"]
ARTICLE_COLUMNS = ["article", "path", "title", "outlet", "author", "date", "date_basis", "url", "claims"]
REPORT_FILES = ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv", "report.html")
FACT_COLUMNS = ["fact", "kind", "what", "population", "place", "date", "values", "articles", "reports"]
# Cells written by number_cell; every other cell is text.
NUMBER_COLUMNS = {"start", "end", "value", "low", "high", "confidence", "claims", "first_seen"} | {
    f"{c}_{s}" for c in ("value", "low", "high", "mentions") for s in "ab"
}
# A text cell starting with one of these is a formula to Excel and LibreOffice ("=HYPERLINK(...)",
# "+5 %" read as 0.05, "- 20 milliards" as #NAME?): in every CSV it gets a leading apostrophe,
# which the spreadsheet reads as "this is text".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_reports(
    claims: list[Claim],
    discrepancies: Sequence[Discrepancy],
    skipped: list[Skipped],
    out: str | Path,
    articles: Mapping[str, ArticleInfo] | None = None,
    excel: bool = False,
    lang: str = DEFAULT_LANGUAGE,
    labels: Mapping[str, str] | None = None,
    first_seen: Mapping[str, int] | None = None,
) -> list[Path]:
    """claims.csv, discrepancies.csv, facts.csv, articles.csv, skipped.csv and report.html in
    `out`; returns their paths.

    `articles`: the metadata of the articles read (title, date, source, url), by id: one row
    each in articles.csv, and their title, outlet and date beside every claim and discrepancy.
    `excel`: write the CSVs in the French spreadsheet dialect. `lang`: the language of the
    review page (fr, en); `labels`: the rules' names of topics and measures, for the page.
    `first_seen`: the run each discrepancy was first reported in, by id (store.py; 1 if not given).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    articles = articles or {}
    claims = sorted(claims, key=lambda c: (c.article, c.start, c.end))
    # Each table's rows are made as they are written, CHUNK_ROWS at a time, and the page written
    # as it is made: never a whole table nor the whole page in memory (a run of many thousands
    # of rows).
    tables = {
        "claims.csv": (lambda: (_claim_row(c, articles.get(c.article)) for c in claims), CLAIM_COLUMNS),
        "discrepancies.csv": (
            lambda: (_discrepancy_row(d, articles, (first_seen or {}).get(d.discrepancy_id, 1)) for d in discrepancies),
            DISCREPANCY_COLUMNS,
        ),
        "facts.csv": (lambda: facts(claims), FACT_COLUMNS),
        "articles.csv": (lambda: _article_rows(articles, claims), ARTICLE_COLUMNS),
        "skipped.csv": (lambda: ((s.path, s.reason) for s in sorted(skipped, key=lambda s: s.path)), SKIPPED_COLUMNS),
    }
    paths = []
    for name, (rows, columns) in tables.items():
        path = out / name
        _write_atomically(path, lambda f: _write_csv(f, rows(), columns, excel), encoding="utf-8-sig" if excel else "utf-8")
        paths.append(path)
    path = out / "report.html"
    page = review_page_chunks(claims, discrepancies, skipped, articles, messages(lang), labels)
    _write_atomically(path, lambda f: f.writelines(page))
    paths.append(path)
    return paths


def _write_csv(handle: TextIO, rows: Iterable[Mapping | tuple], columns: list[str], excel: bool) -> None:
    """The rows as CSV in `handle`, header first, CHUNK_ROWS rows to a DataFrame at a time.

    Every cell is a string, an int or None (numbers go through `number_cell`), which pandas
    writes the same whatever the other cells of its column: the file is one DataFrame's."""
    for i, chunk in enumerate(chunks(rows, CHUNK_ROWS)):
        frame = pd.DataFrame(chunk, columns=columns)
        frame = to_spreadsheet_dialect(frame) if excel else guard_formulas(frame)
        frame.to_csv(handle, index=False, header=i == 0, sep=";" if excel else ",", lineterminator="\n")


def to_spreadsheet_dialect(frame: pd.DataFrame) -> pd.DataFrame:
    """The cells as French spreadsheets read them: decimal comma in numbers, formulas made text.

    Numbers carry no thousands separator, so the only dot in a number cell is the decimal one.
    """
    frame = guard_formulas(frame)
    for column in frame.columns:
        if column in NUMBER_COLUMNS:
            frame[column] = frame[column].map(lambda cell: str(cell).replace(".", ","))
    return frame


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """The text cells a spreadsheet would run as formulas made text (OWASP's CSV injection
    advice: a leading apostrophe), in every dialect; number columns are left as they are."""
    frame = frame.copy()
    for column in frame.columns:
        if column not in NUMBER_COLUMNS:
            frame[column] = frame[column].map(_text_cell)
    return frame


def _text_cell(cell: object) -> object:
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def number_cell(x: float | None) -> str:
    """A number as the CSV shows it: integers without '.0', others with up to 12 digits."""
    if x is None:
        return ""
    if float(x).is_integer() and abs(x) < 1e18:
        return str(int(x))
    return f"{x:.12g}"


def _article_rows(articles: Mapping[str, ArticleInfo], claims: list[Claim]) -> list[dict]:
    """One row per article read, by id, with how many claims it gave."""
    counts = Counter(c.article for c in claims)
    return [
        {"article": a.id, "path": a.path, "title": a.title or "", "outlet": a.source or "", "author": a.author or "",
         "date": a.date.isoformat() if a.date else "", "date_basis": a.date_basis or "", "url": a.url or "",
         "claims": counts[a.id]}
        for a in sorted(articles.values(), key=lambda a: a.id)
    ]


def _claim_row(c: Claim, info: ArticleInfo | None) -> dict:
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
        "what": c.what or "", "population": c.population or "", "part": "yes" if c.part else "",
        "title": info.title or "" if info else "", "outlet": info.source or "" if info else "",
        "published": c.published or "",
    }


def _discrepancy_row(d: Discrepancy, articles: Mapping[str, ArticleInfo], first_seen: int = 1) -> dict:
    row = {"discrepancy_id": d.discrepancy_id, "type": d.type, "confidence": f"{d.confidence:.2f}", "severity": d.severity,
           "rule": d.rule, "topic": d.topic, "measure": d.measure, "fact": d.fact}
    for suffix, claim, mentions, sources in (("a", d.a, d.mentions_a, d.sources_a), ("b", d.b, d.mentions_b, d.sources_b)):
        info = articles.get(claim.article)
        row.update({
            f"article_{suffix}": claim.article, f"title_{suffix}": info.title or "" if info else "",
            f"outlet_{suffix}": info.source or "" if info else "", f"published_{suffix}": claim.published or "",
            f"claim_{suffix}": claim.claim_id,
            f"value_{suffix}": number_cell(claim.value), f"low_{suffix}": number_cell(claim.low),
            f"high_{suffix}": number_cell(claim.high), f"unit_{suffix}": claim.unit or "",
            f"actor_{suffix}": claim.actor or "", f"attributed_to_{suffix}": claim.attributed_to or "",
            f"place_{suffix}": claim.place or "", f"modality_{suffix}": claim.modality, f"date_{suffix}": claim.date or "",
            f"mentions_{suffix}": mentions, f"sources_{suffix}": "; ".join(sources or (claim.article,)),
            f"quote_{suffix}": claim.text, f"sentence_{suffix}": claim.sentence,
        })
    row["explanation"] = d.explanation
    row["confidence_reasons"] = d.confidence_reasons
    row["suppressed"] = d.suppressed or ""
    row["first_seen"] = first_seen
    return row


def _write_atomically(path: Path, write: Callable[[TextIO], object], encoding: str = "utf-8") -> None:
    """`write(handle)` into a temp file in the same folder, then rename it over the target."""

    def write_text(name: str) -> None:
        with open(name, "w", encoding=encoding, newline="") as handle:
            write(handle)

    write_file_atomically(path, write_text)
