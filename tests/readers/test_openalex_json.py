"""OpenAlex's API JSON (readers/openalex_json.py): a list answer and one work, written in OpenAlex's shape with the
values of real works (tests/data/openalex-json/SOURCE.md), are OpenAlex's, not CSL-JSON or PLOS JSON; their pages
show the names in their order with their ORCID iDs, the journal, the date as far as OpenAlex knows it, the
identifiers and the abstract rebuilt word for word; broken input gives diagnostics with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model.article import Notice
from site_builder.readers import csl_json, openalex_json, plos_json

DATA = Path(__file__).resolve().parents[1] / "data"
OPENALEX = DATA / "openalex-json"
ANSWER, ONE_WORK = OPENALEX / "medicine-works.json", OPENALEX / "state-of-oa-2022.json"

STATE_OF_OA_ABSTRACT = (
    "Despite growing interest in Open Access (OA) to scholarly literature, there is an unmet need for large-scale, "
    "up-to-date, and reproducible studies assessing the prevalence and characteristics of OA. We address this need "
    "using oaDOI, an open online service that determines OA status for 67 million articles. We use three samples, "
    "each of 100,000 articles, to investigate OA in three populations: (1) all journal articles assigned a Crossref "
    "DOI, (2) recent journal articles indexed in Web of Science, and (3) articles viewed by users of Unpaywall, an "
    "open-source browser extension that lets users find OA articles using oaDOI. We estimate that at least 28% of "
    "the scholarly literature is OA (19M in total) and that this proportion is growing, driven particularly by "
    "growth in Gold and Hybrid. The most recent year analyzed (2015) also has the highest percentage of OA (45%). "
    "Because of this growth, and the fact that readers disproportionately access newer articles, we find that "
    "Unpaywall users encounter OA quite frequently: 47% of articles they view are OA. Notably, the most common "
    "mechanism for OA is not Gold, Green, or Hybrid OA, but rather an under-discussed category we dub Bronze: "
    "articles made free-to-read on the publisher website, without an explicit Open license. We also examine the "
    "citation impact of OA articles, corroborating the so-called open-access citation advantage: accounting for age "
    "and discipline, OA articles receive 18% more citations than average, an effect driven primarily by Green and "
    "Hybrid OA. We encourage further research using the free oaDOI service, as a way to inform OA policy and "
    "practice.")
"""The abstract of doi:10.7717/peerj.4375 (PeerJ, CC BY 4.0), which the fixture gives as OpenAlex does: its words
with their positions."""


def work(**values: object) -> bytes:
    """One work saved alone, in OpenAlex's shape: the values given, beside an id and a title."""
    return json.dumps({"id": "https://openalex.org/W1", "display_name": "A title long enough to be a title",
                       "authorships": [], **values}).encode()


def test_openalex_answers_are_read_as_openalex_not_csl_or_plos() -> None:
    """Before, a work saved alone was read as CSL-JSON and an array as PLOS JSON, each page a title alone; then the
    build named the file in a warning and read nothing."""
    for path in (ANSWER, ONE_WORK):
        text = path.read_text(encoding="utf-8")
        assert openalex_json.sniff(text) and not csl_json.sniff(text) and not plos_json.sniff(text)
        assert readers.choose_reader(Path("works.json"), text).format == "openalex-json"
    as_array = json.dumps(json.loads(ANSWER.read_text(encoding="utf-8"))["results"], indent=1).encode()
    assert [a.title for a in reading.articles(Path("saved.json"), as_array)] == [
        a.title for a in reading.articles(ANSWER)]


def test_the_sniff_claims_no_other_json_fixture() -> None:
    others = [p for p in DATA.glob("*/*.json") if p.parent != OPENALEX]
    assert len(others) > 20
    assert [p.name for p in others if openalex_json.sniff(p.read_text(encoding="utf-8", errors="replace"))] == []


def test_a_work_of_an_older_answer_gives_its_values() -> None:
    """host_venue (the API's answers of 2022) names the journal; ids give PMID and PMCID as links."""
    (oa,) = reading.articles(ONE_WORK)
    assert oa.title == "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
    assert [(p.name, p.orcid) for p in oa.authors][:3] == [("Heather A. Piwowar", "0000-0003-1613-5981"),
                                                          ("Jason Priem", "0000-0001-6187-6610"),
                                                          ("Vincent Larivière", "0000-0002-2733-0689")]
    assert [p.name for p in oa.authors][-3:] == ["Ashley Farley", "Jevin D. West", "Stefanie Haustein"]
    assert oa.authors[6].orcid == ""  # "orcid": null
    assert (oa.journal, oa.publisher, oa.volume, oa.issue, oa.pages) == ("PeerJ", "PeerJ", "6", "", "")
    assert (oa.issns, oa.issn_types) == (("2167-8359",), ("linking",))
    assert (oa.date, oa.doi, oa.pmid, oa.pmcid) == ("2018-02-13", "10.7717/peerj.4375", "29456894", "PMC5815332")
    assert [s.text for s in oa.abstract] == [STATE_OF_OA_ABSTRACT]
    assert oa.licence_url == "https://creativecommons.org/licenses/by/"
    assert [link.url for link in oa.links] == ["https://peerj.com/articles/4375.pdf"]
    assert oa.publication_types == ("journal-article",) and oa.kind == ""
    (record,), _ = reading.read(ONE_WORK)
    assert record.first("cited_by_count") == "394" and record.line_of("cited_by_count") == 163


def test_a_list_answer_gives_each_work_in_its_order() -> None:
    pedv, procalcitonin, notices = reading.articles(ANSWER)
    assert (pedv.journal, pedv.date, pedv.pmid, pedv.doi) == ("Microbiology Spectrum", "2026-09-02", "42684955",
                                                             "10.1128/spectrum.02643-25")
    assert [p.name for p in pedv.authors] == ["Jayne E Wiarda", "Bailey Arruda", "Eraldo Lourenso Zanella",
                                              "Hanjun Kim", "Samantha J. Hau", "Jianqiang Zhang"]
    assert pedv.abstract[0].text.startswith("Porcine epidemic diarrhea virus (PEDV) is an enteric coronavirus")
    assert procalcitonin.journal == "Pediatrics & Neonatology"
    assert (procalcitonin.issns, procalcitonin.issn_types) == (("1875-9572", "2212-1692"), ("linking", ""))
    assert procalcitonin.licence_url == "https://creativecommons.org/licenses/by-nc-nd/"
    assert (notices.volume, notices.issue, notices.pages, notices.authors) == ("308", "2", "112", ())
    assert notices.languages == ()  # "language": null
    assert notices.publication_types == ("article", "journal-article")
    records, _ = reading.read(ANSWER)
    assert [r.where.line for r in records] == [10, 237, 290] and not any(r.values("meta") for r in records)


@pytest.mark.parametrize(("published", "shown"), [
    ("2026-09-02", "2026-09-02"),
    ("2026-09-01", "2026-09"),  # Pediatrics & Neonatology's September issue: OpenAlex writes the 1st
    ("1982-11-01", "1982-11"),  # Akerlof, QJE 97(4), November 1982
    ("2014-01-01", "2014"),  # "Clinical Labor", Duke University Press, 2014: a year alone
    (None, "2014"),
])
def test_a_first_of_the_month_is_no_day(published: str | None, shown: str) -> None:
    """OpenAlex writes a whole day for every work, the 1st where its source gave a month or a year alone."""
    (found,) = reading.articles(Path("w.json"), work(publication_date=published, publication_year=2014))
    assert found.date == shown


def test_names_as_the_work_wrote_them_retraction_and_keywords() -> None:
    """The shapes of OpenAlex's answers for W2962935454 (a NeurIPS paper; an answer of 2024) and W78857221 (Genetika
    1966): ``raw_author_name`` differs from OpenAlex's name; keywords as objects with a ``display_name``, or with a
    ``keyword`` (2023)."""
    authorships = [{"author": {"display_name": "Ozan Şener", "orcid": "https://orcid.org/0000-0002-1542-7547"},
                    "raw_author_name": "Ozan Sener"},
                   {"author": {"display_name": "John C. Duchi"}, "raw_author_name": "John C. Duchi"},
                   {"author": {"display_name": None}, "raw_author_name": "Sychkov"}]
    (found,) = reading.articles(Path("w.json"), work(authorships=authorships, is_retracted=True, keywords=[
        {"id": "https://openalex.org/keywords/domain-adaptation", "display_name": "Domain Adaptation", "score": 0.6},
        {"keyword": "forced labor", "score": 0.56}]))
    assert [(p.name, p.orcid) for p in found.authors] == [("Ozan Şener", "0000-0002-1542-7547"),
                                                          ("John C. Duchi", ""), ("Sychkov", "")]
    assert found.author_spellings == (("Ozan Sener",), (), ())
    assert found.notices == (Notice("RetractionIn"),)
    assert found.keywords == ("Domain Adaptation", "forced labor")


def test_title_markup_is_styles_and_nulls_are_no_values() -> None:
    """display_name keeps the work's tags ("<i>", "<sub>"); newer answers write null for an older answer's keys."""
    (found,) = reading.articles(Path("w.json"), work(
        display_name="Resistance of <i>Escherichia coli</i> to R&amp;D in H<sub>2</sub>O", host_venue=None,
        primary_location=None, abstract_inverted_index=None, ids=None, biblio=None, open_access=None, language=None,
        type=None, doi=None))
    assert (found.title, found.title_styles) == ("Resistance of Escherichia coli to R&D in H₂O", ((14, 30, "i"),))
    assert (found.journal, found.abstract, found.doi, found.languages, found.publication_types) == ("", (), "", (),
                                                                                                   ())


def test_a_chapter_is_in_its_book() -> None:
    """A chapter is held by its source (a book series, "SpringerBriefs in medical earth sciences"), except a
    publisher's platform of ebooks, which is no book (test_an_ebook_platform_is_no_series_and_no_chapters_book)."""
    source = {"source": {"display_name": "SpringerBriefs in medical earth sciences", "type": "book series"}}
    (found,) = reading.articles(Path("w.json"), work(type="book-chapter", primary_location=source))
    assert (found.kind, found.container, found.journal) == (
        "chapter", "SpringerBriefs in medical earth sciences", "")
    platform = {"source": {"display_name": "Springer eBooks", "type": "ebook platform"}}
    (found,) = reading.articles(Path("w.json"), work(type="book-chapter", primary_location=platform))
    assert (found.kind, found.container, found.journal) == ("chapter", "", "")


HOSTILE = {
    "empty results": b'{"meta": {"count": 0}, "results": []}',
    "broken second": b'{"results": [\n{"id": "https://openalex.org/W1", "display_name": "One", "authorships": []},\n'
                     b'{"id": "https://openalex.org/W2", "display_name": "Two", "authorships": [},\n'
                     b'{"id": "https://openalex.org/W3", "display_name": "Three", "authorships": []}\n]}',
    "no title": b'{"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/x", "display_name": null, '
                b'"authorships": []}',
    "wrong types": b'{"id": "https://openalex.org/W1", "display_name": ["x"], "authorships": "Smith", "biblio": 3, '
                   b'"ids": [], "primary_location": {"source": "PeerJ"}, "host_venue": null, '
                   b'"abstract_inverted_index": {"a": "0", "b": [1.5, -1, null]}, "keywords": [null, 3], '
                   b'"publication_date": 2018, "language": 7}',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_never_raises(name: str) -> None:
    reading.never_raises(DATA / "bad.json", HOSTILE[name])


def test_hostile_input_is_reported_where_it_is() -> None:
    _, problems = openalex_json.read(HOSTILE["empty results"].decode(), "e.json")
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 1, "an OpenAlex answer with no works (its 'results' list is empty)")]
    records, problems = reading.read(Path("b.json"), HOSTILE["broken second"])
    assert [readers.to_article(r)[0].title for r in records] == ["One", "Three"]
    assert [(p.level, p.where.line) for p in problems] == [(Level.ERROR, 3)]
    (record,), _ = reading.read(Path("n.json"), HOSTILE["no title"])
    found, problems = readers.to_article(record)
    assert found.title == "Untitled record" and found.doi == "10.1/x"
    assert [(p.level, p.message) for p in problems] == [(Level.ERROR, "work has no title; shown as 'Untitled "
                                                                      "record'")]


def test_a_site_built_from_openalex_answers_shows_their_values(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for path in (ANSWER, ONE_WORK):
        (site / "content" / path.name).write_bytes(path.read_bytes())
    result = build(site, tmp_path / "_site")
    assert [d for d in result.report.diagnostics if d.level in (Level.ERROR, Level.WARNING)] == []
    assert result.records == 4
    main = html.main(html.parse(tmp_path / "_site" / "articles" / "pubmed-5815332.html"))
    facts = html.facts(main)
    assert html.text(main.find(".//h1")) == ("The state of OA: a large-scale analysis of the prevalence and impact "
                                             "of Open Access articles")
    assert (facts["Journal"], facts["Published"], facts["Volume"]) == ("PeerJ", "13 February 2018", "6")
    authors = [(html.text(a), a.get("href")) for a in main.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:2] == [("Heather A. Piwowar", "../authors/heather-a-piwowar.html"),
                           ("Jason Priem", "../authors/jason-priem.html")]
    assert len(authors) == 9
    assert STATE_OF_OA_ABSTRACT in html.text(main)
    text = html.text(main)
    assert "Full record" in text and "cited_by_count394" in text.replace(" ", "")
    author = html.main(html.parse(tmp_path / "_site" / "authors" / "heather-a-piwowar.html"))
    assert "https://orcid.org/0000-0003-1613-5981" in [a.get("href") for a in author.iter("a")]
    issue = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1016-j-pedneo-2026-06-006.html")))
    assert (issue["Journal"], issue["Published"]) == ("Pediatrics & Neonatology", "September 2026")


def test_an_e_locator_given_as_first_and_last_page_is_the_article_number() -> None:
    """OpenAlex's own documentation example (W2741809807, PeerJ 6:e4375) gives its eLocator as ``biblio``'s first
    and last page; pages that only start alike stay pages."""
    (peerj,) = reading.articles(Path("w.json"), work(biblio={"volume": "6", "first_page": "e4375",
                                                             "last_page": "e4375"}))
    assert (peerj.pages, peerj.article_number) == ("", "e4375")
    (ranged,) = reading.articles(Path("w.json"), work(biblio={"first_page": "e11", "last_page": "e19"}))
    assert (ranged.pages, ranged.article_number) == ("e11-e19", "")


LNCS_PAPER = OPENALEX / "commonmeta-lncs-conference-paper.json"


@pytest.mark.parametrize(("crossref_type", "source_type", "kind"), [
    ("proceedings-article", "conference", "paper-conference"), ("proceedings-article", None, "paper-conference"),
    (None, "conference", "paper-conference"), ("journal-article", "journal", "")])
def test_an_article_crossref_types_a_proceedings_paper_is_in_its_proceedings(crossref_type: str | None,
                                                                             source_type: str | None,
                                                                             kind: str) -> None:
    """Zotero's OpenAlex JSON translator's tests hold W2962935454, "Generalizing to Unseen Domains via Adversarial
    Data Augmentation" (NeurIPS 2018, pages 5334-5344 of volume 31), typed "article" with type_crossref
    "proceedings-article" in a source of type "conference": its page said "Journal Neural Information Processing
    Systems" (the values here are that work's, its shape retyped)."""
    (found,) = reading.articles(Path("w.json"), work(
        id="https://openalex.org/W2962935454", type="article", type_crossref=crossref_type,
        display_name="Generalizing to Unseen Domains via Adversarial Data Augmentation", publication_year=2018,
        primary_location={"source": {"display_name": "Neural Information Processing Systems", "type": source_type}},
        biblio={"volume": "31", "first_page": "5334", "last_page": "5344"}))
    held = "Neural Information Processing Systems"
    assert (found.kind, found.container, found.journal) == (kind, held, "") if kind else ("", "", held)


def test_a_conference_paper_is_in_its_proceedings_not_a_journal(tmp_path: Path, html) -> None:
    """OpenAlex's answer of 2025 for 10.1007/978-3-642-33191-6_49 (commonmeta-py's recorded answer) types it
    "conference-paper", a type the reader did not know: the page showed "Journal Lecture notes in computer science"
    and cited it as a journal article, "Lecture notes in computer science. 2012;499-508."."""
    (record,), _ = readers.read_data(LNCS_PAPER.read_bytes(), LNCS_PAPER, f"content/{LNCS_PAPER.name}")
    work, _ = readers.to_article(record)
    assert (work.kind, work.container, work.journal) == ("paper-conference", "Lecture notes in computer science", "")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / LNCS_PAPER.name).write_bytes(LNCS_PAPER.read_bytes())
    build(site, tmp_path / "_site")
    page = html.parse(tmp_path / "_site" / "articles" / "doi-10-1007-978-3-642-33191-6-49.html")
    facts = html.facts(html.main(page))
    assert (facts["Proceedings"], facts["Pages"]) == ("Lecture notes in computer science", "499-508")
    assert "Journal" not in facts
    assert html.text(page.find(".//blockquote[@id='cite-vancouver']")).startswith(
        "Chen L, Panin G, Knoll A. Human Body Orientation Estimation in Multiview Scenarios. In: Lecture notes in "
        "computer science")


def _work_of(name: str):
    path = OPENALEX / name
    (record,), _ = readers.read_data(path.read_bytes(), path, f"content/{name}")
    return readers.to_article(record)[0]


def test_an_ebook_platform_is_no_series_and_no_chapters_book(tmp_path: Path, html) -> None:
    """OpenAlex names the publisher's site of its books as a book's source, "Cambridge University Press eBooks" of
    type "ebook platform" (10.1017/9781108348843, commonmeta-py's recorded answer): the page said "Series Cambridge
    University Press eBooks"; and a chapter's, "IGI Global eBooks" (10.4018/978-1-4666-1891-6.ch004): the page said
    "Book IGI Global eBooks", which is not the chapter's book (the answer does not name it)."""
    book, chapter = _work_of("commonmeta-cup-ebook.json"), _work_of("commonmeta-igi-ebook-chapter.json")
    assert (book.kind, book.journal, book.container, book.publisher) == ("book", "", "", "Cambridge University Press")
    assert (chapter.kind, chapter.journal, chapter.container, chapter.publisher, chapter.pages) == (
        "chapter", "", "", "IGI Global", "72-94")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "book.json").write_bytes((OPENALEX / "commonmeta-cup-ebook.json").read_bytes())
    build(site, tmp_path / "_site")
    facts = html.facts(html.main(html.parse(tmp_path / "_site" / "articles" / "doi-10-1017-9781108348843.html")))
    assert facts["Publisher"] == "Cambridge University Press"
    assert "Series" not in facts


def test_a_theses_repository_is_its_university_not_a_series() -> None:
    """A University of Queensland thesis (10.14264/uql.2020.791, commonmeta-py's recorded answer) has as its source
    "The University of Queensland" of type "repository", with no host organization: the page said "Series The
    University of Queensland"; the university is the thesis's publisher. A preprint's repository (bioRxiv) and a
    dataset's stay where they hold the work."""
    thesis = _work_of("commonmeta-uq-dissertation.json")
    assert (thesis.kind, thesis.journal, thesis.container, thesis.publisher) == (
        "thesis", "", "", "The University of Queensland")
