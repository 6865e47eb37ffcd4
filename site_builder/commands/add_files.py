"""The files ``add`` writes: a work's records, all or none of them, and the start of its summary.

Each file is written whole under a temporary name in its folder and then moved into place, so a reader never
sees half a file; the files of one work are moved in one after another, and taken back if one of them cannot be.
A summary is started only where the work has none: an existing one is never overwritten.
"""

from __future__ import annotations

import datetime
import os
import re
import tempfile
from pathlib import Path

from ..config import CONTENT_DIR
from ..model.article import Article
from ..model.merge import identifiers
from ..prose.summaries import SUMMARIES_DIR, id_key, read_summaries


def describe(article: Article) -> str:
    """Title, first author, journal and year, as a line."""
    first = article.authors[0].name if article.authors else "no author"
    more = " et al." if len(article.authors) > 1 else ""
    where = ", ".join(p for p in (article.journal, article.year) if p)
    return f"{article.title or 'Untitled'} — {first}{more}" + (f", {where}" if where else "")


def write_together(site_dir: Path, files: list[tuple[str, str]]) -> None:
    """Each file written whole under a temporary name, then all moved into place; if any step fails, the files
    this call put in place are removed and the error raised (files it replaced stay replaced)."""
    staged: list[tuple[Path, Path, bool]] = []
    try:
        for rel, text in files:
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_staged(target, text), target, target.exists()))
        placed: list[tuple[Path, bool]] = []
        try:
            for temp, target, existed in staged:
                os.replace(temp, target)
                placed.append((target, existed))
        except OSError:
            for target, existed in placed:
                if not existed:
                    target.unlink(missing_ok=True)
            raise
    finally:
        for temp, _target, _existed in staged:
            temp.unlink(missing_ok=True)


def _staged(target: Path, text: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def start_summary(site_dir: Path, article: Article, today: datetime.date) -> str:
    """Start content/summaries/<id>.md for ``article``, unless the work has a summary; what was done, as a
    line."""
    content = site_dir / CONTENT_DIR
    found, _problems = read_summaries(content, CONTENT_DIR)
    names = {("id", id_key(article.id)), *identifiers(article).items()}
    for existing in found:
        if names & set(existing.targets):
            return f"{existing.where.path} already summarizes this work; left as it is"
    rel = f"{CONTENT_DIR}/{SUMMARIES_DIR}/{id_key(article.id)}.md"
    if (site_dir / rel).exists():
        return f"{rel} exists; left as it is"
    try:
        write_together(site_dir, [(rel, summary_text(article, today))])
    except OSError as err:
        return f"cannot write {rel}: {err.strerror}"
    return f"summary started: {rel}"


def summary_text(article: Article, today: datetime.date) -> str:
    """The front matter of a new summary: the article's id, today's date, an empty verdict and no topics."""
    about = describe(article).replace("\n", " ")
    return (f"---\n# {about}\nid: {_yaml_text(article.id)}\ndate: {today.isoformat()}\nverdict: \"\"\ntopics: []\n"
            "---\n")


def _yaml_text(text: str) -> str:
    """A YAML scalar for ``text``: plain when that reads back as the same string, else double-quoted."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/()-]*", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
