"""Frozen records passed from one stage to the next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its id (path relative to the corpus), text and front-matter metadata."""

    id: str
    text: str
    path: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = ()  # what was repaired to read it (front matter read line by line...)
    author: str | None = None
    date_basis: str | None = None  # where the date was read: front_matter, jsonl, page_metadata, url, text (a dateline)

    def info(self) -> ArticleInfo:
        """The article's metadata without its text, for the reports."""
        return ArticleInfo(self.id, self.path, self.title, self.date, self.source, self.url, self.author,
                           self.date_basis if self.date else None)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the reports show of an article: its id and front-matter metadata, not its text."""

    id: str
    path: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None  # the publication's name: "Le Monde"
    url: str | None = None
    author: str | None = None
    date_basis: str | None = None  # where the date was read (see Article)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A quantity or date found in a text, with its normalised value.

    `value` is the number as stated (5 milliards -> 5e9); `low`/`high` bound what the
    text allows (None = open): "plus de 160" is low=160, high=None.
    """

    start: int
    end: int
    text: str
    kind: str  # money, percent, count, number, multiplier, date
    value: float | str | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    precision: float = 0.0  # half a unit of the last stated digit, already scaled
    grain: str | None = None  # dates only: day, month, year
    modifier: str | None = None  # dates only: start, middle, end, since, deadline
    period_start: str | None = None  # dates only: first day covered (ISO)
    period_end: str | None = None  # dates only: last day covered (ISO)
    noun_index: int | None = None  # counts: token index of the counted noun


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure stated by an article, with what it is about and its provenance."""

    claim_id: str
    article: str
    start: int
    end: int
    sentence: str
    text: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    precision: float
    subject: str | None
    actor: str | None
    attributed_to: str | None  # who says it: "selon la CGT", "a déclaré X"
    place: str | None  # where it holds: "Lyon"; "France" for the whole country
    modality: str  # fact, estimate, forecast, conditional, target, negated
    date: str | None  # the time scope: an ISO value at its grain (2027, 2025-Q1, 2025-04-09)
    date_start: str | None  # first day of the time scope
    date_end: str | None  # last day of the time scope (None: open, e.g. a future horizon)
    date_basis: str | None  # sentence, column (a table header), future (tense), published
    topic: str | None
    topic_cue: str | None
    measure: str | None
    story: str | None = None  # the story of the article: id of its first article
    # Percents that split one whole ("45 % pour, 40 % contre et 25 % d'abstention", a table
    # column of shares) share a key within their article; share_label names the part ("contre").
    share_of: str | None = None
    share_label: str | None = None
    # "100 000 puces, quatre fois plus que les usines actuelles": this figure is ratio_low to
    # ratio_high times the figure of `ratio_of` (the noun phrase: "usines actuelles"); below 1
    # for "fois moins". ratio_text is the phrase as written.
    ratio_of: str | None = None
    ratio_low: float | None = None
    ratio_high: float | None = None
    ratio_text: str | None = None
    # The frame (frames/): what is counted or measured (a concept key: "interpel", "budget|solideo"),
    # the group it is counted in ("polici" for "policiers blessés"), whether the figure is a part
    # of a whole given beside it ("dont 408 à Paris"), and the article's publication date.
    what: str | None = None
    population: str | None = None
    part: bool = False
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Two figures that a reader would take for the same thing, and do not agree."""

    discrepancy_id: str
    severity: str  # conflict, review, info
    rule: str
    topic: str
    measure: str
    a: Claim
    b: Claim
    explanation: str
    mentions_a: int = 1
    mentions_b: int = 1
    sources_a: tuple[str, ...] = ()  # every article giving figure a's value (a.article first)
    sources_b: tuple[str, ...] = ()
    suppressed: str | None = None  # the reviewer's reason, when marked as a false alarm
    type: str = ""  # conflict, disputed, update, related (within one article: the check's rule)
    confidence: float = 1.0  # how sure the pairing is, in [0, 1]; `confidence_reasons` says why
    confidence_reasons: str = ""
    fact: str = ""  # the id of the fact (what, where, when) both figures report, in facts.csv


@dataclass(slots=True)
class RunResult:
    """What a run produced, for the summary and the tests."""

    articles: int = 0
    claims: list[Claim] = field(default_factory=list)
    discrepancies: Sequence[Discrepancy] = field(default_factory=list)  # a list, or on disk past compare.SPILL_ROWS
    skipped: list[Skipped] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    article_info: dict[str, ArticleInfo] = field(default_factory=dict)  # by article id
    unmatched_suppressions: list[str] = field(default_factory=list)
    numbers_seen: int = 0  # quantity mentions of any kind, before claims are chosen
    stories: dict[str, str] = field(default_factory=dict)  # article id -> story id
    cache_hits: int = 0
    cache_misses: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # articles read with a repair: (path, what was done)
    stored_articles: int = 0  # articles taken back from the claims store, their files unchanged
    run: int = 0  # this run's number in its output folder (store.py)
    first_seen: dict[str, int] = field(default_factory=dict)  # discrepancy id -> run it was first reported in
