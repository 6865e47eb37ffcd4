"""RIS export: tagged lines for EndNote, Zotero, Mendeley and RefWorks.

A work of another kind than a journal article has its own type (``TY  - CHAP``, ``CPAPER``, ``BOOK``, ``THES``,
``RPRT``, ``GEN`` for a generic work…); ``T2`` is then the book or proceedings that hold it (the magazine,
newspaper or website that carries it, a case's reporter, a law's code), ``T3`` the series (the journal the record
names beside them), ``PB`` the publisher, university or institution, ``CY`` its city, ``ET`` the edition, and ``A2``
each editor (of the book that holds a chapter, or of an edited book), as the RIS specification names its secondary
authors; ``A3`` each editor of the series and ``A4`` each translator, where Zotero reads them so.

Sample::

    TY  - JOUR
    TI  - Liver-Directed Therapy for Neuroendocrine Metastases
    AU  - Cazzato, Roberto Luigi
    AU  - Hubelé, Fabrice
    PY  - 2021
    DA  - 2021/12/19/
    T2  - Cancers (Basel)
    DO  - 10.3390/cancers13246368
    AN  - 34944988
    DP  - NLM
    C2  - PMC8699378
    ER  -

Tags follow the RIS specification and EndNote's Journal Article mapping: ``T2`` the journal, ``J2`` its
abbreviation, ``DA`` the issue's date, ``AN`` the PubMed id with ``DP  - NLM`` (which says whose accession number
it is, as EndNote writes a PubMed record), ``C2`` the PMCID, ``SN`` the ISSNs and ISBNs.
"""

from __future__ import annotations

from ..model import dates
from ..model.article import (
    LEGAL_KINDS,
    PERIODICAL_KINDS,
    RIS_A4_NOT_TRANSLATORS,
    RIS_SERIES_EDITOR_KINDS,
    Article,
    Person,
)
from ..model.normalize import collapse_spaces
from .parts import (
    abstract_text,
    best_url,
    cited_pages,
    container_title,
    first_language_name,
    is_group,
    notice_note,
    page_range,
    series_title,
    subject_terms,
)
from .periods import iso_year, read_period

# RIS's type of each kind of work (Article.kind, CSL's words), as the RIS specification names it (EndNote's and
# Zotero's choices where it has none: an interview or a talk as Zotero writes them); any other kind a periodical
# carries is a journal article, any other that stands on its own a generic work (GEN).
RIS_TYPES = {
    "paper-conference": "CPAPER", "chapter": "CHAP", "book": "BOOK", "thesis": "THES", "report": "RPRT",
    "article-magazine": "MGZN", "article-newspaper": "NEWS", "post-weblog": "BLOG", "webpage": "ELEC",
    "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC", "document": "GEN", "dataset": "DATA",
    "software": "COMP", "standard": "STAND", "patent": "PAT", "manuscript": "UNPB", "pamphlet": "PAMP",
    "map": "MAP", "graphic": "ART", "figure": "FIGURE", "motion_picture": "MPCT", "broadcast": "MPCT",
    "song": "SOUND", "musical_score": "MUSIC", "speech": "SLIDE", "personal_communication": "PCOMM",
    "interview": "PCOMM", "legal_case": "CASE", "legislation": "STAT", "bill": "BILL", "regulation": "LEGAL",
    "hearing": "HEAR", "classic": "CLSWK", "periodical": "JFULL",
}


def ris_name(person: Person) -> str:
    """RIS's AU form, "Family, Given[, Suffix]"; a group keeps its whole name."""
    if is_group(person):
        return person.name
    if person.suffix and not person.given:
        # A catalogue's "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV" (MARC 100 $c): the given name left empty, as the
        # RIS specification's form has it, so that no reader takes the suffix for the given name.
        return f"{person.family}, , {person.suffix}"
    return ", ".join(p for p in (person.family, person.given, person.suffix) if p)


def _ris_date(article: Article) -> str:
    """RIS's ``YYYY/MM/DD/other`` with unknown parts left empty ("2021/12//"); a date ISO cannot hold is the
    other part, as printed, after the parts of its start ("2014/11//2014 Nov-Dec", "2014/12/31/2014 Dec 31-2015
    Jan 1"): Zotero's importer reads the parts, EndNote the whole."""
    when = dates.parts(article.date)
    if not when:
        return ""
    return "/".join([str(when[0]), *(f"{p:02d}" for p in when[1:]), *[""] * (3 - len(when)), article.date_printed])


def _slashed(iso: str) -> str:
    """An ISO date as RIS writes one, "2013/10/28"."""
    return "/".join(iso.split("-"))


def _ris_year(article: Article) -> str:
    """``PY``: the year; of a date before our era, as ISO 8601 writes it ("-0333" for 334 BC), which Zotero's
    importer takes as it stores such a year (a printed "334 BC" it reads as the year 0000)."""
    period = read_period(article.date_printed) if article.date_printed and not article.year else None
    return iso_year(period.start[0]) if period else article.year


def ris_record(article: Article, key: str) -> str:
    """One RIS record, ending in ``ER  -``; a value is one line (RIS has no continuation lines)."""
    first, last = page_range(cited_pages(article), article.doi)
    periodical = article.kind in PERIODICAL_KINDS
    kind = RIS_TYPES.get(article.kind, "JOUR" if periodical else "GEN")
    # A case's reporter, a law's code: T2, as the RIS reader reads them (it read a law's T3 as no code at all).
    legal = article.kind in LEGAL_KINDS
    tags: list[tuple[str, str]] = [("TY", kind), ("ID", key), ("TI", article.title)]
    tags += [("AU", ris_name(p)) for p in article.authors]
    tags += [("A2", ris_name(p)) for p in article.editors]
    # A3 the series' editors, A4 the translators, only where Zotero (and our reader) reads them so: a book's A3
    # would read as its editors, a case's A4 as its counsel.
    tags += [("A3", ris_name(p)) for p in article.series_editors if article.kind in RIS_SERIES_EDITOR_KINDS]
    tags += [("A4", ris_name(p)) for p in article.translators if article.kind not in RIS_A4_NOT_TRANSLATORS]
    tags += [
        ("PY", _ris_year(article)),
        ("DA", _ris_date(article)),
        ("T2", article.journal if periodical or legal else container_title(article)),
        ("T3", "" if legal else series_title(article)),
        ("J2", article.journal_abbrev),
        ("VL", article.volume),
        ("IS", article.issue),
        ("SP", first),
        ("EP", last),
        # A journal article's C7 is its number (RIS's "Article Number", as Scopus and EndNote write it); SP holds
        # it too when there are no pages, where Zotero and Google Scholar look for it.
        ("C7", article.article_number if kind == "JOUR" else ""),
        ("PB", article.publisher),
        ("CY", article.place),
        # A journal article's ET is its electronic publication date, as EndNote writes it ("Epub Date") and the
        # RIS reader reads it; Zotero keeps it in a note.
        ("ET", article.edition or (_slashed(article.epub_date) if kind == "JOUR" else "")),
        ("LA", first_language_name(article)),
        ("DO", article.doi),
        ("AN", article.pmid),
        ("DP", "NLM" if article.pmid else ""),
        ("C2", article.pmcid),
        ("UR", best_url(article)),
        ("AB", abstract_text(article)),
    ]
    # SN, the specification's "ISSN/ISBN", is one value (rispy and Zotero keep the first of several lines): every
    # number as written, parted by "; ", the work's own kind first (a book's ISBNs, a journal article's ISSNs);
    # the reader tells them apart by their form.
    numbers = (*article.issns, *article.isbns) if periodical else (*article.isbns, *article.issns)
    tags.append(("SN", "; ".join(numbers)))
    tags += [("KW", k) for k in subject_terms(article)]
    # A note each (Zotero makes each a note), in the order pages list them
    tags += [("N1", notice_note(n)) for n in (*article.warnings, *article.other_notices)]
    lines = [f"{tag}  - {collapse_spaces(value)}" for tag, value in tags if value.strip()]
    return "\n".join([*lines, "ER  - "]) + "\n"
