"""Turn a processed doc into claims: each figure with its subject, actor, time scope and topic.

The subject and actor come from the dependency parse; a figure in a pipe table takes its
actor from the row header and its subject and time scope from the column header. The topic
is the rules topic whose aliases are found in the figure's sentence (else its paragraph);
with several, the one with most hits, then the nearest hit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from .models import Article, Claim, Mention
from .pipes.actors import SPAN_KEY as ACTORS_KEY
from .pipes.dates import dates_of, form_tense
from .frames.what import What, what_of
from .frames.where import choose_place, line_heading_place, opening_places
from .text import fold
from .pipes.patterns_quantities import CURRENCIES
from .pipes.quantities import compound_bounds, mentions_of
from .ruleset import Measure, RuleSet, Topic

CLAIM_KINDS = {"money", "count", "percent"}
SUBJECT_DEPS = {"nmod", "amod", "compound", "flat", "flat:name", "fixed", "case", "det"}
MAX_SUBJECT_TOKENS = 6
_TABLE_SEPARATOR = re.compile(r"^[\s|:\-]+$")
# A sentence ends at . ! ? … (and closing quotes) followed by space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"[.!?…]+[»”\")]*\s+(?=[A-ZÀ-ÖØ-Þ«\"(\d])")
# "M. Dupont", "Dr. X": a period after a short capitalised abbreviation ends no sentence.
_ABBREVIATION = re.compile(r"(?<![\w])(?:M|Mme|Mlle|Dr|Pr|St|Ste|Me|MM|av|art|n°|p|cf|etc)\.$")


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
        scope = _date_scope(span, mention, sentence, cell, dates, figures, article)
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


# -- tables and paragraphs -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cell:
    row: tuple[int, int]  # char range of the row line
    block: tuple[int, int]  # the table and its caption line
    row_header: str | None
    column_header: str | None
    header_range: tuple[int, int] | None  # char range of the column header cell


class _Layout:
    """Lines, paragraphs and pipe tables of a text, by character offset."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.tables: list[tuple[int, int, list[tuple[int, int]]]] = []  # start, end, row ranges
        rows: list[tuple[int, int]] = []
        for start, end in self._lines():
            if text.count("|", start, end) >= 2 or (rows and _TABLE_SEPARATOR.match(text[start:end]) and "|" in text[start:end]):
                rows.append((start, end))
                continue
            self._close_table(rows)
            rows = []
        self._close_table(rows)

    def _lines(self):
        for i, start in enumerate(self.line_starts):
            end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
            yield start, end

    def _close_table(self, rows: list[tuple[int, int]]) -> None:
        if len(rows) >= 2:
            self.tables.append((rows[0][0], rows[-1][1], rows))

    def line_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[i]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def cell_at(self, offset: int) -> _Cell | None:
        for start, end, rows in self.tables:
            if not start <= offset <= end:
                continue
            header = rows[0]
            row = next(r for r in rows if r[0] <= offset <= r[1])
            if row == header:
                return None
            column = self.text.count("|", row[0], offset)
            header_cells = _cells(self.text, header)
            row_cells = _cells(self.text, row)
            caption = self.line_at(start - 1)[0] if start > 0 else start
            header_range = header_cells[column] if column < len(header_cells) else None
            return _Cell(
                row=row,
                block=(caption, end),
                row_header=self.text[row_cells[0][0] : row_cells[0][1]].strip() or None,
                column_header=self.text[header_range[0] : header_range[1]].strip() if header_range else None,
                header_range=header_range,
            )
        return None

    def paragraph(self, offset: int, cell: _Cell | None) -> tuple[int, int]:
        return cell.block if cell is not None else self.line_at(offset)


def _cells(text: str, row: tuple[int, int]) -> list[tuple[int, int]]:
    """Character ranges of the cells of a table row."""
    cells = []
    start = row[0]
    for m in re.finditer(r"\|", text[row[0] : row[1]]):
        cells.append((start, row[0] + m.start()))
        start = row[0] + m.end()
    cells.append((start, row[1]))
    return cells


def _sentence_range(layout: _Layout, mention: Mention, cell: _Cell | None) -> tuple[int, int]:
    """The sentence around a mention: its table row, else punctuation within its line.

    Punctuation is more predictable here than the parser's sentence boundaries, which
    split "Le plan européen | pour créer des Gigafactories..." on the seed articles.
    """
    if cell is not None:
        return cell.row
    line_start, line_end = layout.line_at(mention.start)
    start, end = line_start, line_end
    for m in _SENTENCE_END.finditer(layout.text, line_start, line_end):
        if _ABBREVIATION.search(layout.text, max(line_start, m.start() - 4), m.start() + 1):
            continue
        if m.end() <= mention.start:
            start = m.end()
        elif m.start() >= mention.end:
            end = m.start() + len(m.group(0).rstrip())
            break
    return start, end


# -- subject -------------------------------------------------------------------------------


# Verbs that say what an amount goes to: "1,7 milliard consacrés à l'investissement".
ALLOCATION_VERBS = {"consacrer", "affecter", "allouer", "destiner", "dedier", "reserver", "attribuer"}


def _subject(doc: Doc, mention: Mention, span: Span | None) -> str | None:
    """What the figure is about: the counted noun, or the noun an amount belongs to."""
    if mention.noun_index is not None:
        return _noun_phrase(doc[mention.noun_index])
    if span is None:
        return None
    root = span.root
    # "20 Md€ d'investissements": a noun complement of the amount itself
    for child in root.children:
        if (
            child.dep_ == "nmod"
            and child.i >= span.end
            and child.pos_ == "NOUN"
            and fold(child.text) not in CURRENCIES
            and any(c.dep_ == "case" and c.lemma_ in ("de", "d'", "d’") for c in child.children)
        ):
            return _noun_phrase(child)
    # "1,7 milliard d'euros consacrés à l'investissement": what the amount goes to
    for verb in root.children:
        if verb.dep_ == "acl" and verb.pos_ == "VERB" and fold(verb.lemma_) in ALLOCATION_VERBS:
            target = next((c for c in verb.children if c.dep_.startswith("obl") and c.pos_ == "NOUN"), None)
            if target is not None:
                return _noun_phrase(target)
    head = root.head
    if head.i == root.i:
        return None
    if head.pos_ == "VERB" and head.dep_ == "acl" and head.head.pos_ == "NOUN":
        head = head.head  # "plan d'investissement estimé à 5 milliards"
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(head, exclude=span)
    if head.pos_ == "VERB":
        # "les investissements atteindront 1,7 milliard": the noun subject of the verb; else
        # the verb ("la Commission va y consacrer 20 milliards")
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "expl:subj") and not span.start <= c.i < span.end), None)
        if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("il", "elle"):
            subject = _antecedent(subject)  # "Paris a voté son budget. Il s'élève à 11,6 milliards"
        elif subject is not None and subject.lower_ == "qui":
            subject = _relative_antecedent(subject)  # "le budget de la Ville, qui atteint 11,6 milliards"
        if subject is not None and subject.pos_ == "NOUN":
            return _noun_phrase(subject)
        return head.lemma_
    return None


def _relative_antecedent(qui: Token) -> Token | None:
    """The noun phrase head right before a relative "qui" (its complements climbed over)."""
    i = qui.i - 1
    while i >= 0 and qui.doc[i].is_punct:
        i -= 1
    if i < 0:
        return None
    token = qui.doc[i]
    while token.dep_ in ("nmod", "flat:name", "amod") and token.head.i < token.i:
        token = token.head
    return token


def _antecedent(pronoun: Token) -> Token | None:
    """The noun a sentence-initial "il"/"elle" takes up: the object of the previous sentence's
    main verb, else its subject."""
    sentence = pronoun.sent
    if pronoun.i != sentence.start or sentence.start == 0:
        return None
    root = pronoun.doc[sentence.start - 1].sent.root
    for dep in ("obj", "nsubj"):
        noun = next((c for c in root.children if c.dep_ == dep and c.pos_ == "NOUN"), None)
        if noun is not None:
            return noun
    return None


def _noun_phrase(noun: Token, exclude: Span | None = None) -> str:
    """The noun and its close complements ("puces d'IA de pointe"), at most a few words."""
    keep = {noun.i}
    frontier = [noun]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.i < noun.i or child.dep_ not in SUBJECT_DEPS:
                continue
            if exclude is not None and exclude.start <= child.i < exclude.end:
                continue
            keep.add(child.i)
            frontier.append(child)
    doc = noun.doc
    start, end = compound_bounds(noun)
    keep.update(range(start, end + 1))
    while end + 1 in keep and end + 1 - start < MAX_SUBJECT_TOKENS:
        end += 1
    while end > noun.i and doc[end].dep_ in ("case", "det"):
        end -= 1
    return " ".join(doc[start : end + 1].text.split())



# -- actor ---------------------------------------------------------------------------------


def _actor_spans(doc: Doc) -> list[Span]:
    """PER/ORG/LOC actors, plus other named entities where they are the subject of a verb."""
    spans = list(doc.spans.get(ACTORS_KEY, []))
    taken = {(s.start, s.end) for s in spans}
    for ent in doc.ents:
        if ent.label_ == "MISC" and (ent.start, ent.end) not in taken and _is_subject(ent):
            spans.append(ent)
    return sorted(spans, key=lambda s: s.start)


def _is_subject(span: Span) -> bool:
    for token in span:
        t = token
        while t.dep_ in ("flat:name", "flat", "appos", "amod") and t.head.i != t.i:
            t = t.head
        if t.dep_.startswith("nsubj") or t.dep_ == "obl:agent":
            return True
    # "Boeing, de son côté, n'a livré que 348 avions": a name that opens its sentence, set off
    # by a comma, is a dislocated subject (the parser makes it a root or an adverb)
    doc = span.doc
    opens = span.start == 0 or doc[span.start - 1].text in (".", "!", "?") or doc[span.start - 1].is_space
    if opens and span.end < len(doc) and doc[span.end].text == ",":
        return True
    return False


def _actor(text: str, span: Span | None, actors: list[Span], sentence: tuple[int, int]) -> str | None:
    """Whose figure it is: the subject of the verb that governs it, else the last subject of the paragraph."""
    if span is None:
        return None
    token = span.root
    for _ in range(8):
        subject = _subject_actor(token, actors)
        if subject is not None:
            return subject
        if token.head.i == token.i:
            break
        token = token.head
    lo, hi = sentence
    in_sentence = [a for a in actors if lo <= a.start_char < hi and _is_subject(a)]
    if in_sentence:
        return in_sentence[0].text
    paragraph_start = text.rfind("\n", 0, lo) + 1
    before = [a for a in actors if paragraph_start <= a.start_char < lo and _is_subject(a)]
    return before[-1].text if before else None


def _subject_actor(verb: Token, actors: list[Span]) -> str | None:
    for child in verb.children:
        if not (child.dep_.startswith("nsubj") or child.dep_ == "obl:agent"):
            continue
        target = child
        if child.lower_ == "qui" and verb.dep_ == "acl:relcl":
            target = verb.head  # "l'initiative InvestAI, qui mobilisera ..."
        lo, hi = target.left_edge.i, target.right_edge.i + 1
        if target is not child:
            hi = verb.i
        for actor in actors:
            if lo <= actor.start and actor.end <= hi:
                return actor.text
    return None


# -- place ---------------------------------------------------------------------------------

# Phrases that make a figure national ("dans toute la France", "l'ensemble du pays").
_NATIONAL = re.compile(
    r"\b(?:dans toute la france|partout en france|en france|france entiere|dans l'ensemble du pays|"
    r"l'ensemble du pays|dans tout le pays|au niveau national|a l'echelle nationale|sur tout le territoire|"
    r"sur l'ensemble du territoire|au plan national|a l'echelle de la france|a l'echelle du pays)\b"
)
_THE_CAPITAL = re.compile(r"\b(?:dans|a|de) la capitale\b(?! (?:economique|europeenne|regionale|mondiale))")
# Capitals "la capitale" may name: the one the article names most.
CAPITALS = ("Paris", "Bruxelles", "Berne", "Ottawa", "Madrid", "Rabat", "Ankara", "Alger", "Tunis", "Damas",
            "Lisbonne", "Rome", "Berlin", "Londres", "Washington")


def _capital(text: str) -> str | None:
    folded = fold(text)
    counts = {name: folded.count(fold(name)) for name in CAPITALS}
    best = max(CAPITALS, key=lambda name: counts[name])
    return best if counts[best] else None


PLACE_CASES = {"a", "en", "dans", "au", "aux", "pres", "sur"}
# Adjectives of place, folded: "le cortège lyonnais" holds at Lyon.
PLACE_ADJECTIVES = {
    stem + ending: place
    for stem, place, endings in (
        ("lyonnais", "Lyon", ("", "e", "es")), ("parisien", "Paris", ("", "ne", "s", "nes")),
        ("marseillais", "Marseille", ("", "e", "es")), ("toulousain", "Toulouse", ("", "e", "s", "es")),
        ("bordelais", "Bordeaux", ("", "e", "es")), ("lillois", "Lille", ("", "e", "es")),
        ("nantais", "Nantes", ("", "e", "es")), ("nicois", "Nice", ("", "e", "es")),
        ("strasbourgeois", "Strasbourg", ("", "e", "es")), ("rennais", "Rennes", ("", "e", "es")),
        ("grenoblois", "Grenoble", ("", "e", "es")), ("montpellierain", "Montpellier", ("", "e", "s", "es")),
        ("bruxellois", "Bruxelles", ("", "e", "es")), ("genevois", "Genève", ("", "e", "es")),
        ("lausannois", "Lausanne", ("", "e", "es")), ("vaudois", "Vaud", ("", "e", "es")),
        ("montrealais", "Montréal", ("", "e", "es")), ("quebecois", "Québec", ("", "e", "es")),
        ("belge", "Belgique", ("", "s")), ("suisse", "Suisse", ("", "s")), ("canadien", "Canada", ("", "ne", "s", "nes")),
        ("marocain", "Maroc", ("", "e", "s", "es")), ("turc", "Turquie", ("", "s")), ("turque", "Turquie", ("", "s")),
        ("syrien", "Syrie", ("", "ne", "s", "nes")), ("espagnol", "Espagne", ("", "e", "s", "es")),
        ("algerien", "Algérie", ("", "ne", "s", "nes")), ("tunisien", "Tunisie", ("", "ne", "s", "nes")),
        ("britannique", "Royaume-Uni", ("", "s")), ("americain", "États-Unis", ("", "e", "s", "es")),
        ("allemand", "Allemagne", ("", "e", "s", "es")), ("italien", "Italie", ("", "ne", "s", "nes")),
        ("francais", "France", ("", "e", "es")), ("portugais", "Portugal", ("", "e", "es")),
    )
    for ending in endings
}


# "Réforme des retraites : forte mobilisation à Lyon": the place a title gives the whole article
_TITLE_PLACE = re.compile(r"\b(?:à|a) ((?:[A-ZÉÈ][\w’'-]+)(?:[ -](?:sur|en|de|la|le)?[ -]?[A-ZÉÈ][\w’'-]+)*)")


# "la France présente un plan de 2,5 milliards": a name after a determiner, then a verb
_TITLE_ACTOR = re.compile(r"\b(?:[Ll]a|[Ll]e|[Ll]es|[Ll]'|[Ll]’) ?((?:[A-ZÉÈ][\w’'-]+)(?: [A-ZÉÈ][\w’'-]+)*) [a-zéè]")


def _title_actor(title: str | None, figure: str) -> str | None:
    """Whose figure it is when the title states the same figure with its actor.

    "Intelligence artificielle : la France présente un plan de 2,5 milliards d'euros" gives
    France to the body's "un plan de 2,5 milliards d'euros" presented by "le gouvernement".
    """
    if not title:
        return None
    at = fold(" ".join(title.split())).find(fold(" ".join(figure.split())))
    if at < 0:
        return None
    names = [m for m in _TITLE_ACTOR.finditer(title[:at])]
    return names[-1].group(1) if names else None


def _title_place(title: str | None) -> str | None:
    """The place of a local story, from its title ("... à Lyon"), or France for a national one.

    A figure whose sentence names no place takes it: a local count is then never compared
    with a national one. A wrong guess only keeps two figures apart, never pairs them.
    """
    if not title:
        return None
    if _NATIONAL.search(fold(title)):
        return "France"
    m = _TITLE_PLACE.search(title)
    return m.group(1) if m else None


def _place(
    doc: Doc, text: str, sentence: tuple[int, int], mention: Mention, actors: list[Span],
    figures: list[Mention], layout: "_Layout",
) -> str | None:
    """Where the figure holds: a place introduced by à/en/dans, or France for national phrasing,
    in the figure's own clause or the sentence's opening (frames/where.py), else the place
    that heads its round-up line ("• Nantes : cinq policiers blessés")."""
    folded = fold(text[sentence[0] : sentence[1]])
    candidates: list[tuple[int, str]] = []
    candidates.extend((sentence[0] + m.start(), "France") for m in _NATIONAL.finditer(folded))
    capital = _capital(text) if _THE_CAPITAL.search(folded) else None
    if capital is not None:  # "dans la capitale": the capital the article speaks of
        candidates.extend((sentence[0] + m.start(), capital) for m in _THE_CAPITAL.finditer(folded))
    loose: list[tuple[int, str]] = []  # places named without a preposition: "la Suisse avec 8"
    for span in actors:
        if span.label_ != "LOC" or not (sentence[0] <= span.start_char < sentence[1]):
            continue
        root = span.root
        before = [fold(t.text) for t in doc[max(0, span.start - 2) : span.start]]
        if any(c.dep_ == "case" and fold(c.text) in PLACE_CASES for c in root.children) or (
            before[-1:] and before[-1] in PLACE_CASES or before in (["pres", "de"], ["autour", "de"])
        ):
            candidates.append((span.start_char, span.text))
        elif root.dep_ in ("nsubj", "nsubj:pass", "ROOT", "appos") or before[-1:] in (["la"], ["le"], ["l'"]):
            loose.append((span.start_char, span.text))
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    for token in span if span is not None else ():
        place = PLACE_ADJECTIVES.get(fold(token.text)) if token.dep_ == "amod" else None
        if place is not None and not _names_a_person(token):
            candidates.append((token.idx, place))
    candidates.sort()
    in_sentence = [(f.start, f.end) for f in figures if sentence[0] <= f.start < sentence[1]]
    place = choose_place(text, sentence, (mention.start, mention.end), candidates, in_sentence, loose)
    if place is not None:
        return place
    line_start, line_end = layout.line_at(mention.start)
    heading = line_heading_place(text[line_start:line_end])
    if heading is not None:
        at = line_start + text[line_start:line_end].find(heading)
        # the parse may miss a heading's place ("• Al Haouz : 1.293 morts") that it reads elsewhere
        return heading if _is_loc(actors, at, heading) or any(a.label_ == "LOC" and heading in a.text for a in actors) else None
    # the last sentence of the paragraph before this one that opens on its place
    opening = [(line_start + at, name) for at, name in opening_places(text[line_start : sentence[0]])]
    opening = [(at, name) for at, name in opening if _is_loc(actors, at, name)]
    return opening[-1][1] if opening else None


def _names_a_person(adjective: Token) -> bool:
    """"le sismologue lausannois Pierre Dufaux", "l'Institut américain de géophysique": where a
    person or a body comes from, not where a figure holds."""
    if adjective.ent_type_ or adjective.head.ent_type_:
        return True
    after = adjective.doc[adjective.i + 1] if adjective.i + 1 < len(adjective.doc) else None
    return (after is not None and after.pos_ == "PROPN") or any(
        c.ent_type_ == "PER" or c.pos_ == "PROPN" for c in adjective.head.children if c.i > adjective.head.i
    )


def _is_loc(actors: list[Span], at: int, name: str) -> bool:
    """Whether the parse read `name` at char `at` as a place."""
    return any(a.label_ == "LOC" and a.start_char == at and a.text == name for a in actors)


# -- attribution and modality -------------------------------------------------------------

SPEECH_VERBS = {
    "declarer", "affirmer", "indiquer", "assurer", "expliquer", "preciser", "souligner",
    "avancer", "rapporter", "confirmer", "reveler", "annoncer", "estimer", "selon", "ajouter",
    "marteler", "rappeler", "avertir", "denoncer", "chiffrer",
}
# "seuil": a threshold is a reference value, not a measurement ("le seuil d'environ 5 %
# associé au plein emploi"), so it is compared like a target.
TARGET_LEMMAS = {"objectif", "viser", "cible", "cibler", "ambition", "ambitionner", "prevoir", "horizon", "seuil"}
ESTIMATE_LEMMAS = {"estimer", "evaluer", "chiffrer", "estimation", "approximativement"}
ESTIMATE_HEDGES = ("environ", "pres", "quelque", "autour", "approximativement", "presque", "une ", "des ")
NEGATIONS = {"pas", "jamais", "aucun", "aucune", "nullement"}


def _attribution(doc: Doc, sentence: tuple[int, int], actors: list[Span]) -> str | None:
    """Who the sentence attributes its figures to: "selon la CGT", "d'après X", "..., a déclaré X"."""
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if fold(token.lemma_) == "selon" or (fold(token.text) == "apres" and token.i > 0 and fold(doc[token.i - 1].text) == "d'"):
            source = token
            while source.dep_ in ("case", "fixed") and source.head.i != source.i:
                source = source.head  # "D'" <- "après" (fixed) ; "D'" -> "préfecture" (case)
            return _name_of(source, actors)
    # An incise ("..., a déclaré X") first, then a speech verb governing a clause ("X affirme que ...").
    for wanted in (("parataxis",), ("ROOT", "ccomp")):
        for token in span:
            if token.pos_ != "VERB" or fold(token.lemma_) not in SPEECH_VERBS or token.dep_ not in wanted:
                continue
            speaker = next((c for c in token.children if c.dep_.startswith("nsubj") and c.pos_ in ("PROPN", "NOUN")), None)
            if speaker is not None and (token.dep_ == "parataxis" or _has_clause(token)):
                return _name_of(speaker, actors)
    return None


# Verbs whose subject is the source of the figure they take: "la préfecture en a compté 3 500",
# "les organisateurs revendiquent 20 000 participants".
COUNTING_VERBS = {
    "compter", "recenser", "denombrer", "comptabiliser", "revendiquer", "chiffrer", "estimer", "evaluer",
}
_COUNTED_BY_MAX_STEPS = 3


def _counted_by(span: Span | None, actors: list[Span], attribution: str | None) -> str | None:
    """Who the figure is attributed to: the sentence's `attribution`, or the subject of the
    counting verb that takes the figure when that verb has no attribution over it (the
    sentence has none, or the verb heads a clause of its own: "Selon la CGT, 12 000 personnes
    ont défilé, tandis que la préfecture en a compté 3 500")."""
    verb = _counting_verb(span)
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN")), None) if verb else None
    if subject is None or (attribution is not None and verb.i == verb.sent.root.i):
        return attribution
    return _name_of(subject, actors)


def _counting_verb(span: Span | None) -> Token | None:
    if span is None:
        return None
    token = span.root
    for _ in range(_COUNTED_BY_MAX_STEPS):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            break
    return token if token.pos_ == "VERB" and fold(token.lemma_) in COUNTING_VERBS else None


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)


def _own_source(span: Span | None, actors: list[Span]) -> str | None:
    """The source given right after the figure, which is its own even when the sentence gives
    others: "30 000 manifestants selon la police, 245 000 selon la CGT"."""
    if span is None:
        return None
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].pos_ == "NOUN" and i == span.root.i + 1:
        i += 1  # the counted noun: "30 000 manifestants selon la police"
    if i < len(doc) and fold(doc[i].text) == "selon":
        source = next((t for t in doc[i + 1 : i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        return _name_of(source, actors) if source is not None else None
    return None


def _name_of(token: Token, actors: list[Span]) -> str:
    """The actor whose span covers the token, else its noun phrase ("la préfecture")."""
    for actor in actors:
        if actor.start <= token.i < actor.end:
            return actor.text
    return _noun_phrase(token)


def _modality(text: str, span: Span | None, mention: Mention, cell: _Cell | None, basis: str | None) -> str:
    """fact, estimate, forecast, conditional, target or negated, from the figure's governing words."""
    if cell is not None:
        header = fold(cell.column_header or "")
        return "target" if any(w in header for w in ("objectif", "cible")) else "fact"
    if span is None:
        return "fact"
    chain = [span.root]
    while chain[-1].head.i != chain[-1].i and len(chain) < 8:
        chain.append(chain[-1].head)
    lemmas = {fold(t.lemma_) for t in chain}
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        negators = {fold(c.lemma_) for c in verb.children if c.dep_ == "advmod"}
        if negators & NEGATIONS:
            return "negated"
    if lemmas & TARGET_LEMMAS or fold(text[max(0, span.sent.start_char) : span.start_char]).startswith("objectif"):
        return "target"
    if verb is not None:
        verbs = [verb, *[c for c in verb.children if c.dep_.startswith("aux")]]
        if "Inf" in verb.morph.get("VerbForm") and verb.head.pos_ in ("VERB", "AUX"):
            verbs.append(verb.head)  # "pourraient créer"
        if any(_tense(v) == "conditional" for v in verbs):
            return "conditional"
    if basis == "future":
        return "forecast"
    if lemmas & ESTIMATE_LEMMAS or fold(mention.text).startswith(ESTIMATE_HEDGES):
        return "estimate"
    return "fact"


# -- time scope ----------------------------------------------------------------------------


def _date_scope(
    span: Span | None,
    mention: Mention,
    sentence: tuple[int, int],
    cell: _Cell | None,
    dates: list[Mention],
    figures: list[Mention],
    article: Article,
) -> tuple[str | None, str | None, str | None, str | None]:
    """(value, start, end, basis) of the period a figure holds for.

    A table cell takes the date of its column header ("Objectif 2027"). A figure in prose takes
    the date of its sentence that hangs lowest on the figure's chain of heads in the parse
    (`_governing_date`): in "Airbus a annoncé jeudi avoir livré 766 avions en 2024", 2024 is
    on "livré", jeudi on "annoncé" above it, so 766 holds for 2024; in "jeudi, le feu avait
    parcouru 1 500 hectares, contre 1 200 hectares mardi soir", mardi hangs on the hectares of
    1 200 only. An amount of money does not take the date of the statement that reports it: in
    "l'usine représente un investissement de 2 milliards, a confirmé mercredi la direction",
    mercredi is when it was said (a count keeps it: "la préfecture a indiqué jeudi que le feu
    avait parcouru 1 500 hectares" is the toll as of Thursday). When the parse ties no date to the
    figure: the nearest date among those nearer to it than to the sentence's other figures, else a
    date that opens the sentence before all its figures. Without one, a figure under a future or conditional verb holds from
    publication on (an open horizon), and any other from its publication date.
    """
    if cell is not None and cell.header_range is not None:
        lo, hi = cell.header_range
        in_header = [d for d in dates if lo <= d.start and d.end <= hi]
        if in_header:
            return _scope_of(in_header[0], "column")
    if cell is None:
        lo, hi = sentence
        in_sentence = [d for d in dates if lo <= d.start and d.end <= hi and not _comparison_date(span, d)]
        chain = _head_chain(span) if in_sentence else []
        if mention.kind == "money":
            in_sentence = [d for d in in_sentence if not _times_a_statement(chain, d)]
        governing = _governing_date(chain, in_sentence)
        if governing is not None:
            return _scope_of(governing, "sentence")
        if in_sentence:
            others = [f for f in figures if lo <= f.start and f.end <= hi and f is not mention]
            own = [d for d in in_sentence if all(_gap(d, mention) <= _gap(d, f) for f in others)]
            first = min([mention.start] + [f.start for f in others])
            framing = [d for d in in_sentence if d.end <= first]  # "Le 6 mars, 12 000 personnes et 300 policiers"
            if own or framing:
                return _scope_of(min(own or framing, key=lambda d: _gap(d, mention)), "sentence")
    published = article.date.isoformat() if article.date is not None else None
    recalled = _recalled_date(span, sentence, dates, article) if cell is None else None
    if recalled is not None:
        return _scope_of(recalled, "context")
    if cell is None and _is_future(span):
        return None, published, None, "future"
    if published is None:
        return None, None, None, None
    return published, published, published, "published"


# A date this long before publication is history, not news ("En 2005, [...]").
HISTORY_DAYS = 30


def _recalled_date(span: Span | None, sentence: tuple[int, int], dates: list[Mention], article: Article) -> Mention | None:
    """The date of a past event a figure goes on recalling, with no date of its own: its verb
    is in the pluperfect and a sentence before it in its paragraph dates the event long before
    publication ("En 2005, la mort de deux adolescents avait déclenché trois semaines
    d'émeutes. Plus de 10 000 véhicules avaient été incendiés")."""
    if span is None or article.date is None or not _pluperfect(span):
        return None
    text = span.doc.text
    paragraph_start = text.rfind("\n", 0, sentence[0]) + 1
    before = [d for d in dates if paragraph_start <= d.start and d.end <= sentence[0] and d.period_end]
    if not before:
        return None
    last = before[-1]
    try:
        age = (article.date - dt.date.fromisoformat(last.period_end[:10])).days
    except ValueError:
        return None
    return last if age > HISTORY_DAYS else None


def _pluperfect(span: Span) -> bool:
    """Whether the verb the figure hangs on is in the pluperfect ("avaient été incendiés")."""
    for token in _head_chain(span):
        if token.pos_ == "VERB":
            return any(c.dep_.startswith("aux") and "Imp" in c.morph.get("Tense") for c in token.children)
    return False


# "du jamais-vu depuis le 19 janvier", "un record depuis 2010": a date the figure is compared
# with, not the time it holds for.
_COMPARED_SINCE = re.compile(r"(?:jamais[ -]vue?s?|inedite?s?|record|plus (?:haut|bas|fort|faible|eleve)e?s?)\W+(?:[\w-]+\W+){0,8}$")


def _comparison_date(span: Span | None, date: Mention) -> bool:
    if span is None:
        return False
    text = span.doc.text
    return bool(_COMPARED_SINCE.search(fold(text[max(0, date.start - 80) : date.start])))


def _head_chain(span: Span | None) -> list[Token]:
    """The figure's chain of heads, from the figure up to the root (empty without a span)."""
    chain, seen = [], set()
    token = span.root if span is not None else None
    while token is not None and token.i not in seen:
        seen.add(token.i)
        chain.append(token)
        token = token.head
    return chain


def _governing_date(chain: list[Token], dates: list[Mention]) -> Mention | None:
    """The date whose phrase hangs on the figure's chain of heads (the figure, its noun, its
    verb, the verbs above), the lowest on the chain; None when none does."""
    if not chain or not dates:
        return None
    rank_of = {t.i: rank for rank, t in enumerate(chain)}
    best, best_rank = None, len(chain)
    for date in dates:
        date_span = chain[0].doc.char_span(date.start, date.end, alignment_mode="expand")
        if date_span is None:
            continue
        rank = rank_of.get(date_span.root.head.i, len(chain))
        if rank < best_rank:
            best, best_rank = date, rank
    return best


def _times_a_statement(chain: list[Token], date: Mention) -> bool:
    """Whether the date hangs on a verb of saying above the figure's own verb ("représente un
    investissement de 2 milliards, a confirmé mercredi la direction"), not on the figure's clause."""
    if not chain:
        return False
    date_span = chain[0].doc.char_span(date.start, date.end, alignment_mode="expand")
    if date_span is None:
        return False
    verb = date_span.root.head
    if verb.pos_ != "VERB" or fold(verb.lemma_) not in SPEECH_VERBS or fold(verb.lemma_) == "avancer":
        return False  # "le conseil, avancé à mardi, votera...": brought forward, not said
    for token in chain:  # a verb of the figure's own below the verb of saying
        if token.i == verb.i:
            return False
        if token.pos_ in ("VERB", "AUX"):
            return True
    return False


def _gap(a: Mention, b: Mention) -> int:
    """Characters between two mentions (0 when they touch or overlap)."""
    return max(0, a.start - b.end, b.start - a.end)


def _scope_of(date: Mention, basis: str) -> tuple[str | None, str | None, str | None, str]:
    return str(date.value), date.period_start, date.period_end, basis


def _is_future(span: Span | None) -> bool:
    """True when the verb governing the figure is future or conditional.

    An infinitive defers to the verb it completes: "pourraient créer jusqu'à 40 000 emplois"
    is conditional, "va y consacrer 20 milliards" is the near future (aller + infinitive).
    """
    token = span.root if span is not None else None
    for _ in range(8):
        if token is None:
            return False
        if token.pos_ in ("VERB", "AUX"):
            verbs = [token] + [c for c in token.children if c.dep_.startswith("aux")]
            if any(_tense(v) is not None for v in verbs):
                return True
            if "Inf" not in token.morph.get("VerbForm") or token.head.i == token.i:
                return False
            if token.head.lemma_ == "aller" and token.head.pos_ in ("VERB", "AUX"):
                return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _tense(verb: Token) -> str | None:
    """"future", "conditional" or None, from the morphology, or from the form when the tagger
    says present or participle ("représenteraient", "atteindra"; see `form_tense`)."""
    if "Cnd" in verb.morph.get("Mood"):
        return "conditional"
    if "Fut" in verb.morph.get("Tense"):
        return "future"
    return form_tense(verb)


# -- topic and measure ---------------------------------------------------------------------


def _find_cues(folded: str, topics: tuple[Topic, ...]) -> list[tuple[int, int, Topic]]:
    hits = []
    for topic in topics:
        for pattern in topic.patterns:
            hits.extend((m.start(), m.end(), topic) for m in pattern.finditer(folded))
    return sorted(hits, key=lambda h: (h[0], h[1], h[2].id))


def _topic(
    cues: list[tuple[int, int, Topic]], contexts: list[tuple[int, int]], offset: int
) -> tuple[Topic | None, tuple[int, int] | None]:
    """The topic with most alias hits in the first context that has any; ties go to the nearest."""
    for lo, hi in contexts:
        hits = [h for h in cues if lo <= h[0] and h[1] <= hi]
        if not hits:
            continue
        counts: dict[str, int] = {}
        for _, _, topic in hits:
            counts[topic.id] = counts.get(topic.id, 0) + 1
        best = max(counts.values())
        candidates = [h for h in hits if counts[h[2].id] == best]
        nearest = min(candidates, key=lambda h: (min(abs(h[0] - offset), abs(h[1] - offset)), h[2].id))
        return nearest[2], (nearest[0], nearest[1])
    return None, None


def _measure(measures: tuple[Measure, ...], mention: Mention, folded_sentence: str, states: set[str] = frozenset()) -> Measure | None:
    """The first measure whose kind, counted noun (or a state of it: "2 pompiers blessés" count
    the injured) and cues fit the figure."""
    for measure in measures:
        spec = measure.spec
        if spec.kind != mention.kind:
            continue
        if measure.units and fold(mention.unit or "") not in measure.units and not states & measure.units:
            continue
        if measure.cue_patterns and not any(p.search(folded_sentence) for p in measure.cue_patterns):
            continue
        return measure
    return None


def _states(doc: Doc, mention: Mention) -> set[str]:
    """What the counted noun is said to be, folded and singular: "2 pompiers blessés", "deux
    sapeurs-pompiers ont été blessés", "3 personnes tuées" (a participle or adjective on the
    noun, or the predicate the noun is the subject of)."""
    if mention.kind != "count" or mention.noun_index is None:
        return set()
    noun = doc[mention.noun_index]
    words = [c for c in noun.children if c.dep_ in ("amod", "acl") and c.i > noun.i]
    if noun.dep_ in ("nsubj", "nsubj:pass") and noun.head.pos_ in ("VERB", "ADJ"):
        words.append(noun.head)
    return {_singular_word(fold(w.text)) for w in words}


def _singular_word(word: str) -> str:
    """"blesses" -> "blesse", "tuees" -> "tue": a French participle or adjective, singular masculine."""
    for ending, cut in (("ees", 2), ("ee", 1), ("s", 1)):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-cut]
    return word


# -- shares of one whole, and stated ratios ------------------------------------------------

# Between two parts of one whole: the first part's label, then a list separator, and nothing
# else ("45 % pour, 40 % contre et 25 % d'abstention": " pour, " and " contre et ").
_LIST_GAP = re.compile(r"(?P<label>[^\d,;:.!?()]{0,40}?)\s*(?:,\s*et|,|;|\bet)\s*")
# The label of the last part: up to the next punctuation.
_LAST_LABEL = re.compile(r"[^\d,;:.!?()]{0,40}")
# "45 % des votants", "30 % du budget": the whole a part is taken from. "d'abstention", without
# an article, names the part itself.
_WHOLE = re.compile(r"(?:des|du|de la|de l')\s*([\w-]+)")
# Labels of subgroups, not parts: "60 % en Bretagne et 55 % en Normandie", "chez les hommes",
# "pour les jeunes" ("pour la réforme", "pour", "contre" are parts of a vote).
SUBGROUP_STARTS = (
    "en ", "chez ", "a ", "au ", "aux ", "dans ", "parmi ", "sur ", "selon ", "entre ", "par ", "vers ",
    "depuis ", "avant ", "apres ", "pour les ", "pour des ", "pour ces ",
)
# Words that make figures in a row a change, a rate or a comparison, not parts of one whole:
# "en hausse de 4 %", "le taux de 7,4 %, 7,3 % ...", "respectivement", "soit 15 %".
NOT_PARTS = {
    "hausse", "baisse", "augmentation", "diminution", "progression", "recul", "croissance", "inflation",
    "taux", "rendement", "marge", "tva", "remise", "reduction", "rabais", "evolution", "variation",
    "interet", "augmenter", "baisser", "progresser", "reculer", "grimper", "chuter", "bondir", "diminuer",
    "croitre", "plus", "moins", "soit", "dont", "respectivement", "point", "que", "puis", "ensuite",
    "an", "annee", "mois", "trimestre", "semestre", "precedent", "dernier", "hier", "auparavant",
}
# Verbs of a poll with several answers per person ("45 % citent le pouvoir d'achat, 40 % la
# santé"): their shares may add up to more than 100 %.
MULTI_ANSWER_LEMMAS = {"citer", "mentionner", "evoquer", "placer", "classer", "designer", "nommer"}
MULTI_ANSWER_NOTES = ("plusieurs reponses", "reponses multiples", "plusieurs choix")
# A table column of shares of one whole: a "Total" row of 100 %, a header that names a split of
# one whole, or every cell qualifying its figure the same way ("5% mondial"). A header "Part
# de ..." alone is not enough: "Part du renouvelable" by country is one whole per row.
SHARE_HEADER = re.compile(r"\b(?:repartition|voix|suffrages)\b")
SHARE_QUALIFIERS = {"mondial", "mondiale", "du total", "des voix", "des suffrages", "des votes", "du marche"}
RATE_HEADER = re.compile(r"\b(?:taux|croissance|evolution|variation|hausse|baisse|rendement|marge|inflation|progression|par an)\b")
TOTAL_ROWS = ("total", "ensemble")
WHOLE_ROWS = (*TOTAL_ROWS, "dont", "monde", "moyenne")  # the whole itself, or a subset: not parts

# After a multiplier: "quatre fois plus que les usines actuelles", "deux fois moins de
# puces que ...", "trois fois supérieur à celui de 2020".
_RATIO_TAIL = re.compile(
    r"\s*(?:(?P<way>plus|moins)\b(?:\s+[\w'-]+){0,3}?\s+qu(?:e\s+|')|(?P<cmp>superieur|inferieur)e?s?\s+(?:a|au|aux)\s+)"
    r"(?P<ref>[^,;:.!?()«»\"]+)"
)
# Between a figure and its multiplier: its noun, a comma and maybe "soit" ("100 000 puces, soit").
_RATIO_GAP = re.compile(r"[^\d,;:.!?()]{0,60}?(?:,\s*(?:soit\s+|c'est-a-dire\s+|donc\s+)?|\s+soit\s+)")


def _mark_shares(doc: Doc, text: str, claims: list[Claim], places: dict[int, tuple[tuple[int, int], _Cell | None]]) -> list[Claim]:
    """Set `share_of` on the percents that clearly split one whole; leave every other claim alone.

    Conservative on purpose: a list of percents in one sentence whose labels name parts
    ("45 % pour, 40 % contre et 25 % d'abstention", "60 % des votants ... le oui et 55 % des
    votants le non"), or a table column of shares. Figures of subgroups, periods, changes and
    polls with several answers per person are never parts.
    """
    signed = ("+", "-", "\u2212")  # "+5 %": a change
    percents = [i for i, c in enumerate(claims) if c.kind == "percent" and c.unit == "%" and not c.text.lstrip().startswith(signed)]
    if len(percents) < 2 or any(note in fold(text) for note in MULTI_ANSWER_NOTES):
        return claims
    marks: dict[int, tuple[str, str]] = {}  # claim index -> (whole key, part label)
    by_sentence: dict[tuple[int, int], list[int]] = {}
    by_column: dict[tuple[int, tuple[int, int] | None], list[int]] = {}
    for i in percents:
        sentence, cell = places[i]
        if cell is None:
            by_sentence.setdefault(sentence, []).append(i)
        else:
            by_column.setdefault((cell.block[0], cell.header_range), []).append(i)
    for sentence, members in by_sentence.items():
        for run in _runs(text, claims, members):
            parts = _list_parts(doc, text, claims, run, sentence)
            if parts is not None:
                marks.update({i: (f"list@{claims[run[0]].start}", label) for i, label in parts})
    for (block, header), members in by_column.items():
        parts = _column_parts(text, claims, members, [places[i][1] for i in members])
        if parts is not None:
            marks.update({i: (f"table@{block}:{header[0] if header else 0}", label) for i, label in parts})
    return [replace(c, share_of=marks[i][0], share_label=marks[i][1]) if i in marks else c for i, c in enumerate(claims)]


def _runs(text: str, claims: list[Claim], members: list[int]) -> list[list[int]]:
    """Percents of one sentence that follow each other as a list (a separator between each two)."""
    runs, run = [], members[:1]
    for prev, cur in zip(members, members[1:]):
        if _LIST_GAP.fullmatch(fold(text[claims[prev].end : claims[cur].start])):
            run.append(cur)
        else:
            runs.append(run)
            run = [cur]
    runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _list_parts(doc: Doc, text: str, claims: list[Claim], run: list[int], sentence: tuple[int, int]) -> list[tuple[int, str]] | None:
    """The (claim index, label) of each part when a list of percents splits one whole, else None."""
    members = [claims[i] for i in run]
    if len({c.date for c in members}) > 1 or any(c.modality in ("negated", "target") for c in members):
        return None
    ranges = []
    for k, claim in enumerate(members):
        if k + 1 < len(members):
            gap = fold(text[claim.end : members[k + 1].start])
            match = _LIST_GAP.fullmatch(gap)
            ranges.append((claim.end + match.start("label"), claim.end + match.end("label")))
        else:
            match = _LAST_LABEL.match(fold(text[claim.end : sentence[1]]))
            ranges.append((claim.end + match.start(), claim.end + match.end()))
    labels = [" ".join(text[lo:hi].split()) for lo, hi in ranges]
    folded = [fold(label) for label in labels]
    if not all(folded) or len(set(folded)) < len(folded):
        return None  # every part says what it is, and no two say the same
    # the words of the labels and the five words before the list, as written and as lemmas
    words = _words(doc.char_span(sentence[0], members[0].start, alignment_mode="expand"), last=5)
    for lo, hi in ranges:
        words |= _words(doc.char_span(lo, hi, alignment_mode="expand"))
    if words & NOT_PARTS or any((f + " ").startswith(SUBGROUP_STARTS) for f in folded):
        return None
    wholes = {m.group(1) for f in folded if (m := _WHOLE.match(f))}
    if len(wholes) > 1:
        return None  # "45 % des hommes et 60 % des femmes": two wholes
    for k, (lo, hi) in enumerate(ranges):
        span = doc.char_span(lo, hi, alignment_mode="expand")
        for token in span if span is not None else ():
            lemma = fold(token.lemma_)
            if k == 0 and lemma in MULTI_ANSWER_LEMMAS:
                return None
            if k > 0 and _is_own_verb(token):
                return None  # "60 % approuvent ... et 55 % jugent ...": two statements, not two parts
    return list(zip(run, labels))


def _words(span: Span | None, last: int | None = None) -> set[str]:
    """Folded forms and lemmas of the words of a span (of its `last` words only, if given)."""
    tokens = [t for t in span if not t.is_punct and not t.is_space] if span is not None else []
    return {w for t in tokens[-last if last else 0 :] for w in (fold(t.text), fold(t.lemma_))}


def _is_own_verb(token: Token) -> bool:
    """A finite verb of a later part ("55 % jugent"); "25 % se sont abstenus" is the abstention part."""
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and "Fin" in token.morph.get("VerbForm")):
        verb = token.head if token.pos_ == "AUX" else token
        return not fold(verb.lemma_).startswith("absten")
    return False


def _column_parts(text: str, claims: list[Claim], members: list[int], cells: list[_Cell]) -> list[tuple[int, str]] | None:
    """The (claim index, row header) of each share of a table column of shares, else None."""
    header = fold(cells[0].column_header or "")
    rows = [(i, cell) for i, cell in zip(members, cells) if not fold(cell.row_header or "").startswith(WHOLE_ROWS)]
    if len(rows) < 2 or len({cell.row for _, cell in rows}) < len(rows) or RATE_HEADER.search(header):
        return None
    totals = [i for i, cell in zip(members, cells) if fold(cell.row_header or "").startswith(TOTAL_ROWS)]
    total_is_100 = any(claims[i].value == 100 for i in totals)
    if any(claims[i].modality in ("negated", "target") for i, _ in rows):
        return None  # "Objectif 2027": each actor's own target need not fit with the others'
    qualifiers = set()  # what follows the figure in its cell: "mondial" in "5% mondial"
    for i, cell in rows:
        cell_end = next(hi for lo, hi in _cells(text, cell.row) if lo <= claims[i].start <= hi)
        qualifiers.add(" ".join(fold(text[claims[i].end : cell_end]).split()))
    if not (total_is_100 or SHARE_HEADER.search(header) or (len(qualifiers) == 1 and qualifiers <= SHARE_QUALIFIERS)):
        return None
    return [(i, cell.row_header or "") for i, cell in rows]


def _mark_ratios(doc: Doc, text: str, layout: _Layout, claims: list[Claim], multipliers: list[Mention]) -> list[Claim]:
    """Set `ratio_*` on a figure followed by a multiplier that names what it is compared with.

    "environ 100 000 puces d'IA de pointe, soit quatre fois plus que les usines actuelles": the
    usines actuelles have a quarter as many. Only when the comparison names a noun (not
    "celles de 2020", not a figure): that noun is how the check finds the other figure.
    """
    marks: dict[int, dict] = {}
    for mention in multipliers:
        if not isinstance(mention.value, (int, float)) or mention.value <= 1:
            continue
        sentence = _sentence_range(layout, mention, None)
        tail = _RATIO_TAIL.match(fold(text[mention.end : sentence[1]]))
        before = [i for i, c in enumerate(claims) if sentence[0] <= c.start and c.end <= mention.start]
        if tail is None or not before or before[-1] in marks:
            continue
        base = before[-1]
        if not _RATIO_GAP.fullmatch(fold(text[claims[base].end : mention.start])):
            continue
        ref_start, ref_end = mention.end + tail.start("ref"), mention.end + tail.end("ref")
        noun = _reference_noun(doc, ref_start, ref_end)
        if noun is None:
            continue
        low = (mention.low if mention.low is not None else mention.value) - mention.precision
        high = (mention.high if mention.high is not None else mention.value) + mention.precision
        if low <= 0:
            continue
        more = tail.group("way") == "plus" or tail.group("cmp") == "superieur"
        marks[base] = dict(
            ratio_of=noun,
            ratio_low=low if more else 1 / high,
            ratio_high=high if more else 1 / low,
            ratio_text=" ".join(text[mention.start : ref_start + len(text[ref_start:ref_end].rstrip())].split()),
        )
    return [replace(c, **marks[i]) if i in marks else c for i, c in enumerate(claims)]


def _reference_noun(doc: Doc, start: int, end: int) -> str | None:
    """The noun phrase a comparison names ("les usines actuelles" -> "usines actuelles"), or None
    when it names none first (a pronoun "celles de", an adverb "avant", a figure)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        if token.pos_ in ("DET", "ADP", "SPACE"):
            continue
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        # the noun and the words after it that depend on it ("usines d'IA actuelles"); a
        # no-break space between them is a token of its own
        last = token.i
        for follower in doc[token.i + 1 : min(span.end, token.i + MAX_SUBJECT_TOKENS)]:
            if follower.pos_ != "SPACE" and not (token.i in (a.i for a in follower.ancestors) and follower.dep_ in SUBJECT_DEPS):
                break
            last = follower.i
        while doc[last].pos_ in ("SPACE", "ADP", "DET"):
            last -= 1
        phrase = " ".join(doc[token.i : last + 1].text.split())
        return phrase if not any(ch.isdigit() for ch in phrase) else None
    return None
