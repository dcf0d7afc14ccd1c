"""Reading the corpus: front matter, JSONL, sorted order, and what gets skipped."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.corpus import read_corpus
from factcheck.errors import CorpusError
from factcheck.models import Article, Skipped


def test_sample_corpus_front_matter(root):
    entries = list(read_corpus(root / "corpus"))
    assert [e.id for e in entries] == ["000_gigafactories_ia.txt", "004_gigafactories_ue.txt"]
    a, b = entries
    assert a.date == dt.date(2024, 7, 1) and b.date == dt.date(2025, 4, 10)
    assert b.text.startswith("Image générée par l'IA")  # the body starts after the front matter
    assert "date:" not in a.text


@pytest.mark.parametrize(
    "written,date",
    [
        ("10 avril 2025", dt.date(2025, 4, 10)),
        ("jeudi 6 mars 2025", dt.date(2025, 3, 6)),
        ("10/04/2025", dt.date(2025, 4, 10)),  # day first, as French pages write it
        ("Mon, 10 Mar 2025 08:00:00 GMT", dt.date(2025, 3, 10)),
    ],
)
def test_a_publication_date_written_as_pages_write_it_is_read(tmp_path, written, date):
    (tmp_path / "a.txt").write_text(f"---\ndate: {written}\n---\nTexte.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(f'{{"text": "Texte.", "date": "{written}"}}\n', encoding="utf-8")
    assert [e.date for e in read_corpus(tmp_path)] == [date, date]


def test_folder_recursive_sorted_and_jsonl(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Un article.", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: T\ndate: 2025-01-02\n---\nTexte.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "x1", "text": "Premier.", "date": "2025-03-01"}\n'
        "{not json\n"
        '{"text": "Deuxième."}\n'
        '{"title": "sans texte"}\n',
        encoding="utf-8",
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    entries = list(read_corpus(tmp_path))
    articles = [e for e in entries if isinstance(e, Article)]
    skipped = {e.path: e.reason for e in entries if isinstance(e, Skipped)}
    assert [a.id for a in articles] == ["a.md", "b/z.txt", "feed.jsonl#x1", "feed.jsonl#3"]
    assert articles[0].title == "T" and articles[0].date == dt.date(2025, 1, 2)
    assert articles[2].date == dt.date(2025, 3, 1)
    assert "not valid JSON" in skipped["feed.jsonl#2"]
    assert "'text'" in skipped["feed.jsonl#4"]
    assert "unsupported file type '.pdf'" in skipped["notes.pdf"]


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "no text"),
        (b"---\ntitle: [unclosed\n---\nTexte.", "front matter is not valid YAML"),
        (b"---\ntitle: T\nTexte sans fin de front matter.", "never closed"),
        (b"---\ndate: 31/02/2025\n---\nTexte.", "'date' must be a date with its day, month and year"),
        (b"Le co\x81t d\x8dpasse 5 millions.", "not UTF-8 text"),
        (b"\x00\x00\x01\x02", "binary file"),
    ],
)
def test_bad_article_is_skipped_with_reason(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("Un bon article.", encoding="utf-8")
    entries = list(read_corpus(tmp_path))
    assert isinstance(entries[1], Article) and entries[1].id == "good.txt"
    assert isinstance(entries[0], Skipped) and reason in entries[0].reason


def test_a_french_title_with_a_space_before_its_colon_is_read_line_by_line(tmp_path):
    """YAML rejects 'Grève : forte mobilisation'; the front matter is read as key: value lines."""
    (tmp_path / "greve.md").write_text(
        "---\ntitle: Grève : forte mobilisation à la SNCF\ndate: 2025-03-07\nsource: 'Le Parisien'\n---\n"
        "Selon la CGT, 35 % des cheminots étaient en grève jeudi.\n",
        encoding="utf-8",
    )
    (entry,) = read_corpus(tmp_path)
    assert isinstance(entry, Article), entry
    assert (entry.title, entry.date, entry.source) == ("Grève : forte mobilisation à la SNCF", dt.date(2025, 3, 7), "Le Parisien")
    assert entry.text.startswith("Selon la CGT")
    (note,) = entry.notes
    assert "not valid YAML (line 2 of the file" in note and "read line by line" in note


def test_a_publication_date_with_no_day_is_a_month(tmp_path):
    (tmp_path / "a.txt").write_text("---\ndate: mars 2025\n---\nLe chômage a reculé de 0,3 point.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "Le chômage a reculé.", "date": "mars 2025"}\n', encoding="utf-8")
    a, b = read_corpus(tmp_path)
    assert (a.date, b.date) == (dt.date(2025, 3, 1), dt.date(2025, 3, 1))
    assert "has no day: read as the month" in a.notes[0]


def test_repairs_are_noted_in_the_run_log_and_summary(tmp_path, root, capsys):
    from factcheck.cli import main

    (tmp_path / "greve.md").write_text(
        "---\ntitle: Grève : forte mobilisation\ndate: 2025-03-07\n---\nIls étaient 12 000 à Marseille.\n", encoding="utf-8"
    )
    assert main([str(tmp_path / "greve.md"), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    printed = capsys.readouterr()
    assert "note greve.md: front matter is not valid YAML" in printed.err
    assert "remarques : 1 sur 1 article(s) lu(s) après réparation" in printed.out


def test_latin1_and_windows1252_are_read(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le coût de l’usine: 300 M€.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Le budget de la région: 1,5 milliard.".encode("latin-1"))
    a, b = read_corpus(tmp_path)
    assert a.text == "Le coût de l’usine: 300 M€."
    assert b.text == "Le budget de la région: 1,5 milliard."


def test_one_stray_latin1_byte_garbles_only_its_line(tmp_path):
    """A UTF-8 article with one Latin-1 line: that line is read as Windows-1252, the rest as UTF-8."""
    raw = (
        "Les grévistes étaient 3 500 à Lyon selon la préfecture.\n".encode("utf-8")
        + "La CGT en a compté 12 000, un chiffre contesté.\n".encode("latin-1")
        + "Le cortège s’est dispersé à 18 heures.\n".encode("utf-8")
    )
    (tmp_path / "greve.txt").write_bytes(raw)
    (tmp_path / "feed.jsonl").write_bytes(
        b'{"text": "Un article sans accent."}\n' + '{"text": "Un cortège de 800 personnes."}\n'.encode("latin-1")
    )
    feed_1, feed_2, article = read_corpus(tmp_path)
    assert article.text == (
        "Les grévistes étaient 3 500 à Lyon selon la préfecture.\n"
        "La CGT en a compté 12 000, un chiffre contesté.\n"
        "Le cortège s’est dispersé à 18 heures.\n"
    )
    assert article.notes == ("not UTF-8 on line 2 (invalid UTF-8 byte 0xe9 at offset 77): "
                             "those lines read as Windows-1252, the rest as UTF-8",)
    assert feed_2.text == "Un cortège de 800 personnes." and feed_2.notes == ("line 2 is not UTF-8: read as Windows-1252",)
    assert feed_1.notes == ()


def test_a_duplicate_jsonl_id_is_reported_and_the_batch_goes_on(tmp_path):
    (tmp_path / "depeches.jsonl").write_text(
        '{"id": "afp-12", "text": "La grève a réuni 3 500 personnes à Lyon."}\n'
        '{"id": "afp-13", "text": "Le plan prévoit 20 milliards d\'euros."}\n'
        '{"id": "afp-12", "text": "Selon la CGT, 12 000 manifestants ont défilé."}\n'
        '{"id": "afp-14", "text": "Le chômage a reculé de 0,3 point."}\n',
        encoding="utf-8",
    )
    entries = list(read_corpus(tmp_path))
    assert [e.id for e in entries if isinstance(e, Article)] == ["depeches.jsonl#afp-12", "depeches.jsonl#afp-13", "depeches.jsonl#afp-14"]
    assert entries[0].text == "La grève a réuni 3 500 personnes à Lyon."
    (skipped,) = [e for e in entries if isinstance(e, Skipped)]
    assert skipped.path == "depeches.jsonl#3"
    assert "line 3 of depeches.jsonl: duplicate id 'afp-12', already the id of line 1" in skipped.reason


def test_a_cut_jsonl_line_is_reported_in_plain_words(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"text": "La grève a réuni 3 500 pers\n', encoding="utf-8")
    (skipped,) = read_corpus(tmp_path)
    assert skipped.reason == "line 1 is not valid JSON: Unterminated string starting at column 10"


def test_an_article_not_in_french_is_skipped_with_its_language(tmp_path):
    (tmp_path / "a_greve.txt").write_text(
        "Selon la CGT, 12 000 personnes ont manifesté jeudi à Marseille contre la réforme.", encoding="utf-8")
    (tmp_path / "b_ia.txt").write_text(  # loanwords do not make it English
        "Le plan de 20 milliards d'euros pour les gigafactories d'IA séduit les start-up du cloud.", encoding="utf-8")
    (tmp_path / "c_wire.jsonl").write_text(
        '{"id": "ap-1", "text": "The strike gathered 3,500 people in Lyon on Thursday, according to the police."}\n'
        '{"id": "dpa-2", "text": "Die Gewerkschaft meldete am Donnerstag 12.000 Teilnehmer in Berlin."}\n',
        encoding="utf-8",
    )
    entries = list(read_corpus(tmp_path))
    assert [e.id for e in entries if isinstance(e, Article)] == ["a_greve.txt", "b_ia.txt"]
    reasons = {e.path: e.reason for e in entries if isinstance(e, Skipped)}
    assert reasons["c_wire.jsonl#1"].startswith("written in English, not French (language identification 100% sure)")
    assert reasons["c_wire.jsonl#2"].startswith("written in German, not French")


def test_utf16_with_bom_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes("Le plan de 20 milliards d’euros.".encode("utf-16"))
    (entry,) = read_corpus(tmp_path)
    assert entry.text == "Le plan de 20 milliards d’euros."


def test_missing_corpus_path(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        list(read_corpus(tmp_path / "nowhere"))


def test_a_web_page_gives_its_main_text_and_its_own_metadata(root):
    """Navigation, related links and the footer are not the article; title, author, outlet and
    date are the page's own (meta tags, <time>), the original publication, not the update."""
    (page,) = read_corpus(root / "tests" / "data" / "pages" / "greve_marseille.html")
    assert isinstance(page, Article), page
    assert page.title == "Réforme des retraites : 245 000 manifestants à Marseille selon la CGT"
    assert (page.source, page.author) == ("La Provence du Soir", "Claire Martin")
    assert page.date == dt.date(2023, 3, 7) and page.date_basis == "page_metadata"
    assert page.url.startswith("https://www.provence-du-soir.fr/actualites/2023/03/07/")
    assert "Selon la CGT, 245 000 personnes ont défilé entre le Vieux-Port et la place Castellane" in page.text
    assert "La préfecture de police des Bouches-du-Rhône a pour sa part compté 30 000 manifestants" in page.text
    for boilerplate in ("© 2025", "Tous droits réservés", "Mentions légales", "Abonnez-vous", "l'OM gagne",
                        "À lire aussi", "12 TGV", "1 500 hectares", "13002"):
        assert boilerplate not in page.text, boilerplate


def test_a_web_page_without_dated_metadata_is_dated_by_its_address(tmp_path):
    (tmp_path / "page.htm").write_text(
        '<html lang="fr"><head><title>Gilets jaunes : 136 000 manifestants en France</title>'
        '<link rel="canonical" href="https://www.exemple.fr/societe/2018/12/01/gilets-jaunes-136-000-manifestants">'
        "</head><body><article><h1>Gilets jaunes : 136 000 manifestants en France</h1>"
        "<p>Selon le ministère de l'Intérieur, 136 000 personnes ont manifesté samedi dans toute la France, "
        "dont 10 000 à Paris, où de nombreux heurts ont éclaté autour de l'Arc de triomphe.</p>"
        "<p>La mobilisation est en baisse par rapport à la semaine précédente, qui avait réuni 166 000 manifestants "
        "selon les mêmes sources.</p></article></body></html>",
        encoding="utf-8",
    )
    (page,) = read_corpus(tmp_path)
    assert isinstance(page, Article), page
    assert page.date == dt.date(2018, 12, 1) and page.date_basis == "page_metadata"


def test_the_footer_of_a_web_page_is_no_claim(root, tmp_path):
    from factcheck.cli import main
    import pandas as pd

    out = tmp_path / "out"
    assert main([str(root / "tests" / "data" / "pages" / "greve_marseille.html"), "--out", str(out), "--no-cache", "--quiet"]) == 0
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    assert {"245 000", "30 000", "60 %", "42 %"} <= set(claims.text)
    assert not claims.sentence.str.contains("©|droits réservés|13002|TGV|hectares").any()
    articles = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert articles[["title", "outlet", "author", "date", "date_basis"]].values.tolist() == [[
        "Réforme des retraites : 245 000 manifestants à Marseille selon la CGT", "La Provence du Soir",
        "Claire Martin", "2023-03-07", "page_metadata"]]


def test_markdown_is_read_as_the_text_it_shows(root):
    (md,) = read_corpus(root / "tests" / "data" / "pages" / "greve_lyon.md")
    assert isinstance(md, Article), md
    assert (md.title, md.source, md.date) == ("Grève du 7 mars : la mobilisation à Lyon", "Lyon Hebdo", dt.date(2023, 3, 8))
    lines = md.text.splitlines()
    assert lines[0] == "Grève du 7 mars : forte mobilisation à Lyon"
    assert ("La journée du 7 mars a été historique selon les syndicats, qui ont compté plus de 50 000 manifestants "
            "dans les rues de Lyon.") in lines  # the wrapped line joined, no ** or _
    # Each bullet stays a line of its own, without its marker.
    assert lines.index("245 000 manifestants à Marseille ;") + 1 == lines.index("50 000 manifestants à Lyon selon les syndicats ;")
    assert "22 000 manifestants à Lyon selon la préfecture." in lines
    assert "« Nous n'avions pas vu autant de monde depuis 1995 », a déclaré Sophie Binet, secrétaire générale de la CGT." in lines
    assert "| Lyon | 50 000 | 22 000 |" in lines and "| Ville | Syndicats | Préfecture |" in lines
    for marker in ("**", "# ", "- ", "_historique_", "](", "> "):
        assert marker not in md.text, marker


def test_markdown_claims_have_clean_sentences(root, tmp_path):
    from factcheck.cli import main
    import pandas as pd

    out = tmp_path / "out"
    assert main([str(root / "tests" / "data" / "pages" / "greve_lyon.md"), "--out", str(out), "--no-cache", "--quiet"]) == 0
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    assert "245 000 manifestants à Marseille ;" in set(claims.sentence)
    assert not claims.sentence.str.contains(r"\*\*|^- |^#|^'- ", regex=True).any()


def test_jsonl_fields_under_their_usual_other_names(tmp_path):
    import json

    lines = [
        {"id": "a", "headline": "Grève : 12 000 manifestants à Nantes", "published": "2025-03-07", "content":
         "Selon la CGT, 12 000 personnes ont manifesté jeudi à Nantes.", "link": "https://ouest.example/a", "outlet": "Ouest Matin"},
        {"id": "b", "titre": "Grève à Rennes", "pubDate": "Fri, 07 Mar 2025 18:00:00 GMT", "texte":
         "La préfecture a compté 4 500 manifestants à Rennes.", "permalink": "https://ouest.example/b", "site": "Rennes Infos"},
        {"id": "c", "title": "Grève à Brest", "date_published": "2025-03-08", "body": "Ils étaient 3 000 à Brest.",
         "media": "Le Télégramme du Soir"},
        {"id": "d", "article": "À Lorient, 2 000 manifestants ont défilé.", "date": "2025-03-08", "published": "2020-01-01"},
    ]
    (tmp_path / "fil.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    a, b, c, d = read_corpus(tmp_path)
    assert (a.title, a.date, a.url, a.source) == ("Grève : 12 000 manifestants à Nantes", dt.date(2025, 3, 7),
                                                  "https://ouest.example/a", "Ouest Matin")
    assert a.text == "Selon la CGT, 12 000 personnes ont manifesté jeudi à Nantes."
    assert (b.title, b.date, b.url, b.source, b.text) == ("Grève à Rennes", dt.date(2025, 3, 7), "https://ouest.example/b",
                                                          "Rennes Infos", "La préfecture a compté 4 500 manifestants à Rennes.")
    assert (c.date, c.source, c.text) == (dt.date(2025, 3, 8), "Le Télégramme du Soir", "Ils étaient 3 000 à Brest.")
    assert (d.text, d.date) == ("À Lorient, 2 000 manifestants ont défilé.", dt.date(2025, 3, 8))  # the field's own name wins
    assert all(not x.notes for x in (a, b, c, d))  # every key known: nothing to say


def test_unknown_jsonl_keys_get_one_note_per_file_naming_them(tmp_path):
    import json

    lines = [
        {"id": "1", "text": "La grève a réuni 3 500 personnes à Lyon.", "auteur_photo": "AFP", "chapo": "Forte mobilisation"},
        {"id": "2", "text": "La grève a réuni 2 000 personnes à Grenoble.", "chapo": "Mobilisation", "tags": ["grève"]},
        {"id": "3", "text": "La grève a réuni 1 000 personnes à Annecy.", "chapo": "Calme", "tags": []},
    ]
    (tmp_path / "fil.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    first, second, third = read_corpus(tmp_path)
    (note,) = first.notes
    assert note.startswith("unknown fields 'auteur_photo', 'chapo' in fil.jsonl (first on line 1): ignored;")
    assert second.notes == ("unknown field 'tags' in fil.jsonl (first on line 2): ignored; the fields read are id, text, "
                            "title, date, source, url, author or their usual other names (published, headline, content, link, outlet...)",)
    assert third.notes == ()


def test_an_article_without_a_date_in_its_metadata_is_dated_by_its_address_or_dateline(tmp_path):
    (tmp_path / "a.txt").write_text(
        "---\ntitle: Gilets jaunes\nurl: https://www.exemple.fr/societe/2018/12/01/gilets-jaunes-le-bilan_5391.html\n---\n"
        "Le ministère de l'Intérieur a recensé 136 000 manifestants samedi.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "PARIS, 1er décembre 2018 (AFP) - Le ministère de l'Intérieur a recensé 136 000 manifestants.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "Le ministère a recensé 136 000 manifestants samedi."}\n', encoding="utf-8")
    a, b, c = read_corpus(tmp_path)
    assert (a.date, a.date_basis) == (dt.date(2018, 12, 1), "url")
    assert (b.date, b.date_basis) == (dt.date(2018, 12, 1), "text")
    assert "from its dateline" in b.notes[0]
    assert c.date is None and c.info().date_basis is None  # no date anywhere: none made up
