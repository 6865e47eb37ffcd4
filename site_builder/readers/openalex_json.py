"""Reader for OpenAlex's API answers as saved (``https://api.openalex.org/works/W2741809807`` and
``/works?search=…``): one work, a list of works, or an array of works a script saved, in OpenAlex's own JSON.

A sample (shortened from the API's answer for W2741809807; OpenAlex's data are CC0)::

    {"meta": {"count": 1, "db_response_time_ms": 24, "page": 1, "per_page": 25}, "results": [
      {"id": "https://openalex.org/W2741809807", "doi": "https://doi.org/10.7717/peerj.4375",
       "title": "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles",
       "display_name": "The state of OA: …", "publication_year": 2018, "publication_date": "2018-02-13",
       "ids": {"openalex": "…", "doi": "…", "pmid": "https://pubmed.ncbi.nlm.nih.gov/29456894",
               "pmcid": "https://www.ncbi.nlm.nih.gov/pmc/articles/5815332"},
       "language": "en",
       "primary_location": {"landing_page_url": "https://doi.org/10.7717/peerj.4375", "license": "cc-by",
                            "source": {"display_name": "PeerJ", "issn_l": "2167-8359", "issn": ["2167-8359"],
                                       "host_organization_name": "PeerJ, Inc.", "type": "journal"}},
       "type": "article", "type_crossref": "journal-article",
       "open_access": {"is_oa": true, "oa_status": "gold", "oa_url": "https://peerj.com/articles/4375.pdf"},
       "authorships": [{"author_position": "first",
                        "author": {"display_name": "Heather Piwowar", "orcid": "https://orcid.org/0000-0003-1613-5981"},
                        "raw_author_name": "Heather Piwowar", "institutions": […]}, …],
       "biblio": {"volume": "6", "issue": null, "first_page": "e4375", "last_page": "e4375"},
       "is_retracted": false, "cited_by_count": 841,
       "keywords": [{"display_name": "Open access"}, …], "topics": […], "concepts": […],
       "abstract_inverted_index": {"Despite": [0], "growing": [1], "interest": [2], …}}]}

The names, the journal, the pages and the identifiers lie in nested objects; the abstract is given as its words,
each with the positions it stands at (``abstract_inverted_index``), and is rebuilt in their order. Older answers
name the journal in ``host_venue`` (``display_name``, ``issn_l``, ``issn``, ``publisher``) instead of
``primary_location.source``. A ``publication_date`` is always a whole day, even where the work's source gave a month
or a year alone: OpenAlex writes the 1st then (``known_date``). Every key of a work is kept, with its line, for the
full-record view (``cited_by_count``, ``topics``, ``concepts``, ``locations`` and the rest as their JSON text); the
answer around the works (``meta``, ``group_by``) is no part of any record. The CSV export of the same search is read
by table_exports.py.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic, Level
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, UNTITLED, Article, Notice, Person, Record
from ..model.normalize import clean, unique, unique_folded
from . import csl_json, europepmc_json, json_records, shared
from .plos_json import person as reading_order

FORMAT = "openalex-json"

_CONTAINERS = (("results",),)
_WORK_ID = re.compile(r'"id"\s*:\s*"https://openalex\.org/W\d+"')
KINDS = {"book-chapter": "chapter", "book": "book", "dissertation": "thesis", "dataset": "dataset",
         "report": "report", "preprint": "article", "standard": "standard", "conference-paper": "paper-conference"}
"""OpenAlex's ``type`` (folded) → CSL's kind, for its API's works and its CSV export (table_exports.OPENALEX).
OpenAlex's answers of 2025 type a proceedings paper "conference-paper" (10.1007/978-3-642-33191-6_49, in
commonmeta-py's recorded answers)."""


def sniff(head: str) -> bool:
    """A work of OpenAlex's API, a list answer's ``results`` or an array of works: keys only OpenAlex's works have
    among JSON records (json_records.OPENALEX_KEYS), or a work's id at openalex.org (a ``select`` that left them
    out)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    if keys & json_records.OPENALEX_KEYS:
        return True
    return "id" in keys and bool(keys & {"display_name", "title", "doi"}) and _WORK_ID.search(head) is not None


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every work of the file, with the line of each work and key; a broken work of a list is reported with its
    line and the others are kept (json_records)."""
    return json_records.read_answer(text, path, FORMAT, _CONTAINERS,
                                    "an OpenAlex answer with no works (its 'results' list is empty)")


def abstract_text(index: dict[str, Any]) -> str:
    """The abstract an ``abstract_inverted_index`` encodes: each word at each of its positions, in their order,
    parted by spaces (OpenAlex keeps a word's punctuation with it: "swine.", "(PEDV)")."""
    at: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else ():
            if isinstance(position, int):
                at[position] = word
    return " ".join(at[n] for n in sorted(at))


def known_date(published: str, year: str) -> dates.PrintedDate:
    """The date as far as the work's source gave it. OpenAlex writes a whole day for every work, the 1st of the
    month where its source gave a month alone and the 1st of January where it gave a year alone (Akerlof's "Labor
    Contracts as Partial Gift Exchange", QJE 97(4), November 1982: "1982-11-01"; "Clinical Labor", a book of 2014:
    "2014-01-01"), and marks neither; so a 1st is no day, and a 1st of January is no month either. The year is
    ``publication_year`` when the date has none."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", clean(published))
    if not found:
        return dates.PrintedDate(dates.from_parts(clean(year)))
    y, month, day = found.groups()
    if day != "01":
        return dates.PrintedDate(dates.from_parts(y, month, day))
    return dates.PrintedDate(dates.from_parts(y, "" if month == "01" else month))


def _source(item: csl_json.Item) -> dict[str, Any]:
    """The journal, book or repository that holds the work: ``primary_location.source``, or an older answer's
    ``host_venue``."""
    source = item.mapping("primary_location").get("source")
    return source if isinstance(source, dict) else item.mapping("host_venue")


def _holder(source: dict[str, Any], kind: str) -> tuple[str, str]:
    """The journal, series, book or repository that holds a work of ``kind``, by its source's name; and the
    institution a thesis's source names instead. A source of type "ebook platform" is a publisher's site of its
    books ("Cambridge University Press eBooks", "IGI Global eBooks": commonmeta-py's recorded answers for
    10.1017/9781108348843 and 10.4018/978-1-4666-1891-6.ch004), no series of a book nor the book of a chapter; a
    thesis's "repository" is its university's ("The University of Queensland", 10.14264/uql.2020.791), no series.
    A preprint's or a dataset's repository holds it (bioRxiv, a research data archive)."""
    name, source_type = _text(source.get("display_name")), _text(source.get("type"))
    if source_type == "ebook platform":
        return "", ""
    if source_type == "repository" and kind == "thesis":
        return "", name
    return name, ""


def _proceedings_paper(item: csl_json.Item, source: dict[str, Any]) -> str:
    """"paper-conference" for a work OpenAlex types "article" that Crossref types "proceedings-article" or whose
    source is a conference ("Generalizing to Unseen Domains via Adversarial Data Augmentation", W2962935454, in
    Neural Information Processing Systems: Zotero's OpenAlex JSON translator's tests), else "": such a paper is in
    its proceedings, not a journal."""
    proceedings = _top(item, "type_crossref") == "proceedings-article" or _text(source.get("type")) == "conference"
    return "paper-conference" if proceedings and _top(item, "type").casefold() in ("article", "") else ""


def _text(value: object) -> str:
    return clean(shared.unescape(value)) if isinstance(value, str) else ""


def _top(item: csl_json.Item | Record, key: str) -> str:
    """A work's own value of ``key`` (with its markup); "" for none and for JSON's null ("language": null, as
    OpenAlex writes a language it does not know)."""
    text = " ".join(item.values(key)) if isinstance(item, Record) else item.text(key)
    return "" if text == "null" else text


def authors(item: csl_json.Item) -> tuple[tuple[Person, ...], tuple[tuple[str, ...], ...]]:
    """The authors in ``authorships`` order, each with their ORCID iD, and per author how the work itself wrote the
    name (``raw_author_name``) when OpenAlex's name for that person differs ("J. Smith" beside "John Smith")."""
    people: list[Person] = []
    spellings: list[tuple[str, ...]] = []
    for authorship in item.objects("authorships"):
        author = authorship.get("author")
        author = author if isinstance(author, dict) else {}
        raw = _text(authorship.get("raw_author_name"))
        name = _text(author.get("display_name")) or raw
        if not name:
            continue
        person = reading_order(name)
        if iD := shared.orcid(_text(author.get("orcid"))):
            person = Person(person.name, person.family, person.given, person.suffix, iD)
        people.append(person)
        spellings.append((raw,) if raw and raw != name else ())
    return tuple(people), tuple(spellings) if any(spellings) else ()


def _links(item: csl_json.Item) -> tuple[str, ...]:
    """The work's page at its source, and its open-access copy."""
    found = [item.mapping("primary_location").get("landing_page_url"), item.mapping("open_access").get("oa_url"),
             item.mapping("host_venue").get("url")]
    return tuple(unique(u for u in found if isinstance(u, str) and u))


def _licence(item: csl_json.Item) -> str:
    """The url of the Creative Commons licence ``primary_location.license`` (an older answer's
    ``host_venue.license``) names ("cc-by", "cc-by-nc-nd", "cc0"), without a version as OpenAlex gives none; else
    none ("other-oa", "publisher-specific-oa")."""
    name = _text(item.mapping("primary_location").get("license")) or _text(item.mapping("host_venue").get("license"))
    return europepmc_json.licence_url(name.replace("-", " ", 1) if name.startswith("cc-") else name)


def _ids(item: csl_json.Item) -> tuple[str, str, str]:
    """PMID, PMCID and DOI: ``ids`` gives each as a link (a PMC link with the number alone, "…/articles/5815332")."""
    named = item.mapping("ids")
    pmid = ids.ids_from_urls([_text(named.get("pmid"))])[0] or ids.pmid_from(_text(named.get("pmid")))
    pmcid = ids.pmcid_from(_text(named.get("pmcid")).rstrip("/").rpartition("/")[2])
    doi = ids.doi_field(_top(item, "doi")) or ids.doi_field(_text(named.get("doi")))
    return pmid, pmcid, doi


def _article_number(biblio: dict[str, Any]) -> str:
    """The eLocator OpenAlex gives as both first and last page (PeerJ's "e4375" in its own documentation's
    example, W2741809807): the article's number, not a page."""
    first = _text(biblio.get("first_page"))
    return first if _E_LOCATOR.fullmatch(first) and first == _text(biblio.get("last_page")) else ""


_E_LOCATOR = re.compile(r"e\d{1,9}")


def _keywords(item: csl_json.Item) -> tuple[str, ...]:
    """``keywords``' names, as the CSV export's "keywords.display_name" gives them (an answer of 2023 names each
    ``keyword``); topics and concepts, which OpenAlex assigns with a score, stay in the full record."""
    return unique_folded(n for k in item.objects("keywords")
                         if (n := _text(k.get("display_name")) or _text(k.get("keyword"))))


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one OpenAlex work, and what it lacks."""
    problems: list[Diagnostic] = []
    item = csl_json.Item(record, problems)
    title, title_styles = shared.styled_text(_top(record, "display_name") or _top(record, "title"))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, f"work has no title; shown as {UNTITLED!r}"))
    pmid, pmcid, doi = _ids(item)
    source = _source(item)
    work_type = _top(item, "type")
    kind = KINDS.get(work_type.casefold(), "") or _proceedings_paper(item, source)
    held = kind in CONTAINED_KINDS
    journal, institution = _holder(source, kind)
    types = unique_folded(t for t in (work_type, _top(item, "type_crossref")) if t)
    biblio = item.mapping("biblio")
    index = item.mapping("abstract_inverted_index")
    lay, abstract, rights = shared.abstract(shared.ABSTRACT_WORD.sub("", abstract_text(index)))
    issns, issn_types = ids.typed_issns([(_text(source.get("issn_l")), "linking"),
                                         *((_text(n), "") for n in source.get("issn") or () if isinstance(n, str))])
    when = dates.published(known_date(_top(item, "publication_date"), _top(item, "publication_year")))
    people, spellings = authors(item)
    number = _article_number(biblio)
    article = Article(
        id=shared.article_id(pmcid, pmid, doi, _top(item, "id").rstrip("/").rpartition("/")[2], title, "openalex"),
        title=title or UNTITLED,
        title_styles=title_styles if title else (),
        authors=people,
        author_spellings=spellings,
        journal="" if held else journal,
        container=journal if held else "",
        kind=kind,
        date=when.date, date_printed=when.printed,
        publisher=_text(source.get("host_organization_name")) or _text(source.get("publisher")) or institution,
        languages=languages.parse([_top(item, "language")] if _top(item, "language") else []),
        topics=shared.review_topics(types),
        publication_types=types,
        pmid=pmid, pmcid=pmcid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        licence_url=_licence(item),
        links=shared.links(_links(item)),
        volume=_text(biblio.get("volume")),
        issue=_text(biblio.get("issue")),
        pages="" if number else shared.page_range(_text(biblio.get("first_page")), _text(biblio.get("last_page"))),
        article_number=number,
        keywords=_keywords(item),
        notices=(Notice("RetractionIn"),) if _top(item, "is_retracted") == "true" else (),
        records=(record,),
        issns=issns, issn_types=issn_types,
    )
    return article, problems
