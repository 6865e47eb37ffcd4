"""Safe by default when served: every page carries a Content-Security-Policy (<meta http-equiv>) that allows only
the site's own scripts and styles, no page holds an inline script, style element, style attribute or event
handler that the policy would refuse, and every link to another site has rel="noopener" (issue 15, part 4).

Checked by parsing the built demo site, and a copy of it whose summary and page link to other sites in Markdown.
That a browser applies the policy without refusing anything the site needs is tests/e2e/test_csp.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.prose.markdown import to_html
from site_builder.render.pages import CONTENT_SECURITY_POLICY

DATA_BLOCK = "application/ld+json"
"""A <script> of this type is data (JSON-LD for search engines): browsers never run it, and CSP does not apply."""


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {p[0]: p[1:] for p in parts}


def test_the_policy_allows_the_sites_own_files_and_webassembly_only() -> None:
    directives = _directives(CONTENT_SECURITY_POLICY)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # Pagefind compiles its index's WebAssembly
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    # Ignored in a <meta>, where browsers log an error for them.
    assert not {"frame-ancestors", "report-uri", "report-to", "sandbox"} & directives.keys()


def _policy_problems(root, rel: str) -> list[str]:
    head = root.find("head")
    metas = [m for m in root.iter("meta") if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    if len(metas) != 1 or metas[0].get("content") != CONTENT_SECURITY_POLICY:
        return [f"{rel}: {len(metas)} policies, {[m.get('content') for m in metas]}"]
    children = list(head)
    if metas[0] not in children:
        return [f"{rel}: the policy is not in <head>"]
    # A <meta> policy governs only what comes after it.
    governed = [el for el in children[:children.index(metas[0])] if el.tag in ("script", "link", "style")]
    return [f"{rel}: <{el.tag}> before the policy" for el in governed]


def _inline_problems(root, rel: str) -> list[str]:
    problems = [f"{rel}: inline <script> {(s.text or '')[:40]!r}" for s in root.iter("script")
                if not s.get("src") and s.get("type") != DATA_BLOCK]
    problems += [f"{rel}: <style> element" for _ in root.iter("style")]
    problems += [f"{rel}: <{el.tag} {attr}=…>" for el in root.iter() if isinstance(el.tag, str)
                 for attr in el.attrib if attr == "style" or attr.startswith("on")]
    problems += [f"{rel}: javascript: link" for el in root.iter() for attr in ("href", "src", "action")
                 if (el.get(attr) or "").strip().lower().startswith("javascript:")]
    return problems


def _opener_problems(root, rel: str, html) -> list[str]:
    return [f"{rel}: {a.get('href')} rel={a.get('rel')!r}" for a in root.iter("a")
            if html.is_external(a.get("href", "")) and not a.get("href", "").lower().startswith("mailto:")
            and "noopener" not in (a.get("rel") or "").split()]


def test_every_page_has_the_policy_first_and_nothing_inline(demo_site, html) -> None:
    pages = demo_site.html_pages()
    assert len(pages) > 100 and "search.html" in pages and "404.html" in pages
    problems = []
    for rel in pages:
        root = demo_site.doc(rel)
        problems += _policy_problems(root, rel) + _inline_problems(root, rel)
    assert problems == []


def test_every_link_to_another_site_has_noopener(demo_site, html) -> None:
    external = [(rel, a.get("href")) for rel in demo_site.html_pages() for a in demo_site.doc(rel).iter("a")
                if html.is_external(a.get("href", ""))]
    hosts = {href.split("/")[2] for _, href in external if href.startswith("http")}
    assert {"doi.org", "pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov"} <= hosts, hosts  # the test sees them
    assert [p for rel in demo_site.html_pages() for p in _opener_problems(demo_site.doc(rel), rel, html)] == []


def test_markdown_links_to_other_sites_get_noopener_and_links_within_do_not() -> None:
    page = to_html("[a](https://doi.org/10.1/x) [b](../authors/x.html) [c](mailto:club@example.org) "
                   "<https://example.org/> [d](//example.org/x) [e](HTTP://EXAMPLE.ORG) [f](#top)")
    assert page.count('rel="noopener"') == 4
    for within in ('href="../authors/x.html"', 'href="mailto:club@example.org"', 'href="#top"'):
        assert f"<a {within}>" in page


def test_links_in_summaries_and_pages_get_noopener(tmp_path: Path, demo_copier, html) -> None:
    site = demo_copier(tmp_path / "site")
    summary = site / "content" / "summaries" / "liver-directed-therapy-nen.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\nSee [the trial](https://clinicaltrials.gov/study/"
                       "NCT01234567) and [our list](../topics/).\n", encoding="utf-8")
    about = site / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nWrite to [PubMed](https://pubmed.ncbi.nlm.nih.gov/).\n",
                     encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.report.errors == 0
    out = tmp_path / "out"
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    docs = {rel: html.parse(out / rel) for rel in pages}
    trial = [a for root in docs.values() for a in root.iter("a") if "clinicaltrials.gov" in a.get("href", "")]
    mail = [a for root in docs.values() for a in root.iter("a") if a.get("href") == "https://pubmed.ncbi.nlm.nih.gov/"]
    assert trial and mail  # the summary and the page show their links
    assert [p for rel, root in docs.items() for p in _opener_problems(root, rel, html)] == []
    assert [p for rel, root in docs.items() for p in _policy_problems(root, rel) + _inline_problems(root, rel)] == []


@pytest.mark.parametrize("attack", ['<script>alert(1)</script>', '<img src=x onerror="alert(1)">',
                                    '<p style="color:red">x</p>', '[x](javascript:alert(1))'])
def test_markup_in_markdown_never_becomes_script_or_style(attack: str, html) -> None:
    root = html.parse(to_html(attack))
    assert _inline_problems(root, "summary") == []
