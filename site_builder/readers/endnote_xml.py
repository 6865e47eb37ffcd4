"""Reader for EndNote's XML export (File › Export, "XML"), which Covidence, Mendeley, Bookends, Rayyan and other
reference tools write too.

A sample (one line in a real export; EndNote wraps each value in ``<style>`` runs, one a change of face)::

    <?xml version="1.0" encoding="UTF-8" ?><xml><records><record>
      <database name="My EndNote Library.enl" path="C:\\My EndNote Library.enl">My EndNote Library.enl</database>
      <source-app name="EndNote" version="20.0">EndNote</source-app><rec-number>650</rec-number>
      <ref-type name="Journal Article">17</ref-type>
      <contributors><authors><author><style face="normal" font="default" size="100%">Ainley, D.G.</style></author>
      </authors></contributors>
      <titles><title><style face="normal" …>A demographic study of the south polar skua</style>
        <style face="italic" …> Catharacta maccormicki</style></title>
        <secondary-title><style …>Journal of Animal Ecology</style></secondary-title></titles>
      <periodical><full-title>…</full-title><abbr-1>…</abbr-1></periodical>
      <pages>…</pages><volume>59</volume><number>…</number>
      <dates><year>1990</year><pub-dates><date>Mar 3</date></pub-dates></dates>
      <electronic-resource-num>10.…</electronic-resource-num><accession-num>25647015</accession-num>
      <abstract>…</abstract><urls><related-urls><url>…</url></related-urls></urls>
    </record></records></xml>

Its fields are those of EndNote's tagged export under other names, so the article is made as endnote.py makes it,
each element read as the tag EndNote gives the same field (``<title>`` as ``%T``, ``<secondary-title>`` a
periodical's journal or a chapter's book, as ``%J`` or ``%B``); a value's line breaks (EndNote writes "&#xD;")
part its lines as in the tagged export. Every element and attribute is kept as written, with its line, for the
full-record view, but the attributes of the style EndNote writes around every plain value (face normal, font
default, size 100%: two thirds of a record's fields, which say only "plain text"); a broken record is reported at
its line and the others are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import styles
from ..model.article import PERIODICAL_KINDS, Article, Record
from ..model.normalize import clean
from . import endnote, shared, xmltree

FORMAT = "endnote-xml"

_RECORD_START = re.compile(rb"<record[\s>]")
_HEAD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?<xml>\s*<records[\s>]")


def _script(style: etree._Element) -> str:
    face = style.get("face", "")
    return "sup" if "superscript" in face else "sub" if "subscript" in face else ""


def _face(style: etree._Element) -> str:
    """The style a run's face gives it ("italic", "bold italic", "bold superscript"): one kind, the first of
    these, a script first (raised or lowered says more than bold)."""
    faces = style.get("face", "").split()
    return next((kind for face, kind in _FACES.items() if face in faces), "")


_FACES = {"superscript": "sup", "subscript": "sub", "italic": "i", "bold": "b", "underline": "u"}


MARKUP = xmltree.Markup(inline=frozenset({"style"}), detached=lambda element: False, script=_script, face=_face)
"""A value is runs of ``<style>`` (face, font, size): its text is theirs, in order, a raised or lowered run's
as plain text can write it ("CO₂")."""

# EndNote's reference types by number, for a <ref-type> without its name (only the numbers a review cites).
_TYPE_NUMBERS = {"17": "Journal Article", "6": "Book", "5": "Book Section", "47": "Conference Paper",
                 "10": "Conference Proceedings", "27": "Report", "32": "Thesis", "12": "Web Page", "13": "Generic",
                 "28": "Edited Book", "43": "Electronic Article", "46": "Government Document"}

_TAGS = {
    "contributors/authors/author": "%A", "contributors/secondary-authors/author": "%E",
    "contributors/tertiary-authors/author": "%Y", "contributors/subsidiary-authors/author": "%?",
    "auth-address": "%+", "titles/title": "%T", "titles/tertiary-title": "%S", "titles/alt-title": "%O",
    "titles/short-title": "%!", "titles/translated-title": "%Q", "periodical/abbr-1": "%O", "pages": "%P",
    "volume": "%V", "number": "%N", "num-vols": "%6", "edition": "%7", "section": "%&", "dates/year": "%D",
    "dates/pub-dates/date": "%8", "publisher": "%I", "pub-location": "%C", "isbn": "%@", "accession-num": "%M",
    "call-num": "%L", "label": "%F", "keywords/keyword": "%K", "abstract": "%X", "notes": "%Z",
    "research-notes": "%<", "work-type": "%9", "urls/related-urls/url": "%U", "urls/web-urls/url": "%U",
    "electronic-resource-num": "%R", "remote-database-name": "%W", "remote-database-provider": "%~",
    "language": "%G", "custom1": "%1", "custom2": "%2", "custom3": "%3", "custom4": "%4",
}
"""The tag of endnote.py each element is read as (``<secondary-title>`` and the journal's full title aside: their
tag depends on the kind of work). PDF links (``urls/pdf-urls``) point into the owner's library: only in the full
record."""
_LINE_BREAK = re.compile(r"\r\n?|\n")


def sniff(head: str) -> bool:
    """Does the file start as EndNote's XML does: an ``<xml>`` root holding ``<records>`` (after the XML
    declaration)? Prose that quotes it (a README's table of formats) does not."""
    return _HEAD.match(head) is not None


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every ``<record>`` of an EndNote XML file, and the problems found."""
    return xmltree.read_records(
        data, path, _RECORD_START, _records,
        lambda element, offset: _without_plain_style(xmltree.record(FORMAT, path, element, offset, MARKUP)),
        Diagnostic(Level.ERROR, SourceSpan(path, 1), "no <record> in this EndNote XML file"))


def _records(root: etree._Element, path: str, offset: int, diagnostics: list[Diagnostic]) -> Iterator[etree._Element]:
    name = xmltree.tag_name(root)
    if name == "record":
        yield root
    elif name in ("xml", "records"):
        yield from root.iter("record")
    else:
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, (root.sourceline or 1) + offset),
                                      f"<{name}> is not EndNote XML (expected <xml><records>)"))


_PLAIN_STYLE = {"face": "normal", "font": "default", "size": "100%"}
"""The attributes of the <style> run EndNote writes around every plain value: what they say is "plain text"."""


def _without_plain_style(record: Record) -> Record:
    """The record without the attributes of plain text's style runs (three a value, two thirds of a record's fields);
    a run in another face, font or size keeps all of its attributes (an italic species name, a superscript)."""
    fields = record.fields
    kept = tuple(f for f in fields if not (f.name.endswith(("/style/@face", "/style/@font", "/style/@size"))
                                           and f.values == (_PLAIN_STYLE[f.name.rpartition("@")[2]],)))
    return record if len(kept) == len(fields) else Record(record.format, record.where, kept, record.preamble)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The Article of one EndNote XML record, made as endnote.py makes a tagged record's, and what it lacks."""
    tags = endnote.Tags(_tagged(record))
    problems: list[Diagnostic] = []
    if not endnote.title_of(tags):
        # EndNote writes its whole file on one line: the record's number in the library tells which one it is
        number = next((value for value in record.values("rec-number") if value.strip()), "")
        which = f"record {number.strip()} (its <rec-number>)" if number else "record"
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   f"{which} has no title (a <title> in its <titles>); shown as 'Untitled record'"))
    article = endnote.tagged_article(tags, record, FORMAT)
    return replace(article, title_styles=_title_styles(record, article.title)), problems


def _title_styles(record: Record, title: str) -> styles.Styles:
    """The styles of the title's runs (a species name in italics: "… south polar skua <style face="italic">
    Catharacta maccormicki</style> at Cape Crozier"), where the title shown is the <title>'s text."""
    text, spans = record.first("titles/title"), record.first(f"titles/title/{xmltree.STYLES}")
    if not spans:
        return ()
    return styles.styles_of(title, clean(shared.strip_tags(styles.marked(text, styles.decode(spans, len(text))))))


def _tagged(record: Record) -> list[tuple[str, tuple[str, ...]]]:
    """The record's fields as endnote.py's tags, each value parted into its lines, in the record's order."""
    values = {f.name: f.values[0] for f in record.fields if f.values and f.name.startswith("ref-type")}
    work_type = values.get("ref-type/@name", "").strip() or _TYPE_NUMBERS.get(values.get("ref-type", "").strip(), "")
    periodical = endnote.kind_of(work_type) in PERIODICAL_KINDS
    # A periodical's <secondary-title> is its journal as the record names it, its <periodical> the journal as
    # EndNote's list of journals does (read after it); any other work's is the book, proceedings or series. A
    # journal article's <custom7> is its article number, the tagged export's Custom 7 ("%]").
    where = {"titles/secondary-title": "%J" if periodical else "%B", "periodical/full-title": "%J",
             **({"custom7": "%]"} if periodical else {})}
    found: list[tuple[str, tuple[str, ...]]] = [("%0", (work_type,))] if work_type else []
    for field in record.fields:
        tag = _TAGS.get(field.name) or where.get(field.name)
        if tag is not None and field.values:
            found.append((tag, tuple(_LINE_BREAK.split(field.values[0]))))
    return found
