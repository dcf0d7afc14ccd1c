"""`factcheck_dates`: dates and periods, normalised against the article's publication date.

Candidates are found on folded tokens (day + month [+ year], month + year, a year after a
date word, `12/03/2026`, `mi-2027`); days are resolved by dateparser with the publication
date as `RELATIVE_BASE`. Years and months are computed here, because dateparser turns
"en 2028" into a day (2028-04-10). `search_dates` is never run on whole texts (it reads the
possessive "sa" as Saturday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict

import dateparser
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..models import Mention
from .numbers import fold
from .patterns_quantities import MONTHS

SPAN_KEY = "factcheck_dates"
# Words that make a following bare year a date ("en 2028", "fin 2025", "d'ici 2030").
YEAR_OPENERS = {
    "en": None, "depuis": "since", "des": "since", "fin": "end", "debut": "start", "mi": "middle",
    "d'ici": "deadline", "ici": "deadline", "jusqu'en": "deadline", "avant": "deadline",
    "apres": None, "vers": None, "pour": None, "objectif": None, "horizon": "deadline",
    "l'horizon": "deadline", "annee": None, "exercice": None, "courant": None,
}
# Month names written out ("sept" alone is also the number 7).
FULL_MONTHS = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
}
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MID_YEAR = re.compile(r"^mi-(\d{4})$")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d|2100)$")
_DAY = re.compile(r"^(\d{1,2})(er)?$")

if not Span.has_extension("date"):
    Span.set_extension("date", default=None)
if not Doc.has_extension("published"):
    # The publication date (ISO string), set by the pipeline before the doc is processed.
    Doc.set_extension("published", default=None)


@Language.factory("factcheck_dates")
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder()


class DateFinder:
    """Find dates and give each an ISO value at its grain (2025, 2025-04, 2025-04-09)."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        base = dt.datetime.fromisoformat(published) if published else None
        folded = [fold(t.text) for t in doc]
        spans = []
        i = 0
        while i < len(doc):
            found = self._read_at(doc, folded, i, base)
            if found is None:
                i += 1
                continue
            first, last, value, grain, modifier = found
            span = Span(doc, first, last + 1, label="date")
            start, end = span.start_char, span.end_char
            mention = Mention(start=start, end=end, text=doc.text[start:end], kind="date",
                              value=value, grain=grain, modifier=modifier)
            span._.date = asdict(mention)
            spans.append(span)
            i = last + 1
        doc.spans[SPAN_KEY] = spans
        return doc

    def _read_at(self, doc: Doc, folded: list[str], i: int, base: dt.datetime | None):
        text = folded[i]
        if m := _SLASH_DATE.match(text):
            day, month, year = (int(x) for x in m.groups())
            if _valid(year, month, day):
                return i, i, f"{year:04d}-{month:02d}-{day:02d}", "day", None
            return None
        if m := _MID_YEAR.match(text):
            return i, i, m.group(1), "year", "middle"
        day = _DAY.match(text)
        nxt = i + 1 if i + 1 < len(doc) else None
        while nxt is not None and doc[nxt].is_space:
            nxt = nxt + 1 if nxt + 1 < len(doc) else None
        if day and nxt is not None and folded[nxt] in MONTHS:
            year_at = _after(doc, nxt)
            last = nxt
            year = None
            if year_at is not None and _YEAR.match(folded[year_at]):
                year, last = int(folded[year_at]), year_at
            month = MONTHS[folded[nxt]]
            day_n = int(day.group(1))
            if year is None:
                year = _infer_year(doc, i, last, day_n, month, base)
            if year is None or not _valid(year, month, day_n):
                return None
            return i, last, f"{year:04d}-{month:02d}-{day_n:02d}", "day", None
        if text in MONTHS and not (i > 0 and _DAY.match(folded[i - 1])):
            year_at = _after(doc, i)
            if text in FULL_MONTHS and year_at is not None and _YEAR.match(folded[year_at]):
                return i, year_at, f"{folded[year_at]}-{MONTHS[text]:02d}", "month", None
            return None
        if _YEAR.match(text):
            prev = i - 1
            while prev >= 0 and doc[prev].is_space:
                prev -= 1
            opener = folded[prev] if prev >= 0 else None
            if opener == "-" and prev >= 1 and folded[prev - 1] == "mi":
                return prev - 1, i, text, "year", "middle"
            if opener in YEAR_OPENERS:
                first = prev if YEAR_OPENERS[opener] else i
                if opener == "ici" and prev >= 1 and folded[prev - 1] == "d'":
                    first = prev - 1  # "d'ici 2030" is tokenized "d'" + "ici"
                return first, i, text, "year", YEAR_OPENERS[opener]
            if nxt is None or doc[nxt].is_punct or doc[nxt].text == "|":
                return i, i, text, "year", None
        return None


def _after(doc: Doc, i: int) -> int | None:
    j = i + 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    return j if j < len(doc) else None


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _infer_year(doc: Doc, first: int, last: int, day: int, month: int, base: dt.datetime | None) -> int | None:
    """The year of a day written without one, by dateparser, from the tense of its verb."""
    if base is None:
        return None
    head = doc[first].head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    future = "Fut" in head.morph.get("Tense") or "prochain" in fold(doc[first : last + 3].text)
    parsed = dateparser.parse(
        f"{day}/{month}",
        languages=["fr"],
        settings={
            "RELATIVE_BASE": base,
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future" if future else "past",
        },
    )
    return parsed.year if parsed else None


def dates_of(doc: Doc) -> list[Mention]:
    """The date mentions of a processed doc, in text order."""
    return [Mention(**span._.date) for span in doc.spans.get(SPAN_KEY, [])]
