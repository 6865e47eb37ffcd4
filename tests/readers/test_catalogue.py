"""The catalogue-dump reader (readers/catalogue.py) and the Article made from its records (catalogue_article.py).

Fixtures are tests/data/catalogue-dump/*.txt (see the README there for what each file tests).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from site_builder.diagnostics import Level, SourceSpan
from site_builder.model.article import Field, FieldIndex, Language, Record, Section
from site_builder.readers import catalogue, catalogue_article, read_file, to_article

TESTS = Path(__file__).resolve().parents[1]
DUMPS = TESTS / "data" / "catalogue-dump"
CORPUS = TESTS.parents[1] / "shared" / "corpus" / "catalogue-dump"

TITLE = ("Liver-Directed Therapy for Neuroendocrine Metastases: "
         "From Interventional Radiology to Nuclear Medicine Procedures")
TITLE_KEY = "liverdirectedtherapyforneuroendocrinemetastasesfrominterventionalradiologytonuclearmedicineprocedures"
AUTHORS = (
    "Cazzato, Roberto Luigi", "Hubelé, Fabrice", "De Marini, Pierre", "Ouvrard, Eric", "Salvadori, Julien",
    "Addeo, Pietro", "Garnon, Julien", "Kurtz, Jean-Emmanuel", "Greget, Michel", "Mertz, Luc",
    "Goichot, Bernard", "Gangi, Afshin", "Imperiale, Alessio",
)
AUTHOR_KEYS = (
    "cazzatorobertoluigi", "hubelefabrice", "demarinipierre", "ouvrarderic", "salvadorijulien", "addeopietro",
    "garnonjulien", "kurtzjeanemmanuel", "gregetmichel", "mertzluc", "goichotbernard", "gangiafshin",
    "imperialealessio",
)
URLS = (
    "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8699378/",
    "https://www.ncbi.nlm.nih.gov/pubmed/34944988",
    "http://dx.doi.org/10.3390/cancers13246368",
)
# Every field of the seed in file order, with the 1-based line of its first value.
SEED_FIELDS = (
    ("_version_", 18), ("author", 19), ("author_facet", 32), ("author_sort", 45), ("collection", 46),
    ("description", 47), ("format", 48), ("id", 51), ("institution", 52), ("language", 53), ("publishDate", 54),
    ("publisher", 55), ("record_format", 56), ("spelling", 57), ("spellingShingle", 58), ("title", 73),
    ("title_full", 74), ("title_fullStr", 75), ("title_full_unstemmed", 76), ("title_short", 77),
    ("title_sort", 78), ("topic", 79), ("url", 80), ("work_keys_str_mv", 83),
)
SEED_NAMES = tuple(name for name, _ in SEED_FIELDS)


def read_one(name: str) -> tuple[list[Record], list]:
    return read_file(DUMPS / name, name)


def only_record(name: str) -> Record:
    records, problems = read_one(name)
    assert problems == []
    assert len(records) == 1
    return records[0]


def seed_lines() -> list[str]:
    return (DUMPS / "seed.txt").read_text(encoding="utf-8").split("\n")


def names(record: Record) -> tuple[str, ...]:
    return tuple(f.name for f in record.fields)


# --- the seed, field by field -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed() -> Record:
    return only_record("seed.txt")


def test_seed_has_every_field_in_order_with_its_line(seed: Record) -> None:
    assert len(seed.fields) == 24
    assert tuple((f.name, f.line) for f in seed.fields) == SEED_FIELDS
    assert seed.format == "catalogue-dump"
    assert (seed.where.path, seed.where.line) == ("seed.txt", 1)


def test_seed_single_valued_fields(seed: Record) -> None:
    single = {
        "_version_": "1784620499284787200",
        "author_sort": "Cazzato, Roberto Luigi",
        "collection": "PubMed",
        "id": "pubmed-8699378",
        "institution": "National Center for Biotechnology Information",
        "language": "English",
        "publishDate": "2021",
        "publisher": "MDPI",
        "record_format": "MEDLINE/PubMed",
        "title": TITLE,
        "title_full": TITLE,
        "title_fullStr": TITLE,
        "title_full_unstemmed": TITLE,
        "title_short": TITLE,
        "title_sort": TITLE.lower(),
        "topic": "Review",
    }
    for name, value in single.items():
        assert seed.values(name) == (value,), name


def test_seed_long_values_are_whole_lines(seed: Record) -> None:
    lines = seed_lines()
    description = seed.values("description")
    assert description == (lines[46][len("description "):],)
    assert description[0].startswith("SIMPLE SUMMARY: Approximately 80% of metastatic patients")
    assert " ABSTRACT: Neuroendocrine neoplasms (NENs) are rare" in description[0]
    assert description[0].endswith("strengths and limitations of each modality.")
    spelling = seed.values("spelling")
    assert spelling == (lines[56][len("spelling "):],)
    assert spelling[0].startswith("pubmed-86993782021-12-24 Liver-Directed Therapy")
    assert spelling[0].endswith("Creative Commons Attribution (CC BY) license "
                                "(https://creativecommons.org/licenses/by/4.0/).")


def test_seed_multi_valued_fields_whole(seed: Record) -> None:
    assert seed.values("author") == AUTHORS
    assert seed.values("author_facet") == AUTHORS
    assert seed.values("format") == ("Online", "Article", "Text")
    assert seed.values("url") == URLS
    assert seed.values("spellingShingle") == ("Review", *AUTHORS, TITLE)
    assert len(seed.values("spellingShingle")) == 15
    assert seed.values("work_keys_str_mv") == tuple(f"AT {key} {TITLE_KEY}" for key in AUTHOR_KEYS)
    assert len(seed.values("work_keys_str_mv")) == 13


def test_seed_page_text_is_kept_verbatim(seed: Record) -> None:
    assert seed.preamble == tuple(seed_lines()[:17])
    assert seed.preamble[0] == "Cargando…"
    assert "Detalles Bibliográficos" in seed.preamble


def test_seed_read_from_text_and_from_file_agree(seed: Record) -> None:
    records, problems = catalogue.read((DUMPS / "seed.txt").read_text(encoding="utf-8"), "seed.txt")
    assert problems == []
    assert records == [seed]


# --- continuation lines that start with a field name ----------------------------------------------------------

TRAP_TITLES = {
    "trap-title-format.txt": "format effects in liver-directed therapy for neuroendocrine metastases",
    "trap-title-id.txt": "id and identity: liver-directed therapy for neuroendocrine metastases",
    "trap-title-ix.txt": "title IX and liver-directed therapy for neuroendocrine metastases",
    "trap-title-surgery.txt": "surgery for neuroendocrine liver metastases: from interventional radiology to "
                              "nuclear medicine procedures",
}


@pytest.mark.parametrize("name", sorted(TRAP_TITLES))
def test_title_starting_with_a_field_name_stays_a_value(name: str) -> None:
    record = only_record(name)
    title = TRAP_TITLES[name]
    assert tuple((f.name, f.line) for f in record.fields) == SEED_FIELDS
    assert record.values("title") == (title,)
    assert record.values("title_short") == (title,)
    assert record.values("spellingShingle") == ("Review", *AUTHORS, title)
    assert record.values("id") == ("pubmed-8699378",)
    assert record.values("work_keys_str_mv")[0].startswith("AT cazzatorobertoluigi ")
    assert len(record.values("work_keys_str_mv")) == 13


def test_author_with_lower_case_particle_stays_a_value() -> None:
    record = only_record("trap-author-de-souza.txt")
    authors = (AUTHORS[0], "de Souza, Ana", *AUTHORS[1:])
    assert names(record) == SEED_NAMES
    assert record.values("author") == authors
    assert record.values("author_facet") == authors
    assert record.values("spellingShingle") == ("Review", *authors, TITLE)
    assert "de" not in names(record)
    assert to_article(record)[0].authors[1].name == "de Souza, Ana"


def test_field_name_lines_inside_values_in_memory() -> None:
    """A lower-case title inside spellingShingle and an author "id, Ann" never become fields."""
    text = (DUMPS / "seed.txt").read_text(encoding="utf-8")
    text = text.replace(TITLE, "surgery for liver metastases").replace(TITLE.lower(), "surgery for liver metastases")
    text = text.replace("\nImperiale, Alessio\n", "\nid, Ann\n")
    records, problems = catalogue.read(text, "mem.txt")
    assert problems == []
    assert names(records[0]) == SEED_NAMES
    assert records[0].values("author")[-1] == "id, Ann"
    assert records[0].values("id") == ("pubmed-8699378",)
    assert records[0].values("spellingShingle")[-2:] == ("id, Ann", "surgery for liver metastases")


# --- names with lower-case particles in every multi-valued field ---------------------------------------------

PARTICLE_NAMES = (
    "van Dijk, Jan", "von Hagen, Jörg", "de Vries, Sanne", "der Heide, Uwe", "den Broek, Bram", "ten Brink, Koen",
    "ter Haar, Koen", "da Silva, João", "dos Santos, Ana Paula", "du Pont, Marie", "le Roux, Gaëlle",
    "la Rosa, Chiara", "di Stefano, Luca", "del Río, Íñigo", "zu Stolberg, Jürgen", "van der Berg, Pieter",
    "van 't Hof, Joost", "de la Fuente, María José", "te Velde, Eline", "het Hart, Ruud",
)
# The seed's multi-valued fields that hold names, and author2 (which the seed lacks), added after author.
NAME_FIELDS = ("author", "author2", "author_facet", "spellingShingle", "topic")


def seed_with_value(field: str, value: str) -> tuple[str, tuple[str, ...]]:
    """The seed's text with ``value`` as the second value of ``field``, and the field names the record has."""
    lines = seed_lines()
    if field == "author2":
        at = lines.index("author_facet " + AUTHORS[0])
        lines[at:at] = [f"author2 {AUTHORS[-1]}", value]
        return "\n".join(lines), (*SEED_NAMES[:2], "author2", *SEED_NAMES[2:])
    at = next(i for i, line in enumerate(lines) if line.startswith(field + " "))
    lines.insert(at + 1, value)
    return "\n".join(lines), SEED_NAMES


@pytest.mark.parametrize("field", NAME_FIELDS)
@pytest.mark.parametrize("name", PARTICLE_NAMES)
def test_a_name_with_a_particle_stays_a_value_of_each_multi_valued_field(field: str, name: str) -> None:
    text, expected = seed_with_value(field, name)
    records, problems = catalogue.read(text, "mem.txt")
    assert problems == []
    assert names(records[0]) == expected
    assert records[0].values(field)[1] == name


def test_two_names_with_one_particle_in_spelling_shingle() -> None:
    """The synthetic record that found the fault: two authors "ter Haar, …" in author, author_facet and
    spellingShingle; the increasing chain could skip only one of the two "ter" lines, the other became a field."""
    lines = seed_lines()
    text = "\n".join(lines).replace("\nHubelé, Fabrice\n", "\nter Haar, Koen\nHubelé, Fabrice\n").replace(
        "\nGangi, Afshin\n", "\nter Haar, Anouk\nGangi, Afshin\n")
    records, problems = catalogue.read(text, "mem.txt")
    assert problems == []
    assert names(records[0]) == SEED_NAMES
    authors = (AUTHORS[0], "ter Haar, Koen", *AUTHORS[1:11], "ter Haar, Anouk", *AUTHORS[11:])
    assert records[0].values("author") == records[0].values("author_facet") == authors
    assert records[0].values("spellingShingle") == ("Review", *authors, TITLE)


@pytest.mark.parametrize(("before", "line", "name"), [
    ("spelling ", "source PubMed Central", "source"),  # one lower-case word, a value that is no person's name
    ("title ", "subject_local Haar, Koen", "subject_local"),  # a name with an underscore is no particle
])
def test_a_field_the_schema_lacks_is_still_read_and_reported(before: str, line: str, name: str) -> None:
    lines = seed_lines()
    at = next(i for i, text in enumerate(lines) if text.startswith(before))
    lines.insert(at, line)
    records, problems = catalogue.read("\n".join(lines), "mem.txt")
    assert records[0].values(name) == (line.partition(" ")[2],)
    assert [str(p) for p in problems] == [f"mem.txt:{at + 1}: warning: unknown field '{name}' kept as it is"]


def test_dynamic_fields_of_the_schema_are_known() -> None:
    assert catalogue.is_known("work_keys_str_mv") and catalogue.is_known("doi_str_mv")
    assert catalogue.is_known("callnumber-sort") and not catalogue.is_known("ter")
    assert not catalogue.is_known("_str")


# --- page text: missing, or in English ---------------------------------------------------------------------

def test_record_without_display_part() -> None:
    record = only_record("no-display.txt")
    assert record.preamble == ()
    assert record.where.line == 1
    assert names(record) == SEED_NAMES
    assert record.fields[0].line == 1
    assert record.values("author") == AUTHORS


def test_english_page_labels() -> None:
    record = only_record("english-labels.txt")
    assert record.preamble[0] == "Loading…"
    assert "Bibliographic Details" in record.preamble
    assert "Main Authors: Chang, Yan, Roy, Souvik, Pan, Zui" in record.preamble
    assert not any(f.name in {"Loading", "Bibliographic", "Main"} for f in record.fields)
    assert names(record)[0] == "_version_"
    assert record.values("id") == ("pubmed-8126661",)
    assert record.values("author") == ("Chang, Yan", "Roy, Souvik", "Pan, Zui")
    assert record.values("title") == ("Store-Operated Calcium Channels as Drug Target in Gastroesophageal Cancers.",)


# --- several records in one file ---------------------------------------------------------------------------

def _two(name: str) -> list[Record]:
    records, problems = read_one(name)
    assert [str(p) for p in problems] == []
    assert [r.first("id") for r in records] == ["pubmed-8699378", "pubmed-8126661"]
    assert names(records[0]) == SEED_NAMES
    assert records[0].values("work_keys_str_mv") == tuple(f"AT {key} {TITLE_KEY}" for key in AUTHOR_KEYS)
    assert records[1].values("author") == ("Chang, Yan", "Roy, Souvik", "Pan, Zui")
    assert records[1].fields[-1].name == "work_keys_str_mv"
    return records


def test_two_records_separated_by_a_blank_line() -> None:
    records = _two("two-records-blank-line.txt")
    assert records[0].where.line == 1
    assert records[1].where.line == 97
    assert records[1].preamble[0] == "Loading…"


def test_two_records_glued_at_version() -> None:
    records = _two("two-records-glued-version.txt")
    assert records[1].where.line == 96
    assert records[1].preamble == ()
    assert records[1].fields[0].line == 96


def test_two_records_glued_at_page_marker() -> None:
    """The second record's "Loading…" follows the first's last field line: it starts a record, not a value."""
    records = _two("two-records-glued-marker.txt")
    assert records[1].where.line == 96
    assert records[1].preamble[:3] == ("Loading…", "", records[1].first("title"))


# --- line ends, BOM, bad bytes -----------------------------------------------------------------------------

def test_bom_and_crlf_read_like_the_seed(seed: Record) -> None:
    record = only_record("bom-crlf.txt")
    assert [(f.name, f.values, f.line) for f in record.fields] == [(f.name, f.values, f.line) for f in seed.fields]
    assert record.preamble == seed.preamble
    assert not any("\r" in v or "\ufeff" in v for f in record.fields for v in f.values)


def test_real_crlf_file() -> None:
    record = only_record("crlf.txt")
    assert record.first("id") == "pubmed-418322"
    assert record.first("title").startswith("[New views on the role of cytostatic therapy")
    assert record.preamble[0] == "Cargando…"
    assert not any("\r" in v for f in record.fields for v in f.values)
    assert not any("\r" in line for line in record.preamble)


def test_invalid_utf8_is_a_warning_with_its_line_and_the_record_is_read() -> None:
    records, problems = read_one("bad-bytes.txt")
    assert len(records) == 1
    assert [p.level for p in problems] == [Level.WARNING]
    assert (problems[0].where.path, problems[0].where.line) == ("bad-bytes.txt", 28)
    assert "bad-bytes.txt:28" in str(problems[0])
    record = records[0]
    assert names(record) == SEED_NAMES
    assert record.values("author")[9] == "Mertz, L\ufffdc"
    assert len(record.values("author")) == 13
    assert record.values("publisher") == ("MD\ufffdPI",)


# --- malformed records -------------------------------------------------------------------------------------

def test_page_text_without_fields_at_the_end_is_an_error_naming_file_and_line() -> None:
    records, problems = read_one("malformed-last.txt")
    assert [r.first("id") for r in records] == ["pubmed-8699378"]
    assert names(records[0]) == SEED_NAMES
    assert [p.level for p in problems] == [Level.ERROR]
    assert (problems[0].where.path, problems[0].where.line) == ("malformed-last.txt", 97)
    assert str(problems[0]).startswith("malformed-last.txt:97: error:")


def test_page_text_without_fields_before_a_record_is_an_error_and_not_its_preamble() -> None:
    """A record with no fields followed by a good one: an error at line 1; the good record keeps its own page."""
    records, problems = read_one("malformed-first.txt")
    assert [r.first("id") for r in records] == ["pubmed-8699378"]
    assert names(records[0]) == SEED_NAMES
    assert [(p.level, p.where.path, p.where.line) for p in problems] == [(Level.ERROR, "malformed-first.txt", 1)]
    assert records[0].preamble[0] == "Cargando…"
    assert records[0].where.line == 19


def test_malformed_record_file_still_builds_its_other_records(tmp_path: Path) -> None:
    from site_builder.build import build

    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "records" / "a.txt").write_bytes((DUMPS / "malformed-last.txt").read_bytes())
    result = build(site, tmp_path / "out")
    assert result.report.errors == 1
    assert any(str(d).startswith("content/records/a.txt:97:") for d in result.report.diagnostics)
    assert (tmp_path / "out" / "articles" / "pubmed-8699378.html").is_file()


# --- catalogue_article: the typed article ------------------------------------------------------------------

def test_seed_article(seed: Record) -> None:
    article, problems = catalogue_article.to_article(seed)
    assert problems == []
    assert article.id == "pubmed-8699378"
    assert article.title == TITLE
    assert tuple(p.name for p in article.authors) == AUTHORS
    assert (article.authors[1].family, article.authors[1].given) == ("Hubelé", "Fabrice")
    assert article.journal == "Cancers (Basel)"
    assert article.date == "2021-12-19"
    assert article.year == "2021"
    assert article.publisher == "MDPI"
    assert article.licence_url == "https://creativecommons.org/licenses/by/4.0/"
    assert article.rights.startswith("© 2021 by the authors. Licensee MDPI, Basel, Switzerland.")
    assert "https://creativecommons.org/licenses/by/4.0/Licensee" not in article.rights
    assert (article.pmid, article.pmcid, article.doi) == ("34944988", "PMC8699378", "10.3390/cancers13246368")
    assert article.topics == ("Review",)
    assert article.languages == (Language("English", "en", "eng"),)
    assert article.records == (seed,)


def test_seed_lay_summary_and_abstract(seed: Record) -> None:
    article, _ = catalogue_article.to_article(seed)
    description = seed.first("description")
    lay, abstract = description.split(" ABSTRACT: ")
    assert article.lay_summary == (Section("SIMPLE SUMMARY", lay[len("SIMPLE SUMMARY: "):]),)
    assert len(article.abstract) == 1
    assert article.abstract[0].text == abstract
    assert article.abstract[0].label == ""
    assert not any("SIMPLE SUMMARY" in s.text or "ABSTRACT:" in s.text for s in article.abstract)


def test_structured_abstract_is_split_at_its_labels() -> None:
    record = only_record("structured-abstract.txt")
    article, problems = catalogue_article.to_article(record)
    assert problems == []
    assert article.lay_summary == ()
    assert [s.label for s in article.abstract] == ["BACKGROUND", "PATIENTS AND METHODS", "RESULTS", "CONCLUSIONS"]
    assert article.abstract[0].text.startswith("Understanding socio-demographic inequalities")
    assert all(s.text and not s.text.endswith(":") for s in article.abstract)
    assert not any(f"{label}:" in s.text for s in article.abstract for label in ("RESULTS", "CONCLUSIONS"))
    assert article.journal == "Ann Oncol"


def test_english_record_article() -> None:
    article, problems = to_article(only_record("english-labels.txt"))
    assert problems == []
    assert article.journal == "Front Pharmacol"
    assert (article.pmid, article.pmcid, article.doi) == ("34012400", "PMC8126661", "10.3389/fphar.2021.668730")
    assert article.lay_summary == ()
    assert article.abstract and article.abstract[0].text.startswith("Gastroesophageal cancers")


# --- every file of the shared corpus ------------------------------------------------------------------------

CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_FILES, reason=f"no shared corpus at {CORPUS}")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_file_reads_cleanly(path: Path) -> None:
    records, problems = read_file(path, path.name)
    assert [str(p) for p in problems if p.level is Level.ERROR] == []
    assert records
    for record in records:
        article, article_problems = to_article(record)
        assert [str(p) for p in article_problems if p.level is Level.ERROR] == []
        assert article.title and article.id and article.journal, record.where


def test_dropping_unknown_names_that_cannot_fit_keeps_the_same_chain() -> None:
    """_fitting only shortens the search: the heaviest chain, ties included, is the one the full search finds."""
    rng = random.Random(7)
    known = sorted(catalogue.KNOWN_FIELDS)
    unknown = ["van", "de", "von", "alpha", "zeta", "da", "le", "title_x", "id2"]
    shortened = 0
    for _ in range(4000):
        if rng.random() < 0.7:  # knowns in order with unknowns among them: what real records look like
            names = sorted(rng.sample(known, rng.randint(1, 20)))
            for _ in range(rng.randint(0, 6)):
                names.insert(rng.randint(1, len(names)), rng.choice(unknown))
        else:  # anything at all
            names = [rng.choice(known[:12] + unknown) for _ in range(rng.randint(1, 20))]
        candidates = list(range(len(names)))
        fitting = catalogue._fitting(candidates, names)
        shortened += len(fitting) < len(candidates)
        assert catalogue._heaviest_increasing(fitting, names) == catalogue._heaviest_increasing(candidates, names)
    assert shortened > 1000


def test_a_field_index_answers_as_the_record_does() -> None:
    """FieldIndex is only a faster way to ask: same first value and same values, for every name and a missing one,
    including a field given twice and a field with no value."""
    records = [r for path in sorted(DUMPS.glob("*.txt")) for r in read_file(path, path.name)[0]]
    records.append(Record("test", records[0].where, (
        Field("topic", ("A", "B"), 1), Field("empty", (), 2), Field("topic", ("C",), 3), Field("note", ("", "x"), 4),
        Field("empty", ("late",), 5))))
    for record in records:
        index = FieldIndex(record)
        for name in {f.name for f in record.fields} | {"no-such-field"}:
            assert index.first(name) == record.first(name), name
            assert index.values(name) == record.values(name), name
    assert FieldIndex(records[-1]).first("empty") == "late" and FieldIndex(records[-1]).first("note") == ""


def test_the_spaces_pattern_skips_exactly_what_lstrip_removes() -> None:
    """parse_spelling moves past spaces with \\s* instead of copying the rest with lstrip(): the same characters."""
    pattern = catalogue_article._SPACES
    assert all((pattern.match(c).end() == 1) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


def test_blocks_are_the_runs_of_lines_that_are_not_blank() -> None:
    """_blocks finds the blank lines in C: the same runs as a loop asking each line's strip(), any white space
    (a tab, a no-break space, a line of spaces) making a line blank, at either end and several in a row."""
    rng = random.Random(3)
    pieces = ["", " ", "\t", "\u00a0", "\u3000 ", "id x", "author A", " text", "Cargando…"]
    for _ in range(2000):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        expected: list[tuple[int, list[str]]] = []
        for i, line in enumerate(lines):
            if line.strip():
                if i == 0 or not lines[i - 1].strip():
                    expected.append((i, []))
                expected[-1][1].append(line)
        assert catalogue._blocks(lines) == expected, lines


def test_field_starts_fast_path_agrees_with_the_chain() -> None:
    """The fast path of _field_starts (names strictly increasing and all known, asked in C) gives what the chain
    search gives, and is left for repeated, unordered or unknown names."""
    rng = random.Random(5)
    known = sorted(catalogue.KNOWN_FIELDS)
    for _ in range(3000):
        names = sorted(rng.sample(known, rng.randint(1, 12)))
        if rng.random() < 0.5:  # a repeated name, a name out of order, a continuation line, an unknown name
            names.insert(rng.randint(1, len(names)), rng.choice([*known[:5], "", "zeta", names[0]]))
        lines = [f"{name} value" if name else "a continuation" for name in names]
        candidates = [0, *[i for i, name in enumerate(names) if name and i]]
        chain = catalogue._heaviest_increasing(candidates, names)
        assert catalogue._field_starts(names, lines) == chain, names


@pytest.mark.parametrize(("head", "is_dump"), [
    ("id pubmed-1\n", True), ("Cargando…\n\nTitle\n_version_ 17846\nauthor Cazzato, R\n", True),
    ("x\nspelling pubmed-1 2020\n", True), ("title  x", False), ("x id pubmed-1\n", False), ("xid pubmed-1", False),
    ("id \n", False), ("id", False), ("x\rid 1", False), ("x\r\nid 1", True), ("x\n\nid 1", True), ("", False)])
def test_sniff_finds_a_field_line_at_the_start_or_after_a_new_line(head: str, is_dump: bool) -> None:
    """What ``^`` with re.M matches: the start of the text, or just after a new line (a CR alone is none: the
    registry turns CRs into new lines before sniffing); a field name, a space and then a value."""
    assert catalogue.sniff(head) is is_dump


def test_identifiers_and_links_from_the_urls() -> None:
    """The first url that names each identifier gives it (a doi.org url whose DOI does not read gives none, and the
    next one may), and every url that names none and is safe is a link of its own (that doi.org url too)."""
    urls = ("https://example.org/record/1", "https://www.ncbi.nlm.nih.gov/pubmed/123", "https://doi.org/10.x/unread",
            "https://www.ncbi.nlm.nih.gov/pubmed/456", "http://dx.doi.org/10.1172/JCI1", "javascript:alert(1)",
            "https://europepmc.org/articles/pmc99")
    record = Record(catalogue.FORMAT, SourceSpan("r.txt", 1), (Field("id", ("x-1",), 1), Field("url", urls, 2)), ())
    (pmid, pmcid, doi), links = catalogue_article.identifiers(FieldIndex(record))
    assert (pmid, pmcid, doi) == ("123", "PMC99", "10.1172/JCI1")
    assert [(link.label, link.url) for link in links] == [("example.org", "https://example.org/record/1"),
                                                          ("doi.org", "https://doi.org/10.x/unread")]
