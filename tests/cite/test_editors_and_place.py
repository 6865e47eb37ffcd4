"""The editors of a chapter's book (or of an edited book) and the place of publication: read from every reader that
has them, shown on the article page, cited in every style and written to every download, from which our own
readers read them back. Editors are never authors. Real records of tests/data (see each SOURCE.md): a Manubot
chapter (CSL-JSON ``editor``), Zotero's BibTeX of an edited book (``editor``, ``address``), JabRef's RIS book
(``CY``), a Scopus RIS record (``A2``) and Ovid's PsycINFO journal articles (an ``A2`` list of cited authors and
the journal's country in ``CY``); the Web of Science BibTeX of the shared corpus where it is here (read in place,
GPL-3)."""

from __future__ import annotations

import io
import json
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

CHAPTER = "Convolutional Networks on Graphs for Learning Molecular Fingerprints"
LEXICON = "A Greek-English Lexicon of the New Testament and Other Early Christian Literature"
FIND_IT_FAST = "Find It Fast: How to Uncover Expert Information on Any Subject"
VALIDITY = "Validity Frame Driven Computational Design Synthesis for Complex Cyber-Physical Systems"


def _read(path: Path) -> list[Article]:
    records, diagnostics = readers.read_file(path, path.name)
    assert [d for d in diagnostics if d.level.name == "ERROR"] == []
    return [readers.to_article(r)[0] for r in records]


def _one(path: str, title: str) -> Article:
    return next(a for a in _read(DATA / path) if a.title == title)


@pytest.fixture(scope="module")
def works() -> dict[str, Article]:
    return {
        "chapter": _one("csl-json/deep-review-chapter.json", CHAPTER),
        "edited book": _one("bibtex/zotero-book-bbt.bib", LEXICON),
        "book": _one("ris/jabref-book.ris", FIND_IT_FAST),
        "scopus": _one("ris/ris_issue_1099.txt", VALIDITY),
    }


def _names(people: tuple[Person, ...]) -> list[str]:
    return [p.name for p in people]


def test_each_reader_reads_the_editors_and_the_place(works: dict[str, Article]) -> None:
    assert _names(works["chapter"].editors) == ["Cortes, C.", "Lawrence, N. D.", "Lee, D. D.", "Sugiyama, M.",
                                                "Garnett, R."]
    assert works["chapter"].authors[0].name == "Duvenaud, David K"  # the authors stay the authors
    lexicon = works["edited book"]
    assert _names(lexicon.editors) == ["Danker, Frederick W.", "Bauer, Walter", "Arndt, William",
                                       "Gingrich, F. Wilbur"]
    assert (lexicon.authors, lexicon.place) == ((), "Chicago")  # an edited book's editors are not its authors
    assert (works["book"].place, works["book"].editors) == ("New York", ())
    scopus = works["scopus"]
    assert _names(scopus.editors) == ["Babur, O.", "Denil, J.", "Vogel-Heuser, B."]
    assert len(scopus.authors) == 4 and "Babur, O." not in _names(scopus.authors)


def test_a_journal_article_has_no_editors_and_no_place() -> None:
    """Ovid's PsycINFO export lists cited authors' family names in a journal article's A2 and names the journal's
    country in CY; Web of Science names the journal publisher's city in PI: none of them is read as the article's,
    and the full-record view still shows them (the record keeps every field)."""
    ovid = _read(DATA / "ris" / "ovid-psycinfo-subset.ris")
    assert any(a.records[0].values("A2") for a in ovid) and any(a.records[0].values("CY") for a in ovid)
    assert [(a.editors, a.place) for a in ovid] == [((), "")] * len(ovid)
    wos = _read(DATA / "ris" / "example_wos.ris")
    assert any(a.records[0].values("PI") for a in wos)
    assert {a.place for a in wos} == {""}


def test_web_of_science_braces_its_editors_twice() -> None:
    """``Editor = {{Lindenmayer, DB and Hobbs, RJ}}``: two editors, not one organisation."""
    path = CORPUS / "bibtex" / "litsearchr" / "WoS_corecollection_final_2.bib"
    if not path.is_file():
        pytest.skip("the shared corpus is not here")
    chapter = next(a for a in _read(path) if a.title.startswith("The Diverse Impacts of Grazing, Fire and Weeds"))
    assert _names(chapter.editors) == ["Lindenmayer, DB", "Hobbs, RJ"]
    assert chapter.place == "OSNEY MEAD, OXFORD OX2 0EL, ENGLAND"
    vancouver = format_references(chapter)[0].text
    assert ("In: Lindenmayer DB, Hobbs RJ, editors. MANAGING AND DESIGNING LANDSCAPES FOR CONSERVATION: MOVING FROM "
            "PERSPECTIVES TO PRINCIPLES. Vol. 1. OSNEY MEAD, OXFORD OX2 0EL, ENGLAND: BLACKWELL SCIENCE PUBL; "
            "2007. p. 111-130.") in vancouver  # the book's volume (VL 1), as AMA and APA give it
    braced = _read_text("@book{k, title = {T}, editor = {{Food and Drug Administration}}}\n", "b.bib")
    assert _names(braced.editors) == ["Food and Drug Administration"]


def test_web_of_science_tagged_book_editors_and_city() -> None:
    """A book chapter of Web of Science's tagged format (PT B): BE the book's editors, PI the publisher's city.
    Written by hand after the format's field list (no record of the corpus is a book chapter)."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT B\nAU Driscoll, DA\nBE Lindenmayer, DB\n"
            "   Hobbs, RJ\nTI The Diverse Impacts of Grazing, Fire and Weeds\nSO MANAGING AND DESIGNING LANDSCAPES\n"
            "PU BLACKWELL SCIENCE PUBL\nPI OXFORD\nDT Article; Book Chapter\nPY 2007\nBP 111\nEP 130\nER\nEF\n")
    chapter = _read_text(text, "savedrecs.txt")
    assert (chapter.kind, chapter.container, chapter.place) == ("chapter", "MANAGING AND DESIGNING LANDSCAPES",
                                                               "OXFORD")
    assert _names(chapter.editors) == ["Lindenmayer, DB", "Hobbs, RJ"]
    assert _names(chapter.authors) == ["Driscoll, DA"]


def _read_text(text: str, name: str) -> Article:
    (record,), diagnostics = readers.choose_reader(Path(name), text).read(text, name)
    assert diagnostics == []
    return readers.to_article(record)[0]


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_a_chapter_is_cited_in_its_editors_book(works: dict[str, Article]) -> None:
    cited = _cited(works["chapter"])
    assert ("In: Cortes C, Lawrence ND, Lee DD, Sugiyama M, Garnett R, editors. Advances in Neural Information "
            "Processing Systems 28 [Internet]. Curran Associates, Inc.; 2015. p. 2224-2232.") in cited["vancouver"]
    assert ("In: Cortes C, Lawrence ND, Lee DD, Sugiyama M, Garnett R, eds. Advances in Neural Information "
            "Processing Systems 28. Curran Associates, Inc.; 2015:2224-2232.") in cited["ama"]
    assert ("In C. Cortes, N. D. Lawrence, D. D. Lee, M. Sugiyama, & R. Garnett (eds.), Advances in Neural "
            "Information Processing Systems 28 (pp. 2224\u20132232).") in cited["apa"]


def test_a_book_is_cited_with_its_place(works: dict[str, Article]) -> None:
    """Vancouver (Citing Medicine) names the city before the publisher; AMA 11th ed. and APA 7th ed. name none."""
    cited = _cited(works["book"])
    assert cited["vancouver"].endswith(f"{FIND_IT_FAST}. New York: HarperPerennial; 1994.")
    assert "New York" not in cited["ama"] and "New York" not in cited["apa"]


def test_an_edited_book_names_its_editors_once(works: dict[str, Article]) -> None:
    """The editors stand in the authors' place (CSL's substitute), and are not named again after the title."""
    editors = {"vancouver": "Danker FW, Bauer W, Arndt W, Gingrich FW, editors",
               "ama": "Danker FW, Bauer W, Arndt W, Gingrich FW, eds.",
               "apa": "Danker, F. W., Bauer, W., Arndt, W., & Gingrich, F. W. (eds.)."}
    cited = _cited(works["edited book"])
    for style, names in editors.items():
        assert cited[style].startswith(names), cited[style]
        assert cited[style].count("Bauer") == 1, cited[style]  # Danker is its translator too
    # The NLM style names the translator beside the editors (its substitute is "editor translator").
    assert cited["vancouver"] == (f"{editors['vancouver']}, Danker FW, translator. {LEXICON}. 3rd ed. Chicago: "
                                  "University of Chicago Press; 2000.")


def test_the_downloads_name_the_editors_and_the_place(works: dict[str, Article]) -> None:
    """As reference managers read them: RIS A2 and CY, BibTeX editor and address, CSL-JSON editor and
    publisher-place, MEDLINE FED/ED and PL."""
    chapter, lexicon = works["chapter"], works["edited book"]
    (ris,) = rispy.loads(exported("ris", [lexicon]))
    assert (ris["secondary_authors"][0], ris["place_published"]) == ("Danker, Frederick W.", "Chicago")
    assert "authors" not in ris
    (entry,) = bibtexparser.parse_string(exported("bibtex", [lexicon])).entries
    fields = {f.key: f.value for f in entry.fields}
    assert fields["editor"] == "Danker, Frederick W. and Bauer, Walter and Arndt, William and Gingrich, F. Wilbur"
    assert fields["address"] == "Chicago" and "author" not in fields
    (item,) = json.loads(exported("csl-json", [chapter]))
    assert item["editor"][0] == {"family": "Cortes", "given": "C."} and "publisher-place" not in item
    (item,) = json.loads(exported("csl-json", [lexicon]))
    assert item["publisher-place"] == "Chicago" and "author" not in item
    (medline,) = Medline.parse(io.StringIO(exported("medline", [lexicon])))
    assert medline["FED"][0] == "Danker, Frederick W." and medline["ED"][0] == "Danker FW"
    assert medline["PL"] == "Chicago" and "AU" not in medline
    assert medline["SO"] == "Chicago: University of Chicago Press; 2000."


def test_the_page_head_names_the_editors(works: dict[str, Article]) -> None:
    """JSON-LD: a chapter's editors are its book's (schema.org ``editor`` of the Book it is part of), an edited
    book's its own."""
    from site_builder.cite import json_ld

    chapter = json.loads(json_ld(works["chapter"], "https://example.org/a.html"))
    assert "editor" not in chapter
    assert chapter["isPartOf"]["editor"][0] == {"@type": "Person", "name": "C. Cortes"}
    lexicon = json.loads(json_ld(works["edited book"], "https://example.org/b.html"))
    assert [e["name"] for e in lexicon["editor"]][:2] == ["Frederick W. Danker", "Walter Bauer"]
    assert "author" not in lexicon


@pytest.mark.parametrize(("fmt", "name"), [("ris", "export.ris"), ("bibtex", "export.bib"),
                                           ("csl-json", "export.json")])
def test_our_own_readers_read_the_editors_and_the_place_back(works: dict[str, Article], fmt: str, name: str) -> None:
    text = exported(fmt, works.values())
    records, diagnostics = readers.choose_reader(Path(name), text).read(text, name)
    assert diagnostics == []
    for original, record in zip(works.values(), records, strict=True):
        again = readers.to_article(record)[0]
        assert (again.editors, again.place, again.authors) == (original.editors, original.place, original.authors)


def test_editors_are_merged_and_packed(works: dict[str, Article]) -> None:
    """A work read from two sources takes the editors and the place of the first that names them; the build
    cache keeps them."""
    from dataclasses import replace

    chapter = works["chapter"]
    merged = merge_work([replace(chapter, editors=(), place=""), replace(chapter, place="Red Hook (NY)")])
    assert (merged.editors, merged.place) == (chapter.editors, "Red Hook (NY)")
    (again,), _ = unpack(pack([merged], []))
    assert (again.editors, again.place) == (merged.editors, merged.place)


def test_the_article_page_shows_the_editors_and_the_place(make_site, html, tmp_path: Path) -> None:
    site = make_site({
        "chapter.json": (DATA / "csl-json" / "deep-review-chapter.json").read_bytes(),
        "lexicon.bib": (DATA / "bibtex" / "zotero-book-bbt.bib").read_bytes(),
    })
    out = tmp_path / "out"
    assert build(site, out).report.diagnostics == []
    pages = {html.text(html.parse(p).find(".//h1")): html.parse(p) for p in out.glob("articles/*.html")}

    def facts(title: str) -> dict[str, str]:
        dl = pages[title].find(".//dl[@class='facts']")
        return dict(zip((html.text(dt) for dt in dl.iter("dt")), (html.text(dd) for dd in dl.iter("dd")),
                        strict=True))

    chapter = facts(CHAPTER)
    assert chapter["Editors"] == "C. Cortes; N. D. Lawrence; D. D. Lee; M. Sugiyama; R. Garnett"
    assert "Place of publication" not in chapter
    lexicon = facts(LEXICON)
    assert lexicon["Editors"] == "Frederick W. Danker; Walter Bauer; William Arndt; F. Wilbur Gingrich"
    assert lexicon["Place of publication"] == "Chicago"
    cite = pages[LEXICON].find(".//blockquote[@id='cite-vancouver']")
    assert html.text(cite).endswith("Chicago: University of Chicago Press; 2000.")
    # No editor has an author page, nor a place in the authors' index.
    index = html.text(html.parse(out / "authors" / "index.html"))
    assert "Duvenaud" in index and not any(name in index for name in ("Cortes", "Danker", "Gingrich"))


def test_the_labels_speak_the_site_language(make_site, html, tmp_path: Path) -> None:
    site = make_site({"lexicon.bib": (DATA / "bibtex" / "zotero-book-bbt.bib").read_bytes()})
    (site / "site.toml").write_text('title = "Club"\nlanguage = "es"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert build(site, out).report.diagnostics == []
    (page,) = out.glob("articles/*.html")
    terms = [html.text(dt) for dt in html.parse(page).find(".//dl[@class='facts']").iter("dt")]
    assert "Editores" in terms and "Lugar de publicación" in terms
