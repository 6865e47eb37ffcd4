"""The dates module: reading the dates records print and writing them in each output's form.

The printed dates are the forms real records give: MEDLINE's DP and PubMed's MedlineDate (tests/data/medline-nbib,
tests/data/pubmed-xml and ../shared/corpus), Web of Science's PD ("JUN 8", "FAL", "JAN-MAR" in
tests/data/bibtex/wos-style.bib and the litsearchr export), RIS's DA ("2019/10//undefined").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.model import dates
from site_builder.model.dates import PrintedDate


@pytest.mark.parametrize(("printed", "read"), [
    ("2014", PrintedDate("2014")),
    ("2020 Feb", PrintedDate("2020-02")),
    ("2018 Dec 27", PrintedDate("2018-12-27")),
    ("2006 Mar 1", PrintedDate("2006-03-01")),
    ("2020 Jul-Sep", PrintedDate("2020-07", "2020 Jul-Sep")),  # PMID 34092842's MedlineDate
    ("1979 Nov-Dec", PrintedDate("1979-11", "1979 Nov-Dec")),
    ("2021 Jan-Dec", PrintedDate("2021-01", "2021 Jan-Dec")),
    ("1979-1980", PrintedDate("1979", "1979-1980")),
    ("1977 Apr 26-28", PrintedDate("1977-04-26", "1977 Apr 26-28")),
    ("1998 Dec-1999 Jan", PrintedDate("1998-12", "1998 Dec-1999 Jan")),
    ("2018 Spring", PrintedDate("2018", "2018 Spring")),
    ("2004 JUN 8", PrintedDate("2004-06-08")),  # Web of Science: PY and PD
    ("2015 JAN-MAR", PrintedDate("2015-01", "2015 Jan-Mar")),
    ("2013 FAL", PrintedDate("2013", "2013 Fall")),
    ("2019-10-05", PrintedDate("2019-10-05")),
    ("", PrintedDate("")),
])
def test_read_printed(printed: str, read: PrintedDate) -> None:
    assert dates.read_printed(printed) == read


@pytest.mark.parametrize(("printed", "iso"), [
    ("1 Dec 2024", "2024-12-01"),  # Embase's CSV (tests/data/table-csv/embase-dinosaurs.csv)
    ("01 June 2024", "2024-06-01"),
    ("1 Sept. 2024", "2024-09-01"),
    ("31 Feb 2024", "2024-02"),
    ("1 Dez 2024", ""),  # no month's name this module knows
    ("2024 Dec 1", ""),
    ("Dec 2024", ""),
])
def test_read_day_first(printed: str, iso: str) -> None:
    assert dates.read_day_first(printed) == iso


def test_read_printed_keeps_a_day_first_date_as_printed() -> None:
    """CSL-JSON's raw dates and Ovid's DP read their text with read_printed, and no real record of theirs prints
    the day first: read_day_first stays apart, so that what they make of such a text does not change."""
    assert dates.read_printed("1 Dec 2024") == PrintedDate("", "1 Dec 2024")


def test_from_parts_checks_the_calendar() -> None:
    assert dates.from_parts("2021", "Dec", "") == "2021-12"
    assert dates.from_parts(2019, 10, 5) == "2019-10-05"  # CSL-JSON's numbers
    assert dates.from_parts("2020", "Feb", "29") == "2020-02-29"
    assert dates.from_parts("2021", "6", "31") == "2021-06"  # June has 30 days
    assert dates.from_parts("2021", "13") == "2021"
    assert dates.from_parts("21", "Dec") == ""
    assert dates.from_parts("2019", "Sept.", None) == "2019-09"


def test_a_digit_int_cannot_read_is_no_month_nor_day() -> None:
    """A superscript is a digit to ``str.isdigit`` but no number to ``int``: no month, no day (Word's bibliography
    takes its month and day as typed)."""
    assert dates.month_number("\u00b2") == 0
    assert dates.from_parts("2020", "5", "\u00b2") == "2020-05"


def test_the_year_0000_is_no_year(make_site, tmp_path: Path) -> None:
    """Exports write "PY  - 0000" for no year (as a Zotero RIS translator test does): it was a year page "0000"
    whose <time datetime="0000"> the HTML checker refuses (a year is 0001 or later)."""
    assert dates.from_parts("0000") == dates.iso_date("0000-01-01") == "" and dates.from_parts("0001") == "0001"
    site = make_site({"refs.ris": "TY  - JOUR\nTI  - A report of no year\nPY  - 0000\nER  - \n"})
    out = tmp_path / "out"
    build(site, out)
    assert not (out / "years" / "0000.html").exists() and (out / "years" / "undated.html").exists()
    assert dates.iso_date("2019-02-30") == "2019-02"


def test_one_table_of_month_names() -> None:
    assert [dates.month_number(m) for m in ("Jan", "january", "JAN", "sep", "Sept", "12", "06")] == [
        1, 1, 1, 9, 9, 12, 6]
    assert dates.month_number("Spring") == dates.month_number("13") == 0
    assert dates.season_name("FAL") == "Fall" and dates.season_name("spr") == "Spring"
    assert dates.MONTH_ABBR[8] == "Sep"  # PubMed's, not "Sept"


def test_writing_dates() -> None:
    assert dates.long_date("2013-10-28") == "28 October 2013"
    assert dates.long_date("2014-12") == "December 2014" and dates.long_date("2014") == "2014"
    assert dates.short_date("2013-10-28") == "28 Oct 2013"
    assert dates.nlm_date("2013-10-28") == "2013 Oct 28" and dates.nlm_date("2014-12") == "2014 Dec"
    assert dates.rfc3339("2014-12") == "2014-12-01T00:00:00Z"
    assert dates.rfc3339("December 2014") == ""


def test_the_issue_date_is_the_publication_date() -> None:
    issue = dates.read_printed("2014 Dec")
    assert dates.published(issue, "2013-10-28") == dates.Published("2014-12", "", "2013-10-28")
    assert dates.published(issue, "2014-12") == dates.Published("2014-12")  # the same date twice
    assert dates.published(PrintedDate(""), "2013-10-28") == dates.Published("2013-10-28")  # the only date
    assert dates.published(dates.read_printed("2017 Jun 27"), "2017-06-14", online_only=True) == dates.Published(
        "2017-06-27", "", "2017-06-14", True)


def test_most_precise_keeps_the_first_year() -> None:
    assert dates.most_precise("2019", "2019-10-05") == "2019-10-05"
    assert dates.most_precise("2019", "2018-10-05") == "2019"
    assert dates.most_precise("", "2019") == "2019"


@pytest.mark.parametrize(("printed", "iso", "kept"), [
    ("c2011", "2011", ""), ("[2008]", "2008", ""), ("©2019", "2019", ""), ("2001, c2000", "2001", ""),
    ("[1995?]", "1995", "[1995?]"), ("1995-1997", "1995", "1995-1997"), ("1995–1997", "1995", "1995–1997"),
    ("ca. 1900", "1900", "ca. 1900"), ("1995 or 1996", "1995", "1995 or 1996"), ("2019/2020", "2019", "2019/2020"),
    ("197-?", "", "197-?"), ("19--", "", "19--"), ("in press", "", "in press"), ("n.d.", "", "n.d."), ("", "", "")])
def test_a_year_as_printed(printed: str, iso: str, kept: str) -> None:
    assert dates.read_year(printed) == dates.PrintedDate(iso, kept)
