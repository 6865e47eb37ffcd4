"""Reader for JATS (and the older NLM) article XML from PMC and PLOS: one ``<article>``, or a ``<pmc-articleset>``.

A sample (front matter only, shortened; the body and back matter are read as well)::

    <!DOCTYPE article PUBLIC "-//NLM//DTD Journal Publishing DTD v3.0 20080202//EN" "journalpublishing3.dtd">
    <article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article" xml:lang="en">
      <front>
        <journal-meta><journal-id journal-id-type="nlm-ta">PLoS Negl Trop Dis</journal-id> …
          <publisher><publisher-name>Public Library of Science</publisher-name></publisher></journal-meta>
        <article-meta>
          <article-id pub-id-type="doi">10.1371/journal.pntd.0001969</article-id>
          <article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject> …
          <title-group><article-title>… of <italic>Schistosoma mansoni</italic> …</article-title></title-group>
          <contrib-group>
            <contrib contrib-type="author"><name><surname>Traoré</surname><given-names>Mahamadou</given-names>
              </name> …</contrib> …
          <pub-date pub-type="epub"><day>20</day><month>12</month><year>2012</year></pub-date>
          <permissions><license xlink:href="…"><license-p>This is an open-access article …</license-p> …
          <abstract><sec><title>Background</title><p>An accurate diagnosis …</p></sec> …</abstract>
          <abstract abstract-type="summary"><title>Author Summary</title><p>…</p></abstract>

Each ``<article>`` is one record; its fields are named by their path below it
("front/article-meta/title-group/article-title", "@xml:lang"), see ``xmltree``. Footnote markers, TeX
alternatives and similar elements inside a title or paragraph are kept as fields of their own and left out of
its text, as the catalogue leaves them out.
"""

from __future__ import annotations

import re

from lxml import etree

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model import dates, languages, styles
from ..model.article import Article, Link, Notice, OtherAbstract, Person, Record, Section
from ..model.identifiers import pmcid_from, standard_numbers, typed_issns
from ..model.normalize import clean, parse_person, safe_url, unique, unique_folded
from ..model.sections import label_key, labelled, printed, split_lay_summary, split_text
from . import nlm, shared, xmltree
from .xmltree import Node

FORMAT = "jats-xml"

_RECORD_START = re.compile(rb"<article[\s>/]")
_HEAD = re.compile(r"<(?:article|pmc-articleset)[\s>]")

_DETACHED_TAGS = frozenset({"fn", "tex-math", "inline-graphic", "graphic", "alt-title", "contrib-group",
                            "object-id"})
_DETACHED_XREFS = frozenset({"fn", "aff", "corresp", "author-notes", "table-fn"})


def _detached(element: etree._Element) -> bool:
    name = xmltree.tag_name(element)
    parent = element.getparent()
    if name == "object-id" and parent is not None and xmltree.tag_name(parent) == "related-article":
        # Part of the citation there: "… Front. Immunol. 16:1616414. doi: <object-id>10.3389/…</object-id>"
        # (Frontiers' corrections in PMC); without it the citation ends in "doi:".
        return False
    if name in _NAME_PARTS and parent is not None and _contributor_string_name(parent):
        # A contributor's string-name that mixes text with its parts ("<surname>Smith</surname>, <given-names>J
        # </given-names>"): the parts are read as a name's, the text between them stays the string-name's.
        return True
    return name in _DETACHED_TAGS or (name == "xref" and element.get("ref-type") in _DETACHED_XREFS)


_NAME_PARTS = frozenset({"surname", "given-names", "prefix", "suffix"})


def _contributor_string_name(element: etree._Element) -> bool:
    """Whether the element is a contributor's ``<string-name>`` (not one of a reference's, whose parts are part of
    the citation's text)."""
    if xmltree.tag_name(element) != "string-name":
        return False
    parent = element.getparent()
    if parent is not None and xmltree.tag_name(parent) == "name-alternatives":
        parent = parent.getparent()
    return parent is not None and xmltree.tag_name(parent) == "contrib"


MARKUP = xmltree.Markup(
    inline=frozenset({
        "italic", "bold", "sc", "sup", "sub", "underline", "overline", "strike", "monospace", "roman",
        "sans-serif", "xref", "ext-link", "uri", "email", "named-content", "styled-content", "inline-formula",
        "mml:math", "abbrev", "break", "alternatives", "chem-struct", "private-char", "ruby"}),
    detached=_detached,
    styles={"italic": "i", "bold": "b", "underline": "u", "sup": "sup", "sub": "sub", "sc": "sc"},
    # Wiley's "Key Points" in PMC: <p>What this study adds <list><list-item><label>○</label><p>…</p></list-item>…
    blocks=frozenset({"p", "list", "list-item", "def-list", "def-item", "term", "def", "disp-quote"}),
)

# Abstracts that are not the abstract: a table-of-contents blurb, a teaser, a graphical abstract …
_SKIPPED_ABSTRACTS = frozenset({"toc", "teaser", "graphical", "web-summary", "precis", "editor-summary"})


def _skipped(abstract: Node) -> bool:
    """An abstract of a kind that is not the abstract, by its ``abstract-type`` or, when it has none, by its title:
    PMC's XML of a BioMed Central article gives its graphical abstract (an image and "Created in BioRender.com")
    as ``<trans-abstract xml:lang="fr"><title>Graphical Abstract</title>``, which is no French abstract."""
    kind = abstract.get("abstract-type")
    return kind in _SKIPPED_ABSTRACTS or (not kind and label_key(_label(abstract)) == "graphical abstract")


def sniff(head: str) -> bool:
    return bool(_HEAD.search(head))


def read_bytes(data: bytes, path: str) -> tuple[list[Record], list[Diagnostic]]:
    """Every ``<article>`` in a file (plain or gzipped) and the problems found."""
    roots, diagnostics = xmltree.parse(data, path, _RECORD_START)
    records: list[Record] = []
    for root, offset in roots:
        articles = [root] if xmltree.tag_name(root) == "article" else list(root.iter("article"))
        if not articles:
            diagnostics.append(Diagnostic(Level.ERROR, SourceSpan(path, (root.sourceline or 1) + offset),
                                          f"no <article> in <{xmltree.tag_name(root)}>: not JATS"))
        records.extend(xmltree.record(FORMAT, path, a, offset, MARKUP) for a in articles)
    return records, diagnostics


def to_article(record: Record) -> tuple[Article, list[Diagnostic]]:
    """The typed article of one ``<article>`` record, with warnings about what it lacks."""
    root = xmltree.tree(record)
    meta = root.find("front/article-meta") or Node("article-meta", "", record.where.line)
    journal = root.find("front/journal-meta") or Node("journal-meta", "", record.where.line)
    ids = _article_ids(meta)
    pmcid = pmcid_from(ids.get("pmc") or ids.get("pmcid", ""))
    pmid, doi = ids.get("pmid", ""), ids.get("doi", "")
    # JATS says an article without xml:lang is in English; its title and abstracts say so when they differ.
    lang = root.get("xml:lang") or "en"
    abstract_lang = _abstract_language(meta, lang)
    lay, abstract = _lay_summary_and_abstract(meta)
    licence_urls = [u for u in (_licence_url(lic) for lic in meta.findall("permissions/license")) if u]
    when = _published(meta)
    title, title_styles = _title(meta)
    issns, issn_types = _issns(journal)
    article = Article(
        # Redalyc's JATS names an article by its own number alone (``pub-id-type="art-access-id"``): no PMID, PMC
        # id or DOI, so its page is named, as every reader's is, by that number or else by its title.
        id=shared.article_id(pmcid, pmid, doi, ids.get("publisher-id") or ids.get("art-access-id", ""), title, "jats"),
        title=title,
        title_styles=title_styles,
        title_lang=_language_of(meta.find("title-group/article-title"), lang),
        translated_titles=_translated_titles(meta, lang),
        authors=_authors(meta),
        journal=_journal(journal),
        journal_abbrev=_journal_abbrev(journal),
        date=when.date,
        date_printed=when.printed,
        epub_date=when.epub,
        online_only=when.online_only,
        publisher=clean(journal.findtext("publisher/publisher-name")),
        languages=languages.parse([lang]),
        topics=_topics(meta),
        pmid=pmid,
        pmcid=pmcid,
        doi=doi,
        lay_summary=languages.written_in(lay, abstract_lang),
        abstract=languages.written_in(abstract, abstract_lang),
        other_abstracts=_other_abstracts(meta, lang, _translations(root)),
        rights=_rights(meta),
        licence_url=next((safe_url(u) for u in licence_urls if safe_url(u)), ""),
        links=_links(meta),
        volume=clean(meta.findtext("volume")),
        issue=clean(meta.findtext("issue")),
        pages=_pages(meta),
        # the article's electronic location, the number that stands for its pages ("e0123456" of PLOS)
        article_number=clean(meta.findtext("elocation-id")),
        keywords=unique_folded([*(n.text for n in meta.findall("kwd-group/kwd")), *_abstract_keywords(meta)]),
        notices=_notices(meta),
        records=(record,),
        issns=issns, issn_types=issn_types,
        # <isbn> of a book's chapter
        isbns=standard_numbers(n.text for n in (*journal.findall("isbn"), *meta.findall("isbn"))),
    )
    return article, _problems(record, article, meta, licence_urls)


_RELATED = {"retracted-article": "RetractionOf", "corrected-article": "ErratumFor",
            "object-of-concern": "ExpressionOfConcernFor", "commentary-article": "CommentOn",
            "retraction-forward": "RetractionIn", "correction-forward": "ErratumIn",
            "concern-forward": "ExpressionOfConcernIn", "commentary": "CommentIn"}
"""JATS ``related-article-type`` values (JATS4R's recommendations on retractions, corrections and expressions of
concern) as PubMed's names of the same links (``model.article.NOTICE_KINDS``)."""
_INFO_DOI = re.compile(r"(?:info:doi/|https?://(?:dx\.)?doi\.org/)?(10\.\S+)\Z", re.I)


def _notices(meta: Node) -> tuple[Notice, ...]:
    """The articles a ``<related-article>`` links by a kind PubMed also names: a retraction notice's retracted
    article, a correction's corrected one (the title it gives, and the DOI or PMID of its ``xlink:href``)."""
    found = []
    for node in meta.findall("related-article"):
        kind = _RELATED.get(node.get("related-article-type"))
        if kind is None:
            continue
        href, link_type = clean(node.get("xlink:href")), node.get("ext-link-type")
        pmid = href if link_type in ("pubmed", "pmid") and href.isdigit() else ""
        doi = _INFO_DOI.match(href) if link_type in ("doi", "uri", "") else None
        citation = clean(node.text) or clean(node.findtext("article-title"))
        if citation or pmid or doi:
            found.append(Notice(kind, citation, pmid, doi.group(1) if doi else ""))
    return tuple(found)


def _article_ids(meta: Node) -> dict[str, str]:
    ids: dict[str, str] = {}
    for node in meta.findall("article-id"):
        if clean(node.text):
            ids.setdefault(node.get("pub-id-type"), clean(node.text))
    return ids


def _authors(meta: Node) -> tuple[Person, ...]:
    people = []
    for group in meta.findall("contrib-group"):
        for contrib in group.findall("contrib"):
            if contrib.get("contrib-type", "author") == "author":
                person = _person(contrib)
                if person.name:
                    people.append(person)
    return tuple(people)


def _person(contrib: Node) -> Person:
    orcid = next((nlm.orcid_from(n.text) for n in contrib.findall("contrib-id")
                  if n.get("contrib-id-type") == "orcid"), "")
    for path in ("name", "name-alternatives/name", "string-name", "name-alternatives/string-name"):
        name = contrib.find(path)
        if name is not None and (name.name == "name" or name.find("surname") or name.find("given-names")):
            # A string-name with its parts tagged ("<string-name><surname>Smith</surname><given-names>J
            # </given-names></string-name>", JATS 1.1 on) is read as a name is; one without is shown whole.
            full = nlm.family_given(name.findtext("surname"), name.findtext("given-names"), name.findtext("suffix"))
            return parse_person(full, orcid)
    for path in ("string-name", "name-alternatives/string-name", "collab", "collab-alternatives/collab"):
        name = contrib.find(path)
        if name is not None:
            # A string name or a group is shown whole, as the catalogue shows it.
            return Person(name=clean(name.text), orcid=orcid)
    return Person(name="")


def _journal_ids(journal: Node) -> dict[str, str]:
    ids: dict[str, str] = {}
    for node in journal.findall("journal-id"):
        ids.setdefault(node.get("journal-id-type"), clean(node.text))
    return ids


def _journal(journal: Node) -> str:
    """The journal's title as printed ("eLife"); the NLM abbreviation only when the record gives no title."""
    title = journal.findtext("journal-title-group/journal-title") or journal.findtext("journal-title")
    return clean(title) or _journal_abbrev(journal)


def _journal_abbrev(journal: Node) -> str:
    """The NLM title abbreviation ("PLoS Negl Trop Dis"), else the ISO one, else an abbreviated title."""
    ids = _journal_ids(journal)
    abbrev = journal.findtext("journal-title-group/abbrev-journal-title") or journal.findtext("abbrev-journal-title")
    return ids.get("nlm-ta") or ids.get("iso-abbrev") or clean(abbrev)


# pub-date types, by what they date: the issue ("ppub", "collection", "epub-ppub" for both at once) or the
# electronic publication ("epub"); JATS 1.2's date-type with publication-format says the same in two attributes.
_ISSUE_TYPES = ("ppub", "epub-ppub", "collection")
_PUBLICATION_TYPES = ("pub", "publication")
"""JATS 1.2's date-type of a publication date: JATS4R's "pub", and "publication", eLife's word for it in its
versions of record since 2021 (elife-64719-v2.xml beside the "pub" of its v1)."""

_NOT_PUBLISHED = frozenset({
    "pmc-release", "nihms-submitted", "author-submitted", "received", "accepted", "rev-recd", "rev-request",
    "review", "update", "updated", "corrected", "ecorrected", "pcorrected", "retracted", "eretracted", "pretracted"})
"""pub-date types (JATS's pub-type and date-type) that date something else than the publication: when PMC made
it free to read, a manuscript's submission, a step of its review, an update (eLife's "update", the date of the
version at hand beside its first publication), a correction, a retraction. The full record keeps them."""


def _published(meta: Node) -> dates.Published:
    """The issue's date (print, else the collection's) and the electronic date; without an issue date the
    electronic date is the publication date. An epub beside a collection date only is PubMed's eCollection
    model: published online only, then gathered into the collection (as PLOS and eLife publish)."""
    found: dict[str, dates.PrintedDate] = {}
    for node in meta.findall("pub-date"):
        kind = node.get("pub-type") or node.get("date-type")
        if kind in _PUBLICATION_TYPES:
            kind = {"electronic": "epub", "print": "ppub"}.get(node.get("publication-format"), "epub")
        words = (node.findtext("year"), node.findtext("season") or node.findtext("month"), node.findtext("day"))
        when = dates.read_printed(" ".join(clean(w) for w in words if clean(w)))
        if when.iso and kind not in _NOT_PUBLISHED:
            found.setdefault(kind if kind in (*_ISSUE_TYPES, "epub") else "other", when)
    issue = next((found[k] for k in _ISSUE_TYPES if k in found), found.get("other", dates.PrintedDate("")))
    epub = found["epub"].iso if "epub" in found else ""
    return dates.published(issue, epub, online_only="ppub" not in found and "collection" in found)


def _topics(meta: Node) -> tuple[str, ...]:
    """The subjects of the "heading" subject group (else of the first group): "Research Article", "Review"."""
    groups = meta.findall("article-categories/subj-group")
    heading = [g for g in groups if g.get("subj-group-type") == "heading"] or groups[:1]
    return unique_folded(s.text for g in heading for s in g.findall("subject"))


def _title(meta: Node) -> tuple[str, styles.Styles]:
    """The article title with each ``<subtitle>`` of its title group, as the other readers join a subtitle
    ("Title: subtitle"; Yale J Biol Med's interviews in PMC: "Focusing in on the Mechanisms Underlying Attention",
    "An Interview with Anirvan Nandy, PhD"), each part in its own styles."""
    title, title_styles = xmltree.styled(meta.find("title-group/article-title"))
    for node in meta.findall("title-group/subtitle") if title else ():
        subtitle, subtitle_styles = xmltree.styled(node)
        if subtitle:
            title += f"{'' if title.endswith((':', '?', '!')) else ':'} "
            title_styles += tuple((start + len(title), end + len(title), kind) for start, end, kind in subtitle_styles)
            title += subtitle
    return title, title_styles


def _translated_titles(meta: Node, article_lang: str) -> tuple[tuple[str, str], ...]:
    """Each ``<trans-title-group xml:lang="pt"><trans-title>``: the title in another language (SciELO gives the
    Portuguese title of an English article so), its language the group's, else the trans-title's own."""
    return tuple((clean(node.text), _language_of(node, group.get("xml:lang") or article_lang))
                 for group in meta.findall("title-group/trans-title-group")
                 for node in group.findall("trans-title") if clean(node.text))


def _language_of(node: Node | None, inherited: str) -> str:
    """The BCP 47 tag of an element's own ``xml:lang``, else of the one it inherits."""
    return languages.tag_of(languages.parse([(node.get("xml:lang") if node is not None else "") or inherited]))


def _abstract_language(meta: Node, article_lang: str) -> str:
    """The language of the abstracts a page shows, when they are all in one; "" when they differ."""
    found = {_language_of(a, article_lang) for a in meta.findall("abstract") if not _skipped(a)}
    return found.pop() if len(found) == 1 else ""


_LAY_SUMMARY_TYPES = frozenset({"plain-language-summary"})
"""JATS4R's ``abstract-type`` of a plain-language summary: the lay summary whatever its title says (Wiley's Basic
& Clinical Pharmacology & Toxicology calls it "Summary")."""


def _lay_summary_and_abstract(meta: Node) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """(lay summary, abstract): the plain-language summaries' parts, and the other abstracts' parts, the parts
    labelled as a lay summary among them ("Author Summary") going to the first."""
    lay: list[Node] = []
    others: list[Node] = []
    for node in meta.findall("abstract"):
        if not _skipped(node):
            (lay if node.get("abstract-type") in _LAY_SUMMARY_TYPES else others).append(node)
    labelled_lay, abstract = split_lay_summary(_abstract(others))
    return (*labelled_lay, *(s for s in _abstract(lay) if s.label or s.text)), abstract


def _abstract(abstracts: list[Node]) -> list[Section]:
    """Each abstract's parts in order; titles are labels as printed ("eLife digest").

    Among several abstracts, an untitled one is called "ABSTRACT"; a lone abstract's own "Abstract" title is
    dropped (the catalogue's rule). A titled ``<sec>`` starts a part; other paragraphs join the part before.
    """
    return xmltree.styled_sections(abstracts, _sections)


def _translations(root: Node) -> list[Node]:
    """The article's translations, ``<sub-article article-type="translation" xml:lang="en">``, as SciELO's
    SPS writes an article published in several languages: each with its own title and abstract (in
    ``front-stub``) beside the article's, not a ``trans-abstract``."""
    return [node for node in root.findall("sub-article") if node.get("article-type") == "translation"]


def _other_abstracts(meta: Node, article_lang: str, translations: list[Node]) -> tuple[OtherAbstract, ...]:
    """Each ``<trans-abstract xml:lang="pt">`` and each translation's abstract: the abstract in another language,
    one per language (the language's abstracts of other kinds, a translated digest, join it)."""
    by_language: dict[str, list[Node]] = {}
    translated = [(node, t.get("xml:lang") or article_lang) for t in translations
                  for node in (*t.findall("front-stub/abstract"), *t.findall("front/article-meta/abstract"))]
    for node, inherited in [*((n, article_lang) for n in meta.findall("trans-abstract")), *translated]:
        if not _skipped(node):
            by_language.setdefault(node.get("xml:lang") or inherited, []).append(node)
    return tuple(other for language, nodes in by_language.items()
                 if (other := languages.abstract_in(language, xmltree.styled_sections(nodes, _sections))))


def _sections(abstracts: list[Node]) -> list[Section]:
    several = len(abstracts) > 1
    pieces: list[tuple[str, str]] = []
    for ab in abstracts:
        label = _label(ab)
        body = [c for c in ab.children if c.name not in ("title", "label", "object-id") and not _is_keywords(c)]
        starts_labelled = bool(body) and body[0].name == "sec" and body[0].find("title") is not None
        if not label and several and not starts_labelled:
            label = "ABSTRACT"
        elif label_key(label) == "abstract" and not several:
            label = ""
        if label:
            pieces.append((label, ""))
        pieces.extend(_piece(c) for c in body)
    return _merge(pieces)


def _is_keywords(node: Node) -> bool:
    """PMC's own front matter keeps a publisher's keywords inside the abstract, in a section of their own:
    ``<sec sec-type="kwd-group"><p><bold>Keywords:</bold> MucoRice, rice-based vaccine, …</p></sec>``."""
    return node.name == "sec" and node.get("sec-type") == "kwd-group"


_KEYWORDS_LABEL = re.compile(r"(?:key ?words?|index terms)\s*[:.\u2014-]?\s*", re.I)


def _abstract_keywords(meta: Node) -> list[str]:
    """The keywords of the abstracts' keyword sections ("Keywords: a, b; c" → a, b, c), as ``kwd`` gives them."""
    words: list[str] = []
    for sec in (c for a in meta.findall("abstract") for c in a.children if _is_keywords(c)):
        for text in (clean(_text(c)) for c in sec.children if c.name != "title"):
            label = _KEYWORDS_LABEL.match(text)
            text = text[label.end():] if label else text
            words.extend(clean(w) for w in text.split(";" if ";" in text else ","))
    return words


def _piece(child: Node) -> tuple[str, str]:
    """A titled section gives its label and text (nothing when it has no text); anything else its text."""
    label = _label(child) if child.name == "sec" else ""
    if label:
        body = _body(child)
        return (label, body) if body else ("", "")
    return "", _text(child)


def _merge(pieces: list[tuple[str, str]]) -> list[Section]:
    """Sections from (label, text) pieces: a label starts a section, unlabelled text joins the one before, and
    labels in an unlabelled paragraph ("Objectives: …") start sections as they do in a MEDLINE abstract."""
    sections: list[Section] = []
    for label, text in pieces:
        if label:
            sections.extend(labelled(label, text))
            continue
        for part in split_text(text):
            if not part.label and sections:
                last = sections[-1]
                sections[-1] = Section(last.label, f"{last.text} {part.text}" if last.text else part.text)
            else:
                sections.append(part)
    return sections


def _label(node: Node) -> str:
    return printed(node.findtext("title"))


def _body(sec: Node) -> str:
    """A section's text; a nested titled section reads "TITLE: text", as the catalogue writes it."""
    parts = []
    for child in sec.children:
        if child.name in ("title", "label", "object-id"):
            continue
        if child.name == "sec":
            label, body = _label(child), _body(child)
            text = f"{label}: {body}" if label and body else body
        else:
            text = _text(child)
        if text:
            parts.append(text)
    return " ".join(parts)


def _text(node: Node) -> str:
    """A paragraph's text; a container (a list, a table) gives the text of its parts."""
    if node.text or not node.children:
        return clean(node.text)
    return " ".join(t for t in (_text(c) for c in node.children) if t)


def _rights(meta: Node) -> str:
    """The copyright statements, then each licence's text, one a line: each is a sentence of its own, often
    without a final period ("© 2024 Yuki and Kiyono" then "This is an open-access article…")."""
    statements = [n.text for n in meta.findall("permissions/copyright-statement")]
    for lic in meta.findall("permissions/license"):
        statements.extend(_text(c) for c in lic.children if c.name != "ali:license_ref")
    return "\n".join(unique_folded(statements))


def _licence_url(lic: Node) -> str:
    return clean(lic.get("xlink:href") or lic.findtext("ali:license_ref"))


def _links(meta: Node) -> tuple[Link, ...]:
    """The article's own web pages (``self-uri``, ``ext-link``), named by host as the catalogue names its links.

    Links to PubMed, PMC and the DOI are not repeated here: pages make them from the identifiers. A self-uri
    that is a file name or an ``info:doi/`` uri is no web page and is left out without a warning.
    """
    urls = [safe_url(n.get("xlink:href") or clean(n.text)) for n in meta.children if n.name in ("self-uri", "ext-link")]
    return tuple(Link(url.split("/")[2], url) for url in unique(urls))


def _pages(meta: Node) -> str:
    first, last = clean(meta.findtext("fpage")), clean(meta.findtext("lpage"))
    if first:
        return f"{first}-{last}" if last and last != first else first
    return ""


_JATS_ISSN_TYPES = {"ppub": "print", "epub": "electronic", "print": "print", "electronic": "electronic"}
"""JATS's ``pub-type`` of an ISSN (NLM's "ppub", "epub") and its ``publication-format`` (JATS 1.1), as PubMed
names them."""


def _issns(journal: Node) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The journal's ISSNs and what each is: ``<issn pub-type="ppub|epub">`` or ``publication-format="print|
    electronic"``."""
    return typed_issns((n.text, _JATS_ISSN_TYPES.get(n.get("pub-type") or n.get("publication-format") or "", ""))
                       for n in journal.findall("issn"))


def _problems(record: Record, article: Article, meta: Node, licence_urls: list[str]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    where = record.where
    if not article.title:
        found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, meta.line), "no title-group/article-title"))
    found.extend(Diagnostic(Level.WARNING, where, f"licence link {url!r} is not an http(s) url; left out")
                 for url in licence_urls if not safe_url(url))
    for node in meta.findall("contrib-group/contrib/contrib-id"):
        if node.get("contrib-id-type") == "orcid" and not nlm.orcid_from(node.text):
            found.append(Diagnostic(Level.WARNING, SourceSpan(where.path, node.line),
                                    f"ORCID {clean(node.text)!r} is not an ORCID; left out"))
    return found
