"""The Dask engine gives the local engine's reports, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from factcheck import pipeline
from factcheck.cli import main
from factcheck.pipeline import run
from factcheck.spill import SpilledRows

pytest.importorskip("distributed")


def test_the_dask_engine_writes_the_local_engines_reports(tmp_path, root):
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "tests" / "data" / "stories", corpus)
    (corpus / "vide.txt").write_text("---\ndate: 2025-03-06\n---\n", encoding="utf-8")  # skipped on both engines
    assert main([str(corpus), "--out", str(tmp_path / "local"), "--no-cache", "--quiet", "--jobs", "1"]) == 0
    assert main([str(corpus), "--out", str(tmp_path / "dask"), "--no-cache", "--quiet", "--engine", "dask",
                 "--jobs", "2"]) == 0
    for name in ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert "vide.txt" in (tmp_path / "dask" / "skipped.csv").read_text(encoding="utf-8")


def test_a_scheduler_is_only_for_the_dask_engine(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["corpus", "--scheduler", "tcp://127.0.0.1:8786"])
    assert stop.value.code == 2 and "--scheduler is for --engine dask" in capsys.readouterr().err


def _copy_corpus(tmp_path, root):
    """The stories, the bad inputs of tests/data/bad_corpus (skips, repairs with notes, JSONL,
    HTML) and the web pages: everything the workers must read as the client did."""
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "tests" / "data" / "stories", corpus)
    shutil.copytree(root / "tests" / "data" / "bad_corpus", corpus / "bad")
    shutil.copytree(root / "tests" / "data" / "pages", corpus / "pages")
    return corpus


def test_the_workers_read_the_files_skip_and_note_as_the_local_engine(tmp_path, root):
    corpus = _copy_corpus(tmp_path, root)
    local = run(corpus, out=tmp_path / "local", jobs=1)
    dask = run(corpus, out=tmp_path / "dask", jobs=2, engine="dask")
    for name in ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    skipped = {s.path for s in dask.skipped}
    assert {"bad/feed.jsonl#2", "bad/notes.pdf", "bad/empty.txt", "bad/binary.txt"} <= skipped
    assert sorted(dask.notes) == sorted(local.notes) and any(p == "bad/latin1.txt" for p, _ in dask.notes)
    assert not list((tmp_path / "dask").glob(".dask-claims-*"))  # the claims' partitions are gone with the run


def test_the_dask_engine_takes_back_the_claims_store(tmp_path, root):
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "tests" / "data" / "stories", corpus)
    later = sorted(corpus.glob("*.txt"))[::3]  # a third of the articles come in a later run
    for path in later:
        path.rename(tmp_path / path.name)
    first = run(corpus, out=tmp_path / "out", jobs=2, engine="dask")
    for path in later:
        (tmp_path / path.name).rename(corpus / path.name)
    grown = run(corpus, out=tmp_path / "out", jobs=2, engine="dask")
    assert grown.run == 2 and grown.stored_articles == first.articles > 0
    full = run(corpus, out=tmp_path / "full", jobs=1)
    assert grown.discrepancies == full.discrepancies
    for name in ("claims.csv", "facts.csv", "articles.csv", "skipped.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert set(grown.first_seen.values()) == {1, 2}


def test_a_scheduler_given_gets_the_same_reports(tmp_path, root, monkeypatch):
    """The path of an existing cluster (`--scheduler`): its workers load the model themselves.
    Past the spill limit (4 rows here) the client keeps the rows on disk, as the local engine."""
    from distributed import LocalCluster

    monkeypatch.setattr(pipeline, "SPILL_ROWS", 4)

    corpus = tmp_path / "corpus"
    shutil.copytree(root / "tests" / "data" / "stories", corpus)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        dask = run(corpus, out=tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    local = run(corpus, out=tmp_path / "local", jobs=1)
    assert isinstance(dask.discrepancies, SpilledRows) and isinstance(local.discrepancies, SpilledRows)
    assert list(dask.discrepancies) == list(local.discrepancies) and dask.articles == local.articles == 24
    for name in ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
