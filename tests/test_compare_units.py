"""The comparison decomposes exactly by unit: compared apart, in partitions of articles as the
Dask engine's workers compare them, the units give find_discrepancies' rows."""

from __future__ import annotations

import gc
import math
from pathlib import Path

import pytest

from factcheck import spill
from factcheck.compare import compare_unit, comparison_units, discrepancies, find_discrepancies, merge_units
from factcheck.corpus import MAX_CHARS
from factcheck.engine_dask import compare_bucket, split_partition
from factcheck.store import write_claims
from factcheck.frames.match import FrameContext, figure_places, frame_context
from factcheck.nlp import DEFAULT_MODEL
from factcheck.pipeline import run
from factcheck.report import REPORT_FILES, write_reports
from factcheck.ruleset import load_user_rules


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    corpus = Path(__file__).parent / "data" / "stories"
    return run(corpus, out=tmp_path_factory.mktemp("out"), jobs=1, min_confidence=0.0)


def test_the_units_compared_apart_give_the_rows_of_find_discrepancies(result):
    rules = load_user_rules(None, [])
    units = comparison_units(result.claims)
    assert {unit[0] for unit in units} == {"rules", "frames", "within"}
    context = frame_context([c for c in result.claims if not (c.topic and c.measure)])
    rows = {unit: compare_unit(unit, members, rules, 0.0, context) for unit, members in units.items()}
    expected = find_discrepancies(result.claims, rules, 0.0)
    assert len(expected) > 10 and any(d.rule.startswith("frame_") for d in expected)
    assert merge_units(rows, rules) == expected


def test_partitions_split_into_buckets_give_the_rows_of_find_discrepancies(result, tmp_path):
    rules = load_user_rules(None, [])
    articles = sorted(result.stories)
    partitions = [[c for c in result.claims if articles.index(c.article) % 3 == k] for k in range(3)]
    places = figure_places([c for c in result.claims if not (c.topic and c.measure)])
    key = (DEFAULT_MODEL, MAX_CHARS, None, ())
    buckets = 4
    paths = [str(tmp_path / f"claims-{k}.parquet") for k in range(len(partitions))]
    for claims, path in zip(partitions, paths):
        write_claims(claims, path)  # as a worker writes its partition's
    splits = [split_partition(path, result.stories, buckets) for path in paths]
    assert sum(len(split[b]) for split in splits for b in range(buckets)) > len(articles)
    rows = {}
    for b in range(buckets):
        rows.update(compare_bucket([split[b] for split in splits], key, 0.0, places))
    assert merge_units(rows, rules) == find_discrepancies(result.claims, rules, 0.0)


def test_a_frame_key_without_its_articles_texts_gives_other_rows(result):
    """The context travels with a frame key's figures for a reason: the articles' texts decide
    whether an unplaced figure meets a placed one (the article names the place)."""
    rules = load_user_rules(None, [])
    units = comparison_units(result.claims)
    framed = [c for c in result.claims if not (c.topic and c.measure)]
    context = frame_context(framed)
    bare = FrameContext(context.anchors, {}, context.place_names)
    differs = [unit for unit, members in units.items() if unit[0] == "frames"
               and compare_unit(unit, members, rules, 0.0, context) != compare_unit(unit, members, rules, 0.0, bare)]
    assert differs


def test_rows_kept_on_disk_are_the_rows_in_memory(result, tmp_path, monkeypatch):
    """Past the spill limit the rows wait on disk in sorted runs (spill.py), merged on each
    reading: the same rows in the same order, the same reports, the run's own claims in them,
    and the files gone with the rows."""
    monkeypatch.setattr(spill, "CHUNK", 3)  # several pickles per run
    rules = load_user_rules(None, [])
    expected = find_discrepancies(result.claims, rules, 0.0)
    assert isinstance(expected, list) and discrepancies(result.claims, rules, 0.0, len(expected) + 1) == expected
    spilled = discrepancies(result.claims, rules, 0.0, 4)
    assert isinstance(spilled, spill.SpilledRows) and len(spilled.runs) == math.ceil(len(expected) / 4) > 2
    assert len(spilled) == len(expected) and list(spilled) == expected
    assert spilled[0] == expected[0] and spilled[-1] == expected[-1] and spilled[3:9] == expected[3:9]
    by_id = {c.claim_id: c for c in result.claims}
    assert sum(by_id.get(d.a.claim_id) is d.a for d in spilled) == sum(by_id.get(d.a.claim_id) is d.a for d in expected) > 0
    for rows, out in ((expected, tmp_path / "list"), (spilled, tmp_path / "disk")):
        write_reports(result.claims, rows, result.skipped, out, result.article_info, first_seen=result.first_seen)
    for name in REPORT_FILES:
        assert (tmp_path / "disk" / name).read_bytes() == (tmp_path / "list" / name).read_bytes(), name
    folder = Path(spilled.folder.name)
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in spilled.runs]
    del spilled, rows  # (the loop left `rows` on it)
    gc.collect()
    assert not folder.exists()


def test_a_full_disk_while_spilling_stops_the_run_with_one_line(tmp_path, monkeypatch, capsys):
    """No room for the rows in TMPDIR: a one-line error naming the folder, the reports of the
    previous run left as they were."""
    from factcheck import pipeline
    from factcheck.cli import main

    corpus = Path(__file__).parent / "data" / "stories"
    out = tmp_path / "out"
    assert main([str(corpus), "--out", str(out), "--no-cache", "--quiet", "--jobs", "1"]) in (0, 3)
    before = (out / "discrepancies.csv").read_bytes()

    def no_room(self, obj):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "SPILL_ROWS", 4)
    monkeypatch.setattr(spill._Pickler, "dump", no_room)
    assert main([str(corpus), "--out", str(out), "--no-cache", "--quiet", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "factcheck: error: " in err and "factcheck-rows-" in err
    assert "cannot keep the discrepancies on disk: No space left on device (set TMPDIR" in err
    assert (out / "discrepancies.csv").read_bytes() == before
