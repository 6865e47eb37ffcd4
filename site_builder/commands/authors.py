"""``site-builder authors``: which names were taken for one person, on what evidence, and which were kept apart.

The same stages as the build up to the library (read, articles, one article per work, authors.toml), then
people.py's resolution printed as text, so a user can check the merges and correct them in authors.toml.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..model.merge import merge_articles
from ..model.people import Merge, NearMiss, People, resolve
from ..model.people_rules import AUTHORS_FILE, load_rules
from ..plan import urls
from ..readers.files import read_articles


def explain_site(site_dir: Path) -> tuple[list[str], Report]:
    """The report's lines for the site in ``site_dir``, and the problems met on the way."""
    report = Report()
    articles = report.take(merge_articles(read_articles(site_dir, report)))
    rules, problems = load_rules(site_dir, articles)
    report.extend(problems)
    people = resolve({str(n): a.authors for n, a in enumerate(articles)}, rules, explain=True)
    return explain(people), report


def explain(people: People) -> list[str]:
    lines = [f"{len(people.names):,} people; {len(people.merges):,} known by more than one name."]
    if people.merges:
        lines += ["", "Merged (each name with its number of articles and the evidence):"]
        for merge in people.merges:
            lines += _merge_lines(merge)
    lines += ["", f"Near misses, kept apart: {len(people.near_misses):,}."]
    for miss in people.near_misses:
        lines += _near_miss_lines(miss)
    lines += ["", f"To decide otherwise, list the names in {AUTHORS_FILE} in the site folder:",
              '  [[merge]]  names = ["Family, Given", "Family, G"]   or   '
              '[[keep_apart]]  names = ["Family, Given", "Family, G"]']
    return lines


def _merge_lines(merge: Merge) -> list[str]:
    lines = ["", f"  {merge.name}  ({urls.author(merge.key)})"]
    width = max(len(name) for name, _, _ in merge.names)
    for name, count, why in merge.names:
        articles = f"{count:,} article{'s' if count != 1 else ''}"
        lines.append(f"    {name:<{width}}  {articles:<12}  {why or 'the name shown'}")
    return lines


def _near_miss_lines(miss: NearMiss) -> list[str]:
    return [f"  {' | '.join(miss.names)}", f"    {miss.reason}"]
