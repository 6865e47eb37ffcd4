"""The preview server: build, serve on 127.0.0.1 under the subpath the site will have on GitHub Pages, rebuild
when a source changes, and reload the open pages.

Why not the livereload package: it serves a folder at "/" only (no subpath), has no place for an error page,
and reloads per changed file; MkDocs dropped it for its own stdlib server after the rebuild storms of
mkdocs/mkdocs#2061 (mkdocs/mkdocs#2385). Here a ThreadingHTTPServer serves the files and a Server-Sent Events
stream tells each page when to reload: a few lines of script injected only into served pages, no dependency,
and EventSource reconnects by itself when the server restarts (preview.py holds that HTTP side; this module
the loop: build, watch, rebuild).

Never a half-written site: builds alternate between two folders, and the server switches to a folder only after
a build of it wrote every page. The folder being rebuilt is never the one served, and it holds the build before
last, so unchanged files are skipped there as in any build. A failed build leaves the last good one served, with
its errors (file and line) shown on every page and in the terminal.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..build import build
from ..config import CONFIG_FILE, load_config
from ..diagnostics import Level, UserError
from ..model.people_rules import AUTHORS_FILE
from ..output.write import MANIFEST
from ..render import theme
from .preview import Outcome, PreviewServer, State

POLL_SECONDS = 0.3
QUIET_SECONDS = 0.3
"""A burst of changes (a save that writes several files, a git checkout) becomes one build once the files have
been still this long."""
WATCHED = ("content", "templates", "static", "locales", CONFIG_FILE, AUTHORS_FILE)

Log = Callable[[str], None]


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
    roots = [site_dir / name for name in WATCHED] + [theme.default_dir(name) for name in ("templates", "static",
                                                                                          "locales")]
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
