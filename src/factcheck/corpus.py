"""Read a corpus folder or file into articles; unreadable inputs become `Skipped` records.

Formats:
- `.txt` / `.md`: one article per file, with optional YAML front matter between `---` lines
  (`title`, `date` as ISO `YYYY-MM-DD`, `source`, `url`, `id`).
- `.jsonl`: one article per line, the same fields plus `text`.
Folders are read recursively in sorted order, so ids and reports are deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from .errors import ArticleError, CorpusError
from .models import Article, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}


def read_corpus(path: str | Path) -> Iterator[Article | Skipped]:
    """Yield every article under `path` (a folder or one file), or why an input was skipped."""
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"corpus path '{root}' does not exist: give a folder of articles or one file")
    if root.is_file():
        yield from _read_file(root, root.name)
        return
    if not root.is_dir():
        raise CorpusError(f"corpus path '{root}' is neither a folder nor a file")
    for file in _walk(root):
        yield from _read_file(file, file.relative_to(root).as_posix())


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root`, depth first, in sorted order; hidden files and folders are left out."""
    entries = sorted(root.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        else:
            yield entry


def _read_file(file: Path, rel: str) -> Iterator[Article | Skipped]:
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES:
        yield Skipped(rel, f"unsupported file type '{suffix or '(none)'}': expected .txt, .md or .jsonl")
        return
    try:
        raw = file.read_bytes()
        text = decode_text(raw)
    except (OSError, ArticleError) as exc:
        yield Skipped(rel, _reason(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, rel)
        return
    try:
        yield parse_text_article(text, rel)
    except ArticleError as exc:
        yield Skipped(rel, str(exc))


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8"
        ) from None


def parse_text_article(text: str, article_id: str) -> Article:
    """One `.txt`/`.md` article: optional front matter, then the body (offsets are into the body)."""
    meta: dict = {}
    body = text
    if text.startswith("---\n") or text.startswith("---\r\n"):
        end = _front_matter_end(text)
        if end is None:
            raise ArticleError("front matter opened with '---' is never closed by a '---' line")
        head, body = text[: end[0]], text[end[1] :]
        try:
            meta = yaml.safe_load(head.split("\n", 1)[1]) or {}
        except yaml.YAMLError as exc:
            raise ArticleError(f"front matter is not valid YAML: {_one_line(exc)}") from None
        if not isinstance(meta, dict):
            raise ArticleError(f"front matter must be a mapping of keys to values, got {type(meta).__name__}")
    return _make_article(meta, body, article_id, article_id)


def _front_matter_end(text: str) -> tuple[int, int] | None:
    """(start, end) of the closing `---` line, or None."""
    pos = text.find("\n") + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl == -1 else nl
        if text[pos:line_end].rstrip("\r") == "---":
            return pos, (line_end + 1 if nl != -1 else line_end)
        if nl == -1:
            return None
        pos = nl + 1
    return None


def _read_jsonl(text: str, rel: str) -> Iterator[Article | Skipped]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{rel}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"line {number} is not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(where, f"line {number} must be a JSON object with a string 'text' field")
            continue
        article_id = f"{rel}#{record['id']}" if record.get("id") not in (None, "") else where
        meta = {k: v for k, v in record.items() if k != "text"}
        try:
            yield _make_article(meta, record["text"], article_id, where)
        except ArticleError as exc:
            yield Skipped(where, str(exc))


def _make_article(meta: dict, body: str, article_id: str, path: str) -> Article:
    if not body.strip():
        raise ArticleError("the article has no text")
    return Article(
        id=article_id,
        text=body,
        path=path,
        title=_optional_str(meta, "title"),
        date=_parse_date(meta.get("date")),
        source=_optional_str(meta, "source"),
        url=_optional_str(meta, "url"),
    )


def _optional_str(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _parse_date(value: object) -> dt.date | None:
    """The publication date: a YAML date, or an ISO `YYYY-MM-DD` string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ArticleError(f"'date' must be an ISO date such as 2025-04-10, got {value!r}") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(exc, OSError):
        return f"cannot be read: {exc.strerror or exc}"
    return str(exc)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
