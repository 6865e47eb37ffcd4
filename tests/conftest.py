"""Shared fixtures: the demo site built once per session, small sites made in tmp folders, and HTML helpers.

Pages are checked by parsing them (html5lib, as a browser would) and looking at headings, link targets and text,
never at exact markup, so the templates can change without breaking these tests.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib
import pytest
from babel.messages.pofile import read_po, write_po

from site_builder.build import BuildResult, build

REPO = Path(__file__).resolve().parents[1]
DUMPS = REPO / "tests" / "data" / "catalogue-dump"
SEED = DUMPS / "seed.txt"
SEED_RECORD = "000_9bf5f723bdeec259.txt"
CORPUS = REPO.parent / "shared" / "corpus" / "catalogue-dump"


class Html:
    """Parsing pages and reading their links and text (html5lib's etree, no XHTML namespace)."""

    @staticmethod
    def parse(source: Path | bytes | str) -> Element:
        data = source.read_bytes() if isinstance(source, Path) else source
        return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)

    @staticmethod
    def text(element: Element) -> str:
        """The element's text content with whitespace collapsed, as a reader sees it."""
        return re.sub(r"\s+", " ", "".join(element.itertext())).strip()

    @staticmethod
    def links(root: Element) -> list[tuple[Element, str, str]]:
        """(element, attribute, value) for every href and src in the document, in document order."""
        return [(el, attr, el.get(attr, "")) for el in root.iter() for attr in ("href", "src") if attr in el.attrib]

    @staticmethod
    def anchors(root: Element) -> list[tuple[str, str]]:
        """(href, text) of every <a href>, in document order."""
        return [(a.get("href", ""), Html.text(a)) for a in root.iter("a") if "href" in a.attrib]

    @staticmethod
    def main(root: Element) -> Element:
        """The page's <main> (the whole body when a template has none)."""
        found = root.find(".//main")
        return found if found is not None else root.find("body")

    @staticmethod
    def facts(root: Element) -> dict[str, str]:
        """An article page's facts (its ``<dl class="facts">``): each label's text with its value's."""
        dl = root.find(".//dl[@class='facts']")
        assert dl is not None, "no facts on this page"
        return dict(zip([Html.text(e) for e in dl if e.tag == "dt"], [Html.text(e) for e in dl if e.tag == "dd"],
                        strict=True))

    @staticmethod
    def headings(root: Element, *levels: str) -> list[str]:
        tags = levels or ("h1", "h2", "h3", "h4", "h5", "h6")
        return [Html.text(el) for el in root.iter() if el.tag in tags]

    @staticmethod
    def ids(root: Element) -> set[str]:
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        names = {el.get("name") for el in root.iter("a") if el.get("name")}
        return ids | names  # type: ignore[return-value]

    @staticmethod
    def parents(root: Element) -> dict[Element, Element]:
        return {child: parent for parent in root.iter() for child in parent}

    @staticmethod
    def is_external(url: str) -> bool:
        return bool(urlsplit(url).scheme) or url.startswith("//")

    @staticmethod
    def resolve(page: str, href: str) -> tuple[str, str]:
        """(output path, fragment) that a relative href on page ``page`` points to; path "" for "#x" links."""
        parts = urlsplit(href)
        if not parts.path:
            return page, parts.fragment
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        return target, parts.fragment


@dataclass
class BuiltSite:
    """A site built into ``out``; parsed pages are cached."""

    out: Path
    result: BuildResult
    _docs: dict[str, Element] = field(default_factory=dict)

    def doc(self, rel: str) -> Element:
        if rel not in self._docs:
            path = self.out / rel
            assert path.is_file(), f"expected page {rel} in the built site"
            self._docs[rel] = Html.parse(path)
        return self._docs[rel]

    def html_pages(self) -> list[str]:
        return sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.html"))

    def files(self) -> list[str]:
        return sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file())


@pytest.fixture(scope="session")
def html() -> type[Html]:
    return Html


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own demo collection (content/), built once into a tmp folder."""
    out = tmp_path_factory.mktemp("demo") / "_site"
    result = build(REPO, out)
    return BuiltSite(out, result)


def copy_demo(dest: Path) -> Path:
    """A copy of the demo site folder (content/ and site.toml when there is one) at ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "content", dest / "content")
    if (REPO / "site.toml").is_file():
        shutil.copy2(REPO / "site.toml", dest / "site.toml")
    return dest


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """make_site({"a.txt": bytes_or_text, ...}) → a site folder whose content/records/ holds those files."""

    def make(records: dict[str, bytes | str], name: str = "site") -> Path:
        site = tmp_path / name
        folder = site / "content" / "records"
        folder.mkdir(parents=True)
        for filename, data in records.items():
            (folder / filename).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return site

    return make


@pytest.fixture(scope="session")
def built_records(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, dict[str, bytes]], Path]:
    """built_records(name, {"a.ris": bytes, ...}) → the output folder of a site whose content/records/ holds those
    files, built once with no warning nor error."""

    def built(name: str, records: dict[str, bytes]) -> Path:
        folder = tmp_path_factory.mktemp(name) / "site"
        (folder / "content" / "records").mkdir(parents=True)
        for filename, data in records.items():
            (folder / "content" / "records" / filename).write_bytes(data)
        result = build(folder, folder / "_site")
        assert [d for d in result.report.diagnostics if d.level.name != "INFO"] == []
        return result.output

    return built


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m site_builder ARGS`` in a child process, importing this checkout."""
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), environment.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "site_builder", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove nothing was touched)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def take_snapshot() -> Callable[[Path], dict[str, bytes]]:
    return snapshot


def iter_corpus() -> Iterator[Path]:
    if CORPUS.is_dir():
        yield from sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def demo_copier() -> Callable[[Path], Path]:
    return copy_demo


PSEUDO_LANGUAGE = "it"


def _pseudo_catalogue(folder: Path) -> None:
    with (REPO / "locales" / "messages.pot").open("rb") as file:
        template = read_po(file, locale=PSEUDO_LANGUAGE)
    for message in template:
        if message.id:
            message.string = (tuple(f"«{form}»" for form in message.id) if isinstance(message.id, tuple)
                              else f"«{message.id}»")
    folder.mkdir()
    with (folder / f"{PSEUDO_LANGUAGE}.po").open("wb") as file:
        write_po(file, template)


@pytest.fixture(scope="session")
def languages_built(tmp_path_factory: pytest.TempPathFactory, demo_copier: Callable[[Path], Path]) -> dict[str, Path]:
    """The demo built in English, in every shipped language and in a pseudo-language ("it", a language the
    theme does not ship, whose catalogue marks every message: «Home»): language → output folder."""
    root = tmp_path_factory.mktemp("languages")
    site = demo_copier(root / "site")
    _pseudo_catalogue(site / "locales")
    settings = (site / "site.toml").read_text(encoding="utf-8")
    outputs = {}
    for language in ("en", PSEUDO_LANGUAGE, "es", "fr", "de", "pt"):
        (site / "site.toml").write_text(settings + f'\nlanguage = "{language}"\n', encoding="utf-8")
        outputs[language] = root / language
        result = build(site, outputs[language])
        assert result.report.diagnostics == [], language
    return outputs
