#!/usr/bin/env python3
"""CPU time of the download files' pieces: each article of a site serialized in every download format (BibTeX, RIS,
MEDLINE, CSL-JSON), with and without its abstract, in this one process, as a build's render workers make them
(cite/exports.py); the articles read and modelled first, outside the timing.

Prints CPU milliseconds per article for each format, and with ``--digest`` a digest of every piece, for a
byte-for-byte comparison of two versions. To time another commit's package, put its export first on PYTHONPATH.

  .venv/bin/python benchmarks/bench_exports.py SITE [--limit N] [--repeats 3] [--digest]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from site_builder.build import _read_and_model
from site_builder.cite import keys
from site_builder.cite.exports import export_piece
from site_builder.diagnostics import Report
from site_builder.output import cache

FORMATS = ("bibtex", "ris", "medline", "csl-json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--repeats", type=int, default=3, help="rounds; the best is reported")
    parser.add_argument("--digest", action="store_true", help="print a digest of every piece made")
    args = parser.parse_args()
    model = _read_and_model(args.site, Report(), cache.CacheFolder(args.site, print))
    articles = model.library.articles
    cited = keys.keyed_citation_keys(articles.items())
    entries = [(cited[key], article) for key, article in articles.items()]
    if args.limit:
        entries = entries[:args.limit]
    digest = hashlib.sha256()
    for fmt in FORMATS:
        best = float("inf")
        for _round in range(args.repeats):
            started = time.process_time()
            pieces = [export_piece(fmt, article, key, abstracts) for key, article in entries
                      for abstracts in (True, False)]
            best = min(best, time.process_time() - started)
        for piece in pieces:
            digest.update(piece.encode("utf-8") + b"\0")
        print(f"{fmt:9s} {best / len(entries) * 1000:7.3f} ms an article (with and without its abstract)")
    if args.digest:
        print(f"digest of every piece: {digest.hexdigest()}")


if __name__ == "__main__":
    main()
