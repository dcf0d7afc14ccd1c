"""Find the figures that disagree: across articles, and within one article.

Claims are grouped by (topic, measure), so the work grows with the size of each group, never
with all pairs of the corpus; within a group, each figure is shown against its nearest
comparable contradictions (`_disagreeing_neighbours`), found by a walk over blocks of figures
that skips whole blocks that agree or hold nothing comparable, so that the comparison grows
about linearly with the claims (benchmarks/bench_pipeline.py --compare-only). Within an article, repeats of one figure (same unit and stated
value: "plus de 160 entreprises" ... "les 160 entreprises") count as one figure with several
mentions, shown by its first mention. Two figures from different articles are compared when
their units agree and their actors are compatible (some mention of each has the same canonical
actor, or no known actor). What else allows a comparison is the rules' policy
(`rules/policy.yaml`; its defaults are described here):

- Same unit, intervals that cannot both hold (after widening each by its stated precision
  and the measure's tolerance): the measure's `severity` (a `conflict` by default).
- Currencies: euros and dollars are compared only through an `exchange_rates` table, and never
  with `different_currencies: never`.
- Time scopes: two figures whose sentences (or table headers) state their periods are compared
  only when the periods overlap (7,3 % in Q3 2024 does not contradict 7,5 % in Q1 2025).
  An undated figure of the present or past holds at its publication date: it is compared with
  a dated one only when published during that period or just after (`scopes_overlap`). A
  figure with no period at all (an open future) is compared, and the explanation says its
  scope was not stated (`unknown_time_scope: skip`: not compared).
- Place: a figure for one place (Lyon) is never compared with one for another (France).
- Figures of no rules topic are compared on their frames instead (frames/match.py).
- Modality (`modalities`): a negated figure ("il n'y a pas 500 manifestants") is never
  compared, and a target ("vise 400 000 logements", a table column "Objectif 2027") only with
  targets.
- A count measure may list several related nouns (firms, factories): different nouns with
  different values are a `related_severity` row (`review` by default): a reader could take
  one figure for the other.

Within one article (`within_article`, `review` by default): shares of one whole that add up
to more than 100 % even at the low end of their rounding, and a figure stated as a multiple of
another ("100 000 puces, quatre fois plus que les usines actuelles") that the article
contradicts elsewhere ("les usines actuelles comptent 40 000 puces").
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .models import Claim, Discrepancy
from .ruleset import Measure, PolicySpec, RuleSet, compile_alias
from .spill import SortedSpool
from .figures import STATED_SCOPES, describe, disjoint, format_number, interval_text, position, scope_text, widened
from .frames.match import DEFAULT_MIN_CONFIDENCE, FrameContext, find_frame_discrepancies, frame_discrepancies_by_key, frame_key
from .frames.match import eligible as frame_eligible
from .text import fold

SEVERITY_ORDER = {"conflict": 0, "review": 1, "info": 2}


def find_discrepancies(
    claims: list[Claim], rules: RuleSet, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> list[Discrepancy]:
    """All discrepancies between articles and within each article, most confident first.

    Figures of a rules topic's measure are compared by that measure; every other figure is
    compared on its frame (frames/match.py), with the tolerance of its generic measure if it
    fits one."""
    return discrepancies(claims, rules, min_confidence, spill_rows=None)


def discrepancies(
    claims: list[Claim], rules: RuleSet, min_confidence: float, spill_rows: int | None
) -> Sequence[Discrepancy]:
    """find_discrepancies' rows, found one comparison unit at a time (`RowMerger`): a list
    while they are at most `spill_rows` (None: no limit), else sorted runs on disk merged on
    each reading (spill.py), so that a run's rows are never all in memory."""
    units = comparison_units(claims, frames=False)
    merger = RowMerger(rules, spill_rows, claims)
    for unit in (u for u in units if u[0] == "rules"):
        merger.add(unit, compare_unit(unit, units[unit], rules, min_confidence))
    framed = [c for c in claims if not (c.topic and c.measure)]
    for key, rows in frame_discrepancies_by_key(framed, _generic_tolerances(rules), min_confidence, rules.lexicon):
        merger.add(("frames", key), rows)  # one call for every key: the frames' context is built once
    for unit in (u for u in units if u[0] == "within"):
        merger.add(unit, compare_unit(unit, units[unit], rules, min_confidence))
    return merger.finish()


class RowMerger:
    """The rows of comparison units (`compare_unit`), added in any order, given back in
    find_discrepancies' order with their suppressions: most confident first, then `_order`,
    then the rows of rules measures (by unit) before those of frame keys (by the repr of the
    key) before those within an article (by article), each unit's in its own order.

    Past `spill_rows` rows (None: never) they wait on disk (spill.SortedSpool); a row's
    figures that are `claims` of the run are written there as references to them."""

    def __init__(self, rules: RuleSet, spill_rows: int | None = None, claims: list[Claim] = ()):
        by_id = {c.claim_id: c for c in claims} if spill_rows is not None else {}  # read only to spill
        self.suppressions = rules.suppressions
        self.spool = SortedSpool(spill_rows, by_id, lambda obj: _claim_reference(obj, by_id))

    def add(self, unit: tuple, rows: list[Discrepancy]) -> None:
        rank = (0, unit) if unit[0] == "rules" else (1, repr(unit[1])) if unit[0] == "frames" else (2, unit)
        for i, d in enumerate(rows):
            if d.discrepancy_id in self.suppressions:
                d = replace(d, suppressed=self.suppressions[d.discrepancy_id])
            self.spool.add((-d.confidence, _order(d), rank, i), d)

    def finish(self) -> Sequence[Discrepancy]:
        return self.spool.finish()


def _claim_reference(obj: object, by_id: dict[str, Claim]) -> str | None:
    """A claim of the run is written to a spilled run as its id (a row's figures are claims of
    the run, or copies with their dates anchored, written whole)."""
    if type(obj) is Claim and by_id.get(obj.claim_id) is obj:
        return obj.claim_id
    return None


def _ruled(found: list[Discrepancy]) -> list[Discrepancy]:
    """The rows of rules measures, their sources merged, typed and fully confident."""
    return [replace(d, type=_TYPE_OF_RULE.get(d.rule, "conflict"), confidence=1.0,
                    confidence_reasons="compared by a rules measure (1.0)") for d in _merge_sources(sorted(found, key=_order))]


def _within(found: list[Discrepancy]) -> list[Discrepancy]:
    """The rows within one article, typed by their rule and fully confident."""
    return [replace(d, type=d.rule, confidence=1.0, confidence_reasons="within one article (1.0)") for d in found]


def _generic_tolerances(rules: RuleSet) -> dict[str, float]:
    return {m.id: m.spec.tolerance for m in rules.generic}


# The comparison decomposes exactly into units, compared apart (the Dask engine compares them
# on its workers) and merged into find_discrepancies' rows, in its order: a rules measure's
# rows read only its figures; a frame key's rows only its figures, the context of their
# articles and the places of all figures (frames/match.py `frame_context`); the rows within an
# article only its figures. A claim is in its article's unit and in its measure's or its
# frame key's, if any.

def comparison_units(claims: list[Claim], frames: bool = True) -> dict[tuple, list[Claim]]:
    """The claims of each comparison unit, in their order: ("rules", topic, measure),
    ("frames", frame key) for the figures that frame matching takes, ("within", article).
    `frames=False` leaves the frame keys out (`discrepancies` has them found by
    frame_discrepancies_by_key, which computes each key itself)."""
    units: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.topic and c.measure:
            units[("rules", c.topic, c.measure)].append(c)
        elif frames and frame_eligible(c):
            units[("frames", frame_key(c))].append(c)
        units[("within", c.article)].append(c)
    return dict(units)


def compare_unit(
    unit: tuple, claims: list[Claim], rules: RuleSet, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    context: FrameContext | None = None,
) -> list[Discrepancy]:
    """The rows of one comparison unit (`comparison_units`), before suppressions and the
    final order (`merge_units`). `context`: for a frame key, that of all the figures of the
    run, or at least of its figures' articles, with the places of all (`frame_context`)."""
    if unit[0] == "rules":
        measure = next(m for t in rules.topics if t.id == unit[1] for m in t.measures if m.id == unit[2])
        return _ruled(_rules_rows(unit[1], measure, claims, rules))
    if unit[0] == "frames":
        return find_frame_discrepancies(claims, _generic_tolerances(rules), min_confidence, rules.lexicon, context)
    return _within(find_inconsistencies(claims, rules.policy))


def merge_units(rows: dict[tuple, list[Discrepancy]], rules: RuleSet) -> list[Discrepancy]:
    """find_discrepancies' rows from the rows of every unit (`compare_unit`), in its order."""
    merger = RowMerger(rules)
    for unit, unit_rows in rows.items():
        merger.add(unit, unit_rows)
    return merger.finish()


def _rules_rows(topic: str, measure: Measure, members: list[Claim], rules: RuleSet) -> list[Discrepancy]:
    """The rows of one rules measure's figures, before their sources merge (`_merge_sources`)."""
    policy = rules.policy
    measure_id = measure.id
    figures = _distinct_figures(members)

    def row_for(fig_a: _Figure, fig_b: _Figure, explain: bool = True) -> tuple[str, str, str] | None:
        return _compare(fig_a.claim, fig_b.claim, measure, topic, rules, explain)

    def classes_meet(cls_a: str, cls_b: str) -> bool:
        return _classes_meet(cls_a, cls_b, measure, rules)

    found = []
    for i, j, (severity, rule, explanation) in _disagreeing_neighbours(figures, policy, row_for, measure, classes_meet):
        fig_a, fig_b = figures[i], figures[j]
        a, b = fig_a.claim, fig_b.claim
        found.append(
            Discrepancy(
                discrepancy_id=_discrepancy_id(a, b, rule),
                severity=severity,
                rule=rule,
                topic=topic,
                measure=measure_id,
                a=a,
                b=b,
                explanation=explanation,
                mentions_a=fig_a.mentions,
                mentions_b=fig_b.mentions,
            )
        )
    return found


# The type of a rules row: related counts are a reader's confusion, the rest a conflict.
_TYPE_OF_RULE = {"related_counts": "related", "interval_conflict": "conflict", "converted_conflict": "conflict"}


def _comparable(fig_a: "_Figure", fig_b: "_Figure", policy: PolicySpec) -> bool:
    a, b = fig_a.claim, fig_b.claim
    return (
        a.article != b.article
        and _actors_compatible(fig_a.actors, fig_b.actors)
        and scopes_comparable(a, b, policy)
        and modalities_comparable(a, b, policy)
        and places_compatible(a, b)
    )


def _disagreeing_neighbours(
    figures: list["_Figure"], policy: PolicySpec, row_for, measure: Measure, classes_meet=lambda a, b: True
) -> list[tuple[int, int, tuple[str, str, str]]]:
    """(i, j, row), i < j, for the pairs of figures to report: each figure against the nearest
    comparable figure that disagrees with it, below and above it in value. Two figures may be
    compared at all as `_comparable` under `policy` says (articles, actors, periods,
    modalities, places); `row_for(a, b, explain=True)` gives a comparable pair's (severity, rule,
    explanation), or None when they agree, as `_compare` under `measure` does: it reads only
    what `_value_key` holds (unit, stated value, precision, subject group), so figures with
    one key form a block that one call settles. `classes_meet(a, b)` is False when no figure
    of agreement class a can disagree with one of class b (`_classes_meet`: euros and dollars
    without exchange rates): the walk does not go through the other's blocks.

    Reporting every disagreeing pair would grow with the square of the figures of a measure
    (458 238 rows for 1 000 generated articles); a reader needs each figure shown against its
    nearest contradiction on each side, at most two rows per figure. Up to ALL_PAIRS_UP_TO
    figures, every pair is reported, as a reviewer of a small story expects.

    The walk from a figure goes block by block: a block that agrees with it in value is passed
    in one step, whatever its size (the same figure given by hundreds of articles); in a block
    that disagrees, the first comparable figure ends the walk. `_agreement` gives a figure's
    class and widened interval: the blocks of its class whose position lies in
    that interval agree with it, so the walk jumps over them at once (an open "plus de 160"
    agrees with every higher figure of its unit).

    What `_comparable` reads of a figure besides its article is its kind (`_comparison_keys`:
    actors, modality, place, time scope), and it is the conjunction of one test per part of
    the kind. So each kind gets the set of kinds it may be compared with (a bit mask, from
    a table per part), each block the set of kinds it holds, and the walk passes a block that
    holds no comparable kind in one step, as it passes an agreeing one; within a block it looks
    at the first two figures of each kind only (a block holds one figure per article, so one of
    two comparable figures is of another article than the walking one). Every figure of one
    block and kind meets the same blocks: the walk is made once for them. In its own class, the
    walk finds the next block whose widened interval misses its own through a tree (`_Gaps`),
    past the blocks between that agree with it; past LONG_WALK blocks, it goes through the
    blocks that hold a comparable kind only. Each of these shortcuts passes only blocks that
    the block-by-block walk would pass: the pairs are the same.
    """
    n = len(figures)
    if n <= ALL_PAIRS_UP_TO:
        rows = ((i, j, row_for(figures[i], figures[j]))
                for i in range(n) for j in range(i + 1, n) if _comparable(figures[i], figures[j], policy))
        return [(i, j, row) for i, j, row in rows if row is not None]
    keys = [_value_key(f.claim, measure) for f in figures]
    stated = [_stated(f.claim) for f in figures]
    order = sorted(range(n), key=lambda k: (position(figures[k].claim), repr(stated[k]), k))
    blocks: list[list[int]] = []  # runs of `order` with one value key
    for k in order:
        if blocks and keys[blocks[-1][0]] == keys[k]:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    block_of = {k: b for b, members in enumerate(blocks) for k in members}
    # The blocks of each agreement class, in walk order, with their positions.
    by_class: dict[object, tuple[list[int], list[float]]] = {}
    for b, members in enumerate(blocks):
        indices, positions = by_class.setdefault(_agreement(figures[members[0]].claim, measure)[0], ([], []))
        indices.append(b)
        positions.append(position(figures[members[0]].claim))
    kind, comparable_kinds = _kinds(figures, policy)
    articles = [f.claim.article for f in figures]
    holds = [0] * len(blocks)  # block -> the kinds it holds, as bits
    for b, members in enumerate(blocks):
        for j in members:
            holds[b] |= 1 << kind[j]
    runs: dict[tuple[int, int], tuple[list[int], list]] = {}  # (block, step) -> members in walk order, `_kind_runs`
    holding: dict[int, list[int]] = {}  # kinds -> the blocks that hold one of them
    routes: dict[tuple[int, int], tuple[list[int], Iterator[int]]] = {}  # (block, step) -> `route` so far
    classes_met = {(a, b): a == b or classes_meet(a, b) for a in by_class for b in by_class}
    block_class = [_agreement(figures[members[0]].claim, measure)[0] for members in blocks]
    block_position = [position(figures[members[0]].claim) for members in blocks]
    met: dict[tuple[int, int, int], tuple[list[list[int]], Iterator[list[int]]]] = {}  # (block, kind, step) -> `walk` so far

    def first_two(b: int, step: int, mask: int) -> list[int]:
        """The first two figures of block b, in `step` order, of the kinds in `mask`."""
        if (b, step) not in runs:
            members = blocks[b][::step]
            runs[(b, step)] = (members, _kind_runs(members, kind))
        members, kind_runs = runs[(b, step)]
        best: list[int] = []  # ranks in `members`
        for first, second in kind_runs:
            if len(best) == 2 and first >= best[1]:
                break
            if mask >> kind[members[first]] & 1:
                best = sorted(best + [r for r in (first, second) if r is not None])[:2]
        return [members[rank] for rank in best]

    def route(i: int, step: int) -> Iterator[int]:
        """The blocks that disagree with figure i's block, in the order of the walk from it."""
        own = block_of[i]
        cls, low, high = _agreement(figures[i].claim, measure)
        ways = []
        for other, (indices, positions) in by_class.items():
            if other != cls:
                if not classes_met[(cls, other)]:
                    continue  # no figure of that class can disagree with figure i
                first = bisect.bisect_right(indices, own) if step == 1 else bisect.bisect_left(indices, own) - 1
            else:  # only the blocks of its class outside its interval can disagree with figure i
                if step == 1:
                    first = len(indices) if high is None else bisect.bisect_right(positions, high)
                else:
                    first = -1 if low is None else bisect.bisect_left(positions, low) - 1
                ways.append(gaps[cls].beyond(indices, first, step, own, bounds[own]))
                continue
            if step == 1:
                ways.append(b for b in map(indices.__getitem__, range(first, len(indices))) if b > own)
            else:
                ways.append(b for b in map(indices.__getitem__, range(first, -1, -1)) if b < own)
        for b in heapq.merge(*ways, reverse=step == -1):
            if disagrees(i, b):
                yield b

    spec = measure.spec
    bounds = [widened(figures[members[0]].claim, spec.tolerance) for members in blocks]
    units, groups = [keys[members[0]][0] for members in blocks], [keys[members[0]][-1] for members in blocks]
    gaps = {cls: _Gaps([bounds[b] for b in indices]) for cls, (indices, _) in by_class.items()}
    any_unit = spec.units_equivalent and spec.kind != "money"  # `_compare` takes one unit for the other

    def disagrees(i: int, b: int) -> bool:
        """Whether block b disagrees with figure i, as `row_for` says: of one unit (or of
        equivalent units) and compatible subjects, when their widened intervals do not meet.
        (A route asks once for each block: nothing is kept.)"""
        own = block_of[i]
        group_a, group_b = groups[own], groups[b]
        if (any_unit or units[own] == units[b]) and (
            not spec.subjects or group_a is None or group_b is None or group_a == group_b
        ):
            return disjoint(bounds[own], bounds[b])
        return row_for(figures[i], figures[blocks[b][0]], False) is not None

    def walk(i: int, step: int) -> Iterator[list[int]]:
        """What the walk from figure i meets, the same for every figure of its block and kind:
        for each block that disagrees with it and holds comparable figures, the first two, up to
        the first block with two (where every figure of the kind ends its walk). Lazy: most
        figures end at the first such block."""
        own = block_of[i]
        mask = comparable_kinds[kind[i]]
        if not mask:
            return
        if (own, step) not in routes:
            routes[(own, step)] = ([], route(i, step))
        met_blocks, rest = routes[(own, step)]
        rank = 0
        while rank < LONG_WALK:
            if rank == len(met_blocks):
                b = next(rest, None)
                if b is None:
                    return
                met_blocks.append(b)
            b = met_blocks[rank]
            rank += 1
            if holds[b] & mask:
                comparables = first_two(b, step, mask)
                yield comparables
                if len(comparables) == 2:
                    return
        # A long walk: from the next block on, it goes through the blocks that hold a comparable
        # kind only, each of them taken or passed as above (other classes, its own class
        # beyond its interval, blocks that disagree).
        cls, low, high = _agreement(figures[i].claim, measure)
        if mask not in holding:
            holding[mask] = [c for c, kinds_held in enumerate(holds) if kinds_held & mask]
        candidates = holding[mask]
        if step == 1:
            ahead = range(bisect.bisect_right(candidates, b), len(candidates))
        else:
            ahead = range(bisect.bisect_left(candidates, b) - 1, -1, -1)
        for b in map(candidates.__getitem__, ahead):
            if block_class[b] == cls and (
                (step == 1 and (high is None or block_position[b] <= high))
                or (step == -1 and (low is None or block_position[b] >= low))
            ):
                continue  # its class, within its interval: agrees with figure i
            if block_class[b] != cls and not classes_met[(cls, block_class[b])]:
                continue
            if not disagrees(i, b):
                continue
            comparables = first_two(b, step, mask)
            yield comparables
            if len(comparables) == 2:
                break

    def meet(i: int, step: int) -> int | None:
        """The first figure the walk from figure i meets that is of another article."""
        key = (block_of[i], kind[i], step)
        if key not in met:
            met[key] = ([], walk(i, step))
        seen, rest = met[key]
        for comparables in seen:
            for j in comparables:
                if articles[j] != articles[i]:
                    return j
        for comparables in rest:  # the walk goes on where it stopped
            seen.append(comparables)
            for j in comparables:
                if articles[j] != articles[i]:
                    return j
        return None

    pairs: dict[tuple[int, int], tuple[str, str, str]] = {}
    for i in order:
        for step in (1, -1):
            j = meet(i, step)
            if j is not None:
                pair = (min(i, j), max(i, j))
                if pair not in pairs:
                    pairs[pair] = row_for(figures[pair[0]], figures[pair[1]])
    return [(i, j, pairs[(i, j)]) for i, j in sorted(pairs)]


class _Gaps:
    """The widened intervals of the blocks of one agreement class, in walk order, as a tree of
    the highest low bound and the lowest high bound under each node: a block of the class
    disagrees with another (`disjoint`) only when its low is above the other's high or its
    high below the other's low, so the walk finds the next such block in a few steps, over
    the blocks between that agree with it (a denser scale has more of them)."""

    def __init__(self, bounds: list[tuple[float | None, float | None]]):
        size = 1
        while size < len(bounds):
            size *= 2
        self.size = size
        self.lows = [-math.inf] * (2 * size)
        self.highs = [math.inf] * (2 * size)
        for k, (low, high) in enumerate(bounds):
            self.lows[size + k] = -math.inf if low is None else low
            self.highs[size + k] = math.inf if high is None else high
        for node in range(size - 1, 0, -1):
            self.lows[node] = max(self.lows[2 * node], self.lows[2 * node + 1])
            self.highs[node] = min(self.highs[2 * node], self.highs[2 * node + 1])

    def _next(self, k: int, step: int, above: float, below: float) -> int | None:
        """The first rank from k on (step 1) or down (step -1) whose block may miss the interval."""
        lows, highs = self.lows, self.highs
        node = k + self.size
        while True:
            if lows[node] > above or highs[node] < below:
                while node < self.size:  # down to the first such leaf on the side of the walk
                    near, far = (2 * node, 2 * node + 1) if step == 1 else (2 * node + 1, 2 * node)
                    node = near if lows[near] > above or highs[near] < below else far
                return node - self.size
            while node % 2 == (1 if step == 1 else 0):  # up while on the far side
                node //= 2
            if node <= 1:
                return None
            node += step

    def beyond(self, indices: list[int], first: int, step: int, own: int, bounds: tuple) -> Iterator[int]:
        """The blocks of `indices` from rank `first` on, in walk order from block `own`, that
        may disagree with bounds (low, high): the others agree with them."""
        low, high = bounds
        above, below = math.inf if high is None else high, -math.inf if low is None else low
        k = first
        while 0 <= k < len(indices):
            k = self._next(k, step, above, below)
            if k is None:
                return
            if (indices[k] > own) if step == 1 else (indices[k] < own):
                yield indices[k]
            k += step


def _classes_meet(cls_a: str, cls_b: str, measure: Measure, rules: RuleSet) -> bool:
    """Whether a figure of agreement class a (`_agreement`: a unit) may disagree with one of
    class b under `_compare`: amounts in two currencies only through the rules' exchange
    rates, counts of two units as related counts; nothing else of two units is compared."""
    spec = measure.spec
    if spec.kind == "money":
        return (rules.policy.different_currencies != "never"
                and rules.to_base(cls_a) is not None and rules.to_base(cls_b) is not None)
    return spec.kind == "count" and spec.related_severity is not None


def _kinds(figures: list["_Figure"], policy: PolicySpec) -> tuple[list[int], list[int]]:
    """Each figure's kind (a number for its `_comparison_keys`), and for each kind the kinds
    it may be compared with, as bits: `_comparable` is the conjunction of `_actors_compatible`,
    `scopes_comparable`, `modalities_comparable` and `places_compatible`, each reading one part
    of the key, so one table per part settles every pair of kinds."""
    numbers: dict[tuple, int] = {}
    stand_in: dict[tuple, Claim] = {}  # a claim of each time scope, to ask `scopes_comparable`
    kind = []
    for f, key in zip(figures, _comparison_keys(figures)):
        kind.append(numbers.setdefault(key, len(numbers)))
        stand_in.setdefault(key[3], f.claim)
    tests = (
        lambda a, b: _actors_compatible(a, b),
        lambda a, b: modalities_comparable(replace(stand_in[next(iter(stand_in))], modality=a),
                                           replace(stand_in[next(iter(stand_in))], modality=b), policy),
        lambda a, b: places_compatible(replace(stand_in[next(iter(stand_in))], place=a),
                                       replace(stand_in[next(iter(stand_in))], place=b)),
        lambda a, b: scopes_comparable(stand_in[a], stand_in[b], policy),
    )
    allowed = []
    for part, test in enumerate(tests):
        having: dict[object, int] = defaultdict(int)  # value of the part -> kinds with it, as bits
        for key, k in numbers.items():
            having[key[part]] |= 1 << k
        allowed.append({a: sum(bits for b, bits in having.items() if test(a, b)) for a in having})
    comparable_kinds = [0] * len(numbers)
    for key, k in numbers.items():
        comparable_kinds[k] = allowed[0][key[0]] & allowed[1][key[1]] & allowed[2][key[2]] & allowed[3][key[3]]
    return kind, comparable_kinds


def _comparison_keys(figures: list["_Figure"]) -> list[tuple]:
    """For each figure, what `_comparable` reads of it besides its article: actors, modality,
    place, and its time scope as `scopes_comparable` sees it. A stated period is itself; an
    undated figure of the present or past is compared with every figure but the stated ones
    whose period it was not published in (`scopes_overlap`), so its publication day counts only
    through the stated periods of these figures that hold it; any other figure is its basis."""
    stated = {(f.claim.date_basis, f.claim.date_start, f.claim.date_end): f.claim
              for f in figures if f.claim.date_basis in STATED_SCOPES}
    periods = [stated[k] for k in sorted(stated, key=repr)]
    held: dict[str, tuple[bool, ...]] = {}  # publication date -> in which stated periods
    keys = []
    for f in figures:
        c = f.claim
        if c.date_basis in STATED_SCOPES:
            scope = (c.date_basis, c.date_start, c.date_end)
        elif c.date_basis == "published" and c.date:
            if c.date not in held:
                held[c.date] = tuple(scopes_overlap(c, period) for period in periods)
            scope = (c.date_basis, held[c.date])
        else:
            scope = (c.date_basis,)
        keys.append((f.actors, c.modality, c.place, scope))
    return keys


def _kind_runs(members: list[int], kind: list[int]) -> list[tuple[int, int | None]]:
    """For each kind among `members` (a block in walk order), the ranks of its first two
    figures (the second None when alone), ordered by the first: the first figures of given
    kinds are among these, so a walk looks at two figures per kind, not at all."""
    found: dict[int, list] = {}
    for rank, j in enumerate(members):
        run = found.get(kind[j])
        if run is None:
            found[kind[j]] = [rank, None]
        elif run[1] is None:
            run[1] = rank
    return sorted(map(tuple, found.values()))


def _agreement(c: Claim, measure: Measure) -> tuple:
    """(class, low, high): two figures of one class whose widened intervals overlap agree, as
    `_compare` decides; figures of different classes (other units, currencies) are compared
    by other rules. `low`/`high` are the widened bounds, None when open."""
    spec = measure.spec
    same_unit = spec.units_equivalent and spec.kind != "money"
    return ("*" if same_unit else c.unit), *widened(c, spec.tolerance)


def _value_key(c: Claim, measure: Measure) -> tuple:
    """What `_compare` reads of a figure to tell whether two figures agree."""
    group = measure.subject_group(c.subject)
    return (c.unit, c.value, c.low, c.high, c.precision, group)


# Groups with more distinct figures than this report each figure against its nearest contradictions only.
ALL_PAIRS_UP_TO = 30
# Past this many blocks, a walk goes through the blocks that hold a comparable kind only.
LONG_WALK = 32


def _order(d: Discrepancy) -> tuple:
    return (SEVERITY_ORDER[d.severity], d.topic, d.measure, d.a.article, d.a.start, d.b.article, d.b.start)


def _stated(c: Claim) -> tuple:
    return (c.unit, c.value, c.low, c.high)


def _merge_sources(rows: list[Discrepancy]) -> list[Discrepancy]:
    """One row per disagreement: when several articles give the same figure, their rows merge.

    The row keeps its first pair as a and b; `sources_a` / `sources_b` list every article
    that gives each figure, and the mentions add up.
    """
    merged: dict[tuple, list[Discrepancy]] = {}
    for row in rows:
        a, b = sorted((_stated(row.a), _stated(row.b)), key=repr)
        merged.setdefault((row.severity, row.rule, row.topic, row.measure, a, b), []).append(row)
    out = []
    for group in merged.values():
        first = group[0]
        side_a, side_b = {first.a.article: first.mentions_a}, {first.b.article: first.mentions_b}
        for row in group[1:]:
            for claim, mentions in ((row.a, row.mentions_a), (row.b, row.mentions_b)):
                side = side_a if _stated(claim) == _stated(first.a) else side_b
                side.setdefault(claim.article, mentions)
        out.append(
            replace(
                first,
                mentions_a=sum(side_a.values()),
                mentions_b=sum(side_b.values()),
                sources_a=tuple([first.a.article] + sorted(set(side_a) - {first.a.article})),
                sources_b=tuple([first.b.article] + sorted(set(side_b) - {first.b.article})),
                explanation=first.explanation + _also(side_a, first.a) + _also(side_b, first.b),
            )
        )
    return sorted(out, key=_order)


def _also(side: dict[str, int], claim: Claim) -> str:
    others = sorted(set(side) - {claim.article})
    return f" Also given as «{claim.text}» by: {', '.join(others)}." if others else ""


@dataclass(frozen=True, slots=True)
class _Figure:
    """One figure of one article: its first mention, how often it is given, and by whom."""

    claim: Claim
    mentions: int
    actors: frozenset[str | None]


def _distinct_figures(claims: list[Claim]) -> list[_Figure]:
    """Claims of one article with the same unit and stated value (or interval) are one figure."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in sorted(claims, key=lambda c: (c.article, c.start)):
        stated = (claim.value,) if claim.value is not None else (claim.low, claim.high)
        groups[(claim.article, claim.unit, stated)].append(claim)
    return [_Figure(group[0], len(group), frozenset(c.actor for c in group)) for group in groups.values()]


def _actors_compatible(a: frozenset[str | None], b: frozenset[str | None]) -> bool:
    """Some mention of each names the same actor, or one side has a mention with none."""
    return None in a or None in b or bool(a & b)


def places_compatible(a: Claim, b: Claim) -> bool:
    """A Lyon figure is never compared with a national one; an unknown place is compared."""
    return a.place is None or b.place is None or a.place == b.place


def modalities_comparable(a: Claim, b: Claim, policy: PolicySpec = PolicySpec()) -> bool:
    """Whether the policy compares the two modalities. By default a negated figure asserts
    nothing, and a target is not contradicted by a current value."""
    return policy.modalities.compared(a.modality, b.modality)


# How long after a stated period an undated figure may still report it (see scopes_overlap).
PUBLISHED_GRACE_DAYS = 2  # the next day's paper, or a weekend's
PUBLISHED_GRACE_PERIOD_DAYS = 92


def scopes_comparable(a: Claim, b: Claim, policy: PolicySpec = PolicySpec()) -> bool:
    """The periods overlap, and a figure whose period is not stated is compared unless the policy skips it."""
    if policy.unknown_time_scope == "skip" and (a.date_basis not in STATED_SCOPES or b.date_basis not in STATED_SCOPES):
        return False
    return scopes_overlap(a, b)


def scopes_overlap(a: Claim, b: Claim) -> bool:
    """False when both figures state their periods and the periods do not meet, or when one
    states its period and the other, undated, was published outside it.

    An undated figure in the present or past tense holds at its article's publication date:
    "le feu a parcouru au total 1 500 hectares" in a paper of 18 July is not the toll of the
    8th. It is taken to report the stated period when it was published during that period
    or within PUBLISHED_GRACE_DAYS after its end (a day) or PUBLISHED_GRACE_PERIOD_DAYS
    (a longer period: the figures of a year come out in the weeks after it).
    """
    for stated, undated in ((a, b), (b, a)):
        if stated.date_basis in STATED_SCOPES and undated.date_basis == "published" and undated.date:
            start, end = stated.date_start or "0000-01-01", stated.date_end or "9999-12-31"
            try:
                grace = PUBLISHED_GRACE_DAYS if start == end else PUBLISHED_GRACE_PERIOD_DAYS
                end = (dt.date.fromisoformat(end) + dt.timedelta(days=grace)).isoformat()
            except ValueError:
                pass
            return start <= undated.date[:10] <= end
    if a.date_basis not in STATED_SCOPES or b.date_basis not in STATED_SCOPES:
        return True
    a_start, a_end = a.date_start or "0000", a.date_end or "9999"
    b_start, b_end = b.date_start or "0000", b.date_end or "9999"
    return a_start <= b_end and b_start <= a_end


def subjects_compatible(a: Claim, b: Claim, measure: Measure) -> bool:
    """False when the two subjects' head nouns are in different groups of the measure
    ("les investissements atteindront 1,7 milliard" vs "le budget atteint 11,3 milliards");
    a subject in no group (a verb, "montant", none) is compatible with any."""
    group_a, group_b = measure.subject_group(a.subject), measure.subject_group(b.subject)
    return group_a is None or group_b is None or group_a == group_b


def _compare(
    a: Claim, b: Claim, measure: Measure, topic: str, rules: RuleSet, explain: bool = True
) -> tuple[str, str, str] | None:
    """(severity, rule, explanation) when the two figures disagree, else None. Without `explain`
    the explanation is left empty: the walk asks only whether a pair disagrees."""
    spec = measure.spec
    if spec.subjects and not subjects_compatible(a, b, measure):
        return None
    if spec.kind == "money" and a.unit != b.unit:
        if rules.policy.different_currencies == "never":
            return None
        return _compare_converted(a, b, measure, topic, rules, explain)
    if a.unit != b.unit and spec.units_equivalent:
        b = replace(b, unit=a.unit)  # "12 000 manifestants" and "3 500 personnes" count the same people
    if a.unit != b.unit:
        if spec.kind != "count" or spec.related_severity is None or _same_interval(a, b):
            return None  # different currencies or percent vs points: never compared
        if not explain:
            return spec.related_severity, "related_counts", ""
        why = (
            f"{describe(a)} and {describe(b)} count different things "
            f"({a.unit} vs {b.unit}) under the same {topic}/{spec.id} measure; "
            f"a reader could take one figure for the other."
        )
        return spec.related_severity, "related_counts", _explain(a, b, why, measure, topic)
    lo_a, hi_a = widened(a, spec.tolerance)
    lo_b, hi_b = widened(b, spec.tolerance)
    if (hi_a is not None and lo_b is not None and hi_a < lo_b) or (hi_b is not None and lo_a is not None and hi_b < lo_a):
        if not explain:
            return spec.severity, "interval_conflict", ""
        gap, pct = _gap(a, b)
        why = (
            f"{describe(a)} and {describe(b)} cannot both be true: "
            f"{interval_text(lo_a, hi_a, a.unit)} and {interval_text(lo_b, hi_b, b.unit)} do not overlap "
            f"(gap {format_number(gap)} {a.unit}, {pct} of the smaller)."
        )
        return spec.severity, "interval_conflict", _explain(a, b, why, measure, topic)
    return None


def _compare_converted(
    a: Claim, b: Claim, measure: Measure, topic: str, rules: RuleSet, explain: bool = True
) -> tuple[str, str, str] | None:
    """Amounts in two currencies: compared only with an exchange-rate table in the rules."""
    rate_a, rate_b = rules.to_base(a.unit), rules.to_base(b.unit)
    if rate_a is None or rate_b is None:
        return None  # euros and dollars are never a conflict by default
    base = rules.exchange_rates.base
    ca, cb = _converted(a, rate_a, base), _converted(b, rate_b, base)
    lo_a, hi_a = widened(ca, measure.spec.tolerance)
    lo_b, hi_b = widened(cb, measure.spec.tolerance)
    if not ((hi_a is not None and lo_b is not None and hi_a < lo_b) or (hi_b is not None and lo_a is not None and hi_b < lo_a)):
        return None
    if not explain:
        return measure.spec.severity, "converted_conflict", ""
    gap, pct = _gap(ca, cb)
    when = f" of {rules.exchange_rates.date}" if rules.exchange_rates.date else ""
    why = (
        f"{describe(a)} and {describe(b)} cannot both be true once converted to {base} at the rules' rates{when} "
        f"(1 {a.unit} = {rate_a:g} {base}, 1 {b.unit} = {rate_b:g} {base}): "
        f"{interval_text(lo_a, hi_a, base)} and {interval_text(lo_b, hi_b, base)} do not overlap "
        f"(gap {format_number(gap)} {base}, {pct} of the smaller)."
    )
    return measure.spec.severity, "converted_conflict", _explain(a, b, why, measure, topic)


def _converted(c: Claim, rate: float, base: str) -> Claim:
    scale = lambda x: None if x is None else x * rate  # noqa: E731
    return replace(c, value=scale(c.value), low=scale(c.low), high=scale(c.high), precision=c.precision * rate, unit=base)


def _explain(a: Claim, b: Claim, why: str, measure: Measure, topic: str) -> str:
    tolerance = f", tolerance {measure.spec.tolerance:.0%}" if measure.spec.tolerance else ""
    actors = ""
    if a.actor or b.actor:
        actors = f" Actors: {a.actor or 'unknown'} / {b.actor or 'unknown'}."
    scopes = f" Time scopes: {scope_text(a)} / {scope_text(b)}."
    if a.topic_cue or b.topic_cue:
        basis = f"topic cues '{a.topic_cue}' / '{b.topic_cue}'{tolerance}"
    else:
        basis = f"same story, generic measure '{measure.spec.label or measure.spec.id}'{tolerance}"
    return f"{why} Compared by rule {topic}/{measure.id} ({basis}).{actors}{scopes}"


def _same_interval(a: Claim, b: Claim) -> bool:
    return a.low == b.low and a.high == b.high


def _gap(a: Claim, b: Claim) -> tuple[float, str]:
    va = a.value if a.value is not None else (a.low if a.low is not None else a.high)
    vb = b.value if b.value is not None else (b.low if b.low is not None else b.high)
    gap = abs(va - vb)
    smaller = min(abs(va), abs(vb))
    pct = f"{gap / smaller:.0%}" if smaller else "n/a"
    return gap, pct


def _discrepancy_id(a: Claim, b: Claim, rule: str) -> str:
    key = f"{a.claim_id}|{b.claim_id}|{rule}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


# -- within one article --------------------------------------------------------------------


def find_inconsistencies(claims: list[Claim], policy: PolicySpec = PolicySpec()) -> list[Discrepancy]:
    """Figures of one article that cannot all hold: shares of one whole over 100 %, and a
    stated multiple that the article contradicts elsewhere. Severities come from the policy."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    checks = policy.within_article
    rows = []
    for _, members in sorted(by_article.items()):
        members.sort(key=lambda c: (c.start, c.end))
        if checks.shares_over_100 != "ignore":
            rows += _shares_over_100(members, checks.shares_over_100)
        if checks.multiplier_mismatch != "ignore":
            rows += _multiplier_mismatches(members, checks.multiplier_mismatch)
    return rows


def _shares_over_100(claims: list[Claim], severity: str) -> list[Discrepancy]:
    """Parts of one whole (claims/shares.py marks them) whose sum exceeds 100 % even rounded down."""
    wholes: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.share_of is not None:
            wholes[claim.share_of].append(claim)
    rows = []
    for key, parts in wholes.items():
        # each part at the low end of what it states: "45 %" is 44.5 at least, "plus de 50 %" 49.5
        lows = [max(0.0, c.low - c.precision) if c.low is not None else 0.0 for c in parts]
        if len(parts) < 2 or sum(lows) <= 100 + 1e-9:
            continue
        stated = [c.value if c.value is not None else (c.low or 0.0) for c in parts]
        first = parts[0]
        terms = " + ".join(f"«{c.text}» ({c.share_label})" for c in parts)
        where = f"Table column: «{first.subject}»." if key.startswith("table@") else f"Sentence: «{first.sentence}»"
        why = (
            f"{first.article} gives shares of one whole that add up to more than 100 %: "
            f"{terms} = {format_number(round(sum(stated), 6))} %, and still {format_number(round(sum(lows), 6))} % "
            f"at the low end of each figure's rounding ({' + '.join(format_number(round(x, 6)) for x in lows)}). "
            f"One of the figures is wrong, or the parts overlap and the article should say so. {where}"
        )
        rows.append(_within_row(parts, severity, "shares_over_100", "shares", why))
    return rows


def _multiplier_mismatches(claims: list[Claim], severity: str) -> list[Discrepancy]:
    """"100 000 puces, quatre fois plus que les usines actuelles" (25 000 for them) against a
    figure of the same unit that another sentence of the article gives for "usines actuelles"."""
    rows = []
    for a in claims:
        if a.ratio_of is None or a.ratio_low is None or a.ratio_high is None:
            continue
        pattern = compile_alias(a.ratio_of)
        lo_a, hi_a = widened(a, 0.0)
        implied = (lo_a / a.ratio_high if lo_a is not None else None, hi_a / a.ratio_low if hi_a is not None else None)
        for c in claims:
            if c is a or c.kind != a.kind or c.unit != a.unit or c.sentence == a.sentence or _stated(c) == _stated(a):
                continue
            if c.modality in ("negated", "target") or not scopes_overlap(a, c) or not pattern.search(fold(c.sentence)):
                continue
            lo_c, hi_c = widened(c, 0.0)
            if not disjoint(implied, (lo_c, hi_c)):
                continue
            rows.append(_within_row([a, c], severity, "multiplier_mismatch", "multiplier", _explain_multiple(a, c, implied)))
    return rows


def _explain_multiple(a: Claim, c: Claim, implied: tuple[float | None, float | None]) -> str:
    more = a.ratio_low >= 1
    factor = (a.ratio_low + a.ratio_high) / 2 if more else (1 / a.ratio_low + 1 / a.ratio_high) / 2
    value = a.value if a.value is not None else (a.low if a.low is not None else a.high)
    middle = value / factor if more else value * factor
    unit = f" {a.unit}" if a.unit else ""
    tidy = lambda x: None if x is None else (round(x) if abs(x) >= 100 else round(x, 2))  # noqa: E731
    gap, pct = _gap(replace(a, value=middle), c)
    low, high = tidy(implied[0]), tidy(implied[1])
    bounds = f"between {format_number(low)} and {format_number(high)}" if low is not None and high is not None else (
        f"at least {format_number(low)}" if low is not None else f"at most {format_number(high)}"
    )
    return (
        f"{a.article} gives «{a.text}»{unit} as «{a.ratio_text}»: that makes {format_number(value)} "
        f"{'/' if more else '×'} {format_number(factor)} = {format_number(tidy(middle))}{unit} for the {a.ratio_of} "
        f"({bounds} allowing for the rounding of both figures). But the same article gives «{c.text}»{unit} "
        f"for them: «{c.sentence}» They cannot both be true (gap {format_number(tidy(gap))}{unit}, {pct} of the smaller)."
    )


def _within_row(claims: list[Claim], severity: str, rule: str, measure: str, why: str) -> Discrepancy:
    """A discrepancy between figures of one article: the first is a, the last is b; its id covers them all.

    Its topic is the figures' topic, else "article:<id>" (as generic measures use "story:<id>").
    """
    a, b = claims[0], claims[-1]
    key = "|".join(c.claim_id for c in claims) + f"|{rule}"
    return Discrepancy(
        discrepancy_id=hashlib.sha1(key.encode()).hexdigest()[:12],
        severity=severity,
        rule=rule,
        topic=a.topic or f"article:{a.article}",
        measure=measure,
        a=a,
        b=b,
        explanation=why,
        sources_a=(a.article,),
        sources_b=(b.article,),
    )
