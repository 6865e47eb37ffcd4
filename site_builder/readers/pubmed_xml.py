"""Reader for PubMed XML (efetch and the annual baseline files): a ``<PubmedArticleSet>`` of ``<PubmedArticle>``.

A sample (shortened)::

    <?xml version="1.0" encoding="utf-8"?>
    <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "…pubmed_190101.dtd">
    <PubmedArticleSet>
      <PubmedArticle>
        <MedlineCitation Status="MEDLINE" Owner="NLM">
          <PMID Version="1">29768149</PMID>
          <Article PubModel="Print">
            <Journal>… <JournalIssue><Volume>378</Volume><PubDate><Year>2018</Year> …</Journal>
            <ArticleTitle>Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.</ArticleTitle>
            <Abstract><AbstractText Label="BACKGROUND">In patients with mild asthma, …</AbstractText> …</Abstract>
            <AuthorList CompleteYN="Y">
              <Author ValidYN="Y"><LastName>O'Byrne</LastName><ForeName>Paul M</ForeName> …</Author> …
            </AuthorList>
            <Language>eng</Language>
            <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType> …
          </Article>
          <MedlineJournalInfo><MedlineTA>N Engl J Med</MedlineTA> …</MedlineJournalInfo>
        </MedlineCitation>
        <PubmedData><ArticleIdList><ArticleId IdType="pubmed">29768149</ArticleId> …</PubmedData>
      </PubmedArticle>
    </PubmedArticleSet>

Each ``<PubmedArticle>`` is one record; its fields are named by their path below it
("MedlineCitation/Article/ArticleTitle", "…/ELocationID/@EIdType"), see ``xmltree``. A ``<PubmedBookArticle>``
(a book on NCBI Bookshelf, or a chapter of one: StatPearls, GeneReviews) is a record too, read as that book or
chapter::

    <PubmedBookArticle><BookDocument><PMID Version="1">34662018</PMID>
      <ArticleIdList><ArticleId IdType="bookaccession">NBK574504</ArticleId></ArticleIdList>
      <Book><Publisher><PublisherName>StatPearls Publishing</PublisherName>
        <PublisherLocation>Treasure Island (FL)</PublisherLocation></Publisher>
        <BookTitle book="statpearls">StatPearls</BookTitle><PubDate><Year>2022</Year><Month>01</Month></PubDate> …
      </Book>
      <ArticleTitle book="statpearls" part="article-139270">Fertility Sparing Management …</ArticleTitle> …

So is each ``<MedlineCitation>`` of a ``<MedlineCitationSet>``, the shape of NLM's MEDLINE/PubMed baseline files
until 2016: the same MedlineCitation without PubmedData around it, so its fields are named from "PMID" and
"Article/ArticleTitle", and its PMC id is an ``<OtherID Source="NLM">``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages
from ..model.article import Article, MeshHeading, MeshQualifier, OtherAbstract, Person, Record, Section
from ..model.identifiers import pmcid_from, standard_numbers, typed_issns
from ..model.normalize import clean, parse_person, unique_folded
from ..model.sections import labelled, printed, split_lay_summary
from . import nlm, shared, xmltree
from .xmltree import Node

FORMAT = "pubmed-xml"

_RECORD_START = re.compile(rb"<(?:PubmedArticle|PubmedBookArticle|DeleteCitation)[\s>]")
# PubMed's text markup (<i>, <sup> …) and MathML are part of the text they sit in.
MARKUP = xmltree.Markup(
    inline=frozenset({"i", "b", "u", "sup", "sub", "mml:math"}),
    detached=lambda element: False,
    styles={"i": "i", "b": "b", "u": "u", "sup": "sup", "sub": "sub"},
)


_LONE_ARTICLE = re.compile(r"\ufeff?\s*(?:<\?xml[^<>]*\?>\s*)?(?:<!DOCTYPE[^<>]*>\s*)?<Pubmed(?:Book)?Article[\s>]")
"""A file of one article, its element the document's own (saved from PubMed's XML of one record)."""


def sniff(head: str) -> bool:
    return ("<PubmedArticleSet" in head or "<PubmedBookArticleSet" in head or "<MedlineCitationSet" in head
            or _LONE_ARTICLE.match(head) is not None)


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every ``<PubmedArticle>`` in a file (plain or gzipped) and the problems found."""
    roots, diagnostics = xmltree.parse(data, path, _RECORD_START)
    records: list[Record] = []
    for root, offset in roots:
        for element in _articles(root, path, offset, diagnostics):
            records.append(xmltree.record(FORMAT, path, element, offset, MARKUP))
    return records, diagnostics


def _articles(root: etree._Element, path: str, offset: int, diagnostics: list[Diagnostic]) -> list[etree._Element]:
    if xmltree.tag_name(root) in ("PubmedArticle", "PubmedBookArticle"):
        return [root]
    if xmltree.tag_name(root) not in ("PubmedArticleSet", "PubmedBookArticleSet", "MedlineCitationSet"):
        diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, (root.sourceline or 1) + offset),
                                      f"<{xmltree.tag_name(root)}> is not PubMed XML (expected <PubmedArticleSet>)"))
        return []
    articles = []
    for child in root:
        name = xmltree.tag_name(child) if isinstance(child.tag, str) else ""
        if name in ("PubmedArticle", "PubmedBookArticle") or (name == "MedlineCitation"
                                                               and xmltree.tag_name(root) == "MedlineCitationSet"):
            articles.append(child)
        # <DeleteCitation> lists PMIDs an update file withdraws; it describes no article.
    return articles


def _title_language(art: Node) -> str:
    """PubMed's ArticleTitle is English, translated (in brackets) when the article is not; a VernacularTitle,
    shown when there is no ArticleTitle, is in the article's language."""
    if clean(art.findtext("ArticleTitle")):
        return "en"
    if clean(art.findtext("VernacularTitle")):
        return _article_language(art)
    return ""


def _original_title(art: Node) -> str:
    """A VernacularTitle beside the English ArticleTitle: the title in the article's own language."""
    return clean(art.findtext("VernacularTitle")) if clean(art.findtext("ArticleTitle")) else ""


def _article_language(art: Node) -> str:
    """The tag of the article's language (its first <Language>), the language of its VernacularTitle."""
    return languages.tag_of(languages.parse(n.text for n in art.findall("Language")))


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed article of one ``<PubmedArticle>`` record, with warnings about what it lacks."""
    root = xmltree.tree(record)
    if (document := root.find("BookDocument")) is not None:
        return _book(record, root, document)
    # A <MedlineCitation> of a MedlineCitationSet is the record itself: its Article is at the root.
    citation = root.find("MedlineCitation") or (root if root.find("Article") else None) or Node(
        "MedlineCitation", "", record.where.line)
    art = citation.find("Article") or Node("Article", "", record.where.line)
    ids = _article_ids(root)
    pmid = ids.get("pubmed") or clean(citation.findtext("PMID"))
    pmcid = pmcid_from(ids.get("pmc", "") or _other_pmcid(citation))
    doi = ids.get("doi") or _elocation_doi(art)
    lay, abstract = split_lay_summary(_abstract(art))
    issue = art.find("Journal/JournalIssue") or Node("JournalIssue", "", 0)
    abbrev = clean(citation.findtext("MedlineJournalInfo/MedlineTA") or art.findtext("Journal/ISOAbbreviation"))
    when = _published(art)
    title, title_styles = xmltree.styled(art.find("ArticleTitle" if clean(art.findtext("ArticleTitle"))
                                                  else "VernacularTitle"))
    issns, issn_types = _issns(art, citation)
    article = Article(
        id=shared.article_id(pmcid, pmid, doi, "", title, "pubmed"),
        title=title,
        title_styles=title_styles,
        title_lang=_title_language(art),
        original_title=_original_title(art),
        original_title_lang=_article_language(art) if _original_title(art) else "",
        other_abstracts=_other_abstracts(citation),
        authors=_authors(art),
        journal=clean(art.findtext("Journal/Title")) or abbrev,
        journal_abbrev=abbrev,
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        online_only=when.online_only,
        languages=languages.parse(n.text for n in art.findall("Language")),
        topics=nlm.topics_from_types(n.text for n in art.findall("PublicationTypeList/PublicationType")),
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        lay_summary=lay,
        abstract=abstract,
        rights=" ".join(unique_folded(n.text for n in art.findall("Abstract/CopyrightInformation"))),
        volume=clean(issue.findtext("Volume")),
        issue=clean(issue.findtext("Issue")),
        pages="" if _pages(art) in _piis(root, art) else _pages(art),
        article_number=_article_number(root, art),
        keywords=unique_folded(n.text for n in citation.findall("KeywordList/Keyword")),
        mesh=_mesh(citation),
        publication_types=_types(n.text for n in art.findall("PublicationTypeList/PublicationType")),
        notices=nlm.with_retraction(
            (nlm.notice(n.get("RefType"), n.findtext("RefSource"), n.findtext("PMID"))
             for n in citation.findall("CommentsCorrectionsList/CommentsCorrections")
             if clean(n.findtext("RefSource")) or clean(n.findtext("PMID"))),
            (n.text for n in art.findall("PublicationTypeList/PublicationType"))),
        records=(record,),
        issns=issns, issn_types=issn_types,
    )
    return article, _problems(record, article, art)


def _issns(art: Node, citation: Node) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The journal's ISSNs and what each is: ``<ISSN IssnType="Print|Electronic">``, then the linking ISSN (most
    often one of them)."""
    return typed_issns([*((n.text, n.get("IssnType", "")) for n in art.findall("Journal/ISSN")),
                        (citation.findtext("MedlineJournalInfo/ISSNLinking"), "Linking")])


def _book(record: Record, root: Node, doc: Node) -> tuple[Article, list[Diagnostic]]:
    """A Bookshelf chapter (its ArticleTitle, in the BookTitle of ``Book``) or a whole book (no ArticleTitle):
    the chapter's authors, the book's editors, publisher, place and date, and its Bookshelf link."""
    book = doc.find("Book") or Node("Book", "", doc.line)
    ids = _article_ids(root, "PubmedBookData", "BookDocument")
    pmid = ids.get("pubmed") or clean(doc.findtext("PMID"))
    (chapter, chapter_styles), book_title = xmltree.styled(doc.find("ArticleTitle")), clean(book.findtext("BookTitle"))
    # The Book's ELocationID is the book's: a whole book's DOI, never a chapter's.
    doi = ids.get("doi", "") or ("" if chapter else _elocation_doi(book))
    lay, abstract = split_lay_summary(_abstract(doc))
    when = dates.published(_issue_date(book.find("PubDate")), "", False)
    types = [n.text for n in (*doc.findall("PublicationType"), *doc.findall("PublicationTypeList/PublicationType"))]
    article = Article(
        id=shared.article_id("", pmid, doi, "", chapter or book_title, "pubmed"),
        title=chapter or book_title,
        title_styles=chapter_styles if chapter else xmltree.styled(book.find("BookTitle"))[1],
        authors=_authors(doc) or (() if chapter else _authors(book)),
        journal=clean(book.findtext("CollectionTitle")),  # a book's collection is its series
        edition=clean(book.findtext("Edition")),
        kind="chapter" if chapter else "book",
        container=book_title if chapter else "",
        editors=_authors(book, "editors") or _authors(doc, "editors"),
        date=when.date,
        date_printed=when.printed,
        publisher=clean(book.findtext("Publisher/PublisherName")),
        place=clean(book.findtext("Publisher/PublisherLocation")),
        languages=languages.parse(n.text for n in doc.findall("Language")),
        topics=nlm.topics_from_types(types),
        pmid=pmid,
        doi=doi,
        lay_summary=lay,
        abstract=abstract,
        rights=" ".join(unique_folded(n.text for n in doc.findall("Abstract/CopyrightInformation"))),
        links=nlm.bookshelf_links([ids.get("bookaccession", "")]),
        volume=clean(book.findtext("Volume")),
        keywords=unique_folded(n.text for n in doc.findall("KeywordList/Keyword")),
        mesh=_mesh(doc),
        publication_types=_types(types),
        records=(record,),
        isbns=standard_numbers(n.text for n in book.findall("Isbn")),
    )
    return article, _problems(record, article, doc)


def _mesh(citation: Node) -> tuple[MeshHeading, ...]:
    """The MeshHeadings: each DescriptorName with its QualifierNames and their ``MajorTopicYN``."""
    headings = []
    for heading in citation.findall("MeshHeadingList/MeshHeading"):
        descriptor = heading.find("DescriptorName")
        if descriptor is None or not clean(descriptor.text):
            continue
        qualifiers = tuple(MeshQualifier(clean(q.text), nlm.major(q.get("MajorTopicYN")))
                           for q in heading.findall("QualifierName") if clean(q.text))
        headings.append(MeshHeading(clean(descriptor.text), nlm.major(descriptor.get("MajorTopicYN")), qualifiers))
    return tuple(headings)


def _types(types: Iterable[str]) -> tuple[str, ...]:
    return tuple(clean(t) for t in types if clean(t))


def _article_ids(root: Node, *where: str) -> dict[str, str]:
    """The ArticleIds by IdType ("pubmed", "doi", "bookaccession"), the first of each; an article's are in
    PubmedData, a book's in BookDocument and PubmedBookData."""
    ids: dict[str, str] = {}
    for node in (n for w in (where or ("PubmedData",)) for n in root.findall(f"{w}/ArticleIdList/ArticleId")):
        if clean(node.text):
            ids.setdefault(node.get("IdType"), clean(node.text))
    return ids


def _other_pmcid(citation: Node) -> str:
    """NLM's ``<OtherID Source="NLM">PMC4691237 [Available on 07/01/16]</OtherID>``, where a MedlineCitation
    without PubmedData names its PMC id ("NIHMS672708", the manuscript's id, is none)."""
    return next((clean(n.text) for n in citation.findall("OtherID")
                 if n.get("Source") == "NLM" and clean(n.text).upper().startswith("PMC")), "")


def _elocation_doi(art: Node) -> str:
    for node in art.findall("ELocationID"):
        if node.get("EIdType") == "doi" and node.get("ValidYN", "Y") == "Y" and clean(node.text):
            return clean(node.text)
    return ""


def _authors(art: Node, kind: str = "authors") -> tuple[Person, ...]:
    """The people of the AuthorLists of a Type ("authors", the default, or "editors")."""
    people = []
    for author_list in art.findall("AuthorList"):
        if author_list.get("Type", "authors") != kind:
            continue
        for au in author_list.findall("Author"):
            person = _person(au)
            if person.name:
                people.append(person)
    return tuple(people)


def _person(au: Node) -> Person:
    orcid = next((nlm.orcid_from(n.text) for n in au.findall("Identifier") if n.get("Source") == "ORCID"), "")
    collective = clean(au.findtext("CollectiveName"))
    if collective:
        return Person(name=collective, orcid=orcid)
    given = au.findtext("ForeName") or au.findtext("Initials")
    return parse_person(nlm.family_given(au.findtext("LastName"), given, au.findtext("Suffix")), orcid)


def _published(art: Node) -> dates.Published:
    """The issue's PubDate (a MedlineDate or a Season kept as printed) and the electronic ArticleDate.

    ``PubModel`` "Electronic" and "Electronic-eCollection" say the article was published online only.
    """
    pub = art.find("Journal/JournalIssue/PubDate")
    epub = next((_date_of(d) for d in art.findall("ArticleDate")
                 if d.get("DateType", "Electronic") == "Electronic" and _date_of(d)), "")
    return dates.published(_issue_date(pub), epub, art.get("PubModel") in ("Electronic", "Electronic-eCollection"))


def _issue_date(pub: Node | None) -> dates.PrintedDate:
    """A PubDate: Year, Month and Day ("2014", "Dec", "15"), Year and Season, or a MedlineDate ("2014 Nov-Dec")."""
    if pub is None:
        return dates.PrintedDate("")
    medline = clean(pub.findtext("MedlineDate"))
    if medline:
        return dates.read_printed(medline)
    words = (pub.findtext("Year"), pub.findtext("Season") or pub.findtext("Month"), pub.findtext("Day"))
    return dates.read_printed(" ".join(clean(w) for w in words if clean(w)))


def _date_of(d: Node) -> str:
    return dates.from_parts(d.findtext("Year"), d.findtext("Month"), d.findtext("Day"))


def _abstract(art: Node) -> list[Section]:
    """The labelled parts, each cut at the labels its text still holds ("Objectives: …"), as the same abstract
    is cut when MEDLINE text or the catalogue dump gives it in one paragraph."""
    return xmltree.styled_sections(art.findall("Abstract/AbstractText"), _sections)


def _sections(texts: list[Node]) -> list[Section]:
    return [s for n in texts for s in labelled(printed(n.get("Label")), n.text)]


def _other_abstracts(citation: Node) -> tuple[OtherAbstract, ...]:
    """``<OtherAbstract Type="Publisher" Language="spa">``: the abstract in another language; a plain-language
    summary (its Type ``plain-language-summary``) is not a translation."""
    return nlm.other_abstracts(
        (other.get("Language"), xmltree.styled_sections(other.findall("AbstractText"), _sections))
        for other in citation.findall("OtherAbstract") if other.get("Type") != "plain-language-summary")


def _pages(art: Node) -> str:
    """MedlinePgn, else the start and end page."""
    pages = clean(art.findtext("Pagination/MedlinePgn"))
    if pages:
        return pages
    start, end = clean(art.findtext("Pagination/StartPage")), clean(art.findtext("Pagination/EndPage"))
    return f"{start}-{end}" if start and end else start


def _article_number(root: Node, art: Node) -> str:
    """The article number PubMed cites in place of pages: a MedlinePgn that is one of the record's publisher
    item ids, where NLM puts "document numbers for electronic articles" (Oxford's "vdab052" and "bvab050",
    Frontiers' "668730", Medwave's "e8182", each also an ArticleId of IdType "pii"); for an article without
    pages, an electronic location "e42692" (eLife, PLOS, JCI Insight), as the MEDLINE format gives it in LID."""
    if _pages(art):
        return _pages(art) if _pages(art) in _piis(root, art) else ""
    return next((clean(node.text) for node in art.findall("ELocationID") if node.get("EIdType") == "pii"
                 and node.get("ValidYN", "Y") == "Y" and _ARTICLE_NUMBER.fullmatch(clean(node.text))), "")


def _piis(root: Node, art: Node) -> set[str]:
    """The record's publisher item ids: its valid ELocationIDs of EIdType "pii" and its ArticleIds of IdType
    "pii" (Elsevier's records give two, "100287" and "S2352-8532(20)30102-4")."""
    return {clean(n.text) for n in (*(e for e in art.findall("ELocationID") if e.get("ValidYN", "Y") == "Y"),
                                    *root.findall("PubmedData/ArticleIdList/ArticleId"))
            if n.get("EIdType", n.get("IdType")) == "pii" and clean(n.text)}


_ARTICLE_NUMBER = re.compile(r"e\d{1,9}")
"""An electronic location that is an article's number, not a publisher's item id ("S2213-2198(21)00386-X")."""


def _problems(record: Record, article: Article, art: Node) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    where = record.where
    if not (article.pmid or article.pmcid or article.doi):
        found.append(Diagnostic(Level.ERROR, where, "no PMID, PMC id or DOI: the article links to no source and "
                                                    "its page is named after its title"))
    if not article.title:
        found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, art.line or where.line),
                                "no ArticleTitle or VernacularTitle"))
    for au in art.findall("AuthorList/Author"):
        ids = [n for n in au.findall("Identifier") if n.get("Source") == "ORCID"]
        if ids and not nlm.orcid_from(ids[0].text):
            found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, ids[0].line),
                                    f"ORCID {clean(ids[0].text)!r} is not an ORCID; left out"))
    return found
