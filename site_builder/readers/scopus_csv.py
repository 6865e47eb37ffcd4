"""Reader for Scopus's CSV export (scopus.com: "Export", "CSV"): a header naming the columns the user chose, then
one row per document, every value in double quotes (tables.py reads the rows).

A sample (a BOM first; one row, shortened, shown)::

    "Authors","Author full names","Author(s) ID","Title","Year","Source title","Volume","Issue","Art. No.",
    "Page start","Page end","Page count","Cited by","DOI","Link",…,"Abstract","Author Keywords","Index Keywords",
    …,"PubMed ID","Language of Original Document","Abbreviated Source Title","Document Type","Publication Stage",
    "Open Access","Source","EID"
    "Aureliano T.; Ghilardi A.M.; …","Aureliano, Tito (56525225200); Ghilardi, Aline M. (54417207800); …",
    "56525225200; 54417207800; …","The origin of an invasive air sac system in sauropodomorph dinosaurs","2024",
    "Anatomical Record","307","4","","1084","1092","8","4","10.1002/ar.25209","https://www.scopus.com/…",…

(the header and each row one line in the file). ``Authors`` is the byline as Scopus prints it, "Family
Initials" parted by semicolons (by commas in exports before 2020: "Aureliano, T., Ghilardi, A.M."); ``Author full
names`` the same authors with their given names and Scopus's author id in brackets, in the same order as the
ids of ``Author(s) ID``. An article number ("Art. No.") stands for the pages of an article that has none. A
document with no abstract has "[No abstract available]" there; a title Scopus translated is "English title;
[Original title]" as in its BibTeX. "Open Access", "Cited by", "Publication Stage", the funding, references and
affiliations are in the full record, as written.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Person, Record
from ..model.normalize import clean, generation_apart, is_generation, parse_person
from . import shared, tables

FORMAT = "scopus-csv"
_FUNDING_TEXT = re.compile(r"Funding Text (\d+)")
_EID = "2-s2.0-"
"""How every Scopus record id starts ("2-s2.0-85123480963")."""


def _more_funding_texts(header: list[str], values: list[str]) -> list[str] | None:
    """The columns of a row of more values than the header, when the header lacks funding texts the row has.

    Scopus numbers its "Funding Text" columns up to the most any document of one export has, so the rows of
    exports joined under the first one's header (litstudy's Scopus CSV: "Funding Text 1" in the header, rows
    from the third on with a second funding text, and their PMIDs shown as their language) have values for
    columns it does not name. Those are the next funding texts, after the last the header names: told so only
    when the row's EID then stands under "EID", never guessed otherwise."""
    numbered = [(at, int(m.group(1))) for at, name in enumerate(header) if (m := _FUNDING_TEXT.fullmatch(name))]
    if not numbered or "EID" not in header or header.index("EID") < numbered[-1][0]:
        return None
    last, number = numbered[-1]
    more = len(values) - len(header)
    names = [*header[:last + 1], *(f"Funding Text {number + n}" for n in range(1, more + 1)), *header[last + 1:]]
    return names if values[names.index("EID")].startswith(_EID) else None


LAYOUT = tables.Layout(FORMAT, "Scopus CSV", frozenset({"Title", "Source title"}),
                       any_of=frozenset({"EID", "Author(s) ID", "Author full names"}), widened=_more_funding_texts)
"""The two columns every choice of Scopus's export gives, and one of its own (its record id, "EID", is always
there but a user may cut it when re-saving; an export of citation information alone has the author ids)."""

NO_ABSTRACT = "[No abstract available]"
NO_AUTHOR = "[No author name available]"

_KINDS = {"conference paper": "paper-conference", "book chapter": "chapter", "book": "book",
          "conference review": ""}
"""Scopus's document types that are no journal's article (CSL's words); the others ("Article", "Review",
"Letter", "Editorial", "Note", "Erratum", "Short Survey", "Retracted") are printed in a journal or series, and so
is a "Data paper": an article that describes a data set, in a journal ("Scientific Data"), not the data set."""
_FULL_NAME = re.compile(r"(?P<name>.*?)\s*\((?P<id>\d+)\)\s*")
""""Aureliano, Tito (56525225200)": a name and its Scopus author id."""
_FAMILY_INITIALS = re.compile(r"(?P<family>.+?)\s+(?P<given>(?!(?:Jr|Sr)\.)(?:\w{1,2}\.\s?-?)+)")
""""Ricardi-Branco F.", "Pereda-Suberbiola X.", "Wedel M.J.": the family name, then dotted initials; a generation
after the family name is the family's ("Leslie Jr. D.M.", Scopus's "Leslie Jr., D.M." of its BibTeX), not an
initial "Jr."."""
_AFTER_INITIAL = re.compile(r"(?<=\.),\s+")
_OLD_BYLINE = re.compile(r"(?<=\.),\s+(?=[^,]+,\s*(?:\w{1,2}\.\s?-?)+(?:,|$))")
"""The comma between two names of an older export's byline, "Turner, J.R., Smith, A.": after an initial's
full stop, before another "Family, I."."""
_TRANSLATED = re.compile(r"(.+?);\s*\[([^\[\]]+)\]")


def sniff(head: str) -> bool:
    return LAYOUT.sniff(head)


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    return LAYOUT.read(text, path)


def byline(text: str) -> tuple[Person, ...]:
    """The authors of ``Authors``: "Aureliano T.; Ghilardi A.M." (or "Aureliano, T., Ghilardi, A.M.") as "Family,
    Initials"; a name without initials (a group) as it stands."""
    text = clean(text)
    if not text or text == NO_AUTHOR:
        return ()
    names = text.split(";") if ";" in text else _commas_between_names(text)
    return tuple(_initialled(n) for n in (clean(n) for n in names) if n)


def _commas_between_names(text: str) -> list[str]:
    """The names of a byline whose names are parted by commas: "Yagai T., Kimura Y." (Scopus's export until about
    2020), each a family name and its initials, or "Turner, J.R., Smith, A." (earlier), a comma in each name."""
    names = [clean(n) for n in _AFTER_INITIAL.split(text)]
    if len(names) > 1 and all("," not in n and _FAMILY_INITIALS.fullmatch(n) for n in names):
        return names
    return _with_generations(text) or _OLD_BYLINE.split(text)


_ONE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
"""A name of one word and no initials: "Lukas", as Scopus writes an Indonesian author's single name."""


def _with_generations(text: str) -> list[str]:
    """The names of a byline of "Family Initials" parted by commas where a name has a generation after a comma
    ("Moreira W., Oliveira A., Jr.", "De Andrade N., Jr., Almeida J.") or is one word ("Lukas, Tanumihardja
    W.A."): each generation joined to the name before it. Empty when a part is anything else (the earlier
    "Turner, J.R., Smith, A.", whose initials stand alone between commas, or a group's name)."""
    names: list[str] = []
    for part in (clean(p) for p in text.split(",")):
        if names and is_generation(part):
            names[-1] = f"{names[-1]}, {part}"
        elif _FAMILY_INITIALS.fullmatch(part) or _ONE_WORD.fullmatch(part):
            names.append(part)
        else:
            return []
    return names if any(_FAMILY_INITIALS.fullmatch(n) for n in names) else []


def _initialled(name: str) -> Person:
    head, comma, generation = name.rpartition(",")
    if comma and is_generation(generation.strip()) and (m := _FAMILY_INITIALS.fullmatch(head.strip())):
        # "Oliveira A., Jr.": the family name, its initials, then the generation
        return parse_person(f"{m.group('family')}, {m.group('given').strip()}, {generation.strip()}")
    if "," in name:
        return parse_person(name)
    if m := _FAMILY_INITIALS.fullmatch(name):
        family, suffix = generation_apart(m.group("family"))  # "Thompson III F.R."
        return Person(name=f"{m.group('family')}, {m.group('given').strip()}", family=family,
                      given=m.group("given").strip(), suffix=suffix)
    return Person(name=name)


def full_names(text: str) -> tuple[Person, ...]:
    """The authors of ``Author full names``: "Aureliano, Tito (56525225200); …" as "Family, Given" without the
    id (which ``Author(s) ID`` gives, and the full record keeps)."""
    text = clean(text)
    if not text or text == NO_AUTHOR:
        return ()
    people = []
    for part in text.split(";"):
        part = clean(part)
        m = _FULL_NAME.fullmatch(part)
        name = clean(m.group("name")) if m else part
        if name:
            people.append(parse_person(name) if "," in name else Person(name=name))
    return tuple(people)


def authors(record: Record) -> tuple[Person, ...]:
    """The full names when the export has them for every author of the byline, else the byline."""
    printed = byline(record.first("Authors"))
    full = full_names(record.first("Author full names"))
    return full if full and (not printed or len(full) == len(printed)) else printed or full


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one row, and what it lacks."""
    problems: list[Diagnostic] = []
    title = clean(shared.strip_tags(record.first("Title")))
    original = ""
    if both := _TRANSLATED.fullmatch(title):
        title, original = clean(both.group(1)), clean(both.group(2))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where,
                                   f"row has no title (its 'Title' column is empty); shown as {UNTITLED!r}"))
    types = [t for t in (clean(record.first("Document Type")),) if t]
    kind = _KINDS.get(types[0].casefold(), "") if types else ""
    source = clean(record.first("Source title"))
    abbrev = clean(record.first("Abbreviated Source Title"))
    held = kind in CONTAINED_KINDS  # a chapter's book, a paper's proceedings
    unheld = held or (kind == "book" and shared.same_title(source, title))  # a book is its own "source"
    abstract_text = record.first("Abstract")
    if clean(abstract_text) == NO_ABSTRACT:
        abstract_text = ""
    lay, abstract, rights = shared.abstract(abstract_text)
    pmid = ids.pmid_from(record.first("PubMed ID"))
    doi = ids.doi_field(record.first("DOI"))
    year = clean(record.first("Year"))
    editors = byline(record.first("Editors")) if kind not in PERIODICAL_KINDS else ()
    article = Article(
        id=shared.article_id("", pmid, doi, record.first("EID"), title, "scopus"),
        title=title or UNTITLED,
        authors=authors(record),
        journal="" if unheld else source,
        journal_abbrev="" if unheld else abbrev,
        kind=kind,
        container=source if held else "",
        editors=editors,
        date=dates.from_parts(year) if re.fullmatch(r"\d{4}", year) else "",
        publisher=clean(record.first("Publisher")),
        languages=languages.parse([record.first("Language of Original Document")]),
        topics=shared.review_topics(types),
        pmid=pmid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        links=shared.links([record.first("Link")]),
        volume=clean(record.first("Volume")), issue=clean(record.first("Issue")),
        pages=shared.page_range(record.first("Page start"), record.first("Page end")),
        article_number=shared.page_range(record.first("Art. No.")),
        keywords=shared.split_keywords([record.first("Author Keywords"), record.first("Index Keywords")],
                                       commas=False),
        records=(record,),
        original_title=original,
        issns=ids.standard_numbers(record.values("ISSN")),  # "00368075", "1420911X; 00280836"
        isbns=ids.standard_numbers(record.values("ISBN")),
    )
    return article, problems
