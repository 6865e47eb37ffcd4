"""What the citation readers (RIS, BibTeX, CSL-JSON, VuFind JSON) share when they turn a record into an Article.

Abstract sections, the copyright line at the end of an abstract, review
detection, identifiers found in links and the article id. Pure functions; the format modules decide which of
their fields feed which helper.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from ..model import dates, styles
from ..model import identifiers as ids
from ..model.article import NOTICE_NOTES, RETRACTED_TYPE, Article, Link, Notice, Person, Section
from ..model.normalize import NO_ABSTRACT, NO_NUMBER, NO_VALUE, clean, safe_url, slugify, unique_folded
from ..model.sections import labelled, printed, split_lay_summary, split_running, split_text
from . import nlm, xmltree


def sections(text: str, running: bool = False) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """The lay summary and the abstract, each split at its labels ("BACKGROUND: … METHODS: …"); with
    ``running``, also at headings that run into the text without a colon, as Web of Science writes them
    ("Objective This study …", model/sections.py's split_running)."""
    return split_lay_summary(split_running(text) if running else split_text(text))


# "(C)" counts only before a year: "(A) … (B) … (C) patients" is a list, not a copyright line. Embase writes the sign
# as "(copyright)": "… on the same level. (copyright) Wydawnictwo Continuo." (RefLib's tests/data/ris.txt). APA
# closes every PsycInfo abstract with its notice in brackets, "… to psychological care. (PsycINFO Database Record
# (c) 2019 APA, all rights reserved)" (Ovid's and EBSCOhost's exports): the rights are the words inside them, as
# they are of EBSCOhost's "… effects detected. [Copyright &y& Elsevier]" (its RIS export of Environment Index,
# CiteSource's vignettes/new_stage_data/envindex_100.ris), whose "&y&" is kept as written.
# Web of Science's abstracts may give the line after a sentence that lost its full stop, or after the journal's
# citation in brackets: "… boundedness of solution curve (C) 2011 Published by Elsevier Ltd. …" (Energy Procedia),
# "… surgery. (Clin Ther. 2010;32:1633-1637) (C) 2010 Excerpta Medica Inc." (github.com/mikethicke/bibliom's test
# data): there a "(C)" and a year are a copyright line when a holder's word follows ("(B) and (C) 2000 patients"
# are no such line).
_HOLDER_AFTER_YEAR = (r"\([Cc]\)\s*\d{4}\b[^©]{0,200}?\b(?:Published|[Rr]ights|Ltd|Inc|Elsevier|Wiley|Wolters|"
                      r"Springer|Society|Association|Press|Authors?|Medica|Media|Verlag|GmbH|Taylor|Francis|Karger|Thieme|"
                      r"Foundation|College|Communications|Institute|Company)\b")
_CROWN = r"(?:(?:[A-Z][a-z]+\s+)?Crown\s+)"
"""The Crown's copyright ("Crown Copyright © 2009", "Canadian Crown Copyright (C) 2001 Published by Elsevier")."""
EBSCO_NOTICE = re.compile(r"Copyright of [^\n]{1,300}? is the property of [^\n]{1,600}?\(Copyright applies to all "
                          r"Abstracts\.\)")
"""EBSCOhost's notice on the rights in an abstract: "Copyright of PLoS ONE is the property of Public Library of
Science and its content may not be copied … for the full abstract. (Copyright applies to all Abstracts.)". Its CSV
export writes it after the abstract in one column (tests/data/table-csv/ebsco-dinosaurs.csv), its RIS export in an
AB of its own."""
_COPYRIGHT_TAIL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\S\s)(?=" + _CROWN + r"?(?:Copyright\s*)?" + _HOLDER_AFTER_YEAR + r"))"
    r"\s*(" + _CROWN + r"?(?:Copyright\s*)?(?:©|\([Cc]\)(?=\s*\d{4})|\([Cc]opyright\)|Copyright\b)"
    r"[^©]{0,300}(?:©[^©]{0,300})*)$"
    r"|\s*\((Psyc[A-Za-z]+ Database Record \([Cc]\) \d{4} APA, all rights reserved)\)\.?$"
    r"|(?<=[.!?])\s*\[(Copyright [^\[\]]{1,100})\]$"
    rf"|(?:^|(?<=[.!?\]]\s))\s*({EBSCO_NOTICE.pattern})$")


_HEADING_TAG = re.compile(r"<(?:jats:)?(h[1-6]|title)\b[^<>]*>(.*?)</(?:jats:)?\1\s*>", re.S | re.I)


def has_headings(text: str) -> bool:
    """Whether an abstract marks its headings as HTML (``<h4>Background</h4>``) or JATS
    (``<jats:title>Background</jats:title>``) does."""
    return "<" in text and _HEADING_TAG.search(text) is not None


Abstract = tuple[tuple[Section, ...], tuple[Section, ...], str]
"""(lay summary, abstract, rights), as ``abstract`` gives them."""


def abstract(text: str, running: bool = False) -> Abstract:
    """(lay summary, abstract, copyright line) of an abstract that may hold HTML or JATS (``strip_tags``). Europe
    PMC marks its headings as HTML ("<h4>Background</h4>Depression affects …<h4>Methods</h4>…"), Crossref as JATS
    ("<jats:sec><jats:title>Objective</jats:title><jats:p>To determine …"): each labels the text after it,
    whatever its words ("Study objectives"); without them, the labels are found in the text (``sections``)."""
    if not has_headings(text):
        body, rights = split_copyright(strip_tags(text))
        return (*sections(body, running), rights)
    before, *rest = _HEADING_TAG.split(text)  # before, then (tag name, heading, text after it) for each heading
    body, rights = split_copyright(_element_text(rest[-1]))
    texts = [*(_element_text(t) for t in rest[2:-1:3]), body]
    parts = [*labelled("", _element_text(before)), *(
        part for label, said in zip(rest[1::3], texts, strict=True)
        for part in labelled(printed(clean(strip_tags(label))), said))]
    return (*split_lay_summary(parts), rights)


def _element_text(text: str) -> str:
    """The text between two headings of an abstract marked up so, without its tags; a semicolon at either end is
    no text's but what parts the elements where Lens.org flattens JATS ("<jats:title>Abstract</jats:title>;
    <jats:p>The integration of …</jats:p>")."""
    return clean(strip_tags(text)).strip("; ")


ABSTRACT_WORD = re.compile(r"\A\s*(?:Abstract|ABSTRACT)(?:(?:\.|[ \t]+-)?[ \t]+(?=[A-Z])|(?=[A-Z][a-z]))")
"""The word "Abstract" that headed a publisher's JATS abstract, left before the text when a database flattened it:
"Abstract Orthoconic cephalopods are …" (OpenAlex's RIS and CSV, Lens.org), or glued to it, "AbstractYouth with
inflammatory bowel disease …" (Ovid's PsycInfo of a Wiley article, in RIS), or with the full stop Copernicus prints
after it, "Abstract. To fully understand the carbon (C) cycle …" (Dimensions' RIS of 10.5194/bg-7-1375-2010,
CiteSource's new_stage_data/Dimensions_246.ris), or a dash, "Abstract - Background Premature ovarian …" (the Cochrane
Library's RIS of a review). It names the whole, no section."""


def split_copyright(text: str) -> tuple[str, str]:
    """An abstract without the copyright line that publishers append ("… © 2019 Elsevier Ltd"), and that line."""
    text = text.strip()
    m = _COPYRIGHT_TAIL.search(text)
    if not m or not clean(text[:m.start()]):
        return text, ""
    return text[:m.start()].rstrip(), clean(m.group(1) or m.group(2) or m.group(3) or m.group(4))


def without_placeholders(article: Article) -> Article:
    """The article without the keywords, the abstract, the volume and the issue that are only a database's word
    for no value ("n/a", ``NO_VALUE``) or a publisher's for an issue not there yet; the full record still shows
    them as written."""
    keywords = tuple(k for k in article.keywords if k not in NO_VALUE)
    placeholder = len(article.abstract) == 1 and article.abstract[0].text in NO_ABSTRACT
    abstract = () if placeholder else article.abstract
    volume = "" if article.volume in NO_NUMBER else article.volume
    issue = "" if article.issue in NO_NUMBER else article.issue
    if _not_in_an_issue_yet(volume, issue):
        volume = issue = ""
    if article.doi.startswith(_WILEY_PREFIXES):  # Wiley's "9999" of an article not yet in an issue
        volume = "" if volume == _WILEY_NO_NUMBER else volume
        issue = "" if issue == _WILEY_NO_NUMBER else issue
    if (keywords, abstract, volume, issue) == (article.keywords, article.abstract, article.volume, article.issue):
        return article
    return replace(article, keywords=keywords, abstract=abstract, volume=volume, issue=issue)


_NO_ISSUE_YET = frozenset({"0", "ja"})
"""The issues Atypon's exports give an article published online before its issue, beside the volume "0": Taylor &
Francis's RIS "VL  - 0", "IS  - 0" (and BibTeX "volume = {0}, number = {0}"), "number = {ja}" (just accepted)."""


def _not_in_an_issue_yet(volume: str, issue: str) -> bool:
    """Are the volume and issue Atypon's words for none yet? A volume "0" alone may be a real one."""
    return volume == "0" and issue in _NO_ISSUE_YET


_WILEY_PREFIXES = ("10.1002/", "10.1111/")
_WILEY_NO_NUMBER = "9999"
"""The volume and issue Wiley Online Library gave an article published online before its issue ("Early View"),
as exports of its records kept them: EndNote's RIS of Castoe et al., Molecular Ecology Resources
(10.1111/j.1755-0998.2009.02750.x), "VL - 9999", "M1 - 9999". Only a Wiley article's: Lecture Notes in Computer
Science has a real volume 9999."""


# ERIC closes an abstract its author wrote with "(As Provided)" (an abstractor's with initials: "(MVL)"), in every
# export of its records: Ovid's RIS ("… outside its reach. (As Provided)", EJ1251011), its .nbib, its API's JSON.
# EBSCOhost closes one with where it came from: "… by the biotic and abiotic conditions. [ABSTRACT FROM AUTHOR]",
# "[ABSTRACT FROM PUBLISHER]", "[Extracted from the article]" (its RIS export of Environment Index and Criminal
# Justice Abstracts records, CiteSource's vignettes/new_stage_data/envindex_100.ris, topic_data/…_crimjust_41.ris).
# The words say who wrote the abstract and are none of it; the full record still shows them.
_SOURCE_NOTES = ("(As Provided)", "[ABSTRACT FROM AUTHOR]", "[ABSTRACT FROM PUBLISHER]", "[Extracted from the article]")
_SOURCE_NOTE = re.compile(r"\s*(?:" + "|".join(map(re.escape, _SOURCE_NOTES)) + r")\Z")


def without_source_note(article: Article) -> Article:
    """The article without the note that ERIC ("(As Provided)") or EBSCOhost ("[ABSTRACT FROM AUTHOR]") puts after
    the last words of an abstract to say who wrote it."""
    # The text's end asked first: a search for the note tried the pattern at every character of every abstract.
    if not article.abstract or not (last := article.abstract[-1].text).endswith(_SOURCE_NOTES):
        return article
    text = _SOURCE_NOTE.sub("", last)
    kept = (*article.abstract[:-1], replace(article.abstract[-1], text=text)) if text else article.abstract[:-1]
    return replace(article, abstract=kept)


# ERIC closes an abstract its own abstractor wrote or edited with the abstractor's initials in parentheses, after
# the last sentence: "… with current evolution theories and geological records. (MVL)" (EJ389705 in Ovid's RIS,
# CFF's _baseline_eric_ovid.ris), "(Author/MVL)" for the author's abstract edited, as its processing manual has it.
# Inside a sentence the same capitals are an acronym ("… of Teachers of English (NCTE).") and stay.
_ERIC_ABSTRACTOR = re.compile(r"(?<=[.!?])\s+\((?:Author/)?[A-Z]{2,4}\)\Z")


def without_eric_abstractor(abstract: tuple[Section, ...]) -> tuple[Section, ...]:
    """An ERIC record's abstract without the initials of its abstractor after its last sentence ("(MVL)")."""
    if not abstract or not _ERIC_ABSTRACTOR.search((last := abstract[-1]).text):
        return abstract
    text = _ERIC_ABSTRACTOR.sub("", last.text)
    return (*abstract[:-1], replace(last, text=text, styles=styles.normal(last.styles, len(text))))


def without_rights_repeated(article: Article) -> Article:
    """The article without the rights line that its abstract's last words repeat: PubMed gives a Wiley abstract's
    "© 2021 The Authors. The Journal of Pathology published by John Wiley & Sons, Ltd. …" both at the end of its
    ``AbstractText`` and as its ``CopyrightInformation`` (PMID 33586189; MEDLINE's AB and CI alike), and the page
    showed it twice, as the abstract's last words and as its rights."""
    rights = article.rights
    if not rights or not article.abstract or not (last := article.abstract[-1]).text.endswith(rights):
        return article
    text = last.text[:-len(rights)].rstrip()
    if text and text[-1] not in ".!?)]":  # the rights line is a sentence of its own, not the end of one
        return article
    kept = (*article.abstract[:-1], replace(last, text=text, styles=styles.normal(last.styles, len(text))))
    return replace(article, abstract=kept if text else article.abstract[:-1])


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
    return unique_folded(words)


def orcid(text: str) -> str:
    """The bare ORCID iD ("0000-0002-1825-0097") from an iD or its URL; "" when there is none."""
    return nlm.orcid_from(text)


# Each name starts the text, a line or follows a ";": tried at every character instead, a long value with no
# "/" in it made the search quadratic.
ET_AL = re.compile(r"et[\s.,]+a[\s.,]*l\.?", re.I)
"""An author that is the byline's "et al.": "et al." (a list cut short, as MEDLINE writes it), "et, a. l." (EndNote's
parse of an "et al." typed as the last author, which its exports write so)."""

ET_AL_TAIL = re.compile(r"(?<=\S)[\s,]+et\.?\s+al\.?\s*$", re.I)
"""An "et al." that ends the last author's name ("Smith, J., et al.", "Doe, K. et al."): a list cut short after
that author, as one line of a hand-kept RIS or EndNote library writes it."""


def et_al_apart(names: Iterable[str]) -> tuple[list[str], bool]:
    """The authors' names without the byline's "et al.", and whether the list ends in it: a name of its own
    (``ET_AL``) or the tail of the last author's (``ET_AL_TAIL``)."""
    written = list(names)
    kept = [name for name in written if ET_AL.fullmatch(clean(name)) is None]
    et_al = len(kept) < len(written)
    if kept and (cut := ET_AL_TAIL.sub("", kept[-1])) != kept[-1]:
        kept[-1], et_al = cut, True
    return kept, et_al

_NAMED_ORCID = re.compile(r"(?:^|;)[ \t]*([^;/\n]+)/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.M)


def orcids_by_name(text: str) -> dict[str, str]:
    """ORCID iDs by folded name from Web of Science's "Family, Given/0000-0002-…; Family2, Given2/…"."""
    return {_folded(m.group(1)): m.group(2) for m in _NAMED_ORCID.finditer(text)}


def with_orcids(people: Iterable[Person], orcids: dict[str, str]) -> tuple[Person, ...]:
    """The people with the ORCID iD listed under their name; a listed "Seymour, Colleen" also names the
    author "Seymour, Colleen L." (Web of Science lists the iD under the name the researcher registered)."""
    if not orcids:
        return tuple(people)
    people = tuple(people)
    matched = []
    for person in people:
        found = orcids.get(_folded(person.name), "") or next(
            (iD for name, iD in orcids.items() if person.family and _same_person(name, person)), "") or (
            _loosely_listed(person, people, orcids))
        matched.append(replace(person, orcid=person.orcid or found))
    return tuple(matched)


def _loosely_listed(person: Person, people: tuple[Person, ...], orcids: dict[str, str]) -> str:
    """The iD listed under another form of the person's name, when that form names no other author of the record
    and no other form names the person (Web of Science lists the iD under the name the researcher registered,
    which for two surnames and two given names is often another form): "" when none does, or more than one."""
    if not person.family:
        return ""
    fits = [name for name in orcids if _loosely_same(name, person)]
    if len(fits) != 1 or sum(_loosely_same(fits[0], other) for other in people if other.family) != 1:
        return ""
    return orcids[fits[0]]


def _loosely_same(listed: str, person: Person) -> bool:
    """Whether a name listed "Family, Given" may be the person's: the same words in another order ("Chinchihualpa
    Paredes, Nathaly Olga" for "Paredes, Nathaly Olga Chinchihualpa"), or family names one of which begins the
    other ("Tamariz, Jesus" for "Tamariz Ortiz, Jesus") and given names of which each word the two have is the
    other's or its initial ("Cristhian Adolfo" for "Cristhian A."); accents, hyphens, full stops and case aside
    ("Alcos Mamani, Angélica Lizeth" for "Alcos-Mamani, Angelica L.")."""
    family_part, _, given_part = listed.partition(",")
    family, given = _name_words(family_part), _name_words(given_part, initials=True)
    own_family, own_given = _name_words(person.family), _name_words(person.given, initials=True)
    if not family or not given or not own_given:
        return False
    if sorted(family + given) == sorted(own_family + own_given):
        return True
    shorter = min(len(family), len(own_family))
    return family[:shorter] == own_family[:shorter] and all(
        one == other or (len(one) == 1 and other.startswith(one)) or (len(other) == 1 and one.startswith(other))
        for one, other in zip(given, own_given, strict=False))


def _same_person(listed: str, person: Person) -> bool:
    family, _, given = listed.partition(",")
    given = given.strip()
    return (family.strip() == _folded(person.family) and bool(given)
            and _folded(person.given).startswith(given))


def _folded(name: str) -> str:
    return clean(name).casefold().rstrip(".")


def _name_words(name: str, initials: bool = False) -> list[str]:
    """A name's words without accents, hyphens, full stops or case ("Alcos-Mamani, Angélica L." is "alcos",
    "mamani", "angelica", "l"); with ``initials``, a word of two or three letters and no vowel is its letters
    ("JC", as the list of iDs may write given names: "j", "c")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", clean(name)) if not unicodedata.combining(c))
    words = plain.casefold().replace("-", " ").replace(".", " ").split()
    return [part for word in words for part in (
        word if initials and 1 < len(word) <= 3 and word.isalpha() and not _VOWELS.intersection(word) else (word,))]


_VOWELS = frozenset("aeiouy")


_HOST_LABELS = {"pubmed.ncbi.nlm.nih.gov": "PubMed",
                "europepmc.org": "Europe PMC", "scopus.com": "Scopus", "arxiv.org": "arXiv", "embase.com": "Embase",
                "ieeexplore.ieee.org": "IEEE Xplore"}


def middle_initials_back(people: tuple[Person, ...], abbreviated: list[str]) -> tuple[Person, ...]:
    """Web of Science writes a middle initial that is a roman numeral's letter after a comma, as if a suffix: AF
    "Holmes, Michael, V" is AU "Holmes, MV", Michael V. Holmes. Such a "suffix" is taken back into the given
    name when the person's AU initials end with it (the name stays as written). The same in every Web of Science
    export: its Excel workbook's "Author Full Names" has "Daws, Matthew, I" for the "Daws, MI" of "Authors"."""
    if len(abbreviated) != len(people):
        return people
    back = []
    for person, short in zip(people, abbreviated, strict=True):
        initials = short.rpartition(",")[2].strip()
        if len(person.suffix) == 1 and person.suffix.isupper() and len(initials) > 1 and initials.endswith(
                person.suffix):
            person = replace(person, given=f"{person.given} {person.suffix}", suffix="")
        back.append(person)
    return tuple(back)


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
            found.append(Link(clean(label) or label_for(url), url))
    return tuple(found)


def label_for(url: str) -> str:
    """How a link to ``url`` (one that passed ``safe_url``) is labelled: its site's name, or its host."""
    if ids.short_doi(url):
        return "shortDOI"
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if host.endswith("ncbi.nlm.nih.gov"):
        # A book on NCBI Bookshelf ("https://www.ncbi.nlm.nih.gov/books/NBK7256/", Citing Medicine, as the CSL-JSON
        # of commonmeta-py's tests/fixtures/csl-list.json links it) is no PubMed record: labelled as
        # nlm.bookshelf_links labels one.
        if parts.path.startswith("/books/"):
            return "NCBI Bookshelf"
        return "PubMed Central" if "/pmc/" in parts.path else "PubMed"
    return _HOST_LABELS.get(host, host)


_ROMAN = r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(rf"\d|\A{_ROMAN}(?:-{_ROMAN})?\Z", re.I)
_HYPHEN = re.compile(r"(?<=\w)\u2010(?=\w)")
"""Unicode's hyphen between two pages, as the Cochrane Library writes a range ("1279‐1297")."""
_PAGES_LABEL = re.compile(r"\A(?:pp\.?|p\.)\s*(?=\d)")
_RANGE_DASH = re.compile(r"(?<=\w)\s+([-\u2013\u2014])\s+(?=\w)")


def not_an_issue(issue: str) -> bool:
    """Longer than any issue ("Suppl 2", "1 January", "3 Pt 1") and with a comma or an e-mail address in it: the
    authors' addresses, as Covidence's and Zotero's exports of Embase records hold them where the issue goes."""
    return len(issue) > 40 and ("," in issue or "@" in issue)


_VOLUME_LABEL = re.compile(r"\A(?:volume|vol\.?|v\.)\s*(?=\d|[ivxlcdm]+\Z)", re.I)


def volume(text: str) -> str:
    """The volume's number without the word a record may put before it (ScienceDirect's RIS "VL  - Volume 523",
    "Vol. 12", "v. 3"), which the page's "Volume" label and every citation style print their own way; the full
    record keeps the text as written."""
    return _VOLUME_LABEL.sub("", clean(text))


def page_range(first: str, last: str = "") -> str:
    """"121-128" from first and last page; a first page with no digit and no Roman number (front matter's "i-ii")
    is none ("No" of Ovid's "No Specified"), and a last page equal to the first (Mendeley's SP 20, EP 20 for an
    article number) adds nothing."""
    # Scopus's BibTeX writes "549 – 596": a range, with the dash as written but without the spaces; TRID's RIS
    # "pp 37-64": the pages without their label, which every citation style prints its own way
    first = _PAGES_LABEL.sub("", _RANGE_DASH.sub(r"\1", _HYPHEN.sub("-", clean(first)).replace("--", "-")))
    last = _PAGES_LABEL.sub("", clean(last))
    if not _PAGE_NUMBER.search(first):
        return ""
    return f"{first}-{last}" if last != first and _PAGE_NUMBER.search(last) and "-" not in first else first


def article_id(pmc: str, pmid: str, doi: str, key: str, title: str, prefix: str) -> str:
    """The id the catalogue dumps use (nlm.article_id: ``pubmed-<PMC number>``, ``pubmed-<PMID>``, ``doi-<DOI>``),
    so that one work read from two formats gets one id; else the record's own key, else a slug of its title."""
    if ident := nlm.article_id(pmc, pmid, doi):
        return ident
    return f"{prefix}-{slugify(key if clean(key) else title)}"


_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|title|sec|br|div|li|list|list-item)\b[^<>]*>")
# A tag's attributes each have a value: KWB's EndNote abstract "Fouling bei pH<IEP. Die genaue Ursache … mit >100mg/L"
# is text, which was cut out as one tag
_INLINE_TAG = re.compile(r"""</?([A-Za-z][\w:.-]*)(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*/?>""")


_SCRIPT_TAG = re.compile(r"<(?:jats:)?(sup|sub|inf)>([^<>]*)</(?:jats:)?\1>")
_SCRIPT_NAMES = {"sup": "sup", "sub": "sub", "inf": "sub"}
"""A script's tag → the element it stands for: Scopus writes a subscript ``<inf>`` ("Co<inf>2</inf>")."""


_INDENT_BEFORE_PUNCTUATION = re.compile(r"(?<=>)[ \t]*\n\s*(?=[,.;:!?)\]])|(?<=[(\[])[ \t]*\n\s*(?=<)")
"""A new line and its indentation between a tag and a punctuation mark that ends (or a bracket that opens) the
words beside it: bioRxiv's abstracts in Crossref put each inline element on a line of its own, "(Group B\n
<jats:italic>Streptococcus</jats:italic>\n  , GBS)" (10.1101/2020.12.01.406702), which means "(Group B
Streptococcus, GBS)". The indentation only lays out the markup; between two words it is still a space."""


_ITALIC_TOGGLE = "&IT"
_ITALIC_SPAN = re.compile(r"&IT(?=\S)(.+?)(?<=\S)&IT")


def italic_tags(text: str) -> str:
    """``text`` with the "&IT" that Web of Science writes on either side of an italic span as ``<i>`` and ``</i>``:
    "Recovery of saltmarsh meiofauna six years after the &ITDeepwater Horizon&IT oil spill" (its RIS record
    WOS:000430034100018, in CiteSource's vignettes/benchmark_data/Search5_6.ris) names the ship in italics. Only
    marks that pair up are read so; "C&HO" and a lone "&IT" stay as written."""
    if _ITALIC_TOGGLE not in text or text.count(_ITALIC_TOGGLE) % 2:
        return text
    return _ITALIC_SPAN.sub(r"<i>\1</i>", text)


def without_markup_indent(text: str) -> str:
    """``text`` without the layout white space that parts a tag from the punctuation after (or the bracket
    before) it (``_INDENT_BEFORE_PUNCTUATION``); a space written on one line is kept."""
    return _INDENT_BEFORE_PUNCTUATION.sub("", text) if "\n" in text else text


def strip_tags(text: str) -> str:
    """Text without the markup some sources leave in titles and abstracts: ``<jats:p>`` and ``<br/>`` part
    words, ``<i>`` and ``<sub>`` do not; a raised or lowered text stays so where plain text can say it
    ("H<sub>2</sub>O" → "H₂O", Scopus's "Co<inf>2</inf>" → "Co₂", as the XML readers read it: xmltree.scripted).
    HTML's character references are the characters they stand for (``unescape``), once the tags are gone."""
    text = italic_tags(text)
    if "<" in text:
        text = without_markup_indent(text)
        text = text.replace(_NEW_PARAGRAPH, "\n")
        text = _NAMED_CHARACTER.sub(lambda m: _NAMED_CHARACTERS[m.group(1)], text)
        text = _MATHML.sub(lambda m: xmltree.math_markup_text(m.group()) or m.group(), text)
        text = _SCRIPT_TAG.sub(lambda m: xmltree.scripted(_SCRIPT_NAMES[m.group(1)], m.group(2)), text)
        text = _INLINE_TAG.sub(_tag_left_out, _BLOCK_TAG.sub(" ", text))
    text = unescape(text)
    if "<" in text and _PARAGRAPH.search(text):  # paragraphs' markup written as text: its tags go too, once
        text = _SPACES.sub(" ", _INLINE_TAG.sub(_tag_left_out, _BLOCK_TAG.sub(" ", text))).strip(" ")
    return text


_SPACES = re.compile(r" {2,}")
_MATHML = re.compile(r"<((?:mml:)?math)\b[^<>]*>.*?</\1\s*>", re.S)
"""A MathML formula in a text value, read as the XML readers read one (xmltree.math_text): Crossref's abstract of
10.1155/2011/373482 gives a white count as ``<mml:msup><mml:mtext>10</mml:mtext><mml:mtext>9</mml:mtext>
</mml:msup>``, which left out with its tags read "22.2×109 /L", not "22.2×10⁹ /L"."""


_PARAGRAPH = re.compile(r"<p\b[^<>]*>[^<>]*</p>")
"""A paragraph's markup that a record writes as text, its "<" and ">" as "&lt;" and "&gt;": Lens.org's RIS of a
figshare item's description (10.2337/figshare.26117278.v1 in CiteSource's vignettes/new_stage_data/lens_343.ris):
"&lt;p dir="ltr"&gt;Objective&lt;/p&gt;&lt;p dir="ltr"&gt;To evaluate …", which the page showed as tags."""


def _tag_left_out(m: re.Match[str]) -> str:
    """"" for a tag; the text itself where it only looks like one: a Web of Science abstract's "a small
    <L-z>/2<S-z>" (expectation values, in angle brackets) is physics, and the names of markup that have a
    hyphen are in lower case ("inline-formula")."""
    return m.group(0) if "-" in m.group(1) and not m.group(1).islower() else ""


_NEW_PARAGRAPH = "<new para>"
"""CAB Abstracts' mark between two paragraphs, which is no tag: "… D.W. FitzSimons<new para>ADDITIONAL
ABSTRACT:<new para>A statewise cross-sectional study …" (RefLib's tests/data/ris.txt); a new line, where a
label may start."""


_GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
          "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega")
_NAMED_CHARACTERS = {"pounds": "£", "degree": "°", "plus or minus": "±", "middle dot": "\u00b7",
                     "center dot": "\u00b7", "copyright": "©", "registered trademark": "®",
                     **{name: chr(0x3B1 + i + (i > 16)) for i, name in enumerate(_GREEK)}}
"""Names that CAB Abstracts and Web of Science write in angle brackets for characters their records do not
write, each the character it stands for. CAB's "not to exceed <pounds>70" (CABI:19196300267, RefLib's
tests/data/ris.txt) is "£70": read as tags, they were left out ("not to exceed 70", "37C", "IL-1"), and
"<plus or minus>" was shown as it is. The Greek letters go by their names, as "<alpha>", "<beta>" and "<mu>" do.
Web of Science writes "<middle dot>" in all its exports (RIS, tagged, BibTeX) for the Lancet's decimal points
("increases of 0<middle dot>55% (95% CI 0<middle dot>29 to …", "PM<sub>2<middle dot>5</sub>" in a title)."""
_NAMED_CHARACTER = re.compile(f"<({'|'.join(sorted(_NAMED_CHARACTERS, key=len, reverse=True))})>")
# A name in square brackets may be wrapped where it has a space: "0.102 [plus or\n   minus] 0.04".
_BRACKETED_CHARACTER = re.compile("\\[({})\\]".format("|".join(
    re.escape(name).replace("\\ ", "\\s+") for name in sorted(_NAMED_CHARACTERS, key=len, reverse=True))))


def bracketed_characters(text: str) -> str:
    """``text`` with the names that Ovid and Zoological Record write in square brackets for the characters their
    records do not write, each the character it stands for (the names of ``_NAMED_CHARACTERS``): Journals@Ovid's
    "the dominant negative mutant of I[kappa]B[alpha]" is "IκBα", Zoological Record's "the hottest period
    (=20[degree]C)" is "20°C" (through Ovid, Zotero's "OVID Tagged" translator's test records), its "0.102 [plus
    or minus] 0.04" "0.102 ± 0.04" and "[copyright] 2012 The Wildlife Society." "© 2012 …" (through Web of
    Science, synthesisr's inst/extdata/zoorec.txt). A name that could be one of several characters ("[long
    dash]", "[approximately]") stays as written, and so do brackets around other words."""
    if "[" not in text:
        return text
    return _BRACKETED_CHARACTER.sub(lambda m: _NAMED_CHARACTERS[" ".join(m.group(1).split())], text)


_STYLE_TAG = re.compile(r"<(/?)(?:jats:)?(i|em|b|strong|u|sup|sub|sc|span|italic|bold|underline|scp)\b([^<>]*)>",
                        re.I)
_STYLE_KINDS = {"i": "i", "em": "i", "b": "b", "strong": "b", "u": "u", "sup": "sup", "sub": "sub", "sc": "sc",
                "italic": "i", "bold": "b", "underline": "u", "scp": "sc"}
"""A style tag's name → its kind (styles.KINDS). Crossref writes JATS's names, prefixed, in its titles and
abstracts ("<jats:italic>in vitro</jats:italic>", "<jats:sup>G12C</jats:sup>", "<jats:sc>"), as jats.py reads
them without the prefix; Wiley's deposits mark small capitals ``<scp>`` ("<scp>COVID</scp>‐19")."""
_SMALL_CAPS = re.compile(r"""style\s*=\s*["'][^"']*font-variant\s*:\s*small-caps""", re.I)


def style_markers(text: str) -> str:
    """``text`` with the rich text's style tags (CSL-JSON's, as citeproc-js reads them: ``<i>``, ``<b>``,
    ``<sup>``, ``<sub>``, ``<span style="font-variant:small-caps;">``; HTML's ``<em>``, ``<strong>``, ``<u>``)
    as styles' markers (styles.marked), for ``styled_text``; a script plain text can write is written so first,
    as ``strip_tags`` writes it, and every other tag is left to ``strip_tags``."""
    text = italic_tags(text)
    if "<" not in text:
        return text
    text = without_markup_indent(text)
    spans: list[str] = []  # the kind of each open <span>: "sc", or "" for another (CSL's nocase)

    def marker(tag: re.Match[str]) -> str:
        closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name == "span":
            if not closing:
                spans.append("sc" if _SMALL_CAPS.search(rest) else "")
                return styles.opener(spans[-1]) if spans[-1] else tag.group()
            kind = spans.pop() if spans else ""
            return styles.closer(kind) if kind else tag.group()
        return (styles.closer if closing else styles.opener)(_STYLE_KINDS[name])

    text = _SCRIPT_TAG.sub(_written_script, text)
    return styles.spaced_out(_STYLE_TAG.sub(marker, text))


def _written_script(tag: re.Match[str]) -> str:
    """A script that plain text can write, written so ("H<sub>2</sub>O" → "H₂O"); any other kept as it is."""
    written = xmltree.scripted(_SCRIPT_NAMES[tag.group(1)], tag.group(2))
    return written if written != tag.group(2) else tag.group()


_ESCAPED_STYLE_TAG = re.compile(r"&lt;(/?(?:i|b|u|em|strong|sup|sub|sc|scp))&gt;", re.I)
"""A style tag written as text, its "<" and ">" as "&lt;" and "&gt;": a Europe PMC lite answer's titles of
microPublication Biology (PMID 40191442, "… during &lt;i&gt;C. elegans&lt;/i&gt; vulval development", in
pyEuropePMC's tests/fixtures/search_post_cancer.json) beside others whose "<i>" is a tag; Wiley's peer reviews in
Crossref ('Decision letter for "A simple &lt;scp&gt;multi‐frequency&lt;/scp&gt; multiload …"',
10.1002/2050-7038.12771/v2/decision1 in rcrossref's tests/fixtures/cr_members_with_cursor.yml). The pages showed
the tags as text."""


def style_tags(title: str) -> str:
    """``title`` with its style tags written as text made tags again (``_ESCAPED_STYLE_TAG``)."""
    return _ESCAPED_STYLE_TAG.sub(r"<\1>", title)


def styled_text(text: str) -> tuple[str, styles.Styles]:
    """``clean(strip_tags(text))`` and the styles its rich text gives it (``style_markers``)."""
    plain = clean(strip_tags(text))
    marked = style_markers(text)
    return plain, styles.styles_of(plain, clean(strip_tags(marked))) if marked != text else ()


def styled_abstract(text: str, running: bool = False) -> Abstract:
    """``abstract`` of an abstract's rich text (``text`` as the record gives it), its sections in the styles the
    text gives them."""
    plain = abstract(text if has_headings(text) else clean(strip_tags(text)), running)
    marked = style_markers(text)
    if marked == text:
        return plain
    return restyled_abstract(plain, abstract(marked if has_headings(marked) else clean(strip_tags(marked)), running))


def restyled_abstract(plain: Abstract, marked: Abstract) -> Abstract:
    """``plain`` with the styles of the same abstract made from its marked text (styles.restyled)."""
    return tuple(styles.restyled(plain[0], marked[0])), tuple(styles.restyled(plain[1], marked[1])), plain[2]


_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ISO_GREEK_NAMES = ("a", "b", "g", "d", "e", "z", "ee", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "t",
                    "u", "ph", "kh", "ps", "oh")
# The small letters from U+03B1, the capitals from U+0391; each skips the final sigma's place after rho.
_ISO_GREEK = {**{f"{n}gr": chr(0x3B1 + i + (i > 16)) for i, n in enumerate(_ISO_GREEK_NAMES)},
              **{f"{n.upper()}gr": chr(0x391 + i + (i > 16)) for i, n in enumerate(_ISO_GREEK_NAMES)},
              "sfgr": "\u03c2"}
"""ISO 8879's names of the Greek letters (its entity set ISOgrk1: "&agr;" α, "&mgr;" μ, "&OHgr;" Ω), which HTML
does not know: Wiley's abstracts wrote them, "A low room-temperature resistivity of 7.35 &OHgr;·cm", "Scale bar:
1 &mgr;m" (10.1002/cvde.200706645 and 10.1002/adma.200400177 in a JabRef library, zotero-better-bibtex's
test/fixtures/import/…#97.bib). A capital's name is its small letter's in capitals ("&Agr;", "&THgr;")."""


def unescape(text: str) -> str:
    """The characters that HTML character references in a value stand for: Scopus writes "(&lt;4 years old)"
    in its RIS and BibTeX abstracts, Crossref "R&amp;D" in titles and "Gim&eacute;nez" in names (CSL-JSON), Web
    of Science "title&apos;s". Only a whole reference, with its ";": "AT&T" and "R&D" stay as they are, and
    so does a name HTML does not know ("&foo;")."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda m: _ISO_GREEK.get(m.group()[1:-1]) or html.unescape(m.group()), text)


_MONTH_THEN_YEAR = re.compile(r"([A-Za-z]+\.?)(?:\s+|\s*/\s*)(\d{4})")


def year_then_month(text: str) -> str:
    """A month written before its year ("MAY 2020", Zotero's "Nov./2001", "January 1978") in the order of a printed
    date, the year first ("2020 MAY"); any other text as it is."""
    text = clean(text)
    m = _MONTH_THEN_YEAR.fullmatch(text)
    # Only a month or a season: a word in another language ("Okt. 2016") is kept in its place, as printed.
    named = m and (dates.month_number(m.group(1)) or dates.season_name(m.group(1)))
    return f"{m.group(2)} {m.group(1)}" if m and named else text


def printed_date(text: str) -> dates.PrintedDate:
    """Any date a record prints in a field of its own, read as far as it goes: "2019 Dec", "Dec. 2019", "5 Dec
    2019", "Dec 5, 2019", ISO; else the year it names, if any, with the text kept as printed when it says more or
    less than that year ("[1995?]", "1995-1997", "in press"; dates.read_year)."""
    text = clean(text)
    if day_first := dates.read_day_first(text):
        return dates.PrintedDate(day_first)
    if (m := _MONTH_DAY_THEN_YEAR.fullmatch(text)) and dates.month_number(m[1]):
        return dates.PrintedDate(dates.from_parts(m[3], m[1], m[2]))  # "April 23, 2016", "September  1, 2021"
    found = dates.read_printed(year_then_month(text))
    return found if found.iso else year_with_words(text)


_WORDS_BESIDE_A_YEAR = re.compile(r"[^\W\d_]{2,}")
"""A word, not the "c" of "c2011"."""


def year_with_words(text: str) -> dates.PrintedDate:
    """The year a text names, the text kept as printed when words beside the year say more ("1st Quarter 2010",
    "junho de 2020", "Summer-Fall 2009"): they were dropped, the page saying only "2010"."""
    found = dates.read_year(text)
    if found.iso and not found.printed and _WORDS_BESIDE_A_YEAR.search(text):
        return dates.PrintedDate(found.iso, text)
    return found


def early_access(text: str, issue: str) -> str:
    """The early-access month Web of Science gives ("MAR 2024": its EA tag, EarlyAccessDate in BibTeX, C6 in RIS)
    as an ISO date; "" when ``issue``, the record's publication date, says it already (an article not yet in an
    issue is dated by its early access, to the day)."""
    found = dates.read_printed(year_then_month(text)).iso if _MONTH_THEN_YEAR.fullmatch(clean(text)) else ""
    return "" if issue.startswith(found) else found


_NUMBER_MONTH_THEN_YEAR = re.compile(r"(\d{1,2})\s+(\d{4})")
_MONTH_DAY_THEN_YEAR = re.compile(r"([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})")
"""BIOSIS's whole date of a patent's grant in Web of Knowledge: "PD JUN 28 2011" beside "PY 2011"."""
_MONTH_GLUED_TO_DAY = re.compile(r"([A-Za-z]{3,4})(\d{1,2}),?")
"""A month glued to its day, with a comma after: "PD SEPT1," (IEEE Sensors Journal 20(17), which the journal dates
"Sept. 1, 2020"; its other issues' records write "SEPT 1")."""
_DAY_DASH_MONTH = re.compile(r"(\d{1,2})-([A-Za-z]{3})")
"""Excel's showing of a "PD MAR 19" it took for a date, in the workbook it saved of the tab-delimited export
("19-Mar", "web_of_science_results.xlsx"; spreadsheet.py writes such a cell as it is shown, without the year
Excel added)."""


def web_of_science_date(rest: str, year: str, early: str) -> dates.Published:
    """A Web of Science date: the issue's year (PY) and the rest of its date (PD in its own format, DA in its RIS,
    Month in its BibTeX: "JUN 8", "FAL" for autumn, "MAY-JUN"), with the early-access month beside it. An
    early-access article not yet in an issue has its whole online date in the rest ("2023 DEC 19"), which the
    early-access month then only repeats in part; a rest may name its year too ("MAY 2020"), and Inspec's gives
    the month as a number ("07 2006")."""
    if m := _NUMBER_MONTH_THEN_YEAR.fullmatch(clean(rest)):
        return dates.published(dates.PrintedDate(dates.from_parts(m[2], m[1])), early_access(early, m[2]))
    if m := _MONTH_DAY_THEN_YEAR.fullmatch(clean(rest)):
        rest = f"{m[3]} {m[1]} {m[2]}"
    if (m := _MONTH_GLUED_TO_DAY.fullmatch(clean(rest))) and dates.month_number(m[1]):
        rest = f"{m[1]} {m[2]}"
    if (m := _DAY_DASH_MONTH.fullmatch(clean(rest))) and dates.month_number(m[2]):
        rest = f"{m[2]} {m[1]}"
    rest = year_then_month(rest)
    when = dates.read_printed(rest if year_first(rest) else f"{clean(year)} {rest}")
    return dates.published(when, early_access(early, when.iso))


_UNSPECIFIED = re.compile(r"\AUNSP\s+(?=\S)")


def web_of_science_number(text: str) -> str:
    """An article number or first page without the "UNSP" that Web of Science writes before some ("AR UNSP
    09LD11", "BP UNSP e1234": the number is 09LD11, e1234)."""
    return _UNSPECIFIED.sub("", clean(text))


def web_of_science_pages(first: str, last: str) -> str:
    """The page range of Web of Science's first and last page. "BP 1271 EP +": an article that goes on past its
    first page to pages the record does not list (PG 13 of an IEEE Virtual Reality 2006 paper, "BP 223 EP +"); Web of
    Science shows it "223-+", not as one page. Its older records write "&" for the same ("BP 369 EP &", PG 0, an
    article of 1995; "SP  - 250", "EP  - &" in Zotero's RIS of a Journal of Heredity article of 1953): "369-&".
    Current Contents Connect's records (UT CCC:…) may give a placeholder for the last page, "BP 377", "EP NIL_137"
    (Nature 496(7445):377-381, github.com/grmwld/neurobib's savedrecs-2000.txt), which is none: the first page."""
    if clean(last) in ("+", "&") and (start := page_range(first)):
        return f"{start}-{clean(last)}"
    return page_range(first, "" if _NIL_PAGE.fullmatch(clean(last)) else last)


_NIL_PAGE = re.compile(r"NIL(?:_\d+)?")


def web_of_science_issue(issue: str, part: str, supplement: str) -> str:
    """A Web of Science issue with the part (PN) and the supplement (SU) it gives apart from it ("IS 9", "PN 3";
    "VL 509", "SU 1"), as a MEDLINE record writes them in its issue and NLM's citations print them: "9 Pt 3",
    "Suppl 1", "4 Suppl S" (the volume's supplement S)."""
    parts = [clean(issue)]
    if clean(part):
        parts.append(f"Pt {clean(part)}")
    if clean(supplement):
        parts.append(clean(supplement) if clean(supplement).casefold().startswith("suppl") else
                     f"Suppl {clean(supplement)}")
    return " ".join(p for p in parts if p)


def year_first(text: str) -> bool:
    """Whether a date's text starts with its year ("2024 MAR 4")."""
    return re.match(r"\d{4}(?!\d)", text.strip()) is not None


def same_title(one: str, other: str) -> bool:
    """Whether two titles are one, however cased and spaced (Scopus repeats a book's title as its "source")."""
    return " ".join(one.casefold().split()) == " ".join(other.casefold().split())


_NOTE_LABELS = {label.casefold(): kind for kind, label in NOTICE_NOTES.items()}
_LABELS_LONGEST_FIRST = "|".join(map(re.escape, sorted(NOTICE_NOTES.values(), key=len, reverse=True)))
_NOTICE_NOTE = re.compile(rf"(?:^|(?<=\s))(?:({_LABELS_LONGEST_FIRST}):\s+|({re.escape(RETRACTED_TYPE)})(?=\s|$))",
                          re.I)


_NOTED_ID = re.compile(r"^\s*(PMID|PMCID):\s*(\S+)\s*$", re.M | re.I)


def noted_ids(text: str) -> dict[str, str]:
    """The PMID and the PMCID that lines of a note name ("PMID: 38580657", "PMCID: PMC1234567"), as Zotero keeps
    them in an item's Extra (its CSV export's "Extra", its CSL-JSON export's ``note``), by "PMID" and "PMCID"."""
    return {m.group(1).upper(): m.group(2) for m in _NOTED_ID.finditer(text)}


def notices_from_notes(notes: Iterable[str]) -> tuple[Notice, ...]:
    """The notices the downloads write in their notes (cite/parts.py's notice_note: "Retraction in: Lancet. …
    PMID: 20137807", one a note or several in one), read back; other notes give none."""
    found: list[Notice | None] = []
    for note in notes:
        text = clean(note)
        starts = list(_NOTICE_NOTE.finditer(text))
        if not starts or starts[0].start() != 0:
            continue  # a note of its own ("Export Date: …"), which mentions a link only in passing, if at all
        for m, after in zip(starts, [*starts[1:], None], strict=True):
            if m.group(2):
                found.append(Notice("RetractionIn"))
                continue
            value = text[m.end():after.start() if after else None].strip()
            doi_only = re.fullmatch(r"doi:\s*(10\.\S+)", value, re.I)
            found.append(Notice(_NOTE_LABELS[m.group(1).casefold()], "", "", doi_only.group(1)) if doi_only
                         else nlm.notice(_NOTE_LABELS[m.group(1).casefold()], value))
    return tuple(dict.fromkeys(n for n in found if n is not None))


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` decodes as UTF-8 (a file's bytes, or a MARC record's text)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
