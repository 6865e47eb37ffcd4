#!/usr/bin/env python3
"""Time a full site-builder build against Hugo 0.111 on the same synthetic records.

The target: a full build of 10,000 records (28,812 pages) within 1.5x of Hugo's wall time,
measured in the same run on the same machine. Standard library only.

For each corpus size N (``--sizes``) the script
  1. generates the records once with ``make_corpus.py`` from the shared bench folder
     (``--format text`` into ``WORK/N<n>/site/content/`` for us, ``--format hugo`` into
     ``WORK/N<n>/corpus-hugo/articles/`` for Hugo); both are cached and reused while
     (N, seed, make_corpus.py) are unchanged. Our site folder holds nothing but
     ``content/``: templates and static files come from the package defaults;
  2. builds each case from clean under GNU time (``/usr/bin/time -v``: wall, CPU, peak RSS),
     with the cases taking turns within a round so that drift of a noisy machine hits all
     of them alike (as ``run_peers.py`` does). Before every timed run, untimed: the old
     output is moved aside to a trash folder (emptied once every size is measured), then
     ``sync`` and 1 s of rest. Before the first (warm-up) run of a size the kernel's caches are dropped,
     because file creation is slow for minutes after a large delete here (SETTLE_S).
     The cases:
       * ``hugo``:  ``hugo --quiet --noBuildLock -s <fresh copy of peers/hugo> -d OUT
         --contentDir <corpus> --cacheDir <fresh cache>``, exactly as run_peers.py runs it;
       * ``ours``:  ``PYTHON -m site_builder build --source SITE --output OUT`` from clean
         (output moved aside, and anything the build left in SITE besides ``content/``, such
         as a cache, moved aside too);
       * ``ours (no change)``: the same command again on the output just built, nothing
         changed: the incremental rebuild (skip with ``--no-incremental``);
       * ``ours (no search)``: the default site from clean with ``search = false``: what the search
         index (Pagefind) adds to a build is the difference from ``ours``; ``--cases nosearch`` times it alone
         (e.g. for what a speed trick of the references gains);
       * ``ours (core site)``: a clean build of the pages Hugo's peer builds, from a site
         folder whose ``content/`` links to the same records and whose ``site.toml`` turns
         off references, download files and search (``CORE_SETTINGS``);
       * ``ours (core site, LANG)``: the same core site with ``language = LANG`` (``--language``, default
         es): the interface's cost, in the same rounds as the English core site (``--cases core,language``);
  3. counts the ``.html`` files of each output (and the size of the largest) and reports a Markdown table of
     medians
     (wall, min-max, CPU, peak RSS, pages, pages/s, wall relative to Hugo's clean build),
     then writes every raw run to a JSON file.

What is measured: by default whatever ``PYTHON -m site_builder`` imports (the editable install of the
working tree, so uncommitted edits count, and edits made during the run change it midway); with
``--ref HEAD`` (or any commit) the package as committed there, exported once to
``WORK/snapshot-<sha>/`` and put first on PYTHONPATH: use that for figures you publish.

With ``--profile`` it then runs our clean build once more under cProfile for the largest
size and prints the top 30 functions by cumulative time (and the top 15 by own time).
cProfile sees only the main process, so by default the profiled build runs serially
(``os.cpu_count`` reports 1 inside it, which keeps the builder from starting worker pools)
and every function's own time shows; ``--profile-parallel`` profiles the build as it
normally runs, where the workers' time shows up only as waiting on a lock; ``--profile-core``
profiles the core site (the ``ours (core site)`` settings) instead of the default site.
``--profile-only`` skips the timing.

Examples (from the repo root; the benchmark needs ``apt-get install -y hugo time``):
  /work/venv/bin/python benchmarks/bench_build.py --sizes 1000,10000 --repeats 3 --ref HEAD \\
      --json benchmarks/work/results.json --profile
  python3 benchmarks/bench_build.py --sizes 1000 --repeats 1 --warmup 0 --cases hugo
  python3 benchmarks/bench_build.py --sizes 10000 --repeats 2 --cases hugo,core --ref HEAD   # the core site alone
  python3 benchmarks/bench_build.py --sizes 10000 --repeats 3 --cases core,language --ref HEAD  # English and Spanish
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GNU_TIME = "/usr/bin/time"
KEEP_LONG_WARMUP_S = 30.0  # a warm-up run longer than this is kept as a measured run
TARGET_RATIO = 1.5
SEARCH_SHARE = 0.25
"""The bound on what the search index may add to the default build's wall time."""
CASES = ("hugo", "ours", "ours (no change)", "ours (no search)", "ours (core site)")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


SETTLE_S = 360.0
"""How long file creation can stay slow after a large delete, unless the kernel's caches are dropped. On these
machines / is ext4 without a journal, and there the inode allocator skips every free inode deleted in the last 60 s
(360 s while its inode-table block is dirty) that it finds in the buffer cache, checking them one by one: right
after an ``rm -rf`` of a built site, creating 28,000 empty files took 5-17 s of system time, and still 10 s
after 65 s of waiting; after ``sync`` and dropping the caches, 0.5 s (perf: find_inode_bit, recently_deleted).
So nothing is deleted between timed runs, and before the first run of a size the caches are dropped (as root) or,
where that is not allowed, the benchmark waits this long after its last delete."""
_last_delete = time.monotonic()  # what happened before the benchmark started is unknown: assume a delete


def deleted() -> None:
    global _last_delete
    _last_delete = time.monotonic()


def settle(seconds: float) -> None:
    """Make file creation as fast as on a file system without recent deletes (see SETTLE_S)."""
    sh(["sync"])
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        wait = _last_delete + seconds - time.monotonic()
        if wait > 0:
            log(f"  waiting {wait:.0f} s after the last delete (cannot drop the kernel's caches; see --settle)")
            time.sleep(wait)
    else:
        log("  dropped the kernel's caches (see SETTLE_S); the warm-up round reads the records again")


class Trash:
    """Outputs are moved here in O(1) and deleted only once every size is measured, so that deleting ~10^5
    files never comes shortly before a timed run (SETTLE_S)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def discard(self, path: Path) -> None:
        if os.path.lexists(path):
            self.folder.mkdir(parents=True, exist_ok=True)
            os.rename(path, self.folder / f"{len(os.listdir(self.folder))}-{path.name}")

    def empty(self) -> None:
        if os.path.lexists(self.folder):
            sh(["rm", "-rf", "--", str(self.folder)])
            deleted()
        sh(["sync"])


def make_corpus(shared: Path, stamps: Path, n: int, seed: int, fmt: str, out: Path) -> None:
    """Generate (or reuse) the records for (n, seed, fmt) in out; the stamp lives outside out."""
    script = shared / "bench" / "make_corpus.py"
    stamp = stamps / f"corpus-{fmt}.stamp"
    want = f"{n} {seed} {fmt} {hashlib.sha256(script.read_bytes()).hexdigest()[:16]}"
    if stamp.exists() and stamp.read_text() == want and out.is_dir():
        return
    if out.exists():
        shutil.rmtree(out)
        deleted()
    t0 = time.monotonic()
    sh([sys.executable, str(script), "--records", str(n), "--seed", str(seed), "--format", fmt, "--out", str(out)])
    log(f"  corpus {fmt} N={n}: {time.monotonic() - t0:.1f} s")
    stamps.mkdir(parents=True, exist_ok=True)
    stamp.write_text(want)


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    """Run cmd under GNU time -v; return wall (own monotonic clock), CPU and peak RSS."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        tfile = tf.name
    try:
        t0 = time.monotonic()
        proc = subprocess.run([GNU_TIME, "-v", "-o", tfile, *cmd], cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True)
        wall = time.monotonic() - t0
        report = Path(tfile).read_text()
    finally:
        os.remove(tfile)
    tail = (proc.stdout.decode(errors="replace") + proc.stderr.decode(errors="replace")).strip()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}\nfailed ({proc.returncode}):\n{tail[-3000:]}")
    vals = {}
    for line in report.splitlines():
        key, _, val = line.strip().rpartition(": ")
        vals[key] = val
    user, sys_ = float(vals["User time (seconds)"]), float(vals["System time (seconds)"])
    return {"wall_s": wall, "user_s": user, "sys_s": sys_, "cpu_s": user + sys_,
            "rss_mb": int(vals["Maximum resident set size (kbytes)"]) / 1024.0,
            "last_line": tail.splitlines()[-1] if tail else "", "tail": tail[-4000:]}


def count_html(root: Path) -> tuple[int, int, int]:
    """(html files, all files, bytes of the largest html file) under root."""
    html = files = largest = 0
    for folder, _, filenames in os.walk(root):
        files += len(filenames)
        pages = [f for f in filenames if f.endswith(".html")]
        html += len(pages)
        largest = max([largest, *(os.path.getsize(os.path.join(folder, f)) for f in pages)])
    return html, files, largest


@dataclass(frozen=True)
class Builder:
    """What runs our builds: the working tree (env None), or a commit exported to a snapshot on PYTHONPATH."""

    label: str
    env: dict[str, str] | None


@dataclass
class Case:
    """One thing to time: prepare() untimed, cmd timed, then its output counted."""

    name: str
    prepare: Callable[[], None]
    cmd: list[str]
    output: Path
    cwd: Path
    env: dict[str, str] | None = None
    runs: list[dict] = field(default_factory=list)

    def run_once(self) -> dict:
        self.prepare()
        sh(["sync"])
        time.sleep(1.0)
        r = timed(self.cmd, self.cwd, self.env)
        r["html_pages"], r["files"], r["largest_html"] = count_html(self.output)
        return r


def ours_cmd(args: argparse.Namespace, site: Path, out: Path) -> list[str]:
    return [args.python, "-m", "site_builder", "build", "--source", str(site), "--output", str(out)]


def build_cases(args: argparse.Namespace, n: int, nwork: Path, trash: Trash) -> list[Case]:
    site = nwork / "site"
    cases = []
    if "hugo" in args.cases:
        hsite, hout, hcache = nwork / "site-hugo", nwork / "out-hugo", nwork / "cache-hugo"

        def prep_hugo() -> None:
            for p in (hout, hcache, hsite):
                trash.discard(p)
            shutil.copytree(args.shared / "bench" / "peers" / "hugo", hsite)

        cases.append(Case("hugo", prep_hugo,
                          [args.hugo, "--quiet", "--noBuildLock", "-s", str(hsite), "-d", str(hout),
                           "--contentDir", str(nwork / "corpus-hugo"), "--cacheDir", str(hcache)], hout, nwork))
    wanted = set(args.cases)
    for builder in args.builders:
        variants = args.variants if builder is args.builders[-1] else []  # the variants of the ref measured
        for variant, extra in [("", {}), *variants]:
            cases += _our_cases(args, builder, variant, extra, wanted, site, nwork, trash)
    return cases


def _our_cases(args: argparse.Namespace, builder: Builder, variant: str, extra: dict[str, str], wanted: set[str],
               site: Path, nwork: Path, trash: Trash) -> list[Case]:
    """The builds of ours with one builder (a ref, or the working tree) and one set of extra environment."""
    suffix = (f" @{builder.label}" if len(args.builders) > 1 else "") + (f" [{variant}]" if variant else "")
    slug = "".join(c if c.isalnum() else "-" for c in suffix.strip())
    env = {**(builder.env or os.environ), **extra} if (builder.env or extra) else None
    cases = []
    out = nwork / ("out-ours" + (f"-{slug}" if slug else ""))
    if "ours" in wanted:
        def prep_ours() -> None:
            trash.discard(out)
            for extra_file in site.iterdir():  # e.g. a build cache: a clean build starts without it
                if extra_file.name != "content":
                    trash.discard(extra_file)

        cases.append(Case("ours" + suffix, prep_ours, ours_cmd(args, site, out), out, nwork, env))
        if not args.no_incremental:
            cases.append(Case("ours (no change)" + suffix, lambda: None, ours_cmd(args, site, out), out, nwork, env))
    if wanted & {"ours", "nosearch"}:
        plain = nwork / ("site-nosearch" + (f"-{slug}" if slug else ""))
        plain_out = nwork / ("out-nosearch" + (f"-{slug}" if slug else ""))

        def prep_plain() -> None:
            # The default site without its search index: what indexing adds is the difference.
            trash.discard(plain_out)
            trash.discard(plain)
            plain.mkdir()
            (plain / "content").symlink_to(site / "content")
            (plain / "site.toml").write_text("search = false\n", encoding="utf-8")

        cases.append(Case("ours (no search)" + suffix, prep_plain, ours_cmd(args, plain, plain_out), plain_out,
                          nwork, env))
    if wanted & {"ours", "core"}:
        core = nwork / ("site-core" + (f"-{slug}" if slug else ""))
        core_out = nwork / ("out-core" + (f"-{slug}" if slug else ""))

        def prep_core() -> None:
            # The pages of the core issue's site, as Hugo's peer builds them: no references, no download files.
            trash.discard(core_out)
            trash.discard(core)
            core.mkdir()
            (core / "content").symlink_to(site / "content")
            (core / "site.toml").write_text(CORE_SETTINGS, encoding="utf-8")

        cases.append(Case("ours (core site)" + suffix, prep_core, ours_cmd(args, core, core_out), core_out, nwork,
                          env))
    if "language" in wanted:
        spoken = nwork / ("site-language" + (f"-{slug}" if slug else ""))
        spoken_out = nwork / ("out-language" + (f"-{slug}" if slug else ""))

        def prep_language() -> None:
            # The core site in another interface language: what the catalogues cost is the difference.
            trash.discard(spoken_out)
            trash.discard(spoken)
            spoken.mkdir()
            (spoken / "content").symlink_to(site / "content")
            (spoken / "site.toml").write_text(CORE_SETTINGS + f'language = "{args.language}"\n', encoding="utf-8")

        cases.append(Case(f"ours (core site, {args.language})" + suffix, prep_language,
                          ours_cmd(args, spoken, spoken_out), spoken_out, nwork, env))
    return cases


CORE_SETTINGS = "references = false\ndownloads = false\nsearch = false\n"


def summarise(cases: list[Case]) -> dict:
    result = {}
    for c in cases:
        if not c.runs:
            continue
        med = {k: statistics.median(r[k] for r in c.runs) for k in ("wall_s", "cpu_s", "rss_mb")}
        result[c.name] = {"n_runs": len(c.runs), "median": med, "runs": c.runs, "cmd": c.cmd,
                          "html_pages": c.runs[-1]["html_pages"], "files": c.runs[-1]["files"],
                          "min_wall_s": min(r["wall_s"] for r in c.runs),
                          "max_wall_s": max(r["wall_s"] for r in c.runs)}
    return result


def measure(args: argparse.Namespace, n: int, save: Callable[[dict], None]) -> dict:
    """Time every case at size n; save(partial result) after every measured run, so an interrupted
    benchmark keeps what it measured."""
    nwork = args.work / f"N{n}"
    nwork.mkdir(parents=True, exist_ok=True)
    trash = Trash(nwork / "trash")
    if "hugo" in args.cases:
        make_corpus(args.shared, nwork / "stamps", n, args.seed, "hugo", nwork / "corpus-hugo" / "articles")
    if {"ours", "core", "nosearch", "language"} & set(args.cases):
        make_corpus(args.shared, nwork / "stamps", n, args.seed, "text", nwork / "site" / "content")
    cases = build_cases(args, n, nwork, trash)
    settle(args.settle)
    for rnd in range(args.warmup + args.repeats):
        measured = rnd >= args.warmup
        turn = rnd % len(cases) if args.rotate else 0  # who goes first moves on each round: drift hits all alike
        for c in cases[turn:] + cases[:turn]:
            r = c.run_once()
            keep = measured or r["wall_s"] > KEEP_LONG_WARMUP_S
            if keep:
                c.runs.append(r)
                save(summarise(cases))
            label = f"run {rnd + 1 - args.warmup}" if measured else f"warm-up {rnd + 1}"
            log(f"  N={n} {label}: {c.name:17s} wall {r['wall_s']:7.2f} s  cpu {r['cpu_s']:7.2f} s  "
                f"rss {r['rss_mb']:7.1f} MB  html {r['html_pages']}{'' if measured or not keep else '  (kept)'}")
    return summarise(cases)  # the last output of each case stays in WORK/N<n>/ for inspection


def table(results: dict) -> str:
    rows = ["| records | build | wall s (median) | wall min–max | CPU s | peak RSS MB | HTML pages | pages/s "
            "| wall / Hugo |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n, res in results.items():
        hugo = res.get("hugo", {}).get("median", {}).get("wall_s")
        for name, r in res.items():
            m = r["median"]
            ratio = f"{m['wall_s'] / hugo:.2f}×" if hugo else "–"
            rows.append(f"| {n:,} | {name} | {m['wall_s']:.2f} | {r['min_wall_s']:.2f}–{r['max_wall_s']:.2f} | "
                        f"{m['cpu_s']:.2f} | {m['rss_mb']:.0f} | {r['html_pages']:,} | "
                        f"{r['html_pages'] / m['wall_s']:,.0f} | {ratio} |")
    return "\n".join(rows)


def verdicts(results: dict) -> list[str]:
    lines = []
    for n, res in results.items():
        hugo = res.get("hugo")
        for case, r in res.items():
            if hugo and case.startswith("ours") and not case.startswith("ours (no change)"):
                ratio = r["median"]["wall_s"] / hugo["median"]["wall_s"]
                ok = "within" if ratio <= TARGET_RATIO else "NOT within"
                lines.append(f"N={n:,}: {case}/Hugo wall = {ratio:.2f} ({ok} the {TARGET_RATIO}× target)")
        if "ours" in res and "ours (no search)" in res:
            added = res["ours"]["median"]["wall_s"] / res["ours (no search)"]["median"]["wall_s"] - 1
            lines.append(f"N={n:,}: the search index adds {added:.0%} to the default build's wall time "
                         f"({'within' if added <= SEARCH_SHARE else 'NOT within'} the {SEARCH_SHARE:.0%} bound); "
                         f"peak RSS of any process {res['ours']['median']['rss_mb']:.0f} MB")
        for name, r in res.items():
            if name != "hugo":
                largest = max(x["largest_html"] for x in r["runs"])
                lines.append(f"N={n:,}: {name}: largest HTML page {largest / 1000:.0f} kB")
        core = res.get("ours (core site)")
        if hugo and core and core["html_pages"] != hugo["html_pages"]:
            lines.append(f"N={n:,}: page counts differ: core site {core['html_pages']:,}, "
                         f"Hugo {hugo['html_pages']:,} (ours adds year, journal and free pages, a 404 page)")
    return lines


PROFILE_MAIN = """
import cProfile, os, runpy, sys
prof, serial = sys.argv[1], sys.argv[2] == "serial"
if serial:  # no worker pools: their work then runs, and is profiled, in this process
    os.cpu_count = lambda: 1
sys.argv = ["site_builder", *sys.argv[3:]]
cProfile.run("runpy.run_module('site_builder', run_name='__main__', alter_sys=True)", prof)
"""


def profile(args: argparse.Namespace, n: int, top: int = 30) -> str:
    """Build once from clean under cProfile; return the top functions by cumulative time."""
    nwork = args.work / f"N{n}"
    site, out, prof = nwork / "site", nwork / "out-profile", nwork / "build.prof"
    make_corpus(args.shared, nwork / "stamps", n, args.seed, "text", site / "content")
    trash = Trash(nwork / "trash")
    trash.discard(out)
    for extra in site.iterdir():
        if extra.name != "content":
            trash.discard(extra)
    if args.profile_core:  # the core site: the same records, settings as in the "ours (core site)" case
        records, site = site / "content", nwork / "site-profile-core"
        trash.discard(site)
        site.mkdir()
        (site / "content").symlink_to(records)
        (site / "site.toml").write_text(CORE_SETTINGS, encoding="utf-8")
    pools = "parallel" if args.profile_parallel else "serial"
    mode = pools + (" core-site" if args.profile_core else "")
    cmd = ours_cmd(args, site, out)
    cmd[1:3] = ["-c", PROFILE_MAIN, str(prof), pools]
    t0 = time.monotonic()
    sh(cmd, cwd=nwork, env=args.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    trash.discard(out)
    trash.empty()
    parts = [f"cProfile of one clean {mode} build, N={n} ({wall:.1f} s wall under the profiler)"]
    for key, count in (("cumulative", top), ("tottime", top // 2)):
        buf = io.StringIO()
        pstats.Stats(str(prof), stream=buf).strip_dirs().sort_stats(key).print_stats(count)
        text = buf.getvalue()
        body = text[text.find("   ncalls"):].rstrip() if "   ncalls" in text else text
        parts.append(f"top {count} by {key}:\n{body}")
    return "\n\n".join(parts)


def git(*argv: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *argv], check=True, capture_output=True, text=True).stdout.strip()


def snapshot(work: Path, ref: str, python: str) -> tuple[str, Path]:
    """Export the package (site_builder/, templates/, static/, locales/) as committed at ref into WORK/snapshot-<sha>/,
    so that edits made to the working tree while the benchmark runs cannot change what is measured; its modules
    compiled by ``python``, as an installed package's are (where PYTHONDONTWRITEBYTECODE is set, as on the
    project's machines, every build would otherwise compile the package again: 0.2-0.4 s of each rebuild)."""
    sha = git("rev-parse", "--short=12", f"{ref}^{{commit}}")
    dest = work / f"snapshot-{sha}"
    if not (dest / ".complete").exists():
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        paths = [p for p in ("site_builder", "templates", "static", "locales")
                 if git("ls-tree", "--name-only", sha, p)]
        archive = subprocess.run(["git", "-C", str(REPO), "archive", sha, *paths], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        (dest / ".complete").write_text(sha)
    subprocess.run([python, "-m", "compileall", "-q", str(dest / "site_builder")], check=True)  # fast once done
    return sha, dest


def versions(args: argparse.Namespace) -> dict:
    def first_line(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except Exception as exc:  # noqa: BLE001 - a missing tool is reported, not fatal
            return f"unavailable ({exc})"

    return {"date_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "hugo": first_line([args.hugo, "version"]),
            "site_builder": args.measured,
            "cpu": next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                         if ln.startswith("model name")), "?"),
            "nproc": os.cpu_count(),
            "mem_total": first_line(["sh", "-c", "free -h | awk '/^Mem:/ {print $2}'"])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (default 1000,10000)")
    ap.add_argument("--repeats", type=int, default=3, help="measured rounds per size (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", default="hugo,ours",
                    help="hugo, ours (every build of ours), core (only the core site), nosearch (only the default "
                         "site without its search index) and/or language (the core site in --language); default "
                         "hugo,ours")
    ap.add_argument("--language", default="es", help="the interface language of the 'language' case (default es)")
    ap.add_argument("--no-incremental", action="store_true", help="skip the no-change rebuild of ours")
    ap.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work",
                    help="scratch folder for corpora and outputs (default benchmarks/work, git-ignored)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared folder holding bench/make_corpus.py and bench/peers/ "
                         "(default: the sibling of the repo root)")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs site_builder")
    ap.add_argument("--ref", default="",
                    help="measure site_builder as committed at this git ref (e.g. HEAD), exported to "
                         "WORK/snapshot-<sha>/ and put first on PYTHONPATH; several refs, comma-separated "
                         "(main,HEAD), are timed in turns in the same rounds; default: whatever PYTHON imports "
                         "(the editable install of the working tree, edits included)")
    ap.add_argument("--variant", action="append", default=[], metavar="LABEL:NAME=VALUE",
                    help="also time our builds with the environment variable NAME set to VALUE, labelled LABEL, "
                         "with the last --ref (repeatable; e.g. plain:SITE_BUILDER_SPEEDUPS=off)")
    ap.add_argument("--rotate", action="store_true",
                    help="start each round with the next case (default: the same order every round), so that a "
                         "load that grows or shrinks through a round does not favour the case that goes first")
    ap.add_argument("--settle", type=float, default=SETTLE_S,
                    help=f"where the kernel's caches cannot be dropped: seconds between the last delete and the "
                         f"first run of a size (default {SETTLE_S:.0f}; see SETTLE_S)")
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--json", type=Path, help="write raw runs here (default WORK/results.json)")
    ap.add_argument("--profile", action="store_true", help="then profile our build at the largest size")
    ap.add_argument("--profile-only", action="store_true", help="only the profile, no timing")
    ap.add_argument("--profile-core", action="store_true",
                    help="profile the core site (no references, no downloads) instead of the default site")
    ap.add_argument("--profile-parallel", action="store_true",
                    help="profile with the builder's worker pools (default: serial, so that all work is seen)")
    args = ap.parse_args()
    if not os.path.exists(GNU_TIME):
        sys.exit(f"{GNU_TIME} is missing: apt-get install -y time")
    args.cases = [c for c in args.cases.split(",") if c]
    args.work = args.work.resolve()
    args.shared = args.shared.resolve()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    args.work.mkdir(parents=True, exist_ok=True)
    args.builders = []
    measured = []
    for ref in [r for r in args.ref.split(",") if r] or [""]:
        if ref:
            sha, snap = snapshot(args.work, ref, args.python)
            path = os.pathsep.join(filter(None, [str(snap), os.environ.get("PYTHONPATH")]))
            args.builders.append(Builder(ref, {**os.environ, "PYTHONPATH": path}))
            measured.append(f"commit {sha} ({ref}), from {snap}")
        else:
            dirty = " plus uncommitted changes" if git("status", "--porcelain", "--", "site_builder", "templates",
                                                       "static") else ""
            args.builders.append(Builder("tree", None))
            measured.append(f"working tree at {git('rev-parse', '--short=12', 'HEAD')}{dirty}")
    args.measured = "; ".join(measured)
    args.env = args.builders[0].env  # the profile runs the first
    args.variants = []
    for spec in args.variant:
        label, _, assignment = spec.partition(":")
        name, _, value = assignment.partition("=")
        if not label or not name:
            sys.exit(f"--variant {spec!r}: expected LABEL:NAME=VALUE")
        args.variants.append((label, {name: value}))
    meta = versions(args)
    log(f"versions: {json.dumps(meta)}")
    dest = args.json or args.work / "results.json"
    results: dict = {}
    trashes = [Trash(args.work / f"N{n}" / "trash") for n in sizes]
    for trash in trashes:  # what an interrupted run left; settle() then waits before timing
        trash.empty()
    if not args.profile_only:
        for n in sizes:
            log(f"== N={n}")

            def save(partial: dict, n: int = n) -> None:
                results[n] = partial
                dest.write_text(json.dumps({"versions": meta, "argv": sys.argv, "results": results}, indent=1))

            save(measure(args, n, save))
        for trash in trashes:
            trash.empty()
        print(table(results))
        for line in verdicts(results):
            print(line)
        print(f"\nraw runs: {dest}")
    if args.profile or args.profile_only:
        print()
        print(profile(args, max(sizes)))


if __name__ == "__main__":
    main()
