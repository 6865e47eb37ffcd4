"""normalize.clean: its shortcut for text that is already clean gives what splitting and joining gives."""

from __future__ import annotations

import random
import sys
import unicodedata

import pytest

from site_builder.model import normalize
from site_builder.model.normalize import alnum, clean, safe_url, unique, unique_folded

WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


LAYOUT = frozenset("\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\u2028\u2029")
"""The white space that only lays text out; every other kind (U+00A0, U+2009, U+3000 …) is a typographic space."""


def reference(text: str) -> str:
    """Character by character: each run of layout white space one space, the ends trimmed of any white space."""
    out: list[str] = []
    for char in _as_cp1252_meant(unicodedata.normalize("NFC", text)):
        if char in LAYOUT:
            if out[-1:] != [" "]:
                out.append(" ")
        else:
            out.append(char)
    return "".join(out).strip()


def _as_cp1252_meant(text: str) -> str:
    """Each C1 control that is a Windows-1252 byte as the character that byte is in Windows-1252; U+FFFD for one
    where Windows-1252 has none (HTML forbids every C1 control in a page)."""
    def meant(char: str) -> str:
        if "\x80" <= char <= "\x9f":
            try:
                return char.encode("latin-1").decode("cp1252")
            except UnicodeDecodeError:
                return "\ufffd"
        return char
    return "".join(map(meant, text))


@pytest.mark.parametrize("space", WHITESPACE, ids=lambda c: f"U+{ord(c):04X}")
def test_layout_whitespace_is_collapsed_and_typographic_spaces_kept(space: str) -> None:
    for text in (f"a{space}b", f"{space}a", f"a{space}", f"a {space}b", space):
        assert clean(text) == reference(text)
    if unicodedata.category(space) == "Zs" and space != " ":
        assert clean(f"a{space}b") == unicodedata.normalize("NFC", f"a{space}b")  # U+2000 is U+2002 in NFC


def test_the_lancets_thin_spaces_and_a_french_no_break_space_stay() -> None:
    """PubMed XML of PMID 35544149 (tests/data/pubmed-xml/pubmed-35544149-lancet.xml) writes "20&#x2009;000"."""
    record = "20\u2009000-140\u2009000 cholera-related\n  deaths"
    assert clean(record) == "20\u2009000-140\u2009000 cholera-related deaths"
    assert clean(" Titre\u00a0: sous-titre\u00a0") == "Titre\u00a0: sous-titre"


def test_random_texts_clean_as_split_and_join_does() -> None:
    pieces = ["Word", "b", " ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", "é", "e\u0301", ""]
    rnd = random.Random(20261127)
    for _ in range(50_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 9)))
        assert clean(text) == reference(text), repr(text)


def test_clean_text_comes_back_as_it_is() -> None:
    text = "Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology to Nuclear Medicine"
    assert clean(text) is text


@pytest.mark.parametrize(("text", "meant"), [
    ("O\x92Brien", "O’Brien"),  # cp1252 0x92 read as Latin-1
    ("\x93Guidelines\x94 \x96 a review\x85", "“Guidelines” – a review…"),
    ("de la evidencia a la decisi\u00f3n\x97esquematizando", "de la evidencia a la decisión—esquematizando"),
    ("no character at 0x81: a\x81b", "no character at 0x81: a\ufffdb"),  # a page cannot hold U+0081
])
def test_windows_1252_controls_become_the_characters_meant(text: str, meant: str) -> None:
    assert clean(text) == meant
    assert clean(f"  {text}\n") == meant


def test_a_url_holding_a_control_del_a_space_or_markup_characters_is_refused() -> None:
    for code in range(0x3000):
        char = chr(code)
        url = f"https://example.org/a{char}b"
        refused = code < 33 or code == 0x7F or char in '<>"\\`'
        assert (safe_url(url) == "") == refused, repr(char)


def test_alnum_keeps_exactly_what_isalnum_keeps() -> None:
    """alnum (title keys, name forms) drops non-alphanumerics with one regex; for every code point it must agree
    with str.isalnum()."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert all(normalize._NOT_ALNUM.fullmatch(c) is None for c in every if c.isalnum())
    assert all(normalize._NOT_ALNUM.fullmatch(c) for c in every if not c.isalnum())
    assert alnum("Smith-Jones, A. (née Müller)_2") == "SmithJonesAnéeMüller2"
    ascii_text = "".join(map(chr, range(128))) * 2
    assert alnum(ascii_text) == "".join(c for c in ascii_text if c.isalnum())


def test_unique_keeps_each_cleaned_value_once_in_first_seen_order() -> None:
    """Exact: a value in another case is another value (formats, names, link urls, keys)."""
    assert unique([" Online", "Article", "Online ", "", "  ", "Journal\t Article", "article", "Journal Article"]) == (
        "Online", "Article", "Journal Article", "article")


def test_unique_folded_also_drops_a_repeat_in_another_case() -> None:
    """Keywords and topics: MeSH's "Humans" and an author keyword "humans" are one keyword; the first spelling
    stays."""
    assert unique_folded(["Humans", "Female", "HUMANS", " humans", "", "Review", "review"]) == (
        "Humans", "Female", "Review")


def test_the_fast_path_knows_every_typographic_space() -> None:
    """collapse_spaces splits and joins (five times faster) when no typographic space is in the text: the table
    must name every white space character that is not layout white space, and none that is."""
    typographic = [c for c in WHITESPACE if c not in LAYOUT]
    assert all(normalize._TYPOGRAPHIC_SPACE.fullmatch(c) for c in typographic)
    assert not any(normalize._TYPOGRAPHIC_SPACE.fullmatch(c) for c in LAYOUT)


def test_a_printable_text_without_a_double_space_or_an_end_space_is_collapsed_already() -> None:
    """collapse_spaces returns such a text as it is (the exports' values, cleaned by their reader): right only
    while the space is the only white space character a printable text can hold."""
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isprintable() and c.isspace()] == [" "]
    for text in ["Smith", "a b", "Zürich\u00a0: café", "20\u2009000", " a", "a ", "a  b", "a\tb", "", " "]:
        assert normalize.collapse_spaces(text) == normalize._LAYOUT_SPACE.sub(" ", text).strip()
