"""The Scopus CSV reader: a real export (three rows of asreview/citation-file-formatting's Scopus CSV, CC0, in two
files; three of NLeSC/litstudy's, Apache-2.0, whose header lacks a funding text column; three of ScientoPy's
export of 2017, MIT, whose bylines name a "Jr." or a single name or whose abstract has a subscript; a "Data
paper" of litstudy's) gives
every column of every row with its line, the authors' full names, the source, the pages or the article number,
the identifiers, the abstract without its copyright line, both kinds of keywords; re-saved by Excel with
semicolons, or with CRLF line ends, it reads the same; a site built from it shows the values exactly and makes
one article of a Scopus and a PubMed record of one work; broken input gives diagnostics with file and line, never
an exception.

Rows written by hand in the shape of Scopus's export (its columns, its "[No abstract available]", its byline of
older exports) cover what the real rows do not have: a conference paper, a chapter, a document with no abstract.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Person
from site_builder.readers import scopus_csv

DATA = Path(__file__).resolve().parents[1] / "data" / "scopus-csv"
AIR = "asreview-air-sacs.csv"
TWO = "asreview-dinosaurs.csv"
JOINED = "litstudy-funding-text-2.csv"
GENERATIONS = "scientopy-generations.csv"
DATA_PAPER = "litstudy-data-paper.csv"
SUBSCRIPT = "scientopy-subscript.csv"
HEADER = ('"Authors","Author full names","Author(s) ID","Title","Year","Source title","Volume","Issue","Art. No.",'
          '"Page start","Page end","Cited by","DOI","Link","Abstract","Author Keywords","Index Keywords","Editors",'
          '"Publisher","PubMed ID","Language of Original Document","Abbreviated Source Title","Document Type",'
          '"Publication Stage","Open Access","Source","EID"\n')


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


def row(**values: str) -> str:
    names = next(csv.reader([HEADER.strip()]))
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow([values.get(n, "") for n in names])
    return out.getvalue()


def test_the_reader_is_chosen_by_content() -> None:
    head = (DATA / AIR).read_bytes()[:4096].decode("utf-8-sig")
    for name in ("scopus.csv", "export.txt", "scopus"):
        assert readers.choose_reader(Path(name), head).format == "scopus-csv"
    assert readers.choose_reader(Path("x.csv"), '"Authors","Title","Year","Source title","EID"\n').format == (
        "scopus-csv")  # an export of a few columns
    for head in ('"Authors","Title","Year"\n', "Title,Source title\n", "PMID,Title,Authors,Citation\n", "",
                 "TY  - JOUR\n", '"title","source title","eid"\n'):
        assert not scopus_csv.sniff(head), head


def test_a_header_no_exporter_has_is_left_to_the_warning() -> None:
    records, problems = readers.read_data(b"Name,Title,Year\nA,B,2020\n", Path("other.csv"), "content/other.csv")
    assert records == [] and [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 1)]
    assert "not a record format" in problems[0].message and "Scopus" in problems[0].message


def test_every_column_with_its_line() -> None:
    assert [(r.format, r.where.line) for r in read(TWO)[0]] == [("scopus-csv", 2), ("scopus-csv", 3)]
    records, problems = read(AIR)
    assert problems == []
    first = records[0]
    assert len(first.fields) == 46 and {f.line for f in first.fields} == {2}
    assert first.fields[0] == Field("Authors", ("Aureliano T.; Ghilardi A.M.; Müller R.T.; Kerber L.; Fernandes "
                                                "M.A.; Ricardi-Branco F.; Wedel M.J.",), 2)  # no BOM in its name
    assert first.fields[2] == Field("Author(s) ID", ("56525225200; 54417207800; 55808452800; 36598348600; "
                                                     "56464679100; 6508015390; 7006009586",), 2)
    assert first.first("Open Access") == "All Open Access; Hybrid Gold Open Access"
    assert first.first("EID") == "2-s2.0-85151426146" and first.first("Cited by") == "4"
    assert first.first("Conference name") == ""  # an empty column is kept
    assert [f.name for f in first.fields][-5:] == ["Document Type", "Publication Stage", "Open Access", "Source",
                                                   "EID"]


def test_a_record_field_by_field() -> None:
    (article,) = articles(AIR)
    assert article.title == "The origin of an invasive air sac system in sauropodomorph dinosaurs"
    assert [p.name for p in article.authors] == ["Aureliano, Tito", "Ghilardi, Aline M.", "Müller, Rodrigo T.",
                                                 "Kerber, Leonardo", "Fernandes, Marcelo A.", "Ricardi-Branco, Fresia",
                                                 "Wedel, Mathew J."]
    assert article.authors[2] == Person("Müller, Rodrigo T.", "Müller", "Rodrigo T.")
    assert (article.date, article.journal, article.journal_abbrev) == ("2024", "Anatomical Record", "Anat. Rec.")
    assert (article.volume, article.issue, article.pages) == ("307", "4", "1084-1092")
    assert (article.doi, article.pmid, article.id) == ("10.1002/ar.25209", "36971057", "pubmed-36971057")
    assert article.publisher == "John Wiley and Sons Inc" and [lang.name for lang in article.languages] == [
        "English"]
    assert article.kind == "" and article.topics == ()
    assert article.abstract[0].text.startswith("One of the most remarkable features in sauropod dinosaurs relates")
    assert article.abstract[-1].text.endswith("Respiratory System of saurischian dinosaurs.")
    assert article.rights == ("© 2023 The Authors. The Anatomical Record published by Wiley Periodicals LLC on "
                              "behalf of American Association for Anatomy.")
    assert article.keywords[:6] == ("bone histology", "ornithodira", "respiratory system", "South America",
                                    "Triassic", "Air Sacs")  # the author's, then Scopus's index keywords
    assert "X-Ray Microtomography" in article.keywords and "Upper Triassic" in article.keywords
    assert [link.label for link in article.links] == ["Scopus"]
    assert article.links[0].url.startswith("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85151426146&")


def test_an_article_number_is_the_article_number() -> None:
    spino, streamlined = articles(TWO)
    assert spino.title == "A new spinosaurid dinosaur species from the Early Cretaceous of Europe: Evidence for a" \
        " major role of Spain in spinosaurid evolution" or spino.title.startswith("A new spinosaurid dinosaur")
    assert (spino.journal, spino.volume, spino.issue, spino.pages, spino.article_number, spino.date) == (
        "Scientific Reports", "13", "1", "", "6471", "2023")
    assert spino.authors[1] == Person("de Santisteban, Carlos", "de Santisteban", "Carlos")
    assert (spino.doi, spino.pmid) == ("10.1038/s41598-023-33418-2", "37202441")
    assert spino.rights == "© 2023, The Author(s)."
    assert [p.name for p in streamlined.authors][:3] == ["Lee, Sungjin", "Lee, Yuong-Nam", "Currie, Philip J."]
    assert (streamlined.journal, streamlined.journal_abbrev, streamlined.pages, streamlined.article_number) == (
        "Communications Biology", "Commun. Biolog.", "", "1185")


def test_excel_semicolons_and_crlf_read_the_same() -> None:
    text = (DATA / TWO).read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    for sep_line in ("", "sep=;\r\n"):
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)  # as Excel saves it
        data = ("\ufeff" + sep_line + out.getvalue()).encode("utf-8")
        again, problems = read("excel.csv", data)
        assert problems == []
        original, _ = read(TWO)
        shift = 1 if sep_line else 0
        assert [r.where.line for r in again] == [r.where.line + shift for r in original]
        assert [[(f.name, f.values) for f in r.fields] for r in again] == [
            [(f.name, f.values) for f in r.fields] for r in original]
    assert read("crlf.csv", (DATA / TWO).read_bytes().replace(b"\n", b"\r\n"))[0][1].first("Title") == (
        "A non-avian dinosaur with a streamlined body exhibits potential adaptations for swimming")


def test_a_value_with_line_ends_and_quotes() -> None:
    data = (HEADER + row(Title='A "quoted" word,\nand a second line', Authors="Smith J.", EID="2-s2.0-1")
            + row(Title="Next", Authors="Doe A.B.", EID="2-s2.0-2")).encode()
    records, problems = read("quotes.csv", data)
    assert problems == []
    assert [r.where.line for r in records] == [2, 4]
    assert records[0].first("Title") == 'A "quoted" word,\nand a second line'
    title = next(f for f in records[0].fields if f.name == "Title")
    year = next(f for f in records[0].fields if f.name == "Year")
    assert (title.line, year.line) == (2, 3)  # a value's line is the line it starts on
    assert readers.to_article(records[0])[0].title == 'A "quoted" word, and a second line'


def test_no_abstract_available_is_no_abstract() -> None:
    (article,) = articles("x.csv", (HEADER + row(Authors="Tierney J.", Title="Reading the scrolls of Herculaneum",
                                                  Year="2021", Abstract="[No abstract available]",
                                                  **{"Document Type": "Editorial", "Source title": "Nature",
                                                     "EID": "2-s2.0-3"})).encode())
    assert article.abstract == () and article.lay_summary == () and article.rights == ""
    assert article.authors == (Person("Tierney, J.", "Tierney", "J."),)  # no full names: the byline
    assert article.id == "scopus-2-s2-0-3"  # no DOI nor PMID: the EID


@pytest.mark.parametrize(("kind_name", "kind"), [("Conference Paper", "paper-conference"),
                                                 ("Book Chapter", "chapter")])
def test_a_paper_or_chapter_is_held_by_its_source(kind_name: str, kind: str) -> None:
    (article,) = articles("x.csv", (HEADER + row(
        Authors="Georgiadis C.; Themistocleous K.", Title="Monitoring coastal change",
        Editors="Themistocleous K.; Hadjimitsis D.G.", Year="2023",
        **{"Source title": "Proceedings of SPIE", "Abbreviated Source Title": "Proc SPIE", "Document Type": kind_name,
           "Page start": "12", "Page end": "19", "EID": "2-s2.0-4"})).encode())
    assert (article.kind, article.container, article.journal, article.journal_abbrev) == (
        kind, "Proceedings of SPIE", "", "")
    assert [p.name for p in article.editors] == ["Themistocleous, K.", "Hadjimitsis, D.G."]
    assert article.pages == "12-19"


def test_a_review_a_translated_title_and_an_older_byline() -> None:
    (article,) = articles("x.csv", (HEADER + row(
        Authors="Turner, J.R., van der Berg, A., Smith, A.B.C.", Title="Physical activity; [Actividad física]",
        Year="2018", **{"Document Type": "Review", "Source title": "Retos", "Language of Original Document":
                        "Spanish; English", "EID": "2-s2.0-5"})).encode())
    assert [p.name for p in article.authors] == ["Turner, J.R.", "van der Berg, A.", "Smith, A.B.C."]
    assert (article.title, article.original_title) == ("Physical activity", "Actividad física")
    assert article.topics == ("Review",)
    assert [lang.name for lang in article.languages] == ["Spanish", "English"]


@pytest.mark.parametrize(("authors", "names"), [
    # Scopus's byline until about 2020 (as in metaknowledge's Scopus test export, GPL, read where it lies)
    ("Yagai T., Kimura Y., Kamada H.", ["Yagai, T.", "Kimura, Y.", "Kamada, H."]),
    ("Wang W.T., Pu M.H.", ["Wang, W.T.", "Pu, M.H."]),
    ("Turner, J.R., Smith, A.B.C.", ["Turner, J.R.", "Smith, A.B.C."]),  # earlier: a comma in each name
    ("Aureliano T.; Ghilardi A.M.", ["Aureliano, T.", "Ghilardi, A.M."]),  # today's
    ("Moreira W., Oliveira A., Jr.", ["Moreira, W.", "Oliveira, A., Jr."]),  # a generation after a comma
    ("Lukas, Tanumihardja W.A.", ["Lukas", "Tanumihardja, W.A."]),  # a name of one word
    ("Oliveira A., Jr.; Smith J.", ["Oliveira, A., Jr.", "Smith, J."]),
    ("World Health Organization", ["World Health Organization"]),
])
def test_each_form_of_the_byline_gives_each_author(authors: str, names: list[str]) -> None:
    assert [p.name for p in scopus_csv.byline(authors)] == names


def test_a_generation_after_the_family_name_is_a_suffix() -> None:
    """Scopus writes Frank R. Thompson III "Thompson III F.R." (its BibTeX "Thompson III, F.R."): the name as
    written, the family name Thompson, the suffix III, as other exports' "Thompson, F.R., III"."""
    [thompson, brawn] = scopus_csv.byline("Thompson III F.R.; Brawn J.D.")
    assert (thompson.name, thompson.family, thompson.given, thompson.suffix) == ("Thompson III, F.R.", "Thompson",
                                                                                 "F.R.", "III")
    assert (brawn.family, brawn.suffix) == ("Brawn", "")


def test_full_names_are_taken_only_for_every_author_of_the_byline() -> None:
    (article,) = articles("x.csv", (HEADER + row(
        Authors="Smith J.; Doe A.", Title="T of twenty characters or more", EID="2-s2.0-6",
        **{"Author full names": "Smith, John (1)"})).encode())
    assert [p.name for p in article.authors] == ["Smith, J.", "Doe, A."]
    assert scopus_csv.full_names("[No author name available]") == scopus_csv.byline("[No author name available]")


HOSTILE = {
    "empty": b"",
    "header only": HEADER.encode(),
    "garbage": bytes(range(256)) * 40,
    "unclosed quote": (HEADER + row(Title="First", EID="1") + '"x","y","z","Second, never closed,D E.\n1,2\n'
                       ).encode(),
    "short and long rows": (HEADER + '"A.","B","1","Short"\n' + row(Title="Long").strip() + ',"extra","more"\n'
                            ).encode(),
    "huge value": (HEADER + '"A B.","","","' + "Long title " * 500_000 + '"\n').encode(),
    "many authors": (HEADER + '"' + "; ".join(["Smith J."] * 20_000) + '","","","T"\n').encode(),
    "header twice and blank rows": (HEADER + row(Title="T") + "\n" + HEADER + ",,,,,\n" + row(Title="U")).encode(),
    "controls": (HEADER + '"\x1b[31m.","","","Bell\x07 NUL\x00"\n').encode(),
    "semicolons and quotes": HEADER.replace(",", ";").encode() + b'"a;"b"";c\n;;\n"',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.csv", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    def found(name: str) -> tuple[list, list]:
        return scopus_csv.read(HOSTILE[name].decode(), "b.csv")

    assert [(p.level, p.where.line, p.message) for p in found("empty")[1]] == [
        (Level.ERROR, 1, "no Scopus CSV header: the first line should name its columns (Source title, Title, …)")]
    assert [(p.level, p.where.line, p.message) for p in found("header only")[1]] == [
        (Level.WARNING, 1, "a Scopus CSV header with no rows of records after it")]
    records, problems = found("unclosed quote")
    assert [r.first("Title") for r in records] == ["First", "Second, never closed,D E.\n1,2\n"]  # to the end
    assert records[1].fields[2:4] == (Field("Author(s) ID", ("z",), 3),
                                      Field("Title", ("Second, never closed,D E.\n1,2\n",), 3))
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 3, "a row of 4 values under a header of 27 columns; the columns after its last value are "
                           "empty"),
        (Level.ERROR, 3, "a double quote opened in this row is never closed: the rest of the file was read as one of "
                         'its values (a quote inside a quoted value is written twice, "")')]
    records, problems = found("short and long rows")
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 2), (Level.WARNING, 3)]
    assert records[1].fields[-1] == Field("column 29", ("more",), 3)  # every value kept
    assert problems[1].message == ("a row of 29 values under a header of 27 columns; some of its values may stand "
                                   "under the wrong column (check this row of the export); the values beyond the "
                                   "header are kept as 'column N'")
    records, problems = found("header twice and blank rows")
    assert [(r.first("Title"), r.where.line) for r in records] == [("T", 2), ("U", 6)]
    assert problems == []
    records, _ = found("many authors")
    assert len(readers.to_article(records[0])[0].authors) == 20_000


def test_a_site_built_from_the_export_shows_its_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in (AIR, TWO):
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 3
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-36971057.html"))
    assert html.text(main.find(".//h1")) == "The origin of an invasive air sac system in sauropodomorph dinosaurs"
    facts = html.facts(main)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "Anatomical Record", "2024", "307", "4", "1084-1092")
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:3] == ["Aureliano, Tito", "Ghilardi, Aline M.", "Müller, Rodrigo T."]
    rows = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in main.iter("tr") if tr.find("th") is not None
            and tr.find("td") is not None}
    assert rows["Author(s) ID"].startswith("56525225200; 54417207800")
    assert rows["Open Access"] == "All Open Access; Hybrid Gold Open Access"
    assert rows["EID"] == "2-s2.0-85151426146"
    hrefs = [a.get("href", "") for a in main.iter("a")]
    assert "https://doi.org/10.1002/ar.25209" in hrefs and "https://pubmed.ncbi.nlm.nih.gov/36971057/" in hrefs


def test_an_older_byline_with_a_generation_or_a_single_name_gives_each_author(tmp_path: Path, html) -> None:
    """ScientoPy's Scopus export of 2017 (MIT): bylines parted by commas where a name ends ", Jr." or is one word
    were read as one or two names ("Amah T.E., Kamat M., … Moreira W." and "Oliveira A., Jr.")."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / GENERATIONS).write_bytes((DATA / GENERATIONS).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 3

    def byline(name: str) -> list[str]:
        main = html.main(html.parse(tmp_path / "_site" / "articles" / name))
        return [html.text(a) for a in main.find(".//p[@class='byline']").iter("a")]

    assert byline("doi-10-3390-info8040143.html") == [
        "Amah, T.E.", "Kamat, M.", "Bakar, K.A.", "Abd Rahman, S.O.", "Mohammed, M.H.", "Abali, A.M.", "Moreira, W.",
        "Oliveira, A., Jr."]
    assert byline("doi-10-1109-icwise-2015-7380354.html") == ["Lukas", "Tanumihardja, W.A.", "Gunawan, E."]
    assert byline("doi-10-1145-2820426-2820440.html") == [
        "De Andrade, N., Jr.", "Almeida, J.", "Costa, R.", "Andrade, L.", "Pinto, G.", "Prazeres, C."]
    oliveira = articles(GENERATIONS)[0].authors[-1]
    assert (oliveira.family, oliveira.given, oliveira.suffix) == ("Oliveira", "A.", "Jr.")


def test_a_data_paper_is_an_article_of_its_journal(tmp_path: Path, html) -> None:
    """Scopus's "Data paper" (litstudy's export of 2023, Apache-2.0) is an article in a journal that describes a
    data set: its journal is shown as the journal, not as the series of a data set."""
    (gaze,) = articles(DATA_PAPER)
    assert (gaze.kind, gaze.journal, gaze.volume, gaze.issue, gaze.pages, gaze.article_number) == (
        "", "Scientific Data", "10", "1", "", "177")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / DATA_PAPER).write_bytes((DATA / DATA_PAPER).read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-36997558.html")))
    assert facts["Journal"] == "Scientific Data" and "Series" not in facts


def test_scopus_subscript_tag_is_a_subscript(tmp_path: Path, html) -> None:
    """Scopus marks a subscript ``<inf>`` (ScientoPy's export of 2017, MIT: "Exhaustion of Co<inf>2</inf>"): the
    page says "Co₂", as it says a ``<sub>``, not "Co2"."""
    (green,) = articles(SUBSCRIPT)
    assert "Exhaustion of Co₂ exceeds tolerance." in green.abstract[0].text
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / SUBSCRIPT).write_bytes((DATA / SUBSCRIPT).read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-13577-j-jnd-2014-0610.html"))
    text = html.text(main)
    assert "the exhaustion of Co₂ and is a worthitly popularized technique" in text and "Co2" not in text


def test_a_second_funding_text_the_header_does_not_name_is_read_under_its_own_column(tmp_path: Path, html) -> None:
    """litstudy's Scopus CSV names "Funding Text 1" only, and its rows from the fourth on have a value more: their
    second funding text. Read under the header as it stands, the PMID was the page's language."""
    records, problems = read(JOINED)
    assert problems == []
    assert [len(r.fields) for r in records] == [45, 46, 46]
    assert records[0].first("Title") == "Scalable molecular dynamics with NAMD"
    names = [f.name for f in records[1].fields]
    assert names[23:27] == ["Funding Details", "Funding Text 1", "Funding Text 2", "References"]
    assert [records[1].first(n) for n in ("PubMed ID", "Language of Original Document", "Document Type", "EID")] == [
        "35064163", "English", "Article", "2-s2.0-85123480963"]
    assert records[2].first("Funding Text 2").startswith("Development of MUFINS was funded by BBSRC")
    assert records[2].fields[-1] == Field("EID", ("2-s2.0-85030102047",), 5)
    assert [f.name for f in records[0].fields][24:26] == ["Funding Text 1", "References"]  # a row as long as the header

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / JOINED).write_bytes((DATA / JOINED).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [str(d) for d in result.report.diagnostics] == []
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-35064163.html"))
    facts = html.facts(main)
    assert (facts["Journal"], facts["Publisher"], facts["ISSN"], facts["Language"]) == (
        "Scientific Reports", "Nature Research", "20452322", "English")
    rows = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in main.iter("tr") if tr.find("th") is not None
            and tr.find("td") is not None}
    assert rows["EID"] == "2-s2.0-85123480963" and rows["Abbreviated Source Title"] == "Sci. Rep."


def test_values_beyond_the_header_are_not_taken_for_funding_texts_unless_the_eid_then_lines_up() -> None:
    header = '"Title","Source title","Funding Text 1","References","PubMed ID","EID"\n'
    records, problems = scopus_csv.read(header + '"T","S","F","","R","1","2-s2.0-1"\n', "f.csv")
    assert [f.name for f in records[0].fields] == ["Title", "Source title", "Funding Text 1", "Funding Text 2",
                                                   "References", "PubMed ID", "EID"]
    assert problems == []
    for row in ('"T","S","F","R","1","2-s2.0-1","more"\n', '"T","S","F","","R","1","Scopus"\n'):
        records, problems = scopus_csv.read(header + row, "f.csv")
        assert records[0].fields[-1].name == "column 7"
        assert [p.message.split(";")[0] for p in problems] == ["a row of 7 values under a header of 6 columns"]
    no_eid = '"Title","Source title","Author(s) ID","Funding Text 1","References"\n'
    records, problems = scopus_csv.read(no_eid + '"T","S","1","F","G","R"\n', "f.csv")
    assert records[0].fields[-1].name == "column 6" and len(problems) == 1


PUBMED_HEADER = ("PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,"
                 "DOI\n")


@pytest.mark.parametrize("pmid", ["36971057", ""])
def test_a_scopus_and_a_pubmed_record_of_one_work_are_one_article(tmp_path: Path, html, pmid: str) -> None:
    """Joined by the PMID and the DOI both give, or by the DOI alone: Scopus's record leads, with its full names."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in (AIR, TWO):
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    (site / "content" / "pubmed.csv").write_text(
        PUBMED_HEADER + f'"{pmid}","The origin of an invasive air sac system in sauropodomorph dinosaurs.","Aureliano '
        'T, Ghilardi AM, Müller RT, Kerber L, Fernandes MA, Ricardi-Branco F, Wedel MJ.","Anat Rec (Hoboken). 2024 '
        'Apr;307(4):1084-1092. doi: 10.1002/ar.25209.","Aureliano T","Anat Rec (Hoboken)","2024","2023/03/27","","",'
        '"10.1002/ar.25209"\n', encoding="utf-8")
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level is Level.ERROR] == []
    assert result.records == 4
    pages = sorted(p.name for p in (tmp_path / "_site" / "articles").glob("*.html"))
    assert len(pages) == 3
    name = "pubmed-36971057.html"  # Scopus's record leads (model/merge.py's PRECEDENCE), and it gives the PMID
    assert pages == sorted([name, "pubmed-36456823.html", "pubmed-37202441.html"])
    main = html.main(html.parse(tmp_path / "_site" / "articles" / name))
    rows = {html.text(tr.find("th")) for tr in main.iter("tr") if tr.find("th") is not None}
    assert {"Citation", "EID", "Author(s) ID"} <= rows  # both records in the full-record view
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:2] == ["Aureliano, Tito", "Ghilardi, Aline M."]
    assert html.text(main.find(".//h1")) == "The origin of an invasive air sac system in sauropodomorph dinosaurs"


def test_a_generation_after_the_family_name_is_no_initial() -> None:
    """Scopus writes a name "Family Initials", and a generation after the family name in it ("Thompson III F.R.";
    its BibTeX of the same author: "Leslie Jr., D.M."). The export of 2017 with its last author so written
    ("Leslie Jr. D.M." for its "Oliveira A., Jr."): "Jr." was taken for an initial, the author shown "Jr. D.M.
    Leslie"."""
    data = (DATA / GENERATIONS).read_bytes().replace(b"Oliveira A., Jr.", b"Leslie Jr. D.M.", 1)
    leslie = articles(GENERATIONS, data)[0].authors[-1]
    assert leslie == Person("Leslie Jr., D.M.", "Leslie", "D.M.", "Jr.")
