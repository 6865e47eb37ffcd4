"""installed.version: what importlib.metadata says, from the folders' names."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from site_builder import installed
from site_builder.output import cache


@pytest.mark.parametrize("name", [*cache._OUTPUT_DEPENDENCIES, "pagefind_bin", "Jinja2", "MarkupSafe", "PyYAML"])
def test_the_version_importlib_metadata_gives(name: str) -> None:
    assert installed.version(name) == importlib.metadata.version(name)


def test_a_distribution_not_installed_has_none() -> None:
    assert installed.version("no-such-distribution-here") is None


def test_the_first_folder_on_the_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for folder, version in (("first", "2.0"), ("second", "1.0")):
        (tmp_path / folder / f"Some_Thing-{version}.dist-info").mkdir(parents=True)
        (tmp_path / folder / f"Some_Thing-{version}.dist-info" / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: some-thing\nVersion: {version}\n")
    monkeypatch.setattr("sys.path", [str(tmp_path / "first"), str(tmp_path / "second")])
    assert installed.version("some.thing") == "2.0"
    assert installed.version("some-thing") == importlib.metadata.version("some-thing")
