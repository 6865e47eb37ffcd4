"""MEDLINE (.nbib) export: PubMed's own tagged format, which EndNote, Zotero and Mendeley import as PubMed's.

Sample::

    PMID- 34944988
    DP  - 2021 Dec 19
    TI  - Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology to
          Nuclear Medicine Procedures.
    FAU - Cazzato, Roberto Luigi
    AU  - Cazzato RL
    LA  - eng
    PT  - Journal Article
    TA  - Cancers (Basel)
    AID - 10.3390/cancers13246368 [doi]
    SO  - Cancers (Basel). 2021 Dec 19;13(24):6368. doi: 10.3390/cancers13246368.

A work of another kind than a journal article is written as PubMed writes its books: ``PT`` names the kind where
MEDLINE has a publication type for it ("Book", "Book Chapter", "Congress", "Academic Dissertation", "Technical
Report"), ``BTI`` is the book or proceedings that hold it (a whole book's own title, with no ``TI``), ``CTI`` the
series, ``EN`` the edition, ``PB`` the publisher, ``PL`` its city, ``ISBN`` each ISBN and ``FED``/``ED`` the book's
editors (NLM's list of MEDLINE elements has no tag for translators nor for a series' editors). ``IS`` is each ISSN,
with PubMed's "(Print)", "(Electronic)" or "(Linking)" where the record said which it is.

NLM's MeSH headings are ``MH`` lines, a star marking a major topic ("MH  - *Oryza/metabolism"), apart from the
keywords' ``OT`` lines; ``PT`` repeats for every publication type the record gives.

A tag is padded to four characters and followed by "- "; a long value goes on in lines indented by six spaces,
which readers join with one space, so values are wrapped at spaces only (never inside a hyphenated word).
"""

from __future__ import annotations

import re

from ..model import dates
from ..model.article import NOTICE_KINDS, PERIODICAL_KINDS, RETRACTED_TYPE, Article, MeshHeading, Person, Section
from ..model.normalize import collapse_spaces
from .parts import cited_pages, container_title, initials, is_group, series_title

_WIDTH = 88
# MEDLINE's publication type (PT) of each kind of work (Article.kind, CSL's words) that has one ("Book" as PubMed
# and Zotero's MEDLINE/nbib translator name a whole book); a work a periodical carries is otherwise a "Journal
# Article", any other kind (a generic work) has none.
PUBLICATION_TYPES = {"paper-conference": "Congress", "book": "Book", "chapter": "Book Chapter",
                     "thesis": "Academic Dissertation", "report": "Technical Report",
                     "article-newspaper": "Newspaper Article", "dataset": "Dataset",
                     "legal_case": "Legal Case", "legislation": "Legislation", "interview": "Interview",
                     "speech": "Lecture", "motion_picture": "Video-Audio Media", "broadcast": "Video-Audio Media"}


def in_journal(article: Article) -> bool:
    """Is the work cited by its journal (a journal article, a conference paper the record gives no proceedings
    for), rather than by its book, proceedings or publisher?"""
    return article.kind in PERIODICAL_KINDS or article.kind == "paper-conference" and not article.container


def publication_type(article: Article) -> str:
    """``PT``: the kind's publication type, else "Journal Article" for a work a periodical carries, else ""."""
    return PUBLICATION_TYPES.get(article.kind, "Journal Article" if article.kind in PERIODICAL_KINDS else "")


def publication_types(article: Article) -> tuple[str, ...]:
    """Every ``PT``: the record's publication types, then the one its kind gives (``publication_type``) when they
    lack it, as PubMed adds "Book Chapter" after a Bookshelf chapter's "Review" or "Study Guide": Zotero's
    MEDLINE/nbib translator types a record by that PT alone, and without it reads a book or a chapter as a journal
    article, which has no publisher or place. "Journal Article" is added to no list the record gives but ERIC's
    (``_ERIC_JOURNAL_ARTICLE``)."""
    own = article.publication_types
    kind = publication_type(article)
    if not own or kind not in own and (kind != "Journal Article" or _ERIC_JOURNAL_ARTICLE in own):
        return (*own, kind)
    return own


_ERIC_JOURNAL_ARTICLE = "Journal Articles"
"""ERIC's publication type of a journal article, MEDLINE's "Journal Article" in its own words: written after it,
since Zotero's translator took an ERIC article's "Reports - Research" beside it for a report, its journal for
the institution."""


def mesh_line(heading: MeshHeading) -> str:
    """An ``MH`` value as MEDLINE writes it: "*Oryza/metabolism", "Syk Kinase/*antagonists & inhibitors"."""
    parts = [("*" if heading.major else "") + heading.descriptor,
             *(("*" if q.major else "") + q.name for q in heading.qualifiers)]
    return "/".join(parts)


def medline_date(article: Article) -> str:
    """PubMed's ``DP`` form: "2021 Dec 19", "2021 Dec", "2021", or the date as printed ("2014 Nov-Dec")."""
    return article.date_printed or dates.nlm_date(article.date)


def medline_source(article: Article) -> str:
    """The ``SO`` line as PubMed writes it: "J Biomed Inform. 2014 Dec;52:36-42. doi: 10.1016/j.jbi.2013.10.006.
    Epub 2013 Oct 28."; an article published online only is cited by its electronic date, and "eCollection"
    names the issue's date."""
    online = article.online_only and bool(article.epub_date)
    where = dates.nlm_date(article.epub_date) if online else medline_date(article)
    if not in_journal(article) and not container_title(article):
        # A book, thesis or report: "Place: Publisher; 2016." as PubMed cites its books.
        imprint = ": ".join(p for p in (article.place, article.publisher) if p)
        source = "; ".join(p for p in (imprint, where) if p) + "."
    else:
        if article.volume:
            where += f";{article.volume}"
        if article.issue:
            where += f"({article.issue})"
        if pages := cited_pages(article):
            where += f":{pages}"
        title = article.journal_abbrev or article.journal if in_journal(article) else container_title(article)
        source = ". ".join(p for p in (title, where) if p) + "."
    tail = [f"doi: {article.doi}."] if article.doi else []
    if online:
        tail.append(f"eCollection {medline_date(article)}.")
    elif article.epub_date:
        tail.append(f"Epub {dates.nlm_date(article.epub_date)}.")
    return " ".join([source, *tail])


def _field(tag: str, value: str) -> list[str]:
    value = collapse_spaces(value)
    if len(value) <= _WIDTH - 6:  # most values: one line, or none
        return [f"{tag:<4}- {value}"] if value else []
    lines = _wrap(value, _WIDTH - 6)
    return [f"{tag:<4}- {lines[0]}", *(f"      {line}" for line in lines[1:])]


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces, long words kept whole, of text whose words are one space apart (``_field``'s): each
    line the most words that fit in ``width``, or one word longer than that (textwrap does the same, ten times
    slower; a loop over the words, three times)."""
    if len(text) <= width:  # most fields
        return [text]
    found = _LINES.get(width)
    if found is None:
        found = _LINES[width] = re.compile(rf"(.{{1,{width}}}|[^ ]+)(?: |\Z)", re.DOTALL)
    return found.findall(text)


_LINES: dict[int, re.Pattern[str]] = {}
"""Per width: a line of ``_wrap``, the longest run of characters that fits and ends before a space or at the end
of the text, else a word that does not fit, with the space after it left out."""


def _authors(article: Article) -> list[tuple[str, str]]:
    """``FAU``/``AU`` pairs for people, ``CN`` for groups, in byline order."""
    return _people(article.authors, "FAU", "AU", "CN")


def _editors(article: Article) -> list[tuple[str, str]]:
    """``FED``/``ED`` pairs, as PubMed names a book's editors (a group's whole name in ``ED``)."""
    return _people(article.editors, "FED", "ED", "ED")


def _people(people: tuple[Person, ...], full_tag: str, short_tag: str, group_tag: str) -> list[tuple[str, str]]:
    tags: list[tuple[str, str]] = []
    for person in people:
        if is_group(person):
            tags.append((group_tag, person.name))
            continue
        if person.suffix and not person.given:
            # A catalogue's "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV" (MARC 100 $c): "Family, Suffix" would read as
            # the given name, and in "Family Suffix" the suffix's last word as the initials ("XIV"): FAU leaves the
            # given name empty, as the RIS download does, and AU, which has no place for an empty one, is the family
            # name alone.
            tags += [(full_tag, f"{person.family}, , {person.suffix}"), (short_tag, person.family)]
            continue
        full = ", ".join(p for p in (person.family, person.given, person.suffix) if p)
        short = " ".join(p for p in (person.family, initials(person.given), person.suffix) if p)
        tags += [(full_tag, full), (short_tag, short)]
    return tags


def _paragraph(sections: tuple[Section, ...]) -> str:
    """An abstract as MEDLINE's one paragraph: "LABEL: text" for each labelled section."""
    return " ".join(f"{s.label}: {s.text}" if s.label else s.text for s in sections)


def _issn_lines(article: Article) -> list[str]:
    """Each ISSN as PubMed writes it, with what it is when the record said ("1367-4803 (Print)", "1460-2059
    (Electronic)"), the linking ISSN last ("1367-4803 (Linking)")."""
    types = article.issn_types or ("",) * len(article.issns)
    lines, linking = [], []
    for issn, said in zip(article.issns, types, strict=False):
        kinds = said.split()
        media = [t for t in kinds if t != "linking"]
        if media or "linking" not in kinds:  # a linking ISSN alone is written once, last
            lines += [f"{issn} ({t.capitalize()})" for t in media] or [issn]
        if "linking" in kinds:
            linking.append(f"{issn} (Linking)")
    return lines + linking


def medline_record(article: Article) -> str:
    """One MEDLINE record, tags in PubMed's order."""
    abstract = _paragraph(article.abstract)
    journal = in_journal(article)
    tags = [
        ("PMID", article.pmid),
        *(("IS", issn) for issn in _issn_lines(article)),
        ("VI", article.volume),
        ("IP", article.issue),
        ("DP", medline_date(article)),
        # A book's title is BTI, as PubMed writes a Bookshelf book (its chapters' titles are TI): Zotero's translator
        # and the MEDLINE reader read a book's title there, and the reader its publisher and place with it.
        ("TI", "" if article.kind == "book" else article.title),
        ("TT", article.original_title),
        ("PG", cited_pages(article)),
        ("LID", f"{article.doi} [doi]" if article.doi else ""),
        ("AB", abstract),
        *(pair for other in article.other_abstracts
          for pair in (("OAB", _paragraph(other.sections)), ("OABL", other.language.bibliographic))),
        *_authors(article),
        *_editors(article),
        *(("LA", lang.bibliographic) for lang in article.languages),
        *(("PT", t) for t in publication_types(article)),
        ("PT", RETRACTED_TYPE if article.retracted and RETRACTED_TYPE not in publication_types(article) else ""),
        ("DEP", article.epub_date.replace("-", "") if len(dates.parts(article.epub_date)) == 3 else ""),
        ("BTI", article.title if article.kind == "book" else "" if journal else container_title(article)),
        ("CTI", "" if journal else series_title(article)),
        ("EN", "" if journal else article.edition),
        *(("ISBN", isbn) for isbn in article.isbns),
        ("PB", "" if journal else article.publisher),
        ("PL", "" if journal else article.place),
        ("TA", (article.journal_abbrev or article.journal) if journal else ""),
        ("JT", article.journal if journal else ""),
        *((NOTICE_KINDS[n.kind], f"{n.citation} PMID: {n.pmid}".strip() if n.pmid else n.citation)
          for n in article.notices),
        *(("MH", mesh_line(h)) for h in article.mesh),
        ("PMC", article.pmcid),
        *(("OT", k) for k in article.keywords),
        ("AID", f"{article.doi} [doi]" if article.doi else ""),
        ("PST", "epublish" if article.online_only else ""),
        ("SO", medline_source(article)),
    ]
    # Most tags are empty for most records: asked no further.
    lines = [line for tag, value in tags if value for line in _field(tag, value)]
    if not article.pmid:
        # Zotero's MEDLINE/nbib translator takes a file only when it starts "PMID- " (its detectImport), and
        # EndNote's PubMed filter starts a record there: a record without a PMID starts with the tag alone.
        lines.insert(0, _NO_PMID)
    return "\n".join(lines) + "\n"


_NO_PMID = "PMID- "
"""The first line of a record that has no PMID: the tag, with no value after it."""
