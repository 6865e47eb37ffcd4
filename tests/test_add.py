"""``site-builder add``: works fetched by each identifier form, checked, written whole or not at all, found when
already in the collection, summaries started; then built with no warning. The services are a local server
answering with recorded real answers (tests/recorded/)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from recorded_services import CSL, HTML, JSON, RECORDED, Recorded, Reply, recorded, serve

from site_builder.commands import add as add_module
from site_builder.commands import add_files
from site_builder.commands.add import Outcome, Status, add
from site_builder.commands.add_ids import parse
from site_builder.prose.summaries import read_summaries

BATCH_OF_FOUR = "16403221,16377612,14871861,14630660"
SCIENCE = "10.1126/science.169.3946.635"
TITLE = ("The Structure of Ordinary Water: New data and interpretations are yielding new insights into this "
         "fascinating substance.")  # its title and Crossref's subtitle
TODAY = datetime.date(2024, 3, 5)


@pytest.fixture
def server() -> Iterator[Recorded]:
    state = next(gen := serve())
    state.efetch[BATCH_OF_FOUR] = recorded("eutils/pubmed_result2.txt")
    for pmid in ("16403221", "9500320", "20137807"):
        state.efetch[pmid] = recorded(f"eutils/{pmid}.txt")
    for pmid in ("34021247", "34480107"):
        state.efetch[pmid] = recorded(f"eutils/{pmid}.nbib")
    state.efetch["32816848"] = recorded("eutils/not-available.txt")
    state.idconv["PMC1373603"] = recorded("idconv/PMC1373603.constructed.json", 200, JSON)
    state.idconv["10.1186/1471-2105-7-10"] = recorded("idconv/PMC1373603.constructed.json", 200, JSON)
    state.csl[SCIENCE] = recorded("doi/science.169.3946.635.csl.json", 200, CSL)
    yield state
    gen.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "content").mkdir(parents=True)
    return folder


def run(site: Path, server: Recorded, *ids: str, **options: bool) -> list[Outcome]:
    return add(site, [("", parse(i)) for i in ids], services=server.services(), today=TODAY, **options)


def files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def record_block(name: str, pmid: str) -> str:
    """PubMed's lines for ``pmid`` in a recorded answer, LF line ends."""
    text = (RECORDED / name).read_bytes().decode("utf-8").replace("\r\n", "\n")
    start = text.index(f"PMID- {pmid}")
    end = text.find("\n\n", start)
    return text[start:end + 1] if end >= 0 else text[start:]


@pytest.mark.parametrize("given", ["16403221", "PMID: 16403221", "https://pubmed.ncbi.nlm.nih.gov/16403221/",
                                   "PMC1373603", "https://pmc.ncbi.nlm.nih.gov/articles/PMC1373603/"])
def test_a_pmid_or_pmcid_in_any_form_writes_pubmeds_record(site: Path, server: Recorded, given: str) -> None:
    (outcome,) = run(site, server, given)
    assert outcome.status is Status.ADDED, outcome
    assert outcome.message == ("A high level interface to SCOP and ASTRAL implemented in python. — "
                               "Casbon, James A et al., BMC bioinformatics, 2006")
    assert outcome.files == ("content/records/pubmed-16403221.nbib",)
    written = (site / outcome.files[0]).read_text(encoding="utf-8")
    assert written == record_block("eutils/pubmed_result2.txt", "16403221")
    assert files(site) == ["content/records/pubmed-16403221.nbib"]


@pytest.mark.parametrize("given", [SCIENCE, f"doi:{SCIENCE}", f"https://doi.org/{SCIENCE}",
                                   "http://dx.doi.org/10.1126/SCIENCE.169.3946.635"])
def test_a_doi_in_any_form_writes_doi_orgs_csl_json(site: Path, server: Recorded, given: str) -> None:
    (outcome,) = run(site, server, given)
    assert outcome.status is Status.ADDED, outcome
    assert outcome.message == f"{TITLE} — Frank, Henry S., Science, 1970"
    assert outcome.files == ("content/records/doi-10.1126_science.169.3946.635.json",)
    item = yaml.safe_load((site / outcome.files[0]).read_text(encoding="utf-8"))[0]  # JSON is YAML
    recorded_item = yaml.safe_load((RECORDED / "doi/science.169.3946.635.csl.json").read_text(encoding="utf-8"))
    assert item == recorded_item
    # the converter was asked whether the DOI has a PMID (the server's answer is its real 404 error), then
    # PubMed's DOI field, which holds none: a work that is not in PubMed is added from doi.org alone, unremarked
    doi = given.split("org/")[-1].removeprefix("doi:")
    assert server.seen("idconv")[0].params["ids"] == doi
    (searched,) = server.seen("eutils")
    assert searched.path.endswith("/esearch.fcgi") and searched.params["term"] == f"{doi}[doi]"
    assert outcome.notes == ()


LEUKEMIA_DOI = "10.1038/s41375-021-01295-1"


def test_a_doi_outside_pmc_is_found_in_pubmeds_doi_field(site: Path, server: Recorded) -> None:
    server.esearch[f"{LEUKEMIA_DOI}[doi]"] = recorded("eutils/esearch-34021247.constructed.json", 200, JSON)
    (outcome,) = run(site, server, f"https://doi.org/{LEUKEMIA_DOI}")
    assert outcome.status is Status.ADDED, outcome
    assert outcome.files == ("content/records/pubmed-34021247.nbib",)
    # doi.org (the local server) knows no CSL-JSON for it: PubMed's record is enough, and the note says why
    assert outcome.notes[0] == "doi.org does not know this DOI (404 DOI Not Found); added from PubMed's record alone"
    assert [s.path.rsplit("/", 1)[-1] for s in server.seen("eutils")] == ["esearch.fcgi", "efetch.fcgi"]
    assert server.seen("eutils")[1].params["id"] == "34021247"


def test_a_doi_pubmed_finds_twice_fetches_neither(site: Path, server: Recorded) -> None:
    twice = b'{"esearchresult": {"count": "2", "idlist": ["34021247", "34480107"]}}'
    server.esearch[f"{SCIENCE}[doi]"] = Reply(200, twice, JSON)
    (outcome,) = run(site, server, SCIENCE)
    assert outcome.status is Status.ADDED
    assert outcome.files == ("content/records/doi-10.1126_science.169.3946.635.json",)
    assert outcome.notes == ("PubMed has 2 records with this DOI (34021247, 34480107); none fetched",)
    assert not [s for s in server.seen("eutils") if s.path.endswith("/efetch.fcgi")]


def test_a_doi_whose_pubmed_search_fails_says_why_in_a_note(site: Path, server: Recorded) -> None:
    server.esearch[f"{SCIENCE}[doi]"] = recorded("eutils/moved.html", 200, HTML)
    (outcome,) = run(site, server, SCIENCE)
    assert outcome.status is Status.ADDED
    assert outcome.notes == ("no MEDLINE record looked for: the PMC ID converter: ID type 'doi' mismatch for "
                             "'28371833'; PubMed (esearch) answered with a web page ('301 Moved Permanently'), "
                             "not JSON",)


def test_many_pmids_are_fetched_in_one_efetch_call(site: Path, server: Recorded) -> None:
    outcomes = run(site, server, "16403221", "16377612", "14871861", "14630660")
    assert [o.status for o in outcomes] == [Status.ADDED] * 4
    (seen,) = server.seen("eutils")
    assert seen.params["id"] == BATCH_OF_FOUR
    assert files(site) == [f"content/records/pubmed-{p}.nbib" for p in sorted(BATCH_OF_FOUR.split(","))]
    for pmid in BATCH_OF_FOUR.split(","):
        assert (site / f"content/records/pubmed-{pmid}.nbib").read_text(encoding="utf-8") == record_block(
            "eutils/pubmed_result2.txt", pmid)


def test_more_pmids_than_one_call_takes_go_in_several(site: Path, server: Recorded,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(add_module, "BATCH", 2)
    server.efetch["16403221,16377612"] = recorded("eutils/pubmed_result2.txt")
    server.efetch["14871861,14630660"] = recorded("eutils/pubmed_result2.txt")
    outcomes = run(site, server, "16403221", "16377612", "14871861", "14630660")
    assert [s.params["id"] for s in server.seen("eutils")] == ["16403221,16377612", "14871861,14630660"]
    assert [o.status for o in outcomes] == [Status.ADDED] * 4


def test_a_work_in_the_collection_is_found_by_any_of_its_identifiers(site: Path, server: Recorded) -> None:
    run(site, server, "16403221")
    before = len(server.log)
    again = run(site, server, "16403221", "PMC1373603", "10.1186/1471-2105-7-10",
                "https://doi.org/10.1186/1471-2105-7-10")
    assert [o.status for o in again] == [Status.PRESENT] * 4
    assert again[0].message == (
        "already in the collection: A high level interface to SCOP and ASTRAL implemented in python. — Casbon, "
        "James A et al., BMC bioinformatics, 2006 (content/records/pubmed-16403221.nbib:1); nothing written "
        "(--force adds it again)")
    assert again[3].message == "asked for twice; fetched once, as 10.1186/1471-2105-7-10"
    assert len(server.log) == before  # known before asking anyone
    assert files(site) == ["content/records/pubmed-16403221.nbib"]


def test_the_demos_first_review_is_known_by_its_pmid_pmcid_and_doi(tmp_path: Path, server: Recorded, cli,
                                                                    demo_copier, take_snapshot) -> None:
    demo = demo_copier(tmp_path / "demo")
    before = take_snapshot(demo)
    run_ = cli("add", "34944988", "https://pmc.ncbi.nlm.nih.gov/articles/PMC8699378/", "10.3390/CANCERS13246368",
               "--summary", "--source", str(demo), cwd=tmp_path, env=server.environment())
    assert run_.returncode == 0, run_.stderr
    lines = run_.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("skipped ") for line in lines)
    assert ": already in the collection: Liver-Directed Therapy for Neuroendocrine Metastases" in lines[0]
    assert "(content/records/000_9bf5f723bdeec259.txt:1); nothing written (--force adds it again)" in lines[0]
    assert run_.stderr.splitlines() == ["Added 0 of 3: 3 skipped, 0 failed."]
    assert server.log == []  # the catalogue record answers for all three, offline
    assert take_snapshot(demo) == before


def test_two_identifiers_of_one_new_work_add_it_once(site: Path, server: Recorded) -> None:
    first, second = run(site, server, "16403221", "PMC1373603")
    assert first.status is Status.ADDED
    assert second.status is Status.PRESENT and "content/records/pubmed-16403221.nbib:1" in second.message
    assert [s.params["id"] for s in server.seen("eutils")] == ["16403221"]
    assert files(site) == ["content/records/pubmed-16403221.nbib"]


def test_force_fetches_again_and_replaces_the_file(site: Path, server: Recorded) -> None:
    run(site, server, "16403221")
    path = site / "content/records/pubmed-16403221.nbib"
    path.write_text("PMID- 16403221\nTI  - edited by hand\n", encoding="utf-8")
    (outcome,) = run(site, server, "16403221", force=True)
    assert outcome.status is Status.ADDED
    assert path.read_text(encoding="utf-8") == record_block("eutils/pubmed_result2.txt", "16403221")
    assert files(site) == ["content/records/pubmed-16403221.nbib"]


@pytest.mark.parametrize(("given", "reason"), [
    ("9500320", "PMID 9500320 has been retracted (Retraction in: Lancet. 2010"),
    ("20137807", "PMID 20137807 is a retraction notice, not an article"),
    ("34480107", "PMID 34480107 is an erratum notice, not an article (Erratum for: Leukemia. 2021 May 21;:. "
                 "PMID: 34021247); to add that one: site-builder add 34021247"),
])
def test_retracted_records_and_notices_write_nothing(site: Path, server: Recorded, given: str, reason: str) -> None:
    (outcome,) = run(site, server, given)
    assert outcome.status is Status.FAILED
    assert outcome.message.startswith(reason) and outcome.message.endswith(
        "; nothing written (--force adds it anyway)")
    assert files(site) == []
    (forced,) = run(site, server, given, force=True)
    assert forced.status is Status.ADDED
    assert any(note.startswith(reason) and note.endswith("added because of --force") for note in forced.notes)


def test_an_article_with_an_erratum_is_added_with_a_note(site: Path, server: Recorded) -> None:
    (outcome,) = run(site, server, "34021247")
    assert outcome.status is Status.ADDED
    assert outcome.notes == ("an erratum was published: Leukemia. 2021 Sep 3;:. PMID: 34480107",)


@pytest.mark.parametrize(("given", "arrange", "reason"), [
    ("99999999", None, "PubMed has no record for PMID 99999999"),
    ("32816848", None, "PubMed says PMID 32816848 is not available"),
    ("PMC2883744", "another", "PubMed answered with PMID 16403221, not 20495566"),
    ("28004912", "html", "PubMed (efetch) answered with a web page ('301 Moved Permanently'), not MEDLINE text"),
    ("PMC1", "idconv-html", "the PMC ID converter answered text that is not JSON"),
    ("PMC9", None, "the PMC ID converter: ID type 'doi' mismatch for '28371833'"),
    ("10.1126/foo", None, "doi.org does not know this DOI (404 DOI Not Found)"),
])
def test_answers_that_are_not_what_was_asked_for_write_nothing(site: Path, server: Recorded, given: str,
                                                               arrange: str | None, reason: str) -> None:
    if arrange == "another":  # the real converter answer maps PMC2883744 to PMID 20495566
        server.idconv["PMC2883744"] = recorded("idconv/ng.590.json", 200, JSON)
        server.efetch["20495566"] = recorded("eutils/16403221.txt")
    elif arrange == "html":
        server.efetch["28004912"] = recorded("eutils/moved.html", 200, HTML)
    elif arrange == "idconv-html":
        server.idconv["PMC1"] = recorded("eutils/moved.html", 200, "text/plain")
    (outcome,) = run(site, server, given)
    assert outcome.status is Status.FAILED
    assert outcome.message.startswith(reason), outcome.message
    assert files(site) == []


def test_a_doi_doi_org_does_not_know_is_added_from_pubmeds_record(site: Path, server: Recorded) -> None:
    (outcome,) = run(site, server, "10.1186/1471-2105-7-10")  # the converter maps it to PMID 16403221
    assert outcome.status is Status.ADDED
    assert outcome.notes == ("doi.org does not know this DOI (404 DOI Not Found); added from PubMed's record alone",)
    assert files(site) == ["content/records/pubmed-16403221.nbib"]


def test_a_doi_neither_doi_org_nor_pubmed_knows_writes_nothing(site: Path, server: Recorded) -> None:
    (outcome,) = run(site, server, "10.1186/1471-2105-7-99")
    assert outcome.status is Status.FAILED
    assert outcome.message == "doi.org does not know this DOI (404 DOI Not Found)"
    assert files(site) == []


def test_files_of_one_work_are_written_together_or_not_at_all(site: Path) -> None:
    (site / "content/records/doi-x.json").mkdir(parents=True)  # a folder where the second file must go
    with pytest.raises(OSError):
        add_files.write_together(site, [("content/records/pubmed-1.nbib", "PMID- 1\n"),
                                          ("content/records/doi-x.json", "[]\n")])
    assert files(site) == []  # the first file was taken back, and no temporary file is left


def test_a_file_of_the_same_name_is_not_overwritten(site: Path, server: Recorded) -> None:
    path = site / "content/records/pubmed-16403221.nbib"
    path.parent.mkdir(parents=True)
    path.write_text("TY  - JOUR\nTI  - Something else entirely\nER  - \n", encoding="utf-8")
    (outcome,) = run(site, server, "16403221")
    assert outcome.status is Status.FAILED
    assert outcome.message == ("content/records/pubmed-16403221.nbib exists and is not this work; nothing "
                               "written (--force replaces it)")
    assert path.read_text(encoding="utf-8").startswith("TY  - JOUR")


def test_summary_starts_a_summary_with_its_front_matter(site: Path, server: Recorded) -> None:
    (outcome,) = run(site, server, "16403221", summary=True)
    assert outcome.notes == ("summary started: content/summaries/pubmed-1373603.md",)
    text = (site / "content/summaries/pubmed-1373603.md").read_text(encoding="utf-8")
    assert text == ("---\n# A high level interface to SCOP and ASTRAL implemented in python. — Casbon, James A et "
                    "al., BMC bioinformatics, 2006\nid: pubmed-1373603\ndate: 2024-03-05\nverdict: \"\"\n"
                    "topics: []\n---\n")
    (found,), problems = read_summaries(site / "content", "content")
    assert found.targets == (("id", "pubmed-1373603"),)
    assert (found.summary.date, found.summary.verdict, found.topics) == ("2024-03-05", "", ())
    assert [p.message for p in problems] == ["the summary has no text and no verdict"]


def test_an_existing_summary_is_never_overwritten(site: Path, server: Recorded) -> None:
    summaries = site / "content/summaries"
    summaries.mkdir(parents=True)
    (summaries / "scop.md").write_text("---\ndoi: 10.1186/1471-2105-7-10\nverdict: Useful.\n---\nOurs.\n",
                                       encoding="utf-8")
    (outcome,) = run(site, server, "16403221", summary=True)
    assert outcome.notes == ("content/summaries/scop.md already summarizes this work; left as it is",)
    (summaries / "scop.md").unlink()
    (summaries / "pubmed-1373603.md").write_text("Notes kept here.\n", encoding="utf-8")
    (outcome,) = run(site, server, "16403221", summary=True, force=True)
    assert outcome.notes == ("content/summaries/pubmed-1373603.md exists; left as it is",)
    assert (summaries / "pubmed-1373603.md").read_text(encoding="utf-8") == "Notes kept here.\n"


def test_the_command_line_adds_reports_and_exits_1_when_one_failed(site: Path, server: Recorded, cli) -> None:
    reading = site.parent / "reading.txt"
    reading.write_text(f"# for the March meeting\n- https://doi.org/{SCIENCE}\n- the Smith review\n",
                       encoding="utf-8")
    run_ = cli("add", "16403221", "99999999", "--from", str(reading), "--source", str(site), cwd=site.parent,
               env=server.environment())
    assert run_.returncode == 1, run_.stderr
    assert "Traceback" not in run_.stderr
    assert run_.stdout.splitlines() == [
        "added 16403221: A high level interface to SCOP and ASTRAL implemented in python. — Casbon, James A et al., "
        "BMC bioinformatics, 2006",
        "  content/records/pubmed-16403221.nbib",
        f"added {reading}:2: https://doi.org/{SCIENCE}: {TITLE} — Frank, Henry S., Science, 1970",
        "  content/records/doi-10.1126_science.169.3946.635.json"]
    assert run_.stderr.splitlines() == [
        "site-builder: add: 99999999: PubMed has no record for PMID 99999999",
        f"site-builder: add: {reading}:3: the Smith review: not a PMID (digits), a PMCID (PMC and digits), a DOI "
        "(10.…/…) or a PubMed, PMC or doi.org link",
        "Added 2 of 4: 0 skipped, 2 failed."]


def test_pubmeds_summary_save_is_named_by_the_build_then_added_by_its_pmids(site: Path, server: Recorded,
                                                                           cli) -> None:
    """The warning's advice followed to the end: the save moved out of content/, its records added by PMID, and the
    next build without a warning. The line is record 16403221's citation as PubMed's "Summary (text)" save writes
    it (constructed from the recorded MEDLINE record's AU, TI, SO, AID and PMC lines)."""
    saved = site / "content" / "pubmed-casbon-set.txt"
    saved.write_text("1: Casbon JA, Crooks GE, Saqi MA. A high level interface to SCOP and ASTRAL implemented in "
                     "python. BMC Bioinformatics. 2006 Jan 10;7:10. doi: 10.1186/1471-2105-7-10. PMID: 16403221; "
                     "PMCID: PMC1373603.\n", encoding="utf-8")
    first = cli("build", "--source", str(site), cwd=site.parent)
    assert first.returncode == 0, first.stderr
    assert "content/pubmed-casbon-set.txt:1: warning: PubMed's 'Summary (text)' save" in first.stderr
    moved = saved.rename(site.parent / saved.name)
    added = cli("add", "--from", str(moved), "--source", str(site), cwd=site.parent, env=server.environment())
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[:2] == [
        f"added {moved}:1: 16403221: A high level interface to SCOP and ASTRAL implemented in python. — Casbon, "
        "James A et al., BMC bioinformatics, 2006", "  content/records/pubmed-16403221.nbib"]
    second = cli("build", "--source", str(site), "--strict", cwd=site.parent)
    assert second.returncode == 0, second.stderr
    assert (site / "_site" / "articles" / "pubmed-1373603.html").is_file()  # by its PMC number


def test_offline_every_id_fails_in_one_line_and_nothing_is_written(site: Path, cli) -> None:
    env = {"SITE_BUILDER_EUTILS_URL": "http://127.0.0.1:9/eutils/", "SITE_BUILDER_IDCONV_URL":
           "http://127.0.0.1:9/idconv/", "SITE_BUILDER_DOI_URL": "http://127.0.0.1:9/doi/",
           "SITE_BUILDER_HTTP_BACKOFF": "0.01", "SITE_BUILDER_HTTP_ATTEMPTS": "2"}
    run_ = cli("add", "16403221", "PMC1373603", SCIENCE, "--source", str(site), cwd=site.parent, env=env)
    assert run_.returncode == 1
    errors = [line for line in run_.stderr.splitlines() if line.startswith("site-builder: add:")]
    assert len(errors) == 3
    assert all(re.search(r"cannot be reached \(.+\) \(tried 2 times\)$", line) for line in errors), errors
    assert files(site) == []


def test_add_needs_an_id(site: Path, cli) -> None:
    run_ = cli("add", "--source", str(site), cwd=site.parent)
    assert run_.returncode == 2
    assert "add needs an ID" in run_.stderr


@pytest.mark.parametrize("summary", [False, True])
def test_after_add_the_build_shows_the_new_articles(site: Path, server: Recorded, cli, html, summary: bool) -> None:
    options = ["--summary"] if summary else []
    added = cli("add", "16403221", SCIENCE, "34021247", *options, "--source", str(site), cwd=site.parent,
                env=server.environment())
    assert added.returncode == 0, added.stderr
    built = cli("build", "--source", str(site), cwd=site.parent)
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if ": warning: " in line or ": error: " in line]
    if summary:  # the started summaries, still empty, are the only thing the build mentions
        started = sorted(p.name for p in (site / "content/summaries").iterdir())
        assert started == ["doi-10-1126-science-169-3946-635.md", "pubmed-1373603.md", "pubmed-34021247.md"]
        assert sorted(warnings) == [f"content/summaries/{name}:3: warning: the summary has no text and no verdict"
                                    for name in started]
    else:
        assert warnings == []
        assert "0 warning(s), 0 error(s)" in built.stderr
    pages = {
        "articles/pubmed-1373603.html": "A high level interface to SCOP and ASTRAL implemented in python.",
        "articles/pubmed-34021247.html": "Genomic analysis of cellular hierarchy in acute myeloid leukemia",
    }
    for page, title in pages.items():
        heading = html.headings(html.main(html.parse(site / "_site" / page)), "h1")
        assert heading and heading[0].startswith(title), (page, heading)
    home = html.text(html.parse(site / "_site" / "index.html"))
    assert "The Structure of Ordinary Water" in home
