"""A run on a corpus that grew by 10 %, against a full run: what the claims store saves.

    python benchmarks/bench_incremental.py [--articles N]

Generates N real-looking French articles (bench_pipeline's generator), runs the CLI on them
into a fresh folder with no cache (the full run), adds N/10 new articles, and runs again into
the same folder with no cache: the store gives back the N old articles' claims and only the
new ones are read and parsed. Then a full run on the grown corpus, from scratch, to compare
its reports with the incremental run's. Prints both times, their ratio (issue 16's floor:
at most 0.2) and whether the reports agree (discrepancies.csv but for its first_seen column).
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from factcheck.cli import main as factcheck

HERE = Path(__file__).resolve().parent


def _generator():
    spec = importlib.util.spec_from_file_location("bench_pipeline", HERE / "bench_pipeline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_corpus


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    code = factcheck(args + ["--no-cache", "--quiet", "--jobs", "1"])
    if code not in (0, 3):
        raise SystemExit(f"factcheck {' '.join(args)} exited {code}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="articles of the first corpus (default 200)")
    args = parser.parse_args()
    generate = _generator()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        every = tmp / "every"
        generate(every, args.articles + args.articles // 10)
        files = sorted(p for p in every.iterdir() if p.suffix == ".txt")
        corpus = tmp / "corpus"
        corpus.mkdir()
        for f in files[: args.articles]:
            shutil.copy2(f, corpus / f.name)
        full = _timed([str(corpus), "--out", str(tmp / "out")])
        for f in files[args.articles :]:
            shutil.copy2(f, corpus / f.name)
        grown = _timed([str(corpus), "--out", str(tmp / "out")])
        scratch = _timed([str(corpus), "--out", str(tmp / "scratch")])
        same = all(filecmp.cmp(tmp / "out" / n, tmp / "scratch" / n, shallow=False)
                   for n in ("claims.csv", "facts.csv", "articles.csv", "skipped.csv"))
        rows = [pd.read_csv(tmp / d / "discrepancies.csv", keep_default_na=False, dtype=str).drop(columns="first_seen")
                for d in ("out", "scratch")]
        same = same and rows[0].equals(rows[1])
        print(f"full run on {args.articles} articles: {full:.1f} s")
        print(f"run after adding {len(files) - args.articles} articles (store of the first run): {grown:.1f} s")
        print(f"full run on the {len(files)} articles from scratch: {scratch:.1f} s")
        print(f"incremental / full: {grown / full:.2f} (floor: at most 0.2)")
        print(f"reports of the incremental run and of the run from scratch agree: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
