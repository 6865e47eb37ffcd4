"""Rendering: the Jinja environment (autoescape, StrictUndefined, every filter registered here) and Page → str.

Pure: a page and its context in, HTML out. A template error names the template, its line and the page.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.compiler
import markupsafe
from markupsafe import Markup

from .. import cite, i18n
from ..model import identifiers
from ..model.article import Article
from ..model.sections import heading
from ..plan import urls
from ..plan.pages import Entry, Page

ARTICLE_ITEM = "partials/article_item.html"


class RenderError(Exception):
    def __init__(self, template: str, line: int, page: str, message: str) -> None:
        super().__init__(f"{template}:{line}: {message} (while rendering {page})")
        self.template, self.line, self.page, self.message = template, line, page, message


# markupsafe's C escaper without the Markup wrapper (a private name, hence the fallback): an escaped value is
# only ever joined into the page, so wrapping it is wasted work.
_escape_text = getattr(markupsafe, "_escape_inner", markupsafe.escape)


def escape_output(value: object) -> str:
    """What autoescaping does to each ``{{ value }}``, at a fraction of the cost.

    markupsafe's escape copies a value that is already Markup into a new Markup and wraps every escaped string
    in one: over a large site that was a third of the time spent rendering. Markup is safe as it is.
    """
    kind = type(value)
    if kind is str:
        return _escape_text(value)
    if kind is markupsafe.Markup:
        return value
    if kind is int:  # counts: nothing to escape
        return str(value)
    return markupsafe.escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Compiles the two commonest operations of a page to cheaper Python (5% of rendering a large site).

    ``{{ value }}`` in an autoescaped template (always, in this environment) becomes "the value itself if it is
    Markup, else ``escape_output(value)``", and ``obj.name`` becomes the built-in getattr, calling Jinja's
    ``environment.getattr`` (which falls back to ``obj["name"]``) only when the attribute is missing. Anything
    else keeps Jinja's own code; should Jinja rename these hooks, templates simply compile to its standard code.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._escaped: list[str | None] = []  # per output expression being written: its temporary, if ours

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: jinja2.compiler.Frame,
                          finalize: jinja2.compiler.CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            self._escaped.append(None)
            super()._output_child_pre(node, frame, finalize)
            return
        value = self.temporary_identifier()
        self._escaped.append(value)
        self.write(f"({value} if type({value} := ")

    def _output_child_post(self, node: jinja2.nodes.Expr, frame: jinja2.compiler.Frame,
                           finalize: jinja2.compiler.CodeGenerator._FinalizeInfo) -> None:
        value = self._escaped.pop()
        if value is None:
            super()._output_child_post(node, frame, finalize)
            return
        self.write(f") is Markup else environment.escape_output({value}))")

    @jinja2.compiler.optimizeconst
    def visit_Getattr(self, node: jinja2.nodes.Getattr, frame: jinja2.compiler.Frame) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        obj, found = self.temporary_identifier(), self.temporary_identifier()
        self.write(f"({found} if ({found} := getattr(({obj} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, missing)) is not missing else environment.getattr({obj}, {node.attr!r}))")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator
    escape_output = staticmethod(escape_output)
    export_pieces: dict[tuple[str, str], str]
    """(format, citation key) → that article's piece of a download, serialized once per environment: one
    build's articles never change, and the next build makes an environment of its own."""

    def make_globals(self, d: Mapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict rather than Jinja's ChainMap over the environment's.

        Every ``{% from … import … %}`` compares the rendering context's globals with the imported template's,
        a set difference that runs in Python against a ChainMap and in C against a dict: 5% of rendering an
        article page. The ChainMap exists so that globals added later reach loaded templates; this
        environment's globals are all set in make_environment, before any template loads.
        """
        return {**self.globals, **(d or {})}


def make_environment(template_dirs: list[Path], interface: i18n.Interface | None = None) -> jinja2.Environment:
    """Templates are looked up in order: the site's own templates/ first, then the defaults. Their words, dates
    and counts are in ``interface``'s language (English without one)."""
    env = _Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.export_pieces = {}
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indents are the template's, not its own
    env.globals["url"] = urls
    env.globals["article_item"] = functools.partial(article_item, env, {})
    i18n.install(env, interface or i18n.english())
    env.filters["label"] = heading
    env.filters["plural"] = plural
    env.filters["doi_url"] = identifiers.doi_url
    env.filters["pubmed_url"] = identifiers.pubmed_url
    env.filters["pmc_url"] = identifiers.pmc_url
    return env


def article_item(env: jinja2.Environment, rendered: dict[tuple[Entry, bool], Markup], entry: Entry,
                 coins: bool = True) -> Markup:
    """partials/article_item.html for one list entry, rendered once per environment (so once per build and
    worker). An article is listed on its authors', topic, year and journal pages and as related to others:
    about fifteen times in all."""
    key = (entry, coins)
    html = rendered.get(key)
    if html is None:
        html = rendered[key] = Markup(env.get_template(ARTICLE_ITEM).render(e=entry, coins=coins))
    return html




def plural(count: int, singular: str, plural_form: str = "") -> str:
    """English counts ("3 articles") for a site's own templates written before the interface had languages; the
    default templates count with ``ngettext``."""
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def render_page(env: jinja2.Environment, page: Page) -> str:
    if page.export:
        return render_export(page.export, page.context["entries"], getattr(env, "export_pieces", {}))
    try:
        return env.get_template(page.template).render(page.full_context())
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(err.filename or err.name or page.template, err.lineno, page.path, err.message or "") from err
    except jinja2.TemplateNotFound as err:
        raise RenderError(page.template, 0, page.path, f"template not found: {err.name}") from err
    except Exception as err:  # any error raised inside a template: locate it in the template source
        template, line = _template_frame(err, page.template)
        raise RenderError(template, line, page.path, f"{type(err).__name__}: {err}") from err


def render_export(fmt: str, entries: tuple[tuple[str, Article], ...], made: dict[tuple[str, str], str]) -> str:
    """A download of (citation key, article) entries, reusing each article's piece across the lists of one
    build through ``made``."""
    pieces = []
    for key, article in entries:
        piece = made.get((fmt, key))
        if piece is None:
            piece = made[(fmt, key)] = cite.export_entry(fmt, article, key)
        pieces.append(piece)
    return cite.export_file(fmt, pieces)


def _template_frame(err: Exception, fallback: str) -> tuple[str, int]:
    """The innermost template frame of a traceback (Jinja rewrites frames to template file and line)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return frame.filename, frame.lineno or 0
    return fallback, 0
