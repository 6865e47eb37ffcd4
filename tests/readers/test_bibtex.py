"""The BibTeX reader: entries in the Zotero and Web of Science styles read field by field, LaTeX decoded, the
real Scopus and Web of Science exports of the shared corpus, and what broken entries give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder.diagnostics import Level
from site_builder.model.article import Field, Language, Person
from site_builder.readers import bibtex
from site_builder.readers.latex import unknown_macros

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
    assert article.languages == (Language("English", "en", "eng"),)
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
    # LaTeX's single quotes; an apostrophe stays one. Web of Science's {''} before a word opens the quotation.
    ("Reply to `Assessing the impact'", "Reply to ‘Assessing the impact’"),
    ("`Without these tools, I'd be lost': how", "‘Without these tools, I'd be lost’: how"),
    ("information ({''}hallucinations{''}), erroneous", "information (“hallucinations”), erroneous"),
    ("being ``uncertain{''}. Before", "being “uncertain”. Before"),
    ("O'Brien's {\\'e}t{\\'e}", "O'Brien's été"),
    # Mendeley's escaped copies of a source's protective braces (real Mendeley Desktop exports on GitHub:
    # computational-neuroimaging-lab/Real-Time-Default-Network-Neurofeedback, mendeley.bib, 141 of them)
    ("Elsevier {\\{}BV{\\}}", "Elsevier BV"),
    ("cluster-based and {\\{}TFCE{\\}} inference", "cluster-based and TFCE inference"),
    ('Eberhard-Karls-Universit{\\{}{\\"{a}}{\\}}t T{\\{}{\\"{u}}{\\}}bingen', "Eberhard-Karls-Universität Tübingen"),
    ("a set \\{x\\} stays a set", "a set {x} stays a set"),
    # and a line break of the source (mcallaghan/rapid-screening, mendeley.bib: 88 of them)
    ("is highly debated. Next$\\backslash$ngeneration biofuels", "is highly debated. Next generation biofuels"),
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


def test_biblatex_extended_name_format_names_each_part() -> None:
    """Better BibLaTeX writes a name with a particle in biblatex's extended name format; the page showed the third
    author of this entry as "family=Nimwegen, prefix=van useprefix=false" (a README's citation of the cellstates
    package, Grobecker, Sakoparnig and van Nimwegen, PLOS Comput Biol 2024, its shape retyped)."""
    text = """@article{grobeckerIdentifyingCellStates2024,
  title = {Identifying Cell States in Single-Cell {{RNA-seq}} Data at Statistically Maximal Resolution},
  author = {Grobecker, Pascal and Sakoparnig, Thomas and family=Nimwegen, given=Erik, prefix=van, useprefix=false},
  date = {2024-07-12},
  journaltitle = {PLOS Computational Biology},
  doi = {10.1371/journal.pcbi.1012224},
}
"""
    records, _ = bibtex.read(text, "a.bib")
    assert bibtex.to_article(records[0])[0].authors == (
        Person("Grobecker, Pascal", "Grobecker", "Pascal"), Person("Sakoparnig, Thomas", "Sakoparnig", "Thomas"),
        Person("van Nimwegen, Erik", "van Nimwegen", "Erik"))


@pytest.mark.parametrize(("names", "people"), [
    ("family=Software, prefix=id, useprefix=true", [Person("id Software")]),  # a Steam game's developer in Zotero
    ("given={Jos W. M.}, family={Meer}, prefix={van der}, suffix=Jr.",
     [Person("van der Meer, Jos W. M., Jr.", "van der Meer", "Jos W. M.", "Jr.")]),
    ("given=A, family=B, given=C", [Person("B, C", "B", "C")]),  # the last value of a part counts, as biber's
    ('family=M{\\"u}ller, given="Anna, Maria"', [Person("Müller, Anna, Maria", "Müller", "Anna, Maria")]),
    ("Doe, given=Jane", [Person("Doe, given=Jane", "Doe", "given=Jane")]),  # not every part named: BibTeX's form
])
def test_biblatex_extended_names(names: str, people: list[Person]) -> None:
    text = f"@article{{k,\n  title = {{T}},\n  author = {{{names}}},\n}}\n"
    records, _ = bibtex.read(text, "a.bib")
    assert list(bibtex.to_article(records[0])[0].authors) == people


def test_a_biblatex_eprint_of_type_pmid_is_the_pmid() -> None:
    """Better BibLaTeX writes a PMID as biblatex's eprint of the type "pmid": Tsanas et al.'s entry in a project's
    data-conversion script (IEEE Trans Biomed Eng 2010). The article had no PMID, so no PubMed link nor id."""
    text = """@article{tsanasAccurateTelemonitoringParkinson2010,
    title = {Accurate Telemonitoring of {{Parkinson}}'s Disease Progression by Noninvasive Speech Tests},
    author = {Tsanas, Athanasios and Little, Max A. and McSharry, Patrick E. and Ramig, Lorraine O.},
    date = {2010-04},
    journaltitle = {IEEE transactions on bio-medical engineering},
    shortjournal = {IEEE Trans Biomed Eng},
    volume = {57},
    number = {4},
    eprint = {19932995},
    eprinttype = {pmid},
    pages = {884--893},
    issn = {1558-2531},
    doi = {10.1109/TBME.2009.2036000},
}"""
    records, _ = bibtex.read(text, "a.bib")
    article = bibtex.to_article(records[0])[0]
    assert (article.pmid, article.id, article.doi) == ("19932995", "pubmed-19932995", "10.1109/TBME.2009.2036000")
    arxiv = text.replace("{19932995}", "{1706.03762}").replace("{pmid}", "{arXiv}")
    records, _ = bibtex.read(arxiv, "a.bib")
    assert bibtex.to_article(records[0])[0].pmid == ""


def test_a_biblatex_prepublished_online_entry_is_a_preprint() -> None:
    """Better BibLaTeX writes a preprint as @online with biblatex's pubstate "prepublished" and the server as the
    eprint's type: MarineGym's README cites Chu et al. so (arXiv 2503.09203; the entry retyped). The page called it
    a web page, with no server; a web page stays one."""
    text = """@online{chuMarineGym2025,
        title = {{{MarineGym}}: {{A High-Performance Reinforcement Learning Platform}} for {{Underwater Robotics}}},
        shorttitle = {MarineGym},
        author = {Chu, Shuguang and Huang, Zebin and Li, Yutong and Lin, Mingwei and Carlucho, Ignacio and
                  Petillot, Yvan R. and Yang, Canjun},
        date = {2025-03-12},
        eprint = {2503.09203},
        eprinttype = {arXiv},
        eprintclass = {cs},
        doi = {10.48550/arXiv.2503.09203},
        pubstate = {prepublished}
        }"""
    records, _ = bibtex.read(text, "a.bib")
    preprint = bibtex.to_article(records[0])[0]
    assert (preprint.kind, preprint.journal, preprint.date, preprint.doi) == (
        "article", "arXiv", "2025-03-12", "10.48550/arXiv.2503.09203")
    records, _ = bibtex.read("@online{site, title = {A web page}, url = {https://example.org/a}}", "a.bib")
    assert bibtex.to_article(records[0])[0].kind == "webpage"


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


def test_an_entry_whose_braces_do_not_balance_is_read_one_field_a_line() -> None:
    """EBSCOhost's export can hold a web page's script in Keywords, braces that do not balance and all: the entry
    is read as it is laid out, each value from its first brace to its last, with a warning at the field's line."""
    records, diagnostics = bibtex.read(text_of("colrev-ebsco.bib"), "ebsco.bib")
    assert [r.first("ID") for r in records] == ["11111111111111111", "13362467620181001"]
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.WARNING, "ebsco.bib:19")]
    assert "entry '13362467620181001'" in diagnostics[0].message
    assert "Keywords (line 19) do not balance" in diagnostics[0].message
    assert "check that field" in diagnostics[0].message
    record = records[1]
    assert record.where.line == 15
    assert [(f.name, f.line) for f in record.fields] == [
        ("ENTRYTYPE", 15), ("ID", 15), ("Abstract", 16), ("Author", 17), ("Journal", 18), ("Keywords", 19),
        ("Title", 20)]
    keywords = record.first("Keywords")
    assert keywords.startswith("Price fixing, Sharing economy, Antitrust law, ). addSize(768")
    assert keywords.endswith("'antitrustBehindAd2', 0")
    article, problems = bibtex.to_article(record)
    assert problems == []
    assert (article.title, article.journal, [p.name for p in article.authors]) == (
        "When sharing fixes prices.", "Journal of Technology", ["Cruise, Tom"])
    assert article.keywords[:3] == ("Price fixing", "Sharing economy", "Antitrust law")  # and the script after
    assert article.abstract[0].text == "While price-fixing"
    assert bibtex.to_article(records[0])[0].keywords == ("Keyword 1", "keyword 2")


@pytest.mark.parametrize("entry", [
    "@article{k,\n  title = {Kept {apart}\n  year = {2020},\n}\n",  # no comma after the broken field
    "@article{k, title = {Kept {apart}, year = {2020},\n}\n",  # fields not one a line
    "@article{k,\n  title = {Kept {apart},\n  year = {2020},\n",  # never closed
    "@article{k,\n  title = {Kept apart,\n  year = {2020},\n}\n",  # the brace never closed on its line
])
def test_a_broken_entry_not_laid_out_one_field_a_line_stays_an_error(entry: str) -> None:
    records, diagnostics = bibtex.read(entry + "@article{next,\n  title = {Next},\n}\n", "refs.bib")
    assert [r.first("ID") for r in records] == ["next"]
    assert [d.level for d in diagnostics] == [Level.ERROR]


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
    # Two abstracts have a brace that is never closed ("{Austropotamobius pallipes)"): no BibTeX reader can
    # follow them, and each entry is read one field a line.
    assert len(records) == entries == 1115
    assert [d for d in diagnostics if d.level is Level.ERROR] == []
    broken = [d for d in diagnostics if "do not balance" in d.message]
    assert [str(d.where) for d in broken] == ["scopus_final.bib:8587", "scopus_final.bib:13729"]
    assert "'Michelat2012101'" in broken[0].message and "abstract (line 8587)" in broken[0].message
    assert all(d.level is Level.WARNING for d in broken)
    ids = [r.first("ID") for r in records]
    assert ids[ids.index("Woinarski2012397") - 1] == "Michelat2012101"
    assert next(r for r in records if r.first("ID") == "Woinarski2012397").where.line == 8595
    michelat_record = next(r for r in records if r.first("ID") == "Michelat2012101")
    assert "{Austropotamobius pallipes). From 1993" in michelat_record.first("abstract")
    michelat = bibtex.to_article(michelat_record)[0]
    assert michelat.title.startswith("Restoration of the drugeon river and adjacent wetlands")
    assert (michelat.journal, michelat.volume, michelat.issue, michelat.pages) == ("Alauda", "80", "2", "101-116")
    assert len(michelat.authors) == 8
    assert "White-footed Crayfish Austropotamobius pallipes). From 1993" in michelat.abstract[0].text
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


# ---------------------------------------------------------------------------------------------------------------
# Exports of each reference manager (tests/data/bibtex/SOURCE.md): real ones, and real PubMed records written as
# EndNote and Mendeley Desktop write them or put through Zotero's own BibTeX translator
# ---------------------------------------------------------------------------------------------------------------

DIALECTS = ["bibdesk-bbt.bib", "endnote-keyless.bib", "endnote-style.bib", "jabref-authors-subset.bib",
            "mendeley-desktop-style.bib", "mendeley-reference-manager.bib", "mendeley-reference-manager-keyless.bib",
            "zotero-book-bbt.bib", "zotero-translator.bib", "bbt-math-units.bib", "bbt-math-t-j.bib",
            "scripts-pubmed.bib", "ads-castro-paper.bib", "bbt-export-textasciicircum.biblatex",
            "zotero-biblatex-psychiatry.bib", "bbt-export-reference-works.biblatex", "jabref-medline-mathml.bib",
            "jabref-medline-pubmed.bib", "bbt-export-edtf-dates.biblatex"]
_ENTRY = re.compile(r"^[ \t]*@(?!string\b|comment\b|preamble\b)\w+\s*[{(]", re.M | re.I)


def articles_of(name: str) -> dict[str, object]:
    records, _ = bibtex.read(text_of(name), name)
    return {r.first("ID"): bibtex.to_article(r)[0] for r in records}


def abstract_of(article) -> str:
    return " ".join(s.text for s in article.abstract)


@pytest.mark.parametrize("name", DIALECTS)
def test_each_reference_manager_export_loses_no_entry(name: str) -> None:
    text = text_of(name)
    records, diagnostics = bibtex.read(text, name)
    assert len(records) == len(_ENTRY.findall(text)) > 0
    assert [d for d in diagnostics if d.level is Level.ERROR] == []
    for record in records:
        article, problems = bibtex.to_article(record)
        # MathML as LaTeX ("\\underset{a}{\\overset{b}{\\int }}") uses macros the text does not know: named once
        unknown = [p for p in problems if p.message.startswith("field 'abstract' uses the LaTeX macros")]
        assert len(unknown) == (name == "jabref-medline-mathml.bib")
        assert [p for p in problems if p not in unknown] == [] and article.title != "Untitled record"
        shown = [article.title, article.journal, *(p.name for p in article.authors),
                 *(s.text for s in article.abstract)]
        assert not [s for s in shown if re.search(r"[{}\\]|textless|textgreater", s)], record.first("ID")


def test_others_is_et_al_not_an_author() -> None:
    broch = articles_of("jabref-authors-subset.bib")["BrochEllingsenForbordEtAl2013"]
    assert broch.et_al is True
    assert [p.name for p in broch.authors][-2:] == ["Slagstad, Dag", "Reitan, KIR"] and len(broch.authors) == 10
    assert not articles_of("jabref-authors-subset.bib")["AlverHanckeSakshaugEtAl2014"].et_al


def test_endnote_et_a_l_is_et_al_not_an_author() -> None:
    articles = articles_of("endnote-style.bib")
    for key, last in (("RN15", "Watts, A."), ("RN18", "Abdulazeem, H. M.")):
        assert articles[key].et_al is True
        assert articles[key].authors[-1].name == last and len(articles[key].authors) == 4
    assert articles["RN21"].et_al is False and len(articles["RN21"].authors) == 8


def test_endnote_corporate_authors_are_one_group_name() -> None:
    articles = articles_of("endnote-style.bib")
    assert {key: articles[key].authors for key in ("RN3", "RN7")} == {
        "RN3": (Person("PelvEx Collaborative"),),  # "PelvEx Collaborative," in EndNote
        "RN7": (Person("EuroSurg Collaborative"),),  # "EuroSurg Collaborative,"
    }
    assert articles["RN12"].authors == (  # people, then "Executive of ACPGBI,"
        Person("Brown, S. R.", "Brown", "S. R."), Person("Shorthouse, A. J.", "Shorthouse", "A. J."),
        Person("Finan, P. J.", "Finan", "P. J."), Person("Executive of ACPGBI"))
    assert articles["RN24"].authors == (Person("Watson, R. C.", "Watson", "R. C."),)


@pytest.mark.parametrize(("names", "people"), [
    ("{{World Health Organization}} and Smith, J.",
     [Person("World Health Organization"), Person("Smith, J.", "Smith", "J.")]),
    ("Jean Bureau and Ann Union", [Person("Bureau, Jean", "Bureau", "Jean"), Person("Union, Ann", "Union", "Ann")]),
    ("Cochrane Collaboration", [Person("Cochrane Collaboration")]),
    # two words, the second no one's family name: read as "Clinic, Mayo" and "International, Amnesty"
    ("Mayo Clinic and Amnesty International", [Person("Mayo Clinic"), Person("Amnesty International")]),
    ("Cochrane Library", [Person("Cochrane Library")]),
    ("Royal College of Surgeons and World Medical Association",
     [Person("Royal College of Surgeons"), Person("World Medical Association")]),
    ("Smith, J., et al.", [Person("Smith, J.", "Smith", "J.")]),
    ("{others}", [Person("others")]),  # braced: a name, as BibTeX reads it
])
def test_organisations_and_et_al_in_author_lists(names: str, people: list[Person]) -> None:
    records, _ = bibtex.read(f"@article{{k,\n  title = {{T}},\n  author = {{{names}}},\n}}\n", "a.bib")
    assert list(bibtex.to_article(records[0])[0].authors) == people


def test_a_catalogues_department_of_a_german_university_is_one_organisation() -> None:
    """Copac's record, as JabRef writes it: the issuing department is the second author, without braces, which
    BibTeX would read as the person "für Informatik, Universität Karlsruhe. Fakultät"."""
    (article,) = articles_of("jabref-copac.bib").values()
    assert article.authors == (Person("Prechelt, Lutz", "Prechelt", "Lutz"),
                               Person("Universität Karlsruhe. Fakultät für Informatik"))


def test_authors_parted_by_semicolons_are_each_a_person() -> None:
    """A "name" with more than BibTeX's two commas and semicolons between them is a list ("Baklouti, F.; Huang,
    S. C.; …", JabRef's conversion of a Biblioscape record); a braced or a one-comma name keeps its semicolon."""
    (article,) = articles_of("jabref-biblioscape.bib").values()
    assert [p.name for p in article.authors] == [
        "Baklouti, F.", "Huang, S. C.", "Tang, T. K.", "Delaunay, J.", "Marchesi, V. T.", "Benz, E. J."]
    assert bibtex._split_names("{Smith; Jones, Ltd, A, B} and Doe, J.; Roe") == [
        "{Smith; Jones, Ltd, A, B}", "Doe, J.; Roe"]


COCHRANE_SHAPED = """Record #1 of 2
@article{Okafor24,
author = {Okafor, AN, van Dijk, J-P, and Lindqvist, GML},
title = {Early feeding after surgery for children with burns},
journal = {Cochrane Database of Systematic Reviews},
number = {2},
year = {2024},
publisher = {John Wiley &amp; Sons, Ltd},
DOI = {10.1002/14651858.CD000000}
}


Record #2 of 2
@article{Abbas19,
author = {Abbas, R, and Moreau, C},
title = {Night splints for plantar heel pain},
journal = {Cochrane Database of Systematic Reviews},
year = {2019}
}
"""
"""The shape of the Cochrane Library's BibTeX export (its "Record #1 of 2" heads, "Family, Initials" names parted by
commas with "and" before the last one only, "&amp;"), retyped with made-up words: the real export it was seen in
(a systematic-review tool's test of its Cochrane import) has no licence."""


def test_cochrane_names_parted_by_commas_are_each_a_person() -> None:
    """BibTeX reads "Okafor, AN, van Dijk, J-P" as one name with too many commas (family "Okafor", first name
    "van Dijk J-P", generation "AN"); the Cochrane Library means two people, as its RIS export of the same record
    lists them ("AU  - Okafor, AN")."""
    records, diagnostics = bibtex.read(COCHRANE_SHAPED, "cochrane.bib")
    assert diagnostics == []
    okafor, abbas = (bibtex.to_article(r)[0] for r in records)
    assert okafor.authors == (Person("Okafor, AN", "Okafor", "AN"), Person("van Dijk, J-P", "van Dijk", "J-P"),
                              Person("Lindqvist, GML", "Lindqvist", "GML"))
    assert abbas.authors == (Person("Abbas, R", "Abbas", "R"), Person("Moreau, C", "Moreau", "C"))
    # a list without any "and", as CERMINE's BibTeX writes one, is read the same way
    assert bibtex._split_names("Peiker, C, Pott, C, Eckardt, L, Kelm, M, Shin, DI, Willems, S") == [
        "Peiker, C", "Pott, C", "Eckardt, L", "Kelm, M", "Shin, DI", "Willems, S"]
    # BibTeX's own three parts stay one name, and so does a list whose every second part is not initials
    assert bibtex._split_names("Ford, Jr., W. K. and Smith, John, Doe, Jane") == [
        "Ford, Jr., W. K.", "Smith, John, Doe, Jane"]


def test_mendeley_less_than_greater_than_and_html_in_titles() -> None:
    articles = articles_of("mendeley-desktop-style.bib")
    assert "significantly decreased after the challenge (P<0.05)." in abstract_of(articles["Azimi2021"])
    assert articles["Azimi2021"].title == "Immunization against Pseudomonas aeruginosa using Alg-PLGA nano-vaccine."
    assert articles["Agrafiotis2021"].title == "Pleural empyema caused by Actinomyces turicensis."
    reiss = abstract_of(articles["Reiss1977"])  # "beta(1--{\textgreater}3)-glucanase"
    assert "beta(1–>3)-glucanase contained glucose > mannose > glucosamine > galactose." in reiss
    akingboye = abstract_of(articles["Akingboye2021"])  # "(2.5{\%})", "(p{\textless}0.01"
    assert "One additional (2.5%) patient" in akingboye and "(p<0.01, McNemar's test)" in akingboye
    assert articles[""].title == "Community hospital continuing medical education–a missed opportunity."


def test_zotero_less_than_identifiers_and_groups() -> None:
    articles = articles_of("zotero-translator.bib")
    lubocka = articles["lubocka_respiratory_2021"]
    assert lubocka.title == "Respiratory Sinus Arrhythmia in Children-Predictable or Random?"  # {Sinus}, {Random}
    assert "lower heart rate (p < 0.001)" in abstract_of(lubocka) and "equivalents (p > 0.05)." in abstract_of(lubocka)
    assert "(p<0.0001)" in abstract_of(articles["albaroodi_anaemia_2021"])
    tou = articles["tou_european_2020"]
    assert (tou.pmid, tou.pmcid, tou.pages, tou.date) == ("32663361", "PMC7818231", "2232-2242", "2020-12")
    assert tou.authors[-1] == Person("ESCP ASPIRE collaborative")  # {ESCP ASPIRE collaborative}
    book = articles_of("zotero-book-bbt.bib")["danker_greek-english_2000"]
    assert book.title == "A Greek-English Lexicon of the New Testament and Other Early Christian Literature"


def test_the_record_keeps_every_field_as_written() -> None:
    records, _ = bibtex.read(text_of("endnote-style.bib"), "e.bib")
    rn15 = next(r for r in records if r.first("ID") == "RN15")
    assert rn15.first("author").endswith("Watts, A. and et, a. l.")
    records, _ = bibtex.read(text_of("mendeley-desktop-style.bib"), "m.bib")
    akingboye = next(r for r in records if r.first("ID") == "Akingboye2021")
    assert "(p{\\textless}0.01, McNemar's test)" in akingboye.first("abstract")


def test_entries_without_a_key_are_read() -> None:
    (record,) = bibtex.read(text_of("endnote-keyless.bib"), "e.bib")[0]
    assert record.first("ID") == "" and record.where.line == 2 and record.line_of("title") == 4
    article, _ = bibtex.to_article(record)
    assert article.id == "bibtex-alzheimer-mechanisms-and-therapeutic-strategies"
    assert article.authors[1] == Person("Mucke, L.", "Mucke", "L.") and article.pages == "1204-22"
    (record,), diagnostics = bibtex.read(text_of("mendeley-reference-manager-keyless.bib"), "m.bib")
    assert record.first("ID") == "" and diagnostics == [] and record.first("title") == "Reviewers as Readers with Power"
    records, diagnostics = bibtex.read(text_of("mendeley-desktop-style.bib"), "m.bib")
    assert records[0].first("ID") == "" and records[0].where.line == 6 and diagnostics == []


@pytest.mark.parametrize(("latex", "text"), [
    ("pages 1--2, a---b", "pages 1–2, a—b"),
    ("``quoted'' text", "“quoted” text"),
    ("{Core}--{Shell}", "Core–Shell"),
    ("P {\\textless} 0.05 {\\textbar} {\\textgreater}", "P < 0.05 | >"),
    ("see https://example.org/a--b and 10.1000/x--y.", "see https://example.org/a--b and 10.1000/x--y."),
    ("\\url{https://example.org/a--b\\_c} in {\\em text}--more", "https://example.org/a--b_c in text–more"),
    ("~50% of {A} \\& B", "~50% of A & B"),  # a value with no LaTeX but braces: "~" is the record's
    ("$x^2$ and $\\leq$", "x² and ≤"),
    # A font command after a control word: "^\\circ\\mathrm{C}" was read as "\\circC" and dropped, "25 ^" (a JabRef
    # library in retorquere/zotero-better-bibtex's import fixtures, "…importing a BibTeX db #97.bib", MIT).
    ("Single Crystals at {$25\\,^\\circ\\mathrm{C}$}", "Single Crystals at 25 °C"),
    # An accent over nothing prints the accent alone: a tilde or caret in a path or URL, as BibTeX files write one
    # (the "knuthwebsite" entry that LaTeX guides copy: url = {http://www-cs-faculty.stanford.edu/\\~{}uno/...}).
    ("Computers and Typesetting, http://www-cs-faculty.stanford.edu/\\~{}uno/abcde.html",
     "Computers and Typesetting, http://www-cs-faculty.stanford.edu/~uno/abcde.html"),
    ("see www.rich.edu/\\~{}bush and a \\^{} caret; tilde operator: \\~",
     "see www.rich.edu/~bush and a ^ caret; tilde operator: ~"),
    ("an acute \\'{} alone, a tilde \\~{n} and \\~ n over a letter",
     "an acute \u00b4 alone, a tilde ñ and ñ over a letter"),
])
def test_dashes_quotes_and_symbols(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


def test_a_sorting_no_op_prints_nothing() -> None:
    """BibTeX's own documentation (btxdoc) defines ``\\noopsort`` in @PREAMBLE to print nothing, only to sort a
    volume or a year before another; its argument was printed ("bThe Second Volume", "2Second")."""
    text = ('@PREAMBLE{ "\\newcommand{\\noopsort}[1]{} " # "\\newcommand{\\singleletter}[1]{#1} " }\n'
            "@book{k, title = {{\\noopsort{b}}The Second Volume}, author = {Knuth, D. E.},\n"
            "  year = {{\\noopsort{1973b}}1973}, edition = {{\\noopsort{2}}Second},\n"
            "  publisher = {\\singleletter{A}W}}\n")
    (record,), problems = bibtex.read(text, "a.bib")
    article = bibtex.to_article(record)[0]
    assert (article.title, article.date, article.edition, article.publisher) == (
        "The Second Volume", "1973", "Second", "AW")
    assert record.first("title") == "{\\noopsort{b}}The Second Volume"  # the full record as written


def test_babels_foreignlanguage_prints_its_text_not_the_languages_name() -> None:
    """A biblatex library's conventions (a public repository without a licence, its bibliography not published)
    wrap Cyrillic values in babel's ``\\foreignlanguage{russian}{…}``, each part of a name apart ("Author =
    {\\foreignlanguage{russian}{Акопян}, \\foreignlanguage{russian}{Л.~О.}}"). The page printed the language's
    name with the text ("russianАкопян, russianЛ. О.", the title "russianОчерки …") and warned of an unknown
    macro. Retyped in that shape with other words."""
    text = ("@Article{k,\n  Author = {\\foreignlanguage{russian}{Иванова}, \\foreignlanguage{russian}{А.~Б.}},\n"
            "  Title = {\\foreignlanguage{russian}{Заметки о словаре}},\n"
            "  Journaltitle = {\\foreignlanguage[variant=british]{english}{Notes and Queries}},\n"
            "  Date = {2019},\n  Langid = {russian}\n}\n")
    (record,), problems = bibtex.read(text, "a.bib")
    article, diagnostics = bibtex.to_article(record)
    assert (article.title, article.journal, [p.name for p in article.authors]) == (
        "Заметки о словаре", "Notes and Queries", ["Иванова, А.\u00a0Б."])
    assert problems == [] and diagnostics == []


def test_shortcuts_give_what_pylatexenc_gives() -> None:
    """Values with no macro skip the parser; on every such value of the fixtures the text must be pylatexenc's."""
    from site_builder.model.normalize import clean
    from site_builder.readers import latex

    checked = 0
    for name in [*DIALECTS, "zotero-style.bib", "wos-style.bib"]:
        for record in bibtex.read(text_of(name), name)[0]:
            for field in record.fields:
                value = field.values[0]
                if re.search(r"[\\$~%&#]|://|10\.\d", value):
                    continue
                assert bibtex.latex_to_text(value) == clean(latex._converter().latex_to_text(value)), value
                checked += 1
    assert checked > 200


# ---------------------------------------------------------------------------------------------------------------
# Math, scripts and dollars, as tools/bibtex_survey.py found them (its classes math-script!, unknown-macro!,
# dollar-lost!)
# ---------------------------------------------------------------------------------------------------------------

def test_units_in_math_and_in_an_mbox_are_shown_as_written() -> None:
    """Better BibTeX's real issue #472 entry: ``200\\,{\\mbox{$\\mu$}}{J}`` was "200 J" (pylatexenc drops an
    ``\\mbox`` and its argument) and ``mm$^2$`` was "mm^2"."""
    articles = articles_of("bbt-math-units.bib")
    # "~" is LaTeX's no-break space, kept as one (as the model keeps a record's typographic spaces).
    assert articles["test_citation1"].title == (
        "Test Title With 100\u00a0μJ, 200 μJ Energy, and ±0.1% Accuracy, 0.2 mm² Size, and -50 dB Attenuation")
    assert articles["test_citation2"].title == (
        "Test Title with space quad, space semi-colon, space colon, space comma, space\u00a0nbsp")
    assert articles_of("bbt-math-t-j.bib")["Bonca:2012in"].title == (
        "Nonequilibrium Propagation and Decay of a Bound Pair in Driven t-J Models")


def test_superscripts_and_subscripts_of_pubmed_titles_are_unicode() -> None:
    """Real PubMed titles with <sub>/<sup>, as Better BibTeX (``\\textsubscript``) and hand-written files (``$_2$``)
    write them: shown "O₂", "m⁶A", "CO₂", "Zn²⁺", not "O2", "m6A", "CO_2", "Zn^2+"."""
    articles = articles_of("scripts-pubmed.bib")
    assert [a.title for a in articles.values()] == [
        "The Roles of Chalcogenides in O₂ Protection of H₂ase Active Sites",
        "Regulatory Mechanisms of the RNA Modification m⁶A and Significance in Brain Function in Health and Disease",
        "From CO₂ activation to catalytic reduction: a metal-free approach",
        "Subcellular localised small molecule fluorescent probes to image mobile Zn²⁺"]


@pytest.mark.parametrize(("latex", "text"), [
    ("$^{13}$C NMR of H$_{2}$O at 37$^\\circ$C and 10$^{-3}$ M", "¹³C NMR of H₂O at 37°C and 10⁻³ M"),
    ("Na$^+$ and Ca\\textsuperscript{2+} in \\texttt{numpy}", "Na⁺ and Ca²⁺ in numpy"),
    ("$T_{\\gamma}$ and $x^{\\prime}$ and $y^\\prime$", "T_γ and x′ and y′"),  # γ has no subscript: as LaTeX writes it
    ("{A} cost of more than $100 million and $200 million", "A cost of more than $100 million and $200 million"),
    ("US$1.76 billion", "US$1.76 billion"),
    ("$2$ and $n$ and $10^{3}$ and US\\$5", "2 and n and 10³ and US$5"),
    # a script's font command (Zotero's BibTeX translator tests: "Mitochondrial DNA$_{\\textrm{2}}$ sequences")
    ("DNA$_{\\textrm{2}}$ and $^{\\mathrm{13}}$C and $\\mathrm{CO}_2$", "DNA₂ and ¹³C and CO₂"),
])
def test_scripts_and_dollars(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


def test_an_older_scopus_book_chapter_is_a_chapter_in_its_book() -> None:
    """Scopus's older BibTeX export names a chapter's kind in document_type, not type ("@BOOK{…, journal={Ecology
    and Conservation of Birds in Urban Environments}, …, document_type={Book Chapter}"): the page called the chapter
    a book and its book a series ("Series: Ecology and Conservation of Birds in Urban Environments")."""
    chapter = articles_of("colrev-scopus.bib")["Bookchapterwriter202150"]
    assert (chapter.kind, chapter.journal, chapter.container) == ("chapter", "", "Public Dummy Review Eight")
    article = articles_of("colrev-scopus.bib")["Articlewriter2022"]  # document_type={Article}: a journal's
    assert (article.kind, article.journal, article.container) == ("", "Public Dummy Review Two", "")


@needs_corpus
def test_the_corpus_scopus_book_chapters_are_chapters() -> None:
    text = (CORPUS / "scopus_final.bib").read_text(encoding="utf-8")  # GPL-3: read in place, never copied
    records = {r.first("ID"): r for r in bibtex.read(text, "scopus_final.bib")[0]}
    symes = bibtex.to_article(records["Symes2017309"])[0]
    assert (symes.kind, symes.container, symes.pages) == (
        "chapter", "Ecology and Conservation of Birds in Urban Environments", "309-341")


@needs_corpus
def test_scopus_dollars_before_amounts_are_kept() -> None:
    """Scopus writes plain UTF-8: its "$" before an amount was read as math and dropped ("US1.76 billion")."""
    text = (CORPUS / "scopus_final.bib").read_text(encoding="utf-8")  # GPL-3: read in place, never copied
    records = {r.first("ID"): r for r in bibtex.read(text, "scopus_final.bib")[0]}
    gill = bibtex.to_article(records["Gill2006944"])[0]
    assert "at an annual cost of US$1.76 billion are enrolled" in abstract_of(gill)
    shown = [abstract_of(bibtex.to_article(r)[0]) for r in records.values() if "$" in r.first("abstract")]
    assert len(shown) == 3 and all(re.search(r"\$\d", a) for a in shown)


def test_macros_pylatexenc_drops_print_what_latex_prints() -> None:
    """Real entries of Better BibTeX's import fixtures (bbt-import-excerpts.bib): ``{$\\slash$}`` was dropped
    ("GaNsapphire"), ``\\LaTeX{}`` too (" Companion"), ``\\varGamma`` ("the 7+ valence band"), biblatex's
    ``\\enquote`` lost its quotation marks."""
    articles = articles_of("bbt-import-excerpts.bib")
    assert articles["Bouchoule_2007"].title.startswith("Reactive Ion Etching of High Optical Quality GaN/sapphire")
    assert articles["MittelbachLaTeXCompanion2006"].title == "LaTeX Companion"
    assert "holes in the Γ7+ valence band of Cu2O" in abstract_of(articles["Shimada_1989"])
    assert articles["Shimada_1989"].title == "Hall Mobility of Positive Holes in Cu₂O"
    assert articles["1e"].title == "Blah emph and “enquote”."
    assert articles["1b"].title == "Blah mkbibemph and “mkbibquote”."


def test_urls_escaped_or_with_spaces_are_links() -> None:
    """``\\&`` in a url (JabRef, BibDesk) and Mendeley's url with spaces were no link at all."""
    articles = articles_of("bbt-import-excerpts.bib")
    assert [link.url for link in articles["campo_2004"].links] == [
        "http://www.mrs.org/s_mrs/doc.asp?CID=26415&DID=321215"]
    assert [link.url for link in articles["Berenstein2012"].links] == [
        "https://www.participations.org/Volume%209/Issue%202/7%20Berenstein.pdf"]
    text = "@misc{k,\n  title = {T},\n  url = {https://example.org/a?b=1\\_2 https://example.com/c},\n}\n"
    article = bibtex.to_article(bibtex.read(text, "a.bib")[0][0])[0]
    assert [link.url for link in article.links] == ["https://example.org/a?b=1_2", "https://example.com/c"]


def test_a_year_written_with_its_month_and_pages_with_three_hyphens() -> None:
    articles = articles_of("bbt-import-excerpts.bib")
    assert articles["Woods:78"].date == "1978-01"  # year = {January 1978}: was no date at all
    assert articles["Guo_nl_2010"].pages == "3355-3359"  # pages = {3355---3359}: was "3355--3359"


def test_a_zotero_year_with_its_month_before_a_slash() -> None:
    """Zotero's BibTeX of an IEEE record (GitHub danibene/cite-neurokit2-hrv, "Exported Items.bib"): year =
    {Nov./2001}, which gave no date at all."""
    text = "@article{brennanExistingMeasuresPoincare2001,\n  title = {T},\n  year = {Nov./2001},\n}\n"
    assert bibtex.to_article(bibtex.read(text, "a.bib")[0][0])[0].date == "2001-11"


def test_pages_with_a_dash_written_in_latex() -> None:
    """Zotero's BibTeX (GitHub Raylc/EA-Review-Paper, "Exported Items.bib"): pages = {341{\\textendash}357}, which
    was shown with the macro."""
    text = "@article{k,\n  title = {T},\n  pages = {341{\\textendash}357},\n}\n"
    assert bibtex.to_article(bibtex.read(text, "a.bib")[0][0])[0].pages == "341–357"


def test_an_escape_that_web_of_science_wrapped_across_two_lines() -> None:
    """Web of Science's BibTeX wraps long values at a fixed width, once between an escape's backslash and its brace
    (a real 2024 export of 469 entries, GitHub milensys/genai_authorship, savedrecs.bib: one entry failed whole).
    Written here in that shape; a LaTeX line break (two backslashes) before a closing brace stays one."""
    text = ("@article{ WOS:1,\nTitle = {T},\nAbstract = {linked to the GPT -\n"
            "   \\textbackslash{}end\\{document\\\n   } 3.5 language model.},\nYear = {2024},\n}\n\n"
            "@article{b,\nTitle = {Second},\nNote = {a line\\\\\n},\n}\n")
    records, problems = bibtex.read(text, "savedrecs.bib")
    assert problems == [] and [r.where.line for r in records] == [1, 9]
    assert records[0].line_of("Year") == 6 and records[1].line_of("Note") == 11
    article = bibtex.to_article(records[0])[0]
    assert [s.text for s in article.abstract] == ["linked to the GPT - \\end{document} 3.5 language model."]


def test_a_web_of_science_doi_loses_the_escape_of_its_underscore() -> None:
    """Web of Science's BibTeX writes a Springer chapter's DOI "10.1007/978-3-030-95398-0\\_10": the DOI and its
    link kept the backslash. CoLRev's test export (MIT), in Web of Science's shape."""
    records, _ = bibtex.read(text_of("colrev-web-of-science.bib"), "savedrecs.bib")
    article = bibtex.to_article(records[0])[0]
    assert (article.doi, article.id) == ("10.1007/999-9-999-99999-9_3", "doi-10.1007/999-9-999-99999-9_3")


def test_an_acm_article_number_is_the_article_number() -> None:
    """ACM's Digital Library writes a journal article's number and page count instead of pages ("articleno =
    {4}", "numpages = {54}"): the article had no pages, and its citation no locator; it has article number 4, not
    pages 4. An entry with both keeps both. CoLRev's ACM fixture (MIT)."""
    records, _ = bibtex.read(text_of("colrev-acm.bib"), "acm.bib")
    assert [(a.pages, a.article_number) for a in (bibtex.to_article(r)[0] for r in records)] == [
        ("", "4"), ("123–456", "999999999999999999999")]


def test_a_web_of_science_article_number_is_shown_without_unsp() -> None:
    """Web of Science's BibTeX writes "Article-Number = {{UNSP 2}}" where its tagged export writes "AR UNSP 2" (an
    Ecosphere article of the litsearchr export, GPL-3, retyped here in its shape): the page showed the pages
    "UNSP 2"; the article number is 2."""
    text = ("@article{ ISI:000273744300030,\nAuthor = {Milder, Jeffrey C.},\nTitle = {{An example title}},\n"
            "Journal = {{ECOSPHERE}},\nYear = {{2010}},\nVolume = {{1}},\nNumber = {{1}},\n"
            "DOI = {{10.1890/ES10-00003.1}},\nArticle-Number = {{UNSP 2}},\nUnique-ID = {{ISI:000273744300030}},\n}\n")
    (record,), _ = bibtex.read(text, "savedrecs.bib")
    assert (bibtex.to_article(record)[0].pages, bibtex.to_article(record)[0].article_number) == ("", "2")


def test_a_web_of_science_eissn_is_the_electronic_issn() -> None:
    """Web of Science's BibTeX names the electronic ISSN in EISSN (121 of the 460 entries of the litsearchr export,
    GPL-3; the numbers of its Forest Ecology and Management entries retyped here): the page listed it as one more
    ISSN; it says that it is the electronic one."""
    text = ("@article{ ISI:000000000000001,\nTitle = {{An example title}},\n"
            "Journal = {{FOREST ECOLOGY AND MANAGEMENT}},\nYear = {{2012}},\nISSN = {{0378-1127}},\n"
            "EISSN = {{1872-7042}},\n}\n")
    (record,), _ = bibtex.read(text, "savedrecs.bib")
    article = bibtex.to_article(record)[0]
    assert (article.issns, article.issn_types) == (("0378-1127", "1872-7042"), ("", "electronic"))


def test_an_arxiv_preprint_names_its_server() -> None:
    """arXiv's own BibTeX ("Export BibTeX Citation") names no journal: the server is only the eprint's archive
    ("archivePrefix={arXiv}"). The page said nowhere where the work was published; it names arXiv. The shape of
    that export as a package's README quotes it (GitHub faweigend/pypermod, whose licence was not checked), retyped
    with the work's facts."""
    text = ("@misc{weigend2021,\ntitle={A hydraulic model outperforms work-balance models for predicting recovery "
            "kinetics from intermittent exercise},\nauthor={Fabian C. Weigend and Jason Siegler},\nyear={2021},\n"
            "eprint={2108.04510},\narchivePrefix={arXiv},\nprimaryClass={cs.OH}\n}\n")
    (record,), _ = bibtex.read(text, "citation.bib")
    article = bibtex.to_article(record)[0]
    assert (article.kind, article.journal, article.date) == ("document", "arXiv", "2021")


def test_an_older_web_of_science_export_runs_its_headings_into_the_text_too() -> None:
    """Web of Science's older BibTeX names its records "ISI:…" where newer ones say "WOS:…": their abstracts'
    headings ("Capsule …", "Aim … Location … Methods …") were not cut (7 of the 460 entries of the litsearchr
    package's real export, GPL-3, read in place through the shared corpus; here one entry's shape with a
    stand-in abstract)."""
    text = ("@article{ ISI:000284016600001,\nAuthor = {{Doe, J.}},\nTitle = {{T}},\nJournal = {{BIRD STUDY}},\n"
            "Year = {{2010}},\nAbstract = {{Capsule A stand-in. Aims To test. Methods We read.}},\n"
            "Unique-ID = {{ISI:000284016600001}},\n}\n")
    records, _ = bibtex.read(text, "savedrecs.bib")
    assert [(s.label, s.text) for s in bibtex.to_article(records[0])[0].abstract] == [
        ("Capsule", "A stand-in."), ("Aims", "To test."), ("Methods", "We read.")]


def test_a_field_without_the_comma_before_the_next_is_read_as_two() -> None:
    """Mendeley's export in Zotero's BibTeX translator tests lacks the comma after a title: the next field's name
    and value were read into the title ("Mendeley: escaped characters file = :C\\:/some/path…")."""
    text = ("@article{mendeleyFilePaths2,\ntitle = {Mendeley: escaped {characters}}\n"
            "file = {:C$\\backslash$:/some/path/test.pdf:pdf}\n  note = \"x\",\nyear = {2020}\n}\n")
    (record,), problems = bibtex.read(text, "a.bib")
    assert [(f.name, f.values[0], f.line) for f in record.fields[2:]] == [
        ("title", "Mendeley: escaped {characters}", 2), ("file", ":C$\\backslash$:/some/path/test.pdf:pdf", 3),
        ("note", "x", 4), ("year", "2020", 5)]
    assert [(p.level, p.where.line, p.message) for p in problems] == [
        (Level.WARNING, 3, "no comma between the fields 'title' and 'file': read as two fields"),
        (Level.WARNING, 4, "no comma between the fields 'file' and 'note': read as two fields")]
    assert bibtex.to_article(record)[0].title == "Mendeley: escaped characters"


def test_an_entry_takes_what_its_crossref_parent_lends() -> None:
    """BibDesk's chapters name their books by crossref: each chapter's page gives the book's date, editors,
    publisher and place, and its title as the book the chapter is in; the full record says where each is from."""
    chapters = articles_of("bbt-bibdesk-crossref.bib")
    hauck = chapters["Hauck_2011"]
    assert (hauck.kind, hauck.title, hauck.date, hauck.publisher, hauck.place, hauck.pages) == (
        "chapter", "Lenguas, fronteras e ideología lingüística en el Paraguay", "2011", "Território das Artes",
        "Porto Alegre", "130-153")
    assert hauck.container.startswith("Fronteiras da integração: dimensões culturais do Mercosul")
    assert [p.name for p in hauck.editors] == ["Hauck, Jan David", "Chiappini, Ligia", "Timm, Liana"]
    assert [p.name for p in hauck.authors] == ["Hauck, Jan David"]  # its own, not the book's
    [record] = hauck.records
    assert record.first("date (from crossref Hauck_etal_2011)") == "2011"
    assert record.first("langid") == "spanish" and not record.first("langid (from crossref Hauck_etal_2011)")
    assert record.first("title (from crossref Hauck_etal_2011)") == ""  # lent as its booktitle
    assert chapters["Hauck_2023j"].date == "2023" and chapters["Severo_Buzato_2023"].kind == "book"


def test_a_crossref_to_no_entry_is_said() -> None:
    records, problems = bibtex.read("@inproceedings{a,\n  title = {A paper},\n  crossref = {conf2020},\n}\n",
                                    "p.bib")
    assert [(p.level, p.where.line, p.message) for p in problems] == [(
        Level.WARNING, 3, "crossref 'conf2020' names no other entry of this file: the fields it would lend are "
                          "missing (an entry lends only within its own file)")]
    assert len(records) == 1


def test_classic_bibtex_crossref_and_biblatex_xdata() -> None:
    text = ("@InProceedings{p1,\n  author = {Roe, A.},\n  title = {A paper},\n  CROSSREF = {c1},\n  xdata = {pub},\n}\n"
            "@Proceedings{c1,\n  title = {Proc. of X},\n  booktitle = {Proceedings of X},\n  year = 1999,\n"
            "  editor = {Doe, J.},\n}\n@xdata{pub,\n  publisher = {ACM},\n  address = {New York},\n}\n")
    records, problems = bibtex.read(text, "p.bib")
    paper = bibtex.to_article(records[0])[0]
    assert problems == [] and (paper.title, paper.container, paper.date, paper.publisher, paper.place) == (
        "A paper", "Proceedings of X", "1999", "ACM", "New York")  # its booktitle first, as BibTeX lends it
    assert [p.name for p in paper.editors] == ["Doe, J."]


@pytest.mark.parametrize(("fields", "title", "container", "journal"), [
    ("title = {Annoyingly Casual Titles}, subtitle = {How to Exhaust all Effort on the Title Alone}",
     "Annoyingly Casual Titles: How to Exhaust all Effort on the Title Alone", "", ""),
    ("title = {What now?}, subtitle = {An answer}, titleaddon = {Editorial}", "What now? An answer. Editorial", "", ""),
    ("title = {A chapter}, booktitle = {Book}, booksubtitle = {its part}", "A chapter", "Book: its part", ""),
    ("title = {A paper}, journaltitle = {Organizational Behaviour}, journalsubtitle = {Research}", "A paper", "",
     "Organizational Behaviour: Research")])
def test_biblatex_subtitles_are_part_of_the_title(fields: str, title: str, container: str, journal: str) -> None:
    kind = "incollection" if "booktitle" in fields else "article"
    records, _ = bibtex.read(f"@{kind}{{k, {fields}}}\n", "s.bib")
    article = bibtex.to_article(records[0])[0]
    assert (article.title, article.container, article.journal) == (title, container, journal)


def test_an_accent_that_begins_a_name_after_and_is_kept() -> None:
    """JabRef's file (Better BibTeX issue #97): "Serin, T\\"ulay and \\"Unal, Basri", "\\'O S\\'uilleabh\\'ain"."""
    records, _ = bibtex.read("@article{k, title = {T}, author = {Serin, T\\\"ulay and \\\"Unal, Basri and "
                             "\\'O S\\'uilleabh\\'ain, L. and {Simon and Schuster} AND Roe, A.}}\n", "a.bib")
    authors = bibtex.to_article(records[0])[0].authors
    assert [p.name for p in authors] == ["Serin, Tülay", "Ünal, Basri", "Ó Súilleabháin, L.", "Simon and Schuster",
                                         "Roe, A."]


@pytest.mark.parametrize(("fields", "date", "printed"), [
    ("year = {[1995?]}", "1995", "[1995?]"), ("year = {c1995}", "1995", ""),
    ("year = {1995--1997}", "1995", "1995–1997"),  # LaTeX's en dash, as the page prints it
    ("year = {in press}", "", "in press"), ("year = {n.d.}", "", "n.d."), ("year = {197-?}", "", "197-?"),
    ("date = {2019-12/2020-01}", "2019-12", "2019-12/2020-01"), ("year = {2019}, month = dec", "2019-12", ""),
    ("date = {2015/}", "2015", "2015/"), ("date = {2015-03-01/}", "2015-03-01", "2015-03-01/"),  # biblatex: open
    ("year = {2016}, date = {April 23, 2016}", "2016-04-23", ""),  # ScientoPy's manual's bibliography.bib
    ("date = {23 April 2016}", "2016-04-23", "")])
def test_a_year_says_what_the_entry_says(fields: str, date: str, printed: str) -> None:
    """A year a hand-written file qualifies ("[1995?]", "in press") is shown as written, never dropped."""
    records, _ = bibtex.read(f"@article{{k, title = {{T}}, {fields}}}\n", "y.bib")
    article = bibtex.to_article(records[0])[0]
    assert (article.date, article.date_printed) == (date, printed)


@pytest.mark.parametrize(("written", "person"), [
    ("John Smith Jr.", ("Smith", "John", "Jr.")), ("Martin Luther King Jr.", ("King", "Martin Luther", "Jr.")),
    ("John Smith III", ("Smith", "John", "III")), ("Smith, Jr., John", ("Smith", "John", "Jr."))])
def test_a_suffix_written_last_is_a_suffix(written: str, person: tuple[str, str, str]) -> None:
    """BibTeX reads "John Smith Jr." as the family name "Jr."; whoever wrote it meant John Smith, junior."""
    records, _ = bibtex.read(f"@article{{k, title = {{T}}, author = {{{written}}}}}\n", "n.bib")
    [author] = bibtex.to_article(records[0])[0].authors
    assert (author.family, author.given, author.suffix) == person


def test_an_ads_journal_macro_is_the_journal_it_prints() -> None:
    """NASA ADS writes the journal as an AASTeX macro ("journal = {\\apj}"), as a real paper's bibliography keeps
    it (Castro's paper.bib): the journal is what the macro prints, never nothing."""
    articles = articles_of("ads-castro-paper.bib")
    assert {key: a.journal for key, a in articles.items()} == {
        "castro": "ApJ", "castroII": "ApJS", "nyx": "ApJ", "enzo": "ApJS"}
    castro = articles["castro"]
    assert (castro.date, castro.volume, castro.issue, castro.pages) == ("2010-06", "715", "2", "1221-1238")
    assert [p.name for p in castro.authors][:2] == ["Almgren, A. S.", "Beckner, V. E."]
    assert [p.name for p in articles["nyx"].authors][3:] == ["Lukić, Zarija", "Van Andel, Ethan"]
    assert [p.name for p in articles["enzo"].authors][-1] == "Enzo Collaboration"


@pytest.mark.parametrize(("latex", "text"), [
    ("\\mnras", "MNRAS"), ("{\\aap}", "A&A"), ("\\apjl", "ApJL"), ("\\prd", "Phys. Rev. D"), ("\\psj", "PSJ")])
def test_ads_journal_macros(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


def test_textasciicircum_is_the_ascii_circumflex() -> None:
    """Better BibTeX writes a "^" of a Zotero title as ``\\textasciicircum`` (issue #2525's export, "$^7$Be"
    typed in Zotero); LaTeX prints the ASCII "^", not the modifier letter "ˆ"."""
    [article] = articles_of("bbt-export-textasciicircum.biblatex").values()
    assert article.title == ("The BeEST Experiment: Searching for Beyond Standard Model Neutrinos Using $^7$Be "
                             "Decay in STJs")
    assert bibtex.latex_to_text("a\\textasciicircum{}b") == "a^b"


def test_a_zotero_abstract_keeps_each_labelled_section() -> None:
    """Acta Neuropsychiatrica's abstract, as Zotero exported it: "Background:", "Methods:" and "Discussions:" each
    on a line of their own; the third is a section of its own, not part of the Methods."""
    article = articles_of("zotero-biblatex-psychiatry.bib")["hansen_psychiatric_2021"]
    assert [s.label for s in article.abstract] == ["Background", "Methods", "Discussions"]
    assert article.abstract[2].text.startswith("We expect that studies based on the PSYCOP cohort")
    assert article.abstract[1].text.endswith("with an explicit focus on clinical feasibility and implementation.")


def test_biblatex_reference_works_and_multi_volume_books_keep_their_book() -> None:
    """Better BibLaTeX's real exports: a dictionary's entry (@inreference, the Oxford Dictionary of National
    Biography's) is in the dictionary, with its editors and place, and a multi-volume book (@mvbook) is a book with
    its editors; read as journal articles, both lost them."""
    articles = articles_of("bbt-export-reference-works.biblatex")
    blair, descartes = articles["Blair2004"], articles["descartes_oeuvres_1897"]
    assert (blair.kind, blair.container, blair.journal) == (
        "entry-encyclopedia", "Oxford Dictionary of National Biography", "")
    assert [p.name for p in blair.editors] == ["Matthew, H.C.G.", "Harrison, Brian Howard"]
    assert (blair.place, blair.publisher, blair.title) == ("Oxford", "Oxford University Press", "Frithuswith (d. 727)")
    assert (descartes.kind, descartes.place, descartes.date_printed) == ("book", "Paris", "1897/1913")
    assert [p.name for p in descartes.editors] == ["Adam, Charles", "Tannery, Paul"]


def test_a_script_after_a_control_word_keeps_the_symbol() -> None:
    """JabRef's BibTeX of a PubMed record whose abstract holds MathML, as LaTeX ("$\\sum _{i=1}^{n}\\left(…"): a
    script written in Unicode right after a control word made one unknown macro of the two ("\\sumᵢ"), and the
    sum sign was lost; so was the Ω of "$\\Omega_m$"."""
    [article] = articles_of("jabref-medline-mathml.bib").values()
    assert "∑ᵢ₌₁ⁿ(aᵢ)" in abstract_of(article) and "ηₚ²" in abstract_of(article)
    for latex, text in [("$\\Omega_m$", "Ωₘ"), ("$\\nu_e$", "νₑ"), ("$\\beta^n$", "βⁿ"),
                        ("$\\sigma_8$", "σ₈")]:
        assert bibtex.latex_to_text(latex) == text


def test_an_unknown_macro_keeps_the_text_it_wraps_and_is_named_with_its_line() -> None:
    """JabRef's LaTeX of PubMed 32759406's MathML ("$\\underset{a}{\\overset{b}{\\int }}…$", its abstract on line 10):
    pylatexenc knows none of the three macros and dropped them without a word; their arguments stay."""
    records, _ = bibtex.read(text_of("jabref-medline-mathml.bib"), "jabref-medline-mathml.bib")
    article, problems = bibtex.to_article(records[0])
    assert "ab∫(5x+2sin(x))dx" in abstract_of(article)
    [warning] = [p for p in problems if "LaTeX" in p.message]
    assert (warning.where.path, warning.where.line) == ("jabref-medline-mathml.bib", 10)
    assert warning.message.startswith("field 'abstract' uses the LaTeX macros \\underset, \\overset, \\stackrel, ")
    assert bibtex.latex_to_text("A \\foo{gene} study") == "A gene study"
    assert unknown_macros("A \\foo{gene} \\emph{study} at \\url{https://x.org/\\bar}") == ["foo"]
    assert unknown_macros("$\\left(\\begin{pmatrix}1\\end{pmatrix}\\right)$ O\\textsubscript{2}") == []


INSPIRE_SHAPES = """@article{Group:2012abc,
    author = "Lastname, Given and others",
    collaboration = "DETECTOR",
    title = "{A measurement}",
    year = "2012"
}
@techreport{Collaboration:1234567,
    author        = "DETECTOR Collaboration",
    collaboration = "DETECTOR",
    title         = "{A note}",
    year          = "2025",
}
@article{Lone:2020abc,
    collaboration = "FIRST, Particle Data Group",
    title = "{A search}",
    year = "2020",
}
"""


def test_inspires_collaboration_leads_the_byline_as_a_group() -> None:
    """INSPIRE-HEP's BibTeX names the collaboration apart from the authors (CMS:2012qbp: ``author = "Chatrchyan,
    Serguei and others"``, ``collaboration = "CMS"``), and its page shows "CMS Collaboration • Serguei Chatrchyan
    et al."; the page showed the first author alone. The records' shapes, retyped: an author list with the group
    apart, a report whose author is the group already, and a paper with groups and no author."""
    records, _ = bibtex.read(INSPIRE_SHAPES, "inspire.bib")
    bylines = [[p.name for p in bibtex.to_article(r)[0].authors] for r in records]
    assert bylines == [["DETECTOR Collaboration", "Lastname, Given"], ["DETECTOR Collaboration"],
                       ["FIRST Collaboration", "Particle Data Group"]]
    assert bibtex.to_article(records[0])[0].et_al


def test_jabrefs_entry_of_a_pubmed_record_keeps_its_pmcid_and_abbreviation() -> None:
    """JabRef writes a PubMed record's PMC id as ``pmc`` and its journal's abbreviation as
    ``journal-abbreviation`` (its MEDLINE import, Moreno-Grau et al., Oncotarget 2018)."""
    [article] = articles_of("jabref-medline-pubmed.bib").values()
    assert (article.pmid, article.pmcid, article.doi) == ("29872490", "PMC5973862", "10.18632/oncotarget.25083")
    assert (article.journal, article.journal_abbrev, article.issue, article.date) == (
        "Oncotarget", "Oncotarget", "37", "2018-05")


def test_a_date_written_out_is_read_to_the_day() -> None:
    """CoLRev's BibTeX of the AIS eLibrary's records writes the whole date out beside the year ("September  1,
    2021"): the page gave the year alone, "2021"; it now gives 1 September 2021."""
    shown = {key: (a.date, a.date_printed) for key, a in articles_of("colrev-ais-enl-expected.bib").items()}
    assert shown == {"000001": ("2021-09-01", ""), "000002": ("2009-01-01", ""), "000003": ("2021-09-01", "")}


def test_an_edtf_date_is_shown_as_written() -> None:
    """Better BibLaTeX writes Zotero's dates in EDTF where ISO has no word for them: an unspecified digit
    ("199u"), an open start ("unknown/2006", "../2004-01-01"). With no year beside them they were dropped, and the
    page gave no date at all."""
    shown = {key: (a.date, a.date_printed) for key, a in articles_of("bbt-export-edtf-dates.biblatex").items()}
    assert shown["simpson_cool_book_0110"] == ("", "199u")
    assert shown["simpson_cool_book_0120"] == ("", "19uu")
    assert shown["simpson_cool_book_0092"] == ("2006", "unknown/2006")
    assert shown["simpson_cool_book_0397"] == ("2004", "../2004-01-01")
    assert shown["simpson_cool_book_0396"] == ("2004-01-01", "2004-01-01/..")  # as before


def test_nasa_ads_writes_the_generation_after_the_given_name() -> None:
    """NASA ADS's export writes "{Ford}, W.~K., Jr." (family, given, generation) where BibTeX's grammar has "von
    Last, Jr, First": the real record (Rubin, Ford & Thonnard 1980, as bibmanager's documentation shows it) was
    read with the given name "Jr." and the suffix "W. K.", shown "Ford, Jr., W. K." and exported as such."""
    [rubin] = articles_of("bibmanager-ads-suffix.bib").values()
    assert [(p.name, p.family, p.given, p.suffix) for p in rubin.authors] == [
        ("Rubin, V. C.", "Rubin", "V. C.", ""), ("Ford, W. K., Jr.", "Ford", "W. K.", "Jr."),
        ("Thonnard, N.", "Thonnard", "N.", "")]


@needs_corpus
def test_scopus_generation_after_family_and_initials() -> None:
    """Scopus's BibTeX writes Wylie C. Barrow Jr. "Barrow W.C., Jr." (its CSV byline's "Family Initials", then the
    generation after a comma; the same record's correspondence address says "Barrow Jr., W.C."). BibTeX's grammar
    read the last name "Barrow W.C." and the first name "Jr.", shown in reading order as "Jr. Barrow W.C."."""
    text = (CORPUS / "scopus_final.bib").read_text(encoding="utf-8")  # GPL-3: read in place, never copied
    records = {r.first("ID"): r for r in bibtex.read(text, "scopus_final.bib")[0]}
    barrow = bibtex.to_article(records["BarrowW.C.2000151"])[0].authors[0]
    assert (barrow.name, barrow.family, barrow.given, barrow.suffix) == ("Barrow, W.C., Jr.", "Barrow", "W.C.", "Jr.")
    assert barrow.display == "W.C. Barrow Jr."


def test_iso_names_of_greek_letters_are_the_letters() -> None:
    """Two Wiley abstracts in a JabRef library (bbt-iso-greek-entities.bib) name Greek letters by ISO 8879's
    entities, which HTML does not know: the page read "7.35 &OHgr;" and "1 &mgr;m"."""
    articles = articles_of("bbt-iso-greek-entities.bib")
    assert "A low room-temperature resistivity of 7.35 Ω\ufffdcm was achieved" in abstract_of(articles["Hao_2008"])
    assert abstract_of(articles["Siegfried_2004"]).endswith("Scale bar: 1\ufffdμm.")
    assert "&OHgr;" in "".join(bibtex.read(text_of("bbt-iso-greek-entities.bib"), "x.bib")[0][0].values("Abstract"))


def test_a_taylor_and_francis_note_that_names_a_pmid_is_the_pmid() -> None:
    """Taylor & Francis's BibTeX export (Atypon's, as SAGE's) writes an article's PMID as its whole note, "note
    ={PMID: 33355555}": the article had no PMID, so no PubMed link and a DOI's id. CoLRev's test export (MIT), in
    Taylor & Francis's shape, blank lines and spaced urls included."""
    records, diagnostics = bibtex.read(text_of("colrev-taylor-and-francis.bib"), "tandf.bib")
    assert diagnostics == []
    articles = [bibtex.to_article(r)[0] for r in records]
    assert [(a.pmid, a.id, a.doi) for a in articles] == [
        ("33355555", "pubmed-33355555", "10.1111/07777777.2018.1666666"),
        ("33314444", "pubmed-33314444", "10.1122/07777777.2018.3334444")]
    assert Field("note", ("PMID: 33355555",), 18) in records[0].fields  # and the full record keeps the note


def test_an_mdpi_pubmedid_is_the_pmid_and_a_bare_number_note_is_none() -> None:
    """MDPI's BibTeX export names the PMID "PubMedID" (its Sensors, Cells and Biomolecules articles; the real
    exports seen are in repositories without a licence, so the entry is retyped here in their shape with made-up
    facts): the article had no PMID. A note that is only a number ("note = {2}") names no PMID."""
    text = ("@Article{s99010001,\nAUTHOR = {Example, Anna and Sample, Ben},\nTITLE = {A Made-up Sensor Study},\n"
            "JOURNAL = {Sensors},\nVOLUME = {99},\nYEAR = {2023},\nNUMBER = {1},\nARTICLE-NUMBER = {1},\n"
            "URL = {https://www.mdpi.com/1424-8220/99/1/1},\nPubMedID = {36600001},\nISSN = {1424-8220},\n"
            "DOI = {10.3390/s99010001}\n}\n\n@article{other,\ntitle = {Another},\nnote = {2},\nyear = {2020}\n}\n")
    records, _ = bibtex.read(text, "mdpi.bib")
    assert [bibtex.to_article(r)[0].pmid for r in records] == ["36600001", ""]
    assert bibtex.to_article(records[0])[0].article_number == "1"


def test_sciencedirect_headings_on_lines_of_their_own_label_the_abstract() -> None:
    """ScienceDirect's BibTeX export writes an abstract's headings each alone on a line, with no colon: "Summary"
    over the text of Bruton et al., Physiotherapy 2000 (a real export in wearable-hrv's paper.bib, MIT), and
    "Background", "Methods", "Results", "Conclusions" over the sections of a structured abstract (the real exports
    seen are in a repository without a licence; the shape is retyped here with made-up words). Decoding LaTeX
    joined the lines, and the page showed one paragraph, "Summary Therapists regularly perform …", "Background
    Patients … Methods We …", the headings run into the text as its words."""
    (record,), _ = bibtex.read(text_of("sciencedirect-whrv-summary.bib"), "paper.bib")
    (summary,) = bibtex.to_article(record)[0].abstract
    assert summary.label == "Summary"
    assert summary.text.startswith("Therapists regularly perform various measurements. How reliable")
    assert summary.text.endswith("different types of estimate should be used together.")
    text = ("@article{EXAMPLE2024100001,\ntitle = {A made-up cohort},\njournal = {Example Medicine},\n"
            "year = {2024},\nabstract = {Background\nPatients differ.\nMethods\nWe counted 12 of them: 3 were "
            "lost.\nResults\nNothing changed\nover time.\nConclusions\nMore work is needed.}\n}\n")
    (record,), _ = bibtex.read(text, "sd.bib")
    assert [(s.label, s.text) for s in bibtex.to_article(record)[0].abstract] == [
        ("Background", "Patients differ."), ("Methods", "We counted 12 of them: 3 were lost."),
        ("Results", "Nothing changed over time."), ("Conclusions", "More work is needed.")]


def test_authors_parted_by_commas_alone_are_each_an_author_in_the_records_order() -> None:
    """A real hand-written entry (wearable-hrv's paper.bib, MIT) parts its authors, whole names, by commas with no
    "and": "Robin Champseix, Laurent Ribiere, Clément Le Couedic". It was read as one person, as BibTeX's "Last, Jr,
    First": the byline showed "Robin Champseix, Clément Le Couedic, Laurent Ribiere", the second author moved to
    the end. Each is now an author of its own, read as BibTeX reads "Given Family"."""
    (record,), _ = bibtex.read(text_of("comma-separated-author-lists.bib"), "paper.bib")
    champseix = bibtex.to_article(record)[0]
    assert [(p.family, p.given) for p in champseix.authors] == [
        ("Champseix", "Robin"), ("Ribiere", "Laurent"), ("Couedic", "Clément Le")]
    people, _ = bibtex._people("Ford, Jr., W. K. and Smith, John Paul, III")  # a generation is no name of a list
    assert [(p.family, p.given, p.suffix) for p in people] == [("Ford", "W. K.", "Jr."), ("Smith", "John Paul", "III")]


def test_a_biorxiv_elocation_id_is_the_article_number() -> None:
    """bioRxiv's and medRxiv's BibTeX export names a preprint's number "elocation-id" (its JATS's name), and
    gives no pages: the page showed no number at all, only the full record did. The real exports seen are in
    READMEs without a licence; the entry is retyped here in their shape (tab indent, "@article {" with a space,
    the eprint a PDF's url, "journal = {bioRxiv}" last) with made-up facts."""
    text = ("@article {Example2024.05.06.592001,\n\tauthor = {Example, Anna and Sample, Ben},\n"
            "\ttitle = {A made-up preprint},\n\telocation-id = {2024.05.06.592001},\n\tyear = {2024},\n"
            "\tdoi = {10.1101/2024.05.06.592001},\n\tpublisher = {Cold Spring Harbor Laboratory},\n"
            "\tURL = {https://www.biorxiv.org/content/early/2024/05/08/2024.05.06.592001},\n"
            "\teprint = {https://www.biorxiv.org/content/early/2024/05/08/2024.05.06.592001.full.pdf},\n"
            "\tjournal = {bioRxiv}\n}\n")
    (record,), _ = bibtex.read(text, "biorxiv.bib")
    article = bibtex.to_article(record)[0]
    assert (article.journal, article.article_number, article.pages) == ("bioRxiv", "2024.05.06.592001", "")


def test_a_wiley_abstract_flattened_with_its_headings_is_cut_at_them() -> None:
    """Wiley Online Library's BibTeX export flattens an abstract's JATS into one line: the word "Abstract" (or
    "ABSTRACT"), then each heading run into its text, "Abstract Purpose Coronavirus disease … Methods …" (Medical
    Physics, Pharmacoepidemiology and Drug Safety, Journal of Applied Clinical Medical Physics entries seen in
    repositories without a licence; the shape is retyped here with made-up words), as Web of Science runs its
    headings in (test_an_older_web_of_science_export_runs_its_headings_into_the_text_too). The page showed it as
    one paragraph opening "Abstract Purpose …"; an unstructured one opening "Abstract This …"."""
    text = ("@article{https://doi.org/10.1002/xmpl.70001,\nauthor = {Example, Anna},\ntitle = {A made-up study},\n"
            "journal = {Example Physics},\nvolume = {n/a},\nnumber = {n/a},\npages = {},\n"
            "doi = {https://doi.org/10.1002/xmpl.70001},\n"
            "url = {https://onlinelibrary.wiley.com/doi/abs/10.1002/xmpl.70001},\n"
            "eprint = {https://onlinelibrary.wiley.com/doi/pdf/10.1002/xmpl.70001},\n"
            "abstract = {ABSTRACT Purpose To count things. Methods We counted 12 of them. Results 3 were lost. "
            "Conclusions Counting is hard.},\nyear = {2025}\n}\n\n@article{other,\ntitle = {Another},\n"
            "abstract = {Abstract This made-up paper has no headings. Results are not one.},\nyear = {2016}\n}\n")
    structured, unstructured = (bibtex.to_article(r)[0] for r in bibtex.read(text, "wiley.bib")[0])
    assert [(s.label, s.text) for s in structured.abstract] == [
        ("Purpose", "To count things."), ("Methods", "We counted 12 of them."), ("Results", "3 were lost."),
        ("Conclusions", "Counting is hard.")]
    assert [(s.label, s.text) for s in unstructured.abstract] == [
        ("", "This made-up paper has no headings. Results are not one.")]


def test_an_href_shows_its_text_and_the_rest_of_the_value_is_decoded() -> None:
    """NASA ADS's BibTeX of a Zenodo record writes the DOI in its title as a hyperref link (bibmanager's
    examples/sample.bib, MIT): "…, Zenodo, doi:\\href{https://zenodo.org/record/2547042}{10.5281/zenodo.2547042}".
    pylatexenc's parser gave \\href no arguments and its text rule failed, so the whole value was shown with its
    LaTeX left in: "doi:\\hrefhttps://zenodo.org/record/254704210.5281/zenodo.2547042". LaTeX prints the link's
    text; hand-written titles link the same way ("\\href{https://aclanthology.org/C18-1287/}{Automatic …}")."""
    (record,), _ = bibtex.read(text_of("bibmanager-ads-zenodo-href.bib"), "sample.bib")
    article, problems = bibtex.to_article(record)
    assert article.title == "bibmanager: A BibTeX manager for LaTeX projects, Zenodo, doi:10.5281/zenodo.2547042"
    assert problems == []
    assert bibtex.latex_to_text("\\href{https://example.org/a}{Caf{\\'e} {\\textbf{73}}} and \\href[x]{u}{v}") == (
        "Café 73 and v")


MATHSCINET_SHAPE = r"""@article {MR1234567,
    AUTHOR = {Lastname, Given and Other, Person},
     TITLE = {A title of {HODLR} matrices},
   JOURNAL = {SIAM J. Sci. Comput.},
  FJOURNAL = {SIAM Journal on Scientific Computing},
    VOLUME = {42},
      YEAR = {2020},
    NUMBER = {2},
     PAGES = {C43--C68},
  MRNUMBER = {1234567},
}
"""


def test_mathscinets_full_journal_name_is_the_journal() -> None:
    """MathSciNet (and zbMATH) write the journal's abbreviation in ``JOURNAL`` and its whole name in ``FJOURNAL``
    (the entry of Massei, Robol and Kressner's hm-toolbox article, SIAM J. Sci. Comput. 42(2), 2020, as the
    Kemeny-and-Conquer repository's README quotes it; its shape retyped): the page named the journal by its
    abbreviation, and APA cited it so."""
    [record], _ = bibtex.read(MATHSCINET_SHAPE, "mathscinet.bib")
    article = bibtex.to_article(record)[0]
    assert (article.journal, article.journal_abbrev) == ("SIAM Journal on Scientific Computing", "SIAM J. Sci. Comput.")
