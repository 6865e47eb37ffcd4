"""The record files under content/, found in sorted order, and every record in them read into an Article.

A large collection is read by two processes at once: reading and typing records is nearly all of the model's
work that needs no other record. The forked worker's articles come back pickled, so it takes the smaller share.
"""

from __future__ import annotations

import bisect
import itertools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import workers
from ..config import CONTENT_DIR
from ..diagnostics import Diagnostic, Report
from ..model.article import Article
from . import never_records, read_file, to_article

PROSE_DIRS = frozenset({"pages", "summaries"})
"""Folders of content/ that hold the site's own prose (prose/), not records."""
READ_BESIDE_MIN_BYTES = 4_000_000
"""Below this much record data (some 400 catalogue records), reading is over too soon to gain from a worker."""
READ_HERE_SHARE = 0.58
"""When two processes read, the share of the bytes this one reads: the worker must also pickle its part."""
READ_LEAST_SHARE = 0.4
"""Where whole files leave this process less than this share, the worker's part and its pickling would take
as long as reading everything here."""


@dataclass(frozen=True, slots=True)
class RecordFile:
    path: Path
    shown: str
    """As the user sees it: "content/…", with forward slashes."""
    size: int


Read = tuple[list[Article], list[Diagnostic]]


def read_articles(site_dir: Path, report: Report) -> list[Article]:
    """An Article for every record under the site's content/ (each holding its record), in file order."""
    files = record_files(site_dir)
    total = sum(f.size for f in files)
    read_here = list(itertools.accumulate(f.size for f in files))
    cut = bisect.bisect(read_here, total * READ_HERE_SHARE)
    if total < READ_BESIDE_MIN_BYTES or (read_here[cut - 1] if cut else 0) < total * READ_LEAST_SHARE:
        parts = [read_part(None, files)]  # small, or a large file keeps the split far from even
    else:
        parts = list(workers.beside(read_part, None, files[:cut], files[cut:]))
    articles: list[Article] = []
    for found, problems in parts:
        articles += found
        report.extend(problems)
    return articles


def read_part(_context: None, files: Sequence[RecordFile]) -> Read:
    """An article per record of ``files``, and the problems of each file in turn."""
    articles: list[Article] = []
    problems: list[Diagnostic] = []
    for file in files:
        found, read_problems = read_file(file.path, file.shown)
        problems += read_problems
        for record in found:
            article, article_problems = to_article(record)
            articles.append(article)
            problems += article_problems
    return articles, problems


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
        if name.startswith(".") or (not parts and name in PROSE_DIRS):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _find_record_files(entry.path, (*parts, name), found)
            elif not never_records(name) and entry.is_file():
                found.append(((*parts, name), entry))
        except OSError:  # a link we may not follow: os.walk passed over these too
            continue


def _size(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat().st_size
    except OSError:  # reading it will say what is wrong
        return 0
