"""CSL-JSON: an Article as a Citation Style Language item, the input of every CSL processor and reference manager.

Field names and value types follow the official schema (citation-style-language/schema, ``csl-data.json``):
names as ``family``/``given`` or ``literal`` for groups, dates as ``date-parts``, ``keyword`` as one string.
Empty values are left out rather than written as "" (a processor would print an empty volume's punctuation).
"""

from __future__ import annotations

from typing import Any

from ..model import dates
from ..model.article import CONTAINED_KINDS, LEGAL_KINDS, PERIODICAL_KINDS, Article, Person
from ..model.styles import Styles, tagged
from .parts import abstract_text, best_url, cited_pages, first_language, is_group, styled_abstract
from .periods import read_period


def csl_name(person: Person) -> dict[str, str]:
    """A CSL name: ``literal`` for a group (so no processor inverts "World Health Organization")."""
    if is_group(person):
        return {"literal": person.name}
    name = {"family": person.family, "given": person.given, "suffix": person.suffix}
    return {k: v for k, v in name.items() if v}


def csl_date(iso: str, printed: str = "") -> dict[str, Any] | None:
    """A CSL date: ``date-parts`` of an ISO date, and the date as printed in ``literal`` when ISO cannot hold it
    ("2014 Nov-Dec"; a processor that sorts reads the parts, one that prints may print the literal)."""
    parts = dates.parts(iso)
    if not parts:
        return {"literal": printed} if printed else None
    return {"date-parts": [list(parts)], **({"literal": printed} if printed else {})}


def to_csl_json(article: Article) -> dict[str, Any]:
    """The CSL-JSON item of ``article`` (``type`` its kind, else article-journal); keys with no value are absent.

    ``issued`` is the issue's date, ``available-date`` the electronic publication (CSL 1.0.2's "date the item
    was made available"), ``container-title-short`` the journal's abbreviation. A conference paper's proceedings
    or a chapter's book is its container; a journal that publishes such a paper is then its collection (a series),
    as is the journal named beside a book, a report or any other work that stands on its own. ``editor`` names
    the editors of a chapter's book (a style's "In: Smith J, editor. Book.") or of an edited book, and
    ``publisher-place`` the city before the publisher ("New York: Academic Press"); ``translator``,
    ``collection-editor`` (the series' editors) and ``container-author`` (the authors of a paper's proceedings)
    name theirs, and ``edition`` is the record's words ("3rd ed.", or "3", which a style prints as "3rd ed.").
    """
    # A work that stands on its own (a book, a report, a generic work) is in no container: a journal beside it
    # is its series, as the RIS, BibTeX and MEDLINE exports write it (a case's reporter, a law's code are theirs).
    alone = not (article.kind in PERIODICAL_KINDS or article.kind in CONTAINED_KINDS or article.kind in LEGAL_KINDS)
    item: dict[str, Any] = {
        "id": article.id,
        "type": article.kind or "article-journal",
        "title": article.title,
        "author": [csl_name(p) for p in article.authors],
        "editor": [csl_name(p) for p in article.editors],
        "translator": [csl_name(p) for p in article.translators],
        "collection-editor": [csl_name(p) for p in article.series_editors],
        "container-author": [csl_name(p) for p in article.container_authors],
        "issued": csl_date(article.exact_date, article.date_printed),
        "available-date": csl_date(article.epub_date),
        "container-title": article.container or ("" if alone else article.journal),
        "container-title-short": "" if article.container or alone else article.journal_abbrev,
        "collection-title": article.journal if article.container or alone else "",
        "volume": article.volume,
        "issue": article.issue,
        # A style that names an article number (APA's "Article 001312") finds it in ``number``; one that cites it
        # in place of pages (NLM's, AMA's ":001312") in ``page``.
        "page": cited_pages(article),
        "number": "" if article.kind else article.article_number,
        "DOI": article.doi,
        "PMID": article.pmid,
        "PMCID": article.pmcid,
        # CSL's ISSN and ISBN are one string each: several parted by ", ", as the reader reads them.
        "ISSN": ", ".join(article.issns),
        "ISBN": ", ".join(article.isbns),
        "URL": best_url(article),
        "language": first_language(article),
        "abstract": abstract_text(article),
        "publisher": article.publisher,
        "publisher-place": article.place,
        "edition": article.edition,
        # CSL's genre of a thesis is its kind ("Doctoral thesis"), which APA prints as "[Doctoral thesis, …]".
        "genre": article.publication_types[0] if article.kind == "thesis" and article.publication_types else "",
        "keyword": ", ".join(article.keywords),
    }
    return {k: v for k, v in item.items() if v}


def download_dates(article: Article) -> dict[str, Any]:
    """The item's ``issued`` for the CSL-JSON download when the record prints a period, a season, an approximate
    date or a year before our era: its parts (``periods.read_period``: both ends of "2014 Nov-Dec", CSL's
    ``season`` and ``circa``, 334 BC as -334) beside the date as printed in ``literal``, which Zotero's importer
    takes whole. The item the page's references are formatted from keeps the year, which every style prints."""
    period = read_period(article.date_printed) if article.date_printed else None
    if period is None:
        return {}
    date: dict[str, Any] = {"date-parts": [list(period.start), *([list(period.end)] if period.end else [])]}
    if period.season:
        date["season"] = period.season
    if period.circa:
        date["circa"] = True
    return {"issued": date | {"literal": article.date_printed}}


RICH_TEXT = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
             "sc": ('<span style="font-variant:small-caps;">', "</span>")}
"""CSL-JSON's rich text, the HTML-like tags citeproc-js reads in a field's value (its manual, "Rich text
markup"); it has no underline, which is written as plain text."""


def rich_text(text: str, styles: Styles) -> str:
    """``text`` with its styles as CSL-JSON rich text; the text itself as it is (as the plain item writes it)."""
    return tagged(text, styles, RICH_TEXT, str) if styles else text


def rich_fields(article: Article) -> dict[str, str]:
    """The item's title and abstract as rich text, for the CSL-JSON download; the item the page's references are
    formatted from keeps them plain (citeproc-py would print the tags)."""
    abstract, spans = styled_abstract(article)
    found = {"title": rich_text(article.title, article.title_styles), "abstract": rich_text(abstract, spans)}
    return {k: v for k, v in found.items() if v}
