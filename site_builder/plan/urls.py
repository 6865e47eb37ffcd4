"""Output paths of every page kind, and the relative prefix that takes a page back to the site root.

Flat files (``authors/x.html``), never ``x/index.html`` folders: a folder per page doubles the cost of writing a
large site, and links that name a file work from file:// as well as under any subpath.
"""

from __future__ import annotations

HOME = "index.html"
AUTHORS = "authors/index.html"
TOPICS = "topics/index.html"
JOURNALS = "journals/index.html"
YEARS = "years/index.html"
NOT_FOUND = "404.html"
STYLESHEET = "static/style.css"
SCRIPT = "static/site.js"
DOWNLOADS_SCRIPT = "static/downloads.js"
ICON = "static/favicon.svg"
SEARCH = "search.html"
SEARCH_SCRIPT = "static/search.js"
SEARCH_BUNDLE = "pagefind/"
"""Pagefind's folder (search.BUNDLE), as a page links to it."""
ARTICLES_PER_INDEX = 5000
"""At most this many articles in one Pagefind index: the indexer's memory follows the words it indexes (1.9 GB
for 10,000 synthetic articles), so a larger collection is indexed in parts, which the search page merges."""


def search_parts(articles: int) -> tuple[str, ...]:
    """The folders inside SEARCH_BUNDLE of the articles' further indexes ("part2/", …), none up to
    ARTICLES_PER_INDEX articles: the first part is SEARCH_BUNDLE itself."""
    parts = -(-articles // ARTICLES_PER_INDEX)
    return tuple(f"part{n}/" for n in range(2, parts + 1))


def article(key: str) -> str:
    return f"articles/{key}.html"


def author(key: str) -> str:
    return f"authors/{key}.html"


def topic(key: str) -> str:
    return f"topics/{key}.html"


def journal(key: str) -> str:
    return f"journals/{key}.html"


def year(key: str) -> str:
    return f"years/{key}.html"


def page(key: str) -> str:
    return f"pages/{key}.html"


def root_of(path: str) -> str:
    """The relative prefix from a page to the site root: "" for index.html, "../" for authors/x.html."""
    return "../" * path.count("/")


EXPORTS = (("bibtex", "bib", "BibTeX"), ("ris", "ris", "RIS"), ("csl-json", "json", "CSL-JSON"),
           ("medline", "nbib", "MEDLINE (.nbib)"))
"""(format, file extension, label) of every download; lists offer the first three."""
COLLECTION = "collection"


def export(page_path: str, extension: str) -> str:
    """A download beside its page: ``authors/x.html`` → ``authors/x.bib``; the collection's sits at the root."""
    return export_stem(page_path) + extension


def export_stem(page_path: str) -> str:
    """What every download beside a page begins with, its extension to follow: ``authors/x.html`` →
    ``authors/x.``."""
    return (page_path.rsplit(".", 1)[0] if page_path != HOME else COLLECTION) + "."


FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def absolute(base_url: str, path: str) -> str:
    """The public address of an output path; the home page is the bare site address, as its canonical link.

    Works whether or not ``base_url`` ends in "/" (actions/configure-pages gives it without one).
    """
    base = base_url if base_url.endswith("/") else base_url + "/"
    return base + ("" if path == HOME else path)
