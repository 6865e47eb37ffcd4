"""ISSNs and ISBNs: found in a record's values, read by every reader whose format carries them, merged, packed.

The records are the real ones of tests/data (each folder's SOURCE.md names its origin and licence).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from readers.reading import articles

from site_builder.model import identifiers as ids
from site_builder.model import packing
from site_builder.model.article import Article, Field, Record
from site_builder.model.merge import merge_articles
from site_builder.readers import catalogue_article

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("values", "numbers"), [
    (["1536-5964 0025-7974"], ("1536-5964", "0025-7974")),  # Zotero's RIS SN, two in one value
    (["1999-7777(Electronic),0222-6666(Print)"], ("1999-7777", "0222-6666")),  # APA PsycInfo's
    (["1367-4803 (Print)", "1367-4803 (Linking)"], ("1367-4803",)),  # MEDLINE's IS: the same once
    (["18602002; 15361632"], ("18602002", "15361632")),  # Lens.org's, without hyphens, as written
    (["2473-9529", "24739529"], ("2473-9529",)),  # compared without hyphens: the first form kept
    (["ISBN 978-85-63994-24-0"], ("978-85-63994-24-0",)),
    (["9780123751065", "0123751063"], ("9780123751065", "0123751063")),  # ISBN-13 and ISBN-10 both kept
    (["ISSN-1234-4567"], ("1234-4567",)),  # ERIC's
    (["1941014x"], ("1941014x",)),
    (["999-9-999-99999-9; 999-8-888-99999-8"], ("999-9-999-99999-9", "999-8-888-99999-8")),  # no ISBN's form
    (["pending", " "], ("pending",)),  # malformed: kept as written, never dropped
])
def test_numbers_are_found_as_written_in_order_once_each(values: list[str], numbers: tuple[str, ...]) -> None:
    assert ids.standard_numbers(values) == numbers


def test_a_field_of_either_tells_them_apart_by_their_form() -> None:
    assert ids.issns_and_isbns(["0028-0836", "978-0-306-40615-7", "0-306-40615-2"], book=False) == (
        ("0028-0836",), ("978-0-306-40615-7", "0-306-40615-2"))
    # a number of neither form goes with the ISBNs of a book, else with the ISSNs
    assert ids.issns_and_isbns(["9777777777779"], book=True) == ((), ("9777777777779",))
    assert ids.issns_and_isbns(["12-34"], book=False) == (("12-34",), ())


def test_check_digits_and_the_head_tags_form() -> None:
    assert ids.is_valid_issn("1757-790X") and ids.is_valid_issn("1941014x") and ids.is_valid_issn("00280836")
    assert not ids.is_valid_issn("1111-2222") and not ids.is_valid_issn("978-0-306-40615-7")
    assert ids.is_valid_isbn("978-0-306-40615-7") and ids.is_valid_isbn("0-306-40615-2")
    assert ids.is_valid_isbn("0-226-03933-1") and not ids.is_valid_isbn("2222222222222")
    assert ids.issn_tag_form("1941014x") == "1941-014X"
    assert ids.issn_tag_form("19326203") == "1932-6203"
    assert ids.issn_tag_form("1111-2222") == "1111-2222"  # a wrong check digit: as written
    assert ids.issn_tag_form("pending") == "pending"


def _article(path: str, article_id: str) -> Article:
    return next(a for a in articles(DATA / path) if a.id == article_id)


READ = [
    # format's tag, file, article, ISSNs, ISBNs
    ("RIS SN", "ris/pubmed_zotero.ris", "doi-10.1007/s10151-019-02080-0", ("1128-045X", "1123-6337"), ()),
    ("RIS SN", "ris/colrev-psycinfo.ris", "pubmed-33355555", ("1999-7777", "0222-6666"), ()),
    ("RIS SN of a chapter", "ris/generic-works.ris", "doi-10.5772/49941", (), ("9789535107484",)),
    ("Web of Science SN, EI", "ris/wos-early-access.txt", "doi-10.1111/btp.13387", ("0006-3606", "1744-7429"), ()),
    ("BibTeX issn, eissn, isbn", "bibtex/colrev-web-of-science.bib", "doi-10.1007/999-9-999-99999-9_3",
     ("0111-9119", "1111-3333"), ("999-9-999-99999-9", "999-8-888-99999-8")),
    ("BibTeX issn", "bibtex/mendeley-reference-manager.bib", "doi-10.1037/ppm0000281", ("2689-6575", "26896567"),
     ()),
    ("BibTeX isbn", "bibtex/zotero-book-bbt.bib", "bibtex-danker-greek-english-2000", (), ("0-226-03933-1",)),
    ("PubMed XML ISSN, ISSNLinking", "pubmed-xml/names-pubmed21n1298.xml", "pubmed-34091671",
     ("1938-3207", "0002-9165"), ()),
    ("MEDLINE IS", "medline-nbib/blachlylab-dates.nbib", "pubmed-5728324", ("2473-9529", "2473-9537"), ()),
    ("ERIC's ISSN", "medline-nbib/colrev-eric.nbib", "doi-10.1000/123456789", ("1234-4567",), ()),
    ("CSL-JSON ISSN", "csl-json/deep-review-character-references.json", "doi-10.3233/978-1-61499-432-9-584",
     ("0926-9630",), ()),
    ("JATS issn", "jats-xml/scielo-rsp-48-2-0206-front.xml", "doi-10.1590/S0034-8910.2014048004911",
     ("0034-8910", "1518-8787"), ()),
    ("EndNote XML isbn", "endnote-xml/jabref-exported.xml", "doi-10.1145/3287921.3287982", (), ("9781450365390",)),
    ("EndNote %@", "endnote/jabref-dnb-book.enw",
     "endnote-git-dezentrale-versionsverwaltung-im-team-grundlagen-und-workflows", (), ("978-3-86490-311-3",)),
    ("MODS identifier isbn", "mods/loc-2010045158.xml", "mods-developing-high-quality-data-models", (),
     ("9780123751065", "0123751063")),
    ("MODS host's identifier issn", "mods/jabref-collection.xml", "doi-10.1007/s00300-003-0526-8", ("0722-4060",),
     ()),
    ("MARC 020", "marc/pymarc-test.mrc", "marc-imchf-fol05731351", (), ("0471383147",)),
    ("MARC 773 $x", "marc/sru-29768149-handwritten.xml", "doi-10.1056/NEJMoa1715274", ("1533-4406",), ()),
    ("MSBib StandardNumber", "msbib/jabref-book-section.xml", "doi-10.1007/BF03250842", ("0937-6429",), ()),
    ("Lens.org ISSNs", "table-csv/lens-reviews.csv", "pubmed-3553406", ("18602002", "15361632"), ()),
    ("OpenAlex issn", "table-csv/openalex-palaeontology.csv", "pubmed-38584612", ("1664-2376", "1664-2384"), ()),
    ("EBSCOhost ISSN", "table-csv/ebsco-dinosaurs.csv", "doi-10.1371/journal.pone.0298242", ("19326203",), ()),
    ("IEEE ISSN, ISBNs", "table-csv/ieee-shaped.csv", "doi-10.1109/CVPR.2016.90", ("1063-6919",),
     ("978-1-4673-8851-1",)),
    ("RefWorks ISSN/ISBN", "table-csv/refworks-reviews.txt", "pubmed-32240769", ("1878-5921",), ()),
    ("Zotero CSV ISSN", "table-csv/zotero-dinosaurs.csv", "doi-10.1038/s41598-024-65283-y", ("2045-2322",), ()),
    ("Rayyan issn", "table-csv/rayyan-dinosaurs.csv", "doi-10.1038/s41467-024-48400-3", ("2041-1723",), ()),
    ("Scopus CSV ISSN", "scopus-csv/asreview-dinosaurs.csv", "pubmed-37202441", ("20452322",), ()),
    ("PLOS eissn", "plos-json/colrev-pone-0022081.json", "doi-10.1371/journal.pone.0022081", ("1932-6203",), ()),
    ("Ovid ISSN", "ovid/jabref-long-labels-6.txt", "doi-10.1097/BOT.0000000000000502", ("0890-5339",), ()),
    ("Web of Science Excel ISSN", "workbooks/wos-staples-savedrecs.xls", "pubmed-37063989", ("2054-5703",), ()),
]


@pytest.mark.parametrize(("tag", "path", "article_id", "issns", "isbns"), READ, ids=[r[0] for r in READ])
def test_each_reader_reads_them(tag: str, path: str, article_id: str, issns: tuple[str, ...],
                                isbns: tuple[str, ...]) -> None:
    article = _article(path, article_id)
    assert (article.issns, article.isbns) == (issns, isbns)


def test_the_catalogue_dumps_solr_fields() -> None:
    """No record of the dumps in tests/data has them (VuFind fills ``issn`` and ``isbn`` from MARC 022 and 020):
    the seed record with the two fields added, as the dump writes a field (Cancers' ISSN, a book's ISBN)."""
    (seed,) = articles(DATA / "catalogue-dump" / "seed.txt")
    record = seed.records[0]
    added = (Field("issn", ("2072-6694",), 900), Field("isbn", ("978-0-306-40615-7", "0306406152"), 901))
    article, _ = catalogue_article.to_article(Record(record.format, record.where, record.fields + added))
    assert (article.issns, article.isbns) == (("2072-6694",), ("978-0-306-40615-7", "0306406152"))


def test_a_merged_work_keeps_the_union_in_precedence_order() -> None:
    endnote = articles(DATA / "merge" / "adhm-endnote.xml")[0]  # the electronic ISSN only
    medline = articles(DATA / "merge" / "adhm-medline.nbib")[0]  # the print one, then the electronic one
    assert (endnote.issns, medline.issns) == (("2192-2640",), ("2192-2659", "2192-2640"))
    (work,), _ = merge_articles([endnote, medline])
    assert work.issns == ("2192-2659", "2192-2640")  # MEDLINE's first (merge.PRECEDENCE), each once
    (work,), _ = merge_articles([endnote, replace(medline, issns=("2192-2659",))])
    assert work.issns == ("2192-2659", "2192-2640")  # what only the lower source gives is kept too


def test_packing_keeps_them() -> None:
    article = _article("mods/loc-2010045158.xml", "mods-developing-high-quality-data-models")
    journal = _article("jats-xml/scielo-rsp-48-2-0206-front.xml", "doi-10.1590/S0034-8910.2014048004911")
    unpacked, _ = packing.unpack(packing.pack([article, journal], []))
    assert [(a.issns, a.isbns) for a in unpacked] == [((), ("9780123751065", "0123751063")),
                                                      (("0034-8910", "1518-8787"), ())]
    assert packing.article_digest(article) != packing.article_digest(
        Article(**{**{f: getattr(article, f) for f in article.__dataclass_fields__}, "isbns": ()}))


def test_a_control_character_in_a_number_is_cleaned_as_every_value_is() -> None:
    """A NUL or a bell in a record's ISSN (found by fuzzing RIS SN) is no character a page can hold: the value is
    cleaned as every shown value is (U+FFFD for it, spaces collapsed), and kept whole when no number is left."""
    assert ids.standard_numbers(["\x00008-543X", " 1234-5679\t(Print)", "a\x07b"]) == (
        "\ufffd008-543X", "1234-5679", "a\ufffdb")


# --- print, electronic, linking ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "issns", "types"), [
    ([("1367-4803 (Print)", ""), ("1460-2059 (Electronic)", ""), ("1367-4803 (Linking)", "")],
     ("1367-4803", "1460-2059"), ("print linking", "electronic")),  # MEDLINE's IS: one number of two types
    ([("1999-7777(Electronic),0222-6666(Print)", "")], ("1999-7777", "0222-6666"), ("electronic", "print")),
    ([("0028-0836", "Print"), ("1476-4687", "Electronic"), ("0028-0836", "Linking")],  # PubMed XML's IssnType
     ("0028-0836", "1476-4687"), ("print linking", "electronic")),
    ([("1536-5964 0025-7974", "")], ("1536-5964", "0025-7974"), ()),  # none said: no types at all
    ([("2473-9529 (Print)", ""), ("2473-9537", "")], ("2473-9529", "2473-9537"), ("print", "")),
    ([("1234-5679 (Online)", "")], ("1234-5679",), ()),  # a word PubMed does not use is no type
])
def test_what_each_issn_is_comes_with_it(values: list[tuple[str, str]], issns: tuple[str, ...],
                                         types: tuple[str, ...]) -> None:
    assert ids.typed_issns(values) == (issns, types)
    assert ids.typed_issns(values)[0] == ids.standard_numbers(v for v, _ in values)


TYPED = [
    ("MEDLINE IS (Print), (Electronic), (Linking)", "medline-nbib/blachlylab-dates.nbib", "pubmed-5728324",
     ("2473-9529", "2473-9537"), ("print linking", "electronic")),
    ("MEDLINE IS (Electronic), (Linking)", "merge/adhm-medline.nbib", "pubmed-7610913",
     ("2192-2659", "2192-2640"), ("electronic", "linking")),
    ("PubMed XML IssnType, ISSNLinking", "pubmed-xml/names-pubmed21n1298.xml", "pubmed-34091671",
     ("1938-3207", "0002-9165"), ("electronic", "linking")),
    ("JATS pub-type", "jats-xml/scielo-rsp-48-2-0206-front.xml", "doi-10.1590/S0034-8910.2014048004911",
     ("0034-8910", "1518-8787"), ("print", "electronic")),
    ("RIS SN says nothing of it", "ris/pubmed_zotero.ris", "doi-10.1007/s10151-019-02080-0",
     ("1128-045X", "1123-6337"), ()),
]


@pytest.mark.parametrize(("tag", "path", "article_id", "issns", "types"), TYPED, ids=[r[0] for r in TYPED])
def test_each_reader_reads_what_each_issn_is(tag: str, path: str, article_id: str, issns: tuple[str, ...],
                                             types: tuple[str, ...]) -> None:
    article = _article(path, article_id)
    assert (article.issns, article.issn_types) == (issns, types)


def test_a_merged_work_keeps_what_any_source_says_of_each_issn() -> None:
    endnote = articles(DATA / "merge" / "adhm-endnote.xml")[0]  # 2192-2640 alone, untyped
    pubmed = articles(DATA / "merge" / "adhm-pubmed.xml")[0]  # IssnType="Electronic", then ISSNLinking
    (work,), _ = merge_articles([endnote, pubmed])
    assert (work.issns, work.issn_types) == (("2192-2659", "2192-2640"), ("electronic", "linking"))
    unpacked, _ = packing.unpack(packing.pack([work], []))
    assert unpacked[0].issn_types == ("electronic", "linking")
