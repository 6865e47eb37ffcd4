"""The CSL-JSON reader: items of a real Manubot bibliography read key by key with their lines, and what broken
JSON gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.diagnostics import Level
from site_builder.model.article import Field, Language, Person
from site_builder.readers import csl_json

DATA = Path(__file__).resolve().parents[1] / "data" / "csl-json"
FIXTURE = DATA / "deep-review-subset.json"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "csl-json" / "deep-review"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def fixture_text() -> str:
    return FIXTURE.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def records() -> list:
    found, diagnostics = csl_json.read(fixture_text(), "refs.json")
    assert diagnostics == []
    return found


def by_id(records: list, ident: str):
    return next(r for r in records if r.first("id") == ident)


def test_items_and_keys_have_their_lines(records) -> None:
    text = fixture_text().split("\n")
    assert [r.where.line for r in records] == [2, 40, 72, 111, 163, 217, 249]
    assert all(text[r.where.line - 1].strip() == "{" for r in records)
    for record in records:
        for field in record.fields:
            assert text[field.line - 1].lstrip().startswith(f'"{field.name}":'), (record.where, field.name)
    assert {r.format for r in records} == {"csl-json"}


def test_values_are_lossless(records) -> None:
    """Every item's keys and values, decoded back, are the item of the file."""
    items = json.loads(fixture_text())
    for record, item in zip(records, items, strict=True):
        assert [f.name for f in record.fields] == list(item)
        for field in record.fields:
            value = item[field.name]
            values = value if isinstance(value, list) else [value]
            assert [v if isinstance(v, str) else json.loads(s) for v, s in zip(values, field.values, strict=True)] \
                == values


def test_nested_values_are_kept_as_json(records) -> None:
    caffe = by_id(records, "13KjSCKB2")
    assert Field("issued", ('{"date-parts": [[2015, 5, 28]]}',), 7) in caffe.fields
    assert caffe.values("author")[3] == '{"given": "Christopher", "family": "Ré"}'


def test_article_with_non_ascii_name_and_licence_in_note(records) -> None:
    article, problems = csl_json.to_article(by_id(records, "13KjSCKB2"))
    assert problems == []
    assert article.title == "Caffe con Troll: Shallow Ideas to Speed Up Deep Learning"
    assert article.authors[3] == Person("Ré, Christopher", "Ré", "Christopher")
    assert (article.journal, article.publisher, article.date) == ("arXiv", "arXiv", "2015-05-28")
    assert article.licence_url == "http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
    assert article.id == "csl-json-13kjsckb2"
    assert article.abstract[0].text.startswith("We present Caffe con Troll (CcT)")
    assert [link.url for link in article.links] == ["https://arxiv.org/abs/1504.04343"]


def test_article_with_pubmed_ids_and_nlm_abbreviation(records) -> None:
    article, _ = csl_json.to_article(by_id(records, "1CGP1eifE"))
    assert article.journal == "Summit on translational bioinformatics"
    assert article.journal_abbrev == "Summit Transl Bioinform"  # container-title-short
    assert (article.pmid, article.pmcid, article.id) == ("21347133", "PMC3041534", "pubmed-3041534")
    assert (article.date, article.volume, article.pages) == ("2010-03-01", "2010", "1-5")
    assert article.publisher == "American Medical Informatics Association"


def test_literal_names_particles_languages_and_string_years(records) -> None:
    bengio, _ = csl_json.to_article(by_id(records, "g2vvbB91"))
    assert bengio.authors[0] == Person("Yoshua Bengio")
    mcmahan, _ = csl_json.to_article(by_id(records, "U0ySdznJ"))
    assert mcmahan.authors[-1] == Person("Arcas, Blaise Aguera y", "Arcas", "Blaise Aguera y")
    assert mcmahan.authors[-1].display == "Blaise Aguera y Arcas"
    assert mcmahan.languages == (Language("English", "en", "eng"),)
    thesis, _ = csl_json.to_article(by_id(records, "iPIJrVVs"))
    # "slv"; date-parts [["2016"]]
    assert (thesis.languages, thesis.date) == ((Language("Slovenian", "sl", "slv"),), "2016")
    review, _ = csl_json.to_article(by_id(records, "ir7ElHha"))
    assert (review.journal, review.date, review.doi) == ("Briefings in Bioinformatics", "2016-11-22",
                                                         "10.1093/bib/bbw110")
    assert review.journal_abbrev == "Brief Bioinform"  # journalAbbreviation


def test_item_without_title_is_an_error(records) -> None:
    article, problems = csl_json.to_article(by_id(records, "SqhJCztH"))
    assert article.title == "Untitled record" and article.authors == ()
    assert [(d.level, str(d.where)) for d in problems] == [(Level.ERROR, "refs.json:249")]


def test_bom_and_crlf_give_the_same_records(records) -> None:
    crlf, diagnostics = csl_json.read("\ufeff" + fixture_text().replace("\n", "\r\n"), "refs.json")
    assert diagnostics == []
    assert [r.fields for r in crlf] == [r.fields for r in records]
    assert [r.where for r in crlf] == [r.where for r in records]


def test_a_broken_item_is_an_error_and_the_other_items_load() -> None:
    lines = fixture_text().split("\n")
    assert lines[42] == '    "number": "1212.0901v2",'
    lines[42] = '    "number": "1212.0901v2"'  # a missing comma inside the second item
    found, diagnostics = csl_json.read("\n".join(lines), "refs.json")
    assert [r.first("id") for r in found] == [
        "13KjSCKB2", "ir7ElHha", "1CGP1eifE", "U0ySdznJ", "iPIJrVVs", "SqhJCztH"]
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "refs.json:44")]
    assert "Expecting ',' delimiter" in diagnostics[0].message
    assert "the record that starts at line 40 was not read" in diagnostics[0].message
    assert found[1].where.line == 72  # lines after the broken item are still right


def test_a_missing_comma_between_items_loses_nothing() -> None:
    text = fixture_text()
    broken = text.replace("  },\n  {\n    \"id\": \"g2vvbB91\"", "  }\n  {\n    \"id\": \"g2vvbB91\"", 1)
    assert broken != text
    found, diagnostics = csl_json.read(broken, "refs.json")
    assert len(found) == 7
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 40)]
    assert "the record that starts at line 2 was read" in diagnostics[0].message


def test_truncated_file_keeps_the_items_before_the_cut() -> None:
    text = fixture_text()
    cut = text[:text.index('"id": "1CGP1eifE"') + 30]
    found, diagnostics = csl_json.read(cut, "refs.json")
    assert [r.first("id") for r in found] == ["13KjSCKB2", "g2vvbB91", "ir7ElHha"]
    assert [d.level for d in diagnostics] == [Level.ERROR]
    assert "no record could be found after it" in diagnostics[0].message


def test_not_json_is_an_error() -> None:
    found, diagnostics = csl_json.read("TY  - JOUR\n", "refs.json")
    assert found == [] and [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 1)]


def test_a_single_item_object_is_one_record() -> None:
    found, diagnostics = csl_json.read('{"id": "x", "type": "book",\n "title": "One"}', "one.json")
    assert diagnostics == [] and [r.where.line for r in found] == [1]
    assert found[0].line_of("title") == 2


def test_sniff() -> None:
    assert csl_json.sniff(fixture_text()[:4096])
    assert not csl_json.sniff('{"response": {"docs": [{"id": "1", "title": "x", "_version_": 1}]}}')
    assert not csl_json.sniff("@article{k, title={x}}")


@pytest.mark.parametrize(("text", "known"), [
    # An undated report as Zotero exports it: no date, container nor identifier. The CSL test suite's inputs are
    # often such: 497 of its 845 were skipped as "not a record format site-builder knows"; 75 still are (no type,
    # or nothing but an id and a type).
    ('[{"id": "http://zotero.org/users/1/items/ABCD", "type": "report", "title": "Annual report", '
     '"author": [{"literal": "World Health Organization"}]}]', True),
    ('[{"id": "ITEM-1", "type": "book", "author": [{"family": "Doe", "given": "John"}]}]', True),
    ('[{"id": 7, "type": "user", "title": "Not a work"}]', False),  # a type CSL does not name
    ('{"type": "FeatureCollection", "title": "A map", "features": []}', False),
])
def test_an_item_with_no_date_nor_container_is_known_by_its_csl_type(text: str, known: bool) -> None:
    assert csl_json.sniff(text) is known


@needs_corpus
def test_the_whole_bibliography() -> None:
    text = (CORPUS / "references.json").read_text(encoding="utf-8")
    found, diagnostics = csl_json.read(text, "references.json")
    assert diagnostics == [] and len(found) == 615
    articles = [csl_json.to_article(r)[0] for r in found]
    non_ascii = [a for a in articles if any(ord(c) > 127 for p in a.authors for c in p.name)]
    assert len(non_ascii) >= 70
    assert sum(1 for a in articles if a.pmcid.startswith("PMC")) == 203
    assert all(a.date[:4].isdigit() for a, r in zip(articles, found, strict=True) if r.values("issued"))


def test_an_answer_whose_type_comes_after_a_long_abstract_is_known_as_csl_json(tmp_path: Path) -> None:
    """doi.org's CSL-JSON (Crossref) writes "abstract" before "DOI" and "type": with an abstract of a few
    thousand characters the item's keys lie past any fixed-size start of the file. The reader is chosen by the
    keys of the first item, wherever they stand."""
    from site_builder import readers

    answer = json.loads((DATA.parents[1] / "recorded" / "doi" / "science.169.3946.635.csl.json").read_text("utf-8"))
    answer["abstract"] = " ".join([answer["abstract"]] * 12)  # about 6,000 characters, as long abstracts run
    text = json.dumps(answer, ensure_ascii=False)
    assert text.index('"type"') > 4096
    path = tmp_path / "doi-10.1126-science.169.3946.635.json"
    path.write_text(text, encoding="utf-8")
    records, diagnostics = readers.read_file(path, "content/records/x.json")
    assert diagnostics == [] and [r.format for r in records] == ["csl-json"]
    assert records[0].first("DOI") == "10.1126/science.169.3946.635"
    assert csl_json.sniff(text) and not csl_json.sniff(text[:4096].replace('"type"', '"kind"'))


def test_categories_are_keywords_each_whole() -> None:
    """CSL-JSON 1.0.2's ``categories`` (a DataCite work's subjects, as rOpenSci's handlr writes them) are keywords,
    each one whole, beside ``keyword``'s parted string; the record keeps them as written."""
    path = DATA / "handlr-citeproc-many.json"
    records, problems = csl_json.read(path.read_text(encoding="utf-8"), "content/handlr-citeproc-many.json")
    first = records[0]
    assert ("categories" in {f.name for f in first.fields}) and not problems
    article, _ = csl_json.to_article(first)
    assert article.keywords == ("Phylogeny", "Malaria", "Parasites", "Taxonomy", "Mitochondrial genome", "Africa",
                                "Plasmodium")
    both = json.dumps([{"id": "a", "type": "article", "title": "T", "keyword": "Rats; Mice",
                        "categories": ["Child, Preschool", "rats"]}])
    (record,), _ = csl_json.read(both, "content/a.json")
    assert csl_json.to_article(record)[0].keywords == ("Rats", "Mice", "Child, Preschool")


def test_crossrefs_journal_article_is_cited_by_its_journal(built_records, html) -> None:
    """doi.org's CSL-JSON for a Crossref DOI (what ``add`` writes for a DOI) keeps Crossref's own type name,
    "journal-article", not CSL's "article-journal": the page named Science the work's series and cited the
    article as a book ("Vol. 169. American Association for the Advancement of Science (AAAS); 1970 … (Science)")."""
    recorded = DATA.parents[1] / "recorded" / "doi" / "science.169.3946.635.csl.json"
    assert '"type":"journal-article"' in recorded.read_text(encoding="utf-8")
    site = built_records("crossref-csl", {"doi-10.1126_science.169.3946.635.json": recorded.read_bytes()})
    root = html.parse(site / "articles" / "doi-10-1126-science-169-3946-635.html")
    facts = [html.text(el) for el in html.main(root).find(".//dl")]
    assert facts[:4] == ["Journal", "Science", "Published", "14 August 1970"]
    assert "Series" not in facts
    assert html.text(root.find(".//blockquote[@id='cite-vancouver']")) == (
        "Frank HS. The Structure of Ordinary Water: New data and interpretations are yielding new insights into "
        "this fascinating substance. Science. 1970 Aug 14;169(3946):635-641. doi:10.1126/science.169.3946.635")
    (item,) = json.loads((site / "articles" / "doi-10-1126-science-169-3946-635.json").read_text(encoding="utf-8"))
    assert (item["type"], item["container-title"]) == ("article-journal", "Science")


def test_crossrefs_subtitle_is_part_of_the_title(built_records, html) -> None:
    """doi.org's CSL-JSON for a Crossref DOI keeps Crossref's ``subtitle``, a list CSL itself does not have: the
    page's title was "The Structure of Ordinary Water" alone, its subtitle only in the full record, where the
    Crossref API's answer for the same work gives both, after a colon."""
    recorded = DATA.parents[1] / "recorded" / "doi" / "science.169.3946.635.csl.json"
    subtitle = "New data and interpretations are yielding new insights into this fascinating substance."
    assert json.loads(recorded.read_text(encoding="utf-8"))["subtitle"] == [subtitle]
    site = built_records("crossref-csl-subtitle", {"doi-10.1126_science.169.3946.635.json": recorded.read_bytes()})
    root = html.parse(site / "articles" / "doi-10-1126-science-169-3946-635.html")
    assert html.text(root.find(".//h1")) == f"The Structure of Ordinary Water: {subtitle}"
    item = {"id": "a", "type": "article-journal", "title": "Title: Sub", "subtitle": ["Sub"]}
    (record,), _ = csl_json.read(json.dumps([item]), "content/a.json")
    assert csl_json.to_article(record)[0].title == "Title: Sub"  # a subtitle the title holds is not repeated


def test_crossrefs_licence_objects_are_a_licence_link_not_rights_text(built_records, html) -> None:
    """Crossref's CSL-JSON (Manubot's recorded answer for Nature 10.1038/193293a0) gives ``license`` as a list of
    objects, ``{"URL": "http://www.springer.com/tdm", "start": {…}, "content-version": "unspecified"}``, where CSL
    has a string: the page's Rights section showed that object as JSON text."""
    name = "manubot-crossref-winter-scabs.json"
    site = built_records("crossref-licence", {name: (DATA / name).read_bytes()})
    root = html.parse(site / "articles" / "doi-10-1038-193293a0.html")
    rights = html.main(root).find(".//section[@class='rights']")
    assert html.text(rights) == "Rights Licence"
    assert [(a.get("href"), html.text(a)) for a in rights.iter("a")] == [("http://www.springer.com/tdm", "Licence")]
    (record,), _ = csl_json.read((DATA / name).read_text(encoding="utf-8"), f"content/{name}")
    assert '"URL": "http://www.springer.com/tdm"' in record.first("license")  # the full record keeps it whole
    assert "date-parts" not in csl_json.to_article(record)[0].rights


def test_the_version_of_records_licence_is_the_licence_link() -> None:
    licences = [{"URL": "http://www.elsevier.com/tdm/userlicense/1.0/", "content-version": "tdm"},
                {"URL": "https://creativecommons.org/licenses/by/4.0/", "content-version": "vor"}]
    item = json.dumps([{"id": "a", "type": "journal-article", "title": "T", "license": licences}])
    (record,), _ = csl_json.read(item, "content/a.json")
    article, problems = csl_json.to_article(record)
    assert (article.licence_url, article.rights, problems) == ("https://creativecommons.org/licenses/by/4.0/", "", [])


def test_a_licence_statement_in_braces_stays_a_statement() -> None:
    """Only a value that is a JSON object is one of Crossref's licence objects; other text is CSL's statement."""
    item = json.dumps([{"id": "a", "type": "report", "title": "T", "license": "{CC BY} 4.0"}])
    (record,), _ = csl_json.read(item, "content/a.json")
    article, problems = csl_json.to_article(record)
    assert (article.rights, article.licence_url, problems) == ("{CC BY} 4.0", "", [])


def test_a_date_csl_marks_circa_is_printed_about_then() -> None:
    """Better BibTeX's CSL-JSON export of its date tests (bbt-date-export.csl.json) marks approximate dates
    ``"circa": true``: the page said "May 2011" of an item about May 2011, and "2017 Winter" of one about then."""
    path = DATA / "bbt-date-export.csl.json"
    records, problems = csl_json.read(path.read_text("utf-8"), path.name)
    assert problems == []
    found = {r.first("id"): csl_json.to_article(r)[0] for r in records}
    assert (found["doe12_edtf_2011"].date, found["doe12_edtf_2011"].date_printed) == ("2011-05", "ca. 2011 May")
    assert found["doe13_season_2017"].date_printed == "ca. 2017 Winter"
    assert found["doe9_edtf_2011"].date_printed == "ca. 2011 May 25-2012 Jun 26"
    assert (found["doe7_politics_1985"].date, found["doe7_politics_1985"].date_printed) == ("1985", "1985 Spring")
    assert (found["t4"].date, found["t4"].date_printed) == ("2014-12-31", "")


def test_an_open_end_and_years_before_our_era_are_printed() -> None:
    """Better BibTeX's date tests (bbt-date-export.csl.json) export Zotero's "2014-12-31/" as an open range,
    ``[["2014", 12, 31], [0]]``, shown as exactly "31 December 2014"; and years before our era, which CSL writes
    negative (``[["-334"]]`` for Zotero's "-0333"; ``[["-100", 7, 12], ["-44", 3, 15]]``), were shown as no
    date at all. The range is now open, "2014 Dec 31-", and those years are BC, under no year of ours."""
    path = DATA / "bbt-date-export.csl.json"
    records, _ = csl_json.read(path.read_text("utf-8"), path.name)
    found = {r.first("id"): csl_json.to_article(r)[0] for r in records}
    shown = {key: (found[key].date, found[key].date_printed) for key in ("t3", "t4", "t5", "t6")}
    assert shown == {"t3": ("2014-12-31", "2014 Dec 31-"), "t4": ("2014-12-31", ""), "t5": ("", "334 BC"),
                     "t6": ("", "100 BC Jul 12-44 BC Mar 15")}


def test_a_group_named_as_crossref_names_it_is_an_author() -> None:
    """doi.org's CSL-JSON for a Crossref DOI keeps Crossref's group names, ``{"name": …}`` where CSL writes
    ``literal``; CoLRev's saved CAIS work (10.17705/1cais.04607) made CSL as doi.org makes it (a string title)
    gave its universities as authors with no name."""
    work = json.loads((DATA.parent / "crossref" / "colrev-work-cais.json").read_text(encoding="utf-8"))["message"]
    item = {**work, "title": work["title"][0], "container-title": work["container-title"][0]}
    (record,), _ = csl_json.read(json.dumps([item]), "content/cais.json")
    article, problems = csl_json.to_article(record)
    names = [p.name for p in article.authors]
    assert problems == [] and names[:3] == ["Schryen, Guido", "Paderborn University", "Wagner, Gerit"]
    assert "" not in names


# The shape of Zotero's CSL-JSON of a preprint (Zotero writes CSL's "article" for its preprint and document item
# types; zotero/zotero's citeProcJSExport.js, AGPL, so retyped in words of the project's own): the repository as
# publisher, its identifier as number, no journal.
ZOTERO_PREPRINT = [{"id": "quince2024", "type": "article", "title": "A made-up preprint on orchard ladders",
                    "author": [{"family": "Quince", "given": "Ada"}], "publisher": "OrchardRxiv",
                    "number": "2024.01.02.000001", "DOI": "10.5555/orchardrxiv.2024.01.02.000001",
                    "issued": {"date-parts": [[2024, 1, 3]]}}]


def test_a_csl_article_is_a_preprint_not_a_journal_article() -> None:
    """CSL's "article" is a preprint, working paper or other prepublished material; it was read as a journal
    article, and its CSL-JSON and citations called it "article-journal". Its kind is now the preprint kind the
    other readers give (Lens's, OpenAlex's and Zotero's CSV preprints), and the CSL export keeps "article"."""
    from site_builder.cite import csl

    (record,), problems = csl_json.read(json.dumps(ZOTERO_PREPRINT), "content/zotero.json")
    article, _ = csl_json.to_article(record)
    assert problems == [] and article.kind == "article"
    assert csl.to_csl_json(article)["type"] == "article"


def test_a_person_with_no_name_is_no_author() -> None:
    """doi.org's CSL-JSON keeps Crossref's name objects as they are, and Crossref lists LSU's thesis
    10.31390/gradschool_theses.6125 with a first author that has no name (tests/data/crossref/
    habanero-widget-thesis.json); the shape retyped: the citations began with the nameless author, ", Rovira J."."""
    nameless = {"sequence": "additional", "affiliation": [], "role": [{"role": "author", "vocabulary": "crossref"}]}
    item = json.dumps([{"id": "t", "type": "thesis", "title": "T", "author": [nameless, {"family": "Rovira",
                                                                                     "given": "Joshua"}],
                        "editor": [{"family": "", "given": ""}]}])
    (record,), _ = csl_json.read(item, "content/t.json")
    article, _ = csl_json.to_article(record)
    assert (article.authors, article.editors) == ((Person("Rovira, Joshua", family="Rovira", given="Joshua"),), ())


def test_a_publisher_written_as_an_object_is_its_name(built_records, html) -> None:
    """commonmeta's CSL-JSON of a DataCite blog post writes ``"publisher": { "name": "DataCite" }``: the page's
    Publisher was the JSON text ``{"name": "DataCite"}``."""
    name = "commonmeta-citeproc-publisher-object.json"
    assert '"publisher": { "name": "DataCite" }' in (DATA / name).read_text(encoding="utf-8")
    site = built_records("csl-publisher-object", {name: (DATA / name).read_bytes()})
    page = html.parse(site / "articles" / "doi-10-5438-4k3m-nyvg.html")
    assert html.facts(html.main(page))["Publisher"] == "DataCite"


def test_an_ncbi_bookshelf_link_is_labelled_so(built_records, html) -> None:
    """Citing Medicine's ``URL`` is its NCBI Bookshelf page, https://www.ncbi.nlm.nih.gov/books/NBK7256/: the link
    was labelled "PubMed", as if to a PubMed record."""
    name = "commonmeta-csl-list-bookshelf.json"
    site = built_records("csl-bookshelf", {name: (DATA / name).read_bytes()})
    page = html.parse(site / "articles" / "csl-json-patriascitingmedicine2007.html")
    links = [(a.get("href"), html.text(a)) for a in html.main(page).iter("a")
             if a.get("href", "").startswith("https://www.ncbi")]
    assert links == [("https://www.ncbi.nlm.nih.gov/books/NBK7256/", "NCBI Bookshelf")]


def test_a_short_doi_written_as_the_doi_is_a_short_doi_link(built_records, html) -> None:
    """Better BibTeX's CSL-JSON of a Zotero item whose DOI field holds a shortDOI writes ``"DOI": "10/gfzrww"``,
    which is no DOI: the page linked ScienceDirect alone, the shortDOI only in the full record."""
    name = "bbt-short-doi.csl.json"
    site = built_records("csl-short-doi", {name: (DATA / name).read_bytes()})
    page = html.parse(site / "articles" / "csl-json-fink2015.html")
    links = [(a.get("href"), html.text(a)) for a in html.main(page).iter("a") if "doi.org" in a.get("href", "")]
    assert links == [("https://doi.org/10/gfzrww", "shortDOI")]


def test_seasons_written_as_months_13_to_16_are_seasons(built_records, html) -> None:
    """Better BibTeX writes a season as citeproc-js reads one, a month of 13 (spring) to 16 (winter): the pages of
    [["2017", 15], ["2017", 16]] and [["2017", 14], ["2017", 15]] said "2017"."""
    name = "bbt-season-ranges.csl.json"
    site = built_records("csl-season-months", {name: (DATA / name).read_bytes()})
    for key, printed in (("seasonrangesedtf2017", "2017 Autumn-Winter"), ("monthsoutrange2017", "2017 Summer-Autumn")):
        page = html.parse(site / "articles" / f"csl-json-{key}.html")
        assert html.facts(html.main(page))["Published"] == printed
    item = json.dumps([{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2015, 13], [2016, 22]]}}])
    (record,), _ = csl_json.read(item, "content/a.json")
    assert csl_json.to_article(record)[0].date_printed == "2015 Spring-2016 Summer"  # EDTF's 21 to 24 likewise


def test_zoteros_pmid_in_the_note_is_the_pmid() -> None:
    """Zotero keeps a PMID in an item's Extra, which its CSL-JSON export writes as ``note``: a group library's
    export quoted in a project's notes has van Benthem et al. 2025 with ``"note": "PMID: 40512270"`` (its title
    cut short there, as here). The article had no PMID, and so no PubMed link nor id."""
    text = json.dumps([{
        "id": "http://zotero.org/groups/6109700/items/B75VT3ID", "type": "article-journal",
        "title": "A dyadic approach of assessing the therapeutic alliance...",
        "author": [{"family": "Benthem", "given": "Patty", "non-dropping-particle": "van"}],
        "issued": {"date-parts": [[2025]]}, "container-title": "European Child & Adolescent Psychiatry",
        "DOI": "10.1007/s00787-025-02784-9", "note": "PMID: 40512270"}])
    records, _ = csl_json.read(text, "zotero.json")
    article, _ = csl_json.to_article(records[0])
    assert (article.pmid, article.pmcid, article.doi, article.id) == (
        "40512270", "", "10.1007/s00787-025-02784-9", "pubmed-40512270")
