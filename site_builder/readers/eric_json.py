"""Reader for the ERIC API's answers as JSON (``https://api.ies.ed.gov/eric/?search=…&format=json``): a Solr
response whose documents are ERIC's records of education research.

A sample (shortened, from CoLRev's tests; four-space indent as ERIC writes it)::

    {
        "response":{"numFound":56,"start":0,"numFoundExact":true,"docs":[
            {
              "id":"EJ1286736",
              "title":"Competition-Based Learning of Blockchain Programming",
              "author":["Çulha, Davut"],
              "description":"Blockchain, which is a disruptive technology, affects many technologies, …",
              "subject":["Competition", "Teaching Methods", "Programming"],
              "publicationtype":["Journal Articles", "Reports - Descriptive"],
              "publicationdateyear":2021,
              "language":["English"],
              "issn":["EISSN-2618-6586"],
              "publisher":"Journal of Educational Technology and Online Learning. Necatibey Faculty of Education, …",
              "peerreviewed":"T"}]
        }}

``id`` is ERIC's accession number: EJ for a journal article, ED for any other document (a report, a book, a
thesis), whose kind its ``publicationtype`` names as in ERIC's .nbib export (medline.py). ``author`` is "Family,
Given"; ``source`` the journal; ``publicationdateyear`` the year, the only date ERIC gives; ``subject`` ERIC's
thesaurus descriptors; ``issn`` and ``isbn`` carry ERIC's prefixes ("ISSN-", "EISSN-", "ISBN-"). Which fields a
document has depends on the query's ``fields``; every one is kept, with its line, for the full-record view
(``peerreviewed``, ``educationlevel``, ``audience`` …). The response around the documents is no part of any record.

ERIC answers as VuFind and PLOS do, with a Solr response (vufind_json.py, plos_json.py): the three are told apart
by the fields of the first document (solr.py), never by the file's name.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level
from ..model import identifiers as ids
from ..model import languages
from ..model.article import UNTITLED, Article, Record
from ..model.normalize import clean, parse_person, safe_url, slugify, unique_folded
from . import json_records, medline, nlm, shared, solr

FORMAT = "eric-json"

_CONTAINERS = (("response", "docs"),)
_ERIC_ID = re.compile(r"E[DJ]\d+", re.I)
_ELECTRONIC = re.compile(r"\s*EISSN", re.I)
ERIC_PAGE = "https://eric.ed.gov/?id="
"""Where ERIC shows the record of an accession number (ERIC's .nbib export gives this url in its LID)."""


def sniff(head: str) -> bool:
    """A Solr response (or an array of its documents) whose first document has ERIC's fields, wherever in the
    document they stand (json_records.first_keys)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    return solr.is_eric(keys) and found in (None, _CONTAINERS[0])


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every document of one answer, with the line of each document and key; a broken document is reported with
    its line and the others are kept (json_records)."""
    return json_records.read_answer(text, path, FORMAT, _CONTAINERS,
                                    "an ERIC answer with no documents (its 'docs' list is empty)")


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one ERIC document, and what it lacks."""
    problems: list[Diagnostic] = []
    title = clean(shared.strip_tags(record.first("title")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, f"document has no title; shown as {UNTITLED!r}"))
    eric_id = clean(record.first("id"))
    types = tuple(t for t in (clean(v) for v in record.values("publicationtype")) if t)
    # EJ numbers are journal articles (whose type may be "Reports - Research" alone), ED numbers the rest
    kind = medline.eric_document_kind(types) if eric_id.upper().startswith("ED") else ""
    year = clean(record.first("publicationdateyear"))
    lay, abstract, rights = shared.abstract(" ".join(record.values("description")))
    abstract = shared.without_eric_abstractor(abstract)  # "… records. (MVL)": its abstractor's initials
    issns, issn_types = ids.typed_issns((v, "electronic" if _ELECTRONIC.match(v) else "")
                                        for v in record.values("issn"))
    page = ERIC_PAGE + eric_id if _ERIC_ID.fullmatch(eric_id) else ""
    article = Article(
        id=f"eric-{slugify(eric_id)}" if eric_id else shared.article_id("", "", "", "", title, "eric"),
        title=title or UNTITLED,
        authors=tuple(parse_person(n) for n in record.values("author") if clean(n)),
        journal="" if kind else clean(record.first("source")),
        publisher=clean(record.first("publisher")),
        date=year if len(year) == 4 and year.isdigit() else "",
        languages=languages.parse(record.values("language")),
        kind=kind,
        publication_types=types,
        topics=nlm.topics_from_types(types),
        keywords=unique_folded(clean(s) for s in record.values("subject") if clean(s)),
        lay_summary=lay, abstract=abstract, rights=rights,
        links=shared.links(u for u in (page, *map(safe_url, record.values("url"))) if u),
        records=(record,),
        issns=issns, issn_types=issn_types,
        isbns=ids.standard_numbers(record.values("isbn")),
    )
    return article, problems
