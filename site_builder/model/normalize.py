"""Normalizing what records say: whitespace, names, slugs and safe links (dates are ``dates``'s).

Pure functions shared by every reader and by the library; nothing here knows a file format.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from anyascii import anyascii

from .article import Person


def _cp1252_controls() -> dict[int, str]:
    """U+0080–U+009F → the character Windows-1252 puts at that byte (0x92 → ’), from Python's own codec."""
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: no character there
            continue
    return table


_CP1252_CONTROLS = _cp1252_controls()
_C1_CONTROL = re.compile("[\x80-\x9f]")


def clean(text: str) -> str:
    """NFC, whitespace collapsed to single spaces, trimmed; C1 controls that are Windows-1252 bytes read as
    Latin-1 (U+0092 for an apostrophe) become the characters meant (’ “ ” – — …).

    Every reader cleans every value it types with this, so each output shows the same text."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Most values are clean already, and a few scans in C tell, instead of splitting an abstract into words and
    # joining them back. Every whitespace character but the space is unprintable (categories Zs, Zl, Zp, Cc).
    if text.isprintable():
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
    elif _C1_CONTROL.search(text):  # before split(): it takes U+0085 (cp1252's "…") for a line end
        text = text.translate(_CP1252_CONTROLS)
    return " ".join(text.split())


_NOT_ALNUM = re.compile(r"[\W_]+")
r"""Whatever str.isalnum() refuses: \w is the alphanumerics and the underscore (tests/test_normalize.py)."""


def alnum(text: str) -> str:
    """The letters and digits of ``text`` (as ``str.isalnum`` tells them), in one C pass."""
    return _NOT_ALNUM.sub("", text)


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The values cleaned, in first-seen order, each once; empty ones left out."""
    return tuple(dict.fromkeys(v for v in map(clean, values) if v))


def unique_folded(values: Iterable[str]) -> tuple[str, ...]:
    """As ``unique``, and a value that differs from an earlier one only in case ("Humans", "HUMANS") left out
    too; the first spelling stays. For keywords and topics, which sources capitalise as they like."""
    seen: dict[str, str] = {}
    for value in map(clean, values):
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def slugify(text: str, fallback: str = "untitled") -> str:
    """An ASCII slug: NFC first, then transliterated (Hubelé → hubele, Łukasz → lukasz, 王 → wang)."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:80].rstrip("-") or fallback


def name_key(name: str) -> str:
    """What makes two spellings of a name the same string: NFC, case and spacing folded."""
    return clean(name).casefold()


@functools.lru_cache(maxsize=1 << 16)
def parse_person(name: str, orcid: str = "") -> Person:
    """A person from "Family, Given[, Suffix]"; a name without a comma (a group) keeps its whole form.

    Cached (a Person cannot change): a collection names most people several times, and the articles then share
    one Person per spelling."""
    name = clean(name)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1 or not parts[0]:
        return Person(name=name, orcid=orcid)
    family, given = parts[0], parts[1]
    suffix = ", ".join(parts[2:])
    return Person(name=name, family=family, given=given, suffix=suffix, orcid=orcid)


SAFE_SCHEMES = ("http", "https")
_UNSAFE_IN_URL = re.compile(r'[\x00-\x20<>"\\`]')  # controls, space, and what ends an attribute or a tag


def safe_url(url: str) -> str:
    """The url when its scheme is allowed (http, https) and it has a host; "" otherwise.

    Control characters and spaces inside a url are how ``java\\tscript:`` tricks a browser, so they reject it.
    """
    url = url.strip()
    if not url or _UNSAFE_IN_URL.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return ""
    return url
