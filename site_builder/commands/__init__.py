"""The commands: the command line, and what each command does beyond building.

Owns ``cli`` (arguments, exit codes, the only place that prints a build's messages), ``serve`` and ``preview``
(the preview server: rebuild loop and HTTP side), ``deploy`` (a gh-pages branch, the Pages workflow), ``init``
(a new site folder), ``authors`` (who was merged with whom) and ``add`` with ``add_ids``, ``lookup`` (the only
code that uses the network), ``add_answers`` and ``add_files``.

May import: build, readers, model, prose, cite, plan, render, output, i18n, config, diagnostics, speedups,
workers, installed.
Never imports: nothing is above the commands.
"""
