"""`factcheck_quantities`: money amounts, percentages, counts and bare numbers.

Each mention is a span in `doc.spans["factcheck_quantities"]`, labelled with its kind, and its
normalised reading in `span._.quantity` (a plain dict, so docs travel between processes).
Matching is done on folded token forms (see `numbers.fold`); the text is never rewritten.

A mention reads, left to right:
    [hedge] [currency sign] NUMBER [+] [scale] [de] [currency | % | pour cent | fois] [noun]
or a range `entre X et Y ...` / `de X à Y ...` / `X à Y ...` / `X - Y ...` whose scale and
unit apply to both bounds. NUMBER is digits ("1 250 000", "2,5", "1e10", "3/4"), number words
("quatre-vingt-dix-sept", "zéro virgule cinq"), an approximate noun ("une cinquantaine"), a
fraction ("deux tiers", "un cinquième") or a proportion ("un Français sur trois": 1/3).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Mention
from ._guard import guarded
from .numbers import fold, is_number_word, parse_digits, parse_number_words
from .patterns_dates import FULL_MONTHS, MONTHS, WEEKDAYS, month_word
from .patterns_quantities import (
    APPROX_BAND,
    APPROX_NOUNS,
    CURRENCIES,
    DURATION_NOUNS,
    HEDGES,
    MULTIPLIER_NOUNS,
    AMBIGUOUS_CURRENCIES,
    FRACTION_NOUNS,
    NOT_FRACTIONS,
    SUBUNITS,
    PERCENT_WORDS,
    POINT_WORDS,
    PREFIX_CURRENCIES,
    REFERENCE_WORDS,
    SCALE_PREFIXES,
    SCALES,
    VAGUE_DETERMINERS,
    WORD_SCALES,
)

SPAN_KEY = "factcheck_quantities"
_GLUED_SCALE_CURRENCY = re.compile(r"^(k|m|md|mds|mrd|mrds)\s?([€$£])$")
_DIGITS = re.compile(r"^[-+\u2212]?\d")
# A number glued to a currency code or sign and/or a press scale, in one token:
# "USD1,23", "EUR29,99", "100k", "10K$", "3M€" (capital M only: "100m" is a distance).
_GLUED_NUMBER = re.compile(
    r"^(?P<code>[A-Z]{3}|[€$£¥])?(?P<num>[-+\u2212]?\d(?:[\d.,]|[ \u00a0\u202f\u2009'\u2019]\d)*)"
    r"(?:[eE](?P<exp>[-+\u2212]?\d{1,3}))?(?P<scale>[kK]|M|Md|Mds)?(?P<sign>[€$£¥])?$"
)
# "3/4", "-4/5": a fraction when the numerator is smaller (else "12/3" is a date or a score).
_FRACTION = re.compile(r"^(?P<sign>[-+\u2212]?)(?P<num>\d{1,3})/(?P<den>\d{1,4})$")
# Words before "3/4" that make it a day and month: "le 3/4", "du 1/5".
_DATE_OPENERS = {"le", "du", "au", "depuis", "des", "jusqu'au", "ce", "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
# Words before "moins" that make it a comparison, not a minus sign: "au moins 3", "deux fois moins".
_NOT_MINUS = {"au", "pas", "le", "la", "les", "du", "des", "de", "d'", "fois", "plus", "ou", "a", "en", "un", "non"}
# Tens that take "et un" / "et onze": "vingt et un", "soixante et onze".
_TENS = {"vingt", "trente", "quarante", "cinquante", "soixante", "septante", "huitante", "octante", "nonante"}
# Punctuation that may end an amount whose cents follow bare: "15 dollars 50."
_PHRASE_END = {".", ",", ";", ":", "!", "?", ")", "»", "…"}
_GLUED_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "Md": 1e9, "Mds": 1e9}
_SIGNS = {"-": -1.0, "\u2212": -1.0, "+": 1.0}
# French phone numbers: "01 23 45 67 89", "06.12.34.56.78", "+33 6 12 34 56 78".
# Dashed dates, read by the dates component: "2016-04-21", "21-04-2016".
_DASHED_DATE = re.compile(r"(?<![\d-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4})(?![\d-])")
_PHONE = re.compile(r"(?<![\d,.])(?:\+33[\s\u00a0]?|0)\d(?:[\s\u00a0.\-]?\d\d){4}(?![\d,])")
# Verbs for which "de X à Y" is a change, not a range: "passé de 3 à 5 %".
CHANGE_VERBS = {
    "passer", "augmenter", "baisser", "grimper", "chuter", "reculer", "progresser", "evoluer",
    "bondir", "croitre", "diminuer", "tomber", "monter", "descendre", "revenir", "reduire",
    "relever", "porter", "abaisser", "hausser",
}

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@Language.factory("factcheck_quantities")
def make_quantities(nlp: Language, name: str) -> "QuantityFinder":
    return QuantityFinder()


@dataclass(slots=True)
class _Reading:
    """A number being read: where it is and what has been found around it."""

    first: int  # token index where the mention starts (hedge or sign included)
    last: int  # token index of the last token of the mention
    value: float | None
    decimals: int = 0
    scale: float = 1.0
    bound: str | None = None  # low, high, about, vague, range
    range_low: float | None = None  # range bounds, already scaled
    range_high: float | None = None
    unit: str | None = None
    kind: str = "number"
    noun: Token | None = None
    is_year_like: bool = False
    whole: bool = True  # an integer as written (no decimals, no fraction): may take a fraction


class QuantityFinder:
    """Find quantities in a doc; see the module docstring for what a mention reads."""

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        folded = [fold(t.text) for t in doc]
        text = doc.text  # Doc.text rebuilds the string from the tokens at each call: read it once
        phones = [m.span() for pattern in (_PHONE, _DASHED_DATE) for m in pattern.finditer(text)]
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            reading = self._read_at(doc, folded, i)
            if reading is None or any(lo <= doc[i].idx < hi for lo, hi in phones):
                i += 1
                continue
            mention = _to_mention(doc, reading)
            span = doc[reading.first : reading.last + 1]
            span = Span(doc, span.start, span.end, label=mention.kind)
            span._.quantity = asdict(mention)
            spans.append(span)
            i = reading.last + 1
        doc.spans[SPAN_KEY] = _count_elliptical(doc, folded, _count_partitive_en(doc, folded, spans))
        return doc

    # -- reading one mention -------------------------------------------------------------

    def _read_at(self, doc: Doc, folded: list[str], i: int) -> _Reading | None:
        number = _read_number(doc, folded, i)
        if number is None:
            return None
        if _is_not_a_quantity(doc, folded, number):
            return None
        if number.kind == "fraction":
            _read_minus(doc, folded, number)
            return number
        proportion = _read_proportion(doc, folded, number)
        if proportion is not None:
            return proportion
        _read_unit(doc, folded, number)
        range_reading = _read_range(doc, folded, number)
        if range_reading is not None:
            number = range_reading
        _read_hedge(doc, folded, number)
        if number.bound is None:
            _read_minus(doc, folded, number)
        _read_prefix_currency(doc, folded, number)
        if number.kind == "number":
            _read_counted_noun(doc, folded, number)
        if number.kind == "number":
            _read_prefix_percent(doc, folded, number)
        if number.is_year_like and number.kind == "number" and number.scale == 1.0:
            return None  # "en 2028", "Objectif 2027": a year, read by the dates component
        return number


def _next(doc: Doc, i: int) -> int | None:
    """Index of the next token that is not a bare space token, or None."""
    j = i + 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    return j if j < len(doc) else None


def _prev(doc: Doc, i: int) -> int | None:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j if j >= 0 else None


def _may_start_number(doc: Doc, text: str, i: int) -> bool:
    """Whether `_read_number` can read anything at token i (folded `text`): its entry
    conditions, tested first and cheaply, so most words of a text are passed without building
    their tokens."""
    return bool(
        _DIGITS.match(text)
        or text in ("un", "une")
        or (text in VAGUE_DETERMINERS and text not in ("de", "d'"))
        or is_number_word(text)
        or ((text[:1] in "€$£¥" or (text[:3].isalpha() and text[3:4].isdigit())) and _GLUED_NUMBER.match(doc[i].text))
    )


def _read_number(doc: Doc, folded: list[str], i: int) -> _Reading | None:
    """A number starting at token i: digits, number words, or an approximate noun."""
    text = folded[i]
    if not _may_start_number(doc, text, i):
        return None
    token = doc[i]
    if _DIGITS.match(text) or (text[:1] in "€$£¥" or text[:3].isalpha()) and _GLUED_NUMBER.match(token.text):
        reading = _read_digits(doc, i)
        return _read_number_tail(doc, folded, reading) if reading is not None else None
    # "une cinquantaine", "des centaines", "plusieurs milliards", "quelques millions"
    nxt = _next(doc, i)
    if nxt is not None and text in ("un", "une") and folded[nxt] in APPROX_NOUNS:
        return _Reading(first=i, last=nxt, value=APPROX_NOUNS[folded[nxt]], bound="about")
    if nxt is not None and text in VAGUE_DETERMINERS and text not in ("de", "d'"):
        if folded[nxt] in APPROX_NOUNS and folded[nxt].endswith(("s", "x")):
            return _Reading(first=i, last=nxt, value=APPROX_NOUNS[folded[nxt]], bound="vague")
        if folded[nxt] in SCALES and folded[nxt] != "mille":
            return _Reading(first=i, last=nxt, value=1.0, scale=SCALES[folded[nxt]], bound="vague")
    if not is_number_word(text) or i > 0 and folded[i - 1] == "-" and not doc[i - 1].whitespace_:
        return None
    if text in ("neuf", "neuve") and token.pos_ == "ADJ" and i > 0 and doc[i - 1].pos_ == "NOUN":
        return None  # "un logement neuf"
    if text in ("un", "une"):
        # "un vingt cinquième" (1/25), "une vingt et unième" (1/21): one over a compound ordinal
        ends, run = _number_word_run(doc, folded, i)
        reading = _one_over(doc, folded, i, ends[-1], run) if len(run) > 1 else None
        if reading is not None:
            return reading
    last, words = _number_words(doc, folded, i)
    if words in (["un"], ["une"]):
        # "un demi-million": half of the scale
        if nxt is not None and folded[nxt].startswith("demi-") and folded[nxt][5:] in SCALES:
            return _Reading(first=i, last=nxt, value=0.5, decimals=1, scale=SCALES[folded[nxt][5:]])
        # "un plan", "l'une": an article, unless a scale follows ("un million"), a fraction
        # ("un tiers"), a decimal ("un virgule cinq"), a proportion ("un sur trois") or a
        # currency ("un dollar").
        if not _one_is_a_number(doc, folded, i, nxt):
            return None
    value = parse_number_words(words)
    if value is None:
        return None
    return _read_number_tail(doc, folded, _Reading(first=i, last=last, value=value))


def _one_over(doc: Doc, folded: list[str], i: int, last: int, words: list[str]) -> _Reading | None:
    """"un vingt cinquième" -> 1/25: the words after "un" and the "-ième" word make the denominator."""
    k = _next(doc, last)
    tail = []
    if k is not None and folded[k] == "et":
        tail, k = ["et"], _next(doc, k)
    if k is None or not folded[k].endswith("ieme"):
        return None
    # the "-ième" word is the units digit: "unième", or a fraction noun under ten ("cinquième")
    single = _fraction_denominator(doc, folded, k)
    if folded[k] != "unieme" and (single is None or single >= 10):
        return None
    denominator = parse_number_words(words[1:] + tail + [_cardinal_of_ordinal(folded[k])])
    if denominator is None or denominator <= 1:
        return None
    return _Reading(first=i, last=k, value=1 / denominator, decimals=3, kind="fraction", whole=False)


def _one_is_a_number(doc: Doc, folded: list[str], i: int, nxt: int | None) -> bool:
    """Whether "un"/"une" at token i is the number 1 rather than an article or pronoun."""
    if nxt is None or (i > 0 and folded[i - 1] in ("l'", "l")):
        return False
    after = folded[nxt]
    if after in SCALES:
        return after != "mille"
    if _fraction_denominator(doc, folded, nxt) is not None or after in ("virgule", "sur"):
        return True
    j = nxt  # "un Français sur trois", "une entreprise française sur dix", "un an et demi"
    for _ in range(3):
        if doc[j].pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        if _half_after(doc, folded, j) is not None:
            return True
        if (j := _next(doc, j)) is None:
            break
        if folded[j] == "sur":
            return True
    if after == "et":
        m = _next(doc, nxt)
        return m is not None and (folded[m] in ("demi", "demie") or _fraction_denominator(doc, folded, _next(doc, m) or m) is not None)
    return after in CURRENCIES and after.isalpha() and after not in AMBIGUOUS_CURRENCIES and after not in ("franc", "cent", "real")


def _fraction_denominator(doc: Doc, folded: list[str], k: int | None) -> float | None:
    """The denominator of a fraction noun at token k ("tiers" -> 3, "cinquièmes" -> 5), or None.

    A singular "-ième" word is an ordinal when a noun or adjective follows ("un cinquième
    mandat"); a fraction when "de", punctuation, a verb or nothing follows.
    """
    if k is None:
        return None
    word = folded[k]
    if word in FRACTION_NOUNS:
        return FRACTION_NOUNS[word]
    if word in NOT_FRACTIONS or not word.endswith(("ieme", "iemes")):
        return None
    if not word.endswith("s"):
        m = _next(doc, k)
        if m is not None and doc[m].pos_ in ("NOUN", "PROPN", "ADJ") and folded[m] not in ("de", "des", "du", "d'"):
            return None
    parts = _cardinal_of_ordinal(word).split("-")
    value = parse_number_words(["-".join(parts)]) if all(is_number_word(p) or p in SCALES for p in parts) else None
    if value is None and len(parts) == 1 and parts[0] in SCALES:
        value = SCALES[parts[0]]  # "millionième", "milliardième", "billionième"
    return value if value and value > 1 else None


# The stems of "-ième" words whose cardinal is not the stem itself: "cinquième" -> "cinq".
_ORDINAL_STEMS = {
    "cinqu": "cinq", "neuv": "neuf", "onz": "onze", "douz": "douze", "treiz": "treize", "quatorz": "quatorze",
    "quinz": "quinze", "seiz": "seize", "trent": "trente", "quarant": "quarante", "cinquant": "cinquante",
    "soixant": "soixante", "mill": "mille",
}


def _cardinal_of_ordinal(word: str) -> str:
    """The cardinal of a folded "-ième(s)" word: "cinquiemes" -> "cinq", "vingt-unieme" -> "vingt-un"."""
    parts = word.removesuffix("s").removesuffix("ieme").split("-")
    parts[-1] = _ORDINAL_STEMS.get(parts[-1], parts[-1])
    return "-".join(parts)


def _proper_fraction(text: str) -> float | None:
    """"3/4" -> 0.75; None for anything else, a sign or an improper fraction ("24/7")."""
    fraction = _FRACTION.match(text)
    if fraction is None or fraction.group("sign") or int(fraction.group("num")) >= int(fraction.group("den")):
        return None
    return int(fraction.group("num")) / int(fraction.group("den"))


def _read_number_tail(doc: Doc, folded: list[str], r: _Reading) -> _Reading:
    """What completes a number read at r: spoken decimals, a fraction, a mixed number.

    "zéro virgule cinq" (0.5), "deux tiers" (2/3), "trois quarts", "cinq et un quart" (5.25),
    "2 1/4" (2.25), "un et demi" (1.5).
    """
    if r.value is None or r.kind != "number" or r.scale != 1.0 or folded[r.last] in WORD_SCALES:
        return r  # "cinq milliards et trois quarts": the unit reader scales the fraction
    k = _next(doc, r.last)
    if k is None:
        return r
    # Spoken decimals: "douze virgule quatre-vingt-dix-neuf", "zéro virgule zéro trois", "2 virgule 5"
    if r.whole and (folded[k] == "virgule" or (folded[k] == "point" and folded[r.last].isalpha())):
        decimals = _decimal_digits(doc, folded, k)
        if decimals is not None:
            digits, last = decimals
            sign = -1.0 if r.value < 0 else 1.0
            r.value = sign * float(f"{int(abs(r.value))}.{digits}")
            r.decimals, r.last, r.whole = len(digits), last, False
            return r
    if not r.whole:
        return r
    # "deux tiers", "trois cinquièmes": numerator and denominator
    denominator = _fraction_denominator(doc, folded, k)
    if denominator is not None and not (folded[k] in ("demi", "demie") and r.value != 1):
        r.value, r.last, r.kind, r.whole = r.value / denominator, k, "fraction", False
        r.decimals = 3
        return r
    # "2 1/4": a mixed number, the fraction glued in one token
    fraction = _proper_fraction(doc[k].text)
    if fraction is not None:
        r.value += fraction
        r.last, r.whole, r.decimals = k, False, 3
        return r
    # "cinq et un quart", "un et demi", "1 et 3/4"
    if folded[k] == "et":
        part = _fraction_after_et(doc, folded, k)
        if part is not None:
            r.value += part[0]
            r.last, r.whole, r.decimals = part[1], False, 3
    return r


def _decimal_digits(doc: Doc, folded: list[str], k: int) -> tuple[str, int] | None:
    """The digits after a spoken decimal mark at token k: "zéro trois" -> "03"; (digits, last)."""
    digits = ""
    j = _next(doc, k)
    while j is not None and folded[j] in ("zero", "0"):
        digits += "0"
        last, j = j, _next(doc, j)
    if j is not None and re.fullmatch(r"\d+", folded[j]):
        return digits + folded[j], j
    if j is not None and is_number_word(folded[j]) and folded[j] != "et":
        last, words = _number_words(doc, folded, j)
        value = parse_number_words(words)
        if value is not None and value == int(value) and not any(w in SCALES for w in words):
            return digits + str(int(value)), last
    return (digits, last) if digits else None


def _fraction_after_et(doc: Doc, folded: list[str], k: int) -> tuple[float, int] | None:
    """After "et" at token k: "demi" (0.5), "un quart", "deux tiers", "3/4"; (value, last token)."""
    m = _next(doc, k)
    if m is None:
        return None
    if folded[m] in ("demi", "demie"):
        return 0.5, m
    fraction = _proper_fraction(doc[m].text)
    if fraction is not None:
        return fraction, m
    if is_number_word(folded[m]) and folded[m] != "et":
        last, words = _number_words(doc, folded, m)
        numerator = parse_number_words(words)
        denominator = _fraction_denominator(doc, folded, _next(doc, last))
        if numerator is not None and denominator is not None and numerator < denominator:
            return numerator / denominator, _next(doc, last)
    return None


def _read_proportion(doc: Doc, folded: list[str], r: _Reading) -> _Reading | None:
    """"un Français sur trois", "1 sur 3", "deux salariés sur dix": the share N/M (N < M).

    Up to three words may stand between N and "sur" (the counted noun and its adjectives);
    M must be a bare whole number ("sur 3 ans" is a duration, "sur 100 000 habitants" a rate
    base that the counted noun follows).
    """
    if r.value is None or not r.whole or r.scale != 1.0 or r.value < 0:
        return None
    j = r.last
    for _ in range(4):
        j = _next(doc, j)
        if j is None:
            return None
        if folded[j] == "sur":
            break
        if doc[j].pos_ not in ("NOUN", "PROPN", "ADJ") or doc[j].is_punct:
            return None
    else:
        return None
    start = _next(doc, j)
    if start is None or not (_DIGITS.match(folded[start]) or is_number_word(folded[start])):
        return None
    denominator = _read_number(doc, folded, start)
    if denominator is None or denominator.value is None or not denominator.whole or denominator.kind != "number":
        return None
    after = _next(doc, denominator.last)
    if after is not None and (doc[after].pos_ in ("NOUN", "PROPN") or folded[after] in PERCENT_WORDS or folded[after] in SCALES):
        return None
    if not 0 < r.value < denominator.value:
        return None
    return _Reading(first=r.first, last=denominator.last, value=r.value / denominator.value, decimals=3,
                    kind="fraction", whole=False)


def _read_minus(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"moins 15" (a temperature, a change) is -15; "au moins 15", "deux fois moins" are not signs."""
    p = _prev(doc, r.first)
    if p is None or folded[p] != "moins" or r.value is None or r.value < 0:
        return
    pp = _prev(doc, p)
    if pp is not None and (folded[pp] in _NOT_MINUS or is_number_word(folded[pp]) or folded[pp][-1:].isdigit()):
        return  # "au moins 3"; "huit moins quatre" is a subtraction
    r.value, r.first = -r.value, p


def _read_digits(doc: Doc, i: int) -> _Reading | None:
    """Digits, with a sign ("-3,5", "- 3" not), a glued currency or press scale ("USD1,23", "100k")."""
    token = doc[i]
    fraction = _FRACTION.match(token.text)
    if fraction is not None:
        return _read_fraction_token(doc, i, fraction)
    glued = _GLUED_NUMBER.match(token.text)
    if glued is None:
        return None
    parsed = parse_digits(glued.group("num"))
    if parsed is None:
        return None
    value, decimals = parsed
    whole = decimals == 0
    if glued.group("exp"):  # "1e10", "12,32e+14", "-12e-1"
        exponent = int(glued.group("exp").replace("\u2212", "-"))
        value *= 10.0 ** exponent
        decimals, whole = max(0, decimals - exponent), False
    reading = _Reading(first=i, last=i, value=value, decimals=decimals, whole=whole)
    reading.is_year_like = decimals == 0 and re.fullmatch(r"\d{4}", glued.group("num")) is not None and 1000 <= value <= 2100
    if glued.group("scale"):
        reading.scale = _GLUED_SCALES[glued.group("scale")]
    currency = glued.group("code") or glued.group("sign")
    if currency:
        code = CURRENCIES.get(fold(currency))
        if code is None:
            return None  # "ABC123": a reference, not an amount
        reading.unit, reading.kind = code, "money"
    # A sign token glued before the number, itself after a space: "baisse de - 3" is not, "-3" is.
    p = i - 1
    if p >= 0 and doc[p].text in _SIGNS and not doc[p].whitespace_ and (p == 0 or doc[p - 1].whitespace_):
        reading.first = p
        reading.value = _SIGNS[doc[p].text] * value
    return reading


def _read_fraction_token(doc: Doc, i: int, fraction: re.Match) -> _Reading | None:
    """"3/4", "-4/5", "1/3 de litre": a fraction; "le 3/4" (a day) and "24/7" are not."""
    numerator, denominator = int(fraction.group("num")), int(fraction.group("den"))
    p = _prev(doc, i)
    if not 0 < numerator < denominator or (p is not None and fold(doc[p].text) in _DATE_OPENERS):
        return None
    sign = -1.0 if fraction.group("sign") in ("-", "\u2212") else 1.0
    return _Reading(first=i, last=i, value=sign * numerator / denominator, decimals=3, kind="fraction", whole=False)


def _number_words(doc: Doc, folded: list[str], i: int) -> tuple[int, list[str]]:
    """(last token, words) of the longest run of number words from token i that reads as one
    number: "trois six" (dictated) gives "trois" alone, and the next run starts at "six"."""
    ends, words = _number_word_run(doc, folded, i)
    for n in range(len(words), 0, -1):
        if words[n - 1] != "et" and parse_number_words(words[:n]) is not None:
            return ends[n - 1], words[:n]
    return ends[-1], words


def _number_word_run(doc: Doc, folded: list[str], i: int) -> tuple[list[int], list[str]]:
    """(last token of each word, words) of a run of number words from token i.

    Hyphenated numbers the tokenizer split ("quarante - deux") are joined again, "et" only
    links two number words ("vingt et un"), and "million"/"milliard" continue a run
    ("trois millions deux cent mille"). Words keep their accents for text2num ("zéro").
    """
    words = [_word(doc[i])]
    ends = [i]
    j = i
    while (k := _next(doc, j)) is not None:
        if folded[k] == "-" and not doc[j].whitespace_ and not doc[k].whitespace_ and k + 1 < len(doc) and is_number_word(folded[k + 1]):
            words[-1] += "-" + _word(doc[k + 1])
            j = ends[-1] = k + 1
            continue
        if folded[k] == "et":
            # only "vingt et un", "soixante et onze": "cinq et un quart" is two numbers
            m = _next(doc, k)
            if m is None or folded[m] not in ("un", "une", "onze") or folded[j].split("-")[-1] not in _TENS:
                break
        elif not (is_number_word(folded[k]) or folded[k] in WORD_SCALES):
            break
        words.append(_word(doc[k]))
        ends.append(k)
        j = k
    return ends, words


def _word(token: Token) -> str:
    return token.text.lower().replace("\u2019", "'")


def _is_not_a_quantity(doc: Doc, folded: list[str], r: _Reading) -> bool:
    """Dates, times, references ("article 12"), ordinals, parts of names ("COVID-19")."""
    token = doc[r.first]
    prev = _prev(doc, r.first)
    nxt = _next(doc, r.last)
    if prev is not None and not doc[prev].whitespace_ and prev == r.first - 1:
        if folded[prev] in ("-", "/", ".", ":") or folded[prev][-1:].isalpha():
            return True  # "COVID-19", "A/2", "T3" split oddly
    if prev is not None and folded[prev] in REFERENCE_WORDS and _DIGITS.match(folded[r.first]):
        return True
    if nxt is not None:
        after = folded[nxt]
        if month_word(after) in MONTHS:
            return True  # "le 9 avril", "le 11 sept. 2014": a date
        if _DIGITS.match(folded[r.first]) and (after in ("h", "heures", "heure", "h.", ":") or re.fullmatch(r"h\d\d", after)):
            return True  # "14 h", "14h30"
        if after in ("er", "e", "eme", "ème") and not token.whitespace_:
            return True  # ordinals split by the tokenizer
        if after.endswith(("ieme", "iemes")) and r.kind != "fraction" and _fraction_denominator(doc, folded, nxt) is None:
            return True  # "la neuf centième fois": part of an ordinal
    if re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", token.text) and r.kind != "fraction":
        return True
    return False


def _read_unit(doc: Doc, folded: list[str], r: _Reading) -> None:
    """Scale, "+" suffix, currency, percent sign, "fois" after the number."""
    j = r.last
    k = _next(doc, j)
    # "50+ milliards $": the plus sign glued to the number is a lower bound.
    if k is not None and folded[k] == "+" and not doc[j].whitespace_:
        r.bound = "low"
        j = k
        k = _next(doc, j)
    # "3M", "100k" glued: press scales written right after the digits; "2,33 k" spaced
    if k is not None and r.scale == 1.0 and (
        doc[k].text in _GLUED_SCALES and not doc[j].whitespace_ or doc[k].text in ("k", "K")
    ):
        r.scale = _GLUED_SCALES[doc[k].text]
        j = k
        k = _next(doc, j)
    # "3 douzaines", "deux centaines de": a number of approximate nouns (the dozen is exact)
    if k is not None and folded[k] in APPROX_NOUNS and r.bound is None and r.whole and (r.value or 0) > 1 and r.scale == 1.0:
        r.scale = APPROX_NOUNS[folded[k]]
        if not folded[k].startswith(("douzaine", "millier")):
            r.bound = "about"
        j = k
        k = _next(doc, j)
    if k is not None and folded[k] in SCALES and r.bound != "vague":
        if not (folded[k] == "mille" and r.decimals == 0 and r.value is not None and r.value >= 1000):
            r.scale *= SCALES[folded[k]]
            j = k
            k = _next(doc, j)
            # "3 000 milliards" is already scaled; "mille milliards" compounds.
            if k is not None and folded[k] in SCALES and SCALES[folded[k]] > 1e3:
                r.scale *= SCALES[folded[k]]
                j = k
                k = _next(doc, j)
    # "3 millions et demi", "un million et demi", "cinq milliards et trois quarts"
    # (when the scale word ended a run of number words, it is in r.value, not r.scale)
    part = _fraction_after_et(doc, folded, k) if k is not None and folded[k] == "et" else None
    if part is not None and r.value is not None and (r.scale > 1 or folded[j] in WORD_SCALES):
        if r.scale > 1:
            r.value += part[0]
            r.decimals = max(r.decimals, 2)
        else:
            r.value += part[0] * SCALES[folded[j]]
        j = part[1]
        k = _next(doc, j)
    if k is None:
        r.last = j
        return
    glued = _GLUED_SCALE_CURRENCY.match(folded[k])
    if glued:
        r.scale *= SCALE_PREFIXES[glued.group(1)]
        r.unit, r.kind, r.last = CURRENCIES[glued.group(2)], "money", k
        return
    if r.kind == "money":
        r.last = j  # a currency glued to the digits ("10K$", "USD1,23")
        return
    currency_at = _currency_at(doc, folded, k, after_scale=r.scale > 1)
    # "5 milliards d'euros", "1 000 000 d'euros", "une quinzaine de dollars": "de" before the
    # currency after a scale, a million or more, or an approximate number
    if currency_at is None and folded[k] in ("de", "d'") and (r.scale > 1 or (r.value or 0) >= 1e6 or r.bound in ("about", "vague")):
        m = _next(doc, k)
        if m is not None:
            currency_at = _currency_at(doc, folded, m, after_scale=True)
    if currency_at is not None:
        r.unit, r.last = currency_at
        r.kind = "money"
        _read_subunits(doc, folded, r)
        return
    if folded[k] in PERCENT_WORDS:
        r.unit, r.kind, r.last = "%", "percent", k
        return
    m = _next(doc, k)
    if folded[k] == "pour" and m is not None and folded[m] == "cent":
        r.unit, r.kind, r.last = "%", "percent", m
        return
    if folded[k] in POINT_WORDS:
        after = [folded[x] for x in (m, _next(doc, m) if m is not None else None) if x is not None]
        if after[:2] == ["de", "pourcentage"] or r.decimals > 0:
            r.unit, r.kind = "pp", "percent"
            r.last = _next(doc, m) if after[:2] == ["de", "pourcentage"] else k
            return
    if folded[k] in MULTIPLIER_NOUNS:
        r.unit, r.kind, r.last = "x", "multiplier", k
        return
    r.last = j


def _read_subunits(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"deux euros et cinq centimes", "1 USD 23 cents", "15 dollars 50.": the cents of an amount.

    Without a sub-unit word, the cents must end the phrase ("3 euros 50.", not "3 euros 50 fois").
    """
    if r.scale != 1.0 or not r.whole or r.value is None or r.bound == "range":
        return
    k = _next(doc, r.last)
    if k is not None and folded[k] == "et":
        k = _next(doc, k)
    if k is None or not (re.fullmatch(r"\d{1,2}", folded[k]) or is_number_word(folded[k]) and folded[k] != "et"):
        return
    if folded[k].isdigit():
        last, cents = k, float(folded[k])
    else:
        last, words = _number_words(doc, folded, k)
        if len(words) > 1 and words[-1] in ("cent", "cents"):  # "quarante-cinq cents": the sub-unit
            words.pop()
            last = _prev(doc, last)
        cents = parse_number_words(words)
    if cents is None or not 0 < cents < 100:
        return
    after = _next(doc, last)
    if after is not None and folded[after] in SUBUNITS:
        last = after
    elif after is not None and folded[after] not in _PHRASE_END:
        return
    r.value += cents / 100
    r.decimals, r.last, r.whole = 2, last, False


def _currency_at(doc: Doc, folded: list[str], k: int, after_scale: bool = False) -> tuple[str, int] | None:
    """(ISO code, last token index) when a currency starts at token k.

    Words that are also common nouns ("livres") are a currency only after a scale
    ("12 millions de livres") or with their qualifier ("livres sterling").
    """
    m = _next(doc, k)
    n = _next(doc, m) if m is not None else None
    o = _next(doc, n) if n is not None else None
    if o is not None:
        four = f"{folded[k]} {folded[m]} {folded[n]} {folded[o]}"  # "dollars de Hong Kong"
        if four in CURRENCIES:
            return CURRENCIES[four], o
    if m is not None and n is not None:
        three = f"{folded[k]} {folded[m]} {folded[n]}"
        if three in CURRENCIES:
            return CURRENCIES[three], n
    if m is not None:
        glue = "" if not doc[k].whitespace_ else " "
        two = f"{folded[k]}{glue}{folded[m]}"
        if two in CURRENCIES:
            return CURRENCIES[two], m
    if folded[k] in CURRENCIES and (after_scale or folded[k] not in AMBIGUOUS_CURRENCIES):
        return CURRENCIES[folded[k]], k
    return None


def _read_range(doc: Doc, folded: list[str], first: _Reading) -> _Reading | None:
    """`entre X et Y` / `de X à Y` / `X à Y euros` / `10 - 20 %`: both bounds, with the second
    one's scale and unit. Without "entre" or "de", the second bound must carry a unit
    ("10 à 20 euros"; "3-1" is a score, "2020-2025" years)."""
    prev = _prev(doc, first.first)
    joiner = _next(doc, first.last)
    if joiner is None or first.value is None or first.kind == "fraction":
        return None
    opener = folded[prev] if prev is not None else ""
    link = folded[joiner]
    bare = False
    if not ((opener == "entre" and link == "et") or (opener in ("de", "d'") and link == "a")):
        if link not in ("a", "-", "\u2013", "\u2014") or first.bound is not None:
            return None
        bare = True
    elif opener != "entre" and _is_change(doc, prev):
        _carry_unit_of_change(doc, folded, first, joiner)
        return None
    start = _next(doc, joiner)
    if start is None:
        return None
    second = _read_number(doc, folded, start)
    if second is None or second.kind == "fraction":
        return None
    if _is_not_a_quantity(doc, folded, second) and not (bare and folded[start - 1] in ("-", "\u2013")):
        return None
    _read_unit(doc, folded, second)
    if bare and second.kind not in ("money", "percent"):
        return None
    if first.kind != "number" and second.kind != "number" and first.unit != second.unit:
        return None
    unit_from = second if second.kind != "number" else first
    scale = first.scale if first.scale != 1.0 else second.scale
    if first.is_year_like and second.is_year_like and unit_from.kind == "number":
        return None  # "entre 2029 et 2033": years
    low = first.value * scale if first.value is not None else None
    high = second.value * second.scale if second.value is not None else None
    if low is None or high is None or low > high:
        return None  # "de 5 à 3": not a range we can read
    return _Reading(
        first=first.first if bare else prev,
        last=second.last,
        value=None,
        decimals=max(first.decimals, second.decimals),
        scale=1.0,
        bound="range",
        range_low=low,
        range_high=high,
        unit=unit_from.unit,
        kind=unit_from.kind,
    )


def _is_change(doc: Doc, i: int) -> bool:
    """True when a change verb governs "de" at token i ("est passé de 3 à 5").

    The verb is the nearest one before "de" (up to 4 tokens back): in "les tarifs, qui ont
    baissé, coûtent de 150 à 200 euros", "coûtent" is, and the amount is a range.
    """
    for j in range(i - 1, max(-1, i - 5), -1):
        if doc[j].pos_ == "VERB" or fold(doc[j].lemma_) in CHANGE_VERBS:
            return fold(doc[j].lemma_) in CHANGE_VERBS
    return fold(doc[i].head.lemma_) in CHANGE_VERBS


def _carry_unit_of_change(doc: Doc, folded: list[str], first: _Reading, joiner: int) -> None:
    """"le loyer passe de 150 à 200 euros": two figures, the first in the unit and scale of the
    second (150 EUR, not a count of 150 "euros")."""
    start = _next(doc, joiner)
    second = _read_number(doc, folded, start) if start is not None and first.kind == "number" else None
    if second is None or second.kind == "fraction":
        return
    _read_unit(doc, folded, second)
    if second.kind in ("money", "percent"):
        first.kind, first.unit = second.kind, second.unit
        if first.scale == 1.0:
            first.scale = second.scale


# The hedges by their last word, longest first as in HEDGES.
_HEDGES_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _hedge in HEDGES:
    _HEDGES_BY_LAST.setdefault(_hedge[0][-1], []).append(_hedge)


def _read_hedge(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"plus de", "environ", "jusqu'à"... right before the mention."""
    before = _prev(doc, r.first)
    for words, side in _HEDGES_BY_LAST.get(folded[before], ()) if before is not None else ():
        start = r.first
        matched = True
        for word in reversed(words):
            p = _prev(doc, start)
            if p is None or folded[p] != word:
                matched = False
                break
            start = p
        if matched:
            # The hedge wins over an approximate noun ("plus d'une centaine": low=100),
            # but never turns a range into one bound.
            if r.bound != "range":
                r.bound = side
            r.first = start
            return


def _read_prefix_currency(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"$50", "€ 20", "EUR 20", "GBP 3,01": a currency sign or ISO code before the number."""
    p = _prev(doc, r.first)
    if r.kind != "number" or p is None or folded[p] not in PREFIX_CURRENCIES:
        return
    if "\n" in doc.text[doc[p].idx + len(doc[p]) : doc[r.first].idx]:
        return  # "coûte 300 €\n45 salariés": the sign ends the line above, it is not this number's
    if folded[p].isalpha() and not doc[p].text.isupper():
        return  # ISO codes are written in capitals: "eur" in running text is not one
    r.unit, r.kind, r.first = CURRENCIES[folded[p]], "money", p


def _read_prefix_percent(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"un pourcentage de vingt", "pourcent des trois cent cinq": a bare number that a percent
    word names; only a number that counts nothing (so not "le pourcentage des 18-25 ans")."""
    p = _prev(doc, r.first)
    q = _prev(doc, p) if p is not None and folded[p] in ("de", "des", "d'") else None
    if q is not None and folded[q] in PERCENT_WORDS and folded[q] != "%":
        r.unit, r.kind, r.first = "%", "percent", q


def _read_counted_noun(doc: Doc, folded: list[str], r: _Reading) -> None:
    """The noun a number counts: "160 entreprises", "Treize de ces usines", "3 millions de personnes"."""
    noun = _counted_noun(doc, folded, r)
    if noun is None:
        return
    lemma = _compound_lemma(doc, noun)
    if fold(noun.text) in MULTIPLIER_NOUNS:
        r.kind, r.unit = "multiplier", "x"
        return
    # "un an et demi", "trois heures et demie", "1 bol et demi": half a unit more
    half = _half_after(doc, folded, noun.i) if r.whole and r.scale == 1.0 and r.value is not None else None
    if half is not None:
        r.value += 0.5
        r.decimals, r.whole, r.last = 1, False, half
    if fold(noun.text) in DURATION_NOUNS:
        r.kind, r.unit = "duration", lemma
        return
    r.kind, r.unit, r.noun = "count", lemma, noun


def _half_after(doc: Doc, folded: list[str], i: int) -> int | None:
    """The last token of "et demi(e)" / "et un(e) demi(e)" right after token i, or None."""
    k = _next(doc, i)
    m = _next(doc, k) if k is not None else None
    if k is None or m is None or folded[k] != "et":
        return None
    if folded[m] in ("un", "une"):
        m = _next(doc, m)
    return m if m is not None and folded[m] in ("demi", "demie") else None


def _counted_noun(doc: Doc, folded: list[str], r: _Reading) -> Token | None:
    k = _next(doc, r.last)
    if k is None:
        return None
    # "3 millions de personnes", "une cinquantaine de manifestants", "Treize de ces usines"
    if folded[k] in ("de", "d'"):
        m = _next(doc, k)
        if m is not None and doc[m].pos_ == "DET" and folded[m] in ("ces", "ses", "leurs", "nos", "vos", "les"):
            m = _next(doc, m)
        if m is not None and doc[m].pos_ in ("NOUN", "PROPN") and (r.scale > 1 or r.bound in ("about", "vague") or folded[r.first].isalpha()):
            return doc[m]
        return None
    # "deux nouvelles gigafactories": skip up to two adjectives
    m = k
    for _ in range(3):
        if not any(c.isalpha() for c in doc[m].text):
            break
        if doc[m].pos_ == "NOUN" or (doc[m].pos_ == "PROPN" and doc[m].text.islower()):
            return doc[m] if folded[m] not in _TIME_NAMES else None  # "12 heures 45 jeudi": no count of jeudis
        if doc[m].pos_ != "ADJ" and not (doc[m].pos_ == "VERB" and "Part" in doc[m].morph.get("VerbForm")):
            break
        if m == k and _stands_alone(doc, m):
            return doc[m]  # "2 059 blessés, dont ...", "au moins 2 012 morts et 2 059 blessés"
        if doc[m].pos_ != "ADJ":
            break
        m = _next(doc, m)
        if m is None:
            break
    # The parse: a number attached to its noun by nummod.
    head = doc[r.last].head
    if doc[r.last].dep_ == "nummod" and head.pos_ == "NOUN" and head.is_alpha and head.i > r.last:
        return head if folded[head.i] not in _TIME_NAMES else None
    return None


def _stands_alone(doc: Doc, i: int) -> bool:
    """Whether a plural participle or adjective right after a number is used as a noun: it
    ends its phrase ("2 059 blessés, dont", "2 012 morts et 2 059 blessés", "1 404 grièvement
    atteints.") instead of describing a noun after it."""
    token = doc[i]
    if "Plur" not in token.morph.get("Number") or not token.is_alpha or token.is_stop:
        return False
    nxt = _next(doc, i)
    return nxt is None or doc[nxt].is_punct or doc[nxt].pos_ in ("CCONJ", "ADP", "SCONJ", "PRON", "ADV")


# Names of days and months, and "côté" ("105 505 côté turc"): never what a number counts.
_TIME_NAMES = frozenset(WEEKDAYS) | FULL_MONTHS | {"cote"}


def compound_bounds(token: Token) -> tuple[int, int]:
    """Token range of a hyphenated compound the tokenizer split: "giga-usines"."""
    doc = token.doc
    start = end = token.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_ and not doc[end + 1].whitespace_:
        end += 2
    return start, end


def _compound_lemma(doc: Doc, noun: Token) -> str:
    """Lemma of a noun, keeping a hyphenated compound whole: "giga-usines" -> "giga-usine"."""
    start, end = compound_bounds(noun)
    last = doc[end]
    lemma = fold(last.lemma_ or last.text)
    head = "".join(t.text_with_ws for t in doc[start:end])
    return fold(head) + lemma


def _to_mention(doc: Doc, r: _Reading) -> Mention:
    """Turn a reading into a Mention: value as stated, interval, precision."""
    start = doc[r.first].idx
    end = doc[r.last].idx + len(doc[r.last].text)
    bound = r.bound
    value = r.value * r.scale if r.value is not None else None
    precision = 0.5 * (10 ** -r.decimals) * r.scale
    low = high = value
    if bound == "range":
        low, high, value = r.range_low, r.range_high, None
    elif bound == "low":
        high = None
    elif bound == "high":
        low = None
    elif bound == "about" and value is not None:
        low, high = value * (1 - APPROX_BAND), value * (1 + APPROX_BAND)
    elif bound == "vague" and value is not None:
        # "des centaines", "plusieurs milliards": at least two of them, no stated value.
        low, high, value = 2 * value, None, None
    noun_index = r.noun.i if r.noun is not None else None
    return Mention(
        start=start,
        end=end,
        text=doc[r.first : r.last + 1].text,
        kind=r.kind,
        value=_clean(value),
        low=_clean(low),
        high=_clean(high),
        unit=r.unit,
        precision=_clean(precision) or 0.0,
        noun_index=noun_index,
    )


def _clean(x: float | None) -> float | None:
    """Round away binary noise: 1,5 x 1e6 is 1 500 000, not 1 500 000.0000000002."""
    if x is None:
        return None
    return float(f"{x:.12g}")


# Words between the clitic "en" and the number it quantifies: "en a compté", "n'en compte que".
_EN_CLAUSE_WORDS = {"a", "ont", "avait", "avaient", "aurait", "auraient", "que", "qu'", "pas", "plus", "jamais", "deja", "encore"}
_EN_VERB_POS = {"VERB", "AUX"}
_EN_MAX_GAP = 4


def _count_partitive_en(doc: Doc, folded: list[str], spans: list[Span]) -> list[Span]:
    """A bare number quantified by the clitic "en" counts the noun of the count before it, in
    its sentence or the one before: "12 000 personnes selon la CGT, tandis que la préfecture
    en a compté 3 500" is 3 500 personnes; so is "1.089.000 personnes ont défilé. La CGT en
    revendique 3,5 millions". Without such a count before it, the number stays bare."""
    out: list[Span] = []
    for span in spans:
        quantity = span._.quantity
        if quantity["kind"] == "number" and quantity["value"] is not None and _after_partitive_en(doc, folded, span.start):
            sentence = _sentences_back(doc, doc[span.start].sent, 1)
            earlier = [s for s in out if s.label_ == "count" and s.start >= sentence]
            if earlier:
                span = _counting_like(span, earlier[-1])
        out.append(span)
    return out


# Words right before a bare number that continue a list of counts: "2 059 blessés, dont 1 404
# dans un état grave", "1,089 million, dont 119 000 à Paris", "20 300 hectares : 13 500 autour
# de Landiras et 6 800 à La Teste", "moins que le record du 7 mars (1,28 million)".
_ELLIPSIS_LINKS = {"dont", "contre", "soit", "et", ",", ":", "puis", "("}


def _count_elliptical(doc: Doc, folded: list[str], spans: list[Span]) -> list[Span]:
    """A bare number that continues a list after a count counts the same noun: "875 personnes
    ont été interpellées, dont 408 à Paris" is 408 personnes; so does one given with its
    source after a count of the sentence before ("À Toulouse, 34 000 selon la police").
    A bare number after "magnitude" is a magnitude ("une magnitude de 7,7"). Years and
    numbers followed by a word of their own stay bare."""
    out: list[Span] = []
    for span in spans:
        quantity = span._.quantity
        value = quantity["value"]
        if quantity["kind"] == "number" and value is not None and span.start > 0 and not _year_like(span, value):
            magnitude = _magnitude_word(folded, span.start)
            counted = _number_of(doc, folded, span.start) or _number_named_after(doc, folded, span.end)
            if magnitude is not None:
                span = _counting_noun(span, magnitude)
            elif counted is not None:
                span = _counting_noun(span, counted)
            else:
                sentence = doc[span.start].sent
                # a list goes on in its sentence; a figure with its source ("34 000 selon la
                # police") or "ils étaient 1,28 million" answers a count of the sentences before
                firsts = []
                if folded[span.start - 1] in _ELLIPSIS_LINKS:
                    firsts.append(sentence.start)
                if _source_follows(folded, span.end) or _they_were(folded, span.start) or _bulleted(doc, span.start):
                    firsts.append(_sentences_back(doc, sentence, ANTECEDENT_SENTENCES))
                for first in firsts:
                    earlier = [s for s in out if s.label_ == "count" and s.start >= first and _names_its_count(s)]
                    if earlier:
                        span = _counting_like(span, earlier[-1])
                        break
                else:
                    if _they_were(folded, span.start):
                        # "Ils étaient 1,28 million selon le ministère", opening the article:
                        # people, whom the paragraph's words say more of
                        span = _as_count(span, PRONOUN_UNIT, None)
        out.append(span)
    return out


# What "ils étaient 1,28 million" counts when no count before it names its noun.
PRONOUN_UNIT = "personne"


def _names_its_count(span: Span) -> bool:
    quantity = span._.quantity
    return quantity["noun_index"] is not None or quantity["unit"] == PRONOUN_UNIT


def _year_like(span: Span, value: float) -> bool:
    return float(value).is_integer() and 1000 <= value <= 2100 and "." not in span.text and " " not in span.text


_SOURCE_OWNERS = {"la", "le", "les", "l'", "l’"}


def _source_follows(folded: list[str], end: int) -> bool:
    """Whether a source follows the number: "34 000 selon la police", "120 000 d'après la CGT",
    "3 500 pour la préfecture"."""
    if end >= len(folded):
        return False
    if folded[end] in ("selon",) or (folded[end] in ("d'", "d’") and end + 1 < len(folded) and folded[end + 1] == "apres"):
        return True
    return folded[end] == "pour" and end + 1 < len(folded) and folded[end + 1] in _SOURCE_OWNERS


# How many sentences back a figure given with its source may find the count it answers (a
# round-up's lines are sentences of their own: "• Toulouse : 34 000 selon la police, ...").
ANTECEDENT_SENTENCES = 3


def _sentences_back(doc: Doc, sentence: Span, n: int) -> int:
    start = sentence.start
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


_BULLETS = {"-", "•", "–", "—", "*", "·"}


def _bulleted(doc: Doc, start: int) -> bool:
    """Whether the number opens a bulleted line ("- 120 000 à Toulouse ;"), a list whose
    first line named what it counts ("- 245 000 manifestants à Marseille ;")."""
    bullet = doc[start - 1]
    return bullet.text in _BULLETS and (bullet.i == 0 or "\n" in doc[bullet.i - 1].text_with_ws or doc[bullet.i - 1].is_space)


def _they_were(folded: list[str], start: int) -> bool:
    """"Ils étaient 1,28 million", "elles étaient 3 000": a count whose noun is a pronoun."""
    return start >= 2 and folded[start - 2] in ("ils", "elles") and folded[start - 1] in ("etaient", "sont", "seraient", "etaient-ils")


def _number_of(doc: Doc, folded: list[str], start: int) -> int | None:
    """"Le nombre d'interpellations [...] a été revu à la hausse, à 180", "le nombre de
    blessés atteint 105 505": the noun after "nombre de" earlier in the sentence, for a bare
    number after "à", "de" or a verb."""
    if folded[start - 1] not in ("a", "de", "d'", "d’") and doc[start - 1].pos_ not in ("VERB", "AUX"):
        return None
    sentence_start = doc[start].sent.start
    for i in range(start - 2, max(sentence_start, start - 20) - 1, -1):
        if folded[i] == "nombre" and i + 2 < start and folded[i + 1] in ("de", "d'", "d’", "des") and doc[i + 2].pos_ == "NOUN":
            return i + 2
    return None


def _number_named_after(doc: Doc, folded: list[str], end: int) -> int | None:
    """"portant à 32 000 le nombre total d'habitants évacués": the noun after "le nombre
    (total) de" right after the number."""
    i = end
    if i + 3 >= len(folded) or folded[i] not in ("le", "au") or folded[i + 1] != "nombre":
        return None
    i += 2
    if folded[i] in ("total", "global", "officiel"):
        i += 1
    if i + 1 < len(folded) and folded[i] in ("de", "d'", "d’", "des") and doc[i + 1].pos_ == "NOUN":
        return i + 1
    return None


# The words a magnitude follows: "une magnitude de 7,7", "magnitude 7,8", "d'une magnitude de 6,8".
_MAGNITUDE_WORDS = {"magnitude"}


_MAGNITUDE_REACH = 12


def _magnitude_word(folded: list[str], start: int) -> int | None:
    """The token of "magnitude" a bare number gives the value of: right before it ("magnitude
    7,8"), or a few words before with "de" or "à" before the number ("une magnitude de 7,7 et
    la seconde, de 7,6"; "a évalué la magnitude du tremblement de terre à 7")."""
    if folded[start - 1] in _MAGNITUDE_WORDS:
        return start - 1
    if folded[start - 1] not in ("de", "d'", "d’", "a"):
        return None
    for i in range(start - 2, max(-1, start - 2 - _MAGNITUDE_REACH), -1):
        if folded[i] in _MAGNITUDE_WORDS:
            return i
        if folded[i] in (".", ";"):
            break
    return None


def _counting_noun(span: Span, noun: int) -> Span:
    """The bare number `span` as a count of the noun at token `noun` ("magnitude de 7,7")."""
    return _as_count(span, span.doc[noun].lemma_ or span.doc[noun].text, noun)


def _counting_like(span: Span, antecedent: Span) -> Span:
    """The bare number `span` as a count of the noun its `antecedent` count counts."""
    quantity = antecedent._.quantity
    return _as_count(span, quantity["unit"], quantity["noun_index"])


def _as_count(span: Span, unit: str, noun_index: int | None) -> Span:
    counted = Span(span.doc, span.start, span.end, label="count")
    counted._.quantity = {**span._.quantity, "kind": "count", "unit": unit, "noun_index": noun_index}
    return counted


def _after_partitive_en(doc: Doc, folded: list[str], i: int) -> bool:
    """Whether the number at token i follows "en" + a verb ("en a recensé", "n'en compte que")."""
    saw_verb = False
    for j in range(i - 1, max(-1, i - 1 - _EN_MAX_GAP), -1):
        word = folded[j]
        if word == "en":
            return saw_verb and doc[j].pos_ in ("PRON", "ADP")
        if doc[j].pos_ in _EN_VERB_POS:
            saw_verb = True
        elif word not in _EN_CLAUSE_WORDS:
            return False
    return False


def mentions_of(doc: Doc) -> list[Mention]:
    """The quantity mentions of a processed doc, in text order."""
    return [Mention(**span._.quantity) for span in doc.spans.get(SPAN_KEY, [])]
