"""Section labels (site_builder/sections.py): one table and one set of splitters for every reader.

The splitters are checked on the shapes real abstracts have; the readers are checked on real records: the same
abstract read from several formats gives the same sections, Web of Science's colon-less headings are found,
and a JATS heading is shown as printed ("eLife digest").
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.model.article import Article, Section
from site_builder.model.sections import heading, label_key, split_lay_summary, split_running, split_text
from site_builder.readers import read_file, ris, to_article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.mark.parametrize(("text", "expected"), [
    ("BACKGROUND: a. METHODS: b. RESULTS: c. CONCLUSIONS: d.",
     [("BACKGROUND", "a."), ("METHODS", "b."), ("RESULTS", "c."), ("CONCLUSIONS", "d.")]),
    ("Plain text with no labels.", [("", "Plain text with no labels.")]),
    ("Intro first. OBJECTIVE: x.", [("", "Intro first."), ("OBJECTIVE", "x.")]),
    ("", []),
    # "CI:" is no heading (too short), and a label only follows the end of a sentence.
    ("SIMPLE SUMMARY: Tumours differ. ABSTRACT: We found 12 of 40 (95% CI: 0.2 to 0.5) had it. "
     "TYPE OF STUDY/LEVEL OF EVIDENCE: Review.",
     [("SIMPLE SUMMARY", "Tumours differ."), ("ABSTRACT", "We found 12 of 40 (95% CI: 0.2 to 0.5) had it."),
      ("TYPE OF STUDY/LEVEL OF EVIDENCE", "Review.")]),
    # Title-case headings from the table, two joined ones, and Embase's "(s)" forms.
    ("Background and objective: a. Methodology/Principal Findings: b.",
     [("Background and objective", "a."), ("Methodology/Principal Findings", "b.")]),
    ("Background: As in most. Method(s): We searched. Result(s): We found. Conclusion(s): Health.",
     [("Background", "As in most."), ("Method(s)", "We searched."), ("Result(s)", "We found."),
      ("Conclusion(s)", "Health.")]),
    # Web of Science: "(50%, 56/112); AIDS: CD4 < 200": a semicolon ends no sentence.
    ("Severe immunosuppression: CD4 < 100 (50%, 56/112); AIDS: CD4 < 200 (69.6%).",
     [("", "Severe immunosuppression: CD4 < 100 (50%, 56/112); AIDS: CD4 < 200 (69.6%).")]),
    # Rayyan (ris_issue_992.txt): a quoted title's "Intervention:" after a bracket is no heading.
    ('A correction to the article "The Re-Engineered Discharge for Surgery (RED-S) Intervention: A Pilot Study".',
     [("", 'A correction to the article "The Re-Engineered Discharge for Surgery (RED-S) Intervention: '
           'A Pilot Study".')]),
    ("Results of the trial: a sentence that is no heading.",
     [("", "Results of the trial: a sentence that is no heading.")]),
    # Web of Science's record of PubMed 29859070 (knh11545/commandline4expertsearchers, no licence): a list item's
    # number "(1)" ends no sentence, so "PRIM:" and "QTOT1:" after it name measures, not sections.
    ("Methods: We scanned 464 families for three phenotypes: (1) PRIM: dichotomized as zero versus one or more "
     "affected primary teeth, (2) QTOT1: age-adjusted caries measure, and (3) QTOT2: age-adjusted caries. "
     "Results: Peaks.",
     [("Methods", "We scanned 464 families for three phenotypes: (1) PRIM: dichotomized as zero versus one or more "
                  "affected primary teeth, (2) QTOT1: age-adjusted caries measure, and (3) QTOT2: age-adjusted "
                  "caries."), ("Results", "Peaks.")]),
])
def test_split_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.label, s.text) for s in split_text(text)] == expected


# The shapes of real structured abstracts in CiteSource's exports (GPL-3, so in words of our own): Global Ecology and
# Biogeography's "Location: … Time period: … Major taxa studied: …" (10.1111/geb.12939, EBSCOhost's RIS of
# Environment Index), Environmental Evidence's "Methods and output: …" and "Review findings: …" (10.1186/s13750-018-
# 0141-3, 10.1186/s13750-021-00246-8, Web of Science's RIS) and Journal of Behavioral Addictions' "Measurements: …"
# (10.1556/2006.2020.00018, EBSCOhost's RIS of PsycInfo). Each heading's text was read as the one before's.
@pytest.mark.parametrize(("text", "expected"), [
    ("Location: Ponds. Time period: Data from 1990 to 2000. Major taxa studied: Frogs. Methods: We counted.",
     [("Location", "Ponds."), ("Time period", "Data from 1990 to 2000."), ("Major taxa studied", "Frogs."),
      ("Methods", "We counted.")]),
    ("Background: Maps help. Methods and output: We will map studies. Review findings: We found 40 studies.",
     [("Background", "Maps help."), ("Methods and output", "We will map studies."),
      ("Review findings", "We found 40 studies.")]),
    ("Participants: Adults. Measurements: Harm was scored. Results: Harm fell.",
     [("Participants", "Adults."), ("Measurements", "Harm was scored."), ("Results", "Harm fell.")]),
])
def test_the_headings_of_more_journals(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.label, s.text) for s in split_text(text)] == expected


def test_a_lay_summary_goes_apart_and_abstract_only_names_the_rest() -> None:
    lay, abstract = split_lay_summary(split_text("Plain-language summary: We asked. ABSTRACT: Text. RESULTS: More."))
    assert lay == (Section("Plain-language summary", "We asked."),)
    assert abstract == (Section("", "Text."), Section("RESULTS", "More."))


def test_running_headings_only_where_the_abstract_starts_with_one() -> None:
    assert split_running("Dengue is common. Results The end.") == [Section("", "Dengue is common. Results The end.")]
    assert split_running("Background Despite x. Methods A y. Results were robust.") == [
        Section("Background", "Despite x."), Section("Methods", "A y. Results were robust.")]


def test_headings_closed_by_a_full_stop_only_where_the_abstract_starts_with_one() -> None:
    # Embase, Scopus and Web of Science keep many authors' "Background. … Methods. …" (RefLib's Embase RIS,
    # CSIRO's "Context. … Aims.We examined … Key results. …" in litsearchr's Scopus BibTeX).
    assert split_text("Context. Reserves matter. Aims.We examined them. Key results. Few. Conclusions. Act.") == [
        Section("Context", "Reserves matter."), Section("Aims", "We examined them."), Section("Key results", "Few."),
        Section("Conclusions", "Act.")]
    assert split_text("Dengue is common. Results. The end.") == [Section("", "Dengue is common. Results. The end.")]
    assert split_text("Background. One heading alone may be a sentence.") == [
        Section("", "Background. One heading alone may be a sentence.")]
    assert split_text("Background. We saw the results. Methods. Counted.") == [
        Section("Background", "We saw the results."), Section("Methods", "Counted.")]


@pytest.mark.parametrize(("label", "shown"), [
    ("eLife digest", "eLife digest"), ("Methods and findings", "Methods and findings"),
    ("PATIENTS AND METHODS", "Patients and methods"), ("Author Summary", "Author Summary"), ("", ""),
])
def test_heading_keeps_a_printed_label_and_calms_capitals(label: str, shown: str) -> None:
    assert heading(label) == shown


# --- Web of Science: headings without colons -------------------------------------------------------------------

WOS = DATA / "ris" / "wos-structured-abstracts.txt"


def wos_articles() -> list[Article]:
    records, problems = ris.read(WOS.read_text(encoding="utf-8"), WOS.name)
    assert problems == []
    return [ris.to_article(r)[0] for r in records]


def test_a_label_that_opens_a_bracket_it_does_not_close_is_no_label() -> None:
    # Web of Science's record of PubMed 30547769 (knh11545/commandline4expertsearchers, no licence): the colon of
    # "PROSPERO (2017: CRD42017070104)" is inside the bracket, and "Prospero (2017" was shown as a heading.
    assert split_running("BackgroundGDM is common.Trial registrationPROSPERO (2017: CRD42017070104).") == [
        Section("Background", "GDM is common."), Section("Trial registration", "PROSPERO (2017: CRD42017070104).")]


def test_a_registration_opens_with_the_registry_not_a_label() -> None:
    # Web of Science's records of PubMed 31126270 and 31170967 (knh11545/commandline4expertsearchers, no licence)
    # showed an empty "Trial registration" and the registries as headings in sentence case, "Isrctn" and "Umin".
    assert split_running("BackgroundX.Trial registrationISRCTN: 2017-002402-13 registered 02/06/2017.")[1:] == [
        Section("Trial registration", "ISRCTN: 2017-002402-13 registered 02/06/2017.")]
    assert split_running("BackgroundX.Trial registrationUMIN: UMIN000031062. Registered on 1st February 2018.")[1:] == [
        Section("Trial registration", "UMIN: UMIN000031062. Registered on 1st February 2018.")]


def test_capital_headings_glued_to_the_sentence_before_them() -> None:
    """Epistemonikos' RIS export writes PubMed's sections joined without a space (its record of PubMed 16428698,
    ACCP's guideline on acute bronchitis, in a repository without a licence: "… must be considered.METHODS:
    Recommendations … infection.\"RESULTS: Unfortunately …"); the page showed the whole abstract under
    "Background". Typed anew in that shape. Only a usual heading is taken so; "JL:" after a period (an author's
    initials in a contributions note) stays text."""
    assert split_text('BACKGROUND: Cough lasts three weeks.METHODS: We searched for "cough."RESULTS: Few trials '
                      "(n = 4).CONCLUSION: Do not give antibiotics.") == [
        Section("BACKGROUND", "Cough lasts three weeks."), Section("METHODS", 'We searched for "cough."'),
        Section("RESULTS", "Few trials (n = 4)."), Section("CONCLUSION", "Do not give antibiotics.")]
    assert split_text("RESULTS: We wrote the manuscript.JL: analysed the images.") == [
        Section("RESULTS", "We wrote the manuscript.JL: analysed the images.")]
    (article,) = [ris.to_article(r)[0] for r in ris.read(
        "TY  - JOUR\nTI  - Acute cough in adults\nAB  - BACKGROUND: Cough lasts three weeks.METHODS: We searched."
        "\nUR  - http://www.epistemonikos.org/documents/0000\nU1  - 16428698[pmid]\nER  - \n", "e.ris")[0]]
    assert [s.label for s in article.abstract] == ["BACKGROUND", "METHODS"] and article.pmid == "16428698"


def test_wos_headings_on_lines_of_their_own() -> None:
    leadership = wos_articles()[0]  # "AB Objective" then "   To understand what kind of individuals …"
    assert [s.label for s in leadership.abstract] == ["Objective", "Methods", "Results", "Conclusion"]
    assert leadership.abstract[0].text.startswith("To understand what kind of individuals lead particular regimes")
    assert leadership.abstract[3].text.startswith("This article concludes with a recommendation")


def test_wos_headings_run_into_the_text() -> None:
    cytomegalovirus, staphylococcus = wos_articles()[1:]
    # "AB Background Cytomegalovirus (CMV) infection … . Objectives This study … . Methods Quantitative …"
    assert [s.label for s in cytomegalovirus.abstract] == ["Background", "Objectives", "Methods", "Results",
                                                           "Conclusions"]
    assert cytomegalovirus.abstract[0].text.startswith("Cytomegalovirus (CMV) infection may cause serious disease")
    assert cytomegalovirus.abstract[2].text.startswith("Quantitative surveillance data for CMV infection")
    # "AB BackgroundStaphylococcus aureus is …", then "   DesignAn ongoing …", "   ResultsOut of …"
    assert [s.label for s in staphylococcus.abstract] == ["Background", "Design", "Results", "Conclusions"]
    assert staphylococcus.abstract[0].text.startswith("Staphylococcus aureus is among the most common causes")
    assert staphylococcus.abstract[1].text.startswith("An ongoing prospective S.aureus surveillance database")
    assert staphylococcus.abstract[3].text.startswith("S.aureus represents an important cause of morbidity")
    assert not any(s.label for s in cytomegalovirus.lay_summary + staphylococcus.lay_summary)


# --- one abstract, several formats ------------------------------------------------------------------------------

def _sections(article: Article) -> tuple[tuple[str, str], ...]:
    return tuple((label_key(s.label), s.text) for s in (*article.lay_summary, None, *article.abstract) if s) + (
        ("lay parts", str(len(article.lay_summary))),)


def _as_one_text(article: Article) -> str:
    """The abstract as the catalogue dump writes it: "LABEL: text" parts, joined."""
    return " ".join(f"{s.label}: {s.text}" if s.label else s.text for s in (*article.lay_summary, *article.abstract))


def _works(roots: list[Path]) -> dict[str, list[tuple[str, Article]]]:
    """Every article with a structured abstract, by PMID or DOI, with the format it was read from."""
    works: dict[str, list[tuple[str, Article]]] = defaultdict(list)
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix != ".md":
                for record in read_file(path, path.name)[0]:
                    article = to_article(record)[0]
                    if article.pmid or article.doi:
                        works[article.pmid or article.doi.casefold()].append((record.format, article))
    return works


# The one work of the shared corpus whose formats disagree: PubMed XML labels a part "Backgroud" (sic); written
# into one paragraph (the catalogue dump) no table can know that misspelt heading.
MISSPELT_HEADING = {"34094859"}


def _disagreements(roots: list[Path]) -> tuple[int, list[str]]:
    compared, differ = 0, []
    for key, found in _works(roots).items():
        structured = [(fmt, a) for fmt, a in found if len(a.abstract) + len(a.lay_summary) > 1]
        if len({fmt for fmt, _ in found}) < 2 or not structured:
            continue
        # Sources whose abstract text differs (Scopus and Web of Science spell words apart) are not compared.
        by_text: dict[str, list[tuple[str, Article]]] = defaultdict(list)
        for fmt, article in found:
            by_text[" ".join(_as_one_text(article).casefold().split())].append((fmt, article))
        for same in by_text.values():
            if len({fmt for fmt, _ in same}) > 1:
                compared += 1
                if len({_sections(a) for _, a in same}) > 1 and key not in MISSPELT_HEADING:
                    differ.append(f"{key}: " + "; ".join(f"{fmt} {[s.label for s in a.abstract]}" for fmt, a in same))
    return compared, differ


def test_one_abstract_gives_the_same_sections_from_every_format() -> None:
    """tests/data holds one work in several formats: PubMed XML and the catalogue dump (title-case labels),
    JATS and the catalogue dump (an author summary), RIS and BibTeX (Zotero), the catalogue and VuFind JSON."""
    compared, differ = _disagreements([DATA])
    assert compared >= 4
    assert differ == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
def test_every_work_of_the_corpus_gives_the_same_sections_from_every_format() -> None:
    compared, differ = _disagreements([CORPUS, DATA])
    assert compared > 70
    assert differ == []


# --- headings on the page ---------------------------------------------------------------------------------------

def test_headings_are_shown_as_printed(tmp_path: Path, html) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in ("jats-xml/elife-00003-front.xml", "ris/wos-structured-abstracts.txt",
                 "catalogue-dump/structured-abstract.txt"):
        (site / "content" / Path(name).name).write_bytes((DATA / name).read_bytes())
    out = tmp_path / "_site"
    build(site, out)
    pages = {html.text(html.main(doc).find(".//h1")): doc
             for doc in (html.parse(p) for p in sorted((out / "articles").glob("*.html")))}
    elife = pages["A novel role for lipid droplets in the organismal antibacterial response"]
    assert "eLife digest" in html.headings(html.main(elife), "h3")
    leadership = pages["Achieving Democratic Leadership: A Data-Mined Prescription"]
    assert html.headings(html.main(leadership), "h3")[:4] == ["Objective", "Methods", "Results", "Conclusion"]
    shouted = next(doc for title, doc in pages.items() if title.startswith("Socio-demographic inequalities"))
    assert html.headings(html.main(shouted), "h3")[:2] == ["Background", "Patients and methods"]


# --- a label that names no section, then the first real one ----------------------------------------------------

def test_unlabelled_then_a_label_starts_that_section() -> None:
    # RefLib's MEDLINE of PubMed 18597235: "AB  - UNLABELLED: INTRODUCTION AND CASE DESCRIPTION: Intramedullary …"
    path = DATA / "medline-nbib" / "reflib-unlabelled.nbib"
    (record,) = read_file(path, path.name)[0]
    lipoma = to_article(record)[0]
    assert [s.label for s in lipoma.abstract] == ["INTRODUCTION AND CASE DESCRIPTION", "CONCLUSION"]
    assert lipoma.abstract[0].text.startswith("Intramedullary lipomas are rare tumours of the spinal cord")
    assert [(s.label, s.text) for s in split_lay_summary(split_text("ABSTRACT: BACKGROUND: a. RESULTS: b."))[1]] == [
        ("BACKGROUND", "a."), ("RESULTS", "b.")]


def test_an_accessible_summary_is_a_lay_summary() -> None:
    """The Journal of Psychiatric and Mental Health Nursing opens its abstracts with an "Accessible summary" for
    lay readers, then "Abstract" (PubMed: "ACCESSIBLE SUMMARY: … ABSTRACT: …", as a Zotero CSV export of PubMed's
    record of 10.1111/jpm.12251 writes it, in GitHub camaradesuk/ASySD's tests, GPL: the shape retyped). The
    "ABSTRACT" label was dropped and its text shown as the summary's second paragraph, under "Accessible summary";
    the summary now stands apart and the abstract after it."""
    lay, abstract = split_lay_summary(split_text(
        "ACCESSIBLE SUMMARY: Relapses harm. Early signs help. ABSTRACT: The programme failed. It was not effective."))
    assert lay == (Section("ACCESSIBLE SUMMARY", "Relapses harm. Early signs help."),)
    assert abstract == (Section("", "The programme failed. It was not effective."),)


def test_running_headings_are_not_cut_out_of_labels_that_a_colon_closes() -> None:
    """In "RESULTS: Thirty …" the running heading "RESULT" was cut out, glued to the "S" after it, and the text
    read "S: Thirty …"; "HYPOTHESIS / AIMS OF STUDY:" was cut after "AIMS". A heading glued to its text still
    is one where the glue shows: "SUMMARYData form …" (SciELO), "BackgroundStaphylococcus …"."""
    assert [(s.label, s.text) for s in split_running("BACKGROUND The x. RESULTS: Thirty women. METHODS We.")] == [
        ("BACKGROUND", "The x."), ("RESULTS", "Thirty women."), ("METHODS", "We.")]
    assert [(s.label, s.text) for s in split_running("HYPOTHESIS / AIMS OF STUDY: Some. RESULTS: Many.")] == [
        ("HYPOTHESIS / AIMS OF STUDY", "Some."), ("RESULTS", "Many.")]
    assert [(s.label, s.text) for s in split_running("SUMMARYData form a program.")] == [
        ("SUMMARY", "Data form a program.")]
    assert [(s.label, s.text) for s in split_running("BackgroundStaphylococcus is. Methods We did.")] == [
        ("Background", "Staphylococcus is."), ("Methods", "We did.")]


@pytest.mark.parametrize("mark", [".", "?", "!"])
def test_a_heading_glued_after_each_mark_that_ends_a_sentence(mark: str) -> None:
    """A heading glued to the sentence before it and the word after it is looked for after a full stop, a question
    mark and an exclamation mark alike (each searched for on its own: a class of the three at every character was
    the slower scan), and not where no mark ends a sentence without a space."""
    assert split_text(f"Background: Is this so{mark}Main bodyTo meet this need, we ask.") == [
        Section("Background", f"Is this so{mark}"), Section("Main body", "To meet this need, we ask.")]
    assert split_text(f"Background: Is this so{mark} Main bodyTo meet this need.") == [
        Section("Background", f"Is this so{mark} Main bodyTo meet this need.")]


def test_bioinformatics_headings_and_one_glued_to_an_email_address() -> None:
    """HighWire's RIS of Bioinformatics' abstracts (the Kortemme lab's list, tests/data/ris/klab-publishers.ris)
    runs their sections into one line, the last glued to the contact's address: "… in the second pass.Availability
    and implementation: Programs … piecemeal.html.Contact: bystrc@rpi.eduSupplementary information: Supplementary
    data …". The page showed the availability, the contact and the supplementary information as words of the
    results."""
    text = ("Motivation: Accuracy requires a search. Results: Piecemeal design is faster.Availability and "
            "implementation: Programs are available.Contact: bystrc@rpi.eduSupplementary information: "
            "Supplementary data are available at Bioinformatics online.")
    assert [(s.label, s.text) for s in split_text(text)] == [
        ("Motivation", "Accuracy requires a search."), ("Results", "Piecemeal design is faster."),
        ("Availability and implementation", "Programs are available."), ("Contact", "bystrc@rpi.edu"),
        ("Supplementary information", "Supplementary data are available at Bioinformatics online.")]
    assert [(s.label, s.text) for s in split_text("Contact: a@b.org, c@d.eduAll else: here.")] == [
        ("Contact", "a@b.org, c@d.eduAll else: here.")]
    records, _ = ris.read((Path(__file__).parent / "data" / "ris" / "klab-publishers.ris").read_text(), "klab.ris")
    (piecemeal,) = (a for a in (to_article(r)[0] for r in records) if a.journal == "Bioinformatics")
    assert [s.label for s in piecemeal.abstract] == [
        "Motivation", "Results", "Availability and implementation", "Contact", "Supplementary information"]
    assert piecemeal.doi == "10.1093/bioinformatics/btt735"
