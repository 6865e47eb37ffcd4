#!/usr/bin/env python3
"""Rebuilds after edits, cold builds and output size, against Hugo's full build of the same records in the same run.

Two parts, each run with ``nice`` in the background on a shared machine (see benchmarks/README.md):

``--edits N`` (default 10000): rounds of, in turn,
  * ``hugo``: Hugo 0.111's clean build of the peer site (as bench_build.py and run_peers.py run it);
  * ``cold``: our default site from clean (no output folder, no ``.site-builder/`` cache);
  * ``no change``: the same command again, nothing changed;
  * ``title``: one record's title changed in its file (every field that holds it), then a build;
  * ``summary``: the text of one summary (content/summaries/, present from the start) changed, then a build;
  * ``title moved``: the same record's title changed again so that it sorts elsewhere by title (a word put
    before it, as a correction does), then a build;
  * ``record added``: one record file of another collection (make_corpus.py, another seed, its identifiers made
    unique here) added to content/, then a build;
  * ``template``: the site's own ``templates/article.html`` (the default one with one word more) added or
    changed, then a build; checked: the build rendered exactly the article pages, and no file outside
    ``articles/`` (and the search index) was written;
  * ``core``: the core site from clean (references, downloads and search off: Hugo's peer's pages and ours).
  Each build of ours reports how long its search index took (Pagefind, after every page is written): the
  tables give the wall time, the search index's part, and the time until every page was written (the two
  subtracted), which is what the issue's bounds count. Peak RSS: of the build and its workers until every page
  is written (said by the build's process just before the index starts, MEASURED_MAIN), and GNU time's for the
  whole build, Pagefind included.
  After the cold build: the output's size (every file under the output folder, as Pages would publish it).

``--scale SIZES`` (default 1000,10000,30000,100000): one cold build of the default site at each size, with its
  time, the search index's part and peak RSS; the growth from the smallest size at or above 10,000 records.
  ``--scale-without-search``: the same with ``search = false``.

Standard library only, plus GNU time and Hugo (``apt-get install -y hugo time``); helpers from bench_build.py.

  nohup nice -n 10 python3 benchmarks/bench_incremental.py --ref HEAD --python .venv/bin/python \\
      --json benchmarks/work/incremental.json > /tmp/incr-bench.log 2>&1 &
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bench_build as bb

SUMMARY_LINE = re.compile(r"Built ([\d,]+) pages from [\d,]+ record\(s\) in ([\d.]+) s"
                          r"(?: \(the search index ([\d.]+) s of it\))?: ([\d,]+) rendered, ([\d,]+) written")
BOUNDS = {"no change": 0.05, "title": 0.15, "summary": 0.1, "cold": 2.5, "core": 1.0}
"""Wall time until every page is written, as a share of Hugo's full build (issue 14, "How fast")."""
MEMORY_MB = 700
SCALE_MEMORY_MB = 1536
SIZE_MB = 500
EDIT_CASES = ("hugo", "cold", "no change", "title", "summary", "title moved", "record added", "template", "core")
REPORTED_APART = ("title moved", "record added")
"""Edits the issue sets no bound of their own for, measured so that the bounded ones are not read as every edit's."""
BOOKKEEPING = (".site-builder", "pagefind/")
RACY_S = 2.5
"""More than output/cache.py's RACY_NS: sources changed this close to a build's start are taken as changed."""


def number(text: str) -> int:
    return int(text.replace(",", ""))


def parse_summary(line: str) -> dict:
    found = SUMMARY_LINE.search(line)
    if not found:
        raise RuntimeError(f"no build summary in: {line!r}")
    pages, seconds, searched, rendered, written = found.groups()
    return {"pages": number(pages), "build_s": float(seconds), "search_s": float(searched or 0),
            "rendered": number(rendered), "written": number(written)}


def output_bytes(root: Path) -> tuple[int, int]:
    """(bytes, files) of every file under ``root`` but the build's hidden bookkeeping."""
    total = files = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            if name.startswith(".site-builder"):
                continue
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def times(root: Path) -> dict[str, int]:
    return {os.path.relpath(os.path.join(folder, name), root): os.stat(os.path.join(folder, name)).st_mtime_ns
            for folder, _dirs, names in os.walk(root) for name in names}


class Site:
    """The site folder of the edit rounds: the shared corpus (linked), one summary, and the edits."""

    def __init__(self, work: Path, records: Path) -> None:
        self.folder = work / "site-edits"
        self.records = records
        self.round = 0
        files = sorted(records.iterdir())
        self.edited_source = files[len(files) // 2]
        self.summary_source = files[len(files) // 3]

    def reset(self, trash: bb.Trash) -> None:
        """The site as it stands before a cold build: records as generated, the summary's first text, no
        templates of its own."""
        trash.discard(self.folder)
        content = self.folder / "content"
        (content / "records").mkdir(parents=True)
        for path in self.records.iterdir():
            if path != self.edited_source:
                (content / "records" / path.name).symlink_to(path)
        shutil.copyfile(self.edited_source, content / "records" / self.edited_source.name)
        (content / "summaries").mkdir()
        self._write_summary("A first reading.")
        self.round += 1

    def edit_title(self) -> None:
        """Words after the edited record's title: the article keeps its place in every order."""
        self._retitle(lambda old: f"{old} (revised {self.round})")

    def move_title(self) -> None:
        """A word before the edited record's title: the article moves in the order by title."""
        self._retitle(lambda old: f"Reappraised {self.round}: {old}")

    def _retitle(self, new: Callable[[str], str]) -> None:
        """The edited record's title changed in every field that holds it."""
        path = self.folder / "content" / "records" / self.edited_source.name
        text = path.read_text(encoding="utf-8")
        title = re.search(r"^title (.+)$", text, re.M)
        assert title is not None, path
        path.write_text(text.replace(title.group(1), new(title.group(1))), encoding="utf-8")

    def add_record(self, extra: Path) -> None:
        """``extra``'s one record, with identifiers no record of the collection has, added to content/."""
        (record,) = sorted(extra.iterdir())
        text = record.read_text(encoding="utf-8")
        taken = {found.group(1) for path in self.records.iterdir()
                 for found in [re.search(r"^id pubmed-(\d+)$", path.read_text(encoding="utf-8"), re.M)] if found}
        pmc = re.search(r"^id pubmed-(\d+)$", text, re.M)
        assert pmc is not None, record
        fresh = next(str(n) for n in itertools.count(int(pmc.group(1)) + 1) if str(n) not in taken)
        pmid = re.search(r"ncbi\.nlm\.nih\.gov/pubmed/(\d+)", text)
        doi = re.search(r"doi\.org/(\S+)", text)
        assert pmid is not None and doi is not None, record
        text = (text.replace(pmc.group(1), fresh).replace(pmid.group(1), f"9{pmid.group(1)}")
                .replace(doi.group(1), f"{doi.group(1)}.added"))
        (self.folder / "content" / "records" / f"added_{record.name}").write_text(text, encoding="utf-8")

    def edit_summary(self) -> None:
        self._write_summary(f"A second reading, round {self.round}: the tables are what to keep.")

    def edit_template(self, default_template: Path) -> None:
        own = self.folder / "templates" / "article.html"
        own.parent.mkdir(exist_ok=True)
        text = default_template.read_text(encoding="utf-8")
        own.write_text(text.replace("{% block main %}", f"{{% block main %}}<!-- edited {self.round} -->", 1),
                       encoding="utf-8")

    def _write_summary(self, body: str) -> None:
        record = self.summary_source.read_text(encoding="utf-8")
        pmid = re.search(r"ncbi\.nlm\.nih\.gov/pubmed/(\d+)", record)
        assert pmid is not None, self.summary_source
        (self.folder / "content" / "summaries" / "bench.md").write_text(
            f"---\npmid: {pmid.group(1)}\nby: The benchmark\ndate: 2026-01-01\n---\n{body}\n", encoding="utf-8")


MEASURED_MAIN = """
import resource, runpy, sys
from site_builder.output import search
index_site = search.index_site
def peak_then_index(*args, **kwargs):
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"bench: peak RSS before the search index {peak} kB", file=sys.stderr)
    return index_site(*args, **kwargs)
search.index_site = peak_then_index
sys.argv = ["site_builder", *sys.argv[1:]]
runpy.run_module("site_builder", run_name="__main__", alter_sys=True)
"""
"""``python -m site_builder`` with one addition: the peak RSS of the build and its workers (all finished by then)
said just before the search index starts, as Pagefind's own memory is reported apart."""
PEAK_LINE = re.compile(r"bench: peak RSS before the search index (\d+) kB")


def ours(args: argparse.Namespace, site: Path, out: Path) -> list[str]:
    command = bb.ours_cmd(args, site, out)
    return [command[0], "-c", MEASURED_MAIN, *command[3:]]


def run_ours(args: argparse.Namespace, site: Path, out: Path, cwd: Path) -> dict:
    bb.sh(["sync"])
    result = bb.timed(ours(args, site, out), cwd, args.env)
    result.update(parse_summary(result["tail"]))
    result["pages_s"] = result["wall_s"] - result["search_s"]
    peak = PEAK_LINE.search(result["tail"])
    result["pages_rss_mb"] = int(peak.group(1)) / 1024 if peak else result["rss_mb"]
    return result


def edits(args: argparse.Namespace, n: int, save) -> dict:
    nwork = args.work / f"N{n}"
    trash = bb.Trash(nwork / "trash")
    trash.empty()
    bb.make_corpus(args.shared, nwork / "stamps", n, args.seed, "hugo", nwork / "corpus-hugo" / "articles")
    bb.make_corpus(args.shared, nwork / "stamps", n, args.seed, "text", nwork / "site" / "content")
    records = nwork / "site" / "content"
    site = Site(nwork, records)
    out = nwork / "out-edits"
    hugo_site, hugo_out, hugo_cache = nwork / "site-hugo", nwork / "out-hugo", nwork / "cache-hugo"
    core, core_out = nwork / "site-core", nwork / "out-core"
    extra = nwork / "corpus-extra"  # its own stamps folder: the collection's stamp is the same file name
    bb.make_corpus(args.shared, nwork / "stamps-extra", 1, args.seed + 1000, "text", extra)
    default_template = args.package / "templates" / "article.html"
    runs: dict[str, list[dict]] = {name: [] for name in EDIT_CASES}
    bb.settle(args.settle)
    for rnd in range(args.warmup + args.repeats):
        measured = rnd >= args.warmup
        label = f"round {rnd + 1 - args.warmup}" if measured else "warm-up"

        def keep(name: str, result: dict, label: str = label, measured: bool = measured) -> None:
            bb.log(f"  N={n} {label}: {name:10s} wall {result['wall_s']:7.2f} s  pages written at "
                   f"{result.get('pages_s', result['wall_s']):7.2f} s  search {result.get('search_s', 0):6.2f} s  "
                   f"rss {result.get('pages_rss_mb', result['rss_mb']):6.0f} MB "
                   f"(with search {result['rss_mb']:6.0f} MB)  rendered {result.get('rendered', '-')}")
            if measured:
                runs[name].append(result)
                save(runs)

        for p in (hugo_out, hugo_cache, hugo_site):
            trash.discard(p)
        shutil.copytree(args.shared / "bench" / "peers" / "hugo", hugo_site)
        bb.sh(["sync"])
        keep("hugo", bb.timed([args.hugo, "--quiet", "--noBuildLock", "-s", str(hugo_site), "-d", str(hugo_out),
                               "--contentDir", str(nwork / "corpus-hugo"), "--cacheDir", str(hugo_cache)], nwork))

        trash.discard(out)
        site.reset(trash)
        time.sleep(RACY_S)  # a site made a moment before its build cannot be told unchanged by its files' times
        cold = run_ours(args, site.folder, out, nwork)
        cold["output_bytes"], cold["output_files"] = output_bytes(out)
        keep("cold", cold)
        keep("no change", run_ours(args, site.folder, out, nwork))
        site.edit_title()
        keep("title", run_ours(args, site.folder, out, nwork))
        site.edit_summary()
        keep("summary", run_ours(args, site.folder, out, nwork))
        site.move_title()
        keep("title moved", run_ours(args, site.folder, out, nwork))
        site.add_record(extra)
        keep("record added", run_ours(args, site.folder, out, nwork))
        before = times(out)
        site.edit_template(default_template)
        result = run_ours(args, site.folder, out, nwork)
        after = times(out)
        articles = sum(1 for rel in after if rel.startswith("articles/") and rel.endswith(".html"))
        changed = sorted(rel for rel, t in after.items() if before.get(rel) != t
                         and not rel.startswith(BOOKKEEPING))
        result["article_pages"] = articles
        result["outside_articles"] = [rel for rel in changed if not rel.startswith("articles/")][:20]
        result["only_articles"] = result["rendered"] == articles and not result["outside_articles"]
        keep("template", result)

        trash.discard(core_out)
        trash.discard(core)
        core.mkdir()
        (core / "content").symlink_to(records)
        (core / "site.toml").write_text(bb.CORE_SETTINGS, encoding="utf-8")
        keep("core", run_ours(args, core, core_out, nwork))
    return runs


def scale(args: argparse.Namespace, sizes: list[int], save) -> dict:
    found: dict[int, dict] = {}
    for n in sizes:
        nwork = args.work / f"N{n}"
        trash = bb.Trash(nwork / "trash")
        trash.empty()
        bb.make_corpus(args.shared, nwork / "stamps", n, args.seed, "text", nwork / "site" / "content")
        site, out = nwork / "site-scale", nwork / "out-scale"
        trash.discard(out)
        trash.discard(site)
        site.mkdir()
        (site / "content").symlink_to(nwork / "site" / "content")
        if args.scale_without_search:
            (site / "site.toml").write_text("search = false\n", encoding="utf-8")
        bb.settle(args.settle)
        result = run_ours(args, site, out, nwork)
        result["output_bytes"], result["output_files"] = output_bytes(out)
        bb.log(f"  scale N={n}: wall {result['wall_s']:8.2f} s  pages written at {result['pages_s']:8.2f} s  "
               f"search {result['search_s']:7.2f} s  rss {result['pages_rss_mb']:6.0f} MB "
               f"(with search {result['rss_mb']:6.0f} MB)  "
               f"output {result['output_bytes'] / 1e6:,.0f} MB")
        found[n] = result
        save(found)
        trash.discard(out)
        trash.discard(site)
        trash.empty()
    return found


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def edit_table(runs: dict) -> str:
    hugo = median(runs["hugo"], "wall_s")
    lines = ["| build | wall s | search index s | until every page written s | / Hugo | bound | peak RSS MB, pages "
             "| peak RSS MB, search | pages rendered |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name in EDIT_CASES:
        rows = runs[name]
        if not rows:
            continue
        pages = median(rows, "pages_s") if name != "hugo" else median(rows, "wall_s")
        bound = BOUNDS.get(name)
        verdict = f"≤ {bound}× {'met' if pages / hugo <= bound else 'NOT met'}" if bound else (
            "reported apart" if name in REPORTED_APART else "")
        rendered = f"{int(median(rows, 'rendered')):,}" if name != "hugo" else ""
        search = f"{median(rows, 'search_s'):.2f}" if name != "hugo" else ""
        memory = median(rows, "pages_rss_mb") if name != "hugo" else median(rows, "rss_mb")
        with_search = f"{median(rows, 'rss_mb'):.0f}" if name != "hugo" and median(rows, "search_s") else ""
        lines.append(f"| {name} | {median(rows, 'wall_s'):.2f} | {search} | {pages:.2f} | {pages / hugo:.3f}× "
                     f"| {verdict} | {memory:.0f} | {with_search} | {rendered} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--edits", type=int, default=10000, help="records of the edit rounds (0: none)")
    ap.add_argument("--scale", default="1000,10000,30000,100000", help="sizes of the cold builds ('': none)")
    ap.add_argument("--scale-without-search", action="store_true",
                    help="the cold builds with search = false: the pages alone (Pagefind's memory grows with the "
                         "collection, and the index is reported apart anyway)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=bb.REPO / "benchmarks" / "work")
    ap.add_argument("--shared", type=Path, default=bb.REPO.parent / "shared")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--ref", default="", help="measure the package as committed at this ref (as bench_build.py)")
    ap.add_argument("--settle", type=float, default=bb.SETTLE_S)
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    args.work, args.shared = args.work.resolve(), args.shared.resolve()
    if os.sep in args.python:  # the builds run in the work folder: a venv's interpreter by its absolute path
        args.python = str(Path(args.python).absolute())
    args.work.mkdir(parents=True, exist_ok=True)
    args.env, args.package = None, bb.REPO
    if args.ref:
        sha, snap = bb.snapshot(args.work, args.ref, args.python)
        args.env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(snap),
                                                                               os.environ.get("PYTHONPATH")]))}
        args.package, args.measured = snap, f"commit {sha} ({args.ref})"
    else:
        args.measured = f"working tree at {bb.git('rev-parse', '--short=12', 'HEAD')}"
    meta = bb.versions(args)
    bb.log(f"versions: {json.dumps(meta)}")
    dest = args.json or args.work / "incremental.json"
    results: dict = {"versions": meta, "argv": sys.argv}

    def save(part: str):
        def keep(value: dict) -> None:
            results[part] = value
            dest.write_text(json.dumps(results, indent=1, default=str))
        return keep

    if args.edits:
        bb.log(f"== edits at N={args.edits}")
        runs = edits(args, args.edits, save("edits"))
        print(f"\n{args.edits:,} records, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
              f"{args.measured}; medians of {args.repeats} round(s)\n")
        print(edit_table(runs))
        cold = runs["cold"][-1]
        print(f"\noutput of the default site: {cold['output_bytes'] / 1e6:,.0f} MB in {cold['output_files']:,} "
              f"files (bound {SIZE_MB} MB: {'met' if cold['output_bytes'] <= SIZE_MB * 1e6 else 'NOT met'})")
        worst = max(r["pages_rss_mb"] for name in EDIT_CASES if name != "hugo" for r in runs[name])
        print(f"peak RSS of any build of ours until every page is written: {worst:.0f} MB (bound {MEMORY_MB} MB: "
              f"{'met' if worst <= MEMORY_MB else 'NOT met'}); with the search index (Pagefind): "
              f"{max(r['rss_mb'] for name in EDIT_CASES if name != 'hugo' for r in runs[name]):.0f} MB")
        print("template edit: only article pages rendered in every round: "
              f"{all(r['only_articles'] for r in runs['template'])}")
    sizes = [int(x) for x in args.scale.split(",") if x]
    if sizes:
        bb.log(f"== cold builds at {sizes}")
        found = scale(args, sizes, save("scale"))
        base = min((n for n in found if n >= 10000), default=None)
        print("\n| records | wall s | search index s | until every page written s | per 1,000 records s "
              "| peak RSS MB, pages | peak RSS MB, search | output MB |\n|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in found.items():
            print(f"| {n:,} | {r['wall_s']:.1f} | {r['search_s']:.1f} | {r['pages_s']:.1f} | "
                  f"{r['pages_s'] / n * 1000:.2f} | {r['pages_rss_mb']:.0f} | {r['rss_mb']:.0f} | "
                  f"{r['output_bytes'] / 1e6:,.0f} |")
        if base:
            for n, r in found.items():
                if n > base:
                    growth = (r["pages_s"] / found[base]["pages_s"]) / (n / base)
                    print(f"{n:,} against {base:,}: time per record ×{growth:.2f} (linear: ≤ 1.00); peak RSS "
                          f"{r['pages_rss_mb']:.0f} MB until every page is written ("
                          f"{'within' if r['pages_rss_mb'] <= SCALE_MEMORY_MB else 'NOT within'} {SCALE_MEMORY_MB} "
                          f"MB), {r['rss_mb']:.0f} MB with the search index")


if __name__ == "__main__":
    main()
