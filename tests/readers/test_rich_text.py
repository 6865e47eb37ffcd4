"""The styles of titles and abstracts as each format marks them (model/styles.py): CSL-JSON's rich text
(tests/data/csl-json/SOURCE.md), BibTeX's LaTeX commands and Mendeley's HTML written as LaTeX symbols
(tests/data/bibtex/SOURCE.md), PubMed XML and JATS (tests/data/pubmed-xml/SOURCE.md, tests/data/jats-xml/SOURCE.md).
The plain text is what it was; the spans are the record's."""

from __future__ import annotations

import json
from pathlib import Path

from reading import articles

from site_builder.model.article import Article
from site_builder.model.styles import Styles

DATA = Path(__file__).resolve().parent.parent / "data"


def styled(text: str, spans: Styles) -> list[tuple[str, str]]:
    """(kind, text) of each span."""
    return [(kind, text[start:end]) for start, end, kind in spans]


def by_id(found: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in found}


def test_csl_json_rich_text_titles_keep_their_italics() -> None:
    found = articles(DATA / "csl-json" / "deep-review-rich-text.json")
    titles = {a.title: styled(a.title, a.title_styles) for a in found}
    assert titles == {
        "Enabling future drug discovery by de novo design": [("i", "de novo")],
        "ADAGE-Based Integration of Publicly Available Pseudomonas aeruginosa Gene Expression Data with Denoising "
        "Autoencoders Illuminates Microbe-Host Interactions": [("i", "Pseudomonas aeruginosa")],
    }


def test_csl_json_rich_text_of_every_kind_and_hostile_tags(tmp_path: Path) -> None:
    """citeproc-js's tags are styles; any other tag, its attributes and a tag left open are not."""
    item = {"id": "x", "type": "article-journal", "title": (
        'A <span style="font-variant:small-caps;">Small</span> <b>bold</b> <span class="nocase">iPhone</span> '
        'KRAS<sup>G12C</sup> CO<sub>2</sub> <i onclick="alert(1)">x</i> <script>alert(2)</script> <i>open'),
        "abstract": "BACKGROUND: In <i>vivo</i>. RESULTS: <b>None</b>."}
    path = tmp_path / "rich.json"
    path.write_text(json.dumps([item]), "utf-8")
    (article,) = articles(path)
    assert article.title == "A Small bold iPhone KRASG12C CO₂ x alert(2) open"
    assert styled(article.title, article.title_styles) == [("sc", "Small"), ("b", "bold"), ("sup", "G12C"),
                                                           ("i", "x")]
    assert [(s.label, s.text, styled(s.text, s.styles)) for s in article.abstract] == [
        ("BACKGROUND", "In vivo.", [("i", "vivo")]), ("RESULTS", "None.", [("b", "None")])]


def test_bibtex_from_mendeley_keeps_the_italics_it_wrote_as_latex_symbols() -> None:
    found = articles(DATA / "bibtex" / "mendeley-desktop-style.bib")
    vaccine = next(a for a in found if a.title.startswith("Immunization against"))
    assert styled(vaccine.title, vaccine.title_styles) == [("i", "Pseudomonas aeruginosa")]
    conclusion = next(s for s in vaccine.abstract if s.label == "CONCLUSION")
    assert styled(conclusion.text, conclusion.styles) == [("i", "P"), ("i", "P")]
    assert "({P}<0.05)".replace("{P}", "P") in conclusion.text


def test_bibtex_latex_commands_are_styles(tmp_path: Path) -> None:
    path = tmp_path / "styles.bib"
    path.write_text("@article{k, title = {\\textit{In vitro} KRAS\\textsuperscript{G12C} and "
                    "m\\textsuperscript{6}A in \\emph{E.~coli} \\textbf{now}}, doi = {10.1000/x}, year = 2020}\n",
                    "utf-8")
    (article,) = articles(path)
    assert article.title == "In vitro KRASG12C and m⁶A in E.\u00a0coli now"
    assert styled(article.title, article.title_styles) == [("i", "In vitro"), ("sup", "G12C"),
                                                           ("i", "E.\u00a0coli"), ("b", "now")]


def test_a_bibtex_emph_in_a_tool_s_own_test_file() -> None:
    """Better BibTeX's import test: "Blah  \\emph{emph} and \\enquote{enquote}."."""
    blah = next(a for a in articles(DATA / "bibtex" / "bbt-import-excerpts.bib") if a.title.startswith("Blah"))
    assert styled(blah.title, blah.title_styles) == [("i", "emph")]


def test_pubmed_xml_scripts_plain_text_writes_get_no_style() -> None:
    found = by_id(articles(DATA / "pubmed-xml" / "pubmed21n1298-markup.xml"))
    kras = found["pubmed-8167159"]
    spans = [x for s in kras.abstract for x in styled(s.text, s.styles)]
    assert spans == [("sup", "G12C")] * 3
    leish = found["pubmed-8172142"]
    assert styled(leish.title, leish.title_styles) == [("i", "In Vivo"), ("i", "Leishmania")]


def test_jats_titles_and_abstracts() -> None:
    (stool,) = articles(DATA / "jats-xml" / "journal.pntd.0001969.xml")
    assert styled(stool.title, stool.title_styles) == [("i", "Schistosoma mansoni")]
    assert [styled(s.text, s.styles) for s in stool.abstract][0] == [("i", "Schistosoma mansoni")]
    (digest,) = articles(DATA / "jats-xml" / "elife-00003-front.xml")
    assert [styled(s.text, s.styles) for s in digest.lay_summary or digest.abstract]
