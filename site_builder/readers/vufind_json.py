"""Reader for VuFind records as JSON: Solr documents (``{"response": {"docs": [...]}}``, a list of them, or one),
and VuFind's REST API answers (``{"records": [...]}``).

A Solr sample (shortened; a saved HTTP response may keep its status line and headers before the JSON)::

    {"responseHeader": {"status": 0},
     "response": {"numFound": 1, "start": 0, "docs": [
       {"id": "pubmed-8140839", "title": "Nutritional Composition … Chickpea (Cicer arietinum L.).",
        "author": ["Yegrem, Lamesgen"], "topic": ["Review"], "language": ["English"], "publishDate": ["2021"],
        "url": ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8140839/"], "_version_": 1785478613207875584}]}}

An API record has ``authors`` ({"primary": {"Name": {"role": [...]}}}), ``formats``, ``languages``,
``publicationDates``, ``subjects``, ``urls`` ([{"url", "desc"}]) and ``cleanDoi`` instead.

Solr fields are the catalogue dump's (catalogue.py reads the same fields scraped to text), so a Solr document is
turned into an Article by the catalogue's own mapping, and both sources give one work the same values. Search
metadata around the documents (``responseHeader``, ``highlighting``) is not part of any record.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostic, Level
from ..model import identifiers as ids
from ..model import languages
from ..model.article import UNTITLED, Article, Person, Record
from ..model.dates import iso_date
from ..model.normalize import clean, parse_person, unique, unique_folded
from . import catalogue_article, json_records, shared

FORMAT = "vufind-solr-json"

_SOLR_KEYS = frozenset({"_version_", "record_format", "recordtype", "title_full", "title_short", "spellingShingle",
                        "publishDate", "author_facet", "topic_facet"})
_API_KEYS = frozenset({"authors", "formats", "publicationDates", "cleanDoi", "subjects"})
_CONTAINERS = (("response", "docs"), ("records",))


def sniff(head: str) -> bool:
    """A Solr response, a VuFind API answer, or JSON records with Solr keys (``_version_``, ``title_full``…): told
    by the keys of the first record wherever they stand (json_records.first_keys)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    return bool(keys & _SOLR_KEYS) or found == ("response", "docs") or (found is not None and bool(keys & _API_KEYS))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of one file, with the line of each record and key (one line for a one-line response)."""
    return json_records.read(text, path, FORMAT, _CONTAINERS)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one Solr document or API record."""
    if record.values("authors") or record.values("formats") or record.values("publicationDates"):
        return _api_article(record)
    return _solr_article(record)


def _solr_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The catalogue mapping, then what a MARC-derived document adds: ISBD punctuation off titles and names,
    the container fields, ``doi_str_mv``, and a ``spelling`` that is VuFind's word list rather than the
    PubMed-derived text the catalogue mapping parses."""
    spelling = record.values("spelling")
    marc_spelling = bool(spelling) and not spelling[0].startswith(record.first("id") or "\x00")
    shown = Record(record.format, record.where, tuple(f for f in record.fields if f.name != "spelling"),
                   record.preamble) if marc_spelling else record
    article, problems = catalogue_article.to_article(shown)
    doi = article.doi or ids.doi_from(" ".join(record.values("doi_str_mv")))
    date = article.date or _year(record.values("publishDate") or record.values("publishDateSort"))
    article = replace(
        article,
        id=article.id or shared.article_id(article.pmcid, article.pmid, doi, "", article.title, "vufind"),
        title=_isbd(article.title),
        authors=tuple(_marc_person(a) for a in (*record.values("author"), *record.values("author2"),
                                                *record.values("author_corporate")) if a.strip()),
        journal=article.journal or clean(record.first("container_title")),
        publisher=_isbd(article.publisher),
        edition=_isbd(article.edition),  # MARC 250, "[1st ed.]. -"
        languages=languages.parse(record.values("language")),
        doi=doi, date=date,
        volume=clean(record.first("container_volume")),
        issue=clean(record.first("container_issue")),
        pages=shared.page_range(record.first("container_start_page"), record.first("container_end_page")),
        kind=_kind(article.formats),
        records=(record,),
    )
    return article, problems


# What a catalogue's format (VuFind's getFormat of a MARC record: "Book", "Journal", "Thesis"…) says the work is,
# in CSL's words (Article.kind). A format it does not name (an "Article", "Online", "Text") leaves the work a
# journal article, as before.
_FORMAT_KINDS = {"book": "book", "ebook": "book", "journal": "periodical", "serial": "periodical",
                 "newspaper": "periodical", "thesis": "thesis", "dissertation": "thesis", "dissertations": "thesis",
                 "manuscript": "manuscript", "map": "map", "musical score": "musical_score", "video": "motion_picture",
                 "sound recording": "song"}


def _kind(formats: tuple[str, ...]) -> str:
    """The kind of work the catalogue's formats name; "" for an article or when none says (``_FORMAT_KINDS``)."""
    folded = [f.casefold() for f in formats]
    if "article" in folded:
        return ""
    return next((_FORMAT_KINDS[f] for f in folded if f in _FORMAT_KINDS), "")


def _api_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """A VuFind REST API record."""
    problems: list[Diagnostic] = []
    title = _isbd(clean(record.first("title")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, "record has no title; shown as 'Untitled record'"))
    urls = [(clean(str(u.get("desc", ""))), str(u.get("url", ""))) for u in _objects(record, "urls")]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(url for _, url in urls)
    doi = ids.doi_from(record.first("cleanDoi")) or url_doi
    subjects = [" -- ".join(_subject_parts(s)) for s in record.values("subjects")]
    lay, abstract = shared.sections(" ".join(record.values("summary")))
    article = Article(
        id=clean(record.first("id")) or shared.article_id(url_pmc, url_pmid, doi, "", title, "vufind"),
        title=title or UNTITLED,
        authors=_api_authors(record),
        publisher=_isbd(clean(record.first("publishers"))),
        date=_year(record.values("publicationDates")),
        languages=languages.parse(record.values("languages")),
        formats=unique(record.values("formats")),
        kind=_kind(tuple(record.values("formats"))),
        topics=shared.review_topics([*record.values("formats"), *subjects]),
        keywords=unique_folded(s for s in subjects if not shared.is_review([s])),
        pmid=url_pmid, pmcid=url_pmc, doi=doi,
        lay_summary=lay, abstract=abstract,
        links=shared.links(urls),
        records=(record,),
    )
    return article, problems


def _api_authors(record: Record) -> tuple[Person, ...]:
    """Primary, then secondary, then corporate authors, each group in the record's order."""
    groups = {}
    for value in record.values("authors"):
        decoded = _json(value)
        if isinstance(decoded, dict):
            groups.update(decoded)
    names = [name for group in ("primary", "secondary", "corporate") for name in (groups.get(group) or {})]
    return tuple(_marc_person(n) for n in unique(names))


def _subject_parts(value: str) -> list[str]:
    """A subject heading's parts: the API gives ``["Economics", "History"]`` or ``{"heading": [...]}``."""
    decoded = _json(value)
    if isinstance(decoded, dict):
        decoded = decoded.get("heading", [])
    if isinstance(decoded, list):
        return [clean(str(p)) for p in decoded if clean(str(p))]
    return [clean(value)]


def _objects(record: Record, key: str) -> list[dict[str, Any]]:
    return [d for d in (_json(v) for v in record.values(key)) if isinstance(d, dict)]


def _json(value: str) -> object:
    try:
        return json.loads(value) if value.lstrip().startswith(("{", "[")) else value
    except ValueError:
        return value


def _isbd(text: str) -> str:
    """A title or publisher without the ISBD punctuation MARC ends it with ("… a bibliography /", "Zanichelli,",
    "… proceedings -"). Taken off from the end one mark at a time: a regular expression for the run backtracked
    for minutes over a value of many marks that do not end it."""
    text = clean(text)
    while True:
        text = text.rstrip()
        if text.endswith(("/", ":", ";", ",", "=")) or (text.endswith("-") and text[-2:-1].isspace()):
            text = text[:-1]
        else:
            return text


def _marc_person(name: str) -> Person:
    """A MARC heading "Nawaz, Tawfique." without its closing full stop (kept after an initial: "Smith, J.")
    and without the life dates that tell namesakes apart in a catalogue ("Knight, George Wilson, 1897-")."""
    name = re.sub(r",\s*(?:b\.\s*|d\.\s*)?\d{4}-?(?:\d{4})?\.?$", "", clean(name))
    if name.endswith(".") and not re.search(r"(?:\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co))\.$", name):
        name = name[:-1]
    return parse_person(name)


def _year(values: tuple[str, ...] | list[str]) -> str:
    """The first date of a catalogue's ``publishDate`` ("1980", "c1980", "[1922?]", "1922-1975")."""
    for value in values:
        m = re.search(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value)
        if m and (date := iso_date(m.group(0))):
            return date
    return ""
