"""factcheck: check the figures in French news."""

__version__ = "0.1.0"
