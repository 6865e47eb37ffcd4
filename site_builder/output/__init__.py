"""The output folder: every planned page rendered and written into it, and the pre-flight check of it.

Owns ``pages`` (rendering and writing every page, in worker processes on a large site), ``write`` (the only
code that writes the output folder: atomic writes, unchanged files left alone, stale ones removed), ``search``
(Pagefind's index of the written pages, from what the templates mark) and ``preflight`` (what GitHub Pages will
refuse or warn about, links out of the site).

May import: render, plan, cite, config, diagnostics, workers.
Never imports: readers, model, prose, commands, build, i18n, speedups.
"""
