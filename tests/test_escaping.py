"""Hostile record values and prose end up as text, never as markup or script-bearing links.

The hostile record is the seed with its title, one author, journal, topic, description and urls replaced by
markup and javascript:/data: urls, every occurrence (page text, spelling, spellingShingle, …) changed alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_builder.build import build
from site_builder.readers import catalogue, to_article

DUMPS = Path(__file__).resolve().parent / "data" / "catalogue-dump"
TITLE = ("Liver-Directed Therapy for Neuroendocrine Metastases: "
         "From Interventional Radiology to Nuclear Medicine Procedures")

EVIL_TITLE = "<script>alert(1)</script>"
EVIL_AUTHOR = "Hubelé, <b>Fabrice</b>"
EVIL_JOURNAL = "<svg onload=alert(7)>"
EVIL_TOPIC = "<i onmouseover=alert(8)>Review</i>"
EVIL_DESCRIPTION = ('</p><img src=x onerror=alert(4)> ABSTRACT: <a href="javascript:alert(6)">click</a> '
                    '<iframe src="data:text/html,<script>alert(9)</script>"></iframe>')
EVIL_URLS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(2)",
    "data:text/html,<script>alert(3)</script>",
    "java\tscript:alert(5)",
    "vbscript:msgbox(1)",
    "https://example.org/full-text?a=1&b=<2>",
)
EVIL_MARKDOWN = """---
title: <script>alert(10)</script>
---
<script>alert(11)</script>

<img src=x onerror=alert(12)>

[click](javascript:alert(13)) [data](data:text/html,x) ![img](javascript:alert(14))
"""


def hostile_record() -> str:
    seed = (DUMPS / "seed.txt").read_text(encoding="utf-8")
    lines = seed.split("\n")
    description = next(line for line in lines if line.startswith("description "))[len("description "):]
    text = seed.replace(description, EVIL_DESCRIPTION)
    text = text.replace(TITLE, EVIL_TITLE).replace(TITLE.lower(), EVIL_TITLE)
    text = text.replace("Hubelé, Fabrice", EVIL_AUTHOR)
    text = text.replace("Cancers (Basel) Review ", f"{EVIL_JOURNAL} {EVIL_TOPIC} ")
    text = text.replace("\ntopic Review\n", f"\ntopic {EVIL_TOPIC}\n")
    text = text.replace("\nspellingShingle Review\n", f"\nspellingShingle {EVIL_TOPIC}\n")
    start = text.index("\nurl ") + 1
    end = text.index("\nwork_keys_str_mv ")
    return text[:start] + "url " + "\n".join(EVIL_URLS) + text[end:]


def test_the_hostile_record_reads_as_intended() -> None:
    """Guards the fixture: the reader really hands these values on (else the site test proves nothing)."""
    (record,), problems = catalogue.read(hostile_record(), "evil.txt")
    assert problems == []
    assert record.values("url") == EVIL_URLS
    article, _ = to_article(record)
    assert article.title == EVIL_TITLE
    assert article.authors[1].name == EVIL_AUTHOR
    assert article.journal == EVIL_JOURNAL
    assert article.topics == (EVIL_TOPIC,)
    assert article.abstract[0].text.startswith("</p><img src=x onerror=alert(4)>")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hostile") / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "pages").mkdir()
    (site / "content" / "records" / "evil.txt").write_text(hostile_record(), encoding="utf-8")
    (site / "content" / "records" / "seed.txt").write_bytes((DUMPS / "english-labels.txt").read_bytes())
    (site / "content" / "index.md").write_text(EVIL_MARKDOWN, encoding="utf-8")
    (site / "content" / "pages" / "evil.md").write_text(EVIL_MARKDOWN, encoding="utf-8")
    out = site.parent / "out"
    build(site, out)
    return out


def pages(out: Path) -> list[Path]:
    found = sorted(out.rglob("*.html"))
    assert len(found) > 10
    return found


def test_no_script_element_from_record_text(html, hostile_site: Path) -> None:
    for path in pages(hostile_site):
        for script in html.parse(path).iter("script"):
            if script.get("type") == "application/ld+json":
                # Record text is data here: JSON with "<" escaped, so it can never close the element.
                assert "<" not in html.text(script), path
                json.loads(html.text(script))
                continue
            assert "alert" not in html.text(script) and "alert" not in script.get("src", ""), path


def test_no_event_handler_attributes(html, hostile_site: Path) -> None:
    for path in pages(hostile_site):
        for el in html.parse(path).iter():
            handlers = [name for name in el.attrib if name.lower().startswith("on")]
            assert handlers == [], f"{path}: <{el.tag} {handlers}>"


def test_no_dangerous_elements(html, hostile_site: Path) -> None:
    for path in pages(hostile_site):
        root = html.parse(path)
        assert [el.get("src") for el in root.iter("img") if el.get("src") == "x"] == [], path
        assert list(root.iter("iframe")) == [] and list(root.iter("svg")) == [], path
        # Formatted references italicise journal titles; any other <b> or <i> would be record text as markup.
        in_reference = {id(el) for quote in root.iter("blockquote") if quote.get("id", "").startswith("cite-")
                        for el in quote.iter()}
        stray = [el for tag in ("b", "i") for el in root.iter(tag) if id(el) not in in_reference]
        assert stray == [], path


def test_every_link_is_relative_or_http(html, hostile_site: Path) -> None:
    for path in pages(hostile_site):
        for el, attr, value in html.links(html.parse(path)):
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in ("", "http", "https"), f"{path}: <{el.tag} {attr}={value!r}>"
            assert not re.match(r"\s*(java|vb)\s*script|\s*data:", value, re.I), f"{path}: {value!r}"


def test_the_text_appears_escaped(html, hostile_site: Path) -> None:
    page = hostile_site / "articles" / "pubmed-8699378.html"
    root = html.parse(page)
    raw = page.read_text(encoding="utf-8")
    assert html.headings(root, "h1") == [EVIL_TITLE]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    main = html.text(html.main(root))
    assert "Hubelé, <b>Fabrice</b>" in main or "<b>Fabrice</b> Hubelé" in main
    assert EVIL_JOURNAL in main
    assert EVIL_TOPIC in main
    assert "</p><img src=x onerror=alert(4)>" in main
    assert "javascript:alert(1)" in main  # shown verbatim in the full record, as text
    hrefs = [href for href, _ in html.anchors(root)]
    assert not any("alert(" in h or "script" in h.lower() for h in hrefs)


def test_hostile_title_is_text_in_lists_too(html, hostile_site: Path) -> None:
    """The home page and the hostile author's page list the article under its title, as text."""
    author_page = next(p for p in sorted((hostile_site / "authors").glob("*.html"))
                       if html.headings(html.parse(p), "h1") == [EVIL_AUTHOR])
    for path in (hostile_site / "index.html", author_page):
        texts = [text for _, text in html.anchors(html.parse(path))]
        assert EVIL_TITLE in texts, path


def test_markdown_prose_is_escaped(html, hostile_site: Path) -> None:
    for rel in ("index.html",):
        root = html.parse(hostile_site / rel)
        text = html.text(html.main(root))
        assert "<script>alert(11)</script>" in text
        assert not any("alert(" in (el.get("src") or "") + (el.get("href") or "") for el in root.iter())
    about = [p for p in (hostile_site / "pages").glob("*.html")]
    assert about
    for path in about:
        root = html.parse(path)
        assert "<script>alert(11)</script>" in html.text(html.main(root))
