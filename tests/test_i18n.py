"""The interface's languages: every word of the default templates marked for translation, the catalogue template
up to date, every shipped catalogue complete, dates, counts and references in the site's locale, and a site's
own catalogue.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from site_builder import i18n
from site_builder.build import build
from site_builder.model.article import Language
from site_builder.render.pages import make_environment

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "locales"
TEMPLATES = REPO / "templates"
SHIPPED = ("es", "fr", "de", "pt")

WORD = re.compile(r"[^\W\d_]{2,}")
"""Letters that make a word (a lone letter, a number or punctuation is not one)."""
NAMES = {"DOI", "PubMed", "PubMed Central", "PMID", "PMCID", "ORCID"}
"""Names that every language writes the same: the template prints them as they are."""
WORDED_ATTRIBUTES = {"aria-label", "aria-description", "aria-roledescription", "title", "placeholder", "alt",
                     "label", "data-copy", "data-copied", "data-copy-failed", "data-idle", "data-found",
                     "data-none", "data-none-filtered", "data-failed", "data-author", "data-topic", "data-more",
                     "data-fewer", "data-previous", "data-next", "data-by-author", "data-remove-author",
                     "data-label-yes"}
"""Attributes a reader hears or sees; the data-* ones hold the words the scripts show (data-articles-* are made
for each plural category: the check reads the template, where they are one gettext call)."""


def interface(language: str) -> i18n.Interface:
    found, problems = i18n.load_interface(language, [LOCALES], str)
    assert problems == []
    return found


# --- every word marked ------------------------------------------------------------------------------------------

class _Words(HTMLParser):
    """The words a template's HTML shows outside Jinja: text, and the attributes a reader hears or sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code"):  # code is written as it is in every language
            self._skip += 1
        values = dict(attrs)
        for name, value in attrs:
            if name in WORDED_ATTRIBUTES or (name == "value" and values.get("type") in ("submit", "button", "reset")) \
                    or (name == "content" and values.get("name") == "description"):
                self.found.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.found.append(data)


def unmarked_words(source: str, env: jinja2.Environment) -> list[str]:
    """Words of a template that reach readers without a gettext call: its text outside ``{% trans %}`` blocks,
    with every Jinja expression and tag replaced by a mark that holds no letter, read as HTML."""
    pieces: list[str] = []
    in_trans = False
    block: list[str] = []
    for _line, kind, value in env.lex(source):
        if kind == "block_begin":
            block = []
        elif kind == "name" and not block:
            block.append(value)
            if value == "trans":
                in_trans = True
            elif value == "endtrans":
                in_trans = False
        if kind == "data" and not in_trans:
            pieces.append(value)
        elif kind in ("variable_begin", "block_begin"):
            pieces.append(" ")  # holds no letter, and inside a tag (<h1{{ lang_attr(…) }}>) it is only a space
    parser = _Words()
    parser.feed("".join(pieces))
    parser.close()
    words = []
    for text in parser.found:
        # A block that writes an attribute into its parent's tag reads as text here: <h1{% block attrs %}>.
        text = re.sub(r"\bdata-[\w-]+", "", text)
        for name in sorted(NAMES, key=len, reverse=True):
            text = text.replace(name, "")
        words += WORD.findall(text)
    return words


def test_every_word_of_the_default_templates_is_marked_for_translation() -> None:
    env = make_environment([TEMPLATES])
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        words = unmarked_words(path.read_text(encoding="utf-8"), env)
        if words:
            found[path.relative_to(REPO).as_posix()] = words
    assert found == {}


def test_the_marking_check_finds_an_unmarked_word() -> None:
    env = make_environment([TEMPLATES])
    source = ('<nav aria-label="Site">{{ _("Home") }}</nav><p>{% trans n=1 %}{{ n }} article{% endtrans %} and '
              '<a href="{{ x }}" title="{{ _("Go") }}">Next</a></p><input type="submit" value="Search">')
    assert unmarked_words(source, env) == ["Site", "and", "Next", "Search"]


JS_WORDS = re.compile(r"""(?:textContent|innerText|title|placeholder|ariaLabel)\s*=\s*["'`][^"'`]*[A-Za-z]|"""
                      r"""setAttribute\(\s*["'](?:aria-label|title|placeholder)["']\s*,\s*["'`][^"'`]*[A-Za-z]""")


def test_the_scripts_take_their_words_from_the_page() -> None:
    found = {path.name: JS_WORDS.findall(path.read_text(encoding="utf-8")) for path in (REPO / "static").glob("*.js")}
    assert {name: words for name, words in found.items() if words} == {}


# --- catalogues -------------------------------------------------------------------------------------------------

def test_the_catalogue_template_is_up_to_date_with_the_templates_and_code() -> None:
    """As `pybabel extract -F babel.cfg --add-location=file …` (README, "Languages") would write it: the same
    messages, each from the same files, with the same notes to translators."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    extracted: dict[tuple[str | None, object], tuple[set[str], list[str]]] = {}
    for filename, _line, message, comments, context in extract_from_dir(
            str(REPO), method_map, options_map, comment_tags=("Translators:",), strip_comment_tags=False):
        message = tuple(m for m in message if m is not None) if isinstance(message, tuple) else message
        files, notes = extracted.setdefault((context, message), (set(), []))
        files.add(filename.replace("\\", "/"))
        notes += [c for c in comments if c not in notes]
    with (LOCALES / "messages.pot").open("rb") as file:
        pot = {(m.context, m.id): ({path for path, _line in m.locations}, " ".join(m.auto_comments))
               for m in read_po(file) if m.id}
    found = {key: (files, " ".join(notes)) for key, (files, notes) in extracted.items()}
    assert found == pot, "run the commands of README, 'Languages', to extract the messages again"


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalogue_translates_every_message(language: str) -> None:
    with (LOCALES / "messages.pot").open("rb") as file:
        expected = {(m.context, m.id) for m in read_po(file) if m.id}
    with (LOCALES / f"{language}.po").open("rb") as file:
        catalogue = read_po(file, locale=language)
    assert not catalogue.fuzzy
    found = {(m.context, m.id) for m in catalogue if m.id}
    assert found == expected, "run `pybabel update` (README, 'Languages')"
    assert [m.id for m in catalogue if m.id and m.fuzzy] == []
    untranslated = [m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple)
                                                                            and not all(m.string)))]
    assert untranslated == []
    assert [(m.id, errors) for m, errors in catalogue.check()] == []  # the placeholders of each message kept
    assert catalogue.obsolete == {}


def test_a_fuzzy_or_untranslated_entry_is_found(tmp_path: Path) -> None:
    """The completeness test's own checks, on a catalogue with one entry of each fault."""
    po = tmp_path / "es.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: es\\n"\n\n#, fuzzy\nmsgid "Home"\nmsgstr "Inicio"\n\n'
                  'msgid "Topics"\nmsgstr ""\n', encoding="utf-8")
    with po.open("rb") as file:
        catalogue = read_po(file, locale="es")
    assert [m.id for m in catalogue if m.id and m.fuzzy] == ["Home"]
    assert [m.id for m in catalogue if m.id and not m.string] == ["Topics"]
    found, _problems = i18n.load_interface("es", [tmp_path], str)
    assert found.gettext("Home") == "Home"  # a fuzzy entry is not used, as msgfmt leaves it out


# --- dates, counts, names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "long", "month", "short"), [
    ("en", "19 December 2021", "December 2021", "28 Oct 2013"),
    ("en-US", "December 19, 2021", "December 2021", "Oct 28, 2013"),
    ("es", "19 de diciembre de 2021", "diciembre de 2021", "28 oct 2013"),
    ("fr", "19 décembre 2021", "décembre 2021", "28 oct. 2013"),
    ("de", "19. Dezember 2021", "Dezember 2021", "28. Okt. 2013"),
    ("pt", "19 de dezembro de 2021", "dezembro de 2021", "28 de out. de 2013"),
])
def test_dates_in_the_site_locale(language: str, long: str, month: str, short: str) -> None:
    shown = interface(language)
    assert (shown.long_date("2021-12-19"), shown.long_date("2021-12"), shown.long_date("2021")) == (long, month,
                                                                                                     "2021")
    assert shown.short_date("2013-10-28") == short


def render(language: str, source: str, **context: object) -> str:
    env = make_environment([TEMPLATES], interface(language))
    return env.from_string(source).render(**context)


COUNT = '{% trans count=n %}{{ count }} article{% pluralize %}{{ count }} articles{% endtrans %}'


@pytest.mark.parametrize(("language", "counts"), [
    ("en", ["0 articles", "1 article", "2 articles", "1,234 articles"]),
    ("es", ["0 artículos", "1 artículo", "2 artículos", "1.234 artículos", "12.345 artículos",
            "1.000.000 de artículos"]),
    ("fr", ["0 article", "1 article", "2 articles", "1\u202f234 articles", "1\u202f000\u202f000 d’articles"]),
    ("de", ["0 Artikel", "1 Artikel", "2 Artikel", "1.234 Artikel"]),
    ("pt", ["0 artigo", "1 artigo", "2 artigos", "1.234 artigos", "1.000.000 de artigos"]),
])
def test_counts_with_the_language_plural_forms_and_numbers(language: str, counts: list[str]) -> None:
    numbers = [int(re.sub(r"\D", "", c)) for c in counts]
    assert [render(language, COUNT, n=n) for n in numbers] == counts


def test_a_sample_count_of_each_plural_category_for_scripts() -> None:
    assert interface("en").plural_samples == (("other", 0), ("one", 1))
    assert interface("es").plural_samples == (("other", 0), ("one", 1), ("many", 1000000))
    assert interface("fr").plural_samples == (("one", 0), ("other", 2), ("many", 1000000))
    form = '{{ ngettext("%(count)s article", "%(count)s articles", n, count="{n}") }}'
    forms = {category: render("es", form, n=n) for category, n in interface("es").plural_samples}
    assert forms == {"other": "{n} artículos", "one": "{n} artículo", "many": "{n} de artículos"}


def test_values_put_into_a_translation_are_escaped() -> None:
    shown = render("es", '{% trans name=who %}Summary by {{ name }}.{% endtrans %}', who="<b>Ana</b>")
    assert shown == "Reseña de &lt;b&gt;Ana&lt;/b&gt;."


def test_languages_of_works_named_in_the_interface_language() -> None:
    spanish, brazilian = Language("Spanish", "es", "spa"), Language("Portuguese (Brazil)", "pt-BR", "por")
    unnamed = Language("Klingonese")
    assert [interface("es").language_name(x) for x in (spanish, brazilian, unnamed)] == [
        "español", "portugués (Brasil)", "Klingonese"]
    assert interface("de").language_name(spanish) == "Spanisch"
    assert interface("en").language_name(brazilian) == "Portuguese (Brazil)"  # languages.py's English name


def test_a_language_without_a_catalogue_is_reported(tmp_path: Path) -> None:
    found, problems = i18n.load_interface("nl", [LOCALES], str)
    assert found.gettext("Home") == "Home"
    assert found.long_date("2021-12-19") == "19 december 2021"  # dates and numbers still in Dutch
    assert [p.message for p in problems] == [
        "no interface catalogue for language 'nl': the interface is in English; add locales/nl.po to the site "
        "(see README, 'Languages')"]
    _found, problems = i18n.load_interface("xx-nonsense-tag", [LOCALES], str)
    assert "no language tag Babel knows" in problems[0].message


def test_a_regional_tag_finds_its_language_catalogue() -> None:
    shown = interface("pt-BR")
    assert shown.gettext("Home") == "Início"
    assert shown.csl_locale == "pt-BR"
    assert interface("es").csl_locale == "es"
    assert interface("en").csl_locale == "en-US"


# --- a site's own language and wording --------------------------------------------------------------------------

def test_a_site_adds_a_language_and_changes_a_word_with_its_own_catalogue(tmp_path: Path, demo_copier) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "site.toml").write_text('title = "Letture"\nlanguage = "it"\n', encoding="utf-8")
    (site / "locales").mkdir()
    (site / "locales" / "it.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: it\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "Home"\nmsgstr "Pagina iniziale"\n\n'
        'msgid "%(count)s article"\nmsgid_plural "%(count)s articles"\nmsgstr[0] "%(count)s articolo"\n'
        'msgstr[1] "%(count)s articoli"\n', encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block title %}{{ _("Page not found") }}{% endblock %}'
        '{% block main %}<h1>{{ _("Home") }}</h1>{% endblock %}', encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.report.diagnostics == []
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'lang="it"' in home and ">Pagina iniziale</a>" in home and "articoli" in home
    assert "<h1>Pagina iniziale</h1>" in (tmp_path / "out" / "404.html").read_text(encoding="utf-8")
    (site / "locales" / "es.po").write_text('msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "Topics"\n'
                                            'msgstr "Temas"\n', encoding="utf-8")
    (site / "site.toml").write_text('language = "es"\n', encoding="utf-8")
    build(site, tmp_path / "out")
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert ">Temas</a>" in home and ">Inicio</a>" in home  # the site's word, the shipped catalogue for the rest


def test_a_broken_site_catalogue_is_reported_with_its_line(tmp_path: Path, demo_copier) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "site.toml").write_text('language = "es"\n', encoding="utf-8")
    (site / "locales").mkdir()
    (site / "locales" / "es.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "Home"\nInicio\n', encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert [str(d.where) for d in result.report.diagnostics] == ["locales/es.po:5"]
    assert "cannot read this catalogue" in result.report.diagnostics[0].message
    assert ">Inicio</a>" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_translation_with_a_misspelt_placeholder_is_reported_and_shown_in_english(tmp_path: Path,
                                                                                   demo_copier) -> None:
    site = demo_copier(tmp_path / "site")
    (site / "site.toml").write_text('language = "es"\n', encoding="utf-8")
    (site / "locales").mkdir()
    (site / "locales" / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "%(count)s topic"\nmsgid_plural "%(count)s topics"\n'
        'msgstr[0] "%(cuenta)s tema"\nmsgstr[1] "%(cuenta)s temas"\n', encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert [str(d.where) for d in result.report.diagnostics] == ["locales/es.po:5"]
    assert "the message is shown in English" in result.report.diagnostics[0].message
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "9 materias" in home  # the shipped catalogue's translation takes its place


# --- record text keeps its own language -------------------------------------------------------------------------

DATA = REPO / "tests" / "data"


def _site_of(tmp_path: Path, language: str, *fixtures: Path) -> Path:
    site = tmp_path / language
    (site / "content" / "records").mkdir(parents=True)
    for fixture in fixtures:
        (site / "content" / "records" / fixture.name).write_bytes(fixture.read_bytes())
    (site / "site.toml").write_text(f'language = "{language}"\nreferences = false\n', encoding="utf-8")
    return site


def test_record_text_carries_its_language_on_a_page_in_another(tmp_path: Path, html) -> None:
    """A SciELO article whose JATS says its title and abstract are English, on a Portuguese site."""
    fixture = DATA / "jats-xml" / "scielo-rsp-48-2-0206-front.xml"
    for language, expected in (("pt", "en"), ("en", None)):
        site = _site_of(tmp_path, language, fixture)
        result = build(site, tmp_path / f"out-{language}")
        assert result.report.errors == 0
        page = html.parse(next((tmp_path / f"out-{language}" / "articles").glob("*.html")))
        assert page.get("lang") == language
        assert page.find(".//h1").get("lang") == expected
        paragraphs = page.findall(".//section[@class='abstract']/p")
        assert paragraphs and {p.get("lang") for p in paragraphs} == {expected}
        assert {h.get("lang") for h in page.findall(".//section[@class='abstract']/h3")} == {expected}
        home = html.parse(tmp_path / f"out-{language}" / "index.html")
        assert [a.get("lang") for a in home.iter("a") if a.get("class") == "title"] == [expected]


def test_pubmed_titles_are_english_even_when_the_article_is_not(tmp_path: Path, html) -> None:
    """PubMed's ArticleTitle is an English translation ("[The pineal body]." of an Afrikaans article): on a
    Spanish site it is marked English, not as the article's language."""
    site = _site_of(tmp_path, "es", DATA / "pubmed-xml" / "pubmed20n0014-languages.xml")
    build(site, tmp_path / "out")
    titles = {html.text(h): h.get("lang") for p in (tmp_path / "out" / "articles").glob("*.html")
              for h in html.parse(p).iter("h1")}
    assert titles["[The pineal body]."] == "en"
    assert set(titles.values()) == {"en"}
