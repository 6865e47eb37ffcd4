"""Reader for PubMed's CSV export (pubmed.ncbi.nlm.nih.gov: "Save", "Format: CSV"): a header of column names,
then one row per record, every value in double quotes.

A sample (a BOM first; one row shown)::

    PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,DOI
    "35108106","A Longitudinal Study of Fitbit Usage Behavior Among College Students","Wang C, Lizardo O, Hachen
    DS.","Cyberpsychol Behav Soc Netw. 2022 Mar;25(3):181-188. doi: 10.1089/cyber.2021.0047. Epub 2022 Feb
    2.","Wang C","Cyberpsychol Behav Soc Netw","2022","2022/02/02","PMC8971973","","10.1089/cyber.2021.0047"

(one line in the file). ``Authors`` is the byline as PubMed prints it, "Family Initials" parted by commas, a
full stop at its end; ``Citation`` is PubMed's citation, the journal's abbreviation (``Journal/Book``) then
"date;volume(issue):pages." and more; ``Create Date`` is when PubMed made the record. Every column of every row
is kept, with its line, for the full-record view, whatever its name; the citation gives volume, issue, pages and
the date only where it has that form after the journal's name (``citation_parts``).

PubMed's older site (before 2020: "Send to → File → CSV") wrote other columns, every value quoted but where it
needs no quotes::

    Title,URL,Description,Details,ShortDetails,Resource,Type,Identifiers,Db,EntrezUID,Properties
    Using Event-Related Potentials to Improve Our Prediction of Suicide Risk.,/pubmed/31590722,"Gibb BE, Tsypes
    A.",Biol Psychiatry Cogn Neurosci Neuroimaging. 2019 Oct;4(10):854-855. doi: 10.1016/j.bpsc.2019.08.003. No
    abstract available. ,Biol Psychiatry Cogn Neurosci Neuroimaging.  2019,PubMed,citation,PMID:31590722,pubmed,
    31590722,create date:2019/10/09 | first author:Gibb BE

(one line in the file): ``Description`` is the byline, ``Details`` the citation (with the DOI in it),
``ShortDetails`` the journal and the year, ``Identifiers`` "PMID:… | PMCID:PMC…". Its rows are read as the newer
export's columns (``_newer_columns``), every column of its own kept for the full record.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import UNTITLED, Article, Person, Record
from ..model.names import initials_only
from ..model.normalize import clean, is_generation
from . import shared, tables

FORMAT = "pubmed-csv"

COLUMNS = ("PMID", "Title", "Authors", "Citation", "First Author", "Journal/Book", "Publication Year",
           "Create Date", "PMCID", "NIHMS ID", "DOI")
"""The columns of PubMed's export, in its order."""
_SNIFFED = 4
"""How many of the first columns the header must name as PubMed does (PMID, Title, Authors, Citation)."""
OLDER_COLUMNS = ("Title", "URL", "Description", "Details", "ShortDetails", "Resource", "Type", "Identifiers", "Db",
                 "EntrezUID", "Properties")
"""The columns of the older site's export, in its order; the first four are sniffed (nealhaddaway/COVID19's
pubmed_result.csv has columns of its own after them, "date", "day", "month", "year", "week")."""
_OLDER_SNIFFED = 4

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
_BARE = re.compile(r'[^,\r\n]*')
_LINE_END = re.compile(r"\r\n|\r|\n")


LAYOUT = tables.Layout(FORMAT, "PubMed CSV", frozenset(COLUMNS[:_SNIFFED]))
"""The export as Excel saves it again in a locale that parts values with semicolons ("PMID;Title;…", with or
without its "sep=;" line): read by the row reader the other tables share (tables.py)."""


def sniff(head: str) -> bool:
    """Does the file start with PubMed's CSV header ("PMID,Title,Authors,Citation,…", its names quoted or not; or
    with semicolons, as Excel saves it again)?"""
    return _own_header(head) or LAYOUT.sniff(head)


def _own_header(head: str) -> bool:
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    rows, _ = _rows(first, "")
    return bool(rows) and _is_header(rows[0].values)


def _is_header(values: list[str]) -> bool:
    """Does a row name the columns of PubMed's export, or of its older site's?"""
    return (tuple(values[:_SNIFFED]) == COLUMNS[:_SNIFFED]
            or tuple(values[:_OLDER_SNIFFED]) == OLDER_COLUMNS[:_OLDER_SNIFFED])


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every row of one export as a Record (one field per column, its values as written), and the problems met;
    a row that cannot be read is reported with its line and the rest of the file is read."""
    if not _own_header(text[:65536]) and LAYOUT.sniff(text[:65536]):
        return LAYOUT.read(text, path)
    rows, problems = _rows(text.removeprefix("\ufeff"), path)
    if not rows or not _is_header(rows[0].values):
        return [], [*problems, Diagnostic(Level.ERROR, SourceSpan(path, rows[0].line if rows else 1), (
            "no PubMed CSV header: the first line should name the columns, 'PMID,Title,Authors,Citation,…'"))]
    records, found = tables.records_of(FORMAT, "PubMed CSV", rows[0].values, rows[1:], path, rows[0].line)
    return records, problems + found


def _rows(text: str, path: str) -> tuple[list[tables.Row], list[Diagnostic]]:
    """The rows of a CSV text (RFC 4180: commas, double quotes doubled inside quoted values, a line end inside
    quotes kept in the value), each with the line it starts on. A quote never closed is reported and its row
    read as far as its first line goes."""
    rows: list[tables.Row] = []
    problems: list[Diagnostic] = []
    pos, line = 0, 1
    while pos < len(text):
        values: list[str] = []
        lines: list[int] = []
        row_line = line
        while True:
            lines.append(line)
            if text.startswith('"', pos):
                m = _QUOTED.match(text, pos)
                if m is None:
                    end = _LINE_END.search(text, pos)
                    problems.append(Diagnostic(Level.ERROR, SourceSpan(path, line), (
                        "a value opens a double quote that is never closed; the rest of this line is read as the "
                        "value (a quote inside a quoted value is written twice, \"\")")))
                    stop = end.start() if end else len(text)
                    values.append(text[pos + 1:stop])
                    pos = stop
                else:
                    value = m.group(1)
                    values.append(value.replace('""', '"'))
                    line += len(_LINE_END.findall(value))
                    pos = m.end()
                    bare = _BARE.match(text, pos)
                    if bare and bare.end() > pos:  # "He said "hi" there": text after the closing quote
                        problems.append(Diagnostic(Level.WARNING, SourceSpan(path, line), (
                            f"text after a closing quote ({text[pos:bare.end()][:40]!r}); it is kept in the value "
                            "with the quote before it (a quote inside a quoted value is written twice, \"\")")))
                        values[-1] += '"' + text[pos:bare.end()]
                        pos = bare.end()
            else:
                bare = _BARE.match(text, pos)
                assert bare is not None  # it matches the empty string
                values.append(bare.group())
                pos = bare.end()
            if text.startswith(",", pos):
                pos += 1
                continue
            break
        end = _LINE_END.match(text, pos)
        pos = end.end() if end else pos
        line += 1
        if values != [""]:
            rows.append(tables.Row(row_line, values, lines))
    return rows, problems


# ---------------------------------------------------------------------------------------------------------------
# Article
# ---------------------------------------------------------------------------------------------------------------

_CITED = re.compile(
    r"(?P<date>\d{4}(?:-\d{4}| [A-Z][a-z]+(?:(?: ?- ?|/)(?:\d{4} )?[A-Z][a-z]+(?: \d{4})?)?"
    r"(?: \d{1,2}(?:-\d{1,2})?)?)?)"
    r"(?:;(?P<volume>[^();:.\s][^();:]*?(?: \([^()]+\))?)?(?:\((?P<issue>[^()]+)\))?)?"
    r"(?::(?P<pages>\S.*?))?\.(?:\s|$)")
"""After "Journal. ": "2022 Mar;25(3):181-188." or "2022 Jan 31:1-13." or "2021 Feb 2;3:617013." (PubMed's
citation: the issue's date, then volume, issue and pages, each as PubMed prints it). The date is MEDLINE's DP,
a period too: "2014 Nov-Dec", "2018 Spring", "1979-1980", "1979 Nov-1980 May", "2014 Dec 1-15", and as PubMed
prints a period whose end falls in the next year, "1956 Jul -Jan 1957" (PMID 13413382). A period may be parted by
a slash or by a hyphen between spaces: "2017 Sep/Oct;78(8):1068-1074" (PMID 27929610), "2017 May - Jun;85:82-86"
(PMID 27913272). The volume is MEDLINE's VI, with the part it names after a space in parentheses, before the
issue's: "21 ( Pt 3)(3):304S" (PMID 8135927: VI "21 ( Pt 3)", IP "3"), "94 ( Pt 3):443-9" (PMID 3614987, no
issue). The pages are MEDLINE's PG, up to the full stop before a space or the end: "419-20; author reply
420-1", "368-71, 375", "Suppl:7-93", "817-826.e5"."""
_EPUB = re.compile(r"(?:^|\s)Epub (\d{4}(?: [A-Z][a-z]{2}(?: \d{1,2})?)?)\.")


def authors(byline: str) -> tuple[Person, ...]:
    """PubMed's printed byline, "Hajj-Boutros G, Landry-Duval MA, Comtois AS.": each name as printed, read as
    "Family Initials" (as MEDLINE's AU is), a name that does not end in initials (a group) as it stands."""
    byline = clean(byline).removesuffix(".")
    return tuple(_person(name) for name in (clean(n) for n in byline.split(", ")) if name)


def _person(name: str) -> Person:
    family, _, initials = name.rpartition(" ")
    if family and initials_only(initials):
        return Person(name=name, family=family, given=initials)
    head, _, generation = name.rpartition(" ")
    family, _, initials = head.rpartition(" ")
    if family and initials_only(initials) and is_generation(generation):  # MEDLINE's "Carson WE 3rd", "Leslie DM Jr"
        return Person(name=name, family=family, given=initials, suffix=generation)
    return Person(name=name)


def citation_parts(citation: str, journal: str, year: str) -> tuple[dates.Published, str, str, str]:
    """(date, volume, issue, pages) from PubMed's citation when it starts with the record's journal and then
    has PubMed's form; a date only when it falls in the record's Publication Year (when it names one); and
    nothing when the citation has another form (a book's "In: …")."""
    citation, journal = clean(citation), clean(journal)
    if not journal or not citation.startswith(journal + ". "):
        return dates.Published(), "", "", ""
    m = _CITED.match(citation, len(journal) + 2)
    if m is None:
        return dates.Published(), "", "", ""
    issue_date = dates.read_printed(m.group("date"))
    if year and issue_date.iso[:4] != year:
        issue_date = dates.PrintedDate("")
    epub = _EPUB.search(citation, m.end() - 1)
    epub_date = dates.read_printed(epub.group(1)).iso if epub else ""
    return (dates.published(issue_date, epub_date), clean(m.group("volume") or ""), clean(m.group("issue") or ""),
            clean(m.group("pages") or ""))


_DOI_IN_CITATION = re.compile(r"\bdoi: (\S+)")


def _newer_columns(record: Record) -> Callable[[str], str]:
    """A row's value by the name of the newer export's column: the older export's row's own value under another
    name, or the part of one ("ShortDetails" "Psychopathology.  2019": the journal, the year)."""
    if not record.values("Details"):
        return record.first
    journal, _, year = clean(record.first("ShortDetails")).rpartition(". ")
    identifiers = dict(part.partition(":")[::2] for part in clean(record.first("Identifiers")).split(" | "))
    doi = _DOI_IN_CITATION.search(record.first("Details"))
    values = {"Title": record.first("Title"), "Authors": record.first("Description"),
              "Citation": record.first("Details"), "Journal/Book": journal, "Publication Year": year,
              "PMID": identifiers.get("PMID") or record.first("EntrezUID"), "PMCID": identifiers.get("PMCID", ""),
              "DOI": ids.doi_from(doi.group(1)) if doi else "", "Language": _languages(record.first("Details"))}
    return lambda name: values.get(name, "")


_SENTENCE_END = re.compile(r"\.\s+")
_NAMES = re.compile(r"[A-Z][a-z]+(?:, [A-Z][a-z]+)*")


def _languages(citation: str) -> str:
    """The languages PubMed's citation names after the journal, a sentence of their names ("… 2009;109(10):14-20.
    Russian.", "… 2016 Sep;29(3):247-250. English, Japanese."), parted by "; "; "" when it names none."""
    sentences = [part.strip() for part in _SENTENCE_END.split(citation)[1:]]
    return "; ".join(sentence for sentence in (s.removesuffix(".") for s in sentences) if _NAMES.fullmatch(sentence)
                     and all(language.tag for language in languages.language_of(sentence)))


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one row, and what it lacks."""
    problems: list[Diagnostic] = []
    value = _newer_columns(record)
    title = clean(value("Title"))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   f"row has no title (its 'Title' column is empty); shown as {UNTITLED!r}"))
    journal = clean(value("Journal/Book"))
    year_text = clean(value("Publication Year"))
    year = year_text if re.fullmatch(r"\d{4}", year_text) else ""
    when, volume, issue, pages = citation_parts(value("Citation"), journal, year)
    if not when.date:
        when = dates.Published(year)
    pmid = ids.pmid_from(value("PMID"))
    pmcid = ids.pmcid_from(value("PMCID"))
    doi = ids.doi_field(value("DOI"))
    article = Article(
        id=shared.article_id(pmcid, pmid, doi, "", title, "pubmed-csv"),
        title=title or UNTITLED,
        authors=authors(value("Authors")),
        journal=journal,
        date=when.date, date_printed=when.printed, epub_date=when.epub,
        pmid=pmid, pmcid=pmcid, doi=doi,
        volume=volume, issue=issue, pages=pages,
        languages=languages.parse([value("Language")]),
        records=(record,),
    )
    return article, problems
