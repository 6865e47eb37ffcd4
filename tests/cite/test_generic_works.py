"""A work that stands on its own but says no more of its kind (RIS ``MISC`` or ``GEN``, a chapter whose record names
no book) is cited as what its record says: each field once, its publisher named, in every style the site offers,
every download and on its page. Records of tests/data/ris (generic-works.ris is written by hand after a real
export with no licence; rayyan-generic.txt and ris_issue_1099.txt are real exports; see SOURCE.md there)."""

from __future__ import annotations

import dataclasses
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
from site_builder.cite.parts import page_range
from site_builder.cite.references import STYLES, format_references
from site_builder.model.article import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "ris"


def _articles(name: str) -> dict[str, Article]:
    records, diagnostics = readers.read_file(DATA / name, name)
    assert diagnostics == []
    return {a.title.split(":")[0]: a for a in (readers.to_article(r)[0] for r in records)}


@pytest.fixture(scope="module")
def works() -> dict[str, Article]:
    return _articles("generic-works.ris")


READ_BACK = ("kind", "journal", "container", "publisher", "volume")
"""What a download read back by our own reader must give as the article it was made from."""


def _read_back(fmt: str, name: str, works: dict[str, Article]) -> list[tuple[Article, Article]]:
    """(original, read back) of each of ``works`` exported in ``fmt`` and read again as the file ``name``."""
    text = exported(fmt, works.values())
    records, diagnostics = readers.choose_reader(Path(name), text).read(text, name)
    assert diagnostics == []
    return [(original, readers.to_article(record)[0])
            for original, record in zip(works.values(), records, strict=True)]


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_misc_is_a_generic_work_with_its_volume_pages_and_publisher(works: dict[str, Article]) -> None:
    mixhop = works["MixHop"]
    assert (mixhop.kind, mixhop.journal, mixhop.container) == ("document", "", "")
    assert (mixhop.volume, mixhop.pages, mixhop.publisher) == ("97", "21-29", "PMLR")
    assert {works[k].kind for k in ("GraRep", "Fast Network Embedding Enhancement via High Order Proximity "
                                               "Approximation")} == {"document"}


def test_a_generic_work_is_cited_with_each_field_once_and_its_publisher(works: dict[str, Article]) -> None:
    cited = _cited(works["MixHop"])
    assert set(cited) == {s.id for s in STYLES}
    title = "MixHop: Higher-Order Graph Convolutional Architectures via Sparsified Neighborhood Mixing"
    url = "https://proceedings.mlr.press/v97/abu-el-haija19a.html"
    assert cited == {
        "vancouver": f"Abu-El-Haija S, Perozzi B, Kapoor A. {title} [Internet]. Vol. 97. PMLR; 2019. p. 21-29. "
                     f"Available from: {url}",
        "ama": f"Abu-El-Haija S, Perozzi B, Kapoor A. {title}. Vol 97. PMLR; 2019:21-29. {url}",
        "apa": f"Abu-El-Haija, S., Perozzi, B., & Kapoor, A. (2019). {title} (Vol. 97, pp. 21\u201329). PMLR. {url}",
    }


def test_a_generic_work_with_pages_only_is_not_said_to_be_published_online_ahead_of_print(
        works: dict[str, Article]) -> None:
    """AMA's style cites every type it does not name as a journal article, and a journal article without a
    volume as "Published online" (ahead of print)."""
    cited = _cited(works["GraRep"])
    assert "Published online" not in cited["ama"]
    assert "2015:891-900" in cited["ama"] and "(pp. 891\u2013900)" in cited["apa"]
    assert cited["vancouver"].count("891-900") == 1
    fast = _cited(works["Fast Network Embedding Enhancement via High Order Proximity Approximation"])
    assert [fast[s].count("AAAI Press") for s in ("vancouver", "ama", "apa")] == [1, 1, 1]


def test_a_journal_article_whose_record_names_no_journal_gives_its_volume_once(works: dict[str, Article]) -> None:
    """The NLM style cited a monograph's "Vol. 97." before the serial's "2019;97:21-29."."""
    article = works["MixHop as a journal article whose record names no journal"]
    assert article.kind == ""
    cited = _cited(article)
    assert cited["vancouver"].endswith("2019;97:21-29.")
    assert all(text.count("97") == 1 for text in cited.values()), cited


def test_a_chapter_whose_record_names_no_book_is_not_cited_in_nothing(works: dict[str, Article]) -> None:
    chapter = works["Similarity Measures and Dimensionality Reduction Techniques for Time Series Data Mining"]
    assert (chapter.kind, chapter.container) == ("chapter", "")
    cited = _cited(chapter)
    assert not any("In:" in text or " In " in text for text in cited.values()), cited


def test_real_gen_records(works: dict[str, Article]) -> None:
    """Lens's GEN of a thesis names no journal: a generic work. Rayyan's GEN of an erratum and Lens's of an arXiv
    preprint name one: journal articles, as Zotero reads every GEN."""
    lens = _articles("ris_issue_1099.txt")
    thesis = lens["Reliable and Energy Efficient Battery-Powered Cyber-Physical Systems"]
    assert (thesis.kind, thesis.journal) == ("document", "")
    preprint = lens["BLUE"]
    assert (preprint.kind, preprint.journal) == ("", "arXiv: Robotics")
    (erratum,) = _articles("rayyan-generic.txt").values()
    assert erratum.kind == ""
    assert (erratum.journal, erratum.volume, erratum.pages) == (
        "Journal for Healthcare Quality: Promoting Excellence in Healthcare", "43", "321-321")
    assert erratum.publisher == "Lippincott Williams & Wilkins"
    cited = _cited(erratum)
    assert cited["vancouver"].count("43") == 1 and "2021;43:321-321" in cited["vancouver"]


def test_the_downloads_say_it_is_a_generic_work(works: dict[str, Article]) -> None:
    mixhop = works["MixHop"]
    (entry,) = bibtexparser.parse_string(exported("bibtex", [mixhop])).entries
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "misc" and "journal" not in fields
    assert (fields["publisher"], fields["volume"], fields["pages"]) == ("PMLR", "97", "21--29")
    (record,) = rispy.loads(exported("ris", [mixhop]))
    assert record["type_of_reference"] == "GEN" and "secondary_title" not in record
    assert (record["publisher"], record["volume"], record["start_page"], record["end_page"]) == (
        "PMLR", "97", "21", "29")
    (item,) = json.loads(exported("csl-json", [mixhop]))
    assert item["type"] == "document" and "container-title" not in item
    assert (item["publisher"], item["volume"], item["page"]) == ("PMLR", "97", "21-29")
    (medline,) = Medline.parse(io.StringIO(exported("medline", [mixhop])))
    assert "PT" not in medline and "TA" not in medline and "JT" not in medline  # no "Journal Article"
    assert (medline["PB"], medline["VI"], medline["PG"]) == (["PMLR"], "97", "21-29")


def test_our_own_ris_reader_reads_a_generic_work_back(works: dict[str, Article]) -> None:
    for original, again in _read_back("ris", "export.ris", works):
        for name in READ_BACK:
            assert getattr(again, name) == getattr(original, name), (original.title, name)
        assert page_range(again.pages) == page_range(original.pages)  # "3894–3900" is written as SP and EP


def test_the_article_page_shows_and_cites_it(article_pages) -> None:
    page = article_pages({"references.ris": (DATA / "generic-works.ris").read_bytes()})[
        "MixHop: Higher-Order Graph Convolutional Architectures via Sparsified Neighborhood Mixing"]
    shown = page.facts()
    assert "Journal" not in shown
    assert (shown["Volume"], shown["Pages"], shown["Publisher"], shown["Published"]) == (
        "97", "21-29", "PMLR", "2019")
    cites = page.citations()
    before_url = cites["vancouver"].split("Available from")[0]
    assert before_url.count("97") == 1 and before_url.endswith("Vol. 97. PMLR; 2019. p. 21-29. ")
    assert "Vol 97. PMLR; 2019:21-29." in cites["ama"]
    assert "(Vol. 97, pp. 21\u201329). PMLR." in cites["apa"]
    bib = page.download(".bib")
    assert bib.startswith("@misc{") and "publisher = {PMLR}" in bib
    assert json.loads(page.download(".json"))[0]["type"] == "document"


def test_each_kind_goes_out_as_the_ris_type_it_is_read_from() -> None:
    """The RIS export's type of each kind is the type the reader reads as that kind (an interview and a broadcast
    have no RIS type of their own: they go out as a personal communication and a motion picture)."""
    from site_builder.cite.ris import RIS_TYPES
    from site_builder.readers import ris

    for kind, ty in RIS_TYPES.items():
        (record,), _ = ris.read(f"TY  - {ty}\nTI  - A work\nER  - \n", "t.ris")
        again = ris.to_article(record)[0].kind
        assert again == {"interview": "personal_communication", "broadcast": "motion_picture"}.get(kind, kind), ty


def test_our_own_bibtex_reader_reads_a_generic_work_back(works: dict[str, Article]) -> None:
    """The @misc of a generic work is read back as one (an @misc that names a journal stays a journal article)."""
    for original, again in _read_back("bibtex", "export.bib", works):
        for name in READ_BACK:
            assert getattr(again, name) == getattr(original, name), (original.title, name)
    preprint = "@misc{k, title = {A preprint}, journal = {arXiv}, year = {2020}}\n"
    (record,), _ = readers.choose_reader(Path("p.bib"), preprint).read(preprint, "p.bib")
    assert (readers.to_article(record)[0].kind, readers.to_article(record)[0].journal) == ("", "arXiv")


def test_the_page_head_does_not_call_it_a_journal_article(works: dict[str, Article]) -> None:
    """Highwire tags (what Google Scholar and Zotero's connector read) and JSON-LD name a generic work's publisher
    and no journal; a chapter's book is its citation_inbook_title."""
    from site_builder.cite import highwire_meta, json_ld

    mixhop = works["MixHop"]
    tags = dict(highwire_meta(mixhop, "https://example.org/a.html"))
    assert "citation_journal_title" not in tags
    assert (tags["citation_publisher"], tags["citation_volume"], tags["citation_firstpage"]) == ("PMLR", "97", "21")
    chapter = dataclasses.replace(works["Similarity Measures and Dimensionality Reduction Techniques for Time Series "
                                        "Data Mining"], container="Advances in Data Mining")
    tags = dict(highwire_meta(chapter, "https://example.org/c.html"))
    assert tags["citation_inbook_title"] == "Advances in Data Mining" and "citation_journal_title" not in tags
    ld = json.loads(json_ld(mixhop, "https://example.org/a.html"))
    assert ld["@type"] == "CreativeWork" and "isPartOf" not in ld
    assert ld["publisher"] == {"@type": "Organization", "name": "PMLR"}
    ld = json.loads(json_ld(chapter, "https://example.org/c.html"))
    assert (ld["@type"], ld["isPartOf"]) == ("Chapter", {"@type": "Book", "name": "Advances in Data Mining",
                                                         "isbn": "9789535107484"})


def test_a_series_is_not_called_a_journal_on_the_page(make_site, html, tmp_path: Path) -> None:
    """A real report (Caffe con Troll, in the series "arXiv") and a real conference paper in its proceedings:
    the journal their records name beside them is shown as a series (tests/data/csl-json)."""
    subset = Path(__file__).resolve().parents[1] / "data" / "csl-json" / "deep-review-subset.json"
    site = make_site({"deep-review-subset.json": subset.read_bytes()})
    build(site, tmp_path / "out")
    labels = {}
    for page in (tmp_path / "out").glob("articles/*.html"):
        root = html.parse(page)
        facts = root.find(".//dl[@class='facts']")
        labels[html.text(root.find(".//h1"))] = {html.text(dt) for dt in facts.iter("dt")}
    report = next(v for k, v in labels.items() if k.startswith("Caffe con Troll"))
    assert "Series" in report and "Journal" not in report
    assert any("Journal" in v for v in labels.values())  # the journal articles keep theirs


def test_a_work_without_authors_is_cited_with_its_title_once() -> None:
    """Rayyan's erratum names no author: AMA and APA put the title in the author's place, and citeproc-py printed
    it there and again in its own (CSL suppresses a substituted variable in the rest of the reference)."""
    (erratum,) = _articles("rayyan-generic.txt").values()
    assert erratum.authors == ()
    for style, text in _cited(erratum).items():
        assert text.count("Intervention: A Pilot Study: Erratum") == 1, style
        assert "Journal for Healthcare Quality: Promoting Excellence in Healthcare" in text, style
        assert "43" in text and "321" in text, style  # what the substitute did not print stays
    assert _cited(erratum)["apa"] == (
        "Implementation and Feasibility of the Re-Engineered Discharge for Surgery (RED-S) Intervention: A Pilot "
        "Study: Erratum. (2021). Journal for Healthcare Quality: Promoting Excellence in Healthcare, 43, "
        "321\u2013321.")
    untitled = dataclasses.replace(_articles("generic-works.ris")["MixHop"], authors=(), links=())
    assert _cited(untitled)["apa"] == ("MixHop: Higher-Order Graph Convolutional Architectures via Sparsified "
                                       "Neighborhood Mixing (Vol. 97, pp. 21\u201329). (2019). PMLR.")
