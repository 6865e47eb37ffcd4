"""The read stage: which files under content/ are read, and a large collection read by two processes giving
exactly what one process gives (records, articles and problems, in the same order), whatever goes wrong."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from site_builder import build as build_module
from site_builder.build import add_summaries, read_articles, record_files
from site_builder.diagnostics import Report
from site_builder.model.article import Article, Record
from site_builder.output import packing, workers

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose content/ holds every test record: all formats, merges, malformed records, bad bytes."""
    site = tmp_path_factory.mktemp("every-format")
    shutil.copytree(DATA, site / "content")
    return site


def read_once(site: Path) -> tuple[list[Record], list[Article], list[str]]:
    report = Report()
    records, articles = read_articles(site, report)
    return records, articles, [str(d) for d in report.diagnostics]


def read_in_two(site: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Record], list[Article], list[str]]:
    monkeypatch.setattr(build_module, "READ_FORK_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "jobs", lambda: 2)  # fork even on a one-core machine
    return read_once(site)


def assert_same(got: tuple[list[Record], list[Article], list[str]],
                expected: tuple[list[Record], list[Article], list[str]]) -> None:
    records, articles, problems = got
    assert records == expected[0]
    assert articles == expected[1]
    assert [a.records for a in articles] == [a.records for a in expected[1]]  # not part of Article's equality
    assert problems == expected[2]


def test_records_are_found_in_subfolders_in_sorted_order_without_prose_or_hidden_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for rel in ("b.txt", "a/z.nbib", "a/b/c.ris", "index.md", "notes.md", ".hidden.txt", ".git/x.txt",
                "pages/about.txt", "summaries/s.txt", "a/pages/kept.txt", "real/r.bib"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("x")
    os.symlink(content / "real" / "r.bib", content / "link.bib")
    os.symlink(content / "real", content / "linked-folder")
    os.symlink(content / "missing.txt", content / "broken.txt")
    found = record_files(tmp_path)
    assert [f.shown for f in found] == ["content/a/b/c.ris", "content/a/pages/kept.txt", "content/a/z.nbib",
                                        "content/b.txt", "content/link.bib", "content/real/r.bib"]
    assert [f.size for f in found] == [1] * 6
    assert record_files(tmp_path / "nowhere") == []


def test_two_processes_read_what_one_reads(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)
    assert len(alone[0]) > 50 and any("error" in p for p in alone[2]) and any("warning" in p for p in alone[2])
    assert_same(read_in_two(every_format, monkeypatch), alone)


def test_the_forked_part_is_handed_back_not_redone(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    parts: list[int] = []
    real_part = build_module._read_part

    def counted(files: list[build_module.RecordFile], **options: object) -> object:
        if os.getpid() == parent:
            parts.append(len(files))
        return real_part(files, **options)

    monkeypatch.setattr(build_module, "_read_part", counted)
    read_in_two(every_format, monkeypatch)
    assert len(parts) == 1 and 0 < parts[0] < len(record_files(every_format))


def test_a_failed_fork_costs_time_not_records(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)

    def broken_pack(*_args: object) -> bytes:  # runs in the forked process only
        raise RuntimeError("the forked reader fails")

    monkeypatch.setattr(packing, "pack", broken_pack)
    assert_same(read_in_two(every_format, monkeypatch), alone)


def test_bytes_that_do_not_unpack_cost_time_not_records(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)
    monkeypatch.setattr(packing, "pack", lambda *_args: b"not marshal data")
    assert_same(read_in_two(every_format, monkeypatch), alone)


def test_a_failure_here_stops_the_forked_process_too(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    def work(items: list[int]) -> list[int]:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return items

    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    with pytest.raises(KeyboardInterrupt):
        workers.in_two(list(range(10)), 5, work, lambda _: b"", lambda _: [])
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # already reaped: no process left behind
        os.waitpid(forked[0], os.WNOHANG)


def test_packing_keeps_every_field_of_every_article_and_record(every_format: Path) -> None:
    report = Report()
    records, articles = read_articles(every_format, report)
    got_articles, got_problems = packing.unpack(packing.pack(articles, report.diagnostics))
    got_records = [r for a in got_articles for r in a.records]
    assert_same((got_records, got_articles, [str(d) for d in got_problems]),
                (records, articles, [str(d) for d in report.diagnostics]))


def test_packing_keeps_summaries() -> None:
    report = Report()
    _records, articles = read_articles(REPO, report)
    articles = add_summaries(REPO, articles, report)
    assert any(a.summary is not None for a in articles)
    assert packing.unpack(packing.pack(articles, []))[0] == articles


def test_packing_refuses_what_it_cannot_carry(every_format: Path) -> None:
    _records, articles, _ = read_once(every_format)
    odd = dataclasses.replace(articles[0], keywords=(object(),))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        packing.pack([odd], [])


@pytest.mark.parametrize("big", ["a.txt", "b.txt"])  # the large file read first or last
def test_a_collection_held_mostly_by_one_file_is_read_by_one_process(
        big: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    seed = (DATA / "catalogue-dump" / "seed.txt").read_text(encoding="utf-8")
    (content / "a.txt").write_text(seed, encoding="utf-8")
    (content / "b.txt").write_text(seed, encoding="utf-8")
    (content / big).write_text("\n\n".join([seed] * 20), encoding="utf-8")
    monkeypatch.setattr(build_module, "READ_FORK_MIN_BYTES", 0)

    def no_fork(*_args: object) -> None:
        raise AssertionError("a second process would get far more or far less than half of the work")

    monkeypatch.setattr(workers, "in_two", no_fork)
    _records, articles, _problems = read_once(tmp_path)
    assert len(articles) == 21


def test_a_fork_refused_by_the_system_costs_time_not_records(every_format: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert_same(read_in_two(every_format, monkeypatch), alone)
