"""Reader for Europe PMC's REST search answers as JSON (``…/europepmc/webservices/rest/search?query=…&format=json``),
``resultType=core`` (the whole record) or ``lite`` (its summary).

A sample (shortened; two-space indent as Europe PMC writes it)::

    {"version": "6.9", "hitCount": 5059039, "request": {"queryString": "cancer", "resultType": "core", …},
     "resultList": {"result": [
      {"id": "40437959", "source": "MED", "pmid": "40437959", "pmcid": "PMC12120539", "doi": "10.1002/hpja.70059",
       "title": "Co-Designed Culturally Tailored Cancer Screening Promotion Program With Chinese-Australian: …",
       "authorString": "Kwok C, Xu X.",
       "authorList": {"author": [{"fullName": "Xu X", "firstName": "Xinyi", "lastName": "Xu", "initials": "X",
                                  "authorId": {"type": "ORCID", "value": "0000-0001-6913-0549"},
                                  "authorAffiliationDetailsList": {"authorAffiliation": [{"affiliation": "…"}]}}]},
       "journalInfo": {"issue": "3", "volume": "36", "dateOfPublication": "2025 Jul", "monthOfPublication": 7,
                       "yearOfPublication": 2025, "printPublicationDate": "2025-07-01",
                       "journal": {"title": "Health promotion journal of Australia : …",
                                   "isoabbreviation": "Health Promot J Austr", "issn": "1036-1073"}},
       "pageInfo": "e70059", "pubModel": "Print", "language": "eng",
       "abstractText": "<h4>Issue addressed</h4>Despite national cancer screening programs …",
       "pubTypeList": {"pubType": ["research-article", "Journal Article"]},
       "meshHeadingList": {"meshHeading": [{"majorTopic_YN": "Y", "descriptorName": "Neoplasms",
                           "meshQualifierList": {"meshQualifier": [{"qualifierName": "diagnosis", …}]}}]},
       "keywordList": {"keyword": ["Chinese", "Cancer Screening"]}, "license": "cc by-nc-nd",
       "electronicPublicationDate": "2025-06-16", "firstPublicationDate": "2025-07-01", …}]}}

``dateOfPublication`` is the issue's date as MEDLINE prints it ("2025 Jul", "2014 Nov-Dec"); Europe PMC's
``printPublicationDate`` writes the same date as a day, the first of its month when the issue gives none, so the
day is never taken from it. ``electronicPublicationDate`` is the electronic date. A lite answer gives
``authorString``, ``journalTitle``, ``journalVolume``, ``issue``, ``journalIssn`` and ``pubYear`` instead. Every
key of a result is kept, with its line, for the full-record view (grants, full-text links, affiliations as their
JSON text); the answer around the results (``hitCount``, ``request``, ``nextCursorMark``) is no part of any record.

ContentMine's getpapers saves the results of Europe PMC's XML answer as JSON (``eupmc_results.json``, an array of
them, and one ``eupmc_result.json`` beside each paper's full text): xml2js's JSON, every value in a list of one
(``"title": ["…"]``, ``"journalInfo": [{"volume": ["60"], "journal": [{"ISOAbbreviation": ["…"]}]}]``), an
element's attributes under ``$`` and its text under ``_`` (``"authorId": [{"_": "0000-…", "$": {"type":
"ORCID"}}]``), and the XML's names where the JSON's differ (``ISSN``, ``ESSN``, ``ISOAbbreviation``). Its nested
values are read as the JSON answer's (``_as_json``).
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Level
from ..model import dates, languages
from ..model import identifiers as ids
from ..model.article import NOTICE_NOTES, UNTITLED, Article, MeshHeading, MeshQualifier, Notice, Person, Record
from ..model.normalize import clean, parse_person, unique_folded
from . import csl_json, json_records, nlm, shared

FORMAT = "europepmc-json"

_CONTAINERS = (("resultList", "result"),)


_RESULT_KEYS = frozenset({"id", "source", "inEPMC"})
"""Keys every result of a lite or core answer has, and the results of no other format: ``inEPMC`` ("Y", "N")."""


def sniff(head: str) -> bool:
    """A Europe PMC search answer: its results in ``resultList.result``, wherever the keys stand
    (json_records.first_keys); or an array of its results alone, as pyEuropePMC's ``fetch_all`` gives the results
    of every page (its tests/fixtures/fetch_all_1000results_cancer.json, 1,000 results, was skipped); or one
    result alone (getpapers' ``eupmc_result.json`` beside a paper's full text, which was skipped too)."""
    found, keys = json_records.first_keys(head, _CONTAINERS)
    return found == _CONTAINERS[0] or (found is None and keys >= _RESULT_KEYS)


def read(text: str, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every result of one answer, with the line of each result and key; a broken result is reported with its
    line and the others are kept (json_records)."""
    return json_records.read_answer(text, path, FORMAT, _CONTAINERS,
                                    "a Europe PMC answer with no results (its 'result' list is empty)")


def person(author: dict[str, Any]) -> Person:
    """An author of ``authorList``: ``lastName`` and ``firstName`` (``initials`` when it has no first name), with
    the ORCID of its ``authorId``; a group's ``collectiveName``; else the ``fullName`` as written."""
    orcid = _orcid(author.get("authorId"))
    family, given = _text(author.get("lastName")), _text(author.get("firstName")) or _text(author.get("initials"))
    if family:
        return Person(nlm.family_given(family, given), family, given, orcid=orcid)
    return Person(_text(author.get("collectiveName")) or _text(author.get("fullName")), orcid=orcid)


def _orcid(author_id: object) -> str:
    ids_given = author_id if isinstance(author_id, list) else [author_id]
    return next((nlm.orcid_from(str(i.get("value", ""))) for i in ids_given
                 if isinstance(i, dict) and str(i.get("type", "")).upper() == "ORCID"), "")


def _text(value: object) -> str:
    return clean(value) if isinstance(value, str) else ""


_JSON_NAMES = {"ISSN": "issn", "ESSN": "essn", "ISOAbbreviation": "isoabbreviation", "NLMid": "nlmid"}
"""The JSON answer's names of the journal's elements whose XML names differ (getpapers keeps the XML's)."""


def _as_json(value: object) -> object:
    """A nested value as the JSON answer writes it, from xml2js's JSON of the XML answer (getpapers, above): a
    list of one value is that value (the readers of lists below take one value as a list of it), an element's
    text beside its attributes (``{"_": "0000-0003-0891-2488", "$": {"type": "ORCID"}}``) the JSON's ``{"type":
    "ORCID", "value": "0000-0003-0891-2488"}``. A value of the JSON answer is left as it is."""
    if isinstance(value, list):
        found = [_as_json(v) for v in value]
        return found[0] if len(found) == 1 else found
    if not isinstance(value, dict):
        return value
    if "_" in value and isinstance(attributes := value.get("$", {}), dict) and set(value) <= {"_", "$"}:
        return {**attributes, "value": value["_"]}
    return {_JSON_NAMES.get(key, key): _as_json(v) for key, v in value.items()}


def _mapping(item: csl_json.Item, key: str) -> dict[str, Any]:
    """The object at ``key`` (``journalInfo``, ``authorList``…) as the JSON answer writes it (``_as_json``)."""
    found = _as_json(item.mapping(key))
    return found if isinstance(found, dict) else {}


def authors(item: csl_json.Item) -> tuple[Person, ...]:
    """``authorList``'s authors in order; a lite answer's ``authorString`` ("Kwok C, Xu X.") when there is none."""
    listed = _list(_mapping(item, "authorList"), "author")
    if listed:
        return tuple(p for p in (person(a) for a in listed if isinstance(a, dict)) if p.name)
    names = item.text("authorString").removesuffix(".")
    return tuple(parse_person(_au_name(n)) for n in names.split(", ") if clean(n))


def _au_name(name: str) -> str:
    """ "Dinkel A" → "Dinkel, A": the initials are the last word (MEDLINE's AU form); any other name as it is."""
    family, _, initials = clean(name).rpartition(" ")
    return f"{family}, {initials}" if family and initials.isupper() and initials.isalpha() else clean(name)


def _list(mapping: object, key: str) -> list[Any]:
    """The list at ``key`` of one of Europe PMC's wrappers (``{"author": [...]}``); one value as a list of it."""
    value = mapping.get(key, []) if isinstance(mapping, dict) else []
    return value if isinstance(value, list) else [value]


def published(item: csl_json.Item, journal: dict[str, Any]) -> dates.Published:
    """The issue's ``dateOfPublication`` as printed, else its year and month, else ``pubYear``; with the
    ``electronicPublicationDate``, the only date of an article published online only. A preprint (source PPR)
    has no issue: ``firstPublicationDate`` is the day its server posted it. A result with no year at all (a PMC
    result of a lite answer) takes the year of ``firstPublicationDate``, never its day, which Europe PMC makes the
    first of the month when the issue names a month ("2025 Dec" is "2025-12-01")."""
    first = dates.iso_date(item.text("firstPublicationDate"))
    if item.text("source") == "PPR" and first:
        return dates.published(dates.PrintedDate(first))
    printed = _text(journal.get("dateOfPublication"))
    issue = shared.printed_date(printed) if printed else dates.PrintedDate("")
    if not issue.iso:
        year, month = str(journal.get("yearOfPublication", "")), str(journal.get("monthOfPublication", ""))
        issue = dates.PrintedDate(dates.from_parts(year, month if month != "0" else "") if year.isdigit()
                                  else dates.iso_date(item.text("pubYear")) or first[:4])
    epub = dates.iso_date(item.text("electronicPublicationDate"))
    return dates.published(issue, epub, item.text("pubModel") == "Electronic")


def mesh(item: csl_json.Item) -> tuple[MeshHeading, ...]:
    """``meshHeadingList``'s headings with their qualifiers, each with its ``majorTopic_YN``."""
    found = []
    for heading in _list(_mapping(item, "meshHeadingList"), "meshHeading"):
        if isinstance(heading, dict) and _text(heading.get("descriptorName")):
            qualifiers = [q for q in _list(heading.get("meshQualifierList"), "meshQualifier")
                          if isinstance(q, dict) and _text(q.get("qualifierName"))]
            found.append(MeshHeading(_text(heading["descriptorName"]), nlm.major(_text(heading.get("majorTopic_YN"))),
                                     tuple(MeshQualifier(_text(q["qualifierName"]),
                                                         nlm.major(_text(q.get("majorTopic_YN"))))
                                           for q in qualifiers)))
    return tuple(found)


_CC_LICENCES = {"cc by": "by", "cc by-sa": "by-sa", "cc by-nd": "by-nd", "cc by-nc": "by-nc",
                "cc by-nc-sa": "by-nc-sa", "cc by-nc-nd": "by-nc-nd"}
"""The Creative Commons names a core answer's ``license`` gives ("cc by", "cc by-nc-nd"), with no version, and the
licence's path at creativecommons.org."""


def licence_url(written: str) -> str:
    """The url of the Creative Commons licence ``license`` names, with no version as the record names none (the
    versionless address is the licence's, whatever its version); cc0's, which has one version; else none."""
    name = clean(written).lower()
    if name == "cc0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://creativecommons.org/licenses/{_CC_LICENCES[name]}/" if name in _CC_LICENCES else ""


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed Article of one Europe PMC result, and what it lacks."""
    problems: list[Diagnostic] = []
    item = csl_json.Item(record, problems)
    title, title_styles = shared.styled_text(shared.style_tags(" ".join(record.values("title"))))
    if not title:
        problems.append(Diagnostic(Level.ERROR, record.where, f"result has no title; shown as {UNTITLED!r}"))
    info = _mapping(item, "journalInfo")
    named = info.get("journal")
    journal: dict[str, Any] = named if isinstance(named, dict) else {}
    when = published(item, info)
    book = _mapping(item, "bookOrReportDetails")
    lay, abstract, rights = shared.styled_abstract(" ".join(record.values("abstractText")))
    types = [t for t in (_text(v) for v in _list(_mapping(item, "pubTypeList"), "pubType")) if t]
    lite_types = shared.split_keywords([item.text("pubType")])  # a lite answer's "review; journal article"
    pmid, pmcid = ids.pmid_from(item.text("pmid")), ids.pmcid_from(item.text("pmcid"))
    doi = ids.doi_field(item.text("doi"))
    issns, issn_types = ids.typed_issns([(_text(journal.get("issn")), "print"),
                                         (_text(journal.get("essn")), "electronic"),
                                         *((v, "") for v in record.values("journalIssn"))])  # a lite answer's
    article = Article(
        id=shared.article_id(pmcid, pmid, doi, item.text("id"), title, FORMAT),
        title=title or UNTITLED,
        title_styles=title_styles if title else (),
        authors=authors(item),
        # A book's or a preprint's bookOrReportDetails: its publisher or server ("medRxiv"), a Bookshelf book's
        # collection ("GeneReviews®"), the journal of a work no periodical carries, as MEDLINE's CTI is
        journal=_text(journal.get("title")) or item.text("journalTitle") or _text(book.get("comprisingTitle")),
        publisher=_text(book.get("publisher")),
        journal_abbrev=_text(journal.get("isoabbreviation")) or _text(journal.get("medlineAbbreviation")),
        date=when.date, date_printed=when.printed, epub_date=when.epub, online_only=when.online_only,
        languages=languages.parse([item.text("language")]),
        pmid=pmid, pmcid=pmcid, doi=doi,
        lay_summary=lay, abstract=abstract, rights=rights,
        licence_url=licence_url(item.text("license")),
        volume=_text(info.get("volume")) or item.text("journalVolume"),
        issue=_text(info.get("issue")) or item.text("issue"),
        pages=shared.page_range(item.text("pageInfo")),
        keywords=unique_folded(k for k in (_text(v) for v in _list(_mapping(item, "keywordList"), "keyword")) if k),
        mesh=mesh(item),
        links=nlm.bookshelf_links([item.text("bookid")]) if item.text("bookid") else (),  # a Bookshelf book's NBK
        publication_types=unique_folded(types or lite_types),
        # PMC's JATS article types ("research-article", "correction") stand beside MEDLINE's: topics by MEDLINE's
        topics=nlm.topics_from_types(t for t in types if not t[:1].islower()) if types
        else shared.review_topics(lite_types),
        notices=nlm.with_retraction(map(_notice, _list(_mapping(item, "commentCorrectionList"), "commentCorrection")),
                                    types),
        records=(record,),
        issns=issns, issn_types=issn_types,
    )
    return article, problems


_NOTICE_KINDS = {note.casefold(): kind for kind, note in NOTICE_NOTES.items()}
"""Europe PMC's ``type`` of a link between records ("Retraction in", "Erratum in": PubMed's words) → PubMed's
RefType."""


def _notice(link: object) -> Notice | None:
    """A ``commentCorrection`` of a core result, a link to another record (a retraction, an erratum, an expression
    of concern, a comment…: ``{"id": "20137807", "source": "MED", "reference": "Lancet. 2010 Feb 6;375(9713):445",
    "type": "Retraction in"}``), as PubMed's XML gives it in CommentsCorrections; None for a kind the site does not
    show. The reader read no link: a retracted work's page did not say it was retracted."""
    if not isinstance(link, dict):
        return None
    kind = _NOTICE_KINDS.get(_text(link.get("type")).casefold(), "")
    pmid = _text(link.get("id")) if _text(link.get("source")) == "MED" else ""
    return nlm.notice(kind, _text(link.get("reference")), pmid)
