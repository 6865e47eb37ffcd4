"""One mark where a title's own punctuation meets the period a style adds after it: a title that asks a question
ends with its "?", a title that ends with a period keeps one, in italics or not (citeproc_patches's
_one_mark_at_a_seam).

A real record of tests/data/ris/wos-early-access.txt (Web of Science, MIT; see SOURCE.md there) was cited
"Is there really such a thing as Tropical Biology?. Biotropica." in all three styles; a catalogue's book title
that ends with a period (VuFind's "Bollettino della Unione matematica italiana.", GPL-2, read in place through
the shared corpus; here its facts alone) "… italiana..", in APA, whose italics close before the style's period.
"""

from __future__ import annotations

from pathlib import Path

from site_builder import readers
from site_builder.cite.references import format_references
from site_builder.model.article import Article, Person

RIS = Path(__file__).resolve().parents[1] / "data" / "ris" / "wos-early-access.txt"


def _cited(article: Article) -> dict[str, str]:
    return {c.style_id: c.text for c in format_references(article)}


def test_a_question_keeps_its_mark_alone() -> None:
    records, _ = readers.read_file(RIS, RIS.name)
    article = next(a for a in (readers.to_article(r)[0] for r in records) if a.doi == "10.1111/btp.13387")
    cited = _cited(article)
    assert cited["vancouver"].startswith("Bruna EM. Is there really such a thing as Tropical Biology? Biotropica.")
    assert cited["ama"].startswith("Bruna EM. Is there really such a thing as Tropical Biology? Biotropica.")
    assert "(2024). Is there really such a thing as Tropical Biology? BIOTROPICA." in cited["apa"]
    assert not any("?." in text for text in cited.values())


def test_a_title_ending_in_a_period_in_italics_gets_no_second_one() -> None:
    book = Article(id="vufind-000105196", title="Bollettino della Unione matematica italiana.", kind="book",
                   authors=(Person("Unione matematica italiana"),), date="1922")
    cited = _cited(book)
    assert cited["apa"] == "Unione matematica italiana. (1922). Bollettino della Unione matematica italiana."
    assert not any(".." in text for text in cited.values())


def test_an_exclamation_keeps_its_mark_alone() -> None:
    cited = _cited(Article(id="x", title="Stop the bleed!", journal="J Trauma", date="2019"))
    assert "Stop the bleed! J Trauma." in cited["vancouver"] and "Stop the bleed! J Trauma." in cited["ama"]
