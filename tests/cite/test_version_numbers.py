"""A version number or a decimal in a journal's name is cited as the record gives it: the NLM and AMA styles
strip the periods of an abbreviated journal ("J. Stat. Softw." → "J Stat Softw"), never the point of "0.4".
Records of tests/data/bibtex/google-scholar-versions.bib (written by hand after a real export without a licence;
see SOURCE.md there)."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
import rispy

from site_builder import readers
from site_builder.cite.references import format_references
from site_builder.model.article import Article

BIB = Path(__file__).resolve().parents[1] / "data" / "bibtex" / "google-scholar-versions.bib"


@pytest.fixture(scope="module")
def works() -> dict[str, Article]:
    records, diagnostics = readers.read_file(BIB, BIB.name)
    assert diagnostics == []
    return {a.title.split(":")[0]: a for a in (readers.to_article(r)[0] for r in records)}


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_a_version_number_in_the_journal_keeps_its_point(works: dict[str, Article]) -> None:
    dplyr = works["dplyr"]
    assert dplyr.journal == "R package version 0.4"
    head = "Wickham H, Francois R. dplyr: A grammar of data manipulation."
    assert _cited(dplyr) == {
        "vancouver": f"{head} R package version 0.4. 2015;1:20.",  # was "R package version 04."
        "ama": f"{head} R package version 0.4. 2015;1:20.",
        "apa": "Wickham, H., & Francois, R. (2015). dplyr: A grammar of data manipulation. R Package Version 0.4, "
               "1, 20.",
    }


def test_only_a_period_between_digits_is_kept(works: dict[str, Article]) -> None:
    """The period after "2.0" ends a sentence of the name, which the styles strip like any other."""
    cited = _cited(works["ggplot2"])
    assert "Software version 2.0 Springer. 2016." in cited["vancouver"]
    assert "Software version 2.0 Springer." in cited["ama"]
    assert "Software Version 2.0. Springer." in cited["apa"]  # APA strips nothing


def test_an_abbreviated_journal_still_loses_its_periods(works: dict[str, Article]) -> None:
    cited = _cited(works["Reshaping data with the reshape package"])
    assert cited["vancouver"].endswith(" J Stat Softw. 2007;21(12):1-20.")
    assert cited["ama"].endswith(" J Stat Softw. 2007;21(12):1-20.")
    assert "J. Stat. Softw., 21(12), 1\u201320." in cited["apa"]


def test_an_abbreviation_without_spaces_keeps_its_words_apart() -> None:
    """RefWorks' tab-delimited export (tests/data/table-csv/refworks-reviews.txt) abbreviates PubMed 32240769's
    journal "J.Clin.Epidemiol.": the styles cited "JClinEpidemiol"."""
    path = BIB.parents[1] / "table-csv" / "refworks-reviews.txt"
    records, _ = readers.read_file(path, path.name)
    [article] = [a for a in (readers.to_article(r)[0] for r in records) if a.pmid == "32240769"]
    assert article.journal_abbrev == "J.Clin.Epidemiol."
    cited = _cited(article)
    assert " J Clin Epidemiol. 2020 Mar 30;123:69-79." in cited["vancouver"]
    assert " J Clin Epidemiol. 2020;123:69-79." in cited["ama"]


def test_the_page_and_its_downloads_give_the_version(article_pages) -> None:
    page = article_pages({"references.bib": BIB.read_bytes()})["dplyr: A grammar of data manipulation"]
    cites = page.citations()
    assert cites["vancouver"].endswith("R package version 0.4. 2015;1:20.")
    assert cites["ama"].endswith("R package version 0.4. 2015;1:20.")
    assert "R Package Version 0.4, 1, 20." in cites["apa"]
    assert not any("version 04" in text.lower() for text in cites.values()), cites
    (entry,) = bibtexparser.parse_string(page.download(".bib")).entries
    assert {f.key: f.value for f in entry.fields}["journal"] == "R package version 0.4"
    (record,) = rispy.loads(page.download(".ris"))
    assert record["secondary_title"] == "R package version 0.4"
    (item,) = json.loads(page.download(".json"))
    assert item["container-title"] == "R package version 0.4"
