"""Fixtures of the cite tests; the sample articles themselves are in cite_samples.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cite_samples import ALL, SEED

from site_builder.model.article import Article


@pytest.fixture(params=ALL, ids=lambda a: a.id + ("-full" if a.volume and a.id == SEED.id else ""))
def any_article(request: pytest.FixtureRequest) -> Article:
    return request.param


@pytest.fixture(scope="session")
def csl_schema() -> dict:
    return json.loads((Path(__file__).parent.parent / "data" / "csl" / "csl-data.json").read_text("utf-8"))
