"""The record files under content/, found in sorted order, and every record in them read into an Article.

A large collection is read by two processes at once: reading and typing records is nearly all of the model's
work that needs no other record. The forked worker's articles come back pickled, so it takes the smaller share;
with a cache, a larger one is read by two forked workers, and this process, which keeps the model for the whole
build, only unpacks what they read (READ_APART_MIN_BYTES).

A build that keeps a cache (``Kept``: output/cache.py's RecordCache, handed in by build.py) reads again only
the files that changed: a file whose size and times are those cached is not read at all, one whose bytes are
those cached is not parsed again, and each file read is packed (model/packing.py) for the next build.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import os
import time
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, Protocol

from .. import workers
from ..config import CONTENT_DIR
from ..diagnostics import Diagnostic, Level, Report, SourceSpan
from ..model import languages, packing
from ..model.article import Article
from ..model.merge import MergeKeys
from . import never_records

PROSE_DIRS = frozenset({"pages", "summaries"})
"""Folders of content/ that hold the site's own prose (prose/), not records."""
READ_BESIDE_MIN_BYTES = 4_000_000
"""Below this much record data (some 400 catalogue records), reading is over too soon to gain from a worker."""
READ_HERE_SHARE = 0.58
"""When two processes read, the share of the bytes this one reads: the worker must also pickle its part."""
READ_HERE_SHARE_KEPT = 0.51
"""The same with a cache: the worker's part comes back packed, as bytes (at 10,000 records, 1.6 s of reading
each and 0.05 s to send 28 MB back, where a share of 0.58 kept this process reading 0.5 s after the worker)."""
READ_LEAST_SHARE = 0.4
READ_APART_MIN_BYTES = 40_000_000
"""From this much record data to read (some 4,000 catalogue records), with a cache, both halves are read by
forked workers and this process only unpacks their packed parts: parsing leaves holes among the model's objects
that the process keeps for the whole build (at 10,000 records, 5 kB an article of the main process's memory)."""
"""Where whole files leave this process less than this share, the worker's part and its pickling would take
as long as reading everything here."""

Stamp = tuple[int, int, int]
"""A file's size and its modification and change times in nanoseconds: what is compared before its bytes are
read. The change time moves when the permissions do, so a file that became unreadable is read (and reported)
again."""


class Kept(Protocol):
    """What a build cache keeps of each record file, by the file's path as shown ("content/…"): its stamp, a
    digest of its bytes, and its articles and problems packed (model/packing.py)."""

    def by_stamp(self, shown: str, stamp: Stamp) -> bytes | None:
        """The packed file when it looks as it did when it was kept (and did not change too close to then)."""

    def by_digest(self, shown: str, digest: bytes) -> bytes | None:
        """The packed file when its bytes are those kept."""

    def store(self, shown: str, stamp: Stamp, digest: bytes, packed: bytes, noted_at: int) -> None:
        """Keep a file as read; ``noted_at`` is the time (nanoseconds) before its stamp was taken."""

    def keep_only(self, shown: set[str]) -> None:
        """Forget the files that are gone."""

    def save(self) -> None:
        """Write what changed."""

    def language_answers(self) -> languages.Answers:
        """What naming languages answered in earlier builds (model/languages.py's ``recall_answers``)."""

    def keep_language_answers(self, answers: languages.Answers) -> None:
        """Keep these answers too, for the next build."""


class RecordFile(NamedTuple):
    """A file that may hold records. A named tuple, not a frozen dataclass: a build lists every record file, and
    at 10,000 records making them took 8-11 ms as dataclasses, 6-7 ms as named tuples."""

    path: str
    """As the operating system takes it (a Path is made only for a file that is read)."""
    shown: str
    """As the user sees it: "content/…", with forward slashes."""
    size: int
    stamp: Stamp | None = None
    """None for a file that could not be looked at."""


@dataclass(frozen=True, slots=True)
class FileRead:
    """One file as read, for the cache: its stamp, its bytes' digest (empty when it could not be read: such a
    file is never kept) and its articles and problems packed (empty when no cache asked for them)."""

    shown: str
    stamp: Stamp
    digest: bytes
    packed: bytes


class Seen(Protocol):
    """How the build's source stamp saw the files (output/cache.py's SourceStamp)."""

    @property
    def noted_at(self) -> int:
        """The time (nanoseconds) before the first file was looked at."""

    @property
    def files(self) -> Mapping[str, tuple[int, int, int, int]]:
        """(size, modification and change times, inode) of every file and folder under content/ (and the other
        sources) by path; size -1 for one that could not be looked at."""

    @property
    def others(self) -> AbstractSet[str]:
        """Of those paths, the ones that are not files."""


@dataclass(frozen=True)
class Reading:
    """What both reading processes share: the cache, if any."""

    kept: Kept | None = None


Read = list[tuple[FileRead, list[Article] | None, list[Diagnostic] | None]]
"""Each file of a part as read, with its articles and problems; both None where only the packed form is
kept (with a cache)."""
Part = tuple[Read, languages.Answers]
"""A part as read, and what naming its languages answered (for the cache, whichever process read it)."""


class Held:
    """What a long-lived process (the preview, which builds again after every edit) holds from one build to the
    next: each record file's articles and problems as unpacked from the build cache, under the file's stamp.
    Unpacking 10,000 articles took 0.3 s of each rebuild; articles are frozen, so the next build may hold the
    same objects. Taken only for a file whose stamp the build cache trusts (``Kept.by_stamp``): a file read
    again is always unpacked from what was read, and held anew."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[Stamp, list[Article], list[Diagnostic], list[bytes], list[bytes],
                                     list[MergeKeys | None]]] = {}

    def unpack(self, shown: str, stamp: Stamp, packed: bytes, shared: packing.Shared, *, trusted: bool
               ) -> packing.Packed:
        """The file's articles and problems: those held for ``stamp`` when ``trusted``, else ``packed``'s."""
        held = self._files.get(shown) if trusted else None
        if held is not None and held[0] == stamp:
            _, articles, problems, digests, bylines, keys = held
            shared.digests.update((id(article), (article, digest))
                                  for article, digest in zip(articles, digests, strict=True))
            shared.bylines.update((id(article), found) for article, found in zip(articles, bylines, strict=True))
            shared.merge_keys.update((id(article), found) for article, found in zip(articles, keys, strict=True)
                                     if found is not None)
            return list(articles), list(problems)
        articles, problems = packing.unpack(packed, shared, merge_keys=trusted, partly=trusted)
        self._files[shown] = (stamp, articles, problems, [shared.digests[id(a)][1] for a in articles],
                              [shared.bylines[id(a)] for a in articles],
                              [shared.merge_keys.get(id(a)) for a in articles])
        return list(articles), list(problems)

    def keep_only(self, shown: set[str]) -> None:
        """Let go of the files that are gone."""
        for gone in self._files.keys() - shown:
            del self._files[gone]


def read_articles(site_dir: Path, report: Report, kept: Kept | None = None,
                  shared: packing.Shared | None = None, seen: Seen | None = None,
                  held: Held | None = None) -> list[Article]:
    """An Article for every record under the site's content/ (each holding its record), in file order; with
    ``kept``, files that have not changed since they were kept are not read again, and what is read is kept.
    ``shared`` gathers what unpacking the kept files gives besides the articles (their digests). ``seen``: the
    files' stamps as the build's source stamp took them (output/cache.py), not taken again. ``held``: what the
    process's last build unpacked, taken again where it still holds (only with ``kept``)."""
    # before the files are looked at: see output/cache.py's RACY_NS
    noted_at = seen.noted_at if seen is not None else time.time_ns()
    files = record_files(site_dir, seen)
    reused = {f.shown: packed for f in files if kept is not None and f.stamp is not None
              and (packed := kept.by_stamp(f.shown, f.stamp)) is not None}
    to_read = [f for f in files if f.shown not in reused]
    total = sum(f.size for f in to_read)
    read_here = list(itertools.accumulate(f.size for f in to_read))
    cut = bisect.bisect(read_here, total * (READ_HERE_SHARE if kept is None else READ_HERE_SHARE_KEPT))
    context = Reading(kept)
    if kept is not None and to_read:
        languages.recall_answers(kept.language_answers())
    if total < READ_BESIDE_MIN_BYTES or (read_here[cut - 1] if cut else 0) < total * READ_LEAST_SHARE:
        parts = [read_part(context, to_read)]  # small, or a large file keeps the split far from even
    else:
        from . import registry  # noqa: F401 - the readers imported once, before the workers fork
        if kept is not None and total >= READ_APART_MIN_BYTES:
            half = bisect.bisect(read_here, total / 2)
            parts = list(workers.in_order(read_part, context, [to_read[:half], to_read[half:]]))
        else:
            parts = list(workers.beside(read_part, context, to_read[:cut], to_read[cut:]))
    fresh = {read.shown: (read, found, problems) for part, _ in parts for read, found, problems in part}
    articles: list[Article] = []
    shared = shared or packing.Shared()  # equal values of different articles as one object: this build only
    unpack = held.unpack if held is not None and kept is not None else _unpack
    for file in files:
        if file.shown in reused:
            assert file.stamp is not None  # (only a file with a stamp is reused)
            found, problems = unpack(file.shown, file.stamp, reused[file.shown], shared, trusted=True)
        else:
            read, got, got_problems = fresh[file.shown]
            found, problems = (got, got_problems) if got is not None and got_problems is not None \
                else unpack(read.shown, read.stamp, read.packed, shared, trusted=False)
            if kept is not None and read.digest:
                kept.store(read.shown, read.stamp, read.digest, read.packed, noted_at)
        articles += found
        report.extend(problems)
    if held is not None:
        held.keep_only({f.shown for f in files})
    if kept is not None:
        for _, answers in parts:
            kept.keep_language_answers(answers)
        kept.keep_only({f.shown for f in files})
        kept.save()
    return articles


def _unpack(shown: str, stamp: Stamp, packed: bytes, shared: packing.Shared, *, trusted: bool) -> packing.Packed:
    # A file read again: its keys made by merging, and its articles unpacked whole, as its page and every other
    # is likely to be made again (a first build). One the cache trusts: the fields few pages read left packed.
    return packing.unpack(packed, shared, merge_keys=trusted, partly=trusted)


def read_part(context: Reading | None, files: Sequence[RecordFile]) -> Part:
    """Each of ``files`` as read, with an article per record and the file's problems; with a cache, packed for
    it too, and a file whose bytes are those the cache holds is not parsed again."""
    kept = context.kept if context is not None else None
    # With a cache both processes keep only each file's packed form, and read_articles unpacks every file once
    # all are read: the model's objects are then made together, not among the garbage of parsing (the main
    # process held 22 kB an article at 10,000 records instead of 13.5 kB). A worker sends its part back packed.
    packed_only = kept is not None
    out: Read = []
    for file in files:
        stamp = file.stamp or (file.size, 0, 0)
        path = Path(file.path)
        try:
            data = path.read_bytes()
        except OSError as err:  # reported, and never kept: it is read again next time
            problem = Diagnostic(Level.ERROR, SourceSpan(file.shown), f"cannot read this file: {err.strerror}")
            out.append((FileRead(file.shown, stamp, b"", b""), [], [problem]))
            continue
        digest = hashlib.blake2b(data, digest_size=16).digest() if kept is not None else b""
        packed = kept.by_digest(file.shown, digest) if kept is not None else None
        if packed is not None:  # (only with a cache: packed_only)
            out.append((FileRead(file.shown, stamp, digest, packed), None, None))
            continue
        articles, problems = _parsed(data, path, file.shown)
        if packed_only:
            out.append((FileRead(file.shown, stamp, digest, packing.pack(articles, problems)), None, None))
        else:  # records' fields packed as unpacking would give them (packing.held)
            out.append((FileRead(file.shown, stamp, digest, b""), [packing.held(a) for a in articles], problems))
    return out, languages.learned_answers()


def _parsed(data: bytes, path: Path, shown: str) -> tuple[list[Article], list[Diagnostic]]:
    """A file's articles and problems, read by the reader its name and start choose."""
    from .registry import read_data, to_article  # only for a file the cache does not hold (see __init__.py)

    articles: list[Article] = []
    try:
        records, problems = read_data(data, path, shown)
    except Exception as err:  # noqa: BLE001 - a reader's bug on odd input must cost this file, not the build
        return [], [_not_read(SourceSpan(shown, 1), "file", err)]
    for record in records:
        try:
            article, article_problems = to_article(record)
        except Exception as err:  # noqa: BLE001 - as above: this record, not the build
            problems.append(_not_read(record.where, f"{record.format} record", err))
            continue
        articles.append(article)
        problems += article_problems
    return articles, problems


def _not_read(where: SourceSpan, what: str, err: Exception) -> Diagnostic:
    """What a reader that failed on its input says: an error in site-builder (the readers are made never to
    raise, tests/test_fuzz_readers.py), named so that it can be reported, and the rest of the site built."""
    return Diagnostic(Level.ERROR, where, f"this {what} could not be read, and is left out: site-builder failed on "
                                         f"it ({type(err).__name__}: {err}); please report it with the {what}")


def record_files(site_dir: Path, seen: Seen | None = None) -> list[RecordFile]:
    """Every file under content/ that may hold records, in sorted order, with its stamp; prose pages, summaries,
    hidden files and files that are never records (readers.never_records) left out. Symbolic links to files
    count, to folders are not entered. With ``seen`` (the build's source stamp, which walked content/ as this
    does), the files and their stamps are those it saw: a second walk took 0.09 s at 10,000 records."""
    if seen is None:
        return _walked_record_files(site_dir)
    others = seen.others
    inside = str(site_dir / CONTENT_DIR) + os.sep  # as the source stamp spells its paths
    hidden = os.sep + "."  # a file or folder whose name begins with a dot, below the first
    found: list[tuple[tuple[str, ...], str, Stamp | None]] = []
    for path, (size, mtime_ns, ctime_ns, _inode) in seen.files.items():
        if not path.startswith(inside) or path in others:
            continue
        inner = path[len(inside):]
        parts = tuple(inner.split(os.sep))
        if parts[0] in PROSE_DIRS or inner.startswith(".") or hidden in inner or never_records(parts[-1]):
            continue
        # a file the stamp could not look at is looked at again: reading it will say what is wrong
        stamp = (size, mtime_ns, ctime_ns) if size >= 0 else _path_stamp(path)
        found.append((parts, path, stamp))
    found.sort(key=lambda item: item[0])
    return [RecordFile(path, "/".join((CONTENT_DIR, *parts)), stamp[0] if stamp else 0, stamp)
            for parts, path, stamp in found]


def _walked_record_files(site_dir: Path) -> list[RecordFile]:
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    _find_record_files(site_dir / CONTENT_DIR, (), found)
    found.sort(key=lambda item: item[0])
    files = []
    for parts, entry in found:
        stamp = _stamp(entry)
        files.append(RecordFile(entry.path, "/".join((CONTENT_DIR, *parts)), stamp[0] if stamp else 0, stamp))
    return files


def _find_record_files(folder: Path | str, parts: tuple[str, ...],
                       found: list[tuple[tuple[str, ...], os.DirEntry[str]]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no content/ yet, or a folder we may not read: nothing to find there
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") or (not parts and name in PROSE_DIRS):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _find_record_files(entry.path, (*parts, name), found)
            elif not never_records(name) and entry.is_file():
                found.append(((*parts, name), entry))
        except OSError:  # a link we may not follow: os.walk passed over these too
            continue


def _stamp(entry: os.DirEntry[str]) -> Stamp | None:
    try:
        info = entry.stat()
    except OSError:  # reading it will say what is wrong
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _path_stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:  # reading it will say what is wrong
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns
