"""Debian's chromium driven by Playwright for the browser tests: where it is, how it starts, and the skip of a test
module when either is missing (the tests never download a browser of their own)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def need_browser() -> None:
    """Skip the calling test module unless Playwright for Python and Debian's chromium are both installed."""
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                                                      "(pip install playwright; never 'playwright install')")
    if not CHROMIUM.is_file():
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)",
                    allow_module_level=True)


@contextlib.contextmanager
def launched() -> Iterator[object]:
    """Chromium started headless through Playwright, closed on leaving."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()
