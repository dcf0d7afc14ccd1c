"""A figure's interval and its wording, shared by both comparisons (rules measures in
compare.py, frames in frames/match.py). No spaCy here."""

from __future__ import annotations

from .models import Claim

# Time scopes a sentence or a table header states (the others come from publication or tense).
# "context": a sentence before it in its paragraph ("En 2005, [...]. Plus de 10 000 véhicules
# avaient été incendiés").
STATED_SCOPES = {"sentence", "column", "context"}
ROUNDING_CAP = 0.10


def position(c: Claim) -> float:
    """Where a figure sits on its scale, for ordering: its value, else a bound."""
    for x in (c.value, c.low, c.high):
        if x is not None:
            return x
    return 0.0


def widened(c: Claim, tolerance: float) -> tuple[float | None, float | None]:
    """The claim's interval widened by its stated precision and the measure's tolerance."""
    return widened_interval(c.value, c.low, c.high, c.precision, tolerance)


def widened_interval(
    value: float | None, low: float | None, high: float | None, precision: float, tolerance: float
) -> tuple[float | None, float | None]:
    """`widened` of a figure given by the fields it reads."""
    ref = abs(value if value is not None else (low if low is not None else high or 0.0))
    # Rounding covers half a unit of the last digit, but no more than ROUNDING_CAP of the figure:
    # "20 milliards" is 20 +- 0.5, yet nobody writes "2 milliards" for 1,6 milliard.
    precision = min(precision, ROUNDING_CAP * ref) if ref else precision
    slack = precision + tolerance * ref
    return (low - slack if low is not None else None, high + slack if high is not None else None)


def disjoint(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """Two intervals (None = open) that do not meet."""
    return (a[1] is not None and b[0] is not None and a[1] < b[0]) or (b[1] is not None and a[0] is not None and b[1] < a[0])


def scope_text(c: Claim) -> str:
    """The figure's time scope in words, for the explanations."""
    if c.date_basis in STATED_SCOPES:
        where = {"sentence": "the sentence", "column": "the table header"}.get(c.date_basis, "a sentence before it")
        return f"{c.date} (stated in {where})"
    if c.date_basis == "future":
        start = c.date_start or "publication (date not known)"
        return f"from {start} on (future or conditional, no date stated)"
    if c.date_basis == "article":
        return f"{c.date} (the day its article reports on; no date stated for the figure)"
    if c.date_basis == "published":
        return f"{c.date or 'when published (date not known)'} (publication date; no date stated)"
    return "unknown"


def describe(c: Claim) -> str:
    """"a.txt says «5 milliards d'euros» (5 000 000 000 EUR, estimate, according to X)"."""
    modality = "" if c.modality == "fact" else f", {c.modality}"
    source = f", according to {c.attributed_to}" if c.attributed_to else ""
    return f"{c.article} says «{c.text}» ({interval_text(c.low, c.high, c.unit)}{modality}{source})"


def interval_text(low: float | None, high: float | None, unit: str | None) -> str:
    u = f" {unit}" if unit else ""
    if low is not None and high is not None and low == high:
        return f"{format_number(low)}{u}"
    lo = format_number(low) if low is not None else "-inf"
    hi = format_number(high) if high is not None else "+inf"
    return f"[{lo}, {hi}]{u}"


def format_number(x: float | None) -> str:
    """5000000000.0 -> '5 000 000 000'; 2.5 -> '2.5' (a dot, as in the CSV columns)."""
    if x is None:
        return ""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", " ")
    return f"{x:,.6g}".replace(",", " ") if abs(x) < 1e6 else f"{x:,.0f}".replace(",", " ")
