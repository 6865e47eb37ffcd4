"""Readers for the CSV exports of reference managers, databases and screening tools, each a table of which of
its columns says what (``Columns``), read by one function (``Export.to_article``); tables.py reads the rows.

Zotero ("Export Collection…", "CSV"; a BOM, every value quoted)::

    "Key","Item Type","Publication Year","Author","Title","Publication Title","ISBN","ISSN","DOI","Url",
    "Abstract Note","Date",…,"Pages",…,"Issue","Volume",…,"Journal Abbreviation",…,"Manual Tags","Automatic Tags",…
    "YVC6GC78","journalArticle","2024","Yang, Z.; Jiang, B.; Xu, J.; McNamara, M.E.","Cellular structure of …",
    "Nature Communications","","2041-1723","10.1038/s41467-024-48400-3",…

Lens.org (scholarly works, "Export", CSV; CRLF line ends, names in reading order)::

    Lens ID,Title,Date Published,Publication Year,Publication Type,Source Title,ISSNs,Publisher,Source Country,
    Author/s,Abstract,Volume,Issue Number,Start Page,End Page,Fields of Study,Keywords,MeSH Terms,…,PMID,DOI,…
    000-463-679-101-319,The Value of Radiologic Interventions …,2012-07-03,2012,journal article,Molecular imaging
    and biology,…,Björn A. Blomberg; Mateen Moghbel; …

OpenAlex (the works search's "Download", CSV: one column per field of its API, lists parted by "|", an absent value
written "None" or "nan"; a "publication_date" on the 1st is a month or a year, as in its API JSON)::

    id,doi,title,display_name,relevance_score,publication_year,publication_date,language,type,…,
    authorships.author.display_name,authorships.author.orcid,…,biblio.volume,biblio.issue,biblio.first_page,…

Rayyan ("Export", CSV; names as BibTeX writes them, "Yang, Z. and Jiang, B.")::

    key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,abstract,notes,
    doi,keywords,pubmed_id,pmc_id

Covidence ("Export references", CSV)::

    Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,Accession Number,DOI,Ref,
    Covidence #,Study,Notes,Tags

Web of Science ("Export", "Excel", saved as CSV; the fields of its tagged format under their names)::

    Publication Type,Authors,Book Authors,Book Editors,Book Group Authors,Author Full Names,…,Article Title,
    Source Title,…,Language,Document Type,…,Author Keywords,Keywords Plus,Abstract,…,ORCIDs,…,Publication Date,
    Publication Year,Volume,Issue,…,Start Page,End Page,Article Number,DOI,…,Early Access Date,…,Pubmed Id,…,
    UT (Unique WOS ID)

Dimensions ("Export results", CSV; a line about the export above the header)::

    "About the data: Exported on Mar 01, 2024. Criteria: …"
    "Rank","Publication ID","DOI","PMID","PMCID","Title","Abstract",…,"Source title",…,"MeSH terms",
    "Publication Date","PubYear",…,"Volume","Issue","Pagination","Open Access","Publication Type",…,"Authors",…,
    "Times cited",…,"Dimensions URL",…

The Cochrane Library (CENTRAL's "Export", CSV)::

    CENTRAL ID,Author(s),Title,Source,Year,Abstract,Volume,Issue,Pages,Database Name,PubMed ID,Embase ID,…,
    Publication Type,Keywords,DOI,URL,Cochrane Review Group Code

EBSCOhost (CINAHL, APA PsycInfo…: "Export", CSV; an ISSN or a date written ``="19326203"`` so that Excel keeps
it as text, dates as the United States write them, "4/3/2024", or "Jun2023")::

    Article Title,Author,Journal Title,ISSN,ISBN,Publication Date,Volume,Issue,First Page,Page Count,
    Accession Number,DOI,Publisher,Doctype,Subjects,Keywords,Abstract,PLink

Embase (Embase.com's "Export", CSV; its search above the header, names "Yang Z.", dates "1 Dec 2024", an article
number only in "Source")::

    "SEARCH QUERY","dinosaur:ti"
    -------------------------------------

    "Title","Original Title","Author Names",…,"Source","Source title","Publication Year","Volume","Issue",
    "First Page","Last Page","Date of Publication","Publication Type",…,"Abstract",…,"Author Keywords",
    "Emtree Drug Index Terms (Major Focus)",…,"Medline PMID","PUI","DOI","Full Text Link","Embase Link",…

Embase's older export (before its citation was parted into columns; the fields chosen, its search not above the
header): the citation in "Source", the DOI only in the OpenURL link::

    Title,Original Title,Author Names,Correspondence Address,Editors,Source,Abstract,…,Open URL Link,Copyright
    "Duplication cysts: …",,"Liu R., Adler D.G.",…,Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication:
    2014,…,http://sfx.library.uu.nl/utrecht?sid=EMBASE&issn=22267190&id=doi:10.4103%2F2303-9027.138783&…,…

IEEE Xplore ("Export", "Citations", CSV; names initials first, "J. Smith; A. Nowak")::

    "Document Title","Authors","Author Affiliations","Publication Title","Date Added To Xplore","Publication Year",
    "Volume","Issue","Start Page","End Page","Abstract","ISSN","ISBNs","DOI","Funding Information","PDF Link",
    "Author Keywords","IEEE Terms",…,"Mesh_Terms",…,"Online Date","Issue Date","Meeting Date","Publisher",
    "Document Identifier"

Publish or Perish (Google Scholar's results, "Save as CSV"; names initials first, parted by commas; 0 for a
number it does not know)::

    Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,CitationURL,
    Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract,FullTextURL,RelatedURL

Google Scholar ("My library", "Export", CSV; every name followed by "; ", the last too)::

    Authors,Title,Publication,Volume,Number,Pages,Year,Publisher
    "Barrett, Paul M; Willis, Katherine J; ",Did dinosaurs invent flowers? …,Biological Reviews,76,3,411-447,2001,…

(each header one line in the file). Every column of every row is kept, with its line, for the full-record view;
the columns named here feed the article, each value as written (an OpenAlex "None" is no value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlsplit

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Notice, Person, Record
from ..model.normalize import clean, name_key, parse_person, unique
from . import openalex_json, shared, tables
from .plos_json import person as reading_order
from .pop_json import person as scholar_person  # Google Scholar's "NHA Bakar", initials first
from .ris import WOS_BOOKS, wos_kind
from .ris import _person as embase_person  # "Yang Z.": Embase's names, as its RIS export writes them
from .ris import _person as initials_first  # IEEE's "M. D. Fox", as its RIS export writes them


@dataclass(frozen=True)
class Columns:
    """Which column of an export says what ("" where it has none); a list of values in one column is parted by
    ``parted`` (authors, editors) or ``keywords_parted`` (keywords)."""

    title: str
    authors: str
    parted: str
    full_names: str = ""
    """The same authors with their given names (Web of Science's "Author Full Names"), taken when it has any."""
    book_authors: tuple[str, str] = ("", "")
    """The book's authors, short and full (Web of Science's "Book Authors", "Book Author Full Names"): a chapter's
    authors when it has no others (a chapter of a book one author wrote whole)."""
    groups: str = ""
    """Group authors, which the export lists apart after the people (Web of Science's "Group Authors", "HAPIN
    Investigators"); one the authors name too is not named twice."""
    book_groups: str = ""
    """The groups that wrote the book or proceedings that holds a work (Web of Science's "Book Group Authors",
    "IEEE"): its container's authors."""
    """Between two names: "; ", " and ", "|"."""
    name: Callable[[str], Person] = parse_person
    """A name as the export writes it: "Family, Given" (parse_person), or in reading order (Lens, OpenAlex)."""
    editors: str = ""
    orcids: str = ""
    """ORCID iDs (or their urls), one for each author in the same order."""
    named_orcids: str = ""
    """ORCID iDs by name, as Web of Science lists them ("Costa, Vladimir/0000-0003-3889-7514; …")."""
    year: str = ""
    date: str = ""
    """A date, ISO ("2024-02-01") or printed ("March 2020", "2014 Nov-Dec"); with ``early``, Web of Science's
    publication date ("DEC", "2024 OCT 9": shared.web_of_science_date)."""
    early: str = ""
    """Web of Science's early-access month ("OCT 2024")."""
    month: str = ""
    day: str = ""
    month_day: str = ""
    """The month and day in one, "03/30" (RefWorks's "Pub Date Free From"), or a month's name."""
    journal: str = ""
    """The journal; the book or proceedings of a work of ``CONTAINED_KINDS``."""
    abbrev: str = ""
    volume: str = ""
    issue: str = ""
    part: str = ""
    supplement: str = ""
    """The part and the supplement that Web of Science gives apart from the issue ("Part Number", "Supplement"):
    shown in the issue as NLM writes them (shared.web_of_science_issue)."""
    pages: str = ""
    first_page: str = ""
    last_page: str = ""
    page_count: str = ""
    """How many pages the work has from ``first_page`` on (EBSCOhost's "Page Count"): its last page."""
    article_number: str = ""
    """The number that stands for the pages of an article that has none."""
    citation: str = ""
    """A citation line that names the article number ("Article Number: 4063"), in Embase's "Source", when no
    column gives it."""
    doi: str = ""
    pmid: str = ""
    pmcid: str = ""
    extra: str = ""
    """Zotero's "Extra", whose lines may name a PMID ("PMID: 38580657") and a PMCID."""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    keywords_parted: str = ";"
    language: str = ""
    publisher: str = ""
    place: str = ""
    edition: str = ""
    linking_issn: str = ""
    """The column of the linking ISSN (OpenAlex's "primary_location.source.issn_l", its only ISSN in exports that
    leave out "primary_location.source.issn"), shown as such."""
    issns: tuple[str, ...] = ()
    eissns: tuple[str, ...] = ()
    """Columns of the electronic ISSN (Web of Science's "eISSN"), shown as such."""
    """Columns of ISSNs, several in one parted by ";" or "|" (Lens.org's "ISSNs", OpenAlex's)."""
    isbns: tuple[str, ...] = ()
    issn_or_isbn: str = ""
    """A column of either, told apart by their form (RefWorks's "ISSN/ISBN")."""
    kind: str = ""
    kinds: Mapping[str, str] = field(default_factory=dict)
    """The export's words for a kind of work (folded) → CSL's (a journal's article, "", when not listed); a value
    may name several, parted by ";" ("Article; Proceedings Paper"): the first listed counts."""
    kind_of: Callable[[str], str] | None = None
    """Instead of ``kinds``: the kind a value of ``kind`` names."""
    held_by: tuple[str, frozenset[str]] = ("", frozenset())
    kind_in: Callable[[str, str], str] | None = None
    """Instead of ``kinds``: the kind a value of ``kind`` names in a publication of the type ``held_by``'s column
    gives (Web of Science's "Article; Proceedings Paper" in a journal, J, is its article)."""
    """A column, and its values that say a book holds a chapter or a proceedings paper (Web of Science's
    "Publication Type" B or S): otherwise a journal does. Without a column, every such work is a book's."""
    series: str = ""
    """The series of the book that holds a work (Web of Science's "Book Series Title"): its journal."""
    urls: tuple[str, ...] = ()
    """Columns of links, several in one parted by spaces or "|"."""
    cited: str = ""
    """A citation line of journal, year, volume, issue, pages and date, whose parts the names of _CITED_PARTS read
    (Embase's older "Source", when its export had no columns of them)."""
    key: str = ""
    """The record's id in the export, for an article id when the work has no DOI nor PMID."""
    retracted: str = ""
    """A column that says "True" of a retracted work (OpenAlex's "is_retracted")."""
    absent: frozenset[str] = frozenset()
    """Values that stand for no value (OpenAlex's "None" and "nan")."""
    left_out: frozenset[str] = frozenset()
    """Names that stand for authors the export left out (Google Scholar's "..." in Publish or Perish's "C
    Kun‐Rodrigues, J Salmona, A Besolo, ..."): no author, the byline's "et al."."""
    month_first: bool = False
    """Dates in numbers are the United States' "4/3/2024", month first (EBSCO's)."""
    printed_first_is_no_day: bool = False
    """As ``first_is_no_day``, for a date printed the day first: Embase writes "1 Dec 2024" where it knows the month
    alone (108 of 172 dated records of a real plain-text export fall on a 1st) and "1 Jan 2026" where it may know
    the year alone, besides a year alone ("2010") and whole days ("19 Feb 2026")."""
    first_is_no_day: bool = False
    """The date's day is the 1st, and its month January, where its source gave none (OpenAlex's
    "publication_date": openalex_json.known_date)."""
    other_titles: tuple[str, ...] = ()
    """Columns of the title in another language, the first that has one taken when ``title`` is empty (Web of
    Science's "Article Title - Chinese" of a Korean Citation Index record that has no other)."""
    original_title: str = ""
    """The title in the work's own language beside ``title``'s translation (Embase's "Original Title")."""
    book: str = ""
    """The book or proceedings of a work of ``CONTAINED_KINDS`` when ``journal`` has none (RefWorks's T2)."""
    repeated: bool = False
    """A field may be repeated, one value each (a tagged export's A1 lines): its values are one list, parted by
    ``parted``."""
    running: bool = False
    """The abstracts run their headings into the text without a colon ("Introduction Diabetes monitoring …"),
    as Lens.org writes them (shared.sections)."""


@dataclass(frozen=True)
class Export:
    layout: tables.Layout
    columns: Columns
    prefix: str
    """Of the article id of a work with no DOI nor PMID."""

    @property
    def format(self) -> str:
        return self.layout.format

    def sniff(self, head: str) -> bool:
        return self.layout.sniff(head)

    def read(self, text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
        return self.layout.read(text, path)

    def to_article(self, record: Record) -> tuple[Article, list[Diagnostic]]:
        return to_article(record, self.columns, self.prefix)


def _values(record: Record, columns: Columns) -> Callable[[str], str]:
    """The first value of a column ("" for none, or a value that stands for none); a value written as an Excel
    formula so that a spreadsheet keeps it as text (EBSCO's ``="19326203"``) is that text. A name of
    ``_CITED_PARTS`` is that part of the citation line in ``columns.cited``."""
    def value(name: str) -> str:
        if not name:
            return ""
        if name in _CITED_PARTS:
            cited = _CITED.fullmatch(clean(value(columns.cited)))
            return (cited.group(_CITED_PARTS[name]) or "") if cited else ""
        found = columns.parted.join(record.values(name)) if columns.repeated else record.first(name)
        if m := _AS_TEXT.fullmatch(found.strip()):
            found = m.group(1).replace('""', '"')
        return "" if found.strip() in columns.absent else found
    return value


_AS_TEXT = re.compile(r'="((?:[^"]|"")*)"')
_CITED = re.compile(r"(?P<journal>.+?) \((?P<year>\d{4})\)(?: (?P<volume>[^\s:()]+)(?::(?P<issue>[^\s()]+))?)?"
                    r"(?: \((?P<pages>[^()]*)\))?\.?(?: Date of Publication: (?P<date>.+))?")
"""Embase's older citation line: "Cancer (2004) 102:4 (253-258). Date of Publication: 25 Aug 2004"."""
_CITED_PARTS = {f"({part})": part for part in ("journal", "year", "volume", "issue", "pages", "date")}
"""Names of the parts of a citation line (``Columns.cited``), given as if columns: "(journal)", "(year)"…"""
_CENTRAL_PUBMED = re.compile(r"\bPUBMED\s+(\d{1,8})\b")
"""The Cochrane Library's PubMed ID: "PUBMED 21314913"."""


def to_article(record: Record, columns: Columns, prefix: str) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one row of a table whose columns ``columns`` names, and what it lacks."""
    value = _values(record, columns)
    problems: list[Diagnostic] = []
    title = clean(shared.strip_tags(value(columns.title) or next(
        (found for name in columns.other_titles if (found := value(name).strip())), "")))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, (
            f"row has no title (its {columns.title!r} column is empty); shown as {UNTITLED!r}")))
    types = [clean(value(columns.kind))] if columns.kind else []
    kind = columns.kind_of(types[0] if types else "") if columns.kind_of else next(
        (columns.kinds[t.strip().casefold()] for t in (types[0] if types else "").split(";")
         if t.strip().casefold() in columns.kinds), "")
    by, books = columns.held_by
    if columns.kind_in:
        kind = columns.kind_in(types[0] if types else "", clean(value(by)))
    held = kind in CONTAINED_KINDS and (not by or clean(value(by)) in books)
    alone = kind not in PERIODICAL_KINDS and (held or kind not in CONTAINED_KINDS)  # not a journal's paper
    source = clean(value(columns.journal)) or (clean(value(columns.book)) if kind in CONTAINED_KINDS else "")
    series = clean(value(columns.series))
    # A whole book's "Source Title" repeats its title (Web of Science's): its series is its "Book Series Title"
    own_source = kind == "book" and bool(columns.series) and (bool(series) or shared.same_title(source, title))
    extra = shared.noted_ids(value(columns.extra))
    urls = [u for name in columns.urls for u in re.split(r"[\s|]+", value(name)) if u and u not in columns.absent]
    url_pmid, url_pmc, url_doi = ids.ids_from_urls(urls)
    central = _CENTRAL_PUBMED.search(value(columns.pmid))
    pmid = (ids.pmid_from(clean(value(columns.pmid))) or ids.ids_from_urls([value(columns.pmid)])[0]
            or (central.group(1) if central else "") or ids.pmid_from(extra.get("PMID", "")) or url_pmid)
    pmcid = ids.pmcid_from(value(columns.pmcid)) or ids.pmcid_from(extra.get("PMCID", "")) or url_pmc
    doi = ids.doi_field(value(columns.doi)) or url_doi or _openurl_doi(urls)
    lay, abstract, rights = shared.abstract(shared.ABSTRACT_WORD.sub("", value(columns.abstract)),
                                            running=columns.running)
    key = clean(value(columns.key)).rstrip("/").rpartition("/")[2]  # OpenAlex's id is a url
    when = shared.web_of_science_date(value(columns.date), value(columns.year), value(columns.early)) if (
        columns.early) else dates.published(openalex_json.known_date(value(columns.date), value(columns.year))) if (
        columns.first_is_no_day) else dates.published(_date_of(value, columns))
    either = ids.issns_and_isbns([value(columns.issn_or_isbn)], book=alone)
    first_page = shared.web_of_science_number(value(columns.first_page))  # "UNSP e1234"
    issns, issn_types = ids.typed_issns([(value(columns.linking_issn), "linking"),
                                         *((value(name), "") for name in columns.issns), *((n, "") for n in either[0]),
                                         *((value(name), "electronic") for name in columns.eissns)])
    original = clean(value(columns.original_title))
    article = Article(
        id=shared.article_id(pmcid, pmid, doi, key, title, prefix),
        title=title or UNTITLED,
        et_al=any(name in columns.left_out for name in _split_names(value(columns.authors), columns)),
        authors=_with_groups(shared.with_orcids(_authors(value, columns), shared.orcids_by_name(
            value(columns.named_orcids))), _groups(value(columns.groups), columns)),
        journal=series if held or own_source else source,
        journal_abbrev="" if held else clean(value(columns.abbrev)),
        kind=kind,
        container=source if held else "",
        editors=_people(value(columns.editors), columns) if alone else (),
        container_authors=_groups(value(columns.book_groups), columns) if held else (),
        date=when.date, date_printed=when.printed, epub_date=when.epub,
        publisher=clean(value(columns.publisher)),
        place=clean(value(columns.place)) if alone else "",
        edition=clean(value(columns.edition)) if alone else "",
        languages=languages.parse([value(columns.language)] if value(columns.language) else []),
        topics=shared.review_topics(types),
        pmid=pmid, pmcid=pmcid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        notices=(Notice("RetractionIn"),) if clean(value(columns.retracted)).casefold() == "true" else (),
        links=shared.links(urls),
        volume=clean(value(columns.volume)),
        issue=shared.web_of_science_issue(value(columns.issue), value(columns.part),
                                          value(columns.supplement) or _cited_supplement(value(columns.citation))),
        pages=(shared.page_range(value(columns.pages)) if columns.pages else shared.web_of_science_pages(
            first_page, value(columns.last_page) or _last_page(first_page, value(columns.page_count)))
               or shared.page_range(value(columns.last_page))),  # RefWorks: "e0144626" as its other pages alone
        article_number=shared.page_range(shared.web_of_science_number(value(columns.article_number)))
        or _article_number(value(columns.citation)),
        # "*Literacy": a major topic of the Cochrane Library's keywords (as RIS's KW lines mark them)
        keywords=tuple(k.lstrip("*") for k in shared.split_keywords((_parted(k, columns.keywords_parted) for k in (
            value(name) for name in columns.keywords) if k.strip()), commas=False)),
        records=(record,),
        original_title="" if shared.same_title(original, title) else original,
        issns=issns, issn_types=issn_types,
        isbns=ids.standard_numbers([*(value(name) for name in columns.isbns), *either[1]]),
    )
    if shared.not_an_issue(article.issue):
        problems.append(Diagnostic(Level.WARNING, SourceSpan(record.where.path, record.line_of(columns.issue)), (
            f"{columns.issue!r} holds text that is no issue number ({article.issue[:60]!r}…: an address, a "
            "reference?); shown in the full record only")))
        article = replace(article, issue="")
    return article, problems


def _openurl_doi(urls: list[str]) -> str:
    """The DOI an OpenURL link names as the work's id ("…/utrecht?sid=EMBASE&issn=…&id=doi:10.1002%2Fcncr.20369":
    Embase's older "Open URL Link"), else ""."""
    for url in urls:
        for named in parse_qs(urlsplit(url).query).get("id", []):
            if named.casefold().startswith("doi:") and (doi := ids.doi_field(named[4:])):
                return doi
    return ""


def _parted(keywords: str, parted: str) -> str:
    """Keywords parted by ";", from a list parted by ``parted`` outside parentheses: an Emtree term keeps its
    subheadings, "colonic duplication cyst (diagnosis, surgery)" (Embase's older CSV export)."""
    if parted == ";":
        return keywords
    out, depth = [], 0
    for char in keywords:
        depth += (char == "(") - (char == ")")
        out.append(";" if char == parted and depth <= 0 else char)
    return "".join(out)


_SUPPLEMENT = re.compile(r"\(\d{4}\) [^\s:()]+(?::[^\s()]+)? Supplement ([^\s()]+) \(")


def _cited_supplement(citation: str) -> str:
    """The supplement a citation line names after the volume ("Annals of the Rheumatic Diseases (2025) 84
    Supplement 1 (1100-1102)"), which Embase gives in no column of its own."""
    found = _SUPPLEMENT.search(clean(citation))
    return found.group(1) if found else ""


_ARTICLE_NUMBER = re.compile(r"\bArticle Number:\s*([^\s.]+(?:\.[^\s.]+)*)")


def _article_number(citation: str) -> str:
    """The article number a citation line names ("… 15:1 Article Number: 4063. Date of Publication: …")."""
    found = _ARTICLE_NUMBER.search(citation)
    return shared.page_range(found.group(1)) if found else ""


_MONTH_SLASH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})")
_MONTH_NAME_DAY = re.compile(r"([^\W\d_]+\.?)\s+(\d{1,2})")


def _month_day(month: str, day: str, both: str) -> tuple[str, str]:
    """The month and day columns, or what one column gives of both ("03/30", "Mar", "august 12")."""
    if month or day or not clean(both):
        return month, day
    if m := _MONTH_SLASH_DAY.fullmatch(clean(both)):
        return m.group(1), m.group(2)
    if (m := _MONTH_NAME_DAY.fullmatch(clean(both))) and dates.month_number(m.group(1)):
        # RefWorks's FD with the month in words, as citation-js's RefWorks example has it: "FD august 12"
        return m.group(1), m.group(2)
    return clean(both), ""


def _last_page(first: str, count: str) -> str:
    """The last page of a work of ``count`` pages from page ``first``, both plain numbers ("924", "11": "934")."""
    first, count = clean(first), clean(count)
    if not (first.isdigit() and count.isdigit() and int(count) > 0):
        return ""
    return str(int(first) + int(count) - 1)


def _authors(value: Callable[[str], str], columns: Columns) -> tuple[Person, ...]:
    """The authors, by their full names when the export has them, each with the initials of the short form that
    a full name's roman-numeral letter stands for (shared.middle_initials_back); without full names, Web of
    Science's middle initial I after a comma is one (_initial_i_back)."""
    short, full = value(columns.authors), value(columns.full_names)
    if not (short or full):
        short, full = (value(column) for column in columns.book_authors)
    people = _people(full or short, columns, value(columns.orcids))
    if not full:
        return tuple(_initial_i_back(person) for person in people) if columns.full_names else people
    return shared.middle_initials_back(people, [n for n in _split_names(short, columns)
                                                if n and n not in columns.absent])


def _groups(text: str, columns: Columns) -> tuple[Person, ...]:
    """Groups named whole ("IEEE", "Assoc Computing Machinery"), as the list of ``columns.parted`` gives them."""
    return tuple(Person(name=n) for n in unique(_split_names(text, columns)))


def _with_groups(people: tuple[Person, ...], groups: tuple[Person, ...]) -> tuple[Person, ...]:
    """The people, then the groups that they do not name already."""
    named = {name_key(p.name) for p in people}
    return people + tuple(g for g in groups if name_key(g.name) not in named)


def _initial_i_back(person: Person) -> Person:
    """Web of Science's "Authors" of an export without "Author Full Names" writes a middle initial I after a comma,
    as if a generation: "Geelhoed, M., I" beside "Hall, D. L." is M. I. Geelhoed (okihane/wos-scihub's
    savedrecs.xlsx), not M. Geelhoed the First. The I goes back into the given name; the name stays as written."""
    if person.suffix != "I" or not person.given:
        return person
    return replace(person, given=f"{person.given} I", suffix="")


def _people(text: str, columns: Columns, orcids: str = "") -> tuple[Person, ...]:
    parted = columns.parted.strip()
    names = _split_names(text, columns)
    found = [shared.orcid(o) for o in orcids.split(parted)] if orcids else []
    people = []
    for at, name in enumerate(names):
        if not name or name in columns.absent or name in columns.left_out:
            continue
        person = columns.name(name)
        iD = found[at] if at < len(found) and len(found) == len(names) else ""
        people.append(Person(person.name, person.family, person.given, person.suffix, iD) if iD else person)
    return tuple(people)


def _split_names(text: str, columns: Columns) -> list[str]:
    parted = columns.parted.strip()
    return [clean(n) for n in (re.split(r"\s+and\s+", text) if parted == "and" else text.split(parted))]


_NUMBERED_DATE = re.compile(r"(\d{4})[/.-](\d{1,2})(?:[/.-](\d{1,2}))?")
"""A date in numbers, the year first: "2019/11/25", "2019-11", "2019.11.25"."""


_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH_YEAR_GLUED = re.compile(r"(?<=[A-Za-z]{3})(?=\d{4}\b)")
"""EBSCO's "Jun2023"."""


def _date_of(value: Callable[[str], str], columns: Columns) -> dates.PrintedDate:
    """The date the columns give (``_date``); where the exporter writes a 1st for a month alone, that 1st is no day,
    and a 1st of January no month either (``Columns.printed_first_is_no_day``)."""
    found = _date(value(columns.year), value(columns.date),
                  *_month_day(value(columns.month), value(columns.day), value(columns.month_day)), columns.month_first)
    if columns.printed_first_is_no_day and re.fullmatch(r"\d{4}-\d{2}-01", found.iso) and not found.printed:
        return openalex_json.known_date(found.iso, "")
    return found


def _date(year: str, text: str, month: str = "", day: str = "", month_first: bool = False) -> dates.PrintedDate:
    """The date the columns give: ``text`` (in numbers, the year first, or printed the day first, or with the month
    before or after the year) when it falls in ``year`` (or there is no year), else the year with its month and day
    columns; a year that is not four digits as it is printed ("[1995?]", "in press")."""
    year = clean(year)
    if clean(text):
        found = _read_date(clean(text), month_first)
        if not found.iso:  # "1st Quarter 2010": the year, the date kept as printed
            found = shared.year_with_words(clean(text))
        if found.iso and (not year or found.iso[:4] == year):
            return found
    if re.fullmatch(r"\d{4}", year) and _names_months(clean(text)):
        # A month or season without its year, which the year column gives (Zotero's "spring" beside 2020), as
        # EndNote's %8 gives "Jan-Feb" beside %D: "2020 Spring".
        return dates.read_printed(f"{year} {clean(text)}")
    if not re.fullmatch(r"\d{4}", year):
        return shared.printed_date(year)
    return dates.PrintedDate(dates.from_parts(year, clean(month) if dates.month_number(clean(month))
                                              or clean(month).isdigit() else "", clean(day) if clean(day).isdigit()
                                              else ""))


def _read_date(text: str, month_first: bool) -> dates.PrintedDate:
    """A date column's text, read: in numbers, or printed the day first, or with its month before or after its
    year; a period ISO cannot hold is kept as printed (Zotero's "Date" of a record it took from PubMed, "2014
    Nov-Dec", is that, not November 2014)."""
    numbers = _NUMBERED_DATE.fullmatch(text)
    us = _US_DATE.fullmatch(text) if month_first else None
    if numbers:
        return dates.PrintedDate(dates.from_parts(*(n or "" for n in numbers.groups())))
    if us:
        return dates.PrintedDate(dates.from_parts(us.group(3), us.group(1), us.group(2)))
    if day_first := dates.read_day_first(text):
        return dates.PrintedDate(day_first)
    if (m := _MONTH_DAY_COMMA_YEAR.fullmatch(text)) and dates.month_number(m[1]):
        return dates.PrintedDate(dates.from_parts(m[3], m[1], m[2]))
    if (m := _MONTH_YEAR_TO_MONTH_YEAR.fullmatch(text)) and dates.month_number(m[1]) and dates.month_number(m[3]):
        return dates.PrintedDate(dates.from_parts(m[2], m[1]), text)  # a period: dated by its start, as printed
    if (period := _PERIOD_THEN_YEAR.fullmatch(text)) and _names_months(period["period"]):
        # Months or seasons before the year, as the journal prints its issue: "Nov-Dec 2014", "Winter 2018/2019"
        # (kept as printed, dated by the first month), "Spring 2019".
        return dates.PrintedDate(dates.from_parts(period["year"], _WORD.findall(text)[0]), text)
    return dates.read_printed(shared.year_then_month(_MONTH_YEAR_GLUED.sub(" ", text)))


_WORD = re.compile(r"[A-Za-z]+")
_MONTH_DAY_COMMA_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})")
_MONTH_YEAR_TO_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.? (\d{4}) - ([A-Za-z]{3,9})\.? (\d{4})")
"""ProQuest's "pubdate": "Oct 1, 2019", and an issue's months each with its year, "Apr 2019 - Jun 2019"."""
_PERIOD_THEN_YEAR = re.compile(r"(?P<period>[A-Za-z]+\.?(?:\s*[-–/]\s*[A-Za-z]+\.?)+|(?:Spring|Summer|Autumn|Fall|"
                               r"Winter)),?\s+(?P<year>\d{4})(?:\s*[-–/]\s*\d{4})?", re.IGNORECASE)
"""Two months or seasons or more, or a season, then the year (or two years, a winter's)."""


def _names_months(text: str) -> bool:
    """Whether a text names months or seasons only ("Nov-Dec", "spring", "Winter"), and some."""
    words = _WORD.findall(text)
    return bool(words) and not re.search(r"\d", text) and all(
        dates.month_number(w) or dates.season_name(w) for w in words)


_ZOTERO_KINDS = {
    "journalarticle": "", "magazinearticle": "article-magazine", "newspaperarticle": "article-newspaper",
    "book": "book", "booksection": "chapter", "conferencepaper": "paper-conference", "thesis": "thesis",
    "report": "report", "webpage": "webpage", "blogpost": "post-weblog", "dataset": "dataset",
    "encyclopediaarticle": "entry-encyclopedia", "dictionaryentry": "entry-dictionary", "preprint": "article",
    "document": "document", "manuscript": "manuscript", "presentation": "speech", "computerprogram": "software",
    "patent": "patent", "case": "legal_case", "statute": "legislation", "bill": "bill", "film": "motion_picture",
}
"""Zotero's item types as its CSL mapping names them."""

ZOTERO = Export(
    tables.Layout("zotero-csv", "Zotero CSV", frozenset({"Key", "Item Type", "Publication Year", "Author", "Title",
                                                          "Publication Title"})),
    Columns(title="Title", authors="Author", parted="; ", editors="Editor", year="Publication Year", date="Date",
            journal="Publication Title", abbrev="Journal Abbreviation", volume="Volume", issue="Issue",
            pages="Pages", doi="DOI", extra="Extra", abstract="Abstract Note",
            keywords=("Manual Tags", "Automatic Tags"), language="Language", publisher="Publisher", place="Place",
            edition="Edition", issns=("ISSN",), isbns=("ISBN",), kind="Item Type", kinds=_ZOTERO_KINDS, urls=("Url",),
            key="Key"),
    "zotero")

_LENS_KINDS = {"book chapter": "chapter", "conference proceedings article": "paper-conference", "book": "book",
               "dissertation": "thesis", "report": "report", "dataset": "dataset", "preprint": "article",
               "conference proceedings": "book"}


def lens_person(name: str) -> Person:
    """A name in reading order ("Maarten L. J. Smits"); Lens.org writes a missing given name "null" before the
    family name ("null van den Hoven", where RefWorks's export of the same work writes "van den Hoven,null")."""
    first, space, rest = clean(name).partition(" ")
    if first == "null" and space and rest:
        return Person(name=rest, family=rest)
    return reading_order(name)


LENS = Export(
    tables.Layout("lens-csv", "Lens.org CSV", frozenset({"Lens ID", "Title", "Author/s"})),
    Columns(title="Title", authors="Author/s", parted="; ", name=lens_person, year="Publication Year",
            date="Date Published", journal="Source Title", volume="Volume", issue="Issue Number",
            first_page="Start Page", last_page="End Page", doi="DOI", pmid="PMID", pmcid="PMCID", abstract="Abstract",
            keywords=("Keywords",), publisher="Publisher", issns=("ISSNs",), kind="Publication Type", kinds=_LENS_KINDS,
            urls=("External URL", "Source URLs"), key="Lens ID", running=True),
    "lens")


OPENALEX = Export(
    tables.Layout("openalex-csv", "OpenAlex CSV", frozenset({"id", "doi", "display_name", "publication_year"})),
    Columns(title="display_name", authors="authorships.author.display_name", parted="|", name=reading_order,
            orcids="authorships.author.orcid", year="publication_year", date="publication_date",
            journal="primary_location.source.display_name", volume="biblio.volume", issue="biblio.issue",
            first_page="biblio.first_page", last_page="biblio.last_page", doi="doi", pmid="ids.pmid",
            pmcid="ids.pmcid", abstract="abstract", keywords=("keywords.display_name",), keywords_parted="|",
            language="language", publisher="primary_location.source.host_organization_name",
            linking_issn="primary_location.source.issn_l", issns=("primary_location.source.issn",), kind="type",
            kinds=openalex_json.KINDS, urls=("primary_location.landing_page_url",), key="id",
            retracted="is_retracted", absent=frozenset({"None", "nan"}), first_is_no_day=True),
    "openalex")

RAYYAN = Export(
    tables.Layout("rayyan-csv", "Rayyan CSV", frozenset({"key", "title", "year", "month", "day", "journal", "authors",
                                                         "abstract"})),
    Columns(title="title", authors="authors", parted=" and ", year="year", month="month", day="day",
            journal="journal", volume="volume", issue="issue", pages="pages", doi="doi", pmid="pubmed_id",
            pmcid="pmc_id", abstract="abstract", keywords=("keywords",), language="language", publisher="publisher",
            issns=("issn",), urls=("url",), key="key"),
    "rayyan")

COVIDENCE = Export(
    tables.Layout("covidence-csv", "Covidence CSV", frozenset({"Title", "Authors", "Abstract", "Published Year",
                                                               "Covidence #"})),
    Columns(title="Title", authors="Authors", parted="; ", year="Published Year", month="Published Month",
            journal="Journal", volume="Volume", issue="Issue", pages="Pages", doi="DOI", abstract="Abstract",
            key="Covidence #"),
    "covidence")


WEB_OF_SCIENCE = Export(
    # a search of the Core Collection ("UT (Unique WOS ID)"), or of all its databases ("UT (Unique ID)": the ids of
    # such records are not Web of Science's own, so an article without a DOI nor PMID is known by its title)
    tables.Layout("wos-csv", "Web of Science CSV", frozenset({"Publication Type", "Authors", "Article Title",
                                                              "Source Title"}),
                  any_of=frozenset({"UT (Unique WOS ID)", "UT (Unique ID)"})),
    Columns(title="Article Title", authors="Authors", parted="; ", full_names="Author Full Names",
            book_authors=("Book Authors", "Book Author Full Names"), book_groups="Book Group Authors",
            groups="Group Authors",
            named_orcids="ORCIDs", editors="Book Editors", year="Publication Year", date="Publication Date",
            early="Early Access Date", journal="Source Title", abbrev="Journal ISO Abbreviation", volume="Volume",
            issue="Issue", part="Part Number", supplement="Supplement", first_page="Start Page",
            last_page="End Page", article_number="Article Number", doi="DOI",
            pmid="Pubmed Id", abstract="Abstract", keywords=("Author Keywords", "Keywords Plus"), language="Language",
            publisher="Publisher", place="Publisher City", issns=("ISSN",), eissns=("eISSN",), isbns=("ISBN",),
            kind="Document Type",
            kind_in=lambda types, publication_type: wos_kind([types], publication_type),
            # a book, book series or proceedings (B, S, C) holds its chapters and proceedings papers; a journal (J)
            # holds its articles, a conference paper among them
            held_by=("Publication Type", WOS_BOOKS), series="Book Series Title",
            key="UT (Unique WOS ID)",
            other_titles=("Article Title - SciELO", "Article Title - Chinese", "Article Title - Russian"),
            running=True),
    "wos")

_DIMENSIONS_KINDS = {"monograph": "book", "edited_book": "book", "preprint": "article"}
"""Dimensions' publication types that are no journal's article. A chapter's or a proceedings paper's "Source title"
may be its book series rather than its book ("Anthology title"): read as the article of the series it names."""

DIMENSIONS = Export(
    tables.Layout("dimensions-csv", "Dimensions CSV", frozenset({"Publication ID", "Title", "Source title",
                                                                 "PubYear"})),
    Columns(title="Title", authors="Authors", parted="; ", year="PubYear", date="Publication Date",
            journal="Source title", volume="Volume", issue="Issue", pages="Pagination", doi="DOI", pmid="PMID",
            pmcid="PMCID", abstract="Abstract", publisher="Publisher", kind="Publication Type",
            kinds=_DIMENSIONS_KINDS, urls=("Dimensions URL", "Source Linkout"), key="Publication ID"),
    "dimensions")

COCHRANE = Export(
    tables.Layout("cochrane-csv", "Cochrane Library CSV", frozenset({"CENTRAL ID", "Author(s)", "Title", "Source",
                                                                     "Year"})),
    Columns(title="Title", authors="Author(s)", parted="; ", year="Year", journal="Source", volume="Volume",
            issue="Issue", pages="Pages", doi="DOI", pmid="PubMed ID", abstract="Abstract", keywords=("Keywords",),
            kind="Publication Type", urls=("URL",), key="CENTRAL ID"),
    "cochrane")

EBSCO = Export(
    tables.Layout("ebsco-csv", "EBSCO CSV", frozenset({"Article Title", "Author", "Journal Title", "PLink"})),
    Columns(title="Article Title", authors="Author", parted="; ", date="Publication Date", month_first=True,
            journal="Journal Title", volume="Volume", issue="Issue", first_page="First Page",
            page_count="Page Count", doi="DOI",
            abstract="Abstract", keywords=("Keywords", "Subjects"), publisher="Publisher", issns=("ISSN",),
            isbns=("ISBN",), kind="Doctype",
            urls=("PLink",), key="Accession Number"),
    "ebsco")

EMBASE_KINDS = {"book": "book", "chapter": "chapter"}
"""Embase's publication types that are no journal's article (a conference paper or abstract is a journal's)."""

EMBASE = Export(
    tables.Layout("embase-csv", "Embase CSV", frozenset({"Title", "Author Names", "Source title", "PUI",
                                                         "Embase Link"})),
    Columns(title="Title", authors="Author Names", parted=", ", name=embase_person, editors="Editors",
            year="Publication Year", date="Date of Publication", journal="Source title", volume="Volume",
            issue="Issue", first_page="First Page", last_page="Last Page", doi="DOI", pmid="Medline PMID",
            abstract="Abstract", keywords=("Author Keywords", "Emtree Drug Index Terms (Major Focus)",
                                           "Emtree Medical Index Terms (Major Focus)", "Emtree Drug Index Terms",
                                           "Emtree Medical Index Terms"), keywords_parted=",",
            language="Article Language", publisher="Book Publisher", kind="Publication Type", kinds=EMBASE_KINDS,
            urls=("Full Text Link", "Embase Link"), key="PUI", citation="Source", original_title="Original Title",
            issns=("ISSN",), printed_first_is_no_day=True),
    "embase")

EMBASE_CITED = Export(
    # Embase.com's export before its citation was parted into columns (asreview-datatools's tests/data/embase.csv,
    # 2020): "Source" alone gives journal, year, volume, issue, pages and date, no PUI nor Embase link
    tables.Layout("embase-cited-csv", "Embase CSV", frozenset({"Title", "Author Names", "Source",
                                                               "Open URL Link"}),
                  none_of=frozenset({"Source title"})),
    Columns(title="Title", authors="Author Names", parted=", ", name=embase_person, editors="Editors",
            cited="Source", year="(year)", date="(date)", journal="(journal)", volume="(volume)", issue="(issue)",
            pages="(pages)", abstract="Abstract",
            keywords=("keywords", "Emtree Drug Index Terms (Major Focus)", "Emtree Medical Index Terms (Major Focus)",
                      "Emtree Drug Index Terms", "Emtree Medical Index Terms"), keywords_parted=",",
            urls=("Open URL Link",), citation="Source", original_title="Original Title", printed_first_is_no_day=True),
    "embase")

REFWORKS_KINDS = {"book, whole": "book", "book, section": "chapter", "book, edited": "book",
                   "conference proceedings": "paper-conference", "dissertation/thesis": "thesis", "report": "report",
                   "web page": "webpage", "generic": "document", "monograph": "book", "data file": "dataset",
                   "computer program": "software", "patent": "patent", "dissertation": "thesis",
                   "dissertation/thesis, unpublished": "thesis"}
"""RefWorks's reference types that are no journal's article (the tagged export's older "Dissertation" too)."""


def refworks_person(name: str) -> Person:
    """RefWorks's "Smits,Maarten L. J." (no space after the comma), "van den Hoven,null" (no given name)."""
    family, comma, given = clean(name).partition(",")
    given = "" if given.strip().casefold() == "null" else given.strip()
    if not comma or not family.strip():
        return Person(name=clean(name))
    if not given:
        return Person(name=family.strip(), family=family.strip())
    return parse_person(f"{family.strip()}, {given}")


REFWORKS = Export(
    tables.Layout("refworks-tsv", "RefWorks tab-delimited", frozenset({"Reference Type", "Reference Id",
                                                                       "Authors, Primary", "Title Primary"})),
    Columns(title="Title Primary", authors="Authors, Primary", parted=";", name=refworks_person,
            editors="Authors, Secondary", year="Pub Year", month_day="Pub Date Free From",
            journal="Periodical Full", abbrev="Periodical Abbrev", volume="Volume", issue="Issue",
            first_page="Start Page", last_page="Other Pages", doi="DOI", pmid="PMID", pmcid="PMCID",
            abstract="Abstract", keywords=("Keywords",), language="Language", publisher="Publisher",
            place="Place Of Publication", edition="Edition", issn_or_isbn="ISSN/ISBN", kind="Reference Type",
            kinds=REFWORKS_KINDS, urls=("URL", "Links"), key="Reference Id"),
    "refworks")

_IEEE_KINDS = {"ieee conferences": "paper-conference", "ieee books": "chapter", "ieee standards": "standard",
               "ieee early access articles": "", "ieee journals": "", "ieee magazines": "article-magazine"}
"""IEEE Xplore's "Document Identifier": the collection a work is from."""

IEEE = Export(
    tables.Layout("ieee-csv", "IEEE Xplore CSV", frozenset({"Document Title", "Authors", "Author Affiliations",
                                                            "Publication Title", "Document Identifier"})),
    Columns(title="Document Title", authors="Authors", parted=";", name=initials_first, year="Publication Year",
            date="Issue Date", journal="Publication Title", volume="Volume", issue="Issue", first_page="Start Page",
            last_page="End Page", doi="DOI", abstract="Abstract",
            keywords=("Author Keywords", "IEEE Terms", "INSPEC Controlled Terms", "INSPEC Non-Controlled Terms",
                      "Mesh_Terms"), publisher="Publisher", issns=("ISSN",), isbns=("ISBNs",),
            kind="Document Identifier", kinds=_IEEE_KINDS, urls=("PDF Link",)),
    "ieee")

PUBLISH_OR_PERISH = Export(
    tables.Layout("pop-csv", "Publish or Perish CSV", frozenset({"Cites", "Authors", "Title", "Year", "Source",
                                                                 "ArticleURL", "GSRank"})),
    Columns(title="Title", authors="Authors", parted=",", name=scholar_person, year="Year", journal="Source",
            volume="Volume", issue="Issue", first_page="StartPage", last_page="EndPage", doi="DOI",
            abstract="Abstract", publisher="Publisher", issns=("ISSN",), urls=("ArticleURL", "FullTextURL"),
            absent=frozenset({"0"}), left_out=frozenset({"...", "\u2026"})),
    "pop")

GOOGLE_SCHOLAR = Export(
    tables.Layout("scholar-csv", "Google Scholar CSV", frozenset({"Authors", "Title", "Publication", "Volume", "Number",
                                                                  "Pages", "Year", "Publisher"})),
    Columns(title="Title", authors="Authors", parted=";", year="Year", journal="Publication", volume="Volume",
            issue="Number", pages="Pages", publisher="Publisher"),
    "scholar")

EPPI_REVIEWER = Export(
    # EPPI-Reviewer's export of a review's items (as Excel): its ids, a short title "Brownstein (2024)", no authors
    tables.Layout("eppi-table", "EPPI-Reviewer export", frozenset({"ID", "ShortTitle", "Title", "Year"})),
    Columns(title="Title", authors="", parted="; ", year="Year", key="ID"),
    "eppi")

ABSTRACKR = Export(
    # abstrackr's export of a screening project's labels: no year; names "Longrich, N.R.\n and Bardet, N.\n",
    # keywords parted by commas, "0" for no PMID; the reviewers' labels and notes in columns of their own
    tables.Layout("abstrackr-csv", "abstrackr CSV", frozenset({"(internal) id", "pubmed id", "title", "authors",
                                                               "abstract"}),
                  sections=frozenset({"citations that are not yet labeled by anyone"}), least_columns=8),
    Columns(title="title", authors="authors", parted=" and ", journal="journal", pmid="pubmed id", abstract="abstract",
            keywords=("keywords",), keywords_parted=",", key="(internal) id", absent=frozenset({"0"})),
    "abstrackr")

_PROQUEST_KINDS = {"dissertations & theses": "thesis", "books": "book", "reports": "report",
                   "conference papers & proceedings": "paper-conference"}
"""ProQuest's "ArticleType" of works that are no journal's article ("Scholarly Journals")."""

PROQUEST = Export(
    # ProQuest's "Export → XLS" (PsycINFO, Dissertations & Theses Global: AGallyer/meta_suicide_erp's
    # Proquest_psychinfo.xls): most values after a space, names "Rosa, João Luís Garcia" parted by ";", a
    # dissertation's "pubtitle" the database ("ProQuest Dissertations and Theses", "PQDT - Global"), which is no
    # journal; its abstracts HTML-escaped ("P &lt; 0.03", which shared.abstract reads); "publisher" the country
    # ("Netherlands", "US"), left to the full record
    tables.Layout("proquest-xls", "ProQuest export", frozenset({"Title", "Abstract", "StoreId", "Authors",
                                                                "pubtitle", "DocumentURL"})),
    Columns(title="Title", authors="Authors", parted=";", year="year", date="pubdate", journal="pubtitle",
            volume="volume", issue="issue", pages="pages", doi="digitalObjectIdentifier", abstract="Abstract",
            keywords=("subjects",), keywords_parted=",", language="language", issns=("issn",), eissns=("elecISSN",),
            isbns=("isbn",), kind="ArticleType", kinds=_PROQUEST_KINDS, urls=("DocumentURL",), key="StoreId",
            absent=frozenset({"ProQuest Dissertations and Theses", "PQDT - Global"})),
    "proquest")

EXPORTS = (ZOTERO, LENS, OPENALEX, RAYYAN, COVIDENCE, WEB_OF_SCIENCE, DIMENSIONS, COCHRANE, EBSCO, EMBASE, EMBASE_CITED,
           REFWORKS, IEEE, GOOGLE_SCHOLAR, PUBLISH_OR_PERISH, EPPI_REVIEWER, ABSTRACKR, PROQUEST)
