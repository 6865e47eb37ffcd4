"""The National Library of Medicine's conventions that the MEDLINE, PubMed XML and JATS readers share.

One work reaches the site from several NLM formats (and from the catalogue dump made of them), so every rule
that decides a value lives here once: the topic a publication type gives, the article id and ORCIDs. The rules
follow ``tools/pubmed_to_dump.py``, which documents how
the catalogue dump derives its fields, so that the same work gets the same values from every source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.article import Link, MeshHeading, MeshQualifier
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
