"""A list download written again from the file its last build wrote: the bytes of each entry whose article and
citation key are unchanged copied from that file, only the changed articles' entries made again.

After an edit, the collection's list downloads (every article, in each format) are written again for the one
article that changed. Joined again from each article's piece, they cost a step for each of their entries
(30,000 at 10,000 records, half the time such a rebuild spent writing) and the pieces' cache loaded for them.
The page table keeps, for each list file, the digest of its entries' order (each citation key and the place in
the library of its article) and each entry's length in bytes (pagetable.Layout): when a list's order is what it
was and its file is as that build left it, the file is the old one with the changed articles' entries replaced.

An entry is copied only when its article's place is not among the places whose digest changed since the page
table was made (fingerprints.Reuse.changed, all of them when the library's keys changed) and its citation key is
the same: a piece is made from its format, its article and its key alone (cite/exports.py's export_piece).
"""

from __future__ import annotations

import array
import itertools
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .cache import content_digest
from .pagetable import Entry, Layout

LENGTHS = "I"
"""The array type of the entries' lengths (4 bytes each)."""
READ = 1 << 20
"""Bytes of the old file read at once."""


def order_digest(entries: Iterable[tuple[str, Any]], place: Callable[[Any], int | None]
                 ) -> tuple[bytes, array.array[int]] | None:
    """The digest of a list's (citation key, article) ``entries`` in order, each article as its ``place`` in the
    library, and those places; None when an article has none. (The list's path, which the page table's entry is
    under, says its format.)"""
    keys: list[str] = []
    places = array.array("i")
    for key, article in entries:
        found = place(article)
        if found is None:
            return None
        keys.append(key)
        places.append(found)
    return content_digest(marshal.dumps((keys, places.tobytes()), 0)), places


def lengths_of(layout: Layout) -> array.array[int]:
    lengths = array.array(LENGTHS)
    lengths.frombytes(layout[1])
    return lengths


@dataclass(frozen=True)
class Splice:
    """How a list file is made from the one its last build wrote: its entries at ``changed`` made again."""

    size: int
    """Of the file as the last build left it."""
    lengths: array.array[int]
    """Of each entry in that file."""
    changed: tuple[int, ...]
    """The entries made again, in order."""
    order: bytes


def plan(last: Entry | None, order: tuple[bytes, array.array[int]], changed: frozenset[int],
         frame: tuple[bytes, bytes, bytes]) -> Splice | None:
    """How a list file whose entries are in ``order`` (order_digest) is made from its last build's, described by
    ``last`` (its page table entry), the entries of the ``changed`` places made again; None when that entry does
    not describe a file of the same order. ``frame``: the format's bytes before the first entry, between two and
    after the last (exports.file_frame)."""
    digest, places = order
    if last is None or last.layout is None or last.layout[0] != digest:
        return None
    lengths = lengths_of(last.layout)
    start, between, end = map(len, frame)
    if not lengths or len(lengths) != len(places) \
            or last.size != start + sum(lengths) + between * (len(lengths) - 1) + end:
        return None
    made = tuple(n for n, place in enumerate(places) if place in changed)
    if len(made) * 2 > len(lengths):  # mostly new (the library's keys changed): joined from pieces instead
        return None
    return Splice(last.size, lengths, made, digest)


def spliced(fd: int, splice: Splice, pieces: list[bytes], frame: tuple[bytes, bytes, bytes]
            ) -> tuple[Iterator[bytes], Layout]:
    """The new file's bytes in parts, from the old file open as ``fd`` and the ``pieces`` of the entries at
    ``splice.changed``, and its layout. The old file is read as the parts are asked for."""
    start, between = len(frame[0]), len(frame[1])
    offsets = itertools.accumulate((n + between for n in splice.lengths), initial=start)
    where = list(itertools.islice(offsets, len(splice.lengths)))
    lengths = array.array(LENGTHS, splice.lengths)
    for n, piece in zip(splice.changed, pieces, strict=True):
        lengths[n] = len(piece)

    def parts() -> Iterator[bytes]:
        at = 0
        for n, piece in zip(splice.changed, pieces, strict=True):
            yield from _read(fd, at, where[n])
            yield piece
            at = where[n] + splice.lengths[n]
        yield from _read(fd, at, splice.size)

    return parts(), (splice.order, lengths.tobytes())


def old_changed(fd: int, splice: Splice, frame: tuple[bytes, bytes, bytes]) -> list[bytes]:
    """The bytes in the old file of each entry at ``splice.changed``: where the new pieces are these, the new
    file is the old one, byte for byte (an edit the list's format does not show, a summary)."""
    start, between = len(frame[0]), len(frame[1])
    where = list(itertools.accumulate((n + between for n in splice.lengths), initial=start))
    return [b"".join(_read(fd, where[n], where[n] + splice.lengths[n])) for n in splice.changed]


def old_pieces(fd: int, splice: Splice, frame: tuple[bytes, bytes, bytes]) -> Iterator[bytes]:
    """The bytes of each entry in the old file (to check those copied: fingerprints.VERIFY)."""
    at = len(frame[0])
    for length in splice.lengths:
        yield b"".join(_read(fd, at, at + length))
        at += length + len(frame[1])


def _read(fd: int, start: int, end: int) -> Iterator[bytes]:
    """Bytes ``start`` to ``end`` of the file open as ``fd``, READ at a time; OSError when it is shorter."""
    while start < end:
        data = os.pread(fd, min(READ, end - start), start)
        if not data:
            raise OSError(f"the file changed while it was read ({start} of {end} bytes)")
        start += len(data)
        yield data
