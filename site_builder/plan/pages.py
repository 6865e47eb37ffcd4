"""The plan: every page of the site (output path, template, context) decided before any template runs.

Contexts are small and made of ready-to-show values (``Entry``, ``Named``): hrefs relative to the page's folder
and text escaped once per entity here, not once per appearance, so templates only print (no lookups, no calls
in loops; escaping the same values again on every page that shows them would be most of rendering's cost).
Checks here that no two pages share a path and that no path leaves the output folder.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from markupsafe import Markup, escape

from .. import cite
from ..cite import Citation
from ..cite.keys import base_key
from ..config import Config
from ..diagnostics import UserError
from ..i18n import N_, isolated
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, Article
from ..model.library import Author, Group, Library
from ..model.styles import html
from ..prose.free_pages import FreePage
from . import listing, orders, urls
from .feeds import files as feed_files
from .outline import Plan

NEWEST_ON_HOME = 20
BYLINE_NAMES = 3
COAUTHORS_SHOWN = 200
"""Co-authors an author's page lists by name, most shared first; the count of the others follows (the most
prolific author of 10,000 synthetic records had 2,110: 212 KB of names)."""
_MAIN = listing.Listing((), 0, 1, "newest", (), (), True)


@dataclass(frozen=True, slots=True)
class Page:
    """A file of the output, decided by the plan: an HTML page from a template, a download, a feed."""

    path: str
    """Output path relative to the output folder, with forward slashes."""
    template: str
    context: dict[str, Any] = field(compare=False)
    """What the template gets besides ``path`` and the costly part (``full_context``). Never changed: pages whose
    own part is all in ``more`` share one (``Site.bare_contexts``)."""
    export: str = ""
    """For a download instead of a page: the format (``bibtex``…), of ``context["entries"]``."""
    more: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)
    """The costly rest of the context (an article's related articles and head metadata, an author's co-authors
    and topics): the plan's own function, called through ``full_context`` in the process that renders the page,
    so that this part of the plan runs in parallel. A ``functools.partial`` of a function that reads an article's
    contents only through an article among its arguments or one it shows (the article, or its ``Entry``), and
    the rest of the library only through its structure: a rebuild keeps what it made last time when those are
    unchanged (output/fingerprints.py)."""
    prose: bool = False
    """Shows HTML the site wrote itself (the home page's introduction, a free page, a summary), whose links only
    the pre-flight check can vouch for."""

    def full_context(self) -> dict[str, Any]:
        """Everything the template shows: what the templates get, and all they get."""
        return self.with_more(self.more() if self.more is not None else {})

    def with_more(self, extras: dict[str, Any]) -> dict[str, Any]:
        """The full context, with ``extras`` made already by ``more``."""
        return {**self.context, "path": self.path, **extras}


@dataclass(frozen=True)
class Site:
    """What every page may show: the config, the library, the free pages (for navigation), the intro."""

    config: Config
    library: Library
    pages: tuple[FreePage, ...]
    """The free pages (content/pages/*.md), as templates know them (``site.pages``), for the navigation."""
    intro_html: str
    references: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)
    """Formatted references by article key (empty when none could be made); cite/cache.py holds them packed."""
    kept_parts: Mapping[str, ArticleParts] | None = field(default=None, repr=False)
    """Each article's ``article_parts`` by its key, as the build cache kept them (output/cache.py); None: made
    here."""

    @functools.cached_property
    def article_parts(self) -> Mapping[str, ArticleParts]:
        """Each article's ``article_parts``, by key."""
        if self.kept_parts is not None:
            return self.kept_parts
        return {k: article_parts(k, a) for k, a in self.library.articles.items()}

    @functools.cached_property
    def counts(self) -> dict[str, int]:
        """How many of each the site shows; ``records`` is how many records were read into its articles (one
        work read from several sources is one article of several records). Counted once: every page's footer
        shows it."""
        lib = self.library
        return {"articles": len(lib.articles), "records": sum(len(a.records) for a in lib.articles.values()),
                "authors": len(lib.authors), "topics": len(lib.topics), "journals": len(lib.journals),
                "years": len(lib.years)}

    @functools.cached_property
    def ranks(self) -> Mapping[str, orders.Ranks]:
        """Each article's place in every order of the collection, as text made from that article alone
        (orders.ranks_of): a page shows an article's by holding the article. Unpacked from the article's parts
        each time it is asked for."""
        return _Ranks(self.article_parts)

    # What pages show that is made from many articles' contents at once, not from the library's structure nor
    # from the articles a page shows: a rebuild that keeps a page compares these whole (output/fingerprints.py).

    @functools.cached_property
    def shared_facets(self) -> frozenset[tuple[str, str]]:
        """(facet, value) that every article has (_shared_facet_values), when the site searches."""
        return _shared_facet_values(self.library) if self.config.search else frozenset()

    @functools.cached_property
    def roots(self) -> _Escaped:
        """The way back to the site's root from a folder, escaped, by the plain way: for this build's plan."""
        return _Escaped()

    @functools.cached_property
    def bare_contexts(self) -> dict[str, dict[str, Any]]:
        """By the way back to the root: the context of every page whose own part is all in its costly part
        (``Page.more``), one for each folder depth (at 100,000 records, one dict for each author's page took some
        40 MB of the main process, which every render worker was forked with)."""
        return {}

    @functools.cached_property
    def citation_keys(self) -> dict[str, str]:
        """Each article's citation key, given once for the whole collection (a clash adds a letter)."""
        return self._cited[0]

    @functools.cached_property
    def shared_citation_keys(self) -> frozenset[str]:
        """The articles (by key) whose citation key the others decide: those that share their base key with
        another (cite/keys.py). Every other article's is made from the article alone, and comes with it."""
        return self._cited[1]

    @functools.cached_property
    def _cited(self) -> tuple[dict[str, str], frozenset[str]]:
        parts = self.article_parts
        return cite.keys_and_shared(self.library.articles.items(), {k: p[4] for k, p in parts.items()})


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as a list shows it; every field already HTML-escaped."""

    href: Markup
    title: Markup
    byline: Markup
    journal: Markup
    date: Markup
    year: Markup
    source: Article = field(compare=False, repr=False)
    verdict: Markup = Markup("")
    """The one-line verdict of the club's summary, or ""."""


@dataclass(frozen=True, slots=True)
class Named:
    """A link to an author, topic, journal or year; escaped."""

    href: Markup
    name: Markup


Counted = tuple[tuple[Named, int], ...]
"""Links with a count that depends on the page: articles of a topic, or articles written together."""


@dataclass(frozen=True)
class Links:
    """Every entity's ready-made link, by key; made once per build, an article's and an author's when first asked
    for (``Made``)."""

    articles: dict[str, Entry]
    authors: dict[str, Named]
    topics: dict[str, Named]
    journals: dict[str, Named]
    years: dict[str, Named]


ArticleParts = tuple[str, str, str, bytes, str]
"""What the plan makes of one article from the article and its key alone: its Entry's escaped title, byline and
verdict (HTML: Markup when made here, str as the build cache kept them, made Markup with the Entry), its Ranks
packed (orders.ranks_of, orders.packed) and its citation key's base (cite/keys.py). A rebuild takes
those of the articles its build cache holds under their digests (output/cache.py, ``article_parts``): at 10,000
records, making them was a third of the plan."""


def article_parts(key: str, article: Article) -> ArticleParts:
    """The ArticleParts of ``article`` under ``key``."""
    return (styled_title(article), _byline(article), escape(article.summary.verdict) if article.summary else _NONE,
            orders.packed(orders.ranks_of(key, article)), base_key(article))


class _Ranks(Mapping[str, orders.Ranks]):
    """Each article's Ranks by key, unpacked from its ArticleParts as asked for."""

    def __init__(self, parts: Mapping[str, ArticleParts]) -> None:
        self._parts = parts

    def __getitem__(self, key: str) -> orders.Ranks:
        return orders.unpacked(self._parts[key][3])

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)


_NONE = Markup("")


def plan(site: Site) -> Plan:
    """Every page of the site, in order, its path checked; each article's page and downloads and each author's page
    made when asked for (plan/outline.py)."""
    lib = site.library
    nested = make_links(lib, "../", site.article_parts)  # links as seen from pages one folder down (all but home)
    newest = tuple(_entry(escape(urls.article(k)), lib.articles[k])
                   for k in tuple(lib.articles)[:NEWEST_ON_HOME])
    home = _page(site, urls.HOME, "home.html", prose=bool(site.intro_html), newest=newest,
                 downloads=_list_downloads(urls.HOME, "") if site.config.downloads else ())
    pages = Plan()
    pages.add([
        home,
        _page(site, urls.TOPICS, "topics.html", groups=_sized(lib.topics, nested.topics)),
        _page(site, urls.JOURNALS, "journals.html", groups=_sized(lib.journals, nested.journals)),
        _page(site, urls.YEARS, "years.html", groups=_sized(lib.years, nested.years)),
        _page(site, urls.NOT_FOUND, "404.html"),
        *([_page(site, urls.SEARCH, "search.html")] if site.config.search else []),
    ])
    pages.add([_page(site, path, "authors.html", index=index, more=functools.partial(_index_extras, site, nested,
                                                                                     index))
               for path, index in listing.author_index(urls.AUTHORS, tuple(lib.authors))])
    _article_pages(site, nested, site.shared_facets, pages)
    _author_pages(site, nested, pages)
    groups = []
    for template, to_path, kind in (("topic.html", urls.topic, lib.topics), ("journal.html", urls.journal,
                                    lib.journals), ("year.html", urls.year, lib.years)):
        groups += [_group_page(site, nested, path, to_path(k), template, g, part, sorted_from)
                   for k, g in kind.items() for path, part, sorted_from in _listings(site, to_path(k), g.articles)]
    pages.add(groups)
    pages.add([_page(site, urls.page(p.key), "page.html", prose=True, content=p) for p in site.pages])
    if site.config.downloads:
        _exports(site, [home, *(p for p in groups if p.template == "topic.html"
                                and p.context.get("listing", _MAIN).main)], pages)
    pages.add([_page(site, path, template, **context)
               for path, template, context in feed_files(site.config, lib.articles, pages.paths)])
    check_paths(pages)
    return pages


def make_links(lib: Library, root: str, parts: Mapping[str, ArticleParts] | None = None) -> Links:
    """Every entity's link as seen from a page whose way back to the site root is ``root``; each article's own
    parts taken from ``parts`` (by key), when given. An article's and an author's are made when a page asks for
    them (``Made``): every page's costly part runs in the process that renders it, and a rebuild after an edit
    renders few pages (making the 10,000 articles' and 18,600 authors' links of 10,000 records for each rebuild
    was half of its plan)."""
    shared = _Escaped()
    articles, authors = lib.articles, lib.authors
    return Links(
        articles=Made(lambda k: _entry(escape(root + urls.article(k)), articles[k], shared,
                                       parts[k] if parts is not None else None)),
        authors=Made(lambda k: Named(escape(root + urls.author(k)), escape(authors[k].name))),
        topics=_named(lib.topics, root, urls.topic),
        journals=_named(lib.journals, root, urls.journal),
        years=_named(lib.years, root, urls.year),
    )


def _entry(href: Markup, article: Article, shared: _Escaped | None = None,
           parts: ArticleParts | None = None) -> Entry:
    """The article's Entry; its journal, date and year escaped once for all entries that share ``shared`` (one
    object per value a collection repeats: 100 bytes an article each); its title, byline and verdict from
    ``parts`` when given (article_parts)."""
    escaped = _Escaped() if shared is None else shared
    if parts is None:
        title, byline = styled_title(article), _byline(article)
        verdict = escape(article.summary.verdict) if article.summary else escaped[""]
    else:  # escaped HTML, a Markup or a str as the build cache kept it: a Markup without another escape
        title, byline = _markup(Markup, parts[0]), _markup(Markup, parts[1])
        verdict = _markup(Markup, parts[2]) if parts[2] else escaped[""]
    return Entry(href, title, byline, escaped[article.journal or article.container], escaped[article.exact_date],
                 escaped[article.year], article, verdict)


def styled_title(article: Article) -> Markup:
    """The title as a list shows it: escaped, in its styles (``<i>in vitro</i>``)."""
    return html(article.title, article.title_styles)


def _byline(article: Article) -> Markup:
    """The names of a list's byline: a sentence of its own, like a reference ("A, B, C, et al. Journal. 2021"),
    each name isolated as it needs."""
    names = [p.display for p in article.authors[:BYLINE_NAMES]]
    if len(article.authors) > BYLINE_NAMES or article.et_al:
        names.append("et al")
    byline = Markup(", ").join([isolated(name) for name in names])
    if names and not names[-1].endswith("."):
        byline += "."
    return byline


_markup = str.__new__  # a Markup of HTML, without Markup.__new__'s look for __html__, which a str lacks


_Made = TypeVar("_Made")


class Made(dict[str, _Made]):
    """Each value by its key, made by ``make(key)`` when first asked for (``made[key]``) and kept: one object for
    each key however often it is asked for. Only asked for by key: ``get``, ``in`` and a walk see those made so
    far."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[str], _Made]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> _Made:
        found = self[key] = self._make(key)  # KeyError, as a dict's, for a key that ``make`` does not know
        return found


class _Escaped(dict[str, Markup]):
    """Each text escaped, one object for each value however often it is asked for (``escaped[text]``)."""

    def __missing__(self, text: str) -> Markup:
        found = self[text] = escape(text)
        return found


def _named(groups: dict[str, Group], root: str, to_path: Callable[[str], str]) -> dict[str, Named]:
    return {k: Named(escape(root + to_path(k)), escape(g.name)) for k, g in groups.items()}


def _sized(groups: dict[str, Group], named: dict[str, Named]) -> Counted:
    return tuple((named[k], len(g.articles)) for k, g in groups.items())


def _entries(links: Links, keys: Iterable[str]) -> tuple[Entry, ...]:
    return tuple(map(links.articles.__getitem__, keys))


def _counted(named: dict[str, Named], counts: Iterable[tuple[str, int]]) -> Counted:
    return tuple([(named[k], n) for k, n in counts])


# Translators: the label before the title of the book or proceedings that holds a work ("In" for other kinds).
CONTAINER_LABELS = {"paper-conference": N_("Proceedings"), "chapter": N_("Book")}
"""How an article page names what holds a work (Article.container), by the kind of work; the template
translates it."""
# Translators: the label before what holds a work that stands on its own: a library's collection of photographs
# or maps ("Charles W. Cushman Photograph Collection"), the book that prints a song's score.
HOLDING_COLLECTION = N_("Part of")


JOURNAL_LABELS = (
    # Translators: the label before the journal that carries a work.
    N_("Journal"),
    # Translators: the label before the series of a book, a report or another work that stands on its own.
    N_("Series"),
)
"""How an article page names Article.journal: the journal of a work a periodical carries, else its series."""

CARRIER_LABELS = {
    # Translators: the label before the magazine that carries an article.
    "article-magazine": N_("Magazine"),
    # Translators: the label before the newspaper that carries an article.
    "article-newspaper": N_("Newspaper"),
    # Translators: the label before the blog that carries a post.
    "post-weblog": N_("Blog"),
    # Translators: the label before the website that carries a page or a post.
    "post": N_("Website"), "webpage": N_("Website"),
    # Translators: the label before the repository that holds a data set (Figshare, Zenodo).
    "dataset": N_("Repository"),
}
"""How an article page names Article.journal when a periodical other than a journal carries the work (a blog
post's blog is no journal), or a repository holds it (Lens.org's RIS names a data set's, "JF  - Figshare")."""


def journal_label(article: Article) -> str:
    """The label before Article.journal on the article's page (untranslated)."""
    if article.kind in CARRIER_LABELS:
        return CARRIER_LABELS[article.kind]
    # A work that stands on its own, or a chapter or paper in its book or proceedings: the journal is a series.
    return JOURNAL_LABELS[article.kind not in PERIODICAL_KINDS
                          and not (article.kind == "paper-conference" and not article.container)]


def _article_pages(site: Site, links: Links, shared: frozenset[tuple[str, str]], pages: Plan) -> None:
    """Every article's page, added to ``pages`` to be made when asked for. What it shows of its article is made by
    ``more``, in the process that renders it; ``shared`` (made from many articles at once) is not: a costly part
    is kept by what it is made from (output/fingerprints.py). Made here as _page would make them, without its
    steps for each article: every article's page is one folder down."""
    root = site.roots[urls.root_of(urls.article(""))]
    keys, articles = tuple(site.library.articles), tuple(site.library.articles.values())
    paths = [f"articles/{key}.html" for key in keys]  # urls.article's, without a call for each

    def make(n: int) -> Page:
        key, article = keys[n], articles[n]
        return Page(paths[n], "article.html", {"site": site, "root": root, "key": key, "article": article,
                                               "shared": shared},
                    more=functools.partial(_article_extras, site, links, key, article),
                    prose=article.summary is not None)

    pages.add_later("article.html", paths, make)


def _shared_facet_values(lib: Library) -> frozenset[tuple[str, str]]:
    """(facet, value) that every article has: such a value cannot narrow a search, and the search page would
    still load and count it for every article (a collection all in English; every catalogue record "Online")."""
    total = len(lib.articles)
    shared = {(facet, g.name) for facet, groups in (("topic", lib.topics), ("journal", lib.journals),
                                                   ("year", lib.years)) for g in groups.values()
              if len(g.articles) == total}
    for facet, values in (("language", lambda a: [lang.name for lang in a.languages]), ("type", lambda a: a.formats)):
        every: set[str] | None = None  # the values of every article so far
        for article in lib.articles.values():
            every = set(values(article)) if every is None else every.intersection(values(article))
            if not every:  # most collections: a value some article lacks
                break
        shared |= {(facet, v) for v in every or ()}
    return frozenset(shared)


def _other_spellings(article: Article, shown: Iterable[str]) -> tuple[str, ...]:
    """How the article's sources write its authors where that differs from the names its page shows (search
    finds the article by either)."""
    seen = set(shown)
    forms = [p.name for p in article.authors] + [s for spellings in article.author_spellings for s in spellings]
    return tuple(f for f in dict.fromkeys(forms) if f not in seen)


def _article_extras(site: Site, links: Links, key: str, article: Article) -> dict[str, Any]:
    lib = site.library
    journal = lib.article_journal.get(key)
    path = urls.article(key)
    public = site.config.base_url + path if site.config.base_url else ""
    author_keys = lib.article_authors[key]
    return dict(
        entry=links.articles[key], ranks=site.ranks[key], author_keys=author_keys,
        spellings=_other_spellings(article, (lib.authors[k].name for k in author_keys)),
        references=site.references.get(key, ()),
        downloads=tuple((fmt, posixpath.basename(urls.export(path, ext)), label)
                        for fmt, ext, label in urls.EXPORTS) if site.config.downloads else (),
        highwire=cite.highwire_meta(article, public), opengraph=cite.opengraph(article, public),
        json_ld=Markup(cite.json_ld(article, public)),
        authors=tuple(Named(links.authors[k].href, escape(person.name))
                      for k, person in zip(lib.bylines[key], article.authors, strict=True) if k),
        topics=tuple(links.topics[k] for k in lib.article_topics[key]),
        journal=links.journals[journal] if journal else None,
        container_label=CONTAINER_LABELS.get(article.kind, N_("In") if article.kind in CONTAINED_KINDS
                                             else HOLDING_COLLECTION),
        journal_label=journal_label(article),
        year=links.years.get(article.year),
        related=_entries(links, lib.related(key)))


def _author_pages(site: Site, links: Links, pages: Plan) -> None:
    """Every page of every author's list, added to ``pages``. A list of one page (nearly every author's) is made
    when asked for, as _listings and _page would make it, without their steps for each of the 18,600 authors of
    10,000 records (a third of these pages' share of the plan); a longer one's pages are made here."""
    paged_from = listing.one_page_from(site.config.list_orders)
    bare = _bare_context(site, site.roots[urls.root_of(urls.AUTHORS)])  # beside it: authors/x.html
    paths: list[str] = []
    made: list[Page | str] = []  # at each path, its page or, to be made, the key of the author of its list
    for k, a in site.library.authors.items():
        if len(a.articles) < paged_from:
            paths.append(urls.author(k))
            made.append(k)
        else:
            for path, part, sorted_from in _listings(site, urls.author(k), a.articles):
                paths.append(path)
                made.append(_page(site, path, "author.html", more=functools.partial(_author_extras, site, links, k,
                                                                                   a, part), **sorted_from))
    authors = site.library.authors

    def make(n: int) -> Page:
        key = made[n]
        if not isinstance(key, str):
            return key
        author = authors[key]
        return Page(paths[n], "author.html", bare, more=functools.partial(
            _author_extras, site, links, key, author, listing.one_page(author.articles)))

    pages.add_later("author.html", paths, make)


def _author_extras(site: Site, links: Links, key: str, author: Author, part: listing.Listing) -> dict[str, Any]:
    lib = site.library
    # Only the names shown are worked out: each name of a byline of thousands asks for its co-authors. Those who
    # wrote one article with the author are named on its page, one link away; listing them all was a seventh of a
    # large site's bytes (two authors in three have one article, whose byline their page would repeat).
    coauthors, together = lib.frequent_coauthors(key, COAUTHORS_SHOWN) if part.main else ((), 0)
    several = site.config.downloads and len(author.articles) > 1
    return dict(author=author, listing=part, entries=_entries(links, part.keys),
                coauthors=_counted(links.authors, coauthors),
                more_coauthors=together - len(coauthors),
                topics=_counted(links.topics, lib.author_topics(key)) if part.main else (),
                downloads=_group_downloads(urls.author(key), author.articles)
                if site.config.downloads and not several else (),
                joined=Joined(key, author.articles) if several and part.main else None)


@dataclass(frozen=True, slots=True)
class Joined:
    """A list's download that the browser joins from its articles' own files (static/downloads.js), with those
    files as plain links for readers without JavaScript. An author's list is not written as files of its own:
    at 10,000 records those were a third of the site's bytes."""

    name: str
    """The joined file's name without extension: the page's own (``authors/x.html`` → ``x``)."""
    articles: tuple[str, ...]
    """The keys of its articles, in the list's order: the library's own tuple, not a copy."""

    @property
    def files(self) -> tuple[tuple[Download, ...], ...]:
        """Per article, its ``own_files``: made as the page is rendered, not held with its context (a render
        worker's memory of the pages it has fingerprinted kept a long list's file names: at 10,000 records each
        worker grew by 21 MB while rendering, 6 MB with them made here). The default templates show each
        article's through render.joined_items instead, once per article."""
        return tuple(map(own_files, self.articles))


def own_files(key: str) -> tuple[Download, ...]:
    """(format, href, file name) of the article's own file in each list format, from a page one folder down (a
    joined download's page: Joined)."""
    return tuple((fmt, "../" + (file := urls.export(urls.article(key), ext)), posixpath.basename(file))
                 for fmt, ext, _label in urls.EXPORTS[:3])


def _listings(site: Site, base: str, keys: tuple[str, ...]) -> list[tuple[str, listing.Listing, dict[str, Any]]]:
    """(path, Listing, more context) of every page of the list of ``keys`` at ``base``. A page of another order
    than newest first (by date or by title, ``list_orders``) shows the articles that the titles and dates of the
    whole list put there: its context holds the list's articles (``sorted_from``, one tuple for all its pages),
    so that a rebuild after an edit of any of them makes its fingerprint again (output/fingerprints.py keeps a
    page that reached none of the changed articles). Newest first is the library's own order, its structure."""
    parts = listing.listings(base, keys, site.ranks, site.config.list_orders)
    if len(parts) == 1:  # one page, newest first: most lists
        return [(*parts[0], {})]
    if all(part.order == "newest" for _path, part in parts):
        return [(path, part, {}) for path, part in parts]
    sorted_from = {"sorted_from": tuple(site.library.articles[k] for k in keys)}
    return [(path, part, sorted_from if part.order != "newest" else {}) for path, part in parts]


def _group_page(site: Site, links: Links, path: str, base: str, template: str, group: Group,
                part: listing.Listing, sorted_from: dict[str, Any]) -> Page:
    """A page of the list at ``base``: its downloads are the whole list's, beside the list's own page; its
    articles' entries are made by its costly part (``Made``)."""
    return _page(site, path, template, more=functools.partial(_listed, links, part), group=group, listing=part,
                 downloads=_group_downloads(base, group.articles)
                 if template == "topic.html" and site.config.downloads else (), **sorted_from)


def _listed(links: Links, part: listing.Listing) -> dict[str, Any]:
    """The entries of the articles on a page of a list."""
    return {"entries": _entries(links, part.keys)}


Download = tuple[str, str, str]
"""(format, href relative to the page's folder, label)."""


def _list_downloads(page_path: str, root: str) -> tuple[Download, ...]:
    return tuple((fmt, root + posixpath.basename(urls.export(page_path, ext)), label)
                 for fmt, ext, label in urls.EXPORTS[:3])


def _group_downloads(page_path: str, article_keys: tuple[str, ...]) -> tuple[Download, ...]:
    """A list of one article offers that article's own files rather than copies of them."""
    if len(article_keys) == 1:
        single = urls.article(article_keys[0])
        return tuple((fmt, "../" + urls.export(single, ext), label) for fmt, ext, label in urls.EXPORTS[:3])
    return _list_downloads(page_path, "")


def _exports(site: Site, listing: list[Page], pages: Plan) -> None:
    """The download files, added to ``pages``: each article's in every format (made when asked for), and the
    collection's and each topic's list (without abstracts, cite/exports.py).

    Citation keys are given once for the whole collection, so an article has the same key in every file.
    """
    lib = site.library
    keys = site.citation_keys
    entry = {k: (keys[k], a) for k, a in lib.articles.items()}  # one for the article's files and every list's
    articles = tuple(lib.articles)
    extensions = [ext for _fmt, ext, _label in urls.EXPORTS]
    formats = [fmt for fmt, _ext, _label in urls.EXPORTS]
    paths = [stem + ext for k in articles for stem in (urls.export_stem(urls.article(k)),) for ext in extensions]
    shown: list[tuple[str, dict[str, Any]]] = [("", {})]  # the last article's key and context (see make)

    def make(n: int) -> Page:
        # One context for an article's files in every format (contexts are never changed, and its files are
        # asked for one after the other): at 100,000 records, 400,000 pages, whose own dicts took some 110 MB.
        key = articles[n // len(formats)]
        if shown[0][0] != key:
            shown[0] = (key, {"entries": (entry[key],)})
        return Page(paths[n], "", shown[0][1], formats[n % len(formats)])

    pages.add_later("", paths, make)
    files = []
    for page in listing:
        members = articles if page.path == urls.HOME else page.context["group"].articles
        if len(members) > 1:
            entries = tuple(map(entry.__getitem__, members))
            files += [Page(urls.export(page.path, ext), "", {"entries": entries, "abstracts": False}, export=fmt)
                      for fmt, ext, _label in urls.EXPORTS[:3]]
    pages.add(files)


def _page(site: Site, path: str, template: str, more: Callable[[], dict[str, Any]] | None = None,
          prose: bool = False, **context: Any) -> Page:
    root = urls.root_of(path)
    if path == urls.NOT_FOUND and site.config.base_path:
        # 404.html is served at any depth, so its links must not be page-relative.
        root = site.config.base_path
    escaped = site.roots[root]  # one object for all pages one folder down
    if context:
        return Page(path, template, {"site": site, "root": escaped, **context}, more=more, prose=prose)
    return Page(path, template, _bare_context(site, escaped), more=more, prose=prose)


def _bare_context(site: Site, root: Markup) -> dict[str, Any]:
    """The context of every page whose way back to the root is ``root`` and whose own part is all in its costly
    part (Site.bare_contexts)."""
    bare = site.bare_contexts.get(root)
    if bare is None:
        bare = site.bare_contexts[root] = {"site": site, "root": root}
    return bare


def _index_extras(site: Site, links: Links, index: listing.IndexPage) -> dict[str, Any]:
    """What a page of the author index shows of its authors: links made only for the pages rendered."""
    return {"letters": _letters(site.library, links, index)}


def _letters(lib: Library, links: Links, index: listing.IndexPage) -> tuple[tuple[str, Counted], ...]:
    """The authors of an index page grouped A–Z by the first letter of their slug, with their article counts;
    others under "#"."""
    if index.letter:  # a page of one letter's authors
        return ((index.letter, tuple([(links.authors[k], len(lib.authors[k].articles)) for k in index.names])),
                ) if index.names else ()
    groups: dict[str, list[tuple[Named, int]]] = {}
    keys = index.names
    for key in keys:
        groups.setdefault(listing.letter_of(key), []).append((links.authors[key], len(lib.authors[key].articles)))
    return tuple((letter, tuple(names)) for letter, names in sorted(groups.items()))


def check_paths(pages: Sequence[Page]) -> None:
    """Refuse paths that collide or leave the output folder (both are bugs, never user errors to skip)."""
    paths = pages.paths if isinstance(pages, Plan) else [page.path for page in pages]
    if _all_safe(paths):
        return
    seen: dict[str, int] = {}
    for n, path in enumerate(paths):
        if posixpath.normpath(path) != path or path.startswith(("../", "/")) or path == ".." or "\\" in path:
            raise UserError(f"page path {path!r} would leave the output folder")
        # an ASCII path with no capital is its own folded form: no copy of it is made (at 100,000 records the
        # plan has 700,000 paths)
        other = seen.setdefault(path if path.isascii() and path.islower() else path.casefold(), n)
        if other != n:
            raise UserError(f"two pages would be written to {path}: {pages[other].template} and {pages[n].template}")


def _all_safe(paths: list[str]) -> bool:
    """Whether check_paths has nothing to refuse, looked at many paths at once (a few passes over them joined took
    a third of the time of looking at each path); False also when it might: check_paths then names the first
    fault."""
    own_forms = True  # every path so far is its own folded form
    for start in range(0, len(paths), _JOINED):  # a few at a time: no copy of all the paths joined
        joined = "\n" + "\n".join(paths[start:start + _JOINED]) + "\n"
        own_forms = own_forms and joined.isascii() and joined.lower() == joined
        # A path that is not its own normal form or leaves the folder is empty, has a part that is empty ("/x",
        # "x/", "x//y") or begins with a dot ("..", "./x", "x/../y"), or a backslash; a part may also only be
        # suspected.
        if "\\" in joined:
            return False
        joined = joined.replace("/", "\n")
        if "\n\n" in joined or "\n." in joined:
            return False
    if own_forms:
        return len(set(paths)) == len(paths)
    return len({path if path.isascii() and path.islower() else path.casefold() for path in paths}) == len(paths)


_JOINED = 10_000
