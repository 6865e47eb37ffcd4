"""The data model: records as read (lossless) and the articles made from them. Frozen dataclasses, no I/O.

A ``Record`` is what a reader found in a file, every field verbatim with its line; an ``Article`` is the typed
view the pages use, and keeps its records so that the full-record view can show every field.
"""

from __future__ import annotations

import functools
import re
from dataclasses import FrozenInstanceError, dataclass, field

from ..diagnostics import SourceSpan
from .styles import Styles


@dataclass(frozen=True, slots=True)
class Field:
    """One named field of a record, with all its values in order."""

    name: str
    values: tuple[str, ...]
    line: int
    """1-based line of the field's first value in its file."""


class Record:
    """One record exactly as its file holds it.

    A reader makes it from its fields. Once its article is made, the build keeps the fields and the preamble packed
    in one bytes object (``packed``; the encoding is model/packing.py's): a catalogue record's strings and Field
    objects took some 17 kB, packed they take 2.5 kB. ``fields`` and ``preamble`` then unpack them at each use,
    which only the full-record view makes. Packed or not, it is the same record: equal, with the same fields.
    Immutable, like the rest of the model."""

    __slots__ = ("format", "where", "_held")
    format: str
    """The reader that read it, e.g. ``catalogue-dump``."""
    where: SourceSpan
    """File and first line of the record."""
    _held: tuple[tuple[Field, ...], tuple[str, ...]] | bytes
    """``(fields, preamble)``, or the two packed."""

    def __init__(self, format: str, where: SourceSpan, fields: tuple[Field, ...],
                 preamble: tuple[str, ...] = ()) -> None:
        _set = object.__setattr__
        _set(self, "format", format)
        _set(self, "where", where)
        _set(self, "_held", (fields, preamble))

    @classmethod
    def from_body(cls, format: str, where: SourceSpan, body: bytes) -> Record:
        """The record whose fields and preamble are ``body`` (``Record.body``)."""
        record = cls.__new__(cls)
        _set = object.__setattr__
        _set(record, "format", format)
        _set(record, "where", where)
        _set(record, "_held", body)
        return record

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field in file order; a field name may repeat where the format allows it."""
        return self.unpacked()[0]

    @property
    def preamble(self) -> tuple[str, ...]:
        """Text that precedes the fields, line by line (the catalogue page as scraped), kept verbatim."""
        return self.unpacked()[1]

    def unpacked(self) -> tuple[tuple[Field, ...], tuple[str, ...]]:
        """``(fields, preamble)``, unpacked once for both (the full-record view)."""
        held = self._held
        if isinstance(held, bytes):
            from .packing import unpack_body
            return unpack_body(held)
        return held

    @property
    def body(self) -> bytes:
        """The fields and the preamble packed: the same bytes for the same fields and preamble."""
        held = self._held
        if isinstance(held, bytes):
            return held
        from .packing import pack_body  # here: packing imports this module
        return pack_body(*held)

    def packed(self) -> Record:
        """The same record holding its fields packed (itself when it does)."""
        return self if type(self._held) is bytes else Record.from_body(self.format, self.where, self.body)

    def values(self, name: str) -> tuple[str, ...]:
        """All values of every field called ``name``."""
        return tuple(v for f in self.fields if f.name == name for v in f.values)

    def first(self, name: str) -> str:
        """The first value of field ``name``, or ``""``."""
        for f in self.fields:
            if f.name == name and f.values:
                return f.values[0]
        return ""

    def line_of(self, name: str) -> int:
        for f in self.fields:
            if f.name == name:
                return f.line
        return self.where.line

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self.format == other.format and self.where == other.where and (
            self._held == other._held if type(self._held) is type(other._held) else self.body == other.body)

    def __hash__(self) -> int:
        return hash((self.format, self.where, self.body))

    def __repr__(self) -> str:
        return f"Record({self.format!r}, {self.where!r}, {self.fields!r}, {self.preamble!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled packed (the reading worker hands its articles back pickled when the build keeps no cache)."""
        return Record.from_body, (self.format, self.where, self.body)


class FieldIndex:
    """A record's ``first`` and ``values`` answered from one pass over its fields: for a reader that asks a record
    many questions (each Record.first walks the fields from the start)."""

    __slots__ = ("_first", "_values")

    def __init__(self, record: Record) -> None:
        values: dict[str, tuple[str, ...]] = {}
        first: dict[str, str] = {}
        for f in record.fields:
            if f.values:
                first.setdefault(f.name, f.values[0])
            values[f.name] = values[f.name] + f.values if f.name in values else f.values
        self._first = first
        self._values = values

    def first(self, name: str) -> str:
        """As ``Record.first``."""
        return self._first.get(name, "")

    def values(self, name: str) -> tuple[str, ...]:
        """As ``Record.values``."""
        return self._values.get(name, ())


@dataclass(frozen=True, slots=True)
class Person:
    """An author as one source names them."""

    name: str
    """The name as shown: "Family, Given" for people, the whole name for a group."""
    family: str = ""
    given: str = ""
    suffix: str = ""
    orcid: str = ""

    @property
    def display(self) -> str:
        """"Given Family" reading order, as a byline shows it. A title that ends in a particle comes before the
        family name, whose place catalogues give it when they invert the name: MARC's "Beaulieu, Sébastien de
        Pontault, sieur de" is "Sébastien de Pontault sieur de Beaulieu" (without the comma of "…Pontault, sieur
        de Beaulieu", which a list of names would take for the end of the name)."""
        if not self.family:
            return self.name
        if written_family_first(self.family, self.given):
            # "王, 小明" is 王小明: Chinese, Japanese and Korean names in their own script are written family name
            # first, without a space (JATS's name-style="eastern").
            return "".join((self.family, self.given)) + (f" {self.suffix}" if self.suffix else "")
        if self.suffix.rpartition(" ")[2] in _particles():
            return " ".join(p for p in (self.given, self.suffix, self.family) if p)
        return " ".join(p for p in (self.given, self.family, self.suffix) if p)


_FAMILY_FIRST_SCRIPTS = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3005\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf"
                                   "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")
"""Letters of the scripts whose names are written family name first: Han (Chinese characters, kanji, hanja),
hiragana, katakana and hangul."""


def written_family_first(family: str, given: str) -> bool:
    """Whether a name is written in a script whose names put the family name first: "王, 小明", "園田", "김", "山田,
    ハナ" (a name in Latin letters, "Wang", is not: its order is the record's); not one whose family name is in
    katakana alone, which is how Japanese writes a foreigner's name, given name first ("ジョン・スミス")."""
    return (_in_family_first_script(family) and _KATAKANA.fullmatch(family) is None
            and (not given or _in_family_first_script(given)))


def _in_family_first_script(text: str) -> bool:
    return not text.isascii() and _FAMILY_FIRST_SCRIPTS.search(text) is not None


_KATAKANA = re.compile("[\u30a0-\u30ff\uff65-\uff9f ]+")


@functools.cache
def _particles() -> frozenset[str]:
    """normalize.PARTICLES, imported when first asked for (normalize imports this module); once: a byline asks
    for each of its names."""
    from .normalize import PARTICLES  # noqa: PLC0415

    return PARTICLES


@dataclass(frozen=True, slots=True)
class Section:
    """A labelled part of a description ("BACKGROUND", "SIMPLE SUMMARY"); the label is "" when there is none."""

    label: str
    text: str
    """Held as UTF-8 where that is smaller, by speedups.py's ``compact_text``: an abstract is a model's largest
    text."""
    lang: str = ""
    """The BCP 47 tag of the language it is written in, when the record says so reliably (JATS ``xml:lang``);
    "" when it does not."""
    styles: Styles = ()
    """The text's inline styles (styles.py): italic, superscript … as the record marks them; () for none."""


@dataclass(frozen=True, slots=True)
class Language:
    """A language a work is written in, with the name and codes each output needs (``languages.py`` makes it)."""

    name: str
    """Its English name ("Spanish", "Norwegian Bokmål"), for pages, BibTeX and RIS; the record's own words when
    they name no language."""
    tag: str = ""
    """BCP 47 ("es", "pt-BR"), for HTML ``lang``, ``citation_language``, schema.org and CSL; "" for no language."""
    bibliographic: str = ""
    """ISO 639-2/B ("spa", "ger"), for MEDLINE's ``LA``; "" for no language."""


@dataclass(frozen=True, slots=True)
class OtherAbstract:
    """The work's abstract in another language, given beside ``Article.abstract``: PubMed XML's
    ``<OtherAbstract Language="spa">``, MEDLINE's OAB with its OABL, JATS ``<trans-abstract xml:lang="pt">``,
    SciELO's "RESUMO …" after its "ABSTRACT …"."""

    language: Language
    """The language it is written in; with no name when the record does not say."""
    sections: tuple[Section, ...]
    """Its labelled parts as printed, each marked with the language's tag."""


@dataclass(frozen=True, slots=True)
class Link:
    """An outbound link; the url has passed the scheme allow-list."""

    label: str
    url: str


@dataclass(frozen=True, slots=True)
class MeshQualifier:
    """A MeSH qualifier (subheading) of a heading, as MEDLINE's "/metabolism" or PubMed XML's QualifierName."""

    name: str
    major: bool = False
    """The descriptor with this qualifier is a major topic of the work (MEDLINE's "/*metabolism",
    ``MajorTopicYN="Y"``)."""


@dataclass(frozen=True, slots=True)
class MeshHeading:
    """A Medical Subject Heading NLM's indexers gave the work: MEDLINE's ``MH  - *Oryza/metabolism``, PubMed
    XML's ``MeshHeading``. Never an author's keyword (``Article.keywords``)."""

    descriptor: str
    major: bool = False
    """The descriptor itself is a major topic (MEDLINE's leading "*", ``MajorTopicYN="Y"`` on DescriptorName)."""
    qualifiers: tuple[MeshQualifier, ...] = ()
    """Its qualifiers in the record's order."""

    @property
    def any_major(self) -> bool:
        """The descriptor, or the descriptor with one of its qualifiers, is a major topic."""
        return self.major or any(q.major for q in self.qualifiers)


@dataclass(frozen=True, slots=True)
class Summary:
    """The club's own summary of an article, from a Markdown file in content/summaries/."""

    html: str
    """The body as safe HTML (raw HTML escaped, links through the allow-list)."""
    where: SourceSpan
    by: str = ""
    """The reviewer, as the front matter names them."""
    date: str = ""
    """``YYYY[-MM[-DD]]`` or ""."""
    verdict: str = ""
    """One short line that lists show beside the title."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Another record that PubMed links to this one: the notice that retracts it, an erratum, an expression of
    concern, an update, a comment; or, on a notice's own record, the article it retracts or corrects."""

    kind: str
    """PubMed's name for the link (``NOTICE_KINDS``): "RetractionIn", "ErratumIn", "RetractionOf"…"""
    citation: str = ""
    """The linked record's citation as the record gives it ("Lancet. 2010 Feb 6;375(9713):445."); "" when the
    record says only that the work is retracted (PubMed's publication type "Retracted Publication")."""
    pmid: str = ""
    """The linked record's PMID (digits), when given."""
    doi: str = ""
    """The DOI the citation names, when it names one."""


NOTICE_KINDS = {"RetractionIn": "RIN", "ExpressionOfConcernIn": "ECI", "CorrectedandRepublishedIn": "CRI",
                "ErratumIn": "EIN", "UpdateIn": "UIN", "RepublishedIn": "RPI", "CommentIn": "CIN",
                "RetractionOf": "ROF", "ExpressionOfConcernFor": "ECF", "CorrectedandRepublishedFrom": "CRF",
                "ErratumFor": "EFR", "UpdateOf": "UOF", "RepublishedFrom": "RPF", "CommentOn": "CON"}
"""The links between records that an article keeps (``Article.notices``), by PubMed XML's ``RefType``, with
MEDLINE's tag for each (NLM's MEDLINE/PubMed data element descriptions), in the order pages list them: what befell
the work first, then what the work itself is a notice for."""

RETRACTED_TYPE = "Retracted Publication"
"""The publication type PubMed gives a retracted article (the notice's own record is a "Retraction of
Publication")."""

NOTICE_NOTES = {"RetractionIn": "Retraction in", "ExpressionOfConcernIn": "Expression of concern in",
                "CorrectedandRepublishedIn": "Corrected and republished in", "ErratumIn": "Erratum in",
                "UpdateIn": "Update in", "RepublishedIn": "Republished in", "CommentIn": "Comment in",
                "RetractionOf": "Retraction of", "ExpressionOfConcernFor": "Expression of concern for",
                "CorrectedandRepublishedFrom": "Corrected and republished from", "ErratumFor": "Erratum for",
                "UpdateOf": "Update of", "RepublishedFrom": "Republished from", "CommentOn": "Comment on"}
"""How PubMed's pages name each link, and the RIS, BibTeX and CSL-JSON downloads write a notice in their notes
("Retraction in: Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807"), which the readers read back."""


_WARNING_KINDS = ("RetractionIn", "ExpressionOfConcernIn")


UNTITLED = "Untitled record"
"""The title a page shows for a record that gives none (its reader reports it): never joined with another work
by title."""

CONTAINED_KINDS = frozenset({"paper-conference", "chapter", "entry-dictionary", "entry-encyclopedia"})
"""The kinds of work (``Article.kind``) that a book, a proceedings or a reference work holds: their
``container``."""

PERIODICAL_KINDS = frozenset({"", "article", "article-journal", "article-magazine", "article-newspaper", "review",
                              "review-book", "post", "post-weblog", "webpage"})
"""The kinds of work that a journal, magazine, newspaper, blog or website carries: ``journal`` names it, and
citations cite the work by it. Every other kind stands on its own (a book, report, data set, generic work),
and a ``journal`` beside it is its series."""

LEGAL_KINDS = frozenset({"legal_case", "bill", "legislation", "regulation"})
"""Kinds of work that stand on their own but are cited by the reporter or code that prints them (RIS T2, CSL's
container-title): their ``journal``."""

RIS_SERIES_EDITOR_KINDS = CONTAINED_KINDS | {"map", "report"}
"""The kinds whose RIS A3 (the specification's "author series") names the editors of the series
(``Article.series_editors``), as Zotero's RIS translator writes a chapter's, a paper's, an entry's and a map's (and
wrote a report's); the RIS reader reads A3 and the export writes it for these only. Not a book's: Zotero, after
EndNote, writes a book's editors in A3 (and its series' editors in A2, which the specification and Scopus give
its editors); a thesis's A3 is a contributor to Zotero, a film's a producer, a bill's a cosponsor."""

RIS_A4_NOT_TRANSLATORS = frozenset({"legal_case", "paper-conference", "motion_picture", "dataset"})
"""The kinds whose RIS A4 (the specification's "subsidiary author", Zotero's translator) names someone else:
a case's counsel, a conference paper's, a film's or a data set's contributors (Zotero's RIS translator)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One work, typed for the pages. Text values are plain text (escaped at render time)."""

    id: str
    """The source's identifier, e.g. ``pubmed-8699378``."""
    title: str
    title_styles: Styles = ()
    """The title's inline styles (styles.py): "<i>in vitro</i>", "KRAS<sup>G12C</sup>"; () for none."""
    title_lang: str = ""
    """The BCP 47 tag of the title's language when the record says it reliably (JATS ``xml:lang``, PubMed's
    English ``ArticleTitle`` or its ``VernacularTitle`` in the article's language, the catalogue's language
    field); "" when it does not. Record text keeps its own language on a page in another."""
    authors: tuple[Person, ...] = ()
    et_al: bool = False
    """The record's author list ends in "et al." (BibTeX's ``others``): it names only some of the authors."""
    journal: str = ""
    """The journal's title as the record prints it ("eLife", "Journal of biomedical informatics")."""
    journal_abbrev: str = ""
    """Its abbreviation when the record gives one apart (MEDLINE TA, JATS nlm-ta, RIS J2): what styles that cite
    journals abbreviated print ("J Biomed Inform")."""
    date: str = ""
    """Publication date, the issue's (MEDLINE DP, not DEP), as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; for a
    period ("2014 Nov-Dec") its start; "" when unknown. The year index files the article under its year."""
    date_printed: str = ""
    """The publication date as printed when ISO cannot hold it ("2014 Nov-Dec", "2018 Spring"); "" otherwise."""
    epub_date: str = ""
    """Date of electronic publication when the record gives one apart from ``date`` (MEDLINE DEP, PubMed
    ArticleDate, JATS epub), ISO; PubMed shows it as "Epub 2013 Oct 28"."""
    online_only: bool = False
    """Published online only, then gathered into the issue of ``date`` (PubMed's "epublish", an eCollection):
    references cite ``epub_date`` as the date of publication, as PubMed does."""
    publisher: str = ""
    place: str = ""
    """Where the work was published, as the record names it ("New York", "Cham"): a book's, a chapter's book's, a
    report's or a thesis's city (RIS CY, BibTeX ``address``, CSL ``publisher-place``); "" for a work a periodical
    carries (``PERIODICAL_KINDS``), whose records name the journal's country there."""
    edition: str = ""
    """The edition as the record names it ("3rd ed.", "2", "Second edition"): a book's, a chapter's book's, a
    report's (RIS ET, BibTeX ``edition``, CSL ``edition``, a catalogue's MARC 250); "" for a work a periodical
    carries (EndNote writes a journal article's electronic publication date in ET)."""
    languages: tuple[Language, ...] = ()
    formats: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    pmid: str = ""
    pmcid: str = ""
    """With its ``PMC`` prefix."""
    doi: str = ""
    lay_summary: tuple[Section, ...] = ()
    """The author's plain-language summary ("SIMPLE SUMMARY"), when the record has one."""
    abstract: tuple[Section, ...] = ()
    rights: str = ""
    """Copyright and licence statements as the record gives them, one a line."""
    licence_url: str = ""
    links: tuple[Link, ...] = ()
    """Other links the record gives (full text, catalogue), already allowed by scheme."""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    """The page range as the record prints it ("751-7"): what the record calls pages (or gives in a field that
    holds either, PubMed's MedlinePgn, JATS ``fpage``); named as every citation format and the templates name it (a
    page of the site is a plan.pages.Page)."""
    article_number: str = ""
    """The number that stands for pages for an article published without them (an eLocator: PLOS "e0123456",
    Microbiology "001312"), as its record names it (Crossref ``article-number``, Scopus "Art. No.", RIS C7, MEDLINE
    LID); beside ``pages`` when a record gives both."""
    keywords: tuple[str, ...] = ()
    """Keywords and subject terms as the record gives them (an author's, a database's); never NLM's MeSH headings
    of a MEDLINE or PubMed record, which are ``mesh``."""
    kind: str = ""
    """What the work is, in CSL's words ("paper-conference", "chapter", "book", "thesis", "report", "document"
    for a generic work, "dataset", "webpage"…); "" for a journal article, or when the record does not say."""
    container: str = ""
    """The book or the proceedings that hold the work (a chapter's book title, a conference paper's proceedings);
    a journal is ``journal``. Only the kinds in ``CONTAINED_KINDS`` have one."""
    editors: tuple[Person, ...] = ()
    """The editors of the book or proceedings that hold a chapter or a paper, or of a book or other work that stands
    on its own (an edited book), in the record's order: CSL's ``editor``, with the same meaning (RIS ED and A2,
    BibTeX ``editor``). Never authors: they get no author page. None for a work a periodical carries."""
    translators: tuple[Person, ...] = ()
    """Who translated the work, in the record's order: CSL's ``translator`` (BibTeX ``translator``, RIS A4 where
    the type gives it that meaning). Never authors."""
    series_editors: tuple[Person, ...] = ()
    """The editors of the series the work, or the book that holds it, belongs to (``journal`` names the series of
    a work that stands on its own): CSL's ``collection-editor`` (RIS A3 where the type gives it that meaning).
    Never authors."""
    container_authors: tuple[Person, ...] = ()
    """The authors of the book or proceedings that hold a chapter or a paper, named apart from the work's own: Web
    of Science's GP, "Book Group Author(s)" ("IEEE", "ASME" for a paper in their proceedings). CSL's
    ``container-author``. Never the work's authors: they get no author page."""
    notices: tuple[Notice, ...] = ()
    """Records linked to this one (``Notice``): retraction, expression of concern, errata, updates, comments; in
    the record's order."""
    summary: Summary | None = None
    """The club's own summary, when content/summaries/ has one for this work."""
    author_spellings: tuple[tuple[str, ...], ...] = ()
    """For a work merged from several sources: per byline position, how the other sources write that author
    ("Cazzato RL", "Cazzato, R. L."), so the author's page can list every form seen."""
    journal_names: tuple[str, ...] = ()
    """For a journal article merged from several sources: the other names they give its journal, titles and
    abbreviations, from sources with an ISSN in common ("Nordic Studies on Alcohol and Drugs" beside PubMed's
    "Nordisk alkohol- & narkotikatidskrift : NAT"), so that the journal has one page."""
    journal_sources: tuple[str, ...] = ()
    """For a work merged from several sources: the journal each of them names (``journal``), one a source and
    repeats kept, so that the journal's page is headed by the name most records give it."""
    mesh: tuple[MeshHeading, ...] = ()
    """NLM's MeSH headings (MEDLINE MH, PubMed XML MeshHeadingList) in the record's order, apart from the authors'
    ``keywords`` (MEDLINE OT, PubMed XML KeywordList)."""
    publication_types: tuple[str, ...] = ()
    """Every publication type the record gives, in its order (MEDLINE PT, PubMed XML PublicationType: "Journal
    Article", "Review", "Research Support, Non-U.S. Gov't"); ``topics`` and ``kind`` are decided from them."""
    records: tuple[Record, ...] = field(default=(), compare=False)
    """The records this article was made from, for the full-record view."""
    original_title: str = ""
    """The title in the work's own language when ``title`` is a translation of it (MEDLINE TT, PubMed XML's
    ``VernacularTitle`` beside its English ``ArticleTitle``, Scopus's title in the original language)."""
    original_title_lang: str = ""
    """Its BCP 47 tag when the record says the work's language; "" when it does not."""
    translated_titles: tuple[tuple[str, str], ...] = ()
    """The title translated into other languages, as the record gives them beside ``title`` (JATS
    ``<trans-title-group xml:lang="pt"><trans-title>``), in its order: each as written, with its BCP 47 tag ("" when
    the record does not say). Plain pairs, as ``model.packing`` keeps an article's values."""
    other_abstracts: tuple[OtherAbstract, ...] = ()
    """The abstract in other languages (``OtherAbstract``), one per language, in the record's order; ``abstract``
    is the record's main one."""
    issns: tuple[str, ...] = ()
    """The ISSNs of the journal or series the work is in, print and electronic alike, in the record's order, each
    once (compared without hyphens); as written ("1932-6203", "19490976"), a malformed one too
    (``identifiers.standard_numbers``)."""
    issn_types: tuple[str, ...] = ()
    """What each of ``issns`` is, in the same order, when the record says (PubMed XML's ``IssnType``, MEDLINE's
    "IS  - 1476-4687 (Electronic)", JATS's ``pub-type``): "print", "electronic", "linking" (the ISSN-L), several
    parted by a space ("print linking"), "" for one it does not say of; () when it says of none."""
    isbns: tuple[str, ...] = ()
    """The ISBNs of the book the work is or is in, ISBN-10 and ISBN-13 each as written, in the record's order, each
    once (compared without hyphens)."""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def exact_date(self) -> str:
        """``date`` as far as the record states it exactly: a period printed as "2014 Nov-Dec" gives its year."""
        return self.year if self.date_printed else self.date

    @property
    def retracted(self) -> bool:
        """A notice retracts the work (PubMed's "Retraction in", or its type "Retracted Publication")."""
        return any(n.kind == "RetractionIn" for n in self.notices)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """The notices a page shows beside the title: retractions, then expressions of concern."""
        return tuple(n for kind in _WARNING_KINDS for n in self.notices if n.kind == kind)

    @property
    def other_notices(self) -> tuple[Notice, ...]:
        """Every other notice (errata, updates, comments, and what a notice's own record retracts or corrects), in
        the order of ``NOTICE_KINDS``."""
        return tuple(n for kind in NOTICE_KINDS if kind not in _WARNING_KINDS for n in self.notices if n.kind == kind)

    @property
    def where(self) -> SourceSpan:
        return self.records[0].where if self.records else SourceSpan("")
