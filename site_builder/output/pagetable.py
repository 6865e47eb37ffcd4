"""The page table: what an output folder's last build left beside its pages (``.site-builder-pages``, never
published, like the manifest): each page's fingerprint (fingerprints.py), size and links out of the site, how
the sources and the folder looked, and what that build reported.

A build with nothing to do needs only the second half, so it is kept apart from the pages' rows and read first:
the rows (one for each of tens of thousands of pages) are unpacked only when a build asks for them. This module
imports no stage's libraries (no Jinja, no model), so that such a build imports little more than it.

The table lives in the folder it describes, so it always describes the files beside it: a folder restored from
elsewhere, or rebuilt by another command, brings its own or none.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import hashlib
import itertools
import marshal
import operator
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Level, SourceSpan
from .cache import RACY_NS, SourceStamp
from .spill import Place, Spill
from .write import MANIFEST, PAGES, folder_of_each, write_atomic

PAGES_FILE = PAGES
FORMAT = b"site-builder pages 9\n"
"""The file's first line; then parts, each its length in digits, a newline and that many bytes: the marshalled code and
head first (the stamps of the pages' folders last in it: Folders), then the articles, what every page read and the
files no build wrote (Foreign), then the rows in runs of ROWS_A_PART; last, the CRC-32 of all but the first line (as
cache.damage_check) in 8 hex digits. Each part is marshalled and written on its own: the rows marshalled whole (at
100,000 records 700,000 of them, some 80 MB) took as much memory again as the rows themselves, for marshal's table of
the objects it met and its growing buffer, at the end of a build, its peak."""

ROWS_A_PART = 20_000
"""Rows marshalled at once. Rows of one part share their places' ints and tuples in the file (as pages.py's
_interned shares them in memory), and so when they are read again."""

_CHECK_DIGITS = 8

Links = tuple[tuple[str, str], ...]
"""A page's links out of the site, (href, why), as the pre-flight check found them when it was rendered."""

More = tuple[bytes, tuple[int, ...], bytes]
"""A page's costly part (``Page.more``) as its fingerprint took it (fingerprints.py): the digest of its inputs, the
places in the library of the articles its output reached, and the digest of that output."""


Layout = tuple[bytes, bytes]
"""A list download's entries as written (splice.py): the digest of their order and each one's length in bytes."""


Articles = tuple[tuple[str, ...], tuple[bytes | None, ...]]
"""The library's article keys in order, and each one's digest (None: it has none)."""


Stamp = tuple[int, int, int, int]
"""A folder as os.lstat found it: its modification and change times (nanoseconds), its inode and its device."""


Folders = dict[str, Stamp | None]
"""The folder of every row's page (inside the output folder, "" for itself), each with its stamp as it was just before
the table was written (None: not a folder then)."""


Foreign = tuple[str, ...]
"""Files in the folder that no build of this tool wrote (put there by hand), as the last walk of the whole folder
found them: the pre-flight check of a build that walks no folder measures them with the build's own files."""


class Entry(NamedTuple):
    """A page as the table keeps it (a plain tuple in the file)."""

    fingerprint: bytes
    size: int
    links: Links
    more: More | None = None
    reached: tuple[int, ...] | None = None
    """The places in the library of every article the page's context reached, its costly part's included (None:
    not known, the page's fingerprint is made again)."""
    layout: Layout | None = None
    """For a list download: its entries as written (splice.py), which the next build copies what is unchanged
    from."""


_ROW_LENGTH, _REACHED, _SIZE = len(Entry._fields), Entry._fields.index("reached"), Entry._fields.index("size")
_LINKS = Entry._fields.index("links")
_size_of, _reached_of = operator.itemgetter(_SIZE), operator.itemgetter(_REACHED)
_links_of = operator.itemgetter(_LINKS)

CARRIED_EXTRA = 0.1
"""How many rows a table may store besides one for each page, as a share of its pages (and at least
CARRIED_LEAST): rows carried as stored (NewRows.carry) with others after them that stand for some of them. Past
this, the next table is marshalled anew, each row once: the stored rows are all unpacked when a build reads the
table."""
CARRIED_LEAST = 1_000


class NewRows:
    """The rows of the table a build makes, in the order added, marshalled ROWS_A_PART at a time as they come
    (as save_table writes them) and kept in a temporary file until then (spill.py): at 100,000 records, 700,000
    rows held as objects to the end of the build took some 300 MB, as marshalled runs in memory a quarter of
    that. Each place an entry holds (Entry.more, Entry.reached) is held as one int object, and each run of places
    that several entries share as one tuple, within a run of rows: marshal writes a shared object once, and
    reading the table shares it again."""

    def __init__(self) -> None:
        self._run: dict[str, tuple[Any, ...]] = {}
        self._places: dict[Any, Any] = {}
        self._parts: list[Place] = []
        self._file = Spill()
        self._paths: list[str] = []
        self._sizes = array.array("q")
        """Each row's page size, as ``_paths`` are in order: a map of them took some 60 MB at 100,000 records."""
        self._carried: PageTable | None = None
        """The last table, whose rows as stored come first (``carry``): those added stand for some of them."""
        self._carried_paths: list[str] = []

    def __len__(self) -> int:
        """Rows added (those carried from the last table not counted)."""
        return len(self._paths)

    def carry(self, last: PageTable, paths: list[str]) -> None:
        """Begin the table with ``last``'s rows as stored, the bytes it was read from (PageTable.carried_by says
        when that is the table a build would otherwise make): each row added since or after stands for the one
        of its path there. After an edit nearly every row is the last table's, and marshalling them again was
        most of what saving the table took. ``paths``: those of the pages, each a row of ``last``."""
        self._carried, self._carried_paths = last, paths

    def add(self, path: str, row: tuple[Any, ...]) -> None:
        """Add the row of ``path`` as stored (a plain tuple, as PageTable.row gives it)."""
        self._run[path] = row
        self._paths.append(path)
        self._sizes.append(row[_SIZE])
        if len(self._run) >= ROWS_A_PART:
            self._end_run()

    def extend(self, paths: list[str], rows: list[tuple[Any, ...]]) -> None:
        """``add`` of each of ``paths`` with its row of ``rows``, at once (after an edit, nearly every page)."""
        self._paths.extend(paths)
        self._sizes.extend([row[_SIZE] for row in rows])
        start = 0
        while start < len(paths):
            end = start + ROWS_A_PART - len(self._run)
            self._run.update(zip(paths[start:end], rows[start:end], strict=True))
            start = end
            if len(self._run) >= ROWS_A_PART:
                self._end_run()

    def add_entry(self, path: str, entry: Entry) -> None:
        """Add the Entry of ``path``, its places as this run holds them already."""
        fingerprint, size, links, more, reached, layout = entry
        if reached:
            reached = self._held(reached)
        if more is not None and more[1]:
            more = (more[0], self._held(more[1]), more[2])
        self.add(path, (fingerprint, size, links, more, reached, layout))

    def _held(self, places: tuple[int, ...]) -> tuple[int, ...]:
        """``places`` as this run holds it already (a tuple of the ints it holds), else so and held."""
        held = self._places
        found: tuple[int, ...] | None = held.get(places)
        if found is None:
            found = held[places] = tuple([held.setdefault(n, n) for n in places])
        return found

    def sizes(self) -> dict[str, int]:
        """Each row's page size by its path."""
        added = dict(zip(self._paths, self._sizes, strict=True))
        if self._carried is None:
            return added
        # by the pages' own paths, not the table's equal strings: the pre-flight check's set operations with the
        # writer's paths then find each key by identity (the table's took it 10 ms more at 10,000 records)
        paths = self._carried_paths
        sizes = dict(zip(paths, map(_size_of, self._carried.rows_of(paths)), strict=True))
        sizes.update(added)
        return sizes

    def _end_run(self) -> None:
        self._parts.append(self._file.keep(marshal.dumps(self._run)))
        self._run, self._places = {}, {}

    def folders(self) -> set[str]:
        """The folder of each row's page: those of the carried table's rows as it knows them, without a pass over
        every path."""
        found = set(folder_of_each(self._paths))
        if self._carried is not None:
            found.update(self._carried.folders)
        return found

    def parts(self) -> Iterator[bytes]:
        """The rows marshalled, in runs, each read back as it is asked for; those carried first, as stored."""
        if self._run:
            self._end_run()
        carried = self._carried.row_parts if self._carried is not None else ()
        return itertools.chain(carried, map(self._file.read, self._parts))


@dataclasses.dataclass(frozen=True)
class Summary:
    """What the last build reported, said again by a build that finds nothing to do."""

    records: int
    articles: int
    pages: int
    files: int
    diagnostics: tuple[Diagnostic, ...]


class PageTable:
    """The fingerprints of the pages in one output folder as its last build left them, and how the sources and
    the folder looked then."""

    def __init__(self, entries: dict[str, Entry] | None = None, sources: SourceStamp | None = None,
                 folder: bytes = b"", summary: Summary | None = None, articles: Articles = ((), ()),
                 body: bytes | memoryview = b"", folders: Folders | None = None, written_ns: int = 0) -> None:
        self._entries = entries or {}
        self._rows: dict[str, tuple[Any, ...]] | None = None if body else {}
        self._articles = articles
        self._keeping = b""
        self._foreign: Foreign = ()
        self._row_parts: list[bytes] = []
        """The rows as stored, each part as read (NewRows.carry), while the next table may still need them."""
        self._stored = 0
        """Rows stored in those parts: a path's row is stored again after it when a build carried them."""
        self._any_links: bool | None = None
        """Whether a row holds links out of the site, once asked (``any_links``)."""
        self.found = bool(body)
        """Kept by a build that finished its pages: every file of the folder but those it lists as its own
        (the manifest) and the foreign ones was put there by hand since, or by a search index still to come."""
        self._body = body  # the rows and articles as stored, unpacked when first asked for: a build with nothing
        # to do never asks, and each row is made an Entry only when its page is (most builds ask for few)
        self.sources = sources
        self.folder = folder
        self.summary = summary
        self.folders: Folders = folders or {}
        """The folders of the rows' pages as they were when the table was written (``intact_folders``)."""
        self._written_ns = written_ns
        """When the table's file was written, by the file system's clock (its modification time)."""

    def _unpack(self) -> dict[str, tuple[Any, ...]]:
        if self._rows is None:
            try:
                rows, (keys, digests), keeping, foreign, self._row_parts, self._stored = _read_body(self._body)
            except (ValueError, TypeError, EOFError):  # not as this code writes them: all are rendered
                rows, keys, digests, keeping, foreign = {}, (), (), b"", ()
                self._row_parts, self._stored = [], 0
                self.found = False
            self._rows, self._articles, self._keeping, self._body = rows, (keys, digests), keeping, b""
            self._foreign = foreign
        return self._rows

    @property
    def articles(self) -> Articles:
        """The library's articles the fingerprints were made from (fingerprints.Reuse.articles)."""
        self._unpack()
        return self._articles

    @property
    def keeping(self) -> bytes:
        """What every page read besides the articles it reached (fingerprints.Reuse.keeping)."""
        self._unpack()
        return self._keeping

    @property
    def foreign(self) -> Foreign:
        """The files of the folder that no build wrote, as the last walk of it found them."""
        self._unpack()
        return self._foreign

    def entry(self, path: str) -> Entry | None:
        found = self._entries.get(path)
        if found is not None:
            return found
        rows = self._unpack()
        if path in rows:
            row = rows[path]
            if type(row) is not tuple or len(row) != _ROW_LENGTH:
                return None  # not as this code writes them: the page is rendered
            found = self._entries[path] = Entry._make(row)
        return found

    def unreached(self, paths: Iterable[str], changed: AbstractSet[int]) -> set[str]:
        """Of ``paths``, those whose row knows the articles the page reached and none of them is ``changed``:
        ``entry(path).reached`` asked of the rows as stored, without making an Entry of each (after an edit, this
        is asked of every page of the site)."""
        rows = self._unpack()
        paths = paths if type(paths) is list else list(paths)
        looked_up = list(map(rows.get, paths))  # each path looked up once
        rows_found: list[Any] = looked_up
        if None in looked_up:  # a new page has no row (a row stored as None would be found wanting below)
            has_row = list(map(operator.is_not, looked_up, itertools.repeat(None)))
            paths = list(itertools.compress(paths, has_row))
            rows_found = list(itertools.compress(looked_up, has_row))
        if not set(map(type, rows_found)) - {tuple} and all(map(_ROW_LENGTH.__eq__, map(len, rows_found))):
            # passes in C over the rows, not a step in Python for each: at 10,000 records a third of the time
            with contextlib.suppress(TypeError):  # a row whose reached articles are not known (None)
                return set(itertools.compress(paths, map(changed.isdisjoint, map(_reached_of, rows_found))))
        found = set()
        for path in paths:
            row = rows.get(path)
            if type(row) is tuple and len(row) == _ROW_LENGTH and row[_REACHED] is not None \
                    and changed.isdisjoint(row[_REACHED]):
                found.add(path)
        return found

    @property
    def any_links(self) -> bool:
        """Whether a row holds links out of the site (most often none: only the site's own prose makes them)."""
        if self._any_links is None:
            try:  # one pass in C over the rows
                self._any_links = any(map(_links_of, self._unpack().values()))
            except (TypeError, IndexError):  # a row not as this code writes them: taken as holding some
                self._any_links = True
        return self._any_links

    def row(self, path: str) -> tuple[Any, ...]:
        """The row of a path ``unreached`` found, as stored: the next table takes it as it is, without an Entry
        made of each page an edit keeps."""
        return self._unpack()[path]

    def rows_of(self, paths: Iterable[str]) -> list[tuple[Any, ...]]:
        """``row`` of each of ``paths``, at once."""
        return list(map(self._unpack().__getitem__, paths))

    def paths(self) -> Iterable[str]:
        """The path of each row."""
        return self._unpack().keys()

    @property
    def row_parts(self) -> list[bytes]:
        """The rows' parts as stored (NewRows.carry)."""
        self._unpack()
        return self._row_parts

    def carried_by(self, paths: list[str], kept: int, added: NewRows) -> bool:
        """Whether this table's rows as stored, followed by those ``added``, are the rows of the pages ``paths``:
        those paths, each a row of this table and this table's every row, ``kept`` of them as their row here
        and the others added (each path once); and too few rows are stored again to call for a table anew
        (CARRIED_EXTRA). Else the rows of the pages kept are added to the others."""
        rows = self._unpack()
        return (bool(self._row_parts) and len(paths) == len(rows) == kept + len(added) and self._spares(len(added))
                and all(map(rows.__contains__, paths)))

    def _spares(self, added: int) -> bool:
        """Whether ``added`` rows stored after this table's leave few enough stored again (CARRIED_EXTRA)."""
        rows = self._unpack()
        return self._stored + added - len(rows) <= max(len(rows) * CARRIED_EXTRA, CARRIED_LEAST)

    def let_go_of_parts(self, unless_added: int | None = None) -> None:
        """The rows as stored let go (they hold the file's bytes: some 80 MB at 100,000 records), or only when
        ``unless_added`` rows, once added, leave too many stored again for the next table to carry them: before
        a build that makes many pages again forks its render workers, which would count them in their size."""
        if unless_added is None or not self._spares(unless_added):
            self._row_parts = []

    def unchanged(self, output: Path, path: str, fingerprint: bytes | None) -> Entry | None:
        """The entry of ``path`` when the page it describes is still in the folder and would be the same."""
        entry = self.entry(path)
        if entry is None or fingerprint is None or entry.fingerprint != fingerprint:
            return None
        try:
            if os.stat(f"{output}/{path}").st_size != entry.size:
                return None
        except OSError:
            return None
        return entry

    def intact_folders(self, output: Path) -> set[str]:
        """The folders of the rows' pages in ``output`` that nothing has changed since the table was written: each
        one's stamp is the one the table keeps, and its times are earlier than the table's own, so that a change
        made after the table was written would have given it later ones (a change within the same tick of a coarse
        clock would not show). A file added, removed, renamed or replaced in a folder changes its times; every row's
        page in such a folder is still the file the build that saved the table wrote or found, with no listing of
        it (after an edit at 10,000 records, listing the 70,000 pages took some 0.05 s of a 1.5 s build)."""
        found = set()
        for folder, stamp in self.folders.items():
            if stamp is not None and max(stamp[0], stamp[1]) < self._written_ns \
                    and folder_stamps(output, (folder,))[folder] == stamp:
                found.add(folder)
        return found

    def unchanged_since(self, sources: SourceStamp, output: Path) -> bool:
        """Whether nothing the last build read has changed since, nor the folder it wrote: then there is
        nothing to do. Sources changed too close to the last build's start to tell are taken as changed."""
        last = self.sources
        return (last is not None and self.summary is not None and last.digest == sources.digest
                and sources.newest_ns < last.noted_at - RACY_NS and folder_stamp(output) == self.folder)


def folder_stamp(output: Path) -> bytes:
    """How the output folder looks from outside: its entries, the times of its folders (a file added or
    removed changes them) and the manifest's; the page table itself left out."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        with os.scandir(output) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return b""
    for entry in entries:
        if entry.name.startswith(PAGES_FILE):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        times = info.st_mtime_ns if entry.is_dir(follow_symlinks=False) or entry.name == MANIFEST else 0
        digest.update(b"%s\0%d\0%d\0" % (entry.name.encode("utf-8", "surrogateescape"), info.st_size, times))
    return digest.digest()


def folder_stamps(output: Path, folders: Iterable[str]) -> Folders:
    """The stamp of each of ``folders`` inside ``output`` (None for one that is not a folder, or a link to one)."""
    found: Folders = {}
    root = os.fspath(output)
    for folder in folders:
        try:
            info = os.lstat(os.path.join(root, folder))
        except OSError:
            found[folder] = None
            continue
        found[folder] = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev) \
            if stat.S_ISDIR(info.st_mode) else None
    return found


def load_table(output: Path, code: bytes, notice: Callable[[str], None]) -> PageTable:
    """The folder's page table; an empty one when there is none, when other code made it, or when it is damaged
    (said in one line). The whole file's checksum is checked here; its rows are unpacked when first used."""
    path = output / PAGES_FILE
    try:
        with path.open("rb") as file:
            written_ns = os.fstat(file.fileno()).st_mtime_ns
            data = memoryview(file.read())
    except OSError:
        return PageTable()
    try:
        if data[:len(FORMAT)] != FORMAT or len(data) < len(FORMAT) + _CHECK_DIGITS:
            raise ValueError("not a page table")
        parts = data[:len(data) - _CHECK_DIGITS]
        meta, start = _part(parts, len(FORMAT))
        stored_code, sources, folder, summary, folders = marshal.loads(meta)
        if stored_code != code:
            return PageTable()  # other code made these pages: render them all
        if bytes(data[len(parts):]) != b"%08x" % zlib.crc32(parts[len(FORMAT):]):
            raise ValueError("its checksum does not match")
        if not _are_folders(folders):
            raise TypeError("its folders are not as this code writes them")
        body = parts[start:]
        return PageTable(None, SourceStamp(*sources) if sources else None, folder,
                         _unpack_summary(summary) if summary else None, body=body, folders=folders,
                         written_ns=written_ns)
    except (ValueError, EOFError, TypeError) as err:
        notice(f"the page fingerprints in {path} could not be read ({err}); every page is rendered again")
        return PageTable()


def discard_table(output: Path) -> None:
    """Take the table out of the folder before its pages change: a build stopped half-way then leaves none, and
    the next renders every page again rather than trust fingerprints of pages that may have been replaced."""
    with contextlib.suppress(FileNotFoundError):
        (output / PAGES_FILE).unlink()


def save_table(output: Path, code: bytes, entries: NewRows | Mapping[str, tuple[Any, ...]],
               sources: SourceStamp | None, summary: Summary, articles: Articles = ((), ()),
               keeping: bytes = b"", foreign: Foreign = ()) -> None:
    """Keep the folder's fingerprints with the ``articles`` they were made from and what else every page read
    (fingerprints.Reuse.articles and .keeping), and (given ``sources``, for a build that wrote every page) what
    a build with nothing to do needs to say so."""
    # In the order given (the plan's), not sorted: the table is looked up, never listed, and it is not published.
    # The folders stamped last, just before the table is written (PageTable.intact_folders).
    folders = entries.folders() if isinstance(entries, NewRows) else set(folder_of_each(entries))
    meta = marshal.dumps((code, (sources.digest, sources.newest_ns, sources.noted_at) if sources else None,
                          folder_stamp(output), _pack_summary(summary) if sources else None,
                          folder_stamps(output, sorted(folders))))
    write_atomic(output / PAGES_FILE, _framed(_marshalled(meta, entries, articles, keeping, foreign)))


def _marshalled(meta: bytes, entries: NewRows | Mapping[str, tuple[Any, ...]], articles: Articles,
                keeping: bytes, foreign: Foreign) -> Iterator[bytes]:
    """The table's parts, each made as it is asked for: the meta, the articles and what every page read, then
    the rows in runs of ROWS_A_PART (an Entry made a plain tuple for marshal)."""
    yield meta
    yield marshal.dumps((articles, keeping, tuple(foreign)))
    if isinstance(entries, NewRows):
        yield from entries.parts()
        return
    items = iter(entries.items())
    while run := {path: e if type(e) is tuple else tuple(e) for path, e in itertools.islice(items, ROWS_A_PART)}:
        yield marshal.dumps(run)


def _framed(parts: Iterator[bytes]) -> Iterator[bytes]:
    """The file's bytes (FORMAT's layout): each part behind its length, the check of them all last."""
    yield FORMAT
    check = 0
    for part in parts:
        length = b"%d\n" % len(part)
        check = zlib.crc32(part, zlib.crc32(length, check))
        yield length
        yield part
    yield b"%08x" % check


def _part(data: bytes | memoryview, at: int) -> tuple[bytes | memoryview, int]:
    """The part of ``data`` that begins at ``at`` (its length in digits, a newline, its bytes), and where the
    next one begins. ValueError when there is none whole."""
    digits = bytes(data[at:at + 20]).partition(b"\n")[0]
    if not digits.isdigit() or at + len(digits) + 1 > len(data):
        raise ValueError("a part's length is missing")
    start = at + len(digits) + 1
    end = start + int(digits)
    if end > len(data):
        raise ValueError("a part is cut short")
    return data[start:end], end


def _read_body(body: bytes | memoryview) -> tuple[dict[str, tuple[Any, ...]], Articles, bytes, Foreign,
                                                 list[bytes], int]:
    """The rows (a later part's row of a path stands for an earlier one's), articles, what every page read and the
    foreign files, from the parts after the meta, then the rows' parts as stored and how many rows they store
    (TypeError, ValueError or EOFError when they are not as this code writes them)."""
    view, at = _part(body, 0)
    (keys, digests), keeping, foreign = marshal.loads(view)
    if type(keys) is not tuple or type(digests) is not tuple or type(keeping) is not bytes \
            or type(foreign) is not tuple or not all(type(rel) is str for rel in foreign):
        raise TypeError("not a page table's articles")
    rows: dict[str, tuple[Any, ...]] = {}
    parts: list[bytes] = []
    stored = 0
    while at < len(body):
        view, at = _part(body, at)
        run = marshal.loads(view)
        if type(run) is not dict:
            raise TypeError("not a page table's rows")
        rows.update(run)
        parts.append(bytes(view))  # not a view of the file's bytes, held whole as long as one is
        stored += len(run)
    return rows, (keys, digests), keeping, foreign, parts, stored


def _are_folders(folders: object) -> bool:
    """Whether ``folders`` is a Folders as save_table writes it."""
    return type(folders) is dict and all(
        type(folder) is str and (stamp is None or (type(stamp) is tuple and len(stamp) == 4
                                                   and all(type(n) is int for n in stamp)))
        for folder, stamp in folders.items())


def _pack_summary(summary: Summary) -> tuple[Any, ...]:
    return (summary.records, summary.articles, summary.pages, summary.files,
            tuple((d.level.value, d.where.path, d.where.line, d.message) for d in summary.diagnostics))


def _unpack_summary(packed: tuple[Any, ...]) -> Summary:
    records, articles, pages, files, diagnostics = packed
    return Summary(records, articles, pages, files, tuple(Diagnostic(Level(level), SourceSpan(path, line), message)
                                                          for level, path, line, message in diagnostics))
