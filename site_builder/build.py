"""The build, stage by stage: read → model → plan → render → write, then one summary.

Every stage reports problems to one Report and the build goes on; the caller decides the exit code at the end.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gc
import itertools
import marshal
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import i18n, readers
from .cite import cache as citations
from .config import Config, load_config
from .diagnostics import Diagnostic, Level, Report, SourceSpan
from .model.article import Article, Record
from .model.library import build_library
from .model.merge import merge_articles
from .model.people_rules import load_rules
from .output import cache, fingerprints, packing, preflight, search, workers
from .output.write import OutputWriter, WriteStats, check_output
from .plan.pages import Page, Site, plan
from .prose.free_pages import read_intro, read_pages
from .prose.summaries import attach_summaries, read_summaries
from .render import theme
from .render.pages import ARTICLE_ITEM, RenderError, make_environment, render_page

CONTENT_DIR = "content"
PARALLEL_MIN_PAGES = 2000
READ_FORK_MIN_BYTES = 4_000_000
"""Below this much record data (some 400 catalogue records), reading is over too soon to gain from a second
process."""
READ_HERE_SHARE = 0.58
"""When two processes read, the share of the bytes this one takes: the other must then also pack its part."""
READ_LEAST_SHARE = 0.4
"""Where whole files leave this process less than this share, the other's part plus packing and unpacking it
would take as long as reading everything here."""
RENDER_CHUNK = 250
_PROSE_DIRS = frozenset({"pages", "summaries"})


@dataclass(frozen=True)
class BuildResult:
    config: Config
    output: Path
    report: Report
    records: int
    articles: int
    pages: int
    stats: WriteStats
    seconds: float
    unwritten: int = 0
    """Planned pages that a template error kept from being written: the output is then incomplete."""
    planned: tuple[Page, ...] = dataclasses.field(default=(), repr=False)
    """The pages, and through them the whole model. Handed to the caller so that freeing millions of objects is
    its choice: a preview server drops them before the next build, the command line exits without freeing."""
    notices: tuple[str, ...] = ()
    """One line each about the build itself (a cache set aside), not about the site: never a warning."""
    rendered: int = 0
    """Pages rendered; the others were unchanged since the output folder's last build and kept as they are."""
    search_seconds: float = 0.0
    """Of ``seconds``, the time the search index took, once every page was written."""
    search_pending: bool = False
    """Built with ``search_later``: the search index is made by ``refresh_search``."""


def build(site_dir: Path, output: Path | None = None, *, base_url: str | None = None,
          progress: bool = False, clean: bool = False, search_later: bool = False) -> BuildResult:
    """Build the site into ``output``, reusing what earlier builds left in the cache unless ``clean``. With
    ``search_later`` the build ends once every page is written, and ``refresh_search`` makes the search index
    (the preview reloads its pages first)."""
    started = time.perf_counter()
    try:
        return _build(site_dir, output, base_url, progress, started, clean, search_later)
    finally:
        gc.unfreeze()
        gc.enable()


def _build(site_dir: Path, output: Path | None, base_url: str | None, progress: bool,
           started: float, clean: bool, search_later: bool) -> BuildResult:
    # The model is millions of small objects without cycles: collecting while it grows cost a quarter of the
    # model stage and freed nothing. Once planned it is frozen, so neither this process nor a forked render
    # worker (which needs the collector for the template engine's cycles) scans it again.
    gc.disable()
    config = load_config(site_dir, base_url=base_url)
    out = output if output is not None else site_dir / config.output
    check_output(out, site_dir)  # before any work: a refused folder should fail fast
    notices: list[str] = []
    kept_cache = cache.CacheFolder(site_dir, notices.append, clean=clean)
    sources = cache.source_stamp(site_dir, out, config)  # before reading: an edit made meanwhile shows next time
    last = fingerprints.PageTable() if clean else fingerprints.load_table(out, kept_cache.code, notices.append)
    if last.unchanged_since(sources, out):
        return _as_last_time(config, out, last, started, notices)
    fingerprints.discard_table(out)  # from here on the folder's pages may change: a stopped build leaves none
    report = Report()
    interface = load_interface(site_dir, config, report)
    records, articles = read_articles(site_dir, report, cache.RecordCache(kept_cache))
    articles = merge_works(articles, report)
    articles = add_summaries(site_dir, articles, report)  # after merging, so any source's identifier finds a work
    site = make_site(site_dir, config, articles, report)
    digests = fingerprints.article_digests(site.library.articles.values())  # once, for references and pages
    if config.references:
        formatted = cache.load_references(kept_cache)
        keys = {key: f"{digests[id(article)][1].hex()} {interface.csl_locale}"
                for key, article in site.library.articles.items() if id(article) in digests}
        references, still_used = citations.format_all(site.library.articles, formatted, report, interface.csl_locale,
                                                       keys=keys)
        cache.save_references(kept_cache, still_used, formatted)
        site = dataclasses.replace(site, references=references)
    pages = plan(site)
    gc.freeze()
    gc.enable()
    env = make_environment(theme.template_dirs(site_dir), interface)
    writer = OutputWriter(out)
    outside: list[tuple[str, str, str]] = []
    templates = fingerprints.template_digests(
        env, {p.template for p in pages}, kept_cache.code + fingerprints.interface_digest(theme.locale_dirs(site_dir)),
        {"article_item": ARTICLE_ITEM})
    work = RenderWork(env, pages, writer, config.base_path, theme.own_templates(site_dir), last, templates,
                      fingerprints.Digester(fingerprints.site_digest(site, templates.only_known_site_parts), digests))
    # The default templates' links are known to stay inside the site (the tests check them), and so is every
    # link the plan makes: only the site's own templates and prose can point outside it.
    table: dict[str, fingerprints.Entry] = {}
    unchanged: list[str] = []
    files = list(render_pages(work, report, progress, outside, table, unchanged))
    rendered = len(files)  # a template error costs the pages it could not render
    static = ((rel, path.read_bytes()) for rel, path in theme.static_files(site_dir).items())
    files += [(rel, writer.write(rel, data)) for rel, data in static]
    # Stale pages go first, as the search index must not find them; its own files are its to replace.
    stats = writer.finish(files, keep=search.OWN if config.search else ())
    indexing = time.perf_counter()
    pending = config.search and search_later
    if config.search and not pending:
        bundle = search.index_site(out, report)
        files += bundle.files
        again = writer.finish(files)  # the bundle's files are the build's too
        stats = dataclasses.replace(again, removed=stats.removed + again.removed)
    report.extend(preflight.check(out, config, preflight.shown_path(out, site_dir), outside))
    result = BuildResult(config, out, report, len(records), len(articles), len(pages), stats,
                         time.perf_counter() - started, unwritten=len(pages) - rendered, planned=tuple(pages),
                         notices=tuple(notices), rendered=rendered - len(unchanged),
                         search_seconds=time.perf_counter() - indexing if config.search and not pending else 0.0,
                         search_pending=pending)
    # A folder whose index is still to be made is never "nothing to do": its next build makes the index.
    fingerprints.save_table(out, kept_cache.code, table, sources if result.unwritten == 0 and not pending else None,
                            _summary(result))
    return result


def refresh_search(result: BuildResult) -> BuildResult:
    """Make the search index of a build made with ``search_later``, over the pages it wrote; the result with the
    index's time and problems added."""
    if not result.search_pending:
        return result
    started = time.perf_counter()
    report = Report(list(result.report.diagnostics))
    writer = OutputWriter(result.output)
    bundle = search.index_site(result.output, report)
    pages = [(rel, False) for rel in writer.previous if not rel.startswith(search.OWN)]
    writer.finish(pages + bundle.files)  # the bundle's files are the build's too
    took = time.perf_counter() - started
    return dataclasses.replace(result, report=report, seconds=result.seconds + took, search_seconds=took,
                               search_pending=False)


def _summary(result: BuildResult) -> fingerprints.Summary:
    """What a build with nothing to do says again: the same counts and the same diagnostics."""
    return fingerprints.Summary(result.records, result.articles, result.pages,
                                result.stats.written + result.stats.unchanged, tuple(result.report.diagnostics))


def _as_last_time(config: Config, out: Path, last: fingerprints.PageTable, started: float,
                  notices: list[str]) -> BuildResult:
    """The result of a build whose sources, settings, code and output are as the last build left them."""
    summary = last.summary
    assert summary is not None
    report = Report(list(summary.diagnostics))
    stats = WriteStats(0, summary.files, 0)
    return BuildResult(config, out, report, summary.records, summary.articles, summary.pages, stats,
                       time.perf_counter() - started, notices=tuple(notices))


def load_interface(site_dir: Path, config: Config, report: Report) -> i18n.Interface:
    """The interface's language: the site's catalogues (locales/) over the theme's."""
    interface, problems = i18n.load_interface(config.language, theme.locale_dirs(site_dir),
                                              lambda path: preflight.shown_path(path, site_dir))
    report.extend(problems)
    return interface


@dataclass(frozen=True, slots=True)
class RecordFile:
    path: Path
    shown: str
    """As the user sees it: "content/…", with forward slashes."""
    size: int
    stamp: cache.FileStamp | None = None
    """Size and times, as the cache compares them; None for a file that could not be looked at."""


def record_files(site_dir: Path) -> list[RecordFile]:
    """Every file under content/ that may hold records, in sorted order; prose and hidden files left out.
    Symbolic links to files count, to folders are not entered."""
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    _find_record_files(site_dir / CONTENT_DIR, (), found)
    found.sort(key=lambda item: item[0])
    files = []
    for parts, entry in found:
        stamp = _stamp(entry)
        files.append(RecordFile(Path(entry.path), "/".join((CONTENT_DIR, *parts)), stamp.size if stamp else 0, stamp))
    return files


def _find_record_files(folder: Path | str, parts: tuple[str, ...],
                       found: list[tuple[tuple[str, ...], os.DirEntry[str]]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no content/ yet, or a folder we may not read: nothing to find there
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") or (not parts and name in _PROSE_DIRS):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _find_record_files(entry.path, (*parts, name), found)
            elif not name.lower().endswith(".md") and entry.is_file():
                found.append(((*parts, name), entry))
        except OSError:  # a link we may not follow: os.walk passed over these too
            continue


def read_articles(site_dir: Path, report: Report,
                  kept: cache.RecordCache | None = None) -> tuple[list[Record], list[Article]]:
    """Every record under content/, and the article made from each, in file order; with ``kept``, files that
    have not changed since they were cached are not read again, and what is read is cached.

    A large collection is read by two processes at once: reading and typing records is nearly all of the
    model's work that needs no other record, and it halves on two cores.
    """
    noted_at = time.time_ns()  # before the files are looked at: see cache.RACY_NS
    files = record_files(site_dir)
    reused = {f.shown: packed for f in files if kept is not None and f.stamp is not None
              and (packed := kept.by_stamp(f.shown, f.stamp)) is not None}
    to_read = [f for f in files if f.shown not in reused]
    total = sum(f.size for f in to_read)
    read_by_here = list(itertools.accumulate(f.size for f in to_read))
    cut = bisect.bisect(read_by_here, total * READ_HERE_SHARE)
    read_part = functools.partial(_read_part, kept=kept, pack=kept is not None)
    if total < READ_FORK_MIN_BYTES or (read_by_here[cut - 1] if cut else 0) < total * READ_LEAST_SHARE:
        parts = [read_part(to_read)]  # small, or a large file keeps the split far from even
    else:
        parts = list(workers.in_two(to_read, cut, read_part, _pack_part, _unpack_part))
    fresh = {read.shown: (read, found, problems) for part in parts for read, found, problems in part}
    articles: list[Article] = []
    for file in files:
        if file.shown in reused:
            found, problems = packing.unpack(reused[file.shown])
        else:
            read, found, problems = fresh[file.shown]
            if kept is not None and read.digest:
                kept.store(read, noted_at)
        articles += found
        report.extend(problems)
    if kept is not None:
        kept.keep_only({f.shown for f in files})
        kept.save()
    return [record for article in articles for record in article.records], articles


_ReadPart = list[tuple[cache.ReadFile, list[Article], list[Diagnostic]]]


def _read_part(files: Sequence[RecordFile], kept: cache.RecordCache | None = None, pack: bool = False) -> _ReadPart:
    """Each of ``files`` as read (packed when ``pack``), with its articles (an article per record, each holding
    its record) and problems; a file whose bytes are those ``kept`` holds is not parsed again."""
    out: _ReadPart = []
    for file in files:
        stamp = file.stamp or cache.FileStamp(file.size, 0, 0)
        try:
            data = file.path.read_bytes()
        except OSError as err:  # reported, and never cached: it is read again next time
            problem = Diagnostic(Level.ERROR, SourceSpan(file.shown), f"cannot read this file: {err.strerror}")
            out.append((cache.ReadFile(file.shown, stamp, b"", b""), [], [problem]))
            continue
        digest = cache.content_digest(data)
        packed = kept.by_digest(file.shown, digest) if kept is not None else None
        if packed is not None:
            out.append((cache.ReadFile(file.shown, stamp, digest, packed), *packing.unpack(packed)))
            continue
        articles: list[Article] = []
        found, problems = readers.read_data(file.path, file.shown, data)
        for record in found:
            article, article_problems = readers.to_article(record)
            articles.append(article)
            problems += article_problems
        out.append((cache.ReadFile(file.shown, stamp, digest, packing.pack(articles, problems) if pack else b""),
                    articles, problems))
    return out


def _pack_part(part: _ReadPart) -> bytes:
    """A forked reader's files, handed back: each as packed for the cache, or packed now."""
    return marshal.dumps([(read.shown, (read.stamp.size, read.stamp.mtime_ns, read.stamp.ctime_ns), read.digest,
                           read.packed or packing.pack(articles, problems)) for read, articles, problems in part])


def _unpack_part(data: bytes) -> _ReadPart:
    part: _ReadPart = []
    for shown, stamp, digest, packed in marshal.loads(data):
        part.append((cache.ReadFile(shown, cache.FileStamp(*stamp), digest, packed), *packing.unpack(packed)))
    return part


def _stamp(entry: os.DirEntry[str]) -> cache.FileStamp | None:
    try:
        info = entry.stat()
    except OSError:  # reading it will say what is wrong
        return None
    return cache.FileStamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def merge_works(articles: list[Article], report: Report) -> list[Article]:
    """One article per work, however many sources hold it (merge.py)."""
    merged, problems = merge_articles(articles)
    report.extend(problems)
    return merged


def add_summaries(site_dir: Path, articles: list[Article], report: Report) -> list[Article]:
    """The club's own summaries from content/summaries/, attached to the articles they name."""
    found, problems = read_summaries(site_dir / CONTENT_DIR, CONTENT_DIR)
    report.extend(problems)
    articles, problems = attach_summaries(articles, found)
    report.extend(problems)
    return articles


def make_site(site_dir: Path, config: Config, articles: list[Article], report: Report) -> Site:
    content = site_dir / CONTENT_DIR
    _title, intro_html, problems = read_intro(content, CONTENT_DIR)
    report.extend(problems)
    pages, problems = read_pages(content, CONTENT_DIR)
    report.extend(problems)
    rules, problems = load_rules(site_dir, articles)
    report.extend(problems)
    return Site(config=config, library=build_library(articles, rules), pages=tuple(pages), intro_html=intro_html)


@dataclass(frozen=True)
class RenderWork:
    """What rendering shares with its workers: one build's environment, plan and writer, and what is needed to
    keep the pages that have not changed since the output folder's last build."""

    env: jinja2.Environment
    pages: list[Page]
    writer: OutputWriter
    base_path: str
    every_page: bool
    """Look for links out of the site on every page, not only on those showing the site's own prose."""
    last: fingerprints.PageTable
    templates: fingerprints.Templates
    digester: fingerprints.Digester
    """Made before the workers are forked, with every article's digest: each worker starts from its copy."""


def render_pages(work: RenderWork, report: Report, progress: bool, outside: list[tuple[str, str, str]],
                 table: dict[str, fingerprints.Entry], unchanged: list[str]) -> Iterator[tuple[str, bool]]:
    """Render every page whose fingerprint changed and write it; (path, written) of each page that rendered or
    was kept, in plan order. Each page's fingerprint goes to ``table``, the paths of those kept to ``unchanged``.
    A failing template is reported once, with the pages it cost.

    Links of a page that point outside the site are found by the process that rendered it, while the page is in
    memory, and added to ``outside`` as (page, href, why) for the pre-flight check (a kept page's, as its last
    rendering found them): on every page, or with ``every_page`` false on the pages that show the site's own
    prose (Page.prose).
    """
    failed: dict[str, list[RenderFailure]] = {}
    for chunk in _progress(_rendered_chunks(work), len(work.pages), progress):
        for path, written, failure, links, entry, kept in chunk:
            outside.extend((path, href, why) for href, why in links)
            if failure is not None:
                failed.setdefault(failure.template, []).append(failure)
                continue
            if entry is not None:
                table[path] = entry
            if kept:
                unchanged.append(path)
            yield path, written
    for failures in failed.values():
        first = failures[0]
        report.error(SourceSpan(_shown_template(first.template), first.line),
                     f"{first.message} (while rendering {first.page}; {len(failures)} page(s) not written)")


@dataclass(frozen=True, slots=True)
class RenderFailure:
    template: str
    line: int
    page: str
    message: str


_Rendered = list[tuple[str, bool, RenderFailure | None, fingerprints.Links, fingerprints.Entry | None, bool]]


def _render_range(work: RenderWork, bounds: tuple[int, int]) -> _Rendered:
    """Render and write pages[start:end] that changed, in whichever process runs it: no page's bytes cross a
    pipe (430 MB at 28,000 pages), and the main process holds none of them."""
    out: _Rendered = []
    for page in work.pages[bounds[0]:bounds[1]]:
        template = work.templates.of(page.template)
        fingerprint = work.digester.page(template, page) if template is not None else None
        last = work.last.unchanged(work.writer.output, page.path, fingerprint)
        if last is not None:
            out.append((page.path, False, None, last.links, last, True))
            continue
        try:
            data = render_page(work.env, page).encode("utf-8")
        except RenderError as err:
            out.append((page.path, False, RenderFailure(err.template, err.line, err.page, err.message), (), None,
                        False))
            continue
        checked = page.path.endswith(".html") and (work.every_page or page.prose)
        links = tuple(preflight.outside_links(page.path, data, work.base_path)) if checked else ()
        entry = fingerprints.Entry(fingerprint, len(data), links) if fingerprint is not None else None
        out.append((page.path, work.writer.write(page.path, data), None, links, entry, False))
    return out


_worker: RenderWork | None = None
"""In a render worker process only, set by its pool's initializer: the work of the build that started it."""


def _start_render_worker(work: RenderWork) -> None:
    global _worker
    _worker = work


def _render_in_worker(bounds: tuple[int, int]) -> _Rendered:
    assert _worker is not None
    return _render_range(_worker, bounds)


def _rendered_chunks(work: RenderWork) -> Iterator[_Rendered]:
    """Render in worker processes when the site is large and the machine has cores to spare.

    Workers are forked, so they share the plan without pickling it; chunks come back in order, which keeps any
    message order the same from one build to the next.
    """
    pages = work.pages
    bounds = [(i, min(i + RENDER_CHUNK, len(pages))) for i in range(0, len(pages), RENDER_CHUNK)]
    jobs = workers.jobs()
    if jobs < 2 or len(pages) < PARALLEL_MIN_PAGES:
        yield from map(functools.partial(_render_range, work), bounds)
        return
    with workers.fork_pool(jobs, _start_render_worker, (work,)) as pool:
        yield from pool.imap(_render_in_worker, bounds)


def _shown_template(path: str) -> str:
    return path if "templates" not in path else "templates" + path.rsplit("templates", 1)[1]


def _progress(chunks: Iterator[_Rendered], total: int, enabled: bool) -> Iterator[_Rendered]:
    """The chunks, with a progress bar on a terminal for builds long enough to want one."""
    if not enabled or total < PARALLEL_MIN_PAGES:
        yield from chunks
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="Rendering", unit="page", leave=False) as bar:
        for chunk in chunks:
            yield chunk
            bar.update(len(chunk))
