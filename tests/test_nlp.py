"""The loaded model: our changes to spaCy's pipeline keep what its components give."""

from __future__ import annotations

import spacy

from factcheck.nlp import DEFAULT_MODEL, _index_as_sets


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
