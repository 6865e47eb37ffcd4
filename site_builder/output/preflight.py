"""Pre-flight checks of a built site against what GitHub Pages will publish, run at the end of every build.

Warnings only: the site is still written, but the user learns before publishing that it is over (or near) the
published-size limit, holds a file git hosting refuses, holds symlinks (the Pages artifact follows them and a
branch would keep them as links), or links out of the site (an address above its root, or a "/x" link that
escapes the subpath a project site lives under), found in each page as a browser finds them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..config import Config
from ..diagnostics import Diagnostic, Level, SourceSpan
from .write import BUILDING, MANIFEST, walk_files

SITE_LIMIT = 1_000_000_000
"""GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB" (decimal, to stay on the safe side)."""
NEAR_SHARE = 0.8
FILE_LIMIT = 100_000_000
"""GitHub refuses a push holding a file over 100 MB, which the gh-pages branch would need."""
LINK_REPORTS = 20
"""Links reported one by one before the rest are counted in one line (a template bug repeats on every page)."""

@dataclass(frozen=True, slots=True)
class OutputFile:
    rel: str
    """Path inside the output folder, with forward slashes."""
    size: int
    symlink: bool


class Checked(NamedTuple):
    problems: list[Diagnostic]
    foreign: tuple[str, ...]
    """The files of the folder that are not the build's own (put there by hand, or by a search index still to
    come), sorted: what the next build measures beside its own when it does not walk the folder."""


def check_build(out: Path, shown: str, outside: Iterable[tuple[str, str, str]], sizes: Mapping[str, int], *,
                previous: Set[str], recorded: Set[str], foreign: Iterable[str], walk: bool,
                kept_sizes: Mapping[str, int] | None = None) -> Checked:
    """``check`` of a build's output folder ``out``: ``sizes`` those of the pages it wrote or found unchanged,
    ``previous`` and ``recorded`` the files its writer found recorded by the last build and recorded as this
    one's, ``foreign`` the files the last build found that were neither. With ``walk`` the folder is walked and
    what the walk finds that is none of the build's is foreign; else only the files named are looked at, those
    of ``kept_sizes`` (the search index's, as it left them) of the size given there when they are still plain
    files (measure_files).

    The paths are never gathered into one more set of them all: at 100,000 records ``previous`` or ``recorded``
    holds some 700,000, and a union of them was the largest thing the build's last step made. Only those that are
    not pages (``sizes``) are: the static files, the search index's and the foreign ones."""
    ours = (MANIFEST, BUILDING)
    if walk:
        unknown: list[str] = []  # files the walk found that are not in ``sizes``: few besides the build's own
        problems = check(out, shown, outside, sizes, unknown=unknown)
        found: Iterable[str] = unknown
    else:
        others = _without(recorded, sizes)
        others |= _without(previous, sizes)
        others.update(rel for paths in (ours, foreign) for rel in paths if rel not in sizes)
        problems = check(out, shown, outside, sizes, others=others, kept_sizes=kept_sizes)
        found = foreign
    return Checked(problems, tuple(sorted({rel for rel in found
                                           if rel not in recorded and rel not in previous and rel not in ours})))


def _without(paths: Iterable[str], sizes: Mapping[str, int]) -> set[str]:
    """Those of ``paths`` that are not in ``sizes``: by the set's own difference where it is one (a pass in C over
    the 100,000 paths of a 10,000-record site's files, most of them pages)."""
    if isinstance(paths, (set, frozenset)) and isinstance(sizes, dict):
        found = paths.difference(sizes)
        return found if type(found) is set else set(found)
    return {rel for rel in paths if rel not in sizes}


def check(out: Path, shown: str, outside: Iterable[tuple[str, str, str]],
          sizes: Mapping[str, int] | None = None, others: Iterable[str] | None = None,
          unknown: list[str] | None = None, kept_sizes: Mapping[str, int] | None = None) -> list[Diagnostic]:
    """Every pre-flight problem of the output folder ``out``, shown to the user as ``shown`` (e.g. "_site"), with
    the (page, href, why) links out of the site that the build found while rendering (``outside_links``);
    ``sizes``: of files the build wrote or looked at itself, not looked at again (list_output). Given ``others``,
    the only files of ``out`` besides those of ``sizes`` (those gone passed over), the folder is not walked
    (measure_files, ``kept_sizes`` with it); else the files the walk finds that are not in ``sizes`` are added
    to ``unknown``."""
    total, notable = (measure_output(out, sizes, unknown=unknown) if others is None
                      else measure_files(out, sizes or {}, others, kept_sizes=kept_sizes))
    return size_problems(notable, shown, total=total) + symlink_problems(notable, shown) + _reported(outside, shown)


def measure_files(out: Path, sizes: Mapping[str, int], others: Iterable[str],
                  file_limit: int = FILE_LIMIT, kept_sizes: Mapping[str, int] | None = None
                  ) -> tuple[int, list[OutputFile]]:
    """``measure_output`` of a folder whose files are those of ``sizes``, of the sizes given, and those of
    ``others`` that are there: one look at each of ``others``, none at the folder (after an edit, the build
    knows all but a few of the site's files from its page table: the walk of a 10,000-record site's 90,000
    files was a tenth of such a build). One of ``others`` that ``kept_sizes`` gives a size for is taken to be of
    that size when a listing of its folder finds it a plain file (not a symlink): the search index's 29,000
    files at 10,000 records, each looked at alone, took 0.1 s of every build after an edit."""
    given = sizes.values()
    total = sum(given)
    notable = [OutputFile(rel, size, False) for rel, size in sizes.items() if size > file_limit] \
        if given and max(given) > file_limit else []  # after one pass in C, most often none to look for
    rest = _without(others, sizes)
    kept = kept_sizes or {}
    if kept:
        plain = _plain_files(out, kept)
        plain.intersection_update(rest)
        plain.intersection_update(kept)  # of the files to measure, those kept_sizes knows, found plain files
        rest.difference_update(plain)
        for rel in plain:
            size = kept[rel]
            total += size
            if size > file_limit:
                notable.append(OutputFile(rel, size, False))
    root = os.fspath(out)
    for rel in rest:
        try:
            info = os.lstat(f"{root}/{rel}")
        except OSError:  # a file of the last build's, removed as stale
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        total += info.st_size
        if stat.S_ISLNK(info.st_mode) or info.st_size > file_limit:
            notable.append(OutputFile(rel, info.st_size, stat.S_ISLNK(info.st_mode)))
    return total, sorted(notable, key=lambda f: f.rel)


def _plain_files(out: Path, paths: Iterable[str]) -> set[str]:
    """Those of ``paths`` (inside ``out``) that are plain files there, not symlinks: one listing of each of their
    folders rather than a look at each file."""
    found: set[str] = set()
    root = os.fspath(out)
    for folder in {rel.rpartition("/")[0] for rel in paths}:
        prefix = folder + "/" if folder else ""
        with contextlib.suppress(OSError), os.scandir(f"{root}/{folder}") as entries:
            found.update([prefix + entry.name for entry in entries if entry.is_file(follow_symlinks=False)])
    return found


def measure_output(out: Path, sizes: Mapping[str, int] | None = None,
                   file_limit: int = FILE_LIMIT, unknown: list[str] | None = None) -> tuple[int, list[OutputFile]]:
    """The size of everything under ``out`` and, sorted, its files over ``file_limit`` and its symlinks: all the
    size checks need, without an object for each of a large site's hundred thousand files. The files not in
    ``sizes`` are added to ``unknown``, when given."""
    total = 0
    notable: list[OutputFile] = []
    known = sizes or {}
    found = unknown if unknown is not None else []
    folders = [(str(out), "")]
    while folders:  # one loop, no generator: it runs once for each of those files
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                    continue
                size = known.get(prefix + entry.name)
                if size is None:
                    found.append(prefix + entry.name)
                if size is None or not entry.is_file(follow_symlinks=False):
                    size = entry.stat(follow_symlinks=False).st_size
                    if entry.is_symlink():
                        notable.append(OutputFile(prefix + entry.name, size, True))
                        total += size
                        continue
                total += size
                if size > file_limit:
                    notable.append(OutputFile(prefix + entry.name, size, False))
    return total, sorted(notable, key=lambda f: f.rel)


def list_output(out: Path, sizes: Mapping[str, int] | None = None) -> list[OutputFile]:
    """Every file and symlink under ``out`` (symlinks not followed), sorted; a plain file in ``sizes`` (by its
    path inside ``out``) is taken to be of the size given there, rather than asked for again."""
    found: list[OutputFile] = []
    known = sizes or {}
    for rel, entry in walk_files(out):
        if rel in known and entry.is_file(follow_symlinks=False):
            found.append(OutputFile(rel, known[rel], False))
        else:
            info = entry.stat(follow_symlinks=False)
            found.append(OutputFile(rel, info.st_size, entry.is_symlink()))
    return sorted(found, key=lambda f: f.rel)


def size_problems(files: list[OutputFile], shown: str, limit: int = SITE_LIMIT,
                  file_limit: int = FILE_LIMIT, total: int | None = None) -> list[Diagnostic]:
    """Problems of size: of the whole site, ``total`` or else the sum of ``files``, and of each one of ``files``."""
    problems = []
    total = sum(f.size for f in files) if total is None else total
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
    """(href, why) for each link of page ``rel`` that points outside the site; external addresses are fine.

    Links are found as a browser finds them, by lxml's HTML parser: quoted or not, in any attribute that holds an
    address (LINK_ATTRIBUTES, srcset's and ping's lists), in CSS url() and in a meta refresh, with character
    references decoded. A page whose every link attribute is a plain quoted value that cannot leave the site
    (_may_leave) is passed over unparsed: most pages of a large site are, and one scan costs far less than a parse.
    """
    depth = rel.count("/")
    if not _may_leave(html, depth):
        return
    for value in _links(html):
        why = _verdict(depth, value, base_path)
        if why:
            yield value, why


LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "background")
"""Attributes whose value is one address a browser follows or fetches (xlink:href ends in href)."""
LIST_ATTRIBUTES = ("srcset", "ping")
"""Attributes holding several addresses (srcset: each with a width or density after it)."""
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))|@import\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_REFRESH_URL = re.compile(r"^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?['\"]?([^'\"]*)", re.I)
_PARSER = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, collect_ids=False,
                           default_doctype=False)
_LINKS_XPATH = etree.XPath("|".join(f"//@{name}" for name in (*LINK_ATTRIBUTES, *LIST_ATTRIBUTES))
                           + "|//@*[name()='xlink:href']"
                           + "|//style/text()|//@style|//meta[@content]/@content")


def _links(html: bytes) -> Iterator[str]:
    """Every address in the page, in document order, as lxml's HTML parser reads it."""
    try:
        root = etree.fromstring(html, _PARSER)
    except (etree.ParserError, ValueError):  # an empty page: no links
        return
    if root is None:
        return
    for found in _LINKS_XPATH(root):
        value = str(found)
        name = getattr(found, "attrname", None)
        if name in LIST_ATTRIBUTES:
            yield from (candidate.split()[0] for candidate in value.split(",") if candidate.split())
        elif name == "content":
            if str(found.getparent().get("http-equiv", "")).strip().lower() == "refresh":
                match = _REFRESH_URL.match(value)
                if match and match.group(1).strip():
                    yield match.group(1).strip()
        elif name == "style" or not found.is_attribute:
            yield from (next(g for g in match.groups() if g is not None) for match in _CSS_URL.finditer(value))
        else:
            yield value


_PRAGMA = rb"""(?<=http-equiv=)(?!"(?!refresh")[a-z-]+"|'(?!refresh')[a-z-]+')"""
"""An http-equiv (_suspects) that may make its element's content an address: one whose value is not a plain
quoted name other than "refresh". Every page's Content-Security-Policy <meta> is such a name: it made every page
suspect, and a site with its own templates parsed each one (0.5 ms an article page at 10,000 records)."""


@functools.cache
def _suspects(depth: int) -> re.Pattern[bytes]:
    """The "=" of what in a page ``depth`` folders down could hold an address that leaves the site: a link
    attribute followed by a value that is not plain and quoted; an attribute holding a list of addresses or CSS;
    an http-equiv that may be a refresh (_PRAGMA); a link attribute's name, or two spaces, before it.

    Plain: at most ``depth`` folders up then down by names with no "..", "%", "&", backslash, tab or line end; a
    fragment; or an http(s) address. Such a value is the address a browser reads, and it cannot leave the site.
    Every branch starts at a "=", so the regex engine skips from one to the next in C.
    """
    def plain(quote: bytes) -> bytes:
        relative = rb"(?:\.\./){0,%d}[a-z0-9](?:[^%%\\.&\t\r\n%s]|\.(?!\.))*" % (depth, quote)
        return rb"%s(?:%s|#[^%s]*|https?://[^\t\r\n%s]*)%s" % (quote, relative, quote, quote, quote)

    def after(names: tuple[str, ...], space: bytes = b"") -> bytes:
        return b"|".join(rb"(?<=%s%s=)" % (re.escape(name.encode()), space) for name in names)

    others = (*LIST_ATTRIBUTES, "style", "http-equiv")
    return re.compile(rb"=(?:(?:%s)(?!\s*(?:%s|%s))|%s|%s|(?<=\s=)(?:(?<=\s\s=)|%s))" % (
        after(LINK_ATTRIBUTES), plain(b'"'), plain(b"'"), after(others[:-1]), _PRAGMA,
        after((*LINK_ATTRIBUTES, *others), rb"\s")), re.IGNORECASE)


_STYLE_ELEMENT = re.compile(rb"<style", re.IGNORECASE)


def _may_leave(html: bytes, depth: int) -> bool:
    """Whether the page may hold an address that leaves the site: False only where every link is plain and
    quoted (_suspects) and no style element holds CSS."""
    return _suspects(depth).search(html) is not None or _STYLE_ELEMENT.search(html) is not None


@functools.lru_cache(maxsize=65536)
def _verdict(depth: int, raw: str, base_path: str) -> str:
    """Whether a link leaves the site depends only on how deep its page is, not on the folders' names; pages
    repeat the same links (navigation, lists), so remembering verdicts makes this check cheap on large sites.
    The address is first cleaned as a browser cleans it: spaces and control characters around it dropped, tabs
    and line ends inside it removed, and a backslash read as a slash."""
    cleaned = re.sub(r"[\t\n\r]", "", raw.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10"
                                                "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    parts = urlsplit(cleaned.replace("\\", "/"))
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
