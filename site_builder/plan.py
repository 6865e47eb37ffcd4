"""The plan: every page of the site (output path, template, context) decided before any template runs.

Checks here that no two pages share a path and that no path leaves the output folder.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from . import urls
from .config import Config
from .diagnostics import UserError
from .library import Library
from .pages import ContentPage


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    """Output path relative to the output folder, with forward slashes."""
    template: str
    context: dict[str, Any] = field(compare=False)


@dataclass(frozen=True)
class Site:
    """What every page may show: the config, the library, the free pages (for navigation), the intro."""

    config: Config
    library: Library
    pages: tuple[ContentPage, ...]
    intro_html: str


def plan(site: Site) -> list[Page]:
    lib = site.library
    pages = [
        _page(site, urls.HOME, "home.html", newest=tuple(lib.articles)[:20]),
        _page(site, urls.AUTHORS, "authors.html", letters=_letters(lib)),
        _page(site, urls.TOPICS, "topics.html"),
        _page(site, urls.JOURNALS, "journals.html"),
        _page(site, urls.YEARS, "years.html"),
        _page(site, urls.NOT_FOUND, "404.html"),
    ]
    pages += [_page(site, urls.article(k), "article.html", key=k, article=a) for k, a in lib.articles.items()]
    pages += [_page(site, urls.author(k), "author.html", author=a) for k, a in lib.authors.items()]
    pages += [_page(site, urls.topic(k), "topic.html", group=g) for k, g in lib.topics.items()]
    pages += [_page(site, urls.journal(k), "journal.html", group=g) for k, g in lib.journals.items()]
    pages += [_page(site, urls.year(k), "year.html", group=g) for k, g in lib.years.items()]
    pages += [_page(site, urls.page(p.key), "page.html", content=p) for p in site.pages]
    check_paths(pages)
    return pages


def _page(site: Site, path: str, template: str, **context: Any) -> Page:
    root = urls.root_of(path)
    if path == urls.NOT_FOUND and site.config.base_path:
        # 404.html is served at any depth, so its links must not be page-relative.
        root = site.config.base_path
    return Page(path, template, {"site": site, "lib": site.library, "path": path, "root": root, **context})


def _letters(lib: Library) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Author keys grouped A–Z by the first letter of their slug; anything else under "#"."""
    groups: dict[str, list[str]] = {}
    for key in lib.authors:
        letter = key[0].upper() if key[:1].isalpha() else "#"
        groups.setdefault(letter, []).append(key)
    return tuple((letter, tuple(keys)) for letter, keys in sorted(groups.items()))


def check_paths(pages: list[Page]) -> None:
    """Refuse paths that collide or leave the output folder (both are bugs, never user errors to skip)."""
    seen: dict[str, Page] = {}
    for page in pages:
        norm = posixpath.normpath(page.path)
        if norm.startswith(("../", "/")) or norm == ".." or "\\" in page.path or norm != page.path:
            raise UserError(f"page path {page.path!r} would leave the output folder")
        if norm.casefold() in seen:
            other = seen[norm.casefold()]
            raise UserError(f"two pages would be written to {page.path}: {other.template} and {page.template}")
        seen[norm.casefold()] = page
