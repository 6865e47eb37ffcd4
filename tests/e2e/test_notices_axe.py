"""axe-core in a real browser on the pages that show a retraction, an expression of concern, an erratum and a
list with a "Retracted" mark, light and dark, in English and Spanish."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from e2e.browsing import need_browser
from e2e.serving import AXE, axe_violations, static_server
from site_builder.build import build

DATA = Path(__file__).resolve().parents[1] / "data"
RECORDS = (DATA / "pubmed-xml" / "pubmed-9500320-retracted-excerpt.xml",
           DATA / "medline-nbib" / "blachlylab-erratum-excerpt.nbib",
           DATA / "medline-nbib" / "retraction-handwritten.nbib")
PAGES = ("index.html", "articles/pubmed-9500320.html", "articles/pubmed-90000004.html",
         "articles/pubmed-34021247.html", "years/2020.html")

pytestmark = pytest.mark.browser

need_browser()
if not AXE.is_file():
    pytest.skip("axe-core is not installed (npm install --prefix .ci/node axe-core)", allow_module_level=True)


@pytest.mark.parametrize("language", ["en", "es"])
def test_axe_finds_nothing_on_notice_pages(tmp_path: Path, browser, language: str) -> None:
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "site.toml").write_text(f'language = "{language}"\nsearch = false\n', encoding="utf-8")
    for path in RECORDS:
        (site / "content" / "records" / path.name).write_bytes(path.read_bytes())
    out = site / "_site"
    assert build(site, out).report.errors == 0
    found = {}
    with static_server(site) as origin:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            tab = context.new_page()
            for rel in PAGES:
                tab.goto(f"{origin}/_site/{rel}")
                violations = axe_violations(tab)
                if violations:
                    found[f"{scheme} {rel}"] = violations
            context.close()
    assert found == {}, json.dumps(found, indent=1)
