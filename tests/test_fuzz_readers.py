"""Readers that cannot crash, checked with Hypothesis: every reader, and the settings, rules and summaries files,
given real records cut, repeated, swapped, corrupted and re-encoded, and arbitrary bytes and text, gives records
and diagnostics, never an exception or a hang; and a record's values, whatever they hold, never become markup on
the pages made from it.

These are the CI's share, a few seconds a reader, the same examples every run (derandomized). The long run of a
million inputs is tests/fuzz/run.py; each crash it found has a regression test in tests/test_fuzz_found.py.
"""

from __future__ import annotations

import re

import pytest
from fuzz import pages, targets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder import readers

LIMIT_MS = 5000
"""Time one input may take; far above what any takes (tests/fuzz/run.py reports the slowest)."""
CI = settings(derandomize=True, database=None, deadline=LIMIT_MS, max_examples=100,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = [t.name for t in targets.TARGETS]
# A backup's values are deflated: markup is put in the XML of its unzipped twin ("citavi").
RECORD_READERS = [name for name in NAMES
                  if name not in ("summary", "site-toml", "authors-toml", "any-file", "citavi-backup")]

STEPS = st.lists(st.tuples(st.sampled_from(targets.MUTATIONS), st.integers(0, 1 << 20), st.integers(0, 1 << 20),
                           st.binary(max_size=8)), min_size=1, max_size=4)


def test_every_target_has_real_seeds() -> None:
    for name in NAMES:
        found = targets.seeds(name)
        assert found, name
        assert targets.BY_NAME[name].run(found[0]) > 0 or name == "summary", f"{name}'s first seed reads nothing"


@pytest.mark.parametrize("name", NAMES)
@CI
@given(data=st.data())
def test_real_records_mutated_give_records_and_diagnostics(name: str, data: st.DataObject) -> None:
    target = targets.BY_NAME[name]
    pool = targets.seeds(name)
    seed = data.draw(st.sampled_from(pool), label="seed")
    other = data.draw(st.sampled_from(pool), label="other")
    target.run(targets.mutated(seed, data.draw(STEPS, label="steps"), target.tokens, other))


@pytest.mark.parametrize("name", NAMES)
@settings(CI, max_examples=50)
@given(blob=st.binary(max_size=4096))
def test_arbitrary_bytes_give_records_and_diagnostics(name: str, blob: bytes) -> None:
    targets.BY_NAME[name].run(blob)


@pytest.mark.parametrize("name", NAMES)
@settings(CI, max_examples=50)
@given(text=st.text(max_size=2048))
def test_arbitrary_text_gives_records_and_diagnostics(name: str, text: str) -> None:
    targets.BY_NAME[name].run(text.encode("utf-8", errors="surrogatepass"))


# --- markup in a record stays text -------------------------------------------------------------------------------

_VALUE_ENDS = {
    # Where a value can be given more text without breaking its record: before a line's end (tagged text),
    # before an element's end tag (XML, escaped as XML escapes it), before a string's closing quote (JSON).
    "xml": re.compile(rb"(?<=[^>\s])</"),
    "json": re.compile(rb'(?<=[^\\"\s\[{:,])"(?=\s*[,}\]])'),
    "text": re.compile(rb"(?<=\S)(?=\r?\n)"),
    "csv": re.compile(rb'(?<=[^",\r\n])"(?=,|\r?\n|$)'),
}


def with_markup(name: str, seed: bytes, choices: list[int], payload: str) -> bytes:
    """``seed`` with ``payload`` added at the end of some of its values (the places ``choices`` picks)."""
    if name == "marc-binary":
        return _marc_with_markup(seed, choices, payload)
    kind = ("xml" if name in ("pubmed-xml", "jats", "endnote-xml", "mods", "msbib", "marc-xml", "citavi") else
            "json" if name.endswith("json") else
            "csv" if name.endswith("csv") else "text")
    if kind == "xml":
        payload = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    elif kind == "json":
        payload = payload.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    elif kind == "csv":
        payload = payload.replace('"', '""')
    elif name == "bibtex":
        payload = payload.replace("{", "").replace("}", "")
    ends = [m.start() for m in _VALUE_ENDS[kind].finditer(seed)
            if (kind != "csv" or m.start() > seed.find(b"\n"))  # a CSV header names the columns: no value
            and (name != "embase-text" or _indented(seed, m.start()))]  # Embase's values only: not its names
    if not ends:
        return seed
    for at in sorted({ends[c % len(ends)] for c in choices}, reverse=True):
        seed = seed[:at] + payload.encode("utf-8") + seed[at:]
    return seed


def _indented(text: bytes, at: int) -> bool:
    """Whether the line that holds ``at`` starts indented (an Embase value's first line)."""
    return text[text.rfind(b"\n", 0, at) + 1:][:1] in (b" ", b"\t")


def _marc_with_markup(seed: bytes, choices: list[int], payload: str) -> bytes:
    """Binary MARC with ``payload`` at the end of some subfields, each record written anew (its lengths and
    directory follow its text), in UTF-8."""
    import pymarc

    written = []
    for record in pymarc.MARCReader(seed, permissive=True, utf8_handling="replace"):
        if record is None:
            continue
        places = [s for f in record.fields if not f.is_control_field() for s in range(len(f.subfields))]
        chosen = {c % len(places) for c in choices} if places else set()
        at = 0
        for f in (f for f in record.fields if not f.is_control_field()):
            for i, sub in enumerate(f.subfields):
                if at in chosen:
                    f.subfields[i] = pymarc.Subfield(sub.code, sub.value + payload)
                at += 1
        written.append(record.as_marc())
    return b"".join(written) or seed


def articles_of(name: str, data: bytes) -> list:
    records, _ = readers.read_data(data, _path(name), f"content/fuzz.{name}")
    return [readers.to_article(record)[0] for record in records]


def _path(name: str):  # noqa: ANN202
    from pathlib import Path

    return Path({"catalogue": "f.txt", "medline": "f.nbib", "pubmed-xml": "f.xml", "jats": "f.nxml",
                 "ris": "f.ris", "ovid": "f.ovd", "endnote": "f.enw", "endnote-xml": "f.xml", "mods": "f.xml",
                 "msbib": "f.xml", "citavi": "f.xml", "marc-xml": "f.xml", "marc-binary": "f.mrc",
                 "refworks-tagged": "f.txt", "embase-text": "f.txt", "bibtex": "f.bib", "csl-json": "f.json",
                 "vufind-json": "f.json", "plos-json": "f.json", "crossref-json": "f.json", "openalex-json": "f.json",
                 "europepmc-json": "f.json", "eric-json": "f.json", "pop-json": "f.json", "pubmed-csv": "f.csv",
                 "scopus-csv": "f.csv", "table-csv": "f.csv"}[name])


@pytest.mark.parametrize("name", RECORD_READERS)
@settings(CI, max_examples=6)
@given(data=st.data())
def test_markup_in_any_value_of_a_record_stays_text(name: str, data: st.DataObject) -> None:
    pool = [seed for seed in targets.seeds(name)[:40] if len(seed) < 20_000]
    seed = data.draw(st.sampled_from(pool), label="seed")
    payload = data.draw(st.sampled_from(pages.MARKUP), label="payload")
    choices = data.draw(st.lists(st.integers(0, 1 << 16), min_size=1, max_size=40), label="values")
    found = articles_of(name, with_markup(name, seed, choices, payload))
    rendered = pages.render(found[:5], references=data.draw(st.booleans(), label="references"))
    assert pages.markup_problems(rendered) == []


@pytest.mark.parametrize("name", RECORD_READERS)
def test_the_markup_check_sees_a_title_given_markup(name: str) -> None:
    """The check above is not vacuous: markup given to every value reaches the pages, as text."""
    seed = next(s for s in targets.seeds(name) if articles_of(name, s))
    marked = with_markup(name, seed, list(range(0, 1 << 16, 7)), "<x-fuzz>")
    found = articles_of(name, marked)
    assert found, name
    rendered = pages.render(found[:3], references=False)
    shown = [path for path, text in rendered.items() if path.endswith(".html") and "&lt;x-fuzz&gt;" in text]
    assert len(shown) >= 2, name
    assert pages.markup_problems({"x.html": "<p><x-fuzz></x-fuzz></p>", "y.html": '<a onfuzz="1">',
                                  "z.html": '<a href=" javascript:x">'}) != []
