"""The Crossref REST API reader: real answers saved by CoLRev's tests (one work each) are Crossref's, not CSL-JSON,
and give the values Crossref holds; a list of works gives each; a site built from them shows those values
exactly; broken input gives diagnostics with file and line, never an exception."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Notice, Person
from site_builder.readers import crossref_json, csl_json, shared

DATA = Path(__file__).resolve().parents[1] / "data"
CROSSREF = DATA / "crossref"
FILES = ["colrev-work.json", "colrev-work-jit.json", "colrev-work-cais.json"]


def read(name: str, data: bytes | None = None) -> tuple[list, list]:
    data = (CROSSREF / name).read_bytes() if data is None else data
    return readers.read_data(data, Path(name), f"content/{name}")


def article(name: str):
    (record,), problems = read(name)
    assert problems == []
    found, problems = readers.to_article(record)
    assert problems == []
    return found


def built(tmp_path: Path, name: str, data: bytes) -> None:
    """A site of one Crossref file, ``name`` holding ``data``, built into tmp_path/_site."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / name).write_bytes(data)
    build(site, tmp_path / "_site")


@pytest.mark.parametrize("name", FILES)
def test_a_crossref_answer_is_read_as_crossref(name: str) -> None:
    """Each was skipped as no record format site-builder knows."""
    text = (CROSSREF / name).read_text(encoding="utf-8")
    assert crossref_json.sniff(text) and not csl_json.sniff(text)
    assert readers.choose_reader(Path("work.json"), text).format == "crossref-json"
    (record,), _ = read(name)
    assert record.format == "crossref-json" and record.first("DOI") == article(name).doi
    assert not record.values("status") and not record.values("message-type")


def test_a_journal_answer_is_no_work() -> None:
    assert not crossref_json.sniff('{"status":"ok","message-type":"journal","message":{"title":"T"}}')


def test_print_and_online_dates_issns_licence_and_languages() -> None:
    work = article("colrev-work-jit.json")
    assert work.title == "Artificial intelligence and the conduct of literature reviews"
    assert (work.journal, work.volume, work.issue, work.pages) == ("Journal of Information Technology", "37", "2",
                                                                   "209-226")
    assert (work.date, work.epub_date) == ("2022-06", "2021-10-08")  # published-print, published-online
    assert (work.issns, work.issn_types) == (("0268-3962", "1466-4437"), ("print", "electronic"))
    assert work.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert [lang.tag for lang in work.languages] == ["en"]
    assert work.publication_types == ("journal-article",) and work.kind == ""
    assert work.keywords == ("Library and Information Sciences", "Strategy and Management", "Information Systems")
    assert work.authors[2] == Person("Paré, Guy", "Paré", "Guy", orcid="0000-0001-7425-1994")
    assert work.publisher == "SAGE Publications"
    (section,) = work.abstract
    assert section.text.startswith("Artificial intelligence (AI) is beginning to transform traditional research")
    assert section.text.endswith("shaping the future of AILRs in research.")


def test_a_structured_jats_abstract_and_orcids() -> None:
    work = article("colrev-work.json")
    assert [s.label for s in work.abstract] == ["Background", "Objective", "Methods", "Results", "Conclusions"]
    assert (work.date, work.pages, work.journal_abbrev) == ("2020-11-26", "e22081", "J Med Internet Res")
    assert [a.orcid for a in work.authors] == ["0000-0002-2947-0386", "0000-0003-3926-7717", "0000-0003-1631-8171",
                                               "0000-0001-7425-1994"]
    assert work.authors[0] == Person("Grenier Ouimet, Antoine", "Grenier Ouimet", "Antoine",
                                     orcid="0000-0002-2947-0386")


def test_group_names_stay_in_the_record_order() -> None:
    work = article("colrev-work-cais.json")
    assert [a.name for a in work.authors] == [
        "Schryen, Guido", "Paderborn University", "Wagner, Gerit", "Benlian, Alexander", "Paré, Guy",
        "University of Regensburg", "University of Technology Darmstadt", "HEC Montréal"]
    assert (work.date, work.issn_types, work.journal_abbrev) == ("2021", ("electronic",), "CAIS")


def works_list(names: list[str]) -> bytes:
    """A work-list answer holding the real works (Crossref's list answer wraps works so: status, message-type
    "work-list", message with total-results and items)."""
    items = [json.loads((CROSSREF / n).read_text(encoding="utf-8"))["message"] for n in names]
    answer = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
              "message": {"facets": {}, "total-results": 2, "items": items, "items-per-page": 20}}
    return json.dumps(answer, indent=2, ensure_ascii=False).encode()


def test_a_list_of_works_gives_each_work_at_its_line() -> None:
    records, problems = read("list.json", works_list(["colrev-work-jit.json", "colrev-work-cais.json"]))
    assert problems == []
    assert [r.first("DOI") for r in records] == ["10.1177/02683962211048201", "10.17705/1cais.04607"]
    assert [r.where.line for r in records] == [9, 899]
    assert not any(r.values("total-results") for r in records)


def test_subtitle_article_number_group_and_contained_kinds() -> None:
    work = {"DOI": "10.1/x", "type": "book-chapter", "title": ["Main <i>title</i>"], "subtitle": ["A subtitle"],
            "container-title": ["The Book"], "article-number": "105", "ISBN": ["9780000000002"],
            "isbn-type": [{"value": "9780000000002", "type": "print"}],
            "author": [{"name": "The Consortium", "sequence": "first", "affiliation": []}],
            "funder": [{"name": "Wellcome Trust", "DOI": "10.13039/100004440", "award": ["123"]}]}
    answer = json.dumps({"status": "ok", "message-type": "work", "message": work}).encode()
    (record,), _ = read("w.json", answer)
    found, problems = readers.to_article(record)
    assert problems == []
    assert (found.title, found.kind, found.container, found.journal) == ("Main title: A subtitle", "chapter",
                                                                          "The Book", "")
    assert (found.pages, found.article_number, found.isbns, found.authors) == (
        "", "105", ("9780000000002",), (Person("The Consortium"),))
    assert json.loads(record.first("funder"))["award"] == ["123"]  # kept for the full record


HOSTILE = {
    "empty list": b'{"status":"ok","message-type":"work-list","message":{"total-results":0,"items":[]}}',
    "cut short": (CROSSREF / FILES[1]).read_bytes()[:900],
    "no title": b'{"status":"ok","message-type":"work","message":{"DOI":"10.1/x"}}',
    "wrong types": b'{"status":"ok","message-type":"work","message":{"title":5,"author":[null,{},3,"x"],'
                   b'"issn-type":[1,{"value":2}],"issued":{"date-parts":"x"},"abstract":{"a":1},"page":[]}}',
    "message not an object": b'{"status":"ok","message-type":"work","message":"x"}',
    "broken second": b'{"status":"ok","message-type":"work-list","message":{"items":[\n  {"title":["One"]},\n'
                     b'  {"title":["Two"] "x"},\n  {"title":["Three"]}\n]}}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.json", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    _, problems = crossref_json.read(HOSTILE["empty list"].decode(), "e.json")
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 1, "a Crossref answer with no works (its 'items' list is empty)")]
    records, problems = read("b.json", HOSTILE["broken second"])
    assert [readers.to_article(r)[0].title for r in records] == ["One", "Three"]
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3)]
    (record,), _ = read("n.json", HOSTILE["no title"])
    found, problems = readers.to_article(record)
    assert found.title == "Untitled record" and found.doi == "10.1/x"
    assert [(p.level, p.message) for p in problems] == [(Level.ERROR, "work has no title; shown as 'Untitled "
                                                                      "record'")]


def test_a_site_built_from_crossref_answers_shows_their_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in FILES:
        (site / "content" / name).write_bytes((CROSSREF / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 3
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1177-02683962211048201.html")
    main = html.main(page)
    facts = html.facts(main)
    assert html.text(main.find(".//h1")) == "Artificial intelligence and the conduct of literature reviews"
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Pages"]) == (
        "Journal of Information Technology", "June 2022 (Epub 8 Oct 2021)", "37", "2", "209-226")
    assert facts["ISSN"] == "0268-3962 (print) 1466-4437 (electronic)"
    assert (facts["Language"], facts["Publication type"]) == ("English", "journal-article")
    authors = [html.text(a) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors == ["Wagner, Gerit", "Lukyanenko, Roman", "Paré, Guy"]
    licence = [a.get("href") for a in main.iter("a") if "license" in a.get("rel", "")]
    assert licence == ["https://creativecommons.org/licenses/by/4.0/"]
    text = html.text(main)
    assert "Full record" in text and "10.1177/02683962211048201" in text
    jmir = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-2196-22081.html"))
    assert html.headings(jmir, "h3")[:5] == ["Background", "Objective", "Methods", "Results", "Conclusions"]
    cais = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-17705-1cais-04607.html"))
    names = [html.text(a) for a in cais.iter("a") if "/authors/" in a.get("href", "")]
    assert names[:2] == ["Schryen, Guido", "Paderborn University"]


BARE_WORK, BARE_ITEMS = "commonmeta-bare-work.json", "commonmeta-bare-items.json"


@pytest.mark.parametrize("name", [BARE_WORK, BARE_ITEMS])
def test_works_saved_without_the_answer_are_crossref_not_csl(name: str) -> None:
    """commonmeta-py's bare work and bare ``{"items": [...]}`` were read as CSL-JSON, which has no ``issn-type``,
    ``short-container-title`` nor ``subject``; doi.org's CSL-JSON of a Crossref DOI (string title) stays CSL."""
    text = (CROSSREF / name).read_text(encoding="utf-8")
    assert crossref_json.sniff(text)
    assert readers.choose_reader(Path("works.json"), text).format == "crossref-json"
    winter = (DATA / "csl-json" / "manubot-crossref-winter-scabs.json").read_text(encoding="utf-8")
    assert not crossref_json.sniff(winter) and csl_json.sniff(winter)


def test_a_bare_work_and_bare_items_give_crossrefs_values() -> None:
    elife = article(BARE_WORK)
    assert (elife.doi, elife.journal, elife.date) == ("10.7554/elife.01567", "eLife", "2014-02-11")
    assert (elife.issns, elife.issn_types) == (("2050-084X",), ("electronic",))
    assert elife.keywords[:2] == ("General Immunology and Microbiology",
                                  "General Biochemistry, Genetics and Molecular Biology")
    records, problems = read(BARE_ITEMS)
    assert problems == [] and len(records) == 20 and records[2].where.line == 153
    entomol, problems = readers.to_article(records[2])
    assert problems == [] and entomol.title.startswith("Two new species ofBombylius Linnaeus, 1758")
    assert (entomol.journal, entomol.journal_abbrev) == ("Deutsche Entomologische Zeitschrift",
                                                         "Mitt. Mus. Nat.kd. Berl., Dtsch entomol.")
    assert (entomol.issns, entomol.issn_types) == (("0012-0073", "1860-1324"), ("print", "electronic"))
    assert entomol.authors == (Person("Hasbenli, Abdullah", "Hasbenli", "Abdullah"),
                               Person("Zaitzev, Vadim F.", "Zaitzev", "Vadim F."))


def test_a_site_built_from_bare_works_shows_which_issn_is_which(tmp_path: Path, html) -> None:
    built(tmp_path, BARE_ITEMS, (CROSSREF / BARE_ITEMS).read_bytes())
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1002-mmnd-4800470110.html")
    facts = html.facts(html.main(page))
    assert facts["ISSN"] == "0012-0073 (print) 1860-1324 (electronic)"


# The shape of a bioRxiv preprint's Crossref answer (10.1101/2020.12.01.406702, saved in commonmeta-py's test
# cassette test_write_crossref_xml_posted_content.yaml; its abstract is CC BY-NC-ND, so retyped here in other
# words): JATS's inline elements, prefixed, on lines of their own between the abstract's words.
PREPRINT = {"DOI": "10.1/styled", "type": "posted-content", "title": ["A glycolipid of\n  <i>Streptococcus</i>\n  in"
            " meningitis"], "abstract": "<jats:title>Abstract</jats:title>\n<jats:p>\n  Strains of\n  <jats:italic>"
            "Streptococcus agalactiae</jats:italic>\n  lacking\n  <jats:italic>mprF</jats:italic>\n  made less Ca"
            "<jats:sup>2+</jats:sup>, KRAS<jats:sup>G12C</jats:sup> and <jats:sc>ii</jats:sc> in <jats:bold>all"
            "</jats:bold> mice.\n</jats:p>"}


def test_crossref_jats_styles_in_an_abstract_are_kept() -> None:
    """<jats:italic> and the other JATS names were left out with their style (the text stayed), while <i> kept
    its italic."""
    answer = json.dumps({"status": "ok", "message-type": "work", "message": PREPRINT}).encode()
    (record,), _ = read("preprint.json", answer)
    found, _ = readers.to_article(record)
    (section,) = found.abstract
    assert section.text == ("Strains of Streptococcus agalactiae lacking mprF made less Ca²⁺, KRASG12C and ii in all "
                            "mice.")
    styled = [(section.text[start:end], kind) for start, end, kind in section.styles]
    assert styled == [("Streptococcus agalactiae", "i"), ("mprF", "i"), ("G12C", "sup"), ("ii", "sc"), ("all", "b")]
    assert [(found.title[s:e], k) for s, e, k in found.title_styles] == [("Streptococcus", "i")]


def test_a_site_shows_crossref_jats_italics_as_italics(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "preprint.json").write_text(json.dumps({"status": "ok", "message-type": "work",
                                                                "message": PREPRINT}), encoding="utf-8")
    build(site, tmp_path / "_site")
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1-styled.html"))
    abstract = next(s for s in main.iter("section") if "abstract" in s.get("class", ""))
    assert [html.text(i) for i in abstract.iter("i")] == ["Streptococcus agalactiae", "mprF"]
    assert [html.text(s) for s in abstract.iter("sup")] == ["G12C"]


# The shape of the same preprint's abstract where an inline element ends before a comma (retyped in other words):
# "(Group B\n  <jats:italic>Streptococcus</jats:italic>\n  , GBS)", each element on a line of its own.
INDENTED = {"DOI": "10.1/indented", "type": "posted-content", "title": ["Lipids of group B streptococci"],
            "abstract": "<jats:title>Abstract</jats:title>\n    <jats:p>\n      A lipid of\n      <jats:italic>"
            "Streptococcus agalactiae</jats:italic>\n      (Group B\n      <jats:italic>Streptococcus</jats:italic>"
            "\n      , GBS). Strains lacking\n      <jats:italic>mprF</jats:italic>\n      invade less (\n      "
            "<jats:italic>in vitro</jats:italic>\n      ).\n    </jats:p>"}


def test_the_indentation_of_crossref_jats_is_no_space_before_punctuation() -> None:
    """bioRxiv's JATS put a new line and an indentation between an element and the comma after it: the page read
    "(Group B Streptococcus , GBS)"; the spaces between words stay."""
    answer = json.dumps({"status": "ok", "message-type": "work", "message": INDENTED}).encode()
    (record,), _ = read("indented.json", answer)
    found, _ = readers.to_article(record)
    (section,) = found.abstract
    assert section.text == ("A lipid of Streptococcus agalactiae (Group B Streptococcus, GBS). Strains lacking mprF "
                            "invade less (in vitro).")
    styled = [(section.text[start:end], kind) for start, end, kind in section.styles]
    assert styled == [("Streptococcus agalactiae", "i"), ("Streptococcus", "i"), ("mprF", "i"), ("in vitro", "i")]


def test_wileys_small_capitals_are_small_capitals() -> None:
    """Wiley deposits its titles' small capitals as <scp> (10.1111/jsr.14260's "… apnea (<scp>OSA</scp>) and
    <scp>COVID</scp>‐19 severity"): left out with their style before."""
    title, styles = shared.styled_text("Sleep apnoea (<scp>OSA</scp>) and <scp>COVID</scp>‐19")
    assert (title, [(title[s:e], k) for s, e, k in styles]) == ("Sleep apnoea (OSA) and COVID‐19",
                                                                [("OSA", "sc"), ("COVID", "sc")])


THESIS, REFERENCE_ENTRIES = "habanero-widget-thesis.json", "habanero-works-query-ecology.json"


def test_a_person_crossref_lists_without_a_name_is_no_author(tmp_path: Path, html) -> None:
    """LSU's thesis 10.31390/gradschool_theses.6125 lists a first "author" with no name (only its sequence, no
    affiliation and its role): the citation began with it, ", Rovira J. AI-Based Accessibility Widget …"."""
    assert article(THESIS).authors == (Person("Rovira, Joshua", family="Rovira", given="Joshua"),)
    built(tmp_path, THESIS, (CROSSREF / THESIS).read_bytes())
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-31390-gradschool-theses-6125.html")
    assert html.text(page.find(".//blockquote[@id='cite-vancouver']")).startswith(
        "Rovira J. AI-Based Accessibility Widget (AIBAW) Shortcomings for Blind Web Users [dissertation].")


def test_a_thesis_dated_only_by_its_approval_is_of_that_day(tmp_path: Path, html) -> None:
    """LSU's thesis 10.31390/gradschool_theses.6125 has ``"issued": {"date-parts": [[null]]}`` and
    ``"approved": {"date-parts": [[2025, 4, 1]]}``, a dissertation's only date in Crossref's deposit: the page
    showed no date, the citation no year, and the year index left it out."""
    assert article(THESIS).date == "2025-04-01"
    built(tmp_path, THESIS, (CROSSREF / THESIS).read_bytes())
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-31390-gradschool-theses-6125.html")
    assert html.facts(html.main(page))["Published"] == "1 April 2025"
    assert "Libraries; 2025. doi:" in html.text(page.find(".//blockquote[@id='cite-vancouver']"))
    report = {"DOI": "10.2172/1", "type": "report", "title": ["T"], "issued": {"date-parts": [[None]]},
              "approved": {"date-parts": [[2008, 2, 6]]}}  # OSTI's reports of 1992 are "approved" in 2008
    answer = {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": report}
    (record,), _ = readers.read_data(json.dumps(answer).encode(), Path("r.json"), "content/r.json")
    assert readers.to_article(record)[0].date == ""


def test_a_reference_entry_is_in_its_reference_work_not_a_series(tmp_path: Path, html) -> None:
    """Oxford Bibliographies' entries (Crossref's "reference-entry") name the reference work that holds them in
    ``container-title`` ("Ecology"): the page called it the entry's series, "Series Ecology", and the citation
    "Oxford University Press; 2012. (Ecology)"."""
    records, _ = read(REFERENCE_ENTRIES)
    entry, _ = readers.to_article(records[1])
    assert (entry.kind, entry.container, entry.journal) == ("entry-encyclopedia", "Ecology", "")
    built(tmp_path, REFERENCE_ENTRIES, (CROSSREF / REFERENCE_ENTRIES).read_bytes())
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1093-obo-9780199830060-0023.html")
    facts = html.facts(html.main(page))
    assert (facts["In"], facts["Publication type"]) == ("Ecology", "reference-entry")
    assert "Series" not in facts
    assert html.text(page.find(".//blockquote[@id='cite-vancouver']")) == (
        "Kessler A. Chemical Ecology. In: Ecology. Oxford University Press; 2012. doi:10.1093/obo/9780199830060-0023")


CORRECTED = "habanero-work-pone-0033693.json"


def test_crossmarks_correction_is_a_notice_on_the_page(tmp_path: Path, html) -> None:
    """PLOS ONE's 10.1371/journal.pone.0033693 is ``updated-by`` a correction (Crossmark's link, with the
    correction's DOI): the page said nothing of it outside the full record."""
    assert article(CORRECTED).notices == (Notice("ErratumIn", doi="10.1371/annotation/c76da2c1-ccb8-4797-94c1-"
                                                                  "359d3ceceeda"),)
    built(tmp_path, CORRECTED, (CROSSREF / CORRECTED).read_bytes())
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1371-journal-pone-0033693.html"))
    notices = next(s for s in main.iter("section") if "notices" in s.get("class", ""))
    assert "Erratum in: DOI 10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda" in html.text(notices)


# The shapes Crossmark gives a retracted work, its retraction notice, and a PLOS article that names a new version of
# itself in both keys (10.1371/journal.ppat.1006930 in habanero's cassettes), retyped with made-up DOIs.
def _update(doi: str, kind: str) -> list[dict[str, object]]:
    return [{"DOI": doi, "type": kind, "label": kind.title(), "source": "publisher",
             "updated": {"date-parts": [[2020, 1, 2]]}}]


@pytest.mark.parametrize(("work", "expected"), [
    ({"DOI": "10.1/a", "updated-by": _update("10.1/notice", "retraction")},
     (Notice("RetractionIn", doi="10.1/notice"),)),
    ({"DOI": "10.1/notice", "update-to": _update("10.1/a", "retraction")}, (Notice("RetractionOf", doi="10.1/a"),)),
    ({"DOI": "10.1/c", "update-to": _update("10.1/b", "expression_of_concern")},
     (Notice("ExpressionOfConcernFor", doi="10.1/b"),)),
    ({"DOI": "10.1/v", "update-to": _update("10.1/v", "new_version"), "updated-by": _update("10.1/v", "new_version")},
     ()),
    ({"DOI": "10.1/w", "updated-by": _update("10.1/x", "addendum")}, ()),
])
def test_crossmarks_retractions_and_concerns_are_notices(work: dict[str, object], expected: tuple) -> None:
    answer = json.dumps({"status": "ok", "message-type": "work", "message": {"type": "journal-article",
                                                                             "title": ["T"], **work}}).encode()
    (record,), _ = read("w.json", answer)
    found, _ = readers.to_article(record)
    assert found.notices == expected
    assert found.retracted == (expected[:1] == (Notice("RetractionIn", doi="10.1/notice"),))


SPIE_PAPER = "habanero-sample-spie-paper.json"


def test_a_papers_series_and_proceedings_are_each_named(tmp_path: Path, html) -> None:
    """Crossref lists a paper's series before its proceedings in ``container-title`` (10.1117/12.2214605:
    ``["SPIE Proceedings", "Optical Coherence Tomography and Coherence Domain Optical Methods in Biomedicine XX"]``):
    the page named the series as the proceedings, "Proceedings SPIE Proceedings", and the proceedings' own title
    was in the full record only."""
    found = article(SPIE_PAPER)
    assert (found.kind, found.journal, found.container) == (
        "paper-conference", "SPIE Proceedings",
        "Optical Coherence Tomography and Coherence Domain Optical Methods in Biomedicine XX")
    built(tmp_path, SPIE_PAPER, (CROSSREF / SPIE_PAPER).read_bytes())
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1117-12-2214605.html")))
    assert (facts["Series"], facts["Proceedings"], facts["Volume"], facts["Pages"]) == (
        "SPIE Proceedings", "Optical Coherence Tomography and Coherence Domain Optical Methods in Biomedicine XX",
        "9697", "96973B")


def test_a_chapter_with_one_container_title_has_no_series() -> None:
    work = {"DOI": "10.1/ch", "type": "book-chapter", "title": ["T"], "container-title": ["The Book"]}
    (record,), _ = read("w.json", json.dumps({"status": "ok", "message-type": "work", "message": work}).encode())
    found, _ = readers.to_article(record)
    assert (found.journal, found.container) == ("", "The Book")


MATHML_ABSTRACT = "habanero-hindawi-mathml-abstract.json"


def test_a_mathml_formula_in_an_abstract_keeps_its_exponent(tmp_path: Path, html) -> None:
    """Crossref's abstract of 10.1155/2011/373482 (Case Reports in Radiology, CC BY 3.0) gives the white count as
    MathML, ``…<mml:mo>×</mml:mo><mml:msup><mml:mtext>10</mml:mtext><mml:mtext>9</mml:mtext></mml:msup>…``: with
    its tags left out the page read "22.2×109 /L" (its thin space before "/L" as the record has it), a count a
    hundred million times too high."""
    (section,) = article(MATHML_ABSTRACT).abstract
    assert "her white blood count was significantly increased (22.2×10⁹\u2009/L). One week prior" in section.text
    built(tmp_path, MATHML_ABSTRACT, (CROSSREF / MATHML_ABSTRACT).read_bytes())
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1155-2011-373482.html"))
    abstract = next(s for s in main.iter("section") if "abstract" in s.get("class", ""))
    assert "(22.2×10⁹ /L)" in html.text(abstract) and "mml" not in html.text(abstract)  # text() folds U+2009


def _posted(**more: object) -> dict[str, object]:
    """The shape of Crossref's answer for a bioRxiv preprint (10.1101/2020.12.01.406702, as front-matter/
    commonmeta-py's cassette test_write_crossref_xml_posted_content.yaml saved it), retyped with words of our own:
    the server is named only as the ``institution``, the ``publisher`` is the server's owner, no container title."""
    return {"DOI": "10.1101/2020.01.01.000001", "type": "posted-content", "subtype": "preprint",
            "title": ["A preprint about <i>Streptococcus</i>"], "institution": [{"name": "bioRxiv"}],
            "publisher": "openRxiv", "container-title": [], "group-title": "Microbiology",
            "posted": {"date-parts": [[2020, 12, 1]]}, "issued": {"date-parts": [[2020, 12, 1]]},
            "author": [{"given": "Ada", "family": "Writer", "sequence": "first", "affiliation": []}], **more}


def test_a_preprint_is_on_the_server_crossref_names_as_its_institution(tmp_path: Path, html) -> None:
    """A bioRxiv preprint's page named no server at all (the publisher "openRxiv" alone), and its citations had no
    place to say where it was posted; it is a preprint (kind "article", as OpenAlex's and Europe PMC's preprints
    are) on "bioRxiv", its publisher still the owner."""
    answer = json.dumps({"status": "ok", "message-type": "work", "message": _posted()}).encode()
    (record,), _ = read("w.json", answer)
    found, problems = readers.to_article(record)
    assert problems == []
    assert (found.kind, found.journal, found.publisher) == ("article", "bioRxiv", "openRxiv")
    other = json.dumps({"status": "ok", "message-type": "work", "message": _posted(subtype="working_paper")})
    (record,), _ = read("w.json", other.encode())
    assert (readers.to_article(record)[0].kind, readers.to_article(record)[0].journal) == ("posted-content", "")
    built(tmp_path, "preprint.json", answer)
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1101-2020-01-01-000001.html"))
    assert "bioRxiv" in html.text(main.find(".//dl"))
    assert "Preprint posted online December 1, 2020" in html.text(main)  # AMA's words for a preprint


def test_small_capitals_written_as_text_are_small_capitals(tmp_path: Path, html) -> None:
    """Wiley's decision letter 10.1002/2050-7038.12771/v2/decision1 writes its title's small capitals as text,
    'Decision letter for "A simple &lt;scp&gt;multi‐frequency&lt;/scp&gt; multiload …"': the page's title showed
    the tags, "<scp>multi‐frequency</scp>"."""
    name = "rcrossref-wiley-escaped-scp.json"
    assert "&lt;scp&gt;multi\\u2010frequency&lt;\\/scp&gt;" in (CROSSREF / name).read_text(encoding="utf-8")
    decision = article(name)
    assert decision.title.startswith('Decision letter for "A simple multi‐frequency multiload independent power')
    assert [(decision.title[s:e], kind) for s, e, kind in decision.title_styles] == [("multi‐frequency", "sc")]
    built(tmp_path, name, (CROSSREF / name).read_bytes())
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1002-2050-7038-12771-v2-decision1.html")
    assert "scp" not in html.text(page.find(".//h1"))


def test_a_subtitle_element_a_title_writes_as_text_is_its_subtitle() -> None:
    """The AMA deposits 10.1001/archpedi.1951.02040040742008 as "IDIOPATHIC ACQUIRED HEMOLYTIC ANEMIA IN AN
    INFANT&lt;subtitle&gt;Successful Treatment with Corticotropin (ACTH)&lt;/subtitle&gt;": the page's title was
    "…INFANT<subtitle>Successful Treatment…</subtitle>"."""
    assert article("rcrossref-ama-subtitle-in-title.json").title == (
        "IDIOPATHIC ACQUIRED HEMOLYTIC ANEMIA IN AN INFANT: Successful Treatment with Corticotropin (ACTH)")
