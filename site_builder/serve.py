"""The preview server: build, serve on 127.0.0.1 under the subpath the site will have on GitHub Pages, rebuild
when a source changes, and reload the open pages.

Why not the livereload package: it serves a folder at "/" only (no subpath), has no place for an error page,
and reloads per changed file; MkDocs dropped it for its own stdlib server after the rebuild storms of
mkdocs/mkdocs#2061 (mkdocs/mkdocs#2385). Here a ThreadingHTTPServer serves the files and a Server-Sent Events
stream tells each page when to reload: a few lines of script injected only into served pages, no dependency,
and EventSource reconnects by itself when the server restarts.

Never a half-written site: builds alternate between two folders, and the server switches to a folder only after
a build of it wrote every page. The folder being rebuilt is never the one served, and it holds the build before
last, so unchanged files are skipped there as in any build. A failed build leaves the last good one served, with
its errors (file and line) shown on every page and in the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import html
import mimetypes
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from . import theme
from .build import build
from .config import CONFIG_FILE, load_config
from .diagnostics import Level, UserError
from .write import MANIFEST

EVENTS_PATH = "/__site-builder__/events"
POLL_SECONDS = 0.3
QUIET_SECONDS = 0.3
"""A burst of changes (a save that writes several files, a git checkout) becomes one build once the files have
been still this long."""
KEEPALIVE_SECONDS = 15
SHOWN_ERRORS = 30
WATCHED = ("content", "templates", "static", CONFIG_FILE)

Log = Callable[[str], None]


@dataclass(frozen=True)
class Outcome:
    """What the server shows: the last good build and the problems of the last attempt."""

    folder: Path | None = None
    """The folder served; None until a build succeeds."""
    base_path: str = "/"
    errors: tuple[str, ...] = ()
    """Error diagnostics of the last attempt, "file:line: error: message" each."""
    failed: bool = False
    """True when the last attempt did not replace the served build."""


@dataclass
class State:
    """Shared by the build loop, which publishes outcomes, and the request threads, which read them."""

    outcome: Outcome = field(default_factory=Outcome)
    version: int = 0
    boot: str = field(default_factory=lambda: secrets.token_hex(4))
    stopping: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def token(self) -> str:
        """Names one outcome of one server run: a page built under another token should reload."""
        return f"{self.boot}-{self.version}"

    def publish(self, outcome: Outcome) -> None:
        with self.changed:
            self.outcome, self.version = outcome, self.version + 1
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def wait_past(self, token: str, timeout: float) -> bool:
        """Wait until the outcome is not the one ``token`` names; True when it is not (reload), False on time-out."""
        with self.changed:
            self.changed.wait_for(lambda: self.token != token or self.stopping, timeout)
            return self.token != token


def serve(site_dir: Path, *, host: str = "127.0.0.1", port: int = 8000, base_url: str | None = None,
          log: Log | None = None) -> int:
    """Build, serve and rebuild on changes until Ctrl-C; returns the exit status (0)."""
    say = log or _stderr
    state = State()
    server = open_server(host, port, state)
    local_url = f"http://{_url_host(host)}:{server.server_port}/"
    with tempfile.TemporaryDirectory(prefix="site-builder-serve-") as tmp, server, _sigterm_as_interrupt():
        buffers = Buffers(Path(tmp))
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
        try:
            rebuild(site_dir, buffers, state, base_url, local_url, say)
            say(f"Serving {site_dir.resolve()} at {local_url.rstrip('/')}{state.outcome.base_path} "
                "(Ctrl-C to stop)")
            for _ in watch(site_dir):
                rebuild(site_dir, buffers, state, base_url, local_url, say)
        except KeyboardInterrupt:
            say("Stopped.")
        finally:
            state.stop()
            server.shutdown()
    return 0


def open_server(host: str, port: int, state: State) -> PreviewServer:
    try:
        return PreviewServer((host, port), state)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise UserError(f"port {port} on {host} is already in use (is another server running?): stop it, or "
                            f"choose another port with --port {port + 1}") from err
        raise UserError(f"cannot serve on {host}:{port}: {err.strerror or err}") from err


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive after Ctrl-C

    def __init__(self, address: tuple[str, int], state: State) -> None:
        self.state = state
        super().__init__(address, Handler)


class Buffers:
    """Two build folders used in turn: one is served while the other is rebuilt."""

    def __init__(self, root: Path) -> None:
        self.folders = (root / "a", root / "b")
        self.served: Path | None = None

    def spare(self) -> Path:
        folder = self.folders[1] if self.served == self.folders[0] else self.folders[0]
        if folder.exists() and not (folder / MANIFEST).is_file():
            shutil.rmtree(folder)  # a build that crashed before its manifest: start that folder afresh
        return folder


@dataclass(frozen=True)
class Attempt:
    complete: bool
    """Every page written: the folder may be served."""
    base_path: str
    errors: tuple[str, ...]
    terminal: tuple[str, ...]
    """What the terminal shows: every diagnostic, then one summary line."""


def rebuild(site_dir: Path, buffers: Buffers, state: State, base_url: str | None, local_url: str, say: Log) -> None:
    folder = buffers.spare()
    attempt = attempt_build(site_dir, folder, base_url, local_url)
    if attempt.complete:
        buffers.served = folder
    before = state.outcome
    base_path = attempt.base_path if attempt.complete else before.base_path
    state.publish(Outcome(buffers.served, base_path, attempt.errors, not attempt.complete))
    for line in attempt.terminal:
        say(line)
    if before.folder is not None and base_path != before.base_path:
        say(f"The base URL changed: now serving at {local_url.rstrip('/')}{base_path}")


def attempt_build(site_dir: Path, folder: Path, base_url: str | None, local_url: str) -> Attempt:
    """One build into ``folder``; every failure becomes a message, so the loop that calls it survives."""
    try:
        config = load_config(site_dir, base_url=base_url)
        # Without a public address the preview is built for its own: 404.html then links from the server root.
        result = build(site_dir, folder, base_url=config.base_url or local_url)
    except UserError as err:
        return Attempt(False, "/", (str(err),), (f"Build failed: {err}", "Still serving the last good build."))
    except Exception as err:  # a bug: show it, keep serving, and print the traceback for a bug report
        message = f"internal error: {type(err).__name__}: {err}"
        return Attempt(False, "/", (message,), (traceback.format_exc().rstrip(), f"Build failed: {message}"))
    diagnostics = result.report.diagnostics
    errors = tuple(str(d) for d in diagnostics if d.level is Level.ERROR)
    counts = f"{result.report.warnings} warning(s), {result.report.errors} error(s)"
    if result.unwritten:
        summary = (f"Build failed: {result.unwritten:,} page(s) could not be rendered ({counts}). "
                   "Still serving the last good build.")
    else:
        summary = f"Built {result.pages:,} pages in {result.seconds:.2f} s; {counts}."
    return Attempt(result.unwritten == 0, result.config.base_path or "/", errors,
                   (*(str(d) for d in diagnostics[:50]), summary))


def watch(site_dir: Path, poll: float = POLL_SECONDS, quiet: float = QUIET_SECONDS) -> Iterator[None]:
    """Yield once per burst of changes to the site's sources: after a change, once files have been still for
    ``quiet`` seconds. Polling, because it needs no dependency and works on every file system."""
    seen = snapshot(site_dir)
    while True:
        time.sleep(poll)
        now = snapshot(site_dir)
        if now == seen:
            continue
        while True:
            time.sleep(quiet)
            later = snapshot(site_dir)
            if later == now:
                break
            now = later
        seen = now
        yield


def snapshot(site_dir: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every watched file: the site's sources and config, and the default theme."""
    roots = [site_dir / name for name in WATCHED] + [theme.default_dir("templates"), theme.default_dir("static")]
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        if root.is_file():
            info = root.stat()
            found[str(root)] = (info.st_mtime_ns, info.st_size)
        elif root.is_dir():
            _scan(str(root), found)
    return found


def _scan(folder: str, found: dict[str, tuple[int, int]]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return  # removed while being scanned: the next snapshot sees it gone
    for entry in entries:
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue  # editors' swap and backup files; the build ignores hidden files too
        try:
            if entry.is_dir():
                _scan(entry.path, found)
            else:
                info = entry.stat()
                found[entry.path] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str = ""


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._answer(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(with_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # one line per request would bury the build messages

    def _answer(self, with_body: bool) -> None:
        parts = urlsplit(self.path)
        state = self.server.state
        if parts.path == EVENTS_PATH:
            self._events(parse_qs(parts.query).get("since", [""])[0])
            return
        response = respond(state.outcome, unquote(parts.path), state.token)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")  # a reload must show the new build
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def _events(self, since: str) -> None:
        """A Server-Sent Events stream that sends "reload" once the outcome differs from the page's own."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.server.state
        with contextlib.suppress(OSError):  # the page went away
            while not state.stopping:
                if state.wait_past(since, KEEPALIVE_SECONDS):
                    self.wfile.write(b"event: reload\ndata: now\n\n")
                    self.wfile.flush()
                    return
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()


def respond(outcome: Outcome, path: str, token: str) -> Response:
    """The answer to GET ``path``, as GitHub Pages would give it from the served folder, plus the reload script
    (and the last build's errors) in every HTML page."""
    if outcome.folder is None:
        return Response(503, _error_page(outcome, token))
    base = outcome.base_path
    if not path.startswith(base):
        if base.startswith(path.rstrip("/") + "/"):
            return Response(302, location=base)
        note = f"<p>This preview serves the site at <a href=\"{base}\">{base}</a>.</p>"
        return Response(404, f"<!DOCTYPE html><title>Not found</title>{note}".encode())
    target, redirect = _locate(outcome.folder, path[len(base):])
    if redirect:
        return Response(301, location=path + "/")
    status = 200
    if target is None:
        status, target = 404, outcome.folder / "404.html"
        if not target.is_file():
            return Response(404, inject(b"<!DOCTYPE html><title>Not found</title>", outcome, token))
    body = target.read_bytes()
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind == "text/html":
        body = inject(body, outcome, token)
    if kind.startswith("text/") or kind.endswith(("xml", "json")):
        kind += "; charset=utf-8"
    return Response(status, body, kind)


def _locate(folder: Path, rel: str) -> tuple[Path | None, bool]:
    """(file to send, or None for 404; whether to redirect to the folder's "/" form), as GitHub Pages does."""
    names = [n for n in rel.split("/") if n]
    if any(n.startswith(".") for n in names):
        return None, False  # bookkeeping files, and never "..": Pages leaves hidden files out
    target = folder.joinpath(*names)
    if target.is_dir():
        if rel and not rel.endswith("/"):
            return None, True
        target = target / "index.html"
    elif not target.is_file() and target.with_name(target.name + ".html").is_file():
        target = target.with_name(target.name + ".html")  # Pages serves authors/x.html at authors/x too
    return (target if target.is_file() else None), False


def inject(page: bytes, outcome: Outcome, token: str) -> bytes:
    """The page with the reload script, and the errors of the last build when it had any, before </body>."""
    snippet = (_error_panel(outcome) + _reload_script(token)).encode()
    end = page.lower().rfind(b"</body>")
    return page[:end] + snippet + page[end:] if end >= 0 else page + snippet


def _reload_script(token: str) -> str:
    return ("<script>(function () {\n"
            f"  var events = new EventSource(\"{EVENTS_PATH}?since={token}\");\n"
            "  events.addEventListener(\"reload\", function () { events.close(); location.reload(); });\n"
            "})();</script>\n")


def _error_panel(outcome: Outcome) -> str:
    if not outcome.errors:
        return ""
    title = ("The last build failed; this is the last good build." if outcome.failed
             else f"The last build reported {len(outcome.errors)} error(s).")
    shown = "\n".join(html.escape(e) for e in outcome.errors[:SHOWN_ERRORS])
    more = f"\n… and {len(outcome.errors) - SHOWN_ERRORS} more (see the terminal)" if len(
        outcome.errors) > SHOWN_ERRORS else ""
    return ('<div id="site-builder-errors" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
            "max-height:45vh;overflow:auto;margin:0;padding:.75em 1em;background:#fff4f4;color:#5c0000;"
            'border-top:3px solid #b00;font:14px/1.45 ui-monospace,monospace;z-index:2147483647">'
            f'<strong>{html.escape(title)}</strong><pre style="white-space:pre-wrap;margin:.5em 0 0">'
            f"{shown}{more}</pre></div>\n")


def _error_page(outcome: Outcome, token: str) -> bytes:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · site-builder"
            "</title></head><body><h1>The site could not be built</h1>"
            "<p>Fix the problem below and save: this page reloads by itself.</p></body></html>")
    return inject(page.encode(), outcome, token)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A terminate signal stops the server the way Ctrl-C does (clean exit, temporary folders removed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
