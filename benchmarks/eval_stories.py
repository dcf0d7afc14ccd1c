"""Score factcheck's discrepancies on the multi-story corpus tests/data/stories against its key.

    python benchmarks/eval_stories.py [--out DIR]

Runs the CLI on tests/data/stories (24 articles, 7 stories) and compares discrepancies.csv
with tests/data/stories/.expected.yaml: which should_flag pairs were found, which
must_not_flag pairs were flagged, and the rows that match neither. Prints the figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd
import yaml

from factcheck.cli import main as factcheck

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "stories"


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _matches(entry: dict, row: tuple) -> bool:
    a, b = entry["a"], entry["b"]
    fa, fb = _norm(a["figure"]), _norm(b["figure"])
    for sa, qa, sb, qb in ((row[2], row[3], row[4], row[5]), (row[4], row[5], row[2], row[3])):
        if a["article"] in sa and b["article"] in sb and (fa in qa or qa in fa) and (fb in qb or qb in fb):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="where the reports go (default: a temp dir)")
    args = parser.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="eval_stories_"))
    code = factcheck([str(CORPUS), "--rules", str(ROOT / "rules"), "--out", str(out), "--jobs", "1", "--no-cache", "--quiet"])
    if code != 0:
        return code
    key = yaml.safe_load((CORPUS / ".expected.yaml").read_text(encoding="utf-8"))
    frame = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    rows = [
        (r.severity, r.measure, set(r.sources_a.split("; ")), _norm(r.quote_a), set(r.sources_b.split("; ")), _norm(r.quote_b))
        for r in frame.itertuples()
    ]
    found = [any(_matches(e, r) for r in rows) for e in key["should_flag"]]
    false = [e for e in key["must_not_flag"] if any(_matches(e, r) for r in rows)]
    right = [r for r in rows if any(_matches(e, r) for e in key["should_flag"])]
    wrong = [r for r in rows if any(_matches(e, r) for e in key["must_not_flag"])]
    print(f"rows: {len(rows)}; matching a should_flag pair: {len(right)}; matching a must_not_flag pair: {len(wrong)}; "
          f"other: {len(rows) - len(right) - len(wrong)}")
    print(f"should_flag pairs found: {sum(found)}/{len(found)}; must_not_flag pairs flagged: {len(false)}/{len(key['must_not_flag'])}")
    for entry, hit in zip(key["should_flag"], found):
        if not hit:
            print(f"  missed: {entry['a']['article']} «{entry['a']['figure']}» | {entry['b']['article']} «{entry['b']['figure']}»")
    for entry in false:
        print(f"  false alarm: {entry['a']['article']} «{entry['a']['figure']}» | {entry['b']['article']} «{entry['b']['figure']}»: {entry['why']}")
    for r in rows:
        if r not in right and r not in wrong:
            print(f"  other row: {r[0]} {r[1]} {sorted(r[2])} «{r[3]}» | {sorted(r[4])} «{r[5]}»")
    return 0


if __name__ == "__main__":
    sys.exit(main())
