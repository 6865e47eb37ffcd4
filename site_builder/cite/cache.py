"""Formatted references of every article, and the cache that keeps them between builds.

citeproc-py takes about 3.4 ms an article for three styles, by far the slowest step of a large build, so each
article's references are stored under a fingerprint of everything they depend on (the CSL item, the styles and
the processor's versions) in a file of the output folder, and only new or changed articles are formatted again,
in worker processes when there are many.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..diagnostics import Report
from ..model.article import Article
from ..output import workers
from .references import Citation, fingerprint, format_references

CACHE_FILE = ".site-builder-references.json"
_PARALLEL_MIN = 200

Cache = dict[str, list[list[str]]]
"""fingerprint → [[style_id, style_name, html, text], …]"""


def load_cache(output: Path) -> Cache:
    try:
        data = json.loads((output / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cache_bytes(cache: Cache) -> bytes:
    return json.dumps(cache, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def format_all(articles: dict[str, Article], cache: Cache, report: Report, locale: str = "en-US") -> tuple[
        dict[str, tuple[Citation, ...]], Cache]:
    """Every article's references by key in ``locale`` (a CSL locale, where a style lets the site choose), and the
    cache to keep (only the fingerprints still in use)."""
    prints = {key: fingerprint(article, locale=locale) for key, article in articles.items()}
    missing = [key for key, fp in prints.items() if fp not in cache]
    fresh: Cache = {prints[k]: cache[prints[k]] for k in prints if prints[k] in cache}
    for key, rows, problem in _format(missing, articles, locale):
        if problem:
            report.warn(articles[key].where, f"no formatted references for this article: {problem}")
        fresh[prints[key]] = rows
    references = {key: tuple(Citation(*row) for row in fresh[fp]) for key, fp in prints.items()}
    return references, fresh


_JOB: dict[str, Article] = {}  # set before forking; workers inherit it
_LOCALE = ["en-US"]  # likewise


def _format_one(key: str) -> tuple[str, list[list[str]], str]:
    try:
        cited = format_references(_JOB[key], locale=_LOCALE[0])
    except Exception as err:  # a processor bug on odd data must cost one article its references, not the build
        return key, [], f"{type(err).__name__}: {err}"
    return key, [[c.style_id, c.style_name, c.html, c.text] for c in cited], ""


def _format(keys: list[str], articles: dict[str, Article], locale: str) -> Iterable[tuple[str, list[list[str]], str]]:
    global _JOB
    _JOB = articles
    _LOCALE[0] = locale
    try:
        jobs = workers.jobs()
        if len(keys) < _PARALLEL_MIN or jobs < 2:
            return [_format_one(k) for k in keys]
        with workers.fork_pool(jobs) as pool:
            return pool.map(_format_one, keys, chunksize=50)
    finally:
        _JOB = {}
