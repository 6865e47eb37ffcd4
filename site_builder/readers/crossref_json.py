"""Reader for Crossref's REST API answers as saved (``https://api.crossref.org/works/{doi}`` and
``/works?query=…``): one work, or a list of works, in Crossref's own JSON.

A sample (shortened, from CoLRev's tests; the whole answer is one line)::

    {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": {
      "publisher": "SAGE Publications", "issue": "2", "short-container-title": ["Journal of Information Technology"],
      "abstract": "<jats:p> Literature reviews (LRs) play an important role …</jats:p>",
      "DOI": "10.1177/02683962211048201", "type": "journal-article", "page": "209-226",
      "title": ["Algorithmic and human … literature reviews"], "volume": "37", "language": "en",
      "author": [{"given": "Guy", "family": "Paré", "sequence": "additional",
                  "ORCID": "http://orcid.org/0000-0001-7425-1994", "affiliation": [{"name": "HEC Montréal …"}]}],
      "published-print": {"date-parts": [[2022, 6]]}, "published-online": {"date-parts": [[2021, 10, 8]]},
      "issued": {"date-parts": [[2021, 10, 8]]}, "container-title": ["Journal of Information Technology"],
      "ISSN": ["0268-3962", "1466-4437"], "issn-type": [{"value": "0268-3962", "type": "print"}, …],
      "license": [{"URL": "https://creativecommons.org/licenses/by/4.0/", "content-version": "unspecified", …}],
      "subject": ["Library and Information Sciences", "Information Systems"]}}

A list is ``{"message-type": "work-list", "message": {"total-results": …, "items": [work, …]}}``. Works saved
without the answer around them (one work, an array, or the message's ``{"items": […]}``) are read too. A work's keys
are CSL's with Crossref's differences: ``title`` and ``container-title`` are lists, ``abstract`` is JATS, a group
author has a ``name``, ``type`` is Crossref's own ("journal-article", "proceedings-article", "posted-content"),
``issn-type`` says which ISSN is print and which electronic, ``article-number`` is the number that stands for the
pages of an article that has none, and ``subject`` names the journal's subject categories (Scopus's ASJC). The dates are
read as CSL-JSON made from Crossref reads them (csl_json.published). Every key of a work is kept, with its line,
for the full-record view (``funder``, ``reference``, ``relation`` and the rest as their JSON text); the answer
around the works (``status``, ``total-results``, ``facets``) is no part of any record.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostics import Diagnostic, Level
from ..model import identifiers as ids
from ..model import languages
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Notice, Person, Record
from ..model.normalize import clean, unique_folded
from . import csl_json, json_records, shared

FORMAT = "crossref-json"

_ANSWER_KEYS = frozenset({"status", "message-type", "message"})
_WORK_ANSWER = re.compile(r'"message-type"\s*:\s*"work(-list)?"')
_ONE_WORK = (("message",),)
_WORK_LIST = (("message", "items"),)


_BARE = (("items",),)
# Keys only Crossref's works have among JSON records; its CSL-JSON (doi.org's) has them too, but a string title.
_CROSSREF_KEYS = frozenset({"issn-type", "reference-count", "is-referenced-by-count", "member", "prefix",
                            "deposited", "indexed", "content-domain"})
_TITLE_LIST = re.compile(r'"title"\s*:\s*\[')


def sniff(head: str) -> bool:
    """An answer of Crossref's REST API (``status``, ``message-type``, ``message``) whose message is a work or a
    list of works (a journal's or a funder's answer is no record); or works saved without the answer around them
    (one work, an array of them, or the message's ``{"items": [...]}``, as scripts save ``message.items``): a
    ``type``, keys only Crossref writes, and a ``title`` that is a list, where CSL-JSON's is a string."""
    _found, keys = json_records.first_keys(head)
    if keys >= _ANSWER_KEYS:
        return _WORK_ANSWER.search(head) is not None
    _found, work_keys = json_records.first_keys(head, _BARE)
    return ("type" in work_keys and bool(work_keys & _CROSSREF_KEYS)
            and _TITLE_LIST.search(head) is not None)


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """The work of a ``work`` answer, or every work of a ``work-list`` answer, with the line of each work and key;
    a broken work of a list is reported with its line and the others are kept (json_records)."""
    kind = _WORK_ANSWER.search(text)
    # No answer around the works: one work, an array of them, or the message's {"items": [...]} alone.
    containers = _BARE if kind is None else _WORK_LIST if kind.group(1) else _ONE_WORK
    return json_records.read_answer(text, path, FORMAT, containers,
                                    "a Crossref answer with no works (its 'items' list is empty)")


def person(author: dict[str, Any]) -> Person:
    """A Crossref name: CSL's family and given (with a ``suffix`` and an ``ORCID`` url), or a group's ``name``."""
    if not author.get("family") and isinstance(author.get("name"), str):
        return csl_json.person({"literal": author["name"], "ORCID": author.get("ORCID", "")})
    return csl_json.person(author)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one Crossref work, and what it lacks."""
    problems: list[Diagnostic] = []
    item = csl_json.Item(record, problems)
    title, title_styles = shared.styled_text(shared.style_tags(_title(record)))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, f"work has no title; shown as {UNTITLED!r}"))
    doi = ids.doi_field(item.text("DOI"))
    lay, abstract, rights = shared.styled_abstract(" ".join(record.values("abstract")))
    when = csl_json.published(item)
    crossref_type = item.text("type")
    csl_type = csl_json.type_of(crossref_type)
    kind = "" if csl_type in ("article-journal", "article") else csl_type
    server = _server(item) if crossref_type == "posted-content" else ""
    if server:
        kind = "article"  # a preprint, as the other readers' preprints are (OpenAlex's, Europe PMC's)
    alone = kind not in PERIODICAL_KINDS
    container = _first(record, "container-title") or server
    series, held_by = _series_and_book(record) if csl_type in CONTAINED_KINDS else ("", container)
    abbrev = _first(record, "short-container-title")
    issns, issn_types = ids.typed_issns(_typed(record, "issn-type", "ISSN"))
    original = _first(record, "original-title")
    article = Article(
        id=shared.article_id("", "", doi, item.text("DOI"), title, FORMAT),
        title=title or UNTITLED,
        title_styles=title_styles if title else (),
        original_title=original if original and original != title else "",
        authors=csl_json.people(item, "author", person),
        journal=series if csl_type in CONTAINED_KINDS else container or abbrev,
        journal_abbrev=abbrev if abbrev != container else "",
        container=held_by if csl_type in CONTAINED_KINDS else "",
        date=when.date, date_printed=when.printed, epub_date=when.epub,
        publisher=item.text("publisher"),
        place=item.text("publisher-location") if alone else "",
        edition=item.text("edition-number") if alone else "",
        languages=languages.parse([item.text("language")]),
        doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        licence_url=csl_json.licence_url(item),
        links=shared.links([item.text("URL")]),
        kind=kind,
        publication_types=(crossref_type,) if crossref_type else (),
        editors=csl_json.people(item, "editor", person) if alone else (),
        translators=csl_json.people(item, "translator", person),
        volume=item.text("volume"), issue=item.text("issue"),
        pages=shared.page_range(item.text("page")),
        article_number=shared.page_range(item.text("article-number")),
        keywords=unique_folded(clean(s) for s in record.values("subject") if clean(s)),
        notices=notices(item, doi),
        records=(record,),
        issns=issns, issn_types=issn_types,
        isbns=ids.standard_numbers(v for v, _ in _typed(record, "isbn-type", "ISBN")),
    )
    return article, problems


_UPDATES = {"correction": ("ErratumIn", "ErratumFor"), "corrigendum": ("ErratumIn", "ErratumFor"),
            "erratum": ("ErratumIn", "ErratumFor"), "retraction": ("RetractionIn", "RetractionOf"),
            "expression_of_concern": ("ExpressionOfConcernIn", "ExpressionOfConcernFor")}
"""Crossmark's kinds of update (Crossref's ``updated-by`` and ``update-to``) that PubMed names too, with PubMed's
names for the link seen from the updated work and from the notice. A "new_version", an "addendum" or a
"withdrawal" has no PubMed name, and stays in the full record only."""


def notices(item: csl_json.Item, doi: str) -> tuple[Notice, ...]:
    """The notices Crossmark links a work to: ``updated-by`` names the correction or retraction of the work
    (``{"DOI": "10.1371/annotation/c76da2c1-…", "type": "correction", "label": "Correction", …}`` on PLOS ONE's
    10.1371/journal.pone.0033693), ``update-to`` the work a notice corrects or retracts. A work that updates itself
    (PLOS's "new_version" of its own DOI) is no notice."""
    found = []
    for key, side in (("updated-by", 0), ("update-to", 1)):
        for update in item.objects(key):
            kinds, linked = _UPDATES.get(str(update.get("type", ""))), ids.doi_field(str(update.get("DOI", "")))
            if kinds and linked and linked.casefold() != doi.casefold():
                found.append(Notice(kinds[side], doi=linked))
    return tuple(dict.fromkeys(found))


def _title(record: Record) -> str:
    """``title`` with its ``subtitle`` after a colon, as the work prints them (Crossref keeps them apart); a
    subtitle the title holds as JATS's element, written as text, likewise (``_SUBTITLE_IN_TITLE``)."""
    title = _first(record, "title", markup=True)
    if inside := _SUBTITLE_IN_TITLE.search(title):
        title = csl_json.with_subtitle(title[:inside.start()].rstrip(), inside.group(1).strip())
    return csl_json.with_subtitle(title, _first(record, "subtitle", markup=True))


_SUBTITLE_IN_TITLE = re.compile(r"(?:&lt;|<)subtitle(?:&gt;|>)(.*?)(?:&lt;|<)/subtitle(?:&gt;|>)\s*\Z", re.S)
"""JATS's subtitle element at the end of a title, written as text: the AMA's deposit of 10.1001/archpedi.1951.
02040040742008 (rcrossref's cassette cr_members_with_cursor.yml), "IDIOPATHIC ACQUIRED HEMOLYTIC ANEMIA IN AN
INFANT&lt;subtitle&gt;Successful Treatment with Corticotropin (ACTH)&lt;/subtitle&gt;", whose page showed the tags."""


def _server(item: csl_json.Item) -> str:
    """The server a preprint was posted on, which Crossref names as the ``institution`` of a "posted-content" work
    whose ``subtype`` is "preprint" (bioRxiv's 10.1101/2020.11.30.405548: ``[{"name": "bioRxiv"}]``, its
    ``publisher`` the server's owner, "openRxiv"); "" for other posted content (a working paper, a report)."""
    if item.text("subtype") not in ("preprint", ""):
        return ""
    return next((name for found in item.objects("institution") if (name := clean(str(found.get("name", ""))))), "")


def _series_and_book(record: Record) -> tuple[str, str]:
    """The series and the book (or proceedings) of a chapter or paper whose ``container-title`` names both, the
    series first: ``["SPIE Proceedings", "Optical Coherence Tomography and Coherence Domain Optical Methods in
    Biomedicine XX"]`` (10.1117/12.2214605), ``["Lecture Notes in Computer Science", "…"]``; else no series and the
    one title."""
    titles = [title for value in record.values("container-title") if (title := clean(shared.strip_tags(value)))]
    return (titles[0], titles[-1]) if len(titles) > 1 else ("", "".join(titles))


def _first(record: Record, key: str, markup: bool = False) -> str:
    """The first of a list of titles (Crossref's ``title``, ``container-title``); with its markup if asked."""
    values = [v for v in record.values(key) if clean(shared.strip_tags(v))]
    if not values:
        return ""
    return values[0] if markup else clean(shared.strip_tags(values[0]))


def _typed(record: Record, typed_key: str, plain_key: str) -> list[tuple[str, str]]:
    """Each number of ``issn-type`` (``{"value": "0268-3962", "type": "print"}``) with what it is, then those of
    ``ISSN`` it leaves out, with none said."""
    found: list[tuple[str, str]] = []
    for value in csl_json.Item(record, []).objects(typed_key):
        if isinstance(value.get("value"), str):
            found.append((value["value"], str(value.get("type", ""))))
    return [*found, *((v, "") for v in record.values(plain_key))]
