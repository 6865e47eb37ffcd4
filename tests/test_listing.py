"""Long lists in pages: every page of every order of a list, with links that work without JavaScript, each
article once per order; the author index split by letter when large. Checked on the built demo, with the page
sizes made small enough for its 43 records to need them."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.build import build
from site_builder.model import library
from site_builder.model.article import Article
from site_builder.plan import listing, orders, urls
from site_builder.plan import pages as plan_pages
from site_builder.plan.orders import Ranks


def test_page_paths_sit_beside_the_list_and_cannot_meet_a_slug() -> None:
    assert listing.page_path("topics/x.html") == "topics/x.html"
    assert listing.page_path("topics/x.html", "2") == "topics/x_2.html"
    assert listing.page_path("topics/x.html", "oldest", "3") == "topics/x_oldest_3.html"


def test_a_short_list_is_one_page_in_one_order() -> None:
    keys = [f"a{n}" for n in range(listing.SORTED_FROM - 1)]
    ranks = {k: Ranks(f"{n:03}", f"{n:03}", f"{n:03}") for n, k in enumerate(keys)}
    ((path, only),) = listing.listings("topics/t.html", keys, ranks)
    assert path == "topics/t.html" and only.keys == tuple(keys)
    assert (only.orders, only.pages, only.main, only.start) == ((), (), True, 1)


@pytest.mark.parametrize("sorted_orders", [True, False])
def test_one_page_from_is_the_first_length_that_listings_makes_more_than_one_page_of(sorted_orders: bool) -> None:
    """The plan makes an author's list of one page without asking ``listings`` (plan/pages.py's _author_pages),
    from this length on it asks."""
    for total in range(listing.PAGE_SIZE + 3):
        keys = [f"a{n:03}" for n in range(total)]
        ranks = {k: Ranks(f"{n:03}", f"{total - n:03}", f"{n:03}") for n, k in enumerate(keys)}
        found = listing.listings("authors/x.html", tuple(keys), ranks, sorted_orders)
        one = [("authors/x.html", listing.Listing(tuple(keys), total, 1, "newest", (), (), True))]
        assert (found == one) == (total < listing.one_page_from(sorted_orders)), total


def test_the_plan_makes_each_authors_pages_as_listings_does(demo_copier, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every author's pages, those of a list of one page too, are the pages ``listings`` gives for the list: the
    same paths, Listings and contexts."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)  # authors of one article and of several pages
    result = build(demo_copier(tmp_path / "site"), tmp_path / "_site")
    assert result.site is not None
    pages = {p.path: p for p in result.planned() if p.template == "author.html"}
    expected = {path: (part, sorted_from) for key, author in result.site.library.authors.items()
                for path, part, sorted_from in plan_pages._listings(result.site, urls.author(key), author.articles)}
    assert pages.keys() == expected.keys()
    lengths = set()
    for path, page in pages.items():
        part, sorted_from = expected[path]
        assert isinstance(page.more, functools.partial) and page.more.args[-1] == part, path
        assert page.context == {"site": result.site, "root": "../", **sorted_from}, path
        lengths.add(len(page.more.args[-1].keys))
    assert {1, 2} <= lengths


def test_a_long_list_has_pages_in_each_order() -> None:
    total = listing.PAGE_SIZE * 2 + 5
    keys = [f"a{n:03}" for n in range(total)]
    ranks = {k: Ranks(newest=f"{n:03}", oldest=f"{total - 1 - n:03}", title=f"{(n * 7) % total:03}")
             for n, k in enumerate(keys)}
    found = dict(listing.listings("years/2021.html", keys, ranks))
    assert list(found) == ["years/2021.html", "years/2021_2.html", "years/2021_3.html",
                           "years/2021_oldest.html", "years/2021_oldest_2.html", "years/2021_oldest_3.html",
                           "years/2021_title.html", "years/2021_title_2.html", "years/2021_title_3.html"]
    for order, key in (("newest", "newest"), ("oldest", "oldest"), ("title", "title")):
        pages = [p for p in found.values() if p.order == order]
        shown = [k for p in pages for k in p.keys]
        assert shown == sorted(keys, key=lambda k: getattr(ranks[k], key)), order
        assert [p.start for p in pages] == [1, listing.PAGE_SIZE + 1, 2 * listing.PAGE_SIZE + 1]
    second = found["years/2021_oldest_2.html"]
    assert [(link.href, link.label, link.current) for link in second.pages] == [
        ("2021_oldest.html", "1", False), ("2021_oldest_2.html", "2", True), ("2021_oldest_3.html", "3", False)]
    assert [(link.href, link.current) for link in second.orders] == [
        ("2021.html", False), ("2021_oldest.html", True), ("2021_title.html", False)]
    assert (second.previous, second.next) == ("2021_oldest.html", "2021_oldest_3.html")
    assert [p.main for p in found.values()] == [True] + [False] * 8


def test_a_large_author_index_is_split_by_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listing, "LETTERS_FROM", 5)
    monkeypatch.setattr(listing, "NAMES_PER_PAGE", 2)
    keys = ["abe", "adams", "ahn", "baker", "o-brien", "zhu", "1st-group"]
    found = dict(listing.author_index("authors/index.html", sorted(keys)))
    assert list(found) == ["authors/index.html", "authors/index_a.html", "authors/index_a_2.html",
                           "authors/index_b.html", "authors/index_o.html", "authors/index_z.html",
                           "authors/index_other.html"]
    overview = found["authors/index.html"]
    assert overview.names == () and [link.label for link in overview.letters] == ["A", "B", "O", "Z", "#"]
    assert [k for path, page in found.items() for k in page.names] == sorted(keys, key=lambda k: (
        listing.letter_of(k) == "#", listing.letter_of(k), k))
    assert [(link.label, link.current) for link in found["authors/index_a_2.html"].pages] == [("1", False),
                                                                                            ("2", True)]


@pytest.fixture(scope="module")
def paged_demo(tmp_path_factory: pytest.TempPathFactory, demo_copier) -> Path:
    """The demo built with pages of 10 articles, every order of a long list (``list_orders``), and the author index
    split at 50 names, 30 a page."""
    site = demo_copier(tmp_path_factory.mktemp("paged-site") / "site")
    (site / "site.toml").write_text((site / "site.toml").read_text(encoding="utf-8") + "\nlist_orders = true\n",
                                    encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listing, "PAGE_SIZE", 10)
        patch.setattr(listing, "LETTERS_FROM", 50)
        patch.setattr(listing, "NAMES_PER_PAGE", 30)
        out = tmp_path_factory.mktemp("paged") / "_site"
        result = build(site, out)
    assert result.report.errors == 0 and result.unwritten == 0
    return out


def articles_on(html, page: Path) -> list[str]:
    root = html.parse(page)
    lists = [ol for ol in html.main(root).iter("ol") if "articles" in (ol.get("class") or "")]
    return [a.get("href") for ol in lists for a in ol.iter("a") if "title" in (a.get("class") or "")]


def test_every_article_of_a_topic_once_in_each_order_with_working_links(html, paged_demo: Path) -> None:
    folder = paged_demo / "topics"
    main = html.parse(folder / "review.html")
    orders = [nav for nav in html.main(main).iter("nav") if nav.get("aria-label") == "Order of the list"]
    order_links = [href for href, _ in html.anchors(orders[0])]
    assert order_links == ["review.html", "review_oldest.html", "review_title.html"]
    every = None
    for first in order_links:
        root = html.parse(folder / first)
        pager = next(nav for nav in html.main(root).iter("nav") if nav.get("aria-label") == "Pages of the list")
        pages = [href for href, _ in html.anchors(pager)]
        assert all((folder / p).is_file() for p in pages)
        shown = [a for p in pages for a in articles_on(html, folder / p)]
        assert len(shown) == len(set(shown)) == int(re.search(r"(\d+) articles", html.text(main)).group(1))
        every = every or set(shown)
        assert set(shown) == every, first
        starts = [html.parse(folder / p).find(".//ol[@class='articles']").get("start") for p in pages]
        assert starts == [None] + [str(1 + 10 * n) for n in range(1, len(pages))]


def test_only_a_lists_own_page_is_a_search_result(paged_demo: Path) -> None:
    folder = paged_demo / "topics"
    assert b"data-pagefind-body" in (folder / "review.html").read_bytes()
    for other in ("review_2.html", "review_oldest.html", "review_title.html"):
        assert b"data-pagefind-body" not in (folder / other).read_bytes(), other


def test_the_oldest_order_runs_by_date(html, paged_demo: Path) -> None:
    folder = paged_demo / "topics"
    pages = sorted(folder.glob("review_oldest*.html"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 1))
    dates = [t.get("datetime") for p in pages for t in html.main(html.parse(p)).iter("time")]
    assert dates and dates == sorted(dates)


def test_the_pager_marks_the_current_page_and_its_neighbours(html, paged_demo: Path) -> None:
    root = html.parse(paged_demo / "topics" / "review_2.html")
    pager = next(nav for nav in html.main(root).iter("nav") if nav.get("aria-label") == "Pages of the list")
    marks = [(a.get("href"), a.get("aria-current"), a.get("rel")) for a in pager.iter("a")]
    assert marks[:3] == [("review.html", None, "prev"), ("review_2.html", "page", None),
                         ("review_3.html", None, "next")]


def test_downloads_belong_to_the_list_not_to_its_pages(paged_demo: Path) -> None:
    folder = paged_demo / "topics"
    assert (folder / "review.bib").is_file()
    assert not list(folder.glob("review_*.bib")) and not list(folder.glob("review_*.ris"))


def test_an_authors_joined_download_is_on_the_first_page_of_the_list_only(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each further page or order repeating every article's file links cost 57 MB at 10,000 records."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)  # every author of several articles has further pages
    out = tmp_path / "_site"
    build(Path(__file__).resolve().parents[1], out)
    further = sorted(p for p in (out / "authors").glob("*_*.html") if not p.name.startswith("index"))
    assert further
    for page in further:
        first = page.with_name(page.name.split("_")[0] + ".html")
        assert b"data-joined=" not in page.read_bytes() and b"data-joined=" in first.read_bytes(), page.name


def test_the_split_author_index_lists_every_author_once(html, paged_demo: Path) -> None:
    folder = paged_demo / "authors"
    overview = html.parse(folder / "index.html")
    letters = [href for href, _ in html.anchors(next(n for n in overview.iter("nav")
                                                     if n.get("aria-label") == "Letters"))]
    assert letters and all(re.fullmatch(r"index_([a-z]|other)\.html", h) for h in letters)
    listed = []
    for first in letters:
        root = html.parse(folder / first)
        pager = [n for n in root.iter("nav") if n.get("aria-label") == "Pages of this letter"]
        pages = [href for href, _ in html.anchors(pager[0])] if pager else [first]
        for page in pages:
            targets = [html.resolve(f"authors/{page}", href)[0]
                       for href, _ in html.anchors(html.main(html.parse(folder / page))) if not href.startswith("#")]
            listed += [t.removeprefix("authors/") for t in targets
                       if t.startswith("authors/") and not t.startswith("authors/index")]
    authors = sorted(p.name for p in folder.glob("*.html") if not p.name.startswith("index") and "_" not in p.name)
    assert sorted(listed) == authors


def test_by_default_a_long_list_runs_newest_first_only(html, demo_site) -> None:
    """Without ``list_orders`` no list has pages in other orders, nor links to them."""
    assert not [p for p in demo_site.out.rglob("*.html") if "_oldest" in p.name or "_title" in p.name]
    root = demo_site.doc("topics/review.html")
    assert not [nav for nav in html.main(root).iter("nav") if nav.get("aria-label") == "Order of the list"]
    assert int(re.search(r"(\d+) articles, newest first", html.text(html.main(root))).group(1)) > 20


TITLES = st.text(st.sampled_from("aAbB zZ09-./:_!é€ßİ“\u0001\t\"&<>,~{\U0001f600"), max_size=6)
DATES = st.sampled_from(["", "2021", "2021-03", "2021-03-04", "2021-12-31", "2020", "197-?"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.from_regex(r"[a-z0-9-]{1,6}", fullmatch=True), TITLES, DATES),
                unique_by=lambda t: t[0], max_size=25))
def test_each_articles_own_ranks_sort_the_collection_as_its_orders_do(found: list[tuple[str, str, str]]) -> None:
    """An article's Ranks, made from it alone, compared as text (as Pagefind compares text sort values) put the
    collection in the library's orders: newest first (newest_first), oldest first by date, folded title and key
    with the undated last in newest order, by folded title newest first; and they read as text, not numbers, and
    come back as they were from the packed form the plan holds them in."""
    ordered = dict(library.newest_first([(key, Article(id=key, title=title, date=date))
                                         for key, title, date in found]))
    newest = {k: n for n, k in enumerate(ordered)}
    titles = {k: orders.title_key(a.title) for k, a in ordered.items()}
    oldest = sorted((k for k, a in ordered.items() if a.date), key=lambda k: (ordered[k].date, titles[k], k))
    oldest += [k for k, a in ordered.items() if not a.date]
    ranks = {k: orders.ranks_of(k, a) for k, a in ordered.items()}
    assert sorted(ordered, key=lambda k: ranks[k].newest) == list(ordered)
    assert sorted(ordered, key=lambda k: ranks[k].oldest) == oldest
    assert sorted(ordered, key=lambda k: ranks[k].title) == sorted(ordered, key=lambda k: (titles[k], newest[k]))
    written = [getattr(r, order) for r in ranks.values() for order in orders.ORDERS]
    assert all(re.fullmatch(r"[!$%+\-.0-9_a-z{~]+", text) for text in written), written
    assert all(orders.unpacked(orders.packed(r)) == r for r in ranks.values())  # as the plan holds them
