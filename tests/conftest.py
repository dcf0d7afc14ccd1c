"""Shared fixtures: the model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import regex_cache
from factcheck.nlp import load_nlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def pattern_cache(tmp_path_factory):
    """The French tokenizer's compiled pattern (regex_cache.py) goes to this session's folder,
    not the user's cache folder: the tests write nowhere else. The CLI's child processes
    inherit the variable, and read what the first load wrote."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(regex_cache.CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
        yield


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
