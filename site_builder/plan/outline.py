"""The plan as a sequence of pages (``Plan``): every page's path and template known at once, and the pages of the
kinds a site has by the thousand (each article's page and downloads, each author's page) made only when asked for.

After an edit a build renders a few of the 70,000 pages of 10,000 records and keeps the others by their paths and
templates alone (output/pages.py): making a page object for each of those was half of the plan's time.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, overload

if TYPE_CHECKING:
    from .pages import Page


class _Part(NamedTuple):
    """Consecutive pages of the plan: each one's path, and how the page at a place in the part is made."""

    paths: list[str]
    make: Callable[[int], Page]
    """The page at a place of the part, made anew each time it is asked for (or the one made already)."""
    template: str | None
    """The template of every page of the part; None: each page's own (pages made already)."""
    made: list[Page] | None
    """The part's pages, when they were made already."""


class Plan(Sequence["Page"]):
    """Every page of the site in plan order. The pages of a part added with ``add_later`` are made when asked for
    (by ``__getitem__``, ``made`` or a walk), each time anew: whoever asks holds them."""

    def __init__(self) -> None:
        self._parts: list[_Part] = []
        self._starts: list[int] = []
        self._length = 0
        self._paths: list[str] | None = None

    def add(self, pages: Iterable[Page]) -> None:
        """Add pages made already, in order."""
        made = list(pages)
        if made:
            self._add(_Part([page.path for page in made], made.__getitem__, None, made))

    def add_later(self, template: str, paths: list[str], make: Callable[[int], Page]) -> None:
        """Add a page of ``template`` at each of ``paths``, in order, ``make(n)`` making the one at ``paths[n]``."""
        if paths:
            self._add(_Part(paths, make, template, None))

    def _add(self, part: _Part) -> None:
        self._parts.append(part)
        self._starts.append(self._length)
        self._length += len(part.paths)
        self._paths = None

    @property
    def paths(self) -> list[str]:
        """Every page's path, in plan order (one list, made once: the page objects' own strings)."""
        if self._paths is None:
            self._paths = list(itertools.chain.from_iterable(part.paths for part in self._parts))
        return self._paths

    def templates(self) -> list[str]:
        """Every page's template, in plan order."""
        found: list[str] = []
        for part in self._parts:
            if part.template is not None:
                found.extend(itertools.repeat(part.template, len(part.paths)))
            else:
                assert part.made is not None
                found.extend([page.template for page in part.made])
        return found

    def template_names(self) -> set[str]:
        """The templates the pages use, each once."""
        return {part.template for part in self._parts if part.template is not None} | {
            page.template for part in self._parts if part.made is not None for page in part.made}

    def made_already(self) -> Iterator[Page]:
        """The pages made when they were added, in plan order."""
        for part in self._parts:
            if part.made is not None:
                yield from part.made

    def made(self, numbers: Iterable[int]) -> list[Page]:
        """The pages at ``numbers`` (places in the plan, ascending), made: part by part, a whole part at once."""
        wanted = numbers if type(numbers) is list else list(numbers)
        found: list[Page] = []
        low = 0
        for part, start in zip(self._parts, self._starts, strict=True):
            high = bisect.bisect_left(wanted, start + len(part.paths), low)
            if high - low == len(part.paths):  # every page of the part (all of them: a clean build)
                found += part.made if part.made is not None else map(part.make, range(len(part.paths)))
            elif high > low:
                found += map(part.make, [n - start for n in wanted[low:high]])
            low = high
        return found

    def clear(self) -> None:
        """Let go of every part: the plan is empty."""
        self._parts, self._starts, self._length, self._paths = [], [], 0, None

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Page]:
        for part in self._parts:
            if part.made is not None:
                yield from part.made
            else:
                yield from map(part.make, range(len(part.paths)))

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | Sequence[Page]:
        if isinstance(index, slice):
            return self.made(range(*index.indices(self._length)))
        n = index + self._length if index < 0 else index
        if not 0 <= n < self._length:
            raise IndexError("plan index out of range")
        at = bisect.bisect_right(self._starts, n) - 1
        return self._parts[at].make(n - self._starts[at])
