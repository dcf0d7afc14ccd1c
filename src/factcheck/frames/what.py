"""What a figure counts or measures, read from the parse: the noun, the predicate, the part.

"457 personnes ont été interpellées" and "457 interpellations" both count `interpel`; "149
policiers et gendarmes blessés" counts `bless` among `polici`; "dont 408 à Paris" is a part.
The words are normalised by the rules' lexicon (lexicon.py): a Snowball stem, then the
`same_thing` groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..models import Mention
from ..pipes.quantities import compound_bounds
from ..text import fold
from .lexicon import Lexicon, stem, stem_phrase

# Dependencies by which a participle or adjective says what happened to the counted noun:
# "personnes interpellées", "policiers blessés", "véhicules qui ont brûlé".
PREDICATE_DEPS = {"acl", "amod", "acl:relcl"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass"}
# Nouns of a number ("un million d'hectares") the counted noun may hang on.
NUMBER_NOUNS = {"million", "milliard", "millier", "centaine", "dizaine", "douzaine", "vingtaine", "trentaine", "cinquantaine"}
# Verbs whose infinitive says what happened: "ont dû être évacuées", "ont pu être sauvées".
MODAL_VERBS = {"devoir", "pouvoir"}
# Words that mark a shock other than the main one: its magnitude is another figure.
OTHER_SHOCK = {"seconde", "second", "deuxieme", "replique", "repliques", "troisieme"}
# Words before a figure that make it a part of a whole given next to it.
PART_CUES = {"dont", "parmi", "notamment"}
OTHER_CUES = {"autre", "autres"}
ADDED_CUES = {"supplementaire", "supplementaires", "additionnels", "additionnelles"}
# A later clause that carries the figure into a total: "portant à", "ce qui porte le bilan à".
_RAISES_TO = re.compile(r"\b(?:portant|porte|portera|porteront|portent) (?:a|le|la|au|leur|son|sa|ses)\b")


@dataclass(frozen=True, slots=True)
class What:
    """The thing counted (a concept key), the group it is counted in, and whether it is a part."""

    key: str | None
    population: str | None = None
    part: bool = False


def what_of(mention: Mention, span: Span | None, subject: str | None, lexicon: Lexicon) -> What:
    """The frame's what for one figure. Counts: the counted noun and its predicate; money and
    percents: the noun the amount is of with its first complement ("budget|solideo")."""
    if span is None:
        return What(None)
    doc = span.doc
    part = _is_part(span)
    if mention.kind == "count":
        noun = doc[mention.noun_index] if mention.noun_index is not None else None
        return _count_what(noun, span, lexicon, part)
    after = _written_after(span, lexicon)
    if after is not None:
        return What(after, None, part)  # "1,5 million d'euros d'aide humanitaire"
    said = _amount_key(subject, lexicon)
    if said is not None and _right_before(subject, span):
        return What(said, None, part)  # "un investissement de 4 Md€", "le budget de 11,3 milliards"
    return What(_written_before(span, lexicon) or said or _named_before(span, lexicon), None, part)


def _right_before(subject: str, span: Span) -> bool:
    """Whether the subject's first word is one of the few words right before the amount."""
    first = fold(subject.replace("’", "'").split()[0].split("'")[-1])
    return first in {fold(t.text) for t in span.doc[max(span.sent.start, span.start - 3) : span.start]}


def _count_what(noun: Token | None, span: Span, lexicon: Lexicon, part: bool) -> What:
    anchor = noun if noun is not None else span.root
    predicate = _predicate(anchor, lexicon, span.root)
    noun_key = lexicon.concept_of_word(_compound(noun)) if noun is not None else None
    if noun is None or lexicon.is_generic(noun.text):
        return What(predicate or _action_of(noun, span, lexicon), None, part)
    if fold(noun.lemma_) == "magnitude":
        return What(noun_key, _shock(noun), part)
    among = _among(noun)
    if among is not None and not lexicon.is_generic(among.text):
        # "3 blessés parmi les pompiers" counts what "3 pompiers blessés" counts; a phrase of
        # the rules' groups first ("parmi les soldats du feu")
        phrase = stem_phrase(among.doc[among.i : among.i + 3].text)
        group = lexicon.groups.get(phrase)
        return What(group or lexicon.concept_of_word(among.text), noun_key, part)
    if predicate is None or predicate == noun_key:
        return What(noun_key, None, part)
    if noun_key in lexicon.constants and predicate in lexicon.tolls:
        return What(predicate, None, part)  # "32 000 habitants évacués" count the evacuated, not the town
    return What(noun_key, predicate, part)


def _compound(noun: Token) -> str:
    """The noun with the parts of a hyphenated compound the tokenizer split: "sapeurs-pompiers"."""
    start, end = compound_bounds(noun)
    return noun.doc[start : end + 1].text


def _action_of(noun: Token | None, span: Span, lexicon: Lexicon) -> str | None:
    """"l'évacuation de 36 750 personnes", "la mort de 3 personnes": the noun of an action the
    counted people are the complement of."""
    if noun is None:
        return None
    doc = noun.doc
    before = span.start - 1
    if before < 1 or fold(doc[before].text) not in ("de", "d'", "d’"):
        return None
    head = doc[before - 1]
    if head.pos_ != "NOUN" or head.ent_type_ or lexicon.is_generic(head.text):
        return None
    return lexicon.concept_of_word(head.text)


def _shock(magnitude: Token) -> str | None:
    """"second" for the magnitude of a second shock or an aftershock ("une seconde secousse,
    d'une magnitude de 7,5", "une réplique de magnitude 4,5"), None for the main one."""
    segment = magnitude.doc[max(magnitude.sent.start, magnitude.i - 6) : magnitude.i]
    return "second" if any(fold(t.text) in OTHER_SHOCK for t in segment) else None


def _among(noun: Token) -> Token | None:
    """The group a count is taken from: "3 blessés parmi les pompiers" -> "pompiers"."""
    doc = noun.doc
    for i in range(noun.i + 1, min(len(doc), noun.i + 3)):
        if fold(doc[i].text) == "parmi":  # attached to the noun or to its verb, as the parse has it
            return next((t for t in doc[i + 1 : i + 4] if t.pos_ == "NOUN"), None)
    return None


def _predicate(noun: Token, lexicon: Lexicon, number: Token | None = None) -> str | None:
    """The concept of what the counted people or things did or underwent, or None. The clause
    may hang on the number when the parse takes it for the head ("ce sont 917 personnes qui
    avaient été interpellées")."""
    candidates = [noun, *[c for c in noun.children if c.dep_ == "conj"]]
    if number is not None and number.i < noun.i and number not in candidates:
        candidates.append(number)
    for token in candidates:  # "policiers et gendarmes blessés": the participle may hang on either
        for child in token.children:
            if child.dep_ in PREDICATE_DEPS and _is_participle(child) and child.i > noun.i and not _own_subject(child):
                key = _verb_key(child, lexicon)
                if key is not None:
                    return key
    while noun.head.i != noun.i and noun.dep_ == "nmod" and fold(noun.head.lemma_) in NUMBER_NOUNS:
        noun = noun.head  # "couvre près d'un million d'hectares": the verb governs "million"
    head = noun.head
    if fold(head.lemma_) in MODAL_VERBS:  # "16 000 personnes ont dû être évacuées"
        head = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), head)
    if head.i != noun.i and head.pos_ in ("VERB", "AUX", "ADJ") and noun.dep_ in SUBJECT_DEPS | {"obj"}:
        # "Airbus a livré 766 avions", "le feu a parcouru 3 800 hectares" (the rules' groups
        # join "parcourir", "ravager" and "brûler"); a light verb says nothing ("a compté")
        return _verb_key(head, lexicon)
    return None


def _own_subject(verb: Token) -> bool:
    """Whether a clause on the noun has a subject of its own, so says nothing of the noun:
    "700 000 personnes, dans un cortège si dense qu'une partie des manifestants n'avait pas
    quitté la place" (the relative "qui" is the noun itself)."""
    return any(c.dep_ in SUBJECT_DEPS and fold(c.text) not in ("qui", "lesquels", "lesquelles") for c in verb.children)


def _is_participle(token: Token) -> bool:
    """A verb, or an adjective that is a past participle ("blessés", "interpellées"), not a
    plain adjective ("avions commerciaux", "places supplémentaires")."""
    if token.pos_ == "VERB":
        return True
    return token.pos_ == "ADJ" and ("Part" in token.morph.get("VerbForm") or token.lower_.endswith(_PARTICIPLE_ENDINGS))


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")


def _verb_key(verb: Token, lexicon: Lexicon) -> str | None:
    """The concept of a verb or participle, with its object noun for an idiom ("perdre la vie")."""
    lemma = verb.lemma_ or verb.text
    if verb.like_num or lexicon.is_light(lemma):
        return None  # "2.059 blessés, dont 1.404 grièvement atteints": a number says nothing
    obj = next((c for c in verb.children if c.dep_ == "obj" and c.pos_ == "NOUN"), None)
    if obj is not None:
        idiom = f"{stem(lemma)}_{stem(obj.text)}"
        if idiom in lexicon.groups:
            return lexicon.groups[idiom]
    return lexicon.concept_of_word(lemma)


def _amount_key(subject: str | None, lexicon: Lexicon) -> str | None:
    """"budget de la Solideo" -> "budget|solideo": the head noun and its first complement."""
    if not subject or (" " not in subject.strip() and lexicon.is_light(subject)):
        return None  # "atteindre", "s'établir": the verb says nothing of what the amount is
    words = [w for w in subject.replace("’", "'").split() if fold(w).strip("'") not in _AMOUNT_STOP]
    words = [w.split("'")[-1] for w in words if w.split("'")[-1]]
    if not words or lexicon.is_generic(words[0]):
        return None  # "montant": an amount word says nothing of what the amount is
    return lexicon.key_of(*words[:2])


# How far before an amount its thing may be named: "le taux de chômage a atteint 7,6 %".
NAMED_BEFORE_REACH = 20


def _written_after(span: Span, lexicon: Lexicon) -> str | None:
    """"3 millions d'euros d'aide humanitaire", "20 Md€ d'investissements": the noun right
    after the amount and its currency, with its adjective, as written."""
    doc = span.doc
    i = span.end
    if i + 1 >= len(doc) or fold(doc[i].text) not in ("de", "d'", "d’") or doc[i + 1].pos_ != "NOUN":
        return None
    noun = doc[i + 1]
    if noun.ent_type_ or lexicon.is_generic(noun.text) or fold(noun.lemma_) in NUMBER_NOUNS:
        return None
    if i + 2 < len(doc) and doc[i + 2].pos_ == "ADJ" and doc[i + 2].head.i == noun.i:
        return lexicon.key_of(noun.text, doc[i + 2].text)
    return lexicon.key_of(noun.text)


def _written_before(span: Span, lexicon: Lexicon) -> str | None:
    """"le taux de chômage au sens du BIT s'est établi à 7,3 %": the first noun before the
    amount in its sentence that is followed by "de" and a bare noun, as written (the parse
    often hangs "taux" elsewhere)."""
    doc = span.doc
    for token in doc[max(span.sent.start, span.start - NAMED_BEFORE_REACH) : span.start - 2]:
        if token.pos_ == "NOUN" and not token.ent_type_ and not lexicon.is_generic(token.text):
            link, complement = doc[token.i + 1], doc[token.i + 2]
            if fold(link.text) in ("de", "d'", "d’") and complement.pos_ == "NOUN" and not complement.ent_type_ and not lexicon.is_generic(complement.text):
                return lexicon.key_of(token.text, complement.text)
    return None


def _named_before(span: Span, lexicon: Lexicon) -> str | None:
    """The thing an amount is of, when its subject says nothing ("a atteint", "d'un montant
    de"): the nearest noun before it in its sentence with a complement that is not the
    amount itself, as "taux|chomag" for "le taux de chômage a atteint 7,6 %"."""
    def key(token: Token) -> str | None:
        if token.pos_ != "NOUN" or token.ent_type_ or lexicon.is_generic(token.text):
            return None
        complement = next((c for c in token.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN") and c.i < span.start), None)
        if complement is None or lexicon.is_generic(complement.text):
            return None
        return lexicon.key_of(token.text, complement.text)

    verb = span.root.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) if verb.pos_ in ("VERB", "AUX") else None
    if subject is not None and key(subject):
        return key(subject)  # "le budget de la Solideo [...] s'établit à 4,5 milliards"
    before = span.doc[max(span.sent.start, span.start - NAMED_BEFORE_REACH) : span.start]
    return next((k for k in map(key, before) if k), None)


_AMOUNT_STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "au", "aux", "a", "en", "et", "pour", "sur", "par"}


def _is_part(span: Span) -> bool:
    """"dont 408 à Paris", "parmi eux, 23 policiers", "les trois autres victimes"."""
    doc = span.doc
    before = [fold(t.text) for t in doc[max(span.sent.start, span.start - 3) : span.start]]
    if before and (before[-1] in PART_CUES or (len(before) > 1 and before[-2] in PART_CUES)):
        return True
    after = [fold(t.text) for t in doc[span.end : span.end + 3]]
    if set(after) & OTHER_CUES:
        return True
    # "16 000 personnes ont dû être évacuées, portant à 32 000 le nombre total", "5 000
    # soldats supplémentaires": what is added to a total, not the total
    return bool(set(after) & ADDED_CUES) or bool(_RAISES_TO.search(fold(doc[span.end : span.sent.end].text)))
