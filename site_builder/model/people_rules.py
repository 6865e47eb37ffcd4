"""The site's ``authors.toml``: names to merge by hand, or to keep apart, where people.py's rules decide otherwise.

A sample::

    # R. Cazzato is Roberto Luigi: the initial alone fits Rita Cazzato too, so the rules keep it apart.
    [[merge]]
    names = ["Cazzato, R", "Cazzato, Roberto Luigi"]

    # Two people who share a name.
    [[keep_apart]]
    names = ["Wang, Li", "Wang, L"]

Names are written "Family, Given" (or MEDLINE's "Family GI"); accents, case, spacing and punctuation do not
matter. The file is optional; its problems are reported with their line and the build goes on without the entry.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from .article import Article
from .names import NameForm, name_form, parse_name

AUTHORS_FILE = "authors.toml"
_TABLES = ("merge", "keep_apart")

Entry = tuple[tuple[tuple[str, NameForm], ...], SourceSpan]
"""((name as written, its form), …) and where the entry is."""


@dataclass(frozen=True)
class Rules:
    merge: tuple[Entry, ...] = ()
    keep_apart: tuple[Entry, ...] = ()

    def kept_apart(self, a: NameForm, b: NameForm) -> bool:
        """Whether one [[keep_apart]] entry names both forms."""
        return a != b and any(_names(entry, a) and _names(entry, b) for entry in self.keep_apart)


def _names(entry: Entry, form: NameForm) -> bool:
    return any(f == form for _, f in entry[0])


def load_rules(site_dir: Path, articles: Iterable[Article] = ()) -> tuple[Rules, list[Diagnostic]]:
    """The rules of ``site_dir/authors.toml`` (none when there is no such file), with warnings for names that
    no byline of ``articles`` holds."""
    path = site_dir / AUTHORS_FILE
    if not path.is_file():
        return Rules(), []
    rules, problems = parse_rules(path.read_bytes().decode("utf-8-sig", errors="replace"), AUTHORS_FILE)
    return rules, problems + unmatched(rules, articles)


def parse_rules(text: str, shown: str) -> tuple[Rules, list[Diagnostic]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"at line (\d+)", str(err))
        return Rules(), [Diagnostic(Level.ERROR, SourceSpan(shown, int(m.group(1)) if m else 1),
                                    f"not valid TOML: {err}; no merge or keep_apart rule applied")]
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        return Rules(), [Diagnostic(Level.ERROR, SourceSpan(shown, 1), "values nested too deeply to read; no merge "
                                                                       "or keep_apart rule applied")]
    problems: list[Diagnostic] = []
    for key in data:
        if key not in _TABLES:
            close = difflib.get_close_matches(key, _TABLES, n=1)
            hint = f"did you mean [[{close[0]}]]?" if close else "expected [[merge]] or [[keep_apart]]"
            problems.append(Diagnostic(Level.ERROR, SourceSpan(shown, _line_of(text, key, 0)),
                                       f"unknown table '{key}' ignored; {hint}"))
    merge = _entries(data, text, "merge", shown, problems)
    apart = _entries(data, text, "keep_apart", shown, problems)
    merge = tuple(e for e in merge if not _contradicts(e, apart, shown, problems))
    return Rules(merge, apart), problems


def _entries(data: dict[str, Any], text: str, table: str, shown: str, problems: list[Diagnostic]
             ) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    items = data.get(table, [])
    headers = _header_lines(text, table)  # once: a file of thousands of entries must not scan itself for each
    for n, item in enumerate(items if isinstance(items, list) else [items]):
        where = SourceSpan(shown, _nth(headers, n))
        names = item.get("names") if isinstance(item, dict) else None
        extra = sorted(set(item) - {"names"}) if isinstance(item, dict) else []
        if not isinstance(names, list) or len(names) < 2 or not all(isinstance(v, str) for v in names) or extra:
            problems.append(Diagnostic(Level.ERROR, where, f"each [[{table}]] needs exactly one key, "
                                       'names = ["Family, Given", "Family, Given", …], with two names or more'))
            continue
        forms = tuple((name, form) for name in names if (form := name_form(parse_name(name))) is not None)
        if len({f for _, f in forms}) < 2:
            problems.append(Diagnostic(Level.WARNING, where, f"the names of this [[{table}]] are one name once "
                                       "accents, case and punctuation are set aside; nothing to do"))
            continue
        entries.append((forms, where))
    return tuple(entries)


def _contradicts(entry: Entry, apart: tuple[Entry, ...], shown: str, problems: list[Diagnostic]) -> bool:
    forms = {f for _, f in entry[0]}
    for other in apart:
        both = [name for name, f in other[0] if f in forms]
        if len(both) >= 2:
            problems.append(Diagnostic(Level.ERROR, entry[1], f"this [[merge]] and the [[keep_apart]] at "
                                       f"{other[1]} both name {both[0]!r} and {both[1]!r}; the merge is ignored"))
            return True
    return False


def _line_of(text: str, table: str, n: int) -> int:
    """The line of the n-th ``[[table]]`` header (tomllib does not say), else of ``table =``; 1 when not found."""
    return _nth(_header_lines(text, table), n)


def _header_lines(text: str, table: str) -> list[int]:
    start = re.compile(rf"\s*(?:\[\[\s*{re.escape(table)}\s*\]\]|{re.escape(table)}\s*=)")
    return [i for i, line in enumerate(text.splitlines(), start=1) if start.match(line)]


def _nth(headers: list[int], n: int) -> int:
    return headers[n] if n < len(headers) else (headers[0] if headers else 1)


def unmatched(rules: Rules, articles: Iterable[Article]) -> list[Diagnostic]:
    """A warning for each name in the rules that no byline holds (a typo would otherwise do nothing)."""
    seen = {form for article in articles for p in article.authors if (form := name_form(p)) is not None}
    problems = []
    for table, entries in (("merge", rules.merge), ("keep_apart", rules.keep_apart)):
        for forms, where in entries:
            problems += [Diagnostic(Level.WARNING, where, f"[[{table}]]: no author in the collection is named "
                                    f"{name!r} (accents, case and punctuation aside)")
                         for name, form in forms if form not in seen]
    return problems
