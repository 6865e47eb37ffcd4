"""The oracle: PubMed's own citation of every MEDLINE record, its ``SO`` field, against our NLM reference.

No expectation here is written by hand. For every MEDLINE record in tests/data and ../shared/corpus/medline-nbib,
our Vancouver (NLM) reference must give the journal, date, volume, issue and pages exactly as ``SO`` gives them
("J Biomed Inform. 2014 Dec;52:36-42."), up to SO's tail (the DOI, "Epub …", "eCollection …"); its "Epub" must be
SO's; and the year index must file the article under DP's year.

One exception, derived from each record itself: a record without pages is cited by PubMed with its publisher item
identifier in their place ("BMJ Case Rep. 2017 Aug 21;2017. pii: bcr-2016-219135.", "Blood. 2021 Aug
23:blood.2021012052."). A pii is the publisher's internal number, not a place in the journal: Citing Medicine and
the NLM style have no place for it, and PubMed takes it from AID for one record and from LID for another. The
oracle leaves a pii the record names as "[pii]" out of SO.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.cite import STYLES, format_references
from site_builder.model.article import Article, Record
from site_builder.model.library import build_library
from site_builder.readers import medline

TESTS = Path(__file__).resolve().parents[1]
CORPUS = TESTS.parents[1] / "shared" / "corpus" / "medline-nbib"
VANCOUVER = next(s for s in STYLES if s.id == "vancouver")


def medline_files() -> list[Path]:
    """Every MEDLINE file of tests/data, and of the shared corpus when it is here."""
    candidates = [*sorted((TESTS / "data").rglob("*")), *(sorted(CORPUS.rglob("*")) if CORPUS.is_dir() else [])]
    return [p for p in candidates if p.is_file() and p.suffix in (".nbib", ".txt")
            and medline.sniff(p.read_text("utf-8", errors="replace")[:200])]


def cited(path: Path) -> Iterator[tuple[Record, Article, str]]:
    """(record, article, SO) for each PubMed record of ``path`` that has an SO (ERIC's export writes an SO of its
    own form, "v10 n1 p1-10 2000")."""
    records, _ = medline.read(path.read_text("utf-8"), path.name)
    for record in records:
        if record.first("SO") and record.first("PMID"):
            yield record, medline.to_article(record)[0], " ".join(record.first("SO").split())


_TAIL = re.compile(r"\s*(?:doi:|Epub |eCollection ).*$")


def source_part(record: Record, article: Article, so: str) -> str:
    """SO without its tail, and without a pii standing for pages (see the module's docstring) unless the record
    reads as the article's number, which the reference prints in their place."""
    core = _TAIL.sub("", so)
    cited_in_place = article.pages or article.article_number
    for value in (*record.values("AID"), *record.values("LID")) if not cited_in_place else ():
        if value.rstrip().endswith("[pii]"):
            pii = value.rstrip()[:-len("[pii]")].strip()
            core = core.replace(f" pii: {pii}.", "").replace(f":{pii}.", ".")
    return core


def vancouver(article: Article) -> str:
    return next(c.text for c in format_references(article, (VANCOUVER,)))


FILES = medline_files()


def test_the_oracle_has_records() -> None:
    """tests/data alone holds PubMed exports of three vintages; the shared corpus adds 326 records."""
    counted = sum(1 for path in FILES for _ in cited(path))
    assert counted >= 12
    if CORPUS.is_dir():
        assert counted >= 12 + 326


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_our_nlm_reference_reads_as_pubmed_cites_it(path: Path) -> None:
    differ = [(record.where.line, part, vancouver(article)) for record, article, so in cited(path)
              if f" {(part := source_part(record, article, so))}" not in vancouver(article)]
    assert differ == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_epub_as_pubmed_gives_it(path: Path) -> None:
    differ = []
    for record, article, so in cited(path):
        theirs = re.search(r"\bEpub (\d{4} [A-Z][a-z]{2}(?: \d{1,2})?)\.", so)
        ours = re.search(r"\bEpub (\d{4} [A-Z][a-z]{2}(?: \d{1,2})?)\.", vancouver(article))
        if (theirs and theirs.group(1)) != (ours and ours.group(1)):
            differ.append((record.where.line, so, vancouver(article)))
    assert differ == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_year_index_uses_dp(path: Path) -> None:
    found = list(cited(path))
    library = build_library([article for _, article, _ in found])
    year_of = {key: year for year, group in library.years.items() for key in group.articles}
    key_of = {article.pmid: key for key, article in library.articles.items()}
    assert {a.pmid: year_of[key_of[a.pmid]] for _, a, _ in found} == {
        a.pmid: record.first("DP")[:4] for record, a, _ in found}
