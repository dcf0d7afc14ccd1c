"""`factcheck mentions`: one JSON line of mentions per input line, for debugging and evaluation."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .errors import FactcheckError
from .nlp import load_nlp
from .pipes.dates import dates_of
from .pipes.quantities import mentions_of

OUTPUT_FIELDS = ("start", "end", "text", "kind", "value", "low", "high", "unit")


def print_mentions(path: str, model: str, out: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up now: the default is not bound at import
    if path != "-" and not Path(path).is_file():
        raise FactcheckError(f"{path}: no such file; give a text or JSONL file, or - for standard input")
    nlp = load_nlp(model)
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")
    with handle:
        for record in _records(handle):
            doc = nlp.make_doc(record["text"])
            doc._.published = record.get("date")
            doc = nlp(doc)
            line = {"text": record["text"], "mentions": mention_dicts(doc)}
            if doc._.factcheck_error is not None:  # what was read before the failure, and the failure
                line["error"] = doc._.factcheck_error
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


def mention_dicts(doc) -> list[dict]:
    """Quantities and dates of a doc as plain dicts, in text order."""
    found = []
    for m in mentions_of(doc):
        found.append({k: _plain(getattr(m, k)) for k in OUTPUT_FIELDS})
    for m in dates_of(doc):
        row = {k: _plain(getattr(m, k)) for k in OUTPUT_FIELDS}
        row.update(grain=m.grain, modifier=m.modifier, period_start=m.period_start, period_end=m.period_end)
        found.append(row)
    return sorted(found, key=lambda r: (r["start"], r["end"]))


def _plain(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def _records(handle: TextIO) -> Iterator[dict]:
    for line in handle:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                yield record
                continue
        yield {"text": line}
