"""One Article per work: the same work read from several sources (a catalogue dump, PubMed, a reference manager)
becomes one article whose fields are merged by a fixed precedence, and which keeps every source's Record.

Two articles are the same work when they share a DOI (case-folded), a PMID or a PMCID (with its "PMC"), or, when
their identifiers do not contradict each other, the same normalized title and year, not in two volumes (for a
record that names no year, the same title as exactly one work), a thesis only with a thesis. Identifiers that
disagree inside one work (two DOIs for one PMID) are reported, naming both files and lines; the preferred source's
value is shown, unless it is another source's DOI with text glued on ("10.1038/nprot.2010.116.Data"): the clean
value is shown then, and the two do not keep a title and year apart. A DOI alone does not join two records whose
titles and bylines both differ (the abstracts of a conference supplement share its DOI): they stay apart, with a
warning.

Precedence, best first (``PRECEDENCE``): the catalogue dump, VuFind records and MARC records are what the library
curates; PubMed XML is NLM's structured original; MEDLINE text is the same data flattened; JATS is the publisher's
front matter, whose journal names and dates vary by publisher, and the PLOS search API's documents are PLOS's own;
Europe PMC's search results are PubMed's record with PMC's, ERIC's API documents ERIC's own; Ovid's export is a
database's record with its source line to be parsed; CSL-JSON, Crossref's API answers (what a publisher deposited),
RIS, EndNote tagged and BibTeX are reference-manager exports, often abbreviated, retyped or reduced to initials; the
CSV exports of Scopus, Web of Science, Zotero, Lens.org, OpenAlex, Dimensions, EBSCOhost, ProQuest (its XLS) and
RefWorks give full names and abstracts (OpenAlex's API JSON too, before its CSV: it keeps each name as the work
wrote it and tells its ORCID iDs), IEEE Xplore's initials and abstracts, Embase's initials; PubMed's CSV export is
PubMed's record reduced to initials, the journal's abbreviation and a citation to be parsed, the Cochrane Library's
gives initials; Rayyan's and Covidence's are what a screening tool kept of another export; Word's bibliography is
what an author typed into Word's source manager, often without a title or an identifier; a Citavi project's is what
its user typed or imported, with full names but its own types and dates; last, Google Scholar's own CSV and Publish
or Perish's exports of its results, whose titles and publications Google Scholar cuts short.

- bibliographic fields (id, title, journal and its abbreviation, date, publisher and place, edition, volume,
  issue, pages, article number, identifiers, rights): the first source that has a value; the journal's title comes
  first from a source that gives its abbreviation apart, and a journal article keeps the other names its sources
  give the journal (``journal_names``); a date is made more precise by a later source that agrees with it, and a
  source's only date is not taken for the issue's when another source names it as the electronic date; when the
  sources' years differ, the date is the first of those of the latest year (an article goes online before its
  issue, and Lens.org's and Dimensions' exports date it online: Lens's "2021/07/22" for an article of the June
  2022 issue), the other dates staying in their sources' records;
- authors: the byline of the first source that has one (not one that names people twice where another source
  names them once), with ORCIDs filled in from the others, name by name;
  editors, translators, series editors, the book's authors, MeSH headings, publication types: each those of the
  first source that names any;
- abstract and lay summary: the richest (most text), ties to precedence; the abstracts in other languages, the
  richest in each language;
- the original title and the translated titles: those of the first source that gives any, but a title the page
  already shows (one work titled in Spanish by SciELO with its English title beside, in English by Embase with
  the Spanish original: the English title is the page's, the Spanish its original, and no translation is shown
  twice);
- languages, formats, topics, keywords, links, ISSNs and ISBNs: the union, in precedence order;
- notices (retraction, concern, errata, updates, comments): the union, one per kind and PMID (or DOI, or
  citation), in precedence order; a retraction that only a publication type states gives way to one that names
  its notice;
- records: every source's record, in precedence order.

A name of the byline is also taken from another source that writes the same letters with initials apart: "Lau,
Annie Y S" for a PMC-derived record's "Lau, Annie Ys", which lost the boundaries between them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from itertools import chain

from ..diagnostics import Diagnostic, Level, SourceSpan
from . import languages
from .article import UNTITLED, Article, Link, Notice, OtherAbstract, Person, Section
from .dates import Published
from .identifiers import (
    doi_key,
    is_cut_sici,
    is_glued_form,
    issn_key,
    pmcid_key,
    pmid_key,
    standard_numbers,
    typed_issns,
)
from .names import NameForm, fits, name_form
from .normalize import alnum, unique_folded

PRECEDENCE = ("catalogue-dump", "vufind-solr-json", "marc", "pubmed-xml", "medline-nbib", "jats-xml", "plos-json",
              "europepmc-json", "eric-json", "ovid", "csl-json", "crossref-json", "ris", "endnote", "endnote-xml",
              "mods-xml", "scopus-csv", "wos-csv", "zotero-csv", "lens-csv", "openalex-json", "openalex-csv",
              "dimensions-csv", "ebsco-csv", "proquest-xls",
              "refworks-tagged", "refworks-tsv", "ieee-csv", "embase-text", "embase-csv", "embase-cited-csv",
              "pubmed-csv", "cochrane-csv",
              "rayyan-csv", "covidence-csv", "eppi-table", "abstrackr-csv", "bibtex", "msbib", "citavi", "scholar-csv",
              "pop-csv", "pop-json")
MIN_TITLE_CHARS = 20
"""Shorter titles ("Editorial", "Erratum", "Letter to the editor") recur within a year, so they never match."""

_ID_KINDS = ("doi", "pmid", "pmcid")
_ID_NAMES = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}


def title_key(title: str) -> str:
    """Letters and digits only, accents and case folded: "Liver-Directed Therapy." ~ "liver directed therapy"."""
    decomposed = unicodedata.normalize("NFKD", title.removeprefix("[").casefold())
    return alnum(decomposed)


def identifiers(article: Article) -> dict[str, str]:
    """The article's normalized DOI, PMID and PMCID (only those it has)."""
    found = {"doi": doi_key(article.doi), "pmid": pmid_key(article.pmid), "pmcid": pmcid_key(article.pmcid)}
    return {kind: value for kind, value in found.items() if value}


def rank(article: Article) -> tuple[int, SourceSpan]:
    """Sort key of a source: its format's precedence, then its place in the content folder."""
    fmt = article.records[0].format if article.records else ""
    return (PRECEDENCE.index(fmt) if fmt in PRECEDENCE else len(PRECEDENCE), article.where)


MergeKeys = tuple[dict[str, str], str]
"""What grouping compares of an article: its ``identifiers`` and its title key (``title_match_key``)."""


def merge_keys(article: Article) -> MergeKeys:
    """An article's ``MergeKeys``: worked out when its record file is read and kept with it in the build cache
    (model/packing.py), as making them again for every article took 0.05 s of each rebuild at 10,000 records."""
    return identifiers(article), title_match_key(article)


def merge_articles(articles: list[Article], known: Mapping[int, MergeKeys] | None = None
                   ) -> tuple[list[Article], list[Diagnostic]]:
    """One article per work, in the order of each work's first source; warnings for contradicting identifiers
    and for a DOI that two different works give. ``known``: the ``merge_keys`` of articles by their id, as
    unpacking gave them (packing.Shared.merge_keys); those of the others are made here."""
    apart: list[tuple[Article, Article, str]] = []
    found = [known.get(id(a)) or merge_keys(a) for a in articles] if known else [merge_keys(a) for a in articles]
    groups = _group(articles, [ids for ids, _ in found], [key for _, key in found], apart)
    del found
    merged: list[Article] = []
    problems = [_shared_doi(article, other, doi) for article, other, doi in apart]
    for members in groups:
        if len(members) == 1:  # most works have one source: nothing to order, merge or compare
            merged.append(members[0])
            continue
        ordered = sorted(members, key=rank)
        problems += _conflicts(ordered)
        merged.append(merge_work(ordered))
    return merged, problems


def _group(articles: list[Article], ids: list[dict[str, str]], title_keys: list[str],
           apart: list[tuple[Article, Article, str]]) -> list[list[Article]]:
    """Works as lists of articles: joined by any shared identifier, then by title and year where that agrees.

    A DOI alone does not join two records whose titles name different works: conference abstracts carry their
    supplement's DOI, and the parts of a series one DOI; such pairs are added to ``apart``.
    """
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, dict[str, int]] = {kind: {} for kind in _ID_KINDS}  # a kind → a value → its first record
    for i, found in enumerate(ids):
        for kind, value in found.items():
            j = first_with[kind].setdefault(value, i)
            if j == i:  # the first record of this value: nothing to join yet
                continue
            if kind == "doi" and _other_work(articles[i], articles[j], found, ids[j]):
                apart.append((articles[i], articles[j], value))
                continue
            parent[find(i)] = find(j)
    del first_with  # let go before joining by title, which makes maps of its own
    _join_by_title(articles, ids, title_keys, find, parent)
    # Each work's records in file order, the works in the order of their first records. Only the records that
    # were joined to another are looked up: nearly every work has one record (at 10,000 records, a look-up of
    # each took 5 ms of an edit's rebuild).
    joined: dict[int, list[int]] = {}  # a work's root record → its other records
    for i in [i for i, p in enumerate(parent) if p != i]:
        joined.setdefault(find(i), []).append(i)
    by_first: dict[int, list[int]] = {}  # a work of several records by its first record → its records
    for root, others in joined.items():
        by_first[min(root, others[0])] = sorted([root, *others])
    works: list[list[Article]] = []
    for i, article in enumerate(articles):
        if (records := by_first.get(i)) is not None:
            works.append([articles[j] for j in records])
        elif parent[i] == i and i not in joined:
            works.append([article])
    return works


def _other_work(a: Article, b: Article, ids_a: dict[str, str], ids_b: dict[str, str]) -> bool:
    """Whether two records that give one DOI are different works: no PMID or PMCID joins them, their titles (both
    long enough to tell) share less than half of the shorter one's words, so does each title with the other's
    original and translated titles, and their bylines share no family name. The authors decide as much as the
    titles: one work is often titled in two languages ("Chronosequence après feu …" in Scopus, "Postfire sequence
    …" in Web of Science), while a supplement's abstracts have authors of their own. The other titles decide where
    the authors cannot: SciELO titles a work in Spanish with its English title beside it, Embase in English with
    the Spanish original, and Embase reads "Medina Bueno, Gonzalo Arturo" as "Bueno, G.A.M."."""
    if any(ids_a.get(kind) and ids_a.get(kind) == ids_b.get(kind) for kind in ("pmid", "pmcid")):
        return False
    if min(len(_words(a.title)), len(_words(b.title))) < _MIN_TITLE_WORDS:
        return False  # too short to tell
    if any(_share_half(_words(title_a), _words(title_b)) for title_a in _titles(a) for title_b in _titles(b)):
        return False
    families_a, families_b = _families(a), _families(b)
    return bool(families_a and families_b) and not families_a & families_b


_MIN_TITLE_WORDS = 4


def _share_half(words_a: set[str], words_b: set[str]) -> bool:
    """Whether two titles' words, the shorter one long enough to tell, share at least half of the shorter's."""
    shorter = min(len(words_a), len(words_b))
    return shorter >= _MIN_TITLE_WORDS and len(words_a & words_b) * 2 >= shorter


def _titles(article: Article) -> list[str]:
    """The article's title, its original title and its translated titles."""
    return [article.title, *filter(None, [article.original_title]),
            *(title for title, _lang in article.translated_titles)]


def _words(title: str) -> set[str]:
    """The words of a title longer than two letters, accents and case folded ("RAIN-FORESTS" → rain, forests)."""
    return {w for w in re.split(r"[\W_]+", _folded(title)) if len(w) > 2}


def _families(article: Article) -> set[str]:
    return {alnum(_folded(p.family or p.name)) for p in article.authors}


def _folded(text: str) -> str:
    """Case folded, accents taken off ("Thérapie" → "therapie")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _shared_doi(article: Article, other: Article, doi: str) -> Diagnostic:
    return Diagnostic(
        Level.WARNING, article.where,
        f"this record and {other.where} give the same DOI {doi!r} but name different works "
        f"({article.title[:60]!r} and {other.title[:60]!r}): they keep a page each, both linked to that DOI "
        f"(a supplement's or a series' DOI, or a wrong DOI in one of them)")


def _join_by_title(articles: list[Article], found: list[dict[str, str]], keys: list[str],
                   find: Callable[[int], int], parent: list[int]) -> None:
    """Join works with the same title and year unless they hold different values of one identifier; then a record
    that names no year (abstrackr's export has none) to the one work of its title, when exactly one has it.

    Only the works of titles that more than one record gives are looked at again: a collection's titles are
    nearly all its own, and a set of identifiers for every work took 8.9 MB at 10,000 records (tracemalloc)."""
    dated: dict[str, list[int]] = {}  # a title → the records of it that name a year
    for i, (key, article) in enumerate(zip(keys, articles, strict=True)):
        if key and article.date:  # (a year: the date's first four characters)
            dated.setdefault(key, []).append(i)
    undated = [i for i, (key, article) in enumerate(zip(keys, articles, strict=True))
               if not article.date and key and key in dated]
    alike = [same for same in dated.values() if len(same) > 1]
    looked_at = chain(chain.from_iterable(alike), undated, chain.from_iterable(dated[keys[i]] for i in undated))
    ids = _identifiers_of_works({find(i) for i in looked_at}, found, find, parent)

    def join(a: int, b: int) -> None:
        if a == b or _contradict(ids.get(a, {}), ids.get(b, {})):
            return
        parent[a] = b
        for kind, values in ids.pop(a, {}).items():
            ids.setdefault(b, {}).setdefault(kind, set()).update(values)

    # Web of Science lists an erratum once per issue that printed it ("… (vol 5, 100120, 2020)" in volume 4 and
    # again in volume 6 of one year): records that name different volumes are different works.
    firsts: dict[tuple[str, str], list[int]] = {}  # a title and year → its first record of each volume
    for i in sorted(chain.from_iterable(alike)):
        same = firsts.setdefault((keys[i], articles[i].year), [])
        if (j := next((j for j in same if not _other_volumes(articles[i], articles[j])), None)) is None:
            same.append(i)
        else:
            join(find(i), find(j))
    for i in undated:
        if len(works := {find(j) for j in dated[keys[i]]}) == 1:
            join(find(i), works.pop())


def title_match_key(article: Article) -> str:
    """The key of an article's title that works of one title and year are joined by; "" for a title too short
    to tell a work by."""
    # A thesis and the journal article drawn from it often share title and year (APA PsycInfo, on EBSCOhost, lists
    # Schatten's dissertation "The roles of social stress and decision-making in non-suicidal self-injury" and her
    # Psychiatry Research article of 2015): they are two works, so the title keys of theses are kept apart.
    key = title_key(article.title)
    return _thesis_mark(article) + key if len(key) >= MIN_TITLE_CHARS and article.title != UNTITLED else ""


def _other_volumes(a: Article, b: Article) -> bool:
    """Whether two records name volumes with different numbers: "4" and "6", not "92-93" and "92", nor "21 ( Pt 3)"
    and "21" (PubMed's volume that names a part), nor a volume and none."""
    first_a, first_b = _VOLUME_NUMBER.search(a.volume), _VOLUME_NUMBER.search(b.volume)
    return first_a is not None and first_b is not None and int(first_a[0]) != int(first_b[0])


_VOLUME_NUMBER = re.compile(r"[0-9]+")


def _thesis_mark(article: Article) -> str:
    """A mark that keeps a thesis's title key apart from other works': its kind says so, or it is listed in
    Dissertation Abstracts, which some databases (Ovid's PsycInfo, Scopus) index as a journal."""
    return "thesis:" if article.kind == "thesis" or "dissertation abstracts" in article.journal.casefold() else ""


def _identifiers_of_works(roots: set[int], found: list[dict[str, str]], find: Callable[[int], int],
                          parent: list[int]) -> dict[int, dict[str, set[str]]]:
    """The identifiers of each of these works (by its root record), gathered from all of its records."""
    ids: dict[int, dict[str, set[str]]] = {}
    # the works' records: their roots, and records joined to another (few) whose root is one of them
    for i in chain(roots, [i for i, p in enumerate(parent) if p != i]):
        if (root := find(i)) in roots:
            for kind, value in found[i].items():
                ids.setdefault(root, {}).setdefault(kind, set()).add(value)
    return ids


def _contradict(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    return any(kind in b and not any(_agree(kind, x, y) for x in values for y in b[kind]) for kind, values in a.items())


def _agree(kind: str, a: str, b: str) -> bool:
    """Equal values, or two DOIs of which one is the other with text glued on."""
    return a == b or (kind == "doi" and (is_glued_form(a, b) or is_glued_form(b, a)))


def _shown(kind: str, values: Iterable[str]) -> str:
    """The value a page shows among one work's values in precedence order: the first, unless it is a later
    DOI with text glued on, then that clean DOI (the shortest, should several be), or a SICI DOI cut at its
    bracket, then the whole one."""
    ordered = [v for v in values if v]
    first = ordered[0] if ordered else ""
    if kind != "doi":
        return first
    if whole := next((v for v in ordered if is_cut_sici(v, first)), ""):
        return whole
    return min((v for v in ordered if is_glued_form(first, v) and not is_cut_sici(first, v)), key=len,
               default=first)


def _conflicts(ordered: list[Article]) -> list[Diagnostic]:
    """A warning for each identifier with two values in one work, at the later source, naming both."""
    problems: list[Diagnostic] = []
    if len(ordered) < 2:
        return problems
    ids = [identifiers(a) for a in ordered]
    for kind in _ID_KINDS:
        kept = _shown(kind, (getattr(article, kind) for article in ordered))  # as written, as the page shows it
        first: tuple[str, Article] | None = None
        reported: set[str] = set()
        for article, article_ids in zip(ordered, ids, strict=True):
            value = article_ids.get(kind)
            if not value:
                continue
            if first is None:
                first = (value, article)
            elif value != first[0] and value not in reported:
                reported.add(value)
                there, source = first
                glued = (" (one cut at its bracket)" if is_cut_sici(value, there) or is_cut_sici(there, value)
                         else " (the other with text glued on)" if _agree(kind, value, there) else "")
                problems.append(Diagnostic(
                    Level.WARNING, article.where,
                    f"this record and {source.where} are one work with two {_ID_NAMES[kind]}s{glued}: "
                    f"{getattr(article, kind)!r} here, {getattr(source, kind)!r} there ({_evidence(source, article)}); "
                    f"the page shows {kept!r}"))
    return problems


def _evidence(a: Article, b: Article) -> str:
    ids_a, ids_b = identifiers(a), identifiers(b)
    shared = [f"{_ID_NAMES[k]} {v}" for k, v in ids_a.items() if ids_b.get(k) == v]
    return "same " + ", ".join(shared) if shared else "same title and year"


def merge_work(ordered: list[Article]) -> Article:
    """The sources of one work, best first, as one article (the rules are in the module docstring)."""
    best = ordered[0]
    when = _dates(ordered)
    issns, issn_types = _issns(ordered)
    # A source that gives an abbreviation apart tells the journal's title from it; the catalogue dump's one
    # form is NLM's abbreviation.
    journal = _first(ordered, lambda a: a.journal if a.journal_abbrev else "") or _first(ordered, lambda a: a.journal)
    journal_abbrev = _first(ordered, lambda a: a.journal_abbrev)
    title = _first(ordered, lambda a: a.title)
    original = next((a for a in ordered if a.original_title and not _same_title(a.original_title, title)), None)
    original_title = original.original_title if original else ""
    translated = next((a.translated_titles for a in ordered if a.translated_titles), ())
    return replace(
        best,
        title=title,
        title_styles=next((a.title_styles for a in ordered if a.title), ()),
        title_lang=next((a.title_lang for a in ordered if a.title), ""),
        original_title=original_title,
        original_title_lang=original.original_title_lang if original else "",
        translated_titles=tuple(pair for pair in translated
                                if not any(_same_title(pair[0], shown) for shown in (title, original_title))),
        authors=_byline(ordered),
        et_al=next((a.et_al for a in ordered if a.authors), False),
        author_spellings=_spellings(_byline(ordered), ordered),
        journal=journal,
        journal_abbrev=journal_abbrev,
        journal_names=_journal_names(ordered, (journal, journal_abbrev)),
        journal_sources=tuple(n for a in ordered for n in (a.journal_sources or (a.journal,)) if n),
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        online_only=when.online_only,
        publisher=_first(ordered, lambda a: a.publisher),
        place=_first(ordered, lambda a: a.place),
        edition=_first(ordered, lambda a: a.edition),
        languages=languages.union(a.languages for a in ordered),
        formats=unique_folded(f for a in ordered for f in a.formats),
        topics=unique_folded(t for a in ordered for t in a.topics),
        pmid=_first(ordered, lambda a: a.pmid),
        pmcid=_first(ordered, lambda a: a.pmcid),
        doi=_shown("doi", (a.doi for a in ordered)),
        lay_summary=_richest(a.lay_summary for a in ordered),
        abstract=_richest(a.abstract for a in ordered),
        other_abstracts=_other_abstracts(ordered),
        rights=_first(ordered, lambda a: a.rights),
        licence_url=_first(ordered, lambda a: a.licence_url),
        links=_links(ordered),
        volume=_first(ordered, lambda a: a.volume),
        issue=_first(ordered, lambda a: a.issue),
        pages=_first(ordered, lambda a: a.pages),
        article_number=_first(ordered, lambda a: a.article_number),
        keywords=unique_folded(k for a in ordered for k in a.keywords),
        issns=issns, issn_types=issn_types,
        isbns=standard_numbers(n for a in ordered for n in a.isbns),
        notices=_notices(ordered),
        kind=_first(ordered, lambda a: a.kind),
        container=_first(ordered, lambda a: a.container),
        editors=next((a.editors for a in ordered if a.editors), ()),
        translators=next((a.translators for a in ordered if a.translators), ()),
        series_editors=next((a.series_editors for a in ordered if a.series_editors), ()),
        container_authors=next((a.container_authors for a in ordered if a.container_authors), ()),
        mesh=next((a.mesh for a in ordered if a.mesh), ()),
        publication_types=next((a.publication_types for a in ordered if a.publication_types), ()),
        records=tuple(r for a in ordered for r in a.records),
    )


def _issns(ordered: list[Article]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every source's ISSNs, in precedence order, each once, with what any source says each is."""
    return typed_issns((number, a.issn_types[n] if a.issn_types else "")
                       for a in ordered for n, number in enumerate(a.issns))


def _same_title(a: str, b: str) -> bool:
    """Whether two titles are one, case, accents and punctuation aside."""
    return bool(a) and title_key(a) == title_key(b)


def _first(ordered: list[Article], value: Callable[[Article], str]) -> str:
    return next((v for a in ordered if (v := value(a))), "")


def _dates(ordered: list[Article]) -> Published:
    """The first issue date of the latest year the sources give, made more precise by a later one that agrees
    ("2021" and "2021-03-24"), with the first electronic date beside it.

    A source that gives one date only (the catalogue dump, a reference manager) may give the electronic one:
    when another source names that date as the electronic date, it is not the issue's. A date kept as printed
    ("2014 Nov-Dec") is not made more precise.
    """
    epub_source = next((a for a in ordered if a.epub_date), None)
    epub = epub_source.epub_date if epub_source else ""
    issue_dated = [a for a in ordered if a.date and a.date != epub] or [a for a in ordered if a.date]
    if not issue_dated:
        return Published("", "", epub, bool(epub_source and epub_source.online_only))
    # Sources that disagree on the year mostly disagree as the online date and the issue's, which comes later:
    # CiteSource's gambling-harms and wildfire searches hold 41 works whose sources' years differ, and the later
    # year is the issue's in 39 (Lens.org's RIS dates each article online, Dimensions' its online year; PubMed,
    # PsycInfo, Web of Science and Scopus the issue). The year most sources give was the issue's in 20: Lens,
    # Dimensions and the screening exports copied from Dimensions outnumber the sources that date the issue. The
    # two misses: Scopus's 2021 for an April 2020 issue, and its 2021 for a Frontiers article PubMed dates 2020.
    latest = max(a.date[:4] for a in issue_dated)
    base = next(a for a in issue_dated if a.date[:4] == latest)
    date = base.date
    for article in issue_dated if not base.date_printed else ():
        if len(article.date) > len(date) and article.date.startswith(date):
            date = article.date
    return Published(date, base.date_printed, "" if epub == date else epub,
                     bool(epub_source and epub_source.online_only and epub != date))


def _richest(candidates: Iterable[tuple[Section, ...]]) -> tuple[Section, ...]:
    """The sections with the most text; the first (best source) wins a tie."""
    best: tuple[Section, ...] = ()
    for sections in candidates:
        if sum(len(s.text) for s in sections) > sum(len(s.text) for s in best):
            best = sections
    return best


def _other_abstracts(ordered: list[Article]) -> tuple[OtherAbstract, ...]:
    """One abstract per language (one whose language no source names, per text): the richest, first seen first."""
    kept: dict[str, OtherAbstract] = {}
    for other in (o for a in ordered for o in a.other_abstracts):
        key = other.language.name.casefold() or "\0" + other.sections[0].text
        kept[key] = max(kept.get(key, other), other, key=lambda o: sum(len(s.text) for s in o.sections))
    return tuple(kept.values())


def _links(ordered: list[Article]) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for article in ordered:
        for link in article.links:
            seen.setdefault(link.url, link)
    return tuple(seen.values())


def _notices(ordered: list[Article]) -> tuple[Notice, ...]:
    seen: dict[tuple[str, str], Notice] = {}
    for notice in (n for a in ordered for n in a.notices):
        key = notice.pmid or doi_key(notice.doi) or alnum(notice.citation.casefold())
        seen.setdefault((notice.kind, key), notice)
    named = {kind for kind, key in seen if key}
    return tuple(n for (kind, key), n in seen.items() if key or kind not in named)


def _byline(ordered: list[Article]) -> tuple[Person, ...]:
    """The best source's byline; a name without an ORCID takes one that another source gives the same person
    at the same place in its byline (same family name, accents and case aside), and the other source's name
    when it writes the same letters with more initials apart."""
    byline = next((a.authors for a in ordered if a.authors and not _names_twice(a.authors, ordered)), ())
    people = list(byline)
    for article in ordered:
        if len(article.authors) != len(people):
            continue
        for n, (mine, theirs) in enumerate(zip(people, article.authors, strict=True)):
            if not _family(mine) or _family(mine) != _family(theirs):
                continue
            if _spaced_apart(theirs, mine):
                people[n] = mine = replace(theirs, orcid=mine.orcid or theirs.orcid)
            if not mine.orcid and theirs.orcid:
                people[n] = replace(mine, orcid=theirs.orcid)
    return tuple(people)


def _names_twice(byline: tuple[Person, ...], ordered: list[Article]) -> bool:
    """Whether the byline names people twice, as another source of the work shows: EBSCOhost's Criminal Justice
    Abstracts writes "Jackson, Alun; Christensen, Darren; …" and then "Jackson, Alun C; Christensen, Darren R; …",
    where PubMed, Scopus and PsycINFO name each of the four once. A later name that fits an earlier one of the
    byline is a repeat when another source's byline is this one without the repeats, family name by family name."""
    shorter = [a.authors for a in ordered if a.authors is not byline and len(a.authors) < len(byline)]
    if not shorter:  # nearly every work: no source names fewer people (and a consortium's thousands are not
        return False  # compared name by name)
    seen: dict[str, list[NameForm]] = {}  # by family name: ``fits`` only pairs forms of one family
    once: list[str] = []
    for person in byline:
        form = name_form(person)
        if form is not None and not form.group and any(fits(earlier, form) for earlier in seen.get(form.family, ())):
            continue
        if form is not None:
            seen.setdefault(form.family, []).append(form)
        once.append(_family(person))
    return len(once) < len(byline) and any([_family(p) for p in authors] == once for authors in shorter)


def _spaced_apart(theirs: Person, mine: Person) -> bool:
    """The same name, with initials written apart that ``mine`` runs together as if they were a name ("Y S" for
    "Ys", "A.C." for "Ac"); MEDLINE's upper-case "LB" and a name spaced otherwise ("Won Yong") are left alone."""
    if theirs.family != mine.family:
        return False
    want = [p for p in _GIVEN_PARTS.split(theirs.given) if p]
    glued = False
    for part in (p for p in _GIVEN_PARTS.split(mine.given) if p):
        if want and part.casefold() == want[0].casefold():
            want.pop(0)
            continue
        letters = [want.pop(0) for _ in range(len(part)) if want and len(want[0]) == 1]
        if len(part) < 2 or part.isupper() or "".join(letters).casefold() != part.casefold():
            return False
        glued = True
    return glued and not want


_GIVEN_PARTS = re.compile(r"[\s.\-\u2010\u2011]+")


def _spellings(byline: tuple[Person, ...], ordered: list[Article]) -> tuple[tuple[str, ...], ...]:
    """Per position of ``byline``, the other sources' forms of that name (aligned as ``_byline`` aligns them)."""
    forms: list[dict[str, None]] = [{} for _ in byline]
    for article in ordered:
        if len(article.authors) != len(byline):
            continue
        for n, (mine, theirs) in enumerate(zip(byline, article.authors, strict=True)):
            if theirs.name != mine.name and _family(mine) and _family(mine) == _family(theirs):
                forms[n].setdefault(theirs.name)
    return tuple(tuple(f) for f in forms) if any(forms) else ()


def _journal_names(ordered: list[Article], shown: tuple[str, str]) -> tuple[str, ...]:
    """The names the sources of a journal article give its journal, titles and abbreviations, other than the
    ``shown`` title and abbreviation, in precedence order; only from sources that give an ISSN another source
    gives too (Lens.org names some journals "Deleted Journal"), and () for other kinds, whose sources may name a
    book, its series or a proceedings alike."""
    if any(a.kind for a in ordered):
        return ()
    issns = [{issn_key(n) for n in a.issns} for a in ordered]  # Lens.org's "0893164x" is "0893-164X"
    matched = [a for i, a in enumerate(ordered) if any(issns[i] & other for j, other in enumerate(issns) if j != i)]
    names = dict.fromkeys(n for a in matched for n in (a.journal, a.journal_abbrev) if n and n not in shown)
    return tuple(names)


def _family(person: Person) -> str:
    return title_key(person.family)
