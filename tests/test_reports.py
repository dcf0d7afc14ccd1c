"""The reports beyond the golden CSVs: the spreadsheet dialect (read back by pandas and by
LibreOffice), report.html (rendered, then opened in a headless Chromium) and the progress display.

The LibreOffice and Chromium tests are skipped, with the reason, where those are not installed
(Debian: apt-get install libreoffice-calc-nogui chromium chromium-driver).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from factcheck import pipeline
from factcheck.cli import main
from factcheck.models import ArticleInfo, Claim, Discrepancy, Skipped
from factcheck.report import to_spreadsheet_dialect, write_reports
from factcheck.messages import EN, FR, Messages, messages
from factcheck.report_html import marked, render_review_page

CSV_NAMES = ("claims.csv", "discrepancies.csv", "facts.csv", "articles.csv", "skipped.csv")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SOFFICE = shutil.which("soffice")
# Without the background-networking flags, Chromium keeps calling home on a closed network.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, request):
    """The sample corpus through the CLI: once as usual, once with --excel --quiet; what each printed."""
    root = request.config.rootpath
    base = [str(root / "corpus"), "--rules", str(root / "rules"), "--no-cache"]
    outs, printed = {}, {}
    for dialect, extra in (("default", []), ("excel", ["--excel", "--quiet"])):
        outs[dialect] = tmp_path_factory.mktemp(dialect)
        stdout, stderr = io.StringIO(), io.StringIO()
        with redirect_stdout(stdout), redirect_stderr(stderr):
            assert main(base + ["--out", str(outs[dialect])] + extra) == 0
        printed[dialect] = (stdout.getvalue(), stderr.getvalue())
    return outs, printed


# --- the spreadsheet dialect -------------------------------------------------------------------


@pytest.mark.parametrize("name", CSV_NAMES)
def test_excel_dialect_holds_the_same_data(runs, name):
    outs, _ = runs
    default = pd.read_csv(outs["default"] / name)
    excel = pd.read_csv(outs["excel"] / name, sep=";", decimal=",", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(excel, default)  # the formula guard is the same in both
    raw = (outs["excel"] / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + default.columns[0].encode() + b";")
    if name == "claims.csv":
        assert len(default) > 20 and (default.value == 5_000_000_000).any()


def test_both_dialects_write_the_same_review_page(runs):
    outs, _ = runs
    assert (outs["default"] / "report.html").read_bytes() == (outs["excel"] / "report.html").read_bytes()


def test_summary_lists_every_report_and_quiet_prints_nothing(runs):
    outs, printed = runs
    out, err = printed["default"]
    expected = ", ".join(str(outs["default"] / n) for n in (*CSV_NAMES, "report.html"))
    assert f"rapports : {expected}" in out
    assert err == ""  # two articles: no progress line before the 10 s mark, no skipped input
    assert printed["excel"] == ("", "")


def _claim(value, low, high, text="2,5 milliards d'euros", sentence="Un budget de 2,5 milliards d'euros.", **kw):
    fields = dict(
        claim_id="c1", article="a.txt", start=3, end=24, sentence=sentence, text=text, kind="money",
        value=value, low=low, high=high, unit="EUR", precision=0.05e9, subject="budget", actor=None,
        attributed_to=None, place=None, modality="fact", date="2025", date_start="2025-01-01",
        date_end="2025-12-31", date_basis="sentence", topic="plan", topic_cue="plan", measure="amount",
    )
    fields.update(kw)
    return Claim(**fields)


def _decimal_reports(out: Path, excel: bool) -> list[Path]:
    claims = [
        _claim(2.5e9, 2.5e9, 2.5e9, claim_id="c1"),
        _claim(2.5, 2.25, 2.75, text="+2,5 %", sentence="=HYPERLINK(\"x\") - hausse de +2,5 % «net»",
               unit="%", kind="percent", claim_id="c2", start=40, end=46),
        _claim(-0.3, -0.3, None, text="-0,3 point", sentence="- recul de 0,3 point", unit="pp", kind="percent",
               claim_id="c3", start=60, end=70),
    ]
    return write_reports(claims, [], [Skipped("b.bin", "@binary file")], out, excel=excel)


def test_every_csv_guards_text_cells_against_formulas(tmp_path):
    """A bulleted dispatch ("- 1 200 emplois") and a file named like a formula: OWASP's leading
    apostrophe in claims.csv and skipped.csv of the default dialect; number cells unchanged."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "usine.txt").write_text(
        "Le groupe a présenté son plan jeudi à Douai.\n"
        "- 1 200 emplois créés d'ici 2027 ;\n"
        "+5 % de hausse des salaires pour les ouvriers.\n",
        encoding="utf-8",
    )
    (corpus / "=SOMME(A1).pdf").write_bytes(b"%PDF")
    assert main([str(corpus), "--out", str(tmp_path / "out"), "--no-cache", "--quiet"]) == 0
    claims = pd.read_csv(tmp_path / "out" / "claims.csv", keep_default_na=False)
    jobs = claims[claims.unit == "emploi"].iloc[0]
    assert jobs.sentence.startswith("'- 1 200 emplois") and jobs.value == 1200
    raises = claims[claims.unit == "%"].iloc[0]
    assert raises.text == "'+5 %" and raises.value == 5
    skipped = (tmp_path / "out" / "skipped.csv").read_text(encoding="utf-8")
    assert skipped.startswith("path,reason\n'=SOMME(A1).pdf,\"unsupported file type")


def test_excel_cells_decimal_comma_bom_and_formula_guard(tmp_path):
    _decimal_reports(tmp_path / "plain", excel=False)
    _decimal_reports(tmp_path / "excel", excel=True)
    plain = (tmp_path / "plain" / "claims.csv").read_text(encoding="utf-8").splitlines()
    excel = (tmp_path / "excel" / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert excel[0].startswith("\ufeffclaim_id;article;start;end;sentence;")
    assert ",2500000000,2500000000,2500000000,EUR," in plain[1]  # integers: the same in both dialects
    assert ";2500000000;2500000000;2500000000;EUR;" in excel[1]
    assert ",2.5,2.25,2.75,%," in plain[2] and ";2,5;2,25;2,75;%;" in excel[2]
    assert ";-0,3;-0,3;;pp;" in excel[3]  # a negative number stays a number, unguarded
    # Text that a spreadsheet would run as a formula gets a leading apostrophe, in both dialects.
    assert ';"\'=HYPERLINK(""x"") - hausse de +2,5 % «net»";\'+2,5 %;' in excel[2]
    assert ";'- recul de 0,3 point;'-0,3 point;" in excel[3]
    assert ',"\'=HYPERLINK(""x"") - hausse de +2,5 % «net»","\'+2,5 %",percent,2.5,' in plain[2]
    assert ',"\'- recul de 0,3 point","\'-0,3 point",percent,-0.3,-0.3,,pp,' in plain[3]  # numbers unguarded
    assert (tmp_path / "excel" / "skipped.csv").read_text(encoding="utf-8-sig") == "path;reason\nb.bin;'@binary file\n"
    assert (tmp_path / "plain" / "skipped.csv").read_text(encoding="utf-8") == "path,reason\nb.bin,'@binary file\n"
    back = pd.read_csv(tmp_path / "excel" / "claims.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert back.value.tolist() == [2.5e9, 2.5, -0.3] and back.low.tolist() == [2.5e9, 2.25, -0.3]
    pd.testing.assert_frame_equal(back, pd.read_csv(tmp_path / "plain" / "claims.csv"))


def test_spreadsheet_dialect_leaves_the_frame_alone():
    frame = pd.DataFrame({"value": ["2.5", ""], "sentence": ["-x", "y"]})
    converted = to_spreadsheet_dialect(frame)
    assert converted.value.tolist() == ["2,5", ""] and converted.sentence.tolist() == ["'-x", "y"]
    assert frame.value.tolist() == ["2.5", ""]


# LibreOffice's CSV import options: separator ';' (59), text delimiter '"' (34), UTF-8 (76),
# from line 1, default column formats, French locale (1036).
LO_CSV_FILTER = "CSV:59,34,76,1,,1036"
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _fods_rows(path: Path) -> list[list[tuple[str | None, str | None, str]]]:
    """The first sheet of a flat ODS file: rows of (value type, value, text), repeats expanded."""
    rows = []
    sheet = ET.parse(path).getroot().find(".//table:table", NS)
    for row in sheet.iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.findall("table:table-cell", NS):
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            value = (
                cell.get(f"{{{NS['office']}}}value-type"),
                cell.get(f"{{{NS['office']}}}value"),
                "\n".join("".join(p.itertext()) for p in cell.findall("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p")),
            )
            cells.extend([value] * min(repeat, 100))  # a row's trailing empty cells are one huge repeat
        while cells and cells[-1] == (None, None, ""):
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
def test_libreoffice_reads_the_excel_csv(runs, tmp_path):
    outs, _ = runs
    _decimal_reports(tmp_path / "decimals", excel=True)
    sources = {
        "claims.csv": outs["excel"] / "claims.csv",
        "discrepancies.csv": outs["excel"] / "discrepancies.csv",
        "decimals.csv": tmp_path / "decimals" / "claims.csv",
    }
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, source in sources.items():
        shutil.copy(source, inputs / name)
    converted = tmp_path / "converted"
    profile = tmp_path / "lo-profile"  # a fresh profile: concurrent runs do not share a lock
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", f"--infilter={LO_CSV_FILTER}",
         "--convert-to", "fods", "--outdir", str(converted), *(str(inputs / n) for n in sources)],
        check=True, capture_output=True, timeout=180,
    )
    claims = pd.read_csv(outs["default"] / "claims.csv", dtype=str, keep_default_na=False)
    rows = _fods_rows(converted / "claims.fods")
    header = [text for _, _, text in rows[0]]
    assert header == list(claims.columns) and len(rows) == len(claims) + 1
    by_text = {row[header.index("text")][2]: row for row in rows[1:]}
    amount = by_text["5 milliards d’euros"]
    assert amount[header.index("value")][:2] == ("float", "5000000000")
    assert amount[header.index("start")][0] == "float"
    assert "d’investissement estimé à 5 milliards d’euros" in amount[header.index("sentence")][2]
    assert by_text["Treize"][header.index("unit")] == ("string", None, "usine")

    discrepancies = _fods_rows(converted / "discrepancies.fods")
    d_header = [text for _, _, text in discrepancies[0]]
    expected = pd.read_csv(outs["default"] / "discrepancies.csv", dtype=str, keep_default_na=False)
    assert len(discrepancies) == len(expected) + 1
    explanation = discrepancies[1][d_header.index("explanation")][2]
    assert explanation == expected.explanation[0] and "«5 milliards d’euros»" in explanation
    assert discrepancies[1][d_header.index("value_b")][:2] == ("float", "20000000000")

    decimals = _fods_rows(converted / "decimals.fods")
    col = {name: i for i, (_, _, name) in enumerate(decimals[0])}
    assert [r[col["value"]][:2] for r in decimals[1:]] == [("float", "2500000000"), ("float", "2.5"), ("float", "-0.3")]
    assert decimals[2][col["high"]][:2] == ("float", "2.75")
    # Guarded text stays text, never a formula or a percentage (LibreOffice shows the apostrophe).
    assert decimals[2][col["text"]] == ("string", None, "'+2,5 %")
    assert decimals[2][col["sentence"]] == ("string", None, "'=HYPERLINK(\"x\") - hausse de +2,5 % «net»")


# --- report.html, as text ----------------------------------------------------------------------


def _discrepancy(a: Claim, b: Claim, **kw) -> Discrepancy:
    fields = dict(
        discrepancy_id="d1", severity="conflict", rule="interval_conflict", topic="plan", measure="amount",
        a=a, b=b, explanation="a.txt says «2,5 milliards» & b.txt says <4 milliards>.",
        sources_a=("a.txt",), sources_b=("b.txt", "c.txt"),
    )
    fields.update(kw)
    return Discrepancy(**fields)


HOSTILE = {
    "a.txt": ArticleInfo("a.txt", "a.txt", title="<script>alert('t')</script> Budget", date=dt.date(2025, 4, 10),
                         source="Le <b>Monde</b>", url="javascript:alert(1)"),
    "b.txt": ArticleInfo("b.txt", "b.txt", title="Les Échos & co", source="Les Échos", url="https://example.org/?a=1&b=\"2\""),
}


def _page(t: Messages = Messages()) -> str:
    a = _claim(2.5e9, 2.5e9, 2.5e9, sentence="Un <b>budget</b> de 2,5\u00a0milliards d'euros.", text="2,5\u00a0milliards d'euros")
    b = _claim(4e9, 4e9, 4e9, claim_id="c2", article="b.txt", text="4 milliards", sentence="Il est de 4 milliards.")
    c = _claim(7e9, 7e9, 7e9, claim_id="c3", article="b.txt", text="7 milliards", sentence="Puis 7 milliards.", start=90)
    discrepancies = [
        _discrepancy(a, b),
        _discrepancy(a, c, discrepancy_id="d2", severity="review", topic="other", suppressed="two plans <checked>"),
    ]
    labels = {"plan": "Plan <d'investissement>", "plan/amount": "Montant du plan"}
    return render_review_page([a, b, c], discrepancies, [Skipped("x.pdf", "unsupported <pdf>")], HOSTILE, t, labels)


def test_review_page_escapes_every_text_and_loads_nothing():
    page = _page()
    assert page.count("<script>") == 1 and "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; Budget" in page
    assert "Le &lt;b&gt;Monde&lt;/b&gt;" in page and "Un &lt;b&gt;budget&lt;/b&gt;" in page
    assert "javascript:" not in page  # not a link: only http(s) urls are
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in page
    assert "&lt;4 milliards&gt;" in page and "unsupported &lt;pdf&gt;" in page
    # Nothing from the network: no src, no stylesheet link, and a policy that allows only the inline code.
    assert " src=" not in page and "<link" not in page and "@import" not in page and "url(" not in page
    assert "default-src &#x27;none&#x27;; style-src &#x27;sha256-" in page
    assert page == _page()  # deterministic


def test_review_page_content():
    """In French by default: the newsroom's language, the rules' labels, a decimal comma."""
    page = _page()
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<mark>2,5\u00a0milliards d&#x27;euros</mark>" in page  # the figure marked across a no-break space
    assert page.index('data-severity="conflict"') < page.index('data-severity="review"')
    # Both sources of figure b, with their metadata; the article without metadata by its id.
    assert 'data-sources="[&quot;a.txt&quot;, &quot;b.txt&quot;, &quot;c.txt&quot;]"' in page
    assert "Les Échos · date de publication inconnue" in page and "publié le 10 avril 2025" in page
    assert "<code>c.txt</code>" in page
    assert "2\u202f500\u202f000\u202f000 EUR" in page and "2025 (du 2025-01-01 au 2025-12-31), indiqué dans la phrase" in page
    # Topics and measures by their labels (escaped), the id beside the topic; an id with no label as is.
    assert "<h3>Sujet Plan &lt;d&#x27;investissement&gt; <code>plan</code></h3>" in page
    assert "<h3>Sujet <code>other</code></h3>" in page
    assert "mesure Montant du plan · règle <code>interval_conflict</code>" in page
    # The suppressed one stays, marked with its reason, and is counted apart.
    assert '<article class="discrepancy suppressed" id="d-d2"' in page
    assert "Marquée comme fausse alerte :</b> two plans &lt;checked&gt;" in page
    assert "<strong>1 divergence</strong> (1 conflit) · <strong>1 marquée comme fausse alerte</strong>" in page
    assert ">Conflits 1</button>" in page and ">À vérifier 0</button>" in page
    assert "<b>Pourquoi :</b>" in page and "<h2>Conflits <small>" in page


def test_review_page_in_english():
    page = _page(messages("en"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Les Échos · publication date unknown" in page and "published 10 April 2025" in page
    assert "2025 (2025-01-01 to 2025-12-31), stated in the sentence" in page
    assert "Marked as a false alarm:</b> two plans &lt;checked&gt;" in page
    assert "<strong>1 discrepancy</strong> (1 conflict) · <strong>1 marked as false alarm</strong>" in page
    assert ">Conflict 1</button>" in page and ">Review 0</button>" in page and "<b>Why:</b>" in page
    assert "<h3>Topic Plan &lt;d&#x27;investissement&gt; <code>plan</code></h3>" in page
    assert not {"Pourquoi", "Conflits", "divergence", "publié"} & set(page.replace("<", " ").replace(">", " ").split())


@pytest.mark.parametrize("day,french,english", [
    (dt.date(2024, 7, 1), "1er juillet 2024", "1 July 2024"),
    (dt.date(2025, 4, 10), "10 avril 2025", "10 April 2025"),
    (dt.date(2023, 8, 15), "15 août 2023", "15 August 2023"),
])
def test_dates_as_a_reader_writes_them(day, french, english):
    assert (messages("fr").date(day), messages("en").date(day)) == (french, english)


def test_every_language_has_every_message():
    """A key missing from one table would fail only when that string is shown."""
    assert set(FR) == set(EN)
    for key in FR:  # the same placeholders in both
        assert set(re.findall(r"{(\w+)}", FR[key])) == set(re.findall(r"{(\w+)}", EN[key])), key


def test_review_page_folds_long_source_lists():
    a = _claim(2.5e9, 2.5e9, 2.5e9)
    b = _claim(4e9, 4e9, 4e9, claim_id="c2", article="b.txt")
    many = tuple(f"{i}.txt" for i in range(6))
    page = render_review_page([a, b], [_discrepancy(a, b, sources_b=("b.txt", *many))], [], {})
    assert "<details><summary>6 autres articles</summary>" in page and page.count("<li><span class=\"source-title\">") == 6


def test_review_page_without_discrepancies():
    page = render_review_page([], [], [], {})
    assert "Aucune divergence : les chiffres que les règles comparent concordent." in page and "0 sur 0" in page


@pytest.mark.parametrize("sentence,figure,expected", [
    ("Plus de 160 entreprises.", "plus de 160", "Plus de 160 entreprises."),  # case differs: not marked
    ("Avec plus de 160 entreprises.", "plus de 160", "Avec <mark>plus de 160</mark> entreprises."),
    ("Soit 100 000 puces.", "100\u202f000", "Soit <mark>100 000</mark> puces."),
    ("Soit 5 < 6 et 5.", "5", "Soit <mark>5</mark> &lt; 6 et 5."),
    ("Rien.", "", "Rien."),
])
def test_marked(sentence, figure, expected):
    assert marked(sentence, figure) == expected


# --- report.html in a real browser --------------------------------------------------------------


def _chromium(*args: str, profile: Path) -> str:
    done = subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Elements(HTMLParser):
    """The discrepancy cards of a dumped DOM: (severity, hidden) in page order; the pressed button."""

    def __init__(self):
        super().__init__()
        self.cards: list[tuple[str, bool]] = []
        self.pressed: list[str] = []
        self.marks = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "discrepancy" in (attrs.get("class") or ""):
            self.cards.append((attrs["data-severity"], "hidden" in attrs))
        elif tag == "button" and attrs.get("aria-pressed") == "true":
            self.pressed.append(attrs.get("data-severity"))
        elif tag == "mark":
            self.marks += 1


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: apt-get install chromium")
def test_review_page_in_chromium_filtered_by_the_fragment(runs, tmp_path):
    outs, _ = runs
    url = (outs["default"] / "report.html").as_uri()
    everything = _Elements()
    everything.feed(_chromium("--dump-dom", url, profile=tmp_path / "p1"))
    assert [s for s, _ in everything.cards] == ["conflict", "review", "review"]
    assert not any(hidden for _, hidden in everything.cards) and everything.pressed == [""]
    assert everything.marks >= 2 * 3  # both sentences of every card, then the claims table
    filtered = _Elements()
    filtered.feed(_chromium("--dump-dom", url + "#severity=conflict", profile=tmp_path / "p2"))
    assert filtered.cards == [("conflict", False), ("review", True), ("review", True)]
    assert filtered.pressed == ["conflict"]


class _WebDriver:
    """Just enough of the W3C WebDriver HTTP API, over urllib, to drive chromedriver."""

    def __init__(self, profile: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.session = None
        deadline = time.monotonic() + 30
        while True:
            try:
                self._call("GET", "/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.1)
        options = {"binary": CHROMIUM, "args": [*CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1000"]}
        capabilities = {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}
        try:
            self.session = self._call("POST", "/session", {"capabilities": capabilities})["sessionId"]
        except BaseException:
            self.close()
            raise

    def _call(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["value"]

    def command(self, method: str, path: str, body: dict | None = None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def click(self, css: str) -> None:
        element = self.command("POST", "/element", {"using": "css selector", "value": css})
        self.command("POST", f"/element/{next(iter(element.values()))}/click", {})

    def script(self, source: str):
        return self.command("POST", "/execute/sync", {"script": source, "args": []})

    def close(self) -> None:
        try:
            if self.session is not None:
                self.command("DELETE", "")
        finally:
            self.process.terminate()
            self.process.wait(timeout=30)


VISIBLE = "return Array.from(document.querySelectorAll('{}')).filter(e => e.getClientRects().length > 0).length"


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                    reason="Chromium or its driver is not installed: apt-get install chromium chromium-driver")
def test_review_page_filters_when_clicked(runs, tmp_path):
    outs, _ = runs
    claims = pd.read_csv(outs["default"] / "claims.csv", dtype=str, keep_default_na=False)
    browser = _WebDriver(tmp_path / "profile")
    try:
        browser.command("POST", "/url", {"url": (outs["default"] / "report.html").as_uri()})
        cards, rows = VISIBLE.format("article.discrepancy"), VISIBLE.format("#claims tbody tr")
        assert (browser.script(cards), browser.script(rows)) == (3, len(claims))
        assert browser.script("return document.getElementById('shown').textContent") == "3 sur 3 affichées"
        browser.click('button[data-severity="review"]')
        assert browser.script(cards) == 2 and browser.script("return location.hash") == "#severity=review"
        browser.click('#filter-source option[value="004_gigafactories_ue.txt"]')
        assert browser.script(cards) == 2  # both reviews compare with article 004
        assert browser.script(rows) == (claims.article == "004_gigafactories_ue.txt").sum()
        assert browser.script("return location.hash") == "#severity=review&source=004_gigafactories_ue.txt"
        browser.click('button[data-severity="conflict"]')
        assert browser.script(cards) == 1
        assert browser.script(VISIBLE.format('section.group[data-severity="review"]')) == 0  # empty groups hide
        browser.click("#clear")
        assert (browser.script(cards), browser.script(rows)) == (3, len(claims))
        assert browser.script("return location.hash") == ""
        # A shared link opens filtered; a value the page does not offer is ignored.
        browser.script("location.hash = 'severity=conflict&topic=nope'")
        assert browser.script(cards) == 1
        assert browser.script("return document.getElementById('filter-topic').value") == ""
        shot = base64.b64decode(browser.command("GET", "/screenshot"))
        assert shot.startswith(b"\x89PNG")
    finally:
        browser.close()


class _CopyButtons(HTMLParser):
    """The suppression entries of the page's copy buttons, by the card they are in."""

    def __init__(self):
        super().__init__()
        self.card = None
        self.entries: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "discrepancy" in (attrs.get("class") or ""):
            self.card = attrs["id"].removeprefix("d-")
        elif tag == "button" and "copy" in (attrs.get("class") or "").split():
            self.entries[self.card] = attrs["data-entry"]


def test_the_copied_suppression_entry_marks_the_false_alarm(runs, tmp_path, request):
    """Pasted under `suppressions:` as it is, a card's entry is a valid suppression of that card."""
    outs, _ = runs
    buttons = _CopyButtons()
    buttons.feed((outs["default"] / "report.html").read_text(encoding="utf-8"))
    d = pd.read_csv(outs["default"] / "discrepancies.csv", dtype=str, keep_default_na=False)
    assert sorted(buttons.entries) == sorted(d.discrepancy_id)  # one button per card
    conflict = d[d.severity == "conflict"].discrepancy_id.item()
    suppressions = tmp_path / "suppressions.yaml"
    suppressions.write_text("schema_version: 1\nsuppressions:\n" + buttons.entries[conflict], encoding="utf-8")
    root = request.config.rootpath
    out = tmp_path / "out"
    assert main([str(root / "corpus"), "--out", str(out), "--no-cache", "--quiet", "--suppress", str(suppressions)]) == 0
    again = pd.read_csv(out / "discrepancies.csv", dtype=str, keep_default_na=False).set_index("discrepancy_id")
    assert again.suppressed[conflict] == "pourquoi ce n'est pas une erreur"
    assert (again.drop(conflict).suppressed == "").all()
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f'data-entry="  - id: &#x27;{conflict}&#x27;' not in page  # a false alarm has no button left


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                    reason="Chromium or its driver is not installed: apt-get install chromium chromium-driver")
def test_the_copy_button_copies_the_entry_with_the_reason_typed(runs, tmp_path):
    import yaml

    outs, _ = runs
    d = pd.read_csv(outs["default"] / "discrepancies.csv", dtype=str, keep_default_na=False)
    conflict = d[d.severity == "conflict"].discrepancy_id.item()
    browser = _WebDriver(tmp_path / "profile")
    try:
        browser.command("POST", "/url", {"url": (outs["default"] / "report.html").as_uri()})
        # The clipboard of a headless browser cannot be read back: the page's call to it is recorded.
        browser.script("navigator.clipboard.writeText = function (text) { window.copied = text; return Promise.resolve(); }")
        browser.script(f"document.querySelector('#d-{conflict} .suppress input').value = 'deux plans « différents »'")
        browser.click(f"#d-{conflict} button.copy")
        copied = browser.script("return window.copied")
        assert yaml.safe_load("suppressions:\n" + copied) == {"suppressions": [{"id": conflict, "reason": "deux plans « différents »"}]}
        assert browser.script(f"return document.querySelector('#d-{conflict} button.copy').textContent") == "Copié"
    finally:
        browser.close()


# --- progress ------------------------------------------------------------------------------------


class _Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_progress_lines_at_a_modest_rate(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(pipeline.time, "monotonic", clock)
    lines = []
    progress = pipeline._Progress("lines", 100, lines.append)
    for _ in range(30):  # 30 articles, one every second: a line at 10 s and at 20 s
        progress.step()
        clock.now += 1
    progress.close()
    assert lines == [
        "reading: 11 of 100 articles, 1.0 per second, about 1 min 29 s left",
        "reading: 21 of 100 articles, 1.0 per second, about 1 min 19 s left",
        "reading: 30 articles in 30 s (1.0 per second)",
    ]


def test_progress_small_runs_print_only_notes():
    lines = []
    progress = pipeline._Progress("lines", 2, lines.append)
    progress.step()
    progress.note("skipped x.pdf: unsupported")
    progress.step()
    progress.close()
    assert lines == ["skipped x.pdf: unsupported"]  # under 10 s: no progress line at all


def test_progress_bar(monkeypatch):
    stderr = io.StringIO()
    monkeypatch.setattr(pipeline.sys, "stderr", stderr)
    notes = []
    progress = pipeline._Progress("bar", 3, notes.append)
    for _ in range(3):
        progress.step()
    progress.note("skipped x.pdf: unsupported")
    progress.close()
    assert "reading: 100%" in stderr.getvalue() and "3/3" in stderr.getvalue() and "articles/s" in stderr.getvalue()
    assert notes == ["skipped x.pdf: unsupported"]


def test_count_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "feed.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (tmp_path / "sub" / "notes.pdf").write_bytes(b"%PDF")  # skipped, still a step of the progress
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert pipeline.count_inputs(tmp_path) == 5
    assert pipeline.count_inputs(tmp_path / "sub" / "feed.jsonl") == 3


def test_why_a_row_is_there_in_the_pages_language():
    a = _claim(81000, 81000, 81000, text="81 000", sentence="À Paris, la préfecture a compté 81 000 manifestants.")
    b = _claim(700000, 700000, 700000, claim_id="c2", article="b.txt", text="700 000",
               sentence="À Paris, la CGT annonce 700 000 manifestants.")
    a, b = replace(a, attributed_to="préfecture"), replace(b, attributed_to="CGT")
    row = _discrepancy(a, b, type="disputed", severity="review", rule="frame_disputed", confidence=0.85,
                       explanation="a.txt says «81 000» and b.txt says «700 000» are the same thing, counted by different sources.")
    french = render_review_page([a, b], [row], [], HOSTILE, messages("fr"), {})
    assert ("<b>Pourquoi :</b> La même chose, au même endroit et au même moment, comptée par deux sources : "
            "«81 000» selon préfecture, «700 000» selon CGT. Confiance : 0,85.") in french.replace("&#x27;", "'")
    english = render_review_page([a, b], [row], [], HOSTILE, messages("en"), {})
    assert "<b>Why:</b> a.txt says «81 000» and b.txt says «700 000» are the same thing, counted by different sources. Confidence: 0.85." in english


def test_the_page_written_piece_by_piece_is_the_page_rendered_whole(tmp_path):
    a = _claim(2.5e9, 2.5e9, 2.5e9, sentence="Un budget de 2,5\u00a0milliards d'euros.", text="2,5\u00a0milliards d'euros")
    b = _claim(4e9, 4e9, 4e9, claim_id="c2", article="b.txt", text="4 milliards", sentence="Il est de 4 milliards.")
    rows = [_discrepancy(a, b)]
    skipped = [Skipped("x.pdf", "unsupported <pdf>")]
    write_reports([a, b], rows, skipped, tmp_path, HOSTILE, lang="en", labels={"plan": "Plan"})
    written = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert written == render_review_page([a, b], rows, skipped, HOSTILE, messages("en"), {"plan": "Plan"})
    assert written.count("<tr data-article=") == 2 and written.endswith("</html>\n")


@pytest.fixture(scope="module")
def stories_run(tmp_path_factory, request):
    """The press-like stories corpus (24 articles), every discrepancy kept."""
    root = request.config.rootpath
    return pipeline.run(root / "tests" / "data" / "stories", out=tmp_path_factory.mktemp("stories"), jobs=1,
                        min_confidence=0)


def test_csvs_written_in_chunks_are_those_of_one_table(tmp_path, monkeypatch, stories_run):
    """The press-like stories corpus, its reports written a few rows to a DataFrame at a time
    (report.CHUNK_ROWS), in both dialects: the same bytes as with the whole table at once."""
    from factcheck import report

    result = stories_run
    assert len(result.discrepancies) > 7 and len(result.claims) > 7
    whole_table = report.CHUNK_ROWS
    assert len(result.discrepancies) < whole_table and len(result.claims) < whole_table
    written = {}
    for chunk_rows in (whole_table, 7, 1):
        monkeypatch.setattr(report, "CHUNK_ROWS", chunk_rows)
        for excel in (False, True):
            out = tmp_path / f"{chunk_rows}_{excel}"
            write_reports(result.claims, result.discrepancies, result.skipped, out, result.article_info, excel=excel)
            written[chunk_rows, excel] = {name: (out / name).read_bytes() for name in CSV_NAMES}
    for excel in (False, True):
        whole = written[whole_table, excel]
        assert written[7, excel] == whole and written[1, excel] == whole
    assert written[1, True]["claims.csv"].startswith(b"\xef\xbb\xbfclaim_id;") and written[1, True]["claims.csv"].count(b"\xef\xbb\xbf") == 1


def test_a_long_run_gets_a_page_a_browser_opens(tmp_path, monkeypatch, stories_run):
    """Past MAX_CARDS discrepancies and MAX_FIGURES figures, the page shows the first ones in
    the CSVs' order and says where the others are; below, it shows them all and says nothing."""
    from factcheck import report_html

    result = stories_run
    write_reports(result.claims, result.discrepancies, result.skipped, tmp_path / "whole", result.article_info)
    monkeypatch.setattr(report_html, "MAX_CARDS", 5)
    monkeypatch.setattr(report_html, "MAX_FIGURES", 30)
    write_reports(result.claims, result.discrepancies, result.skipped, tmp_path / "capped", result.article_info)
    rows = pd.read_csv(tmp_path / "capped" / "discrepancies.csv", dtype=str)
    claims = pd.read_csv(tmp_path / "capped" / "claims.csv", dtype=str)
    assert len(rows) > 5 and len(claims) > 30
    cards = re.compile(r'<article class="discrepancy[^"]*" id="d-([^"]+)"')
    figures = re.compile(r'<tr data-article="([^"]+)"')
    whole = (tmp_path / "whole" / "report.html").read_text(encoding="utf-8")
    page = (tmp_path / "capped" / "report.html").read_text(encoding="utf-8")
    assert sorted(cards.findall(whole)) == sorted(rows.discrepancy_id) and len(figures.findall(whole)) == len(claims)
    assert "Cette page montre" not in whole and "claims.csv les donne tous" not in whole
    # The cards: the 5 first rows of discrepancies.csv (grouped on the page by severity, then topic).
    assert sorted(cards.findall(page)) == sorted(rows.discrepancy_id[:5])
    assert figures.findall(page) == list(claims.article[:30])
    # The counts still tell the whole run.
    active = rows.suppressed.isna().sum()
    assert f"<strong>{active} divergences</strong>" in page and f"{len(claims)} chiffres tirés de" in page
    assert (f"Cette page montre les 5 premières, les plus sûres d&#x27;abord ; discrepancies.csv les donne toutes "
            f"({len(rows)}, fausses alertes comprises).") in page
    assert f"30 sur {len(claims)}</span> affichés" in page and f"claims.csv les donne tous : {len(claims)})" in page
    # The rows are read once: a generator of them gives the same page (they may be on disk, spill.py).
    in_order = sorted(result.claims, key=lambda c: (c.article, c.start, c.end))
    assert render_review_page(in_order, iter(result.discrepancies), result.skipped, result.article_info) == page
