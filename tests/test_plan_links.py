"""The plan's links to articles and authors (plan/pages.py's ``Links``), made when a page's costly part asks for
them: the same links as made all at once, each made once, none made for the pages that are not rendered; and
each article's own parts of them as the build cache keeps them (output/cache.py's ``article_parts``)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from markupsafe import escape

from site_builder.build import build
from site_builder.output import cache, fingerprints
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



def test_kept_plan_parts_of_another_kind_are_made_again(demo_copier, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's parts as the build cache holds them are taken only when each value is of its kind (its key,
    three texts of HTML, the packed ranks, the citation key's base): any other is made again, never shown."""
    result = build(demo_copier(tmp_path / "site"), tmp_path / "_site")
    assert result.site is not None and result.kept_cache is not None
    articles = result.site.library.articles
    digests = fingerprints.article_digests(articles.values())
    kept = cache.ShardedMap(result.kept_cache, "parts", cache.code_digest(cache.PARTS_CODE), filed=cache._digest_file)
    whole = kept.whole()
    (title_bytes, first), (one_short, second) = list(articles.items())[:2]
    was = whole[digests[id(first)][1]]
    whole[digests[id(first)][1]] = (was[0], str(was[1]).encode(), *was[2:])
    whole[digests[id(second)][1]] = whole[digests[id(second)][1]][:5]
    kept.save(whole)
    made: list[str] = []
    make = plan_pages.article_parts
    monkeypatch.setattr(plan_pages, "article_parts", lambda key, article: made.append(key) or make(key, article))
    found = cache.article_parts(result.kept_cache, articles, digests)
    assert sorted(made) == sorted([title_bytes, one_short])
    assert found == {key: make(key, article) for key, article in articles.items()}
    assert all(type(text) is str for key, parts in found.items() if key not in made for text in parts[:3])


def test_every_article_page_is_as_the_plan_makes_any_page(demo_site) -> None:
    """Article pages are made without ``_page``, for speed: the same path, template, context and flags."""
    site = demo_site.result.site
    pages = [p for p in plan_pages.plan(site) if p.template == "article.html"]
    assert [p.path for p in pages] == [urls.article(k) for k in site.library.articles]
    for page, (key, article) in zip(pages, site.library.articles.items(), strict=True):
        made = plan_pages._page(site, page.path, "article.html", prose=article.summary is not None, key=key,
                                article=article, shared=site.shared_facets)
        assert (page.context, list(page.context), page.prose) == (made.context, list(made.context), made.prose)
        assert isinstance(page.more, functools.partial) and page.more.args[2:] == (key, article)
    assert any(p.prose for p in pages) and not all(p.prose for p in pages)
