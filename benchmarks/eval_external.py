#!/usr/bin/env python
"""Score our extractor on the external French test suites (numbers, money, percent, dates),
beside a peer (Microsoft Recognizers-Text) and, for news-relevant dates, dateparser alone.

    python benchmarks/eval_external.py [--eval-dir DIR] [--files PATTERN] [--show-errors N]
                                       [--show-news-errors N] [--all-kinds] [--no-dates]
                                       [--no-peer] [--peer-budget S] [--model NAME] [--pred-dir DIR]

The suites live in `../shared/eval` next to the repository (`--eval-dir` overrides); their
README describes the JSONL format and the scoring rules. They were written by other
projects: use them to measure, never to special-case sentences.

How the numbers are computed
----------------------------
Every case's `text` goes through `load_nlp()` (with `doc._.published` = date part of the
case's `ref_datetime`, or None) and `mention_dicts(doc)`. Our mentions are mapped to the
gold kinds (below), written as a predictions file in a temporary folder, and scored by the
reference scorer `score.py` of the eval folder: its `main()` is imported and run in-process
on (gold file, predictions file), so recall / precision / negatives are exactly the
reference figures. `--show-errors` reuses the MISS / EXTRA lines that `score.py` itself
emits, grouped by case, plus our raw mentions for that case.

Dimensions and kinds scored (score.py `--kinds`):
  * money files   -> money, money_range
  * number files  -> number. Ordinals in text2num / text2num-rs / lingua-franca number files
                     are not scored (we extract no ordinals; the README calls them secondary);
                     `--all-kinds` scores them too (score.py's default kinds).
  * percent files -> percent
  * date files    -> date, datetime, partial_date, partial_datetime, daterange, datetimerange,
                     scored with `--date-level` (we output calendar dates, no times: the
                     README recommends it for such tools).
  Ordinal, distance and quantity files are not scored.

Mapping of our kinds to the gold kinds
--------------------------------------
  * gold `money` <- our money: value = amount, unit = our ISO code (score.py accepts
    USD for `$`, GBP for `£`, ...). A range "entre 10 et 20 euros" (value None, low/high)
    becomes `money_range` {"min", "max"}. An open bound ("plus de 10 euros": value 10,
    high None) gives both a `money` 10 (Recognizers annotates the amount) and a
    `money_range` {"min": 10} (Duckling annotates the bound); in Duckling's file, which has
    both families, the `money` is then counted as an extra prediction. Our counts are never
    money ("3 balles" is count/balle: a miss).
  * gold `percent` <- our percent with unit "%" (not "pp", percentage points). A range
    (value None) gives two percents, low and high.
  * gold `number` <- the value of EVERY quantity mention we output: number, count, money,
    percent (% and pp), multiplier, duration, fraction. Number suites annotate each number wherever it
    stands (Recognizers' NumberModel gives 1000 for "€1000" and 3 for "sur 3 ans"), and our
    count "160 entreprises" has value 160 which is the number. A range (value None) gives
    two numbers, low and high; an open bound gives its value. Dates are not numbers here.
  * dates: our mention has `value` at its grain (YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY-Www,
    YYYY-MM-DD, "2029/2033") and the days it covers, `period_start`..`period_end` (inclusive).
    The mapping follows each source's conventions (README, "daterange"):
      - every source: grain day -> kind `date`, value YYYY-MM-DD (also matches a gold
        `datetime` of that day under --date-level). A day with the modifier since ("depuis le
        3 mars", "à partir du 8", "après le 1er novembre") -> an open `daterange` {"start": day}
        (the suites' "open": "after"; our mention keeps a closed period, ending at publication
        or on that day, so that claims never see an open end).
      - duckling, rustling: other grains -> `daterange` {"start": period_start,
        "end": period_end + 1 day}: Duckling's exclusive end ("le mois dernier" ->
        2013-01-01..2013-02-01; weeks Monday..next Monday). Modified periods ("fin 2025")
        and "2029/2033" map the same way.
      - recognizers: the same exclusive end: its week/month/year periods end on the first day
        of the next period. Its explicit "X au Y" ranges end on Y (inclusive), and so do our
        explicit day ranges there ("du 13 au 15 juillet", "19-20 novembre": grain day, a range
        word or dash after a digit in the text); a weekend or a quinzaine keeps the exclusive end.
      - edsnlp: an unmodified year -> `partial_date` "YYYY-??-??" and an unmodified month ->
        "YYYY-MM-??" (edsnlp's norm for "en 2019", "octobre 2020"; score.py compares the known
        fields); other grains -> daterange as for Duckling (edsnlp's file has none).
      - dateparser, lingua-franca: these tools return ONE day for any expression (dateparser
        turns "mars 2015" into a day; lingua-franca "la semaine prochaine" into anchor + 7
        days), which no period mapping reproduces honestly: our other grains -> daterange as
        for Duckling, i.e. they can only count as extra predictions there.
    Dates are a best effort: times, intervals and most relative forms are out of our scope.

The peer: Recognizers-Text (Python port, `pip install recognizers-text-suite 'emoji<1.0'`)
---------------------------------------------------------------------------------------
Optional, never a dependency: when it does not import, a line says so and its columns are
left out (`--no-peer` leaves it out too). Models used (Culture.French): NumberModel
(`recognize_number`) on number files, CurrencyModel (`recognize_currency`) on money files,
PercentModel (`recognize_percentage`) on percent files, DateTimeModel (`recognize_datetime`,
reference = the case's `ref_datetime`, or None = now, as we get None) on date files. The
`recognize_*` helpers rebuild the recognizer on every call (seconds each); the models are
built once here (time reported apart) and their `parse()` is what the helpers call.
Its resolutions are converted to the same prediction format:
  * number / percent: the resolution string, French decimals ("0,5", "1,2732E+15", "12,5%").
  * money: value + unit name mapped to the gold's units: generic names stay generic markers
    like the gold (Dollar -> $, Livre -> £, Franc -> franc, Couronne -> KR, Cent -> cent,
    Centime -> centime, Penny/Pence -> penny, Pesewa, Rial, Riyal, Roupie), national names ->
    ISO 4217 (Euro -> EUR, Dollar États-Unis -> USD, Dollar Canadien -> CAD, Livre
    britannique/sterling -> GBP, Yen -> JPY, Yuan -> CNY, Franc Suisse -> CHF, ...; see
    PEER_CURRENCY); an unknown name is kept as is (cannot match). value None is skipped.
  * dates: the FIRST resolution value (the peer lists past then future candidates for an
    undated "13 juillet": the past one is taken, as news needs); date -> `date`, datetime ->
    `datetime`, daterange / datetimerange -> {"start", "end"} with its own ends (exclusive
    for periods, inclusive Y for "X au Y"); on Duckling/rustling files an explicit range
    (timex "(start,end,PnD)") gets end + 1 day (Duckling's convention), on edsnlp files a
    year / month period (timex "YYYY" / "YYYY-MM") becomes a partial date, as ours.
    time / timerange / duration / set and "not resolved" values are dropped.
Timing: "ms/case" = wall time of our `nlp.pipe` + `mention_dicts` over the file's texts
(batched, model load excluded), or of the peer's `parse()` calls (model build excluded), divided
by the number of cases. Both are warmed up once on one sentence first (lazy regex/dateparser
set-up). "peer/ours" = peer time / our time ("ours is N x faster"). A peer run longer than
`--peer-budget` seconds (default 60) on one file is stopped: its time is measured on the cases
done so far (said in a note) and its recall/precision are not given for that file.

News-relevant dates (date files)
--------------------------------
Each gold entity is classified by its KIND and GRAIN (and, for the last two groups below, its value
or its own text), never by the sentence:
  * news-relevant: `date` (a day), `partial_date` (edsnlp), `daterange` of grain day / week /
    month / quarter / year (Duckling/rustling carry `grain`; Recognizers' dateranges are weeks,
    months, years and "X au Y" day ranges; day-grain dateranges include "du 13 au 15 juillet",
    seasons, "début de semaine" and open ones "à partir du 8 mars"), and lingua-franca
    `datetime` values at 00:00:00 (lingua-franca encodes a day as midnight; its "à minuit"
    cannot be told apart).
  * out of scope: `datetime` / `datetimerange` / `time` / `timerange` / `duration` / `set` /
    `partial_datetime`, and anything of grain hour / minute / second (clock times, durations,
    recurring sets).
  * unscorable: edsnlp `relative_date` ("hier", "il y a 3 mois": the test has no reference
    date; value "-1 day"), Recognizers season dateranges ("cet été": empty value, timex only) and
    Recognizers' impossible days ("30/2", "2016-2-30": value "notTresolved", no date to find).
  * not news typography (`form`): a news-relevant entity whose TEXT has a form French news never
    prints, by rule on that text alone (DATE_FORM_RULES; almost all are Recognizers' cases
    machine-translated from English), counted apart by reason:
      - month-first numeric date: "02/22/2016", "9-18-15" (the second field is over 12);
      - year then month or day, numeric: "2015.3", "2015/3", "2016 - 11", "2016-11", "2015/08/12",
        "2015.5.13" (a year-first month: in news "2011-12" is a season or a span of years; ISO
        days "2016-04-21" are read and stay in scope);
      - month abbreviation between slashes: "23/Sep/2020", "2020/Sep/23" (web server logs);
      - month and year spaced or dashed: "11 / 2016", "11 /2016", "11-2016" (news prints "11/2016");
      - English word order, the month before its day: "Oct/2", "Oct. 2", "Jan-1", "Mai vingt-neuf",
        "Aout seconde", "Novembre 19 au 20", "décembre 5 2014" (never "mai 68" nor "13 juillet -
        15 juillet": a number over 31, or a day before the month);
      - comma before the year: "12 Janvier, 2018", "12/08,15" (not "dimanche, 11 mai 2014");
      - "cette" before a masculine month: "cette décembre", "4 au 22 cette mois";
      - day and month as numbers set apart by spaces, with no four-digit year: "17 02", "le 17 2",
        "20 2 14", "24 12 14" (dictation; news prints "17/02", "20/02/14"; "20 02 2014" stays in scope).
    Convention differences (Duckling's next occurrence, "début avril" as the 1st-5th, US holidays
    named in French) stay in scope, as does everything French news writes.
Column "recall ours, either conv.": a date without a tense (a bare "lundi", "31 octobre", "le 2",
"Noël") is read by us as the nearest one (weekdays: the past one), by Duckling/rustling as the next
one. The extraction is run a second time with the date pipe's `untensed="future"` and a gold entity
counts as found when either run finds it: the gap between "recall ours" (the strict, main figure)
and this one is what the convention alone costs.
The subset is scored by score.py (`--date-level`) on a copy of the gold file in which the other
entities are renamed (`out:<kind>`, `unscorable:<kind>`: not scored, and their case is not
counted as a negative). A prediction left unmatched by the news gold is dropped (neither right
nor wrong) when it matches an out-of-scope entity of its case at date level (our "12 février"
for "le 12 février en début de matinée") or its text lies inside that entity's span.
Beside ours: dateparser ALONE, `dateparser.parse(span, languages=["fr"], settings={
"RELATIVE_BASE": ref_datetime, "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"})` on each gold
span of the case (this is generous to dateparser: it is handed the gold spans, so it never has to
find them and rarely produces extras), or `dateparser.search.search_dates(text, ...)` on the
whole text when the case has no gold span (lingua-franca, negatives, one edsnlp case). Each
result is a day -> kind `date` (dateparser has no grain: it can never match a daterange). And the
peer, when installed, with the same conversion as above. Then the counts of out-of-scope and
unscorable entities per file, by kind.

In-scope numbers, money and percentages
---------------------------------------
Some gold entities of the number, money and percent files are not what a reader of French
news calls a figure. Each is classified by a RULE on the entity and its case text (never by
case id), renamed `out:<kind>` in a copy of the gold file, and counted apart by reason; the
in-scope table scores ours and the peer on what is left (a prediction that only an
out-of-scope entity explains is dropped, as for dates). The rules (QUANTITY_SCOPE_RULES):
  * article: the entity is "un"/"une" alone. The issue's spec: "un" as an article is not a
    quantity ("un vent glacial"), and in a dictation "un" is a digit, not a figure.
  * dictated digits: two or more gold numbers inside one run of number words ("zéro neuf
    soixante zéro six": a phone number read aloud; "vingt un" as 20 and 1). Speech
    transcripts, where the words are digits; printed news writes figures.
  * not news typography: exponent notation ("1,1^23"), a leading decimal comma (",08"), a
    dotted address ("192.168.1.2"), a "G" (giga) suffix ("10G": "4G" is a network), a sign
    cut from its number by a space ("- 1.200.000": a list bullet in articles).
  * a date or a reference: a number right before a month name ("le neuf février": read as
    a date, and dates are not numbers here), or right after "numéro"/"n°" (the issue's
    "article numbers are not quantities").
  * ordinal: an entity without a span whose case has an ordinal word and no cardinal
    ("voici le premier test" -> 1): ordinals are not quantities in the issue's spec.
  * unnamed or ambiguous currency: money with no currency named ("3 balles", slang) and
    "N livres" with no scale and no "sterling" (books as often as pounds).

Output: per file and per dimension (micro-averaged: summed tp, gold, pred): cases, gold entities
scored, value recall tp/gold and precision tp/pred for ours and the peer, time per case, the
exact-span rate of our matched entities and our negative cases without prediction; then the
news-relevant date table and the out-of-scope counts; then timings.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import fnmatch
import importlib.util
import io
import json
import re
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"

DATE_KINDS = "date,datetime,partial_date,partial_datetime,daterange,datetimerange"
# (dimension, files in report order, score.py --kinds, extra score.py flags)
DIMENSIONS = [
    ("money", ["recognizers_fr_money", "duckling_fr_money", "rustling_fr_money"], "money,money_range", []),
    ("number", ["recognizers_fr_number", "duckling_fr_number", "rustling_fr_number", "text2num_fr_number",
                "text2num-rs_fr_number", "lingua-franca_fr_number"], "number", []),
    ("percent", ["recognizers_fr_percent", "rustling_fr_percent"], "percent", []),
    ("date", ["recognizers_fr_date", "duckling_fr_date", "rustling_fr_date", "dateparser_fr_date",
              "edsnlp_fr_date", "lingua-franca_fr_date"], DATE_KINDS, ["--date-level"]),
]
QUANTITY_KINDS = ("number", "count", "money", "percent", "multiplier", "duration", "fraction")
WARMUP = ("Le 3 mars 2024, les ventes ont progressé de 12,5 % à 1,2 million d'euros, soit trois fois plus.",
          "2024-03-04T00:00:00")
PEER_MISSING = "peer: recognizers-text-suite not installed (pip install recognizers-text-suite 'emoji<1.0')"

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_OR_MONTH = re.compile(r"^\d{4}(-\d{2})?$")
# An explicit day range ("du 13 au 15 juillet", "19-20 novembre", "entre le 13 et le 15"), not a weekend or a quinzaine
# An explicit "X au Y" range: two days linked ("13-15", "du 3 au 5", "aujourd'hui jusqu'à demain"), not "week-end"
_DAY_RANGE_TEXT = re.compile(r"\d\s*-|\b(?:au|à|a|et|jusqu)\b|jusqu'", re.IGNORECASE)


def source_of(path: Path) -> str:
    """'duckling_fr_date.jsonl' -> 'duckling'."""
    return path.stem.split("_fr_")[0]


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=1)).isoformat()


# ----------------------------------------------------------------------------- reference scorer

def load_scorer(eval_dir: Path):
    """Import eval_dir/score.py as a module (no bytecode written into the read-only folder)."""
    path = eval_dir / "score.py"
    spec = importlib.util.spec_from_file_location("external_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


def run_scorer(scorer, gold: Path, pred: Path, kinds: str, flags: list[str]) -> tuple[dict, list]:
    """score.py's main() on (gold, pred): its summary dict and every MISS/EXTRA error it lists."""
    argv = ["score.py", str(gold), str(pred), "--kinds", kinds, "--show-errors", "1000000", *flags]
    out, err = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = argv
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            scorer.main()
    finally:
        sys.argv = saved
    summary = json.loads(out.getvalue().strip().splitlines()[-1])
    errors = [json.loads(line) for line in err.getvalue().splitlines() if line.startswith("[")]
    return summary, errors


def score_predictions(scorer, gold: Path, records, predictions, kinds, flags, folder: Path, tag: str,
                      keep: Path | None) -> tuple[dict, list]:
    """Write one predictions file (one line per case) and score it against `gold`."""
    pred_path = folder / f"{gold.stem.removesuffix('.news')}.{tag}.pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as out:
        for r, preds in zip(records, predictions):
            out.write(json.dumps({"id": r["id"], "predicted": preds}, ensure_ascii=False) + "\n")
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / pred_path.name).write_text(pred_path.read_text(encoding="utf-8"), encoding="utf-8")
    return run_scorer(scorer, gold, pred_path, kinds, flags)


# ----------------------------------------------------------------------------- in-scope quantities

_NUMBER_WORD = re.compile(
    r"^(?:z[ée]ro|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|mille)$")
_WORD_OR_GAP = re.compile(r"[\w'-]+|[^\w'-]+")
_MONTHS = ("janvier", "fevrier", "février", "mars", "avril", "mai", "juin", "juillet", "aout", "août",
           "septembre", "octobre", "novembre", "decembre", "décembre")
_ORDINAL = re.compile(r"\b(premi[eè]re?|second|seconde|\w+i[eè]me)\b", re.IGNORECASE)
_CARDINAL = re.compile(r"\d|\b(?:une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|cent|mille)\b", re.IGNORECASE)


def _number_word_runs(text: str) -> list[tuple[int, int]]:
    """Character spans of the runs of number words separated by spaces only ("zéro neuf soixante")."""
    runs, start, end = [], None, None
    for m in _WORD_OR_GAP.finditer(text):
        token = m.group()
        if token[0].isalnum() or token[0] in "'-":
            if all(_NUMBER_WORD.match(part) for part in token.lower().split("-") if part):
                start = m.start() if start is None else start
                end = m.end()
                continue
            if start is not None:
                runs.append((start, end))
            start = None
        elif start is not None and token.strip(" ") != "":
            runs.append((start, end))
            start = None
    if start is not None:
        runs.append((start, end))
    return runs


def quantity_scope(e: dict, record: dict) -> str | None:
    """The out-of-scope reason of a gold number/money/percent entity, or None (module docstring)."""
    text, case = e.get("text"), record["text"]
    if e["kind"] in ("money", "money_range"):
        if e.get("unit") is None:
            return "unnamed or ambiguous currency"
        if e.get("unit") == "£" and text and re.search(r"\blivres?\b", text, re.I) \
                and not re.search(r"sterling|milli|\bmd", text, re.I):
            return "unnamed or ambiguous currency"
    if text is None:
        if _ORDINAL.search(case) and not _CARDINAL.search(_ORDINAL.sub("", case)):
            return "ordinal"
        if re.search(r"\b(?:numéro|numero|n°)\s*" + re.escape(str(e.get("value"))) + r"\b", case, re.I):
            return "a date or a reference"
        gold_count = sum(1 for g in record["expected"] if g["kind"] == e["kind"])
        runs = _number_word_runs(case)
        if len(runs) < gold_count and any(len(case[a:b].split()) > 1 for a, b in runs):
            return "dictated digits"
        return None
    stripped = text.strip()
    if stripped.lower() in ("un", "une"):
        return "article"
    if "^" in stripped or stripped.startswith((",", "-,")) or re.search(r"\d\.\d+\.\d+\.\d", case) \
            or re.search(r"\dG\b", stripped) or re.match(r"^[-\u2212] +\d", stripped):
        return "not news typography"
    at = _locate(e, record)
    if at >= 0:
        after = case[at + len(stripped):].split()
        before = case[:at].split()
        if after and after[0].lower().strip(".,") in _MONTHS:
            return "a date or a reference"
        if before and before[-1].lower() in ("numéro", "numero", "n°", "no"):
            return "a date or a reference"
        starts = [_locate(g, record) for g in record["expected"] if g.get("text") and g["kind"] == e["kind"]]
        for a, b in _number_word_runs(case):
            if a <= at < b and sum(1 for x in starts if a <= x < b) >= 2:
                return "dictated digits"
    return None


def _locate(e: dict, record: dict) -> int:
    """Where a gold entity starts in its case: entities are found in order, each after the previous."""
    position = 0
    for g in record["expected"]:
        if not g.get("text"):
            continue
        at = record["text"].find(g["text"].strip(), position)
        if g is e:
            return at
        if at >= 0:
            position = at + len(g["text"].strip())
    return -1


def quantity_subset(records: list[dict]) -> tuple[list[dict], collections.Counter]:
    """Copy of the records with out-of-scope entities renamed `out:<kind>`, and the counts by reason."""
    subset, reasons = [], collections.Counter()
    for r in records:
        expected = []
        for e in r["expected"]:
            reason = quantity_scope(e, r)
            if reason is None:
                expected.append(e)
            else:
                reasons[reason] += 1
                expected.append({**e, "kind": f"out:{e['kind']}"})
        subset.append({**r, "expected": expected})
    return subset, reasons


# ----------------------------------------------------------------------------- our kinds -> gold kinds

def to_predictions(mentions: list[dict], dimension: str, source: str = "duckling") -> list[dict]:
    """Our mention dicts -> score.py predictions for one dimension (see the module docstring)."""
    preds = []
    for m in mentions:
        kind, value, low, high = m["kind"], m["value"], m.get("low"), m.get("high")
        text = m.get("text")
        if dimension == "money" and kind == "money":
            if value is not None:
                preds.append({"text": text, "kind": "money", "value": value, "unit": m["unit"]})
            bounds = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
            if bounds and (value is None or low is None or high is None):
                preds.append({"text": text, "kind": "money_range", "value": bounds, "unit": m["unit"]})
        elif dimension == "percent" and kind == "percent" and m["unit"] == "%":
            for v in _values(value, low, high):
                preds.append({"text": text, "kind": "percent", "value": v, "unit": "%"})
        elif dimension == "number" and kind in QUANTITY_KINDS:
            for v in _values(value, low, high):
                preds.append({"text": text, "kind": "number", "value": v, "unit": None})
        elif dimension == "date" and kind == "date":
            pred = our_date_prediction(m, source)
            if pred is not None:
                preds.append(pred)
    return preds


def our_date_prediction(m: dict, source: str) -> dict | None:
    value, text = m["value"], m.get("text")
    if m.get("grain") == "day" and isinstance(value, str) and _ISO_DAY.match(value):
        if m.get("modifier") == "since":  # "à partir du 8 mars", "après le 1er novembre": open after
            return {"text": text, "kind": "daterange", "value": {"start": value}, "unit": None}
        return {"text": text, "kind": "date", "value": value, "unit": None}
    if (source == "recognizers" and m.get("grain") == "day" and m.get("modifier") is None
            and _DAY_RANGE_TEXT.search(text or "")):
        # Recognizers ends an explicit "X au Y" range on Y (module docstring)
        return {"text": text, "kind": "daterange", "unit": None,
                "value": {"start": m["period_start"], "end": m["period_end"]}}
    if isinstance(value, str) and re.fullmatch(r"--\d\d(?:-\d\d)?", value):  # of unknown year: "--08-04", "--08"
        partial = "????" + value[1:] + ("-??" if len(value) == 4 else "")
        return {"text": text, "kind": "partial_date", "value": partial, "unit": None}
    if source == "edsnlp" and m.get("modifier") is None and isinstance(value, str) and _YEAR_OR_MONTH.match(value):
        partial = value + ("-??-??" if len(value) == 4 else "-??")
        return {"text": text, "kind": "partial_date", "value": partial, "unit": None}
    if m.get("period_start") and m.get("period_end"):
        return {"text": text, "kind": "daterange", "unit": None,
                "value": {"start": m["period_start"], "end": _next_day(m["period_end"])}}
    return None


def _values(value, low, high) -> list:
    if value is not None:
        return [value]
    return [v for v in (low, high) if v is not None]


# ----------------------------------------------------------------------------- extraction (ours)

def extract(nlp, records: list[dict], untensed: str | None = None) -> list[list[dict]]:
    """Our mention dicts per record; `untensed` overrides the date pipe's convention for this call."""
    from factcheck.mentions import mention_dicts

    if untensed is not None:
        pipe = nlp.get_pipe("factcheck_dates")
        saved, pipe.untensed = pipe.untensed, untensed
        try:
            return extract(nlp, records)
        finally:
            pipe.untensed = saved

    docs = []
    for r in records:
        doc = nlp.make_doc(r["text"])
        ref = r.get("ref_datetime")
        doc._.published = ref[:10] if ref else None
        docs.append(doc)
    found = []
    for doc in nlp.pipe(docs, batch_size=64):
        if doc._.factcheck_error is not None:  # a bug must fail the benchmark, not score as misses
            raise RuntimeError(f"{doc._.factcheck_error} on {doc.text!r}")
        found.append(mention_dicts(doc))
    return found


# ----------------------------------------------------------------------------- the peer

# Recognizers' French currency names -> the gold's units (module docstring). Exact names first,
# then name fragments (national variants), first match wins.
PEER_CURRENCY = {
    "dollar": "$", "dollars": "$", "livre": "£", "livres": "£", "franc": "franc", "francs": "franc",
    "couronne": "KR", "couronnes": "KR", "cent": "cent", "cents": "cent", "centime": "centime",
    "centimes": "centime", "penny": "penny", "pence": "penny", "pesewa": "pesewa", "pesewas": "pesewa",
    "rial": "rial", "riyal": "riyal", "roupie": "roupie", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY",
}
PEER_CURRENCY_FRAGMENTS = [
    (r"états-unis|etats-unis|américain|americain|\busd\b", "USD"), (r"canadien", "CAD"), (r"australien", "AUD"),
    (r"hong kong", "HKD"), (r"zélandais|zelandais", "NZD"), (r"singapour", "SGD"), (r"suisse", "CHF"),
    (r"britannique|sterling", "GBP"), (r"japonais|\byen\b", "JPY"), (r"yuan|renminbi", "CNY"),
    (r"danoise", "DKK"), (r"suédoise|suedoise", "SEK"), (r"norvégienne|norvegienne", "NOK"),
    (r"islandaise", "ISK"), (r"mark finlandais", "FIM"), (r"florin", "NLG"), (r"baht", "THB"),
    (r"rouble", "RUB"), (r"^won\b", "KRW"), (r"roupie indienne", "INR"), (r"shekel|sheqel", "ILS"),
    (r"bitcoin", "BTC"), (r"\beuro", "EUR"),
]


def peer_unit(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().lower()
    if key in PEER_CURRENCY:
        return PEER_CURRENCY[key]
    for pattern, code in PEER_CURRENCY_FRAGMENTS:
        if re.search(pattern, key):
            return code
    return name


def peer_number(raw) -> int | float | None:
    """'0,5' -> 0.5, '1,2732E+15' -> 1.2732e15, '12,5%' -> 12.5, '-20' -> -20."""
    if raw is None:
        return None
    s = str(raw).strip().rstrip("%").replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    try:
        x = float(s)
    except ValueError:
        return None
    return int(x) if x.is_integer() and abs(x) < 1e18 else x


def peer_date_prediction(text: str, v: dict, source: str) -> dict | None:
    kind, timex = v.get("type"), v.get("timex") or ""
    if kind == "date" and _ISO_DAY.match(str(v.get("value"))):
        return {"text": text, "kind": "date", "value": v["value"], "unit": None}
    if kind == "datetime" and isinstance(v.get("value"), str) and v["value"] != "not resolved":
        return {"text": text, "kind": "datetime", "value": v["value"].replace(" ", "T"), "unit": None}
    if kind in ("daterange", "datetimerange"):
        bounds = {k: v[k].replace(" ", "T") for k in ("start", "end")
                  if isinstance(v.get(k), str) and v[k] != "not resolved"}
        if not bounds:
            return None
        if kind == "daterange" and source == "edsnlp" and _YEAR_OR_MONTH.match(timex):
            return {"text": text, "kind": "partial_date", "unit": None,
                    "value": timex + ("-??-??" if len(timex) == 4 else "-??")}
        if kind == "daterange" and source in ("duckling", "rustling") and timex.startswith("(") and "end" in bounds:
            bounds["end"] = _next_day(bounds["end"])
        return {"text": text, "kind": kind, "value": bounds, "unit": None}
    return None


class Peer:
    """Recognizers-Text French models, built once (see the module docstring)."""

    def __init__(self):
        from recognizers_date_time import DateTimeRecognizer
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

        t0 = time.perf_counter()
        fr = Culture.French
        self.models = {
            "number": NumberRecognizer(fr).get_number_model(fr),
            "percent": NumberRecognizer(fr).get_percentage_model(fr),
            "money": NumberWithUnitRecognizer(fr).get_currency_model(fr),
            "date": DateTimeRecognizer(fr).get_datetime_model(fr),
        }
        for dimension in self.models:
            self.parse(dimension, {"text": WARMUP[0], "ref_datetime": WARMUP[1]})
        self.build_s = time.perf_counter() - t0

    def parse(self, dimension: str, record: dict) -> list:
        model = self.models[dimension]
        if dimension == "date":
            ref = record.get("ref_datetime")
            return model.parse(record["text"], dt.datetime.fromisoformat(ref) if ref else None)
        return model.parse(record["text"])

    def run(self, dimension: str, records: list[dict], budget: float):
        """(results per case, seconds, cases done, cases where the peer raised)."""
        results, failed = [], 0
        t0 = time.perf_counter()
        for r in records:
            try:
                results.append(self.parse(dimension, r))
            except Exception:  # noqa: BLE001 - a peer crash is a case without prediction
                results.append([])
                failed += 1
            if time.perf_counter() - t0 > budget and len(results) < len(records):
                break
        return results, time.perf_counter() - t0, len(results), failed

    @staticmethod
    def predictions(dimension: str, results: list, source: str) -> list[dict]:
        preds = []
        for r in results:
            res = r.resolution or {}
            if dimension == "date":
                values = res.get("values") or []
                pred = peer_date_prediction(r.text, values[0], source) if values else None
                if pred is not None:
                    preds.append(pred)
                continue
            value = peer_number(res.get("value"))
            if value is None:
                continue
            if dimension == "money":
                preds.append({"text": r.text, "kind": "money", "value": value, "unit": peer_unit(res.get("unit"))})
            elif dimension == "percent":
                preds.append({"text": r.text, "kind": "percent", "value": value, "unit": "%"})
            else:
                preds.append({"text": r.text, "kind": "number", "value": value, "unit": None})
        return preds


def load_peer():
    try:
        return Peer(), None
    except ImportError:
        return None, PEER_MISSING
    except Exception as exc:  # noqa: BLE001 - e.g. emoji>=1.0 breaks recognizers_text at import
        return None, f"{PEER_MISSING}; it failed to load: {exc.__class__.__name__}: {exc}"


# ----------------------------------------------------------------------------- news-relevant dates

NEWS, OUT, UNSCORABLE, FORM = "news", "out", "unscorable", "form"
NEWS_RANGE_GRAINS = (None, "day", "week", "month", "quarter", "half", "year")


_MONTH_WORD = (r"(?:janv(?:ier)?|jan|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept?(?:embre)?|"
               r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)")
_DAY_WORD = r"(?:(?:3[01]|[12]\d|0?[1-9])\b|vingt|trente|premier|seconde?|deuxi[eè]me|troisi[eè]me)"
# (reason, pattern on the gold entity's text): forms French news never prints (module docstring)
DATE_FORM_RULES = [
    ("month-first numeric date", re.compile(r"^\s*(\d{1,2})[/-](1[3-9]|2\d|3[01])[/-]\d{2,4}\s*$")),
    ("year then month or day, numeric", re.compile(r"^\s*\d{4}\s*(?:[./]\s*\d{1,2}|\s+-\s*\d{1,2}|\s*-\s+\d{1,2}"
                                                    r"|-\d{1,2}\s*$)")),
    ("month abbreviation between slashes", re.compile(r"\d/[a-z]{3}/\d", re.IGNORECASE)),
    ("month and year spaced or dashed", re.compile(r"^\s*\d{1,2}(?:\s+[/-]\s*|\s*[/-]\s+|-)\d{4}\s*$")),
    # the month before its day, and no day before the month ("13 juillet - 15 juillet", "1er avril 78" are French)
    ("English word order", re.compile(r"(?:^|(?<=[\s/]))(?<!\d\s)(?<!er\s)" + _MONTH_WORD
                                      + r"\.?(?:\s*[-/.]\s*|\s+(?:entre\s+)?)" + _DAY_WORD, re.IGNORECASE)),
    ("comma before the year", re.compile(r"(?:[a-zéû]\.?|\d)\s*,\s*(?:\d{4}|\d{2})\s*(?:$|-)", re.IGNORECASE)),
    ("cette before a masculine month", re.compile(r"\bcette\s+(?:mois|" + _MONTH_WORD + r")\b", re.IGNORECASE)),
    # dictation: news prints "17/02", "17 février", "20/02/14"
    ("day and month as numbers set apart by spaces", re.compile(r"^\s*(?:le\s+)?\d{1,2}\s+\d{1,2}(?:\s+\d{2})?\s*$",
                                                                re.IGNORECASE)),
]


def date_form_scope(e: dict) -> str | None:
    """The reason a news-relevant gold date is written in a form French news never prints, or None."""
    text = e.get("text")
    if not text:
        return None
    return next((reason for reason, pattern in DATE_FORM_RULES if pattern.search(text)), None)


def date_scope(e: dict, source: str) -> str:
    """news / out / unscorable, from the gold entity's kind and grain ("notTresolved": no date; module docstring)."""
    kind, grain, value = e["kind"], e.get("grain"), e.get("value")
    if kind == "relative_date" or (kind == "daterange" and not value) or value == "notTresolved":
        return UNSCORABLE
    if grain in ("hour", "minute", "second"):
        return OUT
    if kind in ("date", "partial_date"):
        return NEWS
    if kind == "daterange" and grain in NEWS_RANGE_GRAINS:
        return NEWS
    if kind == "datetime" and source == "lingua-franca" and isinstance(value, str) and value.endswith("T00:00:00"):
        return NEWS
    return OUT


def news_subset(records: list[dict], source: str) -> list[dict]:
    """Copy of the records where non-news entities are renamed `out:<kind>` / `unscorable:<kind>`."""
    subset = []
    for r in records:
        expected = []
        for e in r["expected"]:
            scope = date_scope(e, source)
            if scope == NEWS and e["kind"] == "datetime":  # lingua-franca's midnight = a day
                expected.append({**e, "kind": "date", "value": e["value"][:10]})
            elif scope == NEWS and date_form_scope(e):
                expected.append({**e, "kind": f"{FORM}:{e['kind']}", "scope_reason": date_form_scope(e)})
            elif scope == NEWS:
                expected.append(e)
            else:
                expected.append({**e, "kind": f"{scope}:{e['kind']}"})
        subset.append({**r, "expected": expected})
    return subset


def neutralize(scorer, record: dict, preds: list[dict]) -> list[dict]:
    """Drop the predictions that the news gold leaves unmatched but an out-of-scope entity explains."""
    gold = [e for e in record["expected"] if ":" not in e["kind"] and e.get("value") is not None]
    other = [{**e, "kind": e["kind"].split(":", 1)[1]} for e in record["expected"] if ":" in e["kind"]]
    if not other:
        return preds
    used = set()
    for g in gold:  # score.py's greedy matching
        hit = next((i for i, p in enumerate(preds) if i not in used and scorer.value_match(g, p, True)), None)
        if hit is not None:
            used.add(hit)

    def explained(p):
        for e in other:
            if e.get("value") is not None and scorer.value_match(e, p, True):
                return True
            if e.get("text") and p.get("text") and p["text"].strip().lower() in e["text"].lower():
                return True
        return False

    return [p for i, p in enumerate(preds) if i in used or not explained(p)]


def either_convention(scorer, nlp, records, subset, source, strict: dict, strict_errors: list, news_gold: Path,
                      folder: Path, keep: Path | None, missed_by_both: Path | None = None) -> dict:
    """Recall on the news subset when a gold date counts as found under either convention for dates
    without a tense: ours (nearest; past weekdays) or the next occurrence (Duckling's). The reading
    with `untensed="future"` is scored apart; a gold entity is missed only when both runs miss it."""
    mentions = extract(nlp, records, untensed="future")
    preds = [neutralize(scorer, r, to_predictions(ms, "date", source)) for r, ms in zip(subset, mentions)]
    _, errors = score_predictions(scorer, news_gold, subset, preds, DATE_KINDS, ["--date-level"], folder,
                                  "ours.future.news", keep)

    def misses(errs):
        return collections.Counter((e[0], json.dumps(e[3], sort_keys=True)) for e in errs if e[2] == "MISS")

    both = misses(strict_errors) & misses(errors)
    if missed_by_both is not None:
        texts = {r["id"]: r["text"] for r in subset}
        with missed_by_both.open("a", encoding="utf-8") as out:
            for case_id, entity in sorted(both):
                out.write(f"{case_id}\t{texts.get(case_id)!r}\t{entity}\n")
    gold = strict["gold_entities_scored"]
    return {"gold_entities_scored": gold, "tp": gold - sum(both.values())}


def dateparser_predictions(records: list[dict]) -> tuple[list[list[dict]], float]:
    """dateparser alone: parse each gold span, or search the whole text (module docstring)."""
    import dateparser
    import dateparser.search

    def settings(ref):
        s = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past"}
        if ref:
            s["RELATIVE_BASE"] = dt.datetime.fromisoformat(ref)
        return s

    dateparser.parse(WARMUP[0], languages=["fr"], settings=settings(WARMUP[1]))
    dateparser.search.search_dates(WARMUP[0], languages=["fr"], settings=settings(WARMUP[1]))
    out = []
    t0 = time.perf_counter()
    for r in records:
        spans = [e["text"] for e in r["expected"] if e.get("text")]
        found = []
        if spans:
            for span in spans:
                d = dateparser.parse(span, languages=["fr"], settings=settings(r.get("ref_datetime")))
                if d is not None:
                    found.append((span, d))
        else:
            found = dateparser.search.search_dates(r["text"], languages=["fr"],
                                                   settings=settings(r.get("ref_datetime"))) or []
        out.append([{"text": t, "kind": "date", "value": d.date().isoformat(), "unit": None} for t, d in found])
    return out, time.perf_counter() - t0


# ----------------------------------------------------------------------------- reporting

def _ratio(num: int, den: int) -> str:
    return f"{num / den:6.1%} ({num}/{den})" if den else "     - (0/0)"


def _recall(s: dict | None) -> str:
    return _ratio(s["tp"], s["gold_entities_scored"]) if s else "-"


def _precision(s: dict | None) -> str:
    return _ratio(s["tp"], s["predicted"]) if s else "-"


def _ms(seconds: float | None, cases: int) -> str:
    return f"{1000 * seconds / cases:.2f}" if seconds is not None and cases else "-"


def _speed(peer_s, peer_cases, ours_s, ours_cases) -> str:
    if peer_s is None or not peer_cases or not ours_s or not ours_cases:
        return "-"
    return f"{(peer_s / peer_cases) / (ours_s / ours_cases):.1f}x"


def print_table(columns, rows) -> int:
    """columns: (header, width, align '<' or '>'); rows: lists of cells, or None for a rule."""
    header = "  ".join(f"{h:{a}{w}}" for h, w, a in columns)
    print(header)
    print("-" * len(header))
    for row in rows:
        if row is None:
            print("-" * len(header))
        else:
            print("  ".join(f"{str(c):{a}{w}}" for c, (_, w, a) in zip(row, columns)))
    return len(header)


def _fmt_gold(e: dict) -> str:
    value = e.get("value")
    if isinstance(value, list):
        value = "|".join(json.dumps(v, ensure_ascii=False) for v in value[:2])
    else:
        value = json.dumps(value, ensure_ascii=False)
    unit = f" {e['unit']}" if e.get("unit") not in (None, "%") or e.get("kind") == "money" else ""
    span = f' "{e["text"]}"' if e.get("text") else ""
    return f"{e.get('kind')} {value}{unit}{span}"


def _fmt_ours(m: dict) -> str:
    value = m["value"] if m["value"] is not None else f"[{m.get('low')}..{m.get('high')}]"
    unit = f" {m['unit']}" if m.get("unit") else ""
    return f'{m["kind"]} {value}{unit} "{m["text"]}"'


def print_errors(records, mentions, errors, limit: int, kinds: set[str]) -> None:
    by_case = collections.OrderedDict()
    for case_id, _text, what, entity, _preds in errors:
        by_case.setdefault(case_id, []).append((what, entity))
    index = {r["id"]: (r, ms) for r, ms in zip(records, mentions)}
    shown = 0
    for case_id, errs in by_case.items():
        if shown >= limit:
            break
        shown += 1
        r, ms = index[case_id]
        text = r["text"] if len(r["text"]) <= 220 else r["text"][:217] + "..."
        gold = [e for e in r["expected"] if e["kind"] in kinds]
        print(f"  - {case_id.split(':', 1)[-1]}  ref {r.get('ref_datetime')}  {json.dumps(text, ensure_ascii=False)}")
        print(f"      gold : {'; '.join(_fmt_gold(e) for e in gold) or '(negative case)'}")
        print(f"      ours : {'; '.join(_fmt_ours(m) for m in ms) or '(nothing)'}")
        miss = [_fmt_gold(e) for w, e in errs if w == "MISS"]
        extra = [_fmt_gold(e) for w, e in errs if w == "EXTRA"]
        if miss:
            print(f"      MISS : {'; '.join(miss)}")
        if extra:
            print(f"      EXTRA: {'; '.join(extra)}")
    if len(by_case) > shown:
        print(f"  ... {len(by_case) - shown} more cases with errors")


# ----------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    wall0 = time.perf_counter()
    parser = argparse.ArgumentParser(description="Value recall/precision of our extractor on the external French "
                                     "suites, beside Recognizers-Text and (news-relevant dates) dateparser alone.")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR, help=f"default: {DEFAULT_EVAL_DIR}")
    parser.add_argument("--files", help="restrict to files whose name matches one of these comma-separated globs "
                        "(or contains the string), e.g. 'money,percent' or '*_fr_number*'")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N cases with errors per file")
    parser.add_argument("--show-news-errors", type=int, default=0, metavar="N",
                        help="print up to N cases with errors per date file, on the news-relevant subset")
    parser.add_argument("--show-scoped-errors", type=int, default=0, metavar="N",
                        help="print up to N cases with errors per number/money/percent file, on the in-scope subset")
    parser.add_argument("--all-kinds", action="store_true", help="score every kind score.py knows (ordinals in number files too)")
    parser.add_argument("--no-dates", action="store_true", help="skip the date files")
    parser.add_argument("--no-peer", action="store_true", help="leave out the peer (Recognizers-Text)")
    parser.add_argument("--peer-budget", type=float, default=60.0, metavar="S",
                        help="stop the peer on a file after S seconds and report its time on that sample (default 60)")
    parser.add_argument("--model", default=None, help="spaCy model (default: factcheck's)")
    parser.add_argument("--pred-dir", type=Path, help="also keep the predictions files here (to rerun score.py by hand)")
    parser.add_argument("--either-misses", type=Path, metavar="FILE",
                        help="write the news-relevant gold dates missed under both conventions to FILE (TSV: case id, "
                             "text, gold entity); the file is overwritten")
    args = parser.parse_args(argv)

    eval_dir = args.eval_dir.resolve()
    if args.either_misses is not None:
        args.either_misses.write_text("", encoding="utf-8")
    if not (eval_dir / "score.py").is_file():
        parser.error(f"no score.py in {eval_dir}")
    scorer = load_scorer(eval_dir)

    plan = []
    for dimension, names, kinds, flags in DIMENSIONS:
        if dimension == "date" and args.no_dates:
            continue
        if args.all_kinds:
            kinds = scorer.DEFAULT_KINDS
        for name in names:
            path = eval_dir / f"{name}.jsonl"
            if args.files and not any(fnmatch.fnmatch(path.name, pat) or pat in path.name
                                      for pat in args.files.split(",")):
                continue
            if not path.is_file():
                print(f"warning: {path} missing, skipped", file=sys.stderr)
                continue
            plan.append((dimension, path, kinds, flags))
    if not plan:
        parser.error("no eval file selected")

    from factcheck.nlp import load_nlp

    t0 = time.perf_counter()
    nlp = load_nlp(args.model) if args.model else load_nlp()
    load_s = time.perf_counter() - t0
    extract(nlp, [{"text": WARMUP[0], "ref_datetime": WARMUP[1]}])

    peer, peer_note = (None, "peer: left out (--no-peer)") if args.no_peer else load_peer()
    if peer is None:
        print(peer_note)

    rows, news_rows, scoped_rows, notes = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="factcheck_eval_") as tmp_name:
        tmp = Path(tmp_name)
        for dimension, path, kinds, flags in plan:
            source = source_of(path)
            records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            t = time.perf_counter()
            mentions = extract(nlp, records)
            ours_s = time.perf_counter() - t
            ours_preds = [to_predictions(ms, dimension, source) for ms in mentions]
            summary, errors = score_predictions(scorer, path, records, ours_preds, kinds, flags, tmp, "ours", args.pred_dir)

            peer_summary = peer_s = peer_preds = None
            peer_done = 0
            if peer is not None:
                results, peer_s, peer_done, failed = peer.run(dimension, records, args.peer_budget)
                if failed:
                    notes.append(f"{path.stem}: the peer raised on {failed} case(s), counted as no prediction")
                if peer_done == len(records):
                    peer_preds = [Peer.predictions(dimension, res, source) for res in results]
                    peer_summary, _ = score_predictions(scorer, path, records, peer_preds, kinds, flags, tmp, "peer",
                                                        args.pred_dir)
                else:
                    notes.append(f"{path.stem}: the peer took over {args.peer_budget:g} s; stopped after "
                                 f"{peer_done}/{len(records)} cases: time measured on that sample, no scores")
            rows.append((dimension, path, summary, ours_s, len(records), peer_summary, peer_s, peer_done))

            if args.show_errors:
                print(f"\n=== {path.name}: {summary['tp']}/{summary['gold_entities_scored']} found, "
                      f"{summary['predicted'] - summary['tp']} extra; cases with errors:")
                print_errors(records, mentions, errors, args.show_errors, set(kinds.split(",")))

            if dimension != "date":
                subset, reasons = quantity_subset(records)
                scoped_gold = tmp / f"{path.stem}.news.jsonl"
                with scoped_gold.open("w", encoding="utf-8") as out:
                    for r in subset:
                        out.write(json.dumps(r, ensure_ascii=False) + "\n")
                flags_q = flags
                scoped_ours, scoped_errors = score_predictions(
                    scorer, scoped_gold, subset, [neutralize(scorer, r, p) for r, p in zip(subset, ours_preds)],
                    kinds, flags_q, tmp, "ours.scoped", args.pred_dir)
                scoped_peer = None
                if peer_preds is not None:
                    scoped_peer, _ = score_predictions(
                        scorer, scoped_gold, subset, [neutralize(scorer, r, p) for r, p in zip(subset, peer_preds)],
                        kinds, flags_q, tmp, "peer.scoped", args.pred_dir)
                scoped_rows.append((dimension, path, scoped_ours, scoped_peer, reasons))
                if args.show_scoped_errors:
                    print(f"\n=== {path.name}, in scope: {scoped_ours['tp']}/{scoped_ours['gold_entities_scored']} "
                          f"found; cases with errors:")
                    print_errors(subset, mentions, scoped_errors, args.show_scoped_errors, set(kinds.split(",")))
                continue
            subset = news_subset(records, source)
            news_gold = tmp / f"{path.stem}.news.jsonl"
            with news_gold.open("w", encoding="utf-8") as out:
                for r in subset:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
            ours_news = [neutralize(scorer, r, p) for r, p in zip(subset, ours_preds)]
            news_ours, news_errors = score_predictions(scorer, news_gold, subset, ours_news, DATE_KINDS, ["--date-level"],
                                                       tmp, "ours.news", args.pred_dir)
            news_either = either_convention(scorer, nlp, records, subset, source, news_ours, news_errors, news_gold,
                                            tmp, args.pred_dir, args.either_misses)
            dp_preds, dp_s = dateparser_predictions(records)
            dp_news = [neutralize(scorer, r, p) for r, p in zip(subset, dp_preds)]
            news_dp, _ = score_predictions(scorer, news_gold, subset, dp_news, DATE_KINDS, ["--date-level"],
                                           tmp, "dateparser.news", args.pred_dir)
            news_peer = None
            if peer_preds is not None:
                peer_news = [neutralize(scorer, r, p) for r, p in zip(subset, peer_preds)]
                news_peer, _ = score_predictions(scorer, news_gold, subset, peer_news, DATE_KINDS, ["--date-level"],
                                                 tmp, "peer.news", args.pred_dir)
            scopes = collections.Counter()
            for r in subset:
                for e in r["expected"]:
                    scopes[f"{FORM}: {e['scope_reason']}" if "scope_reason" in e
                           else e["kind"] if ":" in e["kind"] else NEWS] += 1
            news_rows.append((path, len(records), news_ours, news_dp, dp_s, news_peer, scopes, news_either))
            if args.show_news_errors:
                print(f"\n=== {path.name}, news-relevant subset: {news_ours['tp']}/{news_ours['gold_entities_scored']} "
                      f"found, {news_ours['predicted'] - news_ours['tp']} extra; cases with errors:")
                print_errors(subset, mentions, news_errors, args.show_news_errors, set(DATE_KINDS.split(",")))

    # ---------------------------------------------------------------- main table
    with_peer = peer is not None
    columns = [("file", 26, "<"), ("cases", 5, ">"), ("gold", 5, ">"), ("recall ours", 17, "<")]
    if with_peer:
        columns += [("recall peer", 17, "<")]
    columns += [("precision ours", 17, "<")]
    if with_peer:
        columns += [("precision peer", 17, "<")]
    columns += [("ms/case ours", 12, ">")]
    if with_peer:
        columns += [("ms/case peer", 12, ">"), ("peer/ours", 9, ">")]
    columns += [("span exact", 10, ">"), ("neg. clean", 10, ">")]

    def cells(name, s, ps, cases, ours_s, peer_s, peer_done, span, neg):
        row = [name, cases, s["gold_entities_scored"], _recall(s)]
        if with_peer:
            row.append(_recall(ps))
        row.append(_precision(s))
        if with_peer:
            row.append(_precision(ps))
        row.append(_ms(ours_s, cases))
        if with_peer:
            row += [_ms(peer_s, peer_done), _speed(peer_s, peer_done, ours_s, cases)]
        return row + [span, neg]

    table = []
    total_ours_s = total_peer_s = 0.0
    for dimension in [d[0] for d in DIMENSIONS]:
        part = [row for row in rows if row[0] == dimension]
        if not part:
            continue
        agg, pagg = collections.Counter(), collections.Counter()
        peer_complete = True
        for _, path, s, ours_s, cases, ps, peer_s, peer_done in part:
            total_ours_s += ours_s
            total_peer_s += peer_s or 0.0
            span = f"{s['span_exact_rate_on_matched']:.1%}" if s["span_exact_rate_on_matched"] is not None else "-"
            table.append(cells(path.stem, s, ps, cases, ours_s, peer_s, peer_done, span,
                               f"{s['negative_cases_without_prediction']}/{s['negative_cases']}"))
            for key in ("cases", "gold_entities_scored", "tp", "predicted", "negative_cases",
                        "negative_cases_without_prediction"):
                agg[key] += s[key]
                pagg[key] += ps[key] if ps else 0
            agg["seconds"] += ours_s
            pagg["seconds"] += peer_s or 0.0
            pagg["done"] += peer_done
            peer_complete = peer_complete and ps is not None
        table.append(cells(f"OVERALL {dimension}", agg, pagg if with_peer and peer_complete else None, agg["cases"],
                           agg["seconds"], pagg["seconds"] if with_peer else None, pagg["done"], "",
                           f"{agg['negative_cases_without_prediction']}/{agg['negative_cases']}"))
        table.append(None)
    print()
    print_table(columns, table[:-1] if table and table[-1] is None else table)
    note = "date files scored with --date-level; " if any(r[0] == "date" for r in rows) else ""
    if not args.all_kinds and any(r[0] == "number" for r in rows):
        note += "ordinals not scored (--all-kinds to include them); "
    print(note + "span exact and neg. clean: ours.")
    if with_peer:
        print("peer = Recognizers-Text (Python port 1.0.2a2 API); peer/ours = peer time per case / ours "
              "(N x: ours is N times faster).")

    # ---------------------------------------------------------------- in-scope quantities
    if scoped_rows:
        print("\nIn scope (gold entities a reader of news calls figures; rules in the module docstring; "
              "predictions explained by an out-of-scope entity dropped)")
        qcols = [("file", 26, "<"), ("in scope", 8, ">"), ("out", 4, ">"), ("recall ours", 17, "<")]
        if with_peer:
            qcols += [("recall peer", 17, "<")]
        qcols += [("precision ours", 17, "<")]
        if with_peer:
            qcols += [("precision peer", 17, "<")]
        qtable, total, total_peer, all_reasons = [], collections.Counter(), collections.Counter(), collections.Counter()
        peer_all = with_peer and all(r[3] for r in scoped_rows)
        for dimension, path, so, sp, reasons in scoped_rows:
            row = [path.stem, so["gold_entities_scored"], sum(reasons.values()), _recall(so)]
            if with_peer:
                row.append(_recall(sp))
            row.append(_precision(so))
            if with_peer:
                row.append(_precision(sp))
            qtable.append(row)
            for key in ("gold_entities_scored", "tp", "predicted"):
                total[key] += so[key]
                total_peer[key] += sp[key] if sp else 0
            all_reasons.update(reasons)
        row = ["OVERALL money+number+pct", total["gold_entities_scored"], sum(all_reasons.values()), _recall(total)]
        if with_peer:
            row.append(_recall(total_peer if peer_all else None))
        row.append(_precision(total))
        if with_peer:
            row.append(_precision(total_peer if peer_all else None))
        print_table(qcols, qtable + [None, row])
        print("out of scope, by reason: " + (", ".join(f"{k} {n}" for k, n in all_reasons.most_common()) or "none"))

    # ---------------------------------------------------------------- news-relevant dates
    if news_rows:
        print("\nNews-relevant dates (gold entities kept by kind and grain: day, partial date, day/week/month/"
              "quarter/year ranges; scored with --date-level; predictions explained by an out-of-scope entity dropped)")
        print("dateparser alone is handed the gold spans (search_dates on the whole text only when a case has no "
              "span): generous to it, especially on precision.")
        ncols = [("file", 26, "<"), ("cases", 5, ">"), ("news", 5, ">"), ("recall ours", 17, "<"),
                 ("precision ours", 17, "<"), ("recall dateparser", 17, "<"), ("precision dateparser", 20, "<")]
        ncols.insert(4, ("recall ours, either conv.", 25, "<"))
        if with_peer:
            ncols += [("recall peer", 17, "<"), ("precision peer", 17, "<")]
        ncols += [("ms/case dateparser", 18, ">")]
        ntable, agg = [], collections.defaultdict(collections.Counter)
        for path, cases, so, sd, dp_s, sp, _, se in news_rows:
            row = [path.stem, cases, so["gold_entities_scored"], _recall(so), _recall(se), _precision(so), _recall(sd),
                   _precision(sd)]
            for key in ("gold_entities_scored", "tp"):
                agg["either"][key] += se[key]
            if with_peer:
                row += [_recall(sp), _precision(sp)]
            ntable.append(row + [_ms(dp_s, cases)])
            for who, s in (("ours", so), ("dp", sd), ("peer", sp)):
                if s:
                    for key in ("gold_entities_scored", "tp", "predicted"):
                        agg[who][key] += s[key]
            agg["dp"]["seconds"] += dp_s
            agg["ours"]["cases"] += cases
        peer_all = with_peer and all(r[5] for r in news_rows)
        row = ["OVERALL news dates", agg["ours"]["cases"], agg["ours"]["gold_entities_scored"],
               _recall(agg["ours"]), _recall(agg["either"]), _precision(agg["ours"]), _recall(agg["dp"]),
               _precision(agg["dp"])]
        if with_peer:
            row += [_recall(agg["peer"] if peer_all else None), _precision(agg["peer"] if peer_all else None)]
        ntable += [None, row + [_ms(agg["dp"]["seconds"], agg["ours"]["cases"])]]
        print_table(ncols, ntable)
        print("recall ours, either conv.: a gold date also counts when our reading with the next-occurrence "
              "convention (Duckling's: a bare \"lundi\" or \"31 octobre\" is the coming one) finds it; "
              "recall ours is the strict figure.")

        print("\nDate gold entities by scope (out of scope / unscorable: not scored above)")
        ocols = [("file", 26, "<"), ("gold", 5, ">"), ("news", 5, ">"), ("out", 5, ">"), ("unscor.", 7, ">"),
                 ("form", 5, ">"), ("by kind; form: not news typography, by reason", 70, "<")]
        otable, forms = [], collections.Counter()
        for path, _, _, _, _, _, scopes, _ in news_rows:
            out_n = sum(n for k, n in scopes.items() if k.startswith("out:"))
            uns_n = sum(n for k, n in scopes.items() if k.startswith("unscorable:"))
            form_n = sum(n for k, n in scopes.items() if k.startswith(f"{FORM}:"))
            forms.update({k: n for k, n in scopes.items() if k.startswith(f"{FORM}:")})
            detail = ", ".join(f"{k} {n}" for k, n in sorted(scopes.items(), key=lambda kv: -kv[1]) if k != NEWS)
            otable.append([path.stem, sum(scopes.values()), scopes[NEWS], out_n, uns_n, form_n, detail or "-"])
        print_table(ocols, otable)
        print("not news typography (form), by reason: "
              + (", ".join(f"{k.split(': ', 1)[1]} {n}" for k, n in forms.most_common()) or "none"))

    for line in notes:
        print(f"note: {line}")
    timing = f"model load {load_s:.1f} s, our extraction {total_ours_s:.1f} s"
    if with_peer:
        timing += f"; peer model build {peer.build_s:.1f} s, peer parsing {total_peer_s:.1f} s"
    print(f"{timing}; total wall time {time.perf_counter() - wall0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
