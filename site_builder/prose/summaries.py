"""The club's own summaries: Markdown files in content/summaries/, each naming one article in its front matter.

A sample::

    ---
    doi: 10.3390/cancers13246368
    by: Dr A. Reviewer
    date: 2024-03-05
    verdict: A clear map of the options; thin on comparative evidence.
    topics: [Liver metastases, Interventional radiology]
    ---
    The authors walk through ablation, embolization and radionuclide therapy …

The article is named by ``id`` (the record's id or its page name), ``doi``, ``pmid`` or ``pmcid``; several may be
given when they all name the same article. The body is rendered by prose.py (raw HTML escaped, links through the
allow-list). ``topics`` join the article's topics; ``verdict`` is shown in lists. A summary naming no known
article, a second summary for one article and bad front matter are reported with file and line; the rest of the
site is built.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.article import Article, Summary
from ..model.dates import iso_date
from ..model.identifiers import doi_key, pmcid_key, pmid_key
from ..model.normalize import clean, slugify, unique_folded
from .markdown import Kept, split_front_matter, to_html

SUMMARIES_DIR = "summaries"
TARGET_KEYS = ("id", "doi", "pmid", "pmcid")
KNOWN_KEYS = (*TARGET_KEYS, "by", "date", "verdict", "topics", "title")
VERDICT_MAX = 200
"""A verdict longer than this is still shown, with a warning: it is meant to fit beside a title in a list."""

At = Callable[[str], SourceSpan]
"""Where a front-matter key is: the file, at the key's line."""


def id_key(text: str) -> str:
    """An id compared as its page name, so "pubmed-8699378", "PubMed-8699378" and the page's file name agree."""
    return slugify(text, "")


_NORMALIZE = {"id": id_key, "doi": doi_key, "pmid": pmid_key, "pmcid": pmcid_key}


@dataclass(frozen=True, slots=True)
class SummaryFile:
    """A summary as read, before it is matched to an article."""

    where: SourceSpan
    """The file, at the line of the first key naming the article."""
    targets: tuple[tuple[str, str], ...]
    """(key, normalized value) pairs naming the article, e.g. ("doi", "10.3390/cancers13246368")."""
    summary: Summary
    topics: tuple[str, ...]


def read_summaries(content_dir: Path, display: str, kept: Kept | None = None
                   ) -> tuple[list[SummaryFile], list[Diagnostic]]:
    """Every summary in content/summaries/ (sorted by file name), and the problems found; ``kept``: what the last
    build made of their Markdown and front matter."""
    folder = content_dir / SUMMARIES_DIR
    found: list[SummaryFile] = []
    problems: list[Diagnostic] = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        shown = f"{display}/{path.relative_to(content_dir).as_posix()}"
        text = path.read_bytes().decode("utf-8", errors="replace")
        summary, issues = parse_summary(text, shown, kept)
        problems += issues
        if summary is not None:
            found.append(summary)
    return found, problems


def parse_summary(text: str, shown: str, kept: Kept | None = None) -> tuple[SummaryFile | None, list[Diagnostic]]:
    """One summary file; None (with an error) when it does not say which article it is about."""
    doc, problems = split_front_matter(text, shown, kept)
    if problems:
        return None, problems
    at = partial(_span, shown, _key_lines(text))
    problems += _unknown_keys(doc.meta, at)
    targets = []
    for key in TARGET_KEYS:
        value = doc.meta.get(key)
        if value is None:
            continue
        normalized = _NORMALIZE[key](str(value)) if isinstance(value, str | int) else ""
        if not normalized:
            problems.append(Diagnostic(Level.ERROR, at(key), f"{key}: {value!r} is not a valid {key}"))
        else:
            targets.append((key, normalized))
    if not targets:
        if not any(d.level is Level.ERROR for d in problems):
            problems.append(Diagnostic(
                Level.ERROR, SourceSpan(shown, 1),
                "a summary must name its article in front matter ('id:', 'doi:', 'pmid:' or 'pmcid:' between "
                "'---' lines at the top of the file); not shown"))
        return None, problems
    where = at(targets[0][0])
    summary = Summary(html=to_html(doc.body, kept), where=where, by=_by(doc.meta, at, problems),
                      date=_date(doc.meta, at, problems), verdict=_verdict(doc.meta, at, problems))
    if not doc.body.strip() and not summary.verdict:
        problems.append(Diagnostic(Level.WARNING, where, "the summary has no text and no verdict"))
    return SummaryFile(where, tuple(targets), summary, _topics(doc.meta, at, problems)), problems


def attach_summaries(articles: list[Article], summaries: list[SummaryFile]
                     ) -> tuple[list[Article], list[Diagnostic]]:
    """The articles with their summaries (and the summaries' topics); errors for summaries that name no known
    article, several articles, or an article that already has one."""
    index = _index(articles, {key for found in summaries for key, _ in found.targets})
    attached: dict[int, SummaryFile] = {}
    problems: list[Diagnostic] = []
    for found in summaries:
        matches = sorted({i for target in found.targets for i in index.get(target, ())})
        named = ", ".join(f"{key} {value!r}" for key, value in found.targets)
        if not matches:
            problems.append(Diagnostic(Level.ERROR, found.where,
                                       f"no article in the collection has {named}; this summary is not shown"))
        elif len(matches) > 1:
            ids = ", ".join(articles[i].id for i in matches)
            problems.append(Diagnostic(Level.ERROR, found.where,
                                       f"{named} name {len(matches)} different articles ({ids}); not shown"))
        elif matches[0] in attached:
            first = attached[matches[0]]
            problems.append(Diagnostic(
                Level.ERROR, found.where,
                f"{first.where.path} already summarizes {articles[matches[0]].id}; this second summary is not shown"))
        else:
            attached[matches[0]] = found
            problems += _unmatched(found, index)
    out = [_with_summary(a, attached[i]) if i in attached else a for i, a in enumerate(articles)]
    return out, problems


def _unmatched(found: SummaryFile, index: dict[tuple[str, str], set[int]]) -> list[Diagnostic]:
    """A warning for each identifier of an attached summary that names no article (a typo, or another work)."""
    return [Diagnostic(Level.WARNING, found.where, f"no article has {key} {value!r}; the summary is attached by "
                       "its other identifiers") for key, value in found.targets if (key, value) not in index]


def _with_summary(article: Article, found: SummaryFile) -> Article:
    known = {t.casefold() for t in article.topics}
    extra = tuple(t for t in found.topics if t.casefold() not in known)
    return replace(article, summary=found.summary, topics=article.topics + extra)


def _index(articles: list[Article], keys: set[str]) -> dict[tuple[str, str], set[int]]:
    """(key, normalized value) → positions of the articles it names, for the ``keys`` that summaries name
    articles by: normalizing every article's four identifiers took 0.05 s of each build at 10,000 records, for a
    club whose summaries all name their articles by DOI, or that has none."""
    index: dict[tuple[str, str], set[int]] = {}
    for key in TARGET_KEYS:
        if key not in keys:
            continue
        normalize = _NORMALIZE[key]
        for i, article in enumerate(articles):
            if value := normalize(getattr(article, key)):  # each key is the name of the Article field it names
                index.setdefault((key, value), set()).add(i)
    return index


def _span(shown: str, lines: dict[str, int], key: str) -> SourceSpan:
    return SourceSpan(shown, lines.get(key, 1))


_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:")


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level front-matter key (YAML's parser does not say), 1-based."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines()[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if m := _KEY_LINE.match(line):
            lines.setdefault(m.group(1), number)
    return lines


def _unknown_keys(meta: dict[str, Any], at: At) -> list[Diagnostic]:
    problems = []
    for key in meta:
        if str(key) not in KNOWN_KEYS:
            close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(KNOWN_KEYS)}"
            problems.append(Diagnostic(Level.WARNING, at(str(key)), f"unknown key '{key}' ignored; {hint}"))
    return problems


def _text(meta: dict[str, Any], key: str, at: At, problems: list[Diagnostic]) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return clean(", ".join(value))
    if isinstance(value, str | int | float):
        return clean(str(value))
    problems.append(Diagnostic(Level.ERROR, at(key), f"{key}: expected text, got {type(value).__name__}"))
    return ""


def _by(meta: dict[str, Any], at: At, problems: list[Diagnostic]) -> str:
    return _text(meta, "by", at, problems)


def _verdict(meta: dict[str, Any], at: At, problems: list[Diagnostic]) -> str:
    verdict = _text(meta, "verdict", at, problems)
    if len(verdict) > VERDICT_MAX:
        problems.append(Diagnostic(Level.WARNING, at("verdict"),
                                   f"the verdict has {len(verdict)} characters; lists read best under {VERDICT_MAX}"))
    return verdict


def _date(meta: dict[str, Any], at: At, problems: list[Diagnostic]) -> str:
    value = meta.get("date")
    if value is None:
        return ""
    text = value.isoformat()[:10] if isinstance(value, datetime.date) else str(value)
    date = iso_date(text)
    if not date or date != text.strip():
        problems.append(Diagnostic(Level.WARNING, at("date"),
                                   f"date: {value!r} is not a date written YYYY-MM-DD (or YYYY-MM, YYYY); left out"))
        return ""
    return date


def _topics(meta: dict[str, Any], at: At, problems: list[Diagnostic]) -> tuple[str, ...]:
    value = meta.get("topics")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        problems.append(Diagnostic(Level.ERROR, at("topics"),
                                   "topics: expected a list of names, e.g. topics: [Liver metastases, PET]"))
        return ()
    return unique_folded(str(v) for v in value)
