"""Frames on real French sentences: what a figure counts, where, and which pairs are compared."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import build_claims
from factcheck.frames.lexicon import Lexicon, stem_phrase
from factcheck.models import Article
from factcheck.pipeline import run
from factcheck.ruleset import load_rules


@pytest.fixture(scope="module")
def claims_of(nlp, request):
    rules = load_rules(request.config.rootpath / "rules")

    def _claims(text: str, published: str = "2023-03-24"):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        article = Article(id="t.txt", text=text, path="t.txt", date=dt.date.fromisoformat(published))
        return {c.text: c for c in build_claims(doc, article, rules)}

    return _claims


def test_the_stemmer_and_the_rules_join_the_words_of_one_thing(root):
    lexicon = load_rules(root / "rules").lexicon
    assert lexicon.concept("interpellations") == lexicon.concept("interpellées") == lexicon.concept("arrestations")
    assert lexicon.concept("morts") == lexicon.concept("décès") == lexicon.concept("tués")
    assert lexicon.concept("blessés") != lexicon.concept("morts")
    assert stem_phrase("perdre la vie") == "perdr_vi"
    assert Lexicon().concept("manifestants") == Lexicon().concept("manifesté")  # the stemmer alone


def test_arrests_counted_as_a_noun_or_as_a_verb_meet(claims_of):
    a = claims_of("Selon le ministère de l'Intérieur, 457 personnes ont été interpellées dans toute la France.")
    b = claims_of("Le ministère de l'Intérieur a fait état de 172 interpellations jeudi soir.")
    assert a["457"].what == b["172"].what == "interpel"


def test_a_count_of_people_without_a_verb_is_not_framed(claims_of):
    claims = claims_of("On comptait 3 000 personnes sur place.")
    assert claims["3 000"].what is None  # "personnes" alone says nothing of what is counted


def test_injured_police_are_not_the_injured(claims_of):
    claims = claims_of("Le bilan fait état de 149 policiers et gendarmes blessés. On compte aussi 2 059 blessés.")
    assert (claims["149"].what, claims["149"].population) == ("polici", "bless")
    assert (claims["2 059"].what, claims["2 059"].population) == ("bless", None)


def test_the_place_of_a_part_does_not_go_back_to_the_whole(claims_of):
    claims = claims_of("Selon le ministère, 1.089.000 personnes ont défilé dans le pays, dont 119.000 à Paris.")
    assert claims["119.000"].place == "Paris" and claims["119.000"].part
    assert claims["1.089.000"].place != "Paris"
    assert claims["119.000"].what == claims["1.089.000"].what == "manifest"


def test_a_place_said_earlier_goes_on_to_the_next_figure(claims_of):
    claims = claims_of("Selon la CGT, 12 000 personnes ont défilé à Lyon, tandis que la préfecture en a compté 3 500.")
    assert claims["12 000"].place == claims["3 500"].place == "Lyon"


def test_swiss_thousands_and_a_list_after_a_count(claims_of):
    claims = claims_of(
        "Les deux incendies avaient ravagé mardi soir 20'300 hectares, selon la préfecture : "
        "13'500 autour de Landiras et 6'800 à La Teste-de-Buch.", "2022-07-19")
    assert claims["20'300"].value == 20300 and claims["20'300"].what == "hectar"
    assert claims["6'800"].value == 6800 and claims["6'800"].what == "hectar"


def _run(tmp_path, root, articles: dict[str, tuple[str, str]]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (date, body) in articles.items():
        (corpus / name).write_text(f"---\ndate: {date}\n---\n{body}", encoding="utf-8")
    return run(corpus, root / "rules", tmp_path / "out", jobs=1, min_confidence=0.0)


def test_a_toll_that_rises_is_an_update_and_another_night_is_not_compared(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-02-06", "Séisme en Turquie : le bilan s'élève à 2 379 morts en Turquie, selon l'AFAD."),
        "b.txt": ("2023-02-09", "Séisme en Turquie : le bilan atteint désormais 17 134 morts en Turquie, selon l'AFAD."),
        "c.txt": ("2023-06-29", "Violences urbaines : 150 personnes ont été interpellées dans la nuit de mardi à mercredi."),
        "d.txt": ("2023-06-30", "Violences urbaines : 875 personnes ont été interpellées dans la nuit de mercredi à jeudi."),
    })
    rows = [(d.type, d.a.article, d.b.article) for d in result.discrepancies]
    assert rows == [("update", "a.txt", "b.txt")]
    assert 0 < result.discrepancies[0].confidence <= 1 and result.discrepancies[0].confidence_reasons


def test_union_and_police_counts_of_one_march_are_disputed(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-03-07", "Retraites : à Marseille, 30 000 manifestants ont défilé selon la police."),
        "b.txt": ("2023-03-07", "Retraites : à Marseille, 245 000 manifestants ont défilé selon la CGT."),
        "c.txt": ("2023-03-07", "Retraites : à Nantes, 28 000 manifestants ont défilé selon la préfecture."),
    })
    (row,) = result.discrepancies
    assert (row.type, {row.a.text, row.b.text}) == ("disputed", {"30 000", "245 000"})
    facts = (tmp_path / "out" / "facts.csv").read_text(encoding="utf-8")
    assert "Marseille" in facts and "Nantes" in facts
