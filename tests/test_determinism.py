"""Builds are deterministic and incremental: same input, same bytes; a rebuild writes nothing; stale pages go.

Every file is compared byte for byte, the search index's too (settled_output.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from settled_output import settled

from site_builder import workers
from site_builder.build import build
from site_builder.output import pages as output_pages
from site_builder.output.pagetable import PAGES_FILE
from site_builder.output.write import MANIFEST

REPO = Path(__file__).resolve().parents[1]
BOOKKEEPING = {MANIFEST, PAGES_FILE}
"""The output folder's own records of its last build (never published): they note when it was made."""


def test_two_builds_into_two_folders_are_byte_identical(demo_site, take_snapshot, tmp_path: Path) -> None:
    second = build(REPO, tmp_path / "second")
    first_files = settled(take_snapshot(demo_site.out))
    second_files = settled(take_snapshot(second.output))
    assert sorted(first_files) == sorted(second_files)
    different = [rel for rel in first_files if first_files[rel] != second_files[rel]]
    assert different == []
    assert second.stats.written == len(take_snapshot(second.output)) - len(BOOKKEEPING)  # all but the bookkeeping
    assert MANIFEST in first_files


def test_two_builds_of_a_copy_elsewhere_are_byte_identical(demo_copier, take_snapshot, tmp_path: Path) -> None:
    """The site folder's own location leaves no trace in the output (no absolute paths, no timestamps)."""
    a = build(demo_copier(tmp_path / "one" / "site"), tmp_path / "out-a")
    b = build(demo_copier(tmp_path / "two" / "deeper" / "site"), tmp_path / "out-b")
    assert settled(take_snapshot(a.output)) == settled(take_snapshot(b.output))
    for rel, data in take_snapshot(a.output).items():
        assert str(tmp_path).encode() not in data, rel


def test_rebuild_into_the_same_folder_writes_nothing(demo_copier, take_snapshot, tmp_path: Path) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    first = build(site, out)
    before = {rel: (out / rel).stat().st_mtime_ns for rel in take_snapshot(out) if rel not in BOOKKEEPING}
    again = build(site, out)
    assert (again.stats.written, again.stats.removed) == (0, 0)
    assert again.stats.unchanged == first.stats.written
    assert {rel: (out / rel).stat().st_mtime_ns for rel in before} == before


def test_rebuild_removes_the_pages_of_a_deleted_record(demo_copier, take_snapshot, tmp_path: Path) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out)
    page = out / "articles" / "pubmed-3574550.html"
    journal = out / "journals" / "ann-oncol.html"
    assert page.is_file() and journal.is_file()
    (site / "content" / "records" / "001653_d0a93ec285c35e52.txt").unlink()
    result = build(site, out)
    assert not page.exists()
    assert not journal.exists()  # the record was that journal's only article
    assert result.stats.removed >= 2
    listed = set((out / MANIFEST).read_text(encoding="utf-8").split())
    on_disk = set(take_snapshot(out)) - BOOKKEEPING
    assert listed == on_disk
    assert result.records == 42


def test_rebuild_after_an_edit_rewrites_only_what_changed(demo_copier, tmp_path: Path) -> None:
    """Changing one record's title touches its article page and the pages that list it, not the whole site."""
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    first = build(site, out)
    path = site / "content" / "records" / "001653_d0a93ec285c35e52.txt"
    path.write_bytes(path.read_bytes().replace(b"Socio-demographic", b"Sociodemographic"))
    again = build(site, out)
    assert 0 < again.stats.written < first.stats.written / 2
    assert b"Sociodemographic" in (out / "articles" / "pubmed-3574550.html").read_bytes()


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render (and write) in forked worker processes, as large sites are, even for the small demo site."""
    monkeypatch.setattr(output_pages, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(output_pages, "RENDER_CHUNK", 7)
    monkeypatch.setattr(workers, "jobs", lambda: 2)


def test_pages_rendered_and_written_by_workers_are_those_of_one_process(
        demo_site, demo_copier, take_snapshot, tmp_path: Path, in_workers: None) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    first = build(site, out)
    assert settled(take_snapshot(out)) == settled(take_snapshot(demo_site.out))
    assert (first.stats, first.pages, first.unwritten) == (demo_site.result.stats, demo_site.result.pages, 0)
    again = build(site, out)
    assert (again.stats.written, again.stats.unchanged) == (0, first.stats.written)


def test_a_template_error_in_a_worker_is_reported_once_and_the_rest_is_written(
        demo_copier, tmp_path: Path, in_workers: None) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "author.html").write_text('{% extends "base.html" %}{% block main %}{{ nope.x }}'
                                                    '{% endblock %}')
    result = build(site, tmp_path / "out")
    errors = [str(d) for d in result.report.diagnostics]
    assert len(errors) == 1 and "templates/author.html:1" in errors[0] and "'nope' is undefined" in errors[0]
    authors = [p for p in result.planned() if p.template == "author.html"]
    assert result.unwritten == len(authors) > 10
    assert f"{len(authors)} page(s) not written" in errors[0]
    assert (tmp_path / "out" / "index.html").is_file()
    assert not (tmp_path / "out" / authors[0].path).exists()


def test_a_progress_bar_leaves_rendering_to_the_workers(demo_copier, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar starts no thread of its own: a thread running at a fork would keep the build in one process."""
    monkeypatch.setattr(output_pages, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    asked: list[int] = []
    real_jobs = workers.jobs

    def jobs() -> int:
        asked.append(real_jobs())
        return asked[-1]

    monkeypatch.setattr(workers, "jobs", jobs)
    build(demo_copier(tmp_path / "site"), tmp_path / "out", progress=True)
    assert asked and set(asked) == {2}
