"""The template environment's own compilation of ``{{ value }}`` and ``obj.name`` (render._CodeGenerator)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from site_builder.render.pages import make_environment


@dataclass
class Thing:
    name: str
    html: Markup


def render(tmp_path: Path, source: str, **context: object) -> str:
    (tmp_path / "t.html").write_text(source, encoding="utf-8")
    return make_environment([tmp_path]).get_template("t.html").render(**context)


def test_values_are_escaped_and_markup_is_kept(tmp_path: Path) -> None:
    thing = Thing('<b>"Tom" & \'Jerry\'</b>', Markup("<i>safe</i>"))
    out = render(tmp_path, "{{ thing.name }}|{{ thing.html }}|{{ 3 }}|{{ none }}|{{ 1.5 }}", thing=thing, none=None)
    assert out == "&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39;&lt;/b&gt;|<i>safe</i>|3|None|1.5"


def test_an_attribute_falls_back_to_an_item_and_a_missing_one_fails(tmp_path: Path) -> None:
    assert render(tmp_path, "{{ d.key }} {{ d.items is defined }}", d={"key": "<v>"}) == "&lt;v&gt; True"
    with pytest.raises(jinja2.UndefinedError):
        render(tmp_path, "{{ d.nothing }}", d={})


def test_nested_attributes_and_expressions_evaluate_once(tmp_path: Path) -> None:
    calls = []

    def make() -> Thing:
        calls.append(1)
        return Thing("x", Markup("y"))

    assert render(tmp_path, "{{ make().name }}{{ (make()).html }}", make=make) == "xy"
    assert len(calls) == 2
    assert render(tmp_path, "{% for t in things %}{{ t.name }}{% endfor %}",
                  things=[Thing("a", Markup()), Thing("<", Markup())]) == "a&lt;"


def test_the_templates_compile_to_the_cheaper_code() -> None:
    env = make_environment([Path(__file__).parent])
    code = env.compile("{{ a.b }}", raw=True)
    assert "environment.escape_output(" in code and "getattr((" in code
