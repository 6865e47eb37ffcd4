"""Reader for Publish or Perish's JSON export (Harzing's program, the usual way to take Google Scholar's results
out): an array of results, or its "JSON Lines" variant, one result a line.

A sample (shortened; Publish or Perish indents with tabs, shown here as spaces)::

    [
        {
            "uid": "GS:10955542985646283611",
            "title": "How Trust Leads to Commitment on Microsourcing Platforms: Unraveling the Effects of …",
            "source": "MIS Quarterly",
            "publisher": "search.ebscohost.com",
            "article_url": "https://search.ebscohost.com/login.aspx?direct=true&…",
            "cites_url": "https://scholar.google.com/scholar?cites=10955542985646283611&…",
            "abstract": "… microsourcing relationship which includes the microsourcer, …",
            "rank": 1, "year": 2021, "volume": 0, "issue": 0, "startpage": 0, "endpage": 0,
            "cites": 9, "ecc": 9, "use": 1,
            "authors": ["W Guo", "D Straub", "P Zhang", "Z Cai"],
            "doi": "10.1007/s10796-013-9440-y"
        }
    ]

``source`` is the publication; ``authors`` the names as Google Scholar prints them, initials first ("NHA Bakar"),
"..." standing for authors it left out; a number that is not known is 0. Google Scholar cuts a long title or
publication short with "…", and ``abstract`` is its snippet of the text, cut likewise: both are shown as the record
gives them, a shortened title with a warning. Every key is kept, with its line, for the full-record view.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import identifiers as ids
from ..model.article import UNTITLED, Article, Person, Record
from ..model.normalize import clean, safe_url
from . import json_records, shared

FORMAT = "pop-json"

_POP_KEYS = frozenset({"cites", "ecc", "use", "cites_url", "related_url", "article_url", "startpage", "gsrank"})
"""Keys of a Publish or Perish result that no other JSON format read here has at the top of a record."""
_UNKNOWN_NUMBER = "0"
_SHORTENED = "\u2026"
_LEFT_OUT = frozenset({"...", _SHORTENED})
_INITIALS = re.compile(r"[A-Z]{1,4}")


def sniff(head: str) -> bool:
    """A JSON array (or JSON Lines) whose first result has ``authors`` and ``title`` and at least two of Publish
    or Perish's own keys (citation counts, Google Scholar's links), wherever in the result they stand."""
    _found, keys = json_records.first_keys(head)
    return {"title", "authors"} <= keys and len(keys & _POP_KEYS) >= 2


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every result of one export, with the line of each result and key; a broken result is reported with its
    line and the others are kept (json_records)."""
    return json_records.read(_as_array(text), path, FORMAT)


def _as_array(text: str) -> str:
    """JSON Lines (each result an object on a line of its own) as the array it lists, on the same lines; any other
    text as it is. A line that is broken stays a record of its own, reported at its line."""
    lines = text.removeprefix("\ufeff").split("\n")
    filled = [n for n, line in enumerate(lines) if line.strip()]
    first = lines[filled[0]].strip() if filled else ""
    if len(filled) < 2 or not (first.startswith("{") and first.endswith("}")) \
            or not lines[filled[1]].lstrip().startswith("{"):
        return text
    for n in filled[:-1]:
        lines[n] = lines[n].rstrip() + ","
    return "[" + "\n".join(lines) + "]"


def person(name: str) -> Person:
    """A name as Google Scholar prints it, initials first ("NHA Bakar", "W Guo"): kept as written, the family
    name its last word when the words before it are initials; any other name is kept whole."""
    name = clean(name)
    words = name.split()
    if len(words) >= 2 and all(_INITIALS.fullmatch(w) for w in words[:-1]):
        return Person(name=name, family=words[-1], given=" ".join(words[:-1]))
    return Person(name=name)


def _number(record: Record, key: str) -> str:
    """A volume, issue or page as given; Publish or Perish's 0 for one it does not know is none."""
    value = clean(record.first(key))
    return "" if value == _UNKNOWN_NUMBER else value


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one result, and what it lacks."""
    problems: list[Diagnostic] = []
    title = clean(shared.strip_tags(record.first("title")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, f"result has no title; shown as {UNTITLED!r}"))
    elif title.endswith(_SHORTENED):
        problems.append(Diagnostic(
            Level.WARNING, SourceSpan(record.where.path, record.line_of("title")),
            f"the title ends in '{_SHORTENED}': Google Scholar cut it short, and it is shown so; the record of the "
            "same work from another source (by its DOI) gives the whole title"))
    names = [n for n in record.values("authors") if clean(n)]
    year = clean(record.first("year"))
    doi = ids.doi_field(record.first("doi"))
    _lay, abstract, _rights = shared.abstract(record.first("abstract"))
    urls: list[str | tuple[str, str]] = [record.first("article_url")]
    urls += [(f"{shared.label_for(url)} (full text)", url) for url in map(safe_url, record.values("fulltext_url"))
             if url]
    article = Article(
        id=shared.article_id("", "", doi, record.first("uid"), title, "pop"),
        title=title or UNTITLED,
        authors=tuple(person(n) for n in names if clean(n) not in _LEFT_OUT),
        et_al=any(clean(n) in _LEFT_OUT for n in names),
        journal=clean(record.first("source")),
        publisher=clean(record.first("publisher")),
        date=year if year.isdigit() and len(year) == 4 and year != "0000" else "",
        doi=doi,
        volume=_number(record, "volume"),
        issue=_number(record, "issue"),
        pages=shared.page_range(_number(record, "startpage"), _number(record, "endpage")),
        abstract=abstract,
        links=shared.links(url for url in urls if url),
        records=(record,),
    )
    return article, problems
