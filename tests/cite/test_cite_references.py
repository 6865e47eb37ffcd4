"""Formatted references: the NLM form of the seed, AMA and APA rules, safe HTML, one parse per style."""

from __future__ import annotations

import dataclasses
import re

import pytest
from cite_samples import ALL, GROUP, HOSTILE, MINIMAL, SEED, SEED_FULL

from site_builder.cite import STYLES, format_references
from site_builder.cite.references import (
    _sanitize,
    _source,
    common_item,
    fingerprint,
    format_reference,
    load_style,
    style_item,
)
from site_builder.diagnostics import SourceSpan
from site_builder.model.article import Summary
from site_builder.model.normalize import parse_person

VANCOUVER, AMA, APA = STYLES

NLM_SEED = (
    "Cazzato RL, Hubelé F, De Marini P, Ouvrard E, Salvadori J, Addeo P, et al. Liver-Directed Therapy for "
    "Neuroendocrine Metastases: From Interventional Radiology to Nuclear Medicine Procedures. Cancers (Basel). "
    "2021 Dec 19;13(24):6368."
)
# The CSL NLM style then gives the identifiers, in Citing Medicine's form.
NLM_IDS = " doi:10.3390/cancers13246368 PubMed PMID: 34944988; PubMed Central PMCID: PMC8699378."


def test_styles_in_order():
    refs = format_references(SEED_FULL)
    assert [(r.style_id, r.style_name) for r in refs] == [(s.id, s.name) for s in STYLES]
    assert [r.style_id for r in refs] == ["vancouver", "ama", "apa"]


def test_vancouver_matches_nlm_form_with_volume_issue_pages():
    ref = format_reference(SEED_FULL, VANCOUVER)
    assert ref.text.startswith(NLM_SEED)
    assert ref.text == NLM_SEED + NLM_IDS
    assert ref.html == ref.text  # the NLM style has no italics


def test_vancouver_without_volume_issue_pages():
    # The catalogue dump's form: the date ends the source part.
    text = format_reference(SEED, VANCOUVER).text
    assert text == NLM_SEED.replace(";13(24):6368.", ".") + NLM_IDS


def test_vancouver_date_has_spaces_and_no_list_number():
    """The two repairs of the style: the localized date's delimiter, and no "1." before the first author."""
    text = format_reference(GROUP, VANCOUVER).text
    # Pages as the record prints them, joined by a hyphen, as PubMed's NLM citations print them.
    assert "J Nucl Med. 2019 Mar;60(3):316-22." in text
    assert text.startswith("WHO Collaborating Group on Liver Imaging, Nowak Ł, Müller-Lüdenscheidt J, 王")


@pytest.mark.parametrize(("count", "listed"), [(6, 6), (7, 6)])
def test_vancouver_et_al_rule(count, listed):
    """NLM lists up to six authors; from seven on, the first six and "et al."."""
    article = dataclasses.replace(SEED_FULL, authors=SEED_FULL.authors[:count])
    names = format_reference(article, VANCOUVER).text.split(". Liver-Directed")[0]
    assert names.count(",") == listed - 1 + (count > 6)
    assert names.endswith(", et al") == (count > 6)


def test_ama():
    ref = format_reference(SEED_FULL, AMA)
    assert ref.text == (
        "Cazzato RL, Hubelé F, De Marini P, et al. Liver-Directed Therapy for Neuroendocrine Metastases: From "
        "Interventional Radiology to Nuclear Medicine Procedures. Cancers (Basel). 2021;13(24):6368. "
        "doi:10.3390/cancers13246368"
    )
    assert "<i>Cancers (Basel)</i>" in ref.html


def test_ama_without_volume_says_published_online():
    assert "Cancers (Basel). Published online December 19, 2021." in format_reference(SEED, AMA).text


def test_apa():
    ref = format_reference(SEED_FULL, APA)
    assert ref.text.startswith("Cazzato, R. L., Hubelé, F., De Marini, P.,")
    assert "Gangi, A., & Imperiale, A. (2021). Liver-Directed Therapy" in ref.text
    assert ref.text.endswith("Cancers (Basel), 13(24), 6368. https://doi.org/10.3390/cancers13246368")
    assert "Gangi, A., &amp; Imperiale, A." in ref.html
    assert "<i>Cancers (Basel)</i>, <i>13</i>(24)" in ref.html


def test_every_style_renders_a_minimal_article():
    for ref in format_references(MINIMAL):
        assert "Untitled note" in ref.text, ref.style_id


def test_html_is_escaped_text_plus_formatting_tags():
    for ref in format_references(HOSTILE):
        assert "<script" not in ref.html and "<b>" not in ref.html and "<span" not in ref.html, ref.style_id
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in ref.html
        assert "Group &lt;b&gt;bold&lt;/b&gt;" in ref.html
        # The plain text keeps every character of the data.
        assert '<script>alert(1)</script> & "quoted" <span class="nocase">X</span>' in ref.text
        assert "O'Brien" in ref.text and "J <i>Test</i>" in ref.text
        tags = set(re.findall(r"</?([a-z]+)[^>]*>", ref.html))
        assert tags <= {"i", "b", "u", "sup", "sub", "span"}, ref.style_id


def test_styles_are_parsed_once():
    load_style.cache_clear()
    format_references(SEED)
    format_references(GROUP)
    assert load_style.cache_info().misses == len(STYLES)
    assert load_style.cache_info().hits >= len(STYLES)


def test_html_keeps_non_ascii_names():
    article = dataclasses.replace(MINIMAL, authors=(parse_person("Hubelé, Fabrice"),), date="2020")
    for ref in format_references(article):
        assert "Hubelé" in ref.html and "Hubelé" in ref.text


def test_sanitizer_keeps_formatting_and_drops_everything_else():
    html, text = _sanitize('<i>a</i> <span style="font-variant:small-caps;">b</span><l>c</l><a href="x">d &amp; e')
    assert html == '<i>a</i> <span class="csl-small-caps">b</span>cd &amp; e'
    assert text == "a bcd & e"
    # Unclosed formatting is closed, stray end tags are ignored.
    assert _sanitize("<b>x</i>y")[0] == "<b>xy</b>"


def test_fingerprint_changes_with_what_the_reference_shows():
    assert fingerprint(SEED) == fingerprint(dataclasses.replace(SEED, rights="other"))
    assert fingerprint(SEED) != fingerprint(SEED_FULL)
    assert fingerprint(SEED) != fingerprint(SEED, STYLES[:1])


def test_no_reference_reads_the_clubs_summary():
    """A build keeps an article's references under its digest without its summary (output/cache.py's
    ``_cited_digest``), so that an edited summary formats none again: nothing of the summary may reach them."""
    read: list[str] = []

    class Watched(Summary):
        __slots__ = ()

        def __getattribute__(self, name: str) -> object:
            read.append(name)
            return super().__getattribute__(name)

        def __bool__(self) -> bool:
            read.append("__bool__")
            return True

    summary = Watched("<p>Read the tables.</p>", SourceSpan("content/summaries/one.md", 5), by="A reader",
                      date="2024-05-14", verdict="Keep it open.")
    read.clear()
    for article in ALL:
        summarized = dataclasses.replace(article, summary=summary)
        assert format_references(summarized) == format_references(article)
        assert fingerprint(summarized) == fingerprint(article)
    assert read == []


def test_a_reading_that_shares_an_earlier_items_values_is_the_reading_of_its_own():
    """AMA's item is read with the values it shares with the NLM style's taken from that reading (``_source``):
    the same variables, in the same order, with the same values, as reading it whole; and every reference the
    same as when each style reads its item alone."""
    for article in ALL:
        common = common_item(article)
        nlm, ama = (style_item(article, style, common) for style in (VANCOUVER, AMA))
        read_nlm = _source(nlm)
        key, shared = _source(ama, (nlm, read_nlm))
        assert list(shared[key].items()) == list(_source(ama)[1][key].items())
        alone = [format_reference(article, style, "en-US", {}) for style in STYLES]
        assert format_references(article) == alone


def test_a_range_open_after_an_ampersand_is_cited_whole():
    """Web of Science's older records end a page range in "&" for the pages after the first ("BP 250", "EP &";
    Zotero's BibTeX of such a record, "pages = {250--\\&}", in GitHub camaradesuk/ASySD's tests, read there): the
    processor reads "&" in a page as the one between the pages of a list, and every style printed "250- &amp; amp;"."""
    article = dataclasses.replace(MINIMAL, journal="Journal of Heredity", volume="44", issue="6", pages="250-&")
    for ref in format_references(article):
        assert "250-&amp;." in ref.html or "250\u2013&amp;." in ref.html, ref.html
        assert "&amp; amp;" not in ref.html and "&amp;" not in ref.text
