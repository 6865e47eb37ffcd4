"""BibTeX export: ``@article`` entries (and the other kinds of work) for JabRef, Zotero, Mendeley and LaTeX.

Sample::

    @article{cazzato2021liver,
      author = {Cazzato, Roberto Luigi and Hubelé, Fabrice},
      title = {Liver-Directed Therapy for Neuroendocrine Metastases},
      journal = {Cancers (Basel)},
      year = {2021},
      month = dec,
      doi = {10.3390/cancers13246368},
    }

A work of another kind has its own entry type: ``@inproceedings`` and ``@incollection`` with the proceedings or
the book in ``booktitle``, ``@book``, ``@phdthesis`` with the university in ``school``, ``@techreport`` with the
institution in ``institution``; the journal a record names beside them is their ``series``, the editors of the book
(or of an edited book) its ``editor``, the city of publication its ``address`` and the edition its ``edition``. The
translators are biblatex's ``translator``. BibTeX has no field for a series' editors (Zotero's export adds them to
``editor``, where they would read as the book's): the CSL-JSON and RIS downloads name them. The ISSNs are in
``issn``, the ISBNs in ``isbn``, parted by ", ".

The file is UTF-8 and names keep their letters ("Hubelé"): biber, JabRef and Zotero read UTF-8, and
transliterating would lose them. LaTeX's special characters are escaped in text fields, and the words of a title
(a book's, a series') with a capital after their first letter are braced so that no style lowers them; ``doi``
and ``url`` are verbatim fields in biblatex, so they are only kept brace-balanced.
"""

from __future__ import annotations

import re

from ..model import dates
from ..model.article import PERIODICAL_KINDS, Article, Person
from ..model.normalize import collapse_spaces
from ..model.styles import Styles, tagged
from .parts import (
    best_url,
    cited_pages,
    container_title,
    date_parts,
    first_language_name,
    is_group,
    notice_note,
    page_range,
    series_title,
    styled_abstract,
    subject_terms,
)
from .periods import edtf, read_period

# One pass over the characters, so the braces these replacements add are never escaped in turn. Braces become
# commands rather than \{ because BibTeX counts every brace, escaped or not, when it finds a field's end.
_LATEX_ESCAPES = {
    "\\": "\\textbackslash{}",
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}


_LATEX_SPECIAL = re.compile("[" + re.escape("".join(_LATEX_ESCAPES)) + "]")


def latex_escape(text: str) -> str:
    """``text`` with LaTeX's special characters escaped and its whitespace on one line."""
    # A substitution asks the table once per special character found; str.translate through a table of strings
    # asks it once per character of the text (nine tenths of an abstract's BibTeX time).
    return _escaped(collapse_spaces(text))


LATEX_STYLES = {"i": ("\\textit{", "}"), "b": ("\\textbf{", "}"), "u": ("\\underline{", "}"),
                "sup": ("\\textsuperscript{", "}"), "sub": ("\\textsubscript{", "}"), "sc": ("\\textsc{", "}")}
"""How BibTeX writes each style (styles.KINDS); ``\\textsubscript`` is LaTeX's since 2015 (and fixltx2e's)."""


def latex_styled(text: str, styles: Styles) -> str:
    """``latex_escape`` of ``text``, its styles as LaTeX commands; without them when putting its white space on
    one line would move them."""
    one_line = collapse_spaces(text)
    if not styles or len(one_line) != len(text):
        return latex_escape(text)
    return tagged(one_line, styles, LATEX_STYLES, _escaped)


def _escaped(piece: str) -> str:
    return _LIGATURE_HYPHEN.sub("-{}", _LATEX_SPECIAL.sub(_latex_command, piece))


_LIGATURE_HYPHEN = re.compile(r"-(?=-)")
"""A hyphen before another: TeX (and every BibTeX reader that decodes LaTeX) reads "--" as an en dash and "---" as
an em dash, so Publish or Perish's "Microsourcing--using" came back "Microsourcing–using"; "-{}-" stays two."""


def _latex_command(special: re.Match[str]) -> str:
    return _LATEX_ESCAPES[special.group()]


_WORD = re.compile(r"(?<![^\W_])(?<!\\)[^\W_]+")
"""A word's run of letters and digits ("G12C"), not a LaTeX command's name (after a backslash)."""


def protect_case(latex: str) -> str:
    """``latex`` (a title, a book's or a series' title) with every word that has a capital after its first letter
    braced ("{SARS}-{CoV}-2 {NSP1}", "{mRNA}", "{COVID}-19"): BibTeX's own styles (plain, unsrt, abbrv, IEEEtran)
    and biblatex's sentence case lower-case a title's words, which would print them "sars-cov-2 nsp1". A word
    with only its first letter capital is left to the style (a title-case "Therapy" as much as a name)."""
    return _WORD.sub(_braced_if_cased, latex)


def _braced_if_cased(word: re.Match[str]) -> str:
    """``protect_case`` of one word: braced when a letter after its first is a capital."""
    text = word.group()
    rest = text[1:]
    # islower(): no capital in most words, told in C before a test of each letter
    return text if rest.islower() or not any(map(str.isupper, rest)) else "{" + text + "}"


def _verbatim(text: str) -> str:
    """A verbatim field (doi, url): kept as is but without braces, which would end the field early."""
    return text.strip().replace("{", "").replace("}", "")


# BibTeX's entry type of each kind of work (Article.kind, CSL's words), and the field that names its publisher;
# any other kind a journal or magazine carries is an @article, any other a @misc (a generic work, a data set, a
# web page: biblatex and Zotero read its publisher, volume and pages, BibTeX's own styles skip what @misc lacks).
ENTRY_TYPES = {"paper-conference": "inproceedings", "chapter": "incollection", "book": "book", "thesis": "phdthesis",
               "report": "techreport", "entry-dictionary": "incollection", "entry-encyclopedia": "incollection",
               "manuscript": "unpublished", "pamphlet": "booklet", "post": "misc", "post-weblog": "misc",
               "webpage": "misc"}
_PUBLISHER_FIELD = {"phdthesis": "school", "techreport": "institution"}


def bibtex_name(person: Person) -> str:
    """BibTeX's "Family, Suffix, Given" form; a group is braced so BibTeX never splits it into parts."""
    if is_group(person):
        return "{" + latex_escape(person.name) + "}"
    if person.suffix and not person.given:
        # A catalogue's "Bstan-ʼdzin-rgya-mtsho, Dalai Lama XIV" (MARC 100 $c): written "Family, Suffix", BibTeX
        # would read the suffix as the given name; the empty "{}" keeps it in the Jr part.
        return f"{latex_escape(person.family)}, {latex_escape(person.suffix)}, {{}}"
    if not person.given and " " in person.family.strip() and not person.family.strip()[0].islower():
        # Manubot's "family": "BI Intelligence" with no given name: BibTeX reads a name without a comma as
        # "First von Last" (the given name "BI"), so such a family name is braced whole; one that starts with a
        # particle ("van den Hoven") already reads as von and Last.
        return "{" + latex_escape(person.family) + "}"
    parts = (person.family, person.suffix, person.given) if person.suffix else (person.family, person.given)
    return ", ".join(latex_escape(p) for p in parts if p)


_EDTF_DATE = r"-?\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-(?:0[1-9]|[12]\d|3[01]))?)?[~?%]?"
_EDTF = re.compile(rf"{_EDTF_DATE}(?:/(?:{_EDTF_DATE})?)?")
"""A date biblatex reads as it is (ISO 8601-2): "-2000~", "2015/", "2019-12/2020-01"; not "2019-20" (a school
year, as printed), whose "20" is no month."""


def _biblatex_date(article: Article) -> str:
    """biblatex's ``date`` of a date ISO cannot hold: a period, a season, an approximate date, a year before our
    era ("2014-11/2014-12", "2018-21", "2011-05~", "-0333"; ``periods.edtf``), or the record's own ISO 8601-2
    text ("-2000~"); "" for any other (``year`` and ``month`` say it all). Zotero's importer takes ``date``
    whole, before ``year`` and ``month``."""
    printed = article.date_printed
    if not printed:
        return ""
    if _EDTF.fullmatch(printed):
        return printed
    period = read_period(printed)
    return edtf(period) if period else ""


def bibtex_entry(article: Article, key: str) -> str:
    """One entry, ``@article`` or the type of the work's kind, fields in a fixed order, empty fields left out."""
    when = date_parts(article)
    printed_month = article.date_printed.removeprefix(f"{when.year} ") if when.year else ""
    printed_month = "" if printed_month == article.date_printed else printed_month
    first, last = page_range(cited_pages(article), article.doi)
    entry_type = ENTRY_TYPES.get(article.kind, "article" if article.kind in PERIODICAL_KINDS else "misc")
    publisher = latex_escape(article.publisher)
    series = latex_escape(series_title(article)) if entry_type != "article" else ""
    # The website or blog that carries a @misc is where it was published, as a journal is an article's.
    carrier = latex_escape(article.journal) if entry_type == "misc" and article.kind in PERIODICAL_KINDS else ""
    braced = {
        "author": " and ".join([*map(bibtex_name, article.authors), *(["others"] if article.et_al else [])]),
        "editor": " and ".join(map(bibtex_name, article.editors)),
        "translator": " and ".join(map(bibtex_name, article.translators)),
        "title": protect_case(latex_styled(article.title, article.title_styles)),
        "journal": latex_escape(article.journal) if entry_type == "article" else "",
        "booktitle": protect_case(latex_escape(container_title(article))),
        "howpublished": carrier,
        "series": protect_case(series) if series != publisher else "",
        "edition": latex_escape(article.edition),
        "year": str(when.year) if when.year else "",
        "date": _biblatex_date(article),
        "volume": latex_escape(article.volume),
        "number": latex_escape(article.issue),
        # each page escaped, the range's "--" not: Web of Science's older records end a range in "&" ("250--\&")
        "pages": f"{latex_escape(first)}--{latex_escape(last)}" if last else latex_escape(first),
        # biblatex's field for an article number (the "electronic identifier" of an @article); pages holds it too
        # when there are none, for BibTeX's styles, which know no eid.
        "eid": latex_escape(article.article_number),
        _PUBLISHER_FIELD.get(entry_type, "publisher"): publisher,
        "address": latex_escape(article.place),
        "doi": _verbatim(article.doi),
        "pmid": _verbatim(article.pmid),
        "pmcid": _verbatim(article.pmcid),
        # One field each, several numbers parted by ", " as Zotero writes them (and the reader reads them).
        "issn": latex_escape(", ".join(article.issns)),
        "isbn": latex_escape(", ".join(article.isbns)),
        "url": _verbatim(best_url(article)),
        "language": latex_escape(first_language_name(article)),
        "keywords": latex_escape(", ".join(subject_terms(article))),
        "abstract": latex_styled(*styled_abstract(article)),
        # A retraction or an expression of concern, which a bibliography should say (styles print the note);
        # errata and comments stay in the RIS and MEDLINE downloads.
        "note": latex_escape(" ".join(notice_note(n) for n in article.warnings)),
    }
    lines = [f"@{entry_type}{{{key},"]
    for name, value in braced.items():
        if value:
            lines.append(f"  {name} = {{{value}}},")
        if name == "year" and printed_month:
            # A period or a season ("2014 Nov-Dec", "2018 Spring"): the printed words after the year, braced.
            lines.append(f"  month = {{{latex_escape(printed_month)}}},")
        elif name == "year" and when.month:
            # The month macro (not a braced string), so every style prints it in its own language.
            lines.append(f"  month = {dates.MONTH_ABBR[when.month - 1].lower()},")
    lines.append("}")
    return "\n".join(lines) + "\n"
