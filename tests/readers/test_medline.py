"""The MEDLINE text reader: real PubMed exports read field by field, and what a broken file gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.diagnostics import Level
from site_builder.model.article import Field, Language, MeshHeading, MeshQualifier, Person, Record, Section
from site_builder.readers import medline, nlm, read_file, to_article

DATA = Path(__file__).resolve().parents[1] / "data" / "medline-nbib"
FIXTURE = DATA / "blachlylab-subset.nbib"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "medline-nbib"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def fixture_text() -> str:
    return FIXTURE.read_bytes().decode("utf-8")  # CRLF kept, as PubMed writes it


@pytest.fixture(scope="module")
def articles() -> dict[str, tuple]:
    records, diagnostics = medline.read(fixture_text(), "pubmed.nbib")
    assert diagnostics == []
    return {r.first("PMID"): (r, *medline.to_article(r)) for r in records}


def test_every_record_is_read_from_its_pmid_line() -> None:
    text = fixture_text()
    records, _ = medline.read(text, "pubmed.nbib")
    pmid_lines = [i + 1 for i, line in enumerate(text.split("\r\n")) if line.startswith("PMID- ")]
    assert [r.where.line for r in records] == pmid_lines == [1, 190, 278, 348]
    assert [r.first("PMID") for r in records] == ["31771968", "26893063", "30679803", "32921593"]
    assert {r.format for r in records} == {"medline-nbib"}


def test_fields_keep_every_word_in_order() -> None:
    """Lossless: the words of all field values are the words of the file without its tags."""
    text = fixture_text()
    records, _ = medline.read(text, "pubmed.nbib")
    from_fields = [w for r in records for f in r.fields for v in f.values for w in v.split()]
    from_file = [w for line in text.split("\r\n") for w in re.sub(r"^[A-Z0-9]{2,4} *- ", "", line).split()]
    assert from_fields == from_file


def test_continuation_lines_are_joined_with_one_space(articles) -> None:
    record = articles["31771968"][0]
    assert record.first("AB").startswith(
        "Spleen tyrosine kinase (SYK) is a nonmutated therapeutic target in acute myeloid leukemia (AML). "
        "Attempts to exploit SYK therapeutically in AML have shown promising results in combination")
    assert "  " not in record.first("AB")
    assert record.line_of("AB") == 15


def test_article_from_a_full_record(articles) -> None:
    _, article, diagnostics = articles["31771968"]
    assert diagnostics == []
    assert article.id == "pubmed-7058374"  # the catalogue's id for the same work
    assert article.title == "Resistance Mechanisms to SYK Inhibition in Acute Myeloid Leukemia."
    assert (article.journal, article.journal_abbrev) == ("Cancer discovery", "Cancer Discov")  # JT, TA
    # DP "2020 Feb" is the publication date, DEP the electronic one: PubMed's "2020 Feb; … Epub 2019 Nov 26."
    assert (article.date, article.date_printed, article.epub_date) == ("2020-02", "", "2019-11-26")
    assert not article.online_only  # PST - ppublish
    assert (article.pmid, article.pmcid, article.doi) == ("31771968", "PMC7058374", "10.1158/2159-8290.CD-19-0209")
    assert (article.volume, article.issue, article.pages) == ("10", "2", "214-231")
    assert article.languages == (Language("English", "en", "eng"),)
    assert article.topics == ("Journal Article",)
    assert article.rights == "©2019 American Association for Cancer Research."
    assert article.keywords == ()  # no OT lines: MeSH headings are not keywords
    assert MeshHeading("Drug Resistance, Neoplasm", False, (MeshQualifier("drug effects"),
                                                           MeshQualifier("genetics", major=True))) in article.mesh
    assert len(article.mesh) == 27 and article.mesh[0] == MeshHeading("Animals")
    assert article.publication_types == ("Journal Article", "Research Support, N.I.H., Extramural",
                                         "Research Support, Non-U.S. Gov't")
    assert article.links == ()  # pages link PubMed, PMC and the DOI from the identifiers
    assert article.records[0].first("PMID") == "31771968"


def test_authors_in_order_with_orcids_and_accents(articles) -> None:
    authors = articles["31771968"][1].authors
    assert len(authors) == 19
    assert authors[0] == Person("Cremer, Anjali", "Cremer", "Anjali", orcid="0000-0003-4701-842X")
    assert authors[1].orcid == ""  # Ellegast has no AUID line; the next ORCID is not hers
    assert authors[2].orcid == "0000-0002-5668-6297"
    haupl = authors[9]
    assert (haupl.name, haupl.family, haupl.given, haupl.display) == (
        "Häupl, Björn", "Häupl", "Björn", "Björn Häupl")


def test_particles_and_non_ascii_family_names(articles) -> None:
    _, article, _ = articles["30679803"]
    names = [p.name for p in article.authors]
    assert names[2] == "Mrózek, Krzysztof"
    chapelle = article.authors[5]
    assert (chapelle.family, chapelle.given, chapelle.orcid) == ("de la Chapelle", "Albert", "0000-0001-9345-9248")
    assert article.authors[1].orcid == "0000-0002-4275-5562"
    assert article.id == "pubmed-30679803"  # no PMC id: the PMID names it
    assert article.pmcid == ""
    assert article.abstract == ()


def test_review_topic_and_issue_date(articles) -> None:
    _, article, _ = articles["26893063"]
    assert article.topics == ("Review",)
    assert article.date == "2016-02"  # no DEP: DP "2016 Feb"
    assert article.keywords == ("ACP-196", "Chronic lymphocytic leukemia", "Ibrutinib", "Idelalisib",
                                "Novel therapy", "Targeted therapy")  # the OT lines only
    assert article.mesh[0] == MeshHeading("Agammaglobulinaemia Tyrosine Kinase")
    assert article.publication_types == ("Journal Article", "Review")


def test_structured_abstract_labels(articles) -> None:
    _, article, _ = articles["32921593"]
    assert [s.label for s in article.abstract] == ["BACKGROUND", "PATIENTS AND METHODS", "RESULTS", "CONCLUSIONS"]
    assert article.abstract[0].text.startswith("Newly diagnosed patients with acute myeloid leukemia (AML)")
    assert not article.abstract[0].text.endswith("PATIENTS AND METHODS:")
    assert article.keywords[-5:] == ("Acute myeloid leukemia", "Anti-mold azoles", "Antifungal prophylaxis",
                                     "Decitabine", "Risk stratification")
    assert article.pages == "e76-e83"
    assert article.doi == "10.1016/j.clml.2020.08.013"  # AID [doi], not the pii


def test_lay_summary_is_taken_out_of_the_abstract(articles) -> None:
    record = articles["26893063"][0]
    fields = tuple(Field("AB", ("SIMPLE SUMMARY: Leukemia drugs changed. ABSTRACT: " + f.values[0],), f.line)
                   if f.name == "AB" else f for f in record.fields)
    article, _ = medline.to_article(Record(record.format, record.where, fields))
    assert article.lay_summary == (Section("SIMPLE SUMMARY", "Leukemia drugs changed."),)
    assert [s.label for s in article.abstract] == [""]  # "ABSTRACT" after a lay summary is the abstract itself
    assert article.abstract[0].text.startswith("The field of oncology has been transformed")


def test_a_stray_line_is_kept_and_reported_with_its_line() -> None:
    lines = fixture_text().split("\r\n")
    lines.insert(11, "this line lost its indentation")
    records, diagnostics = medline.read("\r\n".join(lines), "pubmed.nbib")
    assert len(records) == 4
    assert [str(d) for d in diagnostics] == [
        "pubmed.nbib:12: warning: a line that is neither 'TAG - value' nor an indented continuation; kept as part "
        "of the value before it"]
    assert records[0].first("DP") == "2020 Feb this line lost its indentation"


def test_a_broken_record_does_not_lose_the_others() -> None:
    text = fixture_text().replace("PMID- 26893063", "PMID 26893063 ???")
    records, diagnostics = medline.read(text, "pubmed.nbib")
    assert [r.first("PMID") for r in records] == ["31771968", "", "30679803", "32921593"]
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.WARNING, 190), (Level.WARNING, 191)]
    assert "does not start with a 'PMID- ' line" in diagnostics[1].message


def test_text_that_is_not_medline_gives_an_error_not_an_exception() -> None:
    records, diagnostics = medline.read("\n\n   just some\n   indented text\n", "notes.txt")
    assert records == []
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "notes.txt:3")]
    assert medline.read("", "empty.nbib") == ([], [])


def test_sniff() -> None:
    assert medline.sniff(fixture_text()[:200])
    assert medline.sniff("\ufeff\r\nPMID- 1\r\n")
    assert not medline.sniff("TY  - JOUR\nAU  - Smith, J\n")
    assert not medline.sniff("<?xml version='1.0'?><PubmedArticleSet>")


@needs_corpus
@pytest.mark.parametrize(("name", "count", "reviews"), [
    ("blachlylab-nbib/pubmed.nbib", 75, 6),
    ("p1m-ortho-qs-global-ortho-search-queries/citations.nbib", 200, 15),
    ("p1m-ortho-qs-global-ortho-search-queries/pubmed_result_45_medline.txt", 45, 5),
    ("biopython/pubmed_result2.txt", 4, 0),
])
def test_corpus_files_read_in_place(name: str, count: int, reviews: int) -> None:
    path = CORPUS / name
    records, diagnostics = medline.read(path.read_bytes().decode("utf-8"), str(path))
    assert diagnostics == []
    assert len(records) == count
    made = [medline.to_article(r) for r in records]
    assert all(a.id and a.title and a.authors or not r.values("AU") for (a, _), r in zip(made, records, strict=True))
    assert sum(a.topics == ("Review",) for a, _ in made) == reviews
    assert [d for _, ds in made for d in ds] == []


def test_an_article_number_pubmed_cites_from_its_pii() -> None:
    """A work with no pages whose publisher id is its article number: PubMed's citation prints it ("2021;4(1):1042.")
    and LID gives it only as "1042 [pii]"; the page showed no pages (PMID 35128459, as in Zotero's MEDLINE/nbib
    translator tests). It is the article number, not pages. A pii the citation does not print is neither."""
    def pages(so: str, lid: str) -> tuple[str, str]:
        text = f"PMID- 35128459\nTI  - Slow Burns\nDP  - 2021\nLID - {lid}\nSO  - {so}\n"
        (record,), _ = medline.read(text, "a.nbib")
        article = medline.to_article(record)[0]
        return article.pages, article.article_number

    assert pages("Ann Psychiatry Clin Neurosci. 2021;4(1):1042. Epub 2021 Dec 27.", "1042 [pii]") == ("", "1042")
    assert pages("Lancet. 2020;395(10223):e37. doi: 10.1016/S0140-6736(20)30183-5.",
                 "S0140-6736(20)30183-5 [pii]") == ("", "")


def test_an_eric_name_keeps_its_last_initial() -> None:
    """ERIC's AU is "Family, Given" with the initials after the given name ("van Groen, Maaike M.", "Eggen, Theo
    J. H. M."): its last initial was read as a suffix, so pages showed "Maaike van Groen M."; the names of the ERIC
    records in Zotero's MEDLINE/nbib translator's tests (EJ1227990, ED529121)."""
    text = ("OWN - ERIC\nTI  - Educational Test Approaches\nAU  - van Groen, Maaike M.\nAU  - Eggen, Theo J. H. M.\n"
            "AU  - Test, David W.\nOID - EJ1227990\nDP  - 2020\n")
    (record,), _ = medline.read(text, "eric.nbib")
    article, _ = medline.to_article(record)
    assert [(p.family, p.given, p.suffix) for p in article.authors] == [
        ("van Groen", "Maaike M.", ""), ("Eggen", "Theo J. H. M.", ""), ("Test", "David W.", "")]
    assert [p.display for p in article.authors] == ["Maaike M. van Groen", "Theo J. H. M. Eggen", "David W. Test"]


@pytest.mark.parametrize(("dp", "date", "printed"), [
    ("2016 Feb", "2016-02", ""), ("2018 Dec 27", "2018-12-27", ""), ("2019 Nov-Dec", "2019-11", "2019 Nov-Dec"),
    ("2018 Spring", "2018", "2018 Spring"), ("1998 Dec-1999 Jan", "1998-12", "1998 Dec-1999 Jan"),
    ("1977", "1977", "")])
def test_issue_dates_as_pubmed_xml_gives_them(articles, dp: str, date: str, printed: str) -> None:
    """DP "YYYY Mon DD" comes from PubDate parts; a MedlineDate or a season is kept as printed, dated by its
    period's start."""
    record = articles["26893063"][0]
    fields = tuple(Field("DP", (dp,), f.line) if f.name == "DP" else f for f in record.fields)
    article = medline.to_article(Record(record.format, record.where, fields))[0]
    assert (article.date, article.date_printed) == (date, printed)


def test_the_rules_all_nlm_readers_share() -> None:
    assert nlm.topics_from_types(["Journal Article", "Research Support, N.I.H., Extramural", "Case Reports",
                                  "Review"]) == ("Review",)
    assert nlm.topics_from_types(["Journal Article", "Research Support, N.I.H., Extramural", "Case Reports"]) == (
        "Case Reports",)
    assert nlm.topics_from_types(["Journal Article"]) == ("Journal Article",)
    for orcid in ("ORCID: 0000-0002-1825-009X", "https://orcid.org/0000-0002-1825-009x", "000000021825009X"):
        assert nlm.orcid_from(orcid) == "0000-0002-1825-009X"
    assert nlm.orcid_from("ORCID: pending") == ""
    assert nlm.article_id("PMC7058374", "31771968", "10.1/x") == "pubmed-7058374"
    assert nlm.article_id("", "", "10.1371/journal.pntd.0001969") == "doi-10.1371/journal.pntd.0001969"


def test_a_bookshelf_chapter_names_its_book_editors_publisher_and_place() -> None:
    records, diagnostics = medline.read((DATA / "bookshelf-and-et-al-handwritten.nbib").read_text("utf-8"), "b.nbib")
    assert diagnostics == []
    article, _ = medline.to_article(records[0])
    assert (article.kind, article.title, article.container) == ("chapter", "An Example Syndrome", "Example Syndromes")
    assert [p.name for p in article.authors] == ["Writer, Cara", "Scribe, Dan C."]
    assert [p.name for p in article.editors] == ["Editor, Ada L", "Redactor, Ben"]
    assert (article.publisher, article.place) == ("National Center for Biotechnology Information (US)",
                                                  "Bethesda (MD)")
    assert (article.journal, article.edition) == ("Example Collection", "2nd")  # CTI: the book's series
    assert [link.url for link in article.links] == ["https://www.ncbi.nlm.nih.gov/books/NBK900002/"]


def test_a_journals_pl_is_its_country_not_a_place_of_publication() -> None:
    records, _ = medline.read((DATA / "bookshelf-and-et-al-handwritten.nbib").read_text("utf-8"), "b.nbib")
    article, _ = medline.to_article(records[1])
    assert (article.kind, article.place, article.publisher, article.editors) == ("", "", "", ())


def test_au_et_al_cuts_the_author_list_and_names_nobody() -> None:
    """Records of before 1996 list the first authors, then "AU  - et al."; it was read as an author "et al."
    with a page of its own."""
    records, _ = medline.read((DATA / "bookshelf-and-et-al-handwritten.nbib").read_text("utf-8"), "b.nbib")
    article, _ = medline.to_article(records[1])
    assert [p.name for p in article.authors] == ["Gout, I", "Dhand, R", "Hsuan, J", "Booker, G W"]
    assert article.et_al


def test_mesh_headings_keep_qualifiers_and_major_topic_stars(articles) -> None:
    """MEDLINE's MH: a star before the descriptor marks it as a major topic, one before a qualifier marks that
    pairing ("Syk Kinase/*antagonists & inhibitors/metabolism", PMID 31771968; "*Database Management Systems",
    PMID 16403221)."""
    mesh = {h.descriptor: h for h in articles["31771968"][1].mesh}
    assert mesh["Syk Kinase"] == MeshHeading("Syk Kinase", False, (
        MeshQualifier("antagonists & inhibitors", True), MeshQualifier("metabolism", False)))
    assert mesh["Syk Kinase"].any_major and not mesh["Humans"].any_major
    assert mesh["Diphenylamine"].qualifiers == (MeshQualifier("analogs & derivatives"), MeshQualifier("pharmacology"),
                                                MeshQualifier("therapeutic use"))
    records, _ = medline.read((DATA / "biopython-pubmed_result2.txt").read_text(encoding="utf-8"), "r.txt")
    article, _ = medline.to_article(records[0])
    assert article.mesh[:3] == (MeshHeading("Database Management Systems", True),
                                MeshHeading("Databases, Protein", True),
                                MeshHeading("Information Storage and Retrieval", False,
                                            (MeshQualifier("methods", True),)))
    assert article.publication_types == ("Evaluation Studies", "Journal Article")


def test_mesh_heading_parts() -> None:
    assert nlm.mesh_heading("*Oryza/metabolism") == MeshHeading("Oryza", True, (MeshQualifier("metabolism"),))
    assert nlm.mesh_heading("Cholera Toxin") == MeshHeading("Cholera Toxin")
    assert nlm.mesh_heading("") is None and nlm.mesh_heading("*") is None


# --- ERIC's .nbib export ------------------------------------------------------------------------------------------

def test_an_eric_export_is_read_as_medline() -> None:
    """ERIC exports MEDLINE's tags in a .nbib file whose records start at "OWN - ERIC" and have no PMID: the whole
    file was skipped as a format site-builder does not know. Its DOI is a link in AID, its own page in LID, its
    accession number in OID. CoLRev's ERIC fixture (MIT)."""
    path = DATA / "colrev-eric.nbib"
    records, problems = read_file(path, path.name)
    assert problems == [] and len(records) == 1
    article, found = to_article(records[0])
    assert found == []
    assert (article.id, article.doi, article.journal, article.volume, article.issue, article.pages, article.date) == (
        "doi-10.1000/123456789", "10.1000/123456789", "Journal Name", "10", "1", "1-9", "2000")
    assert [a.name for a in article.authors] == ["Smith, Tom", "Hunter, Shawn"]
    assert [(link.label, link.url) for link in article.links] == [("eric.ed.gov", "http://eric.ed.gov/?id=EJ1131633")]


def test_an_eric_record_without_doi_nor_pages_is_known_by_its_accession_number() -> None:
    text = ("OWN - ERIC\nTI  - A report\nAU  - Smith, Tom\nOID - ED612345\nDP  - 2021\n"
            "LID - http://eric.ed.gov/?id=ED612345\nPT  - Reports - Research\n")
    (record,), problems = medline.read(text, "eric.nbib")
    article, found = medline.to_article(record)
    assert problems == found == []
    assert (article.id, article.pages) == ("eric-ed612345", "")


@pytest.mark.parametrize(("dp", "date", "printed"), [
    ("Apr 2019", "2019-04", ""), ("Article 10 2019", "2019", ""), ("2019", "2019", ""),
    ("2014 Nov-Dec", "2014-11", "2014 Nov-Dec"), ("in press", "", "in press")])
def test_an_eric_date_may_put_the_month_first(dp: str, date: str, printed: str) -> None:
    """ERIC writes "DP  - Apr 2019" (the month first) and "DP  - Article 10 2019" (with the article number): the
    date was lost, so the article had no year. The shapes of the ERIC records in Zotero's MEDLINE/nbib
    translator's tests (EJ1208101: Educational Technology Research and Development 67(2):423-441, Apr 2019)."""
    text = f"OWN - ERIC\nTI  - A title\nAU  - Smith, Tom\nOID - EJ1208101\nDP  - {dp}\nPG  - 423-441\n"
    (record,), _ = medline.read(text, "eric.nbib")
    article, _ = medline.to_article(record)
    assert (article.date, article.date_printed) == (date, printed)
    assert record.first("DP") == dp  # the full record keeps it as written


@pytest.mark.parametrize(("issn", "issns", "types"), [
    ("EISSN-", (), ()), ("EISSN-2375-5636", ("2375-5636",), ("electronic",)), ("ISSN-0191-8869", ("0191-8869",), ())])
def test_an_eric_issn_is_the_number_after_its_prefix(issn: str, issns: tuple, types: tuple) -> None:
    """ERIC's ISSN names the medium before the number, and is the prefix alone where the work has none: the
    dissertation ED620611 in Zotero's MEDLINE/nbib translator's tests (ProQuest LLC, 2021; "ISSN - EISSN-" beside
    an ISBN) was shown with the ISSN "EISSN-", and an "EISSN-…" number was not said to be the electronic one. The
    records' shape, retyped (the translator is AGPL)."""
    text = f"OWN - ERIC\nTI  - A thesis\nAU  - Smith, Tom\nOID - ED620611\nDP  - 2021\nISSN - {issn}\n"
    (record,), _ = medline.read(text, "eric.nbib")
    article, _ = medline.to_article(record)
    assert (article.issns, article.issn_types) == (issns, types)
    assert record.first("ISSN") == issn  # the full record keeps it as written


@pytest.mark.parametrize(("aid", "doi"), [
    ("doi:10.1016/j.cpr.2005.02.002", "10.1016/j.cpr.2005.02.002"),  # as JabRef's MEDLINE importer test writes it
    ("10.1016/j.cpr.2005.02.002 [doi]", "10.1016/j.cpr.2005.02.002"),  # PubMed's own form
    ("https://doi.org/10.1016/j.cpr.2005.02.002", "10.1016/j.cpr.2005.02.002"),
    ("S0272-7358(05)00034-0 [pii]", ""),  # an identifier of another kind, named so
])
def test_a_doi_in_aid_written_as_doi_or_as_a_link(aid: str, doi: str) -> None:
    records, _ = medline.read(f"PMID- 22664220\nTI  - A report\nPT  - Technical Report\nAID - {aid}\n", "a.nbib")
    assert medline.to_article(records[0])[0].doi == doi



def test_an_eric_document_names_its_publisher_not_a_journal() -> None:
    """ERIC's .nbib gives a document (an ED number: a report, a book, a dissertation) the body that issued it in JT,
    as its journal articles (EJ) their journal. The facts of records of Zotero's MEDLINE/nbib translator tests
    (AGPL): the page said "Journal: ACT, Inc." and "Journal: ProQuest LLC", and called them journal articles."""
    text = ("OWN - ERIC\nTI  - College Entrance Exams: How Does Test Preparation Affect Retest Scores? Research "
            "Report 2019-2\nAU  - Moore, Raeal\nJT  - ACT, Inc.\nOID - ED602023\nDP  - 2019\n"
            "LID - http://eric.ed.gov/?id=ED602023\nPT  - Reports - Research\n\n"
            "OWN - ERIC\nTI  - Tests of Robustness in Peer Review\nAU  - Leipzig, Jeremy\nJT  - ProQuest LLC\n"
            "SO  - Ph.D. Dissertation, Drexel University\nOID - ED620611\nDP  - 2021\n"
            "PT  - Dissertations/Theses - Doctoral Dissertations\n\n"
            "OWN - ERIC\nTI  - From Here to There! Elementary\nAU  - Hunt, Jessica H.\n"
            "JT  - Educational Technology Research and Development\nSO  - v67 n2 p423-441 Apr 2019\n"
            "OID - EJ1208101\nVI  - 67\nIP  - 2\nPG  - 423-441\nDP  - Apr 2019\nPT  - Reports - Research\n")
    records, _ = medline.read(text, "eric.nbib")
    report, thesis, article = (to_article(r)[0] for r in records)
    assert (report.kind, report.journal, report.publisher) == ("report", "", "ACT, Inc.")
    assert (thesis.kind, thesis.journal, thesis.publisher) == ("thesis", "", "ProQuest LLC")
    # an EJ record is a journal article, whatever its publication types
    assert (article.kind, article.journal, article.publisher) == (
        "", "Educational Technology Research and Development", "")
