"""axe-core in a real browser on every page kind of the demo site in each interface language, light and dark."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from e2e.browsing import need_browser
from e2e.serving import AXE, add_axe, axe_violations, static_server

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("es", "fr", "de", "pt")

pytestmark = pytest.mark.browser

need_browser()
if not AXE.is_file():
    pytest.skip("axe-core is not installed (npm install --prefix .ci/node axe-core)", allow_module_level=True)


def page_kinds(out: Path) -> list[str]:
    """One page of every kind: the site's own pages and the first page of each folder."""
    pages = [p.name for p in sorted(out.glob("*.html"))]
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "static"):
        pages += [p.relative_to(out).as_posix() for p in sorted(folder.glob("*.html"))[:2]]
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_on_any_page_kind(languages_built: dict[str, Path], browser, language: str) -> None:
    out = languages_built[language]
    found = {}
    with static_server(out.parent) as origin:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            tab = context.new_page()
            for rel in page_kinds(out):
                tab.goto(f"{origin}/{out.name}/{rel}")
                assert tab.evaluate("document.documentElement.lang") == language
                violations = axe_violations(tab)
                if violations:
                    found[f"{scheme} {rel}"] = violations
            context.close()
    assert found == {}, json.dumps(found, indent=1)


def test_search_speaks_the_site_language(languages_built: dict[str, Path], browser) -> None:
    """The Spanish demo's search page: status, counts, facets and the people's kinds in Spanish, numbers as
    Spanish writes them, no console error, and axe finds nothing with results and facets on screen."""
    out = languages_built["es"]
    with static_server(out.parent) as origin:
        context = browser.new_context()
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=b""))
        tab.goto(f"{origin}/{out.name}/search.html?q=liver")
        tab.wait_for_function("() => { const f = document.getElementById('search');"
                              " return f.dataset.counted !== undefined && f.dataset.counted === f.dataset.shown; }")
        status = tab.locator("#search-status").inner_text()
        assert re.fullmatch(r"\d+ artículos? para «liver»", status), status
        legends = tab.eval_on_selector_all("#search-facets fieldset:not([hidden]) legend",
                                           "els => els.map(e => e.textContent)")
        assert legends and set(legends) <= {"Materia", "Año", "Revista", "Idioma", "Tipo", "Nuestra reseña"}
        assert "Inglés" not in tab.locator("#search-facets").inner_text()
        kinds = tab.eval_on_selector_all("#search-people .meta", "els => els.map(e => e.textContent)")
        assert all(k.split(" · ")[0] in ("Autor", "Materia") for k in kinds)
        add_axe(tab)
        violations = tab.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
        assert violations == []
        context.close()
    assert errors == []
