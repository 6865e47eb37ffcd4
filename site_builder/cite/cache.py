"""Formatted references of every article, reusing those an earlier build formatted.

Formatting an article in three styles with citeproc-py is by far the slowest step of a large build, so each
article's references are kept under a fingerprint of everything they depend on (the CSL item, the styles, the
locale and the processor's versions) in the build cache (output/cache.py), and only new or changed articles are
formatted again, in worker processes when there are many.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import workers
from ..diagnostics import Report
from ..model.article import Article
from .references import Citation, fingerprint, format_references

_PARALLEL_MIN = 200
_FRESH_WORKERS = 25_000
"""New workers after this many articles (workers.in_order's ``fresh_every``), so that none grows to hold a copy
of the whole model of a large collection."""

Cache = dict[str, list[list[str]]]
"""fingerprint → [[style_id, style_name, html, text], …]"""


def format_all(articles: dict[str, Article], cache: Cache, report: Report, locale: str = "en-US",
               keys: dict[str, str] | None = None) -> tuple[dict[str, tuple[Citation, ...]], Cache]:
    """Every article's references by key in ``locale`` (a CSL locale, where a style lets the site choose), and the
    cache to keep (only the entries still in use). An article's entry is kept under ``keys[key]`` when given (any
    key that changes whenever the references may, the locale included), else under the fingerprint of what they
    depend on. References that could not be made are not kept: the next build tries, and reports, again."""
    prints = {key: (keys or {}).get(key) or fingerprint(article, locale=locale) for key, article in articles.items()}
    missing = [key for key, fp in prints.items() if fp not in cache]
    fresh: Cache = {prints[k]: cache[prints[k]] for k in prints if prints[k] in cache}
    for key, rows, problem in _format(missing, articles, locale):
        if problem:
            report.warn(articles[key].where, f"no formatted references for this article: {problem}")
            continue
        fresh[prints[key]] = rows
    references = {key: tuple(Citation(*row) for row in fresh.get(fp, ())) for key, fp in prints.items()}
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
                            chunksize=50, fresh_every=_FRESH_WORKERS)
