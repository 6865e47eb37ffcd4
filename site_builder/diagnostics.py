"""Diagnostics: where a problem is (file and line), how bad it is, and the report that collects them.

Every stage reports problems here instead of raising, so one bad record never stops the rest of the site; the
build decides the exit code once, at the end (``--strict`` makes any warning or error fatal).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


class Level(enum.IntEnum):
    WARNING = 1
    ERROR = 2


@dataclass(frozen=True, slots=True, order=True)
class SourceSpan:
    """A place in an input file: its path as the user gave it (relative to the site) and a 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: Level
    where: SourceSpan
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level.name.lower()}: {self.message}"


@dataclass
class Report:
    """Everything that went wrong, in the order it was found."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, where: SourceSpan, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.WARNING, where, message))

    def error(self, where: SourceSpan, message: str) -> None:
        self.diagnostics.append(Diagnostic(Level.ERROR, where, message))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def take(self, found: tuple[T, list[Diagnostic]]) -> T:
        """What a stage found, its problems kept here: ``articles = report.take(merge_articles(articles))``."""
        value, problems = found
        self.diagnostics.extend(problems)
        return value

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.WARNING)


class UserError(Exception):
    """A problem the user must fix before anything can be built (bad config, unsafe output folder).

    The command line prints its message without a traceback and exits with status 2.
    """
