"""Score factcheck on the press-shaped development corpus (../shared/eval/press) with its scorer.

    python benchmarks/eval_press.py [--press DIR] [--out DIR]

Runs the CLI on the corpus's articles with --min-confidence 0 (every row the matcher keeps),
then scores discrepancies.csv with the corpus's own score.py at several confidence
thresholds: per-type recall, forbidden pairs flagged and precision. The line for the
default threshold is the measurement of record; the others show what a threshold buys.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from factcheck.cli import main as factcheck
from factcheck.frames.match import DEFAULT_MIN_CONFIDENCE

ROOT = Path(__file__).resolve().parents[1]
PRESS = ROOT.parent / "shared" / "eval" / "press"
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def _score(press: Path, csv: Path, verbose: bool) -> str:
    done = subprocess.run(
        [sys.executable, str(press / "score.py"), str(csv), str(press / "labels.json")],
        capture_output=True, text=True, check=True,
    )
    if verbose:
        print(done.stdout.rstrip())
    return done.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--press", default=str(PRESS), help="the press corpus folder (articles/, labels.json, score.py)")
    parser.add_argument("--out", default=None, help="where the reports go (default: a temporary folder)")
    args = parser.parse_args()
    press = Path(args.press)
    if not (press / "score.py").is_file():
        print(f"eval_press: no scorer at {press / 'score.py'}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out or tmp)
        code = factcheck([str(press / "articles"), "--out", str(out), "--no-cache", "--quiet", "--min-confidence", "0"])
        if code not in (0, 3):
            return code
        rows = pd.read_csv(out / "discrepancies.csv", keep_default_na=False)
        rows = rows[rows["article_a"] != rows["article_b"]]  # the labels are pairs of articles
        for threshold in THRESHOLDS:
            kept = rows[rows["confidence"].astype(float) >= threshold - 1e-9]
            path = Path(tmp) / f"rows_{threshold}.csv"
            kept.to_csv(path, index=False)
            default = abs(threshold - DEFAULT_MIN_CONFIDENCE) < 1e-9
            if default:
                print(f"-- at the default --min-confidence {DEFAULT_MIN_CONFIDENCE}:")
            line = _score(press, path, verbose=default)
            print(f"min-confidence {threshold:.1f}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
