"""Section labels of abstracts: the one table of headings, the splitters and the heading a page shows.

Every reader that meets a structured abstract asks this module, so that one abstract gives the same sections
from every format:

- ``split_text`` cuts an abstract written as one text at its labels: "BACKGROUND: … METHODS: …" (PubMed,
  MEDLINE, the catalogue dump), "Background: …" (RIS, BibTeX, CSL-JSON), Embase's "Method(s): …".
- ``split_heading_lines`` does the same for an abstract given line by line, where a line that is a heading alone
  and no colon starts a section (Lens, Web of Science: "Background" on one line, its text on the next).
- ``split_running`` cuts an abstract whose headings run into the text without a colon, as Web of Science
  writes many: "Background Cytomegalovirus … . Objectives This study …", even "BackgroundStaphylococcus …".
- ``split_lay_summary`` takes the plain-language summary ("SIMPLE SUMMARY", "Author summary") out of the
  abstract, and drops an "ABSTRACT" label that only names the rest.
- ``heading`` is what an article page shows: a label as printed ("eLife digest", "Methods and findings"), and
  an all-capitals label in sentence case ("PATIENTS AND METHODS" → "Patients and methods").

Labels stay as the record prints them (without the colon); ``label_key`` is how two spellings compare.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence

from .article import Section
from .normalize import clean

# The headings structured abstracts use in title case (an all-capitals label needs no table: any one counts).
# A label is matched without regard to case after its first letter ("Materials And Methods"), and two headings
# joined by "and", "&" or "/" make one ("Background and objective", "Methodology/Principal Findings").
HEADINGS = frozenset({
    "abstract", "aim", "aims", "aim(s)", "approach", "authors' conclusions", "authors’ conclusions", "background",
    "background and aims", "background and objectives", "background and purpose", "capsule", "case presentation",
    "case report", "clinical relevance", "clinical significance", "conclusion", "conclusions", "conclusion(s)",
    "conclusions and relevance", "conservation implications", "context", "data collection",
    "data collection and analysis", "data extraction", "data sources", "data synthesis", "design", "discussion",
    "discussions", "evidence acquisition",
    "evidence synthesis", "findings", "hypothesis", "implications", "importance", "interpretation", "intervention",
    "interventions", "introduction", "key results", "level of evidence", "limitations", "location", "main body",
    "main conclusion", "main conclusions", "main outcome measure", "main outcome measures", "main results",
    "material", "materials",
    "material and methods", "materials and methods", "material(s) and method(s)", "measurements", "method",
    "methods", "method(s)", "methodology", "methods and findings", "methods and output", "motivation",
    "objective", "objectives", "objective(s)",
    "outcomes", "participants", "principal findings", "problem statement", "prospero registration", "purpose",
    "purpose of review", "question", "rationale", "recent findings", "recommendations", "registration",
    "research design and methods", "result",
    "results", "result(s)", "review findings", "review methods", "search methods", "selection criteria", "setting",
    "significance", "study design", "study selection", "summary", "supplementary information",
    "translational potential of this article", "trial registration",
    # Global Ecology and Biogeography's: "Aim", "Location", "Time period", "Major taxa studied", "Methods", …
    "major taxa studied", "time period",
    # Bioinformatics': "Motivation", "Results", "Availability and implementation", "Contact", "Supplementary
    # information"
    "availability", "implementation", "contact",
    # French ones (OPENING_HEADINGS below): APA PsycInfo's French abstract of an article in a French journal.
    "contexte", "méthode", "méthodes", "objectif", "objectifs", "résultats",
    # Plain-language summaries (LAY_SUMMARY below).
    "accessible summary", "author summary", "lay summary", "plain language summary", "plain-language summary",
    "simple summary",
})

LAY_SUMMARY = frozenset({"simple summary", "plain language summary", "lay summary", "author summary",
                         "accessible summary"})
"""Keys of the labels that name an author's plain-language summary (MDPI, Cochrane, PLOS; the Journal of
Psychiatric and Mental Health Nursing's "ACCESSIBLE SUMMARY", before its "ABSTRACT")."""

_ABSTRACT = "abstract"
_NO_LABEL = frozenset({_ABSTRACT, "unlabelled", "unlabeled"})
"""Labels that name no section: "ABSTRACT" (the whole), and PubMed's "UNLABELLED", which it gives the text
before an abstract's first real label (``<AbstractText Label="UNLABELLED">``, "AB  - UNLABELLED: …")."""
_SHORT = frozenset({"aim"})
"""All-capitals labels shorter than four letters that are still labels ("CI:" in "95% CI: 1.2" is not)."""
_UPPER = re.compile(r"[A-Z][A-Z0-9'’&/,()\- ]*[A-Z0-9)'’]")
_COLON = re.compile(r":(?=\s|$)")
# Where a label may start: the text's start, a new line, or after the end of a sentence (a semicolon ends none).
_BOUNDARY = re.compile(r"(?:^|\n|(?<=[.?!)\]])\s)\s*")
# A bracket that closes a list item's number ends no sentence: "phenotypes: (1) PRIM: dichotomized …, (2) QTOT1: …"
# (Web of Science's record of PubMed 29859070) names a measure, not a section.
_ENUMERATOR = re.compile(r"(?:^|[\s(])\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s*$")
_LONGEST_LABEL = 80
# A usual heading glued to the sentence before it, as Epistemonikos' RIS export writes PubMed's sections joined
# without a space: "… other diagnoses must be considered.METHODS: Recommendations …", "… infection."RESULTS:"; and
# in title case, as Silverchair's RIS (CHEST, 10.1378/chest.11-3031) ends each section's line: "… (VHA)
# hospitals.Methods: "; or to the e-mail address that ends a section, as HighWire's RIS of Bioinformatics writes
# "Contact: bystrc@rpi.eduSupplementary information: …" (10.1093/bioinformatics/btt735).
_GLUED_LABEL = re.compile(r"""(?:[.?!)\]"”]|@[\w.-]*?[a-z])([A-Z][A-Za-z'’&/() \-]*[A-Za-z)])\Z""")


def printed(label: str) -> str:
    """A label as the record prints it, without the colon or period that closes it ("Background:" → "Background")."""
    return clean(label).rstrip(" :.")


def label_key(label: str) -> str:
    """What two spellings of one label share: "PLAIN-LANGUAGE SUMMARY:" and "Plain language summary"."""
    return " ".join(label.replace("-", " ").rstrip(" :.").casefold().split())


_HEADING_KEYS = frozenset(label_key(h) for h in HEADINGS)


_JOINED = re.compile(r" and | ?& ?| ?/ ?")


def is_heading(text: str) -> bool:
    """Is ``text`` one of the usual headings, in any case ("Background", "RESULTS", "Result(s)")?"""
    text = text.strip()
    if not text or not text[0].isupper() or len(text) > _LONGEST_LABEL:
        return False
    key = label_key(text)
    return key in _HEADING_KEYS or all(part in _HEADING_KEYS for part in _JOINED.split(key))


def _is_label(candidate: str, after: str) -> bool:
    """An all-capitals label of four letters or more ("AIM" too), or one of the usual headings; ``after`` is
    the text before it. A heading in title case needs a sentence's end before it, not a bracket: in
    '"… (RED-S) Intervention: A Pilot Study"' it is part of a quoted title."""
    if candidate.count("(") != candidate.count(")"):  # "PROSPERO (2017: CRD42017070104)" opens a bracket
        return False
    if _UPPER.fullmatch(candidate):
        return sum(map(str.isalpha, candidate)) >= 4 or candidate.casefold() in _SHORT
    return is_heading(candidate) and after.rstrip()[-1:] not in (")", "]")


def split_text(text: str, opening: bool = True) -> list[Section]:
    """An abstract cut at its labels ("BACKGROUND: … METHODS: …"); text before the first label is unlabelled.

    A label starts the text (unless not ``opening``), a line, or follows the end of a sentence (a usual heading
    in capitals even without a space between); it ends with a colon and a space.
    """
    text = _unglued(text.strip())
    cuts: list[tuple[int, int, str]] = []
    # Colons are few: look back from each to where a label could have started (a look-behind is slower).
    for colon in _COLON.finditer(text):
        start = _label_start(text, colon.start())
        if cuts and start < cuts[-1][1] and label_key(cuts[-1][2]) in _NO_LABEL:
            # A label that names no section is followed by the first real one: "UNLABELLED: INTRODUCTION AND
            # CASE DESCRIPTION: …" (PubMed 18597235's MEDLINE), "ABSTRACT: BACKGROUND: …".
            start = len(text) - len(text[cuts[-1][1]:].lstrip())
        candidate = text[start:colon.start()].rstrip()
        if not _is_label(candidate, text[max(0, start - 4):start]) and (
                glued := _GLUED_LABEL.search(text, max(0, colon.start() - _LONGEST_LABEL), colon.start())) and (
                is_heading(glued.group(1))):
            start, candidate = glued.start(1), glued.group(1)
        opens = start > 0 or (start == 0 and opening)
        if opens and _is_label(candidate, text[max(0, start - 4):start]) and (not cuts or start >= cuts[-1][1]):
            cuts.append((start, colon.end(), candidate))
    if not cuts:
        if opening and (stopped := split_stopped(text)):
            return stopped
        return [Section("", whole)] if (whole := clean(text)) else []
    sections = [Section("", before)] if (before := clean(text[:cuts[0][0]])) else []
    for (_, end, label), after in zip(cuts, [*cuts[1:], None], strict=True):
        sections.append(Section(printed(label), clean(text[end:after[0] if after else len(text)])))
    return sections


def _label_start(text: str, colon: int) -> int:
    """Where a label ending at ``colon`` starts: after the last sentence end before it; -1 when that is too far."""
    start = -1
    # ``^`` matches only at the text's real start, and the look-behind sees before the window: true boundaries.
    for m in _BOUNDARY.finditer(text, max(0, colon - _LONGEST_LABEL), colon):
        start = m.end()
    if start > 0 and _ENUMERATOR.search(text, max(0, start - 12), start):
        return -1
    return start


# The three patterns below alternate over every heading: compiled when first used, not when the module is imported
# (0.012 s of every build's start, most of whose builds read no abstract that needs them).
@functools.cache
def _running_pattern() -> re.Pattern[str]:
    """A usual heading (or two joined, as ``is_heading`` takes them) at a boundary, then a capital or a digit,
    after one space or a new line, or glued to it: a capital or a digit after a heading that ends in a small letter
    ("BackgroundStaphylococcus"), a capital and a small letter after one in capitals ("SUMMARYData form …", SciELO;
    in "RESULTS: Thirty …" no "RESULT" is glued to an "S")."""
    one = "|".join(re.escape(h) for h in sorted(_HEADING_KEYS, key=len, reverse=True))
    label = rf"(?:{one})(?:(?: and | ?& ?| ?/ ?)(?:{one}))*"
    then = r"(?:(?=[ \n][A-Z0-9])|(?<=[a-z)])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z]))"
    return re.compile(rf"(?:^|(?<=[.?!)\]])\s?|(?<=\n))(?P<label>(?i:{label})){then}")


@functools.cache
def _stopped_pattern() -> re.Pattern[str]:
    """A usual heading (or two joined) at a sentence's boundary, closed by a full stop, then a capital or a
    digit, after a space or none: "Background. Tick-borne …", "Material and methods. We …", "Aims.We …"."""
    one = "|".join(re.escape(h) for h in sorted(_HEADING_KEYS, key=len, reverse=True))
    label = rf"(?:{one})(?:(?: and | ?& ?| ?/ ?)(?:{one}))*"
    return re.compile(rf"(?:^|(?<=[.?!])\s)(?P<label>(?i:{label}))\.\s*(?=[A-Z0-9])")


@functools.cache
def _glued_pattern() -> re.Pattern[str]:
    """A usual heading (or two joined) glued to both the sentence before it and the word after it, without a colon:
    "… in this age group.Main bodyTo meet this need, …"."""
    one = "|".join(re.escape(h) for h in sorted(_HEADING_KEYS, key=len, reverse=True))
    label = rf"(?:{one})(?:(?: and | ?& ?| ?/ ?)(?:{one}))*"
    return re.compile(rf"(?<=[a-z0-9)][.?!])(?P<label>(?i:{label}))(?=[A-Z][a-z])")


_NO_SPACE_AFTER_SENTENCE = (re.compile(r"\.[A-Z]"), re.compile(r"\?[A-Z]"), re.compile(r"![A-Z]"))
"""Where a glued heading can be; a scan for it alone is much quicker than for every heading. One pattern per mark:
a pattern that starts with one character is searched for it in C, one that starts with a class tries the class at
every character (a catalogue abstract of 1,900 characters: 2 us against 25 us)."""


def _unglued(text: str) -> str:
    """``text`` with a heading glued to the words on both sides of it set apart as a label ("… age group. Main
    body: To meet …"): APA PsycInfo's abstract of a BioMed Central review (J Neurodev Disord 2021, Ovid's RIS in
    asreview's citation-file-formatting) flattens its JATS sections so, giving "Background:" and "Conclusions:"
    their colons but not "Main body", whose text was read as the background's. A sentence that ends and a word
    that starts with no space between them and a heading are only markup taken away."""
    if not any(mark.search(text) for mark in _NO_SPACE_AFTER_SENTENCE):
        return text
    return _glued_pattern().sub(lambda m: f" {m['label']}: " if m["label"][0].isupper() else m["label"], text)


def split_stopped(text: str) -> list[Section]:
    """An abstract whose headings end with a full stop instead of a colon, cut at them, as Embase, Scopus and
    Web of Science keep many ("Background. Tick-borne … Objectives. The aim … Results. 54 children …"); [] when
    it is none. Only an abstract that opens with a usual heading and holds a second one is taken for one: a
    sentence may end in a heading's word ("… the results.") but none is that word alone."""
    cuts = [m for m in _stopped_pattern().finditer(text) if m.group("label")[0].isupper()]
    if len(cuts) < 2 or cuts[0].start() != 0:
        return []
    return [Section(printed(m.group("label")), clean(text[m.end():after.start("label") if after else None]))
            for m, after in zip(cuts, [*cuts[1:], None], strict=True)]


def split_running(text: str) -> list[Section]:
    """An abstract whose headings run into its text without colons, cut at them; only an abstract that starts
    with a heading is taken for one (elsewhere "Results" followed by a capital may be a sentence's start)."""
    text = text.strip()
    cuts = [m for m in _running_pattern().finditer(text)
            if m.group("label")[0].isupper() and not _starts_colon_label(m.group("label"), text, m.end("label"))]
    if not cuts or cuts[0].start("label") != 0:
        return split_heading_lines(text.split("\n"))
    sections: list[Section] = []
    for m, after in zip(cuts, [*cuts[1:], None], strict=True):
        sections.extend(labelled(m.group("label"), text[m.end("label"):after.start("label") if after else None]))
    return sections


_CAPITALS_TO_COLON = re.compile(r"[ A-Z0-9'’&/,()\-]*:(?=\s|$)")


def _starts_colon_label(label: str, text: str, end: int) -> bool:
    """Is a heading in capitals only the start of a longer label that a colon closes: "HYPOTHESIS / AIMS" in
    "HYPOTHESIS / AIMS OF STUDY: Genitourinary syndrome …" (the Cochrane Library's CENTRAL record of a
    conference abstract)? That label is cut as the colons' labels are."""
    return label.isupper() and bool(_CAPITALS_TO_COLON.match(text, end))


def split_heading_lines(lines: Sequence[str]) -> list[Section]:
    """An abstract given line by line: a line that is a heading alone ("Background", "Methods:") starts a
    section, and each section's text is then cut at labels with colons as ``split_text`` cuts it."""
    sections: list[Section] = []
    label = ""
    body: list[str] = []
    for line in lines:
        if is_heading(line.strip().removesuffix(":")):
            sections.extend(labelled(label, "\n".join(body)))
            label, body = printed(line), []
        else:
            body.append(line)
    sections.extend(labelled(label, "\n".join(body)))
    return sections


def labelled(label: str, text: str) -> list[Section]:
    """A part the record labels itself (PubMed's ``Label``, a JATS title), cut at the labels its text still
    holds ("… MAIN RESULTS: … AUTHORS' CONCLUSIONS: …" in one Cochrane part), as one paragraph would be cut.
    A registration's text opens with the registry's name, no label: "Trial registration ISRCTN: 2017-002402-13"."""
    parts = split_text(text, opening=not label_key(label).endswith("registration"))
    if not label:
        return parts
    if parts and not parts[0].label:
        return [Section(label, parts[0].text), *parts[1:]]
    return [Section(label, ""), *parts]


def split_lay_summary(sections: Iterable[Section]) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """(lay summary, abstract): the parts labelled as a plain-language summary, and the others, each in order.

    A part labelled "ABSTRACT" (what follows an MDPI "SIMPLE SUMMARY") is the abstract itself and loses the
    label, as does PubMed's "UNLABELLED" part; parts with neither label nor text are left out. A summary that
    follows the abstract's parts keeps the parts after it: the Cochrane Library's review ends its abstract with
    "Plain language summary Short-term and long-term effects of tibolone … Review question … Background …".
    """
    lay: list[Section] = []
    rest: list[Section] = []
    closing = False  # a plain-language summary after the abstract's parts, whose own parts follow it
    for s in sections:
        key = label_key(s.label)
        if key in LAY_SUMMARY:
            lay.append(s)
            closing = bool(rest)
        elif key in _NO_LABEL:
            rest.append(dataclasses.replace(s, label="", lang=""))
            closing = False
        elif closing:
            lay.append(s)
        elif s.label or s.text:
            rest.append(s)
    return tuple(lay), tuple(s for s in rest if s.label or s.text)


ABSTRACT_WORDS = {"abstract": "en", "summary": "en", "resumo": "pt", "resumen": "es", "résumé": "fr",
                  "zusammenfassung": "de", "riassunto": "it"}
"""The word that opens an abstract in each language, as SciELO's RIS writes it ("RESUMO A Mata Atlântica …"),
and the language it names."""
_LEADING_WORD = re.compile(r"\s*([^\W\d_]+)(\s*[:.]\s*|\s+)?")


def abstract_word(text: str) -> tuple[str, str]:
    """``(language tag, the rest)`` when ``text`` opens with the word for "abstract" in a language ("RESUMO A
    Mata …", "Resumen: Las …", even "RESUMOAnálises …" run together); else ``("", text)``."""
    found = _LEADING_WORD.match(text)
    if not found:
        return "", text
    word = found[1]
    if found[2] and word.casefold() in ABSTRACT_WORDS:
        return ABSTRACT_WORDS[word.casefold()], text[found.end():]
    for known, tag in ABSTRACT_WORDS.items():  # run into an all-capitals word: the next one starts a word
        rest = word[len(known):]
        if word.startswith(known.upper()) and len(rest) > 1 and rest[0].isupper() and rest[1].islower():
            return tag, text[found.start(1) + len(known):]
    return "", text


OPENING_HEADINGS = {"objectif": "fr", "objectifs": "fr", "contexte": "fr", "méthode": "fr", "méthodes": "fr"}
"""Headings that open an abstract in one language only, and that language: APA PsycInfo's second abstract of an
article in a French journal opens "Objectif: L’objectif de cette étude …" and names no language (EBSCOhost's RIS)."""
_OPENING_HEADING = re.compile(r"\s*([^\W\d_]+)\s*:")


def heading_language(text: str) -> str:
    """The language tag of the heading ``text`` opens with, when only one language writes it (``OPENING_HEADINGS``:
    "Objectif: …" is French); else ""."""
    found = _OPENING_HEADING.match(text)
    return OPENING_HEADINGS.get(found[1].casefold(), "") if found and found[1][0].isupper() else ""


def without_abstract_word(sections: Iterable[Section]) -> tuple[Section, ...]:
    """``sections`` without a label that only names the whole abstract in a language (``ABSTRACT_WORDS``:
    PubMed's ``Label="ZUSAMMENFASSUNG"`` over a German abstract), as ``split_lay_summary`` drops "ABSTRACT"."""
    kept = (dataclasses.replace(s, label="") if s.label.casefold() in ABSTRACT_WORDS else s for s in sections)
    return tuple(s for s in kept if s.label or s.text)


def heading(label: str) -> str:
    """The heading a page shows: the label as printed, or in sentence case when it is all capitals."""
    if any(c.islower() for c in label):
        return label
    return label[:1].upper() + label[1:].lower()
