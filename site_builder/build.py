"""The build, stage by stage: read → model → plan → render → write, then the pre-flight check.

Every stage reports problems to one Report and the build goes on; the caller decides the exit code at the end.
What one build can lend the next (each record file as read, formatted references, each page's fingerprint) is
kept in the cache beside the site (output/cache.py) and beside the pages (output/pagetable.py): a rebuild
reads, formats, renders and writes only what changed, and one with nothing changed only says so again.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .config import CONTENT_DIR, Config, load_config
from .diagnostics import Report
from .output import cache, pagetable
from .output.write import OutputWriter, WriteStats, check_output
from .render import theme

if TYPE_CHECKING:
    from .model.article import Article
    from .model.library import Library
    from .plan.pages import ArticleParts, Page, Site
    from .prose.free_pages import FreePage
    from .readers.files import Held
    from .speedups import Heap

# The stages' modules are imported where they are first needed (in build() once it knows there is something to do,
# in _read_and_model and in refresh_search), not here: a build with nothing to do needs none of them, and they bring
# Jinja, Babel, citeproc-py, markdown-it and langcodes, whose imports take longer than all such a build does.


def build(site_dir: Path, output: Path | None = None, *, base_url: str | None = None,
          progress: bool = False, clean: bool = False, search_later: bool = False,
          held: Held | None = None) -> BuildResult:
    """Build the site of ``site_dir`` into ``output`` (by default the folder its config names), reusing what
    earlier builds left unless ``clean``; every problem found is in the result's report. With ``search_later``
    the build ends once every page is written, and ``refresh_search`` makes the search index (the preview
    reloads its pages first). ``held``: what a long-lived caller (the preview) holds from its last build, for
    this one to take again where it still holds (readers/files.py). Raises UserError when the build cannot go
    on (a bad config, a refused output folder, a file that cannot be written)."""
    started = time.perf_counter()
    config = load_config(site_dir, base_url=base_url)
    out = output if output is not None else site_dir / config.output
    check_output(out, site_dir)  # before any work: a refused folder should fail fast
    notices: list[str] = []
    kept_cache = cache.CacheFolder(site_dir, notices.append, clean=clean)
    sources = cache.source_stamp(site_dir, out, config)  # before reading: an edit made meanwhile shows next time
    last = pagetable.PageTable() if clean else pagetable.load_table(out, kept_cache.code, notices.append)
    if last.unchanged_since(sources, out):
        return _as_last_time(config, out, last, started, notices)
    pagetable.discard_table(out)  # from here on the folder's pages may change: a stopped build leaves none
    from . import i18n, speedups  # only now: see the note above build()
    from .diagnostics import SourceSpan
    from .model.article import Article, Field, Language, Link, Person, Section, Summary
    from .model.library import Author, Group
    from .output import fingerprints, preflight, search
    from .output.pages import write_pages, write_static
    from .plan.listing import Listing, PageLink
    from .plan.pages import Entry, Named, Page, Site, plan
    from .render.pages import compile_templates, make_environment

    report = Report()
    interface = report.take(i18n.load_interface(config.language, theme.locale_dirs(site_dir),
                                                lambda path: preflight.shown_path(path, site_dir)))
    speedups.compact_text(Section, "text")  # an abstract's text as UTF-8 where that is smaller
    # the frozen dataclasses that a build makes by the hundred thousand, made faster (after compact_text: its slot)
    speedups.quick_init(Article, Section, Person, Language, Link, Summary, SourceSpan, Page, Entry, Named, Listing,
                        PageLink, Field, Author, Group)
    with speedups.model_heap() as heap:
        # The table's rows unpacked where no collection runs (gc_freeze): some 500,000 objects without cycles,
        # which the collector's passes took as long again to unpack (at 10,000 records 0.04 s more)
        foreign = last.foreign  # read before trusting the table: rows that cannot be read make it untrusted
        pages_finished = last.found  # no stopped build since the table was saved: nothing under out needs a walk
        model = _read_and_model(site_dir, report, kept_cache, sources, heap, held,
                                functools.partial(_digested, kept_cache))  # read, then model: one per work
        sources = sources.without_listing()  # what the page table keeps of it: the listing of every file let go
        assert model.digested is not None  # made, as ``digest`` was given
        digests, parts = model.digested
        cited = cache.formatted_references(kept_cache, model.library.articles, digests, interface.csl_locale,
                                           report) if config.references else {}
        site = Site(config, model.library, model.free_pages, model.intro, cited, parts)
        pages = plan(site)  # plan: every page, its path checked (most made only if rendered: plan/outline.py)
        heap.model_made()
        compiled = cache.compiled_templates(kept_cache)
        writer = OutputWriter(out, pages_finished=pages_finished)
        env = make_environment(theme.template_dirs(site_dir), interface, compiled)
        compile_templates(env)  # render, write
        reuse = fingerprints.reuse(last, env, pages, site, digests, kept_cache.code, theme.locale_dirs(site_dir),
                                   cache.remembered(kept_cache, "template-digests", ("output/fingerprints.py",)))
        planned = len(pages)  # write_pages takes the pages over, and lets each go once written
        outside: list[tuple[str, str, str]] = []  # (page, href, why) of links out of the site: only the site's own
        # templates and prose can make them, the plan's links and the default templates' are checked by the tests
        list_pieces = cache.KeptPieces(kept_cache) if config.downloads else None  # loaded only when asked for
        written = write_pages(env, pages, writer, report, outside, config.base_path,
                              every_page=theme.own_templates(site_dir), progress=progress, reuse=reuse,
                              list_pieces=list_pieces.load if list_pieces is not None else None,
                              digests=digests)
        cache.save_compiled_templates(kept_cache, compiled)
        if list_pieces is not None:
            list_pieces.save(written.pieces, {d for _, d in digests.values()})
        rendered = len(written.paths)  # a template error costs the pages it could not render
        # every file's (path, written) made as the writer records it, before the pre-flight check maps their sizes
        stats, searched = search.finish(writer, written.files(write_static(writer, theme.static_files(site_dir))),
                                        out, report, search=config.search, later=search_later, kept=kept_cache)
        # The rest still within: once the model is back in the collector's sight, the many small objects made
        # below set off full collections over the millions of the model (0.8 s at 10,000 records).
        checked = preflight.check_build(out, preflight.shown_path(out, site_dir), outside, written.sizes(),
                                        previous=writer.previous, recorded=writer.recorded, foreign=foreign,
                                        walk=not pages_finished,
                                        kept_sizes=search.bundle_sizes(out) if pages_finished else None)
        report.extend(checked.problems)
        result = BuildResult(config, out, report, model.records, model.articles, planned, stats,
                             time.perf_counter() - started, unwritten=planned - rendered, site=site,
                             notices=tuple(notices), rendered=rendered - written.kept, search_seconds=searched,
                             search_pending=config.search and search_later, kept_cache=kept_cache)
        # A folder whose index is still to be made is never "nothing to do": its next build makes the index.
        pagetable.save_table(out, kept_cache.code, written.rows,
                             sources if result.unwritten == 0 and not result.search_pending else None,
                             _summary(result), reuse.articles, reuse.keeping, checked.foreign)
    return result


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
    site: Site | None = dataclasses.field(default=None, repr=False)
    """What was planned from: the whole model (None for a build with nothing to do). Handed to the caller so that
    freeing millions of objects is its choice: a preview server drops them before the next build, the command
    line exits without freeing."""
    notices: tuple[str, ...] = ()
    """One line each about the build itself (a cache set aside), not about the site: never a warning."""
    rendered: int = 0
    """Pages rendered; the others were unchanged since the output folder's last build and kept as they are."""
    search_seconds: float = 0.0
    """Of ``seconds``, the time the search index took, once every page was written."""
    search_pending: bool = False
    """Built with ``search_later``: the search index is made by ``refresh_search``."""
    kept_cache: cache.CacheFolder | None = dataclasses.field(default=None, repr=False)
    """The build cache, where ``refresh_search`` keeps the search index's parts too."""

    def planned(self) -> list[Page]:
        """The pages of the build's plan, made again from its site (the build lets each go once it is written);
        none for a build with nothing to do."""
        from .plan.pages import plan

        return list(plan(self.site)) if self.site is not None else []


def refresh_search(result: BuildResult, interrupted: Callable[[], bool] | None = None) -> BuildResult:
    """Make the search index of a build made with ``search_later``, over the pages it wrote; the result with the
    index's time and problems added. ``interrupted`` is asked meanwhile: when it says yes (a newer edit in
    serve), the indexers stop and output.search.Interrupted is raised."""
    if not result.search_pending:
        return result
    from .output import search

    started = time.perf_counter()
    report = Report(list(result.report.diagnostics))
    writer = OutputWriter(result.output, pages_finished=True)  # not a stopped build: no walk of the whole folder
    bundle = search.index_site(result.output, report, result.kept_cache, interrupted)
    pages = [(rel, False) for rel in writer.previous if not rel.startswith(search.OWN)]
    writer.finish(pages + bundle.files)  # the bundle's files are the build's too
    took = time.perf_counter() - started
    return dataclasses.replace(result, report=report, seconds=result.seconds + took, search_seconds=took,
                               search_pending=False)


Digested = tuple[dict[int, tuple[object, bytes]], dict[str, "ArticleParts"]]
"""Each article's digest (fingerprints.article_digests) and its plan parts (cache.article_parts)."""


def _digested(kept_cache: cache.CacheFolder, articles: dict[str, Article],
              as_read: dict[int, tuple[Article, bytes]]) -> Digested:
    """What the build needs of each article alone: its digest, once, for references and pages (those of the
    articles as the cache kept them are kept with them), and its plan parts."""
    from .output import fingerprints

    digests = fingerprints.article_digests(articles.values(), as_read)
    return digests, cache.article_parts(kept_cache, articles, digests)


class _Model(NamedTuple):
    library: Library
    records: int
    """Records read: one work read from several sources is several records."""
    articles: int
    """Articles after merging: one per work."""
    free_pages: tuple[FreePage, ...]
    intro: str
    digests: dict[int, tuple[Article, bytes]]
    """Digests of articles as read (packing.Shared.digests), each held with its article."""
    digested: Digested | None = None
    """What ``digest`` made of the library's articles and ``digests``."""


def _read_and_model(site_dir: Path, report: Report, kept_cache: cache.CacheFolder,
                    sources: cache.SourceStamp | None = None, heap: Heap | None = None,
                    held: Held | None = None,
                    digest: Callable[[dict[str, Article], dict[int, tuple[Article, bytes]]], Digested] | None = None
                    ) -> _Model:
    """Every record file read (through the build cache, each file's stamp as ``sources`` took it) and made one
    article per work, with the club's summaries attached, the site's own pages and introduction, and the
    library of it all. ``digest``, when given, is given the library's articles (by key, newest first) and the
    digests of the articles as read, while the library's people are worked out in another process (a core the
    build would otherwise leave idle): what it makes is the model's ``digested``."""
    from . import speedups
    from .model.article import Section
    from .model.library import build_library
    from .model.merge import merge_articles
    from .model.packing import Shared
    from .model.people_rules import load_rules
    from .prose.free_pages import read_free_pages, read_intro
    from .prose.markdown import KEPT_BY, Kept
    from .prose.summaries import attach_summaries, read_summaries
    from .readers.files import read_articles
    from .workers import apart

    content = site_dir / CONTENT_DIR
    shared = Shared(utf8_text=speedups.holds_compact(Section, "text"))  # abstracts unpacked as compact_text holds them
    articles = read_articles(site_dir, report, cache.RecordCache(kept_cache), shared, sources, held)
    if heap is not None:
        heap.records_read()
    records = sum(len(article.records) for article in articles)
    articles = report.take(merge_articles(articles, shared.merge_keys))
    shared.merge_keys.clear()  # let go before the library
    prose = Kept(cache.kept_value(kept_cache, "prose", KEPT_BY))  # the Markdown as the last build made it
    summaries = report.take(read_summaries(content, CONTENT_DIR, prose))
    articles = report.take(attach_summaries(articles, summaries))  # after merging: any source's id finds it
    intro = report.take(read_intro(content, CONTENT_DIR, prose))
    free_pages = tuple(report.take(read_free_pages(content, CONTENT_DIR, prose)))
    if prose.changed():
        cache.keep_value(kept_cache, "prose", KEPT_BY, prose.made)
    digested: list[Digested] = []  # what ``digest`` made, once
    library = build_library(articles, report.take(load_rules(site_dir, articles)),
                            cache.remembered(kept_cache, "people"), apart, shared.bylines,
                            cache.remembered(kept_cache, "library"),
                            None if digest is None else lambda keyed: digested.append(digest(keyed, shared.digests)))
    return _Model(library, records, len(articles), free_pages, intro, shared.digests,
                  digested[0] if digested else None)


def _summary(result: BuildResult) -> pagetable.Summary:
    """What a build with nothing to do says again: the same counts and the same diagnostics."""
    return pagetable.Summary(result.records, result.articles, result.pages,
                             result.stats.written + result.stats.unchanged, tuple(result.report.diagnostics))


def _as_last_time(config: Config, out: Path, last: pagetable.PageTable, started: float,
                  notices: list[str]) -> BuildResult:
    """The result of a build whose sources, settings, code and output are as the last build left them."""
    summary = last.summary
    assert summary is not None
    report = Report(list(summary.diagnostics))
    stats = WriteStats(0, summary.files, 0)
    return BuildResult(config, out, report, summary.records, summary.articles, summary.pages, stats,
                       time.perf_counter() - started, notices=tuple(notices))
