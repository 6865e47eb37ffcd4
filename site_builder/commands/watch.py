"""Watching a site's sources with the operating system's change notifications (watchfiles: inotify, FSEvents,
ReadDirectoryChangesW), never a rescan of every file: content/, templates/, static/ and locales/ with everything in
them, site.toml and authors.toml, and the default theme.

Two watches, because only the source folders are watched through all their depth: the site folder itself may
hold a virtual environment, a git repository or a built site, thousands of folders that are no source. The site
folder is watched alone for its settings files and for a source folder that appears or goes, which restarts the
deep watch on the folders there are now.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import watchfiles

from ..config import CONFIG_FILE
from ..model.people_rules import AUTHORS_FILE
from ..render import theme

SOURCE_DIRS = ("content", "templates", "static", "locales")
SETTINGS_FILES = (CONFIG_FILE, AUTHORS_FILE)
QUIET_SECONDS = 0.3
"""A burst of changes (a save that writes several files, a git checkout) becomes one rebuild once the files have
been still this long."""
_STEP_MS = 50
_DEBOUNCE_MS = 2000
_ARMED_MS = 200
"""How long a watch waits for a change before it says it is in place (an empty batch): the first such word is
when a change can no longer be missed."""


def source_roots(site_dir: Path) -> list[Path]:
    """The folders watched through all their depth: the site's source folders that exist, and the default
    theme (edited by whoever develops it)."""
    found = [site_dir / name for name in SOURCE_DIRS if (site_dir / name).is_dir()]
    return found + [d for d in map(theme.default_dir, ("templates", "static", "locales")) if d.is_dir()]


def counts(path: str, site_dir: Path) -> bool:
    """Whether a change of ``path`` may change the site: not a hidden file or folder (the build reads none,
    editors' swap files are hidden) and not an editor's backup ("x.txt~")."""
    p = Path(path)
    try:
        parts = p.relative_to(site_dir).parts
    except ValueError:
        parts = p.parts[-1:]
    return bool(parts) and not any(part.startswith(".") for part in parts) and not p.name.endswith("~")


class _Either:
    """Set when either event is: how the deep watch is stopped for good or restarted."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)


def changes(site_dir: Path, stop: threading.Event, quiet: float = QUIET_SECONDS,
            armed: threading.Event | None = None) -> Bursts:
    """The paths changed in each burst of changes to the site's sources, once the burst has been still for
    ``quiet`` seconds, until ``stop`` is set. Watching starts at once, not at the first burst asked for; ``armed``
    is set once both watches are in place: a change made after that is never missed."""
    site_dir = site_dir.resolve()
    found: queue.Queue[set[str]] = queue.Queue()
    restart = threading.Event()
    ready = [threading.Event(), threading.Event()]
    threads = [threading.Thread(target=_watch_site_folder, args=(site_dir, found, restart, stop, ready[0]),
                                daemon=True),
               threading.Thread(target=_watch_sources, args=(site_dir, found, restart, stop, ready[1]), daemon=True)]
    for thread in threads:
        thread.start()
    if armed is not None:
        threading.Thread(target=_when_all, args=(ready, armed), daemon=True).start()
    return Bursts(found, stop, quiet)


def _when_all(events: list[threading.Event], then: threading.Event) -> None:
    for event in events:
        event.wait()
    then.set()


class Bursts:
    """The watches' changes as bursts (iterated over, in the thread that builds); ``waiting`` tells, between two
    bursts, whether a change has come that no burst gave yet (work for a build that is now stale can stop)."""

    def __init__(self, found: queue.Queue[set[str]], stop: threading.Event, quiet: float) -> None:
        self._found, self._stop, self._quiet = found, stop, quiet
        self._pending: set[str] = set()
        self._bursts = self._each()

    def __iter__(self) -> Iterator[set[str]]:
        return self

    def __next__(self) -> set[str]:
        return next(self._bursts)

    def _each(self) -> Iterator[set[str]]:
        while not self._stop.is_set():
            try:
                self._pending |= self._found.get(timeout=self._quiet if self._pending else 0.5)
            except queue.Empty:
                if self._pending:
                    burst, self._pending = self._pending, set()
                    yield burst

    def waiting(self) -> bool:
        return bool(self._pending) or not self._found.empty()


def _watch_site_folder(site_dir: Path, found: queue.Queue[set[str]], restart: threading.Event,
                       stop: threading.Event, ready: threading.Event) -> None:
    def wanted(_change: watchfiles.Change, path: str) -> bool:
        return Path(path).name in SETTINGS_FILES + SOURCE_DIRS

    for batch in watchfiles.watch(site_dir, watch_filter=wanted, recursive=False, stop_event=stop,
                                  step=_STEP_MS, debounce=_DEBOUNCE_MS, raise_interrupt=False,
                                  rust_timeout=_ARMED_MS, yield_on_timeout=True):
        ready.set()
        if not batch:
            continue
        if any(change != watchfiles.Change.modified and Path(path).name in SOURCE_DIRS for change, path in batch):
            restart.set()  # a source folder appeared or went: watch the ones there are now
        found.put({path for _change, path in batch})


def _watch_sources(site_dir: Path, found: queue.Queue[set[str]], restart: threading.Event,
                   stop: threading.Event, ready: threading.Event) -> None:
    def wanted(_change: watchfiles.Change, path: str) -> bool:
        return counts(path, site_dir)

    roots: list[Path] = []
    while not stop.is_set():
        restart.clear()
        before, roots = roots, source_roots(site_dir)
        added = {str(r) for r in roots if r not in before} if before else set()
        if added:
            # Files written into a new folder before it is watched: one more rebuild, once the quiet time is over
            # and the watch is in place, sees them.
            found.put(added)
        try:
            for batch in watchfiles.watch(*roots, watch_filter=wanted, stop_event=_Either(stop, restart),
                                          step=_STEP_MS, debounce=_DEBOUNCE_MS, raise_interrupt=False,
                                          rust_timeout=_ARMED_MS, yield_on_timeout=True):
                ready.set()
                if batch:
                    found.put({path for _change, path in batch})
        except (FileNotFoundError, OSError):
            pass  # a root went away while being watched: the site folder's watch says so, and restarts this one
        if not restart.is_set():
            restart.wait(0.5)
