"""The plan as a sequence (plan/outline.py): every page's path and template known at once, each page of the kinds
a site has by the thousand made only when asked for, and the same pages whichever way they are asked for."""

from __future__ import annotations

from site_builder.plan import outline
from site_builder.plan import pages as plan_pages


def _same(first: plan_pages.Page, second: plan_pages.Page) -> bool:
    return (first, first.context, first.more is None, first.prose) == \
        (second, second.context, second.more is None, second.prose)


def test_a_plans_paths_templates_and_pages_agree_however_they_are_asked_for(demo_site) -> None:
    site = demo_site.result.site
    planned = plan_pages.plan(site)
    walked = list(planned)
    assert len(walked) == len(planned) == len(planned.paths) > 0
    assert [p.path for p in walked] == planned.paths
    assert [p.template for p in walked] == planned.templates()
    assert planned.template_names() == {p.template for p in walked}
    numbers = list(range(0, len(planned), 3))
    assert all(map(_same, planned.made(numbers), [walked[n] for n in numbers]))
    assert all(_same(planned[n], walked[n]) for n in (0, len(planned) // 2, -1))
    assert all(map(_same, planned[5:40:7], walked[5:40:7]))
    made_already = list(planned.made_already())  # the pages made by the plan itself: no article's page or files
    assert {p.template for p in made_already} >= {"home.html", "topic.html"}
    assert not any(p.template == "article.html" or (p.export and "abstracts" not in p.context) for p in made_already)
    assert len(made_already) < len(planned) // 2


def test_an_articles_downloads_share_one_context_when_made_in_order(demo_site) -> None:
    """Made one after the other (a walk, ``made``), an article's files in every format hold one context, as the
    plan made them before they were made when asked for (at 100,000 records, 110 MB of dicts)."""
    planned = plan_pages.plan(demo_site.result.site)
    downloads = [p for p in planned if p.export and "abstracts" not in p.context]
    by_article: dict[str, set[int]] = {}
    for page in downloads:
        by_article.setdefault(page.path.rsplit(".", 1)[0], set()).add(id(page.context))
    assert by_article and all(len(contexts) == 1 for contexts in by_article.values())


def test_an_empty_plan_and_pages_added_made() -> None:
    planned = outline.Plan()
    assert len(planned) == 0 and planned.paths == [] and list(planned) == []
    pages = [plan_pages.Page("a.html", "a.html", {}), plan_pages.Page("b/c.html", "c.html", {})]
    planned.add(pages)
    planned.add_later("d.html", ["d/1.html", "d/2.html"], lambda n: plan_pages.Page(f"d/{n + 1}.html", "d.html", {}))
    assert planned.paths == ["a.html", "b/c.html", "d/1.html", "d/2.html"]
    assert planned.templates() == ["a.html", "c.html", "d.html", "d.html"]
    assert planned[1] is pages[1] and planned[3].path == "d/2.html" and planned[-4] is pages[0]
    assert [p.path for p in planned.made([0, 2, 3])] == ["a.html", "d/1.html", "d/2.html"]
    planned.clear()
    assert len(planned) == 0 and planned.paths == []
