"""model/styles.py: spans over plain text, carried through the code that makes the text by markers, and written as
HTML only through a whitelist, whatever the record or a damaged cache holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_builder.model import styles
from site_builder.model.article import Section
from site_builder.model.normalize import clean
from site_builder.model.sections import labelled


def test_marked_text_gives_back_its_plain_text_and_spans() -> None:
    text = "Effects of KRASG12C in vitro"
    spans = ((11, 15, "i"), (15, 19, "sup"), (20, 28, "i"))
    assert styles.unmarked(styles.marked(text, spans)) == (text, spans)


def test_a_span_leaves_its_white_space_outside_so_cleaning_keeps_it() -> None:
    """"<i>in vitro </i> studies": collapsing the two spaces must not meet a marker."""
    raw = "Lessons from  in vitro  studies"
    marked = styles.marked(raw, ((13, 23, "i"),))
    assert styles.unmarked(clean(marked)) == ("Lessons from in vitro studies", ((13, 21, "i"),))


def test_sections_cut_from_marked_text_keep_their_spans_where_the_text_agrees() -> None:
    raw = "BACKGROUND: Ca is raised in Drosophila. RESULTS: None."
    marked = styles.marked(raw, ((28, 38, "i"),))
    plain = labelled("", raw)
    found = styles.restyled(plain, labelled("", marked))
    assert [(s.label, s.text) for s in found] == [(s.label, s.text) for s in plain]
    assert found[0].styles == ((16, 26, "i"),) and found[0].text[16:26] == "Drosophila"
    assert found[1].styles == ()


def test_sections_that_differ_from_the_plain_ones_get_no_style() -> None:
    plain = [Section("", "a b")]
    assert styles.restyled(plain, [Section("", "a c")]) == plain
    assert styles.restyled(plain, []) == plain


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("KRASG12C", ((4, 8, "sup"),), "KRAS<sup>G12C</sup>"),
    ("a in vivo b", ((2, 9, "i"), (5, 9, "b")), "a <i>in <b>vivo</b></i> b"),
    ("abcd", ((0, 3, "i"), (2, 4, "b")), "<i>ab<b>c</b></i><b>d</b>"),  # crossing spans, still nested
    ("x", ((0, 1, "sc"),), '<span class="small-caps">x</span>'),
])
def test_html_nests_the_spans(text: str, spans: styles.Styles, expected: str) -> None:
    assert styles.html(text, spans) == expected


@pytest.mark.parametrize("spans", [
    ((0, 99, "i"),), ((-1, 2, "i"),), ((3, 2, "i"),), ((0, 2, "script"),), ((0, 2, 'i onclick="x"'),),
    ((0, "2", "i"),), (("a", "b"),), "i:0-2", ((0, 2, ["i"]),),
])
def test_html_of_damaged_spans_is_the_escaped_text(spans: object) -> None:
    """Spans from a damaged cache or record: out of range, of unknown kinds, not spans at all."""
    text = "<script>alert(1)</script> & <i onclick=x>"
    assert styles.html(text, spans) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i onclick=x&gt;"  # type: ignore[arg-type]


def test_html_escapes_the_text_inside_a_span() -> None:
    assert styles.html("<b>x</b>", ((0, 8, "i"),)) == "<i>&lt;b&gt;x&lt;/b&gt;</i>"


def test_decode_reads_what_encode_wrote_and_leaves_out_the_rest() -> None:
    spans = ((0, 4, "i"), (4, 6, "sup"))
    assert styles.decode(styles.encode(spans), 6) == spans
    assert styles.decode("i:0-4 sup:4-60 bogus b:x-1 sc:1-2", 6) == ((0, 4, "i"), (1, 2, "sc"))


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45),
                                                st.sampled_from(styles.KINDS)), max_size=6))
def test_html_always_says_the_plain_text(text: str, raw: list[tuple[int, int, str]]) -> None:
    import html as stdlib_html
    import re
    written = styles.html(text, tuple(raw))
    without_tags = re.sub(r"</?(?:i|b|u|sup|sub)>|<span class=\"small-caps\">|</span>", "", written)
    assert stdlib_html.unescape(without_tags) == text
