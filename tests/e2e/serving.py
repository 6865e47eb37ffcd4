"""Helpers for tests that run real servers: ``site-builder serve`` in a child process, and a plain static server
that answers like GitHub Pages (the site under /<repo>/, a missing file answered by the site's 404.html).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_RECORD = "000_9bf5f723bdeec259.txt"
SEED_PAGE = "articles/pubmed-8699378.html"
SEED_TITLE = ("Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology to Nuclear "
              "Medicine Procedures")
REPO_NAME = "demo-repo"
BASE_URL = f"https://example.github.io/{REPO_NAME}/"


def copy_site(dest: Path, base_url: str = "", records: int = 8) -> Path:
    """A copy of the demo site to edit: its pages, the seed record and ``records`` others (a small site builds
    in a fraction of a second; summaries are left out, as they name records that may not be there), with a
    site.toml naming ``base_url`` when given."""
    shutil.copytree(REPO / "content", dest / "content", ignore=shutil.ignore_patterns("records", "summaries"))
    folder = dest / "content" / "records"
    folder.mkdir()
    sources = sorted((REPO / "content" / "records").iterdir())
    chosen = [s for s in sources if s.name == SEED_RECORD] + [s for s in sources if s.name != SEED_RECORD][:records]
    for source in chosen:
        shutil.copy2(source, folder / source.name)
    if base_url:
        (dest / "site.toml").write_text(f'base_url = "{base_url}"\n', encoding="utf-8")
    return dest


def retitle(site: Path, new_title: str, old_title: str = SEED_TITLE) -> None:
    """Give the seed record a new title (every field that carries it) in place of ``old_title``."""
    record = site / "content" / "records" / SEED_RECORD
    text = record.read_text(encoding="utf-8")
    assert old_title in text
    record.write_text(text.replace(old_title, new_title), encoding="utf-8")


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of a GET; error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def wait_for(check: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


class ServeProcess:
    """``python -m site_builder serve --port 0`` on a site; ``url`` is the address it prints (with the subpath)."""

    def __init__(self, site: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder", "serve", "--source", str(site), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        wait_for(lambda: self.url or self.process.poll() is not None, 60, "the server to start")
        assert self.url, "serve did not start:\n" + self.output

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    @property
    def url(self) -> str:
        found = re.search(r"Serving .* at (http://\S+)", self.output)
        return found.group(1) if found else ""

    def get(self, rel: str = "") -> tuple[int, str]:
        return fetch(self.url + rel)

    def stop(self) -> int:
        """Ctrl-C, as a user would; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(5)
        return self.process.returncode


@contextlib.contextmanager
def serving(site: Path, *args: str) -> Iterator[ServeProcess]:
    server = ServeProcess(site, *args)
    try:
        yield server
    finally:
        server.stop()


class PagesHandler(SimpleHTTPRequestHandler):
    """http.server's file handler, answering a missing file with the site's own 404.html as GitHub Pages does."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / REPO_NAME / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Serve ``root`` (which holds <REPO_NAME>/, the built site) on 127.0.0.1; yields "http://127.0.0.1:N"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PagesHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def run_serve_cli(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``serve`` run to completion (for the cases where it refuses to start)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "site_builder", "serve", "--source", str(site), *args],
                          capture_output=True, text=True, env=env, timeout=60)


AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__.js"


def axe_violations(page) -> list[list[object]]:  # noqa: ANN001 - a Playwright Page
    """axe-core's violations on ``page`` (loaded into it by add_axe), each as [rule id, [node selector, …]]."""
    add_axe(page)
    found: list[list[object]] = page.evaluate("async () => (await axe.run(document)).violations"
                                              ".map(v => [v.id, v.nodes.map(n => n.target.join(' '))])")
    return found


def add_axe(page) -> None:  # noqa: ANN001 - a Playwright Page
    """Load axe-core into a served page as a script of the page's own origin, the only kind its
    Content-Security-Policy lets run: the browser asks the page's server, Playwright answers from node_modules."""
    page.route(f"**{AXE_PATH}", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=page.evaluate("location.origin") + AXE_PATH)
