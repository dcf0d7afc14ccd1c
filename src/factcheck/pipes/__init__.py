"""Our spaCy components. Importing this package registers their factories."""

from ._guard import ERROR_KEY, guarded  # noqa: F401
from . import actors, dates, lines, numbers, quantities  # noqa: F401
