"""The speed tricks change nothing but speed: the demo site built with them all off is the same, byte for byte
(the search index too, settled_output.py);
each runs only within the versions it was written against; the switch says what it does not know."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from settled_output import settled

from site_builder import speedups
from site_builder.diagnostics import UserError

ROOT = Path(__file__).resolve().parent.parent


def _build(output: Path, setting: str) -> None:
    env = {**os.environ, speedups.SWITCH: setting}
    # --clean: nothing is taken from the build cache, which a build with the other setting may have filled.
    run = subprocess.run([sys.executable, "-m", "site_builder", "build", "--clean", "--source", str(ROOT),
                          "--output", str(output)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def test_the_demo_site_is_the_same_without_any_trick(tmp_path: Path) -> None:
    _build(tmp_path / "on", "on")
    _build(tmp_path / "off", "off")
    on, off = settled(_files(tmp_path / "on")), settled(_files(tmp_path / "off"))
    assert sorted(on) == sorted(off)
    assert len(on) > 400  # pages, downloads and feeds
    assert any(name.endswith(".bib") for name in on)
    different = [name for name in on if on[name] != off[name]]
    assert different == []


def test_every_trick_runs_where_its_versions_match() -> None:
    assert all(speedups.enabled(trick.name) for trick in speedups.TRICKS), (
        "a trick is off on the versions this project installs: check its range in speedups.TRICKS")


def test_a_trick_outside_its_versions_stays_off(monkeypatch: pytest.MonkeyPatch) -> None:
    speedups._fits.cache_clear()
    monkeypatch.setattr(speedups.installed, "version", lambda name: "99.0.1")
    try:
        assert not speedups.enabled("jinja_output")
        assert not speedups.enabled("citeproc_lookups")
        assert type(speedups.environment()) is jinja2.Environment
    finally:
        monkeypatch.undo()
        speedups._fits.cache_clear()
    assert speedups.enabled("jinja_output")


@pytest.mark.parametrize(("setting", "expected"), [
    ("", {t.name for t in speedups.TRICKS}),
    ("on", {t.name for t in speedups.TRICKS}),
    ("off", set()),
    ("OFF", set()),
    ("gc_freeze, jinja_output", {"gc_freeze", "jinja_output"}),
])
def test_the_switch_chooses_the_tricks(monkeypatch: pytest.MonkeyPatch, setting: str, expected: set[str]) -> None:
    monkeypatch.setenv(speedups.SWITCH, setting)
    assert {t.name for t in speedups.TRICKS if speedups.enabled(t.name)} == expected


def test_an_unknown_trick_name_is_refused_with_the_names_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(speedups.SWITCH, "jinja_ouptut")
    with pytest.raises(UserError, match="jinja_ouptut.*jinja_output"):
        speedups.enabled("gc_freeze")


def test_compact_text_gives_back_the_str_it_was_given() -> None:
    """``compact_text`` holds a Section's text as UTF-8 where that is smaller; everything that reads a Section
    (equality, hashing, replace, pickling, packing and its digest) sees the str it was given."""
    import dataclasses
    import pickle

    from site_builder.model import packing
    from site_builder.model.article import Article, Section

    texts = ["Plain ASCII text.", "An en dash – and a Greek μ in a long abstract " * 20, "Emoji 🦕 " * 10,
             "Lone surrogate \ud800 kept", ""]
    plain = [Section("Background", text, "en") for text in texts]
    speedups.compact_text(Section, "text")
    compact = [Section("Background", text, "en") for text in texts]
    for before, after, text in zip(plain, compact, texts, strict=True):
        assert after.text == text and type(after.text) is str
        assert after == before and hash(after) == hash(before) and repr(after) == repr(before)
        assert pickle.loads(pickle.dumps(after)) == before
        assert dataclasses.replace(after, lang="pt").text == text
    articles = [Article(id="a", title="T", abstract=tuple(sections)) for sections in (plain, compact)]
    assert packing.article_digest(articles[0]) == packing.article_digest(articles[1])
    assert packing.unpack(packing.pack([articles[1]], []))[0][0].abstract == tuple(plain)


def test_quick_init_makes_the_same_objects_as_the_dataclass_init() -> None:
    """``quick_init`` gives a frozen, slotted dataclass another __init__: the same arguments (by position, by name,
    defaults, a missing one refused), the same objects, still frozen; a class it cannot serve keeps its own."""
    import dataclasses
    import inspect

    @dataclasses.dataclass(frozen=True, slots=True)
    class Plain:
        name: str
        count: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(frozen=True, slots=True)
    class Made:
        name: str
        tags: list[str] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Later:
        name: str
        key: str = dataclasses.field(init=False, default="")

    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        name: str

    before = [Plain("a"), Plain("b", 2), Plain("c", tags=("x",)), Plain(count=3, name="d")]
    own = {cls: cls.__init__ for cls in (Plain, Made, Later, Unslotted)}
    signature = inspect.signature(Plain)
    speedups.quick_init(Plain, Made, Later, Unslotted)
    assert Plain.__init__ is not own[Plain] and inspect.signature(Plain) == signature
    assert all(cls.__init__ is own[cls] for cls in (Made, Later, Unslotted))
    after = [Plain("a"), Plain("b", 2), Plain("c", tags=("x",)), Plain(count=3, name="d")]
    assert after == before and [repr(p) for p in after] == [repr(p) for p in before]
    assert dataclasses.replace(after[1], count=5) == Plain("b", 5)
    with pytest.raises(TypeError):
        Plain()  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        after[0].name = "z"  # type: ignore[misc]
    speedups.quick_init(Plain)  # again: nothing changes
    assert Plain("a") == before[0]


def test_quick_init_sets_a_compact_slot_through_it() -> None:
    """A Section made after both ``quick_init`` and ``compact_text``, in either order, holds its text compact."""
    from site_builder.model.article import Section

    speedups.quick_init(Section)
    speedups.compact_text(Section, "text")
    text = "An en dash – and a Greek μ in a long abstract " * 20
    section = Section("Background", text, "en")
    assert section.text == text
    assert type(Section.__dict__["text"]._slot.__get__(section, Section)) is bytes


def test_packed_text_is_held_as_compact_text_would_hold_it() -> None:
    """The build cache packs an abstract's text in ``packing.text_form``, which a Section holding its text through
    ``compact_text`` takes as it is: the same rule, so the same form held as a Section made from the str; and
    unpacked without ``compact_text`` (``Shared``'s utf8_text off), the str again."""
    from site_builder.model import packing
    from site_builder.model.article import Article, Language, OtherAbstract, Section

    texts = ["Plain ASCII text.", "Latin-1 only: café, naïve, ± 3 " * 30, "An en dash – and a Greek μ " * 20,
             "Emoji 🦕 " * 10, "中文摘要" * 50, "Lone surrogate \ud800 kept", "é", ""]
    article = Article(id="a", title="T", abstract=tuple(Section("", t, "en") for t in texts),
                      lay_summary=(Section("Summary", texts[2]),),
                      other_abstracts=(OtherAbstract(Language("French"), (Section("", texts[1]),)),))
    data = packing.pack([article], [])
    plain = packing.unpack(data, packing.Shared())[0][0]
    assert plain == article and all(type(s.text) is str for s in plain.abstract)
    speedups.compact_text(Section, "text")
    assert speedups.holds_compact(Section, "text")
    slot = Section.__dict__["text"]._slot
    made = [Section("", t, "en") for t in texts]
    assert [type(slot.__get__(s, Section)) for s in made] == [type(packing.text_form(t)) for t in texts]
    compact = packing.unpack(data, packing.Shared(utf8_text=True))[0][0]
    assert compact == article and packing.article_digest(compact) == packing.article_digest(article)
    assert [slot.__get__(s, Section) for s in compact.abstract] == [slot.__get__(s, Section) for s in made]

