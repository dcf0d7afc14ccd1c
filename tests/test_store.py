"""The claims store: Parquet files beside the reports, and runs on a corpus that grew."""

from __future__ import annotations

import shutil
from dataclasses import asdict

import pandas as pd
import pyarrow.parquet as pq

from factcheck.pipeline import run
from factcheck.store import record_dict

ARTICLES = {
    "a.txt": ("2023-03-07", "Retraites : à Marseille, 30 000 manifestants ont défilé mardi selon la police."),
    "b.txt": ("2023-03-08", "Retraites : à Marseille, les syndicats ont compté 245 000 manifestants mardi."),
    "c.txt": ("2023-03-08", "Retraites : à Marseille, la CGT a recensé 254 000 manifestants mardi, un record."),
    "bad.txt": ("2023-03-08", ""),  # no text: skipped, and read again at each run
}


def _write(folder, names):
    folder.mkdir(exist_ok=True)
    for name in names:
        date, body = ARTICLES[name]
        (folder / name).write_text(f"---\ndate: {date}\n---\n{body}", encoding="utf-8")


def _csv(out, name):
    return pd.read_csv(out / name, keep_default_na=False, dtype=str)


def test_a_run_on_a_grown_corpus_reads_only_the_new_files_and_reports_as_a_full_run(tmp_path, root):
    corpus = tmp_path / "corpus"
    _write(corpus, ["a.txt", "b.txt", "bad.txt"])
    first = run(corpus, root / "rules", tmp_path / "out", jobs=1, min_confidence=0.0)
    assert first.run == 1 and first.stored_articles == 0
    claims = pd.read_parquet(tmp_path / "out" / "claims.parquet")
    assert sorted(claims["text"]) == ["245 000", "30 000"]  # a table pandas, DuckDB or Polars read

    _write(corpus, ["c.txt"])
    grown = run(corpus, root / "rules", tmp_path / "out", jobs=1, min_confidence=0.0)
    assert grown.run == 2 and grown.stored_articles == 2  # a.txt and b.txt not read again
    full = run(corpus, root / "rules", tmp_path / "full", jobs=1, min_confidence=0.0)
    for name in ("claims.csv", "facts.csv", "articles.csv", "skipped.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    rows, fresh = _csv(tmp_path / "out", "discrepancies.csv"), _csv(tmp_path / "full", "discrepancies.csv")
    assert rows.drop(columns="first_seen").equals(fresh.drop(columns="first_seen"))
    seen = dict(zip(rows["quote_a"] + " / " + rows["quote_b"], rows["first_seen"]))
    assert seen["30 000 / 245 000"] == "1"
    assert {v for k, v in seen.items() if "254 000" in k} == {"2"}
    assert _csv(tmp_path / "out", "skipped.csv")["path"].tolist() == ["bad.txt"]  # reported again

    again = run(corpus, root / "rules", tmp_path / "out", jobs=1, min_confidence=0.0, new_only=True)
    assert again.stored_articles == 3 and _csv(tmp_path / "out", "discrepancies.csv").empty  # nothing new


def test_a_changed_file_or_other_rules_are_read_again(tmp_path, root):
    corpus = tmp_path / "corpus"
    _write(corpus, ["a.txt", "b.txt"])
    run(corpus, root / "rules", tmp_path / "out", jobs=1)
    (corpus / "b.txt").write_text("---\ndate: 2023-03-08\n---\nRetraites : à Marseille, les syndicats ont compté "
                                  "250 000 manifestants mardi.", encoding="utf-8")
    changed = run(corpus, root / "rules", tmp_path / "out", jobs=1)
    assert changed.stored_articles == 1 and "250 000" in {c.text for c in changed.claims}
    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    (rules / "frames.yaml").write_text((rules / "frames.yaml").read_text(encoding="utf-8").replace(
        "[bénévole, volontaire]", "[bénévole, volontaire, aidant]"), encoding="utf-8")
    other_rules = run(corpus, rules, tmp_path / "out", jobs=1)
    assert other_rules.stored_articles == 0  # what the claims are depends on the rules


def test_the_store_written_in_chunks_is_read_back_whole_and_shared_like_the_reports(tmp_path, root, monkeypatch):
    """claims.parquet written one claim at a time (store.CHUNK_ROWS = 1, one row group each): the
    next run takes every claim back. The Parquet files get the CSVs' permissions (the umask's),
    not the private ones of a temp file."""
    from factcheck import store

    monkeypatch.setattr(store, "CHUNK_ROWS", 1)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write(corpus, ["a.txt", "b.txt", "c.txt"])
    first = run(corpus, root / "rules", out, jobs=1)
    assert len(first.claims) >= 3
    assert pq.ParquetFile(out / "claims.parquet").metadata.num_row_groups == len(first.claims)
    again = run(corpus, root / "rules", out, jobs=1)
    assert again.stored_articles == 3 and again.claims == first.claims
    mode = (out / "claims.csv").stat().st_mode & 0o777
    assert {name: (out / name).stat().st_mode & 0o777 for name in store.STORE_FILES} == dict.fromkeys(store.STORE_FILES, mode)


def test_record_dict_gives_what_asdict_gives(tmp_path, root):
    """The store and the facts cache write record_dict's rows: the values and the field order of
    dataclasses.asdict, on the claims and article metadata of the story corpus."""
    result = run(root / "tests" / "data" / "stories", rules=root / "rules", out=tmp_path / "out", cache=None)
    records = [*result.claims, *result.article_info.values()]
    assert len(result.claims) > 100 and any(info.date for info in result.article_info.values())
    for record in records:
        row = record_dict(record)
        assert row == asdict(record) and list(row) == list(asdict(record))
