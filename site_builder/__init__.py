"""site-builder: a static-website generator for collections of review articles and their summaries.

The folders follow the build (docs/architecture.md): ``readers`` → ``model`` → ``plan`` → ``render`` →
``output``, with ``prose`` (the site's own Markdown) and ``cite`` (references and exports) beside them,
``build.py`` listing the stages and ``commands`` on top. Each sub-package's docstring says what it owns, what it
may import and what it never imports; tests/test_layout.py keeps that true.

Any stage may import these five, which import no stage: ``diagnostics`` (problems and where they are),
``config`` (site.toml), ``speedups`` (the tricks that lean on other libraries' internals), ``workers`` (forked
worker processes) and ``installed`` (the installed libraries' versions, which the build cache's code digest and
the speed tricks check).

``i18n`` (the interface's language: Babel catalogues, and dates, numbers and language names in the site's locale)
sits on the model, importing only ``model`` and ``diagnostics``; ``plan`` and ``cite`` mark their words with its
``N_``, ``render`` installs it in the templates' environment, ``build`` loads the site's catalogues.
"""

__version__ = "0.1.0"
