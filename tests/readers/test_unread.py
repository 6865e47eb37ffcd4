"""Saves that name their records without giving them whole (readers/unread.py): PubMed's "Abstract (text)" and
"Summary (text)", its PMID list, SpringerLink's CSV. A build warns about each by name, with what to do instead, and
reads nothing from it; ``site-builder add --from`` takes the identifier of each of its records.

Real text: the first record of an "Abstract (text)" save as a public project quotes it; a citation PubMed gave, in
the numbering of its "Summary (text)" save; three rows of NLeSC/litstudy's SpringerLink CSV (tests/data/unread,
Apache-2.0).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.commands.add_ids import Unreadable, Wanted, read_list
from site_builder.diagnostics import Level
from site_builder.readers import read_data

DATA = Path(__file__).resolve().parents[1] / "data" / "unread"
SPRINGER = DATA / "litstudy-springer.csv"

ABSTRACT_TEXT = "\n".join([
    "1. Future Healthc J. 2019 Jun;6(2):94-98. doi: 10.7861/futurehosp.6-2-94.", "",
    "The potential for artificial intelligence in healthcare.", "",
    "Davenport T(1), Kalakota R(2).", "",
    "Author information:", "(1)Babson College, Wellesley, USA.", "(2)Deloitte Consulting, New York, USA.", "",
    "The complexity and rise of data in healthcare means that artificial intelligence ",
    "(AI) will increasingly be applied within the field. Several types of AI are ",
    "already being employed by payers and providers of care, and life sciences ",
    "companies.", "",
    "DOI: 10.7861/futurehosp.6-2-94", "PMCID: PMC6616181", "PMID: 31363513", "", "",
    "2. Clin Microbiol Infect. 2020 May;26(5):584-595. doi: 10.1016/j.cmi.2019.09.009. ",
    "Epub 2019 Sep 17.", "",
    "Machine learning for clinical decision support in infectious diseases: a ",
    "narrative review of current applications.", "",
    "DOI: 10.1016/j.cmi.2019.09.009", "PMID: 31539636 [Indexed for MEDLINE]", ""])
"""The first record of a real "Abstract (text)" save (its lines, the trailing spaces of wrapped lines kept; the
abstract cut after its third sentence), and the second with its authors, affiliations, erratum and abstract left
out."""

SUMMARY_TEXT = ("1: Ponzo S, Wickham A, Bamford R, Radovic T, Zhaunova L, Peven K, Klepchukova A, Payne JL. Menstrual "
                "cycle-associated symptoms and workplace productivity in US employees: A cross-sectional survey of "
                "users of the Flo mobile phone app. Digit Health. 2022 Dec 15;8:20552076221145852. PMID: 36544535; "
                "PMCID: PMC9761221.\n\n2: Brodrick PG, Davies AB, Asner GP. Uncovering Ecological Patterns with "
                "Convolutional Neural Networks. Trends Ecol Evol. 2019 Aug;34(8):734-745. doi: "
                "10.1016/j.tree.2019.03.006. Epub 2019 May 8. PMID: 31078331.\n")
"""Two real citations PubMed gave, numbered as its "Summary (text)" save numbers them."""

ADD = "move the file out of content/ and add its records with 'site-builder add --from FILE'"
SAVE_AGAIN = "in PubMed, save the search again with 'Format: PubMed' (or 'CSV'), or "


@pytest.mark.parametrize(("name", "data", "said"), [
    ("abstract-ai.txt", ABSTRACT_TEXT.encode(), "PubMed's 'Abstract (text)' save, which site-builder does not read: "
     "it runs each record's fields together as prose; " + SAVE_AGAIN + ADD + "; file skipped"),
    ("pubmed-summary.txt", SUMMARY_TEXT.encode(), "PubMed's 'Summary (text)' save, which site-builder does not read: "
     "it runs each record's fields together as prose; " + SAVE_AGAIN + ADD + "; file skipped"),
    ("pmid-pubmed.txt", b"31363513\n36544535\n", "a list of PMIDs (PubMed's 'PMID' save), which site-builder does not "
     "read: it holds no records; " + ADD + "; file skipped"),
    ("SearchResults.csv", SPRINGER.read_bytes(), "SpringerLink's CSV ('Download search results'), which site-builder "
     "does not read: it runs its authors' names together, where no rule can tell one from the next; " + ADD
     + " (by their DOIs); file skipped"),
])
def test_each_is_named_with_what_gives_its_records(name: str, data: bytes, said: str) -> None:
    for form in (data, b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")):
        records, [problem] = read_data(form, Path(name), f"content/{name}")
        assert records == [] and (problem.level, problem.where.line, problem.message) == (Level.WARNING, 1, said)


@pytest.mark.parametrize("text", [
    "1. A list of things to read\n2. Another\n",  # numbered, no PMID line
    "Notes on PMID: 31363513\n",  # a PMID, not numbered
    "1. Read this first.\n\nIt cites PMID: 31363513 in passing.\n",  # numbered, the PMID not on a line of its own
    "1: first\n2: second\n",
    "31363513\nand a word\n",
    "Item Title,Publication Title,Authors\n",  # not Springer's whole header
])
def test_other_text_is_not_taken_for_one_of_them(text: str) -> None:
    records, [problem] = read_data(text.encode(), Path("notes-of-mine.txt"), "content/notes-of-mine.txt")
    assert records == [] and problem.message.startswith("not a record format site-builder knows")


@pytest.mark.parametrize(("text", "expected"), [
    (ABSTRACT_TEXT, [(18, "pmid", "31363513"), (28, "pmid", "31539636")]),
    (SUMMARY_TEXT, [(1, "pmid", "36544535"), (3, "pmid", "31078331")]),
    (SPRINGER.read_text(encoding="utf-8"), [(2, "doi", "10.1007/978-3-030-92127-9_33"),
                                            (3, "doi", "10.1186/s40537-021-00555-2"),
                                            (4, "doi", "10.1007/s11082-021-03473-y")]),
])
def test_add_from_takes_the_identifier_of_each_record(tmp_path: Path, text: str, expected: list) -> None:
    saved = tmp_path / "saved.txt"
    saved.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode())
    found = read_list(saved)
    assert all(isinstance(wanted, Wanted) for _, wanted in found)
    assert [(int(where.rsplit(":", 1)[1]), wanted.kind, wanted.value) for where, wanted in found
            if isinstance(wanted, Wanted)] == expected


def test_a_plain_reading_list_is_read_as_before(tmp_path: Path) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("31363513\n# a comment\n1. PMID: 36544535 (Ponzo 2022)\nnot an id\n", encoding="utf-8")
    found = read_list(listed)
    assert [getattr(w, "value", None) for _, w in found] == ["31363513", "36544535", None]
    assert isinstance(found[-1][1], Unreadable)
