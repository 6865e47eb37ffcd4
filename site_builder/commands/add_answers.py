"""What the services answered ``add``, checked against what was asked: pure functions, no network, no files.

- efetch's MEDLINE text is cut into one block per record with the project's MEDLINE reader, and each block kept
  as PubMed wrote it, to be saved as it is; PMIDs that PubMed says are "not available" are told apart from an
  answer that is not MEDLINE at all.
- the ID converter's records are matched to the PMCIDs and DOIs asked for by what they contain (older answers
  carry no "requested-id"), and give the PMID to fetch.
- doi.org's CSL-JSON must describe the DOI asked for.
- MEDLINE's own vocabulary says when a record is retracted, is a retraction or erratum notice, or was replaced
  by a corrected version: such a record is refused (``--force`` takes it anyway); an erratum or expression of
  concern published about an article is only noted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..model.article import Record
from ..model.identifiers import doi_key, pmcid_key, pmid_key
from ..readers import medline
from ..readers.catalogue import split_lines

EFETCH = "efetch"
"""The name MEDLINE diagnostics give the answer (it has no file yet)."""

REFUSED_TYPES = {
    "retracted publication": "has been retracted",
    "retraction of publication": "is a retraction notice, not an article",
    "retraction notice": "is a retraction notice, not an article",
    "published erratum": "is an erratum notice, not an article",
    "erratum": "is an erratum notice, not an article",
}
"""MEDLINE publication types (PT, case-folded) that make a record one to refuse, and what it then is."""
REFUSED_LINKS = {
    "RIN": ("has been retracted", "Retraction in", False),
    "ROF": ("is a retraction notice, not an article", "Retraction of", False),
    "EFR": ("is an erratum notice, not an article", "Erratum for", True),
    "CRI": ("was replaced by a corrected version", "Corrected and republished in", True),
    "RRI": ("was retracted and replaced by a new version", "Retracted and republished in", True),
}
"""MEDLINE comment-and-correction tags that refuse a record: what the record then is, the tag's meaning, and
whether the record it names is the one to add instead."""
NOTED_LINKS = {
    "EIN": "an erratum was published",
    "ECI": "an expression of concern was published",
}
"""Tags about an article that is still the article: noted when it is added."""
_PMID_IN_LINK = re.compile(r"PMID:\s*(\d+)")
_NOT_AVAILABLE = re.compile(r"The following PMID is not available:\s*([\d,\s]+)")


@dataclass(frozen=True, slots=True)
class MedlineAnswer:
    """One record of an efetch answer: as read, and as PubMed wrote it."""

    record: Record
    text: str
    """The record's lines, joined with LF, ending with one."""

    @property
    def pmid(self) -> str:
        return pmid_key(self.record.first("PMID"))


@dataclass(frozen=True, slots=True)
class Efetched:
    """An efetch answer, cut up."""

    records: dict[str, MedlineAnswer]
    """By PMID."""
    unavailable: frozenset[str]
    """PMIDs the answer says are not available."""
    junk: str
    """The start of what the answer holds that is neither (a non-MEDLINE answer), "" when nothing."""


def cut_medline(text: str) -> Efetched:
    """The records of efetch's MEDLINE text, each with the lines it was read from."""
    unavailable = frozenset(p for m in _NOT_AVAILABLE.finditer(text) for p in re.findall(r"\d+", m.group(1)))
    lines = split_lines(text.removeprefix("\ufeff"))
    found, _problems = medline.read(text, EFETCH)
    records: dict[str, MedlineAnswer] = {}
    starts = [r.where.line for r in found] + [len(lines) + 1]
    for record, start, end in zip(found, starts, starts[1:], strict=False):
        block = lines[start - 1:end - 1]
        while block and not block[-1].strip():
            block.pop()
        answer = MedlineAnswer(record, "\n".join(block) + "\n")
        if answer.pmid:
            records.setdefault(answer.pmid, answer)
    leftover = "" if found or unavailable else " ".join(text.split())[:60]
    return Efetched(records, unavailable, leftover)


def missing_pmid(pmid: str, answer: Efetched, asked: list[str]) -> str:
    """Why the answer holds no record for ``pmid``."""
    if pmid in answer.unavailable:
        return f"PubMed says PMID {pmid} is not available"
    if answer.junk:
        return f"PubMed answered something that is not MEDLINE text ({answer.junk!r})"
    others = sorted(set(answer.records) - set(asked))
    if others:
        return f"PubMed answered with PMID {', '.join(others)}, not {pmid}"
    return f"PubMed has no record for PMID {pmid}"


@dataclass(frozen=True, slots=True)
class Converted:
    """What the ID converter says about one PMCID or DOI."""

    pmid: str = ""
    pmcid: str = ""
    doi: str = ""
    error: str = ""
    """The converter's own message when it knows no such article ("Identifier not found in PMC")."""


def match_converted(records: list[dict[str, Any]], asked: list[str], kind: str) -> dict[str, Converted]:
    """The converter's answer for each of ``asked`` (PMCIDs or DOIs, as ``kind`` says), matched by the
    identifiers each record holds; an ID no record mentions is left out."""
    normal = pmcid_key if kind == "pmcid" else doi_key
    wanted = {normal(a): a for a in asked}
    found: dict[str, Converted] = {}
    for record in records:
        names = [str(record.get(k, "")) for k in ("requested-id", kind)]
        target = next((wanted[normal(n)] for n in names if n and normal(n) in wanted), None)
        if target is None or target in found:
            continue
        error = str(record.get("errmsg", "")) if record.get("status") == "error" else ""
        found[target] = Converted(pmid=pmid_key(str(record.get("pmid", ""))) if not error else "",
                                  pmcid=pmcid_key(str(record.get("pmcid", ""))), doi=str(record.get("doi", "")),
                                  error=error or ("" if record.get("pmid") else "no PMID"))
    return found


def check_csl(text: str, doi: str) -> tuple[dict[str, Any] | None, str]:
    """The CSL-JSON item of a doi.org answer, or None and why it cannot be taken."""
    try:
        data = json.loads(text)
    except ValueError:
        return None, f"doi.org answered text that is not JSON ({' '.join(text.split())[:60]!r})"
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return None, "doi.org answered JSON that is not a CSL-JSON item (no \"type\")"
    said = data.get("DOI")
    if isinstance(said, str) and said and doi_key(said) != doi_key(doi):
        return None, f"doi.org answered with DOI {said}, not {doi}"
    if not data.get("title"):
        return None, "doi.org answered a CSL-JSON item without a title"
    return data, ""


def csl_file_text(item: dict[str, Any]) -> str:
    """The item as the file add writes: one item in an array, two-space indents, non-ASCII kept.

    ``type``, ``DOI`` and ``title`` come first: a registration agency may put a long abstract before them, and a
    reader recognises CSL-JSON by the keys at the start of a file. Key order means nothing in JSON, so no value
    changes.
    """
    first: dict[str, Any] = {k: item[k] for k in ("type", "DOI", "title") if k in item}
    ordered: dict[str, Any] = {**first, **{k: v for k, v in item.items() if k not in first}}
    return json.dumps([ordered], ensure_ascii=False, indent=2) + "\n"


def medline_mismatch(answer: MedlineAnswer, pmcid: str = "", doi: str = "") -> str:
    """Why a MEDLINE record is not the work named by ``pmcid`` or ``doi``; "" when nothing says it is not."""
    record = answer.record
    has_pmc = pmcid_key(record.first("PMC"))
    if pmcid and has_pmc and has_pmc != pmcid_key(pmcid):
        return f"PubMed's record {answer.pmid} is {has_pmc}, not {pmcid}"
    dois = {doi_key(v.rstrip().removesuffix("[doi]")) for v in (*record.values("AID"), *record.values("LID"))
            if v.rstrip().endswith("[doi]")}
    if doi and dois and doi_key(doi) not in dois:
        return f"PubMed's record {answer.pmid} has DOI {sorted(dois)[0]}, not {doi}"
    return ""


def refusal(record: Record) -> str:
    """Why the collection should not take this MEDLINE record as an article; "" when nothing says so."""
    what = next((REFUSED_TYPES[t.strip().casefold()] for t in record.values("PT")
                 if t.strip().casefold() in REFUSED_TYPES), "")
    tag = next((tag for tag in REFUSED_LINKS if record.values(tag)), "")
    if not what and not tag:
        return ""
    pmid = pmid_key(record.first("PMID"))
    if not tag:
        return f"PMID {pmid} {what}"
    link_what, meaning, instead = REFUSED_LINKS[tag]
    value = record.values(tag)[-1]
    message = f"PMID {pmid} {what or link_what} ({meaning}: {value})"
    other = _PMID_IN_LINK.search(value)
    return message + (f"; to add that one: site-builder add {other.group(1)}" if instead and other else "")


def notes(record: Record) -> list[str]:
    """What MEDLINE says was published about an article that stays the article (errata, concerns)."""
    return [f"{what}: {value}" for tag, what in NOTED_LINKS.items() for value in record.values(tag)]
