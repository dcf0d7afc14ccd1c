"""The rules files: the shipped ones load; bad ones (tests/data/bad_rules/) fail with every
problem listed, each with its file and line; the policy and its defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.errors import RulesError
from factcheck.pipes.numbers import fold
from factcheck.ruleset import (
    DEFAULT_RULES, PolicySpec, compile_alias, describe_policy, load_rules, load_user_rules, rules_sources,
)

BAD_RULES = Path(__file__).parent / "data" / "bad_rules"


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
    assert "energy.yaml:9: topic.measures[0]: unknown field 'tolerence': did you mean 'tolerance'?" in message
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
    assert "alias '*' is empty" in message
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


def test_the_default_rules_ship_inside_the_package(root):
    """The package's default_rules are the top-level rules/ files, byte for byte (one copy)."""
    shipped = {f.name: f.read_bytes() for f in DEFAULT_RULES.glob("*.yaml")}
    assert shipped == {f.name: f.read_bytes() for f in (root / "rules").glob("*.yaml")}
    assert "default_rules/*.yaml" in (root / "pyproject.toml").read_text(encoding="utf-8")


GREVE_RULES = """schema_version: 1
topic:
  id: greve_sncf
  label: Grève à la SNCF
  aliases: [grève*, SNCF, cheminot*]
  measures:
    - id: grevistes
      kind: count
      units: [gréviste, cheminot]
      tolerance: 0.05
"""


def test_a_rules_folder_adds_to_the_defaults_and_a_file_of_the_same_name_replaces_one(tmp_path):
    (tmp_path / "greve.yaml").write_text(GREVE_RULES, encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(
        "schema_version: 1\nactors:\n  - name: CGT\n    aliases: [la CGT, Confédération générale du travail]\n",
        encoding="utf-8",
    )
    origins = {s.path.name: s.origin for s in rules_sources(tmp_path)}
    assert origins["greve.yaml"] == "adds" and origins["actors.yaml"] == "overrides"
    assert origins["ai_gigafactories.yaml"] == "default"
    rules = load_user_rules(tmp_path)
    assert [t.id for t in rules.topics] == ["ai_gigafactories", "battery_gigafactories", "greve_sncf"]
    assert rules.canonical_actor("la Confédération générale du travail") == "CGT"
    assert rules.canonical_actor("la Commission européenne") == "la Commission européenne"  # the default file is replaced
    assert load_user_rules().canonical_actor("la Commission européenne") == "Union européenne"


def test_a_named_rules_folder_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(RulesError, match="nope: the rules folder does not exist.*factcheck init"):
        load_user_rules(tmp_path / "nope")


def test_init_writes_an_editable_copy_and_never_overwrites(tmp_path, capsys):
    target = tmp_path / "regles"
    assert main(["init", str(target)]) == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in DEFAULT_RULES.glob("*.yaml"))
    assert "# " in (target / "generic.yaml").read_text(encoding="utf-8")  # the comments are kept
    (target / "generic.yaml").write_text("# mes règles\n", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert "generic.yaml" in err and "left as they are" in err and len(err.strip().splitlines()) == 1
    assert (target / "generic.yaml").read_text(encoding="utf-8") == "# mes règles\n"


def test_rules_check_takes_rules_and_says_which_files_override_or_add(tmp_path, capsys):
    (tmp_path / "greve.yaml").write_text(GREVE_RULES, encoding="utf-8")
    shutil.copy(DEFAULT_RULES / "generic.yaml", tmp_path / "generic.yaml")
    assert main(["rules", "check", "--rules", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'greve.yaml'}: added to the defaults" in out
    assert f"{tmp_path / 'generic.yaml'}: replaces the default of that name" in out
    assert "- policy.yaml: default" in out and "topic greve_sncf" in out


def test_missing_suppressions_file(tmp_path, root):
    with pytest.raises(RulesError, match="nope.yaml: the suppressions file does not exist"):
        load_rules(root / "rules", suppress=[tmp_path / "nope.yaml"])


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


# -- bad rules files on disk: each case, the message fragments it must produce --------------

BAD_CASES = {
    "unknown_key.yaml": ["unknown_key.yaml:10: topic.measures[0]: unknown field 'tolerence': did you mean 'tolerance'?"],
    "wrong_type.yaml": [
        "wrong_type.yaml:6: topic.aliases: Input should be a valid list, got 'nucléaire'",
        "wrong_type.yaml:10: topic.measures[0].tolerance: Input should be a valid number, got '5 %'",
    ],
    "bad_enum.yaml": [
        "bad_enum.yaml:9: topic.measures[0].kind: Input should be 'money', 'count' or 'percent', got 'monney'",
        "bad_enum.yaml:10: topic.measures[0].severity: Input should be 'conflict', 'review' or 'info', got 'critical'",
    ],
    "empty_pattern.yaml": [
        "empty_pattern.yaml:7: topic 'energy' alias '*' is empty",
        "empty_pattern.yaml:11: measure 'price' cue '  ' is empty",
    ],
    "bad_id.yaml": ["bad_id.yaml:4: topic.id: String should match pattern '^[a-z][a-z0-9_]*$', got 'Energy Prices'"],
    "yaml_booleans.yaml": [
        "yaml_booleans.yaml:6: topic.aliases[0]: Input should be a valid string, got False (YAML reads yes/no/on/off as booleans: quote the word)",
        "yaml_booleans.yaml:6: topic.aliases[1]: Input should be a valid string, got True",
    ],
    "yaml_numbers.yaml": [
        "yaml_numbers.yaml:5: topic.label: Input should be a valid string, got 2027 (YAML read it as a number: quote it)",
        "yaml_numbers.yaml:8: suppressions[0].id: Input should be a valid string, got 123456789012",
    ],
    "count_without_units.yaml": ["count_without_units.yaml:8: topic 'energy', measure 'plants': a count measure needs 'units'"],
    "duplicate_measure_id.yaml": ["duplicate_measure_id.yaml:10: topic 'energy': measure id 'price' is used twice"],
    "actor_alias_two_actors.yaml": [
        "actor_alias_two_actors.yaml:7: actor alias 'Commission' names both 'Union européenne' (",
    ],
    "missing_schema_version.yaml": ["missing_schema_version.yaml:2: schema_version: Field required"],
    "wrong_schema_version.yaml": ["wrong_schema_version.yaml:2: schema_version: Input should be 1, got 2"],
    "not_yaml.yaml": ["not_yaml.yaml:5: not valid YAML: while parsing a flow sequence"],
    "not_a_mapping.yaml": ["not_a_mapping.yaml: expected a mapping with schema_version and topic or actors, got list"],
    "defines_nothing.yaml": ["defines_nothing.yaml: defines nothing: expected a 'topic', 'generic_measures', "
                             "'actors', 'suppressions', 'exchange_rates', 'policy' or 'frames' section"],
    "bad_exchange_rates.yaml": [
        "bad_exchange_rates.yaml:4: exchange_rates.base: String should match pattern '^[A-Z]{3}$', got 'eur'",
        "bad_exchange_rates.yaml:5: exchange_rates.rates.USD: Input should be greater than 0, got -1",
        "bad_exchange_rates.yaml:5: exchange_rates.rates.yen.[key]: String should match pattern",
    ],
    "bad_suppressions.yaml": [
        "bad_suppressions.yaml:4: suppressions[0].id: String should match pattern '^[0-9a-f]{12}$', got 'XYZ'",
        "bad_suppressions.yaml:5: suppressions[0].reason: String should have at least 3 characters, got 'ok'",
    ],
    "bad_policy_values.yaml": [
        "bad_policy_values.yaml:6: policy.modalities.fact[1]: Input should be 'fact', 'estimate', 'forecast', "
        "'conditional', 'target' or 'negated', got 'forcast'",
        "bad_policy_values.yaml:12: policy.different_currencies: Input should be 'convert' or 'never', got 'dollars'",
        "bad_policy_values.yaml:13: policy.unknown_time_scope: Input should be 'compare' or 'skip', got 'maybe'",
        "bad_policy_values.yaml:14: policy: unknown field 'currency': expected one of modalities, different_currencies, "
        "unknown_time_scope, within_article",
        "bad_policy_values.yaml:16: policy.within_article.shares_over_100: Input should be 'conflict', 'review', 'info' "
        "or 'ignore', got False (YAML reads yes/no/on/off as booleans: quote the word)",
        "bad_policy_values.yaml:17: policy.within_article.multiplier_mismatch: Input should be 'conflict', 'review', "
        "'info' or 'ignore', got 'warning'",
    ],
    "policy_not_symmetric.yaml": [
        "policy_not_symmetric.yaml:9: policy.modalities: fact lists target, but target does not list fact; "
        "a pair is compared both ways: add fact to the list of target, or remove target from the list of fact",
    ],
    "policy_missing_modality.yaml": ["policy_missing_modality.yaml:5: policy.modalities.negated: Field required"],
    "duplicate_suppression.yaml": ["duplicate_suppression.yaml:6: discrepancy '2c26c70d4051' is suppressed twice"],
    "generic_count_without_units.yaml": [
        "generic_count_without_units.yaml:4: generic measure 'jobs': a count measure needs 'units'"
    ],
    "not_utf8.yaml": ["not_utf8.yaml: not UTF-8 text (invalid continuation byte at byte 76): save the file as UTF-8"],
    # a folder: problems across files
    "duplicate_ids": [
        "duplicate_ids/b.yaml:4: topic id 'energy' is already defined in ",
        "duplicate_ids/b.yaml:8: generic measure id 'jobs' is already used in ",
    ],
    "duplicate_policy": ["duplicate_policy/b.yaml:3: the policy is already defined in "],
    "duplicate_exchange_rates": ["duplicate_exchange_rates/b.yaml:3: exchange rates are already defined in "],
}


def test_every_bad_rules_fixture_has_a_case():
    on_disk = {p.name for p in BAD_RULES.iterdir()}
    assert on_disk == set(BAD_CASES)


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_rules_file(case):
    with pytest.raises(RulesError) as info:
        load_rules(BAD_RULES / case)
    for fragment in BAD_CASES[case]:
        assert any(fragment in problem for problem in info.value.problems), (fragment, info.value.problems)
    assert len(info.value.problems) == len(BAD_CASES[case])  # every problem, and each once


def test_a_bad_rules_folder_stops_the_run_before_any_article(tmp_path, root, monkeypatch, capsys):
    """All bad files at once: exit 1, every problem of every file listed, no article read, no model loaded."""
    import factcheck.pipeline as pipeline

    def forbidden(*args, **kwargs):
        raise AssertionError("the run went on past bad rules")

    monkeypatch.setattr(pipeline, "read_corpus", forbidden)
    monkeypatch.setattr(pipeline, "load_nlp", forbidden)
    rules = tmp_path / "rules"
    rules.mkdir()
    cases = [c for c in BAD_CASES if c.endswith(".yaml")]
    for case in cases:
        shutil.copy(BAD_RULES / case, rules / case)
    out = tmp_path / "out"
    assert main([str(root / "corpus"), "--rules", str(rules), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    # and, together in one folder, four files that each define the topic "energy" (unknown_key.yaml
    # too: read without its misspelt field, so that its other problems come in the same round)
    assert err.count("topic id 'energy' is already defined in") == 3
    # on top of the default rules, two more: a second policy section, and a generic measure id
    # ('jobs') the default generic.yaml already uses
    assert "the policy is already defined in" in err and "generic measure id 'jobs' is already used in" in err
    assert f"the rules have {sum(len(BAD_CASES[c]) for c in cases) + 3 + 2} problem(s)" in err
    for case in cases:
        for fragment in BAD_CASES[case]:
            assert fragment in err
    assert not out.exists()


# -- the policy ------------------------------------------------------------------------------


def test_the_shipped_policy_is_the_documented_default(root):
    """rules/policy.yaml spells out the defaults: with it or without it, a run is the same."""
    assert load_rules(root / "rules").policy == PolicySpec()
    assert load_rules(root / "rules" / "generic.yaml").policy == PolicySpec()  # no policy section: the defaults
    default = PolicySpec()
    assert default.modalities.compared("fact", "estimate") and default.modalities.compared("target", "target")
    assert not default.modalities.compared("fact", "target") and not default.modalities.compared("negated", "negated")
    assert (default.different_currencies, default.unknown_time_scope) == ("convert", "compare")
    assert (default.within_article.shares_over_100, default.within_article.multiplier_mismatch) == ("review", "review")


def test_a_partial_policy_keeps_the_other_defaults(tmp_path):
    _write(tmp_path, "policy.yaml", "schema_version: 1\npolicy:\n  within_article:\n    shares_over_100: conflict\n")
    policy = load_rules(tmp_path).policy
    assert policy.within_article.shares_over_100 == "conflict"
    assert policy == PolicySpec(within_article={"shares_over_100": "conflict"})


def test_rules_check_prints_the_policy_in_force(root, tmp_path, capsys):
    assert main(["rules", "check", str(root / "rules")]) == 0
    printed = capsys.readouterr().out
    assert f"policy: from {root / 'rules' / 'policy.yaml'}" in printed
    assert "- modalities compared: fact, estimate, forecast, conditional with fact, estimate, forecast, conditional; " \
        "target with target; negated never" in printed
    assert "- different currencies: convert, but no file gives exchange_rates: never compared" in printed
    assert "a scope not stated: compare, and the row says the scope was not stated" in printed
    assert "- within one article: shares over 100 %: review; multiplier mismatch: review" in printed
    _write(tmp_path, "rates.yaml", "schema_version: 1\nexchange_rates: {base: EUR, rates: {USD: 0.9}}\n")
    _write(tmp_path, "policy.yaml", "schema_version: 1\npolicy: {unknown_time_scope: skip, within_article: {multiplier_mismatch: ignore}}\n")
    assert main(["rules", "check", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert f"- different currencies: converted to EUR at the rates of {tmp_path / 'rates.yaml'} (USD)" in printed
    assert "a scope not stated: skip" in printed and "multiplier mismatch: ignore" in printed


def test_documented_policy_and_checks_within_an_article(tmp_path, root):
    """docs/rules.md: the example policy is docs/examples/policy.yaml, the printed default policy
    is what `rules check` prints, and the worked example's rows are what a run writes."""
    from factcheck.pipeline import run

    doc_text = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    example = (root / "docs" / "examples" / "policy.yaml").read_text(encoding="utf-8")
    assert "schema_version: 1" + example.split("schema_version: 1", 1)[1] in doc_text
    assert "\n".join(describe_policy(load_rules(root / "rules"))[1:]) in doc_text
    rules = load_rules(root / "docs" / "examples")
    assert (rules.policy.different_currencies, rules.policy.within_article.shares_over_100) == ("never", "conflict")
    assert not rules.policy.modalities.compared("fact", "forecast")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for line in doc_text.split("### A worked example", 1)[1].split("```")[1].strip().splitlines():
        name, _, body = line.strip().partition("  ")
        if name.endswith(".txt"):
            article = corpus / name
            article.write_text("---\ndate: 2025-03-06\n---\n" + body.strip(), encoding="utf-8")
        else:
            article.write_text(article.read_text(encoding="utf-8") + " " + line.strip(), encoding="utf-8")
    result = run(corpus, root / "docs" / "examples", tmp_path / "out", jobs=1)
    assert [(d.severity, d.rule) for d in result.discrepancies] == [("conflict", "shares_over_100"), ("review", "multiplier_mismatch")]
    for row in result.discrepancies:
        assert f"> {row.explanation}\n" in doc_text


def test_an_unknown_field_says_what_was_meant_everywhere_in_the_schema(tmp_path):
    _write(tmp_path, "greves.yaml", """schema_version: 1
topc:
  id: greves
generic_measures:
  - id: turnout
    lable: Manifestants
    kind: count
    units: [manifestant]
policy:
  within_article:
    share_over_100: ignore
""")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    problems = sorted(p.split(": ", 1)[1] for p in info.value.problems)
    assert problems == [
        "(file): unknown field 'topc': did you mean 'topic'?",
        "generic_measures[0]: unknown field 'lable': did you mean 'label'?",
        "policy.within_article: unknown field 'share_over_100': did you mean 'shares_over_100'?",
    ]


def test_rules_that_can_never_match_are_warned_about(tmp_path, capsys):
    from factcheck.cli import main

    _write(tmp_path, "greves.yaml", """schema_version: 1
topic:
  id: greves
  label: Grèves
  aliases: [grève*]
  measures:
    - id: turnout
      kind: count
      units: [manifestant, personnes en grève]
    - id: rate
      kind: percent
      units: [gréviste]
    - id: cost
      kind: money
      units: [euro, EUR]
""")
    rules = load_rules(tmp_path)  # valid: the run goes on, with the warnings
    assert rules.warnings == (
        f"{tmp_path / 'greves.yaml'}:9: measure 'turnout' (count): unit 'personnes en grève' can never match: the counted "
        "noun is read as one word, the noun's lemma ('usine' in \"13 usines de batteries\"); write the noun alone and put "
        "the rest in 'cues'",
        f"{tmp_path / 'greves.yaml'}:12: measure 'rate' (percent): unit 'gréviste' can never match: a percent figure's unit "
        "is '%' (or 'pp' for percentage points)",
        f"{tmp_path / 'greves.yaml'}:15: measure 'cost' (money): unit 'euro' can never match: a money figure's unit is its "
        "currency code (EUR, USD, GBP)",
    )
    assert load_rules(tmp_path.parent / tmp_path.name).warnings == rules.warnings
    assert main(["rules", "check", "--rules", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert printed.count("warning: ") == 3 and "unit 'euro' can never match" in printed


def test_the_shipped_rules_have_no_warning(root):
    assert load_rules(root / "rules").warnings == ()


def test_a_misspelt_field_does_not_hide_the_other_problems_of_its_file(tmp_path):
    _write(tmp_path, "greves.yaml", """schema_version: 1
topic:
  id: greves
  label: Grèves
  aliases: [grève*]
  measures:
    - id: turnout
      kind: count
      tolerence: 0.1
    - id: turnout
      kind: percent
""")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    problems = [p.split(": ", 1)[1] for p in info.value.problems]
    assert problems == [
        "topic.measures[0]: unknown field 'tolerence': did you mean 'tolerance'?",
        "topic 'greves', measure 'turnout': a count measure needs 'units' (the counted nouns' lemmas)",
        "topic 'greves': measure id 'turnout' is used twice",
    ]
