"""The Europe PMC search reader: real answers saved by pyEuropePMC's tests (core and lite) are read as Europe PMC's
and give the values Europe PMC wrote; a site built from them shows those values exactly; broken input gives
diagnostics with file and line, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import MeshHeading, MeshQualifier, Person
from site_builder.readers import csl_json, europepmc_json, vufind_json

DATA = Path(__file__).resolve().parents[1] / "data"
EPMC = DATA / "europepmc-json"
CORE, LITE = "pyeuropepmc-core-cancer.json", "pyeuropepmc-lite-cancer.json"


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    data = (EPMC / name).read_bytes() if data is None else data
    return readers.read_data(data, Path(name), f"content/{name}")


def articles(name: str) -> list:
    records, problems = read(name)
    assert problems == []
    found = [readers.to_article(r) for r in records]
    assert all(p == [] for _, p in found)
    return [a for a, _ in found]


@pytest.mark.parametrize("name", [CORE, LITE])
def test_a_europe_pmc_answer_is_read_as_europe_pmc(name: str) -> None:
    """Each was skipped as no record format site-builder knows."""
    text = (EPMC / name).read_text(encoding="utf-8")
    assert europepmc_json.sniff(text) and not csl_json.sniff(text) and not vufind_json.sniff(text)
    assert readers.choose_reader(Path("search.json"), text).format == "europepmc-json"
    records, _ = read(name)
    assert [r.first("pmid") for r in records] == (["40464630", "40437959", "39212676"] if name == CORE
                                                  else ["39709209", "39709208", "40464630"])
    assert [r.where.line for r in records] == ([16, 133, 388] if name == CORE else [16, 45, 79])
    assert not any(r.values("hitCount") or r.values("request") for r in records)


def test_the_issue_date_is_as_printed_never_the_invented_first_of_the_month() -> None:
    """``printPublicationDate`` "2025-08-01" is "2025 Aug" made a day; the electronic date is the Epub."""
    arztebl, health, nutrition = articles(CORE)
    assert (arztebl.date, arztebl.epub_date) == ("2025-08", "2025-08-22")
    assert (health.date, health.epub_date, nutrition.date) == ("2025-07", "", "2025-07")
    assert (arztebl.volume, arztebl.issue, arztebl.pages) == ("", "Forthcoming", "arztebl.m2025.0086")
    assert (arztebl.issns, arztebl.issn_types) == (("1866-0452",), ("print electronic",))
    assert arztebl.topics == ("Review",) and arztebl.publication_types == ("Review", "Journal Article")


def test_authors_identifiers_mesh_keywords_and_abstract_sections() -> None:
    _, health, nutrition = articles(CORE)
    assert health.authors == (Person("Kwok, Cannas", "Kwok", "Cannas"),
                              Person("Xu, Xinyi", "Xu", "Xinyi", orcid="0000-0001-6913-0549"))
    assert (health.pmid, health.pmcid, health.doi) == ("40437959", "PMC12120539", "10.1002/hpja.70059")
    assert (health.journal, health.journal_abbrev) == (
        "Health promotion journal of Australia : official journal of Australian Association of Health Promotion "
        "Professionals", "Health Promot J Austr")
    assert health.mesh[1] == MeshHeading("Neoplasms", True, (MeshQualifier("diagnosis", False),))
    assert health.keywords[:2] == ("Chinese", "Cancer Screening")
    assert health.publication_types == ("research-article", "Journal Article")
    assert health.topics == ("Journal Article",)  # by MEDLINE's types, as PubMed's own records
    assert [s.label for s in health.abstract] == ["Issue addressed", "Methods", "Results", "Conclusions"]
    assert health.abstract[0].text.startswith("Despite national cancer screening programs in Australia")
    assert [lang.tag for lang in health.languages] == ["en"]
    assert nutrition.authors[2] == Person("Van der Meer, Lindsay", "Van der Meer", "Lindsay")
    assert (nutrition.pages, nutrition.issns, nutrition.issn_types) == ("e1660-e1676", ("0029-6643", "1753-4887"),
                                                                       ("print", "electronic"))
    assert nutrition.topics == ("Systematic Review",)


def test_a_lite_answer() -> None:
    abscopal, erratum, arztebl = articles(LITE)
    assert [a.name for a in abscopal.authors] == ["Schoenfeld, JD", "Haas-Kogan, DA", "O'Neill, AF"]
    assert (abscopal.journal, abscopal.volume, abscopal.issue, abscopal.pages, abscopal.date) == (
        "Lancet", "404", "10471", "2603-2604", "2025")  # pubYear; firstPublicationDate "2025-12-01" is no issue date
    assert abscopal.issns == ("0140-6736", "1474-547x")
    assert erratum.authors == () and erratum.publication_types == ("published erratum", "correction")
    assert arztebl.topics == ("Review",) and arztebl.issue == "forthcoming"


HOSTILE = {
    "no results": b'{"version":"6.9","hitCount":0,"resultList":{"result":[]}}',
    "cut short": (EPMC / CORE).read_bytes()[:1500],
    "no title": b'{"hitCount":1,"resultList":{"result":[{"id":"1","pmid":"1"}]}}',
    "wrong types": b'{"hitCount":1,"resultList":{"result":[{"title":5,"authorList":{"author":[null,3,{"authorId":'
                   b'[1]}]},"journalInfo":{"journal":"x","yearOfPublication":"20x5","dateOfPublication":7},'
                   b'"meshHeadingList":{"meshHeading":[{"descriptorName":1},{"descriptorName":"D",'
                   b'"meshQualifierList":"q"}]},"pubTypeList":{"pubType":"Review"},"keywordList":[]}]}}',
    "broken second": b'{"hitCount":3,"resultList":{"result":[\n  {"title":"One"},\n  {"title":"Two" "x"},\n'
                     b'  {"title":"Three"}\n]}}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.json", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    _, problems = europepmc_json.read(HOSTILE["no results"].decode(), "e.json")
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 1, "a Europe PMC answer with no results (its 'result' list is empty)")]
    records, problems = read("b.json", HOSTILE["broken second"])
    assert [readers.to_article(r)[0].title for r in records] == ["One", "Three"]
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3)]
    (record,), _ = read("w.json", HOSTILE["wrong types"])
    article, _ = readers.to_article(record)
    assert (article.title, article.topics, [m.descriptor for m in article.mesh]) == ("5", ("Review",), ["D"])
    (record,), _ = read("n.json", HOSTILE["no title"])
    article, problems = readers.to_article(record)
    assert article.title == "Untitled record" and article.pmid == "1"
    assert [p.message for p in problems] == ["result has no title; shown as 'Untitled record'"]


def test_a_site_built_from_a_europe_pmc_answer_shows_its_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / CORE).write_bytes((EPMC / CORE).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 3
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-40464630.html"))
    facts = html.facts(main)
    assert html.text(main.find(".//h1")) == "Mental Comorbidity and Psychosocial Care in Patients With Cancer."
    assert (facts["Journal"], facts["Published"], facts["Issue"], facts["Pages"]) == (
        "Deutsches Arzteblatt international", "August 2025 (Epub 22 Aug 2025)", "Forthcoming", "arztebl.m2025.0086")
    assert facts["ISSN"] == "1866-0452 (print, electronic)"
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors == ["Dinkel, Andreas", "Goerling, Ute", "Karger, André", "Teufel, Martin", "Zimmermann, Tanja",
                       "Stengel, Andreas"]
    assert html.headings(main, "h3")[:4] == ["Background", "Methods", "Results", "Conclusion"]
    health = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-12120539.html"))
    facts = html.facts(health)
    assert (facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == ("July 2025", "36", "3",
                                                                                     "e70059")
    assert facts["Publication types"] == "research-article; Journal Article"
    assert facts["MeSH terms"].startswith("Humans Neoplasms* (major topic) / diagnosis")
    text = html.text(health)
    assert "Full record" in text and "Cancer Insititute NSW" in text  # grantsList, as written, in the full record
    assert json.loads((EPMC / CORE).read_text(encoding="utf-8"))["hitCount"] == 5059039


def test_preprints_books_groups_and_results_without_a_year() -> None:
    """A preprint's server and posting day, a GeneReviews chapter's collection, publisher and Bookshelf link were
    left out, and a PMC result with no pubYear had no date at all."""
    group, preprint, pmc, chapter = articles("pyeuropepmc-lite-preprint-book.json")
    assert group.authors == (Person("Genitourinary Oncology Committee of Chinese Anti-cancer Association"),)
    assert (preprint.publisher, preprint.date, preprint.doi) == ("medRxiv", "2025-06-16", "10.1101/2025.06.13.25329599")
    assert preprint.publication_types == ("preprint",) and len(preprint.authors) > 30
    assert (pmc.date, pmc.pmcid, pmc.journal) == ("2025", "PMC12144614", "Oncol Res")  # firstPublicationDate's year
    assert pmc.authors[0] == Person("JAMIL, A", "JAMIL", "A")  # as written
    assert (chapter.journal, chapter.publisher, chapter.date) == ("GeneReviews®", "University of Washington, Seattle, "
                                                                  "Seattle (WA)", "1993")
    assert [link.url for link in chapter.links] == ["https://www.ncbi.nlm.nih.gov/books/NBK615090/"]


def test_a_creative_commons_licence_name_gives_its_url() -> None:
    """Europe PMC's ``license`` "cc by-nc-nd" and "cc by" gave no licence url (the other readers give one); the
    record names no version, so neither does the url. A result with no ``license`` has none."""
    arztebl, health, nutrition = articles(CORE)
    assert (health.licence_url, nutrition.licence_url) == ("https://creativecommons.org/licenses/by-nc-nd/",
                                                           "https://creativecommons.org/licenses/by/")
    assert arztebl.licence_url == ""
    assert europepmc_json.licence_url("CC0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert europepmc_json.licence_url("author manuscript") == ""


def test_style_tags_a_title_writes_as_text_are_styles(tmp_path: Path, html) -> None:
    """A lite answer writes some titles' tags as text ("&lt;i&gt;C. elegans&lt;/i&gt;"): the page showed
    "<i>C. elegans</i>", tags and all; they are the italics and the superscript the title has."""
    name = "pyeuropepmc-lite-escaped-markup.json"
    elegans, homologues = articles(name)
    assert elegans.title == ("Regulation of MAP Kinase signaling by the insulin-like growth factor pathway during "
                             "C. elegans vulval development.")
    assert [(elegans.title[s:e], kind) for s, e, kind in elegans.title_styles] == [("C. elegans", "i")]
    assert homologues.title == ("Human Structural Homologues of SARS-CoV-2 PL pro as Anti-Targets: A Strategic Panel "
                                "Analysis.")
    assert [(homologues.title[s:e], kind) for s, e, kind in homologues.title_styles] == [("pro", "sup")]
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / name).write_bytes((EPMC / name).read_bytes())
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-11971659.html"))
    heading = main.find(".//h1")
    assert html.text(heading) == elegans.title
    assert [html.text(i) for i in heading.iter("i")] == ["C. elegans"]


def test_an_array_of_results_alone_is_read_as_europe_pmc(tmp_path: Path, html) -> None:
    """pyEuropePMC's ``fetch_all`` saves the results of every page as one array, without the answer around them:
    the file was skipped as no record format site-builder knows, and its 1,000 results were lost."""
    name = "pyeuropepmc-fetch-all-results.json"
    text = (EPMC / name).read_text(encoding="utf-8")
    assert readers.choose_reader(Path(name), text).format == "europepmc-json" and not csl_json.sniff(text)
    lancet, _, third = articles(name)
    assert (lancet.title, lancet.journal, lancet.volume, lancet.issue, lancet.date) == (
        "Abscopal response in a patient with fibrolamellar hepatocellular carcinoma following radiotherapy.",
        "Lancet", "404", "10471", "2025")
    assert [a.name for a in lancet.authors] == ["Schoenfeld, JD", "Haas-Kogan, DA", "O'Neill, AF"]
    assert third.pmid == "40468710"
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / name).write_bytes((EPMC / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert result.records == 3
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-39709209.html"))
    assert html.text(main.find(".//h1")) == lancet.title


def _getpapers_result(pmid: str) -> dict:
    """A result as ContentMine's getpapers saves Europe PMC's XML answer (xml2js's JSON: every value in a list of
    one, attributes under "$", the XML's names ISSN, ESSN, ISOAbbreviation). The shape of the 32 results of
    J-E-J-S/pyminer's Test_1/eupmc_results.json (commit 3dedc161e28308698cce7f3ec40777ab774b5d73, with no licence
    then) and of petermr/optogenetics's eupmc_results.json; the words are made up."""
    return {
        "id": [pmid], "source": ["MED"], "pmid": [pmid], "pmcid": ["PMC1000001"], "doi": ["10.1000/example.1"],
        "title": ["A made-up title about light-gated channels."],
        "authorString": ["Doe J, Roe RS."],
        "authorList": [{"author": [
            {"fullName": ["Doe J"], "firstName": ["Jane"], "lastName": ["Doe"], "initials": ["J"],
             "authorId": [{"_": "0000-0002-1825-0097", "$": {"type": "ORCID"}}], "affiliation": ["A university."]},
            {"fullName": ["Roe RS"], "firstName": ["Richard S"], "lastName": ["Roe"], "initials": ["RS"]}]}],
        "journalInfo": [{"issue": ["2"], "volume": ["60"], "journalIssueId": ["2790723"],
                         "dateOfPublication": ["2019 Mar"], "monthOfPublication": ["3"],
                         "yearOfPublication": ["2019"], "printPublicationDate": ["2019-03-01"],
                         "journal": [{"title": ["Journal of made-up studies"], "ISOAbbreviation": ["J Made-up Stud"],
                                      "medlineAbbreviation": ["J Made-up Stud"], "NLMid": ["101674989"],
                                      "ISSN": ["2466-0493"], "ESSN": ["2466-054X"]}]}],
        "pubYear": ["2019"], "pageInfo": ["61-63"], "abstractText": ["A made-up abstract."], "language": ["eng"],
        "pubModel": ["Print-Electronic"], "pubTypeList": [{"pubType": ["Review", "Journal Article"]}],
        "keywordList": [{"keyword": ["Optogenetics", "Made-up words"]}],
        "inEPMC": ["Y"], "license": ["cc by"], "electronicPublicationDate": ["2019-02-27"],
    }


def test_getpapers_results_are_read_as_europe_pmcs_json(tmp_path: Path, html) -> None:
    """getpapers' eupmc_results.json (an array of results) was read as Europe PMC's, but each nested value was a
    list: the pages showed no author, journal, volume, issue nor ISSN, and "2019" for the issue of "2019 Mar". Its
    eupmc_result.json of one paper was skipped as no record format site-builder knows."""
    many = json.dumps([_getpapers_result("30000001")], indent=2)
    one = json.dumps(_getpapers_result("30000002"), indent=2).replace("PMC1000001", "PMC1000002")
    for name, text in (("eupmc_results.json", many), ("eupmc_result.json", one)):
        records, problems = readers.read_data(text.encode(), Path(name), f"content/{name}")
        assert problems == [] and len(records) == 1
        article, problems = readers.to_article(records[0])
        assert problems == []
        assert [(a.name, a.orcid) for a in article.authors] == [("Doe, Jane", "0000-0002-1825-0097"),
                                                              ("Roe, Richard S", "")]
        assert (article.journal, article.journal_abbrev, article.volume, article.issue, article.pages) == (
            "Journal of made-up studies", "J Made-up Stud", "60", "2", "61-63")
        assert (article.date, article.date_printed, article.epub_date) == ("2019-03", "", "2019-02-27")
        assert (article.issns, article.issn_types) == (("2466-0493", "2466-054X"), ("print", "electronic"))
        assert (article.keywords, article.publication_types) == (("Optogenetics", "Made-up words"),
                                                                 ("Review", "Journal Article"))
    assert readers.choose_reader(Path("eupmc_result.json"), one).format == "europepmc-json"
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "eupmc_results.json").write_text(many, encoding="utf-8")
    assert build(site, tmp_path / "_site").records == 1
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-1000001.html"))
    facts = [html.text(el) for el in main.find(".//dl")]
    assert facts[:6] == ["Journal", "Journal of made-up studies", "Published", "March 2019 (Epub 27 Feb 2019)",
                         "Volume", "60"]


def _answer(*results: dict) -> bytes:
    return json.dumps({"version": "6.9", "hitCount": len(results), "resultList": {"result": list(results)}}).encode()


def test_a_retracted_works_notices_are_shown() -> None:
    """A core result links its record to others in ``commentCorrectionList`` as PubMed's CommentsCorrections do;
    the reader read none, so Wakefield et al.'s Lancet paper of 1998 (PMID 9500320, retracted in 2010) was shown
    as any other. The values are that record's as PubMed gives them (its XML in tests/data/pubmed-xml), the shape
    Europe PMC's: the retraction, with its citation and PMID, and a comment."""
    retracted = {
        "id": "9500320", "source": "MED", "pmid": "9500320", "inEPMC": "N",
        "title": "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder "
                 "in children.",
        "pubTypeList": {"pubType": ["Retracted Publication", "Journal Article"]},
        "commentCorrectionList": {"commentCorrection": [
            {"id": "9500313", "source": "MED", "reference": "Lancet. 1998 Feb 28;351(9103):611-2.",
             "type": "Comment in", "orderIn": 1},
            {"id": "20137807", "source": "MED",
             "reference": "Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4.",
             "type": "Retraction in", "orderIn": 2}]}}
    (article,) = reading.articles(Path("epmc.json"), _answer(retracted))
    assert article.retracted and [(n.kind, n.citation, n.pmid, n.doi) for n in article.warnings] == [
        ("RetractionIn", "Lancet. 2010 Feb 6;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4.", "20137807",
         "10.1016/S0140-6736(10)60175-4")]
    assert [(n.kind, n.pmid) for n in article.other_notices] == [("CommentIn", "9500313")]
    comment = retracted["commentCorrectionList"]["commentCorrection"][0]
    typed_only = {**retracted, "commentCorrectionList": {"commentCorrection": comment}}  # one link, not a list
    (article,) = reading.articles(Path("epmc.json"), _answer(typed_only))
    assert [(n.kind, n.pmid) for n in article.notices] == [("RetractionIn", ""), ("CommentIn", "9500313")]
