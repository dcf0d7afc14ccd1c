"""How a figure is asserted: fact, estimate, forecast, conditional, target or negated."""

from __future__ import annotations

from spacy.tokens import Span

from ..models import Mention
from ..text import fold
from .layout import _Cell
from .when import _tense


# "seuil": a threshold is a reference value, not a measurement ("le seuil d'environ 5 %
# associé au plein emploi"), so it is compared like a target.
TARGET_LEMMAS = {"objectif", "viser", "cible", "cibler", "ambition", "ambitionner", "prevoir", "horizon", "seuil"}
ESTIMATE_LEMMAS = {"estimer", "evaluer", "chiffrer", "estimation", "approximativement"}
ESTIMATE_HEDGES = ("environ", "pres", "quelque", "autour", "approximativement", "presque", "une ", "des ")
NEGATIONS = {"pas", "jamais", "aucun", "aucune", "nullement"}


def _modality(text: str, span: Span | None, mention: Mention, cell: _Cell | None, basis: str | None) -> str:
    """fact, estimate, forecast, conditional, target or negated, from the figure's governing words."""
    if cell is not None:
        header = fold(cell.column_header or "")
        return "target" if any(w in header for w in ("objectif", "cible")) else "fact"
    if span is None:
        return "fact"
    chain = [span.root]
    while chain[-1].head.i != chain[-1].i and len(chain) < 8:
        chain.append(chain[-1].head)
    lemmas = {fold(t.lemma_) for t in chain}
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        negators = {fold(c.lemma_) for c in verb.children if c.dep_ == "advmod"}
        if negators & NEGATIONS:
            return "negated"
    if lemmas & TARGET_LEMMAS or fold(text[max(0, span.sent.start_char) : span.start_char]).startswith("objectif"):
        return "target"
    if verb is not None:
        verbs = [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]
        if "Inf" in verb.morph.get("VerbForm") and verb.head.pos_ in ("VERB", "AUX"):
            verbs.append(verb.head)  # "pourraient créer"
        if any(_tense(v) == "conditional" for v in verbs):
            return "conditional"
    if basis == "future":
        return "forecast"
    if lemmas & ESTIMATE_LEMMAS or fold(mention.text).startswith(ESTIMATE_HEDGES):
        return "estimate"
    return "fact"
