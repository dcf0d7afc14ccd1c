"""report.html: one self-contained review page of the discrepancies, for a journalist.

Discrepancies grouped by severity, then topic; each shows both sentences side by side with
the figure marked, where each figure was published (every source of it), its time scope,
normalised value and the explanation. Filters by severity, topic and article, also read from
the URL fragment (`report.html#severity=conflict&topic=ai_gigafactories`) so a filtered view
can be shared. The page loads nothing: CSS and script are inline, and its Content Security
Policy allows only them (by hash), so even a missed escape could not run a script. Every text
from the articles goes through html.escape. No timestamp: the same run gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from html import escape
from urllib.parse import urlsplit

from . import __version__
from .figures import format_number
from .models import ArticleInfo, Claim, Discrepancy, Skipped

SEVERITIES = {
    "conflict": ("Conflicts", "the two figures cannot both be true"),
    "review": ("To review", "a reader could take one figure for the other"),
    "info": ("For information", "worth knowing, not an error"),
}
# More sources than this for one figure are listed folded.
MAX_OPEN_SOURCES = 3
MODALITIES = {
    "fact": "stated as a fact", "estimate": "an estimate", "forecast": "a forecast (future tense)",
    "conditional": "conditional", "target": "a target", "negated": "negated",
}

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
    document.getElementById("shown").textContent = shown + " of " + total + " shown"
      + (shownSuppressed ? " · " + shownSuppressed + " false alarm" + (shownSuppressed > 1 ? "s" : "") : "");
    document.getElementById("claims-shown").textContent = claimsShown + " of " + rows.length;
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
  readFragment();
  apply();
}());
"""


def render_review_page(
    claims: list[Claim],
    discrepancies: list[Discrepancy],
    skipped: list[Skipped],
    articles: Mapping[str, ArticleInfo],
) -> str:
    """The review page, as one HTML string. `claims` in the order of the claims table."""
    active = [d for d in discrepancies if not d.suppressed]
    counts = {s: sum(d.severity == s for d in active) for s in SEVERITIES}
    suppressed = len(discrepancies) - len(active)
    article_ids = sorted(set(articles) | {c.article for c in claims} | {s for d in discrepancies for s in _sources(d)})
    topics = sorted({d.topic for d in discrepancies} | {c.topic for c in claims if c.topic})
    in_discrepancy = {c.claim_id for d in discrepancies for c in (d.a, d.b)}

    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    parts = [
        '<header class="top">',
        "<h1>Figures that disagree</h1>",
        f'<p class="summary"><strong>{len(active)} discrepanc{"y" if len(active) == 1 else "ies"}</strong>'
        + (f" ({summary})" if summary else "")
        + (f" · <strong>{suppressed}</strong> marked as false alarm{'s' if suppressed != 1 else ''}" if suppressed else "")
        + f" · {len(claims)} figures from {len(article_ids)} article{'s' if len(article_ids) != 1 else ''}"
        + (f" · {len(skipped)} input{'s' if len(skipped) != 1 else ''} not read" if skipped else "")
        + "</p>",
        "</header>",
        _filters(counts, discrepancies, topics, article_ids, articles),
        "<main>",
    ]
    if not discrepancies:
        parts.append('<p class="empty">No discrepancy: the figures that the rules compare agree.</p>')
    else:
        parts.append('<p class="empty" id="no-match" hidden>No discrepancy matches these filters.</p>')
    for severity, group in _grouped(discrepancies):
        title, meaning = SEVERITIES.get(severity, (severity, ""))
        parts.append(f'<section class="group" data-severity="{escape(severity)}">')
        parts.append(f"<h2>{escape(title)} <small>{escape(meaning)}</small></h2>")
        for topic, items in _grouped_by_topic(group):
            parts.append(f'<section class="group" data-topic="{escape(topic)}">')
            parts.append(f"<h3>Topic <code>{escape(topic)}</code></h3>")
            parts.extend(_discrepancy(d, articles) for d in items)
            parts.append("</section>")
        parts.append("</section>")
    parts.append(_claims_table(claims, in_discrepancy, articles))
    if skipped:
        parts.append(f"<h2>Inputs not read <small>{len(skipped)}, see skipped.csv</small></h2>")
        parts.append('<ul class="skipped">' + "".join(
            f"<li><code>{escape(s.path)}</code>: {escape(s.reason)}</li>" for s in sorted(skipped, key=lambda s: s.path)
        ) + "</ul>")
    parts.append("</main>")
    parts.append(f"<footer>factcheck {escape(__version__)} · the same data is in claims.csv and discrepancies.csv"
                 " (docs/reports.md describes every column)</footer>")
    return _page("\n".join(parts))


def _page(body: str) -> str:
    policy = (
        f"default-src 'none'; style-src '{_sha256(CSS)}'; script-src '{_sha256(SCRIPT)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>factcheck: figures that disagree</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n{body}\n</div>\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _filters(
    counts: Mapping[str, int], discrepancies: list[Discrepancy], topics: list[str], article_ids: list[str],
    articles: Mapping[str, ArticleInfo],
) -> str:
    present = {d.severity for d in discrepancies}
    buttons = ['<button type="button" data-severity="" aria-pressed="true">All</button>']
    for severity in SEVERITIES:
        disabled = "" if severity in present else " disabled"
        buttons.append(
            f'<button type="button" data-severity="{severity}" aria-pressed="false"{disabled}>'
            f"{escape(severity.capitalize())} {counts[severity]}</button>"
        )
    topic_options = "".join(f'<option value="{escape(t)}">{escape(t)}</option>' for t in topics)
    source_options = "".join(
        f'<option value="{escape(a)}">{escape(_short_label(a, articles.get(a)))}</option>' for a in article_ids
    )
    return (
        '<nav class="filters" aria-label="Filters">'
        f'<div class="filter"><span>Severity</span>{"".join(buttons)}</div>'
        '<label class="filter"><span>Topic</span><select id="filter-topic">'
        f'<option value="">All topics</option>{topic_options}</select></label>'
        '<label class="filter"><span>Article</span><select id="filter-source">'
        f'<option value="">All articles</option>{source_options}</select></label>'
        '<button type="button" id="clear" title="clear the filters">Reset</button>'
        '<span id="shown"></span>'
        "</nav>"
    )


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


def _discrepancy(d: Discrepancy, articles: Mapping[str, ArticleInfo]) -> str:
    suppressed = " suppressed" if d.suppressed else ""
    sources = escape(json.dumps(_sources(d), ensure_ascii=False))
    head = (
        '<div class="card-head">'
        f'<span class="badge {escape(d.severity)}">{escape(d.severity)}</span>'
        f'<span class="what">{escape(_headline(d))}</span>'
        f"<span>measure <code>{escape(d.measure)}</code> · rule <code>{escape(d.rule)}</code></span>"
        f'<span class="id" title="discrepancy id, for suppressions">{escape(d.discrepancy_id)}</span>'
        "</div>"
    )
    false_alarm = (
        f'<p class="false-alarm"><b>Marked as a false alarm:</b> {escape(d.suppressed)}</p>' if d.suppressed else ""
    )
    sides = (
        '<div class="sides">'
        + _side("A", d.a, d.mentions_a, d.sources_a, articles)
        + _side("B", d.b, d.mentions_b, d.sources_b, articles)
        + "</div>"
    )
    return (
        f'<article class="discrepancy{suppressed}" id="d-{escape(d.discrepancy_id)}" data-severity="{escape(d.severity)}" '
        f'data-topic="{escape(d.topic)}" data-sources="{sources}">'
        f"{head}{false_alarm}{sides}"
        f'<p class="explanation"><b>Why:</b> {escape(d.explanation)}</p>'
        "</article>"
    )


def _headline(d: Discrepancy) -> str:
    return f"{_amount(d.a)} vs {_amount(d.b)}"


def _side(
    letter: str, c: Claim, mentions: int, sources: tuple[str, ...], articles: Mapping[str, ArticleInfo]
) -> str:
    sources = tuple(sources) or (c.article,)
    others = [s for s in sources if s != c.article]
    facts = [
        ("As written", f"«{escape(c.text)}»"),
        ("Normalised", escape(_normalised(c))),
        ("Time scope", escape(_scope(c))),
        ("Actor", escape(c.actor or "unknown")),
    ]
    if c.attributed_to:
        facts.append(("According to", escape(c.attributed_to)))
    if c.place:
        facts.append(("Place", escape(c.place)))
    if c.subject and c.kind != "count":
        facts.append(("Subject", escape(c.subject)))
    facts.append(("Times stated", f"{mentions}"
                  + (f" in {len(sources)} articles" if len(sources) > 1 else "")))
    if others:
        listed = '<ul class="also">' + "".join(f"<li>{_source(s, articles.get(s))}</li>" for s in others) + "</ul>"
        if len(others) > MAX_OPEN_SOURCES:  # a wire story copied by many outlets: folded
            listed = f"<details><summary>{len(others)} other articles</summary>{listed}</details>"
        facts.append(("Also in", listed))
    return (
        '<div class="side">'
        f'<div><span class="letter">{letter}</span>{_source(c.article, articles.get(c.article))}</div>'
        f'<p class="figure"><span class="value">{escape(_amount(c))}</span><span class="how">{escape(MODALITIES.get(c.modality, c.modality))}</span></p>'
        f"<blockquote>{marked(c.sentence, c.text)}</blockquote>"
        "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
        "</div>"
    )


def _source(article_id: str, info: ArticleInfo | None) -> str:
    """An article as a reader names it: title (linked when its url is http), outlet, date, id."""
    if info is None:
        return f'<span class="source-title"><code>{escape(article_id)}</code></span>'
    title = escape(info.title or article_id)
    if info.url and urlsplit(info.url).scheme in ("http", "https"):
        title = f'<a href="{escape(info.url)}" rel="noopener noreferrer">{title}</a>'
    meta = [escape(info.source)] if info.source else []
    meta.append(f"published {info.date.isoformat()}" if info.date else "publication date unknown")
    meta.append(f"<code>{escape(article_id)}</code>")
    return f'<span class="source-title">{title}</span><br><span class="meta">{" · ".join(meta)}</span>'


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


def _number(x: float) -> str:
    # A narrow no-break space between groups: "5 000 000 000" never wraps.
    return format_number(x).replace(" ", "\u202f")


def _amount(c: Claim) -> str:
    """The figure as a reader would say it: "at least 160 entreprises", "about 100 000 puces".

    Counts are followed by their counted noun as written (the claim's subject), other
    figures by their unit. The normalised value and unit are shown apart (_normalised).
    """
    noun = c.subject if c.kind == "count" and c.subject else c.unit
    unit = f" {noun}" if noun else ""
    if c.value is None:
        return _range(c, unit)
    value = _number(c.value)
    if c.low == c.value and c.high is None:
        return f"at least {value}{unit}"
    if c.high == c.value and c.low is None:
        return f"at most {value}{unit}"
    if c.low is not None and c.high is not None and c.low < c.value < c.high:
        return f"about {value}{unit}"
    return f"{value}{unit}"


def _normalised(c: Claim) -> str:
    """The value and unit as compared, and the interval when it is not the value alone."""
    unit = f" {c.unit}" if c.unit else ""
    value = f"{_number(c.value)}{unit}" if c.value is not None else "no single value"
    if c.low is not None and c.low == c.high:
        return value
    return f"{value}; interval {_range(c, unit)}"


def _range(c: Claim, unit: str) -> str:
    if c.low is not None and c.high is not None:
        if c.low == c.high:
            return f"{_number(c.low)}{unit}"
        return f"{_number(c.low)} to {_number(c.high)}{unit}"
    if c.low is not None:
        return f"at least {_number(c.low)}{unit}"
    if c.high is not None:
        return f"at most {_number(c.high)}{unit}"
    return "not stated"


def _scope(c: Claim) -> str:
    """The time scope the figure holds for, and where it comes from."""
    span = ""
    if c.date_start and c.date_end and c.date_start != c.date_end:
        span = f" ({c.date_start} to {c.date_end})"
    if c.date_basis == "sentence":
        return f"{c.date}{span}, stated in the sentence"
    if c.date_basis == "column":
        return f"{c.date}{span}, stated in the table header"
    if c.date_basis == "future":
        return f"from {c.date_start} on (future or conditional, no date stated)"
    if c.date_basis == "published":
        return f"{c.date}: publication date, no date stated"
    return c.date or "unknown"


def _claims_table(claims: list[Claim], in_discrepancy: set[str], articles: Mapping[str, ArticleInfo]) -> str:
    head = ("Article", "Figure and its sentence", "Normalised", "Time scope", "Actor", "Topic / measure", "Modality")
    rows = []
    for c in claims:
        flagged = ' class="in-discrepancy" title="part of a discrepancy above"' if c.claim_id in in_discrepancy else ""
        info = articles.get(c.article)
        published = f'<br><span class="meta">{info.date.isoformat()}</span>' if info and info.date else ""
        subject = f'<br><span class="meta">{escape(c.subject)}</span>' if c.subject else ""
        rows.append(
            f'<tr data-article="{escape(c.article)}" data-topic="{escape(c.topic or "")}"{flagged}>'
            f"<td><code>{escape(c.article)}</code>{published}</td>"
            f'<td><b>{escape(c.text)}</b> <span class="meta">{escape(c.kind)}</span><br>'
            f'<span class="sentence">{marked(c.sentence, c.text)}</span></td>'
            f"<td>{escape(_short_normalised(c))}{subject}</td>"
            f"<td>{escape(_short_scope(c))}</td>"
            f"<td>{escape(c.actor or '')}</td>"
            f"<td>{escape(c.topic or '')}{'<br><code>' + escape(c.measure) + '</code>' if c.measure else ''}</td>"
            f"<td>{escape(c.modality)}</td>"
            "</tr>"
        )
    return (
        f'<h2 id="figures">All figures <small><span id="claims-shown">{len(claims)} of {len(claims)}</span> shown;'
        " a red edge marks those in a discrepancy</small></h2>"
        '<table id="claims"><colgroup><col class="c-article"><col class="c-figure"><col class="c-value">'
        '<col class="c-scope"><col class="c-actor"><col class="c-topic"><col class="c-modality"></colgroup>'
        "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def _short_normalised(c: Claim) -> str:
    """Value and unit, then the interval in symbols when it is not the value alone: "160 entreprise (≥ 160)"."""
    unit = f" {c.unit}" if c.unit else ""
    value = f"{_number(c.value)}{unit}" if c.value is not None else (c.unit or "")
    if c.low is not None and c.low == c.high:
        return value
    if c.low is not None and c.high is not None:
        interval = f"{_number(c.low)} to {_number(c.high)}"
    elif c.low is not None:
        interval = f"≥ {_number(c.low)}"
    elif c.high is not None:
        interval = f"≤ {_number(c.high)}"
    else:
        return value
    return f"{value} ({interval})"


def _short_scope(c: Claim) -> str:
    if c.date_basis == "future":
        return f"from {c.date_start} (future)"
    basis = {"sentence": "stated", "column": "table header", "published": "publication date"}.get(c.date_basis or "")
    return f"{c.date} ({basis})" if c.date and basis else (c.date or "unknown")
