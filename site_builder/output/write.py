"""The output folder: the only code that writes files. Atomic writes, unchanged files left alone, stale files of
an earlier build removed, and a refusal to touch a folder this tool did not create.

Every file is written under a temporary name in its own folder and renamed over its final name, so a build that
is killed leaves each page whole or absent, never cut short. A folder the output does not have yet (every folder,
in a first build) is written under a staging name instead (``.articles.site-builder-new``), its files straight
under their own names, and renamed to its own name when the build's writing is finished: the same guarantee, for
one rename a folder instead of one a file (a fifth of the time a file takes to write, on a first build's 100,000
files). A marker file says a build is under way: a build that finds it left behind removes the temporary files and
staged folders of the one that was stopped, and cleans as if every file present were its output.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import os
import shutil
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import UserError

MANIFEST = ".site-builder-manifest"
"""Lists the files of the last build; its presence marks the folder as ours."""
BUILDING = ".site-builder-building"
"""Present while a build writes; left behind only by a build that was stopped. It too marks the folder as ours."""
PAGES = ".site-builder-pages"
"""The fingerprints of the folder's pages (fingerprints.py): the folder's own record, never a file of the site."""
TEMPORARY = ".site-builder-tmp"
"""The end of a file's temporary name while it is being written."""
STAGED = ".site-builder-new"
"""The end of a new folder's name until the build's writing is finished (staged_name)."""


def staged_name(path: str) -> str:
    """The name a new folder at ``path`` has until its writing is finished: ``.articles.site-builder-new``."""
    parent, name = os.path.split(path)
    return os.path.join(parent, f".{name}{STAGED}")


@dataclass(frozen=True, slots=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


class Files:
    """(path, written) of each file of a build: each pair made as it is iterated, as often as asked. A list of
    the pairs was the largest thing the build's last steps made (at 10,000 records 4.4 MB, beside the recorded
    files' set that the writer makes of it)."""

    __slots__ = ("_paths", "_new", "_more")

    def __init__(self, paths: list[str], new: bytearray, more: tuple[tuple[str, bool], ...]) -> None:
        """``paths`` of the pages, ``new`` for each of them 1 where it was written (else 0), then ``more``."""
        self._paths, self._new, self._more = paths, new, more

    def __iter__(self) -> Iterator[tuple[str, bool]]:
        yield from zip(self._paths, map(bool, self._new), strict=True)
        yield from self._more

    def with_more(self, more: Iterable[tuple[str, bool]]) -> Files:
        """These files, then ``more``."""
        return Files(self._paths, self._new, self._more + tuple(more))

    def counted(self) -> tuple[set[str], int, int, set[str]]:
        """What OutputWriter.finish gathers of them, made from the pages' lists at once, not a pair at a time (a
        third of finish after an edit): the set of their paths, how many were written, how many there are, and
        the folders of those written."""
        current = set(self._paths)
        current.update([rel for rel, _written in self._more])
        written = len(self._new) - self._new.count(0) + sum(was_written for _rel, was_written in self._more)
        folders = set(folder_of_each(itertools.compress(self._paths, self._new)))
        folders.update(rel.rpartition("/")[0] for rel, was_written in self._more if was_written)
        return current, written, len(self._paths) + len(self._more), folders


def folder_of_each(paths: Iterable[str]) -> Iterator[str]:
    """The folder of each of ``paths``, in their order ("" for the output folder itself): passes in C."""
    return map(_folder_of, map(str.rpartition, paths, itertools.repeat("/")))


_folder_of = operator.itemgetter(0)


def check_output(output: Path, site_dir: Path) -> None:
    """Refuse output folders that a build could damage: the site itself, its content, a parent, home, root."""
    out = output.resolve()
    site = site_dir.resolve()
    protected = {Path.home().resolve(), Path(out.anchor), site, (site / "content").resolve()}
    if out in protected or out in site.parents or site.is_relative_to(out):
        raise UserError(f"refusing to write the site into {output}: it holds the site's sources or is a home or "
                        "root folder; choose an output folder such as _site")
    for folder in ("content", "templates", "static"):
        if out.is_relative_to((site / folder).resolve()):
            raise UserError(f"refusing to write the site inside {folder}/: choose an output folder such as _site")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file() and not (out / BUILDING).is_file():
        raise UserError(f"refusing to clean {output}: it is not empty and was not made by site-builder "
                        f"(no {MANIFEST} in it); remove it or choose another output folder")


class OutputWriter:
    """One build's writes into the output folder: each file as it comes, from this process or from one forked
    after the writer was made; then, once, the removal of what the previous build wrote and this one did not."""

    def __init__(self, output: Path, *, pages_finished: bool = False) -> None:
        """``pages_finished``: the folder's last build finished writing its pages (this process's, going on to its
        search index; or one whose page table was found, which is saved only once every page is written): a
        marker it left stands for its search index still to come, not for a build stopped while it wrote, and
        the whole folder is not walked for what such a build left."""
        output.mkdir(parents=True, exist_ok=True)
        self.output = output
        self._previous, exact = _read_manifest(output)
        self._manifest_holds: Set[str] | None = self._previous if exact else None
        """The files the manifest lists when it is, byte for byte, what ``finish`` would write of them."""
        self.recorded: Set[str] = frozenset()
        """The files ``finish`` last recorded as this build's."""
        if not (output / BUILDING).exists():
            (output / BUILDING).touch()
        elif not pages_finished:
            self._previous |= _after_a_stopped_build(output)
            self._manifest_holds = None
        self._root = os.fspath(output)
        self._folders: dict[str, tuple[str, bool]] = {"": (self._root, False)}
        """Folder inside the output → (where its files go now, whether that is inside a staged folder)."""

    def write(self, rel: str, data: bytes) -> bool:
        """Write ``data`` at ``rel`` (a relative path with forward slashes); False if the file held it already.
        A failure (a full disk, a file where a folder must go) is a UserError naming the file."""
        # Paths as strings, not Path objects: a tenth of a file's time went into making and joining them.
        folder, name = rel.rpartition("/")[::2]
        try:
            place, staged = self._folder(folder)
            target = f"{place}/{name}"
            if staged:  # nobody sees the folder before finish(): no temporary name needed
                write_whole(target, data)
                return True
            if rel in self._previous and same_bytes(target, data):
                return False
            write_atomic(target, data)
        except OSError as err:
            raise UserError(f"cannot write {self.output / rel}: {err.strerror or err}") from err
        return True

    def write_parts(self, rel: str, parts: Iterable[bytes], *, differs: bool = False) -> tuple[bool, int]:
        """``write`` of the bytes ``parts`` make one after the other, never held whole (a list download of a
        large collection): (whether written, its size in bytes). A file that held those bytes already is left as
        it was, its new copy removed; unless the caller knows it ``differs``, it is then not read to compare."""
        folder, name = rel.rpartition("/")[::2]
        try:
            place, staged = self._folder(folder)
            target = f"{place}/{name}"
            if staged:
                return True, write_whole(target, parts)
            return write_atomic(target, parts, unless_same=rel in self._previous and not differs)
        except OSError as err:
            raise UserError(f"cannot write {self.output / rel}: {err.strerror or err}") from err

    def _folder(self, folder: str) -> tuple[str, bool]:
        """Where the files of ``folder`` (inside the output) are written now: the folder itself when it exists;
        inside a staged folder when it or one above it is new (made here, by this process or another)."""
        found = self._folders.get(folder)
        if found is None:
            parent, name = folder.rpartition("/")[::2]
            above, staged = self._folder(parent)
            final = f"{above}/{name}"
            new = not staged and not os.path.lexists(final)  # inside a staged folder, nothing is new again
            found = (staged_name(final), True) if new else (final, staged)
            os.makedirs(found[0], exist_ok=True)
            self._folders[folder] = found
        return found

    def _publish_staged(self, folders: set[str]) -> None:
        """Give each staged folder among ``folders`` (those of the files written: a file in a staged folder is
        always written, never found as it was) and those above them its own name, outermost first. After an edit,
        the few folders of the pages written, not those of every page (half of finish at 10,000 records)."""
        for rel in list(folders):
            while rel:
                rel = rel.rpartition("/")[0]
                folders.add(rel)
        for folder in sorted(folders - {""}, key=lambda f: f.count("/")):
            final = os.path.join(self._root, folder)
            staged = staged_name(final)
            if os.path.isdir(staged) and not os.path.islink(staged):
                try:
                    os.rename(staged, final)
                except OSError as err:  # something else took the name meanwhile
                    raise UserError(f"cannot write {self.output / folder}: {err.strerror or err}") from err
        self._folders = {"": (self._root, False)}

    @property
    def previous(self) -> Set[str]:
        """The files the folder's last build recorded as its own (the writer's own set, not a copy: at 100,000
        records it holds some 700,000 paths)."""
        return self._previous

    def finish(self, files: Iterable[tuple[str, bool]], keep: tuple[str, ...] = ()) -> WriteStats:
        """Remove stale files and record ``files``, (path, written) of every file of this build, as ours. Files
        whose paths start with one of ``keep`` ("pagefind/") stay for now: a later step of the build decides."""
        if isinstance(files, Files):
            current, written, count, folders = files.counted()
        else:
            current, written, count, folders = set(), 0, 0, set()
            for rel, was_written in files:  # one pass: ``files`` may make each pair as it goes
                current.add(rel)
                written += was_written
                count += 1
                if was_written:
                    folders.add(rel.rpartition("/")[0])
        self._publish_staged(folders)
        stale = {rel for rel in self._previous - current if not rel.startswith(keep)}
        removed = _remove_stale(self.output, stale)
        if current != self._manifest_holds:  # after an edit, most often the same files: its sort and write spared
            write_atomic(self.output / MANIFEST, _lines(sorted(current)))
            self._manifest_holds = current
        self.recorded = current  # not copied to a frozenset: as large as ``previous``
        if not keep:  # the build is over only when no later step still writes
            (self.output / BUILDING).unlink(missing_ok=True)
        return WriteStats(written, count - written, removed)


def _same_file(path: str, target: str, size: int) -> bool:
    """Whether the file ``target`` holds the ``size`` bytes of the file ``path`` (False when it cannot be read)."""
    try:
        if os.stat(target).st_size != size:
            return False
        with open(path, "rb") as mine, open(target, "rb") as theirs:
            while True:
                part = mine.read(_GATHER)
                if part != theirs.read(_GATHER):
                    return False
                if not part:
                    return True
    except OSError:
        return False


def same_bytes(target: str, data: bytes) -> bool:
    """Whether the file ``target`` holds ``data`` (False when it cannot be read)."""
    try:
        if os.stat(target).st_size != len(data):
            return False
        with open(target, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _lines(lines: list[str], run: int = 10_000) -> list[bytes]:
    """``("\n".join(lines) + "\n").encode()`` in parts of ``run`` lines, for write_atomic: at 100,000 records
    the manifest's 700,000 lines are 20 MB, which the whole text, its copy with the last newline and its bytes
    held three times over at the end of a build, the moment it holds the most."""
    if not lines:
        return [b"\n"]
    return [("\n".join(lines[start:start + run]) + "\n").encode() for start in range(0, len(lines), run)]


def write_atomic(target: Path | str, data: bytes | Iterable[bytes], *, unless_same: bool = False) -> tuple[bool, int]:
    """Write beside the target then rename, so a reader (or a killed build) never leaves half a file under the
    target's name. The process id keeps two builds into one folder from sharing a temporary file. ``data`` may
    come in parts, written one after the other. With ``unless_same``, a target that holds those bytes already is
    left as it was. (Whether the target was written, the number of bytes.)"""
    tmp = _temporary(target)
    try:
        size = write_whole(tmp, data)
        if unless_same and _same_file(tmp, os.fspath(target), size):
            os.unlink(tmp)
            return False, size
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True, size


def _temporary(target: Path | str) -> str:
    """The name ``target`` is written under until it is whole."""
    folder, name = os.path.split(target)
    return os.path.join(folder, f".{name}.{os.getpid()}{TEMPORARY}")


def write_whole(path: str, data: bytes | Iterable[bytes]) -> int:
    """Write ``data`` (or its parts, one after the other) at ``path`` under its own name: only where nobody can
    see it before it is whole (a staged folder), else write_atomic. The number of bytes written."""
    # os.open and os.write rather than a file object: no buffer to fill and flush for bytes written whole
    # (a tenth less time a file, over the 70,000 files of a 10,000-record site)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_BINARY", 0), 0o666)
    size = 0
    try:
        for part in (data,) if isinstance(data, bytes) else _gathered(data):
            view = memoryview(part)
            size += len(view)
            while view:
                view = view[os.write(fd, view):]
    finally:
        os.close(fd)
    return size


_GATHER = 1 << 20
"""Bytes written at once from many small parts (a list download's pieces: one call each cost more)."""


def _gathered(parts: Iterable[bytes]) -> Iterator[bytes]:
    """``parts`` in order, the small ones joined into runs of at least _GATHER bytes (the last one shorter); a
    part of that size or more as it is, never copied."""
    run: list[bytes] = []
    held = 0
    for part in parts:
        if len(part) >= _GATHER:
            if run:
                yield b"".join(run)
                run, held = [], 0
            yield part
            continue
        run.append(part)
        held += len(part)
        if held >= _GATHER:
            yield b"".join(run)
            run, held = [], 0
    if run:
        yield b"".join(run)


def walk_files(root: Path | str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path inside ``root`` with forward slashes, entry) of every file and symlink under ``root``, in no order;
    folders entered, symlinks to them not followed. Nothing when ``root`` cannot be listed."""
    folders = [(os.fspath(root), "")]
    while folders:
        folder, prefix = folders.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    yield prefix + entry.name, entry


def _after_a_stopped_build(output: Path) -> set[str]:
    """Remove the temporary files a stopped build left under ``output``; every other file there, as a path
    relative to it, so that the files the stopped build wrote are removed if this build does not write them."""
    found: set[str] = set()
    for folder, dirs, names in os.walk(output):
        prefix = Path(folder).relative_to(output).as_posix()
        for staged in [name for name in dirs if name.endswith(STAGED)]:  # files of any state, none published
            shutil.rmtree(os.path.join(folder, staged), ignore_errors=True)
            dirs.remove(staged)
        for name in names:
            if name.endswith(TEMPORARY):
                (Path(folder) / name).unlink(missing_ok=True)
            elif name not in (MANIFEST, BUILDING, PAGES) or prefix != ".":
                found.add(name if prefix == "." else f"{prefix}/{name}")
    return found


def _read_manifest(output: Path) -> tuple[set[str], bool]:
    """The files the manifest lists, and whether it is exactly what ``finish`` writes of them (their sorted lines)."""
    try:
        text = (output / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return set(), False
    lines = text.split("\n")
    if ".." in text or text.startswith("/") or "\n/" in text:
        # A line naming a ".." part or an absolute path is not ours: never removed as stale (one test a line only
        # in a manifest that may hold one: over the 100,000 lines of a large site's, the tests cost more than
        # reading it)
        return {line for line in lines if line and "/../" not in f"/{line}/" and not line.startswith("/")}, False
    after = lines.pop()  # "" after the last newline
    found = set(lines)
    found.discard("")
    return found, after == "" and len(found) == len(lines) and lines == sorted(lines)


def _remove_stale(output: Path, stale: set[str]) -> int:
    """Remove the ``stale`` files (a symlink or a folder under such a name is left alone), then each folder that
    this leaves empty, up to ``output``."""
    root = os.fspath(output)
    removed = 0
    parents: set[str] = set()
    for rel in stale:
        target = os.path.join(root, rel)
        if os.path.isfile(target) and not os.path.islink(target):
            os.unlink(target)
            removed += 1
        parents.add(os.path.dirname(target))
    # Each folder once, deepest first, and asked to go rather than listed: an emptiness test a removed file cost
    # 8 s when a search index of 29,000 files in a few folders was replaced.
    for folder in sorted(parents, key=lambda path: path.count(os.sep), reverse=True):
        while folder != root and folder.startswith(root + os.sep) and _removed_if_empty(folder):
            folder = os.path.dirname(folder)
    return removed


def _removed_if_empty(folder: str) -> bool:
    try:
        os.rmdir(folder)  # refused for a folder that still holds anything, and for a symlink
    except OSError:
        return False
    return True
