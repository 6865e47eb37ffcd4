"""The RIS reader: real Zotero, Lens, Embase, Ovid, Rayyan, Scopus and Web of Science exports read field by
field, and what broken files give."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import reading

from site_builder import readers
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Language, Person, Section
from site_builder.model.sections import split_text
from site_builder.readers import ris, shared

DATA = Path(__file__).resolve().parents[1] / "data" / "ris"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "ris"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def text_of(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")  # BOM and CRLF kept, as the exporters wrote them


def read(name: str):
    records, diagnostics = ris.read(text_of(name), name)
    return records, diagnostics


def test_records_start_at_their_ty_lines() -> None:
    text = text_of("pubmed_zotero.ris")
    records, diagnostics = ris.read(text, "pubmed_zotero.ris")
    assert diagnostics == []
    ty_lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.startswith("TY  - ")]
    assert [r.where.line for r in records] == ty_lines == [1, 26, 50, 81, 106, 129]
    assert {r.format for r in records} == {"ris"}
    assert all(str(r.where).startswith("pubmed_zotero.ris:") for r in records)


@pytest.mark.parametrize("name", ["pubmed_zotero.ris", "rayyan-subset.txt", "ris_issue_1099.txt", "lens-subset.ris",
                                  "cff-endnote.ris", "cff-mendeley.ris"])
def test_fields_keep_every_word_in_order(name: str) -> None:
    """Lossless: the words of the field values are the words of the file without tags and ER lines."""
    records, _ = read(name)
    from_fields = [w for r in records for f in r.fields for v in f.values for w in v.split()]
    lines = text_of(name).removeprefix("\ufeff").splitlines()
    from_file = [w for line in lines if not line.startswith("ER  -")
                 for w in re.sub(r"^[A-Z][A-Z0-9]  -", "", line).split()]
    assert from_fields == from_file


def test_a_field_keeps_its_tag_values_and_line() -> None:
    records, _ = read("pubmed_zotero.ris")
    second = records[1]
    assert second.fields[0] == Field("TY", ("JOUR",), 26)
    assert [f.values[0] for f in second.fields if f.name == "AU"] == [
        "Hicks, G.", "Abdulaal, A.", "Slesser, A. A. P.", "Mohsen, Y."]
    assert second.line_of("DA") == 34 and second.first("DA") == "2019/10//undefined"


def test_article_from_a_zotero_pubmed_record() -> None:
    records, _ = read("pubmed_zotero.ris")
    article, problems = ris.to_article(records[1])
    assert problems == []
    assert article.title == ("Outcomes of inflammatory bowel disease surgery in obese versus non-obese patients: "
                             "a meta-analysis.")
    assert article.authors[2] == Person("Slesser, A. A. P.", "Slesser", "A. A. P.")
    assert (article.journal, article.journal_abbrev) == ("Techniques in coloproctology", "Tech Coloproctol")  # T2, J2
    assert article.date == "2019-10"  # DA 2019/10//undefined is more precise than PY 2019
    assert article.languages == (Language("English", "en", "eng"),)  # LA eng
    assert article.doi == "10.1007/s10151-019-02080-0"
    assert article.id == "doi-10.1007/s10151-019-02080-0"
    assert (article.volume, article.issue, article.pages) == ("23", "10", "947-955")
    assert article.keywords == ("Inflammatory bowel disease", "Obesity", "Perioperative outcomes", "Surgery")
    assert [s.label for s in article.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert article.abstract[0].text.startswith("Obesity is considered a risk factor")
    assert article.records == (records[1],)


def test_cyrillic_record_with_bom() -> None:
    text = text_of("example_utf_chars.ris")
    assert text.startswith("\ufeffTY  - ")
    assert ris.sniff(text[:200])
    records, diagnostics = ris.read(text, "utf.ris")
    assert diagnostics == []
    (record,) = records
    assert record.fields[0] == Field("TY", ("Journal Article",), 1)
    # The abstract continues on a line without a tag: a second value of AB.
    assert record.values("AB")[1].startswith("The state of the receptor apparatus")
    article, _ = ris.to_article(record)
    assert article.title.startswith("Состояние рецепторного аппарата эндометрия")  # ST, the only title
    assert [p.name for p in article.authors] == [
        "Dobrokhotova, Yu E.", "Yusupova, R. O.", "Ozerova, R. I.", "Fayzullin, L. Z.", "Karnaukhov, V. N."]
    assert article.journal == "Gynecology, Obstetrics and Perinatology"
    assert (article.date, article.volume, article.issue, article.pages) == ("2009", "8", "3", "52-57")
    assert article.abstract[0].text.endswith("in the late reproductive period")


def test_lens_export_with_bom_and_crlf() -> None:
    records, diagnostics = read("lens-subset.ris")
    assert diagnostics == []
    assert [r.where.line for r in records] == [1, 32, 67]
    assert not any("\r" in v or "\ufeff" in v for r in records for f in r.fields for v in (f.name, *f.values))
    article, _ = ris.to_article(records[0])
    assert article.authors[0] == Person("Blomberg, Björn A.", "Blomberg", "Björn A.")
    # Lens gives PubMed and PMC only as links; they become identifiers and the links are left to the pages.
    assert (article.pmid, article.pmcid, article.doi) == ("22752652", "PMC3553406", "10.1007/s11307-012-0572-0")
    assert article.id == "pubmed-3553406"
    assert article.date == "2012-07-03"
    assert not any("ncbi.nlm.nih.gov" in link.url or "doi.org" in link.url for link in article.links)
    assert article.links[0].url == "https://lens.org/000-463-679-101-319"


def test_crlf_and_lf_give_the_same_records() -> None:
    text = text_of("pubmed_zotero.ris")
    lf, _ = ris.read(text, "a.ris")
    crlf, _ = ris.read("\ufeff" + text.replace("\n", "\r\n"), "a.ris")
    assert [r.fields for r in crlf] == [r.fields for r in lf]


def test_embase_record_with_empty_tag_and_initials_without_comma() -> None:
    records, diagnostics = read("example_empty_tag.ris")
    assert diagnostics == []
    record = records[0]
    assert Field("SP", ("",), 15) in record.fields
    article, _ = ris.to_article(record)
    assert article.authors == (Person("Fanning, E.", "Fanning", "E."),)
    assert article.doi == "10.1177/2325967120950040"  # from http://dx.doi.org/…
    assert (article.journal, article.journal_abbrev) == ("Orthopaedic Journal of Sports Medicine",
                                                         "Orthop. J. Sports Med.")
    assert article.date == "2020"
    assert article.pages == ""
    assert article.keywords == ("athlete", "biomechanics", "bone remodeling")  # Embase's "*" major-term mark off
    assert article.abstract[0].label == "Background"
    assert article.abstract[0].text.endswith("safe return to sport...")


def test_web_of_science_tagged_records() -> None:
    records, diagnostics = read("example_wos.ris")
    assert diagnostics == []  # the FN/VR head and the EF end are the file's, not stray text
    assert [r.where.line for r in records] == [3, 112]
    assert records[0].preamble == ("FN Clarivate Analytics Web of Science", "VR 1.0")
    assert records[0].values("AU") == ("Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA")
    article, _ = ris.to_article(records[0])
    assert article.title == ("Interactions stabilizing the structure of the core light-harvesting complex (LHl) "
                             "of photosynthetic bacteria and its subunit (B820)")
    assert [p.name for p in article.authors] == ["Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA"]
    assert (article.journal, article.journal_abbrev) == ("BIOCHEMISTRY", "Biochemistry")  # SO as printed, JI
    assert article.date == "2004-06-08"  # PY 2004, PD JUN 8
    assert (article.pmid, article.doi, article.id) == ("15170338", "10.1021/bi049798f", "pubmed-15170338")
    assert article.pages == "7003-7016"
    assert article.languages == (Language("English", "en", "eng"),)
    assert article.keywords[:2] == ("CHEMICALLY SYNTHESIZED POLYPEPTIDES", "IN-VITRO RECONSTITUTION")
    assert "ANTENNA COMPLEX" in article.keywords  # a keyword that ran onto a continuation line


def test_jo_beside_a_different_jf_is_the_journals_abbreviation() -> None:
    """AIP's RIS (JabRef's RisImporterTestDate1.1.ris) names the journal in T2 and JF, and abbreviates it in JO
    ("J. Chem. Phys."), as Embase's export does; its Y2 is the day the record was accessed, not published."""
    (record,), diagnostics = read("jabref-aip-journal-abbrev.ris")
    article = ris.to_article(record)[0]
    assert diagnostics == []
    assert (article.journal, article.journal_abbrev) == ("The Journal of Chemical Physics", "J. Chem. Phys.")
    assert (article.date, article.volume, article.issue, article.pages) == ("2005-07-15", "123", "3", "034708")
    (alone,), _ = ris.read("TY  - JOUR\nTI  - A title\nJO  - Acta Materialia\nER  - \n", "sciencedirect.ris")
    assert (ris.to_article(alone)[0].journal, ris.to_article(alone)[0].journal_abbrev) == ("Acta Materialia", "")


def test_sciencedirects_journal_is_its_jo_and_its_t2_the_issues_title() -> None:
    """ScienceDirect's RIS export (records of the Kortemme lab's publication list, klab/biblio/test.py) names the
    journal in JO and, for an article of a special issue or an issue's section, that title in T2 ("T2  - (1) The
    Digital, Democratic Age of Scientific Abstracts (2) Targeting and Tinkering with Interaction Networks",
    "T2  - Nucleic acids / Sequences and topology"), which the page showed as the journal."""
    records, diagnostics = read("klab-publishers.ris")
    articles = {a.doi: a for a in (ris.to_article(r)[0] for r in records)}
    assert diagnostics == []
    assert [(articles[doi].journal, articles[doi].journal_abbrev) for doi in (
        "10.1016/j.febslet.2008.02.020", "10.1016/j.sbi.2010.02.004")] == [
        ("FEBS Letters", ""), ("Current Opinion in Structural Biology", "")]
    febs = articles["10.1016/j.febslet.2008.02.020"]
    assert (febs.volume, febs.issue, febs.pages, febs.date) == ("582", "8", "1245-1250", "2008-04-09")


def test_a_note_that_is_a_doi_gives_the_doi() -> None:
    """HighWire's RIS export (PNAS, Science, Bioinformatics) gives the DOI only in a note, "N1  - doi:
    10.1073/pnas.1114487109", and Nature's in one beside M3 ("N1  - 10.1038/msb.2009.9"): the page showed no
    DOI for the first. A note with more than a DOI in it gives none."""
    records, _ = read("klab-publishers.ris")
    by_title = {a.title: a for a in (ris.to_article(r)[0] for r in records)}
    pnas = by_title["Control of protein signaling using a computationally designed GTPase/GEF orthogonal pair"]
    assert (pnas.doi, pnas.journal, pnas.pages) == (
        "10.1073/pnas.1114487109", "Proceedings of the National Academy of Sciences", "5277-5282")
    msb = by_title["Complex topology rather than complex membership is a determinant of protein dosage sensitivity"]
    assert msb.doi == "10.1038/msb.2009.9"
    (noted,), _ = ris.read("TY  - JOUR\nTI  - A title\nN1  - See also doi: 10.1073/pnas.1114487109\nER  - \n",
                           "note.ris")
    assert ris.to_article(noted)[0].doi == ""


def test_atypons_y1_is_the_day_online_and_its_da_the_issues_date() -> None:
    """The American Chemical Society's RIS export (Atypon's) writes the day an article went online in Y1 and its
    issue's date in DA: JACS 135(34) of 28 August 2013 ("Y1  - 2013/08/07", "DA  - 2013/08/28") was dated 7
    August, the issue's date on no page but the full record. DA is now the date and Y1 the electronic date; a DA on
    the first of a month is that month ("DA  - 2004/03/01" for Biochemistry 43(9) of 9 March 2004)."""
    records, _ = read("klab-publishers.ris")
    by_doi = {a.doi: a for a in (ris.to_article(r)[0] for r in records)}
    assert [(by_doi[doi].date, by_doi[doi].epub_date) for doi in ("10.1021/ja404992r", "10.1021/bi034873s")] == [
        ("2013-08-28", "2013-08-07"), ("2004-03", "2004-02-13")]
    assert (by_doi["10.1038/msb.2009.9"].date, by_doi["10.1038/msb.2009.9"].epub_date) == ("2009-03-17", "")
    (same,), _ = ris.read("TY  - JOUR\nTI  - A title\nY1  - 2015/06/05\nPY  - 2015\nDA  - 2015/06/05\nER  - \n",
                          "acs.ris")
    assert (ris.to_article(same)[0].date, ris.to_article(same)[0].epub_date) == ("2015-06-05", "")


def test_one_kw_of_keywords_parted_by_bare_commas_is_each_a_keyword() -> None:
    """The IEEE Computer Society's RIS export writes every keyword in one KW, "KW  - Proteins,Linear
    programming,Amino acids,…,rotamers" (10.1109/TCBB.2013.113): the page showed one keyword of 16. A record's
    only KW that parts three or more with commas no space follows is each a keyword; a comma between digits is a
    chemical name's, and a KW with ", " in it stays one keyword."""
    records, _ = read("klab-publishers.ris")
    ieee = next(a for a in (ris.to_article(r)[0] for r in records) if a.doi == "10.1109/TCBB.2013.113")
    assert ieee.keywords[:3] == ("Proteins", "Linear programming", "Amino acids") and len(ieee.keywords) == 16
    for line, keywords in [("1,2-dichloroethane,benzene,toluene", ("1,2-dichloroethane", "benzene", "toluene")),
                           ("Hong Kong, China,Asia", ("Hong Kong, China,Asia",)), ("a,b", ("a,b",))]:
        (record,), _ = ris.read(f"TY  - JOUR\nTI  - A title\nKW  - {line}\nER  - \n", "kw.ris")
        assert ris.to_article(record)[0].keywords == keywords


def test_pmc_and_pubmed_give_their_ids_in_user_fields() -> None:
    """PMC's RIS names the PMID only in "U1  - 23690738[pmid]"; PubMed's writes "U2  - PMC4756000[pmcid]" too."""
    (record,), diagnostics = read("jabref-pmc.ris")
    article = ris.to_article(record)[0]
    assert diagnostics == [] and (article.pmid, article.pmcid, article.doi) == (
        "23690738", "PMC3654245", "10.1155/2013/219840")
    (pubmed,), _ = ris.read("TY  - JOUR\nTI  - A title\nU1  - 26957754[pmid]\nU2  - PMC4756000[pmcid]\n"
                            "U4  - jpts-2015-817[PII]\nER  - \n", "pubmed.ris")
    assert (ris.to_article(pubmed)[0].pmid, ris.to_article(pubmed)[0].pmcid) == ("26957754", "PMC4756000")
    (other,), _ = ris.read("TY  - JOUR\nTI  - A title\nU1  - 123 patients\nU2  - x[pmid]\nER  - \n", "o.ris")
    assert (ris.to_article(other)[0].pmid, ris.to_article(other)[0].pmcid) == ("", "")


def test_inspec_records_in_web_of_science_tagged_form() -> None:
    """Inspec's ID holds the article's identifiers, not keywords: its DOI is read from it; its DE runs all its
    indexing, parted by "/ " and "; "; its "/sub 2/" and "/sup +/" are subscripts and superscripts."""
    records, diagnostics = read("jabref-inspec.isi")
    assert diagnostics == []
    laser, crystals = (ris.to_article(r)[0] for r in records)
    assert (laser.doi, crystals.doi) == ("10.1063/1.2234275", "10.1088/0953-8984/18/23/006")
    assert laser.title == ("Second harmonic generation of continuous wave ultraviolet light and production of "
                           "beta -BaB\u2082O\u2084 optical waveguides")
    assert crystals.title == "Optical and photoelectric spectroscopy of photorefractive Sn\u2082P\u2082S\u2086 crystals"
    assert "Sn\u2082P\u2082S\u2086 crystals were carried out" in crystals.abstract[0].text
    assert laser.keywords[:3] == ("Experimental", "barium compounds", "ion implantation")
    assert {"beta -BaB\u2082O\u2084 optical waveguides", "He\u207a implantation", "second harmonic generation",
            "A4255R Lasing action in other solids", "wavelength 2.78E-07 m"} <= set(laser.keywords)
    assert "A7240 Photoconduction and photovoltaic effects; photodielectric effects" in crystals.keywords
    assert not any("[" in k or "]" in k or "/ " in k for k in laser.keywords + crystals.keywords)
    assert laser.keywords[-1] == "BaB2O4/ss B2/ss Ba/ss O4/ss B/ss O/ss"  # chemical indexing, as written
    # pages numbered within the article ("BP 41103-1", "EP 41103-41103-3"): the page showed the one page "41103-1";
    # it shows Inspec's span, PS "41103-1-3"
    assert (laser.pages, crystals.pages) == ("41103-1-3", "5323-5331")


def test_scopus_review_with_pmid_and_copyright() -> None:
    records, _ = read("scopus-review.ris")
    article, _ = ris.to_article(records[0])
    assert article.topics == ("Review",)  # M3  - Review
    assert article.pmid == "30704343"  # Scopus writes the PubMed id in C2
    assert article.rights == "© 2019, © 2019 Taylor & Francis Group, LLC."
    assert "©" not in " ".join(s.text for s in article.abstract)
    assert len(records[0].values("N1")) > 100  # the reference list, one value a line


def test_ovid_numbers_tags_after_er_and_trailing_text() -> None:
    records, diagnostics = read("ovid-psycinfo-subset.ris")
    assert [r.where.line for r in records] == [2, 31]
    assert records[0].preamble == ("1.",)
    assert records[1].preamble == ("2.",)  # a record's number belongs to the record it opens
    # The links after a record's ER (and NL) name that record (its AN), so they stay with it.
    assert records[0].fields[-2] == Field("NL", ("Clin Psychol Psychother",), 26)
    assert records[0].fields[-1].name == ris.AFTER_END and records[0].fields[-1].line == 28
    assert records[0].fields[-1].values[0].startswith("Link to the Ovid Full Text or citation: https://")
    assert "AN=2019-65183-001" in records[0].fields[-1].values[0]
    assert records[1].fields[-1].line == 106 and "AN=2019-29490-001" in records[1].fields[-1].values[0]
    article, _ = ris.to_article(records[0])
    assert (article.journal, article.journal_abbrev) == ("Clinical Psychology & Psychotherapy",
                                                         "Clin Psychol Psychother")  # JF, NL
    assert article.pages == ""  # SP "No", EP "Specified"
    # The cut leaves the "3." of a record that is not there: that line alone is reported.
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.WARNING, 108)]
    assert "after the last record" in diagnostics[0].message


def test_apa_psycinfo_notice_closing_an_abstract_is_its_rights() -> None:
    # Ovid's PsycINFO RIS ends each N2 with "(PsycINFO Database Record (c) 2019 APA, all rights reserved)": the
    # notice was shown as the abstract's last words.
    articles = [ris.to_article(r)[0] for r in read("ovid-psycinfo-subset.ris")[0]]
    assert [a.rights for a in articles] == ["PsycINFO Database Record (c) 2019 APA, all rights reserved"] * 2
    assert articles[0].abstract[-1].text.endswith("refer high self-critical patients to psychological care.")
    assert all("Database Record" not in s.text for a in articles for s in a.abstract)


def test_ovid_medline_notices_in_t3_are_the_articles_notices() -> None:
    # Zotero's RIS of an Ovid MEDLINE record gives MEDLINE's "Erratum in" in T3, the citation followed by its PubMed
    # link in brackets (CiteSource's medline_84.ris; retyped here with a made-up citation): it was in the full
    # record only.
    text = ("TY  - JOUR\nTI  - A made-up review of orchard soils.\nT2  - Journal of made-up orchards\n"
            "T3  - Erratum in: J Made Up Orchards. 2022 May;29(21):323 PMID: 90000011 "
            "[https://www.ncbi.nlm.nih.gov/pubmed/90000011]\nPY  - 2021\nDB  - Ovid MEDLINE(R) <2021>\n"
            "L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=med20&NEWS=N&AN=90000010\n"
            "N1  - <p>Erratum in (EIN)</p>\nER  - \n")
    (record,), _ = ris.read(text, "zotero.ris")
    article, _ = ris.to_article(record)
    assert [(n.kind, n.citation, n.pmid) for n in article.notices] == [
        ("ErratumIn", "J Made Up Orchards. 2022 May;29(21):323", "90000011")]
    assert article.journal == "Journal of made-up orchards"


def test_lens_null_for_a_missing_part_of_a_name_is_no_part() -> None:
    # Lens.org's RIS writes "null" for the part of a name its data lacks ("AU  - Sneha, null", "AU  - The Lancet,
    # null", "AU  - null, null": CiteSource's lens_343.ris; retyped here with names of the project's own): the page
    # showed "null Quince" and cited "Quince N".
    text = ("TY  - CHAP\nAU  - Pear, Ada\nAU  - Quince, null\nAU  - null, null\nAU  - The Orchard Journal, null\n"
            "TI  - A made-up chapter on orchard ladders\nPY  - 2023\nER  - \n")
    (record,), _ = ris.read(text, "lens.ris")
    article, _ = ris.to_article(record)
    assert [(p.name, p.family, p.given) for p in article.authors] == [
        ("Pear, Ada", "Pear", "Ada"), ("Quince", "", ""), ("The Orchard Journal", "", "")]


def test_rayyan_keywords_one_a_line() -> None:
    records, _ = read("rayyan-subset.txt")
    assert records[0].values("KW")[:3] == ("Health Facility Administration", "Joint Commission", "Standards")
    article, _ = ris.to_article(records[0])
    assert len(article.keywords) == 13 and article.keywords[-1] == "Patient Education"
    assert article.id == "ris-rayyan-264552525"  # no DOI or PubMed id: the accession number
    assert article.authors == ()


def test_scopus_free_text_inside_a_record_continues_the_field() -> None:
    records, diagnostics = read("ris_issue_1099.txt")
    assert diagnostics == []
    assert Field("U3", ("Cited By :9", "Export Date: 12 May 2022", "Article"), 15) in records[0].fields
    assert records[0].first("PB") == "VSB-Technical University of Ostrava"


def test_missing_er_is_an_error_and_both_records_load() -> None:
    text = text_of("pubmed_zotero.ris")
    lines = text.split("\n")
    broken = "\n".join(line for i, line in enumerate(lines) if i != 23)  # the first record's ER
    assert lines[23] == "ER  -"
    records, diagnostics = ris.read(broken, "broken.ris")
    assert len(records) == 6
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "broken.ris:1")]
    assert "no 'ER' line before the next record starts at line 25" in diagnostics[0].message
    assert records[0].values("KW")[-1] == "ulcerative colitis"


def test_tags_without_ty_are_reported_and_the_other_records_load() -> None:
    text = text_of("pubmed_zotero.ris")
    lines = text.split("\n")
    assert lines[25] == "TY  - JOUR"
    broken = "\n".join(lines[:25] + lines[26:])  # the second record loses its TY line
    records, diagnostics = ris.read(broken, "broken.ris")
    assert len(records) == 5
    assert [(d.level, str(d.where)) for d in diagnostics] == [
        (Level.ERROR, "broken.ris:26"), (Level.WARNING, "broken.ris:47")]
    assert "'TI' line outside any record" in diagnostics[0].message
    assert "'ER' line with no record open" in diagnostics[1].message
    assert records[1].first("TI").startswith("Traditional Chinese medicine")


def test_unterminated_last_record_is_read_with_an_error() -> None:
    text = text_of("example_empty_tag.ris").replace("ER  -", "")
    records, diagnostics = ris.read(text, "x.ris")
    assert len(records) == 1 and records[0].first("DO").endswith("2325967120950040")
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 1)]


def test_sniff() -> None:
    for name in ("pubmed_zotero.ris", "example_wos.ris", "ovid-psycinfo-subset.ris", "lens-subset.ris"):
        assert ris.sniff(text_of(name)[:4096]), name
    assert not ris.sniff("@article{key,\n title={x}}\n")
    assert not ris.sniff('[{"type": "article-journal", "title": "x"}]')


def test_missing_title_is_an_error() -> None:
    records, _ = ris.read("TY  - JOUR\nAU  - Doe, Jane\nER  - \n", "t.ris")
    article, problems = ris.to_article(records[0])
    assert article.title == "Untitled record"
    assert [(d.level, str(d.where)) for d in problems] == [(Level.ERROR, "t.ris:1")]


@needs_corpus
@pytest.mark.parametrize("path", sorted(p for p in CORPUS.glob("*/*") if p.name != "SOURCE.md"),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_reads_without_errors(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    records, diagnostics = ris.read(text, path.name)
    assert [d for d in diagnostics if d.level is Level.ERROR] == []
    starts = len(re.findall(r"^\ufeff?(?:TY  - |PT [A-Z]$)", text, re.M))
    assert len(records) == starts
    misplaced = {("ovid_zotero.ris", 58)}  # a reference in IS ("Achenbach, T. (1991). Child Behavior …"): reported
    for record in records:
        article, problems = ris.to_article(record)
        assert article.title and article.title != "Untitled record", record.where
        expected = [(path.name, record.line_of("IS"))] if (path.name, record.line_of("IS")) in misplaced else []
        assert [(path.name, p.where.line) for p in problems] == expected


@needs_corpus
def test_scielo_names_and_portuguese_text() -> None:
    path = CORPUS / "synthesisr" / "scielo.ris"  # GPL-3: read in place, never copied
    records, _ = ris.read(path.read_text(encoding="utf-8"), "scielo.ris")
    people = {p.name for r in records for p in ris.to_article(r)[0].authors}
    assert {"Sánchez-Guzmán, Jessica Nathalia", "Efe, Márcio A."} <= people


def test_section_labels_of_a_structured_abstract() -> None:
    records, _ = read("pubmed_zotero.ris")
    article, _ = ris.to_article(records[0])
    assert article.abstract[:2] == (
        Section("Introduction", article.abstract[0].text), Section("Aim", article.abstract[1].text))
    assert article.abstract[0].text.startswith("There are studies demonstrating the relation")


def test_a_keyword_line_is_one_keyword_commas_and_all() -> None:
    text = "TY  - JOUR\nTI  - T\nKW  - Neoplasms, Glandular and Epithelial\nKW  - liver; pancreas\nER  - \n"
    records, _ = ris.read(text, "k.ris")
    assert ris.to_article(records[0])[0].keywords == ("Neoplasms, Glandular and Epithelial", "liver", "pancreas")


# --- the tag line as other writers write it ----------------------------------------------------------------------

# pubmed_zotero.ris (a real Zotero export) rewritten with the separators other writers use.
SEPARATORS = {
    "one space before the hyphen": " - ",
    "a tab on each side": "\t-\t",
    "no space after the hyphen": "  -",
    "one space, a tab after": " -\t",
}


def _with_separator(text: str, separator: str) -> str:
    return re.sub(r"^([A-Z][A-Z0-9])  - ?", lambda m: m.group(1) + separator, text, flags=re.M)


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_every_record_is_read_whatever_the_separator(separator: str) -> None:
    original = text_of("pubmed_zotero.ris")
    text = _with_separator(original, separator)
    assert "TY  - " not in text
    assert readers.choose_reader(Path("export.ris"), text[:4096]) is not None
    assert readers.choose_reader(Path("export.ris"), text[:4096]).format == "ris"
    records, diagnostics = ris.read(text, "export.ris")
    assert diagnostics == []
    # Counted apart from the reader: one record a TY line, each closed by an ER line.
    starts = re.findall(r"^TY\s*-", text, re.M)
    ends = re.findall(r"^ER\s*-", text, re.M)
    assert len(records) == len(starts) == len(ends) == 6
    expected = ris.read(original, "export.ris")[0]
    assert [r.fields for r in records] == [r.fields for r in expected]


def test_a_file_of_two_space_tags_takes_no_other_separator() -> None:
    """In a file of "XX  - " lines, an abstract line "T2 - weighted …" continues the abstract."""
    original = ris.read(text_of("pubmed_zotero.ris"), "export.ris")[0][0]
    text = text_of("pubmed_zotero.ris").replace("\nAU  - ", "\nT2 - weighted images were compared\nAU  - ", 1)
    record = ris.read(text, "export.ris")[0][0]
    before = [(f.name, f.values) for f in original.fields]
    grown = [(f.name, f.values) for f in record.fields if (f.name, f.values) not in before]
    assert len(record.fields) == len(original.fields) and len(grown) == 1
    assert grown[0][1][-1] == "T2 - weighted images were compared"
    assert record.values("T2") == original.values("T2")


def test_a_loose_file_takes_its_own_separator_for_any_tag() -> None:
    """Ovid's AI tag is no RIS tag; written with the file's own separator it is still a field of its own."""
    text = _with_separator(text_of("ovid-psycinfo-subset.ris"), " - ")
    record = ris.read(text, "export.ris")[0][0]
    assert record.first("AI").startswith("ORCID: http://orcid.org/Trindade, Ines A.")
    assert [f.values for f in record.fields] == [
        f.values for f in ris.read(text_of("ovid-psycinfo-subset.ris"), "export.ris")[0][0].fields]


@pytest.mark.parametrize("name", ["../medline-nbib/blachlylab-subset.nbib", "example_wos.ris"])
def test_medline_and_web_of_science_are_not_taken_for_ris(name: str) -> None:
    """MEDLINE's "TI  - " lines and Web of Science's "PT J" head are their own formats, even saved as .ris."""
    head = (DATA / name).read_bytes()[:4096].decode("utf-8-sig")
    assert not ris._SNIFF_RIS.search(head)
    reader = readers.choose_reader(Path("export.ris"), head)
    assert reader is not None and reader.format == ("medline-nbib" if name.endswith(".nbib") else "ris")
    if name.endswith(".ris"):
        records, _ = ris.read(text_of(name), name)
        assert {r.fields[0].name for r in records} == {"PT"}  # read as Web of Science, not as RIS


@needs_corpus
def test_ovid_links_after_the_last_record_stay_with_it() -> None:
    """ovid_psycinfo.ris ends with the links of its sixth record: no record is lost and no text either."""
    text = (CORPUS / "asreview" / "ovid_psycinfo.ris").read_text(encoding="utf-8")
    records, diagnostics = ris.read(text, "ovid_psycinfo.ris")
    assert diagnostics == []
    assert len(records) == len(re.findall(r"^TY  - ", text, re.M)) == len(re.findall(r"^ER  -", text, re.M)) == 6
    assert [r.preamble for r in records] == [(f"{n}.",) for n in range(1, 7)]
    last = records[-1].fields[-1]
    assert last.name == ris.AFTER_END and last.line == 329 and "AN=2019-55194-001" in last.values[0]


@needs_corpus
@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_every_corpus_ris_file_reads_the_same_whatever_the_separator(separator: str) -> None:
    """Zotero, Lens, Scopus, Embase, ProQuest, Ovid, Rayyan, SciELO exports rewritten with another separator."""
    texts = {f"{p.parent.name}/{p.name}": p.read_bytes().decode("utf-8-sig") for p in sorted(CORPUS.glob("*/*"))
             if p.name != "SOURCE.md"}
    files = {name: text for name, text in texts.items() if re.search(r"^TY  - ", text, re.M)}
    assert len(files) >= 12
    for name, text in files.items():
        records = ris.read(_with_separator(text, separator), name)[0]
        assert [r.fields for r in records] == [r.fields for r in ris.read(text, name)[0]], name


# --- reference managers: EndNote and Mendeley exports of the same ten records ----------------------------------

MANAGERS = ["cff-endnote.ris", "cff-mendeley.ris"]


@pytest.mark.parametrize("name", MANAGERS)
def test_a_reference_manager_export_loses_no_record(name: str) -> None:
    text = text_of(name)
    assert readers.choose_reader(Path(name), text[:4096]).format == "ris"
    records, diagnostics = ris.read(text, name)
    assert diagnostics == []
    starts = [i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("TY  - ")]
    assert [r.where.line for r in records] == starts and len(starts) == len(re.findall(r"^ER  -", text, re.M)) == 10
    for record in records:
        article, problems = ris.to_article(record)
        assert problems == [] and article.doi and article.authors and article.journal, record.where


def test_both_managers_give_the_same_works() -> None:
    """The ten records as each manager writes them: the same DOIs, titles, journals, volumes and pages."""
    works = []
    for name in MANAGERS:
        articles = [ris.to_article(r)[0] for r in read(name)[0]]
        works.append({a.doi: (a.title, a.journal, a.volume, a.issue, a.pages, a.date) for a in articles})
    assert len(works[0]) == 10 and works[0] == works[1]


def test_endnote_continues_multi_valued_tags_on_untagged_lines() -> None:
    records, _ = read("cff-endnote.ris")
    first = records[0]
    assert first.values("KW") == ("article", "biostratigraphy", "Colorado", "dinosaur", "nonhuman", "tibia",
                                  "transverse process", "Upper Jurassic")
    assert first.values("SN") == ("1932-8494", "1932-8486") and first.values("DB") == ("Embase", "Medline")
    assert first.first("ID") == "889"  # EndNote's record number, the record's last tag
    article, _ = ris.to_article(first)
    assert [p.name for p in article.authors] == ["Boisvert, C.", "Curtice, B.", "Wedel, M.", "Wilhite, R."]
    assert (article.journal, article.date) == ("Anatomical Record", "2024")
    assert "transverse process" in article.keywords
    assert [s.label for s in ris.to_article(records[1])[0].abstract][:2] == ["BACKGROUND", "RESULTS"]


def test_mendeley_initials_and_one_page_articles() -> None:
    records, _ = read("cff-mendeley.ris")
    juvenile = ris.to_article(records[2])[0]
    assert juvenile.authors == (Person("Brownstein, C D", "Brownstein", "C D"),)  # initials without periods
    assert juvenile.pages == "20"  # SP 20, EP 20: an article number, not a range
    assert ris.to_article(records[4])[0].pages == "549-565"
    assert records[0].values("UR")[1] == "http://dx.doi.org/10.1002/ar.25520"


# The reference types of the RIS specification (Reference Manager's "RIS Format Specifications", 2011), and the
# types EndNote (WEB), Zotero (GRNT, UNPD) and BibTeX converters (MISC) write besides.
RIS_SPEC_TYPES = ["ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART", "CLSWK",
                  "COMP", "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK", "EJOUR",
                  "ELEC", "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR", "JFULL",
                  "JOUR", "LEGAL", "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP", "PAT",
                  "PCOMM", "RPRT", "SER", "SLIDE", "SOUND", "STAND", "STAT", "THES", "UNBILL", "UNPB", "VIDEO"]
OTHER_WRITERS_TYPES = ["WEB", "GRNT", "UNPD", "MISC"]
CSL_TYPES = json.loads((DATA.parent / "csl" / "csl-data.json").read_text(encoding="utf-8"))[
    "items"]["properties"]["type"]["enum"]


@pytest.mark.parametrize("ty", RIS_SPEC_TYPES + OTHER_WRITERS_TYPES)
def test_every_ris_type_is_read_as_a_csl_type(ty: str) -> None:
    """"" is a journal article (CSL's article-journal); every other kind is a type of CSL's schema, and a journal
    article only where the type says so."""
    (record,), _ = ris.read(f"TY  - {ty}\nTI  - A work\nPB  - A publisher\nER  - \n", "t.ris")
    kind = ris.to_article(record)[0].kind
    assert kind in CSL_TYPES or kind == ""
    assert (kind == "") == (ty in ("ABST", "EJOUR", "INPR", "JOUR")), kind


@pytest.mark.parametrize("ty", ["GEN", "MISC"])
@pytest.mark.parametrize("tag", ["T2", "JF", "JO", "J2"])
def test_a_generic_record_that_names_a_journal_is_a_journal_article(ty: str, tag: str) -> None:
    (record,), _ = ris.read(f"TY  - {ty}\nTI  - An erratum\n{tag}  - A Journal\nVL  - 4\nER  - \n", "t.ris")
    article = ris.to_article(record)[0]
    assert (article.kind, article.journal, article.volume) == ("", "A Journal", "4")


def test_a_magazine_or_web_page_is_cited_by_what_carries_it() -> None:
    (magazine, page), _ = ris.read("TY  - MGZN\nTI  - A story\nT2  - The Magazine\nER  - \n"
                                   "TY  - ELEC\nTI  - A page\nT2  - The Website\nER  - \n", "t.ris")
    assert [(a.kind, a.journal) for a in (ris.to_article(r)[0] for r in (magazine, page))] == [
        ("article-magazine", "The Magazine"), ("webpage", "The Website")]


def test_a_case_or_statute_is_cited_by_its_reporter_or_code() -> None:
    (case, statute), _ = ris.read("TY  - CASE\nTI  - A v. B\nT2  - U.S.\nVL  - 410\nSP  - 113\nER  - \n"
                                  "TY  - STAT\nTI  - An Act\nT2  - U.S.C.\nVL  - 42\nER  - \n", "t.ris")
    assert [(a.kind, a.journal) for a in (ris.to_article(r)[0] for r in (case, statute))] == [
        ("legal_case", "U.S."), ("legislation", "U.S.C.")]


def test_a_case_study_in_a_journal_is_a_journal_article_not_a_legal_case() -> None:
    """Rayyan writes CINAHL's "Case Study" articles as ``TY  - CASE``, the RIS type of a court case; one that names
    a journal (here its abbreviation, J2) is an article of that journal (tests/data/ris/rayyan-case-study.txt)."""
    records, diagnostics = ris.read((DATA / "rayyan-case-study.txt").read_text(encoding="utf-8"), "t.ris")
    assert diagnostics == []
    (article,) = (ris.to_article(r)[0] for r in records)
    assert (article.kind, article.journal) == ("", "H&HN: Hospitals & Health Networks")


# --- a modern Web of Science export: early access and titles in HTML ---------------------------------------------

def _early_access() -> dict[str, object]:
    records, diagnostics = read("wos-early-access.txt")
    assert diagnostics == [] and len(records) == 3
    return {article.doi: article for article, _problems in map(ris.to_article, records)}


def test_an_early_access_article_is_dated_by_its_whole_pd() -> None:
    """"PD 2024 OCT 9" beside "PY 2024": the year is not said twice ("2024 2024 Oct 9" was printed), and EA (OCT
    2024) says nothing more."""
    article = _early_access()["10.1111/btp.13387"]
    assert (article.date, article.date_printed, article.epub_date) == ("2024-10-09", "", "")


def test_an_issue_article_keeps_its_early_access_month_as_the_electronic_date() -> None:
    articles = _early_access()
    assert [(a.date, a.epub_date) for a in articles.values()][1:] == [("2024-02", "2024-01"), ("2023-12", "2023-11")]


def test_an_orcid_whose_name_web_of_science_wrapped_is_found() -> None:
    """OI is one list that Web of Science wraps at a fixed width, here inside a name ("Vasconcelos,\n   Heraldo
    L./0000-0001-6969-7131"): its lines are one text, not one entry each."""
    article = list(_early_access().values())[1]
    assert [(p.name, p.orcid) for p in article.authors] == [
        ("Ferreira, Ana Maria", ""), ("Faria, Ana Paula", ""), ("Vasconcelos, Heraldo L.", "0000-0001-6969-7131"),
        ("Bruna, Emilio M.", ""), ("Costa, Vladimir Eliodoro", "0000-0003-3889-7514"),
        ("Moreira, Ana Silvia Franco Pinheiro", "0000-0001-5090-5527")]  # listed "Franco Pinheiro Moreira, Ana Silvia"


def test_web_of_science_titles_lose_their_html_tags_not_their_words() -> None:
    titles = [a.title for a in _early_access().values()]
    assert titles[0] == "Is there really such a thing as Tropical Biology?"
    assert titles[2] == ("Demography of the understory herb Heliconia acuminata (Heliconiaceae) in an experimentally "
                         "fragmented tropical landscape")
    assert not any("<" in t for t in titles)


def test_web_of_science_titles_keep_their_italics() -> None:
    """The <i> of "Is there really such a thing as <i>Tropical</i> Biology?" was left out with its style."""
    styled = [[(a.title[start:end], kind) for start, end, kind in a.title_styles] for a in _early_access().values()]
    assert styled == [[("Tropical", "i")], [], [("H", "i"), ("eliconia acuminata", "i")]]


def test_a_zotero_title_in_rich_text_loses_its_tags() -> None:
    text = ("TY  - JOUR\nTI  - Uptake of CO<sub>2</sub> by <i>Zea mays</i> at p < 0.05\n"
            "AB  - Leaves of <i>Zea mays</i> took up CO<sub>2</sub>.\nER  - \n")
    records, _ = ris.read(text, "rich.ris")
    article = ris.to_article(records[0])[0]
    assert article.title == "Uptake of CO₂ by Zea mays at p < 0.05"
    assert [(article.title[s:e], k) for s, e, k in article.title_styles] == [("Zea mays", "i")]
    assert [s.text for s in article.abstract] == ["Leaves of Zea mays took up CO₂."]


def test_a_web_of_science_pd_that_holds_its_year_too() -> None:
    """"PD MAY 2020" beside "PY 2020" (a real export: GitHub tonyhungry/Umbrella-Review, savedrecs.txt) was
    printed "2020 May 2020"."""
    text = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI T\nPD MAY 2020\nPY 2020\nER\n\nEF\n"
    (record,), _ = ris.read(text, "savedrecs.txt")
    article = ris.to_article(record)[0]
    assert (article.date, article.date_printed) == ("2020-05", "")


# --- JSTOR: the date it printed, its bracketed abstracts ------------------------------------------------------

def _jstor() -> list[object]:
    records, diagnostics = read("jstor-handwritten.ris")
    assert diagnostics == [] and len(records) == 5
    return [ris.to_article(record)[0] for record in records]


def test_jstor_dates_are_the_issue_dates_it_printed() -> None:
    """JSTOR's older export gives a first day of the month the issue never named ("Y1  - 2005/04/01" for "Full
    publication date: Spring, 2005"; pages said "1 April 2005"), its newer one the year alone in PY beside the
    whole date in C1. A date in words that are no English month stays the year."""
    assert [(a.date, a.date_printed) for a in _jstor()] == [
        ("1986", ""), ("1982", ""), ("1989-01", ""), ("2005", "2005 Spring"), ("2010-11", "2010 Nov-Dec")]


def test_a_jstor_date_of_another_year_than_the_records_is_not_taken() -> None:
    text = ("TY  - JOUR\nTI  - T\nPY  - 1998\nC1  - Full publication date: Winter 1998/1999\nDB  - JSTOR\nER  - \n"
            "TY  - JOUR\nTI  - T\nY1  - 1994/10/15\nC1  - Full publication date: Oct. 15, 1994\nDB  - JSTOR\nER  - \n"
            "TY  - JOUR\nTI  - T\nPY  - 2003\nC1  - Full publication date: Mar. - Apr., 2003\nER  - \n")
    records, _ = ris.read(text, "jstor.ris")
    assert [(a.date, a.date_printed) for a in (ris.to_article(r)[0] for r in records)] == [
        ("1998", ""), ("1994-10-15", ""), ("2003-03", "2003 Mar-Apr")]


def test_a_jstor_abstract_loses_the_brackets_around_it_and_its_copyright_is_read() -> None:
    articles = _jstor()
    assert [s.text for s in articles[0].abstract] == [
        "A stand-in abstract, written for a test, in square brackets as JSTOR gives every abstract [sic]."]
    assert [a.rights for a in articles[3:]] == ["Copyright © 2005 Hypatia, Inc.",
                                                "Copyright © 2010 National Association of Biology Teachers"]


@pytest.mark.parametrize("abstract", ["[A] and [B]", "[Translated] An abstract."])
def test_brackets_that_do_not_hold_the_whole_abstract_stay(abstract: str) -> None:
    text = f"TY  - JOUR\nTI  - T\nAB  - {abstract}\nDB  - JSTOR\nER  - \n"
    (record,), _ = ris.read(text, "jstor.ris")
    assert [s.text for s in ris.to_article(record)[0].abstract] == [abstract]


def test_jstor_export_as_colrev_holds_it() -> None:
    """CoLRev's JSTOR fixture (four records, each with the file head JSTOR writes): "July-August 2016" and
    "Winter 2014" were dated 2016 and 2014, and "[This is the abstract.]" kept its brackets."""
    records, diagnostics = read("colrev-jstor.ris")
    articles = [ris.to_article(record)[0] for record in records]
    assert [(a.date, a.date_printed) for a in articles] == [
        ("2016-07", "2016 Jul-Aug"), ("2014", "2014 Winter"), ("2019", ""), ("2018", "")]
    assert articles[0].abstract[0].text == "This is the abstract."


def test_apa_psycnet_tags_longer_than_two_letters_start_fields() -> None:
    """APA PsycNET's RIS writes "PMID  - 33355555" right after TY (CoLRev's PsycINFO fixture; a real one quoted
    in a public repository's tests has "DESCRIPTORS  - *Cognitive Processes; …" there): it was read as a second
    line of TY, and the article had no PMID."""
    (record,), diagnostics = read("colrev-psycinfo.ris")
    assert diagnostics == []
    assert record.values("TY") == ("JOUR",) and record.values("PMID") == ("33355555",)
    article = ris.to_article(record)[0]
    assert (article.pmid, article.doi, article.id) == ("33355555", "10.1011/hea0004444", "pubmed-33355555")
    text = "TY  - CHAP\nDESCRIPTORS  - *Cognitive Processes;  *Forgetting\nT1  - Hypermnesia\nER  -\n"
    (record,), _ = ris.read(text, "psycnet.ris")
    assert record.values("DESCRIPTORS") == ("*Cognitive Processes;  *Forgetting",)
    assert ris.to_article(record)[0].kind == "chapter"


def test_ieee_xplore_names_initials_first_and_month_dates() -> None:
    """IEEE Xplore writes "AU  - M. D. Fox" (initials, then family) and a journal issue's date as "Y1  - Dec.
    2010": the names were kept whole as if each were a group ("C. Li" cited as written, never "Li, C."), and the
    month was lost. CoLRev's IEEE fixture (MIT), and the facts of a real IEEE record quoted in a public
    repository's README (Li et al., IEEE Transactions on Image Processing 19(12), 2010)."""
    records, diagnostics = read("colrev-ieee.ris")
    conference, journal = (ris.to_article(r)[0] for r in records)
    assert diagnostics == [] and conference.authors[0] == Person("Author-One, A.", "Author-One", "A.")
    assert (conference.date, journal.date) == ("2020", "2017-03")  # a conference's "4-8 Aug. 2020" is its dates
    text = ("TY  - JOUR\nTI  - Distance Regularized Level Set Evolution and Its Application to Image Segmentation\n"
            "T2  - IEEE Transactions on Image Processing\nAU  - C. Li\nAU  - M. D. Fox\nAU  - S. -H. Kim\n"
            "AU  - C. Lawrence Zitnick\nAU  - Cancer Research UK\nPY  - 2010\nY1  - Dec. 2010\nER  - \n")
    (record,), _ = ris.read(text, "ieee.ris")
    article = ris.to_article(record)[0]
    assert [(a.family, a.given) for a in article.authors] == [
        ("Li", "C."), ("Fox", "M. D."), ("Kim", "S. -H."), ("", ""), ("", "")]
    assert article.date == "2010-12"


def test_ieee_xplore_issue_dates_of_several_months_are_kept_as_printed() -> None:
    """A real IEEE Xplore export (litstudy's, Apache-2.0; CRLF lines, records after the first begin with a lone
    CR): a bimonthly issue's "Y1  - Mar.-Apr. 2015" or "1 Jan.-Feb. 2019" was read as the year alone, so the page
    said "2015" where the record names the months; now the date is the first month's and the text is shown as
    printed. A conference's days ("31 May-3 June 2016", "24-27 Sept. 2019") are the meeting's, kept as printed
    beside the year."""
    records, diagnostics = read("litstudy-ieee-xplore.ris")
    assert diagnostics == [] and len(records) == 5
    dated = [(a.date, a.date_printed) for a in (ris.to_article(r)[0] for r in records)]
    assert dated == [("2019-01", "1 Jan.-Feb. 2019"), ("2019", "24-27 Sept. 2019"), ("2015-02", "1 Feb.1, 2015"),
                     ("2016", "31 May-3 June 2016"), ("2015-03", "Mar.-Apr. 2015")]


def test_a_conference_papers_proceedings_are_no_series_of_their_own() -> None:
    """IEEE Xplore writes a conference paper's proceedings in T2, JO and JA alike: JO was read as the paper's
    series, and the page named the proceedings twice, once as a series."""
    records, _ = read("litstudy-ieee-xplore.ris")
    papers = [a for a in (ris.to_article(r)[0] for r in records) if a.kind == "paper-conference"]
    assert [(a.container, a.journal) for a in papers] == [
        ("2019 15th International Conference on eScience (eScience)", ""),
        ("2016 IEEE 66th Electronic Components and Technology Conference (ECTC)", "")]


def test_sciencedirects_chapter_names_its_series_in_bt() -> None:
    """ScienceDirect writes a chapter of a book series' volume with the series in BT and the volume in T2: the
    series ("Methods in Enzymology") was on no page but the full record, and no citation named it."""
    records, diagnostics = read("klab-sciencedirect-chapters.ris")
    chapters = [ris.to_article(r)[0] for r in records]
    assert diagnostics == [] and [(a.kind, a.container, a.journal, a.volume) for a in chapters] == [
        ("chapter", "Methods in Protein Design", "Methods in Enzymology", "523"),
        ("chapter", "Peptide Solvation and H?Bonds", "Advances in Protein Chemistry", "72")]
    (book,), _ = ris.read("TY  - CHAP\nTI  - A chapter\nBT  - The Book\nT2  - The book\nER  - \n", "same.ris")
    assert (ris.to_article(book)[0].container, ris.to_article(book)[0].journal) == ("The book", "")


def test_embase_gives_the_pmid_of_a_medline_record_in_c5() -> None:
    """Embase's RIS export writes "C5  - 15368318" for a record MEDLINE holds too ("DB  - Medline" beside "DB  -
    Embase"): the article had no PMID, so no PubMed link, and a page apart from the same work read from PubMed."""
    (record,), diagnostics = read("embase-medline-pmid.ris")
    article = ris.to_article(record)[0]
    assert diagnostics == [] and (article.pmid, article.id, article.doi) == (
        "15368318", "pubmed-15368318", "10.1002/cncr.20369")
    text = "TY  - JOUR\nTI  - T\nC5  - 15368318\nDB  - Scopus\nER  - \n"  # another database's C5 is not a PMID
    (record,), _ = ris.read(text, "other.ris")
    assert ris.to_article(record)[0].pmid == ""


def test_embase_com_writes_the_title_in_another_language_in_t2_and_the_journal_in_jf() -> None:
    """Embase.com's RIS export of its records and of MEDLINE's writes the journal in JF and the "Original Title" in
    T2: 242 of 571 records of a real export (tests/data/ris/SOURCE.md) were shown with their Spanish title as the
    journal, each with a journal page of its own. EndNote's RIS of an Embase record writes the journal in T2."""
    records, diagnostics = read("embase-original-title.ris")
    embase, medline = (ris.to_article(r)[0] for r in records)
    assert diagnostics == []
    assert (embase.journal, embase.original_title) == (
        "Revista Mexicana de Urologia",
        "Características epidemiológicas de la atención hospitalaria por urolitiasis en un país sudamericano")
    assert (medline.journal, medline.pmid, medline.original_title) == (
        "Medwave", "35100246", "Descripción de síntomas frecuentes y persistentes de COVID-19 en adultos mayores")
    endnote = [a for a in (ris.to_article(r)[0] for r in read("cff-endnote.ris")[0]) if a.doi == "10.1002/ar.25520"]
    assert [(a.journal, a.original_title) for a in endnote] == [("Anatomical Record", "")]


def test_a_scielo_abstract_loses_the_heading_run_into_it() -> None:
    """SciELO's RIS export runs an abstract's headings into its text as Web of Science does ("AB  - ABSTRACT The
    Atlantic Forest …", "Abstract The food habits …"): pages showed "ABSTRACT" as the abstract's first word (7 of
    37 records of the synthesisr package's real SciELO export, GPL-3, read in place through the shared corpus;
    here one record's shape with a stand-in abstract)."""
    text = ("TY  - JOUR\nAU  - Campos, Leila F. A. S.\nTI  - The importance of isolated patches for maintaining local "
            "bird biodiversity\nJO  - Iheringia. Série Zoologia\nDO  - 10.1590/1678-4766e2018021\n"
            "DB  - SciELO Brazil\nLA  - en\nPY  - 2018\n"
            "AB  - ABSTRACT Objective A stand-in abstract. Results It reads.\nAB  - RESUMO Um resumo.\nER  -\n")
    (record,), _ = ris.read(text, "scielo.ris")
    assert [(s.label, s.text) for s in ris.to_article(record)[0].abstract] == [
        ("Objective", "A stand-in abstract."), ("Results", "It reads.")]


def test_a_lens_abstract_is_cut_at_the_headings_run_into_it() -> None:
    """Lens.org's RIS export gives Crossref's structured abstracts with their headings flattened into the text
    ("Introduction Diabetes monitoring systems …", "Abstract Objectives The objective …" in 24 of the 100 records of
    asreview's real Lens export): one unlabelled paragraph, its first word a heading."""
    records, _ = read("lens-subset.ris")
    article = ris.to_article(records[2])[0]
    assert [s.label for s in article.abstract] == ["Introduction", "Materials and methods", "Results", "Conclusion"]
    assert article.abstract[0].text.startswith("Diabetes monitoring systems (DMS) are a possible approach")
    text = ("TY  - JOUR\nAB  - Abstract Objectives The objective was a test. Results It reads.\nTI  - T\n"
            "UR  - https://lens.org/007-825-786-971-176\nER  -\n")
    (record,), _ = ris.read(text, "lens.ris")
    assert [(s.label, s.text) for s in ris.to_article(record)[0].abstract] == [
        ("Objectives", "The objective was a test."), ("Results", "It reads.")]


def test_trid_pages_lose_their_label() -> None:
    """TRID writes "SP  - pp 37-64": the label was kept in the pages, so citations printed "78:pp 37-64" (and
    APA "78, pp 37–64"). CoLRev's TRID fixture (MIT). The full record keeps the field as written."""
    records, diagnostics = read("colrev-trid.ris")
    project, article, report = (ris.to_article(r)[0] for r in records)
    assert diagnostics == [] and (article.pages, article.date, article.doi) == (
        "37-64", "2018-04", "10.1444/j.hello.2018.05.005")
    assert Field("SP", ("pp 37-64",), 23) in records[1].fields
    assert report.pages == "" and records[2].values("SP") == ("146p",)  # its extent: cited as "p. 146p" before
    assert (project.title, project.date) == ("Title of this citation", "")  # "Start date: 20170812" stays as given


def test_the_cochrane_library_writes_two_spaces_after_the_hyphen() -> None:
    """The Cochrane Library's RIS export writes "TY  -  JOUR": the file was skipped whole as a format site-builder
    does not know. Each record's head ("Record #4 of 18", "Provider: …") was read as text after the record
    before. Its CENTRAL records give the trial's PMID in C3 ("PUBMED 38407106,EMBASE 643589775"), which was not
    read (no PubMed link, no page shared with the PubMed record), and its page ranges a Unicode hyphen. The
    asreview citation-file-formatting export (CC0)."""
    path = DATA / "cff-cochrane-endnote.ris"
    assert readers.choose_reader(path, text_of(path.name)[:4096]).format == "ris"
    records, diagnostics = read(path.name)
    first, second, third = (ris.to_article(r)[0] for r in records)
    assert diagnostics == [] and [r.preamble[0] for r in records] == [  # each head opens its record
        "Record #3 of 18", "Record #4 of 18", "Record #10 of 18"]
    assert all(r.fields[-1].name != ris.AFTER_END for r in records)
    assert (first.title[:46], first.journal, first.volume, first.pages, first.date) == (
        "The Incredible Years Therapeutic Dinosaur Prog", "Trials", "12", "39", "2011")
    assert [a.name for a in first.authors][:2] == ["Bywater, T", "Hutchings, J"]
    assert [(a.pmid, a.id) for a in (first, second, third)] == [
        ("21314913", "pubmed-21314913"), ("38407106", "pubmed-38407106"), ("37362617", "pubmed-37362617")]
    assert (second.pages, third.pages) == ("1279-1297", "43-58")
    assert records[1].values("SP") == ("1279\u20101297",)  # the full record keeps it as written


def test_the_cochrane_library_review_abstract_its_headings_and_plain_language_summary() -> None:
    """The Cochrane Library's RIS of a review writes its abstract as "Abstract - Background … Objectives … Authors'
    conclusions … Plain language summary … Background … Key results …", headings without colons: the page showed
    one paragraph opening "Abstract - Background". Its parts are now the abstract's sections, and the plain-language
    summary, with the parts that follow it, the lay summary. Shapes of CD008209 and CD008536 (made-up text)."""
    review = ris.to_article(read("cochrane-library-shapes.ris")[0][0])[0]
    assert [s.label for s in review.abstract] == [
        "Background", "Objectives", "Search methods", "Selection criteria", "Data collection and analysis",
        "Main results", "Authors' conclusions"]
    assert review.abstract[0].text == "An example condition starts before the age of 40."
    assert [(s.label, s.text) for s in review.lay_summary] == [
        ("Plain language summary", "Which hormonal therapy works better?"),
        ("Background", "Early failure of the ovaries affects about 1% of women."),
        ("Key results", "We found three small studies.")]


def test_a_central_trial_registry_record_names_its_registry_page_in_ja() -> None:
    """A CENTRAL record of a trial registry entry writes the entry's address where a journal's name goes ("JA  -
    https://clinicaltrials.gov/show/NCT00392093"): the address was shown as the journal, and a journal page made
    for it. It is now a link, and the record's M3 ("Trial registry record", "Journal article; Conference
    proceeding") its publication types. Shapes of CN-02013416 and CN-01619936 (made-up text)."""
    records, diagnostics = read("cochrane-library-shapes.ris")
    trial, abstract = (ris.to_article(r)[0] for r in records[1:])
    assert diagnostics == [] and (trial.journal, trial.journal_abbrev) == ("", "")
    assert [link.url for link in trial.links] == [
        "https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00000002/full",
        "https://clinicaltrials.gov/show/NCT00000002"]
    assert records[1].values("JA") == ("https://clinicaltrials.gov/show/NCT00000002",)  # the full record keeps it
    assert trial.publication_types == ("Trial registry record",)
    assert [s.label for s in trial.abstract] == ["Background", "Hypothesis", "Design and methodology", "Design"]
    assert (abstract.journal, abstract.publication_types) == (
        "Neurourology and urodynamics", ("Journal article", "Conference proceeding"))
    # A heading in capitals that only starts a label a colon closes is no running heading of its own
    assert [(s.label, s.text) for s in abstract.abstract] == [
        ("HYPOTHESIS / AIMS OF STUDY", "An example syndrome affects up to 50% of women."),
        ("RESULTS", "Thirty-one women were recruited."),
        ("INTERPRETATION OF RESULTS", "Training improved the symptoms.")]


def test_covidence_puts_the_addresses_in_the_issue() -> None:
    """Covidence's export of Embase records writes the authors' addresses in IS: citations printed
    "Anat Rec. 2024;(Boisvert C.) Brigham Young University, …". The asreview citation-file-formatting export
    (CC0)."""
    (record,), diagnostics = read("cff-covidence-address-in-is.ris")
    article, problems = ris.to_article(record)
    assert diagnostics == [] and article.issue == "" and article.doi == "10.1002/ar.25520"
    assert [(p.level, p.where.line) for p in problems] == [(Level.WARNING, 14)]
    assert problems[0].message.startswith("IS holds text that is no issue number ('(Boisvert C.) Brigham Young")
    assert record.values("IS")[0].startswith("(Boisvert C.) Brigham Young University")


def test_eppi_reviewer_names_with_spaced_initials() -> None:
    """EPPI-Reviewer writes "Troiano L P": read as a group of that name, so cited whole ("Troiano L P") and never
    the same author as "Troiano, L.P." of another export. The asreview citation-file-formatting export (CC0)."""
    (record,), _ = read("cff-eppireviewer-initials.ris")
    article, _ = ris.to_article(record)
    assert [(a.family, a.given) for a in article.authors] == [
        ("Troiano", "L P"), ("", ""), ("H", "B"), ("Aureliano", "T"), ("Ghilardi", "A M")]


def test_the_word_abstract_that_headed_crossrefs_abstract_is_no_part_of_it() -> None:
    """OpenAlex's RIS export (the asreview citation-file-formatting export, CC0) gives Crossref's abstract with its
    JATS heading flattened into the text, "AB  - Abstract Orthoconic cephalopods are …": the page read "Abstract
    Abstract Orthoconic …". Its CSV export of the same work reads "Orthoconic cephalopods are …", as now both."""
    (record,), _ = read("cff-openalex-abstract-word.ris")
    from_ris = ris.to_article(record)[0].abstract
    (from_csv, _) = reading.articles(DATA.parent / "table-csv" / "openalex-palaeontology.csv")
    assert [s.text[:40] for s in from_ris] == ["Orthoconic cephalopods are subordinate, "]
    assert from_ris == from_csv.abstract


def test_urls_parted_by_spaces_in_one_ur_are_links_each(tmp_path: Path, html) -> None:
    """RefWorks' and EPPI-Reviewer's RIS exports of Embase records (the asreview citation-file-formatting exports,
    CC0) give the Embase record's link, the DOI's and a library's link resolver's in one UR, parted by spaces. The
    value was no url: the pages linked the DOI alone, and the Embase record and the library's copy were in the full
    record only."""
    from site_builder.build import build

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in ("cff-refworks-urls.ris", "cff-eppireviewer-initials.ris"):
        (site / "content" / name).write_bytes((DATA / name).read_bytes())
    build(site, tmp_path / "out")
    links = {}
    for doi in ("10-1002-ar-25520", "10-1038-s41598-024-65283-y"):
        main = html.main(html.parse(tmp_path / "out" / "articles" / f"doi-{doi}.html"))
        links[doi] = [(text, href.split("?")[0]) for href, text in html.anchors(main) if href.startswith("http")
                      and "doi.org" not in href]
    assert links == {
        "10-1002-ar-25520": [("Embase", "https://www.embase.com/search/results"),
                             ("utrechtuniversity.on.worldcat.org",
                              "https://utrechtuniversity.on.worldcat.org/atoztitles/link")],
        "10-1038-s41598-024-65283-y": [("Embase", "https://www.embase.com/search/results")]}
    (record,), _ = read("cff-refworks-urls.ris")
    assert ris.to_article(record)[0].doi == "10.1002/ar.25520"


@pytest.mark.parametrize(("ty", "sp", "ep", "pages"), [
    ("THES", "150", "", ""), ("BOOK", "327 pages", "", ""), ("RPRT", "146p", "", ""), ("JOUR", "150 pp.", "", ""),
    ("BOOK", "82", "", "82"),  # Scopus's paper in a proceedings volume it types BOOK: its first page
    ("BOOK", "12", "30", "12-30"), ("CHAP", "150", "", "150"), ("JOUR", "150", "", "150")])
def test_a_number_of_pages_is_not_where_the_work_is(ty: str, sp: str, ep: str, pages: str) -> None:
    """ProQuest's RIS export of a thesis (CoLRev's ABI/INFORM fixture, MIT) writes "SP  - 150", its number of
    pages: cited "p. 150" as if it were a page ("p. 146p" for TRID's report). EndNote's %P of a thesis was already
    read so; the full record keeps the field."""
    (record,), _ = ris.read(f"TY  - {ty}\nTI  - A work\nSP  - {sp}\n" + (f"EP  - {ep}\n" if ep else "") + "ER  - \n",
                            "x.ris")
    assert ris.to_article(record)[0].pages == pages
    assert record.values("SP") == (sp,)


@pytest.mark.parametrize(("printed", "date", "as_printed"), [
    ("2015/october", "2015-10", ""),  # JabRef's RIS test: a month by name in RIS's month part
    ("2019 Dec", "2019-12", ""), ("2014 Nov-Dec", "2014-11", "2014 Nov-Dec"),  # PubMed's order, kept whole
    ("2020/Jan-Feb//", "2020-01", "2020 Jan-Feb"), ("2020/Spring/", "2020", "2020 Spring"),
    ("12/05/2019", "2019", "12/05/2019"),  # day and month in an order it does not say: the year, and as printed
    ("2019/10/05", "2019-10-05", ""), ("2001///", "2001", ""), ("n.d.", "", "n.d."),
    ("1999///Winter 1999", "1999", "1999 Winter"), ("2019/10//undefined", "2019-10", "")])
def test_a_date_says_no_more_and_no_less_than_the_record(printed: str, date: str, as_printed: str) -> None:
    records, _ = ris.read(f"TY  - JOUR\nTI  - x\nPY  - {printed}\nER  - \n", "a.ris")
    article = ris.to_article(records[0])[0]
    assert (article.date, article.date_printed) == (date, as_printed)


def test_authors_run_together_on_one_line_are_each_an_author() -> None:
    records, _ = ris.read("TY  - JOUR\nTI  - x\nAU  - Smith, J.; Doe, K.\nAU  - Roe, A.\nA1  - Cancer; Research UK\n"
                          "ER  - \n", "a.ris")
    assert [p.name for p in ris.to_article(records[0])[0].authors] == ["Smith, J.", "Doe, K.", "Roe, A.",
                                                                       "Cancer; Research UK"]


def test_sciencedirects_editor_given_name_first_is_split() -> None:
    """ScienceDirect writes a chapter's authors family name first and its book's editor given name first ("AU  -
    Ollikainen, Noah", "A2  - Amy E. Keating"): the editor was one unsplit name, cited "In: Amy E. Keating,
    editor" and marked up as an organisation. An editor family name first ("Baldwin, Robert L.") stays so, and an
    organisation's name stays whole."""
    records, _ = read("klab-sciencedirect-chapters.ris")
    first, second = (ris.to_article(r)[0] for r in records)
    assert first.editors == (Person(name="Amy E. Keating", family="Keating", given="Amy E."),)
    assert [(p.family, p.given) for p in second.editors] == [("Baldwin", "Robert L."), ("Baker", "David")]
    text = ("TY  - CHAP\nTI  - T\nT2  - B\nA2  - Jan van der Berg\nA2  - John Smith Jr\nA2  - Cancer Research UK\n"
            "A2  - World Health Organization\nA2  - Academic Press\nER  - \n")
    (record,), _ = ris.read(text, "editors.ris")
    assert [(p.name, p.family, p.given, p.suffix) for p in ris.to_article(record)[0].editors] == [
        ("Jan van der Berg", "van der Berg", "Jan", ""), ("John Smith Jr", "Smith", "John", "Jr"),
        ("Cancer Research UK", "", "", ""), ("World Health Organization", "", "", ""),
        ("Academic Press", "", "", "")]


def test_a_thesis_title_takes_its_subtitle_and_m3_is_its_kind() -> None:
    """Pure's T2 of a thesis is its subtitle; a T2 naming a department (EndNote's) or repeating the title stays
    in the full record, as does a DOI in M3."""
    (record,), _ = read("pure-thesis-handwritten.ris")
    article = ris.to_article(record)[0]
    assert (article.kind, article.title, article.publication_types) == (
        "thesis", "Protein design: computational methods for flexible backbones", ("Doctoral Thesis (compilation)",))
    for t2, title in (("Department of Physics", "Why?"), ("why?", "Why?"), ("Not that", "Why? Not that")):
        (record,), _ = ris.read(f"TY  - THES\nT1  - Why?\nT2  - {t2}\nM3  - doi: 10.1/x\nER  - \n", "t.ris")
        article = ris.to_article(record)[0]
        assert (article.title, article.publication_types) == (title, ())


def test_endnotes_thesis_department_in_t2_is_no_subtitle() -> None:
    """EndNote's RIS export writes a thesis's "Academic Department" in T2, its title in TI and its tags in
    alphabetical order (the shape of its exports in tests/data/ris/cff-endnote.ris). A department without a word
    such as "Department" was joined to the title ("… files: Psychology"); it stays in the full record."""
    text = ("TY  - THES\nAU  - Scribe, Dan C.\nCY  - Leiden\nM3  - Doctoral dissertation\nPB  - Example University\n"
            "PY  - 2015\nT2  - Psychology\nTI  - An example thesis on reading tagged files\nER  - \n")
    (record,), _ = ris.read(text, "endnote.ris")
    article = ris.to_article(record)[0]
    assert (article.kind, article.title, article.journal) == (
        "thesis", "An example thesis on reading tagged files", "")


def test_ebscohost_writes_the_doi_in_l3() -> None:
    """EBSCOhost's RIS export writes the DOI alone in L3 ("L3  - 10.1371/journal.pone.0298242"), the
    specification's related records: the page had no DOI, and the record did not meet the DOI's other records.
    The asreview citation-file-formatting export of Academic Search Premier records (CC0)."""
    (record,), diagnostics = read("cff-ebscohost.ris")
    article = ris.to_article(record)[0]
    assert diagnostics == [] and (article.doi, article.id) == (
        "10.1371/journal.pone.0298242", "doi-10.1371/journal.pone.0298242")
    assert record.values("L3") == ("10.1371/journal.pone.0298242",)
    (other,), _ = ris.read("TY  - JOUR\nTI  - x\nL3  - https://example.org/related\nER  - \n", "l3.ris")
    assert ris.to_article(other)[0].doi == ""


# EBSCOhost's RIS export of Environment Index and Criminal Justice Abstracts records (CiteSource's envindex_100.ris
# and crimjust_41.ris, GPL-3, so retyped here in words of our own) closes abstracts with where they came from, or
# with Elsevier's rights as EBSCOhost writes them ("&y&" kept as written).
@pytest.mark.parametrize(("ending", "rights"), [
    (" [ABSTRACT FROM PUBLISHER]", ""), (" [Extracted from the article]", ""),
    (" [Copyright &y& Elsevier]", "Copyright &y& Elsevier"),
])
def test_ebscohosts_notes_after_an_abstract(ending: str, rights: str) -> None:
    text = f"TY  - JOUR\nT1  - Owls after fire\nAB  - Owls came back.{ending}\nDP  - EBSCOhost\nDB  - egh\nER  - \n"
    (record,), _ = ris.read(text, "ebsco.ris")
    article = readers.to_article(record)[0]
    assert ([s.text for s in article.abstract], article.rights) == (["Owls came back."], rights)


def test_paragraph_markup_written_as_text_is_no_text() -> None:
    """Lens.org's RIS of a figshare item (10.2337/figshare.26117278.v1 in CiteSource's lens_343.ris, GPL-3, so
    retyped here in words of our own) writes the description's HTML with "&lt;" and "&gt;": the page showed
    '<p dir="ltr">Objective</p><p dir="ltr">To evaluate …'. Diabetes Care's headings are its sections."""
    text = ("TY  - GEN\nTI  - Smoke and sugar\nAB  - &lt;p dir=\"ltr\"&gt;Objective&lt;/p&gt;&lt;p dir=\"ltr\"&gt;To "
            "weigh smoke (PM2.5 &lt; 5 µg/m3). &lt;/p&gt;&lt;p dir=\"ltr\"&gt;Research Design and Methods&lt;/p&gt;&lt;"
            "p dir=\"ltr\"&gt;We counted.&lt;/p&gt;\nUR  - https://lens.org/000-000-000-000-000\nER  - \n")
    (record,), _ = ris.read(text, "lens.ris")
    article = readers.to_article(record)[0]
    assert [(s.label, s.text) for s in article.abstract] == [
        ("Objective", "To weigh smoke (PM2.5 < 5 µg/m3)."), ("Research Design and Methods", "We counted.")]


def test_ebscohost_names_the_journal_in_jo_and_jf_not_t2() -> None:
    """EBSCOhost writes the journal in JO and JF, and in T2 the article's title in English: a record of its
    Environment Index export (CiteSource's envindex_100.ris, GPL-3, so retyped here with its tags) was shown as
    published in the journal "State of knowledge on vegetation fires in Africa …". A reference manager's record
    that kept EBSCOhost as its provider names the journal in T2 alone, and keeps it."""
    text = ("TY  - JOUR\nT1  - État de la connaissance sur les feux de végétation en Afrique : Analyse "
            "bibliographique et perceptives de recherche.\nT2  - State of knowledge on vegetation fires in Africa: "
            "Literature review and research perspectives.\nJO  - Revue TED: Territoires, Environnement et "
            "Développement\nJF  - Revue TED: Territoires, Environnement et Développement\nY1  - 2024/01//\n"
            "DP  - EBSCOhost\nDB  - egh\nER  - \n\nTY  - JOUR\nTI  - Frameworks of gambling harms\n"
            "T2  - Addiction Research & Theory\nDP  - EBSCOhost\nDB  - psyh\nER  - \n")
    native, zotero = (ris.to_article(r)[0] for r in ris.read(text, "ebscohost.ris")[0])
    assert native.journal == "Revue TED: Territoires, Environnement et Développement"
    assert native.title.startswith("État de la connaissance")
    assert zotero.journal == "Addiction Research & Theory"


def test_ovid_runs_a_medline_abstracts_sections_into_one_line() -> None:
    """Ovid's RIS export of a MEDLINE record joins the abstract's sections with a comma after each full stop
    ("… territories., RESEARCH DESIGN AND METHODS: We collected …"): the page gave the whole abstract under its
    first label, "Objective", the other labels inside its text. Each is now a section of its own, as PubMed gives
    it. The record's shape and labels are those of PMID 39012781 in CiteSource's medline_84.ris (GPL-3, not
    copied); its sections are cut short here."""
    text = ("TY  - JOUR\nTI  - Short-Term Exposure to Wildfire-Specific PM2.5 and Hospitalization for Diabetes "
            "Morbidity: A Study in Multiple Countries and Territories.\nT2  - Diabetes care\nAB  - OBJECTIVE: To "
            "evaluate associations of wildfire fine particulate matter (PM2.5) with diabetes across multiple "
            "countries and territories., RESEARCH DESIGN AND METHODS: We collected data on 3,612,135 diabetes "
            "hospitalizations., RESULTS: Stronger associations were observed for all-cause, type 1, and type 2 "
            "diabetes in Thailand, Australia, and Brazil., CONCLUSIONS: We show the relatively underappreciated "
            "links between diabetes and wildfire air pollution. Copyright © 2024 by the American Diabetes "
            "Association.\nDA  - 2024///\nPY  - 2024\nDO  - 10.2337/dc24-0703\nDB  - Ovid MEDLINE(R) Epub Ahead of "
            "Print\nL2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&AN=39012781\nER  - \n")
    (record,), _ = ris.read(text, "ovid.ris")
    article = ris.to_article(record)[0]
    assert [s.label for s in article.abstract] == ["OBJECTIVE", "RESEARCH DESIGN AND METHODS", "RESULTS",
                                                   "CONCLUSIONS"]
    assert [s.text.rpartition(" ")[2] for s in article.abstract] == [
        "territories.", "hospitalizations.", "Brazil.", "pollution."]
    assert article.rights == "Copyright © 2024 by the American Diabetes Association."
    (other,), _ = ris.read(text.replace("DB  - Ovid", "DB  - Not Ovid").replace("ovidsp.ovid.com", "x.org"), "x.ris")
    assert len(ris.to_article(other)[0].abstract) == 1  # another export's text, as it is


@pytest.mark.parametrize(("ty", "se", "pages"), [
    ("JOUR", "436", "436"), ("JOUR", "100005", "100005"), ("JOUR", "Research Article", ""),
    ("EJOUR", "2018/02/09", ""), ("CHAP", "12", "")])
def test_endnote_writes_an_article_number_as_the_start_page_in_se(ty: str, se: str, pages: str) -> None:
    """EndNote writes a journal article's start page in SE, and an article number it holds there alone ("SE  -
    436" of MDPI's Sustainability 10(2):436, in CiteSource's Benchmarking.ris, GPL-3, so retyped here): the page
    gave no pages. SE names no page of an electronic article (its epub date) nor of a chapter (its chapter)."""
    (record,), _ = ris.read(f"TY  - {ty}\nTI  - Mitigating Erosional Effects Induced by Boat Wakes with Living "
                            f"Shorelines\nT2  - Sustainability\nVL  - 10\nIS  - 2\nSE  - {se}\nER  - \n", "se.ris")
    assert ris.to_article(record)[0].pages == pages


@pytest.mark.parametrize(("db", "database", "accession", "pmid"), [
    ("Ovid MEDLINE(R) Epub Ahead of Print", "medp", "39012781", "39012781"),
    ("Ovid MEDLINE(R) <2024>", "med24", "38865135", "38865135"),
    ("Ovid MEDLINE(R) PubMed-not-MEDLINE <2022>", "pmnm8", "36412810", "36412810"),
    ("APA PsycInfo <2022>", "psyc21", "2022-07765-001", "")])
def test_ovids_link_names_the_pmid_of_a_medline_record(db: str, database: str, accession: str, pmid: str) -> None:
    """Ovid's RIS export of a MEDLINE record names its PMID only as the accession number in its link to Ovid (the
    records of CiteSource's medline_84.ris, GPL-3, retyped here): the page had no PMID and no PubMed link, and
    the record met no PubMed record of the same article. A PsycINFO accession number is no PMID."""
    url = f"http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D={database}&NEWS=N&AN={accession}"
    (record,), _ = ris.read(f"TY  - JOUR\nTI  - Climate Change and Cardiovascular Health: A Systematic Review.\n"
                            f"T2  - JAMA cardiology\nDB  - {db}\nL2  - {url}\nER  - \n",
                            "ovid.ris")
    assert ris.to_article(record)[0].pmid == pmid


def test_biorxiv_dates_every_preprint_the_first_of_january() -> None:
    """bioRxiv's RIS export writes "Y1  - 2019/01/01" for a preprint posted on 10 October 2019 (its url's
    "content/early/2019/10/10"), and so for every preprint, as the citation blocks that projects paste from it
    show (raxmlGUI's, evSeq's, AxoDen's; none under a licence to copy from, retyped here): the page dated it 1
    January. The year alone is shown; another journal's first of January stays a day."""
    text = ("TY  - JOUR\nT1  - raxmlGUI 2.0 beta: a graphical interface and toolkit for phylogenetic analyses using "
            "RAxML\nJF  - bioRxiv\nDO  - 10.1101/800912\nSP  - 800912\nAU  - Edler, Daniel\nAU  - Klein, Johannes\n"
            "Y1  - 2019/01/01\nUR  - http://biorxiv.org/content/early/2019/10/10/800912.abstract\nER  -\n")
    (record,), _ = ris.read(text, "biorxiv.ris")
    article = ris.to_article(record)[0]
    assert (article.date, article.date_printed, article.journal, article.doi) == (
        "2019", "", "bioRxiv", "10.1101/800912")
    (other,), _ = ris.read(text.replace("JF  - bioRxiv", "JF  - Systematic Biology"), "journal.ris")
    assert ris.to_article(other)[0].date == "2019-01-01"


@pytest.mark.parametrize(("db", "written", "issue"), [
    ("Ovid MEDLINE(R) Epub Ahead of Print", "eag, 7805975", ""),
    ("Ovid MEDLINE(R) Epub Ahead of Print", "101676033", ""),
    ("Ovid MEDLINE(R) Epub Ahead of Print", "0372347", ""),
    ("Ovid MEDLINE(R) Epub Ahead of Print", "9439514, b6e", ""),
    ("Ovid MEDLINE(R) <2021>", "uj0, 0330500", ""),
    ("Ovid MEDLINE(R)", "6dr, 2985151r", ""),
    ("Ovid MEDLINE(R) <2023 to 2024>", "6660", "6660"),
    ("Ovid MEDLINE(R) <2023 to 2024>", "Pt 1", "Pt 1"),
    ("Ovid MEDLINE(R)", "7", "7"),
    ("Embase", "0372347", "0372347")])
def test_ovid_writes_a_journals_nlm_ids_where_a_medline_record_has_no_issue(db: str, written: str,
                                                                            issue: str) -> None:
    """Ovid's RIS export of a MEDLINE record without an issue (an epub ahead of print, a journal without issues)
    writes its journal's NLM unique id in IS, alone or beside Ovid's journal code: the page said "Issue: eag,
    7805975". The values are those of CiteSource's Ovid export medline_84.ris (29 of its 84 records; GPL-3, retyped
    here); another export's IS is its issue, whatever it holds."""
    (record,), _ = ris.read(f"TY  - JOUR\nTI  - Climate Change and Cardiovascular Health: A Systematic Review.\n"
                            f"T2  - JAMA cardiology\nVL  - 9\nIS  - {written}\nDB  - {db}\nER  - \n", "ovid.ris")
    article = ris.to_article(record)[0]
    assert (article.volume, article.issue) == ("9", issue)
    assert record.first("IS") == written  # the full record keeps it


def test_web_of_sciences_ris_gives_the_publisher_and_the_journals_abbreviation_in_its_own_tags() -> None:
    """Web of Science's RIS export writes its own tags beside RIS's: the publisher in PU (and its city in PI), the
    journal's abbreviations in JI and J9 (CiteSource's WoS_79.ris, GPL-3, retyped here). The page showed neither;
    Web of Science's tagged export reads them so."""
    text = ("TY  - JOUR\nAU  - Elton-Marshall, T\nTI  - Marital Status and Problem Gambling among Older Adults: An "
            "Examination of Social Context and Social Motivations\nT2  - CANADIAN JOURNAL ON AGING-REVUE "
            "CANADIENNE DU VIEILLISSEMENT\nLA  - English\nPU  - CAMBRIDGE UNIV PRESS\nPI  - CAMBRIDGE\nPA  - "
            "EDINBURGH BLDG, SHAFTESBURY RD, CB2 8RU CAMBRIDGE, ENGLAND\nSN  - 0714-9808\nJ9  - CAN J AGING\nJI  - "
            "Can. J. Aging-Rev. Can. Vieil.\nDA  - SEP\nPY  - 2018\nVL  - 37\nIS  - 3\nSP  - 318\nEP  - 332\n"
            "DO  - 10.1017/S071498081800017X\nER  - \n")
    (record,), _ = ris.read(text, "wos.ris")
    article = ris.to_article(record)[0]
    assert (article.publisher, article.journal_abbrev, article.place) == (
        "CAMBRIDGE UNIV PRESS", "Can. J. Aging-Rev. Can. Vieil.", "")  # a journal's article has no place
    (book,), _ = ris.read(text.replace("TY  - JOUR", "TY  - BOOK"), "wos.ris")
    assert ris.to_article(book)[0].place == "CAMBRIDGE"


def test_embase_copyright_sign_written_in_words_is_the_rights_line() -> None:
    # Embase writes "©" as "(copyright)" (RefLib's ris.txt): the line left the abstract as "© …" lines do.
    path = Path(__file__).resolve().parents[1] / "data" / "ris" / "reflib-embase-copyright.ris"
    vaccination, vectors = (readers.to_article(r)[0] for r in readers.read_file(path, path.name)[0])
    assert vaccination.rights == "(copyright) Wydawnictwo Continuo."
    assert vaccination.abstract[-1].text.endswith("it remained on the same level.")
    assert vectors.rights == "(copyright)PHARMAKON-Press."
    assert vectors.abstract[-1].text.endswith("response to public health events internationally.")


def test_embase_headings_closed_by_a_full_stop_start_sections() -> None:
    # "Background. Tick-borne encephalitis … Objectives. The aim … Material and methods. We analyzed …" (RefLib's
    # Embase RIS) and "BACKGROUND. The management … METHODS. …" (litstudy's) were each one unlabelled paragraph.
    data = Path(__file__).resolve().parents[1] / "data" / "ris"
    vaccination, vectors = (readers.to_article(r)[0] for r in readers.read_file(
        data / "reflib-embase-copyright.ris", "reflib-embase-copyright.ris")[0])
    assert [s.label for s in vaccination.abstract] == [
        "Background", "Objectives", "Material and methods", "Results", "Conclusions"]
    assert vaccination.abstract[2].text == ("We analyzed immunization cards of children. Material was gathered "
                                            "according to immunization cards of 659 children.")
    assert vaccination.abstract[3].text.startswith("54 children under 18 were vaccinated")
    assert [s.label for s in vectors.abstract] == [""]  # no headings: one paragraph, as before
    cysts = [readers.to_article(r)[0] for r in readers.read_file(
        data / "embase-medline-pmid.ris", "embase-medline-pmid.ris")[0]][-1]
    assert [s.label for s in cysts.abstract] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert cysts.abstract[0].text.startswith("The management of foregut duplication cysts is controversial")
    assert cysts.rights == "© 2004 American Cancer Society."


def test_cab_abstracts_names_of_characters_are_the_characters() -> None:
    # CAB Abstracts (through Web of Science, RefLib's ris.txt) writes "£" as "<pounds>": "… is estimated not to
    # exceed <pounds>70." was shown "not to exceed 70.", the sign left out as if it were a tag.
    path = Path(__file__).resolve().parents[1] / "data" / "ris" / "reflib-cab-pounds.ris"
    [record] = readers.read_file(path, path.name)[0]
    article = readers.to_article(record)[0]
    assert article.abstract[-1].text.endswith("the material necessary for erecting the kraals is estimated not to "
                                              "exceed £70.")
    written = "37<degree>C, 5 <plus or minus> 1 <mu>g of IL-1<beta>; <i>x</i>"
    assert shared.strip_tags(written) == "37°C, 5 ± 1 μg of IL-1β; x"


def test_cab_abstracts_new_paragraph_mark_is_no_text() -> None:
    # CAB Abstracts (through Web of Science, RefLib's ris.txt) parts paragraphs with "<new para>", which the page
    # showed as text: "… D.W. FitzSimons<new para>ADDITIONAL ABSTRACT:<new para>A statewise cross-sectional …".
    path = Path(__file__).resolve().parents[1] / "data" / "ris" / "reflib-cab-abstracts.ris"
    for record in readers.read_file(path, path.name)[0]:
        article = readers.to_article(record)[0]
        assert [s.label for s in article.abstract] == ["", "ADDITIONAL ABSTRACT"]
        assert not any("<" in s.text for s in article.abstract)
    assert article.abstract[0].text.endswith("for stabilates of T. lawrencei.")
    assert article.abstract[1].text.startswith("Nymphs of Rhipicephalus appendiculatus were infected")


def test_a_generation_after_a_family_name_without_a_comma_is_no_part_of_it() -> None:
    """The Embase record with its author written "Leslie Jr. D.M." (family, generation, initials, no comma): the
    family name was "Leslie Jr.", so the citation read "Leslie Jr. DM" and the author was not the "Leslie, D.M.,
    Jr." of other exports; it is D.M. Leslie Jr., as Scopus's "Leslie Jr., D.M." is read (generation_apart)."""
    text = text_of("example_empty_tag.ris").replace("A1  - Fanning E.", "A1  - Leslie Jr. D.M.", 1)
    (record,), _ = ris.read(text, "a.ris")
    article, _ = ris.to_article(record)
    assert article.authors == (Person("Leslie Jr., D.M.", "Leslie", "D.M.", "Jr."),)


def test_an_organisation_of_two_words_as_editor_stays_whole() -> None:
    """The ScienceDirect chapter with its book's editor an organisation of two words: "A2  - Mayo Clinic" was read
    given name first, a person "Clinic, Mayo". A two-word name its words leave open ("Wellcome Trust": "Jean
    Bureau" is a person) is still read as a person's."""
    text = text_of("klab-sciencedirect-chapters.ris")
    assert "A2  - Amy E. Keating" in text
    for editor in ("Mayo Clinic", "Amnesty International", "Cochrane Library"):
        records, _ = ris.read(text.replace("A2  - Amy E. Keating", f"A2  - {editor}", 1), "a.ris")
        assert ris.to_article(records[0])[0].editors == (Person(editor),)


def test_et_al_on_an_author_line_of_its_own_is_no_author() -> None:
    """A list of authors cut short ends in a line "AU  - et al.", as MEDLINE writes it for an old record and RIS
    writers that cut a long byline copy it (the first PubMed record of the Zotero export, with that line after its
    last author): "et al." was an author, with an author page of that name. It is the byline's "et al."."""
    text = text_of("pubmed_zotero.ris").replace("AU  - Rashedi, Vahid", "AU  - Rashedi, Vahid\nAU  - et al.", 1)
    records, _ = ris.read(text, "a.ris")
    article, _ = ris.to_article(records[0])
    assert [p.name for p in article.authors] == [
        "Rudnik, Agata", "Piotrowicz, Grazyna", "Basinska, Malgorzata A.", "Rashedi, Vahid"]
    assert article.et_al is True
    assert ris.to_article(records[1])[0].et_al is False


@pytest.mark.parametrize("tail", [", et al.", " et al.", ", et al"])
def test_et_al_ending_the_last_author_line_is_the_bylines(tail: str) -> None:
    """A hand-kept library types the cut list's "et al." after the last author, on that author's line ("AU  -
    Rashedi, V., et al.", retyped on the first record of the Zotero export): "et al." was read as a suffix
    ("Rashedi, V., et al."), or as given names ("Rashedi, V. et al."). It is the byline's "et al."."""
    text = text_of("pubmed_zotero.ris").replace("AU  - Rashedi, Vahid", f"AU  - Rashedi, V.{tail}", 1)
    records, _ = ris.read(text, "a.ris")
    article, _ = ris.to_article(records[0])
    assert article.authors[-1] == Person("Rashedi, V.", family="Rashedi", given="V.")
    assert len(article.authors) == 4
    assert article.et_al is True
    assert ris.to_article(records[1])[0].et_al is False


def test_a_second_abstract_that_opens_with_a_french_heading_is_the_french_abstract() -> None:
    """EBSCOhost's RIS of an APA PsycInfo record of an article in a French journal gives its French abstract as a
    second AB with no word for its language, "AB  - Objectif: L’objectif de cette étude …" (CiteSource's
    psycinfo_64.ris, GPL-3, read in place; here its shape in words of the project's own): it was in the full
    record only. Its opening heading is French alone: it is the abstract in French, cut at its headings."""
    text = ("TY  - JOUR\nAU  - Pomme, Aline\nT1  - Étude d’un verger\nJF  - Revue des vergers\nY1  - 2022\n"
            "AB  - Background and objectives: An orchard was studied. Results: It grew.\n"
            "AB  - Objectif: Étudier un verger. Méthode: On a compté les pommes. Résultats: Il a poussé. "
            "Discussion: Le verger va bien.\nDP  - EBSCOhost\nDB  - psyh\nER  - \n")
    (record,), _ = ris.read(text, "psycinfo.ris")
    article = ris.to_article(record)[0]
    assert [s.label for s in article.abstract] == ["Background and objectives", "Results"]
    (french,) = article.other_abstracts
    assert french.language.tag == "fr"
    assert [(s.label, s.text) for s in french.sections] == [
        ("Objectif", "Étudier un verger."), ("Méthode", "On a compté les pommes."), ("Résultats", "Il a poussé."),
        ("Discussion", "Le verger va bien.")]


def test_the_word_abstract_glued_to_the_text_is_no_part_of_it() -> None:
    """Ovid's PsycInfo record of a Wiley article (asreview's ovid_psycinfo.ris, Apache-2.0) runs the heading of the
    publisher's JATS abstract into its text, "N2  - AbstractYouth with inflammatory bowel disease (IBD) …": the page
    read "AbstractYouth with …"."""
    (record,), _ = read("ovid-psycinfo-abstract-glued.ris")
    article = ris.to_article(record)[0]
    assert article.abstract[0].text.startswith("Youth with inflammatory bowel disease (IBD) often experience")
    assert article.rights == "PsycINFO Database Record (c) 2019 APA, all rights reserved"


def test_a_heading_glued_to_both_sides_starts_its_section() -> None:
    """Ovid's PsycInfo record of a BioMed Central review (cff-ovid-psycinfo-main-body.ris, CC0) flattens its JATS
    sections with colons after "Background" and "Conclusions" only: "… in this age group.Main bodyTo meet this
    need, …". The page showed "Main bodyTo meet …" inside the background."""
    (record,), _ = read("cff-ovid-psycinfo-main-body.ris")
    article = ris.to_article(record)[0]
    assert [s.label for s in article.abstract] == ["Background", "Main body", "Conclusions"]
    assert article.abstract[0].text.endswith("may improve anxiety and optimize outcomes in this age group.")
    assert article.abstract[1].text.startswith("To meet this need, we developed an integrated treatment called DINO")


@pytest.mark.parametrize("text", ["Made in the U.S.Results of the poll", "the U.K.MethodsThat", "in vitro.resultsThe"])
def test_no_heading_is_glued_where_none_is(text: str) -> None:
    assert [(s.label, s.text) for s in split_text(text)] == [("", text)]


def test_the_word_abstract_and_its_full_stop_are_no_part_of_it() -> None:
    """Dimensions' RIS of a Copernicus article (10.5194/bg-7-1375-2010 in CiteSource's Dimensions_246.ris, GPL-3,
    so in words of our own) keeps the bold "Abstract." that Copernicus prints in the abstract's first paragraph: the
    page read "Abstract. To fully understand …"."""
    text = ("TY  - JOUR\nTI  - Carbon in a forest\nAB  - Abstract. To count the carbon of a forest we weighed it.\n"
            "UR  - https://app.dimensions.ai/details/publication/pub.0000000001\nER  - \n")
    (record,), _ = ris.read(text, "dimensions.ris")
    assert [s.text for s in ris.to_article(record)[0].abstract] == ["To count the carbon of a forest we weighed it."]


@pytest.mark.parametrize(("text", "kept"), [
    ("AbstractYouth with IBD", "Youth with IBD"), ("Abstract Youth with IBD", "Youth with IBD"),
    ("ABSTRACTBackground: two", "Background: two"),
    ("Abstract. To fully understand", "To fully understand"),  # Copernicus's, in Dimensions' RIS
    ("Abstract.", "Abstract."), ("Abstract. of the talk", "Abstract. of the talk"),
    ("Abstract reasoning in children", "Abstract reasoning in children"),  # the word of a sentence
    ("Abstracts of the meeting", "Abstracts of the meeting"), ("ABSTRACTS", "ABSTRACTS"),
])
def test_only_the_word_that_heads_an_abstract_is_left_out(text: str, kept: str) -> None:
    assert shared.ABSTRACT_WORD.sub("", text) == kept
