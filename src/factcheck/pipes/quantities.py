"""`factcheck_quantities`: money amounts, percentages, counts and bare numbers.

Each mention is a span in `doc.spans["factcheck_quantities"]`, labelled with its kind, and its
normalised reading in `span._.quantity` (a plain dict, so docs travel between processes).
Matching is done on folded token forms (see `numbers.fold`); the text is never rewritten.

A mention reads, left to right:
    [hedge] [currency sign] NUMBER [+] [scale] [de] [currency | % | pour cent | fois] [noun]
or a range `entre X et Y ...` / `de X à Y ...` whose scale and unit apply to both bounds.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..models import Mention
from .numbers import fold, is_number_word, parse_digits, parse_number_words
from .patterns_dates import MONTHS
from .patterns_quantities import (
    APPROX_BAND,
    APPROX_NOUNS,
    CURRENCIES,
    DURATION_NOUNS,
    HEDGES,
    MULTIPLIER_NOUNS,
    AMBIGUOUS_CURRENCIES,
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
    r"^(?P<code>[A-Z]{3}|[€$£¥])?(?P<num>[-+\u2212]?\d(?:[\d.,]|[ \u00a0\u202f\u2009]\d)*)"
    r"(?P<scale>[kK]|M|Md|Mds)?(?P<sign>[€$£¥])?$"
)
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


class QuantityFinder:
    """Find quantities in a doc; see the module docstring for what a mention reads."""

    def __call__(self, doc: Doc) -> Doc:
        folded = [fold(t.text) for t in doc]
        phones = [m.span() for pattern in (_PHONE, _DASHED_DATE) for m in pattern.finditer(doc.text)]
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
        doc.spans[SPAN_KEY] = spans
        return doc

    # -- reading one mention -------------------------------------------------------------

    def _read_at(self, doc: Doc, folded: list[str], i: int) -> _Reading | None:
        number = _read_number(doc, folded, i)
        if number is None:
            return None
        if _is_not_a_quantity(doc, folded, number):
            return None
        _read_unit(doc, folded, number)
        range_reading = _read_range(doc, folded, number)
        if range_reading is not None:
            number = range_reading
        _read_hedge(doc, folded, number)
        _read_prefix_currency(doc, folded, number)
        if number.kind == "number":
            _read_counted_noun(doc, folded, number)
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


def _read_number(doc: Doc, folded: list[str], i: int) -> _Reading | None:
    """A number starting at token i: digits, number words, or an approximate noun."""
    token = doc[i]
    text = folded[i]
    if _DIGITS.match(text) or (text[:1] in "€$£¥" or text[:3].isalpha()) and _GLUED_NUMBER.match(token.text):
        return _read_digits(doc, i)
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
    last, words = _number_words(doc, folded, i)
    if words in (["un"], ["une"]):
        # "un plan", "l'une": an article, unless a scale follows ("un million").
        if nxt is None or folded[nxt] not in SCALES or folded[nxt] == "mille":
            return None
    value = parse_number_words(words)
    if value is None:
        return None
    return _Reading(first=i, last=last, value=value)


def _read_digits(doc: Doc, i: int) -> _Reading | None:
    """Digits, with a sign ("-3,5", "- 3" not), a glued currency or press scale ("USD1,23", "100k")."""
    token = doc[i]
    glued = _GLUED_NUMBER.match(token.text)
    if glued is None:
        return None
    parsed = parse_digits(glued.group("num"))
    if parsed is None:
        return None
    value, decimals = parsed
    reading = _Reading(first=i, last=i, value=value, decimals=decimals)
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


def _number_words(doc: Doc, folded: list[str], i: int) -> tuple[int, list[str]]:
    """(last token, words) of a run of number words from token i.

    Hyphenated numbers the tokenizer split ("quarante - deux") are joined again, "et" only
    links two number words ("vingt et un"), and "million"/"milliard" continue a run
    ("trois millions deux cent mille"). Words keep their accents for text2num ("zéro").
    """
    words = [_word(doc[i])]
    j = i
    while (k := _next(doc, j)) is not None:
        if folded[k] == "-" and not doc[j].whitespace_ and not doc[k].whitespace_ and k + 1 < len(doc) and is_number_word(folded[k + 1]):
            words[-1] += "-" + _word(doc[k + 1])
            j = k + 1
            continue
        if folded[k] == "et":
            m = _next(doc, k)
            if m is None or not is_number_word(folded[m]) or folded[m] == "et":
                break
        elif not (is_number_word(folded[k]) or folded[k] in WORD_SCALES):
            break
        words.append(_word(doc[k]))
        j = k
    while words and words[-1] in ("et", "-"):
        words.pop()
    return j, words


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
        if after in MONTHS:
            return True  # "le 9 avril": a date
        if _DIGITS.match(folded[r.first]) and (after in ("h", "heures", "heure", "h.", ":") or re.fullmatch(r"h\d\d", after)):
            return True  # "14 h", "14h30"
        if after in ("er", "e", "eme", "ème") and not token.whitespace_:
            return True  # ordinals split by the tokenizer
    if re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", token.text):
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
    # "3M", "100 k" glued: press scales written right after the digits
    if k is not None and doc[k].text in _GLUED_SCALES and not doc[j].whitespace_ and r.scale == 1.0:
        r.scale = _GLUED_SCALES[doc[k].text]
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
    # "3 millions et demi", "un million et demi" (the scale word ended a run of number words)
    m = _next(doc, k) if k is not None else None
    if k is not None and folded[k] == "et" and m is not None and folded[m] in ("demi", "demie") and r.value is not None:
        if r.scale > 1:
            r.value += 0.5
            r.decimals = max(r.decimals, 1)
            j = m
            k = _next(doc, j)
        elif folded[j] in WORD_SCALES:
            r.value += 0.5 * SCALES[folded[j]]
            j = m
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


def _currency_at(doc: Doc, folded: list[str], k: int, after_scale: bool = False) -> tuple[str, int] | None:
    """(ISO code, last token index) when a currency starts at token k.

    Words that are also common nouns ("livres") are a currency only after a scale
    ("12 millions de livres") or with their qualifier ("livres sterling").
    """
    m = _next(doc, k)
    n = _next(doc, m) if m is not None else None
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
    """`entre X et Y` / `de X à Y`: both bounds, with the second one's scale and unit."""
    prev = _prev(doc, first.first)
    joiner = _next(doc, first.last)
    if prev is None or joiner is None:
        return None
    opener, link = folded[prev], folded[joiner]
    if not ((opener == "entre" and link == "et") or (opener in ("de", "d'") and link == "a")):
        return None
    if opener != "entre" and _is_change(doc, prev):
        return None
    start = _next(doc, joiner)
    if start is None:
        return None
    second = _read_number(doc, folded, start)
    if second is None or _is_not_a_quantity(doc, folded, second):
        return None
    _read_unit(doc, folded, second)
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
        first=prev,
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
    """True when a change verb governs "de" at token i ("est passé de 3 à 5")."""
    for j in range(max(0, i - 4), i):
        if fold(doc[j].lemma_) in CHANGE_VERBS:
            return True
    return fold(doc[i].head.lemma_) in CHANGE_VERBS


def _read_hedge(doc: Doc, folded: list[str], r: _Reading) -> None:
    """"plus de", "environ", "jusqu'à"... right before the mention."""
    for words, side in HEDGES:
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
    if folded[p].isalpha() and not doc[p].text.isupper():
        return  # ISO codes are written in capitals: "eur" in running text is not one
    r.unit, r.kind, r.first = CURRENCIES[folded[p]], "money", p


def _read_counted_noun(doc: Doc, folded: list[str], r: _Reading) -> None:
    """The noun a number counts: "160 entreprises", "Treize de ces usines", "3 millions de personnes"."""
    noun = _counted_noun(doc, folded, r)
    if noun is None:
        return
    lemma = _compound_lemma(doc, noun)
    if fold(noun.text) in MULTIPLIER_NOUNS:
        r.kind, r.unit = "multiplier", "x"
        return
    if fold(noun.text) in DURATION_NOUNS:
        r.kind, r.unit = "duration", lemma
        return
    r.kind, r.unit, r.noun = "count", lemma, noun


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
        if doc[m].pos_ == "NOUN" or (doc[m].pos_ == "PROPN" and doc[m].text.islower()):
            return doc[m]
        if doc[m].pos_ != "ADJ":
            break
        m = _next(doc, m)
        if m is None:
            break
    # The parse: a number attached to its noun by nummod.
    head = doc[r.last].head
    if doc[r.last].dep_ == "nummod" and head.pos_ == "NOUN" and head.i > r.last:
        return head
    return None


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


def mentions_of(doc: Doc) -> list[Mention]:
    """The quantity mentions of a processed doc, in text order."""
    return [Mention(**span._.quantity) for span in doc.spans.get(SPAN_KEY, [])]
