"""``site-builder init DIR``: a new site folder that builds at once.

It holds content/ (one example record, an introduction and an About page), a copy of the default templates/ and
static/ to edit, a commented site.toml with every setting, a .gitignore, the GitHub Pages workflow and the
requirements.txt that workflow installs from: the site-builder that ran init, named as pip recorded where it came
from (PEP 610's direct_url.json: a repository at its commit, an archive, or a release of a package index).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .. import __version__
from ..config import CONFIG_FILE, documented_defaults
from ..diagnostics import UserError
from ..output.cache import CACHE_DIR
from ..render import theme

STARTER = Path(__file__).resolve().parent.parent / "starter"
GITIGNORE = f"_site/\n{CACHE_DIR}/\n__pycache__/\n"
DISTRIBUTION = "site-builder"
REQUIREMENTS_HEAD = """\
# What GitHub Actions installs to build this site (.github/workflows/pages.yml runs pip install -r on it):
# the site-builder that made it, as `site-builder init` found it installed.
"""
EXAMPLE = "site-builder @ git+https://github.com/OWNER/site-builder@COMMIT"


@dataclass(frozen=True)
class Requirement:
    """What requirements.txt should name for the site-builder running now."""

    line: str
    """A pip requirement ("site-builder @ git+https://…@<commit>"), or "" where none can be named."""
    note: str = ""
    """What the user must know or do about it ("" when nothing)."""


def init_site(target: Path) -> Requirement:
    """Create the site folder; what its requirements.txt names, and what the user must do about it."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"{target} already exists and is not an empty folder; choose a new folder name")
    requirement = installed_requirement()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(STARTER / "content", target / "content")
    shutil.copytree(theme.default_dir("templates"), target / "templates")
    shutil.copytree(theme.default_dir("static"), target / "static")
    (target / CONFIG_FILE).write_text(documented_defaults(), encoding="utf-8")
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (target / "requirements.txt").write_text(requirements_text(requirement), encoding="utf-8")
    _write_workflow(target)
    return requirement


def requirements_text(requirement: Requirement) -> str:
    if requirement.line:
        return REQUIREMENTS_HEAD + requirement.line + "\n"
    return (REQUIREMENTS_HEAD + "# It names none yet: " + requirement.note.replace("\n", "\n# ") + "\n")


def installed_requirement() -> Requirement:
    """The requirement that installs this very site-builder, from its PEP 610 ``direct_url.json``."""
    # An installer writes INSTALLER into what it installs; a stale egg-info beside the sources has none.
    installed = [d for d in metadata.distributions(name=DISTRIBUTION) if d.read_text("INSTALLER")]
    dist = installed[0] if installed else None
    if dist is None:
        return Requirement("", f"this site-builder ({__version__}) runs from source files that pip did not "
                               f"install, so where it came from is unknown; write the address you install it from "
                               f"in requirements.txt, such as: {EXAMPLE}")
    direct = dist.read_text("direct_url.json")
    if direct is None:  # installed from a package index: that release
        return Requirement(f"{DISTRIBUTION}=={dist.version}")
    try:
        info = json.loads(direct)
    except ValueError:
        info = {}
    return requirement_from(info if isinstance(info, dict) else {}, dist.version)


def requirement_from(direct_url: dict[str, Any], version: str) -> Requirement:
    """The requirement naming what PEP 610's direct_url.json says was installed: a repository at its commit,
    an archive at its address, or none for a folder on this computer (with what to write instead)."""
    url = direct_url.get("url")
    url = url if isinstance(url, str) else ""
    subdirectory = direct_url.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if isinstance(subdirectory, str) and subdirectory else ""
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, dict) and url and isinstance(vcs.get("vcs"), str) and isinstance(vcs.get("commit_id"), str):
        if url.startswith("file:///"):  # pip before 24 takes a vcs address on this computer only with a host
            url = "file://localhost/" + url[len("file:///"):]
        line = f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}{fragment}"
        if url.startswith("file:"):
            return Requirement(line, f"requirements.txt names a repository on this computer ({url}), which "
                                     f"GitHub Actions cannot reach: once it is pushed, name its address instead, "
                                     f"such as: {EXAMPLE}")
        return Requirement(line)
    archive = direct_url.get("archive_info")
    if isinstance(archive, dict) and urlsplit(url).scheme in ("http", "https"):
        hashes = archive.get("hashes")
        digest = next(iter(hashes.items()), None) if isinstance(hashes, dict) else None
        return Requirement(f"{DISTRIBUTION} @ {url}" + (f"#{digest[0]}={digest[1]}" if digest else ""))
    where = unquote(urlsplit(url).path) if url.startswith("file:") else (url or "an unknown place")  # for the message
    return Requirement("", f"this site-builder ({version}) was installed from {where} on this computer, which "
                           f"GitHub Actions cannot reach; write the address you install it from in "
                           f"requirements.txt, such as: {EXAMPLE}")


def _write_workflow(target: Path) -> None:
    """The GitHub Pages workflow, when the deploy stage provides one."""
    try:
        from .deploy import workflow_text
    except ImportError:  # the publishing stage is optional in a trimmed install
        return
    workflow = target / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(workflow_text(), encoding="utf-8")
