"""What ``add`` is asked for: PMIDs, PMCIDs and DOIs as people paste them, read into one form.

Each of these names a work, and becomes ``Wanted("pmid", "34944988")``, ``Wanted("pmcid", "PMC8699378")`` or
``Wanted("doi", "10.3390/cancers13246368")``::

    34944988                PMID: 34944988          https://pubmed.ncbi.nlm.nih.gov/34944988/
    PMC8699378              PMCID: PMC8699378       https://pmc.ncbi.nlm.nih.gov/articles/PMC8699378/
    10.3390/cancers13246368 doi:10.3390/...         https://doi.org/10.3390/cancers13246368

``--from FILE`` reads one a line: blank lines and ``#`` comments are skipped, a list marker ("-", "*", "1.")
and anything after the identifier are ignored, so a reading list pasted from an email works as it is. A save that
names its records without giving them whole (PubMed's "Summary (text)" and "Abstract (text)", SpringerLink's CSV:
readers/unread.py) gives the identifier of each of its records instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..diagnostics import UserError
from ..model.identifiers import doi_from, ids_from_urls
from ..readers import unread

MAX_PMID_DIGITS = 9
"""PMIDs have 8 digits today; one more leaves room to grow, and anything longer is a typo or another number."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """One work asked for, by one identifier."""

    kind: str
    """"pmid", "pmcid" or "doi"."""
    value: str
    """Digits; "PMC" and digits; or the DOI as given (DOIs are compared case-folded)."""
    given: str
    """As the user wrote it, for messages."""

    @property
    def key(self) -> tuple[str, str]:
        """What two requests for the same identifier share."""
        return (self.kind, self.value.casefold() if self.kind == "doi" else self.value)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Text that names no PMID, PMCID or DOI, with why."""

    given: str
    reason: str


_LABEL = re.compile(r"(?i)(pmid|pmcid|pmc|doi)\s*:\s*")
_PMCID = re.compile(r"(?i)PMC(\d{1,9})")
_LIST_MARKER = re.compile(r"(?:[-*•]|\d{1,3}[.)])\s+")


def parse(text: str) -> Wanted | Unreadable:
    """The identifier ``text`` is, in any form above."""
    given = text.strip()
    label, value = _split_label(given)
    if not value:
        return Unreadable(given, "empty")
    if "://" in value or value.lower().startswith(("doi.org/", "dx.doi.org/", "pubmed.", "www.", "pmc.")):
        return _from_url(given, value)
    if label in ("", "pmid") and value.isdigit():
        return _pmid(given, value)
    if label in ("", "pmc", "pmcid") and (m := _PMCID.fullmatch(value)):
        return Wanted("pmcid", f"PMC{int(m.group(1))}", given)
    if label == "pmcid" and value.isdigit():
        return Wanted("pmcid", f"PMC{int(value)}", given)
    if label in ("", "doi") and value.startswith("10."):
        return _doi(given, value)
    return Unreadable(given, "not a PMID (digits), a PMCID (PMC and digits), a DOI (10.…/…) or a PubMed, PMC "
                             "or doi.org link")


def read_list(path: Path) -> list[tuple[str, Wanted | Unreadable]]:
    """(where, what) for each identifier line of a reading list; ``where`` is "FILE:LINE"."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "it is not UTF-8 text"
        raise UserError(f"cannot read the list {path}: {reason}") from err
    if (save := unread.known(text)) is not None:
        return [(f"{path}:{number}", parse(identifier)) for number, identifier in save.identifiers(text)]
    found: list[tuple[str, Wanted | Unreadable]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = _LIST_MARKER.sub("", line, count=1) if _LIST_MARKER.match(line) else line
        item = parse(_first_identifier(line))
        found.append((f"{path}:{number}", Unreadable(line, item.reason) if isinstance(item, Unreadable) else item))
    return found


def _first_identifier(line: str) -> str:
    """The identifier at the start of a line, with its label: "PMID: 123 (Smith 2021)" → "PMID: 123"."""
    m = _LABEL.match(line)
    label = line[:m.end()] if m else ""
    rest = line[len(label):].split()
    return label + (rest[0].rstrip(".,;") if rest else "")


def _split_label(text: str) -> tuple[str, str]:
    m = _LABEL.match(text)
    if not m:
        return "", text
    return m.group(1).lower(), text[m.end():].strip()


def _pmid(given: str, digits: str) -> Wanted | Unreadable:
    if len(digits) > MAX_PMID_DIGITS or int(digits) == 0:
        return Unreadable(given, f"{digits} is not a PMID (1 to {MAX_PMID_DIGITS} digits, not 0)")
    return Wanted("pmid", str(int(digits)), given)


def _doi(given: str, text: str) -> Wanted | Unreadable:
    doi = doi_from(unquote(text))
    if not doi or not unquote(text).startswith(doi):
        return Unreadable(given, "not a DOI: a DOI is 10., four or more digits, a slash and a suffix")
    return Wanted("doi", doi, given)


def _from_url(given: str, url: str) -> Wanted | Unreadable:
    link = unquote(url if "://" in url else "https://" + url)
    pmid, pmcid, doi = ids_from_urls([link])
    if pmid:
        return _pmid(given, pmid)
    if pmcid:
        return Wanted("pmcid", pmcid, given)
    if doi:
        return _doi(given, doi)
    return Unreadable(given, "a link that names no PMID, PMCID or DOI (PubMed, PMC and doi.org links do); "
                             "paste the article's DOI instead")
