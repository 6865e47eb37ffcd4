"""One Web of Science search saved in its four export formats (its own tagged text, tab-delimited, RIS, BibTeX)
reads as the same articles: the same dates, early-access dates, pages and abstract sections, whichever the club
exported.

The records are written by hand in the shapes of a real export of 469 records in three formats (GitHub
milensys/genai_authorship, savedrecs.txt, .ris and .bib, 2024; no licence to copy from) and of a tab-delimited
one (GitHub TimothyStaples/labnetwork, savedrecs.txt: its header row), with the facts of four
of its works (title, first author, journal, dates, pages, DOI, accession number) and a short abstract of our own.
What the three formats write differently:
- an article not yet in an issue has its whole online date where the rest of an issue's date goes (PD, RIS DA,
  BibTeX Month: "2024 MAR 6"), and only its month as the early-access date (EA, RIS C6, EarlyAccessDate);
- RIS puts an article number in C7, its own format in AR;
- each runs an abstract's headings into its text ("Objective We …").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import readers
from site_builder.model.article import Article, Person, Section
from site_builder.readers import bibtex, ris

TAGGED = """\ufeffFN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Murugan, M
AF Murugan, Mullai
TI Empowering personalized pharmacogenomics with generative AI solutions
SO JOURNAL OF THE AMERICAN MEDICAL INFORMATICS ASSOCIATION
DT Article; Early Access
AB Objective We wrote this abstract by hand for a test.
   Results It reads the same in three formats.
PD 2024 MAR 6
PY 2024
DI 10.1093/jamia/ocae039
EA MAR 2024
UT WOS:001179493300001
ER

PT J
AU Spinellis, D
AF Spinellis, Diomidis
TI Pair Programming With Generative AI
SO IEEE SOFTWARE
DT Article
PD MAY-JUN
PY 2024
VL 41
IS 3
BP 16
EP 18
DI 10.1109/MS.2024.3363848
UT WOS:001197802900016
ER

PT J
AU Combs, K
AF Combs, Kara
TI Uncertainty in Visual Generative AI
SO ALGORITHMS
DT Article
PD APR
PY 2024
VL 17
IS 4
AR 136
DI 10.3390/a17040136
UT WOS:001210238400001
ER

PT J
AU Feuerriegel, S
AF Feuerriegel, Stefan
TI Generative AI
SO BUSINESS & INFORMATION SYSTEMS ENGINEERING
DT Editorial Material
PD FEB
PY 2024
VL 66
IS 1
BP 111
EP 126
DI 10.1007/s12599-023-00834-7
EA SEP 2023
UT WOS:001067510500001
ER

EF
"""

# As Web of Science writes its RIS: an abstract on one line, some tags run into the line before (AN after WE).
RIS = """TY  - JOUR
AU  - Murugan, M
TI  - Empowering personalized pharmacogenomics with generative AI solutions
T2  - JOURNAL OF THE AMERICAN MEDICAL INFORMATICS ASSOCIATION
AB  - Objective We wrote this abstract by hand for a test. Results It reads the same in three formats.
DA  - 2024 MAR 6
PY  - 2024
DO  - 10.1093/jamia/ocae039
C6  - MAR 2024
WE  - Science Citation Index Expanded (SCI-EXPANDED)AN  - WOS:001179493300001
ER  -

TY  - JOUR
AU  - Spinellis, D
TI  - Pair Programming With Generative AI
T2  - IEEE SOFTWARE
DA  - MAY-JUN
PY  - 2024
VL  - 41
IS  - 3
SP  - 16
EP  - 18
DO  - 10.1109/MS.2024.3363848
WE  - Science Citation Index Expanded (SCI-EXPANDED)AN  - WOS:001197802900016
ER  -

TY  - JOUR
AU  - Combs, K
TI  - Uncertainty in Visual Generative AI
T2  - ALGORITHMS
DA  - APR
PY  - 2024
VL  - 17
IS  - 4
C7  - 136
DO  - 10.3390/a17040136
WE  - Emerging Sources Citation Index (ESCI)AN  - WOS:001210238400001
ER  -

TY  - JOUR
AU  - Feuerriegel, S
TI  - Generative AI
T2  - BUSINESS & INFORMATION SYSTEMS ENGINEERING
DA  - FEB
PY  - 2024
VL  - 66
IS  - 1
SP  - 111
EP  - 126
DO  - 10.1007/s12599-023-00834-7
C6  - SEP 2023
WE  - Emerging Sources Citation Index (ESCI)AN  - WOS:001067510500001
ER  -
"""

BIBTEX = """@article{ WOS:001179493300001,
Author = {Murugan, Mullai},
Title = {Empowering personalized pharmacogenomics with generative AI solutions},
Journal = {JOURNAL OF THE AMERICAN MEDICAL INFORMATICS ASSOCIATION},
Year = {2024},
Month = {2024 MAR 6},
Abstract = {Objective We wrote this abstract by hand for a test.
   Results It reads the same in three formats.},
DOI = {10.1093/jamia/ocae039},
EarlyAccessDate = {MAR 2024},
Unique-ID = {WOS:001179493300001},
}

@article{ WOS:001197802900016,
Author = {Spinellis, Diomidis},
Title = {Pair Programming With Generative AI},
Journal = {IEEE SOFTWARE},
Year = {2024},
Volume = {41},
Number = {3},
Pages = {16-18},
Month = {MAY-JUN},
DOI = {10.1109/MS.2024.3363848},
Unique-ID = {WOS:001197802900016},
}

@article{ WOS:001210238400001,
Author = {Combs, Kara},
Title = {Uncertainty in Visual Generative AI},
Journal = {ALGORITHMS},
Year = {2024},
Volume = {17},
Number = {4},
Month = {APR},
DOI = {10.3390/a17040136},
Article-Number = {136},
Unique-ID = {WOS:001210238400001},
}

@article{ WOS:001067510500001,
Author = {Feuerriegel, Stefan},
Title = {Generative AI},
Journal = {BUSINESS \\& INFORMATION SYSTEMS ENGINEERING},
Year = {2024},
Volume = {66},
Number = {1},
Pages = {111-126},
Month = {FEB},
DOI = {10.1007/s12599-023-00834-7},
EarlyAccessDate = {SEP 2023},
Unique-ID = {WOS:001067510500001},
}
"""


# The tab-delimited export: its real header row (every tag, in the order it writes them), a record a row.
HEADER_ROW = ("PT\tAU\tBA\tBE\tGP\tAF\tBF\tCA\tTI\tSO\tSE\tBS\tLA\tDT\tCT\tCY\tCL\tSP\tHO\tDE\tID\tAB\tC1\tRP\tEM\t"
              "RI\tOI\tFU\tFX\tCR\tNR\tTC\tZ9\tU1\tU2\tPU\tPI\tPA\tSN\tEI\tBN\tJ9\tJI\tPD\tPY\tVL\tIS\tPN\tSU\tSI\t"
              "MA\tBP\tEP\tAR\tDI\tD2\tEA\tPG\tWC\tSC\tGA\tUT\tPM\tOA\tHC\tHP\tDA")
TAB_HEADER = HEADER_ROW.split("\t")
TAB_ROWS = [
    {"PT": "J", "AU": "Murugan, M", "AF": "Murugan, Mullai",
     "TI": "Empowering personalized pharmacogenomics with generative AI solutions",
     "SO": "JOURNAL OF THE AMERICAN MEDICAL INFORMATICS ASSOCIATION", "DT": "Article; Early Access",
     "AB": "Objective We wrote this abstract by hand for a test. Results It reads the same in three formats.",
     "PD": "2024 MAR 6", "PY": "2024", "DI": "10.1093/jamia/ocae039", "EA": "MAR 2024", "UT": "WOS:001179493300001"},
    {"PT": "J", "AU": "Spinellis, D", "AF": "Spinellis, Diomidis", "TI": "Pair Programming With Generative AI",
     "SO": "IEEE SOFTWARE", "DT": "Article", "PD": "MAY-JUN", "PY": "2024", "VL": "41", "IS": "3", "BP": "16",
     "EP": "18", "DI": "10.1109/MS.2024.3363848", "UT": "WOS:001197802900016"},
    {"PT": "J", "AU": "Combs, K", "AF": "Combs, Kara", "TI": "Uncertainty in Visual Generative AI", "SO": "ALGORITHMS",
     "DT": "Article", "PD": "APR", "PY": "2024", "VL": "17", "IS": "4", "AR": "136", "DI": "10.3390/a17040136",
     "UT": "WOS:001210238400001"},
    {"PT": "J", "AU": "Feuerriegel, S; Hartmann, J", "AF": "Feuerriegel, Stefan; Hartmann, Jochen",
     "TI": "Generative AI", "SO": "BUSINESS & INFORMATION SYSTEMS ENGINEERING", "DT": "Editorial Material",
     "DE": "generative AI; large language models", "PD": "FEB", "PY": "2024", "VL": "66", "IS": "1", "BP": "111",
     "EP": "126", "DI": "10.1007/s12599-023-00834-7", "EA": "SEP 2023", "UT": "WOS:001067510500001"},
]
TABS = "\ufeff" + "\r\n".join("\t".join(row) for row in [
    TAB_HEADER, *([row.get(tag, "") for tag in TAB_HEADER] for row in TAB_ROWS)]) + "\r\n"


def _articles(module, text: str, name: str) -> list[Article]:  # noqa: ANN001 - a reader module
    records, problems = module.read(text, name)
    assert problems == [] and len(records) == 4
    return [module.to_article(record)[0] for record in records]


FORMATS = {"tagged": (ris, TAGGED, "savedrecs.txt"), "ris": (ris, RIS, "savedrecs.ris"),
           "bibtex": (bibtex, BIBTEX, "savedrecs.bib"), "tab-delimited": (ris, TABS, "savedrecs-tabs.txt")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_gives_the_dates_pages_and_sections_of_the_record(fmt: str) -> None:
    module, text, name = FORMATS[fmt]
    found = [(a.doi, a.date, a.date_printed, a.epub_date, a.pages, a.article_number, a.title)
             for a in _articles(module, text, name)]
    assert found == [
        # Not yet in an issue: dated by its online date, to the day; EA's month says nothing more.
        ("10.1093/jamia/ocae039", "2024-03-06", "", "", "", "",
         "Empowering personalized pharmacogenomics with generative AI solutions"),
        ("10.1109/MS.2024.3363848", "2024-05", "2024 May-Jun", "", "16-18", "",
         "Pair Programming With Generative AI"),
        # AR, C7, Article-Number: the article number
        ("10.3390/a17040136", "2024-04", "", "", "", "136", "Uncertainty in Visual Generative AI"),
        # In an issue: the issue's month, the early access beside it.
        ("10.1007/s12599-023-00834-7", "2024-02", "", "2023-09", "111-126", "", "Generative AI"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_export_cuts_the_abstract_at_its_running_headings(fmt: str) -> None:
    module, text, name = FORMATS[fmt]
    assert _articles(module, text, name)[0].abstract == (
        Section("Objective", "We wrote this abstract by hand for a test."),
        Section("Results", "It reads the same in three formats."))


def test_a_ris_date_of_another_exporter_is_read_as_ris() -> None:
    """Only Web of Science's records (WE, or an accession number "WOS:…") have its dates read its way."""
    text = "TY  - JOUR\nTI  - T\nPY  - 2024\nDA  - 2024/03/06/\nC6  - MAR 2023\nER  - \n"
    (record,), _ = ris.read(text, "other.ris")
    article = ris.to_article(record)[0]
    assert (article.date, article.epub_date) == ("2024-03-06", "")


def test_a_tab_delimited_row_is_a_record_of_the_tagged_format() -> None:
    """A list's names, joined by "; " in a cell, are a value each, as the tagged format's lines are; a cell of
    keywords stays one value, as the tagged format's line does."""
    chosen = readers.choose_reader(Path("savedrecs.txt"), TABS[:400])
    assert chosen is not None and chosen.format == "ris"  # not a catalogue dump nor MEDLINE, also .txt
    records, _ = ris.read(TABS, "savedrecs.txt")
    assert [r.where.line for r in records] == [2, 3, 4, 5]
    last = records[3]
    assert last.fields[0].name == "PT" and last.values("AF") == ("Feuerriegel, Stefan", "Hartmann, Jochen")
    assert last.values("DE") == ("generative AI; large language models",)
    article = ris.to_article(last)[0]
    assert [p.name for p in article.authors] == ["Feuerriegel, Stefan", "Hartmann, Jochen"]
    assert article.keywords == ("generative AI", "large language models")


BOOK = Path(__file__).resolve().parents[1] / "data" / "ris" / "scientopy-wos-book.txt"


def test_a_whole_books_series_is_its_se_not_its_own_title_again(tmp_path: Path, html) -> None:
    """A real tab-delimited export (ScientoPy, MIT): the book "Inside Bluetooth Low Energy" repeats its title as
    its SO and names its series in SE; the page names the series, as it does for the book's chapter."""
    from site_builder.build import build

    records, problems = readers.read_data(BOOK.read_bytes(), BOOK, f"content/{BOOK.name}")
    assert problems == [] and [r.format for r in records] == ["ris", "ris"]
    book, chapter = (readers.to_article(r)[0] for r in records)
    assert (book.kind, book.journal, book.container, book.pages) == (
        "book", "Artech House Mobile Communications Series", "", "1-395")
    assert (chapter.kind, chapter.journal, chapter.container) == (
        "chapter", "Artech House Mobile Communications Series", "INSIDE BLUETOOTH LOW ENERGY")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / BOOK.name).write_bytes(BOOK.read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "ris-wos-000317242000020.html")))
    assert facts["Series"] == "Artech House Mobile Communications Series"
    assert "INSIDE BLUETOOTH LOW ENERGY" not in facts.values()


def test_a_chapter_of_a_book_one_author_wrote_is_by_its_book_author(tmp_path: Path, html) -> None:
    """The real tab-delimited export (ScientoPy, MIT): the chapter "Bluetooth Low Energy-Fundamentals" of N.
    Gupta's book has no AU or AF, only its "Book Author(s)" (BA, BF "Gupta, N"); its page named no author, its
    citation began with its title. It is by the book's author, with the book on his author page."""
    from site_builder.build import build

    records, _ = readers.read_data(BOOK.read_bytes(), BOOK, f"content/{BOOK.name}")
    book, chapter = (readers.to_article(r)[0] for r in records)
    assert records[1].values("AU") == () and records[1].values("BA") == ("Gupta, N",)
    assert chapter.authors == book.authors == (Person("Gupta, N", "Gupta", "N"),)
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / BOOK.name).write_bytes(BOOK.read_bytes())
    build(site, tmp_path / "_site")
    page = html.main(html.parse(tmp_path / "_site" / "articles" / "ris-wos-000317242000008.html"))
    assert ("../authors/gupta-n.html", "Gupta, N") in html.anchors(page)
    author_page = html.text(html.main(html.parse(tmp_path / "_site" / "authors" / "gupta-n.html")))
    assert "Bluetooth Low Energy-Fundamentals" in author_page and "Inside Bluetooth Low Energy" in author_page


def test_biosis_and_cabi_records_lose_no_line() -> None:
    """Web of Knowledge's BIOSIS and CABI exports, as Zotero's Web of Science translator tests them: a line that
    goes on without the three spaces before it was read as no part of the record (the title cut after
    "benthic", the second author lost), an author's e-mail address was read into the name, and "PS" (the page
    span, without BP and EP in CABI's) gave no pages. The facts of two real records (Medvedeff and Hershey,
    Hydrobiologia 700(1):221-230, 2013; Smith et al., Veterinary Surgery 27(2):170, 1998)."""
    text = ("FN Thomson Reuters Web of Knowledge\nVR 1.0\nPT J\nUT BCI:BCI201300112663\n"
            "TI Importance of methane-derived carbon as a basal resource for two benthic\n"
            "consumers in arctic lakes\nAU Medvedeff, Cassandra A. (medvedeff22@ufl.edu)\nHershey, Anne E.\n"
            "SO Hydrobiologia\nPY 2013\nPD JAN 2013\nVL 700\nIS 1\nPS 221-230\nBP 221\nEP 230\nER\n\n"
            "PT J\nAU Smith, L. J.\n   Schwark, W. S.\nTI Pharmacokinetics of intravenous mivacurium in "
            "halothane-anesthetized\n   dogs.\nSO Veterinary Surgery\nVL 27\nIS 2\nPS 170\nPY 1998\n"
            "UT CABI:19982209000\nER\n\nEF\n")
    records, problems = ris.read(text, "savedrecs.txt")
    assert problems == []
    biosis, cabi = (ris.to_article(r)[0] for r in records)
    assert biosis.title == ("Importance of methane-derived carbon as a basal resource for two benthic consumers in "
                            "arctic lakes")
    assert [(a.family, a.given) for a in biosis.authors] == [("Medvedeff", "Cassandra A."), ("Hershey", "Anne E.")]
    assert records[0].values("AU") == ("Medvedeff, Cassandra A. (medvedeff22@ufl.edu)", "Hershey, Anne E.")
    assert (biosis.pages, biosis.date, cabi.pages, cabi.title) == (
        "221-230", "2013-01", "170", "Pharmacokinetics of intravenous mivacurium in halothane-anesthetized dogs.")


def test_inspec_and_medline_records_of_web_of_knowledge() -> None:
    """Inspec's records in Web of Knowledge give the month as a number ("PD 07 2006": printed "2006 07 2006"), and
    MEDLINE's give every name on one line ("AU Joffe, Hadine; Hall, Janet E": one author of that whole line) and
    the PMID only in UT ("MEDLINE:16735938"). The shapes of JabRef's ISI importer tests (MIT), with the facts of
    their real records (Gamernyk et al., J Phys Condens Matter 18(23), 2006; Joffe et al., Menopause 13(3), 2006)."""
    text = ("FN ISI Export Format\nVR 1.0\nPT J\nTI Optical and photoelectric spectroscopy of photorefractive\n"
            "   Sn/sub 2 /P/sub 2/S/sub 6/ crystals\nAU Gamernyk, R.V.\n   Gnatenko, Yu.P.\n"
            "SO Journal of Physics: Condensed Matter\nPY 2006\nPD 06 2006\nVL 18\nIS 23\nBP 5323\nEP 5331\n"
            "UT INSPEC:8946236\nER\n\nPT J\nTI Estrogen therapy selectively enhances prefrontal cognitive processes\n"
            "AU Joffe, Hadine; Hall, Janet E; Gruber, Staci\nSO Menopause\nVL 13\nIS 3\nPS 411-22\nPY 2006\n"
            "PD 2006 May-Jun\nUT MEDLINE:16735938\nER\n\nEF\n")
    records, problems = ris.read(text, "savedrecs.isi")
    inspec, medline = (ris.to_article(r)[0] for r in records)
    assert problems == [] and (inspec.date, inspec.date_printed, inspec.pages) == ("2006-06", "", "5323-5331")
    assert [a.name for a in medline.authors] == ["Joffe, Hadine", "Hall, Janet E", "Gruber, Staci"]
    assert (medline.pmid, medline.id, medline.date_printed, medline.pages) == (
        "16735938", "pubmed-16735938", "2006 May-Jun", "411-22")
    assert inspec.pmid == ""


def test_a_middle_initial_written_as_a_suffix_is_a_middle_initial() -> None:
    """Web of Science's AF writes a middle initial that is a roman numeral's letter after a comma ("Holmes,
    Michael, V"), its AU the initials whole ("Holmes, MV"), as in a real export of 4,012 records (GitHub
    knh11545/commandline4expertsearchers, test/data/WoS_other_reference_software_*.txt, read where it lies).
    The name is shown as written; a citation needs "Holmes MV", not "Holmes M, V"."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Holmes, MV\n   Morris, JA\n   Dunsiger, S\n"
            "AF Holmes, Michael, V\n   Morris, James A., Jr.\n   Dunsiger, Shira, I\nTI A title\n"
            "SO A JOURNAL\nPY 2019\nUT WOS:000000000000001\nER\n\nEF\n")
    (record,), _ = ris.read(text, "savedrecs.txt")
    holmes, morris, dunsiger = readers.to_article(record)[0].authors
    assert (holmes.name, holmes.given, holmes.suffix) == ("Holmes, Michael, V", "Michael V", "")
    assert (morris.given, morris.suffix) == ("James A.", "Jr.")  # a generation stays one
    assert (dunsiger.given, dunsiger.suffix) == ("Shira", "I")  # AU "Dunsiger, S" does not say it is an initial


PLUS = Path(__file__).resolve().parents[1] / "data" / "ris" / "wosfile-plus-last-page.txt"


def test_a_last_page_of_plus_is_kept(tmp_path: Path, html) -> None:
    """A real Web of Science export (wosfile, BSD): a proceedings paper of 13 pages (PG 13) gives "BP 223" and
    "EP +", Web of Science's mark for pages after the first that it does not list. The page showed "223", one
    page; it shows "223-+", as Web of Science does."""
    from site_builder.build import build

    (record,), problems = readers.read_data(PLUS.read_bytes(), PLUS, f"content/{PLUS.name}")
    assert problems == [] and record.values("EP") == ("+",)
    assert readers.to_article(record)[0].pages == "223-+"
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PLUS.name).write_bytes(PLUS.read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "ris-wos-000237211000029.html")))
    assert facts["Pages"] == "223-+"


@pytest.mark.parametrize("text", [
    "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI A TITLE\nSO A JOURNAL\nPY 1995\nVL 47\n"
    "IS 9\nBP 369\nEP &\nPG 0\nUT WOS:A1995RU00000001\nER\n\nEF\n",
    "TY  - JOUR\nTI  - A TITLE\nAU  - Smith, J\nT2  - A JOURNAL\nPY  - 1953\nVL  - 44\nIS  - 6\nSP  - 250\nEP  - &\n"
    "AN  - WOS:A1953UW00000001\nER  - \n"])
def test_a_last_page_of_ampersand_is_kept(text: str) -> None:
    """Web of Science's older records write "&" where newer ones write "+", for the pages after the first that the
    record does not list: "BP 369", "EP &", "PG 0" in a tagged export of a 1995 article (GitHub
    globe2060org/data-availability-review2025, savedrecs.txt, no licence: read where it lies), and "SP  - 250",
    "EP  - &" in Zotero's RIS of a 1953 Journal of Heredity article (camaradesuk/ASySD, GPL: the shapes retyped).
    The page showed one page, "369"; it shows "369-&", as the record has it."""
    (record,), _ = ris.read(text, "savedrecs.txt")
    first = record.first("BP") or record.first("SP")
    assert readers.to_article(record)[0].pages == f"{first}-&"


def test_a_biosis_patents_whole_date_is_read_once() -> None:
    """BIOSIS in Web of Knowledge gives a patent's whole grant date in PD, its year too ("PD JUN 28 2011" beside
    "PY 2011"; the facts of a record of Zotero's Web of Science Tagged translator tests, AGPL). The page showed
    "2011 Jun 28 2011"; it shows 28 June 2011."""
    text = ("FN Thomson Reuters Web of Knowledge\nVR 1.0\nPT P\nUT BIOSIS:PREV201100469175\nDT Patent\n"
            "TI Indexing cell delivery catheter\nAU Solar, Matthew S.\nPN US 07967789\nDG June 28, 2011\n"
            "SO Official Gazette of the United States Patent and Trademark Office\nPY 2011\nPD JUN 28 2011\n"
            "SN 0098-1133\nER\n\nEF\n")
    (record,), problems = ris.read(text, "savedrecs.txt")
    article = ris.to_article(record)[0]
    assert problems == [] and (article.date, article.date_printed) == ("2011-06-28", "")
    assert article.kind == "patent"  # not a journal article


def test_a_derwent_patent_without_dt_is_a_patent() -> None:
    """Derwent Innovations Index in Web of Science gives a patent "PT P" and no DT (the facts of a record of Zotero's
    Web of Science Tagged translator tests, AGPL): it was typed as a journal article."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT P\nAU YANG Y\n   LI W\n"
            "TI Use of reagent for detecting syntaxin 12 protein autoantibodies\nPN CN110836969-A\n"
            "AE UNIV SICHUAN WEST CHINA HOSPITAL\nUT DIIDW:202018799C\nER\n\nEF\n")
    (record,), problems = ris.read(text, "savedrecs.txt")
    assert problems == [] and ris.to_article(record)[0].kind == "patent"


def test_a_patents_number_is_no_part_of_an_issue() -> None:
    """A patent's PN is its number, not the part of an issue PN is in a journal's record (the facts of the BIOSIS and
    Derwent records of Zotero's Web of Science Tagged translator tests, AGPL): the pages said "Issue: Pt US
    07967789" and "Issue: Pt CN110836969-A"."""
    biosis = ("FN Thomson Reuters Web of Knowledge\nVR 1.0\nPT P\nUT BIOSIS:PREV201100469175\nDT Patent\n"
              "TI Indexing cell delivery catheter\nAU Solar, Matthew S.\nPN US 07967789\nPY 2011\nPD JUN 28 2011\n"
              "ER\n\nEF\n")
    derwent = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT P\nAU YANG Y\n   LI W\n"
               "TI Use of reagent for detecting syntaxin 12 protein autoantibodies\nPN CN110836969-A\n"
               "AE UNIV SICHUAN WEST CHINA HOSPITAL\nUT DIIDW:202018799C\nER\n\nEF\n")
    for text in (biosis, derwent):
        (record,), _ = ris.read(text, "savedrecs.txt")
        assert ris.to_article(record)[0].issue == ""
    first, *_ = ris.read(TAGGED.replace("PD 2024 MAR 6", "IS 4\nPN 2\nPD 2024 MAR 6"), "savedrecs.txt")[0]
    assert ris.to_article(first)[0].issue == "4 Pt 2"  # a journal's part stays


def test_a_derwent_patents_details_give_its_date_and_language() -> None:
    """Derwent Innovations Index's PD is its "Patent Details", not a date: the patent's number, date, IPC class,
    Derwent week, pages and language, runs of spaces apart. The shape of a real record (a Chinese utility model of
    2019, as a Derwent parser's source quotes it; no licence to copy from), with words of our own: the page showed
    "Published: CN209618737-U 12 Nov 2019 B66C-023/62 201989 Pages: 5 Chinese" and no language."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT P\nPN CN000000001-U\n"
            "TI Trolley for a tower crane, has a post on a weighted base\nAU WANG A\n   LI B\n"
            "AE EXAMPLE RAILWAY GROUP CO LTD (EXRG-C)\nGA 2019000001\nIP B66C-023/62; B66C-023/78\n"
            "PD CN000000001-U   12 Nov 2019   B66C-023/62   201989   Pages: 5   Chinese\n"
            "AD CN000000001-U    CN20000001    29 Mar 2019\nPI CN20000001    29 Mar 2019\n"
            "UT DIIDW:2019000001\nER\n\nEF\n")
    (record,), problems = ris.read(text, "savedrecs.txt")
    article = ris.to_article(record)[0]
    assert problems == [] and (article.date, article.date_printed) == ("2019-11-12", "")
    assert [language.name for language in article.languages] == ["Chinese"]
    assert (article.kind, article.issue) == ("patent", "")


ANGLES = Path(__file__).resolve().parents[1] / "data" / "ris" / "bibx-angle-brackets.txt"


def test_angle_brackets_of_physics_are_no_tags(tmp_path: Path, html) -> None:
    """A real Web of Science export (python-bibx, MIT): an abstract on MnGa and MnAl films gives expectation values
    in angle brackets ("a small <L-z>/2<S-z>(<= 0.04)"). They were taken for tags and left out: the page said "a
    small /2(<= 0.04)"."""
    from site_builder.build import build

    (record,), problems = readers.read_data(ANGLES.read_bytes(), ANGLES, f"content/{ANGLES.name}")
    abstract = " ".join(s.text for s in readers.to_article(record)[0].abstract)
    assert problems == [] and "we confirmed a small <L-z>/2<S-z>(<= 0.04) and no systematic change of " \
        "<L-z>/2<S-z> between" in abstract
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / ANGLES.name).write_bytes(ANGLES.read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1109-tmag-2014-2332975.html"))
    assert "a small <L-z>/2<S-z>(<= 0.04)" in html.text(main)


# Web of Science writes "<middle dot>" for the character "·" in every export: the Lancet journals' decimal points
# (CiteSource's vignettes/new_stage_data/wos_278.ris, a RIS export of 2024, GPL-3 and not copied: "PM<sub>2<middle
# dot>5</sub>" in a title, "increases of 0<middle dot>55% (95% CI 0<middle dot>29 to …" in an abstract). Typed anew
# in that shape, with a title and figures of our own.
MIDDLE_DOTS = {
    "savedrecs.ris": "TY  - JOUR\nAU  - Okafor, N\nTI  - Smoke days and PM<sub>2<middle dot>5</sub> exposure in "
                     "coastal towns\nT2  - LANCET PLANETARY HEALTH\nPY  - 2023\nVL  - 7\nAB  - Each smoke day "
                     "raised admissions by 0<middle dot>42% (95% CI 0<middle dot>17 to 0<middle dot>66).\n"
                     "DO  - 10.5555/wos.middle.dot.1\nAN  - WOS:000000000000001\nER  -\n",
    "savedrecs.txt": "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Okafor, N\nTI Smoke days and "
                     "PM<sub>2<middle dot>5</sub> exposure in coastal towns\nSO LANCET PLANETARY HEALTH\nAB Each "
                     "smoke day raised admissions by 0<middle dot>42% (95% CI 0<middle dot>17 to 0<middle dot>66)."
                     "\nPY 2023\nVL 7\nDI 10.5555/wos.middle.dot.2\nUT WOS:000000000000002\nER\n\nEF\n",
    "savedrecs.bib": "@article{ WOS:000000000000003,\nAuthor = {Okafor, N},\nTitle = {{Smoke days and PM<sub>2<middle "
                     "dot>5</sub> exposure in coastal towns}},\nJournal = {{LANCET PLANETARY HEALTH}},\nYear = "
                     "{{2023}},\nVolume = {{7}},\nAbstract = {{Each smoke day raised admissions by 0<middle dot>42\\% "
                     "(95\\% CI 0<middle dot>17 to 0<middle dot>66).}},\nDOI = {{10.5555/wos.middle.dot.3}},\n}\n",
}


def test_a_middle_dot_that_web_of_science_names_is_the_character(tmp_path: Path, html) -> None:
    """The pages showed the name: "PM2<middle dot>5", "0<middle dot>42%"."""
    from site_builder.build import build

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name, text in MIDDLE_DOTS.items():
        (site / "content" / name).write_text(text, encoding="utf-8")
    build(site, tmp_path / "_site")
    for n in (1, 2, 3):
        main = html.main(html.parse(tmp_path / "_site" / "articles" / f"doi-10-5555-wos-middle-dot-{n}.html"))
        assert html.headings(main, "h1") == ["Smoke days and PM2·5 exposure in coastal towns"]
        assert "Each smoke day raised admissions by 0·42% (95% CI 0·17 to 0·66)." in html.text(main)
        assert "middle dot" not in html.text(main).split("Full record")[0]


# Zoological Record through Web of Science (synthesisr's inst/extdata/zoorec.txt, a tagged export of 134 records,
# GPL-3 and not copied) writes the characters it does not hold as names in square brackets, and wraps a name where
# it has a space: "mortality rate of 0.102 [plus or minus]\n   0.04", "… nest predators. [copyright] 2011 The
# Wildlife Society.", "VDDT[registered trademark]", "35 m3 [center dot] ha-1", "([chi]2 = 9.43", and "(1994[long
# dash]2003)", "[approximately]500 m", names that could be one of several characters. Typed anew in that shape.
ZOOLOGICAL_RECORD = """\ufeffFN Clarivate Analytics Web of Science
VR 1.0
PT J
AN ZOOR00000000001
DT Article
TI Roosts of [beta]-tagged owls after a fire
AU Okafor, N.
SO Condor
VL 121
PY 2019
AB Owls lost 0.12 [plus or
   minus] 0.03 of their weight, [chi]2 = 4.1, at 20 m3 [center dot] ha-1 of
   snags (2004[long dash]2009) within [approximately]50 m of the burn, in the
   TRACK[registered trademark] model. [copyright] 2019 The Owl Society.
UT ZOOR00000000001
ER

EF
"""


def test_zoological_records_bracketed_names_of_characters_are_the_characters() -> None:
    """The page showed "0.12 [plus or minus] 0.03", "[chi]2" and the copyright line as part of the abstract."""
    (record,), _ = ris.read(ZOOLOGICAL_RECORD, "zoorec.txt")
    article, _ = readers.to_article(record)
    assert article.title == "Roosts of β-tagged owls after a fire"
    assert [s.text for s in article.abstract] == [
        "Owls lost 0.12 ± 0.03 of their weight, χ2 = 4.1, at 20 m3 · ha-1 of snags (2004[long dash]2009) within "
        "[approximately]50 m of the burn, in the TRACK® model."]
    assert article.rights == "© 2019 The Owl Society."
    assert "[plus or" in "".join(record.values("AB"))  # the full record, as written


# Web of Science marks an italic span with "&IT" on either side: "… six years after the &ITDeepwater Horizon&IT oil
# spill" (WOS:000430034100018 in CiteSource's vignettes/benchmark_data/Search5_6.ris, a RIS export, GPL-3 and not
# copied). Typed anew in that shape, beside a record whose abstract names "C&HO" (an observatory, in the same
# project's search4_460.ris), which is no mark.
ITALIC_MARKS = ("TY  - JOUR\nAU  - Okafor, N\nTI  - Mussels six years after the &ITExxon Valdez&IT spill\n"
                "T2  - MARINE BIOLOGY\nPY  - 2018\nAB  - Counts in &ITMytilus&IT beds recovered. The C&HO site "
                "kept them.\nAN  - WOS:000000000000004\nER  -\n")


def test_web_of_sciences_italic_marks_are_italics() -> None:
    """The page showed "&ITExxon Valdez&IT" in the title."""
    (record,), _ = ris.read(ITALIC_MARKS, "savedrecs.ris")
    article, _ = readers.to_article(record)
    assert article.title == "Mussels six years after the Exxon Valdez spill"
    assert [(article.title[s:e], k) for s, e, k in article.title_styles] == [("Exxon Valdez", "i")]
    assert [s.text for s in article.abstract] == ["Counts in Mytilus beds recovered. The C&HO site kept them."]


def test_group_authors_follow_the_people_in_the_byline() -> None:
    """Web of Science's CA is the work's group authors ("Group Author(s)" after the people, in its field tags of
    the tagged format). The rispy export with a consortium added as CA after its AF list (a list of two, one
    wrapped as Web of Science wraps a list, and one repeated in AU): the groups were left out of the byline."""
    saved = Path(__file__).resolve().parents[1] / "data" / "ris" / "example_wos.ris"
    text = saved.read_text(encoding="utf-8").replace(
        "AF Parkes-Loach, PS\n   Majeed, AP\n   Law, CJ\n   Loach, PA\n",
        "AF Parkes-Loach, PS\n   Majeed, AP\n   Law, CJ\n   Loach, PA\n"
        "CA COVID-19 Genomics UK (COG-UK) Consortium\n   Law, CJ\n", 1)
    records, _ = ris.read(text, "savedrecs.txt")
    article, _ = ris.to_article(records[0])
    assert [p.name for p in article.authors] == [
        "Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA", "COVID-19 Genomics UK (COG-UK) Consortium"]
    assert article.authors[-1] == Person("COVID-19 Genomics UK (COG-UK) Consortium")


PARTS = Path(__file__).resolve().parents[1] / "data" / "ris" / "bibx-parts-supplements.txt"


def test_an_article_number_is_shown_without_unsp(tmp_path: Path, html) -> None:
    """A real Web of Science export (python-bibx, MIT): a Japanese Journal of Applied Physics article gives its
    article number as "AR UNSP 09LD11". The page showed the pages "UNSP 09LD11"; it shows the article number
    09LD11, as the journal prints it."""
    from site_builder.build import build

    records, problems = readers.read_data(PARTS.read_bytes(), PARTS, f"content/{PARTS.name}")
    assert problems == [] and records[1].values("AR") == ("UNSP 09LD11",)
    assert (readers.to_article(records[1])[0].pages, readers.to_article(records[1])[0].article_number) == (
        "", "09LD11")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PARTS.name).write_bytes(PARTS.read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-7567-jjap-52-09ld11.html"))
    assert html.facts(main)["Article number"] == "09LD11" and "Pages" not in html.facts(main)
    assert "UNSP" not in html.text(main.find(".//section[@class='cite']"))


def test_the_eissn_is_shown_as_the_electronic_issn(tmp_path: Path, html) -> None:
    """The same export names the Japanese Journal of Applied Physics' ISSN in SN and its electronic one in EI ("SN
    0021-4922", "EI 1347-4065"): the page listed both alike; it says which one is electronic."""
    from site_builder.build import build

    records, _ = readers.read_data(PARTS.read_bytes(), PARTS, f"content/{PARTS.name}")
    article = readers.to_article(records[1])[0]
    assert (article.issns, article.issn_types) == (("0021-4922", "1347-4065"), ("", "electronic"))
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PARTS.name).write_bytes(PARTS.read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-7567-jjap-52-09ld11.html")))
    assert facts["ISSN"] == "0021-4922 1347-4065 (electronic)"


def test_parts_and_supplements_are_in_the_issue(tmp_path: Path, html) -> None:
    """The same export gives an issue's part (PN) and a supplement (SU) apart from the issue: "IS 9" and "PN 3",
    "VL 146" and "PN A", "VL 509" and "SU 1", "IS 4" and "SU S". They were in the full record only; the issue
    gives them as a MEDLINE record does and NLM's citations print them ("9 Pt 3", "Suppl 1")."""
    from site_builder.build import build

    records, problems = readers.read_data(PARTS.read_bytes(), PARTS, f"content/{PARTS.name}")
    articles = [readers.to_article(r)[0] for r in records]
    assert problems == [] and [(a.volume, a.issue, a.pages, a.article_number) for a in articles] == [
        ("146", "Pt A", "53-65", ""), ("52", "9 Pt 3", "", "09LD11"), ("11", "4 Suppl S", "S33-S35", ""),
        ("509", "Suppl 1", "S145-S147", "")]
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PARTS.name).write_bytes(PARTS.read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-7567-jjap-52-09ld11.html"))
    assert (html.facts(main)["Volume"], html.facts(main)["Issue"]) == ("52", "9 Pt 3")
    assert "2013 Sep;52(9 Pt 3):09LD11." in html.text(main.find(".//blockquote[@id='cite-vancouver']"))
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1016-j-jallcom-2010-12-020.html"))
    assert (html.facts(main)["Volume"], html.facts(main)["Issue"]) == ("509", "Suppl 1")


def test_a_journals_proceedings_paper_is_cited_by_its_issue(tmp_path: Path, html) -> None:
    """The same export's Current Applied Physics paper ("PT J", "DT Article; Proceedings Paper", "IS 4", "SU S")
    was cited as a book of the journal's name, "In: CURRENT APPLIED PHYSICS. Vol. 11. ELSEVIER SCIENCE BV; 2011.
    p. S33-S35.", without its month, issue and supplement; a journal holds it, and it is cited as its article."""
    from site_builder.build import build

    records, _ = readers.read_data(PARTS.read_bytes(), PARTS, f"content/{PARTS.name}")
    article = readers.to_article(records[2])[0]
    assert (article.kind, article.journal, article.container) == ("", "CURRENT APPLIED PHYSICS", "")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PARTS.name).write_bytes(PARTS.read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1016-j-cap-2011-07-006.html"))
    assert "Curr Appl Phys. 2011 Jul;11(4 Suppl S):S33-S35." in html.text(
        main.find(".//blockquote[@id='cite-vancouver']"))


PROCEEDINGS = Path(__file__).resolve().parents[1] / "data" / "ris" / "scientopy-wos-proceedings.txt"


def test_proceedings_and_their_meeting_abstracts_are_in_the_book(tmp_path: Path, html) -> None:
    """A real tab-delimited export (ScientoPy, MIT): a paper of the ASME Joint Rail Conference's proceedings ("PT
    C", SE the series, "AR UNSP V001T02A006") showed the proceedings as its journal and lost the series; a poster
    abstract of SenSys 2021 ("PT B", "DT Meeting Abstract") showed the proceedings as its journal. Both are papers
    of their proceedings, under the series the record names."""
    from site_builder.build import build

    records, problems = readers.read_data(PROCEEDINGS.read_bytes(), PROCEEDINGS, f"content/{PROCEEDINGS.name}")
    paper, abstract = (readers.to_article(r)[0] for r in records)
    assert problems == [] and (paper.kind, paper.journal, paper.container, paper.pages, paper.article_number) == (
        "paper-conference", "Proceedings of the ASME Joint Rail Conference",
        "PROCEEDINGS OF THE ASME JOINT RAIL CONFERENCE, 2018", "", "V001T02A006")
    assert (abstract.kind, abstract.journal, abstract.container) == (
        "paper-conference", "", "PROCEEDINGS OF THE 2021 THE 19TH ACM CONFERENCE ON EMBEDDED NETWORKED SENSOR "
        "SYSTEMS, SENSYS 2021")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PROCEEDINGS.name).write_bytes(PROCEEDINGS.read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1145-3485730-3492880.html")))
    assert "Journal" not in facts and facts["Proceedings"].startswith("PROCEEDINGS OF THE 2021 THE 19TH ACM")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "ris-wos-000438662100029.html")))
    assert (facts["Series"], facts["Article number"]) == ("Proceedings of the ASME Joint Rail Conference",
                                                          "V001T02A006")


GLUED_DAY = Path(__file__).resolve().parents[1] / "data" / "ris" / "scientopy-wos-glued-day.txt"


def test_a_month_glued_to_its_day_is_that_day(tmp_path: Path, html) -> None:
    """A real tab-delimited record (ScientoPy, MIT) of IEEE Sensors Journal 20(17), dated "Sept. 1, 2020" by the
    journal, whose PD glues the day to the month: "PD SEPT1,", "PY 2020". The page said "2020 Sep1,", neither the
    record's words nor a date; it is 1 September 2020, as the records that write "SEPT 1" read."""
    from site_builder.build import build

    records, problems = readers.read_data(GLUED_DAY.read_bytes(), GLUED_DAY, f"content/{GLUED_DAY.name}")
    (article,) = (readers.to_article(r)[0] for r in records)
    assert problems == [] and (article.date, article.date_printed) == ("2020-09-01", "")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / GLUED_DAY.name).write_bytes(GLUED_DAY.read_bytes())
    build(site, tmp_path / "_site")
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1109-jsen-2020-2989411.html")
    assert html.facts(html.main(page))["Published"] == "1 September 2020"
    assert page.find(".//meta[@name='citation_publication_date']").get("content") == "2020/09/01"


def test_a_proceedings_group_author_is_its_book_author(tmp_path: Path, html) -> None:
    """The same real records: GP, Web of Science's "Book Group Author(s)", names the group that wrote each
    proceedings ("GP ASME", "GP ACM"). It had no place but the full record; it is the book's author, shown
    beside the proceedings and given to citation managers as CSL's container-author, never as the paper's
    author."""
    import json

    from site_builder.build import build

    records, _ = readers.read_data(PROCEEDINGS.read_bytes(), PROCEEDINGS, f"content/{PROCEEDINGS.name}")
    paper, abstract = (readers.to_article(r)[0] for r in records)
    assert (paper.container_authors, abstract.container_authors) == ((Person("ASME"),), (Person("ACM"),))
    assert [p.name for p in paper.authors] == [
        "Cowan, Matthew", "Lieberman, Joseph", "Cimbalista, Jacob", "Schlake, Bryan"]
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / PROCEEDINGS.name).write_bytes(PROCEEDINGS.read_bytes())
    build(site, tmp_path / "_site")
    page = tmp_path / "_site" / "articles" / "ris-wos-000438662100029"
    facts = html.facts(html.main(html.parse(page.with_suffix(".html"))))
    assert facts["Book author"] == "ASME"
    (item,) = json.loads(page.with_suffix(".json").read_text("utf-8"))
    assert item["container-author"] == [{"literal": "ASME"}]
    assert {"literal": "ASME"} not in item["author"]


SCIELO = Path(__file__).resolve().parents[1] / "data" / "ris" / "wos-scielo-citation-index.txt"


def test_scielo_citation_index_gives_the_title_abstract_and_keywords_in_other_languages(tmp_path: Path,
                                                                                        html) -> None:
    """Web of Science's export of SciELO Citation Index records gives the title, the abstract and the keywords in
    the journal's other languages under X1, X4, X5 and Y1, Y4, Y5 (182 of 214 records of a real export have an
    X4): they were in the full record only. They are the translated titles, the abstracts in other languages
    (named by their first word, "RESUMEN", "RESUMO") and more keywords."""
    from site_builder.build import build

    records, problems = readers.read_data(SCIELO.read_bytes(), SCIELO, f"content/{SCIELO.name}")
    htlv, ocucaje = (readers.to_article(r)[0] for r in records)
    assert problems == []
    assert ocucaje.translated_titles == (("Marine water quality index and tourism on Ocucaje beaches", ""),
                                         ("Índice de qualidade da água marinha e turismo nas praias de Ocucaje", ""))
    assert [(o.language.tag, o.sections[0].text[:20]) for o in ocucaje.other_abstracts] == [
        ("es", "Se tomaron muestras "), ("pt", "A água das praias de")]
    assert ocucaje.abstract[0].text.startswith("The water of the beaches")  # "ABSTRACT" is no word of it
    assert ocucaje.keywords[3:6] == ("Calidad de agua marina", "Ecosistema costero", "Turismo sostenible")
    # an X4 or Y4 with no word for "abstract" is in a language the record does not name
    assert [(o.language.tag, o.sections[0].text[:7]) for o in htlv.other_abstracts] == [("", "Estudos")]
    assert (htlv.journal, htlv.volume, htlv.issue, htlv.pages, htlv.date) == (
        "Revista do Instituto de Medicina Tropical de São Paulo", "51", "1", "25-29", "2009-02")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / SCIELO.name).write_bytes(SCIELO.read_bytes())
    assert build(site, tmp_path / "_site").report.errors == 0
    page = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-33996-revistaalfa-v9i27-404.html"))
    shown = [html.text(p) for p in page.iter("p") if p.get("class") == "translated-title"]
    assert shown == ["Translated title: Marine water quality index and tourism on Ocucaje beaches",
                     "Translated title: Índice de qualidade da água marinha e turismo nas praias de Ocucaje"]
    assert [html.text(h) for h in page.iter("h2") if h.get("id", "").startswith("other-abstract")] == [
        "Abstract in Spanish", "Abstract in Portuguese"]


def test_an_orcid_listed_under_another_form_of_the_name_is_the_authors() -> None:
    """Web of Science lists each iD under the name the researcher registered, often another form of the author's
    name: two surnames of which the author list gives one, the surnames after the given names, accents and hyphens
    the author list drops, "JC" for "J. C.". Of a real export of 653 records (WOS_21032026_653.bib, zelcofir/
    Bibliometrico_Hospitales) 2,299 of 4,213 iDs found their author, 3,546 now; of 337 in its tagged export, 62,
    now 283. A form that fits two authors, or an author two forms fit, names no one."""
    from site_builder.readers import shared

    people = (Person("Paredes, Nathaly Olga Chinchihualpa", "Paredes", "Nathaly Olga Chinchihualpa"),
              Person("Tamariz Ortiz, Jesus", "Tamariz Ortiz", "Jesus"),
              Person("Alcos-Mamani, Angelica L.", "Alcos-Mamani", "Angelica L."),
              Person("Allen, J. L. Y.", "Allen", "J. L. Y."),
              Person("Rios, Ana", "Rios", "Ana"), Person("Rios, Ana M.", "Rios", "Ana M."))
    listed = shared.orcids_by_name(
        "Chinchihualpa Paredes, Nathaly Olga/0000-0002-4867-3971; Tamariz, Jesus/0000-0002-0827-8117; "
        "Alcos Mamani, Angélica Lizeth/0000-0003-3365-2067; Allen Ingabire, JC/0000-0001-8636-6473; "
        "Rios Lopez, Ana/0000-0001-0000-0002")
    assert [p.orcid for p in shared.with_orcids(people, listed)] == [
        "0000-0002-4867-3971", "0000-0002-0827-8117", "0000-0003-3365-2067", "", "", ""]


def test_a_retracted_publication_is_retracted_and_its_title_is_its_own() -> None:
    """Web of Science types a retracted article "Article; Retracted Publication" and ends its title with a note,
    "(Retracted article. Artn 7640820, 2017)", "(retracted article) (Retracted article. See April, 2017)"
    (records of github.com/mikethicke/bibliom's test data, a search of retracted publications): the pages showed
    the note as the title's last words and no retraction. The note now names the retraction notice, and the title
    ends before it, as the journal prints it; the full record keeps it."""
    path = Path(__file__).resolve().parents[1] / "data" / "ris" / "bibliom-wos-retracted.txt"
    records, _ = readers.read_data(path.read_bytes(), path, "content/bibliom-wos-retracted.txt")
    ptgr1, flt1 = (readers.to_article(r)[0] for r in records)
    assert ptgr1.title == ("RETRACTED: High Expression of PTGR1 Promotes NSCLC Cell Growth via Positive Regulation "
                           "of Cyclin-Dependent Protein Kinase Complex")
    assert (ptgr1.retracted, [n.citation for n in ptgr1.notices]) == (True, ["Artn 7640820, 2017"])
    assert flt1.title.endswith("after resection of primary colorectal cancer by soluble Flt-1")
    assert (flt1.retracted, [n.citation for n in flt1.notices]) == (True, ["April, 2017"])
    assert "(Retracted article. See April, 2017)" in " ".join(records[1].values("TI"))
    (typed,), _ = ris.read("PT J\nTI A title\nDT Review; Retracted Publication\nER\n", "wos.txt")
    (noted,), _ = ris.read("TY  - JOUR\nTI  - A title (Retracted Article)\nWE  - Science Citation Index Expanded"
                           " (SCI-EXPANDED)\nER  - \n", "wos.ris")
    (other,), _ = ris.read("TY  - JOUR\nTI  - A title (Retracted Article)\nER  - \n", "other.ris")
    assert [(a.title, a.retracted) for a in (ris.to_article(r)[0] for r in (typed, noted, other))] == [
        ("A title", True), ("A title", True), ("A title (Retracted Article)", False)]


def test_a_full_name_without_a_comma_is_read_by_its_short_name_and_anonymous_is_no_author() -> None:
    """Web of Science writes some Chinese full names without a comma, "AF Ouyang Hua-bing" beside "AU Ouyang, HB"
    (Energy Procedia 11, 2011, in github.com/mikethicke/bibliom's test data): the page showed the name whole, with
    no family name to cite or sort by; it is now Hua-bing Ouyang, family name Ouyang. An unsigned editorial's "AU
    [Anonymous]" was shown as its author; the work now has none, in the tagged export as in the RIS one."""
    path = Path(__file__).resolve().parents[1] / "data" / "ris" / "bibliom-wos-names.txt"
    records, _ = readers.read_data(path.read_bytes(), path, "content/bibliom-wos-names.txt")
    procedia, editorial = (readers.to_article(r)[0] for r in records)
    assert [(p.name, p.family, p.given) for p in procedia.authors] == [
        ("Ouyang, Hua-bing", "Ouyang", "Hua-bing"), ("Shen, Bin", "Shen", "Bin")]
    assert (editorial.authors, editorial.retracted, editorial.journal) == ((), True, "WORLD JOURNAL OF SURGERY")
    # given name first ("AF Dung Chi Vu", "AU Vu, DC", in github.com/grmwld/neurobib's savedrecs-2000.txt); a full
    # name the short one does not fit is left as written
    (vietnamese,), _ = ris.read("PT J\nAU Vu, DC\n   Ngoc, CTB\nAF Dung Chi Vu\n   Ngoc, C. T. Bich\nTI A title"
                                "\nER\n", "wos.txt")
    assert [(p.name, p.family, p.given) for p in ris.to_article(vietnamese)[0].authors] == [
        ("Vu, Dung Chi", "Vu", "Dung Chi"), ("Ngoc, C. T. Bich", "Ngoc", "C. T. Bich")]
    (other,), _ = ris.read("PT J\nAU Zhang, M\nAF Li Ming Hua\nTI A title\nER\n", "wos.txt")
    assert [(p.name, p.family) for p in ris.to_article(other)[0].authors] == [("Li Ming Hua", "")]
    (unsigned,), _ = ris.read("TY  - JOUR\nAU  - [Anonymous]\nTI  - A title\nWE  - Science Citation Index Expanded"
                              " (SCI-EXPANDED)\nER  - \n", "wos.ris")
    assert ris.to_article(unsigned)[0].authors == ()


def test_current_contents_nil_last_page_is_no_page() -> None:
    """Current Contents Connect's records in a Web of Science export (UT CCC:…) may give "EP NIL_137" for the last
    page (github.com/grmwld/neurobib's savedrecs-2000.txt, no licence to copy from: its shape, retyped with the facts
    of Canzio et al., Nature 496(7445):377-381, 2013): the page showed pages "377-NIL_137". The placeholder is no
    page; the first page is what the record gives."""
    text = ("PT J\nAU Canzio, D\nAF Canzio, Daniele\nTI A conformational switch in HP1 releases auto-inhibition to "
            "drive\n   heterochromatin assembly\nSO NATURE\nSN 0028-0836\nPD APR\nPY 2013\nVL 496\nIS 7445\nBP 377\n"
            "EP NIL_137\nUT CCC:000317599200041\nER\n")
    (record,), _ = ris.read(text, "savedrecs.txt")
    article = ris.to_article(record)[0]
    assert (article.volume, article.issue, article.pages, article.date) == ("496", "7445", "377", "2013-04")


def test_a_tab_after_the_tag_is_a_tag_line() -> None:
    """A Web of Science tagged file saved with a tab after each tag ("PT\\tJ", "AU\\tBougen, NM"; github.com/
    grmwld/neurobib's sss.txt, no licence to copy from: its shape, retyped with the facts of Bougen et al., Cancer
    Letters 332(1):19-29, 2013) gave no record at all, only a warning for each ER line."""
    text = ("\ufeffFN Thomson Reuters Web of Knowledge\nVR 1.0\nPT\tJ\nAU\tBougen, NM\n   Amiry, N\nAF\tBougen, N. M.\n"
            "   Amiry, N.\nTI\tTrefoil factor 1 suppression of E-CADHERIN enhances prostate carcinoma\n   cell "
            "invasiveness and metastasis\nSO\tCANCER LETTERS\nPD\tMAY 1\nPY\t2013\nVL\t332\nIS\t1\nBP\t19\nEP\t29\n"
            "ER\n\nEF\n")
    (record,), problems = ris.read(text, "sss.txt")
    article = ris.to_article(record)[0]
    assert problems == []
    assert (article.title, [p.name for p in article.authors], article.pages, article.date) == (
        "Trefoil factor 1 suppression of E-CADHERIN enhances prostate carcinoma cell invasiveness and metastasis",
        ["Bougen, N. M.", "Amiry, N."], "19-29", "2013-05-01")
