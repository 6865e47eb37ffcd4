"""Choosing a reader for each file under content/, and turning files into Records and Articles.

The table below is the whole registry: a reader is chosen by file suffix, then confirmed by sniffing the start
of the file (a ``.txt`` may be a catalogue dump or MEDLINE text). Bytes that are not UTF-8 are replaced and
reported with their line; a BOM and CRLF line ends are accepted everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import Article, Record
from . import catalogue, catalogue_article


@dataclass(frozen=True)
class Reader:
    format: str
    suffixes: tuple[str, ...]
    sniff: Callable[[str], bool]
    read: Callable[[str, str], tuple[list[Record], list[Diagnostic]]]
    to_article: Callable[[Record], tuple[Article, list[Diagnostic]]]


READERS: tuple[Reader, ...] = (
    Reader(catalogue.FORMAT, (".txt", ".dump"), catalogue.sniff, catalogue.read, catalogue_article.to_article),
)
_BY_FORMAT = {reader.format: reader for reader in READERS}
SNIFF_CHARS = 4096


def choose_reader(path: Path, head: str) -> Reader | None:
    """The first reader that claims the suffix and recognises the content; else any reader that recognises it."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.suffixes and reader.sniff(head):
            return reader
    return next((reader for reader in READERS if reader.sniff(head)), None)


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 text without BOM; undecodable bytes become U+FFFD and a warning names the first one's line."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        text = data.decode("utf-8-sig", errors="replace")
        return text, [Diagnostic(Level.WARNING, SourceSpan(path, line),
                                 f"bytes that are not UTF-8 (first at byte {err.start}) were replaced by '\ufffd'")]


def read_file(path: Path, shown: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of one file; problems name the file as ``shown`` (its path relative to the site)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return [], [Diagnostic(Level.ERROR, SourceSpan(shown), f"cannot read this file: {err.strerror}")]
    text, problems = decode(data, shown)
    reader = choose_reader(path, text[:SNIFF_CHARS])
    if reader is None:
        return [], [*problems, Diagnostic(Level.WARNING, SourceSpan(shown, 1),
                                          "not a record format site-builder knows; file skipped")]
    records, found = reader.read(text, shown)
    return records, [*problems, *found]


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    return _BY_FORMAT[record.format].to_article(record)
