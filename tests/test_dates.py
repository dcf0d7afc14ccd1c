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
    ("La loi sera votée d’ici à 2030.", "2025-04-10", "d’ici à 2030", "2030", "year", "deadline"),
    ("Le chômage a atteint 7,3 % au troisième trimestre 2024.", "2025-04-10", "troisième trimestre 2024", "2024-Q3", "quarter", None),
    ("Le PIB a progressé de 0,1 % au T3 2024.", "2025-04-10", "T3 2024", "2024-Q3", "quarter", None),
    ("Les ventes reculeront au second semestre.", "2025-04-10", "second semestre", "2025-H2", "half", None),
    ("La production débutera début 2026.", "2025-04-10", "début 2026", "2026", "year", "start"),
    ("Le parc existe depuis 2016.", "2025-04-10", "depuis 2016", "2016", "year", "since"),
    ("Les livraisons auront lieu entre 2029 et 2033.", "2025-04-10", "entre 2029 et 2033", "2029/2033", "year", None),
    ("Les ventes ont chuté l'an dernier.", "2025-04-10", "l'an dernier", "2024", "year", None),
    ("Il avait été nommé il y a deux ans.", "2025-04-10", "il y a deux ans", "2023", "year", None),
    ("Les prix ont flambé la semaine dernière.", "2025-04-10", "la semaine dernière", "2025-W14", "week", None),
    # wire copy names the day of the event, today included: "a déclaré jeudi" in Thursday's news
    ("Le ministre s'est exprimé jeudi devant les députés.", "2025-04-10", "jeudi", "2025-04-10", "day", None),
    ("Le ministre s'est exprimé mardi devant les députés.", "2025-04-10", "mardi", "2025-04-08", "day", None),
    ("Le ministre s'est exprimé jeudi dernier devant les députés.", "2025-04-10", "jeudi dernier", "2025-04-03", "day", None),
    ("La mesure entrera en vigueur le 1er janvier prochain.", "2025-04-10", "1er janvier prochain", "2026-01-01", "day", None),
    ("La sélection sera finalisée d’ici la fin de l’année.", "2024-07-01", "d’ici la fin de l’année", "2024", "year", "deadline"),
    ("Les ventes ont reculé en février 2025.", "2025-04-10", "février 2025", "2025-02", "month", None),
    ("Le conseil se réunira le 17/02.", "2025-02-12", "17/02", "2025-02-17", "day", None),
    ("Le décret du 21-04-2016 est abrogé.", "2025-04-10", "21-04-2016", "2016-04-21", "day", None),
    ("Publié le 2016-04-21 au Journal officiel.", "2025-04-10", "2016-04-21", "2016-04-21", "day", None),
    ("Le vote aura lieu mercredi 13 février.", "2013-02-12", "mercredi 13 février", "2013-02-13", "day", None),
    ("Les résultats seront connus dans trois mois.", "2025-04-10", "dans trois mois", "2025-07", "month", None),
    ("Le sommet a lieu le 15 février à Paris.", "2013-02-12", "15 février", "2013-02-15", "day", None),
    ("Il a été élu le 15 février.", "2013-02-12", "15 février", "2012-02-15", "day", None),
    ("La loi a été votée le 11 sept. 2014.", "2025-04-10", "11 sept. 2014", "2014-09-11", "day", None),
    ("Le contrat a été signé le 3 févr. 2024.", "2025-04-10", "3 févr. 2024", "2024-02-03", "day", None),
]


def test_periods_have_bounds(parse):
    doc = parse("La production débutera fin 2025, puis au premier trimestre 2026.", "2025-04-10")
    bounds = {d.text: (d.period_start, d.period_end) for d in dates_of(doc)}
    assert bounds["fin 2025"] == ("2025-10-01", "2025-12-31")  # the last quarter
    assert bounds["premier trimestre 2026"] == ("2026-01-01", "2026-03-31")


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
    "Le taux est de 1,5 % seulement.",
    "Il a été élu avec 3 et 5 voix d'écart.",
    "Entre 3 et 5 milliards d'euros seront investis.",
])
def test_not_dates(parse, sentence):
    assert dates_of(parse(sentence, "2025-04-10")) == []
