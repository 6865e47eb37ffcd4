"""One Article per work: the same work read from several sources (a catalogue dump, PubMed, a reference manager)
becomes one article whose fields are merged by a fixed precedence, and which keeps every source's Record.

Two articles are the same work when they share a DOI (case-folded), a PMID or a PMCID (with its "PMC"), or, when
their identifiers do not contradict each other, the same normalized title and year. Identifiers that disagree
inside one work (two DOIs for one PMID) are reported, naming both files and lines; the preferred source's value
is shown.

Precedence, best first (``PRECEDENCE``): the catalogue dump and VuFind records are what the library curates;
PubMed XML is NLM's structured original; MEDLINE text is the same data flattened; JATS is the publisher's front
matter, whose journal names and dates vary by publisher; CSL-JSON, RIS and BibTeX are reference-manager exports,
often abbreviated, retyped or reduced to initials.

- bibliographic fields (id, title, journal, date, publisher, volume, issue, pages, identifiers, rights): the
  first source that has a value; a date is made more precise by a later source that agrees with it;
- authors: the byline of the first source that has one, with ORCIDs filled in from the others, name by name;
- abstract and lay summary: the richest (most text), ties to precedence;
- languages, formats, topics, keywords, links: the union, in precedence order;
- records: every source's record, in precedence order.

A name of the byline is also taken from another source that writes the same letters with initials apart: "Lau,
Annie Y S" for a PMC-derived record's "Lau, Annie Ys", which lost the boundaries between them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace

from .diagnostics import Diagnostic, Level, SourceSpan
from .model import Article, Link, Person, Section
from .normalize import alnum, doi_from

PRECEDENCE = ("catalogue-dump", "vufind-solr-json", "pubmed-xml", "medline-nbib", "jats-xml", "csl-json", "ris",
              "bibtex")
MIN_TITLE_CHARS = 20
"""Shorter titles ("Editorial", "Erratum", "Letter to the editor") recur within a year, so they never match."""

_ID_KINDS = ("doi", "pmid", "pmcid")
_ID_NAMES = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}


def doi_key(text: str) -> str:
    """A DOI for comparing: found inside a url or "doi:" text, case-folded (DOIs are case-insensitive)."""
    return doi_from(text).casefold()


def pmid_key(text: str) -> str:
    digits = text.strip()
    return digits if digits.isdigit() else ""


def pmcid_key(text: str) -> str:
    """"PMC" and the digits, from "PMC8699378" or "8699378"; "" when there are none."""
    m = re.fullmatch(r"\s*(?:PMC)?\s*(\d+)\s*", text, flags=re.I)
    return f"PMC{m.group(1)}" if m else ""


def title_key(title: str) -> str:
    """Letters and digits only, accents and case folded: "Liver-Directed Therapy." ~ "liver directed therapy"."""
    decomposed = unicodedata.normalize("NFKD", title.removeprefix("[").casefold())
    return alnum(decomposed)


def identifiers(article: Article) -> dict[str, str]:
    """The article's normalized DOI, PMID and PMCID (only those it has)."""
    found = {"doi": doi_key(article.doi), "pmid": pmid_key(article.pmid), "pmcid": pmcid_key(article.pmcid)}
    return {kind: value for kind, value in found.items() if value}


def rank(article: Article) -> tuple[int, SourceSpan]:
    """Sort key of a source: its format's precedence, then its place in the content folder."""
    fmt = article.records[0].format if article.records else ""
    return (PRECEDENCE.index(fmt) if fmt in PRECEDENCE else len(PRECEDENCE), article.where)


def merge_articles(articles: list[Article]) -> tuple[list[Article], list[Diagnostic]]:
    """One article per work, in the order of each work's first source; warnings for contradicting identifiers."""
    groups = _group(articles, [identifiers(a) for a in articles])
    merged: list[Article] = []
    problems: list[Diagnostic] = []
    for members in groups:
        ordered = sorted(members, key=rank)
        problems += _conflicts(ordered)
        merged.append(ordered[0] if len(ordered) == 1 else merge_work(ordered))
    return merged, problems


def _group(articles: list[Article], ids: list[dict[str, str]]) -> list[list[Article]]:
    """Works as lists of articles: joined by any shared identifier, then by title and year where that agrees."""
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple[str, str], int] = {}
    for i, found in enumerate(ids):
        for kind, value in found.items():
            j = first_with.setdefault((kind, value), i)
            parent[find(i)] = find(j)
    _join_by_title(articles, ids, find, parent)
    works: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        works.setdefault(find(i), []).append(article)
    return list(works.values())


def _join_by_title(articles: list[Article], found: list[dict[str, str]], find: Callable[[int], int],
                   parent: list[int]) -> None:
    """Join works with the same title and year unless they hold different values of one identifier."""
    ids: dict[int, dict[str, set[str]]] = {}  # a work's root → its identifiers
    for i, article_ids in enumerate(found):
        for kind, value in article_ids.items():
            ids.setdefault(find(i), {}).setdefault(kind, set()).add(value)
    first_with: dict[tuple[str, str], int] = {}
    for i, article in enumerate(articles):
        key = title_key(article.title)
        if len(key) < MIN_TITLE_CHARS or not article.year:
            continue
        j = first_with.setdefault((key, article.year), i)
        a, b = find(i), find(j)
        if a == b or _contradict(ids.get(a, {}), ids.get(b, {})):
            continue
        parent[a] = b
        for kind, values in ids.pop(a, {}).items():
            ids.setdefault(b, {}).setdefault(kind, set()).update(values)


def _contradict(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    return any(kind in b and not values & b[kind] for kind, values in a.items())


def _conflicts(ordered: list[Article]) -> list[Diagnostic]:
    """A warning for each identifier with two values in one work, at the later source, naming both."""
    problems: list[Diagnostic] = []
    if len(ordered) < 2:
        return problems
    ids = [identifiers(a) for a in ordered]
    for kind in _ID_KINDS:
        shown: tuple[str, Article] | None = None
        reported: set[str] = set()
        for article, article_ids in zip(ordered, ids, strict=True):
            value = article_ids.get(kind)
            if not value:
                continue
            if shown is None:
                shown = (value, article)
            elif value != shown[0] and value not in reported:
                reported.add(value)
                kept, first = shown
                problems.append(Diagnostic(
                    Level.WARNING, article.where,
                    f"this record and {first.where} are one work with two {_ID_NAMES[kind]}s: {value!r} here, "
                    f"{kept!r} there ({_evidence(first, article)}); the page shows {kept!r}"))
    return problems


def _evidence(a: Article, b: Article) -> str:
    ids_a, ids_b = identifiers(a), identifiers(b)
    shared = [f"{_ID_NAMES[k]} {v}" for k, v in ids_a.items() if ids_b.get(k) == v]
    return "same " + ", ".join(shared) if shared else "same title and year"


def merge_work(ordered: list[Article]) -> Article:
    """The sources of one work, best first, as one article (the rules are in the module docstring)."""
    best = ordered[0]
    return replace(
        best,
        title=_first(ordered, lambda a: a.title),
        authors=_byline(ordered),
        author_spellings=_spellings(_byline(ordered), ordered),
        journal=_first(ordered, lambda a: a.journal),
        date=_date(ordered),
        publisher=_first(ordered, lambda a: a.publisher),
        languages=_union(a.languages for a in ordered),
        formats=_union(a.formats for a in ordered),
        topics=_union(a.topics for a in ordered),
        pmid=_first(ordered, lambda a: a.pmid),
        pmcid=_first(ordered, lambda a: a.pmcid),
        doi=_first(ordered, lambda a: a.doi),
        lay_summary=_richest(a.lay_summary for a in ordered),
        abstract=_richest(a.abstract for a in ordered),
        rights=_first(ordered, lambda a: a.rights),
        licence_url=_first(ordered, lambda a: a.licence_url),
        links=_links(ordered),
        volume=_first(ordered, lambda a: a.volume),
        issue=_first(ordered, lambda a: a.issue),
        pages=_first(ordered, lambda a: a.pages),
        keywords=_union(a.keywords for a in ordered),
        records=tuple(r for a in ordered for r in a.records),
    )


def _first(ordered: list[Article], value: Callable[[Article], str]) -> str:
    return next((v for a in ordered if (v := value(a))), "")


def _date(ordered: list[Article]) -> str:
    """The first date, made more precise by a later one that agrees ("2021" and "2021-03-24")."""
    date = _first(ordered, lambda a: a.date)
    for article in ordered:
        if len(article.date) > len(date) and article.date.startswith(date) and date:
            date = article.date
    return date


def _union(lists: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for values in lists:
        for value in values:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def _richest(candidates: Iterable[tuple[Section, ...]]) -> tuple[Section, ...]:
    """The sections with the most text; the first (best source) wins a tie."""
    best: tuple[Section, ...] = ()
    for sections in candidates:
        if sum(len(s.text) for s in sections) > sum(len(s.text) for s in best):
            best = sections
    return best


def _links(ordered: list[Article]) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for article in ordered:
        for link in article.links:
            seen.setdefault(link.url, link)
    return tuple(seen.values())


def _byline(ordered: list[Article]) -> tuple[Person, ...]:
    """The best source's byline; a name without an ORCID takes one that another source gives the same person
    at the same place in its byline (same family name, accents and case aside), and the other source's name
    when it writes the same letters with more initials apart."""
    byline = next((a.authors for a in ordered if a.authors), ())
    people = list(byline)
    for article in ordered:
        if len(article.authors) != len(people):
            continue
        for n, (mine, theirs) in enumerate(zip(people, article.authors, strict=True)):
            if not _family(mine) or _family(mine) != _family(theirs):
                continue
            if _spaced_apart(theirs, mine):
                people[n] = mine = replace(theirs, orcid=mine.orcid or theirs.orcid)
            if not mine.orcid and theirs.orcid:
                people[n] = replace(mine, orcid=theirs.orcid)
    return tuple(people)


def _spaced_apart(theirs: Person, mine: Person) -> bool:
    """The same name, with initials written apart that ``mine`` runs together as if they were a name ("Y S" for
    "Ys", "A.C." for "Ac"); MEDLINE's upper-case "LB" and a name spaced otherwise ("Won Yong") are left alone."""
    if theirs.family != mine.family:
        return False
    want = [p for p in _GIVEN_PARTS.split(theirs.given) if p]
    glued = False
    for part in (p for p in _GIVEN_PARTS.split(mine.given) if p):
        if want and part.casefold() == want[0].casefold():
            want.pop(0)
            continue
        letters = [want.pop(0) for _ in range(len(part)) if want and len(want[0]) == 1]
        if len(part) < 2 or part.isupper() or "".join(letters).casefold() != part.casefold():
            return False
        glued = True
    return glued and not want


_GIVEN_PARTS = re.compile(r"[\s.\-\u2010\u2011]+")


def _spellings(byline: tuple[Person, ...], ordered: list[Article]) -> tuple[tuple[str, ...], ...]:
    """Per position of ``byline``, the other sources' forms of that name (aligned as ``_byline`` aligns them)."""
    forms: list[dict[str, None]] = [{} for _ in byline]
    for article in ordered:
        if len(article.authors) != len(byline):
            continue
        for n, (mine, theirs) in enumerate(zip(byline, article.authors, strict=True)):
            if theirs.name != mine.name and _family(mine) and _family(mine) == _family(theirs):
                forms[n].setdefault(theirs.name)
    return tuple(tuple(f) for f in forms) if any(forms) else ()


def _family(person: Person) -> str:
    return title_key(person.family)
