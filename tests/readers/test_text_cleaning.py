"""Every reader cleans text once, at read time, with normalize.clean: a Windows-1252 character read as a C1
control (U+0092 for an apostrophe) reaches no Article field as a control, whatever the format.

The records are the real fixtures of tests/data; each apostrophe between two letters is replaced by U+0092, as
a file written in Windows-1252 and read as Latin-1 holds it (no public fixture of ours has one in a field an
Article uses; the PubMed record below has one in a field kept only in the full record).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.model.normalize import clean
from site_builder.readers import read_file, shared, to_article

DATA = Path(__file__).resolve().parents[1] / "data"
_C1 = re.compile("[\x80-\x9f]")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_APOSTROPHE_IN_FILE = re.compile(r"(?<=[\w}])'(?=[\w{])")  # Zotero's BibTeX braces a word: "{Children}'s"


def strings(value: object, where: str = "article") -> Iterator[tuple[str, str]]:
    """(field path, text) of every string of an Article, its records aside."""
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "records":
                yield from strings(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item, where)


def fixtures_with_apostrophes() -> list[Path]:
    found = []
    for path in sorted(DATA.rglob("*")):
        # binary files: a workbook, binary MARC, whose lengths a changed byte would break, and Citavi's zipped backups
        if path.is_file() and path.suffix not in (".md", ".gz", ".xlsx", ".xls", ".mrc", ".ctv6bak"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            if "\ufffd" in text and "\ufffd".encode() not in path.read_bytes():
                continue  # not UTF-8 (Ovid's Windows-1252 CSV): its apostrophes cannot be rewritten as UTF-8's
            if _APOSTROPHE.search(text):
                found.append(path)
    return found


def read_with_controls(path: Path, folder: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """(format, strings of its Article) for each record of ``path`` with its apostrophes made U+0092."""
    copy = folder / path.name
    copy.write_bytes(_APOSTROPHE_IN_FILE.sub("\x92", path.read_bytes().decode("utf-8")).encode("utf-8"))
    return [(record.format, list(strings(to_article(record)[0]))) for record in read_file(copy, path.name)[0]]


@pytest.mark.parametrize("path", fixtures_with_apostrophes(), ids=lambda p: p.relative_to(DATA).as_posix())
def test_no_field_of_any_article_holds_a_c1_control(path: Path, tmp_path: Path) -> None:
    fields = [field for _, article in read_with_controls(path, tmp_path) for field in article]
    assert [where for where, value in fields if _C1.search(value)] == []


def test_wherever_an_article_showed_the_apostrophe_it_shows_the_one_meant(tmp_path: Path) -> None:
    for path in fixtures_with_apostrophes():
        plain = [(r.format, list(strings(to_article(r)[0]))) for r in read_file(path, path.name)[0]]
        controlled = read_with_controls(path, tmp_path)
        for (fmt, before), (_, after) in zip(plain, controlled, strict=True):
            expected = [(where, _APOSTROPHE.sub("’", value)) for where, value in before]
            assert after == expected, (fmt, path.name)


def test_a_real_pubmed_record_keeps_its_control_in_the_record_and_clean_gives_the_em_dash() -> None:
    records, _ = read_file(DATA / "pubmed-xml" / "pubmed-34086664-cp1252.xml", "p.xml")
    (vernacular,) = [v for f in records[0].fields if f.name.endswith("/VernacularTitle") for v in f.values]
    assert "decisión\x97esquematizando" in vernacular  # the full record shows what the file holds
    assert "de la evidencia a la decisión—esquematizando la toma" in clean(vernacular)



@pytest.mark.parametrize(("text", "body", "rights"), [
    # Web of Science: a sentence that lost its full stop (Energy Procedia 2011, in github.com/mikethicke/bibliom's
    # test data), the journal's citation in brackets (Clinical Therapeutics, J Am Coll Cardiol), a percentage
    ("… of existence and boundedness of solution curve (C) 2011 Published by Elsevier Ltd. Selection and/or "
     "peer-review under responsibility of the Organizers.", "… of existence and boundedness of solution curve",
     "(C) 2011 Published by Elsevier Ltd. Selection and/or peer-review under responsibility of the Organizers."),
    ("… surgery. (Clin Ther. 2010;32:1633-1637) (C) 2010 Excerpta Medica Inc.",
     "… surgery. (Clin Ther. 2010;32:1633-1637)", "(C) 2010 Excerpta Medica Inc."),
    ("… increased to 57.6% (C) 2011 Published by Elsevier Ltd.", "… increased to 57.6%",
     "(C) 2011 Published by Elsevier Ltd."),
    # the Crown's copyright (litsearchr's Web of Science and Scopus BibTeX, synthesisr's Scopus RIS)
    ("… on farmland. Canadian Crown Copyright (C) 2001 Published by Elsevier Science Ltd. All rights reserved.",
     "… on farmland.", "Canadian Crown Copyright (C) 2001 Published by Elsevier Science Ltd. All rights reserved."),
    ("… as a whole. Crown Copyright © 2009.", "… as a whole.", "Crown Copyright © 2009."),
    # APA's notice with a full stop after it (the Cochrane Library's RIS and CSV of a PsycInfo record)
    ("… outcomes. (PsycInfo Database Record (c) 2024 APA, all rights reserved).", "… outcomes.",
     "PsycInfo Database Record (c) 2024 APA, all rights reserved"),
    # a list's "(C)" before a number, with no holder after it, is text
    ("Groups (A) 1990 (B) and (C) 2000 patients were seen.", "Groups (A) 1990 (B) and (C) 2000 patients were seen.",
     ""),
])
def test_a_copyright_line_after_a_sentence_without_its_full_stop(text: str, body: str, rights: str) -> None:
    """The line was read only after a sentence's full stop: these abstracts ended with it on the page."""
    assert shared.split_copyright(text) == (body, rights)
