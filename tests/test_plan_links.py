"""The plan's links to articles and authors (plan/pages.py's ``Links``), made when a page's costly part asks for
them: the same links as made all at once, each made once, none made for the pages that are not rendered."""

from __future__ import annotations

import functools

import pytest
from markupsafe import escape

from site_builder.plan import pages as plan_pages
from site_builder.plan import urls


def test_a_made_value_is_made_once_and_kept() -> None:
    calls: list[str] = []

    def make(key: str) -> str:
        calls.append(key)
        return {"a": "A", "b": "B"}[key]

    made = plan_pages.Made(make)
    first = made["a"]
    assert made["a"] is first and calls == ["a"]
    with pytest.raises(KeyError):
        made["x"]
    assert dict(made) == {"a": "A"}  # the key it could not make is not kept


def _links_of(pages: list[plan_pages.Page]) -> plan_pages.Links:
    found = {id(arg): arg for p in pages if isinstance(p.more, functools.partial) for arg in p.more.args
             if isinstance(arg, plan_pages.Links)}
    assert len(found) == 1  # one Links for every page one folder down
    return next(iter(found.values()))


def test_the_plan_makes_no_article_or_author_link_until_a_page_asks(demo_site) -> None:
    site = demo_site.result.site
    pages = plan_pages.plan(site)
    links = _links_of(pages)
    assert len(links.articles) == 0 and len(links.authors) == 0
    topic = next(p for p in pages if p.template == "topic.html")
    shown = topic.full_context()["entries"]
    assert [e.source for e in shown] == [site.library.articles[k] for k in topic.context["listing"].keys]
    assert set(links.articles) == set(topic.context["listing"].keys) and len(links.authors) == 0


def test_every_pages_links_are_those_made_all_at_once(demo_site) -> None:
    """Each list's entries, each author index's names and each article's authors: as made for every article and
    author before any page asks."""
    site = demo_site.result.site
    lib = site.library
    pages = plan_pages.plan(site)
    shared = plan_pages._Escaped()
    articles = {k: plan_pages._entry(escape("../" + urls.article(k)), a, shared, site.article_parts[k])
                for k, a in lib.articles.items()}
    authors = {k: plan_pages.Named(escape("../" + urls.author(k)), escape(a.name)) for k, a in lib.authors.items()}
    key_of = {id(a): k for k, a in lib.articles.items()}
    seen = set()
    for page in pages:
        if page.more is None:
            continue
        context = page.full_context()
        for entry in context.get("entries", ()):
            assert entry == articles[key_of[id(entry.source)]]
            seen.add("entries")
        for _letter, names in context.get("letters", ()):
            assert all(named == authors[str(named.href).removeprefix("../authors/").removesuffix(".html")]
                       for named, _count in names)
            seen.add("letters")
    assert seen == {"entries", "letters"}
    links = _links_of(pages)
    assert all(links.articles[k] == articles[k] for k in lib.articles)
    assert all(links.authors[k] == authors[k] for k in lib.authors)

