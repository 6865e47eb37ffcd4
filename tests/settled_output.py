"""The files of a build whose bytes the build decides.

One known exception, Pagefind's: it writes the values of each search facet in the order of a hash map, so the
facet files (pagefind/filter/*) and the two files that name them (the .pf_meta index and pagefind-entry.json)
hold the same facts in another order, under other names, from one indexing to the next (pagefind/src/index/mod.rs:
"TODO: Change filter indexes to BTree to give them a stable hash").
"""

from __future__ import annotations

import re

from site_builder.output import search
from site_builder.output.write import MANIFEST

PAGEFIND_UNORDERED = re.compile(
    r"pagefind/(people/)?(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")


def settled(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files whose bytes a build decides, and a count of the facet files whose order Pagefind leaves to chance.
    The index's stamp records when the pages it read were written, so that a rebuild can tell they are the same."""
    kept = {rel: data for rel, data in files.items()
            if not PAGEFIND_UNORDERED.fullmatch(rel) and rel != search.STAMP}
    kept["(facet files)"] = str(sum(1 for rel in files if rel.startswith("pagefind/filter/"))).encode()
    if MANIFEST in kept:
        lines = kept[MANIFEST].decode().splitlines()
        kept[MANIFEST] = "\n".join(line for line in lines if not PAGEFIND_UNORDERED.fullmatch(line)).encode()
    return kept
