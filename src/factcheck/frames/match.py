"""Compare figures on their frames: two figures are compared only when they can be the same one.

Same what (the concept of what is counted or measured, and a compatible population), same
where (the place of the figure's clause, or none on both sides), compatible when, both
asserted (a forecast, target, conditional or denied figure is not a measurement), and neither
a part of a whole unless its place frames it ("dont 119.000 à Paris" is Paris's figure).
No rules topic or measure is needed: the rules' lexicon only normalises the words.

Candidates come from blocking keys on the frame (kind, currency, what, place), and within a
block only figures published within `UPDATE_WINDOW_DAYS` of each other meet, so the work
grows with the size of each block and window, not with all pairs of the corpus.

Each pair that disagrees is typed:
- `update`: both figures give their article's publication date as their time, the articles
  were published on different days, and the later one is higher (a toll that rises);
- `disputed`: same time, each figure attributed to a different source (union vs police);
- `conflict`: same time, values incompatible, nothing to explain the gap.
and scored: `confidence` in [0, 1], with the reasons that set it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace

from ..figures import STATED_SCOPES, describe, disjoint, position, scope_text, widened
from ..models import Claim, Discrepancy
from ..text import fold

ASSERTED = {"fact", "estimate"}
UPDATE_WINDOW_DAYS = 45
# Stated periods of very different lengths are different times: the night of 29 June is not
# "depuis le 27 juin", July is not the summer.
MAX_PERIOD_RATIO = 3
# Two undated figures of articles this many days apart can report one day (the next day's
# paper, or a weekend's).
PUBLISHED_GRACE_DAYS = 2
TYPE_SEVERITY = {"conflict": "conflict", "disputed": "review", "update": "info"}
DEFAULT_MIN_CONFIDENCE = 0.7


@dataclass(frozen=True, slots=True)
class _Figure:
    claim: Claim
    mentions: int
    day: dt.date | None  # the publication day
    source: str | None  # the folded attribution


def frame_key(c: Claim) -> tuple:
    """The blocking key: figures with different keys are never compared."""
    currency = c.unit if c.kind in ("money", "percent") else None
    return (c.kind, currency, c.what, _place_key(c.place))


def fact_id(c: Claim) -> str:
    """One fact: what, population, where and when (the figure's day, else its scope)."""
    key = f"{c.kind}|{c.unit if c.kind != 'count' else ''}|{c.what}|{c.population or ''}|{_place_key(c.place) or ''}|{c.date or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def eligible(c: Claim) -> bool:
    """Whether the figure takes part in frame matching at all."""
    if c.what is None or c.modality not in ASSERTED:
        return False
    if c.value is None and c.low is None and c.high is None:
        return False
    if c.part and c.place is None:
        return False  # "dont 23 parmi les forces de l'ordre": a part of another figure
    return True


def find_frame_discrepancies(
    claims: list[Claim],
    tolerances: dict[str, float] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    tolls: frozenset[str] = frozenset(),
) -> list[Discrepancy]:
    """Rows for the pairs of figures of different articles whose frames match and whose
    values disagree. `tolerances`: extra relative tolerance by generic measure id (rules);
    `tolls`: the concepts whose count only grows (rules/frames.yaml)."""
    tolerances = tolerances or {}
    blocks: dict[tuple, dict[tuple, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in sorted(claims, key=lambda c: (c.article, c.start)):
        if eligible(c):
            blocks[frame_key(c)][(c.article, c.population, c.value, c.low, c.high, c.date)].append(c)
    rows: list[Discrepancy] = []
    for key in sorted(blocks, key=repr):
        figures = [_figure(group) for group in blocks[key].values()]
        if key[2] in tolls:
            figures = _headline_tolls(figures)
        figures.sort(key=lambda f: (f.day or dt.date.min, f.claim.article, f.claim.start))
        peers: dict[tuple[str, str | None], int] = defaultdict(int)  # figures of one article and source
        sources_by_article: dict[str, set[str]] = defaultdict(set)
        for f in figures:
            peers[(f.claim.article, f.source)] += 1
            if f.source:
                sources_by_article[f.claim.article].add(f.source)
        for i, fa in enumerate(figures):
            for fb in figures[i + 1 :]:
                if fa.day and fb.day and (fb.day - fa.day).days > UPDATE_WINDOW_DAYS:
                    break
                row = _pair(fa, fb, sources_by_article, tolerances, key[2] in tolls)
                if row is not None:
                    ambiguity = min(3, peers[(fa.claim.article, fa.source)] + peers[(fb.claim.article, fb.source)] - 2)
                    if ambiguity:
                        confidence = round(max(0.0, row.confidence - 0.1 * ambiguity), 2)
                        row = replace(row, confidence=confidence, confidence_reasons=row.confidence_reasons
                                      + f"; {ambiguity} other figure(s) of this frame from the same source in these articles (-{0.1 * ambiguity:.1f})")
                if row is not None and row.confidence >= min_confidence:
                    rows.append(row)
    return rows


def _headline_tolls(figures: list[_Figure]) -> list[_Figure]:
    """An article's toll is the highest it gives for one thing, place and moment: the lower
    ones are its parts ("13 500 autour de Landiras") or earlier counts ("un premier décompte
    faisait état de 296 morts") when the article does not say so in words we read."""
    best: dict[tuple, _Figure] = {}
    for f in figures:
        key = (f.claim.article, f.claim.date)
        if key not in best or position(f.claim) > position(best[key].claim):
            best[key] = f
    return list(best.values())


def _figure(group: list[Claim]) -> _Figure:
    c = group[0]
    day = dt.date.fromisoformat(c.published[:10]) if c.published and len(c.published) >= 10 else None
    return _Figure(c, len(group), day, _source_key(c.attributed_to))


def _pair(
    fa: _Figure, fb: _Figure, sources_by_article: dict[str, set[str]], tolerances: dict[str, float], toll: bool
) -> Discrepancy | None:
    if fa.claim.article == fb.claim.article:
        return None
    if fa.claim.population and fb.claim.population and fa.claim.population != fb.claim.population:
        return None  # "149 policiers blessés" is not "12 000 policiers mobilisés", nor "14 483 blessés"
    if fa.claim.actor and fb.claim.actor and fa.claim.actor != fb.claim.actor:
        return None  # Airbus's deliveries are not Boeing's
    relation = _toll_when(fa, fb) if toll else _when(fa.claim, fb.claim, fa.day, fb.day)
    if relation is None:
        return None
    if relation == "earlier":
        fa, fb, relation = fb, fa, "later"
    a, b = fa.claim, fb.claim
    tolerance = max(tolerances.get(a.measure or "", 0.0), tolerances.get(b.measure or "", 0.0))
    if not _disagree(a, b, tolerance):
        return None
    reasons = []
    confidence = 0.8
    if relation == "later":
        if not _higher(b, a):
            return None  # a later, lower figure of the same thing is another day's, not a revision
        kind = "update"
        reasons.append("a toll reported on different days, the later figure is higher (-0.1)")
        confidence -= 0.1
    elif fa.source and fb.source and fa.source != fb.source:
        if fb.source in sources_by_article[a.article] and fa.source in sources_by_article[b.article]:
            return None  # each article already gives both sources' figures: nothing new
        kind = "disputed"
    else:
        kind = "conflict"
    if a.place and b.place:
        confidence += 0.1
        reasons.append(f"same place stated ({a.place}) (+0.1)")
    if a.date_basis in STATED_SCOPES and b.date_basis in STATED_SCOPES:
        confidence += 0.05
        reasons.append("both dates stated (+0.05)")
    if a.population != b.population:
        confidence -= 0.2
        reasons.append(f"what happened to them is said on one side only ({a.population or b.population}) (-0.2)")
    if any(_vague(c) for c in (a, b)):
        confidence -= 0.2
        reasons.append("an order of magnitude, not a figure («une dizaine») (-0.2)")
    if a.story and b.story and a.story != b.story:
        confidence -= 0.3
        reasons.append("articles in different stories (-0.3)")
    elif a.story and a.story == b.story:
        confidence += 0.05
        reasons.append("same story (+0.05)")
    if a.topic and b.topic and a.topic != b.topic:
        confidence -= 0.2
        reasons.append("different rules topics (-0.2)")
    confidence = round(min(1.0, max(0.0, confidence)), 2)
    why = _explain(a, b, kind, relation)
    key = f"{a.claim_id}|{b.claim_id}|frame_{kind}"
    return Discrepancy(
        discrepancy_id=hashlib.sha1(key.encode()).hexdigest()[:12],
        severity=TYPE_SEVERITY[kind],
        rule=f"frame_{kind}",
        topic=a.story or "frames",
        measure=a.measure if a.measure and a.measure == b.measure else _label(a),
        a=a,
        b=b,
        explanation=why,
        mentions_a=fa.mentions,
        mentions_b=fb.mentions,
        sources_a=(a.article,),
        sources_b=(b.article,),
        type=kind,
        confidence=confidence,
        confidence_reasons="; ".join(["base 0.8"] + reasons),
        fact=fact_id(a),
    )


def _toll_when(fa: _Figure, fb: _Figure) -> str | None:
    """A toll at two moments: "same" day, b "later" or "earlier" than a (within the window),
    or None. A toll's moment is the end of its stated period ("mardi soir, le bilan dépassait
    7 800 morts"), else its publication day; "en 1999" is far from any report of 2023."""
    ta, tb = _moment(fa), _moment(fb)
    if ta is None or tb is None or abs((tb - ta).days) > UPDATE_WINDOW_DAYS:
        return None
    if ta == tb:
        return "same"
    return "later" if tb > ta else "earlier"


def _moment(f: _Figure) -> dt.date | None:
    c = f.claim
    if c.date_basis in STATED_SCOPES:
        if (_length(c) or 9999) > 2:
            return None  # a toll "depuis janvier" or of a year is not a report of the day
        try:
            return dt.date.fromisoformat(c.date_end[:10])
        except ValueError:
            return None
    return f.day if c.date_basis == "published" else None


def _when(a: Claim, b: Claim, day_a: dt.date | None, day_b: dt.date | None) -> str | None:
    """"same" when the two figures can hold for one time, None when their times differ. Two
    figures of the present or past with no date of their own hold for their publication days;
    the next day's paper (or a weekend's) reports the day before."""
    stated = STATED_SCOPES
    if a.kind == "count" and (day_a is None or day_b is None):
        return None  # a count changes with time: without a publication date it is not placed
    if a.date_basis in stated and b.date_basis in stated:
        la, lb = _length(a), _length(b)
        if la is None or lb is None or max(la, lb) > MAX_PERIOD_RATIO * min(la, lb):
            return None
        if max(la, lb) <= 2 and not _contains(a, b) and not _contains(b, a):
            return None  # the nights of 29-30 and 30 June-1 July share a day, not an event
        return "same" if _overlap(a.date_start, a.date_end, b.date_start, b.date_end) else None
    for s, u, day in ((a, b, day_b), (b, a, day_a)):
        if s.date_basis in stated and u.date_basis == "published" and day is not None:
            if (_length(s) or 9999) > 2:
                return None  # a figure of a month or a year is not a day's report
            # an undated figure reports its publication day: within the stated day or night
            return "same" if (s.date_start or "0000-01-01") <= day.isoformat() <= (s.date_end or "9999-12-31") else None
    if a.date_basis == "published" and b.date_basis == "published" and day_a and day_b:
        return "same" if abs((day_b - day_a).days) <= PUBLISHED_GRACE_DAYS else None
    if a.date_basis is None and b.date_basis is None and a.kind != "count":
        return "same"
    return None


def _length(c: Claim) -> int | None:
    """Days covered by a stated period, None when open or unreadable."""
    try:
        return (dt.date.fromisoformat(c.date_end[:10]) - dt.date.fromisoformat(c.date_start[:10])).days + 1
    except (TypeError, ValueError):
        return None


def _vague(c: Claim) -> bool:
    """"une dizaine", "des centaines": an order of magnitude (its stated value is a round word)."""
    words = fold(c.text).split()
    return bool(words) and words[-1].endswith(("aine", "aines")) or c.value is None


def _contains(a: Claim, b: Claim) -> bool:
    return (a.date_start or "") <= (b.date_start or "") and (b.date_end or "") <= (a.date_end or "")


def _overlap(a_start: str | None, a_end: str | None, b_start: str | None, b_end: str | None) -> bool:
    return (a_start or "0000") <= (b_end or "9999") and (b_start or "0000") <= (a_end or "9999")


def _disagree(a: Claim, b: Claim, tolerance: float) -> bool:
    return disjoint(widened(a, tolerance), widened(b, tolerance))


def _higher(later: Claim, earlier: Claim) -> bool:
    return position(later) > position(earlier)


_ARTICLES = ("la ", "le ", "les ", "l'")


def _source_key(name: str | None) -> str | None:
    if not name:
        return None
    key = fold(" ".join(name.split()))
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
    return key


# Places that name the whole country of a national figure: the same as no place at all
# ("1,089 million de manifestants" and "1,089 million en France" are one figure).
NATIONAL_PLACES = {"france"}


def _place_key(place: str | None) -> str | None:
    key = fold(place) if place else None
    return None if key in NATIONAL_PLACES else key


def _label(c: Claim) -> str:
    return c.what if not c.population else f"{c.what} ({c.population})"


def _explain(a: Claim, b: Claim, kind: str, relation: str) -> str:
    what = f"«{a.what}»" + (f" among «{a.population or b.population}»" if a.population or b.population else "")
    where = f" in {a.place}" if a.place else " (no place stated on either side)"
    head = {
        "conflict": "cannot both be true for the same thing, place and time",
        "disputed": "are the same thing, place and time, counted by different sources",
        "update": "are the same thing and place; the later article gives a higher figure (a revised count)",
    }[kind]
    sources = ""
    if kind == "disputed":
        sources = f" Sources: {a.attributed_to} / {b.attributed_to}."
    return (
        f"{describe(a)} and {describe(b)} {head}. Frame: what {what}{where}."
        f"{sources} Time scopes: {scope_text(a)} / {scope_text(b)}."
    )


def facts(claims: list[Claim]) -> list[dict]:
    """One row per fact (what, where, when) reported by at least one figure that frames allow
    to compare: every value given for it, by whom and in which article. The "who said what"
    table a fact-checker starts from; a discrepancy row's `fact` is the id of its a side's."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if eligible(c):
            groups[fact_id(c)].append(c)
    rows = []
    for fid, members in groups.items():
        members.sort(key=lambda c: (c.published or "", c.article, c.start))
        first = members[0]
        reports = []
        for c in members:
            who = f", {c.attributed_to}" if c.attributed_to else ""
            reports.append(f"«{c.text}» ({c.article}{who})")
        rows.append({
            "fact": fid,
            "kind": first.kind,
            "what": first.what,
            "population": first.population or "",
            "place": first.place or "",
            "date": first.date or "",
            "values": len({(c.value, c.low, c.high) for c in members}),
            "articles": len({c.article for c in members}),
            "reports": "; ".join(reports),
        })
    return sorted(rows, key=lambda r: (-r["articles"], -r["values"], r["what"], r["place"], r["date"], r["fact"]))
