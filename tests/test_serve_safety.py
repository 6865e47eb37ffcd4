"""The preview server on the wire: livereload's WebSocket reloads open pages, it listens on this computer only
unless told otherwise, refuses paths that climb out of the site however they are spelled, answers HEAD and byte
ranges, and keeps answering 200 requests made at once (a bounded load test over loopback).

Each test runs ``site-builder serve`` in a child process on a free port against a small copy of the demo site.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from e2e.serving import SEED_PAGE, copy_site, retitle, serving, wait_for
from tornado.websocket import websocket_connect

CONCURRENT = 200
LOAD_SECONDS = 60


def request(url: str, path: str, method: str = "GET", headers: dict[str, str] | None = None,
            timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request sent with ``path`` exactly as given (nothing re-encoded)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    site = copy_site(tmp_path_factory.mktemp("served") / "site", base_url="https://example.github.io/repo/")
    with serving(site) as running:
        yield running


def test_it_listens_on_loopback_only_by_default(server) -> None:
    assert urlsplit(server.url).hostname == "127.0.0.1"
    port = urlsplit(server.url).port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only asks which address would be used
            outward = probe.getsockname()[0]
        except OSError:
            outward = ""
    if not outward or outward.startswith("127."):
        pytest.skip("this machine has no address besides loopback")
    with pytest.raises(OSError), socket.create_connection((outward, port), timeout=5):
        pass


@pytest.mark.parametrize("path", ["/repo/%2e%2e/%2e%2e/etc/passwd", "/repo/..%2f..%2fetc%2fpasswd",
                                  "/repo/articles%2f..%2f..%2fsite.toml", "/repo/%2E%2E/site/site.toml",
                                  "/repo/articles/..%5c..%5csite.toml", "/../../etc/passwd",
                                  "/repo/.site-builder-manifest", "/repo/%252e%252e/site.toml"])
def test_climbing_paths_are_refused_however_spelled(server, path: str) -> None:
    status, _, body = request(server.url, path)
    assert status == 404, path
    assert b"root:" not in body and b"base_url" not in body


def test_an_encoded_slash_is_not_a_slash(server) -> None:
    page = "/repo/" + SEED_PAGE
    assert request(server.url, page)[0] == 200
    assert request(server.url, page.replace("articles/", "articles%2f"))[0] == 404


def test_head_gives_the_headers_of_get_without_the_body(server) -> None:
    page = "/repo/" + SEED_PAGE
    got = request(server.url, page)
    head = request(server.url, page, method="HEAD")
    assert head[0] == got[0] == 200 and head[2] == b""
    assert head[1]["Content-Length"] == got[1]["Content-Length"] == str(len(got[2]))
    assert head[1]["Content-Type"] == got[1]["Content-Type"] == "text/html; charset=utf-8"


def test_a_byte_range_is_answered_with_that_range(server) -> None:
    whole = request(server.url, "/repo/static/style.css")[2]
    status, headers, body = request(server.url, "/repo/static/style.css", headers={"Range": "bytes=10-29"})
    assert status == 206 and body == whole[10:30]
    assert headers["Content-Range"] == f"bytes 10-29/{len(whole)}" and headers["Content-Length"] == "20"
    status, headers, _ = request(server.url, "/repo/static/style.css", headers={"Range": f"bytes={len(whole)}-"})
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(whole)}"


def test_it_keeps_serving_under_200_requests_at_once(server) -> None:
    """200 clients connect at the same moment, each asking for one of a few pages; every answer is whole and
    right, within a minute, and the server answers as before afterwards."""
    pages = ["/repo/", "/repo/" + SEED_PAGE, "/repo/authors/index.html", "/repo/static/style.css",
             "/repo/feed.xml", "/repo/no-such-page.html"]
    expected = {p: request(server.url, p) for p in pages}
    start = threading.Barrier(CONCURRENT, timeout=30)

    def client(n: int) -> tuple[str, int, bytes]:
        path = pages[n % len(pages)]
        start.wait()
        status, _, body = request(server.url, path, timeout=LOAD_SECONDS)
        return path, status, body

    began = time.monotonic()
    with ThreadPoolExecutor(CONCURRENT) as pool:
        answers = list(pool.map(client, range(CONCURRENT)))
    took = time.monotonic() - began
    assert took < LOAD_SECONDS
    wrong = [(p, s) for p, s, body in answers if (s, body) != (expected[p][0], expected[p][2])]
    assert not wrong, wrong[:5]
    assert request(server.url, "/repo/")[0] == 200


async def _reload_message(ws_url: str, page_url: str, edit, timeout: float) -> dict:
    """Speak livereload's protocol as livereload.js does (hello, then info), edit, and return the next command."""
    connection = await websocket_connect(ws_url)
    try:
        await connection.write_message(json.dumps({"command": "hello",
                                                   "protocols": ["http://livereload.com/protocols/official-7"]}))
        hello = json.loads(await connection.read_message())
        assert hello["command"] == "hello"
        await connection.write_message(json.dumps({"command": "info", "url": page_url, "plugins": {}}))
        await asyncio.sleep(0.3)
        edit()
        return json.loads(await asyncio.wait_for(connection.read_message(), timeout))
    finally:
        connection.close()


def test_an_open_page_is_told_to_reload_after_an_edit(tmp_path: Path) -> None:
    site = copy_site(tmp_path / "site")
    with serving(site) as running:
        root = running.url.split("/", 3)
        ws_url = f"ws://{root[2]}/livereload"
        message = asyncio.run(_reload_message(ws_url, running.url + SEED_PAGE,
                                              lambda: retitle(site, "Reloaded By livereload"), 30))
        assert message["command"] == "reload"
        wait_for(lambda: "Reloaded By livereload" in running.get(SEED_PAGE)[1], what="the new title")
        status, page = running.get(SEED_PAGE)
        assert status == 200 and '<script src="/livereload.js?port=' in page
        assert running.get("")[0] == 200 and request(running.url, "/livereload.js")[0] == 200
