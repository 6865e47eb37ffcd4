"""The ERIC API reader: a real answer saved by CoLRev's tests, a Solr response like VuFind's, is read as ERIC's
and gives the values ERIC wrote (as VuFind's it lost the year, the descriptors and the publication types); a site
built from it shows those values exactly; broken input gives diagnostics with file and line, never an
exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Person
from site_builder.readers import eric_json, plos_json, vufind_json

DATA = Path(__file__).resolve().parents[1] / "data"
ERIC = DATA / "eric-json" / "colrev-blockchain.json"


def read(name: str, data: bytes) -> tuple[list, list]:
    return readers.read_data(data, Path(name), f"content/{name}")


def test_an_eric_answer_is_not_taken_for_vufind() -> None:
    text = ERIC.read_text(encoding="utf-8")
    assert eric_json.sniff(text) and not vufind_json.sniff(text) and not plos_json.sniff(text)
    assert readers.choose_reader(Path("eric.json"), text).format == "eric-json"
    for name in ("catalogue-records.json", "api-search.json"):
        vufind = (DATA / "vufind-solr-json" / name).read_text(encoding="utf-8")
        assert not eric_json.sniff(vufind) and readers.choose_reader(Path(name), vufind).format == "vufind-solr-json"
    for plos in (DATA / "plos-json").glob("*.json"):
        assert not eric_json.sniff(plos.read_text(encoding="utf-8"))


def test_the_document_field_by_field() -> None:
    (record,), problems = read("eric.json", ERIC.read_bytes())
    assert problems == [] and record.where.line == 3 and record.format == "eric-json"
    article, problems = readers.to_article(record)
    assert problems == []
    assert (article.id, article.title) == ("eric-ej1286736", "Competition-Based Learning of Blockchain Programming")
    assert article.authors == (Person("Çulha, Davut", "Çulha", "Davut"),)
    assert article.date == "2021"  # publicationdateyear, a number
    assert article.publication_types == ("Journal Articles", "Reports - Descriptive") and article.kind == ""
    assert article.keywords[:3] == ("Competition", "Teaching Methods", "Programming") and len(article.keywords) == 8
    assert (article.issns, article.issn_types) == (("2618-6586",), ("electronic",))
    assert [lang.tag for lang in article.languages] == ["en"]
    assert article.publisher.startswith("Journal of Educational Technology and Online Learning. Necatibey")
    (section,) = article.abstract
    assert section.text.startswith("Blockchain, which is a disruptive technology, affects many technologies")
    assert section.text.endswith("apply competition-based learning to blockchain programming.")
    assert [link.url for link in article.links] == ["https://eric.ed.gov/?id=EJ1286736"]
    assert record.first("peerreviewed") == "T"  # kept for the full record


def test_an_ed_document_is_the_kind_its_types_name() -> None:
    doc = {"id": "ED612345", "title": "A Report", "publicationtype": ["Reports - Research"], "source": "ACT, Inc.",
           "publicationdateyear": 2020, "isbn": ["ISBN-978-0-00-000000-2"], "peerreviewed": "F"}
    data = json.dumps({"response": {"numFound": 1, "docs": [doc]}}).encode()
    (record,), _ = read("ed.json", data)
    article, _ = readers.to_article(record)
    assert (article.kind, article.journal, article.date) == ("report", "", "2020")


def test_erics_as_provided_is_no_word_of_the_abstract() -> None:
    """ERIC's "(As Provided)" after an author's abstract (its Ovid RIS of EJ1251011 has it) is taken off here too:
    one abstract, the same words from every export of ERIC's."""
    doc = {"id": "EJ1000001", "title": "A Made-Up Study of Recess", "description": "Children played. (As Provided)"}
    data = json.dumps({"response": {"numFound": 1, "docs": [doc]}}).encode()
    (record,), _ = read("ej.json", data)
    article, _ = readers.to_article(record)
    assert [s.text for s in article.abstract] == ["Children played."]



def test_erics_abstractors_initials_are_no_words_of_the_abstract() -> None:
    """ERIC's abstractor's initials after the last sentence (its Ovid RIS of EJ389705 ends "… geological records.
    (MVL)") are taken off here too; capitals in parentheses inside a sentence are an acronym and stay."""
    docs = [{"id": "EJ1000002", "title": "A Made-Up Study of Recess", "peerreviewed": "T",
             "description": "Children played. (Author/MVL)"},
            {"id": "EJ1000003", "title": "A Made-Up Study of Spelling", "peerreviewed": "T",
             "description": "Teachers met at the National Council of Teachers of English (NCTE)."}]
    data = json.dumps({"response": {"numFound": 2, "docs": docs}}).encode()
    records, _ = read("ej.json", data)
    abstracts = [[s.text for s in readers.to_article(r)[0].abstract] for r in records]
    assert abstracts == [["Children played."], ["Teachers met at the National Council of Teachers of English (NCTE)."]]


HOSTILE = {
    "no docs": b'{"response":{"numFound":0,"start":0,"docs":[]}}',
    "cut short": ERIC.read_bytes()[:700],
    "wrong types": b'{"response":{"docs":[{"title":5,"author":[null,{}],"publicationdateyear":"x",'
                   b'"peerreviewed":true,"issn":[1],"id":[]}]}}',
    "broken second": b'{"response":{"docs":[\n  {"title":"One","peerreviewed":"T"},\n  {"title":"Two" "x"},\n'
                     b'  {"title":"Three"}\n]}}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.json", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    _, problems = eric_json.read(HOSTILE["no docs"].decode(), "e.json")
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 1, "an ERIC answer with no documents (its 'docs' list is empty)")]
    records, problems = read("b.json", HOSTILE["broken second"])
    assert [readers.to_article(r)[0].title for r in records] == ["One", "Three"]
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3)]


def test_a_site_built_from_an_eric_answer_shows_its_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "eric.json").write_bytes(ERIC.read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "eric-ej1286736.html"))
    facts = html.facts(main)
    assert html.text(main.find(".//h1")) == "Competition-Based Learning of Blockchain Programming"
    assert (facts["Published"], facts["ISSN"], facts["Language"]) == ("2021", "2618-6586 (electronic)", "English")
    assert facts["Publication types"] == "Journal Articles; Reports - Descriptive"
    assert facts["Keywords"].startswith("Competition Teaching Methods Programming")
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors == ["Çulha, Davut"]
    assert "peerreviewed" in html.text(main)  # the full record
