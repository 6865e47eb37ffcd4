"""The CSV exports of Zotero, Lens.org, OpenAlex, Rayyan and Covidence (readers/table_exports.py): real exports
(asreview/citation-file-formatting, CC0: a few rows of each) are known by their headers and give every column with
its line, and the values each tool wrote, as its columns name them; one site built from all of them makes one
article of each work that several tools exported; a header no exporter has is left to the "not a record format"
warning. Rows written by hand in Zotero's shape cover a chapter, a conference paper, a PMID in "Extra" and a
printed date."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Person
from site_builder.readers import table_exports

DATA = Path(__file__).resolve().parents[1] / "data" / "table-csv"
FILES = {"zotero-dinosaurs.csv": "zotero-csv", "rayyan-dinosaurs.csv": "rayyan-csv",
         "covidence-dinosaurs.csv": "covidence-csv", "lens-reviews.csv": "lens-csv", "lens-carbapenem.tsv": "lens-csv",
         "lens-null-given-name.csv": "lens-csv",
         "openalex-palaeontology.csv": "openalex-csv", "cochrane-incredible-years.csv": "cochrane-csv",
         "ebsco-dinosaurs.csv": "ebsco-csv", "embase-dinosaurs.csv": "embase-csv",
         "embase-excel-dinosaurs.csv": "embase-csv", "asreview-datatools-embase.csv": "embase-cited-csv",
         "scholar-dinosaurs.csv": "scholar-csv",
         "refworks-reviews.txt": "refworks-tsv", "ieee-shaped.csv": "ieee-csv", "litstudy-ieee.csv": "ieee-csv",
         "pop-shaped.csv": "pop-csv",
         "abstrackr-dinosaurs.csv": "abstrackr-csv"}


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    return reading.read(DATA / name, data)


def articles(name: str, data: bytes | None = None) -> list:
    return reading.articles(DATA / name, data)


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_export_is_known_by_its_header(name: str) -> None:
    head = (DATA / name).read_bytes()[:4096].decode("utf-8-sig")
    assert readers.choose_reader(Path(name), head).format == FILES[name]
    assert readers.choose_reader(Path("export.txt"), head).format == FILES[name]
    others = [e for e in table_exports.EXPORTS if e.format != FILES[name]]
    assert not any(e.sniff(head) for e in others)


def test_headers_of_no_known_exporter_are_left_alone() -> None:
    for head in ("Title,Authors,Year\n", "key,title,year\n", "id,title,publication_year\n", "Lens ID,Title\n",
                 "Article Title,Author,Journal Title,ISSN\n", "", "Title\tAuthor/s\n"):
        assert not any(e.sniff(head) for e in table_exports.EXPORTS), head
    (cinahl, problems) = readers.read_data(b"Article Title,Author,Journal Title\nA,B,C\n", Path("cinahl.csv"),
                                           "content/cinahl.csv")
    assert cinahl == [] and [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 1)]
    assert "Zotero" in problems[0].message and "not a record format" in problems[0].message


def test_zotero_every_column_with_its_line() -> None:
    records, problems = read("zotero-dinosaurs.csv")
    assert problems == [] and [(r.format, r.where.line) for r in records] == [("zotero-csv", n) for n in (2, 3, 4, 5)]
    first = records[0]
    assert len(first.fields) == 87 and first.fields[0] == Field("Key", ("YVC6GC78",), 2)  # no BOM in its name
    assert first.first("Archive") == "Embase" and first.first("Date Added") == "2024-08-15 08:09:33"
    assert first.first("Series") == ""  # an empty column is kept


def test_zotero_values() -> None:
    scales, erratum, abelisaurid, bird = articles("zotero-dinosaurs.csv")
    assert scales.title == ("Cellular structure of dinosaur scales reveals retention of reptile-type skin during the "
                            "evolutionary transition to feathers")
    assert scales.authors == (Person("Yang, Z.", "Yang", "Z."), Person("Jiang, B.", "Jiang", "B."),
                              Person("Xu, J.", "Xu", "J."), Person("McNamara, M.E.", "McNamara", "M.E."))
    assert (scales.journal, scales.journal_abbrev, scales.volume, scales.issue, scales.date) == (
        "Nature Communications", "Nat. Commun.", "15", "1", "2024")
    assert scales.doi == "10.1038/s41467-024-48400-3" and scales.pmid == ""
    assert scales.keywords[:3] == ("article", "controlled study", "animal tissue") and len(scales.keywords) == 25
    assert [lang.name for lang in scales.languages] == ["English"]
    assert scales.abstract[0].text.startswith("Fossil feathers have transformed our understanding")
    assert erratum.abstract == () and erratum.pages == "14316"
    assert abelisaurid.pages == "307-356" and abelisaurid.authors[2] == Person("Černý, D.", "Černý", "D.")
    assert abelisaurid.journal == "Cladistics : the international journal of the Willi Hennig Society"
    assert [s.label for s in bird.abstract] == ["BACKGROUND", "RESULTS", "CONCLUSIONS"]


ZOTERO_HEADER = ('"Key","Item Type","Publication Year","Author","Title","Publication Title","ISBN","DOI","Url",'
                 '"Abstract Note","Date","Pages","Volume","Publisher","Place","Extra","Editor","Edition"\n')


def zotero_row(**values: str) -> str:
    names = next(csv.reader([ZOTERO_HEADER.strip()]))
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerow([values.get(n, "") for n in names])
    return out.getvalue()


@pytest.mark.parametrize(("item_type", "kind"), [("bookSection", "chapter"), ("conferencePaper", "paper-conference")])
def test_zotero_a_chapter_or_paper_is_held_by_its_book(item_type: str, kind: str) -> None:
    (article,) = articles("z.csv", (ZOTERO_HEADER + zotero_row(
        Key="ABCD1234", Title="Observing and monitoring the ocean", Author="Porter, Dwayne E.; Kelsey, R. Heath",
        Editor="Fleming, Lora E.", Date="2023-05-18", **{
            "Item Type": item_type, "Publication Year": "2023", "Publication Title": "Oceans and Human Health",
            "Pages": "549-596", "Publisher": "Elsevier", "Place": "London",
            "Extra": "PMID: 12345678\nPMCID: PMC7654321"})).encode())
    assert (article.kind, article.container, article.journal) == (kind, "Oceans and Human Health", "")
    assert [p.name for p in article.editors] == ["Fleming, Lora E."]
    assert (article.place, article.publisher, article.date, article.pages) == ("London", "Elsevier", "2023-05-18",
                                                                              "549-596")
    assert (article.pmid, article.pmcid, article.id) == ("12345678", "PMC7654321", "pubmed-7654321")


@pytest.mark.parametrize(("written", "year", "date"), [
    ("March 2020", "2020", "2020-03"), ("2019/11/25", "2019", "2019-11-25"), ("2019-11", "2019", "2019-11"),
    ("Nov./2001", "2001", "2001-11"), ("2019-11-25", "2018", "2018"), ("spring", "2020", "2020"), ("", "", "")])
def test_zotero_dates_and_no_identifier(written: str, year: str, date: str) -> None:
    (article,) = articles("z.csv", (ZOTERO_HEADER + zotero_row(
        Key="WXYZ9876", Title="A work known by no identifier", Date=written,
        **{"Item Type": "journalArticle", "Publication Year": year})).encode())
    assert (article.date, article.id, article.editors, article.place) == (date, "zotero-wxyz9876", (), "")


@pytest.mark.parametrize(("written", "year", "date", "printed"), [
    ("Nov-Dec 2014", "2014", "2014-11", "Nov-Dec 2014"), ("Jan-Feb 2020", "2020", "2020-01", "Jan-Feb 2020"),
    ("Mar.-Apr. 2015", "2015", "2015-03", "Mar.-Apr. 2015"), ("Winter 2018/2019", "2018", "2018", "Winter 2018/2019"),
    ("Spring 2019", "2019", "2019", "Spring 2019"), ("Summer-Fall 2009", "2009", "2009", "Summer-Fall 2009"),
    ("spring", "2020", "2020", "2020 Spring"), ("2014 Nov-Dec", "2014", "2014-11", "2014 Nov-Dec"),
    ("Nov./2001", "2001", "2001-11", "")])
def test_zotero_months_or_a_season_before_the_year_are_kept_as_printed(written: str, year: str, date: str,
                                                                        printed: str) -> None:
    """Zotero keeps a journal's printed date of an issue ("Nov-Dec 2014", "Winter 2018/2019"), the months before
    the year: the page gave the year alone; it now gives the date as printed, from the first month."""
    (article,) = articles("z.csv", (ZOTERO_HEADER + zotero_row(
        Key="WXYZ9876", Title="A work of a period", Date=written,
        **{"Item Type": "journalArticle", "Publication Year": year})).encode())
    assert (article.date, article.date_printed) == (date, printed)


def test_zotero_a_period_of_months_is_shown_as_printed(tmp_path: Path, html) -> None:
    # Zotero keeps the date of a record it took from PubMed as MEDLINE's DP prints it; PMID 11208485, "Med Sci
    # Monit. 2001 Jan-Feb;7(1):1-16.", in Zotero's shape: its page said "January 2001".
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "z.csv").write_text(ZOTERO_HEADER + zotero_row(
        Key="GRYG2001", Title="Significance of endothelial prostacyclin and nitric oxide in peripheral and pulmonary "
        "circulation", Author="Gryglewski, R. J.; Chlopicki, S.; Uracz, W.; Marcinkiewicz, E.", Date="2001 Jan-Feb",
        Pages="1-16", Volume="7", **{"Item Type": "journalArticle", "Publication Year": "2001",
                                     "Publication Title": "Medical science monitor"}), "utf-8")
    build(site, tmp_path / "_site")
    page = html.parse(tmp_path / "_site" / "articles" / "zotero-gryg2001.html")
    assert html.facts(page)["Published"] == "2001 Jan-Feb"
    assert [html.text(t) for t in page.iter("time")][:1] == ["2001 Jan-Feb"]


def test_lens_values() -> None:
    radiology, ect, diabetes = articles("lens-reviews.csv")
    assert radiology.title.startswith("The Value of Radiologic Interventions and 18 F-DOPA PET")
    assert radiology.authors[0] == Person("Björn A. Blomberg", "Blomberg", "Björn A.")
    assert (radiology.journal, radiology.volume, radiology.issue, radiology.pages, radiology.date) == (
        "Molecular imaging and biology", "15", "1", "97-105", "2012-07-03")
    assert (radiology.pmid, radiology.pmcid, radiology.doi) == ("22752652", "PMC3553406", "10.1007/s11307-012-0572-0")
    assert radiology.id == "pubmed-3553406" and radiology.publisher == "Springer New York"
    assert radiology.keywords == ()  # MeSH terms and fields of study stay in the full record
    assert ect.keywords == ("electrochemotherapy", "head and neck cancer", "quality of life", "systematic review")
    assert ect.authors[6] == Person("Remco de Bree", "de Bree", "Remco")
    assert [s.label for s in diabetes.abstract] == ["Introduction", "Materials and methods", "Results", "Conclusion"]
    assert (diabetes.issue, diabetes.pages) == ("", "636959")
    records, _ = read("lens-reviews.csv")
    assert [r.where.line for r in records] == [2, 3, 4] and records[0].first("Lens ID") == "000-463-679-101-319"


def test_lens_tab_separated() -> None:
    (article,) = articles("lens-carbapenem.tsv")
    assert article.title == ("Carbapenem-alternative strategies for complicated urinary tract infections: A "
                             "systematic review of randomized controlled trials.")
    assert [p.family for p in article.authors][:2] == ["ten Doesschate", "van der Vaart"]
    assert (article.journal, article.volume, article.issue, article.pages, article.pmid) == (
        "The Journal of infection", "81", "4", "499-509", "32795483")


def test_lens_null_for_a_missing_given_name_is_no_name(tmp_path: Path, html, make_site) -> None:
    """Lens.org writes a missing given name as "null" before the family name: the first author of a JVIR abstract
    of 2014 is "null van den Hoven" (RefWorks's export of the same work writes "van den Hoven,null"). The byline
    said "null van den Hoven" and the citations "van den Hoven N"; they name van den Hoven alone."""
    (article,) = articles("lens-null-given-name.csv")
    assert article.authors[:2] == (Person("van den Hoven", "van den Hoven"),
                                   Person("Maarten L. J. Smits", "Smits", "Maarten L. J."))
    assert article.records[0].first("Author/s").startswith("null van den Hoven; ")  # the full record as written
    result = build(make_site({"lens-null-given-name.csv": (DATA / "lens-null-given-name.csv").read_bytes()}),
                   tmp_path / "_site")
    page = html.main(html.parse(result.output / "articles" / "doi-10-1016-j-jvir-2013-12-293.html"))
    byline = html.text(page.find(".//p[@class='byline']"))
    assert byline.startswith("van den Hoven; Maarten L. J. Smits;") and "null" not in byline
    assert html.text(page.find(".//blockquote[@id='cite-vancouver']")).startswith(
        "van den Hoven, Smits MLJ, Rosenbaum CENM, Verkooijen L, van den Bosch MAAJ, Lam MGEH.")


def test_lens_semicolons_between_jats_elements_are_not_the_abstracts() -> None:
    """Lens.org flattens a Crossref JATS abstract with semicolons between its elements (a row written here in the
    shape of a real export's, GitHub isx9/bibliometrix-python `sources/new/THE LENS/lens-export.csv`, GPL: Roy and
    Vasa, Discover Sustainability 6(1), 2025): the abstract starts with its first word, not "; "."""
    header = (DATA / "lens-reviews.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow((dict.fromkeys(next(csv.reader([header])), "") | {
        "Lens ID": "000-712-467-171-627", "Title": "Financial technology and environmental, social and governance",
        "Publication Year": "2025", "Author/s": "Jewel Kumar Roy; László Vasa",
        "Abstract": "<jats:title>Abstract</jats:title>;           <jats:p>The integration of ESG principles with "
                    "Fintech has emerged as a pivotal mechanism.</jats:p>;<jats:sec><jats:title>Results</jats:title>;"
                    "<jats:p>The findings reveal interest.</jats:p></jats:sec>"}).values())
    (article,) = articles("lens.csv", f"{header}\r\n{out.getvalue()}".encode())
    assert [(s.label, s.text) for s in article.abstract] == [
        ("", "The integration of ESG principles with Fintech has emerged as a pivotal mechanism."),
        ("Results", "The findings reveal interest.")]


def test_openalex_values() -> None:
    cephalopods, silica = articles("openalex-palaeontology.csv")
    assert cephalopods.title.startswith("Orthoceratoid and coleoid cephalopods from the Middle Triassic")
    assert cephalopods.authors == (Person("Alexander Pohle", "Pohle", "Alexander", orcid="0000-0001-6979-1048"),
                                   Person("Christian Klug", "Klug", "Christian", orcid="0000-0002-4099-7453"))
    assert (cephalopods.journal, cephalopods.volume, cephalopods.issue, cephalopods.date) == (
        "Swiss Journal of Palaeontology", "143", "1", "2024-04-03")
    assert (cephalopods.pmid, cephalopods.doi) == ("38584612", "10.1186/s13358-024-00307-8")
    assert cephalopods.abstract[0].text.startswith("Orthoconic cephalopods")  # "Abstract " is no part of it
    assert cephalopods.keywords == ("Cephalopod", "Cretaceous", "Early Triassic")
    assert [lang.name for lang in cephalopods.languages] == ["English"]
    assert (silica.title, silica.pmid, silica.issue, silica.pages) == (
        "Did Algae Eat All the Silica in the World’s Oceans?", "", "", "")
    records, _ = read("openalex-palaeontology.csv")
    assert records[1].first("locations.license") == "None"  # the full record keeps it as written


def test_openalex_none_is_no_value() -> None:
    (record,), _ = read("bad.csv", HOSTILE["openalex nones"])
    article, problems = readers.to_article(record)
    assert (article.title, article.doi, article.date) == ("Untitled record", "", "")
    assert article.authors == (Person("A B", "B", "A"),) and [(p.level, p.message) for p in problems] == [
        (Level.ERROR, "row has no title (its 'display_name' column is empty); shown as 'Untitled record'")]


# The shape of bibliometrix's OpenAlex CSV (github.com/massimoaria/bibliometrix, tests/testthat/fixtures/
# openalex_sample.csv, GPL-3, so retyped): 30 of OpenAlex's columns, the journal's ISSN in "issn_l" alone. The first
# row is that file's own (Aria and Cuccurullo's bibliometrix paper); the second holds the facts of Wakefield et al.'s
# Lancet paper, retracted in 2010, which OpenAlex marks is_retracted (its id left empty here).
BIBLIOMETRIX_OPENALEX = (
    '"id","authorships.author.display_name","display_name","doi","is_retracted","language",'
    '"primary_location.source.display_name","primary_location.source.issn_l","publication_date",'
    '"publication_year","type"\n'
    '"https://openalex.org/W2755950973","Massimo Aria|Corrado Cuccurullo","bibliometrix : An R-tool for '
    'comprehensive science mapping analysis","https://doi.org/10.1016/j.joi.2017.08.007","False","en",'
    '"Journal of Informetrics","1751-1577","2017-09-12",2017,"article"\n'
    '"","A.J. Wakefield|Simon H. Murch","Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive '
    'developmental disorder in children","https://doi.org/10.1016/s0140-6736(97)11096-0","True","en","The Lancet",'
    '"0140-6736","1998-02-01",1998,"article"\n')


def test_openalex_linking_issn_and_retraction() -> None:
    """An export whose only ISSN is the linking one ("issn_l") shows it, and a work OpenAlex says is retracted is
    shown retracted, as the API's JSON is read (readers/openalex_json.py)."""
    bibliometrix, retracted = articles("openalex.csv", BIBLIOMETRIX_OPENALEX.encode())
    assert (bibliometrix.issns, bibliometrix.issn_types, bibliometrix.notices) == (("1751-1577",), ("linking",), ())
    assert (retracted.issns, retracted.date) == (("0140-6736",), "1998-02")
    assert [notice.kind for notice in retracted.notices] == ["RetractionIn"]


@pytest.mark.parametrize(("published", "shown"), [("1982-11-01", "1982-11"), ("2014-01-01", "2014"),
                                                  ("2024-04-03", "2024-04-03")])
def test_openalex_writes_the_1st_for_no_day(published: str, shown: str) -> None:
    """As its API JSON (readers/openalex_json.py): the 1st of a month where the work's source gave a month alone."""
    row = f"id,doi,display_name,publication_year,publication_date\nW1,None,A title,{published[:4]},{published}\n"
    (found,) = articles("w.csv", row.encode())
    assert found.date == shown


def test_cochrane_values() -> None:
    trial, transfer, spain = articles("cochrane-incredible-years.csv")
    assert trial.title.startswith("The Incredible Years Therapeutic Dinosaur Programme to build social")
    assert [p.name for p in trial.authors] == ["Bywater, T", "Hutchings, J", "Whitaker, C", "Evans, C", "Parry, L"]
    assert (trial.journal, trial.date, trial.volume, trial.issue, trial.pages) == ("Trials", "2011", "12", "", "39")
    assert (trial.pmid, trial.doi, trial.id) == ("21314913", "10.1186/1745-6215-12-39", "pubmed-21314913")
    assert [s.label for s in trial.abstract] == ["BACKGROUND", "METHODS/DESIGN", "DISCUSSION", "TRIAL REGISTRATION"]
    assert trial.keywords[0] == "school health service"  # "*school health service": a major topic
    assert (transfer.pages, transfer.pmid) == ("1279-1297", "38407106")
    assert "Transfer, Psychology [physiology]" in transfer.keywords
    assert spain.authors[2] == Person("Cañas, M", "Cañas", "M")
    records, _ = read("cochrane-incredible-years.csv")
    assert records[1].first("Embase ID") == "EMBASE 643589775" and records[1].first("PubMed ID") == "PUBMED 38407106"


def test_ebsco_values() -> None:
    growth, tracks, plumage = articles("ebsco-dinosaurs.csv")
    assert growth.title == "Osteohistological insight into the growth dynamics of early dinosaurs and their " \
        "contemporaries."
    assert growth.authors[0] == Person("Curry Rogers, Kristina", "Curry Rogers", "Kristina")
    # pages from "First Page" and "Page Count" (1 and 60; 924 and 11; 213 and 13)
    assert (growth.journal, growth.date, growth.volume, growth.issue, growth.pages) == ("PLoS ONE", "2024-04-03",
                                                                                       "19", "4", "1-60")
    assert (growth.doi, growth.publisher) == ("10.1371/journal.pone.0298242", "Public Library of Science")
    assert growth.keywords[:3] == ("FEMUR", "DINOSAURS", "MASS extinctions")
    assert (tracks.date, tracks.pages, tracks.keywords[0]) == ("2023-06", "924-934", "Fossil footprints")
    assert plumage.pages == "213-225"
    assert plumage.date == "2023" and [p.name for p in plumage.authors][:3] == [
        "CROUDACE, ANGUS D.", "CAIZHI SHEN", "JUNCHANG LÜ"]
    records, _ = read("ebsco-dinosaurs.csv")
    assert records[0].first("ISSN") == '="19326203"'  # the full record keeps it as written


def test_ebscos_notes_after_an_abstract_are_its_rights_or_nothing() -> None:
    """EBSCOhost's CSV writes "[ABSTRACT FROM AUTHOR]" and its notice on the rights after the abstract in one
    column: both were shown as the abstract's last words. The notice is the rights, as in its RIS export."""
    growth = articles("ebsco-dinosaurs.csv")[0]
    assert growth.abstract[-1].text.endswith("they did not set them apart from their contemporaries.")
    assert growth.rights.startswith("Copyright of PLoS ONE is the property of Public Library of Science and its")
    assert growth.rights.endswith("for the full abstract. (Copyright applies to all Abstracts.)")


def test_embase_values() -> None:
    """Embase writes its search above the header; names "Yang Z."; a date "1 Dec 2024"; an article number only in
    its citation line ("Source")."""
    records, _ = read("embase-dinosaurs.csv")
    assert [r.where.line for r in records] == [5, 6, 7, 8]
    scales, abelisaurid, plos, in_press = articles("embase-dinosaurs.csv")
    assert scales.title.startswith("Cellular structure of dinosaur scales reveals retention of reptile-type skin")
    assert scales.authors[:2] == (Person("Yang, Z.", "Yang", "Z."), Person("Jiang, B.", "Jiang", "B."))
    assert (scales.journal, scales.date, scales.volume, scales.issue, scales.pages, scales.article_number) == (
        "Nature Communications", "2024-12", "15", "1", "", "4063")  # "1 Dec 2024": Embase's 1st is no day
    assert (scales.doi, scales.pmid, scales.id) == ("10.1038/s41467-024-48400-3", "38773066", "pubmed-38773066")
    # the Emtree terms of major focus first, then the others: drugs, then medical terms
    assert scales.keywords[:3] == ("animal scales", "cell structure", "dinosaur")
    assert scales.keywords[8:10] == ("keratin (endogenous compound)", "melanin (endogenous compound)")
    assert [link.label for link in scales.links] == ["Embase"]
    assert (abelisaurid.pages, abelisaurid.date, abelisaurid.authors[2].name) == ("307-356", "2024-06", "Černý, D.")
    assert (plos.journal, plos.issue, plos.pages, plos.article_number) == ("PLoS ONE", "1 January", "", "e0292318")
    assert (in_press.date, in_press.volume, in_press.pages) == ("2024", "", "")
    assert records[0].first("Copyright") == "Copyright 2024 Elsevier B.V., All rights reserved."  # the record's
    assert (scales.issns, scales.issn_types) == (("2041-1723",), ("electronic",))
    assert (in_press.issns, in_press.issn_types) == (("1932-8494", "1932-8486"), ("electronic", ""))


def test_embase_original_title_and_a_supplement_named_only_in_the_citation_line() -> None:
    """Embase's "Original Title" is the work's own beside the English "Title"; its "Source" alone names a
    supplement ("84 Supplement 1"), as its plain-text export does (tests/data/embase-text)."""
    header = '"Title","Original Title","Author Names","Source","Source title","Volume","PUI","Embase Link"\n'
    row = ('"Epidemiological characteristics of hospital care for urolithiasis","Características epidemiológicas de '
           'la atención hospitalaria por urolitiasis","Pereyra W., Ballena J.","Annals of the Rheumatic Diseases '
           '(2025) 84 Supplement 1 (1100-1102). Date of Publication: 1 Jun 2025","Annals of the Rheumatic Diseases",'
           '"84","L2043554300","https://www.embase.com/"\n')
    [article] = articles("embase.csv", (header + row).encode())
    assert article.original_title == "Características epidemiológicas de la atención hospitalaria por urolitiasis"
    assert (article.volume, article.issue) == ("84", "Suppl 1")


def test_embase_resaved_by_excel_reads_as_embase_wrote_it() -> None:
    """Excel's semicolons, its line of empty values for the blank line under the search, nothing quoted."""
    resaved = articles("embase-excel-dinosaurs.csv")
    scales, abelisaurid, *_ = articles("embase-dinosaurs.csv")
    assert [r.where.line for r in read("embase-excel-dinosaurs.csv")[0]] == [5, 6]
    for one, other in zip(resaved, (scales, abelisaurid), strict=True):
        assert dataclasses.replace(one, records=()) == dataclasses.replace(other, records=())


def test_embase_older_export_read_from_its_citation_line() -> None:
    """Embase's older CSV export has no columns of journal, year, volume, issue, pages nor PUI: it was taken for no
    record format and skipped whole. Its "Source" gives them, "Cancer (2004) 102:4 (253-258). Date of Publication:
    25 Aug 2004", and its OpenURL link the DOI; an Emtree term keeps its subheadings, commas and all."""
    records, _ = read("asreview-datatools-embase.csv")
    assert [r.where.line for r in records] == [2, 3, 4, 5, 6]
    cysts, cancer, case, foregut, robotic = articles("asreview-datatools-embase.csv")
    assert (cysts.journal, cysts.date, cysts.volume, cysts.issue, cysts.pages, cysts.doi) == (
        "Endoscopic Ultrasound", "2014", "3", "3", "152-160", "10.4103/2303-9027.138783")
    assert cysts.authors == (Person("Liu, R.", "Liu", "R."), Person("Adler, D.G.", "Adler", "D.G."))
    assert "colonic duplication cyst (diagnosis, surgery)" in cysts.keywords
    assert (cancer.journal, cancer.date, cancer.volume, cancer.issue, cancer.pages, cancer.doi) == (
        "Cancer", "2004-08-25", "102", "4", "253-258", "10.1002/cncr.20369")
    assert (case.journal, case.date, case.volume, case.issue, case.pages) == (
        "International Journal of Surgery Case Reports", "2019", "54", "", "83-86")  # "1 Jan 2019"
    # "Date of Publication: January 7, 2011" is that day (it was the year, the date kept as printed)
    assert (foregut.date, foregut.date_printed, foregut.volume, foregut.issue) == ("2011-01-07", "", "17", "1")
    assert (robotic.journal, robotic.date) == ("Journal of Endourology Case Reports", "2017-03")
    assert foregut.abstract[-1].text.endswith("TTF-1 and surfactant expression.")


def test_google_scholar_values() -> None:
    flowers, *_, hone, _origin, _polar, novitates = articles("scholar-dinosaurs.csv")
    assert flowers.title == "Did dinosaurs invent flowers? Dinosaur–angiosperm coevolution revisited"
    assert flowers.authors == (Person("Barrett, Paul M", "Barrett", "Paul M"),
                               Person("Willis, Katherine J", "Willis", "Katherine J"))  # no name for the last "; "
    assert (flowers.journal, flowers.volume, flowers.issue, flowers.pages, flowers.date, flowers.publisher) == (
        "Biological Reviews", "76", "3", "411-447", "2001", "Cambridge University Press")
    assert (hone.pages, hone.journal) == ("20150947", "Biology letters")
    assert (novitates.volume, novitates.issue, novitates.pages) == ("2009", "3654", "1-63")


def test_refworks_values() -> None:
    """RefWorks's tab-delimited export, known by its header whatever the file's name ends in."""
    hoven, dialysis, ptsd = articles("refworks-reviews.txt")
    assert [p.name for p in hoven.authors][:3] == ["van den Hoven", "Smits, Maarten L. J.",
                                                    "Rosenbaum, Charlotte E. N. M."]
    assert hoven.authors[1] == Person("Smits, Maarten L. J.", "Smits", "Maarten L. J.")
    assert (hoven.journal, hoven.date, hoven.volume, hoven.issue, hoven.pages) == (
        "Journal of Vascular and Interventional Radiology", "2014", "25", "3", "S105")
    assert (dialysis.date, dialysis.pages, dialysis.journal_abbrev) == ("2020-03-30", "69-79", "J.Clin.Epidemiol.")
    assert (dialysis.pmid, dialysis.id) == ("32240769", "pubmed-32240769")  # from its PubMed url
    assert (ptsd.pages, ptsd.pmcid, ptsd.doi) == ("113438", "PMC7458053", "10.1016/j.psychres.2020.113438")
    records, _ = read("refworks-reviews.txt")
    assert records[0].first("Reference Id") == "100,doc:61b997e48f08e21cc56b3955"


def test_ieee_xplore_values() -> None:
    """A journal's article and a conference's paper, the latter held by its proceedings."""
    lecun, resnet = articles("ieee-shaped.csv")
    assert [p.name for p in lecun.authors] == ["Lecun, Y.", "Bottou, L.", "Bengio, Y.", "Haffner, P."]
    assert (lecun.kind, lecun.journal, lecun.date, lecun.volume, lecun.issue, lecun.pages, lecun.doi) == (
        "", "Proceedings of the IEEE", "1998-11", "86", "11", "2278-2324", "10.1109/5.726791")
    assert (resnet.kind, resnet.journal, resnet.container, resnet.pages) == (
        "paper-conference", "", "2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)", "770-778")
    assert resnet.keywords[:2] == ("Training", "Degradation")
    assert [link.label for link in resnet.links] == ["IEEE Xplore"]


def test_ieee_xplore_names_with_a_particle_before_the_family_name() -> None:
    """IEEE Xplore's real export writes "C. De Graaf", "R. F. da Silva", "F. Di Natale": initials, then a family
    name with its particle, read as such (not as a name without a family, shown whole as an organisation's)."""
    summit, roadmap = articles("litstudy-ieee.csv")
    assert summit.authors[8] == Person("De Graaf, C.", "De Graaf", "C.")
    assert [p.name for p in summit.authors[7:10]] == ["Gottiparthi, K. C.", "De Graaf, C.", "Harris, J. A."]
    assert roadmap.authors[0] == Person("da Silva, R. F.", "da Silva", "R. F.")
    assert roadmap.authors[8] == Person("Di Natale, F.", "Di Natale", "F.")
    assert len(summit.authors) == 26 and len(roadmap.authors) == 29
    assert table_exports.IEEE.columns.name("A. Y Lee").family != "Y Lee"  # "Y", a capital, is an initial
    assert (summit.journal, summit.volume, summit.issue, summit.pages, summit.date) == (
        "IBM Journal of Research and Development", "64", "3/4", "11:1-11:21", "2020")
    assert (roadmap.kind, roadmap.container, roadmap.pages) == (
        "paper-conference", "2021 IEEE Workshop on Workflows in Support of Large-Scale Science (WORKS)", "81-90")


def test_addresses_where_the_issue_goes_are_shown_in_the_full_record_only() -> None:
    """Zotero's and Covidence's exports of Embase records can hold the authors' addresses in "Issue": no issue
    number, so none is shown, with a warning at its line (as the RIS reader does with Covidence's IS)."""
    records, problems = read("zotero-address-in-issue.csv")
    assert problems == []
    article, found = readers.to_article(records[0])
    assert article.title == "Description of a new specimen of Haplocanthosaurus from the Dry Mesa Dinosaur Quarry"
    assert article.issue == ""
    assert [(d.level, str(d.where)) for d in found] == [(Level.WARNING, "content/zotero-address-in-issue.csv:2")]
    assert "'Issue' holds text that is no issue number" in found[0].message
    assert records[0].first("Issue").startswith("(Boisvert C.) Brigham Young University, Provo, UT, United States")


def test_publish_or_perish_csv_values() -> None:
    """Google Scholar's results as Publish or Perish saves them as CSV: names initials first, 0 for none."""
    epr, swot = articles("pop-shaped.csv")
    assert epr.authors == (Person("A Einstein", "Einstein", "A"), Person("B Podolsky", "Podolsky", "B"),
                           Person("N Rosen", "Rosen", "N"))
    assert (epr.journal, epr.date, epr.volume, epr.issue, epr.pages, epr.doi) == (
        "Physical review", "1935", "47", "10", "777-780", "10.1103/PhysRev.47.777")
    assert [p.name for p in swot.authors] == ["SS Maidin", "LA Rahman"]
    assert (swot.volume, swot.issue, swot.pages) == ("", "", "")
    records, _ = read("pop-shaped.csv")
    assert records[1].first("Volume") == "0" and records[0].first("GSRank") == "1"  # the full record's


def test_publish_or_perish_csv_names_left_out_are_et_al() -> None:
    """Google Scholar cuts a long byline short with "...", which Publish or Perish's CSV keeps as a name ("C
    Kun‐Rodrigues, J Salmona, A Besolo, ...": 367 of the 980 results of a real export, of a search on Coquerel's
    sifaka, in funkepunkemonke/Research-trends-in-Propithecus-coquereli's PoPCites.csv, unlicensed). Each was shown
    as an author named "..." with a page of its own; the byline is now cut short with "et al.", as the Publish or
    Perish JSON reader reads it. The row here is written in that shape."""
    header = (DATA / "pop-shaped.csv").read_bytes().splitlines()[0]
    row = ('5,"A Einstein, B Podolsky, ...",Can quantum-mechanical description of physical reality be considered '
           'complete?,1935,Physical review,APS,,,1,2014-11-20,,10.1103/PhysRev.47.777,,,47,10,777,780,5,,,3,79,,,')
    [epr] = articles("pop-cut.csv", header + b"\r\n" + row.encode() + b"\r\n")
    assert [p.name for p in epr.authors] == ["A Einstein", "B Podolsky"] and epr.et_al


def test_rayyan_and_covidence_values() -> None:
    scales, erratum, abelisaurid, duckbill = articles("rayyan-dinosaurs.csv")
    assert scales.authors[-1] == Person("McNamara, M.E.", "McNamara", "M.E.")
    assert scales.doi == "10.1038/s41467-024-48400-3"  # the RIS text Rayyan left after it is not
    assert (scales.journal, scales.date, scales.volume, scales.issue) == ("Nat. Commun.", "2024", "15", "1")
    assert scales.keywords[:3] == ("keratin", "melanin", "animal scales")
    assert (abelisaurid.pages, duckbill.authors[3]) == ("307-356", Person("Jalil, N.-E.", "Jalil", "N.-E."))
    scales, erratum, petroglyphs, bird = articles("covidence-dinosaurs.csv")
    assert (scales.journal, scales.doi, scales.date) == ("Nature Communications", "10.1038/s41467-024-48400-3",
                                                         "2024")
    assert (erratum.abstract, erratum.pages, petroglyphs.pages) == ((), "14316", "6528")
    assert bird.authors == (Person("Brownstein, C.D.", "Brownstein", "C.D."),)
    assert [s.label for s in bird.abstract] == ["BACKGROUND", "RESULTS", "CONCLUSIONS"]
    assert bird.id == "doi-10.1186/s12862-024-02210-9"


def test_a_site_built_from_every_export_joins_each_work(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in FILES:
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 65
    pages = sorted(p.name for p in (tmp_path / "_site" / "articles").glob("*.html"))
    # six works of the Embase records in Zotero, Rayyan, Covidence, and two more in Embase's own export (its other
    # two rows, and both rows Excel saved again, join theirs); four Lens; two OpenAlex; three Cochrane; three
    # EBSCOhost; ten Google Scholar; three RefWorks; four IEEE Xplore; two Publish or Perish; abstrackr's ten name no
    # year (nor a PMID: "0"): the eight whose work another export holds join it by their title, two stand alone;
    # five of an older Embase export; the fifth Lens row is a work of RefWorks's rows and joins it
    assert len(pages) == 46
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1038-s41467-024-48400-3.html"))
    assert html.text(main.find(".//h1")).startswith("Cellular structure of dinosaur scales")
    rows = {html.text(tr.find("th")) for tr in main.iter("tr") if tr.find("th") is not None}
    assert {"Key", "Item Type", "Covidence #", "key", "notes", "PUI"} <= rows  # the four records in the full record
    lens = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-3553406.html"))
    facts = html.facts(lens)
    assert (facts["Journal"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "Molecular imaging and biology", "15", "1", "97-105")
    summit = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1147-jrd-2020-2965881.html"))
    line = summit.find(".//p[@class='byline']")
    byline = {html.text(a): a.get("href") for a in line.iter("a")}
    assert byline["De Graaf, C."] == "../authors/de-graaf-c.html" and "C. De Graaf" not in byline


HOSTILE = {
    "header only": ZOTERO_HEADER.encode(),
    "openalex nones": b"id,doi,display_name,publication_year,authorships.author.display_name,"
                      b"authorships.author.orcid\nNone,None,None,nan,None|None|A B,x|y\n",
    "rayyan ands": b"key,title,year,month,day,journal,authors,abstract\nk,T,2020,13,40,J, and  and and,\n",
    "lens semicolons": b"Lens ID;Title;Author/s\n1;\"T\";\"; ;\"\n2\n",
    "zotero extra": (ZOTERO_HEADER + zotero_row(Title="T", Extra="PMID: x\nPMCID:\nPMID: 123")).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.csv", HOSTILE[name])


WOS_HEADER = (
    'Publication Type,Authors,Book Authors,Book Editors,Book Group Authors,Author Full Names,Book Author Full Names,'
    'Group Authors,Article Title,Source Title,Book Series Title,Book Series Subtitle,Language,Document Type,'
    'Conference Title,Conference Date,Conference Location,Conference Sponsor,Conference Host,Author Keywords,'
    'Keywords Plus,Abstract,Addresses,Affiliations,Reprint Addresses,Email Addresses,Researcher Ids,ORCIDs,'
    'Funding Orgs,Funding Name Preferred,Funding Text,Cited References,Cited Reference Count,'
    '"Times Cited, WoS Core","Times Cited, All Databases",180 Day Usage Count,Since 2013 Usage Count,Publisher,'
    'Publisher City,Publisher Address,ISSN,eISSN,ISBN,Journal Abbreviation,Journal ISO Abbreviation,'
    'Publication Date,Publication Year,Volume,Issue,Part Number,Supplement,Special Issue,Meeting Abstract,'
    'Start Page,End Page,Article Number,DOI,DOI Link,Book DOI,Early Access Date,Number of Pages,WoS Categories,'
    'Web of Science Index,Research Areas,IDS Number,Pubmed Id,Open Access Designations,Highly Cited Status,'
    'Hot Paper Status,Date of Export,UT (Unique WOS ID)')
"""The header of Web of Science's "Excel" export saved as CSV, as a public analysis script quotes it
(GitHub, a notebook's pd.read_csv of a WoS export), 72 columns."""
WOS_TAGS = ("PT", "AU", "BA", "BE", "GP", "AF", "BF", "CA", "TI", "SO", "SE", "BS", "LA", "DT", "CT", "CY", "CL",
            "SP", "HO", "DE", "ID", "AB", "C1", "C3", "RP", "EM", "RI", "OI", "FU", "FP", "FX", "CR", "NR", "TC",
            "Z9", "U1", "U2", "PU", "PI", "PA", "SN", "EI", "BN", "J9", "JI", "PD", "PY", "VL", "IS", "PN", "SU",
            "SI", "MA", "BP", "EP", "AR", "DI", "DL", "D2", "EA", "PG", "WC", "WE", "SC", "GA", "PM", "OA", "HC",
            "HP", "DA", "UT")
"""The tag of each column (Web of Science's field tags, in its Excel export's order)."""


def wos_csv(tagged: str) -> bytes:
    """Web of Science's tagged records as its Excel export writes the same fields: a row a record, the names
    and the lines of other fields joined."""
    from site_builder.readers import ris

    records, _ = ris.read(tagged, "tagged.txt")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(WOS_HEADER + "\r\n")
    for record in records:
        values = {f.name: ("; " if f.name in ("AU", "AF", "BE", "CR") else " ").join(f.values) for f in record.fields}
        writer.writerow([values.get(tag, "") for tag in WOS_TAGS])
    return out.getvalue().encode()


def test_web_of_science_csv_reads_as_its_tagged_records_do() -> None:
    """Three real records (tests/data/ris/wos-early-access.txt), each field written in its column: the CSV
    reader makes of them the articles the tagged reader makes."""
    tagged = (Path(__file__).resolve().parents[1] / "data" / "ris" / "wos-early-access.txt").read_text("utf-8-sig")
    from_csv = articles("savedrecs.csv", wos_csv(tagged))
    records, _ = readers.read_data(tagged.encode(), Path("savedrecs.txt"), "content/savedrecs.txt")
    from_tags = [readers.to_article(r)[0] for r in records]
    assert len(from_csv) == len(from_tags) == 3
    for one, other in zip(from_csv, from_tags, strict=True):
        assert [p.name for p in one.authors] == [p.name for p in other.authors]
        assert [p.orcid for p in one.authors] == [p.orcid for p in other.authors]
        for name in ("title", "journal", "journal_abbrev", "date", "epub_date", "volume", "issue", "pages",
                     "doi", "pmid", "keywords", "languages", "publisher", "abstract", "topics"):
            assert getattr(one, name) == getattr(other, name), name
    first = from_csv[0]
    assert first.title == "Is there really such a thing as Tropical Biology?"
    assert first.authors == (Person("Bruna, Emilio M.", "Bruna", "Emilio M."),)
    assert (first.journal, first.journal_abbrev, first.date, first.doi) == ("BIOTROPICA", "Biotropica", "2024-10-09",
                                                                             "10.1111/btp.13387")
    assert first.id == "doi-10.1111/btp.13387"
    # ORCIDs by name, as the tagged reader finds them (a name its line breaks too: "Vasconcelos,\n   Heraldo L.")
    assert [(p.name, p.orcid) for p in from_csv[1].authors][2:5] == [
        ("Vasconcelos, Heraldo L.", "0000-0001-6969-7131"), ("Bruna, Emilio M.", ""),
        ("Costa, Vladimir Eliodoro", "0000-0003-3889-7514")]
    csv_records, _ = read("savedrecs.csv", wos_csv(tagged))
    assert csv_records[0].format == "wos-csv" and csv_records[0].first("UT (Unique WOS ID)") == "WOS:001331408900001"


def test_web_of_science_csv_gives_parts_supplements_and_article_numbers() -> None:
    """Four real records (tests/data/ris/bibx-parts-supplements.txt) in the Excel export's columns: "Part Number"
    and "Supplement" are in the issue, and "Article Number" "UNSP 09LD11" is the article number 09LD11, as the
    tagged reader reads them."""
    tagged = (Path(__file__).resolve().parents[1] / "data" / "ris" / "bibx-parts-supplements.txt").read_text(
        "utf-8-sig")
    from_csv = articles("savedrecs.csv", wos_csv(tagged))
    assert [(a.volume, a.issue, a.pages, a.article_number) for a in from_csv] == [
        ("146", "Pt A", "53-65", ""), ("52", "9 Pt 3", "", "09LD11"), ("11", "4 Suppl S", "S33-S35", ""),
        ("509", "Suppl 1", "S145-S147", "")]
    assert from_csv[2].kind == ""  # "Publication Type" J: a journal's proceedings paper is its article
    assert (from_csv[1].issns, from_csv[1].issn_types) == (("0021-4922", "1347-4065"), ("", "electronic"))


def test_web_of_science_csv_gives_proceedings_their_book() -> None:
    """Two real records (tests/data/ris/scientopy-wos-proceedings.txt) in the Excel export's columns: a paper of
    proceedings of "Publication Type" C and a meeting abstract of a proceedings book (B) are the papers of their
    proceedings, as the tagged reader reads them."""
    tagged = (Path(__file__).resolve().parents[1] / "data" / "ris" / "scientopy-wos-proceedings.txt").read_text(
        "utf-8-sig")
    paper, abstract = articles("savedrecs.csv", wos_csv(tagged))
    assert (paper.kind, paper.journal, paper.container, paper.pages, paper.article_number) == (
        "paper-conference", "Proceedings of the ASME Joint Rail Conference",
        "PROCEEDINGS OF THE ASME JOINT RAIL CONFERENCE, 2018", "", "V001T02A006")
    assert (abstract.kind, abstract.journal, abstract.container[:35]) == (
        "paper-conference", "", "PROCEEDINGS OF THE 2021 THE 19TH AC")
    assert (paper.container_authors, abstract.container_authors) == ((Person("ASME"),), (Person("ACM"),))


def test_web_of_science_csv_without_document_types_keeps_proceedings_papers_in_their_proceedings() -> None:
    """The shape of a real Excel export of a few fields (GitHub okihane/wos-scihub, savedrecs.xlsx, 63 records, no
    licence to copy from: no "Document Type" column at all), retyped with words of our own: a paper of "Publication
    Type" C, its proceedings in "Source Title", their series and volume, "Book Group Authors" IOP. Without a
    document type the paper was a journal article whose journal was the conference's proceedings; PT C says it is
    a paper of those proceedings, in the series."""
    data = (
        b"Publication Type,Authors,Book Group Authors,Article Title,Source Title,Book Series Title,Volume,"
        b"Article Number,Publication Date,Publication Year,UT (Unique ID)\r\n"
        b"C,\"Doe, Jane; Roe, Richard\",IOP,A made-up test of a magnet,12TH EXAMPLE ACCELERATOR CONFERENCE,"
        b"Journal of Physics Conference Series,1350,12005,2019,2019,WOS:000000000000001\r\n")
    (paper,) = articles("savedrecs.csv", data)
    assert (paper.kind, paper.container, paper.journal, paper.volume, paper.pages, paper.article_number) == (
        "paper-conference", "12TH EXAMPLE ACCELERATOR CONFERENCE", "Journal of Physics Conference Series", "1350",
        "", "12005")
    assert paper.container_authors == (Person("IOP"),)


def test_web_of_science_csv_names_its_group_authors() -> None:
    """A real record (tests/data/ris/scientopy-wos-group-author.txt: Liao et al., J Expo Sci Environ Epidemiol
    2020, 17 people and the group "HAPIN Investigators" in CA) in the Excel export's columns: its "Group Authors"
    column was read by no one, so the byline lost the group that the tagged reader gives after the people."""
    tagged = (Path(__file__).resolve().parents[1] / "data" / "ris" / "scientopy-wos-group-author.txt").read_text(
        "utf-8-sig")
    (from_csv,) = articles("savedrecs.csv", wos_csv(tagged))
    records, _ = readers.read_data(tagged.encode(), Path("savedrecs.txt"), "content/savedrecs.txt")
    (from_tags,) = (readers.to_article(r)[0] for r in records)
    assert [p.name for p in from_csv.authors] == [p.name for p in from_tags.authors]
    assert (len(from_csv.authors), from_csv.authors[-1]) == (18, Person("HAPIN Investigators"))


PROCEEDINGS = """FN Clarivate Analytics Web of Science
VR 1.0
PT B
AU Chen, L
AF Chen, L
BE Park, S
TI A conference control protocol for small scale video conferencing system
SO 7TH INTERNATIONAL CONFERENCE ON ADVANCED COMMUNICATION TECHNOLOGY, VOLS
   1 AND 2, PROCEEDINGS
LA English
DT Proceedings Paper
PU IEEE
PI NEW YORK
PY 2005
BP 532
EP 537
UT WOS:000229221600115
ER

PT S
AU Lee, K
AF Lee, Kim
BE Gervasi, O
TI A paper in a book series
SO COMPUTATIONAL SCIENCE AND ITS APPLICATIONS - ICCSA 2005, PT 1
SE Lecture Notes in Computer Science
DT Proceedings Paper
PY 2005
VL 3480
BP 10
EP 19
UT WOS:000229221600116
ER

PT J
AU Khelfi, MF
   Kacimi, A
AF Khelfi, Mohamed Faycal
   Kacimi, Abderrahmane
TI Robust control with sliding mode for a quadrotor unmanned aerial vehicle
SO 2012 IEEE INTERNATIONAL SYMPOSIUM ON INDUSTRIAL ELECTRONICS (ISIE)
DT Proceedings Paper
PY 2012
BP 886
EP 890
UT WOS:000309166800150
ER

EF
"""
"""Proceedings papers as Web of Science exports them (the first and third the facts of real records that Zotero's
translator tests import): in a book (PT B), in a book series (PT S), and in a proceedings it lists as a journal
(PT J)."""


def test_web_of_science_csv_names_a_whole_books_series_not_its_own_title_again() -> None:
    """The real tab-delimited rows of tests/data/ris/scientopy-wos-book.txt (ScientoPy, MIT) written as the CSV
    export writes them: the book's "Source Title" repeats its title, its series is its "Book Series Title"."""
    book_rows = (DATA.parent / "ris" / "scientopy-wos-book.txt").read_text(encoding="utf-8-sig")
    book, chapter = articles("savedrecs.csv", wos_csv(book_rows))
    assert (book.kind, book.journal, book.container) == ("book", "Artech House Mobile Communications Series", "")
    assert (chapter.journal, chapter.container) == (
        "Artech House Mobile Communications Series", "INSIDE BLUETOOTH LOW ENERGY")
    assert [p.name for p in chapter.authors] == ["Gupta, N"]  # its "Book Authors": it has no "Authors"


def test_web_of_science_csv_proceedings_papers_are_held_as_the_tagged_reader_holds_them() -> None:
    records, _ = readers.read_data(PROCEEDINGS.encode(), Path("savedrecs.txt"), "content/savedrecs.txt")
    from_tags = [readers.to_article(r)[0] for r in records]
    from_csv = articles("savedrecs.csv", wos_csv(PROCEEDINGS))
    fields = ("kind", "journal", "container", "editors", "place", "publisher", "volume", "pages", "date")
    assert [[getattr(a, f) for f in fields] for a in from_csv] == [[getattr(a, f) for f in fields] for a in from_tags]
    book, series, journal = from_csv
    assert (book.kind, book.journal, book.container) == (
        "paper-conference", "", "7TH INTERNATIONAL CONFERENCE ON ADVANCED COMMUNICATION TECHNOLOGY, VOLS 1 AND 2, "
        "PROCEEDINGS")
    assert [p.name for p in book.editors] == ["Park, S"]
    assert (series.journal, series.container) == ("Lecture Notes in Computer Science",
                                                  "COMPUTATIONAL SCIENCE AND ITS APPLICATIONS - ICCSA 2005, PT 1")
    assert (journal.kind, journal.journal, journal.container, journal.editors) == (
        "paper-conference", "2012 IEEE INTERNATIONAL SYMPOSIUM ON INDUSTRIAL ELECTRONICS (ISIE)", "", ())


DIMENSIONS_HEADER = ('"Rank","Publication ID","DOI","PMID","PMCID","Title","Abstract","Source title","Anthology title",'
                     '"MeSH terms","Publication Date","PubYear","Volume","Issue","Pagination","Open Access",'
                     '"Publication Type","Authors","Times cited","Dimensions URL"')
"""The columns of Dimensions' export that the reader uses, in its order, among others (as dimcli, Dimensions' own
client, orders the same fields)."""


@pytest.mark.parametrize("about", ['"About the data: Exported on Mar 01, 2024. Criteria: ""hyperinsulinism"" in title '
                                   'and abstract."\r\n', "About the data: Exported on Mar 01, 2024.\r\n", ""])
def test_dimensions_with_its_line_about_the_export(about: str) -> None:
    """A row in Dimensions' shape with the values of a real work (the first of lens-reviews.csv)."""
    data = ("\ufeff" + about + DIMENSIONS_HEADER + "\r\n" + '"1","pub.1012345678","10.1007/s11307-012-0572-0",'
            '"22752652","PMC3553406","The Value of Radiologic Interventions and 18 F-DOPA PET in Diagnosing and '
            'Localizing Focal Congenital Hyperinsulinism: Systematic Review and Meta-Analysis","This systematic '
            'review and meta-analysis aimed to quantify the diagnostic performance.","Molecular Imaging and Biology",'
            '"","Humans; Pancreas","2012-07-03","2012","15","1","97-105","Green","article","Blomberg, Björn A.; '
            'Moghbel, Mateen","50","https://app.dimensions.ai/details/publication/pub.1012345678"\r\n').encode()
    records, problems = read("Dimensions-Publication-2024-03-01.csv", data)
    assert problems == [] and [(r.format, r.where.line) for r in records] == [("dimensions-csv", 3 if about else 2)]
    article, more = readers.to_article(records[0])
    assert more == []
    assert [p.name for p in article.authors] == ["Blomberg, Björn A.", "Moghbel, Mateen"]
    assert (article.journal, article.volume, article.issue, article.pages, article.date) == (
        "Molecular Imaging and Biology", "15", "1", "97-105", "2012-07-03")
    assert (article.pmid, article.pmcid, article.doi, article.id) == (
        "22752652", "PMC3553406", "10.1007/s11307-012-0572-0", "pubmed-3553406")
    assert article.keywords == () and records[0].first("MeSH terms") == "Humans; Pancreas"
    assert [link.label for link in article.links] == ["app.dimensions.ai"]


@pytest.mark.parametrize(("first", "count", "last"), [("924", "11", "934"), ("7", "1", "7"), ("7", "0", ""),
                                                       ("e0298242", "12", ""), ("12", "", ""), ("", "5", ""),
                                                       ("R12", "3", "")])
def test_a_page_count_gives_the_last_page_of_plain_numbers_only(first: str, count: str, last: str) -> None:
    assert table_exports._last_page(first, count) == last


def test_abstrackr_labels_and_citations_nobody_labelled() -> None:
    """abstrackr's export: the labelled citations, then a row "citations that are not yet labeled by anyone" and
    those citations without the label columns: every one an article, no warning; no year in the export."""
    found = articles("abstrackr-dinosaurs.csv")
    assert len(found) == 10 and all(a.date == "" for a in found)
    first = found[0]
    assert first.title.startswith("A new small duckbilled dinosaur (Hadrosauridae: Lambeosaurinae) from Morocco")
    assert [p.name for p in first.authors] == ["Longrich, N.R.", "Pereda-Suberbiola, X.", "Bardet, N.",
                                               "Jalil, N.-E."]
    assert (first.journal, first.pmid, first.id) == ("Sci Rep", "", "abstrackr-41893415")  # "0": no PMID
    assert first.keywords[:3] == ("phosphate", "Africa", "animal")
    unlabelled = found[6]
    assert unlabelled.title.startswith("Erratum: Correction: A juvenile bird")
    assert unlabelled.records[0].where.line == 37
    assert len(unlabelled.records[0].fields) == 8  # the citation's columns, none of the labels'
