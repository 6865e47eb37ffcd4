"""The Library: every article, author, topic, journal and year by key, with the maps between them.

Built once from the articles; every ordering is explicit with a tie-breaker, so the same input always gives the
same keys and the same lists. Keys double as slugs in page paths.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import marshal
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from .article import Article, Person
from .normalize import alnum, name_key, slugify
from .packing import byline_digest
from .people import People, resolve
from .people_rules import Rules

RELATED_LIMIT = 4
"""Related articles on an article's page (each about 330 bytes, 10,000 times over at 10,000 records)."""
_RELATED_SCAN = 15  # newest articles looked at per shared topic; bounds the cost of huge topics


@dataclass(frozen=True, slots=True)
class Author:
    key: str
    name: str
    """The fullest name, as most often written (people.py decides who is who and which name is shown)."""
    variants: tuple[str, ...]
    """Every other spelling seen for this person."""
    articles: tuple[str, ...]
    """Article keys, newest first."""
    orcids: tuple[str, ...] = ()
    """The ORCID iDs their records give them: one, unless authors.toml joins people of different iDs."""


@dataclass(frozen=True, slots=True)
class Group:
    """A topic, journal or year: a named list of articles."""

    key: str
    name: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Library:
    articles: dict[str, Article]
    """By key, newest first."""
    article_authors: dict[str, tuple[str, ...]]
    """Article key → author keys in byline order, each person once."""
    bylines: dict[str, tuple[str, ...]]
    """Article key → the author key of each name of ``Article.authors`` ("" for a name with no person), so that a
    byline shows every name as its record writes it, linked to the person's page."""
    article_topics: dict[str, tuple[str, ...]]
    article_journal: dict[str, str]
    authors: dict[str, Author]
    """A–Z by key."""
    topics: dict[str, Group]
    """A–Z by name."""
    journals: dict[str, Group]
    years: dict[str, Group]
    """Newest first; undated articles under the key "undated"."""
    rank: dict[str, int]
    """Article key → its place, newest first."""
    sorted_bylines: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Filled as pages ask (_sorted_authors): each process that renders keeps its own."""
    made_from: bytes = field(default=b"", init=False, compare=False, repr=False)
    """A digest of all build_library made the library from (``_made_from``): equal digests, equal libraries, by
    the same code. Set by build_library alone: a library made or changed (dataclasses.replace) any other way has
    none."""

    # What only one page shows is worked out when that page is rendered, in the worker that renders it, rather
    # than for every author and article before any page is.

    def coauthors(self, author_key: str, limit: int | None = None) -> tuple[tuple[str, int], ...]:
        """(author key, articles written together), most shared first; only the first ``limit`` when given, so
        that each name of a byline of thousands does not list all the others."""
        articles = self.authors[author_key].articles
        if len(articles) == 1:  # two authors in three: everyone on the one byline, once
            byline = self._sorted_authors(articles[0])[:None if limit is None else limit + 1]
            return tuple((other, 1) for other in byline if other != author_key)[:limit]
        return _ranked(Counter(other for article in articles
                               for other in self.article_authors[article] if other != author_key), limit)

    def frequent_coauthors(self, author_key: str, limit: int) -> tuple[tuple[tuple[str, int], ...], int]:
        """(author key, articles written together) of those who wrote more than one article with this author,
        most shared first, the first ``limit``; and how many people wrote with this author. One count of the
        author's bylines for both, and only the few met again ranked (most co-authors wrote one article with the
        author: ranking them all, and counting them again apart, was most of what an author's page spent on its
        co-authors)."""
        articles = self.authors[author_key].articles
        if len(articles) == 1:
            return (), len(self.article_authors[articles[0]]) - 1
        together = Counter(itertools.chain.from_iterable(map(self.article_authors.__getitem__, articles)))
        del together[author_key]
        return _ranked({other: n for other, n in together.items() if n > 1}, limit), len(together)

    def _sorted_authors(self, article_key: str) -> tuple[str, ...]:
        """An article's author keys in key order, sorted once per build (every author of it asks)."""
        found = self.sorted_bylines.get(article_key)
        if found is None:
            found = self.sorted_bylines[article_key] = tuple(sorted(self.article_authors[article_key]))
        return found

    def author_topics(self, author_key: str) -> tuple[tuple[str, int], ...]:
        """(topic key, articles), most frequent first."""
        articles = self.authors[author_key].articles
        if len(articles) == 1:
            return tuple((topic, 1) for topic in sorted(self.article_topics[articles[0]]))
        return _ranked(Counter(itertools.chain.from_iterable(map(self.article_topics.__getitem__, articles))))

    def related(self, key: str) -> tuple[str, ...]:
        """Articles sharing authors (weighted most) or topics, best first; newer wins a tie.

        Only the newest few articles of each author and topic are scored: a prolific author or a large topic
        would otherwise make this quadratic in the size of the collection.
        """
        score: dict[str, int] = {}
        for author_key in self.article_authors[key]:
            articles = self.authors[author_key].articles
            if len(articles) == 1:  # this article alone: nothing to score
                continue
            for other in articles[:_RELATED_SCAN]:
                score[other] = score.get(other, 0) + 10
        for topic_key in self.article_topics[key]:
            for other in self.topics[topic_key].articles[:_RELATED_SCAN]:
                score[other] = score.get(other, 0) + 1
        score.pop(key, None)
        rank = self.rank
        best = heapq.nsmallest(RELATED_LIMIT, [(-points, rank[k], k) for k, points in score.items()])
        return tuple(k for _, _, k in best)


def assign_keys(names: Iterable[str], fallback: str) -> dict[str, str]:
    """A unique slug per distinct name: the first name (code-point order) of a slug keeps it, others get a hash.

    A hash of the name, not a counter, keeps a page's address stable when other names come and go.
    """
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        slug = slugify(name, fallback)
        if slug in taken:
            slug = f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
        taken.add(slug)
        keys[name] = slug
    return keys


def newest_first(articles: list[tuple[str, Article]]) -> list[tuple[str, Article]]:
    # By key, then by folded title, then by date, each sort keeping the order of the one before (as a sort by
    # (folded title, key) would, without making and comparing a tuple for each: 20 -> 14 ms at 10,000 records)
    by_key = sorted(articles, key=itemgetter(0))
    by_title = sorted(by_key, key=lambda ka: ka[1].title.casefold())
    return sorted(by_title, key=lambda ka: ka[1].date, reverse=True)


Remember = Callable[[bytes, Callable[[], Any]], Any]
"""Given a digest of all some work reads and the work itself: what the work made from the same inputs in an earlier
build, or what it makes now (then kept). The build cache offers one (output/cache.py)."""


Apart = Callable[[Callable[[], Any], Callable[[], object]], Any]
"""Given work and what to do meanwhile: what the work makes, made in another process where one can be had while
this one does the other (workers.apart)."""
PEOPLE_APART_MIN = 2000
"""From this many articles, who is who is worked out by ``apart`` when given one: that work leaves many small
objects behind (name forms, clusters), whose holes among the model's objects a process keeps to its end (at
10,000 records 3.6 kB an article of the building process's memory)."""


def build_library(articles: list[Article], rules: Rules | None = None, remember: Remember | None = None,
                  apart: Apart | None = None, bylines_known: Mapping[int, bytes] | None = None,
                  remember_parts: Remember | None = None,
                  meanwhile: Callable[[dict[str, Article]], object] | None = None) -> Library:
    """The library of ``articles``; ``rules`` are the site's authors.toml (people.py merges name variants). With
    ``remember``, who is who is worked out again only when a byline or a rule changed; with ``apart``, in
    another process on a large collection. ``bylines_known``: the packing.byline_digest of articles' authors by
    the article's id, as unpacking gave them (packing.Shared.bylines); those of the others are made here. With
    ``remember_parts``, everything but the articles and their order is worked out again only when a part of an
    article it reads (``_made_from``) or a rule changed: an edit to a title or a summary leaves them as they were.
    ``meanwhile`` is given the articles by key, newest first (the library's ``articles``), once: work of the
    caller's that needs them alone, done while ``apart`` works out who is who (a core the build would leave idle),
    else before the library is made."""
    keyed = _key_articles(articles)
    ordered = dict(newest_first(list(keyed.items())))
    rank = {key: n for n, key in enumerate(ordered)}
    known = bylines_known if bylines_known is not None else {}
    byline_digests = [known.get(id(a)) or byline_digest(a.authors) for a in ordered.values()]
    made_from = _made_from(ordered, rules, byline_digests)
    made_now: list[_Parts] = []

    def then() -> None:  # meanwhile, once: while the worker works out who is who, or when there was no worker
        nonlocal meanwhile
        do, meanwhile = meanwhile, None
        if do is not None:
            do(ordered)

    def made() -> tuple[list[Any], ...]:
        people = _people({k: a.authors for k, a in ordered.items()}, rules, remember,
                         apart if apart is not None and len(ordered) >= PEOPLE_APART_MIN else None,
                         lambda: byline_digests, then)
        made_now.append(_parts(ordered, people))
        return _plain(made_now[0], list(ordered))

    if remember_parts is None:
        made()
    else:
        plain = remember_parts(made_from, made)
        if not made_now and not _fits(plain, len(ordered)):  # kept by the same code: never, but never fatal
            made()
    then()  # who is who kept, or worked out here: nothing to wait for
    parts = made_now[0] if made_now else _from_plain(plain, list(ordered))
    library = Library(articles=ordered, rank=rank, **parts._asdict())
    object.__setattr__(library, "made_from", made_from)  # frozen, and left out of __init__ (see made_from)
    return library


class _Parts(NamedTuple):
    """The library's fields but its articles, their ranks and what it was made from."""

    article_authors: dict[str, tuple[str, ...]]
    bylines: dict[str, tuple[str, ...]]
    article_topics: dict[str, tuple[str, ...]]
    article_journal: dict[str, str]
    authors: dict[str, Author]
    topics: dict[str, Group]
    journals: dict[str, Group]
    years: dict[str, Group]


def _made_from(articles: dict[str, Article], rules: Rules | None, byline_digests: list[bytes]) -> bytes:
    """A digest of the rules and of every part of ``articles`` that the library reads, each article's in order
    with its key (which, with that order, stands for its id, title and date): ``byline_digests`` for their
    authors."""
    made_from = hashlib.blake2b(b"library\0" + repr(rules or Rules()).encode(), digest_size=16)
    made_from.update(marshal.dumps([(k, d, a.topics, a.journal, a.journal_abbrev, a.journal_names, a.journal_sources,
                                     a.year, a.author_spellings)
                                    for (k, a), d in zip(articles.items(), byline_digests, strict=True)], 0))
    return made_from.digest()


def _parts(ordered: dict[str, Article], people: People) -> _Parts:
    bylines, article_authors = _bylines(ordered, people)
    folded = _NameKeys()
    topic_keys = assign_keys((folded[t] for a in ordered.values() for t in a.topics), "topic")
    # topic keys are slugs, never empty and clean as they are: each once, without unique()'s cleaning
    article_topics = {k: tuple(dict.fromkeys([topic_keys[folded[t]] for t in a.topics])) for k, a in ordered.items()}
    journal_of = _same_journals(ordered.values(), folded)
    journal_keys = assign_keys((journal_of[folded[a.journal]] for a in ordered.values() if a.journal), "journal")
    article_journal = {k: journal_keys[journal_of[folded[a.journal]]] for k, a in ordered.items() if a.journal}
    topics = _groups(ordered, article_topics, lambda k, a: a.topics)
    titles = frozenset(a.journal for a in ordered.values() if a.journal_abbrev and a.journal_abbrev != a.journal)
    journals = _journal_groups(ordered, article_journal, lambda name: journal_of.get(folded[name], ""), titles)
    return _Parts(
        article_authors=article_authors, bylines=bylines, article_topics=article_topics,
        article_journal=article_journal, authors=_authors(ordered, people, article_authors),
        topics=dict(sorted(topics.items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        journals=dict(sorted(journals.items(), key=lambda kv: (kv[1].name.casefold(), kv[0]))),
        years=_year_groups(ordered),
    )


def _plain(parts: _Parts, keys: list[str]) -> tuple[list[Any], ...]:
    """The parts as the build cache keeps them, as lists of values the parts hold, so that making and loading
    them leaves no small objects to be let go among the library's (the model's memory keeps their holes): what
    each article has, in the articles' order (``keys``, which are not kept), then each field of the authors and
    of each kind of group, a list each."""
    authors = parts.authors.values()
    return ([parts.article_authors[k] for k in keys], [parts.bylines[k] for k in keys],
            [parts.article_topics[k] for k in keys], [parts.article_journal.get(k, "") for k in keys],
            *([getattr(a, name) for a in authors] for name in _AUTHOR_FIELDS),
            *([getattr(g, name) for g in groups.values()] for groups in (parts.topics, parts.journals, parts.years)
              for name in _GROUP_FIELDS))


_AUTHOR_FIELDS = ("key", "name", "variants", "articles", "orcids")
_GROUP_FIELDS = ("key", "name", "articles")
_PLAIN_LISTS = 4 + len(_AUTHOR_FIELDS) + 3 * len(_GROUP_FIELDS)


def _fits(plain: Any, count: int) -> bool:
    """Whether ``plain`` is as ``_plain`` makes it for ``count`` articles."""
    return (type(plain) is tuple and len(plain) == _PLAIN_LISTS and all(type(p) is list for p in plain)
            and all(len(p) == count for p in plain[:4]))


def _from_plain(plain: tuple[list[Any], ...], keys: list[str]) -> _Parts:
    article_authors, bylines, article_topics, article_journal = plain[:4]
    authors = plain[4:4 + len(_AUTHOR_FIELDS)]
    topics, journals, years = (plain[at:at + len(_GROUP_FIELDS)] for at in range(4 + len(_AUTHOR_FIELDS),
                                                                                    _PLAIN_LISTS, len(_GROUP_FIELDS)))
    return _Parts(
        article_authors=dict(zip(keys, article_authors, strict=True)), bylines=dict(zip(keys, bylines, strict=True)),
        article_topics=dict(zip(keys, article_topics, strict=True)),
        article_journal={k: j for k, j in zip(keys, article_journal, strict=True) if j},
        authors={row[0]: Author(*row) for row in zip(*authors, strict=True)},
        topics=_groups_of(topics), journals=_groups_of(journals), years=_groups_of(years),
    )


def _groups_of(columns: tuple[list[Any], ...]) -> dict[str, Group]:
    return {row[0]: Group(*row) for row in zip(*columns, strict=True)}


def _people(bylines: dict[str, tuple[Person, ...]], rules: Rules | None, remember: Remember | None,
            apart: Apart | None = None, digests: Callable[[], list[bytes]] | None = None,
            meanwhile: Callable[[], object] = lambda: None) -> People:
    """resolve(bylines, rules) as far as a library needs it (bylines, names and ORCID iDs), from ``remember`` when the
    bylines (every field of every Person, in order) and the rules are those of an earlier build; by ``apart``
    when given, while this process does ``meanwhile``. ``digests`` gives each byline's packing.byline_digest, in
    the order of ``bylines``."""
    Found = tuple[dict[str, tuple[tuple[str, str], ...]], dict[str, str], dict[str, tuple[str, ...]]]

    def resolved() -> Found:  # plain data, as the cache keeps it
        found = resolve(bylines, rules)
        return found.bylines, found.names, found.orcids

    def made() -> Found:
        return apart(resolved, meanwhile) if apart is not None else resolved()

    if remember is None:
        found_bylines, names, orcids = made()
    else:
        found = digests() if digests is not None else [byline_digest(people) for people in bylines.values()]
        inputs = hashlib.blake2b(repr(rules or Rules()).encode(), digest_size=16)
        inputs.update(marshal.dumps(list(zip(bylines, found, strict=True)), 0))  # each key with its byline's
        found_bylines, names, orcids = remember(inputs.digest(), made)
    return People(found_bylines, names, (), (), orcids)


def _bylines(articles: dict[str, Article], people: People
             ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Library.bylines and Library.article_authors: a byline that names each person once, as most do, is its
    own list of authors (one tuple for both)."""
    bylines: dict[str, tuple[str, ...]] = {}
    article_authors: dict[str, tuple[str, ...]] = {}
    for key in articles:
        byline = bylines[key] = tuple([author_key for author_key, _ in people.bylines[key]])
        each_once = dict.fromkeys(byline)
        each_once.pop("", None)
        article_authors[key] = byline if len(each_once) == len(byline) else tuple(each_once)
    return bylines, article_authors


_ID = attrgetter("id")


def _key_articles(articles: list[Article]) -> dict[str, Article]:
    """Page keys from ids (or titles): the same id twice gets a hashed suffix, in source order."""
    keyed: dict[str, Article] = {}
    ids = [a.id for a in articles]
    # by id alone where no id repeats (nearly always): the same order, without a tuple and a look-up of the first
    # record's place for each article (17 -> 3 ms at 10,000 records)
    unique = len(set(ids)) == len(ids)
    for article in sorted(articles, key=_ID if unique else lambda a: (a.id, a.where)):
        key = slugify(article.id or article.title, "article")
        if key in keyed:
            key = f"{key}-{hashlib.sha1(str(article.where).encode()).hexdigest()[:6]}"
        keyed[key] = article
    return keyed


def _most_common(counter: Counter[str]) -> str:
    return min(counter, key=lambda name: (-counter[name], name))


def _journal_name(titles: frozenset[str], counter: Counter[str]) -> str:
    """A journal's name on its pages: a title (a record gave an abbreviation beside it, or the title in other
    capitals or punctuation) before an abbreviation, then the name most records give, its capitals and punctuation
    aside; of its spellings, the one in title case ("PLoS Biology" before PubMed's "PLoS biology"), then the one
    with more punctuation, which sources drop and never add (PubMed's "Journal of Health, Population and
    Nutrition" and "Occupational Medicine (Oxford)" before Web of Science's "Journal of Health Population and
    Nutrition" and "Occupational Medicine-Oxford"), then the most common; one in capitals only ("BIOCHEMISTRY", as
    Web of Science writes titles) last."""
    folded_titles = {_letters(title) for title in titles}
    spelt = Counter[str]()
    for name, count in counter.items():
        spelt[_letters(name)] += count
    return min(counter, key=lambda name: (name.isupper(), _letters(name) not in folded_titles,
                                          -spelt[_letters(name)], -sum(w[:1].isupper() for w in name.split()),
                                          -sum(not c.isalnum() and not c.isspace() for c in name),
                                          -counter[name], name))


def _letters(name: str) -> str:
    """A name's letters and digits, folded: what its spellings share."""
    return alnum(name.casefold())


def _journal_groups(articles: dict[str, Article], article_journal: dict[str, str], root: Callable[[str], str],
                    titles: frozenset[str]) -> dict[str, Group]:
    """Each journal's page: its articles, and its name (``_journal_name``) from the names each source record gives
    it (``Article.journal_sources``). CiteSource's gambling-harms searches name one journal "Journal of Gambling
    Studies" in 69 records (Scopus, PsycInfo, Criminal Justice Abstracts) and "Journal of gambling studies" in 40
    (PubMed, Lens.org), and the merged works kept PubMed's form, which gives an abbreviation beside it: counted by
    work, the page was headed by the fewer records' name."""
    members: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for key, article in articles.items():  # already newest first
        if (group_key := article_journal.get(key)) is None:
            continue
        members[group_key].append(key)
        own = root(article.journal)
        spellings[group_key].update(n for n in article.journal_sources or (article.journal,) if root(n) == own)
    return {g: Group(g, _journal_name(titles, spellings[g]), tuple(keys)) for g, keys in members.items()}


class _NameKeys(dict[str, str]):
    """``name_key`` of each name, worked out once for a library: many articles share a topic or a journal."""

    def __missing__(self, name: str) -> str:
        key = self[name] = name_key(name)
        return key


def _same_journals(articles: Iterable[Article], folded: dict[str, str]) -> dict[str, str]:
    """Each journal name (as ``name_key``) → the one name that stands for its journal: one source names a journal
    by its title ("Cancer discovery"), another by its abbreviation ("Cancer Discov"), and an article that gives
    both says they are one journal; so does a journal article whose sources name its journal in different ways
    (``Article.journal_names``). The smallest name of each such set stands for it."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for article in articles:
        names = [folded[n] for n in (article.journal, article.journal_abbrev, *article.journal_names) if n]
        for name in names:
            parent.setdefault(name, name)
        for other in names[1:]:
            first, second = sorted((root(names[0]), root(other)))
            parent[second] = first
    return {name: root(name) for name in parent}


def _groups(articles: dict[str, Article], article_groups: dict[str, tuple[str, ...]],
            names: Callable[[str, Article], tuple[str, ...]],
            chosen: Callable[[Counter[str]], str] = _most_common) -> dict[str, Group]:
    members: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for key, article in articles.items():  # already newest first
        for group_key, name in zip(article_groups.get(key, ()), names(key, article), strict=False):
            members[group_key].append(key)
            spellings[group_key][name] += 1
    return {g: Group(g, chosen(spellings[g]), tuple(keys)) for g, keys in members.items()}


def _year_groups(articles: dict[str, Article]) -> dict[str, Group]:
    members: dict[str, list[str]] = defaultdict(list)
    for key, article in articles.items():
        members[article.year or "undated"].append(key)
    dated = sorted((y for y in members if y != "undated"), reverse=True)
    years = [*dated, *(["undated"] if "undated" in members else [])]
    return {y: Group(y, "Undated" if y == "undated" else y, tuple(members[y])) for y in years}


def _authors(articles: dict[str, Article], people: People,
             article_authors: dict[str, tuple[str, ...]]) -> dict[str, Author]:
    """Each person's page: their articles (``article_authors``, each person once an article), name and other
    spellings."""
    works: dict[str, list[str]] = defaultdict(list)
    for key, author_keys in article_authors.items():
        for author_key in author_keys:
            works[author_key].append(key)
    # every form seen of each person's name: (person key, as written) once each, most people written one way
    written = dict.fromkeys(itertools.chain.from_iterable(people.bylines[key] for key in articles))
    for key, article in articles.items():
        if article.author_spellings:
            by_written = {name: author_key for author_key, name in dict.fromkeys(people.bylines[key]) if author_key}
            for person, others in zip(article.authors, article.author_spellings, strict=False):
                for other in others if person.name in by_written else ():
                    # Seen in another source of this work: a variant for the page, not an article more.
                    written[by_written[person.name], other] = None
    spellings: dict[str, list[str]] = {}
    for author_key, name in written:
        if author_key:
            spellings.setdefault(author_key, []).append(name)
    names, orcids = people.names, people.orcids
    authors = {}
    for author_key in sorted(works):
        name, seen = names[author_key], spellings[author_key]
        variants = () if len(seen) == 1 and seen[0] == name else tuple(sorted(n for n in set(seen) if n != name))
        authors[author_key] = Author(author_key, name, variants, tuple(works[author_key]),
                                     orcids.get(author_key, ()))
    return authors


def _ranked(counter: Mapping[str, int], limit: int | None = None) -> tuple[tuple[str, int], ...]:
    if limit is not None and len(counter) > limit:
        return tuple(heapq.nsmallest(limit, counter.items(), key=lambda kv: (-kv[1], kv[0])))
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
