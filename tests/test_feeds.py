"""Feed, sitemap and robots.txt planning (feeds.py): pure functions, checked on small hand-made inputs."""

from __future__ import annotations

import pytest

from site_builder.config import Config
from site_builder.model.article import Article, Person, Section
from site_builder.plan.feeds import atom_feed, files, rfc3339, sitemaps, summary

BASE = "https://me.github.io/reviews"  # as actions/configure-pages gives it: no trailing slash


def articles() -> dict[str, Article]:
    """Newest first, as the library orders them; the undated one last."""
    return {
        "b": Article(id="b", title="Newer", date="2022-03", authors=(Person("Doe, Jane", "Doe", "Jane"),),
                     lay_summary=(Section("", "Plain words."),)),
        "a": Article(id="a", title="Older", date="2019"),
        "u": Article(id="u", title="Undated"),
    }


@pytest.mark.parametrize(("date", "expected"), [
    ("2021-12-19", "2021-12-19T00:00:00Z"), ("2021-12", "2021-12-01T00:00:00Z"), ("2021", "2021-01-01T00:00:00Z"),
    ("2021-13", "1970-01-01T00:00:00Z"), ("spring 2021", "1970-01-01T00:00:00Z"),
])
def test_dates_become_rfc3339(date: str, expected: str) -> None:
    assert rfc3339(date) == expected


def test_a_long_summary_is_cut_at_a_word() -> None:
    text = summary((Section("BACKGROUND", "word " * 200),), limit=50)
    assert text.endswith(" …") and len(text) <= 52 and "wor …" not in text


def test_a_summary_keeps_the_records_typographic_spaces() -> None:
    """The Lancet's "20\u2009000-140\u2009000 cholera-related deaths" (PubMed 35544149): a thin space is part of the
    number, and the lines of an abstract still run together."""
    text = summary((Section("BACKGROUND", "There are 20\u2009000-140\u2009000\n  cholera-related deaths"),))
    assert text == "There are 20\u2009000-140\u2009000 cholera-related deaths"
    cut = summary((Section("", "a 20\u2009000 b"),), limit=6)
    assert cut == "a …"  # cut at a plain space, never inside "20\u2009000"


def test_the_feed_has_dated_articles_newest_first_with_full_addresses() -> None:
    feed = atom_feed(Config(base_url=BASE), articles())
    assert [e.title for e in feed.entries] == ["Newer", "Older"]
    assert feed.updated == "2022-03-01T00:00:00Z" and feed.self_href == BASE + "/feed.xml"
    assert feed.entries[0].href == BASE + "/articles/b.html" and feed.entries[0].authors == ("Jane Doe",)
    assert feed.entries[0].summary == "Plain words."


def test_without_a_base_url_the_feed_links_relatively_and_keeps_its_ids() -> None:
    local, public = atom_feed(Config(), articles()), atom_feed(Config(base_url=BASE), articles())
    assert local.entries[0].href == "articles/b.html" and local.home_href == "./"
    assert [e.id for e in local.entries] == [e.id for e in public.entries]  # moving the site changes no id


def test_sitemap_and_robots_only_with_a_base_url() -> None:
    paths = ["index.html", "articles/b.html", "404.html", "articles/b.bib"]
    assert [p for p, _t, _c in files(Config(), articles(), paths)] == ["feed.xml"]
    planned = {p: c for p, _t, c in files(Config(base_url=BASE), articles(), paths)}
    assert set(planned) == {"feed.xml", "sitemap.xml", "robots.txt"}
    assert planned["sitemap.xml"]["locations"] == (BASE + "/", BASE + "/articles/b.html")
    assert planned["robots.txt"]["sitemap"] == BASE + "/sitemap.xml"


def test_past_the_limit_the_sitemap_becomes_an_index() -> None:
    planned = sitemaps(BASE, [f"p{n}.html" for n in range(5)], limit=2)
    assert [(p, t) for p, t, _c in planned] == [("sitemap.xml", "sitemap_index.xml"), ("sitemap-1.xml", "sitemap.xml"),
                                                 ("sitemap-2.xml", "sitemap.xml"), ("sitemap-3.xml", "sitemap.xml")]
    assert planned[0][2]["sitemaps"][0] == BASE + "/sitemap-1.xml"
    assert planned[3][2]["locations"] == (BASE + "/p4.html",)
