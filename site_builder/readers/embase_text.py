"""Reader for Embase.com's plain-text export ("Export", "Plain text"): each record headed "RECORD 1", each field
a line of its name in capitals, then its values.

A sample (shortened)::

    RECORD 1
    TITLE
      Salivary and urinary microRNAs as non-invasive biomarkers of minimal
    residual disease in pediatric acute lymphoblastic leukemia
    AUTHOR NAMES
      Pando-Caciano A.; Godoy-Vila V.; Murillo-Vizcarra S.
    SOURCE
      Pediatric Blood and Cancer (2026) 73:2 Article Number: e32158. Date of
    Publication: 1 Feb 2026
    ISSN
      1545-5017 (electronic)
      1545-5009
    EMTREE MEDICAL INDEX TERMS (MAJOR FOCUS)
      childhood cancer (diagnosis); diagnosis time;
    MEDLINE PMID
      41712675 (http://www.ncbi.nlm.nih.gov/pubmed/41712675)

Each value starts on a line indented by a space or two; a long value goes on at the start of the next lines, each
line it was cut at ending in a space, not shown above (where a line ends without one, as between the entries of
"AUTHOR ADDRESSES", the line break is the value's). A field of several values ("ISSN") gives each its indented line.
A field's name is a line of capitals (and "AiP/IP ENTRY DATE") followed by an indented line: a value's own line of
capitals goes on with that value unless a value starts under it.

The fields are those of Embase's CSV export under its headings in capitals ("SOURCE TITLE" its "Source title"),
so an article is made as that export's is (table_exports.py), with every ISSN and the title in the work's own
language ("ORIGINAL (NON-ENGLISH) TITLE"). Text before the first record is reported and not read. Every field is
kept as written, with its line, for the full-record view; the record's number too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import identifiers as ids
from ..model.article import Article, Field, Record
from .catalogue import split_lines
from .ris import _person as embase_person  # "Yang Z.": Embase's names, as its RIS export writes them
from .table_exports import EMBASE_KINDS, Columns
from .table_exports import to_article as table_article

FORMAT = "embase-text"

_RECORD = re.compile(r"RECORD (\d+)\Z")
_NAME = re.compile(r"[A-Z][A-Z0-9 ()/&,'-]*[A-Z)]\Z|AiP/IP ENTRY DATE\Z")
"""A field's name: capitals, as Embase writes every one but "AiP/IP ENTRY DATE"."""
_HEAD = re.compile(r"\A\ufeff?\s*RECORD 1\r?\n(?:[A-Z][^\n]*\r?\n)?[A-Z][A-Za-z0-9 ()/&,'-]*\r?\n[ \t]+\S")
"""The first record's number, then a field's name (the second line's, where a name's line has no value) and
the line of its value."""

COLUMNS = Columns(title="TITLE", authors="AUTHOR NAMES", parted="; ", name=embase_person, editors="EDITORS",
                  year="PUBLICATION YEAR", date="DATE OF PUBLICATION", journal="SOURCE TITLE", volume="VOLUME",
                  issue="ISSUE", first_page="FIRST PAGE", last_page="LAST PAGE", doi="DOI", pmid="MEDLINE PMID",
                  abstract="ABSTRACT",
                  keywords=("AUTHOR KEYWORDS", "EMTREE DRUG INDEX TERMS (MAJOR FOCUS)",
                            "EMTREE MEDICAL INDEX TERMS (MAJOR FOCUS)", "EMTREE DRUG INDEX TERMS",
                            "EMTREE MEDICAL INDEX TERMS"),
                  language="LANGUAGE OF ARTICLE", publisher="BOOK PUBLISHER", kind="PUBLICATION TYPE",
                  kinds=EMBASE_KINDS, urls=("FULL TEXT LINK", "EMBASE LINK"), key="PUI", citation="SOURCE",
                  original_title="ORIGINAL (NON-ENGLISH) TITLE", printed_first_is_no_day=True)
"""The CSV export's columns by the headings that stand for them."""
_ISSN = "ISSN"
_NUMBER = "RECORD"
"""The record's number in the export, kept as a field of that name."""


def sniff(head: str) -> bool:
    """Does the file hold "RECORD 1", a field's name under it and an indented value under that?"""
    return _HEAD.match(head.replace("\r\n", "\n")) is not None


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of one Embase plain-text export, and the problems met (the rest of the file is still read)."""
    records: list[Record] = []
    lines = split_lines(text.removeprefix("\ufeff"))
    fields: list[tuple[str, list[list[str]], int]] = []
    start = 0

    empty: list[int] = []  # the lines of records with a number and nothing else

    def close() -> None:
        if len(fields) > 1:
            records.append(Record(FORMAT, SourceSpan(path, start), tuple(
                Field(name, tuple(_joined(value) for value in values), line) for name, values, line in fields)))
        elif fields:
            empty.append(start)
        fields.clear()

    problems: list[Diagnostic] = []
    for number, line in enumerate(lines, start=1):
        if m := _RECORD.fullmatch(line.rstrip()):
            close()
            start = number
            fields.append((_NUMBER, [[m.group(1)]], number))
        elif not line.strip():
            continue
        elif not start:
            if not problems:
                problems.append(Diagnostic(Level.WARNING, SourceSpan(path, number), (
                    "text before the first record (a record starts at a line 'RECORD 1'); not read")))
        elif line[0] in " \t":  # a value starts
            fields[-1][1].append([line.lstrip(" \t")])
        elif _NAME.fullmatch(line.rstrip()) and _value_follows(lines, number):
            fields.append((line.rstrip(), [], number + 1))
        elif len(fields) > 1 and fields[-1][1]:  # a long value goes on
            fields[-1][1][-1].append(line)
        else:
            fields.append((line.rstrip(), [], number))  # a name with no value under it: kept, with none
    close()
    if empty:
        problems.append(Diagnostic(Level.WARNING, SourceSpan(path, empty[0]), (
            f"{len(empty)} record(s) with a number and no field (this one and any after it); nothing to read")))
    if not records:
        problems.append(Diagnostic(Level.ERROR, SourceSpan(path, 1),
                                   "no records: an Embase record starts with a line such as 'RECORD 1'"))
    return records, problems


def _value_follows(lines: list[str], number: int) -> bool:
    """Whether the line after line ``number`` (1-based) starts a value, indented."""
    return number < len(lines) and lines[number][:1] in (" ", "\t") and bool(lines[number].strip())


def _joined(lines: list[str]) -> str:
    """A value's lines as one: a line cut at a space runs on into the next; one that ends without a space ends a
    line of the value."""
    parts = [lines[0]]
    for line, before in zip(lines[1:], lines[:-1], strict=True):
        if not before.endswith(" "):
            parts[-1] = parts[-1].rstrip()
            parts.append("\n")
        parts.append(line)
    return "".join(parts).rstrip()


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The Article of one Embase record, made as the CSV export's rows are, with every ISSN it gives (one a line,
    "1545-5017 (electronic)")."""
    article, problems = table_article(record, COLUMNS, "embase")
    issns, issn_types = ids.typed_issns((value, "") for value in record.values(_ISSN))
    return replace(article, issns=issns, issn_types=issn_types), problems
