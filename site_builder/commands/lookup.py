"""The network side of ``add``: NCBI E-utilities (efetch, esearch), the PMC ID converter and doi.org content
negotiation.

A polite client, as NCBI's usage rules ask: every request names the tool (``tool=site-builder`` and a User-Agent
naming the project; ``email`` too when NCBI_EMAIL is set), requests to NCBI are spaced to 3 a second, or 10 with
an API key (NCBI_API_KEY), many PMIDs go in one efetch call, and answers 429 and 5xx are retried after the wait
the server asks for (Retry-After) or a doubling back-off. Every request has a timeout.

The service addresses are settings (``Services``), read from the environment so that tests can point them at a
local server; nothing here writes files. A service that cannot answer is a ``ServiceError`` with one line that
names it; what an answer says is checked by the caller (add.py), which knows what was asked for.
"""

from __future__ import annotations

import email.utils
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import httpx

from .. import __version__

TOOL = "site-builder"
USER_AGENT = f"{TOOL}/{__version__} (a static-site generator for review collections; python-httpx/{httpx.__version__})"
NCBI_PER_SECOND = 3.0
NCBI_PER_SECOND_WITH_KEY = 10.0
DOI_PER_SECOND = 5.0
"""doi.org publishes no limit; Crossref, where most DOIs lead, asks for a few requests a second at most."""
BATCH = 200
"""IDs per request: efetch takes up to 200 by GET, the ID converter up to 200 per call."""
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
CSL_JSON = "application/vnd.citationstyles.csl+json"
SPACING_MARGIN = 0.02
"""Seconds added to each request's spacing, so that the server's clock, which sees the requests a little later
and less evenly than they leave, still never counts more than the limit in a second."""

ENVIRONMENT = {
    "eutils": "SITE_BUILDER_EUTILS_URL",
    "idconv": "SITE_BUILDER_IDCONV_URL",
    "doi": "SITE_BUILDER_DOI_URL",
    "api_key": "NCBI_API_KEY",
    "email": "NCBI_EMAIL",
    "timeout": "SITE_BUILDER_HTTP_TIMEOUT",
    "attempts": "SITE_BUILDER_HTTP_ATTEMPTS",
    "backoff": "SITE_BUILDER_HTTP_BACKOFF",
}
"""The environment variable of each setting."""


@dataclass(frozen=True)
class Services:
    """Where the services are and how patiently to ask them."""

    eutils: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
    """NCBI E-utilities; efetch.fcgi is asked for MEDLINE text."""
    idconv: str = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
    """The PMC ID converter (PMCID and DOI to PMID); www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/ redirects here."""
    doi: str = "https://doi.org/"
    """The DOI resolver, asked for CSL-JSON by content negotiation."""
    api_key: str = ""
    """An NCBI API key: up to 10 requests a second instead of 3."""
    email: str = ""
    """An address NCBI may write to about these requests (sent as ``email``), as its usage rules ask."""
    timeout: float = 30.0
    """Seconds to wait for a connection, and then for each part of an answer."""
    attempts: int = 4
    """Tries per request, when the answer is 429 or 5xx or none comes."""
    backoff: float = 1.0
    """Seconds before the second try; doubled before each further try (unless the server says how long)."""
    longest_wait: float = 60.0
    """A server asking to wait longer than this (Retry-After) is not waited for."""

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Services:
        """The defaults, with each setting whose environment variable (``ENVIRONMENT``) is set and not empty."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for name, variable in ENVIRONMENT.items():
            text = env.get(variable, "").strip()
            if not text:
                continue
            kind = type(getattr(cls, name))
            try:
                values[name] = kind(text)
            except ValueError as err:
                raise ServiceError(f"{variable}={text!r} is not a {_KIND_NAMES[kind]}") from err
        return cls(**values)


_KIND_NAMES = {int: "whole number", float: "number", str: "text"}


class ServiceError(Exception):
    """A service that could not be asked, or whose answer is not what its protocol promises; one line."""


class RateLimit:
    """Spaces the start of requests to at most ``per_second`` a second (thread-safe)."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.spacing = 1.0 / per_second + SPACING_MARGIN
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._sleep(self._next - now)
                now = self._next
            self._next = now + self.spacing


@dataclass(frozen=True)
class Answer:
    """A successful answer: its text and where it finally came from (after redirects)."""

    text: str
    url: str
    content_type: str


class Client:
    """One session with the three services; use it in a ``with`` block."""

    def __init__(self, services: Services, sleep: Callable[[float], None] = time.sleep) -> None:
        self.services = services
        self._sleep = sleep
        self._http = httpx.Client(timeout=services.timeout, follow_redirects=True,
                                  headers={"User-Agent": _user_agent(services)})
        self._ncbi = RateLimit(NCBI_PER_SECOND_WITH_KEY if services.api_key else NCBI_PER_SECOND, sleep=sleep)
        self._doi = RateLimit(DOI_PER_SECOND, sleep=sleep)
        self._unreachable: dict[str, str] = {}
        """Hosts that could not be reached, with why: offline, the next request to one fails at once."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def efetch_medline(self, pmids: Sequence[str]) -> str:
        """The MEDLINE text efetch gives for up to ``BATCH`` PMIDs (one request). An unknown PMID is simply
        missing from it (the caller checks which records came)."""
        if len(pmids) > BATCH:
            raise ValueError(f"at most {BATCH} PMIDs per efetch call")
        params = {"db": "pubmed", "id": ",".join(pmids), "rettype": "medline", "retmode": "text",
                  **self._ncbi_identity(), **({"api_key": self.services.api_key} if self.services.api_key else {})}
        answer = self._get("PubMed (efetch)", _join(self.services.eutils, "efetch.fcgi"), params, {}, self._ncbi)
        if _is_html(answer):
            raise ServiceError(f"PubMed (efetch) answered with a web page ({_html_title(answer.text)!r}), "
                               "not MEDLINE text")
        return answer.text

    def esearch_doi(self, doi: str) -> list[str]:
        """The PMIDs of PubMed's records that carry ``doi`` (a search of its DOI field; usually one or none)."""
        params = {"db": "pubmed", "term": f"{doi}[doi]", "retmode": "json", "retmax": "5",
                  **self._ncbi_identity(), **({"api_key": self.services.api_key} if self.services.api_key else {})}
        answer = self._get("PubMed (esearch)", _join(self.services.eutils, "esearch.fcgi"), params,
                           {"Accept": "application/json"}, self._ncbi)
        if _is_html(answer):
            raise ServiceError(f"PubMed (esearch) answered with a web page ({_html_title(answer.text)!r}), not JSON")
        data = _json(answer, "PubMed (esearch)")
        result = data.get("esearchresult") if isinstance(data, dict) else None
        if not isinstance(result, dict):
            raise ServiceError("PubMed (esearch) answered JSON without an esearchresult")
        if result.get("ERROR"):
            raise ServiceError(f"PubMed (esearch): {' '.join(str(result['ERROR']).split())[:200]}")
        ids = result.get("idlist", [])
        if not isinstance(ids, list) or not all(isinstance(i, str) and i.isdigit() for i in ids):
            raise ServiceError("PubMed (esearch) answered an idlist that is not a list of PMIDs")
        return ids

    def idconv(self, ids: Sequence[str], idtype: str) -> list[dict[str, Any]]:
        """The ID converter's records for up to ``BATCH`` IDs of one type ("pmcid" or "doi")."""
        if len(ids) > BATCH:
            raise ValueError(f"at most {BATCH} IDs per ID converter call")
        params = {"ids": ",".join(ids), "idtype": idtype, "format": "json", "versions": "no",
                  **self._ncbi_identity()}
        answer = self._get("the PMC ID converter", self.services.idconv, params, {"Accept": "application/json"},
                           self._ncbi, accept_error=_idconv_error)
        data = _json(answer, "the PMC ID converter")
        records = data.get("records") if isinstance(data, dict) else None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ServiceError("the PMC ID converter answered JSON without a list of records")
        return records

    def csl_json(self, doi: str) -> Answer:
        """The CSL-JSON that doi.org (through the DOI's registration agency) gives for ``doi``."""
        url = _join(self.services.doi, quote(doi, safe="/"))
        answer = self._get("doi.org", url, {}, {"Accept": CSL_JSON}, self._doi, accept_error=_doi_error)
        if _is_html(answer):
            raise ServiceError(f"doi.org led to a web page ({_html_title(answer.text)!r}), not CSL-JSON: the DOI's "
                               "registration agency may offer no citation metadata")
        return answer

    def _ncbi_identity(self) -> dict[str, str]:
        return {"tool": TOOL, **({"email": self.services.email} if self.services.email else {})}

    def _get(self, service: str, url: str, params: Mapping[str, str], headers: Mapping[str, str],
             limit: RateLimit, accept_error: Callable[[httpx.Response], str | None] | None = None) -> Answer:
        """GET with retries; the answer of a 2xx, or a ServiceError saying why there is none.

        ``accept_error`` turns a final 4xx into the service's own one-line explanation.
        """
        host = httpx.URL(url).host
        if host in self._unreachable:
            raise ServiceError(f"{service} {self._unreachable[host]}")
        problem, unreachable = "", False
        for attempt, last in _attempts(self.services.attempts):
            limit.wait()
            try:
                response = self._http.get(url, params=params, headers=headers)
            except httpx.TimeoutException:
                problem, unreachable = f"no answer within {self.services.timeout:g} s", False
                wait = self.services.backoff * 2 ** attempt
            except httpx.TransportError as err:
                problem, unreachable = f"cannot be reached ({_reason(err)})", True
                wait = self.services.backoff * 2 ** attempt
            else:
                if response.status_code not in RETRIED_STATUSES:
                    return _success(service, response, accept_error)
                problem, unreachable = f"answered {response.status_code} {response.reason_phrase}".rstrip(), False
                asked = _retry_after(response)
                if asked is not None and asked > self.services.longest_wait:
                    raise ServiceError(f"{service} {problem} and asks to wait {asked:g} s; try again later")
                wait = asked if asked is not None else self.services.backoff * 2 ** attempt
            if last:
                break
            self._sleep(wait)
        tries = self.services.attempts
        problem += f" (tried {tries} times)" if tries > 1 else ""
        if unreachable:
            self._unreachable[host] = problem
        raise ServiceError(f"{service} {problem}")


def _attempts(count: int) -> Iterator[tuple[int, bool]]:
    """(0-based attempt, whether it is the last) for ``count`` attempts, at least one."""
    count = max(1, count)
    for attempt in range(count):
        yield attempt, attempt == count - 1


def _success(service: str, response: httpx.Response,
             accept_error: Callable[[httpx.Response], str | None] | None) -> Answer:
    if response.status_code >= 400 or response.status_code < 200:
        explained = accept_error(response) if accept_error else None
        raise ServiceError(explained or f"{service} answered {response.status_code} {response.reason_phrase}")
    try:
        text = response.content.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ServiceError(f"{service} answered bytes that are not UTF-8 (at byte {err.start})") from err
    return Answer(text, str(response.url), response.headers.get("content-type", ""))


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks to wait: Retry-After as seconds or as an HTTP date; None when it does not say."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _idconv_error(response: httpx.Response) -> str | None:
    """The converter's own message ({"status": "error", "message": "ID%20type..."}), URL-decoded."""
    try:
        data = response.json()
    except ValueError:
        return None
    message = data.get("message") if isinstance(data, dict) else None
    return f"the PMC ID converter: {unquote(message)}" if isinstance(message, str) and message else None


def _doi_error(response: httpx.Response) -> str | None:
    if response.status_code == 404:
        return "doi.org does not know this DOI (404 DOI Not Found)"
    if response.status_code == 406:
        return "the DOI's registration agency offers no CSL-JSON for it (406 Not Acceptable)"
    return None


def _json(answer: Answer, service: str) -> Any:
    try:
        return json.loads(answer.text)
    except ValueError as err:
        start = " ".join(answer.text.split())[:60]
        raise ServiceError(f"{service} answered text that is not JSON ({start!r}…)") from err


def _is_html(answer: Answer) -> bool:
    start = answer.text.lstrip()[:15].lower()
    return "html" in answer.content_type.lower() or start.startswith(("<!doctype html", "<html"))


def _html_title(text: str) -> str:
    lower = text.lower()
    start, end = lower.find("<title>"), lower.find("</title>")
    title = text[start + len("<title>"):end] if 0 <= start < end else text[:60]
    return " ".join(title.split())


def _reason(err: httpx.TransportError) -> str:
    text = str(err) or type(err).__name__
    return text.splitlines()[0]


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")


def _user_agent(services: Services) -> str:
    return f"{USER_AGENT[:-1]}; mailto:{services.email})" if services.email else USER_AGENT
