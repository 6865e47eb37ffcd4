"""From a catalogue-dump Record to an Article: the typed values, and what only the ``spelling`` field holds.

VuFind builds ``spelling`` by joining, with spaces: the id glued to a datestamp, the title, each author, the
journal, each topic, the description, the publisher, the full publication date, the PMC, PubMed and DOI links,
"Text", the language codes, and the rights (copyright, then the licence url glued to the licence text). The
other fields hold every part but the journal, the full date and the rights, so the parser peels the known parts
off in order and keeps what is left between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import identifiers as ids
from ..model import languages
from ..model.article import UNTITLED, Article, FieldIndex, Link, Record
from ..model.dates import iso_date
from ..model.normalize import clean, parse_person, safe_url, unique_folded
from ..model.sections import split_lay_summary, split_text

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


def identifiers(fields: FieldIndex) -> tuple[str, str, str]:
    """(PMID, PMCID, DOI) from the urls and the id."""
    pmid, pmcid, doi = ids.ids_from_urls(fields.values("url"))
    ident = fields.first("id")
    if not doi and ident.startswith("doi-"):
        doi = ids.doi_from(ident)
    return pmid, pmcid, doi


def _links(fields: FieldIndex) -> tuple[Link, ...]:
    """Record urls that are not PubMed, PMC or DOI links (those are linked in their canonical form)."""
    links = []
    for url in fields.values("url"):
        if ids.names_an_identifier(url):
            continue
        if safe := safe_url(url):
            links.append(Link(label=safe.split("/")[2], url=safe))
    return tuple(links)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    where = SourceSpan(record.where.path, record.where.line)
    fields = FieldIndex(record)  # about thirty questions of a record of about forty fields
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
    pmid, pmcid, doi = identifiers(fields)
    date = spelling.date if spelling.date[:4] == fields.first("publishDate")[:4] or not fields.first(
        "publishDate") else iso_date(fields.first("publishDate"))
    article = Article(
        id=clean(fields.first("id")),
        title=title,
        title_lang=languages.tag_of(languages.parse(fields.values("language"))),  # the catalogue's own title
        authors=tuple(parse_person(a) for a in fields.values("author") if a.strip()),
        journal=journal,
        date=date or spelling.date,
        publisher=clean(fields.first("publisher")),
        edition=clean(fields.first("edition")),
        languages=languages.parse(fields.values("language")),
        formats=tuple(clean(v) for v in fields.values("format") if v.strip()),
        topics=unique_folded(fields.values("topic")),
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        lay_summary=lay,
        abstract=abstract,
        rights=rights,
        licence_url=licence_url,
        links=_links(fields),
        records=(record,),
        issns=ids.standard_numbers(fields.values("issn")),  # VuFind's Solr fields, from MARC 022 and 020
        isbns=ids.standard_numbers(fields.values("isbn")),
    )
    return article, problems
