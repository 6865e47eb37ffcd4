"""The command line, run as ``python -m site_builder`` in a child process: help, exit codes, the summary line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DUMPS = Path(__file__).resolve().parent / "data" / "catalogue-dump"


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("init", "--help"), ("--version",)])
def test_help_exits_0(args: tuple[str, ...], cli, tmp_path: Path) -> None:
    run = cli(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    if "--help" in args:
        assert run.stdout.startswith("usage: site-builder")
        assert ("build" in run.stdout) and (args[0] != "build" or "--strict" in run.stdout)


def test_no_command_prints_usage(cli, tmp_path: Path) -> None:
    run = cli(cwd=tmp_path)
    assert run.returncode == 2
    assert "usage: site-builder" in run.stdout + run.stderr


@pytest.fixture
def site_with_malformed_record(make_site) -> Path:
    """Two good records, and a file whose last record is page text with no fields (an error at line 97)."""
    return make_site({
        "good.txt": (DUMPS / "english-labels.txt").read_bytes(),
        "mixed.txt": (DUMPS / "malformed-last.txt").read_bytes(),
    })


def summary_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines()
             if re.search(r"\b\d[\d,]* records?\b|\b\d[\d,]* record\(s\)", line)
             and re.search(r"\b\d[\d,]* pages?\b", line)]
    assert len(lines) == 1, stderr
    return lines[0]


def test_strict_build_with_a_malformed_record_exits_1_and_writes_the_other_pages(
        site_with_malformed_record: Path, cli) -> None:
    out = site_with_malformed_record.parent / "out"
    run = cli("build", "--strict", "--source", str(site_with_malformed_record), "--output", str(out),
              cwd=site_with_malformed_record.parent)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert "content/records/mixed.txt:97: error:" in run.stderr
    assert (out / "articles" / "pubmed-8699378.html").is_file()
    assert (out / "articles" / "pubmed-8126661.html").is_file()
    assert (out / "index.html").is_file()


def test_build_without_strict_exits_0(site_with_malformed_record: Path, cli) -> None:
    out = site_with_malformed_record.parent / "out"
    run = cli("build", "--source", "site", "--output", "out", cwd=site_with_malformed_record.parent)
    assert run.returncode == 0, run.stderr
    assert "content/records/mixed.txt:97: error:" in run.stderr
    assert (out / "articles" / "pubmed-8699378.html").is_file()


def test_summary_line_names_records_pages_warnings_errors_and_seconds(
        site_with_malformed_record: Path, cli) -> None:
    run = cli("build", "--output", "../out", cwd=site_with_malformed_record)
    assert run.returncode == 0, run.stderr
    line = summary_line(run.stderr)
    assert re.search(r"\b2 records?\b|\b2 record\(s\)", line), line
    assert re.search(r"\b\d[\d,]* pages\b", line), line
    assert re.search(r"\b0 warning", line), line
    assert re.search(r"\b1 error", line), line
    assert re.search(r"\d+(\.\d+)? ?(s|seconds?)\b", line), line


def test_build_in_a_folder_without_content_exits_2(cli, tmp_path: Path) -> None:
    run = cli("build", cwd=tmp_path)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "content/" in run.stderr
    assert not (tmp_path / "_site").exists()


def test_default_output_is_site_folder_underscore_site(make_site, cli) -> None:
    site = make_site({"seed.txt": (DUMPS / "seed.txt").read_bytes()})
    run = cli("build", cwd=site)
    assert run.returncode == 0, run.stderr
    assert (site / "_site" / "articles" / "pubmed-8699378.html").is_file()


def test_a_second_build_reuses_the_cache_and_clean_does_not(make_site, cli) -> None:
    site = make_site({"seed.txt": (DUMPS / "seed.txt").read_bytes(), "good.txt": (DUMPS / "english-labels.txt")
                      .read_bytes()})
    assert cli("build", cwd=site).returncode == 0
    assert (site / ".site-builder" / ".gitignore").is_file()
    for shard in (site / ".site-builder").glob("records-*"):
        shard.write_bytes(b"damaged")
    record = site / "content" / "records" / "good.txt"
    record.write_bytes(record.read_bytes() + b"\n")  # so that the build reads the records (and their cache)
    run = cli("build", cwd=site)
    notes = [line for line in run.stderr.splitlines() if line.startswith("site-builder: note:")]
    assert run.returncode == 0 and len(notes) == 1 and "is damaged" in notes[0] and "made afresh" in notes[0]
    clean = cli("build", "--clean", cwd=site)
    assert clean.returncode == 0 and "note:" not in clean.stderr
    assert re.search(r"\b0 unchanged\b", summary_line(clean.stderr)) is None  # pages rendered, bytes the same
    assert "--clean" in cli("build", "--help", cwd=site).stdout
