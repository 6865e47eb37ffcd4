"""List downloads: the collection's and each topic's written as files; an author's joined in the browser from the
articles' own files (static/downloads.js), which stay linked one by one for readers without JavaScript.

The joining script runs under Node.js here and must give the very bytes the build writes for a topic's list from
the same articles; the browser test clicks it on a served author page.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "static" / "downloads.js"
LIST_FORMATS = {"bibtex": "bib", "ris": "ris", "csl-json": "json"}

_JOIN = """
const { joinExports } = require(process.argv[2]);
const fs = require("node:fs");
const texts = process.argv.slice(4).map((path) => fs.readFileSync(path, "utf8"));
process.stdout.write(joinExports(process.argv[3], texts));
"""


def node_join(tmp: Path, fmt: str, files: list[Path]) -> bytes:
    node = shutil.which("node")
    if not node:
        pytest.skip("Node.js is not installed (apt-get install nodejs)")
    runner = tmp / "join.cjs"
    runner.write_text(_JOIN, encoding="utf-8")
    run = subprocess.run([node, str(runner), str(SCRIPT), fmt, *map(str, files)], capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout


def listed_articles(html, demo_site, page: str) -> list[str]:
    """The article pages a list page links as its entries, in order."""
    main = html.main(demo_site.doc(page))
    hrefs = [a.get("href", "") for ol in main.iter("ol") for a in ol.iter("a") if "title" in a.get("class", "")]
    return [html.resolve(page, href)[0] for href in hrefs]


def test_authors_have_no_list_files_the_collection_and_topics_do(demo_site) -> None:
    files = demo_site.files()
    assert not [f for f in files if f.startswith("authors/") and not f.endswith(".html")]
    assert {"collection.bib", "collection.ris", "collection.json"} <= set(files)
    topic_lists = [f for f in files if f.startswith("topics/") and f.endswith(".bib")]
    assert topic_lists and all(f.removesuffix(".bib") + ".ris" in files for f in topic_lists)


def test_an_author_of_several_articles_links_each_articles_own_files(html, demo_site) -> None:
    pages = [p for p in demo_site.html_pages() if p.startswith("authors/") and p != "authors/index.html"]
    joined = {p: s for p in pages for s in demo_site.doc(p).iter("section") if s.get("data-joined")}
    assert len(joined) >= 2, "the demo site should have authors of several articles"
    for page, section in joined.items():
        assert section.get("data-joined") == posixpath.basename(page).removesuffix(".html")
        articles = listed_articles(html, demo_site, page)
        assert len(articles) > 1
        links = [(a.get("data-format"), html.resolve(page, a.get("href", ""))[0]) for a in section.iter("a")]
        expected = [(fmt, a.removesuffix(".html") + "." + ext) for a in articles for fmt, ext in LIST_FORMATS.items()]
        assert links == expected
        assert all((demo_site.out / target).is_file() for _, target in links)
        scripts = [s.get("src", "") for s in demo_site.doc(page).iter("script")]
        assert "../static/downloads.js" in scripts and (demo_site.out / "static" / "downloads.js").is_file()


def test_an_author_of_one_article_offers_that_articles_files(html, demo_site) -> None:
    page = "authors/hubele-fabrice.html"
    root = demo_site.doc(page)
    assert not [s for s in root.iter("section") if s.get("data-joined")]
    downloads = [html.resolve(page, a.get("href", ""))[0] for s in root.iter("section")
                 if "downloads" in s.get("class", "") for a in s.iter("a")]
    assert downloads == [f"articles/pubmed-8699378.{ext}" for ext in LIST_FORMATS.values()]
    assert not [s for s in root.iter("script") if "downloads.js" in s.get("src", "")]


@pytest.mark.parametrize("fmt", sorted(LIST_FORMATS))
def test_the_browser_join_gives_the_bytes_of_the_builds_own_lists(html, demo_site, tmp_path: Path, fmt: str) -> None:
    """Joining the article files of each topic gives that topic's list file, byte for byte; and the home page's
    whole collection gives collection.*."""
    ext = LIST_FORMATS[fmt]
    checked = 0
    for listing in sorted(demo_site.out.glob(f"topics/*.{ext}")):
        page = listing.relative_to(demo_site.out).as_posix().removesuffix("." + ext) + ".html"
        members = [demo_site.out / (a.removesuffix(".html") + "." + ext) for a in listed_articles(html, demo_site,
                                                                                                  page)]
        assert node_join(tmp_path, fmt, members) == listing.read_bytes(), page
        checked += 1
    assert checked >= 2
    if fmt == "csl-json":
        items = json.loads(node_join(tmp_path, fmt, sorted(demo_site.out.glob("articles/*.json"))))
        collection = json.loads((demo_site.out / "collection.json").read_bytes())
        assert {i["id"] for i in items} == {i["id"] for i in collection}


def test_an_empty_join_is_an_empty_file(tmp_path: Path) -> None:
    assert node_join(tmp_path, "csl-json", []) == b"[]\n"
    assert node_join(tmp_path, "bibtex", []) == b""


def test_list_files_give_each_article_without_its_abstract(demo_site) -> None:
    """A list is for citing: the collection's and the topics' files leave out the abstracts, which each article's
    own files and page keep (at 10,000 records they were two thirds of the list files)."""
    own = [json.loads(p.read_bytes())[0] for p in sorted(demo_site.out.glob("articles/*.json"))]
    assert sum("abstract" in item for item in own) > 10
    for path in [demo_site.out / "collection.json", *demo_site.out.glob("topics/*.json")]:
        assert not any("abstract" in item for item in json.loads(path.read_bytes())), path
    for path in [demo_site.out / "collection.bib", *demo_site.out.glob("topics/*.bib")]:
        assert "  abstract = {" not in path.read_text(encoding="utf-8"), path
    for path in [demo_site.out / "collection.ris", *demo_site.out.glob("topics/*.ris")]:
        assert "\nAB  - " not in path.read_text(encoding="utf-8"), path
    assert "  abstract = {" in (demo_site.out / "articles" / "pubmed-8699378.bib").read_text(encoding="utf-8")
