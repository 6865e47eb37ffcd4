"""What a page's costly part read of the library (output/reads.py): the entries it asked for, found again by their
keys in another build's library; the rank by the order of the articles read, not their numbers."""

from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder.build import build
from site_builder.output import fingerprints, pagetable, reads
from site_builder.plan.pages import Page, Site

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, list[Page]]:
    site = tmp_path_factory.mktemp("reads") / "site"
    (site / "content" / "records").mkdir(parents=True)
    for source in sorted((REPO / "content" / "records").iterdir())[:8]:
        shutil.copy2(source, site / "content" / "records" / source.name)
    result = build(site, site.parent / "out")
    assert result.site is not None
    return result.site, result.planned()


def costly(pages: list[Page], template: str) -> list[functools.partial[dict[str, Any]]]:
    found = [p.more for p in pages if p.template == template and isinstance(p.more, functools.partial)]
    assert found
    return found  # type: ignore[return-value]


def with_site(more: functools.partial[dict[str, Any]], site: Site) -> functools.partial[dict[str, Any]]:
    """The same part, of another site."""
    return functools.partial(more.func, *[site if isinstance(a, Site) else a for a in more.args], **more.keywords)


def test_an_article_pages_part_reads_its_bylines_authors_and_topics(planned: tuple[Site, list[Page]]) -> None:
    site, pages = planned
    more = costly(pages, "article.html")[0]
    made, read = reads.call_noting(more)
    assert made == more()  # the views change nothing of what the part makes
    assert read is not None
    names = dict(read)
    key = more.args[2]
    assert key in names["library.bylines"] and key in names["library.article_authors"]
    assert set(site.library.article_authors[key]) <= set(names["library.authors"])
    assert all(tuple(sorted(keys)) == keys for keys in names.values())


def read_digest(more: functools.partial[dict[str, Any]], read: reads.Reads) -> bytes | None:
    """The digest a build gives the entries ``read`` names (fingerprints.Reuse._read_digest)."""
    reuse = fingerprints.Reuse(pagetable.PageTable(), fingerprints.Templates({}, True), fingerprints.Digester(None),
                               b"basis", ((), ()), frozenset())
    found = reuse._read_digest(more, read)
    return found[0] if found is not None else None


def test_related_articles_do_not_read_where_the_articles_stand_in_the_collection(
        planned: tuple[Site, list[Page]]) -> None:
    """An article added before all the others shifts every article's place: the related articles, and what the
    parts read, are the same."""
    site, pages = planned
    for more in costly(pages, "article.html"):
        read = reads.call_noting(more)[1]
        assert read is not None and "library.rank" not in dict(read)
        shifted = dataclasses.replace(site.library, rank={k: n + 1 for k, n in site.library.rank.items()})
        assert shifted.related(more.args[2]) == site.library.related(more.args[2])


def test_an_entry_read_that_changes_or_goes_is_seen(planned: tuple[Site, list[Page]]) -> None:
    site, pages = planned
    more = costly(pages, "author.html")[0]
    read = reads.call_noting(more)[1]
    assert read is not None
    author = more.args[2]
    before = read_digest(more, read)
    assert before is not None and read_digest(more, read) == before
    authors = dict(site.library.authors)
    other = next(k for k in authors if k not in dict(read)["library.authors"])
    del authors[other]  # an author the part did not read
    unread = dataclasses.replace(site, library=dataclasses.replace(site.library, authors=dict(authors)))
    assert read_digest(with_site(more, unread), read) == before
    authors[author] = dataclasses.replace(authors[author], name=authors[author].name + " Jr")
    renamed = dataclasses.replace(site, library=dataclasses.replace(site.library, authors=dict(authors)))
    assert read_digest(with_site(more, renamed), read) != before
    del authors[author]
    gone = dataclasses.replace(site, library=dataclasses.replace(site.library, authors=authors))
    assert read_digest(with_site(more, gone), read) != before


def test_a_part_that_lists_the_library_or_reads_more_of_the_site_cannot_be_told(
        planned: tuple[Site, list[Page]]) -> None:
    site, _pages = planned

    def every_title(site: Any) -> dict[str, Any]:
        return {"titles": sorted(a.title for a in site.library.articles.values())}

    def ranks(site: Any) -> dict[str, Any]:
        return {"ranks": len(site.ranks)}

    def settings_only(site: Any) -> dict[str, Any]:
        return {"title": site.config.title}

    assert reads.call_noting(functools.partial(every_title, site))[1] is None
    assert reads.call_noting(functools.partial(ranks, site))[1] is None
    assert reads.call_noting(functools.partial(settings_only, site))[1] == ()
