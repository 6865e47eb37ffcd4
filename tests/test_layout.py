"""The package's layout keeps the data flowing one way: each sub-package imports only what its docstring's
"May import:" line names, every module's imports walked in its syntax tree (those inside functions too)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"
SUBPACKAGES = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
FOUNDATION = {"diagnostics": set(), "config": {"diagnostics"}, "speedups": {"diagnostics", "installed"},
              "workers": set(), "installed": set()}
"""The modules any stage may import, and what each of them may import (site_builder/__init__.py)."""
BESIDE = {"i18n": {"model", "diagnostics"}}
"""Top-level modules that import a stage, and what each may import; the stages that use them say so in their
"May import:" lines (site_builder/__init__.py)."""
UNITS = {*SUBPACKAGES, *FOUNDATION, *BESIDE, "build"}


def _rule(package: str, label: str) -> set[str]:
    doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))) or ""
    match = re.search(rf"^{label}: (.+?)\.$", doc, re.M | re.S)
    assert match, f"site_builder/{package}/__init__.py: its docstring has no '{label}: …' line"
    words = set(re.findall(r"[a-z_][a-z0-9_]*", match.group(1).split("(")[0]))
    return set() if "nothing" in words else words


def allowed(unit: str) -> set[str]:
    if unit in FOUNDATION:
        return FOUNDATION[unit]
    if unit in BESIDE:
        return BESIDE[unit]
    if unit == "build":
        return UNITS - {"build", "commands"}
    if unit == "__main__":
        return {"commands"}
    if unit == "__init__":
        return set()
    return _rule(unit, "May import")


def _unit(module: str) -> str:
    """The part of the package a dotted module name belongs to: "site_builder.model.people" → "model"."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1] if parts[1] in UNITS or parts[1] == "__main__" else "__init__"


def imports(path: Path, root: Path = PACKAGE.parent) -> list[tuple[int, str]]:
    """(line, dotted module) of every import of the package in one file under ``root``, relative ones resolved."""
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        here = parts
    else:
        here = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            if target == "site_builder":  # "from .. import cite": each name may be a module of its own
                found += [(node.lineno, f"site_builder.{alias.name}") for alias in node.names]
            elif target.startswith("site_builder"):
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("site_builder")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_every_import_goes_the_way_the_data_flows(path: Path) -> None:
    unit = _unit(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    wrong = [f"line {line}: {target}" for line, target in imports(path)
             if _unit(target) not in {unit, "__init__"} | allowed(unit)]
    assert wrong == [], f"{path.relative_to(PACKAGE.parent)} ({unit}) may import only {sorted(allowed(unit))}"


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_each_subpackage_says_what_it_may_and_never_imports(package: str) -> None:
    may, never = _rule(package, "May import"), _rule(package, "Never imports")
    assert may <= UNITS and never <= UNITS
    assert not may & never
    assert may | never | {package} == UNITS, f"{package}: name every part of the package in one line or the other"


def test_the_layout_test_knows_every_part_of_the_package() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert top == set(FOUNDATION) | set(BESIDE) | {"build"}
    assert set(SUBPACKAGES) == {"cite", "commands", "model", "output", "plan", "prose", "readers", "render"}


def test_only_lookup_uses_the_network() -> None:
    users = sorted(str(path.relative_to(PACKAGE)) for path in MODULES
                   if re.search(r"^\s*(import|from) (httpx|urllib\.request|http\.client|socket)\b",
                                path.read_text(encoding="utf-8"), re.M))
    assert users == ["commands/lookup.py"]


def test_a_wrong_import_is_caught(tmp_path: Path) -> None:
    """The walk sees an import inside a function, relative to the module's own folder."""
    probe = tmp_path / "site_builder" / "model" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("from . import dates\n\ndef f():\n    from ..render import pages\n    return pages\n",
                     encoding="utf-8")
    assert imports(probe, tmp_path) == [(1, "site_builder.model"), (4, "site_builder.render")]
    assert _unit("site_builder.render") not in allowed("model")
