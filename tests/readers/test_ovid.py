"""The Ovid reader: two Embase records in Ovid's tagged shapes for Citavi (.ovd) and EndNote (.cgi), and real
Journals@Ovid exports that name their fields in words ("Title", then the value indented below)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.build import build
from site_builder.cite.references import format_references
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Record
from site_builder.readers import ovid

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = ["embase-citavi.ovd", "embase-endnote.cgi"]
NAMED = ["jabref-long-labels-5.txt", "jabref-long-labels-6.txt", "jabref-long-labels-7.txt"]


def text_of(name: str) -> str:
    return (DATA / "ovid" / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", FILES)
def test_every_record_is_read(name: str) -> None:
    text = text_of(name)
    assert readers.choose_reader(Path(name), text[:4096]).format == "ovid"
    records, diagnostics = ovid.read(text, name)
    assert diagnostics == []
    numbers = [i + 1 for i, line in enumerate(text.split("\n")) if re.fullmatch(r"<\d+\. >", line)]
    assert [r.where.line for r in records] == numbers == [1, 46]
    assert [r.preamble for r in records] == [("<1. >",), ("<2. >",)]
    assert records[0].fields[:3] == (Field("VN", ("Ovid Technologies",), 2), Field("DB", ("Embase",), 3),
                                     Field("UI", ("2029880245",), 4))
    # An indented continuation line is a further line of its field.
    institutions = records[0].values("IN")
    assert len(institutions) == 3 and institutions[1].startswith("(Yang Z., zyang@ucc.ie; McNamara M.E.) Environ")


def test_an_abstract_continued_at_the_start_of_the_line() -> None:
    """The EndNote export writes the abstract's later parts unindented: they stay in the abstract, and both
    exports give the same sections."""
    cgi = ovid.read(text_of("embase-endnote.cgi"), "e.cgi")[0][1]
    ovd = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][1]
    assert len(cgi.values("AB")) == 3 and cgi.values("AB")[1].startswith("RESULTS: Here, I describe")
    assert len(ovd.values("AB")) == 1
    assert [f.name for f in cgi.fields] == [f.name for f in ovd.fields]  # no line taken for a field of its own
    abstracts = [ovid.to_article(r)[0].abstract for r in (cgi, ovd)]
    assert [s.label for s in abstracts[0]] == ["BACKGROUND", "RESULTS", "CONCLUSIONS"]
    assert abstracts[0] == abstracts[1]


def test_an_embase_record_as_an_article() -> None:
    record = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][0]
    article, problems = ovid.to_article(record)
    assert problems == []
    assert article.title == ("Cellular structure of dinosaur scales reveals retention of reptile-type skin during "
                             "the evolutionary transition to feathers.")
    assert [(p.family, p.given) for p in article.authors] == [
        ("Yang", "Z."), ("Jiang", "B."), ("Xu", "J."), ("McNamara", "M.E.")]
    # SO: "Nature Communications. 15 (1) (no pagination), 2024. Date of Publication: 2024."
    assert article.journal == "Nature Communications"
    assert (article.volume, article.issue, article.pages, article.date) == ("15", "1", "", "2024")
    assert article.doi == "10.1038/s41467-024-48400-3"  # from http://dx.doi.org/…
    assert article.pmid == ""  # Embase's UI is its own accession number, not a PubMed id
    assert [lang.name for lang in article.languages] == ["English"]
    assert article.keywords[:3] == ("keratin", "melanin", "animal scales") and "Psittacosaurus" in article.keywords


def test_an_article_number_is_the_article_number() -> None:
    record = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][1]
    article, _ = ovid.to_article(record)
    assert (article.journal, article.volume, article.issue, article.pages, article.article_number) == (
        "BMC ecology and evolution", "24", "1", "", "20")  # "… 24 (1) (no pagination), 2024. Article Number: 20."


def test_ui_is_the_pubmed_id_in_medline() -> None:
    """The same record as if it came from Ovid MEDLINE (only its DB line changed): UI is then a PMID."""
    record = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][0]
    fields = tuple(Field("DB", ("Ovid MEDLINE(R) <1946 to Present>",), f.line) if f.name == "DB" else f
                   for f in record.fields)
    article, _ = ovid.to_article(Record(record.format, record.where, fields, record.preamble))
    assert article.pmid == "2029880245" and article.id == "pubmed-2029880245"


@pytest.mark.parametrize(("source", "expected"), [
    # Embase (the fixture's records)
    ("Nature Communications. 15 (1) (no pagination), 2024. Date of Publication: 2024.",
     ovid.Source("Nature Communications", "15", "1", "", "2024")),
    ("BMC ecology and evolution. 24 (1) (no pagination), 2024. Article Number: 20. Date of Publication: 2024.",
     ovid.Source("BMC ecology and evolution", "24", "1", "", "2024", article_number="20")),
    # Embase's shape for a conference abstract, written for McMahan et al., AISTATS 2017 (the CC BY deep-review
    # item of tests/data/csl-json): the conference's name is no part of the journal.
    ("Artificial Intelligence and Statistics. Conference: 20th International Conference on Artificial "
     "Intelligence and Statistics. Fort Lauderdale, United States. 54 (pp 1273-1282), 2017. Date of "
     "Publication: 10 Apr 2017.",
     ovid.Source("Artificial Intelligence and Statistics", "54", "", "1273-1282", "2017-04-10")),
    # PsycINFO: Kobori O et al. Behav Cogn Psychother 2015;43(5):623-34 as PsycINFO writes its source
    ("Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634. ",
     ovid.Source("Behavioural and Cognitive Psychotherapy", "43", "5", "623-634", "2015-09")),
    # BIOSIS and MEDLINE: Werner SM et al. Forest Ecol Manag 2004;201(2-3):327-34
    ("Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.",
     ovid.Source("Forest Ecology & Management", "201", "2-3", "327-334", "2004-11-15")),
    # Journals@Ovid (the fixtures): three spaces after the journal; ahead of print, the journal alone
    ("Nursing Science Quarterly.   28(2):103-106, April 2015.",
     ovid.Source("Nursing Science Quarterly", "28", "2", "103-106", "2015-04")),
    ("Journal of Orthopaedic Trauma. ", ovid.Source("Journal of Orthopaedic Trauma")),
    # Journals@Ovid's tagged export (real articles' source lines, as in Zotero's Ovid translator tests): the date
    # between journal and volume, two months a period printed as PubMed prints it
    ("Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653",
     ovid.Source("Acta Biochimica et Biophysica Sinica", "43", "8", "647-653", "2011-08")),
    ("ACSM'S Health & Fitness Journal January/February 2010;14(1):56",
     ovid.Source("ACSM'S Health & Fitness Journal", "14", "1", "56", "2010-01", "2010 Jan-Feb")),
    ("Acta Chirurgica Belgica November/December 2010;6:611-613",
     ovid.Source("Acta Chirurgica Belgica", "6", "", "611-613", "2010-11", "2010 Nov-Dec")),
    # BIOSIS, a chapter: its editors with their roles, its book, its pages
    ("Kamp, Roza Maria [Editor, Reprint Author], Calvete, Juan J. [Editor], Choli-Papadopoulou, Theodora [Editor]. "
     "Methods in proteome and protein analysis.:371-397, 2004.",
     ovid.Source(pages="371-397", date="2004", container="Methods in proteome and protein analysis",
                 editors=("Kamp, Roza Maria", "Calvete, Juan J.", "Choli-Papadopoulou, Theodora"))),
    # BIOSIS, a patent in an issue without pages (US 6818228, as in Zotero's Ovid Tagged translator tests): the day
    # was read as the volume, "1288(3), Nov" as part of the journal
    ("Official Gazette of the United States Patent & Trademark Office Patents. 1288(3), Nov. 16, 2004.",
     ovid.Source("Official Gazette of the United States Patent & Trademark Office Patents", "1288", "3",
                 date="2004-11-16")),
    # Zoological Record (records of Zotero's Ovid Tagged translator tests): the date then the pages, no volume;
    # the journal, the day and the pages were not shown; "9pp." counts the pages, it is no range
    ("Hydrobiologia. 2007 15 June; 433-441.", ovid.Source("Hydrobiologia", pages="433-441", date="2007-06-15")),
    ("Association of Zoos and Aquariums Regional Meetings Proceedings. 2005; 9pp..",
     ovid.Source("Association of Zoos and Aquariums Regional Meetings Proceedings", date="2005")),
    # International Political Science Abstracts (records of Zotero's Ovid Tagged translator tests): the journal,
    # volume and pages were not shown
    ("Journal of Political Studies 12, Winter 2007: 7-14.",
     ovid.Source("Journal of Political Studies", "12", "", "7-14", "2007", "2007 Winter")),
    ("Journal of Current Southeast Asian Affairs, 2013(1): 3-28.",
     ovid.Source("Journal of Current Southeast Asian Affairs", "2013", "1", "3-28")),
    ("Not a source line", ovid.Source()),
])
def test_source_lines(source: str, expected: ovid.Source) -> None:
    assert ovid.parse_source(source) == expected


@pytest.mark.parametrize(("name", "fmt"), [
    ("ovid/embase-citavi.ovd", "ovid"), ("ovid/jabref-long-labels-5.txt", "ovid"),
    ("ris/ovid-psycinfo-subset.ris", "ris"), ("medline-nbib/blachlylab-subset.nbib", "medline-nbib"),
    ("ris/example_wos.ris", "ris"),
])
def test_ovid_is_told_from_its_relatives(name: str, fmt: str) -> None:
    """Ovid's RIS export ("1." then "TY  - JOUR") is RIS; MEDLINE's "TI  - " lines are MEDLINE."""
    head = (DATA / name).read_bytes()[:4096].decode("utf-8-sig")
    assert ovid.sniff(head) is (fmt == "ovid")
    for suffix in (".txt", ".ris", ".ovd"):
        assert readers.choose_reader(Path("export" + suffix), head).format == fmt


def test_text_before_the_first_record_is_kept_and_reported() -> None:
    text = "Search history: (dinosaur or feather).ti.\n\n" + text_of("embase-citavi.ovd")
    records, diagnostics = ovid.read(text, "e.ovd")
    assert len(records) == 2 and records[0].preamble == ("Search history: (dinosaur or feather).ti.", "<1. >")
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.WARNING, 1)]


def test_a_file_without_records_is_an_error() -> None:
    records, diagnostics = ovid.read("Search history only\n", "e.ovd")
    assert records == [] and [(d.level, d.where.line) for d in diagnostics] == [(Level.WARNING, 1), (Level.ERROR, 1)]


@pytest.mark.parametrize("notes", ["ovid/SOURCE.md", "ris/SOURCE.md", "../../README.md"])
@pytest.mark.parametrize("suffix", [".ovd", ".cgi", ".ris", ".txt"])
def test_prose_about_records_is_no_record(notes: str, suffix: str) -> None:
    """Notes that quote "<1. >", "TY  - " and "TI  - " (the README's table of formats) are not taken for
    records: the build warns 'not a record format' and goes on, as before."""
    head = (DATA / notes).read_text(encoding="utf-8")
    assert readers.choose_reader(Path("notes" + suffix), head) is None


# --- field names in words (Journals@Ovid) ------------------------------------------------------------------------

@pytest.mark.parametrize("name", NAMED)
def test_every_named_record_is_read_and_keeps_every_line(name: str) -> None:
    text = text_of(name)
    assert readers.choose_reader(Path(name), text[:4096]).format == "ovid"
    records, diagnostics = ovid.read(text, name)
    assert diagnostics == []
    (record,) = records
    assert record.where.line == 1 and re.fullmatch(r"<\d+>", record.preamble[0])
    # Lossless: each line at the start of the line is a field's name, each indented line one of its values.
    lines = [line for line in text.split("\n")[1:] if line.strip()]
    assert [f.name for f in record.fields] == [line.strip() for line in lines if not line[0].isspace()]
    assert [v for f in record.fields for v in f.values] == [line.strip() for line in lines if line[0].isspace()]
    assert record.fields[0] == Field("Score", ("*****",), 2)


def test_a_named_record_as_an_article() -> None:
    record = ovid.read(text_of("jabref-long-labels-5.txt"), "j.txt")[0][0]
    article, problems = ovid.to_article(record)
    assert problems == []
    assert article.title == "Listening: Important to the Stuff of a Life."  # Ovid's "[Miscellaneous]" note off
    # "Bunkers, Sandra Schmidt RN; PhD; FAAN 1": the degrees and the affiliation's number are not the name.
    assert [(p.name, p.family, p.given) for p in article.authors] == [
        ("Bunkers, Sandra Schmidt", "Bunkers", "Sandra Schmidt")]
    assert (article.journal, article.volume, article.issue, article.pages, article.date) == (
        "Nursing Science Quarterly", "28", "2", "103-106", "2015-04")
    assert article.doi == "10.1177/0894318415571606"  # "DOI Number"
    assert record.values("Accession Number") == ("00006236-201504000-00002.",)  # kept as printed


def test_journals_at_ovid_authors_degrees_and_marks() -> None:
    record = ovid.read(text_of("jabref-long-labels-6.txt"), "j.txt")[0][0]
    article, _ = ovid.to_article(record)
    # "Verbeek, Jan MD *;  Hermans, Erik MD +;  van Vugt, Arie MD, PhD +;  Frolke, Jan Paul MD, PhD *"
    assert [p.name for p in article.authors] == ["Verbeek, Jan", "Hermans, Erik", "van Vugt, Arie", "Frolke, Jan Paul"]
    assert article.authors[2].family == "van Vugt"
    assert article.journal == "Journal of Orthopaedic Trauma"
    # Published ahead of print: the Status line's date is the online one; there is no issue yet.
    assert (article.date, article.epub_date) == ("", "2015-11-30")
    assert [lang.name for lang in article.languages] == ["English"]  # "English."
    assert article.keywords[:2] == ("iliosacral", "iliosacral screw") and article.keywords[-1] == "pelvic fracture"
    assert article.links[0].url.startswith("http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext")


def test_journals_at_ovid_tagged_one_author_a_line() -> None:
    """Journals@Ovid's tagged export: one AU line a person, with affiliation marks and degrees ("Zhang, Weijia
    1,2,+", "Peterson, James A. Ph.D., FACSM"), and the date inside the source line: the marks and degrees were
    read as given names ("Weijia 1", "James A. Ph.D."), and journal, volume, issue, pages and date were lost.
    The shapes of the records of Zotero's Ovid translator tests."""
    text = ("<5. >\nVN  - Ovid Technologies\nDB  - Journals@Ovid\nAN  - 01189059-201108000-00009.\n"
            "AU  - Zhang, Weijia 1,2,+\nAU  - Ding, Wei 2,+\nAU  - He, Zhimin 1,2,*\n"
            "TI  - Up-regulation of breast cancer resistance protein plays a role in HER2-mediated chemoresistance.  "
            "[Article]\nSO  - Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653\n\n"
            "<3. >\nVN  - Ovid Technologies\nDB  - Your Journals@Ovid\nAN  - 00135124-201001000-00018.\n"
            "AU  - Peterson, James A. Ph.D., FACSM\nAU  - Gazic, Barbara MD, PhD *\n"
            "TI  - Take Ten: Need-to-Know Facts About Breast Cancer.  [Miscellaneous]\n"
            "SO  - ACSM'S Health & Fitness Journal January/February 2010;14(1):56\n")
    records, problems = ovid.read(text, "j.txt")
    assert problems == []
    first, second = (ovid.to_article(r)[0] for r in records)
    assert [p.name for p in first.authors] == ["Zhang, Weijia", "Ding, Wei", "He, Zhimin"]
    assert (first.journal, first.volume, first.issue, first.pages, first.date) == (
        "Acta Biochimica et Biophysica Sinica", "43", "8", "647-653", "2011-08")
    assert [p.name for p in second.authors] == ["Peterson, James A.", "Gazic, Barbara"]
    assert (second.date, second.date_printed, second.pages) == ("2010-01", "2010 Jan-Feb", "56")
    assert second.title == "Take Ten: Need-to-Know Facts About Breast Cancer."


def test_a_title_journals_at_ovid_wraps_in_quotes() -> None:
    text = ('<1. >\nVN  - Ovid Technologies\nDB  - Journals@Ovid\nAN  - 00000000-201506000-00005.\n'
            'TI  - "Injury, Illness, and Work Restriction in Merchant Seafarers".  [Article]\n'
            "SO  - American Journal Of Industrial Medicine June 2015;58(6):688-696\n")
    (record,), _ = ovid.read(text, "j.txt")
    article, _ = ovid.to_article(record)
    assert (article.title, article.volume, article.pages) == (
        "Injury, Illness, and Work Restriction in Merchant Seafarers", "58", "688-696")


def test_tags_with_one_space_before_the_hyphen() -> None:
    """PsycINFO's records through Ovid as some exports write them, "TI - " with one space (a real record's shape,
    from Zotero's Ovid translator tests): the whole file was skipped as a format site-builder does not know."""
    text = ("<53. >\nVN - Ovid Technologies\nDB - PsycINFO\nAN - Dissertation Abstract: 2014-99150-257.\n"
            "TI - Academic procrastination as mediated by executive functioning, perfectionism, and frustration "
            "intolerance in college students.\nDP - 2014\nYR - 2014\nLG - English\nAU - Sudler, Eric L\n"
            "PT - Dissertation Abstract\n")
    assert ovid.sniff(text)
    (record,), problems = ovid.read(text, "p.txt")
    article, _ = ovid.to_article(record)
    assert problems == [] and article.title.startswith("Academic procrastination as mediated")
    assert ([p.name for p in article.authors], article.date, article.kind) == (["Sudler, Eric L"], "2014", "thesis")


def test_a_biosis_chapter_names_its_book_and_editors() -> None:
    text = ("<2. >\nVN  - Ovid Technologies\nDB  - BIOSIS Previews\nAN  - PREV200400000001\n"
            "AU  - Hjerno, Karin [Author, Reprint Author]\nTI  - Peak Erazor\n"
            "SO  - Kamp, Roza Maria [Editor, Reprint Author], Calvete, Juan J. [Editor]. Methods in proteome and "
            "protein analysis.:359-370, 2004.\n      Series Information:  Principles and Practice.\n"
            "PT  - Book Chapter\nYR  - 2004\n")
    (record,), _ = ovid.read(text, "b.txt")
    article, _ = ovid.to_article(record)
    assert (article.kind, article.container, article.journal, article.pages, article.date) == (
        "chapter", "Methods in proteome and protein analysis", "Principles and Practice", "359-370", "2004")
    assert [p.name for p in article.editors] == ["Kamp, Roza Maria", "Calvete, Juan J."]
    assert [p.name for p in article.authors] == ["Hjerno, Karin"]


EMBASE_CONFERENCE_ABSTRACT = """<3001. >
VN  - Ovid Technologies
DB  - Embase
UI  - 600000001
ST  - CONFERENCE ABSTRACT
TI  - Living with a rare airway disease: a review of patients' accounts.
SO  - BMC Proceedings. Conference: 2nd Airway Disease Meeting: Part 2. Spain. 12 (Supplement 3) (no pagination), \
2018. Date of Publication: 2018.
AU  - Rowe L.
AU  - Lucas J.S.
CS  - 20170418
CE  - 20170421
PT  - Conference Abstract
IS  - 1753-6561
SU  - Journal
YR  - 2018
"""


def test_an_embase_conference_abstract_printed_in_a_journal() -> None:
    """The shape of Embase's conference abstracts through Ovid (record 3001 of the Citavi exports of GitHub
    knh11545/commandline4expertsearchers, test/data, which has no licence: retyped, the words are ours): printed
    in a journal's supplement ("SU  - Journal"). It was cited as a paper in a book, "In: BMC Proceedings. Vol. 12.
    BioMed Central Ltd.; 2018.", without its issue, and the page did not say it is a conference abstract."""
    (record,), _ = ovid.read(EMBASE_CONFERENCE_ABSTRACT, "embase.ovd")
    article, problems = ovid.to_article(record)
    assert problems == []
    assert (article.kind, article.journal, article.volume, article.issue, article.publication_types) == (
        "", "BMC Proceedings", "12", "Supplement 3", ("Conference Abstract",))
    cited = {c.style_id: c.text for c in format_references(article)}
    assert cited["vancouver"] == ("Rowe L, Lucas JS. Living with a rare airway disease: a review of patients' "
                                  "accounts. BMC Proceedings. 2018;12(Supplement 3).")


def test_a_conference_abstract_not_in_a_journal_is_a_conference_paper() -> None:
    (record,), _ = ovid.read(EMBASE_CONFERENCE_ABSTRACT.replace("SU  - Journal", "SU  - Conference Proceeding"),
                             "embase.ovd")
    article, _ = ovid.to_article(record)
    assert (article.kind, article.publication_types) == ("paper-conference", ("Conference Abstract",))


def test_a_biosis_patent_in_the_official_gazette() -> None:
    """A BIOSIS Previews patent (the facts of a record of Zotero's Ovid Tagged translator tests, AGPL): the page gave
    "Volume 16" (the day of "Nov. 16, 2004") and "…Patents. 1288(3), Nov" as the journal, and called it an
    article."""
    text = ("<1. >\nVN  - Ovid Technologies\nDB  - BIOSIS Previews\nAN  - PREV200400474164\n"
            "AU  - Walsdorf, Neill B. [Inventor, Reprint Author]\n"
            "TI  - Dietary supplements containing ultradense calcium citrate and carbonyl iron\n"
            "SO  - Official Gazette of the United States Patent & Trademark Office Patents. 1288(3), Nov. 16, 2004.\n"
            "PT  - Patent\nIS  - 0098-1133 (ISSN print)\nPN  - US 6818228\nYR  - 2004\n")
    (record,), _ = ovid.read(text, "biosis.txt")
    article, _ = ovid.to_article(record)
    assert (article.kind, article.journal, article.volume, article.issue, article.date) == (
        "patent", "Official Gazette of the United States Patent & Trademark Office Patents", "1288", "3",
        "2004-11-16")


def test_initials_are_no_degrees() -> None:
    record = ovid.read(text_of("jabref-long-labels-7.txt"), "j.txt")[0][0]
    article, _ = ovid.to_article(record)
    assert [p.name for p in article.authors] == ["Shapiro, Edward S.", "Dennis, Minyi Shih", "Fu, Qiong"]
    assert article.keywords[-1] == "progress monitoring"  # the list's closing period is not the keyword's
    assert ovid.journals_at_ovid_names("Roos, Raymund A.C. MD;  Lau, Annie Y S PhD") == [
        "Roos, Raymund A.C.", "Lau, Annie Y S"]
    # a degree with periods has a small letter; a French initial "Ph." is one part, "J.C." two initials
    assert [ovid.journals_at_ovid_names(n) for n in ("Simon, Ph. 1", "Smith, J.C.", "Peterson, James A. Ph.D.")] == [
        ["Simon, Ph."], ["Smith, J.C."], ["Peterson, James A."]]


def test_both_forms_give_the_same_article() -> None:
    """The tagged form of a Journals@Ovid record (its fields named by the tags LABELS gives) reads the same."""
    named = ovid.read(text_of("jabref-long-labels-5.txt"), "j.txt")[0][0]
    tagged_text = "\n".join(
        ["<1. >", *(f"{ovid.LABELS.get(f.name, f.name)}  - {' '.join(f.values)}" for f in named.fields
                    if f.name in ovid.LABELS and f.name != "Author"),
         "AU  - Bunkers, Sandra Schmidt"])
    tagged = ovid.read(tagged_text, "t.ovd")[0][0]
    a, b = ovid.to_article(named)[0], ovid.to_article(tagged)[0]
    for name in ("title", "authors", "journal", "volume", "issue", "pages", "date", "doi", "abstract"):
        assert getattr(a, name) == getattr(b, name), name


def test_a_record_without_its_number_is_not_read_in_words() -> None:
    """Named fields are only taken after a record number: without one the text is reported, not guessed at."""
    text = text_of("jabref-long-labels-5.txt").replace("<1>\n", "")
    records, diagnostics = ovid.read(text, "j.txt")
    assert records == [] and diagnostics[-1].level is Level.ERROR


# PubMed's record 30679803 (tests/data/medline-nbib/blachlylab-subset.nbib; NLM data, public domain) in the shape of
# Ovid MEDLINE's display with field names in words, opened by "<1. >".
MEDLINE_IN_WORDS = """<1. >
Database
  Ovid MEDLINE(R) ALL <1946 to Present>
Unique Identifier
  30679803
Authors
  Eisfeld AK
  Blachly JS
  Mrozek K
  de la Chapelle A
Authors Full Name
  Eisfeld, Ann-Kathrin
  Blachly, James S
  Mrózek, Krzysztof
  de la Chapelle, Albert
Title
  Implementation of standardized variant-calling nomenclature in the age of next-generation sequencing: where
  do we stand?
Source
  Leukemia. 33(3):809-810, 2019 Mar.
MeSH Subject Headings
  Genetic Variation/ge [Genetics]
  *High-Throughput Nucleotide Sequencing/st [Standards]
Publication Type
  Letter.
Language
  English
Digital Object Identifier
  https://dx.doi.org/10.1038/s41375-018-0372-x
Year of Publication
  2019
"""


def test_medline_fields_named_in_words() -> None:
    (record,), diagnostics = ovid.read(MEDLINE_IN_WORDS, "m.txt")
    assert diagnostics == [] and ovid.sniff(MEDLINE_IN_WORDS)
    assert record.values("Authors") == ("Eisfeld AK", "Blachly JS", "Mrozek K", "de la Chapelle A")
    article, problems = ovid.to_article(record)
    assert problems == []
    assert (article.pmid, article.id) == ("30679803", "pubmed-30679803")  # a MEDLINE "Unique Identifier"
    assert [p.name for p in article.authors] == [
        "Eisfeld, Ann-Kathrin", "Blachly, James S", "Mrózek, Krzysztof", "de la Chapelle, Albert"]
    assert article.title.endswith("next-generation sequencing: where do we stand?")
    assert (article.journal, article.volume, article.issue, article.pages, article.date) == (
        "Leukemia", "33", "3", "809-810", "2019-03")
    assert article.doi == "10.1038/s41375-018-0372-x"
    assert article.keywords == ("Genetic Variation", "High-Throughput Nucleotide Sequencing")


def test_pages_of_records_named_in_words(tmp_path: Path, html) -> None:
    """Built into a site: the byline without degrees, the journal, the online date of an article ahead of print,
    and the full record under the field names as Ovid prints them."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in NAMED:
        (site / "content" / name).write_bytes((DATA / "ovid" / name).read_bytes())
    out = tmp_path / "_site"
    build(site, out)
    pages = {html.text(html.main(doc).find(".//h1")): doc
             for doc in (html.parse(p) for p in sorted((out / "articles").glob("*.html")))}
    assert len(pages) == 3
    screws = html.main(pages["Correct positioning of percutaneous iliosacral screws with computer-navigated versus "
                              "fluoroscopically guided surgery in traumatic pelvic ring fractures."])
    facts = screws.find(".//dl[@class='facts']")
    terms = [html.text(el) for el in facts if el.tag == "dt"]
    values = [html.text(el) for el in facts if el.tag == "dd"]
    assert dict(zip(terms, values, strict=True))["Published"] == "Epub 30 Nov 2015"
    assert dict(zip(terms, values, strict=True))["Journal"] == "Journal of Orthopaedic Trauma"
    authors = [html.text(a) for a in screws.iter("a") if "/authors/" in a.get("href", "")]
    assert authors[:4] == ["Verbeek, Jan", "Hermans, Erik", "van Vugt, Arie", "Frolke, Jan Paul"]
    page_text = html.text(screws)
    assert "Accession Number" in page_text and "00005131-900000000-99049." in page_text  # the full record
    assert "Verbeek, Jan MD *; Hermans, Erik MD +; van Vugt, Arie MD, PhD +" in page_text  # as printed, there


# The shapes of a Journals@Ovid and a Zoological Record record of Zotero's Ovid translator tests (AGPL, so in words
# of our own): Ovid writes the characters its records do not hold as names in square brackets.
BRACKETED_NAMES = ("<1. >\nVN  - Ovid Technologies\nDB  - Journals@Ovid\nAN  - 00000000-201108000-00001.\n"
                   "TI  - Signalling through NF-[kappa]B in a cell line.  [Article]\n"
                   "AB  - A mutant of I[kappa]B[alpha] blocked the promoter at 37[degree]C (n = 3 [plus or minus] 1); "
                   "the [undated] letter and [beta-blockers] stay as written.\n"
                   "SO  - A Journal August 2011;43(8):647-653\n\n"
                   "<2. >\nVN  - Ovid Technologies\nDB  - Zoological Record\nAN  - ZOOR00000000001\n"
                   "TI  - Smelt of a lake.\n"
                   "AB  - Catches fell in the warmest weeks (=20[degree]C) of each summer.\n"
                   "SO  - Another Journal. 12(1): 1-9, 2011\n")


def test_ovids_bracketed_names_of_characters_are_the_characters(tmp_path: Path, html) -> None:
    """Journals@Ovid's "I[kappa]B[alpha]" and Zoological Record's "20[degree]C" were shown so; the page now shows
    "IκBα" and "20°C", and the full record the names as Ovid wrote them. Brackets around other words stay."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "ovid.txt").write_text(BRACKETED_NAMES, encoding="utf-8")
    build(site, tmp_path / "_site")
    pages = {html.text(html.main(doc).find(".//h1")): html.main(doc)
             for doc in (html.parse(p) for p in sorted((tmp_path / "_site" / "articles").glob("*.html")))}
    signalling = pages["Signalling through NF-κB in a cell line."]
    abstract = next(s for s in signalling.iter("section") if "abstract" in s.get("class", ""))
    assert html.text(abstract).endswith("A mutant of IκBα blocked the promoter at 37°C (n = 3 ± 1); the [undated] "
                                        "letter and [beta-blockers] stay as written.")
    assert "A mutant of I[kappa]B[alpha] blocked" in html.text(signalling)  # the full record, as written
    smelt = next(s for s in pages["Smelt of a lake."].iter("section") if "abstract" in s.get("class", ""))
    assert html.text(smelt).endswith("Catches fell in the warmest weeks (=20°C) of each summer.")


def test_ovid_csv_export(tmp_path: Path, html) -> None:
    """Ovid's "Export → CSV" (rachelnewnham/AHRO-Python's Embase records: the tags as the header, a tag's values
    parted by blank lines in its cell) was skipped as "not a record format". Each value is read as its tag line
    is; Embase's "PM 29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641]" is PMID 29635641 (it was lost,
    in the tagged form too)."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for name in ("ahro-embase-citation.csv", "ahro-embase-bmc2021.csv"):
        (site / "content" / name).write_bytes((DATA / "ovid" / name).read_bytes())
    result = build(site, tmp_path / "_site")
    assert [(d.where.path, d.message[:40]) for d in result.report.diagnostics] == [
        ("content/ahro-embase-citation.csv", "the file is not UTF-8 and was read as Wi")]
    assert result.articles == 5

    def page(ident: str):
        return html.main(html.parse(tmp_path / "_site" / "articles" / f"{ident}.html"))

    travel = page("pubmed-29635641")
    assert html.text(travel.find(".//h1")) == (
        "Travel and biologic therapy: Travel-related infection risk, vaccine response and recommendations.")
    assert [html.text(a) for a in travel.find(".//p[@class='byline']").iter("a")] == [
        "Hall, V.", "Johnson, D.", "Torresi, J."]
    facts = html.facts(travel)
    assert (facts["Journal"], facts["Published"], facts["Volume"], facts["Issue"], facts["Article number"],
            facts["Language"], facts["Publication type"]) == (
        "Journal of Travel Medicine", "2018", "25", "1", "tay018", "English", "Review")
    assert [html.text(a) for a in travel.find(".//dl[@class='facts']").iter("a")][-2:] == [
        "DOI 10.1093/jtm/tay018", "PubMed 29635641"]
    assert facts["Keywords"].startswith("Biologic agent Infection risk Travel Vaccine response adult")
    assert html.headings(travel, "h3")[:3] == ["Background", "Method(s)", "Result(s)"]
    full = [(html.text(tr.find("th")), html.text(tr.find("td"))) for tr in travel.iter("tr")
            if tr.find("td") is not None]
    assert full[:2] == [("ORN", "1"), ("VN", "Ovid Technologies")]
    assert [value for name, value in full if name == "AU"] == ["Hall V.", "Johnson D.", "Torresi J."]
    lipids = html.facts(page("doi-10-1186-s12931-021-01682-3"))
    assert (lipids["Journal"], lipids["Published"], lipids["Volume"], lipids["Issue"], lipids["Article number"]) == (
        "Respiratory Research", "December 2021", "22", "1", "105")
