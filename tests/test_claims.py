"""Claims built from real French sentences: subject, actor, attribution, modality, scope, topic."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import build_claims
from factcheck.models import Article
from factcheck.ruleset import load_rules


@pytest.fixture(scope="module")
def claims_of(nlp, request):
    rules = load_rules(request.config.rootpath / "rules")

    def _claims(text: str, published: str = "2025-04-10", title: str | None = None):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        article = Article(id="t.txt", text=text, path="t.txt", date=dt.date.fromisoformat(published), title=title)
        return {c.text: c for c in build_claims(doc, article, rules)}

    return _claims


@pytest.mark.parametrize(
    "sentence,figure,modality",
    [
        ("Selon la CGT, plus de 3 000 personnes ont manifesté à Paris.", "plus de 3 000", "fact"),
        ("Le gouvernement vise 400 000 logements d'ici 2030.", "400 000", "target"),
        ("Il n'y a pas 500 manifestants dans la rue.", "500", "negated"),
        ("Les deux usines pourraient créer jusqu'à 40 000 emplois.", "jusqu'à 40 000", "conditional"),
        ("Les deux usines représenteraient un investissement de 4 Md€.", "4 Md€", "conditional"),
        # the tagger reads "atteindra" as a participle here; its form says future
        ("Le ministre a déclaré mardi que le budget atteindra 50 milliards d'euros.", "50 milliards d'euros", "forecast"),
        ("Ces installations seront équipées de 100 000 puces.", "100 000", "forecast"),
        ("Le coût est estimé à 5 milliards d'euros.", "5 milliards d'euros", "estimate"),
        ("Environ 200 salariés travaillent sur le site.", "Environ 200", "estimate"),
    ],
)
def test_modality(claims_of, sentence, figure, modality):
    assert claims_of(sentence)[figure].modality == modality


@pytest.mark.parametrize(
    "sentence,figure,source",
    [
        ("Selon la CGT, plus de 3 000 personnes ont manifesté à Paris.", "plus de 3 000", "CGT"),
        ("D'après la préfecture, 1 200 personnes ont défilé.", "1 200", "préfecture"),
        ("Les syndicats comptaient 12 000 manifestants, a déclaré Philippe Martinez.", "12 000", "Philippe Martinez"),
        ("Plus de 160 entreprises ont manifesté leur intérêt.", "Plus de 160", None),
        # Each side of a sentence gives its own count: the subject of the counting verb is its source.
        ("Selon la CGT, 12 000 personnes ont défilé, tandis que la préfecture en a compté 3 500.", "12 000", "CGT"),
        ("Selon la CGT, 12 000 personnes ont défilé, tandis que la préfecture en a compté 3 500.", "3 500", "préfecture"),
        ("La police a dénombré 4 000 manifestants à Nantes.", "4 000", "police"),
    ],
)
def test_attribution(claims_of, sentence, figure, source):
    assert claims_of(sentence)[figure].attributed_to == source


def test_subject_actor_scope_topic(claims_of):
    claims = claims_of(
        "Verkor a confirmé son ambition de construire deux nouvelles gigafactories de batteries près de Dunkerque. "
        "La Commission européenne va consacrer 20 milliards d'euros aux giga-usines d'IA en 2026."
    )
    plants, money = claims["deux"], claims["20 milliards d'euros"]
    assert (plants.unit, plants.actor, plants.topic) == ("gigafactorie", "Verkor", "battery_gigafactories")
    assert (money.actor, money.topic, money.measure) == ("Union européenne", "ai_gigafactories", "plan_amount")
    assert (money.date, money.date_start, money.date_end, money.date_basis) == ("2026", "2026-01-01", "2026-12-31", "sentence")


def test_threshold_is_not_a_measured_rate(claims_of):
    claims = claims_of("Avec un taux de chômage de 7,4 %, la France s'éloigne du seuil d'environ 5 % associé au plein emploi.")
    assert claims["7,4 %"].modality == "fact"
    assert claims["environ 5 %"].modality == "target"


def test_dislocated_subject_is_the_actor(claims_of):
    claims = claims_of(
        "Airbus a livré 766 avions en 2024, loin devant son rival. "
        "Boeing, de son côté, n'a livré que 348 avions l'an dernier."
    )
    assert (claims["766"].actor, claims["348"].actor) == ("Airbus", "Boeing")


def test_place_from_an_adjective_and_from_the_title(claims_of):
    claims = claims_of(
        "Selon la CGT, 12 000 personnes ont pris part au cortège lyonnais. La CGT a compté 15 000 grévistes.",
        "2025-03-06", title="Réforme des retraites : forte mobilisation à Grenoble",
    )
    assert claims["12 000"].place == "Lyon"  # the sentence's own place wins
    assert claims["15 000"].place == "Grenoble"  # no place in the sentence: the title's


def test_actor_from_a_title_stating_the_same_figure(claims_of):
    claims = claims_of(
        "Le gouvernement a présenté vendredi un plan de 2,5 milliards d'euros pour l'IA.", "2025-02-07",
        title="Intelligence artificielle : la France présente un plan de 2,5 milliards d'euros",
    )
    assert claims["2,5 milliards d'euros"].actor == "France"


def test_each_figure_of_a_sentence_takes_its_own_date(claims_of):
    claims = claims_of(
        "Jeudi matin, la préfecture a indiqué que le feu avait désormais parcouru 1 500 hectares, "
        "contre 1 200 hectares mardi soir.",
        published="2025-07-17",
    )
    assert (claims["1 500"].date, claims["1 200"].date) == ("2025-07-17", "2025-07-15")
    # The date of the figure's verb, not of the verb that reports it.
    claims = claims_of("Airbus a annoncé jeudi avoir livré 766 avions commerciaux à 86 clients en 2024.", published="2025-01-10")
    assert (claims["766"].date, claims["86"].date) == ("2024", "2024")
    # One date for two figures: both take it.
    claims = claims_of("Le 6 mars, 12 000 personnes et 300 policiers étaient dans les rues de Lyon.", published="2025-03-08")
    assert (claims["12 000"].date, claims["300"].date) == ("2025-03-06", "2025-03-06")


def test_an_amount_does_not_take_the_date_of_the_statement_reporting_it(claims_of):
    claims = claims_of(
        "L'usine de batteries représente un investissement de 2 milliards d'euros, a confirmé mercredi la direction.",
        published="2025-02-13",
    )
    money = claims["2 milliards d'euros"]
    assert (money.date, money.date_basis) == ("2025-02-13", "published")  # not mercredi 12 as its period
    # a count keeps it: the toll as of the day it was given
    claims = claims_of("La préfecture a indiqué jeudi que le feu avait parcouru 1 500 hectares.", published="2025-07-18")
    assert (claims["1 500"].date, claims["1 500"].date_basis) == ("2025-07-17", "sentence")
    # "avancé à mardi" is brought forward, not said
    claims = claims_of("Le conseil, avancé à mardi, votera un budget de 2 milliards d'euros.", published="2025-04-17")
    assert (claims["2 milliards d'euros"].date, claims["2 milliards d'euros"].date_basis) == ("2025-04-22", "sentence")
    # and a date on the amount's own verb stays its period
    claims = claims_of("Le gouvernement a annoncé jeudi un plan de 5 milliards d'euros.", published="2025-04-11")
    assert claims["5 milliards d'euros"].date_basis == "sentence"


def test_what_an_amount_is_of(claims_of):
    claims = claims_of(
        "La Ville de Paris a voté mardi son budget pour 2025. Il s'élève à 11,6 milliards d'euros, "
        "dont 1,7 milliard d'euros consacrés à l'investissement. Les dépenses de personnel atteindront 2,8 milliards d'euros."
    )
    assert claims["11,6 milliards d'euros"].subject == "budget"  # "il" takes up the budget
    assert claims["1,7 milliard d'euros"].subject == "investissement"
    assert claims["2,8 milliards d'euros"].subject == "dépenses de personnel"
