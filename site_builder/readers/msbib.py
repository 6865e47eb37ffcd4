"""Reader for Microsoft Word's bibliography XML (MSBib, ECMA-376 Part 1, 22.6): the ``Sources.xml`` in which
Word's Source Manager keeps its master list, a document's own sources (``customXml/item1.xml`` in a ``.docx``),
and what JabRef and other tools export as "MS Office 2007 XML".

A sample (one ``<b:Source>`` a work, in ``<b:Sources>``; the namespace with Word's ``b:`` prefix or as the
default one)::

    <?xml version="1.0"?>
    <b:Sources SelectedStyle="\\APASixthEditionOfficeOnline.xsl" StyleName="APA" Version="6"
      xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
      xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">
    <b:Source>
      <b:Tag>Smi21</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Guid>{…}</b:Guid><b:LCID>1033</b:LCID>
      <b:Author>
        <b:Author><b:NameList><b:Person><b:Last>Smith</b:Last><b:First>Jo</b:First><b:Middle>A.</b:Middle>
          </b:Person></b:NameList></b:Author>
        <b:Editor><b:Corporate>A society</b:Corporate></b:Editor>
      </b:Author>
      <b:Title>…</b:Title><b:JournalName>…</b:JournalName><b:Year>2021</b:Year><b:Month>March</b:Month>
      <b:Day>3</b:Day><b:Volume>12</b:Volume><b:Issue>3</b:Issue><b:Pages>12-19</b:Pages><b:DOI>10.…</b:DOI>
      <b:URL>https://…</b:URL><b:StandardNumber>ISSN 1234-5678</b:StandardNumber><b:City>…</b:City>
    </b:Source>
    </b:Sources>

``SourceType`` says what the work is (``_TYPES``) and which element names what holds it: a journal's article
its ``JournalName``, a book section its ``BookTitle``, a conference paper its ``ConferenceName``. The outer
``<b:Author>`` holds each contributor's role: the authors are its ``Author`` (a ``Person`` of ``Last``, ``First``
and ``Middle`` names, or a ``Corporate`` name), else the type's main contributor (an artist, a performer, a
director, an inventor…); ``Editor`` and ``Translator`` are the article's editors and translators. ``LCID`` names
the language by Windows's locale number. JabRef adds ``BIBTEX_Abstract`` and ``BIBTEX_KeyWords``. Every element
(the standard number, Word's ``Guid`` and ``RefOrder``, the date accessed, the comments, the other roles) is
kept as written, with its line, for the full-record view; a broken source is reported at its line and the others
are still read.
"""

from __future__ import annotations

import locale
import re
from collections.abc import Iterator

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, LEGAL_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Language, Person, Record
from ..model.normalize import clean, parse_person
from . import shared, xmltree
from .xmltree import Node

FORMAT = "msbib"
NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"

_RECORD_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Source[\s>]")
_HEAD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?Sources\b[^<>]*"
                   rf"\bxmlns(?::[\w.-]+)?=[\"']{re.escape(NAMESPACE)}[\"']", re.S)
"""The document's first element, after its declaration and any comments, a ``Sources`` in the bibliography
namespace: a text that quotes one (a README) is no MSBib file, nor is another format's ``<Sources>``."""
MARKUP = xmltree.Markup(inline=frozenset(), detached=lambda element: False)

_TYPES: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "JournalArticle": ("", ("JournalName", "PeriodicalTitle"), False),
    "ArticleInAPeriodical": ("article-magazine", ("PeriodicalTitle", "JournalName"), False),
    "Book": ("book", (), False),
    "BookSection": ("chapter", ("BookTitle",), False),
    "ConferenceProceedings": ("paper-conference", ("ConferenceName",), True),
    "Report": ("report", (), False),
    "InternetSite": ("webpage", ("InternetSiteTitle",), True),
    "DocumentFromInternetSite": ("webpage", ("InternetSiteTitle",), True),
    "ElectronicSource": ("document", ("PublicationTitle",), True),
    "Art": ("graphic", (), False),
    "SoundRecording": ("song", ("AlbumTitle",), True),
    "Performance": ("performance", (), False),
    "Film": ("motion_picture", (), False),
    "Interview": ("interview", ("BroadcastTitle",), True),
    "Patent": ("patent", (), False),
    "Case": ("legal_case", ("Reporter",), False),
    "Misc": ("document", (), False),
}
"""Word's source types (ECMA-376's ST_SourceType): the kind of work in CSL's words, the elements that name what
holds it (the first with text), and whether that name is the work's own title when it has no ``Title`` (a web
site cited whole, an album). A type of a style's own ("Legislation", "SocialMedia") is read as ``Misc`` is,
unless what holds it says more (``_MISC_HOSTS``)."""
_MISC_HOSTS = (("JournalName", ""), ("PeriodicalTitle", "article-magazine"), ("InternetSiteTitle", "webpage"))
"""For a miscellaneous work, or one of a type of a style's own: the element that names a journal, a magazine or a
web site, and the kind of work it then is."""
_CREATORS = ("Author", "Artist", "Performer", "Composer", "Director", "Writer", "Inventor", "Interviewee",
             "Compiler", "BookAuthor")
"""The roles whose people are the authors, the first that names anyone: the authors, else the type's main
contributor (Word's forms ask an artwork for its artist, a recording for its performer or composer, a film for its
director, a patent for its inventor), else the book's authors for a section of it."""
_THESIS = re.compile(r"thes[ei]s|dissertation|doktorarbeit|tesis|tese|th[eè]se", re.I)
_NO_LANGUAGE = "0"
"""The LCID Word and JabRef write when no language is set."""
_LCID_TAGS = {0x042C: "az-Latn-AZ", 0x082C: "az-Cyrl-AZ", 0x141A: "bs-Latn-BA", 0x201A: "bs-Cyrl-BA",
              0x4809: "en-SG", 0x045D: "iu-Cans-CA", 0x085D: "iu-Latn-CA", 0x081A: "sr-Latn-CS",
              0x0C1A: "sr-Cyrl-CS", 0x181A: "sr-Latn-BA", 0x1C1A: "sr-Cyrl-BA", 0x0443: "uz-Latn-UZ",
              0x0843: "uz-Cyrl-UZ"}
"""The LCIDs that Python's ``locale.windows_locale`` names wrongly, as Microsoft's [MS-LCID] names them: it gives
both scripts of a language one name (2115, 0x0843, Uzbek in Cyrillic script, and 1091, Uzbek in Latin, are both
"uz_UZ"), and English in Singapore (0x4809) "en_IN"."""


def sniff(head: str) -> bool:
    """Does the file start a ``<Sources>`` in the bibliography namespace (``<b:Sources xmlns:b=…>``)?"""
    return _HEAD.match(head) is not None


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every ``<Source>`` of a file, and the problems found (a broken source costs only itself)."""
    return xmltree.read_records(data, path, _RECORD_START, _records,
                                lambda element, offset: xmltree.record(FORMAT, path, element, offset, MARKUP),
                                Diagnostic(Level.WARNING, SourceSpan(path, 1), "no <Source> in this Word bibliography"))


def _records(root: etree._Element, path: str, offset: int, diagnostics: list[Diagnostic]
             ) -> Iterator[etree._Element]:
    name = etree.QName(root).localname
    if name == "Sources":
        yield from (child for child in root if isinstance(child.tag, str)
                    and etree.QName(child).localname == "Source")
    elif name == "Source":
        yield root
    else:
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, (root.sourceline or 1) + offset), (
            f"<{xmltree.tag_name(root)}> is not a Word bibliography (expected <b:Sources> holding <b:Source>)")))


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The Article of one Word source, and what is wrong with it."""
    source = _local_names(xmltree.tree(record))
    kind, hosts, names_whole = _type(source)
    title, host = _text(source, "Title", "ShortTitle"), _text(source, *hosts)
    if not title and names_whole:
        title, host = host, ""
    when, problems = _date(source, record.where.path)
    found_languages, language_problems = _languages(source, record.where.path)
    doi = ids.doi_field(_text(source, "DOI")) or ids.doi_from(_text(source, "StandardNumber"))
    urls = [clean(url.text) for url in source.findall("URL") if clean(url.text)]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    lay, sections, rights = shared.abstract(_text(source, "Abstract", "BIBTEX_Abstract"))
    periodical = kind in PERIODICAL_KINDS
    issns, isbns = _standard_numbers(_text(source, "StandardNumber"), book=not periodical)
    article = Article(
        id=shared.article_id(url_pmc, url_pmid, doi or url_doi, _text(source, "Tag"), title, FORMAT),
        title=title or UNTITLED,
        authors=next((people for role in _CREATORS if (people := _people(source, role))), ()),
        editors=() if periodical else _people(source, "Editor"),
        translators=_people(source, "Translator"),
        journal=host if periodical or kind in LEGAL_KINDS else "",
        container=host if kind in CONTAINED_KINDS else "",
        kind=kind,
        date=when.iso, date_printed=when.printed,
        publisher=_text(source, "Publisher", "Institution"),
        place="" if periodical else ", ".join(
            part for name in ("City", "StateProvince", "CountryRegion") if (part := _text(source, name))),
        edition="" if periodical else _text(source, "Edition"),
        languages=found_languages,
        pmid=url_pmid, pmcid=url_pmc, doi=doi or url_doi,
        lay_summary=lay, abstract=sections, rights=rights,
        links=shared.links(urls),
        volume=shared.volume(_text(source, "Volume")),
        issue=_text(source, "Issue") if periodical else "",
        pages=shared.page_range(_text(source, "Pages")) if kind not in ("book", "thesis", "report") else "",
        keywords=shared.split_keywords(clean(k.text) for k in source.findall("BIBTEX_KeyWords") if clean(k.text)),
        records=(record,),
        issns=issns, isbns=isbns,
    )
    problems += language_problems
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   "source has no title (a <b:Title> in its <b:Source>); shown as 'Untitled record'"))
    return article, problems



def _standard_numbers(text: str, book: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ISSNs and ISBNs of StandardNumber, which holds any identifier (JabRef writes ":ISSN:0937-6429" or
    " DOI: 10.…", Word's users a report's number or a url): a number labelled ISSN or ISBN, or of their form."""
    label = re.search(r"\bIS([SB])N\b", text, re.I)
    if label is None and not ids.holds_standard_number(text):
        return (), ()
    return ids.issns_and_isbns([text], book=label[1].upper() == "B" if label else book)

def _type(source: Node) -> tuple[str, tuple[str, ...], bool]:
    """The kind of work (``_TYPES``), the elements naming what holds it, and whether that name is the title of a
    work cited whole. A report that is a thesis (its ``ThesisType``, or JabRef's ``phdthesis``) is a thesis."""
    name = _text(source, "SourceType")
    if name == "Report" and (_THESIS.search(_text(source, "ThesisType"))
                             or _text(source, "BIBTEX_Entry") in ("phdthesis", "mastersthesis")):
        return "thesis", (), False
    if name in _TYPES and name != "Misc":
        return _TYPES[name]
    return next(((kind, (element,), False) for element, kind in _MISC_HOSTS if _text(source, element)),
                _TYPES["Misc"])


def _people(source: Node, role: str) -> tuple[Person, ...]:
    """The people and bodies named in a role (``<b:Author><b:Editor>…``), in the record's order."""
    found: list[Person] = []
    for holder in source.findall(f"Author/{role}"):
        for named in holder.children:
            if named.name == "Corporate" and clean(named.text):
                found.append(Person(name=clean(named.text)))
            elif named.name == "NameList":
                found.extend(p for node in named.findall("Person") if (p := _person(node)) is not None)
    return tuple(found)


def _person(node: Node) -> Person | None:
    """A person from its ``Last``, ``First`` and ``Middle`` names; None when all are empty."""
    family = clean(node.findtext("Last"))
    given = " ".join(part for part in (clean(node.findtext("First")), clean(node.findtext("Middle"))) if part)
    if not family:
        return parse_person(given) if given else None
    return Person(name=f"{family}, {given}" if given else family, family=family, given=given)


def _date(source: Node, path: str) -> tuple[dates.PrintedDate, list[Diagnostic]]:
    """The date of the work from its ``Year``, ``Month`` (a number, a name or a season) and ``Day``; a month or
    day that is none is reported at its line and left out (the date is then the year alone)."""
    year, month, day = (source.find(name) for name in ("Year", "Month", "Day"))
    parts = [clean(year.text) if year is not None else ""]
    problems: list[Diagnostic] = []
    if month is not None and (text := clean(month.text)):
        if dates.month_number(text) or dates.season_name(text):
            parts.append(text)
        else:
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, month.line), (
                f"the month {text!r} is no month (a number from 1 to 12, a month's name or a season); "
                "the date is the year alone")))
            day = None
    if day is not None and (text := clean(day.text)):
        number = text.isascii() and text.isdigit()
        if number and 1 <= int(text) <= 31 and len(parts) == 2:
            parts.append(text)
        elif len(parts) == 2 or not number:
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, day.line),
                                       f"the day {text!r} is no day of a month (1 to 31); it is left out"))
    if not parts[0]:
        return dates.PrintedDate(""), problems
    return shared.printed_date(" ".join(parts)), problems


def _languages(source: Node, path: str) -> tuple[tuple[Language, ...], list[Diagnostic]]:
    """The language ``LCID`` names by its Windows locale number (1033 English (United States), 1031 German, 2115
    Uzbek in Cyrillic script); 0 is none. A number Windows does not know, or no number, is reported at its line
    (the full record keeps it as written)."""
    node = source.find("LCID")
    text = clean(node.text) if node is not None else ""
    if node is None or text in ("", _NO_LANGUAGE):
        return (), []
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else -1
    name = _LCID_TAGS.get(number) or locale.windows_locale.get(number, "")
    if not name:
        return (), [Diagnostic(Level.WARNING, SourceSpan(path, node.line), (
            f"the LCID {text!r} is no Windows language number (1033 is English, 1031 German); the record names "
            "no language"))]
    return languages.parse([name.replace("_", "-")]), []


def _text(source: Node, *names: str) -> str:
    """The text of the first of the elements ``names`` that has some, cleaned; "" when none has."""
    return next((text for name in names for node in source.findall(name) if (text := clean(node.text))),
                "")


def _local_names(node: Node) -> Node:
    """The tree with every element's prefix left out (``b:Title`` → ``Title``): Word writes the namespace with the
    ``b:`` prefix, other tools as the default namespace."""
    return Node(node.name.rpartition(":")[2], node.text, node.line, node.attributes,
                tuple(_local_names(child) for child in node.children))
