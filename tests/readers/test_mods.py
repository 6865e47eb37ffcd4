"""MODS XML: Bibutils' collection, the Library of Congress's record of a book and JabRef's own (prefixed) export,
all from JabRef's tests; every element kept for the full record, a broken record costs only itself, and a site
shows the values."""

from __future__ import annotations

from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Person
from site_builder.readers import mods

DATA = Path(__file__).resolve().parents[1] / "data" / "mods"
FILES = ["jabref-collection.xml", "loc-2010045158.xml", "jabref-exported-prefixed.xml"]


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


@pytest.mark.parametrize("name", FILES)
def test_the_reader_is_chosen_by_content(name: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("latin-1")
    assert readers.choose_reader(Path("x.xml"), head).format == "mods-xml"


def test_other_xml_is_not_taken_for_mods() -> None:
    for head in ('<?xml version="1.0"?><PubmedArticleSet>', "<xml><records><record>", "<mods>no namespace</mods>",
                 "MODS files start `<modsCollection xmlns=...>`", ""):
        assert not mods.sniff(head), head


def test_journal_articles_held_by_their_journal() -> None:
    microcosm, benthic, book = articles("jabref-collection.xml")
    assert microcosm.title == "A new microcosm to investigate oxygen dynamics at the sea ice water interface"
    assert [p.name for p in microcosm.authors] == ["Mock, T", "Kruse, M", "Dieckmann, GS"]
    assert (microcosm.journal, microcosm.journal_abbrev, microcosm.volume, microcosm.issue, microcosm.pages,
            microcosm.date) == ("Aquatic Microbial Ecology", "Aquat Microb Ecol", "30", "2", "197-205", "2003")
    assert "Microcosm" in microcosm.keywords
    assert (benthic.doi, benthic.journal, benthic.pages) == ("10.1007/s00300-003-0526-8", "Polar Biology", "610-620")
    assert (book.kind, book.authors, book.publisher, book.place) == ("book", (), "Blackwell Science Ltd", "Oxford")
    assert [p.name for p in book.editors] == ["Thomas, DN", "Dieckmann, GS"]


def test_a_library_of_congress_book() -> None:
    [book] = articles("loc-2010045158.xml")
    assert (book.title, book.kind, book.date, book.publisher, book.place) == (
        "Developing high quality data models", "book", "2011", "Morgan Kaufmann", "Burlington, MA")
    assert [p.name for p in book.authors] == ["West, Matthew"]  # its dates are a name part of their own
    assert [lang.tag for lang in book.languages] == ["en"]
    [record] = book.records
    assert any(f.name == "identifier" and f.values == ("2010045158",) for f in record.fields)  # the LCCN, kept


def test_a_prefixed_export_and_a_paper_held_by_its_proceedings() -> None:
    article, paper = articles("jabref-exported-prefixed.xml")
    assert (article.kind, article.journal, article.volume) == ("", "Advanced biomedical research", "5")
    assert [p.name for p in article.authors] == ["Shruthi, Basavaradhya Sahukar", "Vinodhkumar, Palani", "Selvamani"]
    assert (paper.kind, paper.container, paper.journal) == ("paper-conference", "Advanced biomedical research", "")
    assert any(f.name == "mods:titleInfo/mods:title" for f in paper.records[0].fields)  # the file's names, as written


def test_an_abstract_in_each_language() -> None:
    """A record's abstracts in several languages (``lang``): the first language's is the abstract, each other one
    an abstract in another language, as the article page shows them."""
    data = ('<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>Avaliação das inteligências '
            'múltiplas</title></titleInfo><abstract lang="por">Este estudo avalia as inteligências.</abstract>'
            '<abstract lang="eng">This study assesses intelligences.</abstract></mods></modsCollection>').encode()
    [article] = reading.articles(DATA / "x.xml", data)
    assert [(s.text, s.lang) for s in article.abstract] == [("Este estudo avalia as inteligências.", "pt")]
    [other] = article.other_abstracts
    assert (other.language.tag, [s.text for s in other.sections]) == ("en", ["This study assesses intelligences."])


def test_a_broken_record_costs_only_itself() -> None:
    data = (DATA / "jabref-collection.xml").read_bytes()
    broken = data.replace(b"<title>Benthic response", b"<title><Benthic response", 1)
    records, [problem] = read("jabref-collection.xml", broken)
    assert len(records) == 2 and problem.level is Level.ERROR and "this record was skipped" in problem.message


def test_a_site_shows_the_values(tmp_path: Path, html, make_site) -> None:
    result = build(make_site({name: (DATA / name).read_bytes() for name in FILES}), tmp_path / "out")
    # six records, five works: JabRef's article and paper share their title and year, so they are one page
    assert [str(d) for d in result.report.diagnostics] == [] and (result.records, result.articles) == (6, 5)
    page = html.parse(tmp_path / "out" / "articles" / "doi-10-1007-s00300-003-0526-8.html")
    text = html.text(page)
    assert "Benthic response to ice-edge-induced particle flux in the Arctic Ocean" in text and "610-620" in text


def test_a_title_given_only_as_uniform_or_alternative_is_the_title() -> None:
    """The Library of Congress's Online Books records name their host collection by its uniform title alone."""
    data = (b'<mods xmlns="http://www.loc.gov/mods/v3"><titleInfo type="alternative"><title>Only an alternative'
            b'</title></titleInfo><titleInfo type="abbreviated"><title>Abbr.</title></titleInfo><genre>article</genre>'
            b'<relatedItem type="host"><titleInfo type="uniform" authority="dlfaqcoll"><title>A Celebration of Women '
            b'Writers: Americana</title></titleInfo></relatedItem></mods>')
    [article] = articles("x.xml", data)
    assert (article.title, article.container) == ("Only an alternative", "A Celebration of Women Writers: Americana")


# The shapes of DLF Aquifer's records in Zotero's MODS translator's tests (AGPL, so in words of our own): a
# photograph and a book held by a digital collection that Aquifer's list names (titleInfo authority "dlfaqcoll"),
# no part, volume or issue; and Stanford's way of saying a host is a collection (typeOfResource collection="yes",
# a map of the Glen McLaughlin Map Collection).
HELD_BY_COLLECTIONS = """<modsCollection xmlns="http://www.loc.gov/mods/v3">
<mods><titleInfo><title>Harbour from the north ridge</title></titleInfo>
  <typeOfResource>still image</typeOfResource><genre authority="gmgpc">Landscape photographs</genre>
  <originInfo><dateCreated encoding="w3cdtf" keyDate="yes">1961-05-04</dateCreated></originInfo>
  <relatedItem type="host"><titleInfo type="uniform" authority="dlfaqcoll"><title>A University Digital Library
    Program: The Field Slides Collection</title></titleInfo></relatedItem></mods>
<mods><titleInfo><title>Letters from the Valley: A True Narrative</title></titleInfo>
  <typeOfResource>text</typeOfResource>
  <originInfo><publisher>A. Printer</publisher>
    <dateIssued keyDate="yes" encoding="w3cdtf">1891</dateIssued></originInfo>
  <relatedItem type="host"><titleInfo type="uniform" authority="dlfaqcoll"><title>Writers of the Valley</title>
    </titleInfo></relatedItem></mods>
<mods><titleInfo><title>An island of the west</title></titleInfo><typeOfResource>cartographic</typeOfResource>
  <originInfo><dateCreated keyDate="yes">1703</dateCreated></originInfo>
  <relatedItem type="host"><titleInfo><title>The Island Map Collection</title></titleInfo>
    <typeOfResource collection="yes"/></relatedItem></mods>
</modsCollection>
"""


def test_a_work_held_by_a_collection_is_no_journals_article(tmp_path: Path, html, make_site) -> None:
    """A photograph, a book and a map held by a library's digital collection were shown with the collection as
    their "Journal" (a journal page each) and typed as journal articles; the collection is now what holds them
    ("Part of"), and each is what its genre or type of resource says."""
    works = articles("held.xml", HELD_BY_COLLECTIONS.encode())
    assert [(a.kind, a.journal, a.container) for a in works] == [
        ("graphic", "", "A University Digital Library Program: The Field Slides Collection"),
        ("document", "", "Writers of the Valley"), ("map", "", "The Island Map Collection")]
    result = build(make_site({"held.xml": HELD_BY_COLLECTIONS.encode()}), tmp_path / "out")
    assert not [p for p in (result.output / "journals").glob("*.html") if p.name != "index.html"]
    page = html.main(html.parse(result.output / "articles" / "mods-harbour-from-the-north-ridge.html"))
    facts = page.find(".//dl[@class='facts']")
    shown = dict(zip([html.text(e) for e in facts if e.tag == "dt"], [html.text(e) for e in facts if e.tag == "dd"],
                     strict=True))
    assert shown["Part of"] == "A University Digital Library Program: The Field Slides Collection"
    assert "Journal" not in shown


# The shape of BIBSYS's record of one volume of a set of collected works (Ludvig Holbergs udvalgte Skrifter,
# "D. 1-6 B. 4", in Zotero's MODS translator's tests; AGPL, so in words of our own): the volume published once
# (issuance monographic), its genre no kind of work, its set the host, which says only which volume it is in words
# (part/text), with the set's imprint.
VOLUME_OF_A_SET = """<mods xmlns="http://www.loc.gov/mods/v3" version="3.6">
<titleInfo><title>Collected writings of a playwright</title><partNumber>Vol. 1-5 Bk. 3</partNumber>
  <partName>The comedies</partName></titleInfo>
<name type="personal" usage="primary"><namePart>Playwright, Anna</namePart></name>
<typeOfResource>text</typeOfResource><genre authority="marcgt">fiction</genre>
<originInfo><place><placeTerm type="text">Bergen</placeTerm></place><publisher>Printer</publisher>
  <dateIssued>1802</dateIssued><issuance>monographic</issuance></originInfo>
<relatedItem displayLabel="Included in" type="host">
  <titleInfo><title>Collected writings of a playwright. Vol. 1-5, The comedies</title></titleInfo>
  <originInfo><publisher>Bergen : Printer, 1801-1803</publisher></originInfo>
  <part><text>Bk. 3</text></part></relatedItem>
</mods>
"""


def test_a_volume_of_a_set_is_a_book_in_its_set_not_a_journals_article(tmp_path: Path, html, make_site) -> None:
    """A volume whose host is the set it belongs to was typed a journal article and its set shown as its
    "Journal"; it is a book, its set shown as its series. A journal's article published once keeps its journal."""
    [volume] = articles("set.xml", VOLUME_OF_A_SET.encode())
    assert (volume.kind, volume.journal, volume.container) == (
        "book", "Collected writings of a playwright. Vol. 1-5, The comedies", "")
    article = VOLUME_OF_A_SET.replace("<part><text>Bk. 3</text></part>", (
        '<part><detail type="volume"><number>3</number></detail>'
        '<extent unit="page"><start>53</start><end>57</end></extent></part>'))
    assert articles("article.xml", article.encode())[0].kind != "book"
    result = build(make_site({"set.xml": VOLUME_OF_A_SET.encode()}), tmp_path / "out")
    (page,) = (result.output / "articles").glob("*.html")
    shown = html.facts(html.main(html.parse(page)))
    assert shown["Series"] == "Collected writings of a playwright. Vol. 1-5, The comedies" and "Journal" not in shown


# The shape of a chapter in Zotero's MODS translator's tests (of "Post-Fordism: A Reader"; AGPL, so in words of our
# own): no genre, no issuance; its book the host, with the book's editor, publisher, place and date, and the
# chapter's pages.
CHAPTER_OF_AN_EDITED_BOOK = """<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods>
<titleInfo><title>Cities after the factory</title></titleInfo>
<name type="personal"><namePart type="given">Ada</namePart><namePart type="family">Writer</namePart>
  <role><roleTerm type="text">author</roleTerm></role></name>
<relatedItem type="host"><titleInfo><title>Work after industry</title><subTitle>A Reader</subTitle></titleInfo>
  <name type="personal"><namePart type="given">Ben</namePart><namePart type="family">Editor</namePart>
    <role><roleTerm type="text">editor</roleTerm></role></name>
  <originInfo><dateIssued>1994</dateIssued><publisher>A University Press</publisher>
    <place><placeTerm type="text">Oxford</placeTerm></place></originInfo>
  <part><extent unit="page"><start>23</start><end>45</end></extent></part></relatedItem>
</mods></modsCollection>
"""


def test_a_chapter_of_a_book_its_editor_made_is_no_journals_article(tmp_path: Path, html, make_site) -> None:
    """A host that names its editor, and no continuing issuance, is a book: the chapter was typed a journal
    article, its book shown as its "Journal" and the book's publisher and place left out. Now a chapter of its
    book, with the book's publisher and place."""
    [chapter] = articles("chapter.xml", CHAPTER_OF_AN_EDITED_BOOK.encode())
    assert (chapter.kind, chapter.journal, chapter.container, chapter.publisher, chapter.place, chapter.pages) == (
        "chapter", "", "Work after industry: A Reader", "A University Press", "Oxford", "23-45")
    serial = CHAPTER_OF_AN_EDITED_BOOK.replace("<dateIssued>1994</dateIssued>",
                                               "<dateIssued>1994</dateIssued><issuance>continuing</issuance>")
    assert articles("serial.xml", serial.encode())[0].journal == "Work after industry: A Reader"
    result = build(make_site({"chapter.xml": CHAPTER_OF_AN_EDITED_BOOK.encode()}), tmp_path / "out")
    (page,) = (result.output / "articles").glob("*.html")
    shown = html.facts(html.main(html.parse(page)))
    assert shown["Book"] == "Work after industry: A Reader" and "Journal" not in shown


def test_a_chapter_names_its_books_editor() -> None:
    """The book that holds a chapter names its editor (Zotero's Post-Fordism chapter: Ash Amin, editor of the
    book); the chapter's page and citations named none, as its editors were read from the chapter alone."""
    [chapter] = articles("chapter.xml", CHAPTER_OF_AN_EDITED_BOOK.encode())
    assert chapter.editors == (Person("Editor, Ben", "Editor", "Ben"),)


def _names_of(names: str) -> list:
    text = ('<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>T</title></titleInfo>'
            f"{names}</mods></modsCollection>")
    [article] = articles("names.xml", text.encode())
    return [(p.name, p.family, p.given, p.suffix, p.display) for p in article.authors]


def test_terms_of_address_are_part_of_the_name() -> None:
    """The Library of Congress's MODS of "3 Viennese arias" (London : Nova Music, c1984), converted from MARC, as
    Zotero's MODS translator tests hold it (AGPL, so only its names are quoted here): the Emperor Joseph I is a
    namePart "Joseph" with the termsOfAddress "I, Holy Roman Emperor" (MARC's $b and $c). The terms were dropped:
    the page said "Joseph", schema.org an organisation of that name. With family and given parts the terms were
    kept out of the name the page shows: KNAW's record of "De syntaxis van het Nederlands" (1983; its names as
    Meresco's tests quote them) gives H.J. Bennis the termsOfAddress "prof", and T. Hoekstra an empty one."""
    assert _names_of(
        '<name type="personal"><namePart>Joseph</namePart><namePart type="termsOfAddress">I, Holy Roman Emperor'
        '</namePart><namePart type="date">1678-1711</namePart></name>'
        '<name type="personal"><namePart>Bononcini, Giovanni,</namePart><namePart type="date">1670-1747</namePart>'
        '</name>') == [
        ("Joseph I, Holy Roman Emperor", "Joseph I", "", "Holy Roman Emperor", "Joseph I Holy Roman Emperor"),
        ("Bononcini, Giovanni", "Bononcini", "Giovanni", "", "Giovanni Bononcini")]
    assert _names_of(
        '<name ID="n548-aut0" type="personal"><namePart type="given">prof.dr. H.J.</namePart>'
        '<namePart type="family">Bennis</namePart><namePart type="termsOfAddress">prof</namePart></name>'
        '<name ID="n548-aut1" type="personal"><namePart type="given">T.</namePart>'
        '<namePart type="family">Hoekstra</namePart><namePart type="termsOfAddress"></namePart></name>') == [
        ("Bennis, prof.dr. H.J., prof", "Bennis", "prof.dr. H.J.", "prof", "prof.dr. H.J. Bennis prof"),
        ("Hoekstra, T.", "Hoekstra", "T.", "", "T. Hoekstra")]


def test_a_bodys_units_are_parted_as_a_catalogue_heading_parts_them() -> None:
    """The Library of Congress's conversion from MARC writes 110 $a and $b as namePart after namePart: govinfo's MODS
    of a Senate hearing ("United States", "Congress", "Senate") and the American Memory record of the American
    ballroom companion ("Library of Congress", "Music Division.") in Zotero's MODS translator's tests (AGPL, so
    only their names are quoted here) were shown "United States Congress Senate" and "Library of Congress Music
    Division.", as one body's name; and a person's 700 $a keeps its catalogue's full stop, "Sridharan, Kumar." (the
    Library of Congress's record of the 1993 Workshop on Plasma-Based Ion Implantation's papers)."""
    assert [name for name, *_ in _names_of(
        '<name type="corporate"><namePart>United States</namePart><namePart>Congress</namePart>'
        '<namePart>Senate</namePart><role><roleTerm type="text">author</roleTerm></role></name>'
        '<name type="corporate"><namePart>Library of Congress</namePart><namePart>Music Division.</namePart></name>'
        '<name type="corporate"><namePart>Applied Science and Technology (ASTeX), Inc.</namePart></name>')] == [
        "United States. Congress. Senate", "Library of Congress. Music Division",
        "Applied Science and Technology (ASTeX), Inc."]
    assert _names_of('<name type="personal"><namePart>Conrad, John R.</namePart></name>'
                     '<name type="personal"><namePart>Sridharan, Kumar.</namePart></name>') == [
        ("Conrad, John R.", "Conrad", "John R.", "", "John R. Conrad"),
        ("Sridharan, Kumar", "Sridharan", "Kumar", "", "Kumar Sridharan")]


def test_the_place_is_the_publishers() -> None:
    """Kalliope's MODS of Josef Blaas's letter to Albrecht Penck (in Zotero's MODS translator's tests; AGPL, so in
    words of our own): one originInfo says where and when the letter was written (Innsbruck, 1930-01-14), another who
    published its electronic edition, where and when (semantics, Aachen, 2021). The page said "Innsbruck:
    semantics, 2021"; the place is now the publisher's ("Aachen: semantics, 2021", the edition's publication as
    the record states it), and a record whose originInfo names no publisher keeps its first place."""
    text = ('<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>[Brief Josef Blaas\' an '
            'Albrecht Penck]</title></titleInfo><originInfo><dateCreated encoding="w3cdtf" keyDate="yes">1930-01-14'
            '</dateCreated><place><placeTerm type="text">Innsbruck</placeTerm></place></originInfo><originInfo>'
            '<publisher>semantics</publisher><place><placeTerm type="text">Aachen</placeTerm></place><dateIssued>2021'
            '</dateIssued><edition>[Electronic ed.]</edition></originInfo></mods></modsCollection>')
    [letter] = articles("letter.xml", text.encode())
    assert (letter.publisher, letter.place, letter.date) == ("semantics", "Aachen", "2021")
    [unpublished] = articles("letter.xml", text.replace("<publisher>semantics</publisher>", "").encode())
    assert (unpublished.publisher, unpublished.place) == ("", "Innsbruck")


def _dates_of(origin: str) -> tuple[str, str]:
    text = ('<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>T</title></titleInfo>'
            f"<originInfo>{origin}</originInfo></mods></modsCollection>")
    [article] = articles("dates.xml", text.encode())
    return article.date, article.date_printed


def test_a_period_of_years_is_shown_from_its_start_to_its_end() -> None:
    """The Library of Congress's MODS of a MARC record of a work issued over several years (its 008 dates) gives
    the first and the last as two ``dateIssued`` (``point="start"``, ``point="end"``), the first often the key date,
    as Stanford's records quoted in its stanford-mods tests are ("1950" and "2007"). The page said only the first
    year; a text of the period the record also gives ("c1998-2001.") stays as it is, and an end that is no year
    (MARC's "9999", still issued) leaves the start alone."""
    marc = '<dateIssued encoding="marc" point="start"{key}>{start}</dateIssued><dateIssued encoding="marc" ' \
           'point="end">{end}</dateIssued>'
    assert _dates_of(marc.format(key="", start="1950", end="2007")) == ("1950", "1950-2007")
    assert _dates_of(marc.format(key=' keyDate="yes"', start="1998", end="2001")) == ("1998", "1998-2001")
    assert _dates_of("<dateIssued>c1998-2001.</dateIssued>" + marc.format(key="", start="1998", end="2001")) == (
        "1998", "c1998-2001.")
    assert _dates_of(marc.format(key=' keyDate="yes"', start="1933", end="9999")) == ("1933", "")
    assert _dates_of('<dateIssued encoding="w3cdtf" keyDate="yes" point="start">2008-02-01</dateIssued>'
                     '<dateIssued encoding="w3cdtf" point="end">2009-12-02</dateIssued>') == (
        "2008-02-01", "2008-02-01/2009-12-02")
