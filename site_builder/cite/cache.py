"""Formatted references of every article, reusing those an earlier build formatted.

Formatting an article in three styles with citeproc-py is by far the slowest step of a large build, so each
article's references are kept under a fingerprint of everything they depend on (the CSL item, the styles, the
locale and the processor's versions) in the build cache (output/cache.py), and only new or changed articles are
formatted again, in worker processes when there are many.

An article's references are held packed (``pack``: its rows marshalled and compressed where they are made, in
the cache as in memory) and made Citations again only where a page shows them (``References``): at 100,000
records, held as Citations they took some 200 MB of the main process, which every render worker was forked with;
packed, a fifth of that.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterable, Iterator, Mapping

from .. import workers
from ..diagnostics import Report
from ..model.article import Article
from .references import Citation, fingerprint, format_references

_PARALLEL_MIN = 200
_FRESH_WORKERS = 25_000
"""New workers after this many articles (workers.in_order's ``fresh_every``), so that none grows to hold a copy
of the whole model of a large collection."""

Key = str | bytes
"""What an article's references are kept under: the fingerprint of what they depend on, or the caller's key."""
Cache = dict[Key, bytes]
"""Key → the article's references packed (``pack``)."""


def pack(rows: Rows) -> bytes:
    """[[style_id, style_name, html, text], …] as one compressed string of bytes (``unpack``)."""
    return zlib.compress(marshal.dumps(rows), 1)


def unpack(packed: bytes) -> tuple[Citation, ...]:
    return tuple(Citation(*row) for row in marshal.loads(zlib.decompress(packed)))


class References(Mapping[str, tuple[Citation, ...]]):
    """Every article's references by key, held packed; each made Citations again when asked for."""

    __slots__ = ("_packed",)

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed

    def __getitem__(self, key: str) -> tuple[Citation, ...]:
        return unpack(self._packed[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


def format_all(articles: dict[str, Article], cache: Cache, report: Report, locale: str = "en-US",
               keys: Mapping[str, Key] | None = None) -> tuple[References, Cache]:
    """Every article's references by key in ``locale`` (a CSL locale, where a style lets the site choose), and the
    cache to keep (only the entries still in use). An article's entry is kept under ``keys[key]`` when given (any
    key that changes whenever the references may, the locale included), else under the fingerprint of what they
    depend on. References that could not be made are not kept: the next build tries, and reports, again."""
    keys = keys or {}
    prints: dict[str, Key] = {}
    missing: list[str] = []
    fresh: Cache = {}
    for key, article in articles.items():  # one pass: after an edit, 10,000 articles and one missing
        fp = prints[key] = keys.get(key) or fingerprint(article, locale=locale)
        packed = cache.get(fp)
        if packed is None:
            missing.append(key)
        else:
            fresh[fp] = packed
    for key, packed, problem in _format(missing, articles, locale):
        if problem:
            report.warn(articles[key].where, f"no formatted references for this article: {problem}")
            continue
        fresh[prints[key]] = packed
    return References({key: fresh.get(fp, _NONE) for key, fp in prints.items()}), fresh


Rows = list[list[str]]
Job = tuple[dict[str, Article], str]
"""What every worker formats from: the articles by key, and the CSL locale."""


_NONE = pack([])
"""The packed references of an article that has none (they could not be made)."""


def _format_one(job: Job, key: str) -> tuple[str, bytes, str]:
    """An article's references, packed here: in the worker that formats them when there are many."""
    articles, locale = job
    try:
        cited = format_references(articles[key], locale=locale)
    except Exception as err:  # a processor bug on odd data must cost one article its references, not the build
        return key, _NONE, f"{type(err).__name__}: {err}"
    return key, pack([[c.style_id, c.style_name, c.html, c.text] for c in cited]), ""


def _format(keys: list[str], articles: dict[str, Article], locale: str) -> Iterable[tuple[str, bytes, str]]:
    return workers.in_order(_format_one, (articles, locale), keys, parallel=len(keys) >= _PARALLEL_MIN,
                            chunksize=50, fresh_every=_FRESH_WORKERS)
