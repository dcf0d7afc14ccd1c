"""Turn a processed doc into claims: each figure with its subject, actor, time scope and topic.

The subject and actor come from the dependency parse; a figure in a pipe table takes its
actor from the row header and its subject and time scope from the column header. The topic
is the rules topic whose aliases are found in the figure's sentence (else its paragraph);
with several, the one with most hits, then the nearest hit.

Each part of a claim is read by its own module: `what` (the subject, the rules topic and
measure), `where` (the place), `when` (the time scope), `who` (the actor and the source),
`how` (the modality); `layout` finds sentences, paragraphs and table cells, `shares` marks
shares of one whole and stated ratios. The frame's what and where that comparison uses are
read in `factcheck.frames`.
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from ..models import Article, Claim, Mention
from ..pipes.dates import dates_of
from ..frames.what import What, what_of
from ..text import fold
from ..pipes.quantities import mentions_of
from ..ruleset import RuleSet
from .how import _modality
from .layout import _Cell, _Layout, _sentence_range
from .shares import _mark_ratios, _mark_shares
from .what import _find_cues, _measure, _states, _subject, _topic
from .when import _date_scope
from .where import _place, _title_place
from .who import _actor, _actor_spans, _attribution, _counted_by, _own_source, _title_actor


CLAIM_KINDS = {"money", "count", "percent"}


def build_claims(doc: Doc, article: Article, rules: RuleSet) -> list[Claim]:
    """Every money, count and percent mention of `doc` as a claim, in text order."""
    text = doc.text  # Doc.text rebuilds the string from the tokens at each call: read it once
    layout = _Layout(text)
    cues = _find_cues(fold(text), rules.topics)
    dates = [d for d in dates_of(doc) if d.period_start is not None]  # a day of unknown year scopes nothing
    actors = _actor_spans(doc)
    attributions: dict[tuple[int, int], str | None] = {}  # per sentence: its figures share it
    claims = []
    multipliers = []
    places: dict[int, tuple[tuple[int, int], _Cell | None]] = {}  # claim index -> (sentence, cell)
    title_place = _title_place(article.title)
    mentions = list(mentions_of(doc))
    figures = [m for m in mentions if m.kind in CLAIM_KINDS]
    for mention in mentions:
        if mention.kind == "multiplier" and layout.cell_at(mention.start) is None:
            multipliers.append(mention)
        if mention.kind not in CLAIM_KINDS:
            continue
        cell = layout.cell_at(mention.start)
        sentence = _sentence_range(layout, mention, cell)
        places[len(claims)] = (sentence, cell)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if cell is not None:
            subject, actor, attributed_to = cell.column_header, cell.row_header, None
        else:
            subject = _subject(doc, mention, span)
            actor = _actor(text, span, actors, sentence) or _title_actor(article.title, mention.text)
            if sentence not in attributions:
                attributions[sentence] = _attribution(doc, sentence, actors)
            attributed_to = _own_source(span, actors) or _counted_by(span, actors, attributions[sentence])
        scope = _date_scope(span, mention, sentence, cell, dates, figures, article, text)
        context = [sentence, layout.paragraph(mention.start, cell)]
        topic, cue = _topic(cues, context, mention.start)
        cue_text = " ".join(text[cue[0] : cue[1]].split()) if cue else None
        sentence_text = " ".join(text[sentence[0] : sentence[1]].split())
        measure_text = fold(sentence_text + (f" {cell.column_header}" if cell and cell.column_header else ""))
        states = _states(doc, mention) if cell is None else set()
        what = what_of(mention, span, subject, rules.lexicon) if cell is None else What(_table_what(subject, rules))
        measure = _measure(topic.measures if topic else (), mention, measure_text, states)
        if measure is None and topic is None:
            measure = _measure(rules.generic, mention, measure_text, states)
        if measure is None and topic is None and mention.kind == "count" and mention.noun_index is None and cell is None:
            # "Ils étaient 1,28 million selon le ministère. [...] la plus forte mobilisation":
            # a count with no noun at all, whose paragraph says what it counts
            lo, hi = context[1]
            measure = _measure(rules.generic, mention, fold(text[lo:hi]), states)
        if what.key is None and measure is not None and measure.spec.units and mention.kind == "count":
            # "Ils étaient 1,28 million selon le ministère": no noun, but the sentence's cues
            # fit a measure of the rules, whose first unit names what is counted
            what = What(rules.lexicon.concept(measure.spec.units[0]), None, what.part)
        claims.append(
            Claim(
                claim_id=claim_id(article.id, mention),
                article=article.id,
                start=mention.start,
                end=mention.end,
                sentence=sentence_text,
                text=mention.text,
                kind=mention.kind,
                value=mention.value,
                low=mention.low,
                high=mention.high,
                unit=mention.unit,
                precision=mention.precision,
                subject=subject,
                actor=rules.canonical_actor(actor),
                attributed_to=attributed_to,
                place=(_place(doc, text, sentence, mention, actors, figures, layout) or title_place) if cell is None else None,
                modality=_modality(text, span, mention, cell, scope[3]),
                date=scope[0],
                date_start=scope[1],
                date_end=scope[2],
                date_basis=scope[3],
                topic=topic.id if topic else None,
                topic_cue=cue_text,
                measure=measure.id if measure else None,
                what=what.key,
                population=what.population,
                part=what.part,
                published=article.date.isoformat() if article.date is not None else None,
            )
        )
    claims = _mark_shares(doc, text, claims, places)
    return _mark_ratios(doc, text, layout, claims, multipliers)


def _table_what(header: str | None, rules: RuleSet) -> str | None:
    """A table column's header says what its figures are ("Budget 2025")."""
    return rules.lexicon.concept(header) if header else None


def claim_id(article_id: str, mention: Mention) -> str:
    """A stable id: the same figure at the same place of the same article keeps its id."""
    key = f"{article_id}|{mention.start}|{mention.end}|{mention.text}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
