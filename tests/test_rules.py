"""The rules files: the shipped ones load; bad ones fail with every problem listed."""

from __future__ import annotations

import pytest

from factcheck.errors import RulesError
from factcheck.pipes.numbers import fold
from factcheck.ruleset import compile_alias, load_rules


def test_shipped_rules_load(root):
    rules = load_rules(root / "rules")
    ids = [t.id for t in rules.topics]
    assert ids == ["ai_gigafactories", "battery_gigafactories"]
    assert [m.id for m in rules.generic][:2] == ["money_plan", "jobs"]
    assert rules.canonical_actor("la Commission européenne") == "Union européenne"
    assert rules.canonical_actor("Etats-Unis") == "États-Unis"
    assert rules.canonical_actor("Verkor") == "Verkor"


def test_alias_matches_folded_text():
    pattern = compile_alias("giga-usine* d'IA")
    assert pattern.search(fold("pour un maximum de cinq Giga-usines d’IA."))
    assert not pattern.search(fold("des giga-usines de batteries"))
    assert compile_alias("IA").search(fold("modèles d'IA")) and not compile_alias("IA").search("via")


def _write(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_every_problem_is_reported_at_once(tmp_path):
    _write(tmp_path, "energy.yaml", """schema_version: 1
topic:
  id: energy
  label: Énergie
  aliases: [no, nucléaire]
  measures:
    - id: price
      kind: monney
      tolerence: 0.1
""")
    _write(tmp_path, "jobs.yaml", """schema_version: 1
topic:
  id: Jobs
  label: Emplois
  aliases: [emploi*]
  measures:
    - id: created
      kind: count
""")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    message = str(info.value)
    assert "energy.yaml:5: topic.aliases[0]" in message and "quote the word" in message
    assert "energy.yaml:8: topic.measures[0].kind" in message and "'monney'" in message
    assert "energy.yaml:9: topic.measures[0].tolerence: Extra inputs are not permitted" in message
    assert "jobs.yaml:3: topic.id" in message
    assert len(info.value.problems) == 4


def test_semantic_problems(tmp_path):
    _write(tmp_path, "a.yaml", "schema_version: 1\ntopic: {id: t, label: T, aliases: [x], measures: [{id: m, kind: count}, {id: m, kind: money}]}\n")
    _write(tmp_path, "b.yaml", "schema_version: 1\ntopic: {id: t, label: T2, aliases: ['*']}\n")
    _write(tmp_path, "c.yaml", "schema_version: 1\nactors: [{name: A, aliases: [X]}, {name: B, aliases: [X]}]\n")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    message = str(info.value)
    assert "measure id 'm' is used twice" in message
    assert "a count measure needs 'units'" in message
    assert "topic id 't' is already defined" in message
    assert "alias is empty" in message
    assert "actor alias 'X' names both 'A'" in message


@pytest.mark.parametrize(
    "files,expected",
    [
        ({}, "no rules files"),
        ({"x.yaml": "schema_version: 2\nactors: []\n"}, "schema_version"),
        ({"x.yaml": "schema_version: 1\n"}, "defines nothing"),
        ({"x.yaml": "topic: [unclosed\n"}, "not valid YAML"),
        ({"x.yaml": "- a\n- b\n"}, "expected a mapping"),
    ],
)
def test_bad_rules_folder(tmp_path, files, expected):
    for name, text in files.items():
        _write(tmp_path, name, text)
    with pytest.raises(RulesError, match=expected):
        load_rules(tmp_path)


def test_missing_rules_folder(tmp_path):
    with pytest.raises(RulesError, match="does not exist"):
        load_rules(tmp_path / "nope")


def test_documented_example_loads_and_works(tmp_path, root):
    """The worked example of docs/rules.md: it loads, and it flags two distant turnouts."""
    import datetime as dt

    from factcheck.pipeline import run

    example = root / "docs" / "examples" / "demonstrations.yaml"
    doc_text = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert example.read_text(encoding="utf-8").split("schema_version: 1", 1)[1].strip() in doc_text
    rules = load_rules(root / "docs" / "examples")
    assert [m.id for m in rules.topics[0].measures] == ["turnout"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"---\ndate: {dt.date(2025, 3, 6)}\n---\nSelon la CGT, 12 000 manifestants ont défilé à Lyon.", encoding="utf-8")
    (corpus / "b.txt").write_text(f"---\ndate: {dt.date(2025, 3, 6)}\n---\nLa manifestation a réuni 3 500 personnes à Lyon.", encoding="utf-8")
    result = run(corpus, root / "docs" / "examples", tmp_path / "out", jobs=1)
    (row,) = result.discrepancies
    assert (row.severity, row.measure) == ("review", "turnout")
