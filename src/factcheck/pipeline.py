"""run(corpus, rules, out): the stages, in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path

from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .cache import DocCache
from .claims import build_claims
from .compare import find_discrepancies
from .corpus import MAX_CHARS, read_corpus
from .models import Article, RunResult, Skipped
from .nlp import DEFAULT_MODEL, load_nlp
from .pipes.quantities import SPAN_KEY as QUANTITIES_KEY
from .report import write_reports
from .stories import article_signature, assign_stories
from .ruleset import load_rules

BATCH_SIZE = 32
# Fewer articles than this to parse: one process (starting workers would cost more).
MIN_ARTICLES_PER_EXTRA_PROCESS = 40


def run(
    corpus: str | Path,
    rules: str | Path = "rules",
    out: str | Path = "outputs",
    model: str = DEFAULT_MODEL,
    jobs: int | None = None,
    cache: str | Path | None = None,
    max_chars: int = MAX_CHARS,
    suppress: list[str | Path] = (),
    log: Callable[[str], None] = lambda message: None,
) -> RunResult:
    """Read the corpus, extract claims, compare them, write the reports.

    `jobs`: parsing processes (default: the machine's cores). `cache`: an SQLite file of
    processed docs (None: no cache). `max_chars`: longer articles are skipped, not parsed.
    `suppress`: suppressions files beside those of the rules folder.
    """
    ruleset = load_rules(rules, suppress)  # bad rules stop the run before any work
    entries = read_corpus(corpus, max_chars=max_chars)
    first = next(entries, None)  # a missing corpus path fails here, before the model loads
    result = RunResult()
    doc_cache = DocCache(cache, model) if cache is not None else None
    nlp = _LazyModel(model, max_chars)

    def articles() -> Iterator[Article]:
        for entry in chain([first] if first is not None else [], entries):
            if isinstance(entry, Skipped):
                log(f"skipped {entry.path}: {entry.reason}")
                result.skipped.append(entry)
            else:
                yield entry

    signatures = {}
    try:
        for doc, article in _process(articles(), nlp, doc_cache, jobs or os.cpu_count() or 1):
            result.articles += 1
            signatures[article.id] = article_signature(doc, ruleset)
            result.numbers_seen += len(doc.spans.get(QUANTITIES_KEY, []))
            result.claims.extend(build_claims(doc, article, ruleset))
    finally:
        if doc_cache is not None:
            doc_cache.close()
    stories = assign_stories(signatures)
    result.claims = [replace(c, story=stories[c.article]) for c in result.claims]
    result.discrepancies = find_discrepancies(result.claims, ruleset)
    found = {d.discrepancy_id for d in result.discrepancies}
    result.unmatched_suppressions = sorted(set(ruleset.suppressions) - found)
    result.reports = [str(p) for p in write_reports(result.claims, result.discrepancies, result.skipped, out)]
    if doc_cache is not None:
        result.cache_hits, result.cache_misses = doc_cache.hits, doc_cache.misses
    return result


class _LazyModel:
    """The model, loaded on first use: a fully cached run never loads it."""

    def __init__(self, name: str, max_chars: int = MAX_CHARS):
        self.name = name
        self.max_chars = max_chars
        self._nlp: Language | None = None
        self._vocab = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.name)
            self._nlp.max_length = max(self._nlp.max_length, self.max_chars + 1)
        return self._nlp

    @property
    def vocab(self):
        """A vocabulary to read cached docs into: the model's, or a light French one.

        `spacy.blank("fr")` would cost seconds (importing the French tokenizer exceptions); the
        docs only need the base lexical attributes (lower case, punctuation, spaces).
        """
        if self._nlp is not None:
            return self._nlp.vocab
        if self._vocab is None:
            self._vocab = Vocab(lex_attr_getters=LEX_ATTRS)
        return self._vocab


def _process(
    articles: Iterator[Article], model: _LazyModel, cache: DocCache | None, jobs: int
) -> Iterator[tuple[Doc, Article]]:
    """Docs for the articles: from the cache, else parsed with nlp.pipe (in `jobs` processes).

    Articles to parse stream through one nlp.pipe call; articles found in the cache are only
    noted on the way (their text, not a doc) and read back one at a time afterwards, so
    memory does not grow with the corpus. Docs come out in no fixed order: the reports sort
    everything they write.
    """
    cached: list[tuple[Article, str]] = []

    def misses() -> Iterator[tuple[Doc, tuple[Article, str | None]]]:
        for article in articles:
            published = article.date.isoformat() if article.date else None
            key = cache.key(article.text, published) if cache is not None else None
            if key is not None and cache.has(key):
                cached.append((article, key))
                continue
            doc = model.nlp.make_doc(article.text)
            doc._.published = published
            yield doc, (article, key)

    pending = misses()
    head = list(islice(pending, MIN_ARTICLES_PER_EXTRA_PROCESS * (jobs - 1) if jobs > 1 else 1))
    if head:
        n_process = jobs if jobs > 1 and len(head) >= MIN_ARTICLES_PER_EXTRA_PROCESS * (jobs - 1) else 1
        stream = model.nlp.pipe(chain(head, pending), as_tuples=True, batch_size=BATCH_SIZE, n_process=n_process)
        for doc, (article, key) in stream:
            if cache is not None:
                cache.put(key, doc.to_bytes(exclude=["tensor"]))  # claims never read the tensor
            yield doc, article
    for article, key in cached:
        yield Doc(model.vocab).from_bytes(cache.get(key)), article
