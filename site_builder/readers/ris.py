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

Text between records (Ovid's "1." and "Link to the Ovid Full Text …") is kept as the next record's preamble;
tag lines right after an ``ER`` (Ovid's ``NL``) belong to the record that ended. Both dialects give Records of
format ``ris``; ``to_article`` tells them apart by their first tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import identifiers as ids
from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import Article, Field, Person, Record, Section
from ..normalize import clean, iso_date, parse_person
from . import citation as cite
from .catalogue import split_lines

FORMAT = "ris"


@dataclass(frozen=True, slots=True)
class _Dialect:
    tag: re.Pattern[str]
    start: str
    continuation: str
    """What a continuation line starts with, removed from its value ("" keeps the line as it is)."""
    file_tags: frozenset[str] = frozenset()
    """Tags of the file's own head and end, outside any record."""


_RIS = _Dialect(re.compile(r"([A-Z][A-Z0-9])  -(?: (.*)|\s*)\Z"), "TY", "")
_WOS = _Dialect(re.compile(r"([A-Z][A-Z0-9])(?: (.*))?\Z"), "PT", "   ", frozenset({"FN", "VR", "EF"}))

_SNIFF_RIS = re.compile(r"^TY  - ", re.M)
_SNIFF_WOS = re.compile(r"\A\ufeff?\s*(?:FN |PT [A-Z]\r?$)", re.M)


def sniff(head: str) -> bool:
    """Does the start of a file look like RIS (a ``TY  - `` line) or Web of Science tagged (``FN …``)?"""
    head = head.removeprefix("\ufeff")
    return bool(_SNIFF_RIS.search(head) or _SNIFF_WOS.match(head))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in one RIS or Web of Science file, and the problems found."""
    text = text.removeprefix("\ufeff")
    dialect = _WOS if _SNIFF_WOS.match(text) and not _SNIFF_RIS.search(text) else _RIS
    reader = _Reader(path, dialect)
    for number, line in enumerate(split_lines(text), start=1):
        reader.feed(number, line)
    return reader.finish()


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

    def feed(self, number: int, line: str) -> None:
        m = self.dialect.tag.match(line)
        if m and m.group(1) not in self.dialect.file_tags:
            self._tag(number, m.group(1), m.group(2) or "")
        elif not line.strip():
            self.ended_at = 0
        elif self.fields and not m and (not self.dialect.continuation or line.startswith(" ")):
            self.fields[-1][1].append(line.removeprefix(self.dialect.continuation))
        elif not (m and m.group(1) == "EF"):
            self.pending.append((number, line))
            self.ended_at = 0

    def _tag(self, number: int, tag: str, value: str) -> None:
        if tag == self.dialect.start:
            if self.fields is not None:
                self._error(self.start, f"the record has no 'ER' line before the next record starts at line "
                                        f"{number}; it was read up to there")
                self._close()
            self.fields, self.start, self.orphans = [], number, False
            self.fields.append((tag, [value], number))
        elif tag == "ER":
            if self.fields is None:
                self._warn(number, "an 'ER' line with no record open (no 'TY' line before it); ignored")
            else:
                self._close()
                self.ended_at = number
        elif self.fields is not None:
            self.fields.append((tag, [value], number))
        elif self.ended_at and self.records and not self.records[-1].values(tag):
            self._append_to_last(tag, value, number)
        else:
            self._orphan(number, tag, value)

    def _orphan(self, number: int, tag: str, value: str) -> None:
        """A tag line outside any record: most likely a record whose first line is missing (one error a run)."""
        if not self.orphans:
            self._error(number, f"a '{tag}' line outside any record (a record starts with a "
                                f"'{self.dialect.start}' line); this text was not read as a record")
        self.orphans = True
        self.pending.append((number, f"{tag}  - {value}" if self.dialect is _RIS else f"{tag} {value}"))
        self.ended_at = 0

    def _append_to_last(self, tag: str, value: str, number: int) -> None:
        last = self.records[-1]
        self.records[-1] = Record(last.format, last.where, (*last.fields, Field(tag, (value,), number)),
                                  last.preamble)

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


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one RIS or Web of Science record."""
    wos = bool(record.fields) and record.fields[0].name == "PT"
    article = _wos_article(record) if wos else _ris_article(record)
    if article.title:
        return article, []
    problem = Diagnostic(Level.ERROR, record.where, "record has no title (TI, T1 or ST); shown as 'Untitled record'")
    return replace(article, title="Untitled record"), [problem]


def _ris_article(record: Record) -> Article:
    tags = _Tags(record)
    title = tags.text("TI", "T1", "CT", "BT", "ST")
    urls = [*tags.all("UR"), *tags.all("L2"), *tags.all("LK"), *tags.all("L1")]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    doi = ids.doi_from(tags.first("DO")) or ids.doi_from(tags.first("M3")) or url_doi
    pmid = ids.pmid_from(tags.first("C2")) or url_pmid or ids.pubmed_accession(
        tags.first("AN"), tags.all("DP", "DB"))
    pmc = ids.pmcid_from(tags.first("C2")) if "PMC" in tags.first("C2").upper() else url_pmc
    lay, abstract, rights = _abstract(tags.text("AB", "N2"))
    return Article(
        id=cite.article_id(pmc, pmid, doi, tags.first("AN") or tags.first("ID"), title, FORMAT),
        title=title,
        authors=tuple(_person(name) for name in tags.all("AU", "A1") if clean(name)),
        journal=tags.text("J2", "JA", "J1", "NL") or tags.text("T2", "JF", "JO"),
        date=cite.best_date(*(_ris_date(v) for v in (tags.first("PY"), tags.first("Y1"), tags.first("DA")))),
        publisher=tags.text("PB"),
        languages=cite.languages(tags.all("LA")),
        topics=cite.review_topics(tags.all("M3")),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        links=cite.links(urls),
        volume=tags.text("VL", "VO"), issue=tags.text("IS"),
        pages=cite.page_range(tags.first("SP"), tags.first("EP")),
        keywords=cite.split_keywords((k.lstrip("*") for k in tags.all("KW")), commas=False),
        records=(record,),
    )


class _Tags:
    """A record's values by tag: continuation lines are further values of their tag."""

    def __init__(self, record: Record) -> None:
        self.fields = record.fields
        self.by_tag: dict[str, list[tuple[str, ...]]] = {}
        for f in record.fields:
            self.by_tag.setdefault(f.name, []).append(f.values)

    def all(self, *tags: str) -> list[str]:
        """Every non-blank value of any of ``tags``, in file order."""
        return [v for f in self.fields if f.name in tags for v in f.values if v.strip()]

    def first(self, tag: str) -> str:
        values = self.by_tag.get(tag)
        return values[0][0] if values and values[0] else ""

    def text(self, *tags: str) -> str:
        """The first of ``tags`` the record has, its lines joined into one text."""
        for tag in tags:
            if tag in self.by_tag:
                joined = clean(" ".join(self.by_tag[tag][0]))
                if joined:
                    return joined
        return ""


def _person(name: str, orcid: str = "") -> Person:
    """ "Family, Given" as most exports write it; Embase's "Fanning E." (family, then initials) too."""
    name = clean(name)
    if "," not in name and " " in name:
        family, _, initials = name.rpartition(" ")
        # "Cancer Research UK" is a group: a family of several words needs dotted initials.
        if _INITIALS.fullmatch(initials) and (" " not in family or "." in initials):
            return Person(name=f"{family}, {initials}", family=family, given=initials, orcid=orcid)
    return parse_person(name, orcid)


_RIS_DATE = re.compile(r"(\d{4})(?:[/-](\d{1,2})?(?:[/-](\d{1,2})?)?)?")


def _ris_date(text: str) -> str:
    """ISO date from RIS's "2019/10/05", "2019/10//", "2019///" or "2020//"; ISO text is taken as it is."""
    m = _RIS_DATE.match(clean(text))
    if not m:
        return ""
    return cite.date_from_parts(m.group(1), m.group(2) or "", m.group(3) or "") or iso_date(text)


def _abstract(text: str) -> tuple[tuple[Section, ...], tuple[Section, ...], str]:
    """Lay summary, abstract sections and the copyright line split from the abstract's end."""
    body, rights = cite.split_copyright(text)
    lay, abstract = cite.sections(body)
    return lay, abstract, rights


def _wos_article(record: Record) -> Article:
    """Web of Science tagged: TI, AF/AU, SO/JI, PY/PD, DI, PM, DT, DE/ID, OI ("Family, Given/0000-…")."""
    tags = _Tags(record)
    title = tags.text("TI")
    orcids = cite.orcids_by_name("; ".join(tags.all("OI")))
    names = tags.all("AF") or tags.all("AU")
    doi, pmid = ids.doi_from(tags.first("DI")), ids.pmid_from(tags.first("PM"))
    lay, abstract, rights = _abstract(tags.text("AB"))
    year, pd = clean(tags.first("PY")), clean(tags.first("PD"))
    day = re.search(r"\b(\d{1,2})\b", pd)
    return Article(
        id=cite.article_id("", pmid, doi, tags.first("UT"), title, FORMAT),
        title=title,
        authors=cite.with_orcids((_person(n) for n in names), orcids),
        journal=tags.text("JI", "J9") or tags.text("SO"),
        date=cite.date_from_parts(year, pd, day.group(1) if day else ""),
        publisher=tags.text("PU"),
        languages=cite.languages(tags.all("LA")),
        topics=cite.review_topics(tags.all("DT")),
        pmid=pmid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        volume=tags.text("VL"), issue=tags.text("IS"),
        pages=cite.page_range(tags.first("BP") or tags.first("AR"), tags.first("EP")),
        keywords=cite.split_keywords([" ".join(tags.all("DE")), " ".join(tags.all("ID"))], commas=False),
        records=(record,),
    )
