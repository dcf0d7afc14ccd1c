"""`factcheck_dates`: dates and periods, resolved against the article's publication date.

Each mention has an ISO `value` at its grain (`2025`, `2025-04`, `2025-Q1`, `2025-H2`,
`2025-W15`, `2025-04-09`, or `2029/2033` for a span of years), the `period_start` and
`period_end` days it covers, and a `modifier` (start, middle, end, deadline, since).

Candidates are read on folded tokens. Days whose year is not written are resolved by
dateparser (`languages=["fr"]`, `DATE_ORDER="DMY"`, `RELATIVE_BASE` = publication date,
past or future from the verb's tense). Years, months, quarters and halves are computed
here: dateparser turns "en 2028" into a day and returns None for "fin 2025". `search_dates`
is never run on whole texts (it reads the possessive "sa" as Saturday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Mention
from .numbers import fold, parse_number_words
from .patterns_dates import (
    FULL_MONTHS,
    MODIFIERS,
    MONTHS,
    PERIOD_ORDINALS,
    RELATIVE,
    RELATIVE_UNITS,
    WEEKDAYS,
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

if not Span.has_extension("date"):
    Span.set_extension("date", default=None)
if not Doc.has_extension("published"):
    # The publication date (ISO string), set by the pipeline before the doc is processed.
    Doc.set_extension("published", default=None)


@Language.factory("factcheck_dates")
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder()


@dataclass(slots=True)
class _Period:
    """A period being read: token range (indices into the compact token list) and its days."""

    first: int
    last: int
    value: str
    grain: str
    start: dt.date
    end: dt.date
    modifier: str | None = None


class DateFinder:
    """Find dates and periods; see the module docstring."""

    def __call__(self, doc: Doc) -> Doc:
        published = dt.date.fromisoformat(doc._.published) if doc._.published else None
        tokens = [t for t in doc if not t.is_space]
        words = [month_word(fold(t.text)) for t in tokens]
        spans = []
        k = 0
        while k < len(tokens):
            period = _read_modified(tokens, words, k, published)
            if period is None:
                k += 1
                continue
            span = doc[tokens[period.first].i : tokens[period.last].i + 1]
            mention = Mention(
                start=span.start_char, end=span.end_char, text=span.text, kind="date", value=period.value,
                grain=period.grain, modifier=period.modifier,
                period_start=period.start.isoformat(), period_end=period.end.isoformat(),
            )
            span = Span(doc, span.start, span.end, label="date")
            span._.date = asdict(mention)
            spans.append(span)
            k = period.last + 1
        doc.spans[SPAN_KEY] = spans
        return doc


def _read_modified(tokens, words, k, published) -> _Period | None:
    """A modifier ("fin", "d'ici", "depuis") then a date, or a date alone."""
    for phrase, modifier in sorted(MODIFIERS.items(), key=lambda item: -len(item[0])):
        n = len(phrase)
        if tuple(words[k : k + n]) != phrase:
            continue
        if modifier == "deadline" and words[k + n : k + n + 2] == ["l'", "annee"]:
            # "d'ici la fin de l'année": the end of the publication year
            if published is None:
                return None
            year = published.year
            return _Period(k, k + n + 1, str(year), "year", published, dt.date(year, 12, 31), "deadline")
        core = _read_core(tokens, words, k + n, published, opened=True)
        if core is not None:
            return _apply_modifier(core, k, modifier, published)
    if words[k] == "entre" and k + 3 < len(words) and _YEAR.match(words[k + 1]) and words[k + 2] == "et" and _YEAR.match(words[k + 3]):
        y1, y2 = int(words[k + 1]), int(words[k + 3])
        if y1 < y2:
            return _Period(k, k + 3, f"{y1}/{y2}", "year", dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    opened = k > 0 and words[k - 1] in YEAR_OPENERS
    return _read_core(tokens, words, k, published, opened=opened)


def _apply_modifier(p: _Period, first: int, modifier: str, published: dt.date | None) -> _Period:
    p.first, p.modifier = first, modifier
    days = (p.end - p.start).days
    if modifier == "end":
        p.start = p.end - dt.timedelta(days=days // 4) if p.grain == "year" else p.end - dt.timedelta(days=days // 3)
    elif modifier == "start":
        p.end = p.start + dt.timedelta(days=days // 4) if p.grain == "year" else p.start + dt.timedelta(days=days // 3)
    elif modifier == "middle":
        p.start, p.end = p.start + dt.timedelta(days=days // 3), p.end - dt.timedelta(days=days // 3)
    elif modifier == "deadline" and published is not None and published < p.end:
        p.start = published
    elif modifier == "since" and published is not None and published > p.start:
        p.end = published
    return p


def _read_core(tokens, words, k, published, opened: bool) -> _Period | None:
    if k >= len(words):
        return None
    w = words[k]
    nxt = words[k + 1] if k + 1 < len(words) else None
    if m := _SLASH_DATE.match(w) or _DOTTED_DATE.match(w):
        day, month = int(m.group(1)), int(m.group(2))
        year = _full_year(m.group(3)) if m.group(3) else _infer_year(tokens, k, day, month, published)
        return _day(k, k, year, month, day) if year else None
    # "21-04-2016", "2016-04-21": dashed dates the tokenizer split
    dashed = _dashed_date(tokens, words, k)
    if dashed is not None:
        return dashed
    # "mercredi 13 février": the weekday picks the year
    if w in WEEKDAYS and nxt is not None and _DAY.match(nxt) and k + 2 < len(words) and words[k + 2] in MONTHS:
        day = _read_core(tokens, words, k + 1, published, opened)
        if day is not None and day.grain == "day" and published is not None and not _YEAR.match(words[day.last]):
            year = _year_for_weekday(int(_DAY.match(nxt).group(1)), MONTHS[words[k + 2]], WEEKDAYS[w], published)
            day = _day(k, day.last, year, MONTHS[words[k + 2]], int(_DAY.match(nxt).group(1))) if year else day
        if day is not None:
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
        if k + 2 < len(words) and _YEAR.match(words[k + 2]):
            return _day(k, k + 2, int(words[k + 2]), month, day_n)
        year = _infer_year(tokens, k, day_n, month, published)
        last = k + 2 if k + 2 < len(words) and words[k + 2] in ("prochain", "dernier") else k + 1
        return _day(k, last, year, month, day_n) if year else None
    # "mars 2024", "en mars"
    if w in FULL_MONTHS and not (k > 0 and _DAY.match(words[k - 1])):
        if nxt is not None and _YEAR.match(nxt):
            return _month(k, k + 1, int(nxt), MONTHS[w])
        if opened or (k > 0 and words[k - 1] in ("en", "fin", "debut", "mi", "-", "mois", "d'ici")):
            year = _infer_year(tokens, k, 1, MONTHS[w], published)
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
    # relative: "l'an dernier", "la semaine dernière", "hier", "il y a deux ans", "jeudi"
    if published is not None:
        relative = _read_relative(tokens, words, k, published)
        if relative is not None:
            return relative
    if _YEAR.match(w) and tokens[k].pos_ in ("NUM", "DET", "PRON", "NOUN", "ADJ", "PROPN"):
        if opened or nxt is None or tokens[k + 1].is_punct or nxt == "|":
            return _year(k, k, int(w))
    return None


def _read_relative(tokens, words, k, published: dt.date) -> _Period | None:
    for phrase, unit, offset in RELATIVE:
        n = len(phrase)
        if tuple(words[k : k + n]) == phrase:
            return _shifted(k, k + n - 1, published, unit, offset)
    # "il y a deux ans" (back), "dans trois mois" (ahead)
    for opener, sign in ((["il", "y", "a"], -1), (["dans"], 1)):
        n = len(opener)
        if words[k : k + n] == opener and k + n + 1 < len(words) and words[k + n + 1] in RELATIVE_UNITS:
            amount = words[k + n]
            count = int(amount) if amount.isdigit() else parse_number_words([tokens[k + n].text.lower()])
            if count:
                return _shifted(k, k + n + 1, published, RELATIVE_UNITS[words[k + n + 1]], sign * int(count))
    if words[k] in WEEKDAYS:
        future = k + 1 < len(words) and words[k + 1] == "prochain" or _future_tense(tokens[k])
        delta = (WEEKDAYS[words[k]] - published.weekday()) % 7
        if future:
            day = published + dt.timedelta(days=delta or 7)
        else:
            # "ont défilé jeudi" in Thursday's paper is that day; "jeudi dernier" a week before
            same_day = delta == 0 and not (k + 1 < len(words) and words[k + 1] == "dernier")
            day = published - dt.timedelta(days=0 if same_day else (7 - delta) % 7 or 7)
        last = k + 1 if k + 1 < len(words) and words[k + 1] in ("prochain", "dernier") else k
        return _day(k, last, day.year, day.month, day.day)
    return None


def _shifted(first: int, last: int, published: dt.date, unit: str, offset: int) -> _Period | None:
    if unit == "year":
        return _year(first, last, published.year + offset)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return _month(first, last, index // 12, index % 12 + 1)
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=offset)
        iso = monday.isocalendar()
        return _Period(first, last, f"{iso.year}-W{iso.week:02d}", "week", monday, monday + dt.timedelta(days=6))
    day = published + dt.timedelta(days=offset)
    return _day(first, last, day.year, day.month, day.day)


def _full_year(text: str) -> int:
    """"16" -> 2016, "74" -> 1974: two-digit years within a century around 2000."""
    year = int(text)
    if len(text) == 2:
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


def _past_tense(token) -> bool:
    """True when the verb governing the token is in a past tense (passé composé included)."""
    head = _governing_verb(token)
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if set(head.morph.get("Tense")) & {"Past", "Imp"}:
        return True
    return any(c.dep_.startswith("aux") for c in head.children) and "Part" in head.morph.get("VerbForm")


def _future_tense(token) -> bool:
    return "Fut" in _governing_verb(token).morph.get("Tense")


def _infer_year(tokens, k, day: int, month: int, published: dt.date | None) -> int | None:
    """The year of a day or month written without one.

    The verb's tense decides: future -> the next such day, past -> the last one; with neither
    (no verb, or the present: "le sommet a lieu le 15 février"), the nearest one.
    """
    if published is None:
        return None
    after = [fold(t.text) for t in tokens[k : k + 4]]
    future = _future_tense(tokens[k]) or "prochain" in after
    past = "dernier" in after or _past_tense(tokens[k])
    if not future and not past:
        candidates = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append((abs((dt.date(year, month, day) - published).days), year))
            except ValueError:
                continue
        return min(candidates)[1] if candidates else None
    parsed = dateparser.parse(
        f"{day}/{month}",
        languages=["fr"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future" if future and not past else "past",
        },
    )
    return parsed.year if parsed else None


def dates_of(doc: Doc) -> list[Mention]:
    """The date mentions of a processed doc, in text order."""
    return [Mention(**span._.date) for span in doc.spans.get(SPAN_KEY, [])]
