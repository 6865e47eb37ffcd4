"""Regression tests for what the fuzz run (tests/fuzz/run.py) found: each input, cut to what mattered, now gives
records and diagnostics (or, for site.toml, a message), and quickly."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from site_builder.config import load_config
from site_builder.diagnostics import Level, UserError
from site_builder.model import languages
from site_builder.model.people_rules import parse_rules
from site_builder.prose.markdown import split_front_matter
from site_builder.prose.summaries import parse_summary
from site_builder.readers import bibtex, catalogue, csl_json, to_article, vufind_json

DUMPS = Path(__file__).resolve().parent / "data" / "catalogue-dump"
DEEP = 100_000
"""Levels of brackets: far past Python's recursion limit."""


def test_a_language_with_a_nul_in_it_is_read() -> None:
    """language_data's name index (a marisa BytesTrie) failed on a name holding NUL (SystemError); values are now
    cleaned of control characters first, and the lookup refuses a NUL itself."""
    assert languages._named("\x00english") == ""
    assert languages.language_of("\x00English")[0].name == "\ufffdEnglish"
    seed = (DUMPS / "english-labels.txt").read_text(encoding="utf-8")
    text = seed.replace("\nlanguage English", "\nlanguage English\n\x00\x00 Deutsch")
    records, _ = catalogue.read(text, "a.txt")
    article, _ = to_article(records[0])
    assert [language.name for language in article.languages] == ["English", "\ufffd\ufffd Deutsch"]


@pytest.mark.parametrize("base_url", ["http://[x", "https://[::1/", "http://]/"])
def test_a_base_url_with_a_stray_bracket_is_a_message(tmp_path: Path, base_url: str) -> None:
    """urlsplit raised ValueError ("Invalid IPv6 URL") out of the config check."""
    (tmp_path / "site.toml").write_text(f'base_url = "{base_url}"\n', encoding="utf-8")
    with pytest.raises(UserError, match="base_url must be an http"):
        load_config(tmp_path)


def test_a_summary_date_that_does_not_exist_is_left_out_with_a_warning() -> None:
    """YAML read "2024-02-30" as a timestamp and raised ValueError; now it is text, and the summary is kept."""
    found, problems = parse_summary("---\nid: pubmed-8699378\ndate: 2024-02-30\n---\nText.\n", "s.md")
    assert found is not None and found.summary.date == ""
    assert [(d.level, d.where.line) for d in problems] == [(Level.WARNING, 3)]
    found, problems = parse_summary("---\nid: pubmed-8699378\ndate: 2024-01-01 25:00:00\n---\nText.\n", "s.md")
    assert found is not None and [d.where.line for d in problems] == [3]


def test_front_matter_with_an_alias_is_an_error_at_its_line() -> None:
    """An alias bomb (lists of lists of "*a") is small on disk and hangs whatever prints it."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    started = time.perf_counter()
    doc, problems = split_front_matter(f"---\nid: pubmed-1\n{bomb}verdict: *i\n---\nText\n", "s.md")
    assert time.perf_counter() - started < 1
    assert doc.meta == {} and [(d.level, d.where.line) for d in problems] == [(Level.ERROR, 4)]
    assert "alias" in problems[0].message


@pytest.mark.parametrize("text", ["---\ntopics: " + "[" * DEEP + "\n---\n", "---\na: " + "{a: " * 5000 + "\n---\n"])
def test_front_matter_nested_too_deeply_is_an_error(text: str) -> None:
    """PyYAML recursed once per level: RecursionError."""
    doc, problems = split_front_matter(text, "s.md")
    assert [(d.level, d.where.line) for d in problems] == [(Level.ERROR, 2)]
    assert "nested too deeply" in problems[0].message


@pytest.mark.parametrize(("read", "text"), [
    (csl_json.read, "[" * DEEP),
    (csl_json.read, '[{"title": "A", "note": ' + "[" * DEEP + '}]'),
    (vufind_json.read, '{"response": {"docs": [' + "[" * DEEP),
])
def test_json_nested_too_deeply_is_a_diagnostic(read, text: str) -> None:
    """json's scanner recursed once per level: RecursionError."""
    records, problems = read(text, "r.json")
    assert records == [] and problems and all(d.level is Level.ERROR for d in problems)


def test_a_json_number_too_long_costs_its_record_only() -> None:
    """A number of more than 4,300 digits: int() raised ValueError out of the scanner."""
    records, problems = csl_json.read('[\n {"title": "A", "page": ' + "1" * 5000 + '},\n {"title": "B"}\n]', "r.json")
    assert [r.first("title") for r in records] == ["B"]
    assert [d.where.line for d in problems] == [2] and "too long" in problems[0].message


@pytest.mark.parametrize("text", ["a = " + "[" * DEEP, "[[merge]]\nnames = " + "[" * DEEP])
def test_toml_nested_too_deeply_is_a_message(tmp_path: Path, text: str) -> None:
    """tomllib recursed once per level: RecursionError."""
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="nested too deeply"):
        load_config(tmp_path)
    rules, problems = parse_rules(text, "authors.toml")
    assert rules.merge == () and "nested too deeply" in problems[0].message


def test_bibtex_braces_nested_deeply_are_read_in_time() -> None:
    """Taking off the braces around a whole value scanned the value once per pair: quadratic (an hour at 100,000)."""
    entry = "@article{k, title={" + "{" * DEEP + "Deep" + "}" * DEEP + "}, author={A, B}}\n"
    started = time.perf_counter()
    records, _ = bibtex.read(entry, "r.bib")
    article, _ = bibtex.to_article(records[0])
    assert time.perf_counter() - started < 5
    assert article.title == "Deep"


def test_a_long_language_value_is_named_in_time() -> None:
    """marisa-trie's prefixes() takes time that grows with the square of its key: 67,000 characters of a
    catalogue record cut into its language field took 11 s."""
    value = "publishD" + "Título" * 11_000 + "ate 1977"
    started = time.perf_counter()
    assert languages.language_of(value)[0].tag == ""
    assert languages.language_of("English" + " and more" * 5000)[0].name.startswith("English")
    assert time.perf_counter() - started < 2


def test_authors_toml_of_thousands_of_entries_is_read_in_time() -> None:
    """The line of each [[merge]] was found by scanning the whole file again: 7,000 entries took 28 s."""
    text = '[[merge]]\nnames = ["Cazzato, R", "Cazzato, Roberto Luigi"]\n' * 7000
    started = time.perf_counter()
    rules, problems = parse_rules(text, "authors.toml")
    assert time.perf_counter() - started < 5
    assert len(rules.merge) == 7000 and rules.merge[-1][1].line == 13999


def test_a_vufind_title_of_many_isbd_marks_is_read_in_time() -> None:
    """The ISBD marks at the end of a title were taken off by a regex that backtracked exponentially over marks
    that do not end it (" , , , … x")."""
    title = " ,/ ;" * 8000 + "x"
    doc = json.dumps({"response": {"docs": [{"id": "1", "title_full": f"{title} /", "title_short": "t"}]}})
    started = time.perf_counter()
    records, _ = vufind_json.read(doc, "v.json")
    article, _ = vufind_json.to_article(records[0])
    assert time.perf_counter() - started < 2
    assert article.title.endswith("x")


def test_half_a_utf16_character_in_json_is_replaced_and_reported() -> None:
    """JSON's "\\ud800" decodes to a lone surrogate, which no UTF-8 file can hold: the build died writing the
    first page that showed it (UnicodeEncodeError)."""
    text = ('[{"id": "a", "type": "article-journal", "title": "Bad \\ud800 half", "issued": {"date-parts": [[2020]]},'
            '\n "note": "\\udfff"}]')
    records, problems = csl_json.read(text, "r.json")
    assert records[0].first("title") == "Bad \ufffd half" and records[0].first("note") == "\ufffd"
    assert [(d.level, d.where.line) for d in problems] == [(Level.WARNING, 1), (Level.WARNING, 2)]
    article, _ = csl_json.to_article(records[0])
    article.title.encode("utf-8")


def test_a_long_orcid_list_without_slashes_is_read_in_time() -> None:
    """Web of Science's OI field ("Family, Given/0000-…; …") was searched with a pattern that, on a value with
    no "/", ran to the end of the value from every character: 20 s for a 60 KB field."""
    from site_builder.readers import ris

    head = "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Seymour, Colleen\nTI A title\n"
    text = head + "OI " + "Seymour, C " * 6000 + "\nOI Seymour, Colleen/0000-0002-1825-0097\nER\nEF\n"
    started = time.perf_counter()
    records, _ = ris.read(text, "w.txt")
    article, _ = ris.to_article(records[0])
    assert time.perf_counter() - started < 2
    assert article.authors[0].orcid == "0000-0002-1825-0097"


def test_a_catalogue_rights_text_with_a_control_character_is_cleaned() -> None:
    """The rights at the end of the spelling field were the only typed value not cleaned: a control character
    there reached the pages and the feed (which XML forbids)."""
    seed = (DUMPS / "english-labels.txt").read_text(encoding="utf-8")
    records, _ = catalogue.read(seed.replace("Copyright", "Copy\x01right", 1), "a.txt")
    article, _ = to_article(records[0])
    assert article.rights and "\x01" not in article.rights and "\ufffd" in article.rights


@pytest.mark.parametrize("author", ["Bunkers," + " " * 40_000 + "x", "Bunkers, A" + " 1 *" * 10_000 + " x"])
def test_an_ovid_name_of_long_runs_of_marks_is_read_in_time(author: str) -> None:
    """A role in brackets and affiliation marks at the end of a name were taken off by regular expressions
    tried at every character of a long run: 15 s for 35 KB."""
    from site_builder.readers import ovid

    text = f"<1. >\nVN  - Ovid Technologies\nDB  - Embase\nTI  - A title\nAU  - {author}\n"
    started = time.perf_counter()
    records, _ = ovid.read(text, "o.ovd")
    article, _ = ovid.to_article(records[0])
    names = ovid.journals_at_ovid_names(author + ";  Hermans, Erik MD +")  # Journals@Ovid's one-line list
    assert time.perf_counter() - started < 2
    assert article.authors and article.authors[0].family == "Bunkers"
    assert names[0].startswith("Bunkers") and names[-1] == "Hermans, Erik"


def test_xml_records_after_a_long_prolog_are_read_one_by_one_in_time() -> None:
    """A broken file is read record by record, each after a copy of the text before the first record: 150 KB of
    it before 24,000 record starts took 7 s (here 140 KB of elements before 12,000 records)."""
    from site_builder.readers import jats

    text = ("<?xml version='1.0'?><pmc-articleset>" + "<note/>" * 20_000
            + "<article><front><article-meta><title-group><article-title>T</article-title></title-group>"
              "</article-meta></front></article>" * 12_000 + "<article><broken></pmc-articleset>")
    started = time.perf_counter()
    records, problems = jats.read_bytes(text.encode(), "j.xml")
    assert time.perf_counter() - started < 10
    assert len(records) == 12_000 and problems


def test_a_url_with_a_del_character_is_no_link() -> None:
    """A catalogue url whose host held DEL (0x7f: "http://dx.doi.\\x7frg/…") passed the url check, which refused
    only C0 controls: the link and its label (the host) reached the page, where HTML does not allow DEL. The
    record keeps the url."""
    seed = (DUMPS / "seed.txt").read_text(encoding="utf-8")
    for host, linked in (("www.sciencedirect.com", True), ("www.sciencedirect.\x7fom", False)):
        url = f"https://{host}/science/article/pii/0002937878903538"
        text = seed.replace("\nhttp://dx.doi.org/10.3390/cancers13246368\n", f"\n{url}\n")
        records, _ = catalogue.read(text, "a.txt")
        article, _ = to_article(records[0])
        assert [link.url for link in article.links] == ([url] if linked else [])
        assert any(url in value for field in records[0].fields for value in field.values)


def test_a_bibtex_value_whose_last_brace_follows_a_backslash_is_an_error_not_a_crash() -> None:
    """A brace after a backslash is no brace to bibtexparser, so the entry is broken; reading it one field a line
    (bibtex._line_by_line) found its braces unbalanced as written and balanced once read, and the warning for it
    then named no field (IndexError). Such an entry stays an error: nothing in it is unbalanced once read."""
    text = ("@article{k,\n  title = {Kept},\n  journal = {Chemical Science\\\\},\n}\n"
            "@article{next,\n  title = {Next},\n}\n")
    records, diagnostics = bibtex.read(text, "refs.bib")
    assert [r.first("ID") for r in records] == ["next"]
    assert [(d.level, str(d.where)) for d in diagnostics] == [(Level.ERROR, "refs.bib:1")]
