"""One article's failure stays that article's: a component that raises marks the doc instead.

nlp.pipe stops at the first exception of a component, and spaCy's error handler drops the doc
(with two processes, its whole batch). Our components run under `guarded`: the exception is
kept on the doc (`doc._.factcheck_error`), the later components leave the doc alone, and the
pipeline reports the article as skipped, with that reason, and goes on with the others.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

ERROR_KEY = "factcheck_error"

if not Doc.has_extension(ERROR_KEY):
    Doc.set_extension(ERROR_KEY, default=None)


def guarded(call):
    """Decorate a component's __call__: an exception becomes `doc._.factcheck_error`."""

    @functools.wraps(call)
    def run(self, doc: Doc) -> Doc:
        if doc._.factcheck_error is not None:
            return doc  # an earlier component failed: the article is skipped anyway
        try:
            return call(self, doc)
        except Exception as error:  # noqa: BLE001 - any bug in one article must not stop the batch
            doc._.factcheck_error = f"{type(self).__name__}: {type(error).__name__}: {error}"
            return doc

    return run
