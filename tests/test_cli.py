"""The CLI end to end on the sample corpus, its reports checked against reviewed golden files."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from factcheck.cli import main


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory, request):
    root = request.config.rootpath
    out = tmp_path_factory.mktemp("out")
    code = main([str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(out)])
    return code, out


def test_sample_corpus_reports(sample_run, file_regression):
    code, out = sample_run
    assert code == 0
    file_regression.check((out / "claims.csv").read_text(encoding="utf-8"), basename="sample_claims", extension=".csv")


def test_sample_corpus_discrepancies(sample_run, file_regression):
    code, out = sample_run
    file_regression.check(
        (out / "discrepancies.csv").read_text(encoding="utf-8"), basename="sample_discrepancies", extension=".csv"
    )


def test_sample_corpus_findings(sample_run):
    """What the issue asks of the sample corpus, asserted on the parsed CSV."""
    _, out = sample_run
    d = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    conflicts = d[d.severity == "conflict"]
    pairs = set(zip(conflicts.article_a, conflicts.value_a, conflicts.unit_a, conflicts.article_b, conflicts.value_b))
    assert ("000_gigafactories_ia.txt", "5000000000", "EUR", "004_gigafactories_ue.txt", "20000000000") in pairs
    reviews = d[d.severity == "review"]
    assert any((r.value_a, r.unit_a, r.value_b, r.unit_b) == ("160", "entreprise", "13", "usine") for r in reviews.itertuples())
    # Never euros against dollars, never Verkor's battery plants or the US table row against the AI plan.
    assert ((d.unit_a == d.unit_b) | (d.rule == "related_counts")).all()
    assert not d[(d.unit_a == "USD") | (d.unit_b == "USD")].shape[0]
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    verkor = claims[claims.text == "4 Md€"]
    assert verkor.topic.tolist() == ["battery_gigafactories"]
    assert not d.claim_a.isin(verkor.claim_id).any() and not d.claim_b.isin(verkor.claim_id).any()
    us = claims[claims.text == "50+ milliards $"]
    assert us.actor.tolist() == ["États-Unis"] and (us.low.tolist(), us.high.tolist()) == (["50000000000"], [""])
    # The table of article 000: the "Objectif 2027" column is scoped to 2027.
    assert set(claims[claims.subject == "Objectif 2027"].date) == {"2027"}
    assert set(claims[claims.subject == "Capacité actuelle"].date) == {"2024-07-01"}


def test_two_runs_are_byte_identical(sample_run, tmp_path, request):
    _, first = sample_run
    root = request.config.rootpath
    assert main([str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(tmp_path), "--quiet"]) == 0
    for name in ("claims.csv", "discrepancies.csv", "skipped.csv"):
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes()


def test_summary_and_skipped(tmp_path, request, capsys):
    root = request.config.rootpath
    corpus = tmp_path / "corpus"
    shutil.copytree(root / "corpus", corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "out"
    assert main([str(corpus), "--rules", str(root / "rules"), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "articles lus : 2, ignorés : 1" in printed.out
    assert "nombres vus : 24, gardés comme chiffres : 96\u00a0%" in printed.out
    assert "divergences : 3 (conflit 1, lié 2)" in printed.out
    skipped = pd.read_csv(out / "skipped.csv")
    assert skipped.path.tolist() == ["broken.txt"] and "binary file" in skipped.reason[0]


def test_bad_rules_stop_before_any_work(tmp_path, request, capsys):
    root = request.config.rootpath
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("schema_version: 1\ntopic: {id: x, label: X, aliases: [on]}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(root / "corpus"), "--rules", str(rules), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:2: topic.aliases[0]" in err
    assert not out.exists()


def test_installed_it_runs_from_any_folder_with_the_default_rules(tmp_path, monkeypatch, capsys):
    """No --rules and no rules/ folder where it runs: the defaults shipped in the package apply."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "ia.txt").write_text(
        "---\ntitle: Giga-usines d'IA\ndate: 2025-04-10\n---\n"
        "L'Union européenne veut financer 5 gigafactories d'IA avec 20 milliards d'euros.\n",
        encoding="utf-8",
    )
    assert main(["articles", "--no-cache"]) == 0
    claims = pd.read_csv(tmp_path / "outputs" / "claims.csv")
    assert "ai_gigafactories" in claims.topic.tolist()


def test_a_second_run_does_not_read_its_own_reports(tmp_path, monkeypatch, capsys):
    """`factcheck .` twice: outputs/ (report.html, the CSVs) and the cache file are never input."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "greve.txt").write_text(
        "Selon la CGT, 12 000 personnes ont manifesté jeudi à Marseille contre la réforme.\n", encoding="utf-8"
    )
    args = [".", "--cache", "cache.sqlite"]
    assert main(args) == 0
    first = (tmp_path / "outputs" / "claims.csv").read_bytes()
    capsys.readouterr()
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "articles lus : 1, ignorés : 0" in printed
    assert (tmp_path / "outputs" / "claims.csv").read_bytes() == first
    assert pd.read_csv(tmp_path / "outputs" / "skipped.csv").empty


@pytest.mark.parametrize("out,message", [
    ("rapport.txt", "rapport.txt: is a file, not a folder"),
    ("rapport.txt/sorties", "rapport.txt/sorties: cannot create the reports folder: Not a directory"),
])
def test_an_unusable_out_is_one_clear_error_before_any_work(tmp_path, monkeypatch, capsys, out, message):
    import factcheck.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load_nlp", lambda *a, **k: (_ for _ in ()).throw(AssertionError("the model was loaded")))
    (tmp_path / "rapport.txt").write_text("Mon rapport, à garder.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("La grève a réuni 3 500 personnes à Lyon.\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--out", str(tmp_path / out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: --out ") and message in err and len(err.strip().splitlines()) == 1
    assert (tmp_path / "rapport.txt").read_text(encoding="utf-8") == "Mon rapport, à garder.\n"


def test_a_closed_pipe_ends_quietly(tmp_path):
    """`factcheck mentions f.txt | head -1`: no traceback when the reader goes away."""
    import subprocess
    import sys

    source = tmp_path / "f.txt"
    source.write_text("La grève a réuni 3 500 personnes à Lyon le 7 mars.\n" * 200, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "factcheck.cli", "mentions", str(source)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the reader is gone before the first line is written
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141
    assert err == ""


def test_mentions_of_a_missing_file_is_one_clear_error(tmp_path, capsys):
    assert main(["mentions", str(tmp_path / "absent.txt")]) == 1
    assert "absent.txt: no such file" in capsys.readouterr().err


def test_an_empty_corpus_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / ".brouillon.txt").write_text("La grève a réuni 3 500 personnes.", encoding="utf-8")
    assert main([str(tmp_path / "articles"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "articles' holds no articles" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_corpus_with_nothing_readable_is_one_clear_error_and_keeps_the_reports(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "greve.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "articles" / "vide.txt").write_text("---\ntitle: Grève à la SNCF\n---\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "claims.csv").write_text("previous\n", encoding="utf-8")
    assert main([str(tmp_path / "articles"), "--out", str(tmp_path / "out"), "--no-cache"]) == 1
    printed = capsys.readouterr()
    assert "articles lus" not in printed.out and "articles read" not in printed.out
    (line,) = [x for x in printed.err.splitlines() if x.startswith("factcheck: error:")]
    assert "could be read: 2 input(s) skipped, the first greve.pdf: unsupported file type '.pdf'" in line
    assert (tmp_path / "out" / "claims.csv").read_text(encoding="utf-8") == "previous\n"


def test_missing_corpus_is_one_clear_error(tmp_path, request, capsys):
    root = request.config.rootpath
    assert main([str(tmp_path / "nope"), "--rules", str(root / "rules"), "--out", str(tmp_path / "o")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_existing_reports_survive_a_failed_write(tmp_path, monkeypatch):
    from factcheck import report, writing

    (tmp_path / "claims.csv").write_text("previous\n", encoding="utf-8")
    monkeypatch.setattr(writing.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        report.write_reports([], [], [], tmp_path)
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]  # no temp file left behind


def test_mentions_command(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"text": "Le plan a été lancé le 9 avril avec 20 Md€.", "date": "2025-04-20"}, ensure_ascii=False)
        + "\nPlus de 160 entreprises.\n",
        encoding="utf-8",
    )
    assert main(["mentions", str(source)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    first = {m["text"]: m for m in lines[0]["mentions"]}
    assert first["9 avril"]["value"] == "2025-04-09" and first["20 Md€"]["value"] == 20_000_000_000
    (count,) = lines[1]["mentions"]
    assert (count["kind"], count["low"], count["high"], count["unit"]) == ("count", 160, None, "entreprise")


def test_rules_check_command(request, capsys):
    assert main(["rules", "check", str(request.config.rootpath / "rules")]) == 0
    assert "topic ai_gigafactories" in capsys.readouterr().out


@pytest.mark.parametrize("severity,code", [("conflict", 3), ("review", 3), ("info", 3)])
def test_fail_on(tmp_path, request, severity, code):
    root = request.config.rootpath
    args = [str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(tmp_path), "--quiet"]
    assert main(args + ["--fail-on", severity]) == code


def test_fail_on_without_conflicts(tmp_path, request):
    root = request.config.rootpath
    corpus = root / "corpus" / "004_gigafactories_ue.txt"  # one article: nothing to compare
    args = [str(corpus), "--rules", str(root / "rules"), "--out", str(tmp_path), "--quiet", "--fail-on", "conflict"]
    assert main(args) == 0


def test_usage_error_is_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--jobs", "0", "corpus"])
    assert info.value.code == 2


def test_suppressions_round_trip(tmp_path, request, capsys):
    """A reviewer marks the conflict as a false alarm: the next run keeps it, marked, and counts it apart."""
    root = request.config.rootpath
    out = tmp_path / "out"
    args = [str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(out)]
    assert main(args + ["--fail-on", "conflict"]) == 3
    first = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    conflict_id = first[first.severity == "conflict"].discrepancy_id.item()
    suppressions = tmp_path / "suppressions.yaml"
    suppressions.write_text(
        f"schema_version: 1\nsuppressions:\n  - id: {conflict_id}\n    reason: two different plans, checked by hand\n"
        "  - id: '000000000000'\n    reason: an old row\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(args + ["--suppress", str(suppressions), "--fail-on", "conflict", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "discrepancies: 2 (related 2); suppressed as false alarms: 1" in printed
    assert "suppression 000000000000 matches no discrepancy" in printed
    second = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    assert second.discrepancy_id.tolist() == first.discrepancy_id.tolist()  # stable ids
    row = second[second.discrepancy_id == conflict_id]
    assert row.suppressed.item() == "two different plans, checked by hand"


def test_bad_suppressions_file(tmp_path, request, capsys):
    root = request.config.rootpath
    bad = tmp_path / "s.yaml"
    bad.write_text("schema_version: 1\nsuppressions:\n  - id: XYZ\n    reason: ok\n  - id: 123456789012\n    reason: a number\n", encoding="utf-8")
    assert main([str(root / "corpus"), "--rules", str(root / "rules"), "--out", str(tmp_path), "--suppress", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "s.yaml:3: suppressions[0].id" in err and "s.yaml:4: suppressions[0].reason" in err
    assert "s.yaml:5: suppressions[1].id" in err and "YAML read it as a number: quote it" in err


def test_reports_name_each_article_by_title_outlet_and_date(tmp_path, request):
    """articles.csv lists every article read; claims and both sides of a discrepancy carry its
    title, outlet and publication date, as the front matter gives them."""
    root = request.config.rootpath
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    outlets = {"000_gigafactories_ia.txt": "Le Monde", "004_gigafactories_ue.txt": "Les Échos"}
    for name, outlet in outlets.items():
        text = (root / "corpus" / name).read_text(encoding="utf-8")
        (corpus / name).write_text(text.replace("\ntitle:", f"\nsource: {outlet}\ntitle:", 1), encoding="utf-8")
    (corpus / "fil.jsonl").write_text(json.dumps(
        {"id": "afp-1", "title": "Grève : 3 500 manifestants à Lyon", "text": "La grève a réuni 3 500 manifestants à Lyon."},
        ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--no-cache", "--quiet"]) == 0
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert articles.columns.tolist() == ["article", "path", "title", "outlet", "author", "date", "date_basis", "url", "claims"]
    assert articles.article.tolist() == ["000_gigafactories_ia.txt", "004_gigafactories_ue.txt", "fil.jsonl#afp-1"]
    assert articles.path.tolist() == ["000_gigafactories_ia.txt", "004_gigafactories_ue.txt", "fil.jsonl#1"]
    assert articles.title.tolist() == [
        "Gigafactories d'IA : plus de 160 entreprises intéressées par le plan européen",
        "L'UE va consacrer 20 milliards d'euros à des gigafactories d'IA",
        "Grève : 3 500 manifestants à Lyon",
    ]
    assert articles.outlet.tolist() == ["Le Monde", "Les Échos", ""]
    assert articles.date.tolist() == ["2024-07-01", "2025-04-10", ""]
    assert articles.date_basis.tolist() == ["front_matter", "front_matter", ""]  # no date, no basis
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    assert articles.claims.astype(int).tolist() == [(claims.article == a).sum() for a in articles.article]
    assert (claims.article == "fil.jsonl#afp-1").sum() == 1
    by_id = articles.set_index("article")
    for column, source in (("title", "title"), ("outlet", "outlet"), ("published", "date")):
        assert claims[column].tolist() == by_id.loc[claims.article, source].tolist()
    d = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    assert len(d) >= 1
    for side in "ab":
        for column, source in (("title", "title"), ("outlet", "outlet"), ("published", "date")):
            assert d[f"{column}_{side}"].tolist() == by_id.loc[d[f"article_{side}"], source].tolist()
    assert set(d.outlet_a) | set(d.outlet_b) == {"Le Monde", "Les Échos"}


def test_summary_in_french_by_default_and_english_with_lang_en(tmp_path, request, capsys):
    root = request.config.rootpath
    args = [str(root / "corpus"), "--out", str(tmp_path / "out"), "--no-cache"]
    assert main(args) == 0
    french = capsys.readouterr().out.splitlines()
    assert french[:3] == [
        "articles lus : 2, ignorés : 0",
        "chiffres : 23 (montant 9, nombre 8, pourcentage 6) ; nombres vus : 24, gardés comme chiffres : 96\u00a0%",
        "divergences : 3 (conflit 1, lié 2)",
    ]
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="fr">')
    first_csv = (tmp_path / "out" / "claims.csv").read_bytes()
    assert main(args + ["--lang", "en"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert english[:3] == [
        "articles read: 2, skipped: 0",
        "claims: 23 (count 8, money 9, percent 6); numbers seen: 24, kept as claims: 96%",
        "discrepancies: 3 (conflict 1, related 2)",
    ]
    assert (tmp_path / "out" / "report.html").read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    assert (tmp_path / "out" / "claims.csv").read_bytes() == first_csv  # the data does not change with the language


def test_suppress_appends_to_the_rules_folder_and_the_next_run_honours_it(tmp_path, request, capsys):
    root = request.config.rootpath
    out, rules = tmp_path / "out", tmp_path / "mes_regles"
    assert main([str(root / "corpus"), "--out", str(out), "--no-cache", "--quiet"]) == 0
    d = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False)
    conflict = d[d.severity == "conflict"].discrepancy_id.item()
    related = d[d.severity == "review"].discrepancy_id.tolist()[0]
    assert main(["suppress", conflict, "--reason", "deux plans différents : vérifié", "--rules", str(rules)]) == 0
    assert f"{conflict} marquée comme fausse alerte" in capsys.readouterr().out
    file = rules / "suppressions.yaml"
    assert file.read_text(encoding="utf-8") == (
        f"schema_version: 1\nsuppressions:\n  - id: '{conflict}'\n    reason: \"deux plans différents : vérifié\"\n"
    )
    # A second one is appended below the first; what the file held (a comment) stays.
    file.write_text(file.read_text(encoding="utf-8").replace("suppressions:\n", "# relu par la rédaction\nsuppressions:\n"),
                    encoding="utf-8")
    assert main(["suppress", related, "--reason", "pas la même chose", "--rules", str(rules)]) == 0
    text = file.read_text(encoding="utf-8")
    assert "# relu par la rédaction\n" in text and text.endswith(f"  - id: '{related}'\n    reason: \"pas la même chose\"\n")
    capsys.readouterr()
    assert main([str(root / "corpus"), "--out", str(out), "--no-cache", "--rules", str(rules)]) == 0
    assert "divergences : 1 (lié 1) ; marquées comme fausses alertes : 2" in capsys.readouterr().out
    again = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False).set_index("discrepancy_id")
    assert again.suppressed[conflict] == "deux plans différents : vérifié" and again.suppressed[related] == "pas la même chose"


@pytest.mark.parametrize("given,message", [
    ("2C26-c70d", "'2C26-c70d' is not a discrepancy id: expected 12 characters 0-9 a-f"),
    ("2c26c70d4051", "2c26c70d4051 is already suppressed (reason: 'déjà vu'); nothing written"),
])
def test_suppress_refuses_a_bad_id_or_a_duplicate_in_one_line(tmp_path, capsys, given, message):
    rules = tmp_path / "rules"
    rules.mkdir()
    before = "schema_version: 1\nsuppressions:\n  - id: '2c26c70d4051'\n    reason: déjà vu\n"
    (rules / "suppressions.yaml").write_text(before, encoding="utf-8")
    assert main(["suppress", given, "--reason", "une autre raison", "--rules", str(rules)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: ") and message in err and len(err.strip().splitlines()) == 1
    assert (rules / "suppressions.yaml").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in rules.iterdir()) == ["suppressions.yaml"]


@pytest.mark.parametrize("before,after", [
    (  # the list is not the last section, and a comment follows it: the entry goes after its last item
        "schema_version: 1\nsuppressions:\n  - id: '2c26c70d4051'\n    reason: deux plans  # vu\n# les acteurs\n"
        "actors:\n  - name: CGT\n",
        "schema_version: 1\nsuppressions:\n  - id: '2c26c70d4051'\n    reason: deux plans  # vu\n"
        "  - id: '61e74c0a6aa9'\n    reason: \"pas la même chose\"\n# les acteurs\nactors:\n  - name: CGT\n",
    ),
    (  # dashes at the key's column, as some editors write them
        "schema_version: 1\nsuppressions:\n- id: '2c26c70d4051'\n  reason: deux plans\n",
        "schema_version: 1\nsuppressions:\n- id: '2c26c70d4051'\n  reason: deux plans\n"
        "- id: '61e74c0a6aa9'\n  reason: \"pas la même chose\"\n",
    ),
    (  # an empty list
        "schema_version: 1\nsuppressions: []\nactors:\n  - name: CGT\n",
        "schema_version: 1\nactors:\n  - name: CGT\nsuppressions:\n  - id: '61e74c0a6aa9'\n    reason: \"pas la même chose\"\n",
    ),
])
def test_suppress_adds_to_the_list_where_it_is(tmp_path, capsys, before, after):
    (tmp_path / "suppressions.yaml").write_text(before, encoding="utf-8")
    assert main(["suppress", "61e74c0a6aa9", "--reason", "pas la même chose", "--rules", str(tmp_path)]) == 0
    assert (tmp_path / "suppressions.yaml").read_text(encoding="utf-8") == after


def test_suppress_leaves_an_inline_list_alone_with_one_line(tmp_path, capsys):
    before = "schema_version: 1\nsuppressions: [{id: '2c26c70d4051', reason: deux plans}]\n"
    (tmp_path / "suppressions.yaml").write_text(before, encoding="utf-8")
    assert main(["suppress", "61e74c0a6aa9", "--reason", "pas la même chose", "--rules", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot be added to its suppressions list" in err and len(err.strip().splitlines()) == 1
    assert (tmp_path / "suppressions.yaml").read_text(encoding="utf-8") == before
