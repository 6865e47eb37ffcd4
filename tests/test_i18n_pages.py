"""The demo site built in each interface language: no English interface word left on any page kind, dates and
counts in the language, references in its CSL locale where the style allows it.

Which text is the interface's is found by building the demo twice more: in English, and in a pseudo-language
whose catalogue changes every message. Text that reads the same in both is the records' own (titles, abstracts,
names, the club's prose); everything else the templates and the build put there. In each shipped language, that
interface text must hold no English message of the catalogue (unless the language writes it the same: French
"Pages", German "Format"), and no English month or language name.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import babel
import pytest
from babel.messages.pofile import read_po

from site_builder.cite import format_references
from site_builder.model.article import Article, Person

REPO = Path(__file__).resolve().parents[1]
LOCALES = REPO / "locales"
SHIPPED = ("es", "fr", "de", "pt")
PSEUDO = "it"
"""The language of conftest's pseudo-catalogue (``languages_built``)."""
WORDED_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "data-copy", "data-copied", "data-copy-failed",
                     "data-idle", "data-found", "data-none", "data-none-filtered", "data-failed", "data-author",
                     "data-topic", "data-more", "data-fewer", "data-previous", "data-next", "data-by-author",
                     "data-remove-author", "data-label-yes", "data-articles-one", "data-articles-many",
                     "data-articles-other"}
"""What readers hear, and the words the scripts show (the search page's data-* attributes)."""


class _Visible(HTMLParser):
    """A page's text as readers see or hear it, node by node: text, the title, worded attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        self.nodes += [" ".join((v or "").split()) for k, v in attrs if k in WORDED_ATTRIBUTES and v]
        if tag == "meta" and values.get("name") == "description":
            self.nodes.append(" ".join((values.get("content") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden:
            self.nodes.append(text)


def visible(path: Path) -> list[str]:
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.nodes


def page_kinds(out: Path) -> list[str]:
    """A few pages of every kind: the site's own pages, then the first pages of each folder."""
    pages = [p.relative_to(out).as_posix() for p in sorted(out.glob("*.html"))]
    for folder in sorted(p for p in out.iterdir() if p.is_dir() and p.name != "static"):
        pages += [p.relative_to(out).as_posix() for p in sorted(folder.glob("*.html"))[:4]]
    return pages


def english_words(language: str) -> list[str]:
    """The English of the interface: the catalogue's messages cut at their placeholders, English month names,
    and the English names of the demo's languages; less what ``language`` writes the same."""
    with (LOCALES / "messages.pot").open("rb") as file:
        messages = [form for m in read_po(file) if m.id for form in (m.id if isinstance(m.id, tuple) else [m.id])]
    with (LOCALES / f"{language}.po").open("rb") as file:
        translated = " ".join(form for m in read_po(file) if m.id
                              for form in (m.string if isinstance(m.string, tuple) else [m.string]))
    english, own = babel.Locale.parse("en"), babel.Locale.parse(language)
    fragments = [piece.strip(" .,:;()") for message in messages for piece in re.split(r"%\(\w+\)s", message)]
    fragments += [*english.months["format"]["wide"].values(), *english.months["format"]["abbreviated"].values(),
                  *(english.languages[code] for code in ("en", "es", "de", "it", "fr", "pt"))]
    translated += " " + " ".join([*own.months["format"]["wide"].values(), *own.months["format"]["abbreviated"].values(),
                                  *(own.languages[code] for code in ("en", "es", "de", "it", "fr", "pt"))])
    return sorted({f for f in fragments if re.search(r"[A-Za-z]{2}", f)
                   and not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", translated)})


@pytest.mark.parametrize("language", SHIPPED)
def test_no_english_interface_word_on_any_page_kind(languages_built: dict[str, Path], language: str) -> None:
    built = languages_built
    words = {w: re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in english_words(language)}
    left: dict[str, list[str]] = {}
    pages = page_kinds(built["en"])
    assert len(pages) > 20
    for page in pages:
        records = set(visible(built["en"] / page)) & set(visible(built[PSEUDO] / page))
        interface = [node for node in visible(built[language] / page) if node not in records]
        # A reference mixes the record's words with the style's: a word the page's records hold is theirs.
        record_text = "\n".join(records)
        found = [f"{w!r} in {node!r}" for node in interface for w, pattern in words.items()
                 if pattern.search(node) and not pattern.search(record_text)]
        if found:
            left[page] = found
    assert left == {}


def test_the_pseudo_language_marks_every_interface_word(languages_built: dict[str, Path]) -> None:
    built = languages_built
    """What the page test counts as the records' own text holds no English message: so every message the pages
    show went through the catalogue (the pseudo-language changed it)."""
    home = visible(built[PSEUDO] / "index.html")
    assert "«Skip to content»" in home and "«Home»" in home
    assert "Topics" not in home


def test_dates_and_counts_in_spanish(languages_built: dict[str, Path], html) -> None:
    out = languages_built["es"]
    home = html.text(html.parse(out / "index.html").find(".//body"))
    assert "43 artículos" in home and "9 materias" in home and "Artículos más recientes" in home
    article = html.parse(out / "articles" / "pubmed-8699378.html")
    facts = [html.text(e) for e in article.find(".//dl")]
    assert facts[facts.index("Publicado") + 1] == "19 de diciembre de 2021"
    assert facts[facts.index("Idioma") + 1] == "inglés"
    year = html.text(html.parse(out / "years" / "1979.html").find(".//main"))
    one = [p for p in (out / "topics").glob("*.html") if "1 artículo," not in html.text(html.parse(p))]
    assert re.search(r"\b\d+ artículos, del más reciente al más antiguo\.", year)
    assert any(re.search(r"\b1 artículo\.", html.text(html.parse(p).find(".//main"))) for p in one)


def test_references_follow_the_site_language_where_the_style_lets_them(languages_built: dict[str, Path],
                                                                      html) -> None:
    built = languages_built
    """APA's style fixes no locale, so it speaks the site's language; AMA's fixes en-US (``default-locale``), and
    the Vancouver reference is PubMed's own NLM citation, in English."""
    def references(language: str) -> dict[str, str]:
        doc = html.parse(built[language] / "articles" / "pubmed-8699378.html")
        return {b.get("id"): html.text(b) for b in doc.iter("blockquote")}

    english = references("en")
    assert "2021 Dec 19" in english["cite-vancouver"]
    for language in SHIPPED:
        shown = references(language)
        assert (shown["cite-vancouver"], shown["cite-ama"]) == (english["cite-vancouver"], english["cite-ama"])
    chapter = Article(id="x", title="A title", authors=(Person("Doe, Jane", "Doe", "Jane"),), kind="chapter",
                      container="The Book", volume="3", pages="1-9")
    apa = {language: format_references(chapter, locale=language)[2].text for language in ("en-US", *SHIPPED)}
    assert apa == {"en-US": "Doe, J. (n.d.). A title. In The Book (Vol. 3, pp. 1–9).",
                   "es": "Doe, J. (s.\u00a0f.). A title. En The Book (Vol. 3, pp. 1-9).",
                   "fr": "Doe, J. (s.\u00a0d.). A title. In The Book (Vol. 3, p. 1\u20119).",
                   "de": "Doe, J. (o.\u00a0J.). A title. In The Book (Bd. 3, S. 1–9).",
                   "pt": "Doe, J. (s.d.). A title. Em The Book (Vol. 3, pp. 1–9)."}
