"""The Markdown and front matter the build cache keeps (prose/markdown.py's Kept): a text met again is not read
again, and what is recalled is what reading it gives."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.prose import markdown
from site_builder.prose.markdown import Kept, split_front_matter, to_html

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "data" / "catalogue-dump" / "seed.txt"
FRONT = ("---\nid: pubmed-8699378\nby: Dr A. Reviewer\ndate: 2024-03-05\ntopics: [Liver, 2024-01-02]\n"
         "verdict: Clear.\nscore: 1.5\nread: true\nnothing:\n1999-12-31: a date as a key\n---\n")


def _again(kept: Kept) -> Kept:
    """The Kept the next build is given: what this one made, through the cache's marshal."""
    import marshal

    return Kept(marshal.loads(marshal.dumps(kept.made)))


def test_a_front_matter_recalled_is_the_one_read() -> None:
    first = Kept()
    read, problems = split_front_matter(FRONT + "Body.\n", "s.md", first)
    assert problems == []
    assert read.meta["date"] == datetime.date(2024, 3, 5)
    recalled, _ = split_front_matter(FRONT + "Body.\n", "s.md", _again(first))
    assert recalled == read == split_front_matter(FRONT + "Body.\n", "s.md")[0]
    assert [type(v) for v in recalled.meta.values()] == [type(v) for v in read.meta.values()]


def test_a_text_recalled_is_not_rendered_again(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Kept()
    html = to_html("A **bold** [link](https://example.org).", first)
    monkeypatch.setattr(markdown, "_parser", lambda: pytest.fail("rendered again"))
    assert to_html("A **bold** [link](https://example.org).", _again(first)) == html


def test_a_changed_text_is_rendered_and_the_old_one_let_go() -> None:
    first = Kept()
    to_html("Old text.", first)
    second = _again(first)
    assert to_html("New *text*.", second) == "<p>New <em>text</em>.</p>\n"
    assert second.changed() and list(second.made) == [("html", "New *text*.")]


def test_a_value_the_cache_cannot_hold_is_read_each_time() -> None:
    first = Kept()
    read, _ = split_front_matter("---\nat: 2024-01-02 10:00:00\n---\n", "s.md", first)
    assert isinstance(read.meta["at"], datetime.datetime)
    assert first.made == {}


def test_bad_front_matter_is_reported_each_time() -> None:
    first = Kept()
    _, problems = split_front_matter("---\nid: [unclosed\n---\nText\n", "s.md", first)
    assert problems and "not valid YAML" in problems[0].message
    _, again = split_front_matter("---\nid: [unclosed\n---\nText\n", "s.md", _again(first))
    assert again == problems


def test_a_damaged_date_is_read_again() -> None:
    kept = Kept({("yaml", "date: 2024-03-05\n"): ({"date": (2024, 13, 40)},)})
    read, _ = split_front_matter("---\ndate: 2024-03-05\n---\n", "s.md", kept)
    assert read.meta == {"date": datetime.date(2024, 3, 5)}


def _site(tmp_path: Path, summary_body: str) -> Path:
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True, exist_ok=True)
    (site / "content" / "records" / "seed.txt").write_bytes(SEED.read_bytes())
    (site / "content" / "summaries").mkdir(exist_ok=True)
    (site / "content" / "summaries" / "s.md").write_text(FRONT + summary_body, encoding="utf-8")
    (site / "content" / "index.md").write_text("Welcome, **readers**.\n", encoding="utf-8")
    return site


def test_an_edited_summary_is_shown_as_edited(tmp_path: Path) -> None:
    site = _site(tmp_path, "The first reading.\n")
    build(site, tmp_path / "out")
    (site / "content" / "summaries" / "s.md").write_text(FRONT + "The *second* reading.\n", encoding="utf-8")
    build(site, tmp_path / "out")
    page = (tmp_path / "out" / "articles" / "pubmed-8699378.html").read_text(encoding="utf-8")
    assert "The <em>second</em> reading." in page and "The first reading." not in page


def test_a_build_whose_prose_did_not_change_reads_no_markdown_nor_yaml(tmp_path: Path) -> None:
    site = _site(tmp_path, "The reading.\n")
    build(site, tmp_path / "out")
    (site / "content" / "records" / "other.txt").write_bytes(SEED.read_bytes().replace(b"8699378", b"8699379"))
    probe = ("import sys; from pathlib import Path; from site_builder.build import build; "
             f"build(Path({str(site)!r}), Path({str(tmp_path / 'out')!r})); "
             "print(sorted(m for m in ('yaml', 'markdown_it') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           cwd=REPO).stdout.strip().splitlines()[-1]
    assert shown == "[]"
