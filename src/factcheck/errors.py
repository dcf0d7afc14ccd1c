"""The few errors factcheck raises; each message says what was expected, what came, and the fix."""


class FactcheckError(Exception):
    """Base class: the run cannot go on. The CLI prints the message and exits 1."""


class CorpusError(FactcheckError):
    """The corpus path itself is unusable (missing, not a folder or a supported file)."""


class ArticleError(FactcheckError):
    """One article cannot be read; the batch goes on and the article is listed as skipped."""


class RulesError(FactcheckError):
    """The rules are invalid; raised with every problem of every file at once."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"the rules have {len(problems)} problem(s):\n" + "\n".join(f"- {p}" for p in problems)
        )


class ModelError(FactcheckError):
    """The spaCy model is not installed or cannot be loaded."""
