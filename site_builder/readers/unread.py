"""Saves and exports that name their records without giving them whole, known by how they start: each is named in
its warning with what gives the records instead, and ``site-builder add --from`` takes the identifiers they hold.

PubMed's "Save" offers "Summary (text)" (its default; each record one citation)::

    1: Davenport T, Kalakota R. The potential for artificial intelligence in healthcare. Future Healthc J. 2019
    Jun;6(2):94-98. doi: 10.7861/futurehosp.6-2-94. PMID: 31363513; PMCID: PMC6616181.

and "Abstract (text)" (each record a paragraph of citation, title, authors, affiliations and abstract)::

    1. Future Healthc J. 2019 Jun;6(2):94-98. doi: 10.7861/futurehosp.6-2-94.

    The potential for artificial intelligence in healthcare.

    Davenport T(1), Kalakota R(2).
    …
    PMID: 31363513

Neither marks where a title ends and a journal starts, nor an abstract's labels from its text, so reading them
would mean guessing at what a page shows. Its "PMID" save is a list of numbers. SpringerLink's CSV ("Download
search results": ``Item Title,Publication Title,…,Item DOI,Authors,…``) runs its authors' names together ("Araz R.
AlievNigar T. Ismayilova", "Prof. Rafik A. AlievProf. Dr. Janusz Kacprzyk"), where no rule can tell one name from
the next ("McDonald", "DeVries").
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_NUMBERED = re.compile(r"1(?P<mark>[.:]) \S")
""""1. Future Healthc J. …" (Abstract) or "1: Davenport T, …" (Summary): how PubMed's text saves start."""
_PMID_LINE = re.compile(r"^PMID: (\d{1,9})\b", re.M)
_CITED_PMID = re.compile(r"\bPMID: (\d{1,9})\b")
_NUMBER = re.compile(r"\d{1,9}")
SPRINGER_HEADER = ("Item Title", "Publication Title", "Book Series Title", "Journal Volume", "Journal Issue",
                   "Item DOI", "Authors", "Publication Year", "URL", "Content Type")
_ADD = "move the file out of content/ and add its records with 'site-builder add --from FILE'"


@dataclass(frozen=True)
class Unread:
    """A kind of file that names records without giving them whole."""

    name: str
    """As a warning names it."""
    instead: str
    """What to do instead, as a warning says it."""
    identifiers: Callable[[str], list[tuple[int, str]]]
    """The line and identifier of each record the file's text names, in its order."""

    def advice(self) -> str:
        return f"{self.name}, which site-builder does not read: {self.instead}; file skipped"


def _pmid_lines(text: str) -> list[tuple[int, str]]:
    return _with_lines(text, _PMID_LINE.finditer(text))


def _cited_pmids(text: str) -> list[tuple[int, str]]:
    return _with_lines(text, _CITED_PMID.finditer(text))


def _numbers(text: str) -> list[tuple[int, str]]:
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _springer_dois(text: str) -> list[tuple[int, str]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = next(reader, [])
    column = header.index("Item DOI") if "Item DOI" in header else -1
    found = []
    line = reader.line_num + 1
    for row in reader:
        if column >= 0 and len(row) > column and row[column].strip():
            found.append((line, row[column].strip()))
        line = reader.line_num + 1
    return found


def _with_lines(text: str, found: Iterator[re.Match[str]]) -> list[tuple[int, str]]:
    """(line, first group) of each match, the lines counted from one match to the next (a save of 10,000 records
    is not counted again from its start for each)."""
    out: list[tuple[int, str]] = []
    line, at = 1, 0
    for m in found:
        line += text.count("\n", at, m.start())
        at = m.start()
        out.append((line, m.group(1)))
    return out


ABSTRACT = Unread("PubMed's 'Abstract (text)' save", "it runs each record's fields together as prose; in PubMed, "
                  "save the search again with 'Format: PubMed' (or 'CSV'), or " + _ADD, _pmid_lines)
SUMMARY = Unread("PubMed's 'Summary (text)' save", "it runs each record's fields together as prose; in PubMed, "
                 "save the search again with 'Format: PubMed' (or 'CSV'), or " + _ADD, _cited_pmids)
PMIDS = Unread("a list of PMIDs (PubMed's 'PMID' save)", "it holds no records; " + _ADD, _numbers)
SPRINGER = Unread("SpringerLink's CSV ('Download search results')", "it runs its authors' names together, where "
                  "no rule can tell one from the next; " + _ADD + " (by their DOIs)", _springer_dois)


def known(head: str) -> Unread | None:
    """Which of these the file starting with ``head`` is; None for any other."""
    lines = [line.strip() for line in head.lstrip("\ufeff").splitlines() if line.strip()]
    if not lines:
        return None
    if all(_NUMBER.fullmatch(line) for line in lines):
        return PMIDS
    if next(csv.reader([lines[0]]), []) == list(SPRINGER_HEADER):
        return SPRINGER
    numbered = _NUMBERED.match(lines[0])
    if numbered and numbered.group("mark") == "." and _PMID_LINE.search(head):
        return ABSTRACT
    if numbered and numbered.group("mark") == ":" and _CITED_PMID.search(head):
        return SUMMARY
    return None


def advice(head: str) -> str:
    """What the warning about a file starting with ``head`` says, when it is one of these; else ""."""
    found = known(head)
    return found.advice() if found is not None else ""
