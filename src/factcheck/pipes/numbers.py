"""Reading French numbers, and the component that keeps digit groups in one token.

`factcheck_number_merger` runs first, before the tagger and parser: "100 000", "100\u00a0000"
and "100\u202f000" (the typographic narrow no-break space) become one token, so the parser
sees one number and attaches it to its noun with `nummod`. Merging tokens never changes the
text, so character offsets stay those of the article.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc
from text_to_num import text2num

from ..text import GROUP_SPACES, fold  # noqa: F401  (re-exported: the pipes use them)
from ._guard import guarded
from .patterns_quantities import NUMBER_WORDS

_FIRST_GROUP = re.compile(r"^[-+\u2212]?\d{1,3}$")
_NEXT_GROUP = re.compile(r"^\d{3}(?:,\d+)?$")
# "1 250 000", "1.000.000", "62,40", "2.5", "100 000,5"
_SPACED = re.compile(rf"^\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?:,\d+)?$")
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
# Swiss thousands: "1'280'000", "20’300" (straight or typographic apostrophe)
_APOSTROPHED = re.compile(r"^\d{1,3}(?:['\u2019]\d{3})+(?:[.,]\d+)?$")


def parse_digits(text: str) -> tuple[float, int] | None:
    """Value and number of decimals of a digit string written the French way, or None.

    Spaces and dots group thousands ("1 250 000", "1.000.000"); the comma is the decimal
    mark ("62,40"). A lone dot followed by other than three digits is read as a decimal
    point ("2.5"), as wire copy sometimes writes it.
    """
    text = text.strip()
    sign = 1.0
    if text[:1] in "-+\u2212":
        sign = -1.0 if text[0] != "+" else 1.0
        text = text[1:]
    if _SPACED.match(text):
        digits = re.sub(f"[{GROUP_SPACES}]", "", text)
    elif _DOTTED.match(text):
        digits = text.replace(".", "")
    elif _PLAIN.match(text):
        digits = text
    elif _APOSTROPHED.match(text):
        digits = re.sub("['\u2019]", "", text)
    else:
        return None
    integer, _, decimals = digits.replace(".", ",").partition(",")
    value = float(f"{integer}.{decimals}") if decimals else float(integer)
    return sign * value, len(decimals)


def is_number_word(folded: str) -> bool:
    """True for "treize", "vingt-deux", "quatre-vingt-dix-sept" (hyphen parts all number words)."""
    parts = folded.split("-")
    return all(part in NUMBER_WORDS for part in parts) and folded not in ("et", "-")


def parse_number_words(words: list[str]) -> float | None:
    """Value of a run of French number words ("mille deux cents" -> 1200), or None.

    Words are lowercase with their accents ("zéro"); text2num reads the Swiss and Belgian
    tens ("septante-huit", "nonante cinq") and the old "mil" of dates itself.
    """
    if not words:
        return None
    text = " ".join("zéro" if word == "zero" else word for word in words)
    try:
        return float(text2num(text, "fr"))
    except ValueError:
        return None


@Language.factory("factcheck_number_merger", assigns=["token.text"])
def make_number_merger(nlp: Language, name: str) -> "NumberMerger":
    return NumberMerger()


class NumberMerger:
    """Merge "100 000" (any group space) into one token before the parser runs."""

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        spans = []
        i = 0
        n = len(doc)
        while i < n:
            if not _FIRST_GROUP.match(doc[i].text) or _glued_to_previous(doc, i):
                i += 1
                continue
            j = i
            while True:
                if j + 1 < n and doc[j].whitespace_ == " " and _NEXT_GROUP.match(doc[j + 1].text):
                    j += 1
                elif (
                    j + 2 < n
                    and not doc[j].whitespace_
                    and doc[j + 1].text in GROUP_SPACES
                    and not doc[j + 1].whitespace_
                    and _NEXT_GROUP.match(doc[j + 2].text)
                ):
                    j += 2
                else:
                    break
                if "," in doc[j].text:
                    break
            if j > i and not _looks_like_phone(doc, i, j):
                spans.append(doc[i : j + 1])
            i = j + 1
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spans:
                    retokenizer.merge(span)
        return doc


def _glued_to_previous(doc: Doc, i: int) -> bool:
    """A digit group glued to a previous number ("3.5 000") is not the start of a number."""
    return i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text[-1:].isdigit()


def _looks_like_phone(doc: Doc, i: int, j: int) -> bool:
    """"01 234 567" style runs that start with 0 are not thousands groups."""
    return doc[i].text.startswith("0")
