"""Rows read back in order that need not all be in memory: a list while they are few, sorted
runs on disk merged on reading beyond that.

A run of thousands of articles can find hundreds of thousands of discrepancies (5 000
generated articles: 398 942, about 650 MB as objects). `SortedSpool` takes them as they are
found, each with a unique sort key. Up to `limit` of them it sorts them in memory and gives a
list, exactly as `sorted` would. Beyond, it writes each `limit` of them sorted to a file (a
run) and gives a `SpilledRows`: a sequence whose every reading merges the runs
(`heapq.merge`), holding a chunk of each run at a time. The files are pickles in a temporary
folder (`tempfile`, so TMPDIR chooses where), removed with the sequence.

Objects the rows share with the rest of the run (the claims of a discrepancy) are written as
references, not copies (pickle's persistent ids): `reference_of(obj)` names one, or returns
None for an object to copy, and `references[name]` gives it back on reading.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from .errors import FactcheckError
from .writing import chunks

# Rows written (and read back) by pickle call: a reading holds this many rows of each run.
CHUNK = 1000


class SortedSpool:
    """Items added with unique, comparable keys; `finish()` gives them in key order."""

    def __init__(self, limit: int | None, references: Mapping[Hashable, Any] | None = None,
                 reference_of: Callable[[object], Hashable | None] = lambda obj: None):
        self.limit = limit
        self.references = references or {}
        self.reference_of = reference_of
        self.items: list[tuple[Any, Any]] = []
        self.runs: list[Path] = []
        self.length = 0
        self.folder: tempfile.TemporaryDirectory | None = None

    def add(self, key: Any, item: Any) -> None:
        self.items.append((key, item))
        self.length += 1
        if self.limit is not None and len(self.items) >= self.limit:
            self._spill()

    def finish(self) -> list | SpilledRows:
        """The items in key order: a list if they were never more than `limit`, else the runs."""
        if not self.runs:
            items = [item for _, item in sorted(self.items, key=itemgetter(0))]
            self.items = []
            return items
        if self.items:
            self._spill()
        return SpilledRows(self.folder, self.runs, self.length, self.references)

    def _spill(self) -> None:
        try:
            if self.folder is None:
                self.folder = tempfile.TemporaryDirectory(prefix="factcheck-rows-")
            path = Path(self.folder.name) / f"run-{len(self.runs):05d}.pickle"
            self.items.sort(key=itemgetter(0))
            with open(path, "wb") as handle:
                pickler = _Pickler(handle, self.reference_of)
                for chunk in chunks(self.items, CHUNK):
                    pickler.dump(chunk)
                    pickler.clear_memo()  # each chunk stands alone: nothing held from the last one
        except OSError as exc:
            where = self.folder.name if self.folder is not None else tempfile.gettempdir()
            raise FactcheckError(
                f"{where}: cannot keep the discrepancies on disk: {exc.strerror or exc} (set TMPDIR to a folder "
                "with room; the previous reports are left as they were)"
            ) from None
        self.runs.append(path)
        self.items = []


class SpilledRows(Sequence):
    """Rows in sorted runs on disk (`SortedSpool`): each iteration merges the runs again."""

    def __init__(self, folder: tempfile.TemporaryDirectory, runs: list[Path], length: int,
                 references: Mapping[Hashable, Any]):
        self.folder, self.runs, self.length, self.references = folder, runs, length, references

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator:
        merged = heapq.merge(*(self._read(run) for run in self.runs), key=itemgetter(0))
        return (item for _, item in merged)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.length)
            return list(islice(self, start, stop, step)) if step > 0 else list(self)[index]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        return next(islice(self, index, None))

    def _read(self, run: Path) -> Iterator[tuple[Any, Any]]:
        with open(run, "rb") as handle:
            while True:
                try:
                    chunk = _Unpickler(handle, self.references).load()
                except EOFError:
                    return
                yield from chunk


class _Pickler(pickle.Pickler):
    def __init__(self, handle, reference_of: Callable[[object], Hashable | None]):
        super().__init__(handle, protocol=pickle.HIGHEST_PROTOCOL)
        self.reference_of = reference_of

    def persistent_id(self, obj: object) -> Hashable | None:
        return self.reference_of(obj)


class _Unpickler(pickle.Unpickler):
    def __init__(self, handle, references: Mapping[Hashable, Any]):
        super().__init__(handle)
        self.references = references

    def persistent_load(self, name: Hashable) -> Any:
        return self.references[name]
