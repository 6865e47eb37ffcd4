"""The client of E-utilities, the PMC ID converter and doi.org, against a local server answering with recorded
real answers (tests/recorded/): what it sends, how fast, how it retries, and what it makes of bad answers."""

from __future__ import annotations

import email.utils
import socket
import time
from collections.abc import Iterator

import pytest
from recorded_services import CSL, HTML, JSON, Recorded, Reply, recorded, serve

from site_builder.commands.add_answers import cut_medline, match_converted
from site_builder.commands.lookup import Client, ServiceError, Services


@pytest.fixture
def server() -> Iterator[Recorded]:
    yield from serve()


def most_in_a_second(times: list[float]) -> int:
    """The most requests that arrived within any one second."""
    return max(sum(1 for u in times if t <= u < t + 1.0) for t in times)


def test_efetch_asks_for_medline_text_and_names_the_tool(server: Recorded) -> None:
    server.efetch["16403221"] = recorded("eutils/16403221.txt")
    with Client(server.services()) as client:
        text = client.efetch_medline(["16403221"])
    assert list(cut_medline(text).records) == ["16403221"]
    (seen,) = server.seen("eutils")
    assert seen.path == "/eutils/efetch.fcgi"
    assert seen.params == {"db": "pubmed", "id": "16403221", "rettype": "medline", "retmode": "text",
                           "tool": "site-builder"}
    assert seen.headers["User-Agent"].startswith("site-builder/")


def test_email_and_api_key_are_sent_when_set(server: Recorded) -> None:
    with Client(server.services(api_key="k3y", email="club@example.org")) as client:
        client.efetch_medline(["1"])
    (seen,) = server.seen("eutils")
    assert seen.params["api_key"] == "k3y" and seen.params["email"] == "club@example.org"
    assert "mailto:club@example.org" in seen.headers["User-Agent"]


def test_without_a_key_ncbi_gets_at_most_3_requests_a_second(server: Recorded) -> None:
    with Client(server.services()) as client:
        for _ in range(7):
            client.efetch_medline(["1"])
    times = [s.at for s in server.seen("eutils")]
    assert len(times) == 7
    assert most_in_a_second(times) == 3
    assert times[-1] - times[0] >= 2.0


def test_with_an_api_key_ncbi_gets_up_to_10_a_second(server: Recorded) -> None:
    with Client(server.services(api_key="k3y")) as client:
        for _ in range(12):
            client.efetch_medline(["1"])
    times = [s.at for s in server.seen("eutils")]
    assert 3 < most_in_a_second(times) <= 10


def test_the_id_converter_shares_ncbis_limit(server: Recorded) -> None:
    server.idconv["PMC1373603"] = recorded("idconv/PMC1373603.constructed.json", 200, JSON)
    with Client(server.services()) as client:
        for _ in range(2):
            client.efetch_medline(["1"])
            client.idconv(["PMC1373603"], "pmcid")
    assert most_in_a_second([s.at for s in server.log]) == 3


def test_429_is_retried_after_the_wait_it_asks_for(server: Recorded) -> None:
    server.first["eutils"] = [Reply(429, b"API rate limit exceeded", headers=(("Retry-After", "1"),))]
    server.efetch["16403221"] = recorded("eutils/16403221.txt")
    with Client(server.services()) as client:
        text = client.efetch_medline(["16403221"])
    assert "PMID- 16403221" in text
    first, second = server.seen("eutils")
    assert second.at - first.at >= 0.95


def test_retry_after_may_be_a_date(server: Recorded) -> None:
    later = email.utils.formatdate(time.time() + 2, usegmt=True)
    server.first["eutils"] = [Reply(503, b"busy", headers=(("Retry-After", later),))]
    with Client(server.services()) as client:
        client.efetch_medline(["1"])
    first, second = server.seen("eutils")
    assert second.at - first.at >= 0.9


def test_5xx_is_retried_with_a_growing_wait_then_reported(server: Recorded) -> None:
    server.first["eutils"] = [Reply(503, b"busy")] * 4
    with Client(server.services(backoff=0.2)) as client, pytest.raises(ServiceError) as err:
        client.efetch_medline(["1"])
    assert str(err.value) == "PubMed (efetch) answered 503 Service Unavailable (tried 4 times)"
    times = [s.at for s in server.seen("eutils")]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 4
    assert gaps[0] >= 0.2 and gaps[1] >= 0.4 and gaps[2] >= 0.8


def test_a_wait_longer_than_allowed_is_not_waited_for(server: Recorded) -> None:
    server.first["eutils"] = [Reply(429, b"", headers=(("Retry-After", "3600"),))]
    started = time.monotonic()
    with Client(server.services()) as client, pytest.raises(ServiceError, match="asks to wait 3600 s"):
        client.efetch_medline(["1"])
    assert time.monotonic() - started < 2
    assert len(server.seen("eutils")) == 1


def test_a_server_that_does_not_answer_times_out(server: Recorded) -> None:
    server.first["eutils"] = [Reply(200, b"", delay=3.0)] * 2
    started = time.monotonic()
    with Client(server.services(timeout=0.4, attempts=2)) as client, pytest.raises(ServiceError) as err:
        client.efetch_medline(["1"])
    assert str(err.value) == "PubMed (efetch) no answer within 0.4 s (tried 2 times)"
    assert time.monotonic() - started < 2.5


def test_offline_is_one_clear_line() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    services = Services(eutils=f"http://127.0.0.1:{port}/eutils/", backoff=0.01, attempts=2)
    with Client(services) as client, pytest.raises(ServiceError) as err:
        client.efetch_medline(["1"])
    assert str(err.value).startswith("PubMed (efetch) cannot be reached (")
    assert "\n" not in str(err.value)


def test_a_host_found_unreachable_is_not_tried_again_in_the_same_run() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    services = Services(eutils=f"{base}/eutils/", idconv=f"{base}/idconv/", backoff=0.2, attempts=3)
    with Client(services) as client:
        with pytest.raises(ServiceError):
            client.efetch_medline(["1"])
        started = time.monotonic()
        with pytest.raises(ServiceError) as err:
            client.idconv(["PMC1"], "pmcid")
    assert time.monotonic() - started < 0.1  # no second round of retries and pauses
    assert str(err.value).startswith("the PMC ID converter cannot be reached (") and "(tried 3 times)" in str(err.value)


def test_an_html_page_instead_of_medline_is_refused(server: Recorded) -> None:
    server.efetch["28004912"] = recorded("eutils/moved.html", 200, HTML)
    with Client(server.services()) as client, pytest.raises(ServiceError) as err:
        client.efetch_medline(["28004912"])
    assert str(err.value) == "PubMed (efetch) answered with a web page ('301 Moved Permanently'), not MEDLINE text"


def test_the_converter_maps_pmcids_and_dois_to_pmids(server: Recorded) -> None:
    server.idconv["PMC2883744"] = recorded("idconv/ng.590.json", 200, JSON)
    server.idconv["10.1038/NG.590"] = recorded("idconv/ng.590.json", 200, JSON)
    with Client(server.services()) as client:
        by_pmcid = match_converted(client.idconv(["PMC2883744"], "pmcid"), ["PMC2883744"], "pmcid")
        by_doi = match_converted(client.idconv(["10.1038/NG.590"], "doi"), ["10.1038/NG.590"], "doi")
    assert by_pmcid["PMC2883744"].pmid == "20495566"
    assert by_doi["10.1038/NG.590"].pmid == "20495566" and by_doi["10.1038/NG.590"].pmcid == "PMC2883744"
    params = server.seen("idconv")[0].params
    assert params == {"ids": "PMC2883744", "idtype": "pmcid", "format": "json", "versions": "no",
                      "tool": "site-builder"}


def test_the_converters_own_error_message_is_shown(server: Recorded) -> None:
    with Client(server.services()) as client, pytest.raises(ServiceError) as err:
        client.idconv(["28371833"], "doi")  # the server answers the recorded 404 for anything unknown
    assert str(err.value) == "the PMC ID converter: ID type 'doi' mismatch for '28371833'"


def test_a_converter_answer_that_is_not_json_is_refused(server: Recorded) -> None:
    server.idconv["PMC1"] = recorded("eutils/moved.html", 200, "text/plain")
    with Client(server.services()) as client, pytest.raises(ServiceError, match="not JSON"):
        client.idconv(["PMC1"], "pmcid")


def test_doi_org_is_asked_for_csl_json_and_followed(server: Recorded) -> None:
    server.csl["10.1126/science.169.3946.635"] = recorded("doi/science.169.3946.635.csl.json", 200, CSL)
    with Client(server.services()) as client:
        answer = client.csl_json("10.1126/science.169.3946.635")
    assert '"DOI":"10.1126\\/science.169.3946.635"' in answer.text
    asked, followed = server.log
    assert asked.path == "/doi/10.1126/science.169.3946.635"
    assert asked.headers["Accept"] == "application/vnd.citationstyles.csl+json"
    assert followed.path == "/crossref/v1/works/10.1126%2Fscience.169.3946.635/transform"


def test_a_doi_that_does_not_exist(server: Recorded) -> None:
    with Client(server.services()) as client, pytest.raises(ServiceError) as err:
        client.csl_json("10.1126/foo")
    assert str(err.value) == "doi.org does not know this DOI (404 DOI Not Found)"


def test_a_doi_that_leads_to_a_web_page(server: Recorded) -> None:
    server.csl["10.1126/foo"] = recorded("doi/10.1126-foo.not-found.html", 200, HTML)
    with Client(server.services()) as client, pytest.raises(ServiceError, match="led to a web page"):
        client.csl_json("10.1126/foo")


def test_settings_come_from_the_environment() -> None:
    services = Services.from_environment({"SITE_BUILDER_EUTILS_URL": "http://127.0.0.1:9/e/", "NCBI_API_KEY": "k",
                                          "SITE_BUILDER_HTTP_TIMEOUT": "2.5", "NCBI_EMAIL": ""})
    assert (services.eutils, services.api_key, services.timeout) == ("http://127.0.0.1:9/e/", "k", 2.5)
    assert services.doi == "https://doi.org/" and services.email == ""
    with pytest.raises(ServiceError, match="SITE_BUILDER_HTTP_ATTEMPTS='many' is not a whole number"):
        Services.from_environment({"SITE_BUILDER_HTTP_ATTEMPTS": "many"})
