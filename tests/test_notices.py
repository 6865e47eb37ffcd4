"""Retractions, expressions of concern, errata, updates and comments that PubMed links to a record: read from
MEDLINE (RIN, ECI, EIN, CIN… lines) and PubMed XML (CommentsCorrections), merged, packed, and shown on the pages."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.build import build
from site_builder.cite.exports import export_entry
from site_builder.cite.medline import medline_record
from site_builder.model.article import NOTICE_KINDS, Notice
from site_builder.model.merge import merge_articles
from site_builder.model.packing import pack, unpack
from site_builder.readers import bibtex, csl_json, jats, medline, nlm, pubmed_xml, ris

DATA = Path(__file__).resolve().parent / "data"
WAKEFIELD_XML = DATA / "pubmed-xml" / "pubmed-9500320-retracted-excerpt.xml"
WAKEFIELD_NBIB = DATA / "medline-nbib" / "retraction-handwritten.nbib"
ERRATUM_NBIB = DATA / "medline-nbib" / "blachlylab-erratum-excerpt.nbib"
NOTICES_XML = DATA / "pubmed-xml" / "pubmed21n1298-notices.xml"
PMC_CORRECTION = DATA / "jats-xml" / "efetch_pmc.xml"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CORPUS = SHARED / "medline-nbib"

RETRACTION = Notice("RetractionIn", "Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4.",
                    "20137807", "10.1016/S0140-6736(10)60175-4")
CONCERN = Notice("ExpressionOfConcernIn", "Eur J Gastroenterol Hepatol. 2011 Nov;23(11):1082.", "21971344")
COMMENT = Notice("CommentIn", "Lancet. 1998 Feb 28;351(9103):611-2.", "9500313")


def _medline(path: Path) -> dict:
    records, diagnostics = medline.read(path.read_bytes().decode("utf-8"), path.name)
    assert diagnostics == []
    return {r.first("PMID"): medline.to_article(r)[0] for r in records}


def _pubmed(path: Path) -> dict:
    records, diagnostics = pubmed_xml.read_bytes(path.read_bytes(), path.name)
    assert diagnostics == []
    return {a.pmid: a for a in (pubmed_xml.to_article(r)[0] for r in records)}


def test_pubmed_xml_reads_retraction_concern_and_comment() -> None:
    article = _pubmed(WAKEFIELD_XML)["9500320"]
    assert article.notices == (COMMENT, RETRACTION, CONCERN)
    assert article.retracted
    assert article.warnings == (RETRACTION, CONCERN)
    assert article.other_notices == (COMMENT,)


def test_pubmed_xml_reads_erratum_and_comment_on_from_an_update_file() -> None:
    articles = _pubmed(NOTICES_XML)
    assert articles["30140728"].notices == (Notice("ErratumIn", "Addict Behav Rep. 2021 Jan 21;13:100334",
                                                   "34095432"),)
    assert articles["33262142"].notices == (Notice("CommentOn", "Genes Dev. 2020 Dec 1;34(23-24):1650-1665",
                                                   "33184223"),)
    assert not any(a.retracted or a.warnings for a in articles.values())


def test_jats_reads_an_elife_insight_as_a_comment_in() -> None:
    [article] = _jats(DATA / "jats-xml" / "elife-00003-front.xml")
    assert article.notices == (Notice("CommentIn", "", "", "10.7554/eLife.00302"),)


def test_medline_reads_the_same_notices_with_the_pmid_on_a_wrapped_line() -> None:
    articles = _medline(WAKEFIELD_NBIB)
    assert articles["9500320"].notices == _pubmed(WAKEFIELD_XML)["9500320"].notices


def test_a_retracted_publication_type_alone_is_a_retraction_without_a_citation() -> None:
    article = _medline(WAKEFIELD_NBIB)["90000004"]
    assert article.notices == (Notice("RetractionIn"),) and article.retracted


def test_medline_erratum_and_the_erratum_s_own_record() -> None:
    articles = _medline(ERRATUM_NBIB)
    assert articles["34021247"].notices == (Notice("ErratumIn", "Leukemia. 2021 Sep 3;:.", "34480107"),)
    assert articles["34480107"].notices == (Notice("ErratumFor", "Leukemia. 2021 May 21;:.", "34021247"),)
    assert not articles["34480107"].retracted


def test_notice_keeps_no_pmid_that_is_not_digits_and_no_unknown_kind() -> None:
    assert nlm.notice("RetractionIn", "J X. 2020;1:2.", "12a") == Notice("RetractionIn", "J X. 2020;1:2.")
    assert nlm.notice("SomethingNew", "J X. 2020;1:2.") is None
    assert set(nlm.NOTICE_TAGS.values()) == set(NOTICE_KINDS)


def _jats(path: Path) -> list:
    records, _ = jats.read_bytes(path.read_bytes(), path.name)
    return [jats.to_article(r)[0] for r in records]


def test_jats_reads_the_article_a_correction_corrects() -> None:
    """PMC's JATS of a correction (PMID 8435807) names the article it corrects by DOI alone."""
    assert [a.notices for a in _jats(PMC_CORRECTION)] == [
        (Notice("ErratumFor", "", "", "10.1183/23120541.00193-2021"),)]


@pytest.mark.skipif(not (SHARED / "jats-xml").is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_jats_reads_what_a_plos_retraction_and_correction_are_for() -> None:
    plos = SHARED / "jats-xml" / "allofplos"
    [retraction] = _jats(plos / "journal.ppat.1005207.xml")
    assert retraction.notices == (Notice(
        "RetractionOf", "Extreme Resistance as a Host Counter-counter Defense against Viral Suppression of RNA "
        "Silencing", "", "10.1371/journal.ppat.1003435"),)
    assert not retraction.retracted  # the notice is not itself retracted
    [correction] = _jats(plos / "journal.pone.0097541.xml")
    assert [(n.kind, n.doi) for n in correction.notices] == [("ErratumFor", "10.1371/journal.pone.0086816")]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_every_notice_line_of_the_corpus_becomes_a_notice() -> None:
    """Every RIN, EIN, CIN, CON… line of the real exports is kept, with its PMID when it ends in one."""
    lines = notices = with_pmid = 0
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in (".nbib", ".txt") or not path.is_file():
            continue
        records, _ = medline.read(path.read_bytes().decode("utf-8", "replace"), path.name)
        for record in records:
            tagged = [f for f in record.fields if f.name in nlm.NOTICE_TAGS and f.values[0].strip()]
            article = medline.to_article(record)[0]
            found = [n for n in article.notices if n.citation or n.pmid]
            assert len(found) == len(tagged), (path.name, record.first("PMID"))
            lines += len(tagged)
            notices += len(found)
            with_pmid += sum(1 for f in tagged if "PMID:" in f.values[0]) - sum(1 for n in found if n.pmid)
    assert lines > 20 and notices == lines and with_pmid == 0


def test_merge_keeps_one_of_each_notice_and_drops_a_retraction_without_citation() -> None:
    xml = _pubmed(WAKEFIELD_XML)["9500320"]
    nbib = _medline(WAKEFIELD_NBIB)["9500320"]
    merged, _ = merge_articles([nbib, xml])
    assert [a.notices for a in merged] == [(COMMENT, RETRACTION, CONCERN)]
    bare = _medline(WAKEFIELD_NBIB)["90000004"]
    from dataclasses import replace
    named = replace(bare, notices=(RETRACTION,), records=())
    merged, _ = merge_articles([bare, named])
    assert [a.notices for a in merged] == [(RETRACTION,)]


def test_notices_are_packed_for_the_build_cache() -> None:
    articles = [*_pubmed(WAKEFIELD_XML).values(), *_medline(ERRATUM_NBIB).values()]
    unpacked, _ = unpack(pack(articles, []))
    assert [a.notices for a in unpacked] == [a.notices for a in articles]


def test_the_medline_download_keeps_the_notices_as_pubmed_writes_them() -> None:
    """RIN, CIN, ECI lines (wrapped where PubMed wraps them) and the "Retracted Publication" type, read back
    as the same notices."""
    article = _pubmed(WAKEFIELD_XML)["9500320"]
    text = medline_record(article)
    lines = text.splitlines()
    handwritten = WAKEFIELD_NBIB.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert [line for line in lines if line[:4].strip() in (*nlm.NOTICE_TAGS, "PT", "")] == [
        line for line in handwritten if line[:4].strip() in (*nlm.NOTICE_TAGS, "PT", "")]
    records, _ = medline.read(text, "download.nbib")
    assert medline.to_article(records[0])[0].notices == article.notices
    bare = medline_record(_medline(WAKEFIELD_NBIB)["90000004"])
    assert "PT  - Retracted Publication" in bare.splitlines() and "RIN -" not in bare


ESCAPED = """PMID- 90000005
TI  - A record whose notice holds markup.
DP  - 2021
PT  - Journal Article
PT  - Retracted Publication
RIN - J Made Up. 2021;1:<script>alert(1)</script> & <b>more</b>. PMID: 90000006
EIN - J Made Up. 2021;1:2 <i>x</i>.
"""
"""Written by hand for this test (PMIDs 90000005 and 90000006 made up)."""


@pytest.fixture(scope="module")
def notice_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("notices")
    records = site / "content" / "records"
    records.mkdir(parents=True)
    for path in (WAKEFIELD_XML, ERRATUM_NBIB, WAKEFIELD_NBIB, PMC_CORRECTION):
        (records / path.name).write_bytes(path.read_bytes())
    (records / "escaped.nbib").write_text(ESCAPED, encoding="utf-8")
    result = build(site, site / "_site")
    assert result.report.diagnostics == []
    return site / "_site"


def _section(html, root, cls: str):  # noqa: ANN001, ANN202 - the conftest's Html and an Element
    found = [s for s in html.main(root).iter("section") if s.get("class") == cls]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_retracted_article_says_so_beside_its_title(html, notice_site: Path) -> None:
    root = html.parse(notice_site / "articles" / "pubmed-9500320.html")
    header = html.main(root).find(".//article/header")
    alert = _section(html, root, "notice-alert")
    article = html.main(root).find(".//article")
    children = list(article)
    assert children.index(alert) == children.index(header) + 1  # right after the title, before the facts
    assert alert.get("aria-labelledby") == alert.find("h2").get("id")
    assert html.text(alert.find("h2")) == "This article has been retracted"
    assert [html.text(p) for p in alert.findall("p")] == [
        "Retraction notice: Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. (PMID 20137807)",
        "Expression of concern: Eur J Gastroenterol Hepatol. 2011 Nov;23(11):1082. (PMID 21971344)"]
    assert [a.get("href") for a in alert.iter("a")] == ["https://pubmed.ncbi.nlm.nih.gov/20137807/",
                                                         "https://pubmed.ncbi.nlm.nih.gov/21971344/"]
    listed = _section(html, root, "notices")
    assert [html.text(li) for li in listed.iter("li")] == [
        "Comment in: Lancet. 1998 Feb 28;351(9103):611-2. (PMID 9500313)"]


def test_a_retraction_known_by_its_type_alone(html, notice_site: Path) -> None:
    alert = _section(html, html.parse(notice_site / "articles" / "pubmed-90000004.html"), "notice-alert")
    assert [html.text(p) for p in alert.findall("p")] == ["This article is listed as a retracted publication."]


def test_an_erratum_is_listed_and_raises_no_alert(html, notice_site: Path) -> None:
    root = html.parse(notice_site / "articles" / "pubmed-34021247.html")
    assert _section(html, root, "notice-alert") is None
    listed = _section(html, root, "notices")
    assert [html.text(li) for li in listed.iter("li")] == ["Erratum in: Leukemia. 2021 Sep 3;:. (PMID 34480107)"]
    assert [a.get("href") for a in listed.iter("a")] == ["https://pubmed.ncbi.nlm.nih.gov/34480107/"]
    erratum = html.parse(notice_site / "articles" / "pubmed-34480107.html")
    assert [html.text(li) for li in _section(html, erratum, "notices").iter("li")] == [
        "Erratum for: Leukemia. 2021 May 21;:. (PMID 34021247)"]


def test_a_notice_known_by_its_doi_alone_links_to_the_doi(html, notice_site: Path) -> None:
    listed = _section(html, html.parse(notice_site / "articles" / "pubmed-8435807.html"), "notices")
    assert [(a.get("href"), html.text(a)) for a in listed.iter("a")] == [
        ("https://doi.org/10.1183/23120541.00193-2021", "DOI 10.1183/23120541.00193-2021")]
    assert html.text(listed.find("ul/li")) == "Erratum for: DOI 10.1183/23120541.00193-2021"


def test_notice_text_is_escaped(html, notice_site: Path) -> None:
    root = html.parse(notice_site / "articles" / "pubmed-90000005.html")
    alert = _section(html, root, "notice-alert")
    assert [e.tag for e in alert.iter()] == ["section", "h2", "p", "a"]
    assert html.text(alert.find("p")) == (
        "Retraction notice: J Made Up. 2021;1:<script>alert(1)</script> & <b>more</b>. (PMID 90000006)")
    listed = _section(html, root, "notices")
    assert [e.tag for e in listed.iter()] == ["section", "h2", "ul", "li"]
    assert html.text(listed.find("ul/li")) == "Erratum in: J Made Up. 2021;1:2 <i>x</i>."


def test_lists_mark_a_retracted_article(html, notice_site: Path) -> None:
    items = {html.text(li.find("a")): li for li in html.main(html.parse(notice_site / "index.html")).iter("li")
             if li.find("a[@class='title']") is not None}
    marks = {title: [html.text(s) for s in li.iter("strong") if s.get("class") == "retracted"]
             for title, li in items.items()}
    assert marks == {
        "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children.":
            ["Retracted"],
        "A study retracted without a notice in its record.": ["Retracted"],
        "A record whose notice holds markup.": ["Retracted"],
        "Genomic analysis of cellular hierarchy in acute myeloid leukemia using ultrasensitive LC-FACSeq.": [],
        "Correction: Genomic analysis of cellular hierarchy in acute myeloid leukemia using ultrasensitive "
        "LC-FACSeq.": [],
        "“Lung diffusing capacity for nitric oxide measured by two commercial devices: a randomised crossover "
        "comparison in healthy adults”. Thomas Radtke, Quintin de Groot, Sarah R. Haile, Marion Maggi, Connie C.W. "
        "Hsia and Holger Dressel. ERJ Open Res 2021; 7: 00193-2021.": [],
    }


def test_the_notice_pages_are_valid_html(notice_site: Path) -> None:
    from test_html_valid import vnu_problems
    assert vnu_problems(notice_site) == []


def test_the_feed_says_an_article_is_retracted_before_its_summary(notice_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(notice_site / "feed.xml").getroot()
    entries = {e.findtext(f"{atom}title"): e for e in feed.iter(f"{atom}entry")}
    marked = entries["A record whose notice holds markup."]
    assert [c.get("term") for c in marked.iter(f"{atom}category")] == ["retracted"]
    summary = marked.find(f"{atom}summary")
    assert summary is not None and list(summary) == []  # the notice's markup is text, not elements
    assert summary.text == ("This article has been retracted. Retraction notice: J Made Up. 2021;1:"
                            "<script>alert(1)</script> & <b>more</b>. (PMID 90000006)")
    bare = entries["A study retracted without a notice in its record."]
    assert bare.findtext(f"{atom}summary") == "This article has been retracted."
    unmarked = [e for title, e in entries.items() if "retracted" not in title and "markup" not in title]
    assert unmarked and all(e.find(f"{atom}category") is None for e in unmarked)
    assert all(not (e.findtext(f"{atom}summary") or "").startswith("This article") for e in unmarked)


def _read_back(fmt: str, text: str) -> tuple[Notice, ...]:
    module = {"ris": ris, "bibtex": bibtex, "csl-json": csl_json}[fmt]
    records, problems = module.read(text, f"download.{fmt}")
    assert problems == [] and len(records) == 1
    return module.to_article(records[0])[0].notices


def test_the_ris_download_notes_every_notice_and_reads_them_back() -> None:
    article = _pubmed(WAKEFIELD_XML)["9500320"]
    text = export_entry("ris", article, "wakefield1998")
    assert [line for line in text.splitlines() if line.startswith("N1")] == [
        "N1  - Retraction in: Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807",
        "N1  - Expression of concern in: Eur J Gastroenterol Hepatol. 2011 Nov;23(11):1082. PMID: 21971344",
        "N1  - Comment in: Lancet. 1998 Feb 28;351(9103):611-2. PMID: 9500313"]
    assert _read_back("ris", text) == (RETRACTION, CONCERN, COMMENT)  # as the page lists them
    assert set(article.notices) == {RETRACTION, CONCERN, COMMENT}
    erratum = _medline(ERRATUM_NBIB)["34021247"]
    assert _read_back("ris", export_entry("ris", erratum, "k")) == erratum.notices != ()


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_the_bibtex_and_csl_json_notes_say_what_a_bibliography_should(fmt: str) -> None:
    """A retraction and an expression of concern (a style prints the note), not the comments or errata."""
    article = _pubmed(WAKEFIELD_XML)["9500320"]
    text = export_entry(fmt, article, "wakefield1998")
    assert "Retraction in: Lancet. 2010 Feb 6" in text and "Comment in" not in text
    assert _read_back(fmt, text) == (RETRACTION, CONCERN)
    erratum = _medline(ERRATUM_NBIB)["34021247"]
    assert "Erratum" not in export_entry(fmt, erratum, "k") and _read_back(fmt, export_entry(fmt, erratum, "k")) == ()


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json"])
def test_a_retraction_known_by_its_type_alone_is_noted_so(fmt: str) -> None:
    bare = _medline(WAKEFIELD_NBIB)["90000004"]
    text = export_entry(fmt, bare, "k")
    assert "Retracted Publication" in text
    assert _read_back(fmt, text) == (Notice("RetractionIn"),)


def test_notes_that_are_not_notices_give_none() -> None:
    from site_builder.readers.shared import notices_from_notes

    assert notices_from_notes(["Export Date: 27 November 2023; Cited By: 5", "See the Comment in: the preface",
                               "Times Cited in Web of Science Core Collection:  1"]) == ()


def test_the_json_ld_of_a_retracted_article_says_so() -> None:
    from site_builder.cite.meta import schema_article

    assert schema_article(_pubmed(WAKEFIELD_XML)["9500320"], "u")["creativeWorkStatus"] == "Retracted"
    assert "creativeWorkStatus" not in schema_article(_medline(ERRATUM_NBIB)["34021247"], "u")
