"""Reader for BibTeX (Scopus, Web of Science, Zotero, hand-written ``.bib`` files).

A sample (Scopus style; Web of Science doubles the braces, ``Title = {{…}}``, and writes LaTeX escapes)::

    @ARTICLE{Tracz2019,
    author={Tracz, W. and Ciurzycki, W. and Kwaśny, Ł. and Marciszewska, K.},
    title={Black Woodpecker (Dryocopus martius) …},
    journal={Forest Ecology and Management},
    year={2019},
    document_type={Article},
    }

Splitting the file into entries and fields is bibtexparser's (v2): it knows the grammar, keeps going after a
broken entry and tells the line of every entry and field. A Record keeps each field's value as written inside its
outer braces or quotes (``@string`` abbreviations resolved), under the field name as written; the entry type
and key come first as the fields ``ENTRYTYPE`` and ``ID`` (bibtexparser v1's names), at the entry's line.
LaTeX (``{\\'e}``, ``{\\L}``, ``\\&``) is decoded, with pylatexenc, only when the Article is made.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import bibtexparser
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)
from pylatexenc.latex2text import LatexNodes2Text

from .. import identifiers as ids
from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import Article, Field, Person, Record
from ..normalize import clean, iso_date
from . import citation as cite

FORMAT = "bibtex"

# bibtexparser logs each broken entry; read() reports them as diagnostics, so its log stays quiet unless the
# application configures logging itself.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_SNIFF = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)


def sniff(head: str) -> bool:
    """Does the start of a file hold a BibTeX entry (``@article{``, ``@Book (``)?"""
    return bool(_SNIFF.search(head.removeprefix("\ufeff")))


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every entry of one BibTeX file, and the problems found (a broken entry is reported, the rest are kept)."""
    text = re.sub(r"\r\n?", "\n", text.removeprefix("\ufeff"))
    # No middleware: values keep their enclosing braces here, and _value() removes them the same way for every
    # entry, the broken ones included (bibtexparser's middleware skips those).
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = _strings(library.blocks)
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        entry = block.ignore_error_block if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock) \
            else block
        if isinstance(entry, Entry):
            records.append(_record(entry, path, strings))
            diagnostics.extend(_duplicates(block, entry, path, line, first_line))
            first_line.setdefault(entry.key, line)
        elif isinstance(block, ParsingFailedBlock):
            diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, line), _failure(block, line)))
    if not records and not diagnostics and text.strip():
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, 1),
                                      "no BibTeX entries: an entry starts with '@type{key,' at the start of a line"))
    return records, diagnostics


def _record(entry: Entry, path: str, strings: dict[str, str]) -> Record:
    line = (entry.start_line or 0) + 1
    entry_type = re.match(r"@\s*(\w+)", entry.raw or "")
    head = (Field("ENTRYTYPE", (entry_type.group(1) if entry_type else entry.entry_type,), line),
            Field("ID", (entry.key,), line))
    fields = tuple(Field(f.key, (_value(str(f.value), strings),), f.start_line + 1) for f in entry.fields)
    return Record(FORMAT, SourceSpan(path, line), head + fields)


def _duplicates(block: object, entry: Entry, path: str, line: int, first_line: dict[str, int]) -> list[Diagnostic]:
    """Warnings for a field repeated in the entry and for a key used before (bibtexparser misses a key whose
    first entry had a repeated field, so keys are checked here)."""
    found = []
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        found.append(Diagnostic(Level.WARNING, SourceSpan(path, line),
                                f"field '{names}' appears more than once in entry '{entry.key}'; every value is "
                                f"kept and the first one is used"))
    if entry.key in first_line:
        found.append(Diagnostic(Level.WARNING, SourceSpan(path, line),
                                f"the entry key '{entry.key}' is used again (first at line {first_line[entry.key]}); "
                                f"both entries are kept"))
    return found


def _failure(block: ParsingFailedBlock, line: int) -> str:
    """What went wrong with a broken entry, in the file's 1-based lines (bibtexparser counts from 0)."""
    raw = block.raw or ""
    key = re.match(r"@\s*\w+\s*[{(]\s*([^,\s]*)", raw)
    name = f"entry '{key.group(1)}'" if key and key.group(1) else "an entry"
    error = block.error
    reason = error.abort_reason.strip() if isinstance(error, BlockAbortedException) else str(error)
    end = line + raw.rstrip("\n").count("\n")
    return (f"{name} could not be read: {reason} (reading stopped at line {end}); a '{{' or '\"' is probably "
            f"not closed. It was skipped; the entries after it were read")


def _strings(blocks: list[Block]) -> dict[str, str]:
    """``@string`` abbreviations by lower-case name, each resolved against the ones before it."""
    strings: dict[str, str] = {}
    for block in blocks:
        if isinstance(block, String):
            strings[block.key.lower()] = _value(str(block.value), strings)
    return strings


def _value(raw: str, strings: dict[str, str]) -> str:
    """A field value without its outer braces or quotes, ``#`` concatenations joined, abbreviations resolved."""
    parts = []
    for piece in _top_level_split(raw.strip()):
        piece = piece.strip()
        if len(piece) >= 2 and piece[0] == "{" and piece[-1] == "}" or len(piece) >= 2 and piece[0] == piece[-1] == '"':
            parts.append(piece[1:-1])
        else:
            parts.append(strings.get(piece.lower(), piece))
    return "".join(parts)


def _top_level_split(raw: str) -> list[str]:
    """``raw`` cut at each ``#`` outside braces and quotes."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    return pieces


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

_LATEX_MARKS = re.compile(r"[\\{}$]")
_SIMPLE_ESCAPE = re.compile(r"\\([&%$#_])")


@lru_cache(maxsize=1)
def _latex_converter() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text")


def latex_to_text(value: str) -> str:
    """Plain text from a BibTeX value: ``Kwa{\\'s}ny, {\\L}.`` → ``Kwaśny, Ł.``; braces dropped, spaces collapsed.

    Exports such as Scopus write plain UTF-8 with bare ``%`` and ``&``, which LaTeX would read as a comment and
    a column break; they are escaped first so that they survive as the characters they mean.
    """
    value = _without_outer_braces(value.strip())
    if not _LATEX_MARKS.search(value):
        return clean(value)
    # pylatexenc reads a character at a time (17 ms for one long abstract); escaped specials and case-protecting
    # braces, nearly all the LaTeX that exports write, need no parser.
    simple = _SIMPLE_ESCAPE.sub(r"\1", value)
    if "\\" not in simple and "$" not in simple:
        return clean(simple.replace("{", "").replace("}", ""))
    escaped = re.sub(r"(?<!\\)([%&#])", r"\\\1", value)
    try:
        return clean(_latex_converter().latex_to_text(escaped))
    except Exception:  # noqa: BLE001 - pylatexenc is tolerant, but a value must never stop the build
        return clean(value.replace("{", "").replace("}", ""))


def _without_outer_braces(value: str) -> str:
    """``{Title}`` → ``Title`` while one pair of braces encloses the whole value (case protection only)."""
    while value.startswith("{") and value.endswith("}") and _encloses(value):
        value = value[1:-1].strip()
    return value


def _encloses(value: str) -> bool:
    depth = 0
    for i, char in enumerate(value):
        depth += (char == "{") - (char == "}")
        if depth == 0 and i < len(value) - 1:
            return False
    return True


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one BibTeX entry."""
    f = _Fields(record)
    problems: list[Diagnostic] = []
    title = f.text("title", "booktitle")
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, "entry has no title field; shown as 'Untitled record'"))
    url_pmid, url_pmc, url_doi = ids.ids_from_urls([f.plain("url")])
    doi = ids.doi_from(f.plain("doi")) or url_doi
    pmid = ids.pmid_from(f.plain("pmid", "pubmed_id", "pubmed-id")) or url_pmid
    pmc = ids.pmcid_from(f.plain("pmcid")) or url_pmc
    body, rights = cite.split_copyright(f.text("abstract"))
    lay, abstract = cite.sections(body)
    orcids = cite.orcids_by_name(f.raw("orcid-numbers") or f.raw("orcid"))
    article = Article(
        id=cite.article_id(pmc, pmid, doi, f.plain("ID"), title, FORMAT),
        title=title or "Untitled record",
        authors=cite.with_orcids(_people(f.raw("author")), orcids),
        journal=f.text("abbrev_source_title", "journal-iso", "shortjournal", "journalabbreviation")
        or f.text("journal", "journaltitle"),
        date=_date(f),
        publisher=f.text("publisher"),
        languages=cite.languages([f.text("language", "langid")]),
        topics=cite.review_topics([f.text("document_type", "type")]),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract,
        rights=f.text("copyright") or rights,
        links=cite.links([f.plain("url")]),
        volume=f.text("volume"), issue=f.text("number", "issue"),
        pages=cite.page_range(f.plain("pages") or f.plain("art_number", "article-number", "eid")),
        keywords=cite.split_keywords(latex_to_text(f.raw(k)) for k in (
            "author_keywords", "keywords", "keywords-plus")),
        records=(record,),
    )
    return article, problems


class _Fields:
    """An entry's fields by lower-case name (BibTeX names are case-insensitive); the first of a repeat wins."""

    def __init__(self, record: Record) -> None:
        self.values: dict[str, str] = {}
        for field in record.fields:
            key = field.name if field.name in ("ENTRYTYPE", "ID") else field.name.lower()
            if field.values:
                self.values.setdefault(key, field.values[0])

    def raw(self, *names: str) -> str:
        return next((self.values[n] for n in names if self.values.get(n, "").strip()), "")

    def plain(self, *names: str) -> str:
        """An identifier, number or url: protective braces (Web of Science's ``{{10.3375/…}}``) removed."""
        return clean(self.raw(*names).replace("{", "").replace("}", ""))

    def text(self, *names: str) -> str:
        return latex_to_text(self.raw(*names))


def _people(value: str) -> tuple[Person, ...]:
    """Authors from an "and"-separated BibTeX name list ("von Last, Jr, First" or "First von Last")."""
    people = []
    for name in split_multiple_persons_names(value):
        parts = parse_single_name_into_parts(name, strict=False)
        family = latex_to_text(" ".join([*parts.von, *parts.last]))
        given, suffix = latex_to_text(" ".join(parts.first)), latex_to_text(" ".join(parts.jr))
        if not given:
            # "{World Health Organization}": a group, or a person known by one name only.
            people.append(Person(name=family or latex_to_text(name)))
            continue
        shown = ", ".join(p for p in (family, given, suffix) if p)
        people.append(Person(name=shown, family=family, given=given, suffix=suffix))
    return tuple(p for p in people if p.name)


def _date(f: _Fields) -> str:
    """From a biblatex ``date`` ("2019-10-05"), else ``year`` with ``month`` ("oct", "10", "OCT") and ``day``."""
    exact = iso_date(f.plain("date"))
    month = f.plain("month")
    # Web of Science writes the day into the month: "JUN 8".
    day = f.plain("day") or (m.group(1) if (m := re.fullmatch(r"[A-Za-z]{3,}\.? (\d{1,2})", month)) else "")
    parts = cite.date_from_parts(f.plain("year"), month, day)
    return cite.best_date(parts, exact) if parts else exact
