"""The search index: Pagefind (PyPI ``pagefind[bin]``) run over the written pages, its bundles in ``pagefind/``.

What is searchable is decided by the templates, with Pagefind's own attributes (data-pagefind-body, -filter,
-meta, -sort). Article pages, the main results, are one index (``pagefind/``); author and topic pages, results of
their own kind, another (``pagefind/people/``). Two indexes rather than one with a filter of kinds: the search page
then loads no list of 28,000 pages' kinds (60 KB at 10,000 records) nor counts it on every query, the articles'
index stays the smaller, and the two are made at once, by two processes.

A build whose pages Pagefind reads are the files it read last time (same names, sizes and modification times,
which the writer leaves alone when a page's bytes are unchanged) keeps the bundle as it is. A new bundle is
written beside the old one and takes its place only once complete, so a served site never sees half an index.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Level, Report, SourceSpan

BUNDLE = "pagefind"
"""The bundles' folder in the output, where Pagefind's own script finds the articles' index."""
BUNDLES = (("", "articles/*.html"), ("people", "{authors,topics}/<[!_]:1,>.html"))
"""(folder inside BUNDLE, the pages indexed there: Pagefind's globs, which are wax patterns). A list's further
pages and orders (listing.py: a "_" in the name) are not results of their own."""
INDEXED_FOLDERS = ("articles", "authors", "topics")
STAMP = ".site-builder-search"
"""Beside the bundle: what it was made from. Hidden and never published, like the build's other bookkeeping."""
OWN = (BUNDLE + "/", STAMP)
"""What in the output this module writes (path prefixes)."""
_NEW, _OLD = ".pagefind-new", ".pagefind-old"
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
"""Pagefind's ready-made interfaces, which the site does not load (its search page drives pagefind.js itself):
about 420 KB that need not be published."""
UNUSED_BESIDE = ("pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind")
"""What a second bundle need not repeat: the page loads Pagefind's scripts from the first."""
SETTINGS_VERSION = 3
"""Raised when what this module asks of Pagefind changes, so that every site is indexed again."""


@dataclass(frozen=True, slots=True)
class Indexed:
    files: list[tuple[str, bool]]
    """(path in the output, written by this build) of every file of the bundle."""
    pages: int
    """Pages in the index; -1 when the bundle was kept as it was."""


def index_site(output: Path, report: Report) -> Indexed:
    """Index the pages written into ``output`` (unless the bundle there was made from the same files) and
    return the bundle's files. A failure is an error in ``report``; the site is still complete without search."""
    stamp = _stamp(output)
    bundle = output / BUNDLE
    report.extend(_unmarked(output))
    try:
        if (output / STAMP).read_text(encoding="utf-8") == stamp and (bundle / "pagefind-entry.json").is_file():
            return Indexed(_bundle_files(output, written=False) + [(STAMP, False)], -1)
    except OSError:
        pass  # no stamp: index
    (output / STAMP).unlink(missing_ok=True)  # from here until the new bundle is in place, no bundle is trusted
    fresh = output / _NEW
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        pages = _run_pagefind(output, fresh)
    except Exception as err:  # noqa: BLE001 - any failure of the indexer: reported, the pages are written
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(bundle, ignore_errors=True)  # an index of other pages would send readers to wrong places
        report.error(SourceSpan(f"{output.name}/{BUNDLE}"), f"the search index could not be made ({_reason(err)}); "
                     "the site works without it, and its search page says so. Reinstall site-builder to get "
                     "Pagefind back (pip install 'pagefind[bin]'), or set search = false in site.toml")
        return Indexed([], 0)
    for folder, _glob in BUNDLES:
        for name in UNUSED + (UNUSED_BESIDE if folder else ()):
            (fresh / folder / name).unlink(missing_ok=True)
    _replace(bundle, fresh, output / _OLD)
    (output / STAMP).write_text(stamp, encoding="utf-8")
    return Indexed(_bundle_files(output, written=True) + [(STAMP, True)], pages)


def _run_pagefind(site: Path, into: Path) -> int:
    """Pagefind's indexer, the program the pagefind[bin] wheel ships, run once per bundle (at the same time) on
    the marked pages of ``site``, writing the bundles under ``into``; the number of pages indexed.

    Its command line rather than the wheel's Python API: in the API's service mode Pagefind answers "written"
    before its last writes reach the disk, and closing the service then leaves some files empty (seen here as an
    empty pagefind-worker.js or wasm.unknown.pagefind in one build of three); the command line finishes them
    before it exits.
    """
    from pagefind.service import get_executable  # the indexer is loaded only by builds that search

    program = get_executable()
    if program is None:
        raise FileNotFoundError("pagefind")
    with contextlib.ExitStack() as files:
        logs = [files.enter_context(tempfile.TemporaryFile()) for _ in BUNDLES]  # a pipe could fill and block
        runs = [subprocess.Popen([str(program), "--site", str(site.resolve()), "--glob", glob, "--output-path",
                                  str((into / folder).resolve()), "--quiet"], stdout=log, stderr=log)
                for (folder, glob), log in zip(BUNDLES, logs, strict=True)]
        for run, log in zip(runs, logs, strict=True):
            if run.wait() != 0:
                log.seek(0)
                lines = log.read().decode("utf-8", "replace").strip().splitlines()
                last = f": {lines[-1]}" if lines else ""
                for other in runs:
                    other.wait()
                raise RuntimeError(f"Pagefind stopped with exit status {run.returncode}{last}")
    pages = 0
    for folder, _glob in BUNDLES:
        entry = json.loads((into / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages += sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())
    return pages


def _unmarked(output: Path) -> list[Diagnostic]:
    """A warning when the article pages mark nothing for Pagefind: a site's own article template from before
    search (``site-builder init`` copies the templates), which Pagefind then reads whole, without facets."""
    first = next(iter(sorted((output / "articles").glob("*.html"))), None)
    if first is None or b"data-pagefind-body" in first.read_bytes():
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
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _replace(bundle: Path, fresh: Path, old: Path) -> None:
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        bundle.rename(old)
    fresh.rename(bundle)
    shutil.rmtree(old, ignore_errors=True)


def _bundle_files(output: Path, written: bool) -> list[tuple[str, bool]]:
    root = output / BUNDLE
    return sorted((p.relative_to(output).as_posix(), written) for p in root.rglob("*") if p.is_file())


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
    try:
        return importlib.metadata.version("pagefind_bin")
    except importlib.metadata.PackageNotFoundError:
        return ""
