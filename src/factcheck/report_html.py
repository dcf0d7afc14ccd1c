"""report.html: one self-contained review page of the discrepancies, for a journalist.

Discrepancies grouped by severity, then topic; each shows both sentences side by side with
the figure marked, where each figure was published (every source of it), its time scope,
normalised value and the explanation. Filters by severity, topic and article, also read from
the URL fragment (`report.html#severity=conflict&topic=ai_gigafactories`) so a filtered view
can be shared. The page loads nothing: CSS and script are inline, and its Content Security
Policy allows only them (by hash), so even a missed escape could not run a script. Every text
from the articles goes through html.escape. No timestamp: the same run gives the same bytes.

A page a browser can open: at most `MAX_CARDS` discrepancies (the first ones of the reports'
order, most confident first) and `MAX_FIGURES` rows of the table of figures (its first ones).
The page says how many it leaves out; the CSVs hold every row. The generated archive of 5 000
articles made a page of 1.26 GB without them (398 942 discrepancies, 139 627 figures).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from urllib.parse import urlsplit

from . import __version__
from .figures import format_number
from .messages import Messages
from .models import ArticleInfo, Claim, Discrepancy, Skipped
from .ruleset import suppression_entry

SEVERITIES = ("conflict", "review", "info")
# More sources than this for one figure are listed folded.
MAX_OPEN_SOURCES = 3
# A card is about 3 KB of HTML and a row of figures about 1 KB: a page of some 16 MB at most.
# The press-shaped corpus's 44 articles give 114 discrepancies and 640 figures: all shown.
MAX_CARDS = 2000
MAX_FIGURES = 10000

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dde3; --paper: #fff; --ground: #f3f4f6;
  --conflict: #b42318; --conflict-bg: #fdecea; --review: #8a5a00; --review-bg: #fff3d6;
  --info: #1d4ed8; --info-bg: #e8effd; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--ground); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
.page { max-width: 1240px; margin: 0 auto; padding: 0 20px 40px; }
header.top { padding: 22px 0 10px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
.summary { margin: 0; color: var(--muted); }
.summary strong { color: var(--ink); }
nav.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 10px 14px;
  align-items: center; padding: 10px 14px; margin: 8px 0 18px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
.filter { display: flex; align-items: center; gap: 6px; }
.filter > span { font-size: .85em; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
.filter button { font: inherit; font-size: .9em; padding: 3px 10px; border: 1px solid var(--line);
  border-radius: 999px; background: var(--paper); color: var(--ink); cursor: pointer; }
.filter button[aria-pressed="true"] { background: var(--ink); border-color: var(--ink); color: #fff; }
.filter button:disabled { opacity: .45; cursor: default; }
.filter select { font: inherit; font-size: .9em; padding: 3px 6px; max-width: 200px;
  border: 1px solid var(--line); border-radius: 6px; background: var(--paper); }
#shown { margin-left: auto; font-size: .85em; color: var(--muted); white-space: nowrap; }
#clear { font: inherit; font-size: .9em; border: 0; background: none; color: var(--info); cursor: pointer; padding: 0; }
h2 { font-size: 1.3em; margin: 26px 0 4px; display: flex; align-items: baseline; gap: 10px; }
h2 small { font-size: .7em; font-weight: normal; color: var(--muted); }
h3 { font-size: 1em; margin: 14px 0 8px; color: var(--muted); font-weight: 600; }
h3 code { color: var(--ink); }
.badge { display: inline-block; font-size: .75em; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
  padding: 1px 8px; border-radius: 999px; }
.badge.conflict { color: var(--conflict); background: var(--conflict-bg); }
.badge.review { color: var(--review); background: var(--review-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
article.discrepancy { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--line);
  border-radius: 8px; padding: 14px 18px 16px; margin: 0 0 16px; }
article.discrepancy[data-severity="conflict"] { border-left-color: var(--conflict); }
article.discrepancy[data-severity="review"] { border-left-color: #d99a06; }
article.discrepancy[data-severity="info"] { border-left-color: var(--info); }
.card-head { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; font-size: .88em; color: var(--muted); margin-bottom: 10px; }
.card-head .what { color: var(--ink); font-weight: 600; font-size: 1.05em; }
.card-head .id { margin-left: auto; }
code, .id { font-family: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
@media (max-width: 800px) { .sides { grid-template-columns: 1fr; } }
.side { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; background: #fbfbfc; min-width: 0; }
.side .letter { display: inline-block; width: 1.5em; height: 1.5em; line-height: 1.5em; text-align: center;
  border-radius: 50%; background: var(--ink); color: #fff; font-size: .8em; font-weight: 700; margin-right: 6px; }
.source-title { font-weight: 600; }
.source-title a { color: inherit; }
.meta { font-size: .85em; color: var(--muted); }
.figure { font-size: 1.35em; font-weight: 700; margin: 8px 0 0; font-variant-numeric: tabular-nums; }
.figure .how { font-size: .6em; font-weight: normal; color: var(--muted); margin-left: 6px; }
blockquote { margin: 8px 0 10px; padding: 6px 0 6px 12px; border-left: 3px solid var(--line);
  font-family: Georgia, "DejaVu Serif", serif; font-size: .98em; }
mark { background: #ffe27a; color: inherit; padding: 0 2px; border-radius: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: .88em; }
dt { color: var(--muted); }
dd { margin: 0; }
.also { margin: 0; padding-left: 1.1em; }
summary { cursor: pointer; color: var(--info); }
.explanation { margin: 12px 0 0; font-size: .88em; color: #3d444d; background: var(--ground);
  border-radius: 6px; padding: 8px 12px; }
.explanation b { color: var(--ink); }
.false-alarm { display: none; }
.suppress { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 10px 0 0; font-size: .85em; }
.suppress input { font: inherit; flex: 1 1 240px; padding: 2px 6px; border: 1px solid var(--line); border-radius: 4px; }
.suppress button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 999px;
  background: var(--paper); cursor: pointer; }
article.suppressed { opacity: .8; }
article.suppressed .false-alarm { display: block; margin: 0 0 10px; padding: 6px 12px; border-radius: 6px;
  background: #eef0f3; font-size: .92em; }
article.suppressed .figure .value, article.suppressed blockquote, article.suppressed .card-head .what { text-decoration: line-through; }
.empty { background: var(--paper); border: 1px dashed var(--line); border-radius: 8px; padding: 18px; color: var(--muted); }
table { width: 100%; border-collapse: collapse; background: var(--paper); font-size: .85em;
  border: 1px solid var(--line); border-radius: 8px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e7eaee; }
th { background: #eef0f3; font-weight: 600; }
col.c-article { width: 14%; } col.c-figure { width: 34%; } col.c-value { width: 15%; }
col.c-scope { width: 11%; } col.c-actor { width: 9%; } col.c-topic { width: 10%; } col.c-modality { width: 7%; }
table { table-layout: fixed; }
td { overflow-wrap: break-word; }
td code { overflow-wrap: anywhere; }
td .sentence { color: var(--muted); font-family: Georgia, "DejaVu Serif", serif; }
tr.in-discrepancy td:first-child { box-shadow: inset 3px 0 0 var(--conflict); }
ul.skipped { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 10px 10px 10px 30px; }
footer { margin-top: 30px; font-size: .8em; color: var(--muted); }
"""

SCRIPT = """
(function () {
  "use strict";
  var KEYS = ["severity", "topic", "source"];
  var state = { severity: "", topic: "", source: "" };
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.discrepancy"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#claims tbody tr"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-severity]"));
  var selects = { topic: document.getElementById("filter-topic"), source: document.getElementById("filter-source") };

  function offered(key, value) {
    if (key === "severity") {
      return buttons.some(function (b) { return b.getAttribute("data-severity") === value; });
    }
    return Array.prototype.some.call(selects[key].options, function (o) { return o.value === value; });
  }
  function readFragment() {
    var fragment = location.hash.slice(1);
    if (fragment.indexOf("=") < 0) { return false; }  // an anchor, not a filter
    var params = new URLSearchParams(fragment);
    KEYS.forEach(function (key) {
      var value = params.get(key) || "";
      state[key] = offered(key, value) ? value : "";
    });
    return true;
  }
  function writeFragment() {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (state[key]) { params.set(key, state[key]); } });
    var fragment = params.toString();
    var url = location.href.split("#")[0] + (fragment ? "#" + fragment : "");
    try { history.replaceState(null, "", url); } catch (e) { location.hash = fragment; }
  }
  function matches(card) {
    var sources = JSON.parse(card.getAttribute("data-sources"));
    return (!state.severity || card.getAttribute("data-severity") === state.severity)
      && (!state.topic || card.getAttribute("data-topic") === state.topic)
      && (!state.source || sources.indexOf(state.source) >= 0);
  }
  function apply() {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-severity") === state.severity));
    });
    selects.topic.value = state.topic;
    selects.source.value = state.source;
    var shown = 0, shownSuppressed = 0;
    cards.forEach(function (card) {
      var ok = matches(card);
      card.hidden = !ok;
      if (ok) { if (card.classList.contains("suppressed")) { shownSuppressed++; } else { shown++; } }
    });
    document.querySelectorAll("section.group").forEach(function (group) {
      group.hidden = !group.querySelector("article.discrepancy:not([hidden])");
    });
    var claimsShown = 0;
    rows.forEach(function (row) {
      var ok = (!state.topic || row.getAttribute("data-topic") === state.topic)
        && (!state.source || row.getAttribute("data-article") === state.source);
      row.hidden = !ok;
      if (ok) { claimsShown++; }
    });
    var total = cards.length - document.querySelectorAll("article.discrepancy.suppressed").length;
    var label = document.getElementById("shown");  // its words, in the page's language, in data-*
    var alarms = label.getAttribute(shownSuppressed === 1 ? "data-alarm-one" : "data-alarm-other");
    label.textContent = shown + " " + label.getAttribute("data-of") + " " + total + " " + label.getAttribute("data-shown")
      + (shownSuppressed ? " · " + shownSuppressed + " " + alarms : "");
    document.getElementById("claims-shown").textContent = claimsShown + " " + label.getAttribute("data-of") + " " + rows.length;
    var none = document.getElementById("no-match");
    if (none) { none.hidden = shown + shownSuppressed > 0 || cards.length === 0; }
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      state.severity = b.getAttribute("data-severity");
      writeFragment(); apply();
    });
  });
  Object.keys(selects).forEach(function (key) {
    selects[key].addEventListener("change", function () {
      state[key] = selects[key].value;
      writeFragment(); apply();
    });
  });
  document.getElementById("clear").addEventListener("click", function () {
    KEYS.forEach(function (key) { state[key] = ""; });
    writeFragment(); apply();
  });
  window.addEventListener("hashchange", function () { if (readFragment()) { apply(); } });
  // "False alarm? Copy": the suppression entry of the card, with the reason typed beside the
  // button (else the placeholder to edit), to paste under `suppressions:` in suppressions.yaml.
  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
    button.addEventListener("click", function () {
      var reason = button.parentNode.querySelector("input").value.trim();
      var entry = button.getAttribute("data-entry");
      if (reason.length >= 3) { entry = entry.replace(/reason: .*/, function () { return "reason: " + JSON.stringify(reason); }); }
      function done() { button.textContent = button.getAttribute("data-copied"); }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = entry;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } catch (e) { window.prompt("", entry); }
        document.body.removeChild(area);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(entry).then(done, fallback);
      } else { fallback(); }
    });
  });
  readFragment();
  apply();
}());
"""


def render_review_page(
    claims: list[Claim],
    discrepancies: Iterable[Discrepancy],
    skipped: list[Skipped],
    articles: Mapping[str, ArticleInfo],
    t: Messages = Messages(),
    labels: Mapping[str, str] | None = None,
) -> str:
    """The review page, as one HTML string. `claims` in the order of the claims table.

    `t`: the words of the page (French by default). `labels`: what the rules call a topic
    (by its id) and a measure (by "topic/measure", or its id alone for generic measures);
    an id with no label is shown as is.
    """
    return "".join(review_page_chunks(claims, discrepancies, skipped, articles, t, labels))


def review_page_chunks(
    claims: list[Claim],
    discrepancies: Iterable[Discrepancy],
    skipped: list[Skipped],
    articles: Mapping[str, ArticleInfo],
    t: Messages = Messages(),
    labels: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """The review page of `render_review_page`, piece by piece: written to a file as it is
    made, a page of many thousands of rows is never held whole in memory."""
    yield from _Page(t, labels or {}, articles).render(claims, discrepancies, skipped)


class _Page:
    """The review page in one language, with the rules' labels and the articles' metadata."""

    def __init__(self, t: Messages, labels: Mapping[str, str], articles: Mapping[str, ArticleInfo]):
        self.t, self.labels, self.articles = t, labels, articles

    def render(self, claims: list[Claim], discrepancies: Iterable[Discrepancy], skipped: list[Skipped]) -> Iterator[str]:
        """The page's pieces, in order: the head, the parts of the body one line apart, the end."""
        head, end = _page(self.t)
        yield head
        for i, part in enumerate(self._body(claims, discrepancies, skipped)):
            if i:
                yield "\n"
            if isinstance(part, str):
                yield part
            else:
                yield from part
        yield end

    def _body(
        self, claims: list[Claim], discrepancies: Iterable[Discrepancy], skipped: list[Skipped]
    ) -> Iterator[str | Iterator[str]]:
        """The parts of the body; a long one (the table of figures) comes in pieces."""
        t = self.t
        # One reading of the rows (they may be on disk, spill.py): what the page counts and
        # lists of them all, and the first MAX_CARDS as cards.
        counts = dict.fromkeys(SEVERITIES, 0)
        active = suppressed = 0
        sources: set[str] = set()
        topics_found: set[str] = set()
        in_discrepancy: set[str] = set()
        present: set[str] = set()
        cards: list[Discrepancy] = []
        for d in discrepancies:
            if len(cards) < MAX_CARDS:
                cards.append(d)
            if d.suppressed:
                suppressed += 1
            else:
                active += 1
                if d.severity in counts:
                    counts[d.severity] += 1
            sources.update(_sources(d))
            topics_found.add(d.topic)
            in_discrepancy.update((d.a.claim_id, d.b.claim_id))
            present.add(d.severity)
        article_ids = sorted(set(self.articles) | {c.article for c in claims} | sources)
        topics = sorted(topics_found | {c.topic for c in claims if c.topic})

        summary = ", ".join(f"{n} {t.get('badge.' + s, s)}" for s, n in counts.items() if n)
        yield from [
            '<header class="top">',
            f"<h1>{escape(t('heading'))}</h1>",
            f'<p class="summary"><strong>{escape(t.n("discrepancies", active))}</strong>'
            + (f" ({escape(summary)})" if summary else "")
            + (f" · <strong>{escape(t.n('false_alarms', suppressed))}</strong>" if suppressed else "")
            + f" · {escape(t.n('figures_from', len(article_ids), figures=len(claims)))}"
            + (f" · {escape(t.n('inputs_not_read', len(skipped)))}" if skipped else "")
            + "</p>",
            *([f'<p class="summary">{escape(t("cards_capped", shown=len(cards), total=active + suppressed))}</p>']
              if len(cards) < active + suppressed else []),
            "</header>",
            self._filters(counts, present, topics, article_ids),
            "<main>",
        ]
        if not cards:
            yield f'<p class="empty">{escape(t("no_discrepancy"))}</p>'
        else:
            yield f'<p class="empty" id="no-match" hidden>{escape(t("no_match"))}</p>'
        for severity, group in _grouped(cards):
            yield f'<section class="group" data-severity="{escape(severity)}">'
            yield (f"<h2>{escape(t.get('severity.' + severity, severity))} "
                   f"<small>{escape(t.get('severity.' + severity + '.meaning', ''))}</small></h2>")
            for topic, items in _grouped_by_topic(group):
                yield f'<section class="group" data-topic="{escape(topic)}">'
                yield f"<h3>{escape(t('topic'))} {self._topic(topic)}</h3>"
                yield from (self._discrepancy(d) for d in items)
                yield "</section>"
            yield "</section>"
        yield self._claims_table(claims, in_discrepancy)
        if skipped:
            yield f"<h2>{escape(t('inputs_not_read'))} <small>{escape(t('see_skipped', count=len(skipped)))}</small></h2>"
            yield '<ul class="skipped">' + "".join(
                f"<li><code>{escape(s.path)}</code>: {escape(s.reason)}</li>" for s in sorted(skipped, key=lambda s: s.path)
            ) + "</ul>"
        yield "</main>"
        yield f"<footer>{escape(t('footer', version=__version__))}</footer>"

    def _topic(self, topic: str) -> str:
        """A topic by its label, its id beside it in code (the id is what the CSVs and filters use)."""
        label = self.labels.get(topic)
        return f"{escape(label)} <code>{escape(topic)}</code>" if label else f"<code>{escape(topic)}</code>"

    def _label(self, topic: str | None, measure: str | None) -> str:
        if not measure:
            return ""
        return self.labels.get(f"{topic}/{measure}") or self.labels.get(measure) or measure

    def _filters(
        self, counts: Mapping[str, int], present: set[str], topics: list[str], article_ids: list[str],
    ) -> str:
        """`present`: the severities of the run's rows."""
        t = self.t
        buttons = [f'<button type="button" data-severity="" aria-pressed="true">{escape(t("all"))}</button>']
        for severity in SEVERITIES:
            disabled = "" if severity in present else " disabled"
            buttons.append(
                f'<button type="button" data-severity="{severity}" aria-pressed="false"{disabled}>'
                f"{escape(t('button.' + severity))} {counts[severity]}</button>"
            )
        topic_options = "".join(f'<option value="{escape(x)}">{escape(self.labels.get(x) or x)}</option>' for x in topics)
        source_options = "".join(
            f'<option value="{escape(a)}">{escape(_short_label(a, self.articles.get(a)))}</option>' for a in article_ids
        )
        return (
            f'<nav class="filters" aria-label="{escape(t("filters"))}">'
            f'<div class="filter"><span>{escape(t("filter.severity"))}</span>{"".join(buttons)}</div>'
            f'<label class="filter"><span>{escape(t("filter.topic"))}</span><select id="filter-topic">'
            f'<option value="">{escape(t("all_topics"))}</option>{topic_options}</select></label>'
            f'<label class="filter"><span>{escape(t("filter.article"))}</span><select id="filter-source">'
            f'<option value="">{escape(t("all_articles"))}</option>{source_options}</select></label>'
            f'<button type="button" id="clear" title="{escape(t("reset_title"))}">{escape(t("reset"))}</button>'
            f'<span id="shown" data-of="{escape(t("shown_of"))}" data-shown="{escape(t("shown"))}" '
            f'data-alarm-one="{escape(t("false_alarm_one"))}" data-alarm-other="{escape(t("false_alarm_other"))}"></span>'
            "</nav>"
        )

    def _discrepancy(self, d: Discrepancy) -> str:
        t = self.t
        suppressed = " suppressed" if d.suppressed else ""
        sources = escape(json.dumps(_sources(d), ensure_ascii=False))
        head = (
            '<div class="card-head">'
            f'<span class="badge {escape(d.severity)}">{escape(t.get("badge." + d.severity, d.severity))}</span>'
            f'<span class="what">{escape(self._amount(d.a))} {escape(t("versus"))} {escape(self._amount(d.b))}</span>'
            f"<span>{escape(t('measure'))} {escape(self._label(d.topic, d.measure))} · {escape(t('rule'))} <code>{escape(d.rule)}</code></span>"
            f'<span class="id" title="{escape(t("id_title"))}">{escape(d.discrepancy_id)}</span>'
            "</div>"
        )
        false_alarm = (
            f'<p class="false-alarm"><b>{escape(t("marked_false_alarm"))}</b> {escape(d.suppressed)}</p>' if d.suppressed else ""
        )
        sides = (
            '<div class="sides">'
            + self._side("A", d.a, d.mentions_a, d.sources_a)
            + self._side("B", d.b, d.mentions_b, d.sources_b)
            + "</div>"
        )
        return (
            f'<article class="discrepancy{suppressed}" id="d-{escape(d.discrepancy_id)}" data-severity="{escape(d.severity)}" '
            f'data-topic="{escape(d.topic)}" data-sources="{sources}">'
            f"{head}{false_alarm}{sides}"
            f'<p class="explanation"><b>{escape(t("why"))}</b> {escape(self._why(d))}</p>'
            + ("" if d.suppressed else self._suppress(d))
            + "</article>"
        )

    def _why(self, d: Discrepancy) -> str:
        """Why the row is there: the reports' explanation in English; in another language, the
        row's type in the page's words with both figures as written, then its confidence."""
        t = self.t
        key = "why." + (d.type or "")
        if t.lang == "en" or t.get(key, "") == "":
            text = d.explanation
        else:
            text = t(key, a=f"«{d.a.text}»", b=f"«{d.b.text}»",
                     source_a=d.a.attributed_to or t("unknown"), source_b=d.b.attributed_to or t("unknown"))
            text = text[0].upper() + text[1:]
        if d.confidence is not None and d.confidence < 1:
            text += t("why.confidence", confidence=self._number(d.confidence))
        return text

    def _suppress(self, d: Discrepancy) -> str:
        """A reason field and a button that copies the card's suppression entry (see SCRIPT)."""
        t = self.t
        entry = suppression_entry(d.discrepancy_id, t("reason_placeholder"))
        return (
            '<p class="suppress">'
            f'<input type="text" aria-label="{escape(t("reason_placeholder"))}" placeholder="{escape(t("reason_placeholder"))}">'
            f'<button type="button" class="copy" data-entry="{escape(entry)}" data-copied="{escape(t("copied"))}" '
            f'title="{escape(t("copy_suppression_title", id=d.discrepancy_id))}">{escape(t("copy_suppression"))}</button>'
            "</p>"
        )

    def _side(self, letter: str, c: Claim, mentions: int, sources: tuple[str, ...]) -> str:
        t = self.t
        sources = tuple(sources) or (c.article,)
        others = [s for s in sources if s != c.article]
        facts = [
            (t("as_written"), f"«{escape(c.text)}»"),
            (t("normalised"), escape(self._normalised(c))),
            (t("time_scope"), escape(self._scope(c))),
            (t("actor"), escape(c.actor or t("unknown"))),
        ]
        if c.attributed_to:
            facts.append((t("according_to"), escape(c.attributed_to)))
        if c.place:
            facts.append((t("place"), escape(c.place)))
        if c.subject and c.kind != "count":
            facts.append((t("subject"), escape(c.subject)))
        facts.append((t("times_stated"), f"{mentions}"
                      + (escape(t("in_articles", count=len(sources))) if len(sources) > 1 else "")))
        if others:
            listed = '<ul class="also">' + "".join(f"<li>{self._source(s)}</li>" for s in others) + "</ul>"
            if len(others) > MAX_OPEN_SOURCES:  # a wire story copied by many outlets: folded
                listed = f"<details><summary>{escape(t('other_articles', count=len(others)))}</summary>{listed}</details>"
            facts.append((t("also_in"), listed))
        how = t.get("modality." + c.modality, c.modality)
        return (
            '<div class="side">'
            f'<div><span class="letter">{letter}</span>{self._source(c.article)}</div>'
            f'<p class="figure"><span class="value">{escape(self._amount(c))}</span><span class="how">{escape(how)}</span></p>'
            f"<blockquote>{marked(c.sentence, c.text)}</blockquote>"
            "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
            "</div>"
        )

    def _source(self, article_id: str) -> str:
        """An article as a reader names it: title (linked when its url is http), outlet, date, id."""
        info = self.articles.get(article_id)
        if info is None:
            return f'<span class="source-title"><code>{escape(article_id)}</code></span>'
        title = escape(info.title or article_id)
        if info.url and urlsplit(info.url).scheme in ("http", "https"):
            title = f'<a href="{escape(info.url)}" rel="noopener noreferrer">{title}</a>'
        meta = [escape(info.source)] if info.source else []
        meta.append(escape(self.t("published", date=self.t.date(info.date)) if info.date else self.t("date_unknown")))
        meta.append(f"<code>{escape(article_id)}</code>")
        return f'<span class="source-title">{title}</span><br><span class="meta">{" · ".join(meta)}</span>'

    def _number(self, x: float) -> str:
        # A narrow no-break space between groups: "5 000 000 000" never wraps.
        return format_number(x).replace(".", self.t("decimal")).replace(" ", "\u202f")

    def _amount(self, c: Claim) -> str:
        """The figure as a reader would say it: "au moins 160 entreprises", "environ 100 000 puces".

        Counts are followed by their counted noun as written (the claim's subject), other
        figures by their unit. The normalised value and unit are shown apart (_normalised).
        """
        noun = c.subject if c.kind == "count" and c.subject else c.unit
        unit = f" {noun}" if noun else ""
        if c.value is None:
            return self._range(c, unit)
        value = f"{self._number(c.value)}{unit}"
        if c.low == c.value and c.high is None:
            return self.t("at_least", value=value)
        if c.high == c.value and c.low is None:
            return self.t("at_most", value=value)
        if c.low is not None and c.high is not None and c.low < c.value < c.high:
            return self.t("about", value=value)
        return value

    def _normalised(self, c: Claim) -> str:
        """The value and unit as compared, and the interval when it is not the value alone."""
        unit = f" {c.unit}" if c.unit else ""
        value = f"{self._number(c.value)}{unit}" if c.value is not None else self.t("no_single_value")
        if c.low is not None and c.low == c.high:
            return value
        return self.t("interval", value=value, range=self._range(c, unit))

    def _range(self, c: Claim, unit: str) -> str:
        if c.low is not None and c.high is not None:
            if c.low == c.high:
                return f"{self._number(c.low)}{unit}"
            return self.t("range", low=self._number(c.low), high=self._number(c.high)) + unit
        if c.low is not None:
            return self.t("at_least", value=f"{self._number(c.low)}{unit}")
        if c.high is not None:
            return self.t("at_most", value=f"{self._number(c.high)}{unit}")
        return self.t("not_stated")

    def _scope(self, c: Claim) -> str:
        """The time scope the figure holds for, and where it comes from."""
        t = self.t
        span = ""
        if c.date_start and c.date_end and c.date_start != c.date_end:
            span = t("scope.span", start=c.date_start, end=c.date_end)
        if c.date_basis in ("sentence", "column", "published"):
            return t("scope." + c.date_basis, date=c.date, span=span)
        if c.date_basis == "future":
            return t("scope.future", start=c.date_start)
        return c.date or t("unknown")

    def _claims_table(self, claims: list[Claim], in_discrepancy: set[str]) -> Iterator[str]:
        t = self.t
        head = ("col.article", "col.figure", "col.normalised", "col.scope", "col.actor", "col.topic", "col.modality")
        rows = claims[:MAX_FIGURES]
        shown = t("figures_shown", shown=len(rows), total=len(claims))
        capped = f" {t('figures_capped', shown=len(rows), total=len(claims))}" if len(rows) < len(claims) else ""
        yield (
            f'<h2 id="figures">{escape(t("all_figures"))} <small><span id="claims-shown">{escape(shown)}</span> '
            f'{escape(t("figures_note"))}{escape(capped)}</small></h2>'
            '<table id="claims"><colgroup><col class="c-article"><col class="c-figure"><col class="c-value">'
            '<col class="c-scope"><col class="c-actor"><col class="c-topic"><col class="c-modality"></colgroup>'
            "<thead><tr>" + "".join(f"<th>{escape(t(h))}</th>" for h in head) + "</tr></thead>"
            "<tbody>"
        )
        for c in rows:
            flagged = f' class="in-discrepancy" title="{escape(t("in_discrepancy"))}"' if c.claim_id in in_discrepancy else ""
            info = self.articles.get(c.article)
            published = f'<br><span class="meta">{info.date.isoformat()}</span>' if info and info.date else ""
            subject = f'<br><span class="meta">{escape(c.subject)}</span>' if c.subject else ""
            topic = escape(self.labels.get(c.topic) or c.topic) if c.topic else ""
            measure = f"<br>{escape(self._label(c.topic, c.measure))}" if c.measure else ""
            yield (
                f'<tr data-article="{escape(c.article)}" data-topic="{escape(c.topic or "")}"{flagged}>'
                f"<td><code>{escape(c.article)}</code>{published}</td>"
                f'<td><b>{escape(c.text)}</b> <span class="meta">{escape(t.get("kind." + c.kind, c.kind))}</span><br>'
                f'<span class="sentence">{marked(c.sentence, c.text)}</span></td>'
                f"<td>{escape(self._short_normalised(c))}{subject}</td>"
                f"<td>{escape(self._short_scope(c))}</td>"
                f"<td>{escape(c.actor or '')}</td>"
                f"<td>{topic}{measure}</td>"
                f"<td>{escape(t.get('modality.' + c.modality, c.modality))}</td>"
                "</tr>"
            )
        yield "</tbody></table>"

    def _short_normalised(self, c: Claim) -> str:
        """Value and unit, then the interval in symbols when it is not the value alone: "160 entreprise (≥ 160)"."""
        unit = f" {c.unit}" if c.unit else ""
        value = f"{self._number(c.value)}{unit}" if c.value is not None else (c.unit or "")
        if c.low is not None and c.low == c.high:
            return value
        if c.low is not None and c.high is not None:
            interval = self.t("range", low=self._number(c.low), high=self._number(c.high))
        elif c.low is not None:
            interval = f"≥ {self._number(c.low)}"
        elif c.high is not None:
            interval = f"≤ {self._number(c.high)}"
        else:
            return value
        return f"{value} ({interval})"

    def _short_scope(self, c: Claim) -> str:
        if c.date_basis == "future":
            return self.t("short_scope.future", start=c.date_start)
        basis = self.t("short_scope." + c.date_basis) if c.date_basis in ("sentence", "column", "published") else None
        return f"{c.date} ({basis})" if c.date and basis else (c.date or self.t("unknown"))


def _page(t: Messages) -> tuple[str, str]:
    """The page around its body: (what comes before it, what comes after)."""
    policy = (
        f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src '{_sha256(SCRIPT)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(t.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(t('page_title'))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n"
    ), f"\n</div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _short_label(article_id: str, info: ArticleInfo | None) -> str:
    if info is None or not info.title:
        return article_id
    title = info.title if len(info.title) <= 60 else info.title[:59].rstrip() + "…"
    return f"{article_id} · {title}"


def _grouped(discrepancies: list[Discrepancy]) -> list[tuple[str, list[Discrepancy]]]:
    """By severity, gravest first (unknown severities last), keeping the order within each."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    severities = sorted({d.severity for d in discrepancies}, key=lambda s: (order.get(s, len(order)), s))
    return [(s, [d for d in discrepancies if d.severity == s]) for s in severities]


def _grouped_by_topic(discrepancies: list[Discrepancy]) -> list[tuple[str, list[Discrepancy]]]:
    return [(t, [d for d in discrepancies if d.topic == t]) for t in sorted({d.topic for d in discrepancies})]


def _sources(d: Discrepancy) -> list[str]:
    return list(dict.fromkeys((*(d.sources_a or (d.a.article,)), *(d.sources_b or (d.b.article,)))))


def marked(sentence: str, figure: str) -> str:
    """The sentence, escaped, with the first occurrence of the figure in <mark>.

    The sentence has its whitespace folded (no-break spaces become spaces), the figure does
    not: any run of whitespace in the figure matches any run in the sentence.
    """
    words = figure.split()
    match = re.search(r"\s+".join(map(re.escape, words)), sentence) if words else None
    if match is None:
        return escape(sentence)
    return (
        escape(sentence[: match.start()]) + f"<mark>{escape(match.group())}</mark>" + escape(sentence[match.end():])
    )
