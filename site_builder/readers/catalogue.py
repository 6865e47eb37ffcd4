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
increasing run of candidate names (known VuFind fields weigh more than unknown ones), and a candidate whose whole
line repeats a title, author or topic value is a continuation. A file may hold several records: a new record
begins at a page marker ("Cargando…", "Loading…"), after a blank line that ends a field list, or at a
``_version_`` field once a record already has fields.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import Field, Record

FORMAT = "catalogue-dump"

# Fields of VuFind's Solr schema (biblio core). A known name outweighs any number of unknown candidates.
KNOWN_FIELDS = frozenset("""
_version_ access_restriction allfields author author2 author2_role author2_variant author_additional
author_corporate author_corporate_role author_facet author_fuller author_role author_sort author_variant building
callnumber-first callnumber-label callnumber-raw callnumber-sort callnumber-subject collection container_issue
container_reference container_start_page container_title container_volume contents ctrlnum dateSpan description
dewey-full dewey-hundreds dewey-ones dewey-raw dewey-search dewey-sort dewey-tens doi_str_mv edition era era_facet
first_indexed format fulltext genre genre_facet geographic geographic_facet hierarchy_top_id hierarchy_top_title id
illustrated institution isbn ismn_isn_mv issn language last_indexed lccn long_lat oclc_num physical publishDate
publishDateSort publisher publisherStr record_format recordtype series series2 spelling spellingShingle title
title_alt title_auth title_full title_fullStr title_full_unstemmed title_new title_old title_short title_sort
title_sub topic topic_facet topic_browse url work_keys_str_mv
""".split())  # noqa: SIM905 (a word list reads best as text)
_SHARED_NAME = {name: name for name in KNOWN_FIELDS}
"""Each known name as one string object, which all records read in one process share: 200,000 fewer strings in
a large collection, and a packed article (packing.py) holds each name once."""

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
    match = _CANDIDATE.match
    return [m.group(1) if (m := match(line)) else "" for line in lines]


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
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if line.strip():
            if not current:
                blocks.append((i, current))
            current.append(line)
        else:
            current = []
    return blocks


def _field_block_start(names: list[str]) -> int | None:
    """Where a block's Solr fields begin: the first known field name, if two or more field lines follow.

    A one-line title such as "id of …" on the page part forms a block of its own and is not a field list.
    """
    known = [i for i, name in enumerate(names) if name in KNOWN_FIELDS]
    return known[0] if len(known) >= 2 else None


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
    starts = _field_starts(names)
    repeats = _repeated_values(lines, starts, names)
    if repeats:
        starts = _field_starts(names, excluded=repeats)
    fields: list[Field] = []
    for begin, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        name = _SHARED_NAME.get(names[begin], names[begin])
        values = (lines[begin][len(name) + 1:], *lines[begin + 1:end])
        fields.append(Field(name, values, offset + begin + 1))
        if name not in KNOWN_FIELDS:
            diagnostics.append(Diagnostic(Level.WARNING, SourceSpan(path, offset + begin + 1),
                                          f"unknown field '{name}' kept as it is"))
    return fields


def _field_starts(names: list[str], excluded: frozenset[int] = frozenset()) -> list[int]:
    """Line indexes that start a field: line 0, then the heaviest strictly increasing run of candidate names."""
    candidates = [i for i, name in enumerate(names) if name and i not in excluded]
    if not candidates or candidates[0] != 0:
        candidates = [0, *candidates]
    # Fast path: names already increase and are all known (nearly every real record).
    if all(names[a] < names[b] for a, b in zip(candidates, candidates[1:], strict=False)) and all(
            names[i] in KNOWN_FIELDS for i in candidates):
        return candidates
    fitting = _fitting(candidates, names)
    if fitting is not candidates and all(names[i] in KNOWN_FIELDS for i in fitting):
        return fitting  # the knowns alone, already increasing: the heaviest chain
    return _heaviest_increasing(fitting, names)


def _fitting(candidates: list[int], names: list[str]) -> list[int]:
    """The candidates that can be in the heaviest chain: when the known names already increase (as in nearly every
    record that reaches here: a name particle such as "van" starting a continuation line), every known is in it,
    so an unknown that does not fall between its two neighbouring knowns never is. Otherwise all of them.

    The heaviest chain holds every known name, since any chain that skips one weighs less (fewer than
    _KNOWN_WEIGHT unknowns): so dropping the rest changes neither it nor, among chains of equal weight, the choice.
    """
    known = [i for i in candidates if names[i] in KNOWN_FIELDS]
    if (not known or known[0] != candidates[0] or len(candidates) - len(known) >= _KNOWN_WEIGHT
            or any(names[a] >= names[b] for a, b in zip(known, known[1:], strict=False))):
        return candidates
    kept: list[int] = []
    after = 0  # how many knowns come at or before this candidate
    for i in candidates:
        if names[i] in KNOWN_FIELDS:
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
    weight = [_KNOWN_WEIGHT if names[i] in KNOWN_FIELDS else 1 for i in candidates]
    best = weight[:]
    after: list[int | None] = [None] * count
    for a in range(count - 1, -1, -1):
        for b in range(a + 1, count):
            if names[candidates[b]] > names[candidates[a]]:
                total = weight[a] + best[b]
                if total > best[a] or (total == best[a] and after[a] is not None
                                        and names[candidates[b]] == names[candidates[after[a]]]):
                    best[a], after[a] = total, b
    chain, at = [], 0
    while at is not None:
        chain.append(candidates[at])
        at = after[at]
    return chain


_ECHOED_FIELDS = ("title", "author", "topic")


def _repeated_values(lines: list[str], starts: list[int], names: list[str]) -> frozenset[int]:
    """Field starts that are really continuation lines repeating a title, author or topic value.

    spellingShingle repeats the topics, authors and title, so a lower-case title ("surgery for …") or a name
    with a particle ("de Souza, Ana") can look like a field; its whole line equals a value of those fields.
    """
    echoed: set[str] = set()
    for n, begin in enumerate(starts):
        if names[begin] in _ECHOED_FIELDS:
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            echoed.add(lines[begin][len(names[begin]) + 1:])
            echoed.update(lines[begin + 1:end])
    return frozenset(i for i in starts[1:] if lines[i] in echoed and names[i] not in _ECHOED_FIELDS)


def sniff(head: str) -> bool:
    """Whether the start of a file looks like a catalogue dump (Solr field lines such as ``id …``)."""
    return re.search(r"^(?:_version_|author|id|title|spelling) \S", head, re.M) is not None
