"""The Article of a MARC 21 record (marc.py keeps its fields), its fields read as a cataloguer means them.

The leader's type and level (06, 07) say what the work is: a component part ("a", "b") is a journal's article, or a
book's chapter when its host item (773) is a book; a monograph ("m") is a book (a thesis with a 502 note); a
computer file ("m" in 06) whose content type (336) is text is an e-book or an online article like any other. The
title is 245 $a, $b, $n and $p without the ISBD punctuation that ends each ("Title :", "subtitle /"); names are
100/700 (people, $a without the dates of $d), 110/710 (bodies) and 111/711 (meetings), each with its relator
($e, $4) saying an author, an editor or a translator; the host item (773) names the journal ($t) and where in it
the work is ($g "Vol. 12, no. 3 (2020), p. 45-67", else $q "12:3<45"). Dates come from 260/264 $c, the host's
$g or $d, then 008/07-10; languages from 041, else 008/35-37; the DOI from 024 ($2 doi) or an 856 link; the
abstract from 520 (``_SUMMARY_KINDS``); keywords from 600-655 ($a with its subdivisions, "Perl (Computer program
language) -- Handbooks"); a book's series (490, 830) is its ``journal``. Every other field stays in the full record.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Level
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import UNTITLED, Article, Person, Record
from ..model.normalize import clean, parse_person, unique, unique_folded
from . import shared
from .marc import BLANK, LEADER


@dataclass(frozen=True, slots=True)
class MarcField:
    """One data field of a record: tag, indicators (blank as " ") and its subfields (code, text) in order."""

    tag: str
    ind1: str
    ind2: str
    subfields: tuple[tuple[str, str], ...]

    def all(self, codes: str) -> list[str]:
        """The text of every subfield whose code is one of ``codes``, in the field's order, cleaned and composed
        (NFC: the Deutsche Nationalbibliothek writes "Ö" as "O" and a combining diaeresis, MARC-8 a diacritic
        before its letter)."""
        return [unicodedata.normalize("NFC", clean(text)) for code, text in self.subfields
                if code and code in codes and clean(text)]

    def first(self, codes: str) -> str:
        return next(iter(self.all(codes)), "")


@dataclass(frozen=True, slots=True)
class Marc:
    """A record's leader, control fields and data fields, as ``to_article`` reads them."""

    leader: str
    control: dict[str, str]
    fields: tuple[MarcField, ...]

    def get(self, *tags: str) -> list[MarcField]:
        return [f for f in self.fields if f.tag in tags]


_NON_SORTING = str.maketrans("", "", "\x98\x9c")
"""MARC 21's non-sorting markers, U+0098 and U+009C around the words a catalogue files a title without (the
Deutsche Nationalbibliothek's and K10plus's "&#152;Das&#156; kulturelle Gedächtnis" in MARCXML): marks for
sorting, not text. The full record keeps them."""


def marc_of(record: Record) -> Marc:
    """The record's fields as MARC (the names and values marc.py writes)."""
    leader = ""
    control: dict[str, str] = {}
    fields: list[MarcField] = []
    for field in record.fields:
        if field.name == LEADER:
            leader = field.values[0] if field.values else ""
        elif " " not in field.name:
            control.setdefault(field.name, field.values[0] if field.values else "")
        else:
            tag, _, indicators = field.name.rpartition(" ")
            padded = indicators.replace(BLANK, " ") + "  "
            ind1, ind2 = padded[0], padded[1]
            subfields = tuple((code, text.translate(_NON_SORTING))
                              for code, _, text in (v[1:].partition(" ") for v in field.values))
            fields.append(MarcField(tag, ind1, ind2, subfields))
    return Marc(leader, control, tuple(fields))


_AUTHOR_ROLES = frozenset({"", "author", "aut", "creator", "cre", "joint author", "verfasser", "auteur", "tekijä"})
_EDITOR_ROLES = frozenset({"editor", "ed", "edt", "editor of compilation", "edc", "compiler", "comp", "com",
                           "herausgeber", "hrsg", "éditeur scientifique", "toim", "toimittaja"})
_TRANSLATOR_ROLES = frozenset({"translator", "trl", "tr", "trans", "übersetzer", "traducteur", "kääntäjä",
                               "översättare"})


_SUMMARY_KINDS = frozenset({" ", "2", "3", "8"})
"""520's first indicators of a note that says what the work holds, shown as its abstract: a summary, a scope and
content note, an abstract, and one with no display constant (8), which the Library of Congress gives websites'
summaries ("Features the White House. …"); not a subject (0), a review (1) nor content advice (4)."""


def names_an_editor(role: str) -> bool:
    """Whether a relator, as a code or in words, says editor: "edt", "Hrsg.", "ed.", "editor." (catalogues built
    from MARC give them as they are, VuFind's ``author2_role`` among them)."""
    return _relator(role) in _EDITOR_ROLES


def names_a_translator(role: str) -> bool:
    """Whether a relator says translator: "trl", "translator.", the Finnish catalogues' "kääntäjä"."""
    return _relator(role) in _TRANSLATOR_ROLES


def _relator(role: str) -> str:
    return re.sub(r"[.,;:\s]+$", "", role).casefold()


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The Article of one MARC record, and what it lacks."""
    marc = marc_of(record)
    if _looks_unimarc(marc):
        return _unimarc_article(marc, record)
    kind, host = _kind(marc)
    title = _title(marc)
    people = _names(marc)
    doi, urls = _doi(marc), _urls(marc)
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    where = _labelled_part(marc, _host_part(host)) if host is not None else _Part()
    series = _series(marc) if host is None else _Part()
    # 773 $t is the host's title; $a, before it, the host's main entry (K10plus's "Assmann, Jan, 1938 - 2024" for
    # the book of his that holds a chapter), which only a record without $t gives in its place
    host_title = full_stop_off(_isbd(host.first("t") or host.first("a"))) if host is not None else ""
    # A score or a map held by a book (the host with an ISBN, no ISSN) is in that book, as a chapter is, not in a
    # series: Melinda's (FI-MELINDA) record of one song's score in "101 movie hits. Trumpet" (773 $t, $z its ISBN)
    in_book = kind == "chapter" or (kind in _TYPE_KINDS.values() and host is not None and _held_by_a_book(host))
    lay, abstract, rights = shared.abstract("\n\n".join(
        " ".join(f.all("ab")) for f in marc.get("520") if f.ind1 in _SUMMARY_KINDS))
    subjects = _subjects(marc)
    published = _publication(marc)
    when = _date(marc, published, where)
    article = Article(
        id=shared.article_id(url_pmc, url_pmid, doi or url_doi, _control_number(marc), title, "marc"),
        title=title or UNTITLED,
        authors=tuple(p for p, role in people if role in _AUTHOR_ROLES),
        editors=tuple(p for p, role in people if role in _EDITOR_ROLES),
        translators=tuple(p for p, role in people if role in _TRANSLATOR_ROLES),
        journal=host_title if host is not None and not in_book else series.title,
        container=host_title if in_book else "",
        kind=kind,
        date=when.iso, date_printed=when.printed,
        publisher=_publishers(published) if published is not None else "",
        place=_places(published) if published is not None and host is None else "",
        edition=_isbd(next((f.first("a") for f in marc.get("250")), "")),
        languages=languages.parse(_languages(marc)),
        doi=doi or url_doi, pmid=url_pmid, pmcid=url_pmc,
        lay_summary=lay, abstract=abstract, rights=rights or " ".join(a for f in marc.get("540") for a in f.all("a")),
        links=shared.links(urls),
        volume=where.volume or series.volume,
        issue=where.issue,
        pages=where.pages,
        keywords=unique_folded(s for s in subjects if s),
        topics=shared.review_topics(subjects),
        records=(record,),
        # 022 $a the ISSN, 773 $x the host journal's, 490 $x the series'; 020 $a the ISBN, 773 $z the host book's
        issns=ids.standard_numbers([*(a for f in marc.get("022") for a in f.all("a")),
                                    *(x for f in marc.get("773", "490") for x in f.all("x"))]),
        isbns=ids.standard_numbers([*(a for f in marc.get("020") for a in f.all("a")),
                                    *(z for f in marc.get("773") for z in f.all("z"))]),
    )
    if title:
        return article, []
    return article, [Diagnostic(Level.ERROR, record.where,
                                "record has no title (a 245 field with $a); shown as 'Untitled record'")]


def _looks_unimarc(marc: Marc) -> bool:
    """Whether the record is UNIMARC, whose tags mean other things than MARC 21's: no 245, a title in 200 $a, and
    a 100 that is UNIMARC's processing data (its $a opens with the date of entry and the kind of date,
    "20020826d"), where MARC 21 has the author's name. The Taiwanese catalogue's records of Jane Austen's novels
    in marc4j's pride-and-prejudice-fixed.mrc are so."""
    return (not marc.get("245") and any(f.first("a") for f in marc.get("200"))
            and any(re.match(r"\d{8}[a-z]", f.first("a")) for f in marc.get("100")))


def _unimarc_article(marc: Marc, record: Record) -> tuple[Article, list[Diagnostic]]:
    """A UNIMARC record's title (200 $a, the title proper) alone: read as MARC 21, its 100 was shown as the author
    ("20020826d m y0chiy09 e."). Every field stays in the full record."""
    title = full_stop_off(_isbd(next(f.first("a") for f in marc.get("200") if f.first("a"))))
    article = Article(id=shared.article_id("", "", "", _control_number(marc), title, "marc"), title=title,
                      records=(record,))
    return article, [Diagnostic(Level.WARNING, record.where,
                                "record looks like UNIMARC (no 245, its title in 200 $a, processing data in 100), "
                                "which this reader does not read (it reads MARC 21): its page gives only its title "
                                "(200 $a); every field is in the full record")]


_SUBJECT_TAGS = ("600", "610", "611", "630", "648", "650", "651", "655")


def _subjects(marc: Marc) -> list[str]:
    """Each subject heading with its subdivisions ("Perl (Computer program language) -- Handbooks"), then each
    uncontrolled term of a 653 (one a $a)."""
    headings = [" -- ".join(full_stop_off(_isbd(s)) for s in f.all("abcdvxyz")) for f in marc.get(*_SUBJECT_TAGS)]
    return [*headings, *(full_stop_off(_isbd(term)) for f in marc.get("653") for term in f.all("a"))]
# Leader/06, the type of record, for the kinds that are not text.
_TYPE_KINDS = {"e": "map", "f": "map", "g": "motion_picture", "k": "graphic", "i": "song", "j": "song",
               "c": "musical_score", "d": "musical_score", "m": "software"}


_TEXT_CONTENT = frozenset({"txt", "text", "tct", "tactile text"})
"""RDA content types (336 $b code or $a term, folded) that say a work is text."""


def _kind(marc: Marc) -> tuple[str, MarcField | None]:
    """What the work is in CSL's words ("" a journal article), and the host item (773) that holds it."""
    host = next(iter(marc.get("773")), None)
    record_type, level = marc.leader[6:7], marc.leader[7:8]
    if record_type in _TYPE_KINDS and not (record_type == "m" and _electronic_text(marc)):
        return _TYPE_KINDS[record_type], host
    if host is not None and level in ("a", "b", "d", " ", ""):
        return ("chapter" if _held_by_a_book(host) else ""), host
    if level in ("s", "i"):
        return "periodical", None
    if marc.get("502"):
        return "thesis", None
    if level in ("m", "c") or marc.get("020"):
        return "book", None
    return "", host


def _held_by_a_book(host: MarcField) -> bool:
    """Whether the host item (773) is a book: it has an ISBN ($z) and no ISSN ($x)."""
    return bool(host.all("z")) and not host.all("x")


def _electronic_text(marc: Marc) -> bool:
    """Whether a computer file (leader/06 "m") is text: an e-book or an online article, as German union
    catalogues (B3Kat, DE-604) type every electronic resource. Its RDA content type (336) says "txt", or its 008
    calls the file a document (008/26 "d")."""
    content = {value.casefold() for field in marc.get("336") for value in field.all("ab")}
    if content:
        return not content.isdisjoint(_TEXT_CONTENT)
    return marc.control.get("008", "")[26:27] == "d"


def _title(marc: Marc) -> str:
    """245 $a (else $k, the form), $b, $n and $p as a title reads: "Title: subtitle. Part 2", without the ISBD
    punctuation; a parallel title (ISBD's "=" before $b) keeps its sign: "Eight seasons = Gavcci jahkejuogu"."""
    field = next(iter(marc.get("245")), None)
    if field is None:
        return ""
    text, parallel = "", False
    # An archive's record may name its material by form alone, with no title proper: Johns Hopkins's record of
    # Warfield T. Longcope's papers has "245 10 $k Papers." and no $a, and was shown as "Untitled record".
    lead = "a" if field.first("a") else "k"
    for code, printed in field.subfields:
        piece = _isbd(printed)
        if code not in (lead, "b", "n", "p") or not piece:
            continue
        if not text:
            text = piece
        elif code == "b":
            # The "=" is taken off with the rest of the ISBD punctuation, so the sign is remembered from the
            # printed value: the National Library of Finland's "Eight seasons = $b Gavcci jahkejuogu." (the same
            # title in Northern Sami) was shown "Eight seasons: Gavcci jahkejuogu", as if it were a subtitle.
            text += f"{' =' if parallel else '' if text.endswith(('?', '!')) else ':'} {piece}"
        else:
            text += f"{'' if text.endswith(('.', '?', '!')) else '.'} {piece}"
        parallel = clean(printed).endswith("=")
    return full_stop_off(text)


def _isbd(text: str) -> str:
    """A value without the ISBD punctuation that ends it ("Title :", "subtitle /", "Boston ;", "Knopf,", "- "),
    taken off one mark at a time; a full stop stays (``full_stop_off`` decides)."""
    text = clean(text)
    while text.endswith(("/", ":", ";", ",", "=")) or (text.endswith("-") and text[-2:-1].isspace()):
        text = text[:-1].rstrip()
    return text


def _unbracketed(text: str) -> str:
    """A place or publisher without the brackets a cataloguer supplies it in ("[New York]"; "[Boston" whose bracket
    closes after the date in $c; Johns Hopkins's Nature: "[London, etc.," and "Macmillan Journals ltd.]"); a bracket
    within it stays with its pair (the Russian Book Chamber's "СПб. [и др.]", St Petersburg and other places, was
    shown "СПб. [и др.")."""
    if text.startswith("[") and "]" not in text[:-1]:
        text = text[1:]
    return text[:-1] if text.endswith("]") and "[" not in text else text


_KEPT_STOP = re.compile(r"(?:\b\w|\.\.|\b(?:etc|Jr|Sr|Inc|Ltd|Co|Corp|St|Dr|Mr|Mrs|vol|ed|eds|no|pt|U\.S))\.\Z",
                        re.I)


def full_stop_off(text: str) -> str:
    """The full stop that ends a field in a catalogue, taken off ("Bibliotecas escolares no Brasil." → "…
    Brasil"); one that ends an initial, an abbreviation or an ellipsis stays ("Smith, J.", "etc.", "...")."""
    if text.endswith(".") and not _KEPT_STOP.search(text):
        return text[:-1].rstrip()
    return text


def _names(marc: Marc) -> list[tuple[Person, str]]:
    """Every person (100, 700), body (110, 710) and meeting (111, 711) named, with its role: the relator's first
    term folded without its punctuation ("editor." → "editor", "http://id.loc.gov/vocabulary/relators/edt" →
    "edt"), "" when there is none. A body or meeting named in an added entry (710, 711) without a role is no
    author: a catalogue names a sponsor or a publisher there, nor is an added entry with a title ($t, the author of
    another work). The main entry (1XX) is an author unless its role says editor or translator, and so is an added
    entry in the same role."""
    found = []
    main_role = next((_role(f) for f in marc.get("100", "110", "111")), "")
    for field in marc.get("100", "110", "111", "700", "710", "711"):
        role = _role(field)
        if field.tag in ("710", "711") and not role:
            continue
        if field.tag.startswith("7") and field.all("t"):
            # A name with a title ($t) names the author of another work, contained in this one or related to it:
            # "700 12 $a Karo, Joseph ben Ephraim, $t Oraḥ ḥayim." of the Mishnah berurah, a commentary on Karo's
            # text. Not the record's author; the full record keeps the field.
            continue
        if field.tag.startswith("1") and role not in _EDITOR_ROLES | _TRANSLATOR_ROLES:
            role = ""  # the main entry is who made the work, whatever the relator calls them (a photographer)
        elif role and role == main_role and role not in _EDITOR_ROLES | _TRANSLATOR_ROLES:
            # An added entry in the main entry's role made the work with them: Melinda's score of a song by two
            # composers, "100 $a Smith, Sam, $e säveltäjä." and "700 $a Napier, James, $e säveltäjä."
            role = ""
        if field.tag.endswith("00"):
            person = _forename_entry(field) or parse_person(full_stop_off(_isbd(" ".join(field.all("abc")))))
        else:
            # A meeting's name is its $a, and its units ($e) and the meeting named after a jurisdiction ($q): the
            # German National Library's "111 $a Deutsche Gesellschaft für Erziehungswissenschaft $e Sektion
            # Sonderpädagogik $e Jahrestagung $n 50. $d 2015 $c Basel" was shown as the society alone. Its
            # number, date and place are left to the full record.
            parts = field.all("ab") if field.tag.endswith("10") else field.all("a")[:1] + field.all("eq")
            person = Person(name=". ".join(full_stop_off(_isbd(p)) for p in parts))
        if person.name:
            found.append((person, role))
    return found


def _forename_entry(field: MarcField) -> Person | None:
    """A name entered by forename (first indicator 0), whose comma comes before a title, not a given name: the
    Library of Congress's "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV" ($a, then $c), "Israel Meir, ha-Kohen". The
    forename with its numeration ($a $b) is the name's head, the title follows it. None for a name entered by
    surname, for a forename without a title (kept whole, as before: "Čhamlō̜ng Phitsanākha"), and for a forename
    with a comma of its own (a surname given the wrong indicator)."""
    forename = full_stop_off(_isbd(" ".join(field.all("ab"))))
    title = full_stop_off(_isbd(" ".join(field.all("c"))))
    if field.ind1 != "0" or not (forename and title) or "," in forename:
        return None
    return Person(name=f"{forename}, {title}", family=forename, suffix=title)


def _role(field: MarcField) -> str:
    """The name's relator: $4 as a code or its URI (the same in every language), else $e (111/711 write it in
    $j) in words."""
    terms = [t.rstrip("/").rpartition("/")[2] for t in field.all("4")] or field.all(
        "j" if field.tag.endswith("11") else "e")
    return next((re.sub(r"[.,;:\s]+$", "", t).casefold() for t in terms), "")


def _doi(marc: Marc) -> str:
    for field in marc.get("024"):
        if field.ind1 == "7" and field.first("2").casefold() == "doi":
            return ids.doi_from(field.first("a"))
    return ""


def _urls(marc: Marc) -> list[str]:
    """The 856 $u links (shared.links keeps only the ones whose scheme is allowed: http and https)."""
    return [u for field in marc.get("856") for u in field.all("u")]


def _control_number(marc: Marc) -> str:
    """The record's own key: its control number (001) with its agency (003), else its first system number (035)."""
    number = clean(marc.control.get("001", ""))
    if number:
        return f"{clean(marc.control.get('003', ''))} {number}".strip()
    return next((f.first("a") for f in marc.get("035")), "")


def _publication(marc: Marc) -> MarcField | None:
    """The field that says where, by whom and when the work was published: 260, else 264 with 2nd indicator 1
    (publication), else any 264."""
    candidates = [*marc.get("260"), *(f for f in marc.get("264") if f.ind2 == "1"), *marc.get("264")]
    # The Library of Congress's bibframe2marc writes the country as a 264 of its own whose place is a link ("$a
    # http://id.loc.gov/vocabulary/countries/xxk $c 2020") before the imprint ("$a London $b HarperCollinsPublishers
    # $c 2020"): the imprint says where and by whom, the link was shown as the place and the publisher lost.
    in_words = [f for f in candidates if not _LINK.match(f.first("a"))]
    return next(iter(in_words or candidates), None)


_LINK = re.compile(r"\s*https?://", re.IGNORECASE)


def _publishers(published: MarcField) -> str:
    """Every publisher the imprint names ($b, repeated for each), joined by "; " as Citavi's are: the Russian
    Book Chamber's "$a СПб. [и др.] $b Питер $b Питер Принт" named only "Питер"."""
    return "; ".join(unique_folded(_unbracketed(_isbd(b)) for b in published.all("b") if _isbd(b)))


def _places(published: MarcField) -> str:
    """Every place the imprint names ($a, repeated for each), joined by "; ": a Penguin edition's "$a London ;
    $a New York : $b Penguin Books" (marc4j's pride-and-prejudice records) was published in London only."""
    return "; ".join(unique_folded(_unbracketed(_isbd(a)) for a in published.all("a") if _isbd(a)))


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_NO_YEAR_ON_ITS_OWN = frozenset("nqbu|")
"""008/06's types of date whose 07-10 is not the year of publication: unknown (n), questionable (q, a range), no
date and B.C. (b), continuing resource status unknown (u), not coded (|)."""


def _date(marc: Marc, published: MarcField | None, where: _Part) -> dates.PrintedDate:
    """The date the work was published as the record says it: 260/264 $c ("c2011.", "[2008]", "Aug. 2018" to the
    month; "[197-?]" and "1995-1997" kept as printed beside the year they name, if any), the host's year, else
    008/07-10 when 008/06 says it is the year."""
    printed = _printed_date(published.first("c")) if published is not None else ""
    if len((dated := shared.printed_date(printed)).iso) > 4:
        return dated  # its month or day too: pymarc's record of a CD, "$c 03 Nov 2008", was "2008"
    if (read := dates.read_year(printed)).iso:
        return read
    if where.year:
        return dates.PrintedDate(where.year, printed)
    fixed = marc.control.get("008", "")
    if not printed and fixed[6:7] not in _NO_YEAR_ON_ITS_OWN and _YEAR.fullmatch(fixed[7:11]):
        return dates.PrintedDate(fixed[7:11])
    return dates.PrintedDate("", printed)


def _printed_date(text: str) -> str:
    """A 260/264 $c without ISBD's closing full stop and the cataloguer's brackets ("[197-?]." → "197-?")."""
    return full_stop_off(_isbd(text.replace("[", "").replace("]", "")))


def _languages(marc: Marc) -> list[str]:
    """041 $a codes (old records run several together, "engfre"), else 008/35-37."""
    codes = [text[i:i + 3] for f in marc.get("041") for text in f.all("a") for i in range(0, len(text), 3)]
    codes = [c for c in codes if c not in _NO_LANGUAGE] or [marc.control.get("008", "")[35:38].strip()]
    return [c for c in unique(codes) if c.isalpha() and c not in _NO_LANGUAGE]


_NO_LANGUAGE = frozenset({"und", "zxx", "mul", "|||"})
"""MARC's codes for an undetermined language, no linguistic content, several languages, and no attempt to code."""


@dataclass(frozen=True, slots=True)
class _Part:
    """Where in its host (a journal's volume, issue and pages, and the year) or its series the work is."""

    title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    year: str = ""


_VOLUME = re.compile(r"\b(?:vol|v|bd|band|jahrg|jg|årg|t|tome|tom|vuosik|année)\.?\s*([0-9IVXLC][\w/]*(?:-\d+)?)",
                     re.I)
_ISSUE = re.compile(r"\b(?:no|nr|n|num|issue|iss|heft|h|nro|núm|fasc)[.°º]?\s*([\w/]+(?:-\d+)?)", re.I)
_PAGES = re.compile(r"\b(?:pp|p|s|seiten?|pages?|str)\.?\s*([\dA-Za-z]*\d[\dA-Za-z]*(?:\s*[-\u2013]\s*[\dA-Za-z]+)?)",
                    re.I)
_ENUMERATION = re.compile(r"(\w+)(?::(\w+))?(?:<(\w+))?")
"""773 $q, the enumeration of the part: "49:2<553" (volume, issue, first page)."""


def _host_part(host: MarcField) -> _Part:
    """Volume, issue, pages and year from the host item's $g ("Vol. 12, no. 3 (2020), p. 45-67"), else from its
    $q ("12:3<45"); the year also from $d ("Berlin : Springer, 2020")."""
    related = " ".join(host.all("g"))
    volume, issue, pages = (_match(p, related) for p in (_VOLUME, _ISSUE, _PAGES))
    enumeration = _ENUMERATION.fullmatch(host.first("q"))
    if enumeration and not volume:
        volume, issue, pages = (g or "" for g in enumeration.groups())
        issue = issue or ""
    year = next((m.group(1) for text in (related, *host.all("d")) if (m := _YEAR.search(text))), "")
    return _Part(volume=volume, issue=issue, pages=shared.page_range(re.sub(r"\s*[-\u2013]\s*", "-", pages)),
                 year=year)


_LABELLED = re.compile(r"(volume|number|pages|year):(.+)")
"""A part of the host as K10plus and the Deutsche Nationalbibliothek write it for machines, one a $g in a 773
of its own beside the printed one ("volume:185", "number:24", "pages:18-19", "year:2018")."""


def _labelled_part(marc: Marc, printed: _Part) -> _Part:
    """Volume, issue, pages and year from the labelled $g of any 773, each where it is given, else as printed:
    the printed $g may name no part ("185 (2018), 24, Seite 18-19")."""
    labelled = {m.group(1): m.group(2).strip() for f in marc.get("773") for g in f.all("g")
                if (m := _LABELLED.fullmatch(g))}
    if not labelled:
        return printed
    return _Part(volume=labelled.get("volume", printed.volume), issue=labelled.get("number", printed.issue),
                 pages=shared.page_range(labelled["pages"]) if "pages" in labelled else printed.pages,
                 year=labelled["year"] if _YEAR.fullmatch(labelled.get("year", "")) else printed.year)


def _match(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return m.group(1) if m else ""


def _series(marc: Marc) -> _Part:
    """The series a book belongs to: its authorized title (830), else as the book states it (490); and its number."""
    field = next(iter([*marc.get("830"), *marc.get("490")]), None)
    if field is None:
        return _Part()
    # 830 $v ends the field with ISBD's full stop after the number ("v. 7."), which is not the number's
    return _Part(title=full_stop_off(_isbd(" ".join(field.all("a")))),
                 volume=re.sub(r"(?<=\d)\.\Z", "", _isbd(field.first("v"))))
