"""The preview server: build, serve on 127.0.0.1 under the subpath the site will have on GitHub Pages, rebuild
when a source changes, and reload the open pages.

livereload's ``Server`` serves: its WebSocket and livereload.js reload the open pages, and every other request
goes to the preview's WSGI application (preview.py), run in a pool of threads, which answers from the last good
build under the base path and shows the last build's errors on every page. The build loop runs here, in the
main thread, so that Ctrl-C stops a build as it stops the server; the operating system's change notifications
(watch.py) wake it.

Never a half-written site: builds alternate between two folders, and the server switches to a folder only after
a build of it wrote every page. The folder being rebuilt is never the one served, and it holds the build before
last, so unchanged files are skipped there as in any build. A failed build leaves the last good one served, with
its errors (file and line) shown on every page and in the terminal. The search index comes last: made in the
served folder once the new pages are served and the open ones reloaded, which then reload once more to search it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import logging
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tornado.httputil
import tornado.ioloop
import tornado.netutil
import tornado.web
import tornado.wsgi
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher

from ..build import BuildResult, build, refresh_search
from ..config import load_config
from ..diagnostics import Level, UserError
from ..output import search
from ..output.write import MANIFEST
from ..readers.files import Held
from .preview import Outcome, PreviewApp, State
from .watch import changes

REQUEST_THREADS = 16
"""Requests answered at once; more wait for a thread (the WebSocket of each open page needs none)."""
START_SECONDS = 30
WATCH_SECONDS = 10
"""At most this long for the operating system's watches to be in place before the first build."""

Log = Callable[[str], None]


def serve(site_dir: Path, *, host: str = "127.0.0.1", port: int = 8000, base_url: str | None = None,
          log: Log | None = None) -> int:
    """Build, serve and rebuild on changes until Ctrl-C; returns the exit status (0)."""
    say = log or _stderr
    state = State()
    server = Preview(state, host, port)
    state.on_publish = server.reload_pages
    local_url = f"http://{_url_host(host)}:{server.port}/"
    stop = threading.Event()
    with tempfile.TemporaryDirectory(prefix="site-builder-serve-") as tmp, server, _sigterm_as_interrupt():
        buffers = Buffers(Path(tmp))
        try:
            # Watching begins before the first build reads anything: an edit made while it runs, or right after
            # "Serving", is a change the loop below rebuilds for, never one missed.
            armed = threading.Event()
            bursts = changes(site_dir, stop, armed=armed)
            armed.wait(WATCH_SECONDS)
            rebuild(site_dir, buffers, state, base_url, local_url, say, bursts.waiting)
            say(f"Serving {site_dir.resolve()} at {local_url.rstrip('/')}{state.outcome.base_path} "
                "(Ctrl-C to stop)")
            for _ in bursts:
                rebuild(site_dir, buffers, state, base_url, local_url, say, bursts.waiting)
        except KeyboardInterrupt:
            say("Stopped.")
        finally:
            stop.set()
    return 0


class _WSGI(tornado.wsgi.WSGIContainer):
    """Tornado's WSGI container, passing the path as the client sent it (RAW_URI, as gunicorn names it): WSGI's
    PATH_INFO is decoded, and an encoded slash in it would look like a slash."""

    def environ(self, request: tornado.httputil.HTTPServerRequest) -> dict[str, Any]:
        return {**super().environ(request), "RAW_URI": request.uri}


class _NotPolling(Watcher):  # type: ignore[misc]  # livereload has no types: Watcher is Any to mypy
    """livereload's watcher, told not to poll: watch.py waits for the operating system's notifications and
    the build loop says when to reload."""

    def start(self, callback: Callable[[], None]) -> bool:
        return True


class _Server(Server):  # type: ignore[misc]  # likewise
    """livereload's Server with the preview's WSGI application run in a pool of threads: its own container runs
    the application on the server's one thread and gives a HEAD answer the length of an empty body."""

    def __init__(self, app: PreviewApp, executor: ThreadPoolExecutor) -> None:
        super().__init__(app, watcher=_NotPolling())
        self.executor = executor

    def get_web_handlers(self, script: bytes) -> list[tuple[str, type, dict[str, Any]]]:
        return [(r".*", tornado.web.FallbackHandler, {"fallback": _WSGI(self.app, executor=self.executor)})]


class Preview:
    """livereload's server on its own thread and event loop, from ``with`` to its end."""

    def __init__(self, state: State, host: str, port: int) -> None:
        self.host, self.port = host, port or _free_port(host)
        self._executor = ThreadPoolExecutor(REQUEST_THREADS, thread_name_prefix="preview")
        self._server = _Server(PreviewApp(state), self._executor)
        self._loop: tornado.ioloop.IOLoop | None = None
        self._started = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="preview-server", daemon=True)

    def __enter__(self) -> Preview:
        _quiet_logs()
        self._thread.start()
        if not self._started.wait(START_SECONDS) or self._failure is not None:
            self._close_pool()
            raise _start_error(self._failure, self.host, self.port)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.add_callback(self._loop.stop)
        self._thread.join(5)
        self._close_pool()

    def reload_pages(self) -> None:
        """Tell every open page to reload (from any thread)."""
        if self._loop is not None:
            self._loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    def _run(self) -> None:
        try:
            self._loop = tornado.ioloop.IOLoop.current()  # this thread's loop, which serve() then runs
            self._loop.add_callback(self._started.set)
            self._server.serve(port=self.port, host=self.host, debug=False, restart_delay=0)
        except BaseException as err:  # reported by __enter__ to the main thread
            self._failure = err
            self._started.set()

    def _close_pool(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _free_port(host: str) -> int:
    """A port free on ``host`` now ("--port 0"): livereload's Server keeps the socket it binds to itself."""
    probes = tornado.netutil.bind_sockets(0, host)
    try:
        return int(probes[0].getsockname()[1])
    finally:
        for probe in probes:
            probe.close()


def _start_error(err: BaseException | None, host: str, port: int) -> UserError:
    if isinstance(err, OSError) and err.errno == errno.EADDRINUSE:
        return UserError(f"port {port} on {host} is already in use (is another server running?): stop it, or "
                         f"choose another port with --port {port + 1}")
    if isinstance(err, OSError):
        return UserError(f"cannot serve on {host}:{port}: {err.strerror or err}")
    return UserError(f"cannot serve on {host}:{port}: {err or 'the server did not start'}")


def _quiet_logs() -> None:
    """livereload and Tornado log each browser, reload and request: the terminal is for the build's messages."""
    logging.getLogger("livereload").addFilter(_errors_only)
    logging.getLogger("tornado.access").addFilter(_nothing)


def _errors_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR


def _nothing(record: logging.LogRecord) -> bool:
    return False


class Buffers:
    """What the preview keeps between builds: two build folders used in turn, one served while the other is
    rebuilt, and the articles the last build unpacked from the build cache (readers/files.py's Held)."""

    def __init__(self, root: Path) -> None:
        self.folders = (root / "a", root / "b")
        self.served: Path | None = None
        self.held = Held()

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
    searching: BuildResult | None = None
    """A complete build whose search index is still to be made, once its pages are served."""


def rebuild(site_dir: Path, buffers: Buffers, state: State, base_url: str | None, local_url: str, say: Log,
            edited: Callable[[], bool] | None = None) -> None:
    """One build into the spare folder, served if complete, then its search index, which gives way when
    ``edited`` says a newer edit is waiting: that edit's build comes first, and makes the index."""
    folder = buffers.spare()
    attempt = attempt_build(site_dir, folder, base_url, local_url, buffers.held)
    if attempt.searching is not None and not (folder / search.BUNDLE).is_dir():
        # The folder's first build: no index yet for its search page to load, so it is made before it is served.
        attempt = _indexed_first(attempt)
    if attempt.complete:
        buffers.served = folder
    before = state.outcome
    base_path = attempt.base_path if attempt.complete else before.base_path
    state.publish(Outcome(buffers.served, base_path, attempt.errors, not attempt.complete))
    for line in attempt.terminal:
        say(line)
    if before.folder is not None and base_path != before.base_path:
        say(f"The base URL changed: now serving at {local_url.rstrip('/')}{base_path}")
    if attempt.complete and attempt.searching is not None:
        refresh_index(attempt.searching, state, say, edited)


def _indexed_first(attempt: Attempt) -> Attempt:
    """``attempt`` with its search index made, and the index's problems and time among its messages."""
    result = attempt.searching
    assert result is not None
    before = len(result.report.diagnostics)
    try:
        indexed = refresh_search(result)
    except Exception as err:  # a bug: serve the pages without search; say so
        return dataclasses.replace(attempt, searching=None, terminal=(
            *attempt.terminal, traceback.format_exc().rstrip(),
            f"The search index could not be made: internal error: {type(err).__name__}: {err}"))
    found = indexed.report.diagnostics[before:]
    errors = tuple(str(d) for d in found if d.level is Level.ERROR)
    return dataclasses.replace(attempt, searching=None, errors=attempt.errors + errors, terminal=(
        *attempt.terminal, *(str(d) for d in found), f"Search index made in {indexed.search_seconds:.2f} s."))


def refresh_index(result: BuildResult, state: State, say: Log, edited: Callable[[], bool] | None = None) -> None:
    """The search index of the pages just served, made in their folder (a new index takes the old one's place
    only once complete); its problems join the served build's. Left unmade when ``edited`` says, meanwhile, that
    a newer edit is waiting."""
    before = len(result.report.diagnostics)
    try:
        indexed = refresh_search(result, edited)
    except search.Interrupted:
        say("Search index left to the next build: an edit came meanwhile.")
        return
    except Exception as err:  # a bug: the pages are served already; say so and keep serving
        say(traceback.format_exc().rstrip())
        say(f"The search index could not be made: internal error: {type(err).__name__}: {err}")
        return
    found = indexed.report.diagnostics[before:]
    for diagnostic in found:
        say(str(diagnostic))
    errors = tuple(str(d) for d in found if d.level is Level.ERROR)
    if state.outcome.folder == result.output:
        # Published again, so the open pages reload once more: a search page that reloaded with the new pages,
        # before their index was there, now searches it (and any error of the index joins the panel).
        outcome = state.outcome
        state.publish(Outcome(outcome.folder, outcome.base_path, outcome.errors + errors, outcome.failed))
    say(f"Search index made in {indexed.search_seconds:.2f} s.")


def attempt_build(site_dir: Path, folder: Path, base_url: str | None, local_url: str, held: Held | None = None
                  ) -> Attempt:
    """One build into ``folder`` (taking again what ``held`` holds from the last); every failure becomes a
    message, so the loop that calls it survives."""
    try:
        config = load_config(site_dir, base_url=base_url)
        # Without a public address the preview is built for its own: 404.html then links from the server root.
        result = build(site_dir, folder, base_url=config.base_url or local_url, search_later=True, held=held)
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
                   (*(f"Note: {n}" for n in result.notices), *(str(d) for d in diagnostics[:50]), summary),
                   result if result.search_pending else None)


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
