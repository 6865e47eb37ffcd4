"""EndNote's XML export: JabRef's real test files (an export of Bookends with a PubMed record, three records of an
EndNote library with a title in italic runs, a report) and one review written in EndNote's one-line shape from
its PubMed record; read as the tagged export reads the same fields, every element kept for the full record, a
site built from them shows the values exactly, and a broken record costs only itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.merge import merge_articles
from site_builder.readers import endnote_xml

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = ["endnote-xml/jabref-article.xml", "endnote-xml/jabref-label-multititle.xml",
         "endnote-xml/jabref-report.xml", "endnote-xml/jabref-exported.xml", "merge/adhm-endnote.xml"]


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


@pytest.mark.parametrize("name", FILES)
def test_the_reader_is_chosen_by_content(name: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("utf-8")
    assert readers.choose_reader(Path("x.xml"), head).format == "endnote-xml"
    assert readers.choose_reader(Path("x.txt"), head).format == "endnote-xml"  # by content when no suffix fits


def test_other_xml_is_not_taken_for_endnote() -> None:
    for head in ('<?xml version="1.0"?><PubmedArticleSet><PubmedArticle>', "<article><front>",
                 "<xml><data/></xml>", "<records><record>", "",
                 "EndNote's XML starts `<xml><records><record>`"):
        assert not endnote_xml.sniff(head), head


def test_a_pubmed_record_exported_by_bookends() -> None:
    [a] = articles("endnote-xml/jabref-article.xml")
    # the title's line breaks are the file's layout, not the title's
    assert a.title == ("Trends in the lifetime risk of developing cancer in Great Britain: comparison of risk "
                       "for those born from 1930 to 1960")
    assert [p.name for p in a.authors] == ["Ahmad, AS", "Ormiston-Smith, N", "Sasieni, PD"]
    assert (a.journal, a.volume, a.issue, a.pages) == ("Br J Cancer", "112", "5", "943-7")
    assert a.date == "2015-03-03"  # <year>2015</year> and <date>Mar 3</date>
    assert (a.doi, a.pmid, a.id) == ("10.1038/bjc.2014.606", "25647015", "pubmed-25647015")
    assert "Aged, 80 and over" in a.keywords and len(a.keywords) == 13  # one keyword an element, commas kept
    assert [s.text for s in a.abstract] == ["test abstract"]
    # the PDF lives in the owner's library: no link to it, but the full record keeps it
    assert all("file://" not in link.url for link in a.links)
    [record] = a.records
    assert any(f.name == "urls/pdf-urls/url" and "Ahmad%20et%20al%202015.pdf" in f.values[0] for f in record.fields)
    assert any(f.name == "isbn" and "1532-1827 (Electronic)\r0007-0920 (Linking)" in f.values[0]
               for f in record.fields)  # verbatim, the CR EndNote writes as "&#xD;" too


def test_italic_runs_make_one_title_and_each_kind_reads_its_fields() -> None:
    article, book, skua = articles("endnote-xml/jabref-label-multititle.xml")
    assert skua.title == "A demographic study of the south polar skua Catharacta maccormicki at Cape Crozier"
    # the italic run is the title's italics (it was shown upright)
    assert [(skua.title[s:e], kind) for s, e, kind in skua.title_styles] == [("Catharacta maccormicki", "i")]
    assert article.title_styles == book.title_styles == ()
    assert (skua.journal, skua.volume, skua.pages, skua.date) == ("Journal of Animal Ecology", "59", "1-20", "1990")
    assert (article.journal, article.journal_abbrev, article.date) == ("Ecology", "Ecology", "1937-01")
    assert article.languages[0].tag == "en"
    # a book's <secondary-title> is its series, and its <pages> its number of pages, never a range
    assert (book.kind, book.journal, book.pages) == ("book", "Ecology", "")
    assert [r.where.line for r in (article.records[0], book.records[0], skua.records[0])] == [4, 89, 174]


def test_raised_and_lowered_runs_keep_their_place() -> None:
    normal, lowered, raised = ('<style face="normal" font="default" size="100%">', '<style face="subscript" '
                               'font="default" size="100%">', '<style face="bold superscript" size="100%">')
    data = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><ref-type name="Journal Article">17'
            f"</ref-type><titles><title>{normal}Ocean uptake of CO</style>{lowered}2</style>{normal} and "
            f"Ca</style>{raised}2+</style>{normal} in the V</style>{lowered}max</style></title></titles>"
            "</record></records></xml>").encode()
    [record], _ = read("endnote-xml/jabref-report.xml", data)
    assert readers.to_article(record)[0].title == "Ocean uptake of CO₂ and Ca²⁺ in the Vmax"


def test_a_journal_articles_custom7_is_its_article_number() -> None:
    record = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><ref-type name="{kind}">0</ref-type>'
              "<titles><title>Fossils of the oldest diplodocoid dinosaur</title></titles>{pages}"
              "<custom7>12680</custom7></record></records></xml>")
    def pages(kind: str, pages: str = "") -> tuple[str, str]:
        [found], _ = read("endnote-xml/jabref-report.xml", record.format(kind=kind, pages=pages).encode())
        article = readers.to_article(found)[0]
        return article.pages, article.article_number

    assert pages("Journal Article") == ("", "12680")
    assert pages("Journal Article", "<pages>1-9</pages>") == ("1-9", "12680")
    assert pages("Book Section") == ("", "")  # another kind's <custom7> is another field


def test_jabrefs_own_export_a_conference_paper_and_an_edited_book() -> None:
    """JabRef writes EndNote's XML too (no <style> runs; its own "Conference" type for BibTeX's @conference)."""
    paper, book = articles("endnote-xml/jabref-exported.xml")
    assert (paper.kind, paper.container, paper.journal) == (
        "paper-conference", "Proceedings of the 9th International Symposium on Information and Communication "
        "Technology", "")
    assert (paper.pages, paper.doi, paper.date) == ("130-136", "10.1145/3287921.3287982", "2018")
    assert (book.kind, book.title, book.authors, book.publisher) == ("book", "Wave Energy Conversion", (),
                                                                     "Elsevier Science")
    assert [p.name for p in book.editors] == ["Bhattacharyya, R.", "McCormick, M. E."]


def test_a_report_keeps_its_publisher_and_no_page_range() -> None:
    [report] = articles("endnote-xml/jabref-report.xml")
    assert (report.kind, report.publisher, report.date, report.pages) == (
        "report", "USDA Forest Service, Rocky Mountain Region", "2005", "")
    assert [p.name for p in report.authors] == ["Wiggins, D. A."]


def test_the_same_review_as_pubmed_gives_it() -> None:
    [endnote] = articles("merge/adhm-endnote.xml")
    [pubmed] = articles("merge/adhm-pubmed.xml")
    for field in ("id", "doi", "pmid", "pmcid", "volume", "issue", "pages", "date", "epub_date", "topics"):
        assert getattr(endnote, field) == getattr(pubmed, field), field
    assert endnote.title == pubmed.title.removesuffix(".")  # EndNote's record drops MEDLINE's final period
    # EndNote's PubMed import keeps NLM's abbreviation as the journal, the full title as the alternate one
    assert (endnote.journal, endnote.journal_abbrev) == ("Adv Healthc Mater", "Advanced healthcare materials")
    assert [p.name for p in endnote.authors] == ["Şen, Ö.", "Emanet, M.", "Ciofani, G."]
    assert [s.text for s in endnote.abstract] == [s.text for s in pubmed.abstract]
    # the notes' italic run is part of the notes, each line its own
    [record] = endnote.records
    notes = next(f for f in record.fields if f.name == "notes")
    # the attributes of plain text's style runs say nothing (184 fields, 65 without them); another run keeps its own
    assert [(f.name, f.values) for f in record.fields if "/style/" in f.name] == [("notes/style/@face", ("italic",))]
    assert notes.values[0].split("\r")[:3] == ["1Şen, Özlem", "Emanet, Melis", "Ciofani, Gianni"]


def test_six_sources_of_one_review_make_one_article() -> None:
    found = [a for name in ("merge/adhm-endnote.xml", "merge/adhm-pubmed.xml", "merge/adhm-catalogue.txt",
                            "merge/adhm-medline.nbib", "merge/adhm-zotero.json", "merge/adhm-endnote.ris")
             for a in articles(name)]
    merged, problems = merge_articles(found)
    assert problems == [] and len(merged) == 1
    assert [r.format for r in merged[0].records] == ["catalogue-dump", "pubmed-xml", "medline-nbib", "csl-json",
                                                     "ris", "endnote-xml"]
    assert {"Humans", "Tumor Microenvironment", "nanomaterials"} <= set(merged[0].keywords)


def test_a_broken_record_costs_only_itself() -> None:
    data = (DATA / "endnote-xml/jabref-label-multititle.xml").read_bytes()
    broken = data.replace(b'size="100%">A survey', b'size="100%"><A survey', 1)  # the second record's title
    assert broken != data
    records, problems = read("endnote-xml/jabref-label-multititle.xml", broken)
    assert [readers.to_article(r)[0].title[:20] for r in records] == ["An ecological basis ", "A demographic study "]
    [problem] = problems
    assert problem.level is Level.ERROR and problem.where.path == "content/jabref-label-multititle.xml"
    assert 90 <= problem.where.line <= 175 and "this record was skipped" in problem.message


def test_a_record_without_a_title_is_named_untitled_with_an_error() -> None:
    data = (b'<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><ref-type>17</ref-type>'
            b"<contributors><authors><author>Doe, Jane</author></authors></contributors>"
            b"<dates><year>2020</year></dates></record></records></xml>")
    [record], problems = read("endnote-xml/jabref-report.xml", data)
    article, found = readers.to_article(record)
    assert problems == [] and article.title == "Untitled record" and article.date == "2020"
    [error] = found
    assert error.level is Level.ERROR and "<title>" in error.message and error.where.line == 1


def test_an_export_without_records_is_an_error() -> None:
    records, [problem] = read("endnote-xml/jabref-report.xml", b"<xml><records></records></xml>")
    assert records == [] and problem.level is Level.ERROR and "no <record>" in problem.message


def test_a_site_shows_each_value_as_the_record_gives_it(tmp_path: Path, html, make_site) -> None:
    result = build(make_site({Path(name).name: (DATA / name).read_bytes() for name in FILES}), tmp_path / "out")
    assert [str(d) for d in result.report.diagnostics] == []
    assert result.articles == 8
    page = html.parse(tmp_path / "out" / "articles" / "pubmed-25647015.html")
    text = html.text(page)
    assert "Trends in the lifetime risk of developing cancer in Great Britain: comparison of risk" in text
    assert "Br J Cancer" in text and "943-7" in text and "10.1038/bjc.2014.606" in text
    assert "Ahmad%20et%20al%202015.pdf" in text  # in the full record only
    assert not [a for a in page.iter("a") if a.get("href", "").startswith("file:")]


@pytest.mark.parametrize(("title_start", "date", "printed"), [
    ("Ozonation on ceramic membranes", "2012", "18-20 June 2012"),  # was "2012 18-20 Jun 2012"
    ("The Effect of Hydraulic Retention Time", "2012-06", ""),  # "June, 2012": was "2012 Jun, 2012"
    ("Zukunftsorientierte Anpassung", "2016", "Oktober 2016"),  # was "2016": the month dropped
    ("Best data handling practices", "2013", ""),  # <year> 2013, its conference's "4-6 November 2012" apart
])
def test_a_date_that_names_its_own_year_is_shown_as_written(title_start: str, date: str, printed: str) -> None:
    """KWB's EndNote library writes a conference's dates in <pub-dates> with their year ("18-20 June 2012"); the
    page showed <year> before them again, and dropped a month named in German."""
    [a] = [a for a in articles("endnote-xml/kwb-conference-dates.xml") if a.title.startswith(title_start)]
    assert (a.date, a.date_printed) == (date, printed)


@pytest.fixture(scope="module")
def kwb_site(built_records) -> Path:
    return built_records("kwb", {name: (DATA / "endnote-xml" / name).read_bytes()
                                 for name in ("kwb-conference-dates.xml", "kwb-angle-brackets.xml")})


def test_a_conference_paper_is_published_on_the_dates_its_record_gives(kwb_site: Path, html) -> None:
    shown = {}
    for page in (kwb_site / "articles").glob("*.html"):
        root = html.parse(page)
        if html.headings(root, "h1")[0].startswith("Fouling"):
            continue
        [published] = [html.text(dl[i + 1]) for dl in html.main(root).iter("dl") for i, dt in enumerate(dl)
                       if dt.tag == "dt" and html.text(dt) == "Published"]
        shown[html.headings(root, "h1")[0][:20]] = published
    assert shown == {"Ozonation on ceramic": "18-20 June 2012", "The Effect of Hydrau": "June 2012",
                     "Zukunftsorientierte ": "Oktober 2016", "Best data handling p": "2013"}


def test_a_less_than_and_a_greater_than_sign_in_an_abstract_are_text(kwb_site: Path, html) -> None:
    """"pH&lt;IEP. Die genaue Ursache … mit &gt;100mg/L" lost the 290 characters between the signs, taken for a
    tag (shared.strip_tags)."""
    [a] = articles("endnote-xml/kwb-angle-brackets.xml")
    said = " ".join(s.text for s in a.abstract)
    assert "stärkeres Fouling bei pH<IEP. Die genaue Ursache ist unklar" in said
    assert "Proteinkonzentrationen mit >100mg/L deutlich über dem Bereich" in said
    [page] = [p for p in (kwb_site / "articles").glob("*.html") if "Fouling" in html.headings(html.parse(p), "h1")[0]]
    assert "Fouling bei pH<IEP. Die genaue Ursache ist unklar" in html.text(html.main(html.parse(page)))


def test_a_conference_proceedings_custom2_is_not_a_pmc_id() -> None:
    """EndNote's Custom 2 of a Conference Proceedings (KWB's "2011", "2019") is its Year Published, not a PMC id:
    the page linked "PubMed Central PMC2011" and the record's id was "pubmed-2011"."""
    found = articles("endnote-xml/kwb-proceedings-custom2.xml")
    assert [(a.kind, a.pmcid, a.id.startswith("pubmed-")) for a in found] == [("paper-conference", "", False)] * 2


def test_the_italic_run_is_italic_on_the_page(built_records, html) -> None:
    name = "jabref-label-multititle.xml"
    site = built_records("endnote-xml-italics", {name: (DATA / "endnote-xml" / name).read_bytes()})
    pages = [html.parse(page).find(".//h1") for page in sorted((site / "articles").glob("*.html"))]
    (h1,) = [h for h in pages if html.text(h).startswith("A demographic study")]
    assert [html.text(i) for i in h1.iter("i")] == ["Catharacta maccormicki"]


def test_a_reports_number_is_no_isbn(built_records, html) -> None:
    """A Report's <isbn> is EndNote's Report Number: KWB's "Report number 2012.010, D 5.1.2.b. PREPARED" and
    "COSMA-1, D 1.2" were shown as two ISBNs each (``citation_isbn`` too); only the full record gives them."""
    found = articles("endnote-xml/kwb-report-numbers.xml")
    assert [(a.kind, a.isbns, a.issns) for a in found] == [("report", (), ())] * 2
    name = "kwb-report-numbers.xml"
    site = built_records("endnote-xml-report-numbers", {name: (DATA / "endnote-xml" / name).read_bytes()})
    for page in sorted((site / "articles").glob("*.html")):
        root = html.parse(page)
        assert not [m for m in root.iter("meta") if m.get("name") == "citation_isbn"]
        assert "ISBN" not in [html.text(dt) for dt in html.main(root).iter("dt")]
        assert any(number in html.text(html.main(root))
                   for number in ("Report number 2012.010, D 5.1.2.b. PREPARED", "COSMA-1, D 1.2"))
    # an ISBN written there is still one, and a journal article's number of neither form still its ISSN
    record = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><ref-type name="{kind}">0</ref-type>'
              "<titles><title>Groundwater recharge in Berlin</title></titles><isbn>{isbn}</isbn>"
              "</record></records></xml>")
    def numbers(kind: str, isbn: str) -> tuple:
        [read_record], _ = read("endnote-xml/jabref-report.xml", record.format(kind=kind, isbn=isbn).encode())
        article = readers.to_article(read_record)[0]
        return article.isbns, article.issns

    assert numbers("Report", "COSMA-1, 978-3-18-092141-9") == (("978-3-18-092141-9",), ())
    assert numbers("Patent", "WO2011US30214") == ((), ())
    assert numbers("Book", "WO2011US30214") == (("WO2011US30214",), ())
    assert numbers("Journal Article", "0043-1354 (Print)") == ((), ("0043-1354",))


def test_a_theses_degree_is_no_volume(built_records, html) -> None:
    """A Thesis's <volume> is EndNote's Degree: KWB's "Master" and "Diplom (BA)" were shown as "Volume: Master"
    (``citation_volume`` too); only the full record gives them."""
    found = articles("endnote-xml/kwb-thesis-degrees.xml")
    assert [(a.kind, a.volume, a.publisher) for a in found] == [
        ("thesis", "", "Technische Universität Braunschweig"), ("thesis", "", "Staatliche Studienakademie Glauchau")]
    name = "kwb-thesis-degrees.xml"
    site = built_records("endnote-xml-thesis-degrees", {name: (DATA / "endnote-xml" / name).read_bytes()})
    for page in sorted((site / "articles").glob("*.html")):
        root = html.parse(page)
        assert not [m for m in root.iter("meta") if m.get("name") == "citation_volume"]
        assert "Volume" not in [html.text(dt) for dt in html.main(root).iter("dt")]
        assert any(degree in html.text(html.main(root)) for degree in ("Master", "Diplom (BA)"))


def test_a_record_without_a_title_is_named_by_its_number_in_the_library() -> None:
    """EndNote writes its XML export on one line: "endnote.xml:1: error: record has no title" did not tell which
    of 300 records it was (a personal communication with an empty <titles>, in github.com/wlt13/Thesis's "My
    EndNote Library.xml"; its shape, retyped). The error now names the record's <rec-number>."""
    data = (b'<?xml version="1.0" encoding="UTF-8"?><xml><records><record><rec-number>590</rec-number>'
            b'<ref-type name="Personal Communication">26</ref-type><contributors><authors><author><style '
            b'face="normal" font="default" size="100%">Ambrose Taylor</style></author></authors></contributors>'
            b'<titles></titles><dates><year><style face="normal" font="default" size="100%">2016</style></year>'
            b'</dates><urls></urls></record></records></xml>')
    (record,), diagnostics = read("endnote.xml", data)
    article, problems = endnote_xml.to_article(record)
    assert diagnostics == [] and [str(p) for p in problems] == [
        "content/endnote.xml:1: error: record 590 (its <rec-number>) has no title (a <title> in its "
        "<titles>); shown as 'Untitled record'"]
