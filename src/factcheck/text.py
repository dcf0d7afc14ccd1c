"""Text helpers shared by the NLP layer, the rules and the comparison (no spaCy here)."""

from __future__ import annotations

import unicodedata

# Spaces that may separate thousands groups: space, NBSP, narrow NBSP, thin and figure spaces.
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"


class _FoldTable(dict):
    """str.translate table built as characters are met: each maps to one folded character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "\u2019\u02bc\u2032`":
            folded = "'"
        elif char in GROUP_SPACES:
            folded = " "
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base if len(base) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, strip accents, typographic apostrophe -> ', odd spaces -> space.

    Folding is per character and keeps the length, so offsets in the folded text are
    offsets in the original.
    """
    return text.translate(_FOLD)
