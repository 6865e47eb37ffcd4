"""Fixtures of the cite tests; the sample articles themselves are in cite_samples.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cite_samples import ALL, SEED

from site_builder.build import build
from site_builder.model.article import Article


@pytest.fixture(params=ALL, ids=lambda a: a.id + ("-full" if a.volume and a.id == SEED.id else ""))
def any_article(request: pytest.FixtureRequest) -> Article:
    return request.param


@pytest.fixture(scope="session")
def csl_schema() -> dict:
    return json.loads((Path(__file__).parent.parent / "data" / "csl" / "csl-data.json").read_text("utf-8"))


@dataclass(frozen=True)
class ArticlePage:
    """One built article page, parsed, with what the cite tests read of it."""

    path: Path
    root: Any
    html: Any

    def citations(self) -> dict[str, str]:
        """The page's formatted references as text, by style id ("vancouver", "ama", "apa")."""
        return {el.get("id").removeprefix("cite-"): self.html.text(el) for el in self.root.iter()
                if (el.get("id") or "").startswith("cite-")}

    def download(self, suffix: str) -> str:
        """The text of the page's own download file ending in ``suffix`` (".bib", ".ris", ".json", ".nbib")."""
        links = {Path(a.get("href")).suffix: a.get("href")
                 for a in self.root.iter("a") if a.get("download") is not None}
        return (self.path.parent / links[suffix]).read_text(encoding="utf-8")

    def facts(self) -> dict[str, str]:
        """The page's facts list (label → value)."""
        facts = self.root.find(".//dl[@class='facts']")
        return dict(zip((self.html.text(dt) for dt in facts.iter("dt")),
                        (self.html.text(dd) for dd in facts.iter("dd")), strict=True))


@pytest.fixture
def article_pages(make_site: Callable[..., Path], html: Any, tmp_path: Path) -> Callable[..., dict[str, ArticlePage]]:
    """article_pages({"a.ris": bytes}) → each article page of the site built from those record files, by its
    title; the build must report nothing."""

    def built(records: dict[str, bytes | str]) -> dict[str, ArticlePage]:
        out = tmp_path / "out"
        assert build(make_site(records), out).report.diagnostics == []
        parsed = [(path, html.parse(path)) for path in sorted(out.glob("articles/*.html"))]
        return {html.text(root.find(".//h1")): ArticlePage(path, root, html) for path, root in parsed}

    return built
