#!/usr/bin/env python3
"""What the model holds per article: a site's records read, merged and made into the library as build.py makes
them (with a fresh build cache, as a cold build), then

* the main process's RSS after it (and after glibc's ``malloc_trim``, which a build does before forking render
  workers), per article;
* a deep size of the articles (each object counted once, under the first field that reaches it, as
  ``sys.getsizeof`` sees it), per article, with the largest holders; and of the library's maps.

  .venv/bin/python benchmarks/bench_memory.py SITE [--warm] [--top 25]

``--warm`` keeps SITE's build cache (``.site-builder/``), so that every record file comes from it; without it the
cache is removed first. Only the standard library and the package.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sizes:
    """Deep sizes by holder (``Type.field``), each object once."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.bytes: dict[str, int] = defaultdict(int)
        self.count: dict[str, int] = defaultdict(int)

    def walk(self, obj: object, label: str) -> int:
        total = 0
        stack = [(obj, label)]
        while stack:
            obj, label = stack.pop()
            if id(obj) in self.seen:
                continue
            self.seen.add(id(obj))
            size = sys.getsizeof(obj)
            total += size
            self.bytes[label] += size
            self.count[label] += 1
            if isinstance(obj, (str, bytes, int, float, bool)) or obj is None:
                continue
            if isinstance(obj, (tuple, list, set, frozenset)):
                inner = label if label.endswith("[]") else label + "[]"
                stack.extend((x, inner) for x in obj)
            elif isinstance(obj, dict):
                stack.extend((k, label + "{k}") for k in obj)
                stack.extend((v, label + "{v}") for v in obj.values())
            elif (slots := getattr(type(obj), "__slots__", None)) is not None:
                stack.extend((getattr(obj, name), f"{type(obj).__name__}.{name}")
                             for name in slots if hasattr(obj, name))
            elif hasattr(obj, "__dict__"):
                stack.append((vars(obj), f"{type(obj).__name__}.__dict__"))
        return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--warm", action="store_true", help="keep the site's build cache")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if not args.warm:
        shutil.rmtree(args.site / ".site-builder", ignore_errors=True)

    import site_builder.model.library  # noqa: F401 - imported before the baseline, as build() does
    import site_builder.model.merge  # noqa: F401
    import site_builder.prose.summaries  # noqa: F401
    import site_builder.readers.files  # noqa: F401
    from site_builder import build, speedups
    from site_builder.diagnostics import Report
    from site_builder.model.article import Section
    from site_builder.output import cache

    speedups.compact_text(Section, "text")  # as build() asks
    gc.collect()
    base = rss_mb()
    gc.disable()  # as the build does while the model grows (speedups.gc_freeze)
    started = time.process_time()
    model = build._read_and_model(args.site, Report(), cache.CacheFolder(args.site, print))
    took = time.process_time() - started
    n = model.articles
    grown = rss_mb() - base
    print(f"{n:,} articles from {model.records:,} records, CPU {took:.2f} s (this process)")
    print(f"RSS after the model: +{grown:.0f} MB, {grown * 2**20 / n:,.0f} B/article")
    gc.collect()
    ctypes.CDLL(None).malloc_trim(0)
    trimmed = rss_mb() - base
    print(f"RSS after collecting and malloc_trim: +{trimmed:.0f} MB, {trimmed * 2**20 / n:,.0f} B/article")

    sizes = Sizes()
    total = sum(sizes.walk(article, "Article") for article in model.library.articles.values())
    print(f"deep size of the articles: {total / 1e6:.1f} MB, {total / n:,.0f} B/article; the largest holders:")
    for label, size in sorted(sizes.bytes.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {size / n:8,.0f} B/article  {sizes.count[label] / n:6.1f} objects/article  {label}")
    library = model.library
    maps = {name: sizes.walk(getattr(library, name), f"Library.{name}")
            for name in ("article_authors", "bylines", "article_topics", "article_journal", "authors", "topics",
                         "journals", "years", "rank")}
    print(f"the library's maps besides the articles: {sum(maps.values()) / n:,.0f} B/article ("
          + ", ".join(f"{name} {size / n:,.0f}" for name, size in maps.items()) + ")")


if __name__ == "__main__":
    main()
