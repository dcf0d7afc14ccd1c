"""Shared fixtures: the model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """Process one text with an optional publication date (ISO string)."""

    def _parse(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        assert doc._.factcheck_error is None, doc._.factcheck_error  # a component raised (pipes/_guard.py)
        return doc

    return _parse


@pytest.fixture
def root() -> Path:
    return ROOT
