"""Reader for PubMed's MEDLINE text format (the .nbib / .txt "Send to: Citation manager" export), and ERIC's .nbib
export of the same tags, whose records start at ``OWN - ERIC`` and have no PMID.

A sample (shortened; a real export has CRLF line ends and many more tags)::

    PMID- 31771968
    OWN - NLM
    DP  - 2020 Feb
    TI  - Resistance Mechanisms to SYK Inhibition in Acute Myeloid Leukemia.
    LID - 10.1158/2159-8290.CD-19-0209 [doi]
    AB  - Spleen tyrosine kinase (SYK) is a nonmutated therapeutic target in acute myeloid
          leukemia (AML). Attempts to exploit SYK therapeutically in AML have shown promising
    FAU - Cremer, Anjali
    AU  - Cremer A
    AUID- ORCID: 0000-0003-4701-842X
    FAU - Häupl, Björn
    AU  - Häupl B
    AD  - University Hospital Frankfurt, Department of Hematology/Oncology, Frankfurt/Main,
          Germany.
    LA  - eng
    PT  - Journal Article
    DEP - 20191126
    TA  - Cancer Discov
    PMC - PMC7058374
    AID - 10.1158/2159-8290.CD-19-0209 [doi]

Each line starts with a tag of up to four letters, padded to four columns, then "- " and the value; a value
that goes on continues on lines indented by six spaces, which PubMed's format means to be joined with a space.
A record starts at "PMID- " and ends at a blank line. Every tag line is one ``Field`` (a tag repeats, and the
order of FAU, AU and AUID lines tells whose ORCID an AUID is).

A chapter of a book on NCBI Bookshelf (PubMed's "PT  - Book Chapter") names its book, the book's editors,
publisher and place, and its Bookshelf accession instead of a journal::

    PMID- 21249755
    PB  - National Center for Biotechnology Information (US)
    TI  - Peutz-Jeghers Syndrome
    BTI - Cancer Syndromes
    CTI - (a collection the book belongs to, when it has one)
    EN  - (its edition, when the record gives one)
    FED - Riegert-Johnson, Douglas L
    ED  - Riegert-Johnson DL
    PL  - Bethesda (MD)
    AID - NBK1826 [bookaccession]
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model.article import Article, Field, OtherAbstract, Person, Record, Section
from ..model.identifiers import doi_from, pmcid_from, standard_numbers, typed_issns
from ..model.normalize import clean, parse_person, slugify, unique_folded
from ..model.sections import split_lay_summary, split_text
from . import nlm, shared
from .catalogue import split_lines

FORMAT = "medline-nbib"

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3}) *- ?(.*)\Z", re.S)


_ERIC = re.compile(r"OWN - ERIC\s*$", re.M)
"""ERIC's .nbib export: MEDLINE's tags, but a record starts at ``OWN - ERIC`` and has no PMID."""


_ERIC_ISSN = re.compile(r"\s*(?P<electronic>E)?ISSN-(?P<number>.*)", re.I | re.S)
"""ERIC's ISSN: the number after the medium's prefix ("ISSN-0191-8869", "EISSN-2375-5636"), or the prefix alone
where the work has no ISSN ("ISSN - EISSN-", a ProQuest dissertation's record)."""


_WITHOUT_PMID = re.compile(r"(?:IS|VI|IP|DP|TI)  - ")
"""The first line of a record without a PMID in site-builder's earlier MEDLINE downloads (cite/medline.py writes
PubMed's order, PMID first, and a record read from RIS or BibTeX has none; it now starts such a record with the tag
alone, "PMID- ", which Zotero's MEDLINE/nbib translator needs): site-builder is the one reader that takes them."""
_RIS_TYPE = re.compile(r"^TY  - ", re.M)


def sniff(head: str) -> bool:
    start = head.lstrip("\ufeff \t\r\n")
    return (start.startswith("PMID-") or _ERIC.match(start) is not None
            or _WITHOUT_PMID.match(start) is not None and _RIS_TYPE.search(start) is None)


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every record in a MEDLINE file, and the problems found (a stray line is kept, with a warning)."""
    diagnostics: list[Diagnostic] = []
    records: list[Record] = []
    for start, lines in _blocks(split_lines(text.removeprefix("\ufeff"))):
        fields, preamble = _fields(lines, start, path, diagnostics)
        if not fields:
            diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, start + 1),
                                          "text with no MEDLINE tag lines (expected lines such as 'PMID- 123' and "
                                          "'TI  - …'); this part of the file was not read as a record"))
            continue
        if fields[0].name != "PMID" and not _from_eric(fields[0]) and not _WITHOUT_PMID.match(lines[0]):
            diagnostics.append(Diagnostic(Level.WARNING, SourceSpan(path, fields[0].line),
                                          "a record that does not start with a 'PMID- ' line"))
        records.append(Record(FORMAT, SourceSpan(path, start + 1), tuple(fields), tuple(preamble)))
    return records, diagnostics


def eric_document_kind(types: tuple[str, ...]) -> str:
    """The kind of work the publication types (PT) of an ERIC document (ED) name: "Books", "Dissertations/Theses -
    Doctoral Dissertations", "Reports - Research"; "" for "Journal Articles" and anything else."""
    names = [clean(t) for t in types]
    if "Journal Articles" in names:
        return ""
    if "Books" in names:
        return "book"
    if any(n.startswith("Dissertations/Theses") for n in names):
        return "thesis"
    return "report" if any(n.startswith("Reports - ") for n in names) else ""


def _from_eric(f: Field) -> bool:
    return f.name == "OWN" and bool(f.values) and clean(f.values[0]) == "ERIC"


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Records as runs of lines with the 0-based index of their first line: blank lines and "PMID-" split them."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for i, line in enumerate(lines):
        if not line.strip():
            current = None
        elif current is None or line.startswith("PMID-"):
            current = [line]
            blocks.append((i, current))
        else:
            current.append(line)
    return blocks


def _fields(lines: list[str], start: int, path: str, diagnostics: list[Diagnostic]
            ) -> tuple[list[Field], list[str]]:
    fields: list[Field] = []
    preamble: list[str] = []
    for offset, line in enumerate(lines):
        m = None if line[:1].isspace() else _TAG_LINE.match(line)
        if m:
            fields.append(Field(m.group(1), (m.group(2).rstrip(),), start + offset + 1))
            continue
        if not line[:1].isspace():
            diagnostics.append(Diagnostic(
                Level.WARNING, SourceSpan(path, start + offset + 1),
                "a line that is neither 'TAG - value' nor an indented continuation; kept as "
                + ("part of the value before it" if fields else "text before the record's fields")))
        if fields:
            last = fields[-1]
            joined = f"{last.values[0]} {line.strip()}" if last.values[0] else line.strip()
            fields[-1] = Field(last.name, (joined,), last.line)
        else:
            preamble.append(line)
    return fields, preamble


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed article of one MEDLINE record, with warnings about what it lacks."""
    pmid = clean(record.first("PMID"))
    pmcid = pmcid_from(record.first("PMC"))
    eric = bool(record.fields) and _from_eric(record.fields[0])
    # ERIC gives its DOI as a link ("AID - http://dx.doi.org/10.…"), its record's page in LID; other exports
    # as "doi:10.…". An identifier PubMed names in brackets is a DOI only when it says so ("… [pii]" is not).
    doi = _doi(record.values("AID")) or _doi(record.values("LID")) or next(
        (found for v in record.values("AID") if "[" not in v and (found := doi_from(v))), "")
    eric_id = clean(record.first("OID")) if eric else ""
    # ERIC's EJ numbers are journal articles (whose PT may be "Reports - Research" alone), its ED numbers the rest
    eric_kind = eric_document_kind(record.values("PT")) if eric_id.upper().startswith("ED") else ""
    # ERIC's JT of a book, report or dissertation is who published it ("ACT, Inc.", "ProQuest LLC"), no journal
    eric_publisher = clean(record.first("JT")) if eric_kind else ""
    authors, et_al, bad_orcids = _authors(record)
    lay, abstract = split_lay_summary(split_text(record.first("AB")))
    abstract = shared.without_eric_abstractor(abstract) if eric else abstract  # "… records. (MVL)"
    when = _published(record)
    book = clean(record.first("BTI"))  # a Bookshelf book's title: the record is that book, or a chapter of it
    title = clean(record.first("TI")) or clean(record.first("TT"))
    # IS: "1367-4803 (Print)", "… (Electronic)", "… (Linking)"
    issns, issn_types = typed_issns([(value, "") for value in record.values("IS")] + _eric_issns(record))
    pages = clean(record.first("PG"))
    numbered = _numbered_pages(record)  # PG is the article's number
    article = Article(
        id=nlm.article_id(pmcid, pmid, doi) or (f"eric-{slugify(eric_id)}" if eric_id else "")
        or shared.article_id("", "", "", "", title or book, "pubmed"),
        title=title or book,
        # MEDLINE's TI is PubMed's English ArticleTitle; TT, the title in the article's own language.
        title_lang="en" if clean(record.first("TI")) else languages.tag_of(languages.parse(record.values("LA")))
        if clean(record.first("TT")) else "",
        original_title=clean(record.first("TT")) if clean(record.first("TI")) else "",
        original_title_lang=languages.tag_of(languages.parse(record.values("LA")))
        if clean(record.first("TI")) and clean(record.first("TT")) else "",
        other_abstracts=_other_abstracts(record),
        authors=authors,
        et_al=et_al,
        kind=("chapter" if title else "book") if book else eric_kind,
        container=book if title else "",
        editors=_people(record, "FED", "ED") if book else (),
        publisher=clean(record.first("PB")) if book else eric_publisher,
        edition=clean(record.first("EN")) if book else "",
        # PL is where a book was published; for a journal it is the journal's country ("United States").
        place=clean(record.first("PL")) if book else "",
        links=shared.links(record.values("LID")) if eric else nlm.bookshelf_links(
            _bracketed(record.values("AID"), "bookaccession")),
        # A Bookshelf book's collection (CTI, "GeneReviews®") is its series: the journal of a work no periodical
        # carries.
        journal="" if eric_publisher else clean(
            record.first("JT") or record.first("TA") or (record.first("CTI") if book else "")),
        journal_abbrev=clean(record.first("TA")),
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        online_only=when.online_only,
        languages=languages.parse(record.values("LA")),
        topics=nlm.topics_from_types(record.values("PT")),
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        lay_summary=lay,
        abstract=abstract,
        rights=" ".join(unique_folded(record.values("CI"))),
        volume=clean(record.first("VI")),
        issue=clean(record.first("IP")),
        pages="" if numbered else pages,
        # the article number PubMed cites in place of pages, for a work without them (PMID 36972330's "LID -
        # 001312", Microbiology's article 001312), or in PG (``_numbered_pages``)
        article_number=pages if numbered else "" if eric or pages else (
            _elocation(record.values("LID")) or _cited_pii(record.first("SO"), record.values("LID"))),
        keywords=unique_folded(v.lstrip("*") for v in record.values("OT")),
        mesh=tuple(h for v in record.values("MH") if (h := nlm.mesh_heading(v))),
        publication_types=tuple(clean(v) for v in record.values("PT") if clean(v)),
        notices=nlm.with_retraction((nlm.notice(nlm.NOTICE_TAGS[f.name], f.values[0]) for f in record.fields
                                     if f.name in nlm.NOTICE_TAGS and f.values and clean(f.values[0])),
                                    record.values("PT")),
        records=(record,),
        issns=issns, issn_types=issn_types,
        isbns=standard_numbers(record.values("ISBN")),
    )
    return article, _problems(record, article, bad_orcids)


def _authors(record: Record) -> tuple[tuple[Person, ...], bool, list[Field]]:
    """People in order: FAU ("Family, Given") with the AU ("Family GI") and AUID lines after it; CN groups.

    An AU without a FAU before it (older records) is a person of its own; "AU  - et al." (records of before
    1996, which list the first ten authors) says the list is cut, and names nobody. Returns whether the list is
    cut, and the AUID lines that hold no ORCID.
    """
    people: list[Person] = []
    bad: list[Field] = []
    et_al = False
    has_full = False  # whether the person last added came from a FAU line that its AU line repeats
    for f in record.fields:
        value = clean(f.values[0]) if f.values else ""
        if f.name in ("FAU", "AU") and shared.ET_AL.fullmatch(value):
            et_al, has_full = True, False
        elif f.name == "FAU" and value:
            people.append(parse_person(value))
            has_full = True
        elif f.name == "AU" and value:
            if not has_full:
                people.append(parse_person(_au_name(value)))
            has_full = False
        elif f.name == "CN" and value:
            people.append(Person(name=value))
            has_full = False
        elif f.name == "AUID" and people and value.upper().startswith("ORCID"):
            orcid = nlm.orcid_from(value)
            if orcid:
                p = people[-1]
                people[-1] = Person(p.name, p.family, p.given, p.suffix, orcid)
            else:
                bad.append(f)
    return tuple(people), et_al, bad


def _people(record: Record, full: str, short: str) -> tuple[Person, ...]:
    """People of a pair of tags (FED "Family, Given" with its ED "Family GI"), in order; an ED alone is a
    person of its own."""
    people: list[Person] = []
    has_full = False
    for f in record.fields:
        value = clean(f.values[0]) if f.values else ""
        if f.name == full and value:
            people.append(parse_person(value))
            has_full = True
        elif f.name == short and value:
            if not has_full:
                people.append(parse_person(_au_name(value)))
            has_full = False
    return tuple(people)


_OTHER_ABSTRACT_TYPE = re.compile(r"(AAMC|AIDS|KIE|PIP|NASA|Publisher|plain-language-summary): *")
"""How an OAB starts: the type of PubMed XML's ``<OtherAbstract Type="Publisher">``, as PubMed's MEDLINE
display writes it ("OAB - Publisher: La metodología …")."""


def _other_abstracts(record: Record) -> tuple[OtherAbstract, ...]:
    """Each OAB, with the language of the OABL after it: the abstract in another language. A plain-language
    summary is not a translation."""
    found: list[tuple[str, list[Section], bool]] = []  # (language, sections, a translation)
    for f in record.fields:
        if f.name == "OAB" and f.values:
            kind = _OTHER_ABSTRACT_TYPE.match(f.values[0])
            text = f.values[0][kind.end():] if kind else f.values[0]
            found.append(("", split_text(text), not kind or kind[1] != "plain-language-summary"))
        elif f.name == "OABL" and f.values and found and not found[-1][0]:
            found[-1] = (f.values[0], *found[-1][1:])
    return nlm.other_abstracts((language, sections) for language, sections, translated in found if translated)


def _bracketed(values: tuple[str, ...], kind: str) -> list[str]:
    """The values of AID or LID lines of one kind ("NBK1826 [bookaccession]" → "NBK1826")."""
    return [clean(v.rstrip()[:-len(kind) - 2]) for v in values if v.rstrip().endswith(f"[{kind}]")]


def _au_name(au: str) -> str:
    """ "Woyach JA" → "Woyach, JA": the initials are the last word. ERIC's AU is "Family, Given" already
    ("van Groen, Maaike M."): taken as it is, its last initial a given name's, not a family name's suffix."""
    if "," in au:
        return au
    family, _, initials = au.rpartition(" ")
    return f"{family}, {initials}" if family and initials.isupper() else au


def _doi(values: tuple[str, ...]) -> str:
    for value in values:
        if value.rstrip().endswith("[doi]"):
            return clean(value.rstrip()[:-len("[doi]")])
    return ""


_CITED_LOCATION = re.compile(r";[^;:]*:(?P<location>[^\s.;:]+)\.")
"""Where PubMed's citation (SO) puts a work: "Ann Psychiatry Clin Neurosci. 2021;4(1):1042. Epub 2021 Dec 27."."""


def _cited_pii(source: str, lids: tuple[str, ...]) -> str:
    """The publisher's id that PubMed's citation prints in place of the pages of a work that has none: an
    article number "1042" that LID gives only as "1042 [pii]"; "" when the citation shows another place."""
    m = _CITED_LOCATION.search(clean(source))
    return m["location"] if m and m["location"] in _bracketed(lids, "pii") else ""


def _numbered_pages(record: Record) -> bool:
    """Is PG the article's number: one of the record's publisher item ids ("AID - lqaa070 [pii]") or its electronic
    location (a bare LID), as the PubMed XML reader reads MedlinePgn (PMID 33043294, NAR Genomics and
    Bioinformatics: "PG - lqaa070", "LID - lqaa070", "AID - lqaa070 [pii]")?"""
    pages = clean(record.first("PG"))
    locations = (*_bracketed((*record.values("AID"), *record.values("LID")), "pii"), _elocation(record.values("LID")))
    return bool(pages) and pages in locations


def _elocation(values: tuple[str, ...]) -> str:
    """The article's electronic location ("LID - e134973"), which PubMed cites in place of pages: the LID
    without a bracketed kind ("[doi]", "[pii]" are identifiers)."""
    return next((clean(v) for v in values if clean(v) and not clean(v).endswith("]")), "")


def _eric_issns(record: Record) -> list[tuple[str, str]]:
    """ERIC's ISSN values, each with the medium its prefix names ("EISSN-…": electronic)."""
    issns = []
    for value in record.values("ISSN"):
        m = _ERIC_ISSN.fullmatch(value)
        if m and not m.group("number").strip():
            continue  # the prefix alone, no number: it was shown as the ISSN "EISSN-"; the full record keeps it
        issns.append((value, "electronic" if m and m.group("electronic") else ""))
    return issns


def _published(record: Record) -> dates.Published:
    """The issue date DP ("2014 Dec", kept as printed when it is "2014 Nov-Dec" or "2018 Spring") and the
    electronic date DEP ("20131028"). ``PST - epublish`` says the article was published online only. ERIC
    writes the month first ("Apr 2019"), and sometimes the article number too ("Article 10 2019": the year)."""
    printed = clean(record.first("DP"))
    issue = dates.read_printed(shared.year_then_month(printed))
    if not issue.iso and len(years := _YEAR.findall(printed)) == 1:
        issue = dates.PrintedDate(years[0])
    return dates.published(issue, _dep(record), clean(record.first("PST")) == "epublish")


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _dep(record: Record) -> str:
    dep = clean(record.first("DEP"))
    return dates.from_parts(dep[:4], dep[4:6], dep[6:]) if re.fullmatch(r"\d{8}", dep) else ""


def _problems(record: Record, article: Article, bad_orcids: list[Field]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    where = record.where
    if not (article.pmid or article.pmcid or article.doi or article.id.startswith("eric-")):
        found.append(Diagnostic(Level.ERROR, where, "no PMID, PMC or DOI (nor ERIC's OID): the article links to no "
                                                    "source and its page is named after its title"))
    if not article.date and record.first("DP"):
        found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, record.line_of("DP")),
                                f"DP {record.first('DP')!r} holds no year"))
    if record.first("DEP") and not _dep(record):
        found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, record.line_of("DEP")),
                                f"DEP {record.first('DEP')!r} is not a date (expected YYYYMMDD); left out"))
    found.extend(Diagnostic(Level.WARNING, SourceSpan(where.path, f.line),
                            f"AUID {f.values[0]!r} holds no ORCID; left out") for f in bad_orcids)
    return found
