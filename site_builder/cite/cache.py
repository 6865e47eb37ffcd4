"""Formatted references of every article, and the cache that keeps them between builds.

Formatting with citeproc-py is by far the slowest step of a large build, so each article's references are
stored under a fingerprint of everything they depend on (the CSL item, the styles, the locale and the
processor's versions) in a file of the output folder, and only new or changed articles are formatted again, in
worker processes when there are many.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .. import workers
from ..diagnostics import Report
from ..model.article import Article
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


def cache_file(cache: Cache) -> tuple[str, bytes]:
    """The cache to keep in the output folder: (its path there, its bytes)."""
    return CACHE_FILE, json.dumps(cache, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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


Rows = list[list[str]]
Job = tuple[dict[str, Article], str]
"""What every worker formats from: the articles by key, and the CSL locale."""


def _format_one(job: Job, key: str) -> tuple[str, Rows, str]:
    articles, locale = job
    try:
        cited = format_references(articles[key], locale=locale)
    except Exception as err:  # a processor bug on odd data must cost one article its references, not the build
        return key, [], f"{type(err).__name__}: {err}"
    return key, [[c.style_id, c.style_name, c.html, c.text] for c in cited], ""


def _format(keys: list[str], articles: dict[str, Article], locale: str) -> Iterable[tuple[str, Rows, str]]:
    return workers.in_order(_format_one, (articles, locale), keys, parallel=len(keys) >= _PARALLEL_MIN,
                            chunksize=50)
