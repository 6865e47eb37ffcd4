"""Initials run together, as MEDLINE and Web of Science write a name ("Parkes-Loach, PS"), are cited as the
initials they are: a CSL processor reads a given name "PS" as one name and keeps only its first letter, and
every Web of Science record lost its authors' second initials ("Parkes-Loach P"). The record's own form stays in
the downloads. Real record: tests/data/ris/example_wos.ris (see SOURCE.md there)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.cite.csl import to_csl_json
from site_builder.cite.references import format_references
from site_builder.model.article import Article

WOS = Path(__file__).resolve().parents[1] / "data" / "ris" / "example_wos.ris"


@pytest.fixture(scope="module")
def photosynthesis() -> Article:
    records, diagnostics = readers.read_file(WOS, WOS.name)
    assert diagnostics == []
    return next(a for a in (readers.to_article(r)[0] for r in records) if a.title.startswith("Interactions"))


def test_run_together_initials_are_cited_whole(photosynthesis: Article) -> None:
    assert [p.given for p in photosynthesis.authors] == ["PS", "AP", "CJ", "PA"]
    cited = {c.style_id: c.text for c in format_references(photosynthesis)}
    assert cited["vancouver"].startswith("Parkes-Loach PS, Majeed AP, Law CJ, Loach PA. Interactions")
    assert cited["ama"].startswith("Parkes-Loach PS, Majeed AP, Law CJ, Loach PA. Interactions")
    assert cited["apa"].startswith("Parkes-Loach, P. S., Majeed, A. P., Law, C. J., & Loach, P. A. (")


def test_the_download_keeps_the_records_form(photosynthesis: Article) -> None:
    assert [a["given"] for a in to_csl_json(photosynthesis)["author"]] == ["PS", "AP", "CJ", "PA"]


@pytest.mark.parametrize(("given", "vancouver", "apa"), [
    ("Jae-Ho", "Kim JH", "Kim, J.-H."),
    ("J", "Kim J", "Kim, J."),
    ("R. J.", "Kim RJ", "Kim, R. J."),
    ("Jo", "Kim J", "Kim, J."),  # a name written out, not initials
])
def test_other_given_names_are_as_before(photosynthesis: Article, given: str, vancouver: str, apa: str) -> None:
    person = photosynthesis.authors[0]
    article = dataclasses.replace(photosynthesis, authors=(dataclasses.replace(person, family="Kim", given=given,
                                                                               name=f"Kim, {given}"),))
    cited = {c.style_id: c.text for c in format_references(article)}
    assert cited["vancouver"].startswith(f"{vancouver}. Interactions")
    assert cited["apa"].startswith(f"{apa} (")
