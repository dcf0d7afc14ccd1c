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
    # a count of units back or ahead is known to one grain finer: years -> that month, months -> that day
    ("Il avait été nommé il y a deux ans.", "2025-04-10", "il y a deux ans", "2023-04", "month", None),
    ("Les prix ont flambé la semaine dernière.", "2025-04-10", "la semaine dernière", "2025-W14", "week", None),
    # wire copy names the day of the event, today included: "a déclaré jeudi" in Thursday's news
    ("Le ministre s'est exprimé jeudi devant les députés.", "2025-04-10", "jeudi", "2025-04-10", "day", None),
    ("Le ministre s'est exprimé mardi devant les députés.", "2025-04-10", "mardi", "2025-04-08", "day", None),
    ("Le ministre s'est exprimé jeudi dernier devant les députés.", "2025-04-10", "jeudi dernier", "2025-04-03", "day", None),
    ("Le ministre s'exprimera jeudi soir à la télévision.", "2025-04-10", "jeudi", "2025-04-10", "day", None),
    ("Le ministre s'exprimera jeudi prochain.", "2025-04-10", "jeudi prochain", "2025-04-17", "day", None),
    ("La mesure entrera en vigueur le 1er janvier prochain.", "2025-04-10", "1er janvier prochain", "2026-01-01", "day", None),
    ("La sélection sera finalisée d’ici la fin de l’année.", "2024-07-01", "d’ici la fin de l’année", "2024", "year", "deadline"),
    ("Les ventes ont reculé en février 2025.", "2025-04-10", "février 2025", "2025-02", "month", None),
    ("Le conseil se réunira le 17/02.", "2025-02-12", "17/02", "2025-02-17", "day", None),
    ("Le décret du 21-04-2016 est abrogé.", "2025-04-10", "21-04-2016", "2016-04-21", "day", None),
    ("Publié le 2016-04-21 au Journal officiel.", "2025-04-10", "2016-04-21", "2016-04-21", "day", None),
    ("Le vote aura lieu mercredi 13 février.", "2013-02-12", "mercredi 13 février", "2013-02-13", "day", None),
    ("Les résultats seront connus dans trois mois.", "2025-04-10", "dans trois mois", "2025-07-10", "day", None),
    ("Le magasin a fermé il y a six mois.", "2025-08-31", "il y a six mois", "2025-02-28", "day", None),
    ("Le sommet a lieu le 15 février à Paris.", "2013-02-12", "15 février", "2013-02-15", "day", None),
    ("Il a été élu le 15 février.", "2013-02-12", "15 février", "2012-02-15", "day", None),
    ("La loi a été votée le 11 sept. 2014.", "2025-04-10", "11 sept. 2014", "2014-09-11", "day", None),
    ("Le contrat a été signé le 3 févr. 2024.", "2025-04-10", "3 févr. 2024", "2024-02-03", "day", None),
    # the tense of a participle is its auxiliary's: "est prévu" is present, "sera voté" future
    ("Le rassemblement est prévu le 10 juin.", "2025-04-10", "10 juin", "2025-06-10", "day", None),
    ("Le texte sera voté le 3 mai.", "2025-04-10", "3 mai", "2025-05-03", "day", None),
    ("Le texte doit être examiné au Sénat en avril.", "2025-03-06", "avril", "2025-04", "month", None),
]

# Forms read since the external date suites were measured (benchmarks/eval_external.py).
MORE_CASES = [
    # day ranges: value "first/last", grain day
    ("Le ministre sera en visite du 13 au 15 juillet à Marseille.", "2025-04-10", "du 13 au 15 juillet",
     "2025-07-13/2025-07-15", "day", None),
    ("Le festival a eu lieu du 1er au 3 mars 2015.", "2025-04-10", "du 1er au 3 mars 2015", "2015-03-01/2015-03-03", "day", None),
    ("Les épreuves se dérouleront entre le 13 et le 15 juillet.", "2025-04-10", "entre le 13 et le 15 juillet",
     "2025-07-13/2025-07-15", "day", None),
    ("Le salon se tient 13-15 juillet au Bourget.", "2025-04-10", "13-15 juillet", "2025-07-13/2025-07-15", "day", None),
    ("Le rassemblement est prévu du 10 juin au 1er juillet.", "2025-04-10", "du 10 juin au 1er juillet",
     "2025-06-10/2025-07-01", "day", None),
    ("La grève durera du 28 décembre au 3 janvier.", "2025-12-01", "du 28 décembre au 3 janvier",
     "2025-12-28/2026-01-03", "day", None),
    ("Les soldes ont lieu du 13 au 18, a précisé la mairie.", "2025-02-10", "du 13 au 18", "2025-02-13/2025-02-18", "day", None),
    ("Les soldes auront lieu du 4 au 23 du mois prochain.", "2025-04-10", "du 4 au 23 du mois prochain",
     "2025-05-04/2025-05-23", "day", None),
    # month ranges
    ("Les prix ont baissé entre février et mars 2023.", "2025-04-10", "entre février et mars 2023", "2023-02/2023-03", "month", None),
    ("D'avril à juin, la production a reculé.", "2025-07-10", "D'avril à juin", "2025-04/2025-06", "month", None),
    ("Les ventes avril-mai ont progressé.", "2025-06-10", "avril-mai", "2025-04/2025-05", "month", None),
    ("Sur la période novembre-février, la consommation a baissé.", "2025-04-10", "novembre-février",
     "2024-11/2025-02", "month", None),
    # relative to publication
    ("Le conseil s'est réuni la veille.", "2025-04-10", "la veille", "2025-04-09", "day", None),
    ("Le prix a bondi le lendemain du 3 avril.", "2025-04-10", "le lendemain du 3 avril", "2025-04-04", "day", None),
    ("Les chiffres seront publiés la semaine suivante.", "2025-04-10", "la semaine suivante", "2025-W16", "week", None),
    ("Le contrat sera signé le mois prochain.", "2025-04-10", "le mois prochain", "2025-05", "month", None),
    ("Les loyers avaient baissé l'année précédente.", "2025-04-10", "l'année précédente", "2024", "year", None),
    ("Il a été arrêté il y a deux semaines.", "2025-04-10", "il y a deux semaines", "2025-03-27", "day", None),
    ("Les résultats seront connus dans 3 jours.", "2025-04-10", "dans 3 jours", "2025-04-13", "day", None),
    ("Il est rentré avant-hier de Bruxelles.", "2025-04-10", "avant-hier", "2025-04-08", "day", None),
    ("Le chômage a progressé au cours des 3 derniers mois.", "2025-04-10", "3 derniers mois", "2025-01/2025-03", "month", None),
    ("Les investissements atteindront 2 milliards dans les 3 prochaines années.", "2025-04-10", "3 prochaines années",
     "2026/2028", "year", None),
    ("La sélection sera faite d'ici 3 mois.", "2025-04-10", "d'ici 3 mois", "2025-04-10/2025-07-10", "day", "deadline"),
    ("Le texte sera examiné en début de semaine.", "2025-04-10", "début de semaine", "2025-W15", "week", "start"),
    ("Les comptes seront arrêtés à la fin du mois.", "2025-04-10", "fin du mois", "2025-04", "month", "end"),
    ("Le chantier sera livré à la fin de l'année 2027.", "2025-04-10", "fin de l'année 2027", "2027", "year", "end"),
    # weekdays
    ("La réunion aura lieu mardi de la semaine prochaine.", "2025-04-10", "mardi de la semaine prochaine", "2025-04-15", "day", None),
    ("Le sommet se tiendra lundi en huit.", "2025-04-10", "lundi en huit", "2025-04-21", "day", None),
    ("Le ministre s'est exprimé ce lundi.", "2025-04-10", "ce lundi", "2025-04-07", "day", None),
    ("Le rapport est paru dimanche, 6 avril 2025.", "2025-04-10", "dimanche, 6 avril 2025", "2025-04-06", "day", None),
    ("Les syndicats ont défilé mercredi 9, selon la préfecture.", "2025-04-10", "mercredi 9", "2025-04-09", "day", None),
    # parts of a month
    ("Le vote est prévu la première semaine d'octobre.", "2025-04-10", "première semaine d'octobre", "2025-W41", "week", None),
    ("Le budget a été voté le dernier jour de décembre.", "2025-04-10", "dernier jour de décembre", "2024-12-31", "day", None),
    ("Les négociations se tiendront la semaine du 6 octobre.", "2025-04-10", "semaine du 6 octobre", "2025-W41", "week", None),
    ("Le rapport sera publié la deuxième quinzaine d'avril.", "2025-04-10", "deuxième quinzaine d'avril",
     "2025-04-15/2025-04-30", "day", None),
    ("Le conseil se réunira le premier mercredi du mois prochain.", "2025-04-10", "premier mercredi du mois prochain",
     "2025-05-07", "day", None),
    ("Les prix ont augmenté début avril.", "2025-04-20", "début avril", "2025-04", "month", "start"),
    ("Les ventes ont chuté mi-mars.", "2025-04-10", "mi-mars", "2025-03", "month", "middle"),
    ("Les ventes avaient chuté mi-décembre 2023.", "2025-04-10", "mi-décembre 2023", "2023-12", "month", "middle"),
    ("Les stocks ont été vendus fin du mois de mars.", "2025-04-10", "fin du mois de mars", "2025-03", "month", "end"),
    # a day alone: "le" + day, the month of publication, past or future per tense
    ("Le vote aura lieu le 16.", "2025-04-10", "le 16", "2025-04-16", "day", None),
    ("Le texte a été adopté le 2.", "2025-04-10", "le 2", "2025-04-02", "day", None),
    ("Le texte a été adopté le 28.", "2025-04-10", "le 28", "2025-03-28", "day", None),
    # holidays and seasons
    ("Les magasins seront ouverts à Noël.", "2025-04-10", "Noël", "2025-12-25", "day", None),
    ("Pendant les vacances de Noël, le trafic a baissé.", "2025-04-10", "Noël", "2024-12-25", "day", None),
    ("La Toussaint a été marquée par des orages.", "2025-04-10", "Toussaint", "2024-11-01", "day", None),
    ("Le jour de l'an, les prix des péages ont augmenté.", "2025-04-10", "jour de l'an", "2025-01-01", "day", None),
    ("Le lundi de Pâques sera férié.", "2025-04-10", "lundi de Pâques", "2025-04-21", "day", None),
    ("Le gouvernement espère une adoption cet été.", "2025-04-10", "cet été", "2025-SU", "season", None),
    ("L'hiver dernier a été doux.", "2025-04-10", "hiver dernier", "2024-WI", "season", None),
    ("Le nouvel incendie ravive le souvenir de l'été 2022.", "2025-04-10", "été 2022", "2022-SU", "season", None),
    # numbers written apart, and abbreviations before a year
    ("Le décret du 20 02 2014 est abrogé.", "2025-04-10", "20 02 2014", "2014-02-20", "day", None),
    ("Les ventes de sept 2017 ont chuté.", "2025-04-10", "sept 2017", "2017-09", "month", None),
    ("Le chômage a reculé en 11/2016.", "2025-04-10", "11/2016", "2016-11", "month", None),
    ("Le souvenir de mai 68 reste vivace.", "2025-04-10", "mai 68", "1968-05", "month", None),
    ("Il est né le 1er avril 78 à Lyon.", "2025-04-10", "1er avril 78", "1978-04-01", "day", None),
    # more relative forms
    ("La grève dure depuis le 3, selon les syndicats.", "2025-04-10", "depuis le 3", "2025-04-03", "day", "since"),
    ("Les manifestants se sont réunis ce week-end à Paris.", "2025-04-07", "ce week-end", "2025-04-05/2025-04-06", "day", None),
    ("Le week-end dernier, les ventes ont progressé.", "2025-04-10", "Le week-end dernier", "2025-04-05/2025-04-06", "day", None),
    ("La fête des pères sera célébrée dimanche.", "2025-04-10", "fête des pères", "2025-06-15", "day", None),
    ("Aujourdʼhui, le Sénat vote le texte.", "2025-04-10", "Aujourdʼhui", "2025-04-10", "day", None),
    # a count of units after or before a date, or after the last day named
    ("Le texte sera voté deux semaines après le 3 mai.", "2025-04-10", "deux semaines après le 3 mai", "2025-05-17", "day", None),
    ("Les discussions ont repris trois jours avant Noël.", "2025-04-10", "trois jours avant Noël", "2024-12-22", "day", None),
    ("Le 3 avril 2020, la loi a été votée. Deux ans plus tard, elle a été abrogée.", "2025-04-10", "Deux ans plus tard",
     "2022-04", "month", None),  # a count of years from a day: that month, as "il y a deux ans"
    # the publication day or week
    ("Le ministre s'exprimera dans la journée.", "2025-04-10", "dans la journée", "2025-04-10", "day", None),
    ("Le ministre se rendra dans la semaine à Kiev.", "2025-04-10", "dans la semaine", "2025-W15", "week", None),
    # open periods: "après le", and the side "depuis" / "à partir de" look to when no tense says
    ("Les tarifs baisseront après le 1er novembre.", "2025-04-10", "après le 1er novembre", "2025-11-01", "day", "since"),
    ("Les nouveaux tarifs s'appliquent à partir du 8 mars.", "2025-04-10", "à partir du 8 mars", "2026-03-08", "day", "since"),
    ("Près de 60 000 hectares sont partis en fumée depuis janvier.", "2022-08-11", "depuis janvier", "2022-01", "month", "since"),
    ("Le site est fermé depuis le 3 mars.", "2025-02-10", "depuis le 3 mars", "2024-03-03", "day", "since"),
    ("Le chômage a baissé depuis le début de l'année.", "2025-04-10", "depuis le début de l'année", "2025", "year", "since"),
    ("Il y a dix ans jour pour jour, l'accord était signé.", "2025-04-10", "Il y a dix ans jour pour jour", "2015-04-10",
     "day", None),
    ("Les enseignes misent sur les soldes qui suivent Thanksgiving.", "2025-11-10", "Thanksgiving", "2025-11-27", "day", None),
    # a month alone, with no preposition; the tense of a copula's predicate ("a été pluvieux") places it
    ("Les chiffres de mai ont surpris les économistes.", "2025-04-10", "mai", "2024-05", "month", None),
    ("Le mois de mai a été pluvieux.", "2025-04-10", "mois de mai", "2024-05", "month", None),
    ("Le mois de mai sera pluvieux.", "2025-04-10", "mois de mai", "2025-05", "month", None),
    # amounts of time made of several units, back or ahead
    ("Il y a un an et demi, la loi a été votée.", "2025-04-10", "Il y a un an et demi", "2023-10", "month", None),
    ("Il y a deux ans et trois mois, l'usine a fermé.", "2025-04-10", "Il y a deux ans et trois mois", "2023-01-10",
     "day", None),
    ("Le chantier sera livré dans 4 ans et 4 jours.", "2025-04-10", "dans 4 ans et 4 jours", "2029-04-14", "day", None),
    ("Le texte sera voté deux semaines et trois jours après le 3 mai.", "2025-04-10",
     "deux semaines et trois jours après le 3 mai", "2025-05-20", "day", None),
    # a day and month with a slash, in the context of a day
    ("Le match a eu lieu le 1/3.", "2025-04-10", "1/3", "2025-03-01", "day", None),
    ("Le match est reporté au 1/3.", "2025-04-10", "1/3", "2026-03-01", "day", None),  # the new date: ahead
    ("La séance est reportée au 22/4.", "2025-04-10", "22/4", "2025-04-22", "day", None),
    # the tagger reads "atteindra" as a participle; its form says future
    ("Le budget atteindra 50 milliards le 3 mai.", "2025-06-10", "3 mai", "2026-05-03", "day", None),
    # a copula in the present is no tense; the new date of a postponement is ahead
    ("Le ministre est présent le 20 mai.", "2025-04-10", "20 mai", "2025-05-20", "day", None),
    ("Le vote a été reporté au 25 juin.", "2025-04-10", "25 juin", "2025-06-25", "day", None),
    ("Le concert a été repoussé à juin.", "2025-04-10", "juin", "2025-06", "month", None),
    # a participle after "et" takes the first one's auxiliary; an infinitive the tense of the verb it completes
    ("Une nouvelle journée de grève est d'ores et déjà évoquée pour la semaine du 17 mars.", "2025-03-06",
     "semaine du 17 mars", "2025-W12", "week", None),
    ("L'avionneur avait dû revoir son objectif au début de l'été.", "2025-01-09", "début de l'été", "2024-SU",
     "season", "start"),
    ("La direction dit vouloir boucler son tour de table d'ici à l'été.", "2025-02-11", "d'ici à l'été", "2025-SU",
     "season", "deadline"),
    # the season under way, whatever the tense ahead
    ("Une trentaine de services d'urgences devront fermer pendant l'été.", "2025-07-02", "été", "2025-SU", "season",
     None),
    # before a season: one not begun yet; since a season: one begun already
    ("La décision devrait tomber avant l'été.", "2025-07-15", "avant l'été", "2026-SU", "season", "deadline"),
    ("Les prix augmentent depuis l'été.", "2025-01-15", "depuis l'été", "2024-SU", "season", "since"),
    # "devait" + infinitive is what was planned, not a past event
    ("Le procès, qui devait s'ouvrir le 12 mars, a été reporté.", "2025-03-10", "12 mars", "2025-03-12", "day", None),
    ("Les événements de mai-juin 68 ont marqué la France.", "2025-03-15", "mai-juin 68", "1968-05/1968-06", "month",
     None),
    ("Le ministre devra signer l'accord le 3 mars.", "2025-06-11", "3 mars", "2026-03-03", "day", None),
    ("Le ministre a pu signer l'accord le 3 décembre.", "2025-06-10", "3 décembre", "2024-12-03", "day", None),
    ("Le dispositif entrera en vigueur dès l'été.", "2025-04-10", "dès l'été", "2025-SU", "season", "since"),
    ("La loi a été adoptée avant l'été.", "2025-10-15", "avant l'été", "2025-SU", "season", "deadline"),
    ("Le chantier s'achèvera à la fin de l'été.", "2025-07-10", "fin de l'été", "2025-SU", "season", "end"),
    ("Le conseil a été reporté à mardi.", "2025-04-16", "mardi", "2025-04-22", "day", None),
    ("Le musée est fermé jusqu'à lundi.", "2025-04-16", "lundi", "2025-04-21", "day", None),
    ("De décembre 2024 à janvier, les prix ont baissé.", "2025-04-16", "De décembre 2024 à janvier",
     "2024-12/2025-01", "month", None),
    # "jusqu'à lundi" in the past tense looks back
    ("La grève a duré jusqu'à lundi.", "2025-04-10", "lundi", "2025-04-07", "day", None),
    ("Il a rappelé qu'il fallait s'inscrire avant le 30 avril.", "2025-04-10", "30 avril", "2025-04-30", "day",
     None),
    ("Depuis le 1er avril jusqu'à mardi, la route est fermée.", "2025-04-10", "Depuis le 1er avril jusqu'à mardi",
     "2025-04-01/2025-04-15", "day", None),
    ("Le gouvernement a annoncé que le vote, reporté à mardi, aura lieu au Sénat.", "2025-04-10", "mardi",
     "2025-04-15", "day", None),
    ("Les prix ont grimpé dès l'été.", "2025-04-10", "dès l'été", "2024-SU", "season", "since"),
    # a deadline on the day's weekday is a week on
    ("Le texte sera voté d'ici à lundi.", "2025-04-14", "d'ici à lundi", "2025-04-21", "day", "deadline"),
    # a night between two days
    ("Dans la nuit de samedi à dimanche, trois voitures ont brûlé.", "2025-07-16", "de samedi à dimanche",
     "2025-07-12/2025-07-13", "day", None),
    ("Le vent devrait faiblir dans la nuit de mercredi à jeudi.", "2025-07-16", "de mercredi à jeudi",
     "2025-07-16/2025-07-17", "day", None),
    ("La nuit de jeudi à vendredi a été agitée.", "2025-04-17", "de jeudi à vendredi", "2025-04-10/2025-04-11",
     "day", None),  # in the past tense, a night that is over
    # two days joined into one range; the second takes its year from the first
    ("La grève a duré du 12 décembre 2023 au 5 janvier.", "2025-04-10", "du 12 décembre 2023 au 5 janvier",
     "2023-12-12/2024-01-05", "day", None),
    ("Depuis le 1er janvier jusqu'au 31 décembre, 3 cas ont été signalés.", "2025-04-10",
     "Depuis le 1er janvier jusqu'au 31 décembre", "2025-01-01/2025-12-31", "day", None),
    ("La grève a duré du 3 mars jusqu'au 5 avril.", "2025-04-10", "du 3 mars jusqu'au 5 avril",
     "2025-03-03/2025-04-05", "day", None),
    ("Depuis le 3 mars jusqu'à aujourd'hui, 120 cas ont été recensés.", "2025-04-10",
     "Depuis le 3 mars jusqu'à aujourd'hui", "2025-03-03/2025-04-10", "day", None),
    ("Il a été hospitalisé du 3 avril au lendemain.", "2025-04-10", "du 3 avril au lendemain",
     "2025-04-03/2025-04-04", "day", None),
    ("Le marché est fermé depuis mardi jusqu'à jeudi.", "2025-04-10", "depuis mardi jusqu'à jeudi",
     "2025-04-08/2025-04-10", "day", None),
]
CASES += MORE_CASES


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


def test_day_without_year_or_publication_date_is_kept_partial(parse):
    # no year can be inferred: ISO 8601's "--MM-DD" / "--MM", with no period bounds
    doc = parse("Le plan a été lancé le 9 avril, après un premier vote en mars.", None)
    assert [(d.text, d.value, d.grain, d.period_start) for d in dates_of(doc)] == [
        ("9 avril", "--04-09", "day", None), ("mars", "--03", "month", None)]


def test_lendemain_follows_the_last_day_named(parse):
    doc = parse("Le 3 avril, la Commission a présenté son plan. Le lendemain, les syndicats ont réagi.", "2025-04-10")
    assert {d.text: d.value for d in dates_of(doc)} == {"3 avril": "2025-04-03", "Le lendemain": "2025-04-04"}


def test_since_the_start_of_a_period_runs_to_publication(parse):
    doc = parse("Les prix reculent depuis la fin de 2023, et le chômage depuis le début de l'année.", "2025-04-10")
    bounds = {d.text: (d.period_start, d.period_end) for d in dates_of(doc)}
    assert bounds == {"depuis la fin de 2023": ("2023-10-01", "2025-04-10"),
                      "depuis le début de l'année": ("2025-01-01", "2025-04-10")}


def test_shift_follows_the_last_day_named(parse):
    doc = parse("Le 3 avril, la Commission a présenté son plan. Deux jours plus tard, les syndicats ont réagi.", "2025-04-10")
    assert {d.text: d.value for d in dates_of(doc)} == {"3 avril": "2025-04-03", "Deux jours plus tard": "2025-04-05"}


def test_ranges_have_bounds(parse):
    doc = parse("Le salon se tiendra du 13 au 15 juillet, puis en fin de semaine prochaine.", "2025-04-10")
    bounds = {d.text: (d.period_start, d.period_end) for d in dates_of(doc)}
    assert bounds["du 13 au 15 juillet"] == ("2025-07-13", "2025-07-15")
    assert bounds["fin de semaine prochaine"] == ("2025-04-17", "2025-04-20")  # Thursday to Sunday


def test_untensed_convention(nlp):
    """`untensed="future"` reads a bare day as the next one (Duckling's convention); the default, the nearest."""
    pipe = nlp.get_pipe("factcheck_dates")

    def read(text):
        doc = nlp.make_doc(text)
        doc._.published = "2013-02-12"
        return [d.value for d in dates_of(nlp(doc))]

    assert read("31 octobre") == ["2012-10-31"]
    saved, pipe.untensed = pipe.untensed, "future"
    try:
        assert read("31 octobre") == ["2013-10-31"]
        assert read("lundi") == ["2013-02-18"]
    finally:
        pipe.untensed = saved


@pytest.mark.parametrize("sentence", [
    "Sa décision a été prise sans concertation.",  # "sa" is not Saturday
    "Le taux est de 1,5 % seulement.",
    "Il a été élu avec 3 et 5 voix d'écart.",
    "Entre 3 et 5 milliards d'euros seront investis.",
    "Il a été élu maire de la ville.",  # "été" the verb
    "Les ventes ont progressé de 13 à 15 % sur un an.",
    "Les candidats ont du 13 au 18 ans.",  # a range of ages, not of days
    "Il a terminé le 2 sur la liste.",  # "le 2" before a counted noun
    "Le PSG s'est imposé le 2 à 0.",  # a score
    "Les patients doivent appeler le 15 avant de se déplacer.",  # the SAMU's number
    "À la veille des élections, le parti est divisé.",  # "à la veille de" is no day
    "Noël Le Graët a démissionné de la fédération.",  # a first name
    "Le marché de Noël attire 2 millions de visiteurs.",
    "Il a passé deux semaines passées à négocier.",  # a duration
    "Appelez le 06 12 34 56 78.",
    "Des 3 derniers candidats, aucun n'a été retenu.",  # "des" without accent is not "dès"
    "Le week-end, les prix des péages montent.",  # a habit, not a weekend
    "Le taux passe du 13 au 18 % par an.",
    "Deux jours après l'attentat, le ministre a démissionné.",  # an event, not a day
    "Il a été libéré deux ans après avoir été condamné.",
    "Il vient trois fois dans la semaine.",  # a frequency
    "Le texte sera examiné dans la semaine suivant le vote.",  # the week after an event
    # no day named before, and a past tense: not a day after publication
    "Deux jours plus tard, il a été libéré.",
    "Le lendemain, les syndicats ont réagi.",
    "Le score était de 0 le 0.",  # no day 0
    "Le rover Perseverance s'est posé sur Mars.",  # the planet
    "Marine Janvier a été réélue.",  # a name
    "Un élève sur trois, soit 1/3 des effectifs, a échoué.",  # a fraction
    "Voir page 1/1 du rapport.",
    "Il s'est imposé 6/4, 6/3 en finale.",  # tennis sets
    "L'équipe s'est qualifiée pour le 1/4 de finale.",
    "Le taux est passé de 1/4 à 1/3.",
    "Il a 2/3 des sièges.",
    "Ce poisson d'avril a fait rire les internautes.",
    "La campagne Octobre rose a débuté.",  # a month's name capitalised, alone: a title
    "L'exploration de Mars coûte cher.",
    "Il y a 3000 ans, les Égyptiens comptaient déjà les jours.",  # before year 1: no date, no error
])
def test_not_dates(parse, sentence):
    assert dates_of(parse(sentence, "2025-04-10")) == []


def test_every_week_is_not_a_range(parse):
    # "du lundi au vendredi" is a habit: no range of days is made of it
    mentions = dates_of(parse("Le guichet est ouvert du lundi au vendredi.", "2025-04-10"))
    assert all("/" not in m.value for m in mentions)


def test_not_a_range(parse):
    # the verb "a" is not the link "à"; "le dimanche" is every Sunday
    for sentence in ("Le texte en vigueur depuis le 3 mars a hier été modifié.",
                     "La piscine est ouverte le dimanche jusqu'au 30 juin."):
        assert all("/" not in m.value for m in dates_of(parse(sentence, "2025-04-10"))), sentence


def test_months_of_unknown_year_keep_their_span(parse):
    assert [(d.text, d.value) for d in dates_of(parse("Les soldes auront lieu en avril-mai.", None))] == [
        ("avril-mai", "--04/--05")]


def test_no_day_of_unknown_year_from_inside_a_longer_date(parse):
    # undated: "le lendemain du 13 février" is no 13 February, "du 3 au 5 mai" no 5 May
    for sentence in ("Le lendemain du 13 février, il est parti.", "Du 3 au 5 mai, la grève a paralysé le site.",
                     "Trois jours après le 4 août, la loi a été votée."):
        assert dates_of(parse(sentence, None)) == [], sentence


def test_two_full_dates_of_different_years_stay_apart(parse):
    mentions = dates_of(parse("La guerre a duré du 1er septembre 1939 au 2 septembre 1945.", "2025-04-10"))
    assert [m.value for m in mentions] == ["1939-09-01", "1945-09-02"]


def test_a_day_zero_after_a_weekday_is_not_read(parse):
    # hypothesis found "jeudi 0" raising; the weekday alone is the date
    mentions = dates_of(parse("L'équipe a perdu jeudi 0 à 3.", "2025-04-10"))
    assert [(m.text, m.value) for m in mentions] == [("jeudi", "2025-04-10")]
