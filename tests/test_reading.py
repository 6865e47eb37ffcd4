"""The read stage: which files under content/ are read, and a large collection read by two processes giving
exactly what one process gives (records, articles and problems, in the same order), whatever goes wrong."""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import hypothesis
import hypothesis.strategies as st
import pytest

from site_builder import workers
from site_builder.diagnostics import Report
from site_builder.model import merge, packing
from site_builder.model.article import Article, Person, Record, Section
from site_builder.output import cache, fingerprints
from site_builder.readers import CLUTTER, PROSE_AND_MEDIA, files, never_records
from site_builder.readers.files import read_articles, record_files

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose content/ holds every test record: all formats, merges, malformed records, bad bytes."""
    site = tmp_path_factory.mktemp("every-format")
    shutil.copytree(DATA, site / "content")
    return site


def read_once(site: Path) -> tuple[list[Record], list[Article], list[str]]:
    report = Report()
    articles = read_articles(site, report)
    return [r for a in articles for r in a.records], articles, [str(d) for d in report.diagnostics]


def read_in_two(site: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Record], list[Article], list[str]]:
    monkeypatch.setattr(files, "READ_BESIDE_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "jobs", lambda: 2)  # fork even on a one-core machine
    return read_once(site)


def assert_same(got: tuple[list[Record], list[Article], list[str]],
                expected: tuple[list[Record], list[Article], list[str]]) -> None:
    records, articles, problems = got
    assert records == expected[0]
    assert articles == expected[1]
    assert [a.records for a in articles] == [a.records for a in expected[1]]  # not part of Article's equality
    assert problems == expected[2]


def test_records_are_found_in_subfolders_in_sorted_order_without_prose_or_hidden_files(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for rel in ("b.txt", "a/z.nbib", "a/b/c.ris", "index.md", "notes.md", ".hidden.txt", ".git/x.txt",
                "pages/about.txt", "summaries/s.txt", "a/pages/kept.txt", "real/r.bib"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("x")
    os.symlink(content / "real" / "r.bib", content / "link.bib")
    os.symlink(content / "real", content / "linked-folder")
    os.symlink(content / "missing.txt", content / "broken.txt")
    found = record_files(tmp_path)
    assert [f.shown for f in found] == ["content/a/b/c.ris", "content/a/pages/kept.txt", "content/a/z.nbib",
                                        "content/b.txt", "content/link.bib", "content/real/r.bib"]
    assert [f.size for f in found] == [1] * 6
    assert record_files(tmp_path / "nowhere") == []


def test_two_processes_read_what_one_reads(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)
    assert len(alone[0]) > 50 and any("error" in p for p in alone[2]) and any("warning" in p for p in alone[2])
    assert_same(read_in_two(every_format, monkeypatch), alone)


def test_the_forked_part_is_handed_back_not_redone(every_format: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    parts: list[int] = []
    real_part = files.read_part

    def counted(context: None, part: list[files.RecordFile]) -> files.Read:
        if os.getpid() == parent:
            parts.append(len(part))
        return real_part(context, part)

    monkeypatch.setattr(files, "read_part", counted)
    read_in_two(every_format, monkeypatch)
    assert len(parts) == 1 and 0 < parts[0] < len(record_files(every_format))


def _in_the_worker(parent: int, then: object) -> object:
    """A read_part that does ``then`` in the forked worker and reads normally in the main process."""
    real_part = files.read_part

    def part(context: None, found: list[files.RecordFile]) -> object:
        if os.getpid() != parent:
            return then() if callable(then) else then
        return real_part(context, found)

    return part


def _fails() -> None:
    raise RuntimeError("the forked reader fails")


@pytest.mark.parametrize("then", [_fails, lambda: os._exit(3), lambda: (lambda: "a result pickle cannot carry")],
                         ids=["raises", "dies", "unpicklable"])
def test_a_failed_worker_costs_time_not_records(then: object, every_format: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)
    monkeypatch.setattr(files, "read_part", _in_the_worker(os.getpid(), then))
    assert_same(read_in_two(every_format, monkeypatch), alone)
    assert multiprocessing.active_children() == []


def test_a_failure_here_leaves_no_worker_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def work(_context: None, items: list[int]) -> list[int]:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return items

    monkeypatch.setattr(workers, "jobs", lambda: 2)
    with pytest.raises(KeyboardInterrupt):
        workers.beside(work, None, [1, 2], [3, 4])
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("big", ["a.txt", "b.txt"])  # the large file read first or last
def test_a_collection_held_mostly_by_one_file_is_read_by_one_process(
        big: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    content.mkdir()
    seed = (DATA / "catalogue-dump" / "seed.txt").read_text(encoding="utf-8")
    (content / "a.txt").write_text(seed, encoding="utf-8")
    (content / "b.txt").write_text(seed, encoding="utf-8")
    (content / big).write_text("\n\n".join([seed] * 20), encoding="utf-8")
    monkeypatch.setattr(files, "READ_BESIDE_MIN_BYTES", 0)

    def no_fork(*_args: object) -> None:
        raise AssertionError("a second process would get far more or far less than half of the work")

    monkeypatch.setattr(workers, "beside", no_fork)
    _records, articles, _problems = read_once(tmp_path)
    assert len(articles) == 21


def test_a_fork_refused_by_the_system_costs_time_not_records(every_format: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    alone = read_once(every_format)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert_same(read_in_two(every_format, monkeypatch), alone)


def test_the_digest_kept_with_each_cached_article_is_the_one_it_would_be_given(every_format: Path,
                                                                            tmp_path: Path) -> None:
    """A rebuild takes each article's digest from the cache, as packed beside it, instead of packing every article
    again (packing.Shared.digests): that digest must be the article's own, for every format's records."""
    site = tmp_path / "site"
    shutil.copytree(every_format, site)
    kept = cache.CacheFolder(site, lambda notice: None)
    read_articles(site, Report(), cache.RecordCache(kept))  # read, packed and kept
    shared = packing.Shared()
    articles = read_articles(site, Report(), cache.RecordCache(kept), shared)  # unpacked from the cache
    assert len(articles) > 100
    assert {id(a) for a in articles} == set(shared.digests)
    for article in articles:
        assert shared.digests[id(article)] == (article, fingerprints.article_digest(article))
    digests = fingerprints.article_digests(articles, shared.digests)
    assert all(digests[id(a)][1] == fingerprints.article_digest(a) for a in articles)
    edited = dataclasses.replace(articles[0], title="Another title")
    assert fingerprints.article_digests([edited], shared.digests)[id(edited)][1] != \
        shared.digests[id(articles[0])][1]


def test_the_merge_keys_kept_with_each_cached_article_are_those_it_would_be_given(
        every_format: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild takes what merging compares of each article (its identifiers and title key) from the cache, as
    packed beside it (packing.Shared.merge_keys), instead of making them again: they must be the article's own,
    for every format's records, and merging with them must make the same works, with the same problems."""
    site = tmp_path / "site"
    shutil.copytree(every_format, site)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files just copied are taken by their stamps all the same
    kept = cache.CacheFolder(site, lambda notice: None)
    read_articles(site, Report(), cache.RecordCache(kept))  # read, packed and kept
    shared = packing.Shared()
    articles = read_articles(site, Report(), cache.RecordCache(kept), shared)  # unpacked from the cache
    assert len(articles) > 100 and {id(a) for a in articles} == set(shared.merge_keys)
    fresh = packing.Shared()
    assert read_articles(site, Report(), cache.RecordCache(cache.CacheFolder(tmp_path / "other", print)), fresh)
    assert fresh.merge_keys == {}  # files read afresh: merging makes their keys
    for article in articles:
        assert shared.merge_keys[id(article)] == merge.merge_keys(article)
    assert merge.merge_articles(articles, shared.merge_keys) == merge.merge_articles(articles)
    assert len(merge.merge_articles(articles)[0]) < len(articles)  # some works read from several sources


def test_articles_the_cache_trusts_are_unpacked_partly_and_are_the_articles_all_the_same(
        every_format: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The articles of the files the cache trusts by their stamps keep the fields few pages read packed
    (packing.PackedArticle) until one of them is read: each is the article as read from its file, whichever field
    is read first, in equality both ways, hash, repr, digest, records, pickling and dataclasses.replace, for every
    format's records; merging them unpacks only those it joins or compares the volumes of."""
    site = tmp_path / "site"
    shutil.copytree(every_format, site)
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files just copied are taken by their stamps all the same
    kept = cache.CacheFolder(site, lambda notice: None)
    read = read_articles(site, Report(), cache.RecordCache(kept))  # read, packed and kept: unpacked whole
    assert len(read) > 100 and {type(a) for a in read} == {Article}
    shared = packing.Shared()
    again = read_articles(site, Report(), cache.RecordCache(kept), shared)  # unpacked from the cache, partly
    assert {type(a) for a in again} == {packing.PackedArticle}
    unpacked: list[Article] = []
    monkeypatch.setattr(packing, "_unpack_later", lambda article, unpack=packing._unpack_later: (
        unpacked.append(article), unpack(article))[1])
    merged = merge.merge_articles(again, shared.merge_keys)
    assert 0 < len(unpacked) < len(again) / 2
    assert merged == merge.merge_articles(read)
    records = cache.RecordCache(kept)
    files = [packed for f in record_files(site) if f.stamp and (packed := records.by_stamp(f.shown, f.stamp))]
    names = [f.name for f in dataclasses.fields(Article)]
    for name in [n for n in names if n not in packing._READ_OF_EVERY_ARTICLE]:  # each field left packed read
        # first, of articles unpacked anew
        articles = [a for packed in files for a in packing.unpack(packed, partly=True)[0]]
        assert [getattr(a, name) for a in articles] == [getattr(a, name) for a in read]
        assert articles == read
    for article, packed in zip(read, read_articles(site, Report(), cache.RecordCache(kept), shared), strict=True):
        assert hash(packed) == hash(article) and packed == article and article == packed
        assert packing.article_digest(packed) == shared.digests[id(packed)][1] == packing.article_digest(article)
        assert repr(packed) == repr(article) and packed.records == article.records
        assert [getattr(packed, name) for name in names] == [getattr(article, name) for name in names]
        copied = pickle.loads(pickle.dumps(packed))
        assert type(copied) is Article and copied == article and copied.records == article.records
        assert dataclasses.replace(packed, title="Another") == dataclasses.replace(article, title="Another")
    assert packing.PackedArticle("a", "A title", authors=(Person("Doe"),)) == Article("a", "A title",
                                                                                       authors=(Person("Doe"),))


def test_fields_left_packed_are_held_as_the_cache_keeps_them_until_one_is_read() -> None:
    """The fields a rebuild reads of few articles are marshalled apart in a record file's packed bytes (packing's
    ``_apart``): an article unpacked partly holds them as those bytes, not as the objects they make, until one of
    them is read; then every one is the article's, and the bytes are let go. Unpacked whole, the same article."""
    article = Article("a", "A title", date="2020", topics=("Asthma",), authors=(Person("Doe, Jane"),),
                      abstract=(Section("BACKGROUND", "Wheezing, é."), Section("", "More.")), doi="10.1/x",
                      rights="CC BY")
    data = packing.pack([article], [])
    (partly,), _ = packing.unpack(data, partly=True)
    held = packing._PACKED_SLOT.__get__(partly)
    assert type(held) is bytes and b"Wheezing" in held and b"Jane" in held
    assert partly.title == "A title" and packing._PACKED_SLOT.__get__(partly) is held  # read of every article
    assert partly.abstract == article.abstract and packing._PACKED_SLOT.__get__(partly) is None
    assert [getattr(partly, f.name) for f in dataclasses.fields(Article)] == [
        getattr(article, f.name) for f in dataclasses.fields(Article)]
    (whole,), _ = packing.unpack(data)
    assert type(whole) is Article and whole == article == partly


@hypothesis.settings(max_examples=500, deadline=None)
@hypothesis.given(st.text(st.sampled_from(".~$aAmMdDpPfFtTxX"), max_size=8)
                  | st.sampled_from(sorted(PROSE_AND_MEDIA)).map(lambda ext: f"a{ext}"))
def test_files_left_out_by_their_suffix_as_os_path_splitext_gives_it(name: str) -> None:
    """never_records finds a name's suffix without os.path.splitext (asked of every file at every build): the
    same answer for every name, a hidden one, one without a dot, one of dots only."""
    lowered = name.lower()
    expected = (lowered.startswith((".", "~$")) or lowered.endswith("~") or lowered in CLUTTER
                or os.path.splitext(lowered)[1] in PROSE_AND_MEDIA)
    assert never_records(name) == expected


def test_record_files_take_the_stamps_the_source_stamp_took(tmp_path: Path) -> None:
    """A build stats each file once: the record files' stamps are those its source stamp saw, the same as their
    own stat gives (and a file the source stamp could not look at is looked at again)."""
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    for name in ("a.ris", "b.nbib", "notes.md"):
        (site / "content" / "records" / name).write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    seen = cache.source_stamp(site, tmp_path / "out", None)
    assert [f.stamp for f in record_files(site, seen)] == [f.stamp for f in record_files(site)]
    first = str(site / "content" / "records" / "a.ris")
    assert first in seen.files
    missing = dataclasses.replace(seen, files={**seen.files, first: (-1, 0, 0, 0)})
    assert record_files(site, missing)[0].stamp == record_files(site)[0].stamp


def test_the_record_files_the_source_stamp_saw_are_those_a_walk_finds(tmp_path: Path) -> None:
    """A build takes its record files from its source stamp's walk of content/, not from a second walk: the same
    files in the same order, links to files followed, links to folders and broken links left out, and a file
    that could not be looked at still found (reading it says what is wrong)."""
    content = tmp_path / "content"
    for rel in ("b.txt", "a/z.nbib", "a/b/c.ris", "index.md", "notes.md", ".hidden.txt", ".git/x.txt",
                "pages/about.txt", "summaries/s.txt", "a/pages/kept.txt", "real/r.bib", "a/.hidden/h.ris",
                "pages.txt", "A.txt", "a b/c.ris"):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text("x")
    os.symlink(content / "real" / "r.bib", content / "link.bib")
    os.symlink(content / "real", content / "linked-folder")
    os.symlink(content / "missing.txt", content / "broken.txt")
    os.mkfifo(content / "fifo.txt")
    seen = cache.source_stamp(tmp_path, tmp_path / "out", None)
    assert record_files(tmp_path, seen) == record_files(tmp_path)
    assert "content/a/b/c.ris" in [f.shown for f in record_files(tmp_path, seen)]
    not_files = ("", "a", "a/b", "a/pages", "a/.hidden", ".git", "pages", "summaries", "real", "a b",
                 "linked-folder", "broken.txt", "fifo.txt")
    assert {path for path in seen.others if path.startswith(str(content))} == {str(content / rel) for rel in not_files}
    unseen = str(content / "b.txt")
    missing = dataclasses.replace(seen, files={**seen.files, unseen: (-1, 0, 0, 0)})  # a file it could not stat
    assert record_files(tmp_path, missing) == record_files(tmp_path)
    gone = dataclasses.replace(missing, others=seen.others | {unseen})  # nothing it could tell a file
    assert [f.shown for f in record_files(tmp_path, gone)] == [f.shown for f in record_files(tmp_path)
                                                                if f.shown != "content/b.txt"]
    assert record_files(tmp_path / "nowhere", cache.source_stamp(tmp_path / "nowhere", tmp_path, None)) == []


def test_people_are_packed_for_the_build_cache_whatever_their_names_hold() -> None:
    """Each person is packed as one string of its fields joined by NUL, or as a tuple where a field holds a NUL:
    unpacked, every person is the one packed, and people equal in every field are one object."""
    people = (Person("Doe, Jane", "Doe", "Jane", "", "0000-0002-1825-0097"), Person("Doe, Jane", "Doe", "Jane"),
              Person("Odd\0Name", "Odd\0", "Name"), Person("Doe, Jane\0", "Doe", "Jane"), Person(""))
    articles = [Article(id=f"a{n}", title="A title", authors=people, editors=people[::-1]) for n in range(2)]
    shared = packing.Shared()
    unpacked, _ = packing.unpack(packing.pack(articles, []), shared)
    assert unpacked == articles
    assert unpacked[0].authors[0] is unpacked[1].authors[0] is unpacked[0].editors[-1]
    digests = {packing.article_digest(dataclasses.replace(articles[0], authors=(person,))) for person in people}
    assert len(digests) == len(people)


_READ_IN_A_NEW_PROCESS = """
import sys
from pathlib import Path
from site_builder.diagnostics import Report
from site_builder.output import cache
from site_builder.readers.files import read_articles
site = Path(sys.argv[1])
articles = read_articles(site, Report(), cache.RecordCache(cache.CacheFolder(site, lambda notice: None)))
print(len(articles), *sorted(name for name in sys.modules if name.startswith("site_builder.readers.")))
"""


def test_files_that_all_come_from_the_build_cache_import_no_reader(tmp_path: Path) -> None:
    """The readers are imported only for a file the build cache does not hold (importing them took 0.06 s of a
    rebuild that reads no record): not for a file whose bytes are those kept either (just written: its times
    alone are not trusted), nor for one whose times are."""
    site = tmp_path / "site"
    shutil.copytree(DATA / "ris", site / "content" / "records")
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}

    def read() -> list[str]:
        return subprocess.run([sys.executable, "-c", _READ_IN_A_NEW_PROCESS, str(site)], env=environment,
                              capture_output=True, text=True, check=True, timeout=120).stdout.split()

    count, *imported = read()
    assert int(count) > 0 and "site_builder.readers.ris" in imported  # nothing kept yet: every file read
    assert read() == [count, "site_builder.readers.files"]  # kept: by their bytes (written just now),
    assert read() == [count, "site_builder.readers.files"]  # then by their times
    os.utime(next((site / "content" / "records").iterdir()), ns=(0, 0))  # times that are not the kept ones
    assert read() == [count, "site_builder.readers.files"]


def test_each_reader_of_the_registry_is_named_as_its_module_names_its_format() -> None:
    """The registry names each format itself, so that a reader's module is imported only when first asked for:
    each name must be the one its module (or its table export) gives, the table exports in their module's order."""
    from site_builder.readers import registry, table_exports

    for reader in registry.READERS:
        module = importlib.import_module(f"site_builder.readers.{reader.module}")
        own = getattr(module, reader.export) if reader.export else module
        assert (own.format if reader.export else own.FORMAT) == reader.format
        assert (reader.read is None) == reader.takes_bytes == (reader.read_bytes is not None)
        assert callable(reader.sniff) and callable(reader.to_article)
    exports = [r.export for r in registry.READERS if r.export]
    assert [getattr(table_exports, name) for name in exports] == list(table_exports.EXPORTS)
    assert len(registry.table_layouts()) == len(exports) + 4  # PubMed's, Scopus', Web of Science's tags, Ovid's CSV


def test_a_file_read_again_imports_its_own_reader_and_not_every_other() -> None:
    """A catalogue file read in a new process imports the catalogue's reader and what it needs, not the readers
    of other formats (importing every reader took 0.04 s of a rebuild that reads one edited file)."""
    record = next(p for p in sorted((DATA / "catalogue-dump").iterdir()) if p.suffix == ".txt")
    script = ("import sys\nfrom pathlib import Path\nfrom site_builder.readers.registry import read_file, to_article\n"
              f"records, _ = read_file(Path({str(record)!r}), 'x.txt')\n[to_article(r) for r in records]\n"
              "print(len(records), *sorted(m for m in sys.modules if m.startswith('site_builder.readers.')))")
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    count, *imported = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True,
                                      text=True, check=True, timeout=120).stdout.split()
    assert int(count) > 0 and "site_builder.readers.catalogue" in imported
    assert not {"site_builder.readers.ris", "site_builder.readers.bibtex", "site_builder.readers.ovid",
                "site_builder.readers.table_exports"} & set(imported), imported
