"""Publishing: the built site committed to a gh-pages branch with git plumbing, and the GitHub Actions workflow.

Why plumbing rather than ghp-import: a temporary index and five git commands (hash-object, update-index,
write-tree, commit-tree, update-ref) build the commit without touching the work tree or the user's index, leave
out the build's own bookkeeping files, add .nojekyll and CNAME, and skip the commit when nothing changed; no
dependency, and every failure is git's own message.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import Config
from ..diagnostics import UserError
from ..output.preflight import list_output

INTERNAL_PREFIX = ".site-builder-"
"""The build's bookkeeping files (manifest, reference cache): never published."""
NOJEKYLL = ".nojekyll"
"""Tells GitHub Pages to serve a branch as it is instead of running it through Jekyll (which drops _files)."""
_GITHUB_REMOTE = re.compile(r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
                            r"(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?")


@dataclass(frozen=True)
class Published:
    branch: str
    commit: str
    changed: bool
    """False when the branch already held exactly this site (no new commit)."""
    pushed_to: str
    """The remote pushed to, or "" with --no-push."""
    source: str
    """The source commit named in the commit message."""
    url: str
    """Where the site will appear ("" when neither the config nor the remote tells)."""


@dataclass(frozen=True)
class Target:
    """Where a deploy goes, checked before the build so that a refusal costs nothing."""

    git: Git
    branch: str
    remote: str
    remote_url: str
    push: bool


def target(site_dir: Path, *, remote: str = "origin", branch: str = "gh-pages", push: bool = True) -> Target:
    """The site's repository, a branch that is safe to replace, and the remote (which must exist to push)."""
    git = Git(_repository_of(site_dir))
    _check_branch(git, branch)
    address = remote_url(git, remote) if push else git.run("remote", "get-url", remote, check=False)
    return Target(git, branch, remote, address, push)


def publish(to: Target, output: Path, config: Config) -> Published:
    """Commit the site in ``output`` as the new tip of the target branch, then push it."""
    git, branch = to.git, to.branch
    source = _source_commit(git)
    tree = _site_tree(git, output, config.cname)
    parent = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
    changed = not parent or git.run("rev-parse", f"{parent}^{{tree}}") != tree
    commit = parent
    if changed:
        message = f"Publish the site built from {source}\n\nMade by site-builder deploy."
        commit = git.run("commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
        git.run("update-ref", f"refs/heads/{branch}", commit, parent or "0" * 40)
    if to.push:
        git.run("push", "--quiet", to.remote, f"refs/heads/{branch}:refs/heads/{branch}")
    return Published(branch, commit, changed, to.remote if to.push else "", source,
                     public_url(config, to.remote_url))


class Git:
    """git in one repository; a failing command becomes a UserError carrying git's own message."""

    def __init__(self, top: Path, env: dict[str, str] | None = None) -> None:
        self.top, self.env = top, env

    def run(self, *args: str, stdin: str = "", check: bool = True) -> str:
        done = subprocess.run(["git", *args], cwd=self.top, input=stdin, capture_output=True, text=True,
                              env=self.env)
        if check and done.returncode != 0:
            raise UserError(f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout.strip() if done.returncode == 0 else ""


def _repository_of(site_dir: Path) -> Path:
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=site_dir, capture_output=True, text=True)
    except FileNotFoundError as err:
        raise UserError("deploy needs git, and git is not installed (or not on PATH)") from err
    if done.returncode != 0:
        raise UserError(f"{site_dir.resolve()} is not in a git repository: deploy commits the site to a branch of "
                        "the site's repository. Run 'git init', commit your sources and add a GitHub remote first")
    return Path(done.stdout.strip())


def _check_branch(git: Git, branch: str) -> None:
    """Refuse a bad name, the checked-out branch, and a branch that holds the sources (e.g. --branch main)."""
    if not git.run("check-ref-format", "--branch", branch, check=False):
        raise UserError(f"'{branch}' is not a valid branch name")
    if git.run("symbolic-ref", "--quiet", "HEAD", check=False) == f"refs/heads/{branch}":
        raise UserError(f"'{branch}' is the branch checked out here: deploy would replace your sources with the "
                        "built site; publish to another branch (--branch gh-pages)")
    tip = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False)
    head = git.run("rev-parse", "--verify", "--quiet", "HEAD", check=False)
    if tip and head and _is_ancestor(git, tip, head):
        raise UserError(f"branch '{branch}' is part of the history of your sources: deploy would put the built "
                        "site on top of it; publish to a branch of its own (--branch gh-pages)")


def _is_ancestor(git: Git, older: str, newer: str) -> bool:
    done = subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=git.top, capture_output=True)
    return done.returncode == 0


def remote_url(git: Git, remote: str) -> str:
    url = git.run("remote", "get-url", remote, check=False)
    if not url:
        raise UserError(f"this repository has no remote '{remote}': add one with 'git remote add {remote} URL', "
                        "name another with --remote, or commit without pushing with --no-push")
    return url


def _source_commit(git: Git) -> str:
    """The sources' commit as the message will name it, marked when the work tree has uncommitted changes."""
    head = git.run("rev-parse", "--short=12", "--verify", "--quiet", "HEAD", check=False)
    if not head:
        return "uncommitted sources (the repository has no commit yet)"
    dirty = git.run("status", "--porcelain", "--untracked-files=no")
    return f"commit {head}" + (" with uncommitted changes" if dirty else "")


def _site_tree(git: Git, output: Path, cname: str) -> str:
    """The tree of the published branch: the output's files (bookkeeping left out), .nojekyll and CNAME."""
    files = [f.rel for f in list_output(output) if not f.rel.startswith(INTERNAL_PREFIX)]
    if not files:
        raise UserError(f"{output} holds no site to publish: build it first")
    blobs = git.run("hash-object", "-w", "--stdin-paths", stdin="\n".join(str(output / rel) for rel in files)).split()
    extra = {NOJEKYLL: "", **({"CNAME": cname + "\n"} if cname else {})}
    for name, text in extra.items():
        files.append(name)
        blobs.append(git.run("hash-object", "-w", "--stdin", stdin=text))
    with tempfile.TemporaryDirectory(prefix="site-builder-deploy-") as tmp:
        index = Git(git.top, {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")})
        entries = "".join(f"100644 blob {sha}\t{rel}\n" for rel, sha in zip(files, blobs, strict=True))
        index.run("update-index", "--add", "--index-info", stdin=entries)
        return index.run("write-tree")


def public_url(config: Config, remote: str = "") -> str:
    """Where the site will appear: its custom domain, its base URL, or the Pages address of a GitHub remote."""
    if config.cname:
        return f"https://{config.cname}/"
    if config.base_url:
        return config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    found = _GITHUB_REMOTE.fullmatch(remote.strip())
    if not found:
        return ""
    owner, repo = found["owner"].lower(), found["repo"]
    return f"https://{owner}.github.io/" + ("" if repo.lower() == f"{owner}.github.io" else f"{repo}/")


def site_base_url(config: Config, remote: str = "") -> str | None:
    """The base URL a deploy builds with: the configured one, else the custom domain's root, else the Pages
    address of a GitHub remote (so the published site has its sitemap and canonical links); None if unknown."""
    return public_url(config, remote) or None


def workflow_text() -> str:
    """The GitHub Actions workflow that builds and publishes a site; ``init`` writes it and the repository's own
    .github/workflows/pages.yml is this text (a test compares them), so the two cannot drift apart."""
    return WORKFLOW


WORKFLOW = """\
# Build the site and publish it on GitHub Pages (Settings → Pages → Source: GitHub Actions).
# Written by `site-builder init`; the same text as site_builder/deploy.py's WORKFLOW.
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

# Only what deploying to Pages needs: read the sources, write the Pages site, prove the run's identity.
permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a queued run waits rather than cancelling one that is publishing.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - uses: actions/setup-python@v6
        with:
          python-version: "3.11"
      - name: Install site-builder
        # The site-builder repository installs itself; a site made by `site-builder init` names it in requirements.txt.
        # A requirements.txt that names nothing, or nothing pip can install, stops the run with one line saying so.
        run: |
          if [ -f pyproject.toml ]; then pip install .; exit; fi
          fix="name the site-builder to install, such as: site-builder @ git+https://github.com/OWNER/site-builder@COMMIT"
          if ! grep -qEv '^[[:space:]]*(#|$)' requirements.txt 2>/dev/null; then
            echo "::error file=requirements.txt::requirements.txt names nothing to install; $fix"; exit 1
          fi
          pip install -r requirements.txt || {
            echo "::error file=requirements.txt::pip could not install what requirements.txt names; $fix"; exit 1
          }
      - name: Find the site's public address
        id: pages
        uses: actions/configure-pages@v6
      # What the last build lends this one: parsed records and formatted references (.site-builder/), and the
      # site as built with each page's fingerprint (_site/), so a push that changes one summary rebuilds in
      # seconds. Saved under this commit when the job succeeds; a run restores the newest entry before it.
      - name: Restore the last build
        uses: actions/cache@v6
        with:
          path: |
            .site-builder
            _site
          key: site-builder-${{ github.sha }}
          restore-keys: site-builder-
      - name: Build
        run: site-builder build --base-url "${{ steps.pages.outputs.base_url }}"
      # Hidden files are left out (the default): the build's own bookkeeping files start with a dot, and a site
      # deployed from an artifact is not run through Jekyll, so it needs no .nojekyll.
      - uses: actions/upload-pages-artifact@v5
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy
        id: deployment
        uses: actions/deploy-pages@v5
"""
