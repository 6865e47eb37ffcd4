"""The built demo site (content/ of this repository), checked page by page on parsed HTML.

Expected values come from the records themselves (read with the reader, which tests/readers checks field by
field) or from the seed, never from the library or the plan being tested.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from site_builder.model.normalize import clean
from site_builder.readers import read_file, to_article

REPO = Path(__file__).resolve().parents[1]
SEED_PAGE = "articles/pubmed-8699378.html"
TITLE = ("Liver-Directed Therapy for Neuroendocrine Metastases: "
         "From Interventional Radiology to Nuclear Medicine Procedures")
AUTHOR_SLUGS = (
    "cazzato-roberto-luigi", "hubele-fabrice", "de-marini-pierre", "ouvrard-eric", "salvadori-julien",
    "addeo-pietro", "garnon-julien", "kurtz-jean-emmanuel", "greget-michel", "mertz-luc", "goichot-bernard",
    "gangi-afshin", "imperiale-alessio",
)
FAMILIES = ("Cazzato", "Hubelé", "De Marini", "Ouvrard", "Salvadori", "Addeo", "Garnon", "Kurtz", "Greget", "Mertz",
            "Goichot", "Gangi", "Imperiale")


@pytest.fixture(scope="module")
def demo_articles():
    """Every demo article as the reader and catalogue_article make it (the ground truth for counts)."""
    articles = []
    for path in sorted((REPO / "content" / "records").glob("*.txt")):
        records, _ = read_file(path, path.name)
        articles += [to_article(r)[0] for r in records]
    return articles


def page_links(html, site, page: str, *, within_main: bool = True) -> list[tuple[str, str, str]]:
    """(target path, fragment, link text) of every internal <a> on ``page``."""
    root = site.doc(page)
    scope = html.main(root) if within_main else root
    found = []
    for href, text in html.anchors(scope):
        if html.is_external(href) or href.startswith("#"):
            continue
        target, fragment = html.resolve(page, href)
        found.append((target, fragment, text))
    return found


def links_under(html, site, page: str, folder: str) -> list[tuple[str, str]]:
    """(target, text) of links on ``page`` to pages in ``folder``/ other than its index."""
    return [(t, text) for t, _, text in page_links(html, site, page)
            if t.startswith(folder + "/") and t != f"{folder}/index.html"]


def count_in(text: str) -> int:
    numbers = re.findall(r"\d[\d,]*", text)
    assert numbers, f"no count in {text!r}"
    return int(numbers[-1].replace(",", ""))


def link_parent_texts(html, root, folder_prefix: str) -> list[tuple[str, str, str]]:
    """(href, link text, text of the link's parent element) for links whose href contains ``folder_prefix``."""
    parents = html.parents(root)
    return [(a.get("href"), html.text(a), html.text(parents[a])) for a in html.main(root).iter("a")
            if folder_prefix in (a.get("href") or "")]


def test_build_reported_no_errors(demo_site) -> None:
    assert [str(d) for d in demo_site.result.report.diagnostics if d.level.name == "ERROR"] == []
    assert demo_site.result.records == 43


# --- the seed's article page -------------------------------------------------------------------------------

def test_seed_page_title(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    assert html.headings(root, "h1") == [TITLE]
    assert TITLE in html.text(root.find(".//title"))


def test_seed_page_author_links_in_order(html, demo_site) -> None:
    authors = links_under(html, demo_site, SEED_PAGE, "authors")
    assert [posixpath.basename(t) for t, _ in authors[:13]] == [f"{slug}.html" for slug in AUTHOR_SLUGS]
    assert len({t for t, _ in authors}) == 13
    for (target, text), family in zip(authors[:13], FAMILIES, strict=True):
        assert family in text
        assert (demo_site.out / target).is_file(), target


def test_seed_page_facts_and_identifier_links(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    main_text = html.text(html.main(root))
    hrefs = [href for href, _ in html.anchors(html.main(root))]
    journal = [(t, text) for t, text in links_under(html, demo_site, SEED_PAGE, "journals")]
    assert journal and journal[0][1] == "Cancers (Basel)"
    assert (demo_site.out / journal[0][0]).is_file()
    years = links_under(html, demo_site, SEED_PAGE, "years")
    assert years and posixpath.basename(years[0][0]) == "2021.html"
    assert (demo_site.out / years[0][0]).is_file()
    times = [t.get("datetime") for t in html.main(root).iter("time")]
    assert "2021-12-19" in times or "2021-12-19" in main_text or "19 December 2021" in main_text
    assert "https://pubmed.ncbi.nlm.nih.gov/34944988/" in hrefs
    assert any(h in hrefs for h in ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8699378/",
                                    "https://ncbi.nlm.nih.gov/pmc/articles/PMC8699378/"))
    assert "https://doi.org/10.3390/cancers13246368" in hrefs
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    assert not any(h.startswith("http://") for h in hrefs if "doi.org" in h or "ncbi" in h)
    assert "34944988" in main_text and "PMC8699378" in main_text and "10.3390/cancers13246368" in main_text


def test_seed_page_lay_summary_before_abstract(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    texts = [html.text(el) for el in html.main(root).iter()]
    lay = "Approximately 80% of metastatic patients with gastroenteropancreatic neuroendocrine neoplasms"
    abstract = "Neuroendocrine neoplasms (NENs) are rare and heterogeneous epithelial tumors"
    # The first element whose own text starts with each part: the lay summary must come first.
    lay_at = next(i for i, t in enumerate(texts) if t.startswith(lay))
    abstract_at = next(i for i, t in enumerate(texts) if t.startswith(abstract))
    assert lay_at < abstract_at
    assert texts[abstract_at].endswith("strengths and limitations of each modality.")
    assert not texts[abstract_at].startswith("ABSTRACT")
    headings = [h.casefold() for h in html.headings(html.main(root), "h2", "h3")]
    assert any("abstract" in h for h in headings)


def test_seed_page_full_record_has_every_field(html, demo_site) -> None:
    (record,), _ = read_file(REPO / "content" / "records" / "000_9bf5f723bdeec259.txt", "seed")
    root = demo_site.doc(SEED_PAGE)
    parents = html.parents(root)
    heading = next(el for el in html.main(root).iter() if el.tag in {"h2", "h3", "summary"}
                   and "full record" in html.text(el).casefold())
    view = parents[heading]
    cell_texts = {html.text(el) for el in view.iter()}
    view_text = html.text(view)
    assert len(record.fields) == 24
    for f in record.fields:
        assert f.name in cell_texts, f"field name {f.name!r} not shown in the full record"
        for value in f.values:
            assert clean(value) in view_text, f"value of {f.name} not shown: {value[:60]!r}"


def test_seed_page_related_articles(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    parents = html.parents(root)
    heading = next(el for el in html.main(root).iter() if el.tag in {"h2", "h3"}
                   and "related" in html.text(el).casefold())
    section = parents[heading]
    targets = [html.resolve(SEED_PAGE, href)[0] for href, _ in html.anchors(section)]
    related = [t for t in targets if t.startswith("articles/")]
    assert related
    assert SEED_PAGE not in related
    assert len(set(related)) == len(related)
    assert all((demo_site.out / t).is_file() for t in related)


# --- an author page ----------------------------------------------------------------------------------------

def test_author_page_of_hubele(html, demo_site, demo_articles) -> None:
    page = "authors/hubele-fabrice.html"
    root = demo_site.doc(page)
    assert html.headings(root, "h1") == ["Hubelé, Fabrice"]
    works = [(t, text) for t, text in links_under(html, demo_site, page, "articles") if t.endswith(".html")]
    mine = [a for a in demo_articles if any(p.name == "Hubelé, Fabrice" for p in a.authors)]
    assert [posixpath.basename(t) for t, _ in works] == [f"{a.id}.html" for a in mine] == ["pubmed-8699378.html"]
    assert works[0][1] == TITLE
    # One article: its co-authors are its byline, linked on its page; the author's page counts them (a list of
    # each, written together once, was a seventh of a large site's bytes).
    coauthors = link_parent_texts(html, root, "authors/")
    assert [h for h, _, _ in coauthors if "hubele-fabrice" not in h and "index.html" not in h] == []
    expected = Counter(p.name for a in mine for p in a.authors if p.name != "Hubelé, Fabrice")
    assert len(expected) == 12
    section = next(s for s in html.main(root).iter("section") if s.get("aria-labelledby") == "coauthors")
    assert "12 co-authors, each named on the page of the article written together." in html.text(section)
    byline = link_parent_texts(html, demo_site.doc("articles/pubmed-8699378.html"), "authors/")
    assert {t for _, t, _ in byline} >= set(expected)


def test_author_pages_list_the_coauthors_of_several_articles(html, demo_site, demo_articles) -> None:
    """Co-authors of two articles or more are listed with their count; the others are counted in a sentence."""
    written: dict[str, list] = {}
    for a in demo_articles:
        for person in a.authors:
            written.setdefault(person.name, []).append(a)
    pages = {html.headings(demo_site.doc(f"authors/{p.name}"), "h1")[0]: p.name
             for p in (demo_site.out / "authors").glob("*.html") if "_" not in p.name and p.name != "index.html"}
    checked = 0
    for name, articles in written.items():
        if name not in pages:
            continue
        together = Counter(p.name for a in articles for p in a.authors if p.name != name)
        root = demo_site.doc(f"authors/{pages[name]}")
        section = next((s for s in html.main(root).iter("section") if s.get("aria-labelledby") == "coauthors"), None)
        if not together:
            assert section is None, name
            continue
        listed = {html.text(a): count_in(html.text(html.parents(root)[a]).replace(html.text(a), ""))
                  for a in section.iter("a")}
        assert listed == {n: c for n, c in together.items() if c > 1}, name
        others = sum(1 for c in together.values() if c == 1)
        assert not others or f"{others} {'other ' if listed else ''}co-author" in html.text(section), name
        checked += 1
    assert checked > 40


# --- topics ------------------------------------------------------------------------------------------------

def summary_topics(articles) -> Counter:
    """Topics that content/summaries/*.md add to the article they name (read with YAML, not the summaries code)."""
    added: Counter = Counter()
    for path in sorted((REPO / "content" / "summaries").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        article = next(a for a in articles if a.id == meta.get("id") or a.doi == meta.get("doi")
                       or a.pmid == str(meta.get("pmid")) or a.pmcid == meta.get("pmcid"))
        added.update(t for t in meta.get("topics", []) if t not in article.topics)
    return added


def test_topic_index_and_topic_page(html, demo_site, demo_articles) -> None:
    index = "topics/index.html"
    root = demo_site.doc(index)
    assert html.headings(root, "h1") == ["Topics"]
    expected = Counter(t for a in demo_articles for t in dict.fromkeys(a.topics))
    expected.update(summary_topics(demo_articles))  # the club's summaries add topics of their own
    listed = {text: (href, parent) for href, text, parent in link_parent_texts(html, root, ".html")
              if html.resolve(index, href)[0].startswith("topics/") and not href.endswith("index.html")}
    assert set(listed) == set(expected)
    for name, (_, parent_text) in listed.items():
        assert count_in(parent_text.replace(name, "")) == expected[name], name
    href, _ = listed["Review"]
    topic_page = html.resolve(index, href)[0]
    assert html.headings(demo_site.doc(topic_page), "h1") == ["Review"]
    articles = links_under(html, demo_site, topic_page, "articles")
    assert len(articles) == expected["Review"]
    assert "articles/pubmed-8699378.html" in [t for t, _ in articles]
    assert all((demo_site.out / t).is_file() for t, _ in articles)


# --- authors A–Z -------------------------------------------------------------------------------------------

def test_authors_index_a_to_z_with_counts(html, demo_site, demo_articles) -> None:
    index = "authors/index.html"
    root = demo_site.doc(index)
    assert html.headings(root, "h1") == ["Authors"]
    per_author = Counter(name for a in demo_articles for name in dict.fromkeys(clean(p.name) for p in a.authors))
    parents = html.parents(root)
    letter = ""
    seen: list[tuple[str, str]] = []
    letters: list[str] = []
    for el in html.main(root).iter():
        if el.tag in {"h2", "h3"} and len(html.text(el)) == 1:
            letter = html.text(el)
            letters.append(letter)
        if el.tag == "a" and "href" in el.attrib:
            target, _ = html.resolve(index, el.get("href"))
            if not target.startswith("authors/") or target == index:
                continue
            slug = posixpath.basename(target)[:-len(".html")]
            assert letter, "author listed before any letter heading"
            assert slug[0].upper() == letter or (letter == "#" and not slug[0].isalpha()), (slug, letter)
            assert (demo_site.out / target).is_file(), target
            works = [w for w in links_under(html, demo_site, target, "articles") if w[0].endswith(".html")]
            count = count_in(html.text(parents[el]).replace(html.text(el), ""))
            assert count == len(works), slug
            seen.append((slug, html.text(el)))
    assert letters == sorted(letters) and len(set(letters)) == len(letters)
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)
    assert len(seen) == len(per_author)
    hubele = [(s, t) for s, t in seen if s == "hubele-fabrice"]
    assert hubele and "Hubelé" in hubele[0][1]


# --- years and journals ------------------------------------------------------------------------------------

def test_years_index_and_year_page(html, demo_site, demo_articles) -> None:
    index = "years/index.html"
    root = demo_site.doc(index)
    assert html.headings(root, "h1") == ["Years"]
    expected = Counter(a.year or "Undated" for a in demo_articles)
    listed = {text: (href, parent) for href, text, parent in link_parent_texts(html, root, ".html")
              if html.resolve(index, href)[0].startswith("years/") and not href.endswith("index.html")}
    assert set(listed) == set(expected)
    for year, (_, parent_text) in listed.items():
        assert count_in(parent_text.replace(year, "")) == expected[year], year
    dated = [y for y in listed if y.isdigit()]
    assert dated == sorted(dated, reverse=True)
    page = html.resolve(index, listed["2021"][0])[0]
    targets = [t for t, _ in links_under(html, demo_site, page, "articles")]
    assert SEED_PAGE in targets and len(targets) == expected["2021"]


def test_journals_index_and_journal_page(html, demo_site, demo_articles) -> None:
    index = "journals/index.html"
    root = demo_site.doc(index)
    assert html.headings(root, "h1") == ["Journals"]
    expected = Counter(a.journal for a in demo_articles if a.journal)
    listed = {text: (href, parent) for href, text, parent in link_parent_texts(html, root, ".html")
              if html.resolve(index, href)[0].startswith("journals/") and not href.endswith("index.html")}
    assert set(listed) == set(expected)
    for name, (_, parent_text) in listed.items():
        assert count_in(parent_text.replace(name, "")) == expected[name], name
    page = html.resolve(index, listed["Cancers (Basel)"][0])[0]
    assert html.headings(demo_site.doc(page), "h1") == ["Cancers (Basel)"]
    assert [t for t, _ in links_under(html, demo_site, page, "articles")] == [SEED_PAGE]


# --- the structured abstract and article lists -------------------------------------------------------------

def test_structured_abstract_headings(html, demo_site) -> None:
    root = demo_site.doc("articles/pubmed-3574550.html")
    headings = [h.casefold() for h in html.headings(html.main(root), "h2", "h3", "h4")]
    wanted = ["background", "patients and methods", "results", "conclusions"]
    found = [h for h in headings if h in wanted]
    assert found == wanted


def test_article_lists_have_no_doubled_full_stop(html, demo_site) -> None:
    """An entry with more than three authors reads "…, et al. Journal", not "…, et al.. Journal"."""
    for page in ("index.html", "topics/review.html", SEED_PAGE):
        text = html.text(html.main(demo_site.doc(page)))
        assert "et al.." not in text, page


# --- list items ------------------------------------------------------------------------------------------------

def test_a_site_article_item_template_is_used_on_every_list(tmp_path, demo_copier) -> None:
    """Each list item is rendered once and reused on every page (render.article_item): a site's own item
    template must still reach every list, with each page's own entries."""
    from site_builder.build import build

    site = demo_copier(tmp_path / "site")
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "article_item.html").write_text(
        '<li class="mine"><a href="{{ e.href }}">{{ e.title }}</a></li>\n',
        encoding="utf-8")
    out = tmp_path / "_site"
    assert build(site, out).report.errors == 0
    counts = {}
    for page in sorted((out / "authors").glob("*.html")):
        if works := re.search(r'<h2 id="works">(\d+) articles?</h2>', text := page.read_text(encoding="utf-8")):
            counts[page.name] = (int(works.group(1)), text.count('<li class="mine">'))
    assert len(counts) > 40 and all(listed == found for listed, found in counts.values())
    assert max(listed for listed, _ in counts.values()) > 1
    seed = (out / SEED_PAGE).read_text(encoding="utf-8")
    related = seed[seed.index('id="related"'):]
    assert '<li class="mine">' in related
    home = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="articles/' in home and 'class="mine"' in home  # the home page's entries link from the root


def test_a_site_article_files_template_is_used_on_every_joined_download(tmp_path, demo_copier) -> None:
    """Each article's own files in an author's joined download are rendered once and reused on every author's
    page (render.joined_items): a site's own template for them must still reach every such page, with each page's
    own articles."""
    from site_builder.build import build

    site = demo_copier(tmp_path / "site")
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "templates" / "partials" / "article_files.html").write_text(
        '<li class="mine">{% for fmt, href, name in files %}{{ name }} {% endfor %}</li>\n', encoding="utf-8")
    out = tmp_path / "_site"
    assert build(site, out).report.errors == 0
    checked = 0
    for page in sorted((out / "authors").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data-joined=" not in text:
            continue
        listed = re.findall(r'<a class="title" href="../articles/([^"]+)\.html"', text)
        assert re.findall(r'<li class="mine">([^ <]+)\.bib ', text) == listed, page.name
        checked += 1
    assert checked >= 2  # the demo's authors of several articles


def test_list_items_forgotten_between_lists_leave_every_page_the_same(tmp_path, demo_site, demo_copier,
                                                                      monkeypatch) -> None:
    """An environment forgets its rendered list items past render.ITEMS_KEPT: with none kept from one list to
    the next, every page is as the demo build's, which kept them all."""
    from site_builder.build import build
    from site_builder.render import pages as render_pages

    monkeypatch.setattr(render_pages, "ITEMS_KEPT", 0)  # forked render workers inherit it
    out = tmp_path / "_site"
    assert build(demo_copier(tmp_path / "site"), out).report.errors == 0
    pages = sorted(p.relative_to(out) for p in out.rglob("*.html"))
    assert len(pages) > 100 and pages == sorted(p.relative_to(demo_site.out) for p in demo_site.out.rglob("*.html"))
    assert [p for p in pages if (out / p).read_bytes() != (demo_site.out / p).read_bytes()] == []
