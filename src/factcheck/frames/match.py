"""Compare figures on their frames: two figures are compared only when they can be the same one.

Same what (the concept of what is counted or measured, the same detail of what happened to
it, said or implied on both sides), compatible where (the same place, none on both sides, or
a place on one side that the other article is about: `_places_compatible`), compatible when
(`_when`, `_toll_when`, `_constant_when`), both asserted (a forecast, target, conditional or
denied figure is not a measurement), and neither a part of a whole unless its place frames it
("dont 119.000 à Paris" is Paris's figure). No rules topic or measure is needed: the rules'
lexicon only normalises the words and says which things are tolls and constants.

Candidates come from blocking keys on the frame (kind, currency, what), and within a block
only figures that hold within `UPDATE_WINDOW_DAYS` of each other (`_time_key`) meet (or
further apart, up to a year, when their stated periods overlap), so the work grows with the
size of each block and window, not with all pairs of the corpus. Within a block, the sweep in time order looks
only at the pairs that could give a row, and in the same order: figures of one place (or both
unplaced), a headline figure and the unplaced figures of articles that name its place
(`_PlaceNames`), past the window only the figures whose dates may overlap (`_Sweep`), and
within it only those whose times may meet (`_reach`); each figure's time and place are
computed once, not per pair. A huge block (one what, 100 000 figures over years, in many
places) is thus swept in about the time of its rows, not of its pairs.

Each pair that disagrees is typed:
- `update`: a later report of the same count is higher (a toll that rises over days; a count
  given "vers 21 heures" and the next morning's; two counts of one day in hour order);
- `disputed`: same time, each figure attributed to a different source (union vs police);
- `conflict`: same time, values incompatible, nothing to explain the gap.
and scored: `confidence` in [0, 1], with the reasons that set it (`WEIGHTS`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..figures import STATED_SCOPES, describe, disjoint, position, scope_text, widened_interval
from ..models import Claim, Discrepancy
from ..text import fold
from .lexicon import Lexicon, participle_stems

ASSERTED = {"fact", "estimate"}
UPDATE_WINDOW_DAYS = 45
# The longest stated period whose figures are still compared: a year.
LONGEST_PERIOD_DAYS = 366
# A toll is revised within weeks; a figure a month after another is a new event's ("la reprise
# du feu en août") or a final tally stated for its period.
TOLL_WINDOW_DAYS = 21
# Stated periods of very different lengths are different times: the night of 29 June is not
# "depuis le 27 juin", July is not the summer.
MAX_PERIOD_RATIO = 3
# Two undated figures of articles this many days apart can report one day (the next day's
# paper, or a weekend's).
PUBLISHED_GRACE_DAYS = 2
TYPE_SEVERITY = {"conflict": "conflict", "disputed": "review", "update": "info"}
DEFAULT_MIN_CONFIDENCE = 0.6
# How much each reason moves a row's confidence from BASE_CONFIDENCE. Set from the share of
# rows with that reason that match a labelled disagreement on the press dev corpus
# (benchmarks/eval_press.py, 2026-12-07): updates 46 of 48, disputed 11 of 12, conflicts 20 of
# 30; rows of two stories 13 of 13 (story clustering does not predict it: weight 0); rows
# with another figure of the frame in the same article 10 of 15; "une dizaine" 0 of 3.
BASE_CONFIDENCE = 0.8
WEIGHTS = {
    "update": 0.05,  # a toll that rises over days
    "conflict": -0.1,  # nothing explains the gap: the rarest real case, the likeliest misreading
    "same_place": 0.05,  # both figures state the place
    "both_stated": 0.05,  # both figures state their day
    "same_story": 0.0,
    "other_story": 0.0,
    "one_side_place": 0.0,
    "other_figure": -0.05,  # per other figure of the frame from the same source and article
    "one_side_detail": -0.05,  # what happened to them is said on one side only, implied on the other
    "vague": -0.2,  # "une dizaine"
    "other_topic": -0.2,
}


@dataclass(frozen=True, slots=True)
class _Figure:
    claim: Claim
    mentions: int
    day: dt.date | None  # the publication day
    source: str | None  # the folded attribution


def frame_key(c: Claim) -> tuple:
    """The blocking key: figures with different keys are never compared. The place is not in
    it: an article that never states the place of a figure may be about the place another
    article states (see `_places_compatible`)."""
    if c.kind in ("money", "percent"):
        return (c.kind, c.unit, _head(c.what))  # "budget" and "budget|vill" may meet (`_complements_agree`)
    return (c.kind, None, c.what)


def _head(what: str | None) -> str | None:
    return what.split("|")[0] if what else what


def _complements_agree(a: Claim, b: Claim) -> bool:
    """"taux|chomag" and "taux|pauvret" are two rates; "budget" and "budget|vill" may be one."""
    ca = a.what.split("|", 1)[1] if a.what and "|" in a.what else None
    cb = b.what.split("|", 1)[1] if b.what and "|" in b.what else None
    return ca is None or cb is None or ca == cb


def fact_id(c: Claim) -> str:
    """One fact: what, population, where and when (the figure's day, else its scope)."""
    key = f"{c.kind}|{c.unit if c.kind != 'count' else ''}|{c.what}|{c.population or ''}|{_place_key(c.place) or ''}|{c.date or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def eligible(c: Claim) -> bool:
    """Whether the figure takes part in frame matching at all."""
    if c.what is None or c.modality not in ASSERTED:
        return False
    if c.value is None and c.low is None and c.high is None:
        return False
    if c.part and c.place is None:
        return False  # "dont 23 parmi les forces de l'ordre": a part of another figure
    return True


@dataclass(frozen=True, slots=True)
class FrameContext:
    """What frame matching reads beyond the figures of one frame key: the day each article
    reports on (`article_days`), each article's sentences with figures and the actors it names
    (folded), and every place the figures name."""

    anchors: dict[str, tuple[str, str]]
    texts: dict[str, str]
    place_names: frozenset[str]


def frame_context(claims: list[Claim]) -> FrameContext:
    """The context of `claims` (all the figures of a run, in their run order): `anchors` and
    `texts` of an article read only its own figures, `place_names` every figure."""
    # each article's sentences with figures, in order, and the actors it names ("la Ville de
    # Paris a voté son budget. Il s'élève à 11,6 milliards": the article is about Paris)
    sentences: dict[str, dict[str, None]] = defaultdict(dict)
    for c in claims:
        for said in (c.sentence, c.actor):
            if said:
                sentences[c.article][said] = None
    texts = {article: " " + " ".join(fold(s) for s in said) for article, said in sentences.items()}
    return FrameContext(article_days(claims), texts, figure_places(claims))


def figure_places(claims: list[Claim]) -> frozenset[str]:
    """The places the figures name, as `_place_key` folds them."""
    return frozenset(_place_key(part) for c in claims if c.place for part in c.place.split(" + "))


def find_frame_discrepancies(
    claims: list[Claim],
    tolerances: dict[str, float] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    lexicon: Lexicon = Lexicon(),
    context: FrameContext | None = None,
) -> list[Discrepancy]:
    """Rows for the pairs of figures of different articles whose frames match and whose
    values disagree. `tolerances`: extra relative tolerance by generic measure id (rules);
    `lexicon`: the rules' words (rules/frames.yaml), with the concepts whose count only grows
    (tolls) and those that do not change over a story's days (constants). `context`: what the
    figures' articles and the corpus give beyond `claims` (`frame_context`; by default, that of
    `claims`): with the context of all the figures, the figures of each `frame_key` alone give
    that key's rows, as all the figures give them (the Dask engine compares keys apart)."""
    return [row for _, rows in frame_discrepancies_by_key(claims, tolerances, min_confidence, lexicon, context)
            for row in rows]


def frame_discrepancies_by_key(
    claims: list[Claim],
    tolerances: dict[str, float] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    lexicon: Lexicon = Lexicon(),
    context: FrameContext | None = None,
) -> Iterator[tuple[tuple, list[Discrepancy]]]:
    """find_frame_discrepancies' rows, one `frame_key` at a time (keys in the order of their
    repr): (key, its rows), so that a caller need not hold the rows of every key at once."""
    tolerances = tolerances or {}
    tolls, constants = lexicon.tolls, lexicon.constants
    if context is None:
        context = frame_context(claims)
    anchors, texts, place_names = context.anchors, context.texts, context.place_names
    grams: dict[str, frozenset[str]] = {}  # article -> the four-letter strings of its text (`_PlaceNames`)
    blocks: dict[tuple, dict[tuple, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in sorted(claims, key=lambda c: (c.article, c.start)):
        if eligible(c):
            if c.what not in tolls:
                c = _night_of_a_morning(_anchored(c, anchors))
            blocks[frame_key(c)][(c.article, c.population, c.value, c.low, c.high, c.date)].append(c)
    for key in sorted(blocks, key=repr):
        figures = [_figure(group) for group in blocks[key].values()]
        if key[2] in tolls:
            figures = _headline_tolls(figures)
        figures.sort(key=lambda f: (_time_key(f) or dt.date.min, f.claim.article, f.claim.start))
        peers: dict[tuple, int] = defaultdict(int)  # figures of one article, source and place
        places: dict[str, set[str | None]] = defaultdict(set)  # the places each article gives this what now
        highest: dict[str, float] = defaultdict(float)  # each article's highest current figure
        for f in figures:
            peers[_peer_key(f)] += 1
            if _current(f):
                places[f.claim.article].add(_place_key(f.claim.place))
                highest[f.claim.article] = max(highest[f.claim.article], position(f.claim))
        change = _change(key, tolls, constants)
        times = [_time_key(f) for f in figures]
        reach = [_reach(f, change) for f in figures]
        # Two figures whose places differ are never compared; a placed figure meets an unplaced
        # one only when it is its article's highest, the other states no place at all, and the
        # other's article names the place (`_places_compatible`): those pairs are found from
        # the places each article names (`_named_places`), not by trying every placed figure.
        same_place: dict[str | None, list[int]] = defaultdict(list)
        unplaced: list[int] = []
        headline: dict[str, list[int]] = defaultdict(list)  # place -> its headline figures
        for k, f in enumerate(figures):
            place_key = _place_key(f.claim.place)
            same_place[place_key].append(k)
            if f.claim.place is None:
                unplaced.append(k)
            elif place_key is not None and position(f.claim) >= highest.get(f.claim.article, 0.0):
                headline[f.claim.place].append(k)
        is_headline = {k for members in headline.values() for k in members}
        named = _PlaceNames(headline, texts, grams)
        naming: dict[str, list[int]] = defaultdict(list)  # place -> the unplaced figures whose article names it
        for k in unplaced:
            for place in named.by(figures[k].claim.article):
                naming[place].append(k)
        days = [t.toordinal() if t else None for t in times]
        plain = [_plain(f, t) for f, t in zip(figures, times)]
        lists = {id(members): _Sweep(members, days, plain)
                 for members in [*same_place.values(), *headline.values(), *naming.values()]}
        found: list[tuple[int, int, Discrepancy]] = []
        for i, fa in enumerate(figures):
            candidates = [same_place[_place_key(fa.claim.place)]]
            if fa.claim.place is None:
                candidates += [headline[place] for place in named.by(fa.claim.article)]
            elif i in is_headline and fa.claim.place in naming:
                candidates.append(naming[fa.claim.place])
            ta = times[i]
            for others in candidates:
                for j in lists[id(others)].after(i, days[i], plain[i]):
                    fb, tb = figures[j], times[j]
                    if ta and tb and (tb - ta).days > UPDATE_WINDOW_DAYS:
                        if (tb - ta).days > LONGEST_PERIOD_DAYS + UPDATE_WINDOW_DAYS:
                            break
                        if not _overlap(fa.claim.date_start, fa.claim.date_end, fb.claim.date_start, fb.claim.date_end):
                            continue  # (a year stated on both sides, "en 1960", may end far from its day)
                    if not _reaches_meet(reach[i], reach[j]):
                        continue
                    place = _places_compatible(fa.claim, fb.claim, places, highest, texts, key[2] in tolls)
                    if place is None:
                        continue
                    row = _pair(fa, fb, tolerances, change, lexicon, place_names)
                    if row is not None and place == "one side":
                        row = _adjusted(row, WEIGHTS["one_side_place"], "the place is stated on one side only, and the other article gives no figure for it")
                    if row is not None:
                        ambiguity = min(3, peers[_peer_key(fa)] + peers[_peer_key(fb)] - 2)
                        if ambiguity:
                            row = _adjusted(row, WEIGHTS["other_figure"] * ambiguity,
                                            f"{ambiguity} other figure(s) of this frame from the same source in these articles")
                    if row is not None and row.confidence >= min_confidence:
                        found.append((i, j, row))
        yield key, [row for _, _, row in sorted(found, key=lambda x: (x[0], x[1]))]


# How many days before its publication an article's stated day can be the day it reports on.
REPORTED_DAY_WINDOW = 1


def article_days(claims: list[Claim]) -> dict[str, tuple[str, str]]:
    """The day or night each article reports on, when its figures state one: the stated scope
    of one or two days, ending at most `REPORTED_DAY_WINDOW` days before publication, that
    most of its sentences with dated figures give ("875 personnes ont été interpellées dans la
    nuit de jeudi à vendredi"). The paper of 1 July reports the night before it, not the day
    it is printed: its undated figures ("79 policiers blessés") are that night's, not the
    night of 30 June's."""
    votes: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in claims:
        if c.date_basis not in STATED_SCOPES or not c.published or not c.date_start or not c.date_end:
            continue
        length = _length(c)
        try:
            before = (dt.date.fromisoformat(c.published[:10]) - dt.date.fromisoformat(c.date_end[:10])).days
        except ValueError:
            continue
        if length is not None and length <= 2 and 0 <= before <= REPORTED_DAY_WINDOW:
            votes[c.article][(c.date_start[:10], c.date_end[:10])].add(c.sentence)
    # one vote per sentence; on a tie, the latest day (the nearest to the news)
    return {article: max(v, key=lambda scope: (len(v[scope]), scope)) for article, v in votes.items()}


def _anchored(c: Claim, anchors: dict[str, tuple[str, str]]) -> Claim:
    """A figure with no time of its own takes the day its article reports on (`article_days`),
    or the day before it when its sentence says so ("La nuit précédente, 875 personnes avaient
    été interpellées")."""
    if c.date_basis != "published" or c.article not in anchors:
        return c
    start, end = anchors[c.article]
    if _DAY_BEFORE.search(fold(c.sentence)):
        start, end = (str(dt.date.fromisoformat(d) - dt.timedelta(days=1)) for d in (start, end))
    return replace(c, date_start=start, date_end=end, date=start if start == end else f"{start}/{end}", date_basis="article")


def _night_of_a_morning(c: Claim) -> Claim:
    """A count (not a toll) stated on a morning holds for the night that ends then: "Darmanin
    a fait état jeudi matin de 150 interpellations" are those of the night from Wednesday to
    Thursday, not Thursday's."""
    if c.date_basis not in STATED_SCOPES or _length(c) != 1 or not _MORNING.search(fold(c.sentence)):
        return c
    end = dt.date.fromisoformat(c.date_end[:10])
    start = (end - dt.timedelta(days=1)).isoformat()
    return replace(c, date_start=start, date=f"{start}/{end.isoformat()}")


_MORNING = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|ce) matin\b")


# Words that put an undated figure on the day before the one its article reports on.
_DAY_BEFORE = re.compile(r"\b(?:nuit|journee|soiree|soir) precedente?\b|\bla veille\b")


def _change(key: tuple, tolls: frozenset[str], constants: frozenset[str]) -> str | None:
    """How a frame's value moves with time: "toll" (it only grows), "constant" (it holds for a
    story's days: a town's population; and amounts of money, which hold for the period they
    are stated for, "le budget 2025", not for the day they are reported), or None."""
    kind, _, what = key
    if what in tolls:
        return "toll"
    if what in constants or kind == "money":
        return "constant"
    return None


def _adjusted(row: Discrepancy, weight: float, reason: str) -> Discrepancy:
    confidence = round(min(1.0, max(0.0, row.confidence + weight)), 2)
    said = f"{reason} ({weight:+.2f})" if weight else reason
    return replace(row, confidence=confidence, confidence_reasons=f"{row.confidence_reasons}; {said}")


def _peer_key(f: "_Figure") -> tuple:
    return (f.claim.article, f.source, _place_key(f.claim.place))


def _places_compatible(
    a: Claim, b: Claim, places: dict[str, set[str | None]], highest: dict[str, float], texts: dict[str, str],
    toll: bool = False,
) -> str | None:
    """"same" when both figures state one place or neither does; "one side" when one states a
    place P and the other none, the unplaced figure's article gives no figure of P (else its
    unplaced figure is another place's or the whole's: "1,28 million, dont 81 000 à Paris")
    but names P elsewhere (it is about P: a paper on the Gironde fires never names Spain),
    and the placed figure is the highest its article gives for this what now (the article's
    headline, not a part of it: "au moins 2 012 morts" in the Maroc, not "1 293" in Al
    Haouz); else None. A national figure ("en France", "sur l'ensemble du territoire") states
    its place: it is not another country's or city's."""
    pa, pb = _place_key(a.place), _place_key(b.place)
    if pa == pb:
        return "same"
    if pa is not None and pb is not None:
        return None
    placed, unplaced = (a, b) if pa is not None else (b, a)
    if unplaced.place is not None or _place_key(placed.place) in places[unplaced.article]:
        return None
    if position(placed) < highest[placed.article]:
        return None
    if not all(part in texts.get(unplaced.article, "") for part in _folded_parts(placed.place)):
        return None  # each of "Landiras + La Teste-de-Buch" named in the other article
    low, high = sorted((max(position(a), 1e-9), max(position(b), 1e-9)))
    rose = toll and position(placed) > position(unplaced) and _days_before(unplaced.published, placed.published) >= ROSE_DAYS
    if high > ONE_SIDE_RATIO * low and not rose:
        # "3,5 millions" with no place and "81 000 à Paris": the whole and a place; "40 000
        # euros" and "350.000 euros" of a Brussels group: two collections (a toll that rose
        # over some days may be stated for the places it covers)
        return None
    return "one side"


@functools.lru_cache(maxsize=65536)
def _folded_parts(place: str) -> tuple[str, ...]:
    return tuple(fold(part) for part in place.split(" + "))


# A figure with no place and one for a place this many times apart are a whole and its part,
# unless the placed one is a toll reported this many days later.
ONE_SIDE_RATIO = 3
ROSE_DAYS = 2


# A figure whose stated time ended this long before its article was published is history
# ("la crue de 1957"), not a report of now: its place says nothing of the article's event.
CURRENT_DAYS = 7


def _current(f: "_Figure") -> bool:
    c = f.claim
    if c.date_basis not in STATED_SCOPES or f.day is None:
        return True
    try:
        return (f.day - dt.date.fromisoformat(c.date_end[:10])).days <= CURRENT_DAYS
    except (TypeError, ValueError):
        return False


def _headline_tolls(figures: list[_Figure]) -> list[_Figure]:
    """An article's toll is the highest it gives now for one thing, place and detail (a toll
    recalled from another year is kept apart): the lower ones are its parts ("13 500 autour de
    Landiras") or earlier counts ("un premier décompte faisait état de 296 morts") when the
    article does not say so in words we read. A figure that says nothing of what happened
    ("1 700 hectares à La Teste") is a part of a higher one that does ("ils avaient parcouru
    3 800 hectares")."""
    best: dict[tuple, _Figure] = {}
    for f in figures:
        key = (f.claim.article, _place_key(f.claim.place), f.claim.population, _current(f) or f.claim.date)
        if key not in best or position(f.claim) > position(best[key].claim):
            best[key] = f
    detailed: dict[tuple, float] = defaultdict(float)
    for (article, place, population, moment), f in best.items():
        if population is not None:
            detailed[(article, place, moment)] = max(detailed[(article, place, moment)], position(f.claim))
    return [f for (article, place, population, moment), f in best.items()
            if population is not None or position(f.claim) >= detailed.get((article, place, moment), 0.0)]


# A figure's reach (`_reach`): the days, as ordinals, that any figure it may be compared
# with must reach too; ANY when that is not known (no date, an unreadable one, a constant).
ANY = "any"
_EVER = (float("-inf"), float("inf"))


def _reach(f: _Figure, change: str | None) -> tuple[object, object]:
    """(moment, period): what `_pair` needs of two figures' times to relate them, so that a
    sweep skips the pairs it would turn down: two figures whose moments do not meet and whose
    periods do not meet give no row. For a toll (`_toll_when`), the moment is the 21 days up
    to its `_moment` (None without one) and the period, for a figure that is not current, its
    stated period (None when current). Otherwise (`_when`, `_running_then_final`), the moment
    is a day ahead and behind its publication day, or its stated period widened by a day before
    and three after (a next morning's or a weekend's paper), and there is no period. A constant
    meets any figure in the window (`_constant_when`)."""
    c = f.claim
    if change == "constant":
        return ANY, None
    if change == "toll":
        moment = _moment(f)
        span = None if moment is None else (moment.toordinal() - TOLL_WINDOW_DAYS, moment.toordinal())
        if _current(f):
            return span, None
        # `_overlap` compares the strings: a day read as a date only when it sorts as one
        period = tuple(bound if not day else _ordinal(day) if len(day) == 10 else None
                       for day, bound in ((c.date_start, _EVER[0]), (c.date_end, _EVER[1])))
        return span, (ANY if None in period else period)
    if c.date_basis in STATED_SCOPES | {"article"}:
        start, end = _ordinal((c.date_start or "")[:10]), _ordinal((c.date_end or "")[:10])
        if start is None or end is None:
            return ANY, None
        return (start - 1, end + PUBLISHED_GRACE_DAYS + 1), None
    if c.date_basis == "published" and f.day is not None:
        return (f.day.toordinal() - 1, f.day.toordinal() + 1), None
    return ANY, None


def _plain(f: _Figure, day: dt.date | None) -> bool:
    """Whether the figure's stated dates lie within `UPDATE_WINDOW_DAYS` before its time key
    (`_time_key`): two plain figures further apart than that never overlap, so the sweep
    looks past the window for the other figures only."""
    c = f.claim
    if day is None or c.date_start is None or c.date_end is None:
        return False
    return c.date_start >= (day - dt.timedelta(days=UPDATE_WINDOW_DAYS)).isoformat() and c.date_end[:10] <= day.isoformat()


class _PlaceNames:
    """The places (of `figures`' keys) that each article's text names, as `_places_compatible`
    tests it: every part of the place, folded, is in the text. A place is looked for only in
    the texts that hold the last four letters of its first part."""

    def __init__(self, places: dict[str, list[int]], texts: dict[str, str], grams: dict[str, frozenset[str]]):
        self.texts, self.grams = texts, grams
        self.by_gram: dict[str, list[str]] = defaultdict(list)
        self.short: list[str] = []  # a first part under four letters: looked for in every text
        for place in places:
            first = _folded_parts(place)[0]
            if len(first) < 4:
                self.short.append(place)
            else:
                self.by_gram[first[-4:]].append(place)
        self.found: dict[str, list[str]] = {}

    def by(self, article: str) -> list[str]:
        if article not in self.found:
            text = self.texts.get(article, "")
            if article not in self.grams:
                self.grams[article] = frozenset(text[k : k + 4] for k in range(len(text) - 3))
            candidates = [place for gram in self.grams[article] & self.by_gram.keys() for place in self.by_gram[gram]]
            self.found[article] = sorted(place for place in candidates + self.short
                                         if all(part in text for part in _folded_parts(place)))
        return self.found[article]


class _Sweep:
    """Figures of one block (indices in time order), for the sweep: those after a given one
    that it may be compared with, as the loop over all of them would find them, without
    looking at the others. Within `UPDATE_WINDOW_DAYS` of its time key, all of them; past
    it, up to the longest period, only those whose dates may overlap its own (any, for a figure
    that is not `_plain`; else the figures that are not plain)."""

    def __init__(self, members: list[int], days: list[int | None], plain: list[bool]):
        self.members = members
        self.undated = sum(1 for k in members if days[k] is None)  # first in time order
        self.days = [days[k] for k in members[self.undated :]]
        self.loose = [rank for rank, k in enumerate(members) if not plain[k]]

    def after(self, i: int, day: int | None, plain: bool) -> list[int]:
        start = bisect.bisect_right(self.members, i)
        if day is None:
            return self.members[start:]
        window = bisect.bisect_right(self.days, day + UPDATE_WINDOW_DAYS) + self.undated
        reach = bisect.bisect_right(self.days, day + UPDATE_WINDOW_DAYS + LONGEST_PERIOD_DAYS) + self.undated
        near = self.members[start:window]
        if not plain:
            return near + self.members[max(start, window) : reach]
        first, last = bisect.bisect_left(self.loose, max(start, window)), bisect.bisect_left(self.loose, reach)
        return near + [self.members[rank] for rank in self.loose[first:last]]


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _ordinal(day: str) -> int | None:
    """The day "2024-07-18" as an ordinal; None for anything that does not sort as a date."""
    if not _ISO_DAY.fullmatch(day):
        return None
    try:
        return dt.date.fromisoformat(day).toordinal()
    except ValueError:
        return None


def _reaches_meet(a: tuple[object, object], b: tuple[object, object]) -> bool:
    """Whether two figures' reaches (`_reach`) may relate them."""
    for x, y in ((a[0], b[0]), (a[1], b[1])):
        if x is None or y is None:
            continue
        if x is ANY or y is ANY or (x[0] <= y[1] and y[0] <= x[1]):
            return True
    return False


def _time_key(f: _Figure) -> dt.date | None:
    """When a figure holds, for the comparison window: the end of its stated period ("au
    troisième trimestre 2024", said in November or in May), else its publication day."""
    c = f.claim
    if c.date_basis in STATED_SCOPES and c.date_end:
        try:
            return dt.date.fromisoformat(c.date_end[:10])
        except ValueError:
            pass
    return f.day


def _figure(group: list[Claim]) -> _Figure:
    c = group[0]
    day = dt.date.fromisoformat(c.published[:10]) if c.published and len(c.published) >= 10 else None
    return _Figure(c, len(group), day, _source_key(c.attributed_to))


def _pair(
    fa: _Figure, fb: _Figure, tolerances: dict[str, float], change: str | None,
    lexicon: Lexicon, place_names: frozenset[str] = frozenset(),
) -> Discrepancy | None:
    """The row for two figures of one frame block, or None. `change`: "toll" (the count only
    grows), "constant" (it does not change over a story's days) or None (it holds for a time)."""
    if fa.claim.article == fb.claim.article:
        return None
    if not _complements_agree(fa.claim, fb.claim):
        return None
    if fa.claim.population != fb.claim.population and not _implied(fa.claim, fb.claim, lexicon):
        return None  # "149 policiers blessés" is not "12 000 policiers mobilisés", nor "14 483 blessés"
    doers = _doer(fa.claim, place_names), _doer(fb.claim, place_names)
    if doers[0] and doers[1] and not set(doers[0].split()) & set(doers[1].split()) - _NAME_STOPWORDS:
        return None  # Airbus's deliveries are not Boeing's; the Ville and the Conseil de Paris may share a budget
    if change == "toll":
        relation = _toll_when(fa, fb)
    elif change == "constant":
        relation = _constant_when(fa.claim, fb.claim)
    else:
        relation = _running_then_final(fa, fb) or _when(fa.claim, fb.claim, fa.day, fb.day)
        if relation == "same" and _day_of(fa) == _day_of(fb):
            relation = _hour_order(fa.claim, fb.claim) or "same"  # "à la mi-journée", then "en fin de journée"
    if relation is None:
        return None
    if relation == "earlier":
        fa, fb, relation = fb, fa, "later"
    if relation == "same":
        relation = _revised(fa, fb) or relation
        if relation == "earlier":
            fa, fb, relation = fb, fa, "later"
    a, b = fa.claim, fb.claim
    tolerance = max(tolerances.get(a.measure or "", 0.0), tolerances.get(b.measure or "", 0.0))
    if not _disagree(a, b, tolerance, a.what in lexicon.tenths):
        return None
    if relation == "later":
        if not _higher(b, a):
            return None  # a later, lower figure of the same thing is another day's, not a revision
        kind = "update"
    elif fa.source and fb.source and fa.source != fb.source:
        kind = "disputed"
    else:
        kind = "conflict"
    reasons = [f"base {BASE_CONFIDENCE}"]
    confidence = BASE_CONFIDENCE

    def weigh(reason: str, weight: float) -> None:
        nonlocal confidence
        confidence += weight
        reasons.append(f"{reason} ({weight:+.2f})" if weight else reason)

    if kind == "update":
        weigh("a count reported higher later", WEIGHTS["update"])
    elif kind == "conflict":
        weigh("no source or time explains the gap", WEIGHTS["conflict"])
    if a.place and b.place:
        weigh(f"same place stated ({a.place})", WEIGHTS["same_place"])
    if a.date_basis in STATED_SCOPES and b.date_basis in STATED_SCOPES:
        weigh("both dates stated", WEIGHTS["both_stated"])
    if a.population != b.population:
        weigh(f"what happened to them is said on one side only ({a.population or b.population})", WEIGHTS["one_side_detail"])
    if any(_vague(c) for c in (a, b)):
        weigh("an order of magnitude, not a figure («une dizaine»)", WEIGHTS["vague"])
    if a.story and b.story and a.story != b.story:
        weigh("articles in different stories", WEIGHTS["other_story"])
    elif a.story and a.story == b.story:
        weigh("same story", WEIGHTS["same_story"])
    if a.topic and b.topic and a.topic != b.topic:
        weigh("different rules topics", WEIGHTS["other_topic"])
    confidence = round(min(1.0, max(0.0, confidence)), 2)
    why = _explain(a, b, kind, relation)
    key = f"{a.claim_id}|{b.claim_id}|frame_{kind}"
    return Discrepancy(
        discrepancy_id=hashlib.sha1(key.encode()).hexdigest()[:12],
        severity=TYPE_SEVERITY[kind],
        rule=f"frame_{kind}",
        topic=a.story or "frames",
        measure=a.measure if a.measure and a.measure == b.measure else _label(a),
        a=a,
        b=b,
        explanation=why,
        mentions_a=fa.mentions,
        mentions_b=fb.mentions,
        sources_a=(a.article,),
        sources_b=(b.article,),
        type=kind,
        confidence=confidence,
        confidence_reasons="; ".join(reasons),
        fact=fact_id(a),
    )


def _implied(a: Claim, b: Claim, lexicon: Lexicon) -> bool:
    """Whether the side that does not say what happened to the counted things says it in its
    sentence anyway ("ils avaient parcouru 3 800 hectares : 1 700 hectares à La Teste" and
    "19.300 hectares parcourus"): a detail said on one side only and absent from the other
    sentence is another figure's ("la forêt couvre près d'un million d'hectares")."""
    if a.population and b.population:
        return False
    said, silent = (a, b) if a.population else (b, a)
    words = _WORDS.findall(silent.sentence.replace("’", "'"))
    return said.population in {lexicon.concept_of_stem(s) for w in words for s in participle_stems(w)}


_WORDS = re.compile(r"[\w-]+")


def _doer(c: Claim, place_names: frozenset[str] = frozenset()) -> str | None:
    """The actor whose figure it is, unless the actor is only the source that gives it ("la CGT
    a revendiqué 3,5 millions de manifestants": the CGT counts, it did not march) or a place
    that figures are stated for ("le Maroc", "la Syrie": the place decides, not the actor)."""
    return _doer_of(c.actor, c.attributed_to, place_names)


@functools.lru_cache(maxsize=65536)  # asked for each figure of each pair looked at
def _doer_of(actor_name: str | None, source_name: str | None, place_names: frozenset[str]) -> str | None:
    actor, source = _source_key(actor_name), _source_key(source_name)
    if actor and source and (actor in source or source in actor):
        return None
    if actor and _place_key(actor) in place_names:
        return None
    return actor


def _toll_when(fa: _Figure, fb: _Figure) -> str | None:
    """A toll at two moments: "same" day, b "later" or "earlier" than a (within the window),
    or None. A toll's moment is the end of its stated period ("mardi soir, le bilan dépassait
    7 800 morts"), else its publication day; "en 1999" is far from any report of 2023."""
    if not _current(fa) and not _current(fb):
        # two tolls of a past event, recalled ("le séisme d'Agadir, en 1960, avait fait 12 000
        # morts"): one time when their stated periods meet
        a, b = fa.claim, fb.claim
        return "same" if _overlap(a.date_start, a.date_end, b.date_start, b.date_end) else None
    ta, tb = _moment(fa), _moment(fb)
    if ta is None or tb is None or abs((tb - ta).days) > TOLL_WINDOW_DAYS:
        return None
    if ta == tb:
        return _hour_order(fa.claim, fb.claim) or "same"
    return "later" if tb > ta else "earlier"


# The hour a sentence gives its count at, for ordering two counts of one day: "mercredi à la
# mi-journée" comes before "en fin de journée". Each pattern with the hour it stands for.
_HOURS = (
    (re.compile(r"\b(?:vers|a) (\d{1,2}) ?h(?:eures?|\d\d)?\b"), None),
    (re.compile(r"\b(?:a l'aube|tot le matin|dans la matinee)\b"), 7),
    (re.compile(r"\bmatin\b"), 9),
    (re.compile(r"\bmi-journee\b|\ben milieu de journee\b|\ba midi\b"), 12),
    (re.compile(r"\bapres-midi\b"), 15),
    (re.compile(r"\ben fin de journee\b"), 18),
    (re.compile(r"\bsoir(?:ee)?\b"), 20),
)


def _hour(c: Claim) -> int | None:
    text = fold(c.sentence)
    for pattern, hour in _HOURS:
        m = pattern.search(text)
        if m is not None:
            return int(m.group(1)) if hour is None else hour
    return None


def _hour_order(a: Claim, b: Claim) -> str | None:
    """"later"/"earlier" for two counts of one day whose sentences give their hours."""
    ha, hb = _hour(a), _hour(b)
    if ha is None or hb is None or ha == hb:
        return None
    return "later" if hb > ha else "earlier"


# A count given while the day is still going on: "vers 21 heures", "à la mi-journée", "en fin
# de journée", "un premier bilan". The next morning's figure for that day revises it.
_RUNNING = re.compile(
    r"\bvers \d{1,2} ?h(?:eures?|\d\d)?\b|\bmi-journee\b|\ben (?:fin|milieu|debut) de (?:journee|soiree|matinee|"
    r"apres-midi)\b|\bpremier bilan\b|\bbilan provisoire\b|\ben cours de journee\b"
)


def _running_then_final(fa: _Figure, fb: _Figure) -> str | None:
    """"later"/"earlier" when one count was given while its day went on ("vers 21 heures,
    172 interpellations") and the other the day after ("vendredi matin, 457 personnes ont été
    interpellées"): the same day's count, revised; else None."""
    for first, second, relation in ((fa, fb, "later"), (fb, fa, "earlier")):
        d1, d2 = _day_of(first), _day_of(second)
        if d1 and d2 and (d2 - d1).days == 1 and _RUNNING.search(fold(first.claim.sentence)):
            return relation
    return None


# Words that say a figure revises an earlier one: "le nombre a été revu à la hausse, à 180",
# "ce sont finalement 917 personnes, et non 875".
_REVISED = re.compile(r"\brevue?s? a la hausse\b|\brevise|\bfinalement\b|\bet non \d|\bcorrige")


def _revised(fa: _Figure, fb: _Figure) -> str | None:
    """"later"/"earlier" when the figure of the later article says it revises the count of
    one time upwards, else None."""
    if fa.day is None or fb.day is None or fa.day == fb.day:
        return None
    first, second = (fa, fb) if fa.day < fb.day else (fb, fa)
    if not _REVISED.search(fold(second.claim.sentence)) or not _higher(second.claim, first.claim):
        return None  # (a count revised down stays a conflict to look at)
    return "later" if second is fb else "earlier"


def _day_of(f: _Figure) -> dt.date | None:
    """The day a figure holds for: the end of its stated or reported day, else its publication day."""
    c = f.claim
    if c.date_basis in STATED_SCOPES | {"article"} and (_length(c) or 99) <= 2:
        return dt.date.fromisoformat(c.date_end[:10])
    return f.day if c.date_basis == "published" else None


def _constant_when(a: Claim, b: Claim) -> str | None:
    """A constant ("27 000 habitants", "une magnitude de 6,8") holds for the whole story, unless
    a figure is stated for a time long before the other's ("en 1999", "en 1960")."""
    for s, u in ((a, b), (b, a)):
        if s.date_basis in STATED_SCOPES and u.date_basis not in STATED_SCOPES:
            if (_length(s) or 9999) > 2 * TOLL_PERIOD_DAYS or _days_before(s.date_end, u.published) > UPDATE_WINDOW_DAYS:
                return None  # "le séisme d'Agadir, en 1960, d'une magnitude de 5,7"
    if a.date_basis in STATED_SCOPES and b.date_basis in STATED_SCOPES:
        return "same" if _overlap(a.date_start, a.date_end, b.date_start, b.date_end) else None
    return "same"


# A toll stated for a period up to this long is the toll at its end ("les feux de juillet ont
# parcouru près de 21 000 hectares"); one of a longer period is not a report of a day.
TOLL_PERIOD_DAYS = 31


def _moment(f: _Figure) -> dt.date | None:
    c = f.claim
    if c.date_basis in STATED_SCOPES:
        if (_length(c) or 9999) > TOLL_PERIOD_DAYS:
            return None  # a toll "depuis janvier" or of a year is not a report of the day
        try:
            end = dt.date.fromisoformat(c.date_end[:10])
        except ValueError:
            return None
        if f.day is None:
            return end
        # a toll stated for days just before its article is the article's toll ("les
        # inondations du 29 octobre ont fait au moins 205 morts", written on 2 November); one
        # stated for a period well before is that period's tally ("les feux de juillet")
        return f.day if (f.day - end).days < TALLY_DAYS else min(end, f.day)
    return f.day if c.date_basis == "published" else None


# A toll stated for a period ending this many days before its article is that period's tally.
TALLY_DAYS = 7


def _when(a: Claim, b: Claim, day_a: dt.date | None, day_b: dt.date | None) -> str | None:
    """"same" when the two figures can hold for one time, None when their times differ. Two
    figures of the present or past with no date of their own hold for their publication days;
    the next day's paper (or a weekend's) reports the day before."""
    stated = STATED_SCOPES | {"article"}  # a day the article reports on is a stated one too
    if a.kind == "count" and (day_a is None or day_b is None):
        return None  # a count changes with time: without a publication date it is not placed
    if a.date_basis in stated and b.date_basis in stated:
        la, lb = _length(a), _length(b)
        if la is None or lb is None or max(la, lb) > MAX_PERIOD_RATIO * min(la, lb):
            return None
        if "article" in (a.date_basis, b.date_basis) and la == lb == 1 and _days_apart(a, b) == 1:
            return "same"  # a day its article reports on, and the next morning's paper on that day
        if max(la, lb) <= 2 and not _contains(a, b) and not _contains(b, a):
            return None  # the nights of 29-30 and 30 June-1 July share a day, not an event
        if max(la, lb) > 2 and la != lb:
            return None  # "mardi après-midi, 2 blessés" is a part of "depuis lundi, 3 blessés"
        return "same" if _overlap(a.date_start, a.date_end, b.date_start, b.date_end) else None
    for s, u, day in ((a, b, day_b), (b, a, day_a)):
        if s.date_basis in stated and u.date_basis == "published" and day is not None:
            if (_length(s) or 9999) > 2:
                return None  # a figure of a month or a year is not a day's report
            # an undated figure reports its publication day or, for a stated day, one of the
            # `PUBLISHED_GRACE_DAYS` before (the next morning's paper on Tuesday's march, or
            # Monday's on Saturday's); the morning after a stated night is that night's end,
            # and the next day's paper reports the next night
            try:
                start, end = dt.date.fromisoformat(s.date_start[:10]), dt.date.fromisoformat(s.date_end[:10])
            except (TypeError, ValueError):
                return None
            grace = dt.timedelta(days=PUBLISHED_GRACE_DAYS if start == end else 0)
            return "same" if start <= day <= end + grace else None
    if a.date_basis == "published" and b.date_basis == "published" and day_a and day_b:
        return "same" if abs((day_b - day_a).days) <= PUBLISHED_GRACE_DAYS else None
    if a.date_basis is None and b.date_basis is None and a.kind != "count":
        return "same"
    return None


def _days_apart(a: Claim, b: Claim) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a.date_end[:10]) - dt.date.fromisoformat(b.date_end[:10])).days)
    except (TypeError, ValueError):
        return None


def _days_before(day: str | None, published: str | None) -> int:
    """Days from `day` to the publication date `published` (0 when either is unknown)."""
    try:
        return (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(day[:10])).days
    except (TypeError, ValueError):
        return 0


def _length(c: Claim) -> int | None:
    """Days covered by a stated period, None when open or unreadable."""
    return _days_from_to(c.date_start, c.date_end)


@functools.lru_cache(maxsize=65536)  # asked for each figure of each pair looked at
def _days_from_to(start: str | None, end: str | None) -> int | None:
    try:
        return (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days + 1
    except (TypeError, ValueError):
        return None


def _vague(c: Claim) -> bool:
    """"une dizaine", "des centaines": an order of magnitude (its stated value is a round word)."""
    words = fold(c.text).split()
    return bool(words) and words[-1].endswith(("aine", "aines")) or c.value is None


def _contains(a: Claim, b: Claim) -> bool:
    return (a.date_start or "") <= (b.date_start or "") and (b.date_end or "") <= (a.date_end or "")


def _overlap(a_start: str | None, a_end: str | None, b_start: str | None, b_end: str | None) -> bool:
    return (a_start or "0000") <= (b_end or "9999") and (b_start or "0000") <= (a_end or "9999")


def _disagree(a: Claim, b: Claim, tolerance: float, tenths: bool = False) -> bool:
    """Whether the two figures' intervals stay apart when they may be `tolerance` (a share)
    apart: half of it widens each side. `tenths`: the thing is always stated to a tenth (a
    magnitude of "7" is 7,0, not anything from 6,5 to 7,5)."""
    return disjoint(_reported(a, tolerance / 2, tenths), _reported(b, tolerance / 2, tenths))


TENTH = 0.05  # half a tenth: the rounding of a figure stated to a tenth


# Lower bounds that report a count, not a threshold ("une magnitude supérieure à 5"), and how
# far above their figure they reach: "plus de 3 800 morts" is a rounded count (a later "7 800"
# is another count, not any number above it); "au moins 62 morts" is the count so far.
_REPORTED_BOUNDS = {"plus de ": 0.10, "plus d'": 0.10, "plus d’": 0.10, "au moins ": 0.0, "pas moins de ": 0.0}


# How far an approximation reaches when two reports are compared: "près de 21 000" agrees
# with 20 600 but not with 19 300; "environ 15 millions" is not "quelque 13,5 millions". (The
# reader's band for one figure is wider: it bounds what the words allow, not what they report.)
APPROX_REACH = 0.05


def _reported(c: Claim, tolerance: float, tenths: bool = False) -> tuple[float | None, float | None]:
    """The interval a figure reports: its rounding as half-open ("7,8" and "7,7" are two
    magnitudes, not one at 7,75), an open lower bound that reports a count reaching a little above it (`_REPORTED_BOUNDS`),
    an approximation ("près de 21 000", "environ 15 millions") as `APPROX_REACH` around its figure.
    `tenths`: rounded to a tenth at most (see `_disagree`)."""
    precision = min(c.precision, TENTH) if tenths else c.precision
    return _reported_interval(c.value, c.low, c.high, precision, c.text, tolerance)


@functools.lru_cache(maxsize=65536)  # asked for each figure of each pair looked at
def _reported_interval(
    value: float | None, low: float | None, high: float | None, precision: float, text: str, tolerance: float
) -> tuple[float | None, float | None]:
    if value and low is not None and high is not None and low < value < high:
        low, high = value - APPROX_REACH * abs(value), value + APPROX_REACH * abs(value)
    low, high = widened_interval(value, low, high, precision, tolerance)
    edge = precision * 0.01
    low = low + edge if low is not None else None
    high = high - edge if high is not None else None
    reach = next((r for words, r in _REPORTED_BOUNDS.items() if fold(text).startswith(words)), None)
    if high is None and value is not None and low is not None and reach is not None:
        high = value * (1 + reach + tolerance) + precision
    return low, high


def _higher(later: Claim, earlier: Claim) -> bool:
    return position(later) > position(earlier)


_ARTICLES = ("la ", "le ", "les ", "l'")
_NAME_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l'", "d'", "et"}


@functools.lru_cache(maxsize=65536)  # asked for each figure of each pair looked at
def _source_key(name: str | None) -> str | None:
    if not name:
        return None
    key = fold(" ".join(name.replace("’", "'").split()))
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
    return key


# Places that name the whole country of a national figure: the same as no place at all
# ("1,089 million de manifestants" and "1,089 million en France" are one figure).
NATIONAL_PLACES = {"france"}


# Words that name the kind of place before its name: "la province de Valence" is Valence.
# (A province or a region keeps its kind: the region of Valencia is not its province.)
_PLACE_KIND = re.compile(r"^(?:la |le |l')?(?:ville|commune|agglomeration|metropole) (?:de |d'|du |des )")
# A name read with or without its article is one place: "La Teste-de-Buch", "Teste-de-Buch".
_PLACE_ARTICLE = re.compile(r"^(?:la |le |les |l')")


@functools.lru_cache(maxsize=65536)
def _place_key(place: str | None) -> str | None:
    key = _PLACE_ARTICLE.sub("", _PLACE_KIND.sub("", fold(place.replace("’", "'")))) if place else None
    return None if key in NATIONAL_PLACES else key


def _label(c: Claim) -> str:
    return c.what if not c.population else f"{c.what} ({c.population})"


def _explain(a: Claim, b: Claim, kind: str, relation: str) -> str:
    what = f"«{a.what}»" + (f" among «{a.population or b.population}»" if a.population or b.population else "")
    where = f" in {a.place}" if a.place else " (no place stated on either side)"
    head = {
        "conflict": "cannot both be true for the same thing, place and time",
        "disputed": "are the same thing, place and time, counted by different sources",
        "update": "are the same thing and place; the later article gives a higher figure (a revised count)",
    }[kind]
    sources = ""
    if kind == "disputed":
        sources = f" Sources: {a.attributed_to} / {b.attributed_to}."
    return (
        f"{describe(a)} and {describe(b)} {head}. Frame: what {what}{where}."
        f"{sources} Time scopes: {scope_text(a)} / {scope_text(b)}."
    )


def facts(claims: list[Claim]) -> list[dict]:
    """One row per fact (what, where, when) reported by at least one figure that frames allow
    to compare: every value given for it, by whom and in which article. The "who said what"
    table a fact-checker starts from; a discrepancy row's `fact` is the id of its a side's."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if eligible(c):
            groups[fact_id(c)].append(c)
    rows = []
    for fid, members in groups.items():
        members.sort(key=lambda c: (c.published or "", c.article, c.start))
        first = members[0]
        reports = []
        for c in members:
            who = f", {c.attributed_to}" if c.attributed_to else ""
            reports.append(f"«{c.text}» ({c.article}{who})")
        rows.append({
            "fact": fid,
            "kind": first.kind,
            "what": first.what,
            "population": first.population or "",
            "place": first.place or "",
            "date": first.date or "",
            "values": len({(c.value, c.low, c.high) for c in members}),
            "articles": len({c.article for c in members}),
            "reports": "; ".join(reports),
        })
    return sorted(rows, key=lambda r: (-r["articles"], -r["values"], r["what"], r["place"], r["date"], r["fact"]))
