"""Hostile records build a safe site: direction overrides and control characters in titles and names, a 1 MB
title, 10,000 authors on one record, identifiers and names whose slugs would be "..", "/", "CON", "aux", empty,
300 bytes long, or the same but for case or accents, deeply nested XML, entity expansion and external entities,
and a catalogue record that disagrees with itself. Every record gets its page, every page parses, no two files
share a name even on a case-insensitive file system, and no value becomes markup or escapes its place.

The records are real ones (a CSL-JSON item of tests/data/csl-json, a catalogue record of tests/data/catalogue-dump,
a PubMed record of tests/data/pubmed-xml) with the hostile values put in.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from site_builder.build import BuildResult, build
from site_builder.diagnostics import Level
from site_builder.plan.pages import Page
from site_builder.readers import catalogue, pubmed_xml, to_article

DATA = Path(__file__).resolve().parent / "data"
CSL = json.loads((DATA / "csl-json" / "deep-review-subset.json").read_text(encoding="utf-8"))[0]
CATALOGUE = (DATA / "catalogue-dump" / "english-labels.txt").read_text(encoding="utf-8")
PUBMED = (DATA / "pubmed-xml" / "pubmed-29768149.xml").read_text(encoding="utf-8")
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
HUGE_TITLE = "Liver-directed therapy for neuroendocrine metastases. " * 19_000  # 1.03 MB
MANY = 10_000
_PAGE_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def item(key: str, title: str, authors: list[dict] | None = None, journal: str | None = None) -> dict:
    """The real CSL-JSON item with its id, title and (optionally) authors and journal replaced."""
    changed = {**CSL, "id": key, "title": title}
    if authors is not None:
        changed["author"] = authors
    if journal is not None:
        changed["container-title"] = journal
    changed.pop("URL", None)  # its arXiv address would merge every item into one work
    return changed


def person(family: str, given: str = "Ann") -> dict:
    return {"family": family, "given": given}


SLUG_TRAPS = ["..", "/", "CON", "aux", "", "é" * 150, "Case", "case", "Résumé", "Resume", "index", "NUL.txt"]
HOSTILE_ITEMS = [
    item("bidi", "Invoice \u202egnp.exe and the rest of the line",
         [person("\u202eliveD", "Evil"), person("Normal", "Next\u2067")], journal="J \u2067Isolate"),
    item("controls", "Bell\u0007 NUL\u0000 ESC\u001b[31m red", [person("Ctl\u0001", "A\u0000")],
         journal="Vertical\u000btab"),
    item("huge", HUGE_TITLE),
    item("many-authors", "One record with ten thousand authors",
         [person(f"Author{n:05d}", "Many") for n in range(MANY)]),
    *[item(key, f"A work with the id {key!r} ({n})", [person(key or "Nobody", "Slug")], journal=key or None)
      for n, key in enumerate(SLUG_TRAPS)],
    *[item(f"names-{n}", f"Names that differ in case and accents ({n})", [person(family, "Hans")])
      for n, family in enumerate(["Müller", "Muller", "MÜLLER", "Mueller"])],
]
TOPIC_TRAPS = ["CON", "Index", "..", "/", "aux", "Résumé", "Resume", "RESUME"]


def catalogue_record(topics: list[str]) -> str:
    """The real catalogue record filed under ``topics``."""
    assert "\ntopic Review\n" in CATALOGUE
    return CATALOGUE.replace("\ntopic Review\n", "\ntopic " + "\n".join(topics) + "\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    site = tmp_path_factory.mktemp("hostile") / "site"
    records = site / "content" / "records"
    records.mkdir(parents=True)
    (records / "hostile.json").write_text(json.dumps(HOSTILE_ITEMS, ensure_ascii=False), encoding="utf-8")
    (records / "topics.txt").write_text(catalogue_record(TOPIC_TRAPS), encoding="utf-8")
    (site / "site.toml").write_text('references = false\nbase_url = "https://example.org/reviews/"\n')
    out = site.parent / "out"
    started = time.perf_counter()
    result = build(site, out)
    print(f"hostile site: {result.pages} pages in {time.perf_counter() - started:.1f} s")
    return result, out


@pytest.fixture(scope="module")
def planned(hostile: tuple[BuildResult, Path]) -> list[Page]:
    """The hostile site's pages, planned once for the tests that look for pages of a kind."""
    return hostile[0].planned()


def test_every_record_has_its_page(hostile: tuple[BuildResult, Path], planned: list[Page]) -> None:
    result, out = hostile
    assert result.unwritten == 0
    assert result.records == len(HOSTILE_ITEMS) + 1
    assert result.articles == result.records  # nothing merged away, nothing lost
    assert len(list((out / "articles").glob("*.html"))) == result.articles
    authors = {a for article in planned if article.template == "author.html" for a in [article.path]}
    assert len(authors) >= MANY + len(SLUG_TRAPS)  # every author of the 10,000 has a page


def test_no_two_files_share_a_name_even_where_case_does_not_count(hostile: tuple[BuildResult, Path]) -> None:
    _, out = hostile
    paths = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
    assert len({unicodedata.normalize("NFC", p).casefold() for p in paths}) == len(paths)


def test_no_file_name_is_a_windows_device_or_too_long(hostile: tuple[BuildResult, Path]) -> None:
    _, out = hostile
    for path in out.rglob("*"):
        part = path.relative_to(out)
        for name in part.parts:
            assert name.split(".")[0].casefold() not in WINDOWS_DEVICES, part
            assert len(name.encode("utf-8")) <= 255 and name not in ("", ".", ".."), part
            assert re.fullmatch(r"[a-z0-9._-]+", name) or name.startswith("."), part


def test_no_page_holds_a_control_character_and_the_feeds_parse(hostile: tuple[BuildResult, Path]) -> None:
    _, out = hostile
    for path in [*out.rglob("*.html"), *out.rglob("*.xml")]:
        data = path.read_bytes()
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):  # the quick test first: 10,000 pages
            assert not _PAGE_CONTROLS.search(data), path
        data.decode("utf-8")
    for feed in ("feed.xml", "sitemap.xml"):
        etree.fromstring((out / feed).read_bytes(), etree.XMLParser(resolve_entities=False))


def _balanced(text: str) -> bool:
    opened: list[str] = []
    for char in text:
        if char in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            opened.append(char)
        elif char in "\u202c\u2069":
            if not opened:
                return False
            opened.pop()
    return not opened


def test_a_direction_override_in_a_value_stops_at_its_end(hostile: tuple[BuildResult, Path], planned: list[Page],
                                                           html) -> None:
    """Every run of text in every page that shows the bidi record closes what it opens: an override in one
    author's name never reverses the next name or the rest of the line."""
    _result, out = hostile
    pages = [out / p.path for p in planned if p.path.endswith(".html")
             and ("bidi" in p.path or "evil" in p.path or p.template in ("home.html", "journals.html"))]
    assert len(pages) >= 3
    for page in pages:
        root = html.parse(page)
        for element in root.iter():
            for text in (element.text, element.tail):
                assert _balanced(text or ""), (page, text)
    byline = html.text(html.main(html.parse(out / "articles" / "csl-json-bidi.html")))
    assert "\u202eliveD\u202c, Evil" in byline and "Normal, Next\u2067\u2069" in byline


def test_control_characters_are_replaced_in_titles_and_shown_as_pictures_in_the_full_record(
        hostile: tuple[BuildResult, Path], html) -> None:
    _, out = hostile
    root = html.parse(out / "articles" / "csl-json-controls.html")
    assert html.text(root.find(".//h1")) == "Bell\ufffd NUL\ufffd ESC\ufffd[31m red"
    cells = [html.text(td) for td in root.iter("td")]
    assert "Bell\u2407 NUL\u2400 ESC\u241b[31m red" in cells  # the record as given, each control visible


def test_a_1_mb_title_is_shown_whole(hostile: tuple[BuildResult, Path], html) -> None:
    _, out = hostile
    root = html.parse(out / "articles" / "csl-json-huge.html")
    assert html.text(root.find(".//h1")) == HUGE_TITLE.strip()


def test_ten_thousand_authors_are_all_on_the_article_page(hostile: tuple[BuildResult, Path], html) -> None:
    _, out = hostile
    main = html.main(html.parse(out / "articles" / "csl-json-many-authors.html"))
    linked = {href for href, _ in html.anchors(main) if href.startswith("../authors/author")}
    assert len(linked) == MANY
    assert all((out / "articles" / href).resolve().is_file() for href in list(linked)[:50])


@pytest.mark.parametrize("key", SLUG_TRAPS)
def test_each_slug_trap_has_an_article_page_of_its_own(hostile: tuple[BuildResult, Path], planned: list[Page], html,
                                                        key: str) -> None:
    _result, out = hostile
    title = f"A work with the id {key!r} ({SLUG_TRAPS.index(key)})"
    found = [p.path for p in planned if p.template == "article.html" and p.context["article"].title == title]
    assert len(found) == 1, key
    assert found[0].startswith("articles/") and found[0].count("/") == 1
    assert html.text(html.parse(out / found[0]).find(".//h1")) == title


def test_names_and_topics_that_differ_in_case_or_accents_get_pages_of_their_own(
        hostile: tuple[BuildResult, Path], planned: list[Page], html) -> None:
    _result, out = hostile
    topics = [html.text(html.parse(out / p.path).find(".//h1")) for p in planned if p.template == "topic.html"]
    for topic in ("CON", "Index", "..", "/", "aux"):
        assert any(topic in shown for shown in topics), (topic, topics)
    people = [html.text(html.parse(out / p.path).find(".//h1")) for p in planned
              if p.template == "author.html" and "hans" in p.path]
    assert len(people) >= 2  # Müller and Mueller are two spellings at least; none lost to a shared file name


# --- XML: nesting, entity expansion, external entities --------------------------------------------------------

def _pubmed_with(title_xml: str, doctype: str = "") -> bytes:
    text = re.sub(r"<ArticleTitle>.*?</ArticleTitle>", lambda m: f"<ArticleTitle>{title_xml}</ArticleTitle>", PUBMED,
                  count=1, flags=re.S)
    if doctype:
        text = re.sub(r"(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + doctype, text, count=1)
    return text.encode("utf-8")


def test_200_levels_of_nested_markup_in_a_title_are_read() -> None:
    nested = "<i>" * 200 + "Deep title" + "</i>" * 200
    records, problems = pubmed_xml.read_bytes(_pubmed_with(nested), "deep.xml")
    assert records and not [d for d in problems if d.level is Level.ERROR]
    article, _ = to_article(records[0])
    assert article.title == "Deep title"


LAUGHS = ('<!DOCTYPE PubmedArticleSet [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
                    for n in range(1, 10)) + "]>")


def test_a_billion_laughs_is_not_expanded() -> None:
    started = time.perf_counter()
    records, _ = pubmed_xml.read_bytes(_pubmed_with("Laughs &lol9;", LAUGHS), "laughs.xml")
    assert time.perf_counter() - started < 5
    for record in records:
        article, _ = to_article(record)
        assert len(article.title) < 1000 and "lollollol" not in article.title


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    doctype = (f'<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
               f'<!ENTITY % remote SYSTEM "{secret.as_uri()}"> %remote;]>')
    records, _ = pubmed_xml.read_bytes(_pubmed_with("Read &xxe; here", doctype), "xxe.xml")
    for record in records:
        assert not any("TOP-SECRET" in v for f in record.fields for v in f.values)
        article, _ = to_article(record)
        assert "TOP-SECRET" not in article.title


# --- a catalogue record that disagrees with itself -------------------------------------------------------------

def _spelling_with(authors_in_spelling: str, journal: str) -> tuple[str, list[str]]:
    records, _ = catalogue.read(CATALOGUE, "c.txt")
    spelling = records[0].first("spelling")
    authors = " ".join(records[0].values("author"))
    assert authors in spelling and "Front Pharmacol" in spelling
    changed = spelling.replace(authors, authors_in_spelling).replace("Front Pharmacol ", journal)
    record = catalogue.read(CATALOGUE.replace(spelling, changed), "c.txt")[0][0]
    article, problems = to_article(record)
    return article.journal, [d.message for d in problems if d.level is Level.WARNING]


def test_a_spelling_that_names_other_authors_gives_no_journal_of_names() -> None:
    journal, warnings = _spelling_with("Smith, John Doe, Jane", "Front Pharmacol ")
    assert journal == "" and "Smith" not in journal
    assert any("names authors the author field does not" in w for w in warnings)


def test_a_spelling_with_other_authors_and_no_journal_gives_no_journal_of_names() -> None:
    journal, warnings = _spelling_with("Smith, John Doe, Jane", "")
    assert journal == "" and any("names authors" in w for w in warnings)


def test_a_spelling_with_an_author_spelt_otherwise_still_gives_its_journal() -> None:
    """One byte of a name replaced in the author field ("Mertz, L\ufffdc"): the spelling's "Mertz, Luc" is the
    same author, and the journal after the names is still found."""
    records, _ = catalogue.read((DATA / "catalogue-dump" / "bad-bytes.txt").read_bytes().decode("utf-8", "replace"),
                                "b.txt")
    article, problems = to_article(records[0])
    assert article.journal == "Cancers (Basel)"
    assert not [d for d in problems if "spelling" in d.message]


def test_the_structured_container_title_wins_over_the_spelling() -> None:
    text = CATALOGUE.replace("\ndescription ", "\ncontainer_title Frontiers in Pharmacology\ndescription ", 1)
    record = catalogue.read(text, "c.txt")[0][0]
    article, problems = to_article(record)
    assert article.journal == "Frontiers in Pharmacology"
    assert any("is not the container_title" in d.message for d in problems)


def test_a_reader_that_fails_costs_its_record_or_file_not_the_build(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The readers are made never to raise (tests/test_fuzz_readers.py), but one that does on input nobody
    foresaw stopped the whole build with a traceback. It now costs that record (or file) alone: an error names
    it and what failed, and every other record is built."""
    from site_builder.readers import registry

    records = tmp_path / "site" / "content" / "records"
    records.mkdir(parents=True)
    (records / "a.ris").write_text("TY  - JOUR\nTI  - A kept article\nER  - \n\nTY  - JOUR\nTI  - A failing one\n"
                                   "ER  - \n", encoding="utf-8")
    (records / "b.ris").write_text("TY  - JOUR\nTI  - A file that fails\nER  - \n", encoding="utf-8")
    (records / "c.ris").write_text("TY  - JOUR\nTI  - Another kept article\nER  - \n", encoding="utf-8")
    to_article_as_it_is, read_data_as_it_is = registry.to_article, registry.read_data

    def failing_on_a_record(record):  # type: ignore[no-untyped-def]
        if record.values("TI") == ("A failing one",):
            raise IndexError("list index out of range")
        return to_article_as_it_is(record)

    def failing_on_a_file(data, path, shown):  # type: ignore[no-untyped-def]
        if shown.endswith("b.ris"):
            raise RecursionError("maximum recursion depth exceeded")
        return read_data_as_it_is(data, path, shown)

    monkeypatch.setattr(registry, "to_article", failing_on_a_record)
    monkeypatch.setattr(registry, "read_data", failing_on_a_file)
    result = build(tmp_path / "site", tmp_path / "out", clean=True)
    assert [str(d) for d in result.report.diagnostics if d.level is Level.ERROR] == [
        "content/records/a.ris:5: error: this ris record could not be read, and is left out: site-builder failed "
        "on it (IndexError: list index out of range); please report it with the ris record",
        "content/records/b.ris:1: error: this file could not be read, and is left out: site-builder failed on it "
        "(RecursionError: maximum recursion depth exceeded); please report it with the file"]
    assert result.site is not None
    assert sorted(a.title for a in result.site.library.articles.values()) == [
        "A kept article", "Another kept article"]
