"""A local HTTP server on 127.0.0.1 that stands in for E-utilities, the PMC ID converter and doi.org, answering
with the recorded real answers in tests/recorded/ (see its SOURCE.md). It logs every request with the time it
arrived, so tests can count requests per second, and can be told to answer some requests with a status first
(429 with Retry-After, 503) or to answer slowly.

Routes, mirroring the real services under one address:

- ``/eutils/efetch.fcgi?id=…``: the answer recorded for that exact ``id`` list, else the answers recorded for its
  PMIDs one by one, in the order asked (efetch's answer for several PMIDs is their records one after another,
  each after a blank line, as ``eutils/pubmed_result2.txt`` shows); PMIDs with no recording get what efetch
  gives for PMIDs it does not know: nothing (200 and an empty text);
- ``/eutils/esearch.fcgi?term=…``: the answer recorded for that term; any other term gets PubMed's answer for a
  search that finds nothing (``eutils/esearch-none.constructed.json``);
- ``/idconv/?ids=…``: the answer recorded for those ids; unknown ones get the converter's real 404 error;
- ``/doi/<DOI>``: a 302 to ``/crossref/v1/works/<DOI>/transform`` as doi.org redirects for Crossref DOIs, which
  answers the recorded CSL-JSON; an unknown DOI gets doi.org's real "DOI Not Found" page (404).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from site_builder.commands.lookup import Services

RECORDED = Path(__file__).resolve().parent / "recorded"
TEXT = "text/plain; charset=UTF-8"
JSON = "application/json; charset=ISO-8859-1"
CSL = "application/vnd.citationstyles.csl+json"
HTML = "text/html;charset=utf-8"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes = b""
    content_type: str = TEXT
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


def recorded(path: str, status: int = 200, content_type: str = TEXT) -> Reply:
    return Reply(status, (RECORDED / path).read_bytes(), content_type)


@dataclass(frozen=True)
class Seen:
    """A request as the server saw it."""

    at: float
    service: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class Recorded:
    """What the server answers; tests fill the dictionaries."""

    efetch: dict[str, Reply] = field(default_factory=dict)
    """By the ``id`` parameter, exactly as sent."""
    esearch: dict[str, Reply] = field(default_factory=dict)
    """By the ``term`` parameter, exactly as sent."""
    idconv: dict[str, Reply] = field(default_factory=dict)
    """By the ``ids`` parameter."""
    csl: dict[str, Reply] = field(default_factory=dict)
    """By DOI, case-folded."""
    first: dict[str, list[Reply]] = field(default_factory=dict)
    """Per service ("eutils", "idconv", "doi"), replies given before the recorded one, in order."""
    log: list[Seen] = field(default_factory=list)
    url: str = ""

    def services(self, **settings: object) -> Services:
        """Settings that point every service at this server, with fast retries unless told otherwise."""
        values: dict[str, object] = {"eutils": f"{self.url}/eutils/", "idconv": f"{self.url}/idconv/",
                                     "doi": f"{self.url}/doi/", "backoff": 0.05, "timeout": 5.0}
        return Services(**{**values, **settings})  # type: ignore[arg-type]

    def environment(self) -> dict[str, str]:
        """The same, as the environment variables the command line reads."""
        return {"SITE_BUILDER_EUTILS_URL": f"{self.url}/eutils/", "SITE_BUILDER_IDCONV_URL": f"{self.url}/idconv/",
                "SITE_BUILDER_DOI_URL": f"{self.url}/doi/", "SITE_BUILDER_HTTP_BACKOFF": "0.05",
                "NCBI_API_KEY": "", "NCBI_EMAIL": ""}

    def seen(self, service: str) -> list[Seen]:
        return [s for s in self.log if s.service == service]

    def reply(self, service: str, path: str, params: dict[str, str]) -> Reply:
        queued = self.first.get(service)
        if queued:
            return queued.pop(0)
        if service == "eutils" and path.endswith("/esearch.fcgi"):
            return self.esearch.get(params.get("term", ""),
                                    recorded("eutils/esearch-none.constructed.json", 200, JSON))
        if service == "eutils":
            ids = params.get("id", "")
            if ids in self.efetch:
                return self.efetch[ids]
            parts = [self.efetch[pmid].body for pmid in ids.split(",") if pmid in self.efetch]
            return Reply(200, b"".join(p if p.startswith((b"\n", b"\r\n")) else b"\n" + p for p in parts))
        if service == "idconv":
            return self.idconv.get(params.get("ids", ""), recorded("idconv/id-type-mismatch.json", 404, JSON))
        if service == "doi":
            doi = unquote(path.removeprefix("/doi/"))
            if doi.casefold() in self.csl:
                target = f"/crossref/v1/works/{quote(doi, safe='')}/transform"
                return Reply(302, (RECORDED / "doi/science.169.3946.635.redirect.html").read_bytes(), HTML,
                             (("Location", target),))
            return recorded("doi/10.1126-foo.not-found.html", 404, HTML)
        if service == "crossref":
            doi = unquote(path.removeprefix("/crossref/v1/works/").removesuffix("/transform"))
            return self.csl.get(doi.casefold(), Reply(404, b"Resource not found.", TEXT))
        return Reply(404, b"no such service", TEXT)


def _handler(state: Recorded) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            arrived = time.monotonic()
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            service = parts.path.strip("/").split("/")[0]
            state.log.append(Seen(arrived, service, parts.path, params, dict(self.headers.items())))
            reply = state.reply(service, parts.path, params)
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
            pass

    return Handler


def serve() -> Iterator[Recorded]:
    """A running server for one test; stopped after it."""
    state = Recorded()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
