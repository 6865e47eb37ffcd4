"""The search index: Pagefind (PyPI ``pagefind[bin]``) run over the written pages, its bundles in ``pagefind/``.

What is searchable is decided by the templates, with Pagefind's own attributes (data-pagefind-body, -filter,
-meta, -sort). Article pages, the main results, are one index (``pagefind/``); author and topic pages, results of
their own kind, another (``pagefind/people/``). Two indexes rather than one with a filter of kinds: the search page
then loads no list of 28,000 pages' kinds (60 KB at 10,000 records) nor counts it on every query, the articles'
index stays the smaller, and the two are made at once, by two processes.

A build whose pages Pagefind reads are the files it read last time (same names, sizes and modification times,
which the writer leaves alone when a page's bytes are unchanged) keeps the bundle as it is. Otherwise the bundle
is updated in place, its new files beside the old before the entry file that names them (_update), so a served
site never sees half an index.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import hashlib
import itertools
import json
import marshal
import os
import posixpath
import shutil
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import installed
from ..diagnostics import Diagnostic, Level, Report, SourceSpan
from ..plan import urls
from . import cache, indexer
from .cache import CacheFolder
from .write import Files, OutputWriter, WriteStats, same_bytes, staged_name, walk_files, write_atomic, write_whole

BUNDLE = "pagefind"
"""The bundles' folder in the output, where Pagefind's own script finds the articles' index."""
BUNDLES = (("", ("articles",)), ("people", ("authors", "topics")))
"""(folder inside BUNDLE, the folders whose pages are indexed there). A list's further pages and orders
(listing.py: a "_" in the name) are not results of their own. Past urls.ARTICLES_PER_INDEX articles, the articles
are indexed in parts: the first in BUNDLE itself, the others in the folders urls.search_parts names."""
INDEXED_FOLDERS = ("articles", "authors", "topics")
STAMP = ".site-builder-search"
"""Beside the bundle: what it was made from (its first line), then the size of each of its files (bundle_sizes).
Hidden and never published, like the build's other bookkeeping."""
OWN = (BUNDLE + "/", STAMP)
"""What in the output this module writes (path prefixes)."""
_NEW, _OLD = ".pagefind-new", ".pagefind-old"
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the site does not load (its search page drives pagefind.js itself):
about 420 KB that need not be published."""
UNUSED_BESIDE = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")
"""What a second bundle need not repeat: the page loads Pagefind's scripts from the first."""
SETTINGS_VERSION = 7
"""Raised when what this module asks of Pagefind changes, so that every site is indexed again."""


@dataclass(frozen=True, slots=True)
class Indexed:
    files: list[tuple[str, bool]]
    """(path in the output, written by this build) of every file of the bundle."""
    pages: int
    """Pages in the index; -1 when the bundle was kept as it was."""


def finish(writer: OutputWriter, files: Iterable[tuple[str, bool]], output: Path, report: Report, *, search: bool,
           later: bool, kept: CacheFolder | None = None) -> tuple[WriteStats, float]:
    """The build's writing finished, with its search index unless there is no ``search`` or it is made
    ``later`` (index_site); the stats and the seconds the index took (0.0 when it was not made)."""
    started = time.perf_counter()
    if search and not later:
        stats = write_index(writer, files, output, report, kept)
        return stats, time.perf_counter() - started
    # Stale pages go; the search index's files are its own to replace, later.
    return writer.finish(files, keep=OWN if search else ()), 0.0


def write_index(writer: OutputWriter, files: Iterable[tuple[str, bool]], output: Path, report: Report,
                kept: CacheFolder | None = None) -> WriteStats:
    """The build's writing finished with its search index: stale pages removed first, as the index must not find
    them (its own files are this module's to replace), then the pages indexed and the bundle's files recorded as
    the build's. ``files`` is gone through twice (a list, or write.Files)."""
    stats = writer.finish(files, keep=OWN)
    bundle = index_site(output, report, kept)
    again = writer.finish(files.with_more(bundle.files) if isinstance(files, Files)
                          else itertools.chain(files, bundle.files))
    return dataclasses.replace(again, removed=stats.removed + again.removed)


class Interrupted(Exception):
    """The index was left unmade: ``interrupted`` said so while the indexers ran (they are stopped)."""


def index_site(output: Path, report: Report, kept: CacheFolder | None = None,
               interrupted: Callable[[], bool] | None = None) -> Indexed:
    """Index the pages written into ``output`` (unless the bundle there was made from the same files) and
    return the bundle's files; with ``kept``, the build cache, a bundle whose pages are those Pagefind was given
    for it last time is taken from there rather than indexed again. A failure is an error in ``report``; the site
    is still complete without search. ``interrupted``, asked while the indexers run, stops them when it says yes
    (Interrupted is raised: the folder is left without a trusted index, for its next build to make)."""
    stamp = _stamp(output).encode("utf-8")
    bundle = output / BUNDLE
    report.extend(_unmarked(output))
    try:
        if (output / STAMP).read_bytes().partition(b"\n")[0] + b"\n" == stamp \
                and (bundle / "pagefind-entry.json").is_file():
            return Indexed(_bundle_files(output, written=False) + [(STAMP, False)], -1)
    except OSError:
        pass  # no stamp: index
    (output / STAMP).unlink(missing_ok=True)  # from here until the bundle is whole again, no bundle is trusted
    for left in (output / _NEW, output / _OLD, staged_name(os.fspath(bundle))):  # an earlier version's folders,
        shutil.rmtree(left, ignore_errors=True)  # a stopped first index
    try:
        pages, made = _run_pagefind(output, kept, interrupted)
        written = _update(bundle, made)
    except Interrupted:
        raise
    except Exception as err:  # noqa: BLE001 - any failure of the indexer: reported, the pages are written
        shutil.rmtree(bundle, ignore_errors=True)  # an index of other pages would send readers to wrong places
        report.error(SourceSpan(f"{output.name}/{BUNDLE}"), f"the search index could not be made ({_reason(err)}); "
                     "the site works without it, and its search page says so. Reinstall site-builder to get "
                     "Pagefind back (pip install 'pagefind[bin]'), or set search = false in site.toml")
        return Indexed([], 0)
    write_atomic(output / STAMP, stamp + _packed_sizes({posixpath.join(BUNDLE, rel): len(data)
                                                        for rel, data in made.items()}))
    files = [(posixpath.join(BUNDLE, rel), rel in written) for rel in sorted(made)]  # what _update left there
    return Indexed(files + [(STAMP, True)], pages)


def _run_pagefind(site: Path, kept: CacheFolder | None,
                  interrupted: Callable[[], bool] | None = None) -> tuple[int, dict[str, bytes]]:
    """Pagefind's indexer, the program the pagefind[bin] wheel ships, given the pages of each bundle, the articles
    newest first and the others by name (each bundle by a process of its own, at the same time; a bundle ``kept``
    from the same pages is not indexed again); the bundles settled. The number of pages indexed, and every file of
    the bundles (path inside the bundle → bytes)."""
    from pagefind.service import get_executable  # the indexer is loaded only by builds that search

    program = get_executable()
    if program is None:
        raise FileNotFoundError("pagefind")
    results = _pages(site, BUNDLES[0][1])
    others = [(folder, _pages(site, kinds)) for folder, kinds in BUNDLES[1:]]
    texts = _read_texts(site, [*results, *(page for _folder, pages in others for page in pages)], kept)
    sorts = {page: indexer.sort_values(texts[page]) for page in results}  # page → sort → value
    articles = sorted(results, key=lambda page: _newest(sorts[page]))
    parts = ("", *urls.search_parts(len(articles)))
    bundles = [*zip(parts, dealt(articles, len(parts)), strict=True), *others]
    answers = _indexed(program, site, [pages for _folder, pages in bundles], texts, kept, interrupted)
    spread = (indexer.spread_sorts([(bundles[n][1], answers[n]) for n in range(len(parts))], sorts)
              if len(parts) > 1 else [])
    pages = 0
    made: dict[str, bytes] = {}
    for n, ((folder, _pages_given), files) in enumerate(zip(bundles, answers, strict=True)):
        unused = UNUSED + (UNUSED_BESIDE if folder else ())
        for rel, data in indexer.settle(files, spread[n] if n < len(spread) else None).items():
            if rel not in unused:
                made[posixpath.join(folder, rel)] = data
        entry = json.loads(files[indexer.ENTRY])
        pages += sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())
    return pages, made


def dealt(pages: list[str], count: int) -> list[list[str]]:
    """``pages`` dealt into ``count`` parts, each in the order given, a page's part chosen by a digest of its path:
    a page keeps its part whatever other pages come and go, so a record added or removed changes one part's
    pages, and only that part is indexed again (parts cut by place in the order would each change from the new
    article's place on). Parts of a few pages each (never the case past urls.ARTICLES_PER_INDEX articles, but a
    test's) may be left empty by the digests: then they are cut in order."""
    if count < 2:
        return [list(pages)]
    parts: list[list[str]] = [[] for _ in range(count)]
    for page in pages:
        digest = hashlib.blake2b(page.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        parts[int.from_bytes(digest, "big") % count].append(page)
    if all(parts):
        return parts
    size = -(-len(pages) // count)
    return [list(pages[n * size:(n + 1) * size]) for n in range(count)]


KEPT_CODE = ("output/search.py", "output/indexer.py")
"""The code a kept bundle depends on besides the indexer and the pages it was given (see _indexed)."""


def _indexed(program: Path, site: Path, bundles: list[list[str]], texts: dict[str, str],
             kept: CacheFolder | None, interrupted: Callable[[], bool] | None = None) -> list[dict[str, bytes]]:
    """Pagefind's answer (its bundle, not yet settled) for each list of ``bundles``' pages, in order. An answer
    kept in the build cache for the same indexer and the same pages, sent in the same order, is Pagefind's answer
    again (settle makes any two answers for the same pages the same bytes): after an edit only the bundles that
    hold a changed page are indexed, one of the articles' parts rather than all of them (the articles' index of
    10,000 synthetic records takes Pagefind 36 s of CPU). Each answer is kept as soon as it comes, so that an
    index ``interrupted`` keeps the work done."""
    code = cache.code_digest(KEPT_CODE)
    keys = [_bundle_key(program, pages, texts) for pages in bundles]
    answers: list[dict[str, bytes] | None] = [None] * len(bundles)
    if kept is not None:
        for n, key in enumerate(keys):
            found = cache.recall(kept, _kept_name(n), code, key)
            if type(found) is dict:
                answers[n] = found
    missing = [n for n, answer in enumerate(answers) if answer is None]
    if missing:
        running = _Indexers()
        with concurrent.futures.ThreadPoolExecutor(min(len(missing), _lanes())) as pool:
            runs = {pool.submit(indexer.index_pages, program, site, bundles[n], texts, running.started): n
                    for n in missing}
            try:
                waiting = set(runs)
                while waiting:
                    done, waiting = concurrent.futures.wait(waiting, None if interrupted is None else _POLL_SECONDS,
                                                            concurrent.futures.FIRST_COMPLETED)
                    for run in done:
                        n = runs[run]
                        answers[n] = run.result()
                        if kept is not None:
                            cache.keep(kept, _kept_name(n), code, keys[n], answers[n])
                    if waiting and interrupted is not None and interrupted():
                        raise Interrupted
            except BaseException:
                # Stopped (Ctrl-C, or the terminate signal serve takes as one, which only this process gets; or
                # a newer edit in serve), or one indexer failed: the others are stopped too, rather than waited
                # for to the end of their pages; those not yet started never start.
                for run in runs:
                    run.cancel()
                running.stop()
                raise
    if kept is not None:
        kept.discard(lambda name: name.startswith(_KEPT_PREFIX) and name[len(_KEPT_PREFIX):].isdigit()
                     and int(name[len(_KEPT_PREFIX):]) >= len(bundles))
    return [answer for answer in answers if answer is not None]


_POLL_SECONDS = 0.2
"""How often an index that may be interrupted asks whether it is."""


def _lanes() -> int:
    """How many indexers run at once: one per core this process may use. Each indexes one bundle, in memory that
    follows the words it is given (about 1 GB for a part of 5,000 articles): the 20 parts of 100,000 articles are
    not to be indexed side by side. An edit's one part waits for no other either way."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


class _Indexers:
    """The indexers' processes of one index, to stop them all at once: one started after that is stopped too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: list[subprocess.Popen[bytes]] = []
        self._stopped = False

    def started(self, process: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._running.append(process)
            if self._stopped:
                process.kill()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for process in self._running:
                process.kill()


_TEXTS = "search-texts"


def _read_texts(site: Path, pages: list[str], kept: CacheFolder | None) -> dict[str, str]:
    """What Pagefind is sent of each of ``pages`` (indexer.read_page). With ``kept``, a page that is the same file,
    of the same size and times, as when it was last read, and was not written too close to that moment to tell
    (cache.RACY_NS), is not read again: after an edit most of the 28,800 result pages (at 10,000 records) are
    as they were, and reading them all again took a third of the search index's own work. Pages are kept by
    output folder and path: serve builds into two folders in turn."""
    noted_at = time.time_ns()  # before any page is looked at
    kept_texts = cache.ShardedMap(kept, _TEXTS, cache.code_digest(KEPT_CODE)) if kept is not None else None
    known = kept_texts.whole() if kept_texts is not None else {}
    here = os.fspath(site)
    folders = {key[0] for key in known if type(key) is tuple and key[0] != here}
    elsewhere = {folder for folder in folders if os.path.isdir(folder)}  # serve's other folder, while it is there
    rows = {key: row for key, row in known.items() if type(key) is tuple and key[0] in elsewhere}
    texts: dict[str, str] = {}
    for page in pages:
        try:
            info = os.stat(os.path.join(site, page))
        except OSError:
            info = None  # read_page reports it, as before
        stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) if info is not None else None
        row = known.get((here, page))
        if stamp is not None and type(row) is tuple and len(row) == 6 and row[:4] == stamp \
                and max(row[1], row[2]) < row[4] - cache.RACY_NS:
            texts[page], rows[here, page] = row[5], row
            continue
        texts[page] = indexer.read_page(site, page)
        if stamp is not None:
            rows[here, page] = (*stamp, noted_at, texts[page])
    if kept_texts is not None and rows != known:
        kept_texts.save(rows)  # the files of the pages read again only
    return texts


_KEPT_PREFIX = "search-"


def _kept_name(n: int) -> str:
    return f"{_KEPT_PREFIX}{n:02d}"


def _bundle_key(program: Path, pages: list[str], texts: dict[str, str]) -> bytes:
    """What Pagefind's answer for ``pages`` depends on: the indexer (its version, and the program itself, which
    PAGEFIND_BINARY_PATH may choose) and each page's path and text, in order."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        info = program.stat()
        digest.update(f"{_pagefind_version()}\0{program}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    except OSError:
        digest.update(f"{_pagefind_version()}\0{program}\0".encode())
    for page in pages:
        digest.update(page.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(texts[page].encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


def _update(bundle: Path, files: dict[str, bytes]) -> set[str]:
    """Make the folder ``bundle`` hold ``files`` (path inside it → bytes) and nothing else; the paths written.

    In place, in an order that keeps the bundle whole for a reader at every moment: Pagefind names its files by
    their bytes (settle keeps that true), so the new ones go in beside the old first, then each bundle's entry
    file, which names the rest, replaces the old one, then the files no entry names any more go. After an edit,
    most of a bundle's 29,000 files (at 10,000 records) are as they were and are neither written nor removed;
    writing a whole new bundle beside the old one and removing the old cost several seconds of a refresh.
    """
    if not bundle.is_dir():  # a first index: written whole under a staging name, then named, as write.py does
        staged = staged_name(os.fspath(bundle))
        shutil.rmtree(staged, ignore_errors=True)
        for rel, data in sorted(files.items()):
            path = os.path.join(staged, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_whole(path, data)
        os.rename(staged, bundle)
        return set(files)
    written: set[str] = set()
    folders: set[str] = set()
    entries = sorted(rel for rel in files if posixpath.basename(rel) == indexer.ENTRY)
    for rel in [*sorted(set(files) - set(entries)), *entries]:
        path = os.path.join(bundle, rel)
        if (parent := os.path.dirname(path)) not in folders:  # a folder for thousands of files: made once
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
        if not same_bytes(path, files[rel]):
            write_atomic(path, files[rel])
            written.add(rel)
    for folder, _dirs, names in os.walk(bundle, topdown=False):
        prefix = os.path.relpath(folder, bundle).replace(os.sep, "/")
        for name in names:
            if posixpath.normpath(posixpath.join(prefix, name)) not in files:
                os.unlink(os.path.join(folder, name))
        with contextlib.suppress(OSError):
            os.rmdir(folder)  # refused unless empty
    return written


def _newest(sorts: dict[str, str]) -> tuple[int, float, str]:
    """Articles are numbered newest first (pages without that order last, by name): the newest and oldest orders
    and the year facet, which the search page loads, are then runs of numbers that compress to almost nothing.
    The default templates' values are text (orders.Ranks), which sorts as it is; a number sorts as one."""
    value = sorts.get("newest")
    if value is None:
        return (2, 0.0, "")
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def _pages(site: Path, folders: tuple[str, ...]) -> list[str]:
    """The result pages in ``folders``, by name: not a list's further pages and orders (a "_" in the name)."""
    found = []
    for folder in folders:
        with contextlib.suppress(OSError):
            found += [f"{folder}/{entry.name}" for entry in os.scandir(site / folder)
                      if entry.name.endswith(".html") and "_" not in entry.name and entry.is_file()]
    return sorted(found)


def _unmarked(output: Path) -> list[Diagnostic]:
    """A warning when the article pages mark nothing for Pagefind: a site's own article template from before
    search (``site-builder init`` copies the templates), which Pagefind then reads whole, without facets."""
    try:
        first = min((e.name for e in os.scandir(output / "articles") if e.name.endswith(".html")
                     and not e.name.startswith(".")), default=None)
    except OSError:
        first = None
    if first is None or b"data-pagefind-body" in (output / "articles" / first).read_bytes():
        return []
    return [Diagnostic(Level.WARNING, SourceSpan("templates/article.html"),
                       "marks nothing for the search index (data-pagefind-body and the other data-pagefind-* "
                       "attributes), so search reads whole article pages and offers no facets; copy the markers "
                       "of the default article.html and partials/search.html, or set search = false in site.toml")]


def _reason(err: BaseException) -> str:
    if isinstance(err, ImportError):
        return "Pagefind is not installed"
    if isinstance(err, FileNotFoundError):
        return "the Pagefind program is missing"
    if isinstance(err, OSError):
        return f"Pagefind could not run: {err.strerror or err}"
    if isinstance(err, indexer.IndexerError):
        return str(err)
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def bundle_sizes(output: Path) -> dict[str, int]:
    """The size of each file of the bundle in ``output`` (by its path there) as the index that made it left it,
    which its stamp keeps: only index_site writes the bundle, and it takes the stamp away before it changes a
    file and writes it again once the bundle holds exactly those files. Empty without a stamp, or with one whose
    sizes cannot be read (an earlier version's, a damaged one)."""
    try:
        data = (output / STAMP).read_bytes()
    except OSError:
        return {}
    packed = data.partition(b"\n")[2]
    body, check = packed[:-_CHECK_DIGITS], packed[-_CHECK_DIGITS:]
    if len(packed) <= _CHECK_DIGITS or check != b"%08x" % zlib.crc32(body):
        return {}
    try:
        sizes = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    if type(sizes) is not dict or not all(type(rel) is str for rel in sizes) \
            or not all(type(size) is int and size >= 0 for size in sizes.values()):
        return {}
    return sizes


_CHECK_DIGITS = 8


def _packed_sizes(sizes: dict[str, int]) -> bytes:
    """What follows the stamp's first line: ``sizes`` marshalled, then their CRC-32 in 8 hex digits."""
    body = marshal.dumps(sizes)
    return body + b"%08x" % zlib.crc32(body)


def _bundle_files(output: Path, written: bool) -> list[tuple[str, bool]]:
    """(path inside ``output``, ``written``) of every file of the bundle, sorted."""
    return sorted((f"{BUNDLE}/{rel}", written) for rel, entry in walk_files(output / BUNDLE) if entry.is_file())


def _stamp(output: Path) -> str:
    """What an index of ``output`` is made from: Pagefind's version, these settings, and the name, size and
    modification time of every page it reads."""
    digest = hashlib.sha256()
    for folder in INDEXED_FOLDERS:
        try:
            entries = sorted(os.scandir(output / folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".html") and entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                digest.update(f"{folder}/{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return json.dumps({"pagefind": _pagefind_version(), "settings": SETTINGS_VERSION, "bundles": BUNDLES,
                       "pages": digest.hexdigest()}, sort_keys=True) + "\n"


def _pagefind_version() -> str:
    return installed.version("pagefind_bin") or ""
