"""Citation keys: ``cazzato2021liver``, the same for an article in every export and every build.

A key is the first author's family name, the year and the first significant word of the title, in ASCII
(reference managers and LaTeX choke on anything else). Two articles with one key are told apart by a letter
given in the order of their ids, so an article's key depends on which articles share it, never on list order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from anyascii import anyascii

from ..model.article import Article
from .parts import is_group

# Words a title may start with that say nothing about it.
_STOPWORDS = frozenset(
    {"a", "an", "the", "of", "on", "in", "for", "and", "to", "at", "by", "from", "with", "into", "about", "as"}
    | {"is", "are", "be", "its", "this", "that", "der", "die", "das", "le", "la", "les", "el"}
)


def _ascii_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", anyascii(text).lower())


def base_key(article: Article) -> str:
    """The key before de-duplication: family name, year, first significant title word ("cazzato2021liver")."""
    first = article.authors[0] if article.authors else None
    if first is None:
        name = "anon"
    elif is_group(first):
        name = next(iter(_ascii_words(first.name)), "anon")
    else:
        name = "".join(_ascii_words(first.family)) or "anon"
    words = _ascii_words(article.title)
    word = next((w for w in words if w not in _STOPWORDS), words[0] if words else "")
    return f"{name}{article.year}{word}"


def citation_keys(articles: Iterable[Article]) -> dict[str, str]:
    """A unique key per article id: the base key, then ``b``, ``c``… for the 2nd, 3rd article (by id) sharing it."""
    return keyed_citation_keys((article.id, article) for article in articles)


def keyed_citation_keys(articles: Iterable[tuple[str, Article]]) -> dict[str, str]:
    """The same for articles under keys of the caller's (a site's page keys, unique even when ids repeat)."""
    return keys_and_shared(articles)[0]


def keys_and_shared(articles: Iterable[tuple[str, Article]], bases: Mapping[str, str] | None = None
                    ) -> tuple[dict[str, str], frozenset[str]]:
    """``keyed_citation_keys``, and the keys of the articles that share their base key with another: the only
    ones whose citation key the other articles decide (an article alone with its base key has that key).
    ``bases``: each article's base_key by its key, made already."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for ident, article in articles:
        ids = by_base[bases[ident] if bases is not None else base_key(article)]
        if ident not in ids:
            ids.append(ident)
    taken = set(by_base)
    keys: dict[str, str] = {}
    for base in sorted(by_base):
        ids = sorted(by_base[base])
        keys[ids[0]] = base
        for article_id in ids[1:]:
            keys[article_id] = _next_free(base, taken)
    return keys, frozenset(ident for ids in by_base.values() if len(ids) > 1 for ident in ids)


def _next_free(base: str, taken: set[str]) -> str:
    """``base`` + the first letter suffix (b, c, …, z, ba, bb, …) no other key uses."""
    n = 1
    while True:
        suffix, m = "", n
        while m:
            m, digit = divmod(m, 26)
            suffix = "abcdefghijklmnopqrstuvwxyz"[digit] + suffix
        if base + suffix not in taken:
            taken.add(base + suffix)
            return base + suffix
        n += 1
