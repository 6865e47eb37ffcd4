"""The preview server: answers as GitHub Pages would under the site's subpath, reloads pages, survives bad edits.

The end-to-end tests run ``site-builder serve`` in a child process on a free port against a copy of the demo
site, edit its files and read the pages back over HTTP, as a browser would.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from e2e.serving import SEED_PAGE, SEED_TITLE, copy_site, fetch, retitle, run_serve_cli, serving, wait_for

from site_builder.commands.preview import PANEL_CSS, Outcome, PreviewApp, Request, Response, State, inject, respond
from site_builder.commands.serve import Buffers
from site_builder.commands.watch import changes
from site_builder.output.write import MANIFEST

REPO = Path(__file__).resolve().parents[1]
DUMPS = REPO / "tests" / "data" / "catalogue-dump"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A tiny built site: home, a nested page, a 404 page, a bookkeeping file."""
    folder = tmp_path / "a"
    (folder / "authors").mkdir(parents=True)
    (folder / "index.html").write_text("<html><body><h1>Home</h1></body></html>")
    (folder / "authors" / "index.html").write_text("<html><body>Authors</body></html>")
    (folder / "authors" / "x.html").write_text("<html><body>X</body></html>")
    (folder / "404.html").write_text("<html><body>Not here</body></html>")
    (folder / "feed.xml").write_text("<feed/>")
    (folder / MANIFEST).write_text("index.html\n")
    return folder


def get(outcome: Outcome, path: str, **headers: str) -> Response:
    return respond(outcome, Request(path, port="8000", **headers))


def test_pages_are_served_under_the_base_path_with_the_reload_script(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    page = get(outcome, "/repo/")
    assert page.status == 200 and b"<h1>Home</h1>" in page.body
    assert b'<script src="/livereload.js?port=8000"></script>' in page.body
    assert page.body.index(b"livereload.js") < page.body.index(b"</body>")
    assert get(outcome, "/repo/authors/x.html").status == 200
    assert get(outcome, "/repo/authors/x").body.startswith(b"<html><body>X")  # as Pages does
    feed = get(outcome, "/repo/feed.xml")
    assert feed.body == b"<feed/>" and "xml" in feed.content_type


def test_paths_outside_the_base_path_redirect_or_point_to_it(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    assert get(outcome, "/").location == "/repo/"
    assert get(outcome, "/repo").location == "/repo/"
    other = get(outcome, "/elsewhere/page.html")
    assert other.status == 404 and b'href="/repo/"' in other.body


def test_a_folder_without_slash_redirects_and_a_missing_page_gets_404_html(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    assert get(outcome, "/repo/authors").location == "/repo/authors/"
    missing = get(outcome, "/repo/deep/down/nothing.html")
    assert missing.status == 404 and b"Not here" in missing.body and b"livereload.js" in missing.body


@pytest.mark.parametrize("path", ["/repo/.site-builder-manifest", "/repo/../a/index.html", "/repo/%2e%2e/a/index.html",
                                  "/repo/%2E%2E/a/index.html", "/repo/authors%2fx.html", "/repo/authors%2Fx.html",
                                  "/repo/authors%5cx.html", "/repo/authors/./x.html", "/repo/x%00.html",
                                  "/repo/%ff.html", "/repo/authors/..%2f..%2fa/index.html"])
def test_hidden_files_and_climbing_paths_are_not_served(built: Path, path: str) -> None:
    assert get(Outcome(built, "/repo/"), path).status == 404


def test_a_symlink_out_of_the_served_folder_is_not_followed(built: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>private</p>")
    (built / "leak.html").symlink_to(secret)
    (built / "leaks").symlink_to(tmp_path)
    outcome = Outcome(built, "/")
    for path in ("/leak.html", "/leak", "/leaks/secret.html"):
        answer = get(outcome, path)
        assert answer.status == 404 and b"private" not in answer.body, path
    (built / "inside.html").symlink_to(built / "404.html")  # a link that stays inside is a file like any other
    assert get(outcome, "/inside.html").status == 200


def test_byte_ranges_are_answered_as_rfc_9110_says(built: Path) -> None:
    outcome = Outcome(built, "/")
    whole = get(outcome, "/feed.xml")
    assert whole.status == 200 and ("Accept-Ranges", "bytes") in whole.headers
    part = get(outcome, "/feed.xml", range="bytes=1-4")
    assert (part.status, part.body) == (206, b"feed") and ("Content-Range", "bytes 1-4/7") in part.headers
    assert get(outcome, "/feed.xml", range="bytes=3-").body == b"ed/>"
    assert get(outcome, "/feed.xml", range="bytes=-3").body == b"d/>"
    assert get(outcome, "/feed.xml", range="bytes=5-100").body == b"/>"  # a last byte past the end is the end
    unsatisfiable = get(outcome, "/feed.xml", range="bytes=7-")
    assert unsatisfiable.status == 416 and ("Content-Range", "bytes */7") in unsatisfiable.headers
    assert get(outcome, "/feed.xml", range="bytes=-0").status == 416
    for whole_again in ("bytes=0-1,3-4", "lines=1-2", "bytes=x-y"):  # several, another unit, malformed: all of it
        assert get(outcome, "/feed.xml", range=whole_again).status == 200
    assert get(outcome, "/feed.xml", range="bytes=1-4", if_range='"x"').status == 200  # no validator matches
    page = get(outcome, "/authors/x.html", range="bytes=0-5")  # a page's range is of the page as served
    assert page.status == 206 and page.body == b"<html>"


def test_other_methods_are_refused() -> None:
    answer = respond(Outcome(), Request("/", method="POST"))
    assert answer.status == 405 and ("Allow", "GET, HEAD") in answer.headers


def test_errors_of_the_last_build_are_shown_on_every_page_with_file_and_line(built: Path) -> None:
    outcome = Outcome(built, "/", ("templates/article.html:4: error: Expected an expression",), failed=True)
    body = get(outcome, "/authors/x.html").body.decode()
    assert 'id="site-builder-errors"' in body
    assert "templates/article.html:4: error: Expected an expression" in body
    assert "last good build" in body
    style = get(outcome, PANEL_CSS)  # a file, not inline styles: a strict Content-Security-Policy allows it
    assert style.status == 200 and "#site-builder-errors" in style.body.decode() and PANEL_CSS in body


def test_before_any_good_build_every_page_is_the_error_page() -> None:
    outcome = Outcome(None, "/", ("site.toml: unknown key 'titel'; did you mean 'title'?",), failed=True)
    page = get(outcome, "/anything.html")
    assert page.status == 503
    assert b"site.toml: unknown key &#x27;titel&#x27;" in page.body and b"livereload.js" in page.body


def test_injection_escapes_error_text_and_works_without_a_body_tag() -> None:
    outcome = Outcome(Path("."), "/", ("content/x.txt:3: error: <script>alert(1)</script>",))
    page = inject(b"<p>bare", outcome, "8000")
    assert page.startswith(b"<p>bare") and b"<script>alert(1)" not in page and b"&lt;script&gt;" in page


def test_publishing_an_outcome_reloads_the_pages() -> None:
    published: list[Outcome] = []
    state = State()
    state.on_publish = lambda: published.append(state.outcome)
    state.publish(Outcome(Path("x")))
    assert published == [Outcome(Path("x"))]


def test_the_wsgi_application_answers_head_with_the_length_of_get(built: Path) -> None:
    app = PreviewApp(State(Outcome(built, "/")))
    answers = {}
    for method in ("GET", "HEAD"):
        started: list[tuple[str, list[tuple[str, str]]]] = []
        body = b"".join(app({"REQUEST_METHOD": method, "PATH_INFO": "/authors/x.html", "SERVER_PORT": "8000"},
                            lambda status, headers, started=started: started.append((status, headers))))
        answers[method] = (started[0][0], dict(started[0][1]), body)
    assert answers["GET"][0] == answers["HEAD"][0] == "200 OK"
    assert answers["HEAD"][2] == b"" and answers["GET"][2].startswith(b"<html><body>X")
    assert answers["HEAD"][1]["Content-Length"] == answers["GET"][1]["Content-Length"] == str(len(answers["GET"][2]))


def test_builds_alternate_between_two_folders_and_a_crashed_one_is_cleared(tmp_path: Path) -> None:
    buffers = Buffers(tmp_path)
    first = buffers.spare()
    buffers.served = first
    second = buffers.spare()
    assert second != first
    second.mkdir()
    (second / "half-written.html").write_text("x")  # no manifest: a build died there
    assert buffers.spare() == second and not second.exists()


def _next_changes(site: Path, act: Callable[[], None], quiet: float = 0.3) -> tuple[set[str], float]:
    """The first burst of changes ``act`` (run once watching has begun) makes, and how long it took."""
    stop = threading.Event()
    found = changes(site, stop, quiet=quiet)
    threading.Timer(0.5, act).start()
    started = time.monotonic()
    try:
        return next(found), time.monotonic() - started
    finally:
        stop.set()


def test_a_burst_of_changes_is_one_rebuild(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)

    def burst() -> None:
        for n in range(5):
            (site / "content" / f"r{n}.txt").write_text("x")
            time.sleep(0.1)
    paths, waited = _next_changes(site, burst, quiet=0.5)
    assert waited >= 0.5 + 0.4 + 0.5  # waited for the burst to end, then for quiet
    assert {Path(p).name for p in paths} >= {f"r{n}.txt" for n in range(5)}


def test_hidden_and_backup_files_do_not_count_as_changes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)

    def edits() -> None:
        (site / "content" / ".record.txt.swp").write_text("x")
        (site / "content" / "record.txt~").write_text("x")
        (site / ".site-builder").mkdir()
        (site / "notes.md").write_text("x")  # beside the site's sources, not one of them
        time.sleep(0.5)
        (site / "site.toml").write_text('title = "x"\n')
    paths, _ = _next_changes(site, edits)
    assert {Path(p).name for p in paths} == {"site.toml"}


def test_a_change_made_as_soon_as_the_watch_says_it_is_in_place_is_seen(tmp_path: Path) -> None:
    """serve waits for this word before its first build: a record added right after "Serving" was sometimes
    missed, the watch not yet in place."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    stop, armed = threading.Event(), threading.Event()
    found = changes(site, stop, armed=armed)
    try:
        assert armed.wait(10)
        (site / "content" / "record.txt").write_text("x")
        assert "record.txt" in {Path(p).name for p in next(found)}
    finally:
        stop.set()


def test_a_source_folder_made_while_watching_is_watched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    stop = threading.Event()
    found = changes(site, stop)
    try:
        threading.Timer(0.5, lambda: (site / "templates").mkdir()).start()
        assert "templates" in {Path(p).name for p in next(found)}
        time.sleep(0.5)
        (site / "templates" / "article.html").write_text("x")
        assert "article.html" in {Path(p).name for p in next(found)}
    finally:
        stop.set()


def test_watching_lists_no_folder_while_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The operating system says what changed: a watch that rescanned the sources (as a polling one does, several
    times a second) would list their folders again and again."""
    site = tmp_path / "site"
    for n in range(30):
        (site / "content" / f"folder-{n}").mkdir(parents=True)
        (site / "content" / f"folder-{n}" / "r.txt").write_text("x")
    listed: list[str] = []
    real_scandir, real_listdir = os.scandir, os.listdir
    monkeypatch.setattr(os, "scandir", lambda path=".": listed.append(str(path)) or real_scandir(path))
    monkeypatch.setattr(os, "listdir", lambda path=".": listed.append(str(path)) or real_listdir(path))

    idle: list[str] = []

    def idle_then_edit() -> None:
        time.sleep(2.0)
        idle.extend(listed)
        (site / "content" / "folder-7" / "r.txt").write_text("y")
    paths, _ = _next_changes(site, idle_then_edit, quiet=0.3)
    assert {Path(p).name for p in paths} == {"r.txt"}  # the edit was seen
    assert idle == []


# End to end: the real command in a child process.

def _panel(page: str) -> str:
    """The error panel of a served page (for failure messages)."""
    return page[page.find('id="site-builder-errors"'):][:2000]


def test_serve_shows_an_edit_then_a_template_error_then_recovers(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with serving(site) as server:
        status, page = server.get(SEED_PAGE)
        assert status == 200 and SEED_TITLE in page, server.output

        retitle(site, "A Title Edited While Serving")
        wait_for(lambda: "A Title Edited While Serving" in server.get(SEED_PAGE)[1], what="the new title")

        (site / "templates").mkdir()
        (site / "templates" / "article.html").write_text(
            '{% extends "base.html" %}\n{% block main %}\n<h1>{{ article.title }}</h1>\n{% if %}\n{% endblock %}\n')
        wait_for(lambda: "templates/article.html:4" in server.get(SEED_PAGE)[1], what="the error panel")
        status, page = server.get(SEED_PAGE)
        assert status == 200 and "last good build" in _panel(page)
        assert "A Title Edited While Serving" in page  # the last good build, not a half-written one
        assert "templates/article.html:4" in server.output  # and the terminal says it too

        shutil.rmtree(site / "templates")
        wait_for(lambda: "site-builder-errors" not in server.get(SEED_PAGE)[1], what="the site to recover")
        assert "A Title Edited While Serving" in server.get(SEED_PAGE)[1]
    assert server.process.returncode == 0
    assert "Traceback" not in server.output and "Stopped." in server.output


def test_the_search_index_is_made_after_the_edited_pages_are_served(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with serving(site) as server:
        status, entry = server.get("pagefind/pagefind-entry.json")
        assert status == 200, server.output
        retitle(site, "A Title Edited While Serving")
        wait_for(lambda: server.output.count("Search index made in") == 2, what="the second index")
        assert "A Title Edited While Serving" in server.get(SEED_PAGE)[1]
        assert server.get("pagefind/pagefind-entry.json") != (200, entry)  # the index of the new pages
    built = [n for n, line in enumerate(server.lines) if line.startswith("Built ")]
    indexed = [n for n, line in enumerate(server.lines) if line.startswith("Search index made in")]
    assert len(built) == len(indexed) == 2 and built[0] < indexed[0] < built[1] < indexed[1], server.output


def test_an_edit_made_while_the_index_is_made_is_built_at_once(tmp_path: Path, monkeypatch) -> None:
    """The search index is made after the pages are served; an edit that comes meanwhile stops it, and its own
    build, which makes the index, follows at once instead of waiting for an index of pages already stale."""
    from pagefind.service import get_executable

    stuck = tmp_path / "stuck"  # while it exists, the indexer never answers
    indexer = tmp_path / "pagefind"
    indexer.write_text(f'#!/bin/sh\nif [ -f "{stuck}" ]; then exec sleep 120; fi\nexec "{get_executable()}" "$@"\n',
                       encoding="utf-8")
    indexer.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(indexer))
    site = copy_site(tmp_path / "site")
    with serving(site) as server:
        wait_for(lambda: server.output.count("Search index made in") == 1, what="the first index")
        retitle(site, "A Title Edited Once")  # the second folder's first build, indexed before it is served
        wait_for(lambda: server.output.count("Search index made in") == 2, what="the second folder's index")
        stuck.touch()
        retitle(site, "A Title Edited While Serving", "A Title Edited Once")
        wait_for(lambda: "A Title Edited While Serving" in server.get(SEED_PAGE)[1], what="the new title")
        time.sleep(1)  # the index of that build is under way, and stuck
        stuck.unlink()
        retitle(site, "Edited Again While Indexing", "A Title Edited While Serving")
        wait_for(lambda: "Edited Again While Indexing" in server.get(SEED_PAGE)[1], what="the second edit")
        wait_for(lambda: server.output.count("Search index made in") == 3, what="the index of the last edit")
    assert server.output.count("Search index left to the next build") == 1, server.output
    assert "Traceback" not in server.output


def test_a_malformed_record_is_shown_in_the_page_and_the_rest_is_served(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with serving(site) as server:
        shutil.copy(DUMPS / "malformed-last.txt", site / "content" / "records" / "malformed-last.txt")
        wait_for(lambda: "malformed-last.txt" in server.get("")[1], what="the error panel")
        status, page = server.get("")
        assert status == 200 and "content/records/malformed-last.txt:97: error:" in _panel(page)
        assert server.get(SEED_PAGE)[0] == 200


def test_serve_uses_the_base_url_subpath(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site", base_url="https://someone.github.io/reviews/")
    with serving(site) as server:
        assert server.url.endswith("/reviews/")
        root = server.url.removesuffix("reviews/")
        assert server.get(SEED_PAGE)[0] == 200
        assert fetch(root + "reviews/" + SEED_PAGE)[0] == 200
        assert fetch(root + SEED_PAGE)[0] == 404


def test_a_port_in_use_is_a_clear_message(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = run_serve_cli(site, "--port", str(port))
    assert run.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in run.stderr and "--port" in run.stderr
    assert "Traceback" not in run.stderr
