"""Reader for the library-catalogue dump: a discovery-system record page scraped to text, then its Solr fields.

A sample (shortened; the display part may be in any interface language, or missing)::

    Cargando…

    Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology to …

    Detalles Bibliográficos
    Autores principales: Cazzato, Roberto Luigi, Hubelé, Fabrice
    Acceso en línea:https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8699378/
    _version_ 1784620499284787200
    author Cazzato, Roberto Luigi
    Hubelé, Fabrice
    id pubmed-8699378
    spellingShingle Review
    format effects in …          <- a continuation line that starts with a field name
    title Liver-Directed Therapy …

Solr fields come one per line, name then a space then the first value; further values of a multi-valued field
follow on their own lines without a name. Field names come in ASCII order, which is what tells a real field
from a continuation line that happens to begin with a field name: the reader keeps the heaviest strictly
increasing run of candidate names (VuFind's schema fields weigh more than unknown ones). Sort order alone is
weak evidence for a name the schema lacks, so such a candidate is a continuation when its whole line repeats a
value that VuFind copies into other fields (a title, author or topic), or when the line has the shape of a
person's name that starts with a lower-case particle ("ter Haar, Koen", "van 't Hof, Jan"). A file may hold
several records: a new record
begins at a page marker ("Cargando…", "Loading…"), after a blank line that ends a field list, or at a
``_version_`` field once a record already has fields.
"""

from __future__ import annotations

import itertools
import operator
import re
import sys

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Field, Record

FORMAT = "catalogue-dump"

# Fields of VuFind's Solr schema (biblio core: solr/vufind/biblio/conf/schema.xml of vufind-org/vufind, commit
# 0514be2b7be84950101ad72aedc27fc341af08a9): every <field>, and the suffixes of its <dynamicField> patterns.
# A known name outweighs any number of unknown candidates.
KNOWN_FIELDS = frozenset("""
_version_ allfields allfields_unstemmed author author2 author2_fuller author2_role author2_variant author_additional
author_browse author_corporate author_corporate_role author_facet author_fuller author_role author_sort
author_variant building callnumber-first callnumber-label callnumber-raw callnumber-search callnumber-sort
callnumber-subject collection container_issue container_reference container_start_page container_title
container_volume contents ctrlnum dateSpan description dewey-full dewey-hundreds dewey-ones dewey-raw dewey-search
dewey-sort dewey-tens edition era era_facet first_indexed format fullrecord fulltext fulltext_unstemmed genre
genre_facet geographic geographic_facet hierarchy_browse hierarchy_parent_id hierarchy_parent_title
hierarchy_sequence hierarchy_top_id hierarchy_top_title hierarchytype id illustrated institution is_hierarchy_id
is_hierarchy_title isbn issn language last_indexed lccn long_lat long_lat_display long_lat_label marc_error
oclc_num physical publishDate publishDateSort publisher publisherStr recordtype series series2 spelling
spellingShingle thumbnail title title_alt title_auth title_full title_fullStr title_full_unstemmed
title_in_hierarchy title_new title_old title_short title_sort title_sub topic topic_browse topic_facet
topic_unstemmed url
access_restriction record_format doi_str_mv ismn_isn_mv work_keys_str_mv
""".split())  # noqa: SIM905 (a word list reads best as text)
# The last line: fields VuFind's importers write, dynamic ones among them (a set answers faster than is_known).
DYNAMIC_SUFFIXES = ("_date", "_date_mv", "_isn", "_isn_mv", "_str", "_str_mv", "_txt", "_txt_mv", "_txtF",
                    "_txtF_mv", "_txtP", "_txtP_mv", "_random", "_boolean", "_geo", "_geo_mv")
"""The schema's ``<dynamicField name="*_str_mv">`` patterns: ``doi_str_mv`` and ``work_keys_str_mv`` are fields."""


def is_known(name: str) -> bool:
    """Whether VuFind's schema has the field, by name or by a dynamic field's suffix."""
    return name in KNOWN_FIELDS or (name.endswith(DYNAMIC_SUFFIXES) and name[:1] != "_")



# A name, then a space or the end of the line (a look-ahead: matching the rest of a long line cost a scan of it).
_CANDIDATE = re.compile(r"([a-z_][A-Za-z0-9_.-]*)(?= |\Z)")
_KNOWN_WEIGHT = 1000


def split_lines(text: str) -> list[str]:
    """Lines split at CRLF, CR or LF only (str.splitlines would also split at form feeds and U+2028)."""
    if "\r" in text:  # most files have LF line ends only: skip two copies of the whole text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def field_name(line: str) -> str:
    """The field name a line starts with, or "" when it cannot start a field."""
    m = _CANDIDATE.match(line)
    return m.group(1) if m else ""


def field_names(lines: list[str]) -> list[str]:
    """``field_name`` of each line (inlined: this runs for every line of every record)."""
    return [m[1] if m else "" for m in map(_CANDIDATE.match, lines)]


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in one dump file, and the problems found (a bad record is skipped, the rest are kept)."""
    lines = split_lines(text)
    records: list[Record] = []
    diagnostics: list[Diagnostic] = []
    display: list[str] = []
    display_start = 0
    for start, block in _blocks(lines):
        names = field_names(block)  # once per line: every step below asks it
        head = _field_block_start(names)
        carried: list[str] = []
        if head is not None and _is_page_marker(block[-1]):
            # The next record's "Loading…" glued under this record's last field, before a blank line.
            block, carried, names = block[:-1], block[-1:], names[:-1]
        if head is None:
            if display and len(block) == 1 and _is_page_marker(block[0]):
                diagnostics.append(_orphan_text(path, display_start))
                display = []
            if not display:
                display_start = start
            elif display:
                display.append("")
            display.extend(block)
            continue
        for offset, end in _split_glued(names, head):
            glued = offset != head
            preamble = [] if glued else [*display, *([""] if display and head else []), *block[:head]]
            first_line = start + offset if glued or not display else display_start
            fields = _parse_fields(block[offset:end], names[offset:end], start + offset, path, diagnostics)
            records.append(Record(FORMAT, SourceSpan(path, first_line + 1), tuple(fields), tuple(preamble)))
        display = carried
        display_start = start + len(block)
    if display:
        diagnostics.append(_orphan_text(path, display_start))
    return records, diagnostics


def _orphan_text(path: str, start: int) -> Diagnostic:
    return Diagnostic(
        Level.ERROR, SourceSpan(path, start + 1),
        "page text with no Solr fields after it (expected lines such as 'id pubmed-123' and 'title …' after the "
        "page text); this part of the file was not read as a record")


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 0-based index of their first line."""
    # The blank lines found in C (a record has some hundred lines and a dozen blank ones), the runs between them
    # sliced: a loop over every line took a tenth of reading a record's fields.
    blank = itertools.compress(itertools.count(), map(operator.not_, map(str.strip, lines)))
    blocks: list[tuple[int, list[str]]] = []
    start = 0
    for end in (*blank, len(lines)):
        if end > start:
            blocks.append((start, lines[start:end]))
        start = end + 1
    return blocks


def _field_block_start(names: list[str]) -> int | None:
    """Where a block's Solr fields begin: the first known field name, if two or more field lines follow.

    A one-line title such as "id of …" on the page part forms a block of its own and is not a field list.
    """
    known = (i for i, name in enumerate(names) if name and (name in KNOWN_FIELDS or is_known(name)))
    first = next(known, None)  # the first two are enough: a block of fields is not looked at to its end
    return first if first is not None and next(known, None) is not None else None


def _is_page_marker(line: str) -> bool:
    """A short line ending in an ellipsis that cannot start a field: "Cargando…", "Loading…", "Chargement...".

    Only ever checked on the last line of a field block, where a real value is followed by a blank line only
    when a record ends, so a title ending in "..." there would already be a record boundary.
    """
    return len(line) <= 40 and line.rstrip().endswith(("…", "...")) and not field_name(line)


def _split_glued(names: list[str], head: int) -> list[tuple[int, int]]:
    """(start, end) of the field lists in one block: records glued without a blank line split at each later
    ``_version_``."""
    cuts = [head] + [i for i in range(head + 1, len(names)) if names[i] == "_version_"]
    return list(zip(cuts, [*cuts[1:], len(names)], strict=True))


def _parse_fields(lines: list[str], names: list[str], offset: int, path: str,
                  diagnostics: list[Diagnostic]) -> list[Field]:
    starts = _field_starts(names, lines)
    repeats = _repeated_values(lines, starts, names)
    if repeats:
        starts = _field_starts(names, lines, excluded=repeats)
    fields: list[Field] = []
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        name = names[begin]
        known = name in KNOWN_FIELDS or is_known(name)
        # Each known name as one string object that all records share: far fewer strings in a large collection,
        # and the reading worker's pickled articles (readers/files.py) hold each name once.
        name = sys.intern(name) if known else name
        values = (lines[begin][len(name) + 1:], *lines[begin + 1:end])
        fields.append(Field(name, values, offset + begin + 1))
        if not known:
            diagnostics.append(Diagnostic(Level.WARNING, SourceSpan(path, offset + begin + 1),
                                          f"unknown field '{name}' kept as it is"))
    return fields


def _field_starts(names: list[str], lines: list[str], excluded: frozenset[int] = frozenset()) -> list[int]:
    """Line indexes that start a field: line 0, then the heaviest strictly increasing run of candidate names."""
    candidates = [i for i, name in enumerate(names) if name and i not in excluded] if excluded \
        else list(itertools.compress(itertools.count(), names))  # the lines with a name, found in C
    if not candidates or candidates[0] != 0:
        candidates = [0, *candidates]
    # Fast path: names already increase and are all known (nearly every real record). Strictly increasing
    # names are their own sorted set: both asked in C.
    chosen = [names[i] for i in candidates]
    if chosen == sorted(set(chosen)) and (KNOWN_FIELDS.issuperset(chosen) or all(map(is_known, chosen))):
        return candidates
    candidates = [i for i in candidates if i == 0 or not _is_particle_name(names[i], lines[i])]
    fitting = _fitting(candidates, names)
    if fitting is not candidates and all(is_known(names[i]) for i in fitting):
        return fitting  # the knowns alone, already increasing: the heaviest chain
    return _heaviest_increasing(fitting, names)


# A person's name that begins with lower-case particles: "ter Haar, Koen", "van 't Hof, Jan", "de la Fuente, Ana".
_PARTICLE_NAME = re.compile(r"(?:[a-z]+|['’][a-z]+)(?: (?:[a-z]+|['’][a-z]+))* [^\W\d_a-z][^,]*, [^\W\d_]")


def _is_particle_name(name: str, line: str) -> bool:
    """Whether an unknown one-word name starts a line shaped like a person's name: a value, not a field (every
    single lower-case word that names a field is in the schema)."""
    return name.isalpha() and name.islower() and not is_known(name) and _PARTICLE_NAME.match(line) is not None


def _fitting(candidates: list[int], names: list[str]) -> list[int]:
    """The candidates that can be in the heaviest chain: when the known names already increase (as in nearly every
    record that reaches here: a name particle such as "van" starting a continuation line), every known is in it,
    so an unknown that does not fall between its two neighbouring knowns never is. Otherwise all of them.

    The heaviest chain holds every known name, since any chain that skips one weighs less (fewer than
    _KNOWN_WEIGHT unknowns): so dropping the rest changes neither it nor, among chains of equal weight, the choice.
    """
    known = [i for i in candidates if is_known(names[i])]
    if (not known or known[0] != candidates[0] or len(candidates) - len(known) >= _KNOWN_WEIGHT
            or any(names[a] >= names[b] for a, b in zip(known, known[1:], strict=False))):
        return candidates
    kept: list[int] = []
    after = 0  # how many knowns come at or before this candidate
    for i in candidates:
        if is_known(names[i]):
            after += 1
            kept.append(i)
        elif names[known[after - 1]] < names[i] and (after == len(known) or names[i] < names[known[after]]):
            kept.append(i)
    return kept


def _heaviest_increasing(candidates: list[int], names: list[str]) -> list[int]:
    """Heaviest chain of strictly increasing names that starts at the first candidate.

    Among chains of equal weight the later of two equal names wins: a continuation line that repeats a field name
    comes before the real field (a title "title IX …" inside spellingShingle, before the title field itself).
    """
    count = len(candidates)
    weight = [_KNOWN_WEIGHT if is_known(names[i]) else 1 for i in candidates]
    best = weight[:]
    after: list[int | None] = [None] * count
    for a in range(count - 1, -1, -1):
        for b in range(a + 1, count):
            if names[candidates[b]] > names[candidates[a]]:
                total = weight[a] + best[b]
                if total > best[a] or (total == best[a] and (later := after[a]) is not None
                                        and names[candidates[b]] == names[candidates[later]]):
                    best[a], after[a] = total, b
    chain: list[int] = []
    at: int | None = 0
    while at is not None:
        chain.append(candidates[at])
        at = after[at]
    return chain


_ECHOED_FIELDS = ("title", "author", "topic")


def _repeated_values(lines: list[str], starts: list[int], names: list[str]) -> frozenset[int]:
    """Lines with a field name that are really continuation lines repeating a title, author or topic value.

    spellingShingle repeats the topics, authors and title, so a lower-case title ("surgery for …") or a name
    with a particle ("de Souza, Ana") can look like a field; its whole line equals a value of those fields.
    Every such line counts, not only the field starts: two authors "ter Haar, …" in spellingShingle are both
    values, though a chain of strictly increasing names could hold only one of them.
    """
    echoed: set[str] = set()
    for n, begin in enumerate(starts):
        if names[begin] in _ECHOED_FIELDS:
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            echoed.add(lines[begin][len(names[begin]) + 1:])
            echoed.update(lines[begin + 1:end])
    if not any(lines[i] in echoed and names[i] not in _ECHOED_FIELDS for i in starts[1:]):
        return frozenset()  # nearly every record: no start repeats a value, so no need to look at every line
    return frozenset(i for i in range(1, len(lines))
                     if names[i] and lines[i] in echoed and names[i] not in _ECHOED_FIELDS)


# A line that starts with one of these fields: the first line, or one after a new line (what ``^`` matches with
# re.M). Searched for its new line, which the pattern engine skips to in C: ``^`` with re.M is tried at every
# character, and the first field line comes some 1,300 characters into a record (20 us a file against 0.6 us).
_FIRST_FIELD = re.compile(r"(?:_version_|author|id|title|spelling) \S")
_LATER_FIELD = re.compile(r"\n(?:_version_|author|id|title|spelling) \S")


def sniff(head: str) -> bool:
    """Whether the start of a file looks like a catalogue dump (Solr field lines such as ``id …``)."""
    return _FIRST_FIELD.match(head) is not None or _LATER_FIELD.search(head) is not None
