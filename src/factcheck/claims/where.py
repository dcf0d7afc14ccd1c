"""Where a figure holds: the place of its clause, of its round-up line, of its paragraph's
opening or of the title (the choice itself is frames/where.py)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..models import Mention
from ..frames.where import choose_place, is_whole, line_heading_place, opening_places, segments
from ..text import fold
from .layout import _Layout


# -- place ---------------------------------------------------------------------------------

# Phrases that make a figure national ("dans toute la France", "l'ensemble du pays").
_NATIONAL = re.compile(
    r"\b(?:dans toute la france|partout en france|en france|france entiere|dans l'ensemble du pays|"
    r"l'ensemble du pays|dans tout le pays|au niveau national|a l'echelle nationale|sur tout le territoire|"
    r"sur l'ensemble du territoire|au plan national|a l'echelle de la france|a l'echelle du pays)\b"
)
_THE_CAPITAL = re.compile(r"\b(?:dans|a|de) la capitale\b(?! (?:economique|europeenne|regionale|mondiale))")
# Capitals "la capitale" may name: the one the article names most.
CAPITALS = ("Paris", "Bruxelles", "Berne", "Ottawa", "Madrid", "Rabat", "Ankara", "Alger", "Tunis", "Damas",
            "Lisbonne", "Rome", "Berlin", "Londres", "Washington")


def _capital(text: str) -> str | None:
    folded = fold(text)
    counts = {name: folded.count(fold(name)) for name in CAPITALS}
    best = max(CAPITALS, key=lambda name: counts[name])
    return best if counts[best] else None


PLACE_CASES = {"a", "en", "dans", "au", "aux", "pres", "sur"}
_CAPITALISED_PLACE = re.compile(r"\b[Dd]ans (?:le |la |les |l'|l’)([A-ZÉÈÎ][\w’'-]*[\w])")
# Adjectives of place, folded: "le cortège lyonnais" holds at Lyon.
PLACE_ADJECTIVES = {
    stem + ending: place
    for stem, place, endings in (
        ("lyonnais", "Lyon", ("", "e", "es")), ("parisien", "Paris", ("", "ne", "s", "nes")),
        ("marseillais", "Marseille", ("", "e", "es")), ("toulousain", "Toulouse", ("", "e", "s", "es")),
        ("bordelais", "Bordeaux", ("", "e", "es")), ("lillois", "Lille", ("", "e", "es")),
        ("nantais", "Nantes", ("", "e", "es")), ("nicois", "Nice", ("", "e", "es")),
        ("strasbourgeois", "Strasbourg", ("", "e", "es")), ("rennais", "Rennes", ("", "e", "es")),
        ("grenoblois", "Grenoble", ("", "e", "es")), ("montpellierain", "Montpellier", ("", "e", "s", "es")),
        ("bruxellois", "Bruxelles", ("", "e", "es")), ("genevois", "Genève", ("", "e", "es")),
        ("lausannois", "Lausanne", ("", "e", "es")), ("vaudois", "Vaud", ("", "e", "es")),
        ("montrealais", "Montréal", ("", "e", "es")), ("quebecois", "Québec", ("", "e", "es")),
        ("belge", "Belgique", ("", "s")), ("suisse", "Suisse", ("", "s")), ("canadien", "Canada", ("", "ne", "s", "nes")),
        ("marocain", "Maroc", ("", "e", "s", "es")), ("turc", "Turquie", ("", "s")), ("turque", "Turquie", ("", "s")),
        ("syrien", "Syrie", ("", "ne", "s", "nes")), ("espagnol", "Espagne", ("", "e", "s", "es")),
        ("algerien", "Algérie", ("", "ne", "s", "nes")), ("tunisien", "Tunisie", ("", "ne", "s", "nes")),
        ("britannique", "Royaume-Uni", ("", "s")), ("americain", "États-Unis", ("", "e", "s", "es")),
        ("allemand", "Allemagne", ("", "e", "s", "es")), ("italien", "Italie", ("", "ne", "s", "nes")),
        ("francais", "France", ("", "e", "es")), ("portugais", "Portugal", ("", "e", "es")),
    )
    for ending in endings
}


# "Réforme des retraites : forte mobilisation à Lyon": the place a title gives the whole article
_TITLE_PLACE = re.compile(r"\b(?:à|a) ((?:[A-ZÉÈ][\w’'-]+)(?:[ -](?:sur|en|de|la|le)?[ -]?[A-ZÉÈ][\w’'-]+)*)")


def _title_place(title: str | None) -> str | None:
    """The place of a local story, from its title ("... à Lyon"), or France for a national one.

    A figure whose sentence names no place takes it: a local count is then never compared
    with a national one. A wrong guess only keeps two figures apart, never pairs them.
    """
    if not title:
        return None
    if _NATIONAL.search(fold(title)):
        return "France"
    for m in _TITLE_PLACE.finditer(title):
        if not _FROM_PLACE.search(title[: m.start()]):
            return m.group(1)
    return None  # "de Strasbourg à Metz" spans a region: no one place


_FROM_PLACE = re.compile(r"\bde\s+[A-ZÉÈ][\w’'-]+\s+$")


def _place(
    doc: Doc, text: str, sentence: tuple[int, int], mention: Mention, actors: list[Span],
    figures: list[Mention], layout: "_Layout",
) -> str | None:
    """Where the figure holds: a place introduced by à/en/dans, or France for national phrasing,
    in the figure's own clause or the sentence's opening (frames/where.py), else the place
    that heads its round-up line ("• Nantes : cinq policiers blessés")."""
    folded = fold(text[sentence[0] : sentence[1]])
    candidates: list[tuple[int, str]] = []
    candidates.extend((sentence[0] + m.start(), "France") for m in _NATIONAL.finditer(folded))
    capital = _capital(text) if _THE_CAPITAL.search(folded) else None
    if capital is not None:  # "dans la capitale": the capital the article speaks of
        candidates.extend((sentence[0] + m.start(), capital) for m in _THE_CAPITAL.finditer(folded))
    loose: list[tuple[int, str]] = []  # places named without a preposition: "la Suisse avec 8"
    own = next((s for s in segments(text, *sentence) if s[0] <= mention.start < s[1]), sentence)
    for span in actors:
        if span.label_ != "LOC" or not (sentence[0] <= span.start_char < sentence[1]):
            continue
        root = span.root
        before = [fold(t.text) for t in doc[max(0, span.start - 2) : span.start]]
        if any(c.dep_ == "case" and fold(c.text) in PLACE_CASES for c in root.children) or (
            before[-1:] and before[-1] in PLACE_CASES or before in (["pres", "de"], ["autour", "de"])
        ) or (_named_area(root) and own[0] <= span.start_char < own[1]) or _coordinated_place(text, span, candidates):
            candidates.append((span.start_char, span.text))
        elif (root.dep_ in ("nsubj", "nsubj:pass", "ROOT", "appos") or before[-1:] in (["la"], ["le"], ["l'"])) and before[-1:] not in (["de"], ["d'"]):
            # (not a noun's complement: "les incendies de Landiras et de La Teste-de-Buch")
            loose.append((span.start_char, span.text))
    named = {(c[0]) for c in candidates}
    for m in _CAPITALISED_PLACE.finditer(text, sentence[0], sentence[1]):
        # "dans le Bas-Rhin": a capitalised name after a preposition of place that the model
        # did not tag; never a person's or an organisation's name
        if m.start(1) not in named and not any(a.start_char <= m.start(1) < a.end_char and a.label_ != "LOC" for a in actors):
            candidates.append((m.start(1), m.group(1)))
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    for token in span if span is not None else ():
        place = PLACE_ADJECTIVES.get(fold(token.text)) if token.dep_ == "amod" else None
        if place is not None and not _names_a_person(token):
            candidates.append((token.idx, place))
    candidates.sort()
    in_sentence = [(f.start, f.end) for f in figures if sentence[0] <= f.start < sentence[1]]
    place = choose_place(text, sentence, (mention.start, mention.end), candidates, in_sentence, loose)
    if place is not None:
        return place
    if is_whole(text, own, (mention.start, mention.end), in_sentence):
        return None  # the total of the parts its sentence places: no heading's or paragraph's place
    line_start, line_end = layout.line_at(mention.start)
    heading = line_heading_place(text[line_start:line_end])
    if heading is not None:
        at = line_start + text[line_start:line_end].find(heading)
        # the parse may miss a heading's place ("• Al Haouz : 1.293 morts") that it reads elsewhere
        return heading if _is_loc(actors, at, heading) or any(a.label_ == "LOC" and heading in a.text for a in actors) else None
    # the last sentence of the paragraph before this one that opens on its place
    opening = [(line_start + at, name) for at, name in opening_places(text[line_start : sentence[0]])]
    opening = [(at, name) for at, name in opening if _is_loc(actors, at, name)]
    return opening[-1][1] if opening else None


# Nouns of an area a place is named in: "dans la région voisine de Castille-La Manche".
_AREA_NOUNS = {"region", "province", "departement", "canton", "commune", "ville", "pays", "zone", "district", "comte", "etat"}


def _named_area(root: Token) -> bool:
    """Whether a place names the area of a phrase of place: "2 dans la région voisine de
    Castille-La Manche" (taken in the figure's own clause only)."""
    head = root.head
    return (
        head.i != root.i
        and fold(head.lemma_) in _AREA_NOUNS
        and any(c.dep_ == "case" and fold(c.text) in ("de", "d'", "du") for c in root.children)
        and any(c.dep_ == "case" and fold(c.text) in PLACE_CASES for c in head.children)
    )


_JOINED_PLACE = re.compile(r"^,? et (?:de |d'|a |en |dans )?$")


def _coordinated_place(text: str, span: Span, candidates: list[tuple[int, str]]) -> bool:
    """"autour de Landiras et de La Teste-de-Buch": a place joined to the place just before it."""
    return any(_JOINED_PLACE.match(fold(text[at + len(name) : span.start_char])) for at, name in candidates)


def _names_a_person(adjective: Token) -> bool:
    """"le sismologue lausannois Pierre Dufaux", "l'Institut américain de géophysique": where a
    person or a body comes from, not where a figure holds."""
    if adjective.ent_type_ or adjective.head.ent_type_:
        return True
    after = adjective.doc[adjective.i + 1] if adjective.i + 1 < len(adjective.doc) else None
    return (after is not None and after.pos_ == "PROPN") or any(
        c.ent_type_ == "PER" or c.pos_ == "PROPN" for c in adjective.head.children if c.i > adjective.head.i
    )


def _is_loc(actors: list[Span], at: int, name: str) -> bool:
    """Whether the parse read `name` at char `at` as a place."""
    return any(a.label_ == "LOC" and a.start_char == at and a.text == name for a in actors)
