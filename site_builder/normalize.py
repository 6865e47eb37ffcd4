"""Normalizing what records say: whitespace, names, slugs, dates and safe links.

Pure functions shared by every reader and by the library; nothing here knows a file format.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from anyascii import anyascii

from .model import Person


def clean(text: str) -> str:
    """NFC, whitespace collapsed to single spaces, trimmed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Most values are clean already, and a few scans in C tell, instead of splitting an abstract into words and
    # joining them back. Every whitespace character but the space is unprintable (categories Zs, Zl, Zp, Cc).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


_NOT_ALNUM = re.compile(r"[\W_]+")
r"""Whatever str.isalnum() refuses: \w is the alphanumerics and the underscore (tests/test_normalize.py)."""


def alnum(text: str) -> str:
    """The letters and digits of ``text`` (as ``str.isalnum`` tells them), in one C pass."""
    return _NOT_ALNUM.sub("", text)


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

    Cached (a Person cannot change): a collection names most people several times, 75,000 names for 18,600
    people at 10,000 records, and the articles then share one Person per spelling."""
    name = clean(name)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1 or not parts[0]:
        return Person(name=name, orcid=orcid)
    family, given = parts[0], parts[1]
    suffix = ", ".join(parts[2:])
    return Person(name=name, family=family, given=given, suffix=suffix, orcid=orcid)


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_date(text: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from the start of ``text``, checked; "" when there is none."""
    m = _ISO_DATE.match(text.strip())
    if not m:
        return ""
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return year
    if day and not 1 <= int(day) <= 31:
        return f"{year}-{month}"
    return m.group(0)


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
