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


def test_magnitudes_and_counts_given_with_their_source_are_read(claims_of):
    quake = claims_of("Selon l'AFAD, la secousse principale avait une magnitude de 7,7 et a fait 2 379 morts.", "2023-02-06")
    assert (quake["7,7"].kind, quake["7,7"].what) == ("count", "magnitud")
    march = claims_of("À Bordeaux, 100 000 manifestants ont défilé selon la CGT, 26 000 selon la préfecture.", "2023-03-07")
    assert march["26 000"].what == march["100 000"].what == "manifest"
    assert march["26 000"].place == "Bordeaux"


def test_the_thing_an_amount_is_of_is_read_from_the_words_before_it(claims_of):
    claims = claims_of("Selon l'Insee, le taux de chômage au sens du Bureau international du travail "
                       "s'est établi à 7,3 % au troisième trimestre 2024.", "2024-11-14")
    assert claims["7,3 %"].what == "taux|chomag"


def test_a_place_opening_a_paragraph_and_a_round_up_heading_frame_its_figures(claims_of):
    claims = claims_of(
        "A Lausanne, dans la nuit de samedi à dimanche, des vitrines ont été brisées. "
        "La police municipale a procédé à 7 interpellations.\n"
        "• Bordeaux et sa métropole : 27 interpellations, trois policiers légèrement blessés.", "2023-07-04")
    assert claims["7"].place == "Lausanne"
    assert claims["27"].place == "Bordeaux"


def test_since_a_month_written_later_in_the_year_is_that_year(claims_of):
    claims = claims_of("À l'échelle de la France, près de 60 000 hectares sont partis en fumée depuis janvier.", "2022-08-11")
    c = claims["près de 60 000"]
    assert (c.date_start, c.date_end, c.place) == ("2022-01-01", "2022-08-11", "France")


def test_a_rounded_lower_bound_and_a_later_toll_are_an_update(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-02-06", "Séisme : en fin de soirée, le bilan dépassait plus de 3 800 morts."),
        "b.txt": ("2023-02-07", "Séisme : le bilan dépassait mardi soir les 7 800 morts dans les deux pays."),
        "c.txt": ("2023-02-09", "Séisme : le bilan a franchi la barre de plus de 3 900 morts, selon un décompte partiel."),
    })
    pairs = {(d.type, d.a.text, d.b.text) for d in result.discrepancies}
    assert ("update", "plus de 3 800", "7 800") in pairs
    assert not any({d.a.text, d.b.text} == {"plus de 3 800", "plus de 3 900"} for d in result.discrepancies)


def test_an_article_that_never_names_a_place_is_about_the_place_another_names(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2024-10-31", "Inondations en Espagne : dans la région de Valence, le bilan s'établissait jeudi à 158 morts."),
        "b.txt": ("2024-11-02", "Inondations en Espagne : quatre jours après les pluies qui ont dévasté Valence, "
                                "le bilan s'élève à 211 morts, selon les autorités."),
        "c.txt": ("2024-11-02", "Inondations : en Andalousie, 12 personnes sont mortes. Le pays déplore 211 morts."),
    })
    pairs = {(d.type, d.a.article, d.b.article) for d in result.discrepancies}
    assert ("update", "a.txt", "b.txt") in pairs
    # c.txt gives the toll for another place: its unplaced toll is a whole, not Valence's
    assert not any("c.txt" in (d.a.article, d.b.article) and "a.txt" in (d.a.article, d.b.article) for d in result.discrepancies)


def test_the_next_papers_undated_figures_are_the_next_night(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-06-30", "Violences urbaines : dans la nuit de jeudi à vendredi, 249 policiers et gendarmes ont été blessés."),
        "b.txt": ("2023-07-01", "Violences urbaines : dans la nuit de vendredi à samedi, 1 311 personnes ont été interpellées. "
                                "Selon la place Beauvau, 79 policiers et gendarmes ont été blessés."),
    })
    assert result.discrepancies == []


def test_a_constant_reported_on_two_days_and_two_close_counts_conflict(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2024-10-31", "Inondations : à Paiporta, commune de 27 000 habitants, la maire a fait état de nombreux morts."),
        "b.txt": ("2024-11-05", "Inondations : à Paiporta, ville de 25 000 habitants, la boue a tout envahi."),
        "c.txt": ("2023-03-07", "Retraites : à Marseille, 245 000 manifestants ont défilé selon la CGT."),
        "d.txt": ("2023-03-08", "Retraites : à Marseille, les syndicats ont affirmé avoir réuni 254 000 manifestants mardi."),
    })
    pairs = {(d.type, d.a.text, d.b.text) for d in result.discrepancies}
    assert ("conflict", "27 000", "25 000") in pairs
    assert any({d.a.text, d.b.text} == {"245 000", "254 000"} for d in result.discrepancies)


def test_a_round_up_counts_what_its_first_line_counts_with_each_figures_own_source(claims_of):
    claims = claims_of(
        "Dans les grandes villes\n\n"
        "• Marseille : 30 000 manifestants selon la police, 245 000 selon la CGT\n"
        "• Toulouse : 34 000 selon la police, 120 000 selon les organisateurs\n", "2023-03-07")
    assert [(claims[t].what, claims[t].place, claims[t].attributed_to) for t in ("245 000", "34 000")] == [
        ("manifest", "Marseille", "CGT"), ("manifest", "Toulouse", "police")]
    listed = claims_of("En région, la CGT avance notamment :\n\n- 245 000 manifestants à Marseille ;\n"
                       "- 120 000 à Toulouse ;\n- 100 000 à Bordeaux.", "2023-03-07")
    assert (listed["120 000"].what, listed["120 000"].place) == ("manifest", "Toulouse")


def test_history_recalled_and_a_record_compared_with_are_not_the_figures_time(claims_of):
    claims = claims_of(
        "En 2005, la mort de deux adolescents avait déclenché trois semaines d'émeutes. "
        "Plus de 10 000 véhicules avaient été incendiés.\n"
        "Le ministère a dénombré près de 1,3 million de manifestants, du jamais-vu depuis le début "
        "de la contestation, il y a sept semaines.", "2023-03-08")
    assert claims["Plus de 10 000"].date_start.startswith("2005")
    assert claims["près de 1,3 million"].date_basis == "published"


def test_an_evening_count_and_the_next_mornings_are_an_update(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-03-23", "Retraites : vers 21 heures, le ministre faisait état de 172 interpellations sur l'ensemble du territoire."),
        "b.txt": ("2023-03-24", "Retraites : le ministre a dressé vendredi matin le bilan de la journée : "
                                "457 personnes ont été interpellées en France."),
    })
    assert [(d.type, d.a.text, d.b.text) for d in result.discrepancies] == [("update", "172", "457")]


def test_each_figure_of_a_list_takes_the_place_after_it(claims_of):
    claims = claims_of("Le bilan s'élève à 64 morts : 58 dans la province de Murcie, "
                       "4 dans la région voisine d'Aragon et 2 en Catalogne.", "2024-10-30")
    assert [claims[t].place for t in ("4", "2")] == ["Aragon", "Catalogne"]
    fires = claims_of("Selon la préfecture, les flammes ont parcouru 1 300 hectares : 900 hectares autour de Mérignac "
                      "et 400 hectares à La Teste-de-Buch.", "2022-07-14")
    assert (fires["900"].place, fires["400"].place) == ("Mérignac", "La Teste-de-Buch")


def test_a_total_does_not_take_the_place_of_its_parts(claims_of):
    claims = claims_of("Au Liban, 412 décès ont été recensés, ce qui porte le bilan total à plus de 1 900 morts.", "2024-10-02")
    assert claims["412"].place == "Liban"
    assert claims["plus de 1 900"].place is None and claims["plus de 1 900"].what == "mort"


def test_counts_named_before_after_or_in_the_sentence_before(claims_of):
    claims = claims_of("Selon la préfecture, 8 200 personnes ont défilé à Rennes. Les syndicats en revendiquent 20 000. "
                       "Le nombre de blessés atteint 412 côté libanais. Un renfort de 1 500 gendarmes supplémentaires "
                       "portera à 9 000 le nombre de gendarmes engagés. Les crues ont conduit à l'évacuation de 4 200 personnes.",
                       "2023-03-24")
    assert claims["20 000"].what == claims["8 200"].what == "manifest"
    assert claims["412"].what == "bless"
    assert claims["9 000"].what == "gendarm" and claims["1 500"].part  # an increment is a part of the total
    assert claims["4 200"].what == "evacu"


def test_a_pronoun_count_takes_its_measure_from_the_paragraph(claims_of):
    claims = claims_of("Ils étaient 40 000 selon la préfecture, 95 000 selon les syndicats. La mobilisation contre "
                       "la fermeture de l'usine n'avait jamais été aussi forte.", "2023-03-08")
    assert claims["40 000"].what == claims["95 000"].what == "manifest"
    assert (claims["40 000"].attributed_to, claims["95 000"].attributed_to) == ("préfecture", "syndicats")


def test_a_figure_in_brackets_after_a_date_is_that_days(claims_of):
    claims = claims_of("Jeudi, 740 000 personnes ont manifesté selon le ministère, moins que lors du record "
                       "du 31 janvier (1,27 million).", "2023-02-17")
    assert claims["1,27 million"].date == "2023-01-31" and claims["1,27 million"].what == "manifest"


def test_places_after_dans_and_titles_that_span_a_region(claims_of, tmp_path, root):
    claims = claims_of("Depuis lundi, 57 personnes ont été interpellées dans le Finistère.", "2023-07-04")
    assert claims["57"].place == "Finistère"
    result = _run(tmp_path, root, {"a.txt": ("2023-07-04", "Le ministère a recensé 3 354 interpellations depuis mardi.")})
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "b.txt").write_text('---\ntitle: "Violences : la semaine, de Lille à Metz"\ndate: 2023-07-04\n---\n'
                                          "Le ministère a recensé 3 354 interpellations depuis mardi.", encoding="utf-8")
    titled = run(tmp_path / "t", root / "rules", tmp_path / "out2", jobs=1)
    assert titled.claims[0].place is None and result.claims[0].place is None


def test_approximations_and_magnitudes_are_compared_at_what_they_report(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2022-08-10", "Incendies : le feu de Hostens a parcouru près de 8 000 hectares, selon la préfecture."),
        "b.txt": ("2022-08-11", "Incendies : à Hostens, la préfecture fait état de 7 900 hectares brûlés."),
        "c.txt": ("2022-08-15", "Incendies : à Hostens, les flammes ont détruit 9 300 hectares, selon la préfecture."),
        "d.txt": ("2023-04-02", "Séisme : la secousse, d'une magnitude de 6,4 selon l'USGS, a frappé la côte."),
        "e.txt": ("2023-04-03", "Séisme : l'institut national a évalué la magnitude du séisme à 6 sur l'échelle de Richter."),
    })
    pairs = {frozenset((d.a.text, d.b.text)) for d in result.discrepancies}
    assert frozenset(("près de 8 000", "7 900")) not in pairs  # 7 900 is near 8 000
    assert frozenset(("7 900", "9 300")) in pairs
    assert frozenset(("6,4", "6")) in pairs  # a magnitude of 6 is 6,0


def test_a_mornings_count_is_the_nights_and_the_night_before_is_not_the_articles(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2023-06-30", "Émeutes : le ministre a fait état vendredi matin de 310 interpellations en France."),
        "b.txt": ("2023-07-01", "Émeutes : dans la nuit de vendredi à samedi, 520 personnes ont été interpellées en France. "
                                "La nuit précédente, 330 personnes avaient été interpellées en France."),
    })
    pairs = {frozenset((d.a.text, d.b.text)) for d in result.discrepancies}
    assert frozenset(("310", "520")) not in pairs  # two nights
    assert frozenset(("310", "330")) in pairs  # the night to Friday, revised


def test_a_rate_stated_for_a_quarter_is_compared_months_later(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2024-11-15", "Emploi : le taux de chômage s'est établi à 7,4 % au troisième trimestre 2024, selon l'Insee."),
        "b.txt": ("2025-05-20", "Emploi : au troisième trimestre 2024, le taux de chômage était de 7,1 %."),
    })
    assert [frozenset((d.a.text, d.b.text)) for d in result.discrepancies] == [frozenset(("7,4 %", "7,1 %"))]


def test_compounds_are_stemmed_part_by_part():
    assert Lexicon().concept("sapeurs-pompiers") == Lexicon().concept("sapeur-pompier")


def test_a_days_count_is_not_the_count_since_and_a_revision_is_an_update(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2025-07-16", "Incendie : mardi après-midi, 2 pompiers ont été légèrement blessés près de Mérignac."),
        "b.txt": ("2025-07-17", "Incendie : depuis lundi, 3 pompiers ont été blessés près de Mérignac."),
        "c.txt": ("2023-06-29", "Émeutes : dans la nuit de mercredi à jeudi, 240 personnes ont été interpellées en France."),
        "d.txt": ("2023-06-30", "Émeutes : le nombre d'interpellations de la nuit de mercredi à jeudi a été revu à la hausse, à 265."),
    })
    rows = {frozenset((d.a.text, d.b.text)): d.type for d in result.discrepancies}
    assert frozenset(("2", "3")) not in rows
    assert rows.get(frozenset(("240", "265"))) == "update"


def test_the_subject_of_a_counting_verb_is_the_source(claims_of):
    claims = claims_of("À Lyon, le syndicat évoque 40 000 manifestants, la préfecture en a compté 9 000.", "2023-03-07")
    assert (claims["40 000"].attributed_to, claims["9 000"].attributed_to) == ("syndicat", "préfecture")
    claims = claims_of("À Lille, la police a dénombré 6 500 manifestants, quand les syndicats en annonçaient 25 000.", "2023-03-07")
    assert (claims["6 500"].attributed_to, claims["25 000"].attributed_to) == ("police", "syndicats")


def test_an_article_names_its_place_through_the_actor_of_its_figure(tmp_path, root):
    result = _run(tmp_path, root, {
        "a.txt": ("2024-12-12", "La Ville de Lyon a adopté jeudi son budget pour 2025. Il atteint 1,05 milliard d'euros."),
        "b.txt": ("2024-12-13", "Budgets : à Lyon, le budget adopté jeudi atteint 1,2 milliard d'euros."),
    })
    assert {frozenset((d.a.text, d.b.text)) for d in result.discrepancies} == {
        frozenset(("1,05 milliard d'euros", "1,2 milliard d'euros"))}


def _every_pair(claims, tolerances, min_confidence, lexicon):
    """find_frame_discrepancies as it was before its sweep skipped pairs (issue 16): every
    pair of a block within the window, in order. The reference the sweep must match."""
    from collections import defaultdict

    from factcheck.figures import position
    from factcheck.frames import match as m
    from factcheck.text import fold

    tolls, constants = lexicon.tolls, lexicon.constants
    anchors = m.article_days(claims)
    sentences = defaultdict(dict)
    for c in claims:
        for said in (c.sentence, c.actor):
            if said:
                sentences[c.article][said] = None
    texts = {article: " " + " ".join(fold(s) for s in said) for article, said in sentences.items()}
    place_names = frozenset(m._place_key(part) for c in claims if c.place for part in c.place.split(" + "))
    blocks = defaultdict(lambda: defaultdict(list))
    for c in sorted(claims, key=lambda c: (c.article, c.start)):
        if m.eligible(c):
            if c.what not in tolls:
                c = m._night_of_a_morning(m._anchored(c, anchors))
            blocks[m.frame_key(c)][(c.article, c.population, c.value, c.low, c.high, c.date)].append(c)
    rows = []
    for key in sorted(blocks, key=repr):
        figures = [m._figure(group) for group in blocks[key].values()]
        if key[2] in tolls:
            figures = m._headline_tolls(figures)
        figures.sort(key=lambda f: (m._time_key(f) or dt.date.min, f.claim.article, f.claim.start))
        peers, places, highest = defaultdict(int), defaultdict(set), defaultdict(float)
        for f in figures:
            peers[m._peer_key(f)] += 1
            if m._current(f):
                places[f.claim.article].add(m._place_key(f.claim.place))
                highest[f.claim.article] = max(highest[f.claim.article], position(f.claim))
        for i, fa in enumerate(figures):
            for fb in figures[i + 1 :]:
                ta, tb = m._time_key(fa), m._time_key(fb)
                if ta and tb and (tb - ta).days > m.UPDATE_WINDOW_DAYS:
                    if (tb - ta).days > m.LONGEST_PERIOD_DAYS + m.UPDATE_WINDOW_DAYS:
                        break
                    if not m._overlap(fa.claim.date_start, fa.claim.date_end, fb.claim.date_start, fb.claim.date_end):
                        continue
                place = m._places_compatible(fa.claim, fb.claim, places, highest, texts, key[2] in tolls)
                if place is None:
                    continue
                row = m._pair(fa, fb, tolerances, m._change(key, tolls, constants), lexicon, place_names)
                if row is not None and place == "one side":
                    row = m._adjusted(row, m.WEIGHTS["one_side_place"], "the place is stated on one side only, and the other article gives no figure for it")
                if row is not None:
                    ambiguity = min(3, peers[m._peer_key(fa)] + peers[m._peer_key(fb)] - 2)
                    if ambiguity:
                        row = m._adjusted(row, m.WEIGHTS["other_figure"] * ambiguity,
                                          f"{ambiguity} other figure(s) of this frame from the same source in these articles")
                if row is not None and row.confidence >= min_confidence:
                    rows.append(row)
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sweep_gives_the_rows_of_every_pair(root, seed):
    """The sweep looks at the pairs that can give a row only (one place or an unplaced figure
    of an article naming it; times that may meet; periods that may overlap past the window):
    on figures of every kind of time, place and thing, its rows are those of every pair."""
    import random

    from factcheck.frames.match import find_frame_discrepancies
    from factcheck.models import Claim

    rules = load_rules(root / "rules")
    rng = random.Random(seed)
    whats = [("mort", "count", "morts"), ("manifest", "count", "manifestants"), ("habit", "count", "habitants"),
             ("taux|chomag", "percent", "%"), ("budget", "money", "EUR"), ("budget|vill", "money", "EUR")]
    places = [None, None, "Lyon", "la ville de Lyon", "Paris", "Paris + Lyon", "France", "La Teste-de-Buch"]
    sentences = ["Vers 21 heures, {x} à {p}.", "Jeudi matin, {x} selon la préfecture à {p}.", "La veille, {x}.",
                 "Le bilan a finalement été revu à la hausse, à {x}.", "Au total, {x} en {p}.", "{x} dans la nuit."]
    claims = []
    for k in range(400):
        what, kind, unit = rng.choice(whats)
        published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 500 if rng.random() < 0.2 else 30))
        basis = rng.choice(["published", "published", "sentence", "sentence", "future", None, "column"])
        if basis == "sentence" and rng.random() < 0.3:  # a long period: a quarter, a year
            start = published - dt.timedelta(days=rng.choice([90, 365, 700]))
            end = start + dt.timedelta(days=rng.choice([89, 364]))
        else:
            start = published - dt.timedelta(days=rng.randint(0, 3))
            end = start + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
        dates = {None: (None, None, None), "future": (None, str(published), None)}.get(
            basis, (str(start) if start == end else f"{start}/{end}", str(start), str(end)))
        value = float(rng.choice([10, 12, 40, 41, 100, 300, 1000, 5000]) * (1e6 if kind == "money" else 1))
        hedge = rng.random()
        low, high = (value, value) if hedge > 0.2 else ((value, None) if hedge > 0.1 else (value * 0.9, value * 1.1))
        place = rng.choice(places)
        text = f"{value:g} {unit}"
        claims.append(Claim(
            claim_id=f"c{k}", article=f"a{rng.randint(0, 40):02d}.txt", start=k * 10, end=k * 10 + len(text),
            sentence=rng.choice(sentences).format(x=text, p=place or "ville"), text=text, kind=kind, value=value,
            low=low, high=high, unit=unit, precision=0.5, subject=None, actor=rng.choice([None, None, "la CGT"]),
            attributed_to=rng.choice([None, "la police", "la CGT"]), place=place, modality=rng.choice(["fact", "estimate"]),
            date=dates[0], date_start=dates[1], date_end=dates[2], date_basis=basis, topic=None, topic_cue=None,
            measure=None, what=what, population=rng.choice([None, None, None, "polici"]),
            published=str(published) if rng.random() < 0.95 else None,
        ))
    tolerances = {m.id: m.spec.tolerance for m in rules.generic}
    expected = _every_pair(claims, tolerances, 0.0, rules.lexicon)
    found = find_frame_discrepancies(claims, tolerances, 0.0, rules.lexicon)
    assert len(expected) > 20
    assert [d.discrepancy_id for d in found] == [d.discrepancy_id for d in expected]
    assert found == expected
