"""citeproc-py's walk made cheaper changes nothing but speed: every record of tests/data is cited the same, in each
style and in two locales, with the speed trick ``citeproc_walk`` (cite/citeproc_speed.py) and without it; and a
loaded style stays the size it was, however many references it formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cite_samples import ALL

from site_builder import speedups
from site_builder.cite.references import STYLES, format_references, load_style

DATA = Path(__file__).resolve().parents[1] / "data"

# Run in a process of its own, since a trick is installed for the whole process: every article of the site given
# as the first argument, cited in every style, in English and in Spanish, as JSON on standard output.
_FORMAT_ALL = """
import json, sys
from pathlib import Path
from site_builder.build import _read_and_model
from site_builder.cite.references import format_references
from site_builder.diagnostics import Report
from site_builder.output import cache

site = Path(sys.argv[1])
model = _read_and_model(site, Report(), cache.CacheFolder(site, lambda notice: None, clean=True))
cited = {f"{key} {locale}": [[c.html, c.text] for c in format_references(article, locale=locale)]
         for key, article in sorted(model.library.articles.items()) for locale in ("en-US", "es")}
print(json.dumps(cited, ensure_ascii=False, sort_keys=True))
"""


def _cited(site: Path, setting: str) -> dict[str, list[list[str]]]:
    run = subprocess.run([sys.executable, "-c", _FORMAT_ALL, str(site)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, speedups.SWITCH: setting})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_every_record_of_the_tests_is_cited_the_same_without_the_walk_trick(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "content")
    without = ",".join(trick.name for trick in speedups.TRICKS if trick.name != "citeproc_walk")
    fast, plain = _cited(tmp_path, "on"), _cited(tmp_path, without)
    assert len(fast) > 150  # articles of every reader and kind, in two locales
    assert sorted(fast) == sorted(plain)
    assert [key for key in fast if fast[key] != plain[key]] == []


def test_a_style_stays_the_same_size_however_many_references_it_formats() -> None:
    """citeproc-py added an element to a ``cs:names`` without ``cs:name`` at each reference, and every later
    reference read them all (``references._name_every_names``)."""
    format_references(ALL[0])
    styles = [load_style(s.csl, s.as_printed, "en-US") for s in STYLES]
    before = [sum(1 for _ in style.root.iter()) for style in styles]
    for _ in range(3):
        for article in ALL:
            format_references(article)
    assert [sum(1 for _ in style.root.iter()) for style in styles] == before
