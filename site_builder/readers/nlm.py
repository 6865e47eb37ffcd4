"""The National Library of Medicine's conventions that the MEDLINE, PubMed XML and JATS readers share.

One work reaches the site from several NLM formats (and from the catalogue dump made of them), so every rule
that decides a value lives here once: language names, dates from parts, the topic a publication type gives,
the article id, ORCIDs and abstract sections. The rules follow ``tools/pubmed_to_dump.py``, which documents how
the catalogue dump derives its fields, so that the same work gets the same values from every source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..identifiers import article_id as article_id  # the readers' id rule, kept with the identifiers
from ..model import Section
from ..normalize import clean

# ISO 639-2/B (PubMed's <Language>, MEDLINE's LA) to ISO 639-1 (what a JATS xml:lang says: "en").
ISO639_2_TO_1 = {
    "afr": "af", "alb": "sq", "ara": "ar", "arm": "hy", "aze": "az", "baq": "eu", "bel": "be", "ben": "bn",
    "bos": "bs", "bul": "bg", "bur": "my", "cat": "ca", "chi": "zh", "cze": "cs", "dan": "da", "dut": "nl",
    "eng": "en", "epo": "eo", "est": "et", "fin": "fi", "fre": "fr", "geo": "ka", "ger": "de", "gle": "ga",
    "glg": "gl", "gre": "el", "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "ice": "is", "ind": "id",
    "ita": "it", "jpn": "ja", "kor": "ko", "lat": "la", "lav": "lv", "lit": "lt", "mac": "mk", "may": "ms",
    "mlt": "mt", "mol": "mo", "mon": "mn", "nob": "nb", "nno": "nn", "nor": "no", "per": "fa", "pol": "pl",
    "por": "pt", "rum": "ro", "rus": "ru", "slo": "sk", "slv": "sl", "spa": "es", "srp": "sr", "swe": "sv",
    "tur": "tr", "ukr": "uk", "urd": "ur", "uzb": "uz", "vie": "vi", "wel": "cy", "yid": "yi",
}

# The English names the catalogue uses (VuFind's ISO 639-1 language map), so both sources name a language alike.
LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian", "bg": "Bulgarian",
    "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan / Valencian", "cs": "Czech", "cy": "Welsh", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish / Castilian",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian", "ko": "Korean",
    "la": "Latin", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "mn": "Mongolian", "mo": "Moldavian",
    "ms": "Malay", "mt": "Maltese", "my": "Burmese", "nb": "Norwegian (Bokmål)", "nl": "Dutch",
    "nn": "Norwegian (Nynorsk)", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "yi": "Yiddish",
    "zh": "Chinese",
}


def language_names(codes: Iterable[str]) -> tuple[str, ...]:
    """English names of ISO 639 codes ("eng", "en", "EN-us" → "English"); a code without a name is kept as is."""
    names: list[str] = []
    for code in codes:
        code = clean(code).lower().split("-")[0]
        if code:
            short = ISO639_2_TO_1.get(code, code)
            names.append(LANGUAGE_NAMES.get(short, short))
    return tuple(dict.fromkeys(names))


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}


def date_from_parts(year: str, month: str = "", day: str = "") -> str:
    """``YYYY[-MM[-DD]]`` from a record's parts; the month is a number or an English name ("Dec", "December")."""
    year = year.strip()
    if not re.fullmatch(r"\d{4}", year):
        return ""
    m = month.strip().lower()[:3]
    num = _MONTHS.get(m) or (int(m) if m.isdigit() and 1 <= int(m) <= 12 else 0)
    if not num:
        return year
    d = day.strip()
    if d.isdigit() and 1 <= int(d) <= 31:
        return f"{year}-{num:02d}-{int(d):02d}"
    return f"{year}-{num:02d}"


# Publication types that say nothing about what kind of work it is, so they never become its topic.
_GENERIC_TYPES = frozenset({"Journal Article", "English Abstract", "Comparative Study", "Historical Article"})


def topics_from_types(types: Iterable[str]) -> tuple[str, ...]:
    """The catalogue's rule: "Review" when any type is Review, else the first specific type, else the first."""
    kinds = [clean(t) for t in types if clean(t)]
    if "Review" in kinds:
        return ("Review",)
    specific = [t for t in kinds if t not in _GENERIC_TYPES and not t.startswith("Research Support")]
    return tuple((specific or kinds)[:1])


_ORCID = re.compile(r"(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])")


def orcid_from(text: str) -> str:
    """The bare ORCID ("0000-0002-1825-0097") in "ORCID: …", an orcid.org url or the digits alone."""
    m = _ORCID.search(text)
    return "-".join(m.groups()).upper() if m else ""


def family_given(family: str, given: str, suffix: str = "") -> str:
    """A person's name as the catalogue writes it, "Family, Given[, Suffix]", for ``parse_person``."""
    return ", ".join(p for p in (clean(family), clean(given), clean(suffix)) if p)


LAY_LABELS = frozenset({"SIMPLE SUMMARY", "PLAIN LANGUAGE SUMMARY", "PLAIN-LANGUAGE SUMMARY", "LAY SUMMARY",
                        "AUTHOR SUMMARY"})


def section_label(text: str) -> str:
    """An abstract part's label as PubMed shows it: upper case, without a closing colon or period."""
    return clean(text).rstrip(" :.").upper()


def split_lay_summary(sections: Iterable[Section]) -> tuple[tuple[Section, ...], tuple[Section, ...]]:
    """(lay summary, abstract): the parts labelled as a plain-language summary, and the others, each in order.

    A part labelled "ABSTRACT" (what follows an MDPI "SIMPLE SUMMARY") is the abstract itself and loses the
    label, as the catalogue reader drops it.
    """
    parts = [s for s in sections if s.label or s.text]
    lay = tuple(s for s in parts if s.label in LAY_LABELS)
    rest = tuple(Section("" if s.label == "ABSTRACT" else s.label, s.text) for s in parts if s.label not in LAY_LABELS)
    return lay, rest


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Cleaned, non-empty values in first-seen order, a repeat (ignoring case) dropped."""
    seen: dict[str, str] = {}
    for value in values:
        value = clean(value)
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())
