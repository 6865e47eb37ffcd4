"""Names written right to left are isolated (``<bdi>``) wherever a list sets them between punctuation: an article's
byline and its editors, the bylines of article lists, the author index and co-authors, an author's other spellings.
So "الخطيب, أحمد; כהן, דוד; Smith, Jane" keeps its order and its semicolons where they belong. A name written left
to right is left as it was (the same bytes as before)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.i18n import isolated
from site_builder.model.normalize import right_to_left

DATA = Path(__file__).resolve().parent / "data"
NAMES = DATA / "ris" / "right-to-left-names-handwritten.ris"
ARABIC, HEBREW = "أحمد الخطيب", "דוד כהן"
"""As lists write a name (given name first); bylines and the author index write the family name first."""
ARABIC_FAMILY_FIRST, HEBREW_FAMILY_FIRST = "الخطيب, أحمد", "כהן, דוד"


@pytest.fixture(scope="module")
def names_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("bidi-names")
    (site / "content").mkdir()
    shutil.copy(NAMES, site / "content" / NAMES.name)
    (site / "site.toml").write_text("search = false\n", encoding="utf-8")
    assert build(site, site / "_site").report.errors == 0
    return site / "_site"


def _isolated(element) -> list[str]:  # noqa: ANN001
    return [" ".join("".join(b.itertext()).split()) for b in element.iter("bdi")]


def test_a_name_is_isolated_when_it_holds_right_to_left_letters() -> None:
    assert right_to_left(ARABIC) and right_to_left(HEBREW) and not right_to_left("Černý, D.")
    assert not right_to_left("\u202eliveD")  # a direction override is no letter (balance_bidi closes it)
    assert isolated(ARABIC) == f"<bdi>{ARABIC}</bdi>"
    assert isolated("O'Byrne & <Co>") == "O&#39;Byrne &amp; &lt;Co&gt;"


def test_the_byline_and_the_editors(names_site: Path, html) -> None:  # noqa: ANN001
    page = next(p for p in (names_site / "articles").glob("*.html")
                if "whose authors write" in p.read_text(encoding="utf-8"))
    main = html.main(html.parse(page))
    byline = main.find(".//p[@class='byline']")
    names = [ARABIC_FAMILY_FIRST, HEBREW_FAMILY_FIRST]
    assert [_isolated(a) for a in byline.iter("a")] == [[names[0]], [names[1]], []]
    assert html.text(byline) == f"{names[0]}; {names[1]}; Smith, Jane"
    editors = main.find(".//dd[@class='editors']")
    assert html.text(editors) == "سارة حداد; Tom Brown" and _isolated(editors) == ["سارة حداد"]


def test_lists_index_and_co_authors(names_site: Path, html) -> None:  # noqa: ANN001
    home = html.main(html.parse(names_site / "index.html"))
    bylines = [m for m in home.iter("span") if m.get("class") == "meta"]
    assert sorted(_isolated(m) for m in bylines) == sorted([[ARABIC, HEBREW], [HEBREW, ARABIC]])
    assert any(html.text(m).startswith(f"{ARABIC}, {HEBREW}, Jane Smith.") for m in bylines)
    index = html.main(html.parse(names_site / "authors" / "index.html"))
    listed = sorted(n for item in index.iter("li") for n in _isolated(item))
    assert listed == sorted([ARABIC_FAMILY_FIRST, HEBREW_FAMILY_FIRST])  # editors are no authors
    author = html.main(html.parse(names_site / "authors" / "khhn-dvd.html"))
    assert html.headings(author, "h1") == [HEBREW_FAMILY_FIRST]
    coauthors = author.find(".//ul[@class='groups']")
    assert _isolated(coauthors) == [ARABIC_FAMILY_FIRST]


def test_the_pages_are_valid_html(names_site: Path) -> None:
    from test_html_valid import vnu_problems
    assert vnu_problems(names_site) == []
