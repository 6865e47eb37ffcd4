"""LaTeX in BibTeX values → plain text: accents, symbols, dashes and quotes decoded, case-protecting braces removed.

pylatexenc's latex2text does the decoding with its default tables of macros, environments and specials
(``--`` → –, ``---`` → —, ````…''`` → “…”); the text symbols it lacks (``\\textless``, ``\\textgreater``,
``\\textbar``, as Mendeley and Zotero write ``<``, ``>`` and ``|``) come from citeproc-py's table of LaTeX
symbols. Math is kept readable as text (``$\\alpha$`` → α); a superscript or subscript that Unicode can write is
written so (``$^{13}$C`` → ¹³C, ``H$_2$O`` and ``H\\textsubscript{2}O`` → H₂O, ``$^\\circ$`` → °, ``$x^\\prime$`` →
x′), for pages, meta tags and citations all show plain text; one it cannot write stays as LaTeX writes it
(``$T_{\\gamma}$`` → T_γ).

A URL or DOI inside a value is not LaTeX: its ``--`` and ``%`` stay as written. Nor is a dollar before an amount
in an export's plain text (Scopus: "more than $100 million", "US$1.76 billion").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.macrospec import LatexContextDb, MacroSpec

from ..model import styles
from ..model.normalize import clean

_LATEX_MARKS = re.compile(r"[\\{}$]")
_SIMPLE_ESCAPE = re.compile(r"\\([&%$#_])")
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&#])")
# Spans kept verbatim: \url{…}, and bare URLs and DOIs (a DOI may hold "--", "<" or "%").
_VERBATIM = re.compile(r"\\url\s*\{([^{}]*)\}|(?:https?://|\b10\.\d{4,9}/)[^\s{}\\]+")
_PLACEHOLDER = "\ue000"  # a private-use character: passes pylatexenc and every other step unchanged
_PLACEHOLDERS = re.compile(_PLACEHOLDER + "([\ue100-\uf8ff])")
_LIGATURE_START = re.compile(r"--|``|''|[!?]`")  # where pylatexenc's text ligatures may start
_BRACE = re.compile(r"[{}]")


def latex_to_text(value: str) -> str:
    """Plain text from a BibTeX value: ``Kwa{\\'s}ny, {\\L}.`` → ``Kwaśny, Ł.``; ``P {\\textless} 0.05`` → ``P < 0.05``.

    Exports such as Scopus write plain UTF-8 with bare ``%``, ``&`` and ``~`` ("~50%"): a value with no
    backslash, brace or ``$`` is such text and keeps them; ``%``, ``&`` and ``#`` are escaped before LaTeX reads
    any value, so that they survive as the characters they mean rather than start a comment.
    """
    if "$\\backslash$" in value:  # Mendeley: a line break or a tab of the source, "$\backslash$n"
        value = _MENDELEY_BREAK.sub(" ", value)
    if "{\\{}" in value:
        value = _MENDELEY_BRACES.sub(r"{\1}", value)
    value = _without_outer_braces(value.strip())
    if not _LATEX_MARKS.search(value) and not _LIGATURE_START.search(value) and "`" not in value:
        return clean(value)  # most values of most exports: plain text
    value, kept = _keep_verbatim(value)
    if "$" in value:
        value = _math_scripts(_escape_currency(value))
    if "script" in value:
        value = _TEXT_SCRIPT.sub(_text_script, value)
    if not _LATEX_MARKS.search(value):
        text = _ligatures(value)
    else:
        # pylatexenc reads a character at a time, slow on a long abstract; escaped specials and
        # case-protecting braces, nearly all the LaTeX that exports write, need no parser.
        simple = _SIMPLE_ESCAPE.sub(r"\1", value)
        if "\\" not in simple and "$" not in simple:
            # a brace parts a ligature, as in TeX: "-{}-" is two hyphens (the site's own BibTeX download of
            # Publish or Perish's "Microsourcing--using"), not an en dash
            text = "".join(_ligatures(part) for part in _BRACE.split(simple))
        else:
            try:
                text = _converter().latex_to_text(_BARE_SPECIAL.sub(r"\\\1", value), latex_context=_walker_context())
            except Exception:  # noqa: BLE001 - pylatexenc is tolerant, but a value must never stop the build
                text = value.replace("{", "").replace("}", "")
    return clean(_restore(_quotes(text), kept))


_MACRO = re.compile(r"\\([A-Za-z]+)")


def unknown_macros(value: str) -> list[str]:
    """The macros of a BibTeX value that ``latex_to_text`` does not know, each once, in order (``\\foo`` of
    "A \\foo{gene} study"): it shows the text they wrap ("A gene study") without them, which may lose a word
    ("\\si{\\micro\\metre}" is no text at all), so the reader names them. Macros in URLs and DOIs count not."""
    if "\\" not in value:
        return []
    text = _VERBATIM.sub("", value)
    known = _converter().latex_context
    return list(dict.fromkeys(name for name in _MACRO.findall(text)
                              if name not in _KNOWN_ELSEWHERE and known.get_macro_spec(name) is None))


_KNOWN_ELSEWHERE = frozenset({"begin", "end", "textsubscript", "textsuperscript",
                              "left", "right", "phantom", "vphantom", "hphantom"})
"""Macros that lose nothing though the text context has no entry for them: environments (read by pylatexenc as
such), the scripts ``_TEXT_SCRIPT`` writes before, and what prints no text in LaTeX either (``\\left(`` keeps its
bracket, ``\\vphantom`` is invisible)."""


_STYLE_COMMAND = re.compile(r"\\(textit|emph|textbf|textsc|underline|textsuperscript|textsubscript)\s*\{([^{}]*)\}")
_COMMAND_KINDS = {"textit": "i", "emph": "i", "textbf": "b", "textsc": "sc", "underline": "u",
                  "textsuperscript": "sup", "textsubscript": "sub"}


def style_markers(value: str) -> str:
    """``value`` with LaTeX's style commands around a plain argument (``\\textit{in vitro}``,
    ``\\textsuperscript{G12C}``) as styles' markers around it (styles.marked), for ``latex_to_text``; a script
    that Unicode can write (``\\textsuperscript{2}``) is left to be written so, and math (``$^{a}$``) as it is."""
    if "\\" not in value:
        return value
    return _STYLE_COMMAND.sub(_marked_command, value)


def _marked_command(command: re.Match[str]) -> str:
    kind, argument = _COMMAND_KINDS[command.group(1)], command.group(2)
    if kind in ("sup", "sub") and _scripted(argument, kind == "sup"):
        return command.group()
    # \mbox shows its argument as it is, and keeps the value LaTeX, read as the unmarked value is ("E.~coli")
    return f"{styles.opener(kind)}\\mbox{{{argument}}}{styles.closer(kind)}"


_MENDELEY_BREAK = re.compile(r"\$\\backslash\$[nrt]")
_MENDELEY_BRACES = re.compile(r"\{\\\{\}((?:[^{}\\]|\\[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*?)\{\\\}\}")
"""Mendeley's export of a value whose source braced a word to keep its case ("Elsevier {BV}" from Crossref): the
braces escaped as text, "{\\{}BV{\\}}", also around an accented letter ("Universit{\\{}{\\"{a}}{\\}}t"). They are the
source's protective braces, not the record's words."""


_SINGLE_QUOTED = re.compile(r"`((?:[^`']|'(?=[^\W\d_]))*)'")
_OPENING_DOUBLE = re.compile(r"(^|[\s(\[])\u201d(?=\S)")


def _quotes(text: str) -> str:
    """LaTeX's single quotes, which pylatexenc leaves as they are: `` `word' `` → ‘word’ (an apostrophe inside, as
    in "I'd", stays). And a closing double quote that opens a quotation, as Web of Science writes a straight one
    (``({''}hallucinations{''})``), opens it: “hallucinations”."""
    if "`" in text:
        text = _SINGLE_QUOTED.sub("\u2018\\1\u2019", text).replace("`", "\u2018")
    if "\u201d" in text:
        text = _OPENING_DOUBLE.sub("\\1\u201c", text)
    return text


_DOLLAR = re.compile(r"(?<!\\)\$")
_NOT_AMOUNT = re.compile(r"[\\^_{}]")


def _escape_currency(value: str) -> str:
    """``value`` with each dollar that opens an amount ("$100 million", "US$1.76") escaped as ``\\$``.

    A dollar before a digit opens math only when a closing dollar follows with no space and no LaTeX between
    ("$2$" is the digit 2; "$10^{-3}$" math); else it is the currency sign of plain text."""
    out, start, pos = [], 0, 0
    while (m := _DOLLAR.search(value, pos)) is not None:
        i = m.start()
        close = _DOLLAR.search(value, i + 1)
        inner = value[i + 1:close.start()] if close else value[i + 1:]
        amount = close is None or re.search(r"\s", inner) and not _NOT_AMOUNT.search(inner)
        if value[i + 1:i + 2].isdigit() and amount:
            out.append(value[start:i] + "\\$")
            start = pos = i + 1
        else:
            pos = close.end() if close else len(value)  # past the math
    return "".join(out) + value[start:] if out else value


_MATH = re.compile(r"(?<!\\)\$([^$]+?)(?<!\\)\$")
_MATH_SCRIPT = re.compile(r"\s*([\^_])\s*(?:\{\s*(\\(?:circ|prime)|[^{}\\]*?)\s*\}|(\\(?:circ|prime))(?![A-Za-z])"
                          r"|([A-Za-z0-9+\-=()]))")
_RAISED_SYMBOLS = {"\\circ": "°", "\\prime": "′"}  # a degree sign and a prime, as LaTeX writes them in math
_TEXT_SCRIPT = re.compile(r"\\text(super|sub)script\s*\{([^{}\\]*)\}")


_FONT_IN_MATH = re.compile(r"\\(?:text|math)(?:rm|it|bf|sf|tt|normal|up)?\s*\{([^{}\\]*)\}")
"""A font command around plain text in math (``$_{\\textrm{2}}$``, ``$^{\\mathrm{13}}$``): its text."""


def _math_scripts(value: str) -> str:
    """``value`` with the superscripts and subscripts of its math that Unicode can write written in Unicode (a
    script's font command, ``_{\\textrm{2}}``, left out: plain text has one font)."""
    return _MATH.sub(lambda m: "$" + _MATH_SCRIPT.sub(_math_script, _fonts_off(m.group(1))) + "$"
                     if "^" in m.group(1) or "_" in m.group(1) else m.group(0), value)


_CONTROL_WORD_END = re.compile(r"\\[A-Za-z]+\Z")


def _fonts_off(math: str) -> str:
    """``math`` with each font command around plain text replaced by its text; after a control word an empty
    group keeps the two apart ("^\\circ\\mathrm{K}" is "^\\circ{}K", not the unknown "\\circK", which was dropped)."""
    return _FONT_IN_MATH.sub(lambda m: ("{}" if _CONTROL_WORD_END.search(math, 0, m.start()) else "") + m.group(1),
                             math)


def _math_script(m: re.Match[str]) -> str:
    """The script ``m`` in Unicode, or as it is written. After a control word an empty group keeps the two apart:
    a script that is a letter would lengthen its name ("\\Omega_m" is "\\Omega{}ₘ", not the unknown "\\Omegaₘ",
    which was dropped with the Ω)."""
    raised = m.group(1) == "^"
    body = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4)
    if raised and body in _RAISED_SYMBOLS:
        return _RAISED_SYMBOLS[body]
    scripted = _scripted(body, raised)
    if not scripted:
        return m.group(0)
    return ("{}" if _CONTROL_WORD_END.search(m.string, 0, m.start()) else "") + scripted


def _text_script(m: re.Match[str]) -> str:
    return _scripted(m.group(2), m.group(1) == "super") or m.group(2)


def _scripted(text: str, raised: bool) -> str:
    """``text`` in Unicode's superscript (or subscript) characters, or "" when one of them has none."""
    table = _script_tables()[0 if raised else 1]
    if not text or any(c not in table for c in text):
        return ""
    return "".join(table[c] for c in text)


@lru_cache(maxsize=1)
def _script_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Unicode's superscript and subscript forms, by the character they raise or lower (its ``<super>`` and
    ``<sub>`` decompositions; not the ordinal indicators ª and º). A hyphen takes the minus sign's form."""
    tables: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for code in range(0xA0, 0x2D00):
        kind, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if kind in ("<super>", "<sub>") and " " not in base and code not in (0xAA, 0xBA):
            tables[kind == "<sub>"].setdefault(chr(int(base, 16)), chr(code))
    for table in tables:
        if "\u2212" in table:
            table.setdefault("-", table["\u2212"])
    return tables


def _keep_verbatim(value: str) -> tuple[str, list[str]]:
    """``value`` with each accent over nothing (``_EMPTY_ACCENT``), then each URL and DOI, replaced by a
    placeholder, and what each stands for, in order. A URL holds the accents over nothing it was written with
    ("http://example.edu/\\~{}smith/" is "http://example.edu/~smith/")."""
    kept: list[str] = []

    def hold(text: str) -> str:
        kept.append(text)
        return _PLACEHOLDER + chr(0xE100 + len(kept) - 1)

    if "\\" in value and _EMPTY_ACCENT.search(value):
        value = _EMPTY_ACCENT.sub(lambda m: hold(_SPACING_ACCENTS[m.group(1) or m.group(2)]), value)
    if "://" in value or "10." in value or "\\url" in value:
        value = _VERBATIM.sub(lambda m: hold(_restore(_SIMPLE_ESCAPE.sub(
            r"\1", m.group(1) if m.group(1) is not None else m.group(0)), kept)), value)
    return value, kept


_EMPTY_ACCENT = re.compile(r"\\([~^'`\"=.uvHcr])\{\}|\\([~^'`\"=.])(?=\s*(?:\}|$))")
"""An accent macro over an empty group, or over nothing at the end of a group (``\\~{}``, ``\\^{}``, ``\\~``): what
LaTeX prints is the accent alone, which BibTeX files write for "~" and "^" in paths and URLs. pylatexenc drops it
("example.edu/\\~{}smith" was "example.edu/smith")."""
_SPACING_ACCENTS = {"~": "~", "^": "^", "'": "\u00b4", "`": "`", '"': "\u00a8", "=": "\u00af", ".": "\u02d9",
                    "u": "\u02d8", "v": "\u02c7", "H": "\u02dd", "c": "\u00b8", "r": "\u02da"}
"""Each accent as it is printed over nothing: the tilde and the circumflex as the ASCII characters they stand for
in a URL, the others as their spacing forms."""


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
    # pylatexenc's parser reads these with their argument but its text conversion has no rule for them and drops
    # both ("200\\,\\mbox{$\\mu$}J" was "200 J"): their argument is text, shown as it is.
    extra += [MacroTextSpec(name, discard=False) for name in _TEXT_ARGUMENT if context.get_macro_spec(name) is None]
    extra += [MacroTextSpec(name, text) for name, text in _MORE_TEXT.items() if context.get_macro_spec(name) is None]
    extra += [MacroTextSpec(name, "") for name in _NO_OPS if context.get_macro_spec(name) is None]
    # the third argument, the text: the first is the options ("[variant=british]"), the second the language
    extra += [MacroTextSpec(name, "%(3)s") for name in _LANGUAGE_SWITCH if context.get_macro_spec(name) is None]
    extra += [MacroTextSpec(name, text) for name, text in _AAS_JOURNALS.items() if context.get_macro_spec(name) is None]
    # amsmath's upright-or-italic capitals (\varGamma) are the Greek capitals pylatexenc knows as \Gamma.
    for name in ("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"):
        spec = context.get_macro_spec(name)
        if spec is not None and context.get_macro_spec("var" + name) is None and isinstance(spec.simplify_repl, str):
            extra.append(MacroTextSpec("var" + name, spec.simplify_repl))
    if extra:  # the default context is a new one at each call: adding to it changes no one else's
        context.add_context_category("citeproc-text-symbols", macros=extra)
    # LaTeX prints \textasciicircum as the ASCII circumflex "^" (Better BibTeX and our own export write "^" so);
    # pylatexenc gives the modifier letter "ˆ" (U+02C6), another character.
    context.add_context_category("ascii-symbols", macros=[MacroTextSpec("textasciicircum", "^")], prepend=True)
    # hyperref's \href[options]{url}{text} prints its text, as a link (pylatexenc's rule adds " <url>" after it)
    context.add_context_category("hyperref", macros=[MacroTextSpec("href", "%(3)s")], prepend=True)
    return context


_TEXT_ARGUMENT = ("mbox", "texttt", "textsf", "textmd", "textup")
# What LaTeX prints for macros that pylatexenc drops with nothing in their place ("and\\slash or" was "andor",
# "\\LaTeX{} Companion" " Companion"); biblatex's quotation macros print the quotation marks (English ones, as
# pylatexenc's ``…'' does).
_MORE_TEXT = {"slash": "/", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "TeX": "TeX", "BibTeX": "BibTeX",
              "enquote": "“%s”", "mkbibquote": "“%s”", "mkbibemph": "%s", "mkbibitalic": "%s", "mkbibbold": "%s"}
_ONE_ARGUMENT = ("enquote", "mkbibquote", "mkbibemph", "mkbibitalic", "mkbibbold")
"""biblatex's macros of one argument, which pylatexenc's parser must be told about to hand their argument on."""
_LANGUAGE_SWITCH = {"foreignlanguage": "[{{"}
"""babel's ``\\foreignlanguage[options]{language}{text}``, which biblatex files put around a value in another
language (``Author = {\\foreignlanguage{russian}{Акопян}, ...}``): it prints its text, never the language's name."""
_NO_OPS = ("noopsort", "nooptilde", "noop", "sortnoop", "SortNoop")
"""Macros that a file's @PREAMBLE defines to print nothing, only to sort ("{\\noopsort{1973b}}1973", the example of
BibTeX's own documentation, btxdoc): their argument is dropped with them, where pylatexenc printed it
("bThe Second Volume")."""


_AAS_JOURNALS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL", "apjs": "ApJS",
    "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.", "aaps": "A&AS", "azh": "AZh",
    "baas": "BAAS", "bac": "Bull. astr. Inst. Czechosl.", "caa": "Chinese Astron. Astrophys.",
    "cjaa": "Chinese J. Astron. Astrophys.", "icarus": "Icarus", "jcap": "J. Cosmology Astropart. Phys.",
    "jrasc": "JRASC", "memras": "MmRAS", "mnras": "MNRAS", "na": "New A", "nar": "New A Rev.",
    "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C", "prd": "Phys. Rev. D", "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.", "pasa": "PASA", "pasp": "PASP", "pasj": "PASJ",
    "rmxaa": "Rev. Mexicana Astron. Astrofis.", "qjras": "QJRAS", "skytel": "S&T", "solphys": "Sol. Phys.",
    "sovast": "Soviet Ast.", "ssr": "Space Sci. Rev.", "zap": "ZAp", "nat": "Nature", "iaucirc": "IAU Circ.",
    "aplett": "Astrophys. Lett.", "apspr": "Astrophys. Space Phys. Res.", "bain": "Bull. Astron. Inst. Netherlands",
    "fcp": "Fund. Cosmic Phys.", "gca": "Geochim. Cosmochim. Acta", "grl": "Geophys. Res. Lett.",
    "jcp": "J. Chem. Phys.", "jgr": "J. Geophys. Res.", "jqsrt": "J. Quant. Spec. Radiat. Transf.",
    "memsai": "Mem. Soc. Astron. Italiana", "nphysa": "Nucl. Phys. A", "physrep": "Phys. Rep.",
    "physscr": "Phys. Scr", "planss": "Planet. Space Sci.", "procspie": "Proc. SPIE",
    "astap": "A&A", "apjlett": "ApJL", "apjsupp": "ApJS", "applopt": "Appl. Opt.", "psj": "PSJ", "maps": "M&PS",
    "jaavso": "JAAVSO", "aas": "AAS Meeting Abstracts", "dps": "AAS/DPS Meeting Abstracts",
}
"""The journal macros of NASA ADS's BibTeX ("journal = {\\apj}"), each as the text it prints: the definitions of
``aas_macros.sty``, the file ADS gives for them (from AASTeX 5.2, the same in the A&A class), and the macros AASTeX 6
added (``\\psj``…), whose ``\\apjl`` prints "ApJL" (5.2's printed "ApJ", which made ApJ Letters one journal with
ApJ). pylatexenc knows none of them and dropped them, leaving the article without its journal."""


@lru_cache(maxsize=1)
def _walker_context() -> LatexContextDb:
    """pylatexenc's parser context, with the macros of ``_ONE_ARGUMENT`` taking their argument and those of
    ``_LANGUAGE_SWITCH`` theirs."""
    context = latexwalker.get_default_latex_context_db()
    context.add_context_category("biblatex-text", macros=[*(MacroSpec(name, "{") for name in _ONE_ARGUMENT + _NO_OPS),
                                                          *(MacroSpec(n, a) for n, a in _LANGUAGE_SWITCH.items())])
    # hyperref's \href: pylatexenc's parser gives it no arguments, and its text rule then fails on the value, which
    # was shown with its LaTeX left in ("doi:\hrefhttps://zenodo.org/record/254704210.5281/zenodo.2547042", the
    # title of NASA ADS's entry of a Zenodo record)
    context.add_context_category("hyperref", macros=[MacroSpec("href", "[{{")], prepend=True)
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
