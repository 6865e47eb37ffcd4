"""Every link of the built demo site resolves: a link checker over every page's href and src.

Internal links are relative, never start with "/", name a file (never a bare folder) inside the output, and
their fragments exist as ids in the target page. External links are http(s) only.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element


def check_site(html, out: Path) -> list[str]:
    """Every problem with a link of any page under ``out``, one line each."""
    problems: list[str] = []
    docs: dict[str, Element] = {}

    def doc(page: str) -> Element:
        if page not in docs:
            docs[page] = html.parse(out / page)
        return docs[page]

    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    for page in pages:
        for el, attr, value in html.links(doc(page)):
            where = f"{page}: <{el.tag} {attr}={value!r}>"
            url = value.strip()
            if not url:
                problems.append(f"{where}: empty link")
                continue
            if html.is_external(url):
                if urlsplit(url).scheme.lower() not in ("http", "https"):
                    problems.append(f"{where}: external link that is not http(s)")
                continue
            if url.startswith("/"):
                problems.append(f"{where}: leading '/' breaks the site under a subpath and on file://")
                continue
            path_part = urlsplit(url).path
            target, fragment = html.resolve(page, url)
            if target == ".." or target.startswith("../"):
                problems.append(f"{where}: leaves the output folder")
                continue
            if path_part.endswith("/") or path_part in (".", "..") or (out / target).is_dir():
                problems.append(f"{where}: names a bare folder; link the file (…/index.html)")
                continue
            if not (out / target).is_file():
                problems.append(f"{where}: {target} does not exist")
                continue
            if fragment and target.endswith(".html") and fragment not in html.ids(doc(target)):
                problems.append(f"{where}: no id {fragment!r} in {target}")
    return problems


def test_every_link_of_the_demo_site_resolves(html, demo_site) -> None:
    assert len(demo_site.html_pages()) > 50
    problems = check_site(html, demo_site.out)
    assert problems == [], "\n".join(problems[:40])


def test_every_page_is_reachable_from_the_home_page(html, demo_site) -> None:
    """Following links from index.html reaches every page but 404.html (no orphan pages)."""
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        page = todo.pop()
        for _, attr, value in html.links(demo_site.doc(page)):
            if attr != "href" or html.is_external(value) or value.startswith("/"):
                continue
            target, _ = html.resolve(page, value)
            if target.endswith(".html") and target not in seen and (demo_site.out / target).is_file():
                seen.add(target)
                todo.append(target)
    orphans = sorted(set(demo_site.html_pages()) - seen - {"404.html"})
    assert orphans == []


def test_the_checker_catches_broken_links(html, tmp_path) -> None:
    """The checker itself: a page with each kind of bad link is reported once per link."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "ok.html").write_text('<p id="here">x</p>')
    (tmp_path / "index.html").write_text(
        '<a href="a/ok.html#here">fine</a><a href="a/ok.html#nowhere">bad fragment</a>'
        '<a href="/a/ok.html">root</a><a href="a/">folder</a><a href="missing.html">gone</a>'
        '<a href="javascript:alert(1)">js</a><a href="https://example.org/">fine</a><img src="../x.png">')
    problems = check_site(html, tmp_path)
    assert len(problems) == 6, problems


def test_every_page_names_the_site_icon_so_browsers_ask_for_no_missing_favicon(html, demo_site) -> None:
    from lxml import etree

    for page in demo_site.html_pages():
        icons = [el.get("href") for el in demo_site.doc(page).iter() if el.tag.endswith("link")
                 and el.get("rel") == "icon"]
        assert len(icons) == 1, page
        target, _ = html.resolve(page, icons[0])
        assert target == "static/favicon.svg", page
    icon = etree.parse(str(demo_site.out / "static" / "favicon.svg")).getroot()
    assert icon.tag == "{http://www.w3.org/2000/svg}svg" and icon.get("viewBox") == "0 0 32 32"
