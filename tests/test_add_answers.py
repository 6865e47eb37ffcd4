"""What the services answered, checked against what was asked (add_answers.py), on the recorded real answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from recorded_services import RECORDED

from site_builder import readers
from site_builder.commands.add_answers import (
    check_csl,
    csl_file_text,
    cut_medline,
    match_converted,
    medline_mismatch,
    missing_pmid,
    notes,
    refusal,
)
from site_builder.readers import csl_json


def answer(name: str) -> str:
    """A recorded answer as the client decodes it (bytes as UTF-8, line ends as sent)."""
    return (RECORDED / name).read_bytes().decode("utf-8")


def one_record(name: str):
    (found,) = cut_medline(answer(name)).records.values()
    return found


def test_an_efetch_answer_is_cut_into_its_records_as_pubmed_wrote_them() -> None:
    text = answer("eutils/pubmed_result2.txt")
    found = cut_medline(text)
    assert list(found.records) == ["16403221", "16377612", "14871861", "14630660"]
    blocks = [r.text for r in found.records.values()]
    assert all(b.startswith("PMID- ") and b.endswith("\n") and not b.endswith("\n\n") for b in blocks)
    assert "\n".join(blocks) == text.lstrip("\n")  # nothing lost, nothing added between the records
    assert (found.unavailable, found.junk) == (frozenset(), "")


def test_crlf_answers_are_cut_into_lf_records() -> None:
    text = answer("eutils/34021247.nbib")
    assert "\r\n" in text
    assert one_record("eutils/34021247.nbib").text == text.replace("\r\n", "\n")


def test_an_unknown_pmid_is_told_apart_from_an_answer_that_is_not_medline() -> None:
    unavailable = cut_medline(answer("eutils/not-available.txt"))
    assert unavailable.unavailable == {"32816848"}
    assert missing_pmid("32816848", unavailable, ["32816848"]) == "PubMed says PMID 32816848 is not available"
    empty = cut_medline("")
    assert missing_pmid("99999999", empty, ["99999999"]) == "PubMed has no record for PMID 99999999"
    page = cut_medline(answer("eutils/moved.html"))
    assert missing_pmid("28004912", page, ["28004912"]).startswith(
        "PubMed answered something that is not MEDLINE text ('<!DOCTYPE HTML PUBLIC")


def test_a_record_for_another_pmid_is_not_taken_for_the_one_asked() -> None:
    other = cut_medline(answer("eutils/16403221.txt"))
    assert "20495566" not in other.records
    assert missing_pmid("20495566", other, ["20495566"]) == "PubMed answered with PMID 16403221, not 20495566"


@pytest.mark.parametrize(("name", "expected"), [
    ("eutils/9500320.txt", "PMID 9500320 has been retracted (Retraction in: Lancet. 2010 Feb 6;375(9713):445. "
                           "doi: 10.1016/S0140-6736(10)60175-4. PMID: 20137807)"),
    ("eutils/20137807.txt", "PMID 20137807 is a retraction notice, not an article (Retraction of: Lancet. 1998 "
                            "Feb 28;351(9103):637-41. doi: 10.1016/s0140-6736(97)11096-0. PMID: 9500320)"),
    ("eutils/34480107.nbib", "PMID 34480107 is an erratum notice, not an article (Erratum for: Leukemia. 2021 May "
                             "21;:. PMID: 34021247); to add that one: site-builder add 34021247"),
    ("eutils/34021247.nbib", ""),
    ("eutils/16403221.txt", ""),
])
def test_retracted_records_and_notices_are_refused(name: str, expected: str) -> None:
    assert refusal(one_record(name).record) == expected


def test_an_erratum_or_concern_about_an_article_is_noted() -> None:
    assert notes(one_record("eutils/34021247.nbib").record) == [
        "an erratum was published: Leukemia. 2021 Sep 3;:. PMID: 34480107"]
    assert notes(one_record("eutils/9500320.txt").record) == [
        "an expression of concern was published: Eur J Gastroenterol Hepatol. 2011 Nov;23(11):1082. doi: "
        "10.1097/MEG.0b013e328349d184. PMID: 21971344"]
    assert notes(one_record("eutils/16403221.txt").record) == []


def test_a_medline_record_of_another_work_than_the_pmcid_or_doi_asked() -> None:
    record = one_record("eutils/16403221.txt")
    assert medline_mismatch(record, pmcid="PMC1373603") == ""
    assert medline_mismatch(record, doi="10.1186/1471-2105-7-10") == ""
    assert medline_mismatch(record, doi="10.1186/1471-2105-7-10".upper()) == ""
    assert medline_mismatch(record, pmcid="PMC2883744") == "PubMed's record 16403221 is PMC1373603, not PMC2883744"
    assert medline_mismatch(record, doi="10.1038/ng.590") == (
        "PubMed's record 16403221 has DOI 10.1186/1471-2105-7-10, not 10.1038/ng.590")


def test_converter_records_are_matched_by_what_they_hold() -> None:
    records = json.loads(answer("idconv/ng.590.json"))["records"]
    found = match_converted(records, ["PMC2883744", "PMC1"], "pmcid")
    assert set(found) == {"PMC2883744"}
    assert (found["PMC2883744"].pmid, found["PMC2883744"].doi) == ("20495566", "10.1038/ng.590")
    # answers since the converter moved to pmc.ncbi.nlm.nih.gov give the PMID as a number
    as_number = [{**records[0], "pmid": 20495566, "requested-id": "pmc2883744"}]
    assert match_converted(as_number, ["PMC2883744"], "pmcid")["PMC2883744"].pmid == "20495566"


def test_a_converter_error_record_gives_no_pmid() -> None:
    records = [{"requested-id": "10.1126/science.169.3946.635", "doi": "10.1126/science.169.3946.635",
                "status": "error", "errmsg": "Identifier not found in PMC"}]
    found = match_converted(records, ["10.1126/science.169.3946.635"], "doi")
    assert found["10.1126/science.169.3946.635"].pmid == ""
    assert found["10.1126/science.169.3946.635"].error == "Identifier not found in PMC"


def test_csl_json_must_describe_the_doi_asked_for() -> None:
    text = answer("doi/science.169.3946.635.csl.json")
    item, why = check_csl(text, "10.1126/SCIENCE.169.3946.635")
    assert why == "" and item is not None and item["title"] == "The Structure of Ordinary Water"
    assert check_csl(text, "10.1038/ng.590") == (
        None, "doi.org answered with DOI 10.1126/science.169.3946.635, not 10.1038/ng.590")
    assert check_csl(answer("doi/10.1126-foo.not-found.html"), "10.1126/foo")[1].startswith(
        "doi.org answered text that is not JSON ('<!DOCTYPE html>")
    assert check_csl(answer("idconv/ng.590.json"), "10.1038/ng.590")[1] == (
        'doi.org answered JSON that is not a CSL-JSON item (no "type")')


def test_the_csl_file_holds_every_value_and_is_read_as_csl_json(tmp_path: Path) -> None:
    text = answer("doi/science.169.3946.635.csl.json")
    item, _why = check_csl(text, "10.1126/science.169.3946.635")
    assert item is not None
    written = csl_file_text(item)
    assert json.loads(written) == [json.loads(text)]
    assert list(json.loads(written)[0])[:3] == ["type", "DOI", "title"]
    path = tmp_path / "doi-10.1126_science.169.3946.635.json"
    path.write_text(written, encoding="utf-8")
    records, problems = readers.read_file(path, "content/records/" + path.name)
    assert problems == [] and [r.format for r in records] == [csl_json.FORMAT]
    article, problems = readers.to_article(records[0])
    assert problems == []
    assert (article.title, article.doi, article.year) == (
        "The Structure of Ordinary Water: New data and interpretations are yielding new insights into this "
        "fascinating substance.", "10.1126/science.169.3946.635", "1970")
