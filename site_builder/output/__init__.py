"""The output folder: every planned page rendered and written into it, and the pre-flight check of it.

Owns ``pages`` (rendering and writing every page, in worker processes on a large site), ``write`` (the only
code that writes the output folder: atomic writes, unchanged files left alone, stale ones removed), ``search``
(Pagefind's index of the written pages, from what the templates mark) and ``preflight`` (what GitHub Pages will
refuse or warn about, links out of the site), and what one build lends the next: ``cache`` (the build cache
beside the site, never in the output: record files as read, formatted references, the stamp of every source),
``fingerprints`` (each page's digest, so that a rebuild renders and writes only the pages that changed) and
``pagetable`` (those digests kept beside the pages, with what a build with nothing to do needs to say so; it
imports no stage's libraries). The model is imported for the first two: the cache keeps the site's authors.toml
in view, and a page's fingerprint digests the articles it shows (model/packing.py).

May import: render, plan, cite, model, config, diagnostics, workers, installed.
Never imports: readers, prose, commands, build, i18n, speedups.
"""
