"""Worker processes: forked pools that share the parent's model without pickling it, and leave Ctrl-C to it."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from multiprocessing.pool import Pool

MAX_JOBS = 4


def jobs() -> int:
    """How many workers are worth starting: one per core, at most MAX_JOBS; 1 where fork is unavailable."""
    if "fork" not in mp.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, MAX_JOBS)


def fork_pool(count: int) -> Pool:
    return mp.get_context("fork").Pool(count, initializer=_ignore_interrupts)


def _ignore_interrupts() -> None:
    """In a worker: the main process handles Ctrl-C and stops the pool, so no worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
