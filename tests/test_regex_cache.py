"""The French tokenizer's large pattern, kept compiled between runs (regex_cache.py)."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import subprocess
import sys
import threading

import pytest

from factcheck import regex_cache

pytestmark = pytest.mark.skipif(not regex_cache.AVAILABLE, reason="not CPython's re internals")
SENTENCE = ("Aujourd'hui, le porte-monnaie entr'ouvert du premier-ministre, un faux-semblant "
            "pour les États-Unis : 20 Md€ d'investissement, 35 % d'ici 2027.")


@pytest.fixture
def fresh_memo(monkeypatch):
    """Each call reads its folder again, as a new process would."""
    monkeypatch.setattr(regex_cache, "_memo", {})


@pytest.fixture(scope="module")
def french_token_match(nlp) -> str:
    """spaCy's TOKEN_MATCH for French (1.45 M characters), as the loaded tokenizer holds it."""
    pattern = nlp.tokenizer.token_match.__self__.pattern
    assert len(pattern) > 1_000_000
    return pattern


def test_the_french_pattern_read_back_is_the_one_re_compiles(tmp_path, fresh_memo, monkeypatch, french_token_match):
    reference = re.compile(french_token_match)  # outside compiled_once: re's own compile
    first = regex_cache.compile_cached(french_token_match, 0, tmp_path)
    (kept,) = tmp_path.glob("*.marshal")
    assert kept.stat().st_size > 500_000

    monkeypatch.setattr(regex_cache, "_memo", {})
    monkeypatch.setattr(regex_cache, "_compile_fields", lambda *a: pytest.fail("compiled again"))
    second = regex_cache.compile_cached(french_token_match, 0, tmp_path)

    # CPython's Pattern == compares the pattern, its flags and its compiled code word for word.
    assert _same(first, reference) and _same(second, reference) and second is not first
    words = ["porte-monnaie", "entr'ouvert", "premier-ministre", "faux-semblant", "États-Unis", "porte", "20"]
    assert [bool(second.match(w)) for w in words] == [bool(reference.match(w)) for w in words]
    assert [bool(second.match(w)) for w in words] == [True, True, True, True, True, False, False]


def _same(pattern: re.Pattern, reference: re.Pattern) -> bool:
    """Equal as CPython compares patterns (text, flags, code), and in their groups."""
    return (pattern == reference and pattern.groups == reference.groups
            and pattern.groupindex == reference.groupindex)


# Words of the French tokenizer's exceptions, with named groups: (?P<avant>...) is group 1.
GROUPED = ("(?iu)(?P<avant>" + "|".join(f"{word}" for word in ("porte", "garde", "sous", "contre") * 50)
           + ")[-–](?P<apres>[a-zà-ÿ]+)(?:'(?P<elision>\\w+))?$")


def test_a_pattern_with_named_groups_is_read_back_with_them(tmp_path, fresh_memo):
    reference = re.compile(GROUPED)
    regex_cache.compile_cached(GROUPED, 0, tmp_path)
    regex_cache._memo.clear()
    read = regex_cache.compile_cached(GROUPED, 0, tmp_path)
    assert _same(read, reference) and read.groupindex == {"avant": 1, "apres": 2, "elision": 3}
    match = read.match("garde-manger")
    assert match.lastgroup == reference.match("garde-manger").lastgroup == "apres"
    assert match.group("avant", "apres") == ("garde", "manger")


def test_a_damaged_or_foreign_file_is_compiled_again_and_written_over(tmp_path, fresh_memo):
    reference = re.compile(GROUPED)
    regex_cache.compile_cached(GROUPED, 0, tmp_path)
    (kept,) = tmp_path.glob("*.marshal")
    good = kept.read_bytes()

    other = "(?i)" + "|".join(f"^mot{i}-[a-z]+$" for i in range(300))
    regex_cache.compile_cached(other, 0, tmp_path)
    (foreign,) = set(tmp_path.glob("*.marshal")) - {kept}

    def signed(payload: bytes) -> bytes:
        return hashlib.sha256(payload).digest() + payload

    name, (flags, code, groups, groupindex, indexgroup) = marshal.loads(good[32:])
    bad_code = bytes(4) * (len(code) // 4)  # well signed, but code _sre.compile rejects
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0xFF  # one byte of the code: the checksum no longer holds
    for content in (
        bytes(damaged), good[: len(good) // 3], b"", b"not marshal data",
        foreign.read_bytes(),  # another pattern's file under this one's name
        signed(marshal.dumps((name, (flags, bad_code, groups, groupindex, indexgroup)))),
    ):
        kept.write_bytes(content)
        regex_cache._memo.clear()
        assert _same(regex_cache.compile_cached(GROUPED, 0, tmp_path), reference)
        assert kept.read_bytes() == good


def test_a_folder_that_cannot_be_written_only_costs_the_compile(tmp_path, fresh_memo):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x")
    pattern = "|".join(f"mot{i}-[a-z]+" for i in range(200))
    assert regex_cache.compile_cached(pattern, re.IGNORECASE, blocker / "patterns") == re.compile(pattern, re.IGNORECASE)


def test_blocks_that_overlap_put_re_back_when_the_last_one_closes(tmp_path, fresh_memo, monkeypatch):
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path))
    original = re._compile
    inner_open, outer_closed = threading.Event(), threading.Event()

    def other_thread():
        with regex_cache.compiled_once():
            inner_open.set()
            outer_closed.wait(10)
            assert re._compile is regex_cache._compile  # still swapped: this block is open

    with regex_cache.compiled_once():
        thread = threading.Thread(target=other_thread)
        thread.start()
        inner_open.wait(10)
        with regex_cache.compiled_once():  # nested in this thread too
            pass
        assert re._compile is regex_cache._compile
    outer_closed.set()
    thread.join(10)
    assert re._compile is original


def test_an_error_in_the_cache_falls_back_to_res_own_compile(tmp_path, fresh_memo, monkeypatch):
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(regex_cache, "MIN_CHARS", 1000)
    monkeypatch.setattr(regex_cache, "_compile_fields", lambda *a: 1 / 0)  # as if re's internals had changed
    large = "|".join(f"^mot{i}[-–][a-zé]+$" for i in range(100))
    with regex_cache.compiled_once():
        assert _same(re.compile(large), regex_cache._original_compile(large, 0))
    assert not list(tmp_path.rglob("*.marshal"))


def test_the_block_changes_only_large_patterns_and_restores_re(tmp_path, fresh_memo, monkeypatch):
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(regex_cache, "MIN_CHARS", 1000)
    original = re._compile
    large = "|".join(f"^mot{i}[-–][a-zé]+$" for i in range(100))
    assert len(large) >= regex_cache.MIN_CHARS
    with pytest.raises(KeyError), regex_cache.compiled_once():
        assert re._compile is not original
        assert re.compile(r"\d+ Md€") is original(r"\d+ Md€", 0)  # small: re's own cache
        assert re.compile(large) == original(large, 0)
        raise KeyError("an error inside the block")
    assert re._compile is original
    assert len(list((tmp_path / "patterns").glob("*.marshal"))) == 1  # only the large one


def test_a_second_process_reads_the_pattern_and_tokenizes_the_same(tmp_path, nlp):
    """Two fresh processes load the model with an empty cache folder, then with the file the
    first one wrote: the second compiles nothing large and tokenizes as the test session's."""
    script = (
        "import json, re, sys, time\n"
        "from factcheck import regex_cache\n"
        "from factcheck.nlp import load_nlp\n"
        "compiled = []\n"
        "regex_cache._compile_fields = (lambda f: lambda *a: compiled.append(1) or f(*a))(regex_cache._compile_fields)\n"
        "nlp = load_nlp()\n"
        "print(json.dumps({'tokens': [t.text for t in nlp(sys.argv[1])], 'compiled': len(compiled)}))\n"
    )
    env = {**os.environ, regex_cache.CACHE_ENV: str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", script, SENTENCE], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    first, second = (json.loads(run.stdout) for run in runs)
    expected = [token.text for token in nlp(SENTENCE)]
    assert "porte-monnaie" in expected and "entr'ouvert" in expected and "États-Unis" in expected
    assert first == {"tokens": expected, "compiled": 1}
    assert second == {"tokens": expected, "compiled": 0}
    assert len(list((tmp_path / "patterns").glob("*.marshal"))) == 1
