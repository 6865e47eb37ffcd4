"""The README's two set-up commands stay true: CI runs exactly the test command the README states."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shell_blocks(text: str) -> list[str]:
    blocks = text.split("```sh\n")[1:]
    return [b.split("```", 1)[0].strip() for b in blocks]


def test_ci_runs_the_readme_test_command():
    readme_commands = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    test_command = next(c for c in readme_commands if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_builds_the_demo_with_the_installed_command():
    readme_commands = _shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert any(c.endswith("site-builder build") and "pip install" in c for c in readme_commands)
