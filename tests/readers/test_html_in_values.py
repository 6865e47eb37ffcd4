"""HTML in the values of citation exports. Character references that exports write for a character ("&lt;",
"&amp;", "&eacute;", "&apos;") are read as that character, in every citation format, and nothing else that holds
an "&" changes; headings marked as HTML ("<h4>Background</h4>", Europe PMC) label the text after them.

Real records: Scopus's RIS (its abstracts' "p &lt; .001"), Manubot's CSL-JSON from Crossref and mEDRA
("R&amp;D costs", "Minarro-Gim&eacute;nez"), Web of Science's and Europe PMC's BibTeX as CoLRev's tests hold them
("title&apos;s", "<h4>…</h4>"). Pages showed the references as written: "&lt;" escaped once more reads "&lt;" in
the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.readers import read_file, ris, shared, to_article

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


# --- Europe PMC's headings as HTML ---------------------------------------------------------------------------

def test_europe_pmc_headings_in_html_label_the_text_after_them() -> None:
    """Europe PMC writes a structured abstract's headings as "<h4>Background</h4>" (its API's abstractText, and
    its BibTeX export as CoLRev's fixture holds it): the tag was dropped and the heading ran into the sentence
    before it ("… Visual Studio Code.abstract with HTML.(P = 0.05)")."""
    article = articles("bibtex/colrev-europe-pmc.bib")[0]
    assert [(s.label, s.text) for s in article.abstract] == [
        ("", "Be Aware of percentage symbols in abstract. It breaks codehighlightin in Visual Studio Code."),
        ("abstract with HTML", ".(P = 0.05) and (P = 0.03)")]


@pytest.mark.parametrize("text", [
    "<h4>Study objectives</h4>Functional significance of stage 2 sleep spindles.<h4>Design</h4>Randomized.",
    "<h4>Study objectives</h4><p>Functional significance of stage 2 sleep spindles.</p>\n<h4>Design</h4><p>Randomized."
    "</p>",
])
def test_a_heading_that_is_no_usual_heading_labels_its_text(text: str) -> None:
    lay, sections, rights = shared.abstract(text + " © 2004 The Authors.")
    assert [(s.label, s.text) for s in sections] == [
        ("Study objectives", "Functional significance of stage 2 sleep spindles."), ("Design", "Randomized.")]
    assert (lay, rights) == ((), "© 2004 The Authors.")


def test_europe_pmc_headings_in_csl_json_and_ris(tmp_path: Path) -> None:
    marked = "<h4>Background</h4>Odor &amp; taste.<h4>Results</h4>It works."
    item = {"type": "article-journal", "id": "1", "title": "T", "container-title": "J", "abstract": marked}
    (tmp_path / "epmc.json").write_text(json.dumps([item]), encoding="utf-8")
    (tmp_path / "epmc.ris").write_text(f"TY  - JOUR\nTI  - T\nAB  - {marked}\nER  - \n", encoding="utf-8")
    for name in ("epmc.json", "epmc.ris"):
        records, _ = read_file(tmp_path / name, name)
        article = to_article(records[0])[0]
        assert [(s.label, s.text) for s in article.abstract] == [("Background", "Odor & taste."),
                                                                  ("Results", "It works.")]


def test_references_in_a_book_title_and_a_journal_are_read_too() -> None:
    """A BibTeX booktitle with "&#169;" (CoLRev's fixture of an unknown source, MIT) and a SciELO RIS journal
    "Revista U.D.C.A Actualidad &amp; Divulgación Científica" (the synthesisr package's SciELO export, GPL-3, read
    in place through the shared corpus; here its journal alone) were shown as written."""
    assert articles("bibtex/colrev-unknown-source.bib")[0].container == "Dummy in Practice © asdf"
    text = "TY  - JOUR\nTI  - T\nJO  - Revista U.D.C.A Actualidad &amp; Divulgación Científica\nER  - \n"
    (record,), _ = ris.read(text, "scielo.ris")
    assert ris.to_article(record)[0].journal == "Revista U.D.C.A Actualidad & Divulgación Científica"


def test_crossref_jats_headings_label_the_text_after_them(tmp_path: Path) -> None:
    """Crossref gives a structured abstract in JATS ("<jats:sec><jats:title>Background</jats:title><jats:p>…"),
    and CSL-JSON made from it (DOI content negotiation, Manubot) keeps it: the headings ran into the text
    ("Background The COVID-19 crisis …"), one unlabelled paragraph. The abstract of a real Crossref work as
    CoLRev's tests hold it (MIT), in a CSL item."""
    work = json.loads((DATA / "crossref/colrev-work.json").read_text(encoding="utf-8"))["message"]
    item = {"type": "article-journal", "id": "w", "title": work["title"][0],
            "container-title": work["container-title"][0], "DOI": work["DOI"], "abstract": work["abstract"]}
    (tmp_path / "crossref.json").write_text(json.dumps([item]), encoding="utf-8")
    (records, _) = read_file(tmp_path / "crossref.json", "crossref.json")
    sections = to_article(records[0])[0].abstract
    assert [s.label for s in sections] == ["Background", "Objective", "Methods", "Results", "Conclusions"]
    assert sections[0].text.startswith("The COVID-19 crisis has drastically changed care delivery")
    assert sections[-1].text.endswith("exceptional situations can be achieved.")
