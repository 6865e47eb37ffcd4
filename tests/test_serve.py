"""The preview server: answers as GitHub Pages would under the site's subpath, reloads pages, survives bad edits.

The end-to-end tests run ``site-builder serve`` in a child process on a free port against a copy of the demo
site, edit its files and read the pages back over HTTP, as a browser would.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from e2e.serving import SEED_PAGE, SEED_TITLE, copy_site, fetch, retitle, run_serve_cli, serving, wait_for

from site_builder.commands.preview import EVENTS_PATH, RELOAD_SCRIPT, Outcome, State, inject, respond
from site_builder.commands.serve import Buffers, snapshot, watch
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


def test_pages_are_served_under_the_base_path_with_the_reload_script(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    page = respond(outcome, "/repo/", "t-1")
    assert page.status == 200 and b"<h1>Home</h1>" in page.body
    assert f'<script src="{RELOAD_SCRIPT}" data-since="t-1"></script>'.encode() in page.body
    assert page.body.index(RELOAD_SCRIPT.encode()) < page.body.index(b"</body>")
    script = respond(outcome, RELOAD_SCRIPT, "t-1")  # a file, so that the page's CSP lets it run
    assert f'EventSource("{EVENTS_PATH}?since="'.encode() in script.body and "javascript" in script.content_type
    assert respond(outcome, "/repo/authors/x.html", "t").status == 200
    assert respond(outcome, "/repo/authors/x", "t").body.startswith(b"<html><body>X")  # as Pages does
    feed = respond(outcome, "/repo/feed.xml", "t")
    assert feed.body == b"<feed/>" and "xml" in feed.content_type


def test_paths_outside_the_base_path_redirect_or_point_to_it(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    assert respond(outcome, "/", "t").location == "/repo/"
    assert respond(outcome, "/repo", "t").location == "/repo/"
    other = respond(outcome, "/elsewhere/page.html", "t")
    assert other.status == 404 and b'href="/repo/"' in other.body


def test_a_folder_without_slash_redirects_and_a_missing_page_gets_404_html(built: Path) -> None:
    outcome = Outcome(built, "/repo/")
    assert respond(outcome, "/repo/authors", "t").location == "/repo/authors/"
    missing = respond(outcome, "/repo/deep/down/nothing.html", "t")
    assert missing.status == 404 and b"Not here" in missing.body and RELOAD_SCRIPT.encode() in missing.body


@pytest.mark.parametrize("path", ["/repo/.site-builder-manifest", "/repo/../a/index.html", "/repo/%2e%2e/x"])
def test_hidden_files_and_climbing_paths_are_not_served(built: Path, path: str) -> None:
    assert respond(Outcome(built, "/repo/"), unquote(path), "t").status == 404


def test_errors_of_the_last_build_are_shown_on_every_page_with_file_and_line(built: Path) -> None:
    outcome = Outcome(built, "/", ("templates/article.html:4: error: Expected an expression",), failed=True)
    body = respond(outcome, "/authors/x.html", "t").body.decode()
    assert 'id="site-builder-errors"' in body
    assert "templates/article.html:4: error: Expected an expression" in body
    assert "last good build" in body


def test_before_any_good_build_every_page_is_the_error_page() -> None:
    outcome = Outcome(None, "/", ("site.toml: unknown key 'titel'; did you mean 'title'?",), failed=True)
    page = respond(outcome, "/anything.html", "t")
    assert page.status == 503
    assert b"site.toml: unknown key &#x27;titel&#x27;" in page.body and RELOAD_SCRIPT.encode() in page.body


def test_injection_escapes_error_text_and_works_without_a_body_tag() -> None:
    outcome = Outcome(Path("."), "/", ("content/x.txt:3: error: <script>alert(1)</script>",))
    page = inject(b"<p>bare", outcome, "t")
    assert page.startswith(b"<p>bare") and b"<script>alert(1)" not in page and b"&lt;script&gt;" in page


def test_a_page_reloads_once_the_outcome_changes() -> None:
    state = State()
    token = state.token
    assert not state.wait_past(token, 0.01)
    state.publish(Outcome())
    assert state.wait_past(token, 0.01)
    assert not state.wait_past(state.token, 0.01)


def test_builds_alternate_between_two_folders_and_a_crashed_one_is_cleared(tmp_path: Path) -> None:
    buffers = Buffers(tmp_path)
    first = buffers.spare()
    buffers.served = first
    second = buffers.spare()
    assert second != first
    second.mkdir()
    (second / "half-written.html").write_text("x")  # no manifest: a build died there
    assert buffers.spare() == second and not second.exists()


def test_a_burst_of_changes_is_one_rebuild(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    changes = watch(site, poll=0.05, quiet=0.5)

    def burst() -> None:
        for n in range(5):
            (site / "content" / f"r{n}.txt").write_text("x")
            time.sleep(0.04)
    threading.Timer(0.1, burst).start()
    started = time.monotonic()
    next(changes)
    assert time.monotonic() - started >= 0.5 + 0.2  # waited for the burst to end, then for quiet
    assert len([k for k in snapshot(site) if k.startswith(str(site)) and k.endswith(".txt")]) == 5


def test_hidden_and_backup_files_do_not_count_as_changes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    before = snapshot(site)
    (site / "content" / ".record.txt.swp").write_text("x")
    (site / "content" / "record.txt~").write_text("x")
    assert snapshot(site) == before
    (site / "site.toml").write_text('title = "x"\n')
    assert snapshot(site) != before


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
