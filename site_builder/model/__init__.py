"""The model: records made into articles, and the Library of articles, authors, topics, journals and years.

Owns the data types (``article``: Record as read, Article as shown, and their parts), the values records give
(``identifiers``, ``dates``, ``languages``, ``sections``, ``normalize``), the inline styles of a text and the
one way they become HTML (``styles``), who is who (``names``, ``people``,
``people_rules``), one article per work (``merge``), the ``library`` of everything by key, and ``packing``
(articles as plain values, for the build cache and page fingerprints, and how an article is held once read: its
records' fields packed, values many articles share as one object). No I/O but
``people_rules`` reading authors.toml.

May import: diagnostics.
Never imports: readers, prose, cite, plan, render, output, commands, build, i18n, config, speedups, workers,
installed.
"""
