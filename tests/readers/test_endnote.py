"""The EndNote tagged reader (.enw): JabRef's real test files (a Deutsche Nationalbibliothek book export, and
its file of every tag and type), a PubMed review and three kinds of work written by hand in EndNote's tags; a
site built from them shows the values exactly; hostile input gives diagnostics with file and line, never an
exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Person, Section
from site_builder.readers import endnote

DATA = Path(__file__).resolve().parents[1] / "data" / "endnote"
FILES = ["cochrane-central-handwritten.enw", "colrev-ais-elibrary.txt", "example-kinds-handwritten.enw",
         "jabref-dnb-book.enw", "jabref-entries.enw", "pubmed-review-handwritten.enw", "cnki-handwritten.txt"]


def read(name: str) -> tuple[list, list]:
    return readers.read_data((DATA / name).read_bytes(), DATA / name, f"content/{name}")


def articles(name: str) -> list:
    records, _ = read(name)
    return [readers.to_article(r) for r in records]


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("suffix", [".enw", ".txt"])
def test_the_reader_is_chosen_by_suffix_and_content(name: str, suffix: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("utf-8")
    assert readers.choose_reader(Path("x" + suffix), head).format == "endnote"


def test_other_formats_are_not_taken_for_endnote() -> None:
    for head in ("TY  - JOUR\nTI  - x\nER  - \n", "PMID- 1\nTI  - x\n", "% a LaTeX comment\n\\documentclass{x}\n",
                 "%!PS-Adobe-3.0\n%%Title: x\n", "@article{x, title={y}}\n", ""):
        assert not endnote.sniff(head), head


def test_a_book_from_the_national_library() -> None:
    """Every field kept with its line, the trailing space of '%P XX, 327 ' too; the book's values typed."""
    records, problems = read("jabref-dnb-book.enw")
    assert problems == []
    assert len(records) == 1 and records[0].where.line == 1 and records[0].format == "endnote"
    fields = records[0].fields
    assert [f.name for f in fields] == ["%0", "%A", "%A", "%C", "%D", "%I", "%K", "%L", "%P", "%T", "%U", "%7", "%@",
                                        "%[", "%=", "%1"]
    assert fields[8] == Field("%P", ("XX, 327 ",), 9)
    assert fields[-1] == Field("%1", ("UB Vaihingen (geschlossen: 24.12.15 - 3.1.16)",), 16)
    article, problems = readers.to_article(records[0])
    assert problems == []
    assert article.title == "Git : dezentrale Versionsverwaltung im Team : Grundlagen und Workflows"
    assert article.kind == "book"
    assert article.authors == (Person("Preißel, René", "Preißel", "René"), Person("Stachmann, Bjørn", "Stachmann",
                                                                                   "Bjørn"))
    assert (article.date, article.publisher, article.place) == ("2016", "dpunkt.verlag", "Heidelberg")
    assert article.edition == "3., aktualisierte und erweiterte Auflage"
    assert article.pages == ""  # a book's %P is its extent, not a page range; it stays in the full record
    assert article.keywords == ("Versionsverwaltung",)
    assert [link.url for link in article.links] == ["http://d-nb.info/107601965X"]


def test_a_pubmed_review() -> None:
    """CRLF line ends; %M is the PMID of a record from NLM, %2 its PMCID, %O the journal's abbreviation, %9 its
    publication types; %D and %8 make the date."""
    (article, problems), = articles("pubmed-review-handwritten.enw")
    assert problems == []
    assert article.title == "Chronic Lymphocytic Leukemia: Exploiting Vulnerabilities with Targeted Agents"
    assert article.kind == "" and article.topics == ("Review",)
    assert article.publication_types == ("Journal Article", "Review")
    assert [a.name for a in article.authors] == ["Maly, Joseph", "Blachly, James S"]
    assert (article.journal, article.journal_abbrev) == ("Current hematologic malignancy reports",
                                                         "Curr Hematol Malig Rep")
    assert (article.volume, article.issue, article.pages, article.date) == ("11", "1", "52-60", "2016-02")
    assert (article.doi, article.pmid, article.pmcid) == ("10.1007/s11899-016-0299-0", "26893063", "PMC4969081")
    assert article.id == "pubmed-4969081"  # the id a catalogue dump or MEDLINE record of the work gets
    assert [lang.name for lang in article.languages] == ["English"]
    assert article.keywords == ("ACP-196", "Chronic lymphocytic leukemia", "Ibrutinib")
    record = article.records[0]
    assert record.fields[0] == Field("%0", ("Journal Article",), 1)
    assert Field("%$", ("NIHMS805055",), 24) in record.fields  # no line end is left in a value


def test_a_cochrane_central_record() -> None:
    """CENTRAL's export: the citation as one text in %B (the journal, as the record gives it), the DOI as a url in
    %R; its accession number is no PMID."""
    (article, problems), = articles("cochrane-central-handwritten.enw")
    assert problems == []
    assert article.journal == ("BMJ Open. 6 (7) (no pagination), 2016. Article Number: e010197. Date of "
                               "Publication: 01 Jul 2016.")
    assert (article.doi, article.pmid, article.date) == ("10.1136/bmjopen-2015-010197", "", "2016")
    assert article.id == "doi-10.1136/bmjopen-2015-010197"  # the id other formats give the work
    assert article.records[0].fields[6] == Field("%M", ("CN-01196504",), 7)


def test_three_kinds_of_work() -> None:
    (journal, p1), (chapter, p2), (thesis, p3) = articles("example-kinds-handwritten.enw")
    assert p1 == p2 == p3 == []
    # a title over two lines; a group author (a name ending in a comma); a period as printed
    assert journal.title == "An example review of home monitoring after discharge"
    assert journal.authors == (Person("Writer, Cara", "Writer", "Cara"), Person("Scribe, Dan C.", "Scribe", "Dan C."),
                               Person("Example Trials Collaborative Group"))
    assert (journal.date, journal.date_printed) == ("2021-01", "2021 Jan-Feb")
    assert (journal.journal, journal.volume, journal.issue, journal.pages) == ("Journal of Example Studies", "7",
                                                                               "1", "e101")
    assert journal.keywords == ("home monitoring", "discharge", "Review literature as topic")
    assert journal.abstract == (
        Section("Background", "Patients are often monitored at home after discharge."),
        Section("Methods", "We searched three databases for trials."),
        Section("Results", "Twelve trials were included."))
    fields = journal.records[0].fields
    assert Field("%T", ("An example review of home", "monitoring after discharge"), 2) in fields
    assert Field("%F", ("Writer2021",), 19) in fields  # a tag the reader does not use is kept
    assert fields[-1] == Field("%V", ("",), 21)  # a tag with no value
    assert chapter.kind == "chapter"
    assert (chapter.container, chapter.journal, chapter.edition) == ("Example Syndromes", "Example Collection", "2nd")
    assert [e.name for e in chapter.editors] == ["Editor, Ada L", "Redactor, Ben"]
    assert (chapter.publisher, chapter.place, chapter.pages, chapter.date) == ("Example Press", "Bethesda (MD)",
                                                                               "11-31", "2009")
    assert chapter.records[0].where.line == 23
    assert (thesis.kind, thesis.publisher, thesis.pages, thesis.date) == ("thesis", "Example University", "", "2015")


def test_a_thesis_department_is_no_series() -> None:
    """EndNote's %B of a thesis is its "Academic Department" (the field's name in EndNote's Thesis type): it was
    shown as the thesis's series, and cited "… Example University; 2015. (Psychology)."; it stays in the full
    record."""
    text = ("%0 Thesis\n%A Scribe, Dan C.\n%T An example thesis on reading tagged files\n%B Psychology\n"
            "%I Example University\n%C Leiden\n%D 2015\n%9 Doctoral dissertation\n\n")
    (record,), _ = endnote.read(text, "thesis.enw")
    thesis, problems = endnote.to_article(record)
    assert problems == [] and (thesis.kind, thesis.journal, thesis.publisher) == ("thesis", "", "Example University")
    assert thesis.records[0].values("%B") == ("Psychology",)


def test_jabrefs_file_of_every_tag() -> None:
    """A '%0' with no value still starts a record; a '%0' line with nothing after it is reported by its line and
    not read; the records after it are."""
    records, problems = read("jabref-entries.enw")
    assert [r.where.line for r in records] == [1, 15, 23, 25, 28]
    assert [(p.level, p.where.path, p.where.line) for p in problems] == [
        (Level.WARNING, "content/jabref-entries.enw", line) for line in range(7, 15)]
    assert problems[0].message == ("a '%0 Journal' line with no fields after it (the kind of work of a record that "
                                   "holds nothing else); not read as a record")
    first = readers.to_article(records[0])[0]
    assert first.title == "testT" and first.kind == ""
    assert [a.name for a in first.authors] == ["testA0", "testA1"]  # names without a comma, as written
    untitled, problems = readers.to_article(records[1])
    assert untitled.title == "Untitled record"
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.ERROR, 15, "record has no title (a '%T' line); shown as 'Untitled record'")]


def test_the_ais_elibrary_writes_the_title_before_the_kind() -> None:
    """The AIS eLibrary's export puts each record's %T before its %0, and some records have no %0: the %0 started
    a new record, so every title was cut from its record ("Untitled record", and a page of the title alone), and
    "%8 September  1, 2021" was printed "2021 Sep 1, 2021". CoLRev's AIS fixture (MIT), real records."""
    records, problems = read("colrev-ais-elibrary.txt")
    assert problems == [] and [r.where.line for r in records] == [1, 17, 27, 37, 50, 61]
    first, contents, index, *_ = (readers.to_article(r) for r in records)
    article, article_problems = first
    assert article_problems == [] and article.title.startswith("How Trust Leads to Commitment on Microsourcing")
    assert (article.kind, article.journal, article.volume, article.issue, article.pages, article.date) == (
        "", "Management Information Systems Quarterly", "45", "3", "1309-1348", "2021-09-01")
    assert [a.name for a in article.authors] == ["Guo, Wenbo", "Straub, Detmar W.", "Zhang, Pengzhu", "Cai, Zhao"]
    assert (contents[0].title, contents[0].pages, contents[0].date_printed) == (
        "MISQ Volume 45, Issue 3 Table of Contents", "i-ii", "")  # front matter's pages, in Roman numbers
    assert (index[0].pages, index[0].date) == ("2281-2284", "2021-12-02")
    assert all(readers.to_article(r)[0].title != "Untitled record" for r in records)


@pytest.mark.parametrize(("work_type", "kind"), [
    ("Journal Article", ""), ("Electronic Article", ""), ("Book", "book"), ("Edited Book", "book"),
    ("Book Section", "chapter"), ("Conference Paper", "paper-conference"), ("Thesis", "thesis"),
    ("Report", "report"), ("Web Page", "webpage"), ("Generic", "document"), ("Newspaper Article",
    "article-newspaper"), ("Computer Program", "software"), ("Dataset", "dataset"), ("book  section", "chapter"),
    ("Something Else", "")])
def test_kinds_of_work(work_type: str, kind: str) -> None:
    assert endnote.kind_of(work_type) == kind


@pytest.mark.parametrize(("d", "eight", "date", "printed"), [
    ("2013", "August 1", "2013-08-01", ""), ("2016", "2016-03-15", "2016-03-15", ""),
    ("2019", "2019/03/12", "2019-03-12", ""), ("2021", "Jan-Feb", "2021-01", "2021 Jan-Feb"),
    ("2018", "Spring", "2018", "2018 Spring"), ("2016", "", "2016", ""), ("", "2016-03-15", "2016-03-15", ""),
    ("2015", "2014-01-02", "2015", ""), ("in press", "", "", "in press"), ("2010", "not a date", "2010", ""),
    ("[1995?]", "", "1995", "[1995?]"), ("Dec 2019", "", "2019-12", ""),
    ("c2015", "", "2015", ""), ("2021 Jan-Feb", "", "2021-01", "2021 Jan-Feb"),
    ("2021", "September  1, 2021", "2021-09-01", ""), ("2019", "December 21, 2019", "2019-12-21", ""),
    ("2021", "1 September 2021", "2021-09-01", ""), ("2021", "Sept. 31, 2021", "2021-09", ""),
    ("2020", "September 1, 2021", "2020", "")])
def test_dates_as_the_record_prints_them(d: str, eight: str, date: str, printed: str) -> None:
    text = f"%0 Journal Article\n%T A title\n%D {d}\n%8 {eight}\n"
    records, _ = endnote.read(text, "x.enw")
    article, _ = endnote.to_article(records[0])
    assert (article.date, article.date_printed) == (date, printed)


HOSTILE = {
    "empty": b"",
    "blank": b"\n\n  \r\n",
    "garbage": bytes(range(256)) * 40,
    "tag without value": b"%0 Journal Article\n%T\n%A\n%D\n%8\n%P\n%R\n%U\n%K\n%X\n%0\n",
    "huge line": b"%0 Journal Article\n%T " + b"Long title " * 500_000 + b"\n%A Smith, Ann\n",
    "many fields": b"%0 Journal Article\n%T Title\n" + b"%A Author, Any\n" * 20_000,
    "text before": b"Exported from somewhere\n\n%0 Book\n%T A book\n",
    "percent only": b"%0 Book\n%\n%%\n% \n%T x\n",
    "nul and controls": b"%0 Journal Article\n%T Bell\x07 NUL\x00\n%A \x1b[31m,\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    data = HOSTILE[name]
    for suffix in (".enw", ".txt"):
        records, problems = readers.read_data(data, Path("bad" + suffix), "content/bad" + suffix)
        for record in records:
            article, more = readers.to_article(record)
            assert article.title
            problems += more
        for p in problems:
            assert p.where.path == "content/bad" + suffix and p.where.line >= 1 and p.message


def test_hostile_input_is_reported_where_it_is() -> None:
    assert [(p.level, p.where.line, p.message) for p in endnote.read("", "e.enw")[1]] == [
        (Level.ERROR, 1, "no records: a record starts with a line such as '%0 Journal Article'")]
    records, problems = endnote.read(HOSTILE["many fields"].decode(), "m.enw")
    assert problems == [] and len(records[0].fields) == 20_002  # every field kept
    assert len(readers.to_article(records[0])[0].authors) == 20_000
    records, problems = endnote.read(HOSTILE["text before"].decode(), "t.enw")
    assert [r.where.line for r in records] == [3]
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 1)]
    records, _ = endnote.read(HOSTILE["huge line"].decode(), "h.enw")
    assert len(readers.to_article(records[0])[0].title) > 5_000_000
    assert readers.to_article(records[0])[0].authors == (Person("Smith, Ann", "Smith", "Ann"),)


def test_a_site_built_from_an_enw_file_shows_its_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in ("example-kinds-handwritten.enw", "pubmed-review-handwritten.enw"):
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level is Level.ERROR] == []
    assert result.records == 4
    pages = {html.text(html.main(doc).find(".//h1")): doc
             for doc in (html.parse(p) for p in sorted((tmp_path / "_site" / "articles").glob("*.html")))}
    assert sorted(pages) == ["An example chapter", "An example review of home monitoring after discharge",
                             "An example thesis on reading tagged files",
                             "Chronic Lymphocytic Leukemia: Exploiting Vulnerabilities with Targeted Agents"]

    def facts(title: str) -> dict[str, str]:
        dl = html.main(pages[title]).find(".//dl[@class='facts']")
        return dict(zip([html.text(e) for e in dl if e.tag == "dt"], [html.text(e) for e in dl if e.tag == "dd"],
                        strict=True))

    review = facts("An example review of home monitoring after discharge")
    assert (review["Journal"], review["Published"], review["Volume"], review["Issue"], review["Pages"]) == (
        "Journal of Example Studies", "2021 Jan-Feb", "7", "1", "e101")
    main = html.main(pages["An example review of home monitoring after discharge"])
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:3] == ["Writer, Cara", "Scribe, Dan C.", "Example Trials Collaborative Group"]
    rows = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in main.iter("tr") if tr.find("th") is not None
            and tr.find("td") is not None}
    assert rows["%F"] == "Writer2021" and rows["%V"] == "" and rows["%8"] == "Jan-Feb"
    assert rows["%A"] == "Example Trials Collaborative Group,"  # the last %A row, as written
    chapter = facts("An example chapter")
    assert chapter["Edition"] == "2nd" and chapter["Place of publication"] == "Bethesda (MD)"
    assert chapter["Publisher"] == "Example Press" and chapter["Editors"] == "Ada L Editor; Ben Redactor"
    pubmed = facts("Chronic Lymphocytic Leukemia: Exploiting Vulnerabilities with Targeted Agents")
    assert pubmed["Published"] == "February 2016"
    assert "pubmed.ncbi.nlm.nih.gov/26893063" in "".join(
        a.get("href", "") for a in html.main(pages["Chronic Lymphocytic Leukemia: Exploiting Vulnerabilities with "
                                                   "Targeted Agents"]).iter("a"))


def test_a_catalogues_audio_record_is_no_journal_article(tmp_path: Path, html) -> None:
    """A library catalogue's EndNote export of a podcast writes "%0 Audio" (the record of a test case of Zotero's
    Refer/BibIX translator, AGPL, so written out here with its facts: an Austrian podcast of 2021, Wien). The page
    called it a journal article (schema.org ScholarlyArticle, RIS "TY  - JOUR") and left out its place."""
    text = ("%0 Audio\n%I Studio Omega, Verein für Christliche Radioarbeit\n%D 2021\n%C Wien\n%G German\n"
            "%T Diesseits von Eden: der Podcast der katholischen Fakultäten Österreichs & Südtirols\n"
            "%U https://diesseits.theopodcast.at/home\n")
    (record,), problems = endnote.read(text, "podcast.enw")
    assert problems == []
    assert endnote.kind_of("Audio") == "song"
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "podcast.enw").write_text(text, encoding="utf-8")
    build(site, tmp_path / "_site")
    (page,) = (tmp_path / "_site" / "articles").glob("*.html")
    facts = html.facts(html.main(html.parse(page)))
    assert (facts["Publisher"], facts["Place of publication"]) == (
        "Studio Omega, Verein für Christliche Radioarbeit", "Wien")
    assert "ScholarlyArticle" not in page.read_text(encoding="utf-8")
    assert "TY  - JOUR" not in page.with_suffix(".ris").read_text(encoding="utf-8")


@pytest.mark.parametrize("et_al", ["et al.", "et, a. l."])
def test_et_al_typed_as_the_last_author_is_no_author(et_al: str) -> None:
    """The AIS eLibrary record with "et al." typed as its last author, as EndNote libraries hold it (its BibTeX
    export writes it "et, a. l."): an author "et al." with an author page of that name. It is the byline's et al."""
    data = (DATA / "colrev-ais-elibrary.txt").read_bytes().replace(b"%A Cai, Zhao\n",
                                                                   f"%A Cai, Zhao\n%A {et_al}\n".encode(), 1)
    records, _ = readers.read_data(data, DATA / "a.enw", "content/a.enw")
    article, _ = readers.to_article(records[0])
    assert [p.name for p in article.authors] == ["Guo, Wenbo", "Straub, Detmar W.", "Zhang, Pengzhu", "Cai, Zhao"]
    assert article.et_al is True
    assert readers.to_article(records[2])[0].et_al is False


def test_the_year_0000_is_no_year() -> None:
    """Exports write 0000 for no year (RIS's "PY  - 0000", which the RIS reader reads as none): EndNote's "%D 0000"
    was the date "0000", filed under a year no calendar has; it is now kept as written, under no year."""
    (record,), _ = endnote.read("%0 Journal Article\n%T A work of no year\n%D 0000\n", "refs.enw")
    article = endnote.to_article(record)[0]
    assert (article.date, article.date_printed) == ("", "0000")


def test_et_al_typed_after_the_last_author_is_the_bylines() -> None:
    """The AIS eLibrary record with "et al." typed after its last author, on that author's line ("%A Cai, Zhao,
    et al."): "et al." was read as a suffix of Zhao Cai's. It is the byline's et al."""
    data = (DATA / "colrev-ais-elibrary.txt").read_bytes().replace(b"%A Cai, Zhao\n", b"%A Cai, Zhao, et al.\n", 1)
    records, _ = readers.read_data(data, DATA / "a.enw", "content/a.enw")
    article, _ = readers.to_article(records[0])
    assert [p.name for p in article.authors] == ["Guo, Wenbo", "Straub, Detmar W.", "Zhang, Pengzhu", "Cai, Zhao"]
    assert article.authors[-1].suffix == ""
    assert article.et_al is True


def test_cnkis_people_on_one_line_are_each_an_author() -> None:
    """CNKI's EndNote export (records ending "%W CNKI") may write several authors on one line, each after its tag
    ("%A 蔺卿 %A 罗格平 %A 陈曦") or parted by semicolons in one tag ("%A 张三;李四"), as Zotero's CNKI Refer
    translator reads it, and pads an issue with a zero ("%N 05"): the page named one author "蔺卿 %A 罗格平 %A
    陈曦", and issue 05."""
    (lucc, _), (garden, _) = articles("cnki-handwritten.txt")
    assert [p.name for p in lucc.authors] == ["蔺卿", "罗格平", "陈曦"]
    assert (lucc.journal, lucc.date, lucc.volume, lucc.issue, lucc.pages) == ("地理科学进展", "2005", "", "5", "81-89")
    assert lucc.keywords == ("土地利用/土地覆被变化", "驱动力", "模型", "土地利用系统")
    assert [p.name for p in garden.authors] == ["刘芷君"]
    assert (garden.volume, garden.issue, garden.doi) == ("47", "16", "10.14051/j.cnki.xdyy.2024.16.040")
    text = "%0 Journal Article\n%A 张三;李四\n%K 甲；乙 %K 丙\n%T 题名\n%N 05\n%W CNKI\n"
    (record,), _ = readers.read_data(text.encode(), Path("cnki.txt"), "content/cnki.txt")
    article = readers.to_article(record)[0]
    assert ([p.name for p in article.authors], article.keywords, article.issue) == (
        ["张三", "李四"], ("甲", "乙", "丙"), "5")
    text = text.replace("%W CNKI", "%W PubMed")  # elsewhere, as written
    (record,), _ = readers.read_data(text.encode(), Path("other.txt"), "content/other.txt")
    assert (readers.to_article(record)[0].authors[0].name, readers.to_article(record)[0].issue) == ("张三;李四", "05")
