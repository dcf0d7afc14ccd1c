"""French date words, as data. Keys are folded forms (see `numbers.fold`)."""

# Month names written out, and their press abbreviations ("sept" alone is also 7: see FULL_MONTHS).
MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}


def month_word(word: str) -> str:
    """A folded word with the dot the tokenizer keeps on a month abbreviation dropped: "sept." -> "sept"."""
    return word[:-1] if word.endswith(".") and word[:-1] in MONTHS else word


# Letters that stand for an apostrophe in some texts ("aujourdʼhui"): read as "'" (fold maps only U+2019).
APOSTROPHE_LIKE = str.maketrans({c: "'" for c in "\u02bb\u055a\ua78c\uff07\u2035\u02b9\u02bc`\u00b4"})


FULL_MONTHS = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
}
# Capitalised month names that are also names: "Mars" (the planet), "Mai", "Avril", "Janvier", "Juin"
# (people). After "de", "vers", "pour" ("l'exploration de Mars") they are not read as months; with a
# year or a day ("Mars 2024", "1er Mai") or after "en", "fin", "début" they are.
MONTH_NAMESAKES = {"Mars", "Mai", "Avril", "Janvier", "Juin", "MARS", "MAI", "AVRIL", "JANVIER", "JUIN"}
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
    ("fin", "du"): "end",
    ("debut",): "start", ("debut", "de"): "start", ("debut", "d'"): "start", ("debut", "du"): "start",
    ("milieu", "de"): "middle", ("milieu", "d'"): "middle", ("milieu", "du"): "middle",
    ("mi",): "middle", ("mi", "-"): "middle",
    ("d'", "ici"): "deadline", ("d'", "ici", "a"): "deadline", ("d'", "ici", "au"): "deadline",
    ("d'", "ici", "la", "fin", "de"): "deadline", ("d'", "ici", "fin"): "deadline",
    ("jusqu'en",): "deadline", ("jusqu'", "en"): "deadline", ("avant",): "deadline",
    ("a", "l'", "horizon"): "deadline", ("horizon",): "deadline",
    ("depuis",): "since", ("depuis", "le"): "since", ("des",): "since", ("a", "partir", "de"): "since", ("a", "partir", "d'"): "since",
    ("a", "partir", "du"): "since", ("apres", "le"): "since",
}

# Words before a bare year that make it a date ("en 2028", "pour 2025", "Objectif 2027").
YEAR_OPENERS = {"en", "pour", "vers", "apres", "objectif", "annee", "exercice", "courant", "au", "de", "l'an"}

# Relative expressions: (words, unit, offset). "l'an dernier" is the publication year minus one.
# Some have no article, as inside "du mois dernier" or "début de semaine prochaine".
RELATIVE = [
    (("l'an", "dernier"), "year", -1), (("l'", "an", "dernier"), "year", -1),
    (("l'", "annee", "derniere"), "year", -1), (("l'", "annee", "passee"), "year", -1),
    (("l'", "an", "passe"), "year", -1), (("l'", "annee", "precedente"), "year", -1),
    (("l'", "an", "prochain"), "year", 1), (("l'", "annee", "prochaine"), "year", 1),
    (("l'", "annee", "suivante"), "year", 1),
    (("cette", "annee"), "year", 0), (("l'", "annee", "en", "cours"), "year", 0),
    (("annee", "derniere"), "year", -1), (("annee", "prochaine"), "year", 1),
    (("le", "mois", "dernier"), "month", -1), (("le", "mois", "prochain"), "month", 1),
    (("le", "mois", "passe"), "month", -1), (("le", "mois", "precedent"), "month", -1),
    (("le", "mois", "suivant"), "month", 1), (("le", "mois", "en", "cours"), "month", 0),
    (("ce", "mois-ci"), "month", 0), (("ce", "mois"), "month", 0),
    (("mois", "dernier"), "month", -1), (("mois", "prochain"), "month", 1),
    (("la", "semaine", "derniere"), "week", -1), (("la", "semaine", "prochaine"), "week", 1),
    (("la", "semaine", "passee"), "week", -1), (("la", "semaine", "precedente"), "week", -1),
    (("la", "semaine", "suivante"), "week", 1), (("la", "semaine", "d'", "apres"), "week", 1),
    (("la", "semaine", "qui", "suit"), "week", 1), (("la", "semaine", "en", "cours"), "week", 0),
    (("cette", "semaine"), "week", 0),
    (("semaine", "derniere"), "week", -1), (("semaine", "prochaine"), "week", 1),
    (("hier",), "day", -1), (("aujourd'hui",), "day", 0), (("demain",), "day", 1),
    (("avant-hier",), "day", -2), (("apres-demain",), "day", 2),
    (("avant", "hier"), "day", -2), (("apres", "demain"), "day", 2),
    (("le", "jour", "d'", "avant"), "day", -1), (("le", "jour", "precedent"), "day", -1),
    (("le", "jour", "d'", "apres"), "day", 1), (("le", "jour", "suivant"), "day", 1), (("jour", "suivant"), "day", 1),
    (("ce", "jour"), "day", 0),
]
RELATIVE_UNITS = {
    "an": "year", "ans": "year", "annee": "year", "annees": "year", "mois": "month",
    "semaine": "week", "semaines": "week", "jour": "day", "jours": "day",
}

# "deux jours plus tard", "trois semaines après le 3 mars", "un an avant": a count of units after (1) or
# before (-1) a date written next, else the last day the text named. "après"/"avant" also take that date.
SHIFT_WORDS = {("plus", "tard"): 1, ("apres",): 1, ("avant",): -1, ("plus", "tot"): -1, ("auparavant",): -1}
# "dans la journée", "dans la semaine": the publication day or week (not "dans la semaine du 6 octobre").
WITHIN_CURRENT = {("dans", "la", "journee"): "day", ("dans", "la", "semaine"): "week"}

# "la veille", "le lendemain": followed by "de"/"du" and a date, they shift that date ("le lendemain du 13 février").
DAY_NEIGHBOURS = {
    ("la", "veille"): -1, ("l'", "avant-veille"): -2, ("le", "lendemain"): 1, ("lendemain",): 1,
    ("le", "surlendemain"): 2,
}
# "mardi de la semaine prochaine", "lundi en huit" (the next such day plus a week), "lundi en quinze".
WEEKDAY_LATER = {("en", "huit"): 7, ("en", "8"): 7, ("en", "quinze"): 14, ("en", "15"): 14}
# "mardi suivant", "mercredi d'après": that weekday in the next week.
WEEKDAY_NEXT_WEEK = {("suivant",), ("d'", "apres")}

# "les 3 derniers mois", "2 semaines passées", "les 3 prochaines années": whole units before or after the current one.
COUNTED_DIRECTIONS = {
    "dernier": -1, "derniers": -1, "derniere": -1, "dernieres": -1, "passe": -1, "passes": -1, "passee": -1,
    "passees": -1, "precedent": -1, "precedents": -1, "precedente": -1, "precedentes": -1,
    "prochain": 1, "prochains": 1, "prochaine": 1, "prochaines": 1, "suivant": 1, "suivants": 1,
    "suivante": 1, "suivantes": 1,
}

# The current week, month or year, named after a modifier: "en fin de semaine", "au début de l'année".
CURRENT_UNITS = {
    ("semaine",): "week", ("la", "semaine"): "week", ("mois",): "month", ("le", "mois"): "month",
    ("annee",): "year", ("l'", "annee"): "year",
}
# "fin du mois de mars", "début du mois d'avril": words before a month name.
MONTH_LEADS = {("mois", "de"), ("mois", "d'")}

# Day ranges: "du 13 au 15 juillet", "entre le 13 et le 15 juillet", "13-15 juillet".
RANGE_OPENERS = [("entre", "le"), ("entre",), ("du",)]
RANGE_LINKS = [
    ("jusqu'", "au"), ("jusqu'au",), ("jusqu'", "a"), ("jusqu'a",), ("au",), ("a",), ("-",), ("et", "le"), ("et",),
]

# Parts of a month: "la première semaine d'octobre", "le dernier jour de mars", "la deuxième quinzaine d'avril",
# "le premier mercredi du mois prochain". dernier = -1.
PART_ORDINALS = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "1ere": 1, "deuxieme": 2, "second": 2, "seconde": 2,
    "2e": 2, "2eme": 2, "troisieme": 3, "3e": 3, "3eme": 3, "quatrieme": 4, "4e": 4, "4eme": 4,
    "cinquieme": 5, "5e": 5, "5eme": 5, "dernier": -1, "derniere": -1,
}
MONTH_PARTS = {"semaine", "jour", "quinzaine"}

# Holidays: fixed (month, day), or days after Easter Sunday ("easter", n). Folded words.
HOLIDAYS = {
    ("noel",): (12, 25), ("reveillon", "de", "noel"): (12, 24),
    ("jour", "de", "l'", "an"): (1, 1), ("nouvel", "an"): (1, 1),
    ("saint-sylvestre",): (12, 31), ("saint", "sylvestre"): (12, 31),
    ("reveillon", "du", "nouvel", "an"): (12, 31), ("reveillon", "de", "nouvel", "an"): (12, 31),
    ("reveillon", "de", "la", "saint-sylvestre"): (12, 31),
    ("toussaint",): (11, 1), ("fete", "du", "travail"): (5, 1), ("saint-valentin",): (2, 14),
    ("fete", "de", "la", "musique"): (6, 21), ("assomption",): (8, 15),
    ("paques",): ("easter", 0), ("lundi", "de", "paques"): ("easter", 1), ("ascension",): ("easter", 39),
    ("pentecote",): ("easter", 49), ("lundi", "de", "pentecote"): ("easter", 50),
    # French Mother's and Father's days: last Sunday of May (first of June when it is Pentecost), third of June
    ("fete", "des", "meres"): ("mothers", 0), ("fete", "des", "peres"): ("fathers", 0),
    # the American holiday French news reports on: the fourth Thursday of November
    ("thanksgiving",): ("thanksgiving", 0), ("jour", "de", "thanksgiving"): ("thanksgiving", 0),
}
# "ce week-end", "le week-end dernier": Saturday and Sunday.
WEEKEND_WORDS = {"week-end", "weekend", "week-ends", "weekends"}
# A holiday word is a first name before a capitalised name ("Noël Le Graët"), a figure after "père", and
# a thing after "de" ("marché de Noël", "sapin de Noël") unless a time word comes before ("la nuit de Noël").
HOLIDAY_NOT_AFTER = {"pere", "de", "du", "des", "d'"}
HOLIDAY_TIME_WORDS = {
    "jour", "journee", "veille", "lendemain", "reveillon", "nuit", "soir", "soiree", "matin", "vacances",
    "fetes", "fete", "treve", "periode", "semaine", "week-end", "weekend", "pont",
}

# Seasons: first and last (month, day), the astronomical dates Duckling uses; TIMEX3 codes.
SEASONS = {
    "printemps": ("SP", (3, 20), (6, 20)), "ete": ("SU", (6, 21), (9, 23)),
    "automne": ("FA", (9, 24), (12, 20)), "hiver": ("WI", (12, 21), (3, 20)),
}
# Words that make "été" the season, not the verb: "cet été", "l'été", "en été".
SEASON_OPENERS = {"cet", "ce", "l'", "en", "au", "le", "d'"}

# "appeler le 15", "composer le 17": emergency numbers (SAMU 15, police 17, pompiers 18), not days.
CALL_VERBS = {"appeler", "composer", "joindre", "contacter", "rappeler", "numeroter"}

# "d'ici 3 mois", "dans les 15 jours": from publication to that many units later.
WITHIN_OPENERS = [("d'", "ici", "a"), ("d'", "ici"), ("dans", "les"), ("sous",)]
# Month ranges: "entre février et mars 2023", "de janvier à mars", "d'avril à juin 2024".
MONTH_RANGE_LINKS = {("entre",): ("et",), ("de",): ("a",), ("d'",): ("a",)}

# Verbs of planning: in the present passive ("est prévu", "sont attendus") they look ahead.
PLAN_LEMMAS = {"prevoir", "programmer", "planifier", "attendre", "envisager", "fixer", "annoncer"}
# Verbs that move an event: the date after "au"/"à" is the new one, ahead ("reporté au 25 juin").
POSTPONE_LEMMAS = {"reporter", "repousser", "decaler", "differer", "ajourner", "renvoyer", "avancer"}
