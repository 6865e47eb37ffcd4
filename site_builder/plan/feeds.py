"""The machine-read files of a published site: the Atom feed, the sitemap and robots.txt. Pure: config and
library in, (output path, template, context) out; the plan turns them into pages and the templates print them.

The feed is written always (its links are relative, so a feed reader resolves them against the feed's own address);
the sitemap and robots.txt only with a base URL, because both must give full addresses.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..config import Config
from ..model import dates
from ..model.article import Article, Notice, Section
from ..model.normalize import collapse_spaces
from . import urls

FEED_ENTRIES = 20
SITEMAP_LIMIT = 50_000
"""URLs per sitemap file, the limit of the sitemaps.org protocol; larger sites get a sitemap index."""
SUMMARY_CHARS = 600
_EPOCH = "1970-01-01T00:00:00Z"

Planned = tuple[str, str, dict[str, Any]]
"""(output path, template, context) of one file."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    id: str
    """A URN made from the page key: stable when the site moves to another address."""
    href: str
    title: str
    updated: str
    """RFC 3339, from the publication date (the feed has no other clock, so builds stay identical)."""
    authors: tuple[str, ...]
    summary: str
    title_lang: str = ""
    """The title's language when the record gives it (``Article.title_lang``), for its ``xml:lang``."""
    warnings: tuple[Notice, ...] = ()
    """What the article's page warns of under its title (``Article.warnings``: a retraction, an expression of
    concern), said first in the entry's summary: a feed reader may be all a follower sees of the article."""
    source: Article | None = field(default=None, compare=False, repr=False)
    """The article shown, as a list's Entry holds it: what a rebuild that keeps the feed looks at to know whether
    the entry may have changed (output/fingerprints.py)."""

    @property
    def retracted(self) -> bool:
        return any(n.kind == "RetractionIn" for n in self.warnings)


@dataclass(frozen=True, slots=True)
class Feed:
    id: str
    title: str
    subtitle: str
    self_href: str
    home_href: str
    updated: str
    entries: tuple[FeedEntry, ...]


def files(config: Config, articles: dict[str, Article], html_paths: Iterable[str]) -> list[Planned]:
    """Every machine-read file of the site; ``articles`` newest first, ``html_paths`` the pages to list."""
    planned: list[Planned] = [(urls.FEED, "feed.xml", {"feed": atom_feed(config, articles)})]
    if config.base_url:
        listed = [p for p in html_paths if p.endswith(".html") and p != urls.NOT_FOUND]
        planned += sitemaps(config.base_url, listed)
        # Markup: robots.txt is plain text, where HTML escaping would corrupt an address holding "&".
        sitemap = Markup(urls.absolute(config.base_url, urls.SITEMAP))
        planned.append((urls.ROBOTS, "robots.txt", {"sitemap": sitemap}))
    return planned


def atom_feed(config: Config, articles: dict[str, Article], limit: int = FEED_ENTRIES) -> Feed:
    """The newest dated articles (undated ones have no place in a feed ordered by time)."""
    dated = list(itertools.islice(((key, a) for key, a in articles.items() if a.date), limit))  # not all 10,000
    entries = tuple(_entry(key, a, config.base_url) for key, a in dated)
    base = config.base_url
    return Feed(
        id=urls.absolute(base, urls.FEED) if base else _urn("feed", config.title),
        title=config.title, subtitle=config.description,
        self_href=urls.absolute(base, urls.FEED) if base else urls.FEED,
        home_href=urls.absolute(base, urls.HOME) if base else "./",
        updated=max((e.updated for e in entries), default=_EPOCH), entries=entries)


def _entry(key: str, article: Article, base_url: str) -> FeedEntry:
    path = urls.article(key)
    return FeedEntry(
        id=_urn("article", key), href=urls.absolute(base_url, path) if base_url else path, title=article.title,
        updated=rfc3339(article.exact_date), authors=tuple(p.display for p in article.authors),
        summary=summary(article.lay_summary or article.abstract), title_lang=article.title_lang,
        warnings=article.warnings, source=article)


def _urn(kind: str, name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"site-builder:{kind}:{name}"))


def rfc3339(date: str) -> str:
    """"2021" / "2021-12" / "2021-12-19" → "2021-12-19T00:00:00Z" (missing parts as the first of the period)."""
    return dates.rfc3339(date) or _EPOCH


def summary(sections: tuple[Section, ...], limit: int = SUMMARY_CHARS) -> str:
    """The sections as one plain paragraph, cut at a word boundary."""
    text = " ".join(collapse_spaces(s.text) for s in sections)  # a thin space of the record's stays
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def sitemaps(base_url: str, paths: list[str], limit: int = SITEMAP_LIMIT) -> list[Planned]:
    """sitemap.xml listing every page, or, past ``limit`` pages, an index of sitemap-1.xml, sitemap-2.xml…"""
    locations = [urls.absolute(base_url, p) for p in paths]
    if len(locations) <= limit:
        return [(urls.SITEMAP, "sitemap.xml", {"locations": tuple(locations)})]
    chunks = [tuple(locations[i:i + limit]) for i in range(0, len(locations), limit)]
    parts = [(f"sitemap-{n}.xml", "sitemap.xml", {"locations": chunk}) for n, chunk in enumerate(chunks, 1)]
    index = tuple(urls.absolute(base_url, path) for path, _t, _c in parts)
    return [(urls.SITEMAP, "sitemap_index.xml", {"sitemaps": index}), *parts]
