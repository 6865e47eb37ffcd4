"""The BibTeX reader: entries in the Zotero and Web of Science styles read field by field, LaTeX decoded, the
real Scopus and Web of Science exports of the shared corpus, and what broken entries give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.diagnostics import Level
from site_builder.model import Field, Person
from site_builder.readers import bibtex

DATA = Path(__file__).resolve().parents[1] / "data" / "bibtex"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "bibtex" / "litsearchr"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")


def text_of(name: str) -> str:
    return (DATA / name).read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def zotero() -> list:
    records, diagnostics = bibtex.read(text_of("zotero-style.bib"), "refs.bib")
    assert diagnostics == []
    return records


def test_entries_start_at_their_lines_with_type_and_key(zotero) -> None:
    assert [r.where.line for r in zotero] == [4, 20]
    assert zotero[0].fields[:2] == (Field("ENTRYTYPE", ("article",), 4), Field("ID", ("rudnik_importance_2019",), 4))
    assert {r.format for r in zotero} == {"bibtex"}


def test_values_are_kept_as_written_inside_their_braces(zotero) -> None:
    first = zotero[0]
    assert Field("pages", ("121--128",), 17) in first.fields
    assert first.first("author") == (
        "Rudnik, Agata and Piotrowicz, Gra{\\.z}yna and Basi{\\'n}ska, Ma{\\l}gorzata A. and Rashedi, Vahid")
    # journal = pg: the @string abbreviation is resolved, its LaTeX kept for the Article to decode.
    assert Field("journal", ("Przegl{\\k{a}}d gastroenterologiczny",), 12) in first.fields
    assert zotero[1].first("title").startswith("The Value of Radiologic Interventions and 18 {F}-{DOPA} {PET}")
    assert zotero[1].first("month") == "jul"


def test_article_with_latex_names(zotero) -> None:
    article, problems = bibtex.to_article(zotero[0])
    assert problems == []
    assert article.title.endswith("during biological therapy. A preliminary report.")
    assert [p.name for p in article.authors] == [
        "Rudnik, Agata", "Piotrowicz, Grażyna", "Basińska, Małgorzata A.", "Rashedi, Vahid"]
    assert article.authors[2] == Person("Basińska, Małgorzata A.", "Basińska", "Małgorzata A.")
    assert (article.journal, article.journal_abbrev) == ("Przegląd gastroenterologiczny", "Prz Gastroenterol")
    assert article.languages == ("English",)
    assert (article.date, article.volume, article.issue, article.pages) == ("2019", "14", "2", "121-128")
    assert article.doi == "10.5114/pg.2018.81081" and article.id == "doi-10.5114/pg.2018.81081"
    assert article.keywords == ("biological treatment", "Crohn's disease", "mindfulness", "quality of life",
                                "ulcerative colitis")
    assert [s.label for s in article.abstract] == ["Introduction", "Aim", "Material and methods", "Results",
                                                  "Conclusions"]


def test_article_with_month_macro_and_identifiers(zotero) -> None:
    article, _ = bibtex.to_article(zotero[1])
    assert article.title.startswith("The Value of Radiologic Interventions and 18 F-DOPA PET in Diagnosing")
    assert article.authors[0] == Person("Blomberg, Björn A.", "Blomberg", "Björn A.")
    assert article.date == "2012-07-03"
    assert (article.pmid, article.pmcid, article.id) == ("22752652", "PMC3553406", "pubmed-3553406")
    assert article.publisher == "Springer New York"
    assert [link.url for link in article.links] == ["https://lens.org/000-463-679-101-319"]


def test_web_of_science_style_with_bom_crlf_and_double_braces() -> None:
    text = text_of("wos-style.bib")
    assert text.startswith("\ufeff") and "\r\n" in text
    records, diagnostics = bibtex.read(text, "wos.bib")
    assert diagnostics == []
    (record,) = records
    assert record.where.line == 2 and record.first("ID") == "ISI:000221807500019"
    assert record.line_of("Title") == 4 and record.first("Title").startswith("{Interactions stabilizing")
    assert not any("\r" in v for f in record.fields for v in f.values)
    assert "Biol \\& Cell Biol" in record.first("Affiliation")
    article, _ = bibtex.to_article(record)
    assert article.title == ("Interactions stabilizing the structure of the core light-harvesting complex (LHl) "
                             "of photosynthetic bacteria and its subunit (B820)")
    assert [p.name for p in article.authors] == ["Parkes-Loach, PS", "Majeed, AP", "Law, CJ", "Loach, PA"]
    assert (article.journal, article.journal_abbrev) == ("BIOCHEMISTRY", "Biochemistry")  # Journal, Journal-ISO
    assert article.date == "2004-06-08"  # Month = {{JUN 8}}
    assert (article.pmid, article.doi, article.pages) == ("15170338", "10.1021/bi049798f", "7003-7016")
    assert article.keywords[-1] == "ANTENNA COMPLEX" and "AMINO-ACID-SEQUENCE" in article.keywords
    assert article.abstract[0].text.startswith("Reconstitution experiments with a chemically synthesized core "
                                               "light-harvesting (LH1)")


@pytest.mark.parametrize(("latex", "text"), [
    ("Kwa{\\'s}ny, {\\L}.", "Kwaśny, Ł."),
    ("{\\'e}t{\\'{e}}", "été"),
    ('M{\\"u}ller and {\\ss}', "Müller and ß"),
    ("{{NATURAL AREAS JOURNAL}}", "NATURAL AREAS JOURNAL"),
    ("Ecol \\& Management, 50\\% more", "Ecol & Management, 50% more"),
    ("Forest Ecology & Management rose 50% in 2010", "Forest Ecology & Management rose 50% in 2010"),
    ("{$\\alpha$}-diversity of \\textit{Quercus}", "α-diversity of Quercus"),
    ("plain UTF-8: Kwaśny, Ł.", "plain UTF-8: Kwaśny, Ł."),
])
def test_latex_to_text(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


@pytest.mark.parametrize(("names", "people"), [
    ("Kwa{\\'s}ny, {\\L}. and Tracz, W.", [Person("Kwaśny, Ł.", "Kwaśny", "Ł."), Person("Tracz, W.", "Tracz", "W.")]),
    ("Jan van der Berg", [Person("van der Berg, Jan", "van der Berg", "Jan")]),
    ("Smith, Jr., John", [Person("Smith, John, Jr.", "Smith", "John", "Jr.")]),
    ("{World Health Organization} and {Barnes and Noble}",
     [Person("World Health Organization"), Person("Barnes and Noble")]),
])
def test_author_lists(names: str, people: list[Person]) -> None:
    text = f"@article{{k,\n  title = {{T}},\n  author = {{{names}}},\n}}\n"
    records, _ = bibtex.read(text, "a.bib")
    assert list(bibtex.to_article(records[0])[0].authors) == people


def test_a_broken_entry_is_an_error_and_the_next_entry_loads() -> None:
    text = text_of("zotero-style.bib")
    # The abstract of the first entry loses its closing brace, as two Scopus entries of the corpus do.
    broken = text.replace("tailored therapeutic methods.},", "tailored therapeutic methods.,", 1)
    assert broken != text
    records, diagnostics = bibtex.read(broken, "refs.bib")
    assert [r.first("ID") for r in records] == ["blomberg_value_2012"]
    assert records[0].where.line == 20
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "refs.bib:4")]
    assert "entry 'rudnik_importance_2019' could not be read" in diagnostics[0].message
    assert "the entries after it were read" in diagnostics[0].message


def test_duplicate_keys_and_fields_are_warnings_and_everything_is_kept() -> None:
    text = text_of("zotero-style.bib")
    twice = text.replace("\tyear = {2019},", "\tyear = {2019},\n\tyear = {2020},") + text.split("\n", 3)[3]
    records, diagnostics = bibtex.read(twice, "refs.bib")
    assert len(records) == 4
    assert records[0].values("year") == ("2019", "2020")
    assert bibtex.to_article(records[0])[0].date == "2019"
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.WARNING, 4), (Level.WARNING, 38),
                                                              (Level.WARNING, 54)]
    assert "field 'year' appears more than once" in diagnostics[0].message
    assert "'rudnik_importance_2019' is used again (first at line 4)" in diagnostics[1].message


def test_entry_without_title_is_an_error() -> None:
    records, _ = bibtex.read("@misc{k, author = {Doe, Jane}}\n", "t.bib")
    article, problems = bibtex.to_article(records[0])
    assert article.title == "Untitled record"
    assert [(d.level, str(d.where)) for d in problems] == [(Level.ERROR, "t.bib:1")]


def test_no_entries_is_an_error() -> None:
    _, diagnostics = bibtex.read("this is not BibTeX\n", "t.bib")
    assert [(d.level, d.where.line) for d in diagnostics] == [(Level.ERROR, 1)]


def test_sniff() -> None:
    assert bibtex.sniff(text_of("zotero-style.bib")[:4096])
    assert bibtex.sniff(text_of("wos-style.bib")[:4096])
    assert not bibtex.sniff("TY  - JOUR\nTI  - x\nER  - \n")
    assert not bibtex.sniff('[{"type": "article-journal", "title": "x"}]')


@needs_corpus
def test_scopus_export_with_two_broken_entries_and_kwasny() -> None:
    text = (CORPUS / "scopus_final.bib").read_text(encoding="utf-8")  # GPL-3: read in place, never copied
    records, diagnostics = bibtex.read(text, "scopus_final.bib")
    entries = len(re.findall(r"^@ARTICLE\{", text, re.M)) + len(re.findall(r"^@(?!ARTICLE)\w+\{", text, re.M))
    assert len(records) == entries - 2 == 1113
    errors = [d for d in diagnostics if d.level is Level.ERROR]
    assert [str(d.where) for d in errors] == ["scopus_final.bib:8576", "scopus_final.bib:13718"]
    assert "'Michelat2012101'" in errors[0].message
    ids = [r.first("ID") for r in records]
    assert ids[ids.index("Woinarski2012397") - 1] != "Michelat2012101"  # skipped, and the next one read
    assert next(r for r in records if r.first("ID") == "Woinarski2012397").where.line == 8595
    kwasny = next(bibtex.to_article(r)[0] for r in records if "Kwaśny" in r.first("author"))
    assert Person("Kwaśny, Ł.", "Kwaśny", "Ł.") in kwasny.authors
    assert kwasny.rights == "© 2019, The Author(s)."


@needs_corpus
def test_web_of_science_export_with_orcids() -> None:
    text = (CORPUS / "WoS_corecollection_final_2.bib").read_text(encoding="utf-8")
    records, diagnostics = bibtex.read(text, "wos.bib")
    assert diagnostics == [] and len(records) == 460
    articles = [bibtex.to_article(r)[0] for r in records]
    cresswell = next(p for a in articles for p in a.authors if p.name == "Cresswell, Will")
    assert cresswell.orcid == "0000-0002-4684-7624"
    assert sum(1 for a in articles if a.topics == ("Review",)) == 14  # Type = {{Review}}
    assert all(a.title and "{" not in a.title and "\\" not in a.title for a in articles)
