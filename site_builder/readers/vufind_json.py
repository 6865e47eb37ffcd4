"""Reader for VuFind records as JSON: Solr documents (``{"response": {"docs": [...]}}``, a list of them, or one),
and VuFind's REST API answers (``{"records": [...]}``).

A Solr sample (shortened; a saved HTTP response may keep its status line and headers before the JSON)::

    {"responseHeader": {"status": 0},
     "response": {"numFound": 1, "start": 0, "docs": [
       {"id": "pubmed-8140839", "title": "Nutritional Composition … Chickpea (Cicer arietinum L.).",
        "author": ["Yegrem, Lamesgen"], "topic": ["Review"], "language": ["English"], "publishDate": ["2021"],
        "url": ["https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8140839/"], "_version_": 1785478613207875584}]}}

An API record has ``authors`` ({"primary": {"Name": {"role": [...]}}}; "main" and a bare role list in older
answers), ``formats``, ``languages``, ``publicationDates``, ``placesOfPublication``, ``subjects``, ``urls``
([{"url", "desc"}]), ``isbns``, ``issns`` and ``cleanDoi`` instead. Finna's API (api.finna.fi) gives each format
as a facet value and its label ({"value": "0/Book/", "translated": "Kirja"}), writes the role after the name in
its ``authors`` keys, and lists ``nonPresenterAuthors`` with name and role apart.

A MoreLikeThis answer holds the document it was asked about in ``{"match": {"docs": [...]}}`` before the
similar ones in ``response``: both are records.

Solr fields are the catalogue dump's (catalogue.py reads the same fields scraped to text), so a Solr document is
turned into an Article by the catalogue's own mapping, and both sources give one work the same values. Search
metadata around the documents (``responseHeader``, ``highlighting``) is not part of any record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostic, Level
from ..model import identifiers as ids
from ..model import languages
from ..model.article import UNTITLED, Article, Person, Record
from ..model.normalize import clean, unique, unique_folded
from . import catalogue_article, json_records, marc_article, shared, solr

FORMAT = "vufind-solr-json"

_API_KEYS = frozenset({"authors", "formats", "publicationDates", "cleanDoi", "subjects"})
_CONTAINERS = (("match", "docs"), ("response", "docs"), ("records",))


def sniff(head: str) -> bool:
    """A Solr response, a VuFind API answer, or JSON records with Solr keys (``_version_``, ``title_full``…): told
    by the keys of the first record wherever they stand (json_records.first_keys); not a document with PLOS's or
    ERIC's fields (solr.is_plos, solr.is_eric)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    if solr.is_plos(keys) or solr.is_eric(keys):
        return False  # a PLOS search response or ERIC's API answer, Solr responses too
    return (bool(keys & solr.VUFIND_KEYS) or found == ("response", "docs")
            or (found is not None and bool(keys & _API_KEYS)))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of one file, with the line of each record and key (one line for a one-line response)."""
    return json_records.read(text, path, FORMAT, _CONTAINERS)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one Solr document or API record."""
    if record.values("authors") or record.values("formats") or record.values("publicationDates"):
        return _api_article(record)
    return catalogue_article.to_article(record)


def _api_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """A VuFind REST API record."""
    problems: list[Diagnostic] = []
    title = catalogue_article.isbd(clean(record.first("title")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, "record has no title; shown as 'Untitled record'"))
    urls = [(clean(str(u.get("desc", ""))), str(u.get("url", ""))) for u in _objects(record, "urls")]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(url for _, url in urls)
    doi = ids.doi_from(record.first("cleanDoi")) or url_doi
    subjects = [" -- ".join(_subject_parts(s)) for s in record.values("subjects")]
    lay, abstract = shared.sections(" ".join(record.values("summary")))
    authors, editors = _api_authors(record)
    formats, format_kinds = _formats(record)
    article = Article(
        id=clean(record.first("id")) or shared.article_id(url_pmc, url_pmid, doi, "", title, "vufind"),
        title=title or UNTITLED,
        authors=authors,
        editors=editors,
        publisher=catalogue_article.isbd(clean(record.first("publishers"))),
        place=catalogue_article.isbd(clean(record.first("placesOfPublication"))),  # MARC 260/264 $a, "Helsinki :"
        date=catalogue_article.first_date(record.values("publicationDates")),
        languages=languages.parse(record.values("languages")),
        formats=formats,
        kind=catalogue_article.format_kind(format_kinds),
        topics=shared.review_topics([*formats, *subjects]),
        keywords=unique_folded(s for s in subjects if not shared.is_review([s])),
        pmid=url_pmid, pmcid=url_pmc, doi=doi,
        lay_summary=lay, abstract=abstract,
        links=shared.links(urls),
        records=(record,),
        issns=ids.standard_numbers(record.values("issns")),  # the API's getISSNs and getISBNs: MARC 022 and 020
        isbns=ids.standard_numbers(record.values("isbns")),
    )
    return article, problems


def _formats(record: Record) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The formats as the catalogue names them, and the words that say the kind of work. VuFind's API gives a
    format as a word ("Book"); Finna's as its hierarchical facet value and that value in the interface's language
    ({"value": "1/Book/eBook/", "translated": "E-kirja"}): the label is shown (the value's last part when there
    is none), and the value's last part ("eBook") says the kind."""
    labels, kinds = [], []
    for value in record.values("formats"):
        decoded = _json(value)
        if isinstance(decoded, dict):
            word = str(decoded.get("value", "")).strip("/").rpartition("/")[2]
            labels.append(clean(str(decoded.get("translated") or word)))
            kinds.append(word)
        else:
            labels.append(clean(value))
            kinds.append(clean(value))
    return unique(labels), tuple(kinds)


def _api_authors(record: Record) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """The authors: primary (or "main"), then secondary, then corporate, each group in the record's order; and the
    editors, the primary and secondary authors whose roles say so ({"Schmidt, Maria": {"role": ["edt"]}})."""
    groups = {}
    for value in record.values("authors"):
        decoded = _json(value)
        if isinstance(decoded, dict):
            groups.update(decoded)
    if "primary" not in groups:  # an older API named them "main", as an early Finna answer saved in an app shows
        groups["primary"] = groups.get("main")
    roles_by_name = _roles_by_name(record)
    named = {group: {_without_role(name, [*_roles(about), *roles_by_name(name)]): about
                     for name, about in _named(groups.get(group)).items()}
             for group in ("primary", "secondary", "corporate")}
    editors = [name for group in ("primary", "secondary") for name, about in named[group].items()
               if any(marc_article.names_an_editor(str(role)) for role in _roles(about))]
    names = [name for group in ("primary", "secondary", "corporate") for name in named[group]
             if name not in editors]
    return (tuple(catalogue_article.marc_person(n) for n in unique(names)),
            tuple(catalogue_article.marc_person(n) for n in unique(editors)))


def _roles_by_name(record: Record) -> Callable[[str], list[str]]:
    """The roles Finna's ``nonPresenterAuthors`` ([{"name": "Hilton, Kyle", "role": "kuvittaja."}]) gives the
    person an ``authors`` key names, the key being the name with or without a role after it."""
    people = [(str(p.get("name", "")), str(p.get("role", ""))) for p in _objects(record, "nonPresenterAuthors")]

    def roles(key: str) -> list[str]:
        return [role for name, role in people if name and key.startswith(name)]
    return roles


def _without_role(name: str, roles: list[object]) -> str:
    """A name without the role Finna writes after it in its ``authors`` keys ("Harris, Neil Patrick, kirjoittaja",
    "Viitanen, Viia 1973- kääntäjä") when the record gives that role itself, in the key's roles or beside the
    name in ``nonPresenterAuthors``: the role is not part of the name."""
    for role in roles:
        word = str(role).strip().rstrip(".").strip()
        bare = name.rstrip().rstrip(".")
        head = bare[:-len(word)] if word and word != "-" and bare.endswith(word) else ""
        if head[-1:].isspace() or head.endswith(","):
            return head.rstrip(" ,")
    return name


def _named(group: object) -> dict[str, object]:
    """A group of the API's authors, name → what it says of them (an empty group is ``[]``, and a list holds names
    alone)."""
    if isinstance(group, dict):
        return {str(name): about for name, about in group.items()}
    return {str(name): {} for name in group} if isinstance(group, list) else {}


def _roles(about: object) -> list[object]:
    """An author's roles: ``{"role": ["edt"]}``, or the list alone as VuFind 2's API gave it (``["-"]``)."""
    roles = about.get("role", []) if isinstance(about, dict) else about
    return roles if isinstance(roles, list) else [roles]


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
