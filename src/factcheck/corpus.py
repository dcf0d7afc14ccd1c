"""Read a corpus folder or file into articles; unreadable inputs become `Skipped` records.

Formats:
- `.txt` / `.md`: one article per file, with optional YAML front matter between `---` lines
  (`title`, `date` as ISO `YYYY-MM-DD`, `source`, `url`, `id`). Markdown is read as the text
  it shows: no `#`, `**`, `_` or `- ` markers; a list item or a table row stays a line.
- `.jsonl`: one article per line, the same fields plus `text`.
- `.html` / `.htm` (or a `.txt` that is an HTML page): the main text, without navigation,
  footer and related links, and the page's own title, author, outlet and publication date
  (trafilatura, with htmldate for the date, which falls back on `/2018/12/01/` in the page's
  address). Offsets are then into the extracted text.
Folders are read recursively in sorted order, so ids and reports are deterministic.
Text is read as UTF-8 (with or without BOM) or BOM-marked UTF-16; a line that is not valid
UTF-8 is read as Windows-1252 / Latin-1 when its bytes say so unambiguously (no control
characters once decoded), with a note on the article, and the file is reported otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .errors import ArticleError, CorpusError
from .language import foreign_language
from .models import Article, Skipped

# libyaml's safe loader when PyYAML was built with it (its wheels are): the front matter of every
# article is parsed, and the pure-Python loader costs about a millisecond each.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
# spaCy's own default limit (Language.max_length): a longer article is reported, not parsed.
MAX_CHARS = 1_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A corpus file not read because the claims store holds it as it is (see store.py)."""

    path: str


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A corpus file to read: where it is, and its path relative to the corpus (its articles' ids)."""

    file: str
    rel: str


def read_corpus(
    path: str | Path, max_chars: int = MAX_CHARS, exclude: Iterable[str | Path] = (),
    unchanged: Callable[[str, os.stat_result], bool] | None = None,
) -> Iterator[Article | Skipped | Unchanged]:
    """Yield every article under `path` (a folder or one file), or why an input was skipped.

    `exclude`: files and folders never read (the run's own output folder and cache file, which
    may lie inside the corpus folder: `factcheck .`). `unchanged(rel, stat)`: whether the claims
    store already holds a file as it is; such a file is not read, an `Unchanged` stands for it.
    """
    for entry in walk_corpus(path, exclude, unchanged):
        if isinstance(entry, CorpusFile):
            yield from read_file(entry, max_chars)
        else:
            yield entry


def walk_corpus(
    path: str | Path, exclude: Iterable[str | Path] = (), unchanged: Callable[[str, os.stat_result], bool] | None = None,
) -> Iterator[CorpusFile | Skipped | Unchanged]:
    """The files of `read_corpus`, not read: a `CorpusFile` for each to read (`read_file` reads
    it, on another process or machine too: the Dask engine), `Skipped` for what cannot be
    walked, `Unchanged` for a file the claims store holds as it is."""
    root = Path(path)
    excluded = {os.path.realpath(p) for p in exclude}
    if not root.exists():
        raise CorpusError(f"corpus path '{root}' does not exist: give a folder of articles or one file")
    if root.is_file():
        files: Iterable[tuple[Path, str | None]] = [(root, None)]
    elif root.is_dir():
        files = _walk(root, root, set(), excluded)
    else:
        raise CorpusError(f"corpus path '{root}' is neither a folder nor a file")
    for file, problem in files:
        rel = root.name if file is root else file.relative_to(root).as_posix()
        if problem is not None:
            yield Skipped(rel, problem)
        elif unchanged is not None and _unchanged(file, rel, unchanged):
            yield Unchanged(rel)
        else:
            yield CorpusFile(str(file), rel)


def read_file(entry: CorpusFile, max_chars: int = MAX_CHARS) -> Iterator[Article | Skipped]:
    """The articles of one corpus file, or why an input was skipped (as `read_corpus` gives them)."""
    yield from _read_file(Path(entry.file), entry.rel, max_chars)


def _unchanged(file: Path, rel: str, unchanged: Callable[[str, os.stat_result], bool]) -> bool:
    try:
        return unchanged(rel, file.stat())
    except OSError:
        return False


def _walk(root: Path, folder: Path, seen: set[str], excluded: set[str] = frozenset()) -> Iterator[tuple[Path, str | None]]:
    """(file, None) under `folder`, depth first, in sorted order; (path, why) for what cannot be walked.

    Hidden files and folders, and the `excluded` real paths, are left out. A folder reached
    twice through symlinks (a loop) is reported once and not entered again.
    """
    real = os.path.realpath(folder)
    if real in seen:
        yield folder, "symlink loop: this folder links back to one already read"
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield folder, _reason(exc)
        return
    for entry in entries:
        if entry.name.startswith(".") or (excluded and os.path.realpath(entry) in excluded):
            continue
        if entry.is_dir():
            yield from _walk(root, entry, seen, excluded)
        else:
            yield entry, None


def _read_file(file: Path, rel: str, max_chars: int) -> Iterator[Article | Skipped]:
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES:
        yield Skipped(rel, f"unsupported file type '{suffix or '(none)'}': expected .txt, .md, .html or .jsonl")
        return
    try:
        if file.stat().st_size > max_chars * 4 and suffix not in JSONL_SUFFIXES:
            raise ArticleError(_too_long(file.stat().st_size, max_chars, "bytes"))
        raw = file.read_bytes()
        text, repaired, note = _decode(raw)
    except (OSError, ArticleError) as exc:
        yield Skipped(rel, _reason(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(text, rel, max_chars, {n: f"line {n} is not UTF-8: read as Windows-1252" for n in repaired})
        return
    notes = [note] if note is not None else []
    try:
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            article = parse_web_page(text, rel)
        else:
            article = parse_text_article(text, rel, markdown=suffix == ".md")
        if len(article.text) > max_chars:
            raise ArticleError(_too_long(len(article.text), max_chars, "characters"))
        yield replace(article, notes=(*notes, *article.notes)) if notes else article
    except ArticleError as exc:
        yield Skipped(rel, str(exc))


def decode_text(raw: bytes, notes: list[str] | None = None) -> str:
    """Decode UTF-8 (with or without BOM), BOM-marked UTF-16, or unambiguous Windows-1252.

    UTF-8 is decided line by line: in a UTF-8 article with one stray Latin-1 byte, only that
    line is read as Windows-1252 ("grévistes" elsewhere stays right), and `notes` says which.
    """
    text, _, note = _decode(raw)
    if note is not None and notes is not None:
        notes.append(note)
    return text


def _decode(raw: bytes) -> tuple[str, list[int], str | None]:
    """The text, the numbers of the lines read as Windows-1252, and a note saying so (or None)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), [], None
        except UnicodeDecodeError:
            raise ArticleError("starts with a UTF-16 byte order mark but is not valid UTF-16") from None
    if b"\x00" in raw[:8192]:
        raise ArticleError("binary file (it contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig"), [], None
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 byte 0x{raw[exc.start]:02x} at offset {exc.start}"
    lines, repaired, utf8_lines = [], [], 0
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            lines.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            text = _decode_8bit(line)
            if text is None:
                raise ArticleError(
                    f"not UTF-8 text ({utf8_error}) and line {number} is not readable as Windows-1252; convert it to UTF-8"
                ) from None
            lines.append(text)
            repaired.append(number)
    if utf8_lines:  # a UTF-8 file with some lines in another encoding
        note = f"not UTF-8 on {_lines(repaired)} ({utf8_error}): those lines read as Windows-1252, the rest as UTF-8"
    else:
        note = f"not UTF-8 ({utf8_error}): read as Windows-1252"
    return "\n".join(lines), repaired, note


def _decode_8bit(line: bytes) -> str | None:
    """Windows-1252 is Latin-1 plus printable signs in 0x80-0x9f (€, ’, œ...): a decoding that
    leaves no control characters, or None."""
    for encoding in ("cp1252", "latin-1"):
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text
    return None


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10])) + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
    return f"line{'s' if len(numbers) > 1 else ''} {shown}"


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def parse_web_page(html: str, article_id: str) -> Article:
    """A web page: its main text and its own metadata, read by trafilatura.

    Navigation, footer, comments and "related articles" blocks are left out (a footer
    "© 2025 Journal" is not a figure of the article). Title, author, outlet (the site's name)
    and publication date come from the page's meta tags, JSON-LD and `<time>` elements; the
    date through htmldate, the original publication rather than the last update, and failing
    those, `/2018/12/01/` in the page's address (its canonical link or og:url).
    """
    import trafilatura  # imported for web pages only: it loads lxml and its date extractor

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, deduplicate=False, date_extraction_params=_PAGE_DATE_SEARCH,
    )
    if found is None:
        raise ArticleError("web page with no main text found (only navigation, or not an article)")
    page = found if isinstance(found, dict) else found.as_dict()
    text = page.get("text") or ""
    meta = {"title": page.get("title"), "author": page.get("author"), "source": page.get("sitename"),
            "url": page.get("url"), "date": page.get("date")}
    return _make_article(meta, text, article_id, article_id, date_basis="page_metadata")


# htmldate's careful search: the original publication date, not the last update.
_PAGE_DATE_SEARCH = {"extensive_search": True, "original_date": True}


def markdown_to_text(markdown: str) -> str:
    """The text a Markdown document shows, one block per line: headings and paragraphs without
    their `#`, `**`, `_`, links as their text; a list item is a line of its own without its
    `- ` (an ordered item keeps its number, "2025." may be a year); a table row is a line
    "| a | b |", as in plain-text articles. Parsed with markdown-it (CommonMark and tables)."""
    from markdown_it import MarkdownIt

    lines: list[str] = []
    row: list[str] | None = None
    for token in MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            lines.append("| " + " | ".join(row or []) + " |")
            row = None
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if row is not None:
                row.append(text)
            else:
                lines.extend(text.split("\n"))
        elif token.type == "list_item_open" and token.markup in (".", ")"):
            lines.append(f"{token.info}{token.markup} ")  # joined with the item's text below
        elif token.type in ("fence", "code_block"):
            lines.extend(token.content.rstrip("\n").split("\n"))
        elif token.type in ("paragraph_close", "heading_close", "table_close") and token.level == 0:
            lines.append("")  # a blank line between top-level blocks, as in the source
    out: list[str] = []
    for line in lines:  # an ordered item's number, then its first line
        if out and out[-1].endswith((". ", ") ")) and re.fullmatch(r"\d+[.)] ", out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")  # a line wrapped within a paragraph
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _too_long(size: int, limit: int, unit: str) -> str:
    return (
        f"too long to parse as one article ({size:,} {unit}; the limit is {limit:,} characters): "
        "split it into articles, or raise --max-chars"
    )


def parse_text_article(text: str, article_id: str, markdown: bool = False) -> Article:
    """One `.txt`/`.md` article: optional front matter, then the body (offsets are into the body,
    after `markdown_to_text` for Markdown)."""
    meta: dict = {}
    notes: list[str] = []
    body = text
    if text.startswith("---\n") or text.startswith("---\r\n"):
        end = _front_matter_end(text)
        if end is None:
            raise ArticleError("front matter opened with '---' is never closed by a '---' line")
        head, body = text[: end[0]], text[end[1] :]
        head = head.split("\n", 1)[1]
        try:
            meta = yaml.load(head, Loader=_YAML_LOADER) or {}
        except yaml.YAMLError as exc:
            meta = _key_value_lines(head)
            if meta is None:
                raise ArticleError(f"front matter is not valid YAML: {_one_line(exc)}") from None
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2} of the file: {getattr(exc, 'problem', None) or 'invalid'})" if mark else ""
            notes.append(f"front matter is not valid YAML{where}; read line by line as 'key: value'")
        if not isinstance(meta, dict):
            raise ArticleError(f"front matter must be a mapping of keys to values, got {type(meta).__name__}")
    if markdown:
        body = markdown_to_text(body)
    return _make_article(meta, body, article_id, article_id, notes, date_basis="front_matter")


# A front matter line "key: value"; the value is everything after the first ": ", so a French
# title with a space before its colon ("title: Grève : forte mobilisation") keeps it whole.
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$")


def _key_value_lines(head: str) -> dict[str, str] | None:
    """The front matter read line by line as `key: value` (YAML rejects "Grève : forte
    mobilisation"), or None when a line is not of that form or a value is YAML syntax (a list,
    a block, an unclosed quote), which only YAML can read."""
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(line)
        if match is None or match[1] in meta:
            return None
        value = match[2] or ""
        if value[:1] in ("[", "{", "|", ">", "&", "*", "!"):
            return None
        if value[:1] in ("'", '"'):
            if len(value) < 2 or value[-1] != value[0]:
                return None
            value = value[1:-1]
        meta[match[1]] = value
    return meta


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


# The fields of a JSONL article, and the other names exports give them (feeds, scrapers, CMS).
JSONL_FIELDS = ("id", "text", "title", "date", "source", "url", "author")
JSONL_ALIASES = {
    "published": "date", "pubDate": "date", "date_published": "date",
    "headline": "title", "titre": "title",
    "content": "text", "body": "text", "texte": "text", "article": "text",
    "link": "url", "permalink": "url",
    "outlet": "source", "site": "source", "media": "source",
}


def _with_field_names(record: dict) -> dict:
    """The record with its aliases renamed to the fields they stand for; a field given under its
    own name wins over an alias, and the first alias in the record over later ones."""
    named = {k: v for k, v in record.items() if k in JSONL_FIELDS}
    for key, value in record.items():
        field = JSONL_ALIASES.get(key)
        if field is not None and field not in named:
            named[field] = value
    return named


def _read_jsonl(text: str, rel: str, max_chars: int, notes: dict[int, str] | None = None) -> Iterator[Article | Skipped]:
    """The articles of a JSONL file; `notes`: what was repaired on a line, by line number.

    Fields may come under their usual other names (JSONL_ALIASES). Keys that are neither are
    ignored with a note naming them, once per file, on the first article read that has them.
    Ids are unique within a file: a line that repeats one is skipped, not merged with the first.
    """
    seen: dict[str, int] = {}  # article id -> its line
    warned: set[str] = set()  # unknown keys already named in a note
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{rel}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"line {number} is not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, f"line {number} must be a JSON object with a string 'text' field")
            continue
        unknown = sorted(k for k in record if k not in JSONL_FIELDS and k not in JSONL_ALIASES and k not in warned)
        record = _with_field_names(record)
        if not isinstance(record.get("text"), str):
            yield Skipped(where, f"line {number} must be a JSON object with a string 'text' field "
                                 f"(or one of {', '.join(repr(k) for k, v in JSONL_ALIASES.items() if v == 'text')})")
            continue
        article_id = f"{rel}#{record['id']}" if record.get("id") not in (None, "") else where
        if article_id in seen:
            yield Skipped(where, f"line {number} of {rel}: duplicate id '{article_id.split('#', 1)[1]}', already the id of "
                                 f"line {seen[article_id]}; the first is kept, give each article its own id")
            continue
        seen[article_id] = number
        meta = {k: v for k, v in record.items() if k != "text"}
        line_notes = [notes[number]] if notes and number in notes else []
        if unknown:
            line_notes.append(
                f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(repr(k) for k in unknown)} in {rel} "
                f"(first on line {number}): ignored; the fields read are {', '.join(JSONL_FIELDS)} "
                "or their usual other names (published, headline, content, link, outlet...)"
            )
        try:
            if len(record["text"]) > max_chars:
                raise ArticleError(_too_long(len(record["text"]), max_chars, "characters"))
            yield _make_article(meta, record["text"], article_id, where, line_notes, date_basis="jsonl")
            warned.update(unknown)
        except ArticleError as exc:
            yield Skipped(where, str(exc))


def _make_article(
    meta: dict, body: str, article_id: str, path: str, notes: list[str] | None = None, date_basis: str | None = None
) -> Article:
    """An article from its metadata and body; `date_basis` says where a date in `meta` was read."""
    if not body.strip():
        raise ArticleError("the article has no text")
    foreign = foreign_language(body)
    if foreign is not None:
        raise ArticleError(
            f"written in {foreign[0]}, not French (language identification {foreign[1]:.0%} sure): "
            "the French pipeline would misread its figures"
        )
    notes = list(notes or [])
    date = _parse_date(meta.get("date"), notes)
    if date is None:
        date, date_basis = _undated(_optional_str(meta, "url"), body, notes)
    return Article(
        id=article_id,
        text=body,
        path=path,
        title=_optional_str(meta, "title"),
        date=date,
        source=_optional_str(meta, "source"),
        url=_optional_str(meta, "url"),
        notes=tuple(notes),
        author=_optional_str(meta, "author"),
        date_basis=date_basis,
    )


# A dateline that opens an article: "PARIS, 1er décembre 2018 (AFP) -", "Publié le 01/12/2018".
_DATELINE = re.compile(
    r"\b(\d{1,2}(?:er)?\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre)\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})\b",
    re.IGNORECASE,
)
DATELINE_CHARS = 200


def _undated(url: str | None, body: str, notes: list[str]) -> tuple[dt.date | None, str | None]:
    """A publication date for an article whose metadata gives none, and where it was read: the
    address's "/2018/12/01/" (htmldate), else a dateline in the first lines of the text
    ("PARIS, 1er décembre 2018 (AFP) -"). `notes` says which was used."""
    if url:
        from htmldate import find_date

        found = find_date("<html><body></body></html>", url=url, extensive_search=False)
        if found:
            notes.append(f"no date in its metadata: dated {found} from its address")
            return dt.date.fromisoformat(found), "url"
    m = _DATELINE.search(body[:DATELINE_CHARS])
    if m is not None:
        date = _parse_date(m.group(1), [])
        if date is not None:
            notes.append(f"no date in its metadata: dated {date.isoformat()} from its dateline «{m.group(1)}»")
            return date, "text"
    return None, None


def _optional_str(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


# A written date names its year: "10 avril 2025", "10/04/2025", "10.04.25" (never "hier").
_HAS_YEAR = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}")
_DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
_MONTH_SETTINGS = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["month", "year"], "PREFER_DAY_OF_MONTH": "first"}


def _parse_date(value: object, notes: list[str]) -> dt.date | None:
    """The publication date: a YAML date, an ISO `YYYY-MM-DD` string, or a date as scraped
    pages write it ("10 avril 2025", "jeudi 6 mars 2025", "10/04/2025" day first, "Mon, 10 Mar
    2025 08:00:00 GMT"), read by dateparser; a relative one ("hier") is refused. A month with
    no day ("mars 2025") is read as its first day, and `notes` says so."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parsed = None
    if _HAS_YEAR.search(text):
        import dateparser  # imported only for a date that is not ISO

        parsed = dateparser.parse(text, languages=["fr", "en"], settings=_DATEPARSER_SETTINGS)
        if parsed is None and not re.search(r"\d{1,2}\D+\d{1,2}\D+\d", text):  # no day given, not a bad one
            parsed = dateparser.parse(text, languages=["fr", "en"], settings=_MONTH_SETTINGS)
            if parsed is not None:
                notes.append(f"the publication date {text!r} has no day: read as the month, from its first day {parsed.date()}")
    if parsed is None:
        raise ArticleError(f"'date' must be a date with its day, month and year such as 2025-04-10 or 10 avril 2025, got {value!r}")
    return parsed.date()


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(exc, OSError):
        return f"cannot be read: {exc.strerror or exc}"
    return str(exc)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
