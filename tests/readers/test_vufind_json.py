"""The VuFind JSON reader: Solr documents and REST API records of real PubMed records give the Articles their
catalogue dumps give; the real MARC-derived VuFind responses read in place; and what broken JSON gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.cite.references import format_references
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Language, Person
from site_builder.readers import catalogue, catalogue_article, vufind_json

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "vufind-solr-json"
DUMPS = ["000_9bf5f723bdeec259.txt", "001653_d0a93ec285c35e52.txt", "000154_a29b4f5ac804a45c.txt"]
CORPUS = REPO.parent / "shared" / "corpus" / "vufind-solr-json" / "vufind"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def text_of(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def docs() -> list:
    records, diagnostics = vufind_json.read(text_of("catalogue-records.json"), "solr.json")
    assert diagnostics == []
    return records


def dump_article(name: str):
    path = REPO / "content" / "records" / name
    (record,), _ = catalogue.read(path.read_text(encoding="utf-8"), name)
    return catalogue_article.to_article(record)[0]


def test_documents_and_keys_have_their_lines(docs) -> None:
    lines = text_of("catalogue-records.json").split("\n")
    assert [r.where.line for r in docs] == [15, 123, 207]
    for record in docs:
        assert lines[record.where.line - 1].strip() == "{"
        assert all(lines[f.line - 1].lstrip().startswith(f'"{f.name}":') for f in record.fields)
    assert {r.format for r in docs} == {"vufind-solr-json"}


def test_solr_values_one_per_list_item(docs) -> None:
    seed = docs[0]
    assert seed.fields[0] == Field("_version_", ("1784620499284787200",), 16)
    assert seed.values("author")[:2] == ("Cazzato, Roberto Luigi", "Hubelé, Fabrice")
    assert seed.values("format") == ("Online", "Article", "Text")
    assert seed.first("id") == "pubmed-8699378"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_document_gives_the_article_its_catalogue_dump_gives(docs, index: int) -> None:
    """The same VuFind fields as JSON or scraped to text: one work, the same values."""
    article, problems = vufind_json.to_article(docs[index])
    assert problems == []
    expected = dump_article(DUMPS[index])
    for name in expected.__slots__:
        if name != "records":
            assert getattr(article, name) == getattr(expected, name), name
    assert article.records == (docs[index],)


def test_seed_document_field_by_field(docs) -> None:
    article, _ = vufind_json.to_article(docs[0])
    assert article.title == ("Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology "
                             "to Nuclear Medicine Procedures")
    assert article.authors[1] == Person("Hubelé, Fabrice", "Hubelé", "Fabrice")
    assert (article.pmid, article.pmcid, article.doi) == ("34944988", "PMC8699378", "10.3390/cancers13246368")
    assert (article.date, article.publisher) == ("2021-12-19", "MDPI")
    assert article.languages == (Language("English", "en", "eng"),)
    assert article.topics == ("Review",)
    assert article.lay_summary[0].label == "SIMPLE SUMMARY"


def test_api_record() -> None:
    records, diagnostics = vufind_json.read(text_of("api-search.json"), "api.json")
    assert diagnostics == [] and [r.where.line for r in records] == [4]
    (record,) = records
    assert record.line_of("title") > record.line_of("summary") > record.where.line
    article, problems = vufind_json.to_article(record)
    assert problems == []
    expected = dump_article(DUMPS[0])
    assert article.id == expected.id == "pubmed-8699378"
    assert (article.title, article.authors) == (expected.title, expected.authors)
    assert (article.pmid, article.pmcid, article.doi) == (expected.pmid, expected.pmcid, expected.doi)
    assert (article.date, article.publisher, article.languages) == ("2021", "MDPI", (Language("English", "en", "eng"),))
    assert article.formats == ("Online", "Article", "Text")
    assert article.topics == ("Review",) and article.keywords == ()
    assert article.lay_summary == expected.lay_summary
    assert [s.text for s in article.abstract] == [s.text for s in expected.abstract]


def test_api_subject_objects_and_secondary_authors() -> None:
    text = json.dumps({"records": [{
        "id": "x1", "title": "Gut microbes :", "formats": ["Book"],
        "authors": {"primary": {"Doe, Jane, 1950-": {"role": ["aut"]}}, "secondary": {"Roe, R.": {}},
                    "corporate": []},
        "subjects": [{"heading": ["Microbiome", "Reviews"], "type": "topic"}, {"heading": ["Review"]}],
        "urls": [{"url": "javascript:alert(1)", "desc": "bad"}, {"url": "https://example.org/x", "desc": "Full text"}],
    }]})
    (record,), _ = vufind_json.read(text, "api.json")
    article, _ = vufind_json.to_article(record)
    assert article.title == "Gut microbes"
    assert [p.name for p in article.authors] == ["Doe, Jane", "Roe, R."]
    assert article.topics == ("Review",) and article.keywords == ("Microbiome -- Reviews",)
    assert [(link.label, link.url) for link in article.links] == [("Full text", "https://example.org/x")]


def test_bom_crlf_and_a_single_document() -> None:
    doc = '\ufeff{"id": "pubmed-1",\r\n "title": "One",\r\n "author": ["Doe, Jane"], "_version_": 1}\r\n'
    (record,), diagnostics = vufind_json.read(doc, "one.json")
    assert diagnostics == []
    assert (record.where.line, record.line_of("title"), record.line_of("author")) == (1, 2, 3)
    assert vufind_json.to_article(record)[0].authors == (Person("Doe, Jane", "Doe", "Jane"),)


def test_a_broken_document_is_an_error_and_the_others_load() -> None:
    lines = text_of("catalogue-records.json").split("\n")
    assert lines[124] == '        "author": ['
    lines[124] = '        "author" ['  # the second document loses a colon
    records, diagnostics = vufind_json.read("\n".join(lines), "solr.json")
    assert [r.first("id") for r in records] == ["pubmed-8699378", "pubmed-8126661"]
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "solr.json:125")]
    assert "the record that starts at line 123 was not read" in diagnostics[0].message
    assert records[1].where.line == 207


def test_a_broken_header_outside_the_documents_still_loads_them() -> None:
    text = text_of("catalogue-records.json").replace('"QTime": 1,', '"QTime": 1', 1)
    records, diagnostics = vufind_json.read(text, "solr.json")
    assert len(records) == 3
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 5)]
    assert "outside the records" in diagnostics[0].message


def test_sniff() -> None:
    assert vufind_json.sniff(text_of("catalogue-records.json")[:4096])
    assert vufind_json.sniff(text_of("api-search.json")[:4096])
    assert not vufind_json.sniff('[{"id": "a", "type": "article-journal", "title": "x", "issued": {}}]')
    assert not vufind_json.sniff("TY  - JOUR\n")


@needs_corpus
def test_real_solr_response_with_http_header_on_one_line() -> None:
    text = (CORPUS / "multi-record").read_text(encoding="utf-8")  # GPL-2: read in place, never copied
    assert vufind_json.sniff(text[:4096])
    records, diagnostics = vufind_json.read(text, "multi-record")
    assert diagnostics == []
    assert [r.where.line for r in records] == [6, 6, 6]  # the JSON body is one line after the headers
    assert records[0].preamble[0] == "HTTP/1.1 200 OK" and records[1].preamble == ()
    articles = [vufind_json.to_article(r) for r in records]
    assert [problems for _, problems in articles] == [[], [], []]
    first = articles[0][0]
    assert first.title == "The new international economic order : a bibliography"  # ISBD " /" off
    assert first.authors == (Person("Nawaz, Tawfique", "Nawaz", "Tawfique"),)  # MARC's full stop off
    assert (first.date, first.publisher, first.formats) == ("1980", "Greenwood Press", ("Book",))
    assert articles[1][0].authors[0].name == "Knight, George Wilson"  # life dates "1897-" off
    assert [a.edition for a, _ in articles] == ["", "", "[1st ed.]."]  # MARC 250 without ISBD's " -"


@needs_corpus
def test_real_serial_record_with_highlighting() -> None:
    text = (CORPUS / "testbug1.json").read_text(encoding="utf-8")
    (record,), diagnostics = vufind_json.read(text, "testbug1.json")
    assert diagnostics == []
    assert record.first("id") == "000105196" and not record.values("highlighting")
    article, _ = vufind_json.to_article(record)
    assert article.authors == (Person("Unione matematica italiana"),)
    assert (article.date, article.publisher) == ("1922", "Zanichelli")
    assert article.languages == (Language("Italian", "it", "ita"),)
    assert article.formats == ("Journal",)


@needs_corpus
def test_one_line_response_broken_reports_and_stops() -> None:
    text = (CORPUS / "multi-record").read_text(encoding="utf-8")
    broken = text.replace('"id":"125456"', '"id""125456"', 1)
    assert broken != text
    records, diagnostics = vufind_json.read(broken, "multi-record")
    assert [r.first("id") for r in records] == ["12345"]
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 6)]
    assert "no record could be found after it" in diagnostics[0].message


def test_a_catalogues_format_says_what_kind_of_work_it_is() -> None:
    """VuFind's "format" of a MARC record ("Book", "Journal") was not read into the article's kind: a book was a
    journal article with no journal, cited "Nawaz T. The new international economic order : a bibliography.
    Published online 1980." (AMA) where the record says Greenwood Press printed it (VuFind's own test records,
    GPL-2, read in place through the shared corpus; here their facts alone)."""
    docs = [{"id": "12345", "title": "The new international economic order : a bibliography /",
             "author": "Nawaz, Tawfique.", "publisher": ["Greenwood Press,"], "publishDate": ["1980"],
             "format": ["Book"], "_version_": 1},
            {"id": "000105196", "title": "Bollettino della Unione matematica italiana.", "format": ["Journal"],
             "publishDate": ["1922"], "_version_": 1},
            {"id": "pubmed-1", "title": "An article", "format": ["Online", "Article", "Text"], "_version_": 1}]
    text = json.dumps({"response": {"numFound": 3, "start": 0, "docs": docs}})
    records, _ = vufind_json.read(text, "solr.json")
    book, serial, article = (vufind_json.to_article(r)[0] for r in records)
    assert (book.kind, serial.kind, article.kind) == ("book", "periodical", "")
    cited = {c.style_id: c.text for c in format_references(book)}
    assert cited["ama"] == ("Nawaz T. The New International Economic Order : A Bibliography. Greenwood Press; "
                            "1980.")


def as_dump(record) -> str:
    """A Solr document in the catalogue dump's shape (no page text): its fields in ASCII order, one a line, each
    further value of a list on a line of its own, as shared/corpus/catalogue-dump/SOURCE.md assembles its files."""
    lines: list[str] = []
    for name in sorted(f.name for f in record.fields if f.values):
        first, *rest = record.values(name)
        lines += [f"{name} {first}", *rest]
    return "\n".join(lines)


@needs_corpus
@pytest.mark.parametrize(("name", "index"), [("multi-record", 0), ("multi-record", 1), ("multi-record", 2),
                                             ("testbug1.json", 0)])
def test_a_marc_derived_document_as_a_dump_gives_the_article_its_json_gives(name: str, index: int) -> None:
    """VuFind's own MARC-derived test records (read in place) scraped to the dump's shape: the dump gave the
    corporate author of the Bollettino none, kept ISBD's " /" on "The new international economic order : a
    bibliography /" and the life dates on "Knight, George Wilson, 1897-", and warned of a spelling that "does not
    start with the id", where the same fields as JSON gave the author, the title and no warning."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    doc = vufind_json.read(text, name)[0][index]
    (dumped,), diagnostics = catalogue.read(as_dump(doc), "dump.txt")
    assert [d for d in diagnostics if "unknown field" not in d.message] == []
    article, problems = catalogue_article.to_article(dumped)
    expected, expected_problems = vufind_json.to_article(doc)
    assert (problems, expected_problems) == ([], [])
    for slot in expected.__slots__:
        if slot != "records":
            assert getattr(article, slot) == getattr(expected, slot), slot


def test_a_dump_of_a_marc_record_names_its_secondary_author() -> None:
    """A catalogue dump of a book whose only name is a secondary author (MARC 700, Solr ``author2``): the page
    had no author at all, the title kept ISBD's " /", and the build warned that the spelling "does not start with
    the id". Facts of VuFind's test record "single-record" (GBV 690250223, GPL-2, not copied: its fields in the
    dump's shape, here only those the page shows)."""
    dump = "\n".join([
        "author2 Donskis, Leonidas", "format Book", "id 690250223", "language English", "publishDate 2012",
        "publisher Rodopi", "record_format marc",
        "spelling Politics otherwise : Shakespeare as social and political critique / ed. by Leonidas Donskis ... "
        "Amsterdam [u.a.] Rodopi 2012",
        "title Politics otherwise : Shakespeare as social and political critique /",
        "title_short Politics otherwise :"])
    (record,), _ = catalogue.read(dump, "690250223.txt")
    article, problems = catalogue_article.to_article(record)
    assert problems == []
    assert article.title == "Politics otherwise : Shakespeare as social and political critique"
    assert article.authors == (Person("Donskis, Leonidas", "Donskis", "Leonidas"),)
    assert (article.kind, article.date, article.publisher) == ("book", "2012", "Rodopi")


def test_a_more_like_this_answer_gives_its_match_and_the_similar_records() -> None:
    """Solr's MoreLikeThis answer puts the record it was asked about in "match", before the similar ones in
    "response": the match was dropped without a word, so a site built from VuFind's test answer
    solr/response/morelikethis (GPL-2; here its two first records' ids and titles alone) had no page for "The
    test /" by Dorothy Bryant."""
    docs = {"match": [{"id": "704640", "title": "The test /", "author": "Bryant, Dorothy, 1930-",
                       "_version_": 1446541939723730944}],
            "response": [{"id": "476297", "title": "Ella Price's journal : a novel /",
                          "author": "Bryant, Dorothy, 1930-", "_version_": 1446540985586679809}]}
    text = json.dumps({"responseHeader": {"status": 0, "QTime": 22},
                       "match": {"numFound": 1, "start": 0, "docs": docs["match"]},
                       "response": {"numFound": 1079840, "start": 0, "docs": docs["response"]}}, indent=1)
    assert vufind_json.sniff(text)
    records, diagnostics = vufind_json.read(text, "morelikethis.json")
    assert diagnostics == []
    assert [r.first("id") for r in records] == ["704640", "476297"]
    assert [vufind_json.to_article(r)[0].title for r in records] == ["The test", "Ella Price's journal : a novel"]


def test_an_api_record_names_its_issn_and_isbn() -> None:
    """The API's ``issns`` and ``isbns`` (VuFind's getISSNs, getISBNs) were not read: the page of an article of
    the DAI's VuFind catalogue Zenon (record 002023387, "Stabian Baths in Pompeii. New Research on the Archaic
    Defenses of the City", in a journal of ISSN 2510-4713, as quoted in the tests of the DAI's ARGOS aggregator)
    named no ISSN, where the same record as Solr fields does; likewise a Zenon book record (001388596, "Horvat
    Qitmit", ISBN 9654400049) quoted in another project's tests. Their facts alone, as the API answers them."""
    text = json.dumps({"resultCount": 2, "status": "OK", "records": [
        {"id": "002023387", "title": "Stabian Baths in Pompeii. New Research on the Archaic Defenses of the City ",
         "authors": {"primary": {"Robinson, Mark": {"role": ["aut"]}}, "secondary": [], "corporate": []},
         "formats": ["Article"], "isbns": [], "issns": ["2510-4713"], "publicationDates": ["2021"]},
        {"id": "001388596", "title": "Horvat Qitmit :", "formats": ["Book"], "isbns": ["9654400049"],
         "publicationDates": ["1995"]}]}, ensure_ascii=False)
    article, book = (vufind_json.to_article(r)[0] for r in vufind_json.read(text, "zenon.json")[0])
    assert (article.issns, article.isbns) == (("2510-4713",), ())
    assert (book.issns, book.isbns, book.kind) == ((), ("9654400049",), "book")


def test_a_pubmed_record_whose_spelling_lost_its_id_still_warns() -> None:
    """A MARC-derived record's spelling is VuFind's word list and is not parsed; a PubMed record's (the seed's
    record_format "MEDLINE/PubMed") that does not start with its id is damaged, and says so, as a dump or JSON."""
    seed = (REPO / "tests" / "data" / "catalogue-dump" / "seed.txt").read_text(encoding="utf-8")
    damaged = seed.replace("spelling pubmed-86993782021-12-24 ", "spelling 2021-12-24 ", 1)
    assert damaged != seed
    (record,), _ = catalogue.read(damaged, "seed.txt")
    _, problems = catalogue_article.to_article(record)
    assert [p.message.split(";")[0] for p in problems] == ["the spelling field does not start with the id"]


@pytest.mark.parametrize("role", ["edt", "Hrsg.", "ed.", "editor."])
def test_a_secondary_author_whose_role_says_editor_is_an_editor(role: str) -> None:
    """VuFind indexes each secondary author's relator beside the name, in order (``author2_role``: "edt", or the
    words of a German catalogue, "Hrsg."). The book "ed. by Leonidas Donskis" (VuFind's test record
    "single-record", GBV 690250223, its shape retyped with a role and a second name) showed its editor as an
    author, in the byline and in the citation."""
    doc = {"id": "690250223", "title": "Politics otherwise : Shakespeare as social and political critique /",
           "format": ["Book"], "publisher": ["Rodopi"], "publishDate": ["2012"], "record_format": "marc",
           "author2": ["Donskis, Leonidas", "Kowalska, Anna"], "author2_role": [role, "aut"]}
    (record,), _ = vufind_json.read(json.dumps({"response": {"docs": [doc]}}), "solr.json")
    article, _ = vufind_json.to_article(record)
    assert article.authors == (Person("Kowalska, Anna", "Kowalska", "Anna"),)
    assert article.editors == (Person("Donskis, Leonidas", "Donskis", "Leonidas"),)
    (dumped,), _ = catalogue.read(as_dump(record), "dump.txt")  # the same fields as a catalogue dump
    article, _ = catalogue_article.to_article(dumped)
    assert ([p.name for p in article.authors], [p.name for p in article.editors]) == (
        ["Kowalska, Anna"], ["Donskis, Leonidas"])


@pytest.mark.parametrize("role", ["edt", "Hrsg."])
def test_a_primary_author_whose_role_says_editor_is_an_editor(role: str) -> None:
    """A catalogue that makes an edited book's editor its main entry (MARC 100 with "$4 edt", or a German
    catalogue's "$e Hrsg.") gives VuFind's primary ``author`` with that ``author_role``. The book "ed. by Leonidas
    Donskis" (VuFind's test record "single-record", GBV 690250223, its shape retyped with him as main entry) showed
    its editor as its author, in the byline and in the citation."""
    doc = {"id": "690250223", "title": "Politics otherwise : Shakespeare as social and political critique /",
           "format": ["Book"], "publisher": ["Rodopi"], "publishDate": ["2012"], "record_format": "marc",
           "author": ["Donskis, Leonidas"], "author_role": [role],
           "author2": ["Kowalska, Anna"], "author2_role": ["aut"]}
    (record,), _ = vufind_json.read(json.dumps({"response": {"docs": [doc]}}), "solr.json")
    article, _ = vufind_json.to_article(record)
    assert article.authors == (Person("Kowalska, Anna", "Kowalska", "Anna"),)
    assert article.editors == (Person("Donskis, Leonidas", "Donskis", "Leonidas"),)
    api = json.dumps({"records": [{"id": "690250223", "title": "Politics otherwise :", "formats": ["Book"],
                                   "authors": {"primary": {"Donskis, Leonidas": {"role": [role]}},
                                               "secondary": {"Kowalska, Anna": {"role": ["aut"]}}}}]})
    (record,), _ = vufind_json.read(api, "api.json")
    article, _ = vufind_json.to_article(record)
    assert ([p.name for p in article.authors], [p.name for p in article.editors]) == (
        ["Kowalska, Anna"], ["Donskis, Leonidas"])


@pytest.mark.parametrize("role", ["kääntäjä", "trl", "translator."])
def test_a_secondary_author_whose_role_says_translator_is_a_translator(role: str) -> None:
    """Finna's Solr index gives a translated children's book's translator beside its illustrator in ``author2``,
    each with the relator the catalogue wrote (Finna's record heili.1213456, "Taikajengi", its shape retyped): the
    translator was shown as an author, in the byline and in the citation; the illustrator stays in the byline, as
    the model has no place of its own for one."""
    doc = {"id": "heili.1", "title": "Taikajengi /", "format": ["Book"], "publishDate": ["2018"],
           "record_format": "marc", "author": ["Harris, Neil Patrick"], "author_role": ["kirjoittaja"],
           "author2": ["Parviainen, Sirpa", "Hilton, Lisa"], "author2_role": [role, "kuvittaja"]}
    (record,), _ = vufind_json.read(json.dumps({"response": {"docs": [doc]}}), "solr.json")
    article, _ = vufind_json.to_article(record)
    assert [p.name for p in article.authors] == ["Harris, Neil Patrick", "Hilton, Lisa"]
    assert article.translators == (Person("Parviainen, Sirpa", "Parviainen", "Sirpa"),)
    (dumped,), _ = catalogue.read(as_dump(record), "dump.txt")  # the same fields as a catalogue dump
    article, _ = catalogue_article.to_article(dumped)
    assert [p.name for p in article.translators] == ["Parviainen, Sirpa"]


def test_roles_that_do_not_pair_with_the_names_leave_every_name_an_author() -> None:
    """Two names and one role: whose role it is the record does not say, so both stay authors."""
    doc = {"id": "x", "title": "A book", "record_format": "marc", "author2": ["Roe, R.", "Doe, J."],
           "author2_role": ["edt"]}
    (record,), _ = vufind_json.read(json.dumps({"response": {"docs": [doc]}}), "solr.json")
    article, _ = vufind_json.to_article(record)
    assert ([p.name for p in article.authors], article.editors) == (["Roe, R.", "Doe, J."], ())


def test_an_api_record_names_its_secondary_editor_as_an_editor() -> None:
    """The REST API gives each secondary author's roles ({"Roe, R.": {"role": ["edt"]}}): an editor, not an
    author."""
    text = json.dumps({"records": [{
        "id": "x1", "title": "Gut microbes :", "formats": ["Book"],
        "authors": {"primary": {"Doe, Jane, 1950-": {"role": ["aut"]}},
                    "secondary": {"Roe, R.": {"role": ["edt"]}, "Poe, E.": {"role": ["-"]}}, "corporate": []}}]})
    (record,), _ = vufind_json.read(text, "api.json")
    article, _ = vufind_json.to_article(record)
    assert [p.name for p in article.authors] == ["Doe, Jane", "Poe, E."]
    assert [p.name for p in article.editors] == ["Roe, R."]


# The shape of a real answer of Finna's API (api.finna.fi, VuFind; record heili.1213456, a Finnish translation of a
# children's novel, quoted whole in the tests of an unlicensed project): each format an object, each ``authors``
# key the name with its role after it, and ``nonPresenterAuthors`` giving name and role apart. Retyped with
# words of this project's own.
FINNA_SHAPE = {"resultCount": 1, "status": "OK", "records": [{
    "id": "lib.42", "title": "Kettutarha", "shortTitle": "Kettutarha",
    "authors": {"primary": {"Virta, Anna Liisa, kirjoittaja": {"role": ["kirjoittaja"]}},
                "secondary": {"Koski, Ilmari, kuvittaja": {"role": ["kääntäjä"]},
                              "Lahti, Aino, kääntäjä": {"role": ["-"]},
                              "Mäki, Eero 1961- kuvittaja": {"role": ["kuvittaja"]}},
                "corporate": {"Lastenkirjasäätiö, julkaisija": {"role": ["julkaisija"]}}},
    "nonPresenterAuthors": [{"name": "Virta, Anna Liisa", "role": "kirjoittaja."},
                            {"name": "Koski, Ilmari", "role": "kuvittaja."},
                            {"name": "Lahti, Aino", "role": "kääntäjä."},
                            {"name": "Mäki, Eero", "role": "kuvittaja."}],
    "formats": [{"value": "0/Book/", "translated": "Kirja"}, {"value": "1/Book/Book/", "translated": "Kirja"}],
    "buildings": [{"value": "0/Lib/", "translated": "Kirjastot"}],
    "genres": ["lastenkirjallisuus"], "humanReadablePublicationDates": ["[2018]"],
    "isbns": ["978-952-7269-35-0 sidottu"],
    "languages": ["fin"], "originalLanguages": ["eng"], "placesOfPublication": ["Helsinki :"],
    "publicationDates": ["2018"], "publishers": ["Kustannus Oy"], "recordPage": "/Record/lib.42",
    "subjects": [["Kettu", "(fiktiivinen hahmo)"], ["seikkailu"]],
    "titleStatement": "Anna Liisa Virta ; suomentanut Aino Lahti", "uniformTitles": ["The fox farm, suomi"],
    "year": "2018"}]}


def finna_article():
    (record,), diagnostics = vufind_json.read(json.dumps(FINNA_SHAPE, ensure_ascii=False), "finna.json")
    assert diagnostics == []
    return record, *vufind_json.to_article(record)


def test_a_finna_format_object_is_shown_by_its_label_and_says_the_kind() -> None:
    """Finna's API gives a format as its facet value and label ({"value": "0/Book/", "translated": "Kirja"}): the
    page showed the objects' JSON as the format and, no format word being found, called the book a journal
    article (RIS "TY - JOUR"). Now the label once, and the value's last part says the kind."""
    _, article, problems = finna_article()
    assert problems == []
    assert (article.formats, article.kind) == (("Kirja",), "book")


def test_a_finna_author_key_loses_the_role_written_after_the_name() -> None:
    """Finna writes the role after the name in ``authors`` keys ("Harris, Neil Patrick, kirjoittaja"), and gives
    it apart in the key's roles or in ``nonPresenterAuthors``: the byline showed "Neil Patrick Harris
    kirjoittaja" (the role read as a suffix) and each person's page was named after name and role."""
    _, article, _ = finna_article()
    assert [(p.name, p.suffix) for p in article.authors][:2] == [("Virta, Anna Liisa", ""), ("Koski, Ilmari", "")]
    assert [p.name for p in article.authors][2:] == ["Lahti, Aino", "Mäki, Eero", "Lastenkirjasäätiö"]


def test_every_key_of_a_finna_record_is_in_the_full_record() -> None:
    """Keys the reader does not map (buildings, genres, titleStatement, uniformTitles…) stay in the record."""
    record, _, _ = finna_article()
    names = {f.name for f in record.fields}
    assert set(FINNA_SHAPE["records"][0]) <= names  # type: ignore[index]


def test_a_word_list_spelling_that_starts_with_the_id_is_no_rights_text() -> None:
    """VuFind's spelling of a record it indexed from DSpace glues the id, the datestamp and every field together
    (the National Virtual Library of India's record iitb-ds-100-1127, quoted in an unlicensed app's source); read
    as the PubMed-derived text, whose title follows the datestamp, the whole list was shown as the article's
    rights. Retyped with words of this project's own."""
    doc = {"id": "ir-ds-7", "recordtype": "dspace",
           "spelling": ["ir-ds-72014-02-03T01:02:03ZLeaf wetness sensorsROE, ANNAsensorsA study of leaf wetness.IEEE"
                        "2012-01-01T00:00:00Z2011Articlehttp://hdl.handle.net/1/7en"],
           "topic": ["sensors"], "description": "A study of leaf wetness.", "format": ["Article"],
           "author": ["ROE, ANNA"], "title": "Leaf wetness sensors", "publisher": ["IEEE"], "publishDate": ["2011"],
           "url": ["http://hdl.handle.net/1/7"], "_version_": 1}
    (record,), _ = vufind_json.read(json.dumps({"response": {"docs": [doc]}}), "nvli.json")
    article, problems = vufind_json.to_article(record)
    assert problems == []
    assert (article.rights, article.licence_url, article.journal, article.date) == ("", "", "", "2011")
    assert article.title == "Leaf wetness sensors" and [p.name for p in article.authors] == ["ROE, ANNA"]


def test_an_api_record_names_its_place_of_publication() -> None:
    """The API's ``placesOfPublication`` (VuFind's getPlacesOfPublication, MARC 260/264 $a with its ISBD colon:
    Finna's "Helsinki :") was only in the full record; the page names the place after the publisher."""
    _, article, _ = finna_article()
    assert (article.publisher, article.place) == ("Kustannus Oy", "Helsinki")


def test_an_older_api_answer_names_its_main_authors() -> None:
    """An early answer of Finna's API (saved in an unlicensed app's source: a Finnish translation of a Swedish
    crime novel, its author under "main" and its translator under "secondary", each with the list of roles
    alone, ["-"]) lost the author: the translator was shown as the only author. Retyped with words of this
    project's own."""
    text = json.dumps({"resultCount": 1, "status": "OK", "records": [{
        "authors": {"main": {"Lind, Sven": ["-"]}, "secondary": {"Virta, Aino": ["-"], "Roe, R.": ["edt"]}},
        "title": "Hiljainen mies", "series": [{"name": "Lind"}]}]}, ensure_ascii=False)
    (record,), _ = vufind_json.read(text, "finna.json")
    article, _ = vufind_json.to_article(record)
    assert [p.name for p in article.authors] == ["Lind, Sven", "Virta, Aino"]
    assert [p.name for p in article.editors] == ["Roe, R."]


def test_a_finna_format_without_its_label_is_named_by_its_value() -> None:
    """A format object without ``translated`` (Finna answers asked for no language) is named by its value's last
    part, not by the facet value "1/Book/Book/"."""
    text = json.dumps({"records": [{"id": "x", "title": "X", "formats": [{"value": "1/Book/Book/"}]}]})
    (record,), _ = vufind_json.read(text, "finna.json")
    article, _ = vufind_json.to_article(record)
    assert (article.formats, article.kind) == (("Book",), "book")
