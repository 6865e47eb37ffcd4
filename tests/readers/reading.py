"""What the reader tests share: a fixture file read as a build reads it (named as it would be under content/), and
its articles when reading it finds nothing wrong."""

from __future__ import annotations

from pathlib import Path

from site_builder import readers
from site_builder.diagnostics import Diagnostic
from site_builder.model.article import Article, Record


def read(path: Path, data: bytes | None = None) -> tuple[list[Record], list[Diagnostic]]:
    """The records of ``path`` (or of ``data`` read as if it were that file) and the problems found."""
    return readers.read_data(path.read_bytes() if data is None else data, path, f"content/{path.name}")


def articles(path: Path, data: bytes | None = None) -> list[Article]:
    """The articles of ``path`` (or ``data``), which must read without a problem."""
    records, problems = read(path, data)
    assert [str(p) for p in problems] == []
    found = [readers.to_article(r) for r in records]
    assert [str(p) for _, ps in found for p in ps] == []
    return [a for a, _ in found]


def never_raises(path: Path, data: bytes) -> None:
    """Hostile ``data`` read as if it were the file ``path``: every record an article with a title, and every
    problem, the readers' and the articles', named by the file and a line."""
    records, problems = read(path, data)
    for record in records:
        article, more = readers.to_article(record)
        assert article.title
        problems += more
    for p in problems:
        assert p.where.path == f"content/{path.name}" and p.where.line >= 1 and p.message
