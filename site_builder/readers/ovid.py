"""Reader for Ovid's exports (Embase, MEDLINE, PsycINFO, BIOSIS, Journals@Ovid … saved with "Complete Reference"):
the tagged form, and the form that spells its field names out.

A sample of the tagged form (an Embase record as Ovid exports it for EndNote; shortened)::

    <2. >
    VN  - Ovid Technologies
    DB  - Embase
    UI  - 643474277
    TI  - A juvenile bird with possible crown-group affinities from a dinosaur-rich Cretaceous ecosystem in …
    SO  - BMC ecology and evolution. 24 (1) (no pagination), 2024. Article Number: 20. Date of Publication: 2024.
    AU  - Brownstein C.D.
    IN  - (Brownstein C.D., Chase.brownstein@yale.edu) Department of Ecology and Evolutionary Biology, Yale …
          (Brownstein C.D., Chase.brownstein@yale.edu) Stamford, United States
    AB  - BACKGROUND: Living birds comprise the most speciose and anatomically diverse clade of flying …
    RESULTS: Here, I describe a Late Cretaceous bird from North America …
    DO  - http://dx.doi.org/10.1186/s12862-024-02210-9
    LG  - English
    YR  - 2024

A record opens with its number (``<1. >``, or ``<1>`` in alerts) or, without one, with ``VN``; a field is a tag
of two to four capitals, two spaces, "- " and the value; any other line continues the value above it, indented
or not (Ovid's EndNote export writes an abstract's later parts at the start of the line). The tags mean what
Ovid's field guides say for each database: ``UI`` is the PubMed id in MEDLINE and Embase's own accession number
in Embase, ``SO`` is the whole source line ("Journal. 12(3):45-67, 2018 Mar." in MEDLINE, "Journal. Vol.43(5),
Sep 2015, pp. 623-634." in PsycINFO), from which journal, volume, issue, pages and date are taken when no field
of their own gives them.

The other form (Ovid's display, and Journals@Ovid's exports) names each field in words on a line of its own and
indents its values below; a record opens with its number::

    <1>
    Accession Number
      00006236-201504000-00002.
    Author
      Bunkers, Sandra Schmidt RN; PhD; FAAN 1
    Title
      Listening: Important to the Stuff of a Life.[Miscellaneous]
    Source
      Nursing Science Quarterly.   28(2):103-106, April 2015.

A numbered record whose first line is not a tag line is read in this form: a line at the start of the line names
a field (kept as printed, "Title"), an indented line is a value of it. ``LABELS`` gives the tag each name stands
for, so that both forms make the same Article.

Ovid's "Export → CSV" writes the tags as a header and a record a row, the values of a tag given more than once
(authors, keywords, headings) parted by a blank line in its cell, a value's lines by a line end::

    ORN,VN,DB,UI,PM,ST,TI,SO,AU,…
    1,Ovid Technologies,Embase,2011722477,29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641],In-Process,
    "Travel and biologic therapy: …","Journal of Travel Medicine. 25 (1) (no pagination), 2018. …","Hall V.
    (blank line)
    Johnson D.",…

(``ORN`` the record's number). Each value is read as its tag line would be (``csv_rows``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model.article import UNTITLED, Article, Field, Record
from ..model.identifiers import doi_from, pmid_from, standard_numbers
from ..model.normalize import clean, unique_folded
from ..model.sections import split_heading_lines, split_lay_summary
from . import shared, tables
from .catalogue import split_lines
from .ris import _person as person  # Embase writes "Behan L." as RIS exports of Embase do

FORMAT = "ovid"

_NUMBER = re.compile(r"\s*<\s*(\d+)\s*\.?\s*>\s*\Z")
_TAG = re.compile(r" ?([A-Z][A-Z0-9]{1,3}) {1,2}-(?: (.*)|\s*)\Z")
"""``TI  - Title``; some exports (PsycINFO's through Ovid) put one space before the hyphen, ``TI - Title``."""
# A field named in words, as Ovid names them ("Accession Number", "MeSH Subject Headings", "Link to the Ovid Full
# Text or citation"): a few words, no sentence.
_LABEL = re.compile(r"[A-Z][A-Za-z]*(?:[ /-][A-Za-z()]+){0,7}")
_SNIFF_NUMBER = re.compile(r"^\s*<\s*\d+\s*\.?\s*>\s*$", re.M)
_SNIFF_TAG = re.compile(r"^ ?(?:VN|DB|UI|AN|TI) {1,2}- ", re.M)
_SNIFF_OVID = re.compile(r"^VN {1,2}- Ovid Technologies", re.M)
_SNIFF_RIS = re.compile(r"^TY {1,2}- ", re.M)
# A record number, then (after blank lines) a field every Ovid database names first, then its indented value.
_SNIFF_LABELLED = re.compile(r"^<\s*\d+\s*\.?\s*>[ \t]*\r?\n(?:[ \t]*\r?\n)*(?:Score|Accession Number|Unique "
                             r"Identifier|Database|Authors?|Title)[ \t]*\r?\n[ \t]+\S", re.M)


def csv_rows(header: list[str], rows: Iterable[tables.Row], path: str) -> tuple[list[Record], list[Diagnostic]]:
    """The records of Ovid's CSV export: a field for each value of a cell (values parted by a blank line), its
    lines the value's, at the line it starts on."""
    records = []
    for row in rows:
        fields = [Field(tag, tuple(lines), line) for tag, cell, start in zip(header, row.values, row.lines,
                                                                             strict=False)
                  for lines, line in _cell_values(cell, start) if tag]
        if fields:
            records.append(Record(FORMAT, SourceSpan(path, row.line), tuple(fields)))
    return records, []


_BLANK_LINE = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")


def _cell_values(cell: str, start: int) -> Iterator[tuple[list[str], int]]:
    """The values of one cell of Ovid's CSV, each as its lines and the line of the file it starts on."""
    pos = 0
    for part in [*_BLANK_LINE.finditer(cell), None]:
        end = part.start() if part else len(cell)
        lines = [line.strip() for line in split_lines(cell[pos:end]) if line.strip()]
        if lines:
            yield lines, start + cell.count("\n", 0, pos)
        pos = part.end() if part else end


CSV_LAYOUT = tables.Layout(FORMAT, "Ovid CSV", frozenset({"ORN", "VN", "DB", "TI"}), rows_read=csv_rows)
"""Ovid's CSV export, known by its first columns (its workbook too, as Excel saves it)."""


def sniff(head: str) -> bool:
    """A record number (``<1. >``) or Ovid's ``VN  - Ovid Technologies``, with Ovid's tags, and no RIS ``TY``; or
    a record number followed by a field named in words ("Accession Number") and its indented value."""
    if _SNIFF_RIS.search(head):
        return False
    if CSV_LAYOUT.sniff(head):
        return True
    if _SNIFF_LABELLED.search(head):
        return True
    if not _SNIFF_TAG.search(head):
        return False
    return bool(_SNIFF_NUMBER.search(head)) or bool(_SNIFF_OVID.search(head))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of an Ovid file; text before the first record is reported, and kept with that record."""
    if CSV_LAYOUT.sniff(text[:65536]):
        return CSV_LAYOUT.read(text, path)
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    current: _Open | None = None
    loose: list[str] = []
    for number, line in enumerate(split_lines(text.removeprefix("\ufeff")), start=1):
        numbered = _NUMBER.match(line)
        tag = None if current is not None and current.named else _TAG.match(line)
        if numbered or (tag and tag.group(1) == "VN" and current is not None and current.fields):
            if current is not None:
                records.append(current.record(path))
            current = _Open(number, [*loose, line] if numbered else loose, numbered=bool(numbered))
            loose = []
            if tag:
                current.fields.append(Field("VN", (tag.group(2) or "",), number))
        elif tag:
            if current is None:
                current, loose = _Open(number, loose), []
            current.fields.append(Field(tag.group(1), (tag.group(2) or "",), number))
        elif current is not None and current.names_field(line):
            current.named = True
            current.fields.append(Field(line.strip(), (), number))
        elif current is not None and current.fields:
            if line.strip():
                last = current.fields[-1]
                current.fields[-1] = Field(last.name, (*last.values, line.strip()), last.line)
        elif line.strip():
            if current is None and not loose:
                diagnostics.append(Diagnostic(Level.WARNING, SourceSpan(path, number),
                                              "text before the first Ovid record (one starts at a line such as "
                                              "'<1. >'); kept as that record's preamble"))
            (current.preamble if current is not None else loose).append(line)
    if current is not None:
        records.append(current.record(path))
    else:
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, 1),
                                      "no Ovid records: a record starts at a line such as '<1. >' followed by "
                                      "tag lines such as 'TI  - …' or field names such as 'Title'"))
    return records, diagnostics


@dataclass
class _Open:
    """The record being read: where it starts, the lines before its first field, its fields so far."""

    start: int
    preamble: list[str]
    fields: list[Field] = field(default_factory=list)
    numbered: bool = False
    """Whether a record number (``<1. >``) opened it."""
    named: bool = False
    """Whether it names its fields in words ("Title" on a line, the value indented below)."""

    def names_field(self, line: str) -> bool:
        """Does ``line`` name a field: at the start of the line, in a numbered record that names its fields in
        words (decided by its first line; a tagged record's unindented lines continue its abstract)?"""
        if not line.strip() or line[0].isspace() or not self.numbered:
            return False
        return self.named or (not self.fields and _LABEL.fullmatch(line.strip()) is not None)

    def record(self, path: str) -> Record:
        return Record(FORMAT, SourceSpan(path, self.start), tuple(self.fields), tuple(self.preamble))


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

# Ovid appends what it holds of a work to the title: "… depression. [References]."
_TITLE_NOTE = re.compile(r"\s*\[(?:References|Article|Report|Review|Miscellaneous)\]\.?\s*\Z")
_QUOTED_TITLE = re.compile(r'"([^"]+)"\.?')
"""A title Journals@Ovid wraps whole in quotes, a period after them: the quotes are the export's, not the title's."""


def _without_role(name: str) -> str:
    """A name without the role in brackets at its end (BIOSIS: "Walsdorf, Neill B. [Inventor, Reprint Author]").
    Found from the end: a regular expression tried at every "[" of a long value took time growing with its square."""
    end = name.rstrip()
    start = end.rfind("[")
    if not end.endswith("]") or start < 0 or "]" in end[start:-1]:
        return name
    return end[:start].rstrip()
# What a publication type (PT) says the work is, in CSL's words.
_KINDS = {"book chapter": "chapter", "chapter": "chapter", "book": "book", "conference abstract": "paper-conference",
          "conference paper": "paper-conference", "conference proceeding": "paper-conference",
          "dissertation": "thesis", "dissertation abstract": "thesis", "patent": "patent"}


def _kind(fields: _Fields) -> str:
    """What the work is, in CSL's words, from its publication types (PT). Embase gives most conference abstracts as
    printed in a journal's supplement ("SU  - Journal"; "SO  - BMC Proceedings. Conference: … 12 (Supplement 3)
    (no pagination), 2018."): such an abstract is cited as the journal article it is, with its volume and issue,
    as Citing Medicine cites a conference abstract in a journal, not as a paper in a book of proceedings."""
    kind = next((_KINDS[t.casefold()] for t in fields.each("PT") if t.casefold() in _KINDS), "")
    if kind == "paper-conference" and fields.text("SU").casefold() == "journal":
        return ""
    return kind


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one Ovid record."""
    fields = _Fields(record)
    source = parse_source(fields.text("SO"))
    database = fields.text("DB").upper()
    medline = "MEDLINE" in database or "PUBMED" in database
    # Embase gives the PMID with PubMed's address after it: "PM 29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=
    # 29635641]" (rachelnewnham/AHRO-Python's Ovid CSV export)
    pmid = pmid_from(fields.text("UI")) if medline else pmid_from(fields.text("PM").split(" [", 1)[0])
    doi = doi_from(fields.text("DO")) or doi_from(fields.text("DI"))
    title = shared.bracketed_characters(_TITLE_NOTE.sub("", fields.text("TI")))
    if quoted := _QUOTED_TITLE.fullmatch(title):  # Journals@Ovid: '"Injury, Illness, and Work Restriction…".'
        title = quoted.group(1)
    body, rights = shared.split_copyright(shared.bracketed_characters("\n".join(fields.lines("AB"))))
    lay, abstract = split_lay_summary(split_heading_lines(body.split("\n")))
    names = _names(record, fields)
    journal = (fields.text("JT") or fields.text("JN") or source.journal or fields.text("TA")) if medline else (
        fields.text("JN") or source.journal or fields.text("JT"))
    issue_date = dates.read_printed(fields.text("DP"))
    article = Article(
        id=shared.article_id("", pmid, doi, fields.text("AN") or fields.text("UI"), title, FORMAT),
        title=title or UNTITLED,
        authors=tuple(person(n) for n in names if n),
        journal=journal,
        journal_abbrev=fields.text("TA") if medline else "",
        date=issue_date.iso or source.date or _date(fields.text("YR")),
        date_printed=issue_date.printed or (source.printed if not issue_date.iso else ""),
        epub_date=_online_date(record),
        publisher=fields.text("PB") or fields.text("PU"),
        languages=languages.parse(fields.each("LG")),
        topics=shared.review_topics([*fields.each("PT"), *fields.each("DT")]),
        pmid=pmid, doi=doi,
        lay_summary=lay, abstract=abstract,
        rights=fields.text("CR") or fields.text("RO") or rights,
        links=shared.links(fields.each("XL")),
        kind=_kind(fields),
        publication_types=unique_folded(fields.each("PT")),
        container=fields.text("BT") or source.container,
        editors=tuple(person(n) for n in source.editors),
        volume=fields.text("VI") or fields.text("VO") or source.volume,
        issue=fields.text("IP") or source.issue,
        pages=shared.page_range(fields.text("PG")) or source.pages,
        article_number=source.article_number,
        keywords=unique_folded([*(k for v in fields.each("KW") for k in v.removesuffix(".").split(";")),
                             *(k for v in fields.each("ID") for k in v.split(",")),
                             *(h.split("/")[0].lstrip("*") for h in fields.each("MH"))]),
        records=(record,),
        issns=standard_numbers(fields.each("IS")),  # Ovid's IS is the ISSN (its issue is IP), IB the ISBN
        isbns=standard_numbers(fields.each("IB")),
    )
    if title:
        return article, []
    return article, [Diagnostic(Level.ERROR, record.where, "record has no title (TI); shown as 'Untitled record'")]


# The tag each field named in words stands for (Ovid's display and Journals@Ovid's exports).
LABELS = {
    "Abstract": "AB", "Accession Number": "AN", "Author": "AU", "Authors": "AU", "Author Keywords": "KW",
    "Authors Full Name": "FA", "Database": "DB", "Date of Publication": "DP", "Digital Object Identifier": "DO",
    "Document Type": "PT", "DOI Number": "DO", "Institution": "IN", "ISSN": "IS", "Keyword Heading": "KW",
    "Language": "LG", "Link to the Ovid Full Text or citation": "XL", "MeSH Subject Headings": "MH",
    "Publication Type": "PT", "Publisher": "PB", "Source": "SO", "Title": "TI", "Unique Identifier": "UI",
    "Year of Publication": "YR",
}
# Tags whose named field gives one value a line ("Authors" then "Maly J", "Blachly JS" below it).
_VALUE_A_LINE = frozenset({"AU", "FA", "KW", "MH", "PT", "LG"})


class _Fields:
    """A record's fields by tag (a field named in words by the tag it stands for); a field's lines make one text."""

    def __init__(self, record: Record) -> None:
        self.by_tag: dict[str, list[Field]] = {}
        for f in record.fields:
            tag = LABELS.get(f.name, f.name)
            if f.name in LABELS and tag in _VALUE_A_LINE:
                self.by_tag.setdefault(tag, []).extend(Field(tag, (v,), f.line) for v in f.values)
            else:
                self.by_tag.setdefault(tag, []).append(f)

    def lines(self, tag: str) -> list[str]:
        """The lines of the first ``tag`` field."""
        found = self.by_tag.get(tag)
        return list(found[0].values) if found else []

    def text(self, tag: str) -> str:
        return clean(" ".join(self.lines(tag)))

    def each(self, tag: str) -> list[str]:
        """The text of every ``tag`` field, in file order."""
        return [text for f in self.by_tag.get(tag, []) if (text := clean(" ".join(f.values)))]


# Journals@Ovid's "Author" field lists everyone on one line: "Verbeek, Jan MD *;  Hermans, Erik MD +;  van Vugt,
# Arie MD, PhD +", a semicolon and two spaces between people, each name followed by degrees and an affiliation mark.
_PEOPLE_SEPARATOR = re.compile(r";\s{2,}")
_MARKS = "*+\u2020\u2021\u00a7\u00b6#,;"


def _without_affiliation_marks(part: str) -> str:
    """``part`` without the spaces, digits and marks (* + † ‡ § ¶ # , ;) that end it; taken off from the end, as a
    regular expression tried at every character of a long run of them took time growing with its square."""
    end = len(part)
    while end and (part[end - 1].isspace() or part[end - 1].isdecimal() or part[end - 1] in _MARKS):
        end -= 1
    return part[:end]
# A degree is written with two capitals or more and no period ("MD", "PhD", "FAAN", "MSc"); an initial has one.
_DEGREE = re.compile(r"[A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*")
_DOTTED_DEGREE = re.compile(r"(?:[A-Z][a-z]*\.){2,}")
"""A degree written with periods and a small letter ("Ph.D.", "Pharm.D."); "J.C." is a pair of initials."""


def journals_at_ovid_names(value: str) -> list[str]:
    """The people of one Journals@Ovid author line, each as "Family, Given" without degrees or marks."""
    names = []
    for part in _PEOPLE_SEPARATOR.split(value):
        family, _, given = _without_affiliation_marks(part).partition(",")
        words: list[str] = []
        for word in given.replace(";", " ").replace(",", " ").split():
            if _DEGREE.fullmatch(word) or (_DOTTED_DEGREE.fullmatch(word) and any(c.islower() for c in word)):
                break
            words.append(word)
        names.append(", ".join(p for p in (family.strip(), " ".join(words)) if p))
    return [n for n in names if n]


def _names(record: Record, fields: _Fields) -> list[str]:
    """The authors' names: the full forms (FA) where the record gives them, Journals@Ovid's one-line list split."""
    if any(f.name == "Author" for f in record.fields):
        return [n for v in record.values("Author") for n in journals_at_ovid_names(v)]
    if "JOURNALS@OVID" in fields.text("DB").upper():  # an AU a person: "Zhang, Weijia 1,2,+", "Gazic, Barbara MD *"
        return [n for v in fields.each("AU") for n in journals_at_ovid_names(v)]
    return [_without_role(n) for n in fields.each("FA") or fields.each("AU")]


# Journals@Ovid's "Status" of an article published ahead of print: "Publish Ahead of Print, POST ACCEPTANCE,
# 30 November 2015"; the date is when it was published online.
_AHEAD_OF_PRINT = re.compile(r"Publish Ahead of Print\b.*?(\d{1,2} [A-Za-z]+ \d{4})", re.I)


def _online_date(record: Record) -> str:
    status = clean(" ".join(record.values("Status")))
    m = _AHEAD_OF_PRINT.search(status)
    return _date(m[1]) if m else ""


@dataclass(frozen=True, slots=True)
class Source:
    """What a source line (``SO``) tells."""

    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    date: str = ""
    printed: str = ""
    """The date as printed where ISO cannot hold it ("2010 Jan-Feb")."""
    container: str = ""
    """The book that holds a chapter."""
    editors: tuple[str, ...] = ()
    article_number: str = ""
    """Embase's "Article Number: 1104", the number that stands for the pages of an article without them."""


# MEDLINE, BIOSIS: "Forest Ecology & Management. 201(2-3):327-334, November 15, 2004."
_SO_MEDLINE = re.compile(
    r"(?P<journal>.+?)\. (?P<volume>[\w.-]+)(?:\((?P<issue>[^)]*)\))?:(?P<pages>[^,]+), (?P<date>.+?)\.?\Z")
# PsycINFO: "Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634."
_SO_PSYCINFO = re.compile(
    r"(?P<journal>.+?)\. Vol\.\s?(?P<volume>[^(,]+?)(?:\((?P<issue>[^)]*)\))?, (?P<date>[^,]+?)"
    r"(?:, pp\. (?P<pages>[^,]+?))?\.?\Z")
# Embase: "BMC Public Health. 18 (1) (no pagination), 2018. Article Number: 1104. Date of Publication: 05 Sep 2018."
_SO_EMBASE = re.compile(
    r"(?P<journal>.+?)\. (?P<volume>[^\s()]+)(?: \((?P<issue>(?!pp |no pagination)[^)]*)\))?"
    r"(?: \((?P<pages>[^)]*)\))?, (?P<year>\d{4})\."
    r"(?:.*?Article Number: (?P<number>[^.]+)\.)?(?:.*?Date of Publication: (?P<date>[^.]+)\.?)?")
_CONFERENCE = re.compile(r"\. Conference: .*\Z")
# Journals@Ovid, ahead of print: "Journal of Orthopaedic Trauma." (the journal alone)
_SO_JOURNAL = re.compile(r"(?P<journal>[^\d.]+?)\.")
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
           r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Fall|Autumn|Winter)")
# Journals@Ovid's tagged export: "Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653", "ACSM'S Health &
# Fitness Journal January/February 2010;14(1):56", "Acta Chirurgica Belgica November/December 2010;6:611-613"
_SO_JOURNALS_AT_OVID = re.compile(
    rf"(?P<journal>.+?) (?P<months>{_MONTHS}(?:/{_MONTHS})?) (?:(?P<day>\d{{1,2}}),? )?(?P<year>\d{{4}});"
    r"(?P<volume>[^(:;]*)(?:\((?P<issue>[^)]*)\))?(?::(?P<pages>.+))?")
# BIOSIS, an issue without pages: "Official Gazette of the United States Patent & Trademark Office Patents. 1288(3),
# Nov. 16, 2004." (a patent); read as Embase's shape, its day was the volume and "1288(3), Nov" part of the journal
_SO_BIOSIS_UNPAGED = re.compile(
    rf"(?P<journal>.+?)\. (?P<volume>[\w.-]+)(?:\((?P<issue>[^)]*)\))?, (?P<date>{_MONTHS}\.? \d{{1,2}}, \d{{4}})\.?")
# Zoological Record: "Hydrobiologia. 2007 15 June; 433-441." (the date, then the pages); "Association of Zoos and
# Aquariums Regional Meetings Proceedings. 2005; 9pp.." (the number of pages, which is no page range)
_SO_ZOOLOGICAL_RECORD = re.compile(
    rf"(?P<journal>.+?)\. (?P<year>\d{{4}})(?: (?P<day>\d{{1,2}}))?(?: (?P<month>{_MONTHS}))?; (?P<pages>[^;]+?)\.*")
_PAGE_COUNT = re.compile(r"\d+\s*pp")
# International Political Science Abstracts: "Journal of Political Studies 12, Winter 2007: 7-14.", "Journal of
# Current Southeast Asian Affairs, 2013(1): 3-28." (the volume after the journal, the pages after a colon)
_SO_IPSA = re.compile(
    rf"(?P<journal>.+?),? (?P<volume>\d[\w-]*)(?:\((?P<issue>[^)]*)\))?"
    rf"(?:, (?:(?P<months>{_MONTHS}(?:-{_MONTHS})?) )?(?P<year>\d{{4}}))?: (?P<pages>[^:]+?)\.")
# BIOSIS, a chapter: "Kamp, Roza Maria [Editor, Reprint Author], Calvete, Juan J. [Editor]. Methods in proteome and
# protein analysis.:371-397, 2004. Series Information: Principles and Practice." (the series the book's journal)
_SO_BIOSIS_CHAPTER = re.compile(r"(?P<editors>.+?\[Editor[^\]]*\])\. (?P<book>.+?)\.?:(?P<pages>[^,]+), "
                                r"(?P<year>\d{4})\.?(?: Series Information: (?P<series>.+?)\.?)?")
_EDITOR = re.compile(r"\s*(?P<name>[^\[\]]+?)\s*\[Editor[^\]]*\],?")


def parse_source(text: str) -> Source:
    """Journal, volume, issue, pages and date from a source line in any of the shapes Ovid's databases use."""
    text = clean(text)
    if m := _SO_BIOSIS_CHAPTER.fullmatch(text):
        editors = tuple(e["name"] for e in _EDITOR.finditer(m["editors"]))
        return Source(clean(m["series"] or ""), pages=shared.page_range(m["pages"]), date=m["year"],
                      container=m["book"], editors=editors)
    if m := _SO_JOURNALS_AT_OVID.fullmatch(text):
        when = dates.read_printed(" ".join(p for p in (m["year"], m["months"].replace("/", "-"), m["day"]) if p))
        return Source(m["journal"], clean(m["volume"]), clean(m["issue"] or ""), shared.page_range(m["pages"] or ""),
                      when.iso, when.printed)
    if m := _SO_PSYCINFO.fullmatch(text):
        return Source(m["journal"], clean(m["volume"]), clean(m["issue"] or ""), shared.page_range(m["pages"] or ""),
                      _date(m["date"]))
    if m := _SO_ZOOLOGICAL_RECORD.fullmatch(text):
        pages = "" if _PAGE_COUNT.fullmatch(m["pages"]) else shared.page_range(m["pages"])
        return Source(m["journal"], pages=pages, date=dates.from_parts(m["year"], m["month"] or "", m["day"] or ""))
    if m := _SO_BIOSIS_UNPAGED.fullmatch(text):
        return Source(m["journal"], m["volume"], clean(m["issue"] or ""), date=_date(m["date"]))
    if m := _SO_EMBASE.match(text):
        pages = shared.page_range((m["pages"] or "").removeprefix("pp").strip())
        return Source(_CONFERENCE.sub("", m["journal"]), m["volume"], clean(m["issue"] or ""), pages,
                      _date(m["date"] or "") or m["year"], article_number=clean(m["number"] or ""))
    if m := _SO_MEDLINE.fullmatch(text):
        return Source(m["journal"], m["volume"], clean(m["issue"] or ""), shared.page_range(m["pages"]),
                      _date(m["date"]))
    if m := _SO_IPSA.fullmatch(text):
        when = dates.read_printed(" ".join(p for p in (m["year"], m["months"]) if p))
        return Source(m["journal"], m["volume"], clean(m["issue"] or ""), shared.page_range(m["pages"]), when.iso,
                      when.printed)
    if m := _SO_JOURNAL.fullmatch(text):
        return Source(m["journal"])
    return Source()


_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})\b")
_YEAR_MONTH_DAY = re.compile(r"\b(\d{4}) ([A-Za-z]{3,9})\.?(?: (\d{1,2}))?\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{4})\b")
_YEAR = re.compile(r"\b(\d{4})\b")


def _date(text: str) -> str:
    """ISO date of "01 Jan 2018", "November 15, 2004", "2018 Mar 15", "Sep 2015" or "2018"; "" without a year."""
    if m := _DAY_MONTH_YEAR.search(text):
        return dates.from_parts(m[3], m[2], m[1])
    if m := _MONTH_DAY_YEAR.search(text):
        return dates.from_parts(m[3], m[1], m[2])
    if m := _YEAR_MONTH_DAY.search(text):
        return dates.from_parts(m[1], m[2], m[3] or "")
    if m := _MONTH_YEAR.search(text):
        return dates.from_parts(m[2], m[1])
    m = _YEAR.search(text)
    return dates.from_parts(m[1]) if m else ""
