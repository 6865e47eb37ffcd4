"""Inline styles of a record's text (italic, bold, superscript …) as spans over its plain text, and the one way
they reach a page as HTML.

A title or an abstract stays plain text everywhere (ids, merging, sorting, search, exports without markup); beside
it the model keeps ``Styles``: ``(start, end, kind)`` spans in characters of that plain text, ``kind`` one of
``KINDS``. "Ca<sup>2+</sup>" needs none: readers write it "Ca²⁺" in the plain text itself (xmltree.scripted);
"KRAS<sup>G12C</sup>" or "<i>in vitro</i>" does.

Readers find spans by carrying markers through the code that makes the plain text (``marked``, then
``unmarked``), and keep them only where the text so made is the plain text, character for character
(``restyled``): a style never changes what the plain text says. ``html`` is the one way a record's style reaches
a page: the plain text escaped, with only the spans of ``KINDS`` as tags, whatever the spans hold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:  # article imports this module for Styles
    from .article import Section

Styles = tuple[tuple[int, int, str], ...]
"""Spans ``(start, end, kind)`` over a plain text, sorted; nested spans allowed; () for none (most texts)."""

KINDS = ("i", "b", "u", "sup", "sub", "sc")
"""Italic, bold, underline, superscript, subscript, small capitals."""

HTML_TAGS = {"i": ("<i>", "</i>"), "b": ("<b>", "</b>"), "u": ("<u>", "</u>"), "sup": ("<sup>", "</sup>"),
             "sub": ("<sub>", "</sub>"), "sc": ('<span class="small-caps">', "</span>")}
"""How a page writes each kind (static/style.css styles ``small-caps``)."""

# Markers in the last private-use plane, which records do not use: one opens each kind, one closes it.
_OPEN = {kind: chr(0x10FFF0 + n) for n, kind in enumerate(KINDS)}
_CLOSE = {kind: chr(0x10FFF8 + n) for n, kind in enumerate(KINDS)}
_KIND_OF = {**{c: k for k, c in _OPEN.items()}, **{c: k for k, c in _CLOSE.items()}}
MARKER = re.compile("[\U0010fff0-\U0010fffd]")
"""Any marker: text that holds one is marked text (or a record that holds these code points: then no style)."""


def normal(styles: Sequence[tuple[object, ...]], length: int) -> Styles:
    """``styles`` as a page may trust them: spans of known kinds inside a text of ``length`` characters, not
    empty, each once, sorted (a damaged cache or record gives anything)."""
    if type(styles) not in (tuple, list):
        return ()
    kept = {(s[0], s[1], s[2]) for s in styles if type(s) is tuple and len(s) == 3 and type(s[0]) is int
            and type(s[1]) is int and type(s[2]) is str and s[2] in KINDS and 0 <= s[0] < s[1] <= length}
    return tuple(sorted(kept, key=_order)) if kept else ()


def _order(span: tuple[int, int, str]) -> tuple[int, int, int]:
    """Outer spans first: by start, then the longer first, then by kind."""
    return span[0], -span[1], KINDS.index(span[2])


def encode(styles: Styles) -> str:
    """Spans as a record field's value: "i:0-7 sup:20-24"."""
    return " ".join(f"{kind}:{start}-{end}" for start, end, kind in styles)


_SPAN = re.compile(r"([a-z]+):(\d{1,9})-(\d{1,9})")


def decode(value: str, length: int) -> Styles:
    """What ``encode`` wrote, over a text of ``length`` characters; what does not read as a span is left out."""
    found = (_SPAN.fullmatch(token) for token in value.split())
    return normal([(int(m[2]), int(m[3]), m[1]) for m in found if m], length)


def marked(text: str, styles: Styles) -> str:
    """``text`` with a marker at each end of each span; a span's white space at either end is left outside it,
    so that collapsing white space never meets a marker."""
    inserts: list[tuple[int, int, str]] = []
    for start, end, kind in styles:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            inserts += [(start, 1, _OPEN[kind]), (end, 0, _CLOSE[kind])]
    out, at = [], 0
    for where, _, marker in sorted(inserts, key=lambda i: (i[0], i[1])):  # at one place: closes, then opens
        out += [text[at:where], marker]
        at = where
    return "".join(out) + text[at:]


def opener(kind: str) -> str:
    """The marker that opens a span of ``kind``."""
    return _OPEN[kind]


def closer(kind: str) -> str:
    """The marker that closes a span of ``kind``."""
    return _CLOSE[kind]


_INSIDE_OPEN = re.compile("([\U0010fff0-\U0010fff5])(\\s+)")
_INSIDE_CLOSE = re.compile("(\\s+)([\U0010fff8-\U0010fffd])")


def spaced_out(text: str) -> str:
    """Marked text with the white space at either end of a span moved out of it ("<i>in vitro </i> studies"),
    as ``marked`` leaves it, so that collapsing white space never meets a marker."""
    return _INSIDE_CLOSE.sub(r"\2\1", _INSIDE_OPEN.sub(r"\2\1", text))


def unmarked(text: str) -> tuple[str, Styles]:
    """Marked text as plain text and its spans; a marker without its partner is dropped."""
    if not MARKER.search(text):
        return text, ()
    plain: list[str] = []
    opened: dict[str, list[int]] = {}
    spans: list[tuple[int, int, str]] = []
    length = 0
    for piece in re.split(f"({MARKER.pattern})", text):
        kind = _KIND_OF.get(piece)
        if kind is None:
            plain.append(piece)
            length += len(piece)
        elif piece == _OPEN[kind]:
            opened.setdefault(kind, []).append(length)
        elif opened.get(kind):
            spans.append((opened[kind].pop(), length, kind))
    return "".join(plain), normal(spans, length)


def styles_of(plain: str, marked_text: str) -> Styles:
    """The spans of ``marked_text`` when its plain text is ``plain``; () when it says anything else."""
    text, spans = unmarked(marked_text)
    return spans if text == plain else ()


def restyled(plain: Sequence[Section], marked_sections: Sequence[Section]) -> list[Section]:
    """``plain`` with the styles of the same sections made from marked text, each where its label and text are
    the plain section's."""
    if len(plain) != len(marked_sections):
        return list(plain)
    out = []
    for section, other in zip(plain, marked_sections, strict=True):
        spans = styles_of(section.text, other.text) if unmarked(other.label)[0] == section.label else ()
        out.append(dataclasses.replace(section, styles=spans) if spans else section)
    return out


def html(text: str, styles: Styles = ()) -> Markup:
    """``text`` escaped, its spans as HTML tags of their kinds (``HTML_TAGS``): the one way a record's styles
    reach a page. Spans out of the text or of unknown kinds (a damaged cache) are left out."""
    if not styles:
        return escape(text)
    return Markup(tagged(text, styles, HTML_TAGS, _escaped))


def _escaped(text: str) -> str:
    return str(escape(text))


def tagged(text: str, styles: Styles, tags: Mapping[str, tuple[str, str]], write: Callable[[str], str]) -> str:
    """``text`` written piece by piece by ``write``, each span of a kind in ``tags`` between its opening and
    closing tag, nested as the spans are (a span that crosses another's end is closed there and opened again
    after it); the spans of other kinds are left out."""
    spans = tuple(s for s in normal(styles, len(text)) if s[2] in tags)
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    out: list[str] = []
    stack: list[tuple[int, int, str]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        wanted = [s for s in spans if s[0] <= start and end <= s[1]]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out += [tags[s[2]][1] for s in reversed(stack[keep:])]
        out += [tags[s[2]][0] for s in wanted[keep:]]
        stack = wanted
        out.append(write(text[start:end]))
    out += [tags[s[2]][1] for s in reversed(stack)]
    return "".join(out)
