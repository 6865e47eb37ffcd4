"""citeproc-py made to render as the CSL specification says where it does not, and to know what CSL 1.0.2 added.

Each patch replaces or wraps one of citeproc-py's methods (0.11) once per process, before the first style is loaded
(``apply``, called by ``references.load_style``); each says what citeproc-py did, what the specification (and
citeproc-js, its reference implementation) does, and the real record that showed the difference. A change here
changes what the same article produces: bump ``references._OUTPUT_VERSION``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import citeproc


def apply() -> None:
    """Every patch, each once per process."""
    _know_available_date()
    _suppress_what_a_substitute_macro_gave()
    _keep_periods_between_digits()
    _title_case_as_specified()
    _ordinals_of_the_style_language()
    _one_mark_at_a_seam()
    _no_mark_for_no_initial()


@functools.cache
def _know_available_date() -> None:
    """Teach citeproc-py CSL 1.0.2's ``available-date`` (the electronic publication), which its list of date
    variables lacks: it then reads the item's value as a date and a style's ``cs:date`` can print it."""
    if "available_date" not in citeproc.DATES:
        citeproc.DATES.append("available_date")  # the list citeproc.source.json and citeproc.model consult
        citeproc.VARIABLES.append("available_date")


@functools.cache
def _suppress_what_a_substitute_macro_gave() -> None:
    """Make citeproc-py suppress the variables a ``cs:substitute`` printed in the author's place through a macro.

    The CSL specification suppresses substituted variables in the rest of the output. citeproc-py does so only
    for a variable the substitute names itself (``<text variable="title"/>``), not for one a macro it calls
    prints (``<text macro="title"/>``, as AMA and APA substitute the title): a work without authors was cited
    with its title twice ("Public Health Service Act. Public Health Service Act. Vol 42."), and APA a book's
    edition that is a number ("T (2nd ed.). (2000). (2nd ed.)."). The variables that the substitute printed,
    through any macro, as text or as a number, are suppressed too (not every variable its macros name: a volume
    the substitute did not print is printed where the style puts it).
    """
    from citeproc.model import CitationStylesElement, Label, Number, Substitute, Text

    text_tag = f"{{{CitationStylesElement.nsmap['cs']}}}text"
    substitute = Substitute.render
    variable = Text._variable

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = context.get_layout()
        outer = getattr(layout, "substituted", None)
        layout.substituted = []
        try:
            text = substitute(self, item, context=context, **kwargs)
            if text:
                layout.repressed.setdefault(text_tag, []).extend(layout.substituted)
            return text
        finally:
            if outer is not None:
                outer.extend(layout.substituted)
            layout.substituted = outer

    def printed_variable(self: Any, item: Any, context: Any) -> Any:
        value = variable(self, item, context)
        trace = getattr(context.get_layout(), "substituted", None)
        if value and trace is not None:
            trace.append(self.get("variable"))
        return value

    number = Number.process

    def printed_number(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        # A number (APA's edition "3" as "3rd ed.") is suppressed as a text is, once the substitute printed it.
        layout = (context if context is not None else self).get_layout()
        if self.get("variable") in layout.repressed.get(text_tag, ()):
            return None
        value = number(self, item, context=context, **kwargs)
        trace = getattr(layout, "substituted", None)
        if value and trace is not None:
            trace.append(self.get("variable"))
        return value

    label = Label.process

    def unprinted_label(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None,
                        **kwargs: Any) -> Any:
        # The "ed." after that number goes with it (a label of names is given its variable: never suppressed).
        if variable is None and context is not None and self.get("variable") in context.get_layout().repressed.get(
                text_tag, ()):
            return None
        return label(self, item, variable=variable, plural=plural, context=context, **kwargs)

    Substitute.render = render
    Text._variable = printed_variable
    Number.process = printed_number
    Label.process = unprinted_label
    _suppress_substituted_names()


def _suppress_substituted_names() -> None:
    """Make citeproc-py suppress the names a ``cs:substitute`` printed in the author's place.

    citeproc-py notes a substituted ``cs:names`` variable as it notes a ``cs:text`` one, but only ``cs:text``
    consults the note: an edited book without authors was cited with its editors twice ("Danker FW, Bauer W,
    editors. A Greek-English Lexicon. Danker FW, Bauer W, editors. Chicago: …"). A ``cs:names`` whose variables
    were all substituted prints nothing, as an empty variable does; one with others left prints those (the note
    holds a substitute's ``cs:names`` as its variables attribute reads, "editor translator" in the NLM style).
    """
    from citeproc.model import Names, VariableError

    process = Names.process

    def unsubstituted(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        roles = str(self.get("variable"))
        noted = (context if context is not None else self).get_layout().repressed.get(self.tag, ())
        substituted = {role for variables in noted if variables for role in variables.split()}
        kept = " ".join(role for role in roles.split() if role not in substituted)
        if kept == roles:
            return process(self, item, names_context=names_context, context=context, **kwargs)
        if not kept:
            raise VariableError
        self.set("variable", kept)
        try:
            return process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", roles)

    Names.process = unsubstituted


# A period that has not a digit on each side: every period but the point of a version or a decimal ("0.4").
_STRIPPED_PERIOD = re.compile(r"(?<!\d)\.|\.(?!\d)")
# A period between a letter and a capital, which parts the words of an abbreviation written without spaces
# ("J.Clin.Epidemiol."): it becomes the space it stands for, unless it stands between the single letters of an
# initialism ("N.Z.", "U.D.C.A", stripped to "NZ" and "UDCA").
_PARTING_PERIOD = re.compile(r"(?<=([^\W\d_]))\.(?=([^\W\d_]))")


@functools.cache
def _keep_periods_between_digits() -> None:
    """Make ``strip-periods`` keep a period between two digits.

    The CSL specification's ``strip-periods`` removes every period, so that "J. Biol. Chem." prints as the
    abbreviation "J Biol Chem"; citeproc-py and citeproc-js do so (citeproc-js keeps a period before a lowercase
    letter only). The NLM and AMA styles strip the journal's name, and a record whose journal was
    "R package version 0.4" was cited as "R package version 04.": a number that no longer says what the record
    says. A period between digits is no abbreviation's, so it stays. A period glued between a letter and a
    capital parts two words and becomes a space: RefWorks' "J.Clin.Epidemiol." was cited as "JClinEpidemiol"
    (now "J Clin Epidemiol", as NLM abbreviates it). citeproc-py's own method is replaced, not
    wrapped: it is one ``replace`` on the processor's string, which is a ``str`` or a list of them.
    """
    from citeproc.model import StrippedPeriods
    from citeproc.string import MixedString

    def stripped(text: Any) -> Any:
        if isinstance(text, MixedString):
            return type(text)(stripped(piece) for piece in text)
        if not isinstance(text, str):
            return text
        parted = _PARTING_PERIOD.sub(lambda found: " " if _parts_words(text, found) else ".", text)
        return type(text)(_STRIPPED_PERIOD.sub("", parted))

    def strip_periods(self: Any, string: Any) -> Any:
        return stripped(string) if self.get("strip-periods", "false").lower() == "true" else string

    StrippedPeriods.strip_periods = strip_periods


def _parts_words(text: str, period: re.Match[str]) -> bool:
    """Does ``period`` (a ``_PARTING_PERIOD``) stand between two words, not between an initialism's letters?"""
    before = re.search(r"[^\W\d_]+\Z", text[:period.start()])
    after = re.match(r"[^\W\d_]+", text[period.end():])
    return text[period.end()].isupper() and (before is not None and len(before[0]) > 1
                                             or after is not None and len(after[0]) > 1)


# The words title case leaves in lowercase besides CSL's stop words (which citeproc-py has): the particles among
# citeproc-js's skip words (``CSL.SKIP_WORDS``: "v.", "vs.", "versus", "et", "ca.", and the name particles "de",
# "van", "von") and the "al." after "et".
_PARTICLES = ("v.", "vs", "vs.", "versus", "et", "al", "al.", "ca.", "de", "van", "von")
# What may stand around a word without being part of it: brackets, quotes, and the comma or semicolon after it.
_AROUND_A_WORD = "([{\"'\u2018\u201c)]}\u2019\u201d,;"


@functools.cache
def _title_case_as_specified() -> None:
    """Make citeproc-py's title case keep particles in lowercase and capitalize a stop word after a colon only.

    The CSL specification capitalizes each lowercase word but its stop words, which are capitalized first in the
    string or after a colon; citeproc-js keeps the particles of its skip words in lowercase too. citeproc-py
    capitalized a stop word after any word ending in a period as well, and every particle: an English article
    in "IEEE Trans. on Circuits and Systems" was cited by APA in "IEEE Trans. On Circuits and Systems", one in
    "Biochimica et biophysica acta" in "Biochimica Et Biophysica Acta", one in "Revista de Saúde Pública" in
    "Revista De Saúde Pública", and AMA cited a case as "Roe V. Wade".
    A stop word or particle is recognised inside brackets or quotes and before a comma ("al.)", "vs.,").
    Everything else is citeproc-py's: a word with a capital anywhere is left as it is ("mRNA", "IEEE"), only
    English items are title-cased (the item's ``language``), and a word's first character is the one
    capitalized (so "(apples" stays so, where the specification would give "(Apples").
    """
    from citeproc.model import TextCased

    case = TextCased.case
    kept_lower = frozenset([*TextCased._stop_words, *_PARTICLES])

    def title_case(self: Any, text: Any, language: Any = None) -> Any:
        if self.get("text-case") != "title" or language != "en" or not text:
            return case(self, text, language)
        words = []
        after_colon = True  # the first word is capitalized as one after a colon is
        for word in text.words():
            if word.islower() and (after_colon or str(word).strip(_AROUND_A_WORD).lower() not in kept_lower):
                word = word.capitalize_first()
            elif word.islower():
                word = word.soft_lower()
            after_colon = str(word).endswith(":")
            words.append(word)
        return " ".join(words)

    TextCased.case = title_case


@functools.cache
def _ordinals_of_the_style_language() -> None:
    """Make citeproc-py write an ordinal with the suffix of the language the style speaks.

    It looks first in the locales of the first one's exact tag: APA's own ``<locale xml:lang="es">`` but not
    es-ES's terms, so it went on to en-US's "ordinal-03" before es-ES's "ordinal", and an edition "3" came out
    "3rd ed." on a Spanish, French or German page ("3.ª ed.", "3ᵉ éd.", "3. Aufl."). Each locale of the
    language is now searched for the day's or number's own term, then its last digit's, then the general
    ``ordinal``, before any other language's."""
    from citeproc import model

    fallback = model.to_ordinal
    lang = "{http://www.w3.org/XML/1998/namespace}lang"

    def language(locale: Any) -> str:
        return str(locale.get(lang) or "").split("-")[0]

    def to_ordinal(number: Any, context: Any) -> Any:
        locales = context.get_root().locales
        own = [locale for locale in locales if locales and language(locale) == language(locales[0])]
        digits = str(number)
        names = ((f"ordinal-{int(digits):02}" if len(digits) == 1 else f"ordinal-{digits}", False),
                 (f"ordinal-{int(digits[-1]):02}", True), ("ordinal", False))
        for name, padded in names:
            for locale in own:
                try:
                    return digits + locale.get_term(name, None, zero_padded=padded).single
                except (IndexError, AttributeError):
                    continue
        return fallback(number, context)

    model.to_ordinal = to_ordinal


_CLOSING_TAGS = re.compile(r"(?:</[a-z]+>)+\Z")


@functools.cache
def _one_mark_at_a_seam() -> None:
    """Make citeproc-py drop a period that a style adds after text already ending in a period, a question mark or
    an exclamation mark, in italics or not.

    citeproc-py (0.11, ``citeproc.string.normalize_seam``) drops the period a style's suffix or delimiter adds
    after a period only, and only when no formatting closes between them; citeproc-js, the specification's
    reference, drops it after "?" and "!" too. A title that asks a question was cited "How reliable is our
    knowledge?. Wildl Soc Bull." in all three styles (some 90 of 4,597 real records in a site built from the
    shared corpus and tests/data), and a title the catalogue ends with a period "Bollettino della Unione matematica
    italiana.." in APA, whose italics close before the style's period. Replaces the function in both modules
    that call it by name.
    """
    import citeproc.model
    import citeproc.string

    seam = citeproc.string.normalize_seam
    strip_first = citeproc.string._strip_first_char

    def normalize_seam(left: Any, other: Any) -> Any:
        other = seam(left, other)
        before, added = _CLOSING_TAGS.sub("", str(left)), str(other)
        if before and added[:1] == "." and before[-1] in ".?!":
            return strip_first(other)
        return other

    citeproc.string.normalize_seam = normalize_seam
    citeproc.model.normalize_seam = normalize_seam


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
"""Unicode's hyphen and non-breaking hyphen (U+2010, U+2011), which join a given name's parts as "-" does: OpenAlex's
display names write them ("Charles\u2010Edmond Bichot", 10.4018/978-1-4666-1891-6.ch004), whose initials are
"CE"."""


@functools.cache
def _no_mark_for_no_initial() -> None:
    """Make citeproc-py's initials end with a lowercase word of the given name as the record writes it.

    citeproc-py (0.11, ``Name.initialize``) keeps a lowercase word of a given name as it is, but then writes the
    initials' mark after it with no initial before it: "Almeida, Thiago Oliveira e" (a real SciELO record) was
    cited "Almeida, T. O. e ." in APA, and Manubot's "Arcas, Blaise Aguera y" "Arcas, B. A. y .". The mark follows
    initials only, as citeproc-js writes it ("T. O. e"). citeproc-py's method is replaced, not wrapped: the mark is
    added inside its loop.
    """
    from citeproc.model import Name

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        given = given.translate(_HYPHENS)
        parts_of = given.split("-") if self.get_option("initialize-with-hyphen", context) else [
            given.replace("-", " ")]
        result = []
        for hyphen_part in parts_of:
            words: list[str] = []
            group: list[str] = []
            for part in hyphen_part.replace(".", " ").split():
                if part[0].isupper():
                    group.append(part[0])
                    continue
                if group:  # don't initialize particles (which aren't capitalized)
                    words.append(mark.join(group) + mark)
                words.append(part)
                group = []
            if group:
                words.append(mark.join(group) + mark)
            result.append(" ".join(" ".join(words).split()))
        return "-".join(result)

    Name.initialize = initialize
