"""Who a figure is about and who gives it: the actor of its sentence and its attribution
("selon la CGT", "la préfecture en a compté 3 500")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..pipes.actors import SPAN_KEY as ACTORS_KEY
from ..text import fold
from .what import _noun_phrase


# -- actor ---------------------------------------------------------------------------------


def _actor_spans(doc: Doc) -> list[Span]:
    """PER/ORG/LOC actors, plus other named entities where they are the subject of a verb."""
    spans = list(doc.spans.get(ACTORS_KEY, []))
    taken = {(s.start, s.end) for s in spans}
    for ent in doc.ents:
        if ent.label_ == "MISC" and (ent.start, ent.end) not in taken and _is_subject(ent):
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start)


def _is_subject(span: Span) -> bool:
    for token in span:
        t = token
        while t.dep_ in ("flat:name", "flat", "appos", "amod") and t.head.i != t.i:
            t = t.head
        if t.dep_.startswith("nsubj") or t.dep_ == "obl:agent":
            return True
    # "Boeing, de son côté, n'a livré que 348 avions": a name that opens its sentence, set off
    # by a comma, is a dislocated subject (the parser makes it a root or an adverb)
    doc = span.doc
    opens = span.start == 0 or doc[span.start - 1].text in (".", "!", "?") or doc[span.start - 1].is_space
    if opens and span.end < len(doc) and doc[span.end].text == ",":
        return True
    return False


def _actor(text: str, span: Span | None, actors: list[Span], sentence: tuple[int, int]) -> str | None:
    """Whose figure it is: the subject of the verb that governs it, else the last subject of the paragraph."""
    if span is None:
        return None
    token = span.root
    for _ in range(8):
        subject = _subject_actor(token, actors)
        if subject is not None:
            return subject
        if token.head.i == token.i:
            break
        token = token.head
    lo, hi = sentence
    in_sentence = [a for a in actors if lo <= a.start_char < hi and _is_subject(a)]
    if in_sentence:
        return in_sentence[0].text
    paragraph_start = text.rfind("\n", 0, lo) + 1
    before = [a for a in actors if paragraph_start <= a.start_char < lo and _is_subject(a)]
    return before[-1].text if before else None


def _subject_actor(verb: Token, actors: list[Span]) -> str | None:
    for child in verb.children:
        if not (child.dep_.startswith("nsubj") or child.dep_ == "obl:agent"):
            continue
        target = child
        if child.lower_ == "qui" and verb.dep_ == "acl:relcl":
            target = verb.head  # "l'initiative InvestAI, qui mobilisera ..."
        lo, hi = target.left_edge.i, target.right_edge.i + 1
        if target is not child:
            hi = verb.i
        for actor in actors:
            if lo <= actor.start and actor.end <= hi:
                return actor.text
    return None


# -- attribution -------------------------------------------------------------

SPEECH_VERBS = {
    "declarer", "affirmer", "indiquer", "assurer", "expliquer", "preciser", "souligner",
    "avancer", "rapporter", "confirmer", "reveler", "annoncer", "estimer", "selon", "ajouter",
    "marteler", "rappeler", "avertir", "denoncer", "chiffrer",
}


def _attribution(doc: Doc, sentence: tuple[int, int], actors: list[Span]) -> str | None:
    """Who the sentence attributes its figures to: "selon la CGT", "d'après X", "..., a déclaré X"."""
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if fold(token.lemma_) == "selon" or (fold(token.text) == "apres" and token.i > 0 and fold(doc[token.i - 1].text) == "d'"):
            source = token
            while source.dep_ in ("case", "fixed") and source.head.i != source.i:
                source = source.head  # "D'" <- "après" (fixed) ; "D'" -> "préfecture" (case)
            return _name_of(source, actors)
    # An incise ("..., a déclaré X") first, then a speech verb governing a clause ("X affirme que ...").
    for wanted in (("parataxis",), ("ROOT", "ccomp")):
        for token in span:
            if token.pos_ != "VERB" or fold(token.lemma_) not in SPEECH_VERBS or token.dep_ not in wanted:
                continue
            speaker = next((c for c in token.children if c.dep_.startswith("nsubj") and c.pos_ in ("PROPN", "NOUN")), None)
            if speaker is not None and (token.dep_ == "parataxis" or _has_clause(token)):
                return _name_of(speaker, actors)
    return None


# Verbs whose subject is the source of the figure they take: "la préfecture en a compté 3 500",
# "les organisateurs revendiquent 20 000 participants".
COUNTING_VERBS = {
    "compter", "recenser", "denombrer", "comptabiliser", "revendiquer", "chiffrer", "estimer", "evaluer",
    "evoquer", "avancer",
}
_COUNTED_BY_MAX_STEPS = 3


def _counted_by(span: Span | None, actors: list[Span], attribution: str | None) -> str | None:
    """Who the figure is attributed to: the sentence's `attribution`, or the subject of the
    counting verb that takes the figure when that verb has no attribution over it (the
    sentence has none, or the verb heads a clause of its own: "Selon la CGT, 12 000 personnes
    ont défilé, tandis que la préfecture en a compté 3 500")."""
    verb = _counting_verb(span)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None) if verb else None
    if subject is None or (attribution is not None and verb.i == verb.sent.root.i):
        return attribution
    return _name_of(subject, actors)


def _counting_verb(span: Span | None) -> Token | None:
    if span is None:
        return None
    token = span.root
    for _ in range(_COUNTED_BY_MAX_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            break
    if token.pos_ != "VERB":
        return None
    lemma = fold(token.lemma_)
    return token if lemma in COUNTING_VERBS or (lemma in REPORTING_VERBS and _takes_partitive_en(token)) else None


# Verbs that report a count of what the sentence counted before when their "en" takes it up:
# "quand l'intersyndicale en annonçait 700 000" (not "Airbus en a livré 766": a doer).
REPORTING_VERBS = {"annoncer", "donner", "declarer", "affirmer", "indiquer", "afficher", "citer"}


def _takes_partitive_en(verb: Token) -> bool:
    return any(c.dep_ in ("expl:comp", "iobj", "obl:arg", "expl") and fold(c.text) == "en" for c in verb.children)


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _own_source(span: Span | None, actors: list[Span]) -> str | None:
    """The source given right after the figure, which is its own even when the sentence gives
    others: "30 000 manifestants selon la police, 245 000 selon la CGT"."""
    if span is None:
        return None
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].pos_ == "NOUN" and i == span.root.i + 1:
        i += 1  # the counted noun: "30 000 manifestants selon la police"
    if i < len(doc) and fold(doc[i].text) == "selon":
        source = next((t for t in doc[i + 1 : i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        return _name_of(source, actors) if source is not None else None
    return None


def _name_of(token: Token, actors: list[Span]) -> str:
    """The actor whose span covers the token, else its noun phrase ("la préfecture")."""
    for actor in actors:
        if actor.start <= token.i < actor.end:
            return actor.text
    return _noun_phrase(token)


# "la France présente un plan de 2,5 milliards": a name after a determiner, then a verb
_TITLE_ACTOR = re.compile(r"\b(?:[Ll]a|[Ll]e|[Ll]es|[Ll]'|[Ll]’) ?((?:[A-ZÉÈ][\w’'-]+)(?: [A-ZÉÈ][\w’'-]+)*) [a-zéè]")


def _title_actor(title: str | None, figure: str) -> str | None:
    """Whose figure it is when the title states the same figure with its actor.

    "Intelligence artificielle : la France présente un plan de 2,5 milliards d'euros" gives
    France to the body's "un plan de 2,5 milliards d'euros" presented by "le gouvernement".
    """
    if not title:
        return None
    at = fold(" ".join(title.split())).find(fold(" ".join(figure.split())))
    if at < 0:
        return None
    names = [m for m in _TITLE_ACTOR.finditer(title[:at])]
    return names[-1].group(1) if names else None
