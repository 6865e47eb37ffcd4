"""Pagefind's indexer driven page by page, and its bundle made the same bytes for the same pages.

The indexer runs in its service mode (``pagefind --service``: the protocol of Pagefind's own Python and Node APIs,
JSON requests and answers, each base64-encoded and ended by a comma). Given the pages one by one it numbers them in
the order given, where its command line numbers them in the order the file system lists a folder (another order
on another file system, and so other index files). It answers with the bundle's files, which are written here,
whole, rather than by the service, whose last writes may still be under way when it answers.

Pagefind keeps each facet's values, and the list of facets and of sort orders, in hash maps, so their order in the
facet files (``filter/*.pf_filter``) and in the page list (``pagefind.*.pf_meta``) changes from one run to the
next, and with it those files' names (a hash of their bytes) and the entry file that names them. ``settle`` puts
them in order (values and facets by name, sorts by name) and names them as Pagefind names its files: the bytes
that a run of Pagefind with ordered maps would write. It also names the pages' result files (``fragment/``) in
sequence, which makes the page list, loaded whole by the first search, half the size.

These files are gzip-compressed CBOR after the signature ``pagefind_dcd`` (pagefind/src/output/mod.rs), in the
layouts that pagefind_web/src/metadata.rs and filter_index.rs read: the page list is [version, [[page hash, word
count]…], [[first word, last word, index hash]…], [[facet, facet file hash]…], [[sort, [page number…]]…], …]
(Pagefind 1.5 adds the names of the result fields; what follows the sorts is kept as it is) and a facet file
[facet, [[value, [page number…]]…]].
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import io
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, cast

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
IN_FLIGHT = 16
"""Pages sent ahead of the indexer's answers: enough to keep it busy, few enough that it holds no queue of them."""


_SORT = re.compile(r'data-pagefind-sort="([^":]+):([^"]*)"')
_MARK = b"data-pagefind-"
_TAG = re.compile(rb"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>""")
_VOID = frozenset((b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source",
                   b"track", b"wbr"))
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class IndexerError(RuntimeError):
    """The indexer stopped or refused a request; the message is what it said."""


def index_pages(program: Path, site: Path, pages: Sequence[str], texts: Mapping[str, str] | None = None,
                started: Callable[[subprocess.Popen[bytes]], object] | None = None) -> dict[str, bytes]:
    """Pagefind's bundle (path inside it → bytes, not yet settled) for ``pages`` (paths under ``site``, with "/"),
    numbered in the order given. ``texts``, when given, holds what to send of each page (``read_page``); else
    each is read from ``site``. ``started`` is given the indexer's process as soon as it runs (to stop it)."""
    with tempfile.TemporaryFile() as log:  # a pipe could fill and block
        process = subprocess.Popen([str(program), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=log)
        if started is not None:
            started(process)
        try:
            return _converse(process, site, pages, texts)
        except (OSError, ValueError, IndexerError) as err:
            try:
                status: int | None = process.wait(timeout=1)  # stopped by itself, or still running?
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                status = None
            raise IndexerError(_why(status, log, err)) from err
        finally:
            if process.poll() is None and process.stdin is not None:
                process.stdin.close()  # the service exits at the end of its input
                process.wait()


def read_page(site: Path, page: str) -> str:
    """What Pagefind is sent of ``page`` (a path under ``site``)."""
    with open(os.path.join(site, page), "rb") as file:
        return _searchable(file.read()).decode("utf-8", errors="replace")


def sort_values(text: str) -> dict[str, str]:
    """A page's sort values written inline (``data-pagefind-sort="key:value"``), by sort."""
    return {key: html.unescape(value) for key, value in _SORT.findall(text)}


def _converse(process: subprocess.Popen[bytes], site: Path, pages: Sequence[str],
              texts: Mapping[str, str] | None) -> dict[str, bytes]:
    if process.stdout is None or process.stdin is None:
        raise IndexerError("it has no pipes")
    answers = _answers(cast(io.BufferedReader, process.stdout))
    send = _sender(process.stdin)
    index = _answer(answers, send(0, {"type": "NewIndex", "config": {}}), "NewIndex")["index_id"]
    sent = 0
    for number in range(1, len(pages) + 1):
        while sent < min(len(pages), number - 1 + IN_FLIGHT):
            sent += 1
            page = pages[sent - 1]
            text = texts[page] if texts is not None else read_page(site, page)
            send(sent, {"type": "AddFile", "index_id": index, "file_path": page, "url": None,
                        "file_contents": text}, flush=sent == len(pages) or sent % IN_FLIGHT == 0)
        _answer(answers, number, "IndexedFile")
    files = _answer(answers, send(len(pages) + 1, {"type": "GetFiles", "index_id": index}), "GetFiles")["files"]
    return {file["path"]: base64.b64decode(file["content"]) for file in files}


def searchable(page: str) -> str:
    """What Pagefind reads of a page that marks what it indexes (data-pagefind-body): the root element's start tag
    (its language), the page's first <title> and <h1> (its default title), and every outermost element carrying a
    data-pagefind-* attribute, whole, in the order of the page. Pagefind parses a fraction of the HTML and makes
    the same index. A page that marks no body is read whole, as Pagefind reads it."""
    return _searchable(page.encode("utf-8")).decode("utf-8")


def _searchable(page: bytes) -> bytes:
    """``searchable`` on a page's bytes, so that only what is kept is decoded."""
    if _MARK + b"body" not in page:
        return page
    pieces: list[tuple[int, int]] = []  # (start, end) of the elements kept
    at = 0
    while (mark := page.find(_MARK, at)) >= 0:
        tag = _TAG.match(page, max(page.rfind(b"<", 0, mark), 0))
        if tag is None or tag.group(1) or tag.end() <= mark:
            at = mark + len(_MARK)  # in the page's text, not in a start tag
            continue
        pieces.append((tag.start(), _element_end(page, tag)))
        at = pieces[-1][1]
    for name in (b"title", b"h1"):
        start = page.find(b"<" + name)
        end = page.find(b"</" + name + b">", start)
        if start >= 0 and end >= 0 and not any(a <= start < b for a, b in pieces):
            pieces.append((start, end + len(name) + 3))
    root = _TAG.search(page, max(page.find(b"<html"), 0))
    head = root.group(0) if root and root.group(2).lower() == b"html" else b""
    return head + b"".join(page[start:end] for start, end in sorted(pieces))


def _element_end(page: bytes, start: re.Match[bytes]) -> int:
    """Where the element that ``start`` opens ends: after its end tag (or its start tag, for a void element)."""
    name = start.group(2)
    if name.lower() in _VOID or start.group(0).endswith(b"/>"):
        return start.end()
    close = page.find(b"</" + name + b">", start.end())
    if close >= 0 and page.find(b"<" + name, start.end(), close) < 0:
        return close + len(name) + 3  # the usual case: no element of the same name inside
    depth = 1
    for tag in _same_tag(name.lower()).finditer(page, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page)


@functools.cache
def _same_tag(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s/>])[^>]*>", re.IGNORECASE)


def _sender(stream: IO[bytes]) -> Callable[..., int]:
    def send(message_id: int, payload: dict[str, Any], flush: bool = True) -> int:
        message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
        stream.write(base64.b64encode(message.encode("utf-8")) + b",")
        if flush:
            stream.flush()
        return message_id
    return send


def _answers(stream: io.BufferedReader) -> Iterator[dict[str, Any]]:
    pending: list[bytes] = []
    while chunk := stream.read1(1 << 20):
        *done, rest = chunk.split(b",")
        for part in done:
            pending.append(part)
            yield json.loads(base64.b64decode(b"".join(pending)))
            pending = []
        pending.append(rest)
    raise IndexerError("it stopped before answering")


def _answer(answers: Iterator[dict[str, Any]], message_id: int, kind: str) -> dict[str, Any]:
    answer = next(answers)
    payload = answer.get("payload") or {}
    if payload.get("type") == "Error":
        raise IndexerError(str(payload.get("message") or "an error"))
    if answer.get("message_id") != message_id or payload.get("type") != kind:
        raise IndexerError(f"an answer out of turn ({payload.get('type')!r} to message {answer.get('message_id')})")
    return payload


def _why(status: int | None, log: IO[bytes], err: BaseException) -> str:
    log.seek(0)
    lines = log.read().decode("utf-8", "replace").strip().splitlines()
    said = f": {lines[-1]}" if lines else ""
    if status:
        return f"Pagefind stopped with exit status {status}{said}"
    return f"Pagefind: {err}{said}"


# --- the same bytes for the same pages -------------------------------------------------------------------------

def settle(files: dict[str, bytes], sorts: dict[str, list[int]] | None = None) -> dict[str, bytes]:
    """``files`` (a bundle as Pagefind answers it) with facet values, facets and sorts in order, and the files
    that hold them named by their new bytes, as Pagefind names them. ``sorts`` replaces sort orders by name."""
    settled = dict(files)
    entry = json.loads(files[ENTRY])
    for language, about in sorted(entry.get("languages", {}).items()):
        old_meta = f"pagefind.{about['hash']}.pf_meta"
        meta = unpack(files[old_meta])
        facets = meta[3]
        new_facets = []
        taken: set[str] = set()
        for facet, old_hash in sorted(facets):
            name, values = unpack(settled.pop(f"filter/{old_hash}.pf_filter"))
            data = cbor2.dumps([name, sorted([value, sorted(numbers)] for value, numbers in values)])
            new_hash = _short_name(language, data, taken)
            settled[f"filter/{new_hash}.pf_filter"] = pack(data)
            new_facets.append([facet, new_hash])
        pages = _short_pages(language, meta[1], settled)
        orders = dict(meta[4]) | (sorts or {})
        data = cbor2.dumps([meta[0], pages, meta[2], new_facets, [[key, orders[key]] for key in sorted(orders)],
                            *meta[5:]])
        about["hash"] = f"{language}_{full_hash(data)[:len(language) + 8]}"
        del settled[old_meta]
        settled[f"pagefind.{about['hash']}.pf_meta"] = pack(data)
    entry["languages"] = dict(sorted(entry.get("languages", {}).items()))
    settled[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return settled


FRAGMENT_GROUP = 64
"""Result files named together: a changed page renames the files of its group only, not the whole bundle's."""


def _short_pages(language: str, pages: list[list[Any]], files: dict[str, bytes]) -> list[list[Any]]:
    """The page list with each page's result file (``fragment/``) renamed, in ``files``, by its number after a
    hash of the result files of its group of FRAGMENT_GROUP pages: ``en_{hash}_{number}``. The page list, which the
    search page loads whole, then compresses to half (names in sequence, not 10,000 unrelated hashes); a name still
    stands for the same bytes; and an edited page renames the 64 files of its group, not the bundle's 5,000 (each
    edit's files to write, to publish and for readers' browsers to fetch again). Settled twice, the same names."""
    short = []
    for start in range(0, len(pages), FRAGMENT_GROUP):
        group = pages[start:start + FRAGMENT_GROUP]
        digest = hashlib.sha1()
        for page_hash, _words in group:
            digest.update(hashlib.sha1(files[f"fragment/{page_hash}.pf_fragment"]).digest())
        prefix = f"{language}_{''.join(f'{byte:x}' for byte in digest.digest())[:7]}_"
        for number, (page_hash, words) in enumerate(group, start):
            files[f"fragment/{prefix}{number:x}.pf_fragment"] = files.pop(f"fragment/{page_hash}.pf_fragment")
            short.append([f"{prefix}{number:x}", words])
    return short


def spread_sorts(parts: Sequence[tuple[Sequence[str], dict[str, bytes]]],
                 values: dict[str, dict[str, str]]) -> list[dict[str, list[int]]]:
    """For the parts of one collection, each (its pages, its bundle), each part's sort orders made as long as the
    whole collection's: Pagefind scores a sorted result by its place in the order, and merges the results of
    several indexes by score, so each page must have its place among all the parts' pages. Places that are
    another part's hold a number that is no page of this one. A sort that not every page gives inline (``values``,
    page → sort → value) is left as Pagefind made it."""
    if any(len(json.loads(files[ENTRY]).get("languages", {})) != 1 for _pages, files in parts):
        return [{} for _ in parts]  # pages of several languages: Pagefind's own orders, one per language
    numbered = [_numbering(pages, files) for pages, files in parts]
    own = [{key: pages for key, pages in _meta(files)[4]} for _pages, files in parts]
    spread: list[dict[str, list[int]]] = [{} for _ in parts]
    for key in sorted(set().union(*own)):
        places = [(values.get(page, {}).get(key), n, local) for n, pages in enumerate(numbered)
                  for local, page in enumerate(pages)]
        given = [(value, n, local) for value, n, local in places if value is not None]
        if any(sum(1 for _v, m, _l in given if m == n) != len(own[n].get(key, ())) for n in range(len(parts))):
            continue
        numeric = all(_NUMBER.fullmatch(value) for value, _n, _l in given)
        given.sort(key=lambda place: (float(place[0]) if numeric else place[0], place[1], place[2]))
        for n, pages in enumerate(numbered):
            spread[n][key] = [local if m == n else len(pages) for _v, m, local in given]
    return spread


def _meta(files: dict[str, bytes]) -> list[Any]:
    entry = json.loads(files[ENTRY])
    ((_language, about),) = entry["languages"].items()
    meta: list[Any] = unpack(files[f"pagefind.{about['hash']}.pf_meta"])
    return meta


def _numbering(pages: Sequence[str], files: dict[str, bytes]) -> list[str]:
    """The pages of a bundle by Pagefind's page number: the order they were given in, less any it left out
    (a page without words, or unmarked among marked ones), which only their result files then tell."""
    listed = _meta(files)[1]
    if len(listed) == len(pages):
        return list(pages)
    return [json.loads(gzip.decompress(files[f"fragment/{page_hash}.pf_fragment"])[len(SIGNATURE):])["url"][1:]
            for page_hash, _words in listed]


def unpack(data: bytes) -> Any:
    """The value in one of Pagefind's index files."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not one of Pagefind's index files")
    return cbor2.loads(raw[len(SIGNATURE):])


def pack(cbor: bytes) -> bytes:
    """An index file of CBOR bytes, as Pagefind writes one (its maximum compression; no time in the header)."""
    return gzip.compress(SIGNATURE + cbor, compresslevel=9, mtime=0)


def full_hash(data: bytes) -> str:
    """Pagefind's name for bytes (pagefind/src/utils.rs): SHA-1, each byte in hexadecimal without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def _short_name(language: str, data: bytes, taken: set[str]) -> str:
    """``{language}_`` and the first 7 characters of the hash, longer while another file of the bundle has it."""
    whole = f"{language}_{full_hash(data)}"
    length = len(language) + 8
    while whole[:length] in taken and length < len(whole):
        length += 1
    taken.add(whole[:length])
    return whole[:length]
