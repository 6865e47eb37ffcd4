"""The preview's WSGI application: the served build answered as GitHub Pages would (under the base path, a
folder's index.html, "x" for "x.html", 404.html for what is missing, hidden files never), with HEAD and byte
ranges, nothing outside the served folder, and on every page the reload script and the last build's errors.

Only pages served here get the script and the panel: the built files stay as they are published. The script
is livereload's own (``/livereload.js``, served by livereload's server beside this application), loaded from a
file and styled by one, so that a page's Content-Security-Policy allowing only the site's own files lets it run.
"""

from __future__ import annotations

import html
import mimetypes
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

PREVIEW_PREFIX = "/__site-builder__/"
"""Files of the preview itself (the error panel's style), never part of a site."""
PANEL_CSS = PREVIEW_PREFIX + "preview.css"
SHOWN_ERRORS = 30
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c|00)", re.IGNORECASE)
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


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
    """Shared by the build loop, which publishes outcomes, and the request threads, which read them; each
    publication then calls ``on_publish`` (the server reloads open pages)."""

    outcome: Outcome = field(default_factory=Outcome)
    on_publish: Callable[[], None] = lambda: None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, outcome: Outcome) -> None:
        with self._lock:
            self.outcome = outcome
        self.on_publish()


@dataclass(frozen=True)
class Request:
    path: str
    """As the client sent it: percent-encoded, without the query."""
    method: str = "GET"
    range: str = ""
    """The Range header, if any."""
    if_range: str = ""
    port: str = ""
    """The port the client reached the server on, for the reload script's address."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str = ""
    headers: tuple[tuple[str, str], ...] = ()


REASONS = {200: "OK", 206: "Partial Content", 301: "Moved Permanently", 302: "Found", 404: "Not Found",
           405: "Method Not Allowed", 416: "Range Not Satisfiable", 503: "Service Unavailable"}


class PreviewApp:
    """The WSGI application: ``state.outcome`` answered for each request, from any number of threads."""

    def __init__(self, state: State) -> None:
        self.state = state

    def __call__(self, environ: dict[str, object],
                 start_response: Callable[[str, list[tuple[str, str]]], object]) -> Iterable[bytes]:
        request = Request(_raw_path(environ), str(environ.get("REQUEST_METHOD", "GET")),
                          str(environ.get("HTTP_RANGE", "")), str(environ.get("HTTP_IF_RANGE", "")),
                          str(environ.get("SERVER_PORT", "")))
        response = respond(self.state.outcome, request)
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body))),
                   ("Cache-Control", "no-store"),  # a reload must show the new build
                   ("X-Content-Type-Options", "nosniff"), *response.headers]
        if response.location:
            headers.append(("Location", response.location))
        start_response(f"{response.status} {REASONS.get(response.status, 'OK')}", headers)
        return [b""] if request.method == "HEAD" else [response.body]


def _raw_path(environ: dict[str, object]) -> str:
    """The path as sent, still encoded (so an encoded slash can be told from a slash); from PATH_INFO, which
    WSGI gives decoded, when the server passes no raw form."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw:
        return urlsplit(raw).path
    return quote(str(environ.get("PATH_INFO", "")).encode("latin-1"), safe="/")


def respond(outcome: Outcome, request: Request) -> Response:
    """The answer to ``request``, as GitHub Pages would give it from the served folder, plus the reload script
    (and the last build's errors) in every HTML page."""
    if request.method not in ("GET", "HEAD"):
        return Response(405, b"", "text/plain; charset=utf-8", headers=(("Allow", "GET, HEAD"),))
    if request.path == PANEL_CSS:
        return Response(200, _PANEL_STYLE.encode(), "text/css; charset=utf-8")
    path = _decoded(request.path)
    if path is None:
        return _not_found(outcome, request)
    if outcome.folder is None:
        return Response(503, _error_page(outcome, request))
    base = outcome.base_path
    if not path.startswith(base):
        if base.startswith(path.rstrip("/") + "/"):
            return Response(302, location=base)
        note = f"<p>This preview serves the site at <a href=\"{base}\">{base}</a>.</p>"
        return Response(404, f"<!DOCTYPE html><title>Not found</title>{note}".encode())
    target, redirect = _locate(outcome.folder, path[len(base):])
    if redirect:
        return Response(301, location=request.path + "/")
    if target is None:
        return _not_found(outcome, request)
    return _ranged(_file(target, outcome, request), request)


def _decoded(raw: str) -> str | None:
    """The path decoded, or None for one that must not be followed: an encoded slash, backslash or NUL, bytes
    that are not UTF-8, a "." or ".." segment."""
    if _ENCODED_SEPARATOR.search(raw):
        return None
    try:
        path = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in path or "\x00" in path or any(part in (".", "..") for part in path.split("/")):
        return None
    return path


def _locate(folder: Path, rel: str) -> tuple[Path | None, bool]:
    """(file to send, or None for 404; whether to redirect to the folder's "/" form), as GitHub Pages does.
    Never a file outside ``folder``, whatever links lead there."""
    names = [n for n in rel.split("/") if n]
    if any(n.startswith(".") for n in names):
        return None, False  # bookkeeping files: Pages leaves hidden files out
    target = folder.joinpath(*names)
    if target.is_dir():
        if rel and not rel.endswith("/"):
            return None, True
        target = target / "index.html"
    elif not target.is_file() and target.with_name(target.name + ".html").is_file():
        target = target.with_name(target.name + ".html")  # Pages serves authors/x.html at authors/x too
    if not target.is_file() or not target.resolve().is_relative_to(folder.resolve()):
        return None, False
    return target, False


def _file(target: Path, outcome: Outcome, request: Request, status: int = 200) -> Response:
    body = target.read_bytes()
    kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if kind == "text/html":
        body = inject(body, outcome, request.port)
    if kind.startswith("text/") or kind.endswith(("xml", "json", "javascript")):
        kind += "; charset=utf-8"
    return Response(status, body, kind)


def _not_found(outcome: Outcome, request: Request) -> Response:
    if outcome.folder is not None:
        page = outcome.folder / "404.html"
        if page.is_file():
            return _file(page, outcome, request, 404)
    return Response(404, inject(b"<!DOCTYPE html><title>Not found</title>", outcome, request.port))


def _ranged(response: Response, request: Request) -> Response:
    """The part of ``response`` that a single byte range asks for (RFC 9110, 14.2). Several ranges, or a
    conditional range (If-Range: this server gives no validators), get the whole body, as the RFC allows."""
    size = len(response.body)
    whole = Response(response.status, response.body, response.content_type, response.location,
                     (*response.headers, ("Accept-Ranges", "bytes")))
    match = _RANGE.fullmatch(request.range.strip())
    if not request.range or request.if_range or match is None or not (match.group(1) or match.group(2)):
        return whole
    first, last = match.group(1), match.group(2)
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(size - int(last), 0), size - 1
    if start >= size or start > end or (not first and int(last) == 0):
        return Response(416, b"", "text/plain; charset=utf-8", headers=(("Content-Range", f"bytes */{size}"),))
    return Response(206, response.body[start:end + 1], response.content_type,
                    headers=(("Content-Range", f"bytes {start}-{end}/{size}"), ("Accept-Ranges", "bytes")))


def inject(page: bytes, outcome: Outcome, port: str) -> bytes:
    """The page with the reload script, and the errors of the last build when it had any, before </body>."""
    snippet = (_error_panel(outcome) + reload_script(port)).encode()
    end = page.lower().rfind(b"</body>")
    return page[:end] + snippet + page[end:] if end >= 0 else page + snippet


def reload_script(port: str) -> str:
    """livereload.js from the server root, which connects back to the port the page came from."""
    query = f"?port={port}" if port.isdigit() else ""
    return f'<script src="/livereload.js{query}"></script>\n'


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


_PANEL_STYLE = """#site-builder-errors { position: fixed; left: 0; right: 0; bottom: 0; max-height: 45vh;
  overflow: auto; margin: 0; padding: .75em 1em; background: #fff4f4; color: #5c0000; border-top: 3px solid #b00;
  font: 14px/1.45 ui-monospace, monospace; z-index: 2147483647; }
#site-builder-errors pre { white-space: pre-wrap; margin: .5em 0 0; }
"""


def _error_page(outcome: Outcome, request: Request) -> bytes:
    page = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed · site-builder"
            "</title></head><body><h1>The site could not be built</h1>"
            "<p>Fix the problem below and save: this page reloads by itself.</p></body></html>")
    return inject(page.encode(), outcome, request.port)
