"""The site of a few records, rendered in memory, and the check that no value from a record became markup.

Records are given values that would be markup if they were not escaped (MARKUP): an element of a name no
template uses (``<x-fuzz>``), quotes that would end an attribute and start an ``onfuzz`` handler, a closing
script tag, a ``javascript:`` address. A page fails when the element or the handler is there once it is parsed
(html5lib, as a browser parses), or when a link or image follows a ``javascript:`` address.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
from lxml import etree

from site_builder.cite import cache
from site_builder.cite.exports import export_text
from site_builder.config import Config
from site_builder.diagnostics import Report
from site_builder.model.article import Article
from site_builder.model.library import build_library
from site_builder.model.merge import merge_articles
from site_builder.plan.pages import Page, Site, plan
from site_builder.render import theme
from site_builder.render.pages import make_environment
from site_builder.render.pages import render as render_template

MARKUP = ("<x-fuzz>", '"><x-fuzz q="', "'><x-fuzz q='", '" onfuzz="1', "' onfuzz='1", "</script><x-fuzz>",
          "]]><x-fuzz>", "<!--<x-fuzz>-->", "&lt;x-fuzz&gt;", "javascript:alert('x-fuzz')",
          " JaVa\tScRiPt:alert(1)", "</title><x-fuzz>", "{{ 7*7 }}<x-fuzz>")
"""What a record's values are given; every one names x-fuzz or onfuzz, or is a javascript: address."""


@functools.cache
def _environment():  # noqa: ANN202 - jinja2's Environment
    return make_environment(theme.template_dirs(Path("/nonexistent")))


def render(articles: Sequence[Article], references: bool = True) -> dict[str, str]:
    """Every page and download of the site these articles make (default templates, no files written)."""
    merged, _ = merge_articles(list(articles))
    library = build_library(merged)
    config = Config(references=references)
    refs = cache.format_all(library.articles, {}, Report())[0] if references else {}
    site = Site(config=config, library=library, pages=(), intro_html="", references=refs)
    return {page.path: _text(page) for page in plan(site)}


def _text(page: Page) -> str:
    """A page's text as output/pages.py makes it, without writing it."""
    if page.export:
        return export_text(page.export, page.context["entries"], abstracts=page.context.get("abstracts", True))
    return render_template(_environment(), page.template, page.full_context(), page.path)


_JAVASCRIPT = re.compile(r"^[\x00-\x20]*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)


def markup_problems(pages: dict[str, str]) -> list[str]:
    """Each place a value from a record became markup: an x-fuzz element, an onfuzz attribute, a javascript:
    link; in the HTML pages and the feeds."""
    problems: list[str] = []
    for path, text in pages.items():
        if path.endswith(".xml"):
            if "x-fuzz" in text or "onfuzz" in text:
                root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))
                problems += [f"{path}: <{el.tag}>" for el in root.iter() if "x-fuzz" in str(el.tag)]
            continue
        if not path.endswith(".html"):
            continue
        lowered = text.lower()
        if "x-fuzz" not in lowered and "onfuzz" not in lowered and "script" not in lowered:
            continue
        root: Element = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
        for el in root.iter():
            tag = str(el.tag)
            if "x-fuzz" in tag:
                problems.append(f"{path}: an <{tag}> element")
            for name, value in el.attrib.items():
                if "onfuzz" in name or "x-fuzz" in name:
                    problems.append(f"{path}: <{tag} {name}=…>")
                if name in ("href", "src", "action", "formaction") and _JAVASCRIPT.match(value):
                    problems.append(f"{path}: <{tag} {name}={value!r}>")
            script = tag == "script" and el.get("type") in (None, "", "text/javascript", "module")
            if script and ("x-fuzz" in (el.text or "") or "onfuzz" in (el.text or "")):
                problems.append(f"{path}: a record's value inside a script")
    return problems
