"""Publication dates and journal names on real records: every reader gives the issue's date as the publication
date, keeps the electronic date beside it and a date ISO cannot hold as printed, and tells the journal's title
from its abbreviation. Each expectation quotes PubMed's own citation of the record (its MEDLINE ``SO``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.model.article import Article
from site_builder.model.library import build_library
from site_builder.readers import jats, medline, pubmed_xml

DATA = Path(__file__).resolve().parents[1] / "data"


def by_pmid(articles: list[Article]) -> dict[str, Article]:
    return {a.pmid: a for a in articles}


@pytest.fixture(scope="module")
def nbib() -> dict[str, Article]:
    found = []
    for name in ("biopython-pubmed_result2.txt", "blachlylab-dates.nbib"):
        path = DATA / "medline-nbib" / name
        records, diagnostics = medline.read(path.read_text("utf-8"), name)
        assert diagnostics == []
        found += [medline.to_article(r)[0] for r in records]
    return by_pmid(found)


@pytest.fixture(scope="module")
def pubmed() -> dict[str, Article]:
    path = DATA / "pubmed-xml" / "pubmed-dates-subset.xml"
    records, diagnostics = pubmed_xml.read_bytes(path.read_bytes(), path.name)
    assert diagnostics == []
    return by_pmid([pubmed_xml.to_article(r)[0] for r in records])


def test_medline_issue_date_with_the_electronic_date_beside_it(nbib) -> None:
    # SO: "Bioinformatics. 2006 Mar 1;22(5):616-7. Epub 2005 Dec 23."
    article = nbib["16377612"]
    assert (article.date, article.date_printed, article.epub_date) == ("2006-03-01", "", "2005-12-23")
    assert not article.online_only  # PST - ppublish
    assert (article.journal, article.journal_abbrev) == ("Bioinformatics (Oxford, England)", "Bioinformatics")
    assert article.year == "2006"


def test_medline_online_only(nbib) -> None:
    # SO: "Blood Adv. 2017 Jun 14;1(15):995-1000. doi: … eCollection 2017 Jun 27."
    blood_adv = nbib["29296742"]
    assert (blood_adv.date, blood_adv.epub_date, blood_adv.online_only) == ("2017-06-27", "2017-06-14", True)
    # SO: "BMC Bioinformatics. 2006 Jan 10;7:10." (DP "2006", DEP 20060110, PST - epublish)
    bmc = nbib["16403221"]
    assert (bmc.date, bmc.epub_date, bmc.online_only) == ("2006", "2006-01-10", True)
    # Ahead of print, DEP = DP: one date. SO: "Blood. 2021 Aug 23:blood.2021012052. doi: …"
    ahead = nbib["34424958"]
    assert (ahead.date, ahead.epub_date, ahead.online_only) == ("2021-08-23", "", False)


def test_medline_electronic_location_is_the_article_number(nbib) -> None:
    # SO: "JCI Insight. 2020 Jun 18;5(12):e134973. doi: …"; the record has "LID - e134973" and no PG.
    assert (nbib["32554930"].pages, nbib["32554930"].article_number) == ("", "e134973")
    assert (nbib["16377612"].pages, nbib["16377612"].article_number) == ("616-7", "")  # PG as printed


def test_pubmed_xml_medline_date_and_article_date(pubmed) -> None:
    # PubMed: "Anesth Essays Res. 2020 Jul-Sep;14(3):359-365. … Epub 2021 Mar 22." (PubModel Print-Electronic)
    article = pubmed["34092842"]
    assert (article.date, article.date_printed, article.epub_date) == ("2020-07", "2020 Jul-Sep", "2021-03-22")
    assert (article.year, article.exact_date, article.online_only) == ("2020", "2020", False)
    assert (article.journal, article.journal_abbrev) == ("Anesthesia, essays and researches", "Anesth Essays Res")
    bimonthly = pubmed["399382"]
    assert (bimonthly.date_printed, bimonthly.pages, bimonthly.epub_date) == ("1979 Nov-Dec", "904-11", "")


def test_the_year_index_files_an_article_under_its_issue_year(pubmed) -> None:
    library = build_library(list(pubmed.values()))
    key = next(k for k, a in library.articles.items() if a.pmid == "34092842")
    assert key in library.years["2020"].articles
    assert "2021" not in library.years  # the electronic date's year makes no group
    assert list(library.years) == ["2020", "1979"]


def test_jats_journal_title_and_nlm_abbreviation() -> None:
    path = DATA / "jats-xml" / "elife-64719-v1.xml"
    (record,), _ = jats.read_bytes(path.read_bytes(), path.name)
    article, diagnostics = jats.to_article(record)
    assert diagnostics == []
    assert (article.journal, article.journal_abbrev) == ("eLife", "elife")  # journal-title, nlm-ta
    # One date, <pub-date date-type="pub" publication-format="electronic">: the publication date itself.
    assert (article.date, article.epub_date, article.online_only) == ("2021-06-21", "", False)
    assert (article.volume, article.pages, article.article_number) == ("10", "", "e64719")


def test_jats_collection_and_epub() -> None:
    path = DATA / "jats-xml" / "journal.pntd.0001969.xml"
    (record,), _ = jats.read_bytes(path.read_bytes(), path.name)
    article, _ = jats.to_article(record)
    # pub-type "collection" 2012 Dec and "epub" 2012 Dec 20: the issue's date, and the date it went online.
    assert (article.date, article.epub_date, article.online_only) == ("2012-12", "2012-12-20", True)


def test_jats_elife_publication_date_beside_its_collection() -> None:
    """eLife's version of record writes its publication date as date-type "publication" (its v1, elife-64719-v1.xml,
    wrote "pub"), beside the collection's year: the day it was published is kept, as for "pub"."""
    path = DATA / "jats-xml" / "elife-64719-v2-front.xml"
    (record,), _ = jats.read_bytes(path.read_bytes(), path.name)
    article, diagnostics = jats.to_article(record)
    assert diagnostics == []
    assert (article.date, article.epub_date, article.online_only) == ("2021", "2021-06-21", True)



def test_jats_elife_reviewed_preprint_is_dated_by_its_first_publication_not_its_update() -> None:
    """eLife's reviewed preprint, version 2 (elife-preprint-103870-v2.xml): "original-publication" 6 December 2024
    and "update" 11 April 2025, the day of the version at hand. The work was published on the first."""
    path = DATA / "jats-xml" / "elife-preprint-103870-v2-front.xml"
    (record,), _ = jats.read_bytes(path.read_bytes(), path.name)
    article, diagnostics = jats.to_article(record)
    assert diagnostics == []
    assert (article.date, article.epub_date, article.volume, article.pages, article.article_number) == (
        "2024-12-06", "", "13", "", "RP103870")
    assert "2025-04-11" not in (article.date, article.epub_date)


@pytest.mark.parametrize("other", [
    '<pub-date pub-type="nihms-submitted"><day>02</day><month>03</month><year>2019</year></pub-date>',
    '<pub-date pub-type="ecorrected"><day>02</day><month>03</month><year>2019</year></pub-date>',
    '<pub-date date-type="update" publication-format="electronic"><day>02</day><month>03</month><year>2019</year>'
    '</pub-date>',
    '<pub-date date-type="retracted" publication-format="electronic"><day>02</day><month>03</month><year>2019'
    '</year></pub-date>',
    '<pub-date date-type="rev-recd"><day>02</day><month>03</month><year>2019</year></pub-date>'])
def test_jats_a_date_of_something_else_is_not_the_publication_date(other: str) -> None:
    """A pub-date that dates a manuscript's submission (PMC's "nihms-submitted", an author manuscript's), a
    correction, an update, a retraction or a revision, written before the article's epub and without an issue
    date (no ppub, no collection): the page gave that date as the publication date and the epub beside it. The
    publication date is the epub's; the other date stays in the full record."""
    data = ('<article><front><article-meta><title-group><article-title>A title</article-title></title-group>'
            f'{other}<pub-date pub-type="epub"><day>14</day><month>01</month><year>2019</year></pub-date>'
            '</article-meta></front></article>').encode()
    (record,), _ = jats.read_bytes(data, "a.xml")
    article, _ = jats.to_article(record)
    assert (article.date, article.epub_date) == ("2019-01-14", "")
    assert any(f.values == ("2019",) for f in record.fields if f.name.endswith("pub-date/year"))


def test_one_journal_whether_named_by_its_title_or_its_abbreviation(nbib, pubmed) -> None:
    """A catalogue-dump article names the journal by its NLM abbreviation only (tools/pubmed_to_dump.py);
    MEDLINE gives the title and the abbreviation: both are one journal, shown by its title."""
    blood = nbib["34424958"]
    dump_like = Article(id="pubmed-1", title="A catalogue record", journal="Blood Adv", date="2018")
    library = build_library([nbib["29296742"], dump_like, blood])
    journals = {g.name: len(g.articles) for g in library.journals.values()}
    assert journals == {"Blood advances": 2, "Blood": 1}
