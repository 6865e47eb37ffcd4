"""Where a work was published, as the article page and the lists show it: a journal article's journal, volume,
issue and pages; a conference paper's proceedings, a chapter's book, a book's publisher; never an empty part.

Built from real records of tests/data (every format) and checked on the parsed pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.cite.csl import to_csl_json
from site_builder.readers import read_file, to_article

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture of tests/data built as one site."""
    root = tmp_path_factory.mktemp("source-line")
    shutil.copytree(DATA, root / "content" / "records", ignore=shutil.ignore_patterns("*.md"))
    build(root, root / "_site")
    return root / "_site"


def facts(html, page: Path) -> list[tuple[str, str]]:
    """The (label, value) pairs of an article page's facts list."""
    dl = next(el for el in html.main(html.parse(page)).iter("dl") if el.get("class") == "facts")
    labels = [html.text(el) for el in dl.iter("dt")]
    values = [html.text(el) for el in dl.iter("dd")]
    assert len(labels) == len(values)
    return list(zip(labels, values, strict=True))


def page_of(html, site: Path, title: str) -> Path:
    for page in sorted((site / "articles").glob("*.html")):
        if html.text(html.main(html.parse(page)).find(".//h1")) == title:
            return page
    raise AssertionError(f"no page titled {title!r}")


def test_a_conference_paper_shows_its_proceedings_and_pages(html, site) -> None:
    """deep-review's CSL-JSON item g2vvbB91 (paper-conference): pages and no volume."""
    page = page_of(html, site, "Communication-Efficient Learning of Deep Networks from Decentralized Data")
    shown = facts(html, page)
    assert ("Proceedings", "Artificial Intelligence and Statistics") in shown
    assert ("Pages", "1273-1282") in shown
    assert not any(label in ("Journal", "Volume", "Issue") for label, _ in shown)


def test_a_chapter_shows_its_book_and_publisher(html, site) -> None:
    page = page_of(html, site, "Convolutional Networks on Graphs for Learning Molecular Fingerprints")
    shown = facts(html, page)
    assert ("Book", "Advances in Neural Information Processing Systems 28") in shown
    assert ("Publisher", "Curran Associates, Inc.") in shown
    assert ("Pages", "2224–2232") in shown
    assert not any(label == "Journal" for label, _ in shown)


def test_a_book_shows_no_journal(html, site) -> None:
    """A Scopus RIS record typed BOOK (ris_issue_1099.txt): a volume of a series, a first page, a publisher."""
    shown = facts(html, page_of(html, site, "Validity Frame Driven Computational Design Synthesis for Complex "
                                            "Cyber-Physical Systems"))
    assert ("Volume", "1262 CCIS") in shown and ("Pages", "82") in shown
    assert ("Publisher", "Springer Science and Business Media Deutschland GmbH") in shown
    assert not any(label in ("Journal", "Book", "Proceedings") for label, _ in shown)


def test_a_journal_article_shows_volume_issue_and_pages_apart(html, site) -> None:
    shown = facts(html, page_of(html, site, "Design and prototyping of directly driven outer rotor permanent "
                                            "magnet generator for small scale wind turbines"))
    assert [pair for pair in shown if pair[0] in ("Journal", "Volume", "Issue", "Pages")] == [
        ("Journal", "Advances in Electrical and Electronic Engineering"), ("Volume", "16"), ("Issue", "3"),
        ("Pages", "271-278")]


def test_no_fact_is_empty_or_a_bare_separator(html, site) -> None:
    """Every article page of every format: each fact has a value that neither starts nor ends with a separator."""
    pages = sorted((site / "articles").glob("*.html"))
    assert len(pages) > 40
    for page in pages:
        for label, value in facts(html, page):
            assert value and value[0] not in ":;,(" and value[-1] not in ":;,(", (page.name, label, value)


def test_lists_name_the_book_or_proceedings(html, site) -> None:
    year = html.parse(site / "years" / "2015.html")
    cited = [html.text(el) for el in html.main(year).iter("cite")]
    assert "Advances in Neural Information Processing Systems 28" in cited


def test_the_reference_names_the_proceedings() -> None:
    """The formatted references (CSL) know a conference paper from a journal article."""
    path = DATA / "csl-json" / "deep-review-subset.json"
    paper = next(a for r in read_file(path, path.name)[0] if (a := to_article(r)[0]).kind == "paper-conference")
    assert paper.container == "Artificial Intelligence and Statistics" and paper.journal == ""
    item = to_csl_json(paper)
    assert item["type"] == "paper-conference" and item["container-title"] == "Artificial Intelligence and Statistics"
    assert "volume" not in item


CORPUS_BIB = DATA.parents[2] / "shared" / "corpus" / "bibtex" / "litsearchr" / "WoS_corecollection_final_2.bib"


@pytest.mark.skipif(not CORPUS_BIB.is_file(), reason="the shared corpus (../shared/corpus) is not here")
def test_a_bibtex_inproceedings_has_its_booktitle_as_proceedings() -> None:
    """A Web of Science BibTeX @inproceedings (GPL-3 corpus file, read in place): Booktitle holds the paper."""
    records, _ = read_file(CORPUS_BIB, CORPUS_BIB.name)
    paper = next(a for r in records if (a := to_article(r)[0]).title.startswith("Ecosystem decay of Amazonian"))
    assert paper.kind == "paper-conference" and paper.pages == "11-37" and paper.volume == ""
    assert paper.container.startswith("STABILITY OF TROPICAL RAINFOREST MARGINS")


def test_a_blog_post_names_its_blog_as_a_blog(html, site) -> None:
    """handlr's CSL-JSON (csl-json/handlr-citeproc-many.json): a ``post-weblog`` in "DataCite Blog", which the
    page called a journal ("Journal: DataCite Blog")."""
    shown = facts(html, page_of(html, site, "Eating your own Dog Food"))
    assert ("Blog", "DataCite Blog") in shown
    assert not any(label == "Journal" for label, _ in shown)
