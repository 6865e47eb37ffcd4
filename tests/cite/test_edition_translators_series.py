"""A book's edition, its translators and the editors of its series: read from every reader that has them (and only
where a tag means that for the record's type), shown on the article page, cited in every style and written to every
download, from which our own readers read them back. Neither translators nor series editors are authors.

Records: Zotero's BibTeX of an edited and translated book (tests/data, ``edition = {3rd ed.}``, ``translator``);
a RIS chapter and a CSL-JSON item written by hand after the tags Zotero's RIS translator (zotero/translators
``RIS.js``) and the CSL-JSON schema give these fields; Rayyan's RIS, whose A4 of a CINAHL case study names no
translator and whose ET of a journal article is its electronic date (asreview's ``ris_issue_992.txt``)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import bibtexparser
import pytest
import rispy
from Bio import Medline
from exports_as_built import exported

from site_builder import readers
from site_builder.build import build
from site_builder.cite.references import format_references
from site_builder.model.article import Article, Person
from site_builder.model.merge import merge_work
from site_builder.model.packing import pack, unpack

DATA = Path(__file__).resolve().parents[1] / "data"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

LEXICON = "A Greek-English Lexicon of the New Testament and Other Early Christian Literature"

# A chapter as Zotero's RIS export writes one: A2 the book's editor, A3 the series' editor, A4 the translator, ET
# the book's edition, T3 the series.
CHAPTER_RIS = """TY  - CHAP
TI  - Western Blotting
AU  - Kurien, Biji T.
A2  - Kurien, Biji T.
A2  - Scofield, R. Hal
A3  - Walker, John M.
A4  - Moreau, Claire
T2  - Protein Blotting and Detection
T3  - Methods in Molecular Biology
ET  - 2nd
CY  - Totowa, NJ
PB  - Humana Press
PY  - 2009
SP  - 17
EP  - 30
ER  -
"""

CSL_ITEM = {
    "id": "kuhn", "type": "book", "title": "La structure des révolutions scientifiques",
    "author": [{"family": "Kuhn", "given": "Thomas S."}],
    "translator": [{"family": "Meyer", "given": "Laure"}],
    "collection-editor": [{"family": "Lecourt", "given": "Dominique"}],
    "collection-title": "Champs", "edition": 3, "publisher": "Flammarion", "publisher-place": "Paris",
    "issued": {"date-parts": [[2008]]},
}


def _read(path: Path) -> list[Article]:
    records, diagnostics = readers.read_file(path, path.name)
    assert [d for d in diagnostics if d.level.name == "ERROR"] == []
    return [readers.to_article(r)[0] for r in records]


def _read_text(text: str, name: str) -> Article:
    (record,), diagnostics = readers.choose_reader(Path(name), text).read(text, name)
    assert diagnostics == []
    return readers.to_article(record)[0]


def _names(people: tuple[Person, ...]) -> list[str]:
    return [p.name for p in people]


@pytest.fixture(scope="module")
def works() -> dict[str, Article]:
    lexicon = next(a for a in _read(DATA / "bibtex" / "zotero-book-bbt.bib") if a.title == LEXICON)
    return {
        "lexicon": lexicon,
        "chapter": _read_text(CHAPTER_RIS, "chapter.ris"),
        "csl": _read_text(json.dumps([CSL_ITEM]), "kuhn.json"),
    }


def test_each_reader_reads_the_edition_translators_and_series_editors(works: dict[str, Article]) -> None:
    lexicon = works["lexicon"]
    assert (lexicon.edition, _names(lexicon.translators)) == ("3rd ed.", ["Danker, Frederick W."])
    assert lexicon.series_editors == () and lexicon.authors == ()
    chapter = works["chapter"]
    assert (chapter.kind, chapter.edition, chapter.journal) == ("chapter", "2nd", "Methods in Molecular Biology")
    assert _names(chapter.editors) == ["Kurien, Biji T.", "Scofield, R. Hal"]
    assert _names(chapter.series_editors) == ["Walker, John M."]
    assert _names(chapter.translators) == ["Moreau, Claire"]
    assert _names(chapter.authors) == ["Kurien, Biji T."]  # the editors, series editors, translators stay apart
    kuhn = works["csl"]
    assert (kuhn.edition, _names(kuhn.translators), _names(kuhn.series_editors)) == (
        "3", ["Meyer, Laure"], ["Lecourt, Dominique"])


def test_a_tag_is_read_only_where_it_means_that_for_the_type() -> None:
    """Rayyan writes a CINAHL case study (a journal article) as ``TY  - CASE`` with someone in A4: no translator.
    Zotero and EndNote write a book's editors in A3, which the RIS specification gives the series: neither is
    guessed. A program's ET is its version, a bill's its session. The full-record view shows every tag."""
    (case,) = _read(DATA / "ris" / "rayyan-case-study.txt")
    assert case.records[0].values("A4") == ("Larson, Laurie",)
    assert (case.kind, case.translators) == ("", ())
    book = _read_text("TY  - BOOK\nTI  - An edited book\nA3  - Editor, Ed\nA4  - Translator, Tom\nET  - 2\nER  - \n",
                      "book.ris")
    assert (book.series_editors, book.editors) == ((), ())
    assert (_names(book.translators), book.edition) == (["Translator, Tom"], "2")
    program = _read_text("TY  - COMP\nTI  - A program\nET  - 1.4.2\nA4  - Someone, Else\nER  - \n", "comp.ris")
    assert (program.edition, _names(program.translators)) == ("", ["Someone, Else"])
    paper = _read_text("TY  - CONF\nTI  - A paper\nA4  - Contributor, Con\nER  - \n", "conf.ris")
    assert paper.translators == ()


def test_a_journal_article_electronic_date_is_no_edition() -> None:
    """EndNote's PubMed records, as Rayyan exports them, give a journal article's electronic date in ET."""
    path = CORPUS / "ris" / "asreview" / "ris_issue_992.txt"
    if not path.is_file():
        pytest.skip("the shared corpus is not here")
    dated = [a for a in _read(path) if a.records[0].values("ET")]
    assert dated and dated[0].records[0].values("ET") == ("2012/11/20",)
    assert {a.edition for a in dated} == {""}


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_the_edition_is_cited_once_as_the_record_gives_it(works: dict[str, Article]) -> None:
    """A style prints an edition that is a number with its ordinal and "ed." ("3" as "3rd ed."), and words as
    they are: "3rd ed." is never "3rd ed. ed."."""
    cited = _cited(works["lexicon"])
    assert f"{LEXICON}. 3rd ed. Chicago: University of Chicago Press; 2000." in cited["vancouver"]
    assert f"{LEXICON}. 3rd ed. University of Chicago Press; 2000." in cited["ama"]
    assert f"{LEXICON} (F. W. Danker, trans.; 3rd ed.)." in cited["apa"]
    numbered = _cited(works["csl"])
    assert "3rd ed." in numbered["vancouver"] and "3rd ed." in numbered["ama"] and "3rd ed." in numbered["apa"]
    for text in [*cited.values(), *numbered.values()]:
        assert "ed. ed." not in text and text.count(" ed.") == 1, text


def test_translators_and_series_editors_are_cited_where_the_style_names_them(works: dict[str, Article]) -> None:
    """Vancouver (Citing Medicine) names a series' editors with the series, and an edited book's translator with
    its editors; APA names the translator after the title. AMA's style names neither."""
    cited = _cited(works["chapter"])
    assert cited["vancouver"].endswith(
        "Totowa, NJ: Humana Press; 2009. p. 17-30. (Walker JM, editor. Methods in Molecular Biology).")
    assert "(C. Moreau, trans.)" in cited["apa"]
    assert "Walker" not in cited["ama"] and "Moreau" not in cited["ama"]
    kuhn = _cited(works["csl"])
    assert "(Lecourt D, editor. Champs)" in kuhn["vancouver"]
    assert "(L. Meyer, trans.; 3rd ed.)" in kuhn["apa"]


def test_the_downloads_name_them(works: dict[str, Article]) -> None:
    """As reference managers read them: RIS ET, A3, A4; BibTeX edition and translator (BibTeX has no field for a
    series' editors); CSL-JSON edition, translator, collection-editor; MEDLINE EN, the edition (NLM's list of
    elements has no tag for the others)."""
    lexicon, chapter, kuhn = works["lexicon"], works["chapter"], works["csl"]
    (ris,) = rispy.loads(exported("ris", [chapter]))
    assert (ris["edition"], ris["tertiary_authors"], ris["subsidiary_authors"]) == (
        "2nd", ["Walker, John M."], ["Moreau, Claire"])
    (entry,) = bibtexparser.parse_string(exported("bibtex", [lexicon])).entries
    fields = {f.key: f.value for f in entry.fields}
    assert (fields["edition"], fields["translator"]) == ("3rd ed.", "Danker, Frederick W.")
    (item,) = json.loads(exported("csl-json", [kuhn]))
    assert (item["edition"], item["translator"], item["collection-editor"]) == (
        "3", [{"family": "Meyer", "given": "Laure"}], [{"family": "Lecourt", "given": "Dominique"}])
    (medline,) = Medline.parse(io.StringIO(exported("medline", [chapter])))
    assert "Walker" not in json.dumps(medline) and "Moreau" not in json.dumps(medline)
    assert medline["FED"] == ["Kurien, Biji T.", "Scofield, R. Hal"] and medline["EN"] == ["2nd"]
    (medline,) = Medline.parse(io.StringIO(exported("medline", [lexicon])))
    assert medline["EN"] == ["3rd ed."]


def test_a_book_series_editors_stay_out_of_its_ris_a3() -> None:
    """Zotero reads a book's A3 as its editors: the series' editors of a book are in its CSL-JSON download only."""
    book = Article(id="b", title="A book", kind="book", journal="A Series",
                   series_editors=(Person("Green, Paul", "Green", "Paul"),))
    text = exported("ris", [book])
    assert "A3  -" not in text and "Green" not in text
    (item,) = json.loads(exported("csl-json", [book]))
    assert item["collection-editor"] == [{"family": "Green", "given": "Paul"}]


@pytest.mark.parametrize(("fmt", "name", "kept"), [
    ("ris", "export.ris", ("edition", "translators", "series_editors")),
    ("bibtex", "export.bib", ("edition", "translators")),
    ("csl-json", "export.json", ("edition", "translators", "series_editors")),
])
def test_our_own_readers_read_them_back(works: dict[str, Article], fmt: str, name: str,
                                        kept: tuple[str, ...]) -> None:
    text = exported(fmt, works.values())
    records, diagnostics = readers.choose_reader(Path(name), text).read(text, name)
    assert diagnostics == []
    for original, record in zip(works.values(), records, strict=True):
        again = readers.to_article(record)[0]
        for field in (*kept, "editors", "authors"):
            if fmt == "ris" and field == "series_editors" and original.kind == "book":
                continue  # a book's series editors stay out of its A3 (above)
            assert getattr(again, field) == getattr(original, field), (fmt, original.title, field)


def test_they_are_merged_and_packed(works: dict[str, Article]) -> None:
    """A work read from two sources takes each from the first that names it; the build cache keeps them."""
    chapter = works["chapter"]
    bare = replace(chapter, edition="", translators=(), series_editors=())
    merged = merge_work([bare, replace(chapter, edition="2nd ed.")])
    assert (merged.edition, merged.translators, merged.series_editors) == (
        "2nd ed.", chapter.translators, chapter.series_editors)
    (again,), _ = unpack(pack([merged], []))
    assert (again.edition, again.translators, again.series_editors) == (
        merged.edition, merged.translators, merged.series_editors)


def _facts(html, page: Path) -> dict[str, str]:
    dl = html.parse(page).find(".//dl[@class='facts']")
    return dict(zip((html.text(dt) for dt in dl.iter("dt")), (html.text(dd) for dd in dl.iter("dd")), strict=True))


def test_the_article_page_shows_them(make_site, html, tmp_path: Path) -> None:
    site = make_site({
        "lexicon.bib": (DATA / "bibtex" / "zotero-book-bbt.bib").read_bytes(),
        "chapter.ris": CHAPTER_RIS.encode(),
    })
    out = tmp_path / "out"
    assert build(site, out).report.diagnostics == []
    pages = {html.text(html.parse(p).find(".//h1")): p for p in out.glob("articles/*.html")}
    lexicon = _facts(html, pages[LEXICON])
    assert (lexicon["Edition"], lexicon["Translator"]) == ("3rd ed.", "Frederick W. Danker")
    assert "Series editor" not in lexicon and "Series editors" not in lexicon
    chapter = _facts(html, pages["Western Blotting"])
    assert (chapter["Edition"], chapter["Translator"], chapter["Series editor"]) == (
        "2nd", "Claire Moreau", "John M. Walker")
    # Neither a translator nor a series editor has an author page.
    index = html.text(html.parse(out / "authors" / "index.html"))
    assert "Kurien" in index and not any(name in index for name in ("Moreau", "Walker", "Scofield"))


def test_the_labels_speak_the_site_language(make_site, html, tmp_path: Path) -> None:
    site = make_site({"chapter.ris": CHAPTER_RIS.encode()})
    (site / "site.toml").write_text('title = "Club"\nlanguage = "es"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert build(site, out).report.diagnostics == []
    (page,) = out.glob("articles/*.html")
    facts = _facts(html, page)
    assert (facts["Edición"], facts["Traductor"], facts["Editor de la serie"]) == (
        "2nd", "Claire Moreau", "John M. Walker")


def test_the_page_head_names_them(works: dict[str, Article]) -> None:
    """JSON-LD: schema.org's ``translator``; a book's ``bookEdition`` (a chapter's is its book's), and a series'
    ``editor`` on the CreativeWorkSeries."""
    from site_builder.cite import json_ld

    chapter = json.loads(json_ld(works["chapter"], "https://example.org/a.html"))
    assert chapter["translator"] == [{"@type": "Person", "name": "Claire Moreau"}]
    assert "bookEdition" not in chapter and chapter["isPartOf"]["bookEdition"] == "2nd"
    assert chapter["isPartOf"]["isPartOf"]["editor"] == [{"@type": "Person", "name": "John M. Walker"}]
    lexicon = json.loads(json_ld(works["lexicon"], "https://example.org/b.html"))
    assert (lexicon["@type"], lexicon["bookEdition"]) == ("Book", "3rd ed.")
    assert lexicon["translator"] == [{"@type": "Person", "name": "Frederick W. Danker"}]


@pytest.mark.parametrize(("locale", "edition"), [("en-US", "3rd ed."), ("es-ES", "3.ª ed."), ("fr-FR", "3ᵉ éd."),
                                                 ("de-DE", "3. Aufl."), ("pt-BR", "3º ed.")])
def test_a_numbered_edition_speaks_the_site_language(works: dict[str, Article], locale: str, edition: str) -> None:
    """APA follows the site's language: the ordinal is the language's own (citeproc-py took en-US's "rd" before
    es-ES's ".ª"). Vancouver and AMA stay in the English their styles fix."""
    cited = {c.style_id: c.text for c in format_references(works["csl"], locale=locale)}
    assert f"; {edition})" in cited["apa"], cited["apa"]
    assert "3rd ed." in cited["vancouver"] and "3rd ed." in cited["ama"]


def test_a_book_without_authors_names_its_edition_once() -> None:
    """APA puts the title (with its edition) in the authors' place: the edition is not printed again after the
    date, nor its "ed." alone."""
    book = Article(id="b", title="Clinical Guidelines", kind="book", publisher="WHO Press", date="2019",
                   volume="3")
    for edition, printed in (("2", "2nd ed."), ("2nd ed.", "2nd ed.")):
        apa = format_references(replace(book, edition=edition))[2].text
        assert apa == f"Clinical Guidelines ({printed}, Vol. 3). (2019). WHO Press.", apa
