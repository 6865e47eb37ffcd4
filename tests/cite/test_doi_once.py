"""The NLM style cites a work's DOI once. For any work but a journal article it prints the work's address and then
its DOI ("Available from: http://… doi:10…", as Citing Medicine cites a work on the Internet); the address was the
DOI's own (https://doi.org/…) when the record gave no other, which said the DOI twice. Real records of
tests/data/ris (generic-works.ris is written by hand after a real export without a licence; ris_issue_1099.txt
is a real Scopus export; see SOURCE.md there) and one made-up work of each other kind."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import rispy

from site_builder import readers
from site_builder.cite.references import format_references
from site_builder.model.article import Article, Link, Person

DATA = Path(__file__).resolve().parents[1] / "data" / "ris"


def _articles(name: str) -> dict[str, Article]:
    records, diagnostics = readers.read_file(DATA / name, name)
    assert diagnostics == []
    return {a.title.split(":")[0]: a for a in (readers.to_article(r)[0] for r in records)}


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_a_generic_work_whose_only_address_is_its_doi() -> None:
    """RIS MISC with a DOI and its dx.doi.org link in UR."""
    grarep = _articles("generic-works.ris")["GraRep"]
    assert (grarep.kind, grarep.doi) == ("document", "10.1145/2806416.2806512")
    cited = _cited(grarep)
    assert cited["vancouver"] == ("Cao S, Lu W, Xu Q. GraRep: Learning Graph Representations with Global Structural "
                                  "Information. 2015. p. 891-900. doi:10.1145/2806416.2806512")
    # was "… Information [Internet]. 2015. p. 891-900. Available from: https://doi.org/10.1145/2806416.2806512
    # doi:10.1145/2806416.2806512"
    assert cited["ama"].endswith("2015:891-900. doi:10.1145/2806416.2806512")
    assert cited["apa"].endswith("(pp. 891\u2013900). https://doi.org/10.1145/2806416.2806512")


def test_a_chapter_whose_only_address_is_its_doi() -> None:
    chapter = _articles("generic-works.ris")["Similarity Measures and Dimensionality Reduction Techniques for Time "
                                           "Series Data Mining"]
    assert chapter.kind == "chapter"
    for style, text in _cited(chapter).items():
        assert text.count("10.5772/49941") == 1, (style, text)
    assert _cited(chapter)["vancouver"].endswith(" 2012. doi:10.5772/49941")


def test_a_book_with_an_address_of_its_own_gives_it_and_its_doi() -> None:
    """Scopus's record of a book chapter in a series (RIS BOOK): its UR is Scopus's page, which the NLM style
    gives as Citing Medicine does, then the DOI."""
    book = _articles("ris_issue_1099.txt")["Validity Frame Driven Computational Design Synthesis for Complex "
                                           "Cyber-Physical Systems"]
    assert book.kind == "book"
    vancouver = _cited(book)["vancouver"]
    assert vancouver.endswith(f"Available from: {book.links[0].url} doi:10.1007/978-3-030-58167-1_7")
    assert vancouver.count("10.1007/978-3-030-58167-1_7") == 1
    assert "doi.org" not in vancouver


WORK = Article(id="doi-10.1234/abc.5", title="A title", authors=(Person(family="Smith", given="John",
               name="Smith, John"),), date="2019", publisher="A Publisher", doi="10.1234/abc.5")


@pytest.mark.parametrize("kind", ["book", "report", "thesis", "document", "dataset", "software", "manuscript",
                                  "standard", "patent", "article-magazine", "article-newspaper", "review",
                                  "post-weblog", "webpage", "legislation", "legal_case"])
def test_each_kind_cites_its_doi_once(kind: str) -> None:
    cited = _cited(dataclasses.replace(WORK, kind=kind))
    for style, text in cited.items():
        assert text.count("10.1234/abc.5") == 1, (style, text)
    assert cited["vancouver"].endswith(" doi:10.1234/abc.5") and "Available from" not in cited["vancouver"]
    elsewhere = dataclasses.replace(WORK, kind=kind, links=(Link("Publisher", "https://example.org/a-title"),))
    assert _cited(elsewhere)["vancouver"].endswith(
        " Available from: https://example.org/a-title doi:10.1234/abc.5")


def test_a_work_in_pubmed_central_is_available_from_there() -> None:
    report = dataclasses.replace(WORK, kind="report", pmcid="PMC1234567")
    assert _cited(report)["vancouver"].endswith(
        "Available from: https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/ doi:10.1234/abc.5 PubMed Central "
        "PMCID: PMC1234567.")


def test_a_journal_article_is_cited_as_before() -> None:
    """A journal article's DOI never had an address before it; nor has one whose record gives a link."""
    article = dataclasses.replace(WORK, journal="J Thing", volume="4", pages="1-9",
                                  links=(Link("Publisher", "https://example.org/a-title"),))
    assert _cited(article)["vancouver"] == "Smith J. A title. J Thing. 2019;4:1-9. doi:10.1234/abc.5"


def test_the_page_cites_the_doi_once_and_the_downloads_keep_the_address(article_pages) -> None:
    page = article_pages({"references.ris": (DATA / "generic-works.ris").read_bytes()})[
        "GraRep: Learning Graph Representations with Global Structural Information"]
    cites = page.citations()
    assert set(cites) == {"vancouver", "ama", "apa"}
    for style, text in cites.items():
        assert text.count("10.1145/2806416.2806512") == 1, (style, text)
    assert cites["vancouver"].endswith("2015. p. 891-900. doi:10.1145/2806416.2806512")
    (record,) = rispy.loads(page.download(".ris"))
    assert record["doi"] == "10.1145/2806416.2806512"
    (item,) = json.loads(page.download(".json"))
    assert (item["DOI"], item["URL"]) == ("10.1145/2806416.2806512", "https://doi.org/10.1145/2806416.2806512")


@pytest.mark.parametrize("name", ["medline-nbib/bookshelf-and-et-al-handwritten.nbib",
                                  "pubmed-xml/bookshelf-chapter-handwritten.xml"])
def test_a_bookshelf_work_is_available_from_its_bookshelf_page(name: str) -> None:
    """PubMed cites a chapter of a book on NCBI Bookshelf by the chapter's Bookshelf page ("Available from:
    https://www.ncbi.nlm.nih.gov/books/NBK1266/"), not by its own PubMed page."""
    path = DATA.parent / name
    records, _ = readers.read_file(path, path.name)
    chapter = readers.to_article(records[0])[0]
    assert chapter.kind == "chapter"
    vancouver = _cited(chapter)["vancouver"]
    assert "Available from: https://www.ncbi.nlm.nih.gov/books/NBK90000" in vancouver
    assert "pubmed.ncbi.nlm.nih.gov" not in vancouver
