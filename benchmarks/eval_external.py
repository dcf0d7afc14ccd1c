#!/usr/bin/env python
"""Score our extractor on the external French test suites (numbers, money, percent, dates).

    python benchmarks/eval_external.py [--eval-dir DIR] [--files PATTERN] [--show-errors N]
                                       [--all-kinds] [--no-dates] [--model NAME] [--pred-dir DIR]

The suites live in `../shared/eval` next to the repository (`--eval-dir` overrides); their
README describes the JSONL format and the scoring rules. They were written by other
projects: use them to measure, never to special-case sentences.

How the numbers are computed
----------------------------
Every case's `text` goes through `load_nlp()` (with `doc._.published` = date part of the
case's `ref_datetime`, or None) and `mention_dicts(doc)`. Our mentions are mapped to the
gold kinds (below), written as a predictions file in a temporary folder, and scored by the
reference scorer `score.py` of the eval folder: its `main()` is imported and run in-process
on (gold file, predictions file), so recall / precision / negatives are exactly the
reference figures. `--show-errors` reuses the MISS / EXTRA lines that `score.py` itself
emits, grouped by case, plus our raw mentions for that case.

Dimensions and kinds scored (score.py `--kinds`):
  * money files   -> money, money_range
  * number files  -> number. Ordinals in text2num / text2num-rs / lingua-franca number files
                     are not scored (we extract no ordinals; the README calls them secondary);
                     `--all-kinds` scores them too (score.py's default kinds).
  * percent files -> percent
  * date files    -> date, datetime, partial_date, partial_datetime, daterange, datetimerange,
                     scored with `--date-level` (we output calendar dates, no times: the
                     README recommends it for such tools).
  Ordinal, distance and quantity files are not scored.

Mapping of our kinds to the gold kinds
--------------------------------------
  * gold `money` <- our money: value = amount, unit = our ISO code (score.py accepts
    USD for `$`, GBP for `£`, ...). A range "entre 10 et 20 euros" (value None, low/high)
    becomes `money_range` {"min", "max"}. An open bound ("plus de 10 euros": value 10,
    high None) gives both a `money` 10 (Recognizers annotates the amount) and a
    `money_range` {"min": 10} (Duckling annotates the bound); in Duckling's file, which has
    both families, the `money` is then counted as an extra prediction. Our counts are never
    money ("3 balles" is count/balle: a miss).
  * gold `percent` <- our percent with unit "%" (not "pp", percentage points). A range
    (value None) gives two percents, low and high.
  * gold `number` <- the value of EVERY quantity mention we output: number, count, money,
    percent (% and pp), multiplier, duration. Number suites annotate each number wherever it
    stands (Recognizers' NumberModel gives 1000 for "€1000" and 3 for "sur 3 ans"), and our
    count "160 entreprises" has value 160 which is the number. A range (value None) gives
    two numbers, low and high; an open bound gives its value. Dates are not numbers here.
  * gold `date` / `datetime` <- our dates of grain day: kind date, value YYYY-MM-DD.
    gold `daterange` / `datetimerange` <- our other dates (year, month, quarter, half, week,
    "2029/2033", and modified periods "fin 2025"): {"start": period_start, "end":
    period_end + 1 day}, i.e. Duckling's exclusive end (Recognizers' month/year periods end
    the same way; its explicit "X au Y" ranges end on Y, which we never output as one date).
    Dates are a best effort: times, intervals and most relative forms are out of our scope.

Output: one table row per file (cases, gold entities scored, value recall tp/gold, value
precision tp/pred, exact-span rate on matched entities, negative cases without prediction),
then an overall line per dimension (micro-averaged: summed tp, gold, pred).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import fnmatch
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"

# (dimension, files in report order, score.py --kinds, extra score.py flags)
DIMENSIONS = [
    ("money", ["recognizers_fr_money", "duckling_fr_money", "rustling_fr_money"], "money,money_range", []),
    ("number", ["recognizers_fr_number", "duckling_fr_number", "rustling_fr_number", "text2num_fr_number",
                "text2num-rs_fr_number", "lingua-franca_fr_number"], "number", []),
    ("percent", ["recognizers_fr_percent", "rustling_fr_percent"], "percent", []),
    ("date", ["recognizers_fr_date", "duckling_fr_date", "rustling_fr_date", "dateparser_fr_date",
              "edsnlp_fr_date", "lingua-franca_fr_date"],
     "date,datetime,partial_date,partial_datetime,daterange,datetimerange", ["--date-level"]),
]
QUANTITY_KINDS = ("number", "count", "money", "percent", "multiplier", "duration")


# ----------------------------------------------------------------------------- reference scorer

def load_scorer(eval_dir: Path):
    """Import eval_dir/score.py as a module (no bytecode written into the read-only folder)."""
    path = eval_dir / "score.py"
    spec = importlib.util.spec_from_file_location("external_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


def run_scorer(scorer, gold: Path, pred: Path, kinds: str, flags: list[str]) -> tuple[dict, list]:
    """score.py's main() on (gold, pred): its summary dict and every MISS/EXTRA error it lists."""
    argv = ["score.py", str(gold), str(pred), "--kinds", kinds, "--show-errors", "1000000", *flags]
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = argv
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            scorer.main()
    finally:
        sys.argv = saved
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    errors = [json.loads(line) for line in err.getvalue().splitlines() if line.startswith("[")]
    return summary, errors


# ----------------------------------------------------------------------------- kind mapping

def to_predictions(mentions: list[dict], dimension: str) -> list[dict]:
    """Our mention dicts -> score.py predictions for one dimension (see the module docstring)."""
    preds = []
    for m in mentions:
        kind, value, low, high = m["kind"], m["value"], m.get("low"), m.get("high")
        text = m.get("text")
        if dimension == "money" and kind == "money":
            if value is not None:
                preds.append({"text": text, "kind": "money", "value": value, "unit": m["unit"]})
            bounds = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
            if bounds and (value is None or low is None or high is None):
                preds.append({"text": text, "kind": "money_range", "value": bounds, "unit": m["unit"]})
        elif dimension == "percent" and kind == "percent" and m["unit"] == "%":
            for v in _values(value, low, high):
                preds.append({"text": text, "kind": "percent", "value": v, "unit": "%"})
        elif dimension == "number" and kind in QUANTITY_KINDS:
            for v in _values(value, low, high):
                preds.append({"text": text, "kind": "number", "value": v, "unit": None})
        elif dimension == "date" and kind == "date":
            if m.get("grain") == "day" and isinstance(value, str) and len(value) == 10:
                preds.append({"text": text, "kind": "date", "value": value, "unit": None})
            elif m.get("period_start") and m.get("period_end"):
                end = dt.date.fromisoformat(m["period_end"]) + dt.timedelta(days=1)
                preds.append({"text": text, "kind": "daterange", "unit": None,
                              "value": {"start": m["period_start"], "end": end.isoformat()}})
    return preds


def _values(value, low, high) -> list:
    if value is not None:
        return [value]
    return [v for v in (low, high) if v is not None]


# ----------------------------------------------------------------------------- extraction

def extract(nlp, records: list[dict]) -> list[list[dict]]:
    from factcheck.mentions import mention_dicts

    docs = []
    for r in records:
        doc = nlp.make_doc(r["text"])
        ref = r.get("ref_datetime")
        doc._.published = ref[:10] if ref else None
        docs.append(doc)
    return [mention_dicts(doc) for doc in nlp.pipe(docs, batch_size=64)]


# ----------------------------------------------------------------------------- reporting

def _fmt_ratio(num: int, den: int) -> str:
    return f"{num / den:6.1%} ({num}/{den})" if den else "     - (0/0)"


def _fmt_gold(e: dict) -> str:
    value = e.get("value")
    if isinstance(value, list):
        value = "|".join(json.dumps(v, ensure_ascii=False) for v in value[:2])
    else:
        value = json.dumps(value, ensure_ascii=False)
    unit = f" {e['unit']}" if e.get("unit") not in (None, "%") or e.get("kind") == "money" else ""
    span = f' "{e["text"]}"' if e.get("text") else ""
    return f"{e.get('kind')} {value}{unit}{span}"


def _fmt_ours(m: dict) -> str:
    value = m["value"] if m["value"] is not None else f"[{m.get('low')}..{m.get('high')}]"
    unit = f" {m['unit']}" if m.get("unit") else ""
    return f'{m["kind"]} {value}{unit} "{m["text"]}"'


def print_errors(records, mentions, errors, limit: int, kinds: set[str]) -> None:
    by_case = collections.OrderedDict()
    for case_id, _text, what, entity, _preds in errors:
        by_case.setdefault(case_id, []).append((what, entity))
    index = {r["id"]: (r, ms) for r, ms in zip(records, mentions)}
    shown = 0
    for case_id, errs in by_case.items():
        if shown >= limit:
            break
        shown += 1
        r, ms = index[case_id]
        text = r["text"] if len(r["text"]) <= 220 else r["text"][:217] + "..."
        gold = [e for e in r["expected"] if e["kind"] in kinds]
        print(f"  - {case_id.split(':', 1)[-1]}  {json.dumps(text, ensure_ascii=False)}")
        print(f"      gold : {'; '.join(_fmt_gold(e) for e in gold) or '(negative case)'}")
        print(f"      ours : {'; '.join(_fmt_ours(m) for m in ms) or '(nothing)'}")
        miss = [_fmt_gold(e) for w, e in errs if w == "MISS"]
        extra = [_fmt_gold(e) for w, e in errs if w == "EXTRA"]
        if miss:
            print(f"      MISS : {'; '.join(miss)}")
        if extra:
            print(f"      EXTRA: {'; '.join(extra)}")
    if len(by_case) > shown:
        print(f"  ... {len(by_case) - shown} more cases with errors")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Value recall/precision of our extractor on the external French suites.")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help=f"default: {DEFAULT_EVAL_DIR}")
    parser.add_argument("--files", help="restrict to files whose name matches one of these comma-separated globs "
                        "(or contains the string), e.g. 'money,percent' or '*_fr_number*'")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N cases with errors per file")
    parser.add_argument("--all-kinds", action="store_true", help="score every kind score.py knows (ordinals in number files too)")
    parser.add_argument("--no-dates", action="store_true", help="skip the date files")
    parser.add_argument("--model", default=None, help="spaCy model (default: factcheck's)")
    parser.add_argument("--pred-dir", type=Path, help="also keep the predictions files here (to rerun score.py by hand)")
    args = parser.parse_args(argv)

    eval_dir = args.eval_dir.resolve()
    if not (eval_dir / "score.py").is_file():
        parser.error(f"no score.py in {eval_dir}")
    scorer = load_scorer(eval_dir)

    plan = []
    for dimension, names, kinds, flags in DIMENSIONS:
        if dimension == "date" and args.no_dates:
            continue
        if args.all_kinds:
            kinds = scorer.DEFAULT_KINDS
        for name in names:
            path = eval_dir / f"{name}.jsonl"
            if args.files and not any(fnmatch.fnmatch(path.name, pat) or pat in path.name
                                      for pat in args.files.split(",")):
                continue
            if not path.is_file():
                print(f"warning: {path} missing, skipped", file=sys.stderr)
                continue
            plan.append((dimension, path, kinds, flags))
    if not plan:
        parser.error("no eval file selected")

    from factcheck.nlp import load_nlp

    t0 = time.perf_counter()
    nlp = load_nlp(args.model) if args.model else load_nlp()
    load_s = time.perf_counter() - t0

    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck_eval_") as tmp:
        for dimension, path, kinds, flags in plan:
            records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            t = time.perf_counter()
            mentions = extract(nlp, records)
            seconds = time.perf_counter() - t
            pred_path = Path(tmp) / f"{path.stem}.pred.jsonl"
            with pred_path.open("w", encoding="utf-8") as out:
                for r, ms in zip(records, mentions):
                    out.write(json.dumps({"id": r["id"], "predicted": to_predictions(ms, dimension)}, ensure_ascii=False) + "\n")
            summary, errors = run_scorer(scorer, path, pred_path, kinds, flags)
            if args.pred_dir:
                args.pred_dir.mkdir(parents=True, exist_ok=True)
                (args.pred_dir / pred_path.name).write_text(pred_path.read_text(encoding="utf-8"), encoding="utf-8")
            rows.append((dimension, path, summary, seconds))
            if args.show_errors:
                print(f"\n=== {path.name}: {summary['tp']}/{summary['gold_entities_scored']} found, "
                      f"{summary['predicted'] - summary['tp']} extra; cases with errors:")
                print_errors(records, mentions, errors, args.show_errors, set(kinds.split(",")))

    print()
    header = f"{'file':<28} {'cases':>5} {'gold':>5}  {'value recall':<19} {'value precision':<19} {'span exact':>10}  {'negatives clean':<15}"
    print(header)
    print("-" * len(header))
    total_s = 0.0
    for dimension in [d[0] for d in DIMENSIONS]:
        part = [row for row in rows if row[0] == dimension]
        if not part:
            continue
        agg = collections.Counter()
        for _, path, s, seconds in part:
            total_s += seconds
            span = f"{s['span_exact_rate_on_matched']:.1%}" if s["span_exact_rate_on_matched"] is not None else "-"
            print(f"{path.stem:<28} {s['cases']:>5} {s['gold_entities_scored']:>5}  "
                  f"{_fmt_ratio(s['tp'], s['gold_entities_scored']):<19} {_fmt_ratio(s['tp'], s['predicted']):<19} "
                  f"{span:>10}  {s['negative_cases_without_prediction']}/{s['negative_cases']}")
            for key in ("cases", "gold_entities_scored", "tp", "predicted", "negative_cases", "negative_cases_without_prediction"):
                agg[key] += s[key]
        print(f"{'OVERALL ' + dimension:<28} {agg['cases']:>5} {agg['gold_entities_scored']:>5}  "
              f"{_fmt_ratio(agg['tp'], agg['gold_entities_scored']):<19} {_fmt_ratio(agg['tp'], agg['predicted']):<19} "
              f"{'':>10}  {agg['negative_cases_without_prediction']}/{agg['negative_cases']}")
        print("-" * len(header))
    note = "date files scored with --date-level; " if any(r[0] == "date" for r in rows) else ""
    if not args.all_kinds and any(r[0] == "number" for r in rows):
        note += "ordinals not scored (--all-kinds to include them); "
    print(f"{note}model load {load_s:.1f} s, extraction {total_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
