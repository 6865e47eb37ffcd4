"""The site's own prose: the home-page introduction (content/index.md) and free pages (content/pages/*.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.normalize import clean, slugify
from .markdown import Kept, split_front_matter, to_html

INTRO_FILE = "index.md"
PAGES_DIR = "pages"


@dataclass(frozen=True, slots=True)
class FreePage:
    """A page the site's editors wrote (content/pages/about.md), shown at pages/<key>.html and in the navigation."""

    key: str
    title: str
    html: str
    where: SourceSpan


def read_intro(content_dir: Path, display: str, kept: Kept | None = None) -> tuple[str, list[Diagnostic]]:
    """(intro HTML, problems) from content/index.md; empty when absent. ``kept``: what the last build made of
    the site's Markdown."""
    path = content_dir / INTRO_FILE
    if not path.is_file():
        return "", []
    doc, problems = split_front_matter(_read_text(path), f"{display}/{INTRO_FILE}", kept)
    return to_html(doc.body, kept), problems


def read_free_pages(content_dir: Path, display: str, kept: Kept | None = None
                    ) -> tuple[list[FreePage], list[Diagnostic]]:
    """Free pages in file-name order; a page's title comes from its front matter, else its file name."""
    folder = content_dir / PAGES_DIR
    pages: list[FreePage] = []
    problems: list[Diagnostic] = []
    taken: set[str] = set()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        shown = f"{display}/{PAGES_DIR}/{path.name}"
        doc, found = split_front_matter(_read_text(path), shown, kept)
        problems += found
        key = slugify(path.stem)
        if key in taken:
            problems.append(Diagnostic(Level.ERROR, SourceSpan(shown, 1),
                                       f"another page already uses pages/{key}.html"))
            continue
        taken.add(key)
        title = clean(str(doc.meta.get("title", ""))) or path.stem.replace("-", " ").capitalize()
        pages.append(FreePage(key, title, to_html(doc.body, kept), SourceSpan(shown, 1)))
    return pages, problems


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
