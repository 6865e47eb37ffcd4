"""The Content-Security-Policy in a real browser: Debian's chromium, through Playwright, opens the home page, an
article and the search page of the demo site served over HTTP (under /<repo>/, as GitHub Pages serves it) and
opened from file://, and finds that the policy refuses nothing the site needs: the stylesheet applies, the
scripts run (search over HTTP runs Pagefind's WebAssembly, in the page and in its worker), and neither the
console nor a securitypolicyviolation event reports anything (issue 15, part 4).

Under file://, 'self' must still match the site's own files: Chromium treats a file: page's 'self' as file:.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.browsing import need_browser
from e2e.serving import REPO_NAME, SEED_PAGE, static_server
from site_builder.build import BuildResult
from site_builder.plan import urls

PAGES = [urls.HOME, SEED_PAGE, urls.SEARCH]

pytestmark = pytest.mark.browser

need_browser()

WATCH_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'}`));"""


@pytest.fixture(scope="module")
def served(built: BuildResult) -> Iterator[str]:
    with static_server(built.output.parent) as origin:
        yield f"{origin}/{REPO_NAME}/"


def _open(browser, url: str) -> tuple[object, object, list[str]]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"exception: {e}"))
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=b""))  # not the site's
    page.add_init_script(WATCH_VIOLATIONS)  # run by the browser before the page, outside its policy
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, console


def _check_page(page, rel: str) -> None:
    policy = page.eval_on_selector("meta[http-equiv='Content-Security-Policy']", "m => m.content")
    assert "script-src 'self'" in policy
    # The stylesheet applied: the skip link is moved off screen by style.css alone.
    assert page.eval_on_selector("a.skip", "a => getComputedStyle(a).position") == "absolute", rel
    # site.js ran: "/" moves to a search box.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement && document.activeElement.type") == "search", rel


@pytest.mark.parametrize("rel", PAGES)
def test_pages_served_over_http_load_their_files_under_the_policy(browser, served: str, rel: str) -> None:
    context, page, console = _open(browser, served + rel)
    try:
        _check_page(page, rel)
        if rel == urls.SEARCH:
            # search.js drops what is typed before Pagefind has loaded (the results area shows once it has).
            page.wait_for_function("() => !document.getElementById('search-ui').hidden")
            page.locator("#search-q").fill("liver")
            page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 0")
            # The facets are counted by Pagefind in a web worker, once the results are on screen.
            page.wait_for_function("""() => { const f = document.getElementById('search');
                return f.dataset.counted !== undefined && f.dataset.counted === f.dataset.shown; }""")
            assert page.locator("#search-facets").is_visible()
            assert page.locator("#search-failed").is_hidden()
        assert page.evaluate("window.__violations") == []
        assert console == []
    finally:
        context.close()


@pytest.mark.parametrize("rel", PAGES)
def test_pages_opened_from_files_load_their_files_under_the_policy(browser, built: BuildResult, rel: str) -> None:
    context, page, console = _open(browser, (built.output / rel).as_uri())
    try:
        _check_page(page, rel)
        if rel == urls.SEARCH:
            # search.js ran, and says that search needs the site served (browsers refuse fetch() from file:).
            assert page.locator("#search-offline").is_visible()
        assert page.evaluate("window.__violations") == []
        assert console == []
    finally:
        context.close()


def test_the_policy_is_enforced(browser, built: BuildResult, tmp_path: Path) -> None:
    """The test can fail: a page of the site with an inline script added is refused, and the refusal is seen."""
    page_file = tmp_path / "index.html"
    home = (built.output / urls.HOME).read_text(encoding="utf-8")
    page_file.write_text(home.replace("</body>", "<script>document.title = 'ran';</script></body>"),
                         encoding="utf-8")
    context, page, console = _open(browser, page_file.as_uri())
    try:
        assert page.title() != "ran"
        assert page.evaluate("window.__violations") == ["script-src-elem refused inline"]
        assert any("Content Security Policy" in line for line in console)
    finally:
        context.close()
