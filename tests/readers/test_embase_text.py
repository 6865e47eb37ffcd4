"""Embase.com's plain-text export: a file in its shape with the facts of real works (tests/data/embase-text), read
as Embase's CSV rows are, every field kept with its line; hostile input is reported, never raised."""

from __future__ import annotations

from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.readers import embase_text

DATA = Path(__file__).resolve().parents[1] / "data" / "embase-text"
NAME = "embase-shapes.txt"


def articles() -> list:
    return reading.articles(DATA / NAME)


@pytest.mark.parametrize("suffix", [".txt", ".TXT"])
def test_the_reader_is_chosen_by_content(suffix: str) -> None:
    head = (DATA / NAME).read_bytes()[:4096].decode("utf-8")
    assert readers.choose_reader(Path("x" + suffix), head).format == "embase-text"
    assert embase_text.sniff(head.replace("\n", "\r\n"))


def test_other_formats_are_not_taken_for_embase() -> None:
    for head in ("TY  - JOUR\nTI  - x\nER  - \n", "RT Journal Article\nT1 x\n", "RECORD 1\nno field here\n",
                 "RECORD 1\nTITLE\nnot indented\n", "<1>\nTI  - x\n", ""):
        assert not embase_text.sniff(head), head


def test_a_journal_article_with_an_article_number_and_two_issns() -> None:
    article = articles()[0]
    assert article.title == ("Reducing the Diagnostic Time for Childhood Cancer in Peru: A Hospital-Based Registry "
                             "Analysis Four Years After Implementation of the Global Initiative for Childhood Cancer")
    assert [p.name for p in article.authors] == ["Pascual, C.", "Vasquez, L.", "Maradiegue, E."]
    assert (article.journal, article.volume, article.issue, article.article_number, article.date) == (
        "Pediatric Blood and Cancer", "73", "2", "e32158", "2026-02")  # "1 Feb 2026": the 1st is no day
    assert (article.pmid, article.doi, article.publisher) == ("41267555", "10.1002/pbc.32158",
                                                              "John Wiley and Sons Inc")
    assert (article.issns, article.issn_types) == (("1545-5017", "1545-5009"), ("electronic", ""))
    assert [s.label for s in article.abstract] == ["Background and Aims", "Methods", "Conclusions"]
    assert article.abstract[0].text.startswith("Childhood cancer is found late in many countries of low and middle")
    assert article.keywords[:5] == ("childhood cancer", "diagnostic delay", "early detection",
                                    "childhood cancer (diagnosis)", "diagnosis time")


def test_a_translated_title_keeps_the_works_own_and_pages_are_pages() -> None:
    article = articles()[1]
    assert article.title == ("Epidemiological characteristics of hospital care for urolithiasis in a South American "
                             "country")
    assert article.original_title == ("Características epidemiológicas de la atención hospitalaria por urolitiasis en "
                                      "un país sudamericano")
    assert (article.journal, article.volume, article.pages, article.date) == (
        "Revista Mexicana de Urologia", "85", "1-10", "2026")  # "1 Jan 2026": nor January a month
    assert [lang.name for lang in article.languages] == ["English", "Spanish"]


def test_a_conference_abstract_in_a_supplement_is_known_by_its_pui() -> None:
    article = articles()[2]
    assert article.title.startswith("POS0985 CROSS CULTURAL VALIDATION OF WORK PRODUCTIVITY AND ACTIVITY IMPAIRMENT ")
    # the supplement only the citation line in SOURCE names
    assert (article.journal, article.volume, article.issue, article.pages, article.date) == (
        "Annals of the Rheumatic Diseases", "84", "Suppl 1", "1100-1102", "2025-06")
    assert (article.id, article.doi, article.pmid) == ("embase-l2039183805", "", "")


def test_every_field_is_kept_with_its_line() -> None:
    records, problems = reading.read(DATA / NAME)
    assert problems == []
    first = records[0]
    assert [(f.name, f.line) for f in first.fields][:5] == [
        ("RECORD", 1), ("TITLE", 3), ("AUTHOR NAMES", 7), ("AUTHOR ADDRESSES", 9), ("AiP/IP ENTRY DATE", 16)]
    assert first.values("AUTHOR ADDRESSES") == ((
        "(Pascual C.) Non-Communicable Diseases Unit, Pan American Health Organization, Lima, Peru.\n"
        "(Vasquez L.) Department of Noncommunicable Diseases and Mental Health, Pan American Health Organization, "
        "Washington, DC, United States.\n"
        "(Maradiegue E.) Division of Prevention and Control of Cancer, Ministry of Health of Peru, Lima, Peru."),)
    assert first.values("EMBASE CLASSIFICATIONS") == ("Cancer (16)", "Pediatrics and Pediatric Surgery (7)")
    assert records[2].values("SOURCE") == (
        "Annals of the Rheumatic Diseases (2025) 84 Supplement 1 (1100-1102). Date of Publication: 1 Jun 2025",
        "EULAR 2025: European Congress of Rheumatology, Book Series Title:")
    assert records[2].first("CONFERENCE DATE") == "2025-06-11 to 2025-06-14"


def test_a_line_of_capitals_inside_a_value_goes_on_with_it() -> None:
    text = ("RECORD 1\nTITLE\n  GHOST CELL GLAUCOMA: \nCLINICAL CASE\nSOURCE TITLE\n  Revista \nOFTALMOLOGIA\n"
            "PUBLICATION YEAR\n  2024\n")
    [record], problems = embase_text.read(text, "a.txt")
    assert problems == []
    assert [(f.name, f.values) for f in record.fields] == [
        ("RECORD", ("1",)), ("TITLE", ("GHOST CELL GLAUCOMA: CLINICAL CASE",)),
        ("SOURCE TITLE", ("Revista OFTALMOLOGIA",)), ("PUBLICATION YEAR", ("2024",))]


def test_hostile_input_is_reported_where_it_is() -> None:
    text = "Exported from Embase\n\nRECORD 1\nTITLE\n  A title\nRECORD 2\nAUTHOR NAMES\n  Nobody N.\nRECORD 3\n"
    records, problems = embase_text.read(text, "a.txt")
    assert [r.first("TITLE") for r in records] == ["A title", ""]
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 1), (Level.WARNING, 9)]
    article, more = readers.to_article(records[1])
    assert article.title and [p.level for p in more] == [Level.ERROR]
    records, problems = embase_text.read("nothing here\n", "a.txt")
    assert records == [] and [p.level for p in problems] == [Level.WARNING, Level.ERROR]


def test_a_site_shows_the_values(tmp_path: Path, html, make_site) -> None:
    result = build(make_site({NAME: (DATA / NAME).read_bytes()}), tmp_path / "out")
    assert [str(d) for d in result.report.diagnostics] == [] and result.articles == 3
    page = html.parse(tmp_path / "out" / "articles" / "pubmed-41267555.html")
    text = html.text(page)
    assert "Pediatric Blood and Cancer" in text and "e32158" in text and "1545-5009" in text
    assert "Cancer (16)" in text  # the full record
    spanish = next((tmp_path / "out" / "articles").glob("doi-10-48193*.html"))
    shown = html.main(html.parse(spanish)).find(".//p[@class='original-title']")
    assert html.text(shown) == ("Original title: Características epidemiológicas de la atención hospitalaria por "
                                "urolitiasis en un país sudamericano")
