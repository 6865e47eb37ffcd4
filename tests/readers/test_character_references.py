"""HTML character references that exports write for a character ("&lt;", "&amp;", "&eacute;", "&apos;") are read
as that character, in every citation format, and nothing else that holds an "&" changes.

Real records: Scopus's RIS (its abstracts' "p &lt; .001"), Manubot's CSL-JSON from Crossref and mEDRA
("R&amp;D costs", "Minarro-Gim&eacute;nez"), Web of Science's BibTeX as CoLRev's tests hold it ("title&apos;s").
Pages showed the references as written: "&lt;" escaped once more reads "&lt;" in the browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.readers import read_file, shared, to_article

DATA = Path(__file__).resolve().parents[1] / "data"


def articles(name: str) -> list:
    records, problems = read_file(DATA / name, name)
    assert [p for p in problems if p.level.name == "ERROR"] == []
    return [to_article(record)[0] for record in records]


def test_a_scopus_ris_abstract_says_less_than() -> None:
    (article,) = articles("ris/scopus-character-references.ris")
    text = " ".join(s.text for s in article.abstract)
    assert "lower illness anxiety (p < .001, η2 = 0.069)" in text and "&lt;" not in text


def test_crossref_titles_and_names_in_csl_json() -> None:
    costs, corpora = articles("csl-json/deep-review-character-references.json")
    assert costs.title == "Innovation in the pharmaceutical industry: New estimates of R&D costs"
    assert [a.name for a in corpora.authors] == [
        "Antonio, Minarro-Giménez José", "Oscar, Marín-Alonso", "Matthias, Samwald"]
    text = " ".join(s.text for s in corpora.abstract)
    assert "diseases (‘may treat’)" in text and "National Drug File – Reference Terminology" in text


def test_a_web_of_science_bibtex_title() -> None:
    assert articles("bibtex/colrev-web-of-science.bib")[1].title == "A dummy title's"


@pytest.mark.parametrize(("text", "read"), [
    ("R&D and AT&T", "R&D and AT&T"),
    ("Barnes&noble; &not a reference", "Barnes&noble; &not a reference"),
    ("&#169; 2005 &#x2013; &amp;", "© 2005 – &"),
    ("&lt;i&gt;kept as text&lt;/i&gt;", "<i>kept as text</i>"),
])
def test_only_whole_references_are_read(text: str, read: str) -> None:
    assert shared.unescape(text) == read
    assert shared.strip_tags(text) == read
