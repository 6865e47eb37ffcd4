"""Every page of the built demo site is valid HTML to the W3C Nu checker (vnu.jar), errors and warnings alike.

vnu.jar comes from the npm package vnu-jar (installed by .ci/run) and needs Java; the test is skipped, saying
why, on a machine that has neither.
"""

from __future__ import annotations

import json
import os
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


def test_every_page_is_valid_html(demo_site) -> None:
    jar = _vnu()
    run = subprocess.run(["java", "-jar", jar, "--skip-non-html", "--format", "json", str(demo_site.out)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['type']}: {m['message']}" for m in messages]
    assert problems == []


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
                if not (m["type"] == "info" and m["message"].startswith(LANGUAGE_GUESS))]
    assert problems == []
