"""The build, stage by stage: read → model → plan → render → write, then one summary.

Every stage reports problems to one Report and the build goes on; the caller decides the exit code at the end.
"""

from __future__ import annotations

import bisect
import dataclasses
import gc
import itertools
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import i18n, readers
from .cite import cache as citations
from .config import Config, load_config
from .diagnostics import Diagnostic, Report, SourceSpan
from .model.article import Article, Record
from .model.library import build_library
from .model.merge import merge_articles
from .model.people_rules import load_rules
from .output import packing, preflight, search, workers
from .output.write import OutputWriter, WriteStats, check_output
from .plan.pages import Page, Site, plan
from .prose.free_pages import read_intro, read_pages
from .prose.summaries import attach_summaries, read_summaries
from .render import theme
from .render.pages import RenderError, make_environment, render_page

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


def build(site_dir: Path, output: Path | None = None, *, base_url: str | None = None,
          progress: bool = False) -> BuildResult:
    started = time.perf_counter()
    try:
        return _build(site_dir, output, base_url, progress, started)
    finally:
        gc.unfreeze()
        gc.enable()


def _build(site_dir: Path, output: Path | None, base_url: str | None, progress: bool,
           started: float) -> BuildResult:
    # The model is millions of small objects without cycles: collecting while it grows cost a quarter of the
    # model stage and freed nothing. Once planned it is frozen, so neither this process nor a forked render
    # worker (which needs the collector for the template engine's cycles) scans it again.
    gc.disable()
    config = load_config(site_dir, base_url=base_url)
    out = output if output is not None else site_dir / config.output
    check_output(out, site_dir)  # before any work: a refused folder should fail fast
    report = Report()
    interface = load_interface(site_dir, config, report)
    records, articles = read_articles(site_dir, report)
    articles = merge_works(articles, report)
    articles = add_summaries(site_dir, articles, report)  # after merging, so any source's identifier finds a work
    site = make_site(site_dir, config, articles, report)
    references, cache = (citations.format_all(site.library.articles, citations.load_cache(out), report,
                                                               interface.csl_locale)
                         if config.references else ({}, {}))
    site = dataclasses.replace(site, references=references)
    pages = plan(site)
    gc.freeze()
    gc.enable()
    env = make_environment(theme.template_dirs(site_dir), interface)
    writer = OutputWriter(out)
    outside: list[tuple[str, str, str]] = []
    # The default templates' links are known to stay inside the site (the tests check them), and so is every
    # link the plan makes: only the site's own templates and prose can point outside it.
    files = list(render_pages(env, pages, writer, report, progress, outside, config.base_path,
                              every_page=theme.own_templates(site_dir)))
    rendered = len(files)  # a template error costs the pages it could not render
    static = ((rel, path.read_bytes()) for rel, path in theme.static_files(site_dir).items())
    kept = [(citations.CACHE_FILE, citations.cache_bytes(cache))]
    files += [(rel, writer.write(rel, data)) for rel, data in itertools.chain(static, kept)]
    # Stale pages go first, as the search index must not find them; its own files are its to replace.
    stats = writer.finish(files, keep=search.OWN if config.search else ())
    if config.search:
        bundle = search.index_site(out, report)
        files += bundle.files
        again = writer.finish(files)  # the bundle's files are the build's too
        stats = dataclasses.replace(again, removed=stats.removed + again.removed)
    report.extend(preflight.check(out, config, preflight.shown_path(out, site_dir), outside))
    return BuildResult(config, out, report, len(records), len(articles), len(pages), stats,
                       time.perf_counter() - started, unwritten=len(pages) - rendered, planned=tuple(pages))


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


def record_files(site_dir: Path) -> list[RecordFile]:
    """Every file under content/ that may hold records, in sorted order; prose pages, summaries, hidden files and
    files that are never records (readers.never_records) left out.
    Symbolic links to files count, to folders are not entered."""
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    _find_record_files(site_dir / CONTENT_DIR, (), found)
    found.sort(key=lambda item: item[0])
    return [RecordFile(Path(entry.path), "/".join((CONTENT_DIR, *parts)), _size(entry)) for parts, entry in found]


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
            elif not readers.never_records(name) and entry.is_file():
                found.append(((*parts, name), entry))
        except OSError:  # a link we may not follow: os.walk passed over these too
            continue


def read_articles(site_dir: Path, report: Report) -> tuple[list[Record], list[Article]]:
    """Every record under content/, and the article made from each, in file order.

    A large collection is read by two processes at once: reading and typing records is nearly all of the
    model's work that needs no other record, and it halves on two cores.
    """
    files = record_files(site_dir)
    total = sum(f.size for f in files)
    read_by_here = list(itertools.accumulate(f.size for f in files))
    cut = bisect.bisect(read_by_here, total * READ_HERE_SHARE)
    if total < READ_FORK_MIN_BYTES or (read_by_here[cut - 1] if cut else 0) < total * READ_LEAST_SHARE:
        parts = [_read_part(files)]  # small, or a large file keeps the split far from even
    else:
        parts = list(workers.in_two(files, cut, _read_part, lambda part: packing.pack(*part), packing.unpack))
    articles: list[Article] = []
    for found, problems in parts:
        articles += found
        report.extend(problems)
    return [record for article in articles for record in article.records], articles


def _read_part(files: Sequence[RecordFile]) -> packing.Packed:
    """An article per record of ``files`` (each holding its record), and the problems of each file in turn."""
    articles: list[Article] = []
    problems: list[Diagnostic] = []
    for file in files:
        found, read_problems = readers.read_file(file.path, file.shown)
        problems += read_problems
        for record in found:
            article, article_problems = readers.to_article(record)
            articles.append(article)
            problems += article_problems
    return articles, problems


def _size(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat().st_size
    except OSError:  # reading it will say what is wrong
        return 0


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


def render_pages(env: jinja2.Environment, pages: list[Page], writer: OutputWriter, report: Report, progress: bool,
                 outside: list[tuple[str, str, str]] | None = None, base_path: str = "",
                 every_page: bool = True) -> Iterator[tuple[str, bool]]:
    """Render every page and write it with ``writer``; (path, written) of each page that rendered, in plan order.
    A failing template is reported once, with the pages it cost.

    Links of a page that point outside the site are found by the process that rendered it, while the page is in
    memory, and added to ``outside`` as (page, href, why) for the pre-flight check: on every page, or with
    ``every_page`` false on the pages that show the site's own prose (Page.prose).
    """
    failed: dict[str, list[RenderFailure]] = {}
    for chunk in _progress(_rendered_chunks(env, pages, writer, base_path, every_page), len(pages), progress):
        for path, written, failure, links in chunk:
            if outside is not None:
                outside.extend((path, href, why) for href, why in links)
            if failure is not None:
                failed.setdefault(failure.template, []).append(failure)
            else:
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


_Rendered = list[tuple[str, bool, RenderFailure | None, tuple[tuple[str, str], ...]]]
_WORK: tuple[jinja2.Environment, list[Page], OutputWriter, str, bool] | None = None  # set before forking


def _render_range(bounds: tuple[int, int]) -> _Rendered:
    """Render and write pages[start:end], in whichever process runs it: no page's bytes cross a pipe (430 MB
    at 28,000 pages), and the main process holds none of them."""
    assert _WORK is not None
    env, pages, writer, base_path, every_page = _WORK
    out: _Rendered = []
    for page in pages[bounds[0]:bounds[1]]:
        try:
            data = render_page(env, page).encode("utf-8")
        except RenderError as err:
            out.append((page.path, False, RenderFailure(err.template, err.line, err.page, err.message), ()))
            continue
        checked = page.path.endswith(".html") and (every_page or page.prose)
        links = tuple(preflight.outside_links(page.path, data, base_path)) if checked else ()
        out.append((page.path, writer.write(page.path, data), None, links))
    return out


def _rendered_chunks(env: jinja2.Environment, pages: list[Page], writer: OutputWriter, base_path: str,
                     every_page: bool) -> Iterator[_Rendered]:
    """Render in worker processes when the site is large and the machine has cores to spare.

    Workers are forked, so they share the plan without pickling it; chunks come back in order, which keeps any
    message order the same from one build to the next.
    """
    global _WORK
    bounds = [(i, min(i + RENDER_CHUNK, len(pages))) for i in range(0, len(pages), RENDER_CHUNK)]
    jobs = workers.jobs()
    _WORK = (env, pages, writer, base_path, every_page)
    try:
        if jobs < 2 or len(pages) < PARALLEL_MIN_PAGES:
            yield from map(_render_range, bounds)
            return
        with workers.fork_pool(jobs) as pool:
            yield from pool.imap(_render_range, bounds)
    finally:
        _WORK = None


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
