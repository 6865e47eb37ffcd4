"""Files that are not UTF-8: UTF-16 (Web of Science's "Tab-delimited (Win)" export, EndNote's and JabRef's
Windows files), with or without a byte order mark, reads as its UTF-8 text would; a file in an older Windows
encoding (no UTF-8 in it at all) is read as Windows-1252 with a warning, a Chinese one in GBK as GB18030; UTF-8
with a few bad bytes stays UTF-8. Before, a UTF-16 file was skipped as "not a record format site-builder knows",
and Windows-1252 letters became U+FFFD."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import readers
from site_builder.build import build
from site_builder.diagnostics import Level

DATA = Path(__file__).resolve().parents[1] / "data"
TURKEY = "Investigation of the best suture pattern to close a stuffed Christmas turkey"


def read(data: bytes, name: str) -> tuple[list, list]:
    records, problems = readers.read_data(data, Path(name), f"content/{name}")
    return [readers.to_article(r)[0] for r in records], problems


@pytest.mark.parametrize("name", ["jabref-utf16le-bom.bib", "jabref-utf16be-no-bom.bib"])
def test_jabrefs_utf16_files(name: str) -> None:
    (article,), problems = read((DATA / "bibtex" / name).read_bytes(), name)
    assert problems == [] and article.title == TURKEY
    assert [a.name for a in article.authors] == ["Verwilghen, D.", "Busoni, V.", "van Galen, G.", "Wilke, M."]


@pytest.mark.parametrize("fixture", ["ris/cff-endnote.ris", "medline-nbib/blachlylab-subset.nbib",
                                     "endnote/colrev-ais-elibrary.txt", "bibtex/zotero-style.bib",
                                     "csl-json/manubot-shortdoi.json", "ris/wos-structured-abstracts.txt"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_any_utf8_fixture_in_utf16_reads_the_same(fixture: str, codec: str) -> None:
    """"utf-16" writes a byte order mark; "utf-16-le" and "utf-16-be" none."""
    original = (DATA / fixture).read_bytes()
    name = Path(fixture).name
    as_utf8, utf8_problems = read(original, name)
    as_utf16, utf16_problems = read(original.decode("utf-8-sig").encode(codec), name)
    assert as_utf8 and as_utf16 == as_utf8 and utf16_problems == utf8_problems


def test_a_windows_1252_file_is_read_with_a_warning() -> None:
    """Without JabRef's line naming its encoding, the file's encoding is a guess, and said to be."""
    data = (DATA / "bibtex" / "jabref-windows-1252.bib").read_bytes().replace(b"% Encoding: windows-1252", b"")
    (article,), problems = read(data, "old.bib")
    assert article.abstract[0].text == "25° C"
    assert (problems[0].level, problems[0].where.line, problems[0].message) == (
        Level.WARNING, 1, "the file is not UTF-8 and was read as Windows-1252: check its accented letters, or save "
                          "it as UTF-8")


def test_the_encoding_jabref_declares_is_read_without_a_guess() -> None:
    """JabRef's first line, "% Encoding: windows-1252", says how to read the file: no warning. A Chinese
    JabRef user's "% Encoding: GBK" is read as GBK, where a guess would make Latin letters of it."""
    (article,), problems = read((DATA / "bibtex" / "jabref-windows-1252.bib").read_bytes(), "old.bib")
    assert article.abstract[0].text == "25° C" and problems == []
    gbk = "% Encoding: GBK\n\n@Article{k,\n  author = {凯撒},\n  title = {测试期刊},\n}\n".encode("gbk")
    (article,), problems = read(gbk, "cn.bib")
    assert (article.title, [a.name for a in article.authors], problems) == ("测试期刊", ["凯撒"], [])


# A real article's record, as GB/T 7714-2025 gives it among its examples (from zepinglee/gbt7714-bibtex-style's
# gbt7714-examples.bib, whose facts these are): Chu Datong, Chinese Journal of Oncology 2010;32(10):721-724.
CHINESE_BIB = """@article{gbt7714.7.8:1,
  author        = {储大同},
  title         = {恶性肿瘤个体化治疗靶向药物的临床表现},
  journal       = {中华肿瘤杂志},
  year          = {2010},
  volume        = {32},
  number        = {10},
  pages         = {721--724},
  doi           = {10.3760/cma.j.issn.0253-3766.2010.10.001},
  langid        = {chinese}
}
"""


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_a_chinese_export_without_a_declared_encoding_is_read_as_gb18030(codec: str) -> None:
    """A Chinese Windows's or CNKI's export in GBK and no line naming it: its characters of two bytes tell it, where
    Windows-1252 made Latin letters of them. The guess is said, as any guess is."""
    (article,), problems = read(CHINESE_BIB.encode(codec), "cn.bib")
    (as_utf8,), _ = read(CHINESE_BIB.encode(), "cn.bib")
    assert (article.title, article.journal, [a.name for a in article.authors]) == (
        "恶性肿瘤个体化治疗靶向药物的临床表现", "中华肿瘤杂志", ["储大同"])
    assert article == as_utf8
    assert [p.message for p in problems] == [
        "the file is not UTF-8 and was read as GB18030: check its Chinese characters, or save it as UTF-8"]


@pytest.mark.parametrize("text", [
    "TI  - Avaliação da função pulmonar\n",  # two accented letters together, twice: still no Chinese word
    "TI  - Müller and Ångström at 25° C, a façade\n",
    "AU  - Łódź, Śląsk\n",
])
def test_latin_text_in_a_windows_encoding_is_not_taken_for_chinese(text: str) -> None:
    codec = "cp1250" if "Ł" in text else "cp1252"
    _, guessed = readers.as_utf8(text.encode(codec))
    assert guessed == "Windows-1252"


@pytest.mark.parametrize("declared", ["UTF-8", "hex", "no-such-codec"])
def test_an_encoding_the_bytes_belie_is_a_guess_again(declared: str) -> None:
    data = f"% Encoding: {declared}\n\n@Article{{k,\n  title = {{25° C}},\n}}\n".encode("cp1252")
    (article,), problems = read(data, "old.bib")
    assert article.title == "25° C" and "was read as Windows-1252" in problems[0].message


def test_utf8_with_a_bad_byte_stays_utf8() -> None:
    data = "TY  - JOUR\nTI  - Müller’s trial\nAU  - Łukasz, K\n".encode() + b"AB  - 25\xb0 C\nER  - \n"
    (article,), problems = read(data, "mixed.ris")
    assert article.title == "Müller’s trial" and article.authors[0].name == "Łukasz, K"
    assert [(p.where.line, p.message) for p in problems] == [
        (4, "bytes that are not UTF-8 (first at byte 60) were replaced by '\ufffd'")]


def test_xml_keeps_its_own_declared_encoding() -> None:
    """The XML readers get the file's own bytes: their parser reads the encoding the declaration names."""
    path = DATA / "pubmed-xml" / "pubmed-34086664-cp1252.xml"
    direct, _ = readers.read_data(path.read_bytes(), path, "content/x.xml")
    assert direct and readers.to_article(direct[0])[0].title


def test_a_site_from_a_utf16_web_of_science_export(make_site, tmp_path: Path, html) -> None:
    text = (DATA / "ris" / "wos-structured-abstracts.txt").read_bytes().decode("utf-8-sig")
    site = make_site({"savedrecs.txt": text.encode("utf-16")})
    result = build(site, tmp_path / "out")
    assert result.articles == 3 and result.report.warnings == 0 and result.report.errors == 0


def test_utf8_with_a_byte_order_mark_reads_without_it() -> None:
    """One byte order mark is taken off a UTF-8 file (decoded once, where its bytes are told UTF-8); a second is
    text, as Python's "utf-8-sig" leaves it: the first line is then no field, and the record has none."""
    text = "id pubmed-1\ntitle Größe of the turkey\n"
    for boms in (0, 1):
        (record,), problems = readers.read_data("\ufeff".encode() * boms + text.encode(), Path("r.txt"), "r.txt")
        assert problems == [] and record.preamble == ()
        assert [(f.name, f.values) for f in record.fields] == [("id", ("pubmed-1",)),
                                                               ("title", ("Größe of the turkey",))]
    records, problems = readers.read_data("\ufeff".encode() * 2 + text.encode(), Path("r.txt"), "r.txt")
    assert records == [] and [p.message.split(" (")[0] for p in problems] == ["page text with no Solr fields after it"]
