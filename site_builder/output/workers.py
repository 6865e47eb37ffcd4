"""Worker processes: forked pools that share the parent's model without pickling it, and leave Ctrl-C to it;
and a forked process that does part of a job beside this one."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import tempfile
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool
from typing import BinaryIO, NoReturn, TypeVar

MAX_JOBS = 4
T = TypeVar("T")
R = TypeVar("R")


def jobs() -> int:
    """How many workers are worth starting: one per core, at most MAX_JOBS; 1 where fork is unavailable."""
    if "fork" not in mp.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, MAX_JOBS)


def fork_pool(count: int, initializer: Callable[..., None] | None = None, initargs: tuple[object, ...] = ()) -> Pool:
    """``count`` forked workers, each set up by ``initializer(*initargs)``: how a job hands its workers what
    they share (the plan, the articles). Forked, the workers inherit the arguments without pickling them, and
    nothing is left in a module of this process for the next build to find."""
    return mp.get_context("fork").Pool(count, initializer=_start_worker, initargs=(initializer, initargs))


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[object, ...]) -> None:
    _ignore_interrupts()
    if initializer is not None:
        initializer(*initargs)


def _ignore_interrupts() -> None:
    """In a worker: the main process handles Ctrl-C and stops the pool, so no worker prints a traceback; and the
    pool's terminate() simply ends it, whatever the main process does on that signal (``serve`` turns it into
    a KeyboardInterrupt, which a worker would print as a traceback on every rebuild)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def in_two(items: Sequence[T], cut: int, work: Callable[[Sequence[T]], R], pack: Callable[[R], bytes],
           unpack: Callable[[bytes], R]) -> tuple[R, R]:
    """``work(items[:cut])`` here and, at the same time, ``work(items[cut:])`` in a forked process.

    The fork shares the items without copying them. Its result comes back once, as ``pack`` bytes in a file in
    memory, so choose ``cut`` to leave this process the larger part: ``unpack`` then runs while nothing else
    could. Where fork is unavailable, or the forked process fails for any reason, this process does that part
    too, so the result never depends on how it was reached.
    """
    if jobs() < 2:
        return work(items[:cut]), work(items[cut:])
    done_read, done_write = os.pipe()
    with _scratch_file() as scratch, open(done_read, "rb") as done:
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a limit, no memory): all of it here
            os.close(done_write)
            return work(items[:cut]), work(items[cut:])
        if pid == 0:  # pragma: no cover - the forked process; coverage does not follow it
            _hand_back(scratch, done_write, lambda: pack(work(items[cut:])))
        os.close(done_write)
        try:
            mine = work(items[:cut])
            handed_back = done.read() == b"1"  # "1" once the result is written; nothing if the fork failed
        except BaseException:  # Ctrl-C, or a failure here: the forked process must not outlive the build
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        scratch.seek(0)
        data = scratch.read() if handed_back else b""
    try:
        if handed_back:
            return mine, unpack(data)
    except (ValueError, EOFError, TypeError):
        pass
    finally:
        os.waitpid(pid, 0)  # only now: the forked process takes a while to free its memory on exit
    return mine, work(items[cut:])


def _scratch_file() -> BinaryIO:
    """A file in memory where Linux offers one, else an unnamed temporary file: the forked process writes its
    result without waiting for a reader, as it would on a pipe."""
    if hasattr(os, "memfd_create"):
        return open(os.memfd_create("site-builder", os.MFD_CLOEXEC), "w+b")
    return tempfile.TemporaryFile()


def _hand_back(scratch: BinaryIO, done: int, make: Callable[[], bytes]) -> NoReturn:
    """In a forked process: write ``make()`` to ``scratch``, say so on the pipe ``done``, and exit. Never return
    to the caller's code, never print (the parent reports), never run the parent's exit handlers."""
    try:
        _ignore_interrupts()
        scratch.write(make())
        scratch.flush()
        os.write(done, b"1")
    finally:
        os._exit(0)
