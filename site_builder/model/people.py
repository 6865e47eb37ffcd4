"""Who is who: the person behind each name of each byline, so that one person gets one author page.

Sources write one name many ways: "Cazzato, Roberto Luigi" (catalogue, MEDLINE FAU), "Cazzato, RL" (MEDLINE AU),
"Cazzato, R. L." (BibTeX), {"family": "Cazzato", "given": "Roberto Luigi"} (CSL-JSON), "Hubele, Fabrice" for
"Hubelé, Fabrice". The rules, in the order they apply:

1. Spellings that differ only in accents, case, spacing and punctuation are one name form from the start.
2. An ORCID decides: the names seen with one ORCID are one person; two ORCIDs are two people.
3. Otherwise a name joins a person when the family names are equal (folded) and the given names fit every name
   of that person, word by word: two full words must be equal, an initial fits the words it begins, and a
   missing middle name is no contradiction beside a shared written-out name ("Roberto" fits "Roberto Luigi";
   "Roberto" never fits "Rita", and "Wontae" does not fit "W Ray", whose R stands for nothing in "Wontae").
4. Two names on one byline are two people: co-authors are never merged.
5. A name that fits more than one person joins none (a near miss): "Cazzato, R" stays alone when both Roberto
   and Rita are in the collection.
6. A name with initials only joins a person only when that person has a full given name in the collection.
7. A common family name needs more than names that fit: the same written-out name ("Kim, Wonyong" and
   "Kim, Wonyong"), or a co-author both names share. A family is common when the collection itself holds
   ``COMMON_FAMILY`` or more different first names with it (Wang, Zhang, Kim, Lee, Smith… in any collection of
   a few thousand records): a "Kim, W" is then as likely a Kim not yet seen as the one Kim W the collection
   happens to have.
8. The site's ``authors.toml`` has the last word: ``[[merge]]`` forces names together, ``[[keep_apart]]``
   keeps them apart (see people_rules.py).

Names are taken richest first (most parts, then most full given names), so a person is founded by their fullest
form and the shorter forms are judged against it. Every join keeps its evidence for ``site-builder authors``.
Every byline keeps the name as its record writes it; the person's page may show one heading, and lists every
form seen.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .article import Person
from .names import NameForm, fits, fold, name_form, same_full_name, why_not
from .normalize import alnum, slugify
from .people_rules import Rules

COMMON_FAMILY = 3
"""Different first names a family needs in the collection to count as common (rule 7). Three rather than two:
two Cazzatos, Roberto and Rita, are the ambiguity rule 5 already handles. In the shared corpus of 6,300 records
(14,000 people) 270 of 10,300 families reach it, led by Wang (102 first names), Zhang, Li, Chen, Liu, Wu, Zhou,
then Lee, Kim, Kumar, Singh, Nguyen, Park, Smith."""


@dataclass(eq=False)
class _Unit:
    """Every occurrence of one name form with one ORCID (or none)."""

    form: NameForm
    orcid: str
    written: Counter[str] = field(default_factory=Counter)
    """Spellings as written, with the number of articles they appear in."""
    articles: set[str] = field(default_factory=set)
    """The articles whose byline holds the name."""


@dataclass(eq=False)
class _Cluster:
    units: list[_Unit]
    why: dict[int, str] = field(default_factory=dict)
    """id(unit) → why it joined (the founding unit has none)."""
    articles: set[str] = field(default_factory=set)
    """The articles of every unit here: its founding unit's own set until another joins (most people are one
    unit: a copy for each was 6 MB of the library worker's peak at 10,000 records, by tracemalloc), never
    changed in place."""

    def add(self, unit: _Unit, why: str = "") -> None:
        self.units.append(unit)
        self.articles = self.articles | unit.articles
        if why:
            self.why[id(unit)] = why

    @property
    def orcids(self) -> set[str]:
        return {u.orcid for u in self.units if u.orcid}

    def accepts(self, unit: _Unit, rules: Rules) -> bool:
        """The unit fits every same-family name here, shares no byline with them (co-authors are two people),
        and the rules do not keep any of them apart."""
        same = [u for u in self.units if u.form.family == unit.form.family]
        return bool(same) and all(fits(u.form, unit.form) for u in same) and self.articles.isdisjoint(
            unit.articles) and not any(rules.kept_apart(u.form, unit.form) for u in self.units)

    def best_name(self) -> str:
        """The page's heading: the fullest form (initials written apart rank above the same letters run
        together), then the most used spelling, then one with its accents and hyphens, then one that starts with
        the whole family name, then A–Z."""
        if len(self.units) == 1 and len(self.units[0].written) == 1:  # one spelling: most people
            return next(iter(self.units[0].written))
        scored = [(u.form.richness, n, name, _family_first(name, u.form)) for u in self.units
                  for name, n in u.written.items()]
        return min(scored, key=lambda s: (tuple(-x for x in s[0]), -s[1], -_marks(s[2]), not s[3], s[2]))[2]


def _family_first(name: str, form: NameForm) -> bool:
    """Whether a spelling opens with the whole family name, particles included: "ten Doesschate, T" rather than
    Lens.org's "Doesschate, T. ten", which A–Z alone would have chosen for the heading."""
    return alnum(fold(name)).startswith(form.family)


def _marks(name: str) -> int:
    """Accents, hyphens and apostrophes: sources drop them ("Ruiz Velasco" for "Ruiz-Velasco"), never add them."""
    decomposed = unicodedata.normalize("NFD", name)
    return sum(1 for c in decomposed if unicodedata.combining(c) or c in "-\u2010\u2011'\u2019")


@dataclass(frozen=True, slots=True)
class Merge:
    """A person known by more than one spelling, with the evidence for each."""

    key: str
    name: str
    names: tuple[tuple[str, int, str], ...]
    """(spelling, articles, why it is this person); the shown name first, with an empty reason."""


@dataclass(frozen=True, slots=True)
class NearMiss:
    """Names of one family that were kept as different people, and why."""

    names: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class People:
    bylines: dict[str, tuple[tuple[str, str], ...]]
    """Article key → (person key, name as written there) for each name of its byline, in order; the key is ""
    for a name with no letters (no person)."""
    names: dict[str, str]
    """Person key → the name their page shows."""
    merges: tuple[Merge, ...]
    near_misses: tuple[NearMiss, ...]
    orcids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Person key → the ORCID iDs their bylines give them (one, unless authors.toml joins people of different
    iDs), for the people who have any."""


def resolve(bylines: Mapping[str, Sequence[Person]], rules: Rules | None = None, *,
            explain: bool = False) -> People:
    """The people behind every byline (the rules are in the module docstring). With ``explain``, the near
    misses too (pairs of people with names alike, which a build does not need)."""
    rules = rules or Rules()
    units, occurrences = _units(bylines)
    evidence = _Evidence(units, occurrences)
    clusters, near = _cluster(units, rules, evidence)
    clusters = _force(clusters, rules)
    shown = {id(c): c.best_name() for c in clusters}
    keys = _keys(clusters, shown)
    person_of = {id(u): keys[id(c)] for c in clusters for u in c.units}
    out = {article_key: tuple((person_of[id(unit)] if unit else "", written) for unit, written in found)
           for article_key, found in occurrences.items()}
    names = {keys[id(c)]: shown[id(c)] for c in clusters}
    orcids = {keys[id(c)]: tuple(sorted(found)) for c in clusters if (found := c.orcids)}
    merges = tuple(_merge_report(keys[id(c)], c) for c in sorted(clusters, key=lambda c: keys[id(c)])
                   if len({name for u in c.units for name in u.written}) > 1)
    near_misses = tuple(near) + _apart(clusters, rules, keys, evidence) if explain else ()
    return People(out, dict(sorted(names.items())), merges, near_misses, orcids)


Occurrences = dict[str, list[tuple[_Unit | None, str]]]


def _units(bylines: Mapping[str, Sequence[Person]]) -> tuple[list[_Unit], Occurrences]:
    units: dict[tuple[str, bool, str], _Unit] = {}
    occurrences: Occurrences = {}
    for article_key, people in bylines.items():
        found = occurrences.setdefault(article_key, [])
        counted: set[tuple[int, str]] = set()  # a spelling counts once per article
        for person in people:
            form = name_form(person)
            if form is None:
                found.append((None, person.name))
                continue
            unit = units.get((form.signature, form.group, person.orcid))  # strings hash once; forms every time
            if unit is None:
                unit = units[form.signature, form.group, person.orcid] = _Unit(form, person.orcid)
            if (id(unit), person.name) not in counted:
                counted.add((id(unit), person.name))
                unit.written[person.name] += 1
            unit.articles.add(article_key)
            found.append((unit, person.name))
    return list(units.values()), occurrences


def _order(unit: _Unit) -> tuple[int, int, int, int, str, bool, str]:
    """ORCID names first, then full names, richest first; initials last (they need a full form to join)."""
    tier = 0 if unit.orcid else 1 if unit.form.full or unit.form.group else 2
    words, parts, letters = unit.form.richness
    return (tier, -words, -parts, -letters, unit.form.signature, unit.form.group, unit.orcid)


def _cluster(units: list[_Unit], rules: Rules, evidence: _Evidence) -> tuple[list[_Cluster], list[NearMiss]]:
    clusters: list[_Cluster] = []
    by_orcid: dict[str, _Cluster] = {}
    index = _Index()
    near: list[NearMiss] = []
    for unit in sorted(units, key=_order):
        home = by_orcid.get(unit.orcid) if unit.orcid else None
        if home is not None and not any(rules.kept_apart(u.form, unit.form) for u in home.units):
            home.add(unit, f"same ORCID {unit.orcid}")
            index.add(unit, home)
            continue
        candidates = [] if unit.orcid or unit.form.group else [
            c for c in index.near(unit) if c.accepts(unit, rules) and _confirmed(unit, c)]
        why = _fit_reason(unit, candidates[0], evidence) if len(candidates) == 1 else ""
        if why:
            home = candidates[0]
            home.add(unit, why)
        else:
            home = _Cluster([unit], articles=unit.articles)
            clusters.append(home)
            if unit.orcid:
                by_orcid.setdefault(unit.orcid, home)
        index.add(unit, home)
        if len(candidates) > 1:
            near.append(NearMiss((_shown(unit), *(c.best_name() for c in candidates)),
                                 f"the first name fits {len(candidates)} people, so it joins none"))
    return clusters, near


class _Evidence:
    """What a common family name needs besides names that fit (rule 7): the same written-out name, or a shared
    co-author. Co-authors are told apart by family name and initials ("Smith JA" is "Smith, John A."), those of
    a common family do not count (a "Zhang C" on two papers is no evidence of one Gao Li), and they are worked
    out only for the names that need them."""

    def __init__(self, units: list[_Unit], occurrences: Occurrences) -> None:
        first_names: dict[str, set[str]] = {}
        for unit in units:
            if unit.form.full and not unit.form.group:
                first_names.setdefault(unit.form.family, set()).add("".join(unit.form.given[0]))
        self.people_named = {family: len(names) for family, names in first_names.items()}
        self.occurrences = occurrences
        self._coauthors: dict[int, frozenset[tuple[str, tuple[str, ...]]]] = {}

    def common(self, family: str) -> bool:
        return self.people_named.get(family, 0) >= COMMON_FAMILY

    def lacking(self, family: str) -> str:
        return (f"a common family name ({self.people_named.get(family, 0)} first names in the collection): names "
                "that fit are not enough without an ORCID, the same written-out name or a shared co-author")

    def coauthors(self, unit: _Unit) -> frozenset[tuple[str, tuple[str, ...]]]:
        found = self._coauthors.get(id(unit))
        if found is None:
            found = self._coauthors[id(unit)] = frozenset(
                (other.form.family, other.form.initials) for article in unit.articles
                for other, _ in self.occurrences[article]
                if other is not None and other is not unit and not self.common(other.form.family))
        return found

    def shared_coauthor(self, unit: _Unit, cluster: _Cluster) -> str:
        """A co-author of ``unit`` who also wrote with a name of ``cluster`` ("Family I"), or ""."""
        mine = self.coauthors(unit)
        shared = {key for u in cluster.units for key in self.coauthors(u) & mine}
        if not shared:
            return ""
        family, initials = min(shared)
        return f"{family.capitalize()} {''.join(initials).upper()}".strip()


class _Index:
    """People by family name and first initial: a name can only fit people whose names share both, so only
    those are compared (a collection's Wangs and Lis would otherwise be compared with each other)."""

    def __init__(self) -> None:
        self.by_initial: dict[tuple[str, str], dict[int, _Cluster]] = {}
        self.by_family: dict[str, dict[int, _Cluster]] = {}

    def add(self, unit: _Unit, cluster: _Cluster) -> None:
        self.by_family.setdefault(unit.form.family, {})[id(cluster)] = cluster
        if unit.form.initials:
            self.by_initial.setdefault((unit.form.family, unit.form.initials[0]), {})[id(cluster)] = cluster

    def near(self, unit: _Unit) -> list[_Cluster]:
        if not unit.form.initials:  # a family name alone fits anyone of that family
            return list(self.by_family.get(unit.form.family, {}).values())
        return list(self.by_initial.get((unit.form.family, unit.form.initials[0]), {}).values())


def _confirmed(unit: _Unit, cluster: _Cluster) -> bool:
    """Initials join only a person with a full given name of at least as many words, so every initial is
    accounted for: "Lee, S P" does not join "Lee, SangJoon", "Calabrese, E J" joins "Calabrese, Edward J"."""
    return unit.form.full or any(u.form.full and len(u.form.initials) >= len(unit.form.initials)
                                 for u in cluster.units if u.form.family == unit.form.family)


def _shown(unit: _Unit) -> str:
    return min(unit.written, key=lambda n: (-unit.written[n], n))


def _fit_reason(unit: _Unit, home: _Cluster, evidence: _Evidence) -> str:
    """Why the unit joins ``home``, its only candidate; "" when a common family name lacks the evidence."""
    kind = "initials" if not unit.form.full else "given names"
    fit = f"same family name; {kind} fit {home.best_name()!r}, the only person of that name they fit"
    if not evidence.common(unit.form.family):
        return fit
    if any(same_full_name(unit.form, u.form) for u in home.units):
        return f"{fit}; the same written-out name"
    coauthor = evidence.shared_coauthor(unit, home)
    return f"{fit}; both wrote with {coauthor}" if coauthor else ""


def _force(clusters: list[_Cluster], rules: Rules) -> list[_Cluster]:
    """Apply authors.toml's [[merge]] entries: every person holding one of the names becomes one."""
    for named, where in rules.merge:
        forms = {form for _, form in named}
        chosen = [c for c in clusters if any(u.form in forms for u in c.units)]
        if len(chosen) < 2:
            continue
        first = chosen[0]
        for other in chosen[1:]:
            for unit in other.units:
                first.add(unit, f"merged by {where}")
            clusters.remove(other)
    return clusters


def _keys(clusters: list[_Cluster], shown: dict[int, str]) -> dict[int, str]:
    """A page key per person: the slug of their name, taken by names in code-point order (people of one name
    by their ORCIDs or name forms); a second person with a slug gets a stable hash of who they are."""
    by_name: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        by_name.setdefault(shown[id(cluster)], []).append(cluster)
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for name in sorted(by_name):
        base = slugify(name, "author")
        for cluster in sorted(by_name[name], key=_identity) if len(by_name[name]) > 1 else by_name[name]:
            slug = base if base not in taken else f"{base}-{hashlib.sha1(_identity(cluster).encode()).hexdigest()[:6]}"
            taken.add(slug)
            keys[id(cluster)] = slug
    return keys


def _identity(cluster: _Cluster) -> str:
    """What tells two people of one name apart, for a stable key: their ORCIDs, else their name forms."""
    if cluster.orcids:
        return " ".join(sorted(cluster.orcids))
    return " ".join(sorted(u.form.signature for u in cluster.units))


def _merge_report(key: str, cluster: _Cluster) -> Merge:
    shown = cluster.best_name()
    rows: list[tuple[str, int, str]] = []
    for unit in cluster.units:
        for name, n in sorted(unit.written.items(), key=lambda kv: (-kv[1], kv[0])):
            if name == shown:
                continue
            same_form = shown in unit.written or (id(unit) not in cluster.why)
            why = "the same name, accents, case and punctuation aside" if same_form else cluster.why[id(unit)]
            rows.append((name, n, why))
    count = sum(u.written.get(shown, 0) for u in cluster.units)
    return Merge(key, shown, ((shown, count, ""), *rows))


def _apart(clusters: list[_Cluster], rules: Rules, keys: dict[int, str], evidence: _Evidence
           ) -> tuple[NearMiss, ...]:
    """People of one family whose given names start alike but were kept apart, each pair with its reason."""
    buckets: dict[tuple[str, str], dict[int, _Cluster]] = {}
    for cluster in clusters:
        for unit in cluster.units:
            if unit.form.initials:
                buckets.setdefault((unit.form.family, unit.form.initials[0]), {})[id(cluster)] = cluster
    found: list[NearMiss] = []
    seen: set[tuple[int, int]] = set()
    for (family, _), bucket in sorted(buckets.items()):
        people = sorted(bucket.values(), key=lambda c: keys[id(c)])
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                reason = "" if (id(a), id(b)) in seen else _why_apart(family, a, b, rules, evidence)
                seen.add((id(a), id(b)))
                if reason:
                    found.append(NearMiss((a.best_name(), b.best_name()), reason))
    return tuple(found)


def _why_apart(family: str, a: _Cluster, b: _Cluster, rules: Rules, evidence: _Evidence) -> str:
    forms_a = [u.form for u in a.units if u.form.family == family]
    forms_b = [u.form for u in b.units if u.form.family == family]
    if not any(_first_fits(x, y) for x in forms_a for y in forms_b):
        return ""  # "Allen, Charles" and "Allen, Christopher" are plainly two people: not worth a line
    if any(rules.kept_apart(x, y) for x in forms_a for y in forms_b):
        return "kept apart by authors.toml"
    if a.orcids and b.orcids and not a.orcids & b.orcids:
        return "different ORCIDs"
    misfit = next((reason for x in forms_a for y in forms_b if (reason := why_not(x, y))), "")
    if misfit:
        return misfit
    if a.articles & b.articles:
        return "named together on one byline: co-authors are two people"
    forms = (*forms_a, *forms_b)
    written_out = [len(f.initials) for f in forms if f.full]
    if not written_out:
        return "initials only: no full given name in the collection confirms them"
    if any(len(f.initials) > max(written_out) for f in forms if not f.full):
        return "the initials are not all accounted for by a full given name"
    if evidence.common(family) and not a.orcids & b.orcids:
        return evidence.lacking(family)
    return "the names fit, but at least one of them fits another person too"


def _first_fits(x: NameForm, y: NameForm) -> bool:
    """The first given words agree (equal, or an initial of the other)."""
    if not x.given or not y.given:
        return False
    return fits(NameForm(x.family, x.given[:1]), NameForm(y.family, y.given[:1]))
