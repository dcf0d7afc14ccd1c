"""The Dask engine gives the local engine's reports, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from factcheck.cli import main

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
