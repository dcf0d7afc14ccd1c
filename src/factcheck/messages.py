"""The words of the review page and the terminal summary: one table per language.

French is the default, the newsroom's language; `--lang en` gives English. Every string a
reader sees on the page or in the summary is here, as a `str.format` template; a word that
changes with a count has two entries, `KEY_one` and `KEY_other` (French uses the singular for
0 and 1, English for 1 alone). What the articles and the rules say (sentences, titles, labels)
is shown as written, in any language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_LANGUAGE = "fr"

FR: dict[str, str] = {
    # the page
    "page_title": "factcheck : chiffres qui divergent",
    "heading": "Chiffres qui divergent",
    "discrepancies_one": "{count} divergence",
    "discrepancies_other": "{count} divergences",
    "false_alarms_one": "{count} marquée comme fausse alerte",
    "false_alarms_other": "{count} marquées comme fausses alertes",
    "figures_from_one": "{figures} chiffres tirés de {count} article",
    "figures_from_other": "{figures} chiffres tirés de {count} articles",
    "inputs_not_read_one": "{count} fichier non lu",
    "inputs_not_read_other": "{count} fichiers non lus",
    "no_discrepancy": "Aucune divergence : les chiffres que les règles comparent concordent.",
    "no_match": "Aucune divergence ne correspond à ces filtres.",
    "severity.conflict": "Conflits",
    "severity.conflict.meaning": "les deux chiffres ne peuvent pas être vrais tous les deux",
    "severity.review": "À vérifier",
    "severity.review.meaning": "un lecteur pourrait prendre un chiffre pour l'autre",
    "severity.info": "Pour information",
    "severity.info.meaning": "bon à savoir, pas une erreur",
    "badge.conflict": "conflit",
    "badge.review": "à vérifier",
    "badge.info": "info",
    "button.conflict": "Conflits",
    "button.review": "À vérifier",
    "button.info": "Info",
    "filters": "Filtres",
    "filter.severity": "Gravité",
    "filter.topic": "Sujet",
    "filter.article": "Article",
    "all": "Tous",
    "all_topics": "Tous les sujets",
    "all_articles": "Tous les articles",
    "reset": "Effacer",
    "reset_title": "effacer les filtres",
    "shown_of": "sur",
    "shown": "affichées",
    "false_alarm_one": "fausse alerte",
    "false_alarm_other": "fausses alertes",
    "topic": "Sujet",
    "measure": "mesure",
    "rule": "règle",
    "id_title": "identifiant de la divergence, pour la marquer comme fausse alerte",
    "copy_suppression": "Fausse alerte ? Copier",
    "copy_suppression_title": "copie l'entrée à coller dans rules/suppressions.yaml (ou : factcheck suppress {id} --reason \"…\")",
    "copied": "Copié",
    "reason_placeholder": "pourquoi ce n'est pas une erreur",
    "marked_false_alarm": "Marquée comme fausse alerte :",
    "why": "Pourquoi :",
    # why a row is there, by type, in the page's words (English shows the reports' full explanation)
    "why.conflict": "les deux chiffres ne peuvent pas être vrais tous les deux pour la même chose, au même endroit et au même moment : {a} contre {b}.",
    "why.disputed": "la même chose, au même endroit et au même moment, comptée par deux sources : {a} selon {source_a}, {b} selon {source_b}.",
    "why.update": "la même chose au même endroit, redonnée plus tard avec un chiffre plus élevé : {a}, puis {b} (un bilan révisé).",
    "why.related": "deux chiffres voisins qu'un lecteur pourrait prendre l'un pour l'autre : {a} et {b}.",
    "why.shares_over_100": "des parts d'un même tout, dans le même article, dont la somme dépasse 100 % : {a} et {b}, entre autres.",
    "why.multiplier_mismatch": "dans le même article, un rapport annoncé entre {a} et {b} ne correspond pas aux deux chiffres.",
    "why.confidence": " Confiance : {confidence}.",
    "versus": "contre",
    "as_written": "Tel qu'écrit",
    "normalised": "Valeur normalisée",
    "time_scope": "Période",
    "actor": "Acteur",
    "unknown": "inconnu",
    "according_to": "Selon",
    "place": "Lieu",
    "subject": "Objet",
    "times_stated": "Fois cité",
    "in_articles": " dans {count} articles",
    "also_in": "Aussi dans",
    "other_articles": "{count} autres articles",
    "published": "publié le {date}",
    "date_unknown": "date de publication inconnue",
    "at_least": "au moins {value}",
    "at_most": "au plus {value}",
    "about": "environ {value}",
    "no_single_value": "pas de valeur unique",
    "interval": "{value} ; intervalle {range}",
    "range": "{low} à {high}",
    "not_stated": "non précisé",
    "scope.sentence": "{date}{span}, indiqué dans la phrase",
    "scope.column": "{date}{span}, indiqué dans l'en-tête du tableau",
    "scope.future": "à partir du {start} (futur ou conditionnel, sans date)",
    "scope.published": "{date} : date de publication, sans date indiquée",
    "scope.span": " (du {start} au {end})",
    "short_scope.future": "à partir du {start} (futur)",
    "short_scope.sentence": "indiquée",
    "short_scope.column": "en-tête du tableau",
    "short_scope.published": "date de publication",
    "modality.fact": "présenté comme un fait",
    "modality.estimate": "une estimation",
    "modality.forecast": "une prévision (futur)",
    "modality.conditional": "au conditionnel",
    "modality.target": "un objectif",
    "modality.negated": "nié",
    "kind.money": "montant",
    "kind.count": "nombre",
    "kind.percent": "pourcentage",
    "all_figures": "Tous les chiffres",
    "figures_shown": "{shown} sur {total}",
    "figures_note": "affichés ; un bord rouge marque ceux d'une divergence",
    "figures_capped": "(les {shown} premiers, dans l'ordre des articles ; claims.csv les donne tous : {total})",
    "cards_capped": "Cette page montre les {shown} premières, les plus sûres d'abord ; "
                    "discrepancies.csv les donne toutes ({total}, fausses alertes comprises).",
    "in_discrepancy": "fait partie d'une divergence ci-dessus",
    "col.article": "Article",
    "col.figure": "Chiffre et sa phrase",
    "col.normalised": "Valeur normalisée",
    "col.scope": "Période",
    "col.actor": "Acteur",
    "col.topic": "Sujet / mesure",
    "col.modality": "Modalité",
    "inputs_not_read": "Fichiers non lus",
    "see_skipped": "{count}, voir skipped.csv",
    "footer": "factcheck {version} · les mêmes données sont dans claims.csv et discrepancies.csv "
              "(docs/reports.md décrit chaque colonne)",
    "decimal": ",",
    "months": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # the terminal summary
    "summary.read": "articles lus : {read}, ignorés : {skipped}",
    "summary.notes": "remarques : {notes} sur {articles} article(s) lu(s) après réparation (listées plus haut : 'note CHEMIN: …')",
    "summary.claims": "chiffres : {claims}{breakdown} ; nombres vus : {seen}, gardés comme chiffres : {share}",
    "summary.discrepancies": "divergences : {count}{breakdown}",
    "summary.suppressed": " ; marquées comme fausses alertes : {count}",
    "summary.stale": "remarque : la fausse alerte {id} ne correspond à aucune divergence de ce passage",
    "summary.reports": "rapports : {paths}",
    "summary.cache": "cache : {hits} article(s) repris, {misses} analysé(s) ({path})",
    "summary.store": "exécution n° {run} dans ce dossier : {stored} article(s) repris du stock (fichiers inchangés), {new} divergence(s) nouvelle(s)",
    "n/a": "n.d.",
    "type.conflict": "conflit",
    "type.disputed": "contesté",
    "type.update": "mise à jour",
    "type.related": "lié",
    "type.review": "à vérifier",
    "type.info": "info",
    "suppress.done": "{file} : {id} marquée comme fausse alerte ({reason}) ; relancez factcheck pour la voir barrée",
}

EN: dict[str, str] = {
    "page_title": "factcheck: figures that disagree",
    "heading": "Figures that disagree",
    "discrepancies_one": "{count} discrepancy",
    "discrepancies_other": "{count} discrepancies",
    "false_alarms_one": "{count} marked as false alarm",
    "false_alarms_other": "{count} marked as false alarms",
    "figures_from_one": "{figures} figures from {count} article",
    "figures_from_other": "{figures} figures from {count} articles",
    "inputs_not_read_one": "{count} input not read",
    "inputs_not_read_other": "{count} inputs not read",
    "no_discrepancy": "No discrepancy: the figures that the rules compare agree.",
    "no_match": "No discrepancy matches these filters.",
    "severity.conflict": "Conflicts",
    "severity.conflict.meaning": "the two figures cannot both be true",
    "severity.review": "To review",
    "severity.review.meaning": "a reader could take one figure for the other",
    "severity.info": "For information",
    "severity.info.meaning": "worth knowing, not an error",
    "badge.conflict": "conflict",
    "badge.review": "review",
    "badge.info": "info",
    "button.conflict": "Conflict",
    "button.review": "Review",
    "button.info": "Info",
    "filters": "Filters",
    "filter.severity": "Severity",
    "filter.topic": "Topic",
    "filter.article": "Article",
    "all": "All",
    "all_topics": "All topics",
    "all_articles": "All articles",
    "reset": "Reset",
    "reset_title": "clear the filters",
    "shown_of": "of",
    "shown": "shown",
    "false_alarm_one": "false alarm",
    "false_alarm_other": "false alarms",
    "topic": "Topic",
    "measure": "measure",
    "rule": "rule",
    "id_title": "discrepancy id, for suppressions",
    "copy_suppression": "False alarm? Copy",
    "copy_suppression_title": "copies the entry to paste into rules/suppressions.yaml (or: factcheck suppress {id} --reason \"…\")",
    "copied": "Copied",
    "reason_placeholder": "why this is not an error",
    "marked_false_alarm": "Marked as a false alarm:",
    "why": "Why:",
    # (the English page shows the reports' full explanation; these are its short forms)
    "why.conflict": "both figures cannot be true for the same thing, place and time: {a} vs {b}.",
    "why.disputed": "the same thing, place and time, counted by two sources: {a} according to {source_a}, {b} according to {source_b}.",
    "why.update": "the same thing and place, given again later with a higher figure: {a}, then {b} (a revised count).",
    "why.related": "two close figures a reader could take one for the other: {a} and {b}.",
    "why.shares_over_100": "shares of one whole, in one article, that add up to more than 100 %: {a} and {b}, among others.",
    "why.multiplier_mismatch": "in one article, a ratio stated between {a} and {b} does not match the two figures.",
    "why.confidence": " Confidence: {confidence}.",
    "versus": "vs",
    "as_written": "As written",
    "normalised": "Normalised",
    "time_scope": "Time scope",
    "actor": "Actor",
    "unknown": "unknown",
    "according_to": "According to",
    "place": "Place",
    "subject": "Subject",
    "times_stated": "Times stated",
    "in_articles": " in {count} articles",
    "also_in": "Also in",
    "other_articles": "{count} other articles",
    "published": "published {date}",
    "date_unknown": "publication date unknown",
    "at_least": "at least {value}",
    "at_most": "at most {value}",
    "about": "about {value}",
    "no_single_value": "no single value",
    "interval": "{value}; interval {range}",
    "range": "{low} to {high}",
    "not_stated": "not stated",
    "scope.sentence": "{date}{span}, stated in the sentence",
    "scope.column": "{date}{span}, stated in the table header",
    "scope.future": "from {start} on (future or conditional, no date stated)",
    "scope.published": "{date}: publication date, no date stated",
    "scope.span": " ({start} to {end})",
    "short_scope.future": "from {start} (future)",
    "short_scope.sentence": "stated",
    "short_scope.column": "table header",
    "short_scope.published": "publication date",
    "modality.fact": "stated as a fact",
    "modality.estimate": "an estimate",
    "modality.forecast": "a forecast (future tense)",
    "modality.conditional": "conditional",
    "modality.target": "a target",
    "modality.negated": "negated",
    "kind.money": "money",
    "kind.count": "count",
    "kind.percent": "percent",
    "all_figures": "All figures",
    "figures_shown": "{shown} of {total}",
    "figures_note": "shown; a red edge marks those in a discrepancy",
    "figures_capped": "(the first {shown}, in article order; claims.csv lists all {total})",
    "cards_capped": "This page shows the first {shown}, most confident first; "
                    "discrepancies.csv lists all {total}, false alarms included.",
    "in_discrepancy": "part of a discrepancy above",
    "col.article": "Article",
    "col.figure": "Figure and its sentence",
    "col.normalised": "Normalised",
    "col.scope": "Time scope",
    "col.actor": "Actor",
    "col.topic": "Topic / measure",
    "col.modality": "Modality",
    "inputs_not_read": "Inputs not read",
    "see_skipped": "{count}, see skipped.csv",
    "footer": "factcheck {version} · the same data is in claims.csv and discrepancies.csv "
              "(docs/reports.md describes every column)",
    "decimal": ".",
    "months": "January February March April May June July August September October November December",
    "summary.read": "articles read: {read}, skipped: {skipped}",
    "summary.notes": "notes: {notes} on {articles} article(s) read with a repair (listed above as 'note PATH: ...')",
    "summary.claims": "claims: {claims}{breakdown}; numbers seen: {seen}, kept as claims: {share}",
    "summary.discrepancies": "discrepancies: {count}{breakdown}",
    "summary.suppressed": "; suppressed as false alarms: {count}",
    "summary.stale": "note: suppression {id} matches no discrepancy of this run",
    "summary.reports": "reports: {paths}",
    "summary.cache": "cache: {hits} article(s) reused, {misses} parsed ({path})",
    "summary.store": "run {run} in this folder: {stored} article(s) taken from the store (files unchanged), {new} new discrepancy(ies)",
    "n/a": "n/a",
    "type.conflict": "conflict",
    "type.disputed": "disputed",
    "type.update": "update",
    "type.related": "related",
    "type.review": "review",
    "type.info": "info",
    "suppress.done": "{file}: {id} marked as a false alarm ({reason}); run factcheck again to see it struck through",
}

TABLES: Mapping[str, Mapping[str, str]] = {"fr": FR, "en": EN}
LANGUAGES = tuple(TABLES)


@dataclass(frozen=True, slots=True)
class Messages:
    """The strings of one language: `t("key", name=value)`, `t.n("key", count)` for plurals."""

    lang: str = DEFAULT_LANGUAGE

    def __call__(self, key: str, **values: object) -> str:
        return TABLES[self.lang][key].format(**values)

    def n(self, key: str, count: int, **values: object) -> str:
        """The singular or plural form of `key` for `count` (French: 0 and 1 are singular)."""
        one = count < 2 if self.lang == "fr" else count == 1
        return self(f"{key}_{'one' if one else 'other'}", count=count, **values)

    def date(self, day: dt.date) -> str:
        """A date as a reader of the language writes it: "1er juillet 2024", "10 April 2025"."""
        month = self("months").split()[day.month - 1]
        if self.lang == "fr":
            return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
        return f"{day.day} {month} {day.year}"

    def get(self, key: str, default: str) -> str:
        """The string for `key`, or `default` when the table has none (a value the tables do not know)."""
        return TABLES[self.lang].get(key, default)


def messages(lang: str = DEFAULT_LANGUAGE) -> Messages:
    """The messages of `lang` ("fr" or "en")."""
    if lang not in TABLES:
        raise ValueError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return Messages(lang)
