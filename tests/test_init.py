"""``site-builder init``: a new site folder that builds at once, from a source checkout and from a wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.commands.init import init_site
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
