"""A cache of processed articles in one SQLite file, so a re-run on an unchanged corpus does no spaCy work.

Two tables. `docs`: the parsed doc, keyed by a hash of the article text, its publication
date (days without a year are resolved against it), the model name and version, and the
source of our pipeline code. `facts`: what the run keeps of an article (its claims, its
story signature, how many numbers it holds), keyed by the doc key, the rules that shape
claims (`RuleSet.claims_fingerprint`) and the source of the whole package. A re-run with
the same rules reads only the facts: no doc is loaded, no claim rebuilt. A change of rules
rebuilds the claims from the cached docs, with no re-parse.
"""

from __future__ import annotations

import hashlib
import sqlite3
from importlib import metadata
from pathlib import Path

import spacy

from .errors import FactcheckError

PIPELINE_SOURCES = ["nlp.py", "models.py", "pipes"]


def code_version(sources: list[str] = PIPELINE_SOURCES) -> str:
    """A hash of the code that shapes a processed doc (our components and their data), or of
    the given files and folders of the package."""
    root = Path(__file__).parent
    digest = hashlib.sha256(spacy.__version__.encode())
    for name in sources:
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

    def __init__(self, path: str | Path, model: str, rules_fingerprint: str = ""):
        self.path = Path(path)
        self.prefix = f"{model}|{model_version(model)}|{code_version()}|"
        self.facts_prefix = f"{code_version(['.'])}|{rules_fingerprint}|"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, doc BLOB NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        except sqlite3.DatabaseError as exc:
            raise FactcheckError(
                f"the cache '{self.path}' cannot be used ({exc}); delete it or pass --no-cache"
            ) from None
        self.pending = 0
        self.hits = 0
        self.misses = 0

    def key(self, text: str, published: str | None) -> str:
        return hashlib.sha256(f"{self.prefix}{published}|{text}".encode()).hexdigest()

    def facts_key(self, key: str) -> str:
        """The key of an article's facts under the current rules, from its doc key."""
        return hashlib.sha256(f"{self.facts_prefix}{key}".encode()).hexdigest()

    def has(self, key: str) -> bool:
        """True when the doc is cached; counts the hit or the miss."""
        found = self.db.execute("SELECT 1 FROM docs WHERE key = ?", (key,)).fetchone() is not None
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return found

    def has_facts(self, key: str) -> bool:
        """True when the facts of a doc key are stored for the current rules; a hit counts as a
        reused article."""
        found = self.db.execute("SELECT 1 FROM facts WHERE key = ?", (self.facts_key(key),)).fetchone() is not None
        if found:
            self.hits += 1
        return found

    def get_facts(self, key: str) -> str:
        """The facts stored under a doc key for the current rules (JSON text; see has_facts)."""
        return self.db.execute("SELECT data FROM facts WHERE key = ?", (self.facts_key(key),)).fetchone()[0]

    def put_facts(self, key: str, data: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO facts (key, data) VALUES (?, ?)", (self.facts_key(key), data))
        self._written()

    def get(self, key: str) -> bytes:
        return self.db.execute("SELECT doc FROM docs WHERE key = ?", (key,)).fetchone()[0]

    def put(self, key: str, data: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO docs (key, doc) VALUES (?, ?)", (key, data))
        self._written()

    def _written(self) -> None:
        self.pending += 1
        if self.pending >= 200:
            self.db.commit()
            self.pending = 0

    def close(self) -> None:
        self.db.commit()
        self.db.close()
