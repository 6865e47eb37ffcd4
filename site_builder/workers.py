"""Worker processes: a build's work shared with forked processes where forking is safe, else done here.

A worker is given the work and its context once, by the pool's initializer: forked, it shares the model without
pickling it, and keeps it only while the pool lives. Only items and results cross between processes. Workers
leave Ctrl-C to the main process, which stops them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar, cast

MAX_JOBS = 4
C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many processes may share the work: one per core, at most MAX_JOBS, where a fork is safe; else 1.

    A fork is safe on Linux in a process that runs no other thread: a lock another thread holds at the fork stays
    held in the child for ever (the preview server answers requests from threads), and CPython calls forking
    unsafe on macOS, whose system libraries start threads of their own.
    """
    if sys.platform != "linux" or threading.active_count() > 1 or "fork" not in mp.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, MAX_JOBS)


def in_order(work: Callable[[C, T], R], context: C, items: Sequence[T], parallel: bool = True,
             chunksize: int = 1, fresh_every: int = 0, packed: bool = False) -> Iterator[R]:
    """``work(context, item)`` for each item, in the items' order: in forked workers when ``parallel`` and
    ``jobs()`` allow, else here. ``work`` must be a module-level function (workers are told it by name).

    With ``fresh_every``, new workers take over after each run of that many items: a forked worker's memory
    grows with all it has touched of the parent's (each object it reads gets its reference count written, and
    the page that holds it copied) and with its own caches, so on a large site long-lived workers would each
    end up holding a copy of the whole model.

    With ``packed``, a worker sends each result pickled, and it is unpickled here only when taken: the pool
    takes in every result as soon as it is done, and those done while an earlier one is still awaited (the
    pages rendered while a long run writes the list downloads) wait as bytes, not as many small objects whose
    memory, once freed, the process keeps.

    An exception ``work`` raises in a worker is raised here; if a worker dies instead, or no process can be
    started, the items not yet done are done here.
    """
    if fresh_every > 0 and len(items) > fresh_every:
        for start in range(0, len(items), fresh_every):
            yield from in_order(work, context, items[start:start + fresh_every], parallel, chunksize,
                                packed=packed)
        return
    count = jobs() if parallel else 1
    pool = _pool(count, work, context) if count > 1 else None
    try:
        results = pool.map(_run_packed if packed else _run, items, chunksize=chunksize) if pool else None
    except (OSError, BrokenProcessPool):  # no process to spare (a limit, no memory): all of it here
        results = None
    done = 0
    try:
        for result in results if results is not None else ():
            yield pickle.loads(result) if packed else result
            done += 1
    except BrokenProcessPool:  # a worker died (killed, out of memory): the rest is done here
        pass
    finally:  # also on Ctrl-C: what no worker has started is dropped
        if pool:
            pool.shutdown(cancel_futures=True)
    for item in items[done:]:
        yield work(context, item)


def beside(work: Callable[[C, T], R], context: C, here: T, there: T) -> tuple[R, R]:
    """``work(context, here)`` in this process while a forked worker does ``work(context, there)``.

    Both parts are done here where a fork is not safe, and ``there`` is done here too if the worker fails in any
    way (no process to spare, killed, a result it cannot send back): the result never depends on how it was
    reached.
    """
    if jobs() < 2:
        return work(context, here), work(context, there)
    pool = _pool(1, work, context)
    try:
        try:
            future: Future[R] | None = pool.submit(_run, there)
        except OSError:  # no process to spare
            future = None
        mine = work(context, here)
        try:
            if future is not None:
                return mine, future.result()
        except Exception:  # noqa: BLE001 - whatever went wrong over there, this process can do the part itself
            pass
        return mine, work(context, there)
    finally:
        pool.shutdown(cancel_futures=True)


def apart(work: Callable[[], R], meanwhile: Callable[[], object] | None = None) -> R:
    """``work()`` in a forked worker, its result sent back, where a fork is safe; else here, and here too if the
    worker fails in any way (``beside``). For work that leaves much garbage behind in a process that lives on:
    freed, it leaves holes among what the process keeps, which the process holds until it ends. ``meanwhile()``,
    when given, is done here once, while the worker works (before ``work`` where there is none)."""
    return cast(R, beside(_here_or_there, (work, meanwhile), False, True)[1])  # the part "there": work()'s result


def _here_or_there(works: tuple[Callable[[], R], Callable[[], object] | None], there: bool) -> R | None:
    work, meanwhile = works
    if there:
        return work()
    if meanwhile is not None:
        meanwhile()
    return None


def _pool(count: int, work: Callable[[C, T], R], context: C) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(count, mp_context=mp.get_context("fork"), initializer=_start,
                               initargs=(work, context))


_TASK: tuple[Callable[[Any, Any], Any], Any] | None = None
"""In a worker process only: its work and context, set by the pool's initializer."""


def _start(work: Callable[[Any, Any], Any], context: Any) -> None:
    """In a new worker: the main process handles Ctrl-C and stops the pool, so no worker prints a traceback;
    and a terminate signal simply ends a worker, whatever the main process does with it (``serve`` turns it into
    a KeyboardInterrupt, which a worker would print as a traceback)."""
    global _TASK
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _TASK = (work, context)


def _run(item: Any) -> Any:
    assert _TASK is not None, "a pool's work runs only in its workers"
    work, context = _TASK
    return work(context, item)


def _run_packed(item: Any) -> bytes:
    return pickle.dumps(_run(item), pickle.HIGHEST_PROTOCOL)
