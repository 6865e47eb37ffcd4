"""The PLOS search API reader: real responses saved by CoLRev's tests are told from VuFind's Solr responses by
their fields, and give the values PLOS wrote; a site built from them shows those values exactly; broken input
gives diagnostics with file and line, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Person
from site_builder.readers import plos_json, vufind_json

DATA = Path(__file__).resolve().parents[1] / "data"
PLOS = DATA / "plos-json"
FILES = ["colrev-pone-0022081.json", "colrev-pone-0223215.json"]


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    data = (PLOS / name).read_bytes() if data is None else data
    return readers.read_data(data, Path(name), f"content/{name}")


def articles(name: str) -> list:
    records, problems = read(name)
    assert problems == []
    return [readers.to_article(r) for r in records]


@pytest.mark.parametrize("name", FILES)
def test_a_plos_response_is_not_taken_for_vufind(name: str) -> None:
    text = (PLOS / name).read_text(encoding="utf-8")
    assert plos_json.sniff(text) and not vufind_json.sniff(text)
    assert readers.choose_reader(Path("search.json"), text).format == "plos-json"
    assert readers.choose_reader(Path("search.txt"), text).format == "plos-json"  # the content decides


@pytest.mark.parametrize("name", ["catalogue-records.json", "api-search.json"])
def test_vufind_responses_stay_vufind(name: str) -> None:
    text = (DATA / "vufind-solr-json" / name).read_text(encoding="utf-8")
    assert not plos_json.sniff(text)
    assert readers.choose_reader(Path("x.json"), text).format == "vufind-solr-json"


def test_the_shape_decides_not_where_the_fields_stand() -> None:
    """PLOS's fields after a long value, in a saved HTTP response, in an array of documents; a VuFind field in a
    document makes it VuFind's."""
    long_first = json.dumps({"response": {"docs": [{"abstract": ["x" * 10_000], "title_display": "T"}]}})
    assert plos_json.sniff(long_first)
    assert plos_json.sniff("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + long_first)
    assert plos_json.sniff('[{"id": "10.1371/journal.pone.0000001", "publication_date": "2007-01-03T00:00:00Z"}]')
    mixed = '{"response": {"docs": [{"title_display": "T", "_version_": 1}]}}'
    assert not plos_json.sniff(mixed) and vufind_json.sniff(mixed)
    assert not plos_json.sniff('{"response": {"docs": [{"id": "x", "title": ["T"]}]}}')
    assert not plos_json.sniff('{"items": [{"title_display": "T"}]}')


def test_an_article_of_2011_field_by_field() -> None:
    (article, problems), = articles("colrev-pone-0022081.json")
    assert problems == []
    assert article.title == ("Broad-Spectrum Inhibition of HIV-1 by a Monoclonal Antibody Directed against a "
                             "gp120-Induced Epitope of CD4")
    assert article.doi == "10.1371/journal.pone.0022081" and article.id == "doi-10.1371/journal.pone.0022081"
    assert (article.journal, article.volume, article.issue) == ("PLoS ONE", "6", "7")
    assert (article.date, article.date_printed) == ("2011-07-19", "")  # midnight UTC is the day, not a time
    assert article.publication_types == ("Research Article",) and article.topics == ()
    assert len(article.authors) == 10
    assert article.authors[0] == Person("Samuele E. Burastero", "Burastero", "Samuele E.")  # as written
    assert article.authors[-1].name == "Paolo Lusso"
    (section,) = article.abstract
    assert section.text.startswith("To penetrate susceptible cells, HIV-1 sequentially interacts")
    assert section.text.endswith("current preventive or therapeutic strategies against HIV-1.")
    assert "(IgG1Κ)" in section.text


def test_every_field_is_kept_with_its_line() -> None:
    records, _ = read("colrev-pone-0022081.json")
    (record,) = records
    assert record.format == "plos-json" and record.where.line == 3
    assert [f.name for f in record.fields] == ["id", "journal", "eissn", "publication_date", "volume", "issue",
                                               "article_type", "author_display", "abstract", "title_display",
                                               "score"]
    assert record.fields[2] == Field("eissn", ("1932-6203",), 6)
    assert record.fields[3] == Field("publication_date", ("2011-07-19T00:00:00Z",), 7)
    assert record.fields[-1] == Field("score", ("14.570392",), 23)
    assert record.values("author_display")[1] == "Barbara Frigerio"
    assert record.first("abstract").startswith("\n        To penetrate")  # the value as PLOS gives it
    assert [f.name for f in record.fields if f.name in ("numFound", "maxScore", "start")] == []


def test_a_structured_abstract_of_2019() -> None:
    (article, problems), = articles("colrev-pone-0223215.json")
    assert problems == []
    assert (article.journal, article.date, article.volume, article.issue) == ("PLOS ONE", "2019-10-16", "14", "10")
    assert [s.label for s in article.abstract] == ["Background", "Methods and results", "Conclusions"]
    assert article.abstract[1].text.startswith("Among 7,980 patients with ACS")
    assert "1.183–2.524" in article.abstract[1].text
    assert article.authors[-1] == Person("Shun Kohsaka", "Kohsaka", "Shun")


@pytest.mark.parametrize(("name", "family", "given", "suffix"), [
    ("Samuele E. Burastero", "Burastero", "Samuele E.", ""), ("Jan van der Berg", "van der Berg", "Jan", ""),
    ("John Smith Jr", "Smith", "John", "Jr"), ("Madonna", "", "", ""), ("Burastero, Samuele E.", "Burastero",
                                                                            "Samuele E.", "")])
def test_names_as_written(name: str, family: str, given: str, suffix: str) -> None:
    person = plos_json.person(name)
    assert (person.name, person.family, person.given, person.suffix) == (name, family, given, suffix)


def doc(**fields: object) -> bytes:
    return json.dumps({"response": {"numFound": 1, "docs": [fields]}}, indent=1).encode()


@pytest.mark.parametrize(("value", "date"), [
    ("2014-06-10T00:00:00Z", "2014-06-10"), ("2014-06-10", "2014-06-10"), ("2014-06-10T00:00:00.000Z", "2014-06-10"),
    ("2014-06-10T13:45:00Z", "2014-06-10")])
def test_a_solr_date_is_its_day(value: str, date: str) -> None:
    (record,), _ = read("d.json", doc(id="10.1371/journal.pbio.0000001", title_display="T", publication_date=value))
    article, problems = readers.to_article(record)
    assert (article.date, problems) == (date, [])


def test_a_date_that_is_no_date_is_reported_at_its_line() -> None:
    (record,), _ = read("d.json", doc(id="x", title_display="T", publication_date="2014-13-45T00:00:00Z"))
    article, problems = readers.to_article(record)
    assert article.date == ""
    assert [(p.level, p.where.path, p.where.line) for p in problems] == [(Level.WARNING, "content/d.json", 8)]
    assert problems[0].message == ("'publication_date' is '2014-13-45T00:00:00Z', no date (PLOS writes "
                                   "'2011-07-19T00:00:00Z'); the article is shown without a date")


def test_markup_elocation_review_and_part_documents() -> None:
    (record,), _ = read("m.json", doc(id="10.1371/journal.pmed.1001234/abstract", title_display="A <i>Vibrio</i> "
                                      "review", article_type="Review", elocation_id="e1001234",
                                      copyright="© 2012 Smith et al.", publication_date="2012-05-01T00:00:00Z"))
    article, _ = readers.to_article(record)
    assert (article.title, article.doi, article.pages, article.article_number) == (
        "A Vibrio review", "10.1371/journal.pmed.1001234", "", "e1001234")
    assert article.topics == ("Review",) and article.rights == "© 2012 Smith et al."


HOSTILE = {
    "empty docs": b'{"response": {"numFound": 0, "start": 0, "docs": []}}',
    "cut short": (PLOS / FILES[0]).read_bytes()[:900],
    "no title": b'{"response": {"docs": [{"id": "10.1371/journal.pone.0000001", "author_display": []}]}}',
    "wrong types": b'{"response": {"docs": [{"title_display": 5, "author_display": [null, {}, 3], "abstract": '
                   b'{"a": 1}, "publication_date": ["2014", "x"], "id": [], "journal": true}]}}',
    "broken second": b'{"response": {"docs": [\n  {"title_display": "One", "eissn": "x"},\n  {"title_display": '
                     b'"Two" "eissn"},\n  {"title_display": "Three"}\n]}}',
    "deep": b'{"response": {"docs": [{"title_display": "T", "abstract": ' + b"[" * 5000 + b"]" * 5000 + b"}]}}",
    "not utf-8": b'{"response": {"docs": [{"title_display": "Caf\xe9", "eissn": "1"}]}}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.json", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    _, problems = plos_json.read(HOSTILE["empty docs"].decode(), "e.json")
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 1, "a PLOS search response with no documents (its 'docs' list is empty)")]
    records, problems = read("b.json", HOSTILE["broken second"])
    assert [readers.to_article(r)[0].title for r in records] == ["One", "Three"]
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3)]
    assert "the record that starts at line 3 was not read" in problems[0].message
    (record,), _ = read("n.json", HOSTILE["no title"])
    article, problems = readers.to_article(record)
    assert article.title == "Untitled record" and article.authors == ()
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.ERROR, 1, "document has no title ('title_display'); shown as 'Untitled record'")]
    (record,), _ = read("w.json", HOSTILE["wrong types"])
    article, _ = readers.to_article(record)
    assert (article.title, article.journal, article.date) == ("5", "true", "")


def test_a_site_built_from_a_plos_response_shows_its_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in FILES:
        (site / "content" / name).write_bytes((PLOS / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 2
    pages = {html.text(html.main(doc).find(".//h1")): doc
             for doc in (html.parse(p) for p in sorted((tmp_path / "_site" / "articles").glob("*.html")))}
    title = ("Broad-Spectrum Inhibition of HIV-1 by a Monoclonal Antibody Directed against a gp120-Induced Epitope "
             "of CD4")
    main = html.main(pages[title])
    facts = html.facts(main)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"]) == ("PLoS ONE", "19 July 2011",
                                                                                       "6", "7")
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:2] == ["Samuele E. Burastero", "Barbara Frigerio"]
    assert "https://doi.org/10.1371/journal.pone.0022081" in [a.get("href") for a in main.iter("a")]
    rows = {html.text(tr.find("th")): html.text(tr.find("td")) for tr in main.iter("tr") if tr.find("th") is not None
            and tr.find("td") is not None}
    assert rows["publication_date"] == "2011-07-19T00:00:00Z" and rows["eissn"] == "1932-6203"
    assert rows["article_type"] == "Research Article" and rows["score"] == "14.570392"
    structured = html.main(pages["Outcomes of acute coronary syndrome patients with concurrent extra-cardiac vascular "
                                 "disease in the era of transradial coronary intervention: A retrospective "
                                 "multicenter cohort study"])
    assert [html.text(h) for h in structured.iter("h3")] == ["Background", "Methods and results", "Conclusions"]
