"""Records in a JSON file, each with the 1-based line of the record and of each of its keys.

The standard json module tells a position only when it fails, so this module walks the few levels that matter
itself (the array of records, each record's keys) and lets json's C scanner decode every value. A syntax error
inside one record is reported at its line; reading goes on at the next line that opens a record at the same
indentation, so the other records still load. The CSL-JSON, Crossref, OpenAlex, Europe PMC, VuFind, PLOS and
Publish or Perish readers share it.

Values become text without loss: a string stays as it is, a list gives one value per item, and anything else
(numbers, objects, nested lists) is kept as its JSON text, e.g. ``{"date-parts": [[2019, 10]]}``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Field, Record

_DECODER = json.JSONDecoder()

OPENALEX_KEYS = frozenset({"authorships", "abstract_inverted_index", "primary_location", "host_venue"})
"""Keys of an OpenAlex work (its API's JSON) that no record the other JSON readers read has: openalex_json.py knows
its works by them. Such a work has a CSL type ("article", "review", "dataset"), a title and PLOS's
``publication_date``, but its names, dates and journal lie under keys the CSL-JSON and PLOS readers do not know:
read by one of them, its page would show a title alone."""
_WS = re.compile(r"[ \t\n\r]*")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class _Member:
    key: str
    key_pos: int
    value_pos: int
    value: object


@dataclass(frozen=True, slots=True)
class _Found:
    """Records found so far and the problems met, as (position, message)."""

    objects: list[tuple[int, list[_Member]]]
    problems: list[tuple[int, str]]


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def line(self, pos: int) -> int:
        return bisect_right(self.starts, pos)

    def start_of(self, pos: int) -> int:
        return self.starts[self.line(pos) - 1]


def read(text: str, path: str, fmt: str, containers: tuple[tuple[str, ...], ...] = ()
         ) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of a JSON file: the items of a top-level array, the items of the arrays found at the
    ``containers`` key paths of a top-level object (``("response", "docs")``), the one record an object at such a
    path is (Crossref's ``("message",)``), or else the object itself."""
    text = text.removeprefix("\ufeff")
    header, start = _http_header(text)
    lines = _Lines(text)
    found = _find(text, _skip(text, start), containers, lines)
    diagnostics = [Diagnostic(Level.ERROR, SourceSpan(path, lines.line(pos)), message)
                   for pos, message in found.problems]
    records = []
    for n, (pos, members) in enumerate(found.objects):
        fields = tuple(Field(_whole(m.key), tuple(map(_whole, values(m.value))), lines.line(m.key_pos))
                       for m in members)
        preamble = tuple(header) if n == 0 else ()
        records.append(Record(fmt, SourceSpan(path, lines.line(pos)), fields, preamble))
        diagnostics += [Diagnostic(Level.WARNING, SourceSpan(path, lines.line(m.key_pos)),
                                   f"'{_whole(m.key)}' holds half of a UTF-16 character (an escape such as \\ud800 "
                                   "with no other half), which no file can hold; it is shown as '\ufffd'")
                        for m in members if _LONE_SURROGATE.search(m.key + "".join(values(m.value)))]
    return records, diagnostics


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_answer(text: str, path: str, fmt: str, containers: tuple[tuple[str, ...], ...],
                empty: str) -> tuple[list[Record], list[Diagnostic]]:
    """``read``, for a search service's saved answer: one warning, ``empty``, at line 1 when it holds no record
    and nothing else was wrong (an answer to a search that found nothing)."""
    records, problems = read(text, path, fmt, containers)
    if not records and not problems:
        problems.append(Diagnostic(Level.WARNING, SourceSpan(path, 1), empty))
    return records, problems


def _whole(text: str) -> str:
    """``text`` with each lone surrogate (from an escape such as \\ud800; UTF-8 cannot encode it) replaced by
    U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def first_keys(text: str, containers: tuple[tuple[str, ...], ...] = ()) -> tuple[tuple[str, ...] | None,
                                                                                  frozenset[str]]:
    """Which of ``containers`` holds the records (None: the top-level array, or the object itself) and the keys
    of the first record, as ``read`` would find them; for sniffing a file by the keys of its records wherever
    they stand, however long the values before them. A text cut short (or broken) gives the keys before the cut.
    """
    text = text.removeprefix("\ufeff")
    pos = _skip(text, _http_header(text)[1])
    if text.startswith("[", pos):
        return None, _keys(text, _skip(text, pos + 1), ())[1]
    found, keys = _keys(text, pos, containers)
    return found, keys


def _keys(text: str, pos: int, containers: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...] | None,
                                                                                 frozenset[str]]:
    """The keys of the object at ``pos``, or of the first record of the array at one of the ``containers`` key
    paths below it (with that path), read as far as the text is valid."""
    keys: list[str] = []
    if not text.startswith("{", pos):
        return None, frozenset()
    pos = _skip(text, pos + 1)
    try:
        while text.startswith('"', pos):
            key, pos = _value(text, pos)
            keys.append(str(key))
            pos = _skip(text, pos)
            if not text.startswith(":", pos):
                break
            pos = _skip(text, pos + 1)
            below = tuple(path[1:] for path in containers if path[0] == key)
            if () in below and text.startswith("[", pos):  # the array of records
                return next(p for p in containers if p == (key,)), _keys(text, _skip(text, pos + 1), ())[1]
            if below and text.startswith("{", pos):
                found, inner = _keys(text, pos, tuple(p for p in below if p))
                if found is not None:
                    return (str(key), *found), inner
            _, pos = _value(text, pos)
            pos = _skip(text, pos)
            if not text.startswith(",", pos):
                break
            pos = _skip(text, pos + 1)
    except json.JSONDecodeError:
        pass  # cut short: the keys so far
    return None, frozenset(keys)


def values(value: object) -> tuple[str, ...]:
    """A JSON value as field values: one per list item; strings as they are, the rest as JSON text."""
    items = value if isinstance(value, list) else [value]
    return tuple(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in items)


def _http_header(text: str) -> tuple[list[str], int]:
    """A saved HTTP response starts with its status line and headers; the JSON body follows the first blank line."""
    if not text.startswith("HTTP/"):
        return [], 0
    m = re.search(r"\r?\n\r?\n", text)
    end = m.start() if m else len(text)
    return _LINE_END.split(text[:end]), m.end() if m else len(text)


def _find(text: str, pos: int, containers: tuple[tuple[str, ...], ...], lines: _Lines) -> _Found:
    if pos >= len(text) or text[pos] not in "[{":
        what = "the end of the file" if pos >= len(text) else repr(text[pos])
        return _Found([], [(pos, f"expected a JSON array or object of records, found {what}")])
    if text[pos] == "[":
        return _array_of_records(text, pos, lines)
    try:
        members, _ = _object(text, pos)
    except json.JSONDecodeError as error:
        return _recover_object(text, pos, error, lines)
    # Every container there is, in file order: Solr's MoreLikeThis answer holds the record it was asked about in
    # "match" and the similar ones in "response" (VuFind's test fixture solr/response/morelikethis).
    arrays = sorted(a for path in containers if (a := _descend(text, members, path)) is not None)
    if not arrays:
        return _Found([(pos, members)], [])
    parts = [_array_of_records(text, array_pos, lines) if text[array_pos] == "[" else _one_record(text, array_pos)
             for array_pos in arrays]
    return _Found([o for part in parts for o in part.objects], [p for part in parts for p in part.problems])


def _descend(text: str, members: list[_Member], path: tuple[str, ...]) -> int | None:
    """Position of the array (or the object) at ``path`` below an object whose members are known, or None."""
    for member in members:
        if member.key != path[0]:
            continue
        if len(path) == 1:
            return member.value_pos if isinstance(member.value, list | dict) else None
        if isinstance(member.value, dict):
            return _descend(text, _object(text, member.value_pos)[0], path[1:])
    return None


def _one_record(text: str, pos: int) -> _Found:
    """The object at ``pos`` as the one record of the file (it was read whole once already: it is valid)."""
    return _Found([(pos, _object(text, pos)[0])], [])


def _recover_object(text: str, pos: int, error: json.JSONDecodeError, lines: _Lines) -> _Found:
    """A top-level object that is not valid JSON: read the records array inside it, if there is one."""
    array = re.compile(r'"(?:docs|records|items|results?)"\s*:\s*(\[)').search(text, pos)
    message = f"{error.msg} (not valid JSON)"
    if array is None:
        return _Found([], [(error.pos, f"{message}; the record that starts at line {lines.line(pos)} was not read")])
    found = _array_of_records(text, array.start(1), lines)
    if not found.problems:
        found.problems.append((error.pos, f"{message}, outside the records; the records were read"))
    return found


def _array_of_records(text: str, pos: int, lines: _Lines) -> _Found:
    """The objects of the array at ``pos``; a broken one is reported and skipped, and reading goes on."""
    found = _Found([], [])
    pos = _skip(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        start = pos
        try:
            if text[pos] == "{":
                members, pos = _object(text, pos)
                found.objects.append((start, members))
            else:
                value, pos = _value(text, pos)
                found.problems.append((start, f"expected a record (a JSON object), found {type(value).__name__}"))
            pos = _skip(text, pos)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
            elif not text.startswith("]", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        except json.JSONDecodeError as error:
            next_record = _next_record(text, start, error.pos, lines)
            was = ("was read" if found.objects and found.objects[-1][0] == start else "was not read")
            rest = "" if next_record is not None else "; no record could be found after it"
            found.problems.append((error.pos, f"{error.msg} (not valid JSON); the record that starts at line "
                                              f"{lines.line(start)} {was}{rest}"))
            if next_record is None:
                break
            pos = next_record
    return found


def _next_record(text: str, start: int, error_pos: int, lines: _Lines) -> int | None:
    """Where the record after a broken one begins: the next line (past the error's line start) that opens an
    object at the broken record's indentation; any line opening an object when records do not start lines."""
    line_start = lines.start_of(start)
    indent = text[line_start:start]
    after = max(lines.start_of(error_pos), start + 1)
    if indent.strip(" \t") == "":
        opener = re.compile("^" + re.escape(indent) + r"\{", re.M)
    else:
        opener = re.compile(r"^[ \t]*,?[ \t]*\{", re.M)
    m = opener.search(text, after)
    return m.end() - 1 if m else None


def _object(text: str, pos: int) -> tuple[list[_Member], int]:
    """The members of the object at ``pos`` (its ``{``) with their positions, and the position after its ``}``."""
    members: list[_Member] = []
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return members, pos + 1
    while True:
        if not text.startswith('"', pos):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
        key_pos = pos
        key, pos = _value(text, pos)
        pos = _skip(text, pos)
        if not text.startswith(":", pos):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
        value_pos = _skip(text, pos + 1)
        value, pos = _value(text, value_pos)
        members.append(_Member(str(key), key_pos, value_pos, value))
        pos = _skip(text, pos)
        if text.startswith("}", pos):
            return members, pos + 1
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        pos = _skip(text, pos + 1)


def _value(text: str, pos: int) -> tuple[object, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except RecursionError:  # the scanner recurses once per level of brackets
        raise json.JSONDecodeError("Values nested too deeply to read", text, pos) from None
    except ValueError as err:  # a number of more digits than Python converts (sys.get_int_max_str_digits)
        raise json.JSONDecodeError(f"A number too long to read ({len(str(err))} digits or more)", text, pos) from None


def _skip(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos
