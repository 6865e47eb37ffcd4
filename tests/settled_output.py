"""The files of a build whose bytes the build decides: every one, the search index's too (Pagefind's hash-map
orders are settled by output/indexer.py, and its pages numbered in an order of the build's, whatever order the
file system lists them in), but the index's stamp and the page fingerprints.
"""

from __future__ import annotations

from site_builder.output import search
from site_builder.output.pagetable import PAGES_FILE


def settled(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files whose bytes a build decides: all but the index's stamp, which records when the pages it read were
    written, so that a rebuild can tell they are the same, and the page fingerprints, which record when their
    build began."""
    return {rel: data for rel, data in files.items() if rel not in (search.STAMP, PAGES_FILE)}
