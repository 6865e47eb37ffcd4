"""End-to-end tests: the built site served over HTTP and in a real browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from e2e.browsing import launched
from e2e.serving import BASE_URL, REPO, REPO_NAME
from site_builder.build import BuildResult, build


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's chromium with Playwright (skipped without them)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One chromium for a test module (the modules that use it call browsing.need_browser() first)."""
    with launched() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo built for the project-site base URL into <root>/<repo>/, every page written, no error."""
    result = build(REPO, tmp_path_factory.mktemp("demo") / REPO_NAME, base_url=BASE_URL)
    assert result.unwritten == 0 and result.report.errors == 0
    return result
