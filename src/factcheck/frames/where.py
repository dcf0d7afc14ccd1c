"""Where a figure holds: the place of its own clause, else of its sentence's opening, else of
its round-up line ("• Nantes : cinq policiers blessés"), else of the title.

In "1.089.000 personnes ont défilé dans le pays, dont 119.000 à Paris", Paris belongs to the
second figure only: a place is taken from the figure's own segment of the sentence (segments
end at punctuation and at "dont", "contre", "tandis que"), not from anywhere in the sentence.
"""

from __future__ import annotations

import re

from ..text import fold

# Where one clause of a sentence ends and another figure's begins.
# (a comma only before a space: "1,2 million" is one number)
_SEGMENT_END = re.compile(r"[;()«»\"]|[,:](?=\s)|\s(?:dont|contre|tandis que|alors que|mais|soit)\s")
# "• Nantes : ...", "- À Bordeaux : ...", "Metz — ...": a round-up line's heading place.
_NAME = r"((?:[A-ZÉÈÎ][\w’'-]+)(?:[ -](?:sur|en|de|la|le|du|d’|d')?[ -]?[A-ZÉÈ][\w’'-]+){0,3})"
_LINE_HEADING = re.compile(r"^\s*(?:[•\-–—*]\s*)?(?:[AÀà]\s+)?" + _NAME + r"\s*[:–—]\s")
# A bulleted line may qualify its place before the colon: "• Bordeaux et sa métropole : 27".
_BULLET_HEADING = re.compile(r"^\s*[•\-–—*]\s*(?:[AÀà]\s+)?" + _NAME + r"(?:\s+(?:et|avec)\s+[a-zéè][\w’' -]{0,30})?\s*:\s")
# A sentence that opens on its place frames the next ones of its paragraph: "A Lausanne, dans
# la nuit de samedi à dimanche, [...]. La police municipale a procédé à 7 interpellations."
_OPENING_PLACE = re.compile(r"(?:^|[.!?»]\s+)(?:[AÀ]|En|Dans)\s+" + _NAME + r"\s*,")


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clause-like segments of text[start:end], as absolute char ranges."""
    bounds = [start]
    for m in _SEGMENT_END.finditer(fold(text[start:end])):
        bounds.append(start + m.end())
    bounds.append(end)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def choose_place(
    text: str,
    sentence: tuple[int, int],
    figure: tuple[int, int],
    candidates: list[tuple[int, str]],
    figures: list[tuple[int, int]],
    loose: list[tuple[int, str]] = (),
) -> str | None:
    """The place for the figure at `figure` among the sentence's `candidates` (char, place):
    one in the figure's own segment (the nearest; coordinated ones together), else the one
    place of `loose` (named without a preposition) in that segment, else one in an opening
    segment that comes before every figure of the sentence ("À Bordeaux, 13 000 ...")."""
    parts = segments(text, *sentence)
    own = next(((a, b) for a, b in parts if a <= figure[0] < b), None)
    if own is not None:
        inside = _slot(own, figure, [c for c in candidates if own[0] <= c[0] < own[1]], figures)
        if inside:
            names = sorted({c[1] for c in inside})
            if len(names) > 1 and _joined(text, inside):
                return " + ".join(names)  # "en Turquie et en Syrie": both together
            return min(inside, key=lambda c: abs(c[0] - figure[0]))[1]
        owners = [c for c in loose if own[0] <= c[0] < own[1]]
        if len(owners) == 1:
            return owners[0][1]  # "la Suisse avec 8 médailles", "le Canada en compte 27"
        if is_whole(text, own, figure, figures):
            return None
        # a place said earlier in the sentence goes on ("12 000 à Lyon, tandis que la préfecture
        # en a compté 3 500"), unless it was a part's ("dont 408 à Paris") or another figure's
        # own segment came between; a place said after the figure never goes back to it
        # ("1.089.000 personnes ont défilé, dont 119.000 à Paris")
        earlier = [(a, b) for a, b in parts if b <= own[0]]
        for a, b in reversed(earlier):
            inside = [c for c in candidates if a <= c[0] < b]
            if inside:
                if fold(text[a:b]).lstrip().startswith("dont"):
                    break
                return inside[-1][1]
        # a segment of its own with no figure in it, before this one, frames the rest
        # ("Selon la préfecture, à Nantes, 12 000 ..."); one with another figure does not
        for a, b in parts:
            if a >= own[0]:
                break
            if any(a <= f[0] < b for f in figures):
                break
            inside = [c for c in candidates if a <= c[0] < b]
            if inside:
                return inside[-1][1]
    return None


# Words that make a figure the sum of the parts its sentence gives: "ce qui porte le bilan
# total à 39 000 morts", "au total", "en tout".
_TOTAL = re.compile(r"\btotal\b|\ben tout\b|\bcumule\b")


def is_whole(text: str, own: tuple[int, int], figure: tuple[int, int], figures: list[tuple[int, int]]) -> bool:
    """Whether the figure is the total of its sentence's other figures ("En Syrie, 3 688 décès
    ont été recensés, ce qui porte le bilan total à plus de 39 000 morts"): the place of an
    earlier clause is its part's, not its own."""
    return any(f[0] != figure[0] for f in figures) and bool(_TOTAL.search(fold(text[own[0] : figure[0]])))


def _slot(
    own: tuple[int, int], figure: tuple[int, int], inside: list[tuple[int, str]], figures: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    """The places of a segment that belong to its figure when other figures share the
    segment ("7 en Castille-La Manche et 1 en Andalousie"): those between it and the next
    figure (a list names the place after each figure), else those between the previous
    figure and it."""
    others = [f for f in figures if own[0] <= f[0] < own[1] and f[0] != figure[0]]
    if not others:
        return inside
    following = min((f[0] for f in others if f[0] > figure[0]), default=own[1])
    preceding = max((f[1] for f in others if f[0] < figure[0]), default=own[0])
    after = [c for c in inside if figure[1] <= c[0] < following]
    return after or [c for c in inside if preceding <= c[0] < figure[0]]


def _joined(text: str, inside: list[tuple[int, str]]) -> bool:
    """Whether the places of one segment are coordinated ("en Turquie et en Syrie")."""
    first, last = inside[0][0], inside[-1][0]
    between = fold(text[first:last])
    return " et " in between and " dont " not in between


def line_heading_place(line: str) -> str | None:
    """The place a round-up line opens with: "• Nantes : cinq policiers blessés" -> "Nantes"."""
    m = _LINE_HEADING.match(line) or _BULLET_HEADING.match(line)
    if m is None:
        return None
    name = m.group(1)
    return name if len(name) > 2 else None


def opening_places(text: str) -> list[tuple[int, str]]:
    """Places that open a sentence of `text` ("A Lausanne, ..."), as (char of the name, name)."""
    return [(m.start(1), m.group(1)) for m in _OPENING_PLACE.finditer(text)]
