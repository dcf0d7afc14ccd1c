"""Dates read against the publication date."""

from __future__ import annotations

import pytest

from factcheck.pipes.dates import dates_of

CASES = [
    # (sentence, publication date, surface, value, grain, modifier)
    ("C'est l'une des parties du plan d'action lancé le 9 avril par la Commission européenne.",
     "2025-04-20", "9 avril", "2025-04-09", "day", None),
    ("Déjà annoncé fin 2024 (relire l'article du 6 janvier 2025), le dossier avance.",
     "2025-04-10", "6 janvier 2025", "2025-01-06", "day", None),
    ("Déjà annoncé fin 2024, le dossier avance.", "2025-04-10", "fin 2024", "2024", "year", "end"),
    ("Les travaux pourraient débuter en 2028.", "2025-04-10", "2028", "2028", "year", None),
    ("Les ventes ont reculé en mars 2024.", "2025-04-10", "mars 2024", "2024-03", "month", None),
    ("La réforme entre en vigueur le 12/03/2026.", "2025-04-10", "12/03/2026", "2026-03-12", "day", None),
    ("Le site ouvrira mi-2027.", "2025-04-10", "mi-2027", "2027", "year", "middle"),
    ("La loi sera votée d'ici 2030.", "2025-04-10", "d'ici 2030", "2030", "year", "deadline"),
]


@pytest.mark.parametrize("sentence,published,surface,value,grain,modifier", CASES, ids=[c[2] for c in CASES])
def test_reads_date(parse, sentence, published, surface, value, grain, modifier):
    doc = parse(sentence, published)
    found = {d.text: d for d in dates_of(doc)}
    assert surface in found, sorted(found)
    d = found[surface]
    assert (d.value, d.grain, d.modifier) == (value, grain, modifier)


def test_day_without_year_needs_a_publication_date(parse):
    doc = parse("Le plan a été lancé le 9 avril.", None)
    assert [d.text for d in dates_of(doc)] == []


@pytest.mark.parametrize("sentence", [
    "Sa décision a été prise sans concertation.",  # "sa" is not Saturday
    "Le taux est de 1,5 % cette année.",
    "Entre 3 et 5 milliards d'euros seront investis.",
])
def test_not_dates(parse, sentence):
    assert dates_of(parse(sentence, "2025-04-10")) == []
