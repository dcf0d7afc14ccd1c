"""Quantities read from real French sentences: the seeds, and the forms French news writes."""

from __future__ import annotations

import pytest

from factcheck.pipes.numbers import fold, parse_digits
from factcheck.pipes.quantities import mentions_of

NONE = None

# (sentence, surface text of the mention, kind, value, low, high, unit)
CASES = [
    # Seed 000
    ("Le plan européen pour créer des Gigafactories d’IA suscite un enthousiasme considérable, "
     "avec plus de 160 entreprises qui ont déjà manifesté leur intérêt.",
     "plus de 160", "count", 160, 160, NONE, "entreprise"),
    ("Avec un plan d’investissement estimé à 5 milliards d’euros, l’Alliance européenne entend construire des centres.",
     "5 milliards d’euros", "money", 5e9, 5e9, 5e9, "EUR"),
    ("Ces installations nécessitent des investissements massifs (plusieurs milliards d’euros).",
     "plusieurs milliards d’euros", "money", NONE, 2e9, NONE, "EUR"),
    ("États-Unis | 45% mondial | 50+ milliards $ | 40% mondial |",
     "50+ milliards $", "money", 50e9, 50e9, NONE, "USD"),
    ("Europe | 5% mondial | 5 milliards € | 20% mondial |", "5%", "percent", 5, 5, 5, "%"),
    # Seed 004 (with its no-break spaces)
    ("Pour renforcer l'infrastructure européenne d'IA, l’Union européenne a annoncé un plan de 20\u00a0milliards d’euros.",
     "20\u00a0milliards d’euros", "money", 20e9, 20e9, 20e9, "EUR"),
    ("Treize de ces usines sont déjà déployées dans les supercalculateurs européens de premier plan.",
     "Treize", "count", 13, 13, 13, "usine"),
    ("Ces installations à grande échelle seront équipées d'environ 100\u00a0000 puces d'IA de pointe.",
     "environ 100\u00a0000", "count", 100000, 90000, 110000, "puce"),
    ("L'initiative InvestAI mobilisera donc 20 Md€\u00a0d'investissements pour un maximum de cinq giga-usines d'IA.",
     "20 Md€", "money", 20e9, 20e9, 20e9, "EUR"),
    ("L'initiative InvestAI mobilisera donc 20 Md€\u00a0d'investissements pour un maximum de cinq giga-usines d'IA.",
     "un maximum de cinq", "count", 5, NONE, 5, "giga-usine"),
    ("Les deux usines de fabrication de batteries représenteraient un investissement de 4 Md€ et pourraient créer jusqu'à 40\u00a0000 emplois.",
     "4 Md€", "money", 4e9, 4e9, 4e9, "EUR"),
    ("Les deux usines de fabrication de batteries représenteraient un investissement de 4 Md€ et pourraient créer jusqu'à 40\u00a0000 emplois.",
     "jusqu'à 40\u00a0000", "count", 40000, NONE, 40000, "emploi"),
    # Forms of French news beyond the seeds
    ("Le chantier coûtera 1,5 million d'euros à la ville.", "1,5 million d'euros", "money", 1.5e6, 1.5e6, 1.5e6, "EUR"),
    ("La dette atteint 3 000 milliards d'euros.", "3 000 milliards d'euros", "money", 3e12, 3e12, 3e12, "EUR"),
    ("Le déficit a atteint 58,6 Mds€ l'an dernier.", "58,6 Mds€", "money", 58.6e9, 58.6e9, 58.6e9, "EUR"),
    ("La start-up a levé 300 M€ auprès de ses investisseurs.", "300 M€", "money", 3e8, 3e8, 3e8, "EUR"),
    ("Le club a dépensé 12 millions de livres pour le joueur.", "12 millions de livres", "money", 12e6, 12e6, 12e6, "GBP"),
    ("Le projet est évalué entre 3 et 5 milliards d'euros.", "entre 3 et 5 milliards d'euros", "money", NONE, 3e9, 5e9, "EUR"),
    ("Les billets coûtent de 150 à 200 euros.", "de 150 à 200 euros", "money", NONE, 150, 200, "EUR"),
    ("Le chômage a reculé de 0,3 point sur un an.", "0,3 point", "percent", 0.3, 0.3, 0.3, "pp"),
    ("Le taux atteint 5,8 % au troisième trimestre.", "5,8 %", "percent", 5.8, 5.8, 5.8, "%"),
    ("Les prix ont augmenté de 12 pour cent.", "12 pour cent", "percent", 12, 12, 12, "%"),
    ("Les abstentionnistes représentent un pourcentage de vingt dans ce canton.", "pourcentage de vingt", "percent", 20, 20, 20, "%"),
    ("Près de 3 000 manifestants ont défilé à Paris.", "Près de 3 000", "count", 3000, 2700, 3300, "manifestant"),
    ("Une cinquantaine de salariés ont été licenciés.", "Une cinquantaine", "count", 50, 45, 55, "salarie"),
    ("Des centaines de personnes étaient présentes.", "Des centaines", "count", NONE, 200, NONE, "personne"),
    ("Au moins 12 personnes ont été blessées.", "Au moins 12", "count", 12, 12, NONE, "personne"),
    ("Le groupe emploie 1 250 000 personnes dans le monde.", "1 250 000", "count", 1250000, 1250000, 1250000, "personne"),
    ("Le groupe emploie 100\u202f000 personnes en France.", "100\u202f000", "count", 100000, 100000, 100000, "personne"),
    ("Quatre-vingt-dix-sept communes ont voté contre.", "Quatre-vingt-dix-sept", "count", 97, 97, 97, "commune"),
    ("Le musée a reçu mille deux cents visiteurs.", "mille deux cents", "count", 1200, 1200, 1200, "visiteur"),
    ("Le contrat de 1.000.000 d'euros a été signé.", "1.000.000 d'euros", "money", 1e6, 1e6, 1e6, "EUR"),
    # Signs, glued forms, codes before the amount
    ("Les ventes affichent une baisse de -3,5 % sur un an.", "-3,5 %", "percent", -3.5, -3.5, -3.5, "%"),
    ("Le taux directeur gagne +0,5 point.", "+0,5 point", "percent", 0.5, 0.5, 0.5, "pp"),
    ("Le solde ressort à -1 200 euros par foyer.", "-1 200 euros", "money", -1200, -1200, -1200, "EUR"),
    ("La prime atteint EUR 20 par mois.", "EUR 20", "money", 20, 20, 20, "EUR"),
    ("Le titre a clôturé à USD1,23.", "USD1,23", "money", 1.23, 1.23, 1.23, "USD"),
    ("La levée de fonds atteint 3M€.", "3M€", "money", 3e6, 3e6, 3e6, "EUR"),
    ("Le contrat vaut 16,4 millions de $CAD.", "16,4 millions de $CAD", "money", 16.4e6, 16.4e6, 16.4e6, "CAD"),
    ("L'action a pris 50 cents en séance.", "50 cents", "money", 50, 50, 50, "cent"),
    ("L'offre valorisait la société à 528 millions de francs.", "528 millions de francs", "money", 528e6, 528e6, 528e6, "franc"),
    ("Le billet ne coûtera pas plus de 10 dollars.", "pas plus de 10 dollars", "money", 10, NONE, 10, "USD"),
    ("Il a payé une quinzaine de dollars.", "une quinzaine de dollars", "money", 15, 13.5, 16.5, "USD"),
    # Number words the tokenizer splits or links
    ("Quarante-deux salariés ont été reclassés.", "Quarante-deux", "count", 42, 42, 42, "salarie"),
    ("L'accident a fait vingt et un morts.", "vingt et un", "count", 21, 21, 21, "mort"),
    ("Le plan coûtera trois millions deux cent mille euros.", "trois millions deux cent mille euros", "money", 3.2e6, 3.2e6, 3.2e6, "EUR"),
    ("Le projet a coûté un million et demi d'euros.", "un million et demi d'euros", "money", 1.5e6, 1.5e6, 1.5e6, "EUR"),
    ("La région compte 3 millions et demi d'habitants.", "3 millions et demi", "count", 3.5e6, 3.5e6, 3.5e6, "habitant"),
    ("Le groupe supprime 1200 postes en France.", "1200", "count", 1200, 1200, 1200, "poste"),
    ("Il a acheté 12 livres à la librairie.", "12", "count", 12, 12, 12, "livre"),  # books, not pounds
    ("Nonante-cinq communes vaudoises ont voté oui.", "Nonante-cinq", "count", 95, 95, 95, "commune"),
    ("Septante-huit élèves ont réussi l'examen.", "Septante-huit", "count", 78, 78, 78, "eleve"),
    # The clitic "en" takes the counted noun of the sentence's count before it
    ("Selon la CGT, 12 000 personnes ont défilé, tandis que la préfecture en a compté 3 500.",
     "3 500", "count", 3500, 3500, 3500, "personne"),
    ("Les syndicats annoncent 5 000 emplois supprimés, la direction n'en promet que 3 000.",
     "3 000", "count", 3000, 3000, 3000, "emploi"),
    ("En 2024, le festival a reçu 300 000 visiteurs, contre 250 000 en 2023.",
     "250 000", "count", 250000, 250000, 250000, "visiteur"),  # "contre 250 000" goes on counting visitors
    # Fractions and proportions: shares of a whole, not counts
    ("Les deux tiers des Français jugent la réforme injuste.", "deux tiers", "fraction", 2 / 3, 2 / 3, 2 / 3, NONE),
    ("Trois quarts des communes ont répondu au questionnaire.", "Trois quarts", "fraction", 0.75, 0.75, 0.75, NONE),
    ("Un cinquième des salariés est concerné par le plan.", "Un cinquième", "fraction", 0.2, 0.2, 0.2, NONE),
    ("Un Français sur trois ne part pas en vacances.", "Un Français sur trois", "fraction", 1 / 3, 1 / 3, 1 / 3, NONE),
    ("Deux salariés sur dix travaillent le dimanche.", "Deux salariés sur dix", "fraction", 0.2, 0.2, 0.2, NONE),
    ("Le patient prend 3/4 de comprimé chaque soir.", "3/4", "fraction", 0.75, 0.75, 0.75, NONE),
    # Halves, spoken decimals, dozens, scientific notation
    ("Il a été condamné à trois ans et demi de prison.", "trois ans et demi", "duration", 3.5, 3.5, 3.5, "an"),
    ("Un demi-million de personnes ont manifesté.", "Un demi-million", "count", 5e5, 5e5, 5e5, "personne"),
    ("Le budget atteint cinq milliards et trois quarts d'euros.", "cinq milliards et trois quarts d'euros", "money",
     5.75e9, 5.75e9, 5.75e9, "EUR"),
    ("Le taux s'établit à zéro virgule cinq pour cent.", "zéro virgule cinq pour cent", "percent", 0.5, 0.5, 0.5, "%"),
    ("La coopérative a vendu trois douzaines d'œufs.", "trois douzaines", "count", 36, 36, 36, "œuf"),
    ("La mémoire atteint 1e10 octets.", "1e10", "count", 1e10, 1e10, 1e10, "octet"),
    # Amounts with their cents, ranges without "entre"/"de", a minus sign
    ("Le ticket de métro coûte désormais 2 euros 50.", "2 euros 50", "money", 2.5, 2.5, 2.5, "EUR"),
    ("La baguette coûte un euro et dix centimes.", "un euro et dix centimes", "money", 1.1, 1.1, 1.1, "EUR"),
    ("Comptez 10 à 20 euros par personne.", "10 à 20 euros", "money", NONE, 10, 20, "EUR"),
    ("Les loyers ont grimpé de 10-15 % en un an.", "10-15 %", "percent", NONE, 10, 15, "%"),
    ("Il faisait moins 15 degrés à Moscou.", "moins 15", "count", -15, -15, -15, "degre"),
    ("Les deux équipes se sont affrontées au moins 3 fois.", "au moins 3 fois", "multiplier", 3, 3, NONE, "x"),
]


@pytest.mark.parametrize("sentence,surface,kind,value,low,high,unit", CASES, ids=[c[1] for c in CASES])
def test_reads_quantity(parse, sentence, surface, kind, value, low, high, unit):
    doc = parse(sentence)
    found = {m.text: m for m in mentions_of(doc)}
    assert surface in found, f"{surface!r} not found; got {sorted(found)}"
    m = found[surface]
    assert (m.kind, m.unit) == (kind, unit)
    assert m.value == (pytest.approx(value) if value is not None else None)
    assert m.low == (pytest.approx(low) if low is not None else None)
    assert m.high == (pytest.approx(high) if high is not None else None)
    assert doc.text[m.start : m.end] == surface  # offsets point into the original text


NOT_QUANTITIES = [
    ("Les travaux pourraient débuter en 2028.", "2028"),
    ("L'action a été lancée le 9 avril par la Commission.", "9"),
    ("C'est l'une des parties du plan d'action.", "une"),
    ("Un appel à manifestation d'intérêt a été publié.", "Un"),
    ("Selon l'article 12 du règlement, la mesure est légale.", "12"),
    ("La réunion commence à 14 h 30.", "14"),
    ("Le premier ministre arrive le 1er janvier.", "1er"),
    ("La pandémie de COVID-19 a frappé le secteur.", "19"),
    ("Pour tout renseignement, appelez le 01 23 45 67 89.", "23"),
    ("Pour tout renseignement, appelez le 06 12 34 56 78.", "06"),
    ("La mairie a inauguré un logement neuf.", "neuf"),
    ("Le président brigue un cinquième mandat.", "cinquième"),  # an ordinal
    ("Il se présente pour la neuf centième fois.", "neuf"),
    ("La finale du 3/4 aura lieu à Lyon.", "3/4"),  # a day and month
    ("Le score final est de 3-1 pour Lens.", "1"),  # a score, not a range
]


@pytest.mark.parametrize("sentence,token", NOT_QUANTITIES, ids=[c[1] for c in NOT_QUANTITIES])
def test_not_a_quantity(parse, sentence, token):
    doc = parse(sentence)
    at = sentence.index(token)
    covering = [m.text for m in mentions_of(doc) if m.start <= at < m.end]
    assert covering == []


def test_multiplier_is_not_a_count(parse):
    doc = parse("Ces usines auront 100 000 puces, soit quatre fois plus que les usines actuelles.")
    kinds = {m.text: m.kind for m in mentions_of(doc)}
    assert kinds["quatre fois"] == "multiplier"
    assert kinds["100 000"] == "count"


def test_a_day_or_month_name_is_not_what_a_number_counts(parse):
    # the minutes of a time before a weekday, a number before a month name read apart
    doc = parse("Les ministres se retrouveront à 12 heures 45 jeudi prochain, puis 3 lundis de suite.")
    kinds = {m.text: (m.kind, m.unit) for m in mentions_of(doc)}
    assert kinds["45"] == ("number", None)
    assert kinds["3"] == ("count", "lundi")  # "lundis" counted: a plural is a count of days


def test_subtraction_is_not_a_sign(parse):
    doc = parse("Huit moins quatre, cela fait quatre.")
    assert [m.value for m in mentions_of(doc)] == [8, 4, 4]


def test_dictated_digits_are_read_one_by_one(parse):
    # text2num cannot read "trois six" as one number: each word is its own number
    doc = parse("Le code est un virgule deux trois six.")
    assert [(m.text, m.value) for m in mentions_of(doc)] == [("un virgule deux", 1.2), ("trois", 3), ("six", 6)]


def test_change_is_not_a_range(parse):
    doc = parse("Le taux est passé de 3 à 5 % en un an.")
    texts = [m.text for m in mentions_of(doc)]
    assert "de 3 à 5 %" not in texts
    assert "5 %" in texts


def test_a_range_after_another_verb_is_a_range(parse):
    """The change verb must be the one that governs "de": here "coûtent" does, not "baissé"."""
    doc = parse("Les billets, dont le prix a baissé, coûtent de 150 à 200 euros.")
    assert [(m.text, m.kind, m.low, m.high, m.unit) for m in mentions_of(doc)] == [
        ("de 150 à 200 euros", "money", 150, 200, "EUR")
    ]


@pytest.mark.parametrize("sentence,expected", [
    ("Le loyer passe de 150 à 200 euros par mois.", [("150", "money", 150, "EUR"), ("200 euros", "money", 200, "EUR")]),
    ("Le budget est passé de 3 à 5 milliards d'euros.", [("3", "money", 3e9, "EUR"), ("5 milliards d'euros", "money", 5e9, "EUR")]),
    ("Le chômage est passé de 7 à 7,5 %.", [("7", "percent", 7, "%"), ("7,5 %", "percent", 7.5, "%")]),
])
def test_both_figures_of_a_change_take_the_unit_written_once(parse, sentence, expected):
    """"passe de 150 à 200 euros": a change, two amounts in euros, not a count of 150 "euros"."""
    doc = parse(sentence)
    assert [(m.text, m.kind, m.value, m.unit) for m in mentions_of(doc)] == expected


@pytest.mark.parametrize("text", [
    "Le billet coûte 300 €\n45 salariés sont concernés.",
    "Le billet coûte 300 €\n\n45 salariés sont concernés.",
])
def test_a_currency_sign_ending_a_line_is_not_the_next_lines(parse, text):
    doc = parse(text)
    assert [(m.text, m.kind, m.value, m.unit) for m in mentions_of(doc)] == [
        ("300 €", "money", 300, "EUR"), ("45", "count", 45, "salarie")
    ]


@pytest.mark.parametrize(
    "text,expected",
    [("100 000", (100000.0, 0)), ("100\u202f000", (100000.0, 0)), ("1.000.000", (1e6, 0)),
     ("62,40", (62.4, 2)), ("2.5", (2.5, 1)), ("1 250 000,5", (1250000.5, 1)), ("abc", None)],
)
def test_parse_digits(text, expected):
    assert parse_digits(text) == expected


def test_fold_keeps_offsets():
    text = "d’IA\u202f: 100\u00a0000 Énergie"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "d'ia : 100 000 energie"
