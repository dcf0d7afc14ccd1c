"""`factcheck_line_breaks`: a line break always starts a sentence.

Headings ("Et du côté des batteries…") and pipe-table rows carry no final period, so the
parser would otherwise run them into the next sentence and attach "Verkor" to the heading.
The parser keeps sentence starts that are set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ._guard import guarded


@Language.factory("factcheck_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> "LineBreaks":
    return LineBreaks()


class LineBreaks:
    @guarded
    def __call__(self, doc: Doc) -> Doc:
        after_break = False
        for token in doc:
            if token.is_space:
                after_break = after_break or "\n" in token.text
                continue
            if after_break:
                token.is_sent_start = True
            after_break = "\n" in token.whitespace_
        return doc
