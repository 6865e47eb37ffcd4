"""The library's keys and order: each sort as one sort by the whole key, its tie-breakers included, would give it."""

from __future__ import annotations

import hashlib

import hypothesis
import hypothesis.strategies as st

from site_builder.diagnostics import SourceSpan
from site_builder.model import library
from site_builder.model.article import Article, Record
from site_builder.model.normalize import slugify

_ARTICLES = st.lists(st.builds(
    lambda id_, title, date, path, line: Article(id_, title, date=date,
                                                 records=(Record("ris", SourceSpan(path, line), ()),)),
    st.sampled_from(["", "pubmed-1", "pubmed-2", "Pubmed-1", "doi-10.1/x", "index"]),
    st.sampled_from(["", "A title", "a Title", "Another", "Émile", "Z"]),
    st.sampled_from(["", "2020", "2020-05", "2021", "2019-12-31"]),
    st.sampled_from(["content/a.ris", "content/a-b/c.ris", "content/a/b.ris"]),
    st.integers(1, 3)), max_size=12)


def _keyed_as_one_sort(articles: list[Article]) -> dict[str, Article]:
    keyed: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: (a.id, a.where)):
        key = slugify(article.id or article.title, "article")
        if key in keyed:
            key = f"{key}-{hashlib.sha1(str(article.where).encode()).hexdigest()[:6]}"
        keyed[key] = article
    return keyed


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(_ARTICLES)
def test_keys_and_newest_first_are_those_of_one_sort_by_the_whole_key(articles: list[Article]) -> None:
    """Keys go in the order of (id, place of the first record), ids repeated or not; newest first is by date, then
    folded title, then key: sorted apart by each (library._key_articles, library.newest_first), the same."""
    keyed = library._key_articles(articles)
    assert list(keyed.items()) == list(_keyed_as_one_sort(articles).items())
    items = list(keyed.items())
    by_title = sorted(items, key=lambda ka: (ka[1].title.casefold(), ka[0]))
    assert library.newest_first(items) == sorted(by_title, key=lambda ka: ka[1].date, reverse=True)
