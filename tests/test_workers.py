"""Worker processes end quietly: stopping a pool prints nothing, even where the main process turns the terminate
signal into a KeyboardInterrupt (as ``site-builder serve`` does)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent("""
    import signal, time
    from site_builder.output import workers

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    for _ in range(3):  # as a preview server rebuilds
        with workers.fork_pool(2) as pool:
            assert pool.map(abs, [-1, -2, -3]) == [1, 2, 3]
            time.sleep(0.2)  # the workers wait for work when the pool is terminated
    print("done")
""")


def test_a_terminated_pool_prints_no_traceback() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "done\n"
    assert "Traceback" not in run.stderr and "KeyboardInterrupt" not in run.stderr, run.stderr
