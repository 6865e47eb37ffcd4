"""Byte strings a build holds for later, kept in an unnamed temporary file instead of in memory.

What the main process gathers while the pages are rendered (the page table's rows) is read once, after the last
page; held in memory it grows the main process while its workers run, and a worker forked later counts what its
parent holds in its own resident size.
"""

from __future__ import annotations

import tempfile
from typing import IO

Place = tuple[int, int]
"""Where a byte string is in the file: (offset, length)."""


class Spill:
    """An unnamed temporary file, made with the first byte string kept and gone once closed (or collected)."""

    __slots__ = ("_end", "_file")

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0

    def keep(self, data: bytes) -> Place:
        """Write ``data`` at the end of the file; where it is."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="site-builder-")  # noqa: SIM115 - closed by close()
        self._file.seek(self._end)
        self._file.write(data)
        place = (self._end, len(data))
        self._end += len(data)
        return place

    def read(self, place: Place) -> bytes:
        """The bytes kept at ``place``."""
        assert self._file is not None, "read only what was kept"
        offset, length = place
        self._file.seek(offset)
        return self._file.read(length)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file, self._end = None, 0

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
