"""Reader for MODS XML (the Library of Congress's Metadata Object Description Schema): library catalogues' export
of their MARC records, and Zotero's and JabRef's "MODS" export.

A sample (one ``<mods>`` a record, alone or in a ``<modsCollection>``; the namespace as the default one, or with a
prefix, ``<mods:mods>``)::

    <modsCollection xmlns="http://www.loc.gov/mods/v3">
    <mods>
      <titleInfo><nonSort>The </nonSort><title>Title</title><subTitle>a subtitle</subTitle></titleInfo>
      <name type="personal"><namePart type="family">Smith</namePart><namePart type="given">Jo</namePart>
        <role><roleTerm type="text">author</roleTerm></role></name>
      <genre>journal article</genre>
      <originInfo><dateIssued>2021</dateIssued><publisher>…</publisher></originInfo>
      <language><languageTerm type="code" authority="iso639-2b">eng</languageTerm></language>
      <abstract>…</abstract>
      <subject><topic>Neoplasms</topic></subject>
      <relatedItem type="host">
        <titleInfo><title>Journal Name</title></titleInfo>
        <part><detail type="volume"><number>12</number></detail><detail type="issue"><number>3</number></detail>
          <extent unit="pages"><start>101</start><end>110</end></extent><date>2021</date></part>
      </relatedItem>
      <identifier type="doi">10.…</identifier>
      <location><url>https://…</url></location>
    </mods>
    </modsCollection>

A work held by another (``relatedItem type="host"``) names it there: a journal, or the book or proceedings of a
chapter or paper (by its genre or its issuance). A name's role says whether it is an author (none said is one) or
an editor. Every element and attribute is kept as written, with its line, for the full-record view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, UNTITLED, Article, Person, Record
from ..model.normalize import clean, parse_person, unique_folded
from . import shared, xmltree
from .marc_article import full_stop_off
from .xmltree import Node

FORMAT = "mods-xml"

_RECORD_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mods[\s>]")
_HEAD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?mods(?:Collection)?\b"
                   r"[^>]*\bxmlns(?::[\w.-]+)?=[\"']http://www\.loc\.gov/mods/v3[\"']", re.S)
"""The document's first element, after its declaration and any comments, a MODS record or collection: a text that
quotes one (a README) is no MODS file."""
MARKUP = xmltree.Markup(inline=frozenset(), detached=lambda element: False)

# MODS's genres (its own list, MARC's, and what Zotero and JabRef write) that are no journal's article, in CSL's
# words; any other genre is a journal article's when a journal holds the work.
_KINDS = {
    "book": "book", "monograph": "book", "edited book": "book", "book chapter": "chapter", "booksection": "chapter",
    "chapter": "chapter", "incollection": "chapter", "inbook": "chapter", "conference publication": "paper-conference",
    "conference paper": "paper-conference", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "thesis": "thesis", "dissertation": "thesis", "academic thesis": "thesis",
    "phdthesis": "thesis", "mastersthesis": "thesis", "report": "report", "technical report": "report",
    "techreport": "report", "web site": "webpage", "webpage": "webpage", "patent": "patent", "dataset": "dataset",
}
_CONTAINER_GENRES = frozenset({"book", "monograph", "conference publication", "proceedings", "edited book"})
# MODS's types of resource (MARC's leader/06 in words) that are not text, in CSL's words: what a work held by a
# collection is when its genre does not say (text then a "document", a generic work, as no journal carries it).
_RESOURCE_KINDS = {"cartographic": "map", "still image": "graphic", "moving image": "motion_picture",
                   "sound recording": "song", "sound recording-musical": "song", "sound recording-nonmusical": "song",
                   "notated music": "musical_score", "software, multimedia": "software", "text": "document"}
_AUTHOR_ROLES = frozenset({"author", "aut", "creator", "cre", ""})
_EDITOR_ROLES = frozenset({"editor", "edt"})


def sniff(head: str) -> bool:
    """Does the file start a ``<mods>`` or ``<modsCollection>`` in MODS's namespace?"""
    return _HEAD.match(head) is not None


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every ``<mods>`` record of a file, and the problems found (a broken record costs only itself)."""
    return xmltree.read_records(data, path, _RECORD_START, _records,
                                lambda element, offset: xmltree.record(FORMAT, path, element, offset, MARKUP),
                                Diagnostic(Level.ERROR, SourceSpan(path, 1), "no <mods> record in this MODS file"))


def _records(root: etree._Element, path: str, offset: int, diagnostics: list[Diagnostic]
             ) -> Iterator[etree._Element]:
    name = _local(xmltree.tag_name(root))
    if name == "mods":
        yield root
    elif name == "modsCollection":
        yield from (child for child in root if isinstance(child.tag, str) and
                    _local(xmltree.tag_name(child)) == "mods")
    else:
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, (root.sourceline or 1) + offset),
                                      f"<{xmltree.tag_name(root)}> is not MODS (expected <modsCollection> or <mods>)"))


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The Article of one MODS record, and what it lacks."""
    mods = _local_names(xmltree.tree(record))
    host = next((n for n in mods.findall("relatedItem") if n.get("type") == "host"), None)
    genres = [clean(g.text).casefold() for g in mods.findall("genre") if clean(g.text)]
    kind = next((_KINDS[g] for g in genres if g in _KINDS), "")
    collection = host is not None and _collection(host)
    if collection and not kind:
        kind = next((_RESOURCE_KINDS[t] for t in (clean(r.text).casefold() for r in mods.findall("typeOfResource"))
                     if t in _RESOURCE_KINDS), "document")
    held_by_book = host is not None and not collection and (kind in CONTAINED_KINDS or _monographic(host) or any(
        clean(g.text).casefold() in _CONTAINER_GENRES for g in host.findall("genre")) or _edited_book(host))
    if held_by_book and kind in ("", "book"):
        kind = "chapter"
    elif not kind and _monographic(mods) and (host is None or _set_of_volumes(host)):
        kind = "book"  # a catalogue's book, or a volume of a set: no genre but its issuance
    part = host.find("part") if host is not None else None
    part = part if part is not None else mods.find("part")
    host_title = _title(host) if host is not None else ""
    doi = ids.doi_field(_identifier(mods, "doi"))
    pmid = ids.pmid_from(_identifier(mods, "pmid"))
    pmcid = ids.pmcid_from(_identifier(mods, "pmc") or _identifier(mods, "pmcid"))
    urls = [clean(u.text) for u in mods.findall("location/url") if clean(u.text)]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    title = _title(mods)
    names = _names(mods)
    abstracts = [a for a in mods.findall("abstract") if clean(a.text)]
    main = [a for a in abstracts if _lang(a) == _lang(abstracts[0])] if abstracts else []
    lay, sections, rights = shared.abstract("\n\n".join(clean(a.text) for a in main))
    origin = mods.find("originInfo")
    when = _date(mods, host, part)
    article = Article(
        id=shared.article_id(pmcid or url_pmc, pmid or url_pmid, doi or url_doi, _identifier(mods, "citekey") or
                             _identifier(mods, "local"), title, "mods"),
        title=title or UNTITLED,
        authors=tuple(p for p, role in names if role in _AUTHOR_ROLES),
        editors=tuple(p for p, role in [*names, *(_names(host) if host is not None and held_by_book else ())]
                      if role in _EDITOR_ROLES),
        journal="" if held_by_book or collection else host_title,
        journal_abbrev=_title(host, "abbreviated") if host is not None and not (held_by_book or collection) else "",
        container=host_title if held_by_book or collection else "",
        kind=kind,
        date=when.iso, date_printed=when.printed,
        # a chapter's book's, when the chapter names none of its own (Bibutils writes them in the host)
        publisher=_publisher(mods) or (_publisher(host) if held_by_book and host is not None else ""),
        place=_place(mods) or (_place(host) if held_by_book and host is not None else ""),
        edition=clean(origin.findtext("edition")) if origin is not None else "",
        languages=languages.parse([clean(t.text) for t in mods.findall("language/languageTerm") if clean(t.text)]),
        pmid=pmid or url_pmid, pmcid=pmcid or url_pmc, doi=doi or url_doi,
        lay_summary=lay, rights=rights or clean(mods.findtext("accessCondition")),
        abstract=languages.written_in(sections, languages.tag_of(languages.parse([_lang(main[0])])) if main and _lang(
            main[0]) else ""),
        other_abstracts=tuple(other for a in abstracts if a not in main
                              if (other := languages.abstract_in(_lang(a), shared.abstract(clean(a.text))[1]))),
        links=shared.links(urls),
        volume=_detail(part, "volume"),
        issue=_detail(part, "issue") or _detail(part, "number"),
        pages=_pages(part) if kind not in ("book", "thesis", "report") else "",
        keywords=unique_folded(clean(t.text) for t in mods.findall("subject/topic") if clean(t.text)),
        records=(record,),
        # the work's own, then its host's: a journal's ISSN, the ISBN of a chapter's book
        issns=ids.standard_numbers(_identifiers((mods, host), "issn")),
        isbns=ids.standard_numbers(_identifiers((mods, host), "isbn")),
    )
    if title:
        return article, []
    return article, [Diagnostic(Level.ERROR, record.where,
                                "record has no title (a <title> in its <titleInfo>); shown as 'Untitled record'")]


def _lang(node: Node) -> str:
    """The language an element says it is written in (MODS's ``lang``, or ``xml:lang``)."""
    return node.get("lang") or node.get("xml:lang")


def _collection(host: Node) -> bool:
    """Is the host a collection of a library or archive, not a journal or a book: its ``typeOfResource`` says so
    (``collection="yes"``, as Stanford's records say it), or it is named by DLF Aquifer's list of collections
    (``titleInfo authority="dlfaqcoll"``: "Indiana University Digital Library Program: Charles W. Cushman
    Photograph Collection" holding a photograph, in the Aquifer records of Zotero's MODS translator's tests)."""
    return (any(r.get("collection") == "yes" for r in host.findall("typeOfResource"))
            or any(t.get("authority") == "dlfaqcoll" for t in host.findall("titleInfo")))


def _publisher(node: Node) -> str:
    return next((clean(p.text) for p in (*node.findall("originInfo/publisher"),
                                         *node.findall("originInfo/agent/namePart")) if clean(p.text)), "")


def _names_publisher(info: Node) -> bool:
    """Does the ``originInfo`` name a publisher (``publisher``, or MODS 3.8's ``agent``)?"""
    return any(clean(p.text) for p in (*info.findall("publisher"), *info.findall("agent/namePart")))


def _place(node: Node) -> str:
    """The place of publication: that of the ``originInfo`` that names the publisher, when one does; else the first
    place named. Kalliope's record of a letter of 1930 (in Zotero's MODS translator's tests) says where the letter
    was written (Innsbruck) in one originInfo and who published its electronic edition where (semantics, Aachen) in
    another; the page said "Innsbruck: semantics"."""
    infos = node.findall("originInfo")
    published = [info for info in infos if _names_publisher(info)] or infos
    return next((clean(p.text) for info in published for p in info.findall("place/placeTerm")
                 if p.get("type") != "code" and clean(p.text)), "")


def _edited_book(host: Node) -> bool:
    """Is the host a book its editors made: it names an editor and is no continuing resource. A chapter of
    "Post-Fordism: A Reader" (in Zotero's MODS translator's tests) names its book so, with the book's editor,
    publisher and place, and no issuance; its page said the book was its journal."""
    return any(role in _EDITOR_ROLES for _, role in _names(host)) and not any(
        clean(i.text) in ("continuing", "serial", "integrating resource") for i in host.findall("originInfo/issuance"))


def _set_of_volumes(host: Node) -> bool:
    """Is the host of a work published once the set of volumes it is one of, not a journal: the host names no
    issuance or genre and locates the work by no volume, issue or pages (``part/detail``, ``part/extent``), at most
    in words. BIBSYS's record of Ludvig Holbergs udvalgte Skrifter "D. 1-6 B. 4" (in Zotero's MODS translator's
    tests) names its set so, ``<part><text>B. 4</text></part>``; its page said the set was its journal."""
    part = host.find("part")
    return not (host.findall("originInfo/issuance") or host.findall("genre")) and (
        part is None or not (part.findall("detail") or part.findall("extent")))


def _monographic(node: Node) -> bool:
    """Is ``node`` published once (a book), as its ``issuance`` says, rather than continuing (a journal)?"""
    return any(clean(i.text) in ("monographic", "single unit") for i in node.findall("originInfo/issuance"))


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _local_names(node: Node) -> Node:
    """The tree with every element's prefix left out (``mods:title`` → ``title``), as MODS's namespace may be
    written with one."""
    return Node(_local(node.name), node.text, node.line, node.attributes,
                tuple(_local_names(child) for child in node.children))


def _title(node: Node, kind: str = "") -> str:
    """The title of ``node``'s first ``titleInfo`` of ``kind`` ("" the main one: the untyped one, else the
    uniform title, else any but an abbreviation, as the Library of Congress's collections name a host by its
    uniform title alone): its non-sorting article, title, subtitle and part, as a catalogue prints them ("The
    title: a subtitle. Part 2")."""
    infos = node.findall("titleInfo")
    if not kind and not any(info.get("type") is None for info in infos):
        infos = sorted((i for i in infos if i.get("type") != "abbreviated"), key=lambda i: i.get("type") != "uniform")
        kind = infos[0].get("type") or "" if infos else ""
    for info in infos:
        if (info.get("type") or "") != kind:
            continue
        text = clean(info.findtext("nonSort")) + (" " if clean(info.findtext("nonSort")).isalpha() else "")
        text += clean(info.findtext("title"))
        if subtitle := clean(info.findtext("subTitle")):
            text += f"{'' if text.endswith((':', '?', '!')) else ':'} {subtitle}"
        for piece in ("partNumber", "partName"):
            if value := clean(info.findtext(piece)):
                text += f". {value}"
        return clean(text)
    return ""


def _names(mods: Node) -> list[tuple[Person, str]]:
    """Each person or body named, with its role (its first role term, folded; "" when none is said)."""
    found = []
    for name in mods.findall("name"):
        parts = {p.get("type"): clean(p.text) for p in reversed(name.findall("namePart"))}
        given = " ".join(clean(p.text) for p in name.findall("namePart") if p.get("type") == "given" and clean(p.text))
        family = parts.get("family", "")
        plain = " ".join(clean(p.text) for p in name.findall("namePart") if not p.get("type") and clean(p.text))
        terms = parts.get("termsOfAddress", "")
        if name.get("type") in ("corporate", "conference"):
            person = Person(name=_body(name) or clean(name.findtext("displayForm")))
        elif family:
            person = Person(name=", ".join(p for p in (family, given, terms) if p), family=family, given=given,
                            suffix=terms)
        elif plain and terms:
            person = _with_terms(plain.rstrip(","), terms)
        else:  # "Sridharan, Kumar.": MARC's 700 $a, its full stop left in by the conversion, taken off
            person = parse_person(full_stop_off((plain or clean(name.findtext("displayForm"))).rstrip(",")))
        role = next((clean(t.text).casefold() for t in name.findall("role/roleTerm") if clean(t.text)), "")
        if person.name:
            found.append((person, role))
    return found


def _body(name: Node) -> str:
    """A body's name from its parts, a body and each unit under it (MARC 110 $a and $b, which the Library of
    Congress's conversion writes as namePart after namePart), as a catalogue heading joins them: "United States.
    Congress. Senate" (govinfo's MODS of a Senate hearing, in Zotero's MODS translator's tests), not "United
    States Congress Senate"; the full stop that ends a part in the catalogue taken off, as the MARC reader takes
    it off."""
    return ". ".join(full_stop_off(clean(p.text)) for p in name.findall("namePart") if not p.get("type") and clean(
        p.text))


_NUMERATION = re.compile(r"([IVXLC]+)\b,?\s*")
"""A ruler's or pope's number, which MARC writes in 100 $b and the conversion to MODS puts at the start of the
termsOfAddress ("I, Holy Roman Emperor")."""


def _with_terms(plain: str, terms: str) -> Person:
    """A name written in one namePart, as the Library of Congress's conversion from MARC writes 100 $a, with the
    termsOfAddress beside it ($b and $c): a surname first ("Temple, Richard Carnac" and "Sir") is "Family, Given,
    Terms"; a forename ("Joseph" and "I, Holy Roman Emperor") keeps its number and is followed by its title,
    "Joseph I, Holy Roman Emperor", as a MARC forename entry is."""
    if "," in plain:
        return parse_person(f"{plain}, {terms}")
    numeral = _NUMERATION.match(terms)
    head = f"{plain} {numeral.group(1)}" if numeral else plain
    title = terms[numeral.end():] if numeral else terms
    return Person(name=f"{head}, {title}" if title else head, family=head, suffix=title)


def _identifier(mods: Node, kind: str) -> str:
    return next((clean(i.text) for i in mods.findall("identifier") if i.get("type").casefold() == kind
                 and clean(i.text)), "")


def _identifiers(nodes: tuple[Node | None, ...], kind: str) -> list[str]:
    """Every ``<identifier type=kind>`` of the nodes, in order."""
    return [i.text for node in nodes if node is not None for i in node.findall("identifier")
            if i.get("type").casefold() == kind]


def _date(mods: Node, host: Node | None, part: Node | None) -> dates.PrintedDate:
    """The date of the work: its issue's (``dateIssued``, the host's part's ``date``), else when it was made; as
    printed too when ISO cannot hold it ("[1995?]", "1995-1997", "in press", a period's start and end)."""
    issued = _dated(mods, "dateIssued")
    candidates = [*(found for found, node in issued if node.get("keyDate") == "yes"), *(found for found, _ in issued),
                  shared.printed_date(part.findtext("date")) if part is not None else dates.PrintedDate(""),
                  *(found for found, _ in (_dated(host, "dateIssued") if host is not None else [])),
                  *(found for found, _ in _dated(mods, "dateCreated")),
                  *(found for found, _ in _dated(mods, "copyrightDate"))]
    return next((found for found in candidates if found.iso),
                next((found for found in candidates if found.printed), dates.PrintedDate("")))


def _dated(node: Node, kind: str) -> list[tuple[dates.PrintedDate, Node]]:
    """Each date of ``kind`` in ``node``'s ``originInfo``, read, with its element; a period's start
    (``point="start"``) with the end given beside it (``point="end"``) as one date kept as printed. The Library of
    Congress's MODS of a MARC record gives the years of a work published over several so ("<dateIssued
    encoding="marc" point="start">1950</dateIssued><dateIssued encoding="marc" point="end">2007</dateIssued>"):
    1950-2007, not 1950. An end that is no date (MARC's "9999" for still published, "uuuu") leaves the start
    alone."""
    found = []
    for origin in node.findall("originInfo"):
        elements = origin.findall(kind)
        end = next((clean(e.text) for e in elements if e.get("point") == "end"), "")
        found += [(_period(e.text, end) if e.get("point") == "start" else shared.printed_date(e.text), e)
                  for e in elements if e.get("point") != "end"]
    return found


def _period(start_text: str, end_text: str) -> dates.PrintedDate:
    start, end = shared.printed_date(start_text), shared.printed_date(end_text)
    if not start.iso or start.printed or not end.iso or end.printed or end.iso in ("9999", start.iso):
        return start
    joint = "-" if len(start.iso) == len(end.iso) == 4 else "/"  # "1950-2007"; "2008-02-01/2009-12-02" as ISO
    return dates.PrintedDate(start.iso, f"{clean(start_text)}{joint}{end_text}")


def _detail(part: Node | None, kind: str) -> str:
    if part is None:
        return ""
    return next((clean(d.findtext("number") or d.findtext("title")) for d in part.findall("detail")
                 if d.get("type") == kind and clean(d.findtext("number") or d.findtext("title"))), "")


def _pages(part: Node | None) -> str:
    """Where in its host the work is: ``extent`` (pages) from ``start`` to ``end``, or its ``list``."""
    if part is None:
        return ""
    for extent in part.findall("extent"):
        if extent.get("unit") not in ("", "page", "pages", "pp"):
            continue
        if start := clean(extent.findtext("start")):
            return shared.page_range(start, clean(extent.findtext("end")))
        if listed := clean(extent.findtext("list")):
            return shared.page_range(listed)
    return ""
