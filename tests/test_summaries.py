"""The club's own summaries (content/summaries/*.md): attached by id, DOI, PMID or PMCID, shown first on the
article page, their topics and verdicts in the lists, problems reported with file and line, hostile Markdown
rendered harmless."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Article
from site_builder.prose.summaries import attach_summaries, read_summaries
from site_builder.readers import read_file, to_article

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "data" / "catalogue-dump" / "seed.txt"
PAGE = "articles/pubmed-8699378.html"
BODY = "We read this review as a **map of the options**, not a comparison."


def summary(front: str, body: str = BODY) -> str:
    return f"---\n{front.strip()}\n---\n{body}\n"


@pytest.fixture
def site_with(make_site):
    """site_with({"name.md": text, ...}) → a site holding the seed record and those summaries."""

    def make(summaries: dict[str, str], records: dict[str, bytes | str] | None = None) -> Path:
        site = make_site(records or {"seed.txt": SEED.read_bytes()})
        folder = site / "content" / "summaries"
        folder.mkdir()
        for name, text in summaries.items():
            (folder / name).write_text(text, encoding="utf-8")
        return site

    return make


def built(site: Path, tmp_path: Path):
    return build(site, tmp_path / "out")


@pytest.fixture(scope="module")
def seed_article() -> Article:
    (record,), _ = read_file(SEED, "content/records/seed.txt")
    return to_article(record)[0]


def attach(tmp_path: Path, summaries: dict[str, str], articles: list[Article]) -> tuple[list[Article], list[str]]:
    """The summaries stage alone (what build.add_summaries does): articles out, problems as printed."""
    folder = tmp_path / "content" / "summaries"
    folder.mkdir(parents=True)
    for name, text in summaries.items():
        (folder / name).write_text(text, encoding="utf-8")
    found, problems = read_summaries(tmp_path / "content", "content")
    out, more = attach_summaries(articles, found)
    return out, [str(d) for d in problems + more]


def section(html, root, heading_id: str):
    return next(el for el in html.main(root).iter("section") if el.get("aria-labelledby") == heading_id)


# --- attached by every kind of identifier -------------------------------------------------------------------

@pytest.mark.parametrize("front", [
    "id: pubmed-8699378",
    "id: PubMed-8699378",
    "doi: 10.3390/cancers13246368",
    "doi: https://doi.org/10.3390/CANCERS13246368",
    "pmid: 34944988",
    "pmid: '34944988'",
    "pmcid: PMC8699378",
    "pmcid: 8699378",
    "doi: 10.3390/cancers13246368\npmid: 34944988",
])
def test_a_summary_is_attached_by_any_identifier(tmp_path: Path, seed_article: Article, front: str) -> None:
    (article,), problems = attach(tmp_path, {"ours.md": summary(front)}, [seed_article])
    assert problems == []
    assert article.summary is not None
    assert "<strong>map of the options</strong>" in article.summary.html
    assert str(article.summary.where) == "content/summaries/ours.md:2"


def test_summaries_naming_articles_by_different_identifiers_each_find_theirs(tmp_path: Path,
                                                                           seed_article: Article) -> None:
    # Only the kinds of identifier that some summary uses are looked up in the articles: each must still find
    # its own article, and a value of one kind never matches another kind's.
    other = (REPO / "tests" / "data" / "catalogue-dump" / "english-labels.txt")
    (record,), _ = read_file(other, "content/records/other.txt")
    other_article = to_article(record)[0]
    summaries = {"a.md": summary("pmcid: PMC8699378"), "b.md": summary("id: pubmed-8126661"),
                 "c.md": summary(f"pmid: {seed_article.pmcid.removeprefix('PMC')}")}
    (seed, other_one), problems = attach(tmp_path, summaries, [seed_article, other_article])
    assert seed.summary is not None and str(seed.summary.where) == "content/summaries/a.md:2"
    assert other_one.summary is not None and str(other_one.summary.where) == "content/summaries/b.md:2"
    assert problems == ["content/summaries/c.md:2: error: no article in the collection has pmid '8699378'; this "
                        "summary is not shown"]


def test_the_summary_is_on_the_built_page(site_with, tmp_path: Path, html) -> None:
    result = built(site_with({"ours.md": summary("pmcid: PMC8699378")}), tmp_path)
    assert result.report.diagnostics == []
    ours = section(html, html.parse(result.output / PAGE), "our-summary")
    assert [el.tag for el in ours.iter() if html.text(el) == "map of the options"] == ["strong"]


def test_the_summary_comes_first_with_reviewer_and_date(site_with, tmp_path: Path, html) -> None:
    front = "id: pubmed-8699378\nby: Claire Hoffmann\ndate: 2024-02-13\nverdict: Clear, but thin on data."
    result = built(site_with({"ours.md": summary(front)}), tmp_path)
    root = html.parse(result.output / PAGE)
    order = [el.get("aria-labelledby") for el in html.main(root).iter("section")]
    assert order.index("our-summary") < order.index("lay-summary") < order.index("abstract")
    text = html.text(section(html, root, "our-summary"))
    assert "Claire Hoffmann" in text and "13 February 2024" in text and "Clear, but thin on data." in text
    times = [t.get("datetime") for t in section(html, root, "our-summary").iter("time")]
    assert times == ["2024-02-13"]


def test_topics_join_the_article_and_get_pages(site_with, tmp_path: Path, html) -> None:
    front = "pmid: 34944988\ntopics: [Liver metastases, review, Interventional radiology]"
    result = built(site_with({"ours.md": summary(front)}), tmp_path)
    out = result.output
    assert (out / "topics" / "liver-metastases.html").is_file()
    assert (out / "topics" / "interventional-radiology.html").is_file()
    root = html.parse(out / "topics" / "liver-metastases.html")
    assert [h for h, _ in html.anchors(html.main(root)) if h.endswith("pubmed-8699378.html")]
    topics = [t for h, t in html.anchors(html.main(html.parse(out / PAGE))) if "/topics/" in h]
    assert topics == ["Review", "Liver metastases", "Interventional radiology"]  # "review" is Review


@pytest.mark.parametrize("page", ["index.html", "authors/cazzato-roberto-luigi.html", "topics/review.html",
                                  "years/2021.html", "journals/cancers-basel.html"])
def test_the_verdict_is_shown_in_every_list(site_with, tmp_path: Path, html, page: str) -> None:
    front = "id: pubmed-8699378\nverdict: Clear <map> & thin on data"
    result = built(site_with({"ours.md": summary(front)}), tmp_path)
    root = html.parse(result.output / page)
    verdicts = [html.text(el) for el in html.main(root).iter() if el.get("class") == "verdict"]
    assert verdicts == ["Clear <map> & thin on data"]
    assert b"Clear &lt;map&gt; &amp; thin" in (result.output / page).read_bytes()


# --- problems, with file and line ---------------------------------------------------------------------------

def problems_of(site_with, tmp_path: Path, summaries: dict[str, str]) -> list[str]:
    result = built(site_with(summaries), tmp_path)
    assert (result.output / PAGE).is_file()  # the site is built all the same
    return [str(d) for d in result.report.diagnostics]


def test_a_summary_for_an_unknown_record_is_an_error(site_with, tmp_path: Path) -> None:
    found = problems_of(site_with, tmp_path, {"x.md": summary("by: Claire\ndoi: 10.1000/nowhere")})
    assert found == ["content/summaries/x.md:3: error: no article in the collection has doi '10.1000/nowhere'; "
                     "this summary is not shown"]


def test_two_summaries_for_one_article_is_an_error(site_with, tmp_path: Path, html) -> None:
    site = site_with({"a.md": summary("id: pubmed-8699378", "First."), "b.md": summary("pmid: 34944988", "Second.")})
    result = built(site, tmp_path)
    assert [str(d) for d in result.report.diagnostics] == [
        "content/summaries/b.md:2: error: content/summaries/a.md already summarizes pubmed-8699378; "
        "this second summary is not shown"]
    text = html.text(section(html, html.parse(result.output / PAGE), "our-summary"))
    assert "First." in text and "Second." not in text


@pytest.mark.parametrize(("text", "expected"), [
    ("---\nid: [unclosed\n---\nText.\n", "content/summaries/x.md:3: error: front matter is not valid YAML"),
    ("---\nid: pubmed-8699378\nText without a closing line.\n",
     "content/summaries/x.md:1: error: front matter opened with '---' is never closed"),
    ("Just text, no front matter.\n", "content/summaries/x.md:1: error: a summary must name its article"),
    ("---\nby: Claire\n---\nText.\n", "content/summaries/x.md:1: error: a summary must name its article"),
    ("---\n- a list\n---\nText.\n", "content/summaries/x.md:2: error: front matter must be 'key: value' lines"),
    ("---\nid: pubmed-8699378\ntopics: {a: b}\n---\nText.\n",
     "content/summaries/x.md:3: error: topics: expected a list of names"),
    ("---\nid: pubmed-8699378\nverdic: Good\n---\nText.\n",
     "content/summaries/x.md:3: warning: unknown key 'verdic' ignored; did you mean 'verdict'?"),
    ("---\nid: pubmed-8699378\ndate: 13/02/2024\n---\nText.\n",
     "content/summaries/x.md:3: warning: date: '13/02/2024' is not a date written YYYY-MM-DD"),
    ("---\nid: pubmed-8699378\npmid: abc\n---\nText.\n", "content/summaries/x.md:3: error: pmid: 'abc' is not a valid"),
    ("---\nid: pubmed-8699378\n---\n\n", "content/summaries/x.md:2: warning: the summary has no text and no verdict"),
    ("---\nid: pubmed-8699378\nverdict: " + "long " * 50 + "\n---\nText.\n",
     "content/summaries/x.md:3: warning: the verdict has 249 characters"),
])
def test_bad_front_matter_is_reported_with_its_line(tmp_path: Path, seed_article: Article, text: str,
                                                    expected: str) -> None:
    _, found = attach(tmp_path, {"x.md": text}, [seed_article])
    assert len(found) == 1 and found[0].startswith(expected), found


def test_identifiers_naming_two_articles_are_an_error(site_with, tmp_path: Path) -> None:
    other = (REPO / "tests" / "data" / "catalogue-dump" / "english-labels.txt").read_bytes()
    site = site_with({"x.md": summary("id: pubmed-8699378\npmid: 34012400")},
                     {"seed.txt": SEED.read_bytes(), "other.txt": other})
    result = built(site, tmp_path)
    (problem,) = result.report.diagnostics
    assert problem.level is Level.ERROR and str(problem.where) == "content/summaries/x.md:2"
    assert "2 different articles (pubmed-8126661, pubmed-8699378)" in problem.message


def test_an_identifier_that_names_nothing_beside_one_that_does_is_a_warning(tmp_path: Path,
                                                                            seed_article: Article) -> None:
    _, found = attach(tmp_path, {"x.md": summary("id: pubmed-8699378\npmid: 34093445")}, [seed_article])
    assert found == ["content/summaries/x.md:2: warning: no article has pmid '34093445'; the summary is attached "
                     "by its other identifiers"]


# --- hostile Markdown ---------------------------------------------------------------------------------------

HOSTILE = """---
id: pubmed-8699378
by: <script>alert('by')</script>
verdict: <img src=x onerror=alert('verdict')>
topics: ["<b onmouseover=alert(1)>Topic</b>"]
---
<script>alert('body')</script>

<img src="x" onerror="alert('img')">

[a link](javascript:alert('link')) and [another](JaVaScRiPt:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)
and ![an image](javascript:alert('image')) and <a href="javascript:alert('raw')">raw</a>
and [fine](https://pubmed.ncbi.nlm.nih.gov/34944988/) and [relative](pubmed-8699378.html)

<iframe src="https://example.org/"></iframe>
"""


@pytest.fixture
def hostile(site_with, tmp_path: Path):
    return built(site_with({"hostile.md": HOSTILE}), tmp_path)


def test_hostile_markdown_makes_no_script_or_handler(hostile, html) -> None:
    for page in (PAGE, "index.html", "topics/index.html"):
        root = html.parse(hostile.output / page)
        body = root.find("body")
        assert not [el for el in body.iter() if el.tag in ("script", "iframe", "img")], page
        assert not [(el.tag, a) for el in root.iter() for a in el.attrib if a.lower().startswith("on")], page


def test_hostile_links_are_not_links(hostile, html) -> None:
    root = html.parse(hostile.output / PAGE)
    ours = section(html, root, "our-summary")
    hrefs = [h for h, _ in html.anchors(ours)]
    assert hrefs == ["https://pubmed.ncbi.nlm.nih.gov/34944988/", "pubmed-8699378.html"]
    for _, _, value in html.links(root):
        assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), value


def test_hostile_text_is_shown_as_text(hostile, html) -> None:
    root = html.parse(hostile.output / PAGE)
    text = html.text(section(html, root, "our-summary"))
    assert "<script>alert('body')</script>" in text
    assert "<script>alert('by')</script>" in text
    assert "<img src=x onerror=alert('verdict')>" in text
    topics = [t for h, t in html.anchors(html.main(root)) if "/topics/" in h]
    assert "<b onmouseover=alert(1)>Topic</b>" in topics


# --- the demo's summaries -----------------------------------------------------------------------------------

def test_the_demo_summaries_all_attach(demo_site, html) -> None:
    found = [str(d) for d in demo_site.result.report.diagnostics if d.where.path.startswith("content/summaries")]
    assert found == []
    files = sorted((REPO / "content" / "summaries").glob("*.md"))
    assert 3 <= len(files) <= 5
    pages = [p for p in demo_site.html_pages() if p.startswith("articles/")]
    with_summary = [p for p in pages if b'id="our-summary"' in (demo_site.out / p).read_bytes()]
    assert len(with_summary) == len(files)
    assert PAGE in with_summary
