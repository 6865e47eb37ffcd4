"""Download files of real records, read back by the parsers reference managers use (bibtexparser, rispy,
Bio.Medline, json): each must say what the record says, as the article's page does.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import jsonschema
import rispy
from Bio import Medline
from exports_as_built import exported

from site_builder import readers
from site_builder.build import build
from site_builder.cite.parts import page_range
from site_builder.model.article import Article

DATA = Path(__file__).resolve().parents[1] / "data"


def test_an_article_number_with_a_hyphen_is_no_page_range(article_pages: Callable) -> None:
    """ERJ Open Research numbers its articles by manuscript and year: efetch_pmc.xml's ``<elocation-id>50193-2021``
    (DOI 10.1183/23120541.50193-2021) is one number, not NLM's shortened range of pages 50193 to 52021. Every
    download writes it where pages go, and where its format names an article number too."""
    page = next(iter(article_pages({"erj.xml": (DATA / "jats-xml" / "efetch_pmc.xml").read_bytes()}).values()))
    (entry,) = bibtexparser.parse_string(page.download(".bib")).entries
    assert (entry.fields_dict["pages"].value, entry.fields_dict["eid"].value) == ("50193-2021", "50193-2021")
    (ris,) = rispy.loads(page.download(".ris"))
    assert (ris["start_page"], ris.get("end_page")) == ("50193-2021", None)
    assert "C7  - 50193-2021\n" in page.download(".ris")
    item = json.loads(page.download(".json"))[0]
    assert (item["page"], item["number"]) == ("50193-2021", "50193-2021")
    assert "PG  - 50193-2021\n" in page.download(".nbib")
    meta = {m.get("name"): m.get("content") for m in page.root.iter("meta") if m.get("name")}
    assert (meta["citation_firstpage"], meta.get("citation_lastpage")) == ("50193-2021", None)
    for style, text in page.citations().items():
        assert "52021" not in text and "50193\u20132021" not in text, style
    assert "ERJ Open Research, 7(3), Article 50193-2021." in page.citations()["apa"]


def test_pages_and_an_article_number_are_both_shown_and_downloaded(article_pages: Callable) -> None:
    """Web of Science's BibTeX gives an article both "Pages = {111-188}" and "Article-Number = {6756}" (CoLRev's
    test export, MIT, in Web of Science's shape): the page shows both, every download writes both, Vancouver cites
    the pages as PubMed does, and APA the number (its example 6, as apa.csl prints it)."""
    pages = article_pages({"wos.bib": (DATA / "bibtex" / "colrev-web-of-science.bib").read_bytes()})
    page = pages["A dummy title's"]
    assert (page.facts()["Pages"], page.facts()["Article number"]) == ("111-188", "6756")
    (entry,) = bibtexparser.parse_string(page.download(".bib")).entries
    assert (entry.fields_dict["pages"].value, entry.fields_dict["eid"].value) == ("111--188", "6756")
    ris = page.download(".ris")
    assert "SP  - 111\nEP  - 188\nC7  - 6756\n" in ris
    item = json.loads(page.download(".json"))[0]
    assert (item["page"], item["number"]) == ("111-188", "6756")
    cited = page.citations()
    assert "2022 Mar 1;22(3):111-188." in cited["vancouver"] and "22(3), Article 6756." in cited["apa"]


def test_page_range_tells_article_numbers_from_shortened_ranges() -> None:
    assert page_range("50193-2021", "10.1183/23120541.50193-2021") == ("50193-2021", "")
    assert page_range("2101499-2021", "10.1183/13993003.01499-2021") == ("2101499-2021", "")  # ERJ's own form
    assert page_range("50193-2021") == ("50193-2021", "")  # 1,828 pages: no one article's
    assert page_range("10995-1002") == ("10995", "11002")  # NLM's shortened range across a thousand
    assert page_range("36-42", "10.1016/j.jbi.2013.10.006") == ("36", "42")
    # jabref-citavi-project.ctv6bak's Med Arch article: pages its DOI ends with, written whole
    assert page_range("238-241", "10.5455/msm.2013.25.238-241") == ("238", "241")


def test_a_list_of_pages_has_no_last_page(tmp_path: Path) -> None:
    """MEDLINE's PG of pages in several parts, as PubMed's CSV export of gratidutra/cientometry_anopheles prints
    them (../data/pubmed-csv/anopheles-pages-as-printed.csv): the RIS download said "SP  - 368", "EP  - 71, 375"
    and the page's citation_lastpage "71, 375". A list after the first range is kept whole as the first page."""
    assert page_range("368-71, 375") == ("368-71, 375", "")
    assert page_range("95-7, 102, 105 passim") == ("95-7, 102, 105 passim", "")
    assert page_range("419-20; author reply 420-1") == ("419-20; author reply 420-1", "")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    name = "anopheles-pages-as-printed.csv"
    (site / "content" / name).write_bytes((DATA / "pubmed-csv" / name).read_bytes())
    build(site, tmp_path / "_site")
    ris = (tmp_path / "_site" / "articles" / "pubmed-18441986.ris").read_text(encoding="utf-8")
    assert "SP  - 368-71, 375" in ris.splitlines() and "EP  -" not in ris


def test_a_books_medline_download_keeps_its_kind_publisher_and_place(article_pages: Callable) -> None:
    """jabref-book.ris, Berkman's "Find It Fast" (TY BOOK, PB HarperPerennial, CY New York): its .nbib wrote the
    title as TI and no PT, which Zotero's MEDLINE/nbib translator and the MEDLINE reader both read as a journal
    article, without its publisher and place. A book's title is BTI and its PT "Book", as PubMed writes its books."""
    [page] = article_pages({"book.ris": (DATA / "ris" / "jabref-book.ris").read_bytes()}).values()
    nbib = page.download(".nbib")
    [record] = Medline.parse(io.StringIO(nbib))
    assert (record["PT"], record["BTI"], "TI" in record) == (["Book"], ["Find It Fast: How to Uncover Expert "
                                                             "Information on Any Subject"], False)
    again = _read_back_as(nbib, "back.nbib")
    assert (again.kind, again.title, again.publisher, again.place, again.date) == (
        "book", "Find It Fast: How to Uncover Expert Information on Any Subject", "HarperPerennial", "New York", "1994")


def test_a_chapter_with_its_own_publication_type_is_still_a_book_chapter(article_pages: Callable) -> None:
    """bookshelf-chapter-handwritten.xml, the shape of a StatPearls chapter (PubmedBookArticle whose only
    PublicationType is "Study Guide"): its .nbib said "PT  - Study Guide" alone, which Zotero reads as a journal
    article, dropping the book's publisher and place; PubMed adds "Book Chapter" after it."""
    xml = (DATA / "pubmed-xml" / "bookshelf-chapter-handwritten.xml").read_bytes()
    [page] = article_pages({"chapter.xml": xml}).values()
    [record] = Medline.parse(io.StringIO(page.download(".nbib")))
    assert record["PT"] == ["Study Guide", "Book Chapter"]
    assert (record["BTI"], record["PB"], record["PL"]) == (["Example Pearls"], ["Example Publishing"],
                                                          "Treasure Island (FL)")


def _bbt_dates() -> dict[str, Article]:
    path = DATA / "csl-json" / "bbt-date-export.csl.json"
    records = readers.read_data(path.read_bytes(), path, f"content/{path.name}")[0]
    return {a.id.removeprefix("csl-json-"): a for a in (readers.to_article(r)[0] for r in records)}


def test_periods_seasons_and_years_before_our_era_keep_their_parts_in_every_download(csl_schema: dict) -> None:
    """Better BibTeX's date tests (bbt-date-export.csl.json): a period, an open end, an approximate date, a
    season, years before our era. The downloads gave the year alone (CSL ``[[2014]]``, RIS "2014///…", BibTeX
    ``year``) and nothing at all for 334 BC; each now carries what it can, and reads back as it was."""
    found = _bbt_dates()
    picked = [found[key] for key in ("t1", "t3", "t5", "t6", "doe12-edtf-2011", "doe7-politics-1985")]
    csl = json.loads(exported("csl-json", picked))
    jsonschema.validate(csl, csl_schema)
    items = {item["id"].removeprefix("csl-json-"): item["issued"] for item in csl}
    assert items["t1"]["date-parts"] == [[2014, 12, 31], [2015, 1, 1]]
    assert items["t3"]["date-parts"] == [[2014, 12, 31], [0]]
    assert (items["t5"]["date-parts"], items["t5"]["literal"]) == ([[-334]], "334 BC")
    assert items["t6"]["date-parts"] == [[-100, 7, 12], [-44, 3, 15]]
    assert (items["doe12-edtf-2011"]["date-parts"], items["doe12-edtf-2011"]["circa"]) == ([[2011, 5]], True)
    assert (items["doe7-politics-1985"]["date-parts"], items["doe7-politics-1985"]["season"]) == ([[1985]], 1)
    ris = [(r.get("year"), r.get("date")) for r in rispy.loads(exported("ris", picked))]
    assert ris == [("2014", "2014/12/31/2014 Dec 31-2015 Jan 1"), ("2014", "2014/12/31/2014 Dec 31-"),
                   ("-0333", None), ("-0099", None), ("2011", "2011/05//ca. 2011 May"), ("1985", "1985///1985 Spring")]
    bib = [e.fields_dict["date"].value for e in bibtexparser.parse_string(exported("bibtex", picked)).entries]
    assert bib == ["2014-12-31/2015-01-01", "2014-12-31/", "-0333", "-0099-07-12/-0043-03-15", "2011-05~", "1985-21"]
    # Read back: RIS and BibTeX keep a year before our era as they write it ("-0333"), and the BibTeX reader
    # takes biblatex's "2011-05~" for May 2011, without its "~".
    kept = {"csl-json": range(6), "ris": (0, 1, 4, 5), "bibtex": (0, 1, 5)}
    for fmt, name in (("csl-json", "back.json"), ("ris", "back.ris"), ("bibtex", "back.bib")):
        back = readers.read_data(exported(fmt, picked).encode(), Path(name), f"content/{name}")[0]
        again = [readers.to_article(record)[0] for record in back]
        assert [(again[n].date, again[n].date_printed) for n in kept[fmt]] == [
            (picked[n].date, picked[n].date_printed) for n in kept[fmt]], fmt


def test_a_journal_articles_electronic_date_is_in_its_ris_download(article_pages: Callable) -> None:
    """efetch_pmc.xml's ERJ Open Research article, published online on 13 September 2021 (its epub
    ``pub-date``) in the July 2021 issue: the RIS download gave the issue's month alone. ET is now the electronic
    date, as EndNote writes a journal article's "Epub Date", and reads back as one."""
    page = next(iter(article_pages({"erj.xml": (DATA / "jats-xml" / "efetch_pmc.xml").read_bytes()}).values()))
    (ris,) = rispy.loads(page.download(".ris"))
    assert (ris["date"], ris["edition"]) == ("2021/07//", "2021/09/13")
    again = _read_back_as(page.download(".ris"), "back.ris")
    assert (again.date, again.epub_date, again.edition) == ("2021-07", "2021-09-13", "")


def _read_back_as(text: str, name: str) -> Article:
    [record] = readers.read_data(text.encode(), Path(name), f"content/{name}")[0]
    return readers.to_article(record)[0]


def test_a_biblatex_date_the_record_writes_is_given_back_as_written() -> None:
    """Better BibLaTeX's EDTF "DATE = {-2000~}" (about 2001 BC; its shape retyped, as in test_printed_years.py) is
    shown as printed, and the BibTeX download had no date at all; a printed "2019-20" (a school year) is no
    biblatex date and stays out."""
    old = _read_back_as("@book{old, title = {A tablet of the third millennium}, date = {-2000~}}\n", "a.bib")
    year = _read_back_as("@book{year, title = {A school year}, year = {2019-20}}\n", "b.bib")
    entries = bibtexparser.parse_string(exported("bibtex", [old, year])).entries
    assert [e.fields_dict["date"].value if "date" in e.fields_dict else None for e in entries] == ["-2000~", None]


def test_an_eric_journal_article_is_a_journal_article_in_its_medline_download() -> None:
    """colrev-eric.nbib, ERIC's EJ1131633 ("PT  - Journal Articles", "PT  - Reports - Research"): its .nbib, with
    no ERIC number (OID) to tell, was typed by Zotero's MEDLINE/nbib translator as a report (any PT with "Report"
    in it) and its journal taken for the institution. MEDLINE's "Journal Article" now follows ERIC's own word."""
    path = DATA / "medline-nbib" / "colrev-eric.nbib"
    [record] = readers.read_data(path.read_bytes(), path, f"content/{path.name}")[0]
    [again] = Medline.parse(io.StringIO(exported("medline", [readers.to_article(record)[0]])))
    assert again["PT"] == ["Journal Articles", "Reports - Research", "Journal Article"]
