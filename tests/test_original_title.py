"""A title given in translation keeps the work's own title beside it: PubMed's VernacularTitle (MEDLINE TT) and
Scopus's title in the original language are shown under the page's heading, in their language, and the MEDLINE
download gives them back."""

from __future__ import annotations

from pathlib import Path

from site_builder.build import build
from site_builder.cite.medline import medline_record
from site_builder.readers import medline, pubmed_xml

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = DATA / "pubmed-xml" / "pubmed20n0014-languages.xml"


def _pubmed() -> dict:
    records, problems = pubmed_xml.read_bytes(LANGUAGES.read_bytes(), LANGUAGES.name)
    assert problems == []
    return {a.title: a for a in (pubmed_xml.to_article(r)[0] for r in records)}


def test_pubmed_xml_keeps_the_vernacular_title_beside_the_english_one() -> None:
    originals = {a.original_title: a.original_title_lang for a in _pubmed().values() if a.original_title}
    assert originals["Die pineale klier."] == "af"
    assert originals["Fisiopatologia do desenvolvimento pulmonar."] == "pt"
    assert all(a.title_lang == "en" for a in _pubmed().values() if a.original_title)


def test_the_medline_download_writes_it_as_tt_and_reads_it_back() -> None:
    article = next(a for a in _pubmed().values() if a.original_title == "Die pineale klier.")
    text = medline_record(article)
    assert "TT  - Die pineale klier." in text.splitlines()
    (record,), _ = medline.read(text, "download.nbib")
    again = medline.to_article(record)[0]
    assert (again.title, again.original_title, again.original_title_lang) == (
        article.title, "Die pineale klier.", "af")


def test_the_page_shows_it_under_the_heading_in_its_language(tmp_path: Path, html) -> None:  # noqa: ANN001
    site = tmp_path / "site"
    (site / "content" / "records").mkdir(parents=True)
    (site / "content" / "records" / LANGUAGES.name).write_bytes(LANGUAGES.read_bytes())
    result = build(site, site / "_site")
    assert result.report.errors == 0
    article = next(a for a in _pubmed().values() if a.original_title == "Die pineale klier.")
    page = next((site / "_site" / "articles").glob(f"*{article.pmid}.html"))
    header = html.main(html.parse(page)).find(".//article/header")
    heading, shown = header.find("h1"), header.find("p[@class='original-title']")
    assert list(header).index(shown) == list(header).index(heading) + 1
    assert html.text(shown) == "Original title: Die pineale klier."
    assert shown.find("span").get("lang") == "af" and heading.get("lang") in (None, "en")
