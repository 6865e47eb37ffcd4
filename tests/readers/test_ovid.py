"""The Ovid reader: two real Embase records as Ovid exports them for Citavi (.ovd) and EndNote (.cgi)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.diagnostics import Level
from site_builder.model.article import Field, Record
from site_builder.readers import ovid

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = ["embase-citavi.ovd", "embase-endnote.cgi"]


def text_of(name: str) -> str:
    return (DATA / "ovid" / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", FILES)
def test_every_record_is_read(name: str) -> None:
    text = text_of(name)
    assert readers.choose_reader(Path(name), text[:4096]).format == "ovid"
    records, diagnostics = ovid.read(text, name)
    assert diagnostics == []
    numbers = [i + 1 for i, line in enumerate(text.split("\n")) if re.fullmatch(r"<\d+\. >", line)]
    assert [r.where.line for r in records] == numbers == [1, 72 if name.endswith(".ovd") else 75]
    assert [r.preamble for r in records] == [("<3001. >",), ("<3002. >",)]
    assert records[0].fields[:3] == (Field("VN", ("Ovid Technologies",), 2), Field("DB", ("Embase",), 3),
                                     Field("UI", ("621381829",), 4))
    # An indented continuation line is a further line of its field.
    institutions = records[0].values("IN")
    assert institutions[1] == "(Behan, Galvin) School of Applied Psychology, University College Cork, Cork, Ireland"


def test_an_abstract_continued_at_the_start_of_the_line() -> None:
    """The EndNote export writes the abstract's later parts unindented: they stay in the abstract, and both
    exports give the same sections."""
    cgi = ovid.read(text_of("embase-endnote.cgi"), "e.cgi")[0][0]
    ovd = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][0]
    assert len(cgi.values("AB")) == 4 and cgi.values("AB")[1].startswith("Method(s): We searched MEDLINE")
    assert len(ovd.values("AB")) == 1
    abstracts = [ovid.to_article(r)[0].abstract for r in (cgi, ovd)]
    assert [s.label for s in abstracts[0]] == ["Background", "Method(s)", "Result(s)", "Conclusion(s)"]
    assert abstracts[0] == abstracts[1]


def test_an_embase_record_as_an_article() -> None:
    record = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][0]
    article, problems = ovid.to_article(record)
    assert problems == []
    assert article.title == "Quality of life in patients with primary ciliary dyskinesia: A systematic review."
    assert [(p.family, p.given) for p in article.authors] == [
        ("Behan", "L."), ("Rubbo", "B."), ("Lucas", "J.S."), ("Galvin", "A.D.")]
    # SO: "BMC Proceedings. Conference: 2nd BEAT-PCD … Spain. 12 (Supplement 3) (no pagination), 2018. …"
    assert article.journal == "BMC Proceedings"
    assert (article.volume, article.issue, article.pages, article.date) == ("12", "Supplement 3", "", "2018")
    assert article.doi == "10.1186/s12919-018-0099-8"
    assert article.pmid == ""  # Embase's UI is its own accession number, not a PubMed id
    assert [lang.name for lang in article.languages] == ["English"]
    assert article.publisher == "BioMed Central Ltd."
    assert article.rights == "Copyright 2018 Elsevier B.V., All rights reserved."
    assert article.keywords[:3] == ("adult", "anxiety", "awareness") and "Kartagener syndrome" in article.keywords


def test_ui_is_the_pubmed_id_in_medline() -> None:
    """The same record as if it came from Ovid MEDLINE (only its DB line changed): UI is then a PMID."""
    record = ovid.read(text_of("embase-citavi.ovd"), "e.ovd")[0][0]
    fields = tuple(Field("DB", ("Ovid MEDLINE(R) <1946 to Present>",), f.line) if f.name == "DB" else f
                   for f in record.fields)
    article, _ = ovid.to_article(Record(record.format, record.where, fields, record.preamble))
    assert article.pmid == "621381829" and article.id == "pubmed-621381829"


@pytest.mark.parametrize(("source", "expected"), [
    # Embase (the fixture's record)
    ("BMC Proceedings. Conference: 2nd BEAT-PCD Conference and 3rd PCD Training School: Part 2. Spain. "
     "12 (Supplement 3) (no pagination), 2018. Date of Publication: 2018.",
     ovid.Source("BMC Proceedings", "12", "Supplement 3", "", "2018")),
    ("BMC Public Health. 18 (1) (no pagination), 2018. Article Number: 1104. Date of Publication: 05 Sep 2018.",
     ovid.Source("BMC Public Health", "18", "1", "1104", "2018-09-05")),
    # PsycINFO: Kobori O et al. Behav Cogn Psychother 2015;43(5):623-34 as PsycINFO writes its source
    ("Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634. ",
     ovid.Source("Behavioural and Cognitive Psychotherapy", "43", "5", "623-634", "2015-09")),
    # BIOSIS and MEDLINE: Werner SM et al. Forest Ecol Manag 2004;201(2-3):327-34
    ("Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.",
     ovid.Source("Forest Ecology & Management", "201", "2-3", "327-334", "2004-11-15")),
    ("Not a source line", ovid.Source()),
])
def test_source_lines(source: str, expected: ovid.Source) -> None:
    assert ovid.parse_source(source) == expected


@pytest.mark.parametrize(("name", "fmt"), [
    ("ovid/embase-citavi.ovd", "ovid"), ("ris/ovid-psycinfo-subset.ris", "ris"),
    ("medline-nbib/blachlylab-subset.nbib", "medline-nbib"), ("ris/example_wos.ris", "ris"),
])
def test_ovid_is_told_from_its_relatives(name: str, fmt: str) -> None:
    """Ovid's RIS export ("1." then "TY  - JOUR") is RIS; MEDLINE's "TI  - " lines are MEDLINE."""
    head = (DATA / name).read_bytes()[:4096].decode("utf-8-sig")
    assert ovid.sniff(head) is (fmt == "ovid")
    for suffix in (".txt", ".ris", ".ovd"):
        assert readers.choose_reader(Path("export" + suffix), head).format == fmt


def test_text_before_the_first_record_is_kept_and_reported() -> None:
    text = "Search history: (bmc or plos).jx.\n\n" + text_of("embase-citavi.ovd")
    records, diagnostics = ovid.read(text, "e.ovd")
    assert len(records) == 2 and records[0].preamble == ("Search history: (bmc or plos).jx.", "<3001. >")
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
