"""Search in a real browser: the demo site built with its Pages base URL and served under /<repo>/ as GitHub Pages
serves it, driven by Debian's chromium through Playwright, as a reader would (typing, clicking, the keyboard alone).

A query puts the expected article first, accents and case aside; a facet narrows the results to its count; a sort
reorders them; reload and Back restore what the URL says; bad queries answer calmly; axe-core finds nothing in
light or dark mode; no page logs an error. Also: without JavaScript, from file://, from a 404 page at any depth,
and through ``site-builder serve`` while a record is edited.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from e2e.browsing import need_browser
from e2e.serving import (
    AXE,
    BASE_URL,
    REPO,
    REPO_NAME,
    SEED_PAGE,
    axe_violations,
    copy_site,
    retitle,
    serving,
    static_server,
)
from site_builder.build import BuildResult, build
from site_builder.plan import urls

SEED_TITLE = "Liver-Directed Therapy for Neuroendocrine Metastases"
PAGE_SIZE = 10
"""Results per page (static/search.js)."""

pytestmark = pytest.mark.browser

need_browser()


@pytest.fixture(scope="module")
def site_url(built: BuildResult) -> Iterator[str]:
    """The site's address: http://127.0.0.1:N/<repo>/."""
    with static_server(built.output.parent) as origin:
        yield f"{origin}/{REPO_NAME}/"


class Tab:
    """A page in a fresh browser context that keeps every console error and uncaught exception it sees."""

    def __init__(self, browser, **options) -> None:
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def shown(self) -> None:
        """Wait until the results and the facets' counts on screen are those the address asks for."""
        self.page.wait_for_function("""() => {
            const form = document.getElementById('search');
            if (!form || form.dataset.shown === undefined || form.dataset.counted !== form.dataset.shown) return false;
            const norm = (s) => [...new URLSearchParams(s.startsWith('?') ? s : '')].map(String).sort().join('&');
            return norm(form.dataset.shown) === norm(location.search);
        }""")

    def status(self) -> str:
        return self.page.locator("#search-status").inner_text()

    def count(self) -> int:
        found = re.match(r"([\d,]+) articles?", self.status())
        return int(found.group(1).replace(",", "")) if found else 0

    def results(self) -> list[dict[str, str]]:
        return self.page.eval_on_selector_all("#search-results > li", """items => items.map(li => ({
            title: li.querySelector('a.title').textContent, href: li.querySelector('a.title').href,
            meta: li.querySelector('.meta').textContent,
            marks: [...li.querySelectorAll('.excerpt mark')].map(m => m.textContent)}))""")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    opened = Tab(browser)
    yield opened
    errors = list(opened.errors)
    opened.close()
    assert errors == [], "the browser console showed errors"


def search(tab: Tab, site_url: str, query: str) -> None:
    tab.page.goto(f"{site_url}search.html?q={quote(query)}")
    tab.shown()


def type_query(tab: Tab, text: str) -> None:
    box = tab.page.locator("#search-q")
    box.fill("")
    box.press_sequentially(text, delay=20)
    tab.page.wait_for_function("(q) => new URLSearchParams(location.search).get('q') === q", arg=text)
    tab.shown()


# --- finding -------------------------------------------------------------------------------------------------

def test_a_typed_query_puts_the_expected_article_first(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "search.html")
    tab.shown()
    type_query(tab, "neuroendocrine liver directed")
    first = tab.results()[0]
    assert first["title"].startswith(SEED_TITLE)
    assert first["href"] == site_url + SEED_PAGE
    assert "Cancers (Basel)" in first["meta"] and "2021" in first["meta"]
    assert tab.status() == f"{tab.count()} article{'s' if tab.count() > 1 else ''} for “neuroendocrine liver directed”"


def test_words_typed_while_pagefind_loads_are_searched_once_it_has(tab: Tab, site_url: str) -> None:
    held = []  # Pagefind's script, kept back until the words are typed
    tab.page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    tab.page.goto(site_url + "search.html", wait_until="domcontentloaded")
    tab.page.locator("#search-q").fill("radioembolization")
    while not held:
        tab.page.wait_for_timeout(50)
    held[0].continue_()
    tab.shown()
    assert parse_qs(urlsplit(tab.page.url).query)["q"] == ["radioembolization"]
    assert tab.count() == 1


@pytest.mark.parametrize("query", ["hubele", "HUBELÉ", "Hubelé", "34944988", "PMC8699378", "10.3390/cancers13246368"])
def test_names_and_identifiers_find_their_article_whatever_the_accents_and_case(tab: Tab, site_url: str,
                                                                               query: str) -> None:
    search(tab, site_url, query)
    assert tab.count() == 1
    assert tab.results()[0]["href"] == site_url + SEED_PAGE


def test_a_persons_name_offers_their_page(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "hubele")
    people = tab.page.eval_on_selector_all("#search-people li a", "links => links.map(a => [a.textContent, a.href])")
    assert people == [["Hubelé, Fabrice", site_url + "authors/hubele-fabrice.html"]]
    assert "Author" in tab.page.locator("#search-people li").inner_text()


def test_results_show_authors_journal_year_verdict_and_marked_words(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "radioembolization")
    (hit,) = tab.results()
    assert hit["meta"].startswith("Roberto Luigi Cazzato, Fabrice Hubelé, Pierre De Marini, et al.")
    assert [m.casefold() for m in hit["marks"]] and all("radioemboli" in m.casefold() for m in hit["marks"])
    assert tab.page.locator("#search-results .verdict").count() == 1


# --- facets and sorts ------------------------------------------------------------------------------------------

def facet_values(tab: Tab, facet: str) -> list[tuple[str, int, bool]]:
    return [(v, int(n.replace(",", "")), c) for v, n, c in tab.page.eval_on_selector_all(
        f"fieldset[data-facet={facet}] li", """items => items.map(li => [li.querySelector('input').value,
            li.querySelector('.count').textContent, li.querySelector('input').checked])""")]


def test_a_facet_narrows_the_results_to_its_count(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "cancer")
    total = tab.count()
    years = facet_values(tab, "year")
    assert sum(n for _, n, _ in years) == total  # each article has one year
    year, count, _ = next((v, n, c) for v, n, c in years if 1 < n < total)
    tab.page.locator(f"fieldset[data-facet=year] input[value='{year}']").check()
    tab.shown()
    assert tab.count() == count
    hits = tab.results()
    assert len(hits) == min(count, PAGE_SIZE) and all(year in hit["meta"] for hit in hits)
    assert parse_qs(urlsplit(tab.page.url).query) == {"q": ["cancer"], "year": [year]}
    assert (year, count, True) in facet_values(tab, "year")


def test_topic_facet_counts_match_the_lists_they_give(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "tumour")
    for value, count, _ in facet_values(tab, "topic")[:3]:
        tab.page.goto(f"{site_url}search.html?q=tumour&topic={quote(value)}")
        tab.shown()
        assert tab.count() == count and len(tab.results()) == min(count, PAGE_SIZE), value


def years_of(hits: list[dict[str, str]]) -> list[int]:
    return [int(re.search(r"(\d{4})$", hit["meta"].strip()).group(1)) for hit in hits]


def test_a_sort_reorders_the_results(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "cancer")
    relevance = tab.results()
    tab.page.select_option("#search-sort", "oldest")
    tab.shown()
    oldest = tab.results()
    assert years_of(oldest) == sorted(years_of(oldest)) and oldest != relevance
    tab.page.select_option("#search-sort", "newest")
    tab.shown()
    assert years_of(tab.results()) == sorted(years_of(tab.results()), reverse=True)
    tab.page.select_option("#search-sort", "title")
    tab.shown()
    titles = [re.sub(r"[\W_]+", " ", h["title"].casefold()).strip() for h in tab.results()]
    assert titles == sorted(titles)
    assert parse_qs(urlsplit(tab.page.url).query)["sort"] == ["title"]


@pytest.fixture(scope="module")
def parted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with its articles indexed in three parts (at most 20 articles each), as a large one is."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urls, "ARTICLES_PER_INDEX", 20)
        result = build(REPO, tmp_path_factory.mktemp("parted") / REPO_NAME, base_url=BASE_URL)
    assert result.report.errors == 0
    assert (result.output / "pagefind" / "part3" / "pagefind-entry.json").is_file()
    with static_server(result.output.parent) as origin:
        yield f"{origin}/{REPO_NAME}/"


def test_articles_indexed_in_parts_give_the_same_counts_facets_and_orders(browser, site_url: str,
                                                                          parted_url: str) -> None:
    """Sorted results run across the parts as they run in one index, page after page, and facets count them all.

    The words searched for are in every part: a part that holds no word starting with a term matches the longest
    word it holds that starts the term instead (Pagefind's find_word_extensions, pagefind_web/src/search.rs), so
    a term missing from one part finds there what one index would not (with these parts, "liver" in 2021 finds
    five articles against four). Results by relevance are compared by their counts and facets only: each part
    scores its pages by its own statistics of words (BM25), so which of them the first page shows depends on how
    the pages were parted."""
    addresses = ["q=cancer&sort=newest", "q=cancer&sort=oldest", "q=cancer&sort=title", "q=cancer&sort=title&page=2",
                 "language=English&sort=oldest&page=2", "language=English&sort=title&page=3",
                 "language=English&page=4", "q=cancer&year=2021"]
    seen = []
    for url in (site_url, parted_url):
        tab = Tab(browser)
        try:
            shown = []
            for address in addresses:
                tab.page.goto(f"{url}search.html?{address}")
                tab.shown()
                titles = [hit["title"] for hit in tab.results()]
                by_relevance = "q=" in address and "sort=" not in address
                shown.append((tab.status(), len(titles) if by_relevance else titles, facet_values(tab, "topic"),
                              facet_values(tab, "year"), facet_values(tab, "journal")))
            assert tab.errors == []
        finally:
            tab.close()
        seen.append(shown)
    assert all(results for _status, results, *_facets in seen[0])
    for address, one, parts in zip(addresses, *seen, strict=True):
        assert parts == one, address


def test_reload_and_back_restore_the_state_in_the_url(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "cancer")
    before = (tab.status(), tab.results())
    tab.page.locator("fieldset[data-facet=language] input[value='English']").check()
    tab.shown()
    tab.page.select_option("#search-sort", "oldest")
    tab.shown()
    narrowed = (tab.status(), tab.results(), tab.page.url)
    tab.page.reload()
    tab.shown()
    assert (tab.status(), tab.results(), tab.page.url) == narrowed
    assert tab.page.locator("#search-sort").input_value() == "oldest"
    assert tab.page.locator("fieldset[data-facet=language] input[value='English']").is_checked()
    tab.page.go_back()
    tab.shown()
    assert tab.page.locator("#search-sort").input_value() == ""
    tab.page.go_back()
    tab.shown()
    assert (tab.status(), tab.results()) == before
    assert not tab.page.locator("fieldset[data-facet=language] input[value='English']").is_checked()
    assert tab.page.locator("#search-q").input_value() == "cancer"


def test_a_long_list_has_pages_and_search_within_a_topic_opens_with_its_facet(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "topics/review.html")
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Search within this topic").click()
    tab.shown()
    total = tab.count()
    assert total > PAGE_SIZE and len(tab.results()) == PAGE_SIZE
    assert facet_values(tab, "topic")[0] == ("Review", total, True)
    first = tab.results()
    tab.page.locator("#search-pages a[rel=next]").click()
    tab.shown()
    assert len(tab.results()) == min(PAGE_SIZE, total - PAGE_SIZE)
    assert not {h["href"] for h in first} & {h["href"] for h in tab.results()}
    assert parse_qs(urlsplit(tab.page.url).query) == {"topic": ["Review"], "page": ["2"]}


def test_search_within_an_author_names_them(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "authors/hubele-fabrice.html")
    with tab.page.expect_navigation():
        tab.page.get_by_role("link", name="Search within this author").click()
    tab.shown()
    assert tab.count() == 1 and tab.results()[0]["href"] == site_url + SEED_PAGE
    assert "Articles by Hubelé, Fabrice" in tab.page.locator("#search-chosen").inner_text()


# --- keyboard, screen readers, accessibility ------------------------------------------------------------------

def test_keyboard_alone_finds_and_opens_an_article(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("radioembolization")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab.shown()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#search-results a')"):
            break
    else:
        pytest.fail("Tab never reached a result")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + SEED_PAGE
    assert page.locator("main h1").inner_text().startswith(SEED_TITLE)


def test_the_count_is_announced_and_slash_focuses_the_box(tab: Tab, site_url: str) -> None:
    search(tab, site_url, "cancer")
    status = tab.page.locator("#search-status")
    assert status.get_attribute("role") == "status"
    assert re.fullmatch(r"\d+ articles for “cancer”", status.inner_text())
    tab.page.locator("#search-sort").focus()
    tab.page.keyboard.press("Escape")
    tab.page.locator("h1").click()
    tab.page.keyboard.press("/")
    assert tab.page.evaluate("document.activeElement.id") == "search-q"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_search_page_with_results_and_facets(tab: Tab, site_url: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm install --prefix .ci/node axe-core)")
    tab.page.emulate_media(color_scheme=scheme)
    search(tab, site_url, "cancer")
    tab.page.locator("fieldset[data-facet=journal] button.more").click()
    assert tab.page.locator("#search-facets").is_visible() and len(tab.results()) == PAGE_SIZE
    found = axe_violations(tab.page)
    assert found == []


# --- bad queries ------------------------------------------------------------------------------------------------

BAD_QUERIES = {
    "quotes": '"liver" \'tumour" "',
    "html": '<img src=x onerror="window.injected=1"><b>liver</b>',
    "script": "<script>window.injected=1</script> cancer",
    "long": "liver " * 1667,
    "stop words": "the of and a in",
    "emoji": "🧬 🔬 liver 🙂",
    "only punctuation": "?!.,;:()[]{}",
}


@pytest.mark.parametrize("name", list(BAD_QUERIES))
def test_bad_queries_answer_calmly(tab: Tab, site_url: str, name: str) -> None:
    query = BAD_QUERIES[name]
    tab.page.goto(site_url + "search.html")
    tab.shown()
    tab.page.locator("#search-q").fill(query)
    tab.page.locator("#search-q").press("Enter")
    tab.shown()
    assert tab.status()
    assert tab.page.evaluate("window.injected") is None
    assert tab.page.locator("#search img, #search script, #search b").count() == 0
    assert len(tab.page.locator("#search-q").input_value()) <= 200
    tab.page.goto(f"{site_url}search.html?q={quote(query)}")  # the same through the address
    tab.shown()
    assert tab.page.evaluate("window.injected") is None and tab.status()


# --- where search cannot run, and where it must ----------------------------------------------------------------

def test_without_javascript_the_box_leads_to_the_indexes(browser, site_url: str) -> None:
    tab = Tab(browser, java_script_enabled=False)
    try:
        tab.page.goto(site_url + "authors/index.html")
        tab.page.locator("#site-search").fill("liver")
        with tab.page.expect_navigation():
            tab.page.locator("#site-search").press("Enter")
        assert tab.page.url == site_url + "search.html?q=liver"
        note = tab.page.locator("noscript .search-note, .search-note").first
        assert "needs JavaScript" in tab.page.content()
        links = tab.page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
        for index in ("authors/index.html", "topics/index.html", "journals/index.html", "years/index.html"):
            assert site_url + index in links
        assert note is not None
    finally:
        tab.close()


def test_from_a_file_the_page_says_search_needs_the_site_served(browser, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out)
    tab = Tab(browser)
    try:
        tab.page.goto((out / "search.html").as_uri() + "?q=liver")
        offline = tab.page.locator("#search-offline")
        offline.wait_for(state="visible")
        assert "site-builder serve" in offline.inner_text()
        assert tab.page.locator("#search-ui").is_hidden()
        assert tab.errors == []
    finally:
        tab.close()
    shutil.rmtree(out)


@pytest.mark.parametrize("missing", ["gone.html", "articles/gone.html", "a/b/c/d/deep.html"])
def test_the_404_page_searches_from_any_depth(tab: Tab, site_url: str, missing: str) -> None:
    response = tab.page.goto(site_url + missing)
    assert response.status == 404
    assert tab.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    tab.errors.clear()  # the browser's word on the missing page itself; nothing else may complain
    tab.page.locator("#site-search").fill("hubele")
    with tab.page.expect_navigation():
        tab.page.locator("#site-search").press("Enter")
    tab.shown()
    assert tab.page.url == site_url + "search.html?q=hubele"
    assert tab.results()[0]["href"] == site_url + SEED_PAGE


def test_through_serve_results_follow_edits(browser, tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site", base_url=BASE_URL)
    tab = Tab(browser)
    try:
        with serving(site) as server:
            search(tab, server.url, "Sheepishly")
            assert tab.count() == 0
            retitle(site, "Sheepishly Retitled Review Of Liver Therapy")
            tab.page.wait_for_function("() => document.getElementById('search-results').children.length > 0",
                                       timeout=60_000)
            tab.shown()
            assert tab.results()[0]["title"] == "Sheepishly Retitled Review Of Liver Therapy"
            assert tab.results()[0]["href"] == server.url + SEED_PAGE
            assert tab.errors == []
    finally:
        tab.close()
