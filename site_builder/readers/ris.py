"""Reader for RIS (Zotero, Scopus, Embase, Ovid, Lens, ProQuest exports) and Web of Science tagged files.

A RIS sample (a record runs from ``TY`` to ``ER``; a tag may repeat; a line without a tag continues the value
above it, one value per line, as Rayyan writes keywords and Scopus its references)::

    TY  - JOUR
    TI  - The importance of cognitive flexibility … in inflammatory bowel disease patients …
    AU  - Rudnik, Agata
    AU  - Piotrowicz, Grazyna
    T2  - Przeglad gastroenterologiczny
    DA  - 2019///
    PY  - 2019
    DO  - 10.5114/pg.2018.81081
    J2  - Prz Gastroenterol
    LA  - eng
    KW  - biological treatment
    ER  -

Web of Science "tagged" (``.ciw``, often saved as ``.ris``) has one space after the tag and three before a
continuation; records run from ``PT`` to ``ER`` between the file's ``FN``/``VR`` head and ``EF``::

    FN Clarivate Analytics Web of Science
    VR 1.0
    PT J
    AU Parkes-Loach, PS
       Majeed, AP
    TI Interactions stabilizing the structure of the core light-harvesting
       complex (LHl) of photosynthetic bacteria and its subunit (B820)
    ER

PubMed's and PubMed Central's RIS give the PMID and PMC id in user fields: ``U1  - 23690738[pmid]``,
``U2  - PMC4756000[pmcid]``.

Web of Knowledge wrote its other databases' records in the same form: MEDLINE's (``UT MEDLINE:16842170``, all
authors on one ``AU`` line) and Inspec's (``UT INSPEC:9027814``: all its indexing in ``DE``, the article's
identifiers in ``ID``, a subscript written ``/sub 2/``).

Writers differ in the separator: besides "TY  - " (two spaces, hyphen, space) some write one space or a tab
before the hyphen, or none after it ("TY - JOUR", "AU\t-\tSmith", "AU  -Smith"). A file's ``TY`` line tells
its separator: a line with that separator is a tag line, whatever the tag; in a file written with a loose one,
another loose separator is taken for a tag of the RIS specification only. In a file of "TY  - " lines only
"XX  - " starts a field, so that a continuation line such as "T2 - weighted images …" stays text.

Ovid's RIS export numbers its records and follows each with links::

    1.
    TY  - JOUR
    …
    ER  -
    NL  - Clin Psychol Psychother

    Link to the Ovid Full Text or citation: https://…

Web of Science's "tab-delimited" export holds the same fields: a header row of their tags, then a record a row,
the names of a list joined by "; " where the tagged format gives a line each. Its records read as the tagged
format's.

Tag lines right after an ``ER`` (Ovid's ``NL``) belong to the record that ended, and so does free text after it
(a field ``text after ER``); a record's number ("2.") and other text before a record are its preamble. Both
dialects give Records of format ``ris``; ``to_article`` tells them apart by their first tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import (
    CONTAINED_KINDS,
    LEGAL_KINDS,
    PERIODICAL_KINDS,
    RETRACTED_TYPE,
    RIS_A4_NOT_TRANSLATORS,
    RIS_SERIES_EDITOR_KINDS,
    UNTITLED,
    Article,
    Field,
    Notice,
    OtherAbstract,
    Person,
    Record,
    Section,
)
from ..model.normalize import (
    PARTICLES,
    clean,
    generation_apart,
    name_key,
    parse_person,
    person_in_reading_order,
    unique,
    unique_folded,
    written_given_first,
)
from ..model.sections import abstract_word, heading_language, split_heading_lines, split_lay_summary, split_running
from . import shared, tables, xmltree
from .catalogue import split_lines

FORMAT = "ris"


@dataclass(frozen=True, slots=True)
class _Dialect:
    tag: Callable[[str], tuple[str, str] | None]
    """(tag, value) of a tag line, else None."""
    start: str
    continuation: str
    """What a continuation line starts with, removed from its value ("" keeps the line as it is)."""
    file_tags: frozenset[str] = frozenset()
    """Tags of the file's own head and end, outside any record."""


# APA PsycNET writes tags longer than two letters ("PMID  - 33355555", "DESCRIPTORS  - *Memory; …") among the
# others: with the two spaces and the hyphen they start a field too, not the last field's next line.
_RIS_LINE = re.compile(r"([A-Z][A-Z0-9]|[A-Z]{3,16})  -(?: (.*)|\s*)\Z")
_LOOSE_RIS_LINE = re.compile(r"([A-Z][A-Z0-9])(?: {1,2}|\t| \t)-(?:[ \t](.*)|(\S.*))?\Z")
# The tags of the RIS specification (and Ovid's NL): the only ones a loose separator is taken for.
_RIS_TAGS = frozenset({"TY", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2", "C3", "C4",
    "C5", "C6", "C7", "C8", "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DI", "DO", "DP", "ED", "EP", "ER", "ET", "ID",
    "IS", "J1", "J2", "JA", "JF", "JO", "KW", "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2", "M3", "N1", "N2",
    "NL", "NV", "OP", "PB", "PP", "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1", "T2", "T3", "TA", "TI", "TT",
    "U1", "U2", "U3", "U4", "U5", "UR", "VL", "VO", "Y1", "Y2"})
_WOS_LINE = re.compile(r"([A-Z][A-Z0-9])(?:[ \t](.*))?\Z")


def _ris_tag(line: str) -> tuple[str, str] | None:
    m = _RIS_LINE.match(line)
    return (m.group(1), m.group(2) or "") if m else None


def _loose_ris_tag(separator: str) -> Callable[[str], tuple[str, str] | None]:
    """Tag lines of a file whose TY line has ``separator`` ("TY - JOUR")."""
    own = re.compile(r"([A-Z][A-Z0-9])" + re.escape(separator) + r"(.*)\Z")

    def tag(line: str) -> tuple[str, str] | None:
        if m := own.match(line) or _RIS_LINE.match(line):
            return m.group(1), m.group(2) or ""
        if (m := _LOOSE_RIS_LINE.match(line)) and m.group(1) in _RIS_TAGS:
            return m.group(1), m.group(2) or m.group(3) or ""
        return None

    return tag


def _wos_tag(line: str) -> tuple[str, str] | None:
    m = _WOS_LINE.match(line)
    return (m.group(1), m.group(2) or "") if m else None


_RIS = _Dialect(_ris_tag, "TY", "")
_WOS = _Dialect(_wos_tag, "PT", "   ", frozenset({"FN", "VR", "EF"}))
AFTER_END = "text after ER"
"""The field that keeps free text following a record's ``ER`` (Ovid's links to the full text)."""

_SNIFF_RIS = re.compile(r"^TY(?P<separator>(?: {1,2}|\t| \t)-[ \t]*)(?=\S|$)", re.M)
_RECORD_NUMBER = re.compile(r"\s*\d+\.\s*\Z")
_HEAD = re.compile(r"Record #\d+ of \d+\s*\Z|Provider: ")
"""The first line of the head a record has of its own in the Cochrane Library's, JSTOR's and APA PsycNET's
exports ("Record #4 of 18", "Provider: JSTOR http://www.jstor.org"): it opens the next record."""
_SNIFF_WOS = re.compile(r"\A\ufeff?\s*(?:FN |PT [A-Z]\r?$)", re.M)


_SNIFF_WOS_TABS = re.compile(r"\APT\tAU\t")


def sniff(head: str) -> bool:
    """Does the start of a file look like RIS (a ``TY  - `` line, or ``TY - ``…) or Web of Science tagged or
    tab-delimited?"""
    head = head.removeprefix("\ufeff")
    return bool(_SNIFF_RIS.search(head) or _SNIFF_WOS.match(head) or _SNIFF_WOS_TABS.match(head))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in one RIS or Web of Science file, and the problems found."""
    text = text.removeprefix("\ufeff")
    if _SNIFF_WOS_TABS.match(text):
        return _read_tab_delimited(text, path)
    ty = _SNIFF_RIS.search(text)
    if ty is None and _SNIFF_WOS.match(text):
        dialect = _WOS
    elif ty is None or ty.group("separator") == "  - ":
        dialect = _RIS
    else:
        dialect = _Dialect(_loose_ris_tag(ty.group("separator")), "TY", "")
    reader = _Reader(path, dialect)
    for number, line in enumerate(split_lines(text), start=1):
        reader.feed(number, line)
    return reader.finish()


_WOS_LISTS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR"})
"""The fields that Web of Science's tagged format gives a line per name (or cited work), and its tab-delimited
export joins with "; "."""


def _read_tab_delimited(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Web of Science's tab-delimited export, each row a record of the tagged format."""
    lines = split_lines(text)
    header = [clean(tag) for tag in lines[0].split("\t")]
    rows = (tables.Row(number, cells, [number] * len(cells))
            for number, cells in ((number, line.split("\t")) for number, line in enumerate(lines[1:], start=2)))
    return tagged_rows(header, rows, path)


def tagged_rows(header: list[str], rows: Iterable[tables.Row], path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Web of Science's tab-delimited rows under a header of its tags, each a record of the tagged format (a
    workbook's too: the same export saved from Excel, "web_of_science_results.xlsx")."""
    records: list[Record] = []
    problems: list[Diagnostic] = []
    for row in rows:
        cells, number = row.values, row.line
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, number), f"the row has {len(cells)} "
                                       f"columns and the header {len(header)}; the columns past the header's were "
                                       "left out"))
        fields = [Field(tag, tuple(v.strip() for v in cell.split("; ")) if tag in _WOS_LISTS else (cell,), number)
                  for tag, cell in zip(header, cells, strict=False) if tag and cell.strip()]
        # PT first, as the tagged format has it and to_article knows its records by: a workbook's columns may have
        # been sorted (laibaayoub/Bibliometric-Dashboard's savedrecs.xlsx: AB, AF, AR, AU, …, PT, …)
        fields.sort(key=lambda field: field.name != "PT")
        records.append(Record(FORMAT, SourceSpan(path, number), tuple(fields)))
    return records, problems


WOS_TABS = tables.Layout(FORMAT, "Web of Science tab-delimited", frozenset({"PT", "AU", "TI", "SO", "UT"}),
                         rows_read=tagged_rows)
"""Web of Science's tab-delimited export as a workbook's sheet (its text is read by ``read``)."""


class _Reader:
    """The line-by-line state of one file: the record being read and the text between records."""

    def __init__(self, path: str, dialect: _Dialect) -> None:
        self.path, self.dialect = path, dialect
        self.records: list[Record] = []
        self.diagnostics: list[Diagnostic] = []
        self.fields: list[tuple[str, list[str], int]] | None = None
        self.start = 0
        self.ended_at = 0
        """Line of the last ``ER`` while only tag lines have followed it, else 0."""
        self.pending: list[tuple[int, str]] = []
        self.orphans = False
        """Whether the text since the last record holds tag lines already reported."""
        self.after_end = False
        """Whether everything since the last ``ER`` was tag lines, blank lines or free text (no record number)."""

    def feed(self, number: int, line: str) -> None:
        tagged = self.dialect.tag(line)
        if tagged and tagged[0] not in self.dialect.file_tags:
            self._tag(number, *tagged, line)
        elif not line.strip():
            self.ended_at = 0
        elif self.fields and not tagged:  # Web of Science's three spaces before it may be lost (BIOSIS's export)
            self.fields[-1][1].append(line.removeprefix(self.dialect.continuation))
        elif tagged and tagged[0] == "EF":
            pass
        elif self.after_end and not self.pending and not _RECORD_NUMBER.match(line) and not _HEAD.match(line):
            self._append_to_last(AFTER_END, line, number)
        else:
            self.pending.append((number, line))
            self.ended_at = 0
            self.after_end = False

    def _tag(self, number: int, tag: str, value: str, line: str) -> None:
        if tag == self.dialect.start:
            if self.fields is not None:
                self._error(self.start, f"the record has no 'ER' line before the next record starts at line "
                                        f"{number}; it was read up to there")
                self._close()
            self.fields, self.start, self.orphans, self.after_end = [], number, False, False
            self.fields.append((tag, [value], number))
        elif tag == "ER":
            if self.fields is None:
                self._warn(number, "an 'ER' line with no record open (no 'TY' line before it); ignored")
            else:
                self._close()
                self.ended_at, self.after_end = number, True
        elif self.fields is not None:
            self.fields.append((tag, [value], number))
        elif self.ended_at and self.records and not self.records[-1].values(tag):
            self._append_to_last(tag, value, number)
        else:
            self._orphan(number, line, tag)

    def _orphan(self, number: int, line: str, tag: str) -> None:
        """A tag line outside any record: most likely a record whose first line is missing (one error a run)."""
        if not self.orphans:
            self._error(number, f"a '{tag}' line outside any record (a record starts with a "
                                f"'{self.dialect.start}' line); this text was not read as a record")
        self.orphans = True
        self.pending.append((number, line))
        self.ended_at = 0
        self.after_end = False

    def _append_to_last(self, tag: str, value: str, number: int) -> None:
        """A line after the last record's ``ER``: a tag the record lacks, or free text (one field for all of it)."""
        last = self.records[-1]
        fields = last.fields
        if tag == AFTER_END and fields[-1].name == AFTER_END:
            fields = (*fields[:-1], Field(AFTER_END, (*fields[-1].values, value), fields[-1].line))
        else:
            fields = (*fields, Field(tag, (value,), number))
        self.records[-1] = Record(last.format, last.where, fields, last.preamble)

    def _close(self) -> None:
        assert self.fields is not None
        fields = tuple(Field(tag, tuple(values), line) for tag, values, line in self.fields)
        preamble = tuple(line for _, line in self.pending)
        self.records.append(Record(FORMAT, SourceSpan(self.path, self.start), fields, preamble))
        self.fields, self.pending = None, []

    def finish(self) -> tuple[list[Record], list[Diagnostic]]:
        if self.fields is not None:
            self._error(self.start, "the last record has no 'ER' line; it was read to the end of the file")
            self._close()
        if self.pending:
            self._warn(self.pending[0][0], "text after the last record was not read as part of any record")
        if not self.records and not self.diagnostics:
            self._error(1, f"no records: a record starts with a '{self.dialect.start}' line")
        return self.records, self.diagnostics

    def _error(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(self.path, line), message))

    def _warn(self, line: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.WARNING, SourceSpan(self.path, line), message))


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,4}")
_FAMILY_THEN_SPACED_INITIALS = re.compile(r"([^\W\d_][^\s,]*)((?: [A-Z]\.?){2,4})")


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one RIS or Web of Science record."""
    wos = bool(record.fields) and record.fields[0].name == "PT"
    article = _wos_article(record) if wos else _ris_article(record)
    problems = []
    if shared.not_an_issue(article.issue):  # Covidence's export of Embase records: the authors' addresses in IS
        problems.append(Diagnostic(Level.WARNING, SourceSpan(record.where.path, record.line_of("IS")), (
            f"IS holds text that is no issue number ({article.issue[:60]!r}…: an address, a reference?); shown in "
            "the full record only")))
        article = replace(article, issue="")
    if not article.title:
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   "record has no title (TI, T1 or ST); shown as 'Untitled record'"))
        article = replace(article, title=UNTITLED)
    return article, problems


# What a RIS type (TY) or a Web of Science document type (DT) says the work is, in CSL's words (Article.kind; ""
# a journal article). Every type of the RIS specification (Reference Manager's list of 2011), EndNote's WEB,
# Zotero's spellings GRNT and UNPD, and the MISC that BibTeX converters write; an unknown type reads as a journal
# article, as Zotero reads it. Where CSL has no type of the same name, as Zotero's RIS translator reads it (an
# equation or a grant a generic work, a serial a book, a government document a report, a slide show a talk,
# online multimedia a video), except: a chart is a figure, an aggregated database a data set, a catalogue a
# generic work, an unenacted bill a bill, and an article in press (INPR) a journal article.
_RIS_KINDS = {
    "ABST": "", "ADVS": "motion_picture", "AGGR": "dataset", "ANCIENT": "classic", "ART": "graphic",
    "BILL": "bill", "BLOG": "post-weblog", "BOOK": "book", "CASE": "legal_case", "CHAP": "chapter",
    "CHART": "figure", "CLSWK": "classic", "COMP": "software", "CONF": "paper-conference",
    "CPAPER": "paper-conference", "CTLG": "document", "DATA": "dataset", "DBASE": "dataset",
    "DICT": "entry-dictionary", "EBOOK": "book", "ECHAP": "chapter", "EDBOOK": "book", "EJOUR": "",
    "ELEC": "webpage", "ENCYC": "entry-encyclopedia", "EQUA": "document", "FIGURE": "figure", "GEN": "document",
    "GOVDOC": "report", "GRANT": "document", "GRNT": "document", "HEAR": "hearing",
    "ICOMM": "personal_communication", "INPR": "", "JFULL": "periodical", "JOUR": "", "LEGAL": "regulation",
    "MANSCPT": "manuscript", "MAP": "map", "MGZN": "article-magazine", "MISC": "document",
    "MPCT": "motion_picture", "MULTI": "motion_picture", "MUSIC": "musical_score", "NEWS": "article-newspaper",
    "PAMP": "pamphlet", "PAT": "patent", "PCOMM": "personal_communication", "RPRT": "report", "SER": "book",
    "SLIDE": "speech", "SOUND": "song", "STAND": "standard", "STAT": "legislation", "THES": "thesis",
    "UNBILL": "bill", "UNPB": "manuscript", "UNPD": "manuscript", "VIDEO": "motion_picture", "WEB": "webpage",
}
_GENERIC = frozenset({"GEN", "MISC"})
"""Types that say nothing of the work: such a record that names a journal is read as a journal article, as
Zotero reads every GEN (Rayyan writes a journal's erratum so, Lens a preprint in arXiv's "journal")."""
_JOURNAL_TAGS = ("JF", "JO", "J2", "JA", "J1")
"""The tags that name only a journal (T2 names a case's reporter, a chapter's book)."""


def _ris_kind(tags: _Tags) -> str:
    ty = clean(tags.first("TY")).upper()
    if ty in _GENERIC and tags.text("T2", *_JOURNAL_TAGS):
        return ""
    if ty == "CASE" and tags.text(*_JOURNAL_TAGS):
        return ""  # a case study in a journal: CINAHL's "Case Study" articles come out of Rayyan as CASE
    return _RIS_KINDS.get(ty, "")


_CENTRAL_PUBMED = re.compile(r"PUBMED (\d{1,8})")


def _ris_article(record: Record) -> Article:
    tags = _Tags(record)
    kind = _ris_kind(tags)
    # JI, J9: Web of Science's RIS export writes its own tags beside RIS's (PU, PI, JI, J9, LA, WE, …)
    abbrev = tags.text("J2", "JA", "J1", "NL", "JI", "J9")
    # Zotero writes a title's rich text (<i>, <sub>) as it holds it: its styles (shared.styled_text).
    title, title_styles = shared.styled_text(tags.text("TI", "T1", "CT", "BT", "ST"))
    # Web of Science's RIS export, as its tagged one, ends a retracted article's title with its note of it
    title, retraction = wos_retraction(title, []) if _from_web_of_science(tags) else (title, ())
    if kind == "thesis" and not tags.text("TI"):  # EndNote's export writes TI, and in T2 the department
        title = _with_subtitle(title, clean(shared.strip_tags(tags.text("T2"))))
    if kind in CONTAINED_KINDS or (kind not in PERIODICAL_KINDS and shared.same_title(tags.text("T2"), title)):
        # J2 then abbreviates the book or proceedings that holds the work, or (Scopus) the book itself: no series
        abbrev = "" if tags.text("T2", "BT") else abbrev
    # A chapter's or a paper's series (T3, as the RIS specification and our export write it) is its journal.
    if kind in CONTAINED_KINDS:
        container = tags.text("T2", "BT")
        journal = _series(tags, container) or abbrev
    elif kind in PERIODICAL_KINDS or kind in LEGAL_KINDS:  # T2: the journal, magazine, website, reporter, code
        # EBSCOhost names the journal in JO and JF, and writes in T2 a title of the article's (its title in
        # English: "T1  - État de la connaissance …", "T2  - State of knowledge …"), as Zotero's EBSCOhost
        # translator reads it
        # Embase.com's export writes the journal in JF and the title in another language in T2; ScienceDirect's
        # the journal in JO and the title of a special issue or of the issue's section in T2
        journal_tags = ("JF", "JO", "T2") if (
            _from_ebscohost(tags) or _embase_original_title(tags) or _from_sciencedirect(tags)) else (
            "T2", "JF", "JO")
        journal, container = tags.text(*journal_tags) or abbrev, ""
        abbrev = abbrev or _abbreviation_in_jo(tags)
    else:
        journal, container = tags.text("JF", "JO", "T3") or abbrev, ""
    urls = [url for tag in ("UR", "L2", "LK", "L1") for value in tags.all(tag) for url in _urls(value)]
    urls.extend(tags.journal_addresses)
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    doi = ids.doi_field(tags.first("DO")) or ids.doi_from(tags.first("M3")) or _note_doi(tags) or _related_doi(
        tags) or url_doi
    # Embase gives the PMID of a record that MEDLINE holds too in C5 ("DB  - Medline" beside "DB  - Embase"), and
    # of a MEDLINE record its search found ("DB  - Medline" alone, the record's embase.com link in UR).
    embase_pmid = ids.pmid_from(tags.first("C5")) if _from_embase(tags) else ""
    # The Cochrane Library's CENTRAL records give the PMID of a trial's PubMed record in C3: "PUBMED 21314913",
    # "PUBMED 38407106,EMBASE 643589775".
    central_pmid = next((m[1] for value in tags.all("C3") for part in value.split(",")
                         if (m := _CENTRAL_PUBMED.fullmatch(clean(part)))), "")
    pmid = ids.pmid_from(tags.first("C2")) or ids.pmid_from(tags.first("PMID")) or embase_pmid or central_pmid or (
        url_pmid or ids.pubmed_accession(tags.first("AN"), tags.all("DP", "DB"))) or ids.pmid_from(
        _ncbi_id(tags, "pmid")) or _ovid_medline_pmid(urls)
    pmc = ids.pmcid_from(tags.first("C2")) if "PMC" in tags.first("C2").upper() else (
        url_pmc or ids.pmcid_from(_ncbi_id(tags, "pmcid")))
    abstract_lines = [shared.strip_tags(line) for line in tags.lines("AB", "N2")]
    ovid = _from_ovid(tags)
    if ovid:
        abstract_lines = [part for line in abstract_lines for part in _OVID_SECTION_JOIN.split(line)]
    if shared.has_headings(marked := "\n".join(tags.lines("AB", "N2"))):  # Europe PMC's <h4>Background</h4>
        lay, abstract, rights = shared.abstract(marked)
    else:
        lay, abstract, rights = _abstract(_unbracketed(abstract_lines) if _from_jstor(tags) else abstract_lines,
                                          running=_runs_headings(tags))
    if "ERIC" in tags.all("DB"):  # Ovid's RIS of ERIC: "… geological records. (MVL)", its abstractor's initials
        abstract = shared.without_eric_abstractor(abstract)
    when = _published(tags)
    alone = kind not in PERIODICAL_KINDS
    if not rights and _from_jstor(tags):  # JSTOR's older exports: "CR  - Copyright &#169; 2005 Hypatia, Inc."
        rights = shared.unescape(tags.text("CR"))
    if not rights:  # EBSCOhost's notice on the rights in an AB of its own, after the abstract's
        rights = next((notice for lines in tags.by_tag.get("AB", [])[1:]
                       if shared.EBSCO_NOTICE.fullmatch(notice := clean(" ".join(lines)))), "")
    issns, isbns = ids.issns_and_isbns(tags.all("SN"), book=alone)  # SN: "ISSN/ISBN" (the specification)
    authors, et_al = _authors(tags)
    return Article(
        id=shared.article_id(pmc, pmid, doi, tags.first("AN") or tags.first("ID"), title, FORMAT),
        title=title,
        title_styles=title_styles,
        authors=authors, et_al=et_al,
        journal=journal, journal_abbrev=abbrev, kind=kind, container=container,
        editors=tuple(_contributor(name) for name in tags.all(*_editor_tags(kind)) if clean(name)),
        translators=_people(tags, "A4", person=_contributor) if kind in _TRANSLATED_KINDS else (),
        series_editors=_people(tags, "A3", person=_contributor) if kind in RIS_SERIES_EDITOR_KINDS else (),
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        publisher=tags.text("PB", "PU"),
        place=tags.text("CY", "PP", "PI") if alone else "",
        edition=tags.text("ET") if alone and kind not in _NO_EDITION_KINDS else "",
        languages=languages.parse(tags.all("LA")),
        topics=shared.review_topics(tags.all("M3")),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        links=shared.links(urls),
        volume=shared.volume(tags.text("VL", "VO")), issue=_issue(tags, ovid),
        pages=_pages(tags, kind),
        # C7 is a journal article's number (RIS: "Article Number"), which stands for its pages (e-journals).
        article_number=shared.page_range(tags.first("C7")) if _journal_article(tags) else "",
        keywords=shared.split_keywords(_keyword_lines(tags), commas=False),
        notices=retraction + shared.notices_from_notes([*tags.all("N1"), *(_ovid_medline_notes(tags) if ovid else ())]),
        records=(record,),
        # Scopus gives the title in the work's own language as ST (elsewhere RIS's short title)
        original_title=tags.text("ST") if "Scopus" in tags.all("DB") and not shared.same_title(
            tags.text("ST"), title) else _embase_original_title(tags),
        other_abstracts=_other_abstracts(tags),
        issns=issns, isbns=isbns,
        publication_types=_thesis_type(tags) if kind == "thesis" or _from_cochrane_library(tags) else _ovid_types(tags),
    )


_DOI_LABEL = re.compile(r"doi:\s*", re.I)


def _note_doi(tags: _Tags) -> str:
    """The DOI of a note that holds it and nothing else, as HighWire's RIS export writes it ("N1  - doi:
    10.1073/pnas.1114487109", PNAS, Science, Bioinformatics) and Nature's ("N1  - 10.1038/msb.2009.9")."""
    return next((value for value in (_DOI_LABEL.sub("", clean(v), count=1) for v in tags.all("N1"))
                 if ids.is_doi(value)), "")


def _related_doi(tags: _Tags) -> str:
    """The DOI that EBSCOhost's RIS export writes alone in L3 ("L3  - 10.1371/journal.pone.0298242"), the
    specification's "Related Records", as Zotero's EBSCOhost translator reads it; "" when L3 holds no bare DOI."""
    return next((value for value in (clean(v) for v in tags.all("L3")) if ids.is_doi(value)), "")


# Ovid's link to a record names its database and its accession number, which is the PMID in Ovid's MEDLINE
# databases: "med24" (a year's segment), "medl", "medp" (epub ahead of print), "pmnm" (PubMed not MEDLINE), "prem"
# (in process): "ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=39012781". PsycINFO's ("psyc21") are not PMIDs.
_OVID_MEDLINE_LINK = re.compile(
    r"ovid\.com/ovidweb\.cgi\?\S*[?&]D=(?:med[a-z]?\d*|pmnm\d*|prem\d*)&\S*?AN=(\d{1,8})(?!\w)")


def _ovid_medline_pmid(urls: list[str]) -> str:
    """The PMID of a record of Ovid's MEDLINE that names it only in its link to Ovid."""
    return next((m.group(1) for url in urls if (m := _OVID_MEDLINE_LINK.search(url))), "")


_NCBI_ID = re.compile(r"\s*(\w+)\s*\[(pmid|pmcid)\]\s*", re.I)
_NCBI_ID_TAGS = ("U1", "U2", "U3", "U4", "U5")


def _ncbi_id(tags: _Tags, kind: str) -> str:
    """A PMID or PMC id as PubMed's and PMC's RIS give them, in a user field: "U1  - 23690738[pmid]", "U2  -
    PMC4756000[pmcid]" (PMC's export names the PMID nowhere else)."""
    found = (m for value in tags.all(*_NCBI_ID_TAGS) if (m := _NCBI_ID.fullmatch(value)))
    return next((m.group(1) for m in found if m.group(2).casefold() == kind), "")


_DEPARTMENT = re.compile(r"\b(?:Department|Dept|Faculty|School|Institute|College|Division|Graduate|Program|"
                         r"Programme)\b", re.I)
"""Words that make a thesis's T2 its academic department (EndNote's "Academic Department") rather than the
subtitle Pure writes there."""


def _with_subtitle(title: str, subtitle: str) -> str:
    """A thesis's title with the subtitle Pure's RIS export writes in T2 ("T1  - Protein design", "T2  - methods for
    flexible backbones"), as a title page reads: after a colon, unless the title ends in its own punctuation. A T2
    that repeats the title or names a department is left to the full record, as is the T2 of a record whose title
    is in TI: EndNote's RIS export writes a thesis's "Academic Department" there ("T2  - Psychology")."""
    if not subtitle or not title or shared.same_title(subtitle, title) or _DEPARTMENT.search(subtitle):
        return title
    return f"{title} {subtitle}" if title[-1] in ":?!.;" else f"{title}: {subtitle}"


def _thesis_type(tags: _Tags) -> tuple[str, ...]:
    """What kind of thesis the record says the work is: M3, the specification's "Type of Work" ("Doctoral Thesis",
    Pure's "Doctoral Thesis (compilation)", Citavi's "Master's thesis"), kept as its publication type as EndNote's
    %9 is; not a DOI that M3 holds in ScienceDirect's exports. The Cochrane Library's M3 types every record so,
    several parted by semicolons: "Journal article; Conference proceeding", "Trial registry record", "Preprint"."""
    return unique_folded(value for v in tags.all("M3") for value in (clean(part) for part in v.split(";"))
                         if value and not ids.doi_from(value))


def _ovid_types(tags: _Tags) -> tuple[str, ...]:
    """The publication types Ovid's export writes in PT, each line as written: ERIC's "Journal Articles, Reports -
    Research", APA PsycInfo's "Journal, Peer Reviewed Journal". A one-letter PT is Web of Science's code of the
    kind of source ("J"), not a type."""
    return unique_folded(value for value in (clean(v) for v in tags.all("PT")) if len(value) > 1)


def _from_embase(tags: _Tags) -> bool:
    """Whether Embase exported the record: one of its own, or of MEDLINE's with the embase.com link in UR."""
    return "Embase" in tags.all("DB") or any("embase.com/" in url for url in tags.all("UR"))


def _embase_original_title(tags: _Tags) -> str:
    """The "Original Title" that Embase.com's RIS export (of Embase's records and of MEDLINE's) writes in T2 beside
    the journal in JF ("T1  - Epidemiological characteristics of …", "T2  - Características epidemiológicas de …",
    "JF  - Revista Mexicana de Urologia"); "" elsewhere (EndNote's RIS of an Embase record writes the journal in T2
    and no JF)."""
    other = tags.text("T2")
    if not other or not _from_embase(tags) or not tags.text("JF") or shared.same_title(other, tags.text("JF")):
        return ""
    return "" if shared.same_title(other, tags.text("TI", "T1")) else other


def _series(tags: _Tags, container: str) -> str:
    """The series of a chapter or a paper: JF, JO or T3 unless it repeats the book or proceedings (IEEE Xplore
    writes a conference paper's proceedings in T2, JO and JA alike); else a BT beside a T2 that names another
    title, as ScienceDirect writes a chapter of a series' volume ("BT  - Methods in Enzymology", "T2  - Methods in
    Protein Design")."""
    named = [tags.text(tag) for tag in ("JF", "JO", "T3")]
    if tags.text("T2"):
        named.append(tags.text("BT"))
    return next((title for title in named if title and not shared.same_title(title, container)), "")


def _urls(value: str) -> list[str]:
    """The urls of a UR (or L1, L2, LK) value: one, or several parted by spaces, as EPPI-Reviewer's and RefWorks'
    exports of Embase records give the Embase record's link, the DOI's and a library's in one UR."""
    parts = value.split()
    return parts if len(parts) > 1 and all(p.startswith(("http://", "https://")) for p in parts) else [value]


def _other_abstracts(tags: _Tags) -> tuple[OtherAbstract, ...]:
    """The ABs after the first: SciELO's abstract in the journal's other languages ("AB  - RESUMO A Mata Atlântica
    …"), its language named by its first word (``abstract_word``); of another export, only one that names it, or
    whose opening heading only one language writes (EBSCOhost's PsycInfo: "AB  - Objectif: L’objectif …")."""
    scielo = any(db.startswith("SciELO") for db in tags.all("DB"))
    found = (_other_abstract(lines, running=scielo, unnamed=scielo)
             for lines in [lines for lines in tags.by_tag.get("AB", []) if clean(" ".join(lines))][1:])
    return tuple(other for other in found if other)


def _other_abstract(lines: Iterable[str], running: bool, unnamed: bool) -> OtherAbstract | None:
    """An abstract in another language, named by its first word (``abstract_word``) or by an opening heading only
    one language writes; one that names none only if ``unnamed``; None for no text."""
    language, text = abstract_word("\n".join(shared.strip_tags(line) for line in lines))
    language = language or heading_language(text)
    if not language and not unnamed:
        return None
    return languages.abstract_in(language, _abstract(text.split("\n"), running=running)[1])


_EDITED_KINDS = CONTAINED_KINDS | {"book", "document", "periodical"}
"""The kinds whose A2 names editors: a chapter's or a paper's (the book's or the proceedings'), a book's, a generic
work's, a whole issue's (JFULL, as Zotero reads it). A2 is the "secondary author" of the RIS specification, an
editor; Scopus writes the editors of a book series' volume there, Zotero those of a chapter's book. Of other kinds
it names someone else (Zotero: a bill's sponsor, a talk's presenter, a letter's recipient); Ovid's PsycINFO export
lists cited authors in a journal article's A2."""


_TRANSLATED_KINDS = frozenset(_RIS_KINDS.values()) - PERIODICAL_KINDS - RIS_A4_NOT_TRANSLATORS
"""The kinds whose A4 names translators: not a periodical's article's either (Rayyan writes a CINAHL case study's
author there)."""

_NO_EDITION_KINDS = LEGAL_KINDS | {"hearing", "software", "dataset"}
"""The kinds whose ET is not an edition: a bill's or a hearing's session, a program's or a data set's version
(Zotero). A periodical's article has none either: EndNote writes its electronic publication date there."""


def _people(tags: _Tags, *names: str, person: Callable[[str], Person] | None = None) -> tuple[Person, ...]:
    return tuple(map(person or _person, _names(tags, *names)))


def _names(tags: _Tags, *names: str) -> list[str]:
    """The names the ``names`` tags give, one or more a line."""
    return [name for value in tags.all(*names) for name in map(_without_null, _one_or_more(value)) if clean(name)]


def _without_null(name: str) -> str:
    """A name without the parts Lens.org's RIS writes "null" for, the value its data lacks: "Sneha, null" (one
    name alone) is "Sneha", "The Lancet, null" (a journal as the author of its editorial) is "The Lancet", and
    "null, null" no name (CiteSource's Lens example)."""
    parts = [part.strip() for part in name.split(",")]
    return ", ".join(part for part in parts if part != "null") if "null" in parts else name


def _authors(tags: _Tags) -> tuple[tuple[Person, ...], bool]:
    """The authors, and whether the list ends in "et al.": a line of its own ("AU  - et al.", as MEDLINE writes
    one for a list it cut, and RIS writers that cut a long list copy) is no author, and one that ends the last
    author's line ("AU  - Smith, J., et al.") is no part of that author's name.

    A byline of several names that all read given name first, none with a comma, is read so, as an editor's name
    is (``_contributor``): CRC Press's RIS of a chapter writes "AU  - Catarina Barata", "AU  - JorgeS Marques"
    (JabRef's RisImporterTest3.ris), which were cited as groups' names. One such name alone may be a group's
    ("Cancer Research Campaign") and keeps its whole form."""
    names, et_al = shared.et_al_apart(name for name in _names(tags, "AU", "A1") if not _anonymous(name))
    given_first = len(names) > 1 and all(written_given_first(name) for name in names)
    return tuple((_contributor if given_first else _person)(name) for name in names), et_al


# The IEEE Computer Society's RIS export writes every keyword in one KW, parted by commas with no space
# ("KW  - Proteins,Linear programming,Amino acids,…", 10.1109/TCBB.2013.113 in the Kortemme lab's list,
# github.com/Kortemme-Lab/klab); a comma between digits is a chemical name's ("1,2-dichloroethane").
_BARE_COMMA = re.compile(r"(?<!\d),(?=\S)|(?<=\d),(?=[^\d\s])")


def _keyword_lines(tags: _Tags) -> list[str]:
    """The keywords of a record's KW lines ("*" marks Embase's major ones), one a line, or several in a record's only
    KW when it parts three or more with commas that no space follows (each a keyword then)."""
    lines = [k.lstrip("*") for k in tags.all("KW")]
    if len(lines) == 1 and ", " not in lines[0] and len(parts := _BARE_COMMA.split(lines[0])) >= 3:
        return parts
    return lines


def _anonymous(name: str) -> bool:
    """Web of Science's "[Anonymous]" for a work that names no author (its tagged and RIS exports): no author."""
    return clean(name).casefold() == "[anonymous]"


def _one_or_more(value: str) -> list[str]:
    """The names of one author line: one, or several that an export ran together with semicolons ("Smith, J.;
    Doe, K."), each written family first."""
    names = [name.strip() for name in value.split(";")]
    return names if len(names) > 1 and all("," in name for name in names if name) else [value]


def _editor_tags(kind: str) -> tuple[str, ...]:
    """The tags that name the editors of a work of ``kind`` (ED, the editor, for any work no periodical carries)."""
    if kind in PERIODICAL_KINDS:
        return ()
    return ("ED", "A2") if kind in _EDITED_KINDS else ("ED",)


class _Tags:
    """A record's values by tag: continuation lines are further values of their tag."""

    def __init__(self, record: Record) -> None:
        self.fields = record.fields
        self.by_tag: dict[str, list[tuple[str, ...]]] = {}
        for f in record.fields:
            self.by_tag.setdefault(f.name, []).append(f.values)
        # The Cochrane Library's CENTRAL record of a trial registry entry writes the entry's address where a
        # journal's name goes ("JA  - https://clinicaltrials.gov/show/NCT00392093"): a link, no journal.
        self.journal_addresses: list[str] = []
        for tag in _JOURNAL_TAGS:
            named = []
            for values in self.by_tag.pop(tag, []):
                if _is_address(joined := clean(" ".join(values))):
                    self.journal_addresses.append(joined)
                else:
                    named.append(values)
            if named:
                self.by_tag[tag] = named

    def all(self, *tags: str) -> list[str]:
        """Every non-blank value of any of ``tags``, in file order."""
        return [v for f in self.fields if f.name in tags for v in f.values if v.strip()]

    def first(self, tag: str) -> str:
        values = self.by_tag.get(tag)
        return values[0][0] if values and values[0] else ""

    def lines(self, *tags: str) -> list[str]:
        """The lines of the first of ``tags`` the record has with any text."""
        return next((list(self.by_tag[tag][0]) for tag in tags if clean(" ".join(self.by_tag.get(tag, [()])[0]))),
                    [])

    def text(self, *tags: str) -> str:
        """The first of ``tags`` the record has, its lines joined into one text."""
        for tag in tags:
            if tag in self.by_tag:
                joined = clean(shared.unescape(" ".join(self.by_tag[tag][0])))
                if joined:
                    return joined
        return ""


_PARTICLE = "|".join(sorted((p for p in PARTICLES if len(p) > 1), key=lambda word: (-len(word), word)))
_INITIALS_THEN_FAMILY = re.compile(
    rf"([A-Z]\.(?:\s?-?\s?[A-Z]\.){{0,3}})\s+((?:(?:(?i:{_PARTICLE})|y)\s+)*[^\s.,]+)")
"""IEEE Xplore's "M. D. Fox": dotted initials, then a family name of one word, with the particles before it
("R. F. da Silva", "C. De Graaf", "F. Di Natale" in IEEE Xplore's CSV; "y" only in lower case, as "Y" is an
initial)."""


def _person(name: str, orcid: str = "") -> Person:
    """ "Family, Given" as most exports write it; Embase's "Fanning E." (family, then initials) and IEEE's "M. D.
    Fox" (initials, then family) too."""
    name = clean(name)
    if "," not in name and (m := _INITIALS_THEN_FAMILY.fullmatch(name)):
        return Person(name=f"{m.group(2)}, {m.group(1)}", family=m.group(2), given=m.group(1), orcid=orcid)
    if "," not in name and (m := _FAMILY_THEN_SPACED_INITIALS.fullmatch(name)):  # EPPI-Reviewer's "Troiano L P"
        return Person(name=f"{m.group(1)}, {m.group(2).strip()}", family=m.group(1), given=m.group(2).strip(),
                      orcid=orcid)
    if "," not in name and " " in name:
        family, _, initials = name.rpartition(" ")
        # "Cancer Research UK" is a group: a family of several words needs dotted initials.
        if _INITIALS.fullmatch(initials) and (" " not in family or "." in initials):
            return _family_then_initials(family, initials, orcid)
    return parse_person(name, orcid)


def _family_then_initials(family: str, initials: str, orcid: str) -> Person:
    """Embase's "Fanning E.", and "Leslie Jr. D.M." with the generation after the family name, as Scopus writes
    "Leslie Jr., D.M." (``generation_apart``): D.M. Leslie Jr., whose family name is Leslie."""
    name = f"{family}, {initials}"
    family, suffix = generation_apart(family)
    return Person(name=name, family=family, given=initials, suffix=suffix, orcid=orcid)


def _contributor(name: str) -> Person:
    """An editor, a translator: as ``_person`` reads an author, and a name without a comma that reads as given
    name first (``written_given_first``) so: ScienceDirect writes a chapter's authors "Ollikainen, Noah" and its
    book's editor "Amy E. Keating" in the same record. An author's name is not read so, as it would make an author
    page of "Cancer Research" "Campaign"'s; an organisation's name stays whole."""
    person = _person(name)
    if not person.family and written_given_first(person.name):
        return person_in_reading_order(person.name)
    return person


def _pages(tags: _Tags, kind: str) -> str:
    """SP-EP (or a journal article's start page in SE, where EndNote writes an article number it holds as the
    start page: "SE  - 100005"); a thesis's SP alone is its number of pages
    ("SP  - 150", as EndNote's and ProQuest's exports write it), as is TRID's "146p": not where the work is, so no
    pages (the full record keeps it), as EndNote's %P of a thesis. A book's SP alone may be either (EndNote's number
    of pages, or Scopus's first page of a paper it types BOOK): kept as pages."""
    first, last = tags.first("SP"), tags.first("EP")
    if not clean(last) and (kind == "thesis" and clean(first).isdigit() or _EXTENT.fullmatch(clean(first))):
        return ""
    # EndNote's SE of a journal article (not of an electronic one: its epub date) when it is a page's number
    start = clean(tags.first("SE")) if tags.first("TY").strip() == "JOUR" else ""
    start = start if _START_PAGE.fullmatch(start) else ""
    # "SP  - 223", "EP  - +": Web of Science's pages that go on past the first to pages it does not list, as Zotero
    # and Web of Science's RIS write "223-+" (and the RIS download of a Web of Science tagged record)
    return shared.web_of_science_pages(first or (start if _journal_article(tags) else ""), last)


_START_PAGE = re.compile(r"[A-Za-z]*\d+[A-Za-z\d]*")
"""A page's or an article's number: "436", "100005", "e2506", "S12"."""


_EXTENT = re.compile(r"\d+\s*p(?:p|ages)?\.?", re.I)
"""A number of pages: "146p", "150 pp.", "327 pages"."""


def _journal_article(tags: _Tags) -> bool:
    return tags.first("TY").strip() in ("JOUR", "EJOUR")


def _from_web_of_science(tags: _Tags) -> bool:
    """A record of Web of Science's RIS export: its WE (the citation index) or its accession number."""
    return "WE" in tags.by_tag or clean(tags.first("AN")).startswith("WOS:")


def _runs_headings(tags: _Tags) -> bool:
    """A record of an export whose abstracts run their headings into the text without colons: Web of Science's,
    SciELO's ("DB  - SciELO Brazil": "ABSTRACT The Atlantic Forest …"), Lens.org's (its url: "Abstract
    Objectives The objective of the study …", Crossref's JATS headings flattened), the Cochrane Library's ("Abstract
    - Background Premature ovarian insufficiency … Objectives To investigate …", a CENTRAL record's "Background
    Systemic Lupus Erythematosus …")."""
    return (_from_web_of_science(tags) or any(db.startswith("SciELO") for db in tags.all("DB"))
            or any(url.startswith(("https://lens.org/", "https://www.lens.org/")) for url in tags.all("UR"))
            or _from_cochrane_library(tags))


_COCHRANE_REVIEW = re.compile(r"CD\d{6}")


def _from_cochrane_library(tags: _Tags) -> bool:
    """A record of the Cochrane Library's RIS export: a CENTRAL record links to its page there, a review (AN
    "CD008209") to its DOI in the Cochrane Database of Systematic Reviews."""
    return (any("cochranelibrary.com/" in url for url in tags.all("UR"))
            or (bool(_COCHRANE_REVIEW.fullmatch(clean(tags.first("AN"))))
                and ids.doi_field(tags.first("DO")).startswith("10.1002/14651858.")))


def _is_address(value: str) -> bool:
    return value.startswith(("http://", "https://")) and " " not in value


def _issue(tags: _Tags, ovid: bool) -> str:
    """IS, the issue; not where Ovid's export (``ovid``) of a MEDLINE record without one writes its journal's NLM
    ids there (the full record keeps them)."""
    issue = tags.text("IS")
    return "" if ovid and _NLM_JOURNAL_IDS.fullmatch(clean(issue)) else issue


_NLM_JOURNAL_IDS = re.compile(r"(?:[0-9a-z]{3}, )?(?:\d{7}|10\d{7})r?(?:, [0-9a-z]{3})?", re.I)
"""What Ovid's RIS export writes in IS for a MEDLINE record with no issue (an epub ahead of print, a journal
without issues): the journal's NLM unique id ("0372347", "101676033", "2985151r"), after or before its
three-character Ovid journal code ("uj0, 0330500", "9439514, b6e"). No issue is written so."""


def _from_ovid(tags: _Tags) -> bool:
    """A record of Ovid's RIS export: its database ("DB  - Ovid MEDLINE(R) <2021>"), or its link to Ovid."""
    return (any(db.startswith("Ovid") for db in tags.all("DB", "DP"))
            or any("ovid.com/" in url for url in tags.all("UR", "L2")))


# Ovid's RIS export runs a MEDLINE abstract's sections into one line, each after the last one's full stop and a
# comma: "… across multiple countries and territories., RESEARCH DESIGN AND METHODS: We collected …". The comma is
# Ovid's, not the abstract's: each section starts a line of its own, as PubMed gives it.
_OVID_SECTION_JOIN = re.compile(r"(?<=[.?!)\]]),\s+(?=[A-Z][^:.]{0,80}:\s)")


# Ovid's MEDLINE records, exported by Zotero, hold MEDLINE's comments and corrections in T3, each citation followed
# by its PubMed link in brackets: "Erratum in: Environ Sci Pollut Res Int. 2022 May;29(21):32303 PMID: 35389171
# [https://www.ncbi.nlm.nih.gov/pubmed/35389171]" (CiteSource's medline_84.ris).
_OVID_PUBMED_LINK = re.compile(r"\s*\[https?://www\.ncbi\.nlm\.nih\.gov/pubmed/\d+/?\]")


def _ovid_medline_notes(tags: _Tags) -> list[str]:
    """The T3 values of an Ovid record, without the PubMed links after their citations: MEDLINE's notices
    ("Erratum in: … PMID: 35389171") as the notes of the site's own downloads write them."""
    return [_OVID_PUBMED_LINK.sub("", value) for value in tags.all("T3")]


def _from_preprint_server(tags: _Tags) -> bool:
    """A record of bioRxiv's or medRxiv's RIS export, which names the server as the journal ("JF  - bioRxiv")."""
    return any(clean(name).casefold() in ("biorxiv", "medrxiv") for name in tags.all("JF", "JO", "T2"))


def _abbreviation_in_jo(tags: _Tags) -> str:
    """JO when it abbreviates the journal that JF names in full, as Embase's RIS export writes them ("JF  - World
    Journal of Gastroenterology", "JO  - World J. Gastroenterol.") and AIP's ("JF  - The Journal of Chemical
    Physics", "JO  - J. Chem. Phys."). Without JF, or the same as it, JO is the journal's name (ScienceDirect,
    IEEE Xplore, EBSCOhost)."""
    full, short = tags.text("JF"), tags.text("JO")  # cleaned as read
    return short if full and short and short.casefold() != full.casefold() else ""


def _from_ebscohost(tags: _Tags) -> bool:
    """A record of EBSCOhost's RIS export, or of a reference manager's that kept its provider ("DP  -
    EBSCOhost")."""
    return "EBSCOhost" in tags.all("DP")


def _from_sciencedirect(tags: _Tags) -> bool:
    """A record of ScienceDirect's RIS export, which links the article's page there ("UR  -
    http://www.sciencedirect.com/science/article/pii/S0014579308001257") and names its journal in JO."""
    return bool(tags.text("JO")) and any("sciencedirect.com/science/article/" in url for url in tags.all("UR"))


def _from_jstor(tags: _Tags) -> bool:
    """A record of JSTOR's RIS export: its DB, or its stable url."""
    return "JSTOR" in tags.all("DB") or any("jstor.org/stable/" in url for url in tags.all("UR"))


def _unbracketed(lines: list[str]) -> list[str]:
    """An abstract without the square brackets JSTOR puts around the whole of it ("[Twenty-nine … presented.]"),
    as Zotero's JSTOR translator reads it; brackets within it, or that close before its end, stay."""
    text = "\n".join(lines).strip()
    if not (text.startswith("[") and text.endswith("]")):
        return lines
    depth = 0
    for at, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0 and at < len(text) - 1:
            return lines
    return text[1:-1].split("\n")


def _published(tags: _Tags) -> dates.Published:
    """The date from PY, Y1 and DA (the most precise of those that agree on the year), and the electronic date
    of EndNote's journal articles, which it writes as ET ("2012/11/20"; ET is an edition in a book).

    Web of Science's RIS export writes its own PD in DA ("APR", "MAY-JUN", or the whole online date of an
    article not yet in an issue, "2024 MAR 4") and the early-access month in C6 ("MAR 2024").

    bioRxiv's and medRxiv's RIS export dates every preprint the first of January of its year ("Y1  - 2019/01/01"
    for one posted on 10 October 2019): the year alone is theirs."""
    if _from_preprint_server(tags) and (first_day := _ris_date(tags.first("Y1")).iso).endswith("-01-01"):
        return dates.published(dates.PrintedDate(first_day[:4]))
    year = _ris_date(tags.first("PY")).iso[:4]
    jstor = _jstor_date(tags)
    if jstor is not None and (jstor.iso[:4] == (year or _ris_date(tags.first("Y1")).iso[:4])):
        return dates.published(jstor)
    issued = clean(tags.first("DA"))
    if issued and _from_web_of_science(tags) and not _RIS_DATE.fullmatch(issued):
        found = shared.web_of_science_date(issued, year, tags.first("C6"))
        if found.date[:4] == year or not year:
            return found
    given = [_ris_date(v, year) for v in (tags.first("PY"), tags.first("Y1"), tags.first("DA"))]
    online = _online_before_issue(given[1].iso, given[2].iso, year)
    # its DA of an issue known by its month alone is the month's first day ("2004/03/01" for Biochemistry 43(9) of
    # 9 March 2004): the month, as Embase's first of a month is
    issue = given[2].iso.removesuffix("-01") if online else dates.most_precise(*(d.iso for d in given))
    printed = next((d.printed for d in given if d.printed and d.iso[:4] == issue[:4]), "")
    # A date's fourth part is free text: a date as printed ("2014/11//2014 Nov-Dec", "1999///Winter 1999"), or
    # junk ("2019/10//undefined").
    fourth = next((part for v in (tags.first("DA"), tags.first("PY"), tags.first("Y1")) if (part := _fourth_part(v))),
                  "")
    other = shared.printed_date(fourth)
    if not other.printed and len(_months(fourth)) > 1:  # EBSCOhost's "2020/04//Apr-Jun, 2020": the issue's months
        other = _printed_with_months(fourth)
    printed = printed or (other.printed if other.iso[:4] == issue[:4] and issue else "")
    epub = _electronic_date(tags.first("ET")) if tags.first("TY").strip() == "JOUR" else ""
    return dates.published(dates.PrintedDate(issue, printed), epub or online)


def _online_before_issue(primary: str, issued: str, year: str) -> str:
    """Y1 when it is the day an article went online before its issue's day in DA, as Atypon's RIS export (ACS,
    Mary Ann Liebert) writes them: "Y1  - 2013/08/07", "DA  - 2013/08/28" (JACS 135(34), the Kortemme lab's list,
    github.com/Kortemme-Lab/klab); "" when either is not a whole date, DA is not later, or PY names another year."""
    whole = len(primary) == len(issued) == len("2013-08-28")
    return primary if whole and primary < issued and (not year or issued[:4] == year) else ""


_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _electronic_date(text: str) -> str:
    """EndNote's ET of a journal article, its electronic date: "2012/11/20", or "20180327" as EndNote keeps
    PubMed's DEP from a PubMed import and writes it out again."""
    if m := _COMPACT_DATE.fullmatch(clean(text)):
        return dates.from_parts(*m.groups())
    return _ris_date(text).iso


def _fourth_part(date: str) -> str:
    """The free text after a RIS date's third slash ("Winter 1999" of "1999///Winter 1999")."""
    parts = clean(date).split("/", 3)
    return parts[3].strip() if len(parts) == 4 else ""


_JSTOR_LABEL = "Full publication date:"
_JSTOR_DATE = re.compile(r"(?P<rest>.*?)[\s,]*(?P<year>\d{4})")
_JSTOR_PART = re.compile(r"[A-Za-z]+\.?|\d+|[-/]")


def _jstor_date(tags: _Tags) -> dates.PrintedDate | None:
    """The date JSTOR prints for the issue ("Full publication date: Spring, 2005", "Mar. - Apr., 2003", "Oct.
    15, 1994"), read from its C1, or from the part of M1 that names it in its older exports; None when the record
    has none. JSTOR's other dates say less or more than it printed: PY the year alone, the older Y1 a first day
    of the month that the issue never named ("2005/04/01" for Spring 2005). A date whose words are no English
    month or season ("ottobre-dicembre 1982", "1st Qtr., 1990") gives its year."""
    for value in (*tags.all("C1"), *tags.all("M1")):
        for part in clean(value).split(" / "):
            if not part.startswith(_JSTOR_LABEL):
                continue
            m = _JSTOR_DATE.fullmatch(part.removeprefix(_JSTOR_LABEL).strip())
            if m is None:
                return None
            words = _JSTOR_PART.findall(m.group("rest"))
            if "".join(words) != re.sub(r"[\s,]", "", m.group("rest")) or not all(map(_jstor_word, words)):
                return dates.PrintedDate(m.group("year"))
            # "Nov.", "November/December" and "Mar. - Apr." as PubMed prints a period: "Nov", "Nov-Dec"
            rest = " ".join(w.rstrip(".") for w in words).replace(" - ", "-").replace(" / ", "-")
            return dates.read_printed(f"{m.group('year')} {rest}".strip())
    return None


def _jstor_word(word: str) -> bool:
    """A month, a season, a day or a dash of a date JSTOR printed."""
    return word in "-/" or (word.isdigit() and len(word) <= 2) or bool(dates.month_number(word)) or bool(
        dates.season_name(word))


_RIS_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2}|[A-Za-z]+\.?)?(?:[/-](\d{1,2})?(?:/.*)?)?)?")
_MONTH_DAY = re.compile(r"([A-Za-z]+\.?)(?:\s+(\d{1,2}))?")
_YEAR_SLASH_WORDS = re.compile(r"(\d{4})/([A-Za-z][A-Za-z. -]*?)/*")


def _ris_date(text: str, year: str = "") -> dates.PrintedDate:
    """A date as RIS writes it, "2019/10/05", "2019/10//", "2019///", "2020//" or "2015/october" (its fourth
    part, free text, is read apart); a printed date, "2019 Dec", "2014 Nov-Dec" (kept as printed), or ISO text;
    IEEE Xplore's "Dec. 2010" is that month; EndNote's "Nov" or "Apr 15" (a DA without its year) is a date in
    ``year``. Any other text that holds a year ("12/05/2019", month and day in an order it does not say) gives
    that year, and is kept as printed."""
    text = clean(text)
    if not text:
        return dates.PrintedDate("")
    m = _RIS_DATE.fullmatch(text)
    if m and (not m.group(2) or m.group(2).isdigit() or dates.month_number(m.group(2))):
        return dates.PrintedDate(dates.from_parts(m.group(1), m.group(2) or "", m.group(3) or ""))
    if words := _YEAR_SLASH_WORDS.fullmatch(text):  # "2020/Jan-Feb//": its month part a printed period
        text = f"{words.group(1)} {words.group(2)}"
    if shared.year_first(month_year := shared.year_then_month(text)):  # "2019 Dec", IEEE Xplore's "Dec. 2010"
        printed = dates.read_printed(month_year)
        if printed.iso:
            return printed
    m = _MONTH_DAY.fullmatch(text)
    if m and year and dates.month_number(m.group(1)):
        return dates.PrintedDate(dates.from_parts(year, m.group(1), m.group(2) or ""))
    if year and _PERIOD_WITHOUT_YEAR.fullmatch(text) and all(
            dates.month_number(w) or dates.season_name(w) for w in _WORD.findall(text)):
        # EndNote's DA of PubMed's DP "2009 Sep-Oct" is "Sep-Oct", its year in PY: the period in that year
        return dates.read_printed(f"{year} {text}")
    return _printed_with_months(text)


_PERIOD_WITHOUT_YEAR = re.compile(r"[A-Za-z]+\.?(?:\s*[-/]\s*[A-Za-z]+\.?)?")


_WORD = re.compile(r"[A-Za-z]+")
_DAY_RANGE = re.compile(r"\d\s*[-–]|[-–]\s*\d")


def _months(text: str) -> list[int]:
    """The months a text names, in its order."""
    return [n for word in _WORD.findall(text) if (n := dates.month_number(word))]


def _printed_with_months(text: str) -> dates.PrintedDate:
    """The year a text names; a text that names months beside it too is kept as printed, as IEEE Xplore prints
    an issue's date ("Mar.-Apr. 2015", "1 Jan.-Feb. 2019", "1 Feb.1, 2015"), the date then the first month's, or a
    conference's days ("31 May-3 June 2016"), the date then the year alone (the days are the meeting's)."""
    found = dates.read_year(text)
    months = _months(text)
    if not found.iso or found.printed:
        return found
    if not months:
        return shared.year_with_words(text)  # "Summer-Fall 2009", "1st Quarter 2010": kept as printed too
    return dates.PrintedDate(found.iso if _DAY_RANGE.search(text) else dates.from_parts(found.iso, months[0]), text)



def _abstract(lines: list[str], running: bool = False) -> tuple[tuple[Section, ...], tuple[Section, ...], str]:
    """Lay summary, abstract sections and the copyright line split from the abstract's end.

    The abstract comes line by line, a heading may have a line of its own (Lens); Web of Science also runs its
    headings into the text without a colon (``running``).
    """
    body, rights = shared.split_copyright("\n".join(lines))
    # The word that headed Crossref's JATS abstract, flattened into the text: "Abstract Objectives The objective …"
    # (Lens), "Abstract Orthoconic cephalopods are …" (OpenAlex's RIS export, as its CSV export, which the table
    # readers read without it)
    body = shared.ABSTRACT_WORD.sub("", body)
    parts = split_running(body) if running else split_heading_lines(body.split("\n"))
    lay, abstract = split_lay_summary(parts)
    return lay, abstract, rights


_AUTHOR_EMAIL = re.compile(r"\s*\(\s*[^()\s@]+@[^()\s]+\s*\)\s*\Z")
"""BIOSIS's author line ends with the author's address: "Medvedeff, Cassandra A. (medvedeff22@ufl.edu)"."""


def _wos_pages(tags: _Tags) -> str:
    """The page range of BP and EP, else PS (the article number is AR's)."""
    first = shared.web_of_science_number(tags.first("BP"))
    # Inspec numbers the pages of an article within it: "BP 41103-1", "EP 41103-41103-3" (Applied Physics Letters'
    # article 041103, three pages), which read as the one page "41103-1"; its PS "41103-1-3" prints the span
    if "-" in clean(first) and (span := shared.page_range(tags.first("PS"))):
        return span
    # PS: the page span of CABI's and BIOSIS's exports ("PS 170", "PS 221-230"), some without BP and EP
    return shared.web_of_science_pages(first, tags.first("EP")) or shared.page_range(tags.first("PS"))


def _wos_author_tags(tags: _Tags) -> tuple[str, str]:
    """The tags of the authors' full and short names: AF and AU, or, for a chapter of a book that one author
    wrote whole, BF and BA (its "Book Author(s)"), which Web of Science gives instead (ScientoPy's export of
    "Bluetooth Low Energy-Fundamentals", a chapter of N. Gupta's "Inside Bluetooth Low Energy": no AU, "BA
    Gupta, N")."""
    if tags.all("AF") or tags.all("AU"):
        return "AF", "AU"
    return "BF", "BA"


def _families_by_short_names(people: tuple[Person, ...], abbreviated: list[str]) -> tuple[Person, ...]:
    """Web of Science's full names without a comma, read by the short names beside them: AF "Ouyang Hua-bing" is
    AU "Ouyang, HB", family name Ouyang, given name Hua-bing (Chinese names in Energy Procedia's records, which
    the page showed whole, with no family name to cite or sort by); AF "Dung Chi Vu", given name first, is AU "Vu,
    DC". A name that neither starts nor ends with the short name's family name, or whose given name does not start
    with its first initial, is left as written."""
    if len(abbreviated) != len(people):
        return people
    return tuple(_family_by_short_name(person, short) for person, short in zip(people, abbreviated, strict=True))


def _family_by_short_name(person: Person, short: str) -> Person:
    """``person`` with the family name its short name ("Vu, DC") says it has, when its full name has no comma."""
    family, comma, initials = clean(short).partition(",")
    if person.family or "," in person.name or not comma or not family or not initials.strip():
        return person
    name = person.name
    if name.casefold().startswith(family.casefold() + " "):
        own_family, given = name[:len(family)], name[len(family):].strip()
    elif name.casefold().endswith(" " + family.casefold()):
        own_family, given = name[-len(family):], name[:-len(family)].strip()
    else:
        return person
    if given[:1].casefold() != initials.strip()[:1].casefold():
        return person
    return replace(person, name=f"{own_family}, {given}", family=own_family, given=given)


def _group_authors(tags: _Tags, people: tuple[Person, ...]) -> tuple[Person, ...]:
    """Web of Science's group authors (CA, "Group Author(s)"), which it lists after the people; one its AU names
    too is not named twice."""
    named = {name_key(p.name) for p in people}
    return tuple(Person(name=clean(n)) for n in unique(tags.all("CA")) if name_key(n) not in named)


def _wos_article(record: Record) -> Article:
    """Web of Science tagged: TI, AF/AU, SO/JI, PY/PD, DI, PM, DT, DE/ID, OI ("Family, Given/0000-…"), and a book's
    BE (editors) and PI (the publisher's city)."""
    tags = _Tags(record)
    # "Demography of the understory herb <i>H</i><i>eliconia acuminata</i>": the title's styles
    title, title_styles = shared.styled_text(shared.bracketed_characters(tags.text("TI")))
    title, notices = wos_retraction(title, tags.all("DT"))
    # OI is one list ("Family, Given/0000-…; …") that Web of Science wraps at a fixed width, even inside a name
    # ("Vasconcelos,\n   Heraldo L./0000-…"); a file whose lines each hold whole entries is read so too
    lines = tags.all("OI")
    orcids = shared.orcids_by_name(" ".join(lines)) | shared.orcids_by_name("; ".join(lines))
    full, short = _wos_author_tags(tags)
    # MEDLINE's records in Web of Knowledge give all names on one line: "AU Joffe, Hadine; Hall, Janet E"
    names = [_AUTHOR_EMAIL.sub("", name) for line in tags.all(full) or tags.all(short) for name in line.split("; ")
             if not _anonymous(name)]
    abbreviated = [name for name in tags.all(short) if not _anonymous(name)] if tags.all(full) else []
    people = _families_by_short_names(shared.middle_initials_back(tuple(_person(n) for n in names), abbreviated),
                                      abbreviated)
    accession = clean(tags.first("UT"))
    inspec = accession.startswith("INSPEC:")
    doi = ids.doi_field(tags.first("DI")) or (_inspec_doi(" ".join(tags.all("ID"))) if inspec else "")
    pmid = ids.pmid_from(tags.first("PM") or accession.removeprefix("MEDLINE:") * accession.startswith("MEDLINE:"))
    # Zoological Record's names of characters: "0.102 [plus or minus]\n   0.04", wrapped where they have a space
    abstract_lines = shared.bracketed_characters("\n".join(tags.lines("AB"))).split("\n")
    abstract_lines = [shared.strip_tags(line) for line in abstract_lines]
    if inspec:  # its lines only wrap the text, even inside a subscript ("Sn/sub 2/P/sub 2\n   /S/sub\n   6/")
        title, title_styles = _inspec_text(title), ()
        abstract_lines = [_inspec_text(" ".join(abstract_lines))]
    lay, abstract, rights = _abstract(abstract_lines, running=True)
    derwent = _derwent_details(tags.first("PD")) if accession.startswith("DIIDW:") else None
    when = shared.web_of_science_date(*(derwent.date if derwent else (tags.first("PD"), tags.first("PY"))),
                                      tags.first("EA"))
    # PT P: a patent; Derwent Innovations Index's records (UT DIIDW:…) have no DT to say so
    kind = wos_kind(tags.all("DT"), clean(tags.first("PT"))) or ("patent" if clean(tags.first("PT")) == "P" else "")
    # A book, a book series or a conference's proceedings (PT B, S, C) holds its chapters and proceedings papers
    in_book = kind in CONTAINED_KINDS and clean(tags.first("PT")) in WOS_BOOKS
    # A whole book's SO repeats its title ("Inside Bluetooth Low Energy"): its series is SE, if any
    own_source = kind == "book" and (bool(tags.text("SE")) or shared.same_title(tags.text("SO"), title))
    issns, issn_types = ids.typed_issns([*((v, "") for v in tags.all("SN")),
                                         *((v, "electronic") for v in tags.all("EI"))])
    return Article(
        id=shared.article_id("", pmid, doi, tags.first("UT"), title, FORMAT),
        title=title,
        title_styles=title_styles,
        authors=shared.with_orcids(people, orcids) + _group_authors(tags, people),
        journal=tags.text("SE") if in_book or own_source else tags.text("SO") or tags.text("JI", "J9"),
        journal_abbrev="" if in_book else tags.text("JI", "J9"),
        kind=kind, container=tags.text("SO") if in_book else "",
        # BE: the book's editors; PI: the publisher's city (of a journal article, the journal publisher's).
        editors=tuple(_person(n) for n in tags.all("BE")) if in_book or kind == "book" else (),
        # GP ("Book Group Author(s)"): the group that wrote the proceedings or book that holds a paper ("IEEE")
        container_authors=tuple(Person(name=n) for n in unique(tags.all("GP"))) if in_book else (),
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        publisher=tags.text("PU"),
        place=tags.text("PI") if in_book or kind == "book" else "",
        languages=languages.parse(tags.all("LA") or ([derwent.language] if derwent and derwent.language else [])),
        topics=shared.review_topics(tags.all("DT")),
        pmid=pmid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        volume=shared.volume(tags.text("VL")),
        # PN is the part of an issue ("Pt 3"), but a patent's number ("PN CN110836969-A", "PN US 07967789")
        issue=shared.web_of_science_issue(tags.text("IS"), "" if kind == "patent" else tags.text("PN"),
                                          tags.text("SU")),
        pages=_wos_pages(tags),
        article_number=shared.page_range(shared.web_of_science_number(tags.first("AR"))),
        keywords=_inspec_keywords(" ".join(tags.all("DE"))) if inspec else shared.split_keywords(
            [" ".join(tags.all(tag)) for tag in ("DE", "ID", *_WOS_OTHER_KEYWORDS)], commas=False),
        records=(record,),
        translated_titles=tuple((text, "") for tag in _WOS_OTHER_TITLES if (text := tags.text(tag))),
        other_abstracts=_wos_other_abstracts(tags),
        notices=notices,
        # SN the ISSN, EI the electronic one ("eISSN", as Web of Science names it)
        issns=issns, issn_types=issn_types,
        isbns=ids.standard_numbers(tags.all("BN")),
    )


_WOS_OTHER_TITLES = ("X1", "Y1", "Z1")
"""The title in the journal's other languages, as the SciELO Citation Index gives them beside TI ("TI Índice de
calidad del agua marina …", "X1 Marine water quality index …", "Y1 Índice de qualidade …"): which language each
is, the record does not say."""
_WOS_OTHER_ABSTRACTS = ("X4", "Y4", "Z4")
"""The abstract in those languages ("X4 RESUMEN La calidad …", "Y4 RESUMO A qualidade …"), named by its first word
where it has one; X4 need not be in X1's language."""
_WOS_OTHER_KEYWORDS = ("X5", "Y5")
"""The authors' keywords in those languages."""


def _wos_other_abstracts(tags: _Tags) -> tuple[OtherAbstract, ...]:
    """The abstracts of ``_WOS_OTHER_ABSTRACTS``, each in the language its first word names ("" for none)."""
    found = (_other_abstract(lines, running=True, unnamed=True)
             for tag in _WOS_OTHER_ABSTRACTS if clean(" ".join(lines := tags.lines(tag))))
    return tuple(other for other in found if other)


@dataclass(frozen=True)
class _PatentDetails:
    date: tuple[str, str]
    """The date as Web of Science's PD and PY give one: ("NOV 12", "2019")."""
    language: str


_DERWENT_DAY = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")


def _derwent_details(details: str) -> _PatentDetails:
    """The date and language of the patent that a Derwent Innovations Index record's PD ("Patent Details", not a
    date as in Web of Science's other databases) names first: its number, date, IPC class, Derwent week, pages and
    language, parted by runs of spaces ("CN209618737-U   12 Nov 2019   B66C-023/62   201989   Pages: 5   Chinese")."""
    parts = re.split(r"\s{2,}", details.strip())
    day = next((m for part in parts if (m := _DERWENT_DAY.fullmatch(part))), None)
    language = parts[-1] if len(parts) > 2 and parts[-2].startswith("Pages:") else ""
    return _PatentDetails((f"{day[2]} {day[1]}", day[3]) if day else ("", ""), language)


# Inspec's records in this format (UT "INSPEC:…", as Web of Knowledge exported them) run all its indexing into DE,
# its parts parted by "/ ": treatment ("Experimental"), controlled terms, free terms, classification codes (a code
# a line: "A4265K Optical harmonic generation, …"), numerical data ("wavelength 2.78E-07 m") and chemical indexing,
# the terms of a part parted by "; ". Inspec writes a subscript "/sub 2/" and a superscript "/sup +/", in titles and
# abstracts too: its closing slash may stand before a space ("BaB/sub 2/O/sub 4/ optical waveguides").
_INSPEC_SCRIPT = re.compile(r"/(sub|sup) ([^/]*?) ?/")
_INSPEC_TOKEN = re.compile(r"/su[bp] [^/]*/|/ |[^/]+|/")
_INSPEC_CODE = re.compile(r"\s+(?=[A-Z]\d{4}[A-Z]?\s)")
_STARTS_WITH_CODE = re.compile(r"\s*[A-Z]\d{4}[A-Z]?\s")


def _inspec_text(text: str) -> str:
    """``text`` with Inspec's subscripts and superscripts as the XML readers give theirs ("Sn/sub 2/" is "Sn₂")."""
    return _INSPEC_SCRIPT.sub(lambda m: xmltree.scripted(m.group(1), m.group(2)), text)


def _inspec_keywords(descriptors: str) -> tuple[str, ...]:
    """The terms of Inspec's DE; a classification code with its heading, which may hold "; " ("A7240
    Photoconduction and photovoltaic effects; photodielectric effects")."""
    parts, part = [], ""
    for token in _INSPEC_TOKEN.findall(descriptors):
        if token == "/ ":
            parts.append(part)
            part = ""
        else:
            part += token
    terms = [term for part in [*parts, part]
             for term in (_INSPEC_CODE.split(part) if _STARTS_WITH_CODE.match(part) else part.split("; "))]
    return unique_folded(clean(_inspec_text(t)) for t in terms if clean(t))


def _inspec_doi(identifiers: str) -> str:
    """The DOI among Inspec's ID, which holds the article's identifiers (not keywords, as Web of Science's ID
    does), each in brackets: "0003-6951/2006/89(4)/041103-1(3)/$23.00],[…],[S0003-6951(06)22430-6],[10.1063/…]"."""
    parts = (clean(part).strip("[]") for part in identifiers.split("],["))
    return next((ids.doi_from(part) for part in parts if part.startswith("10.")), "")


# Web of Science's note after a retracted article's title, and where the notice is: "(Retracted article. See vol.
# 140, pg. 1976, 2018)", "(Retracted Article. See vol 8, pg 1005, 2017)", "(Retracted article.See vol.6,pg.1,2016)",
# "(Retracted article. Artn 7640820, 2017)", "(Retracted Article)"; a title may end in two ("… (retracted
# article) (Retracted article. See April, 2017)").
_WOS_RETRACTED_NOTE = re.compile(r"\s*\((?i:retracted article)\.?\s*(?:(?i:see)\b\s*)?(?P<see>[^()]*?)\s*\)\Z")


def wos_retraction(title: str, types: list[str]) -> tuple[str, tuple[Notice, ...]]:
    """The title without Web of Science's notes that the article is retracted, and the retraction: a document
    type (DT) "Retracted Publication" ("Article; Retracted Publication") or a note says so, and the last note
    that names the notice ("See vol. 140, pg. 1976, 2018": in the same journal) gives its citation. The full
    record keeps the title as written."""
    seen: list[str] = []
    while note := _WOS_RETRACTED_NOTE.search(title):
        title, seen = title[:note.start()], [*seen, clean(note["see"])]
    typed = any(part.strip().casefold() == RETRACTED_TYPE.casefold() for t in types for part in t.split(";"))
    if not seen and not typed:
        return title, ()
    return title, (Notice("RetractionIn", next((see for see in seen if see), "")),)


WOS_BOOKS = frozenset({"B", "S", "C"})
"""Web of Science's publication types (PT) of a book, a book series and a conference's proceedings ("PT C",
"SO MEDICAL IMAGING 2018: COMPUTER-AIDED DIAGNOSIS", "SE Proceedings of SPIE"): SO names the book, SE its series."""


def wos_kind(types: list[str], publication_type: str = "") -> str:
    """The kind of work a Web of Science DT ("Article; Proceedings Paper", "Review; Book Chapter") names in a
    publication of the type PT names ("J" a journal, ``WOS_BOOKS`` a book)."""
    parts = {part.strip().casefold() for t in types for part in t.split(";")}
    if "book chapter" in parts:
        return "chapter"
    # A journal's article that was a conference's paper ("PT J", "DT Article; Proceedings Paper", an issue or a
    # supplement of Current Applied Physics) is the journal's article: it was cited "In: CURRENT APPLIED PHYSICS.
    # Vol. 11. ELSEVIER SCIENCE BV; 2011. p. S33-S35.", as a book of that name, without its issue. A proceedings
    # paper alone in PT J is in proceedings that Web of Science lists as a journal.
    if "proceedings paper" in parts and not (publication_type == "J" and "article" in parts):
        return "paper-conference"
    # a meeting abstract in a book (PT B, S, C: "SO PROCEEDINGS OF THE 2021 THE 19TH ACM CONFERENCE …") is a paper
    # of the proceedings; in a journal (its supplement), the journal's article
    if "meeting abstract" in parts and publication_type in WOS_BOOKS:
        return "paper-conference"
    if "patent" in parts:  # BIOSIS's patents in Web of Knowledge ("PT P", "DT Patent")
        return "patent"
    # An export of a few fields may leave the document type out: a record of a conference's proceedings (PT C) is
    # still one of its papers
    if not parts - {""} and publication_type == "C":
        return "paper-conference"
    return "book" if "book" in parts else ""
