"""Where the default templates and static files are: packaged in the wheel, or the repository's own folders.

A site's own templates/ and static/ come first; the defaults fill in whatever the site does not override.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def default_dir(name: str) -> Path:
    """``templates``, ``static`` or ``locales``: inside the installed package, else beside it in a source checkout."""
    packaged = _PACKAGE / "theme" / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def template_dirs(site_dir: Path) -> list[Path]:
    return _existing([site_dir / "templates", default_dir("templates")])


def own_templates(site_dir: Path) -> bool:
    """Whether the site's templates/ changes anything: a file the defaults lack, or one that differs from them.

    ``site-builder init`` copies the default templates into a new site, so a folder of unchanged copies is
    still the default theme.
    """
    own, default = site_dir / "templates", default_dir("templates")
    if not own.is_dir() or own.resolve() == default.resolve():
        return False
    for path in own.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            twin = default / path.relative_to(own)
            if not twin.is_file() or twin.read_bytes() != path.read_bytes():
                return True
    return False


def locale_dirs(site_dir: Path) -> list[Path]:
    """The interface's catalogues: the site's own locales/ first (a language it adds, or its own wording), then
    the defaults."""
    return _existing([site_dir / "locales", default_dir("locales")])


def static_dirs(site_dir: Path) -> list[Path]:
    """Default static files first, the site's after, so the site's files replace same-named defaults."""
    return _existing([default_dir("static"), site_dir / "static"])


def _existing(dirs: list[Path]) -> list[Path]:
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [u.resolve() for u in unique]:
            unique.append(d)
    return unique


def static_files(site_dir: Path) -> dict[str, Path]:
    """Output path ("static/style.css") → source file, later folders overriding earlier ones; sorted."""
    files: dict[str, Path] = {}
    for folder in static_dirs(site_dir):
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                files["static/" + path.relative_to(folder).as_posix()] = path
    return dict(sorted(files.items()))
