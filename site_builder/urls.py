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
