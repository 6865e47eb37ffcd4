"""``site-builder deploy`` against real git: a site repository with a local bare repository as its remote."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from e2e.serving import copy_site

from site_builder.commands.deploy import public_url, site_base_url
from site_builder.config import Config

IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **IDENTITY})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A site under git with one commit, and origin: a bare repository beside it."""
    site = copy_site(tmp_path / "site", records=3)
    (site / "site.toml").write_text('base_url = "https://example.github.io/site/"\ncname = "reviews.example.org"\n')
    (site / ".gitignore").write_text("_site/\n")
    git("init", "-q", "-b", "main", cwd=site)
    git("add", "-A", cwd=site)
    git("commit", "-q", "-m", "Sources", cwd=site)
    git("init", "-q", "--bare", str(tmp_path / "origin.git"), cwd=tmp_path)
    git("remote", "add", "origin", str(tmp_path / "origin.git"), cwd=site)
    return site


def deploy(cli, site: Path, *args: str):
    return cli("deploy", *args, cwd=site, env=IDENTITY)


def test_deploy_pushes_the_site_with_nojekyll_and_cname(repo: Path, cli) -> None:
    run = deploy(cli, repo)
    assert run.returncode == 0, run.stderr
    bare = repo.parent / "origin.git"
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).splitlines()
    assert {"index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll", "CNAME"} <= set(files)
    assert any(f.startswith("articles/") for f in files)
    assert not any(f.startswith(".site-builder") for f in files)  # the build's bookkeeping stays home
    assert git("show", "gh-pages:CNAME", cwd=bare) == "reviews.example.org"
    assert git("show", "gh-pages:.nojekyll", cwd=bare) == ""
    source = git("rev-parse", "--short=12", "HEAD", cwd=repo)
    assert f"commit {source}" in git("log", "-1", "--format=%B", "gh-pages", cwd=bare)
    assert "https://reviews.example.org/" in run.stderr
    assert git("status", "--porcelain", cwd=repo) == ""  # the sources' work tree and index are untouched


def test_a_second_deploy_of_the_same_site_adds_no_commit(repo: Path, cli) -> None:
    assert deploy(cli, repo).returncode == 0
    again = deploy(cli, repo)
    assert again.returncode == 0, again.stderr
    assert "already holds this site" in again.stderr
    assert git("rev-list", "--count", "gh-pages", cwd=repo.parent / "origin.git") == "1"


def test_an_edit_adds_a_commit_on_top(repo: Path, cli) -> None:
    assert deploy(cli, repo).returncode == 0
    (repo / "content" / "pages" / "about.md").write_text("---\ntitle: About us\n---\nNew text.\n")
    run = deploy(cli, repo)
    assert run.returncode == 0, run.stderr
    bare = repo.parent / "origin.git"
    assert git("rev-list", "--count", "gh-pages", cwd=bare) == "2"
    assert "with uncommitted changes" in git("log", "-1", "--format=%B", "gh-pages", cwd=bare)


def test_no_push_commits_locally_only_and_branch_and_remote_are_options(repo: Path, cli) -> None:
    run = deploy(cli, repo, "--no-push", "--branch", "site")
    assert run.returncode == 0, run.stderr
    assert "index.html" in git("ls-tree", "--name-only", "site", cwd=repo)
    assert git("branch", "--list", "site", cwd=repo.parent / "origin.git") == ""
    assert "git push origin site" in run.stderr
    git("remote", "rename", "origin", "upstream", cwd=repo)
    pushed = deploy(cli, repo, "--remote", "upstream", "--branch", "site")
    assert pushed.returncode == 0, pushed.stderr
    assert git("branch", "--list", "site", cwd=repo.parent / "origin.git") != ""


def test_outside_a_git_repository_deploy_refuses(tmp_path: Path, cli) -> None:
    site = copy_site(tmp_path / "site", records=1)
    run = deploy(cli, site)
    assert run.returncode == 2
    assert "not in a git repository" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--branch", "main"), "the branch checked out here"),
    (("--branch", "bad..name"), "not a valid branch name"),
    (("--remote", "nowhere"), "no remote 'nowhere'"),
])
def test_unsafe_or_impossible_targets_are_refused(repo: Path, cli, args: tuple[str, ...], message: str) -> None:
    run = deploy(cli, repo, *args)
    assert run.returncode == 2 and message in run.stderr, run.stderr
    assert git("branch", "--list", "gh-pages", cwd=repo) == ""


def test_a_branch_in_the_sources_history_is_refused(repo: Path, cli) -> None:
    git("branch", "old-main", cwd=repo)
    run = deploy(cli, repo, "--branch", "old-main")
    assert run.returncode == 2 and "part of the history of your sources" in run.stderr


@pytest.mark.parametrize(("config", "remote", "url"), [
    (Config(cname="reviews.example.org"), "", "https://reviews.example.org/"),
    (Config(base_url="https://me.github.io/reviews"), "", "https://me.github.io/reviews/"),
    (Config(), "git@github.com:Me/reviews.git", "https://me.github.io/reviews/"),
    (Config(), "https://github.com/me/me.github.io", "https://me.github.io/"),
    (Config(), "/srv/git/site.git", ""),
])
def test_the_address_the_site_will_have(config: Config, remote: str, url: str) -> None:
    assert public_url(config, remote) == url


def test_a_deploy_without_base_url_builds_for_the_address_of_its_github_remote() -> None:
    assert site_base_url(Config(), "https://github.com/me/reviews.git") == "https://me.github.io/reviews/"
    assert site_base_url(Config(), "/srv/git/site.git") is None


def test_a_deploy_with_no_address_at_all_warns(repo: Path, cli) -> None:
    (repo / "site.toml").unlink()
    run = deploy(cli, repo)
    assert run.returncode == 0, run.stderr
    assert "site.toml: warning: no base_url" in run.stderr
    assert "robots.txt" not in git("ls-tree", "--name-only", "gh-pages", cwd=repo.parent / "origin.git")


def test_a_strict_site_with_a_warning_publishes_nothing(repo: Path, cli) -> None:
    (repo / "site.toml").write_text('base_url = "https://example.github.io/site/"\nstrict = true\n')
    (repo / "content" / "records" / "scan.txt").write_bytes(bytes(range(256)))
    run = deploy(cli, repo)
    assert run.returncode == 1, run.stderr
    assert "deploy: strict: the build failed (strict = true in site.toml) because 1 warning(s)" in run.stderr
    assert "nothing was published" in run.stderr
    assert git("branch", "--list", "gh-pages", cwd=repo.parent / "origin.git") == ""
    assert git("branch", "--list", "gh-pages", cwd=repo) == ""
