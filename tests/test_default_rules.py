"""Without topic rules: the generic measures find the real disagreements of a story, and stay
quiet on figures of other places, actors or periods (issue: a new corpus still works)."""

from __future__ import annotations

import pytest

from factcheck.pipeline import run


def _run(tmp_path, root, articles: dict[str, str]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, body in articles.items():
        (corpus / name).write_text(f"---\ndate: 2025-03-07\n---\n{body}", encoding="utf-8")
    return run(corpus, root / "rules", tmp_path / "out", jobs=1)


def test_union_and_police_counts_are_two_attributed_sources(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Retraites : à Lyon, la manifestation a réuni 12 000 personnes selon la CGT. "
                 "Le cortège de la CGT et de FO est parti de la place Bellecour.",
        "b.txt": "Manifestation contre la réforme des retraites : 3 500 personnes ont défilé à Lyon, "
                 "d'après la préfecture. La CGT et FO dénoncent une sous-estimation place Bellecour.",
    })
    (row,) = result.discrepancies
    assert (row.measure, row.severity) == ("demonstrators", "review")
    assert {row.a.attributed_to, row.b.attributed_to} == {"CGT", "préfecture"}
    assert "according to CGT" in row.explanation and "according to préfecture" in row.explanation


def test_both_counts_of_one_sentence_are_kept_with_their_sources(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Retraites : selon la CGT, 12 000 personnes ont défilé à Lyon, tandis que la préfecture en a compté 3 500. "
                 "Le cortège de la CGT et de FO est parti de la place Bellecour.",
        "b.txt": "Manifestation contre la réforme des retraites : d'après la préfecture, 3 500 manifestants ont défilé à Lyon. "
                 "La CGT et FO dénoncent une sous-estimation place Bellecour.",
    })
    # b repeats the préfecture's count of a (no row), and disagrees with the CGT's.
    (row,) = result.discrepancies
    assert {(row.a.text, row.a.attributed_to), (row.b.text, row.b.attributed_to)} == {("12 000", "CGT"), ("3 500", "préfecture")}
    assert row.measure == "demonstrators"
    in_a = {c.text: c for c in result.claims if c.article == "a.txt"}
    assert (in_a["3 500"].unit, in_a["3 500"].attributed_to, in_a["3 500"].measure) == ("personne", "préfecture", "demonstrators")


def test_a_part_of_a_budget_is_not_compared_with_the_whole(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Le Conseil de Paris a adopté son budget. Les investissements de la Ville de Paris atteindront 1,7 milliard d'euros.",
        "b.txt": "Le Conseil de Paris a adopté le budget de la Ville de Paris, qui atteint 11,6 milliards d'euros.",
        "c.txt": "Au Conseil de Paris, le budget de la Ville de Paris atteint 10,2 milliards d'euros, selon l'adjoint aux finances.",
    })
    claims = {c.text: c for c in result.claims}
    assert claims["1,7 milliard d'euros"].measure == claims["11,6 milliards d'euros"].measure == "money_plan"
    assert len({c.story for c in result.claims}) == 1
    (row,) = result.discrepancies  # the two budgets disagree; the investments are a part of one
    assert {row.a.text, row.b.text} == {"11,6 milliards d'euros", "10,2 milliards d'euros"}


def test_injured_firefighters_counted_as_injured_people(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Incendie en Gironde : selon le Sdis de la Gironde, le feu a fait 3 blessés parmi les pompiers à Hostens.",
        "b.txt": "Incendie en Gironde : à Hostens, 2 pompiers ont été légèrement blessés, a indiqué le Sdis de la Gironde.",
        "c.txt": "Incendie en Gironde : le Sdis de la Gironde fait le bilan à Hostens, 2 pompiers blessés et 400 pompiers engagés.",
    })
    claims = {(c.article, c.text): c for c in result.claims}
    assert claims[("b.txt", "2")].measure == claims[("c.txt", "2")].measure == "injured"
    assert claims[("c.txt", "400")].measure is None  # engaged, not injured
    # b and c give the same 2 injured firefighters against a's 3: one row per pair of articles,
    # and the 400 firefighters engaged are never compared with the injured
    rows = result.discrepancies
    assert ("a.txt", "c.txt") in [(r.a.article, r.b.article) for r in rows]
    assert all({r.a.text, r.b.text} == {"3", "2"} and r.measure == "injured" for r in rows)


def test_a_lyon_figure_is_never_compared_with_a_national_one(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Retraites : à Lyon, 12 000 personnes ont manifesté selon la CGT. La CGT et FO appellent à une nouvelle journée.",
        "b.txt": "Retraites : 1,2 million de personnes ont manifesté dans toute la France selon la CGT. "
                 "La CGT et FO appellent à une nouvelle journée.",
    })
    claims = {c.text: c for c in result.claims}
    assert claims["12 000"].place == "Lyon" and claims["1,2 million"].place == "France"
    assert claims["12 000"].measure == claims["1,2 million"].measure == "demonstrators"
    assert claims["12 000"].story == claims["1,2 million"].story
    assert result.discrepancies == []


def test_airbus_and_boeing_deliveries_are_never_compared(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Aéronautique : Airbus a livré 766 avions en 2024, loin devant Boeing. Airbus et Boeing publient leurs chiffres.",
        "b.txt": "Aéronautique : Boeing a livré 348 avions en 2024, derrière Airbus. Airbus et Boeing publient leurs chiffres.",
    })
    assert {c.actor for c in result.claims if c.measure == "deliveries"} == {"Airbus", "Boeing"}
    assert result.discrepancies == []


def test_a_real_disagreement_on_deliveries_is_found(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Aéronautique : Airbus a livré 766 avions en 2024. Airbus et Boeing publient leurs chiffres à Toulouse.",
        "b.txt": "Aéronautique : Airbus a livré plus de 800 avions en 2024. Airbus et Boeing publient leurs chiffres à Toulouse.",
    })
    (row,) = result.discrepancies
    assert (row.severity, row.measure, row.a.value, row.b.low) == ("conflict", "deliveries", 766, 800)


def test_a_german_strategy_is_never_compared_with_a_french_plan(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": "Hydrogène : l'Allemagne présente une stratégie de 9 milliards d'euros. "
                 "Berlin et Paris rivalisent avec Washington.",
        "b.txt": "Hydrogène : la France annonce un plan de 7 milliards d'euros. "
                 "Paris et Berlin rivalisent avec Washington.",
    })
    money = [c for c in result.claims if c.kind == "money"]
    assert [(c.measure, c.actor) for c in money] == [("money_plan", "Allemagne"), ("money_plan", "France")]
    assert result.discrepancies == []


@pytest.mark.parametrize("period_b,flagged", [("au premier trimestre 2025", False), ("au troisième trimestre 2024", True)])
def test_rates_of_different_periods_are_not_flagged(tmp_path, root, period_b, flagged):
    result = _run(tmp_path, root, {
        "a.txt": "Emploi : selon l'Insee, le taux de chômage en France atteint 7,3 % au troisième trimestre 2024. L'Insee et Pôle emploi publient.",
        "b.txt": f"Emploi : selon l'Insee, le taux de chômage en France atteint 7,6 % {period_b}. L'Insee et Pôle emploi publient.",
    })
    assert {c.measure for c in result.claims} == {"rate"}
    assert bool(result.discrepancies) == flagged
