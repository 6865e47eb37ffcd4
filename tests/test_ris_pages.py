"""Pages built from real RIS exports (tests/data/ris/SOURCE.md): IEEE Xplore's and ScienceDirect's, and EndNote's
of a PubMed record. What an article page says of the work's date and of what holds it is what the record says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.build import build

DATA = Path(__file__).resolve().parent / "data" / "ris"
CHAPTER = "doi-10-1016-b978-0-12-394292-0-00004-7"
"""The page of the first ScienceDirect chapter."""


@pytest.fixture(scope="module")
def site(built_records) -> Path:
    return built_records("ris-pages", {name: (DATA / name).read_bytes() for name in (
        "litstudy-ieee-xplore.ris", "klab-sciencedirect-chapters.ris", "reflib-endnote-pubmed.ris",
        "reflib-endnote-pubmed-period.ris", "jabref-aip-journal-abbrev.ris")})


def facts(site: Path, html, title_start: str) -> dict[str, list[str]]:
    """The article page's description list, label → values, of the page whose title starts so."""
    for page in sorted((site / "articles").glob("*.html")):
        root = html.parse(page)
        if html.headings(root, "h1")[0].startswith(title_start):
            found: dict[str, list[str]] = {}
            for dl in html.main(root).iter("dl"):
                label = ""
                for el in dl:
                    if el.tag == "dt":
                        label = html.text(el)
                    elif el.tag == "dd":
                        found.setdefault(label, []).append(html.text(el))
            return found
    raise AssertionError(f"no article page titled {title_start!r}")


@pytest.mark.parametrize(("title_start", "published"), [
    ("The European Approach to the Exascale Challenge", "1 Jan.-Feb. 2019"),
    ("Increasing Scientific Data Insights", "Mar.-Apr. 2015"),
    ("Novel W2W/C2W Hybrid Bonding", "31 May-3 June 2016"),
])
def test_an_ieee_issue_is_dated_as_the_record_prints_it(site: Path, html, title_start: str, published: str) -> None:
    assert facts(site, html, title_start)["Published"] == [published]


def test_a_conference_paper_names_its_proceedings_once(site: Path, html) -> None:
    shown = facts(site, html, "Reference Exascale Architecture")
    assert shown["Proceedings"] == ["2019 15th International Conference on eScience (eScience)"]
    assert "Series" not in shown


def test_a_sciencedirect_chapter_names_its_series_and_its_book(site: Path, html) -> None:
    shown = facts(site, html, "Chapter Four - Flexible Backbone Sampling")
    assert (shown["Series"], shown["Book"], shown["Volume"]) == (
        ["Methods in Enzymology"], ["Methods in Protein Design"], ["523"])


def test_a_sciencedirect_editor_is_shown_as_written_and_cited_by_family_name(site: Path, html) -> None:
    """"A2  - Amy E. Keating" is shown as the record writes it, cited "Keating AE" and marked up as a person."""
    shown = facts(site, html, "Chapter Four - Flexible Backbone Sampling")
    assert shown["Editor"] == ["Amy E. Keating"]
    page = site / "articles" / f"{CHAPTER}.html"
    assert "In: Keating AE, editor." in page.read_text("utf-8")
    data = json.loads(html.parse(page).find(".//script[@type='application/ld+json']").text)
    assert data["isPartOf"]["editor"] == [{"@type": "Person", "name": "Amy E. Keating"}]
    assert data["isPartOf"]["isPartOf"] == {"@type": "CreativeWorkSeries", "name": "Methods in Enzymology",
                                            "issn": "0076-6879"}  # SN: the series' ISSN


def test_a_volume_written_with_its_label_is_shown_once(site: Path, html) -> None:
    """"VL  - Volume 523" was shown as "Volume: Volume 523" and cited "Methods in Protein Design: Volume 523";
    the page gives the number under its label, the full record the text as written."""
    root = html.parse(site / "articles" / f"{CHAPTER}.html")
    assert facts(site, html, "Chapter Four - Flexible Backbone Sampling")["Volume"] == ["523"]
    rows = [[html.text(cell) for cell in row] for row in html.main(root).iter("tr")]
    assert ["VL", "Volume 523"] in rows
    assert "Volume Volume" not in html.text(html.main(root))


def test_aips_journal_abbreviation_in_jo_is_the_pages(site: Path, html) -> None:
    """AIP's RIS abbreviates the journal in JO beside its full name in JF and T2: "J. Chem. Phys."."""
    root = html.parse(site / "articles" / "doi-10-1063-1-1954747.html")
    metas = {m.get("name"): m.get("content") for m in root.iter("meta")}
    assert (metas["citation_journal_title"], metas["citation_journal_abbrev"]) == (
        "The Journal of Chemical Physics", "J. Chem. Phys.")
    assert metas["citation_publication_date"] == "2005/07/15"  # Y1, DA; not Y2 (2019/03/28, the access date)
    assert facts(site, html, "Hydration forces between silica surfaces")["Journal"] == [
        "The Journal of Chemical Physics"]


def test_endnotes_electronic_date_as_pubmed_writes_it_is_shown(site: Path, html) -> None:
    """EndNote keeps a PubMed record's electronic date as PubMed's DEP writes it and exports it so in ET ("ET  -
    20180327"): the page said "2018" only, the full record alone gave the day the article came out online."""
    shown = facts(site, html, "Formulation of Herbal Gel of Antirrhinum majus")
    assert shown["Published"] == ["2018 (Epub 27 Mar 2018)"]


def test_endnotes_months_of_a_pubmed_period_are_dated_in_its_year(site: Path, html) -> None:
    """EndNote writes PubMed's DP "2009 Sep-Oct" as "PY  - 2009" and "DA  - Sep-Oct" (PMID 20098847, whose N1
    quotes PubMed's citation "An Bras Dermatol. 2009 Sep-Oct;84(5):463-8."): the page said "2009"."""
    shown = facts(site, html, "[A prospective, randomized, open and comparative study")
    assert shown["Published"] == ["2009 Sep-Oct"]


def test_the_months_of_an_issue_written_after_a_ris_date_are_shown() -> None:
    """EBSCOhost's RIS of an APA PsycInfo record dates an issue of April to June "Y1  - 2020/04//Apr-Jun, 2020"
    (CiteSource's vignettes hold such an export, GPL, so the record is retyped here with words of its own): the
    page said "April 2020", a month the record does not give alone."""
    text = ("TY  - JOUR\nTI  - A quarterly issue\nAU  - Doe, Jane\nJO  - A Quarterly\nY1  - 2020/04//Apr-Jun, 2020\n"
            "DP  - EBSCOhost\nER  - \n")
    (record,), _ = readers.read_data(text.encode(), Path("ebsco.ris"), "content/ebsco.ris")
    article, _ = readers.to_article(record)
    assert (article.date, article.date_printed) == ("2020-04", "Apr-Jun, 2020")


@pytest.fixture(scope="module")
def thesis_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pure-thesis") / "site"
    records = folder / "content" / "records"
    records.mkdir(parents=True)
    (records / "pure.ris").write_bytes((DATA / "pure-thesis-handwritten.ris").read_bytes())
    result = build(folder, folder / "_site")
    assert [d for d in result.report.diagnostics if d.level.name != "INFO"] == []
    (page,) = (result.output / "articles").glob("*.html")
    return page


def test_a_pure_thesis_shows_its_subtitle_and_its_kind(thesis_page: Path, html) -> None:
    """Pure writes a thesis's subtitle in T2 and its kind in M3: both were in the full record only. The title
    reads as its title page does, and the kind is the thesis's publication type, which APA cites."""
    root = html.parse(thesis_page)
    assert html.headings(root, "h1") == ["Protein design: computational methods for flexible backbones"]
    shown = facts(thesis_page.parent.parent, html, "Protein design")
    assert shown["Publication type"] == ["Doctoral Thesis (compilation)"]
    assert "[Doctoral Thesis (compilation)]" in html.text(html.main(root))  # APA's
    rows = [[html.text(cell) for cell in row] for row in html.main(root).iter("tr")]
    assert ["T1", "Protein design"] in rows and ["M3", "Doctoral Thesis (compilation)"] in rows


def test_a_web_of_science_title_is_in_its_italics_on_its_page(built_records, html) -> None:
    """tests/data/ris/wos-early-access.txt: "TI Is there really such a thing as <i>Tropical</i> Biology?" was
    shown upright."""
    site = built_records("wos-italics", {"wos.txt": (DATA / "wos-early-access.txt").read_bytes()})
    h1 = html.parse(site / "articles" / "doi-10-1111-btp-13387.html").find(".//h1")
    assert html.text(h1) == "Is there really such a thing as Tropical Biology?"
    assert [html.text(i) for i in h1.iter("i")] == ["Tropical"]


# The shape of the records RIS files written from R data frames hold (CiteSource's CAB, EconLit and Web of Science
# examples), in words of the project's own: R's missing value "NA" where the abstract would be.
R_WRITTEN_RECORD = b"""TY  - JOUR
AB  - NA
PY  - 1951
SP  - 12
TI  - A made-up survey of orchard soils
ID  - 4021
ER  -
"""


# The shape of EBSCOhost's RIS of an APA PsycInfo record that has no index terms (CiteSource's PsycInfo examples),
# in words of the project's own: the author's keywords, then APA's "No terms assigned".
EBSCOHOST_PSYCINFO_RECORD = b"""TY  - JOUR
TI  - A made-up trial of pruning schedules
AU  - Quince, Ada
T2  - Journal of Made-up Orchards
PY  - 2022
DP  - EBSCOhost
KW  - pruning
KW  - orchards
KW  - No terms assigned
DB  - psyh
ER  -
"""


# The shape of Dimensions' RIS of an article published online first (CiteSource's Dimensions example), in words of
# the project's own: Taylor & Francis's "ahead-of-print" as its volume and its issue.
DIMENSIONS_ONLINE_FIRST_RECORD = b"""TY  - JOUR
AN  - pub.1000000001
TI  - A made-up study of orchard ladders
AU  - Quince, Ada
PY  - 2024
JO  - Journal of Made-up Orchards
VL  - ahead-of-print
IS  - ahead-of-print
SP  - 1
EP  - 35
DO  - 10.1000/madeup.2024.1
ER  -
"""


# The shape of Taylor & Francis's own RIS of an article published online before its issue (the "Cite this article"
# RIS of 10.1080/10556788.2026.2659033, quoted in a repository's README without a licence), in words of the
# project's own: "VL  - 0", "IS  - 0", the article's own pages, DA the day it came out online.
TANDF_ONLINE_FIRST_RECORD = b"""TY  - JOUR
AU  - Quince, Ada
AU  - Medlar, Ben
TI  - A made-up method for ladder placement
JO  - Journal of Made-up Orchard Engineering
VL  - 0
IS  - 0
SP  - 1
EP  - 33
PY  - 2026
DA  - 2026/04/28
PB  - Taylor & Francis
DO  - 10.1000/madeup.2026.2
UR  - https://doi.org/10.1000/madeup.2026.2
ER  -
"""


# The shape of an EndNote RIS export of a Wiley article published online before its issue (Castoe et al.,
# Molecular Ecology Resources, 10.1111/j.1755-0998.2009.02750.x, in the test cases of Zotero's RIS translator,
# AGPL), in words of the project's own: Wiley's "9999" as the volume and in M1, the DOI alone in N1.
WILEY_EARLY_VIEW_RECORD = b"""TY - JOUR
AU - QUINCE, ADA B.
AU - MEDLAR, BEN
M1 - 9999
N1 - 10.1111/j.1000-0000.2009.00001.x
PY - 2009
SN - 1755-0998
T2 - Journal of Made-up Orchard Genetics
TI - A made-up count of orchard microsatellites
UR - http://dx.doi.org/10.1111/j.1000-0000.2009.00001.x
VL - 9999
ID - 3
ER -"""


@pytest.fixture(scope="module")
def no_value_site(built_records) -> Path:
    return built_records("ris-no-value", {"mdpi.ris": (DATA / "cff-mdpi-no-keywords.ris").read_bytes(),
                                          "from-r.ris": R_WRITTEN_RECORD, "ebscohost.ris": EBSCOHOST_PSYCINFO_RECORD,
                                          "dimensions.ris": DIMENSIONS_ONLINE_FIRST_RECORD,
                                          "tandf.ris": TANDF_ONLINE_FIRST_RECORD, "wiley.ris": WILEY_EARLY_VIEW_RECORD})


def test_a_databases_word_for_no_value_is_no_keyword_and_no_abstract(no_value_site: Path, html) -> None:
    """MDPI writes "KW  - n/a" for a paper without keywords; it was shown as the keyword "n/a", with a topic page
    of every such paper. R writes "AB  - NA" for a record without an abstract; it was the abstract "NA". Neither
    is shown now but in the full record, as written."""
    mdpi = facts(no_value_site, html, "Oil and the Best Brain of the 20th Century")
    assert "Keywords" not in mdpi and mdpi["Journal"] == ["Energies"]
    assert not any("n-a" in p.name for p in (no_value_site / "topics").glob("*.html"))
    orchard = next(p for p in (no_value_site / "articles").glob("*.html")
                   if html.headings(html.parse(p), "h1")[0].startswith("A made-up survey"))
    root = html.parse(orchard)
    assert "Abstract" not in html.headings(root, "h2")
    rows = [[html.text(cell) for cell in row] for row in html.main(root).iter("tr")]
    assert ["AB", "NA"] in rows
    page = next(p for p in (no_value_site / "articles").glob("*.html") if "en3050940" in p.name)
    rows = [[html.text(cell) for cell in row] for row in html.main(html.parse(page)).iter("tr")]
    assert ["KW", "n/a"] in rows


def test_psycinfos_word_for_no_index_terms_is_no_keyword(no_value_site: Path, html) -> None:
    """APA PsycInfo (through EBSCOhost) ends the keywords of a record it gave no index terms with "No terms
    assigned", which was shown as a keyword, with a topic page of every such record."""
    assert facts(no_value_site, html, "A made-up trial of pruning")["Keywords"] == ["pruning orchards"]
    assert not any("no-terms" in p.name for p in (no_value_site / "topics").glob("*.html"))


def test_ovids_publication_types_are_shown(built_records, html) -> None:
    """Ovid's RIS writes an ERIC record's publication types in PT ("Journal Articles, Reports - Descriptive"); they
    were in the full record only. They are the page's publication type, as written."""
    site = built_records("ris-ovid-eric", {"eric.ris": (DATA / "cff-ovid-eric-types.ris").read_bytes()})
    shown = facts(site, html, "Creationism and the Dinosaur Boom")
    assert shown["Publication type"] == ["Journal Articles, Reports - Descriptive"]


def test_erics_as_provided_is_no_word_of_the_abstract(built_records, html) -> None:
    """ERIC closes an abstract its author supplied with "(As Provided)" (Ovid's RIS of EJ1251011): it was shown as
    the abstract's last words. The abstract now ends with the author's last sentence; the full record keeps the note."""
    site = built_records("ris-ovid-eric-as-provided",
                         {"eric.ris": (DATA / "cff-ovid-eric-as-provided.ris").read_bytes()})
    main = html.main(html.parse(site / "articles" / "ris-ej1251011.html"))
    (abstract,) = [s for s in main.iter("section") if s.get("class") == "abstract"]
    assert html.text(abstract).endswith("the city streets outside its reach.")
    rows = [[html.text(cell) for cell in row] for row in main.iter("tr")]
    assert any(row[0] == "N2" and row[1].endswith("outside its reach. (As Provided)") for row in rows)


def test_erics_abstractors_initials_are_no_words_of_the_abstract(built_records, html) -> None:
    """ERIC closes an abstract its abstractor wrote with the abstractor's initials (Ovid's RIS of EJ389705: "…
    geological records. (MVL)"): they were shown as the abstract's last words. The abstract now ends with its last
    sentence; the full record keeps the initials."""
    site = built_records("ris-ovid-eric-abstractor", {"eric.ris": (DATA / "cff-ovid-eric-types.ris").read_bytes()})
    main = html.main(html.parse(site / "articles" / "ris-ej389705.html"))
    (abstract,) = [s for s in main.iter("section") if s.get("class") == "abstract"]
    assert html.text(abstract).endswith("with current evolution theories and geological records.")
    rows = [[html.text(cell) for cell in row] for row in main.iter("tr")]
    assert any(row[0] == "N2" and row[1].endswith("geological records. (MVL)") for row in rows)


def test_ebscohosts_notes_are_no_words_of_the_abstract(built_records, html) -> None:
    """EBSCOhost closes an abstract with "[ABSTRACT FROM AUTHOR]" and gives its notice on the rights in an AB of
    its own (cff-ebscohost.ris, Academic Search Premier): the note was shown as the abstract's last words, the
    notice only in the full record. The abstract now ends with the author's last sentence, the notice is the
    record's rights, and the full record keeps both as written."""
    site = built_records("ris-ebscohost-notes", {"ebsco.ris": (DATA / "cff-ebscohost.ris").read_bytes()})
    main = html.main(html.parse(site / "articles" / "doi-10-1371-journal-pone-0298242.html"))
    (abstract,) = [s for s in main.iter("section") if s.get("class") == "abstract"]
    assert html.text(abstract).endswith("they did not set them apart from their contemporaries.")
    (rights,) = [s for s in main.iter("section") if s.get("class") == "rights"]
    assert html.text(rights).startswith("Rights Copyright of PLoS ONE is the property of Public Library of Science")
    assert html.text(rights).endswith("(Copyright applies to all Abstracts.)")
    rows = [[html.text(cell) for cell in row] for row in main.iter("tr")]
    assert any(row[0] == "AB" and row[1].endswith("contemporaries. [ABSTRACT FROM AUTHOR]") for row in rows)


def test_ahead_of_print_is_no_volume_and_no_issue(no_value_site: Path, html) -> None:
    """Dimensions copies Taylor & Francis's "ahead-of-print" into VL and IS: it was shown as the volume and the
    issue, and cited "2024;ahead-of-print(ahead-of-print):1-35". The full record shows it as written."""
    shown = facts(no_value_site, html, "A made-up study of orchard ladders")
    assert ("Volume" in shown, "Issue" in shown, shown["Pages"]) == (False, False, ["1-35"])
    page = no_value_site / "articles" / "doi-10-1000-madeup-2024-1.html"
    text = page.read_text("utf-8")
    assert "2024;1-35." in text and "ahead-of-print(" not in text
    rows = [[html.text(cell) for cell in row] for row in html.main(html.parse(page)).iter("tr")]
    assert ["VL", "ahead-of-print"] in rows and ["IS", "ahead-of-print"] in rows


def test_taylor_and_franciss_volume_0_issue_0_is_no_volume_and_no_issue(no_value_site: Path, html) -> None:
    """Taylor & Francis's RIS gives an article published online before its issue "VL  - 0" and "IS  - 0": it was
    shown as "Volume 0", "Issue 0" and cited "2026 Apr 28;0(0):1-33". The full record shows them as written."""
    shown = facts(no_value_site, html, "A made-up method for ladder placement")
    assert ("Volume" in shown, "Issue" in shown, shown["Pages"]) == (False, False, ["1-33"])
    page = no_value_site / "articles" / "doi-10-1000-madeup-2026-2.html"
    assert "2026 Apr 28;1-33." in page.read_text("utf-8")
    rows = [[html.text(cell) for cell in row] for row in html.main(html.parse(page)).iter("tr")]
    assert ["VL", "0"] in rows and ["IS", "0"] in rows


def test_silverchairs_headings_glued_to_the_sentence_before_them_start_sections(built_records, html) -> None:
    """Silverchair's RIS of a CHEST review (10.1378/chest.11-3031) ends each section's line with the next one's
    heading, glued to its last sentence: "… (VHA) hospitals.Methods: ". Only "Background" was a section; the
    others ran on inside its text. Each is a section of its own now."""
    site = built_records("ris-silverchair", {"chest.ris": (DATA / "silverchair-chest-glued-headings.ris").read_bytes()})
    main = html.main(html.parse(site / "articles" / "doi-10-1378-chest-11-3031.html"))
    (abstract,) = [s for s in main.iter("section") if s.get("class") == "abstract"]
    assert [html.text(h) for h in abstract.iter("h3")] == ["Background", "Methods", "Results", "Conclusions"]
    paragraphs = [html.text(p) for p in abstract.iter("p")]
    assert paragraphs[0].endswith("Veterans Health Administration (VHA) hospitals.")
    assert paragraphs[1].startswith("We conducted a systematic review")


def test_a_byline_written_given_name_first_is_cited_by_family_names(built_records, html) -> None:
    """CRC Press's RIS of a book's chapter writes each author given name first, without a comma ("AU  - Catarina
    Barata", "AU  - JorgeS Marques"): they were cited as groups, "Catarina Barata, MEmre Celebi, JorgeS Marques.".
    The byline shows the names as written; the citations give the family names first."""
    site = built_records("ris-crc-chapter", {"crc.ris": (DATA / "jabref-crc-chapter.ris").read_bytes()})
    page = site / "articles" / "doi-10-1201-b19107-2.html"
    main = html.main(html.parse(page))
    assert [text for _, text in html.anchors(main)][:3] == ["Catarina Barata", "MEmre Celebi", "JorgeS Marques"]
    assert "Barata C, Celebi M, Marques J. Toward a Robust Analysis" in page.read_text("utf-8")


def test_wileys_volume_9999_is_no_volume(no_value_site: Path, html) -> None:
    """Wiley gave an article published online before its issue the volume "9999", which EndNote's RIS export kept
    ("VL - 9999"): it was shown as "Volume 9999" and cited "2009;9999.". The full record shows it as written."""
    shown = facts(no_value_site, html, "A made-up count of orchard microsatellites")
    assert "Volume" not in shown and shown["Published"] == ["2009"]
    page = no_value_site / "articles" / "doi-10-1111-j-1000-0000-2009-00001-x.html"
    assert "Journal of Made-up Orchard Genetics. 2009. doi:" in page.read_text("utf-8")
    rows = [[html.text(cell) for cell in row] for row in html.main(html.parse(page)).iter("tr")]
    assert ["VL", "9999"] in rows


# The shape of Lens.org's RIS of a data set (CiteSource's Lens example), in words of the project's own: the
# repository that holds it in JF.
LENS_DATA_SET = b"""TY  - DATA
AU  - Quince, Ada
DA  - 2023/01/01
DO  - 10.1000/madeup.dataset.1
ID  - 000-000-000-000-001
JF  - Figshare
PY  - 2023
TI  - Orchard ladder survey.xlsx
UR  - https://lens.org/000-000-000-000-001
ER  -
"""


def test_a_data_sets_repository_is_named_so(built_records, html) -> None:
    """Lens.org names the repository that holds a data set in JF ("JF  - Figshare"); the page showed it as the
    data set's "Series"."""
    site = built_records("ris-lens-data-set", {"lens.ris": LENS_DATA_SET})
    shown = facts(site, html, "Orchard ladder survey")
    assert shown["Repository"] == ["Figshare"] and "Series" not in shown


# The shape of Springer Nature's RIS of a paper that names its group among its authors ("AU  - The PLUMED
# consortium,", Nature Methods 16:670, 10.1038/s41592-019-0506-8, quoted in a web page's script without a licence),
# in words of the project's own.
SPRINGER_NATURE_GROUP_AUTHOR = b"""TY  - JOUR
AU  - Quince, Ada
AU  - The Made-up Orchard consortium,
PY  - 2019
DA  - 2019/08/01
TI  - A made-up consortium's ladder protocols
JO  - Journal of Made-up Orchards
SP  - 670
EP  - 673
VL  - 16
IS  - 8
SN  - 1548-7105
UR  - https://doi.org/10.1000/madeup.2019.3
DO  - 10.1000/madeup.2019.3
ID  - Quince2019
ER  -
"""


def test_a_group_written_with_an_empty_given_name_is_shown_without_the_comma(built_records, html) -> None:
    """Springer Nature's RIS writes a group among the authors as a family name with an empty given name, "The
    PLUMED consortium,": the byline and the group's page showed the comma that only parts the two places."""
    site = built_records("ris-springer-group", {"springer.ris": SPRINGER_NATURE_GROUP_AUTHOR})
    page = site / "articles" / "doi-10-1000-madeup-2019-3.html"
    byline = [text for _, text in html.anchors(html.main(html.parse(page)))][:2]
    assert byline == ["Quince, Ada", "The Made-up Orchard consortium"]
    (group_page,) = [p for p in (site / "authors").glob("*.html") if "consortium" in p.name]
    assert html.headings(html.parse(group_page), "h1") == ["The Made-up Orchard consortium"]


def test_a_particle_after_the_given_name_is_the_family_names(tmp_path: Path, html) -> None:
    """Lens.org's record of the Journal of Infection review (PMID 32795483, ASReview's test data) writes its first
    author "Doesschate, T. ten": read as the family name "Doesschate" with the given name "T. ten", so a record
    that writes him "ten Doesschate, T" (the MEDLINE shape, retyped) gave him a second author page. One page now,
    and each byline shows the record's own form."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "lens.ris").write_bytes((DATA / "lens-particle-after-given.ris").read_bytes())
    (site / "content" / "m.nbib").write_text("PMID- 99000003\nTI  - Another review.\nDP  - 2021 Jan\n"
                                             "AU  - ten Doesschate T\nAU  - Bonten MJM\n", encoding="utf-8")
    build(site, tmp_path / "_site")
    bylines = {}
    for page in (tmp_path / "_site" / "articles" / f"pubmed-{pmid}.html" for pmid in ("32795483", "99000003")):
        bylines[page.name] = [(href, text) for href, text in html.anchors(html.main(html.parse(page)))
                              if "Doesschate" in text]
    assert [text for links in bylines.values() for _, text in links] == ["Doesschate, T. ten", "ten Doesschate, T"]
    hrefs = {href for links in bylines.values() for href, _ in links}
    assert len(hrefs) == 1
    # the page's heading is the spelling that opens with the whole family name, not the first in A–Z order
    author_page = (tmp_path / "_site" / "articles" / hrefs.pop()).resolve()
    assert html.text(html.parse(author_page).find(".//h1")) == "ten Doesschate, T"


def test_a_cochrane_review_page_shows_the_plain_language_summary_with_its_parts(built_records, html) -> None:
    """The Cochrane Library's review: its plain-language summary is the page's "In brief", each of its own parts
    under its heading ("Background", "Key results"), and the abstract's parts under theirs. A CENTRAL record of a
    registry entry has no journal page of its address, and links to it."""
    site = built_records("cochrane", {"cochrane.ris": (DATA / "cochrane-library-shapes.ris").read_bytes()})
    root = html.parse(site / "articles" / "doi-10-1002-14651858-cd000001-pub2.html")
    lay, abstract = (next(s for s in html.main(root).iter("section") if s.get("aria-labelledby") == name)
                     for name in ("lay-summary", "abstract"))
    assert [html.text(el) for el in lay if el.tag in ("h2", "h3", "p")] == [
        "In brief", "Which hormonal therapy works better?", "Background",
        "Early failure of the ovaries affects about 1% of women.", "Key results", "We found three small studies."]
    assert [html.text(h) for h in abstract.iter("h3")][-1] == "Authors' conclusions"
    assert [p.name for p in (site / "journals").glob("*.html") if "clinicaltrials" in p.name] == []
    trial = html.parse(site / "articles" / "ris-cn-00000002.html")
    assert "https://clinicaltrials.gov/show/NCT00000002" in [a.get("href") for a in html.main(trial).iter("a")]
    shown = facts(site, html, "Effect of an example therapy")
    assert shown["Publication type"] == ["Trial registry record"] and "Journal" not in shown
