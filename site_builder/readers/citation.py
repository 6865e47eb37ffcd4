"""What the citation readers (RIS, BibTeX, CSL-JSON, VuFind JSON) share when they turn a record into an Article.

Language names, dates from parts, abstract sections, the copyright line at the end of an abstract, review
detection, identifiers found in links and the article id. Pure functions; the format modules decide which of
their fields feed which helper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from .. import identifiers as ids
from ..model import Link, Person, Section
from ..normalize import clean, safe_url, slugify
from . import nlm
from .nlm import ISO639_2_TO_1, LANGUAGE_NAMES

# PubMed and MARC write ISO 639-2/B codes ("ger", "fre"), nlm.py maps those; other sources (Zotero, Crossref)
# write the terminology codes ("deu", "fra") as well.
_ISO639_2_TO_1 = {**ISO639_2_TO_1, **{
    "sqi": "sq", "hye": "hy", "eus": "eu", "mya": "my", "zho": "zh", "ces": "cs", "nld": "nl", "fra": "fr",
    "kat": "ka", "deu": "de", "ell": "el", "isl": "is", "mkd": "mk", "msa": "ms", "fas": "fa", "ron": "ro",
    "slk": "sk", "cym": "cy"}}

_LANGUAGE_CODE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*")


def language_name(value: str) -> str:
    """The English name of a language given as a name ("English"), an ISO code ("en", "eng") or a tag ("en-US")."""
    value = clean(value)
    m = _LANGUAGE_CODE.fullmatch(value)
    if not m:
        return value
    code = m.group(1).lower()
    code = _ISO639_2_TO_1.get(code, code)
    # A three-letter word such as "Ido" is a name, not a code we know: keep what the record says.
    return LANGUAGE_NAMES.get(code, value)


def languages(values: Iterable[str]) -> tuple[str, ...]:
    """Language names for values that may hold several ("English; Spanish")."""
    return unique(language_name(part) for v in values for part in re.split(r"[;,]", v) if part.strip())


def date_from_parts(year: object, month: object = "", day: object = "") -> str:
    """nlm.date_from_parts for parts that may be numbers (CSL-JSON's ``[[2019, 10, 5]]``) or None."""
    return nlm.date_from_parts(*(str(part) if part is not None else "" for part in (year, month, day)))


def best_date(*candidates: str) -> str:
    """The most precise of several ISO dates for one work, keeping the year of the first one given."""
    dates = [c for c in candidates if c]
    if not dates:
        return ""
    year = dates[0][:4]
    return max((d for d in dates if d[:4] == year), key=len)


# Section labels: an upper-case label ("BACKGROUND:", "SIMPLE SUMMARY:"), or one of the usual structured-abstract
# headings in title case ("Background:"). A label starts the text, a line, or follows the end of a sentence.
_TITLE_CASE_LABELS = (
    "Abstract", "Aim", "Aims", "Background", "Background and aims", "Background and objectives",
    "Background and purpose", "Clinical relevance", "Conclusion", "Conclusions", "Context", "Data collection",
    "Data extraction", "Data sources", "Data synthesis", "Design", "Discussion", "Evidence acquisition",
    "Evidence synthesis", "Findings", "Importance", "Interpretation", "Introduction", "Level of evidence",
    "Limitations", "Main outcome measures", "Main results", "Material and methods", "Materials and methods",
    "Methods", "Objective", "Objectives", "Outcomes", "Participants", "Plain language summary", "Purpose",
    "Rationale", "Results", "Review methods", "Search methods", "Selection criteria", "Setting", "Significance",
    "Simple summary", "Study design", "Study selection", "Summary", "Trial registration",
)
_LABEL = re.compile(
    r"(?:^|(?<=[.!?:;)\]]\s)|(?<=\n))\s*"
    r"(?P<label>[A-Z][A-Z'’&/,()\- ]*[A-Z)](?=:)|" + "|".join(_TITLE_CASE_LABELS) + r")\s*:\s+")
# The NLM readers' labels, so that one work shows its lay summary alike from every source.
_LAY_LABELS = frozenset(label.casefold() for label in nlm.LAY_LABELS)
_SHORT_LABELS = frozenset({"AIM", "Aim"})


def sections(text: str) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The lay summary and the abstract, each split at its labels ("BACKGROUND: … METHODS: …").

    An "ABSTRACT:" label that follows a lay summary only names the rest, so it becomes an unlabelled section.
    """
    lay: list[Section] = []
    abstract: list[Section] = []
    for section in _split_labels(text):
        if section.label.casefold() in _LAY_LABELS:
            lay.append(section)
        else:
            label = "" if section.label.casefold() == "abstract" else section.label
            abstract.append(Section(label, section.text))
    return tuple(lay), tuple(abstract)


def _is_label(label: str) -> bool:
    """Four letters at least ("CI:" in "95% CI: 1.2–3.4" is no heading), or "AIM"."""
    return sum(c.isalpha() for c in label) >= 4 or label in _SHORT_LABELS


def _split_labels(text: str) -> list[Section]:
    text = text.strip()
    matches = [m for m in _LABEL.finditer(text) if _is_label(m.group("label"))]
    if not matches:
        return [Section("", clean(text))] if clean(text) else []
    parts: list[Section] = []
    if clean(text[:matches[0].start()]):
        parts.append(Section("", clean(text[:matches[0].start()])))
    for m, after in zip(matches, [*matches[1:], None], strict=True):
        body = clean(text[m.end():after.start() if after else len(text)])
        parts.append(Section(clean(m.group("label")), body))
    return parts


# "(C)" counts only before a year: "(A) … (B) … (C) patients" is a list, not a copyright line.
_COPYRIGHT_TAIL = re.compile(
    r"(?:^|(?<=[.!?]\s))\s*((?:Copyright\s*)?(?:©|\([Cc]\)(?=\s*\d{4})|Copyright\b)[^©]{0,300}(?:©[^©]{0,300})*)$")


def split_copyright(text: str) -> tuple[str, str]:
    """An abstract without the copyright line that publishers append ("… © 2019 Elsevier Ltd"), and that line."""
    text = text.strip()
    m = _COPYRIGHT_TAIL.search(text)
    if not m or not clean(text[:m.start()]):
        return text, ""
    return text[:m.start()].rstrip(), clean(m.group(1))


_REVIEW_TYPES = frozenset({"review", "systematic review", "review article", "scoping review", "literature review",
                           "meta-analysis", "systematic review and meta-analysis"})


def is_review(types: Iterable[str]) -> bool:
    """Does any publication type ("Review", "Article; Review") say the work is a review?"""
    return any(part.strip().casefold() in _REVIEW_TYPES for t in types for part in re.split(r"[;,]", t))


def review_topics(types: Iterable[str]) -> tuple[str, ...]:
    return ("Review",) if is_review(types) else ()


def split_keywords(values: Iterable[str], commas: bool = True) -> tuple[str, ...]:
    """Keywords from values that may hold several, split at semicolons, or at commas when a value has no
    semicolon and ``commas`` is on (BibTeX's "a, b, c"; a RIS KW line is one keyword, commas and all)."""
    words: list[str] = []
    for value in values:
        separator = ";" if ";" in value or not commas else ","
        words.extend(clean(w) for w in value.split(separator))
    return unique(w for w in words if w)


def orcid(text: str) -> str:
    """The bare ORCID iD ("0000-0002-1825-0097") from an iD or its URL; "" when there is none."""
    return nlm.orcid_from(text)


_NAMED_ORCID = re.compile(r"([^;/\n]+)/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")


def orcids_by_name(text: str) -> dict[str, str]:
    """ORCID iDs by folded name from Web of Science's "Family, Given/0000-0002-…; Family2, Given2/…"."""
    return {_folded(m.group(1)): m.group(2) for m in _NAMED_ORCID.finditer(text)}


def with_orcids(people: Iterable[Person], orcids: dict[str, str]) -> tuple[Person, ...]:
    """The people with the ORCID iD listed under their name; a listed "Seymour, Colleen" also names the
    author "Seymour, Colleen L." (Web of Science lists the iD under the name the researcher registered)."""
    if not orcids:
        return tuple(people)
    matched = []
    for person in people:
        found = orcids.get(_folded(person.name), "") or next(
            (iD for name, iD in orcids.items() if person.family and _same_person(name, person)), "")
        matched.append(replace(person, orcid=person.orcid or found))
    return tuple(matched)


def _same_person(listed: str, person: Person) -> bool:
    family, _, given = listed.partition(",")
    given = given.strip()
    return (family.strip() == _folded(person.family) and bool(given)
            and _folded(person.given).startswith(given))


def _folded(name: str) -> str:
    return clean(name).casefold().rstrip(".")


_HOST_LABELS = {"pubmed.ncbi.nlm.nih.gov": "PubMed",
                "europepmc.org": "Europe PMC", "scopus.com": "Scopus", "arxiv.org": "arXiv"}


def links(urls: Iterable[str | tuple[str, str]]) -> tuple[Link, ...]:
    """Links for the urls that pass the scheme allow-list, once each; a (label, url) pair keeps its label.

    PubMed, PMC and DOI links are left out, as the catalogue reader leaves them out: pages link every
    identifier in its canonical form. A shortDOI (Manubot's ``https://doi.org/cb5f2j``) is a link of its own.
    """
    found: list[Link] = []
    seen: set[str] = set()
    for item in urls:
        label, url = item if isinstance(item, tuple) else ("", item)
        url = safe_url(url)
        if ids.names_an_identifier(url):
            continue
        if url and url not in seen:
            seen.add(url)
            found.append(Link(clean(label) or _label_for(url), url))
    return tuple(found)


def _label_for(url: str) -> str:
    if ids.short_doi(url):
        return "shortDOI"
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if host.endswith("ncbi.nlm.nih.gov"):
        return "PubMed Central" if "/pmc/" in parts.path else "PubMed"
    return _HOST_LABELS.get(host, host)


def page_range(first: str, last: str = "") -> str:
    """"121-128" from first and last page; a first page with no digit ("No" of Ovid's "No Specified") is none."""
    first, last = clean(first).replace("--", "-"), clean(last)
    if not re.search(r"\d", first):
        return ""
    return f"{first}-{last}" if last and re.search(r"\d", last) and "-" not in first else first


def article_id(pmc: str, pmid: str, doi: str, key: str, title: str, prefix: str) -> str:
    """The id the catalogue dumps use (nlm.article_id: ``pubmed-<PMC number>``, ``pubmed-<PMID>``, ``doi-<DOI>``),
    so that one work read from two formats gets one id; else the record's own key, else a slug of its title."""
    if ident := nlm.article_id(pmc, pmid, doi):
        return ident
    return f"{prefix}-{slugify(key if clean(key) else title)}"


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The values in first-seen order, each once, empty ones left out."""
    return tuple(dict.fromkeys(v for v in values if v))


_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|title|sec|br|div|li|list|list-item)\b[^<>]*>")
_INLINE_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


def strip_tags(text: str) -> str:
    """Text without the markup some sources leave in titles and abstracts: ``<jats:p>`` and ``<br/>`` part
    words, ``<i>`` and ``<sub>`` do not ("H<sub>2</sub>O" → "H2O")."""
    if "<" not in text:
        return text
    return _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", text))
