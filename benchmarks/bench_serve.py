#!/usr/bin/env python3
"""Rebuilds in ``site-builder serve`` after an edit, against Hugo's full build of the same records in the same run.

``bench_incremental.py`` times each rebuild as a command of its own, which starts Python, imports the package and
reads the build cache every time. The preview is where a club waits after each saved edit, and it rebuilds in one
process; this benchmark times that. One ``serve`` process (its stdout read line by line) over the synthetic
collection of bench_incremental.py (the same ``Site``: records, one summary), then:

  * two warm-up edits (each of serve's two build folders gets its first, cold build), each waited for until its
    search index is made;
  * rounds of, in turn: ``hugo`` (Hugo 0.111's clean build of the peer site); ``title`` (one record's title
    changed in its file, as bench_incremental.py's ``title``); ``summary`` (the summary's text changed).

For each edit: the build's own time as serve prints it ("Built N pages in X s", until every page is written: what
the issue's bounds count), the time from the file's writing to that line (the watcher's wait and the build), and
the search index's time that follows ("Search index made in Y s"). Each edit is waited for until its index is
made before the next one, so builds never overlap.

  nice -n 10 .venv/bin/python benchmarks/bench_serve.py --ref HEAD --python .venv/bin/python --shared ../shared \\
      --records 10000 --repeats 3 --work /tmp/serve-work

Standard library only, plus Hugo (``apt-get install -y hugo time``); helpers from bench_build.py and
bench_incremental.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import bench_build as bb
import bench_incremental as bi

BUILT = re.compile(r"^Built ([\d,]+) pages in ([\d.]+) s")
INDEXED = re.compile(r"^Search index (?:made in ([\d.]+) s|left to the next build)")
SERVING = re.compile(r"^Serving ")
FAILED = re.compile(r"^Build failed|internal error|Traceback")
WAIT_S = 900.0
"""The longest a build and its index may take before the benchmark gives up (a cold 10,000-record build with
its index takes 1–2 minutes on a quiet machine)."""


class Serve:
    """One ``site-builder serve`` process; its output lines, each with the time it was read."""

    def __init__(self, args: argparse.Namespace, site: Path, cwd: Path) -> None:
        command = [args.python, "-u", "-m", "site_builder", "serve", "--source", str(site), "--port", "0"]
        self.process = subprocess.Popen(command, cwd=cwd, env=args.env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put((time.monotonic(), line.rstrip("\n")))
        self.lines.put((time.monotonic(), ""))  # the process ended

    def until(self, pattern: re.Pattern[str]) -> tuple[float, re.Match[str]]:
        """The first line from now on that matches, with the time it was read; an error ends the benchmark."""
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"serve said nothing matching {pattern.pattern!r} in {WAIT_S:.0f} s") from None
            if not line and self.process.poll() is not None:
                raise RuntimeError(f"serve ended ({self.process.returncode}) before {pattern.pattern!r}")
            bb.log(f"    serve: {line}")
            if FAILED.search(line):
                raise RuntimeError(f"serve: {line}")
            if found := pattern.search(line):
                return at, found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def edited(serve: Serve, edit) -> dict:
    """Make one edit, then wait for its build and its index: their times."""
    written = time.monotonic()
    edit()
    at, built = serve.until(BUILT)
    _, indexed = serve.until(INDEXED)
    return {"build_s": float(built.group(2)), "seen_s": at - written,
            "search_s": float(indexed.group(1)) if indexed.group(1) else None}


def rounds(args: argparse.Namespace, n: int) -> dict[str, list[dict]]:
    nwork = args.work / f"N{n}"
    trash = bb.Trash(nwork / "trash")
    trash.empty()
    bb.make_corpus(args.shared, nwork / "stamps", n, args.seed, "hugo", nwork / "corpus-hugo" / "articles")
    bb.make_corpus(args.shared, nwork / "stamps", n, args.seed, "text", nwork / "site" / "content")
    site = bi.Site(nwork, nwork / "site" / "content")
    site.reset(trash)
    hugo_site, hugo_out, hugo_cache = nwork / "site-hugo", nwork / "out-hugo", nwork / "cache-hugo"
    runs: dict[str, list[dict]] = {"hugo": [], "title": [], "summary": []}
    serve = Serve(args, site.folder, nwork)
    try:
        serve.until(SERVING)  # after the first build and its index
        for warm in range(2):  # each build folder's first build is a cold one
            bb.log(f"  N={n} warm-up edit {warm + 1}: {edited(serve, site.edit_title)}")
        for rnd in range(args.repeats):
            for p in (hugo_out, hugo_cache, hugo_site):
                trash.discard(p)
            shutil.copytree(args.shared / "bench" / "peers" / "hugo", hugo_site)
            hugo = bb.timed([args.hugo, "--quiet", "--noBuildLock", "-s", str(hugo_site), "-d", str(hugo_out),
                             "--contentDir", str(nwork / "corpus-hugo"), "--cacheDir", str(hugo_cache)], nwork)
            runs["hugo"].append(hugo)
            bb.log(f"  N={n} round {rnd + 1}: hugo wall {hugo['wall_s']:.2f} s")
            site.round += 1
            for name, edit in (("title", site.edit_title), ("summary", site.edit_summary)):
                result = edited(serve, edit)
                runs[name].append(result)
                bb.log(f"  N={n} round {rnd + 1}: {name} {result}")
    finally:
        serve.stop()
    return runs


def table(runs: dict[str, list[dict]]) -> str:
    hugo = statistics.median(r["wall_s"] for r in runs["hugo"])
    lines = ["| build | until every page written s (serve's figure) | / Hugo | bound | edit to that line s "
             "| search index s |", "|---|---:|---:|---:|---:|---:|", f"| hugo | {hugo:.2f} | 1.000× |  |  |  |"]
    for name in ("title", "summary"):
        rows = runs[name]
        build = statistics.median(r["build_s"] for r in rows)
        seen = statistics.median(r["seen_s"] for r in rows)
        indexed = [r["search_s"] for r in rows if r["search_s"] is not None]
        bound = bi.BOUNDS[name]
        verdict = f"≤ {bound}× {'met' if build / hugo <= bound else 'NOT met'}"
        lines.append(f"| {name} | {build:.2f} | {build / hugo:.3f}× | {verdict} | {seen:.2f} | "
                     f"{statistics.median(indexed):.2f} |" if indexed else "|")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=bb.REPO / "benchmarks" / "work-serve")
    ap.add_argument("--shared", type=Path, default=bb.REPO.parent / "shared")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--ref", default="", help="measure the package as committed at this ref (as bench_build.py)")
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    args = ap.parse_args()
    args.work, args.shared = args.work.resolve(), args.shared.resolve()
    if os.sep in args.python:
        args.python = str(Path(args.python).absolute())
    args.work.mkdir(parents=True, exist_ok=True)
    args.env, measured = None, f"working tree at {bb.git('rev-parse', '--short=12', 'HEAD')}"
    if args.ref:
        sha, snap = bb.snapshot(args.work, args.ref, args.python)
        args.env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(snap),
                                                                               os.environ.get("PYTHONPATH")]))}
        measured = f"commit {sha} ({args.ref})"
    runs = rounds(args, args.records)
    print(f"\n{args.records:,} records, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {measured}; "
          f"medians of {args.repeats} round(s), in one serve process\n")
    print(table(runs))


if __name__ == "__main__":
    main()
