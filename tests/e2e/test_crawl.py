"""The demo site as GitHub Pages serves it: under /<repo>/ from a plain static server, crawled link by link.

Every link reachable from the home page answers 200; a missing page is answered with 404.html, whose links
work wherever the missing page was; the sitemap and the feed name only pages that exist.
"""

from __future__ import annotations

import posixpath
import urllib.parse
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator

import pytest

from e2e.serving import BASE_URL, REPO, REPO_NAME, fetch, static_server
from site_builder.build import BuildResult, build

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo built with the project-site base URL into <root>/<repo>/."""
    result = build(REPO, tmp_path_factory.mktemp("pages") / REPO_NAME, base_url=BASE_URL)
    assert result.unwritten == 0
    return result


@pytest.fixture(scope="module")
def served(built: BuildResult) -> Iterator[str]:
    """The origin of a static server whose root holds <repo>/, the built site."""
    with static_server(built.output.parent) as origin:
        yield origin


def links(html, body: str) -> list[str]:
    doc = html.parse(body.encode())
    return [value for _el, _attr, value in html.links(doc)]


def crawl(html, origin: str, start: str) -> dict[str, int]:
    """Status of every same-origin URL reachable from ``start`` (HTML pages are followed, other files fetched)."""
    seen: dict[str, int] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        status, body = fetch(url)
        seen[url] = status
        if status != 200 or not urllib.parse.urlsplit(url).path.endswith((".html", "/")):
            continue
        for href in links(html, body):
            target = urllib.parse.urldefrag(urllib.parse.urljoin(url, href)).url
            if target.startswith(origin):
                queue.append(target)
    return seen


def test_every_link_from_the_home_page_answers(served: str, html) -> None:
    seen = crawl(html, served, f"{served}/{REPO_NAME}/")
    broken = {url: status for url, status in seen.items() if status != 200}
    assert broken == {}
    paths = [urllib.parse.urlsplit(url).path for url in seen]
    assert all(p.startswith(f"/{REPO_NAME}/") for p in paths), "a link left the site's subpath"
    assert any("/articles/" in p for p in paths) and any("/authors/" in p for p in paths)
    assert len(seen) > 100


@pytest.mark.parametrize("missing", ["no-such-page.html", "articles/gone.html", "a/b/c/d/deep.html"])
def test_a_missing_page_gets_404_html_whose_links_work(served: str, html, missing: str) -> None:
    url = f"{served}/{REPO_NAME}/{missing}"
    status, body = fetch(url)
    assert status == 404 and "Page not found" in body
    found = [urllib.parse.urljoin(url, href) for href in links(html, body) if not href.startswith("#")]
    internal = [u for u in found if u.startswith(served)]
    assert any(u.endswith("static/style.css") for u in internal) and len(internal) >= 4
    assert {u: fetch(u)[0] for u in internal} == {u: 200 for u in internal}


def test_the_sitemap_and_robots_name_pages_that_exist(served: str) -> None:
    status, body = fetch(f"{served}/{REPO_NAME}/sitemap.xml")
    assert status == 200
    locations = [loc.text or "" for loc in ET.fromstring(body).iter(f"{SITEMAP}loc")]
    assert locations[0] == BASE_URL and len(locations) > 100
    assert all(loc.startswith(BASE_URL) for loc in locations)
    for loc in locations[:: max(1, len(locations) // 40)]:
        assert fetch(served + "/" + REPO_NAME + "/" + loc.removeprefix(BASE_URL))[0] == 200, loc
    robots = fetch(f"{served}/{REPO_NAME}/robots.txt")[1]
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots


def test_the_feed_lists_the_newest_articles_with_working_links(served: str) -> None:
    status, body = fetch(f"{served}/{REPO_NAME}/feed.xml")
    assert status == 200
    feed = ET.fromstring(body)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert 1 <= len(entries) <= 20
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True) and feed.findtext(f"{ATOM}updated") == updated[0]
    for entry in entries:
        assert entry.findtext(f"{ATOM}id", "").startswith("urn:uuid:") and entry.findtext(f"{ATOM}title")
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(BASE_URL + "articles/")
        assert fetch(f"{served}/{REPO_NAME}/{href.removeprefix(BASE_URL)}")[0] == 200


def test_pages_name_their_canonical_address_and_the_feed(served: str, html) -> None:
    body = fetch(f"{served}/{REPO_NAME}/authors/index.html")[1]
    head = html.parse(body.encode()).find("head")
    canonical = [el.get("href") for el in head.iter("link") if el.get("rel") == "canonical"]
    feeds = [el.get("href") for el in head.iter("link") if el.get("type") == "application/atom+xml"]
    assert canonical == [BASE_URL + "authors/index.html"]
    assert [posixpath.normpath(posixpath.join("authors", f)) for f in feeds] == ["feed.xml"]
    missing = fetch(f"{served}/{REPO_NAME}/nowhere.html")[1]
    assert 'rel="canonical"' not in missing  # a 404 page is nobody's canonical address


def test_the_built_site_passes_the_preflight_checks(built: BuildResult) -> None:
    shown = str(built.output)
    assert [str(d) for d in built.report.diagnostics if d.where.path.startswith(shown)] == []
