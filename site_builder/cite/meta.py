"""Machine-readable metadata for an article page's <head>: Highwire Press tags, schema.org JSON-LD, Open Graph, COinS.

Google Scholar reads the ``citation_*`` tags, Zotero's connector reads them and COinS, search engines read
JSON-LD, and link previews read Open Graph. The functions return names and values, not markup: the template
escapes them (autoescape), except ``json_ld``, whose string is already safe inside a <script> element.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import dates
from ..model.article import PERIODICAL_KINDS, Article, Person
from ..model.identifiers import doi_url, issn_tag_form, pmc_url, pubmed_url
from ..model.normalize import collapse_spaces
from .parts import (
    cited_pages,
    container_title,
    first_language,
    is_group,
    page_range,
    series_title,
    subject_terms,
    summary_text,
)


def highwire_meta(article: Article, abstract_url: str) -> list[tuple[str, str]]:
    """``(name, content)`` pairs of ``<meta name=… content=…>``, as Google Scholar's inclusion guidelines list them;
    a tag that may repeat (an author, an ISSN, an ISBN) once a value. An ISSN whose check digit agrees is written
    ``NNNN-NNNC``, the form the ISSN standard prints, as records also write it without the hyphen; any other
    value as the record writes it."""
    first, last = page_range(cited_pages(article), article.doi)
    tags = [("citation_title", article.title)]
    tags += [("citation_author", p.name) for p in article.authors]
    tags += [
        ("citation_publication_date", _slashed(article.exact_date)),
        ("citation_online_date", _slashed(article.epub_date)),
        *_venue(article),
        ("citation_volume", article.volume),
        ("citation_issue", article.issue),
        ("citation_firstpage", first),
        ("citation_lastpage", last),
        ("citation_doi", article.doi),
        ("citation_pmid", article.pmid),
        *(("citation_issn", issn_tag_form(issn)) for issn in article.issns),
        *(("citation_isbn", isbn) for isbn in article.isbns),
        ("citation_abstract_html_url", abstract_url),
        ("citation_language", first_language(article)),
        ("citation_keywords", "; ".join(subject_terms(article))),
        ("citation_publisher", article.publisher),
    ]
    return [(name, content) for name, content in tags if content]


def _venue(article: Article) -> list[tuple[str, str]]:
    """Where the work appeared, in the tag of its kind: the journal of an article, the proceedings of a paper
    (``citation_conference_title``), the book of a chapter (``citation_inbook_title``, which Zotero reads), the
    university of a thesis, the institution of a report; a work that stands on its own has no journal, and the
    journal its record names beside it is its series (``citation_series_title``, Zotero's)."""
    container = container_title(article)
    if _in_periodical(article):
        return [("citation_journal_title", article.journal), ("citation_journal_abbrev", article.journal_abbrev)]
    tags = [("citation_conference_title" if article.kind == "paper-conference" else "citation_inbook_title",
             container)]
    if article.kind == "thesis":
        tags.append(("citation_dissertation_institution", article.publisher))
    elif article.kind == "report":
        tags.append(("citation_technical_report_institution", article.publisher))
    return [*tags, ("citation_series_title", series_title(article))]


def _slashed(iso: str) -> str:
    """Google Scholar's date form, "2014/12/01" or "2014/12" or "2014"."""
    return "/".join(f"{n:02d}" if i else str(n) for i, n in enumerate(dates.parts(iso)))


def _schema_person(person: Person) -> dict[str, str]:
    if is_group(person):
        return {"@type": "Organization", "name": person.name}
    if person.orcid:  # sameAs: "a reference Web page that unambiguously indicates the item's identity" (schema.org)
        return {"@type": "Person", "name": person.display, "sameAs": f"https://orcid.org/{person.orcid}"}
    return {"@type": "Person", "name": person.display}


def _periodical(article: Article) -> dict[str, Any]:
    """The journal, inside its volume and issue when they are known (schema.org's own ScholarlyArticle example)."""
    container: dict[str, Any] = {"@type": "Periodical", "name": article.journal}
    if article.issns:
        container["issn"] = _issn(article)
    if article.volume:
        container = {"@type": "PublicationVolume", "volumeNumber": article.volume, "isPartOf": container}
    if article.issue:
        container = {"@type": "PublicationIssue", "issueNumber": article.issue, "isPartOf": container}
    return container


def _in_periodical(article: Article) -> bool:
    """Is the work cited by the journal that carries it (a conference paper too, when no proceedings are named)?"""
    return article.kind in PERIODICAL_KINDS or article.kind == "paper-conference" and not article.container


# schema.org's type of each kind of work that has one (others: ScholarlyArticle in a periodical, else CreativeWork).
_SCHEMA_TYPES = {"chapter": "Chapter", "book": "Book", "thesis": "Thesis", "report": "Report", "dataset": "Dataset",
                 "software": "SoftwareSourceCode", "webpage": "WebPage", "post-weblog": "BlogPosting",
                 "article-newspaper": "NewsArticle", "manuscript": "Manuscript", "map": "Map",
                 "motion_picture": "Movie", "legislation": "Legislation"}


def _book(article: Article) -> dict[str, Any] | None:
    """The book or proceedings that hold a chapter or a paper, with its editors and edition (in its series, with the
    series' editors, when the record names one); the series alone of a work that stands on its own."""
    series = series_title(article)
    series_part: dict[str, Any] | None = {"@type": "CreativeWorkSeries", "name": series} if series else None
    if series_part and article.series_editors:
        series_part["editor"] = [_schema_person(p) for p in article.series_editors]
    if series_part and article.issns:
        series_part["issn"] = _issn(article)
    container = container_title(article)
    if not container:
        return series_part
    book: dict[str, Any] = {"@type": "Book", "name": container}
    if article.isbns:
        book["isbn"] = _one_or_list(list(article.isbns))
    if article.editors:
        book["editor"] = [_schema_person(p) for p in article.editors]
    if article.edition:
        book["bookEdition"] = article.edition
    if series_part:
        book["isPartOf"] = series_part
    return book


def _issn(article: Article) -> str | list[str]:
    """The ISSNs as schema.org's ``issn`` of a Periodical or a series: each in its tag form."""
    return _one_or_list([issn_tag_form(issn) for issn in article.issns])


def _one_or_list(values: list[str]) -> str | list[str]:
    """One value as itself, several as a list (the same to JSON-LD, as schema.org's examples write one)."""
    return values[0] if len(values) == 1 else values


def _identifiers(article: Article, own: dict[str, Any]) -> list[dict[str, str]]:
    """The DOI, PMID and PMCID; and the ISSNs and ISBNs that neither the work (``own``, its schema.org data) nor a
    Periodical, series or Book it is part of holds, as schema.org gives ``issn`` and ``isbn`` to those types only
    (a thesis's ISBN, a report's series' ISSN when the record names no series)."""
    ids = [("DOI", article.doi), ("PMID", article.pmid), ("PMCID", article.pmcid)]
    if not _holds(own, "issn"):
        ids += [("ISSN", issn_tag_form(issn)) for issn in article.issns]
    if not _holds(own, "isbn"):
        ids += [("ISBN", isbn) for isbn in article.isbns]
    return [{"@type": "PropertyValue", "propertyID": name, "value": value} for name, value in ids if value]


def _holds(data: dict[str, Any] | None, key: str) -> bool:
    """Does ``data``, or what it is part of (``isPartOf``, all the way up), hold ``key``?"""
    while data:
        if data.get(key):
            return True
        data = data.get("isPartOf")
    return False


def schema_article(article: Article, url: str) -> dict[str, Any]:
    """The schema.org ScholarlyArticle (or the type of the work's kind) as a dict; keys with no value are absent.
    Lean, as it is in the head of every article page: no ``name`` beside ``headline``, a person by the name shown
    (Highwire tags give family and given names to Zotero and Scholar), no ``abstract`` (the page's text and its
    description have it; it was a tenth of an article page)."""
    first, last = page_range(cited_pages(article), article.doi)
    in_periodical = _in_periodical(article)
    container = container_title(article)
    schema_type = _SCHEMA_TYPES.get(article.kind, "ScholarlyArticle" if in_periodical else "CreativeWork")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": url,
        "url": url,
        "headline": article.title,
        "author": [_schema_person(p) for p in article.authors],
        # A chapter's editors are its book's (in isPartOf); an edited book's are its own.
        "editor": [] if container else [_schema_person(p) for p in article.editors],
        "translator": [_schema_person(p) for p in article.translators],
        # A chapter's edition is its book's (in isPartOf).
        "bookEdition": article.edition if article.kind == "book" else "",
        "datePublished": article.exact_date,
        "isPartOf": (_periodical(article) if in_periodical else _book(article)) if article.journal or container
        else None,
        # A book's ISBNs are its own; a chapter's are its book's (in isPartOf).
        "isbn": _one_or_list(list(article.isbns)) if schema_type == "Book" and article.isbns else "",
        "pageStart": first,
        "pageEnd": last,
        "publisher": {"@type": "Organization", "name": article.publisher} if article.publisher else None,
        "inLanguage": first_language(article),
        "keywords": list(subject_terms(article)),
        "identifier": [],
        "sameAs": [u for u in (doi_url(article.doi), pubmed_url(article.pmid), pmc_url(article.pmcid)) if u],
        "license": article.licence_url,
        "creativeWorkStatus": "Retracted" if article.retracted else "",  # schema.org's word for a work's state
    }
    data["identifier"] = _identifiers(article, data)
    return {k: v for k, v in data.items() if v}


# Inside <script>, "</script>" or "<!--" in a string would end or confuse the element; JSON allows these
# characters as \u escapes, so the data reads back the same. U+2028/9 are escaped for old JavaScript parsers.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


# One encoder for every page: json.dumps with options makes a new one per call. The data is ours, without cycles.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def json_ld(article: Article, url: str) -> str:
    """The JSON-LD text for ``<script type="application/ld+json">``, safe to insert there unescaped."""
    text = _JSON.encode(schema_article(article, url))
    for char, escaped in _SCRIPT_SAFE:  # str.replace: a translate table is slow on long non-ASCII text
        text = text.replace(char, escaped)
    return text


_DESCRIPTION_LENGTH = 300


def _shorten(text: str, limit: int = _DESCRIPTION_LENGTH) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = collapse_spaces(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def opengraph(article: Article, url: str) -> list[tuple[str, str]]:
    """``(property, content)`` pairs of ``<meta property=… content=…>`` for link previews."""
    tags = [
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:url", url),
        ("og:description", _shorten(summary_text(article))),
        ("article:published_time", article.exact_date),
    ]
    tags += [("article:tag", k) for k in subject_terms(article)]
    return [(prop, content) for prop, content in tags if content]
