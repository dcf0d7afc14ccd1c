"""The loaded model: our changes to spaCy's pipeline keep what its components give."""

from __future__ import annotations

import gc

import pytest
import spacy

from factcheck.errors import ModelError
from factcheck.nlp import DEFAULT_MODEL, _index_as_sets, load_nlp


def test_the_lemmatizer_index_as_sets_gives_spacys_own_lemmas(root):
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "corpus").glob("*.txt"))]
    lemmatizer = nlp.get_pipe("lemmatizer")
    before = [[(token.text, token.pos_, token.lemma_) for token in doc] for doc in nlp.pipe(texts)]
    _index_as_sets(nlp)
    lemmatizer.cache.clear()  # lemmatize every word form again, through the sets
    after = [[(token.text, token.pos_, token.lemma_) for token in doc] for doc in nlp.pipe(texts)]
    index = lemmatizer.lookups.get_table("lemma_index")
    assert index and all(isinstance(words, frozenset) for words in index.values())
    assert sum(map(len, after)) > 1000
    assert after == before
    assert sum(lemma != text.lower() for doc in after for text, _, lemma in doc) > 100  # the rules did run


def test_the_collector_is_held_back_only_while_the_model_loads():
    """load_nlp raises gc's first threshold during spacy.load (whose msgpack reader turns a
    disabled collector back on) and gives the caller's thresholds back, also on an error."""
    before = gc.get_threshold()
    seen = []
    real_load = spacy.load

    def load(name, *args, **kwargs):
        seen.append(gc.get_threshold())
        if name == "fr_core_news_xx":
            raise OSError("no such model")
        return real_load(name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spacy, "load", load)
        nlp = load_nlp()
        with pytest.raises(ModelError, match="fr_core_news_xx"):
            load_nlp("fr_core_news_xx")
    assert "factcheck_quantities" in nlp.pipe_names
    assert gc.get_threshold() == before
    assert [threshold[0] for threshold in seen] == [2**31 - 1] * 2
    assert [threshold[1:] for threshold in seen] == [before[1:]] * 2
