"""No state outlives a build: several builds in one process, with edits between them, write what a fresh
process writes, downloads included (a .bib once kept an article's old title after an edit in one process).

The reference for each step is a build of the same sources in a child process of its own, without the cache.
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from e2e.serving import BASE_URL, SEED_RECORD, SEED_TITLE, copy_site, retitle, serving, wait_for

from site_builder.build import build

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "pubmed-8699378"
DOWNLOADS = [f"articles/{SEED_ID}.{ext}" for ext in ("bib", "ris", "json", "nbib")] + [
    f"collection.{ext}" for ext in ("bib", "ris", "json")]


def clean_build(site: Path, out: Path) -> dict[str, bytes]:
    """The site built from nothing in a process of its own: every file of the output, hidden ones aside."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    run = subprocess.run([sys.executable, "-m", "site_builder", "build", "--source", str(site), "--output", str(out),
                          "--clean"], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    return published(out)


PAGEFIND_UNORDERED = re.compile(
    r"pagefind/(people/)?(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")
"""The search index's files whose bytes depend on the order Pagefind reads the pages in (test_determinism.py)."""


def published(out: Path) -> dict[str, bytes]:
    return {rel: p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")
            and not PAGEFIND_UNORDERED.fullmatch(rel := p.relative_to(out).as_posix())}


def _seed(site: Path) -> Path:
    return site / "content" / "records" / SEED_RECORD


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    # The citation key ("cazzato2021liver") comes from the first words: an edit at the end keeps it.
    ("title, same citation key", lambda site: retitle(site, SEED_TITLE.replace("Procedures", "Treatments"))),
    ("an author's name", lambda site: _edit(_seed(site), "Hubelé, Fabrice", "Hubelé, Fabrizio")),
    ("the year", lambda site: _edit(_seed(site), "MDPI 2021", "MDPI 2020")),
    ("a summary", lambda site: (site / "content" / "summaries").mkdir(exist_ok=True) or (
        site / "content" / "summaries" / "seed.md").write_text(
        f"---\nid: {SEED_ID}\nverdict: Read it first.\ntopics: [Radiology]\n---\nA summary written here.\n",
        encoding="utf-8")),
    ("the record removed", lambda site: _seed(site).unlink()),
]


def test_builds_in_one_process_write_what_a_fresh_process_writes(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site", base_url=BASE_URL)
    out = tmp_path / "out"
    build(site, out)
    for step, (what, edit) in enumerate(EDITS):
        edit(site)
        result = build(site, out)
        assert result.unwritten == 0, what
        expected = clean_build(site, tmp_path / f"clean-{step}")
        got = published(out)
        for name in DOWNLOADS:
            assert got.get(name) == expected.get(name), f"{name} after editing {what}"
        assert got == expected, f"after editing {what}: " + ", ".join(
            sorted(n for n in set(got) | set(expected) if got.get(n) != expected.get(n)))
    assert SEED_ID not in (out / "collection.bib").read_text(encoding="utf-8")


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    assert gc.isenabled()
    build(site, tmp_path / "out")
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.parametrize("what, edit", EDITS[:3], ids=[w for w, _ in EDITS[:3]])
def test_served_downloads_follow_edits(tmp_path: Path, what: str, edit: Callable[[Path], None]) -> None:
    site = copy_site(tmp_path / "site", base_url=BASE_URL)
    with serving(site) as server:
        before = {name: server.get(name) for name in DOWNLOADS}
        assert all(status == 200 for status, _ in before.values()), server.output
        edit(site)
        expected = clean_build(site, tmp_path / "clean")
        for name in DOWNLOADS:
            wait_for(lambda name=name: server.get(name)[1].encode() == expected[name],
                     what=f"{name} after editing {what}")
