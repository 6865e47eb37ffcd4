"""Exports read back by the parsers reference managers rely on: bibtexparser, rispy, Bio.Medline, json.

Each round trip must give back the title, the authors in order, the year, the journal and the identifiers, with
non-ASCII names intact.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from Bio import Medline
from cite_samples import ALL, GROUP, MINIMAL, SEED, SEED_AUTHORS, SEED_FULL
from exports_as_built import exported
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder import readers
from site_builder.cite.bibtex import protect_case
from site_builder.cite.exports import export_file, export_file_parts, export_piece
from site_builder.readers import medline

DATA = Path(__file__).resolve().parents[1] / "data"


def _bibtex_entries(text: str) -> dict[str, dict[str, object]]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()])
    assert not library.failed_blocks
    return {e.key: {"type": e.entry_type, **{f.key: f.value for f in e.fields}} for e in library.entries}


def test_bibtex_round_trip():
    entries = _bibtex_entries(exported("bibtex", [SEED_FULL, GROUP, MINIMAL]))
    assert list(entries) == ["cazzato2021liver", "who2019ga", "anonuntitled"]
    seed = entries["cazzato2021liver"]
    assert seed["type"] == "article"
    assert seed["title"] == SEED.title
    assert seed["author"] == list(SEED_AUTHORS)
    assert (seed["year"], seed["month"], seed["journal"]) == ("2021", "dec", "Cancers (Basel)")
    assert (seed["doi"], seed["pmid"], seed["pmcid"]) == ("10.3390/cancers13246368", "34944988", "PMC8699378")
    assert (seed["volume"], seed["number"], seed["pages"]) == ("13", "24", "6368")
    group = entries["who2019ga"]
    assert group["author"] == [
        "WHO Collaborating Group on Liver Imaging",
        "Nowak, Łukasz",
        "Müller-Lüdenscheidt, Jörg",
        "王, 小明",
    ]
    assert group["title"] == GROUP.title  # &, %, #, _, ~ and $ escaped, then decoded back
    assert group["pages"] == "316\u2013322"  # written "316--322", the short NLM range written out
    assert group["doi"] == GROUP.doi  # verbatim: the underscore is not escaped
    assert entries["anonuntitled"] == {"type": "article", "title": "Untitled note"}


def test_bibtex_text_is_utf8_with_a_braced_group():
    text = exported("bibtex", [SEED, GROUP])
    assert "Hubelé, Fabrice and De Marini, Pierre" in text
    assert "author = {{WHO Collaborating Group on Liver Imaging} and Nowak, Łukasz" in text
    assert "  month = dec,\n" in text


def test_bibtex_keys_are_deduplicated():
    twin = dataclasses.replace(SEED, id="pubmed-0000001")
    assert list(_bibtex_entries(exported("bibtex", [SEED, twin]))) == ["cazzato2021liverb", "cazzato2021liver"]


def test_bibtex_braces_in_data_stay_balanced():
    article = dataclasses.replace(MINIMAL, title="A {lone brace and a back\\slash")
    entries = _bibtex_entries(exported("bibtex", [article, SEED]))
    assert list(entries) == ["anonlone", "cazzato2021liver"]


def test_ris_round_trip():
    records = rispy.loads(exported("ris", [SEED_FULL, GROUP, MINIMAL]))
    assert len(records) == 3
    seed, group, minimal = records
    assert seed["type_of_reference"] == "JOUR"
    assert seed["id"] == "cazzato2021liver"
    assert seed["title"] == SEED.title
    assert seed["authors"] == list(SEED_AUTHORS)
    assert (seed["year"], seed["date"]) == ("2021", "2021/12/19/")
    assert seed["secondary_title"] == "Cancers (Basel)" and "alternate_title1" not in seed  # one form: no J2
    assert (seed["doi"], seed["accession_number"], seed["custom2"]) == (SEED.doi, SEED.pmid, SEED.pmcid)
    assert (seed["volume"], seed["number"], seed["start_page"]) == ("13", "24", "6368")
    assert seed["keywords"] == ["liver", "neuroendocrine"]
    assert group["authors"][0] == "WHO Collaborating Group on Liver Imaging"
    assert group["authors"][1:] == ["Nowak, Łukasz", "Müller-Lüdenscheidt, Jörg", "王, 小明"]
    assert (group["start_page"], group["end_page"], group["date"]) == ("316", "322", "2019/03//")
    assert group["title"] == GROUP.title
    assert minimal == {"type_of_reference": "JOUR", "id": "anonuntitled", "title": "Untitled note"}


def test_ris_values_are_one_line():
    text = exported("ris", [SEED])
    # The abstract has two sections; RIS has no continuation lines, so they are joined on one line.
    assert "AB  - SIMPLE SUMMARY: Approximately" in text
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in text.splitlines() if line)


def test_medline_round_trip():
    seed, group, minimal = Medline.parse(io.StringIO(exported("medline", [SEED_FULL, GROUP, MINIMAL])))
    assert seed["PMID"] == "34944988"
    assert seed["TI"] == SEED.title  # wrapped over two lines, joined back with one space
    assert seed["FAU"] == list(SEED_AUTHORS)
    assert seed["AU"][:3] == ["Cazzato RL", "Hubelé F", "De Marini P"]
    assert seed["AU"][7] == "Kurtz JE"
    assert seed["DP"] == "2021 Dec 19"
    assert seed["TA"] == "Cancers (Basel)"
    assert (seed["VI"], seed["IP"], seed["PG"]) == ("13", "24", "6368")
    assert seed["PMC"] == "PMC8699378"
    assert seed["AID"] == ["10.3390/cancers13246368 [doi]"]
    assert seed["LA"] == ["eng"]
    assert seed["OT"] == ["liver", "neuroendocrine"]
    assert seed["SO"] == "Cancers (Basel). 2021 Dec 19;13(24):6368. doi: 10.3390/cancers13246368."
    assert seed["AB"].startswith("SIMPLE SUMMARY: Approximately") and "ABSTRACT: Neuroendocrine" in seed["AB"]
    assert group["CN"] == ["WHO Collaborating Group on Liver Imaging"]
    assert group["FAU"] == ["Nowak, Łukasz", "Müller-Lüdenscheidt, Jörg", "王, 小明"]
    assert group["DP"] == "2019 Mar"
    assert group["LA"] == ["ger"]
    assert group["PMID"] == ""  # the tag alone, which Zotero needs first: no PMID is made up
    assert minimal["TI"] == "Untitled note"


def test_medline_wraps_long_values_without_changing_them():
    title = " ".join(["Liver-directed radioembolization-versus-chemoembolization"] * 8)
    (record,) = Medline.parse(io.StringIO(exported("medline", [dataclasses.replace(SEED, title=title)])))
    assert record["TI"] == title
    lines = exported("medline", [dataclasses.replace(SEED, title=title)]).splitlines()
    assert max(len(line) for line in lines) <= 88
    title_lines = lines[lines.index(next(line for line in lines if line.startswith("TI  - "))) :][:6]
    assert [line[:6] for line in title_lines] == ["TI  - "] + ["      "] * 5


def test_csl_json_text_is_valid_and_complete(csl_schema):
    items = json.loads(exported("csl-json", ALL))
    jsonschema.validate(items, csl_schema)
    first = items[0]
    assert first["title"] == SEED.title
    assert [a["family"] for a in first["author"]][:2] == ["Cazzato", "Hubelé"]
    assert first["issued"]["date-parts"] == [[2021, 12, 19]]
    assert (first["container-title"], first["DOI"], first["PMID"], first["PMCID"]) == (
        "Cancers (Basel)",
        SEED.doi,
        SEED.pmid,
        SEED.pmcid,
    )


def _wrapped_word_by_word(text: str, width: int) -> list[str]:
    """medline._wrap's greedy wrap as a loop over the words (what it replaced)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_characters=" ", blacklist_categories=("Cs",)), min_size=1,
                        max_size=30), min_size=1, max_size=40), st.integers(1, 90))
def test_medline_wraps_as_a_greedy_loop_over_the_words_would(words: list[str], width: int) -> None:
    from site_builder.cite.medline import _wrap

    text = " ".join(words)
    assert _wrap(text, width) == _wrapped_word_by_word(text, width)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "medline"])
@pytest.mark.parametrize("count", [0, 1, len(ALL)])
def test_a_list_written_in_parts_is_the_file_joined_whole(fmt: str, count: int) -> None:
    """A list download is written piece by piece (export_file_parts): the same bytes as its file made whole."""
    pieces = [export_piece(fmt, article, f"key{n}", False) for n, article in enumerate(ALL[:count])]
    parts = list(export_file_parts(fmt, [piece.encode("utf-8") for piece in pieces]))
    assert b"".join(parts) == export_file(fmt, pieces).encode("utf-8")


def test_bibtex_suffix_without_given_name_stays_a_suffix():
    # traject's MARC record 2008308201, "100 0 $a Bstan-ʼdzin-rgya-mtsho, $c Dalai Lama XIV": a name with a title
    # and no given name, which "Family, Suffix" would make BibTeX read as the given name "Dalai Lama XIV".
    data = DATA / "marc" / "traject-forename-entries.mrc"
    [_, record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    dalai_lama = readers.to_article(record)[0]
    library = bibtexparser.parse_string(exported("bibtex", [dalai_lama]),
                                        append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    [author] = library.entries[0].fields_dict["author"].value
    assert (author.last, author.jr, author.first) == (["Bstan-ʼdzin-rgya-mtsho"], ["Dalai", "Lama", "XIV"], ["{}"])


def test_bibtex_suffix_without_given_name_comes_back_to_our_reader():
    # The download of test_bibtex_suffix_without_given_name_stays_a_suffix, "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV,
    # {}", read back by the site's BibTeX reader: its empty First part dropped the suffix ("Bstan-ʼdzin-rgya-mtsho").
    data = DATA / "marc" / "traject-forename-entries.mrc"
    [_, record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    text = exported("bibtex", [readers.to_article(record)[0]])
    [back] = readers.read_data(text.encode(), Path("back.bib"), "content/back.bib")[0]
    [author] = readers.to_article(back)[0].authors
    assert (author.name, author.family, author.given, author.suffix) == (
        "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV", "Bstan-ʼdzin-rgya-mtsho", "", "Dalai Lama XIV")


def test_bibtex_title_capitals_are_braced():
    # A PubMed record of tests/data/pubmed-xml/names-pubmed21n1298.xml: BibTeX's styles lower-case a title's words
    # ("sars-cov-2 nsp1"), but for those braced; reference managers read the title back unchanged.
    data = DATA / "pubmed-xml" / "names-pubmed21n1298.xml"
    records, _ = readers.read_data(data.read_bytes(), data, f"content/{data.name}")
    [nsp1] = [a for a, _ in map(readers.to_article, records) if "NSP1" in a.title]
    text = exported("bibtex", [nsp1])
    assert ("  title = {Genes with 5' terminal oligopyrimidine tracts preferentially escape global suppression of "
            "translation by the {SARS}-{CoV}-2 {NSP1} protein.},\n") in text
    [entry] = _bibtex_entries(text).values()
    assert entry["title"] == nsp1.title


def test_ris_suffix_without_given_name_stays_a_suffix():
    # The MARC record of test_bibtex_suffix_without_given_name_stays_a_suffix: "AU  - Family, Suffix" read back
    # as a given name; the RIS specification's "Family, Given, Suffix" with the given name empty does not.
    data = DATA / "marc" / "traject-forename-entries.mrc"
    [_, record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    dalai_lama = readers.to_article(record)[0]
    text = exported("ris", [dalai_lama])
    assert rispy.loads(text)[0]["authors"] == ["Bstan-ʼdzin-rgya-mtsho, , Dalai Lama XIV"]
    [back] = readers.read_data(text.encode(), Path("back.ris"), "content/back.ris")[0]
    [author] = readers.to_article(back)[0].authors
    assert (author.family, author.given, author.suffix) == ("Bstan-ʼdzin-rgya-mtsho", "", "Dalai Lama XIV")
    assert author.name == "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV"  # shown without the empty place: not ", , "


def test_medline_suffix_without_given_name_stays_a_suffix():
    # The MARC record of test_bibtex_suffix_without_given_name_stays_a_suffix: "FAU - Family, Suffix" read back as
    # a given name, and "AU  - Family Dalai Lama XIV" as the initials "XIV".
    data = DATA / "marc" / "traject-forename-entries.mrc"
    [_, record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    text = exported("medline", [readers.to_article(record)[0]])
    assert "FAU - Bstan-ʼdzin-rgya-mtsho, , Dalai Lama XIV\nAU  - Bstan-ʼdzin-rgya-mtsho\n" in text
    [back] = medline.read(text, "content/back.nbib")[0]
    [author] = medline.to_article(back)[0].authors
    assert (author.name, author.family, author.given, author.suffix) == (
        "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV", "Bstan-ʼdzin-rgya-mtsho", "", "Dalai Lama XIV")


def test_ris_open_ended_pages_come_back_whole():
    # tests/data/ris/wosfile-plus-last-page.txt, Web of Science's "BP 223" and "EP +" of an IEEE Virtual Reality
    # 2006 paper, shown "223-+": its RIS download's "SP  - 223", "EP  - +" was read back as the one page "223".
    data = DATA / "ris" / "wosfile-plus-last-page.txt"
    [record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    text = exported("ris", [readers.to_article(record)[0]])
    assert (rispy.loads(text)[0]["start_page"], rispy.loads(text)[0]["end_page"]) == ("223", "+")
    [back] = readers.read_data(text.encode(), Path("back.ris"), "content/back.ris")[0]
    assert readers.to_article(back)[0].pages == "223-+"


def test_bibtex_double_hyphen_comes_back_as_written():
    # tests/data/pop-json/colrev-google-scholar.json, Google Scholar's "Microsourcing--using information technology
    # …" (ACM, 10.1145/1125170.1125191): "--" is an en dash to TeX, and bibtexparser and the site's own reader read
    # the title back "Microsourcing–using".
    data = DATA / "pop-json" / "colrev-google-scholar.json"
    records, _ = readers.read_data(data.read_bytes(), data, f"content/{data.name}")
    [article] = [a for a, _ in map(readers.to_article, records) if a.doi == "10.1145/1125170.1125191"]
    assert article.title.startswith("Microsourcing--using information technology")
    text = exported("bibtex", [article])
    assert "  title = {Microsourcing-{}-using information technology" in text
    [entry] = _bibtex_entries(text).values()
    assert entry["title"] == article.title
    [back] = readers.read_data(text.encode(), Path("back.bib"), "content/back.bib")[0]
    assert readers.to_article(back)[0].title == article.title


def test_bibtex_family_name_of_several_words_without_given_name_stays_whole():
    # deep-review's Manubot item nyjAIan4 (tests/data/csl-json/deep-review-family-only.json): "family": "BI
    # Intelligence" and no given name, which BibTeX read as the given name "BI" and the family name "Intelligence".
    data = DATA / "csl-json" / "deep-review-family-only.json"
    [record] = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    text = exported("bibtex", [readers.to_article(record)[0]])
    assert "  author = {{BI Intelligence}},\n" in text
    library = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    [author] = library.entries[0].fields_dict["author"].value
    assert (author.last, author.first) == (["{BI Intelligence}"], [])


def test_bibtex_family_name_with_a_particle_and_no_given_name_is_left_to_bibtex():
    # tests/data/table-csv/refworks-reviews.txt, row 1: "van den Hoven,null", no given name. Unbraced, BibTeX reads
    # it as von "van den" and Last "Hoven", as it should.
    data = DATA / "table-csv" / "refworks-reviews.txt"
    records = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    [article] = [a for a, _ in map(readers.to_article, records) if a.doi == "10.1016/j.jvir.2013.12.293"]
    assert "  author = {van den Hoven and Smits, Maarten L. J. and" in exported("bibtex", [article])


def test_medline_download_of_a_record_without_pmid_is_read_back():
    # tests/data/ris/jabref-inspec.isi, Inspec's records of "Second harmonic generation of continuous wave
    # ultraviolet light …" (Appl. Phys. Lett. 89(4), 10.1063/1.2234275) and another have no PMID: their .nbib
    # download started "IS  - ", which Zotero's MEDLINE/nbib translator does not take (its detectImport wants the
    # first line to start "PMID- "). Each record now starts with the tag alone, no PMID made up.
    data = DATA / "ris" / "jabref-inspec.isi"
    records = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    articles = [a for a, _ in map(readers.to_article, records)]
    text = exported("medline", articles)
    assert [record.split("\n", 1)[0] for record in text.split("\n\n")] == ["PMID- "] * len(articles)
    assert all(record["PMID"] == "" for record in Medline.parse(io.StringIO(text)))
    back, problems = readers.read_data(text.encode(), Path("back.nbib"), "content/back.nbib")
    assert problems == []
    for article, record in zip(articles, back, strict=True):
        again = readers.to_article(record)[0]
        assert (again.title, again.doi, again.pages, again.date, again.journal, again.volume, again.issue) == (
            article.title, article.doi, article.pages, article.date, article.journal, article.volume, article.issue)
        assert [p.name for p in again.authors] == [p.name for p in article.authors]


def test_medline_sniff_takes_a_download_without_pmid_but_not_ris():
    assert medline.sniff("DP  - 1994\nTI  - Find It Fast\nFAU - Berkman, R. I.\n")
    assert not medline.sniff("TI  - Find It Fast\nTY  - BOOK\nAU  - Berkman, R. I.\n")


def test_pages_within_an_article_number_come_back_whole():
    # tests/data/ris/jabref-inspec.isi, Inspec's "PS 41103-1-3" (pages 1 to 3 of article 41103 of Appl. Phys. Lett.
    # 89(4)): split at its first hyphen into RIS "SP  - 41103", "EP  - 1-3" and BibTeX "41103--1-3", which rispy read
    # as the last page "1-3" and biblatex prints as a range from 41103 to 1-3.
    data = DATA / "ris" / "jabref-inspec.isi"
    records = readers.read_data(data.read_bytes(), data, f"content/{data.name}")[0]
    [article] = [a for a, _ in map(readers.to_article, records) if a.doi == "10.1063/1.2234275"]
    assert article.pages == "41103-1-3"
    [ris] = rispy.loads(exported("ris", [article]))
    assert (ris["start_page"], ris.get("end_page")) == ("41103-1-3", None)
    [entry] = _bibtex_entries(exported("bibtex", [article])).values()
    assert entry["pages"] == "41103-1-3"
    for fmt, name in (("ris", "back.ris"), ("bibtex", "back.bib"), ("medline", "back.nbib")):
        [back] = readers.read_data(exported(fmt, [article]).encode(), Path(name), f"content/{name}")[0]
        assert readers.to_article(back)[0].pages == "41103-1-3"


def test_bibtex_pages_escape_an_ampersand():
    """Web of Science's "&" that ends a page range of its older records ("250-&": pages 250 and after) was written
    "pages = {250--&}", an alignment character that stops LaTeX; BibTeX needs "\\&", as Zotero's export writes it."""
    article = dataclasses.replace(MINIMAL, pages="250-&")
    text = exported("bibtex", [article])
    assert "pages = {250--\\&}" in text
    assert next(iter(_bibtex_entries(text).values()))["pages"] == "250\u2013&"  # as LaTeX reads it


def test_protect_case_braces_a_word_with_a_capital_after_its_first_letter_only() -> None:
    """Digits, a title-case letter (U+01C5) and a word whose only capital is its first are left to the style."""
    assert protect_case("G12C mRNA Therapy 2020 \u01c5ok a\u01c5 x\u01c4 \\textit{RNA} \u00c9TUDE \u00e9Tude") == (
        "{G12C} {mRNA} Therapy 2020 \u01c5ok a\u01c5 {x\u01c4} \\textit{{RNA}} {\u00c9TUDE} {\u00e9Tude}")
