"""The Dask engine (`factcheck CORPUS --engine dask [--scheduler ADDRESS]`): the corpus read,
parsed and compared on the workers of a Dask cluster, the reports written by the client.

1. The client walks the corpus for its files (corpus.walk_corpus: paths, and the size and
   modification time the claims store needs) and sends them to the workers in partitions of
   `FILES_PER_PARTITION` files. A worker reads each file as the local engine does
   (corpus.read_file: front matter, JSONL, HTML, encodings, skips and notes), parses its
   articles (the model and the rules loaded once per worker) and writes the partition's
   claims as one Parquet file (`claims-NNNNN.parquet` in a folder of the reports folder, which
   the workers must reach: on a cluster, a shared file system). The client gets back what it
   needs of each article (metadata, notes, story signature, numbers seen, or why it was
   skipped) and reads the claims from the Parquet partitions.
2. The client assigns the stories (from the signatures, as the local engine does), then the
   comparison runs on the workers: each partition's claims, read back from its Parquet file
   (the claims store's, taken back by the client, are written as one more), are split into
   comparison units (compare.comparison_units: a rules measure, a frame key, an article)
   hashed into buckets; each bucket gathers its units from every partition, worker to
   worker, and compares them (compare.compare_unit). The comparison decomposes exactly by
   unit (see compare.py), so the client's merge (compare.merge_units) gives
   find_discrepancies' rows, byte for byte in the reports.

Shuffled with futures (`client.submit` on each partition's split, a `getitem` per bucket)
rather than dask.dataframe's shuffle: the claims are compared as the Python records the
local engine compares, and a frame key's unit carries its articles' context, which is not a
row; a DataFrame round trip would turn None into NaN and integers into floats on the way.
Without `--scheduler`, a local cluster of `--jobs` worker processes, forked from the client
once it has loaded the model (as the local engine's processes are), so that they do not load
it again. Needs the optional extra: `pip install "factcheck[dask]"`.
"""

from __future__ import annotations

import hashlib
import operator
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path

from .corpus import CorpusFile
from .errors import FactcheckError
from .models import Article, Claim, Discrepancy, Skipped
from .ruleset import RuleSet
from .store import claims_by_article, write_claims

FILES_PER_PARTITION = 16
# How many partitions are being parsed at once per worker: enough to keep it busy, not the corpus.
PARTITIONS_PER_WORKER = 2
# Comparison buckets per worker: a few, so that one large unit does not hold all the others back.
BUCKETS_PER_WORKER = 2

_worker_state: dict[tuple, tuple] = {}  # on each worker: (model, rules...) -> (lazy nlp, ruleset)

# What a worker returns of one corpus input: (claims' signature and numbers seen, the article
# without its text), or (Skipped, the article when it was read, else None).
Entry = tuple[tuple[dict, int] | Skipped, Article | None]


class DaskEngine:
    """A run's cluster: `parse` the corpus files on it, then `compare` their claims; `close`."""

    def __init__(self, scheduler: str | None, jobs: int, model: str, max_chars: int, rules: str | Path | None,
                 suppress: list[str | Path], out: str | Path):
        self.scheduler, self.jobs, self.out = scheduler, jobs, Path(out)
        self.key = (model, max_chars, str(rules) if rules is not None else None, tuple(str(s) for s in suppress))
        self.client = self.cluster = None
        self.parts: Path | None = None  # the claims' Parquet partitions
        self.partitions: list[str] = []  # the Parquet files of the claims of each partition parsed
        self.articles: list[list[str]] = []  # the ids of each partition's articles
        self.places: set[str] = set()  # the places the figures of every partition name (frames/match.py)

    def _start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise FactcheckError('--engine dask needs Dask: pip install "factcheck[dask]"') from None
        if self.scheduler is None:
            import dask

            # The model loaded once here, the worker processes forked from this one start with
            # it, as the local engine's do (spawned, each would load it: seconds of CPU each).
            # Linux only: elsewhere forking a process with threads is not safe, workers spawn.
            method = "fork" if sys.platform == "linux" else "spawn"
            if method == "fork":
                _state(self.key)[0].nlp
            with dask.config.set({"distributed.worker.multiprocessing-method": method}):
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise FactcheckError(f"--scheduler {self.scheduler}: cannot reach the Dask scheduler: {exc}") from None
        self.parts = Path(tempfile.mkdtemp(prefix=".dask-claims-", dir=self.out))

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})) or self.jobs)

    def parse(self, files: Iterator[CorpusFile]) -> Iterator[tuple[tuple[list[Claim], dict, int] | Skipped, Article | None]]:
        """((claims, story signature, numbers seen) or Skipped, article or None) for every
        input of `files`, read and parsed on the workers, in no fixed order."""
        from distributed import as_completed

        if self.client is None:
            self._start()
        partitions = iter(lambda: list(islice(files, FILES_PER_PARTITION)), [])
        pending = as_completed(with_results=False)
        where: dict[str, tuple[int, str]] = {}  # future's key -> (partition, its Parquet file)

        def submit(partition: list[CorpusFile]) -> None:
            index = len(self.partitions)
            path = str(self.parts / f"claims-{index:05d}.parquet")
            self.partitions.append(path)
            self.articles.append([])
            parsed = self.client.submit(parse_partition, partition, self.key, path, pure=False)
            where[parsed.key] = (index, path)
            pending.add(parsed)

        for partition in islice(partitions, self.workers() * PARTITIONS_PER_WORKER):
            submit(partition)
        for parsed in pending:
            entries, places = parsed.result()
            index, path = where.pop(parsed.key)
            self.places |= places
            claims = _read_claims(path)
            for facts, article in entries:
                if article is not None and not isinstance(facts, Skipped):
                    self.articles[index].append(article.id)
                    yield (claims.get(article.id, []), *facts), article
                else:
                    yield facts, article
            partition = next(partitions, None)
            if partition is not None:
                submit(partition)

    def compare(self, stories: dict[str, str], stored: list[Claim], rules: RuleSet, min_confidence: float,
                spill_rows: int | None = None) -> Sequence[Discrepancy]:
        """The discrepancies of every claim parsed (`parse`) and of `stored` (the claims store's,
        taken back on the client), compared on the workers; find_discrepancies' rows, taken a
        bucket at a time and kept on disk past `spill_rows` (compare.RowMerger)."""
        from distributed import as_completed

        from .compare import RowMerger
        from .frames.match import figure_places

        if self.client is None:
            self._start()
        partitions = list(zip(self.partitions, self.articles))
        if stored:  # one more partition, written here
            path = str(self.parts / "claims-stored.parquet")
            write_claims(stored, path)
            partitions.append((path, list(dict.fromkeys(c.article for c in stored))))
            self.places |= figure_places([c for c in stored if not (c.topic and c.measure)])
        buckets = self.workers() * BUCKETS_PER_WORKER
        [places] = self.client.scatter([frozenset(self.places)], broadcast=True)
        splits = [self.client.submit(split_partition, path, {a: stories[a] for a in ids}, buckets, pure=False)
                  for path, ids in partitions]
        compared = [
            self.client.submit(compare_bucket, [self.client.submit(operator.getitem, s, b, pure=False) for s in splits],
                               self.key, min_confidence, places, pure=False)
            for b in range(buckets)
        ]
        merger = RowMerger(rules, spill_rows)
        for done in as_completed(compared):
            for unit, rows in done.result().items():
                merger.add(unit, rows)
        return merger.finish()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self.parts is not None:
            shutil.rmtree(self.parts, ignore_errors=True)
        self.client = self.cluster = self.parts = None


def _state(key: tuple) -> tuple:
    """On a worker: the (lazy) model and the rules of the run, loaded once."""
    from .pipeline import _LazyModel
    from .ruleset import load_user_rules

    if key not in _worker_state:
        model, max_chars, rules, suppress = key
        _worker_state[key] = (_LazyModel(model, max_chars), load_user_rules(rules, list(suppress)))
    return _worker_state[key]


def parse_partition(files: list[CorpusFile], key: tuple, path: str) -> tuple[list[Entry], frozenset[str]]:
    """On a worker: read and parse `files`, write their claims, in the order of their articles,
    to the Parquet file `path`; returns an entry for each input and the places its figures name."""
    from .corpus import read_file
    from .frames.match import figure_places
    from .pipeline import _failed, facts_or_failure

    lazy, ruleset = _state(key)
    max_chars = key[1]
    entries: list[Entry] = []
    articles: list[Article] = []
    for file in files:
        for item in read_file(file, max_chars):
            if isinstance(item, Skipped):
                entries.append((item, None))
            else:
                articles.append(item)
    nlp = lazy.nlp if articles else None
    docs = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published = article.date.isoformat() if article.date else None
        docs.append(doc)
    claims: list[Claim] = []
    for doc, article in zip(nlp.pipe(docs) if articles else [], articles):
        bare = replace(article, text="")  # the client needs its metadata and notes, not its text
        if doc._.factcheck_error is not None:
            entries.append((_failed(article, doc._.factcheck_error), bare))
            continue
        facts = facts_or_failure(doc, article, ruleset)
        if isinstance(facts, Skipped):
            entries.append((facts, bare))
            continue
        claims += facts.claims
        entries.append(((facts.signature, facts.numbers_seen), bare))
    write_claims(claims, path)
    return entries, figure_places([c for c in claims if not (c.topic and c.measure)])


def split_partition(path: str, stories: dict[str, str], buckets: int) -> list[dict[tuple, tuple]]:
    """On a worker: the claims of a partition's Parquet file (with their stories) by comparison
    unit, each unit with the context of its articles if it is a frame key, in `buckets` buckets
    by the unit's hash."""
    from .compare import comparison_units
    from .frames.match import frame_context

    claims = [replace(c, story=stories[c.article]) for members in _read_claims(path).values() for c in members]
    context = frame_context([c for c in claims if not (c.topic and c.measure)])
    out: list[dict[tuple, tuple]] = [{} for _ in range(buckets)]
    for unit, members in comparison_units(claims).items():
        pieces: tuple = (members,)
        if unit[0] == "frames":
            articles = {c.article for c in members}
            pieces = (members, {a: context.anchors[a] for a in articles if a in context.anchors},
                      {a: context.texts[a] for a in articles if a in context.texts})
        out[_bucket(unit, buckets)][unit] = pieces
    return out


def _bucket(unit: tuple, buckets: int) -> int:
    """The unit's bucket, the same on every process (Python's own hash of a str is not)."""
    return int.from_bytes(hashlib.sha1(repr(unit).encode()).digest()[:8], "big") % buckets


def compare_bucket(splits: list[dict[tuple, tuple]], key: tuple, min_confidence: float,
                   places: frozenset[str]) -> dict[tuple, list[Discrepancy]]:
    """On a worker: the rows of each unit of one bucket, its pieces gathered from every partition
    (an article is in one partition: its claims and its context come whole)."""
    from .compare import compare_unit
    from .frames.match import FrameContext

    _, ruleset = _state(key)
    units: dict[tuple, list] = {}
    for split in splits:
        for unit, pieces in split.items():
            gathered = units.setdefault(unit, [[], {}, {}])
            gathered[0] += pieces[0]
            if len(pieces) > 1:
                gathered[1].update(pieces[1])
                gathered[2].update(pieces[2])
    return {
        unit: compare_unit(unit, claims, ruleset, min_confidence,
                           FrameContext(anchors, texts, places) if unit[0] == "frames" else None)
        for unit, (claims, anchors, texts) in units.items()
    }


def _read_claims(path: str) -> dict[str, list[Claim]]:
    """A partition's claims by article, in their order."""
    import pyarrow.parquet as pq

    return claims_by_article(pq.read_table(path).to_pylist())
