"""``site-builder init DIR``: a new site folder that builds at once.

It holds content/ (one example record, an introduction and an About page), a copy of the default templates/ and
static/ to edit, a commented site.toml with every setting, a .gitignore, the GitHub Pages workflow and the
requirements.txt that workflow installs from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..config import CONFIG_FILE, documented_defaults
from ..diagnostics import UserError
from ..output.cache import CACHE_DIR
from ..render import theme

STARTER = Path(__file__).resolve().parent.parent / "starter"
GITIGNORE = f"_site/\n{CACHE_DIR}/\n__pycache__/\n"
REQUIREMENTS = """\
# What GitHub Actions installs to build this site (.github/workflows/pages.yml runs pip install -r on it).
# Name the site-builder you use: a release, or a git address such as
#   site-builder @ git+https://github.com/OWNER/site-builder@main
site-builder>=0.1
"""


def init_site(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"{target} already exists and is not an empty folder; choose a new folder name")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STARTER / "content", target / "content")
    shutil.copytree(theme.default_dir("templates"), target / "templates")
    shutil.copytree(theme.default_dir("static"), target / "static")
    (target / CONFIG_FILE).write_text(documented_defaults(), encoding="utf-8")
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (target / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    _write_workflow(target)


def _write_workflow(target: Path) -> None:
    """The GitHub Pages workflow, when the deploy stage provides one."""
    try:
        from .deploy import workflow_text
    except ImportError:  # the publishing stage is optional in a trimmed install
        return
    workflow = target / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(workflow_text(), encoding="utf-8")
