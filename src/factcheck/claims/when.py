"""When a figure holds: the date its sentence, its table header or its paragraph gives it, else
its tense and publication date."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from ..models import Article, Mention
from ..pipes.dates import form_tense
from ..text import fold
from .layout import _Cell
from .who import SPEECH_VERBS


# -- time scope ----------------------------------------------------------------------------


def _date_scope(
    span: Span | None,
    mention: Mention,
    sentence: tuple[int, int],
    cell: _Cell | None,
    dates: list[Mention],
    figures: list[Mention],
    article: Article,
    text: str,
) -> tuple[str | None, str | None, str | None, str | None]:
    """(value, start, end, basis) of the period a figure holds for. `text`: the doc's text
    (Doc.text joins every token at each call: the caller reads it once).

    A table cell takes the date of its column header ("Objectif 2027"). A figure in prose takes
    the date of its sentence that hangs lowest on the figure's chain of heads in the parse
    (`_governing_date`): in "Airbus a annoncé jeudi avoir livré 766 avions en 2024", 2024 is
    on "livré", jeudi on "annoncé" above it, so 766 holds for 2024; in "jeudi, le feu avait
    parcouru 1 500 hectares, contre 1 200 hectares mardi soir", mardi hangs on the hectares of
    1 200 only. An amount of money does not take the date of the statement that reports it: in
    "l'usine représente un investissement de 2 milliards, a confirmé mercredi la direction",
    mercredi is when it was said (a count keeps it: "la préfecture a indiqué jeudi que le feu
    avait parcouru 1 500 hectares" is the toll as of Thursday). When the parse ties no date to the
    figure: the nearest date among those nearer to it than to the sentence's other figures, else a
    date that opens the sentence before all its figures. Without one, a figure under a future or conditional verb holds from
    publication on (an open horizon), and any other from its publication date.
    """
    if cell is not None and cell.header_range is not None:
        lo, hi = cell.header_range
        in_header = [d for d in dates if lo <= d.start and d.end <= hi]
        if in_header:
            return _scope_of(in_header[0], "column")
    if cell is None:
        lo, hi = sentence
        in_sentence = [d for d in dates if lo <= d.start and d.end <= hi and not _comparison_date(text, span, d)]
        chain = _head_chain(span) if in_sentence else []
        if mention.kind == "money":
            in_sentence = [d for d in in_sentence if not _times_a_statement(chain, d)]
        bracketed = _bracketed_after(text, span, mention, [d for d in dates if lo <= d.start and d.end <= hi])
        governing = bracketed or _governing_date(chain, in_sentence)
        if governing is not None:
            return _scope_of(governing, "sentence")
        if in_sentence:
            others = [f for f in figures if lo <= f.start and f.end <= hi and f is not mention]
            own = [d for d in in_sentence if all(_gap(d, mention) <= _gap(d, f) for f in others)]
            first = min([mention.start] + [f.start for f in others])
            framing = [d for d in in_sentence if d.end <= first]  # "Le 6 mars, 12 000 personnes et 300 policiers"
            if own or framing:
                return _scope_of(min(own or framing, key=lambda d: _gap(d, mention)), "sentence")
    published = article.date.isoformat() if article.date is not None else None
    recalled = _recalled_date(text, span, sentence, dates, article) if cell is None else None
    if recalled is not None:
        return _scope_of(recalled, "context")
    if cell is None and _is_future(span):
        return None, published, None, "future"
    if published is None:
        return None, None, None, None
    return published, published, published, "published"


def _bracketed_after(text: str, span: Span | None, mention: Mention, dates: list[Mention]) -> Mention | None:
    """"moins que le record du 7 mars (1,28 million)": a figure in brackets right after a date
    is that day's."""
    if span is None:
        return None
    return next((d for d in dates if d.end <= mention.start and text[d.end : mention.start].strip() == "("), None)


# A date this long before publication is history, not news ("En 2005, [...]").
HISTORY_DAYS = 30


def _recalled_date(
    text: str, span: Span | None, sentence: tuple[int, int], dates: list[Mention], article: Article
) -> Mention | None:
    """The date of a past event a figure goes on recalling, with no date of its own: its verb
    is in the pluperfect and a sentence before it in its paragraph dates the event long before
    publication ("En 2005, la mort de deux adolescents avait déclenché trois semaines
    d'émeutes. Plus de 10 000 véhicules avaient été incendiés")."""
    if span is None or article.date is None or not _pluperfect(span):
        return None
    paragraph_start = text.rfind("\n", 0, sentence[0]) + 1
    before = [d for d in dates if paragraph_start <= d.start and d.end <= sentence[0] and d.period_end]
    if not before:
        return None
    last = before[-1]
    try:
        age = (article.date - dt.date.fromisoformat(last.period_end[:10])).days
    except ValueError:
        return None
    return last if age > HISTORY_DAYS else None


def _pluperfect(span: Span) -> bool:
    """Whether the verb the figure hangs on is in the pluperfect ("avaient été incendiés")."""
    for token in _head_chain(span):
        if token.pos_ == "VERB":
            return any(c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in token.children)
    return False


# "du jamais-vu depuis le 19 janvier", "un record depuis 2010": a date the figure is compared
# with, not the time it holds for.
_COMPARED_SINCE = re.compile(r"(?:jamais[ -]vue?s?|inedite?s?|record|plus (?:haut|bas|fort|faible|eleve)e?s?)\W+(?:[\w-]+\W+){0,8}$")


def _comparison_date(text: str, span: Span | None, date: Mention) -> bool:
    if span is None:
        return False
    return bool(_COMPARED_SINCE.search(fold(text[max(0, date.start - 80) : date.start])))


def _head_chain(span: Span | None) -> list[Token]:
    """The figure's chain of heads, from the figure up to the root (empty without a span)."""
    chain, seen = [], set()
    token = span.root if span is not None else None
    while token is not None and token.i not in seen:
        seen.add(token.i)
        chain.append(token)
        token = token.head
    return chain


def _governing_date(chain: list[Token], dates: list[Mention]) -> Mention | None:
    """The date whose phrase hangs on the figure's chain of heads (the figure, its noun, its
    verb, the verbs above), the lowest on the chain; None when none does."""
    if not chain or not dates:
        return None
    rank_of = {t.i: rank for rank, t in enumerate(chain)}
    best, best_rank = None, len(chain)
    for date in dates:
        date_span = chain[0].doc.char_span(date.start, date.end, alignment_mode="expand")
        if date_span is None:
            continue
        rank = rank_of.get(date_span.root.head.i, len(chain))
        if rank < best_rank:
            best, best_rank = date, rank
    return best


def _times_a_statement(chain: list[Token], date: Mention) -> bool:
    """Whether the date hangs on a verb of saying above the figure's own verb ("représente un
    investissement de 2 milliards, a confirmé mercredi la direction"), not on the figure's clause."""
    if not chain:
        return False
    date_span = chain[0].doc.char_span(date.start, date.end, alignment_mode="expand")
    if date_span is None:
        return False
    verb = date_span.root.head
    if verb.pos_ != "VERB" or fold(verb.lemma_) not in SPEECH_VERBS or fold(verb.lemma_) == "avancer":
        return False  # "le conseil, avancé à mardi, votera...": brought forward, not said
    for token in chain:  # a verb of the figure's own below the verb of saying
        if token.i == verb.i:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return True
    return False


def _gap(a: Mention, b: Mention) -> int:
    """Characters between two mentions (0 when they touch or overlap)."""
    return max(0, a.start - b.end, b.start - a.end)


def _scope_of(date: Mention, basis: str) -> tuple[str | None, str | None, str | None, str]:
    return str(date.value), date.period_start, date.period_end, basis


def _is_future(span: Span | None) -> bool:
    """True when the verb governing the figure is future or conditional.

    An infinitive defers to the verb it completes: "pourraient créer jusqu'à 40 000 emplois"
    is conditional, "va y consacrer 20 milliards" is the near future (aller + infinitive).
    """
    token = span.root if span is not None else None
    for _ in range(8):
        if token is None:
            return False
        if token.pos_ in ("VERB", "AUX"):
            verbs = [token] + [c for c in token.children if c.dep_.startswith("aux")]
            if any(_tense(v) is not None for v in verbs):
                return True
            if "Inf" not in token.morph.get("VerbForm") or token.head.i == token.i:
                return False
            if token.head.lemma_ == "aller" and token.head.pos_ in ("VERB", "AUX"):
                return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _tense(verb: Token) -> str | None:
    """"future", "conditional" or None, from the morphology, or from the form when the tagger
    says present or participle ("représenteraient", "atteindra"; see `form_tense`)."""
    if "Cnd" in verb.morph.get("Mood"):
        return "conditional"
    if "Fut" in verb.morph.get("Tense"):
        return "future"
    return form_tense(verb)
