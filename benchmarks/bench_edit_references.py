#!/usr/bin/env python3
"""CPU time of the formatted references of a rebuild after one edit, the stage alone, in this one process.

The site's articles are read and modelled first (through its build cache, outside the timing); then one edit is
made in the model (the title of the first article by key, or the text of the first summary's), and the article
digests and ``cache.formatted_references`` are timed over the references cache of CACHE_SITE (its .site-builder
folder, which this changes: time each run over a fresh copy of a warm one). A fresh process pays what the first
reference of a build pays (citeproc-py's styles loaded, the walk's tables learnt).

  .venv/bin/python benchmarks/bench_edit_references.py SITE CACHE_SITE title|summary|none
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from pathlib import Path

from site_builder.build import _read_and_model
from site_builder.diagnostics import Report
from site_builder.output import cache, fingerprints


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("cache_site", type=Path)
    parser.add_argument("edit", choices=("title", "summary", "none"))
    args = parser.parse_args()

    model = _read_and_model(args.site, Report(), cache.CacheFolder(args.site, lambda notice: None))
    articles = dict(model.library.articles)
    if args.edit == "title":
        key = sorted(articles)[0]
        articles[key] = dataclasses.replace(articles[key], title=f"{articles[key].title} (r{random.random()})")
    elif args.edit == "summary":
        key, article = next((k, a) for k, a in articles.items() if a.summary is not None)
        assert article.summary is not None
        edited = dataclasses.replace(article.summary, html=f"<p>A reading {random.random()}.</p>")
        articles[key] = dataclasses.replace(article, summary=edited)
    folder = cache.CacheFolder(args.cache_site, lambda notice: None)
    started = time.process_time()
    digests = fingerprints.article_digests(articles.values(), model.digests)
    digested = time.process_time()
    cited = cache.formatted_references(folder, articles, digests, "en-US", Report())
    done = time.process_time()
    print(f"{args.edit}: article digests {digested - started:.3f} s, formatted references {done - digested:.3f} s "
          f"of CPU ({len(cited)} articles)")


if __name__ == "__main__":
    main()
