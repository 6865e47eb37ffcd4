"""Incremental builds write what a clean build writes: after any sequence of edits (a record added, changed,
renamed or deleted; a summary, a template, authors.toml or site.toml edited), a build that reuses the cache and
the output folder's last build gives the same files, byte for byte, and the same messages, as a build from
nothing. Hypothesis chooses the edits; a few plain tests pin what is reused and what is set aside.
"""

from __future__ import annotations

import dataclasses
import functools
import marshal
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from markupsafe import Markup
from settled_output import settled

from site_builder.build import BuildResult, build, refresh_search
from site_builder.cite import exports
from site_builder.diagnostics import Report
from site_builder.model import library, packing
from site_builder.model.article import Summary
from site_builder.output import cache, fingerprints, pages, pagetable, preflight, search, write
from site_builder.output.write import MANIFEST
from site_builder.plan import feeds, listing, outline
from site_builder.plan import pages as plan_pages
from site_builder.readers.files import Held
from site_builder.render import theme
from site_builder.render.pages import ARTICLE_ITEM, make_environment

REPO = Path(__file__).resolve().parents[1]
RECORDS = sorted((REPO / "content" / "records").iterdir())
SUMMARIES = sorted((REPO / "content" / "summaries").iterdir())
TEMPLATES = REPO / "templates"
EDITABLE_TEMPLATES = ["article.html", "author.html", "base.html", "topic.html", "partials/article_item.html",
                      "partials/downloads.html", "partials/article_files.html", "home.html"]
NAMES = ["Pan, Zui", "Pan, Z", "Zhang, Xiaoli", "Cazzato, Roberto Luigi", "Cazzato, R", "Hubelé, Fabrice",
         "Labib, Mahmoud", "Kelley, Shana O"]
WORDS = st.sampled_from(["Liver", "review", "Ångström", "<b>bold</b>", "et al", "2019", "", "Pan, Zui", "&"])


def published(out: Path) -> dict[str, bytes]:
    """Every file of the output folder whose bytes a build decides (settled_output.py): the search index's too."""
    return settled({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})


def messages(result: BuildResult) -> list[str]:
    return [str(d) for d in result.report.diagnostics]


def swap_a_letter(path: Path) -> None:
    """An edit that keeps the file's size (the case of its first letter): only its times tell."""
    data = bytearray(path.read_bytes())
    at = next(i for i, byte in enumerate(data) if chr(byte).isascii() and chr(byte).isalpha())
    data[at:at + 1] = chr(data[at]).swapcase().encode()
    path.write_bytes(bytes(data))


def differences(got: dict[str, bytes], expected: dict[str, bytes]) -> list[str]:
    return sorted(name for name in set(got) | set(expected) if got.get(name) != expected.get(name))


class EditedSite(RuleBasedStateMachine):
    """A small site edited step by step; after each step the incremental build must equal a clean one."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(self.tmp_factory.mktemp("edited"))
        self.site = self.root / "site"
        self.steps = 0

    tmp_factory: pytest.TempPathFactory

    @initialize(count=st.integers(3, 7), summaries=st.integers(0, 2))
    def make_site(self, count: int, summaries: int) -> None:
        records = self.site / "content" / "records"
        records.mkdir(parents=True)
        for source in RECORDS[:count]:
            shutil.copy2(source, records / source.name)
        (self.site / "content" / "summaries").mkdir()
        for source in SUMMARIES[:summaries]:
            shutil.copy2(source, self.site / "content" / "summaries" / source.name)
        # Without search at first (Pagefind runs a second a build); a site.toml edit may turn it on.
        (self.site / "site.toml").write_text('title = "Edited"\nsearch = false\n', encoding="utf-8")
        self.out = self.root / "out"
        self.held = Held()  # as the preview holds it: one for every build of the site into self.out
        self.last = build(self.site, self.out, held=self.held)

    def records(self) -> list[Path]:
        return sorted((self.site / "content" / "records").iterdir())

    @rule(pick=st.integers(0, len(RECORDS) - 1))
    def add_a_record(self, pick: int) -> None:
        source = RECORDS[pick]
        shutil.copy2(source, self.site / "content" / "records" / f"added-{self.steps}-{source.name}")

    @precondition(lambda self: self.records())
    @rule(pick=st.integers(0, 100), line=st.integers(0, 200), word=WORDS,
          how=st.sampled_from(["append", "delete", "duplicate", "replace-title", "same-size"]))
    def change_a_record(self, pick: int, line: int, word: str, how: str) -> None:
        path = self.records()[pick % len(self.records())]
        if how == "same-size":
            swap_a_letter(path)
            return
        lines = path.read_text(encoding="utf-8").split("\n")
        at = line % len(lines)
        if how == "append":
            lines[at] += " " + word
        elif how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, lines[at])
        else:
            title = next((n for n, text in enumerate(lines) if text.startswith("title ")), at)
            lines[title] = "title " + word + " " + lines[title].removeprefix("title ")
        path.write_text("\n".join(lines), encoding="utf-8")

    @precondition(lambda self: self.records())
    @rule(pick=st.integers(0, 100))
    def rename_a_record(self, pick: int) -> None:
        path = self.records()[pick % len(self.records())]
        path.rename(path.with_name(f"renamed-{self.steps}-{path.name}"))

    @precondition(lambda self: self.records())
    @rule(pick=st.integers(0, 100))
    def delete_a_record(self, pick: int) -> None:
        self.records()[pick % len(self.records())].unlink()

    @rule(pick=st.integers(0, len(SUMMARIES) - 1), verdict=WORDS, text=WORDS, remove=st.booleans())
    def edit_a_summary(self, pick: int, verdict: str, text: str, remove: bool) -> None:
        path = self.site / "content" / "summaries" / SUMMARIES[pick].name
        if remove:
            path.unlink(missing_ok=True)
            return
        source = SUMMARIES[pick].read_text(encoding="utf-8")
        head, _, body = source.partition("\n---\n")
        head = "\n".join(line if not line.startswith("verdict:") else f"verdict: {verdict!r}"
                         for line in head.split("\n"))
        path.write_text(f"{head}\n---\n{text}\n\n{body}", encoding="utf-8")

    @rule(name=st.sampled_from(EDITABLE_TEMPLATES), mark=WORDS, restore=st.booleans())
    def edit_a_template(self, name: str, mark: str, restore: bool) -> None:
        target = self.site / "templates" / name
        if restore:
            target.unlink(missing_ok=True)
            return
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text + f"<!-- edited {self.steps} {mark} -->\n", encoding="utf-8")

    @rule(first=st.sampled_from(NAMES), second=st.sampled_from(NAMES), kind=st.sampled_from(["merge", "keep_apart"]),
          remove=st.booleans())
    def edit_authors_toml(self, first: str, second: str, kind: str, remove: bool) -> None:
        target = self.site / "authors.toml"
        if remove:
            target.unlink(missing_ok=True)
            return
        target.write_text(f'[[{kind}]]\nnames = ["{first}", "{second}"]\n', encoding="utf-8")

    @rule(title=WORDS, references=st.booleans(), downloads=st.booleans(), search=st.booleans(),
          language=st.sampled_from(["en", "es"]), base_url=st.sampled_from(["", "https://example.github.io/edited/"]),
          list_orders=st.booleans())
    def edit_site_toml(self, title: str, references: bool, downloads: bool, search: bool, language: str,
                       base_url: str, list_orders: bool) -> None:
        lines = [f"title = {title!r}".replace("'", '"') if '"' not in title else 'title = "x"',
                 f"references = {str(references).lower()}", f"downloads = {str(downloads).lower()}",
                 f"search = {str(search).lower()}", f'language = "{language}"',
                 f"list_orders = {str(list_orders).lower()}"]
        if base_url:
            lines.append(f'base_url = "{base_url}"')
        (self.site / "site.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    @rule()
    def change_nothing(self) -> None:
        pass

    @invariant()
    def incremental_equals_clean(self) -> None:
        if not hasattr(self, "out"):
            return
        self.steps += 1
        incremental = build(self.site, self.out, held=self.held)
        clean = build(self.site, self.root / f"clean-{self.steps}", clean=True)
        got, expected = published(self.out), published(clean.output)
        assert differences(got, expected) == [], f"step {self.steps}"
        assert messages(incremental) == messages(clean)
        assert (incremental.records, incremental.articles, incremental.pages, incremental.unwritten) == (
            clean.records, clean.articles, clean.pages, clean.unwritten)
        shutil.rmtree(clean.output)
        # Every source touched, nothing changed: each file is read again (from the cache) and each page's
        # fingerprint made again, and none may differ from the last build's.
        for path in self.site.rglob("*"):
            if path.is_file() and cache.CACHE_DIR not in path.parts:
                os.utime(path)
        again = build(self.site, self.out, held=self.held)
        if incremental.unwritten == 0:
            assert (again.rendered, again.stats.written) == (0, 0), f"step {self.steps}"


@pytest.fixture
def edited_site(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> type[EditedSite]:
    # The steps come far faster than anyone edits: with the usual window every edited file's times would be too
    # recent to trust and the cache would check its bytes instead. Trusting times at once tests that path too.
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(pagetable, "RACY_NS", 0)
    # Every costly part of a page kept from the last build is made again, and must be what was kept.
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    # A list of a few articles offered in every order (with list_orders), two a page: an article that moves in an
    # order then changes which articles the other pages of its lists show.
    monkeypatch.setattr(listing, "SORTED_FROM", 2)
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    EditedSite.tmp_factory = tmp_path_factory
    return EditedSite


def test_any_sequence_of_edits_builds_what_a_clean_build_does(edited_site: type[EditedSite]) -> None:
    run = settings(max_examples=12, stateful_step_count=6, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])(edited_site)
    run.TestCase().runTest()


def test_the_preview_takes_again_what_its_last_build_unpacked_of_files_that_did_not_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long-lived process (serve) hands each build what the last one unpacked from the cache: only the edited
    file is unpacked again, and its page says what the file now says."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    site, held = tmp_path / "site", Held()
    shutil.copytree(REPO / "content", site / "content")
    build(site, tmp_path / "out", held=held)
    unpacked: list[bytes] = []
    monkeypatch.setattr(packing, "unpack", lambda data, shared=None, **given: unpacked.append(data)
                        or unpack(data, shared, **given))
    edited = site / "content" / "records" / RECORDS[0].name
    text = edited.read_text(encoding="utf-8")
    title = re.search(r"^title (.+)$", text, re.M)
    assert title is not None
    edited.write_text(text.replace(title[1], f"{title[1]} (revised)"), encoding="utf-8")
    again = build(site, tmp_path / "out", held=held)
    assert len(unpacked) == 1  # the edited file's articles; every other file's are those held
    assert again.rendered > 0
    clean = build(site, tmp_path / "clean", clean=True)
    assert differences(published(tmp_path / "out"), published(clean.output)) == []
    # Edited again and built by another process (the command line), which leaves the cache trusting the file's
    # new stamp: the preview's next build must not take what it holds of the file as it was.
    edited.write_text(text.replace(title[1], f"{title[1]} (revised again)"), encoding="utf-8")
    build(site, tmp_path / "other")
    build(site, tmp_path / "out", held=held)
    clean = build(site, tmp_path / "clean", clean=True)
    assert differences(published(tmp_path / "out"), published(clean.output)) == []
    unpacked.clear()
    build(site, tmp_path / "every", clean=True)
    every = len(unpacked)
    unpacked.clear()
    build(site, tmp_path / "every", clean=True, held=held)  # --clean takes nothing from the cache, nor held
    assert len(unpacked) == every > 1


unpack = packing.unpack


def test_an_edit_that_keeps_the_size_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    record = site / "content" / "records" / RECORDS[0].name
    shutil.copy2(RECORDS[0], record)
    build(site, tmp_path / "out")
    swap_a_letter(record)
    again = build(site, tmp_path / "out")
    clean = build(site, tmp_path / "clean", clean=True)
    assert again.rendered > 0 and differences(published(tmp_path / "out"), published(clean.output)) == []


def test_an_edit_of_a_style_alone_rebuilds_the_page_as_a_clean_build_does(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """"Anti-<i>Leishmania</i>" made "Anti-<b>Leishmania</b>": the plain text, the file's size and every id stay
    (tests/data/pubmed-xml/SOURCE.md), and the page shows the new style."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    source = REPO / "tests" / "data" / "pubmed-xml" / "pubmed21n1298-markup.xml"
    record = site / "content" / "records" / source.name
    shutil.copy2(source, record)
    build(site, tmp_path / "out")
    record.write_bytes(source.read_bytes().replace(b"Anti-<i>Leishmania</i>", b"Anti-<b>Leishmania</b>", 1))
    os.utime(record, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    again = build(site, tmp_path / "out")
    clean = build(site, tmp_path / "clean", clean=True)
    page = (tmp_path / "out" / "articles" / "pubmed-8172142.html").read_text("utf-8")
    assert again.rendered > 0 and "Anti-<b>Leishmania</b>" in page
    assert differences(published(tmp_path / "out"), published(clean.output)) == []


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    for source in RECORDS[:6]:
        shutil.copy2(source, site / "content" / "records" / source.name)
    return site


def test_nothing_changed_renders_nothing_and_says_what_the_last_build_said(small_site: Path, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagetable, "RACY_NS", 0)
    (small_site / "content" / "records" / "broken.txt").write_bytes(b"\x00\x01 not a record")
    first = build(small_site, tmp_path / "out")
    again = build(small_site, tmp_path / "out")
    assert first.rendered == first.pages and again.rendered == 0
    assert messages(again) == messages(first) and messages(first)
    assert (again.records, again.articles, again.pages) == (first.records, first.articles, first.pages)
    assert again.stats.written == 0 and again.stats.unchanged == first.stats.written


STAGE_LIBRARIES = ("jinja2", "babel", "citeproc", "markdown_it", "langcodes", "lxml", "bibtexparser", "yaml")
BUILD_AND_LIST_IMPORTS = f"""
import sys
from site_builder.output import pagetable
pagetable.RACY_NS = 0  # the site was made a moment ago
from site_builder.commands.cli import main
code = main(["build", "--source", sys.argv[1], "--output", sys.argv[2]])
print(*sorted(name for name in {STAGE_LIBRARIES!r} if name in sys.modules))
sys.exit(code)
"""
BUILT = re.compile(r"Built ([\d,]+) pages from ([\d,]+) record\(s\) in [\d.]+ s(?: \(.+?\))?: ([\d,]+) rendered, "
                   r"([\d,]+) written, ([\d,]+) unchanged, ([\d,]+) removed; (\d+) warning\(s\), (\d+) error\(s\)\.")


def test_the_command_line_with_nothing_to_do_imports_no_stage_and_says_the_same(small_site: Path,
                                                                               tmp_path: Path) -> None:
    """A build with nothing to do stops before any stage: it loads none of their libraries (build.py imports
    them once there is something to do), and says what the last build said; an edit is still seen."""
    (small_site / "content" / "records" / "broken.txt").write_bytes(b"\x00\x01 not a record")
    out = tmp_path / "out"

    def build_in_a_new_process() -> tuple[list[str], list[str], list[int]]:
        done = subprocess.run([sys.executable, "-c", BUILD_AND_LIST_IMPORTS, str(small_site), str(out)],
                              capture_output=True, text=True, check=True, cwd=REPO)
        built = [found for line in done.stderr.splitlines() if (found := BUILT.fullmatch(line))]
        assert len(built) == 1, done.stderr
        said = [line for line in done.stderr.splitlines() if not BUILT.fullmatch(line)]
        return done.stdout.split(), said, [int(n.replace(",", "")) for n in built[0].groups()]

    imported, said, counts = build_in_a_new_process()
    pages, records, rendered, written, unchanged, _removed, warnings, errors = counts
    assert "jinja2" in imported and rendered == pages and unchanged == 0 and warnings
    assert any("broken.txt" in line for line in said)
    assert build_in_a_new_process() == ([], said, [pages, records, 0, 0, written, 0, warnings, errors])
    swap_a_letter(sorted((small_site / "content" / "records").iterdir())[0])
    imported, said_after_edit, counts = build_in_a_new_process()
    assert "jinja2" in imported and said_after_edit == said and 0 < counts[2] < pages


def test_a_deleted_page_is_written_again(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    page = next((out / "articles").glob("*.html"))
    page.unlink()
    again = build(small_site, out)
    assert page.is_file() and again.rendered == 1


def _table_written_later(out: Path) -> pagetable.PageTable:
    """The folder's page table, its file's time set a second later: as if written well after the build's last change
    to its folders (on a fast machine the two can fall within one tick of the file system's clock)."""
    table = out / pagetable.PAGES_FILE
    later = table.stat().st_mtime_ns + 1_000_000_000
    os.utime(table, ns=(later, later))
    return pagetable.load_table(out, cache.code_digest(), print)


def test_the_folders_left_as_the_last_build_wrote_them_are_known_without_a_listing(small_site: Path,
                                                                                      tmp_path: Path) -> None:
    """A folder whose stamp is the one the page table kept is intact, and is not listed; one changed since (a file
    added) and one whose times are not earlier than the table's own (a change within the same tick would not
    show) are not."""
    out = tmp_path / "out"
    build(small_site, out)
    table = _table_written_later(out)
    assert set(table.folders) >= {"", "articles", "authors"}
    assert table.intact_folders(out) - {""} == set(table.folders) - {""}  # the table's own folder: as it falls
    (out / "authors" / "mine.txt").write_text("not the build's", encoding="utf-8")
    assert table.intact_folders(out) - {""} == set(table.folders) - {"", "authors"}
    stamp = table.folders["articles"]
    assert stamp is not None
    os.utime(out / pagetable.PAGES_FILE, ns=(stamp[0], stamp[0]))
    assert "articles" not in pagetable.load_table(out, cache.code_digest(), print).intact_folders(out)


def test_a_page_removed_with_its_folders_times_put_back_is_written_again(small_site: Path, tmp_path: Path) -> None:
    """A folder's modification time can be set back (touch, rsync); its change time cannot, and a file removed
    changes it: the folder is listed, and the page found missing is written again."""
    out = tmp_path / "out"
    build(small_site, out)
    _table_written_later(out)
    folder = out / "articles"
    was = folder.stat()
    page = next(folder.glob("*.html"))
    page.unlink()
    os.utime(folder, ns=(was.st_atime_ns, was.st_mtime_ns))
    (small_site / "content" / "records" / "notes.md").write_text("Read first.\n", encoding="utf-8")  # a new
    again = build(small_site, out)  # source, which no page shows: a build with something to do, all kept
    assert page.is_file() and again.rendered == 1


def test_an_edited_article_template_renders_only_article_pages(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(small_site, out)
    (small_site / "templates").mkdir()
    own = small_site / "templates" / "article.html"
    own.write_text((TEMPLATES / "article.html").read_text(encoding="utf-8").replace("<h1", "<h1 class=\"own\""),
                   encoding="utf-8")
    again = build(small_site, out)
    articles = len(list((out / "articles").glob("*.html")))
    assert again.rendered == articles < first.pages
    assert all(b'<h1 class="own"' in p.read_bytes() for p in (out / "articles").glob("*.html"))


def test_templates_are_compiled_once_and_again_only_when_their_source_changes(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    compiled: list[str | None] = []
    real_compile = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return real_compile(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    swap_a_letter(next((small_site / "content" / "records").iterdir()))
    assert build(small_site, out).rendered > 0 and compiled == []
    (small_site / "templates").mkdir()
    (small_site / "templates" / "article.html").write_text(
        (TEMPLATES / "article.html").read_text(encoding="utf-8").replace("<h1", '<h1 class="own"'), encoding="utf-8")
    build(small_site, out)
    assert compiled == ["article.html"]
    assert all(b'<h1 class="own"' in p.read_bytes() for p in (out / "articles").glob("*.html"))
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)


def test_templates_are_digested_again_only_when_a_template_changes(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild takes the templates' digests from the cache while no template's source changed; a changed
    partial (which the home page shows its articles with, and the 404 page does not) changes the digest of the
    pages it is in, and of those only."""
    out = tmp_path / "out"
    build(small_site, out)
    digested: list[fingerprints.Templates] = []
    real_digests = fingerprints.template_digests

    def counted(*args: Any, **kwargs: Any) -> fingerprints.Templates:
        digested.append(real_digests(*args, **kwargs))
        return digested[-1]

    monkeypatch.setattr(fingerprints, "template_digests", counted)
    swap_a_letter(next((small_site / "content" / "records").iterdir()))
    assert build(small_site, out).rendered > 0 and digested == []
    (small_site / "templates" / "partials").mkdir(parents=True)
    partial = small_site / "templates" / "partials" / "article_item.html"
    partial.write_text((TEMPLATES / "partials" / "article_item.html").read_text(encoding="utf-8") + "\n",
                       encoding="utf-8")
    again = build(small_site, out)
    assert len(digested) == 1 and again.rendered > 0
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)
    first = digested[0].digests
    partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(small_site, out)
    assert len(digested) == 3  # the clean build's, and this one's
    assert digested[2].digests["home.html"] != first["home.html"]
    assert digested[2].digests["404.html"] == first["404.html"]


def test_an_index_left_for_later_is_made_by_refresh_search_or_the_next_build(small_site: Path,
                                                                            tmp_path: Path) -> None:
    out, clean = tmp_path / "out", build(small_site, tmp_path / "clean", clean=True)
    first = build(small_site, out, search_later=True)
    assert first.search_pending and not (out / "pagefind").exists()
    again = build(small_site, out)  # no "nothing to do": the index is still to be made
    assert again.rendered == 0 and not again.search_pending and published(out) == published(clean.output)
    shutil.rmtree(out)
    later = refresh_search(build(small_site, out, search_later=True))
    assert later.search_seconds > 0 and published(out) == published(clean.output)
    assert (out / MANIFEST).read_bytes() == (clean.output / MANIFEST).read_bytes()  # in published(), said again


def test_the_index_left_for_later_goes_on_with_the_same_build_without_cleaning_up_after_it(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = build(small_site, out, search_later=True)
    assert (out / write.BUILDING).is_file()  # the build is not over: its index is still to come
    monkeypatch.setattr(write, "_after_a_stopped_build", lambda output: pytest.fail("taken for a stopped build"))
    refresh_search(first)
    assert not (out / write.BUILDING).exists()
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)


def test_a_rebuild_whose_page_table_was_found_walks_no_folder_and_still_measures_every_file(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a build that finished its pages (here one whose index is still to come, which leaves the marker),
    the next build neither cleans up as after a stopped build nor walks the folder for the pre-flight check: it
    measures its own files and the foreign ones the last walk found, and warns as a clean build does."""
    out = tmp_path / "out"
    out.mkdir()
    (out / write.MANIFEST).write_text("")
    with open(out / "video.mp4", "wb") as fh:  # put there by hand: sparse, no disk space used
        fh.truncate(preflight.FILE_LIMIT + 1)
    first = build(small_site, out, search_later=True)
    assert (out / write.BUILDING).is_file() and "video.mp4" in " ".join(messages(first))
    retitle(sorted((small_site / "content" / "records").iterdir())[0], " (revised)")
    monkeypatch.setattr(write, "_after_a_stopped_build", lambda output: pytest.fail("taken for a stopped build"))
    monkeypatch.setattr(preflight, "measure_output", lambda *args, **kwargs: pytest.fail("the folder walked"))
    again = build(small_site, out)
    monkeypatch.undo()
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert published(out) == published(clean.output) | {"video.mp4": (out / "video.mp4").read_bytes()}
    ours = [m.replace(str(out.name), "_") for m in messages(again) if "video.mp4" not in m]
    assert ours == [m.replace(str(clean.output.name), "_") for m in messages(clean)]
    assert [m for m in messages(again) if "video.mp4" in m] == [m for m in messages(first) if "video.mp4" in m]


def _bundle_on_disk(out: Path) -> dict[str, int]:
    """Every file of the search index in ``out`` by its path there, with its size as the folder holds it."""
    return {f"{search.BUNDLE}/{rel}": entry.stat(follow_symlinks=False).st_size
            for rel, entry in write.walk_files(out / search.BUNDLE)}


def test_the_search_index_s_stamp_keeps_the_size_of_each_of_its_files(small_site: Path, tmp_path: Path) -> None:
    """The pre-flight check of a build after an edit takes the index's files to be of the sizes its stamp keeps
    (search.bundle_sizes): they must be those of the files there, after the index is made, made again after an
    edit, and kept as it was; a stamp that cannot be read keeps none."""
    out = tmp_path / "out"
    build(small_site, out)
    assert search.bundle_sizes(out) == _bundle_on_disk(out) != {}
    retitle(sorted((small_site / "content" / "records").iterdir())[0], " (revised)")
    before = _bundle_on_disk(out)
    build(small_site, out)
    assert search.bundle_sizes(out) == _bundle_on_disk(out) != before  # made again: other files, other sizes
    assert search.index_site(out, Report()).pages == -1  # the same pages: kept as it was, its stamp too
    assert search.bundle_sizes(out) == _bundle_on_disk(out)
    stamp = (out / search.STAMP).read_bytes()
    for damaged in (stamp[:-1], stamp[:-12] + bytes([stamp[-12] ^ 1]) + stamp[-11:], stamp.partition(b"\n")[0]):
        (out / search.STAMP).write_bytes(damaged)
        assert search.bundle_sizes(out) == {}


def test_files_of_the_search_index_taken_by_their_kept_sizes_are_measured_as_when_looked_at(
        small_site: Path, tmp_path: Path) -> None:
    """Measuring with the index's kept sizes gives what looking at each file gives: a file removed by hand is not
    counted, one replaced by a symlink or a folder is looked at (and the symlink reported), one added is measured."""
    out = tmp_path / "out"
    build(small_site, out)
    kept = search.bundle_sizes(out)
    files = sorted(kept)
    (out / files[0]).unlink()
    (out / files[1]).unlink()
    (out / files[1]).symlink_to(out / "index.html")
    (out / files[2]).unlink()
    (out / files[2]).mkdir()
    (out / f"{files[3]}.extra").write_bytes(b"by hand")
    others = {*files, f"{files[3]}.extra", "index.html"}
    looked_at = preflight.measure_files(out, {}, others)
    assert preflight.measure_files(out, {}, others, kept_sizes=kept) == looked_at
    assert [f.rel for f in looked_at[1]] == [files[1]]  # the symlink
    with open(out / files[4], "r+b") as fh:  # a file changed in place is taken as the index left it (as the
        fh.truncate(preflight.FILE_LIMIT + 1)  # pages of the table are): the kept size is what is used
    assert preflight.measure_files(out, {}, others, kept_sizes=kept) == looked_at
    assert preflight.measure_files(out, {}, others)[1] != looked_at[1]


def test_a_rebuild_after_a_stopped_build_walks_the_folder(small_site: Path, tmp_path: Path) -> None:
    """A build stopped while it wrote leaves no page table: the next build cleans up after it and measures the
    folder by walking it, a file left under a temporary name included."""
    out = tmp_path / "out"
    build(small_site, out)
    pagetable.discard_table(out)  # as a stopped build leaves the folder: marker, no table, a file half-written
    (out / write.BUILDING).touch()
    left = out / f".index.html.1{write.TEMPORARY}"
    left.write_bytes(b"half")
    result = build(small_site, out)
    assert not left.exists() and not (out / write.BUILDING).exists()
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)
    assert result.stats.written == 0  # every page rendered again (no table), each found as it was


def test_the_plan_makes_again_only_the_edited_articles_own_parts(small_site: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """What the plan makes of each article alone (its list entry's text, ranks, citation key's base) is kept in
    the build cache by the article's digest: after a title edit only that article's are made, and those taken
    from the cache are what making them again gives."""
    out = tmp_path / "out"
    build(small_site, out)
    made: list[str] = []
    make = plan_pages.article_parts
    monkeypatch.setattr(plan_pages, "article_parts", lambda key, article: made.append(key) or make(key, article))
    retitle(sorted((small_site / "content" / "records").iterdir())[0], " (revised)")
    result = build(small_site, out)
    assert result.site is not None and len(made) == 1
    articles = result.site.library.articles
    assert "(revised)" in articles[made[0]].title
    assert dict(result.site.article_parts) == {key: make(key, article) for key, article in articles.items()}


def test_an_articles_kept_plan_parts_are_taken_only_under_its_own_key(small_site: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts are kept under the article's digest alone, its key beside them: the same article under another
    key (its ranks and citation key's base are made from the key too) has its parts made again."""
    result = build(small_site, tmp_path / "out")
    assert result.site is not None and result.kept_cache is not None
    key, article = next(iter(result.site.library.articles.items()))
    digests = fingerprints.article_digests([article])
    made: list[str] = []
    make = plan_pages.article_parts
    monkeypatch.setattr(plan_pages, "article_parts", lambda key, article: made.append(key) or make(key, article))
    assert cache.article_parts(result.kept_cache, {key: article}, digests) == {key: make(key, article)}
    assert made == []  # kept by the build
    other = "a" + key
    assert cache.article_parts(result.kept_cache, {other: article}, digests) == {other: make(other, article)}
    assert made == [other]


def test_references_are_kept_for_the_locale_they_were_formatted_in(small_site: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The locale is in what the references' cache files are kept under, beside each article's digest: another
    locale formats them again, and going back does too (only the entries in use are kept)."""
    from site_builder.cite import cache as references

    result = build(small_site, tmp_path / "out")
    assert result.site is not None and result.kept_cache is not None
    articles = result.site.library.articles
    digests = fingerprints.article_digests(articles.values())
    formatted: list[str] = []
    format_keys = references._format
    monkeypatch.setattr(references, "_format", lambda keys, *rest: formatted.extend(keys) or format_keys(keys, *rest))
    for locale, again in (("en-US", False), ("de-DE", True), ("de-DE", False), ("en-US", True)):
        formatted.clear()
        cited = cache.formatted_references(result.kept_cache, articles, digests, locale, Report())
        assert sorted(formatted) == (sorted(articles) if again else []), locale
        assert dict(cited) == dict(references.format_all(articles, {}, Report(), locale)[0]), locale


def test_an_edited_summary_formats_no_reference_and_an_edited_title_its_articles(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's references are kept under its digest without its summary, which no reference reads: a summary
    added or edited formats none again; its article's title edited formats that article's again, and every
    article's references are those formatted from nothing."""
    from site_builder.cite import cache as references

    out = tmp_path / "out"
    first = build(small_site, out)
    assert first.site is not None
    record = sorted((small_site / "content" / "records").iterdir())[0]
    key = next(key for key, article in first.site.library.articles.items()
               if article.pmid and article.where.path.endswith(record.name))
    summary = small_site / "content" / "summaries" / "one.md"
    summary.parent.mkdir()
    formatted: list[str] = []
    format_keys = references._format
    monkeypatch.setattr(references, "_format", lambda keys, *rest: formatted.extend(keys) or format_keys(keys, *rest))
    for reading in ("A first reading.", "A second reading."):
        summary.write_text(f"---\npmid: {first.site.library.articles[key].pmid}\n---\n{reading}\n", "utf-8")
        result = build(small_site, out)
        assert result.site is not None
        found = result.site.library.articles[key].summary
        assert found is not None and reading in found.html
        assert formatted == [] and dict(result.site.references) == dict(first.site.references)
    retitle(record, "(revised)")
    result = build(small_site, out)
    assert result.site is not None
    articles = result.site.library.articles
    assert formatted == [key] and "(revised)" in articles[key].title
    assert "(revised)" in result.site.references[key][0].text
    assert dict(result.site.references) == dict(references.format_all(articles, {}, Report())[0])


def _rendered_paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages (and downloads) rendered from now on, in the order rendered."""
    rendered: list[str] = []
    real = pages._text

    def text(job: Any, page: plan_pages.Page, context: Any) -> str:
        rendered.append(page.path)
        return real(job, page, context)

    monkeypatch.setattr(pages, "_text", text)
    return rendered


def _summarise(site: Path, pmid: str, text: str, verdict: str = "Worth reading.") -> None:
    folder = site / "content" / "summaries"
    folder.mkdir(exist_ok=True)
    (folder / "one.md").write_text(f"---\npmid: {pmid}\nby: A reader\ndate: 2024-02-13\nverdict: {verdict}\n---\n"
                                   f"{text}\n", encoding="utf-8")


def test_an_edited_summary_text_renders_its_articles_page_alone(small_site: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The lists, the author's pages, the related articles and the downloads show that an article has a summary
    and its verdict, never its text: the text edited renders the article's page alone, the verdict edited the
    pages that list the article too; each build writes what a clean build does."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(fingerprints, "VERIFY", True)  # each page or part kept is made again and compared
    out = tmp_path / "out"
    first = build(small_site, out)
    assert first.site is not None
    key, article = next((k, a) for k, a in first.site.library.articles.items() if a.pmid)
    _summarise(small_site, article.pmid, "A first reading.")
    build(small_site, out)
    rendered = _rendered_paths(monkeypatch)
    printed, counted = _fingerprints_counted()
    monkeypatch.setattr(fingerprints.Reuse, "fingerprint", counted)
    monkeypatch.setattr(fingerprints, "VERIFY", False)  # (which fingerprints every page kept)
    _summarise(small_site, article.pmid, "A second reading.")
    again = build(small_site, out)
    # the feed's template reads its entries' own summaries (an abstract's start), which it cannot tell apart
    assert set(rendered) - {"feed.xml"} == {f"articles/{key}.html"} and again.rendered == len(rendered)
    # kept without a fingerprint: every page but those of articles (which read their own summary) and the feed
    assert f"articles/{key}.html" in printed and all(
        path.startswith("articles/") and path.endswith(".html") or path == "feed.xml" for path in printed), printed
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    assert "A second reading." in (out / "articles" / f"{key}.html").read_text(encoding="utf-8")
    assert differences(published(out), published(build(small_site, tmp_path / "clean", clean=True).output)) == []
    rendered.clear()
    _summarise(small_site, article.pmid, "A second reading.", verdict="Essential.")
    build(small_site, out)
    assert f"articles/{key}.html" in rendered and "index.html" in rendered
    assert differences(published(out), published(build(small_site, tmp_path / "clean2", clean=True).output)) == []


def test_a_template_that_shows_a_summarys_text_renders_its_pages_again(small_site: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A site's own list item that shows each article's summary: its lists are rendered again when the text
    changes, as a clean build makes them."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    own = small_site / "templates" / "partials" / "article_item.html"
    own.parent.mkdir(parents=True)
    own.write_text((TEMPLATES / "partials" / "article_item.html").read_text(encoding="utf-8").replace(
        "</li>", "{% if e.source.summary %}{{ e.source.summary.html|safe }}{% endif %}</li>"), encoding="utf-8")
    out = tmp_path / "out"
    first = build(small_site, out)
    assert first.site is not None
    article = next(a for a in first.site.library.articles.values() if a.pmid)
    _summarise(small_site, article.pmid, "A first reading.")
    build(small_site, out)
    rendered = _rendered_paths(monkeypatch)
    _summarise(small_site, article.pmid, "A second reading.")
    build(small_site, out)
    assert "index.html" in rendered and "A second reading." in (out / "index.html").read_text(encoding="utf-8")
    assert differences(published(out), published(build(small_site, tmp_path / "clean", clean=True).output)) == []


@pytest.mark.parametrize(("source", "names"), [
    ("{% if a.summary %}yes{% endif %}", frozenset()),
    ("{{ 'yes' if e.source.summary else 'no' }}", frozenset()),
    ("{{ a.summary_count }} {{ list_summary(x) }}", frozenset()),
    ("{{ a.summary.html }}", frozenset({"a"})),
    ("{% if a.summary.verdict %}yes{% endif %}", frozenset({"a"})),
    ("{% set summary = a.summary %}{{ summary.html }}", frozenset({"a"})),
    ("{% if a.summary and a.summary.by %}{{ a.summary.by }}{% endif %}", frozenset({"a"})),
    ("{{ e.source.summary.html }}", None),
    ("{% for a in related %}{{ a.summary.html }}{% endfor %}{{ a.summary.html }}", None),
    ("{% macro m(a) %}{{ a.summary.html }}{% endmacro %}", None),
    ("{% set a = other %}{{ a.summary.html }}", None),
    ("{{ a['summary'] }}", None),
    ("{{ a|attr('summary') }}", None),
    ("{{ a|tojson }}", None),
    ("{{ articles|map(attribute='summary')|list }}", None),
])
def test_a_template_reads_the_summaries_of_the_context_names_it_reads_them_through(
        source: str, names: frozenset[str] | None) -> None:
    """What a page's fingerprint takes of the summaries it may show (Templates.summaries_read): the text of the
    summary of each context name read so, or every summary's, whole, when any other use may read one."""
    found = fingerprints._summaries_read(jinja2.Environment().parse(source))
    assert (found[0] if found is not None else None) == names


@pytest.mark.parametrize(("page", "names"), [
    ("{% for article in related %}{% include 'item.html' %}{% endfor %}", None),
    ("{% set article = related[0] %}{% include 'item.html' %}", None),
    ("{% macro m(article) %}{{ article.title }}{% endmacro %}{% include 'item.html' %}", None),
    ("{% include 'item.html' %}", ("article",)),
    ("{% from 'macros.html' import m %}{{ m(other) }}{% include 'item.html' %}", ("article",)),
])
def test_a_template_included_where_the_name_it_reads_a_summary_through_is_bound_reads_any(
        page: str, names: tuple[str, ...] | None) -> None:
    """An included template sees the loop variables and names set where it is included: the summary it reads
    through ``article`` may then be any article's. A macro's parameters are its own, unless it includes."""
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "page.html": page, "item.html": "{{ article.summary.html }}",
        "macros.html": "{% macro m(article) %}{{ article.title }}{% endmacro %}"}))
    assert fingerprints.template_digests(env, ["page.html"], b"", {}).summaries_read.get("page.html") == names


def test_no_download_shows_a_summarys_text(small_site: Path, tmp_path: Path) -> None:
    """What lets a download keep its fingerprint when an article's summary text changes (Templates.no_summary_text):
    the same article with another summary text gives the same file in every format."""
    result = build(small_site, tmp_path / "out")
    assert result.site is not None
    article = next(iter(result.site.library.articles.values()))
    where = article.where
    for fmt, _ext, _label in plan_pages.urls.EXPORTS:
        told = [exports.export_text(fmt, (("k", dataclasses.replace(article, summary=Summary(
            html, where, "A reader", "2024-02-13", "Worth reading."))),)) for html in ("", "<p>A reading.</p>")]
        assert told[0] == told[1], fmt


def test_the_library_digest_changes_with_every_part_of_an_author_or_a_group(small_site: Path, tmp_path: Path) -> None:
    """What a page's kept costly part rests on (fingerprints.library_digest): a map to dataclasses is digested
    as its keys and each field's values, a list each; any field of any entry changed, two entries' values
    swapped, or an entry of another kind makes another digest."""
    result = build(small_site, tmp_path / "out")
    assert result.site is not None
    lib = dataclasses.replace(result.site.library)  # digested in full, not by what build_library made it from
    digest = fingerprints.library_digest(lib)
    assert fingerprints.library_digest(dataclasses.replace(lib)) == digest
    seen = {digest}

    def changed(value: Any) -> Any:
        return value + "x" if isinstance(value, str) else (*value, "x")

    for name in ("authors", "topics", "journals", "years"):
        entries = getattr(lib, name)
        (first, one), *others = list(entries.items())
        variants = [{**entries, first: dataclasses.replace(one, **{f.name: changed(getattr(one, f.name))})}
                    for f in dataclasses.fields(one)]
        if others:
            second, other = others[0]
            variants.append({**entries, first: other, second: one})
        variants.append({**entries, first: library.Group(one.key, one.name, one.articles)}
                        if name == "authors" else
                        {**entries, first: library.Author(one.key, one.name, (), one.articles)})
        for variant in variants:
            found = fingerprints.library_digest(dataclasses.replace(lib, **{name: variant}))
            assert found not in seen, name
            seen.add(found)


def test_the_library_is_remembered_by_every_part_of_an_article_it_reads() -> None:
    """build_library keeps its parts with what they were made from (Library.made_from): an edit the library does
    not read (a title that keeps the order) finds them kept; an edit to any part it reads (a byline, a topic, a
    journal's names, a date, a spelling seen elsewhere, authors.toml) is worked out again, and every library is
    the one made without the cache, with a digest (fingerprints.library_digest) of its own."""
    from site_builder.model.article import Article, Person
    from site_builder.model.people_rules import parse_rules

    jane, richard = Person("Doe, Jane", "Doe", "Jane"), Person("Roe, Richard", "Roe", "Richard")
    base = [Article(id="a", title="One work", date="2020", authors=(jane, richard), topics=("Sleep",),
                    journal="Sleep Medicine"),
            Article(id="b", title="Another work", date="2021", authors=(jane,), topics=("Sleep", "Diet"),
                    journal="Sleep Med", journal_abbrev="Sleep Med")]
    rules, _ = parse_rules('[[keep_apart]]\nnames = ["Doe, Jane", "Roe, Richard"]\n', "authors.toml")
    edits = {
        "byline": {"authors": (Person("Doe, J", "Doe", "J"),)}, "topics": {"topics": ("Diet",)},
        "journal": {"journal": "Sleep Research"}, "abbreviation": {"journal_abbrev": "Sleep Med"},
        "journal names": {"journal_names": ("Sleep medicine",)},
        "journal sources": {"journal_sources": ("Sleep Medicine", "Sleep medicine")},
        "date": {"date": "2019"}, "spellings": {"author_spellings": (("Doe, J.",),)},
    }
    kept: dict[bytes, object] = {}
    made: list[bytes] = []

    def remember(inputs: bytes, make):  # type: ignore[no-untyped-def]
        if inputs not in kept:
            made.append(inputs)
            kept[inputs] = make()
        return kept[inputs]

    first = library.build_library(base, remember_parts=remember)
    assert first == library.build_library(base) and len(made) == 1
    retitled = [dataclasses.replace(base[0], title="One work, again"), base[1]]
    assert library.build_library(retitled, remember_parts=remember).made_from == first.made_from
    assert len(made) == 1
    digests = {fingerprints.library_digest(first)}
    variants = [(name, [dataclasses.replace(base[0], **fields), base[1]], None) for name, fields in edits.items()]
    for name, articles, site_rules in [*variants, ("rules", base, rules)]:
        again = library.build_library(articles, site_rules, remember_parts=remember)
        assert again == library.build_library(articles, site_rules), name
        assert fingerprints.library_digest(again) not in digests, name
        digests.add(fingerprints.library_digest(again))
    assert len(made) == len(edits) + 2
    assert not dataclasses.replace(first).made_from  # a library changed any other way: digested in full


def test_clean_ignores_the_cache_and_the_last_build(small_site: Path, tmp_path: Path) -> None:
    build(small_site, tmp_path / "out")
    again = build(small_site, tmp_path / "out", clean=True)
    assert again.rendered == again.pages


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign", "empty"])
def test_a_damaged_cache_is_set_aside_with_one_line(small_site: Path, tmp_path: Path, damage: str) -> None:
    build(small_site, tmp_path / "out")
    expected = published(tmp_path / "out")
    folder = small_site / cache.CACHE_DIR
    for path in [*sorted(folder.glob("records-*")), *sorted(folder.glob("pieces-*")),
                 *sorted(folder.glob("references-*")), folder / "templates", tmp_path / "out" / pagetable.PAGES_FILE]:
        data = path.read_bytes()
        path.write_bytes({"truncated": data[:len(data) // 2], "garbage": bytes(range(256)) * 3,
                          "foreign": b'{"not": "ours"}', "empty": b""}[damage])
    swap_a_letter(next((small_site / "content" / "records").iterdir()))
    again = build(small_site, tmp_path / "out")
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert published(tmp_path / "out") == published(clean.output) != expected
    assert len(again.notices) == 2 and all("\n" not in n for n in again.notices)  # the cache, the page table
    assert sorted(str(folder) in n for n in again.notices) == [False, True]
    assert sorted(pagetable.PAGES_FILE in n for n in again.notices) == [False, True]
    assert again.report.warnings == clean.report.warnings  # a notice is not a warning: --strict is not failed
    assert build(small_site, tmp_path / "out").notices == ()  # made afresh


@pytest.mark.parametrize("damage", ["head cut short", "a byte of the value changed", "the value cut short",
                                    "the code's length changed"])
def test_a_cache_file_damaged_anywhere_is_never_trusted(tmp_path: Path, damage: str) -> None:
    """The cache files' layout (cache.MAGIC): each part of a file damaged, the file is discarded with a notice."""
    notices: list[str] = []
    folder = cache.CacheFolder(tmp_path, notices.append)
    value = {"content/records/a.ris": (1, 2, 3, b"packed" * 100, "text")}
    folder.save("records-00", value, b"c" * 16)
    assert folder.load("records-00", b"c" * 16) == value
    assert folder.load("records-00", b"d" * 16) is None and "another version" in notices.pop()
    path = tmp_path / cache.CACHE_DIR / "records-00"
    data = bytearray(path.read_bytes())
    head = len(cache.MAGIC) + 1 + 16 + 4
    if damage == "head cut short":
        data = data[:head - 2]
    elif damage == "a byte of the value changed":
        data[head + 10] ^= 1
    elif damage == "the value cut short":
        data = data[:-1]
    else:
        data[len(cache.MAGIC)] = 200
    path.write_bytes(bytes(data))
    again = cache.CacheFolder(tmp_path, notices.append)
    assert again.load("records-00", b"c" * 16) is None
    assert len(notices) == 1 and str(again.folder) in notices[0]


def test_the_record_cache_gives_back_each_file_as_kept(tmp_path: Path) -> None:
    """Each record file's packed form as stored, after a save and a load, and only the cache files whose part
    changed written again."""
    folder = cache.CacheFolder(tmp_path, print)
    kept = cache.RecordCache(folder)
    packed = {f"content/records/{n}.ris": bytes([n]) * (n * 37 + 1) for n in range(40)}
    for n, (shown, data) in enumerate(packed.items()):
        kept.store(shown, (len(data), n, n), b"digest %d" % n, data, 10 * cache.RACY_NS)
    kept.store("content/records/gone.ris", (1, 0, 0), b"gone", b"x", 10 * cache.RACY_NS)
    kept.keep_only(set(packed))
    kept.save()
    again = cache.RecordCache(cache.CacheFolder(tmp_path, print))
    for n, (shown, data) in enumerate(packed.items()):
        assert bytes(again.by_stamp(shown, (len(data), n, n)) or b"?") == data
        assert again.by_digest(shown, b"digest %d" % n) == data and again.by_digest(shown, b"other") is None
    assert again.by_stamp("content/records/gone.ris", (1, 0, 0)) is None
    files = sorted((tmp_path / cache.CACHE_DIR).glob("records-*"))
    for path in files:
        os.utime(path, ns=(1, 1))
    again.store("content/records/1.ris", (38, 1, 1), b"digest 1", packed["content/records/1.ris"],
                10 * cache.RACY_NS)  # as kept: nothing to write
    again.store("content/records/2.ris", (75, 2, 2), b"digest 2", b"changed", 10 * cache.RACY_NS)
    again.save()
    assert [path.name for path in files if path.stat().st_mtime_ns != 1] == [
        f"records-{zlib.crc32(b'content/records/2.ris') % cache.SHARDS:02d}"]
    last = cache.RecordCache(cache.CacheFolder(tmp_path, print))
    assert last.by_stamp("content/records/2.ris", (75, 2, 2)) == b"changed"
    assert bytes(last.by_stamp("content/records/3.ris", (112, 3, 3)) or b"?") == packed["content/records/3.ris"]


def test_a_cache_of_other_code_is_set_aside(small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(small_site, tmp_path / "out")
    monkeypatch.setattr(cache, "code_digest", lambda parts=(): b"another version" + repr(parts).encode())
    again = build(small_site, tmp_path / "out")
    assert again.rendered == again.pages
    assert len(again.notices) == 1 and "another version of site-builder" in again.notices[0]


def test_a_cache_of_an_older_layout_is_set_aside_as_another_versions(small_site: Path, tmp_path: Path) -> None:
    build(small_site, tmp_path / "out")
    for path in (small_site / cache.CACHE_DIR).glob("records-*"):
        path.write_bytes(cache.MAGIC_PREFIX + b"1\n" + path.read_bytes()[len(cache.MAGIC):])
    swap_a_letter(next((small_site / "content" / "records").iterdir()))
    again = build(small_site, tmp_path / "out")
    assert len(again.notices) == 1 and "another version of site-builder" in again.notices[0]
    assert published(again.output) == published(build(small_site, tmp_path / "clean", clean=True).output)


def test_a_record_file_that_became_unreadable_is_reported_and_its_pages_go(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = build(small_site, out)
    record = sorted((small_site / "content" / "records").iterdir())[0]
    pages = lambda: {rel for rel in published(out) if not rel.startswith("pagefind/")}  # noqa: E731 - the index is remade
    before = pages()
    record.chmod(0)  # its times change; as root, the file could still be read, so reading it is refused here
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == record:
            raise PermissionError(13, "Permission denied")
        return real(path)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    again = build(small_site, out)
    assert [str(d) for d in again.report.diagnostics if d.where.path.endswith(record.name)] == [
        f"content/records/{record.name}: error: cannot read this file: Permission denied"]
    assert again.articles == first.articles - 1 and pages() < before
    assert {rel for rel in before - pages() if rel.startswith("articles/")}  # the article's own files went


def test_a_build_killed_half_way_leaves_what_the_next_build_can_use_or_set_aside(tmp_path: Path) -> None:
    """SIGKILL at several moments of a build (reading, rendering, writing the cache): the next build writes
    what a clean build writes."""
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    for n, source in enumerate(RECORDS * 6):
        shutil.copy2(source, site / "content" / "records" / f"{n:03d}-{source.name}")
    (site / "site.toml").write_text("search = false\n", encoding="utf-8")  # the pages and the cache are at stake
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "site_builder", "build", "--source", str(site), "--output", str(out)]
    for delay in (0.4, 0.8, 1.2, 1.6, 2.4):
        swap_a_letter(sorted((site / "content" / "records").iterdir())[int(delay * 10)])
        running = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        running.send_signal(signal.SIGKILL)
        running.wait()
        result = build(site, out)
        clean = build(site, tmp_path / "clean", clean=True)
        assert published(out) == published(clean.output), delay
        assert messages(result) == messages(clean)
        shutil.rmtree(clean.output)


def test_the_default_templates_read_only_what_a_fingerprint_digests_of_the_site() -> None:
    """A template that reads more of ``site`` than SITE_FIELDS (site.library) would make every page that holds
    ``site`` render on every build."""
    env = make_environment(theme.template_dirs(REPO))
    names = [name for name in env.list_templates() if name.endswith(".html")]
    templates = fingerprints.template_digests(env, names, b"", {"article_item": ARTICLE_ITEM})
    assert templates.only_known_site_parts
    # The collection's counts, which a record added changes, are in the fingerprints of these pages only.
    assert {name for name, parts in templates.site_parts.items() if "counts" in parts} == {
        "home.html", "authors.html", "search.html"}



def test_a_value_digests_the_same_whatever_the_digester_met_before() -> None:
    """A small object of plain values is written in place, a larger one digested once and remembered
    (fingerprints._inline): which way a value goes depends on the value only, so that a page's fingerprint does
    not depend on the pages a process fingerprinted before it; and an object is told from its values."""
    small = plan_pages.Named(Markup("a.html"), Markup("A"))
    large = listing.Listing(tuple(f"k{n}" for n in range(fingerprints.INLINE_TOKENS)), 1, 1, "newest", (), (), True)
    value = {"a": small, "b": (large, [small, small])}
    first = fingerprints.Digester(None).reaching(value)[0]
    seasoned = fingerprints.Digester(None)
    seasoned.reaching((large, small, plan_pages.Named(Markup("a.html"), Markup("A"))))
    assert seasoned.reaching(value)[0] == first
    assert fingerprints.Digester(None).reaching(dataclasses.replace(small))[0] == \
        fingerprints.Digester(None).reaching(small)[0]
    assert fingerprints.Digester(None).reaching((Markup("a.html"), Markup("A")))[0] != \
        fingerprints.Digester(None).reaching(small)[0]
    assert fingerprints.Digester(None).reaching(dataclasses.replace(small, name=Markup("B")))[0] != \
        fingerprints.Digester(None).reaching(small)[0]


def retitle(record: Path, suffix: str) -> None:
    """The record's title changed in every field that holds it (as benchmarks/bench_incremental.py does)."""
    text = record.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("title ")).removeprefix("title ")
    record.write_text(text.replace(title, f"{title} {suffix}"), encoding="utf-8")


def test_an_edited_title_makes_again_only_the_costly_parts_that_show_the_article(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's costly part (Page.more) is made again when an article among its inputs or in its output changed;
    the others are kept from the last build's page table."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    made: list[bytes] = []
    real = fingerprints.Reuse._made

    def counted(self: fingerprints.Reuse, inputs: bytes, more: Any) -> fingerprints.More:
        made.append(inputs)
        return real(self, inputs, more)

    monkeypatch.setattr(fingerprints.Reuse, "_made", counted)
    out = tmp_path / "out"
    first = build(small_site, out)
    costly = len(made)
    assert costly == sum(1 for p in first.planned() if p.more is not None)
    made.clear()
    for path in small_site.rglob("*"):  # every source touched, nothing changed: every part kept
        if path.is_file() and cache.CACHE_DIR not in path.parts:
            os.utime(path)
    assert build(small_site, out).rendered == 0 and made == []
    retitle(sorted((small_site / "content" / "records").iterdir())[0], "(revised)")
    again = build(small_site, out)
    assert 0 < len(made) < costly and 0 < again.rendered < again.pages, (len(made), costly)
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []


def test_an_edited_title_makes_again_only_that_articles_pieces_of_the_list_downloads(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The collection's and topics' downloads are joined from each article's piece, kept in the build cache under
    the article's digest: an edit makes again the edited article's pieces only, and the files still say what a
    clean build's say."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    made: list[tuple[str, str]] = []
    real = exports.export_entry

    def counted(fmt: str, article: Any, key: str) -> str:
        if not article.abstract:  # a list's piece (an article without an abstract has no other kind)
            made.append((fmt, article.title))
        return real(fmt, article, key)

    monkeypatch.setattr(exports, "export_entry", counted)
    out = tmp_path / "out"
    build(small_site, out)
    record = sorted((small_site / "content" / "records").iterdir())[0]
    retitle(record, "(revised)")
    made.clear()
    again = build(small_site, out)
    assert {"bibtex", "ris", "csl-json"} <= {fmt for fmt, _title in made}
    assert all(title.endswith("(revised)") for _fmt, title in made), made
    assert "(revised)" in (out / "collection.bib").read_text(encoding="utf-8")
    assert again.rendered < again.pages
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []
    kept = cache.KeptPieces(cache.CacheFolder(small_site, print)).load()
    assert len(kept) == 3 * again.articles  # every article is in the collection's list: nothing stale is kept


LIST_DOWNLOADS = re.compile(r"(collection|topics/[^/]+)\.(bib|ris|json)")


def test_an_edited_title_copies_the_other_entries_of_the_list_downloads_from_their_last_files(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list download whose entries are in the order its last build wrote them is that file with the changed
    articles' entries made again (output/splice.py): the others are neither made nor taken from the pieces'
    cache, which is not even read. With VERIFY, every entry copied is made again and compared."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    out = tmp_path / "out"
    build(small_site, out)
    retitle(sorted((small_site / "content" / "records").iterdir())[0], "(revised)")
    made: list[tuple[str, str]] = []
    real = exports.export_entry

    def counted(fmt: str, article: Any, key: str) -> str:
        if not article.abstract:  # a list's piece (an article without an abstract has no other kind)
            made.append((fmt, article.title))
        return real(fmt, article, key)

    def unread(_self: cache.KeptPieces) -> cache.ListPieces:
        raise AssertionError("the pieces' cache was read")

    monkeypatch.setattr(exports, "export_entry", counted)
    monkeypatch.setattr(cache.KeptPieces, "load", unread)
    again = build(small_site, out)
    assert made and all(title.endswith("(revised)") for _fmt, title in made), made
    lists = [rel for rel in published(out) if LIST_DOWNLOADS.fullmatch(rel)]
    assert len(made) <= len(lists) and "collection.bib" in lists
    monkeypatch.undo()
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    retitle(sorted((small_site / "content" / "records").iterdir())[1], "(revised)")
    build(small_site, out)
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert again.rendered < again.pages
    assert differences(published(out), published(clean.output)) == []


def test_a_list_download_whose_citation_key_changed_is_not_copied_from_its_last_file(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry is copied from a list's last file only with the same citation key as there (the order's digest
    holds the keys): an article whose key changed while its contents did not (a clash with another article's)
    is made again. Here the key is changed by hand, its article untouched; the lists must say what a clean
    build's say."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    out = tmp_path / "out"
    build(small_site, out)
    real = plan_pages.Site._cited.func  # type: ignore[attr-defined]

    def renamed(site: plan_pages.Site) -> tuple[dict[str, str], frozenset[str]]:
        keys, shared = real(site)
        first = sorted(keys)[0]
        return {**keys, first: keys[first] + "x"}, shared

    cited = functools.cached_property(renamed)
    cited.__set_name__(plan_pages.Site, "_cited")
    monkeypatch.setattr(plan_pages.Site, "_cited", cited)
    retitle(sorted((small_site / "content" / "records").iterdir())[-1], "(revised)")  # else nothing to do
    build(small_site, out)
    clean = build(small_site, tmp_path / "clean", clean=True)
    lists = {rel: data for rel, data in published(out).items() if LIST_DOWNLOADS.fullmatch(rel)}
    assert b"x," in lists["collection.bib"]
    assert differences(lists, {rel: data for rel, data in published(clean.output).items()
                               if LIST_DOWNLOADS.fullmatch(rel)}) == []


@pytest.mark.parametrize("damage", ["unsorted", "blank line", "no last newline"])
def test_a_manifest_of_the_same_files_is_left_as_it_is_only_when_it_is_as_a_build_writes_it(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """After an edit the build's files are most often the last build's, and the manifest that lists them is
    not written again; one that lists them otherwise than a build writes it is. (With the search index made
    later, as in serve: a build that makes it records the pages before the index, then both.)"""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    out = tmp_path / "out"
    build(small_site, out, search_later=True)
    retitle(sorted((small_site / "content" / "records").iterdir())[0], "(revised)")
    before = (out / MANIFEST).stat().st_mtime_ns
    build(small_site, out, search_later=True)
    assert (out / MANIFEST).stat().st_mtime_ns == before  # the same files: left as it was
    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    damaged = {"unsorted": "\n".join(reversed(lines)) + "\n", "blank line": "\n".join(lines) + "\n\n",
               "no last newline": "\n".join(lines)}[damage]
    (out / MANIFEST).write_text(damaged, encoding="utf-8")
    retitle(sorted((small_site / "content" / "records").iterdir())[1], "(revised)")
    build(small_site, out, search_later=True)
    clean = build(small_site, tmp_path / "clean", clean=True, search_later=True)
    assert (out / MANIFEST).read_bytes() == (clean.output / MANIFEST).read_bytes()


def test_a_costly_part_that_reads_an_article_it_neither_takes_nor_shows_is_caught(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeping a costly part rests on (fingerprints.py's docstring), broken on purpose: an author page's
    part that reads every article's title. With VERIFY, a kept part (of an author's page, which shows only that
    author's articles) is made again and found stale."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    record = sorted((small_site / "content" / "records").iterdir())[0]
    real = plan_pages._author_extras

    def leaky(site: Any, links: Any, key: str, author: Any, part: Any) -> dict[str, Any]:
        found = real(site, links, key, author, part)
        found["leak"] = sorted(a.title for a in site.library.articles.values())
        return found

    monkeypatch.setattr(plan_pages, "_author_extras", leaky)
    out = tmp_path / "out"
    build(small_site, out)
    retitle(record, "(revised)")
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    with pytest.raises(fingerprints.StaleReuse):
        build(small_site, out)


def _fingerprints_counted() -> tuple[list[str], object]:
    """A list of the paths of the pages whose fingerprint is made, and the Reuse.fingerprint that fills it."""
    printed: list[str] = []
    real = fingerprints.Reuse.fingerprint

    def counted(self: fingerprints.Reuse, page: plan_pages.Page) -> fingerprints.Print | None:
        printed.append(page.path)
        return real(self, page)

    return printed, counted


def test_an_edited_title_makes_again_only_the_fingerprints_of_pages_that_show_the_article(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that reached none of the changed articles, when nothing else every page may read changed (the
    settings, the templates, the library's structure, the orders), is kept without its fingerprint being made."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(fingerprints, "VERIFY", True)  # each page kept so is fingerprinted again and compared
    printed, counted = _fingerprints_counted()
    out = tmp_path / "out"
    first = build(small_site, out)
    monkeypatch.setattr(fingerprints.Reuse, "fingerprint", counted)
    retitle(sorted((small_site / "content" / "records").iterdir())[0], "(revised)")
    monkeypatch.setattr(fingerprints, "VERIFY", False)
    again = build(small_site, out)
    assert 0 < again.rendered <= len(printed) < first.pages // 2, (again.rendered, len(printed), first.pages)
    assert "index.html" in printed and "topics.html" not in printed  # the home page lists it; the topics' counts
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []


def test_an_edited_title_makes_only_the_pages_whose_fingerprint_is_made(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's pages of the kinds a site has by the thousand (articles' pages and downloads, authors' pages)
    are made when asked for (plan/outline.py): after an edit, only those whose fingerprint is made, and the
    others are kept by their paths and templates alone."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    out = tmp_path / "out"
    first = build(small_site, out)
    printed, counted = _fingerprints_counted()
    monkeypatch.setattr(fingerprints.Reuse, "fingerprint", counted)
    made: list[str] = []
    real = outline.Plan.made

    def counted_made(self: outline.Plan, numbers: Any) -> list[plan_pages.Page]:
        found = real(self, numbers)
        made.extend(page.path for page in found)
        return found

    monkeypatch.setattr(outline.Plan, "made", counted_made)
    record = sorted((small_site / "content" / "records").iterdir())[0]
    retitle(record, "(revised)")
    again = build(small_site, out)
    assert sorted(made) == sorted(printed) and 0 < again.rendered <= len(made) < first.pages // 2
    assert any(path.startswith("articles/") for path in made)
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []


def test_a_page_that_shows_an_article_it_does_not_reach_is_caught(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeping a page without its fingerprint rests on, broken on purpose: feed entries that copy their
    article's title without holding the article. With VERIFY, the feed kept after a title edit is made again and
    found stale."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    real = feeds._entry

    def detached(key: str, article: Any, base_url: str) -> feeds.FeedEntry:
        return dataclasses.replace(real(key, article, base_url), source=None)

    monkeypatch.setattr(feeds, "_entry", detached)
    out = tmp_path / "out"
    build(small_site, out)
    newest = next(iter(build(small_site, tmp_path / "look", clean=True).planned()[0].context["newest"]))
    record = next(p for p in (small_site / "content" / "records").iterdir()
                  if newest.source.where.path.endswith(p.name))
    retitle(record, "(revised)")
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    with pytest.raises(fingerprints.StaleReuse, match="feed.xml"):
        build(small_site, out)


def test_who_is_who_is_worked_out_again_only_when_a_byline_or_a_rule_changes(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    calls: list[int] = []
    real = library.resolve

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "resolve", counted)
    out, record = tmp_path / "out", sorted((small_site / "content" / "records").iterdir())[0]
    build(small_site, out)
    retitle(record, "(revised)")
    build(small_site, out)
    assert len(calls) == 1
    (small_site / "authors.toml").write_text('[[merge]]\nnames = ["Pan, Zui", "Pan, Z"]\n', encoding="utf-8")
    build(small_site, out)
    assert len(calls) == 2
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\nauthor ", "\nauthor Newcomer, Ann\n", 1), encoding="utf-8")
    result = build(small_site, out)
    assert len(calls) == 3
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == [] and messages(result) == messages(clean)


def move_title(record: Path, word: str) -> None:
    """The record's title given a first word in every field that holds it, so that it sorts elsewhere by title
    (as benchmarks/bench_incremental.py's "title moved" does)."""
    text = record.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("title ")).removeprefix("title ")
    record.write_text(text.replace(title, f"{word} {title}"), encoding="utf-8")


@pytest.fixture
def sorted_lists(small_site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small site with every list of two articles or more offered in each order, two articles a page: its
    six records are all in the topic "Review", whose pages by title then hold two articles each."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(listing, "SORTED_FROM", 2)
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    (small_site / "site.toml").write_text("list_orders = true\n", encoding="utf-8")
    return small_site


def first_by_title(site: Path) -> Path:
    records = sorted((site / "content" / "records").iterdir())
    return min(records, key=lambda p: next(line for line in p.read_text(encoding="utf-8").split("\n")
                                            if line.startswith("title ")))


def test_an_article_that_moves_by_title_makes_again_only_the_pages_that_show_it_or_sort_its_lists(
        sorted_lists: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's place in each order is made from the article alone (orders.Ranks): moved by title, it changes
    no article page but those that show it (as related), whose search sort values are their own; the pages of
    its lists sorted by title, which reach the whole list, are made again, and no page kept without its
    fingerprint differs from what it would be (VERIFY)."""
    printed, counted = _fingerprints_counted()
    out = tmp_path / "out"
    first = build(sorted_lists, out)
    record = first_by_title(sorted_lists)
    moved = next(p.path for p in first.planned() if p.template == "article.html"
                 and p.context["article"].where.path.endswith(record.name))
    monkeypatch.setattr(fingerprints.Reuse, "fingerprint", counted)
    move_title(record, "Zymology of")
    again = build(sorted_lists, out)
    others = {p for p in printed if p.startswith("articles/") and p.endswith(".html") and p != moved}
    assert moved in printed and all("Zymology of" in (out / p).read_text(encoding="utf-8") for p in others)
    assert "topics/review_title_2.html" in printed and 0 < again.rendered < first.pages // 2
    clean = build(sorted_lists, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    move_title(record, "Aardvarks and")
    build(sorted_lists, out)
    assert differences(published(out), published(build(sorted_lists, tmp_path / "clean2", clean=True).output)) == []


def test_a_sorted_list_page_that_does_not_reach_its_whole_list_is_caught(
        sorted_lists: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeping a page of a sorted list rests on, broken on purpose: its context without the list's articles
    (plan/pages.py's ``sorted_from``). The article first by title moved last shifts the second page by title,
    which showed neither it nor anything changed: with VERIFY, that page kept is found stale."""
    real = plan_pages._listings
    monkeypatch.setattr(plan_pages, "_listings", lambda site, base, keys: [
        (path, part, {}) for path, part, _sorted_from in real(site, base, keys)])
    out = tmp_path / "out"
    build(sorted_lists, out)
    move_title(first_by_title(sorted_lists), "Zymology of")
    monkeypatch.setattr(fingerprints, "VERIFY", True)
    with pytest.raises(fingerprints.StaleReuse, match="review_title_2.html"):
        build(sorted_lists, out)


def test_a_record_added_renders_the_pages_that_show_it_not_every_page(small_site: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The collection's counts are on the home page (its footer, "7 articles from 7 records"), not on every page,
    and only the pages whose templates read them hold them in their fingerprints: a record added leaves the
    pages that show neither it nor the counts unwritten (the 404 page, the pages of other authors)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(pagetable, "RACY_NS", 0)
    out = tmp_path / "out"
    first = build(small_site, out)
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    added = small_site / "content" / "records" / RECORDS[10].name
    shutil.copy2(RECORDS[10], added)
    again = build(small_site, out)
    assert again.rendered < again.pages // 2, (again.rendered, again.pages)
    new_authors = {p.name for p in (out / "authors").glob("*.html")} - {p.name for p in times
                                                                        if p.parent.name == "authors"}
    written = {p.relative_to(out).as_posix() for p, ns in times.items() if p.stat().st_mtime_ns != ns}
    assert "404.html" not in written and "index.html" in written and new_authors
    assert not any(p.startswith("authors/") and p != "authors/index.html" for p in written), written
    footer = lambda page: " ".join((out / page).read_text(encoding="utf-8").split("<footer")[1].split())  # noqa: E731
    assert f"{first.articles + 1} articles from {first.records + 1} records" in footer("index.html")
    assert "records" not in footer("404.html")
    clean = build(small_site, tmp_path / "clean", clean=True)
    assert differences(published(out), published(clean.output)) == []


def test_a_title_edit_that_joins_or_parts_two_records_merges_as_a_clean_build_does(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Merging takes each cached article's work keys as kept with its record file (packing.Shared.keys): a record
    whose title is edited is keyed by its new title, so that it parts from the work it was joined to by title and
    year, and joins it again once the title is back, as a clean build merges them."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    first = sorted((small_site / "content" / "records").iterdir())[0]
    title = next(line for line in first.read_text(encoding="utf-8").split("\n") if line.startswith("title "))
    twin = small_site / "content" / "records" / "twin.ris"  # no identifier: one work with ``first`` by title and year
    twin.write_text(f"TY  - JOUR\nAU  - Otherwise, Ann\nTI  - {title.removeprefix('title ')}\nPY  - 2020\nER  - \n",
                    encoding="utf-8")
    out = tmp_path / "out"
    joined = build(small_site, out)
    assert joined.articles == joined.records - 1
    text = twin.read_text(encoding="utf-8")
    for step, edited in enumerate((text.replace("\nPY", " (a twin apart)\nPY"), text)):
        twin.write_text(edited, encoding="utf-8")
        again = build(small_site, out)
        clean = build(small_site, tmp_path / f"clean-{step}", clean=True)
        assert again.articles == clean.articles == joined.articles + (1 if edited != text else 0)
        assert differences(published(out), published(clean.output)) == []


def _stored_rows(out: Path) -> tuple[dict[str, tuple[Any, ...]], int]:
    """The rows of the folder's page table, and how many it stores (a row stored again stands for the first)."""
    table = pagetable.load_table(out, cache.code_digest(), print)
    rows = {path: table.row(path) for path in table.paths()}
    return rows, sum(len(marshal.loads(part)) for part in table.row_parts)


@pytest.mark.parametrize("extra", [pagetable.CARRIED_LEAST, 0])
def test_an_edit_s_page_table_carries_the_last_ones_rows_and_reads_as_a_clean_build_s(
        small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: int) -> None:
    """After an edit, the page table is the last one's rows as stored with the rows of the pages made again after
    them (NewRows.carry); read back, it is the table a clean build of the edited site saves. With no rows to spare
    (CARRIED_EXTRA and CARRIED_LEAST 0) every table is marshalled anew, and reads the same."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    monkeypatch.setattr(pagetable, "CARRIED_EXTRA", extra / pagetable.CARRIED_LEAST * pagetable.CARRIED_EXTRA)
    monkeypatch.setattr(pagetable, "CARRIED_LEAST", extra)
    out = tmp_path / "out"
    first = build(small_site, out)
    records = sorted((small_site / "content" / "records").iterdir())
    for n, record in enumerate(records[:3]):
        retitle(record, f"(revised {n})")
        again = build(small_site, out)
        rows, stored = _stored_rows(out)
        assert 0 < again.rendered < first.pages // 2 and len(rows) == again.pages
        assert (stored > len(rows)) == (extra > 0), (stored, len(rows))  # carried, and the rows made again after
        clean = build(small_site, tmp_path / f"clean{n}", clean=True)
        assert rows == _stored_rows(clean.output)[0]
        assert differences(published(out), published(clean.output)) == []


def test_a_page_table_is_not_carried_when_a_page_is_added_or_gone(small_site: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A record added or removed adds pages, or lets some go: the table is then marshalled anew, its rows those of
    the pages built, as a clean build's."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    out = tmp_path / "out"
    build(small_site, out)
    added = small_site / "content" / "records" / RECORDS[10].name
    for change in (lambda: shutil.copy2(RECORDS[10], added), added.unlink):
        change()
        again = build(small_site, out)
        rows, stored = _stored_rows(out)
        assert stored == len(rows) == again.pages
        assert rows == _stored_rows(build(small_site, tmp_path / "clean", clean=True).output)[0]


def _table_of(rows: dict[str, Any]) -> pagetable.PageTable:
    """A page table of ``rows`` as stored (rows not as this code writes them too), as a build reads it."""
    parts = [marshal.dumps((((), ()), b"", ())), marshal.dumps(rows)]
    return pagetable.PageTable(body=b"".join(b"%d\n%s" % (len(part), part) for part in parts))


def test_a_page_table_says_whether_a_row_holds_links_out_and_which_pages_reached_no_change() -> None:
    plain = {"a.html": (b"f", 1, (), None, (0,), None), "b.html": (b"g", 2, (), None, (1, 2), None),
             "c.html": (b"h", 3, (), None, None, None)}  # c: the articles it reached not known
    table = _table_of(plain)
    assert not table.any_links
    assert table.unreached(["new.html", "a.html", "b.html", "c.html"], frozenset({2})) == {"a.html"}
    assert table.unreached(["a.html", "b.html"], frozenset()) == {"a.html", "b.html"}
    assert _table_of({**plain, "d.html": (b"i", 4, (("../up.html", "climbs"),), None, (0,), None)}).any_links
    odd = _table_of({**plain, "e.html": ("not a row", 5), "f.html": None})
    assert odd.any_links  # a row not as this code writes them: its links asked of it
    assert odd.unreached(["e.html", "f.html", "a.html"], frozenset()) == {"a.html"}


def test_pages_kept_as_they_were_report_their_links_out_in_plan_order() -> None:
    rows = {"a.html": (b"f", 1, (("../up.html", "climbs"),), None, (0,), None),
            "b.html": (b"g", 2, (), None, (0,), None),
            "c.html": (b"h", 3, (("/x.html", "from the root"),), None, (0,), None)}
    for table, found in ((_table_of(rows), [("a.html", "../up.html", "climbs"),
                                                      ("c.html", "/x.html", "from the root")]),
                         (_table_of({path: (*row[:2], (), *row[3:]) for path, row in rows.items()}), [])):
        planned: list[Any] = [object(), object(), object(), object()]
        carried: list[str] = []
        done: list[str] = []
        new = bytearray()
        outside: list[tuple[str, str, str]] = []
        paths = ["before.html", *rows]
        assert pages._kept_as_they_were(planned, paths, 1, 4, table, carried, done, new, outside) == 3
        assert outside == found
        assert planned[1:] == [None, None, None] and planned[0] is not None
        assert carried == done == list(rows) and new == bytearray(3)


def test_a_list_download_an_edit_does_not_show_in_is_left_as_it_was(small_site: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A summary added changes its article, not its entries in the list downloads: each list is left as it was
    (its file neither written again nor read whole), and the site is what a clean build makes; a title edit
    writes them again."""
    out = tmp_path / "out"
    build(small_site, out)
    given: list[str] = []
    real = write.OutputWriter.write_parts

    def write_parts(self: write.OutputWriter, rel: str, parts: Any, **known: Any) -> tuple[bool, int]:
        given.append(rel)
        return real(self, rel, parts, **known)

    monkeypatch.setattr(write.OutputWriter, "write_parts", write_parts)
    lists = ("collection.bib", "collection.ris", "collection.json")
    before = {name: (out / name).stat().st_ino for name in lists}
    record = sorted((small_site / "content" / "records").glob("*.txt"))[0]
    pmid = re.search(r"ncbi\.nlm\.nih\.gov/pubmed/(\d+)", record.read_text(encoding="utf-8"))
    assert pmid is not None
    (small_site / "content" / "summaries").mkdir()
    (small_site / "content" / "summaries" / "one.md").write_text(
        f"---\npmid: {pmid.group(1)}\nby: A reader\ndate: 2024-02-13\n---\nWorth reading.\n", encoding="utf-8")
    summarised = build(small_site, out)
    assert 0 < summarised.rendered < summarised.pages and "Worth reading." in "".join(
        path.read_text(encoding="utf-8") for path in (out / "articles").glob("*.html"))
    assert {name: (out / name).stat().st_ino for name in lists} == before and not set(lists) & set(given)
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)
    record.write_text(re.sub(r"^(title .*)$", r"\1, revised", record.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    given.clear()
    build(small_site, out)
    assert all((out / name).stat().st_ino != before[name] for name in lists) and set(lists) <= set(given)
    assert published(out) == published(build(small_site, tmp_path / "clean", clean=True).output)
