"""What the fuzzers feed and check: every reader as a target (bytes in; records, articles and diagnostics out;
never an exception), the real records each starts from, and the mutations made of them.

A target takes the bytes of one file and runs what a build runs on it: the reader, then the article of each
record (readers.to_article), or the parser of a settings or summary file. It returns how many records (or
settings) it read and raises only when something is wrong: an exception from the code under test, or a
diagnostic that names no place in the file.

The same mutations serve the Hypothesis tests (tests/test_fuzz_readers.py, drawn by Hypothesis, which shrinks a
failure to its smallest form) and the long run (tests/fuzz/run.py, drawn by a seeded random generator).
"""

from __future__ import annotations

import atexit
import codecs
import dataclasses
import functools
import gzip
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder import readers
from site_builder.config import load_config
from site_builder.diagnostics import Diagnostic, UserError
from site_builder.model.article import Article, Record
from site_builder.model.normalize import UNSHOWABLE
from site_builder.model.normalize import shown as in_page
from site_builder.model.people_rules import parse_rules
from site_builder.prose.summaries import parse_summary
from site_builder.readers import (
    bibtex,
    catalogue,
    citavi,
    crossref_json,
    csl_json,
    embase_text,
    endnote,
    endnote_xml,
    eric_json,
    europepmc_json,
    jats,
    marc,
    medline,
    mods,
    msbib,
    openalex_json,
    ovid,
    plos_json,
    pop_json,
    pubmed_csv,
    pubmed_xml,
    refworks_tagged,
    ris,
    scopus_csv,
    vufind_json,
)

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data"
CORPUS = TESTS.parents[1] / "shared" / "corpus"
SEED_BYTES = 24_000
"""A seed longer than this is cut to its start: small inputs make many more runs, and a cut file is a fine
input in itself."""


class Broken(AssertionError):
    """What the code under test gave is wrong although it raised nothing (a diagnostic without a place)."""


def _checked(diagnostics: Sequence[Diagnostic], shown: str) -> None:
    for d in diagnostics:
        if not isinstance(d, Diagnostic) or d.where.path != shown or d.where.line < 0 or not d.message:
            raise Broken(f"a diagnostic that names no place in {shown}: {d!r}")


def _articles(records: Sequence[Record], shown: str) -> None:
    for record in records:
        if not isinstance(record, Record):
            raise Broken(f"not a Record: {record!r}")
        article, problems = readers.to_article(record)
        if not isinstance(article, Article):
            raise Broken(f"not an Article: {article!r}")
        _checked(problems, shown)
        _typed_and_raw(article)


def _showable(value: object) -> None:
    """Every string in ``value`` can be written in a page or a feed: UTF-8, no control characters; a record's
    raw values as a page shows them (normalize.shown)."""
    for text in _texts(value):
        if UNSHOWABLE.search(text):
            raise Broken(f"a value no page can hold: {text!r}")


def _typed_and_raw(article: Article) -> None:
    _showable(dataclasses.replace(article, records=()))
    for text in _texts(article.records):
        if UNSHOWABLE.search(in_page(text)):
            raise Broken(f"a record's value no page can hold: {text!r}")


def _texts(value: object) -> Iterator[str]:
    """Every string inside an Article (its Record, people, sections… included)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)


def text_reader(read: Callable[[str, str], tuple[list[Record], list[Diagnostic]]], suffix: str
                ) -> Callable[[bytes], int]:
    """A reader of text: the bytes decoded as a build decodes them (readers.decode), read, and made articles."""
    shown = f"content/fuzz{suffix}"

    def run(data: bytes) -> int:
        text, problems = readers.decode(data, shown)
        records, found = read(text, shown)
        _checked([*problems, *found], shown)
        _articles(records, shown)
        return len(records)

    return run


def bytes_reader(read: Callable[[bytes, str], tuple[list[Record], list[Diagnostic]]], suffix: str
                 ) -> Callable[[bytes], int]:
    """A reader of bytes (XML declares its own encoding), and the articles of what it read."""
    shown = f"content/fuzz{suffix}"

    def run(data: bytes) -> int:
        records, found = read(data, shown)
        _checked(found, shown)
        _articles(records, shown)
        return len(records)

    return run


def chosen_reader(name: str) -> Callable[[bytes], int]:
    """A file named ``name`` of any content: its reader chosen as a build chooses it (suffix, then content)."""
    shown = f"content/{name}"

    def run(data: bytes) -> int:
        records, found = readers.read_data(data, Path(name), shown)
        _checked(found, shown)
        _articles(records, shown)
        return len(records)

    return run


any_file = chosen_reader("fuzz.txt")
"""A file of any content named .txt."""
table_file = chosen_reader("fuzz.csv")
"""A file named .csv: the reader chosen by its header (the table exports of readers/table_exports.py)."""


def summary(data: bytes) -> int:
    shown = "content/summaries/fuzz.md"
    found, problems = parse_summary(data.decode("utf-8", errors="replace"), shown)
    _checked(problems, shown)
    _showable(found)
    return int(found is not None)


def authors_toml(data: bytes) -> int:
    shown = "authors.toml"
    rules, problems = parse_rules(data.decode("utf-8-sig", errors="replace"), shown)
    _checked(problems, shown)
    return len(rules.merge) + len(rules.keep_apart)


@functools.cache
def _config_folder() -> Path:
    """A folder of this process's own for site.toml (in memory where the system has /dev/shm)."""
    memory = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix=f"fuzz-config-{os.getpid()}-", dir=memory if memory.is_dir() else None))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # each test run and fuzz job left one behind
    return folder


def site_toml(data: bytes) -> int:
    """site.toml: a config, or a UserError saying what is wrong (the command line prints it, exit 2)."""
    folder = _config_folder()
    (folder / "site.toml").write_bytes(data)
    try:
        load_config(folder)
    except UserError as err:
        if not str(err):
            raise Broken("a UserError with no message") from err
        return 0
    return 1


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes], int]
    seeds: tuple[str, ...]
    """Globs under tests/data and ../shared/corpus."""
    tokens: tuple[bytes, ...]
    """The format's own marks, which mutations insert: a record's start and end, a tag, a bracket."""
    seed_bytes: int = SEED_BYTES
    """Where a seed is cut: a Citavi project's references come after its tables of people and keywords."""
    unzipped: bool = False
    """Seeds that are zips of one file (Citavi's backups) are that file."""


XML_TOKENS = (b"<", b">", b"</", b"/>", b"&", b"&amp;", b"&#0;", b"&#x110000;", b"<![CDATA[", b"]]>", b"<!--",
              b"-->", b'"', b"'", b"=", b"<?xml version='1.0' encoding='UTF-16'?>", b"<!DOCTYPE a [",
              b'<!ENTITY e "&e;&e;">', b"&e;", b"xmlns:mml=", b"<i>", b"</i>", b"<sup>")
JSON_TOKENS = (b"{", b"}", b"[", b"]", b'"', b":", b",", b"null", b"true", b"1e999", b"-0", b'"type"',
               b'"author"', b'"issued"', b'{"date-parts": [[', b'"literal"', b"\\u0000", b"\\ud800", b'"title"',
               b'"message"', b"HTTP/1.1 200 OK\r\n\r\n")
TEXT_TOKENS = (b"\n", b"\r\n", b"\r", b"\t", b" ", b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xc3", "\u2028".encode(),
               "\u202e".encode(), "\U0001f600".encode(), b"  - ", b"- ", b"--")

TARGETS: tuple[Target, ...] = (
    Target("catalogue", text_reader(catalogue.read, ".txt"), ("catalogue-dump/*.txt", "merge/*.txt"),
           (b"id ", b"title ", b"author ", b"spelling ", b"description ", b"url ", b"Autor", b"Author",
            b"Title", b"T\xc3\xadtulo", b"topic ", b"publishDate ", b"format ", b"doi_str_mv ", b"language ")),
    Target("medline", text_reader(medline.read, ".nbib"), ("medline-nbib/*", "merge/*.nbib"),
           (b"PMID- ", b"TI  - ", b"AU  - ", b"FAU - ", b"DP  - ", b"AB  - ", b"LID - ", b"AID - ",
            b"AUID- ORCID: ", b"PT  - ", b"MH  - ", b"JT  - ", b"TA  - ", b"      ", b"LA  - ", b"PMC - ")),
    Target("pubmed-xml", bytes_reader(pubmed_xml.read_bytes, ".xml"), ("pubmed-xml/*.xml", "merge/*pubmed.xml"),
           (*XML_TOKENS, b"<PubmedArticle>", b"</PubmedArticle>", b"<ArticleTitle>", b"<Author>", b"<LastName>",
            b"<PubDate>", b"<Year>", b'<ArticleId IdType="doi">', b"<AbstractText Label=")),
    Target("jats", bytes_reader(jats.read_bytes, ".xml"), ("jats-xml/*.xml", "jats-xml/*.nxml"),
           (*XML_TOKENS, b"<article>", b"<front>", b"<article-meta>", b"<contrib", b"<name>", b"<surname>",
            b"<pub-date", b'<article-id pub-id-type="doi">', b"<abstract>", b"<sec>", b"<title>", b"<xref")),
    Target("ris", text_reader(ris.read, ".ris"), ("ris/*", "merge/*.ris"),
           (b"TY  - JOUR", b"ER  - ", b"TI  - ", b"AU  - ", b"PY  - ", b"DO  - ", b"AB  - ", b"UR  - ",
            b"FN ", b"PT J", b"AU ", b"TI ", b"ER", b"EF", b"   ", b"TY - ", b"Y1  - ")),
    Target("ovid", text_reader(ovid.read, ".ovd"), ("ovid/*",),
           (b"<1. >", b"<2>", b"VN  - ", b"DB  - ", b"UI  - ", b"TI  - ", b"AU  - ", b"SO  - ", b"YR  - ",
            b"AB  - ", b"DO  - ", b"PT  - ", b"     ")),
    Target("endnote", text_reader(endnote.read, ".enw"), ("endnote/*.enw",),
           (b"%0 Journal Article", b"%0 Book Section", b"%0 ", b"%T ", b"%A ", b"%D ", b"%8 ", b"%J ", b"%B ",
            b"%X ", b"%K ", b"%R ", b"%U ", b"%M ", b"%~ NLM", b"%", b",\n", b"\n\n")),
    Target("endnote-xml", bytes_reader(endnote_xml.read_bytes, ".xml"), ("endnote-xml/*.xml", "merge/*endnote.xml"),
           (*XML_TOKENS, b"<record>", b"</record>", b'<style face="normal" font="default" size="100%">',
            b'<style face="italic">', b"</style>", b"<titles><title>", b"<secondary-title>", b"<author>",
            b'<ref-type name="Book Section">5</ref-type>', b"<ref-type>17</ref-type>", b"<year>", b"<date>",
            b"&#xD;", b"<electronic-resource-num>", b"<accession-num>", b"<custom2>", b"<url>")),
    Target("refworks-tagged", text_reader(refworks_tagged.read, ".txt"), ("refworks-tagged/*.txt",),
           (b"RT Journal Article", b"RT Book, Section", b"RT ", b"A1 ", b"A2 ", b"T1 ", b"T2 ", b"JF ", b"YR ",
            b"FD ", b"SP ", b"OP ", b"K1 ", b"PMID ", b"BEGIN EXPORTED REFERENCES", b"null", b",", b"\r\n")),
    Target("embase-text", text_reader(embase_text.read, ".txt"), ("embase-text/*.txt",),
           (b"RECORD 1\n", b"RECORD 2\n", b"TITLE\n", b"AUTHOR NAMES\n", b"SOURCE\n", b"ISSN\n", b"  ", b" \n",
            b"DATE OF PUBLICATION\n", b"MEDLINE PMID\n", b"ORIGINAL (NON-ENGLISH) TITLE\n", b"; ", b"\r\n")),
    Target("mods", bytes_reader(mods.read_bytes, ".xml"), ("mods/*.xml",),
           (*XML_TOKENS, b"<mods>", b"</mods>", b'<modsCollection xmlns="http://www.loc.gov/mods/v3">', b"<titleInfo>",
            b"<title>", b'<name type="personal">', b'<namePart type="family">', b'<relatedItem type="host">',
            b"<part>", b'<detail type="volume">', b"<number>", b'<extent unit="pages">', b"<start>", b"<dateIssued>",
            b'<identifier type="doi">', b"<roleTerm>editor</roleTerm>", b"mods:")),
    Target("msbib", bytes_reader(msbib.read_bytes, ".xml"), ("msbib/*.xml",),
           (*XML_TOKENS, b"<b:Source>", b"</b:Source>", b"<b:Sources xmlns:b=\"" + msbib.NAMESPACE.encode() + b"\">",
            b"<b:SourceType>BookSection</b:SourceType>", b"<b:Title>", b"<b:Author>", b"<b:NameList>", b"<b:Person>",
            b"<b:Last>", b"<b:First>", b"<b:Corporate>", b"<b:Year>", b"<b:Month>", b"<b:Day>", b"<b:LCID>",
            b"<b:Pages>", b"<b:DOI>", b"<b:URL>", b"b:")),
    Target("citavi", bytes_reader(citavi.read_bytes, ".xml"), ("citavi/*.ctv6bak",),
           (*XML_TOKENS, b"<CitaviExchangeData>", b"<References>", b'<Reference id="', b"</Reference>",
            b"<Persons>", b'<Person id="', b"<LastName>", b"<ReferenceAuthors>", b"<OnetoN>", b"</OnetoN>", b";",
            b":", b"<ReferenceReferences>", b"<ReferenceID>", b"<PeriodicalID>", b"<ReferenceType>Contribution",
            b"<PageRange><![CDATA[<sp><n>1</n><os>1</os></sp><os>1-2</os>]]></PageRange>", b"<Year>",
            b"0781d673-88c9-4c66-8eda-e3a6877cde78", b"900c9668-c2d9-4fa2-8ef6-c2b7a502ee2f"),
           seed_bytes=200_000, unzipped=True),
    Target("citavi-backup", bytes_reader(citavi.read_bytes, ".ctv6bak"), ("citavi/*.ctv6bak",),
           (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff\xff\xff\xff", b"\x00\x00", b"\x08\x00"),
           seed_bytes=200_000),
    Target("marc-xml", bytes_reader(marc.read_bytes, ".xml"), ("marc/*.xml",),
           (*XML_TOKENS, b'<collection xmlns="http://www.loc.gov/MARC21/slim">', b"<record>", b"</record>",
            b"<leader>", b'<controlfield tag="008">', b'<datafield tag="245" ind1="1" ind2="0">',
            b'<datafield tag="773" ind1="0" ind2=" ">', b'<subfield code="g">', b'<subfield code="a">',
            b"</subfield>", b"</datafield>", b"Vol. 12, no. 3 (2020), p. 45-67", b"marc:", b"<zs:record>")),
    Target("marc-binary", bytes_reader(marc.read_bytes, ".mrc"), ("marc/*.mrc",),
           (b"\x1d", b"\x1e", b"\x1f", b"\x1fa", b"\x1b(B", b"\x1b$1", b"\x1b", b"\xe8", b"\xe2e", b"\xc3\xbc",
            b"00000nam a2200000 a 4500", b"00000naa  2200000 a 4500", b"99999", b"2450010", b"7730", b"\x00")),
    Target("bibtex", text_reader(bibtex.read, ".bib"), ("bibtex/*.bib",),
           (b"@article{", b"@string{", b"@comment{", b"@preamble{", b"}", b"{", b",", b"=", b'"', b"#",
            b"\\", b"\\'", b"{\\\"o}", b"$", b"author = ", b"title = ", b" and ", b"others", b"%")),
    Target("csl-json", text_reader(csl_json.read, ".json"), ("csl-json/*.json", "merge/*.json"), JSON_TOKENS),
    Target("vufind-json", text_reader(vufind_json.read, ".json"), ("vufind-solr-json/*.json",),
           (*JSON_TOKENS, b'"response"', b'"docs"', b'"records"', b'"fullrecord"', b'"author"', b'"title"')),
    Target("plos-json", text_reader(plos_json.read, ".json"), ("plos-json/*.json",),
           (*JSON_TOKENS, b'"response"', b'"docs"', b'"title_display"', b'"author_display"', b'"publication_date"',
            b'"2014-06-10T00:00:00Z"', b'"abstract"', b'"id"', b'"10.1371/journal.pone.0000001"')),
    Target("crossref-json", text_reader(crossref_json.read, ".json"), ("crossref/*.json",),
           (*JSON_TOKENS, b'"message-type":"work-list"', b'"message"', b'"items"', b'"author"', b'"issn-type"',
            b'"date-parts":[[2022,6]]', b'"date-parts":[[null]]', b'"<jats:p>', b'"name"', b'"article-number"')),
    Target("openalex-json", text_reader(openalex_json.read, ".json"), ("openalex-json/*.json",),
           (*JSON_TOKENS, b'"results"', b'"authorships"', b'"author"', b'"raw_author_name"', b'"orcid"',
            b'"abstract_inverted_index"', b'{"a":[0,2],"b":[1]}', b'"primary_location"', b'"host_venue"', b'"biblio"',
            b'"publication_date":"2018-02-01"', b'"is_retracted":true', b'null')),
    Target("europepmc-json", text_reader(europepmc_json.read, ".json"), ("europepmc-json/*.json",),
           (*JSON_TOKENS, b'"resultList"', b'"result"', b'"authorList"', b'"journalInfo"', b'"dateOfPublication"',
            b'"2014 Nov-Dec"', b'"collectiveName"', b'"meshHeadingList"', b'"<h4>Methods</h4>"', b'"authorString"')),
    Target("eric-json", text_reader(eric_json.read, ".json"), ("eric-json/*.json",),
           (*JSON_TOKENS, b'"response"', b'"docs"', b'"publicationdateyear"', b'"peerreviewed"', b'"id":"ED1"',
            b'"publicationtype"', b'"EISSN-2618-6586"', b'"author"')),
    Target("pop-json", text_reader(pop_json.read, ".json"), ("pop-json/*.json",),
           (*JSON_TOKENS, b'"title"', b'"authors"', b'"source"', b'"cites"', b'"ecc"', b'"startpage"', b'"...",',
            b'"year": 0', b'\xe2\x80\xa6', b"}\n{", b'{"title": "T", "authors": [], "cites": 0, "ecc": 0}\n')),
    Target("pubmed-csv", text_reader(pubmed_csv.read, ".csv"), ("pubmed-csv/*.csv",),
           (b'"', b'""', b",", b";", b"sep=;\n", b'","', b"\n", b"\r\n",
            b"PMID,Title,Authors,Citation,First Author,Journal/Book\n", b"PMID;Title;Authors;Citation\n",
            b". 2022 Jan-Feb 01;27(1):19-25.", b" Epub 2021 Oct 12.", b"Smith J, ", b"\xef\xbb\xbf")),
    Target("scopus-csv", text_reader(scopus_csv.read, ".csv"), ("scopus-csv/*.csv",),
           (b'"', b'""', b",", b'","', b";", b"\t", b"\n", b"\r\n", b"\r", b"sep=;\n", b"\xef\xbb\xbf",
            b'"Title","Source title","EID"\n', b"[No abstract available]", b"; ", b" (57190394669)", b"Smith J.; ",
            b"Conference Paper", b"Book Chapter")),
    Target("table-csv", table_file, ("table-csv/*.csv", "table-csv/*.tsv", "table-csv/*.txt"),
           (b'"', b'""', b",", b";", b"\t", b"|", b"\n", b"\r\n", b" and ", b"None", b"nan", b"sep=,\n",
            b"\xef\xbb\xbf", b"Key,Item Type,Publication Year,Author,Title,Publication Title\n",
            b"Lens ID,Title,Author/s\n", b"id,doi,display_name,publication_year\n", b"bookSection", b"PMID: 1\n",
            b"https://doi.org/10.1/x", b"Abstract ", b"About the data: x\n",
            b"Publication Type,Authors,Article Title,Source Title,UT (Unique WOS ID),ORCIDs,Early Access Date\n",
            b"Publication ID,Title,Source title,PubYear\n", b"Smith, Jo/0000-0002-1825-0097; ")),
    Target("summary", summary, ("summaries/*.md",),
           (b"---\n", b"id: ", b"doi: ", b"pmid: ", b"pmcid: ", b"by: ", b"date: ", b"verdict: ", b"topics: ",
            b"[", b"]", b"{", b"}", b"!!python/object", b"&a", b"*a", b"<<: ", b"<script>", b"](javascript:",
            b"\t", b": ", b"- ", b"'", b'"', b"|", b">")),
    Target("site-toml", site_toml, ("site/*.toml",),
           (b"title = ", b"base_url = ", b"cname = ", b"strict = ", b"references = ", b"[", b"]", b"=", b'"',
            b"'", b'"""', b"true", b"1979-05-27", b"inf", b"nan", b"#", b"\\u0000", b"\\")),
    Target("authors-toml", authors_toml, ("site/authors*.toml",),
           (b"[[merge]]\n", b"[[keep_apart]]\n", b"names = [", b"]", b'"', b",", b"=", b"{", b"}", b"'", b"#",
            b"\\", b"\\u00e9")),
    Target("any-file", any_file, ("*/*",), (*TEXT_TOKENS, b"\x1f\x8b", b"<PubmedArticleSet>", b"TY  - ",
                                            b"PMID- ", b"@article{", b"[{", b"<1. >", b"%0 ", b"PMID,Title,")),
)
BY_NAME = {target.name: target for target in TARGETS}

SITE_FILES = {
    # Real settings and rules, as the README documents them (no shared corpus holds these files).
    "site/site.toml": (TESTS.parent / "site.toml").read_bytes() if (TESTS.parent / "site.toml").is_file() else b"",
    "site/defaults.toml": b'title = "Review summaries"\ndescription = "A collection."\nbase_url = '
                          b'"https://user.github.io/repo/"\nlanguage = "en"\noutput = "_site"\ncname = ""\n'
                          b"references = true\ndownloads = true\nstrict = false\n",
    "site/authors.toml": b'[[merge]]\nnames = ["Cazzato, R", "Cazzato, Roberto Luigi"]\n\n'
                         b'[[keep_apart]]\nnames = ["Wang, Li", "Wang, L"]\n',
}


@functools.cache
def seeds(name: str) -> tuple[bytes, ...]:
    """The real inputs a target starts from: files of tests/data (and of the shared corpus, when it is beside
    the repository) matching its globs, each cut to SEED_BYTES; gzipped files unzipped first."""
    target = BY_NAME[name]
    found: list[bytes] = []
    for pattern in target.seeds:
        if pattern.startswith("site/"):
            found += [data for key, data in SITE_FILES.items() if Path(key).match(pattern) and data]
            continue
        if pattern.startswith("summaries/"):
            found += [p.read_bytes() for p in sorted((TESTS.parent / "content" / "summaries").glob("*.md"))]
            continue
        for root in (DATA, CORPUS):
            for path in sorted(root.glob(pattern)) if root.is_dir() else []:
                if path.is_file() and path.name not in ("SOURCE.md", "README.md"):
                    data = path.read_bytes()
                    if data[:2] == b"\x1f\x8b":
                        data = gzip.decompress(data)
                    if target.unzipped and data[:4] == citavi.ZIP_MAGIC:
                        with zipfile.ZipFile(io.BytesIO(data)) as archive:
                            data = archive.read(archive.namelist()[0])
                    found.append(data[:target.seed_bytes])
    return tuple(dict.fromkeys(found))  # each once, in a fixed order


# --- mutations ----------------------------------------------------------------------------------------------------

MUTATIONS = ("cut", "truncate", "duplicate", "swap-lines", "repeat-line", "drop-line", "flip-bits", "set-byte",
             "insert-bytes", "insert-token", "splice", "encoding", "line-ends", "repeat-token")
ENCODINGS = ("utf-16", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig", "shift_jis", "koi8-r")


def mutate(data: bytes, kind: str, a: int, b: int, payload: bytes, tokens: Sequence[bytes],
           other: bytes) -> bytes:
    """One mutation of ``data``. ``a`` and ``b`` choose places (taken modulo the length), ``payload`` is what to
    write, ``tokens`` the format's marks, ``other`` another seed to splice from."""
    n = len(data)
    at = a % (n + 1)
    if kind == "cut":
        return data[:at] + data[at + b % 4096:]
    if kind == "truncate":
        return data[:at]
    if kind == "duplicate":
        piece = data[at:at + 1 + b % 2048]
        where = b % (n + 1)
        return data[:where] + piece + data[where:]
    if kind in ("swap-lines", "repeat-line", "drop-line"):
        lines = data.splitlines(keepends=True)
        if not lines:
            return data
        i, j = a % len(lines), b % len(lines)
        if kind == "swap-lines":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "repeat-line":
            lines[i:i] = [lines[i]] * (1 + b % 3)
        else:
            del lines[i]
        return b"".join(lines)
    if kind == "flip-bits":
        if not n:
            return payload
        out = bytearray(data)
        out[a % n] ^= 1 << (b % 8)
        return bytes(out)
    if kind == "set-byte":
        if not n:
            return payload
        out = bytearray(data)
        out[a % n] = b % 256
        return bytes(out)
    if kind == "insert-bytes":
        return data[:at] + payload + data[at:]
    if kind in ("insert-token", "repeat-token"):
        token = tokens[b % len(tokens)] if tokens else payload
        times = 1 if kind == "insert-token" else (2 + b % 200) * (1 if b % 3 else 60)  # up to 12,000: nesting
        return data[:at] + token * times + data[at:]
    if kind == "splice":
        start = b % (len(other) + 1)
        return data[:at] + other[start:start + 1 + a % 4096] + data[at:]
    if kind == "encoding":
        encoding = ENCODINGS[b % len(ENCODINGS)]
        text = data.decode("utf-8", errors="replace")
        return codecs.encode(text, encoding, errors="replace")
    if kind == "line-ends":
        return data.replace(b"\r\n", b"\n").replace(b"\n", (b"\r\n", b"\r", b"\n\n", b"\x85")[b % 4])
    raise ValueError(kind)


def mutated(seed: bytes, steps: Sequence[tuple[str, int, int, bytes]], tokens: Sequence[bytes],
            other: bytes) -> bytes:
    for kind, a, b, payload in steps:
        seed = mutate(seed, kind, a, b, payload, tokens, other)
    return seed
