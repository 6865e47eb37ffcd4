"""Articles (with their records) and diagnostics as bytes, and back: how the build cache keeps each record file
as read (readers/files.py, output/cache.py), and the bytes a page's fingerprint digests an article by.

The bytes are ``marshal`` of plain tuples. For 5,000 articles, packing takes 0.21 s and unpacking 0.30 s, against
0.66 s and 0.44 s with ``pickle`` of the dataclasses, which goes through a generic reduce for every object;
unpacking is on a rebuild's critical path. ``marshal`` refuses any object it does not know, so a model field of
a new type fails loudly instead of arriving changed.

Here too is how an article is held once read (``held``): each record's fields and preamble packed into one bytes
object (``Record.body``: marshal's format 0, compressed), which the full-record view alone unpacks. At 10,000
catalogue records that is 2.5 kB a record instead of some 17 kB of strings, tuples and Field objects; packing costs
about 0.12 ms a record when it is read, unpacking 0.1 ms when its page is rendered. And ``unpack`` makes values
that many articles hold alike one object each (``Alike``). The articles of a file that the cache trusts unchanged
are unpacked partly (``PackedArticle``): the fields that a rebuild reads of every article at once, the others when
first read, as a rebuild after an edit renders the pages of few articles; those others are marshalled apart in the
file's bytes, and held as such bytes until then."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import sys
import zlib
from operator import attrgetter, itemgetter
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import (
    Article,
    Field,
    Language,
    Link,
    MeshHeading,
    MeshQualifier,
    Notice,
    OtherAbstract,
    Person,
    Record,
    Section,
    Summary,
)
from .merge import MergeKeys, merge_keys

Packed = tuple[list[Article], list[Diagnostic]]


class Alike:
    """Values that many articles hold alike, each as one object: a journal's name, a year, a topic, the formats, a
    person, a language, a record's format: at 10,000 catalogue records, 1.0 kB an article less. One for a build's
    articles (``Shared.alike``), and held by each ``PackedArticle`` until its fields left packed are unpacked
    (the preview holds such an article from one build to the next, and so its build's values, which are mostly
    the article's own); people, languages and MeSH headings are found by their packed form."""

    __slots__ = ("values", "people", "languages", "headings", "utf8_text")

    def __init__(self, *, utf8_text: bool = False) -> None:
        # Whether Section.text takes the UTF-8 of ``text_form`` as it is (speedups.py's ``compact_text``, which
        # holds a text so by the same rule): else unpacking decodes it.
        self.utf8_text = utf8_text
        self.values: dict[Any, Any] = {}
        self.people: dict[str | tuple[str, ...], Person] = {}
        self.languages: dict[tuple[str, ...], Language] = {}
        self.headings: dict[tuple[Any, ...], MeshHeading] = {}


class Shared:
    """What unpacking a build's articles gives besides them (their digests, bylines' digests and merge keys), and
    the values they hold alike (``alike``)."""

    __slots__ = ("alike", "digests", "bylines", "merge_keys")

    def __init__(self, *, utf8_text: bool = False) -> None:
        self.alike = Alike(utf8_text=utf8_text)
        self.digests: dict[int, tuple[Article, bytes]] = {}
        """Each unpacked article's digest (``article_digest``) by its id, kept as packed: the article is held
        with it, so that no other object can take its id while the table lives."""
        self.bylines: dict[int, bytes] = {}
        """Each unpacked article's ``byline_digest`` by its id, kept as packed (its article held in ``digests``)."""
        self.merge_keys: dict[int, MergeKeys] = {}
        """The merge.merge_keys of each article unpacked with them (``unpack``), by its id, kept as packed."""


def _values_of(cls: type) -> attrgetter[Any]:
    """A callable giving an instance's field values as a tuple, in field order (so ``cls(*values)`` remakes it)."""
    return attrgetter(*[f.name for f in dataclasses.fields(cls)])


_FIELD = _values_of(Field)
_PERSON = _values_of(Person)
_SECTION = _values_of(Section)
_LINK = _values_of(Link)
_LANGUAGE = _values_of(Language)
_NOTICE = _values_of(Notice)
_ARTICLE = _values_of(Article)
_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_SHARED_TEXT = ("title_lang", "journal", "journal_abbrev", "date", "date_printed", "epub_date", "publisher", "place",
                "edition", "rights", "licence_url", "volume", "issue", "kind")
"""Article fields whose values many articles hold alike (a journal, a year, a publisher, a licence)."""
_SHARED_LISTS = ("formats", "topics", "keywords", "publication_types", "issns", "issn_types")
_PEOPLE = ("authors", "editors", "translators", "series_editors", "container_authors")
_AT = {name: n for n, name in enumerate(_ARTICLE_FIELDS)}
_SHARED_TEXT_AT = tuple(_AT[name] for name in _SHARED_TEXT)
_SHARED_LISTS_AT = tuple(_AT[name] for name in _SHARED_LISTS)
_PEOPLE_AT = tuple(_AT[name] for name in _PEOPLE)
(_LAY_SUMMARY, _ABSTRACT, _LINKS, _LANGUAGES, _NOTICES, _SUMMARY, _MESH, _RECORDS, _OTHER_ABSTRACTS) = (
    _AT[name] for name in ("lay_summary", "abstract", "links", "languages", "notices", "summary", "mesh", "records",
                           "other_abstracts"))


def pack(articles: list[Article], diagnostics: list[Diagnostic]) -> bytes:
    """Each article packed after the other, its records with it, so that unpacking makes an article's objects one
    after another, as reading did: rendering its page then finds them close together in memory (loading them all
    at once, strings first, made rendering 4% slower). One ``marshal`` value for the file, the articles' values
    in it as they are (marshalled apart, each article took a second call and a copy of its bytes: at 10,000
    records, unpacking took 0.252 s against 0.243 s), but for the fields a rebuild reads of few articles, which
    are (``_apart``). Each with its digest, which a rebuild then need not make
    again for the articles it did not read again, its ``byline_digest``, which the library would otherwise
    make again for every article of every build, and what merging compares of it (merge.merge_keys), likewise
    (ValueError for a value of a kind marshal does not know)."""
    packed = [_pack_article(a) for a in articles]
    return marshal.dumps((
        [(*_apart(p), _digest(p), byline_digest(a.authors), merge_keys(a))
         for p, a in zip(packed, articles, strict=True)],
        [(d.level.value, d.where.path, d.where.line, d.message) for d in diagnostics],
    ))


def _apart(packed: tuple[Any, ...]) -> tuple[tuple[Any, ...], bytes]:
    """An article's packed values as ``pack`` keeps them: those of the fields that a rebuild reads of every
    article (``_READ_OF_EVERY_ARTICLE``), and the others' values marshalled apart, which
    unpacking partly holds as they are (``PackedArticle``). At 10,000 records they are half of the articles'
    packed bytes (the abstracts, the bylines' people, the rights), which an edit's rebuild made into objects that
    it held unread: its read stage took 0.28 s of CPU after a title edit, 0.24 s with them apart (0.25 and 0.20 s
    after a summary edit; medians of 6 rounds each)."""
    return _first_values(packed), marshal.dumps(_later_values(packed))


def article_digest(article: Article) -> bytes:
    """Everything an article holds, records and summary included, as one digest: equal articles, equal digests
    (ValueError for a value of a kind marshal does not know)."""
    return _digest(_pack_article(article))


def byline_digest(authors: tuple[Person, ...]) -> bytes:
    """Every field of every Person of a byline, in order, as one digest: what the library's who-is-who is
    remembered by (model/library.py), made when a record file is read and kept with its packed articles, as
    marshalling every byline's people again took some 0.05 s of each rebuild at 10,000 records."""
    return hashlib.blake2b(marshal.dumps([_PERSON(p) for p in authors], 0), digest_size=16).digest()


def _digest(packed: tuple[Any, ...]) -> bytes:
    # marshal's format 0 writes every string in full, where later formats refer back to a string the same
    # object already gave, or mark it as interned: equal articles, equal bytes.
    return hashlib.blake2b(b"a" + marshal.dumps(packed, 0), digest_size=16).digest()


def held(article: Article) -> Article:
    """The article as the build holds it once read: its records' fields packed (``Record.body``)."""
    return dataclasses.replace(article, records=tuple([r.packed() for r in article.records]))


def pack_body(fields: tuple[Field, ...], preamble: tuple[str, ...]) -> bytes:
    """A record's fields and preamble as ``Record.body``: equal values, equal bytes (marshal's format 0, as
    ``article_digest``; zlib's fastest level, as the text is packed once and a catalogue record shrinks
    to 30% of its marshalled size)."""
    return zlib.compress(marshal.dumps((tuple([_FIELD(f) for f in fields]), preamble), 0), 1)


def unpack_body(body: bytes) -> tuple[tuple[Field, ...], tuple[str, ...]]:
    fields, preamble = marshal.loads(zlib.decompress(body))
    return tuple([Field(*f) for f in fields]), preamble


def unpack(data: bytes, shared: Shared | None = None, *, merge_keys: bool = True, partly: bool = False) -> Packed:
    """What ``pack`` packed; values that many articles hold alike are one object each, within ``shared`` (one
    table for a build's articles) or else within the file. Each article's merge keys go to ``shared`` only with
    ``merge_keys``: a file just read is unpacked without (a first build reads every file, and its main process
    is at its fullest while reading and merging: at 100,000 records the keys would take some 60 MB more there).
    With ``partly``, each article is a ``PackedArticle``, whose fields that a build reads of few articles are
    unpacked when first read: for a file the cache trusts, whose articles' pages an edit seldom renders."""
    shared = Shared() if shared is None else shared
    packed_articles, packed_diagnostics = marshal.loads(data)
    articles = []
    digests, bylines, keys = shared.digests, shared.bylines, shared.merge_keys
    alike = shared.alike
    compact = alike.utf8_text
    make = _unpack_partly if partly else _unpack_whole
    for packed, later, digest, byline, merging in packed_articles:  # one loop: a file holds an article or two
        article = make(packed, later, alike, compact)
        articles.append(article)
        digests[id(article)] = (article, digest)
        bylines[id(article)] = byline
        if merge_keys:
            keys[id(article)] = merging
    diagnostics = [Diagnostic(Level(level), SourceSpan(path, line), message)
                   for level, path, line, message in packed_diagnostics]
    return articles, diagnostics


def _pack_record(record: Record) -> tuple[Any, ...]:
    return record.format, record.where.path, record.where.line, record.body


def _pack_article(article: Article) -> tuple[Any, ...]:
    values = list(_ARTICLE(article))
    for n in _PEOPLE_AT:
        values[n] = tuple([_pack_person(p) for p in values[n]])
    values[_LAY_SUMMARY] = tuple([_pack_section(s) for s in article.lay_summary])
    values[_ABSTRACT] = tuple([_pack_section(s) for s in article.abstract])
    values[_LINKS] = tuple([_LINK(link) for link in article.links])
    values[_LANGUAGES] = tuple([_LANGUAGE(lang) for lang in article.languages])
    values[_NOTICES] = tuple([_NOTICE(n) for n in article.notices])
    values[_SUMMARY] = _pack_summary(article.summary)
    values[_MESH] = tuple([(h.descriptor, h.major, tuple([(q.name, q.major) for q in h.qualifiers]))
                           for h in article.mesh])
    values[_RECORDS] = tuple([_pack_record(r) for r in article.records])
    values[_OTHER_ABSTRACTS] = tuple([(_LANGUAGE(o.language), tuple([_pack_section(s) for s in o.sections]))
                                      for o in article.other_abstracts])
    return tuple(values)


def _unpacked_alike(packed: tuple[Any, ...], alike: Alike, text_at: tuple[int, ...],
                    lists_at: tuple[int, ...]) -> list[Any]:
    """An article's packed values with those at ``text_at`` and ``lists_at`` (texts, lists of texts) and its
    records, languages, notices and summary unpacked, each value many articles hold alike one object (``alike``);
    what ``_unpack_article`` and ``_unpack_partly`` both do first."""
    one, languages = alike.values.setdefault, alike.languages
    values = list(packed)
    for n in text_at:
        if value := values[n]:
            values[n] = one(value, value)
    for n in lists_at:
        if items := values[n]:
            values[n] = alike.values.get(items) or one(items, tuple([one(v, v) for v in items]))
    values[_RECORDS] = tuple([Record.from_body(one(fmt, fmt), SourceSpan(path, line), body)
                              for fmt, path, line, body in values[_RECORDS]])
    if values[_LANGUAGES]:
        values[_LANGUAGES] = tuple([languages.get(v) or languages.setdefault(v, Language(*v))
                                    for v in values[_LANGUAGES]])
    if values[_NOTICES]:
        values[_NOTICES] = tuple([Notice(*n) for n in values[_NOTICES]])
    if values[_SUMMARY] is not None:
        values[_SUMMARY] = _unpack_summary(values[_SUMMARY])
    return values


def _unpack_article(packed: tuple[Any, ...], alike: Alike, compact: bool) -> Article:
    # Positional; people, languages and headings found by their packed tuples (equal tuples, equal objects), so
    # that each distinct one is made once per build: unpacking is on an edit's critical path. A section's text
    # packed as UTF-8 is handed over as it is when Section.text takes it so (``compact``). An empty value
    # is left as marshal gave it (the one empty string, the one empty tuple): most of an article's fields are
    # empty, and looking each up cost more than the rest of the unpacking of them.
    one, people, languages, headings = alike.values.setdefault, alike.people, alike.languages, alike.headings
    values = _unpacked_alike(packed, alike, _SHARED_TEXT_AT, _SHARED_LISTS_AT)
    for n in _PEOPLE_AT:
        if values[n]:
            values[n] = tuple([people.get(p) or people.setdefault(p, _unpack_person(p)) for p in values[n]])
    if values[_LAY_SUMMARY]:
        values[_LAY_SUMMARY] = tuple([Section(one(label, label), text if type(text) is str or compact
                                              else text.decode("utf-8"), one(lang, lang), styles)
                                      for label, text, lang, styles in values[_LAY_SUMMARY]])
    if values[_ABSTRACT]:
        values[_ABSTRACT] = tuple([Section(one(label, label), text if type(text) is str or compact
                                           else text.decode("utf-8"), one(lang, lang), styles)
                                   for label, text, lang, styles in values[_ABSTRACT]])
    if values[_LINKS]:
        values[_LINKS] = tuple([Link(one(label, label), url) for label, url in values[_LINKS]])
    if values[_MESH]:
        values[_MESH] = tuple([headings.get(h) or headings.setdefault(h, _heading(h)) for h in values[_MESH]])
    if values[_OTHER_ABSTRACTS]:
        values[_OTHER_ABSTRACTS] = tuple([
            OtherAbstract(languages.get(v) or languages.setdefault(v, Language(*v)),
                          tuple([_unpack_section(s, compact) for s in sections]))
            for v, sections in values[_OTHER_ABSTRACTS]])
    return Article(*values)


_READ_OF_EVERY_ARTICLE = frozenset({
    "id", "title", "pmid", "date", "journal", "journal_abbrev", "journal_names", "journal_sources", "topics",
    "formats", "languages", "author_spellings", "summary", "records", "title_lang", "date_printed", "notices",
    "title_styles", "volume"})
"""The fields a build after an edit reads of every article, or of every article a list shows (merging, the
summaries attached, the library from its kept parts, the plan, the lists' entries): a ``PackedArticle`` holds
these unpacked. Counted for a title edit at 10,000 records: each other field was read of at most a hundred
articles (the byline's people, the abstract, the links, the MeSH headings… of the pages that render)."""


class PackedArticle(Article):
    """An Article from the build cache whose fields outside ``_READ_OF_EVERY_ARTICLE`` stay packed until one of
    them is first read; then all of them are unpacked at once, as ``unpack`` would unpack them, among the values
    of the build (``Alike``). Its values, equality, hash, repr and digest are the article's; pickled and copied,
    it is the Article it holds. A rebuild after an edit unpacks a few dozen of them; one that renders every
    article's page (a template edited) unpacks them all, each in two steps. Until then it holds the others' values
    marshalled, as the build cache keeps them (``_apart``)."""

    __slots__ = ("_packed", "_alike")

    def __eq__(self, other: object) -> bool:
        # An Article's own __eq__ compares only two of one class: a PackedArticle is equal to the Article it holds.
        if not isinstance(other, Article):
            return NotImplemented
        return _COMPARED(self) == _COMPARED(other)

    __hash__ = Article.__hash__

    def __repr__(self) -> str:
        return repr(_article(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return Article, _ARTICLE(self)


_COMPARED = attrgetter(*[f.name for f in dataclasses.fields(Article) if f.compare])
_SLOTS = {name: Article.__dict__[name] for name in _ARTICLE_FIELDS}  # each field's own slot on Article
_PACKED_LATER = tuple((n, _SLOTS[name]) for n, name in enumerate(_ARTICLE_FIELDS)
                      if name not in _READ_OF_EVERY_ARTICLE)
_UNPACKED_FIRST = tuple((n, _SLOTS[name].__set__) for n, name in enumerate(_ARTICLE_FIELDS)
                        if name in _READ_OF_EVERY_ARTICLE)
_SHARED_TEXT_FIRST = tuple(n for n in _SHARED_TEXT_AT if _ARTICLE_FIELDS[n] in _READ_OF_EVERY_ARTICLE)
_SHARED_LISTS_FIRST = tuple(n for n in _SHARED_LISTS_AT if _ARTICLE_FIELDS[n] in _READ_OF_EVERY_ARTICLE)
_PACKED_SLOT, _ALIKE_SLOT = PackedArticle.__dict__["_packed"], PackedArticle.__dict__["_alike"]
_LATER_AT = tuple(n for n, _ in _PACKED_LATER)
_later_values = itemgetter(*_LATER_AT)
_NOTHING_PACKED = _ARTICLE(Article("", ""))
"""An article's packed values where ``_unpack_later`` puts those of the fields left packed: an empty value's
packed form is itself."""
_FIRST_AT = tuple(n for n in range(len(_ARTICLE_FIELDS)) if n not in _LATER_AT)
_first_values = itemgetter(*_FIRST_AT)
_NOTHING_FIRST, _NOTHING_LATER = _first_values(_NOTHING_PACKED), _later_values(_NOTHING_PACKED)
_in_place = itemgetter(*[_FIRST_AT.index(n) if n in _FIRST_AT else len(_FIRST_AT) + _LATER_AT.index(n)
                         for n in range(len(_ARTICLE_FIELDS))])
"""Of an article's ``_first_values`` followed by its ``_later_values``, its packed values, each in its field's
place: ``_apart`` and ``_joined`` take an article's values apart and join them in one call each, not a step for
each field (packing 10,000 articles' files took 0.06 s more so), and the first values are kept without the
others' empty places (157 bytes an article more in the cache, and in a cold build's reading process)."""


def _article(article: PackedArticle) -> Article:
    """The Article that ``article`` is, every field unpacked."""
    return Article(*_ARTICLE(article))


def _packed_later(slot: Any) -> property:
    """A field of PackedArticle that stays packed until first read: its slot (Article's) is empty until then.
    Article's __init__ sets it through the property (dataclasses.replace makes a PackedArticle so)."""
    held = slot.__get__

    def read(article: PackedArticle) -> Any:
        try:
            return held(article)
        except AttributeError:  # still packed: unpacked now, with the others
            _unpack_later(article)
            return held(article)

    return property(read, slot.__set__)


for _name, _slot in _SLOTS.items():
    if _name not in _READ_OF_EVERY_ARTICLE:
        setattr(PackedArticle, _name, _packed_later(_slot))
del _name, _slot


def _unpack_whole(first: tuple[Any, ...], later: bytes, alike: Alike, compact: bool) -> Article:
    """``_unpack_article`` of the article that ``_apart`` set apart."""
    return _unpack_article(_joined(first, later), alike, compact)


def _joined(first: tuple[Any, ...], later: bytes) -> tuple[Any, ...]:
    """An article's packed values, from ``_apart``'s two parts."""
    joined: tuple[Any, ...] = _in_place(first + marshal.loads(later))
    return joined


def _unpack_partly(first: tuple[Any, ...], later: bytes, alike: Alike, compact: bool) -> Article:
    """``_unpack_article`` of the fields in ``_READ_OF_EVERY_ARTICLE`` (the others as ``_unpack_later`` will):
    the same values."""
    article = PackedArticle.__new__(PackedArticle)
    values = _unpacked_alike(_in_place(first + _NOTHING_LATER), alike, _SHARED_TEXT_FIRST, _SHARED_LISTS_FIRST)
    for n, put in _UNPACKED_FIRST:
        put(article, values[n])
    # the fields left packed are held as the cache keeps them, marshalled (the article holds a journal, a topic
    # as the build's one object)
    _PACKED_SLOT.__set__(article, later)
    _ALIKE_SLOT.__set__(article, alike)
    return article


def _unpack_later(article: PackedArticle) -> None:
    """The fields ``_unpack_partly`` left packed, unpacked into ``article`` as ``_unpack_article`` unpacks them,
    among the values of its build (``Alike``); then the packed values and the build's let go."""
    alike = _ALIKE_SLOT.__get__(article)
    whole = _unpack_article(_joined(_NOTHING_FIRST, _PACKED_SLOT.__get__(article)), alike, alike.utf8_text)
    for _, slot in _PACKED_LATER:
        slot.__set__(article, slot.__get__(whole))
    _PACKED_SLOT.__set__(article, None)
    _ALIKE_SLOT.__set__(article, None)


_PERSON_PARTS = len(dataclasses.fields(Person))


def _pack_person(person: Person) -> str | tuple[str, ...]:
    """A person as one string, its fields joined by NUL (as a tuple in the rare case a field holds one): unpacking
    finds each person of a build by it, and one string is hashed and compared faster than five (at 10,000
    records, 75,000 bylines' people in 0.056 s instead of 0.082 s)."""
    parts = _PERSON(person)
    joined = "\0".join(parts)
    return joined if joined.count("\0") == _PERSON_PARTS - 1 else parts


def _unpack_person(packed: str | tuple[str, ...]) -> Person:
    return Person(*(packed.split("\0") if type(packed) is str else packed))


def _heading(packed: tuple[Any, ...]) -> MeshHeading:
    descriptor, major, qualifiers = packed
    return MeshHeading(descriptor, major, tuple([MeshQualifier(*q) for q in qualifiers]))


def _pack_section(section: Section) -> tuple[Any, ...]:
    """A section's fields, its text in ``text_form``: as UTF-8 where that is smaller, which marshal gives back
    by copying bytes rather than by decoding them, and which Section.text then takes as it is (unpacking 10,000
    articles' abstracts took 0.03 s more as str: marshal decoded the UTF-8 and compact_text encoded it again)."""
    label, text, lang, styles = _SECTION(section)
    return label, text_form(text), lang, styles


def text_form(text: str) -> str | bytes:
    """A text as its UTF-8 where that takes less memory than the str, else the str: the rule of speedups.py's
    ``compact_text`` (tests/test_speedups.py checks that the two agree), which then holds what unpacking
    gives it as it is."""
    if not text.isascii():
        try:
            utf8 = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: kept as it is
            return text
        if sys.getsizeof(utf8) < sys.getsizeof(text):
            return utf8
    return text


def _unpack_section(packed: tuple[Any, ...], compact: bool) -> Section:
    label, text, lang, styles = packed
    return Section(label, text if type(text) is str or compact else text.decode("utf-8"), lang, styles)


def _pack_summary(summary: Summary | None) -> tuple[Any, ...] | None:
    if summary is None:
        return None
    return (summary.html, summary.where.path, summary.where.line, summary.by, summary.date, summary.verdict)


def _unpack_summary(packed: tuple[Any, ...] | None) -> Summary | None:
    if packed is None:
        return None
    html, path, line, by, date, verdict = packed
    return Summary(html, SourceSpan(path, line), by, date, verdict)
