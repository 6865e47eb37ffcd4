"""The speed trick ``citeproc_walk`` (citeproc_speed.py), for what ``citeproc_patches`` changes too: installed
after ``citeproc_patches.apply``, each replacement does what citeproc-py 0.11 with that patch does, in fewer steps,
every output byte the same.

A seam reads the characters on each side of it, not the whole text so far; an element without formatting, affixes,
quotes or text case is rendered without the steps of its markup, which each give back their argument; a cs:name's
options, its "and" and "et al." terms and its name parts are worked out once per element.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .citeproc_speed import ABSENT, Answers


@functools.cache
def install() -> None:
    """The replacements of what ``citeproc_patches`` changes too, once per process, after ``citeproc_patches.apply``:
    each does what citeproc-py 0.11 with that patch does, in fewer steps."""
    import citeproc.model
    import citeproc.string
    from citeproc import model
    from citeproc.string import SEAM_PUNCTUATION, MixedString, String

    from .citeproc_patches import _CLOSING_TAGS

    strip_first = citeproc.string._strip_first_char

    # --- normalize_seam (citeproc-py's, then ``citeproc_patches._one_mark_at_a_seam``'s): the characters at the
    # seam only. Both made ``str()`` of the whole text so far at every seam, each rebuilt from its pieces.

    def last_char(string: Any) -> str:
        if isinstance(string, str):  # citeproc-py's strings and the formatter's tags: str's own characters
            return string[-1:]
        if type(string) is MixedString:  # its text is its pieces' joined (MixedString.__str__)
            for piece in reversed(string):
                if isinstance(piece, str):
                    if piece:
                        return piece[-1]
                elif found := last_char(piece):
                    return found
            return ""
        return str(string)[-1:]

    def first_char(string: Any) -> str:
        if isinstance(string, str):
            return string[:1]
        if type(string) is MixedString:
            for piece in string:
                if isinstance(piece, str):
                    if piece:
                        return piece[0]
                elif found := first_char(piece):
                    return found
            return ""
        return str(string)[:1]

    def normalize_seam(left: Any, other: Any) -> Any:
        last = left[-1:] if isinstance(left, str) else last_char(left)
        first = other[:1] if isinstance(other, str) else first_char(other)
        if not last or not first:
            return other
        if first == last and (first == " " or first in SEAM_PUNCTUATION):  # citeproc-py's: no double mark
            other = strip_first(other)
            first = first_char(other)
        if first != ".":
            return other
        if last == ">":  # the patch's: the text before any closing tags
            before = _CLOSING_TAGS.sub("", str(left))
            last = before[-1:]
        if last and last in ".?!":
            return strip_first(other)
        return other

    citeproc.string.normalize_seam = normalize_seam
    citeproc.model.normalize_seam = normalize_seam

    # --- MixedString.__add__: a piece that is no list is appended without list + str raising a TypeError first --

    def add(self: Any, other: Any) -> Any:
        if other == "":  # discard_empty_other's
            return self
        other = normalize_seam(self, other)
        if other == "" or other == []:
            return self
        return self.__class__(list.__add__(self, other if isinstance(other, list) else [other]))

    mixed: Any = MixedString
    mixed.__add__ = add

    # --- render and markup of cs:text, cs:number, cs:label, cs:group and cs:names: an element with no formatting,
    # affixes, quotes, text case or stripped periods gives back what it rendered (the steps of its ``markup``
    # each return their argument then, and ``Affixed.wrap`` too for citeproc-py's strings and a plain str).

    def bare_once(element: Any, cased: bool, quoted: bool) -> bool:
        if element.get("prefix", "") or element.get("suffix", ""):
            return False
        if any(element.get(name, default) != default for name, default in _PLAIN_FORMATTING):
            return False
        if cased and (element.get("text-case") is not None
                      or element.get("strip-periods", "false").lower() == "true"):
            return False
        if quoted:
            element.get_locale_option("punctuation-in-quote").lower()  # asked (and unused) by Quoted.quote
            if str(element.get("quotes", "false")).lower() == "true":
                return False
        return True

    def bare_result(text: Any) -> Any:
        if isinstance(text, (int, float)):  # Formatted.format's
            text = str(text)
        if isinstance(text, (String, MixedString)) or type(text) is str:
            return text
        return ABSENT

    def bare_render(cls: Any, cased: bool, quoted: bool) -> Callable[..., Any]:
        bare: Answers = {}
        with_language = cls is model.Text

        def render(self: Any, *args: Any, **kwargs: Any) -> Any:
            kept = bare.get(id(self))
            if kept is None or kept[0] is not self:
                kept = bare[id(self)] = (self, bare_once(self, cased, quoted))
            if with_language:
                text, language = self.process(*args, **kwargs)
                if not kept[1] or not text:
                    return self.markup(text, language)
            else:
                text = self.process(*args, **kwargs)
                if not kept[1] or not text:
                    return self.markup(text)
            shown = bare_result(text)
            return shown if shown is not ABSENT else self.wrap(str(text) if isinstance(text, (int, float)) else text)

        return render

    for cls, cased, quoted in ((model.Text, True, True), (model.Number, True, False), (model.Label, True, False),
                               (model.Group, False, False), (model.Names, False, False), (model.Name, False, False)):
        patched: Any = cls
        patched.render = bare_render(cls, cased, quoted)


    # --- Name.process: its options, "and", "et al." and name parts are questions about the style alone ----------

    name_process = model.Name.process
    setups: dict[tuple[int, int], tuple[Any, Any, Any, Any]] = {}

    def name_setup(self: Any, context: Any) -> Any:
        options = tuple(self.get_option(name, context, None) for name in _NAME_OPTIONS)
        and_ = options[0]
        and_term = (self.get_single_term(name="and") if and_ == "text" else
                    self.preformat("&") if and_ == "symbol" else None)
        return options, and_term, self.et_al(), tuple(self.findall("cs:name-part", self.nsmap))

    def process_name(self: Any, item: Any, variable: Any, context: Any = None, sort_options: Any = None,
                     **kwargs: Any) -> Any:
        if sort_options is not None:
            return name_process(self, item, variable, context, sort_options, **kwargs)
        formatter = self.get_formatter()
        kept = setups.get((id(self), id(context)))
        if kept is None or kept[0] is not self or kept[1] is not context or kept[2] is not formatter:
            kept = setups[id(self), id(context)] = (self, context, formatter, name_setup(self, context))
        options, and_term, et_al, name_parts = kept[3]
        if options[0] not in (None, "text", "symbol"):  # no "and" term: citeproc-py's own error
            return name_process(self, item, variable, context, sort_options, **kwargs)
        (and_, delimiter, delimiter_precedes_et_al, delimiter_precedes_last, et_al_min, et_al_use_first,
         _subsequent_min, _subsequent_use_first, et_al_use_last, initialize_with, name_as_sort_order,
         sort_separator, form, demote_ndp) = options

        def format_name_parts(given: Any, family: Any) -> Any:
            for part in name_parts:
                given, family = part.format_part(given, family)
            return given, family

        # What follows is citeproc-py 0.11's Name.process, line for line.
        names = item.reference.get(variable, [])
        if form == "count":
            return sum([min(len(names), et_al_use_first)])
        output = []
        et_al_truncate = (len(names) > 1 and et_al_min and len(names) >= et_al_min)
        et_al_last = et_al_use_last and et_al_use_first <= et_al_min - 2
        if et_al_truncate:
            names = names[:et_al_use_first] + [names[-1]] if et_al_last else names[:et_al_use_first]
        for i, name in enumerate(names):
            given, family, dp, ndp, suffix = name.parts()
            if given is not None and initialize_with is not None:
                given = self.initialize(given, initialize_with, context)
            if form == "long":
                if name_as_sort_order == "all" or (name_as_sort_order == "first" and i == 0):
                    if demote_ndp in ("never", "sort-only"):
                        family = " ".join([n for n in (ndp, family) if n])
                        given = " ".join([n for n in (given, dp) if n])
                    else:
                        given = " ".join([n for n in (given, dp, ndp) if n])
                    given, family = format_name_parts(given, family)
                    order = family, given, suffix
                    text = sort_separator.join([n for n in order if n])
                else:
                    family = " ".join([n for n in (dp, ndp, family) if n])
                    given, family = format_name_parts(given, family)
                    order = given, family, suffix
                    text = " ".join([n for n in order if n])
            elif form == "short":
                family = " ".join([n for n in (ndp, family) if n])
                given, family = format_name_parts(given, family)
                text = family
            output.append(text)
        if et_al_truncate and et_al:
            if et_al_last:
                ellipsis = self.unicode_character("horizontal ellipsis")
                output[-1] = ellipsis + " " + output[-1]
                text = self.join(output, delimiter)
            elif delimiter_precedes_et_al == "always" or (delimiter_precedes_et_al == "contextual"
                                                          and len(output) >= 2):
                output.append(et_al)
                text = self.join(output, delimiter)
            else:
                text = self.join(output, delimiter) + " " + et_al
        elif and_ is not None and len(output) > 1:
            text = self.join(output[:-1], ", ")
            if delimiter_precedes_last == "always" or (delimiter_precedes_last == "contextual" and len(output) > 2):
                text = self.join([text, ""], ", ")
            else:
                text += " "
            text += f"{and_term} " + output[-1]
        else:
            text = self.join(output, delimiter)
        return text

    named: Any = model.Name
    named.process = process_name


_NAME_OPTIONS = ("and", "delimiter", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min",
                 "et-al-use-first", "et-al-subsequent-min", "et-al-subsequent-use-first", "et-al-use-last",
                 "initialize-with", "name-as-sort-order", "sort-separator", "form", "demote-non-dropping-particle")
_PLAIN_FORMATTING = (("font-style", "normal"), ("font-variant", "normal"), ("font-weight", "normal"),
                     ("text-decoration", "none"), ("vertical-align", "baseline"))
