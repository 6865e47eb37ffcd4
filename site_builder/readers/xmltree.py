"""Safe XML parsing for the XML readers, the lossless flattening of an element into fields, and the way back.

A record element becomes one ``Field`` per element, named by its path below the record element
("MedlineCitation/Article/ArticleTitle") with its text, and one per attribute ("…/ELocationID/@EIdType"), each
with the line lxml reports. An element is text when it holds text or only inline markup (italic, sup …); its
value is then all of its text, verbatim, and its inline markup adds only its attributes. Elements that sit
inside text without being part of it (a footnote marker, a TeX alternative) are left out of that text and kept
as fields of their own. A container (only elements and white space) is a field with no values, which marks
where its children begin, so that ``tree`` can rebuild the structure ``to_article`` reads.

Parsing never reaches the network, never expands entities (an undeclared ``&name;`` stays as written) and
keeps lxml's limits on huge documents.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import styles
from ..model.article import Field, Record, Section
from ..model.normalize import clean

XML_NS = "http://www.w3.org/XML/1998/namespace"
_GZIP_MAGIC = b"\x1f\x8b"


def new_parser() -> etree.XMLParser:
    # One parser per document: lxml parsers should not be shared between threads, and one is cheap to make.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, attribute_defaults=False)


@dataclass(frozen=True, slots=True)
class Markup:
    """How a format mixes text and elements."""

    inline: frozenset[str]
    """Elements that belong to the text around them (italic, sup …): an element holding only these is text."""
    detached: Callable[[etree._Element], bool]
    """Elements inside text that are not part of it (footnotes, TeX alternatives): kept as fields of their own."""
    script: Callable[[etree._Element], str] = lambda element: etree.QName(element).localname
    """What an inline element is as a script ("sup", "sub" or neither), for ``scripted``: by default its name."""
    styles: Mapping[str, str] = field(default_factory=dict)
    """The inline elements that style their text, by name, with the style's kind (styles.KINDS): ``"italic":
    "i"``. A text's styles are a field of their own beside it (``STYLES``)."""
    face: Callable[[etree._Element], str] = lambda element: ""
    """The style of an inline element that says it in an attribute, not in its name (EndNote's ``<style
    face="italic">``): a kind of styles.KINDS, or ""."""
    blocks: frozenset[str] = frozenset()
    """Elements that are blocks of their own where they stand inside text (a list inside a paragraph, its items):
    a space parts each from the text beside it, as a page parts blocks, so that two items' sentences do not run
    together ("…mild condition.○Epicardial…")."""


def tag_name(element: etree._Element) -> str:
    """The element's name as the file writes it: local name with its prefix ("mml:math"), namespace dropped."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


# ---------------------------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------------------------

def parse(data: bytes, path: str, record_start: re.Pattern[bytes]
          ) -> tuple[list[tuple[etree._Element, int]], list[Diagnostic]]:
    """The roots to read records from, each with the number of lines before it, and the problems found.

    A well-formed document gives its root. Otherwise each record (from one match of ``record_start`` to the
    next) is parsed alone after a copy of the document's prolog and root start tag, so that a broken record
    costs only itself; a record that still fails is reported at the line lxml names.
    """
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            return [], [Diagnostic(Level.ERROR, SourceSpan(path), f"not a readable gzip file ({err})")]
    try:
        return [(etree.fromstring(data, new_parser()), 0)], []
    except etree.XMLSyntaxError as err:
        whole = err
    starts = [m.start() for m in record_start.finditer(data)]
    if not starts:
        return [], [_syntax_error(path, whole, 0, "the file was not read")]
    return _parse_each(data, path, starts, whole)


def _parse_each(data: bytes, path: str, starts: list[int], whole: etree.XMLSyntaxError
                ) -> tuple[list[tuple[etree._Element, int]], list[Diagnostic]]:
    head = data[:starts[0]]
    wrappers = _open_tags(head)
    # The prolog is copied before every record: a long one (anything but a declaration, a doctype and the set's
    # start tags) would make the cost grow with records times its length.
    prolog = head if len(head) <= PROLOG_BYTES else _declaration(head) + b"".join(tag for _, tag in wrappers)
    # The prolog goes on the record's first line, so that lxml's line numbers only need the record's offset.
    prefix = prolog.replace(b"\r", b" ").replace(b"\n", b" ")
    closing = b"".join(b"</" + name + b">" for name, _ in reversed(wrappers))
    # The records end where the innermost wrapper does (EndNote's <records> inside its <xml>)
    end = data.rfind(b"</" + wrappers[-1][0] + b">") if wrappers else -1
    ends = [*starts[1:], end if end > starts[-1] else len(data)]
    roots: list[tuple[etree._Element, int]] = []
    diagnostics: list[Diagnostic] = []
    offset, counted = 0, 0
    for start, stop in zip(starts, ends, strict=True):
        offset += data.count(b"\n", counted, start)
        counted = start
        try:
            roots.append((etree.fromstring(prefix + data[start:stop] + closing, new_parser()), offset))
        except etree.XMLSyntaxError as err:
            diagnostics.append(_syntax_error(path, err, offset, "this record was skipped, the others were read"))
    if not diagnostics:
        diagnostics.append(_syntax_error(path, whole, 0, f"all {len(roots)} records were read one by one"))
    return roots, diagnostics


PROLOG_BYTES = 8192
"""Longer than any real prolog before a file's first record (declaration, doctype, the set's start tag)."""
_DECLARATION = re.compile(rb"\s*(<\?xml[^<>]*\?>)")
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>")


def _declaration(head: bytes) -> bytes:
    declaration = _DECLARATION.match(head)
    return declaration.group(1) if declaration else b""


def _open_tags(head: bytes) -> list[tuple[bytes, bytes]]:
    """(name, start tag) of the elements still open where the first record starts, outermost first: the set's
    (PubMed's <PubmedArticleSet>; EndNote's <xml> and <records>). An empty element's tag ("<note/>") and an
    element closed before the first record are not."""
    open_tags: list[tuple[bytes, bytes]] = []
    for m in _TAG.finditer(head):
        if m.group(1):
            while open_tags and open_tags.pop()[0] != m.group(2):
                pass
        elif not m.group().endswith(b"/>"):
            open_tags.append((m.group(2), m.group()))
    return open_tags


def _syntax_error(path: str, err: etree.XMLSyntaxError, offset: int, consequence: str) -> Diagnostic:
    line = (err.lineno or 1) + offset
    # lxml's message names lines of what it parsed; make them lines of the file, and drop the column.
    message = re.sub(r", column \d+", "", err.msg or str(err))
    message = re.sub(r"\bline (\d+)", lambda m: f"line {int(m.group(1)) + offset}", message)
    return Diagnostic(Level.ERROR, SourceSpan(path, line), f"not well-formed XML: {message}; {consequence}")


# ---------------------------------------------------------------------------------------------------------------
# Element → fields
# ---------------------------------------------------------------------------------------------------------------

RecordsOf = Callable[[etree._Element, str, int, list[Diagnostic]], Iterable[etree._Element]]
"""The record elements under a root (itself included), given the file's path and the lines before the root; what
it refuses goes to the list of problems."""


def read_records(data: bytes, path: str, record_start: re.Pattern[bytes], records_of: RecordsOf,
                 make: Callable[[etree._Element, int], Record], empty: Diagnostic
                 ) -> tuple[list[Record], list[Diagnostic]]:
    """Every record of an XML file (``parse``: a broken record costs only itself), each element ``records_of``
    finds made a Record by ``make`` (given the lines before its root); ``empty`` is the problem of a file with
    neither a record nor another problem."""
    roots, diagnostics = parse(data, path, record_start)
    records = [make(element, offset) for root, offset in roots
               for element in records_of(root, path, offset, diagnostics)]
    if not records and not diagnostics:
        diagnostics.append(empty)
    return records, diagnostics


def record(fmt: str, path: str, element: etree._Element, offset: int, markup: Markup) -> Record:
    """The record an element holds: its attributes, then every element below it in document order."""
    line = _line(element, offset)
    fields = _attributes(element, "", line)
    for child in _elements(element):
        _walk(child, tag_name(child), offset, markup, fields)
    return Record(fmt, SourceSpan(path, line), tuple(fields))


STYLES = "@#styles"
"""The name, below a text's own path, of the field that holds its inline styles (``styles.encode``: "i:0-7"),
read back as an attribute no XML can write (``STYLES_ATTRIBUTE``)."""
STYLES_ATTRIBUTE = STYLES[1:]
"""The attribute of a tree's Node that holds its text's styles."""


def _walk(element: etree._Element, path: str, offset: int, markup: Markup, fields: list[Field]) -> None:
    line = _line(element, offset)
    is_text = _is_text(element, markup)
    spans: list[tuple[int, int, str]] = []
    fields.append(Field(path, (text_of(element, markup, spans),) if is_text else (), line))
    if spans:
        fields.append(Field(f"{path}/{STYLES}", (styles.encode(styles.normal(spans, len(fields[-1].values[0]))),),
                            line))
    fields.extend(_attributes(element, path, line))
    for child in _elements(element):
        child_path = f"{path}/{tag_name(child)}"
        if not is_text or markup.detached(child):
            _walk(child, child_path, offset, markup, fields)
        else:
            _inline(child, child_path, offset, markup, fields)


def _inline(element: etree._Element, path: str, offset: int, markup: Markup, fields: list[Field]) -> None:
    """Markup inside text: its text is part of the text around it, so only its attributes become fields."""
    fields.extend(_attributes(element, path, _line(element, offset)))
    for child in _elements(element):
        child_path = f"{path}/{tag_name(child)}"
        if markup.detached(child):
            _walk(child, child_path, offset, markup, fields)
        else:
            _inline(child, child_path, offset, markup, fields)


def _is_text(element: etree._Element, markup: Markup) -> bool:
    children = _elements(element)
    if not children or (element.text or "").strip():
        return True
    if any((c.tail or "").strip() or isinstance(c, etree._Entity) for c in element):
        return True
    names = [tag_name(c) for c in children]
    return any(n in markup.inline for n in names) and all(
        n in markup.inline or markup.detached(c) for n, c in zip(names, children, strict=True))


def text_of(element: etree._Element, markup: Markup, spans: list[tuple[int, int, str]] | None = None,
            start: int = 0) -> str:
    """All text inside the element, verbatim, without detached elements, comments and processing instructions.

    An entity left unexpanded keeps its written form (``&nbsp;``); a superscript or subscript that plain text can
    write keeps its place (``scripted``); a block of its own (``Markup.blocks``) is parted by a space. ``spans``
    gets the styles of its inline elements (``Markup.styles``) as (start, end, kind) in the text, which starts at
    ``start`` of the whole; a script written as plain text ("m⁶A") has none.
    """
    parts = [element.text or ""]
    at = start + len(parts[0])
    for child in element:
        text = ""
        gap = " " if isinstance(child.tag, str) and tag_name(child) in markup.blocks else ""
        parts.append(gap)
        at += len(gap)
        if isinstance(child.tag, str):
            if markup.detached(child):
                pass
            elif etree.QName(child).namespace == MATHML_NS:
                formula: list[tuple[int, int, str]] = []
                text = math_text(child, formula)
                if spans is not None:
                    spans.extend((begin + at, end + at, kind) for begin, end, kind in formula)
            else:
                text = _inline_text(child, markup, spans, at)
        elif isinstance(child, etree._Entity):
            text = child.text or ""
        parts += [text, gap + (child.tail or "")]
        at += len(text) + len(parts[-1])
    return "".join(parts)


def _inline_text(child: etree._Element, markup: Markup, spans: list[tuple[int, int, str]] | None, at: int) -> str:
    """An inline element's text as ``text_of`` gives it, its style added to ``spans``."""
    inner: list[tuple[int, int, str]] | None = [] if spans is not None else None
    text = text_of(child, markup, inner, at)
    shown = scripted(markup.script(child), text)
    if spans is None or inner is None or shown != text:  # raised or lowered in the plain text itself: "m⁶A"
        return shown
    spans.extend(inner)
    kind = markup.styles.get(tag_name(child), "") or markup.face(child)
    if kind and text:
        spans.append((at, at + len(text), kind))
    return shown


_RAISED = dict(zip("0123456789+-\u2212=()ni", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
                                                  "\u207a\u207b\u207b\u207c\u207d\u207e\u207f\u2071", strict=True))
_LOWERED = dict(zip("0123456789+-\u2212=()", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"
                                             "\u208a\u208b\u208b\u208c\u208d\u208e", strict=True))
_SCRIPTS = {"sup": (frozenset(_RAISED), str.maketrans(_RAISED)), "sub": (frozenset(_LOWERED), str.maketrans(_LOWERED))}


def scripted(name: str, text: str) -> str:
    """The text of a ``sup`` or ``sub`` element as plain text can still say it: "10<sup>6</sup>" is "10⁶", not
    "106"; "CO<sub>2</sub>" is "CO₂", "Ca<sup>2+</sup>" "Ca²⁺". Text with a character Unicode has no raised or
    lowered form of ("<sup>a</sup>", "<sub>max</sub>") and any other element's text come back as they are."""
    found = _SCRIPTS.get(name)
    if found is None or not text or not set(text) <= found[0]:
        return text
    return text.translate(found[1])


MATHML_NS = "http://www.w3.org/1998/Math/MathML"
_MATH_TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms"})
_ACCENTS = {".": "\u0307", "\u02d9": "\u0307", "\u0307": "\u0307", "\u00af": "\u0304", "\u0304": "\u0304",
            "^": "\u0302", "~": "\u0303"}
"""An ``<mover>`` accent as the combining mark over the base's last letter: a dot, a bar, a hat, a tilde."""


def math_text(element: etree._Element, spans: list[tuple[int, int, str]] | None = None) -> str:
    """A MathML formula as plain text can say it: its tokens' text in order, without the white space that only
    lays the file out (MathML ignores it between elements), and each script raised or lowered where it stands:
    ``<mmultiscripts>`` with ``<mprescripts/>`` (an isotope, "³He", "¹²⁹Xe") puts its scripts before the base;
    ``<msup>``, ``<msub>`` and ``<msubsup>`` after it; an ``<mover>`` accent is a combining mark ("V̇"). Flattened
    in file order, PubMed's "³He/¹²⁹Xe MRI" read "He 3 / Xe 129 MRI", its "V̇O2max" "V . O 2 m a x".

    ``spans`` gets, over the text returned, a ``sup`` or ``sub`` style for each script that plain text cannot
    raise or lower: PubMed's V̇O₂max is an ``<msub>`` whose subscript is "2max", which read "V̇O2max" upright."""
    name = etree.QName(element).localname
    children = [c for c in _elements(element) if etree.QName(c).namespace == MATHML_NS]
    if name in _MATH_TOKENS:
        return "".join(element.itertext())
    inner: list[list[tuple[int, int, str]]] = [[] for _ in children]
    texts = [math_text(c, found) for c, found in zip(children, inner, strict=True)]
    if name in ("msup", "msub") and len(texts) == 2:
        return _with_scripts(texts, inner, ["", name[1:]], spans)
    if name == "mover" and len(texts) == 2 and texts[1].strip() in _ACCENTS:  # V̇O₂ ("V" under a dot)
        return _with_scripts([texts[0], _ACCENTS[texts[1].strip()]], inner[:1] + [[]], ["", ""], spans)
    if name == "msubsup" and len(texts) == 3:
        return _with_scripts(texts, inner, ["", "sub", "sup"], spans)
    if name == "mmultiscripts" and texts:
        names = [etree.QName(c).localname for c in children]
        split = names.index("mprescripts") if "mprescripts" in names else len(names)
        post, pre = texts[1:split], texts[split + 1:]
        return _scripts(pre) + texts[0] + _scripts(post)
    return _with_scripts(texts, inner, [""] * len(texts), spans)


def math_markup_text(markup: str) -> str | None:
    """``math_text`` of a MathML formula written into a text value (Crossref's JATS abstracts carry
    ``<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">…</mml:math>``); None when the markup is no
    well-formed MathML."""
    try:
        element = etree.fromstring(markup, new_parser())
    except etree.XMLSyntaxError:
        return None
    return math_text(element) if etree.QName(element).namespace == MATHML_NS else None


def _with_scripts(texts: list[str], inner: list[list[tuple[int, int, str]]], kinds: list[str],
                  spans: list[tuple[int, int, str]] | None) -> str:
    """``texts`` one after another, each a script of its kind ("sup", "sub") or none (""): raised or lowered in
    the text where plain text can (``scripted``), else a style in ``spans``, with each text's own styles."""
    parts: list[str] = []
    at = 0
    for text, found, kind in zip(texts, inner, kinds, strict=True):
        shown = scripted(kind, text) if kind else text
        if spans is not None and shown == text:
            spans.extend((begin + at, end + at, style) for begin, end, style in found)
            if kind and text:
                spans.append((at, at + len(text), kind))
        parts.append(shown)
        at += len(shown)
    return "".join(parts)


def _scripts(pairs: list[str]) -> str:
    """(subscript, superscript) pairs of an ``mmultiscripts``, each raised or lowered (``<none/>`` is "")."""
    return "".join(scripted("sub", sub) + scripted("sup", sup) for sub, sup in zip(pairs[::2], pairs[1::2],
                                                                                  strict=False))


def _elements(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)]


def _attributes(element: etree._Element, path: str, line: int) -> list[Field]:
    base = f"{path}/@" if path else "@"
    return [Field(base + _attribute_name(element, key), (value,), line) for key, value in element.attrib.items()]


def _attribute_name(element: etree._Element, key: str) -> str:
    if not key.startswith("{"):
        return key
    namespace, local = key[1:].split("}", 1)
    if namespace == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    return f"{prefix}:{local}" if prefix else local


def _line(element: etree._Element, offset: int) -> int:
    return (element.sourceline or 1) + offset


# ---------------------------------------------------------------------------------------------------------------
# Fields → tree
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Node:
    """An element rebuilt from a record's fields, so that ``to_article`` can read a record like a tree."""

    name: str
    text: str
    """The element's text, verbatim ("" for a container)."""
    line: int
    attributes: tuple[tuple[str, str], ...] = ()
    children: tuple[Node, ...] = ()

    def get(self, attribute: str, default: str = "") -> str:
        return next((v for k, v in self.attributes if k == attribute), default)

    @property
    def marked(self) -> str:
        """The text with its styles' markers (styles.marked): what a reader makes a styled text from."""
        spans = self.get(STYLES_ATTRIBUTE)
        return styles.marked(self.text, styles.decode(spans, len(self.text))) if spans else self.text

    def findall(self, path: str) -> list[Node]:
        """Every element at ``path`` ("Article/AuthorList/Author") below this one, in document order."""
        nodes = [self]
        for step in path.split("/"):
            nodes = [c for n in nodes for c in n.children if c.name == step]
        return nodes

    def find(self, path: str) -> Node | None:
        found = self.findall(path)
        return found[0] if found else None

    def findtext(self, path: str) -> str:
        """The verbatim text of the first element at ``path``, or ""."""
        found = self.find(path)
        return found.text if found is not None else ""


def styled(node: Node | None) -> tuple[str, styles.Styles]:
    """The node's text cleaned (normalize.clean), and its styles over that text."""
    if node is None:
        return "", ()
    plain = clean(node.text)
    return plain, styles.styles_of(plain, clean(node.marked)) if node.get(STYLES_ATTRIBUTE) else ()


def styled_sections(nodes: list[Node], sections_of: Callable[[list[Node]], list[Section]]) -> list[Section]:
    """``sections_of(nodes)``, each section with the styles the same sections of the nodes' marked text have."""
    plain = sections_of(nodes)
    marked = [marked_tree(n) for n in nodes]
    if all(m is None for m in marked):
        return plain
    return styles.restyled(plain, sections_of([n if m is None else m for n, m in zip(nodes, marked, strict=True)]))


def marked_tree(node: Node) -> Node | None:
    """The node with every text below it marked (``Node.marked``); None when none has a style."""
    children = [marked_tree(c) for c in node.children]
    if not node.get(STYLES_ATTRIBUTE) and all(c is None for c in children):
        return None
    return Node(node.name, _section_marked(node), node.line, node.attributes,
                tuple(c if m is None else m for c, m in zip(node.children, children, strict=True)))


def _section_marked(node: Node) -> str:
    """``Node.marked`` without the style of a label ("<bold>Background:</bold> …"): a page shows the label as a
    heading, and a marker beside its colon would hide it from sections.split_text."""
    found = styles.decode(node.get(STYLES_ATTRIBUTE), len(node.text))
    return styles.marked(node.text, tuple(s for s in found if not node.text[s[0]:s[1]].rstrip().endswith(":")))


def tree(rec: Record) -> Node:
    """The record's elements as a tree (the record element itself at the root)."""
    node, _ = _build("", "", "", rec.where.line, rec.fields, 0)
    return node


def _build(path: str, name: str, text: str, line: int, fields: tuple[Field, ...], i: int) -> tuple[Node, int]:
    prefix = f"{path}/" if path else ""
    attributes: list[tuple[str, str]] = []
    children: list[Node] = []
    while i < len(fields) and fields[i].name.startswith(prefix):
        f = fields[i]
        rest = f.name[len(prefix):]
        value = f.values[0] if f.values else ""
        if rest.startswith("@"):
            attributes.append((rest[1:], value))
            i += 1
        elif "/" in rest:
            i += 1  # attributes of inline markup, which the tree does not need
        else:
            child, i = _build(f.name, rest, value, f.line, fields, i + 1)
            children.append(child)
    return Node(name, text, line, tuple(attributes), tuple(children)), i
