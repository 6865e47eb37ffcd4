"""The plan: every page of the site, its output path, template and context, decided before any template runs.

Owns ``pages`` (Site, Page, the list entries and links every page shows, path checks), ``urls`` (the output
path of every page kind), ``listing`` and ``orders`` (long lists in pages and in several orders, the author index
by letter), ``feeds`` (Atom, sitemap, robots.txt) and ``outline`` (the plan as a sequence whose pages of the
kinds a site has by the thousand are made when asked for). A page's context is made of ready-to-show
values; its costly half (related articles, co-authors, head metadata) is made by the plan's own code in the
process that renders the page (``Page.more``).

May import: model, prose, cite, i18n, config, diagnostics.
Never imports: readers, render, output, commands, build, speedups, workers, installed.
"""
