"""Worker processes: results in order and the same as one process's; a fork only where it is safe; Ctrl-C stops
the workers without a traceback and leaves no process behind."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from site_builder import workers

REPO = Path(__file__).resolve().parent.parent


def _square_plus(offset: int, item: int) -> tuple[int, int]:
    return os.getpid(), item * item + offset


def test_workers_give_what_one_process_gives_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    items = list(range(40))
    got = list(workers.in_order(_square_plus, 5, items, chunksize=3))
    assert [value for _pid, value in got] == [i * i + 5 for i in items]
    assert os.getpid() not in {pid for pid, _value in got}  # the context reached the workers, not a copy here
    assert multiprocessing.active_children() == []
    alone = list(workers.in_order(_square_plus, 5, items, parallel=False))
    assert {pid for pid, _value in alone} == {os.getpid()}


def test_fresh_workers_take_over_after_each_run_of_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    items = list(range(10))
    got = list(workers.in_order(_square_plus, 1, items, fresh_every=4))
    assert [value for _pid, value in got] == [i * i + 1 for i in items]
    pools = [{pid for pid, _value in got[start:start + 4]} for start in (0, 4, 8)]
    assert not pools[0] & pools[1] and not pools[1] & pools[2]  # each run of four by workers of its own
    assert os.getpid() not in set().union(*pools)
    assert multiprocessing.active_children() == []


def test_no_fork_while_another_thread_runs_or_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert workers.jobs() == 2
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as the preview server's HTTP thread
    server.start()
    try:
        assert workers.jobs() == 1
        assert {pid for pid, _value in workers.in_order(_square_plus, 0, [1, 2, 3])} == {os.getpid()}
    finally:
        stop.set()
        server.join()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert workers.jobs() == 1


def test_a_fork_refused_by_the_system_costs_time_not_results(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(workers, "jobs", lambda: 2)
    monkeypatch.setattr(os, "fork", refused)
    assert [value for _pid, value in workers.in_order(_square_plus, 1, [1, 2, 3])] == [2, 5, 10]


def _dies_at_seven(parent: int, item: int) -> int:
    if item == 7 and os.getpid() != parent:
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    return item * 2


def test_a_worker_that_dies_costs_time_not_results(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    assert list(workers.in_order(_dies_at_seven, os.getpid(), list(range(20)))) == [i * 2 for i in range(20)]
    assert multiprocessing.active_children() == []


def test_an_error_in_a_worker_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    with pytest.raises(ZeroDivisionError):
        list(workers.in_order(_divide, 1, [1, 0, 2]))


def _divide(numerator: int, item: int) -> float:
    return numerator / item


def test_work_apart_is_done_in_a_worker_and_here_when_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    pid, value = workers.apart(lambda: (os.getpid(), [here, "made apart"]))  # a closure: forked, never pickled
    assert pid != here and value == [here, "made apart"]
    assert multiprocessing.active_children() == []

    def dies_there() -> int:
        if os.getpid() != here:
            os._exit(1)
        return 7

    assert workers.apart(dies_there) == 7
    monkeypatch.setattr(workers, "jobs", lambda: 1)
    assert workers.apart(os.getpid) == here


SCRIPT = textwrap.dedent("""
    import multiprocessing, os, signal, sys, time
    from site_builder import workers

    def slow(_context, item):
        time.sleep(0.05)
        return item

    workers.jobs = lambda: 2
    try:
        for item in workers.in_order(slow, None, list(range(200))):
            if item == 3:
                os.kill(0, signal.SIGINT)  # Ctrl-C reaches every process of the terminal's group
                time.sleep(1)
    except KeyboardInterrupt:
        print("stopped", len(multiprocessing.active_children()))
""")


def test_ctrl_c_stops_the_workers_quietly() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=60,
                         start_new_session=True)
    assert run.stdout == "stopped 0\n", run.stderr
    assert "Traceback" not in run.stderr and "KeyboardInterrupt" not in run.stderr, run.stderr


def test_what_is_done_meanwhile_is_done_here_once_while_the_work_is_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """``apart``'s ``meanwhile`` runs in this process while a worker does the work, once, whether a worker does
    it, the worker fails and this process does the work after all, or no worker can be had."""
    here = os.getpid()
    done: list[int] = []
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    assert workers.apart(os.getpid, lambda: done.append(os.getpid())) != here
    assert done == [here]

    def dies_there() -> int:
        if os.getpid() != here:
            os._exit(1)
        return 7

    assert workers.apart(dies_there, lambda: done.append(os.getpid())) == 7
    assert done == [here, here]
    monkeypatch.setattr(workers, "jobs", lambda: 1)
    assert workers.apart(os.getpid, lambda: done.append(os.getpid())) == here
    assert done == [here, here, here]
