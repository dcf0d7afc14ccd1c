"""The claims store beside the reports: what a later run on a grown corpus takes back.

- `claims.parquet`: one row per claim (the columns of `models.Claim`), for pandas, DuckDB or
  Polars;
- `articles.parquet`: one row per article read, with its metadata, the corpus file it came
  from and that file's size and modification time, its story signature and how many numbers
  it held;
- `discrepancies.parquet`: the id of every discrepancy reported so far and the run it was
  first reported in (`first_seen`).

A run whose store was written by the same code, model and rules takes the articles of every
corpus file whose size and modification time are unchanged from the store, without reading
the file again; it reads and parses only the new or changed files. Its reports are the same
as a run from scratch on the same corpus, with the run number each discrepancy was first
reported in. A file that gave a skipped input is read again each run, so that its skip is
reported again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path

from .models import ArticleInfo, Claim
from .writing import CHUNK_ROWS, chunks, write_file_atomically

STORE_FILES = ("claims.parquet", "articles.parquet", "discrepancies.parquet")
_VERSION_KEY = b"factcheck_version"
_RUN_KEY = b"factcheck_run"


@dataclass(slots=True)
class StoredArticle:
    """An article as the store keeps it: metadata, claims, story signature, numbers seen."""

    info: ArticleInfo
    claims: list[Claim]
    signature: dict
    numbers_seen: int


@dataclass(slots=True)
class Store:
    """What the previous run stored: its articles by corpus file, the files' (size, mtime_ns),
    the run each discrepancy id was first reported in, and that run's number."""

    version: str
    run: int = 0
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    articles: dict[str, list[StoredArticle]] = field(default_factory=dict)
    first_seen: dict[str, int] = field(default_factory=dict)

    def unchanged(self, rel: str, stat: os.stat_result) -> bool:
        """Whether corpus file `rel` is as the store read it (same size and modification time)."""
        return self.files.get(rel) == (stat.st_size, stat.st_mtime_ns)


def file_of(article_path: str) -> str:
    """The corpus file an article came from: "feed.jsonl#12" -> "feed.jsonl"."""
    return article_path.split("#", 1)[0]


def load_store(out: str | Path, version: str) -> Store:
    """The store in `out` if the same code, model and rules wrote it, else an empty one (of the
    same run count, so first_seen keeps counting)."""
    out = Path(out)
    try:
        import pyarrow.parquet as pq

        articles = pq.read_table(out / "articles.parquet")
        claims = pq.read_table(out / "claims.parquet").to_pylist()
        seen = pq.read_table(out / "discrepancies.parquet").to_pylist()
    except (OSError, ValueError, ImportError):
        return Store(version)
    meta = articles.schema.metadata or {}
    run = int(meta.get(_RUN_KEY, b"0"))
    first_seen = {row["discrepancy_id"]: row["first_seen"] for row in seen}
    if meta.get(_VERSION_KEY, b"").decode() != version:
        return Store(version, run, first_seen=first_seen)  # other code or rules: read everything again
    by_article = claims_by_article(claims)
    store = Store(version, run, first_seen=first_seen)
    for row in articles.to_pylist():
        info = ArticleInfo(**{k: row[k] for k in _field_names(ArticleInfo)})
        stored = StoredArticle(info, by_article.get(info.id, []), json.loads(row["signature"]), row["numbers_seen"])
        store.articles.setdefault(row["file"], []).append(stored)
        if row["file_size"] is not None:
            store.files[row["file"]] = (row["file_size"], row["file_mtime_ns"])
    return store


def save_store(
    out: str | Path, corpus: str | Path, version: str, run: int, articles: list[StoredArticle],
    skipped_files: set[str], first_seen: dict[str, int],
) -> list[Path]:
    """Write the three Parquet files atomically; returns their paths. `skipped_files`: corpus
    files that gave a skipped input (not to be taken back: read again next run)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out, root = Path(out), Path(corpus)
    articles = sorted(articles, key=lambda a: a.info.id)
    article_rows = []
    for stored in articles:
        file = file_of(stored.info.path)
        stat = _stat(root, file) if file not in skipped_files else None
        article_rows.append({
            **record_dict(stored.info), "file": file, "file_size": stat.st_size if stat else None,
            "file_mtime_ns": stat.st_mtime_ns if stat else None,
            "signature": json.dumps(stored.signature, ensure_ascii=False, sort_keys=True),
            "numbers_seen": stored.numbers_seen,
        })
    claims = (c for stored in articles for c in sorted(stored.claims, key=lambda c: (c.start, c.end)))
    meta = {_VERSION_KEY: version.encode(), _RUN_KEY: str(run).encode()}
    seen = pa.schema([("discrepancy_id", pa.string()), ("first_seen", pa.int64())])

    tables = {
        "claims.parquet": lambda name: write_claims(claims, name),
        "articles.parquet": lambda name: pq.write_table(
            pa.Table.from_pylist(article_rows, schema=_article_schema()).replace_schema_metadata(meta), name),
        "discrepancies.parquet": lambda name: pq.write_table(
            pa.Table.from_pylist([{"discrepancy_id": k, "first_seen": v} for k, v in sorted(first_seen.items())],
                                 schema=seen), name),
    }
    paths = []
    for name, write in tables.items():
        write_file_atomically(out / name, write)
        paths.append(out / name)
    return paths


def write_claims(claims: Iterable[Claim], path: str | Path) -> None:
    """The claims as a Parquet file of `_schema(Claim)`, a row group per CHUNK_ROWS claims: never
    all of them as dicts at once. `claims_by_article` reads its rows back."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema(Claim)
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in chunks(claims, CHUNK_ROWS):
            writer.write_table(pa.Table.from_pylist([record_dict(c) for c in chunk], schema=schema))


def record_dict(record: Claim | ArticleInfo) -> dict:
    """A record's fields by name: what dataclasses.asdict gives for these flat records (their
    fields are strings, numbers, dates and None), without its deep copy of every value, which
    took 0.12 s for the 3 525 claims of 128 generated articles (this: 0.01 s)."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def claims_by_article(rows: list[dict]) -> dict[str, list[Claim]]:
    """Claims read back from Parquet rows (`_schema(Claim)`), by article, in their order."""
    names = set(_field_names(Claim))
    by_article: dict[str, list[Claim]] = {}
    for row in rows:
        claim = Claim(**{k: v for k, v in row.items() if k in names})
        by_article.setdefault(claim.article, []).append(claim)
    return by_article


def _stat(root: Path, file: str) -> os.stat_result | None:
    path = root if root.is_file() else root / file
    try:
        return path.stat()
    except OSError:
        return None


def _schema(cls) -> "pa.Schema":
    """An Arrow schema from a dataclass's annotations (str, int, float, bool, optional)."""
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    columns = []
    for f in fields(cls):
        annotation = str(f.type).replace(" ", "")
        base = next((k for k in ("bool", "float", "int", "str") if annotation.startswith(k) or f"[{k}" in annotation), "str")
        if "tuple" in annotation:
            columns.append((f.name, pa.list_(pa.string())))
        else:
            columns.append((f.name, kinds[base]))
    return pa.schema(columns)


def _article_schema() -> "pa.Schema":
    import pyarrow as pa

    base = [(f.name, pa.date32() if f.name == "date" else pa.string()) for f in fields(ArticleInfo)]
    return pa.schema(base + [("file", pa.string()), ("file_size", pa.int64()), ("file_mtime_ns", pa.int64()),
                             ("signature", pa.string()), ("numbers_seen", pa.int64())])
