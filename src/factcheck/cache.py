"""A cache of processed docs in one SQLite file, so a re-run on an unchanged corpus does no spaCy work.

The key is a hash of the article text, its publication date (days without a year are
resolved against it), the model name and version, and the source of our pipeline code.
Claims are rebuilt from the cached docs at each run, so a change of rules needs no re-parse.
"""

from __future__ import annotations

import hashlib
import sqlite3
from importlib import metadata
from pathlib import Path

import spacy

from .errors import FactcheckError

PIPELINE_SOURCES = ["nlp.py", "models.py", "pipes"]


def code_version() -> str:
    """A hash of the code that shapes a processed doc (our components and their data)."""
    root = Path(__file__).parent
    digest = hashlib.sha256(spacy.__version__.encode())
    for name in PIPELINE_SOURCES:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_version(model: str) -> str:
    """The installed version of a model package, without loading it."""
    try:
        return metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return "unknown"


class DocCache:
    """Processed docs as bytes, by key. Writes are committed in batches and on close."""

    def __init__(self, path: str | Path, model: str):
        self.path = Path(path)
        self.prefix = f"{model}|{model_version(model)}|{code_version()}|"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, doc BLOB NOT NULL)")
        except sqlite3.DatabaseError as exc:
            raise FactcheckError(
                f"the cache '{self.path}' cannot be used ({exc}); delete it or pass --no-cache"
            ) from None
        self.pending = 0
        self.hits = 0
        self.misses = 0

    def key(self, text: str, published: str | None) -> str:
        return hashlib.sha256(f"{self.prefix}{published}|{text}".encode()).hexdigest()

    def has(self, key: str) -> bool:
        """True when the doc is cached; counts the hit or the miss."""
        found = self.db.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone() is not None
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return found

    def get(self, key: str) -> bytes:
        return self.db.execute("SELECT doc FROM docs WHERE key = ?", (key,)).fetchone()[0]

    def put(self, key: str, data: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs (key, doc) VALUES (?, ?)", (key, data))
        self.pending += 1
        if self.pending >= 200:
            self.db.commit()
            self.pending = 0

    def close(self) -> None:
        self.db.commit()
        self.db.close()
