"""What a page's costly part (``Page.more``) read of the library: the entries it asked for, so that a rebuild keeps
the part when those entries are as they were, whatever else of the library changed (a record added to another
author, another topic).

The plan's ``more`` functions reach the library only through the ``Site`` and ``Links`` among their arguments
(plan/pages.py). Here they are called with both replaced by views that note every entry asked of each map (the
library's, the links', the site's references); the part's reads are those (map, keys), and the digest of the
entries found under them is kept with it (fingerprints.py). A part that lists a map whole, or reads anything of
the site besides its settings, its library and its references, noted nothing that could be checked: it is made
again by every build whose library changed.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping
from typing import Any

from ..model.library import Library
from ..plan.pages import Links, Site

Reads = tuple[tuple[str, tuple[str, ...]], ...]
"""(map, its keys asked for, sorted) of every map a part asked of, by the map's name ("library.authors")."""

SITE_READS = frozenset({"config", "pages", "intro_html"})
"""What a costly part may read of the site besides its library and references (fingerprints.MORE_READS): in the
basis that every kept part is checked against."""


class _Noted(Mapping[str, Any]):
    """A map that notes the keys asked of it; listing it whole is noted too."""

    __slots__ = ("_map", "keys_read", "whole")

    def __init__(self, mapping: Mapping[str, Any]) -> None:
        self._map = mapping
        self.keys_read: set[Any] = set()
        self.whole = False

    def __getitem__(self, key: Any) -> Any:
        self.keys_read.add(key)
        return self._map[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self.keys_read.add(key)
        return self._map.get(key, default)

    def __contains__(self, key: object) -> bool:
        self.keys_read.add(key)
        return key in self._map

    def __iter__(self) -> Iterator[str]:
        self.whole = True
        return iter(self._map)

    def __len__(self) -> int:
        self.whole = True
        return len(self._map)


class _SiteSeen:
    """The site as a costly part sees it: its library and references noted, its settings as they are; reading
    anything else of it (a property made from the whole library) makes the part's reads unknown."""

    def __init__(self, site: Site, library: Library, references: _Noted) -> None:
        self._site = site
        self.library = library
        self.references = references
        self.other = False

    def __getattr__(self, name: str) -> Any:
        if name not in SITE_READS:
            self.other = True
        return getattr(self._site, name)


class Noting:
    """Views of the site and links among a costly part's arguments, which note what the part reads."""

    def __init__(self, more: functools.partial[dict[str, Any]]) -> None:
        self._maps: dict[str, _Noted] = {}
        self._sites: list[_SiteSeen] = []
        self.args = tuple(self._seen(value) for value in more.args)
        self.keywords = {name: self._seen(value) for name, value in more.keywords.items()}

    def _seen(self, value: Any) -> Any:
        if isinstance(value, Site):
            library = dataclasses.replace(  # the bylines' sorting cache left behind: a hit would hide a read
                value.library, sorted_bylines={},
                **{name: self._noted(f"library.{name}", getattr(value.library, name)) for name in library_maps()})
            seen = _SiteSeen(value, library, self._noted("site.references", value.references))
            self._sites.append(seen)
            return seen
        if isinstance(value, Links):
            return dataclasses.replace(value, **{name: self._noted(f"links.{name}", getattr(value, name))
                                                 for name in _LINKS_MAPS})
        return value

    def _noted(self, name: str, mapping: Mapping[str, Any]) -> Any:
        noted = self._maps[name] = _Noted(mapping)
        return noted

    def reads(self) -> Reads | None:
        """What the part read; None when it cannot be told (a map listed whole, a key that is not text, another
        part of the site read)."""
        if any(site.other for site in self._sites):
            return None
        found = []
        for name, noted in sorted(self._maps.items()):
            if noted.whole or not all(type(key) is str for key in noted.keys_read):
                return None
            if noted.keys_read:
                found.append((name, tuple(sorted(noted.keys_read))))
        return tuple(found)


def call_noting(more: functools.partial[dict[str, Any]]) -> tuple[dict[str, Any], Reads | None]:
    """What ``more`` makes, and what it read of the library (``Noting.reads``)."""
    noting = Noting(more)
    return more.func(*noting.args, **noting.keywords), noting.reads()


def maps_of(more: functools.partial[dict[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The maps that the site and links among ``more``'s arguments hold, by the names ``Reads`` gives them."""
    maps: dict[str, Mapping[str, Any]] = {}
    for value in (*more.args, *more.keywords.values()):
        if isinstance(value, Site):
            maps["site.references"] = value.references
            maps.update((f"library.{name}", getattr(value.library, name)) for name in library_maps())
        elif isinstance(value, Links):
            maps.update((f"links.{name}", getattr(value, name)) for name in _LINKS_MAPS)
    return maps


@functools.cache
def library_maps() -> tuple[str, ...]:
    """The library's maps that take part in comparing libraries (not its caches)."""
    return tuple(f.name for f in dataclasses.fields(Library) if f.compare)


_LINKS_MAPS = tuple(f.name for f in dataclasses.fields(Links))
