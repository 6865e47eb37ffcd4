"""The orders a list of articles can be read in: newest first (the site's own), oldest first, and by title.

One place for them, so that a sorted list page and a sorted search agree on every tie. An article's place in each
order is written as text made from that article alone (``Ranks``): text compared character by character, as
Python and Pagefind compare sort values, puts the articles in the order, and an article that moves in an order
changes no other article's text (nor, then, its page).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyascii import anyascii

if TYPE_CHECKING:  # only for the annotations: this module reads a library, it never makes one
    from ..model.article import Article
    from ..model.library import Library

ORDERS = ("newest", "oldest", "title")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Ranks:
    """An article's place in each order of the whole collection, as text of its own (``ranks_of``): the article
    whose text is less comes first. Pagefind sorts by these (data-pagefind-sort): text, not numbers, as none of
    them reads as a number."""

    newest: str
    oldest: str
    title: str


def packed(ranks: Ranks) -> bytes:
    """``ranks`` as one compressed text (``unpacked`` gives them back): at 100,000 records an article's three
    texts, some 560 characters that repeat its title and key, took some 60 MB as strings, held by the main
    process while every render worker was forked from it."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -_WINDOW_BITS, 1)
    return packer.compress(f"{ranks.newest} {ranks.oldest} {ranks.title}".encode("ascii")) + packer.flush()


_WINDOW_BITS = 9
"""Raw deflate with a window of 512 bytes and the least memory: the texts repeat within a few hundred characters,
and zlib's default state (a 32 KB window, 256 KB of tables) made packing cost 19 µs an article instead of 5."""


def unpacked(data: bytes) -> Ranks:
    newest, oldest, title = zlib.decompress(data, -_WINDOW_BITS).decode("ascii").split(" ")  # no space in a text
    return Ranks(newest, oldest, title)


def title_key(title: str) -> str:
    """Titles compared as a reader expects: case, accents and punctuation folded ("“Éclair”" by "eclair")."""
    return _NOT_WORD.sub(" ", anyascii(unicodedata.normalize("NFC", title)).casefold()).strip()


def ranks(lib: Library) -> dict[str, Ranks]:
    """Every article's Ranks, by key."""
    return {k: ranks_of(k, a) for k, a in lib.articles.items()}


def ranks_of(key: str, article: Article) -> Ranks:
    """An article's Ranks, made from its key, title and date alone. Newest first is the library's order
    (library.newest_first: by date, newest first, the undated last; then by title, case folded, and key); oldest
    first puts the dated articles by date, folded title (title_key) and key, then the undated as newest first
    does; by title breaks a tie of folded titles newest first. Each order is a tuple of texts, written as one
    (``ascending``, ``descending``)."""
    date, folded, by_key = article.date, ascending(article.title.casefold()), ascending(key)
    title = ascending(title_key(article.title))
    newest = descending(date) + folded + LAST + by_key
    oldest = ascending(date) + LAST + title + LAST + by_key if date else FIRST + newest
    return Ranks(newest=newest, oldest=oldest, title=title + LAST + newest)


LAST = "!"
"""Ends an ascending part: less than every character ``ascending`` writes, so a text comes before those it
begins."""
FIRST = "~"
"""Ends a descending part: more than every character ``ascending`` writes, so a text comes after those it begins."""
_ALPHABET = "$%+-.0123456789_abcdefghijklmnopqrstuvwxyz{"
"""Every character ``ascending`` writes, in order: none is whitespace, a quote, "&", "<", ">", ":" or ",", so
the text needs no escaping in an attribute and Pagefind takes it as it is."""
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_REVERSED = str.maketrans(_ALPHABET, _ALPHABET[::-1])


def _digits(number: int, width: int) -> str:
    found = ""
    for _ in range(width):
        number, digit = divmod(number, len(_DIGITS))
        found = _DIGITS[digit] + found
    return found


def _code(char: str) -> str:
    """A character as ``ascending`` writes it: "-", a digit and a lowercase ASCII letter as themselves, a space as
    "%", any other as a mark and its code point in fixed-width base 36, the mark chosen by the kept characters it
    falls between. The codes are in the characters' order, and none begins another."""
    point = ord(char)
    if char == "-" or "0" <= char <= "9" or "a" <= char <= "z":
        return char
    if point < 0x20:
        return "$" + _digits(point, 2)
    if char == " ":
        return "%"
    if point < ord("-"):
        return "+" + _digits(point, 2)
    if point < ord("0"):
        return "." + _digits(point - ord("."), 1)
    if point < ord("a"):
        return "_" + _digits(point - ord(":"), 2)
    return "{" + _digits(point - ord("{"), 4)


_ASCII_CODES = {point: _code(chr(point)) for point in range(0x80)}
"""str.translate's table for ASCII (the usual characters of titles and dates); ``ascending`` codes the others one
by one."""
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def ascending(text: str) -> str:
    """Text whose order (code point by code point, a text before those it begins) is ``text``'s, written with
    _ALPHABET only; followed by LAST, it sorts before any longer text it begins."""
    coded = text.translate(_ASCII_CODES)
    return coded if coded.isascii() else _NOT_ASCII.sub(lambda found: _code(found.group()), coded)


def descending(text: str) -> str:
    """Text in the reverse of ``text``'s order, ending in FIRST: ``ascending`` with each character turned end for
    end in _ALPHABET."""
    return ascending(text).translate(_REVERSED) + FIRST
