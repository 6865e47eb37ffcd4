"""Normalizing what records say: whitespace, names, slugs and safe links (dates are ``dates``'s).

Pure functions shared by every reader and by the library; nothing here knows a file format.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from anyascii import anyascii

from .article import Person


def _cp1252_controls() -> dict[int, str]:
    """U+0080–U+009F → the character Windows-1252 puts at that byte (0x92 → ’), from Python's own codec; U+FFFD
    for the five bytes where it puts none, as for any code point no page can hold (HTML forbids the C1 controls)."""
    table = {}
    for code in range(0x80, 0xA0):
        try:
            table[code] = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: no character there
            table[code] = "\ufffd"
    return table


_CP1252_CONTROLS = _cp1252_controls()
_C1_CONTROL = re.compile("[\x80-\x9f]")


UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
"""Code points no page can hold: C0 controls but tab and line ends, DEL, noncharacters (XML and HTML forbid
them) and lone surrogates (UTF-8 cannot encode them). Readers replace them with U+FFFD and say so."""


_PICTURES = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"} | {0x7F: 0x2421}


def shown(value: object) -> str:
    """A record's value, verbatim, as a page can hold it: a control character as its control picture (U+001E,
    MARC's field end, as ␞), one of the C1 controls, which have none, as its code point ("⟨U+0098⟩", MARC 21's
    non-sorting mark that the Deutsche Nationalbibliothek writes before "Das"), so the full record stays faithful
    and the page valid (HTML forbids them all); what UTF-8 cannot encode (a noncharacter, half a surrogate) as
    U+FFFD. Tab and line ends stay; direction controls are balanced (balance_bidi)."""
    text = str(value)
    if text.isprintable():
        return text
    if UNSHOWABLE.search(text):
        text = UNSHOWABLE.sub("\ufffd", text.translate(_PICTURES))
    if _C1_CONTROL.search(text):
        text = _C1_CONTROL.sub(lambda m: f"\u27e8U+{ord(m.group()):04X}\u27e9", text)
    return balance_bidi(text)


_LAYOUT_SPACE = re.compile("[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")
"""White space that only lays text out (spaces, tabs, line and paragraph ends, the separators U+001C–U+001F):
a run of it is one space. The typographic spaces (no-break U+00A0, thin U+2009, narrow no-break U+202F,
ideographic U+3000 and the other Zs spaces) are part of what a record says ("20\u2009000 deaths",
"Titre\u00a0: sous-titre") and are kept."""


_TYPOGRAPHIC_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
"""Every white space character (str.isspace) that is not layout white space."""


def collapse_spaces(text: str) -> str:
    """``text`` with each run of layout white space one space and no white space at either end; typographic
    spaces inside it kept (_LAYOUT_SPACE). The one spacing rule of readers and exports."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        # Collapsed already, as every value a reader cleaned is when an export writes it again: the space is
        # the only white space a printable text can hold. Three scans in C, no list of its words made.
        return text
    if text.isascii() or not _TYPOGRAPHIC_SPACE.search(text):
        return " ".join(text.split())  # the same without a typographic space, and five times faster in C
    return _LAYOUT_SPACE.sub(" ", text).strip()


def clean(text: str) -> str:
    """NFC, layout white space collapsed to single spaces (typographic spaces kept), trimmed; C1 controls that
    are Windows-1252 bytes read as Latin-1 (U+0092 for an apostrophe) become the characters meant
    (’ “ ” – — …); a code point no page can hold becomes U+FFFD; direction controls are balanced (balance_bidi).

    Every reader cleans every value it types with this, so each output shows the same text."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Most values are clean already, and a few scans in C tell, instead of splitting an abstract into words and
    # joining them back. Every whitespace character but the space is unprintable (categories Zs, Zl, Zp, Cc), so
    # in printable text collapse_spaces comes to trimming the ends (a space at most each, when no two are
    # together) or a split at spaces: without its search of the whole text for a typographic space (a section of
    # an abstract cut after its label begins with a space).
    if text.isprintable():
        return text.strip(" ") if "  " not in text else " ".join(text.split())
    if _C1_CONTROL.search(text):  # before split(): it takes U+0085 (cp1252's "…") for a line end
        text = text.translate(_CP1252_CONTROLS)
    text = collapse_spaces(text)  # before UNSHOWABLE: the separators U+001C–U+001F are layout white space
    if UNSHOWABLE.search(text):
        text = UNSHOWABLE.sub("\ufffd", text)
    return balance_bidi(text)


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_OPENS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",  # embeddings, overrides
          "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}  # isolates


def right_to_left(text: str) -> bool:
    """Whether ``text`` holds a letter written right to left (Unicode's bidirectional class R or AL: Hebrew,
    Arabic, Syriac, Thaana …): a name that, set between punctuation in left-to-right text, needs isolating."""
    return not text.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def balance_bidi(text: str) -> str:
    """``text`` with every direction embedding, override and isolate it opens closed at its end, and every close
    without an opening dropped: a value's direction controls then act within the value only, never on the text
    a page shows after it (a right-to-left override in one author's name must not reverse the next names)."""
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    opened: list[str] = []
    for char in text:
        if char in _OPENS:
            opened.append(char)
        elif char in ("\u202c", "\u2069"):
            # PDI closes the last isolate and every embedding opened inside it; PDF closes the last embedding only
            # when no isolate was opened after it.
            if char == "\u2069" and "\u2069" in (_OPENS[o] for o in opened):
                while opened and _OPENS[opened.pop()] != "\u2069":
                    pass
            elif char == "\u202c" and opened and _OPENS[opened[-1]] == "\u202c":
                opened.pop()
            else:
                continue
        out.append(char)
    return "".join(out) + "".join(_OPENS[o] for o in reversed(opened))


_NOT_ALNUM = re.compile(r"[\W_]+")
r"""Whatever str.isalnum() refuses: \w is the alphanumerics and the underscore (tests/test_normalize.py)."""


_ASCII_NOT_ALNUM = dict.fromkeys(c for c in range(128) if not chr(c).isalnum())
"""The ASCII characters that str.isalnum() refuses, as str.translate deletes them."""


def alnum(text: str) -> str:
    """The letters and digits of ``text`` (as ``str.isalnum`` tells them), in one C pass: for ASCII text (four
    titles in five) by a table, at three times the speed of the pattern."""
    return text.translate(_ASCII_NOT_ALNUM) if text.isascii() else _NOT_ALNUM.sub("", text)


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """The values cleaned, in first-seen order, each once; empty ones left out."""
    return tuple(dict.fromkeys(v for v in map(clean, values) if v))


def unique_folded(values: Iterable[str]) -> tuple[str, ...]:
    """As ``unique``, and a value that differs from an earlier one only in case ("Humans", "HUMANS") left out
    too; the first spelling stays. For keywords and topics, which sources capitalise as they like."""
    seen: dict[str, str] = {}
    for value in map(clean, values):
        if value:
            seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


NO_VALUE = frozenset({"n/a", "N/A", "No terms assigned"})
"""What databases write in a field that has no value: MDPI's RIS gives a paper without keywords "KW  - n/a", APA
PsycInfo's (through EBSCOhost) a record it gave no index terms "KW  - No terms assigned" after its author's
keywords."""
NO_NUMBER = frozenset({*NO_VALUE, "ahead-of-print"})
"""What stands for a volume or an issue that is not there yet: Taylor & Francis's "ahead-of-print" in both, as
Dimensions' RIS copies it for an article published online first ("VL  - ahead-of-print", "IS  - ahead-of-print")."""
NO_ABSTRACT = frozenset({*NO_VALUE, "NA"})
"""What stands for an abstract that is not there: also R's "NA", which RIS files written from R data frames hold
("AB  - NA", CiteSource's examples of CAB, EconLit and Web of Science searches). "NA" is no such word in a keyword
(sodium, noradrenaline)."""


RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", *(f"{device}{n}" for device in ("com", "lpt")
                                                                     for n in range(10))})
"""Names no page may take: index.html is each folder's own list, and Windows refuses a file named after a
device (CON, AUX, COM1 …) whatever its extension."""


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "untitled") -> str:
    """An ASCII slug: NFC first, then transliterated (Hubelé → hubele, Łukasz → lukasz, 王 → wang); a reserved
    name gets the fallback after it ("index" → "index-topic")."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    slug = slug[:80].rstrip("-") or fallback
    return f"{slug}-{fallback or 'page'}" if slug in RESERVED_SLUGS else slug


def name_key(name: str) -> str:
    """What makes two spellings of a name the same string: NFC, case and spacing folded (a no-break space
    too)."""
    return " ".join(clean(name).split()).casefold()


@functools.lru_cache(maxsize=1 << 16)
def parse_person(name: str, orcid: str = "") -> Person:
    """A person from "Family, Given[, Suffix]"; a name without a comma (a group) keeps its whole form.

    Cached (a Person cannot change): a collection names most people several times, and the articles then share
    one Person per spelling."""
    name = clean(name)
    parts = [balance_bidi(p.strip()) for p in name.split(",")]
    if len(parts) == 1 or not parts[0]:
        return Person(name=name, orcid=orcid)
    family, given = parts[0], parts[1]
    suffix = ", ".join(parts[2:])
    if suffix and not given:
        # RIS's "Family, , Suffix" (and the MEDLINE download's FAU), the given name's place left empty so that the
        # suffix is no given name ("Bstan-ʼdzin-rgya-mtsho, , Dalai Lama XIV"): shown without the empty place
        name = f"{family}, {suffix}"
    elif not given and not suffix:
        # "Family," with no given name after the comma: Springer Nature's RIS writes a group so ("AU  - The PLUMED
        # consortium,", 10.1038/s41592-019-0506-8): the comma only parts the two places
        name = family
    words = given.split()
    if not suffix and len(words) > 1 and _GENERATION.fullmatch(words[-1]):  # MEDLINE's "White, A Clinton Jr"
        given, suffix = " ".join(words[:-1]), words[-1]
    if not suffix:
        family, suffix = generation_apart(family)
    family, given = particles_to_family(family, given)
    return Person(name=name, family=family, given=given, suffix=suffix, orcid=orcid)


def particles_to_family(family: str, given: str) -> tuple[str, str]:
    """The family name with the particles written after the given name, where a catalogue's heading and a Dutch
    reference list put them ("Meer, Jos W. M. van der", "Hoek, J. van der"): ("van der Meer", "Jos W. M."), as
    MEDLINE writes the same person "van der Meer, Jos W M". Lowercase words only, and a given name left."""
    words = given.split()
    start = len(words)
    while start > 0 and words[start - 1] in PARTICLES and len(words[start - 1]) > 1:
        start -= 1
    if start in (0, len(words)) or not family:
        return family, given
    return " ".join([*words[start:], family]), " ".join(words[:start])


_GENERATION = re.compile(r"(?:Jr|Sr)\.?|II|III|IV|2nd|3rd")
"""A generational suffix written at the end of the given name, as MEDLINE's full names and Scopus write it."""


def is_generation(word: str) -> bool:
    """Whether a word is a generational suffix: "Jr", "Jr.", "Sr.", "II", "III", "IV", "2nd", "3rd"."""
    return _GENERATION.fullmatch(word) is not None


def generation_apart(family: str) -> tuple[str, str]:
    """A family name without the generation Scopus writes after it, and that generation: "Thompson III, F.R." and
    "Leslie Jr., D.M." (its BibTeX, RIS and CSV exports) are Frank R. Thompson III and D.M. Leslie Jr., whom other
    exports write "Thompson, F.R., III"; ("Thompson", "III"). A family name of one word is kept whole."""
    head, _, last = family.rpartition(" ")
    if head and is_generation(last):
        return head, last
    return family, ""


PARTICLES = frozenset({"van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "le", "la",
                       "ten", "ter", "bin", "ibn", "al", "el", "y"})
"""Lowercase words before a family name that belong to it when a name is written given name first ("Jan van der
Berg")."""


def person_in_reading_order(name: str, orcid: str = "") -> Person:
    """A name written given name first, "Samuele E. Burastero", kept whole; the family name is its last word, with
    the particles before it ("Jan van der Berg") and without a generation after it ("John Smith Jr"). A name with a
    comma is "Family, Given" (``parse_person``)."""
    name = clean(name)
    if "," in name:
        return parse_person(name, orcid)
    words = name.split()
    suffix = words.pop() if len(words) > 2 and _GENERATION.fullmatch(words[-1]) else ""
    if len(words) < 2:
        return Person(name=name, orcid=orcid)
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return Person(name=name, family=" ".join(words[start:]), given=" ".join(words[:start]), suffix=suffix,
                  orcid=orcid)


# Words that make a name without a comma an organisation ("World Medical Association", "Royal College of
# Surgeons"). The second set are also family names ("Jean Bureau"), so they count only in a name of three words or
# more.
_GROUP_WORDS = frozenset({
    "Agency", "Association", "Collaboration", "Commission", "Committee", "Consortium", "Council", "Department",
    "Federation", "Foundation", "GmbH", "Inc", "Institut", "Institute", "Investigators", "Ltd", "Ministry",
    "Organisation", "Organization", "Press", "Publishers", "Publishing", "Registry", "Secretariat", "Society",
    "University",
    # no one's family name either, so an organisation of two words ("Mayo Clinic", "Amnesty International") is not
    # read as a person named Clinic
    "Clinic", "Hospital", "International", "Laboratories", "Laboratory", "Library", "Pharmaceuticals",
    # as library catalogues name organisations of other languages (Copac: "Universität Karlsruhe. Fakultät für
    # Informatik")
    "Fakultät", "Universidad", "Universidade", "Universität", "Università", "Université", "Universiteit"})
_GROUP_WORDS_IN_LONG_NAMES = frozenset({
    "Academy", "Alliance", "Authority", "Board", "Bureau", "Center", "Centre", "Coalition", "College",
    "Corporation", "Group", "Initiative", "Network", "Office", "Panel", "Program", "Programme", "Service",
    "Services", "Team", "Trust", "Union"})


def names_a_group(text: str) -> bool:
    """Does a name without a comma hold a word organisations are named with?"""
    words = set(re.findall(r"\w+", text))
    return bool(words & _GROUP_WORDS or (len(text.split()) >= 3 and words & _GROUP_WORDS_IN_LONG_NAMES))


_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
"""A word of a person's name: a word of letters (with an apostrophe or a hyphen: "O'Brien", "Jean-Luc") or an
initial ("E.", "A.E.")."""


def written_given_first(name: str) -> bool:
    """Does a name without a comma read as a person's given name then family name ("Amy E. Keating", "Jan van der
    Berg", "John Smith Jr") rather than an organisation's name ("Cancer Research UK", "World Health Organization")?
    Two to five words, each a capitalised name word, an initial or a particle, the last with a lowercase letter
    (an acronym names a body), none that organisations are named with."""
    words = clean(name).split()
    if "," in name or not 2 <= len(words) <= 5 or names_a_group(name):
        return False
    if len(words) > 2 and _GENERATION.fullmatch(words[-1]):
        words.pop()
    family = words[-1]
    if not family[0].isupper() or family.isupper() or family.endswith("."):
        return False
    return all(w in PARTICLES or (w[0].isupper() and _NAME_WORD.fullmatch(w)) for w in words)


SAFE_SCHEMES = ("http", "https")
_UNSAFE_IN_URL = re.compile(r'[\x00-\x20<>"\\`]')  # controls, space, and what ends an attribute or a tag


def safe_url(url: str) -> str:
    """The url when its scheme is allowed (http, https) and it has a host; "" otherwise.

    Control characters and spaces inside a url are how ``java\\tscript:`` tricks a browser, so they reject it, as
    does what no page can hold (DEL, a noncharacter, half a UTF-16 character).
    """
    url = url.strip()
    if not url or _UNSAFE_IN_URL.search(url) or UNSHOWABLE.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return ""
    return url
