"""Reader for BibTeX (Zotero, Mendeley, EndNote, JabRef, BibDesk, Scopus, Web of Science, hand-written files).

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
LaTeX (``{\\'e}``, ``{\\L}``, ``\\&``, ``--``) is decoded only when the Article is made (``latex.py``), and so are
the conventions of the authors list: ``others`` (EndNote: "et, a. l.") is "et al.", and an organisation
("{World Health Organization}", EndNote's "American College of Surgeons,") keeps its whole name. An entry that
names a parent in the same file (``crossref``, biblatex's ``xdata``) has the fields the parent lends it appended
to its record, each under a name that says so ("date (from crossref Smith2020)"); biblatex's ``subtitle`` and
``titleaddon`` are part of the title, as the other readers' subtitles are.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Sequence
from typing import Any

import bibtexparser
from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
    String,
)

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages, styles
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Field, Person, Record
from ..model.normalize import clean, generation_apart, is_generation, names_a_group, particles_to_family
from ..model.sections import is_heading
from . import shared
from .latex import latex_to_text, style_markers, unknown_macros

__all__ = ["FORMAT", "latex_to_text", "read", "sniff", "to_article"]

FORMAT = "bibtex"

# bibtexparser logs each broken entry; read() reports them as diagnostics, so its log stays quiet unless the
# application configures logging itself.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_SNIFF = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)


def sniff(head: str) -> bool:
    """Does the start of a file hold a BibTeX entry (``@article{``, ``@Book (``)?"""
    return bool(_SNIFF.search(head.removeprefix("\ufeff")))


_KEYLESS = re.compile(r"^([ \t]*@[ \t]*(?!(?:string|preamble|comment)\b)\w+[ \t]*[{(])(?=\s*[\w-]+\s*=)", re.M | re.I)

_WRAPPED_ESCAPE = re.compile(r"(?<!\\)\\\n([ \t]*)([{}])")
_COMMA_IN_KEY = re.compile(r"^([ \t]*@[ \t]*\w+[ \t]*\{)([^,={}\n]+,[^,={}\n]+),[ \t]*$", re.M)
_KEY_COMMA = "\ue001"  # a private-use character: no key holds it, and bibtexparser reads it as part of the key


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every entry of one BibTeX file, and the problems found (a broken entry is reported, the rest are kept)."""
    text = re.sub(r"\r\n?", "\n", text.removeprefix("\ufeff"))
    # EndNote can write an entry with no key ("@article{" and the first field on the next line): it gets an empty
    # one, so that bibtexparser reads it instead of failing on the missing comma.
    text = _KEYLESS.sub(r"\1,", text)
    # Web of Science wraps a long value at a fixed width, even inside an escape ("\\{document\\" and "}" on the
    # next line): the escaped brace is joined again, the line break kept after it so that lines still count.
    text = _WRAPPED_ESCAPE.sub(r"\\\2\n\1", text)
    # Scopus makes a key of a family name with its suffix, comma and all ("@ARTICLE{Ribeiro, Jr2022,"): the comma
    # is held apart while bibtexparser reads the entry, and given back in its key.
    text = _COMMA_IN_KEY.sub(lambda m: m.group(1) + m.group(2).replace(",", _KEY_COMMA) + ",", text)
    # No middleware: values keep their enclosing braces here, and _value() removes them the same way for every
    # entry, the broken ones included (bibtexparser's middleware skips those).
    library = bibtexparser.parse_string(text, parse_stack=[])
    strings = _strings(library.blocks)
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    first_line: dict[str, int] = {}
    lines: list[str] | None = None
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        entry = block.ignore_error_block if isinstance(block, DuplicateBlockKeyBlock | DuplicateFieldKeyBlock) \
            else block
        if isinstance(entry, Entry):
            record, glued = _record(entry, path, strings)
            records.append(record)
            diagnostics.extend(glued)
            diagnostics.extend(_duplicates(block, entry, path, line, first_line))
            first_line.setdefault(entry.key, line)
        elif isinstance(block, ParsingFailedBlock):
            lines = lines if lines is not None else text.split("\n")  # once: a file may hold thousands of these
            recovered = _line_by_line(lines, line - 1, path, strings)
            if recovered is None:
                diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, line), _failure(block, line)))
            else:
                records.append(recovered)
                diagnostics.append(_recovered(block, recovered))
    records, lent = _lend_from_parents(records, path)
    diagnostics.extend(lent)
    if not records and not diagnostics and text.strip():
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, 1),
                                      "no BibTeX entries: an entry starts with '@type{key,' at the start of a line"))
    return records, diagnostics


_LENT = re.compile(r"(\S+) \(from (?:crossref|xdata) .+\)")


def field_name(name: str) -> str:
    """The BibTeX name of a record's field, lower-case: a field an entry takes from its parent is named so
    ("booktitle (from crossref Smith2020)": ``booktitle``, unless the entry has its own)."""
    lent = _LENT.fullmatch(name)
    return (lent[1] if lent else name).lower()


def _value_of(record: Record, name: str) -> str:
    """The first value of a field of ``record``, its name in any case ("Crossref")."""
    return next((f.values[0] for f in record.fields if f.values and f.name.lower() == name), "")

_NOT_LENT = frozenset({"ENTRYTYPE", "ID", "crossref", "xdata", "xref", "ids", "key", "label", "shorthand",
                       "shorttitle", "sorttitle", "indextitle", "sortkey", "options", "related", "entryset"})
"""What a parent never lends (biblatex's rules): its identity and what only names or sorts the parent itself."""

_AS_CONTAINER = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_AS_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_CONTAINED = frozenset({"inbook", "incollection", "inproceedings", "conference", "bookinbook", "suppbook",
                        "suppcollection", "inreference"})


def _lend_from_parents(records: list[Record], path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Each entry with the fields its ``crossref`` or ``xdata`` parent in the same file lends it (a paper its
    proceedings' year, editors and publisher), as BibTeX and biblatex do: every field the entry lacks, and the
    parent's title as the entry's ``booktitle`` (or ``journaltitle``, from a ``@periodical``). A lent field keeps
    its line in the parent, and its name says where it is from, so that the full record shows both."""
    by_key: dict[str, Record] = {}
    for r in records:
        by_key.setdefault(r.first("ID").casefold(), r)
    lent_records: list[Record] = []
    problems: list[Diagnostic] = []
    for record in records:
        lent: list[Field] = []
        for how, parent in _parents(record, by_key, path, problems):
            lent.extend(_lent_fields(record, [*record.fields, *lent], how, parent))
        lent_records.append(Record(FORMAT, record.where, (*record.fields, *lent)) if lent else record)
    return lent_records, problems


def _parents(record: Record, by_key: dict[str, Record], path: str,
             problems: list[Diagnostic]) -> list[tuple[str, Record]]:
    """The entries ``record`` names as its crossref parent and its xdata sources, found in the file."""
    wanted = [("crossref", _value_of(record, "crossref"))]
    wanted += [("xdata", key) for key in _value_of(record, "xdata").split(",")]
    found = []
    for how, key in wanted:
        key = clean(key.replace("{", "").replace("}", ""))
        if not key:
            continue
        parent = by_key.get(key.casefold())
        if parent is None or parent is record:
            line = next((f.line for f in record.fields if f.name.lower() == how), record.where.line)
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, line), (
                f"{how} '{key}' names no other entry of this file: the fields it would lend are missing (an entry "
                "lends only within its own file)")))
            continue
        found.append((how, parent))
    return found


def _lent_fields(record: Record, has: list[Field], how: str, parent: Record) -> list[Field]:
    own = {field_name(f.name) for f in has if f.values and f.values[0].strip()}
    parent_type, child_type = parent.first("ENTRYTYPE").lower(), record.first("ENTRYTYPE").lower()
    renamed = _AS_JOURNAL if parent_type == "periodical" else _AS_CONTAINER if child_type in _CONTAINED else {}
    source = f"(from {how} {parent.first('ID')})"
    offered = [(field.name.lower(), field) for field in parent.fields
               if field.name not in _NOT_LENT and field.name.lower() not in _NOT_LENT and field.values
               and field.values[0].strip() and field_name(field.name) == field.name.lower()]
    if how == "crossref":  # its own booktitle first (classic BibTeX), else its title as one (biblatex)
        offered = [(name, f) for name, f in offered if name not in renamed] + [
            (renamed[name], f) for name, f in offered if name in renamed]
    lent = []
    for name, field in offered:
        if name not in own:
            own.add(name)
            lent.append(Field(f"{name} {source}", field.values, field.line))
    return lent


def _key(entry: Entry) -> str:
    return entry.key.replace(_KEY_COMMA, ",")


def _record(entry: Entry, path: str, strings: dict[str, str]) -> tuple[Record, list[Diagnostic]]:
    """The entry's record, and a warning for each field that follows another without the comma between them."""
    line = (entry.start_line or 0) + 1
    entry_type = re.match(r"@\s*(\w+)", entry.raw or "")
    head = (Field("ENTRYTYPE", (entry_type.group(1) if entry_type else entry.entry_type,), line),
            Field("ID", (_key(entry),), line))
    fields: list[Field] = []
    problems: list[Diagnostic] = []
    for f in entry.fields:
        name, raw, at = f.key, str(f.value), f.start_line + 1
        while glued := _GLUED_FIELD.match(raw.strip()):  # "title = {A}\nfile = {B}": bibtexparser reads one value
            fields.append(Field(name, (_value(glued.group(1), strings),), at))
            at += glued.group(1).count("\n") + 1
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, at), (
                f"no comma between the fields '{name}' and '{glued.group(2)}': read as two fields")))
            name, raw = glued.group(2), glued.group(3)
        fields.append(Field(name, (_value(raw, strings),), at))
    return Record(FORMAT, SourceSpan(path, line), head + tuple(fields)), problems


_GLUED_FIELD = re.compile(r"(\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\"[^\"]*\")[ \t]*\r?\n[ \t]*"
                          r"([A-Za-z][\w:.+-]*)[ \t]*=[ \t]*(.*)\Z", re.S)
"""A braced or quoted value, then on the next line another field's name, "=" and its value."""


def _duplicates(block: object, entry: Entry, path: str, line: int, first_line: dict[str, int]) -> list[Diagnostic]:
    """Warnings for a field repeated in the entry and for a key used before (bibtexparser misses a key whose
    first entry had a repeated field, so keys are checked here)."""
    found = []
    if isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        found.append(Diagnostic(Level.WARNING, SourceSpan(path, line),
                                f"field '{names}' appears more than once in entry '{_key(entry)}'; every value is "
                                f"kept and the first one is used"))
    if entry.key and entry.key in first_line:
        found.append(Diagnostic(Level.WARNING, SourceSpan(path, line),
                                f"the entry key '{_key(entry)}' is used again (first at line {first_line[entry.key]}); "
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


_ENTRY_HEAD = re.compile(r"[ \t]*@[ \t]*(\w+)[ \t]*\{[ \t]*([^,\s{}]*)[ \t]*,[ \t]*")
_FIELD_LINE = re.compile(r"[ \t]*([A-Za-z][\w.:+-]*)[ \t]*=[ \t]*(\S.*?)[ \t]*")
_ESCAPED_BRACE = re.compile(r"\\[{}]")  # as bibtexparser reads them: a brace after a backslash is none
_BARE = re.compile(r"[\w.:+-]+")


def _line_by_line(lines: list[str], start: int, path: str, strings: dict[str, str]) -> Record | None:
    """An entry bibtexparser could not read, read as exporters lay one out: ``@type{key,`` on a line, each field
    ``name = {value},`` from the start of a line (a value may go on over the lines after it), and ``}`` alone on
    the last line. EBSCOhost writes a page's script into Keywords, braces that do not balance and all, which no
    BibTeX reader can follow; the rest of such an entry is sound. None when the entry is not laid out so, or
    when its braces balance (then something else stopped bibtexparser)."""
    head = _ENTRY_HEAD.fullmatch(lines[start]) if start < len(lines) else None
    if head is None:
        return None
    fields: list[list[Any]] = []  # [name, value so far, line]
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.strip() == "}":
            break
        found = _FIELD_LINE.fullmatch(line)
        if found and (not fields or fields[-1][1].rstrip().endswith(",")):
            fields.append([found.group(1), found.group(2), number + 1])
        elif fields and not line.lstrip().startswith("@"):
            fields[-1][1] += "\n" + line
        else:  # a field before any, or the next entry before this one's end
            return None
    else:
        return None
    raws = [raw.rstrip().removesuffix(",") for _, raw, _ in fields]
    # Only braces that do not balance, and nothing else, may have stopped bibtexparser: a missing comma or quote
    # would make one field of two here.
    if not all(map(_one_value, raws)):
        return None
    values = tuple(Field(name, (_loose_value(raw, strings),), at)
                   for (name, _, at), raw in zip(fields, raws, strict=True))
    if all(_balanced(field.values[0]) for field in values):
        return None
    first = start + 1
    return Record(FORMAT, SourceSpan(path, first),
                  (Field("ENTRYTYPE", (head.group(1),), first), Field("ID", (head.group(2),), first), *values))


def _loose_value(raw: str, strings: dict[str, str]) -> str:
    """A value read line by line: as ``_value`` makes it, or when its braces do not balance, all that is between
    the first and the last."""
    if _balanced(raw):
        return _value(raw, strings)
    return raw[1:-1] if raw.startswith("{") and raw.endswith("}") else raw


def _one_value(raw: str) -> bool:
    """Whether ``raw`` is one value: a word or number, one quoted string, or one group of braces whose first
    brace closes only at its end; or, braces that do not balance, anything from a brace to a brace without a
    line that starts another field."""
    if _BARE.fullmatch(raw) or (len(raw) >= 2 and raw[0] == raw[-1] == '"' and '"' not in raw[1:-1]):
        return True
    if len(raw) < 2 or raw[0] != "{" or raw[-1] != "}":
        return False
    if not _balanced(raw):  # where its closing brace is cannot be told: the last, unless a field starts before
        return not any(_FIELD_LINE.fullmatch(line) for line in raw.split("\n")[1:])
    depth = 0
    for char in _ESCAPED_BRACE.sub("", raw[:-1]):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return False  # closed before the end: "{X}\n year = {2000}"
    return True


def _balanced(value: str) -> bool:
    depth = 0
    for char in _ESCAPED_BRACE.sub("", value):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _recovered(block: ParsingFailedBlock, record: Record) -> Diagnostic:
    """The warning for an entry read line by line (``_line_by_line``), at its first field that does not balance."""
    error = block.error
    reason = error.abort_reason.strip() if isinstance(error, BlockAbortedException) else str(error)
    unbalanced = [f for f in record.fields[2:] if f.values and not _balanced(f.values[0])]
    names = ", ".join(f"{f.name} (line {f.line})" for f in unbalanced)
    those = "that field" if len(unbalanced) == 1 else "those fields"
    return Diagnostic(Level.WARNING, SourceSpan(record.where.path, unbalanced[0].line), (
        f"entry '{record.fields[1].values[0]}' could not be read as BibTeX ({reason.rstrip('.')}): the braces of "
        f"{names} do not balance. The entry was read one field a line, as it is laid out, each value from its "
        f"first brace to its last: check {those}"))


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


def _top_level_split(raw: str, sign: str = "#") -> list[str]:
    """``raw`` cut at each ``sign`` (``#``, BibTeX's joining sign) outside braces and quotes."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == sign and depth == 0 and not quoted:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    return pieces


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

# What an entry type says the work is, in CSL's words (a conference paper's or chapter's booktitle holds it). A
# @misc is a generic work, unless it names a journal (an arXiv preprint's "journal = {arXiv}"): a journal article.
_KINDS = {"inproceedings": "paper-conference", "conference": "paper-conference", "incollection": "chapter",
          "inbook": "chapter", "book": "book", "proceedings": "book", "phdthesis": "thesis",
          "mastersthesis": "thesis", "thesis": "thesis", "techreport": "report", "report": "report",
          "misc": "document", "unpublished": "manuscript", "booklet": "pamphlet", "online": "webpage",
          "electronic": "webpage", "www": "webpage", "dataset": "dataset", "software": "software",
          "patent": "patent",
          # biblatex's own types (Better BibLaTeX writes a Zotero dictionary or encyclopedia entry as @inreference,
          # a multi-volume book as @mvbook): an entry in a reference work, the books, the parts of books.
          "inreference": "entry-encyclopedia", "reference": "book", "mvreference": "book", "collection": "book",
          "mvcollection": "book", "mvbook": "book", "mvproceedings": "book", "bookinbook": "chapter",
          "suppbook": "chapter", "suppcollection": "chapter"}


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one BibTeX entry."""
    f = _Fields(record)
    problems: list[Diagnostic] = []
    # Mendeley and Zotero write a title's HTML (<i>, <sub>) as LaTeX symbols: decoded, the tags are left out.
    decoded = f.titled("title") or f.titled("booktitle")
    title = clean(shared.strip_tags(decoded))
    authors, et_al = _people(f.raw("author"))
    authors = (*_collaborations(f.text("collaboration"), authors), *authors)
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, "entry has no title field; shown as 'Untitled record'"))
    urls = _urls(f.plain("url"))
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    # Web of Science escapes a DOI's "_" as LaTeX does ("10.1007/978-3-030-95398-0\_10"), as JabRef a url's.
    doi = ids.doi_field(_ESCAPED_IN_URL.sub(r"\1", f.plain("doi"))) or url_doi
    # MDPI names the field "PubMedID"; Taylor & Francis and SAGE (Atypon's export) write the PMID as the whole
    # note, "note ={PMID: 33355555}" (a note that is a bare number is no PMID)
    note_pmid = ids.pmid_from(note) if (note := f.plain("note")).upper().startswith("PMID") else ""
    # biblatex's eprint of the type "pmid" (Better BibLaTeX writes a PMID so: "eprint = {19932995}, eprinttype =
    # {pmid}") or "pmcid"
    eprint_type = f.plain("eprinttype", "archiveprefix").casefold()
    eprint_pmid = f.plain("eprint") if eprint_type in ("pmid", "pubmed") else ""
    eprint_pmc = f.plain("eprint") if eprint_type in ("pmcid", "pmc") else ""
    # where a preprint was posted, as arXiv's own BibTeX names it ("archivePrefix = {arXiv}") and biblatex
    server = "" if eprint_pmid or eprint_pmc else f.text("archiveprefix", "eprinttype")
    pmid = (ids.pmid_from(f.plain("pmid", "pubmed_id", "pubmed-id", "pubmedid")) or ids.pmid_from(eprint_pmid)
            or url_pmid or note_pmid)
    # pmc: JabRef's entry of a PubMed record
    pmc = ids.pmcid_from(f.plain("pmcid", "pmc")) or ids.pmcid_from(eprint_pmc) or url_pmc
    # Web of Science runs its abstracts' headings into the text, in its BibTeX export as in its own format (its
    # older exports name their records "ISI:000284016600001", newer ones "WOS:…").
    running = f.plain("unique-id").startswith(("WOS:", "ISI:"))
    lay, abstract, rights = _abstract(f, running)
    orcids = shared.orcids_by_name(f.raw("orcid-numbers") or f.raw("orcid"))
    abbrev = f.text("abbrev_source_title", "journal-iso", "shortjournal", "journalabbreviation",
                    "journal-abbreviation")  # JabRef's entry of a PubMed record
    # MathSciNet and zbMATH write the journal's abbreviation in journal and its whole name in fjournal
    # ("JOURNAL = {SIAM J. Sci. Comput.}, FJOURNAL = {SIAM Journal on Scientific Computing}")
    journal = f.text("fjournal", "journal")
    if journal != f.text("journal"):
        abbrev = abbrev or f.text("journal")
    issued = _date(f)
    when = dates.published(issued, shared.early_access(f.plain("earlyaccessdate"), issued.iso))  # Web of Science
    kind = _KINDS.get(f.plain("ENTRYTYPE").lower(), "")
    if kind == "document" and f.text("journal", "journaltitle"):
        kind = ""
    if kind in ("webpage", "document") and f.plain("pubstate").casefold() == "prepublished":
        # biblatex's prepublished work: Better BibLaTeX writes a preprint as "@online{…, eprint = {2510.06436},
        # eprinttype = {arXiv}, pubstate = {prepublished}}", no web page; CSL's "article", as a preprint's kind
        kind = "article"
    # Scopus names a work's "source" in journal whatever the work: the book (or book series) that holds a chapter,
    # the proceedings that hold a paper, or a book itself again.
    scopus = f.plain("source") == "Scopus"
    original, title_styles = "", _title_styles(f, title, decoded)
    if scopus and (both := _SCOPUS_TRANSLATED.fullmatch(title)):
        title, original, title_styles = both.group(1), both.group(2), ()  # "English; [Original]"
    # Its older exports name the kind in document_type ("@BOOK{Symes2017309, …, document_type={Book Chapter}")
    if scopus and f.plain("type", "document_type").casefold() == "book chapter":
        kind = "chapter"
    held = scopus and kind in CONTAINED_KINDS and not f.text("booktitle")
    unheld = held or (scopus and shared.same_title(f.text("journal"), title))  # no journal nor series of its own
    if unheld:
        abbrev = ""
    # An @article's address is its publisher's (Web of Science writes the street): only a work no periodical
    # carries has a place and editors of its own.
    alone = kind not in PERIODICAL_KINDS
    editors, _ = _people(_unbraced_list(f.raw("editor"))) if alone else ((), False)
    translators, _ = _people(_unbraced_list(f.raw("translator")))
    issns, issn_types = ids.typed_issns([(f.plain("issn"), ""), (f.plain("eissn"), "electronic")])
    article = Article(
        id=shared.article_id(pmc, pmid, doi, f.plain("ID"), title, FORMAT),
        title=title or UNTITLED,
        title_styles=title_styles if title else (),
        authors=shared.with_orcids(authors, orcids),
        et_al=et_al,
        # The website that carries a web page is where it was published (as our own export writes it).
        journal="" if unheld else journal or f.titled("journaltitle") or abbrev
        or (f.text("series") if kind else "") or (f.text("howpublished") if kind == "webpage" else "")
        # arXiv's own BibTeX names the server of a preprint only as its eprint's archive ("@misc{…, eprint =
        # {2108.04510}, archivePrefix = {arXiv}, primaryClass = {cs.OH}}"), biblatex as its eprinttype: where the
        # work was published
        or server,
        journal_abbrev=abbrev,
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        publisher=f.text("publisher", "school", "institution"),  # a thesis's university, a report's institution
        place=f.text("address", "location") if alone else "",
        edition=f.text("edition") if alone else "",
        languages=languages.parse([f.text("language", "langid")]),
        topics=shared.review_topics([f.text("document_type", "type")]),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract,
        rights=f.text("copyright") or rights,
        links=shared.links(urls),
        kind=kind,
        container=(f.text("journal") if held else f.titled("booktitle")) if kind in CONTAINED_KINDS else "",
        editors=editors,
        translators=translators,
        volume=shared.volume(f.text("volume")), issue=f.text("number", "issue"),
        pages=shared.page_range(_pages(f)),
        # the number that stands for an article's pages (biblatex's eid, ACM's articleno; Web of Science's
        # "Article-Number = {{UNSP 2}}"; bioRxiv's and medRxiv's "elocation-id = {2023.01.30.526202}", as JATS)
        article_number=shared.page_range(shared.web_of_science_number(
            f.plain("art_number", "article-number", "eid", "articleno", "elocation-id"))),
        keywords=shared.split_keywords(latex_to_text(f.raw(k)) for k in (
            "author_keywords", "keywords", "keywords-plus")),
        notices=shared.notices_from_notes([f.text("note")]),
        records=(record,),
        original_title=original,
        # eissn: Web of Science's electronic ISSN ("EISSN = {{1347-4065}}")
        issns=issns, issn_types=issn_types,
        isbns=ids.standard_numbers([f.plain("isbn")]),
    )
    return article, [*problems, *_unknown_macros(record)]


_WORDED_FIELDS = frozenset({
    "title", "subtitle", "titleaddon", "booktitle", "booksubtitle", "booktitleaddon", "abstract", "author", "editor",
    "journal", "journaltitle", "series", "publisher", "keywords", "note", "school", "institution", "organization"})
"""The fields whose words a page shows decoded from LaTeX (identifiers, urls and file paths are not LaTeX)."""


def _unknown_macros(record: Record) -> list[Diagnostic]:
    """A warning for each field that holds LaTeX macros ``latex_to_text`` does not know: the page shows the text
    they wrap without them ("\\foo{gene}" as "gene"), which may lose what a macro meant to print."""
    found = []
    for field in record.fields:
        if field_name(field.name) in _WORDED_FIELDS and (names := unknown_macros(" ".join(field.values))):
            macros = ", ".join(f"\\{name}" for name in names)
            which = "macro" if len(names) == 1 else "macros"
            found.append(Diagnostic(Level.WARNING, SourceSpan(record.where.path, field.line), (
                f"field '{field.name}' uses the LaTeX {which} {macros}, which site-builder does not know: the page "
                f"shows the text in braces after each without the {which}; write what the {which} should print "
                "as text instead")))
    return found


def _title_styles(f: _Fields, title: str, decoded: str) -> styles.Styles:
    """The title's styles: LaTeX's (``\\textit{…}``, ``style_markers``) and the HTML tags Mendeley and Zotero
    write as LaTeX symbols (``{\\textless}i{\\textgreater}``); ``decoded`` is the title before its tags are left
    out."""
    marked = f.marked()
    if marked is f and "<" not in decoded:
        return ()
    text = marked.titled("title") or marked.titled("booktitle")
    return styles.styles_of(title, clean(shared.strip_tags(shared.style_markers(text))))


def _abstract(f: _Fields, running: bool) -> shared.Abstract:
    """``shared.abstract`` of the abstract, its sections in the styles LaTeX or HTML gives them."""
    if (labelled := _heading_lines_labelled(f.raw("abstract"))) != f.raw("abstract"):
        f = f.with_value("abstract", labelled)
    text = f.text("abstract")
    # Wiley's BibTeX export flattens its JATS abstract into "Abstract Purpose To estimate … Methods We …" (and
    # "ABSTRACT Purpose …"): the word names the whole, and the headings run into the text, as Web of Science's do.
    flattened = shared.ABSTRACT_WORD.match(text) is not None
    running = running or flattened
    plain = shared.abstract(_without_abstract_word(text, flattened), running=running)
    marked = f.marked()
    if marked is f and "<" not in text:
        return plain
    restyled = _without_abstract_word(shared.style_markers(marked.text("abstract")), flattened)
    return shared.restyled_abstract(plain, shared.abstract(restyled, running=running))


def _without_abstract_word(text: str, flattened: bool) -> str:
    return shared.ABSTRACT_WORD.sub("", text, count=1) if flattened else text


_HEADING_LINE = re.compile(r"^([ \t]*)([^\n:]+?)[ \t]*$(?=\n[ \t]*\S)", re.M)


def _heading_lines_labelled(abstract: str) -> str:
    """An abstract whose headings stand each on a line of its own, without a colon, as ScienceDirect's BibTeX
    export writes them ("Background\nAlthough accurate …\nObjective\nUsing …", "Summary\nTherapists …"), with
    the colon after each heading that makes it a label: decoding LaTeX joins the lines, and the headings would run
    into the text as words of it."""
    if "\n" not in abstract:
        return abstract
    return _HEADING_LINE.sub(lambda m: f"{m[1]}{m[2]}:" if is_heading(m[2]) else m[0], abstract)


_STYLED_FIELDS = ("title", "subtitle", "titleaddon", "booktitle", "booksubtitle", "booktitleaddon", "abstract")
"""The fields whose styles an article keeps (a title, with its subtitle and addition, and the abstract)."""


class _Fields:
    """An entry's fields by lower-case name (BibTeX names are case-insensitive); the first of a repeat wins."""

    def __init__(self, record: Record) -> None:
        self.values: dict[str, str] = {}
        for field in record.fields:
            key = field.name if field.name in ("ENTRYTYPE", "ID") else field_name(field.name)
            if field.values:
                self.values.setdefault(key, field.values[0])

    def raw(self, *names: str) -> str:
        return next((self.values[n] for n in names if self.values.get(n, "").strip()), "")

    def marked(self) -> _Fields:
        """These fields with the style commands of the titles and the abstract as styles' markers
        (latex.style_markers); themselves when those have none."""
        changed = {k: marked for k in _STYLED_FIELDS if (marked := style_markers(self.values.get(k, ""))) !=
                   self.values.get(k, "")}
        if not changed:
            return self
        other = copy.copy(self)
        other.values = self.values | changed
        return other

    def with_value(self, name: str, value: str) -> _Fields:
        """These fields with ``name``'s value replaced."""
        other = copy.copy(self)
        other.values = self.values | {name: value}
        return other

    def plain(self, *names: str) -> str:
        """An identifier, number or url: protective braces (Web of Science's ``{{10.3375/…}}``) removed."""
        return clean(self.raw(*names).replace("{", "").replace("}", ""))

    def text(self, *names: str) -> str:
        """A value as text: LaTeX decoded, and HTML character references ("Dummy in Practice &#169;") too."""
        return shared.unescape(latex_to_text(self.raw(*names)))

    def titled(self, name: str) -> str:
        """A title with the subtitle and addition biblatex keeps apart ("title", "subtitle", "titleaddon";
        "booktitle", "booksubtitle"…), as the other readers join them: "Title: subtitle. Addition"."""
        title = self.text(name)
        stem = name.removesuffix("title")
        if title and (subtitle := self.text(f"{stem}subtitle")):
            title += f"{'' if title.endswith((':', '?', '!')) else ':'} {subtitle}"
        if title and (addition := self.text(f"{name}addon")):
            title += f"{'' if title.endswith(('.', '?', '!')) else '.'} {addition}"
        return title


def _pages(f: _Fields) -> str:
    """"3355---3359", "R4231----R4234": a range however many hyphens the file writes; a dash written as LaTeX
    ("341{\\textendash}357", Zotero) as the dash it is."""
    pages = f.plain("pages")
    return f.text("pages") if "\\" in pages else re.sub(r"-{2,}", "-", pages)


def _urls(value: str) -> list[str]:
    """The urls of a ``url`` field: JabRef and BibDesk escape its ``_``, ``&`` and ``%`` as LaTeX does
    (``doc.asp?CID=26415\\&DID=321215``), and Mendeley writes several urls in one field, a space apart, and a
    url with spaces in it as it is."""
    urls = re.split(r"\s+(?=[A-Za-z][\w+.-]*://)", _ESCAPED_IN_URL.sub(r"\1", value).strip())
    # A space inside one url (Mendeley's ".../Volume 9/Issue 2/7 Berenstein.pdf") is written as a browser sends it.
    return [re.sub(r"\s+", "%20", url) for url in urls if url]


def _collaborations(value: str, authors: Sequence[Person]) -> tuple[Person, ...]:
    """The groups INSPIRE-HEP names in ``collaboration`` ("ATLAS"; "ATLAS, CMS"), each as its pages show it first
    in the byline ("CMS Collaboration • Serguei Chatrchyan et al."); its BibTeX writes ``author = "Chatrchyan,
    Serguei and others"`` with the group apart. A group the authors already name ("CMS Collaboration") is not
    repeated."""
    named = {a.name.casefold() for a in authors}
    groups = (name if names_a_group(name) else f"{name} Collaboration" for name in map(clean, value.split(",")) if name)
    return tuple(Person(name=group) for group in dict.fromkeys(groups) if group.casefold() not in named)


_ESCAPED_IN_URL = re.compile(r"\\([&%_#$~])")


_SCOPUS_TRANSLATED = re.compile(r"(.+?);\s*\[([^\[\]]+)\]")
_FAMILY_INITIALS = re.compile(r"([^,\s][^,]*?)\s+((?:[A-Z]\.-?){1,4})")
"""A name written family first, then dotted initials, with no comma between."""


def _people(value: str) -> tuple[tuple[Person, ...], bool]:
    """Authors from an "and"-separated BibTeX name list ("von Last, Jr, First" or "First von Last"), and whether
    the list ends in "et al." (BibTeX's ``others``, EndNote's "et al." and its "et, a. l.")."""
    people: list[Person] = []
    et_al = False
    for written in _split_names(value):
        name, cut = shared.ET_AL_TAIL.subn("", written)
        et_al = et_al or bool(cut)
        if not cut and _ET_AL.fullmatch(name.strip()):
            et_al = True
            continue
        group = _group_name(name)
        if group:
            people.append(Person(name=group))
            continue
        if parts_named := _named_parts(name):
            people.append(_named_person(parts_named))
            continue
        if m := _FAMILY_INITIALS.fullmatch(name.strip()):  # Scopus's editors: "Themistocleous K.", "Hadjimitsis D.G."
            written, given = latex_to_text(m.group(1)), m.group(2)
            family, suffix = generation_apart(written)  # "Leslie Jr. D.M.", as its authors' "Leslie Jr., D.M."
            people.append(Person(name=f"{written}, {given}", family=family, given=given, suffix=suffix))
            continue
        written_suffix = _SUFFIX_LAST.fullmatch(name.strip()) if "," not in name else None
        if written_suffix:  # "John Smith Jr.": BibTeX would make "Jr." the family name; the writer meant a suffix
            name = written_suffix.group(1)
        parts = parse_single_name_into_parts(name, strict=False)
        family = latex_to_text(" ".join([*parts.von, *parts.last]))
        given, suffix = latex_to_text(" ".join(parts.first)), latex_to_text(" ".join(parts.jr))
        if suffix and is_generation(given) and not is_generation(suffix):
            # NASA ADS writes "{Ford}, W.~K., Jr." (family, given, generation), not BibTeX's "Ford, Jr., W.~K."
            given, suffix = suffix, given
        if not suffix and is_generation(given) and (m := _FAMILY_INITIALS.fullmatch(family)):
            # Scopus's "Barrow W.C., Jr." (Wylie C. Barrow Jr.): its CSV byline's "Family Initials" with the
            # generation after a comma, which BibTeX reads as the last name "Barrow W.C." and the first name "Jr."
            family, given, suffix = m.group(1), m.group(2), given
        suffix = suffix or (written_suffix.group(2) if written_suffix else "")
        if not given and suffix and family:
            # "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV, {}" (the site's own download of a catalogue's name with a
            # title and no given name): BibTeX's Jr part with the First part empty
            people.append(Person(name=f"{family}, {suffix}", family=family, suffix=suffix))
            continue
        if not given:
            # "{World Health Organization}": a group, or a person known by one name only.
            people.append(Person(name=family or latex_to_text(name)))
            continue
        shown = ", ".join(p for p in (family, given, suffix) if p)
        if not suffix:  # Scopus's "Thompson III, F.R.": BibTeX's last name holds the generation
            family, suffix = generation_apart(family)
        family, given = particles_to_family(family, given)
        people.append(Person(name=shown, family=family, given=given, suffix=suffix))
    return tuple(p for p in people if p.name), et_al


_NAME_PART = re.compile(r"\s*(family|given|prefix|suffix|useprefix|(?:family|given|prefix|suffix)-i)\s*=\s*(.*?)\s*",
                        re.S)
_BRACED_OR_QUOTED = re.compile(r"\{(.*)\}|\"(.*)\"", re.S)


def _named_parts(name: str) -> dict[str, str]:
    """The parts of a name in biblatex's extended name format, each named ("family=Nimwegen, given=Erik,
    prefix=van, useprefix=false", as Better BibLaTeX writes a name with a particle), by their names ({} for a name
    of any other form); a part named twice is its last value, as biber reads it."""
    parts: dict[str, str] = {}
    for part in _top_level_split(name, ","):
        named = _NAME_PART.fullmatch(part)
        if not named:
            return {}
        value = named.group(2)
        unwrapped = _BRACED_OR_QUOTED.fullmatch(value)
        parts[named.group(1).lower()] = next((g for g in unwrapped.groups() if g is not None), "") if (
            unwrapped) else value
    return parts if parts.get("family") or parts.get("given") else {}


def _named_person(parts: dict[str, str]) -> Person:
    """The person whose name biblatex's extended format names part by part (``_named_parts``): the particle is
    part of the family name, as BibTeX's "van Nimwegen, Erik" makes it."""
    family = latex_to_text(" ".join(p for p in (parts.get("prefix", ""), parts.get("family", "")) if p.strip()))
    given, suffix = latex_to_text(parts.get("given", "")), latex_to_text(parts.get("suffix", ""))
    if not given:  # "family=Software, prefix=id": a group, or a person known by one name only, as "{id Software}"
        return Person(name=", ".join(p for p in (family, suffix) if p))
    return Person(name=", ".join(p for p in (family, given, suffix) if p), family=family, given=given, suffix=suffix)


_NAME_SPLIT = re.compile(r"\\[{}]|[{}]|\s+and\s+", re.I)


def _split_names(value: str) -> list[str]:
    """The names of an "and"-separated list, an "and" inside braces being part of a name ("{Simon and
    Schuster}"). Not bibtexparser's split_multiple_persons_names (2.1): it drops a LaTeX accent that begins a name
    after an "and" ("Serin, T. and \\"Unal, B." gives "Unal, B.")."""
    names, depth, start = [], 0, 0
    for token in _NAME_SPLIT.finditer(value):
        if token[0] in "{}":
            depth = max(depth + (1 if token[0] == "{" else -1), 0)
        elif not token[0].startswith("\\") and depth == 0:
            names.append(value[start:token.start()])
            start = token.end()
    names.append(value[start:])
    return [part.strip() for name in names for listed in _semicolon_list(name) for part in _comma_list(listed)
            if part.strip()]


def _semicolon_list(name: str) -> list[str]:
    """The names of a list parted by semicolons where BibTeX wants "and" ("Baklouti, F.; Huang, S. C.; Tang, T.
    K.", as JabRef converts a Biblioscape record): a name holds two commas at most, so a "name" with more and with
    semicolons outside braces is such a list; any other name is one name."""
    if name.count(",") <= 2 or ";" not in name or "{" in name:
        return [name]
    return name.split(";")


def _comma_list(name: str) -> list[str]:
    """The names of a list parted by commas where BibTeX wants "and", each "Family, Initials": the Cochrane
    Library's BibTeX export writes "Huey, SL, Mehta, NH, and Mehta, S" (three people, "and" before the last one
    only). A name holds two commas at most, so a "name" with more, in which every second part is initials, is
    such a list; so is one of three parts or more whose every part is a whole name, "Given Family", none a
    generation ("Robin Champseix, Laurent Ribiere, Clément Le Couedic", a hand-written entry of wearable-hrv's
    paper.bib), which BibTeX would read as one person with "Laurent Ribiere" for a "Jr.". Any other name is one
    name ("Ford, Jr., W. K.")."""
    parts = [part.strip() for part in name.split(",")]
    if parts and not parts[-1]:  # "Alfirevic, Z, Devane, D," before the "and"
        parts.pop()
    if "{" in name or len(parts) < 3 or _named_parts(name):
        return [name]
    if all(map(_whole_name, parts)):
        return parts
    if len(parts) < 4 or len(parts) % 2 or not all(map(_INITIALS.fullmatch, parts[1::2])):
        return [name]
    return [f"{family}, {initials}" for family, initials in zip(parts[::2], parts[1::2], strict=True)]


def _whole_name(part: str) -> bool:
    """Whether a part of a name list is a whole name, "Given Family" ("Clément Le Couedic"): two words or more,
    the first and the last capitalised, none a generation."""
    words = part.split()
    return len(words) >= 2 and words[0][0].isupper() and words[-1][0].isupper() and not any(
        is_generation(word.rstrip(".")) or is_generation(word) for word in words)


_INITIALS = re.compile(r"(?:[A-Z]\.?[ -]?){1,4}")
"""Initials as a list of "Family, Initials" writes them: "SL", "GML", "J.-P."."""


_SUFFIX_LAST = re.compile(r"(\S+\s+\S.*?)\s+(Jr\.?|Sr\.?|II|III|IV)")


def _unbraced_list(value: str) -> str:
    """A name list that Web of Science braces twice (``Editor = {{Lindenmayer, DB and Hobbs, RJ}}``,
    ``{{Marchetti, M}}``) without its inner braces, which would make the list one name; a braced organisation
    ("{Food and Drug Administration}") keeps them."""
    inner = value.strip()
    if not (inner.startswith("{") and inner.endswith("}")) or _top_level_split(inner[1:-1]) != [inner[1:-1]]:
        return value
    inner = inner[1:-1]
    depth = 0
    for char in inner:  # the braces must enclose the whole value, not "{A} and {B}"
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return value
    parts = re.split(r"\s+and\s+", inner)
    if len(parts) > 1 and all("," in part for part in parts) or _WOS_NAME.fullmatch(inner):
        return inner
    return value


_WOS_NAME = re.compile(r"[^,{}]+,\s*[A-Z][A-Z.\- ]{0,7}")
"""One name as Web of Science writes it, "Marchetti, M" (an organisation's braced name with a comma, "{Department
of Health, Victoria}", has no initials after it)."""


# "others" is BibTeX's own "et al."; EndNote exports its "et al." as the name "et, a. l.". A braced {others} is
# a name, as BibTeX reads it.
_ET_AL = re.compile(r"others|et[\s.,]*a[\s.,]*l[\s.]*", re.I)


def _group_name(name: str) -> str:
    """The name of an organisation, or "" for a person's name.

    An organisation is a name with no comma but a last one (EndNote marks its corporate authors so: "World
    Health Organization,") or a name with no comma that holds a word organisations are named with.
    """
    name = name.strip()
    if "," in name[:-1]:
        return ""
    if name.endswith(","):
        return latex_to_text(name[:-1])
    text = latex_to_text(name)
    return text if names_a_group(text) else ""


def _date(f: _Fields) -> dates.PrintedDate:
    """From ``year`` with ``month`` ("oct", "10", "OCT", Web of Science's "JUN 8", "FAL", "JAN-MAR") and ``day``,
    made more precise by a biblatex ``date`` ("2019-10-05") of the same year; else that ``date`` (a range,
    "2019-12/2020-01", kept as printed); else what ``year`` says ("[1995?]", "c1995", "in press")."""
    date = f.plain("date")
    # "April 23, 2016" (ScientoPy's BibTeX), "September  1, 2021" (CoLRev's of the AIS eLibrary's %8): a whole date
    # written out, read as one.
    exact = dates.iso_date(date) or _written_out(date)
    # "2019-12/2020-01", and biblatex's open end, "2015/": a period, kept as printed.
    ranged = date if dates.iso_date(date) and "/" in date else ""
    # "year = {January 1978}" (a hand-written file), "{Nov./2001}" (Zotero, from a publisher's date): the month
    # written before the year, as a printed date has it.
    year = shared.year_then_month(f.text("year"))
    month = f.text("month")
    if shared.year_first(month):  # Web of Science: an early-access article's whole date, "2024 MAR 4"
        year = ""
    printed = dates.read_printed(" ".join(p for p in (year, month, f.text("day")) if p))
    if printed.iso:
        return dates.PrintedDate(dates.most_precise(printed.iso, exact), printed.printed or ranged)
    if exact:
        return dates.PrintedDate(exact, ranged)
    if not year:
        # A date that is no ISO date, as Better BibLaTeX writes EDTF's ("199u", "-0876", "unknown/2006"), is shown
        # as written, with the year it names, if any.
        return dates.PrintedDate(dates.read_year(date).iso, date) if date else dates.PrintedDate("", "")
    return shared.year_with_words(year)


def _written_out(date: str) -> str:
    """The ISO date of a whole date written with its month's name ("April 23, 2016", "23 April 2016"); else ""."""
    found = shared.printed_date(date)
    return found.iso if len(dates.parts(found.iso)) == 3 and not found.printed else ""
