"""The build, stage by stage: read → model → plan → render → write, then one summary.

Every stage reports problems to one Report and the build goes on; the caller decides the exit code at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import readers, theme
from .config import Config, load_config
from .diagnostics import Report, SourceSpan
from .library import build_library
from .model import Article, Record
from .pages import read_intro, read_pages
from .plan import Page, Site, plan
from .render import RenderError, make_environment, render_page
from .write import WriteStats, check_output, write_site

CONTENT_DIR = "content"
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


def build(site_dir: Path, output: Path | None = None, *, base_url: str | None = None,
          progress: bool = False) -> BuildResult:
    started = time.perf_counter()
    config = load_config(site_dir, base_url=base_url)
    out = output if output is not None else site_dir / config.output
    check_output(out, site_dir)  # before any work: a refused folder should fail fast
    report = Report()
    records = read_records(site_dir, report)
    articles = make_articles(records, report)
    site = make_site(site_dir, config, articles, report)
    pages = plan(site)
    env = make_environment(theme.template_dirs(site_dir))
    files = list(render_all(env, pages, report, progress))
    files += [(rel, path.read_bytes()) for rel, path in theme.static_files(site_dir).items()]
    stats = write_site(out, files)
    return BuildResult(config, out, report, len(records), len(articles), len(pages), stats,
                       time.perf_counter() - started)


def record_files(site_dir: Path) -> list[Path]:
    """Every file under content/ that may hold records, in sorted order (prose and hidden files left out)."""
    content = site_dir / CONTENT_DIR
    found = []
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if (not path.is_file() or any(part.startswith(".") for part in rel.parts)
                or path.suffix.lower() == ".md" or rel.parts[0] in _PROSE_DIRS):
            continue
        found.append(path)
    return found


def read_records(site_dir: Path, report: Report) -> list[Record]:
    records: list[Record] = []
    for path in record_files(site_dir):
        found, problems = readers.read_file(path, path.relative_to(site_dir).as_posix())
        records += found
        report.extend(problems)
    return records


def make_articles(records: list[Record], report: Report) -> list[Article]:
    articles = []
    for record in records:
        article, problems = readers.to_article(record)
        articles.append(article)
        report.extend(problems)
    return articles


def make_site(site_dir: Path, config: Config, articles: list[Article], report: Report) -> Site:
    content = site_dir / CONTENT_DIR
    _title, intro_html, problems = read_intro(content, CONTENT_DIR)
    report.extend(problems)
    pages, problems = read_pages(content, CONTENT_DIR)
    report.extend(problems)
    return Site(config=config, library=build_library(articles), pages=tuple(pages), intro_html=intro_html)


def render_all(env: jinja2.Environment, pages: list[Page], report: Report,
               progress: bool) -> Iterator[tuple[str, bytes]]:
    """Rendered pages as bytes. A template that fails is reported once, with how many pages it cost."""
    failed: dict[str, tuple[RenderError, int]] = {}
    for page in _progress(pages, progress):
        if page.template in failed:
            err, count = failed[page.template]
            failed[page.template] = (err, count + 1)
            continue
        try:
            yield page.path, render_page(env, page).encode("utf-8")
        except RenderError as err:
            failed[page.template] = (err, 1)
    for err, count in failed.values():
        report.error(SourceSpan(_shown_template(err.template), err.line),
                     f"{err.message} (while rendering {err.page}; {count} page(s) not written)")


def _shown_template(path: str) -> str:
    return path if "templates" not in path else "templates" + path.rsplit("templates", 1)[1]


def _progress(pages: list[Page], enabled: bool) -> list[Page] | Iterator[Page]:
    if not enabled or len(pages) < 500:
        return pages
    from tqdm import tqdm

    return tqdm(pages, desc="Rendering", unit="page", leave=False)
