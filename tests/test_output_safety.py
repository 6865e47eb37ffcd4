"""The build refuses output folders it could damage, and deletes nothing in them.

Refused: the site folder, content/ (or anything inside content/, templates/, static/), a parent of the site, the
home folder, and a non-empty folder that site-builder did not create. build() raises UserError; the command
line prints one message and exits 2, with no traceback. HOME is pointed at a tmp folder, so a failing test can
never touch the real home folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import workers
from site_builder.build import build
from site_builder.diagnostics import UserError
from site_builder.output import pages as output_pages
from site_builder.output.write import MANIFEST

SEED = Path(__file__).resolve().parent / "data" / "catalogue-dump" / "seed.txt"


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """tmp/home/ (HOME, with a file), tmp/home/projects/site/ (a site), tmp/other/ (someone's files)."""
    home = tmp_path / "home"
    site = home / "projects" / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "records" / "seed.txt").write_bytes(SEED.read_bytes())
    (site / "templates").mkdir()
    (home / ".bashrc").write_text("# keep me\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("not a site\n")
    monkeypatch.setenv("HOME", str(home))
    assert Path.home() == home
    return {"home": home, "site": site, "other": other, "root": tmp_path}


REFUSED = {
    "the site folder": lambda p: p["site"],
    "content/": lambda p: p["site"] / "content",
    "inside content/": lambda p: p["site"] / "content" / "out",
    "inside templates/": lambda p: p["site"] / "templates" / "out",
    "a parent of the site": lambda p: p["site"].parent,
    "the home folder": lambda p: p["home"],
    "a non-empty folder it did not create": lambda p: p["other"],
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_build_refuses(case: str, layout: dict[str, Path], take_snapshot) -> None:
    out = REFUSED[case](layout)
    before = take_snapshot(layout["root"])
    with pytest.raises(UserError) as err:
        build(layout["site"], out)
    assert "refusing" in str(err.value)
    assert take_snapshot(layout["root"]) == before


@pytest.mark.parametrize("case", list(REFUSED))
def test_cli_refuses_with_exit_2_and_no_traceback(case: str, layout: dict[str, Path], take_snapshot, cli) -> None:
    out = REFUSED[case](layout)
    before = take_snapshot(layout["root"])
    run = cli("build", "--source", str(layout["site"]), "--output", str(out), cwd=layout["root"],
              env={"HOME": str(layout["home"])})
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith("site-builder: error:")
    assert str(out) in run.stderr or f" {out.parent.name}/" in run.stderr  # names the folder refused
    assert len(run.stderr.strip().splitlines()) == 1
    assert take_snapshot(layout["root"]) == before


def test_cli_refuses_dot_as_output_inside_the_site(layout: dict[str, Path], take_snapshot, cli) -> None:
    before = take_snapshot(layout["root"])
    run = cli("build", "--output", ".", cwd=layout["site"], env={"HOME": str(layout["home"])})
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert take_snapshot(layout["root"]) == before


def test_new_and_own_folders_are_accepted(layout: dict[str, Path]) -> None:
    out = layout["root"] / "fresh" / "_site"
    build(layout["site"], out)
    assert (out / MANIFEST).is_file()
    build(layout["site"], out)  # a folder it made itself: rebuilt without complaint
    empty = layout["root"] / "empty"
    empty.mkdir()
    build(layout["site"], empty)
    assert (empty / "index.html").is_file()


def test_a_doctored_manifest_cannot_delete_files_outside_the_output(layout: dict[str, Path]) -> None:
    """Stale-file removal trusts only plain relative paths from the manifest, never "../" or "/"."""
    out = layout["root"] / "out"
    out.mkdir()
    victim = layout["root"] / "victim.txt"
    victim.write_text("keep me\n")
    (out / MANIFEST).write_text(f"../victim.txt\n{victim}\nsub/../../victim.txt\n")
    build(layout["site"], out)
    assert victim.read_text() == "keep me\n"
    assert (layout["other"] / "notes.txt").is_file()


def test_a_file_that_cannot_be_written_is_named_without_a_traceback(layout: dict[str, Path], cli) -> None:
    out = layout["root"] / "out"
    out.mkdir()
    (out / MANIFEST).write_text("")
    (out / "articles").write_text("a file where the articles folder must go\n")
    run = cli("build", "--source", str(layout["site"]), "--output", str(out), cwd=layout["root"],
              env={"HOME": str(layout["home"])})
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"site-builder: error: cannot write {out / 'articles'}/"), run.stderr


def test_a_render_worker_that_cannot_write_stops_the_build_with_the_file_named(
        layout: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output_pages, "PARALLEL_MIN_PAGES", 0)
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    out = layout["root"] / "out"
    out.mkdir()
    (out / MANIFEST).write_text("")
    (out / "authors").write_text("a file where the authors folder must go\n")
    with pytest.raises(UserError, match=r"cannot write .*authors/"):
        build(layout["site"], out)


@pytest.mark.parametrize("first, second", [("articles/a.html", "articles/A.html"),
                                           ("authors/strasse.html", "authors/Straße.html"),
                                           ("topics/ǆ.html", "topics/ǅ.html")])
def test_two_pages_whose_paths_differ_only_in_case_are_refused(first: str, second: str) -> None:
    """A case-insensitive file system (macOS, Windows, a Pages artifact unpacked there) would write both to one
    file: the plan refuses them, however the paths are cased (``str.casefold``)."""
    from site_builder.plan.pages import Page, check_paths

    check_paths([Page(first, "article.html", {}), Page("articles/b.html", "article.html", {})])
    with pytest.raises(UserError, match="two pages would be written"):
        check_paths([Page(first, "article.html", {}), Page(second, "author.html", {})])
    with pytest.raises(UserError, match="would leave the output folder"):
        check_paths([Page("../" + first, "article.html", {})])


def test_the_plans_quick_look_at_its_paths_lets_pass_only_what_each_path_looked_at_alone_does() -> None:
    """check_paths first looks at every path at once (all joined); whatever that lets pass must be what the
    per-path rule lets pass: every path of up to five characters of a few kinds, alone and beside others."""
    import itertools
    import posixpath

    from site_builder.plan.pages import _all_safe

    def refused(paths: list[str]) -> bool:
        leaves = any(posixpath.normpath(p) != p or p.startswith(("../", "/")) or p == ".." or "\\" in p
                     for p in paths)
        return leaves or len({p if p.isascii() and p.islower() else p.casefold() for p in paths}) < len(paths)

    for size in range(6):
        for letters in itertools.product(("a", ".", "/", "\\", "B", "\n", "ß"), repeat=size):
            path = "".join(letters)
            for paths in ([path], ["x", path], [path, "y/z.html"], [path, path.upper()], [path, "ss"]):
                assert not (refused(paths) and _all_safe(paths)), paths
    assert _all_safe(["index.html", "articles/a.html", "authors/b.html"])
