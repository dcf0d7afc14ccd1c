"""The comparison on claims built by hand (intervals, precision, units, actors, repeats, the
policy), then the cases of the issue on French sentences through the parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.claims import build_claims
from factcheck.compare import find_discrepancies
from factcheck.errors import RulesError
from factcheck.models import Article, Claim
from factcheck.ruleset import load_rules

RULES = """schema_version: 1
topic:
  id: plan
  label: Plan
  aliases: [plan]
  measures:
    - {id: amount, kind: money, tolerance: 0.05}
    - {id: sites, kind: count, units: [usine, entreprise]}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("rules")
    (folder / "plan.yaml").write_text(RULES, encoding="utf-8")
    return load_rules(folder)


def claim(article, text, value, low=None, high=None, unit="EUR", kind="money", measure="amount",
          precision=0.5e9, actor=None, start=0, scope=(None, None, None, None), modality="fact"):
    low = value if low is None and high is None else low
    high = value if high is None and low == value else high
    return Claim(
        claim_id=f"{article}-{start}", article=article, start=start, end=start + len(text),
        sentence=f"... {text} ...", text=text, kind=kind, value=value, low=low, high=high, unit=unit,
        precision=precision, subject=None, actor=actor, attributed_to=None, place=None, modality=modality, date=scope[0], date_start=scope[1], date_end=scope[2],
        date_basis=scope[3], topic="plan",
        topic_cue="plan", measure=measure,
    )


def test_disjoint_amounts_conflict_with_explanation(rules):
    a = claim("a.txt", "5 milliards d'euros", 5e9)
    b = claim("b.txt", "20 milliards d'euros", 20e9)
    (d,) = find_discrepancies([a, b], rules)
    assert d.severity == "conflict" and d.rule == "interval_conflict"
    assert "«5 milliards d'euros»" in d.explanation and "«20 milliards d'euros»" in d.explanation
    assert "gap 15 000 000 000 EUR, 300% of the smaller" in d.explanation
    assert "plan/amount" in d.explanation


def test_a_time_scope_with_no_publication_date_is_worded_not_none(rules):
    """Articles with no publication date: 'prévoit 5 milliards' (future) holds from publication on."""
    a = claim("a.txt", "5 milliards d'euros", 5e9, scope=(None, None, None, "future"))
    b = claim("b.txt", "20 milliards d'euros", 20e9, scope=(None, None, None, "published"))
    (d,) = find_discrepancies([a, b], rules)
    assert "None" not in d.explanation
    assert ("Time scopes: from publication (date not known) on (future or conditional, no date stated) / "
            "when published (date not known) (publication date; no date stated)") in d.explanation


@pytest.mark.parametrize(
    "b_args,conflict",
    [
        (dict(text="20,4 milliards", value=20.4e9, precision=0.05e9), False),  # within rounding + 5 %
        (dict(text="25 milliards", value=25e9), True),
        (dict(text="plus de 19 milliards", value=19e9, low=19e9, high=None), False),  # an open interval
        (dict(text="moins de 10 milliards", value=10e9, low=None, high=10e9), True),
    ],
)
def test_intervals_and_precision(rules, b_args, conflict):
    a = claim("a.txt", "20 milliards", 20e9)
    b = claim("b.txt", **b_args)
    assert bool(find_discrepancies([a, b], rules)) == conflict


def test_euros_and_dollars_are_never_compared(rules):
    a = claim("a.txt", "5 milliards €", 5e9)
    b = claim("b.txt", "50 milliards $", 50e9, unit="USD")
    assert find_discrepancies([a, b], rules) == []


def test_different_actors_are_not_compared(rules):
    a = claim("a.txt", "5 milliards", 5e9, actor="Union européenne")
    b = claim("b.txt", "50 milliards", 50e9, actor="États-Unis")
    assert find_discrepancies([a, b], rules) == []
    c = claim("c.txt", "50 milliards", 50e9, actor=None)
    assert len(find_discrepancies([a, c], rules)) == 1


def test_same_article_is_not_compared_and_repeats_are_one_figure(rules):
    a1 = claim("a.txt", "5 milliards", 5e9, start=10)
    a2 = claim("a.txt", "20 milliards", 20e9, start=50)
    b1 = claim("b.txt", "20 milliards", 20e9, start=5)
    b2 = claim("b.txt", "20 Md€", 20e9, start=90)
    rows = find_discrepancies([a1, a2, b1, b2], rules)
    assert [(d.a.text, d.b.text, d.mentions_b) for d in rows] == [("5 milliards", "20 milliards", 2)]


def test_related_counts_are_a_review(rules):
    a = claim("a.txt", "plus de 160", 160, low=160, high=None, unit="entreprise", kind="count", measure="sites", precision=0.5)
    b = claim("b.txt", "Treize", 13, unit="usine", kind="count", measure="sites", precision=0.5)
    (d,) = find_discrepancies([a, b], rules)
    assert (d.severity, d.rule) == ("review", "related_counts")
    assert "entreprise vs usine" in d.explanation


Q3_2024 = ("2024-Q3", "2024-07-01", "2024-09-30", "sentence")
Q1_2025 = ("2025-Q1", "2025-01-01", "2025-03-31", "sentence")
YEAR_2024 = ("2024", "2024-01-01", "2024-12-31", "column")
PUBLISHED = ("2025-04-10", "2025-04-10", "2025-04-10", "published")
PUBLISHED_AFTER_Q3 = ("2024-10-15", "2024-10-15", "2024-10-15", "published")  # the Q3 figures come out


@pytest.mark.parametrize(
    "scope_a,scope_b,compared,note",
    [
        (Q3_2024, Q1_2025, False, None),
        (Q3_2024, YEAR_2024, True, "2024-Q3 (stated in the sentence) / 2024 (stated in the table header)"),
        # an undated figure holds at its publication date: it reports a stated period only when
        # published during it or just after (2 days for a day, 92 for a longer period)
        (Q1_2025, PUBLISHED, True, "2025-04-10 (publication date; no date stated)"),
        (Q3_2024, PUBLISHED, False, None),
        (("2025-04-08", "2025-04-08", "2025-04-08", "sentence"), PUBLISHED, True, None),
        (("2025-04-07", "2025-04-07", "2025-04-07", "sentence"), PUBLISHED, False, None),
    ],
)
def test_time_scopes_must_overlap_when_stated(rules, scope_a, scope_b, compared, note):
    a = claim("a.txt", "7,3 %", 7.3, unit="%", kind="money", precision=0.05, scope=scope_a)
    b = claim("b.txt", "9,5 %", 9.5, unit="%", kind="money", precision=0.05, scope=scope_b)
    rows = find_discrepancies([a, b], rules)
    assert bool(rows) == compared
    if note:
        assert note in rows[0].explanation


@pytest.mark.parametrize(
    "modality_a,modality_b,compared",
    [("fact", "estimate", True), ("fact", "forecast", True), ("target", "fact", False),
     ("target", "target", True), ("negated", "fact", False)],
)
def test_modality_policy(rules, modality_a, modality_b, compared):
    a = claim("a.txt", "5 milliards", 5e9, modality=modality_a)
    b = claim("b.txt", "20 milliards", 20e9, modality=modality_b)
    assert bool(find_discrepancies([a, b], rules)) == compared


def test_same_figure_in_several_articles_is_one_row(rules):
    claims = [
        claim("a.txt", "5 milliards", 5e9),
        claim("b.txt", "20 milliards", 20e9),
        claim("c.txt", "20 milliards d'euros", 20e9),
        claim("d.txt", "20 Md€", 20e9),
    ]
    (row,) = find_discrepancies(claims, rules)
    assert (row.a.article, row.b.article) == ("a.txt", "b.txt")
    assert row.sources_b == ("b.txt", "c.txt", "d.txt") and row.mentions_b == 3
    assert "Also given as «20 milliards» by: c.txt, d.txt." in row.explanation


def test_exchange_rates_enable_converted_comparisons(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "plan.yaml").write_text(RULES, encoding="utf-8")
    (folder / "rates.yaml").write_text(
        "schema_version: 1\nexchange_rates:\n  base: EUR\n  date: 2025-04-10\n  rates: {USD: 0.9}\n", encoding="utf-8"
    )
    rules = load_rules(folder)
    a = claim("a.txt", "5 milliards €", 5e9)
    far = claim("b.txt", "50 milliards $", 50e9, unit="USD")
    near = claim("c.txt", "5,5 milliards $", 5.5e9, unit="USD", precision=0.05e9)
    (row,) = find_discrepancies([a, far], rules)
    assert row.rule == "converted_conflict"
    assert "1 USD = 0.9 EUR" in row.explanation and "rates of 2025-04-10" in row.explanation
    assert find_discrepancies([a, near], rules) == []  # 4,95 milliards EUR: within tolerance


def test_bad_exchange_rates(tmp_path):
    (tmp_path / "r.yaml").write_text("schema_version: 1\nexchange_rates: {base: eur, rates: {USD: -1}}\n", encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules(tmp_path)
    assert "r.yaml:2: exchange_rates.base" in str(info.value)
    assert "exchange_rates.rates.USD: Input should be greater than 0, got -1" in str(info.value)


# -- the comparison cases of the issue, on French sentences through the parser --------------

FRENCH_RULES = """schema_version: 1
topic:
  id: plan
  label: Plan
  aliases: [plan]
  measures:
    - {id: amount, kind: money, tolerance: 0.05}
    - {id: jobs, kind: count, units: [emploi]}
    - {id: plants, kind: count, units: [usine]}
    - {id: homes, kind: count, units: [logement]}
"""
RATES = "schema_version: 1\nexchange_rates:\n  base: EUR\n  date: 2025-04-10\n  rates: {USD: 0.9}\n"


def _rules_dir(tmp_path, **files: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    for name, text in {"plan.yaml": FRENCH_RULES, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_rules(folder)


def _french_rows(parse, rules, text_a: str, text_b: str):
    claims = []
    for article, text in (("a.txt", text_a), ("b.txt", text_b)):
        doc = parse(text, "2025-04-10")
        claims += build_claims(doc, Article(id=article, text=text, path=article, date=dt.date(2025, 4, 10)), rules)
    assert {c.article for c in claims if c.topic == "plan"} == {"a.txt", "b.txt"}
    return find_discrepancies(claims, rules)


@pytest.mark.parametrize(
    "text_a,text_b,rule",
    [
        ("Le plan a créé plus de 20 000 emplois.", "Le plan a créé 22 000 emplois.", None),
        ("Le plan a permis d'ouvrir au moins 12 usines.", "Le plan a permis d'ouvrir 17 usines.", None),
        ("Le plan a permis d'ouvrir au moins 12 usines.", "Le plan a permis d'ouvrir 5 usines.", "interval_conflict"),
        ("Le plan est doté de près de 7 milliards d'euros.", "Le plan est doté de 7,2 milliards d'euros.", None),
        ("Le plan est doté de 5 milliards d'euros.", "Le plan est doté de 20 milliards d'euros.", "interval_conflict"),
        # euros and dollars: never a conflict without an exchange-rate table
        ("Le plan est doté de 5 milliards d'euros.", "Le plan est doté de 50 milliards de dollars.", None),
        # a target is not contradicted by a current value; two targets are compared
        ("Le plan vise 400 000 logements.", "Le plan a permis de construire 250 000 logements.", None),
        ("Le plan vise 400 000 logements.", "Le plan vise 250 000 logements.", "interval_conflict"),
    ],
)
def test_french_comparison_cases(parse, tmp_path, text_a, text_b, rule):
    rows = _french_rows(parse, _rules_dir(tmp_path), text_a, text_b)
    assert [d.rule for d in rows] == ([rule] if rule else [])


def test_french_amounts_converted_at_the_rules_rate(parse, tmp_path):
    rules = _rules_dir(tmp_path, **{"rates.yaml": RATES})
    (row,) = _french_rows(parse, rules, "Le plan est doté de 5 milliards d'euros.", "Le plan est doté de 50 milliards de dollars.")
    assert row.rule == "converted_conflict"
    assert "converted to EUR at the rules' rates of 2025-04-10 (1 EUR = 1 EUR, 1 USD = 0.9 EUR)" in row.explanation
    assert "«50 milliards de dollars»" in row.explanation


# -- the policy ------------------------------------------------------------------------------


def _policy(tmp_path, body: str, **files: str):
    folder = tmp_path / "rules"
    folder.mkdir(parents=True)
    for name, text in {"plan.yaml": RULES, "policy.yaml": f"schema_version: 1\npolicy:\n{body}", **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_rules(folder)


MODALITIES = """  modalities:
    fact: [fact, estimate, target]
    estimate: [fact, estimate]
    forecast: [forecast]
    conditional: []
    target: [target, fact]
    negated: []
"""


@pytest.mark.parametrize(
    "modality_a,modality_b,compared",
    [("fact", "target", True), ("target", "fact", True), ("fact", "conditional", False), ("conditional", "conditional", False),
     ("fact", "forecast", False), ("forecast", "forecast", True), ("negated", "negated", False)],
)
def test_the_policy_chooses_the_modalities_compared(tmp_path, modality_a, modality_b, compared):
    rules = _policy(tmp_path, MODALITIES)
    a = claim("a.txt", "5 milliards", 5e9, modality=modality_a)
    b = claim("b.txt", "20 milliards", 20e9, modality=modality_b)
    assert bool(find_discrepancies([a, b], rules)) == compared


def test_the_policy_can_refuse_to_convert_currencies(tmp_path):
    rates = "schema_version: 1\nexchange_rates: {base: EUR, rates: {USD: 0.9}}\n"
    a = claim("a.txt", "5 milliards €", 5e9)
    b = claim("b.txt", "50 milliards $", 50e9, unit="USD")
    assert len(find_discrepancies([a, b], _policy(tmp_path / "1", "  different_currencies: convert\n", **{"r.yaml": rates}))) == 1
    assert find_discrepancies([a, b], _policy(tmp_path / "2", "  different_currencies: never\n", **{"r.yaml": rates})) == []


@pytest.mark.parametrize(
    "unknown,scope_b,compared",
    [("compare", PUBLISHED_AFTER_Q3, True), ("skip", PUBLISHED_AFTER_Q3, False), ("skip", YEAR_2024, True),
     ("skip", Q1_2025, False)],
)
def test_the_policy_on_unknown_time_scopes(tmp_path, unknown, scope_b, compared):
    rules = _policy(tmp_path, f"  unknown_time_scope: {unknown}\n")
    a = claim("a.txt", "7,3 %", 7.3, unit="%", kind="money", precision=0.05, scope=Q3_2024)
    b = claim("b.txt", "9,5 %", 9.5, unit="%", kind="money", precision=0.05, scope=scope_b)
    assert bool(find_discrepancies([a, b], rules)) == compared


def test_rounding_of_a_single_digit_is_capped(rules):
    # "2 milliards" is not a rounding of 1,5 milliard: half a unit of the last digit (0,5
    # milliard, 25 %) is capped at 10 % of the figure; "20 milliards" keeps its +-0,5.
    two = claim("a.txt", "2 milliards d'euros", 2e9, precision=0.5e9)
    one_and_half = claim("b.txt", "1,5 milliard d'euros", 1.5e9, precision=0.05e9)
    (row,) = find_discrepancies([two, one_and_half], rules)
    assert row.severity == "conflict"
    twenty = claim("a.txt", "20 milliards d'euros", 20e9, precision=0.5e9)
    assert find_discrepancies([twenty, claim("b.txt", "20,4 milliards d'euros", 20.4e9, precision=0.05e9)], rules) == []


def test_a_busy_measure_gives_each_figure_its_nearest_contradictions(rules):
    # 40 articles give 40 different amounts for one plan: every pair would be 780 rows; each
    # figure is shown against its nearest contradiction below and above it instead.
    claims = [claim(f"{k:02d}.txt", f"{k + 1} milliards", (k + 1) * 1e9, precision=0.05e9) for k in range(40)]
    rows = find_discrepancies(claims, rules)
    assert len(rows) < 2 * len(claims)
    pairs = {tuple(sorted((r.a.value, r.b.value))) for r in rows}
    assert (1e9, 2e9) in pairs  # neighbours that disagree (39 and 40 agree within the 5 % tolerance)
    assert {v for pair in pairs for v in pair} == {c.value for c in claims}  # every figure is shown
    assert (1e9, 40e9) not in pairs
    # below ALL_PAIRS_UP_TO figures, every pair is reported
    few = find_discrepancies(claims[:5], rules)
    assert len(few) == 10


def test_the_walk_by_blocks_finds_what_a_figure_by_figure_walk_finds(rules):
    # Many articles repeat a few amounts, some as open bounds ("plus de 5 milliards", "moins de
    # 9 milliards"), with
    # actors and periods that keep some pairs apart: the walk passes whole blocks of agreeing
    # figures at once, and must pick the same nearest contradictions as a walk that looks at
    # every figure in turn.
    import random

    from factcheck import compare

    rng = random.Random(7)
    claims = []
    for k in range(300):
        value = rng.choice([2e9, 5e9, 5.2e9, 9e9, 20e9, 21e9])
        bound = rng.random()
        low, high = (value, None) if bound < 0.15 else (None, value) if bound < 0.25 else (None, None)
        year = rng.choice(["2024", "2025"])
        claims.append(claim(f"{k:03d}.txt", "x", value, low=low, high=high, precision=rng.choice([0.05e9, 0.5e9]),
                            actor=rng.choice([None, "Union européenne", "France"]),
                            scope=(year, f"{year}-01-01", f"{year}-12-31", "sentence")))
    figures = compare._distinct_figures(claims)
    measure = next(m for t in rules.topics for m in t.measures if m.id == "amount")

    def comparable(a, b):
        return compare._comparable(a, b, rules.policy)

    def row_for(a, b, explain=True):
        return compare._compare(a.claim, b.claim, measure, "plan", rules, explain)

    def figure_by_figure():
        stated = [compare._stated(f.claim) for f in figures]
        order = sorted(range(len(figures)), key=lambda k: (compare.position(figures[k].claim), repr(stated[k]), k))
        pairs = set()
        for rank, i in enumerate(order):
            for others in (order[rank + 1 :], order[:rank][::-1]):
                for j in others:
                    if stated[j] == stated[i]:
                        continue
                    if comparable(figures[i], figures[j]) and row_for(figures[i], figures[j]) is not None:
                        pairs.add((min(i, j), max(i, j)))
                        break
        return pairs

    found = compare._disagreeing_neighbours(figures, rules.policy, row_for, measure)
    assert len(figures) > compare.ALL_PAIRS_UP_TO
    assert {(i, j) for i, j, _ in found} == figure_by_figure()
    assert all(row[2] for _, _, row in found)  # each reported pair has its explanation


@pytest.mark.parametrize("seed", [3, 11])
def test_the_walk_over_kinds_finds_what_a_figure_by_figure_walk_finds(rules, seed):
    # Many distinct amounts (long walks past blocks that agree or hold nothing comparable),
    # two currencies, targets and negated figures, days of publication against stated years:
    # the walk that skips blocks by kind and by widened bounds must pick the same pairs.
    import random

    from factcheck import compare

    rng = random.Random(seed)
    claims = []
    for k in range(600):
        value = rng.choice([2e9, 5e9, 20e9]) if rng.random() < 0.5 else round(rng.uniform(1, 60), 1) * 1e9
        bound = rng.random()
        low, high = (value, None) if bound < 0.1 else (None, value) if bound < 0.15 else (None, None)
        if rng.random() < 0.5:
            day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            scope = (day, day, day, "published")
        else:
            year = rng.choice(["2023", "2024", "2025"])
            scope = (year, f"{year}-01-01", f"{year}-12-31", rng.choice(["sentence", "column"]))
        claims.append(claim(f"{k:03d}.txt", "x", value, low=low, high=high, precision=rng.choice([0.05e9, 0.5e9]),
                            unit=rng.choice(["EUR"] * 9 + ["USD"]), actor=rng.choice([None, None, "Union européenne", "France"]),
                            scope=scope, modality=rng.choice(["fact"] * 6 + ["estimate", "target", "negated", "forecast"])))
    figures = compare._distinct_figures(claims)
    measure = next(m for t in rules.topics for m in t.measures if m.id == "amount")

    def row_for(a, b, explain=True):
        return compare._compare(a.claim, b.claim, measure, "plan", rules, explain)

    stated = [compare._stated(f.claim) for f in figures]
    order = sorted(range(len(figures)), key=lambda k: (compare.position(figures[k].claim), repr(stated[k]), k))
    expected = set()
    for rank, i in enumerate(order):
        for others in (order[rank + 1 :], order[:rank][::-1]):
            for j in others:
                if stated[j] == stated[i]:
                    continue
                if compare._comparable(figures[i], figures[j], rules.policy) and row_for(figures[i], figures[j]) is not None:
                    expected.add((min(i, j), max(i, j)))
                    break

    def classes_meet(a, b):
        return compare._classes_meet(a, b, measure, rules)

    found = compare._disagreeing_neighbours(figures, rules.policy, row_for, measure, classes_meet)
    assert len(figures) > compare.LONG_WALK * 4
    assert {(i, j) for i, j, _ in found} == expected
