"""The registry of readers: a reader is chosen by file suffix, then confirmed by sniffing the start of the file
(see the package's docstring); a file's bytes decoded, its records read, and each made an Article.

Each reader's module is imported when the reader is first asked to sniff or read: a rebuild that reads one edited
catalogue file again imports the catalogue's reader alone (importing every reader took 0.04 s of it).
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import importlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import identifiers, languages
from ..model.article import UNTITLED, Article, Record
from . import NOTE_NAMES, citavi, shared, spreadsheet, unread

Read = Callable[[str, str], tuple[list[Record], list[Diagnostic]]]
ReadBytes = Callable[[bytes, str], tuple[list[Record], list[Diagnostic]]]


@functools.cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f".{name}", __package__)


@dataclass(frozen=True)
class Reader:
    format: str
    """As the module's FORMAT (or its table export's) says it."""
    suffixes: tuple[str, ...]
    module: str
    """The module of this package that reads the format, imported when first asked for (see above)."""
    export: str = ""
    """The name in ``module`` of the format's table export (table_exports.Export), whose sniff, read and to_article
    are the reader's; "" where the module's own are."""
    articles: str = ""
    """The module whose to_article makes the format's articles, where not ``module``."""
    takes_bytes: bool = False
    """Whether the module reads the raw bytes (``read_bytes``: XML declares its own encoding), not decoded text."""

    def _own(self) -> Any:
        module = _module(self.module)
        return getattr(module, self.export) if self.export else module

    @property
    def sniff(self) -> Callable[[str], bool]:
        return self._own().sniff  # type: ignore[no-any-return]

    @property
    def to_article(self) -> Callable[[Record], tuple[Article, list[Diagnostic]]]:
        return (_module(self.articles) if self.articles else self._own()).to_article  # type: ignore[no-any-return]

    @property
    def read(self) -> Read | None:
        """Takes decoded text; or"""
        return None if self.takes_bytes else self._own().read

    @property
    def read_bytes(self) -> ReadBytes | None:
        """takes the raw bytes (XML declares its own encoding)."""
        return self._own().read_bytes if self.takes_bytes else None


def _table(format: str, export: str) -> Reader:
    return Reader(format, (".csv", ".tsv"), "table_exports", export=export)


# Order matters where suffixes overlap: the first reader whose suffix and sniff both match wins.
READERS: tuple[Reader, ...] = (
    Reader("catalogue-dump", (".txt", ".dump"), "catalogue", articles="catalogue_article"),
    Reader("medline-nbib", (".nbib", ".txt", ".medline"), "medline"),
    Reader("pubmed-xml", (".xml", ".gz"), "pubmed_xml", takes_bytes=True),
    Reader("jats-xml", (".xml", ".nxml", ".gz"), "jats", takes_bytes=True),
    Reader("ovid", (".ovd", ".cgi", ".txt", ".ris", ".csv"), "ovid"),
    Reader("ris", (".ris", ".ciw", ".txt"), "ris"),
    Reader("endnote", (".enw", ".txt"), "endnote"),
    Reader("refworks-tagged", (".txt", ".rtf"), "refworks_tagged"),
    Reader("embase-text", (".txt",), "embase_text"),
    Reader("endnote-xml", (".xml",), "endnote_xml", takes_bytes=True),
    Reader("mods-xml", (".xml", ".mods"), "mods", takes_bytes=True),
    Reader("msbib", (".xml",), "msbib", takes_bytes=True),
    Reader("citavi", (".ctv6bak", ".ctv5bak", ".ctv7bak", ".ctv4bak", ".zip", ".xml", ".ctv6", ".ctv5"), "citavi",
           takes_bytes=True),
    Reader("marc", (".mrc", ".marc", ".xml", ".marcxml", ".dat", ".gz"), "marc", articles="marc_article",
           takes_bytes=True),
    Reader("bibtex", (".bib", ".bibtex"), "bibtex"),
    Reader("europepmc-json", (".json",), "europepmc_json"),
    Reader("crossref-json", (".json",), "crossref_json"),
    Reader("openalex-json", (".json",), "openalex_json"),
    Reader("csl-json", (".json", ".csl"), "csl_json"),
    Reader("pop-json", (".json", ".jsonl"), "pop_json"),
    # A Solr response is ERIC's, PLOS's or VuFind's by the fields of its first document (solr.is_eric, is_plos).
    Reader("eric-json", (".json",), "eric_json"),
    Reader("plos-json", (".json",), "plos_json"),
    Reader("vufind-solr-json", (".json",), "vufind_json"),
    Reader("pubmed-csv", (".csv",), "pubmed_csv"),
    Reader("scopus-csv", (".csv", ".tsv"), "scopus_csv"),
    # table_exports.EXPORTS, in its order
    _table("zotero-csv", "ZOTERO"), _table("lens-csv", "LENS"), _table("openalex-csv", "OPENALEX"),
    _table("rayyan-csv", "RAYYAN"), _table("covidence-csv", "COVIDENCE"), _table("wos-csv", "WEB_OF_SCIENCE"),
    _table("dimensions-csv", "DIMENSIONS"), _table("cochrane-csv", "COCHRANE"), _table("ebsco-csv", "EBSCO"),
    _table("embase-csv", "EMBASE"), _table("embase-cited-csv", "EMBASE_CITED"), _table("refworks-tsv", "REFWORKS"),
    _table("ieee-csv", "IEEE"), _table("scholar-csv", "GOOGLE_SCHOLAR"), _table("pop-csv", "PUBLISH_OR_PERISH"),
    _table("eppi-table", "EPPI_REVIEWER"), _table("abstrackr-csv", "ABSTRACKR"),
    _table("proquest-xls", "PROQUEST"),
)
_BY_FORMAT = {reader.format: reader for reader in READERS}


def table_layouts() -> tuple[Any, ...]:
    """The tabular exports' layouts, in the readers' order: a workbook's header is looked for among them
    (spreadsheet.py)."""
    table_exports = _module("table_exports")
    return (_module("pubmed_csv").LAYOUT, _module("scopus_csv").LAYOUT,
            *(export.layout for export in table_exports.EXPORTS), _module("ris").WOS_TABS, _module("ovid").CSV_LAYOUT)


SNIFF_CHARS = 4096


def choose_reader(path: Path, head: str) -> Reader | None:
    """The first reader that claims the suffix and recognises the content; else any reader that recognises it."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes and reader.sniff(head):
            return reader
    return next((reader for reader in READERS if reader.sniff(head)), None)


_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, path: str, utf8: str | None = None) -> tuple[str, list[Diagnostic]]:
    """UTF-8 text without BOM; undecodable bytes become U+FFFD and a warning names the first one's line. A
    control character (but tab and line ends), a sign of a damaged file, is kept and reported likewise: the
    full record shows it as a control picture (␁), titles and lists as U+FFFD (normalize.clean). ``utf8``: the
    bytes already decoded as UTF-8 (``_as_utf8`` keeps what it decoded), not decoded again."""
    try:
        # "utf-8-sig" takes off one BOM at the start, as removeprefix does
        text, problems = data.decode("utf-8-sig") if utf8 is None else utf8.removeprefix("\ufeff"), []
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        text = data.decode("utf-8-sig", errors="replace")
        problems = [Diagnostic(Level.WARNING, SourceSpan(path, line),
                               f"bytes that are not UTF-8 (first at byte {err.start}) were replaced by '\ufffd'")]
    # One pass in C over the bytes tells that nearly every file has none; only then is the text searched.
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        first = _CONTROL.search(text)
        if first is not None:
            line = text.count("\n", 0, first.start()) + 1
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, line), (
                f"a control character (U+{ord(first.group()):04X}, the first of the file) is no text; it is shown "
                "as '\ufffd' in titles and lists")))
    return text, problems


def read_file(path: Path, shown: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of one file; problems name the file as ``shown`` (its path relative to the site)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return [], [Diagnostic(Level.ERROR, SourceSpan(shown), f"cannot read this file: {err.strerror}")]
    return read_data(data, path, shown)


def read_data(data: bytes, path: Path, shown: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of a file's bytes, read by the reader its name and start choose (read_file)."""
    if spreadsheet.is_workbook(data):
        return spreadsheet.read_bytes(data, shown, table_layouts())
    text_data, guessed, utf8 = (data, "", None) if data[:2] == _GZIP or data[:4] == _ZIP else _as_utf8(data)
    head = _head(text_data)
    if head.lstrip("\ufeff \t\r\n")[:1] in ("[", "{") or head.startswith("HTTP/"):
        # JSON: its readers know it by the keys of its first record, which long values can push far down.
        head = text_data.decode("utf-8-sig", errors="replace")
    if "\r" in head:  # old Mac exports end lines with CR alone: sniffers look for lines
        head = head.replace("\r\n", "\n").replace("\r", "\n")
    reader = choose_reader(path, head)
    if reader is not None and data[:4] == _ZIP and reader.format not in _READS_ZIPS:
        reader = None  # a zipped file of another format is sniffed by its start, but only Citavi's are unzipped
    if reader is None and path.name.split(".", 1)[0].lower() in NOTE_NAMES:
        return [], []  # a README or notes file in a format of its own
    if reader is None and (advice := citavi.database_advice(data, path.name) or unread.advice(head)):
        return [], [Diagnostic(Level.WARNING, SourceSpan(shown, 1), advice)]
    if reader is None:
        return [], [Diagnostic(Level.WARNING, SourceSpan(shown, 1),
                               "not a record format site-builder knows (catalogue dump, MEDLINE, PubMed XML, JATS, "
                               "Ovid (tagged or CSV), RIS, Web of Science tagged or tab-delimited, EndNote (tagged or "
                               "XML), MODS, Word's bibliography XML, Citavi (a backup or its XML), MARC 21 (MARCXML or "
                               "binary), BibTeX, CSL-JSON, Crossref's API JSON, OpenAlex's API JSON, Europe PMC search "
                               "JSON, ERIC's API JSON, PLOS search JSON, VuFind JSON, PubMed CSV (also its site's "
                               "before 2020), the CSV of Scopus, Web of Science, the Cochrane Library, EBSCOhost, "
                               "Embase, IEEE Xplore, Zotero, Lens.org, OpenAlex, Dimensions, Rayyan, Covidence, "
                               "abstrackr or Google Scholar, Embase's plain text, RefWorks tagged or tab-delimited, "
                               "Publish or Perish CSV "
                               "or JSON, ProQuest's XLS, or one of these tables as an XLSX or XLS workbook); file "
                               "skipped")]
    if reader.read_bytes is not None:
        return reader.read_bytes(data, shown)  # XML: its parser reads the encoding its declaration names
    assert reader.read is not None
    text, problems = decode(text_data, shown, utf8)
    if guessed:
        problems.insert(0, Diagnostic(Level.WARNING, SourceSpan(shown, 1), (
            f"the file is not UTF-8 and was read as {guessed}: check its {_WHAT_TO_CHECK[guessed]}, or save it as "
            "UTF-8")))
    records, found = reader.read(text, shown)
    return records, [*problems, *found]


_GZIP = b"\x1f\x8b"
_ZIP = citavi.ZIP_MAGIC
_READS_ZIPS = frozenset({citavi.FORMAT})
"""The readers that take a zip of one file (a Citavi backup); a zip of any other format's file is reported."""
_WHAT_TO_CHECK = {"Windows-1252": "accented letters", "GB18030": "Chinese characters"}
"""What a guessed encoding may have got wrong, by the encoding (as_utf8's guesses)."""


def as_utf8(data: bytes) -> tuple[bytes, str]:
    """The file's bytes as UTF-8, and the encoding they were guessed to be in ("" when not a guess): UTF-16
    (Web of Science's and EndNote's Windows exports), told by its byte order mark or by a NUL byte beside each of
    its ASCII characters, is no guess; a file without a single UTF-8 character whose bytes Windows-1252 can all
    read (an older Windows export, "25\xb0 C") is, unless JabRef's first line names its encoding ("% Encoding:
    windows-1252", "GBK") and the bytes are in it. So is a Chinese export in GB18030 or GBK (CNKI's, a Chinese
    Windows's), told by its characters of two bytes (``_reads_as_gb18030``). A file that is UTF-8 but for a few
    bytes stays UTF-8, its bad bytes reported where they are (decode)."""
    as_utf8_bytes, guessed, _ = _as_utf8(data)
    return as_utf8_bytes, guessed


def _as_utf8(data: bytes) -> tuple[bytes, str, str | None]:
    """``as_utf8``, and the text when telling UTF-8 decoded all of the bytes, for ``decode`` to take (a record
    file's bytes were decoded twice: some 5 us a catalogue file)."""
    utf16 = _utf16(data[:512])
    if utf16:
        try:
            return data.decode(utf16).removeprefix("\ufeff").encode("utf-8"), "", None
        except UnicodeDecodeError:
            return data, "", None
    if data.isascii():
        return data, "", None
    try:
        return data, "", data.decode("utf-8")  # shared.is_utf8, keeping what it decoded
    except UnicodeDecodeError:
        return (*_not_utf8(data), None)


def _not_utf8(data: bytes) -> tuple[bytes, str]:
    """``as_utf8`` of bytes that are neither UTF-16 nor UTF-8."""
    declared = _declared_encoding(data[:200])
    if declared:
        try:
            return data.decode(declared).encode("utf-8"), ""
        except (UnicodeDecodeError, LookupError):  # belied by the bytes ("UTF-8" over Windows-1252), or no text
            pass                                     # encoding Python knows ("hex"): guessed below
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_utf8 = sum(len(m.group()) for m in _MULTIBYTE_UTF8.finditer(data))
    if in_utf8 < high * UTF8_SHARE and _reads_as_gb18030(data, high):
        return data.decode("gb18030").encode("utf-8"), "GB18030"
    if in_utf8:
        return data, ""
    try:
        return data.decode("cp1252").encode("utf-8"), "Windows-1252"
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): not that either
        return data, ""


# JabRef's first line names the encoding it saved a BibTeX file in, as Java names it ("% Encoding: windows-1252",
# "ISO8859_1", "Cp1252", "UTF8"), which Python's codecs know by the same names.
_ENCODING_LINE = re.compile(rb"\A(?:\xef\xbb\xbf)?% Encoding: ([A-Za-z0-9_.:-]{2,40})\s*$", re.MULTILINE)


def _declared_encoding(head: bytes) -> str:
    """The encoding a file's JabRef header declares; "" when it has none."""
    found = _ENCODING_LINE.match(head)
    return found[1].decode("ascii") if found else ""


_HIGH_BYTES = bytes(range(0x80, 0x100))
UTF8_SHARE = 0.9
"""Of a file's bytes above ASCII, the share in UTF-8's characters of several bytes from which it is UTF-8 with a
few bad bytes (the rest reported) rather than text of another encoding, some of whose pairs of bytes happen to
be UTF-8's."""
GB18030_SHARE = 0.95
_GB_PAIR = re.compile(rb"[\x81-\xfe][\x81-\xfe]")
_GB_WORD = re.compile(rb"(?:[\x81-\xfe][\x81-\xfe]){2,}")


def _reads_as_gb18030(data: bytes, high: int) -> bool:
    """Whether bytes that are not UTF-8 are Chinese text in GB18030 (or GBK, GB2312, which it extends): they decode
    so, nearly all of their bytes above ASCII come in pairs, as a Chinese character's two bytes do, and most in
    runs of two characters or more, as Chinese words are. In Latin text in Windows-1252 an accented letter is one
    byte, most often between ASCII letters ("Müller"); two together ("ação") are no run of four."""
    if high < 4:
        return False
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    in_words = sum(len(word) for word in _GB_WORD.findall(data))
    return 2 * len(_GB_PAIR.findall(data)) >= high * GB18030_SHARE and 2 * in_words >= high


_MULTIBYTE_UTF8 = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf16(head: bytes) -> str:
    """The UTF-16 codec of a file that starts with its byte order mark, or whose ASCII text has a NUL byte beside
    every character; "" for any other file."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    pairs = len(head) // 2
    if pairs < 8:
        return ""
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    if odd > pairs * 0.9 and not even:
        return "utf-16-le"
    if even > pairs * 0.9 and not odd:
        return "utf-16-be"
    return ""


def _head(data: bytes) -> str:
    """The start of a file as text for sniffing; a gzipped file is sniffed by its unzipped start, a zip of one file
    (a Citavi backup) by that file's."""
    if data[:2] == _GZIP:
        try:
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(SNIFF_CHARS)
        except (OSError, EOFError, zlib.error):
            return ""
    elif data[:4] == _ZIP:
        data = _zipped_head(data)
    return data[:SNIFF_CHARS].decode("utf-8-sig", errors="replace")


def _zipped_head(data: bytes) -> bytes:
    """The start of the one file a zip holds; b"" for a zip of several files, or one zipfile cannot read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) != 1:
                return b""
            with archive.open(members[0]) as member:
                return member.read(SNIFF_CHARS)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            zlib.error, ValueError):
        return b""


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The record's Article as its format's reader makes it, with its identifiers checked (identifiers.checked),
    and what its reader found wrong (and any language named in words langcodes does not know, reported here once
    for every format)."""
    article, problems = _BY_FORMAT[record.format].to_article(record)
    # "v. 7" (a catalogue's series number), "Vol. 12": the number under the page's "Volume", in every format
    if (volume := shared.volume(article.volume)) != article.volume:
        article = dataclasses.replace(article, volume=volume)
    article = shared.without_placeholders(article)
    article = shared.without_source_note(article)
    article = shared.without_rights_repeated(article)
    if not article.title.strip():  # a page needs a name (its <h1> and <title>): MEDLINE, PubMed XML, JATS
        article = dataclasses.replace(article, title=UNTITLED, title_styles=())
        problems = [*problems, Diagnostic(Level.ERROR, record.where,
                                          f"record has no title; shown as {UNTITLED!r}")]
    article, found = identifiers.checked(article)
    return article, [*problems, *found, *languages.unnamed(article.languages, record)]
