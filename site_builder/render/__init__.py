"""Rendering: the Jinja environment and its filters, and a template with its context made into text.

Owns ``pages`` (the environment, autoescaped and strict, every filter and global registered in one place, and
``render``: pure, a template name and a context in, a string out) and ``theme`` (where the default templates and
static files are, and the site's own that replace them).

May import: plan, model, i18n, speedups, diagnostics.
Never imports: readers, prose, cite, output, commands, build, config, workers, installed.
"""
