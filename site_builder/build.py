"""The build, stage by stage: read → model → plan → render → write, then the pre-flight check.

Every stage reports problems to one Report and the build goes on; the caller decides the exit code at the end.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from . import i18n, speedups
from .cite import cache as references
from .config import CONTENT_DIR, Config, load_config
from .diagnostics import Report
from .model.library import build_library
from .model.merge import merge_articles
from .model.people_rules import load_rules
from .output import preflight, search
from .output.pages import write_pages
from .output.write import OutputWriter, WriteStats, check_output
from .plan.pages import Page, Site, plan
from .prose.free_pages import read_free_pages, read_intro
from .prose.summaries import attach_summaries, read_summaries
from .readers.files import read_articles
from .render import theme
from .render.pages import make_environment


def build(site_dir: Path, output: Path | None = None, *, base_url: str | None = None,
          progress: bool = False) -> BuildResult:
    """Build the site of ``site_dir`` into ``output`` (by default the folder its config names); every problem
    found is in the result's report. Raises UserError when the build cannot go on (a bad config, a refused output
    folder, a file that cannot be written)."""
    started = time.perf_counter()
    config = load_config(site_dir, base_url=base_url)
    out = output if output is not None else site_dir / config.output
    check_output(out, site_dir)  # before any work: a refused folder should fail fast
    report, content = Report(), site_dir / CONTENT_DIR
    interface = report.take(i18n.load_interface(config.language, theme.locale_dirs(site_dir),
                                                lambda path: preflight.shown_path(path, site_dir)))
    with speedups.model_heap() as heap:
        articles = read_articles(site_dir, report)  # read
        records = sum(len(article.records) for article in articles)
        articles = report.take(merge_articles(articles))  # model: one article per work
        summaries = report.take(read_summaries(content, CONTENT_DIR))
        articles = report.take(attach_summaries(articles, summaries))  # after merging: any source's id finds it
        intro = report.take(read_intro(content, CONTENT_DIR))
        free_pages = tuple(report.take(read_free_pages(content, CONTENT_DIR)))
        library = build_library(articles, report.take(load_rules(site_dir, articles)))
        cited, kept = (references.format_all(library.articles, references.load_cache(out), report,
                                             interface.csl_locale) if config.references else ({}, {}))
        site = Site(config, library, free_pages, intro, cited)
        pages = plan(site)  # plan: every page, its path checked
        heap.model_made()
        writer = OutputWriter(out)  # render and write
        outside: list[tuple[str, str, str]] = []  # (page, href, why) of links out of the site
        # Only the site's own templates and prose can link out of the site: the plan's links and the default
        # templates' are checked by the tests.
        env = make_environment(theme.template_dirs(site_dir), interface)
        files = write_pages(env, pages, writer, report, outside, config.base_path,
                            every_page=theme.own_templates(site_dir), progress=progress)
        rendered = len(files)  # a template error costs the pages it could not render
        static = [(rel, path.read_bytes()) for rel, path in theme.static_files(site_dir).items()]
        files += [(rel, writer.write(rel, data)) for rel, data in [*static, references.cache_file(kept)]]
        stats = search.write_index(writer, files, out, report) if config.search else writer.finish(files)
    report.extend(preflight.check(out, preflight.shown_path(out, site_dir), outside))
    return BuildResult(config, out, report, records, len(articles), len(pages), stats,
                       time.perf_counter() - started, unwritten=len(pages) - rendered, planned=tuple(pages))


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
