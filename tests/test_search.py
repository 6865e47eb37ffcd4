"""The search index and what the pages give it: every build writes Pagefind's bundle from the text the templates
mark, with facets, result fields and sort orders; search = false builds none; a missing indexer is reported.

The search itself, in a browser, is tested in e2e/test_search.py. Expected values come from the records (read with
the reader) or from the seed, never from the plan being tested.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import cbor2
import pytest

from site_builder.build import build
from site_builder.output import cache, indexer, search
from site_builder.plan import urls
from site_builder.readers import read_file, to_article

REPO = Path(__file__).resolve().parents[1]
SEED_PAGE = "articles/pubmed-8699378.html"
SEED_RECORD = REPO / "content" / "records" / "000_9bf5f723bdeec259.txt"


def body_parts(root) -> list:
    """The elements whose text Pagefind indexes (data-pagefind-body), outermost only."""
    return [el for el in root.iter() if "data-pagefind-body" in el.attrib]


def tagged(root, attribute: str) -> list[tuple[str, str]]:
    """(key, value) of each data-pagefind-filter/-meta/-sort on the page: "key:value" inline, else the text."""
    found = []
    for el in root.iter():
        spec = el.get(attribute)
        if spec is None:
            continue
        key, _, inline = spec.partition(":")
        found.append((key, inline if inline else "".join(el.itertext()).strip()))
    return found


def seed_article():
    (record,), _ = read_file(SEED_RECORD, SEED_RECORD.name)
    return to_article(record)[0]


# --- the bundle ------------------------------------------------------------------------------------------------

def result_pages(site, *folders: str) -> list[str]:
    """The pages of ``folders`` that are results: not their indexes, nor the further pages and orders of a list."""
    return [p for p in site.html_pages()
            if p.split("/")[0] in folders and not p.endswith("/index.html") and "_" not in p.split("/")[-1]]


def test_every_build_writes_the_index_of_the_result_pages(demo_site) -> None:
    """Articles in pagefind/, authors and topics in pagefind/people/, each page once."""
    bundle = demo_site.out / search.BUNDLE
    for folder, kinds in (("", ("articles",)), ("people", ("authors", "topics"))):
        entry = json.loads((bundle / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        results = result_pages(demo_site, *kinds)
        assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(results), folder
        assert list(entry["languages"]) == ["en"]  # the site's language, from <html lang>
        assert len(list((bundle / folder / "fragment").iterdir())) == len(results)
        assert (bundle / folder / "wasm.en.pagefind").stat().st_size > 1000
        assert not [name for name in search.UNUSED if (bundle / folder / name).exists()]  # Pagefind's own UIs
    for needed in ("pagefind.js", "pagefind-worker.js"):
        assert (bundle / needed).stat().st_size > 1000, needed
        assert not (bundle / "people" / needed).exists()
    assert {f.suffix for f in (bundle / "filter").iterdir()} == {".pf_filter"}
    assert not (bundle / "people" / "filter").exists()  # their one facet, "people", is the search page's
    assert not (demo_site.out / ".pagefind-new").exists() and not (demo_site.out / ".pagefind-old").exists()
    assert search.STAMP.startswith(".site-builder-")  # bookkeeping: deploy and Pages leave it out
    assert (demo_site.out / search.STAMP).is_file()
    listed = set((demo_site.out / ".site-builder-manifest").read_text(encoding="utf-8").split())
    assert {p.relative_to(demo_site.out).as_posix() for p in bundle.rglob("*") if p.is_file()} <= listed


def test_a_rebuild_of_the_same_pages_keeps_the_index_and_an_edit_makes_a_new_one(demo_copier, tmp_path) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out)
    bundle = out / search.BUNDLE
    times = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    again = build(site, out)
    assert again.stats.written == 0
    assert {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()} == times
    record = site / "content" / "records" / "001653_d0a93ec285c35e52.txt"
    record.write_bytes(record.read_bytes().replace(b"Socio-demographic", b"Sociodemographic"))
    (bundle / "stray.txt").write_bytes(b"not Pagefind's")  # the bundle is updated in place: what is not its own
    (bundle / "fragment" / ".x.pf_fragment.1.site-builder-tmp").write_bytes(b"half")  # goes, as does a stopped write
    edited = build(site, out)
    after = {p: p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    assert set(after) != set(times)  # new pages, new content-named index files, none of the old left over
    assert edited.report.errors == 0
    listed = set((out / ".site-builder-manifest").read_text(encoding="utf-8").split())
    assert {p.relative_to(out).as_posix() for p in after} <= listed
    # The index files the edit left as they were are the old files (not written again), each of one name again.
    kept = {p for p in after if times.get(p) == after[p]}
    assert kept and all(p.stat().st_nlink == 1 for p in after)
    index_files = [rel for rel, _ in search._bundle_files(out, written=True)]
    assert edited.stats.written < len(index_files) + edited.rendered
    assert not (out / search._NEW).exists() and not (out / search._OLD).exists()
    clean = build(site, tmp_path / "clean", clean=True)
    assert {p.relative_to(bundle): p.read_bytes() for p in after} == {
        p.relative_to(clean.output / search.BUNDLE): p.read_bytes() for p in (clean.output / search.BUNDLE).rglob("*")
        if p.is_file()}


# --- the same bytes for the same pages -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def raw_bundle(demo_site) -> dict[str, bytes]:
    """The articles' bundle as Pagefind answers it, before it is settled."""
    from pagefind.service import get_executable

    return indexer.index_pages(get_executable(), demo_site.out, search._pages(demo_site.out, ("articles",)))


def named(files: dict[str, bytes], prefix: str, suffix: str) -> dict[str, bytes]:
    return {rel[len(prefix):-len(suffix)]: data for rel, data in files.items()
            if rel.startswith(prefix) and rel.endswith(suffix)}


def test_index_files_are_read_and_written_as_pagefind_writes_them(raw_bundle) -> None:
    """Each facet file and page list, read and encoded again as it was, has the bytes whose hash names it: the
    settled files are those Pagefind itself would write in that order."""
    facets = named(raw_bundle, "filter/", ".pf_filter")
    assert len(facets) >= 4
    for name, data in facets.items():
        assert name == f"en_{indexer.full_hash(cbor2.dumps(indexer.unpack(data)))}"[:10]
    ((name, data),) = named(raw_bundle, "pagefind.", ".pf_meta").items()
    assert name == f"en_{indexer.full_hash(cbor2.dumps(indexer.unpack(data)))[:10]}"
    assert indexer.unpack(indexer.pack(b"\x83\x01\x02\x03")) == [1, 2, 3]


def shuffled(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same bundle with every facet's values, the facets and the sorts in reverse order, named as Pagefind
    names them: what another run of Pagefind may answer."""
    out = {rel: data for rel, data in files.items() if not rel.startswith("filter/") and not rel.endswith(".pf_meta")}
    (meta,) = named(files, "pagefind.", ".pf_meta").values()
    meta = indexer.unpack(meta)
    renamed = {}
    for old, data in named(files, "filter/", ".pf_filter").items():
        facet, values = indexer.unpack(data)
        cbor = cbor2.dumps([facet, values[::-1]])
        renamed[old] = f"en_{indexer.full_hash(cbor)}"[:10]
        out[f"filter/{renamed[old]}.pf_filter"] = indexer.pack(cbor)
    meta[3] = [[facet, renamed[old]] for facet, old in meta[3][::-1]]
    meta[4] = meta[4][::-1]
    cbor = cbor2.dumps(meta)
    name = f"en_{indexer.full_hash(cbor)[:10]}"
    out[f"pagefind.{name}.pf_meta"] = indexer.pack(cbor)
    entry = json.loads(files[indexer.ENTRY])
    entry["languages"]["en"]["hash"] = name
    out[indexer.ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return out


def test_settling_gives_the_same_bytes_whatever_order_pagefind_chose(raw_bundle) -> None:
    other = shuffled(raw_bundle)
    assert other != raw_bundle and set(other) != set(raw_bundle)
    settled = indexer.settle(raw_bundle)
    assert indexer.settle(other) == settled
    assert indexer.settle(settled) == settled
    assert named(settled, "index/", ".pf_index") == named(raw_bundle, "index/", ".pf_index")  # Pagefind's as it was
    (raw_pages,) = [indexer.unpack(data)[1] for data in named(raw_bundle, "pagefind.", ".pf_meta").values()]
    (pages,) = [indexer.unpack(data)[1] for data in named(settled, "pagefind.", ".pf_meta").values()]
    assert [count for _name, count in pages] == [count for _name, count in raw_pages]
    assert [settled[f"fragment/{name}.pf_fragment"] for name, _count in pages] == \
        [raw_bundle[f"fragment/{name}.pf_fragment"] for name, _count in raw_pages]  # the same results, renamed
    names = [name for name, _count in pages]
    assert all(re.fullmatch(r"en_[0-9a-f]{7}_[0-9a-f]+", name) for name in names)
    assert [name.rsplit("_", 1)[1] for name in names] == [f"{n:x}" for n in range(len(pages))]  # in sequence
    prefixes = [name.rsplit("_", 1)[0] for name in names]
    assert prefixes == [prefixes[n - n % indexer.FRAGMENT_GROUP] for n in range(len(pages))]  # one a group
    assert len(set(prefixes)) == -(-len(pages) // indexer.FRAGMENT_GROUP)  # and another for the next
    assert len(named(settled, "fragment/", ".pf_fragment")) == len(pages)


@pytest.mark.parametrize("folders", [("articles",), ("authors", "topics")])
def test_pagefind_given_only_the_marked_parts_of_pages_makes_the_same_index(demo_site, monkeypatch, folders) -> None:
    """What is sent to the indexer (indexer.searchable) is a small part of each page, and the bundle made from it
    has the same bytes as the bundle made from the whole pages."""
    from pagefind.service import get_executable

    pages = search._pages(demo_site.out, folders)
    sent = [indexer.searchable((demo_site.out / page).read_text(encoding="utf-8")) for page in pages]
    whole = sum((demo_site.out / page).stat().st_size for page in pages)
    assert sum(len(text.encode()) for text in sent) < whole / 3
    trimmed = indexer.settle(indexer.index_pages(get_executable(), demo_site.out, pages))
    monkeypatch.setattr(indexer, "searchable", lambda page: page)
    assert indexer.settle(indexer.index_pages(get_executable(), demo_site.out, pages)) == trimmed


def test_what_pagefind_reads_of_a_page() -> None:
    page = ('<!DOCTYPE html><html lang="fr"><head><title>T</title></head><body><nav><a href="x">menu</a></nav>'
            '<h1>Titre</h1><p>not indexed</p><div data-pagefind-body><div><p>a</p></div><h1>inner</h1></div>'
            '<p>data-pagefind-body in the text</p><img data-pagefind-meta="image[src]" src="i.png" alt="i">'
            '<ul data-pagefind-ignore="all"><li><span data-pagefind-filter="f">v</span></li></ul>'
            '<footer>foot</footer></body></html>')
    assert indexer.searchable(page) == (
        '<html lang="fr"><title>T</title><h1>Titre</h1><div data-pagefind-body><div><p>a</p></div><h1>inner</h1>'
        '</div><img data-pagefind-meta="image[src]" src="i.png" alt="i"><ul data-pagefind-ignore="all"><li>'
        '<span data-pagefind-filter="f">v</span></li></ul>')
    unmarked = '<html><body><h1>A</h1><p data-pagefind-filter="f">v</p></body></html>'
    assert indexer.searchable(unmarked) == unmarked  # read whole, as Pagefind reads it


def test_the_index_lists_facets_values_and_pages_in_order(demo_site) -> None:
    """Facets, their values and the sorts by name, and pages numbered newest first, whatever order the file system
    lists them in."""
    bundle = demo_site.out / search.BUNDLE
    entry = json.loads((bundle / indexer.ENTRY).read_text(encoding="utf-8"))
    meta = indexer.unpack((bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())
    assert [facet for facet, _ in meta[3]] == sorted(facet for facet, _ in meta[3])
    assert [sort for sort, _ in meta[4]] == ["newest", "oldest", "title"]
    for facet, name in meta[3]:
        read_facet, values = indexer.unpack((bundle / "filter" / f"{name}.pf_filter").read_bytes())
        assert read_facet == facet
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        assert all(pages == sorted(pages) for _, pages in values)
    urls = [json.loads(gzip.decompress((bundle / "fragment" / f"{page}.pf_fragment").read_bytes())
                       [len(indexer.SIGNATURE):])["url"] for page, _count in meta[1]]
    assert sorted(urls) == ["/" + p for p in result_pages(demo_site, "articles")]
    newest = [indexer.sort_values((demo_site.out / url[1:]).read_text(encoding="utf-8"))["newest"] for url in urls]
    assert newest == sorted(newest) and len(set(newest)) == len(urls)
    assert dict(meta[4])["newest"] == list(range(len(urls)))  # a run, which compresses to nothing


def sort_orders(bundle: Path, pages: list[str]) -> dict[str, list[str | None]]:
    """Each sort of a bundle whose pages are ``pages`` (by number), as the page at each place (None: another's)."""
    entry = json.loads((bundle / indexer.ENTRY).read_text(encoding="utf-8"))
    meta = indexer.unpack((bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())
    return {key: [pages[n] if n < len(pages) else None for n in numbers] for key, numbers in meta[4]}


def test_a_large_collection_is_indexed_in_parts_that_sort_as_one(demo_site, demo_copier, tmp_path, monkeypatch,
                                                                  html) -> None:
    """Past urls.ARTICLES_PER_INDEX articles, parts that the search page names, each article in one of them (in
    the order newest first); each part's sorts give its pages their places in the whole collection's order."""
    monkeypatch.setattr(urls, "ARTICLES_PER_INDEX", 20)
    result = build(demo_copier(tmp_path / "site"), tmp_path / "out")
    assert result.report.errors == 0
    bundle = result.output / search.BUNDLE
    articles = sorted(result_pages(demo_site, "articles"),
                      key=lambda page: indexer.sort_values((demo_site.out / page).read_text("utf-8"))["newest"])
    parts = [indexed_pages(bundle / folder) for folder in ("", "part2", "part3")]
    assert sorted(page for part in parts for page in part) == sorted(articles) and all(parts)
    assert all(part == [page for page in articles if page in part] for part in parts)
    assert not (bundle / "part4").exists() and not (bundle / "part2" / "pagefind.js").exists()
    form = html.parse(result.output / "search.html").find(".//form[@id='search']")
    assert form.get("data-parts") == "part2/ part3/"
    whole = sort_orders(demo_site.out / search.BUNDLE, articles)
    spread = [sort_orders(bundle / folder, pages) for folder, pages in zip(("", "part2", "part3"), parts, strict=True)]
    assert sorted(whole) == ["newest", "oldest", "title"]
    for key, order in whole.items():
        assert all(len(part[key]) == len(articles) for part in spread)
        places = zip(*(part[key] for part in spread), strict=True)
        assert [next(page for page in place if page) for place in places] == order
    assert html.parse(demo_site.out / "search.html").find(".//form[@id='search']").get("data-parts") == ""


def indexed_pages(bundle: Path) -> list[str]:
    """The pages of one bundle, by Pagefind's page number (as each page's result file names it)."""
    entry = json.loads((bundle / indexer.ENTRY).read_text(encoding="utf-8"))
    meta = indexer.unpack((bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())
    fragments = [(bundle / "fragment" / f"{page_hash}.pf_fragment").read_bytes() for page_hash, _words in meta[1]]
    return [json.loads(gzip.decompress(data)[len(indexer.SIGNATURE):])["url"][1:] for data in fragments]


def bundle_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / search.BUNDLE).rglob("*") if p.is_file()}


def searched_texts(out: Path) -> dict[str, str]:
    """What Pagefind is sent of each result page of ``out``."""
    return {page: indexer.read_page(out, page)
            for _folder, kinds in search.BUNDLES for page in search._pages(out, kinds)}


@pytest.fixture
def given(monkeypatch) -> list[list[str]]:
    """The articles indexed in parts of at most 20 (three for the demo's), and the pages of each bundle Pagefind
    is given, in the order given, as the builds of the test go."""
    monkeypatch.setattr(urls, "ARTICLES_PER_INDEX", 20)
    given: list[list[str]] = []
    index_pages = indexer.index_pages

    def counted(program, site, pages, *rest):
        given.append(list(pages))
        return index_pages(program, site, pages, *rest)

    monkeypatch.setattr(indexer, "index_pages", counted)
    return given


def test_after_an_edit_only_the_bundles_holding_a_changed_page_are_indexed_again(demo_copier, tmp_path,
                                                                                 given) -> None:
    """The build cache keeps Pagefind's answer for each bundle (each part of the articles, the people) by the pages
    it was given: a summary edited indexes again only the bundles with a page whose text changed, and the index
    is the one a clean build makes; a damaged kept answer is set aside with a notice and indexed again."""
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    assert build(site, out).report.errors == 0
    assert len(given) == 4  # three parts of the articles, and the people
    before = searched_texts(out)
    original = bundle_of(out)
    summary = site / "content" / "summaries" / "fdg-pet-infection-guide.md"
    summary.write_text(summary.read_text(encoding="utf-8").replace("keep open at the console",
                                                                    "keep open beside the scanner"), "utf-8")
    given.clear()
    edited = build(site, out)
    assert edited.report.errors == 0
    after = searched_texts(out)
    changed = {page for page in after if after[page] != before.get(page)}
    assert changed and len(changed) < len(after)
    assert given and all(set(pages) & changed for pages in given)  # none indexed again for nothing
    assert set().union(*given) >= changed and len(given) < 4
    clean = build(site, tmp_path / "clean", clean=True)
    assert bundle_of(out) == bundle_of(clean.output)
    kept = site / ".site-builder" / "search-00"
    kept.write_bytes(kept.read_bytes()[:-100])
    summary.write_text(summary.read_text(encoding="utf-8").replace("beside the scanner", "at the console"), "utf-8")
    given.clear()
    again = build(site, out)
    assert again.report.errors == 0 and any("damaged" in notice for notice in again.notices)
    assert 1 <= len(given) <= 2 and bundle_of(out) == original  # the edited part, and the damaged one
    given.clear()
    build(site, tmp_path / "elsewhere")  # the same pages in another folder: every answer kept, none damaged
    assert given == []
    assert bundle_of(tmp_path / "elsewhere") == original


def test_a_record_added_indexes_again_one_part_of_the_articles(demo_copier, tmp_path, given) -> None:
    """A page keeps its part of the articles' index whatever other pages come and go: a record added to a
    collection indexed in parts indexes again the one part its page joins (and the people's, whose pages
    changed), not every part after its place in the order; the index is the one a clean build makes."""
    site = demo_copier(tmp_path / "site")
    record = site / "content" / "records" / "000017_6763105f03a3d185.txt"
    held = record.read_bytes()
    record.unlink()
    out = tmp_path / "out"
    assert build(site, out).report.errors == 0
    before = {folder: indexed_pages(out / search.BUNDLE / folder) for folder in ("", "part2", "part3")}
    record.write_bytes(held)
    given.clear()
    assert build(site, out).report.errors == 0
    after = {folder: indexed_pages(out / search.BUNDLE / folder) for folder in ("", "part2", "part3")}
    (joined,) = [folder for folder in after if after[folder] != before[folder]]
    (new_page,) = set(after[joined]) - set(before[joined])
    assert [page for page in after[joined] if page != new_page] == before[joined]
    assert [pages for pages in given if pages[0].startswith("articles/")] == [after[joined]]
    clean = build(site, tmp_path / "clean", clean=True)
    assert bundle_of(out) == bundle_of(clean.output)


def test_no_more_indexers_run_at_once_than_there_are_cores(demo_copier, tmp_path, monkeypatch) -> None:
    """Each indexer holds the words of its bundle: the parts of a large collection are indexed a core's worth at
    a time, not all side by side."""
    monkeypatch.setattr(urls, "ARTICLES_PER_INDEX", 20)
    monkeypatch.setattr(search, "_lanes", lambda: 2)
    running, most = [0], [0]
    lock = threading.Lock()
    index_pages = indexer.index_pages

    def counted(*args):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            time.sleep(0.3)  # long enough for a third indexer to start beside two, were it allowed to
            return index_pages(*args)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(indexer, "index_pages", counted)
    result = build(demo_copier(tmp_path / "site"), tmp_path / "out")
    assert result.report.errors == 0 and (result.output / search.BUNDLE / "part3" / indexer.ENTRY).is_file()
    assert most[0] == 2  # four bundles: three parts of the articles and the people's


def test_a_page_is_read_again_for_the_index_only_when_its_file_changed(demo_copier, tmp_path, monkeypatch) -> None:
    """What Pagefind is sent of each page is kept with the page's size and times: a rebuild after an edit reads the
    pages written since, and a page changed in place with its size and modification time put back (its inode's
    change time still tells) is read again too."""
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the pages of a test build are all written within the racy window
    read: list[str] = []
    read_page = indexer.read_page

    def counted(site, page):
        read.append(page)
        return read_page(site, page)

    monkeypatch.setattr(indexer, "read_page", counted)
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out)
    every = len(read)
    assert every == len(searched_texts(out)) and every > 50
    summary = site / "content" / "summaries" / "fdg-pet-infection-guide.md"
    summary.write_text(summary.read_text(encoding="utf-8").replace("keep open at the console",
                                                                    "keep open beside the scanner"), "utf-8")
    before = {page: (out / page).stat().st_mtime_ns for page in searched_texts(out)}
    read.clear()
    build(site, out)
    written = {page for page, mtime in before.items() if (out / page).stat().st_mtime_ns != mtime}
    assert written and set(read) == written
    page = out / sorted(before)[0]
    info = page.stat()
    data = page.read_bytes()
    with page.open("r+b") as file:  # the same size, the same modification time, other words
        file.write(data.replace(b"<h1", b"<H1", 1))
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns))
    summary.write_text(summary.read_text(encoding="utf-8").replace("beside the scanner", "at the console"), "utf-8")
    read.clear()
    build(site, out)
    assert sorted(before)[0] in read
    # serve builds into two folders in turn: each keeps its own pages' texts while it is there
    other = tmp_path / "other"
    build(site, other)
    summary.write_text(summary.read_text(encoding="utf-8").replace("at the console", "by the scanner"), "utf-8")
    before = {page: (out / page).stat().st_mtime_ns for page in searched_texts(out)}
    read.clear()
    build(site, out)
    written = {page for page, mtime in before.items() if (out / page).stat().st_mtime_ns != mtime}
    assert written and set(read) == written
    shutil.rmtree(other)
    summary.write_text(summary.read_text(encoding="utf-8").replace("by the scanner", "at the console"), "utf-8")
    build(site, out)  # an edit, so that the index is made again; the folder gone, its pages' texts go too
    kept = cache.ShardedMap(cache.CacheFolder(site, print), "search-texts", cache.code_digest(search.KEPT_CODE))
    assert {folder for folder, _page in kept.whole()} == {os.fspath(out)}


def test_search_false_builds_no_index_no_search_page_and_no_box(demo_copier, tmp_path, html) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out)
    assert (out / search.BUNDLE).is_dir() and (out / "search.html").is_file()
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsearch = false\n", encoding="utf-8")
    result = build(site, out)
    assert result.report.errors == 0
    assert not (out / search.BUNDLE).exists() and not (out / "search.html").exists()
    for page in ("index.html", SEED_PAGE, "authors/hubele-fabrice.html", "topics/index.html"):
        data = (out / page).read_text(encoding="utf-8")
        assert not re.search(r"data-pagefind-(filter|meta|sort)|search\.html|\bhidden\b", data), page
        assert html.parse(data).find(".//form") is None, page


def test_an_indexer_that_cannot_run_is_an_error_and_the_site_is_still_built(demo_copier, tmp_path, monkeypatch) -> None:
    site = demo_copier(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    result = build(site, tmp_path / "out")
    errors = [str(d) for d in result.report.diagnostics if d.level.name == "ERROR"]
    assert len(errors) == 1
    assert "out/pagefind: error: the search index could not be made" in errors[0]
    assert "search = false" in errors[0]
    assert (tmp_path / "out" / SEED_PAGE).is_file() and (tmp_path / "out" / "search.html").is_file()
    assert not (tmp_path / "out" / search.BUNDLE).exists()


def test_a_build_stopped_while_indexing_stops_its_indexers_at_once(demo_copier, tmp_path) -> None:
    """Ctrl-C sent to the build alone (as a process manager's signal is, and serve takes a terminate signal as
    Ctrl-C) stops the indexers it started, rather than waiting for them to index every page."""
    pids = tmp_path / "pids"
    slow = tmp_path / "pagefind"
    slow.write_text(f'#!/bin/sh\necho $$ >> "{pids}"\nexec sleep 120\n', encoding="utf-8")
    slow.chmod(0o755)
    site = demo_copier(tmp_path / "site")
    env = {**os.environ, "PAGEFIND_BINARY_PATH": str(slow)}
    building = subprocess.Popen([sys.executable, "-m", "site_builder", "build", "--source", str(site), "--output",
                                 str(tmp_path / "out")], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        started = min(2, search._lanes())  # the articles' and the people's, as many at once as there are cores
        while len(pids.read_text().split()) < started if pids.exists() else True:
            assert time.monotonic() < deadline and building.poll() is None, "the indexers never started"
            time.sleep(0.1)
        building.send_signal(signal.SIGINT)
        _, errors = building.communicate(timeout=20)
    finally:
        if building.poll() is None:
            building.kill()
            building.wait()
    assert building.returncode == 130 and "interrupted" in errors and "Traceback" not in errors, errors
    for pid in map(int, pids.read_text().split()):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_an_indexer_that_fails_is_an_error_naming_what_it_said(demo_copier, tmp_path, monkeypatch) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: out of cheese' >&2\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    result = build(demo_copier(tmp_path / "site"), tmp_path / "out")
    (error,) = [str(d) for d in result.report.diagnostics if d.level.name == "ERROR"]
    assert "Pagefind stopped with exit status 3: Error: out of cheese" in error


# --- what an article page gives the index ---------------------------------------------------------------------

def test_an_article_marks_its_summaries_abstract_and_facts_as_its_text(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    parts = body_parts(root)
    classes = [el.get("class") for el in parts]
    assert classes == ["our-summary", "lay-summary", "abstract", None]
    facts = parts[-1]
    assert "hidden" in facts.attrib  # the page shows these facts in its facts list; this copy is for the index
    text = html.text(facts)
    article = seed_article()
    for needed in (f"PMID {article.pmid}", f"PMCID {article.pmcid}", f"DOI {article.doi}", article.journal,
                   *(p.family for p in article.authors), *article.topics):
        assert needed in text, needed
    indexed = " ".join(html.text(el) for el in parts)
    for part in article.abstract:
        assert part.text[:80] in indexed


def test_an_article_leaves_the_full_record_references_and_lists_out_of_its_text(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    parents = html.parents(root)

    def inside_body(el) -> bool:
        while el is not None:
            if "data-pagefind-body" in el.attrib:
                return True
            el = parents.get(el)
        return False

    for el in root.iter():
        cls = el.get("class") or ""
        if el.tag in ("nav", "footer", "h1") or cls in ("full-record", "cite", "downloads", "byline", "facts"):
            assert not inside_body(el), (el.tag, cls)
    related = next(el for el in root.iter("section") if el.get("aria-labelledby") == "related")
    assert not inside_body(related)


def test_an_article_gives_its_facets_result_fields_and_kind(html, demo_site) -> None:
    root = demo_site.doc(SEED_PAGE)
    article = seed_article()
    filters = tagged(root, "data-pagefind-filter")
    values = {}
    for key, value in filters:
        values.setdefault(key, []).append(value)
    facts = root.find(".//dl[@class='facts']")
    shown_topics = [text for href, text in html.anchors(facts) if "/topics/" in href]
    assert values["topic"] == shown_topics and set(article.topics) <= set(shown_topics)
    assert values["year"] == [article.date[:4]] and values["journal"] == [article.journal]
    everyone = [to_article(r)[0] for path in sorted((REPO / "content" / "records").glob("*.txt"))
                for r in read_file(path, path.name)[0]]
    shared = {f for f in article.formats if all(f in a.formats for a in everyone)}
    assert shared == {"Online", "Article", "Text"}  # every demo record says so: a facet value that cannot narrow
    assert values["language"] == [lang.name for lang in article.languages]
    assert values.get("type", []) == [f for f in article.formats if f not in shared]
    assert values["summary"] == ["yes"]  # content/summaries/ has the club's summary of the seed
    byline = root.find(".//article/header")
    author_pages = [posixpath.basename(href).removesuffix(".html") for href, _ in html.anchors(byline)
                    if "/authors/" in href]
    assert values["author"] == author_pages
    meta = dict(tagged(root, "data-pagefind-meta"))
    assert meta["year"] == "2021" and meta["journal"] == article.journal
    assert meta["byline"].startswith("Roberto Luigi Cazzato, Fabrice Hubelé, Pierre De Marini, et al")
    assert meta["verdict"] and "verdict" in html.text(root.find(".//section[@class='our-summary']")).casefold()


def test_sort_values_order_the_articles_as_the_site_does(html, demo_site) -> None:
    """Each sort value is text that no two articles share and that Pagefind sorts as text (none reads as a number):
    newest first as the year pages list them, oldest first by date with the undated last, and by title with case
    and accents folded."""
    pages = [p for p in demo_site.html_pages() if p.startswith("articles/")]
    ranks = {}
    for page in pages:
        root = demo_site.doc(page)
        ranks[page] = dict(tagged(root, "data-pagefind-sort"))
        ranks[page]["date"] = next((t.get("datetime") for t in root.iter("time")), "")
        ranks[page]["TITLE"] = html.headings(root, "h1")[0]
    for key in ("newest", "oldest", "title"):
        values = [r[key] for r in ranks.values()]
        assert len(set(values)) == len(pages) and not any(re.fullmatch(r"[\d.eE+-]+", v) for v in values), key
    year = demo_site.doc("years/2021.html")
    listed = [posixpath.basename(href) for href, _ in html.anchors(year) if "/articles/" in href]
    in_2021 = [p for p in sorted(pages, key=lambda p: ranks[p]["newest"]) if ranks[p]["date"].startswith("2021")]
    assert [posixpath.basename(p) for p in in_2021] == list(dict.fromkeys(listed))
    by = {key: [p for p, _ in sorted(ranks.items(), key=lambda kv: kv[1][key])]
          for key in ("newest", "oldest", "title")}
    dates = [ranks[p]["date"] for p in by["newest"]]
    assert [d for d in dates if d] == sorted((d for d in dates if d), reverse=True)
    oldest = [ranks[p]["date"] for p in by["oldest"]]
    assert [d for d in oldest if d] == sorted(d for d in oldest if d)
    titles = [re.sub(r"[\W_]+", " ", ranks[p]["TITLE"].casefold()).strip() for p in by["title"]]
    assert titles == sorted(titles)
    records = [r for path in sorted((REPO / "content" / "records").glob("*.txt"))
               for r in read_file(path, path.name)[0]]
    assert len(pages) == len(records)


def test_author_and_topic_pages_are_results_of_their_own_kind(html, demo_site) -> None:
    author = demo_site.doc("authors/hubele-fabrice.html")
    assert [html.text(el) for el in body_parts(author)] == ["Hubelé, Fabrice"]
    assert tagged(author, "data-pagefind-meta") == [("count", "1 article")]
    assert tagged(author, "data-pagefind-filter") == []
    topic = demo_site.doc("topics/liver-metastases.html")
    assert [el.tag for el in body_parts(topic)] == ["h1"]
    assert tagged(topic, "data-pagefind-meta") == [("count", "1 article")]
    for page in ("years/2021.html", "journals/cancers-basel.html", "authors/index.html", "index.html"):
        assert not body_parts(demo_site.doc(page)), page  # lists (other orders: test_listing.py)


# --- where people search -------------------------------------------------------------------------------------

def test_every_page_has_a_search_box_sending_to_the_search_page(html, demo_site) -> None:
    pages = [p for p in demo_site.html_pages() if not p.startswith(search.BUNDLE)]
    for page in pages:
        forms = [f for f in demo_site.doc(page).iter("form") if f.get("role") == "search"]
        assert len(forms) == 1, page
        form = forms[0]
        assert form.get("method") == "get"
        target, _ = html.resolve(page, form.get("action"))
        assert target == "search.html" and (demo_site.out / target).is_file(), page
        names = [i.get("name") for i in form.iter("input")]
        assert "q" in names, page
        label_for = {label.get("for") for label in form.iter("label")}
        assert next(i for i in form.iter("input") if i.get("name") == "q").get("id") in label_for, page


def test_the_404_page_searches_from_any_depth_under_a_base_url(demo_copier, tmp_path, html) -> None:
    site = demo_copier(tmp_path / "site")
    out = tmp_path / "out"
    build(site, out, base_url="https://example.github.io/repo/")
    form = next(f for f in html.parse(out / "404.html").iter("form") if f.get("role") == "search")
    assert form.get("action") == "/repo/search.html"


def test_the_search_page_without_javascript_links_every_index(html, demo_site) -> None:
    root = demo_site.doc("search.html")
    notes = root.findall(".//noscript")
    assert len(notes) == 1
    assert "needs JavaScript" in html.text(notes[0])
    hrefs = [href for href, _ in html.anchors(notes[0])]
    targets = [html.resolve("search.html", h)[0] for h in hrefs]
    assert targets == ["authors/index.html", "topics/index.html", "journals/index.html", "years/index.html"]
    assert all((demo_site.out / t).is_file() for t in targets)
    offline = root.find(".//*[@id='search-offline']")
    assert "hidden" in offline.attrib and "site-builder serve" in html.text(offline)
    facets = [f.get("data-facet") for f in root.iter("fieldset")]
    assert facets == ["topic", "year", "journal", "language", "type", "summary"]
    assert [o.get("value") for o in root.iter("option")] == ["", "newest", "oldest", "title"]


@pytest.mark.parametrize("page,facet,value", [("topics/liver-metastases.html", "topic", "Liver metastases"),
                                              ("authors/hubele-fabrice.html", "author", "hubele-fabrice")])
def test_search_within_a_topic_or_an_author(html, demo_site, page, facet, value) -> None:
    from urllib.parse import parse_qs, urlsplit

    links = [(href, text) for href, text in html.anchors(demo_site.doc(page)) if text.startswith("Search within")]
    assert len(links) == 1
    href = links[0][0]
    assert html.resolve(page, urlsplit(href).path)[0] == "search.html"
    assert parse_qs(urlsplit(href).query) == {facet: [value]}


def test_an_article_template_of_its_own_that_marks_nothing_is_warned_about(demo_copier, tmp_path) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text(
        '{% extends "base.html" %}{% block title %}{{ article.title }}{% endblock %}'
        "{% block main %}<h1>{{ article.title }}</h1>{% endblock %}\n", encoding="utf-8")
    result = build(site, tmp_path / "out")
    warnings = [str(d) for d in result.report.diagnostics if d.level.name == "WARNING"]
    assert [w for w in warnings if w.startswith("templates/article.html: warning: marks nothing for the search")]
    assert result.report.errors == 0 and (tmp_path / "out" / search.BUNDLE / "pagefind.js").is_file()


def test_an_edited_result_renames_the_files_of_its_group_only() -> None:
    def short(contents: list[bytes]) -> list[str]:
        files = {f"fragment/h{n}.pf_fragment": data for n, data in enumerate(contents)}
        return [name for name, _words in indexer._short_pages("en", [[f"h{n}", 3] for n in range(len(contents))],
                                                                files)]

    contents = [b"result %d" % n for n in range(150)]
    before = short(contents)
    contents[70] = b"result 70, its title edited"
    after = short(contents)
    changed = [n for n in range(150) if before[n] != after[n]]
    group = indexer.FRAGMENT_GROUP
    assert changed == list(range(70 - 70 % group, 70 - 70 % group + group))  # its group's names, no other
    assert len({name.rsplit("_", 1)[0] for name in after}) == 3


SEARCH_MACRO_USERS = ("article.html", "author.html", "topic.html", "journal.html", "year.html")


def test_templates_of_its_own_that_import_the_search_macros_with_context_build_the_same_pages(
        demo_copier, demo_site, tmp_path) -> None:
    """A site's own copies of the theme's pages made before the pages passed ``search`` and ``home`` to the macros
    of partials/search.html (which they imported "with context" instead) give the pages they gave."""
    site = demo_copier(tmp_path / "site")
    (site / "templates").mkdir()
    for name in SEARCH_MACRO_USERS:
        text = (REPO / "templates" / name).read_text(encoding="utf-8")
        older = re.sub(r'({% from "partials/search\.html" import [^%]*?) %}', r"\1 with context %}", text)
        older = re.sub(r",\s*search=site\.config\.search(,\s*home=root)?", "", older)
        assert older != text and "search=" not in older, name
        (site / "templates" / name).write_text(older, encoding="utf-8")
    out = tmp_path / "out"
    result = build(site, out)
    assert result.report.errors == 0
    pages = [p for p in demo_site.files() if p.split("/")[0] in ("articles", "authors", "topics", "journals", "years")
             and p.endswith(".html")]
    assert len(pages) > 20
    assert [p for p in pages if (out / p).read_bytes() != (demo_site.out / p).read_bytes()] == []


def test_a_search_partial_of_its_own_with_the_older_macros_fails_naming_the_macro(demo_copier, tmp_path) -> None:
    """partials/search.html of a site's own whose macros take none of ``search`` and ``home``: the theme's pages
    pass them, and the build says which macro refused them, on which template's line."""
    site = demo_copier(tmp_path / "site")
    (site / "templates" / "partials").mkdir(parents=True)
    text = (REPO / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    older = re.sub(r",\s*search=site\.config\.search(, home=root)?\)", ")", text).replace("{{ home }}", "{{ root }}")
    older = older.replace("{% if search %}", "{% if site.config.search %}")
    assert older != text and "search=" not in older
    (site / "templates" / "partials" / "search.html").write_text(older, encoding="utf-8")
    result = build(site, tmp_path / "out")
    errors = [str(d) for d in result.report.diagnostics if d.level.name == "ERROR"]
    assert any("article_data" in e and "templates/article.html" in e for e in errors), errors
