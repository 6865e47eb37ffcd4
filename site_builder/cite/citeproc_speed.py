"""citeproc-py's walk of a style made cheaper, every output byte the same: the speed trick ``citeproc_walk``.

citeproc-py answers the same questions about a style's elements at every reference: an element's children, whether
it has any formatting, prefix or suffix, what a ``cs:if`` tests, what a ``cs:text`` prints (the macro it calls, the
variable and the key it reads). A loaded style never changes (``references.load_style`` parses and repairs it once;
the leaking ``Name()`` is repaired there), so each answer is worked out once per element, at its first use, and kept
with the element (which keeps it, and so its id, alive). Each replacement below does what citeproc-py 0.11's method
does, in the same order, and hands anything unusual (an attribute value it does not know, an element it cannot
print) to the original method, so that an odd style fails as it did. Installed by ``references._prepare`` when
``speedups.enabled``: ``install`` before ``citeproc_patches.apply``; ``citeproc_speed_patched.install`` after it,
for what a patch changes too (the seam between two strings) or what its replacement calls (a cs:text's markup, a
name's initials).

Besides the style's questions, the walk's own steps here: a string is appended to citeproc-py's MixedString
without a TypeError first; a cs:if's usual tests stop at the first that decides; and an element that printed
nothing for a reference lacking every variable it may read for its type is passed over for the next such
reference (``Silences``: a journal article visited 428 elements a reference in the three styles, two thirds of
them in subtrees that printed nothing, and now visits 176). What each saves: benchmarks/bench_references.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

ABSENT = object()

# What an element's answers are kept under: id(element) → (element, answer); the element is held so that its id
# is never reused while the answer is kept.
Answers = dict[int, tuple[Any, Any]]


def _kept(answers: Answers, element: Any, work: Callable[[Any], Any]) -> Any:
    hit = answers.get(id(element))
    if hit is not None and hit[0] is element:
        return hit[1]
    answer = work(element)
    answers[id(element)] = (element, answer)
    return answer


@functools.cache
def install() -> None:
    """Every replacement, once per process, before the first style is loaded."""
    from citeproc import model
    from citeproc.source import CustomDict, VariableError
    from citeproc.string import MixedString, String, join

    children: Answers = {}

    def children_of(element: Any) -> tuple[tuple[Any, bool, Silences], ...]:
        return tuple((child, isinstance(child, model.Choose), {}) for child in element.iterchildren())

    # --- Parent.render_children and Group.process: the children, and which are a cs:choose -----------------------
    # A child known to print nothing for a reference like this one is passed over, unrendered (``Silences``): two
    # thirds of the elements a reference visited were in such subtrees (a book's branch, a publisher, an editor
    # of a journal article). Both loops pass over a child's None and its VariableError alike.

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        kept = children.get(id(self))
        if kept is None or kept[0] is not self:
            kept = children[id(self)] = (self, children_of(self))
        output = []
        reference: Any = None
        kind: Any = None
        case: Any = None
        for child, choose, silences in kept[1]:
            if reference is None:
                reference = item.reference
                kind, case = _case(reference, kwargs)
            silent, like = _silence(silences, child, kind, case, reference) if case is not None else _UNKEPT
            if silent is not None and like in silent:
                continue
            try:
                text = child.render(item, delimiter=delimiter, **kwargs) if choose else child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
                elif silent is not None:
                    silent.add(like)
            except VariableError:
                if silent is not None:
                    silent.add(like)
        return join(output, delimiter) if output else None

    groups: Answers = {}

    def group_of(group: Any) -> tuple[str, tuple[tuple[Any, bool, bool, Silences], ...]]:
        # Whether a child uses a variable is a question about the style alone (Parent/Text.calls_variable).
        return group.get("delimiter", ""), tuple(
            (child, choose, child.calls_variable(), silences) for child, choose, silences in children_of(group))

    def group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        output = []
        variable_called = False
        variable_rendered = False
        kept = groups.get(id(self))
        if kept is None or kept[0] is not self:
            kept = groups[id(self)] = (self, group_of(self))
        delimiter, members = kept[1]
        reference: Any = None
        kind: Any = None
        case: Any = None
        for child, choose, calls, silences in members:
            variable_called = variable_called or calls
            if reference is None:
                reference = item.reference
                kind, case = _case(reference, kwargs, context)
            silent, like = _silence(silences, child, kind, case, reference) if case is not None else _UNKEPT
            if silent is not None and like in silent:  # passed over, as in render_children
                continue
            try:
                if choose:
                    child_text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    child_text = child.render(item, context=context, **kwargs)
                if child_text is not None:
                    output.append(child_text)
                    variable_rendered = variable_rendered or calls
                elif silent is not None:
                    silent.add(like)
            except VariableError:
                if silent is not None:
                    silent.add(like)
        if output and (not variable_called or variable_rendered):
            return self.join(output)
        raise VariableError

    # --- Formatted.format, Affixed.wrap, Quoted.quote: most elements have no formatting, affixes or quotes --------

    format_ = model.Formatted.format
    plain_values = (("font-style", "normal"), ("font-variant", "normal"), ("font-weight", "normal"),
                    ("text-decoration", "none"), ("vertical-align", "baseline"))
    plain: Answers = {}

    def plain_once(element: Any) -> bool:
        return all(element.get(name, default) == default for name, default in plain_values)

    def formatted(self: Any, string: Any) -> Any:
        kept = plain.get(id(self))
        if kept is None or kept[0] is not self:
            kept = plain[id(self)] = (self, plain_once(self))
        if kept[1]:
            return str(string) if isinstance(string, (int, float)) else string
        return format_(self, string)

    wrap = model.Affixed.wrap
    unaffixed: Answers = {}

    def wrapped(self: Any, string: Any) -> Any:
        # With no prefix and no suffix, citeproc-py's seams and concatenations give back ``string`` itself.
        # Only for citeproc-py's strings and a plain str: '' + a str subclass of its formatter (``<i>…</i>``)
        # is a plain str, which later concatenations treat otherwise.
        if (isinstance(string, (String, MixedString)) or type(string) is str) and _kept(
                unaffixed, self, lambda e: not e.get("prefix", "") and not e.get("suffix", "")):
            return string
        return wrap(self, string)

    quote = model.Quoted.quote
    unquoted: Answers = {}

    def unquoted_once(element: Any) -> bool:
        element.get_locale_option("punctuation-in-quote").lower()  # asked (and unused) by citeproc-py's quote
        return str(element.get("quotes", "false")).lower() != "true"

    def quoted(self: Any, string: Any) -> Any:
        return string if _kept(unquoted, self, unquoted_once) else quote(self, string)

    # --- If.render (and cs:else-if's): what it tests ------------------------------------------------------------

    conditions: Answers = {}
    others = (("is-numeric", "_is_numeric"), ("is-uncertain-date", "_is_uncertain_date"), ("locator", "_locator"))

    def condition(element: Any) -> tuple[Any, ...]:
        types = element.get("type")
        variables = element.get("variable")
        return (tuple(kind.lower() for kind in types.split()) if types is not None else None,
                tuple(var.replace("-", "_") for var in variables.split()) if variables is not None else None,
                tuple(method for name, method in others if name in element.attrib),
                "position" in element.attrib, element.get("match"))

    def passes(self: Any, item: Any, context: Any) -> bool:
        """What citeproc-py's ``If.render`` decides before it renders the branch."""
        kept = conditions.get(id(self))
        if kept is None or kept[0] is not self:
            kept = conditions[id(self)] = (self, condition(self))
        types, variables, tests, position, match = kept[1]
        if not tests and not position:  # the usual tests, which cannot raise: decided as soon as one decides
            wanted = match == "any" or match == "none"  # a result that decides (True), else all must be True
            if types:
                reference = item.reference
                kind = dict.get(reference, "type", ABSENT)  # reference.type, from the dictionary directly
                if kind is ABSENT:
                    kind = reference.type
                for name in types:
                    if (name == kind) is wanted:
                        return match != "none" if wanted else False
            if variables:
                reference = item.reference
                for var in variables:
                    if (("locator" in item) if var == "locator" else (var in reference)) is wanted:
                        return match != "none" if wanted else False
            return match == "none" if wanted else True
        results: list[Any] = []
        if types:
            kind = item.reference.type
            results += [name == kind for name in types]
        if variables:
            reference = item.reference
            results += [("locator" in item) if var == "locator" else (var in reference) for var in variables]
        for method in tests:
            results += getattr(self, method)(item)
        if position:
            results += self._position(item, context)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    def if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not passes(self, item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    # --- Choose.render: a branch whose test fails is passed over without raising and catching ConditionFailed --

    branches: Answers = {}

    def branches_of(element: Any) -> tuple[tuple[Any, bool], ...]:
        return tuple((child, isinstance(child, model.If)) for child in element.getchildren())

    def choose_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        kept = branches.get(id(self))
        if kept is None or kept[0] is not self:
            kept = branches[id(self)] = (self, branches_of(self))
        for child, tested in kept[1]:
            try:
                if tested and type(child).render is if_render:
                    if not passes(child, item, context):
                        continue
                    return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
                return child.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
        return None

    # --- Text.process: what a cs:text prints, and the language it falls back to ---------------------------------

    text_process = model.Text.process
    macro_render = model.Macro.render
    last_item: list[Any] = [None, ABSENT]
    """The citation item whose reference's language (or ABSENT) was read last, held: each cs:text asks it."""
    texts: Answers = {}
    fixed: dict[int, tuple[Any, Any, Any]] = {}

    def text_kind(element: Any) -> tuple[str, Any, str]:
        """What a cs:text prints: its kind, the attribute's value (for a macro, the cs:macro it calls) and the
        style's language."""
        default = element.get_root().get("default-locale", "en")[:2]
        for kind in ("variable", "macro", "term", "value"):
            if kind in element.attrib:
                value = element.get(kind)
                return kind, element.get_macro(value) if kind == "macro" else value, default
        return "", None, default

    def process_text(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        kept = texts.get(id(self))
        if kept is None or kept[0] is not self:
            kept = texts[id(self)] = (self, text_kind(self))
        kind, value, default = kept[1]
        if not kind:  # nothing to print: citeproc-py's own error
            return text_process(self, item, context, **kwargs)
        if context is None:
            context = self
        if item is last_item[0]:  # the item of the text before: the language of the same reference
            language = last_item[1]
        else:
            # item.reference.language, whose absence citeproc-py raises as VariableError: the dictionary asked
            try:
                language = dict.get(item.reference, "language", ABSENT)
            except VariableError:
                language = ABSENT
            language = last_item[1] = ABSENT if language is ABSENT else language[:2]
            last_item[0] = item
        if language is ABSENT:
            language = default
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            macro = value
            if type(macro).render is macro_render and type(macro).render_children is render_children:
                text = render_children(macro, item, context=context, sort_options=None)  # Macro.render's call
            else:
                text = macro.render(item, context)
        else:  # a term or a value: the same (immutable) String each time, for the formatter it was made for
            formatter = self.get_formatter()
            made = fixed.get(id(self))
            if made is None or made[0] is not self or made[1] is not formatter:
                made = fixed[id(self)] = (self, formatter,
                                          self._term(item) if kind == "term" else String(self.preformat(value)))
            text = made[2]
        return text, language

    # --- Text._variable: the variable a cs:text prints, its short form and the keys they are read under --------

    variables: Answers = {}

    def variable_of(element: Any) -> tuple[str, str, str | None, str, str]:
        variable = element.get("variable")
        short = variable + "-short" if element.get("form") == "short" else None
        return (variable, element.tag, short, short.replace("-", "_") if short is not None else "",
                variable.replace("-", "_"))

    def text_variable(self: Any, item: Any, context: Any) -> Any:
        kept = variables.get(id(self))
        if kept is None or kept[0] is not self:
            kept = variables[id(self)] = (self, variable_of(self))
        variable, tag, short, short_key, key = kept[1]
        repressed = context.get_layout().repressed
        if tag in repressed and variable in repressed[tag]:
            return None
        if short is not None and short_key in item.reference:
            variable, key = short, short_key
        if variable.startswith("page"):
            return self._process(item.reference.page, variable)
        if variable == "citation-number":
            return item.number
        if variable == "locator":
            return str(item.locator.identifier).replace("-", self.unicode_character("EN DASH"))
        return item.reference[key]

    # --- Name.get_option without sort options: a question about the style alone ---------------------------------

    name_option = model.Name.get_option
    name_options: dict[tuple[int, int, str], tuple[Any, Any, Any]] = {}

    def get_name_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None:
            return name_option(self, name, context, sort_options)
        key = (id(self), id(context), name)
        hit = name_options.get(key)
        if hit is not None and hit[0] is self and hit[1] is context:
            return hit[2]
        value = name_option(self, name, context, sort_options)
        name_options[key] = (self, context, value)
        return value

    # --- CustomDict.__getitem__ (a reference's variables): the same lookup without a super() object --------------

    def getitem(self: Any, key: Any) -> Any:
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            raise VariableError  # noqa: B904 - as citeproc-py raises it, its KeyError as the context

    # --- CiteProcJSON.parse_string: a string without a nocase tag is one piece -----------------------------------

    from citeproc.source.json import CiteProcJSON

    parse_string = CiteProcJSON.parse_string

    def parse_plain_string(self: Any, string: Any) -> Any:
        # citeproc-py's loop finds no tag (no "<" at all), adds the string whole to an empty MixedString (a String
        # after nothing: no seam to mend) and ends on its ValueError.
        string = str(string)
        if "<" in string:
            return parse_string(self, string)
        return MixedString([String(string)]) if string else MixedString()

    source: Any = CiteProcJSON
    source.parse_string = parse_plain_string

    patched: Any = model
    patched.Parent.render_children = render_children
    patched.Group.process = group_process
    patched.Formatted.format = formatted
    patched.Affixed.wrap = wrapped
    patched.Quoted.quote = quoted
    patched.If.render = if_render
    patched.Choose.render = choose_render
    patched.Text.process = process_text
    patched.Text._variable = text_variable
    patched.Name.get_option = get_name_option
    custom: Any = CustomDict
    custom.__getitem__ = getitem


Inputs = tuple[frozenset[str], frozenset[str], set[Any]]
"""What a child of the style reads of a reference of one type (``inputs_of``): the keys whose values it may
print or test, the keys whose presence alone it may test, and the cases (``_case``, with the latter keys present)
in which it printed nothing for a reference lacking all the former."""

Silences = dict[str, Inputs | None]
"""A child's ``Inputs`` for each type of reference it has been rendered for (None: not knowable).

What a child prints depends on the reference's type, the context it is rendered in, whether it is sorted, and
the variables it may read for that type (a branch of a cs:choose that the type rules out reads nothing). When it
printed nothing for a reference lacking every variable whose value it reads, it prints nothing for any reference
of the same type lacking them, with the same variables among those it only tests for, in the same context:
citeproc-py's elements answer an absent variable alike whatever else the reference holds, and what a style notes
as it goes (a substituted variable, suppressed later) is noted of printed variables only."""


def _silence(silences: Silences, child: Any, kind: str, case: Any, reference: Any) -> tuple[set[Any] | None, Any]:
    """Where ``child``'s silences for a reference of type ``kind`` are kept, and this reference's key among them
    (the case and the tested variables it has), when the reference lacks every variable the child may read; else
    ``_UNKEPT``. The key is in the set when the child printed nothing for a reference like this one."""
    known: Any = silences.get(kind, ABSENT)
    if known is ABSENT:
        known = silences[kind] = inputs_of(child, kind)
    if known is None or not known[0].isdisjoint(reference):
        return _UNKEPT
    return known[2], (case, known[1].intersection(reference)) if known[1] else case


_UNKEPT: tuple[None, None] = (None, None)


_PLAIN_ARGUMENTS = frozenset({"context", "sort_options"})
"""The arguments a child is rendered with in ``render_children`` and ``Group.process`` whose values ``_case``
names; with any other, a child's silence is not kept."""


def _case(reference: Any, kwargs: dict[str, Any], context: Any = ABSENT) -> tuple[Any, Any]:
    """The reference's type, and what else a child's output depends on besides the variables it reads: the
    context it is rendered in (an element of the style, held here so that it stays the same object) and whether
    it is sorted; None for either when it cannot be told (no type, other arguments)."""
    kind = dict.get(reference, "type")
    if type(kind) is not str or (kwargs and not kwargs.keys() <= _PLAIN_ARGUMENTS):
        return None, None
    if context is ABSENT:
        context = kwargs.get("context")
    return kind, (context, kwargs.get("sort_options") is None)


_UNKNOWABLE = frozenset({"locator", "citation-number", "first-reference-note-number", "year-suffix",
                         "citation-label", "citation-key"})
"""Variables a style may print that are no reference's: an element that reads one has inputs beyond them."""
_WHOLE_ONLY = frozenset({"name", "name-part", "et-al", "label", "substitute", "date-part", "sort", "key"})
"""Elements that print what their parent hands them (a name, a date's part, a names' label): never judged alone."""
_READ = ("variable", "is-numeric", "is-uncertain-date")


def inputs_of(element: Any, kind: str) -> Inputs | None:
    """What ``element`` and what it calls (its macros) may read of a reference of type ``kind`` (``Inputs``), as
    keys of the reference as citeproc-py reads them and as cs:names looks for them; None when what it prints may
    depend on more than those, the type and its context (a position, a locator, a value its parent hands it).

    A variable whose value may be read (printed, or tested for a number or an uncertain date) in each spelling:
    the CSL name, citeproc-py's key (hyphens as underscores), the short form of each (``form="short"`` reads it
    first) and the whole page of a page's part. One only tested for (a cs:if's ``variable``) under the key its
    test asks for. Not those of a cs:choose's branch that the type rules out, or that follows one the type alone
    takes."""
    found = None if _local(element.tag) in _WHOLE_ONLY else _reads(element, kind, False)
    if found is None:
        return None
    read, tested = found
    keys: set[str] = set()
    for name in read:
        for base in (name, name[:-len("-short")] if name.endswith("-short") else name):
            for spelled in (base, f"{base}-short"):
                keys.update((spelled, spelled.replace("-", "_")))
        if name.startswith("page"):
            keys.add("page")
    return frozenset(keys), frozenset(name.replace("-", "_") for name in tested) - keys, set()


Reads = tuple[frozenset[str], frozenset[str]]
"""What a subtree of a style and the macros it calls may read of a reference of one type: the variables whose
values it may print or test, and those it only tests for (``_reads``)."""

_NOTHING: Reads = (frozenset(), frozenset())
_WALKING = object()
"""What ``_READS`` holds for a macro while its subtree is walked: met again within it, the macro calls itself."""

_READS: dict[tuple[int, str, bool], tuple[Any, Any]] = {}
"""(id(node), type, within a cs:names) → (node, its ``Reads`` or None): each subtree walked once per type. The
first reference a process formatted walked each element's subtree again for every child of it that it reached
(22,900 steps for a journal article in the three styles, most of that reference's time), as each child's silences
are learnt apart. An answer is a question about the style alone: a loaded style never changes
(``references.load_style``), and the node is held so that its id is never reused while the answer is kept."""


def _reads(node: Any, kind: str, in_names: bool) -> Reads | None:
    """The variables ``node``'s subtree and its macros may read (print, or test) and those they test for, for a
    reference of type ``kind``; None when that is not knowable from them alone (``inputs_of``). ``in_names``:
    whether the node is within a cs:names, whose cs:label prints the names' role."""
    key = (id(node), kind, in_names)
    kept = _READS.get(key)
    if kept is not None and kept[0] is node:
        return None if kept[1] is _WALKING else kept[1]
    if not isinstance(node.tag, str):
        return _NOTHING  # a comment or a processing instruction: prints nothing
    _READS[key] = (node, _WALKING)
    found = _walk(node, kind, in_names)
    _READS[key] = (node, found)
    return found


def _walk(node: Any, kind: str, in_names: bool) -> Reads | None:
    """``_reads`` of a node not yet asked about: its own attributes', its macro's and its children's."""
    tag = _local(node.tag)
    attrib = node.attrib
    if "position" in attrib or "disambiguate" in attrib:
        return None
    if tag == "label" and "variable" not in attrib and not in_names:
        return None
    read: set[str] = set()
    tested: set[str] = set()
    for attribute in _READ:
        for name in str(attrib.get(attribute, "")).split():
            if name in _UNKNOWABLE:
                return None
            (tested if attribute == "variable" and tag in _BRANCHES else read).add(name)
    parts: list[Reads] = []
    macro = attrib.get("macro")
    if macro is not None:
        if "'" in macro:  # a name no XPath literal can hold: no answer
            return None
        called = node.get_root().xpath_search(f"cs:macro[@name='{macro}'][1]")
        found = _reads(called[0], kind, False) if called else None  # None too for a macro calling itself
        if found is None:
            return None
        parts.append(found)
    in_names = in_names or tag == "names"
    for child in node.iterchildren():
        decided = _taken(child, kind) if tag == "choose" else None
        if decided is False:
            continue
        found = _reads(child, kind, in_names)
        if found is None:
            return None
        parts.append(found)
        if decided is True:
            break  # the branches after one the type takes are never tested
    if not read and not tested and len(parts) == 1:
        return parts[0]
    for more_read, more_tested in parts:
        read |= more_read
        tested |= more_tested
    return (frozenset(read), frozenset(tested)) if read or tested else _NOTHING


_BRANCHES = frozenset({"if", "else-if"})
_OTHER_TESTS = ("variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate")


def _taken(branch: Any, kind: str) -> bool | None:
    """Whether a cs:choose's ``branch`` is taken when it is reached, for a reference of type ``kind``: True,
    False, or None when that depends on more than the type (as ``citeproc_speed.install``'s ``passes`` tests)."""
    if not isinstance(branch.tag, str):
        return False
    if _local(branch.tag) == "else":
        return True
    types = branch.get("type")
    if types is None:
        return None
    results = [name.lower() == kind for name in types.split()]
    others = any(test in branch.attrib for test in _OTHER_TESTS)
    match = branch.get("match")
    if match == "any":
        return True if any(results) else None if others else False
    if match == "none":
        return False if any(results) else None if others else True
    return False if not all(results) else None if others else True


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
