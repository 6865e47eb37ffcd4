"""A real browser on the real site: Debian's chromium driven by Playwright, under the Pages subpath as served by
``site-builder serve`` and from file://, following links home → article → author and article → topic, and
watching an open page reload itself after an edit.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.browsing import need_browser
from e2e.serving import BASE_URL, REPO_NAME, SEED_PAGE, copy_site, retitle, serving, static_server
from site_builder.build import build

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser

need_browser()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def follow(page, selector: str) -> str:
    """Click the first link matching ``selector`` and return the new page's first heading."""
    link = page.locator(selector).first
    with page.expect_navigation():
        link.click()
    heading = page.locator("main h1").first.inner_text()
    assert heading.strip(), f"{page.url} has no heading"
    return heading


def walk_home_article_author_topic(page, home: str) -> list[str]:
    """Home → first article → its first author; back to the article → its first topic. The URLs visited."""
    page.goto(home)
    assert page.locator("main h1").count() == 1
    visited = [page.url]
    follow(page, "main ol.articles a.title")
    article = page.url
    visited.append(article)
    assert "/articles/" in article
    follow(page, 'main a[href^="../authors/"]:not([href$="index.html"])')
    visited.append(page.url)
    assert "/authors/" in page.url and page.locator("main ol.articles a.title").count() >= 1
    page.goto(article)
    follow(page, 'main a[href^="../topics/"]:not([href$="index.html"])')
    visited.append(page.url)
    assert "/topics/" in page.url
    styled = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert styled and "Times" not in styled, "the stylesheet did not load"
    return visited


def test_the_served_site_under_the_subpath_and_live_reload(tmp_path: Path, page) -> None:
    site = copy_site(tmp_path / "site", base_url=BASE_URL)
    with serving(site) as server:
        assert server.url.endswith(f"/{REPO_NAME}/")
        visited = walk_home_article_author_topic(page, server.url)
        assert all(f"/{REPO_NAME}/" in url for url in visited)

        page.goto(server.url + SEED_PAGE)
        page.evaluate("window.notReloadedYet = true")
        retitle(site, "Retitled While The Browser Watched")
        page.wait_for_function("() => document.querySelector('main h1').textContent.includes('Retitled While')")
        assert page.evaluate("window.notReloadedYet") is None  # the page reloaded by itself


def test_the_same_site_from_file_urls(tmp_path: Path, page) -> None:
    site = copy_site(tmp_path / "site")
    result = build(site, tmp_path / "out")
    assert result.unwritten == 0
    visited = walk_home_article_author_topic(page, (tmp_path / "out" / "index.html").as_uri())
    assert all(url.startswith("file://") for url in visited)
    shutil.rmtree(tmp_path / "out")


def test_an_authors_list_downloads_joined_in_the_browser(tmp_path: Path, page) -> None:
    """On a served author page the BibTeX button saves one file of the author's articles, joined from their own
    files without their abstracts, as the topics' list files; opened from disk the page keeps the plain links."""
    out = tmp_path / "site" / REPO_NAME
    assert build(REPO, out).unwritten == 0
    author = next(p for p in sorted((out / "authors").glob("*.html")) if b"data-joined" in p.read_bytes())
    rel = author.relative_to(out).as_posix()
    with static_server(tmp_path / "site") as root:
        page.goto(f"{root}/{REPO_NAME}/{rel}")
        links = page.locator('section[data-joined] a[data-format="bibtex"]')
        files = [out / "authors" / href for href in links.evaluate_all("all => all.map(a => a.getAttribute('href'))")]
        assert len(files) > 1
        with page.expect_download() as saving:
            page.locator('section[data-joined] button[data-format="bibtex"]').click()
        download = saving.value
        assert download.suggested_filename == author.stem + ".bib"
        saved = Path(download.path()).read_text(encoding="utf-8")
    own = [f.resolve().read_text(encoding="utf-8") for f in files]
    # A list gives each article without its abstract, the last field of its own BibTeX entry (cite/exports.py).
    assert any("\n  abstract = {" in text for text in own)
    assert saved == "\n".join(text.split("\n  abstract = {")[0] + "\n}\n" if "\n  abstract = {" in text else text
                               for text in own)
    page.goto(author.as_uri())
    assert page.locator("section[data-joined] button").count() == 0
    assert page.locator('section[data-joined] a[data-format="bibtex"]').count() == len(files)
