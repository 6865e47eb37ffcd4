"""Strict builds: any warning or error fails the build (exit 1), from --strict or from ``strict = true`` in
site.toml; files that are never records (notes, full texts, images, clutter) are no warning at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.readers.files import record_files

DUMPS = Path(__file__).resolve().parent / "data" / "catalogue-dump"
MEDLINE = Path(__file__).resolve().parent / "data" / "medline-nbib" / "blachlylab-dates.nbib"
GOOD = (DUMPS / "english-labels.txt").read_bytes()


@pytest.fixture
def site_with_a_binary_txt(make_site) -> Path:
    """One good record and a .txt of binary bytes: a warning ('not a record format'), no error."""
    return make_site({"good.txt": GOOD, "scan.txt": bytes(range(256)) * 4})


def test_strict_fails_on_a_warning_alone_and_says_so(site_with_a_binary_txt: Path, cli) -> None:
    run = cli("build", "--strict", "--output", "../out", cwd=site_with_a_binary_txt)
    assert run.returncode == 1, run.stderr
    assert "content/records/scan.txt:1: warning: not a record format" in run.stderr
    last = run.stderr.strip().splitlines()[-1]
    assert re.search(r"strict: the build failed \(--strict\) because 1 warning\(s\) were reported", last), last
    assert "Traceback" not in run.stderr
    assert (site_with_a_binary_txt.parent / "out" / "articles" / "pubmed-8126661.html").is_file()


def test_without_strict_the_same_build_exits_0(site_with_a_binary_txt: Path, cli) -> None:
    run = cli("build", "--output", "../out", cwd=site_with_a_binary_txt)
    assert run.returncode == 0, run.stderr
    assert "1 warning(s), 0 error(s)" in run.stderr


def test_strict_in_site_toml_fails_the_build_and_no_strict_overrides_it(site_with_a_binary_txt: Path, cli) -> None:
    (site_with_a_binary_txt / "site.toml").write_text("strict = true\n", encoding="utf-8")
    run = cli("build", "--output", "../out", cwd=site_with_a_binary_txt)
    assert run.returncode == 1, run.stderr
    assert "(strict = true in site.toml) because 1 warning(s) were reported" in run.stderr
    run = cli("build", "--no-strict", "--output", "../out", cwd=site_with_a_binary_txt)
    assert run.returncode == 0, run.stderr


def test_strict_names_warnings_and_errors_together(make_site, cli) -> None:
    site = make_site({"good.txt": GOOD, "scan.txt": bytes(range(256)),
                      "mixed.txt": (DUMPS / "malformed-last.txt").read_bytes()})
    run = cli("build", "--strict", "--output", "../out", cwd=site)
    assert run.returncode == 1, run.stderr
    assert "because 1 warning(s) and 1 error(s) were reported" in run.stderr


NOT_RECORDS = {
    "README.md": "# Our exports\n\nTY  - JOUR\nTI  - quoted in prose\nER  - \n",
    "notes.txt": "Ask Ana about the 2019 reviews.\n",
    "README": "Records from the library, exported 2024.\n",
    "LICENSE.txt": "CC0 1.0 Universal\n",
    "full-text.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "figure.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "export.ris~": "TY  - JOUR\nER  - \n",
    ".DS_Store": b"\x00\x00\x00\x01Bud1",
}


def test_files_that_are_never_records_are_no_warning_under_strict(make_site, cli) -> None:
    site = make_site({"good.txt": GOOD, **NOT_RECORDS})
    (site / "content" / "notes").mkdir()
    (site / "content" / "notes" / "plan.md").write_text("# Plan\n", encoding="utf-8")
    run = cli("build", "--strict", "--output", "../out", cwd=site)
    assert run.returncode == 0, run.stderr
    assert "0 warning(s), 0 error(s)" in run.stderr
    read = {f.shown.rsplit("/", 1)[1] for f in record_files(site)}
    assert read == {"good.txt", "notes.txt", "README", "LICENSE.txt"}  # read, found to be notes, not reported


def test_a_readme_that_holds_records_is_read(make_site, tmp_path: Path) -> None:
    """The name alone never loses records: notes are passed over only when no reader recognises them."""
    site = make_site({"README.txt": MEDLINE.read_bytes()})
    result = build(site, tmp_path / "out")
    assert result.records > 0
    assert result.report.diagnostics == [] or all(d.where.path.endswith("README.txt")
                                                  for d in result.report.diagnostics)
