"""Files written whole or not at all, and rows written a chunk at a time (report.py, store.py)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

# Rows go to a report this many at a time: a writer never holds a table whole. A run of 5 000
# generated articles wrote 398 942 discrepancy rows: as one DataFrame (rows, frame and its
# formula-guarded copy), 2.5 GB more in the main process.
CHUNK_ROWS = 10_000


def chunks(rows: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` rows, the last one shorter; one empty list for no rows (the header)."""
    rows = iter(rows)
    chunk = list(islice(rows, size))
    yield chunk
    while chunk := list(islice(rows, size)):
        yield chunk


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_file_atomically(path: Path, write: Callable[[str], object]) -> None:
    """`write(name)` writes the file `name`, a temp file beside `path`; it is then synced to
    disk, given the permissions of a new file (the umask's) and renamed over `path`. A failed
    write leaves `path` as it was, and no temp file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes the file private; reports are to share
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
