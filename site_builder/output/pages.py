"""Every planned page rendered and written, in worker processes on a large site.

Each worker renders a run of pages and writes them itself, so no page's bytes cross a pipe and the main process
holds none of them. Runs come back in plan order, which keeps every message in the same order from build to build.
A page whose fingerprint (fingerprints.py) is the one the output folder's last build left for it, and whose file
is still there, is kept as it is: neither rendered nor written. One that nothing it is made from can have changed
since (fingerprints.Reuse.kept), with its file still there, is kept before any worker starts, without its
fingerprint being made: after an edit, nearly every page.

The main process lets each page go once its run is back: the plan shrinks as the site is written, and the
workers forked for later runs start without the pages already written (at 100,000 records, the plan's 708,000
pages held some 460 MB of the main process, and every worker counted them in its resident size).
"""

from __future__ import annotations

import array
import contextlib
import itertools
import operator
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from .. import workers
from ..cite.exports import export_file_parts, export_piece, export_text, file_frame
from ..diagnostics import Report, SourceSpan
from ..model.article import Article
from ..plan.outline import Plan
from ..plan.pages import Page
from ..render.pages import RenderError, render
from . import fingerprints, pagetable, preflight, splice
from .cache import ListPieces, MadePieces
from .spill import Place, Spill
from .write import Files, OutputWriter, folder_of_each

PARALLEL_MIN_PAGES = 2000
RENDER_CHUNK = 250
FRESH_WORKERS_PAGES = 100_000
"""New render workers after this many pages (workers.in_order's ``fresh_every``): at 100,000 records (708,000
pages) workers kept for the whole build each came to hold a copy of most of the model and their caches."""


@dataclass(frozen=True, slots=True)
class RenderFailure:
    template: str
    line: int
    page: str
    message: str


_LINKS = pagetable.Entry._fields.index("links")


Rendered = tuple[str, bool, RenderFailure | None, tuple[tuple[str, str], ...], pagetable.Entry | None, bool]
"""(path, written, why it failed, links out of the site as (href, why), its fingerprint's entry, kept as it was)
of one page; a page kept with the very entry the last build left gives neither links nor entry (the main process
takes them from the table: nothing to send back)."""


@dataclass(frozen=True)
class Written:
    paths: list[str]
    """The path of each page that rendered or was kept, in plan order."""
    new: bytearray
    """For each of ``paths``, 1 where its file was written, 0 where it was as it is already. Not a (path, written)
    pair for each: at 100,000 records 700,000 of them took 40 MB of the main process while its workers ran."""
    rows: pagetable.NewRows
    """Each page's fingerprint, for the next build: its pagetable.Entry, or for a page kept as it was the last
    table's row (the same fields, as stored)."""
    kept: int
    """Pages unchanged since the folder's last build, neither rendered nor written."""
    pieces: MadePieces = field(default_factory=MadePieces)
    """The pieces of list downloads made by this build (none of those it was given), for the next build."""
    pieces_folder: tempfile.TemporaryDirectory[str] | None = None
    """The folder of the files ``pieces`` reads, removed once this is let go."""

    def files(self, more: Iterable[tuple[str, bool]] = ()) -> Files:
        """(path, written) of each page that rendered or was kept, in plan order, then ``more``."""
        return Files(self.paths, self.new, tuple(more))

    def sizes(self) -> Mapping[str, int]:
        """The size of each page with a fingerprint, as written or as found unchanged (for the pre-flight check)."""
        return self.rows.sizes()


@dataclass(frozen=True)
class RenderJob:
    """What every worker of one build needs: given to each once, when the pool starts."""

    env: jinja2.Environment
    pages: list[Page | None]
    """The pages to render, in the order of their runs; the main process sets each to None once its run is back
    (a worker forked later has no use for it)."""
    writer: OutputWriter
    base_path: str
    every_page: bool
    """Scan every page for links out of the site, or only those that show the site's own prose."""
    reuse: fingerprints.Reuse | None = None
    """The folder's last fingerprints and what makes this build's; None: render every page."""
    list_pieces: ListPieces = field(default_factory=dict)
    """The pieces of list downloads the last build made, by format, citation key and the article's digest."""
    digests: dict[int, tuple[object, bytes]] = field(default_factory=dict)
    """Each article's digest by its id (fingerprints.article_digests), which its kept pieces are under."""
    pieces_folder: str = ""
    """Where a run writes the pieces of list downloads it made (MadePieces.written_to); "": none expected."""
    splices: dict[str, splice.Splice] = field(default_factory=dict)
    """The list downloads made from the files the last build wrote, by path (splice.py)."""


def write_pages(env: jinja2.Environment, pages: Plan, writer: OutputWriter, report: Report,
                outside: list[tuple[str, str, str]], base_path: str = "", every_page: bool = True,
                progress: bool = False, reuse: fingerprints.Reuse | None = None,
                list_pieces: Callable[[], ListPieces] | None = None,
                digests: dict[int, tuple[object, bytes]] | None = None) -> Written:
    """Render every page whose fingerprint changed (every page without ``reuse``) and write it with ``writer``.
    A failing template is reported once, with the pages it cost. ``pages`` is taken over: the plan is emptied,
    each page made only if it is rendered (plan/outline.py) and let go once written.

    Links of a page that point outside the site are found while the page is in memory and added to ``outside``
    as (page, href, why) for the pre-flight check: on every page, or with ``every_page`` false only on the pages
    that show the site's own prose (Page.prose).

    A list download is made from the file the folder's last build wrote when it can be (splice.py), else joined
    from the articles' pieces that ``list_pieces`` gives (called only then) whose article has the digest given
    in ``digests``; the pieces made instead are in the result.
    """
    # Pages known unchanged without their fingerprints are set aside here: after an edit that is nearly all of
    # them, and forking workers for the few others would cost more than rendering them.
    paths = pages.paths  # each page's path, in plan order
    unchanged_pages = _unchanged(reuse, writer.output, pages, paths) if reuse else set()
    changed = map(operator.not_, map(unchanged_pages.__contains__, paths))
    to_render = list(itertools.compress(itertools.count(), changed))  # the numbers of the pages to render, in C
    left: list[Page | None] = list(pages.made(to_render))  # the only pages made
    pages.clear()  # the caller holds none of them
    planned: list[Page | None]  # in plan order, each let go once done
    if len(left) == len(paths):
        planned = left.copy()
    else:
        planned = list(itertools.repeat(None, len(paths)))
        for n, page in zip(to_render, left, strict=True):
            planned[n] = page
    if not unchanged_pages:  # a clean build: no page is kept, nor its path asked for again (at 100,000 records
        paths.clear()  # the list took 5.7 MB of the main process and of each worker forked while it held it)
    if reuse is not None:
        reuse.last.let_go_of_parts(unless_added=len(to_render))
    # The list downloads first, one run a format: by workers forked before this process holds the other pages'
    # results; each piece made once, and held by its worker only until the last list of its run that shows it
    # (_ListPieces; at 100,000 records, workers forked last and holding the pieces of every format were the
    # build's largest processes).
    lists = sorted([page for page in left if page is not None and _is_list(page)],
                   key=lambda page: page.export)  # stable: plan order
    if lists:
        left = [*lists, *[page for page in left if page is not None and not _is_list(page)]]
    folder = tempfile.TemporaryDirectory(prefix="site-builder-pieces-") if lists else None  # see Written
    splices = _splices(reuse, lists, writer) if reuse is not None else {}
    joined = list_pieces is not None and any(page.path not in splices for page in lists)
    job = RenderJob(env, left, writer, base_path, every_page, reuse,
                    list_pieces=list_pieces() if list_pieces is not None and joined else {},
                    digests=digests or {}, pieces_folder=folder.name if folder is not None else "",
                    splices=splices)
    parallel = len(left) >= PARALLEL_MIN_PAGES
    starts = [i for i, page in enumerate(lists) if i == 0 or page.export != lists[i - 1].export]
    by_format = list(zip(starts, [*starts[1:], len(lists)], strict=True)) if lists else []
    list_count = len(lists)
    del lists, left  # the job holds them: its pages are let go run by run
    runs = by_format + _runs(list_count, len(job.pages))
    chunks = workers.in_order(_render_run, job, runs, parallel=parallel,
                              fresh_every=FRESH_WORKERS_PAGES // RENDER_CHUNK, packed=True)
    done: list[str] = []
    new = bytearray()
    rows = pagetable.NewRows()
    kept = 0
    failed: dict[str, list[RenderFailure]] = {}
    made = MadePieces()
    rendered = _rendered(_progress(chunks, len(job.pages), progress), made, job.pages, runs)
    early = {found[0]: found for found in itertools.islice(rendered, list_count)}  # one each, the lists first
    table_before = reuse.last if reuse is not None else pagetable.PageTable()
    carried: list[str] = []  # the pages kept as they were, whose rows the next table may carry as stored
    at = 0  # where the run of unchanged pages not yet taken begins
    for n in to_render:  # in plan order: those unchanged as they were (after an edit nearly every page: taken in
        page = planned[n]  # runs), the others as rendered
        assert page is not None
        if n > at:
            kept += _kept_as_they_were(planned, paths, at, n, table_before, carried, done, new, outside)
        planned[n], at = None, n + 1
        found = early.pop(page.path) if page.path in early else next(rendered)
        _sent, written, failure, links, entry, unchanged = found
        path = page.path  # the plan's string, not the copy the worker sent back: one of each held to the end
        if unchanged and entry is None:
            entry = table_before.entry(path)
            links = entry.links if entry is not None else ()
        if links:
            outside.extend([(path, href, why) for href, why in links])
        if failure is not None:
            failed.setdefault(failure.template, []).append(failure)
            continue
        done.append(path)
        new.append(written)
        if entry is not None:
            rows.add_entry(path, entry)
        kept += unchanged
    if len(planned) > at:
        kept += _kept_as_they_were(planned, paths, at, len(planned), table_before, carried, done, new, outside)
    if carried and table_before.carried_by(done, len(carried), rows):
        rows.carry(table_before, done)
    else:
        rows.extend(carried, table_before.rows_of(carried))
        table_before.let_go_of_parts()
    for failures in failed.values():
        first = failures[0]
        report.error(SourceSpan(_shown_template(first.template), first.line),
                     f"{first.message} (while rendering {first.page}; {len(failures)} page(s) not written)")
    return Written(done, new, rows, kept, made, folder)


def _unchanged(reuse: fingerprints.Reuse, output: Path, pages: Plan, paths: list[str]) -> set[str]:
    """The paths of the pages whose file is still there and which nothing they are made from can have changed
    since the last build (fingerprints.Reuse.kept), known by their paths and templates: no page is made (but
    with fingerprints.VERIFY). ``paths``: those of ``pages``, in order."""
    # passes in C over the pages, as far as they go (after an edit, every page of the site is looked at here)
    folders = list(folder_of_each(paths))
    intact = reuse.last.intact_folders(output)  # a page of the last table there is there still: no listing
    present: set[str] = set()
    for folder in sorted(set(folders) - intact):  # one listing of each other folder, not a stat a page
        prefix = folder + "/" if folder else ""
        with contextlib.suppress(OSError), os.scandir(os.path.join(output, folder)) as entries:
            present.update([prefix + entry.name for entry in entries if entry.is_file(follow_symlinks=False)])
    here = list(map(operator.or_, map(intact.__contains__, folders), map(present.__contains__, paths)))
    del folders
    made = map(pages.__getitem__, itertools.compress(itertools.count(), here))  # only asked for with VERIFY
    return reuse.kept_paths(made, list(itertools.compress(paths, here)),
                            list(itertools.compress(pages.templates(), here)))


def _kept_as_they_were(planned: list[Page | None], paths: list[str], start: int, end: int,
                       table: pagetable.PageTable, carried: list[str], done: list[str], new: bytearray,
                       outside: list[tuple[str, str, str]]) -> int:
    """Pages ``start`` to ``end`` of ``planned`` (whose paths are ``paths``' at the same places), unchanged since
    the folder's last build (``_unchanged``), added as they were to what write_pages gathers (their paths to
    ``carried``: their rows are as ``table`` holds them), and let go; how many. A step for each of them was most
    of what write_pages spent after an edit."""
    kept = paths[start:end]
    planned[start:end] = itertools.repeat(None, end - start)
    carried.extend(kept)
    done.extend(kept)
    new.extend(bytes(len(kept)))
    if table.any_links:  # most often none: a page's links out are the site's own prose's
        for path, row in zip(kept, table.rows_of(kept), strict=True):
            if row[_LINKS]:
                outside.extend([(path, href, why) for href, why in row[_LINKS]])
    return len(kept)


def _splices(reuse: fingerprints.Reuse, lists: list[Page], writer: OutputWriter) -> dict[str, splice.Splice]:
    """The list downloads of ``lists`` that can be made from the files the folder's last build wrote, by path:
    decided here, before any worker starts, so that the pieces are loaded only for the others."""
    found: dict[str, splice.Splice] = {}
    orders: dict[int, tuple[bytes, array.array[int]] | None] = {}  # by entries: a list's formats share them
    for page in lists:
        last = reuse.last.entry(page.path)
        if last is None or last.layout is None or page.path not in writer.previous:
            continue
        entries = page.context["entries"]
        if id(entries) not in orders:
            orders[id(entries)] = splice.order_digest(entries, reuse.digester.place)
        order = orders[id(entries)]
        planned = splice.plan(last, order, reuse.changed, file_frame(page.export)) if order is not None else None
        if planned is not None:
            found[page.path] = planned
    return found


def _runs(start: int, end: int) -> list[tuple[int, int]]:
    """Runs of at most RENDER_CHUNK pages, as (start, end) in the job's pages, from ``start`` to ``end``."""
    return [(i, min(i + RENDER_CHUNK, end)) for i in range(start, end, RENDER_CHUNK)]


def _rendered(chunks: Iterator[Run], made: MadePieces, pages: list[Page | None],
              runs: list[tuple[int, int]]) -> Iterator[Rendered]:
    """Each page's result, run after run; a run's pages are let go (set to None in ``pages``) once it is back."""
    for (chunk, pieces), (start, end) in zip(chunks, runs, strict=True):
        made.extend(pieces)
        pages[start:end] = itertools.repeat(None, end - start)
        yield from chunk


def write_static(writer: OutputWriter, static: dict[str, Path]) -> list[tuple[str, bool]]:
    """(path, written) of the theme's ``static`` files (output path → source file), each read, then written."""
    files = [(rel, path.read_bytes()) for rel, path in static.items()]
    return [(rel, writer.write(rel, data)) for rel, data in files]


Run = tuple[list[Rendered], MadePieces]
"""The pages of one run, and the pieces of list downloads it made (compressed where made: one run makes the
collection's, a piece for each article in each format)."""


LIST_PIECES_HANDED = 5_000
"""Pieces of list downloads a run holds as made before it compresses them (MadePieces): the collection's lists
alone make a piece for each article in each format."""


def _render_run(job: RenderJob, bounds: tuple[int, int]) -> Run:
    """Render and write pages[start:end] whose fingerprint changed, in whichever process runs it."""
    out: list[Rendered] = []
    made = MadePieces()
    fresh: ListPieces = {}
    with _ListPieces(job.pages[bounds[0]:bounds[1]], job.splices) as pieces:
        _render_pages(job, bounds, pieces, out, made, fresh)
    made.update(fresh)
    if made and job.pieces_folder:  # files, not sent back (MadePieces)
        made = made.written_to(job.pieces_folder, str(bounds[0]))
    return out, made


def _render_pages(job: RenderJob, bounds: tuple[int, int], pieces: _ListPieces, out: list[Rendered],
                  made: MadePieces, fresh: ListPieces) -> None:
    """``_render_run``'s loop: each page's result added to ``out``."""
    for page in job.pages[bounds[0]:bounds[1]]:
        assert page is not None, "a run's pages are let go only once it is back"
        printed = job.reuse.fingerprint(page) if job.reuse is not None else None
        fingerprint = printed.fingerprint if printed is not None else None
        last = job.reuse.last.unchanged(job.writer.output, page.path, fingerprint) if job.reuse is not None else None
        if last is not None and printed is not None:
            if (last.more, last.reached) == (printed.more, printed.reached):
                out.append((page.path, False, None, (), None, True))
            else:
                out.append((page.path, False, None, last.links,
                            last._replace(more=printed.more, reached=printed.reached), True))
            continue
        links: tuple[tuple[str, str], ...] = ()
        layout = None
        if _is_list(page):  # written as it is made: at 100,000 records 50-70 MB, never held whole
            written, size, layout = _write_list(job, page, pieces, fresh, made)
        else:
            try:
                data = _text(job, page, printed.context if printed is not None else None).encode("utf-8")
            except RenderError as err:
                out.append((page.path, False, RenderFailure(err.template, err.line, err.page, err.message), (),
                            None, False))
                continue
            if page.path.endswith(".html") and (job.every_page or page.prose):
                links = tuple(preflight.outside_links(page.path, data, job.base_path))
            written, size = job.writer.write(page.path, data), len(data)
        entry = (pagetable.Entry(printed.fingerprint, size, links, printed.more, printed.reached, layout)
                 if printed is not None else None)
        out.append((page.path, written, None, links, entry, False))


class _ListPieces:
    """The pieces of list downloads (UTF-8) that the lists of one run share, each made once and held only until
    the last list of the run that shows its article is written: a run of list downloads holds every list of one
    format, and the collection's shows every article. Held in a temporary file, not in memory: at 100,000
    records the pieces of one format held as bytes grew the worker writing them by some 100 MB, which made it
    the build's largest process."""

    def __init__(self, pages: Iterable[Page | None], spliced: Mapping[str, object]) -> None:
        self.uses = Counter(key for page in pages if page is not None and _is_list(page)
                            and page.path not in spliced for key, _article in page.context["entries"])
        """Citation key → lists of the run not yet written that show its article."""
        self.held: dict[str, Place] = {}
        """Citation key → where its piece is in the file."""
        self._file = Spill()

    def take(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The piece of ``key``, made by ``make`` unless held; held on while a later list still shows it."""
        place = self.held.pop(key, None)
        piece = make() if place is None else self._file.read(place)
        left = self.uses[key] - 1
        self.uses[key] = left
        if left > 0:
            self.held[key] = place if place is not None else self._file.keep(piece)
        return piece

    def __enter__(self) -> _ListPieces:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._file.close()


def _is_list(page: Page) -> bool:
    """A list's download (the collection's, a topic's): its articles without their abstracts."""
    return bool(page.export) and not page.context.get("abstracts", True)


def _text(job: RenderJob, page: Page, context: dict[str, Any] | None) -> str:
    """The text of a page or of an article's own download, from its full ``context`` when its fingerprint made
    it already (else made here)."""
    if not page.export:
        return render(job.env, page.template, context if context is not None else page.full_context(), page.path)
    return export_text(page.export, page.context["entries"])


def _write_list(job: RenderJob, page: Page, shared: _ListPieces, fresh: ListPieces,
                made: MadePieces) -> tuple[bool, int, pagetable.Layout | None]:
    """Write a list download: from the file the folder's last build wrote when ``job.splices`` says it can be and
    that file is still as it was, else joined from pieces (``_list_parts``). (Whether written, its size, its
    layout for the next build: splice.py.)"""
    planned = job.splices.get(page.path)
    if planned is not None:
        done = _write_spliced(job, page, planned, fresh, made)
        if done is not None:
            return done
    lengths = array.array(splice.LENGTHS)
    written, size = job.writer.write_parts(page.path, _list_parts(job, page, shared, fresh, made, lengths))
    order = splice.order_digest(page.context["entries"], job.reuse.digester.place) if job.reuse else None
    return written, size, (order[0], lengths.tobytes()) if order is not None else None


def _write_spliced(job: RenderJob, page: Page, planned: splice.Splice, fresh: ListPieces,
                   made: MadePieces) -> tuple[bool, int, pagetable.Layout] | None:
    """``_write_list`` from the file the last build wrote; None when it is no longer of the size it had."""
    fmt, entries, frame = page.export, page.context["entries"], file_frame(page.export)
    try:
        fd = os.open(os.path.join(job.writer.output, page.path), os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if os.fstat(fd).st_size != planned.size:
            return None
        if fingerprints.VERIFY:
            _verify_copied(fd, planned, page, frame)
        pieces = [_piece(job, page, fmt, entries[n][0], entries[n][1], fresh, made).encode("utf-8")
                  for n in planned.changed]
        if pieces == splice.old_changed(fd, planned, frame):  # the file as it is: not written, nor read whole
            return False, planned.size, (planned.order, planned.lengths.tobytes())
        parts, layout = splice.spliced(fd, planned, pieces, frame)
        written, size = job.writer.write_parts(page.path, parts, differs=True)  # an entry differs: not compared
        return written, size, layout
    finally:
        os.close(fd)


def _verify_copied(fd: int, planned: splice.Splice, page: Page, frame: tuple[bytes, bytes, bytes]) -> None:
    """With fingerprints.VERIFY: each entry that would be copied from the old file made again and compared."""
    entries, changed = page.context["entries"], set(planned.changed)
    for n, old in enumerate(splice.old_pieces(fd, planned, frame)):
        key, article = entries[n]
        if n not in changed and export_piece(page.export, article, key, False).encode("utf-8") != old:
            raise fingerprints.StaleReuse(f"{page.path}: the entry of {key} copied from the last build's file "
                                          "is not what it would be made as")


def _list_parts(job: RenderJob, page: Page, shared: _ListPieces, fresh: ListPieces,
                made: MadePieces, lengths: array.array[int]) -> Iterator[bytes]:
    """A list download's bytes in parts, joined from the pieces its run's lists share (``shared``), those the last
    build made of its articles unchanged since (with ``VERIFY``, each made again and compared when first taken),
    and new ones, which are added to ``fresh`` (and from there, every LIST_PIECES_HANDED of them, to ``made``).
    Each piece's length is added to ``lengths``."""
    fmt = page.export

    def piece_of(key: str, article: Article) -> bytes:
        piece = shared.take(key, lambda: _piece(job, page, fmt, key, article, fresh, made).encode("utf-8"))
        lengths.append(len(piece))
        return piece

    return export_file_parts(fmt, (piece_of(key, article) for key, article in page.context["entries"]))


def _piece(job: RenderJob, page: Page, fmt: str, key: str, article: Article, fresh: ListPieces,
           made: MadePieces) -> str:
    """The ``fmt`` piece of ``article`` under ``key``: the last build's when its article is unchanged, else made
    and added to ``fresh``."""
    digest = job.digests.get(id(article), (None, b""))[1]
    kept = job.list_pieces.get((fmt, key))
    if digest and kept is not None and kept[0] == digest:
        if fingerprints.VERIFY and export_piece(fmt, article, key, False) != kept[1]:
            raise fingerprints.StaleReuse(f"{page.path}: the kept {fmt} piece of {key} is not what it was")
        return kept[1]
    piece = export_piece(fmt, article, key, False)
    if digest:  # made once a run (``shared``), and a run holds every list of its format
        fresh[(fmt, key)] = (digest, piece)
        if len(fresh) >= LIST_PIECES_HANDED:
            made.update(fresh)
            fresh.clear()
    return piece


def _shown_template(path: str) -> str:
    return path if "templates" not in path else "templates" + path.rsplit("templates", 1)[1]


def _progress(chunks: Iterator[Run], total: int, enabled: bool) -> Iterator[Run]:
    """The chunks, with a progress bar on a terminal for builds long enough to want one."""
    if not enabled or total < PARALLEL_MIN_PAGES:
        yield from chunks
        return
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]  # tqdm is generic in its stubs, not at runtime
        monitor_interval = 0  # no monitor thread: a thread running at a fork makes forking unsafe (workers.jobs)

    with Bar(total=total, desc="Rendering", unit="page", leave=False) as bar:
        for chunk in chunks:
            yield chunk
            bar.update(len(chunk[0]))
