"""Languages: every name and code a record may give for a language, made into one ``Language`` for every output.

Records name languages in many ways: PubMed and MARC write ISO 639-2/B codes ("ger"), Zotero and Crossref ISO
639-1 codes or BCP 47 tags ("de", "en-US", "pt_BR"), others the terminology code ("deu"), reference managers and
Web of Science English names ("German", "English; Spanish"), the catalogue VuFind's names ("Spanish / Castilian",
"Norwegian (Bokmål)"), and some the language's own name ("Deutsch", "Español"). langcodes (CLDR and the IANA
subtag registry) and its name index (language_data) know them all, so this module keeps no table of its own.

Pages show langcodes' English name of the language (and script), whatever a source wrote: one work read from
several sources shows one name, and "Spanish / Castilian" from the catalogue is "Spanish" like PubMed's "spa".
The record's own words stay in the full-record view. Words that name no language are kept as written, without
codes, and ``unnamed`` reports them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import marisa_trie
from language_data.names import get_trie_value, load_trie, normalize_name
from language_data.util import data_filename

from ..diagnostics import Diagnostic, Level, SourceSpan
from .article import Language, OtherAbstract, Record, Section
from .normalize import clean
from .sections import without_abstract_word

if TYPE_CHECKING:
    import langcodes

_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
"""A code or a tag ("en", "ger", "en-US", "pt_BR"); a longer word ("Deutsch") is a name."""
_ALTERNATIVES = re.compile(r"\s*[/,]\s*")
"""What joins two names in one value: "Spanish / Castilian" (one language), "English, French" (two)."""
_SHORTEST_NAME = 4
_LONGEST_NAME = 128
"""Longer than any name in language_data's index (its longest has 56 characters)."""
"""langcodes' own floor for a name found at the start of a longer text."""


def parse(values: Iterable[str]) -> tuple[Language, ...]:
    """The languages that values name, in order, each once; a value may name several ("English; Spanish")."""
    return union([language_of(part) for value in values for part in value.split(";")])


def union(lists: Iterable[tuple[Language, ...]]) -> tuple[Language, ...]:
    """The languages of several lists in first-seen order, one per name ("en" and "en-US" are both English)."""
    seen: dict[str, Language] = {}
    for found in lists:
        for lang in found:
            seen.setdefault(lang.name.casefold(), lang)
    return tuple(seen.values())


Answers = dict[str, tuple[tuple[str, str, str], ...]]
"""What ``language_of`` answered, by the text it was given, each Language as (name, tag, bibliographic)."""
_LEARNED_MAX = 4096
"""At most this many answers a process learns for the build cache (which keeps its own cap): a collection names a
few languages, and a process that reads hostile records should not hold what they name without end."""
_kept: dict[str, tuple[Language, ...]] = {}
_learned: Answers = {}


def recall_answers(answers: Answers) -> None:
    """Take ``answers`` that this code gave in an earlier build (the build cache keeps them under the code's
    digest): naming the first language of a process loads langcodes' names of every language in every language
    (0.2-0.35 s), which a rebuild that reads one edited record should not pay. A pure function's answers, so
    they stay right in any later build of this process."""
    _kept.update((text, tuple(Language(*lang) for lang in found)) for text, found in answers.items())


def learned_answers() -> Answers:
    """The answers this process worked out (not recalled) since it started, for the build cache."""
    return dict(_learned)


@functools.lru_cache(maxsize=1024)
def language_of(text: str) -> tuple[Language, ...]:
    """The languages one value names: a code or tag, a name in any language, names joined by "/" or ","; else
    the text itself as a Language without codes. Cached: a collection names the same few languages again and
    again, and a Language cannot change."""
    found = _kept.get(text)
    if found is None:
        found = _named_by(text)
        if len(_learned) < _LEARNED_MAX:
            _learned[text] = tuple((lang.name, lang.tag, lang.bibliographic) for lang in found)
    return found


_UNDETERMINED = frozenset({"undefined"})
"""Scopus's word for ISO 639's "und" (Undetermined): its BibTeX writes ``language = {undefined}``."""


def _named_by(text: str) -> tuple[Language, ...]:
    text = clean(text)
    if not text:
        return ()
    if text.casefold() in _UNDETERMINED:
        text = "und"
    pieces = _ALTERNATIVES.split(text)
    if len(pieces) > 1:
        each = [_known(piece) for piece in pieces]
        if all(each):
            return union([(lang,) for lang in each if lang])
    found = _known(text)
    return (found or Language(text),)


def unnamed(languages: Iterable[Language], record: Record) -> list[Diagnostic]:
    """A warning, at the line of the field that holds it, for each language that langcodes cannot name."""
    problems = []
    for lang in languages:
        if not lang.tag:
            line = next((f.line for f in record.fields if any(lang.name in v for v in f.values)), record.where.line)
            problems.append(Diagnostic(
                Level.WARNING, SourceSpan(record.where.path, line),
                f"language {lang.name!r} is no ISO 639 code, BCP 47 tag or language name that site-builder "
                f"knows: it is shown as written, and left out of citation_language, schema.org, CSL-JSON and "
                f"MEDLINE's LA"))
    return problems


def _known(text: str) -> Language | None:
    """The language a code, a tag or a name stands for; None when it stands for none."""
    import langcodes  # only for a text no earlier build answered (recall_answers): its import took 0.02 s

    if _TAG.fullmatch(text):
        try:
            found = langcodes.get(text.replace("_", "-"))
        except ValueError:  # langcodes' LanguageTagError: not a well-formed tag
            found = None
        if found is not None and (lang := _made(found)):
            return lang
    tag = _named(text)
    return _made(langcodes.get(tag)) if tag else None


def _made(found: langcodes.Language) -> Language | None:
    import langcodes  # (see _known)

    if not found.is_valid() or not (found.language or found.to_tag() == "und"):  # "und": ISO 639's Undetermined
        return None
    found = found.simplify_script()
    name = langcodes.Language.make(language=found.language, script=found.script).display_name("en")
    if "[" in name:  # langcodes shows a subtag it has no name for in brackets: "Unknown language [qaa]"
        return None
    try:
        # ISO 639-2 has macrolanguages only: Mandarin ("cmn") is "chi" there, as PubMed writes it.
        bibliographic = found.prefer_macrolanguage().to_alpha3(variant="B")
    except LookupError:
        bibliographic = ""
    return Language(name, found.to_tag(), bibliographic)


def _named(text: str) -> str:
    """The tag of the language a name stands for: the whole text ("Español", "Castilian", "Norwegian (Bokmål)"), in
    English first, then in any language; or a name followed by other words ("Greek, Modern (1453-)").

    langcodes' ``find`` also takes a name glued to more letters ("Bilingual" → Blin, from "Bilin"), which names
    no language; hence this lookup, in language_data's own index, with that one rule changed.
    """
    key = normalize_name(text)
    if "\x00" in key:  # a BytesTrie ends each key with NUL; no language's name holds one
        return ""
    tries = _name_index()
    if not tries:
        import langcodes  # (see _known)

        try:
            return langcodes.find(text).to_tag()
        except LookupError:
            return ""
    for trie in tries:
        if key in trie:
            return str(get_trie_value(trie, key))
    for trie in tries:
        # Only a name's length of the key: marisa's prefixes() takes time that grows with the square of its key.
        heads = [p for p in trie.prefixes(key[:_LONGEST_NAME + 1])
                 if len(p) >= _SHORTEST_NAME and not key[len(p)].isalnum()]
        if heads:
            return str(get_trie_value(trie, max(heads, key=len)))
    return ""


@functools.cache
def _name_index() -> tuple[marisa_trie.BytesTrie, ...]:
    """language_data's tries of language names in English and in every language (its ``name_to_code`` reads the
    same files); () when they cannot be loaded, and langcodes' ``find`` answers instead."""
    try:
        return tuple(load_trie(data_filename(f"trie/{words}/name_to_language.marisa")) for words in ("en", "und"))
    except (OSError, RuntimeError, ValueError):
        return ()


def tag_of(found: tuple[Language, ...]) -> str:
    """The BCP 47 tag of the one language ``found`` names; "" for none, several, or words that name none."""
    return found[0].tag if len(found) == 1 else ""


def written_in(sections: Iterable[Section], tag: str) -> tuple[Section, ...]:
    """``sections`` marked as written in the language of ``tag`` ("" leaves them unmarked)."""
    return tuple(dataclasses.replace(s, lang=tag) for s in sections) if tag else tuple(sections)


def abstract_in(language: str, sections: Iterable[Section]) -> OtherAbstract | None:
    """An abstract in the language ``language`` names (a code, a tag, a name; "" when the record names none), its
    sections marked with the language's tag; None when it has no text."""
    parts = without_abstract_word(sections)
    if not any(s.text for s in parts):
        return None
    found = parse([language]) if clean(language) else ()
    named = found[0] if len(found) == 1 else Language("")
    return OtherAbstract(named, written_in(parts, named.tag))
