"""Every page of the built demo site is valid HTML to the W3C Nu checker (vnu.jar), errors and warnings alike.

vnu.jar comes from the npm package vnu-jar (installed by .ci/run) and needs Java; the test is skipped, saying
why, on a machine that has neither.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_CANDIDATES = [os.environ.get("VNU_JAR", ""), str(ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" /
                                                    "dist" / "vnu.jar")]


def _vnu() -> str:
    jar = next((c for c in VNU_CANDIDATES if c and Path(c).is_file()), "")
    if not jar or not shutil.which("java"):
        pytest.skip("the Nu checker needs java and vnu.jar (npm install --prefix .ci/node vnu-jar)")
    return jar


CSP_OWN_FILE = re.compile(r"Resource violates Content Security Policy \(meta tag\): external (script|stylesheet) "
                          r"“(?![a-z][a-z0-9+.-]*:|//)[^”]+” blocked by “(script|style)-src” directive\.")
CSP_INLINE = "Inline script violates Content Security Policy (meta tag)"


def _checker_misreads_policy(message: dict[str, str]) -> bool:
    """The checker's two warnings about the pages' Content-Security-Policy that browsers do not share (Chromium
    loads the same pages without a refusal, from files and served: tests/e2e/test_csp.py): it does not match
    'self' to the site's own files, which it reads from file: URLs, and it counts JSON-LD, a data block that is
    never run, as an inline script. Any other script or style the policy refuses is still reported."""
    if CSP_OWN_FILE.fullmatch(message["message"]):
        return True
    return message["message"].startswith(CSP_INLINE) and '<script type="application/ld+json">' in message.get(
        "extract", "")


def test_the_checker_still_reports_what_the_policy_refuses(demo_site, tmp_path) -> None:
    """An inline script and a script from another site, put into an article page: both are reported."""
    jar = _vnu()
    article = next(p for p in demo_site.html_pages() if p.startswith("articles/"))
    page = (demo_site.out / article).read_text(encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / article).write_text(page.replace("</main>", "<script>alert(1)</script>"
                                                 '<script src="https://cdn.example.org/x.js"></script></main>'),
                                    encoding="utf-8")
    run = subprocess.run(["java", "-jar", jar, "--format", "json", str(tmp_path / article)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    kept = [m["message"] for m in messages if not _checker_misreads_policy(m)]
    assert any(m.startswith(CSP_INLINE) for m in kept) and any("cdn.example.org" in m for m in kept), messages


def vnu_problems(*folders: Path) -> list[str]:
    """Every message the checker gives about the pages under ``folders`` (but its misreadings of the policy), as
    "path:line: type: message"; the test is skipped where the checker cannot run."""
    jar = _vnu()
    run = subprocess.run(["java", "-jar", jar, "--skip-non-html", "--format", "json", *map(str, folders)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}: {m['message']}" for m in messages
            if not _checker_misreads_policy(m)]


def test_every_page_is_valid_html(demo_site) -> None:
    assert vnu_problems(demo_site.out) == []


LANGUAGE_GUESS = "This document appears to be written in"
"""The checker's guess at a page's language from its words: an English demo collection under a Spanish interface
is mostly English text, which no lang attribute can say where the records do not (an info, not a warning)."""


def test_every_page_in_every_interface_language_is_valid_html(languages_built) -> None:
    jar = _vnu()
    folders = [str(languages_built[language]) for language in ("es", "fr", "de", "pt")]
    run = subprocess.run(["java", "-jar", jar, "--skip-non-html", "--format", "json", *folders],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}: {m['message']}" for m in messages
                if not (m["type"] == "info" and m["message"].startswith(LANGUAGE_GUESS))
                and not _checker_misreads_policy(m)]
    assert problems == []
