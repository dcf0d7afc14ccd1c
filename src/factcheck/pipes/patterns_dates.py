"""French date words, as data. Keys are folded forms (see `numbers.fold`)."""

# Month names written out, and their press abbreviations ("sept" alone is also 7: see FULL_MONTHS).
MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}


def month_word(word: str) -> str:
    """A folded word with the dot the tokenizer keeps on a month abbreviation dropped: "sept." -> "sept"."""
    return word[:-1] if word.endswith(".") and word[:-1] in MONTHS else word


FULL_MONTHS = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

# Ordinals that number a quarter or a half: "premier trimestre", "3e trimestre", "second semestre".
PERIOD_ORDINALS = {
    "premier": 1, "1er": 1, "1e": 1, "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2,
    "troisieme": 3, "3e": 3, "3eme": 3, "quatrieme": 4, "4e": 4, "4eme": 4, "dernier": -1,
}

# Words before a date that say which part of it, or which side of it, is meant.
#   start/middle/end narrow the period ("fin 2025": the last months of 2025);
#   deadline runs from publication to the end of the period ("d'ici 2030");
#   since runs from the start of the period to publication ("depuis 2016").
MODIFIERS = {
    ("fin",): "end", ("fin", "de"): "end", ("fin", "d'"): "end",
    ("debut",): "start", ("debut", "de"): "start", ("debut", "d'"): "start",
    ("mi",): "middle", ("mi", "-"): "middle",
    ("d'", "ici"): "deadline", ("d'", "ici", "a"): "deadline", ("d'", "ici", "au"): "deadline",
    ("d'", "ici", "la", "fin", "de"): "deadline", ("d'", "ici", "fin"): "deadline",
    ("jusqu'en",): "deadline", ("jusqu'", "en"): "deadline", ("avant",): "deadline",
    ("a", "l'", "horizon"): "deadline", ("horizon",): "deadline",
    ("depuis",): "since", ("depuis", "le"): "since", ("des",): "since", ("a", "partir", "de"): "since", ("a", "partir", "d'"): "since",
}

# Words before a bare year that make it a date ("en 2028", "pour 2025", "Objectif 2027").
YEAR_OPENERS = {"en", "pour", "vers", "apres", "objectif", "annee", "exercice", "courant", "au", "de", "l'an"}

# Relative expressions: (words, unit, offset). "l'an dernier" is the publication year minus one.
RELATIVE = [
    (("l'an", "dernier"), "year", -1), (("l'", "an", "dernier"), "year", -1),
    (("l'", "annee", "derniere"), "year", -1), (("l'", "annee", "passee"), "year", -1),
    (("l'", "an", "passe"), "year", -1),
    (("l'", "an", "prochain"), "year", 1), (("l'", "annee", "prochaine"), "year", 1),
    (("cette", "annee"), "year", 0), (("l'", "annee", "en", "cours"), "year", 0),
    (("le", "mois", "dernier"), "month", -1), (("le", "mois", "prochain"), "month", 1),
    (("ce", "mois-ci"), "month", 0),
    (("la", "semaine", "derniere"), "week", -1), (("la", "semaine", "prochaine"), "week", 1),
    (("cette", "semaine"), "week", 0),
    (("hier",), "day", -1), (("aujourd'hui",), "day", 0), (("demain",), "day", 1),
    (("avant-hier",), "day", -2), (("apres-demain",), "day", 2),
    (("avant", "hier"), "day", -2), (("apres", "demain"), "day", 2),
]
RELATIVE_UNITS = {
    "an": "year", "ans": "year", "annee": "year", "annees": "year", "mois": "month",
    "semaine": "week", "semaines": "week", "jour": "day", "jours": "day",
}
