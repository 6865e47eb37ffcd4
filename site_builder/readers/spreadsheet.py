"""Workbooks: Embase's and EPPI-Reviewer's spreadsheet exports (XLSX), Web of Science's "Excel" export (the older
XLS, "savedrecs.xls") and its tab-delimited export saved as a workbook (a header of its tags), and any tabular
export (Scopus, Lens.org, PubMed, Zotero…) opened in Excel or Numbers and
saved again as a workbook.

An XLSX workbook is a zip of XML parts, which openpyxl reads as values (read-only, streamed); an XLS workbook is a
compound file of Excel's binary records, which xlrd reads. The first sheet whose header row (one of its first rows:
Embase writes its search above it, Numbers a title) names the columns of a known export is read as that export's
CSV is (tables.py): one record a row, a record's line its row's number, every column kept for the full record; its
records are that export's and its reader makes their articles. A cell holds a value, not text: a number is written
as a spreadsheet shows it ("2024", not "2024.0"), a date as ISO 8601, an XLS cell whose formula is a HYPERLINK as
its address (Web of Science's "DOI Link").
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Record
from . import tables

if TYPE_CHECKING:
    import xlrd

# openpyxl and xlrd are imported by the functions that open a workbook: every build imports the readers, few
# read a workbook, and openpyxl's import alone took longer than the rest of a rebuild's reading of 10,000 records.

_ZIP_MAGIC = b"PK\x03\x04"
_WORKBOOK_PART = b"xl/workbook.xml"
_COMPOUND_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file: an XLS workbook, or another program's document (Word's, Outlook's)."""
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
"""The stream an XLS workbook keeps its sheets in (Excel 97 and later, and Excel 5), named in the file's directory."""
HEADER_ROWS = 10
"""A header is looked for in so many rows at the top of a sheet."""
MAX_UNPACKED = 512 * 1024 * 1024
"""The most a workbook's parts may hold unpacked: a larger one (a zip bomb, or no export) is not opened."""


def is_workbook(data: bytes) -> bool:
    """A zip holding a workbook's part (an XLSX file, whatever its name; not a Word or OpenDocument file), or a
    compound file holding a workbook's stream (an XLS file; not Word's or Outlook's)."""
    return (data.startswith(_ZIP_MAGIC) and _WORKBOOK_PART in data) or (
        data.startswith(_COMPOUND_MAGIC) and any(stream in data for stream in _WORKBOOK_STREAMS))


def read_bytes(data: bytes, path: str, layouts: Sequence[tables.Layout]) -> tuple[list[Record], list[Diagnostic]]:
    """The records of the first sheet whose header is one of ``layouts``', and the problems met."""
    if data.startswith(_COMPOUND_MAGIC):
        return _read_xls(data, path, layouts)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            return [], [_problem(path, f"a workbook of {unpacked:,} bytes unpacked, over the {MAX_UNPACKED:,} read; "
                                       "file skipped")]
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = (([_xlsx_value(cell) for cell in row] for row in ws.iter_rows()) for ws in workbook.worksheets)
            return _read_sheets(sheets, path, layouts)
        finally:
            workbook.close()
    except Exception as err:  # noqa: BLE001 - a damaged workbook fails in openpyxl, zipfile or the XML parser,
        # each with errors of its own kinds; whichever it is, the file is reported and the build goes on
        return [], [_problem(path, f"cannot read this workbook ({type(err).__name__}: {err}); file skipped")]


def _xlsx_value(cell: object) -> object:
    """An XLSX cell's value; a date whose format shows no year as it is shown ("19-Mar" for format d-mmm)."""
    value = getattr(cell, "value", None)
    shown = getattr(cell, "number_format", None)
    if isinstance(value, datetime.datetime) and isinstance(shown, str) and _DAY_AND_MONTH.fullmatch(shown):
        return _DATE_PART.sub(lambda part: _date_part(value, part.group()), shown)
    return value


_DAY_AND_MONTH = re.compile(r"(?:d{1,2}|m{1,4}|[-/. ])+")
"""A date format of day and month but no year: Excel gives a cell it took for a date one ("d-mmm"), and adds the
current year to its value, which the sheet does not show. Web of Science's tab-delimited export opened and saved
in Excel ("web_of_science_results.xlsx"): "PD MAR 19" of a 2016 article became 2019-03-19, shown "19-Mar"."""
_DATE_PART = re.compile(r"d{1,2}|m{1,4}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _date_part(value: datetime.datetime, part: str) -> str:
    """A day or month as a date format's part shows it ("d" 9, "dd" 09, "m" 3, "mmm" Mar, "mmmm" March)."""
    if part[0] == "d":
        return f"{value.day:0{len(part)}d}"
    if len(part) <= 2:
        return f"{value.month:0{len(part)}d}"
    return _MONTHS[value.month - 1][:3 if len(part) == 3 else None]


def _read_xls(data: bytes, path: str, layouts: Sequence[tables.Layout]) -> tuple[list[Record], list[Diagnostic]]:
    """The records of an XLS workbook (xlrd: a number cell as a float, a date cell as a number of days)."""
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        try:
            links = _xls_links(data)
            sheets = [[[links.get((sheet.name, n, col)) or _xls_value(cell, book.datemode)
                        for col, cell in enumerate(sheet.row(n))] for n in range(sheet.nrows)]
                      for sheet in (book.sheet_by_index(i) for i in range(book.nsheets))]
        finally:
            book.release_resources()
    except Exception as err:  # noqa: BLE001 - as for an XLSX workbook: xlrd's and the compound file's errors
        return [], [_problem(path, f"cannot read this workbook ({type(err).__name__}: {err}); file skipped")]
    return _read_sheets(sheets, path, layouts)


_BOUNDSHEET, _EOF, _FORMULA = 0x0085, 0x000A, 0x0006
"""The types of the BIFF8 records read here: a sheet's name and place, a substream's end, a cell's formula."""
_STRING_TOKEN, _FUNCTION_TOKENS, _HYPERLINK = 0x17, (0x22, 0x42, 0x62), 359
"""A formula's constant text (tStr), a call of a function of so many arguments (tFuncVar), and HYPERLINK's number."""


def _xls_links(data: bytes) -> dict[tuple[str, int, int], str]:
    """The link of each cell of an XLS workbook whose formula is HYPERLINK of constant text, by sheet name, row and
    column (from 0). Web of Science's "Excel" export writes its "DOI Link" as =HYPERLINK("http://dx.doi.org/…",
    "http://dx.doi.org/…") with a stored result of 0, which is what xlrd gives, and its "Web of Science Record" as
    the record's address with the words "View Full Record in Web of Science": the address is the value."""
    from xlrd import compdoc

    stream = compdoc.CompDoc(data).get_named_stream("Workbook") or b""
    links: dict[tuple[str, int, int], str] = {}
    for name, start in _xls_sheets(stream):
        for kind, body in _biff_records(stream, start):
            if kind == _EOF:
                break
            if kind == _FORMULA and len(body) >= 22 and (link := _hyperlink(body[22:22 + _u16(body, 20)])):
                links[(name, _u16(body, 0), _u16(body, 2))] = link
    return links


def _biff_records(stream: bytes, start: int) -> Iterator[tuple[int, bytes]]:
    """The records of a BIFF stream from ``start``: each one's type and body."""
    pos = start
    while pos + 4 <= len(stream):
        kind, size = _u16(stream, pos), _u16(stream, pos + 2)
        yield kind, stream[pos + 4:pos + 4 + size]
        pos += 4 + size


def _xls_sheets(stream: bytes) -> list[tuple[str, int]]:
    """Each sheet's name and where its records start, as the workbook's BOUNDSHEET records say."""
    sheets = []
    for kind, body in _biff_records(stream, 0):
        if kind == _EOF:
            break
        if kind == _BOUNDSHEET and len(body) >= 8:
            name, _ = _biff_text(body, 6)
            sheets.append((name, int.from_bytes(body[0:4], "little")))
    return sheets


def _hyperlink(tokens: bytes) -> str:
    """The link of a formula that is HYPERLINK of constant texts (its first argument); "" for any other."""
    texts: list[str] = []
    pos = 0
    while pos + 2 < len(tokens) and tokens[pos] == _STRING_TOKEN:
        text, pos = _biff_text(tokens, pos + 1)
        texts.append(text)
    if texts and len(tokens) == pos + 4 and tokens[pos] in _FUNCTION_TOKENS and tokens[pos + 1] & 0x7F == len(
            texts) and _u16(tokens, pos + 2) & 0x7FFF == _HYPERLINK:
        return texts[0]
    return ""


def _biff_text(data: bytes, pos: int) -> tuple[str, int]:
    """A BIFF8 text whose length (in characters) is the byte at ``pos``, then a byte of flags (its first bit set:
    UTF-16, else Latin-1), then the characters; and where the data after it starts."""
    wide = data[pos + 1] & 1 if pos + 1 < len(data) else 0
    end = pos + 2 + data[pos] * (2 if wide else 1)
    raw = data[pos + 2:end]
    return raw.decode("utf-16-le", "replace") if wide else raw.decode("latin-1"), end


def _u16(data: bytes, pos: int) -> int:
    return int.from_bytes(data[pos:pos + 2], "little")


def _xls_value(cell: xlrd.sheet.Cell, datemode: int) -> object:
    """A cell's value as openpyxl gives an XLSX cell's: a date as a datetime, a truth value as a bool, an error as
    Excel shows it ("#N/A")."""
    import xlrd  # imported already (_read_xls): a lookup

    value = cell.value
    if cell.ctype == xlrd.XL_CELL_DATE and isinstance(value, float):
        try:
            return xlrd.xldate.xldate_as_datetime(value, 1 if datemode else 0)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if cell.ctype == xlrd.XL_CELL_ERROR and isinstance(value, int):
        return xlrd.error_text_from_code.get(value, "#ERROR")
    return value


Sheet = Iterable[Sequence[object]]
"""A sheet as its rows of cell values, top to bottom."""


def _read_sheets(sheets: Iterable[Sheet], path: str, layouts: Sequence[tables.Layout]
                 ) -> tuple[list[Record], list[Diagnostic]]:
    """The records of the first of ``sheets`` whose header is one of ``layouts``'."""
    for sheet in sheets:
        rows = _rows(sheet)
        top = [next(rows, None) for _ in range(HEADER_ROWS)]
        for n, row in enumerate(top):
            layout = next((layout for layout in layouts if row is not None and layout.fits(row.values)), None)
            if layout is None or row is None:
                continue
            header = [name.strip() for name in row.values]
            found = (_padded(r, len(header)) for r in (*top[n + 1:], *rows) if r is not None)
            if layout.rows_read is not None:
                return layout.rows_read(header, found, path)
            return tables.records_of(layout.format, f"{layout.name} (as a workbook)", header, found, path,
                                     row.line, layout.sections, layout.least_columns)
    return [], [Diagnostic(Level.WARNING, SourceSpan(path, 1), (
        "a workbook whose sheets start with no known export's columns (Scopus, Web of Science, Embase, "
        "EPPI-Reviewer, Lens.org, PubMed…, as their CSV exports name them); file skipped"))]


def _rows(values: Sheet) -> Iterator[tables.Row | None]:
    """Each row as text, numbered from 1; None for a row of no values."""
    for number, row in enumerate(values, start=1):
        cells = [_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        yield tables.Row(number, cells, [number] * len(cells)) if cells else None


def _padded(row: tables.Row, width: int) -> tables.Row:
    """A row whose last cells are empty, as wide as its header: a spreadsheet does not write empty cells."""
    if len(row.values) >= width:
        return row
    missing = width - len(row.values)
    return tables.Row(row.line, [*row.values, *[""] * missing], [*row.lines, *[row.line] * missing])


def _text(value: object) -> str:
    """A cell's value as a spreadsheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT_INTEGERS:
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


_EXACT_INTEGERS = 2**53
"""A whole number up to this is its number cell's float exactly: Web of Science's Excel export writes the article
number 1550059420933086 of an article of Clinical EEG and Neuroscience as such a cell (16 digits)."""


def _problem(path: str, message: str) -> Diagnostic:
    return Diagnostic(Level.ERROR, SourceSpan(path, 1), message)
