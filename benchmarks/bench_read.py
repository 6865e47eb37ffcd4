#!/usr/bin/env python3
"""What a rebuild spends before merging, on a site whose build cache is warm: the source stamp, the record files
taken from it, the record cache loaded, every article read back from it (unpacked), and the summaries attached.
Each step's CPU seconds, the best of several rounds in one process, the collector off and Section.text compact
as a build has them (build.py). Build the site once first, with the same code: the cache is kept per code.

  .venv/bin/python benchmarks/bench_read.py SITE [ROUNDS]
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from site_builder import speedups
from site_builder.config import CONTENT_DIR, load_config
from site_builder.diagnostics import Report
from site_builder.model.article import Section
from site_builder.model.merge import merge_articles
from site_builder.model.packing import Shared
from site_builder.output import cache
from site_builder.prose.summaries import attach_summaries, read_summaries
from site_builder.readers.files import read_articles, record_files


def one_round(site: Path, config: object) -> dict[str, float]:
    took: dict[str, float] = {}
    started = time.process_time()

    def lap(name: str) -> None:
        nonlocal started
        now = time.process_time()
        took[name] = now - started
        started = now

    folder = cache.CacheFolder(site, lambda notice: print(notice, file=sys.stderr))
    sources = cache.source_stamp(site, site / "_site", config)
    lap("source stamp")
    record_files(site, sources)
    lap("record files")
    kept = cache.RecordCache(folder)
    lap("record cache loaded")
    report = Report()
    shared = Shared(utf8_text=speedups.holds_compact(Section, "text"))  # as build.py makes it
    articles = read_articles(site, report, kept, shared, sources)
    lap("articles read (all of the above but the stamp, again)")
    articles = report.take(merge_articles(articles, shared.merge_keys))
    summaries = report.take(read_summaries(site / CONTENT_DIR, CONTENT_DIR))
    started = time.process_time()
    report.take(attach_summaries(articles, summaries))
    lap("summaries attached")
    return took


def main() -> None:
    site = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    config = load_config(site)
    speedups.compact_text(Section, "text")
    cache.code_digest()  # read once a process, as a build does before reading
    gc.disable()
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, seconds in one_round(site, config).items():
            best[name] = min(best.get(name, seconds), seconds)
        gc.collect()
    for name, seconds in best.items():
        print(f"{name:56s} cpu {seconds:6.3f} s")


if __name__ == "__main__":
    main()
