"""MARC 21: binary records (MARC-8 and UTF-8) from pymarc's and ruby-marc's tests, the Library of Congress's MARCXML
example, and a journal article's record in an SRU response; every field kept for the full record, a broken record
costs only itself, and a site shows the values."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.readers import marc, marc_article

DATA = Path(__file__).resolve().parents[1] / "data" / "marc"
ARTICLE = "sru-29768149-handwritten.xml"


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


@pytest.mark.parametrize(("name", "suffix"), [
    ("loc-batch.xml", ".xml"), (ARTICLE, ".xml"), ("pymarc-marc8.mrc", ".mrc"), ("pymarc-test.mrc", ".dat"),
    ("pymarc-test.mrc", ".txt")])
def test_the_reader_is_chosen_by_content(name: str, suffix: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("latin-1")
    assert readers.choose_reader(Path("x" + suffix), head).format == "marc"


def test_other_files_are_not_taken_for_marc() -> None:
    for head in ('<?xml version="1.0"?><PubmedArticleSet>', "<xml><records><record>", "<record><title>x</title>",
                 '<modsCollection xmlns="http://www.loc.gov/mods/v3">', "00000 not a leader", "12345", "",
                 '<searchRetrieveResponse><records><record><recordData><mods xmlns="http://www.loc.gov/mods/v3">'):
        assert not marc.sniff(head), head


def test_a_journal_article_in_an_sru_response() -> None:
    [article] = articles(ARTICLE)
    assert (article.title, article.kind, article.journal, article.volume, article.issue, article.pages,
            article.date) == ("Inhaled combined budesonide-formoterol as needed in mild asthma", "",
                              "The New England journal of medicine", "378", "20", "1865-1876", "2018")
    assert [p.name for p in article.authors] == ["O'Byrne, Paul M.", "FitzGerald, J. Mark", "Bateman, Eric D."]
    assert (article.doi, article.id, [lang.tag for lang in article.languages]) == (
        "10.1056/NEJMoa1715274", "doi-10.1056/NEJMoa1715274", ["en"])
    assert [s.text for s in article.abstract][0].startswith("In patients with mild asthma")
    assert article.keywords == ("Asthma -- drug therapy",
                                "Budesonide, Formoterol Fumarate Drug Combination -- administration & dosage")
    assert [link.url for link in article.links] == ["https://www.nejm.org/doi/full/10.1056/NEJMoa1715274"]


def test_every_field_of_a_record_is_kept() -> None:
    [record], _ = read(ARTICLE)
    fields = {f.name: f.values for f in record.fields}
    assert fields["leader"] == ("01342naa a2200301 i 4500",)
    assert fields["773 0#"] == ("$t The New England journal of medicine.", "$g Vol. 378, no. 20 (2018), p. 1865-1876",
                                "$x 1533-4406")
    assert fields["500 ##"] == ("$a Title from the journal's table of contents.",)
    assert fields["035 ##"] == ("$a (PMID)29768149",)
    assert len(record.fields) == 18 and record.where.line == 10  # the <record>'s own line, inside the SRU wrapper


def test_a_marc8_book() -> None:
    """pymarc's MARC-8 record (leader/09 blank): its "à" is one Unicode letter; a book, its ISBD punctuation off."""
    [book] = articles("pymarc-marc8.mrc")
    assert (book.title, book.kind, book.date, book.publisher, book.place) == (
        "Escape from loneliness", "book", "1962", "Westminster Press", "Philadelphia")
    assert [p.name for p in book.authors] == ["Tournier, Paul"] and [lang.tag for lang in book.languages] == ["en"]
    [record] = book.records
    assert record.first("240 10") == "$a De la solitude à la communauté."
    assert record.where.line == 1  # a binary record's place is its number in the file


def test_marc8_text_under_a_leader_that_says_utf8() -> None:
    """ruby-marc's record: leader/09 "a", yet its text MARC-8 ("Genevi\\xe1eve"): read as MARC-8, and said."""
    [record], [problem] = read("ruby-marc-marc8-accented.mrc")
    assert problem.level is Level.WARNING and "says UTF-8, but its text is MARC-8" in problem.message
    assert str(problem.where) == "content/ruby-marc-marc8-accented.mrc:1"
    article, _ = readers.to_article(record)
    assert (article.title, [p.name for p in article.authors]) == ('Histoire du "nouveau théâtre."',
                                                                   ["Serreau, Geneviève"])
    assert (article.journal, article.publisher, article.place, article.date) == (
        "Collection Idées, 104", "Gallimard", "Paris", "1966")  # its series (490) is a book's journal


def test_windows_cyrillic_under_a_leader_that_says_marc8() -> None:
    """pymarc's six records of the Russian Book Chamber (RU-RKP): leader/09 blank, yet their text Russian in
    Windows-1251, which MARC-8 read as stacks of diacritics ("Ильина, Татьяна Николаевна" was "€ ︠, ̈̉̕ ̣̉ ̉̕"):
    read as Windows-1251, and said."""
    records, problems = read("pymarc-1251.mrc")
    assert len(records) == len(problems) == 6
    assert all(p.level is Level.WARNING and "its text is Cyrillic in Windows-1251" in p.message for p in problems)
    article, _ = readers.to_article(records[0])
    assert article.title == ("Основы гидравлического расчета инженерных сетей: [учеб. пособие для вузов по "
                             "специальностям <Теплогазоснабжение и вентиляция>, <Водоснабжение и водоотведение>]")
    assert ([p.name for p in article.authors], article.publisher, article.date) == (
        ["Ильина, Татьяна Николаевна"], "Изд-во Ассоц. строит. вузов", "2005")


def test_a_bracket_within_the_place_keeps_its_pair() -> None:
    """260 $a "СПб. [и др.]" (St Petersburg and other places) was shown "СПб. [и др."; a place supplied in
    brackets is still shown without them."""
    records, _ = read("pymarc-1251.mrc")
    assert [readers.to_article(r)[0].place for r in records] == ["М.", "СПб. [и др.]", "М.", "М.", "СПб.", "М."]
    # ruby-marc's random_tag_order.dat: "[New York, N.Y.] :"; pymarc's utf8_invalid.mrc: "[Washington, D.C.:"
    assert [marc_article._unbracketed(p) for p in ("[New York, N.Y.]", "[Washington, D.C.", "Boston]")] == [
        "New York, N.Y.", "Washington, D.C.", "Boston"]


def test_every_publisher_of_the_imprint_is_shown(make_site, html, tmp_path: Path) -> None:
    """The Russian Book Chamber's record of "Психологический тренинг с подростками" (pymarc's 1251.dat) names two
    publishers in its 260, "$a СПб. [и др.] $b Питер $b Питер Принт": the page named only "Питер"."""
    records, _ = read("pymarc-1251.mrc")
    assert [readers.to_article(r)[0].publisher for r in records][:2] == [
        "Изд-во Ассоц. строит. вузов", "Питер; Питер Принт"]
    build(make_site({"ru.mrc": (DATA / "pymarc-1251.mrc").read_bytes()}), tmp_path / "out")
    page = next(p for p in (tmp_path / "out" / "articles").glob("*.html")
                if html.text(html.parse(p).find(".//h1")).startswith("Психологический тренинг"))
    assert html.facts(html.main(html.parse(page)))["Publisher"] == "Питер; Питер Принт"


def test_a_publisher_in_the_brackets_of_its_place_is_shown_without_them() -> None:
    """Johns Hopkins's record of Nature (traject's nature.marc): 260 "$a [London, etc.,$b Macmillan Journals ltd.]",
    one pair of brackets around both; the publisher was shown "Macmillan Journals ltd.]"."""
    [journal] = articles("traject-nature.mrc")
    assert (journal.title, journal.kind, journal.place, journal.publisher) == (
        "Nature", "periodical", "London, etc.", "Macmillan Journals ltd.")


def test_a_year_after_which_a_work_was_published_is_kept_as_printed() -> None:
    """The Universitat Autònoma de Barcelona's record of a map (traject's missing-second-date.marc): 260 $c
    "post. 1678]" (after 1678; 008/06 "q", a questionable date) was shown "1678"."""
    [plan] = articles("traject-uab-map-post-1678.mrc")
    assert (plan.date, plan.date_printed) == ("1678", "post. 1678")


def test_a_series_number_is_shown_without_its_label_and_full_stop() -> None:
    """Johns Hopkins's record of "Lamps of the Roman period" (traject's multi_geo.marc): 490 $v "v. 7" and 830 $v
    "v. 7." gave the page "Volume: v. 7."; the full record keeps both as written."""
    [book] = articles("traject-multi-geo.mrc")
    assert (book.journal, book.volume) == ("Athenian Agora", "7")
    [record] = book.records
    assert [f.values for f in record.fields if f.name.startswith(("490", "830"))] == [
        ("$a The Athenian Agora ;", "$v v. 7"), ("$a Athenian Agora;", "$v v. 7.")]


def test_many_binary_records_and_the_library_of_congress_example() -> None:
    books = articles("pymarc-test.mrc")
    assert len(books) == 10 and books[2].title == "Perl: programmer's reference"
    assert [p.name for p in books[1].authors] == ["Descartes, Alligator", "Bunce, Tim"]
    assert books[0].authors[0].name == "Martinsson, Tobias"  # "Martinsson, Tobias, $d 1976-": no dates
    music, website = articles("loc-batch.xml")  # the marc: prefix
    assert (music.title, music.kind, music.date) == ("The Great Ray Charles", "song", "1957")
    assert [link.url for link in website.links] == ["http://www.whitehouse.gov",
                                                    "http://lcweb.loc.gov/staff/wpp/whitehouse.html"]
    # 520 with first indicator 8 (no display constant): the website's summary, once shown in the full record only
    assert [s.text[:44] for s in website.abstract] == ["Features the White House. Highlights the Exe"]


def test_an_ebook_typed_as_a_computer_file_is_a_book() -> None:
    """A union catalogue types an e-book as a computer file (leader/06 "m"); its content type (336) says text."""
    (ebook,) = articles("jabref-b3kat-ebook.xml")
    assert (ebook.kind, ebook.date, ebook.edition) == ("book", "2023", "1st ed")
    assert ebook.title.startswith("Marketing Automation with Mailchimp: Expert Tips")
    data = (DATA / "jabref-b3kat-ebook.xml").read_bytes()
    for content, kind in ((b"txt", "book"), (b"cop", "software")):  # cop: computer program
        (changed,) = articles("jabref-b3kat-ebook.xml", data.replace(b'"b">txt<', b'"b">' + content + b"<"))
        assert changed.kind == kind


def test_a_date_is_what_the_record_says() -> None:
    """ruby-marc's Thai dictionary: 260 $c "197-?]" (the 1970s, a guess), 008/06 "q" (a date questioned between
    1970 and 1979): no year is stated, so none is given; the page says the decade as the record prints it."""
    [dictionary] = articles("ruby-marc-utf8-thai.mrc")
    assert (dictionary.date, dictionary.date_printed, dictionary.year) == ("", "197-?", "")
    assert dictionary.records[0].first("008") == "880715q19701979th            00010 chi  "
    assert (dictionary.place, dictionary.publisher) == ("Krungthēp", "Bantānsān")


@pytest.mark.parametrize(("printed", "fixed", "date"), [
    ("c2011.", "", ("2011", "")), ("[2008]", "", ("2008", "")), ("[1995?]", "", ("1995", "1995?")),
    ("1995-1997.", "", ("1995", "1995-1997")), ("ca. 1900.", "", ("1900", "ca. 1900")), ("[19--]", "", ("", "19--")),
    ("2001, c2000.", "", ("2001", "")), ("", "880715s1984    xx", ("1984", "")),
    ("", "880715q19701979th", ("", "")), ("", "880715n1984    xx", ("", "")), ("[s.d.]", "", ("", "s.d."))])
def test_a_printed_date_keeps_its_doubt(printed: str, fixed: str, date: tuple[str, str]) -> None:
    fields = (f'<controlfield tag="008">{fixed}</controlfield>' if fixed else "") + _field("245", "aX.")
    [book] = articles("x.xml", _xml(fields + (_field("260", "aParis :", "bX,", f"c{printed}") if printed else "")))
    assert (book.date, book.date_printed) == date


def test_a_date_to_the_day_keeps_its_month_and_day(built_records, html) -> None:
    """pymarc's record of a CD: 260 $c "03 Nov 2008" was "2008", its month and day dropped."""
    [cd] = articles("pymarc-utf8-cd.xml")
    assert (cd.title, cd.publisher, cd.date, cd.date_printed) == ("Zen Classics", "Virgin Classics", "2008-11-03", "")
    site = built_records("marc-day", {"pymarc-utf8-cd.xml": (DATA / "pymarc-utf8-cd.xml").read_bytes()})
    [page] = (site / "articles").glob("*.html")
    root = html.parse(page)
    assert [m.get("content") for m in root.iter("meta") if m.get("name") == "citation_publication_date"] == [
        "2008/11/03"]
    [published] = [html.text(dl[i + 1]) for dl in html.main(root).iter("dl") for i, dt in enumerate(dl)
                   if dt.tag == "dt" and html.text(dt) == "Published"]
    assert published == "3 November 2008"


@pytest.mark.parametrize(("printed", "date"), [("Aug. 2018.", "2018-08"), ("Sept. 1968", "1968-09")])
def test_a_month_in_the_date_is_kept(printed: str, date: str) -> None:
    fields = _field("245", "aX.") + _field("260", "aParis :", "bX,", f"c{printed}")
    [book] = articles("x.xml", _xml(fields))
    assert (book.date, book.date_printed) == (date, "")


def test_marc8_character_references_are_the_characters() -> None:
    """ruby-marc's record: MARC-8 text with "&#xFFFD;", the Library of Congress's lossless way of writing a
    character MARC-8 cannot hold; read as that character."""
    [record], _ = read("ruby-marc-escaped-reference.mrc")
    assert record.first("260 ##").startswith("$a Rio de Janeiro escaped replacement char: \ufffd .")
    assert marc._unescape_references("Mi&#x0119;dzy &#x1F600; &#xD800; &#x7; &#x110000; &#xZZ;") == (
        "Między \U0001f600 &#xD800; &#x7; &#x110000; &#xZZ;")


def _xml(fields: str, leader: str = "00000nam a2200000 a 4500") -> bytes:
    return (f'<collection xmlns="{marc.MARC_NS}"><record><leader>{leader}</leader>{fields}'
            "</record></collection>").encode()


def _field(tag: str, *subfields: str, ind1: str = " ", ind2: str = " ") -> str:
    inner = "".join(f'<subfield code="{s[0]}">{s[1:]}</subfield>' for s in subfields)
    return f'<datafield tag="{tag}" ind1="{ind1}" ind2="{ind2}">{inner}</datafield>'


def test_every_place_of_the_imprint_is_shown(make_site, html, tmp_path: Path) -> None:
    """The shape of marc4j's records of Penguin and Oxford editions (its pride-and-prejudice-fixed.mrc, LGPL, so in
    words of our own): "260 $a London ; $a New York : $b Penguin Books, $c 1995." The page named London alone; it
    names both places, as their publishers are named ("$a London : $b Dent ; $a New York : $b Dutton")."""
    data = _xml(_field("245", "aA novel /", "cby A. Writer.", ind1="1") +
                _field("260", "aLondon ;", "aNew York :", "bA Publisher,", "c1995."))
    [book] = articles("x.xml", data)
    assert (book.place, book.publisher, book.date) == ("London; New York", "A Publisher", "1995")
    two = _xml(_field("245", "aA novel.", ind1="0") +
               _field("260", "aLondon :", "bA House ;", "aNew York :", "bAnother House,", "c1973."))
    assert [(b.place, b.publisher) for b in articles("y.xml", two)] == [
        ("London; New York", "A House; Another House")]
    build(make_site({"x.xml": data}), tmp_path / "out")
    (page,) = (tmp_path / "out" / "articles").glob("*.html")
    assert html.facts(html.main(html.parse(page)))["Place of publication"] == "London; New York"


def test_a_meetings_name_keeps_its_units() -> None:
    """The German National Library's record of the 50th annual meeting of the special education section of the
    German Educational Research Association (Basel 2015), in Zotero's MARCXML translator's tests (AGPL, so only its
    names are quoted): "111 2_ $a Deutsche Gesellschaft für Erziehungswissenschaft $e Sektion Sonderpädagogik $e
    Jahrestagung $n 50. $d 2015 $c Basel $j Verfasser $4 aut". The page named the society alone as the author; the
    meeting is the society's section's annual meeting."""
    data = _xml(_field("111", "aDeutsche Gesellschaft für Erziehungswissenschaft", "eSektion Sonderpädagogik",
                       "eJahrestagung", "n50.", "d2015", "cBasel", "jVerfasser", "4aut", ind1="2") +
                _field("245", "aBildungs- und Erziehungsorganisatonen im Spannungsfeld von Inklusion und "
                       "Ökonomisierung", ind1="1"))
    [book] = articles("x.xml", data)
    assert [p.name for p in book.authors] == [
        "Deutsche Gesellschaft für Erziehungswissenschaft. Sektion Sonderpädagogik. Jahrestagung"]


def test_roles_say_who_is_an_author() -> None:
    data = _xml(_field("245", "aA book /", "cedited by Jo Smith.", ind1="0") +
                _field("700", "aSmith, Jo,", "eeditor.", ind1="1") + _field("700", "aRoe, Al,", "4trl", ind1="1") +
                _field("700", "aOwner, Old,", "eformer owner.", ind1="1") + _field("710", "aSponsor Inc."))
    [book] = articles("x.xml", data)
    assert (book.authors, [p.name for p in book.editors], [p.name for p in book.translators]) == (
        (), ["Smith, Jo"], ["Roe, Al"])


def test_a_chapter_held_by_a_book_and_links_by_scheme() -> None:
    data = _xml(_field("245", "aA chapter.", ind1="1") + _field("773", "tA book of chapters.", "z9780000000002",
                                                                 "gp. 5-9") +
                _field("856", "uftp://example.org/x.pdf") + _field("856", "ujavascript:alert(1)"),
                leader="00000naa a2200000 a 4500")
    [chapter] = articles("x.xml", data)
    assert (chapter.title, chapter.kind, chapter.container, chapter.journal, chapter.pages, chapter.links) == (
        "A chapter", "chapter", "A book of chapters", "", "5-9", ())


# The shape of Melinda's (FI-MELINDA) record of one song's score in a book of scores (leader/06 "c", /07 "a"): both
# composers with the relator "säveltäjä.", the book in 773 with its ISBN in $z and its ISBD dashes.
def _score_in_a_book() -> bytes:
    return _xml(_field("100", "aComposer, First,", "esäveltäjä.", ind1="1") +
                _field("245", "aA song for trumpet.", ind1="1") +
                _field("700", "aComposer, Second,", "esäveltäjä.", ind1="1") +
                _field("700", "aArranger, Third,", "esovittaja.", ind1="1") +
                _field("773", "tA book of film songs. Trumpet. -", "dCity : Publisher, [2016]. -",
                       "z978-1-4950-6067-0,", ind1="0"),
                leader="00000cca a22000007i 4500")


def test_a_score_held_by_a_book_of_scores_is_in_that_book() -> None:
    [score] = articles("x.xml", _score_in_a_book())
    assert (score.kind, score.container, score.journal) == ("musical_score", "A book of film songs. Trumpet", "")


def test_an_added_entry_in_the_main_entrys_role_is_an_author() -> None:
    [score] = articles("x.xml", _score_in_a_book())
    assert [p.name for p in score.authors] == ["Composer, First", "Composer, Second"]


@pytest.mark.parametrize(("printed", "title"), [
    (["aTitle :", "bsubtitle /", "cby X."], "Title: subtitle"), (["aSmith, J."], "Smith, J."),
    (["aAnd so on ..."], "And so on ..."), (["aWhat is it? :", "ban answer."], "What is it? an answer"),
    (["aPart one.", "nPart 2 ;", "pThe end."], "Part one. Part 2. The end"), (["aTools, etc."], "Tools, etc.")])
def test_isbd_punctuation_leaves_a_title(printed: list[str], title: str) -> None:
    [article] = articles("x.xml", _xml(_field("245", *printed, ind1="1")))
    assert article.title == title


@pytest.mark.parametrize(("related", "part"), [
    ("Vol. 12, no. 3 (2020), p. 45-67", ("12", "3", "45-67", "2020")),
    ("v. 10, n. 2 (2019), p. 33-50", ("10", "2", "33-50", "2019")),
    ("Bd. 22 (2004), Nr. 4, S. 485-512", ("22", "4", "485-512", "2004"))])
def test_where_in_its_journal(related: str, part: tuple[str, ...]) -> None:
    data = _xml(_field("245", "aX.") + _field("773", "tJ.", f"g{related}"), leader="00000naa a2200000 a 4500")
    [article] = articles("x.xml", data)
    assert (article.volume, article.issue, article.pages, article.date) == part


def test_enumeration_when_no_related_parts() -> None:
    fields = marc_article._host_part(marc_article.MarcField("773", "0", " ", (("q", "49:2<553"),)))
    assert (fields.volume, fields.issue, fields.pages) == ("49", "2", "553")


def test_a_broken_xml_record_costs_only_itself() -> None:
    data = (DATA / "loc-batch.xml").read_bytes()
    broken = data.replace(b"The Great Ray Charles", b"The Great <Ray Charles", 1)
    records, [problem] = read("loc-batch.xml", broken)
    assert len(records) == 1 and problem.level is Level.ERROR and "this record was skipped" in problem.message
    assert problem.where.line > 1


def test_a_broken_binary_record_costs_only_itself() -> None:
    data = (DATA / "pymarc-test.mrc").read_bytes()
    second = data.index(marc.END_OF_RECORD) + 1
    broken = data[:second] + b"x" + data[second + 1:]  # the 2nd record's length is no number
    records, [problem] = read("pymarc-test.mrc", broken)
    assert len(records) == 9 and problem.level is Level.ERROR
    assert str(problem.where) == "content/pymarc-test.mrc:2" and "record 2 of this binary MARC file" in problem.message


def test_entities_are_never_expanded() -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY e "boom"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + _xml(_field("245", "aA &e;&x;")))
    [record], problems = marc.read_bytes(data, "content/x.xml")
    article, _ = readers.to_article(record)
    assert record.first("245 ##") == "$a A &e;&x;" and article.title == "A &e;&x"  # as written (";" ends as ISBD)


def test_a_file_without_records() -> None:
    records, [problem] = read("x.xml", f'<collection xmlns="{marc.MARC_NS}"></collection>'.encode())
    assert records == [] and problem.level is Level.ERROR and "no MARC <record>" in problem.message


def test_hostile_input_never_raises() -> None:
    for data in (b"00024nam a2200000 a 4500\x1e\x1d", b"99999nam  22\x1d\x1d\x1d", b"\x1b$1\x1f" * 40,
                 (DATA / "pymarc-marc8.mrc").read_bytes()[:300] + b"\x1b$1\xe8",
                 (DATA / "pymarc-marc8.mrc").read_bytes().replace(b"\x1fa", b"\x1f\xff", 3)):
        reading.never_raises(DATA / "x.mrc", data)


def test_a_site_shows_the_values(tmp_path: Path, html, make_site) -> None:
    files = {name: (DATA / name).read_bytes() for name in (ARTICLE, "pymarc-marc8.mrc")}
    result = build(make_site(files), tmp_path / "out")
    assert [str(d) for d in result.report.diagnostics] == [] and (result.records, result.articles) == (2, 2)
    page = html.parse(tmp_path / "out" / "articles" / "doi-10-1056-nejmoa1715274.html")
    meta = {(m.get("name"), m.get("content")) for m in page.iter("meta")}
    assert {("citation_title", "Inhaled combined budesonide-formoterol as needed in mild asthma"),
            ("citation_author", "O'Byrne, Paul M."), ("citation_journal_title", "The New England journal of medicine"),
            ("citation_volume", "378"), ("citation_firstpage", "1865")} <= meta
    assert html.headings(page, "h1") == ["Inhaled combined budesonide-formoterol as needed in mild asthma"]
    text = html.text(html.main(page))
    assert "FitzGerald" in text and "2018" in text and "1533-4406" in text  # the ISSN, in the full record
    book = html.parse(tmp_path / "out" / "articles" / "marc-2.html")
    assert html.headings(book, "h1") == ["Escape from loneliness"]
    assert "De la solitude à la communauté." in html.text(html.main(book))


def test_marcxml_harvested_over_oai_pmh_and_a_gzipped_binary_file() -> None:
    record = (DATA / "loc-batch.xml").read_bytes().split(b"<marc:record>")[1].split(b"</marc:record>")[0]
    data = (b'<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>'
            b"<header><identifier>oai:x:1</identifier></header><metadata>"
            b'<marc:record xmlns:marc="http://www.loc.gov/MARC21/slim">' + record + b"</marc:record>"
            b"</metadata></record></ListRecords></OAI-PMH>")
    [music] = articles("oai.xml", data)
    assert music.title == "The Great Ray Charles"
    [book] = articles("x.mrc.gz", gzip.compress((DATA / "pymarc-marc8.mrc").read_bytes()))
    assert book.title == "Escape from loneliness"


def test_subject_headings_and_uncontrolled_terms() -> None:
    data = _xml(_field("245", "aX.") + _field("650", "aUnited States.", "xHistory.", ind2="0") +
                _field("653", "aasthma", "ainhaled steroids"))
    [article] = articles("x.xml", data)
    assert article.keywords == ("United States -- History", "asthma", "inhaled steroids")


def test_attributes_and_elements_marcxml_gives_no_meaning_are_kept() -> None:
    data = _xml(_field("245", "aA title.").replace("<datafield ", '<datafield id="f1" ') + '<note>hand-made</note>'
                ).replace(b"<record>", b'<record type="Bibliographic">')
    [record], _ = read("x.xml", data)
    assert [(f.name, f.values) for f in record.fields] == [
        ("@type", ("Bibliographic",)), ("leader", ("00000nam a2200000 a 4500",)), ("245 ##", ("$a A title.",)),
        ("245/@id", ("f1",)), ("note", ("hand-made",))]
    assert readers.to_article(record)[0].title == "A title"


def test_a_title_of_nobility_reads_before_the_family_name(tmp_path: Path, html, make_site) -> None:
    """The Universitat Autònoma de Barcelona's record of a map (traject's missing-second-date.marc) names its
    maker "Beaulieu, Sébastien de Pontault, sieur de" (100 $a, $c): Sébastien de Pontault, sieur de Beaulieu.
    Listings, the feed and the page's JSON-LD, which write names given name first, wrote "Sébastien de Pontault
    Beaulieu sieur de"; now "Sébastien de Pontault sieur de Beaulieu". The byline keeps the name as written."""
    result = build(make_site({"map.mrc": (DATA / "traject-uab-map-post-1678.mrc").read_bytes()}), tmp_path / "out")
    [key] = [p.stem for p in (tmp_path / "out" / "articles").glob("*.html")]
    page = html.parse(tmp_path / "out" / "articles" / f"{key}.html")
    [ld] = [json.loads(s.text) for s in page.iter("script") if s.get("type") == "application/ld+json"]
    assert [a["name"] for a in ld["author"]] == ["Sébastien de Pontault sieur de Beaulieu",
                                                  "Jean Baptiste Hamont Des Roches"]
    year = html.text(html.main(html.parse(tmp_path / "out" / "years" / "1678.html")))
    assert "Sébastien de Pontault sieur de Beaulieu, Jean Baptiste Hamont Des Roches" in year
    assert ("citation_author", "Beaulieu, Sébastien de Pontault, sieur de") in {
        (m.get("name"), m.get("content")) for m in page.iter("meta")}
    assert result.articles == 1


def test_a_name_entered_by_forename_has_no_given_name() -> None:
    """The Library of Congress's records (traject's test_data.utf8.mrc) enter the Dalai Lama and the Chofetz Chaim
    by forename, first indicator 0: "100 0 $a Bstan-ʼdzin-rgya-mtsho, $c Dalai Lama XIV", "$a Israel Meir, $c
    ha-Kohen". Read as "Family, Given", bylines in reading order said "Dalai Lama XIV Bstan-ʼdzin-rgya-mtsho" and
    "ha-Kohen Israel Meir". A name entered by surname beside them (700 1 "Isserles, Moses ben Israel") is split
    as before."""
    mishnah, dalai_lama = articles("traject-forename-entries.mrc")
    people = [*mishnah.authors[:2], *dalai_lama.authors]
    assert [(p.name, p.family, p.given, p.suffix) for p in people] == [
        ("Israel Meir, ha-Kohen", "Israel Meir", "", "ha-Kohen"),
        ("Isserles, Moses ben Israel", "Isserles", "Moses ben Israel", ""),
        ("Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV", "Bstan-ʼdzin-rgya-mtsho", "", "Dalai Lama XIV")]
    assert [p.display for p in people] == [
        "Israel Meir ha-Kohen", "Moses ben Israel Isserles", "Bstan-ʼdzin-rgya-mtsho Dalai Lama XIV"]


def test_the_author_of_a_work_named_with_its_title_is_not_an_author(make_site, html, tmp_path: Path) -> None:
    """The Library of Congress's Mishnah berurah (traject's test_data.utf8.mrc) names the work it comments on with
    its author, "700 12 $a Karo, Joseph ben Ephraim, $d 1488-1575. $t Oraḥ ḥayim.": the byline named Karo as an
    author of the commentary. Its authors are the Chofetz Chaim and Isserles (700 without a title); Karo's field
    stays in the full record."""
    mishnah, _ = articles("traject-forename-entries.mrc")
    assert [p.name for p in mishnah.authors] == ["Israel Meir, ha-Kohen", "Isserles, Moses ben Israel"]
    site = make_site({"forename.mrc": (DATA / "traject-forename-entries.mrc").read_bytes()})
    build(site, tmp_path / "out")
    assert not list((tmp_path / "out" / "authors").glob("karo*.html"))
    page = next(p for p in (tmp_path / "out" / "articles").glob("*.html")
                if "Mishnah berurah" in html.text(html.parse(p).find(".//h1")))
    assert "Karo, Joseph ben Ephraim" in html.text(html.parse(page))  # the full record


def test_non_sorting_markers_are_not_text(tmp_path: Path, html, make_site) -> None:
    """The Deutsche Nationalbibliothek and K10plus mark the article a title is filed without with MARC 21's
    non-sorting markers, U+0098 and U+009C ("<subfield code="a">&#152;Das&#156; kulturelle Gedächtnis</subfield>"
    in the DNB's record 1030500924, retyped here with other words). The page's title read "˜Dieœ Sammlung der
    Briefe": the markers taken for Windows-1252 bytes."""
    data = _xml(_field("245", "a&#152;Die&#156; Sammlung der Briefe", "bAusgabe für Schulen", "cKarl Muster",
                       ind1="1") + _field("490", "a&#152;Die&#156; kleine Reihe", "v12", ind1="1"))
    [book] = articles("x.xml", data)
    assert (book.title, book.journal) == ("Die Sammlung der Briefe: Ausgabe für Schulen", "Die kleine Reihe")
    build(make_site({"dnb.xml": data}), tmp_path / "out")
    [page] = (tmp_path / "out" / "articles").glob("*.html")
    assert html.headings(html.parse(page), "h1") == ["Die Sammlung der Briefe: Ausgabe für Schulen"]
    full = " ".join(html.text(d) for d in html.parse(page).iter("details"))
    # the full record: the field as written, each mark as its code point, which HTML forbids as a character (the
    # Nu checker: "Forbidden code point U+0098")
    assert "\u27e8U+0098\u27e9Die\u27e8U+009C\u27e9 Sammlung der Briefe" in full
    assert not re.search("[\x80-\x9f]", page.read_text(encoding="utf-8"))


def test_a_chapter_in_a_book_named_after_its_author() -> None:
    """K10plus's 773 of a chapter names the book's author ($a "Assmann, Jan, 1938 - 2024") before its title ($t),
    and prints the pages as "(2018), Seite 11-44" (record 1729040977): the page called the book "Assmann, Jan,
    1938 - 2024" and gave no pages. Retyped with other words."""
    data = _xml(_field("245", "aEinleitung", ind1="1") +
                _field("773", "iEnthalten in", "aMuster, Karl, 1950-", "tBriefe und Tagebücher",
                       "dMünchen : Beispiel, 2018", "g(2018), Seite 11-44", "z9783000000005", ind2="8"),
                leader="00000naa a22000002c 4500")
    [chapter] = articles("x.xml", data)
    assert (chapter.kind, chapter.container, chapter.pages, chapter.date) == (
        "chapter", "Briefe und Tagebücher", "11-44", "2018")


def test_the_parts_k10plus_labels_for_machines() -> None:
    """K10plus prints where an article is in its journal without naming the parts (773 $g "185 (2018), 24, Seite
    18-19" in record 1873970374) and writes them apart in a second 773 for machines ("volume:185", "number:24",
    "pages:18-19"); the page had no volume, issue or pages. Retyped with other numbers."""
    data = _xml(_field("245", "aEin Gespräch", ind1="1") +
                _field("773", "iEnthalten in", "tMusterblatt", "g61 (2019), 7, Seite 30-31", "x1234-5679", ind2="8") +
                _field("773", "gvolume:61", "gyear:2019", "gnumber:7", "gpages:30-31", "gextent:2", ind1="1",
                       ind2="8"), leader="00000caa a22000002c 4500")
    [article] = articles("x.xml", data)
    assert (article.journal, article.volume, article.issue, article.pages, article.date) == (
        "Musterblatt", "61", "7", "30-31", "2019")


def test_a_parallel_title_keeps_its_equals_sign() -> None:
    """The National Library of Finland's record of Mari Boine's CD (melinda-2records.xml): 245 "$a Eight seasons =
    $b Gavcci jahkejuogu." gives the title in Northern Sami too, which was shown as a subtitle ("Eight seasons:
    Gavcci jahkejuogu"); the other record's subtitle after ":" keeps its colon."""
    assert [a.title for a in articles("melinda-2records.xml")] == [
        "Missa brevis: A mass for accordion", "Eight seasons = Gavcci jahkejuogu"]


def test_a_country_written_as_a_link_is_not_the_place() -> None:
    """A record of The hobbit converted by bibframe2marc (melinda-bibframe2marc-hobbit.xml): "264 _1 $a
    http://id.loc.gov/vocabulary/countries/xxk $c 2020" before "264 _1 $a London $b HarperCollinsPublishers $c
    2020"; the link was shown as the place of publication and the publisher was lost."""
    [hobbit] = articles("melinda-bibframe2marc-hobbit.xml")
    assert (hobbit.place, hobbit.publisher, hobbit.date) == ("London", "HarperCollinsPublishers", "2020")


def test_a_title_given_by_its_form_alone() -> None:
    """Johns Hopkins's record of Warfield T. Longcope's papers (traject's 245_no_ab.marc): "245 10 $k Papers." with
    no $a; the page said "Untitled record" and the build reported the record had no title."""
    records, _ = read("traject-jhu-longcope-papers.mrc")
    [(papers, problems)] = [readers.to_article(r) for r in records]
    assert (papers.title, [p.name for p in papers.authors], problems) == ("Papers", ["Longcope, Warfield T."], [])


def test_a_unimarc_record_gives_its_title_and_no_misread_author() -> None:
    """The shape of the Taiwanese catalogue's UNIMARC records of Jane Austen's novels in marc4j's
    pride-and-prejudice-fixed.mrc (LGPL, so in words of our own): no 245, "200 1_ $a <title> $f <author> $g
    <translator>.", and a 100 of processing data ("$a 20020826d … e."). Read as MARC 21, the page was "Untitled
    record" by the author "20020826d m y0chiy09 e."; it gives the title of 200 $a and no author now, and the build
    says the record looks like UNIMARC."""
    data = _xml('<controlfield tag="001">00099999</controlfield>' +
                _field("100", "a20020826d        m  y0chiy09      e.") + _field("101", "achi.", ind1="0") +
                _field("200", "a一個故事", "f某作者著", "g某譯者譯.", ind1="1") +
                _field("700", "a作者", "b某", "4著.", ind2="1"), leader="00000cam a2200000 i 4500")
    records, _ = read("x.xml", data)
    [(book, problems)] = [readers.to_article(r) for r in records]
    assert (book.id, book.title, book.authors) == ("marc-00099999", "一個故事", ())
    [problem] = problems
    assert problem.level is Level.WARNING and "looks like UNIMARC" in problem.message
    assert records[0].first("100 ##") == "$a 20020826d        m  y0chiy09      e."  # kept for the full record
