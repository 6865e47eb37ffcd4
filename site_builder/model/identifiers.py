"""Identifiers of a work (DOI, PMID, PMCID, ISSN, ISBN): found in text and links, checked, compared, and turned
into links.

Every reader, the merge, the summaries and every exporter use this module, so that one work has one form of
each identifier everywhere. The forms:

- DOI: ``10.<registrant>/<suffix>`` (DOI Handbook 2.2: the directory indicator "10", a registrant code of
  digits, possibly subdivided by dots, a slash, then a suffix of any printable characters; case-insensitive).
  Crossref's guidance finds ``10.\\d{4,9}/[-._;()/:A-Z0-9]+`` in nearly all of its DOIs and the rest in older
  forms with ``<>``, ``[]`` or ``#``, valid too (SICIs: ``10.1002/1097-0142(197701)39:1<227::aid-…>3.0.co;2-n``).
  A shortDOI (``https://doi.org/cb5f2j``, ``10/cb5f2j``) is an alias of a DOI, kept as a link.
- PMID: PubMed's number, 1 to 8 digits without a leading zero (PubMed's DTD).
- PMCID: ``PMC`` and PubMed Central's number, 1 to 8 digits without a leading zero.
- ISSN (ISO 3297) of the journal or series, print and electronic alike: ``NNNN-NNNC``, 8 characters whose last is a
  check digit, 0–9 or X. ISBN (ISO 2108) of the book: 10 characters (check digit 0–9 or X) or 13 digits starting
  978 or 979, grouped by hyphens or not. Kept as the record writes them; compared without hyphens.

A record may hold more than the identifier: ``doi:`` or a doi.org url around it (read silently), a sentence
around it, or a word glued on where a space was lost (``10.1038/nprot.2010.116.Data`` from "… 116. Data quality
…"). ``checked`` strips glued text only when it is clearly not part of the DOI and warns with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import quote, unquote

from ..diagnostics import Diagnostic, Level, SourceSpan
from .article import Article, Record
from .normalize import clean

# --- DOI ------------------------------------------------------------------------------------------------------

_DOI = re.compile(r"10\.[0-9]+(?:\.[0-9]+)*/\S+")
_CLOSERS = {")": "(", "]": "[", ">": "<", "}": "{"}
_TRAILING_PUNCTUATION = ".,;:'\"’”"


def doi_from(text: str) -> str:
    """The DOI in a DOI, a ``doi:`` string, a doi.org url (percent-decoded) or a sentence; "" when there is none.

    A closing bracket or a punctuation mark that ends the text is the sentence's, not the DOI's, unless the DOI
    opened that bracket (SICI forms hold balanced ``()`` and ``<>``).
    """
    if "%" in text and "doi.org/" in text.lower():
        text = unquote(text)
    if not text.isprintable():  # a zero-width space or soft hyphen pasted with it is invisible, not the DOI's
        text = "".join(c if c.isprintable() else " " for c in text)
    m = _DOI.search(text)
    if not m:
        return ""
    doi = m.group(0)
    while doi:
        last = doi[-1]
        if last in _TRAILING_PUNCTUATION or (last in _CLOSERS and doi.count(_CLOSERS[last]) < doi.count(last)):
            doi = doi[:-1]
        else:
            break
    return doi if _DOI.fullmatch(doi) else ""


def doi_field(text: str) -> str:
    """The DOI of a field that holds one DOI (a DOI column, RIS's DO, BibTeX's doi), where an export may have
    written a space into it: Scopus's "10.4156/ijact.vol4.issue 11.7", and "10.1663/0013-0001(2003)057 [
    0262:NFPITC]2.0.CO;2" in CiteSource's RIS. Read up to the space, each was another DOI (a link that does not
    resolve; the first, one that the issue's other articles give too). The DOI without its spaces when that is a
    DOI and what followed the space has a digit, no word of its own ("[doi]", "(Print)", "Epub 2020" are no
    DOI's) and no DOI of its own; else as doi_from reads it."""
    doi = doi_from(text)
    at = text.find(doi) if doi else -1
    rest = text[at + len(doi):] if at >= 0 else ""
    if not rest[:1].isspace() or not any(c.isdigit() for c in rest) or _DOI.search(rest):  # another DOI
        return doi
    if any(word.isalpha() for word in re.split(r"[\s\[\]()]+", rest)):
        return doi
    joined = doi + "".join(rest.split())
    while joined and joined[-1] in _TRAILING_PUNCTUATION:
        joined = joined[:-1]
    return joined if _DOI.fullmatch(joined) and not _GLUED_TAIL.search(joined) else doi


def is_doi(text: str) -> bool:
    """Whether ``text`` is a whole DOI in the Handbook's syntax (printable, no space)."""
    return _DOI.fullmatch(text) is not None and text.isprintable()


# Text that ends a DOI but is no part of it, when a space was lost: a reference's "PMID: …" or "Epub …", MEDLINE's
# "[doi]", or the page a publisher's url adds after the DOI ("…/abstract", "…/full").
_GLUED_TAIL = re.compile(r"(?<=[0-9a-z])\.?(?:PMID|PMCID|Epub)\b.*\Z|\.?\[doi\]\Z|/(?i:abstract|full|pdf|epdf)\Z",
                         re.S)
# The last dot-separated part of a DOI when it is a capitalised word after a digit ("…116.Data"): glued text,
# clearly so when the title starts with that word.
_LAST_WORD = re.compile(r"(?<=\d)\.([A-Z][a-z]{2,})\Z")


def glued_tail(doi: str, title: str = "") -> str:
    """The text glued on the end of a DOI that is clearly not part of it, or "" when there is none.

    Clearly: a word that starts the record's own title ("10.1038/nprot.2010.116.Data" for "Data quality
    control in …"), a reference's "PMID", "PMCID" or "Epub", MEDLINE's "[doi]" or a landing page's "/abstract".
    What is left must still be a DOI.
    """
    m = _GLUED_TAIL.search(doi)
    if not m and (last := _LAST_WORD.search(doi)) and _starts_with_word(title, last.group(1)):
        m = last
    tail = m.group(0) if m else ""
    return tail if tail and is_doi(doi[:-len(tail)]) else ""


def suspect_tail(doi: str) -> str:
    """A capitalised word ending a DOI after a digit ("….116.Data"), which may be glued text; "" otherwise."""
    m = _LAST_WORD.search(doi)
    return m.group(0) if m else ""


def _starts_with_word(text: str, word: str) -> bool:
    folded, word = text.casefold(), word.casefold()
    return folded.startswith(word) and not folded[len(word):len(word) + 1].isalnum()


# A shortDOI (shortdoi.org): a doi.org url whose path is a short code, with or without the "10/" handle prefix.
_SHORT_DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(?:10/)?([a-z0-9]+)/?\Z", re.I)


def short_doi(url: str) -> str:
    """The shortDOI ("10/cb5f2j") that a doi.org url such as ``https://doi.org/cb5f2j`` names, else ""."""
    m = _SHORT_DOI_URL.match(url.strip())
    return f"10/{m.group(1).lower()}" if m else ""


_URL_SAFE = "/:;()!$&'*+,=@"
"""What stays as is in a doi.org url: RFC 3986's path characters; "<", ">", "[", "]", "#", "?", "%", '"' and
non-ASCII are percent-encoded, as the DOI Handbook asks for DOIs in urls."""


def doi_url(doi: str) -> str:
    """The doi.org url of a DOI."""
    return f"https://doi.org/{quote(doi, safe=_URL_SAFE)}" if doi else ""


# --- PMID and PMCID -------------------------------------------------------------------------------------------

# ASCII digits only: "\d" would take other scripts' digits too.
_PMID = re.compile(r"[1-9][0-9]{0,7}")
_PMID_IN_TEXT = re.compile(r"\s*(?:PMID\s*:?\s*)?([0-9]+)\s*", re.I)
_PMCID = re.compile(r"PMC[1-9][0-9]{0,7}")
_PMCID_IN_TEXT = re.compile(r"\bPMC\s*(?:ID\s*:?\s*PMC\s*)?([0-9]+)\b", re.I)


def pmid_from(text: str) -> str:
    """The PMID in "35000000" or "PMID: 35000000" (digits only, as written); "" when the text is anything else."""
    m = _PMID_IN_TEXT.fullmatch(text)
    return m.group(1) if m else ""


def is_pmid(text: str) -> bool:
    return _PMID.fullmatch(text) is not None


def pmcid_from(text: str) -> str:
    """"PMC" and the digits of a PMC id written "PMC7058374", "pmc 7058374", "PMCID: PMC7058374" or as the bare
    number "7058374" (in a field that holds PMC ids); "" when there is none."""
    if m := _PMCID_IN_TEXT.search(text):
        return f"PMC{m.group(1)}"
    text = text.strip()
    return f"PMC{text}" if text.isdigit() and text.isascii() else ""


def is_pmcid(text: str) -> bool:
    return _PMCID.fullmatch(text) is not None


_NLM_DATABASE = re.compile(r"\b(?:NLM|PubMed|MEDLINE)\b", re.I)


def pubmed_accession(accession: str, databases: Iterable[str]) -> str:
    """The PMID that an accession number is when the record names NLM's database as its source (EndNote's
    RIS of a PubMed record: ``AN  - 21085122`` with ``DP  - NLM``); "" otherwise (Embase's or Web of Science's
    accession numbers are not PMIDs)."""
    return pmid_from(accession) if any(_NLM_DATABASE.search(db) for db in databases) else ""


def pubmed_url(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""


def pmc_url(pmcid: str) -> str:
    return f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/" if pmcid else ""


# --- identifiers in links -------------------------------------------------------------------------------------

_PUBMED_URL = re.compile(
    r"ncbi\.nlm\.nih\.gov/(?:pubmed/|entrez/.*[?&]list_uids=)([0-9]+)|pubmed\.ncbi\.nlm\.nih\.gov/([0-9]+)")
_PMC_URL = re.compile(r"(?:ncbi\.nlm\.nih\.gov|europepmc\.org)/(?:pmc/)?articles/(PMC[0-9]+)", re.I)
_DOI_URL = re.compile(r"doi\.org/(10\.\S+)", re.I)


def ids_from_urls(urls: Iterable[str]) -> tuple[str, str, str]:
    """PMID, PMCID and DOI that links to PubMed, PMC (NCBI or Europe PMC) and doi.org name, each "" when none does."""
    pmid = pmc = doi = ""
    for url in urls:
        if not pmid and (m := _PUBMED_URL.search(url)):
            pmid = m.group(1) or m.group(2)
        if not pmc and (m := _PMC_URL.search(url)):
            pmc = m.group(1).upper()
        if not doi and (m := _DOI_URL.search(url)):
            # the whole "doi.org/…", so that doi_from decodes a DOI whose "/" is percent-encoded, as Crossref's
            # BibTeX writes its url ("https://doi.org/10.1126%2Fscience.169.3946.635")
            doi = doi_from(m.group(0))
    return pmid, pmc, doi


def names_an_identifier(url: str) -> bool:
    """Whether a link is a PubMed, PMC or DOI link, which pages show in canonical form from the identifier instead
    (a shortDOI is not: it is an alias that only doi.org can resolve, so it stays a link of its own)."""
    return any(ids_from_urls([url]))


def article_id(pmcid: str, pmid: str, doi: str) -> str:
    """The id the catalogue gives a work: ``pubmed-<PMC number>``, else ``pubmed-<PMID>``, else ``doi-…``."""
    if pmcid:
        return f"pubmed-{pmcid.removeprefix('PMC')}"
    if pmid:
        return f"pubmed-{pmid}"
    return f"doi-{doi}" if doi else ""


# --- ISSN and ISBN ---------------------------------------------------------------------------------------------

# A number in a longer value: "1999-7777(Electronic),0222-6666(Print)", "ISBN 978-0-12-345678-9 (pbk.)", ERIC's
# "ISSN-1234-4567". Digits and hyphens that end in a digit or X, not inside a word; ``_standard_kind`` then tells an
# ISSN from an ISBN by length.
_STANDARD_NUMBER = re.compile(r"(?:(?<=IS[SB]N-)|(?<![\w-]))[0-9][0-9-]{6,15}[0-9Xx](?![\w-])")


def _compact(number: str) -> str:
    return number.replace("-", "").replace(" ", "").upper()


def issn_key(number: str) -> str:
    """An ISSN to compare: digits and an upper-case X only ("0893164x" and "0893-164X" alike)."""
    return _compact(number)


def _standard_kind(number: str) -> str:
    """"issn", "isbn" or "" (neither form: a malformed value, or an ISSN's EAN-13 with 977)."""
    digits = _compact(number)
    if re.fullmatch(r"[0-9]{7}[0-9X]", digits):
        return "issn"
    if re.fullmatch(r"[0-9]{9}[0-9X]|97[89][0-9]{10}", digits):
        return "isbn"
    return ""


def standard_numbers(values: Iterable[str]) -> tuple[str, ...]:
    """Each ISSN or ISBN that ``values`` hold, as written, in order and once each (compared without hyphens); a
    value holding none (parted at ";" and ",") is kept whole as written, so that a malformed number is shown, never
    dropped."""
    found: dict[str, str] = {}
    for part in (p for value in values for p in re.split(r"[;,\n]", value)):
        for number in _numbers_in(part):
            found.setdefault(_compact(number), number)
    return tuple(found.values())


def _numbers_in(part: str) -> list[str]:
    part = clean(part)  # as every value a page shows: no control character, one space between words
    return [n for n in _STANDARD_NUMBER.findall(part) if _standard_kind(n)] or ([part] if part else [])


ISSN_TYPES = ("print", "electronic", "linking")
"""What an ISSN is, in PubMed's words (``IssnType``, MEDLINE's "(Print)", "(Electronic)", "(Linking)": the ISSN-L
that links a journal's media), as ``Article.issn_types`` holds them."""
_ISSN_TYPE = re.compile(r"\(\s*(print|electronic|linking)\s*\)", re.I)


def typed_issns(values: Iterable[tuple[str | None, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ISSNs of ``values`` as ``standard_numbers`` gives them, and what each is (``Article.issn_types``). Each
    value comes with the types its field says ("Print", PubMed XML's ``IssnType``; "" for none); a value's own
    "(Electronic)" (MEDLINE's "IS  - 1476-4687 (Electronic)") says it too. One number given twice (as print, then
    as linking) is one ISSN of both types."""
    found: dict[str, str] = {}
    types: dict[str, list[str]] = {}
    for value, given in values:
        for part in re.split(r"[;,\n]", value or ""):
            said = [t.lower() for t in _ISSN_TYPE.findall(part)] or given.lower().split()
            for number in _numbers_in(part):
                found.setdefault(_compact(number), number)
                known = types.setdefault(_compact(number), [])
                known += [t for t in said if t in ISSN_TYPES and t not in known]
    shown = tuple(" ".join(types[key]) for key in found)
    return tuple(found.values()), shown if any(shown) else ()


def holds_standard_number(text: str) -> bool:
    """Whether ``text`` holds a number of an ISSN's or an ISBN's form (checked or not)."""
    return any(_standard_kind(n) for n in _STANDARD_NUMBER.findall(text))


def issns_and_isbns(values: Iterable[str], book: bool,
                    own_number: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ISSNs and the ISBNs among numbers that one field gives for either (RIS SN, MSBib's StandardNumber),
    told apart by their form; a number of neither form goes with the ISBNs of a work that a book is or holds
    (``book``), else with the ISSNs; or with neither where the field is also the work's own number
    (``own_number``: EndNote's "Report Number" of a report)."""
    numbers = standard_numbers(values)
    kinds = [_standard_kind(n) or ("" if own_number else "isbn" if book else "issn") for n in numbers]
    return (tuple(n for n, k in zip(numbers, kinds, strict=True) if k == "issn"),
            tuple(n for n, k in zip(numbers, kinds, strict=True) if k == "isbn"))


def is_valid_issn(number: str) -> bool:
    """Whether ``number`` is an ISSN whose check digit agrees (ISO 3297: weights 8 to 2, modulo 11, 10 as X)."""
    digits = _compact(number)
    if _standard_kind(number) != "issn":
        return False
    check = -sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True)) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def is_valid_isbn(number: str) -> bool:
    """Whether ``number`` is an ISBN-10 or ISBN-13 whose check digit agrees (ISO 2108)."""
    digits = _compact(number)
    if _standard_kind(number) != "isbn":
        return False
    if len(digits) == 13:
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    total = sum((10 if d == "X" else int(d)) * w for d, w in zip(digits, range(10, 0, -1), strict=True))
    return "X" not in digits[:9] and total % 11 == 0


def issn_tag_form(number: str) -> str:
    """An ISSN as ``citation_issn`` gives it: a valid one as ``NNNN-NNNC`` (the form ISO 3297 prints and the ISSN
    Portal looks up), any other as written."""
    if not is_valid_issn(number):
        return number
    digits = _compact(number)
    return f"{digits[:4]}-{digits[4:]}"


# --- comparing ------------------------------------------------------------------------------------------------

def doi_key(text: str) -> str:
    """A DOI for comparing: found inside a url or "doi:" text, case-folded (DOIs are case-insensitive)."""
    return doi_from(text).casefold()


def pmid_key(text: str) -> str:
    return pmid_from(text)


def pmcid_key(text: str) -> str:
    """"PMC" and the digits, from "PMC8699378" or "8699378"; "" when there are none."""
    return pmcid_from(text)


def is_glued_form(longer: str, clean: str) -> bool:
    """Whether DOI ``longer`` is DOI ``clean`` with text glued on after a separator ("….116" and "….116.Data")."""
    longer, clean = longer.casefold(), clean.casefold()
    return len(longer) > len(clean) and longer.startswith(clean) and not longer[len(clean)].isalnum()


def is_cut_sici(whole: str, cut: str) -> bool:
    """Whether DOI ``cut`` is SICI DOI ``whole`` up to its bracket ("10.1663/0013-0001(2003)057" of
    "10.1663/0013-0001(2003)057[0262:NFPITC]2.0.CO;2"), as an export that writes spaces in it gives it: the
    same work's DOI (is_glued_form), but the whole one is the DOI."""
    return is_glued_form(whole, cut) and whole[len(cut)] == "["


# --- checking what a reader made ------------------------------------------------------------------------------

def checked(article: Article) -> tuple[Article, list[Diagnostic]]:
    """The article with a DOI, PMID and PMCID that are valid, each warning naming the file and line of the value.

    A DOI with clearly glued text loses it (and an id made from it follows); an invalid value is left out of the
    article, so that no page links it and no export writes it: the record still shows it in the full view.
    """
    record = article.records[0] if article.records else None
    problems: list[Diagnostic] = []
    changes: dict[str, Any] = {}  # Any: replace() takes each field's own type
    doi = article.doi
    if doi and (tail := glued_tail(doi, article.title)):
        doi = doi[:-len(tail)]
        problems.append(_warning(article, record, article.doi,
                                 f"the DOI {article.doi!r} has text glued on ({tail!r}); read as {doi!r}"))
    elif doi and (tail := suspect_tail(doi)):
        problems.append(_warning(article, record, doi, f"the DOI {doi!r} may have text glued on ({tail!r}); "
                                                       "kept as it is"))
    if doi and not is_doi(doi):
        problems.append(_warning(article, record, doi, f"{doi!r} is not a DOI (10.<registrant>/<suffix>); "
                                                       "it is not linked or exported"))
        doi = ""
    if doi != article.doi:
        changes["doi"] = doi
    if article.pmid and not is_pmid(article.pmid):
        problems.append(_warning(article, record, article.pmid, f"{article.pmid!r} is not a PMID (1 to 8 digits, "
                                                                 "no leading zero); it is not linked or exported"))
        changes["pmid"] = ""
    if article.pmcid and not is_pmcid(article.pmcid):
        problems.append(_warning(article, record, article.pmcid, f"{article.pmcid!r} is not a PMCID (PMC and 1 to 8 "
                                                                   "digits); it is not linked or exported"))
        changes["pmcid"] = ""
    if not changes:
        return article, problems
    checked_article = replace(article, **changes)
    made = article_id(checked_article.pmcid, checked_article.pmid, checked_article.doi)
    if article.id == article_id(article.pmcid, article.pmid, article.doi) and made:
        checked_article = replace(checked_article, id=made)  # an id made from a value that changed follows it
    return checked_article, problems


def _warning(article: Article, record: Record | None, value: str, message: str) -> Diagnostic:
    return Diagnostic(Level.WARNING, _where(article, record, value), message)


def _where(article: Article, record: Record | None, value: str) -> SourceSpan:
    """The file and line of the first field that holds ``value`` as a whole word (or a PMCID's number), else the
    record's first line."""
    if record is None:
        return article.where
    for needle in dict.fromkeys((value, value.removeprefix("PMC"))):
        word = re.compile(rf"(?<![^\W_]){re.escape(needle)}(?![^\W_])", re.I)
        for field in record.fields:
            if any(word.search(v) for v in field.values):
                return SourceSpan(record.where.path, field.line)
    return record.where
