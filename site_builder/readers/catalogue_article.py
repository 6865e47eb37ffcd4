"""From a catalogue Record (a dump's Solr fields, or a VuFind Solr document's) to an Article: the typed values,
and what only the ``spelling`` field holds.

VuFind builds ``spelling`` by joining, with spaces: the id glued to a datestamp, the title, each author, the
journal, each topic, the description, the publisher, the full publication date, the PMC, PubMed and DOI links,
"Text", the language codes, and the rights (copyright, then the licence url glued to the licence text). The
other fields hold every part but the journal, the full date and the rights, so the parser peels the known parts
off in order and keeps what is left between them. A record VuFind indexed from MARC has other fields besides
(``author2``, ``author_corporate``, ``container_*``) and ISBD punctuation in its values, whether it comes as a
dump or as JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import identifiers as ids
from ..model import languages
from ..model.article import UNTITLED, Article, FieldIndex, Link, Person, Record
from ..model.dates import iso_date
from ..model.normalize import clean, parse_person, safe_url, unique_folded
from ..model.sections import split_lay_summary, split_text
from . import marc_article, shared

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_LINK_PART = re.compile(r"(?:/pmc/articles/PMC\d+/|/pubmed/\d+|https?://(?:dx\.)?doi\.org/\S+|Text)(?: |$)")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?: |$)")
_WORD_END = re.compile(r"\s")
_SPACES = re.compile(r"\s*")  # what str.lstrip() removes: \s is exactly str.isspace() (every code point)
_GLUED_LICENCE = re.compile(r"https?://[^\s()]+?/(?=[A-Z][a-z]|\s|\)|$)")


@dataclass(frozen=True, slots=True)
class SpellingParts:
    journal: str = ""
    date: str = ""
    rights: str = ""


def parse_spelling(fields: FieldIndex) -> SpellingParts | None:
    """Journal, full date and rights from ``spelling``; None when the field does not have the expected shape."""
    text = fields.first("spelling")
    ident = fields.first("id")
    if not text or not ident or not text.startswith(ident):
        return None
    # Peeled off by position, not by slicing: the text is long, and every slice would copy what is left of it.
    at = stamp.end() if (stamp := _DATE.match(text, len(ident))) else len(ident)
    at = _after_spaces(text, at)
    title = fields.first("title")
    if title and text.startswith(title, at):
        at = _after_spaces(text, at + len(title))
    for author in fields.values("author"):
        at = _after_author(text, at, author)
    journal, rest = _journal_and_rest(text[at:], fields)
    publisher = fields.first("publisher")
    if publisher and rest.startswith(publisher):
        rest = rest[len(publisher):].lstrip()
    date = _DATE.match(rest)
    if date:
        rest = rest[date.end():].lstrip()
    while m := _LINK_PART.match(rest):
        rest = rest[m.end():]
    for _ in fields.values("language"):
        if m := _LANGUAGE_CODE.match(rest):
            rest = rest[m.end():]
    return SpellingParts(journal=journal, date=iso_date(date.group(0)) if date else "", rights=rest.strip())


def _after_author(text: str, at: int, author: str) -> int:
    """Past ``author`` where the spelling writes it at ``at``: as the author field writes it, or with the same
    family name and as many words (a byte replaced, an accent dropped: "Mertz, L\ufffdc" is "Mertz, Luc" there)."""
    if not author:
        return at
    if text.startswith(author, at):
        return _after_spaces(text, at + len(author))
    family = author.partition(",")[0]
    if "," not in author or not text.startswith(family + ",", at):
        return at
    end = at
    for _ in author.split():
        end = _after_spaces(text, end)
        space = _WORD_END.search(text, end)
        end = space.start() if space else len(text)
    return _after_spaces(text, end)


def _after_spaces(text: str, at: int) -> int:
    """Where ``text[at:].lstrip()`` would begin, found without copying the text."""
    found = _SPACES.match(text, at)  # \s* always matches
    return found.end() if found else at


def _journal_and_rest(rest: str, fields: FieldIndex) -> tuple[str, str]:
    """Split "<journal> <topics> <description> …" where only the journal is unknown."""
    topics = " ".join(fields.values("topic"))
    description = fields.first("description")
    following = " ".join(p for p in (topics, description) if p)
    if following:
        at = rest.find(following)
        if at >= 0:
            return rest[:at].strip(), rest[at + len(following):].lstrip()
    # Neither topics nor description: the journal runs up to the publisher or the date before the links.
    publisher = re.escape(fields.first("publisher") or "\x00")
    links = "(?:/pmc/|/pubmed/|https?://|Text)"
    anchor = re.search(rf"(?:^| )(?=(?:{publisher} )?\d{{4}}(?:-\d{{2}}){{0,2}} {links})", rest)
    if anchor:
        return rest[:anchor.start()].strip(), rest[anchor.end():].lstrip()
    return "", rest


def _journal(from_spelling: str, container: str) -> tuple[str, str]:
    """The journal, and a warning when the record disagrees with itself: the structured container_title when
    there is one, else what the spelling field holds after the title and authors, unless that holds a comma.
    The spelling writes NLM's journal abbreviations, which have none; a comma there means names the author field
    does not hold ("Smith, John Doe, Jane Cancers (Basel)"), and no journal can be told from them."""
    from_spelling = clean(from_spelling)
    if "," in from_spelling:
        shown = from_spelling if len(from_spelling) <= 80 else from_spelling[:80] + "…"
        kept = f"the container_title field, {container!r}, is shown" if container else "no journal is shown"
        return container, (f"the spelling field names authors the author field does not ({shown!r}), so its "
                           f"journal cannot be told from them; {kept}")
    if container and from_spelling and from_spelling != container:
        return container, (f"the spelling field's journal {from_spelling!r} is not the container_title "
                           f"{container!r}; the container_title is shown")
    return container or from_spelling, ""


def split_rights(rights: str) -> tuple[str, str]:
    """Rights text with the glued licence url taken out, and that url ("" when there is none)."""
    m = _GLUED_LICENCE.search(rights)
    if not m:
        return clean(rights), ""
    text = (rights[:m.start()] + " " + rights[m.end():]).strip()
    return clean(text), safe_url(m.group(0))


def identifiers(fields: FieldIndex) -> tuple[tuple[str, str, str], tuple[Link, ...]]:
    """(PMID, PMCID, DOI) from the urls and the id, and the record urls that are not PubMed, PMC or DOI links
    (those are linked in their canonical form). Each url is looked at once for both: what it names is what
    ``ids.names_an_identifier`` asks, and the first url that names each identifier gives it, as
    ``ids.ids_from_urls`` of them all does."""
    pmid = pmcid = doi = ""
    links = []
    for url in fields.values("url"):
        named = ids.ids_from_urls((url,))
        pmid, pmcid, doi = pmid or named[0], pmcid or named[1], doi or named[2]
        if not any(named) and (safe := safe_url(url)):
            links.append(Link(label=safe.split("/")[2], url=safe))
    ident = fields.first("id")
    if not doi and ident.startswith("doi-"):
        doi = ids.doi_from(ident)
    return (pmid, pmcid, doi), tuple(links)


def _pubmed_values(record: Record, fields: FieldIndex) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The Article's values by field name that a PubMed-derived record gives (``fields``: its index), as the seed's
    catalogue writes them, but its authors (``to_article`` reads them as MARC headings)."""
    problems: list[Diagnostic] = []
    where = SourceSpan(record.where.path, record.where.line)
    title = clean(fields.first("title") or fields.first("title_full") or fields.first("title_short"))
    if not title:
        problems.append(Diagnostic(Level.ERROR, where, "record has no title field; shown as 'Untitled record'"))
        title = UNTITLED
    if not fields.first("id"):
        problems.append(Diagnostic(Level.ERROR, where, "record has no id field; its page is named after its title"))
    spelling = parse_spelling(fields)
    if spelling is None:
        spelling = SpellingParts()
        if fields.first("spelling"):
            problems.append(Diagnostic(
                Level.WARNING, SourceSpan(where.path, record.line_of("spelling")),
                "the spelling field does not start with the id; journal, full date and licence not recovered"))
    journal, problem = _journal(spelling.journal, clean(fields.first("container_title")))
    if problem:
        problems.append(Diagnostic(Level.WARNING, SourceSpan(where.path, record.line_of("spelling")), problem))
    rights, licence_url = split_rights(spelling.rights)
    lay, abstract = split_lay_summary(split_text(clean(fields.first("description"))))
    (pmid, pmcid, doi), links = identifiers(fields)
    named = languages.parse(fields.values("language"))
    date = spelling.date if spelling.date[:4] == fields.first("publishDate")[:4] or not fields.first(
        "publishDate") else iso_date(fields.first("publishDate"))
    values = dict(
        id=clean(fields.first("id")),
        title=title,
        title_lang=languages.tag_of(named),  # the catalogue's own title
        journal=journal,
        date=date or spelling.date,
        publisher=clean(fields.first("publisher")),
        edition=clean(fields.first("edition")),
        languages=named,
        formats=tuple(clean(v) for v in fields.values("format") if v.strip()),
        topics=unique_folded(fields.values("topic")),
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        lay_summary=lay,
        abstract=abstract,
        rights=rights,
        licence_url=licence_url,
        links=links,
        issns=ids.standard_numbers(fields.values("issn")),  # VuFind's Solr fields, from MARC 022 and 020
        isbns=ids.standard_numbers(fields.values("isbn")),
    )
    return values, problems


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of a catalogue record, a dump's or a VuFind Solr document's (vufind_json.py): the
    PubMed-derived mapping, then what a MARC-derived record adds: ISBD punctuation off titles and names, the
    secondary and corporate authors, the container fields, ``doi_str_mv``, the kind its format names, and a
    ``spelling`` that is VuFind's word list rather than the PubMed-derived text ``parse_spelling`` reads."""
    # One index for the some fifty questions asked of a record of some forty fields (each Record.values walks them).
    fields = FieldIndex(record)
    spelling = fields.values("spelling")
    # A PubMed record's spelling that does not start with its id is damaged, and parse_spelling's warning says so.
    word_list = (bool(spelling) and not _titled_after_id(spelling[0], fields)
                 and fields.first("record_format") != "MEDLINE/PubMed")
    if word_list:
        shown = Record(record.format, record.where, tuple(f for f in record.fields if f.name != "spelling"),
                       record.preamble)
        values, problems = _pubmed_values(shown, FieldIndex(shown))
    else:
        values, problems = _pubmed_values(record, fields)
    primary, primary_editors, primary_translators = _by_role(fields.values("author"), fields.values("author_role"))
    secondary, editors, translators = _by_role(fields.values("author2"), fields.values("author2_role"))
    doi = values["doi"] or ids.doi_from(" ".join(fields.values("doi_str_mv")))
    date = values["date"] or first_date(fields.values("publishDate") or fields.values("publishDateSort"))
    values.update(  # an Article made once from both mappings' values (made, then replaced, took twice as long)
        id=values["id"] or shared.article_id(values["pmcid"], values["pmid"], doi, "", values["title"], "vufind"),
        title=_without_isbd(values["title"]),  # these three cleaned already (_pubmed_values)
        authors=tuple(marc_person(a) for a in (*primary, *secondary, *fields.values("author_corporate")) if a.strip()),
        editors=tuple(marc_person(a) for a in (*primary_editors, *editors) if a.strip()),
        translators=tuple(marc_person(a) for a in (*primary_translators, *translators) if a.strip()),
        journal=values["journal"] or clean(fields.first("container_title")),
        publisher=_without_isbd(values["publisher"]),
        edition=_without_isbd(values["edition"]),  # MARC 250, "[1st ed.]. -"
        doi=doi, date=date,
        volume=clean(fields.first("container_volume")),
        issue=clean(fields.first("container_issue")),
        pages=shared.page_range(fields.first("container_start_page"), fields.first("container_end_page")),
        kind=format_kind(values["formats"]),
        records=(record,),
    )
    return Article(**values), problems


def _titled_after_id(spelling: str, fields: FieldIndex) -> bool:
    """Whether a spelling is the PubMed-derived text: the id, its datestamp, then the title. VuFind's word list
    of a record it indexed from elsewhere may start with the id too: the National Virtual Library of India's
    DSpace record iitb-ds-100-1127 glues "iitb-ds-100-1127" to "2013-11-14T04:38:15Z" and then the title, and
    read as PubMed's text its whole was shown as the article's rights."""
    ident = fields.first("id")
    if not ident or not spelling.startswith(ident):
        return False
    at = stamp.end() if (stamp := _DATE.match(spelling, len(ident))) else len(ident)
    return spelling.startswith(fields.first("title") or "\x00", _after_spaces(spelling, at))


def _by_role(names: tuple[str, ...], roles: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """The authors among ``names`` (VuFind's primary ``author``, MARC's 100, or its secondary ``author2``, the
    700s), those whose role (``author_role``, ``author2_role``: one a name, in order) says editor (VuFind's
    "Schmidt, Maria" with "edt" or "Hrsg." edited the book), and those it says translator (Finna's "Parviainen,
    Sirpa" with "kääntäjä"). When the roles do not pair with the names one for one, which role is whose is
    unknown, and all are authors."""
    if len(roles) != len(names):
        return list(names), [], []
    editing = [marc_article.names_an_editor(role) for role in roles]
    translating = [marc_article.names_a_translator(role) for role in roles]
    return ([n for n, e, t in zip(names, editing, translating, strict=True) if not e and not t],
            [n for n, e in zip(names, editing, strict=True) if e],
            [n for n, t in zip(names, translating, strict=True) if t])


# What a catalogue's format (VuFind's getFormat of a MARC record: "Book", "Journal", "Thesis"…) says the work is,
# in CSL's words (Article.kind). A format it does not name (an "Article", "Online", "Text") leaves the work a
# journal article, as before.
_FORMAT_KINDS = {"book": "book", "ebook": "book", "journal": "periodical", "serial": "periodical",
                 "newspaper": "periodical", "thesis": "thesis", "dissertation": "thesis", "dissertations": "thesis",
                 "manuscript": "manuscript", "map": "map", "musical score": "musical_score", "video": "motion_picture",
                 "sound recording": "song"}


def format_kind(formats: tuple[str, ...]) -> str:
    """The kind of work the catalogue's formats name; "" for an article or when none says (``_FORMAT_KINDS``)."""
    folded = [f.casefold() for f in formats]
    if "article" in folded:
        return ""
    return next((_FORMAT_KINDS[f] for f in folded if f in _FORMAT_KINDS), "")


def isbd(text: str) -> str:
    """A title or publisher without the ISBD punctuation MARC ends it with ("… a bibliography /", "Zanichelli,",
    "… proceedings -"). Taken off from the end one mark at a time: a regular expression for the run backtracked
    for minutes over a value of many marks that do not end it."""
    return _without_isbd(clean(text))


def _without_isbd(text: str) -> str:
    """``isbd`` of a text that is clean already."""
    while True:
        text = text.rstrip()
        if text.endswith(("/", ":", ";", ",", "=")) or (text.endswith("-") and text[-2:-1].isspace()):
            text = text[:-1]
        else:
            return text


def marc_person(name: str) -> Person:
    """A MARC heading "Nawaz, Tawfique." without its closing full stop (kept after an initial: "Smith, J.")
    and without the life dates that tell namesakes apart in a catalogue ("Knight, George Wilson, 1897-"; Finna's
    API keys write them without the comma, "Viitanen, Viia 1973-")."""
    name = clean(name)
    if (last := name.rstrip(".")[-1:]).isdecimal() or last == "-":  # asked first: few names end with a date
        name = _LIFE_DATES.sub("", name)
    if name.endswith(".") and not _ABBREVIATED.search(name):
        name = name[:-1]
    return parse_person(name)


_LIFE_DATES = re.compile(r"(?:,\s*(?:b\.\s*|d\.\s*)?\d{4}-?|\s\d{4}-)(?:\d{4})?\.?$")
"""Life dates at a name's end: they end with a digit (``\\d``, a decimal digit as ``str.isdecimal`` tells it) or a
hyphen, and a full stop at most."""
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\b(?:Jr|Sr|Inc|Ltd|Co))\.$")


def first_date(values: tuple[str, ...] | list[str]) -> str:
    """The first date of a catalogue's ``publishDate`` ("1980", "c1980", "[1922?]", "1922-1975")."""
    for value in values:
        m = re.search(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value)
        if m and (date := iso_date(m.group(0))):
            return date
    return ""
