"""`factcheck_actors`: the people, organisations and places the model finds, cleaned up.

The model's PER/ORG/LOC entities, minus what a reader would not call an actor: entities
that run across a table cell or a line break are cut there, a leading article is dropped
("la Chine" -> "Chine") unless it is part of the name ("à La Teste-de-Buch"), and one-word entities that the tagger reads as a verb or a common
noun ("Accéder", "Comparaison") are left out.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ._guard import guarded

SPAN_KEY = "factcheck_actors"
ACTOR_LABELS = {"PER", "ORG", "LOC"}
LEADING_ARTICLES = {"la", "le", "les", "l'", "l’"}


@Language.factory("factcheck_actors", requires=["doc.ents"])
def make_actors(nlp: Language, name: str) -> "ActorFinder":
    return ActorFinder()


class ActorFinder:
    @guarded
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            span = _clean(ent)
            if span is not None:
                spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


def _clean(ent: Span) -> Span | None:
    doc = ent.doc
    start, end = ent.start, ent.end
    for i in range(start, end):
        if doc[i].text == "|" or "\n" in doc[i].text or (i > start and "\n" in doc[i - 1].whitespace_):
            end = i
            break
    named = _article_in_name(doc, start, end)
    while start < end and doc[start].lower_ in LEADING_ARTICLES and not named:
        start += 1
    if start >= end:
        return None
    if end - start == 1 and doc[start].pos_ in ("VERB", "NOUN", "ADJ", "NUM"):
        return None
    if not any(t.is_alpha for t in doc[start:end]):
        return None
    return Span(doc, start, end, label=ent.label_)


def _article_in_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a capitalised article inside a sentence is part of the name: "à La Teste-de-Buch",
    "au port du Havre" are places named with their article ("la Chine" is not)."""
    first = doc[start]
    return (
        end - start > 1
        and first.lower_ in LEADING_ARTICLES
        and first.text[:1].isupper()
        and not first.is_sent_start
        and not doc[start - 1].is_punct
    )
