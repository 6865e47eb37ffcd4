#!/usr/bin/env python3
"""Where one build spends its time, stage by stage, in one process: wall and CPU seconds of each stage of
``site_builder.build.build`` (read and model, article digests, references, plan, the fingerprints' setup, render
and write, the pre-flight check, the page table), the search index left for later.

CPU seconds are this process's; "with workers" adds the CPU of the worker processes the stage forked and waited
for (os.times' children), which is where a cold build spends most of its time. Memory, once each stage is done:
this process's resident size (VmRSS) and its peak so far (VmHWM), and the peak of the largest worker waited for so
far (getrusage's children), which is what bench_incremental.py counts beside this process's peak. A forked worker
counts in its resident size every page of this process it was forked with, shared or not. The figures are for
finding where the time and memory go, not for comparing with another tool: compare those with
bench_incremental.py, which measures against Hugo in the same run.

  .venv/bin/python benchmarks/bench_stages.py SITE OUTPUT            # a build as it comes (cold or not)
  .venv/bin/python benchmarks/bench_stages.py SITE OUTPUT --retitle  # first one record's title edited
  .venv/bin/python benchmarks/bench_stages.py SITE OUTPUT --index    # then the search index, bundle by bundle
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from site_builder import build as build_module
from site_builder.model import library, merge
from site_builder.output import cache, fingerprints, pages, pagetable, preflight
from site_builder.plan import pages as plan_pages
from site_builder.prose import summaries
from site_builder.readers import files

STAGES: tuple[tuple[Any, str, str], ...] = (
    (cache, "source_stamp", "source stamp"),
    (build_module, "_read_and_model", "read and model"),
    (files, "read_articles", "  read"),
    (merge, "merge_articles", "  merge"),
    (summaries, "attach_summaries", "  summaries attached"),
    (library, "build_library", "  library"),
    (fingerprints, "article_digests", "article digests"),
    (cache, "formatted_references", "formatted references"),
    (cache, "article_parts", "articles' plan parts"),
    (plan_pages, "plan", "plan"),
    (fingerprints, "reuse", "fingerprints' setup"),
    (cache.KeptPieces, "load", "list pieces loaded"),
    (pages, "write_pages", "render and write"),
    (preflight, "check_build", "pre-flight check"),
    (pagetable, "save_table", "page table saved"),
)
"""Each stage by the module attribute that build() (or _read_and_model, indented) calls it through."""


def children_cpu() -> float:
    now = os.times()
    return now.children_user + now.children_system


def memory_mb() -> tuple[float, float, float]:
    """(resident, peak resident) of this process and the peak resident size of its largest worker waited for, MB."""
    status = {}
    with open("/proc/self/status", encoding="ascii") as lines:
        for line in lines:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                status[key] = int(value.split()[0]) / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return status.get("VmRSS", 0.0), status.get("VmHWM", 0.0), children


Stage = tuple[float, float, float, tuple[float, float, float]]
"""(wall, cpu, workers' cpu, memory_mb() once it ended) of one stage."""


def timed(times: dict[str, Stage], label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        wall, cpu, workers = time.perf_counter(), time.process_time(), children_cpu()
        try:
            return function(*args, **kwargs)
        finally:
            times[label] = (time.perf_counter() - wall, time.process_time() - cpu, children_cpu() - workers,
                            memory_mb())
    return run


def retitle(site: Path) -> Path:
    """The first record file (by name) that is a plain file: its "title …" line gets a word more."""
    path = next(p for p in sorted((site / "content" / "records").iterdir()) if p.is_file() and not p.is_symlink())
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title (.+)$", text, re.M)
    if title is None:
        raise SystemExit(f"{path}: no 'title' line to edit")
    path.write_text(text.replace(title.group(1), f"{title.group(1)} (revised {time.time_ns()})"), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--retitle", action="store_true", help="edit one record's title first")
    parser.add_argument("--index", action="store_true",
                        help="then make the search index, each bundle Pagefind is given timed")
    args = parser.parse_args()
    if args.retitle:
        print(f"edited {retitle(args.site)}")
    times: dict[str, Stage] = {}
    from site_builder.build import build  # the stages' modules are patched where build() finds them
    for module, name, label in STAGES:
        setattr(module, name, timed(times, label, getattr(module, name)))
    wall, cpu, workers = time.perf_counter(), time.process_time(), children_cpu()
    result = build(args.site, args.output, search_later=True)
    wall, cpu, workers = time.perf_counter() - wall, time.process_time() - cpu, children_cpu() - workers
    for label, (stage_wall, stage_cpu, stage_workers, (rss, peak, worker_peak)) in times.items():
        print(f"{label:24s} wall {stage_wall:6.2f} s  cpu {stage_cpu:6.2f} s  "
              f"with workers {stage_cpu + stage_workers:6.2f} s  rss {rss:5.0f} MB  peak {peak:5.0f} MB  "
              f"workers' peak {worker_peak:5.0f} MB")
    print(f"{'whole build':24s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  with workers {cpu + workers:6.2f} s  "
          f"({result.rendered} of {result.pages} pages rendered; the search index left out)")
    if args.index:
        index(result)


def index(result: Any) -> None:
    """The search index of ``result`` (a build made with ``search_later``), each bundle's indexing timed (wall
    seconds: the bundles are indexed side by side, a core's worth at a time)."""
    from site_builder.build import refresh_search
    from site_builder.output import indexer

    given = indexer.index_pages

    def timed(program: Any, site: Any, pages: Any, *rest: Any) -> Any:
        started = time.perf_counter()
        try:
            return given(program, site, pages, *rest)
        finally:
            print(f"  {len(pages):6d} pages given to Pagefind ({pages[0]} …): wall "
                  f"{time.perf_counter() - started:6.2f} s")

    indexer.index_pages = timed
    wall, workers = time.perf_counter(), children_cpu()
    refresh_search(result)
    print(f"{'search index':24s} wall {time.perf_counter() - wall:6.2f} s  Pagefind's cpu "
          f"{children_cpu() - workers:6.2f} s")


if __name__ == "__main__":
    main()
