"""The long fuzz run (on demand, not in CI): many inputs through every reader, counting crashes and slow inputs.

    .venv/bin/python tests/fuzz/run.py --inputs 1000000 --jobs 2 --json /tmp/fuzz.json

Each target (tests/fuzz/targets.py) gets an equal share of the inputs: most are real records from tests/data and
../shared/corpus changed by one to four mutations (cut, duplicate, swap and drop lines, flip bits, insert the
format's own marks, splice another file in, re-encode, change line ends), the rest arbitrary bytes and arbitrary
text. Every input runs under a time limit. A crash (an exception, or a diagnostic that names no place) is
written to --crashes with the input that caused it, once per target, exception type and place in the code; the
run goes on. The closing table gives inputs, records read, crashes, slow inputs and time per target.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import signal
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.targets import BY_NAME, MUTATIONS, TARGETS, mutated, seeds  # noqa: E402


class Slow(BaseException):
    """An input ran past the time limit."""


@dataclass
class Tally:
    target: str
    inputs: int = 0
    records: int = 0
    crashes: int = 0
    slow: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)
    """Crashes by exception type and the place in the code that raised it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise Slow


def one_input(rng: random.Random, name: str) -> bytes:
    """A mutated real record most of the time; arbitrary bytes or text otherwise."""
    target = BY_NAME[name]
    pool = seeds(name)
    roll = rng.random()
    if roll < 0.08 or not pool:
        return rng.randbytes(rng.randrange(0, 2048))
    if roll < 0.16:
        return "".join(chr(rng.choice((rng.randrange(32, 127), rng.randrange(0, 0x110000))))
                       for _ in range(rng.randrange(0, 512))).encode("utf-8", errors="surrogatepass")
    steps = [(rng.choice(MUTATIONS), rng.randrange(1 << 20), rng.randrange(1 << 20), rng.randbytes(rng.randrange(8)))
             for _ in range(rng.randrange(1, 5))]
    return mutated(rng.choice(pool), steps, target.tokens, rng.choice(pool))


def _where(err: BaseException) -> str:
    frames = traceback.extract_tb(err.__traceback__)
    inside = [f for f in frames if "site_builder" in f.filename] or frames
    last = inside[-1] if inside else None
    return f"{type(err).__name__} at {Path(last.filename).name}:{last.lineno}" if last else type(err).__name__


def work(job: tuple[str, int, int, float, str]) -> Tally:
    """``count`` inputs for one target, from one seed of the random generator."""
    name, count, seed, limit, crashes = job
    signal.signal(signal.SIGALRM, _on_alarm)
    rng = random.Random(seed)
    tally = Tally(name)
    run = BY_NAME[name].run
    for _ in range(count):
        data = one_input(rng, name)
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            tally.records += run(data)
        except Slow:
            tally.slow += 1
            _keep(crashes, name, "slow", data, f"over {limit} s")
        except Exception as err:  # noqa: BLE001 - every exception is what this run looks for
            tally.crashes += 1
            kind = _where(err)
            tally.kinds[kind] = tally.kinds.get(kind, 0) + 1
            if tally.kinds[kind] == 1:
                _keep(crashes, name, kind, data, traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        spent = time.perf_counter() - started
        tally.seconds += spent
        if spent > max(tally.slowest, limit / 5):  # worth a look before it becomes a hang
            _keep(crashes, name, "slowest", data, f"{spent:.2f} s")
        tally.slowest = max(tally.slowest, spent)
        tally.inputs += 1
    return tally


def _keep(folder: str, name: str, kind: str, data: bytes, why: str) -> None:
    """The input that caused a crash, and the traceback, for a regression test (the slowest inputs, too, under
    names of their own)."""
    out = Path(folder) / name
    out.mkdir(parents=True, exist_ok=True)
    stem = ("slowest-" if kind == "slowest" else "") + hashlib.sha1(data).hexdigest()[:12]
    (out / f"{stem}.input").write_bytes(data)
    (out / f"{stem}.txt").write_text(f"{kind}\n\n{why}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs in all (default 1,000,000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: one a core)")
    parser.add_argument("--seed", type=int, default=15, help="seed of the random generator")
    parser.add_argument("--limit", type=float, default=5.0, help="seconds one input may take (default 5)")
    parser.add_argument("--targets", default=",".join(t.name for t in TARGETS), help="comma-separated targets")
    parser.add_argument("--chunk", type=int, default=2000, help="inputs a job runs before reporting")
    parser.add_argument("--crashes", default="fuzz-crashes", help="folder for the inputs that crashed")
    parser.add_argument("--json", help="write the tallies here")
    args = parser.parse_args()
    names = args.targets.split(",")
    for name in names:
        seeds(name)  # read once before forking, shared by every worker
    shares = [args.inputs // len(names) + (i < args.inputs % len(names)) for i in range(len(names))]  # sum: --inputs
    jobs = [(name, min(args.chunk, share - done), args.seed * 1_000_003 + i * 7_919 + done, args.limit, args.crashes)
            for i, (name, share) in enumerate(zip(names, shares, strict=True)) for done in range(0, share, args.chunk)]
    random.Random(args.seed).shuffle(jobs)  # targets take different times; mixing them keeps every worker busy
    totals = {name: Tally(name) for name in names}
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for n, tally in enumerate(pool.imap_unordered(work, jobs), 1):
            total = totals[tally.target]
            for key in ("inputs", "records", "crashes", "slow", "seconds"):
                setattr(total, key, getattr(total, key) + getattr(tally, key))
            total.slowest = max(total.slowest, tally.slowest)
            for kind, count in tally.kinds.items():
                total.kinds[kind] = total.kinds.get(kind, 0) + count
            if n % 50 == 0:
                done = sum(t.inputs for t in totals.values())
                print(f"{done:,} inputs, {sum(t.crashes for t in totals.values())} crashes, "
                      f"{time.perf_counter() - started:,.0f} s", file=sys.stderr, flush=True)
    wall = time.perf_counter() - started
    print(f"{'target':<14}{'inputs':>10}{'records':>11}{'crashes':>9}{'slow':>6}{'CPU s':>9}{'slowest s':>11}")
    for t in totals.values():
        print(f"{t.target:<14}{t.inputs:>10,}{t.records:>11,}{t.crashes:>9}{t.slow:>6}{t.seconds:>9,.0f}"
              f"{t.slowest:>11.2f}")
        for kind, count in sorted(t.kinds.items()):
            print(f"    {count:,} × {kind}")
    inputs = sum(t.inputs for t in totals.values())
    crashes = sum(t.crashes + t.slow for t in totals.values())
    print(f"{inputs:,} inputs, {crashes} crashes or slow inputs, {wall:,.0f} s with {args.jobs} processes")
    if args.json:
        Path(args.json).write_text(json.dumps({"inputs": inputs, "wall_seconds": wall, "jobs": args.jobs,
                                               "seed": args.seed, "limit": args.limit,
                                               "targets": [asdict(t) for t in totals.values()]}, indent=1))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
