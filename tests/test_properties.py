"""Property tests of the readers: any text, no exception; offsets and intervals always sound."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.pipes.dates import dates_of
from factcheck.pipes.quantities import mentions_of

# Fragments of French news figures, glued with arbitrary text, so the readers are exercised
# on near-misses as well as on noise.
FRAGMENTS = [
    "plus de", "environ", "jusqu'à", "entre", "et", "de", "à", "100 000", "100\u202f000", "1.000.000",
    "2,5", "5", "milliards", "Md€", "M€", "d’euros", "$", "%", "pour cent", "point", "treize",
    "quatre-vingt-dix-sept", "une cinquantaine", "des centaines", "fois", "le 9 avril", "fin 2025",
    "T3 2024", "d'ici", "2030", "l'an dernier", "il y a deux ans", "jeudi", "12/03/2026", "mi-2027",
    "\n", " | ", ".", ",", "-", "+", "0", "01 23 45 67 89", "1er",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.sampled_from([None, "2025-04-10", "2000-02-29"]))
def test_any_text_reads_soundly(parse, text, published):
    doc = parse(text, published)
    for m in mentions_of(doc):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        if m.low is not None and m.high is not None:
            assert m.low <= m.high
        if m.value is not None:
            assert m.low is None or m.low <= m.value + 1e-9
            assert m.high is None or m.value <= m.high + 1e-9
    for d in dates_of(doc):
        assert text[d.start : d.end] == d.text
        if d.period_start is None:  # a day or month of unknown year: "--MM-DD", "--MM", no bounds
            assert d.period_end is None and d.value.startswith("--") and published is None
        else:
            assert d.period_start <= d.period_end
