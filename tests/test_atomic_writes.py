"""Atomic writes: a build killed with SIGKILL while it writes leaves no page cut short under its final name, and
the next build leaves no temporary file and no file the sources no longer make."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from settled_output import settled

from site_builder.build import build
from site_builder.output import write

REPO = Path(__file__).resolve().parent.parent
MEDLINE = REPO / "tests" / "data" / "medline-nbib" / "blachlylab-subset.nbib"


def many_records(copies: int) -> str:
    """The four real MEDLINE records of blachlylab-subset.nbib ``copies`` times over, each copy a work of its own
    (a new PMID and title, no DOI or PMCID to merge it with the others)."""
    blocks = [b for b in re.split(r"\n\s*\n", MEDLINE.read_text(encoding="utf-8")) if b.strip()]
    out = []
    for n in range(copies):
        for i, block in enumerate(blocks):
            lines = [line for line in block.splitlines() if not line.startswith(("LID", "AID", "PMC ", "PMID"))]
            lines = [f"{line} Part {n}." if line.startswith("TI  -") else line for line in lines]
            out.append("\n".join([f"PMID- {20_000_000 + n * 10 + i}", *lines]))
    return "\n\n".join(out) + "\n"


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A site of 480 records (some 3,000 files) and its output from a build that was not stopped."""
    site = tmp_path_factory.mktemp("killed") / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "records" / "many.nbib").write_text(many_records(120), encoding="utf-8")
    # Search off: its index is written whole beside the old one and renamed (output/search.py), and Pagefind
    # would double the time of each build here.
    (site / "site.toml").write_text("references = false\nsearch = false\n", encoding="utf-8")
    whole = site.parent / "whole"
    result = build(site, whole)
    assert result.report.errors == 0 and result.pages > 1000
    return site, files_under(whole)


def test_a_build_killed_while_it_writes_leaves_no_page_cut_short(big_site: tuple[Path, dict[str, bytes]]) -> None:
    site, whole = big_site
    out = site.parent / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-m", "site_builder", "build", "--output", str(out)], cwd=site,
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        staged = out / f".articles{write.STAGED}"  # a first build writes new folders under a staging name
        while time.monotonic() < deadline and child.poll() is None:
            if staged.is_dir() and len(os.listdir(staged)) > 600:
                break
            time.sleep(0.005)
        assert child.poll() is None, "the build ended before it could be killed half-way"
        os.killpg(child.pid, signal.SIGKILL)  # the build and its render workers, as a cancelled CI job is
    finally:
        child.wait(timeout=30)
    left = files_under(out)
    pages = [rel for rel in left if not rel.startswith(".")]
    assert len([rel for rel in left if rel.startswith(staged.name + "/")]) > 600, "the kill fell too late"
    assert not (out / "articles").exists(), "the kill did not fall half-way through the writing"
    assert (out / write.BUILDING).is_file()
    for rel in pages:
        if "/" in rel and rel.rsplit("/", 1)[1].startswith("."):
            continue  # a temporary file: checked below
        assert left[rel] == whole[rel], f"{rel} was left cut short or wrong"

    (site / "content" / "records" / "many.nbib").write_text(many_records(80), encoding="utf-8")  # fewer works
    result = build(site, out)
    assert result.report.errors == 0
    after = files_under(out)
    assert not [rel for rel in after if rel.endswith(write.TEMPORARY)]
    assert not (out / write.BUILDING).exists()
    fresh = site.parent / "fresh"
    build(site, fresh)
    # The killed build's pages of the works now gone are gone too (the page fingerprints note when a build began).
    assert settled(after) == settled(files_under(fresh))


KILL_WHILE_WRITING = """
import sys
from pathlib import Path
from site_builder.output.write import OutputWriter
first = OutputWriter(Path(sys.argv[1]))
first.write("articles/small.html", b"<!doctype html><p>whole</p>")
first.finish([("articles/small.html", True)])
writer = OutputWriter(Path(sys.argv[1]))  # into a folder that exists: each file under a temporary name first
print("ready", flush=True)
writer.write("articles/huge.html", b"<p>" + b"x" * 100_000_000 + b"</p>")
"""


def test_a_file_being_written_when_the_build_is_killed_never_appears_under_its_name(tmp_path: Path) -> None:
    """The kill falls inside one file's write: its final name must not exist, and the next build removes the
    temporary file."""
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", KILL_WHILE_WRITING, str(out)], env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            partial = [p for p in (out / "articles").iterdir() if p.name != "small.html" and p.stat().st_size > 0]
            if partial:
                break
            time.sleep(0.001)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    names = sorted(p.name for p in (out / "articles").iterdir())
    assert "huge.html" not in names
    assert [n for n in names if n.endswith(write.TEMPORARY)], names
    writer = write.OutputWriter(out)  # the next build
    writer.write("articles/small.html", b"<!doctype html><p>whole</p>")
    writer.finish([("articles/small.html", False)])
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["small.html"]
    assert sorted(p.name for p in out.iterdir()) == [write.MANIFEST, "articles"]


def test_stale_files_go_with_the_folders_they_leave_empty_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    writer = write.OutputWriter(out)
    for rel in ("a/b/c.html", "a/b/d.html", "a/e.html", "f/g.html", "h/i.html", "index.html"):
        writer.write(rel, b"x")
    writer.finish([(rel, True) for rel in ("a/b/c.html", "a/b/d.html", "a/e.html", "f/g.html", "h/i.html",
                                           "index.html")])
    (out / "f" / "mine.txt").write_bytes(b"not the build's")  # a file of the user's keeps its folder
    (out / "h" / "link").symlink_to(out / "a")  # and so does a symlink, never followed
    stats = write.OutputWriter(out).finish([("index.html", False)])
    assert stats.removed == 5
    assert not (out / "a").exists()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".site-builder")) \
        == ["f", "f/mine.txt", "h", "h/link", "index.html"]


def test_a_new_folder_appears_whole_when_the_writing_is_finished(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    writer = write.OutputWriter(out)
    writer.write("index.html", b"home")
    writer.write("articles/a.html", b"a")
    writer.write("articles/deep/b.html", b"b")
    assert (out / "index.html").read_bytes() == b"home"  # the output folder's own files: each as it comes
    assert not (out / "articles").exists()  # a new folder: not before it is whole
    writer.finish([("index.html", True), ("articles/a.html", True), ("articles/deep/b.html", True)])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".site-builder")) \
        == ["articles", "articles/a.html", "articles/deep", "articles/deep/b.html", "index.html"]
    again = write.OutputWriter(out)  # a folder that exists is written into, each file under a temporary name
    assert again.write("articles/a.html", b"a") is False and again.write("articles/c.html", b"c") is True
    again.write("articles/new/d.html", b"d")
    assert (out / "articles" / "c.html").read_bytes() == b"c" and not (out / "articles" / "new").exists()
    again.finish([("articles/a.html", False), ("articles/c.html", True), ("articles/new/d.html", True)])
    assert (out / "articles" / "new" / "d.html").read_bytes() == b"d"
    assert not (out / "index.html").exists() and not (out / "articles" / "deep").exists()  # stale, gone


def test_a_new_folder_of_a_build_that_kept_most_pages_appears_when_the_writing_is_finished(tmp_path: Path) -> None:
    """After an edit a build's files are mostly pages kept as they were (write.Files, 0 for each): the folders
    that are published are those of the files written, whichever way they came."""
    out = tmp_path / "_site"
    first = write.OutputWriter(out)
    for rel in ("index.html", "articles/a.html", "articles/b.html"):
        first.write(rel, rel.encode())
    first.finish(write.Files(["index.html", "articles/a.html", "articles/b.html"], bytearray([1, 1, 1]), ()))
    again = write.OutputWriter(out)
    again.write("articles/new/c.html", b"c")
    again.write("topics/deep/d.html", b"d")
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [".topics" + write.STAGED, "articles"]
    stats = again.finish(write.Files(["index.html", "articles/a.html", "articles/new/c.html", "articles/b.html"],
                                     bytearray([0, 0, 1, 0]), (("topics/deep/d.html", True),)))
    assert (stats.written, stats.unchanged) == (2, 3)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".site-builder")) \
        == ["articles", "articles/a.html", "articles/b.html", "articles/new", "articles/new/c.html", "index.html",
            "topics", "topics/deep", "topics/deep/d.html"]


def test_a_stopped_build_leaves_no_staged_folder_behind(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    stopped = write.OutputWriter(out)
    stopped.write("articles/a.html", b"half of a pa")  # never finished: killed here
    assert [p.name for p in out.iterdir() if p.is_dir()] == [".articles" + write.STAGED]
    writer = write.OutputWriter(out)
    writer.write("authors/b.html", b"b")
    writer.finish([("authors/b.html", True)])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if not p.name.startswith(".site-builder")) \
        == ["authors", "authors/b.html"]


def test_a_file_written_in_parts_is_whole_and_an_unchanged_one_is_left_alone(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """write_parts (a list download, never held whole): in a new folder straight under its name; in a folder that
    exists under a temporary name, and not at all when the file holds those bytes already. Small parts are
    gathered into larger writes, a large one is written as it is; the bytes are the parts' one after the other."""
    monkeypatch.setattr(write, "_GATHER", 8)
    parts = [b"ab", b"c" * 9, b"d", b"e", b"f" * 3, b"g" * 20, b"h"]
    whole = b"".join(parts)
    out = tmp_path / "_site"
    writer = write.OutputWriter(out)
    assert writer.write_parts("lists/all.bib", iter(parts)) == (True, len(whole))
    writer.finish([("lists/all.bib", True)])
    target = out / "lists" / "all.bib"
    assert target.read_bytes() == whole
    os.utime(target, ns=(1, 1))
    again = write.OutputWriter(out)
    assert again.write_parts("lists/all.bib", iter(parts)) == (False, len(whole))
    assert target.stat().st_mtime_ns == 1  # left as it was
    assert again.write_parts("lists/all.bib", iter([*parts, b"i"])) == (True, len(whole) + 1)
    assert target.read_bytes() == whole + b"i"
    assert sorted(p.name for p in target.parent.iterdir()) == ["all.bib"]  # no temporary file left


def test_a_file_written_in_parts_that_fails_midway_leaves_nothing_under_its_name(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    first = write.OutputWriter(out)
    first.write("lists/all.bib", b"old")
    first.finish([("lists/all.bib", True)])
    writer = write.OutputWriter(out)

    def failing() -> Iterator[bytes]:
        yield b"new"
        raise RuntimeError("a piece could not be made")

    with pytest.raises(RuntimeError):
        writer.write_parts("lists/all.bib", failing())
    assert sorted(p.name for p in (out / "lists").iterdir()) == ["all.bib"]
    assert (out / "lists" / "all.bib").read_bytes() == b"old"
