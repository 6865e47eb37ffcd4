"""Long lists in pages: a topic's, journal's, year's or author's articles in pages of PAGE_SIZE, in each order a
reader may ask for (newest first, oldest first, by title) when the list is long, and the author index split by
letter once it is large. Each page knows the links to its neighbours, so a template only prints them.

Pages other than a list's first sit beside it, named with "_", which no slug holds, so they never meet another
page's path: topics/x.html (newest first), topics/x_2.html, topics/x_oldest.html, topics/x_title_3.html.
At 10,000 synthetic records the longest list held 1,312 articles (1.3 MB of HTML); a page now holds at most 100.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .orders import ORDERS, Ranks

PAGE_SIZE = 100
"""Articles on one page of a list (about 40 KB of HTML)."""
SORTED_FROM = 21
"""A list of more articles than this offers the other orders (it no longer fits on a screen or two)."""
NAMES_PER_PAGE = 2000
"""Names on one page of the author index (about 180 KB)."""
LETTERS_FROM = 3000
"""An author index of more names than this is split by letter."""


@dataclass(frozen=True, slots=True)
class PageLink:
    href: str
    """Relative to the list's folder, where all its pages are."""
    label: str
    """A page number, an order (``newest``, ``oldest``, ``title``) or a letter; the template words it."""
    current: bool


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a list of articles."""

    keys: tuple[str, ...]
    """The articles on this page, in its order."""
    total: int
    start: int
    """The number of this page's first article in the whole list (1-based)."""
    order: str
    orders: tuple[PageLink, ...]
    """The first page of each order; empty for a short list."""
    pages: tuple[PageLink, ...]
    """Every page of this order; empty when one page holds the list."""
    main: bool
    """The list's own page (newest first, page 1): the one that shows what is not a list of articles."""

    @property
    def previous(self) -> str:
        at = next((i for i, p in enumerate(self.pages) if p.current), 0)
        return self.pages[at - 1].href if at > 0 else ""

    @property
    def next(self) -> str:
        at = next((i for i, p in enumerate(self.pages) if p.current), len(self.pages))
        return self.pages[at + 1].href if at + 1 < len(self.pages) else ""


def page_path(base: str, *parts: str) -> str:
    """``topics/x.html`` with parts: ``topics/x_oldest_2.html``; none: the base itself."""
    if not parts:
        return base
    return base.removesuffix(".html") + "_" + "_".join(parts) + ".html"


def one_page_from(sorted_orders: bool) -> int:
    """The length from which ``listings`` makes more than one page of a list: a shorter list is ``one_page`` at its
    base (the plan makes those itself)."""
    return min(SORTED_FROM, PAGE_SIZE + 1) if sorted_orders else PAGE_SIZE + 1


def one_page(keys: Sequence[str]) -> Listing:
    """The only page of a short list, newest first, in no other order."""
    return Listing(tuple(keys), len(keys), 1, "newest", (), (), True)


def listings(base: str, keys: Sequence[str], ranks: Mapping[str, Ranks],
             sorted_orders: bool = True) -> list[tuple[str, Listing]]:
    """(path, Listing) of every page of the list at ``base`` of the articles ``keys`` (newest first), in the other
    orders too when ``sorted_orders`` (the ``list_orders`` setting) and the list is long."""
    total = len(keys)
    orders = ORDERS if sorted_orders and total >= SORTED_FROM else ORDERS[:1]
    if len(orders) == 1 and total <= PAGE_SIZE:  # one page in one order, as below: most authors' lists
        return [(base, one_page(keys))]
    firsts = {order: page_path(base, *([] if order == "newest" else [order])) for order in orders}
    if len(orders) > 1:  # each article's Ranks once for the list's orders (Site.ranks unpacks them as asked for)
        ranks = {k: ranks[k] for k in keys}
    found = []
    for order in orders:
        ordered = tuple(keys) if order == "newest" else tuple(sorted(keys, key=lambda k: getattr(ranks[k], order)))
        count = max(1, -(-total // PAGE_SIZE))
        paths = [page_path(base, *([] if order == "newest" else [order]), *([] if n == 1 else [str(n)]))
                 for n in range(1, count + 1)]
        for n, path in enumerate(paths, start=1):
            found.append((path, Listing(
                keys=ordered[(n - 1) * PAGE_SIZE:n * PAGE_SIZE], total=total, start=(n - 1) * PAGE_SIZE + 1,
                order=order,
                orders=tuple(PageLink(posixpath.basename(first), o, o == order) for o, first in firsts.items())
                if len(orders) > 1 else (),
                pages=tuple(PageLink(posixpath.basename(p), str(i), p == path) for i, p in enumerate(paths, 1))
                if count > 1 else (),
                main=path == base)))
    return found


@dataclass(frozen=True, slots=True)
class IndexPage:
    """One page of the author index: its names, and links to the index's other pages."""

    names: tuple[str, ...]
    """Author keys, A to Z."""
    letters: tuple[PageLink, ...]
    """The first page of each letter; empty when one page holds every name."""
    pages: tuple[PageLink, ...]
    """Every page of this letter; empty when one page holds it."""
    letter: str
    """"" on the index's own page."""


def author_index(base: str, keys: Sequence[str]) -> list[tuple[str, IndexPage]]:
    """(path, IndexPage) of the author index at ``base``: one page, or an overview and a page per letter
    (``authors/index_a.html``, ``authors/index_other.html`` for names not starting with a letter)."""
    if len(keys) <= LETTERS_FROM:
        return [(base, IndexPage(tuple(keys), (), (), ""))]
    by_letter: dict[str, list[str]] = {}
    for key in keys:
        by_letter.setdefault(letter_of(key), []).append(key)
    letters = sorted(by_letter, key=lambda letter: (letter == "#", letter))
    slug = {letter: "other" if letter == "#" else letter.lower() for letter in letters}
    firsts = {letter: page_path(base, slug[letter]) for letter in letters}
    found = [(base, IndexPage((), tuple(PageLink(posixpath.basename(p), letter, False)
                                       for letter, p in firsts.items()), (), ""))]
    for letter in letters:
        names = by_letter[letter]
        count = -(-len(names) // NAMES_PER_PAGE)
        paths = [page_path(base, slug[letter], *([] if n == 1 else [str(n)])) for n in range(1, count + 1)]
        for n, path in enumerate(paths, start=1):
            found.append((path, IndexPage(
                tuple(names[(n - 1) * NAMES_PER_PAGE:n * NAMES_PER_PAGE]),
                tuple(PageLink(posixpath.basename(p), other, other == letter) for other, p in firsts.items()),
                tuple(PageLink(posixpath.basename(p), str(i), p == path) for i, p in enumerate(paths, 1))
                if count > 1 else (), letter)))
    return found


def letter_of(key: str) -> str:
    """The index letter of an author key: its first letter, or "#" for a key that starts otherwise."""
    return key[0].upper() if key[:1].isalpha() else "#"
