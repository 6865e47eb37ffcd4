"""Workbooks (XLSX): Embase's and EPPI-Reviewer's real spreadsheet exports, and tabular exports saved again as
workbooks; read as the same export's CSV is, row numbers for lines; a damaged or foreign workbook is reported
with its file and the rest of the site is built."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import reading

from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.readers import spreadsheet

DATA = Path(__file__).resolve().parents[1] / "data"


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


def same(a, b) -> list[str]:
    """The fields (but the records) in which two articles differ."""
    return [f.name for f in dataclasses.fields(a) if f.name != "records" and getattr(a, f.name) != getattr(b, f.name)]


def workbook(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_embase_workbook_is_its_csv_export() -> None:
    """The same search exported as XLSX and as CSV: every article the CSV fixture holds (its rows 1, 3, 9, 10) is
    the workbook's, field for field, and so is every column of the first record."""
    records, problems = read("workbooks/embase-dinosaurs.xlsx")
    assert problems == [] and len(records) == 10
    assert {r.format for r in records} == {"embase-csv"}
    assert [r.where.line for r in records[:2]] == [5, 6]  # the search's three rows, then the header, above them
    by_title = {a.title: a for a in articles("workbooks/embase-dinosaurs.xlsx")}
    from_csv = articles("table-csv/embase-dinosaurs.csv")
    assert len(from_csv) == 4
    for article in from_csv:
        assert same(article, by_title[article.title]) == [], article.title
    csv_record = read("table-csv/embase-dinosaurs.csv")[0][0]
    assert [(f.name, f.values) for f in records[0].fields] == [(f.name, f.values) for f in csv_record.fields]
    cellular = by_title[from_csv[0].title]
    assert (cellular.pmid, cellular.doi, cellular.pages, cellular.article_number, cellular.date) == (
        "38773066", "10.1038/s41467-024-48400-3", "", "4063", "2024-12")  # "1 Dec 2024": Embase's 1st is no day


def test_web_of_science_excel_export_an_xls_workbook() -> None:
    """Web of Science's "Excel" export is the older binary XLS ("savedrecs.xls"): read by xlrd, as its CSV is."""
    records, problems = read("workbooks/wos-staples-savedrecs.xls")
    assert problems == [] and len(records) == 18 and {r.format for r in records} == {"wos-csv"}
    fields = {f.name: (f.values[0], f.line) for f in records[0].fields}
    assert fields["Volume"] == ("10", 2) and fields["Publication Year"] == ("2023", 2)  # number cells, as shown
    first = articles("workbooks/wos-staples-savedrecs.xls")[0]
    assert (first.title, first.journal, first.volume, first.issue, first.pages, first.article_number, first.date) == (
        "Expansion and evolution of the R programming language", "ROYAL SOCIETY OPEN SCIENCE", "10", "4", "",
        "221550", "2023-04-12")
    assert ([p.name for p in first.authors], first.doi, first.pmid) == (
        ["Staples, Timothy L."], "10.1098/rsos.221550", "37063989")


def test_web_of_science_excel_links_are_their_addresses(tmp_path: Path, html, make_site) -> None:
    """The XLS export writes "DOI Link" and "Web of Science Record" as HYPERLINK formulas whose stored result is 0
    (=HYPERLINK("http://dx.doi.org/10.1098/rsos.221550", …)): the full record said "DOI Link 0"; it gives the
    addresses."""
    records, _ = read("workbooks/wos-staples-savedrecs.xls")
    fields = {f.name: f.values for f in records[0].fields}
    assert fields["DOI Link"] == ("http://dx.doi.org/10.1098/rsos.221550",)
    assert fields["Web of Science Record"] == (
        "https%3A%2F%2Fwww.webofscience.com%2Fwos%2Fwoscc%2Ffull-record%2FWOS:000969064200001",)
    result = build(make_site({"savedrecs.xls": (DATA / "workbooks" / "wos-staples-savedrecs.xls").read_bytes()}),
                   tmp_path / "_site")
    page = html.main(html.parse(result.output / "articles" / "pubmed-37063989.html"))
    full = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in page.iter("tr") if tr.find("td") is not None}
    assert full["DOI Link"] == "http://dx.doi.org/10.1098/rsos.221550"


def test_web_of_science_excel_last_page_of_plus_is_kept() -> None:
    """The workbook's Science article (volume 370, issue 6513) gives "Start Page" 220 and "End Page" "+", Web of
    Science's mark for pages after the first that it does not list: the page showed the one page "220", where the
    tagged export's "BP 223", "EP +" shows "223-+"; it shows "220-+"."""
    science = next(a for a in articles("workbooks/wos-staples-savedrecs.xls") if a.volume == "370")
    assert (science.issue, science.pages) == ("6513", "220-+")


def test_web_of_science_all_databases_and_a_title_in_another_language() -> None:
    """A search of all Web of Science's databases names its ids "UT (Unique ID)"; a Korean Citation Index record
    gives its title only in "Article Title - Chinese" (as a real all-databases export does): read, not untitled."""
    header = ["Publication Type", "Authors", "Article Title", "Article Title - Chinese", "Source Title", "Volume",
              "Start Page", "End Page", "Publication Year", "UT (Unique ID)"]
    title = "다중지능과 학업성취도의 상관관계 연구"
    data = workbook([header, ["J", "Bae, Daekweon", "", title, "Modern English Education", 11.0, 143.0, 166.0, 2010.0,
                              "KJD:ART001441409"]])
    [article] = articles("workbooks/eppi-reviewer-dinosaurs.xlsx", data)
    assert (article.title, article.journal, article.volume, article.pages, article.date) == (
        title, "Modern English Education", "11", "143-166", "2010")


def test_eppi_reviewer_items() -> None:
    found = articles("workbooks/eppi-reviewer-dinosaurs.xlsx")
    assert len(found) == 10
    first = found[0]
    assert first.title == ("A juvenile bird with possible crown-group affinities from a dinosaur-rich Cretaceous "
                           "ecosystem in North America")
    assert (first.date, first.authors, first.id) == ("2024", (), "eppi-102199191")
    fields = {f.name: f.values for f in first.records[0].fields}
    assert fields["ShortTitle"] == ("Brownstein (2024)",) and fields["ID"] == ("102199191",)  # a number cell


@pytest.mark.parametrize("name", ["scopus-csv/asreview-dinosaurs.csv", "table-csv/lens-reviews.csv",
                                  "pubmed-csv/colrev-chatbot.csv", "table-csv/rayyan-dinosaurs.csv"])
def test_a_csv_export_saved_again_as_a_workbook(name: str) -> None:
    """Opened in a spreadsheet and saved as XLSX, with a title row above the header as Numbers writes it: the
    same articles as the CSV gives."""
    text = (DATA / name).read_text(encoding="utf-8-sig")
    rows: list[list[object]] = [["Export"], *csv.reader(io.StringIO(text, newline=""))]
    from_csv = articles(name)
    from_book = articles(name, workbook(rows, "Sheet 1 - export"))
    assert len(from_book) == len(from_csv) > 0
    for a, b in zip(from_csv, from_book, strict=True):
        assert same(a, b) == [], a.title


def test_cells_are_written_as_a_spreadsheet_shows_them() -> None:
    import datetime

    data = workbook([["PMID", "Title", "Authors", "Citation", "Create Date"],
                     [38773066.0, "A title", "Yang Z", True, datetime.datetime(2024, 5, 28)]])
    [record], problems = read("pubmed-csv/colrev-chatbot.csv", data)
    assert problems == []
    assert [f.values for f in record.fields] == [("38773066",), ("A title",), ("Yang Z",), ("TRUE",), ("2024-05-28",)]
    assert [f.line for f in record.fields] == [2] * 5


def test_a_workbook_of_no_known_export_is_warned_and_skipped() -> None:
    records, [problem] = read("workbooks/eppi-reviewer-dinosaurs.xlsx", workbook([["Name", "Score"], ["x", 1]]))
    assert records == [] and problem.level is Level.WARNING and "no known export's columns" in problem.message


def test_a_damaged_workbook_is_an_error_naming_the_file() -> None:
    data = (DATA / "workbooks/embase-dinosaurs.xlsx").read_bytes()
    records, [problem] = read("workbooks/embase-dinosaurs.xlsx", data[: len(data) // 2])
    assert records == [] and problem.level is Level.ERROR
    assert problem.where.path == "content/embase-dinosaurs.xlsx" and "cannot read this workbook" in problem.message


def test_a_workbook_that_unpacks_too_large_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED", 1000)
    records, [problem] = read("workbooks/embase-dinosaurs.xlsx")
    assert records == [] and problem.level is Level.ERROR and "over the 1,000 read" in problem.message


def test_a_damaged_xls_workbook_is_an_error_naming_the_file() -> None:
    data = (DATA / "workbooks/wos-staples-savedrecs.xls").read_bytes()
    records, [problem] = read("workbooks/wos-staples-savedrecs.xls", data[:4096])
    assert records == [] and problem.level is Level.ERROR and "cannot read this workbook" in problem.message


def test_other_zip_files_are_not_workbooks() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert not spreadsheet.is_workbook(out.getvalue())
    # another program's compound file (Word's, Outlook's) holds no workbook stream: no workbook, so it is warned as a
    # format site-builder does not know, not reported as a broken workbook
    word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(200)
    assert not spreadsheet.is_workbook(word)
    assert spreadsheet.is_workbook((DATA / "workbooks/wos-staples-savedrecs.xls").read_bytes())
    assert spreadsheet.is_workbook((DATA / "workbooks/eppi-reviewer-dinosaurs.xlsx").read_bytes())


def test_a_site_from_workbooks(tmp_path: Path, html, make_site) -> None:
    files = {name: (DATA / "workbooks" / name).read_bytes() for name in ("embase-dinosaurs.xlsx",
                                                                        "eppi-reviewer-dinosaurs.xlsx")}
    result = build(make_site({**files, "broken.xlsx": b"PK\x03\x04xl/workbook.xml"}), tmp_path / "out")
    [problem] = result.report.diagnostics
    assert problem.where.path == "content/records/broken.xlsx" and problem.level is Level.ERROR
    assert result.articles >= 10  # Embase's and EPPI-Reviewer's exports of one search: the same works merged
    page = html.parse(tmp_path / "out" / "articles" / "pubmed-38773066.html")
    text = html.text(page)
    assert "Cellular structure of dinosaur scales" in text and "Nature Communications" in text
    assert "content/records/embase-dinosaurs.xlsx" in text  # the full record names its file and row


def test_web_of_science_excel_middle_initial_after_a_comma_is_no_suffix() -> None:
    """Web of Science's "Author Full Names" writes Matthew I. Daws as "Daws, Matthew, I" ("Authors": "Daws, MI"),
    as its tagged export's AF does: the I is his middle initial, not a generation (exports wrote "Daws, I,
    Matthew" in BibTeX and a suffix "I" in CSL-JSON); the name stays as written."""
    falster = next(a for a in articles("workbooks/wos-staples-savedrecs.xls") if len(a.authors) == 218)
    [daws] = [p for p in falster.authors if p.family == "Daws"]
    assert (daws.name, daws.given, daws.suffix) == ("Daws, Matthew, I", "Matthew I", "")
    assert [p.suffix for p in falster.authors] == [""] * 218


def test_web_of_science_excel_article_number_of_sixteen_digits_is_a_whole_number() -> None:
    """A real Web of Science "Excel" export (GitHub AGallyer/meta_suicide_erp, web_of_science_results2.xls,
    unlicensed, so retyped here in its shape) writes the article number of an article of Clinical EEG and
    Neuroscience ahead of print (doi:10.1177/1550059420933086, early access "JUN 2020") as a number cell,
    1550059420933086: the page showed "Article number 1550059420933086.0"; it shows the number."""
    from site_builder.readers import registry, to_article

    header = ["Publication Type", "Authors", "Article Title", "Source Title", "Publication Year", "Article Number",
              "DOI", "Early Access Date", "UT (Unique WOS ID)", "Pubmed Id"]
    row = ["J", "Tavakoli, P; Boafo, A; Jerome, E; Campbell, K",
           "Active and Passive Attentional Processing in Adolescent Suicide Attempters: An Event-Related Potential "
           "Study", "CLINICAL EEG AND NEUROSCIENCE", "", 1550059420933086.0, "10.1177/1550059420933086", "JUN 2020",
           "WOS:000543204200001", 32579028.0]
    # An XLS workbook's number cells, as xlrd gives them: floats (openpyxl gives an XLSX's whole numbers as ints).
    [record], problems = spreadsheet._read_sheets([[header, row]], "content/savedrecs.xls", registry.table_layouts())
    assert problems == [] and {f.name: f.values for f in record.fields}["Article Number"] == ("1550059420933086",)
    article, _ = to_article(record)
    assert (article.article_number, article.pmid) == ("1550059420933086", "32579028")


def test_web_of_science_excel_without_full_names_middle_initial_i_is_no_suffix() -> None:
    """An export of Web of Science's records without "Author Full Names" (okihane/wos-scihub's savedrecs.xlsx,
    unlicensed, so retyped here in its shape) writes M. I. Geelhoed in "Authors" as "Geelhoed, M., I", beside
    "Hall, D. L." and "Terechkine, I": the I is his middle initial, not a generation (exports wrote "Geelhoed, I,
    M." in BibTeX and a suffix "I" in CSL-JSON); the name stays as written."""
    header = ["Publication Type", "Authors", "Article Title", "Source Title", "Volume", "Article Number",
              "Publication Year", "UT (Unique ID)"]
    data = workbook([header, ["J", "Dhuley, R. C.; Geelhoed, M., I; Zhao, Y.; Terechkine, I",
                              "Demonstration of CW accelerating gradients on a cryogen-free, cryocooler "
                              "conduction-cooled SRF cavity", "ADVANCES IN CRYOGENIC ENGINEERING", 755.0, 12136.0,
                              2020.0, "WOS:000594069300136"]])
    [article] = articles("workbooks/eppi-reviewer-dinosaurs.xlsx", data)
    assert [(p.name, p.family, p.given, p.suffix) for p in article.authors] == [
        ("Dhuley, R. C.", "Dhuley", "R. C.", ""), ("Geelhoed, M., I", "Geelhoed", "M. I", ""),
        ("Zhao, Y.", "Zhao", "Y.", ""), ("Terechkine, I", "Terechkine", "I", "")]


META_SUICIDE_ERP = Path("/work/.mirror/AGallyer+meta_suicide_erp/repo")
"""AGallyer/meta_suicide_erp (unlicensed), as the project's search tool fetches it: its files are read in place
from the repository at commit 862c19a, never copied here."""


def in_place(path: str) -> bytes:
    """A file of AGallyer/meta_suicide_erp at commit 862c19a; the test is skipped where it is not at hand."""
    import subprocess

    found = subprocess.run(["git", "--git-dir", str(META_SUICIDE_ERP), "show", f"862c19a:{path}"],
                           capture_output=True, check=False) if META_SUICIDE_ERP.is_dir() else None
    if found is None or found.returncode:
        pytest.skip("AGallyer/meta_suicide_erp is not fetched here (unlicensed: read in place only)")
    return found.stdout


def wos_tab_delimited_workbook() -> bytes:
    """The shape of Web of Science's tab-delimited export opened in Excel and saved as a workbook
    (AGallyer/meta_suicide_erp's web_of_science_results.xlsx, unlicensed, retyped here in words of the project's):
    a header of the field tags, names joined by "; ", numbers as number cells, and the dates Excel took a "PD MAR
    19" or an issue "1-3" for, with the year it added (2019, the year it was saved) and a format of day and month."""
    header = ["PT", "AU", "BA", "AF", "TI", "SO", "LA", "DT", "DE", "AB", "SN", "EI", "PD", "PY", "VL", "IS", "BP",
              "EP", "DI", "UT", "PM"]
    row = ["J", "Doe, J; van der Berg, AB", None, "Doe, Jane; van der Berg, Anna B.",
           "Evoked potentials before and after a night of no sleep", "JOURNAL OF SLEEP STUDIES", "English",
           "Article", "sleep; evoked potentials", "BackgroundSleep matters. MethodsTen people stayed awake.",
           "1234-5678", "2345-6789", datetime.datetime(2019, 3, 19), 2016, 12, datetime.datetime(2019, 1, 3),
           101, 109, "10.1234/jss.2016.101", "WOS:000123456700001", 26000001]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "savedrecs (1)"
    sheet.append(header)
    sheet.append(row)
    for cell in (sheet["M2"], sheet["P2"]):
        cell.number_format = "d-mmm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_web_of_science_tab_delimited_export_saved_as_a_workbook(tmp_path: Path, html, make_site) -> None:
    """A workbook whose header is Web of Science's field tags (PT, AU, …, UT) was skipped as "no known export's
    columns"; its rows are read as the tab-delimited text's, each a record of the tagged format. Excel's dates of
    day and month are written as the sheet shows them ("19-Mar", not 2019-03-19): the page said "19 March 2019" of
    an article of March 2016."""
    result = build(make_site({"web_of_science_results.xlsx": wos_tab_delimited_workbook()}), tmp_path / "out")
    assert result.report.diagnostics == []
    page = html.main(html.parse(result.output / "articles" / "pubmed-26000001.html"))
    assert html.text(page.find(".//h1")) == "Evoked potentials before and after a night of no sleep"
    assert [html.text(a) for a in page.find(".//p[@class='byline']").iter("a")] == [
        "Doe, Jane", "van der Berg, Anna B."]
    facts = html.facts(page)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "JOURNAL OF SLEEP STUDIES", "19 March 2016", "12", "3-Jan", "101-109")
    assert page.find(".//dl[@class='facts']//time").get("datetime") == "2016-03-19"
    assert "DOI 10.1234/jss.2016.101" in facts["Read it"]
    assert html.headings(page, "h3") == ["Background", "Methods"]
    full = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in page.iter("tr") if tr.find("td") is not None}
    assert (full["PD"], full["IS"], full["PY"], full["UT"]) == ("19-Mar", "3-Jan", "2016", "WOS:000123456700001")


def test_web_of_science_tab_delimited_workbook_in_place() -> None:
    """AGallyer/meta_suicide_erp's web_of_science_results.xlsx: 25 records, each field as its row has it; "PD MAR
    19" of Frontiers in Psychiatry 9 (2018), which Excel made 2019-03-19, is 19 March 2018."""
    records, problems = read("workbooks/web_of_science_results.xlsx", in_place("web_of_science_results.xlsx"))
    assert problems == [] and len(records) == 25 and {r.format for r in records} == {"ris"}
    by_pmid = {a.pmid: a for a in articles("workbooks/web_of_science_results.xlsx",
                                           in_place("web_of_science_results.xlsx"))}
    frontiers = by_pmid["29615936"]
    assert (frontiers.date, frontiers.volume, frontiers.article_number, frontiers.doi) == (
        "2018-03-19", "9", "85", "10.3389/fpsyt.2018.00085")
    assert [p.name for p in frontiers.authors][:2] == ["Tavakoli, Paniz", "Boafo, Addo"]
    song = by_pmid["30390328"]
    assert (song.journal, song.date, song.volume, song.issue, song.pages) == (
        "SUICIDE AND LIFE-THREATENING BEHAVIOR", "2019-10", "49", "5", "1290-1306")


def test_web_of_science_tags_in_sorted_columns_are_its_records() -> None:
    """A workbook of Web of Science's fields whose columns are sorted by tag (laibaayoub/Bibliometric-Dashboard's
    savedrecs.xlsx, unlicensed, retyped here: AB, AF, AU, DA, …, PD, PT, PY, …), PT no longer first: its records
    were read as RIS, their date from DA, the day Web of Science exported them ("19 January 2025" of an article of
    December 2024), and their journal from JI; they are Web of Science's records, PT first."""
    header = ["AB", "AF", "AU", "DA", "DI", "FN", "JI", "PD", "PT", "PY", "SO", "TI", "UT", "VL", "VR"]
    row = ["Teachers were asked about tools.", "Roe, Richard; Poe, Edgar", "Roe, R; Poe, E", "2025-01-19",
           "10.1234/tools.2024.5", "Clarivate Analytics Web of Science", "Tools Rep.", "DEC", "J", 2024,
           "TOOLS REPORTS", "What teachers think of tools", "WOS:000999999900001", 16, 1]
    [record], problems = read("workbooks/savedrecs.xlsx", workbook([header, row]))
    assert problems == [] and record.fields[0].name == "PT"
    [article] = articles("workbooks/savedrecs.xlsx", workbook([header, row]))
    assert (article.title, article.journal, article.date, article.volume, article.doi) == (
        "What teachers think of tools", "TOOLS REPORTS", "2024-12", "16", "10.1234/tools.2024.5")
    assert [p.name for p in article.authors] == ["Roe, Richard", "Poe, Edgar"]


PROQUEST_HEADER = ["Title", "Abstract", "StoreId", "AccessionNumber", "ArticleType", "Authors", "copyright",
                   "digitalObjectIdentifier", "documentType", "elecISSN", "isbn", "issn", "issue", "language",
                   "pages", "pubdate", "pubtitle", "year", "publisher", "volume", "DocumentURL", "subjectTerms",
                   "subjects", "Database"]


def proquest_workbook(*rows: list[object]) -> bytes:
    """The shape of ProQuest's "Export → XLS" (AGallyer/meta_suicide_erp's Proquest_psychinfo.xls and
    Proquest_dissertation.xls, unlicensed, retyped here in words of the project's; saved here as XLSX): most
    values after a space, names parted by ";", values HTML-escaped, "pubdate" as "Oct 1, 2019" or "Apr 2019 -
    Jun 2019", a dissertation's "pubtitle" the database, "publisher" the country."""
    return workbook([PROQUEST_HEADER, *rows], title="Export Data")


def test_proquest_xls_export(tmp_path: Path, html, make_site) -> None:
    """ProQuest's XLS export was skipped as "no known export's columns"; its rows are articles: a journal's with
    its date to the day ("Oct 1, 2019"), or a period ("Apr 2019 - Jun 2019"), its abstract's "&lt;" a "<"; a
    dissertation with no journal (its "pubtitle" names the database) and its ISBN."""
    article = ["Evoked potentials after sleep loss", "Results: latency grew (P &lt; 0.03) &amp; amplitude fell.",
               "1234567890", " 2019-00000-001", "Scholarly Journals", "Doe, Jane;van der Berg, Anna B.",
               " © 2019, A Publisher.", " 10.1234/jss.2019.7", " Journal , Peer Reviewed Journal , Journal Article",
               " 2345-6789", "", "1234-5678", "3", " English", " 101-109", "Oct 1, 2019", "Journal of Sleep Studies",
               "2019", " Netherlands", "257", "https://search.proquest.com/docview/1234567890", " Sleep\n 1234P9A",
               " sleep loss , evoked potentials", "PsycINFO "]
    period = [*article[:2], "1234567891", *article[3:7], " 10.1234/jss.2019.8", *article[8:15], "Apr 2019 - Jun 2019",
              *article[16:20], "https://search.proquest.com/docview/1234567891", *article[21:]]
    thesis = ["Sleep and mood in students", "Students slept less.", "1234567892", "", "Dissertations & Theses",
              "Roe, Richard", " Database copyright ProQuest LLC", "", " Dissertation/Thesis", "",
              " 978-0-306-40615-7", "", "", " English", "", "2017", "ProQuest Dissertations and Theses", "2017", "", "",
              "https://search.proquest.com/docview/1234567892", " Psychology", " Psychology , Sleep",
              "ProQuest Dissertations & Theses Global"]
    result = build(make_site({"Proquest_psychinfo.xlsx": proquest_workbook(article, period, thesis)}), tmp_path / "out")
    assert result.report.diagnostics == []

    def page(ident: str):
        return html.main(html.parse(result.output / "articles" / f"{ident}.html"))

    sleep = page("doi-10-1234-jss-2019-7")
    assert [html.text(a) for a in sleep.find(".//p[@class='byline']").iter("a")] == [
        "Doe, Jane", "van der Berg, Anna B."]
    facts = html.facts(sleep)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"],
            facts["Language"]) == ("Journal of Sleep Studies", "1 October 2019", "257", "3", "101-109", "English")
    assert "Publisher" not in facts  # "Netherlands" is no publisher
    assert "(P < 0.03) & amplitude fell." in html.text(sleep.find(".//section[@class='abstract']"))
    assert html.facts(page("doi-10-1234-jss-2019-8"))["Published"] == "Apr 2019 - Jun 2019"
    thesis_facts = html.facts(page("proquest-1234567892"))
    assert "Journal" not in thesis_facts and "Series" not in thesis_facts
    assert thesis_facts["ISBN"] == "978-0-306-40615-7" and thesis_facts["Published"] == "2017"


def test_proquest_xls_in_place() -> None:
    """AGallyer/meta_suicide_erp's Proquest_psychinfo.xls (94 records) and Proquest_dissertation.xls (9): every
    record read, a journal's date to the day where ProQuest gives it."""
    psycinfo = articles("workbooks/Proquest_psychinfo.xls", in_place("Proquest_psychinfo.xls"))
    assert len(psycinfo) == 94
    by_doi = {a.doi: a for a in psycinfo}
    ideation = by_doi["10.1016/j.jad.2019.07.014"]
    assert (ideation.journal, ideation.date, ideation.volume, ideation.pages) == (
        "Journal of Affective Disorders", "2019-10-01", "257", "536-550")
    assert [p.name for p in ideation.authors][:2] == ["Albanese, Brian J.", "Macatee, Richard J."]
    theses = articles("workbooks/Proquest_dissertation.xls", in_place("Proquest_dissertation.xls"))
    assert len(theses) == 9 and {a.kind for a in theses} == {"thesis"} and {a.journal for a in theses} == {""}
