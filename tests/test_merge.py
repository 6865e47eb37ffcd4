"""One page per work: the same work from several sources (tests/data/merge/, see its SOURCE.md) is one article
whose fields follow merge.py's precedence, and contradicting identifiers are reported with both places."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path

import pytest

from site_builder.diagnostics import Level, SourceSpan
from site_builder.model.article import Article, Link, Person, Record, Section
from site_builder.model.merge import PRECEDENCE, merge_articles, title_key
from site_builder.readers import read_file, to_article

DATA = Path(__file__).resolve().parent / "data" / "merge"
PAGE = "articles/pubmed-7610913.html"
TITLE = "Nanotechnology-Based Strategies to Evaluate and Counteract Cancer Metastasis and Neoangiogenesis."
ORCID = "0000-0003-1192-3647"


def fixture_files(*names: str) -> dict[str, bytes]:
    return {name: (DATA / name).read_bytes() for name in names}


def articles_of(*names: str) -> list[Article]:
    found = []
    for name in names:
        records, _ = read_file(DATA / name, f"content/records/{name}")
        found += [to_article(r)[0] for r in records]
    return found


def article_pages(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "articles").glob("*.html"))


# --- the same work from three formats, built -------------------------------------------------------------------

@pytest.fixture
def three_formats(make_site, tmp_path: Path):
    from site_builder.build import build

    site = make_site(fixture_files("adhm-catalogue.txt", "adhm-medline.nbib", "adhm-zotero.json"))
    return build(site, tmp_path / "out")


def test_three_formats_make_one_article_page(three_formats, html) -> None:
    result = three_formats
    assert result.records == 3 and result.articles == 1
    assert article_pages(result.output) == ["pubmed-7610913.html"]
    root = html.parse(result.output / PAGE)
    assert html.headings(root, "h1") == [TITLE]


def test_three_formats_have_one_author_list(three_formats, html) -> None:
    out = three_formats.output
    root = html.parse(out / PAGE)
    byline = [(href, text) for href, text in html.anchors(html.main(root)) if "/authors/" in href
              and not href.endswith("index.html")]
    assert [text for _, text in byline] == ["Şen, Özlem", "Emanet, Melis", "Ciofani, Gianni"]
    assert sorted(p.name for p in (out / "authors").glob("*.html")) == [
        "ciofani-gianni.html", "emanet-melis.html", "index.html", "sen-ozlem.html"]
    ciofani = html.parse(out / "authors" / "ciofani-gianni.html")
    works = [h for h, _ in html.anchors(html.main(ciofani)) if "/articles/" in h and h.endswith(".html")]
    assert [posixpath.basename(h) for h in works] == ["pubmed-7610913.html"]


def test_three_formats_list_each_source_in_the_full_record(three_formats, html) -> None:
    root = html.parse(three_formats.output / PAGE)
    summaries = [html.text(s) for s in html.main(root).iter("summary")]
    sources = [s for s in summaries if " record from " in s]
    assert [s.split(" record from ")[0] for s in sources] == ["catalogue-dump", "medline-nbib", "csl-json"]
    assert "content/records/adhm-medline.nbib:1" in sources[1]
    listed = [html.text(li) for ol in html.main(root).iter("ol") if ol.get("class") == "sources" for li in ol]
    assert listed == ["catalogue-dump: content/records/adhm-catalogue.txt:1",
                      "medline-nbib: content/records/adhm-medline.nbib:1",
                      "csl-json: content/records/adhm-zotero.json:2"]


def test_three_formats_build_without_warnings(three_formats) -> None:
    assert [str(d) for d in three_formats.report.diagnostics] == []


# --- five sources, merged field by field -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def five() -> Article:
    articles = articles_of("adhm-endnote.ris", "adhm-zotero.json", "adhm-medline.nbib", "adhm-pubmed.xml",
                           "adhm-catalogue.txt")
    merged, problems = merge_articles(articles)
    assert problems == []
    assert len(merged) == 1
    return merged[0]


def test_sources_are_kept_in_precedence_order(five: Article) -> None:
    assert [r.format for r in five.records] == ["catalogue-dump", "pubmed-xml", "medline-nbib", "csl-json", "ris"]


def test_record_without_identifiers_joins_by_title_and_year(five: Article) -> None:
    assert any(r.format == "ris" for r in five.records)
    assert title_key("Nanotechnology-based strategies to evaluate and counteract cancer metastasis and "
                     "neoangiogenesis") == title_key(TITLE)


def test_bibliographic_fields_come_from_the_best_source(five: Article) -> None:
    assert five.id == "pubmed-7610913"
    assert five.title == TITLE  # the catalogue's, with its final period; not the RIS sentence case
    assert five.doi == "10.1002/adhm.202002163"  # the catalogue's case, not the CSL-JSON upper case
    assert (five.pmid, five.pmcid) == ("33763992", "PMC7610913")
    # PubMed: "Adv Healthc Mater. 2021 May;10(10):e2002163. … Epub 2021 Mar 24." The catalogue dump and the
    # reference managers give 2021-03-24 as their only date; PubMed XML and MEDLINE name it the electronic one.
    assert (five.date, five.epub_date) == ("2021-05", "2021-03-24")
    # The catalogue's one form is NLM's abbreviation; PubMed XML tells the title (Journal/Title) from it.
    assert (five.journal, five.journal_abbrev) == ("Advanced healthcare materials", "Adv Healthc Mater")
    assert (five.volume, five.issue, five.pages) == ("10", "10", "e2002163")  # the catalogue has none


def test_one_byline_with_the_orcid_another_source_gives(five: Article) -> None:
    assert [p.name for p in five.authors] == ["Şen, Özlem", "Emanet, Melis", "Ciofani, Gianni"]
    assert [p.orcid for p in five.authors] == ["", "", ORCID]


def test_topics_and_keywords_are_the_union(five: Article) -> None:
    assert five.topics == ("Review",)
    assert set(five.keywords) == {"angiogenesis", "cancer", "invasion", "metastasis", "nanomaterials",
                                  "nanomedicine", "theranostics", "drug delivery"}


# --- precedence rules on small articles ------------------------------------------------------------------------

def record(fmt: str, path: str = "a.txt", line: int = 1) -> Record:
    return Record(fmt, SourceSpan(path, line), ())


def test_precedence_list_covers_every_reader() -> None:
    from site_builder.readers import READERS

    assert sorted(PRECEDENCE) == sorted(r.format for r in READERS)


def test_richest_abstract_wins_and_links_are_united() -> None:
    short = Article(id="pubmed-1", title="A title long enough to compare", pmid="1", date="2020",
                    abstract=(Section("", "Short."),), links=(Link("a", "https://a.example/"),),
                    records=(record("catalogue-dump"),))
    rich = Article(id="pubmed-1", title="Another spelling of the title", pmid="1", date="2020-05-02",
                   abstract=(Section("BACKGROUND", "A longer abstract."), Section("RESULTS", "More text.")),
                   links=(Link("b", "https://b.example/"), Link("a", "https://a.example/")),
                   journal="J Test", records=(record("bibtex", "b.bib"),))
    (merged,), _ = merge_articles([rich, short])
    assert merged.title == "A title long enough to compare"
    assert merged.abstract == rich.abstract
    assert [link.url for link in merged.links] == ["https://a.example/", "https://b.example/"]
    assert merged.journal == "J Test"  # the best source has none
    assert merged.date == "2020-05-02"  # agrees with the best source's "2020" and says more


def test_a_later_date_that_disagrees_is_not_taken() -> None:
    best = Article(id="x", title="t", pmid="9", date="2021", records=(record("catalogue-dump"),))
    other = Article(id="x", title="t", pmid="9", date="2020-12-30", records=(record("ris", "b.ris"),))
    (merged,), _ = merge_articles([other, best])
    assert merged.date == "2021"


def test_pmcid_with_and_without_prefix_and_doi_case_match() -> None:
    a = Article(id="a", title="t", pmcid="PMC7610913", records=(record("catalogue-dump"),))
    b = Article(id="b", title="u", pmcid="7610913", records=(record("csl-json", "b.json"),))
    c = Article(id="c", title="v", doi="10.1002/ADHM.202002163", records=(record("ris", "c.ris"),))
    d = Article(id="d", title="w", doi="https://doi.org/10.1002/adhm.202002163", pmcid="PMC7610913",
                records=(record("bibtex", "d.bib"),))
    merged, problems = merge_articles([a, b, c, d])
    assert len(merged) == 1 and problems == []
    assert merged[0].id == "a"


# --- what must not be merged, and conflicts ----------------------------------------------------------------------

def test_same_title_and_year_with_different_dois_stay_apart() -> None:
    a = Article(id="a", title="A review of everything we know", date="2021", doi="10.1000/a",
                records=(record("catalogue-dump"),))
    b = Article(id="b", title="A Review of Everything We Know.", date="2021", doi="10.1000/b",
                records=(record("ris", "b.ris"),))
    merged, problems = merge_articles([a, b])
    assert len(merged) == 2 and problems == []


def test_a_title_join_weighs_the_identifiers_of_every_record_of_each_work() -> None:
    """A work's identifiers include those of its records of another title, joined to it by an identifier: here the
    second DOI stands in the way of a title that agrees, whether its record comes first or last."""
    title = "A review of everything we know about sleep"
    by_title = Article(id="a", title=title, date="2021", pmid="1", records=(record("ris"),))
    by_pmid = Article(id="b", title="Sleep: a review", date="2021", pmid="1", doi="10.1000/b",
                      records=(record("bibtex", "b.bib"),))
    other = Article(id="c", title=title + ".", date="2021", doi="10.1000/c", records=(record("csl-json", "c.json"),))
    for articles in ([by_title, by_pmid, other], [other, by_title, by_pmid], [by_pmid, other, by_title]):
        merged, problems = merge_articles(articles)
        assert sorted(len(a.records) for a in merged) == [1, 2] and problems == []
    no_doi = replace(by_pmid, doi="")
    assert len(merge_articles([by_title, no_doi, other])[0]) == 1


def test_same_title_in_another_year_stays_apart() -> None:
    a = Article(id="a", title="A review of everything we know", date="2021", records=(record("ris"),))
    b = Article(id="b", title="A review of everything we know", date="2022", records=(record("ris", "b.ris"),))
    assert len(merge_articles([a, b])[0]) == 2


def test_a_record_without_a_year_joins_the_one_work_of_its_title() -> None:
    """abstrackr's export names no year: its record joins the one dated work of its title; two works of that title
    (another year) leave it apart, as does a contradicting identifier."""
    title = "A new abelisaurid dinosaur from the end Cretaceous of Patagonia"
    dated = Article(id="a", title=title, date="2024-06", doi="10.1111/cla.12583", records=(record("ris"),))
    yearless = Article(id="b", title=title.upper() + ".", records=(record("abstrackr-csv", "b.csv"),))
    (one,), problems = merge_articles([dated, yearless])
    assert problems == [] and [r.format for r in one.records] == ["ris", "abstrackr-csv"] and one.date == "2024-06"
    later = Article(id="c", title=title, date="2025", records=(record("bibtex", "c.bib"),))
    assert len(merge_articles([dated, later, yearless])[0]) == 3
    other_pmid = Article(id="d", title=title, pmid="99", records=(record("abstrackr-csv", "d.csv"),))
    pmid_dated = replace(dated, pmid="38771085")
    assert len(merge_articles([pmid_dated, other_pmid])[0]) == 2
    short = Article(id="e", title="Editorial", records=(record("abstrackr-csv", "e.csv"),))
    assert len(merge_articles([replace(dated, title="Editorial"), short])[0]) == 2


# APA PsycInfo's RIS export from EBSCOhost (CiteSource's vignettes/valid_data/psycinfo_64.ris, GPL-3, not copied)
# lists a dissertation and the journal article drawn from it under one title and year; typed anew here in that
# shape: the thesis in Dissertation Abstracts International with its volume and issue, the article with its own.
THESIS_AND_ARTICLE = """TY  - THES
AU  - Lindqvist, Maja K.
T1  - Sleep loss and risky choices in adolescents with insomnia
JF  - Dissertation Abstracts International: Section B: The Sciences and Engineering
Y1  - 2016///
VL  - 77
IS  - 5-B(E)
PB  - ProQuest Information & Learning
DP  - EBSCOhost
DB  - psyh
ER  -

TY  - JOUR
AU  - Lindqvist, Maja K.
AU  - Ferreira, Tomas
T1  - Sleep loss and risky choices in adolescents with insomnia
JF  - Journal of Sleep Studies
Y1  - 2016/03/14/
VL  - 12
IS  - 2
SP  - 101
EP  - 117
DP  - EBSCOhost
DB  - psyh
ER  -
"""


def test_a_thesis_and_the_article_of_its_title_and_year_stay_apart(make_site, tmp_path: Path, html) -> None:
    """They were one page that gave the article's pages and date with the thesis's volume and issue, under
    "Series: Journal of Sleep Studies"; each is now a page of its own. A thesis still joins another record of it
    that lists it in Dissertation Abstracts."""
    from site_builder.build import build

    result = build(make_site({"psycinfo.ris": THESIS_AND_ARTICLE}), tmp_path / "out")
    assert result.articles == 2
    shown = sorted((html.facts(html.parse(page)) for page in (result.output / "articles").glob("*.html")),
                   key=lambda facts: facts["Volume"])
    assert [(f.get("Journal"), f.get("Series"), f["Published"], f["Volume"], f["Issue"], f.get("Pages"))
            for f in shown] == [
        ("Journal of Sleep Studies", None, "14 March 2016", "12", "2", "101-117"),
        (None, "Dissertation Abstracts International: Section B: The Sciences and Engineering", "2016", "77",
         "5-B(E)", None)]
    title = "Sleep loss and risky choices in adolescents with insomnia"
    thesis = Article(id="a", title=title, date="2016", kind="thesis", records=(record("ris"),))
    listed = Article(id="b", title=title + ".", date="2016", journal="Dissertation Abstracts International",
                     records=(record("scopus-csv", "b.csv"),))
    assert len(merge_articles([thesis, listed])[0]) == 1


WOS_ERRATA = Path(__file__).resolve().parent / "data" / "ris" / "scientopy-wos-errata.txt"


def test_an_erratum_printed_in_two_volumes_of_a_year_keeps_both(make_site, tmp_path: Path, html) -> None:
    """A real Web of Science export (ScientoPy, MIT) lists one correction twice in 2020, "Is Bluetooth Low Energy
    feasible for mobile ticketing in urban passenger transport? (vol 5, 100120, 2020)", in volume 6 (PD JUL,
    WOS:001128578800051) and in volume 4 (PD MAR, WOS:001126246100010). They were one page, "Volume 6", "July
    2020", and the March record had none; each has its page now. Volumes that a source writes otherwise still
    join ("21 ( Pt 3)" and "21", "92-93" and "92")."""
    from site_builder.build import build

    result = build(make_site({WOS_ERRATA.name: WOS_ERRATA.read_bytes()}), tmp_path / "out")
    assert result.records == 2 and result.articles == 2
    shown = [html.facts(html.parse(page)) for page in (result.output / "articles").glob("*.html")]
    assert sorted((facts["Volume"], facts["Published"]) for facts in shown) == [("4", "March 2020"),
                                                                                ("6", "July 2020")]
    title = "Biochemical markers of the parasite burden in Anopheles"
    for one, other in (("21 ( Pt 3)", "21"), ("92-93", "92"), ("", "4")):
        a = Article(id="a", title=title, date="2020", volume=one, records=(record("pubmed-csv", "a.csv"),))
        b = Article(id="b", title=title, date="2020", volume=other, records=(record("ris"),))
        assert len(merge_articles([a, b])[0]) == 1


def test_short_titles_never_match() -> None:
    a = Article(id="a", title="Editorial", date="2021", records=(record("ris"),))
    b = Article(id="b", title="Editorial", date="2021", records=(record("bibtex", "b.bib"),))
    assert len(merge_articles([a, b])[0]) == 2


def test_two_dois_for_one_pmid_is_a_warning_naming_both_files(make_site, tmp_path: Path) -> None:
    from site_builder.build import build

    medline = (DATA / "adhm-medline.nbib").read_bytes().replace(b"10.1002/adhm.202002163", b"10.1002/adhm.999")
    site = make_site({"adhm-catalogue.txt": (DATA / "adhm-catalogue.txt").read_bytes(), "adhm-medline.nbib": medline})
    result = build(site, tmp_path / "out")
    assert result.articles == 1
    (warning,) = result.report.diagnostics
    assert warning.level is Level.WARNING
    assert str(warning.where) == "content/records/adhm-medline.nbib:1"
    assert "content/records/adhm-catalogue.txt:1" in warning.message
    assert "'10.1002/adhm.999'" in warning.message and "'10.1002/adhm.202002163'" in warning.message
    assert "two DOIs" in warning.message and "same PMID 33763992" in warning.message
    root = (result.output / PAGE).read_text(encoding="utf-8")
    assert "https://doi.org/10.1002/adhm.202002163" in root


def test_merge_keeps_the_order_of_first_sources() -> None:
    people = (Person("X, Y", "X", "Y"),)
    a = Article(id="a", title="First work title, long enough", pmid="1", records=(record("ris", "1.ris"),))
    b = Article(id="b", title="Second work title, long enough", pmid="2", authors=people,
                records=(record("ris", "2.ris"),))
    c = Article(id="a2", title="First work title, long enough", pmid="1", records=(record("catalogue-dump"),))
    merged, _ = merge_articles([a, b, c])
    assert [m.id for m in merged] == ["a2", "b"]


# --- name forms of one work's other sources reach the author pages -----------------------------------------------

# The same work as a reference manager's RIS export writes it (initials only), made from the catalogue record.
RIS_INITIALS = b"""TY  - JOUR
TI  - Nanotechnology-Based Strategies to Evaluate and Counteract Cancer Metastasis and Neoangiogenesis.
AU  - Sen, O.
AU  - Emanet, M.
AU  - Ciofani, G.
JO  - Adv Healthc Mater
PY  - 2021
DO  - 10.1002/adhm.202002163
""" + b"ER  - \n"  # RIS ends a record with "ER  - ", trailing space included


def test_other_sources_name_forms_are_listed_as_variants(make_site, tmp_path: Path, html) -> None:
    from site_builder.build import build

    site = make_site({**fixture_files("adhm-catalogue.txt"), "adhm.ris": RIS_INITIALS})
    result = build(site, tmp_path / "out")
    assert result.articles == 1
    page = html.parse(result.output / "authors" / "ciofani-gianni.html")
    assert "Also written as: Ciofani, G." in html.text(html.main(page))
    assert sorted(p.name for p in (result.output / "authors").glob("*.html")) == [
        "ciofani-gianni.html", "emanet-melis.html", "index.html", "sen-ozlem.html"]


def test_one_doi_for_two_different_works_keeps_a_page_each() -> None:
    # Embase indexes each abstract of a conference supplement with the supplement's DOI (BMC Proceedings 12,
    # Suppl 3: 10.1186/s12919-018-0099-8 for every abstract of the 2nd BEAT-PCD conference).
    doi = "10.1186/s12919-018-0099-8"
    a = Article(id=f"doi-{doi}", title="Quality of life in patients with primary ciliary dyskinesia: a systematic "
                "review", date="2018", doi=doi, authors=(Person("Behan, L.", "Behan", "L."),),
                records=(record("ovid", "a.ovd"),))
    b = Article(id=f"doi-{doi}", title="Nasal nitric oxide measurement in children for the diagnosis of primary "
                "ciliary dyskinesia", date="2018", doi=doi, authors=(Person("Shoemark, A.", "Shoemark", "A."),),
                records=(record("ovid", "b.ovd"),))
    merged, problems = merge_articles([a, b])
    assert [m.title for m in merged] == [a.title, b.title] and [m.doi for m in merged] == [doi, doi]
    (warning,) = problems
    assert warning.level is Level.WARNING and str(warning.where) == "b.ovd:1"
    assert "a.ovd:1" in warning.message and doi in warning.message and "different works" in warning.message


def test_one_doi_joins_a_work_titled_in_two_languages_by_its_other_titles() -> None:
    # A study's SciELO Citation Index export (via Web of Science) and its Embase RIS: SciELO titles the work in
    # Spanish with the English title in X1, Embase in English with the Spanish original in T2, and Embase reads
    # the Spanish double surnames as a surname and initials, so no family name is shared (Rev Peru Ginecol
    # Obstet 69(4), 10.31403/rpgo.v69i2568; github.com/zelcofir/Bibliometrico_Hospitales).
    doi = "10.31403/rpgo.v69i2568"
    spanish = ("Definir el valor de Ca 125 para predecir citorreducción óptima en pacientes con cáncer epitelial "
               "de ovario")
    english = "Defining the Ca 125 value to predict optimal cytoreduction in patients with epithelial ovarian cancer"
    scielo = Article(id="a", title=spanish, translated_titles=((english, "en"),), date="2023", doi=doi,
                     authors=(Person("Medina Bueno, Gonzalo Arturo", "Medina Bueno", "Gonzalo Arturo"),
                              Person("Quiñonez Barra, Rocío Karina", "Quiñonez Barra", "Rocío Karina")),
                     records=(record("ris", "scielo.txt"),))
    embase = Article(id="b", title=english, original_title=spanish, date="2023", doi=doi,
                     authors=(Person("Bueno, G.A.M.", "Bueno", "G.A.M."), Person("Barra, R.K.Q.", "Barra", "R.K.Q.")),
                     records=(record("ris", "embase.ris"),))
    # Sources of one format in the order of their files: SciELO's first, then Embase's
    (work,), problems = merge_articles([scielo, replace(embase, records=(record("ris", "z-embase.ris"),))])
    assert problems == [] and (work.title, work.original_title, work.translated_titles) == (spanish, "",
                                                                                        ((english, "en"),))
    # The English title shown, the Spanish as its original, and no translation repeating the title
    (work,), problems = merge_articles([embase, scielo])
    assert problems == [] and (work.title, work.original_title, work.translated_titles) == (english, spanish, ())
    # Without the other titles they are told apart, as a supplement's abstracts are
    merged, problems = merge_articles([replace(scielo, translated_titles=()), replace(embase, original_title="")])
    assert len(merged) == 2 and "different works" in problems[0].message


def test_one_doi_joins_titles_that_differ_only_in_form_or_a_subtitle() -> None:
    doi = "10.3390/cancers13246368"
    cazzato = (Person("Cazzato, Roberto Luigi", "Cazzato", "Roberto Luigi"),
               Person("Hubelé, Fabrice", "Hubelé", "Fabrice"))
    a = Article(id="a", title="Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology "
                "to Nuclear Medicine Procedures", doi=doi, authors=cazzato, records=(record("catalogue-dump"),))
    b = Article(id="b", title="Liver-directed therapy for neuroendocrine metastases", doi=doi,
                records=(record("ris", "b.ris"),))
    c = Article(id="c", title="[Thérapie hépatique des métastases neuroendocrines]", doi=doi,
                records=(record("bibtex", "c.bib"),))
    # One work titled in two languages by two databases (Scopus and Web of Science, shared corpus): the same
    # authors say it is one work.
    d = Article(id="d", title="Thérapie hépatique des métastases neuroendocrines: de la radiologie", doi=doi,
                authors=cazzato, records=(record("bibtex", "d.bib"),))
    e = Article(id="e", title="Liver-directed therapy in neuroendocrine disease", doi=doi,
                authors=(Person("CAZZATO, RL", "CAZZATO", "RL"),), records=(record("ris", "e.ris"),))
    merged, problems = merge_articles([a, b, c, d, e])
    assert len(merged) == 1 and problems == []


def test_untitled_records_are_never_joined_by_their_title(make_site, tmp_path: Path, html) -> None:
    """Two records without a title, of one year and with no identifier in common, were one page: both read as
    "Untitled record", and works of the same title and year are joined. A MEDLINE record without TI had an empty
    <h1> and <title> (PubMed XML and JATS too); every reader's untitled record is now named so, with an error."""
    from site_builder.build import build

    site = make_site({"a.ris": b"TY  - JOUR\nAU  - Smith, Ann\nPY  - 2020\nT2  - Journal A\nER  - \n",
                      "b.ris": b"TY  - JOUR\nAU  - Jones, Bob\nPY  - 2020\nT2  - Journal B\nER  - \n",
                      "c.nbib": b"PMID- 22664220\nAU  - Smith J\nDP  - 2020\n"})
    result = build(site, tmp_path / "out")
    assert result.articles == 3
    problems = sorted((d.where.path, d.where.line, d.message) for d in result.report.diagnostics
                      if d.level is Level.ERROR)
    assert problems == [
        ("content/records/a.ris", 1, "record has no title (TI, T1 or ST); shown as 'Untitled record'"),
        ("content/records/b.ris", 1, "record has no title (TI, T1 or ST); shown as 'Untitled record'"),
        ("content/records/c.nbib", 1, "record has no title; shown as 'Untitled record'")]
    page = html.parse(result.output / "articles" / "pubmed-22664220.html")
    assert html.headings(page, "h1") == ["Untitled record"]
    assert page.findtext(".//title").startswith("Untitled record")


# --- one search run exported from several databases (the shape of ESHackathon/CiteSource's vignette data, GPL-3,
# retyped here with names, titles and identifiers of our own) ------------------------------------------------------

# EBSCOhost's Criminal Justice Abstracts names each author twice: the article's forms, then the database's
# ("Jackson, Alun" … "Jackson, Alun C"); PubMed and PsycINFO name the same four people once.
_EBSCO_TWICE = """TY  - JOUR
AU  - Fenwick, Ada
AU  - Okafor, Bela
AU  - Fenwick, Ada C
AU  - Okafor, Bela R
T1  - Harm minimisation measures seen by consumers in one jurisdiction.
JO  - Journal of Wagering Studies
JF  - Journal of Wagering Studies
Y1  - 2016/06//
VL  - 32
L3  - 10.5555/jws.2016.801
DP  - EBSCOhost
DB  - i3h
ER  - \n"""
_PUBMED = """TY  - JOUR
TI  - Harm minimisation measures seen by consumers in one jurisdiction.
AU  - Fenwick, Ada C
AU  - Okafor, Bela R
T2  - Journal of wagering studies
DA  - 2016/06//
PY  - 2016
DO  - 10.5555/jws.2016.801
VL  - 32
J2  - J Wager Stud
ER  - \n"""


def test_a_byline_that_names_each_author_twice_gives_way_to_one_that_names_them_once(make_site, tmp_path: Path,
                                                                                      html) -> None:
    """CiteSource's gambling-harms search, Criminal Justice Abstracts' record of a 2016 Journal of Gambling Studies
    article: its eight AU lines name four people twice, and its file sorted first, so the page listed eight
    authors and each person had two author pages ("Jackson, Alun" and "Jackson, Alun C", kept apart as
    co-authors). PubMed's, PsycINFO's and Scopus's records of the same DOI name the four once."""
    from site_builder.build import build

    result = build(make_site({"a-crimjust.ris": _EBSCO_TWICE, "b-pubmed.ris": _PUBMED}), tmp_path / "out")
    assert result.articles == 1
    page = html.parse(result.output / "articles" / "doi-10-5555-jws-2016-801.html")
    byline = [text for href, text in html.anchors(html.main(page)) if href.startswith("../authors/")]
    assert byline == ["Fenwick, Ada C", "Okafor, Bela R"]
    assert sorted(p.name for p in (result.output / "authors").glob("*.html")) == [
        "fenwick-ada-c.html", "index.html", "okafor-bela-r.html"]


def test_a_byline_with_two_people_of_one_family_is_kept() -> None:
    """Two names that fit each other are a repeat only when another source names them once."""
    people = (Person("Thomas, Anna", "Thomas", "Anna"), Person("Thomas, Anna C.", "Thomas", "Anna C."))
    a = Article(id="a", title="A work by two people of one family name", doi="10.5555/x", authors=people,
                records=(record("ris", "a.ris"),))
    b = Article(id="b", title="A work by two people of one family name", doi="10.5555/x",
                authors=(*people, Person("Lee, Bo", "Lee", "Bo")), records=(record("ris", "b.ris"),))
    merged, _ = merge_articles([a, b])
    assert [p.name for p in merged[0].authors] == ["Thomas, Anna", "Thomas, Anna C."]


def _journal_record(doi: str, title: str, journal_tags: str) -> str:
    return f"TY  - JOUR\nTI  - {title}\nAU  - Lund, Ebba\n{journal_tags}PY  - 2021\nDO  - {doi}\nER  - \n"


def test_one_journal_named_two_ways_by_the_sources_of_one_work_has_one_page(make_site, tmp_path: Path,
                                                                          html) -> None:
    """CiteSource's gambling-harms search: PubMed names Nordic Studies on Alcohol and Drugs by its NLM title
    ("Nordisk alkohol- & narkotikatidskrift : NAT", J2 "Nordisk Alkohol Nark", SN both ISSNs), PsycINFO by its
    English title (T2 and J2 alike, SN the print ISSN); the journal had two pages, each with some of its
    articles, though the two sources of one DOI, with an ISSN in common, named it each way."""
    from site_builder.build import build

    title = "Gambling advertising watched by young adults"
    pubmed = ("T2  - Nordisk alkohol- & narkotikatidskrift : NAT\nJ2  - Nordisk Alkohol Nark\n"
              "SN  - 1458-6126 1455-0725\n")
    site = make_site({
        "a-psycinfo.ris": _journal_record("10.5555/nad.1", title, "T2  - Nordic Studies on Alcohol and Drugs\n"
                                          "J2  - Nordic Studies on Alcohol and Drugs\nSN  - 1455-0725\n")
        + _journal_record("10.5555/nad.3", "Loot boxes and the gambling of adolescents",
                          "T2  - Nordic Studies on Alcohol and Drugs\nJ2  - Nordic Studies on Alcohol and Drugs\n"
                          "SN  - 1455-0725\n"),
        "b-pubmed.ris": _journal_record("10.5555/nad.1", title, pubmed)
        + _journal_record("10.5555/nad.2", "Lottery play among older people in two countries", pubmed)})
    result = build(site, tmp_path / "out")
    assert result.articles == 3
    pages = sorted(p.name for p in (result.output / "journals").glob("*.html") if p.name != "index.html")
    assert len(pages) == 1
    listed = {href for href, _ in html.anchors(html.main(html.parse(result.output / "journals" / pages[0])))
              if href.startswith("../articles/")}
    assert listed == {"../articles/doi-10-5555-nad-1.html", "../articles/doi-10-5555-nad-2.html",
                      "../articles/doi-10-5555-nad-3.html"}


def test_a_journals_page_is_headed_by_the_name_most_records_give(make_site, tmp_path: Path, html) -> None:
    """CiteSource's gambling-harms searches (GPL-3, typed anew in their shape): PubMed names the journal "Journal of
    gambling studies" beside its abbreviation (T2, J2 "J Gambl Stud"), Scopus and PsycInfo "Journal of Gambling
    Studies" (T2 alone), 40 records one way and 69 the other; the merged works keep PubMed's form, and the
    journal's page was headed by it. The heading is now the name most records give; each article's journal stays
    as it was shown."""
    from site_builder.build import build

    pubmed = "T2  - Journal of gambling studies\nJ2  - J Gambl Stud\nSN  - 1573-3602 1050-5350\n"
    scopus = "T2  - Journal of Gambling Studies\nSN  - 10505350\n"
    psycinfo = "T2  - Journal of Gambling Studies\nJ2  - Journal of Gambling Studies\nSN  - 1050-5350\n"
    works = [("10.5555/jgs.1", "Harms of betting among sports fans"), ("10.5555/jgs.2", "Lottery play of retirees")]
    site = make_site({name: "".join(_journal_record(doi, title, tags) for doi, title in works)
                      for name, tags in (("a-pubmed.ris", pubmed), ("b-scopus.ris", scopus),
                                         ("c-psycinfo.ris", psycinfo))})
    result = build(site, tmp_path / "out")
    assert result.articles == 2
    (page,) = [p for p in (result.output / "journals").glob("*.html") if p.name != "index.html"]
    assert html.headings(html.main(html.parse(page)), "h1") == ["Journal of Gambling Studies"]
    article = html.main(html.parse(result.output / "articles" / "doi-10-5555-jgs-1.html"))
    facts = article.find(".//dl[@class='facts']")
    shown = dict(zip([html.text(e) for e in facts if e.tag == "dt"], [html.text(e) for e in facts if e.tag == "dd"],
                     strict=True))
    assert shown["Journal"] == "Journal of gambling studies"


@pytest.mark.parametrize(("pubmed_name", "abbreviation", "wos_name"), [
    ("Journal of Health, Population and Nutrition", "J Health Popul Nutr",
     "Journal of Health Population and Nutrition"),
    ("Occupational Medicine (Oxford)", "Occup Med (Lond)", "Occupational Medicine-Oxford")])
def test_a_journals_heading_keeps_the_punctuation_a_source_drops(make_site, tmp_path: Path, html, pubmed_name: str,
                                                                  abbreviation: str, wos_name: str) -> None:
    """Web of Science writes journals' names without some of their punctuation ("Journal of Health Population and
    Nutrition", "Occupational Medicine-Oxford"): when its records outnumber PubMed's, the name most records give
    is still the one with the punctuation, which sources drop and never add."""
    from site_builder.build import build

    pubmed = f"T2  - {pubmed_name}\nJ2  - {abbreviation}\nSN  - 1606-0997\n"
    wos = f"T2  - {wos_name}\nJ2  - {abbreviation.upper()}\nSN  - 1606-0997\n"
    works = [("10.5555/jhpn.1", "Stunting in two districts"), ("10.5555/jhpn.2", "Oral rehydration at home")]
    site = make_site({"a-pubmed.ris": _journal_record(*works[0], pubmed),
                      "b-wos.ris": "".join(_journal_record(doi, title, wos) for doi, title in works),
                      "c-wos.ris": _journal_record("10.5555/jhpn.3", "Latrines and diarrhoea", wos)})
    result = build(site, tmp_path / "out")
    (page,) = [p for p in (result.output / "journals").glob("*.html") if p.name != "index.html"]
    assert html.headings(html.main(html.parse(page)), "h1") == [pubmed_name]


def test_a_name_from_a_source_without_a_shared_issn_joins_no_journal() -> None:
    """Lens.org names some journals "Deleted Journal" (CiteSource's new_stage_data, a Rehabilitation Counselors
    and Educators Journal article): a name joins only from a source that gives an ISSN another source gives
    (Lens.org writes it without its hyphen)."""
    def source(path: str, journal: str, issns: tuple[str, ...] = ()) -> Article:
        return Article(id=path, title="Counselling students with disabilities at work", doi="10.5555/rcej.1",
                       journal=journal, issns=issns, records=(record("ris", path),))

    merged, _ = merge_articles([source("a.ris", "Rehabilitation Counselors and Educators Journal", ("2768-2803",)),
                                source("b.ris", "Deleted Journal"),
                                source("c.ris", "Rehabilitation Counselors & Educators Journal", ("27682803",))])
    assert merged[0].journal_names == ("Rehabilitation Counselors & Educators Journal",)


# --- the issue's date when the sources' years differ --------------------------------------------------------------

# The shapes of CiteSource's gambling-harms exports (GPL-3.0, so retyped in words of the project's own) of one
# article of a June 2022 issue that was put online in July 2021: Lens.org's RIS dates it online (PY and DA), PubMed's
# (through Zotero) and Scopus's the issue. Lens's file sorts first in that search's folder.
LENS_ONLINE_DATE = b"""TY  - JOUR
AU  - Quince, Ada
DA  - 2021/07/22
DO  - 10.5555/orchard.767
EP  - 357
ID  - 000-111-222-333-444
IS  - 4
JF  - Journal of made-up orchards
PY  - 2021
SP  - 347
TI  - Who prunes the orchard? A made-up survey of ladder users.
UR  - https://lens.org/000-111-222-333-444
VL  - 36
ER  -
"""
PUBMED_ISSUE_DATE = b"""TY  - JOUR
TI  - Who prunes the orchard? A made-up survey of ladder users.
AU  - Quince, Ada
T2  - Journal of made-up orchards
DA  - 2022/06//
PY  - 2022
DO  - 10.5555/orchard.767
VL  - 36
IS  - 4
SP  - 347
EP  - 357
ER  -
"""
SCOPUS_ISSUE_YEAR = b"""TY  - JOUR
TI  - Who prunes the orchard? A made-up survey of ladder users
T2  - Journal of Made-up Orchards
VL  - 36
IS  - 4
SP  - 347
EP  - 357
PY  - 2022
DO  - 10.5555/orchard.767
AU  - Quince, A.
DB  - Scopus
ER  -
"""


def test_an_online_date_of_another_year_is_not_the_issues(built_records, html) -> None:
    """Lens.org's RIS gives the day the article went online, in the year before its issue's; as the first source
    it dated the article 22 July 2021 and listed it under 2021. The issue's date is shown, June 2022, and Lens's
    date stays in its record."""
    site = built_records("merge-online-year", {"lens.ris": LENS_ONLINE_DATE, "pubmed.ris": PUBMED_ISSUE_DATE,
                                                "scopus.ris": SCOPUS_ISSUE_YEAR})
    page = site / "articles" / "doi-10-5555-orchard-767.html"
    root = html.parse(page)
    labels = [html.text(el) for dl in html.main(root).iter("dl") for el in dl]
    assert labels[labels.index("Published") + 1] == "June 2022"
    assert sorted(p.name for p in (site / "years").glob("20*.html")) == ["2022.html"]
    rows = [[html.text(cell) for cell in row] for row in html.main(root).iter("tr")]
    assert ["DA", "2021/07/22"] in rows


def test_the_later_of_two_years_is_the_issues() -> None:
    """Sources that disagree on the year disagree as the online date and the issue's (CiteSource's wildfire search:
    Dimensions' "2014" and Lens's "2014-07-14" for an article of the January 2015 issue that Web of Science dates);
    the first source of the later year gives the date, made more precise by a later one that agrees."""
    def source(path: str, date: str) -> Article:
        return Article(id=path, title="A made-up meta-analysis of orchard fires", doi="10.5555/fire.1", date=date,
                       volume="26", issue="1", records=(record("ris", path),))

    (merged,), _ = merge_articles([source("a.ris", "2014"), source("b.ris", "2014-07-14"), source("c.ris", "2015"),
                                   source("d.ris", "2015-01")])
    assert merged.date == "2015-01"
