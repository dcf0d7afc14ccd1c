"""Group the articles of a corpus into stories: articles about the same people, places and things.

Signature. `article_signature` weighs the article's names: each named entity (PER, ORG, LOC,
MISC; after the actors rules, so "UE" = "Union européenne"; folded, without "la"/"le") counts
`ENTITY_WEIGHT` a mention, and the capitalised words after the first one of a longer name count
`PART_WEIGHT` a mention under their own name ("Conseil de Paris" also names "paris", "place
Bellecour" "bellecour", "Emmanuel Macron" "macron"). Nouns ("term:" + lemma) count 1 a mention;
nouns inside a name, a date or a quantity ("mardi", "milliards d'euros"), stop words and calendar
words do not count: they say when or how much, not what. A name of the title (the `title` given,
else the text's first line when a line break follows it and it is at most `TITLE_MAX_CHARS`
long) counts `TITLE_MENTIONS` mentions more: a title says what the story is. Capitalised title
words the body does not name ("Incendie en Gironde" over a text that never says "Gironde") are
names too. A name's weight is its kind's weight times 1 + ln(mentions): the tenth mention adds
less than the second.

Similarity. The cosine of the signatures weighted by a smoothed inverse document frequency,
idf = ln((N + `IDF_PRIOR`) / (df + 1)) for a name in df of the N articles: a name most articles
of a big corpus share weighs about 0, while in a corpus of 2 or 3 articles, where the frequency
of a name says little, all names keep about the same weight (the prior counts as `IDF_PRIOR`
more articles that name none of them).

Grouping. Average-linkage agglomerative clustering: the two groups whose articles are the most
similar on average (pairs not compared count 0) merge, while that average is at least
`MIN_SIMILARITY`. A story joins another only when it is close to all of its articles, not
through one go-between article, so unrelated stories do not chain. Ties go to the smallest
article ids, and the input order does not matter. Stories are named after their smallest
article id.

Cost. Articles are compared only when they share one of their `KEY_NAMES` heaviest names,
found through an index name -> articles; a name among the key names of more than
`COMMON_SHARE` of a corpus of `MIN_ARTICLES_FOR_COMMON` articles or more ("France") links
nothing. Pairs less similar than `MIN_PAIR_SIMILARITY` are dropped before the clustering. The
pairs are gathered one article at a time, and the clustering's heap holds only the averages that
can merge: 5 000 generated articles (a few topics over three years, so stories of hundreds of
articles) were grouped in 53 s, peak 1.0 GB, instead of 83 s and 2.0 GB (a process holding only
their signatures), into the same stories.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections import defaultdict

from spacy.tokens import Doc

from .pipes.dates import SPAN_KEY as DATES_KEY
from .pipes.numbers import fold
from .pipes.patterns_dates import FULL_MONTHS, WEEKDAYS
from .pipes.quantities import SPAN_KEY as QUANTITIES_KEY
from .ruleset import RuleSet

# Name -> weight of the name in the article (before the idf).
Signature = dict[str, float]

ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}
# A named entity says more about what the article is about than a common noun: two mentions'
# worth. The head place or surname inside a longer name ("de Paris") is a weaker hint: one.
ENTITY_WEIGHT = 2.0
PART_WEIGHT = 1.0
# A name in the title is worth this many more mentions: about what the lead paragraph adds.
TITLE_MENTIONS = 2
# A first line longer than this is a paragraph, not a title (French news titles run 40-120).
TITLE_MAX_CHARS = 200
# Words that say when, not what (dates spans do not always hold a bare "matin" or "lendemain").
CALENDAR_WORDS = set(WEEKDAYS) | FULL_MONTHS | {
    "jour", "journee", "semaine", "mois", "annee", "heure",
    "matin", "matinee", "soir", "soiree", "nuit", "veille", "lendemain", "debut", "fois",
}
# Smoothing of the idf: as if the corpus held this many more articles naming none of the names.
# 10 makes the weights of a 2-article corpus within 30 % of each other (ln 12/2 vs ln 12/3) and
# is negligible next to a corpus of hundreds.
IDF_PRIOR = 10
# Average cosine two groups need to merge. Articles of one story share their places, actors
# and a few topic nouns (0.2 to 0.6 on the test corpora); articles that only share a city or
# "l'État" stay below 0.1.
MIN_SIMILARITY = 0.125
# Pairs below this are not kept (they would count nearly 0 in an average anyway).
MIN_PAIR_SIMILARITY = 0.02
# The heaviest names of an article (by weight x idf) through which it meets others: an article
# of a story shares at least one of its most distinctive names with the others.
KEY_NAMES = 15
COMMON_SHARE = 0.2
MIN_ARTICLES_FOR_COMMON = 20

_TITLE_WORD = re.compile(r"[^\W\d_](?:[\w-]*\w)?")
_SEGMENT_START = re.compile(r"(?:^|[:.!?«»\"“”|–—]\s*)$")


def article_signature(doc: Doc, rules: RuleSet, title: str | None = None) -> Signature:
    """The article's names (entities, and "term:" + lemma for nouns) with their weights."""
    mentions: dict[str, float] = defaultdict(float)  # name -> mentions, weighted by kind
    kind: dict[str, float] = {}
    forms: dict[str, str] = {}  # folded word of the text -> its name, to read the title
    full_names: set[str] = set()
    skip = set()
    for key in (DATES_KEY, QUANTITIES_KEY):
        for span in doc.spans.get(key, []):
            skip.update(range(span.start, span.end))

    def add(name: str, weight: float) -> None:
        mentions[name] += 1
        kind[name] = max(kind.get(name, 0.0), weight)

    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS or not any(t.is_alpha for t in ent) or "\n" in ent.text or "|" in ent.text:
            continue
        name = _entity_name(ent.text, rules)
        if name is None:
            continue
        skip.update(range(ent.start, ent.end))
        add(name, ENTITY_WEIGHT)
        full_names.add(name)
        if len(ent) == 1:
            forms[fold(ent.text)] = name
        for token in ent[1:]:
            if token.text[:1].isupper() and any(c.isalpha() for c in token.text):
                part = _entity_name(token.text, rules)
                if part is not None and part != name:
                    add(part, PART_WEIGHT)
                    forms[fold(token.text)] = part
    for token in doc:
        if token.i in skip or token.pos_ != "NOUN" or not token.is_alpha or len(token.text) <= 3 or token.is_stop:
            continue
        lemma = fold(token.lemma_)
        if lemma in CALENDAR_WORDS:
            continue
        add(f"term:{lemma}", 1.0)
        forms.setdefault(fold(token.text), f"term:{lemma}")

    if title is None:
        end = doc.text.find("\n")
        title = doc.text[:end] if 0 < end <= TITLE_MAX_CHARS else None
    if title:
        in_title = set()
        folded = fold(" ".join(title.split()))
        for name in full_names:
            if " " in name and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", folded):
                in_title.add(name)
        for m in _TITLE_WORD.finditer(title.replace("’", "'")):
            word = m.group()
            name = forms.get(fold(word))
            if name is None and word[:1].isupper() and not _SEGMENT_START.search(title[: m.start()]):
                name = _entity_name(word, rules)  # a name only the title gives
                if name is not None:
                    kind.setdefault(name, ENTITY_WEIGHT)
            if name is not None:
                in_title.add(name)
        for name in in_title:
            mentions[name] += TITLE_MENTIONS
    return {name: kind[name] * _damped(n) for name, n in sorted(mentions.items())}


def _damped(mentions: float) -> float:
    return 1 + math.log(mentions)


def _entity_name(text: str, rules: RuleSet) -> str | None:
    name = " ".join(fold(rules.canonical_actor(text.strip()) or "").split())
    for article in ("la ", "le ", "les ", "l'"):
        name = name.removeprefix(article)
    return name if len(name) >= 2 else None


def assign_stories(signatures: dict[str, Signature]) -> dict[str, str]:
    """Article id -> story id (the smallest article id of its story)."""
    articles = sorted(signatures)
    n = len(articles)
    df: dict[str, int] = defaultdict(int)
    for a in articles:
        for name in signatures[a]:
            df[name] += 1
    idf = {name: math.log((n + IDF_PRIOR) / (count + 1)) for name, count in df.items()}
    vectors = []
    for a in articles:
        vector = {name: w * idf[name] for name, w in signatures[a].items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({name: v / norm for name, v in vector.items()})

    index: dict[str, list[int]] = defaultdict(list)  # name -> articles, in increasing order
    keys = []
    for i, vector in enumerate(vectors):
        keys.append(sorted(vector, key=lambda name: (-vector[name], name))[:KEY_NAMES])
        for name in keys[i]:
            index[name].append(i)
    too_common = n * COMMON_SHARE if n >= MIN_ARTICLES_FOR_COMMON else float("inf")
    # The pairs (a, b > a) that share a key name, gathered one article a at a time: the pairs of a
    # big corpus are never all held at once, only those similar enough to keep.
    similar: dict[int, dict[int, float]] = defaultdict(dict)
    for a in range(n):
        others = set()
        for name in keys[a]:
            members = index[name]
            if len(members) <= too_common:
                others.update(members[bisect_right(members, a) :])
        for b in others:
            va, vb = vectors[a], vectors[b]
            if len(vb) < len(va):
                va, vb = vb, va
            cosine = sum([v * vb[name] for name, v in va.items() if name in vb])
            if cosine >= MIN_PAIR_SIMILARITY:
                similar[a][b] = similar[b][a] = cosine

    # Average linkage. A group is named by its smallest member (an index into `articles`);
    # `links[g][h]` is the sum of the similarities of the pairs across groups g and h. The heap
    # holds only the averages that may merge (>= MIN_SIMILARITY): the others would only end the
    # loop, which the empty heap ends as well.
    size = [1] * n
    parent = list(range(n))
    links: dict[int, dict[int, float]] = dict(similar)  # `similar` is not read again: no copy
    heap = [(-s, a, b, 1, 1) for a, others in links.items() for b, s in others.items() if a < b and s >= MIN_SIMILARITY]
    heapq.heapify(heap)
    while heap:
        _, a, b, size_a, size_b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or size[a] != size_a or size[b] != size_b:
            continue  # a group since merged: its current average is in the heap too
        keep, gone = min(a, b), max(a, b)
        parent[gone] = keep
        size[keep] += size[gone]
        merged = links.pop(keep)
        merged.pop(gone, None)
        for other, s in links.pop(gone).items():
            if other != keep:
                merged[other] = merged.get(other, 0.0) + s
        links[keep] = merged
        for other, s in merged.items():
            links[other].pop(gone, None)
            links[other][keep] = s
            average = s / (size[keep] * size[other])
            if average >= MIN_SIMILARITY:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other),
                                      size[min(keep, other)], size[max(keep, other)]))

    def find(a: int) -> int:
        while parent[a] != a:
            a = parent[a]
        return a

    return {articles[a]: articles[find(a)] for a in range(n)}
