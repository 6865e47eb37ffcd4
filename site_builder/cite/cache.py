"""Formatted references of every article, reusing those an earlier build formatted.

citeproc-py takes about 3.4 ms an article for three styles, by far the slowest step of a large build, so each
article's references are kept under a fingerprint of everything they depend on (the CSL item, the styles and
the processor's versions) in the build cache (output/cache.py), and only new or changed articles are formatted
again, in worker processes when there are many.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Report
from ..model.article import Article
from ..output import workers
from .references import Citation, fingerprint, format_references

_PARALLEL_MIN = 200

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


def _format_one(articles: dict[str, Article], locale: str, key: str) -> tuple[str, list[list[str]], str]:
    try:
        cited = format_references(articles[key], locale=locale)
    except Exception as err:  # a processor bug on odd data must cost one article its references, not the build
        return key, [], f"{type(err).__name__}: {err}"
    return key, [[c.style_id, c.style_name, c.html, c.text] for c in cited], ""


_worker_job: tuple[dict[str, Article], str] = ({}, "en-US")
"""In a worker process only, set by its pool's initializer: the articles and locale of the build that started it."""


def _start_worker(articles: dict[str, Article], locale: str) -> None:
    global _worker_job
    _worker_job = (articles, locale)


def _format_in_worker(key: str) -> tuple[str, list[list[str]], str]:
    return _format_one(*_worker_job, key)


def _format(keys: list[str], articles: dict[str, Article], locale: str) -> Iterable[tuple[str, list[list[str]], str]]:
    jobs = workers.jobs()
    if len(keys) < _PARALLEL_MIN or jobs < 2:
        return [_format_one(articles, locale, k) for k in keys]
    with workers.fork_pool(jobs, _start_worker, (articles, locale)) as pool:
        return pool.map(_format_in_worker, keys, chunksize=50)
