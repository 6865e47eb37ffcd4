"""The version of an installed distribution, as its ``NAME-VERSION.dist-info`` folder names it (the layout that
installing a wheel makes: PEP 427, PEP 503's name normalization): what ``importlib.metadata.version`` answers,
without importing importlib.metadata and the email parser it brings (some 0.02 s of every build, a tenth of one
that has nothing to do) nor reading each METADATA file. A distribution that no such folder names (an egg, a zip
on the path) is asked of importlib.metadata, imported then."""

from __future__ import annotations

import functools
import os
import re
import sys

_SEPARATORS = re.compile(r"[-_.]+")


def version(distribution: str) -> str | None:
    """The installed version of ``distribution``, the first found along ``sys.path`` as importlib.metadata finds
    it; None when it is not installed."""
    found = _dist_info_versions(tuple(sys.path)).get(_normalized(distribution))
    if found is not None:
        return found
    import importlib.metadata  # only here: see the module's docstring

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _normalized(name: str) -> str:
    return _SEPARATORS.sub("_", name).lower()


@functools.cache
def _dist_info_versions(path: tuple[str, ...]) -> dict[str, str]:
    """{normalized name: version} of the ``.dist-info`` folders in the folders of ``path``, the first one of each
    name in the path's order (one listing of each folder, once a process for the same path)."""
    versions: dict[str, str] = {}
    for entry in path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file or a path hook's name, not a folder
            continue
        for name in names:
            if name.endswith(".dist-info"):
                distribution, dash, found = name[:-len(".dist-info")].partition("-")
                if dash and found and "-" not in found:
                    versions.setdefault(_normalized(distribution), found)
    return versions
