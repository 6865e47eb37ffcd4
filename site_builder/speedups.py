"""Speed tricks that lean on other libraries' internals or on the interpreter's collector, all behind this door.

Each trick names the versions it was written against and runs only within them; outside that range, or when
turned off, the plain path runs and every output byte is the same (tests/test_speedups.py builds the demo site
both ways). What each one gains is measured in benchmarks/ (README there); a trick that stops paying goes.

The environment variable ``SITE_BUILDER_SPEEDUPS`` chooses, for the whole process: unset or ``on``, every trick
whose versions match; ``off``, none; a comma-separated list of names (``jinja_output,gc_freeze``), only those.

- ``jinja_output``: ``{{ value }}`` compiles to a check for Markup and a call of ``escape_output`` instead of
  Jinja's generic escape, which copies Markup and wraps every escaped string in a new Markup.
- ``jinja_call``: a template's call of a macro or of a plain function (``_()``, ``url.page()``) skips Jinja's
  generic search for what the callable wants passed first (two attribute lookups on the callable and on its
  ``__call__``): a macro is given the evaluation context as Jinja gives it, a function what its mark asks for.
- ``jinja_globals``: a template's globals are a plain dict rather than a ChainMap over the environment's, so
  the set difference every ``{% from … import %}`` makes runs in C.
- ``markupsafe_escape``: ``escape_output`` calls markupsafe's C escaper without its Markup wrapper.
- ``citeproc_lookups``: citeproc-py's lookups in a loaded style (XPath searches, child elements, macros, the
  root, the formatter) and an item's reference are answered once instead of at every use.
- ``citeproc_walk``: citeproc-py's walk of a style asks each element's children, formatting, affixes, tests and
  kind once, not at every reference, and passes over an element known to print nothing for a reference like the
  one at hand (cite/citeproc_speed.py and citeproc_speed_patched.py hold the replacements).
- ``gc_freeze``: no garbage collection while the model grows (millions of objects without cycles), and the
  model frozen out of the collector's sight once planned, also in forked render workers.
- ``malloc_trim``: once the model is planned, and before each fork during a build, glibc's allocator hands
  the free pages inside its heap back to the system (reading leaves many: each file's text, its packed form for
  the cache; so do the library's digests and the pages' results); and from the start of a build, one heap
  serves every thread (``M_ARENA_MAX`` 1): what a worker sends back is unpacked by the pool's thread, in a heap
  of that thread's own, whose free pages ``malloc_trim`` left in place (at 10,000 records, 55 MB: the records
  read by workers, once unpacked). A forked worker's resident size starts at its parent's, free pages
  included: at 30,000 records the who-is-who worker was forked with 170 MB of them. Nothing happens on another
  C library.
- ``compact_text``: from the first build of a process (build.py asks), a Section's text (an abstract's
  paragraph, a model's largest text) is held as UTF-8 where that takes less memory than the str: one character
  beyond Latin-1 makes CPython take two bytes for each character of a str. Read, it is the str again.
- ``frozen_init``: from the first build of a process (build.py asks), the model's and the plan's frozen, slotted
  dataclasses (``quick_init``) are made by an ``__init__`` that sets each slot through its own descriptor, bound
  once, instead of dataclasses' ``object.__setattr__`` looked up and called for each field: an edit's rebuild at
  10,000 records makes some 200,000 of them (70,000 pages, each article unpacked from the build cache).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import functools
import gc
import inspect
import os
import sys
import types
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.nodes
import jinja2.runtime
import jinja2.utils
import markupsafe

from . import installed
from .diagnostics import UserError

SWITCH = "SITE_BUILDER_SPEEDUPS"


@dataclass(frozen=True)
class Trick:
    name: str
    distribution: str
    """The package whose internals it uses ("" for the interpreter itself)."""
    versions: tuple[tuple[int, int], tuple[int, int]]
    """(lowest, first excluded) major.minor versions it was written against."""


TRICKS = (
    Trick("jinja_output", "Jinja2", ((3, 1), (3, 2))),
    Trick("jinja_call", "Jinja2", ((3, 1), (3, 2))),
    Trick("jinja_globals", "Jinja2", ((3, 1), (3, 2))),
    Trick("markupsafe_escape", "MarkupSafe", ((3, 0), (3, 1))),
    Trick("citeproc_lookups", "citeproc-py", ((0, 11), (0, 12))),
    Trick("citeproc_walk", "citeproc-py", ((0, 11), (0, 12))),
    Trick("gc_freeze", "", ((3, 11), (3, 15))),
    Trick("malloc_trim", "", ((3, 11), (3, 15))),
    Trick("compact_text", "", ((3, 11), (3, 15))),
    Trick("frozen_init", "", ((3, 11), (3, 15))),
)
_BY_NAME = {trick.name: trick for trick in TRICKS}


def enabled(name: str) -> bool:
    """Whether trick ``name`` runs in this process: chosen by SITE_BUILDER_SPEEDUPS, and its versions match."""
    return name in _chosen(os.environ.get(SWITCH, "")) and _fits(_BY_NAME[name])


@cache
def _chosen(setting: str) -> frozenset[str]:
    words = {word.strip() for word in setting.lower().split(",") if word.strip()}
    if not words or words == {"on"}:
        return frozenset(_BY_NAME)
    unknown = words - set(_BY_NAME) - {"off"}
    if unknown:
        raise UserError(f"{SWITCH}: unknown name(s) {', '.join(sorted(unknown))}; "
                         f"use on, off or any of {', '.join(_BY_NAME)}")
    return frozenset(words - {"off"})


@cache
def _fits(trick: Trick) -> bool:
    if trick.distribution:
        if trick.distribution == "MarkupSafe" and not hasattr(markupsafe, "_escape_inner"):
            return False
        version = installed.version(trick.distribution)
        if version is None:
            return False
    elif sys.implementation.name == "cpython":
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
    else:
        return False
    low, high = trick.versions
    return low <= _major_minor(version) < high


def _major_minor(version: str) -> tuple[int, int]:
    parts = [int("".join(c for c in part if c.isdigit()) or 0) for part in version.split(".")[:2]]
    return (parts + [0, 0])[0], (parts + [0, 0])[1]


# --- Jinja and markupsafe ----------------------------------------------------------------------------------------


def _escape_output(value: object) -> str:
    """What autoescaping does to each ``{{ value }}`` (``markupsafe_escape``): Markup as it is, a string through
    markupsafe's C escaper without the Markup wrapper, since an escaped value is only ever joined into the page."""
    if type(value) is str:
        return _escape_inner(value)
    if type(value) is int:  # counts: nothing to escape
        return str(value)
    return markupsafe.escape(value)  # Markup as it is, anything else with __html__ or str()


_escape_inner: Callable[[str], str] = getattr(markupsafe, "_escape_inner", markupsafe.escape)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator with ``jinja_output``; any other node compiles as Jinja's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._escaped: list[str | None] = []  # per output expression being written: its temporary, if ours

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: jinja2.compiler.Frame,
                          finalize: jinja2.compiler.CodeGenerator._FinalizeInfo) -> None:
        if (not enabled("jinja_output") or frame.eval_ctx.volatile or not frame.eval_ctx.autoescape
                or finalize.src is not None):
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

_PLAIN_CALLABLES = (types.FunctionType, types.MethodType, types.BuiltinFunctionType, functools.partial)
"""Kinds whose ``__call__`` carries no pass mark of its own, so that the callable's own mark (``pass_context``…)
is the whole answer to what Jinja passes it first."""


class _Context(jinja2.runtime.Context):
    """``jinja_call``: Jinja's Context with ``call`` taking the short way for a macro and for a plain function;
    anything else, and a function that wants the whole context, goes through Jinja's own ``call``."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own signature
        kind = type(__obj)
        if kind is jinja2.runtime.Macro:
            pass_arg: Any = jinja2.utils._PassArg.eval_context  # Macro.__call__ is marked pass_eval_context
        elif kind in _PLAIN_CALLABLES:
            pass_arg = getattr(__obj, "jinja_pass_arg", None)
            if pass_arg is jinja2.utils._PassArg.context:
                return super().call(__obj, *args, **kwargs)
        else:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        if pass_arg is jinja2.utils._PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif pass_arg is jinja2.utils._PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a StopIteration"
                                                " exception")


class _WithCodeGenerator(jinja2.Environment):
    code_generator_class = _CodeGenerator
    escape_output: Callable[[object], str] = staticmethod(markupsafe.escape)
    """What the generated code calls for ``{{ value }}`` (``jinja_output``)."""


class _Environment(_WithCodeGenerator):
    def make_globals(self, d: Mapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A plain dict (``jinja_globals``): right while every global is set before the first template loads,
        as render/pages.py does; Jinja's ChainMap exists for globals added later."""
        return {**self.globals, **(d or {})}


def environment(**options: Any) -> jinja2.Environment:
    """A Jinja environment of ``options``: Jinja's own class when none of the Jinja tricks runs."""
    cls: type[jinja2.Environment] = jinja2.Environment
    if enabled("jinja_globals"):
        cls = _Environment
    elif enabled("jinja_output"):
        cls = _WithCodeGenerator
    env = cls(**options)
    if enabled("jinja_call"):
        env.context_class = _Context
    if isinstance(env, _WithCodeGenerator) and enabled("markupsafe_escape"):
        env.escape_output = _escape_output
    return env


# --- citeproc-py -------------------------------------------------------------------------------------------------

_ITEM_REFERENCES: dict[int, tuple[Any, Any]] = {}
"""citation item id → (item, its reference), for the one bibliography being formatted."""


@cache
def remember_citeproc_lookups() -> None:
    """``citeproc_lookups``, installed once per process before the first style is loaded.

    A loaded style and its locales do not change, so an answer is kept, with one exception: citeproc-py's only
    change to a style is to add a missing ``cs:name`` to a ``cs:names`` element, so an empty answer about
    ``cs:name`` is asked again. An item's reference is reached through four dictionary lookups hundreds of
    times per reference; it is kept while one bibliography is formatted (``forget_item_references`` after).
    """
    if not enabled("citeproc_lookups"):
        return
    from citeproc import CitationItem
    from citeproc.model import CitationStylesElement, Parent, SomewhatObjectifiedElement, Text

    element: Any = CitationStylesElement  # Any: methods are replaced, which a type checker rightly refuses
    element.get_macro = _remembered(element.get_macro)
    element.get_root = _remembered(element.get_root)
    element.get_formatter = _remembered(element.get_formatter)  # always the same formatter (formatter.html)
    element.get_locale_option = _remembered(element.get_locale_option)
    element.xpath_search = _remembered(
        element.xpath_search, keep=lambda expression, found: bool(found) or "cs:name" not in expression)
    objectified: Any = SomewhatObjectifiedElement
    objectified.__getattr__ = _remembered(
        objectified.__getattr__, keep=lambda name, found: found is not None or name != "name")
    for cls in (Parent, Text):  # whether an element uses a variable: a question about the style alone
        patched: Any = cls
        patched.calls_variable = _remembered(patched.calls_variable)
    item: Any = CitationItem
    item.reference = property(_remembered(item.reference.fget, answers=_ITEM_REFERENCES))


def forget_item_references() -> None:
    """After each bibliography: its items' references were kept for it alone."""
    _ITEM_REFERENCES.clear()


def _remembered(method: Callable[..., Any], keep: Callable[[Any, Any], bool] | None = None,
                answers: dict[Any, tuple[Any, Any]] | None = None) -> Callable[..., Any]:
    """``method`` (of no argument or one), answered once per object and argument; ``keep(argument, answer)`` may
    refuse to keep an answer. Answers are keyed by the object's id and hold the object, so the id is never reused
    while kept. Two shapes, without ``*args``, whose packing would be much of a remembered call's cost."""
    kept: dict[Any, tuple[Any, Any]] = {} if answers is None else answers
    if len(inspect.signature(method).parameters) == 1:
        if keep is not None:
            raise TypeError("keep(argument, answer) judges methods of one argument")

        def remembered(self: Any) -> Any:
            key = id(self)
            hit = kept.get(key)
            if hit is not None and hit[0] is self:
                return hit[1]
            answer = kept[key] = (self, method(self))
            return answer[1]

        return remembered

    def remembered_with(self: Any, arg: Any) -> Any:
        key = (id(self), arg)
        hit = kept.get(key)
        if hit is not None and hit[0] is self:
            return hit[1]
        answer = method(self, arg)
        if keep is None or keep(arg, answer):
            kept[key] = (self, answer)
        return answer

    return remembered_with


# --- the collector -----------------------------------------------------------------------------------------------


class Heap:
    """The collector's state through one build (``gc_freeze``); with the trick off, nothing is changed."""

    def __init__(self, active: bool) -> None:
        self.active = active

    def records_read(self) -> None:
        """Every record file is read: hand back the free pages that the files' texts and the cache's packed forms
        left (``malloc_trim``), before merging makes its many small objects in fresh pages beside them. At
        100,000 records the main process held 1,475 MB after reading, and 900 MB after merging with this."""
        if enabled("malloc_trim"):
            _trim()

    def model_made(self) -> None:
        """The model is planned: freeze it out of the collector's sight (a forked render worker inherits that),
        and collect again for the template engine's cycles."""
        if enabled("malloc_trim"):
            _trim()
        if self.active:
            gc.freeze()
            gc.enable()


@contextmanager
def model_heap() -> Iterator[Heap]:
    """While the model grows, no collection: the model has no cycles, so collecting frees nothing, and each pass
    walks every object made so far."""
    global _TRIM_AT_FORK
    heap = Heap(enabled("gc_freeze") and gc.isenabled())
    trimming = enabled("malloc_trim") and _glibc()
    if trimming:
        _one_arena()
        _trim_at_forks()
    if heap.active:
        gc.disable()
    _TRIM_AT_FORK = trimming
    try:
        yield heap
    finally:
        _TRIM_AT_FORK = False
        if heap.active:
            gc.unfreeze()
            gc.enable()


_TRIM_AT_FORK = False
"""Within a build with ``malloc_trim``: hand the heap's free pages back before each fork (``_trim_at_forks``)."""


@cache
def _trim_at_forks() -> None:
    """Once per process: before every fork, while a build runs, ``_trim`` (a worker forked with the parent's
    free pages counts them in its own resident size, and a fork copies their page tables)."""
    os.register_at_fork(before=_trim_before_fork)


def _trim_before_fork() -> None:
    if _TRIM_AT_FORK:
        _trim()


@cache
def _glibc() -> bool:
    """Whether the C library is glibc, as it says itself (what ``platform.libc_ver`` asks first, without the
    module's import and its regular expressions)."""
    try:
        return sys.platform == "linux" and (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (AttributeError, ValueError, OSError):  # no such name on this system
        return False


def _one_arena() -> None:
    """``malloc_trim``: glibc's ``mallopt(M_ARENA_MAX, 1)``, one heap for all threads from now on."""
    if not _glibc():
        return
    with contextlib.suppress(OSError, AttributeError):  # no such function in this process: nothing to gain
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)


_M_ARENA_MAX = -8
"""glibc's malloc.h."""


def _trim() -> None:
    """``malloc_trim``: glibc's ``malloc_trim(0)``, which returns the free pages inside its heap to the system."""
    if not _glibc():
        return
    with contextlib.suppress(OSError, AttributeError):  # no such function in this process: nothing to gain
        ctypes.CDLL(None).malloc_trim(0)


# --- the model's text --------------------------------------------------------------------------------------------


class _CompactText:
    """A slot of text held as UTF-8 bytes where that takes less memory than the str, given back as the str.

    A str with a single character beyond Latin-1 (an en dash, a Greek letter) takes two bytes for each of its
    characters, four with one beyond the Basic Multilingual Plane; as UTF-8, nearly all of an abstract's
    characters take one. At 10,000 synthetic records, Section.text took 3.3 kB an article as str and 2.0 kB so
    held; reading it back decodes it (about 1 µs for an abstract). Set, it takes a str; read, it gives one: the
    dataclass's __init__, equality, hash, repr, replace and fields see only the str."""

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot  # the dataclass's own slot (a member descriptor), which holds the str or its bytes

    def __get__(self, obj: object, cls: type | None = None) -> Any:
        if obj is None:
            return self
        held = self._slot.__get__(obj, cls)
        return held if type(held) is str else held.decode("utf-8")

    def __set__(self, obj: object, value: str | bytes) -> None:
        if type(value) is str and not value.isascii():
            try:
                utf8 = value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: kept as it is
                utf8 = b""
            if utf8 and sys.getsizeof(utf8) < sys.getsizeof(value):
                self._slot.__set__(obj, utf8)
                return
        # bytes are UTF-8 that this rule chose already (model/packing.py's text_form): held as given
        self._slot.__set__(obj, value)


def holds_compact(cls: type, name: str) -> bool:
    """Whether the text slot ``name`` of ``cls`` is held through ``compact_text``, and so takes UTF-8 bytes that
    its rule chose (model/packing.py's ``text_form``) as they are."""
    return isinstance(cls.__dict__.get(name), _CompactText)


def compact_text(cls: type, name: str) -> None:
    """With ``compact_text``, from now on in this process: the text slot ``name`` of the slotted class ``cls``
    (the model's Section.text) through ``_CompactText``."""
    slot = cls.__dict__[name]
    if enabled("compact_text") and not isinstance(slot, _CompactText):
        setattr(cls, name, _CompactText(slot))
        if cls in _QUICK:  # its __init__ set the slot itself: it sets it through _CompactText from now on
            quick_init(cls)



# --- frozen dataclasses' __init__ --------------------------------------------------------------------------------


_QUICK: dict[type, tuple[Callable[..., None], tuple[object, ...]]] = {}
"""Each class ``quick_init`` gave its __init__: its own __init__, and the slots' descriptors the new one sets."""


def quick_init(*classes: type) -> None:
    """With ``frozen_init``, from now on in this process: each of ``classes`` made by an ``__init__`` that sets
    its slots through their descriptors, bound once (a frozen dataclass's own calls ``object.__setattr__`` for
    each field, some 0.2 µs a field). The same arguments, defaults and values: only a frozen, slotted dataclass
    whose every field is a plain argument (no factory, no ``__post_init__``, no keyword-only field) is given
    one; another keeps its own. A descriptor set on the class since (``compact_text``) is taken again."""
    if not enabled("frozen_init"):
        return
    for cls in classes:
        given = _QUICK.get(cls)
        original: Callable[..., None] | None = given[0] if given is not None else cls.__dict__.get("__init__")
        slots = _plain_slots(cls, original) if original is not None else None
        if original is None or slots is None or (given is not None and given[1] == slots):
            continue
        setattr(cls, "__init__", _slot_setting_init(cls, original, slots))  # noqa: B010  # (mypy refuses cls.__init__ =)
        _QUICK[cls] = (original, slots)


def _plain_slots(cls: type, init: Callable[..., None]) -> tuple[object, ...] | None:
    """The descriptor of each field of ``cls``, in order, when ``quick_init`` can make its instances; else None."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        return None
    fields = cls.__dataclass_fields__  # type: ignore[attr-defined]
    arguments = list(inspect.signature(init).parameters.values())[1:]
    if [a.name for a in arguments] != list(fields) or any(
            a.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD for a in arguments):
        return None  # InitVar, keyword-only or init=False fields: dataclasses' own __init__
    for argument, field in zip(arguments, fields.values(), strict=True):
        if field.default_factory is not dataclasses.MISSING or not (
                argument.default is field.default or (argument.default is inspect.Parameter.empty
                                                      and field.default is dataclasses.MISSING)):
            return None
    slots = tuple(cls.__dict__.get(name) for name in fields)
    return slots if all(hasattr(slot, "__set__") for slot in slots) else None


def _slot_setting_init(cls: type, original: Callable[..., None], slots: tuple[object, ...]) -> Callable[..., None]:
    fields = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
    names = {f"_set{n}": slot.__set__ for n, slot in enumerate(slots)}  # type: ignore[attr-defined]
    names.update({f"_default{n}": f.default for n, f in enumerate(fields) if f.default is not dataclasses.MISSING})
    arguments = ", ".join(f.name if f.default is dataclasses.MISSING else f"{f.name}=_default{n}"
                          for n, f in enumerate(fields))
    body = "".join(f"\n    _set{n}(self, {f.name})" for n, f in enumerate(fields)) or "\n    pass"
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {arguments}):{body}", names, namespace)  # noqa: S102  # our own fields' names
    init = namespace["__init__"]
    init.__qualname__, init.__module__, init.__doc__ = original.__qualname__, original.__module__, original.__doc__
    init.__annotations__ = dict(original.__annotations__)  # the same signature, for whoever asks
    return init  # type: ignore[no-any-return]
