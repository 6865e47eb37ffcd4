"""The Publish or Perish reader: Google Scholar's results as Publish or Perish exports them to JSON (CoLRev's real
export) read with every key and its line, told from the other JSON formats, shown as Google Scholar gave them
(shortened titles with a warning, initials first, 0 for what is unknown); JSON Lines the same; a result of the same
work from another source joins it; broken input gives diagnostics with file and line, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Person
from site_builder.readers import csl_json, plos_json, pop_json, vufind_json

DATA = Path(__file__).resolve().parents[1] / "data"
EXPORT = DATA / "pop-json" / "colrev-google-scholar.json"


def read(data: bytes, name: str = "scholar.json") -> tuple[list, list]:
    return readers.read_data(data, Path(name), f"content/{name}")


def test_the_export_is_told_from_the_other_json_formats() -> None:
    text = EXPORT.read_bytes().decode("utf-8-sig")
    assert pop_json.sniff(text)
    assert not (csl_json.sniff(text) or plos_json.sniff(text) or vufind_json.sniff(text))
    assert readers.choose_reader(Path("scholar.json"), text).format == "pop-json"
    for other in ("csl-json/deep-review-chapter.json", "plos-json/colrev-pone-0022081.json"):
        assert not pop_json.sniff((DATA / other).read_text(encoding="utf-8")), other


def test_every_result_is_read_with_every_key_at_its_line() -> None:
    records, problems = read(EXPORT.read_bytes())
    assert problems == []
    assert [r.where.line for r in records] == [2, 27, 51, 73, 99, 124, 150]
    first = records[0]
    assert first.line_of("title") == 4 and first.line_of("authors") == 20
    assert first.first("uid") == "GS:10955542985646283611"
    assert first.values("authors") == ("W Guo", "D Straub", "P Zhang", "Z Cai")
    assert (first.first("cites"), first.first("rank"), first.first("ecc"), first.first("volume")) == \
        ("9", "1", "9", "0")
    names = [f.name for f in first.fields]
    assert names[:4] == ["uid", "title", "source", "publisher"] and "related_url" in names


def test_results_are_shown_as_google_scholar_gave_them() -> None:
    records, _ = read(EXPORT.read_bytes())
    made = [readers.to_article(r) for r in records]
    first, problems = made[0]
    assert first.title == ("How Trust Leads to Commitment on Microsourcing Platforms: Unraveling the Effects of "
                           "Governance and Third-Party Mechanisms on Triadic Microsourcing \u2026")
    assert [(d.level, str(d.where)) for d in problems] == [(Level.WARNING, "content/scholar.json:4")]
    assert "Google Scholar cut it short" in problems[0].message
    assert first.authors[0] == Person(name="W Guo", family="Guo", given="W")
    assert (first.journal, first.publisher, first.date) == ("MIS Quarterly", "search.ebscohost.com", "2021")
    assert (first.volume, first.issue, first.pages, first.doi) == ("", "", "", "")  # Publish or Perish's 0s
    assert first.abstract[0].text.startswith("\u2026 microsourcing relationship which includes the microsourcer")
    assert [link.label for link in first.links] == ["search.ebscohost.com"]
    second = made[1][0]
    assert [p.name for p in second.authors] == ["SS Maidin", "LA Rahman"]
    assert second.journal == "PalArch's Journal of Archaeology of \u2026"
    assert [link.label for link in second.links] == ["archives.palarch.nl", "archives.palarch.nl (full text)"]
    with_doi = made[4][0]
    assert (with_doi.id, with_doi.doi, with_doi.journal) == (
        "doi-10.1007/s10796-013-9440-y", "10.1007/s10796-013-9440-y", "Information Systems Frontiers")
    cut_byline = made[5][0]
    assert [p.family for p in cut_byline.authors] == ["Janom", "Bakar", "Arshad"] and cut_byline.et_al
    assert cut_byline.authors[1] == Person(name="NHA Bakar", family="Bakar", given="NHA")
    assert all(problems == [] for _, problems in made[1:])


def test_json_lines_read_as_the_array() -> None:
    """Publish or Perish's "JSON Lines": one result a line; a broken line is reported there, the others kept."""
    results = json.loads(EXPORT.read_bytes().decode("utf-8-sig"))
    lines = [json.dumps(result, ensure_ascii=False) for result in results]
    records, problems = read("\n".join(lines).encode(), "scholar.jsonl")
    assert problems == [] and [r.where.line for r in records] == list(range(1, 8))
    array, _ = read(EXPORT.read_bytes())
    assert [readers.to_article(r)[0].title for r in records] == [readers.to_article(r)[0].title for r in array]
    lines[2] = lines[2][:40]
    records, problems = read("\n".join(lines).encode(), "scholar.jsonl")
    assert len(records) == 6 and [(d.level, str(d.where)) for d in problems] == \
        [(Level.ERROR, "content/scholar.jsonl:3")]


@pytest.mark.parametrize("name", ["", "Guo", "Wei Guo", "van der Berg", "W. Guo"])
def test_a_name_that_is_not_initials_first_is_kept_whole(name: str) -> None:
    person = pop_json.person(name)
    assert person.name == name
    assert (person.family, person.given) == ("", "")


def test_a_result_joins_the_record_of_the_same_work_from_another_source(tmp_path: Path) -> None:
    """Google Scholar shortens titles: a record of the same work (by DOI) from a reference manager gives the
    whole title, and the article keeps both records."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "scholar.json").write_bytes(EXPORT.read_bytes())
    (site / "content" / "zotero.ris").write_text(
        "TY  - JOUR\nTI  - Examining the antecedent factors of online microsourcing\nAU  - Lu, Bo\n"
        "AU  - Hirschheim, Rudy\nAU  - Schwarz, Andrew\nPY  - 2015\nT2  - Information Systems Frontiers\n"
        "VL  - 17\nIS  - 3\nSP  - 601\nEP  - 617\nDO  - 10.1007/s10796-013-9440-y\nER  - \n", encoding="utf-8")
    result = build(site)
    assert (result.records, result.articles) == (8, 7)
    page = (result.output / "articles" / "doi-10-1007-s10796-013-9440-y.html").read_text(encoding="utf-8")
    assert "Lu, Bo" in page and "601" in page and "Information Systems Frontiers" in page


def test_damaged_results_give_diagnostics_not_exceptions() -> None:
    text = EXPORT.read_bytes().decode("utf-8-sig")
    for damaged in (text[: len(text) // 2], text.replace('"authors": [', '"authors": {', 1),
                    text.replace('"year": 2021', '"year": "twenty"', 1), "[]", "{}", "[{}]",
                    # a one-letter url (the fuzz run's IndexError)
                    '[{"title": "T", "authors": ["A B"], "cites": 0, "ecc": 0, "article_url": "h",'
                    ' "fulltext_url": "h"}]'):
        records, problems = read(damaged.encode())
        for record in records:
            article, _ = readers.to_article(record)
            assert article.title
        assert all(d.where.line >= 1 for d in problems)
