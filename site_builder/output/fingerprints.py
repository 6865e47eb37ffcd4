"""Page fingerprints: a digest of everything a page is made from (its context, the templates it uses, the code),
so that a build renders and writes only the pages whose fingerprint changed since the output folder's last build.

A fingerprint is computed from the page's full context, the very values its template reads, never from a guess
at what a page depends on: a value that cannot be digested (an object of a kind this module does not know) gives
no fingerprint, and that page is always rendered. Objects that hold others (list entries, articles) are
digested once per process; a small one made only of plain values (a link, a listing, an article's ranks) is
written into the page's digest in place, as its values, which depends on its value only (``_inline``).

The costly half of a context (``Page.more``: related articles, co-authors, head metadata) is not made again when
its inputs are the last build's: its function and arguments, the site's settings (not its counts: MORE_READS)
and the library's structure (``library_digest``: every part of the library but the articles' contents), and the
contents of the articles its output reached last time (each article's digest, found while digesting that
output). The plan's ``more`` functions read an article's contents only through an article among their arguments
or one they show (itself or its list entry), which is what makes this sound; the property test of
tests/test_incremental.py checks it after every random edit (``VERIFY``: every part kept is made again and must
digest the same).

A page's fingerprint is not even made when nothing the page may read besides its articles changed (``keeping``:
the basis above, every template with what it reads of the site, and what the plan makes from many articles at
once, ``derived_digest``) and none
of the articles its context reached last time did: after an edit, most pages of a large site. That rests on the
same rule for the whole context: a value made from an article's contents comes with the article (``Entry.source``,
``FeedEntry.source``), one made from many articles' contents is a ``Site`` property that ``derived_digest``
covers; ``VERIFY`` makes each such page's fingerprint again and fails if it differs.

The folder's fingerprints are kept in the output folder itself, in its page table (pagetable.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import marshal
import operator
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import jinja2.nodes
from markupsafe import Markup

from ..model import packing
from ..model.article import Article
from ..model.library import Library, Remember
from ..plan.outline import Plan
from ..plan.pages import Links as PlanLinks
from ..plan.pages import Page, Site
from ..render.pages import RENDERING
from .cache import content_digest as _hash
from .pagetable import Articles, Entry, More, PageTable

SITE_FIELDS = frozenset({"config", "counts", "pages", "intro_html"})
"""What the default templates read of ``site``. A template that reads anything else of it (the whole library)
makes every page's fingerprint unknown, and every page is rendered. A page's fingerprint holds the fields its
template reads (``Templates.site_parts``): the collection's counts, which a record added changes, only those of
the few pages that show them."""


class Unknown(Exception):
    """A value whose digest this module cannot vouch for."""


class StaleReuse(AssertionError):
    """With ``VERIFY``: a page's costly part kept from the last build is not what it would be made as now."""


VERIFY = False
"""Make again every costly part of a context that would be kept, and fail if it differs (the tests set it)."""

_UNKNOWN_ARTICLE = -1
"""The place of an article the library does not hold: a part that reached one is never kept."""


MEMO_LIMIT = 20_000
"""Objects a Digester remembers besides those it keeps (those it was given, every article, and those it met
twice): past this many, between two pages, it forgets the others. Most objects it meets are made for one page's
context and never met again; remembering all of them kept some 25 MB per 10,000 records in each render worker."""


Known = tuple[object, bytes, tuple[int, ...]]
"""An object a Digester digested, its digest, and the places (in the library) of the articles it reaches: a tuple
(at 100,000 records, a frozenset of one place for each article took 22 MB more)."""


class Digester:
    """Digests of context values, each object that is not written in place (``_inline``) digested once per
    process (as long as the memo keeps it: see MEMO_LIMIT). The memo holds the objects it has digested, so that
    no id in it can be reused by a new object (a page's context makes some of its objects when it is rendered,
    and drops them after), with the places of the articles each one reaches."""

    def __init__(self, site_digest: bytes | None, known: dict[int, Known] | None = None,
                 without_text: dict[int, bytes] | None = None) -> None:
        self._site = site_digest
        self._kept: dict[int, Known] = known if known is not None else {}
        """Those it was given (taken over, not copied), and those it met twice."""
        self._memo: dict[int, Known] = {}
        """Those met once."""
        self._reached: set[int] | None = None
        self._without_text = without_text or {}
        """By id, the digest of each article whose summary has text, that text left out (``summary_text``)."""
        self._summarized = frozenset(self._kept[i][2][0] for i in self._without_text)
        """The places of those articles (each one given, in ``known``): an object that reaches none of them
        digests the same either way."""
        self._textless: dict[int, Known] | None = None
        """While ``summary_text`` is off: ``_without``, else None."""
        self._without: dict[int, Known] = {}
        """The objects that reach one of those articles, as digested without their summaries' text."""

    def summary_text(self, shown: bool) -> None:
        """From now on: each article's summary goes into its digest with its text only if ``shown`` (a list shows
        whether an article has a summary, its verdict and date, never its text). An object that reaches no article
        with such a summary has one digest either way, remembered once; the others are remembered apart."""
        self._textless = None if shown or not self._summarized else self._without

    def place(self, article: object) -> int | None:
        """The place in the library of ``article``, one of those this Digester was given; else None."""
        known = self._kept.get(id(article))
        if known is None or known[0] is not article or len(known[2]) != 1 or known[2][0] < 0 \
                or not isinstance(article, Article):
            return None
        return known[2][0]

    def forget_if_full(self) -> None:
        """Between two pages: forget the objects met once when there are more than MEMO_LIMIT of them."""
        if len(self._memo) > MEMO_LIMIT:
            self._memo = {}
        if len(self._without) > MEMO_LIMIT:
            self._without = {}

    def add(self, value: Any, tokens: list[object]) -> None:
        """Append ``value`` to ``tokens`` as values marshal writes whole (format 0: the same values, the same
        bytes); Unknown when it holds an object of a kind this module does not know."""
        self._add(value, tokens)

    def add_reaching(self, value: Any, tokens: list[object]) -> frozenset[int]:
        """``add``, and the places (in the library) of the articles ``value`` holds."""
        outer, self._reached = self._reached, set()
        try:
            self._add(value, tokens)
            return frozenset(self._reached)
        finally:
            self._reached = outer

    def reaching(self, value: Any) -> tuple[bytes, frozenset[int]]:
        """The digest of ``value`` and the places (in the library) of the articles it holds, in lists or not."""
        outer, self._reached = self._reached, set()
        try:
            digest = self._digest_of(value)
            return digest, frozenset(self._reached)
        finally:
            self._reached = outer

    def _add(self, value: Any, tokens: list[object]) -> None:
        """``add``, with a one-byte mark before each container, each Markup and each object written in place
        (its kind and its fields' values follow); any other object goes in as its digest, 16 bytes long, which
        no mark is."""
        kind = type(value)
        if kind in _PLAIN_VALUES:
            tokens.append(value)
        elif kind is Markup:
            tokens.append(_MARKUP)
            tokens.append(str(value))
        elif kind is tuple and len(value) > LONG_TUPLE:
            tokens.append(self._object(value))  # immutable, and often shared: a list's downloads in each format
        elif kind is tuple or kind is list:
            tokens.append(_SEQUENCE)
            tokens.append(len(value))
            for item in value:  # plain values here: most items are (a call a token was a fifth of the cost)
                if type(item) in _PLAIN_VALUES:
                    tokens.append(item)
                else:
                    self._add(item, tokens)
        elif kind is frozenset:
            tokens.append(self._object(value))  # immutable: digested once, as an object
        elif kind is set:
            self._set(value, tokens)
        elif kind is dict:
            tokens.append(_MAPPING)
            tokens.append(len(value))
            for key, item in value.items():
                self._add(key, tokens)
                self._add(item, tokens)
        elif id(value) in self._kept or id(value) in self._memo or not _inline(value, tokens):
            tokens.append(self._object(value))

    def _set(self, value: Any, tokens: list[object]) -> None:
        tokens.append(_SET)
        tokens.append(len(value))
        tokens.extend(sorted(self._digest_of(item) for item in value))  # in an order of their own

    def _digest_of(self, value: Any) -> bytes:
        tokens: list[object] = []
        self._add(value, tokens)
        return _hash(marshal.dumps(tokens, 0))

    def _object(self, value: Any) -> bytes:
        textless = self._textless
        known = self._kept.get(id(value))
        if known is None and (known := self._memo.pop(id(value), None)) is not None:
            self._kept[id(value)] = known  # met again: most likely shared by many pages
        if textless is not None and (known is None or not self._summarized.isdisjoint(known[2])):
            known = textless.get(id(value))  # one digest either way, or made without summaries' text
        if known is not None:
            if self._reached is not None and known[2]:
                self._reached.update(known[2])
            return known[1]
        outer, self._reached = self._reached, set()
        try:
            if textless is not None and id(value) in self._without_text:  # one of the library's articles
                digest = self._without_text[id(value)]
                self._reached.update(self._kept[id(value)][2])
            elif type(value) is tuple:
                tokens: list[object] = [_SEQUENCE, len(value)]
                for item in value:
                    self._add(item, tokens)
                digest = _hash(marshal.dumps(tokens, 0))
            elif isinstance(value, Site):
                if self._site is None:
                    raise Unknown("the templates read the whole site")
                digest = self._site
            elif isinstance(value, Article):
                digest = article_digest(value)
                self._reached.add(_UNKNOWN_ARTICLE)  # not one of the library's (those are known from the start)
            elif type(value) is frozenset:
                tokens = []
                self._set(value, tokens)
                digest = _hash(marshal.dumps(tokens, 0))
            elif dataclasses.is_dataclass(value) and not isinstance(value, type):
                label, names = _kind_of(type(value))
                tokens = [label]
                for name in names:
                    self._add(getattr(value, name), tokens)
                digest = _hash(marshal.dumps(tokens, 0))
            else:
                raise Unknown(type(value).__qualname__)
            reached = tuple(self._reached)
        finally:
            inner, self._reached = self._reached, outer
        if outer is not None:
            outer |= inner
        if textless is not None and not self._summarized.isdisjoint(reached):
            textless[id(value)] = (value, digest, reached)
        else:
            self._memo[id(value)] = (value, digest, reached)
        return digest


_MARKUP, _SEQUENCE, _MAPPING, _SET, _INLINE = b"m", b"(", b"{", b"s", b"o"
_PLAIN_VALUES = frozenset({str, int, bool, float, type(None)})
"""The kinds of value that go in as themselves (marshal writes each whole, and tells them apart)."""


LONG_TUPLE = 64
"""A tuple longer than this goes in as its digest, made once per process (a list's entries, shared by its
download in each format), a shorter one as its items."""

INLINE_TOKENS = 256
"""The most tokens an object is written with in place of its digest (``_inline``)."""


def _inline(value: Any, tokens: list[object]) -> bool:
    """Append a small object made only of plain values (a link, a page's listing, an article's ranks) to
    ``tokens`` as those values, behind a mark and its kind, rather than as its digest: most such objects are
    made for one page (an article page's bylines), and digesting each on its own, to remember it, was most of
    the fingerprints' cost. Whether an object goes in so depends on its value only (no Article, Site or other
    object in it, at most INLINE_TOKENS tokens), never on what the Digester met before: the same value, the same
    tokens. False, ``tokens`` as they were, for any other object."""
    start = len(tokens)
    if _inlined(value, tokens, INLINE_TOKENS) >= 0:
        return True
    del tokens[start:]
    return False


def _inlined(value: Any, tokens: list[object], budget: int) -> int:
    """``_inline``'s walk: the budget left, or -1 (``tokens`` then hold part of ``value``)."""
    kind = type(value)
    if kind in _PLAIN_VALUES:
        tokens.append(value)
        return budget - 1
    if kind is Markup:
        tokens.append(_MARKUP)
        tokens.append(str(value))
        return budget - 2
    if kind is tuple or kind is list:
        budget -= 2 + len(value)
        if budget < 0:
            return -1
        tokens.append(_SEQUENCE)
        tokens.append(len(value))
        for item in value:
            if type(item) in _PLAIN_VALUES:  # counted with the sequence
                tokens.append(item)
            else:
                budget = _inlined(item, tokens, budget)
                if budget < 0:
                    return -1
        return budget
    known = _PLAIN.get(kind, _UNSEEN)
    if known is _UNSEEN:
        plain = dataclasses.is_dataclass(kind) and not issubclass(kind, (Site, Article))
        known = _PLAIN[kind] = _kind_of(kind) if plain else None
    if known is None:
        return -1
    label, names = known
    budget -= 2 + len(names)
    if budget < 0:
        return -1
    tokens.append(_INLINE)
    tokens.append(label)
    for name in names:
        item = getattr(value, name)
        kind = type(item)
        if kind in _PLAIN_VALUES:  # counted with the object
            tokens.append(item)
        elif kind is Markup:
            tokens.append(_MARKUP)
            tokens.append(str(item))
        else:
            budget = _inlined(item, tokens, budget)
            if budget < 0:
                return -1
    return budget


_PLAIN: dict[type, tuple[str, tuple[str, ...]] | None] = {}
"""Per kind: its label and fields (``_kind_of``) for a dataclass other than Site and Article, else None."""
_UNSEEN: Any = object()
_KINDS: dict[type, tuple[str, tuple[str, ...]]] = {}


def _kind_of(kind: type) -> tuple[str, tuple[str, ...]]:
    """A dataclass's label (its module and name: two kinds of one name are told apart) and its fields' names."""
    known = _KINDS.get(kind)
    if known is None:
        known = _KINDS[kind] = (f"{kind.__module__}.{kind.__qualname__}",
                                tuple(f.name for f in dataclasses.fields(kind)))
    return known


def article_digests(articles: Iterable[Article], known: Mapping[int, tuple[Article, bytes]] | None = None
                    ) -> dict[int, tuple[object, bytes]]:
    """Each article's digest by its id, the article kept with it (as Digester keeps what it digested); an
    article that cannot be digested is left out. ``known``: digests already made, as unpacking the build
    cache gives them (packing.Shared.digests), taken for the very articles they were made of."""
    known = known or {}
    found: dict[int, tuple[object, bytes]] = {}
    for article in articles:
        kept = known.get(id(article))
        if kept is not None and kept[0] is article:
            found[id(article)] = kept
            continue
        with contextlib.suppress(Unknown):
            found[id(article)] = (article, article_digest(article))
    return found


def article_digest(article: Article) -> bytes:
    """Everything an article holds, records and summary included, as one digest."""
    try:
        return packing.article_digest(article)
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


def site_digest(site: Site, fields: Iterable[str]) -> bytes:
    """What a page may show of the site through ``fields`` (of SITE_FIELDS: its settings, counts, free pages, the
    navigation, and the home page's introduction)."""
    tokens: list[object] = []
    for name in sorted(fields):
        tokens.append(name)
        Digester(None)._add(getattr(site, name), tokens)
    return _hash(marshal.dumps(tokens, 0))


_SITE = b"site"
"""How the Site object goes into a page's fingerprint when the templates read only SITE_FIELDS of it: what the
page's template reads of those is in its template's digest (``with_site_parts``)."""

MORE_READS = SITE_FIELDS - {"counts"}
"""What the site's costly parts (``Page.more``) may read of the site through it besides its library: not the
counts, which no costly part shows."""


@dataclasses.dataclass(frozen=True)
class Templates:
    """Each page template's digest: its source and that of every template it extends, includes or imports."""

    digests: dict[str, bytes | None]
    """None for a template that cannot be read or parsed: its pages are rendered, and the error reported."""
    only_known_site_parts: bool
    """Whether these templates read nothing of ``site`` but SITE_FIELDS."""
    site_parts: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Per template: the fields of SITE_FIELDS that it, or a template it uses, reads (all of them for a template
    not known here)."""
    summaries_read: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Per template whose summaries read are known: the names of its context whose article's summary it (or a
    template it uses) reads, and no other summary (``_summaries_read``); the downloads' ("") read none, as their
    code never does (tests/test_incremental.py). A page of such a template takes every other article's summary
    without its text (Digester.summary_text)."""

    def of(self, template: str) -> bytes | None:
        return self.digests.get(template)

    def with_site_parts(self, site: Site) -> Templates:
        """These templates, each one's digest with what it reads of ``site``: a page whose template does not read
        the counts keeps its fingerprint when only they change."""
        made: dict[tuple[str, ...], bytes] = {}

        def read_by(name: str) -> bytes:
            fields = self.site_parts.get(name, tuple(sorted(SITE_FIELDS)))
            if fields not in made:
                made[fields] = site_digest(site, fields)
            return made[fields]

        return dataclasses.replace(self, digests={name: None if digest is None else _hash(digest + read_by(name))
                                                  for name, digest in self.digests.items()})


def template_digests(env: jinja2.Environment, names: Iterable[str], code: bytes,
                     called: dict[str, str]) -> Templates:
    """Digests of the templates ``names`` under ``env``; ``called`` maps a global function's name to the
    template it renders (``article_item`` → partials/article_item.html), as a template's own dependency.

    A template named by a variable (``{% include x %}``) could be any: its digest then covers all of them.
    """
    sources: dict[str, str] = {}
    reached: dict[str, frozenset[str]] = {}
    reads: dict[str, frozenset[str] | None] = {}  # of the site, per template parsed
    summaries: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}  # per template parsed: _summaries_read

    def parsed(name: str) -> jinja2.nodes.Template:
        source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
        sources[name] = source
        tree = env.parse(source)
        reads[name] = _site_parts(tree)
        summaries[name] = _summaries_read(tree)
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
    site_parts: dict[str, tuple[str, ...]] = {}
    summaries_read: dict[str, tuple[str, ...]] = {}
    for name in sorted(set(names)):
        if not name:
            digests[name] = _hash(b"export" + code)
            site_parts[name] = ()  # a download's context holds no site
            summaries_read[name] = ()
            continue
        try:
            members = sorted(closure(name, frozenset()))
        except jinja2.TemplateError:
            digests[name] = None
            continue
        digests[name] = _hash(b"\0".join([code, *(m.encode() + b"\0" + sources[m].encode() for m in members)]))
        read: set[str] = set()
        for member in members:
            read |= SITE_FIELDS if (fields := reads[member]) is None else fields
        site_parts[name] = tuple(sorted(read))
        if (read_through := _summaries_read_through([summaries[member] for member in members])) is not None:
            summaries_read[name] = read_through
    return Templates(digests, None not in reads.values(), site_parts, summaries_read)


def _summaries_read_through(found: list[tuple[frozenset[str], frozenset[str]] | None]) -> tuple[str, ...] | None:
    """The names of the context whose summary the templates of one page read (each template's ``_summaries_read``);
    None when a template may read another summary, or one of them binds a name another reads a summary through
    (an included template sees the loop variables of the one that includes it)."""
    known = [each for each in found if each is not None]
    if len(known) < len(found):
        return None
    read = frozenset().union(*(names for names, _bound in known))
    bound = frozenset().union(*(bound for _names, bound in known))
    return None if read & bound else tuple(sorted(read))


def _remembered_digests(env: jinja2.Environment, names: set[str], code: bytes, called: dict[str, str],
                        remember: Remember | None) -> Templates:
    """``template_digests``, or what an earlier build found for the same names, code and sources of every
    template ``env`` can load (parsing them all is most of what a rebuild after one edit spends on templates)."""
    if remember is None or env.loader is None:
        return template_digests(env, names, code, called)
    try:
        sources = [(name, env.loader.get_source(env, name)[0]) for name in env.list_templates()]
        inputs = _hash(marshal.dumps([code, sorted(names), sorted(called.items()), sources], 0))
    except (jinja2.TemplateError, OSError, UnicodeDecodeError, ValueError):  # found again, and reported, by rendering
        return template_digests(env, names, code, called)

    def made() -> tuple[dict[str, bytes | None], bool, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
        templates = template_digests(env, names, code, called)
        return templates.digests, templates.only_known_site_parts, templates.site_parts, templates.summaries_read

    kept = remember(inputs, made)
    if type(kept) is tuple and len(kept) == 4 and type(kept[0]) is dict and type(kept[1]) is bool \
            and type(kept[2]) is dict and type(kept[3]) is dict:
        return Templates(kept[0], kept[1], kept[2], kept[3])
    return template_digests(env, names, code, called)


_WHOLE_FILTERS = frozenset({"pprint", "string", "tojson", "attr"})
"""Filters that may show an object whole, or any attribute of it, whose summary _summaries_read cannot follow."""


def _summaries_read(tree: jinja2.nodes.Template) -> tuple[frozenset[str], frozenset[str]] | None:
    """The names whose ``summary`` (an article's) ``tree`` reads more of than whether there is one, and the names
    it binds itself (loops, macros and their parameters, ``set``, ``with``, imports): each use of the attribute is
    on a name it does not bind (the context's, unless an including template binds it: _summaries_read_through),
    or is the whole test of an ``if`` (``{% if e.source.summary %}``). None when any other use may read a
    summary (``x.y.summary``, ``x["summary"]``, ``attr("summary")``, ``tojson``)."""
    tested = {id(node.test) for node in tree.find_all(jinja2.nodes.If)}
    tested |= {id(node.test) for node in tree.find_all(jinja2.nodes.CondExpr)}
    if any(node.name in _WHOLE_FILTERS for node in tree.find_all(jinja2.nodes.Filter)):
        return None
    bound = _bound_names(tree, in_macros=True)
    # What another template may see of them: all, where this one includes another; else those outside macros
    shared = bound if any(True for _node in tree.find_all(jinja2.nodes.Include)) \
        else _bound_names(tree, in_macros=False)
    if any(node.value == "summary" for node in tree.find_all(jinja2.nodes.Const)):
        return None
    names = set()
    for node in tree.find_all(jinja2.nodes.Getattr):
        if node.attr != "summary" or id(node) in tested:
            continue
        if not isinstance(node.node, jinja2.nodes.Name) or node.node.name in bound:
            return None
        names.add(node.node.name)
    return frozenset(names), frozenset(shared)


def _bound_names(tree: jinja2.nodes.Template, in_macros: bool) -> set[str]:
    """The names ``tree`` binds: loops, ``set``, ``with``, imports, macros, and (``in_macros``) the parameters
    and locals of its macros, which are theirs alone."""
    inside = set() if in_macros else {id(node) for macro in tree.find_all(jinja2.nodes.Macro)
                                      for node in macro.find_all(jinja2.nodes.Name)}
    bound = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx != "load" and id(node) not in inside}
    bound |= {name if isinstance(name, str) else name[1] for node in tree.find_all(jinja2.nodes.FromImport)
              for name in node.names}
    bound |= {node.target for node in tree.find_all(jinja2.nodes.Import)}
    bound |= {node.name for node in tree.find_all(jinja2.nodes.Macro)}
    return bound


def _site_parts(tree: jinja2.nodes.Template) -> frozenset[str] | None:
    """The fields of SITE_FIELDS that ``tree`` reads, when every use of the name ``site`` in it is
    ``site.<one of SITE_FIELDS>``; else None."""
    uses = sum(1 for node in tree.find_all(jinja2.nodes.Name) if node.name == "site")
    known = [node.attr for node in tree.find_all(jinja2.nodes.Getattr)
             if isinstance(node.node, jinja2.nodes.Name) and node.node.name == "site" and node.attr in SITE_FIELDS]
    return frozenset(known) if uses == len(known) else None


@dataclasses.dataclass(frozen=True)
class Print:
    """A page's fingerprint, and its costly part's for the next build."""

    fingerprint: bytes
    more: More | None
    reached: tuple[int, ...] = ()
    """The places of the articles the page's context reached, its costly part's included."""
    context: dict[str, Any] | None = dataclasses.field(default=None, compare=False)
    """The page's full context when the fingerprint had to make its costly part: its template gets the same,
    made once."""


@dataclasses.dataclass(frozen=True)
class Reuse:
    """What rendering needs to keep the pages unchanged since the output folder's last build."""

    last: PageTable
    templates: Templates
    digester: Digester
    """Made before the workers are forked, with every article's digest: each worker starts from its copy."""
    basis: bytes
    """What every costly part may read besides its arguments and the articles it shows: the site's (MORE_READS)
    and the library's structure (b"" when it cannot be known: then no part is kept)."""
    articles: Articles
    """This build's articles, by place: their keys and digests, for the next build."""
    changed: frozenset[int]
    """Places of the articles whose digest differs from the last build's (all, when the keys differ)."""
    keeping: bytes = b""
    """What every page may read besides the articles it reaches: ``basis``, every template, and what the plan
    makes from many articles at once (``derived_digest``). When it is the last build's, a page that reached none
    of the ``changed`` articles is kept without its fingerprint being made again (b"": never)."""
    changed_besides_text: frozenset[int] = frozenset({_UNKNOWN_ARTICLE})
    """Of ``changed``, the places of the articles that changed in more than their summary's text: what a page
    whose templates read no summary (``Templates.summaries_read``) is kept by."""

    def _changed(self, page: Page) -> frozenset[int]:
        """The places of the changed articles that can change ``page``."""
        return self.changed_besides_text if self.templates.summaries_read.get(page.template) == () else self.changed

    def kept(self, page: Page) -> Entry | None:
        """The last build's entry of ``page`` when nothing the page is made from can have changed since."""
        if not self.keeping or self.keeping != self.last.keeping:
            return None
        entry = self.last.entry(page.path)
        if entry is None or entry.reached is None or not self._changed(page).isdisjoint(entry.reached):
            return None
        if VERIFY:
            printed = self.fingerprint(page)
            if printed is None or (printed.fingerprint, printed.more) != (entry.fingerprint, entry.more):
                raise StaleReuse(f"{page.path}: kept without its fingerprint, but it is not what it was")
        return entry

    def kept_paths(self, pages: Iterable[Page], paths: list[str], templates: list[str]) -> set[str]:
        """The paths of ``pages`` (``paths``, in order, of ``templates``) that ``kept`` keeps, asked of the last
        table's rows at once; ``pages`` (made as they are asked for: plan/outline.py) only with VERIFY."""
        if not self.keeping or self.keeping != self.last.keeping:
            return set()
        if VERIFY:
            return {page.path for page in pages if self.kept(page) is not None}
        if self.changed_besides_text == self.changed:
            return self.last.unreached(paths, self.changed)
        by_template = {name: read == () for name, read in self.templates.summaries_read.items()}
        reads_none = list(map(by_template.get, templates, itertools.repeat(False)))
        return self.last.unreached(itertools.compress(paths, reads_none), self.changed_besides_text) | \
            self.last.unreached(itertools.compress(paths, map(operator.not_, reads_none)), self.changed)

    def fingerprint(self, page: Page) -> Print | None:
        """The fingerprint of ``page``; None when it cannot be known."""
        template = self.templates.of(page.template)
        if template is None:
            return None
        self.digester.forget_if_full()
        try:
            read = self._summaries_read(page)
            self.digester.summary_text(read is None)
            tokens: list[object] = [template, page.path, page.export, read]
            reached = self.digester.add_reaching(page.context, tokens)
            more, extras = self._more(page) if page.more is not None else (None, None)
            tokens.append(more[2] if more is not None else None)
            return Print(_hash(marshal.dumps(tokens, 0)), more,
                         tuple(sorted(reached.union(more[1]) if more is not None else reached)),
                         page.with_more(extras) if extras is not None else None)
        except StaleReuse:
            raise
        except Exception:  # Unknown, or a context that cannot be made: rendering the page reports that
            return None
        finally:
            self.digester.summary_text(True)

    def _summaries_read(self, page: Page) -> tuple[str | None, ...] | None:
        """The text of each summary ``page`` reads when the page's context holds each article whose summary its
        template reads (Templates.summaries_read); else None: every summary is digested whole."""
        names = self.templates.summaries_read.get(page.template)
        if names is None:
            return None
        articles = [page.context.get(name) for name in names]
        shown: list[str | None] = []
        for article in articles:
            if not isinstance(article, Article):
                return None
            shown.append(article.summary.html if article.summary is not None else None)
        return tuple(shown)

    def _more(self, page: Page) -> tuple[More, dict[str, Any] | None]:
        """The page's costly part as its fingerprint takes it, and the part itself when it had to be made."""
        assert page.more is not None
        inputs = self._inputs(page.more)
        entry = self.last.entry(page.path)
        kept = entry.more if entry is not None else None
        if inputs and kept is not None and kept[0] == inputs and self._changed(page).isdisjoint(kept[1]):
            if VERIFY and self._made(inputs, page.more)[0][2] != kept[2]:
                raise StaleReuse(f"{page.path}: its costly part was kept, but it is not what it was")
            return kept, None
        return self._made(inputs, page.more)

    def _made(self, inputs: bytes, more: Callable[[], dict[str, Any]]) -> tuple[More, dict[str, Any]]:
        extras = more()
        digest, reached = self.digester.reaching(extras)
        return (inputs, tuple(sorted(reached)), digest), extras

    def _inputs(self, more: Callable[[], dict[str, Any]]) -> bytes:
        """The digest of what ``more`` is made from, the articles it shows aside: its function and arguments, the
        site and its links standing for ``basis``; b"" (never kept) for a callable of another kind."""
        if not isinstance(more, functools.partial) or not self.basis:
            return b""
        tokens: list[object] = [self.basis, more.func.__module__, more.func.__qualname__]
        for value in (*more.args, *sorted(more.keywords.items())):
            if isinstance(value, Site):
                tokens.append(b"site")
            elif isinstance(value, PlanLinks):
                tokens.append(b"links")
            else:
                self.digester.add(value, tokens)
        return _hash(marshal.dumps(tokens, 0))


def reuse(last: PageTable, env: jinja2.Environment, pages: Plan | Iterable[Page], site: Site,
          articles: dict[int, tuple[object, bytes]], code: bytes, locale_dirs: Iterable[Path],
          remember: Remember | None = None) -> Reuse:
    """What rendering ``pages`` under ``env`` needs to keep those unchanged since ``last``: their templates'
    digests under ``code`` and the interface's catalogues in ``locale_dirs`` (kept with ``remember`` from one
    build to the next), and a Digester that knows ``articles`` (article_digests) and what every page may show
    of ``site``."""
    code += interface_digest(locale_dirs)
    names = pages.template_names() if isinstance(pages, Plan) else {p.template for p in pages}
    templates = _remembered_digests(env, names, code, RENDERING, remember)
    templates = templates.with_site_parts(site)
    library = site.library
    known: dict[int, Known] = {}
    digests: list[bytes | None] = []
    for place, article in enumerate(library.articles.values()):  # one pass, no lookup made twice
        found = articles.get(id(article))
        if found is None:
            digests.append(None)
        else:
            known[id(article)] = (article, found[1], (place,))
            digests.append(found[1])
    without_text = _without_summary_text(library.articles.values(), known, digests)
    now: Articles = (tuple(library.articles), tuple(digests))
    text_only: set[int] = set()
    if last.articles[0] == now[0]:
        changed = {n for n, (was, digest) in enumerate(zip(last.articles[1], now[1], strict=True))
                   if digest is None or was != digest}
        text_only = {n for n in changed if _text_alone_changed(last.articles[1][n], now[1][n])}
    else:
        changed = set(range(len(now[0])))
    try:
        basis = _hash(marshal.dumps([code, site_digest(site, MORE_READS), library_digest(library)], 0))
    except Unknown:
        basis = b""  # nothing is kept
    keeping = b""
    if basis and None not in templates.digests.values():
        keeping = _hash(marshal.dumps([basis, sorted(templates.digests.items()), derived_digest(site)], 0))
    shown = _SITE if templates.only_known_site_parts else None
    return Reuse(last, templates, Digester(shown, known, without_text), basis, now,
                 frozenset(changed | {_UNKNOWN_ARTICLE}), keeping, frozenset(changed - text_only | {_UNKNOWN_ARTICLE}))


def _text_alone_changed(was: object, now: bytes | None) -> bool:
    """Whether an article's digest in the page table (``Reuse.articles``) differs from the last build's in its
    summary's text alone: an article whose summary has text is there as its digest without that text, then the
    text's."""
    return type(was) is bytes and now is not None and len(was) == len(now) == 2 * _DIGEST_SIZE \
        and was[:_DIGEST_SIZE] == now[:_DIGEST_SIZE]


_DIGEST_SIZE = len(_hash(b""))


def _without_summary_text(articles: Iterable[Article], known: Mapping[int, Known],
                          digests: list[bytes | None]) -> dict[int, bytes]:
    """By id, the digest of each article of ``known`` whose summary has text, as it would be without that text:
    what a page that never reads a summary shows of it (Digester.summary_text). Each such article's digest in
    ``digests`` (by place, for the page table) is made that digest and its text's, instead of its own: as telling
    of any change, and telling of a change to the text alone (``_text_alone_changed``)."""
    found = {}
    for place, article in enumerate(articles):
        if article.summary is not None and article.summary.html and id(article) in known:
            with contextlib.suppress(Unknown):
                found[id(article)] = textless = article_digest(dataclasses.replace(
                    article, summary=dataclasses.replace(article.summary, html="")))
                digests[place] = textless + _hash(article.summary.html.encode("utf-8", "surrogatepass"))
    return found


def derived_digest(site: Site) -> bytes:
    """What the plan makes from many articles' contents at once (Site.shared_facets, the citation keys that
    articles share): a page may show its part of these without reaching the articles they were made from. Not
    the orders: an article's place in each (Site.ranks) is made from that article alone, and a page of a list
    sorted by them reaches the whole list (plan/pages.py's ``_listings``). Nor the citation keys no other article
    decides: an article's own (its author, year and first word) comes with it."""
    keys = site.citation_keys
    shared = sorted((k, keys[k]) for k in site.shared_citation_keys) if site.config.downloads else []  # only
    return _hash(marshal.dumps([sorted(site.shared_facets), shared], 0))  # the downloads show them


LIBRARY_RUN = 5_000
"""Entries of a library's map marshalled at once for its digest: marshalled whole, with each value's fields
(``_as_fields``), the maps of 100,000 records took 350 MB for a moment, which the main process kept to the end."""


def library_digest(library: Library) -> bytes:
    """Everything the library holds but its articles' contents: their keys in order, and every other part
    (authors, bylines, topics, journals, years, ranks…), each field as it is; a cache filled as pages ask for it
    (a field that takes no part in comparing libraries) is left out. Each map is digested in runs of LIBRARY_RUN
    entries, each run behind its length. A library that build_library made knows what it was made from
    (Library.made_from): a digest of that stands for all the rest, as the code that made the library is in every
    basis this digest is part of (``reuse``)."""
    if library.made_from:
        return hashlib.blake2b(b"made from\0" + library.made_from, digest_size=16).digest()
    digest = hashlib.blake2b(digest_size=16)
    for field in dataclasses.fields(library):
        if not field.compare:
            continue
        value = getattr(library, field.name)
        digest.update(marshal.dumps(field.name, 0))
        entries = iter(value) if field.name == "articles" else iter(value.items())  # the articles: their keys
        while run := list(itertools.islice(entries, LIBRARY_RUN)):
            try:
                part = marshal.dumps(run, 0)
            except ValueError:  # a map to dataclasses (authors, groups): each field's values
                part = marshal.dumps(_as_columns(run), 0)
            digest.update(b"%d\0" % len(part))
            digest.update(part)
    return digest.digest()


def _as_columns(run: list[tuple[str, Any]]) -> list[object]:
    """A run of (key, dataclass) as its keys, then the kind's label and each field's values, in a list each, when
    every value is of one kind (a map's kind written once, not once for each of 18,600 authors); else each value as
    its kind's label and its fields (``_as_fields``)."""
    kinds = {type(value) for _key, value in run}
    if len(kinds) != 1:
        return [_ROWS, _as_fields(dict(run))]
    kind = kinds.pop()
    if not dataclasses.is_dataclass(kind):
        raise Unknown(kind.__qualname__)
    label, names = _kind_of(kind)
    values = [value for _key, value in run]
    return [_COLUMNS, label, [key for key, _value in run], *(list(map(operator.attrgetter(name), values))
                                                              for name in names)]


_ROWS, _COLUMNS = b"rows", b"columns"


def _as_fields(values: dict[str, Any]) -> list[tuple[str, str, object]]:
    """Each (dataclass) value of ``values`` as its key, its kind's label and its fields' values."""
    getters: dict[type, tuple[str, Callable[[Any], object]]] = {}
    found = []
    for key, value in values.items():
        kind = type(value)
        getter = getters.get(kind)
        if getter is None:
            if not dataclasses.is_dataclass(kind):
                raise Unknown(kind.__qualname__)
            label, names = _kind_of(kind)
            getter = getters[kind] = (label, operator.attrgetter(*names) if names else _no_fields)
        found.append((key, getter[0], getter[1](value)))
    return found


def _no_fields(_value: object) -> object:
    return ()
