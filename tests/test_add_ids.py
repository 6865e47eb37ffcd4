"""The identifier forms ``add`` reads: typed, labelled, pasted as links, and listed in a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.commands.add_ids import Unreadable, Wanted, parse, read_list
from site_builder.diagnostics import UserError


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("34944988", "pmid", "34944988"),
    ("  34944988 ", "pmid", "34944988"),
    ("PMID: 34944988", "pmid", "34944988"),
    ("pmid:34944988", "pmid", "34944988"),
    ("https://pubmed.ncbi.nlm.nih.gov/34944988/", "pmid", "34944988"),
    ("https://pubmed.ncbi.nlm.nih.gov/34944988/?from_term=liver", "pmid", "34944988"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/34944988", "pmid", "34944988"),
    ("pubmed.ncbi.nlm.nih.gov/34944988", "pmid", "34944988"),
    ("PMC8699378", "pmcid", "PMC8699378"),
    ("pmc8699378", "pmcid", "PMC8699378"),
    ("PMCID: PMC8699378", "pmcid", "PMC8699378"),
    ("PMCID: 8699378", "pmcid", "PMC8699378"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8699378/", "pmcid", "PMC8699378"),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC8699378/", "pmcid", "PMC8699378"),
    ("https://europepmc.org/articles/PMC8699378", "pmcid", "PMC8699378"),
    ("10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("doi:10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("DOI: 10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("https://doi.org/10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("http://dx.doi.org/10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("doi.org/10.3390/cancers13246368", "doi", "10.3390/cancers13246368"),
    ("https://doi.org/10.1016/S0140-6736%2897%2911096-0", "doi", "10.1016/S0140-6736(97)11096-0"),
    ("10.1016/S0140-6736(97)11096-0", "doi", "10.1016/S0140-6736(97)11096-0"),
])
def test_each_form_names_its_identifier(text: str, kind: str, value: str) -> None:
    found = parse(text)
    assert isinstance(found, Wanted), found
    assert (found.kind, found.value, found.given) == (kind, value, text.strip())


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("cancer review", "not a PMID"),
    ("0", "not a PMID"),
    ("1234567890", "not a PMID"),
    ("10.abc/x", "not a DOI"),  # the registrant code is digits (DOI Handbook 2.2)
    ("PMC", "not a PMID"),
    ("https://www.mdpi.com/2072-6694/13/24/6368", "names no PMID, PMCID or DOI"),
])
def test_what_names_no_work_says_why(text: str, reason: str) -> None:
    found = parse(text)
    assert isinstance(found, Unreadable)
    assert reason in found.reason


def test_a_doi_is_the_same_request_in_any_case() -> None:
    upper, lower = parse("10.3390/CANCERS13246368"), parse("https://doi.org/10.3390/cancers13246368")
    assert isinstance(upper, Wanted) and isinstance(lower, Wanted)
    assert upper.key == lower.key
    assert upper.value == "10.3390/CANCERS13246368"  # kept as given: the DOI is asked for as written


def test_a_reading_list_skips_comments_and_list_markers_and_names_bad_lines(tmp_path: Path) -> None:
    reading = tmp_path / "list.txt"
    reading.write_text("# March meeting\n\n- 34944988\n* PMC8699378 (the PMC copy)\n"
                       "1. https://doi.org/10.3390/cancers13246368\nPMID: 34095718 (Ferreira 2021)\n"
                       "the review Claire mentioned\n", encoding="utf-8")
    found = read_list(reading)
    assert [(where.rsplit(":", 1)[1], getattr(w, "value", None)) for where, w in found] == [
        ("3", "34944988"), ("4", "PMC8699378"), ("5", "10.3390/cancers13246368"), ("6", "34095718"), ("7", None)]
    where, bad = found[-1]
    assert where == f"{reading}:7" and isinstance(bad, Unreadable)
    assert bad.given == "the review Claire mentioned"


def test_a_missing_list_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read the list"):
        read_list(tmp_path / "nowhere.txt")
