"""run(corpus, rules, out): the stages, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .claims import build_claims
from .compare import find_discrepancies
from .corpus import read_corpus
from .models import Article, RunResult, Skipped
from .nlp import DEFAULT_MODEL, load_nlp
from .report import write_reports
from .ruleset import load_rules

BATCH_SIZE = 32


def run(
    corpus: str | Path,
    rules: str | Path = "rules",
    out: str | Path = "outputs",
    model: str = DEFAULT_MODEL,
    log: Callable[[str], None] = lambda message: None,
) -> RunResult:
    """Read the corpus, extract claims, compare them, write the reports."""
    ruleset = load_rules(rules)  # bad rules stop the run before any work
    entries = read_corpus(corpus)
    first = next(entries, None)  # a missing corpus path fails here, before the model loads
    nlp = load_nlp(model)
    result = RunResult()

    def articles_only() -> Iterator[Article]:
        for entry in _chain(first, entries):
            if isinstance(entry, Skipped):
                log(f"skipped {entry.path}: {entry.reason}")
                result.skipped.append(entry)
            else:
                yield entry

    for doc, article in _parse(nlp, articles_only()):
        result.articles += 1
        result.claims.extend(build_claims(doc, article, ruleset))
    result.discrepancies = find_discrepancies(result.claims, ruleset)
    result.reports = [str(p) for p in write_reports(result.claims, result.discrepancies, result.skipped, out)]
    return result


def _chain(first, rest):
    if first is not None:
        yield first
    yield from rest


def _parse(nlp: Language, articles: Iterator[Article]) -> Iterator[tuple[Doc, Article]]:
    """nlp.pipe over the articles; each doc knows its publication date before our pipes run."""

    def docs():
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.published = article.date.isoformat() if article.date else None
            yield doc, article

    yield from nlp.pipe(docs(), as_tuples=True, batch_size=BATCH_SIZE)
