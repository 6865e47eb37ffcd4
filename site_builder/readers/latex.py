"""LaTeX in BibTeX values → plain text: accents, symbols, dashes and quotes decoded, case-protecting braces removed.

pylatexenc's latex2text does the decoding with its default tables of macros, environments and specials
(``--`` → –, ``---`` → —, ````…''`` → “…”); the text symbols it lacks (``\\textless``, ``\\textgreater``,
``\\textbar``, as Mendeley and Zotero write ``<``, ``>`` and ``|``) come from citeproc-py's table of LaTeX
symbols. Math is kept readable as text (``$\\alpha$`` → α, ``$x^2$`` → x^2).

A URL or DOI inside a value is not LaTeX: its ``--`` and ``%`` stay as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.macrospec import LatexContextDb

from ..model.normalize import clean

_LATEX_MARKS = re.compile(r"[\\{}$]")
_SIMPLE_ESCAPE = re.compile(r"\\([&%$#_])")
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&#])")
# Spans kept verbatim: \url{…}, and bare URLs and DOIs (a DOI may hold "--", "<" or "%").
_VERBATIM = re.compile(r"\\url\s*\{([^{}]*)\}|(?:https?://|\b10\.\d{4,9}/)[^\s{}\\]+")
_PLACEHOLDER = "\ue000"  # a private-use character: passes pylatexenc and every other step unchanged
_PLACEHOLDERS = re.compile(_PLACEHOLDER + "([\ue100-\uf8ff])")
_LIGATURE_START = re.compile(r"--|``|''|[!?]`")  # where pylatexenc's text ligatures may start


def latex_to_text(value: str) -> str:
    """Plain text from a BibTeX value: ``Kwa{\\'s}ny, {\\L}.`` → ``Kwaśny, Ł.``; ``P {\\textless} 0.05`` → ``P < 0.05``.

    Exports such as Scopus write plain UTF-8 with bare ``%``, ``&`` and ``~`` ("~50%"): a value with no
    backslash, brace or ``$`` is such text and keeps them; ``%``, ``&`` and ``#`` are escaped before LaTeX reads
    any value, so that they survive as the characters they mean rather than start a comment.
    """
    value = _without_outer_braces(value.strip())
    if not _LATEX_MARKS.search(value) and not _LIGATURE_START.search(value):
        return clean(value)  # most values of most exports: plain text
    value, kept = _keep_verbatim(value)
    if not _LATEX_MARKS.search(value):
        text = _ligatures(value)
    else:
        # pylatexenc reads a character at a time, slow on a long abstract; escaped specials and
        # case-protecting braces, nearly all the LaTeX that exports write, need no parser.
        simple = _SIMPLE_ESCAPE.sub(r"\1", value)
        if "\\" not in simple and "$" not in simple:
            text = _ligatures(simple.replace("{", "").replace("}", ""))
        else:
            try:
                text = _converter().latex_to_text(_BARE_SPECIAL.sub(r"\\\1", value))
            except Exception:  # noqa: BLE001 - pylatexenc is tolerant, but a value must never stop the build
                text = value.replace("{", "").replace("}", "")
    return clean(_restore(text, kept))


def _keep_verbatim(value: str) -> tuple[str, list[str]]:
    """``value`` with each URL and DOI replaced by a placeholder, and the spans replaced, in order."""
    if "://" not in value and "10." not in value and "\\url" not in value:
        return value, []
    kept: list[str] = []

    def hold(m: re.Match[str]) -> str:
        span = m.group(1) if m.group(1) is not None else m.group(0)
        kept.append(_SIMPLE_ESCAPE.sub(r"\1", span))
        return _PLACEHOLDER + chr(0xE100 + len(kept) - 1)

    return _VERBATIM.sub(hold, value), kept


def _restore(text: str, kept: list[str]) -> str:
    return _PLACEHOLDERS.sub(lambda m: kept[ord(m.group(1)) - 0xE100], text) if kept else text


@lru_cache(maxsize=1)
def _ligature_table() -> tuple[tuple[str, str], ...]:
    """pylatexenc's own text ligatures (``---``, ``--``, ````…''``, ``!`` ``), longest first; ``~`` (a LaTeX
    no-break space) is left out: plain text writes it for "approximately"."""
    specs = get_default_latex_context_db().iter_specials_specs(categories=["nonascii-specials"])
    pairs = [(spec.specials_chars, spec.simplify_repl) for spec in specs
             if spec.specials_chars != "~" and isinstance(spec.simplify_repl, str)]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))



def _ligatures(text: str) -> str:
    """``text`` with the ligatures pylatexenc would turn into dashes and quotes turned the same way."""
    if not _LIGATURE_START.search(text):
        return text
    for chars, character in _ligature_table():
        text = text.replace(chars, character)
    return text


@lru_cache(maxsize=1)
def _converter() -> LatexNodes2Text:
    return LatexNodes2Text(latex_context=_context(), math_mode="text")


def _context() -> LatexContextDb:
    """pylatexenc's default context, with the text symbols it lacks taken from citeproc-py's LaTeX table."""
    context = get_default_latex_context_db()
    extra = [MacroTextSpec(name, text) for name, text in _citeproc_symbols().items()
             if context.get_macro_spec(name) is None]
    if extra:  # the default context is a new one at each call: adding to it changes no one else's
        context.add_context_category("citeproc-text-symbols", macros=extra)
    return context


def _citeproc_symbols() -> dict[str, str]:
    """Macros of no argument that stand for one character (``textless`` → ``<``), from citeproc-py's BibTeX
    reader; none when its layout changes (then ``{\\textless}`` is dropped, as pylatexenc alone drops it)."""
    try:
        from citeproc.source.bibtex.latex.macro import MACROS, Symbol, SymbolByName
    except ImportError:
        return {}
    return {name: macro.format_string for name, macro in MACROS.items()
            if isinstance(macro, Symbol | SymbolByName) and name.isalpha() and len(macro.format_string) == 1}


def _without_outer_braces(value: str) -> str:
    """``{Title}`` → ``Title`` while one pair of braces encloses the whole value (case protection only).
    The braces are matched in one pass, so that a value of many nested braces costs no more than its length."""
    if not (value.startswith("{") and value.endswith("}")):
        return value
    closing: dict[int, int] = {}
    opened: list[int] = []
    for i, char in enumerate(value):
        if char == "{":
            opened.append(i)
        elif char == "}" and opened:
            closing[opened.pop()] = i
    start, end = 0, len(value) - 1
    while start < end and value[start] == "{" and closing.get(start) == end:
        start, end = start + 1, end - 1
        while start <= end and value[start].isspace():
            start += 1
        while end >= start and value[end].isspace():
            end -= 1
    return value[start:end + 1]
