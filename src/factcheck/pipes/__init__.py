"""Our spaCy components. Importing this package registers their factories."""

from . import actors, dates, lines, numbers, quantities  # noqa: F401
