"""The site's own prose: Markdown summaries, free pages and the introduction, as safe HTML.

Owns ``markdown`` (front matter and markdown-it-py with raw HTML off and a link allow-list), ``summaries``
(content/summaries/*.md, attached to the articles they name) and ``free_pages`` (content/index.md and
content/pages/*.md).

May import: model, diagnostics.
Never imports: readers, cite, plan, render, output, commands, build, i18n, config, speedups, workers,
installed.
"""
