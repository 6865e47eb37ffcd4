"""Reader for MARC 21 records: MARCXML (a ``<collection>``, a lone ``<record>``, or the records of an SRU
``<searchRetrieveResponse>`` or an OAI-PMH response) and binary MARC 21 (ISO 2709, ``.mrc``; MARC-8 or UTF-8 as
leader/09 says; either may be gzipped): library catalogues' own format, what Koha, Alma, the Library of Congress
and VuFind export as "MARC".

A sample of MARCXML (the namespace as the default one, or with a prefix, ``<marc:record>``)::

    <collection xmlns="http://www.loc.gov/MARC21/slim">
    <record>
      <leader>00000naa a2200000 a 4500</leader>
      <controlfield tag="001">12345</controlfield>
      <controlfield tag="008">200312s2020    xx            000 0 eng d</controlfield>
      <datafield tag="100" ind1="1" ind2=" "><subfield code="a">Müller, Anna,</subfield>
        <subfield code="e">author.</subfield></datafield>
      <datafield tag="245" ind1="1" ind2="0"><subfield code="a">A title :</subfield>
        <subfield code="b">a subtitle /</subfield><subfield code="c">Anna Müller.</subfield></datafield>
      <datafield tag="773" ind1="0" ind2=" "><subfield code="t">Journal name.</subfield>
        <subfield code="g">Vol. 12, no. 3 (2020), p. 45-67</subfield><subfield code="x">1234-5678</subfield></datafield>
    </record>
    </collection>

Binary MARC holds the same fields: a 24-character leader, a directory of tags, then the fields, each record ended
by byte 0x1D. pymarc parses a record's structure and decodes MARC-8 (a character MARC-8 cannot hold is written
"&#x0119;", and read as that character); the file is split into records at their end
bytes here, so that a record whose length is wrong costs only itself rather than every record after it. A binary
record has no line: its place (``SourceSpan.line``) is its number in the file, and its problems say so.

A record is kept as one field per MARC field, in the record's order: ``leader``; a control field by its tag
("008"); a data field by its tag and its two indicators, a blank written "#" as MARC's documentation writes it
("245 10", "650 #0"), its values its subfields, each written "$a Title :" (code, then its text verbatim).
``marc_article`` makes the Article from them.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import re
import warnings
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Field, Record
from . import xmltree
from .shared import is_utf8

if TYPE_CHECKING:
    import pymarc

# pymarc is imported by the functions that read binary MARC: every build imports the readers, few read MARC.

FORMAT = "marc"
MARC_NS = "http://www.loc.gov/MARC21/slim"
LEADER = "leader"
BLANK = "#"
"""A blank indicator as a field's name writes it (MARC 21's own documentation does; no indicator is ever "#")."""

# pymarc logs a damaged field (missing indicators) to the "pymarc" logger; without a handler Python would print it.
# The reader reports what it finds itself.
logging.getLogger("pymarc").addHandler(logging.NullHandler())

_PREFIX = r"(?:[A-Za-z_][\w.-]*:)?"
_XML_HEAD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!--.*?-->\s*)*<" + _PREFIX + r"(?:collection|record)\b"
                       r"[^>]*\bxmlns(?::[\w.-]+)?=[\"']" + re.escape(MARC_NS) + r"[\"']", re.S)
_LONE_RECORD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!--.*?-->\s*)*<record>\s*<leader>", re.S)
_WRAPPER_HEAD = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!--.*?-->\s*)*<" + _PREFIX +
                           r"(?:searchRetrieveResponse|OAI-PMH)\b", re.S)
"""An SRU response or an OAI-PMH one (Koha's, Alma's and DSpace's harvesting interface), which may carry MARCXML."""
_BINARY_HEAD = re.compile(r"\d{5}[a-z ][a-z ][a-z ][a-z ][a ][0-9 ]{2}\d{5}[\w ]{3}[0-9 ]{4}\d{0,4}")
"""A leader: the record's length, status, type, level, control, coding (blank: MARC-8, "a": UTF-8), indicator and
subfield counts ("22"), the data's address, three coded values, the directory's entry map ("4500")."""
# In the recovery of a damaged file a record starts at its element when its leader follows: not at an SRU <record>,
# which wraps a MARC one.
_RECORD_START = re.compile(rb"<" + _PREFIX.encode() + rb"record\b[^<>]*>\s*<" + _PREFIX.encode() + rb"leader[\s>]")
END_OF_RECORD = b"\x1d"


def sniff(head: str) -> bool:
    """Is the file MARCXML (a collection or record in MARC's namespace, a lone ``<record>`` that starts with its
    leader, an SRU or OAI-PMH response that carries MARCXML) or binary MARC (it starts with a leader)?"""
    if _XML_HEAD.match(head) or _LONE_RECORD.match(head):
        return True
    if _WRAPPER_HEAD.match(head):
        return MARC_NS in head or "marcxml" in head.casefold()
    return is_binary(head)


def is_binary(head: str) -> bool:
    """Does the text start with a MARC leader and hold a record's end or field ends (bytes 0x1D, 0x1E)?"""
    return bool(_BINARY_HEAD.match(head.lstrip("\ufeff\r\n"))) and ("\x1e" in head or "\x1d" in head)


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of a MARCXML or binary MARC file, and the problems found (a broken record costs only itself)."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            return [], [Diagnostic(Level.ERROR, SourceSpan(path, 1), f"not a readable gzip file ({err})")]
    if data.lstrip(b" \t\r\n\x00")[:1].isdigit():  # a leader starts with the record's length
        return _read_binary(data, path)
    return _read_xml(data, path)  # in whatever encoding it declares (UTF-16 too)


# ---------------------------------------------------------------------------------------------------------------
# MARCXML
# ---------------------------------------------------------------------------------------------------------------

def _read_xml(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Parsed with the project's own safe parser (xmltree: no network, no entity expansion, a damaged record
    read apart from the others, lines kept), not with pymarc's SAX parser, which stops at a file's first error."""
    return xmltree.read_records(data, path, _RECORD_START, lambda root, _path, _offset, _problems: _marc_records(root),
                                lambda element, offset: _xml_record(element, path, offset),
                                Diagnostic(Level.ERROR, SourceSpan(path, 1), "no MARC <record> in this MARCXML file"))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _marc_records(root: etree._Element) -> Iterator[etree._Element]:
    """The MARC records under ``root`` (itself included), in document order: a ``record`` in MARC's namespace (or in
    none, a hand-made file) that holds a leader or fields; not a wrapper of that name around one (an SRU record
    written in MARC's namespace, as the Deutsche Nationalbibliothek's SRU gateway has written them)."""
    for element in root.iter():
        if _local(element) != "record":
            continue
        if etree.QName(element).namespace in (MARC_NS, None) and any(
                _local(c) in ("leader", "controlfield", "datafield") for c in element):
            yield element


def _xml_record(element: etree._Element, path: str, offset: int) -> Record:
    line = (element.sourceline or 1) + offset
    fields = _attributes(element, "", ("xmlns",), line)  # the record's own (LoC's type="Bibliographic")
    for child in element:
        name, line = _local(child), (child.sourceline or 1) + offset
        if name == "leader":
            fields.append(Field(LEADER, (_text(child),), line))
        elif name == "controlfield":
            fields.append(Field(child.get("tag", ""), (_text(child),), line))
        elif name == "datafield":
            subfields = [(s.get("code", ""), _text(s)) for s in child if _local(s) == "subfield"]
            fields.append(data_field(child.get("tag", ""), child.get("ind1", " "), child.get("ind2", " "),
                                     subfields, line))
            fields.extend(Field(f"{child.get('tag', '')}/{xmltree.tag_name(s)}", (_text(s),), line)
                          for s in child if _local(s) not in ("subfield", ""))
        elif name:  # an element MARCXML does not have: kept as written
            fields.append(Field(xmltree.tag_name(child), (_text(child),), line))
        if name in ("controlfield", "datafield"):
            fields.extend(_attributes(child, child.get("tag", ""), ("tag", "ind1", "ind2"), line))
    return Record(FORMAT, SourceSpan(path, (element.sourceline or 1) + offset), tuple(fields))


def _attributes(element: etree._Element, tag: str, known: tuple[str, ...], line: int) -> list[Field]:
    """Attributes MARCXML gives no meaning to (an ``id``, LoC's ``type``), each a field "245/@id" of its own."""
    return [Field(f"{tag}/@{name}" if tag else f"@{name}", (value,), line)
            for name, value in element.attrib.items() if name not in known]


_MARKUP = xmltree.Markup(inline=frozenset(), detached=lambda element: False)


def _text(element: etree._Element) -> str:
    """All of an element's text, verbatim; an entity that is not expanded keeps its written form ("&e;")."""
    return xmltree.text_of(element, _MARKUP)


def data_field(tag: str, ind1: str, ind2: str, subfields: list[tuple[str, str]], line: int) -> Field:
    """A data field as a record keeps it: "245 10" (a blank indicator "#"), then "$a Title :" for each subfield."""
    indicators = "".join(i.replace(" ", BLANK) or BLANK for i in (ind1, ind2))
    return Field(f"{tag} {indicators}", tuple(f"${code} {text}" for code, text in subfields), line)


# ---------------------------------------------------------------------------------------------------------------
# Binary MARC (ISO 2709)
# ---------------------------------------------------------------------------------------------------------------

def _read_binary(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    chunks = [c for c in data.split(END_OF_RECORD) if c.strip(b" \t\r\n\x00\x1a")]
    for number, chunk in enumerate(chunks, start=1):
        where = SourceSpan(path, number)
        chunk = chunk.lstrip(b" \t\r\n\x00")
        parsed, problem = _parse_binary(chunk + END_OF_RECORD)
        if parsed is None:
            diagnostics.append(Diagnostic(Level.ERROR, where, (
                f"record {number} of this binary MARC file is not a MARC record ({problem}); this record was "
                "skipped, the others were read")))
            continue
        record, found = _binary_record(parsed, where)
        records.append(record)
        diagnostics.extend(Diagnostic(Level.WARNING, where, f"record {number}: {message}") for message in found)
    if not records and not diagnostics:
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, 1), "no record in this binary MARC file"))
    return records, diagnostics


def _parse_binary(chunk: bytes) -> tuple[pymarc.Record | None, str]:
    """The record's structure as pymarc reads it, its text left as bytes (decoded in ``_binary_record``); else
    None and what is wrong."""
    import pymarc

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pymarc warns of a subfield code that is no ASCII; the code is kept
            return pymarc.Record(chunk, to_unicode=False), ""
    except Exception as err:  # noqa: BLE001 (pymarc raises its own errors, and ValueError, IndexError… on bad bytes)
        return None, type(err).__name__ if not str(err) else f"{type(err).__name__}: {err}"


def _binary_record(parsed: pymarc.Record, where: SourceSpan) -> tuple[Record, list[str]]:
    leader = str(parsed.leader)
    decode = _Decoder(leader, parsed)
    fields = [Field(LEADER, (leader,), where.line)]
    for field in parsed.fields:
        if field.is_control_field():
            fields.append(Field(field.tag, (decode(field.data),), where.line))
        else:
            ind1, ind2 = field.indicators if field.indicators else (" ", " ")
            subfields = [(s.code, decode(s.value)) for s in field.subfields]
            fields.append(data_field(field.tag, ind1, ind2, subfields, where.line))
    return Record(FORMAT, where, tuple(fields)), decode.problems


class _Decoder:
    """A record's text as Unicode: UTF-8 when leader/09 is "a", else MARC-8; unless the record's bytes say
    otherwise, which is reported: UTF-8 without a MARC-8 escape under a blank leader/09 (an export that left it
    blank while writing UTF-8), or bytes that are not UTF-8 but MARC-8 (its combining marks before their letters)
    under an "a" (a record converted from MARC-8 whose text was not); or Russian in Windows-1251 under a blank
    leader/09 (the Russian Book Chamber's records in pymarc's tests)."""

    def __init__(self, leader: str, parsed: pymarc.Record) -> None:
        self.problems: list[str] = []
        self.utf8 = leader[9:10] == "a"
        self.cyrillic = False
        raw = b"".join(_raw_texts(parsed))
        if raw.isascii():
            return
        if not self.utf8 and b"\x1b" not in raw and is_utf8(raw):
            self.utf8 = True
            self.problems.append("its leader (position 9) says MARC-8, but its text is UTF-8 and was read so")
        elif self.utf8 and not is_utf8(raw) and _is_marc8(raw):
            self.utf8 = False
            self.problems.append("its leader (position 9) says UTF-8, but its text is MARC-8 and was read so")
        elif not self.utf8 and not is_utf8(raw) and _is_windows_cyrillic(raw):
            self.cyrillic = True
            self.problems.append("its leader (position 9) says MARC-8, but its text is Cyrillic in Windows-1251 "
                                 "and was read so")

    def __call__(self, value: bytes | str | None) -> str:
        if not isinstance(value, bytes):
            return value or ""
        if self.utf8:
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                self._once("bytes that are not UTF-8 were replaced by '\ufffd'")
                return value.decode("utf-8", errors="replace")
        if self.cyrillic:
            return value.decode("cp1251", errors="replace")
        return _unescape_references(self._marc8(value))

    def _marc8(self, value: bytes) -> str:
        if value.isascii() and b"\x1b" not in value:
            return value.decode("ascii")
        from pymarc.marc8 import MARC8ToUnicode

        complaint = io.StringIO()
        try:
            # pymarc writes a multibyte character cut short to stderr, quiet or not: caught, and said as a warning
            with contextlib.redirect_stderr(complaint):
                text = str(MARC8ToUnicode(quiet=True).translate(value))  # type: ignore[no-untyped-call]
        except (UnicodeDecodeError, IndexError, TypeError, KeyError, ValueError):
            self._once("text that is not MARC-8 was read as Latin-1: check its accented letters")
            return value.decode("latin-1")
        if complaint.getvalue():
            self._once("a MARC-8 character cut short was read as a space")
        return text

    def _once(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


# MARC-8 holds few characters; a record converted to it from Unicode the Library of Congress's lossless way writes
# each other character as a hexadecimal character reference ("&#x0119;", "&#xFFFD;"), which stands for it.
_CHARACTER_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]{1,6});")


def _unescape_references(text: str) -> str:
    """MARC-8 text with its character references ("&#x0119;") made the characters they stand for; a reference to
    no character (a surrogate, a control character, beyond U+10FFFF) is kept as printed."""
    return _CHARACTER_REFERENCE.sub(_referenced_character, text) if "&#x" in text else text


def _referenced_character(found: re.Match[str]) -> str:
    code = int(found[1], 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) \
            or 0x7F <= code < 0xA0:
        return found[0]
    return chr(code)


def _raw_texts(parsed: pymarc.Record) -> Iterator[bytes]:
    for field in parsed.fields:
        if field.is_control_field():
            yield field.data if isinstance(field.data, bytes) else b""
        else:
            values: list[object] = [s.value for s in field.subfields]
            yield from (v for v in values if isinstance(v, bytes))


_MARC8_DIACRITIC = re.compile(rb"[\xe0-\xfe]+[\x20-\x7e]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


_WINDOWS_CYRILLIC_WORD = re.compile(rb"[\xc0-\xff]{3,}")


def _is_windows_cyrillic(data: bytes) -> bool:
    """Do the bytes look like Russian in Windows-1251: most bytes beyond ASCII in words of three or more letters
    from 0xC0-0xFF (in MARC-8, three or more diacritics stacked on one letter), and no escape to another MARC-8
    character set (MARC-8 writes Cyrillic after one)?"""
    beyond_ascii = sum(byte >= 0x80 for byte in data)
    in_words = sum(len(word) for word in _WINDOWS_CYRILLIC_WORD.findall(data))
    return b"\x1b" not in data and in_words * 2 > beyond_ascii


def _is_marc8(data: bytes) -> bool:
    """Do the bytes look like MARC-8 text: combining diacritics (0xE0-0xFE) before an ASCII letter, and no
    sequence of UTF-8?"""
    return bool(_MARC8_DIACRITIC.search(data)) and not _UTF8_SEQUENCE.search(data)
