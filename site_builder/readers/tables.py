"""What the readers of tabular exports share (Scopus's CSV, Zotero's, Lens.org's, OpenAlex's, Web of Science's,
Dimensions', Rayyan's, Covidence's): a header row that names the columns, then one row per record. Each exporter
is a ``Layout``: its format, its name, and the columns its header always has, by which a file is known as its
export.

The rows are read with Python's csv module (RFC 4180: double quotes around a value that holds the delimiter, a
line end or a quote, a quote inside written twice). A record's line is the line its row starts on, each value's
the line it starts on (a quoted value may hold line ends). A BOM, CRLF or CR line ends, and a file re-saved by
Excel in a locale that parts values with semicolons (with or without its "sep=;" first line) are read alike; a
tab-separated export (Lens.org's TSV) too, and a line about the export above the header (Dimensions'), or the
search that made it (Embase's). The
delimiter is the one under which the header is a known exporter's, never a guess from the rows: a header that
names no known exporter's columns is left to the "not a record format" warning.

Every column of every row is kept, with its line, for the full-record view, whatever its name; an empty value
too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Field, Record

_DELIMITERS = (",", ";", "\t")
_EXCEL_SEPARATOR = re.compile(r"sep=([,;\t|])\Z")
"""Excel's first line naming the delimiter ("sep=;"), before the header."""
_ABOUT_THE_DATA = "About the data:"
"""How the line Dimensions writes above its header starts."""
_SEARCH_QUERY = "SEARCH QUERY"
"""How the search Embase writes above its header starts: its query, a line of hyphens, a blank line."""
_QUERY_LINES = 8
"""At most so many lines of Embase's search before its header."""
_LINE_END = re.compile(r"\r\n|\r|\n")
_FIELD_LIMIT = 1 << 28
"""The longest value read (the csv module's own limit, 131,072 characters, is less than the references of a long
review in Scopus's export)."""

csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))


@dataclass(frozen=True)
class Layout:
    """One exporter's tabular export."""

    format: str
    name: str
    """As a warning names it ("Scopus CSV")."""
    columns: frozenset[str]
    """Names its header always has (exactly, case and all)."""
    any_of: frozenset[str] = frozenset()
    """Of these, the header has at least one (when any are given)."""
    none_of: frozenset[str] = frozenset()
    """Names its header never has: another export of the same exporter has them (Embase's newer "Source title")."""
    sections: frozenset[str] = frozenset()
    """Rows of one value that head a part of the export (abstrackr's "citations that are not yet labeled by
    anyone"): no records."""
    least_columns: int = 0
    """A row may end after so many columns with no warning (abstrackr leaves the labels out of rows nobody
    labelled)."""
    widened: Callable[[list[str], list[str]], list[str] | None] | None = None
    """The names of the columns of a row of more values than the header (the header, the row's values), where
    the exporter's layout tells which columns the header lacks; None where it does not."""
    rows_read: Callable[[list[str], Iterable[Row], str], tuple[list[Record], list[Diagnostic]]] | None = None
    """Makes the records of the rows (the header, the rows, the path) where a row is a record of a tagged format,
    not a field a column (Web of Science's tab-delimited export saved as a workbook: its tagged format's fields, a
    list's names joined by "; "; Ovid's CSV: its tags' values parted by blank lines); None where it is."""

    def fits(self, header: list[str]) -> bool:
        names = {name.strip() for name in header}
        return (self.columns <= names and (not self.any_of or bool(self.any_of & names))
                and not self.none_of & names)

    def sniff(self, head: str) -> bool:
        """Does the file start with this exporter's header (after a BOM, and Excel's "sep=" line)?"""
        found = _header(head, self)
        return found is not None

    def read(self, text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
        """Every row of one export as a Record (one field per column, its value as written), and the problems
        met; a row that cannot be read whole is reported with its line, and the rest of the file is read."""
        return read(self, text, path)


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    values: list[str]
    lines: list[int]


def _first_lines(text: str) -> tuple[str, str, int]:
    """The header line, the delimiter Excel's "sep=" line names ("" without one), and the header's line: the
    second after a "sep=" line or Dimensions' line about the export ("About the data: Exported on …"); the first
    after the blank line that ends Embase's search ('"SEARCH QUERY","dinosaur:ti"', hyphens, a blank line)."""
    lines = [*_LINE_END.split(text.removeprefix("\ufeff"), _QUERY_LINES + 1), "", ""]
    first, second = lines[0], lines[1]
    if m := _EXCEL_SEPARATOR.fullmatch(first.strip('"')):
        return second, m.group(1), 2
    if first.lstrip('"').startswith(_ABOUT_THE_DATA):
        return second, "", 2
    if first.lstrip('"').startswith(_SEARCH_QUERY):  # also as Excel re-saves it: 'SEARCH QUERY;dinosaur:ti;;;'
        blank = next((n for n in range(1, min(len(lines), _QUERY_LINES)) if _empty(lines[n])), None)
        header = next((n for n in range(blank + 1, min(len(lines), _QUERY_LINES + 1)) if not _empty(lines[n])),
                      None) if blank is not None else None
        if header is not None:
            return lines[header], "", header + 1
    return first, "", 1


def _empty(line: str) -> bool:
    """A line of no values: blank, or only the delimiters of empty ones (";;;;" as Excel writes it)."""
    return not line.strip(' \t,;"')


def _header(head: str, layout: Layout) -> str | None:
    """The delimiter under which the file's header is ``layout``'s; None when it is not."""
    first, named, _ = _first_lines(head)
    for delimiter in (named,) if named else _DELIMITERS:
        if delimiter not in first:
            continue
        header = next(csv.reader([first], delimiter=delimiter), [])
        if layout.fits(header):
            return delimiter
    return None


def rows(text: str, delimiter: str, start: int = 1) -> Iterator[Row]:
    """The rows of a table, each with the line it starts on and the line each value starts on (counted from
    ``start``); a blank line gives no row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    while True:
        line = reader.line_num + start
        try:
            values = next(reader)
        except StopIteration:
            return
        if not values:
            continue
        lines = []
        at = line
        for value in values:
            lines.append(at)
            at += len(_LINE_END.findall(value))
        yield Row(line, values, lines)


def read(layout: Layout, text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    text = text.removeprefix("\ufeff")
    delimiter = _header(text[:65536], layout)
    if delimiter is None:
        return [], [Diagnostic(Level.ERROR, SourceSpan(path, 1), (
            f"no {layout.name} header: the first line should name its columns "
            f"({', '.join(sorted(layout.columns))}, …)"))]
    _, _, header_line = _first_lines(text[:65536])
    if header_line > 1:
        text = _LINE_END.split(text, header_line - 1)[-1]
    problems: list[Diagnostic] = []
    found = list(rows(text, delimiter, header_line))
    header = [name.strip() for name in found[0].values]
    if layout.rows_read is not None:
        records, problems = layout.rows_read(header, found[1:], path)
    else:
        records, problems = records_of(layout.format, layout.name, header, found[1:], path, header_line,
                                       layout.sections, layout.least_columns, layout.widened)
    last = found[-1]
    if len(found) > 1 and _LINE_END.search(last.values[-1]) and text.count('"') % 2:
        problems.append(Diagnostic(Level.ERROR, SourceSpan(path, last.line), (
            "a double quote opened in this row is never closed: the rest of the file was read as one of its "
            "values (a quote inside a quoted value is written twice, \"\")")))
    return records, problems


def records_of(fmt: str, name: str, header: list[str], found: Iterable[Row], path: str, header_line: int,
               sections: AbstractSet[str] = frozenset(), least_columns: int = 0,
               widened: Callable[[list[str], list[str]], list[str] | None] | None = None
               ) -> tuple[list[Record], list[Diagnostic]]:
    """A Record of each row under ``header`` (one field per column, its value as written, at its line), and the
    problems met: a row of more or fewer values than the header names (fewer but at least ``least_columns`` are
    fine; more, where ``widened`` names their columns: Layout.widened). A repeat of the header (a second export
    appended to the first), a row of empty values and a row that is one of ``sections`` are no records.
    ``name``: the export's, as a warning says it.
    """
    records: list[Record] = []
    problems: list[Diagnostic] = []
    for row in found:
        if row.values == header:
            continue  # a second export appended to the first, its header again
        if not any(v.strip() for v in row.values):
            continue  # a blank line, or a row of empty values (Excel's ";;;;")
        if len(row.values) == 1 and row.values[0].strip() in sections:
            continue
        named = widened(header, row.values) if widened is not None and len(row.values) > len(header) else None
        names = named or [*header, *(f"column {n}" for n in range(len(header) + 1, len(row.values) + 1))]
        short_but_whole = 0 < least_columns <= len(row.values) < len(header)
        if len(row.values) != len(header) and not short_but_whole and named is None:
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, row.line), (
                f"a row of {len(row.values)} values under a header of {len(header)} columns; "
                + ("some of its values may stand under the wrong column (check this row of the export); the "
                   "values beyond the header are kept as 'column N'" if len(row.values) > len(header)
                   else "the columns after its last value are empty"))))
        records.append(Record(fmt, SourceSpan(path, row.line), tuple(
            Field(name, (value,), line) for name, value, line in zip(names, row.values, row.lines, strict=False))))
    if not records:
        problems.append(Diagnostic(Level.WARNING, SourceSpan(path, header_line),
                                   f"a {name} header with no rows of records after it"))
    return records, problems
