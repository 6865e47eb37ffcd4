"""Pre-flight checks of a built site against what GitHub Pages will publish, run at the end of every build.

Warnings only: the site is still written, but the user learns before publishing that it is over (or near) the
published-size limit, holds a file git hosting refuses, holds symlinks (the Pages artifact follows them and a
branch would keep them as links), or links out of the site (an address above its root, or a "/x" link that
escapes the subpath a project site lives under).
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..config import Config
from ..diagnostics import Diagnostic, Level, SourceSpan

SITE_LIMIT = 1_000_000_000
"""GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB" (decimal, to stay on the safe side)."""
NEAR_SHARE = 0.8
FILE_LIMIT = 100_000_000
"""GitHub refuses a push holding a file over 100 MB, which the gh-pages branch would need."""
LINK_REPORTS = 20
"""Links reported one by one before the rest are counted in one line (a template bug repeats on every page)."""

_SPACE = b" \t\n\r\f"


@dataclass(frozen=True, slots=True)
class OutputFile:
    rel: str
    """Path inside the output folder, with forward slashes."""
    size: int
    symlink: bool


def check(out: Path, shown: str, outside: Iterable[tuple[str, str, str]]) -> list[Diagnostic]:
    """Every pre-flight problem of the output folder ``out``, shown to the user as ``shown`` (e.g. "_site"), with
    the (page, href, why) links out of the site that the build found while rendering (``outside_links``)."""
    files = list_output(out)
    return size_problems(files, shown) + symlink_problems(files, shown) + _reported(outside, shown)


def list_output(out: Path) -> list[OutputFile]:
    """Every file and symlink under ``out`` (symlinks not followed), sorted."""
    found: list[OutputFile] = []
    folders = [(str(out), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, rel + "/"))
                else:
                    info = entry.stat(follow_symlinks=False)
                    found.append(OutputFile(rel, info.st_size, entry.is_symlink()))
    return sorted(found, key=lambda f: f.rel)


def size_problems(files: list[OutputFile], shown: str, limit: int = SITE_LIMIT,
                  file_limit: int = FILE_LIMIT) -> list[Diagnostic]:
    problems = []
    total = sum(f.size for f in files)
    if total > limit:
        problems.append(_warn(shown, f"the site is {_mb(total)}, over GitHub Pages' published-site limit of "
                                     f"{_mb(limit)}: GitHub may refuse to publish it; leave large files out"))
    elif total > limit * NEAR_SHARE:
        problems.append(_warn(shown, f"the site is {_mb(total)}, {total / limit:.0%} of GitHub Pages' "
                                     f"published-site limit of {_mb(limit)}"))
    for f in files:
        if f.size > file_limit:
            problems.append(_warn(f"{shown}/{f.rel}", f"{_mb(f.size)} is over the {_mb(file_limit)} GitHub "
                                                      "accepts in one file: 'deploy' would fail to push it"))
    return problems


def symlink_problems(files: list[OutputFile], shown: str) -> list[Diagnostic]:
    return [_warn(f"{shown}/{f.rel}", "a symbolic link: the Pages artifact copies what it points to and a "
                                      "gh-pages branch keeps only the link; copy the file into static/ instead")
            for f in files if f.symlink]


def _reported(outside: Iterable[tuple[str, str, str]], shown: str, limit: int = LINK_REPORTS) -> list[Diagnostic]:
    """The first ``limit`` links out of the site one by one, then a count of the rest."""
    problems: list[Diagnostic] = []
    extra = 0
    for rel, href, why in outside:
        if len(problems) < limit:
            problems.append(_warn(f"{shown}/{rel}", f"the link '{href}' {why}"))
        else:
            extra += 1
    if extra:
        problems.append(_warn(shown, f"{extra} more link(s) point outside the site"))
    return problems


def outside_links(rel: str, html: bytes, base_path: str) -> Iterator[tuple[str, str]]:
    """(href, why) for each link of page ``rel`` that points outside the site; external addresses are fine."""
    depth = rel.count("/")
    lowered = html.lower()  # ASCII only, so offsets in it are offsets in the page
    for pattern in _suspect_links(depth):
        for match in pattern.finditer(lowered):
            if lowered[match.start() - 1] not in _SPACE:  # data-href= and the like are not links
                continue
            start, end = match.span(1) if match.start(1) >= 0 else match.span(2)
            raw = html[start:end]
            why = _verdict(depth, raw, base_path)
            if why:
                yield raw.decode("utf-8", "replace"), why


@functools.cache
def _suspect_links(depth: int) -> tuple[re.Pattern[bytes], ...]:
    """Patterns for the href and src values of a page ``depth`` folders down that need a verdict.

    A plain link ("../authors/x.html": at most ``depth`` folders up, then down by names with no "..", "%" or
    backslash) cannot leave the site and is passed over inside the regex engine, so the pages' thousands of
    such links cost no Python. Each pattern begins with a literal, which the engine finds by a fast substring
    search: run on a lower-cased copy of the page, that is much faster than a case-blind alternation.
    """
    plain = rb"(?:\.\./){0,%d}[a-z0-9](?:[^%%\\.\"']|\.(?!\.))*" % depth
    value = rb"""\s*=\s*(?:"(?!%s")([^"]*)"|'(?!%s')([^']*)')""" % (plain, plain)
    return tuple(re.compile(attribute + value) for attribute in (b"href", b"src"))


@functools.lru_cache(maxsize=65536)
def _verdict(depth: int, raw: bytes, base_path: str) -> str:
    """Whether a link leaves the site depends only on how deep its page is, not on the folders' names; pages
    repeat the same links (navigation, lists), so remembering verdicts makes this check cheap on large sites."""
    parts = urlsplit(raw.decode("utf-8", "replace").strip())
    if parts.scheme or parts.netloc or not parts.path:
        return ""  # another site, mailto:, data:, or "#fragment"
    path = unquote(parts.path)
    if path.startswith("/"):
        if base_path and path.startswith(base_path):
            return ""
        where = f"outside the site's {base_path}" if base_path else "to the root of whatever host serves the site"
        return f"points {where}; use a relative link"
    target = posixpath.normpath(posixpath.join("d/" * depth, path))
    if target == ".." or target.startswith("../"):
        return "climbs above the site's root folder"
    return ""


def missing_base_url(config: Config) -> list[Diagnostic]:
    """Before publishing: without a base URL the site has no sitemap, no robots.txt and no canonical links."""
    if config.base_url:
        return []
    return [_warn("site.toml", "no base_url: sitemap.xml, robots.txt and canonical links need the public address; "
                               "set base_url = \"https://USER.github.io/REPO/\" in site.toml or pass --base-url")]


def _warn(path: str, message: str) -> Diagnostic:
    return Diagnostic(Level.WARNING, SourceSpan(path), message)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:,.1f} MB"


def shown_path(out: Path, site_dir: Path) -> str:
    """The output folder as the user knows it: relative to the site folder when inside it ("_site")."""
    try:
        return out.resolve().relative_to(site_dir.resolve()).as_posix()
    except ValueError:
        return str(out)
