#!/usr/bin/env python3
"""CPU time of formatting references: each article of a site in the three styles, in this one process, as a cold
build's workers format them (cite/cache.py); the articles read and modelled first, outside the timing.

Prints CPU milliseconds per article for each style and in all (reading the CSL item, citeproc-py, sanitizing),
and with ``--json`` writes every reference (style, html, text by article key) for a byte-for-byte comparison of two
versions. To time another commit's package, put its export first on PYTHONPATH (bench_build.py ``--ref``
makes one under its work folder).

  .venv/bin/python benchmarks/bench_references.py SITE [--limit N] [--locale es] [--json refs.json]
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
from pathlib import Path
from typing import Any

from site_builder.build import _read_and_model
from site_builder.cite import references
from site_builder.diagnostics import Report
from site_builder.output import cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles by key (0: all)")
    parser.add_argument("--locale", default="en-US", help="the CSL locale (en-US, es, fr-FR…)")
    parser.add_argument("--json", type=Path, help="write every reference here")
    args = parser.parse_args()

    model = _read_and_model(args.site, Report(), cache.CacheFolder(args.site, lambda notice: None, clean=True))
    articles = model.library.articles
    keys = sorted(articles)[: args.limit or None]
    references.format_references(articles[keys[0]], locale=args.locale)  # the styles loaded, outside the timing
    shares = "sources" in inspect.signature(references.format_reference).parameters
    spent = dict.fromkeys((style.id for style in references.STYLES), 0.0)
    cited: dict[str, list[list[str]]] = {}
    started = time.process_time()
    for key in keys:
        sources: dict[bool, Any] = {}
        rows = []
        for style in references.STYLES:
            before = time.process_time()
            if shares:
                citation = references.format_reference(articles[key], style, args.locale, sources)
            else:  # an earlier version, whose styles share nothing
                citation = references.format_reference(articles[key], style, args.locale)
            spent[style.id] += time.process_time() - before
            rows.append([citation.style_id, citation.html, citation.text])
        cited[key] = rows
    total = time.process_time() - started
    per = {style: round(1000 * seconds / len(keys), 3) for style, seconds in spent.items()}
    print(f"{len(keys)} articles, {3 * len(keys)} references, locale {args.locale}: CPU ms per article {per}, "
          f"all {1000 * total / len(keys):.3f}")
    if args.json:
        args.json.write_text(json.dumps(cited, ensure_ascii=False, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
