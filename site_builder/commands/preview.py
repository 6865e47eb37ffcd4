"""The preview server's HTTP side: the served build answered as GitHub Pages would (under the base path, a
folder's index.html, "x" for "x.html", 404.html for what is missing, hidden files never), a Server-Sent Events
stream that tells each page when to reload, and the last build's errors shown on every page.

Only pages served here get the script and the panel: the built files stay as they are published. Both are
files of the preview (``/__site-builder__/…``), not inline, so that the page's Content-Security-Policy, which
allows only the site's own scripts and styles, lets them work.
"""

from __future__ import annotations

import contextlib
import html
import mimetypes
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

EVENTS_PATH = "/__site-builder__/events"
RELOAD_SCRIPT = "/__site-builder__/reload.js"
PANEL_CSS = "/__site-builder__/preview.css"
KEEPALIVE_SECONDS = 15
SHOWN_ERRORS = 30


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


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive after Ctrl-C

    def __init__(self, address: tuple[str, int], state: State) -> None:
        self.state = state
        super().__init__(address, Handler)


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
    if path in _PREVIEW_FILES:
        return Response(200, *_PREVIEW_FILES[path])
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
    return f'<script src="{RELOAD_SCRIPT}" data-since="{html.escape(token)}"></script>\n'


_RELOAD_JS = f"""(function () {{
  var since = document.currentScript.dataset.since;
  var events = new EventSource("{EVENTS_PATH}?since=" + encodeURIComponent(since));
  events.addEventListener("reload", function () {{ events.close(); location.reload(); }});
}})();
"""

_PANEL_STYLE = """#site-builder-errors { position: fixed; left: 0; right: 0; bottom: 0; max-height: 45vh;
  overflow: auto; margin: 0; padding: .75em 1em; background: #fff4f4; color: #5c0000; border-top: 3px solid #b00;
  font: 14px/1.45 ui-monospace, monospace; z-index: 2147483647; }
#site-builder-errors pre { white-space: pre-wrap; margin: .5em 0 0; }
"""

_PREVIEW_FILES = {RELOAD_SCRIPT: (_RELOAD_JS.encode(), "text/javascript; charset=utf-8"),
                  PANEL_CSS: (_PANEL_STYLE.encode(), "text/css; charset=utf-8")}


def _error_panel(outcome: Outcome) -> str:
    if not outcome.errors:
        return ""
    title = ("The last build failed; this is the last good build." if outcome.failed
             else f"The last build reported {len(outcome.errors)} error(s).")
    shown = "\n".join(html.escape(e) for e in outcome.errors[:SHOWN_ERRORS])
    more = f"\n… and {len(outcome.errors) - SHOWN_ERRORS} more (see the terminal)" if len(
        outcome.errors) > SHOWN_ERRORS else ""
    return (f'<link rel="stylesheet" href="{PANEL_CSS}">\n<div id="site-builder-errors" role="alert">'
            f"<strong>{html.escape(title)}</strong><pre>{shown}{more}</pre></div>\n")


def _error_page(outcome: Outcome, token: str) -> bytes:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · site-builder"
            "</title></head><body><h1>The site could not be built</h1>"
            "<p>Fix the problem below and save: this page reloads by itself.</p></body></html>")
    return inject(page.encode(), outcome, token)
