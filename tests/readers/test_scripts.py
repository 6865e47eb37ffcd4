"""Superscripts and subscripts: the XML readers and the tags citation records leave in their text keep them
raised or lowered where Unicode can (xmltree.scripted), so "10<sup>6</sup>" never reads "106"."""

from __future__ import annotations

import pytest

from site_builder.readers import shared, xmltree


@pytest.mark.parametrize(("name", "text", "shown"), [
    ("sup", "6", "\u2076"),  # "10<sup>6</sup> CFU" is 10⁶ CFU, not 106 CFU
    ("sup", "\u22126", "\u207b\u2076"),
    ("sup", "2+", "\u00b2\u207a"),
    ("sub", "2", "\u2082"),
    ("sup", "a", "a"),  # no raised "a" in the table: the text as it is, as before
    ("sub", "max", "max"),
    ("i", "2", "2"),
    ("sup", "", ""),
])
def test_a_superscript_or_subscript_stays_raised_or_lowered_where_plain_text_can(name: str, text: str,
                                                                                  shown: str) -> None:
    assert xmltree.scripted(name, text) == shown


def test_tags_left_in_a_citation_records_text_give_the_same_raised_text() -> None:
    assert shared.strip_tags("CO<sub>2</sub>, <jats:sup>13</jats:sup>C, V<sub>max</sub> <i>in vivo</i>") == (
        "CO\u2082, \u00b9\u00b3C, Vmax in vivo")
