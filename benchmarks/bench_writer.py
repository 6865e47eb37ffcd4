#!/usr/bin/env python3
"""Writing many files into the output folder, both ways output/write.py writes them, in the same run:

* new folders (a first build): each folder staged under another name, its files written straight, the folder
  renamed when the writing is finished;
* existing folders (a rebuild): each file under a temporary name, then renamed over its own.

Each round writes FILES files of SIZE bytes over three folders into a fresh output folder both ways, in turn, and
reports wall, user and system seconds, each way first in turn and the disk synced before each; the best round of
each is what to compare (the machine is shared).

  .venv/bin/python benchmarks/bench_writer.py --files 29000 --size 12000 --rounds 3 --work /tmp/bench-writer
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import time
from pathlib import Path

from site_builder.output.write import OutputWriter

FOLDERS = ("articles", "authors", "topics")


def write_all(out: Path, files: int, data: bytes, folders_exist: bool) -> tuple[float, float, float]:
    shutil.rmtree(out, ignore_errors=True)
    os.sync()  # the last round's removal and writes settled first: on a disk mounted with discard they linger
    time.sleep(1)
    out.mkdir(parents=True)
    if folders_exist:
        for folder in FOLDERS:
            (out / folder).mkdir()
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    writer = OutputWriter(out)
    written = []
    for n in range(files):
        rel = f"{FOLDERS[n % len(FOLDERS)]}/page-{n}.html"
        writer.write(rel, data)
        written.append((rel, True))
    writer.finish(written)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (time.perf_counter() - started, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=29_000)
    parser.add_argument("--size", type=int, default=12_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-writer"))
    args = parser.parse_args()
    data = b"x" * args.size
    best: dict[str, tuple[float, float, float]] = {}
    ways = [("new folders (staged)", False), ("existing folders (a temporary name a file)", True)]
    for round_number in range(args.rounds):
        for label, exist in ways if round_number % 2 == 0 else ways[::-1]:  # each first in turn
            figures = write_all(args.work / "out", args.files, data, exist)
            print(f"{label:45s} wall {figures[0]:6.2f} s  user {figures[1]:5.2f} s  sys {figures[2]:5.2f} s")
            best[label] = min(best.get(label, figures), figures)
    shutil.rmtree(args.work, ignore_errors=True)
    print("best:")
    for label, (wall, user, system) in best.items():
        print(f"{label:45s} wall {wall:6.2f} s  user {user:5.2f} s  sys {system:5.2f} s")


if __name__ == "__main__":
    main()
