"""Pre-flight checks: size limits, large files, symlinks and links out of the site, each with its message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder.build import build
from site_builder.config import Config
from site_builder.output import preflight
from site_builder.output.preflight import (
    FILE_LIMIT,
    LINK_REPORTS,
    OutputFile,
    check,
    list_output,
    missing_base_url,
    outside_links,
    size_problems,
)
from site_builder.render import theme

MB = 1_000_000


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_small_site_has_no_size_problem() -> None:
    assert size_problems([OutputFile("index.html", 10_000, False)], "_site") == []


def test_close_to_the_limit_warns_with_the_share() -> None:
    found = messages(size_problems([OutputFile(f"{n}.bin", 85 * MB, False) for n in range(10)], "_site"))
    assert found == ["_site: warning: the site is 850 MB, 85% of GitHub Pages' published-site limit of 1,000 MB"]


def test_over_the_limit_and_over_the_file_limit_warn() -> None:
    files = [OutputFile(f"big/{n}.bin", 99 * MB, False) for n in range(10)] + [OutputFile("huge.bin", 120 * MB, False)]
    found = messages(size_problems(files, "_site"))
    assert found[0].startswith("_site: warning: the site is 1,110 MB, over GitHub Pages' published-site limit")
    assert found[1:] == ["_site/huge.bin: warning: 120 MB is over the 100 MB GitHub accepts in one file: "
                         "'deploy' would fail to push it"]


def test_a_real_sparse_file_over_100_mb_is_found(tmp_path: Path) -> None:
    with open(tmp_path / "video.mp4", "wb") as fh:
        fh.truncate(FILE_LIMIT + 1)  # sparse: no disk space used
    found = messages(check(tmp_path, "_site", []))
    assert found == ["_site/video.mp4: warning: 100 MB is over the 100 MB GitHub accepts in one file: "
                     "'deploy' would fail to push it"]


def test_symlinks_are_reported_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "real.css").write_text("x")
    os.symlink(tmp_path / "real.css", tmp_path / "static" / "style.css")
    os.symlink("/", tmp_path / "everything")
    found = messages(check(tmp_path, "_site", []))
    assert len(found) == 2 and all("a symbolic link" in m for m in found)
    assert [f.rel for f in list_output(tmp_path)] == ["everything", "real.css", "static/style.css"]


def test_sizes_the_build_knows_are_not_asked_for_again_but_symlinks_still_are(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "real.css").write_text("x")
    (tmp_path / "page.html").write_text("xyz")
    os.symlink(tmp_path / "real.css", tmp_path / "static" / "style.css")
    known = {"page.html": 3, "real.css": 1, "static/style.css": 99}
    listed = {f.rel: (f.size, f.symlink) for f in list_output(tmp_path, known)}
    assert listed == {f.rel: (f.size, f.symlink) for f in list_output(tmp_path)}
    assert listed["static/style.css"][1] and len(messages(check(tmp_path, "_site", [], known))) == 1


@pytest.mark.parametrize(("page", "href", "base_path", "why"), [
    ("index.html", "../elsewhere.html", "", "climbs above the site's root folder"),
    ("authors/x.html", "../../x.html", "/repo/", "climbs above the site's root folder"),
    ("authors/x.html", "/static/style.css", "/repo/", "points outside the site's /repo/; use a relative link"),
    ("index.html", "/x.html", "", "points to the root of whatever host serves the site; use a relative link"),
])
def test_links_out_of_the_site_are_named(page: str, href: str, base_path: str, why: str) -> None:
    html = f'<p><a class="x" href="{href}">x</a></p>'.encode()
    assert list(outside_links(page, html, base_path)) == [(href, why)]


@pytest.mark.parametrize(("page", "html", "found"), [
    ("a/b/x.html", b'<A HREF="../../../up.html">x</A>', ["../../../up.html"]),  # attribute names in any case
    ("a/b/x.html", b"<img\nsrc='/logo.png'>", ["/logo.png"]),
    ("a/b/x.html", b'<a href="../x/%2e%2e/../../up.html">x</a>', ["../x/%2e%2e/../../up.html"]),
    ("a/b/x.html", b'<a href="../../a/../../up.html">x</a>', ["../../a/../../up.html"]),
    ("a/b/x.html", b'<a href="../../a..b.html">x</a><a href="../../x/./y.html">y</a>', []),
    ("a/b/x.html", b'<div data-href="/x" data-src="/y"></div>', []),  # not links
    ("x.html", b'<a href="/a">1</a><img src="/b"><a href=\'/c\'>3</a>', ["/a", "/b", "/c"]),  # in page order
    # what a browser reads and a scan for quoted attributes does not
    ("x.html", b"<a href=/x>x</a><a href=../y.html>y</a>", ["/x", "../y.html"]),
    ("x.html", b'<a href="&#47;x">x</a><a href="&#x2e;&#x2E;/y.html">y</a>', ["/x", "../y.html"]),
    ("x.html", b'<a href = "/spaced">s</a><a\nhref\n=\n"/lines">l</a>', ["/spaced", "/lines"]),
    ("x.html", b'<a href="\\evil">x</a><a href="\t/z.html">z</a><a href=" ..\n/w.html">w</a>',
     ["\\evil", "\t/z.html", " ..\n/w.html"]),
    ("x.html", b'<img srcset="a.png 1x, /b.png 2x"><form action="/send"><button formaction=/go>g</button></form>',
     ["/b.png", "/send", "/go"]),
    ("x.html", b'<video poster="/p.jpg"></video><object data="../o.svg"></object><blockquote cite="/c">q</blockquote>',
     ["/p.jpg", "../o.svg"]),  # a browser neither follows nor fetches cite
    ("x.html", b'<div style="background: url(/bg.png)"></div><style>@import "/s.css"; p{background:url(\'../i.png\')}'
               b'</style>', ["/bg.png", "/s.css", "../i.png"]),
    ("x.html", b'<meta http-equiv="Refresh" content="0; url=/moved.html"><meta name="x" content="/no.html">',
     ["/moved.html"]),
    ("x.html", b'<base href="/"><svg><a xlink:href="/s.html"><text>s</text></a></svg>', ["/", "/s.html"]),
    ("x.html", b'<!-- <a href="/commented.html"> --><script>var a = \'<a href="/js.html">\';</script>'
               b'<p>href="/text.html"</p>', []),  # a comment, a script's text and prose are no links
])
def test_every_link_that_leaves_is_found_whatever_its_spelling(page: str, html: bytes, found: list[str]) -> None:
    assert [href for href, _ in outside_links(page, html, "")] == found


@pytest.mark.parametrize("href", ["../index.html", "#top", "x.html#a", "https://doi.org/10.1/x", "//cdn.example/x",
                                  "mailto:a@example.org", "/repo/authors/index.html", "data:,x", "?q=1"])
def test_links_inside_the_site_or_to_other_sites_are_fine(href: str) -> None:
    html = f"<a href='{href}'>x</a><img src=\"{href}\">".encode()
    assert list(outside_links("authors/x.html", html, "/repo/")) == []


def test_a_link_repeated_on_every_page_is_reported_a_few_times_then_counted(tmp_path: Path) -> None:
    pages = [(f"articles/{n}.html", b'<a href="../../up.html">x</a>') for n in range(50)]
    outside = [(rel, href, why) for rel, data in pages for href, why in outside_links(rel, data, "")]
    found = messages(check(tmp_path, "_site", outside))
    assert found[:LINK_REPORTS] == [f"_site/articles/{n}.html: warning: the link '../../up.html' climbs above the "
                                    "site's root folder" for n in range(LINK_REPORTS)]
    assert found[LINK_REPORTS:] == [f"_site: warning: {50 - LINK_REPORTS} more link(s) point outside the site"]


def test_publishing_without_a_base_url_warns() -> None:
    assert "no base_url" in messages(missing_base_url(Config()))[0]
    assert missing_base_url(Config(base_url="https://me.github.io/x/")) == []


def test_every_build_runs_the_checks(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "about.md").write_text("---\ntitle: About\n---\n[Up](../../../outside.html)\n")
    result = build(site, site / "_site", base_url="https://me.github.io/x/")
    found = [str(d) for d in result.report.diagnostics]
    assert "_site/pages/about.html: warning: the link '../../../outside.html' climbs above the site's root " \
           "folder" in found


def _warned_pages(result) -> set[str]:
    found = [str(d) for d in result.report.diagnostics]
    return {d.split(": warning: ")[0] for d in found if "the link" in d}


def test_with_the_default_templates_the_site_s_own_prose_is_checked(tmp_path: Path, demo_copier) -> None:
    """The default templates' links are checked by the tests, so a build scans only the pages holding the site's
    own HTML: the home page's introduction and a summary here, each with a link that climbs out of the site."""
    site = demo_copier(tmp_path / "site")
    intro = site / "content" / "index.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n[Up](../outside.html)\n", encoding="utf-8")
    summary = site / "content" / "summaries" / "fdg-pet-infection-guide.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\n[Up](../../above.html)\n", encoding="utf-8")
    warned = _warned_pages(build(site, tmp_path / "_site"))
    assert any(page.endswith("_site/index.html") for page in warned)
    assert [page for page in warned if "/articles/" in page] != []
    assert len(warned) == 2


def test_a_site_s_own_templates_are_checked_on_every_page(tmp_path: Path, demo_copier) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "templates").mkdir()
    base = (theme.default_dir("templates") / "base.html").read_text(encoding="utf-8")
    (site / "templates" / "base.html").write_text(
        base.replace("<main id=\"main\">", "<main id=\"main\"><a href=\"/home.html\">Home</a>"), encoding="utf-8")
    result = build(site, tmp_path / "_site")
    pages = sum(1 for _ in (tmp_path / "_site").rglob("*.html"))
    found = [str(d) for d in result.report.diagnostics]
    assert any(d.endswith(f"_site: warning: {pages - LINK_REPORTS} more link(s) point outside the site") for d in found)


def test_unchanged_copies_of_the_default_templates_are_the_default_theme(tmp_path: Path) -> None:
    own = tmp_path / "templates"
    shutil.copytree(theme.default_dir("templates"), own)
    assert not theme.own_templates(tmp_path)
    (own / "partials" / "extra.html").write_text("x", encoding="utf-8")
    assert theme.own_templates(tmp_path)
    (own / "partials" / "extra.html").unlink()
    (own / "base.html").write_text((own / "base.html").read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert theme.own_templates(tmp_path)
    assert not theme.own_templates(tmp_path / "nowhere")


# --- the fast path: a page passed over unparsed has no link that leaves the site ----------------------------------

_NAMES = ["href", "HREF", "src", "srcset", "action", "formaction", "poster", "data", "background", "ping", "style",
          "http-equiv", "content", "class", "data-href", "xlink:href", "title", "cite"]
_SEGMENTS = ["..", ".", "%2e%2e", ".%2E", "&#46;&#46;", ".\n.", "\t..", "a", "x.html", "", "é", "a b", "p = 0.03",
             "refresh", "Content-Security-Policy"]
_STARTS = ["", "", "a/", "../", "/", "\\", "&#47;", " ", "\t", "#", "?q=1&amp;", "https://doi.org/", "//cdn.example/",
           "mailto:", "url(", "0;url="]
_SEPARATORS = ["/", "/", "\\", "%2f", "\n/"]


@st.composite
def _values(draw: st.DrawFn) -> str:
    """An address made of segments that climb, stay or hide as escapes, after a start that may make it absolute,
    external or CSS."""
    segments = draw(st.lists(st.sampled_from(_SEGMENTS), min_size=1, max_size=6))
    return draw(st.sampled_from(_STARTS)) + draw(st.sampled_from(_SEPARATORS)).join(segments) + draw(
        st.sampled_from(["", "", ")", "#top", "'", '"']))


@st.composite
def _pages(draw: st.DrawFn) -> tuple[str, bytes]:
    depth = draw(st.integers(0, 3))
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(_NAMES))
        value = draw(_values())
        quote = draw(st.sampled_from(['"', "'", ""]))
        space = draw(st.sampled_from(["", " ", "\n", "  "]))
        tag = draw(st.sampled_from(["a", "img", "form", "meta", "object", "div", "p", "style", "base"]))
        text = draw(st.sampled_from(["", "p = 0.03", "x", "<!-- c -->"]))
        parts.append(f"<{tag} {name}{space}={space}{quote}{value}{quote}>{text}</{tag}>")
    return "d/" * depth + "page.html", "".join(parts).encode()


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages())
def test_a_page_passed_over_unparsed_has_no_link_that_leaves(page: tuple[str, bytes]) -> None:
    """Whatever the quoting, spacing, case or escaping: the links found are those lxml finds on the whole page."""
    rel, html = page
    depth = rel.count("/")
    parsed = [(value, why) for value in preflight._links(html) if (why := preflight._verdict(depth, value, ""))]
    assert list(outside_links(rel, html, "")) == parsed


@settings(max_examples=1000, deadline=None)
@given(st.integers(0, 3), _values(), st.sampled_from(['"', "'"]))
@example(0, "a/.\n./.\n./x.html", '"')  # a browser drops line ends inside an address
@example(0, "a/.\t./..\t/x.html", "'")
@example(0, "a/%2e%2e/%2E./x.html", '"')  # and reads %2e as a dot
@example(0, "a/&#46;&#46;/&#x2e;./x.html", '"')
@example(1, "a\\..\\..\\..\\x.html", '"')  # and a backslash as a slash
def test_an_address_passed_over_unparsed_cannot_leave(depth: int, value: str, quote: str) -> None:
    """The plain values the fast path trusts, tried one by one: none of them leaves the site."""
    rel = "d/" * depth + "page.html"
    html = f"<a href={quote}{value}{quote}>x</a>".encode()
    parsed = [(found, why) for found in preflight._links(html) if (why := preflight._verdict(depth, found, ""))]
    assert list(outside_links(rel, html, "")) == parsed


@pytest.mark.parametrize(("html", "found"), [
    (b'<meta http-equiv="REFRESH" content="0; url=/moved.html">', ["/moved.html"]),
    (b"<meta http-equiv='refresh' content='0;url=../../up.html'>", ["../../up.html"]),
    (b'<meta http-equiv=" refresh" content="0; url=/a.html"><meta http-equiv=refresh content="0; url=/b.html">',
     ["/a.html", "/b.html"]),
    (b'<meta http-equiv="&#114;efresh" content="0; url=/c.html">', ["/c.html"]),
    (b'<meta content="0; url=/d.html" http-equiv="Refresh">', ["/d.html"]),
])
def test_a_refresh_is_found_however_its_http_equiv_is_written(html: bytes, found: list[str]) -> None:
    assert preflight._may_leave(html, 0)
    assert [href for href, _ in outside_links("x.html", html, "")] == found


def test_a_page_whose_only_http_equiv_is_its_policy_is_passed_over_unparsed() -> None:
    """Every page carries a Content-Security-Policy <meta http-equiv>: it holds no address, and must not make each
    page of a site with its own templates parsed whole."""
    html = (b'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; base-uri \'none\'">'
            b'<a href="../authors/x.html">x</a>')
    assert not preflight._may_leave(html, 1)
    assert list(outside_links("articles/a.html", html, "")) == []


def test_measuring_the_folder_agrees_with_listing_it(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "page.html").write_text("xyz")
    (tmp_path / "index.html").write_text("hello")
    with open(tmp_path / "a" / "big.bin", "wb") as fh:
        fh.truncate(FILE_LIMIT + 1)
    os.symlink(tmp_path / "index.html", tmp_path / "a" / "link.html")
    for known in (None, {"index.html": 5, "a/b/page.html": 3, "a/link.html": 99}):
        files = list_output(tmp_path, known)
        total, notable = preflight.measure_output(tmp_path, known)
        assert total == sum(f.size for f in files)
        assert notable == [f for f in files if f.symlink or f.size > FILE_LIMIT]
        assert [f.rel for f in notable] == ["a/big.bin", "a/link.html"]
