"""run(corpus, rules, out): the stages, in order."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .cache import DocCache, code_version, model_version
from .claims import build_claims
from .compare import discrepancies
from .errors import CorpusError, FactcheckError
from .frames.match import DEFAULT_MIN_CONFIDENCE
from .corpus import JSONL_SUFFIXES, MAX_CHARS, CorpusFile, Unchanged, read_corpus, walk_corpus
from .messages import DEFAULT_LANGUAGE
from .models import Article, Claim, RunResult, Skipped
from .nlp import DEFAULT_MODEL, load_nlp
from .pipes.quantities import SPAN_KEY as QUANTITIES_KEY
from .report import REPORT_FILES, write_reports
from .stories import Signature, article_signature, assign_stories
from .store import StoredArticle, file_of, load_store, record_dict, save_store
from .ruleset import RuleSet, load_user_rules

BATCH_SIZE = 32
# Fewer articles than this to parse: one process (starting workers would cost more).
MIN_ARTICLES_PER_EXTRA_PROCESS = 40
# Without a terminal (CI, a pipe), one progress line at most this often.
PROGRESS_LINE_SECONDS = 10
# Beyond this many discrepancies (some 75 MB of them), a run keeps them on disk until the
# reports read them (compare.discrepancies, spill.py).
SPILL_ROWS = 50_000


def run(
    corpus: str | Path,
    rules: str | Path | None = None,
    out: str | Path = "outputs",
    model: str = DEFAULT_MODEL,
    jobs: int | None = None,
    cache: str | Path | None = None,
    max_chars: int = MAX_CHARS,
    suppress: list[str | Path] = (),
    log: Callable[[str], None] = lambda message: None,
    progress: str | None = None,
    excel: bool = False,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    lang: str = DEFAULT_LANGUAGE,
    new_only: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunResult:
    """Read the corpus, extract claims, compare them, write the reports.

    `rules`: a folder of rules files on top of the default rules (None: the defaults alone).
    `jobs`: parsing processes (default: the machine's cores). `cache`: an SQLite file of
    processed docs (None: no cache). `max_chars`: longer articles are skipped, not parsed.
    `suppress`: suppressions files beside those of the rules folder. `progress`: "bar" (a
    terminal), "lines" (a line through `log` every 10 s) or None. `excel`: the CSVs in the
    French spreadsheet dialect. `lang`: the language of the review page (fr, en). The claims
    store in `out` (store.py) gives back the articles of the corpus files that did not change
    since it was written; `new_only`: the reports list only the discrepancies first seen now.
    `engine`: "local" (processes of this machine) or "dask" (engine_dask.py: the corpus files
    read and parsed, and the claims compared, on the workers of the Dask cluster at
    `scheduler`, else of a local one of `jobs` workers; the cache is not used).
    """
    ruleset = load_user_rules(rules, suppress)  # bad rules stop the run before any work
    for warning in ruleset.warnings:  # valid, but some rule can never match: say so, go on
        log(f"warning: {warning}")
    own = own_files(corpus, out, cache)  # a second run must not read the first one's reports
    store = load_store(out, store_version(model, ruleset))
    unchanged = store.unchanged if store.files else None
    if engine == "dask":  # the workers read the files: the client only walks the corpus
        entries = walk_corpus(corpus, exclude=own, unchanged=unchanged)
    else:
        entries = read_corpus(corpus, max_chars=max_chars, exclude=own, unchanged=unchanged)
    first = next(entries, None)  # a missing corpus path fails here, before the model loads
    if first is None:
        raise CorpusError(f"'{corpus}' holds no articles: expected .txt, .md, .html or .jsonl files (hidden ones are left out)")
    result = RunResult()
    _check_out(Path(out))  # an unusable --out fails now, not after every article is parsed
    doc_cache = DocCache(cache, model, ruleset.claims_fingerprint()) if cache is not None else None
    nlp = _LazyModel(model, max_chars)
    shown = _Progress(progress, count_inputs(corpus, own) if progress else None, log)

    kept: list[StoredArticle] = []  # what the store will hold after this run
    stored_claims: list[Claim] = []  # the claims of the articles the store gives back

    def note(article: Article) -> None:
        for text in article.notes:
            shown.note(f"note {article.path}: {text}")
            result.notes.append((article.path, text))

    def articles() -> Iterator[Article]:
        for entry in chain([first] if first is not None else [], entries):
            if isinstance(entry, Unchanged):  # the store's articles of a file that did not change
                shown.step()
                for stored in store.articles.get(entry.path, []):
                    kept.append(stored)
                    result.articles += 1
                    result.stored_articles += 1
                    result.article_info[stored.info.id] = stored.info
                    signatures[stored.info.id] = stored.signature
                    result.numbers_seen += stored.numbers_seen
                    result.claims.extend(stored.claims)
                    stored_claims.extend(stored.claims)
            elif isinstance(entry, CorpusFile):  # the Dask engine reads it on a worker
                yield entry
            elif isinstance(entry, Skipped):
                shown.note(f"skipped {entry.path}: {entry.reason}")
                shown.step()
                result.skipped.append(entry)
            else:
                note(entry)
                yield entry

    signatures = {}
    dask = None
    try:  # the Dask engine's cluster and claims' partitions are closed however the run ends
        try:
            if engine == "dask":
                from .engine_dask import DaskEngine

                dask = DaskEngine(scheduler, jobs or os.cpu_count() or 1, model, max_chars, rules, list(suppress), out)
                stream = ((_Facts(*f) if isinstance(f, tuple) else f, a) for f, a in dask.parse(articles()))
            else:
                stream = _process(articles(), nlp, doc_cache, jobs or os.cpu_count() or 1, ruleset)
            for facts, article in stream:
                shown.step()
                if dask is not None and article is not None:  # read on a worker: its notes come now
                    note(article)
                if isinstance(facts, Skipped):
                    shown.note(f"skipped {facts.path}: {facts.reason}")
                    result.skipped.append(facts)
                    continue
                result.articles += 1
                result.article_info[article.id] = article.info()
                kept.append(StoredArticle(article.info(), facts.claims, facts.signature, facts.numbers_seen))
                signatures[article.id] = facts.signature
                result.numbers_seen += facts.numbers_seen
                result.claims.extend(facts.claims)
            nlp.release()
        finally:
            shown.close()
            if doc_cache is not None:
                doc_cache.close()
        if result.articles == 0:  # reports of nothing would replace the previous ones
            first_skip = result.skipped[0]
            raise CorpusError(
                f"no article of '{corpus}' could be read: {len(result.skipped)} input(s) skipped, the first "
                f"{first_skip.path}: {first_skip.reason} (the previous reports are left as they were)"
            )
        result.stories = assign_stories(signatures)
        result.claims = [replace(c, story=result.stories[c.article]) for c in result.claims]
        if dask is not None:  # compared on the workers (engine_dask.py), the same rows
            result.discrepancies = dask.compare(result.stories, stored_claims, ruleset, min_confidence, SPILL_ROWS)
        else:
            result.discrepancies = discrepancies(result.claims, ruleset, min_confidence, SPILL_ROWS)
    finally:
        if dask is not None:
            dask.close()
    result.run = store.run + 1
    first_seen = dict(store.first_seen)
    for d in result.discrepancies:  # one reading: the rows may be on disk (spill.py)
        result.first_seen[d.discrepancy_id] = first_seen.setdefault(d.discrepancy_id, result.run)
    result.unmatched_suppressions = sorted(set(ruleset.suppressions) - set(result.first_seen))
    reported = result.discrepancies
    if new_only:
        reported = [d for d in result.discrepancies if result.first_seen[d.discrepancy_id] == result.run]
    try:
        paths = write_reports(result.claims, reported, result.skipped, out, result.article_info, excel=excel,
                              lang=lang, labels=ruleset.labels(), first_seen=result.first_seen)
        paths += save_store(out, corpus, store.version, result.run, kept, {file_of(s.path) for s in result.skipped},
                            first_seen)
    except OSError as exc:
        raise FactcheckError(f"{out}: cannot write the reports: {exc.strerror or exc} (the previous ones are left as they were)") from None
    result.reports = [str(p) for p in paths]
    if doc_cache is not None:
        result.cache_hits, result.cache_misses = doc_cache.hits, doc_cache.misses
    return result


def store_version(model: str, ruleset: RuleSet) -> str:
    """What the claims store's contents depend on: the model, our code, the rules' claims."""
    return f"{model}|{model_version(model)}|{code_version(['.'])}|{ruleset.claims_fingerprint()}"


def _failed(article: Article, error: str) -> Skipped:
    return Skipped(article.path, f"internal error, please report it: {error}")


def _check_out(out: Path) -> None:
    """Create the reports folder, or say in one line why it cannot be."""
    if out.exists() and not out.is_dir():
        raise FactcheckError(f"--out {out}: is a file, not a folder; name a folder for the reports")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FactcheckError(f"--out {out}: cannot create the reports folder: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise FactcheckError(f"--out {out}: the reports folder is not writable; name another with --out")


def own_files(corpus: str | Path, out: str | Path, cache: str | Path | None) -> list[Path]:
    """What a run writes, never read as input: the output folder (its report files, when it is
    the corpus folder itself) and the cache file."""
    out = Path(out)
    own = [out / name for name in REPORT_FILES] + ([Path(cache)] if cache is not None else [])
    if os.path.realpath(out) != os.path.realpath(corpus):
        own.append(out)
    return own


def count_inputs(corpus: str | Path, exclude: list[Path] = ()) -> int:
    """About how many articles the corpus holds, for the progress bar's time left.

    Files (hidden ones left out, as read_corpus does) and the non-blank lines of .jsonl files:
    a directory walk and a byte count, cheap next to parsing. Skipped inputs count too (they
    are steps of the progress as well).
    """
    root = Path(corpus)
    if root.is_file():
        return _count_file(root)
    total, seen = 0, set()
    excluded = {os.path.realpath(p) for p in exclude}
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symlink loop: read_corpus reports it once
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.realpath(Path(folder, d)) not in excluded]
        total += sum(_count_file(Path(folder, f)) for f in files
                     if not f.startswith(".") and os.path.realpath(Path(folder, f)) not in excluded)
    return total


def _count_file(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1


class _Progress:
    """Inputs done out of `total`: a bar on a terminal (tqdm), else a log line every 10 s.

    The clock starts at the first input done, so loading the model does not count against
    the rate.
    """

    def __init__(self, mode: str | None, total: int | None, log: Callable[[str], None]):
        self.mode, self.total, self.log = mode, total, log
        self.done = 0
        self.started: float | None = None
        self.last_line: float | None = None
        self.bar = None
        if mode == "bar":
            from tqdm import tqdm

            # The size is read once; 80x24 when the terminal reports none (a bare pseudo-terminal,
            # where tqdm would draw nothing).
            size = shutil.get_terminal_size()
            self.bar = tqdm(total=total, unit=" articles", desc="reading", file=sys.stderr,
                            ncols=size.columns, nrows=size.lines)

    def step(self) -> None:
        now = time.monotonic()
        if self.started is None:
            self.started = self.last_line = now
            if self.bar is not None:
                self.bar.reset(total=self.total)  # the rate from here, not from the model loading
        self.done += 1
        if self.bar is not None:
            self.bar.update()
        elif self.mode == "lines" and now - self.last_line >= PROGRESS_LINE_SECONDS:
            self.last_line = now
            self.log(self._line(now))

    def note(self, message: str) -> None:
        """A message for the user, printed above the bar."""
        if self.bar is not None:
            from tqdm import tqdm

            with tqdm.external_write_mode(file=sys.stderr):
                self.log(message)
        else:
            self.log(message)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.mode == "lines" and self.last_line is not None and self.last_line > self.started:
            self.log(self._line(time.monotonic(), final=True))  # only after progress lines: small runs stay quiet

    def _line(self, now: float, final: bool = False) -> str:
        elapsed = now - self.started
        rate = (self.done - 1) / elapsed if elapsed > 0 else 0.0  # the clock started at the first one
        if final:
            return f"reading: {self.done} articles in {_duration(elapsed)} ({rate:.1f} per second)"
        line = f"reading: {self.done}" + (f" of {self.total} articles" if self.total else " articles")
        line += f", {rate:.1f} per second"
        if self.total and rate > 0 and self.done < self.total:
            line += f", about {_duration((self.total - self.done) / rate)} left"
        return line


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class _LazyModel:
    """The model, loaded on first use: a fully cached run never loads it."""

    def __init__(self, name: str, max_chars: int = MAX_CHARS):
        self.name = name
        self.max_chars = max_chars
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.name)
            self._nlp.max_length = max(self._nlp.max_length, self.max_chars + 1)
        return self._nlp

    def release(self) -> None:
        """Let the model go once every article is parsed: the stages after the parse need the
        memory (about 260 MB of it comes back) for the claims and the rows. Its objects hold
        reference cycles, hence the collection."""
        if self._nlp is not None:
            self._nlp = None
            gc.collect()

    @property
    def vocab(self) -> Vocab:
        """The vocabulary to read cached docs into: the model's. The claims and the story
        signature read lexical attributes that only the French model's vocabulary gives (its
        stop words, its `like_num`); a bare vocabulary made "effet" and "reste" story terms."""
        return self.nlp.vocab


@dataclass(slots=True)
class _Facts:
    """What a run keeps of an article: its claims, its story signature, how many numbers it holds."""

    claims: list[Claim]
    signature: Signature
    numbers_seen: int

    @classmethod
    def of(cls, doc: Doc, article: Article, rules: RuleSet) -> "_Facts":
        return cls(build_claims(doc, article, rules), article_signature(doc, rules, article.title), len(doc.spans.get(QUANTITIES_KEY, [])))

    def to_json(self) -> str:
        return json.dumps({"claims": [record_dict(c) for c in self.claims], "signature": self.signature,
                           "numbers_seen": self.numbers_seen}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: str) -> "_Facts":
        plain = json.loads(data)
        return cls([Claim(**c) for c in plain["claims"]], plain["signature"], plain["numbers_seen"])


def facts_or_failure(doc: Doc, article: Article, rules: RuleSet) -> _Facts | Skipped:
    """The facts of a parsed article, or Skipped with the error when the claims fail on it (a
    bug on one article must not stop the batch). Both engines use it."""
    try:
        return _Facts.of(doc, article, rules)
    except Exception as error:  # noqa: BLE001
        return _failed(article, f"claims: {type(error).__name__}: {error}")


def _process(
    articles: Iterator[Article], model: _LazyModel, cache: DocCache | None, jobs: int, rules: RuleSet
) -> Iterator[tuple[_Facts | Skipped, Article]]:
    """The facts of the articles: from the cache, else from their docs, parsed with nlp.pipe
    (in `jobs` processes) unless the doc is cached. An article that one of our components or
    the claims fail on comes out as Skipped, with the error (see pipes/_guard.py), and is not
    cached.

    Articles to parse stream through one nlp.pipe call; articles found in the cache are only
    noted on the way (without their text, which is not read again, and with their key) and
    their facts or docs read back afterwards, one at a time, so memory does not grow with the
    corpus beyond the claims. Articles come out in no fixed order: the reports sort everything
    they write.
    """
    cached_facts: list[tuple[Article, str]] = []
    cached_docs: list[tuple[Article, str]] = []

    def misses() -> Iterator[tuple[Doc, tuple[Article, str | None]]]:
        for article in articles:
            published = article.date.isoformat() if article.date else None
            key = cache.key(article.text, published) if cache is not None else None
            if key is not None:
                if cache.has_facts(key):
                    cached_facts.append((replace(article, text=""), key))
                    continue
                if cache.has(key):
                    cached_docs.append((replace(article, text=""), key))
                    continue
            doc = model.nlp.make_doc(article.text)
            doc._.published = published
            yield doc, (article, key)

    def facts_of(doc: Doc, article: Article, key: str | None) -> _Facts | Skipped:
        facts = facts_or_failure(doc, article, rules)
        if cache is not None and isinstance(facts, _Facts):
            cache.put_facts(key, facts.to_json())
        return facts

    pending = misses()
    head = list(islice(pending, MIN_ARTICLES_PER_EXTRA_PROCESS * (jobs - 1) if jobs > 1 else 1))
    if head:
        n_process = jobs if jobs > 1 and len(head) >= MIN_ARTICLES_PER_EXTRA_PROCESS * (jobs - 1) else 1
        stream = model.nlp.pipe(chain(head, pending), as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process)
        for doc, (article, key) in stream:
            if doc._.factcheck_error is not None:
                yield _failed(article, doc._.factcheck_error), article
                continue
            if cache is not None:
                cache.put(key, doc.to_bytes(exclude=["tensor"]))  # claims never read the tensor
            yield facts_of(doc, article, key), article
    for article, key in cached_facts:
        yield _Facts.from_json(cache.get_facts(key)), article
    for article, key in cached_docs:
        yield facts_of(Doc(model.vocab).from_bytes(cache.get(key)), article, key), article
