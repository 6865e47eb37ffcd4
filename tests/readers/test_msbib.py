"""Word's bibliography XML (MSBib): JabRef's test files, a physics group's master list as Word wrote it and, in
place when a mirror of it is here, a legal style's master list; the file known by its content whatever its name,
each element mapped, every element kept for the full record, bad input reported at its line, and a site showing
the values."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import reading
from lxml import etree

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.readers import msbib

DATA = Path(__file__).resolve().parents[1] / "data" / "msbib"
FILES = sorted(path.name for path in DATA.glob("*.xml"))
WORD = "word-triumf-sources.xml"
NS = msbib.NAMESPACE


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


def with_problems(name: str, data: bytes | None = None) -> list[tuple]:
    """(article, its problems as text) for each source of a file that reads without a problem of its own."""
    records, problems = read(name, data)
    assert [str(p) for p in problems] == []
    return [(article, [str(p) for p in found]) for article, found in map(readers.to_article, records)]


def source(body: str, root: str = f'<b:Sources xmlns:b="{NS}">') -> bytes:
    """A file of one source whose elements are ``body`` (written with the ``b:`` prefix)."""
    return f'<?xml version="1.0"?>\n{root}\n<b:Source>\n{body}\n</b:Source>\n</b:Sources>\n'.encode()


# --- knowing the file -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("called", ["Sources.xml", "sources.txt", "export.dat", "Sources"])
def test_the_file_is_known_by_its_content_whatever_its_name(name: str, called: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("utf-8")
    assert readers.choose_reader(Path(called), head).format == "msbib"


def test_no_other_formats_fixture_is_taken_for_it() -> None:
    others = [p for p in sorted(DATA.parent.glob("*/*")) if p.is_file() and p.parent != DATA and p.suffix != ".md"]
    assert len(others) > 100
    for path in others:
        head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
        assert not msbib.sniff(head), path
        chosen = readers.choose_reader(path, head)
        assert chosen is None or chosen.format != "msbib", path


def test_other_xml_and_prose_are_not_taken_for_it() -> None:
    for head in ('<?xml version="1.0"?><Sources><Source><Title>x</Title></Source></Sources>',  # no namespace
                 '<modsCollection xmlns="http://www.loc.gov/mods/v3">', "<xml><records><record>",
                 f'Word keeps them in <b:Sources xmlns:b="{NS}">', f'<b:Bibliography xmlns:b="{NS}">', ""):
        assert not msbib.sniff(head), head
    for head in (f'<Sources xmlns="{NS}">', f'\ufeff<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                 f'<!-- a comment -->\r\n<b:Sources SelectedStyle="\\APA.XSL" StyleName="APA" xmlns:b="{NS}">'):
        assert msbib.sniff(head), head


# --- the mapping, field by field ----------------------------------------------------------------------------------

def test_a_journal_article() -> None:
    [article] = articles("jabref-article.xml")
    assert (article.kind, article.title, article.journal, article.volume, article.issue, article.pages) == (
        "", "Application of Ontology In the ITIL Domain",
        "Information Systems Architecture and Technology: Service Oriented Networked Systems", "5", "3", "99-108")
    assert (article.date, article.doi, article.id) == ("2011-03", "10.13140/2.1.3259.2169",
                                                     "doi-10.13140/2.1.3259.2169")
    assert article.publisher == "Oficyna Wydawnicza Politechniki Wrocławskiej"
    assert article.place == ""  # a journal's article: the place would be the journal's
    [author] = article.authors  # one Person, whatever JabRef put in its middle name
    assert (author.family, author.given) == ("Czarnecki", "Adam and Or{\\l}owski, Cezary")


def test_a_book_section_with_its_standard_number_kept_whole() -> None:
    [section] = articles("jabref-book-section.xml")
    assert (section.kind, section.title, section.volume, section.pages, section.publisher) == (
        "chapter", "Agile Entwicklung Web-basierter Systeme", "44", "237-248", "Gabler Verlag")
    assert (section.doi, section.links, section.languages, section.authors) == ("10.1007/BF03250842", (), (), ())
    assert section.keywords[:2] == ("software development processes", "agile software development environments")
    assert section.journal == "" and section.issue == ""  # a book's section has neither
    [record] = section.records
    assert ("b:StandardNumber", (":ISSN:0937-6429",)) in [(f.name, f.values) for f in record.fields]


def test_a_corporate_author_a_translator_and_a_day() -> None:
    [work] = articles("jabref-translator.xml")
    assert [(p.name, p.family) for p in work.authors] == [
        ("Nachname, Vorname MIddleName; Nachname2, Vorname2 MiddleName21", "")]  # a body's name, as written
    assert [(p.name, p.family) for p in work.translators] == [("TestÜbersetzer", "TestÜbersetzer")]
    assert (work.kind, work.journal, work.date, work.pages, work.id) == ("", "MeineZeitung", "2016-07-01", "17",
                                                                       "msbib-nac16")
    [corporate] = articles("jabref-corporate.xml")
    assert [p.name for p in corporate.authors] == ["JabRef Developers"] and corporate.journal == "Test"


def test_a_conference_paper_placed_in_city_state_and_country() -> None:
    [(paper, problems)] = with_problems("jabref-location.xml")
    assert (paper.kind, paper.place, [p.name for p in paper.authors]) == (
        "paper-conference", "Stroudsburg, PA, USA", ["LocationTest"])
    assert problems == ["content/jabref-location.xml:3: error: source has no title (a <b:Title> in its <b:Source>); "
                        "shown as 'Untitled record'"]


def test_a_patent_a_thesis_and_a_journal_named_as_a_periodical() -> None:
    [patent] = articles("jabref-patent.xml")
    assert (patent.kind, patent.title, patent.date, [p.name for p in patent.authors]) == (
        "patent", "The Vampire hunter", "1978", ["Lincoln, Abraham"])
    [thesis] = articles("jabref-thesis.xml")
    assert (thesis.kind, thesis.place, thesis.pages, thesis.journal) == ("thesis", "a", "", "")
    assert [(lang.name, lang.tag) for lang in thesis.languages] == [("English", "en-US")]  # LCID 1033
    [(fields, _)] = with_problems("jabref-fields.xml")
    assert (fields.kind, fields.journal) == ("", "Besondere Turingmaschinen")  # its PeriodicalTitle


def test_words_own_master_list() -> None:
    found = {a.records[0].where.line: (a, p) for a, p in with_problems(WORD)}
    assert len(found) == 81
    misc, _ = found[3]  # a Misc source held by a web site is a web page
    assert (misc.kind, misc.title, misc.journal, misc.date, [p.name for p in misc.authors]) == (
        "webpage", "TAB-Bragg Safety Review Report", "TRIUMF Docushare Server", "2012", ["Behr, J."])
    assert misc.links == ()  # "documents.triumf.ca" has no scheme: only in the full record
    site, problems = found[23]  # a web site cited whole is named by its title
    assert (site.kind, site.title, site.journal, [p.name for p in site.authors], problems) == (
        "webpage", "ISAC Yields Database", "", ["TRIUMF"], [])
    assert [link.url for link in site.links] == ["http://www.triumf.info/facility/research_fac/yield.php"]
    towner, problems = found[296]
    assert (towner.date, towner.journal, towner.pages) == ("2010", "Rep. Prog. Phys.", "046301")
    assert [(p.family, p.given) for p in towner.authors] == [("Towner", "I. S."), ("Hardy", "J. C.")]
    assert problems == [
        "content/word-triumf-sources.xml:302: warning: the month '73' is no month (a number from 1 to 12, a month's "
        "name or a season); the date is the year alone",
        "content/word-triumf-sources.xml:296: error: source has no title (a <b:Title> in its <b:Source>); shown as "
        "'Untitled record'"]
    magazine, _ = found[364]
    assert (magazine.kind, magazine.journal, magazine.volume) == ("article-magazine", "Phys. Rev. Lett.", "97")
    # LCID 2115 (0x0843), as Word for Mac wrote it: Uzbek in Cyrillic script ([MS-LCID]), not the "uz_UZ" that
    # Python's locale table gives it and 1091 (Uzbek in Latin script) alike
    assert [(lang.name, lang.tag) for lang in magazine.languages] == [("Uzbek (Cyrillic)", "uz-Cyrl-UZ")]
    report, _ = found[1810]
    assert (report.kind, report.title, report.publisher, report.place, report.date) == (
        "report", "TRIUMF-ISAC II Safety Report", "TRIUMF", "Vancouver", "2006")
    untitled = [line for line, (a, p) in found.items() if any("has no title" in m for m in p)]
    assert len(untitled) == 52


def test_every_element_is_kept_with_its_line() -> None:
    """Nothing lost: each element with text, and each attribute, of every source is a field of its record, at the
    element's line."""
    data = (DATA / WORD).read_bytes()
    records, _ = read(WORD)
    sources = etree.fromstring(data).findall(f"{{{NS}}}Source")
    assert len(sources) == len(records)
    for element, record in zip(sources, records, strict=True):
        fields = {(f.name, f.values[0] if f.values else "", f.line) for f in record.fields}
        for child in element.iter():
            if child is element or not (child.text or "").strip():
                continue
            path = "/".join(f"b:{etree.QName(e).localname}" for e in reversed([*child.iterancestors()][:-2]))
            name = f"{path}/b:{etree.QName(child).localname}" if path else f"b:{etree.QName(child).localname}"
            assert (name, child.text, child.sourceline) in fields, (name, child.text)


def test_the_default_namespace_and_every_role() -> None:
    data = (f'<Sources xmlns="{NS}"><Source><SourceType>BookSection</SourceType><Title>A chapter</Title>'
            "<BookTitle>The book</BookTitle><Author><BookAuthor><NameList><Person><Last>Book</Last><First>Bo</First>"
            "</Person></NameList></BookAuthor><Editor><NameList><Person><Last>Ed</Last><First>E</First>"
            "<Middle>F</Middle></Person><Person><First>Only</First></Person></NameList></Editor></Author>"
            "<City>Oxford</City><Edition>2nd</Edition><Year>2020</Year><Month>Fall</Month></Source></Sources>"
            ).encode()
    [chapter] = articles("x.xml", data)
    assert (chapter.container, chapter.place, chapter.edition, chapter.date, chapter.date_printed) == (
        "The book", "Oxford", "2nd", "2020", "2020 Fall")
    assert [p.name for p in chapter.authors] == ["Book, Bo"]  # a section without authors of its own
    assert [(p.name, p.given) for p in chapter.editors] == [("Ed, E F", "E F"), ("Only", "")]


def test_an_abstract_and_keywords_from_jabref() -> None:
    data = source("<b:SourceType>Misc</b:SourceType><b:Title>T</b:Title><b:BIBTEX_Abstract>BACKGROUND: Why. "
                  "RESULTS: What.</b:BIBTEX_Abstract><b:BIBTEX_KeyWords>one, two</b:BIBTEX_KeyWords>")
    [work] = articles("x.xml", data)
    assert [(s.label, s.text) for s in work.abstract] == [("BACKGROUND", "Why."), ("RESULTS", "What.")]
    assert (work.kind, work.keywords) == ("document", ("one", "two"))


# --- bad input ----------------------------------------------------------------------------------------------------

def test_bad_values_are_reported_at_their_line() -> None:
    data = source("<b:Title>T</b:Title>\n<b:LCID>99999</b:LCID>\n<b:Year>2020</b:Year>\n<b:Month>5</b:Month>\n"
                  "<b:Day>45</b:Day>")
    [(work, problems)] = with_problems("x.xml", data)
    assert work.date == "2020-05" and work.languages == ()
    assert problems == [
        "content/x.xml:8: warning: the day '45' is no day of a month (1 to 31); it is left out",
        "content/x.xml:5: warning: the LCID '99999' is no Windows language number (1033 is English, 1031 German); "
        "the record names no language"]


@pytest.mark.parametrize(("lcid", "tag"), [("1091", "uz-Latn-UZ"), ("2115", "uz-Cyrl-UZ"), ("1068", "az-Latn-AZ"),
                                         ("2092", "az-Cyrl-AZ"), ("3098", "sr-Cyrl-RS"), ("18441", "en-SG"),
                                         ("1031", "de-DE")])
def test_an_lcid_names_its_script_where_windows_has_one_for_each(lcid: str, tag: str) -> None:
    [(work, problems)] = with_problems("x.xml", source(f"<b:Title>T</b:Title><b:LCID>{lcid}</b:LCID>"))
    assert ([lang.tag for lang in work.languages], problems) == ([tag], [])


def test_an_unknown_lcid_is_kept_in_the_full_record() -> None:
    (record,), _ = read("x.xml", source("<b:Title>T</b:Title>\n<b:LCID>99999</b:LCID>"))
    article, [problem] = readers.to_article(record)
    assert article.languages == () and "the LCID '99999'" in problem.message
    assert [f.values for f in record.fields if f.name.endswith("LCID")] == [("99999",)]


def test_a_broken_source_costs_only_itself() -> None:
    data = (DATA / WORD).read_bytes().replace(b"GOSIA</b:InternetSiteTitle>", b"GOSIA<b:Title>", 1)
    records, [problem] = read(WORD, data)
    assert len(records) == 80 and problem.level is Level.ERROR and "this record was skipped" in problem.message
    assert problem.where.line == 1704


def test_an_empty_master_list_and_a_root_of_another_kind() -> None:
    assert read("x.xml", f'<?xml version="1.0"?><b:Sources SelectedStyle="" xmlns:b="{NS}"></b:Sources>'.encode()
                )[1][0].message == "no <Source> in this Word bibliography"
    records, [problem] = msbib.read_bytes(f'<b:Bibliography xmlns:b="{NS}"/>'.encode(), "content/x.xml")
    assert records == [] and "is not a Word bibliography" in problem.message


@pytest.mark.parametrize("data", [
    b"", b"<", source("<b:Title>&e;</b:Title>", f'<!DOCTYPE b:Sources [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                               f'<b:Sources xmlns:b="{NS}">'),
    source("<b:Author><b:Author><b:NameList><b:Person/></b:NameList><b:Corporate/></b:Author></b:Author>"
           "<b:LCID>-1</b:LCID><b:Year>n.d.</b:Year><b:Month>Smarch</b:Month><b:Day>x</b:Day><b:Pages>-</b:Pages>"),
    source("<b:Title>T</b:Title><b:Year>2020</b:Year><b:Month>\u00b2</b:Month><b:Day>\u00b2</b:Day>"
           "<b:LCID>\u00b2</b:LCID>"),
    source("<b:SourceType><b:x/></b:SourceType><b:Title><![CDATA[<script>]]></b:Title><b:URL>javascript:x</b:URL>"),
])
def test_hostile_input_gives_diagnostics_never_an_exception(data: bytes) -> None:
    reading.never_raises(DATA / "x.xml", data)


# --- Word's master list of a legal style, in place --------------------------------------------------------------

MCGILL = "gspanglett+McGillBibliographyStylesheet"
MCGILL_COMMIT = "ce134117a66ed2de7d748be294f08116774a6a5e"


def _mirror(name: str) -> Path | None:
    """A mirror of a public repository (``.mirror/<owner>+<name>/repo``) beside this checkout or above it."""
    return next((found for folder in DATA.parents if (found := folder / ".mirror" / name / "repo").is_dir()), None)


def test_a_legal_styles_master_list_in_place() -> None:
    """GPL-3.0, so read where it is, not copied (tests/data/msbib/SOURCE.md)."""
    mirror = _mirror(MCGILL)
    if mirror is None:
        pytest.skip(f"no mirror of {MCGILL} here")
    data = subprocess.run(["git", "--git-dir", str(mirror), "show", f"{MCGILL_COMMIT}:Sources.xml"],
                          capture_output=True, check=True).stdout
    by_id = {a.id: (a, p) for a, p in with_problems("Sources.xml", data)}
    assert len(by_id) == 27 and all(p == [] for _, p in by_id.values())
    legislation, _ = by_id["msbib-cri85"]  # a type of the style's own
    assert (legislation.kind, legislation.title, legislation.date, legislation.pages) == (
        "document", "Criminal Code", "1985", "s 745")
    book, _ = by_id["msbib-lna99"]
    assert (book.kind, book.place, [p.name for p in book.authors], [p.name for p in book.editors]) == (
        "book", "Ottawa, ON, Canada", ["LNAuthor, FNAuthor MNAuthor"], ["LNEditor, FNEditor MNEditor"])
    song, _ = by_id["msbib-jim68"]  # its artist first, as Word's form asks for it
    assert (song.kind, [p.name for p in song.authors]) == ("song", ["Experience, Jimi Hendrix and the"])
    article, _ = by_id["msbib-fei83"]  # LegalJournalArticle: a journal holds it
    assert (article.kind, article.journal, article.volume, article.issue, article.pages) == (
        "", "UCLA L Rev", "30", "829", "849")
    post, _ = by_id["msbib-oba17"]  # SocialMedia: a web site holds it
    assert (post.kind, post.journal, post.date) == ("webpage", "Barack Obama", "2017-10-05")


# --- a site -------------------------------------------------------------------------------------------------------

def test_a_site_shows_the_values(tmp_path: Path, html, make_site) -> None:
    result = build(make_site({name: (DATA / name).read_bytes() for name in FILES}), tmp_path / "out")
    # 89 sources, 88 works: JabRef's book section and its thesis share a DOI
    assert (result.records, result.articles) == (89, 88)
    problems = [str(d) for d in result.report.diagnostics]
    assert len(problems) == 55 and sum("has no title" in p for p in problems) == 54
    page = html.parse(tmp_path / "out" / "articles" / "doi-10-13140-2-1-3259-2169.html")
    text = html.text(html.main(page))
    assert "Application of Ontology In the ITIL Domain" in text and "99-108" in text and "Czarnecki" in text
    assert "Information Systems Architecture and Technology" in text
    report = html.parse(tmp_path / "out" / "articles" / "msbib-mor06.html")
    shown = html.text(html.main(report))
    assert "TRIUMF-ISAC II Safety Report" in shown and "Vancouver" in shown
    assert "{5E0EAB70-F8F2-491E-8626-6BCF1E2C96F2}" in shown  # Word's Guid, in the full record only
