"""The run as a whole: the cache, several processes, streaming order."""

from __future__ import annotations

import sqlite3

import pytest

from factcheck import pipeline
from factcheck.errors import FactcheckError
from factcheck.pipeline import run


def test_cache_reuses_parsed_articles_and_gives_the_same_reports(tmp_path, root):
    cache = tmp_path / "cache.sqlite"
    first = run(root / "corpus", root / "rules", tmp_path / "a", jobs=1, cache=cache)
    second = run(root / "corpus", root / "rules", tmp_path / "b", jobs=1, cache=cache)
    assert (first.cache_hits, first.cache_misses) == (0, 2)
    assert (second.cache_hits, second.cache_misses) == (2, 0)
    for name in ("claims.csv", "discrepancies.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_rerun_with_the_same_rules_reads_the_claims_without_the_model(tmp_path, root, monkeypatch):
    cache = tmp_path / "cache.sqlite"
    first = run(root / "corpus", root / "rules", tmp_path / "a", jobs=1, cache=cache)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded for a corpus whose claims are cached")

    monkeypatch.setattr(pipeline, "load_nlp", no_model)
    monkeypatch.setattr(pipeline.DocCache, "get", no_model)  # no cached doc is read either
    # A suppression changes what the comparison marks, not the claims: they are still reused.
    suppressions = tmp_path / "suppressions.yaml"
    suppressions.write_text(
        f"schema_version: 1\nsuppressions:\n  - id: {first.discrepancies[0].discrepancy_id}\n    reason: checked\n",
        encoding="utf-8",
    )
    second = run(root / "corpus", root / "rules", tmp_path / "b", jobs=1, cache=cache, suppress=[suppressions])
    assert (second.cache_hits, second.cache_misses) == (2, 0)
    assert second.claims == first.claims
    assert (tmp_path / "a" / "claims.csv").read_bytes() == (tmp_path / "b" / "claims.csv").read_bytes()
    assert [d.suppressed for d in second.discrepancies if d.suppressed] == ["checked"]


def test_changed_rules_reuse_the_cache(tmp_path, root):
    cache = tmp_path / "cache.sqlite"
    run(root / "corpus", root / "rules", tmp_path / "a", jobs=1, cache=cache)
    rules = tmp_path / "rules"
    rules.mkdir()
    for f in (root / "rules").glob("*.yaml"):
        text = f.read_text(encoding="utf-8").replace("tolerance: 0.05", "tolerance: 0.9")
        (rules / f.name).write_text(text, encoding="utf-8")
    result = run(root / "corpus", rules, tmp_path / "b", jobs=1, cache=cache)
    assert result.cache_misses == 0
    # A 90 % tolerance makes 5 and 20 milliards compatible: the conflict is gone.
    assert [d.severity for d in result.discrepancies] == ["review", "review"]


def test_a_broken_cache_file_is_a_clear_error(tmp_path, root):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"not a database" * 100)
    with pytest.raises(FactcheckError, match="delete it or pass --no-cache"):
        run(root / "corpus", root / "rules", tmp_path / "out", jobs=1, cache=cache)


def test_two_processes_give_the_same_claims(tmp_path, root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(45):
        (corpus / f"{i:03d}.txt").write_text(
            f"---\ndate: 2025-04-10\n---\nLa Commission européenne va consacrer {i + 1} milliards d'euros "
            f"aux gigafactories d'IA. Plus de {100 + i} entreprises sont candidates.",
            encoding="utf-8",
        )
    one = run(corpus, root / "rules", tmp_path / "one", jobs=1)
    two = run(corpus, root / "rules", tmp_path / "two", jobs=2)
    assert len(one.claims) == 90
    assert (tmp_path / "one" / "claims.csv").read_bytes() == (tmp_path / "two" / "claims.csv").read_bytes()
    assert (tmp_path / "one" / "discrepancies.csv").read_bytes() == (tmp_path / "two" / "discrepancies.csv").read_bytes()


def test_an_article_a_component_fails_on_is_skipped_and_the_batch_goes_on(tmp_path, root, monkeypatch):
    """A bug in one of our components on one article: that article is listed in skipped.csv with
    the error, the others are read and compared as usual (pipes/_guard.py)."""
    from factcheck.pipes.dates import DateFinder

    real_find = DateFinder._find

    def find(self, doc):
        if "Grenoble" in doc.text:
            raise RuntimeError("boum")
        return real_find(self, doc)

    monkeypatch.setattr(DateFinder, "_find", find)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bon.txt").write_text(
        "---\ndate: 2025-04-10\n---\nLa ville de Lyon investira 12 millions d'euros dans ses écoles en 2026.\n",
        encoding="utf-8")
    (corpus / "casse.txt").write_text(
        "---\ndate: 2025-04-10\n---\nLa ville de Grenoble investira 8 millions d'euros dans ses écoles en 2026.\n",
        encoding="utf-8")
    result = run(corpus, root / "rules", tmp_path / "out", jobs=1, cache=None)
    assert result.articles == 1
    assert [c.article for c in result.claims] == ["bon.txt"]
    [skipped] = result.skipped
    assert skipped.path == "casse.txt"
    assert "DateFinder: RuntimeError: boum" in skipped.reason
    listed = (tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8")
    assert "casse.txt" in listed and "boum" in listed


def test_a_cached_doc_gives_the_claims_and_story_signature_of_a_fresh_parse(parse, root):
    # "effet" and "reste" are nouns on spaCy's French stop list: a vocabulary without the
    # model's lexical attributes counted them as story terms, and regrouped the stories of a
    # run that rebuilt its claims from the cache (rules or code changed).
    from factcheck.claims import build_claims
    from factcheck.corpus import parse_text_article
    from factcheck.ruleset import load_user_rules
    from factcheck.stories import article_signature
    from spacy.tokens import Doc

    text = ("Budget : l'Insee abaisse sa prévision\n\nL'effet de la hausse des taux reste fort : la croissance "
            "atteindrait 0,8 % en 2025, selon l'Insee. Le reste du budget, 12 milliards d'euros, est reporté.")
    article = parse_text_article(f"---\ndate: 2025-03-06\n---\n{text}", "insee.txt")
    rules = load_user_rules(root / "rules", [])
    fresh = parse(article.text, "2025-03-06")
    cached = Doc(pipeline._LazyModel(pipeline.DEFAULT_MODEL).vocab).from_bytes(fresh.to_bytes(exclude=["tensor"]))
    assert article_signature(cached, rules, article.title) == article_signature(fresh, rules, article.title)
    assert "term:effet" not in article_signature(fresh, rules, article.title)
    assert build_claims(cached, article, rules) == build_claims(fresh, article, rules)
