"""Shares of one whole ("39 %, 34 % et 27 %") and stated ratios ("soit quatre fois plus")."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..models import Claim, Mention
from ..text import fold
from .layout import _Cell, _Layout, _cells, _sentence_range
from .what import MAX_SUBJECT_TOKENS, SUBJECT_DEPS


# -- shares of one whole, and stated ratios ------------------------------------------------

# Between two parts of one whole: the first part's label, then a list separator, and nothing
# else ("45 % pour, 40 % contre et 25 % d'abstention": " pour, " and " contre et ").
_LIST_GAP = re.compile(r"(?P<label>[^\d,;:.!?()]{0,40}?)\s*(?:,\s*et|,|;|\bet)\s*")
# The label of the last part: up to the next punctuation.
_LAST_LABEL = re.compile(r"[^\d,;:.!?()]{0,40}")
# "45 % des votants", "30 % du budget": the whole a part is taken from. "d'abstention", without
# an article, names the part itself.
_WHOLE = re.compile(r"(?:des|du|de la|de l')\s*([\w-]+)")
# Labels of subgroups, not parts: "60 % en Bretagne et 55 % en Normandie", "chez les hommes",
# "pour les jeunes" ("pour la réforme", "pour", "contre" are parts of a vote).
SUBGROUP_STARTS = (
    "en ", "chez ", "a ", "au ", "aux ", "dans ", "parmi ", "sur ", "selon ", "entre ", "par ", "vers ",
    "depuis ", "avant ", "apres ", "pour les ", "pour des ", "pour ces ",
)
# Words that make figures in a row a change, a rate or a comparison, not parts of one whole:
# "en hausse de 4 %", "le taux de 7,4 %, 7,3 % ...", "respectivement", "soit 15 %".
NOT_PARTS = {
    "hausse", "baisse", "augmentation", "diminution", "progression", "recul", "croissance", "inflation",
    "taux", "rendement", "marge", "tva", "remise", "reduction", "rabais", "evolution", "variation",
    "interet", "augmenter", "baisser", "progresser", "reculer", "grimper", "chuter", "bondir", "diminuer",
    "croitre", "plus", "moins", "soit", "dont", "respectivement", "point", "que", "puis", "ensuite",
    "an", "annee", "mois", "trimestre", "semestre", "precedent", "dernier", "hier", "auparavant",
}
# Verbs of a poll with several answers per person ("45 % citent le pouvoir d'achat, 40 % la
# santé"): their shares may add up to more than 100 %.
MULTI_ANSWER_LEMMAS = {"citer", "mentionner", "evoquer", "placer", "classer", "designer", "nommer"}
MULTI_ANSWER_NOTES = ("plusieurs reponses", "reponses multiples", "plusieurs choix")
# A table column of shares of one whole: a "Total" row of 100 %, a header that names a split of
# one whole, or every cell qualifying its figure the same way ("5% mondial"). A header "Part
# de ..." alone is not enough: "Part du renouvelable" by country is one whole per row.
SHARE_HEADER = re.compile(r"\b(?:repartition|voix|suffrages)\b")
SHARE_QUALIFIERS = {"mondial", "mondiale", "du total", "des voix", "des suffrages", "des votes", "du marche"}
RATE_HEADER = re.compile(r"\b(?:taux|croissance|evolution|variation|hausse|baisse|rendement|marge|inflation|progression|par an)\b")
TOTAL_ROWS = ("total", "ensemble")
WHOLE_ROWS = (*TOTAL_ROWS, "dont", "monde", "moyenne")  # the whole itself, or a subset: not parts

# After a multiplier: "quatre fois plus que les usines actuelles", "deux fois moins de
# puces que ...", "trois fois supérieur à celui de 2020".
_RATIO_TAIL = re.compile(
    r"\s*(?:(?P<way>plus|moins)\b(?:\s+[\w'-]+){0,3}?\s+qu(?:e\s+|')|(?P<cmp>superieur|inferieur)e?s?\s+(?:a|au|aux)\s+)"
    r"(?P<ref>[^,;:.!?()«»\"]+)"
)
# Between a figure and its multiplier: its noun, a comma and maybe "soit" ("100 000 puces, soit").
_RATIO_GAP = re.compile(r"[^\d,;:.!?()]{0,60}?(?:,\s*(?:soit\s+|c'est-a-dire\s+|donc\s+)?|\s+soit\s+)")


def _mark_shares(doc: Doc, text: str, claims: list[Claim], places: dict[int, tuple[tuple[int, int], _Cell | None]]) -> list[Claim]:
    """Set `share_of` on the percents that clearly split one whole; leave every other claim alone.

    Conservative on purpose: a list of percents in one sentence whose labels name parts
    ("45 % pour, 40 % contre et 25 % d'abstention", "60 % des votants ... le oui et 55 % des
    votants le non"), or a table column of shares. Figures of subgroups, periods, changes and
    polls with several answers per person are never parts.
    """
    signed = ("+", "-", "\u2212")  # "+5 %": a change
    percents = [i for i, c in enumerate(claims) if c.kind == "percent" and c.unit == "%" and not c.text.lstrip().startswith(signed)]
    if len(percents) < 2 or any(note in fold(text) for note in MULTI_ANSWER_NOTES):
        return claims
    marks: dict[int, tuple[str, str]] = {}  # claim index -> (whole key, part label)
    by_sentence: dict[tuple[int, int], list[int]] = {}
    by_column: dict[tuple[int, tuple[int, int] | None], list[int]] = {}
    for i in percents:
        sentence, cell = places[i]
        if cell is None:
            by_sentence.setdefault(sentence, []).append(i)
        else:
            by_column.setdefault((cell.block[0], cell.header_range), []).append(i)
    for sentence, members in by_sentence.items():
        for run in _runs(text, claims, members):
            parts = _list_parts(doc, text, claims, run, sentence)
            if parts is not None:
                marks.update({i: (f"list@{claims[run[0]].start}", label) for i, label in parts})
    for (block, header), members in by_column.items():
        parts = _column_parts(text, claims, members, [places[i][1] for i in members])
        if parts is not None:
            marks.update({i: (f"table@{block}:{header[0] if header else 0}", label) for i, label in parts})
    return [replace(c, share_of=marks[i][0], share_label=marks[i][1]) if i in marks else c for i, c in enumerate(claims)]


def _runs(text: str, claims: list[Claim], members: list[int]) -> list[list[int]]:
    """Percents of one sentence that follow each other as a list (a separator between each two)."""
    runs, run = [], members[:1]
    for prev, cur in zip(members, members[1:]):
        if _LIST_GAP.fullmatch(fold(text[claims[prev].end : claims[cur].start])):
            run.append(cur)
        else:
            runs.append(run)
            run = [cur]
    runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _list_parts(doc: Doc, text: str, claims: list[Claim], run: list[int], sentence: tuple[int, int]) -> list[tuple[int, str]] | None:
    """The (claim index, label) of each part when a list of percents splits one whole, else None."""
    members = [claims[i] for i in run]
    if len({c.date for c in members}) > 1 or any(c.modality in ("negated", "target") for c in members):
        return None
    ranges = []
    for k, claim in enumerate(members):
        if k + 1 < len(members):
            gap = fold(text[claim.end : members[k + 1].start])
            match = _LIST_GAP.fullmatch(gap)
            ranges.append((claim.end + match.start("label"), claim.end + match.end("label")))
        else:
            match = _LAST_LABEL.match(fold(text[claim.end : sentence[1]]))
            ranges.append((claim.end + match.start(), claim.end + match.end()))
    labels = [" ".join(text[lo:hi].split()) for lo, hi in ranges]
    folded = [fold(label) for label in labels]
    if not all(folded) or len(set(folded)) < len(folded):
        return None  # every part says what it is, and no two say the same
    # the words of the labels and the five words before the list, as written and as lemmas
    words = _words(doc.char_span(sentence[0], members[0].start, alignment_mode="expand"), last=5)
    for lo, hi in ranges:
        words |= _words(doc.char_span(lo, hi, alignment_mode="expand"))
    if words & NOT_PARTS or any((f + " ").startswith(SUBGROUP_STARTS) for f in folded):
        return None
    wholes = {m.group(1) for f in folded if (m := _WHOLE.match(f))}
    if len(wholes) > 1:
        return None  # "45 % des hommes et 60 % des femmes": two wholes
    for k, (lo, hi) in enumerate(ranges):
        span = doc.char_span(lo, hi, alignment_mode="expand")
        for token in span if span is not None else ():
            lemma = fold(token.lemma_)
            if k == 0 and lemma in MULTI_ANSWER_LEMMAS:
                return None
            if k > 0 and _is_own_verb(token):
                return None  # "60 % approuvent ... et 55 % jugent ...": two statements, not two parts
    return list(zip(run, labels))


def _words(span: Span | None, last: int | None = None) -> set[str]:
    """Folded forms and lemmas of the words of a span (of its `last` words only, if given)."""
    tokens = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    return {w for t in tokens[-last if last else 0 :] for w in (fold(t.text), fold(t.lemma_))}


def _is_own_verb(token: Token) -> bool:
    """A finite verb of a later part ("55 % jugent"); "25 % se sont abstenus" is the abstention part."""
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and "Fin" in token.morph.get("VerbForm")):
        verb = token.head if token.pos_ == "AUX" else token
        return not fold(verb.lemma_).startswith("absten")
    return False


def _column_parts(text: str, claims: list[Claim], members: list[int], cells: list[_Cell]) -> list[tuple[int, str]] | None:
    """The (claim index, row header) of each share of a table column of shares, else None."""
    header = fold(cells[0].column_header or "")
    rows = [(i, cell) for i, cell in zip(members, cells) if not fold(cell.row_header or "").startswith(WHOLE_ROWS)]
    if len(rows) < 2 or len({cell.row for _, cell in rows}) < len(rows) or RATE_HEADER.search(header):
        return None
    totals = [i for i, cell in zip(members, cells) if fold(cell.row_header or "").startswith(TOTAL_ROWS)]
    total_is_100 = any(claims[i].value == 100 for i in totals)
    if any(claims[i].modality in ("negated", "target") for i, _ in rows):
        return None  # "Objectif 2027": each actor's own target need not fit with the others'
    qualifiers = set()  # what follows the figure in its cell: "mondial" in "5% mondial"
    for i, cell in rows:
        cell_end = next(hi for lo, hi in _cells(text, cell.row) if lo <= claims[i].start <= hi)
        qualifiers.add(" ".join(fold(text[claims[i].end : cell_end]).split()))
    if not (total_is_100 or SHARE_HEADER.search(header) or (len(qualifiers) == 1 and qualifiers <= SHARE_QUALIFIERS)):
        return None
    return [(i, cell.row_header or "") for i, cell in rows]


def _mark_ratios(doc: Doc, text: str, layout: _Layout, claims: list[Claim], multipliers: list[Mention]) -> list[Claim]:
    """Set `ratio_*` on a figure followed by a multiplier that names what it is compared with.

    "environ 100 000 puces d'IA de pointe, soit quatre fois plus que les usines actuelles": the
    usines actuelles have a quarter as many. Only when the comparison names a noun (not
    "celles de 2020", not a figure): that noun is how the check finds the other figure.
    """
    marks: dict[int, dict] = {}
    for mention in multipliers:
        if not isinstance(mention.value, (int, float)) or mention.value <= 1:
            continue
        sentence = _sentence_range(layout, mention, None)
        tail = _RATIO_TAIL.match(fold(text[mention.end : sentence[1]]))
        before = [i for i, c in enumerate(claims) if sentence[0] <= c.start and c.end <= mention.start]
        if tail is None or not before or before[-1] in marks:
            continue
        base = before[-1]
        if not _RATIO_GAP.fullmatch(fold(text[claims[base].end : mention.start])):
            continue
        ref_start, ref_end = mention.end + tail.start("ref"), mention.end + tail.end("ref")
        noun = _reference_noun(doc, ref_start, ref_end)
        if noun is None:
            continue
        low = (mention.low if mention.low is not None else mention.value) - mention.precision
        high = (mention.high if mention.high is not None else mention.value) + mention.precision
        if low <= 0:
            continue
        more = tail.group("way") == "plus" or tail.group("cmp") == "superieur"
        marks[base] = dict(
            ratio_of=noun,
            ratio_low=low if more else 1 / high,
            ratio_high=high if more else 1 / low,
            ratio_text=" ".join(text[mention.start : ref_start + len(text[ref_start:ref_end].rstrip())].split()),
        )
    return [replace(c, **marks[i]) if i in marks else c for i, c in enumerate(claims)]


def _reference_noun(doc: Doc, start: int, end: int) -> str | None:
    """The noun phrase a comparison names ("les usines actuelles" -> "usines actuelles"), or None
    when it names none first (a pronoun "celles de", an adverb "avant", a figure)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        if token.pos_ in ("DET", "ADP", "SPACE"):
            continue
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        # the noun and the words after it that depend on it ("usines d'IA actuelles"); a
        # no-break space between them is a token of its own
        last = token.i
        for follower in doc[token.i + 1 : min(span.end, token.i + MAX_SUBJECT_TOKENS)]:
            if follower.pos_ != "SPACE" and not (token.i in (a.i for a in follower.ancestors) and follower.dep_ in SUBJECT_DEPS):
                break
            last = follower.i
        while doc[last].pos_ in ("SPACE", "ADP", "DET"):
            last -= 1
        phrase = " ".join(doc[token.i : last + 1].text.split())
        return phrase if not any(ch.isdigit() for ch in phrase) else None
    return None
