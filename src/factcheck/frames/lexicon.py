"""Words to concepts: a French Snowball stemmer, then the rules' groups of words for one thing.

Pure Python (no spaCy): the rules use it when they are loaded, the comparison when it reads
claims. "interpellations", "interpellées" and "interpeller" share the stem "interpel"; the
rules' `frames.same_thing` groups join stems a stemmer cannot ("mort", "tué", "décès").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from ..text import fold

# Words skipped when a phrase is stemmed: articles and the preposition "de".
PHRASE_STOPWORDS = {"le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "se", "s"}
_WORD = re.compile(r"[\w-]+")

_stemmer = snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one word, folded after stemming: "Interpellées" -> "interpel"; each
    part of a compound: "sapeurs-pompiers" and "sapeur-pompier" -> "sapeur-pompi"."""
    return "-".join(fold(_stemmer.stemWord(part)) for part in word.lower().split("-"))


# Past participle endings and the infinitive endings they may come from: the stemmer leaves
# "parcourus" and "détruits" apart from "parcourir" and "détruire".
_PARTICIPLES = (("ées", "er"), ("ée", "er"), ("és", "er"), ("é", "er"), ("ues", "ir"), ("ue", "ir"), ("us", "ir"),
                ("u", "ir"), ("ies", "ir"), ("ie", "ir"), ("is", "ir"), ("i", "ir"), ("tes", "re"), ("te", "re"),
                ("ts", "re"), ("t", "re"), ("ues", "re"), ("ue", "re"), ("us", "re"), ("u", "re"))


def participle_stems(word: str) -> set[str]:
    """For a word that may be a past participle, the stems of the infinitives it may come
    from: "parcourue" -> {"parcour"}, "détruits" -> {"detruir", ...}; "mobilisation" -> {}."""
    lower = word.lower()
    stems = set()
    for ending, infinitive in _PARTICIPLES:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stems.add(stem(lower[: -len(ending)] + infinitive))
    return stems


def stem_phrase(phrase: str) -> str:
    """The stems of a phrase's content words joined by "_": "perdre la vie" -> "perdr_vi"."""
    words = [w for w in _WORD.findall(phrase.lower().replace("’", "'")) if fold(w) not in PHRASE_STOPWORDS]
    return "_".join(stem(w) for w in words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The concept of a word or phrase: the first stem of its `same_thing` group, else its stem."""

    groups: dict[str, str] = field(default_factory=dict)  # stem -> canonical stem
    generic: frozenset[str] = frozenset()  # stems of nouns that say nothing of what is counted
    light: frozenset[str] = frozenset()  # stems of verbs that report or reach a figure
    tolls: frozenset[str] = frozenset()  # concepts whose count only grows as an event goes on
    constants: frozenset[str] = frozenset()  # concepts that do not change over a story's days
    tenths: frozenset[str] = frozenset()  # concepts always stated to a tenth: "7" is 7,0

    @classmethod
    def build(
        cls, same_thing: list[list[str]], generic_nouns: list[str], light_verbs: list[str], tolls: list[str] = (),
        constants: list[str] = (), tenths: list[str] = (),
    ) -> "Lexicon":
        groups: dict[str, str] = {}
        for words in same_thing:
            stems = [stem_phrase(w) for w in words]
            for s in stems:
                groups.setdefault(s, stems[0])
        def concepts(words: list[str]) -> frozenset[str]:
            return frozenset(groups.get(s, s) for s in map(stem_phrase, words))

        generic = frozenset(stem_phrase(w) for w in generic_nouns)
        return cls(groups, generic, frozenset(stem_phrase(w) for w in light_verbs), concepts(tolls), concepts(constants),
                   concepts(tenths))

    def shape(self) -> tuple:
        """The lexicon as sorted tuples: the same words give the same value in every process."""
        return (sorted(self.groups.items()), sorted(self.generic), sorted(self.light), sorted(self.tolls),
                sorted(self.constants), sorted(self.tenths))

    def concept(self, phrase: str | None) -> str | None:
        if not phrase:
            return None
        s = stem_phrase(phrase)
        return self.groups.get(s, s) or None

    def concept_of_stem(self, s: str) -> str:
        return self.groups.get(s, s)

    def concept_of_word(self, word: str) -> str:
        """The concept of one word: its stem, joined by the rules' groups."""
        return self.concept_of_stem(stem(word))

    def key_of(self, *words: str) -> str:
        """The what of a noun and its complement: "taux de chômage" -> "taux|chomag"."""
        return "|".join(self.concept_of_word(w) for w in words)

    def is_generic(self, phrase: str) -> bool:
        return stem_phrase(phrase) in self.generic

    def is_light(self, verb: str) -> bool:
        return stem_phrase(verb) in self.light
