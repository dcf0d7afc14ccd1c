"""Checks within one article: shares of one whole over 100 %, and a stated multiple that the
article contradicts. Real French sentences through the parser, then the comparison."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import build_claims
from factcheck.compare import find_discrepancies
from factcheck.models import Article
from factcheck.ruleset import load_rules


@pytest.fixture(scope="module")
def shipped(request):
    return load_rules(request.config.rootpath / "rules")


@pytest.fixture(scope="session")
def claims_of(parse):
    """The claims of one article, built with the given rules."""

    def _claims(text: str, rules, article: str = "a.txt"):
        doc = parse(text, "2025-04-10")
        return build_claims(doc, Article(id=article, text=text, path=article, date=dt.date(2025, 4, 10)), rules)

    return _claims


SHARE_TABLE = """Parts de marché des voitures électriques en 2024
Marque | Part de marché |
---|---|
Renault | 45 % |
Peugeot | 40 % |
Citroën | 25 % |
Total | 100 % |
"""


@pytest.mark.parametrize(
    "text,fragments",
    [
        (
            "Le texte a recueilli 45 % pour, 40 % contre et 25 % d'abstention.",
            ["«45 %» (pour) + «40 %» (contre) + «25 %» (d'abstention) = 110 %",
             "and still 108.5 % at the low end of each figure's rounding (44.5 + 39.5 + 24.5)",
             "Sentence: «Le texte a recueilli 45 % pour"],
        ),
        (
            "Au référendum, 45 % des votants ont voté pour, 40 % contre et 25 % se sont abstenus.",
            ["«45 %» (des votants ont voté pour) + «40 %» (contre) + «25 %» (se sont abstenus) = 110 %"],
        ),
        (
            "Selon le sondage, 60 % des votants ont choisi le oui et 55 % des votants le non.",
            ["«60 %» (des votants ont choisi le oui) + «55 %» (des votants le non) = 115 %", "114 % at the low end"],
        ),
        (  # a "Total" row of 100 % makes the column shares of one whole
            SHARE_TABLE,
            ["Table column: «Part de marché».", "«45 %» (Renault) + «40 %» (Peugeot) + «25 %» (Citroën) = 110 %"],
        ),
        (
            "Candidat | Voix (%) |\n---|---|\nDupont | 45 % |\nMartin | 40 % |\nBernard | 25 % |\n",
            ["«45 %» (Dupont) + «40 %» (Martin) + «25 %» (Bernard) = 110 %"],
        ),
    ],
)
def test_shares_over_100_are_flagged(claims_of, shipped, text, fragments):
    (row,) = find_discrepancies(claims_of(text, shipped), shipped)
    assert (row.rule, row.severity, row.topic, row.measure) == ("shares_over_100", "review", "article:a.txt", "shares")
    assert row.a.article == row.b.article == "a.txt"
    for fragment in fragments:
        assert fragment in row.explanation


@pytest.mark.parametrize(
    "text",
    [
        # 101 %: within the rounding of three whole percents
        "Le texte a recueilli 34 % pour, 33 % contre et 34 % d'abstention.",
        # two wholes: men and women
        "Au second tour, 60 % des hommes et 55 % des femmes ont voté pour le maire sortant.",
        # subgroups and places, not parts
        "La participation atteint 60 % chez les jeunes et 55 % chez les seniors.",
        "Le taux de réussite atteint 60 % en Bretagne et 55 % en Normandie.",
        # two statements on the same people, each with its verb
        "Selon le sondage, 60 % des Français approuvent la réforme et 55 % des Français jugent qu'elle est injuste.",
        # a poll where each person gives several answers
        "Selon le sondage, 45 % des sondés citent le pouvoir d'achat, 40 % la santé et 30 % l'environnement.",
        "Le texte a recueilli 45 % pour, 40 % contre et 25 % sans opinion (plusieurs réponses possibles).",
        # changes, not shares
        "Les loyers ont augmenté de 45 %, 30 % et 40 % selon les quartiers.",
        "Le oui a obtenu 55 % en 2019 et 60 % en 2024.",
        "Les prix grimpent : 45 % pour l'énergie, 40 % pour les loyers et 25 % pour l'alimentation.",
        # a column of rates, a column of one whole per row, and a column of each actor's own target
        "Région | Taux de réussite |\n---|---|\nBretagne | 60 % |\nNormandie | 55 % |\n",
        "Pays | Part du renouvelable |\n---|---|\nFrance | 25 % |\nSuède | 60 % |\nNorvège | 98 % |\n",
        "Région | Objectif 2030 |\n---|---|\nEurope | 45 % mondial |\nChine | 60 % mondial |\n",
    ],
)
def test_figures_that_do_not_split_one_whole_are_left_alone(claims_of, shipped, text):
    claims = claims_of(text, shipped)
    assert len(claims) >= 2
    assert find_discrepancies(claims, shipped) == []


def test_the_sample_table_is_a_column_of_shares_under_100(claims_of, shipped, root):
    """Article 000's "Capacité actuelle" column (5 + 45 + 35 = 85 % mondial) is read as shares,
    and raises nothing; the "Objectif 2027" column is targets, not shares."""
    text = (root / "corpus" / "000_gigafactories_ia.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
    claims = claims_of(text, shipped)
    shares = [(c.text, c.share_label) for c in claims if c.share_of]
    assert shares == [("5%", "Europe"), ("45%", "États-Unis"), ("35%", "Chine")]
    assert not [d for d in find_discrepancies(claims, shipped) if d.rule == "shares_over_100"]


MULTIPLE = "L'usine produira 100 000 puces, quatre fois plus que les usines actuelles. "


@pytest.mark.parametrize(
    "text,fragments",
    [
        (
            MULTIPLE + "Les usines actuelles comptent 40 000 puces.",
            ["gives «100 000» puce as «quatre fois plus que les usines actuelles»",
             "100 000 / 4 = 25 000 puce for the usines actuelles", "between 22 222 and 28 572",
             "gives «40 000» puce for them: «Les usines actuelles comptent 40 000 puces.»", "gap 15 000 puce"],
        ),
        (
            "Le site emploie 300 salariés, deux fois moins que l'usine de Lyon. L'usine de Lyon emploie 900 salariés.",
            ["300 × 2 = 600 salarie for the usine de Lyon", "«900» salarie"],
        ),
    ],
)
def test_a_multiple_contradicted_in_the_same_article(claims_of, shipped, text, fragments):
    (row,) = find_discrepancies(claims_of(text, shipped), shipped)
    assert (row.rule, row.severity, row.measure) == ("multiplier_mismatch", "review", "multiplier")
    for fragment in fragments:
        assert fragment in row.explanation


@pytest.mark.parametrize(
    "text",
    [
        MULTIPLE + "Les usines actuelles comptent 26 000 puces.",  # 100 000 / 4 = 25 000: agrees
        MULTIPLE + "Les usines actuelles comptent 40 000 serveurs.",  # another unit
        MULTIPLE + "Les usines de Taïwan comptent 40 000 puces.",  # another thing
        "Le site emploie 300 salariés, deux fois moins que celui de Lyon. L'usine de Lyon emploie 900 salariés.",
        # the seed article: no other figure of chips
        "Ces installations seront équipées d'environ 100 000 puces d'IA de pointe, soit quatre fois plus que les usines actuelles.",
    ],
)
def test_multiples_that_agree_or_name_nothing_else(claims_of, shipped, text):
    assert find_discrepancies(claims_of(text, shipped), shipped) == []


def test_the_multiple_is_kept_on_its_figure(claims_of, shipped):
    (chips,) = [c for c in claims_of(MULTIPLE, shipped) if c.unit == "puce"]
    assert (chips.ratio_of, chips.ratio_low, chips.ratio_high) == ("usines actuelles", 3.5, 4.5)  # "quatre" is 3.5 to 4.5
    assert chips.ratio_text == "quatre fois plus que les usines actuelles"


def _policy_rules(tmp_path, root, within: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    for f in (root / "rules").glob("*.yaml"):
        if f.name != "policy.yaml":
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "policy.yaml").write_text(f"schema_version: 1\npolicy:\n  within_article:\n{within}", encoding="utf-8")
    return load_rules(folder)


VOTE = "Le texte a recueilli 45 % pour, 40 % contre et 25 % d'abstention. " + MULTIPLE + "Les usines actuelles comptent 40 000 puces."


def test_the_policy_sets_each_check_severity_or_turns_it_off(tmp_path, root, claims_of):
    rules = _policy_rules(tmp_path, root, "    shares_over_100: conflict\n    multiplier_mismatch: ignore\n")
    rows = find_discrepancies(claims_of(VOTE, rules), rules)
    assert [(d.rule, d.severity) for d in rows] == [("shares_over_100", "conflict")]


def test_ids_are_stable_and_a_suppression_marks_the_row(tmp_path, root, claims_of, shipped):
    first = find_discrepancies(claims_of(VOTE, shipped), shipped)
    again = find_discrepancies(claims_of(VOTE, shipped) + claims_of("Le plan a créé 300 emplois.", shipped, "b.txt"), shipped)
    assert [d.rule for d in first] == ["multiplier_mismatch", "shares_over_100"]
    assert [d.discrepancy_id for d in again] == [d.discrepancy_id for d in first]
    shares_id = first[1].discrepancy_id
    (tmp_path / "suppressions.yaml").write_text(
        f"schema_version: 1\nsuppressions:\n  - id: '{shares_id}'\n    reason: the article counts blank votes twice, checked\n",
        encoding="utf-8",
    )
    rules = load_rules(root / "rules", suppress=[tmp_path / "suppressions.yaml"])
    rows = find_discrepancies(claims_of(VOTE, rules), rules)
    assert [(d.rule, d.suppressed) for d in rows] == [
        ("multiplier_mismatch", None), ("shares_over_100", "the article counts blank votes twice, checked")
    ]
