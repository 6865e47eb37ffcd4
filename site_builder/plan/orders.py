"""The orders a list of articles can be read in: newest first (the site's own), oldest first, and by title.

One place for them, so that a sorted list page and a sorted search agree on every tie.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyascii import anyascii

if TYPE_CHECKING:  # only for the annotations: this module reads a library, it never makes one
    from ..model.library import Library

ORDERS = ("newest", "oldest", "title")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Ranks:
    """An article's place (0 first) in each order of the whole collection."""

    newest: int
    oldest: int
    title: int


def title_key(title: str) -> str:
    """Titles compared as a reader expects: case, accents and punctuation folded ("“Éclair”" by "eclair")."""
    return _NOT_WORD.sub(" ", anyascii(unicodedata.normalize("NFC", title)).casefold()).strip()


def ranks(lib: Library) -> dict[str, Ranks]:
    """Every article's Ranks. Newest first is the library's order (undated last); oldest first puts the dated
    articles by date, then the undated; by title breaks ties newest first."""
    newest = lib.rank
    dated = [k for k, a in lib.articles.items() if a.date]
    undated = [k for k, a in lib.articles.items() if not a.date]
    titles = {k: title_key(a.title) for k, a in lib.articles.items()}  # once each: folding is most of the time
    oldest = sorted(dated, key=lambda k: (lib.articles[k].date, titles[k], k)) + undated
    by_title = sorted(lib.articles, key=lambda k: (titles[k], newest[k]))
    oldest_rank = {k: n for n, k in enumerate(oldest)}
    title_rank = {k: n for n, k in enumerate(by_title)}
    return {k: Ranks(newest[k], oldest_rank[k], title_rank[k]) for k in lib.articles}
