"""The National Library of Medicine's conventions that the MEDLINE, PubMed XML and JATS readers share.

One work reaches the site from several NLM formats (and from the catalogue dump made of them), so every rule
that decides a value lives here once: the topic a publication type gives, the article id and ORCIDs. The rules
follow ``tools/pubmed_to_dump.py``, which documents how
the catalogue dump derives its fields, so that the same work gets the same values from every source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import languages
from ..model.article import (
    NOTICE_KINDS,
    RETRACTED_TYPE,
    Link,
    MeshHeading,
    MeshQualifier,
    Notice,
    OtherAbstract,
    Section,
)
from ..model.identifiers import article_id as article_id  # the readers' id rule, kept with the identifiers
from ..model.normalize import clean

# Publication types that say nothing about what kind of work it is, so they never become its topic.
_GENERIC_TYPES = frozenset({"Journal Article", "English Abstract", "Comparative Study", "Historical Article"})


def topics_from_types(types: Iterable[str]) -> tuple[str, ...]:
    """The catalogue's rule: "Review" when any type is Review, else the first specific type, else the first."""
    kinds = [clean(t) for t in types if clean(t)]
    if "Review" in kinds:
        return ("Review",)
    specific = [t for t in kinds if t not in _GENERIC_TYPES and not t.startswith("Research Support")]
    return tuple((specific or kinds)[:1])


def mesh_heading(mh: str) -> MeshHeading | None:
    """A MEDLINE ``MH`` line's heading: "*Oryza/metabolism", "Syk Kinase/*antagonists & inhibitors/metabolism"
    (a star marks the descriptor, or the descriptor with that qualifier, as a major topic); None when empty."""
    descriptor, *qualifiers = (clean(part) for part in mh.split("/"))
    if not descriptor.lstrip("*"):
        return None
    return MeshHeading(descriptor.lstrip("*").strip(), descriptor.startswith("*"),
                       tuple(MeshQualifier(q.lstrip("*").strip(), q.startswith("*")) for q in qualifiers
                             if q.lstrip("*")))


def major(flag: str) -> bool:
    """PubMed XML's ``MajorTopicYN``."""
    return clean(flag) == "Y"


_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")


def orcid_from(text: str) -> str:
    """The bare ORCID ("0000-0002-1825-0097") in "ORCID: …", an orcid.org url or the digits alone."""
    m = _ORCID.search(text)
    return "-".join(m.groups()).upper() if m else ""


def family_given(family: str, given: str, suffix: str = "") -> str:
    """A person's name as the catalogue writes it, "Family, Given[, Suffix]", for ``parse_person``."""
    return ", ".join(p for p in (clean(family), clean(given), clean(suffix)) if p)




_BOOKSHELF_ACCESSION = re.compile(r"NBK\d+")


def bookshelf_links(accessions: Iterable[str]) -> tuple[Link, ...]:
    """Links to NCBI Bookshelf for a book's or chapter's accessions ("NBK1826", MEDLINE's ``[bookaccession]``,
    PubMed XML's ``bookaccession`` ArticleId); a value of another form is no accession and gives none."""
    found = dict.fromkeys(clean(a) for a in accessions if _BOOKSHELF_ACCESSION.fullmatch(clean(a)))
    return tuple(Link("NCBI Bookshelf", f"https://www.ncbi.nlm.nih.gov/books/{a}/") for a in found)


NOTICE_TAGS = {tag: kind for kind, tag in NOTICE_KINDS.items()}
"""MEDLINE's tag for each link between records that PubMed XML names by ``RefType``."""

_NOTICE_PMID = re.compile(r"\s*PMID:\s*(\d+)\s*\Z")
_NOTICE_DOI = re.compile(r"\bdoi:\s*(10\.\S+?)\.?(?=\s|\Z)", re.I)


def notice(kind: str, citation: str, pmid: str = "") -> Notice | None:
    """A link to another record: its kind (a RefType of ``NOTICE_KINDS``), its citation as the record gives it,
    with its PMID (given apart in XML; MEDLINE ends the citation in "PMID: 20137807") and the DOI the citation
    names ("… doi: 10.1016/S0140-6736(10)60175-4."). None for a kind the site does not show."""
    if kind not in NOTICE_KINDS:
        return None
    text = clean(citation)
    if not pmid and (m := _NOTICE_PMID.search(text)):
        pmid, text = m.group(1), text[:m.start()].rstrip()
    pmid = clean(pmid)
    doi = _NOTICE_DOI.search(text)
    return Notice(kind, text, pmid if pmid.isdigit() else "", doi.group(1) if doi else "")


def with_retraction(notices: Iterable[Notice | None], types: Iterable[str]) -> tuple[Notice, ...]:
    """The notices found, and a retraction without a citation when the publication type says the work is
    retracted but no "Retraction in" names the notice."""
    found = tuple(n for n in notices if n is not None)
    if any(clean(t) == RETRACTED_TYPE for t in types) and not any(n.kind == "RetractionIn" for n in found):
        found = (Notice("RetractionIn"), *found)
    return found


def other_abstracts(found: Iterable[tuple[str, list[Section]]]) -> tuple[OtherAbstract, ...]:
    """The abstracts in other languages than PubMed's English ``Abstract``, from (language, sections) in the
    record's order: PubMed XML's ``<OtherAbstract Language="spa">``, MEDLINE's OAB with its OABL. One in English
    (a PIP or NASA abstract of an old record) is not a translation: the full record shows it."""
    return tuple(other for language, sections in found
                 if (other := languages.abstract_in(language, sections)) and other.language.tag[:2] != "en")
