"""Reader for CSL-JSON (Zotero, Manubot, citeproc exports): an array of items, or one item.

A sample (shortened, from a Manubot bibliography)::

    [
      {
        "id": "13KjSCKB2",
        "title": "Caffe con Troll: Shallow Ideas to Speed Up Deep Learning",
        "issued": {"date-parts": [[2015, 5, 28]]},
        "author": [{"given": "Stefan", "family": "Hadjis"}, {"given": "Christopher", "family": "Ré"}],
        "container-title": "arXiv",
        "type": "report",
        "note": "license: http://arxiv.org/licenses/nonexclusive-distrib/1.0/"
      }
    ]

Every key of an item becomes a field at the key's line; list values give one value per item and nested values
are kept as their JSON text (see json_records), so ``author`` holds one JSON object per author.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import CONTAINED_KINDS, PERIODICAL_KINDS, UNTITLED, Article, Person, Record
from ..model.normalize import clean, safe_url, unique_folded
from . import json_records, shared

FORMAT = "csl-json"
_CONTAINERS = (("items",),)

# CSL variables that only CSL-JSON uses at the top of an item (a VuFind or other JSON record has none of them).
_CSL_KEYS = frozenset({"container-title", "issued", "citation-key", "page", "DOI", "URL", "ISSN", "PMID", "PMCID"})
_SOLR_KEYS = frozenset({"_version_", "record_format", "recordtype", "title_full", "spellingShingle"})


# CSL 1.0.2's item types: an item with a ``type`` of these and a title or names is CSL-JSON without a date.
_CSL_TYPES = ("article|article-journal|article-magazine|article-newspaper|bill|book|broadcast|chapter|classic|"
              "collection|dataset|document|entry|entry-dictionary|entry-encyclopedia|event|figure|graphic|hearing|"
              "interview|legal_case|legislation|manuscript|map|motion_picture|musical_score|pamphlet|"
              "paper-conference|patent|performance|periodical|personal_communication|post|post-weblog|regulation|"
              "report|review|review-book|software|song|speech|standard|thesis|treaty|webpage")
_CSL_TYPE = re.compile(r'"type"\s*:\s*"(?:' + _CSL_TYPES + r')"')


def sniff(head: str) -> bool:
    """A JSON array or object whose first item has a CSL ``type`` and CSL keys (``issued``, ``container-title``…),
    wherever in the item they stand (json_records.first_keys); or, an item with no date, container nor
    identifier (an undated report, as Zotero exports it), a ``type`` CSL names with a title or names."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    if "type" not in keys or keys & (_SOLR_KEYS | json_records.OPENALEX_KEYS):
        return False
    return bool(keys & _CSL_KEYS) or (bool(keys & _CSL_NAMED) and _CSL_TYPE.search(head) is not None)


_CSL_NAMED = frozenset({"title", "author", "editor"})


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every item of one CSL-JSON file with the line of each item and key; a broken item is reported and
    skipped, the others are kept."""
    return json_records.read(text, path, FORMAT, _CONTAINERS)


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one CSL-JSON item."""
    problems: list[Diagnostic] = []
    item = Item(record, problems)
    title, title_styles = shared.styled_text(with_subtitle(" ".join(record.values("title")), _subtitle(record)))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, "item has no title; shown as 'Untitled record'"))
    url_pmid, url_pmc, url_doi = ids.ids_from_urls([item.text("URL")])
    doi = ids.doi_field(item.text("DOI")) or url_doi
    noted = shared.noted_ids("\n".join(record.values("note")))  # Zotero's Extra: "PMID: 40512270"
    pmid = ids.pmid_from(item.text("PMID")) or ids.pmid_from(noted.get("PMID", "")) or url_pmid
    pmc = ids.pmcid_from(item.text("PMCID")) or ids.pmcid_from(noted.get("PMCID", "")) or url_pmc
    # Rich text (<i>, <sup> …), and Europe PMC's headings as HTML: <h4>Background</h4>
    lay, abstract, rights = shared.styled_abstract(" ".join(item.record.values("abstract")))
    abbrev = item.text("container-title-short") or item.text("journalAbbreviation")
    when = published(item)
    csl_type = type_of(item.text("type"))
    # CSL 1.0.2's "article" is "a preprint, working paper, or other prepublished material", and Zotero writes it
    # for its preprints and its generic documents (zotero/zotero's test/tests/data/citeProcJSExport.js): the kind
    # the other readers give a preprint, not a journal article.
    kind = "" if csl_type == "article-journal" else csl_type
    alone = kind not in PERIODICAL_KINDS  # as the other readers: a periodical's article has no place nor editors
    article = Article(
        id=shared.article_id(pmc, pmid, doi, item.text("id") or item.text("citation-key"), title, FORMAT),
        title=title or UNTITLED,
        title_styles=title_styles if title else (),
        authors=people(item, "author"),
        # collection-title: the series of a chapter, a conference paper or a work that stands on its own.
        journal=("" if csl_type in CONTAINED_KINDS else item.text("container-title"))
        or item.text("collection-title") or abbrev,
        journal_abbrev=abbrev,
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        publisher=_publisher(item),
        place=item.text("publisher-place") if alone else "",
        edition=item.text("edition") if alone else "",
        languages=languages.parse([item.text("language")]),
        topics=shared.review_topics([item.text("genre")]),
        pmid=pmid, pmcid=pmc, doi=doi,
        lay_summary=lay, abstract=abstract,
        rights=rights if safe_url(licence := _licence_text(item)) else licence or rights,
        licence_url=licence_url(item),
        links=shared.links([item.text("URL"), *_short_doi_url(item.text("DOI"))]),
        kind=kind,
        container=item.text("container-title") if csl_type in CONTAINED_KINDS else "",
        editors=people(item, "editor") if alone else (),
        translators=people(item, "translator"),
        series_editors=people(item, "collection-editor") if alone else (),
        volume=shared.volume(item.text("volume")), issue=item.text("issue"),
        pages=shared.page_range(item.text("page")),
        # a journal article's number is its article number, which APA's style prints ("Article 001312")
        article_number=shared.page_range(item.text("number")) if csl_type == "article-journal" else "",
        keywords=_keywords(item),
        notices=shared.notices_from_notes(item.record.values("note")),
        records=(record,),
        issns=ids.standard_numbers(item.record.values("ISSN")),  # "1932-6203", or several: "0028-0836, 1476-4687"
        isbns=ids.standard_numbers(item.record.values("ISBN")),
    )
    return article, problems


_SHORT_DOI = re.compile(r"10/[a-z0-9]+", re.I)


def _short_doi_url(written: str) -> list[str]:
    """The doi.org url of a shortDOI written as the item's ``DOI`` ("10/gfzrww": Better BibTeX's CSL-JSON of a
    Zotero item whose DOI field holds one, in its test/fixtures/export/CSL exporters; ignore [Fields to omit from
    export] setting #1179.csl.json), which is no DOI: the page showed it nowhere but in the full record."""
    return [f"https://doi.org/{written.lower()}"] if _SHORT_DOI.fullmatch(written) else []


def _publisher(item: Item) -> str:
    """CSL's ``publisher``, a name; or the ``name`` of a publisher written as an object, as commonmeta's CSL-JSON
    of a DataCite blog post has it (``"publisher": {"name": "DataCite"}``, its tests/fixtures/citeproc.json),
    which the page showed as that JSON text."""
    written = item.record.values("publisher")
    named = json.loads(written[0]).get("name") if written and _is_object(written[0]) else None
    return clean(named) if isinstance(named, str) else item.text("publisher")


def with_subtitle(title: str, subtitle: str) -> str:
    """A title with its subtitle after a colon, as the work prints them: Crossref keeps them apart, in its API's
    answer and in the CSL-JSON doi.org gives for its DOIs (Science's 10.1126/science.169.3946.635: "The Structure
    of Ordinary Water" and ``"subtitle": ["New data and interpretations are yielding new insights into this
    fascinating substance."]``). A subtitle the title already ends with is not written twice."""
    if subtitle and not clean(shared.strip_tags(title)).endswith(clean(shared.strip_tags(subtitle))):
        return f"{title}: {subtitle}" if title else subtitle
    return title


def _subtitle(record: Record) -> str:
    """The first of an item's subtitles (Crossref's list; CSL itself has no ``subtitle``), with its markup."""
    return next((value for value in record.values("subtitle") if clean(shared.strip_tags(value))), "")


_CROSSREF_TYPES = {"journal-article": "article-journal", "proceedings-article": "paper-conference",
                   "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
                   "monograph": "book", "edited-book": "book", "reference-book": "book",
                   "reference-entry": "entry-encyclopedia",
                   "dissertation": "thesis"}
"""Crossref's own names for kinds of work, which its CSL-JSON keeps in ``type`` (doi.org's answer for a Crossref
DOI: "journal-article", CrossRef/rest-api-doc#222), and the CSL type each is. A "reference-entry" is held by the
reference work its ``container-title`` names (Oxford Bibliographies' "Ecology"), as biblatex's ``inreference`` is,
not by a series. The others ("posted-content", a preprint; "peer-review"; "report-component") name no CSL type and
stay kinds of work that stand on their own."""


def type_of(written: str) -> str:
    """The CSL type of an item's ``type``: as written, or the CSL name of a Crossref type."""
    return _CROSSREF_TYPES.get(written, written)


def _keywords(item: Item) -> tuple[str, ...]:
    """CSL's ``keyword`` (one string, parted as its writer parted it) and ``categories`` (CSL-JSON 1.0.2's list,
    where DataCite's bolognese and rOpenSci's handlr put a work's subjects), each category one keyword."""
    categories = [word for value in item.record.values("categories") if (word := clean(value))]
    return unique_folded([*shared.split_keywords([item.text("keyword")]), *categories])


class Item:
    """The values of one item by key; nested values decoded from their JSON text, problems reported."""

    def __init__(self, record: Record, problems: list[Diagnostic]) -> None:
        self.record, self.problems = record, problems

    def text(self, key: str) -> str:
        values = self.record.values(key)
        return clean(shared.strip_tags(" ".join(values)))

    def objects(self, key: str) -> list[dict[str, Any]]:
        """The JSON objects of a list-valued key such as ``author``."""
        found = []
        for value in self.record.values(key):
            decoded = self._decode(key, value)
            if isinstance(decoded, dict):
                found.append(decoded)
            elif isinstance(decoded, str) and decoded.strip():
                found.append({"literal": decoded})
        return found

    def mapping(self, key: str) -> dict[str, Any]:
        """The JSON object of a key such as ``issued``; text that is not one as ``{"raw": text}``."""
        values = self.record.values(key)
        decoded = self._decode(key, values[0]) if values else {}
        return decoded if isinstance(decoded, dict) else {"raw": str(decoded)}

    def _decode(self, key: str, value: str) -> object:
        if not value.lstrip().startswith(("{", "[")):
            return value
        try:
            return json.loads(value)
        except ValueError:
            self.problems.append(Diagnostic(Level.WARNING, SourceSpan(self.record.where.path,
                                                                      self.record.line_of(key)),
                                            f"'{key}' holds text that is not a JSON value; it is read as text"))
            return value


def people(item: Item, key: str, read: Callable[[dict[str, Any]], Person] | None = None) -> tuple[Person, ...]:
    """The named people of a list of names such as ``author``, each read by ``read`` (``person``). Crossref lists a
    person with no name at all (``{"sequence": "additional", "affiliation": [], "role": […]}``, the first author
    of LSU's thesis 10.31390/gradschool_theses.6125), and doi.org's CSL-JSON keeps Crossref's name objects as they
    are: no page shows such a person, and no citation may count one."""
    return tuple(found for value in item.objects(key) if (found := (read or person)(value)).name)


def person(author: dict[str, Any]) -> Person:
    """A CSL name: family and given with their particles ("van", "de"), or a ``literal`` name (a group); else a
    group's ``name`` as Crossref writes it, which doi.org's CSL-JSON for a Crossref DOI keeps."""
    family = clean(shared.unescape(" ".join(str(author.get(k, "")) for k in ("non-dropping-particle", "family"))))
    given = clean(shared.unescape(" ".join(str(author.get(k, "")) for k in ("given", "dropping-particle"))))
    suffix = clean(shared.unescape(str(author.get("suffix", ""))))
    orcid = shared.orcid(str(author.get("ORCID", author.get("orcid", ""))))
    if not family:
        literal = author.get("literal") or (author.get("name") if isinstance(author.get("name"), str) else "")
        return Person(name=clean(shared.unescape(str(literal or ""))) or given, orcid=orcid)
    name = ", ".join(p for p in (family, given, suffix) if p)
    return Person(name=name, family=family, given=given, suffix=suffix, orcid=orcid)


def published(item: Item) -> dates.Published:
    """The print date (Crossref's ``published-print``), else ``issued``, and the electronic date
    (``published-online``, CSL's ``available-date``). Crossref's ``issued`` is the earlier of the two, so it
    is the issue's date only when there is no print date. A thesis Crossref dates by nothing but ``approved`` (the
    day its institution approved it, a dissertation's only date in Crossref's deposit) is of that day."""
    issue = _date(item.mapping("published-print")) if item.record.values("published-print") else dates.PrintedDate("")
    if not issue.iso:
        issue = _date(item.mapping("issued"))
    if not issue.iso and type_of(item.text("type")) == "thesis" and item.record.values("approved"):
        # LSU's master's thesis 10.31390/gradschool_theses.6125: "issued" [[null]], "approved" [[2025, 4, 1]].
        # Not for other works: OSTI's reports of 1992 are "approved" in 2008 (10.2172/7118251).
        issue = _date(item.mapping("approved"))
    epub = next((d.iso for key in ("published-online", "available-date") if item.record.values(key)
                 if (d := _date(item.mapping(key))).iso), "")
    return dates.published(issue, epub)


def _date(value: dict[str, Any]) -> dates.PrintedDate:
    """A CSL date: ``{"date-parts": [[2019, 10, 5]]}`` (numbers or strings; two of them a range, written as
    PubMed prints one: "2014 Nov-Dec"), with a ``season`` or a ``literal`` as printed; else its ``raw`` or
    ``literal`` text. A date CSL marks ``circa`` is about then, and printed so ("ca. 2011 May")."""
    found = _exact_date(value)
    if value.get("circa") not in (True, 1, "1", "true") or not found.iso or found.printed.startswith("ca. "):
        return found
    return dates.PrintedDate(found.iso, f"ca. {found.printed or dates.nlm_date(found.iso)}")


def _exact_date(value: dict[str, Any]) -> dates.PrintedDate:
    ranges = value.get("date-parts")
    ranges = [r for r in ranges if isinstance(r, list) and r] if isinstance(ranges, list) else []
    literal = clean(str(value.get("literal") or value.get("raw") or ""))
    if not ranges:
        return shared.printed_date(literal) if literal else dates.PrintedDate("")
    start, *rest = ([*r, "", ""][:3] for r in ranges)
    if _before_our_era(start) or rest and _before_our_era(rest[0]):
        return dates.PrintedDate("", "-".join(_printed_parts(*r) for r in [start, *rest[:1]]))
    iso = dates.from_parts(*start)
    if literal and (printed := shared.printed_date(literal)).iso[:4] == iso[:4]:
        # Our own export: the parts say the year of "2014 Nov-Dec", the literal says the rest.
        return dates.PrintedDate(dates.most_precise(iso, printed.iso), printed.printed)
    season = dates.season_name(str(value.get("season", ""))) or _csl_season(value.get("season"))
    if season:
        return dates.PrintedDate(iso[:4], f"{iso[:4]} {season}")
    if iso and (season := _month_season(start[1])):
        return dates.PrintedDate(iso[:4], f"{iso[:4]} {season}{_season_range_end(iso[:4], rest)}")
    end = dates.from_parts(*rest[0]) if rest else ""
    if rest and str(rest[0][0]).strip() == "0":  # citeproc-js's open end, [[2014, 12, 31], [0]]: "2014 Dec 31-"
        return dates.PrintedDate(iso, f"{dates.nlm_date(iso)}-")
    if end and end != iso:
        start_text, end_text = dates.nlm_date(iso), dates.nlm_date(end)
        tail = end_text[5:] if end[:4] == iso[:4] and len(end) > 4 else end_text
        return dates.PrintedDate(iso, f"{start_text}-{tail}")
    return dates.PrintedDate(iso)


def _before_our_era(parts: list[Any]) -> bool:
    """Whether date-parts name a year before our era, which CSL writes negative ([["-44", 3, 15]], 44 BC)."""
    return re.fullmatch(r"-\d+", str(parts[0]).strip()) is not None


def _printed_parts(year: object, month: object, day: object) -> str:
    """Date-parts as PubMed orders a printed date, a year before our era written so: "44 BC Mar 15"."""
    year_text = str(year).strip()
    words = [f"{year_text[1:]} BC" if year_text.startswith("-") else year_text]
    if number := dates.month_number(str(month)):
        words.append(dates.MONTH_ABBR[number - 1])
        words += [str(day).strip()] if str(day).strip() else []
    return " ".join(words)


def _month_season(month: object) -> str:
    """The season a month of 13 to 16 stands for (spring to winter), as citeproc-js reads one, or of 21 to 24 (EDTF's
    seasons): Better BibTeX's CSL-JSON writes a season so, [["2017", 15], ["2017", 16]] for autumn to winter 2017
    (its test/fixtures/export/Season ranges should be exported as pseudo-months (13-16, or 21-24) #860.csl.json),
    which the page showed as "2017"."""
    number = str(month).strip()
    if not number.isdigit():
        return ""
    return next((dates.SEASONS[int(number) - first] for first in (13, 21) if first <= int(number) < first + 4), "")


def _season_range_end(year: str, rest: list[list[Any]]) -> str:
    """The end of a range of seasons, as PubMed prints one ("-Winter", or "-2016 Summer" in another year); "" when
    the date is no range of seasons."""
    end_year, end_season = (dates.from_parts(rest[0][0])[:4], _month_season(rest[0][1])) if rest else ("", "")
    if not (end_year and end_season):
        return ""
    return f"-{end_season}" if end_year == year else f"-{end_year} {end_season}"


def _csl_season(season: object) -> str:
    """CSL's numbered seasons: 1 spring, 2 summer, 3 autumn, 4 winter."""
    number = str(season).strip()
    return dates.SEASONS[int(number) - 1] if number in ("1", "2", "3", "4") else ""


def _licence_text(item: Item) -> str:
    """CSL's ``license``: a statement or a url. Crossref's licence objects (below) are neither."""
    statements = [value for value in item.record.values("license") if not _is_object(value)]
    return clean(shared.strip_tags(" ".join(statements)))


def _is_object(value: str) -> bool:
    """Whether a value is the JSON text of an object (json_records keeps nested values so)."""
    try:
        return value.lstrip().startswith("{") and isinstance(json.loads(value), dict)
    except ValueError:
        return False


def _crossref_licences(item: Item) -> list[str]:
    """The urls of Crossref's licence objects in ``license`` (doi.org's CSL-JSON for a Crossref DOI:
    ``[{"URL": "http://www.springer.com/tdm", "start": {…}, "content-version": "unspecified"}]``), the licence of
    the version of record ("vor") first."""
    objects = [json.loads(value) for value in item.record.values("license") if _is_object(value)]
    found = [lic for lic in objects if isinstance(lic.get("URL"), str)]
    return [lic["URL"] for lic in sorted(found, key=lambda lic: lic.get("content-version") != "vor")]


def licence_url(item: Item) -> str:
    """The licence url Manubot writes into ``note`` ("license: http://…"), or a ``license`` that is a url (a
    string, or Crossref's licence objects)."""
    noted = re.findall(r"(?im)^license:\s*(\S+)", "\n".join(item.record.values("note")))
    for candidate in (_licence_text(item), *_crossref_licences(item), *noted):
        if url := safe_url(candidate):
            return url
    return ""
