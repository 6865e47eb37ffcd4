"""Site settings: a typed schema with defaults, read from ``site.toml`` in the site folder (optional).

Unknown keys are an error that names the closest valid key, so a typo never silently does nothing.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import UserError

CONFIG_FILE = "site.toml"
CONTENT_DIR = "content"
"""The site folder's records, summaries and pages."""
_HOST = re.compile(r"(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


@dataclass(frozen=True)
class Config:
    title: str = "Review summaries"
    """Shown in every page header and the browser tab."""
    description: str = "A collection of review articles with summaries."
    """One sentence for search engines and link previews."""
    base_url: str = ""
    """Public address of the site, e.g. https://user.github.io/repo/ (used for sitemap, feed, canonical links)."""
    cname: str = ""
    """Custom domain for GitHub Pages, e.g. reviews.example.org: 'deploy' writes it to the CNAME file."""
    language: str = "en"
    """Language of the interface and of the site's own text: en, es, fr, de, pt, or one with locales/<lang>.po."""
    output: str = "_site"
    """Output folder, relative to the site folder."""
    references: bool = True
    """Show each article's reference in Vancouver, AMA and APA (CSL styles, kept between builds)."""
    downloads: bool = True
    """Write BibTeX, RIS, CSL-JSON and MEDLINE files of every article, author, topic and the whole collection."""
    search: bool = True
    """Full-text search with facets (Pagefind): a search box on every page, search.html, and the index it reads."""
    list_orders: bool = False
    """Offer a long list (more than 20 articles) oldest first and by title too, as pages of their own: two more
    copies of every long list, 50 MB at 10,000 records. Off, a list runs newest first; search sorts it either way."""
    strict: bool = False
    """Fail the build (exit 1) on any warning or error, so nothing is lost unnoticed (as --strict does)."""

    @property
    def base_path(self) -> str:
        """The path part of base_url ending in "/" ("/repo/"), or "" without a base URL."""
        if not self.base_url:
            return ""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


def load_config(site_dir: Path, **overrides: str | None) -> Config:
    """The site's config: defaults, then site.toml, then command-line overrides that are not None."""
    values: dict[str, Any] = {}  # Any: _read_toml checks each value against its field's type
    path = site_dir / CONFIG_FILE
    if path.is_file():
        values = _read_toml(path)
    values.update({k: v for k, v in overrides.items() if v is not None})
    base_url = values.get("base_url")
    if isinstance(base_url, str) and base_url and not base_url.endswith("/"):
        # configure-pages gives "https://user.github.io/repo" without the slash; page paths are joined to it.
        values["base_url"] = base_url + "/"
    config = Config(**values)
    _check(config, path)
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise UserError(f"{path}: {err}") from err
    except RecursionError as err:  # tomllib recurses once per level of nested arrays and tables
        raise UserError(f"{path}: values nested too deeply to read") from err
    known = {f.name: f for f in fields(Config)}
    for key, value in data.items():
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; valid keys: {', '.join(known)}"
            raise UserError(f"{path}: unknown key '{key}'{hint}")
        expected = type(known[key].default)
        if type(value) is not expected:
            raise UserError(f"{path}: '{key}' must be a {_TYPE_NAMES[expected]}, got {value!r}")
    return dict(data)


def _check(config: Config, path: Path) -> None:
    if config.base_url:
        try:
            parts = urlsplit(config.base_url)
        except ValueError:  # "http://[x": a bracket that opens no IPv6 address
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(f"{path.name}: base_url must be an http(s) address such as "
                            f"https://user.github.io/repo/, got {config.base_url!r}")
    if config.cname and not _HOST.fullmatch(config.cname):
        raise UserError(f"{path.name}: cname must be a bare domain name such as reviews.example.org "
                        f"(no https://, no path), got {config.cname!r}")


_TYPE_NAMES = {str: "string in quotes", bool: "boolean (true or false)"}


def documented_defaults() -> str:
    """The config file written by ``init``: every key, its default, and its documentation as a comment."""
    lines = ["# site-builder settings. Every key is optional; the values below are the defaults.", ""]
    docs = _field_docs()
    for f in dataclasses.fields(Config):
        lines += [f"# {line.strip()}" for line in docs.get(f.name, "").splitlines() or [""]]
        lines.append(f"{f.name} = {_toml_string(f.default)}")
        lines.append("")
    return "\n".join(lines)


def _toml_string(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field_docs() -> dict[str, str]:
    """Field docstrings, read from this module's source (they sit under each field, as in the model)."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(Config))
    (cls,) = tree.body
    assert isinstance(cls, ast.ClassDef)
    docs = {}
    for node, nxt in zip(cls.body, cls.body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)):
            docs[node.target.id] = str(nxt.value.value)
    return docs
