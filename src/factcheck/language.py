"""Which language an article is written in, so that the French pipeline reads only French.

lingua-language-detector (a maintained library, deterministic, accurate on short texts, its
models shipped inside the wheel) compares French with the languages a French newsroom's feeds
also carry. An article is called foreign only when the other language is nearly certain and
French nearly excluded: a French article full of English loanwords ("gigafactories d'IA",
"cloud") stays French.
"""

from __future__ import annotations

from functools import cache

# The languages an article is weighed against (Latin script: other scripts are never French).
CANDIDATES = ("FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH", "CATALAN", "POLISH", "ROMANIAN")
FOREIGN_CONFIDENCE = 0.9  # the other language's confidence from which an article is not French
MIN_WORDS = 5  # shorter texts are left alone: too little to tell
SAMPLE_CHARS = 3000  # the start of the article is enough, and keeps long ones fast


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in CANDIDATES)).build()


def foreign_language(text: str) -> tuple[str, float] | None:
    """(language name in English, confidence) when `text` is clearly not French, else None."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    top = values[0]
    if top.language.name == "FRENCH" or top.value < FOREIGN_CONFIDENCE:
        return None
    return top.language.name.capitalize(), top.value
