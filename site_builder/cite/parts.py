"""The pieces of an Article that every citation format splits the same way: date parts, pages, language, names.

Each export and meta-tag writer asks these functions rather than re-parsing ``Article.date`` or ``pages`` itself,
so that a BibTeX ``month``, a RIS ``DA`` and a ``citation_publication_date`` can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import dates
from ..model.article import CONTAINED_KINDS, NOTICE_NOTES, PERIODICAL_KINDS, RETRACTED_TYPE, Article, Notice, Person
from ..model.identifiers import doi_key, doi_url, pmc_url, pubmed_url
from ..model.normalize import unique_folded
from ..model.styles import Styles


@dataclass(frozen=True, slots=True)
class DateParts:
    """``Article.date`` split; a part is 0 when the date does not say it."""

    year: int = 0
    month: int = 0
    day: int = 0


def subject_terms(article: Article) -> tuple[str, ...]:
    """The MeSH descriptors, then the keywords, once each: what formats with one list of subject words (RIS KW,
    BibTeX ``keywords``, ``citation_keywords``, schema.org ``keywords``) get, as Zotero writes a PubMed record's
    tags. MEDLINE keeps the two apart (MH, OT)."""
    return unique_folded([*(h.descriptor for h in article.mesh), *article.keywords])


def date_parts(article: Article) -> DateParts:
    """The year, month and day of the issue's date, as far as the record states it (``Article.exact_date``)."""
    return DateParts(*dates.parts(article.exact_date))


_RANGE = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_LISTED = re.compile(r"[,;]")
"""Between the parts of a list of pages: "95-7, 102, 105 passim"."""


_LETTERED_PAGE = re.compile(r"([A-Za-z]+)(\d+)")
"""A page numbered after a letter, as a supplement's ("S135") or a section's ("C968", "e1")."""


def cited_pages(article: Article) -> str:
    """What a citation prints for the pages: the pages, else the article number that stands for them, as Citing
    Medicine and PubMed cite one ("2023;169(3):001312"), and Google Scholar reads a ``citation_firstpage``."""
    return article.pages or article.article_number


def page_range(pages: str, doi: str = "") -> tuple[str, str]:
    """First and last page; NLM's shortened last page is written out ("516-22" → ("516", "522")), after the first
    page's letter too ("S135-41" → ("S135", "S141"), "e1-5" → ("e1", "e5"): PMID 24516049's "PG  - S135-41").

    An article number ("6368", "e0123") is a first page with no last page; so is a span of more than one dash
    (Inspec's "41103-1-3", pages 1 to 3 of article 41103), which no split into two pages gives back whole, and an
    article number with a hyphen (``hyphenated_number``: ERJ Open Research's "50193-2021", whose work's ``doi`` is
    10.1183/23120541.50193-2021); so is a list of pages after the first range (MEDLINE's "95-7, 102, 105 passim",
    "419-20; author reply 420-1"), whose last page is none of its parts.
    """
    parts = _RANGE.split(pages.strip(), maxsplit=1)
    first = parts[0]
    last = parts[1] if len(parts) > 1 else ""
    if _RANGE.search(last) or _LISTED.search(last) or hyphenated_number(first, last, doi):
        return pages.strip(), ""
    lettered = _LETTERED_PAGE.fullmatch(first)
    letter, number = (lettered.group(1), lettered.group(2)) if lettered and last.isdigit() else ("", first)
    if number.isdigit() and last.isdigit() and len(last) < len(number):
        last = number[: len(number) - len(last)] + last
    return first, letter + last


def hyphenated_number(first: str, last: str, doi: str = "") -> bool:
    """Is "``first``-``last``" one article number rather than a page range? The European Respiratory Society's
    journals number an article by its manuscript and year ("50193-2021", "2150193-2021"), which read as NLM's
    shortened range would be pages 50193 to 52021. A last part no smaller than the first is a range written whole;
    any other is a number when the work's ``doi`` ends with it (from
    three digits before the hyphen on: "10.1183/23120541.50193-2021"), or when the last part, read as a shortened
    last page, would run back before the first or put a thousand pages or more in one work (MEDLINE shortens
    "10995-11002" to "10995-1002", never a span that long).
    """
    if not (first.isdigit() and last.isdigit()) or int(last) >= int(first):
        return False  # a range written whole ("238-241", though its DOI 10.5455/msm.2013.25.238-241 ends so)
    in_doi = _DOI_NUMBER.search(doi)
    if in_doi and in_doi.group(2) == last and first.endswith(in_doi.group(1)):
        return True
    if len(last) >= len(first):
        return False
    end = int(first[: len(first) - len(last)] + last)
    return not 0 < end - int(first) < 1000


_DOI_NUMBER = re.compile(r"(\d{3,})-(\d+)\Z")
"""The end of a DOI that holds an article number with a hyphen, the digits before it and after it."""


def container_title(article: Article) -> str:
    """The book or proceedings that hold a chapter or a conference paper (the journal, when the record names no
    other: a conference abstract in a journal's supplement); "" for every other kind."""
    return (article.container or article.journal) if article.kind in CONTAINED_KINDS else ""


def series_title(article: Article) -> str:
    """The series of a work that is no journal article: the journal named beside a chapter's book or a paper's
    proceedings, or the journal of a book, thesis, report or other work that stands on its own (a book series,
    "arXiv"); "" for a work a periodical carries (a journal article, a newspaper article, a web page)."""
    if article.kind in PERIODICAL_KINDS or article.kind in CONTAINED_KINDS and not article.container:
        return ""
    return article.journal


def first_language(article: Article) -> str:
    """The BCP 47 tag ("es", "pt-BR") of the article's first language that has one, or "": for HTML ``lang``,
    ``citation_language``, schema.org ``inLanguage``, CSL ``language`` and COinS."""
    return next((lang.tag for lang in article.languages if lang.tag), "")


def first_language_name(article: Article) -> str:
    """The English name ("Spanish") of the article's first language, or "": for BibTeX and RIS."""
    return article.languages[0].name if article.languages else ""


def is_group(person: Person) -> bool:
    """A group author ("WHO Collaborating Group") has a whole name and no family/given split."""
    return not person.family


def initials(given: str) -> str:
    """MEDLINE-style initials: "Roberto Luigi" → "RL", "Jean-Emmanuel" → "JE", "J. R." → "JR"."""
    return "".join(word[0] for word in _NAME_BREAKS.split(given) if word and word[0].isalpha()).upper()


_NAME_BREAKS = re.compile(r"[\s.\-\u2010\u2011]+")  # and Unicode's hyphens, as OpenAlex's display names have them


def abstract_text(article: Article) -> str:
    """The abstract as one string, each labelled section as "LABEL: text", sections on their own lines."""
    return styled_abstract(article)[0]


def styled_abstract(article: Article) -> tuple[str, Styles]:
    """``abstract_text`` and its sections' styles over it."""
    lines: list[str] = []
    spans: list[tuple[int, int, str]] = []
    at = 0
    for s in article.abstract:
        head = f"{s.label}: " if s.label else ""
        spans += [(start + at + len(head), end + at + len(head), kind) for start, end, kind in s.styles]
        lines.append(head + s.text)
        at += len(lines[-1]) + 1  # and its line end
    return "\n".join(lines), tuple(spans)


def summary_text(article: Article) -> str:
    """What a reader sees first: the plain-language summary when there is one, else the abstract."""
    sections = article.lay_summary or article.abstract
    return " ".join(s.text for s in sections)


def best_url(article: Article) -> str:
    """The work's own address: its DOI, else PubMed Central, else PubMed, else the first link the record gives."""
    return (
        doi_url(article.doi)
        or pmc_url(article.pmcid)
        or pubmed_url(article.pmid)
        or next((link.url for link in article.links), "")
    )


BOOKSHELF = "https://www.ncbi.nlm.nih.gov/books/"


def bookshelf_url(article: Article) -> str:
    """The work's page on NCBI Bookshelf when the record links one, which PubMed cites a book or a chapter by
    ("Available from: https://www.ncbi.nlm.nih.gov/books/NBK1266/"); else ""."""
    return next((link.url for link in article.links if link.url.startswith(BOOKSHELF)), "")


def url_besides_doi(article: Article) -> str:
    """The work's address for a style that prints its DOI beside it ("Available from: … doi:10…"): PubMed
    Central, else PubMed, else the first link the record gives that is not its DOI's; "" when there is none."""
    doi = doi_key(article.doi)
    return (
        pmc_url(article.pmcid)
        or pubmed_url(article.pmid)
        or next((link.url for link in article.links if doi_key(link.url) != doi), "")
    )


def notice_note(notice: Notice) -> str:
    """A notice as the downloads' notes write it: PubMed's name for the link, then the citation as MEDLINE gives
    it ("Retraction in: Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807"); a retraction the record names no
    notice of is PubMed's type, "Retracted Publication"."""
    value = " ".join(p for p in (notice.citation or (f"doi: {notice.doi}" if notice.doi else ""),
                                 f"PMID: {notice.pmid}" if notice.pmid else "") if p)
    if not value:
        return RETRACTED_TYPE if notice.kind == "RetractionIn" else ""
    return f"{NOTICE_NOTES[notice.kind]}: {value}"
