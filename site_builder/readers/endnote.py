"""Reader for EndNote's tagged export (``.enw``, the "refer" style): PubMed, Web of Science, Google Scholar, library
catalogues and publishers offer it, and EndNote writes it.

A sample (a record is a run of lines, each field a ``%`` and a one-character tag, a space and the value; a tag may
repeat; a line without a tag continues the value above it; a blank line ends the record)::

    %0 Journal Article
    %T Nanometre-scale thermometry in a living cell
    %A Kucsko, G.
    %A Centers for Disease Control and Prevention,
    %J Nature
    %V 500
    %N 7460
    %P 54-58
    %D 2013
    %8 August 1
    %@ 0028-0836
    %R 10.1038/nature12373
    %X Sensitive probing of temperature variations on nanometre scales …
    %K diamond; thermometry

``%0`` names the kind of work (EndNote's reference type) and starts a record, also where no blank line comes
before it, unless all the record has so far is its title: the AIS eLibrary writes ``%T`` first, then ``%0``.
A name is "Family, Given" or as the record writes it; a name that ends in a comma is a group (EndNote's rule
for a corporate author). What a tag means depends on the kind: ``%B`` is a chapter's book, a
paper's proceedings, a book's series, a thesis's department and (Google Scholar) a journal article's journal;
``%7`` is a journal article's electronic date and a book's edition; ``%N`` an article's issue. Every field is kept
as written, with its line, for the full-record view, whatever its tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Field, Person, Record, Section
from ..model.normalize import clean, parse_person, unique_folded
from ..model.sections import split_heading_lines, split_lay_summary
from . import shared
from .catalogue import split_lines

FORMAT = "endnote"

_TAG_LINE = re.compile(r"%([0-9A-Za-z@!#$&()*+^<>\[\]=~?])(?:[ \t](.*))?\Z", re.S)
"""``%A Family, Given``: a tag of one letter, digit or mark, then a space (or a tab) and the value; or the tag
alone (no value)."""
_KEY_LINE = re.compile(r"^%[0ATD](?:[ \t\r]|$)", re.M)
"""A line that (nearly) every record has: its kind of work, an author, its title or its year."""
START = "%0"


def sniff(head: str) -> bool:
    """Does the start of a file look like EndNote tagged: a tag line first, and a ``%0``, ``%A``, ``%T`` or ``%D``
    line among the first lines?"""
    start = head.lstrip("\ufeff \t\r\n")
    first = start.split("\n", 1)[0].rstrip("\r")
    return _TAG_LINE.match(first) is not None and _KEY_LINE.search(start) is not None


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in one EndNote tagged file, and the problems found (the rest of the file is still read)."""
    records: list[Record] = []
    problems: list[Diagnostic] = []
    fields: list[tuple[str, list[str], int]] = []
    start = 0
    stray: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal fields
        if len(fields) == 1 and fields[0][0] == START and len(fields[0][1]) == 1:
            problems.append(Diagnostic(Level.WARNING, SourceSpan(path, start), (
                f"a '%0 {clean(fields[0][1][0])}' line with no fields after it (the kind of work of a record "
                "that holds nothing else); not read as a record")))
        elif fields:
            records.append(Record(FORMAT, SourceSpan(path, start),
                                  tuple(Field(tag, tuple(values), line) for tag, values, line in fields)))
        fields = []

    for number, line in enumerate(split_lines(text.removeprefix("\ufeff")), start=1):
        m = _TAG_LINE.match(line)
        if m is None and not line.strip():
            close()
        elif m is None and fields:
            fields[-1][1].append(line)
        elif m is None:
            stray.append((number, line))
        else:
            tag = "%" + m.group(1)
            if tag == START and fields and [t for t, _, _ in fields] != ["%T"]:
                close()
            if not fields:
                start = number
            fields.append((tag, [m.group(2) or ""], number))
    close()
    if stray:
        problems.append(Diagnostic(Level.WARNING, SourceSpan(path, stray[0][0]), (
            f"{len(stray)} line(s) outside any record (a record starts with a tag line such as '%0 Journal "
            "Article' or '%T Title'); not read")))
    if not records and not problems:
        problems.append(Diagnostic(Level.ERROR, SourceSpan(path, 1),
                                   "no records: a record starts with a line such as '%0 Journal Article'"))
    return records, problems


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

# What an EndNote reference type (%0) says the work is, in CSL's words (Article.kind; "" a journal article), as
# the RIS reader reads the RIS type EndNote writes for it. A type not listed reads as a journal article.
_KINDS = {
    "journal article": "", "electronic article": "", "magazine article": "article-magazine",
    "newspaper article": "article-newspaper", "book": "book", "edited book": "book", "electronic book": "book",
    "serial": "book", "book section": "chapter", "electronic book section": "chapter",
    "conference paper": "paper-conference", "conference proceedings": "paper-conference", "thesis": "thesis",
    "conference": "paper-conference",  # JabRef's EndNote XML export names a BibTeX @conference so
    "report": "report", "government document": "report", "generic": "document", "catalog": "document",
    "equation": "document", "grant": "document", "manuscript": "manuscript", "unpublished work": "manuscript",
    "web page": "webpage", "electronic source": "webpage", "blog": "post-weblog", "computer program": "software",
    "dataset": "dataset", "online database": "dataset", "aggregated database": "dataset", "patent": "patent",
    "map": "map", "chart or table": "figure", "figure": "figure", "film or broadcast": "motion_picture",
    "audiovisual material": "motion_picture", "online multimedia": "motion_picture",
    "personal communication": "personal_communication", "case": "legal_case", "bill": "bill",
    "statute": "legislation", "legal rule or regulation": "regulation", "hearing": "hearing",
    "dictionary": "entry-dictionary", "encyclopedia": "entry-encyclopedia", "ancient text": "classic",
    "classical work": "classic", "artwork": "graphic", "music": "musical_score", "pamphlet": "pamphlet",
    "standard": "standard", "interview": "interview", "press release": "article-newspaper",
    "audio": "song",  # a library catalogue's podcast or sound recording ("%0 Audio"), as Zotero's Refer reads it
}
_YEAR = re.compile(r"\d{4}")
_WORDS = re.compile(r"[^\W\d_]+")
_SLASHED = re.compile(r"(\d{4})[/-](\d{1,2})(?:[/-](\d{1,2}))?\Z")
_WRITTEN_OUT = (re.compile(r"(?P<month>[^\W\d_]+)\.? (?P<day>\d{1,2}),? (?P<year>\d{4})\Z"),
                re.compile(r"(?P<day>\d{1,2}) (?P<month>[^\W\d_]+)\.?,? (?P<year>\d{4})\Z"))
"""A whole date in words, as the AIS eLibrary writes %8: "September 1, 2021"; or "1 September 2021"."""
_OWN_YEAR = re.compile(r"(?<=[\s.,/\-\u2013])\d{4}\Z")
"""The year that ends a date after its other parts ("18-20 June 2012", "11. - 16.6.2005"; not "c2015")."""
_MONTH_YEAR = re.compile(r"(?P<month>[^\W\d_]+)\.?,? (?P<year>\d{4})\Z")


# The reference types whose %@ EndNote names for the work's own number ("Report Number", "Patent Number"), as
# Zotero's EndNote XML translator reads it: the Berlin Centre of Competence for Water's reports give "PREPARED
# 2011.009" and "COSMA-1, D 1.2" there, which are no ISBNs (an ISBN or ISSN there is still read as one).
_OWN_NUMBER = frozenset({"report", "patent"})


def kind_of(work_type: str) -> str:
    """The kind of work (Article.kind) an EndNote reference type names ("Book Section" → "chapter")."""
    return _KINDS.get(" ".join(work_type.split()).casefold(), "")


class Tags:
    """A record's values by tag; a field's continuation lines are further lines of its value."""

    def __init__(self, fields: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """``fields``: (tag, lines of its value) in the record's order."""
        self.by_tag: dict[str, list[tuple[str, ...]]] = {}
        for tag, values in fields:
            self.by_tag.setdefault(tag, []).append(values)

    def lines(self, tag: str) -> list[str]:
        """Every non-blank line of every field ``tag``, in file order."""
        return [v for values in self.by_tag.get(tag, []) for v in values if v.strip()]

    def text(self, *tags: str) -> str:
        """The first field of ``tags`` with any text, its lines joined into one text."""
        for tag in tags:
            for values in self.by_tag.get(tag, []):
                if joined := clean(" ".join(values)):
                    return joined
        return ""


def _person(name: str) -> Person:
    """ "Family, Given" (and "Family, Given, Suffix"); a name that ends in a comma is a group, as EndNote reads it
    ("Centers for Disease Control and Prevention,"); any other name as the record writes it."""
    name = clean(name)
    if name.endswith(","):
        return Person(name=name.rstrip(", "))
    return parse_person(name)


def _people(tags: Tags, tag: str) -> tuple[Person, ...]:
    return tuple(_person(name) for name in tags.lines(tag) if clean(name).strip(","))


def _authors(tags: Tags) -> tuple[tuple[Person, ...], bool]:
    """The authors (%A), and whether the list ends in "et al.": typed as a last author, EndNote writes it "et al."
    or "et, a. l." (its BibTeX export of such a record), which is no author; typed after the last author
    ("%A Smith, J., et al."), it is no part of that author's name."""
    names, et_al = shared.et_al_apart(name for name in tags.lines("%A") if clean(name).strip(","))
    return tuple(_person(name) for name in names), et_al


def _published(tags: Tags, periodical: bool) -> dates.Published:
    """The date from %D (the year, or a whole date) and %8 (the rest of it: "August 1", "Mar", "2016-03-15",
    "2019/03/12"); what ISO cannot hold ("Jan-Feb", "Spring") is kept as printed. A journal article's %7 is its
    electronic date."""
    year_text, rest = tags.text("%D"), tags.text("%8")
    year = m.group() if (m := _YEAR.search(year_text)) else ""
    issue = _date(year_text, "") if year_text.strip() != year else dates.PrintedDate(dates.from_parts(year))
    if issue.iso[:4] != year or not issue.iso:  # "c2015", "[1995?]", "Dec 2019", "in press"
        issue = shared.printed_date(year_text)
    if rest:
        more = _date(rest, year)
        if more.iso[:4] == year or not year:
            issue = more if len(more.iso) >= len(issue.iso) or more.printed else issue
    epub = _date(tags.text("%7"), "").iso if periodical else ""
    return dates.published(issue, epub)


def _date(text: str, year: str) -> dates.PrintedDate:
    """A date as EndNote's fields print it, in ``year`` when it names none."""
    text = clean(text)
    if not text:
        return dates.PrintedDate("")
    if m := _SLASHED.match(text):
        return dates.PrintedDate(dates.from_parts(m.group(1), m.group(2), m.group(3) or ""))
    for written_out in _WRITTEN_OUT:
        if (m := written_out.match(text)) and dates.month_number(m["month"]):
            return dates.PrintedDate(dates.from_parts(m["year"], m["month"], m["day"]))
    if _YEAR.match(text):
        return dates.read_printed(text)
    if own_year := _OWN_YEAR.search(text):
        return _with_own_year(text, own_year.group())
    if not year:
        return dates.PrintedDate("")
    # "August 1" → "2013 August 1"; "Jan-Feb" → "2013 Jan-Feb" (printed); free text ("in press") says no more
    if not all(dates.month_number(w) or dates.season_name(w) for w in _WORDS.findall(text)):
        return dates.PrintedDate(year)
    found = dates.read_printed(f"{year} {text}")
    return found if found.iso[:4] == year else dates.PrintedDate(year)


def _with_own_year(text: str, year: str) -> dates.PrintedDate:
    """A date that names its year after its other parts, as a conference's dates are written in %8 ("18-20 June
    2012", "June, 2012", "Oktober 2016"): a month and year read, anything else as printed, in the year it names
    (%D's year is not put before it: KWB's EndNote library showed "2012 18-20 Jun 2012")."""
    if (m := _MONTH_YEAR.match(text)) and dates.month_number(m["month"]):
        return dates.PrintedDate(dates.from_parts(m["year"], m["month"]))
    return dates.PrintedDate(year, text)


def _pmcid(custom2: str) -> str:
    """The PMC id in %2 when it is written as one ("PMC4969081", as PubMed writes it): %2 is Custom 2, the PMCID of
    a journal article but another field in other types (a Conference Proceedings' Year Published: KWB's EndNote
    library's "2011" was shown as "PubMed Central PMC2011", and made the record's id "pubmed-2011")."""
    return ids.pmcid_from(custom2) if "pmc" in custom2.casefold() else ""


def _abstract(lines: list[str]) -> tuple[tuple[Section, ...], tuple[Section, ...], str]:
    """Lay summary, abstract sections and the copyright line at its end; a heading may have a line of its own."""
    if shared.has_headings(text := "\n".join(lines)):
        return shared.abstract(text)
    body, rights = shared.split_copyright(shared.strip_tags(text))
    lay, abstract = split_lay_summary(split_heading_lines(body.split("\n")))
    return lay, abstract, rights


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one EndNote record, and what it lacks."""
    fields = [(f.name, f.values) for f in record.fields]
    tags = Tags(_cnki_fields(fields) if any(clean(v) == "CNKI" for t, vs in fields if t == "%W" for v in vs)
                else fields)
    problems: list[Diagnostic] = []
    if not title_of(tags):
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   "record has no title (a '%T' line); shown as 'Untitled record'"))
    return tagged_article(tags, record, FORMAT), problems


# CNKI's EndNote export (its records end "%W CNKI") writes several people or keywords on one line, each after its
# own tag or in one tag parted by semicolons ("%A 蔺卿 %A 罗格平 %A 陈曦", "%A 郝国强;包蕾"), as Zotero's CNKI Refer
# translator reads them; and its issues and volumes with a leading zero ("%N 05").
_CNKI_TAG_IN_LINE = re.compile(r"\s+(?=%[KAYI] )")
_CNKI_PARTED = re.compile(r"\s*[;；，]\s*|,\s*(?=[\u4e00-\u9fff])")
_CNKI_LISTS = frozenset({"%A", "%Y", "%K", "%I"})


def _cnki_fields(fields: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """A CNKI record's fields with each person and keyword a field of its own, issues and volumes as numbers."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for tag, values in fields:
        if tag not in _CNKI_LISTS:
            out.append((tag, tuple(v.lstrip("0") or v if tag in ("%N", "%V") else v for v in values)))
            continue
        for value in values:
            for part in _CNKI_TAG_IN_LINE.split(value):
                own, text = (part[:2], part[3:]) if part[:1] == "%" else (tag, part)
                lists = own in ("%A", "%Y", "%K")  # a publisher's name may hold a comma
                out.extend((own, (name,)) for name in (_CNKI_PARTED.split(text) if lists else [text]) if name)
    return out


def title_of(tags: Tags) -> str:
    """The work's title (%T), else its short title (%!)."""
    return clean(shared.strip_tags(tags.text("%T", "%!")))


def tagged_article(tags: Tags, record: Record, fmt: str) -> Article:
    """The Article of a record whose fields ``tags`` gives by EndNote's tags (the XML export's too), its id made
    under the format ``fmt``."""
    kind = kind_of(tags.text("%0"))
    periodical = kind in PERIODICAL_KINDS
    title = title_of(tags)
    if kind in CONTAINED_KINDS:  # %B the book or proceedings, %S its series
        journal, container = tags.text("%S"), tags.text("%B")
    elif periodical:  # %J the journal (Google Scholar writes it as %B)
        journal, container = tags.text("%J", "%B"), ""
    elif kind == "thesis":  # %B is a thesis's "Academic Department" in EndNote, no series (the full record keeps it)
        journal, container = tags.text("%S", "%J"), ""
    else:  # %B (or %S) the series of a book, a report
        journal, container = tags.text("%B", "%S", "%J"), ""
    urls = tags.lines("%U")
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    doi = ids.doi_field(tags.text("%R")) or url_doi
    databases = [*tags.lines("%W"), *tags.lines("%~")]
    pmid = ids.pubmed_accession(tags.text("%M"), databases) or url_pmid
    pmc = _pmcid(tags.text("%2")) or url_pmc
    lay, abstract, rights = _abstract(tags.lines("%X"))
    when = _published(tags, periodical)
    issns, isbns = ids.issns_and_isbns(tags.lines("%@"), book=not periodical,  # %@: "ISSN/ISBN"
                                       own_number=" ".join(tags.text("%0").split()).casefold() in _OWN_NUMBER)
    authors, et_al = _authors(tags)
    return Article(
        id=shared.article_id(pmc, pmid, doi, tags.text("%M"), title, fmt),
        title=title or UNTITLED,
        authors=authors, et_al=et_al,
        journal=journal,
        journal_abbrev=tags.text("%O") if periodical else "",
        kind=kind, container=container,
        editors=() if periodical else _people(tags, "%E"),
        date=when.date, date_printed=when.printed, epub_date=when.epub,
        publisher=tags.text("%I"),
        place="" if periodical else tags.text("%C"),
        edition="" if periodical else tags.text("%7"),
        languages=languages.parse(tags.lines("%G")),
        topics=shared.review_topics(tags.lines("%9")),
        publication_types=unique_folded(clean(t) for t in tags.lines("%9")),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        links=shared.links(urls),
        # a thesis's %V is its "Degree" in EndNote (KWB's "Master", "PhD", "Diplom (BA)"), no volume
        volume="" if kind == "thesis" else shared.volume(tags.text("%V")),
        issue=tags.text("%N") if periodical else "",
        # a book's, a report's or a thesis's %P is its number of pages ("XX, 327"), not where the work is
        pages=shared.page_range(tags.text("%P")) if periodical or kind in CONTAINED_KINDS else "",
        # a journal article's Custom 7 ("%]") is its article number, as EndNote names that field for the type
        article_number=shared.page_range(tags.text("%]")) if periodical else "",
        keywords=shared.split_keywords(tags.lines("%K"), commas=False),
        notices=shared.notices_from_notes(tags.lines("%Z")),
        records=(record,),
        issns=issns, isbns=isbns,
    )
