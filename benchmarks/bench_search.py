#!/usr/bin/env python3
"""Measure the search page of a built site in a real browser: what the first query of a fresh browser costs.

For each of the 20 commonest words of the site's article titles (four letters or more, common English words left
out), a fresh browser context (empty cache) opens search.html served from 127.0.0.1, waits until the page is
ready, types the word, and measures:

  * the time from the last keystroke to the results on screen (the page marks what it shows in
    ``form#search[data-shown]``), and to the facets' counts on screen (``data-counted``);
  * the bytes the browser received for the whole visit (the page, its stylesheet and scripts, and Pagefind's
    script, WebAssembly, index, facet and result files, its web worker's included), as received (compressed
    where the server compressed them): once the results are on screen, and in all once the facets are counted.

Prints the median and range of each over the words, and the same figures per word with ``--verbose``.
``--gzip`` serves text files (.html, .js, .css, .json) compressed, as GitHub Pages does; Pagefind's own index files
are compressed already and are served as they are either way.

Needs Playwright for Python and Debian's chromium (/usr/bin/chromium), as the browser tests do. Example:

    .venv/bin/python benchmarks/bench_search.py benchmarks/work/N10000/out-ours --gzip --json results-search.json
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import html
import io
import json
import re
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
COMMON = frozenset(("about", "after", "against", "among", "also", "based", "being", "between", "both", "during",
                    "from", "have", "into", "more", "most", "other", "over", "some", "such", "than", "that", "their",
                    "them", "these", "they", "this", "through", "under", "using", "were", "what", "when", "which",
                    "while", "with", "within", "without", "your"))
TEXT_TYPES = (".html", ".js", ".css", ".json")


class Handler(SimpleHTTPRequestHandler):
    """The built site as a static host serves it; text files gzip-compressed when the server is asked to."""

    compress = False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not (self.compress and path.suffix in TEXT_TYPES and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def common_words(site: Path, count: int = 20) -> list[str]:
    """The commonest words of the article titles (in how many titles each appears), for queries."""
    titles = collections.Counter()
    for page in sorted((site / "articles").glob("*.html")):
        found = re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
        if found:
            titles.update({w for w in re.findall(r"[a-z]{4,}", html.unescape(found.group(1)).lower())
                           if w not in COMMON})
    return [w for w, _ in sorted(titles.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def measure(browser, url: str, word: str) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    received = [0]
    kinds: collections.Counter[str] = collections.Counter()

    def count(request) -> None:
        sizes = request.sizes()  # the page's requests and its worker's, as received (compressed where served so)
        received[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        kinds[kind(request.url)] += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", count)
    page.goto(url + "search.html")
    page.wait_for_function("document.getElementById('search').dataset.shown !== undefined")
    box = page.locator("#search-q")
    box.focus()
    for letter in word:
        box.press(letter)
    typed = page.evaluate("performance.now()")
    page.wait_for_function("(w) => (document.getElementById('search').dataset.shown || '').includes('q=' + w)",
                           arg=word, polling="raf", timeout=120_000)
    shown = page.evaluate("performance.now()")
    time.sleep(0.05)
    at_results = received[0]
    page.wait_for_function("(w) => (document.getElementById('search').dataset.counted || '').includes('q=' + w)",
                           arg=word, polling="raf", timeout=120_000)
    faceted = page.evaluate("performance.now()")
    results = page.evaluate("document.getElementById('search-status').textContent")
    time.sleep(0.5)  # anything still on its way counts too
    context.close()
    return {"word": word, "results_ms": shown - typed, "facets_ms": faceted - typed, "bytes": received[0],
            "bytes_at_results": at_results, "status": results, "by_kind": dict(sorted(kinds.items()))}


def kind(url: str) -> str:
    """What a file of the visit is: Pagefind's files by their kind (and which index: people/, partN/), else its name."""
    path = url.split("?")[0].split("/pagefind/", 1)
    if len(path) == 1:
        return path[0].rsplit("/", 1)[-1]
    rest = path[1].split("/")
    where = rest[0] + "/" if rest[0] == "people" or rest[0].startswith("part") else ""
    rest = rest[1:] if where else rest
    name = rest[-1]
    return "pagefind/" + where + (rest[0] + "/" if len(rest) > 1 else "") + (
        name.rsplit(".", 1)[-1] if "." in name and len(rest) > 1 or name.endswith(".pf_meta") else name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (its search.html and pagefind/)")
    parser.add_argument("--gzip", action="store_true", help="serve text files compressed, as GitHub Pages does")
    parser.add_argument("--words", type=int, default=20)
    parser.add_argument("--json", type=Path, help="write every measurement to this file")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    words = common_words(args.site, args.words)
    handler = type("SiteHandler", (Handler,), {"compress": args.gzip})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for word in words:
            runs.append(measure(browser, url, word))
            if args.verbose:
                r = runs[-1]
                print(f"{word:>14}: results {r['results_ms']:7.0f} ms, facets {r['facets_ms']:7.0f} ms, "
                      f"{r['bytes_at_results'] / 1000:6.0f} kB, {r['bytes'] / 1000:6.0f} kB in all ({r['status']})",
                      file=sys.stderr)
                print("    " + ", ".join(f"{k} {v / 1000:.1f}" for k, v in r["by_kind"].items()), file=sys.stderr)
        browser.close()
    server.shutdown()
    out = io.StringIO()
    for key, unit, scale in (("results_ms", "ms", 1), ("facets_ms", "ms", 1), ("bytes_at_results", "kB", 1000),
                             ("bytes", "kB", 1000)):
        values = [r[key] / scale for r in runs]
        print(f"{key}: median {statistics.median(values):.0f} {unit} ({min(values):.0f}-{max(values):.0f})", file=out)
    print(out.getvalue(), end="")
    if args.json:
        args.json.write_text(json.dumps({"site": str(args.site), "gzip": args.gzip, "runs": runs}, indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
