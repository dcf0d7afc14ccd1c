"""`factcheck_dates`: dates and periods, resolved against the article's publication date.

Each mention has an ISO `value` at its grain (`2025`, `2025-04`, `2025-Q1`, `2025-H2`,
`2025-W15`, `2025-04-09`, `2025-SU` for a season, or `first/last` for a span: `2029/2033`,
`2013-07-13/2013-07-15`, `2012-12/2013-01`), the `period_start` and `period_end` days it
covers, and a `modifier` (start, middle, end, deadline, since).

Candidates are read on folded tokens:
  * written days and months: "9 avril [2025]", "12/03/2026", "20 02 2014", "mars 2024", "les
    chiffres de mai" (a month alone, but not the capitalised names "Mars", "Mai", "Avril"...),
    "11/2016", "mi-décembre", "fin du mois de mars", "le 16" (a day of the publication month,
    never a bare number: "le" before it and no counted noun after it), "mercredi 13";
  * day ranges: "du 13 au 15 juillet", "13-15 juillet", "entre le 13 et le 15 juillet",
    "du 10 juin au 1er juillet 2015" (grain day, value `start/end`), and any two days joined
    ("depuis le 3 mars jusqu'à aujourd'hui", "du 3 avril au lendemain", "28/2-1/3");
  * parts of a month: "la première semaine d'octobre", "le dernier jour d'octobre", "la
    deuxième quinzaine d'avril", "le premier mercredi du mois prochain", "la semaine du 6 octobre";
  * quarters, halves and years: "T3 2024", "second semestre", "en 2028", "entre 2029 et 2033";
  * relative to publication: "hier", "la veille", "le lendemain [du 13 février]", "la semaine
    suivante", "le mois dernier", "l'an prochain", "il y a deux semaines", "dans 3 jours", "les 2
    derniers mois", "les 3 prochaines années", "en début de semaine", "à la fin du mois",
    "il y a dix ans jour pour jour" (that day; a count of units is known to one grain finer:
    "il y a deux ans" is that month, "dans trois mois" that day, "il y a deux semaines" that day),
    "dans la journée", "dans la semaine", weekdays ("jeudi", "mardi de la semaine prochaine",
    "lundi en huit", "mardi suivant");
  * shifts: "deux semaines après le 3 mai", "trois jours avant Noël" (from the date written next),
    "deux jours plus tard", "un an auparavant" (from the last day the text named, like "le
    lendemain"; never "deux jours après l'attentat": an event);
  * open periods: "depuis le 3 mars", "à partir du 8", "après le 1er novembre" (modifier since;
    with no tense, "depuis" looks back and "à partir de", "après" ahead), "depuis le début de
    l'année", "depuis la fin de 2023" (from the start of that part to publication);
  * holidays and seasons: "Noël", "la Toussaint", "le jour de l'an", "Pâques", "Thanksgiving",
    "cet été", "l'hiver dernier", "été 2014".

A day, month, weekday, holiday or season without a year takes it from the verb's tense:
future -> the next one, past -> the last one; with neither (no verb, or the present: "le
sommet a lieu le 15 février") the nearest one, or the next one when the component's
`untensed` setting is "future" (Duckling's convention; the benchmark uses it to tell
convention-only misses apart). Years, months, quarters and halves are computed here, never
by dateparser (it turns "en 2028" into a day, returns None for "fin 2025", and `search_dates`
reads the possessive "sa" as Saturday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from contextvars import ContextVar
from dataclasses import asdict, dataclass

from dateutil.easter import easter
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Mention
from ._guard import guarded
from .numbers import fold, is_number_word, parse_number_words
from .patterns_dates import (
    APOSTROPHE_LIKE,
    CALL_VERBS,
    COUNTED_DIRECTIONS,
    CURRENT_UNITS,
    DAY_NEIGHBOURS,
    FULL_MONTHS,
    HOLIDAY_NOT_AFTER,
    HOLIDAY_TIME_WORDS,
    HOLIDAYS,
    MODIFIERS,
    MONTH_LEADS,
    MONTH_NAMESAKES,
    MONTH_PARTS,
    MONTH_RANGE_LINKS,
    MONTHS,
    PART_ORDINALS,
    PLAN_LEMMAS,
    POSTPONE_LEMMAS,
    PERIOD_ORDINALS,
    RANGE_LINKS,
    RANGE_OPENERS,
    RELATIVE,
    RELATIVE_UNITS,
    SEASON_OPENERS,
    SEASONS,
    SHIFT_WORDS,
    WEEKDAY_LATER,
    WEEKDAY_NEXT_WEEK,
    WEEKDAYS,
    WEEKEND_WORDS,
    WITHIN_CURRENT,
    WITHIN_OPENERS,
    YEAR_OPENERS,
    month_word,
)

SPAN_KEY = "factcheck_dates"
# "12/03/2026", "21/04/16", "13.5.2015", "17/02" (the year then comes from publication)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_MID_YEAR = re.compile(r"^mi-(\d{4})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_DAY = re.compile(r"^(\d{1,2})(er)?$")
_QUARTER_CODE = re.compile(r"^t([1-4])$")
_HALF_CODE = re.compile(r"^s([12])$")
# "11/2016": a month and its year
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
# "mi-décembre" is one token
_MID_MONTH = re.compile(r"^mi-([a-z]+)\.?$")
# a day in a range or a month part: "13", "1er", "15e", "3eme"
_RANGE_DAY = re.compile(r"^(\d{1,2})(er|e|eme)?$")
_TWO_DIGITS = re.compile(r"^\d{2}$")
# Words that may follow a date standing alone ("deux jours plus tard, il...", "dans la journée, le..."):
# a verb, a pronoun, an adverb or a conjunction; a determiner or a noun would start an event ("après l'attentat").
_CLAUSE_POS = ("VERB", "AUX", "PRON", "ADV", "CCONJ")
# Parts of a week, as (first, last) weekday: Duckling's "début / milieu / fin de semaine".
_WEEK_PARTS = {"start": (0, 1), "middle": (2, 3), "end": (3, 6)}
# Parts of a month, as (first, last) day (None = the last day): the three "décades".
_MONTH_PARTS = {"start": (1, 10), "middle": (11, 20), "end": (21, None)}
# Parts of a year, as (first, last) month: "début 2026" the first quarter, "fin 2025" the last one.
_YEAR_PARTS = {"start": (1, 3), "middle": (4, 9), "end": (10, 12)}
# Longest phrase first, so that "la semaine qui suit" is not read as a shorter one.
_RELATIVE = sorted(RELATIVE, key=lambda item: -len(item[0]))
_MODIFIERS = sorted(MODIFIERS.items(), key=lambda item: -len(item[0]))
_HOLIDAYS = sorted(HOLIDAYS.items(), key=lambda item: -len(item[0]))
# First words of the phrase lists, to skip a token quickly.
_RELATIVE_FIRST = {phrase[0] for phrase, _, _ in RELATIVE}
# The relative phrases by first word, longest first: most words start none.
_RELATIVE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
for _item in _RELATIVE:
    _RELATIVE_BY_FIRST.setdefault(_item[0][0], []).append(_item)
_MODIFIER_FIRST = {phrase[0] for phrase in MODIFIERS}
_HOLIDAY_FIRST = {phrase[0] for phrase in HOLIDAYS}
# Every word a date can start with, besides a number: the first words of the phrase lists and the
# words the readers open on. A token that is none of these is skipped at once (most of a text).
_STARTS = frozenset(
    set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(PART_ORDINALS) | set(PERIOD_ORDINALS)
    | set(COUNTED_DIRECTIONS) | _RELATIVE_FIRST | _MODIFIER_FIRST | _HOLIDAY_FIRST
    | {phrase[0] for phrase in DAY_NEIGHBOURS} | {phrase[0] for phrase in RANGE_OPENERS}
    | {phrase[0] for phrase in WITHIN_OPENERS} | {phrase[0] for phrase in MONTH_RANGE_LINKS}
    | {phrase[0] for phrase in MONTH_LEADS} | {phrase[0] for phrase in CURRENT_UNITS}
    | {"le", "la", "l'", "ce", "cet", "il", "dans", "entre", "semaine", "premier"}
    | {"t1", "t2", "t3", "t4", "s1", "s2"}
)
# How a date without a tense is resolved: "nearest" (ours) or "future"; set per call by DateFinder.
_UNTENSED: ContextVar[str] = ContextVar("untensed", default="nearest")

if not Span.has_extension("date"):
    Span.set_extension("date", default=None)
if not Doc.has_extension("published"):
    # The publication date (ISO string), set by the pipeline before the doc is processed.
    Doc.set_extension("published", default=None)


@Language.factory("factcheck_dates", default_config={"untensed": "nearest"})
def make_dates(nlp: Language, name: str, *, untensed: str) -> "DateFinder":
    return DateFinder(untensed=untensed)


@dataclass(slots=True)
class _Period:
    """A period being read: token range (indices into the compact token list) and its days."""

    first: int
    last: int
    value: str
    grain: str
    start: dt.date | None  # None for a day or month of unknown year (see `_partial`)
    end: dt.date | None
    modifier: str | None = None
    # "la veille", "deux ans plus tard" with no date after: the offset from the last day the text named
    # (else publication)
    neighbour: _Offset | None = None


class DateFinder:
    """Find dates and periods; see the module docstring.

    `untensed`: "nearest" (a date with no tense is the nearest one) or "future" (the next one).
    """

    def __init__(self, untensed: str = "nearest"):
        if untensed not in ("nearest", "future"):
            raise ValueError(f"factcheck_dates: untensed must be 'nearest' or 'future', got {untensed!r}")
        self.untensed = untensed

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        token = _UNTENSED.set(self.untensed)
        try:
            return self._find(doc)
        finally:
            _UNTENSED.reset(token)

    def _find(self, doc: Doc) -> Doc:
        published = dt.date.fromisoformat(doc._.published) if doc._.published else None
        tokens = [t for t in doc if not t.is_space]
        words = [month_word(fold(t.text).translate(APOSTROPHE_LIKE)) for t in tokens]
        spans = []
        last_day = None  # the last single day read, for "le lendemain"
        k = 0
        while k < len(tokens):
            period = _read_modified(tokens, words, k, published)
            if period is None:
                k += 1
                continue
            if period.neighbour is not None and last_day is not None:
                moved = _counted_from(period.first, period.last, last_day, period.neighbour)
                if moved is None:
                    k += 1
                    continue
                period = moved
            elif period.neighbour is not None and period.start > published and _past_tense(tokens[period.first]):
                k += 1  # "deux jours plus tard, il a été libéré" with no day named before: not after publication
                continue
            if period.start is None and _inside_longer(tokens, words, period):
                k += 1  # "le lendemain du 13 février" in an undated text: no day to give, not the 13th
                continue
            period = _joined(tokens, words, period, published) or period
            if period.grain == "day" and period.start == period.end:
                last_day = period.start
            span = doc[tokens[period.first].i : tokens[period.last].i + 1]
            mention = Mention(
                start=span.start_char, end=span.end_char, text=span.text, kind="date", value=period.value,
                grain=period.grain, modifier=period.modifier,
                period_start=period.start.isoformat() if period.start else None,
                period_end=period.end.isoformat() if period.end else None,
            )
            span = Span(doc, span.start, span.end, label="date")
            span._.date = asdict(mention)
            spans.append(span)
            k = period.last + 1
        doc.spans[SPAN_KEY] = spans
        return doc


# A publication date for an undated text, only to see which expressions hold a day of unknown year.
_STAND_IN = dt.date(2000, 6, 15)


def _inside_longer(tokens, words, p: _Period) -> bool:
    """Whether a day or month of unknown year is part of a longer expression that only a publication date
    would resolve ("du 3 au 5 mai", "trois jours après le 4 août", "la semaine du 6 octobre")."""
    for i in range(max(0, p.first - 6), p.first + 1):
        q = _read_modified(tokens, words, i, _STAND_IN)
        if q is not None and q.first <= p.first and p.last <= q.last and (q.first, q.last) != (p.first, p.last):
            return True
    return False


def _may_start_date(word: str) -> bool:
    """Whether a date can start with this folded word: a cheap test that passes most words of
    a text at once (see `_STARTS`)."""
    return word in _STARTS or word[:1].isdigit() or word.startswith("mi-") or is_number_word(word)


def _read_modified(tokens, words, k, published) -> _Period | None:
    """A day range, a modifier ("fin", "d'ici", "depuis") then a date, or a date alone."""
    if not _may_start_date(words[k]):
        return None
    day_range = _read_day_range(tokens, words, k, published) or _read_month_range(tokens, words, k, published)
    if day_range is not None:
        return day_range
    within = _read_within(tokens, words, k, published)
    if within is not None:
        return within
    if any(tuple(words[k : k + len(phrase)]) == phrase for phrase, _, _ in _RELATIVE_BY_FIRST.get(words[k], ())):
        return _read_core(tokens, words, k, published, opened=False)  # "avant hier" is no deadline
    for phrase, modifier in _MODIFIERS if words[k] in _MODIFIER_FIRST else ():
        n = len(phrase)
        if tuple(words[k : k + n]) != phrase or (phrase == ("des",) and tokens[k].lower_ != "dès"):
            continue  # folded "des" is "dès" (since) only with its accent
        if modifier == "deadline" and words[k + n : k + n + 2] == ["l'", "annee"]:
            # "d'ici la fin de l'année": the end of the publication year
            if published is None:
                return None
            year = published.year
            return _Period(k, k + n + 1, str(year), "year", published, dt.date(year, 12, 31), "deadline")
        if modifier == "since":
            # "depuis le début de l'année", "depuis fin 2023": from the start of that part to publication
            j = k + n + (words[k + n : k + n + 1] in (["le"], ["la"], ["l'"]))
            starts_part = j < len(words) and (words[j] in _MODIFIER_FIRST or words[j].startswith("mi-"))
            part = _read_modified(tokens, words, j, published) if starts_part else None
            if part is not None and part.modifier in ("start", "middle", "end"):
                part.first, part.modifier = k, "since"
                part.end = max(part.end, published) if published is not None else part.end
                return part
        core = _read_core(tokens, words, k + n, published, opened=True)
        if core is None and modifier in ("start", "middle", "end"):
            core = _current_unit(words, k + n, published)
        if core is None and words[k + n : k + n + 1] == ["l'"]:
            # "au début de l'été", "d'ici à l'été" (the next one), "depuis l'été" (the last one begun)
            looks = "back" if phrase[0] == "depuis" else None  # "dès l'été", "à partir de l'été" look ahead
            core = _read_season(tokens, words, k + n + 1, published, modifier, looks)
        if core is not None:
            looks_back = phrase[0] == "depuis"  # "depuis janvier" began before; "à partir du 8 mars" may not have
            return _apply_modifier(core, k, modifier, published, looks_back)
    if words[k] == "entre" and k + 3 < len(words) and _YEAR.match(words[k + 1]) and words[k + 2] == "et" and _YEAR.match(words[k + 3]):
        y1, y2 = int(words[k + 1]), int(words[k + 3])
        if y1 < y2:
            return _Period(k, k + 3, f"{y1}/{y2}", "year", dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    opened = k > 0 and words[k - 1] in YEAR_OPENERS
    return _read_core(tokens, words, k, published, opened=opened)


def _current_unit(words, k, published) -> _Period | None:
    """The publication's week, month or year, after a modifier: "en fin de semaine", "au début du mois"."""
    if published is None:
        return None
    for phrase, unit in CURRENT_UNITS.items():
        n = len(phrase)
        if tuple(words[k : k + n]) != phrase or (k + n < len(words) and words[k + n] in ("de", "d'")):
            continue
        if unit == "year" and k + n < len(words) and _YEAR.match(words[k + n]):
            return _year(k, k + n, int(words[k + n]))  # "la fin de l'année 2027"
        return _shifted(k, k + n - 1, published, unit, 0)
    return None


def _apply_modifier(p: _Period, first: int, modifier: str, published: dt.date | None, looks_back: bool = False) -> _Period:
    p.first, p.modifier = first, modifier
    if p.start is None:
        return p  # "fin août" of unknown year
    days = (p.end - p.start).days
    single = "/" not in p.value  # one week, month or year, not a span of them
    if single and p.grain == "week" and modifier in _WEEK_PARTS:
        p.start, p.end = (p.start + dt.timedelta(days=d) for d in _WEEK_PARTS[modifier])
    elif single and p.grain == "month" and modifier in _MONTH_PARTS:
        lo, hi = _MONTH_PARTS[modifier]
        p.start, p.end = p.start.replace(day=lo), p.start.replace(day=hi or p.end.day)
    elif single and p.grain == "year" and modifier in _YEAR_PARTS:
        lo, hi = _YEAR_PARTS[modifier]
        year = p.start.year
        p.start, p.end = dt.date(year, lo, 1), dt.date(year, hi, calendar.monthrange(year, hi)[1])
    elif modifier == "end":
        p.start = p.end - dt.timedelta(days=days // 4) if p.grain == "year" else p.end - dt.timedelta(days=days // 3)
    elif modifier == "start":
        p.end = p.start + dt.timedelta(days=days // 4) if p.grain == "year" else p.start + dt.timedelta(days=days // 3)
    elif modifier == "middle":
        p.start, p.end = p.start + dt.timedelta(days=days // 3), p.end - dt.timedelta(days=days // 3)
    elif modifier == "deadline" and published is not None and published < p.end:
        p.start = published
    elif modifier == "since" and published is not None and published > p.start:
        p.end = published
    elif looks_back and modifier == "since" and published is not None and p.grain in ("day", "month") and "/" not in p.value:
        # "depuis janvier" written in August: the January before, not the next one
        start = _year_earlier(p.start)
        if start is not None and start <= published:
            p.start, p.end = start, published
            p.value = p.start.isoformat()[: 7 if p.grain == "month" else 10]
    return p


def _year_earlier(day: dt.date) -> dt.date | None:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return None


def _read_core(tokens, words, k, published, opened: bool) -> _Period | None:
    if k >= len(words):
        return None
    w = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else None
    if m := _SLASH_DATE.match(w) or _DOTTED_DATE.match(w):
        day, month = int(m.group(1)), int(m.group(2))
        if not m.group(3) and not _slash_day_in_context(tokens, words, k, m):
            return None  # "soit 1/3 des effectifs", "page 1/1": a fraction, a page
        if not m.group(3) and published is None:
            return _partial(k, k, month, day)
        year = _full_year(m.group(3), published) if m.group(3) else _infer_year(tokens, k, day, month, published)
        return _day(k, k, year, month, day) if year else None
    if (m := _MONTH_YEAR.match(w)) and 1 <= int(m.group(1)) <= 12:
        return _month(k, k, int(m.group(2)), int(m.group(1)))
    # "21-04-2016", "2016-04-21": dashed dates the tokenizer split; "20 02 2014": spaced ones
    dashed = _dashed_date(tokens, words, k) or _spaced_date(tokens, words, k, published)
    if dashed is not None:
        return dashed
    # "mi-décembre"
    if (m := _MID_MONTH.match(w)) and m.group(1) in MONTHS:
        month = MONTHS[m.group(1)]
        if nxt is not None and _YEAR.match(nxt):  # "mi-décembre 2023"
            return _apply_modifier(_month(k, k + 1, int(nxt), month), k, "middle", published)
        if published is None:
            return _apply_modifier(_partial(k, k, month), k, "middle", published)
        year = _infer_year(tokens, k, None, month, published)
        return _apply_modifier(_month(k, k, year, month), k, "middle", published) if year else None
    # "(fin du) mois de mars"
    if tuple(words[k : k + 2]) in MONTH_LEADS and k + 2 < len(words) and words[k + 2] in FULL_MONTHS:
        month = _read_core(tokens, words, k + 2, published, opened=True)
        if month is not None:
            month.first = k
        return month
    part = _read_month_part(tokens, words, k, published)
    if part is not None:
        return part
    # "le 16": a day of the publication month, when no counted noun follows; also "depuis le 16", "à partir du 16"
    bare = k + 1 if w == "le" else k if opened and k > 0 and words[k - 1] in ("le", "du") else None
    if (bare is not None and bare < len(words) and _DAY.match(words[bare]) and published is not None
            and _is_bare_day(tokens, words, bare)):
        date = _nearest_day(tokens, bare, int(_DAY.match(words[bare]).group(1)), None, published, _lean(words, k))
        return _day(k, bare, date.year, date.month, date.day) if date else None
    # "mercredi 13": the weekday picks the month
    if (w in WEEKDAYS and nxt is not None and _DAY.match(nxt) and published is not None
            and _ends_bare_day(tokens, words, k + 2)):
        date = _nearest_day(tokens, k, int(_DAY.match(nxt).group(1)), WEEKDAYS[w], published)
        return _day(k, k + 1, date.year, date.month, date.day) if date else None
    # "mercredi 13 février": the weekday picks the year
    if w in WEEKDAYS and nxt is not None and _DAY.match(nxt) and k + 2 < len(words) and words[k + 2] in MONTHS:
        day = _read_core(tokens, words, k + 1, published, opened)
        if day is not None and day.grain == "day" and published is not None and not _YEAR.match(words[day.last]):
            year = _year_for_weekday(int(_DAY.match(nxt).group(1)), MONTHS[words[k + 2]], WEEKDAYS[w], published)
            day = _day(k, day.last, year, MONTHS[words[k + 2]], int(_DAY.match(nxt).group(1))) if year else day
        if day is not None:
            day.first = k
        return day
    # "dimanche, 11 mai 2014", "samedi 23/06/18": the weekday goes with the day written after it
    if w in WEEKDAYS and nxt is not None:
        j = k + 2 if nxt == "," else k + 1
        day = _read_core(tokens, words, j, published, opened) if j < len(words) and words[j][:1].isdigit() else None
        if day is not None and day.grain == "day" and "/" not in day.value:
            day.first = k
            return day
    if m := _MID_YEAR.match(w):
        year = int(m.group(1))
        return _apply_modifier(_year(k, k, year), k, "middle", published)
    # "9 avril [2025]", "1er janvier prochain"
    day = _DAY.match(w)
    if (day or w == "premier") and nxt in MONTHS:
        day_n = int(day.group(1)) if day else 1
        month = MONTHS[nxt]
        if k + 2 < len(words) and (_YEAR.match(words[k + 2]) or _short_year(tokens, words, k + 2)):
            return _day(k, k + 2, _full_year(words[k + 2], published), month, day_n)
        year = _infer_year(tokens, k, day_n, month, published, _lean(words, k))
        last = k + 2 if k + 2 < len(words) and words[k + 2] in ("prochain", "dernier") else k + 1
        if published is None:
            return _partial(k, k + 1, month, day_n)
        return _day(k, last, year, month, day_n) if year else None
    # "sept 2017", "oct. 2014": an abbreviation is a month only before a year ("sept" alone is 7)
    after_day = k > 0 and _DAY.match(words[k - 1])
    if w in MONTHS and w not in FULL_MONTHS and nxt is not None and _YEAR.match(nxt) and not after_day:
        return _month(k, k + 1, int(nxt), MONTHS[w])
    # "mars 2024", "en mars", "mai 68"
    if w in FULL_MONTHS and not after_day:
        if nxt is not None and _YEAR.match(nxt):
            return _month(k, k + 1, int(nxt), MONTHS[w])
        # a two-digit year that could be a day ("octobre 22") only after "en", "de": "en octobre 22"
        if (nxt is not None and _short_year(tokens, words, k + 1)
                and (int(nxt) > 31 or (k > 0 and words[k - 1] in ("en", "de", "d'")))):
            return _month(k, k + 1, _full_year(nxt, published), MONTHS[w])
        led = k > 0 and words[k - 1] in ("en", "fin", "debut", "mi", "-", "mois", "d'ici")
        # a month alone ("les chiffres de mai") only in lower case: "Octobre rose", "la révolution d'Octobre"
        alone = tokens[k].text.islower() and words[max(k - 2, 0) : k] != ["poisson", "d'"]
        if led or alone or (opened and tokens[k].text not in MONTH_NAMESAKES):  # not "la mission vers Mars"
            if published is None:
                return _partial(k, k, MONTHS[w])
            year = _infer_year(tokens, k, None, MONTHS[w], published)
            return _month(k, k, year, MONTHS[w]) if year else None
        return None
    # "premier trimestre 2025", "T3 2024", "au second semestre"
    if w in PERIOD_ORDINALS and nxt in ("trimestre", "semestre"):
        number = PERIOD_ORDINALS[w]
        grain = "quarter" if nxt == "trimestre" else "half"
        number = (4 if grain == "quarter" else 2) if number == -1 else number
        if grain == "half" and number > 2:
            return None
        year, last = _year_after(words, k + 2, published)
        return _part(k, last if year else k + 1, year, grain, number) if year else None
    if (m := _QUARTER_CODE.match(w)) and nxt is not None and _YEAR.match(nxt):
        return _part(k, k + 1, int(nxt), "quarter", int(m.group(1)))
    if (m := _HALF_CODE.match(w)) and nxt is not None and _YEAR.match(nxt):
        return _part(k, k + 1, int(nxt), "half", int(m.group(1)))
    # holidays before weekdays: "lundi de Pâques"
    holiday = _read_holiday(tokens, words, k, published)
    if holiday is not None:
        return holiday
    # relative: "l'an dernier", "la semaine dernière", "hier", "il y a deux ans", "jeudi"
    if published is not None:
        relative = _read_relative(tokens, words, k, published) or _read_counted(tokens, words, k, published)
        if relative is None and nxt in RELATIVE_UNITS:  # "deux jours plus tard"
            relative = _read_shift(tokens, words, k, published)
        if relative is not None:
            return relative
    if w in ("cet", "ce") and nxt in SEASONS:  # "cet été": the span starts at "cet"
        season = _read_season(tokens, words, k + 1, published)
        if season is not None:
            season.first = k
        return season
    season = _read_season(tokens, words, k, published) or _read_weekend(tokens, words, k, published)
    if season is not None:
        return season
    if _YEAR.match(w) and tokens[k].pos_ in ("NUM", "DET", "PRON", "NOUN", "ADJ", "PROPN"):
        if opened or nxt is None or tokens[k + 1].is_punct or nxt == "|":
            return _year(k, k, int(w))
    return None


def _read_relative(tokens, words, k, published: dt.date) -> _Period | None:
    for phrase, offset in DAY_NEIGHBOURS.items():
        if tuple(words[k : k + len(phrase)]) == phrase:
            return _neighbour_day(tokens, words, k, k + len(phrase), offset, published)
    for phrase, unit, offset in _RELATIVE_BY_FIRST.get(words[k], ()):
        n = len(phrase)
        if tuple(words[k : k + n]) == phrase:
            return _shifted(k, k + n - 1, published, unit, offset)
    # "il y a deux ans" (back), "dans trois mois" (ahead), "il y a un an et demi", "dans 4 ans et 4 jours"
    for opener, sign in ((["il", "y", "a"], -1), (["dans"], 1)):
        n = len(opener)
        if words[k : k + n] == opener and k + n + 1 < len(words) and words[k + n + 1] in RELATIVE_UNITS:
            amount = _amount_of_time(tokens, words, k + n)
            if amount is None:
                continue
            offset, last = amount
            if words[last + 1 : last + 4] == ["jour", "pour", "jour"]:  # "il y a dix ans jour pour jour"
                offset, last = _Offset(offset.months, offset.days, "day"), last + 3
            return _counted_from(k, last, published, offset.times(sign))
    if words[k] == "dans":
        # "dans la journée", "dans la semaine": not "dans la semaine du 6 octobre", "trois fois dans la semaine"
        for phrase, unit in WITHIN_CURRENT.items():
            j = k + len(phrase)
            if tuple(words[k:j]) != phrase or (k > 0 and (words[k - 1] == "fois" or words[k - 1] in RELATIVE_UNITS)):
                continue
            following = words[j] if j < len(words) else None
            if following in ("de", "du", "d'", "des", "qui", "ou", "ayant") or (following or "").startswith(
                    ("suiv", "preced", "prochain", "derni", "pass")):
                continue  # "dans la semaine du 6 octobre", "dans la semaine suivant le vote"
            if following is None or tokens[j].is_punct or tokens[j].pos_ in _CLAUSE_POS + ("ADP",):
                return _shifted(k, j - 1, published, unit, 0)
    if words[k] in WEEKDAYS:
        return _read_weekday(tokens, words, k, published)
    return None


def _read_shift(tokens, words, k, published: dt.date) -> _Period | None:
    """"deux jours plus tard", "trois semaines après le 3 mars", "un an auparavant": a count of units after or
    before the date written next ("après"/"avant" only), else the last day the text named (the caller moves it
    there; publication when there is none). "deux jours après l'attentat" is no date: an event, not a day."""
    if k + 2 >= len(words) or words[k + 1] not in RELATIVE_UNITS:
        return None
    amount = _amount_of_time(tokens, words, k)
    if amount is None:
        return None
    offset, last = amount  # "deux semaines et trois jours plus tard"
    phrase = next((p for p in SHIFT_WORDS if tuple(words[last + 1 : last + 1 + len(p)]) == p), None)
    if phrase is None:
        return None
    offset = offset.times(SHIFT_WORDS[phrase])
    j = last + 1 + len(phrase)
    if len(phrase) == 1 and j < len(words):
        anchor = _read_core(tokens, words, j, published, opened=True)
        if anchor is None and words[j] in ("le", "la", "l'") and j + 1 < len(words):
            anchor = _read_core(tokens, words, j + 1, published, opened=True)
        if anchor is not None:
            if anchor.grain != "day" or "/" in anchor.value or anchor.start is None:
                return None
            day = offset.after(anchor.start)  # from a named day, a day: "un an après le 3 mars 2020"
            return _day(k, anchor.last, day.year, day.month, day.day) if day else None
    if j < len(words) and (words[j] in ("que", "qu'") or "Inf" in tokens[j].morph.get("VerbForm")
                           or not (tokens[j].is_punct or tokens[j].pos_ in _CLAUSE_POS)):
        return None  # "deux ans après avoir été condamné", "deux jours après que": an event
    period = _counted_from(k, j - 1, published, offset)
    if period is not None:
        period.neighbour = offset
    return period


@dataclass(frozen=True, slots=True)
class _Offset:
    """An amount of time, signed: "il y a un an et demi" is (-18 months, 0 days); `finest` is its smallest
    unit (year, month, week, day)."""

    months: int
    days: int
    finest: str

    def times(self, sign: int) -> "_Offset":
        return _Offset(sign * self.months, sign * self.days, self.finest)

    def after(self, day: dt.date) -> dt.date | None:
        """The day this offset away (the 31st becomes the month's last day); None off the calendar."""
        year, month = _add_months(day.year, day.month, self.months)
        try:
            day = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
            return day + dt.timedelta(days=self.days)
        except (ValueError, OverflowError):
            return None


def _counted_from(first: int, last: int, day: dt.date, offset: _Offset) -> _Period | None:
    """An amount of time from a day, known to one grain finer than its smallest unit: "il y a deux ans",
    "deux ans plus tard" give that month; "dans trois mois", "il y a deux semaines", "le lendemain" that day
    ("l'an dernier", "le mois prochain" are calendar periods, read elsewhere)."""
    if offset.finest == "year":
        return _shifted(first, last, day, "month", offset.months)
    moved = offset.after(day)
    return _day(first, last, moved.year, moved.month, moved.day) if moved else None


def _neighbour_day(tokens, words, k, j, offset: int, published: dt.date) -> _Period | None:
    """"la veille" (the day before), "le lendemain du 13 février" (that day + 1).

    "à la veille des élections" is no day. Alone, the day is counted from publication; the
    caller moves it to the last day the text named, when there is one.
    """
    if j < len(words) and words[j] in ("de", "du", "d'", "des"):
        anchor = _read_core(tokens, words, j + 1, published, opened=True)
        if anchor is None or anchor.grain != "day" or "/" in anchor.value:
            return None
        day = anchor.start + dt.timedelta(days=offset)
        return _day(k, anchor.last, day.year, day.month, day.day)
    # "Le 9 avril, ... Le lendemain, ...": the day after the last one named; the caller re-anchors it
    shift = _Offset(0, offset, "day")
    period = _counted_from(k, j - 1, published, shift)
    if period is not None:
        period.neighbour = shift
    return period


def _read_weekday(tokens, words, k, published: dt.date) -> _Period:
    """"jeudi", "jeudi dernier", "mardi de la semaine prochaine", "lundi en huit", "mardi suivant"."""
    weekday = WEEKDAYS[words[k]]
    j = k + 2 if k + 1 < len(words) and words[k + 1] == "de" else k + 1
    for phrase, unit, offset in _RELATIVE:
        if unit == "week" and tuple(words[j : j + len(phrase)]) == phrase:
            week = _shifted(k, j + len(phrase) - 1, published, "week", offset)
            day = week.start + dt.timedelta(days=weekday)
            return _day(k, week.last, day.year, day.month, day.day)
    for phrase, days in WEEKDAY_LATER.items():
        if tuple(words[k + 1 : k + 1 + len(phrase)]) == phrase:
            # "en huit": eight days counting the coming one (or today): that day plus a week
            day = published + dt.timedelta(days=(weekday - published.weekday()) % 7 + days)
            return _day(k, k + len(phrase), day.year, day.month, day.day)
    for phrase in WEEKDAY_NEXT_WEEK:
        if tuple(words[k + 1 : k + 1 + len(phrase)]) == phrase:
            day = published - dt.timedelta(days=published.weekday()) + dt.timedelta(days=7 + weekday)
            return _day(k, k + len(phrase), day.year, day.month, day.day)
    following = words[k + 1] if k + 1 < len(words) else None
    if k > 0 and words[k - 1] in ("ce", "cette"):
        # "ce lundi": the Monday of the publication week, unless the tense says otherwise
        day = published + dt.timedelta(days=weekday - published.weekday())
        if day > published and _past_tense(tokens[k]):
            day -= dt.timedelta(days=7)
        elif day < published and (_future_tense(tokens[k])
                                  or (_UNTENSED.get() == "future" and not _past_tense(tokens[k]))):
            day += dt.timedelta(days=7)
        return _day(k - 1, k, day.year, day.month, day.day)
    # "d'ici (à) jeudi", "jusqu'à jeudi": ahead unless the verb looks back ("la grève a duré jusqu'à lundi");
    # never that day, as "jeudi prochain" in Thursday's paper is a week on
    until = words[max(k - 1, 0)] in ("ici", "jusqu'a") or words[max(k - 2, 0) : k] in (["ici", "a"], ["jusqu'", "a"])
    next_one = following == "prochain" or until
    ahead = until and following != "dernier" and not _past_tense(tokens[k])
    # "reporté à mardi", "avancé à mardi": the new day is ahead
    future = following == "prochain" or ahead or _future_tense(tokens[k]) or _postponed_to(tokens, k)
    if not future and following != "dernier" and not _past_tense(tokens[k]) and _UNTENSED.get() == "future":
        future = next_one = True  # Duckling's convention, for the benchmark
    delta = (weekday - published.weekday()) % 7
    if future:
        # "s'exprimera jeudi" in Thursday's paper is that day, as "a défilé jeudi" is
        day = published + dt.timedelta(days=delta or (7 if next_one else 0))
    else:
        # "ont défilé jeudi" in Thursday's paper is that day; "jeudi dernier" a week before
        same_day = delta == 0 and following != "dernier"
        day = published - dt.timedelta(days=0 if same_day else (7 - delta) % 7 or 7)
    last = k + 1 if following in ("prochain", "dernier") else k
    return _day(k, last, day.year, day.month, day.day)


def _read_counted(tokens, words, k, published: dt.date) -> _Period | None:
    """"les 2 derniers mois", "3 prochains jours", "2 semaines passées", "dernières 3 semaines": whole units
    before the current one (today, this week...) or after it."""
    if k + 2 >= len(words):
        return None
    leading = words[k] in COUNTED_DIRECTIONS and words[k].startswith(("dernier", "prochain"))
    if leading and words[k + 2] in RELATIVE_UNITS:
        direction, count, last = COUNTED_DIRECTIONS[words[k]], _count(tokens, words, k + 1), k + 2
        unit = RELATIVE_UNITS[words[k + 2]]
    elif words[k + 1] in COUNTED_DIRECTIONS and words[k + 2] in RELATIVE_UNITS:
        direction, count, last = COUNTED_DIRECTIONS[words[k + 1]], _count(tokens, words, k), k + 2
        unit = RELATIVE_UNITS[words[k + 2]]
    elif (words[k + 1] in RELATIVE_UNITS and words[k + 2] in COUNTED_DIRECTIONS and words[k + 2].endswith("s")
          and words[k + 3 : k + 4] not in (["a"], ["au"], ["en"], ["sur"], ["dans"])):
        # "2 semaines passées", "3 mois suivants" (but "2 semaines passées à négocier" is a duration,
        # and in "du 4 au 23 mois prochain" the month is next month)
        direction, count, last = COUNTED_DIRECTIONS[words[k + 2]], _count(tokens, words, k), k + 2
        unit = RELATIVE_UNITS[words[k + 1]]
    else:
        return None
    if not count or count < 2:
        return None
    first_unit, last_unit = (-count, -1) if direction < 0 else (1, count)
    a = _shifted(k, last, published, unit, first_unit)
    b = _shifted(k, last, published, unit, last_unit)
    if a is None or b is None:
        return None
    return _Period(k, last, f"{a.value}/{b.value}", a.grain, a.start, b.end)


def _amount_of_time(tokens, words, k) -> tuple[_Offset, int] | None:
    """"deux ans", "un an et demi", "4 ans et 4 jours", "1 an, 2 mois": the offset ahead, and its last index."""
    months = days = 0
    finest, last, j = None, None, k
    while j + 1 < len(words) and words[j + 1] in RELATIVE_UNITS:
        count = _count(tokens, words, j)
        unit = RELATIVE_UNITS[words[j + 1]]
        if not count or (finest is not None and _UNIT_ORDER[unit] <= _UNIT_ORDER[finest]):
            break  # "1 an 2 ans" is no amount: each unit once, from the largest down
        months += count * (12 if unit == "year" else 1 if unit == "month" else 0)
        days += count * (7 if unit == "week" else 1 if unit == "day" else 0)
        finest, last = unit, j + 1
        j += 2
        if words[last + 1 : last + 3] in (["et", "demi"], ["et", "demie"]) and unit in ("year", "month"):
            months += 6 if unit == "year" else 0
            days += 15 if unit == "month" else 0
            last += 2  # the grain stays the unit's: "il y a un an et demi" is that month
            break
        j += j < len(words) and words[j] in ("et", ",")
    return None if finest is None else (_Offset(months, days, finest), last)


_UNIT_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}


def _count(tokens, words, k) -> int | None:
    """A small count written in digits or words ("3", "trois"), or None."""
    word = words[k]
    if word.isdigit():
        return int(word)
    if is_number_word(word):
        value = parse_number_words([tokens[k].text.lower()])
        return int(value) if value else None
    return None


def _read_day_range(tokens, words, k, published) -> _Period | None:
    """"du 13 au 15 juillet", "13-15 juillet", "entre le 13 et le 15 juillet", "du 10 juin au 1er juillet 2015",
    "du samedi 13 au dimanche 15 juillet"; "du 13 au 18" (publication month) only when nothing is counted after."""
    opener = next((p for p in RANGE_OPENERS if tuple(words[k : k + len(p)]) == p), ())
    first = _range_end(tokens, words, k + len(opener))
    if first is None:
        return None
    j = first[3] + 1
    link = next((p for p in RANGE_LINKS if tuple(words[j : j + len(p)]) == p), None)
    if link is None or (link[0] == "et") != (opener[:1] == ("entre",)):
        return None
    j += len(link)
    if j < len(words) and words[j] == "le":
        j += 1
    second = _range_end(tokens, words, j)
    if second is None:
        return None
    (d1, m1, y1, _), (d2, m2, y2, last) = first, second
    if y1 is not None and y2 is not None and y1 != y2:
        return None  # "du 1er septembre 1939 au 2 septembre 1945": two dates, each complete
    month = _range_month(words, last + 1, published) if m2 is None and m1 is None else None
    if month is not None:  # "du 4 au 23 du mois prochain", "4 au 22 de ce mois"
        m2, y2, last = month.start.month, month.start.year, month.last
    elif m2 is None:
        # a bare "du 13 au 18": the publication month, never before a counted noun ("du 13 au 18 %")
        if published is None or opener not in (("du",), ("entre", "le")) or m1 is not None:
            return None
        if not _ends_bare_day(tokens, words, last + 1):
            return None
        m2, y2 = published.month, published.year
    m1 = m1 or m2
    y2 = y2 or y1 or _infer_year(tokens, k, d2, m2, published)
    if y2 is None:
        return None
    y1 = y1 or (y2 if m1 <= m2 else y2 - 1)
    try:
        start, end = dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    except ValueError:
        return None
    if not start < end:
        return None
    return _Period(k, last, f"{start.isoformat()}/{end.isoformat()}", "day", start, end)


def _joined(tokens, words, a: _Period, published) -> _Period | None:
    """Two days read apart that make one range: "depuis aujourd'hui jusqu'à demain", "du 2 octobre au
    lendemain", "depuis le 3 mars jusqu'au 5 avril", "28/2-1/3" (grain day, value `first/last`).

    "au", "à" link only after "du", "de", "depuis"; "-" only two written days glued to it. "du lundi au
    vendredi", "le dimanche jusqu'au 30 juin" are every week, not ranges, but "la nuit de samedi à
    dimanche" is that night. A second day without its year follows the first ("du 12 décembre 2023 au 5
    janvier"); two days of different years written out in full are two dates (as in `_read_day_range`)."""
    j = a.last + 1
    if a.grain != "day" or "/" in a.value or a.start is None or j >= len(words):
        return None
    link = next((p for p in RANGE_LINKS if tuple(words[j : j + len(p)]) == p and p[0] != "et"), None)
    if link is None:
        return None
    # "a" without its accent may be the verb avoir ("depuis le 3 mars a hier été modifié"): then only before
    # a month's day ("du 2 octobre a 22 octobre")
    verb_like = link == ("a",) and tokens[j].lower_ != "à" and tokens[j].pos_ != "ADP"
    opened = a.modifier == "since" or (a.first > 0 and words[a.first - 1] in ("du", "de", "d'", "depuis"))
    if link == ("-",):
        glued = not tokens[a.last].whitespace_ and not tokens[j].whitespace_
        if not (glued and _SLASH_DATE.match(words[a.last]) and j + 1 < len(words) and _SLASH_DATE.match(words[j + 1])):
            return None
    elif not link[0].startswith("jusqu") and not opened:
        return None
    j += len(link)
    j += j < len(words) and words[j] in ("le", "l'")
    b = _read_modified(tokens, words, j, published) if j < len(words) else None
    if b is None or b.first != j or b.modifier is not None:
        return None
    if verb_like and not any(w in MONTHS for w in words[b.first : b.last + 1]):
        return None
    night = a.first > 1 and words[a.first - 2] == "nuit" and words[a.first - 1] in ("de", "du")
    if night and _bare_weekday(words, a) and _bare_weekday(words, b):
        # "dans la nuit de mercredi à jeudi": that Wednesday and the next day; in the past tense, a night over
        if (b.start.weekday() - a.start.weekday()) % 7 != 1:
            return None
        if _past_tense(tokens[a.first]) and a.start + dt.timedelta(days=1) > published:
            a = _counted_from(a.first, a.last, a.start, _Offset(0, -7, "day"))
        b = _next_weekday(b, a.start)
    elif a.modifier is None and opened and (_bare_weekday(words, a) or _bare_weekday(words, b)):
        return None  # "du lundi au vendredi": every week
    elif _bare_weekday(words, b):
        # "depuis mardi jusqu'à jeudi": the first Thursday after that Tuesday, unless that is over and the verb
        # does not look back ("depuis le 1er avril jusqu'à mardi, la route est fermée": the coming Tuesday)
        after = _next_weekday(b, a.start)
        over = after.start < published and words[a.last] not in WEEKDAYS and not _past_tense(tokens[b.first])
        if not (over and b.start > a.start):  # ("depuis lundi jusqu'à jeudi" stays within its week)
            b = after
    if _bare_weekday(words, a) and a.first > 0 and words[a.first - 1] == "le":
        return None  # "ouverte le dimanche jusqu'au 30 juin": every Sunday
    if b.start is not None and _unwritten_year(words, b):
        b = _on_or_after(b, a.start)  # "du 12 décembre 2023 au 5 janvier": January 2024
    if b.neighbour is not None:  # "jusqu'au lendemain": the day after the first
        b = _counted_from(b.first, b.last, a.start, b.neighbour)
    if b is None or b.grain != "day" or b.start is None or b.start != b.end or not a.start < b.start:
        return None
    years = [int(w) for w in words[a.first : b.last + 1] if _YEAR.match(w)]
    if len(set(years)) > 1:
        return None
    first = a.first - 1 if opened and a.modifier is None else a.first  # "du 3 mars au 5 avril"
    return _Period(first, b.last, f"{a.start.isoformat()}/{b.end.isoformat()}", "day", a.start, b.end)


def _next_weekday(p: _Period, day: dt.date) -> _Period:
    """The day of `p`'s weekday that first follows `day`."""
    return _counted_from(p.first, p.last, day, _Offset(0, (p.start.weekday() - day.weekday()) % 7 or 7, "day"))


def _unwritten_year(words, p: _Period) -> bool:
    """A day named by its month, with the year left out ("5 janvier", "1/3"), not a relative one ("demain")."""
    span = words[p.first : p.last + 1]
    return not any(_YEAR.match(w) for w in span) and any(w in MONTHS or _SLASH_DATE.match(w) for w in span)


def _on_or_after(p: _Period, day: dt.date) -> _Period:
    """The same day of the year as `p`, on `day` or in the year after it."""
    for year in (day.year, day.year + 1):
        moved = _day(p.first, p.last, year, p.start.month, p.start.day)
        if moved is not None and moved.start >= day:
            return moved
    return p


def _bare_weekday(words, p: _Period) -> bool:
    return p.first == p.last and words[p.first] in WEEKDAYS


def _range_month(words, j, published) -> _Period | None:
    """The month named after a day range: "(du) mois prochain", "de ce mois", "du mois dernier"."""
    if published is None:
        return None
    if j < len(words) and words[j] in ("du", "de"):
        j += 1
    for phrase, unit, offset in _RELATIVE_BY_FIRST.get(words[j], ()) if j < len(words) else ():
        if unit == "month" and tuple(words[j : j + len(phrase)]) == phrase:
            return _shifted(j, j + len(phrase) - 1, published, "month", offset)
    return None


def _read_month_range(tokens, words, k, published) -> _Period | None:
    """"entre février et mars 2023", "de janvier à mars", "d'avril à juin 2024", "avril-mai" (grain month, value
    `first/last`)."""
    if (k + 2 < len(words) and words[k] in FULL_MONTHS and words[k + 1] == "-" and words[k + 2] in FULL_MONTHS
            and not tokens[k].whitespace_ and not tokens[k + 1].whitespace_):
        return _month_span(tokens, words, k, k, None, k + 2, published)
    for opener, link in MONTH_RANGE_LINKS.items():
        i = k + len(opener)
        if tuple(words[k:i]) != opener or i >= len(words) or words[i] not in FULL_MONTHS:
            continue
        y1 = int(words[i + 1]) if i + 1 < len(words) and _YEAR.match(words[i + 1]) else None
        j = i + (2 if y1 else 1)
        if tuple(words[j : j + len(link)]) != link:
            return None
        j += len(link)
        if j >= len(words) or words[j] not in FULL_MONTHS:
            return None
        return _month_span(tokens, words, k, i, y1, j, published)
    return None


def _month_span(tokens, words, k, i, y1: int | None, j, published) -> _Period | None:
    """The months from the one named at i (of year y1, if written) to the one at j (and its year, if written)."""
    m1, m2 = MONTHS[words[i]], MONTHS[words[j]]
    y2, last = None, j
    if j + 1 < len(words) and _YEAR.match(words[j + 1]):
        y2, last = int(words[j + 1]), j + 1
    elif (j + 1 < len(words) and _short_year(tokens, words, j + 1)
          and (int(words[j + 1]) > 31 or (k > 0 and words[k - 1] in ("en", "de", "d'")))):
        y2, last = _full_year(words[j + 1], published), j + 1  # "mai-juin 68", as "mai 68"
    if y1 is None and y2 is None and published is None:  # "avril-mai" of unknown year
        return _Period(k, last, f"--{m1:02d}/--{m2:02d}", "month", None, None) if m1 != m2 else None
    if m1 == m2 and (y1 is None or y2 is None):
        return None  # "janvier-janvier": no span of months
    if y2 is None and y1 is not None:
        y2 = y1 if m1 < m2 else y1 + 1  # "de décembre 2024 à janvier"
    y2 = y2 or _infer_year(tokens, k, None, m2, published)
    if y2 is None:
        return None
    y1 = y1 or (y2 if m1 < m2 else y2 - 1)
    a, b = _month(k, last, y1, m1), _month(k, last, y2, m2)
    if not a.start < b.start:
        return None
    return _Period(k, last, f"{a.value}/{b.value}", "month", a.start, b.end)


def _read_within(tokens, words, k, published) -> _Period | None:
    """"d'ici 3 mois", "dans les 15 jours": from publication to that many days, weeks, months or years later."""
    if published is None:
        return None
    for opener in WITHIN_OPENERS:
        i = k + len(opener)
        if tuple(words[k:i]) != opener or i + 1 >= len(words) or words[i + 1] not in RELATIVE_UNITS:
            continue
        count = _count(tokens, words, i)
        if not count:
            return None
        unit = RELATIVE_UNITS[words[i + 1]]
        months = count * (12 if unit == "year" else 1 if unit == "month" else 0)
        end = _Offset(months, count * (7 if unit == "week" else 1 if unit == "day" else 0), unit).after(published)
        if end is None:
            return None
        return _Period(k, i + 1, f"{published.isoformat()}/{end.isoformat()}", "day", published, end, "deadline")
    return None


def _range_end(tokens, words, i) -> tuple[int, int | None, int | None, int] | None:
    """One side of a day range: [weekday] day [month [year]] -> (day, month, year, last index)."""
    if i < len(words) and words[i] in WEEKDAYS:
        i += 1
    if i >= len(words):
        return None
    if m := _RANGE_DAY.match(words[i]):
        day = int(m.group(1))
    elif words[i] == "premier":
        day = 1
    elif is_number_word(words[i]) and words[i] not in ("un", "une"):
        day = int(parse_number_words([tokens[i].text.lower()]) or 0)
    else:
        return None
    if not 1 <= day <= 31:
        return None
    if i + 1 < len(words) and words[i + 1] in MONTHS:
        if i + 2 < len(words) and _YEAR.match(words[i + 2]):
            return day, MONTHS[words[i + 1]], int(words[i + 2]), i + 2
        return day, MONTHS[words[i + 1]], None, i + 1
    return day, None, None, i


def _ends_bare_day(tokens, words, j) -> bool:
    """True when what follows a bare day number counts nothing: the end, punctuation, a verb, a preposition..."""
    if j >= len(words):
        return True
    if words[j] in MONTHS or words[j] in ("%", "sur", "-", "/", "h", "heures") or words[j][:1].isdigit():
        return False
    if words[j] in ("a", "contre") and j + 1 < len(words) and words[j + 1][:1].isdigit():
        return False  # a score: "le 2 à 0"
    if tokens[j].is_punct:
        return True
    if is_number_word(words[j]):
        return False
    return tokens[j].pos_ in ("ADP", "VERB", "AUX", "CCONJ", "SCONJ", "ADV", "PRON", "DET")


def _is_bare_day(tokens, words, i) -> bool:
    """A day number standing alone ("le 16"): nothing counted after it, and not a phone number ("appeler le 15")."""
    return _ends_bare_day(tokens, words, i + 1) and fold(tokens[i].head.lemma_) not in CALL_VERBS


def _nearest_day(
    tokens, k, day: int, weekday: int | None, published: dt.date, lean: str | None = None
) -> dt.date | None:
    """The day numbered `day` (on that weekday, if given) in a month around publication, per the tense."""
    candidates = []
    for shift in range(-14, 15):
        year, month = _add_months(published.year, published.month, shift)
        if 1 <= day <= calendar.monthrange(year, month)[1]:
            date = dt.date(year, month, day)
            if weekday is None or date.weekday() == weekday:
                candidates.append(date)
    return _pick(candidates, tokens, k, published, lean)


def _pick(candidates: list[dt.date], tokens, k, published: dt.date, lean: str | None = None) -> dt.date | None:
    """Past tense -> the last candidate up to publication; future -> the next one; neither -> `lean`
    if given, else the nearest (or the next one when `untensed` is "future")."""
    after = [fold(t.text) for t in tokens[k : k + 4]]
    tense = "future" if _postponed_to(tokens, k) else _tense(tokens[k]) or lean
    future = tense == "future" or "prochain" in after or "prochaine" in after
    past = "dernier" in after or "derniere" in after or tense == "past"
    if past:
        before = [d for d in candidates if d <= published]
        return max(before) if before else None
    if future or _UNTENSED.get() == "future":
        coming = [d for d in candidates if d >= published]
        return min(coming) if coming else None
    return min(candidates, key=lambda d: (abs((d - published).days), d), default=None)


def _slash_day_in_context(tokens, words, k, m: re.Match) -> bool:
    """A day and month without a year, "17/02" or "1/3": two digits each, or a word before that introduces
    a day ("le 1/3", "du 1/3", "samedi 1/3", "28/2 - 1/3"), or a sentence of its own. Never before "de"
    unless written with two digits each: "1/3 des élèves", "le 1/4 de finale" are fractions; "6/4" after a
    score, "24/7", a grade "15/20" are no days."""
    two_digits = len(m.group(1)) == 2 and len(m.group(2)) == 2
    after = words[k + 1] if k + 1 < len(words) else None
    if after in ("de", "d'", "des", "du") and not two_digits:
        return False
    if two_digits:
        return True
    before = words[k - 1] if k > 0 else None
    if before in ("le", "du", "au", "jusqu'au") or before in WEEKDAYS:
        return True
    if before == "-" and k > 1 and _SLASH_DATE.match(words[k - 2]):
        return True
    if after == "-":
        return k + 2 < len(words) and bool(_SLASH_DATE.match(words[k + 2]))  # "28/2-1/3"
    return tokens[k].is_sent_start and (after is None or tokens[k + 1].is_punct)


def _spaced_date(tokens, words, k, published) -> _Period | None:
    """"20 02 2014", "le 24 12 14": day, month and year as separate numbers, a month of two digits or a
    four-digit year, and no other number around (phone numbers are runs of pairs)."""
    if k + 2 >= len(words) or not all(words[i].isdigit() for i in (k, k + 1, k + 2)):
        return None
    if (k > 0 and words[k - 1].isdigit()) or (k + 3 < len(words) and words[k + 3][:1].isdigit()):
        return None
    a, b, c = words[k], words[k + 1], words[k + 2]
    if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4):
        return None
    if len(c) == 2 and not (_TWO_DIGITS.match(a) and _TWO_DIGITS.match(b)):
        return None
    return _day(k, k + 2, _full_year(c, published), int(b), int(a))


def _read_month_part(tokens, words, k, published) -> _Period | None:
    """"première semaine d'octobre 2014", "dernier jour d'octobre", "3e jour de mars", "deuxième quinzaine
    d'avril", "premier mercredi du mois prochain", "semaine du 6 octobre"."""
    if words[k] == "semaine" and k + 1 < len(words) and words[k + 1] == "du":
        day = _read_core(tokens, words, k + 2, published, opened=True)
        if day is None or day.grain != "day" or "/" in day.value or day.start is None:
            return None
        return _shifted(k, day.last, day.start, "week", 0)
    if words[k] not in PART_ORDINALS or k + 3 >= len(words):
        return None
    part = words[k + 1]
    if (part not in MONTH_PARTS and part not in WEEKDAYS) or words[k + 2] not in ("de", "d'", "du"):
        return None
    month = _read_core(tokens, words, k + 3, published, opened=True)
    if month is None or month.grain != "month" or month.start is None:
        return None
    n = PART_ORDINALS[words[k]]
    first_day, last_day = month.start, month.end
    if part == "jour":
        day = last_day if n == -1 else first_day + dt.timedelta(days=n - 1)
        return _day(k, month.last, day.year, day.month, day.day) if day <= last_day else None
    if part == "quinzaine":
        if n not in (1, 2, -1):
            return None
        fifteenth = first_day + dt.timedelta(days=14)
        start, end = (first_day, fifteenth - dt.timedelta(days=1)) if n == 1 else (fifteenth, last_day)
        return _Period(k, month.last, f"{start.isoformat()}/{end.isoformat()}", "day", start, end)
    if part == "semaine":
        # full weeks, Monday to Sunday, inside the month
        first_monday = first_day + dt.timedelta(days=(7 - first_day.weekday()) % 7)
        last_monday = last_day - dt.timedelta(days=(last_day.weekday() + 1) % 7 + 6)
        monday = last_monday if n == -1 else first_monday + dt.timedelta(weeks=n - 1)
        if monday > last_monday:
            return None
        return _shifted(k, month.last, monday, "week", 0)
    weekday = WEEKDAYS[part]
    days = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    days = [d for d in days if d.weekday() == weekday]
    if n == -1 or n <= len(days):
        day = days[-1] if n == -1 else days[n - 1]
        return _day(k, month.last, day.year, day.month, day.day)
    return None


def _read_holiday(tokens, words, k, published) -> _Period | None:
    """"Noël", "la Toussaint", "le jour de l'an", "Pâques 2024"; not "Noël Le Graët" nor "le père Noël"."""
    if words[k] not in _HOLIDAY_FIRST:
        return None
    for phrase, when in _HOLIDAYS:
        n = len(phrase)
        if tuple(words[k : k + n]) != phrase:
            continue
        if n == 1 and k > 0 and words[k - 1] in HOLIDAY_NOT_AFTER:
            if not (k > 1 and words[k - 2] in HOLIDAY_TIME_WORDS):
                return None
        if k + n < len(words) and tokens[k + n].text[:1].isupper() and tokens[k + n].is_alpha:
            return None
        last, year = k + n - 1, None
        if k + n < len(words) and _YEAR.match(words[k + n]):
            last, year = k + n, int(words[k + n])
        elif words[k + n : k + n + 1] == ["de"] and k + n + 1 < len(words) and _YEAR.match(words[k + n + 1]):
            last, year = k + n + 1, int(words[k + n + 1])
        if year is None:
            if published is None:
                return None
            candidates = [_holiday_day(when, y) for y in range(published.year - 1, published.year + 2)]
            date = _pick(candidates, tokens, k, published)
        else:
            date = _holiday_day(when, year)
        return _day(k, last, date.year, date.month, date.day) if date else None
    return None


def _holiday_day(when, year: int) -> dt.date:
    if when[0] == "easter":
        return easter(year) + dt.timedelta(days=when[1])
    if when[0] == "thanksgiving":  # fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if when[0] == "fathers":  # third Sunday of June
        first = dt.date(year, 6, 1)
        return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 14)
    if when[0] == "mothers":  # last Sunday of May, or the first of June when that one is Pentecost
        last = dt.date(year, 5, 31)
        sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
        return sunday + dt.timedelta(days=7) if sunday == easter(year) + dt.timedelta(days=49) else sunday
    return dt.date(year, *when)


def _read_weekend(tokens, words, k, published) -> _Period | None:
    """"ce week-end", "le week-end dernier / prochain": a Saturday and Sunday (grain day, value `sat/sun`).

    "ce week-end" is the one of the publication week, or the one before it in a past tense on a
    weekday; "le week-end" alone is a habit ("le week-end, les prix montent") unless a tense places it.
    """
    if published is None or words[k] not in ("ce", "le"):
        return None
    if k + 1 < len(words) and words[k + 1] in WEEKEND_WORDS:
        last = k + 1
    elif words[k + 1 : k + 4] == ["week", "-", "end"]:
        last = k + 3
    else:
        return None
    following = words[last + 1] if last + 1 < len(words) else None
    saturday = published + dt.timedelta(days=5 - published.weekday())  # of the publication week
    before = published < saturday
    tense = _tense(tokens[last])
    if following in ("dernier", "passe"):
        saturday, last = saturday - dt.timedelta(days=7), last + 1
    elif following == "prochain":
        saturday, last = (saturday if before else saturday + dt.timedelta(days=7)), last + 1
    elif tense == "past":
        saturday -= dt.timedelta(days=7 if before else 0)
    elif words[k] == "ce":
        pass  # the weekend of the publication week, under way or coming
    elif tense == "future" or _UNTENSED.get() == "future":
        saturday += dt.timedelta(days=0 if before else 7)
    else:
        return None
    sunday = saturday + dt.timedelta(days=1)
    return _Period(k, last, f"{saturday.isoformat()}/{sunday.isoformat()}", "day", saturday, sunday)


def _read_season(tokens, words, k, published, modifier: str | None = None, looks: str | None = None) -> _Period | None:
    """"cet été", "l'hiver dernier", "été 2014", "au printemps": never "été" the verb ("a été").

    After a modifier (`modifier`; `looks` "back" for "depuis"): "avant l'été", "d'ici à l'été" are a
    season not begun yet, or in the past tense the last one begun; "depuis l'été" the last one begun;
    "dès l'été", "à partir de l'été" the one under way or the next; the end or middle of the season under
    way is that season unless the verb looks back; "au début de l'été" goes by the tense."""
    if words[k] not in SEASONS:
        return None
    code, (m1, d1), (m2, d2) = SEASONS[words[k]]
    prev = words[k - 1] if k > 0 else None
    nxt = words[k + 1] if k + 1 < len(words) else None
    if nxt is not None and _YEAR.match(nxt):
        if prev is not None and (tokens[k - 1].pos_ in ("AUX", "VERB", "PRON") and prev not in SEASON_OPENERS):
            return None
        year, last = int(nxt), k + 1
    elif prev in SEASON_OPENERS and published is not None:
        last = k + 1 if nxt in ("dernier", "prochain") else k
        starts = [dt.date(y, m1, d1) for y in range(published.year - 2, published.year + 2)]
        current = [d.year for d in starts if d <= published <= _season_end(d, m2, d2)]  # the season under way
        if nxt == "dernier":
            year = max(d for d in starts if _season_end(d, m2, d2) < published).year
        elif nxt == "prochain":
            year = min(d for d in starts if d > published).year
        elif prev in ("cet", "ce"):
            # the season under way, else the one of this calendar year ("cet hiver" in February: since December)
            year = current[0] if current else published.year
        else:
            past = _past_tense(tokens[k])
            begun = max(d for d in starts if d <= published).year
            coming = min(d for d in starts if d > published).year
            if modifier == "deadline":
                year = begun if past else coming
            elif modifier == "since":  # "dès l'été" in the past tense: the last begun, as "depuis l'été"
                year = begun if looks == "back" or past else (current or [coming])[0]
            elif current and not past and modifier in (None, "middle", "end"):
                year = current[0]  # "pendant l'été", "à la fin de l'été" in July: this one
            else:
                year = _pick(starts, tokens, k, published).year
    else:
        return None
    start = dt.date(year, m1, d1)
    end = _season_end(start, m2, d2)
    return _Period(k, last, f"{year}-{code}", "season", start, end)


def _season_end(start: dt.date, month: int, day: int) -> dt.date:
    return dt.date(start.year + (month < start.month), month, day)


def _shifted(first: int, last: int, published: dt.date, unit: str, offset: int) -> _Period | None:
    """The week, month or year `offset` units from `published`, or that day; None off the calendar
    ("il y a 3000 ans" is before year 1)."""
    try:
        return _shifted_unchecked(first, last, published, unit, offset)
    except (ValueError, OverflowError):
        return None


def _shifted_unchecked(first: int, last: int, published: dt.date, unit: str, offset: int) -> _Period | None:
    if unit == "year":
        return _year(first, last, published.year + offset)
    if unit == "month":
        return _month(first, last, *_add_months(published.year, published.month, offset))
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        iso = monday.isocalendar()
        return _Period(first, last, f"{iso.year}-W{iso.week:02d}", "week", monday, monday + dt.timedelta(days=6))
    day = published + dt.timedelta(days=offset)
    return _day(first, last, day.year, day.month, day.day)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) `months` months after (before, if negative) that month."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _short_year(tokens, words, j) -> bool:
    """A two-digit year after a month ("mai 68", "1er avril 78"): two digits that count nothing after them."""
    if j >= len(words) or not _TWO_DIGITS.match(words[j]) or not _ends_bare_day(tokens, words, j + 1):
        return False
    # not the first day of a range in the English order ("Novembre 19 au 20")
    for link in RANGE_LINKS:
        after = j + 1 + len(link)
        if words[j + 1 : after] == list(link) and after < len(words) and words[after][:1].isdigit():
            return False
    return True


def _full_year(text: str, published: dt.date | None = None) -> int:
    """"16" -> 2016, "74" -> 1974: a two-digit year is the latest that is at most ten years after
    publication ("mai 68" is 1968 in 2025), or within a century around 2000 without a publication date."""
    year = int(text)
    if len(text) == 2:
        if published is not None:
            year += 2000 if 2000 + year <= published.year + 10 else 1900
        else:
            year += 2000 if year < 70 else 1900
    return year


def _dashed_date(tokens, words, k) -> _Period | None:
    """d - m - yyyy or yyyy - mm - dd, glued, as the tokenizer splits them."""
    if k + 4 >= len(words) or words[k + 1] != "-" or words[k + 3] != "-":
        return None
    if any(tokens[i].whitespace_ for i in range(k, k + 4)):
        return None
    a, b, c = words[k], words[k + 2], words[k + 4]
    if not (a.isdigit() and b.isdigit() and c.isdigit()):
        return None
    if len(a) == 4:
        return _day(k, k + 4, int(a), int(b), int(c))
    if len(c) == 4:
        return _day(k, k + 4, int(c), int(b), int(a))
    return None


def _year_for_weekday(day: int, month: int, weekday: int, published: dt.date) -> int | None:
    """The year, next to publication, in which that day falls on that weekday."""
    for year in sorted((published.year, published.year - 1, published.year + 1), key=lambda y: abs(y - published.year)):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def _year_after(words, k, published) -> tuple[int | None, int]:
    """A year written at k ("trimestre 2025"), else the publication year."""
    if k < len(words) and _YEAR.match(words[k]):
        return int(words[k]), k
    return (published.year if published else None), k - 1


def _day(first, last, year, month, day) -> _Period | None:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    date = dt.date(year, month, day)
    return _Period(first, last, date.isoformat(), "day", date, date)


def _partial(first, last, month, day=None) -> _Period | None:
    """A day or month of unknown year, in a text without a publication date: ISO 8601's "--MM-DD"
    or "--MM", with no period bounds (kept as a mention; it gives no time scope)."""
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= calendar.monthrange(2024, month)[1]):
        return None
    value = f"--{month:02d}" + (f"-{day:02d}" if day is not None else "")
    return _Period(first, last, value, "day" if day is not None else "month", None, None)


def _month(first, last, year, month) -> _Period:
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    return _Period(first, last, f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), end)


def _year(first, last, year) -> _Period:
    return _Period(first, last, f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _part(first, last, year, grain, number) -> _Period:
    months = 3 if grain == "quarter" else 6
    start_month = (number - 1) * months + 1
    end_month = start_month + months - 1
    code = "Q" if grain == "quarter" else "H"
    end = dt.date(year, end_month, calendar.monthrange(year, end_month)[1])
    return _Period(first, last, f"{year}-{code}{number}", grain, dt.date(year, start_month, 1), end)


def _governing_verb(token):
    """The verb (or auxiliary) above the token, at most four heads up; else the last head reached."""
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    return head


def _tense(token) -> str | None:
    """"past", "future" or None (the present, or no verb) for the verb governing the token.

    A participle takes the tense of its auxiliaries: "a été adopté" is past, "sera voté" and
    "aura été voté" future, "est prévu" present (a passive); alone ("lancé le 9 avril") it is
    past. The imperative, and an infinitive standing alone or after "aller"/"devoir" ("va
    signer jeudi", "doit s'exprimer jeudi": a plan), are future; after a compound tense of
    devoir, pouvoir or falloir, an infinitive takes that tense ("avait dû revoir son objectif au
    début de l'été": past), but "devait s'ouvrir le 12 mars" (what was planned) has none.
    """
    return _verb_tense(_governing_verb(token))


# Endings that follow the whole infinitive in the future and the conditional: représenter-aient.
_CONDITIONAL_ENDINGS = ("aient", "ions", "iez", "ais", "ait")
_FUTURE_ENDINGS = ("ons", "ont", "ez", "ai", "as", "a")


def form_tense(verb) -> str | None:
    """"future", "conditional" or None from the verb's form alone, for when the tagger says present
    or participle ("représenteraient", "atteindra" tagged Part): no other form starts with the whole
    infinitive (or, for -re verbs, the infinitive less its e)."""
    text, lemma = fold(verb.text), fold(verb.lemma_)
    if not lemma.endswith(("er", "ir", "re")):
        return None
    for stem in (lemma, lemma[:-1]) if lemma.endswith("re") else (lemma,):
        if text.startswith(stem):
            ending = text[len(stem) :]
            if ending in _CONDITIONAL_ENDINGS:
                return "conditional"
            if ending in _FUTURE_ENDINGS:
                return "future"
    return None


def _verb_tense(head, depth: int = 0) -> str | None:
    if head.pos_ in ("VERB", "AUX") and form_tense(head) == "future":
        return "future"  # "atteindra" tagged as a participle (a conditional may report the past: not here)
    if head.pos_ not in ("VERB", "AUX"):
        # a copula's predicate: "le mois de mai a été pluvieux", "la réunion sera longue"
        verbs = [c for c in head.children if c.dep_.startswith("aux") or c.dep_ == "cop"]
        return _predicate_tense(verbs) if verbs else None
    if "Part" in head.morph.get("VerbForm"):
        auxiliaries = [c for c in head.children if c.dep_.startswith("aux")]
        if not auxiliaries and head.dep_ == "conj":
            # "est d'ores et déjà évoquée", "a été votée et promulguée": the first conjunct's auxiliaries
            auxiliaries = [c for c in head.head.children if c.dep_.startswith("aux") or c.dep_ == "cop"]
        if not auxiliaries:
            return "past"
        tense = _compound_tense(auxiliaries)
        if tense is None and fold(head.lemma_) in PLAN_LEMMAS:
            return "future"  # "le vote est prévu le 3 mai"
        return tense
    if "Fut" in head.morph.get("Tense") or "Imp" in head.morph.get("Mood"):
        return "future"
    if set(head.morph.get("Tense")) & {"Past", "Imp"}:
        return "past"
    if "Inf" in head.morph.get("VerbForm"):
        above = head.head
        if head.dep_ == "ROOT" or (above.lemma_ in ("aller", "devoir") and "Pres" in above.morph.get("Tense")):
            return "future"
        if (head.dep_ == "xcomp" and fold(above.lemma_) in ("devoir", "pouvoir", "falloir") and depth < 3
                and "Imp" not in above.morph.get("Tense")):
            # "avait dû revoir", "devra signer"; not "dit vouloir", nor the imperfect of a modal: "devait
            # s'ouvrir le 12 mars" (what was planned), "a rappelé qu'il fallait s'inscrire avant le 30 avril"
            # (still ahead)
            return _verb_tense(above, depth + 1)
    return None


def _predicate_tense(verbs) -> str | None:
    """The tense of "être" and its auxiliaries around a predicate, as the parser hangs them on it
    ("est présent": none; "était", "a été pluvieux": past; "sera", "aura été": future)."""
    finite = [v for v in verbs if "Fin" in v.morph.get("VerbForm")]
    tenses = {t for v in finite for t in v.morph.get("Tense")}
    if "Fut" in tenses:
        return "future"
    if tenses & {"Past", "Imp"}:
        return "past"
    if finite and any("Part" in v.morph.get("VerbForm") for v in verbs):
        return "past"  # "a été": a present auxiliary and the participle
    return None


def _compound_tense(auxiliaries) -> str | None:
    """The tense that auxiliaries give: "a voté", "avait été" past, "sera voté" future, "est voté" none."""
    perfect = [c for c in auxiliaries if c.dep_ == "aux:tense"]
    tenses = set((perfect or auxiliaries)[0].morph.get("Tense"))
    if "Fut" in tenses:
        return "future"
    if perfect or tenses & {"Past", "Imp"}:
        return "past"
    return None


def _postponed_to(tokens, k) -> bool:
    """The new date of a postponement: "le vote a été reporté au 25 juin", "repoussé à juin", "le
    gouvernement a annoncé que le vote, reporté à mardi, aura lieu au Sénat" (ahead, whatever the tense
    of the decision or of its report; "la réunion, reportée à mardi, s'est finalement tenue" is misread)."""
    if k == 0 or fold(tokens[k - 1].text) not in ("au", "a"):
        return False
    return fold(_governing_verb(tokens[k]).lemma_) in POSTPONE_LEMMAS


def _past_tense(token) -> bool:
    return _tense(token) == "past"


def _future_tense(token) -> bool:
    return _tense(token) == "future"


def _lean(words, k) -> str | None:
    """"depuis le 3 mars" looks back, "à partir du 8", "après le 1er novembre" ahead, when the verb does not say."""
    before = words[k - 2] if k > 1 and words[k - 1] in ("le", "du") else None
    return "past" if before == "depuis" else "future" if before in ("partir", "apres") else None


def _infer_year(
    tokens, k, day: int | None, month: int, published: dt.date | None, lean: str | None = None
) -> int | None:
    """The year of a day, or of a whole month (day None), written without one.

    The verb's tense decides: future -> the next such day, past -> the last one; with neither
    (no verb, or the present: "le sommet a lieu le 15 février"), the nearest one (see `_pick`).
    A month counts as a day it holds: the publication day when it is in that month ("en avril"
    in an April article is this April, whatever the tense), else its 15th.
    """
    if published is None:
        return None
    if day is None and month == published.month:
        return published.year
    candidates = []
    for year in range(published.year - 4, published.year + 5):  # 29 February included
        try:
            candidates.append(dt.date(year, month, day or 15))
        except ValueError:
            continue
    date = _pick(candidates, tokens, k, published, lean)
    return date.year if date else None


def dates_of(doc: Doc) -> list[Mention]:
    """The date mentions of a processed doc, in text order."""
    return [Mention(**span._.date) for span in doc.spans.get(SPAN_KEY, [])]
