"""Rendering: the Jinja environment (autoescape, StrictUndefined, every filter registered here), and a template
with its context made into text.

Pure: a template name and a context in, HTML out. A template error names the template, its line and the page.
"""

from __future__ import annotations

import functools
import traceback
import types
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import i18n, speedups
from ..model import identifiers, styles
from ..model.normalize import shown
from ..model.sections import heading
from ..plan import urls
from ..plan.pages import Entry, Joined, own_files

ARTICLE_ITEM = "partials/article_item.html"
ARTICLE_FILES = "partials/article_files.html"
RENDERING = {"article_item": ARTICLE_ITEM, "article_items": ARTICLE_ITEM, "joined_items": ARTICLE_FILES}
"""The functions the templates may call that render a template of their own (a page that calls one depends on
that template too: output/fingerprints.py), and that template."""
TEMPLATE_EXTENSIONS = ("html", "xml", "txt")
"""Files of a templates folder that compile_templates loads: the kinds the default templates are."""

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'")
"""Every page's policy (base.html, a <meta http-equiv>): the site's own files only, no inline script or style,
so that a value that slipped past escaping could run nothing; WebAssembly for Pagefind's search index. A <meta>
cannot carry frame-ancestors or report-uri (browsers ignore them there, with a console error)."""


class RenderError(Exception):
    def __init__(self, template: str, line: int, page: str, message: str) -> None:
        super().__init__(f"{template}:{line}: {message} (while rendering {page})")
        self.template, self.line, self.page, self.message = template, line, page, message


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates as Jinja compiled them, by name and file, each under a checksum of its source: a template whose
    source changed is compiled again. Kept in the build cache (output/cache.py), so that a build that renders a
    few pages after an edit does not compile every template first (a tenth of a 10,000-record title edit's time).
    """

    def __init__(self, kept: dict[str, tuple[str, types.CodeType]] | None = None) -> None:
        self.compiled = dict(kept or {})
        self.changed = False

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.compiled.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self.compiled[bucket.key] = (bucket.checksum, bucket.code)
            self.changed = True


def compiler_variant() -> str:
    """Which of Jinja's speed tricks run in this process (speedups.py): some compile templates to other code."""
    return ",".join(trick.name for trick in speedups.TRICKS if speedups.enabled(trick.name))


def make_environment(template_dirs: list[Path], interface: i18n.Interface | None = None,
                     compiled: CompiledTemplates | None = None) -> jinja2.Environment:
    """Templates are looked up in order: the site's own templates/ first, then the defaults. Their words, dates
    and counts are in ``interface``'s language (English without one); ``compiled``: templates compiled before,
    and where those compiled now are kept."""
    env = speedups.environment(
        bytecode_cache=compiled,
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,  # every template kept in a plain dict: a page asks for each it imports at every rendering,
        # and Jinja's default, a bounded LRU cache, moves the name to the end of a queue at each ask
    )
    env.policies["ext.i18n.trimmed"] = True  # a message's line breaks and indents are the template's, not its own
    env.globals["url"] = urls
    env.globals["content_security_policy"] = Markup(CONTENT_SECURITY_POLICY)  # no " or &: written as it reads
    items: dict[Entry, Markup] = {}  # each list entry's item as rendered, for both
    env.globals["article_item"] = functools.partial(article_item, env, items)
    env.globals["article_items"] = functools.partial(article_items, env, items)
    files: dict[str, Markup] = {}  # each article's own files as a joined download lists them
    env.globals["joined_items"] = functools.partial(joined_items, env, files)
    i18n.install(env, interface or i18n.english())
    env.filters["label"] = heading
    env.filters["plural"] = plural
    env.filters["doi_url"] = identifiers.doi_url
    env.filters["pubmed_url"] = identifiers.pubmed_url
    env.filters["pmc_url"] = identifiers.pmc_url
    env.filters["shown"] = shown
    env.filters["styled"] = styles.html  # a record's text with its styles: {{ part.text|styled(part.styles) }}
    return env


def compile_templates(env: jinja2.Environment) -> None:
    """Load every template ``env`` can find now, in this process: render workers forked after this share them,
    rather than each compiling the same templates again. One that does not compile is left for the page that uses
    it to report, with its line."""
    assert env.loader is not None
    for name in env.list_templates(extensions=TEMPLATE_EXTENSIONS):
        try:
            env.get_template(name)
        except (jinja2.TemplateError, UnicodeDecodeError, OSError):
            continue


def article_item(env: jinja2.Environment, rendered: dict[Entry, Markup], entry: Entry) -> Markup:
    """partials/article_item.html for one list entry, rendered once per environment (so once per build and
    worker) while ITEMS_KEPT allows: an article is listed on its authors', topic, year and journal pages and as
    related to others."""
    return rendered.get(entry) or _kept(env, rendered, entry, ARTICLE_ITEM, {"e": entry})


def article_items(env: jinja2.Environment, rendered: dict[Entry, Markup], entries: Iterable[Entry]) -> Markup:
    """``article_item`` of each entry, one after the other: a list's items in one call from its template rather
    than one call a turn of a loop in it (partials/article_list.html)."""
    return Markup("".join([article_item(env, rendered, entry) for entry in entries]))


def joined_items(env: jinja2.Environment, rendered: dict[str, Markup], joined: Joined) -> Markup:
    """partials/article_files.html for each article of ``joined``, one after the other; each article's rendered
    once per environment while ITEMS_KEPT allows (by its key: every joined download is one folder down), as an
    article is listed on each of its authors' pages. Rendered on each page, these were much of the time the
    author pages took to render (their list of files left out, the pages rendered some 15% faster)."""
    return Markup("".join([rendered.get(key) or _kept(env, rendered, key, ARTICLE_FILES, {"files": own_files(key)})
                           for key in joined.articles]))


def _kept(env: jinja2.Environment, rendered: dict[Any, Markup], key: Any, template: str,
          context: dict[str, Any]) -> Markup:
    """``template`` rendered with ``context``, kept in ``rendered`` under ``key`` for the next page that shows it
    (emptied first when it holds ITEMS_KEPT already)."""
    if len(rendered) >= ITEMS_KEPT:
        rendered.clear()
    html = rendered[key] = Markup(env.get_template(template).render(context))
    return html


ITEMS_KEPT = 20_000
"""List items an environment keeps as rendered; with this many, it forgets them all before rendering another. At
100,000 records, keeping every one grew each worker rendering authors' pages from 1,489 MB to 1,539 MB (at most
1,508 MB with this limit), which made those workers the build's largest processes."""


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """English counts ("3 articles") for a site's own templates written before the interface had languages; the
    default templates count with ``ngettext``."""
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


def render(env: jinja2.Environment, template: str, context: Mapping[str, Any], page: str) -> str:
    """``template`` rendered with ``context``; any failure is a RenderError naming the template, its line and
    ``page`` (the output path)."""
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(err.filename or err.name or template, err.lineno, page, err.message or "") from err
    except jinja2.TemplateNotFound as err:
        raise RenderError(template, 0, page, f"template not found: {err.name}") from err
    except Exception as err:  # any error raised inside a template: locate it in the template source
        where, line = _template_frame(err, template)
        raise RenderError(where, line, page, f"{type(err).__name__}: {err}") from err


def _template_frame(err: Exception, fallback: str) -> tuple[str, int]:
    """The innermost template frame of a traceback (Jinja rewrites frames to template file and line)."""
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            return frame.filename, frame.lineno or 0
    return fallback, 0
