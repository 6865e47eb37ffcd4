"""``site-builder init``: a new site folder that builds at once, from a source checkout and from a wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.commands.init import Requirement, init_site, requirement_from, requirements_text
from site_builder.config import Config, load_config
from site_builder.diagnostics import UserError
from site_builder.output.cache import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_init_makes_a_site_that_builds(tmp_path: Path) -> None:
    site = tmp_path / "reviews"
    init_site(site)
    for expected in ("content/index.md", "content/pages/about.md", "templates/base.html", "templates/article.html",
                     "static/style.css", "site.toml", ".gitignore", "requirements.txt",
                     ".github/workflows/pages.yml"):
        assert (site / expected).is_file(), expected
    assert list((site / "content" / "records").iterdir())
    result = build(site, site / "_site")
    assert result.report.errors == 0
    assert result.articles == 1
    assert (site / "_site" / "articles" / "pubmed-8699378.html").is_file()
    ignored = (site / ".gitignore").read_text(encoding="utf-8").split()
    assert "_site/" in ignored and CACHE_DIR + "/" in ignored


def test_init_config_lists_every_setting_with_its_default(tmp_path: Path) -> None:
    init_site(tmp_path / "s")
    written = tomllib.loads((tmp_path / "s" / "site.toml").read_text(encoding="utf-8"))
    assert set(written) == set(Config.__dataclass_fields__)
    assert load_config(tmp_path / "s") == Config()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UserError, match="not an empty folder"):
        init_site(tmp_path)
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_init_and_build_work_from_the_wheel_alone(tmp_path: Path) -> None:
    """Templates, static files and the starter content must travel inside the wheel, not only in the checkout."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(next(wheels.glob("*.whl"))) as wheel:
        wheel.extractall(unpacked)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    for args in (["init", "mysite"], ["build", "--source", "mysite", "--strict"]):
        run = subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=work, env=env,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
    imported = subprocess.run([sys.executable, "-c", "import site_builder; print(site_builder.__file__)"],
                              cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert imported.startswith(str(unpacked))
    assert (work / "mysite" / "_site" / "static" / "style.css").is_file()
    assert (work / "mysite" / "templates" / "partials" / "article_list.html").is_file()
    # The interface's catalogues travel too, and are read as they are: no compile step.
    assert sorted(p.name for p in (unpacked / "site_builder" / "theme" / "locales").glob("*.po")) == [
        "de.po", "es.po", "fr.po", "pt.po"]
    assert not list(unpacked.rglob("*.mo"))
    settings = work / "mysite" / "site.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('language = "en"', 'language = "es"'),
                        encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "site_builder", "build", "--source", "mysite", "--strict"], cwd=work,
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    home = (work / "mysite" / "_site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in home and ">Inicio</a>" in home


# --- requirements.txt: the site-builder that ran init, as pip recorded where it came from (PEP 610) ------------

COMMIT = "7abb49186145b4cc615a7538e3edc51fa4ca9fb3"


@pytest.mark.parametrize(("direct_url", "line"), [
    ({"url": "https://github.com/me/site-builder.git",
      "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"}},
     f"site-builder @ git+https://github.com/me/site-builder.git@{COMMIT}"),
    ({"url": "https://github.com/me/tools.git", "subdirectory": "site-builder",
      "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
     f"site-builder @ git+https://github.com/me/tools.git@{COMMIT}#subdirectory=site-builder"),
    ({"url": "https://example.org/site_builder-0.1.0.tar.gz", "archive_info": {"hashes": {"sha256": "ab12"}}},
     "site-builder @ https://example.org/site_builder-0.1.0.tar.gz#sha256=ab12"),
])
def test_a_repository_at_its_commit_or_an_archive_is_named_exactly(direct_url: dict, line: str) -> None:
    assert requirement_from(direct_url, "0.1.0") == Requirement(line)


@pytest.mark.parametrize("direct_url", [
    {"url": "file:///home/ana/site-builder", "dir_info": {"editable": True}},
    {"url": "file:///home/ana/site-builder", "dir_info": {}},
    {"url": "file:///home/ana/site-builder/dist/site_builder-0.1.0-py3-none-any.whl", "archive_info": {}},
])
def test_a_folder_or_file_on_this_computer_is_named_in_a_message_not_in_requirements(direct_url: dict) -> None:
    found = requirement_from(direct_url, "0.1.0")
    assert found.line == ""
    assert "/home/ana/site-builder" in found.note and "GitHub Actions cannot reach" in found.note
    assert "site-builder @ git+https://github.com/OWNER/site-builder@COMMIT" in found.note
    text = requirements_text(found)
    assert all(line.startswith("#") for line in text.splitlines()), text  # pip finds nothing to install


def test_a_repository_on_this_computer_is_named_with_a_warning() -> None:
    found = requirement_from({"url": "file:///srv/git/site-builder", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
                             "0.1.0")
    assert found.line == f"site-builder @ git+file://localhost/srv/git/site-builder@{COMMIT}"
    assert "GitHub Actions cannot reach" in found.note


def test_init_run_from_an_editable_install_says_what_to_write(tmp_path: Path, cli) -> None:
    """This checkout is installed from its folder (pip install -e .): init says so, and requirements.txt names
    nothing the workflow would install."""
    run = cli("init", "site", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8")
    assert "site-builder>=0.1" not in text
    assert "site-builder: init: error:" in run.stderr and "requirements.txt" in run.stderr, run.stderr


def _pip(*args: str, python: Path) -> None:
    """This environment's pip, working on the environment of ``python`` (no pip of its own to bootstrap)."""
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check",
                           *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def _fresh_venv(where: Path) -> Path:
    """A new virtual environment that sees this one's libraries (a .pth line: their .pth files, such as the
    editable install of this checkout, are not run), so only site-builder itself is installed into it."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    import sysconfig
    (Path(purelib) / "test-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_requirements_written_by_init_install_site_builder_into_a_fresh_venv(tmp_path: Path) -> None:
    """site-builder installed from a git repository at a commit writes that repository and commit into
    requirements.txt, and installing requirements.txt into a new environment gives a site-builder that builds the
    site."""
    repository = tmp_path / "site-builder.git"
    repository.mkdir()
    for name in ("pyproject.toml", "README.md", "site_builder", "templates", "static", "locales"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, repository / name, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                                if (ROOT / name).is_dir() else {}))
    identity = {**os.environ, **{k: "t" for k in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")},
                **{k: "t@example.org" for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")}}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "site-builder"]):
        subprocess.run(["git", *args], cwd=repository, env=identity, check=True, capture_output=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repository, capture_output=True, text=True,
                            check=True).stdout.strip()

    first = _fresh_venv(tmp_path / "first")
    _pip("install", "-q", "--no-deps", f"git+{repository.as_uri()}", python=first)
    made = subprocess.run([str(first.parent / "site-builder"), "init", "mysite"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    requirements = tmp_path / "mysite" / "requirements.txt"
    named = [line for line in requirements.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert named == [f"site-builder @ git+file://localhost{repository.as_posix()}@{commit}"]

    second = _fresh_venv(tmp_path / "second")
    _pip("install", "-q", "--no-deps", "-r", str(requirements), python=second)
    installed = subprocess.run([str(second), "-c", "import site_builder, importlib.metadata as m; "
                                "print(site_builder.__file__); print(m.distribution('site-builder')"
                                ".read_text('direct_url.json'))"], cwd=tmp_path, capture_output=True, text=True,
                               check=True)
    where, direct_url = installed.stdout.splitlines()
    assert where.startswith(str(tmp_path / "second")) and commit in direct_url
    built = subprocess.run([str(second.parent / "site-builder"), "build", "--strict", "--source", "mysite"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
