"""Cite it, export it, be found: an Article as CSL-JSON, formatted references, reference-manager exports and
the machine-readable metadata of its page. Pure, Articles in and strings out, but for ``cache``.

- ``csl``: the CSL-JSON item, the common input of the rest.
- ``references``: Vancouver/NLM, AMA and APA references through citeproc-py, as safe HTML and text.
- ``english``: whether a title of a record that names no language is plainly not English (no title case).
- ``cache``: every article's references, formatted in worker processes and kept between builds.
- ``keys``, ``bibtex``, ``ris``, ``medline``, ``exports``: the download files and their shared citation keys.
- ``meta``: Highwire Press tags, schema.org JSON-LD and Open Graph.

May import: model, i18n, diagnostics, speedups, workers.
Never imports: readers, prose, plan, render, output, commands, build, config, installed.
"""

from .csl import to_csl_json
from .exports import export_entry, export_file
from .keys import citation_keys, keyed_citation_keys, keys_and_shared
from .meta import highwire_meta, json_ld, opengraph
from .references import STYLES, Citation, Style, fingerprint, format_references

__all__ = [
    "STYLES",
    "Citation",
    "Style",
    "citation_keys",
    "export_entry",
    "export_file",
    "keyed_citation_keys",
    "keys_and_shared",
    "fingerprint",
    "format_references",
    "highwire_meta",
    "json_ld",
    "opengraph",
    "to_csl_json",
]
