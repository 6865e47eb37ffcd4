"""Pages built from real EndNote, JabRef and Mendeley exports: "et al." is no author, organisations keep their
names, and a Windows-1252 apostrophe shows the same in the byline, the head metadata and the reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.build import build

DATA = Path(__file__).resolve().parent / "data" / "bibtex"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bibtex") / "site"
    records = folder / "content" / "records"
    records.mkdir(parents=True)
    endnote = (DATA / "endnote-transfer-mistriage.bib").read_bytes()
    # As a file written in Windows-1252 and read as Latin-1 would hold "D'Agostino".
    (records / "endnote.bib").write_bytes(endnote.replace(b"D'Agostino", "D\x92Agostino".encode()))
    for name in ("jabref-authors-subset.bib", "mendeley-phd-thesis.bib"):
        (records / name).write_bytes((DATA / name).read_bytes())
    result = build(folder, folder / "_site")
    assert [d for d in result.report.diagnostics if d.level.name == "ERROR"] == []
    return result.output


def article(site: Path, html, title_start: str):
    for page in sorted((site / "articles").glob("*.html")):
        root = html.parse(page)
        if html.headings(root, "h1")[0].startswith(title_start):
            return root
    raise AssertionError(f"no article page titled {title_start!r}")


def byline(root, html) -> str:
    return html.text(root.find(".//p[@class='byline']"))


def meta(root, name: str) -> list[str]:
    return [m.get("content") for m in root.iter("meta") if m.get("name") == name]


def test_no_author_page_for_et_al_and_organisations_keep_their_names(site: Path, html) -> None:
    names = [html.text(a) for a in html.main(html.parse(site / "authors" / "index.html")).iter("a")]
    assert not [n for n in names if n.casefold().strip(".") in ("others", "et al", "et, a. l")]
    assert not [n for n in names if n.startswith(("et,", "of Surgeons", "Organization,", "Association,"))]
    for group in ("American College of Surgeons", "World Health Organization", "Royal College of Surgeons",
                  "World Medical Association"):
        assert group in names


def test_byline_list_and_reference_end_in_et_al(site: Path, html) -> None:
    root = article(site, html, "Global, regional, and national age-sex specific mortality")
    assert byline(root, html) == "Naghavi, M.; Abajobir, A. A.; Abbafati, C.; Abbas, K.M.; et al."
    assert meta(root, "citation_author") == ["Naghavi, M.", "Abajobir, A. A.", "Abbafati, C.", "Abbas, K.M."]
    references = [html.text(el) for el in root.iter() if "reference" in (el.get("class") or "").split()]
    assert references and all(", et al. Global, regional" in r or ", et al. (2017)" in r for r in references)
    assert not any("& et al." in r for r in references)
    broch = article(site, html, "Modelling the cultivation and bioremediation potential")
    assert byline(broch, html).endswith("Reitan, KIR; et al.")


def test_a_windows_1252_apostrophe_is_the_same_everywhere(site: Path, html) -> None:
    root = article(site, html, "External validity of predictive models")
    assert "D’Agostino" in byline(root, html)
    assert "D’Agostino, R. B." in meta(root, "citation_author")
    head = html.text(root.find("head")) + " ".join(m.get("content") or "" for m in root.iter("meta"))
    assert "\x92" not in head and "\x92" not in byline(root, html)
    record = root.find(".//section[@class='full-record']")
    assert "D\x92Agostino" in html.text(record)  # the full record shows the file as it is


def test_less_than_survives_into_the_page(site: Path, html) -> None:
    root = article(site, html, "Is the magnetization transfer ratio a marker for myelin")
    assert "P < 0.0005" in html.text(html.main(root))
    fu = article(site, html, "Genetic influences on resting-state functional networks: A twin study")
    assert meta(fu, "citation_title") == ["Genetic influences on resting-state functional networks: A twin study"]
