"""Reader for the PLOS search API's answers (``https://api.plos.org/search?q=…&wt=json``): a Solr response whose
documents are PLOS articles.

A sample (shortened; two-space indent as Solr writes it)::

    {"response": {"numFound": 1, "start": 0, "maxScore": 14.57, "docs": [
      {"id": "10.1371/journal.pone.0022081",
       "journal": "PLoS ONE",
       "eissn": "1932-6203",
       "publication_date": "2011-07-19T00:00:00Z",
       "volume": "6", "issue": "7",
       "article_type": "Research Article",
       "author_display": ["Samuele E. Burastero", "Barbara Frigerio"],
       "abstract": ["\\n        To penetrate susceptible cells, HIV-1 …\\n      "],
       "title_display": "Broad-Spectrum Inhibition of HIV-1 by a Monoclonal Antibody …",
       "score": 14.570392}]}}

``id`` is the article's DOI; ``author_display`` the names as the article prints them ("Given Family");
``publication_date`` a Solr date, a day written as midnight UTC; ``abstract`` a list of paragraphs. Which fields a
document has depends on the query's ``fl``; every one is kept, with its line, for the full-record view. The
response around the documents (``responseHeader``, ``numFound``, ``highlighting``) is no part of any record.

A Solr response is also what VuFind answers (vufind_json.py): the two are told apart by the fields of the first
document (solr.py), never by the file's name.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates
from ..model import identifiers as ids
from ..model.article import UNTITLED, Article, Person, Record
from ..model.normalize import clean, person_in_reading_order, unique_folded
from . import json_records, shared, solr

FORMAT = "plos-json"

_CONTAINERS = (("response", "docs"),)

_SOLR_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]00:?00)?)?")
_PLOS_DOI = re.compile(r"10\.1371/journal\.[a-z]+\.\d{7}")


def sniff(head: str) -> bool:
    """A Solr response (or an array of its documents) whose first document has PLOS's fields, wherever in the
    document they stand (json_records.first_keys)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    return solr.is_plos(keys) and not keys & json_records.OPENALEX_KEYS and found in (None, ("response", "docs"))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every document of one response, with the line of each document and key; a broken document is reported
    with its line and the others are kept (json_records)."""
    return json_records.read_answer(text, path, FORMAT, _CONTAINERS,
                                    "a PLOS search response with no documents (its 'docs' list is empty)")


def person(name: str) -> Person:
    """A name as PLOS prints it, "Samuele E. Burastero": given name first (``person_in_reading_order``)."""
    return person_in_reading_order(name)


def published(record: Record) -> tuple[str, list[Diagnostic]]:
    """The day of ``publication_date``: Solr writes a day as its midnight in UTC ("2011-07-19T00:00:00Z"), and the
    day is what the article prints. A value that is no Solr date is reported and gives no date."""
    value = clean(record.first("publication_date"))
    if not value:
        return "", []
    m = _SOLR_DATE.fullmatch(value)
    if m and dates.iso_date(m.group(1)) == m.group(1):
        return m.group(1), []
    return "", [Diagnostic(Level.WARNING, SourceSpan(record.where.path, record.line_of("publication_date")),
                           f"'publication_date' is {value!r}, no date (PLOS writes '2011-07-19T00:00:00Z'); the "
                           "article is shown without a date")]


def doi_of(identifier: str) -> str:
    """The DOI a document's ``id`` is: an article's own, or the article's a part of it names
    ("10.1371/journal.pone.0022081/title", a document of ``doc_type`` partial)."""
    if m := _PLOS_DOI.match(identifier.strip()):
        return m.group(0)
    return ids.doi_from(identifier)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one PLOS document, and what it lacks."""
    problems: list[Diagnostic] = []
    title = clean(shared.strip_tags(record.first("title_display") or record.first("title")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   f"document has no title ('title_display'); shown as {UNTITLED!r}"))
    doi = doi_of(record.first("id"))
    date, found = published(record)
    problems += found
    lay, abstract, rights = shared.abstract("\n".join(record.values("abstract")))
    types = [clean(t) for t in record.values("article_type") if clean(t)]
    names = record.values("author_display") or record.values("author")
    article = Article(
        id=shared.article_id("", "", doi, record.first("id"), title, "plos"),
        title=title or UNTITLED,
        authors=tuple(person(n) for n in names if clean(n)),
        journal=clean(record.first("journal")),
        date=date,
        doi=doi,
        volume=clean(record.first("volume")),
        issue=clean(record.first("issue")),
        article_number=shared.page_range(record.first("elocation_id")),
        publication_types=unique_folded(types),
        topics=shared.review_topics(types),
        lay_summary=lay, abstract=abstract,
        rights=clean(record.first("copyright")) or rights,
        records=(record,),
        issns=ids.standard_numbers(record.values("eissn")),  # PLOS's journals are online only
    )
    return article, problems
