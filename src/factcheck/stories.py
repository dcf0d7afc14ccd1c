"""Group the articles of a corpus into stories: articles that share named people, places, bodies.

Two articles are in one story when they share at least `MIN_SHARED` named entities (after the
actors rules: "UE" = "Union européenne"), or one entity and `MIN_SHARED_TERMS` key terms (the
article's most frequent nouns); stories are the connected groups, named after their first
article. Entities found in more than `COMMON_SHARE` of a large corpus ("France") link
nothing. The work goes through an index entity -> articles, never all pairs of articles.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from .pipes.numbers import fold
from .ruleset import RuleSet

MIN_SHARED = 2
MIN_SHARED_TERMS = 3
KEY_TERMS = 8  # the most frequent nouns (seen twice or more) of an article
COMMON_SHARE = 0.2
MIN_ARTICLES_FOR_COMMON = 20
ENTITY_LABELS = {"PER", "ORG", "LOC", "MISC"}


def article_signature(doc: Doc, rules: RuleSet) -> frozenset[str]:
    """The article's named entities, canonical and folded, and its key terms ("term:" + lemma)."""
    names = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and any(t.is_alpha for t in ent) and "\n" not in ent.text and "|" not in ent.text:
            name = " ".join(fold(rules.canonical_actor(ent.text.strip()) or "").split())
            for article in ("la ", "le ", "les ", "l'"):
                name = name.removeprefix(article)
            if len(name) >= 2:
                names.add(name)
    counts: dict[str, int] = defaultdict(int)
    for token in doc:
        if token.pos_ == "NOUN" and token.is_alpha and len(token.text) > 3:
            counts[fold(token.lemma_)] += 1
    frequent = sorted((lemma for lemma, n in counts.items() if n >= 2), key=lambda lemma: (-counts[lemma], lemma))
    names.update(f"term:{lemma}" for lemma in frequent[:KEY_TERMS])
    return frozenset(names)


def assign_stories(signatures: dict[str, frozenset[str]]) -> dict[str, str]:
    """Article id -> story id (the smallest article id of its story)."""
    index: dict[str, list[str]] = defaultdict(list)
    for article, names in signatures.items():
        for name in names:
            index[name].append(article)
    too_common = len(signatures) * COMMON_SHARE if len(signatures) >= MIN_ARTICLES_FOR_COMMON else float("inf")
    shared: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # entities, terms
    for name, articles in index.items():
        if len(articles) > too_common:
            continue
        slot = 1 if name.startswith("term:") else 0
        ordered = sorted(articles)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)][slot] += 1
    parent = {a: a for a in signatures}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for (a, b), (entities, terms) in shared.items():
        if entities >= MIN_SHARED or (entities >= 1 and terms >= MIN_SHARED_TERMS):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in signatures}
