"""Page fingerprints: a digest of everything a page is made from (its context, the templates it uses, the code),
so that a build renders and writes only the pages whose fingerprint changed since the output folder's last build.

A fingerprint is computed from the page's full context, the very values its template reads, never from a guess
at what a page depends on: a value that cannot be digested (an object of a kind this module does not know) gives
no fingerprint, and that page is always rendered. Objects met on many pages (list entries, articles, links) are
digested once per process.

The folder's fingerprints are kept in the output folder itself, in its page table (pagetable.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes
from markupsafe import Markup

from ..model import packing
from ..model.article import Article
from ..plan.pages import Page, Site
from ..render.pages import ARTICLE_ITEM
from .pagetable import PageTable

SITE_FIELDS = frozenset({"config", "counts", "pages", "intro_html"})
"""What the default templates read of ``site``. A template that reads anything else of it (the whole library)
makes every page's fingerprint unknown, and every page is rendered."""


class Unknown(Exception):
    """A value whose digest this module cannot vouch for."""


def _hash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Digester:
    """Digests of context values, each object digested once per process. The memo holds the objects it has
    digested, so that no id in it can be reused by a new object (a page's context makes some of its objects
    when it is rendered, and drops them after)."""

    def __init__(self, site_digest: bytes | None, known: dict[int, tuple[object, bytes]] | None = None) -> None:
        self._site = site_digest
        self._memo: dict[int, tuple[object, bytes]] = dict(known or {})

    def page(self, templates: bytes, page: Page) -> bytes | None:
        """The fingerprint of ``page`` whose templates digest to ``templates``; None when it cannot be known."""
        try:
            context = page.full_context()
            tokens: list[object] = [templates, page.path, page.export]
            self._add(context, tokens)
            return _hash(marshal.dumps(tokens, 0))
        except Exception:  # Unknown, or a context that cannot be made: rendering the page reports that
            return None

    def _add(self, value: Any, tokens: list[object]) -> None:
        """Append ``value`` to ``tokens`` as values marshal writes whole (format 0: the same values, the same
        bytes), with a one-byte mark before each container and each Markup; an object goes in as its digest,
        16 bytes long, which no mark is."""
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None or kind is float:
            tokens.append(value)
        elif kind is Markup:
            tokens.append(_MARKUP)
            tokens.append(str(value))
        elif kind is tuple or kind is list:
            tokens.append(_SEQUENCE)
            tokens.append(len(value))
            for item in value:
                self._add(item, tokens)
        elif kind is frozenset or kind is set:
            tokens.append(_SET)
            tokens.append(len(value))
            tokens.extend(sorted(self._digest_of(item) for item in value))  # in an order of their own
        elif kind is dict:
            tokens.append(_MAPPING)
            tokens.append(len(value))
            for key, item in value.items():
                self._add(key, tokens)
                self._add(item, tokens)
        else:
            tokens.append(self._object(value))

    def _digest_of(self, value: Any) -> bytes:
        tokens: list[object] = []
        self._add(value, tokens)
        return _hash(marshal.dumps(tokens, 0))

    def _object(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is not None:
            return known[1]
        if isinstance(value, Site):
            if self._site is None:
                raise Unknown("the templates read the whole site")
            digest = self._site
        elif isinstance(value, Article):
            digest = article_digest(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            tokens: list[object] = [type(value).__qualname__]
            for name in _field_names(type(value)):
                self._add(getattr(value, name), tokens)
            digest = _hash(marshal.dumps(tokens, 0))
        else:
            raise Unknown(type(value).__qualname__)
        self._memo[id(value)] = (value, digest)
        return digest


_MARKUP, _SEQUENCE, _MAPPING, _SET = b"m", b"(", b"{", b"s"


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def article_digests(articles: Iterable[Article]) -> dict[int, tuple[object, bytes]]:
    """Each article's digest by its id, the article kept with it (as Digester keeps what it digested); an
    article that cannot be digested is left out."""
    found: dict[int, tuple[object, bytes]] = {}
    for article in articles:
        with contextlib.suppress(Unknown):
            found[id(article)] = (article, article_digest(article))
    return found


def article_digest(article: Article) -> bytes:
    """Everything an article holds, records and summary included, as one digest."""
    try:
        return _hash(b"a" + packing.article_bytes(article))
    except ValueError as err:  # marshal refuses a value of a kind it does not know: so must we
        raise Unknown("an article field of an unknown kind") from err


def interface_digest(locale_dirs: Iterable[Path]) -> bytes:
    """The interface's catalogues (every file in the site's locales/ and the theme's), which the templates' words
    come from: like the templates, part of every page's fingerprint."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in locale_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        digest.update(b"\1")
    return digest.digest()


def site_digest(site: Site, templates_read_only_known_parts: bool) -> bytes | None:
    """What every page may show of the site: its settings, counts, free pages (the navigation) and the home
    page's introduction; None when the templates read more of it."""
    if not templates_read_only_known_parts:
        return None
    tokens: list[object] = []
    Digester(None)._add((site.config, site.counts, site.pages, site.intro_html), tokens)
    return _hash(marshal.dumps(tokens, 0))


@dataclasses.dataclass(frozen=True)
class Templates:
    """Each page template's digest: its source and that of every template it extends, includes or imports."""

    digests: dict[str, bytes | None]
    """None for a template that cannot be read or parsed: its pages are rendered, and the error reported."""
    only_known_site_parts: bool
    """Whether these templates read nothing of ``site`` but SITE_FIELDS."""

    def of(self, template: str) -> bytes | None:
        return self.digests.get(template)


def template_digests(env: jinja2.Environment, names: Iterable[str], code: bytes,
                     called: dict[str, str]) -> Templates:
    """Digests of the templates ``names`` under ``env``; ``called`` maps a global function's name to the
    template it renders (``article_item`` → partials/article_item.html), as a template's own dependency.

    A template named by a variable (``{% include x %}``) could be any: its digest then covers all of them.
    """
    sources: dict[str, str] = {}
    reached: dict[str, frozenset[str]] = {}
    known_site = [True]

    def parsed(name: str) -> jinja2.nodes.Template:
        source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
        sources[name] = source
        tree = env.parse(source)
        known_site[0] = known_site[0] and _reads_only_known_site_parts(tree)
        return tree

    def closure(name: str, seen: frozenset[str]) -> frozenset[str]:
        if name in reached:
            return reached[name]
        if name in seen:
            return frozenset({name})
        tree = parsed(name)
        found = {name}
        for child in jinja2.meta.find_referenced_templates(tree):
            if child is None:
                found |= set(env.list_templates())
                for other in env.list_templates():
                    if other not in sources:
                        parsed(other)
                continue
            found |= closure(child, seen | {name})
        names_used = {node.name for node in tree.find_all(jinja2.nodes.Name)}  # in macros too, unlike meta's
        for function, template in called.items():
            if function in names_used:
                found |= closure(template, seen | {name})
        reached[name] = frozenset(found)
        return reached[name]

    digests: dict[str, bytes | None] = {}
    for name in sorted(set(names)):
        if not name:
            digests[name] = _hash(b"export" + code)
            continue
        try:
            members = sorted(closure(name, frozenset()))
        except jinja2.TemplateError:
            digests[name] = None
            continue
        digests[name] = _hash(b"\0".join([code, *(m.encode() + b"\0" + sources[m].encode() for m in members)]))
    return Templates(digests, known_site[0])


def _reads_only_known_site_parts(tree: jinja2.nodes.Template) -> bool:
    """Whether every use of the name ``site`` in ``tree`` is ``site.<one of SITE_FIELDS>``."""
    uses = sum(1 for node in tree.find_all(jinja2.nodes.Name) if node.name == "site")
    known = sum(1 for node in tree.find_all(jinja2.nodes.Getattr)
                if isinstance(node.node, jinja2.nodes.Name) and node.node.name == "site" and node.attr in SITE_FIELDS)
    return uses == known


@dataclasses.dataclass(frozen=True)
class Reuse:
    """What rendering needs to keep the pages unchanged since the output folder's last build."""

    last: PageTable
    templates: Templates
    digester: Digester
    """Made before the workers are forked, with every article's digest: each worker starts from its copy."""

    def fingerprint(self, page: Page) -> bytes | None:
        template = self.templates.of(page.template)
        return self.digester.page(template, page) if template is not None else None


def reuse(last: PageTable, env: jinja2.Environment, pages: Iterable[Page], site: Site,
          articles: dict[int, tuple[object, bytes]], code: bytes, locale_dirs: Iterable[Path]) -> Reuse:
    """What rendering ``pages`` under ``env`` needs to keep those unchanged since ``last``: their templates'
    digests under ``code`` and the interface's catalogues in ``locale_dirs``, and a Digester that knows
    ``articles`` (article_digests) and what every page may show of ``site``."""
    code += interface_digest(locale_dirs)
    templates = template_digests(env, {p.template for p in pages}, code, {"article_item": ARTICLE_ITEM})
    return Reuse(last, templates, Digester(site_digest(site, templates.only_known_site_parts), articles))
