"""Inline markup of titles and abstracts reaches the pages and the downloads (tests/data/pubmed-xml/SOURCE.md,
tests/data/jats-xml/SOURCE.md): "KRAS<sup>G12C</sup>" stays raised, "<i>Leishmania</i>" italic, and the plain
text every other part of the build reads is what it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.build import build

DATA = Path(__file__).resolve().parent / "data"
KRAS = "articles/pubmed-8167159"  # PMID 34044286, its abstract's "KRAS<sup>G12C</sup>"
LEISHMANIA = "articles/pubmed-8172142"  # PMID 34093571: "Visualizing the <i>In Vivo</i> Dynamics of Anti-<i>…"
QUANTUM = "articles/pubmed-8162446"  # PMID 34094265: "<i>D</i>" … "<sub>D</sub>" in its abstract
STOOL = "articles/doi-10-1371-journal-pntd-0001969"  # JATS: "Distribution of <italic>Schistosoma mansoni</italic> …"


@pytest.fixture(scope="module")
def site(built_records) -> Path:
    return built_records("markup", {Path(name).name: (DATA / name).read_bytes() for name in (
        "pubmed-xml/pubmed21n1298-markup.xml", "jats-xml/journal.pntd.0001969.xml")})


def _inner(element) -> list[tuple[str, str]]:
    """(tag, text) of each element inside ``element``."""
    return [(e.tag, "".join(e.itertext())) for e in element.iter() if e is not element]


def test_a_superscript_in_an_abstract_stays_raised(site: Path, html) -> None:
    root = html.parse(site / f"{KRAS}.html")
    abstract = next(s for s in root.iter("section") if "abstract" in s.get("class", "").split())
    paragraph = next(p for p in abstract.iter("p") if "G12C" in "".join(p.itertext()))
    assert ("sup", "G12C") in _inner(paragraph)
    assert "KRASG12C" in "".join(paragraph.itertext())  # the plain text is the record's, unchanged


def test_an_italic_title_is_italic_on_its_page_and_plain_in_the_head(site: Path, html) -> None:
    root = html.parse(site / f"{LEISHMANIA}.html")
    h1 = next(root.iter("h1"))
    assert _inner(h1) == [("i", "In Vivo"), ("i", "Leishmania")]
    assert "".join(h1.itertext()) == ("Visualizing the In Vivo Dynamics of Anti-Leishmania Immunity: Discoveries and "
                                      "Challenges.")
    title = next(root.iter("title")).text
    assert title.startswith("Visualizing the In Vivo Dynamics of Anti-Leishmania Immunity")
    meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert "<" not in meta["citation_title"] and meta["citation_title"].startswith("Visualizing the In Vivo")


def test_lists_show_the_title_in_its_styles(site: Path, html) -> None:
    root = html.parse(site / "index.html")
    link = next(a for a in root.iter("a") if a.get("class") == "title" and "Leishmania" in "".join(a.itertext()))
    assert ("i", "Leishmania") in _inner(link)


def test_a_jats_title_and_abstract_keep_their_italics(site: Path, html) -> None:
    root = html.parse(site / f"{STOOL}.html")
    assert ("i", "Schistosoma mansoni") in _inner(next(root.iter("h1")))
    abstract = next(s for s in root.iter("section") if "abstract" in s.get("class", "").split())
    assert ("i", "S. mansoni") in _inner(abstract)


def test_a_subscript_and_an_italic_together(site: Path, html) -> None:
    root = html.parse(site / f"{QUANTUM}.html")
    abstract = next(s for s in root.iter("section") if "abstract" in s.get("class", "").split())
    inner = _inner(abstract)
    assert ("sub", "D") in inner and ("i", "λ") in inner
    # "<i>r</i> <sub>0</sub>": a subscript the plain text writes itself ("₀") is not lowered twice
    assert ("sub", "\u2080") not in inner and "(r \u2080)" in "".join(abstract.itertext())


def test_the_csl_json_download_writes_rich_text(site: Path) -> None:
    item = json.loads((site / f"{LEISHMANIA}.json").read_text("utf-8"))[0]
    assert item["title"] == ("Visualizing the <i>In Vivo</i> Dynamics of Anti-<i>Leishmania</i> Immunity: "
                             "Discoveries and Challenges.")
    kras = json.loads((site / f"{KRAS}.json").read_text("utf-8"))[0]
    assert "KRAS<sup>G12C</sup>" in kras["abstract"]


def test_the_bibtex_download_writes_latex_commands(site: Path) -> None:
    bib = (site / f"{LEISHMANIA}.bib").read_text("utf-8")
    assert "Visualizing the \\textit{In Vivo} Dynamics of Anti-\\textit{Leishmania} Immunity" in bib
    assert "KRAS\\textsuperscript{G12C}" in (site / f"{KRAS}.bib").read_text("utf-8")


@pytest.mark.parametrize("suffix", [".ris", ".nbib"])
def test_plain_downloads_stay_plain(site: Path, suffix: str) -> None:
    text = (site / f"{LEISHMANIA}{suffix}").read_text("utf-8")
    assert "Visualizing the In Vivo Dynamics of Anti-Leishmania Immunity" in text and "<i>" not in text


def test_the_formatted_references_stay_plain(site: Path, html) -> None:
    root = html.parse(site / f"{LEISHMANIA}.html")
    cite = next(s for s in root.iter("section") if s.get("class") == "cite")
    text = "".join(cite.itertext())
    assert "Visualizing the In Vivo Dynamics" in text and "&lt;i&gt;" not in text and "<i>" not in text


def test_the_pages_with_markup_are_valid_html(site: Path) -> None:
    from test_html_valid import vnu_problems
    assert vnu_problems(site / "articles", site / "index.html") == []


HOSTILE = """<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>99000001</PMID><Article>
<ArticleTitle>Rats <i onclick="alert(1)">in vivo</i>
<script>alert(2)</script> <b><sup>x</sup></b> <u>u</u></ArticleTitle>
<Abstract>
<AbstractText Label="BACKGROUND"><i>A</i> &lt;i&gt;not a tag&lt;/i&gt; <sub>max</sub></AbstractText></Abstract>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def test_hostile_markup_reaches_the_page_only_as_the_whitelist_writes_it(make_site, html) -> None:
    site = make_site({"hostile.xml": HOSTILE})
    out = build(site, site / "_site").output
    page = (out / "articles" / "pubmed-99000001.html").read_text("utf-8")
    h1 = page[page.index("<h1"):page.index("</h1>")]
    assert h1.endswith('>Rats <i>in vivo</i> alert(2) <b><sup>x</sup></b> <u>u</u>')
    root = html.parse(page)
    assert not [e for e in root.iter() if e.get("onclick")]  # the record's attributes are only in the full record
    assert not [e for e in root.iter("script") if "alert" in (e.text or "") and e.get("type") != "application/ld+json"]
    assert "<p><i>A</i> &lt;i&gt;not a tag&lt;/i&gt; <sub>max</sub></p>" in page
