"""What a claim is about in words: its subject (the noun the amount is of), and the rules topic
and measure it belongs to."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..models import Mention
from ..text import fold
from ..pipes.patterns_quantities import CURRENCIES
from ..pipes.quantities import compound_bounds
from ..ruleset import Measure, Topic


SUBJECT_DEPS = {"nmod", "amod", "compound", "flat", "flat:name", "fixed", "case", "det"}
MAX_SUBJECT_TOKENS = 6


# -- subject -------------------------------------------------------------------------------


# Verbs that say what an amount goes to: "1,7 milliard consacrés à l'investissement".
ALLOCATION_VERBS = {"consacrer", "affecter", "allouer", "destiner", "dedier", "reserver", "attribuer"}


def _subject(doc: Doc, mention: Mention, span: Span | None) -> str | None:
    """What the figure is about: the counted noun, or the noun an amount belongs to."""
    if mention.noun_index is not None:
        return _noun_phrase(doc[mention.noun_index])
    if span is None:
        return None
    root = span.root
    # "20 Md€ d'investissements": a noun complement of the amount itself
    for child in root.children:
        if (
            child.dep_ == "nmod"
            and child.i >= span.end
            and child.pos_ == "NOUN"
            and fold(child.text) not in CURRENCIES
            and any(c.dep_ == "case" and c.lemma_ in ("de", "d'", "d’") for c in child.children)
        ):
            return _noun_phrase(child)
    # "1,7 milliard d'euros consacrés à l'investissement": what the amount goes to
    for verb in root.children:
        if verb.dep_ == "acl" and verb.pos_ == "VERB" and fold(verb.lemma_) in ALLOCATION_VERBS:
            target = next((c for c in verb.children if c.dep_.startswith("obl") and c.pos_ == "NOUN"), None)
            if target is not None:
                return _noun_phrase(target)
    head = root.head
    if head.i == root.i:
        return None
    if head.pos_ == "VERB" and head.dep_ == "acl" and head.head.pos_ == "NOUN":
        head = head.head  # "plan d'investissement estimé à 5 milliards"
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(head, exclude=span)
    if head.pos_ == "VERB":
        # "les investissements atteindront 1,7 milliard": the noun subject of the verb; else
        # the verb ("la Commission va y consacrer 20 milliards")
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "expl:subj") and not span.start <= c.i < span.end), None)
        if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("il", "elle"):
            subject = _antecedent(subject)  # "Paris a voté son budget. Il s'élève à 11,6 milliards"
        elif subject is not None and subject.lower_ == "qui":
            subject = _relative_antecedent(subject)  # "le budget de la Ville, qui atteint 11,6 milliards"
        if subject is not None and subject.pos_ == "NOUN":
            return _noun_phrase(subject)
        return head.lemma_
    return None


def _relative_antecedent(qui: Token) -> Token | None:
    """The noun phrase head right before a relative "qui" (its complements climbed over)."""
    i = qui.i - 1
    while i >= 0 and qui.doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    token = qui.doc[i]
    while token.dep_ in ("nmod", "flat:name", "amod") and token.head.i < token.i:
        token = token.head
    return token


def _antecedent(pronoun: Token) -> Token | None:
    """The noun a sentence-initial "il"/"elle" takes up: the object of the previous sentence's
    main verb, else its subject."""
    sentence = pronoun.sent
    if pronoun.i != sentence.start or sentence.start == 0:
        return None
    root = pronoun.doc[sentence.start - 1].sent.root
    for dep in ("obj", "nsubj"):
        noun = next((c for c in root.children if c.dep_ == dep and c.pos_ == "NOUN"), None)
        if noun is not None:
            return noun
    return None


def _noun_phrase(noun: Token, exclude: Span | None = None) -> str:
    """The noun and its close complements ("puces d'IA de pointe"), at most a few words."""
    keep = {noun.i}
    frontier = [noun]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.i < noun.i or child.dep_ not in SUBJECT_DEPS:
                continue
            if exclude is not None and exclude.start <= child.i < exclude.end:
                continue
            keep.add(child.i)
            frontier.append(child)
    doc = noun.doc
    start, end = compound_bounds(noun)
    keep.update(range(start, end + 1))
    while end + 1 in keep and end + 1 - start < MAX_SUBJECT_TOKENS:
        end += 1
    while end > noun.i and doc[end].dep_ in ("case", "det"):
        end -= 1
    return " ".join(doc[start : end + 1].text.split())


# -- topic and measure ---------------------------------------------------------------------


def _find_cues(folded: str, topics: tuple[Topic, ...]) -> list[tuple[int, int, Topic]]:
    hits = []
    for topic in topics:
        for pattern in topic.patterns:
            hits.extend((m.start(), m.end(), topic) for m in pattern.finditer(folded))
    return sorted(hits, key=lambda h: (h[0], h[1], h[2].id))


def _topic(
    cues: list[tuple[int, int, Topic]], contexts: list[tuple[int, int]], offset: int
) -> tuple[Topic | None, tuple[int, int] | None]:
    """The topic with most alias hits in the first context that has any; ties go to the nearest."""
    for lo, hi in contexts:
        hits = [h for h in cues if lo <= h[0] and h[1] <= hi]
        if not hits:
            continue
        counts: dict[str, int] = {}
        for _, _, topic in hits:
            counts[topic.id] = counts.get(topic.id, 0) + 1
        best = max(counts.values())
        candidates = [h for h in hits if counts[h[2].id] == best]
        nearest = min(candidates, key=lambda h: (min(abs(h[0] - offset), abs(h[1] - offset)), h[2].id))
        return nearest[2], (nearest[0], nearest[1])
    return None, None


def _measure(measures: tuple[Measure, ...], mention: Mention, folded_sentence: str, states: set[str] = frozenset()) -> Measure | None:
    """The first measure whose kind, counted noun (or a state of it: "2 pompiers blessés" count
    the injured) and cues fit the figure."""
    for measure in measures:
        spec = measure.spec
        if spec.kind != mention.kind:
            continue
        if measure.units and fold(mention.unit or "") not in measure.units and not states & measure.units:
            continue
        if measure.cue_patterns and not any(p.search(folded_sentence) for p in measure.cue_patterns):
            continue
        return measure
    return None


def _states(doc: Doc, mention: Mention) -> set[str]:
    """What the counted noun is said to be, folded and singular: "2 pompiers blessés", "deux
    sapeurs-pompiers ont été blessés", "3 personnes tuées" (a participle or adjective on the
    noun, or the predicate the noun is the subject of)."""
    if mention.kind != "count" or mention.noun_index is None:
        return set()
    noun = doc[mention.noun_index]
    words = [c for c in noun.children if c.dep_ in ("amod", "acl") and c.i > noun.i]
    if noun.dep_ in ("nsubj", "nsubj:pass") and noun.head.pos_ in ("VERB", "ADJ"):
        words.append(noun.head)
    return {_singular_word(fold(w.text)) for w in words}


def _singular_word(word: str) -> str:
    """"blesses" -> "blesse", "tuees" -> "tue": a French participle or adjective, singular masculine."""
    for ending, cut in (("ees", 2), ("ee", 1), ("s", 1)):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-cut]
    return word
