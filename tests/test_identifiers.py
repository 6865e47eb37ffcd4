"""Identifiers (identifiers.py): DOIs, PMIDs and PMCIDs found, checked, merged, linked and exported alike.

Real records: tests/data/*/ (see each SOURCE.md) and, when it is here, the whole shared corpus (../shared/corpus).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from exports_as_built import exported

from site_builder.diagnostics import Level
from site_builder.model import identifiers as ids
from site_builder.model.article import Article
from site_builder.model.normalize import safe_url
from site_builder.readers import read_file, to_article

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
CORPUS = TESTS.parents[1] / "shared" / "corpus"
MERGE = DATA / "merge"
ADHM_DOI = "10.1002/adhm.202002163"


def record_files() -> list[Path]:
    """Every record file of tests/data, and of the shared corpus when it is here."""
    roots = [DATA, *([CORPUS] if CORPUS.is_dir() else [])]
    return [p for root in roots for p in sorted(root.rglob("*")) if p.is_file() and p.suffix != ".md"]


@pytest.fixture(scope="module")
def read_articles() -> list[Article]:
    """Every article the readers make of every record file, identifiers checked."""
    found = []
    for path in record_files():
        records, _ = read_file(path, path.name)
        found += [to_article(r)[0] for r in records]
    return found


# --- finding a DOI ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "doi"), [
    ("10.3390/cancers13246368", "10.3390/cancers13246368"),
    ("http://dx.doi.org/10.3390/cancers13246368", "10.3390/cancers13246368"),
    ("doi: 10.1038/nprot.2010.116.", "10.1038/nprot.2010.116"),
    ("(doi:10.1000/xyz)", "10.1000/xyz"),
    ("https://doi.org/10.1002%2F1097-0142(197701)39%3A1%3C227%3A%3Aaid-cncr2820390136%3E3.0.co%3B2-n",
     "10.1002/1097-0142(197701)39:1<227::aid-cncr2820390136>3.0.co;2-n"),
    ("10.3375/0885-8608(2008)28[330:PIBCSR]2.0.CO;2", "10.3375/0885-8608(2008)28[330:PIBCSR]2.0.CO;2"),
    ("10.1000/abc\u200b", "10.1000/abc"),  # an invisible zero-width space pasted after it
    ("not a doi", ""),
    ("10.1000", ""),
    ("https://doi.org/gcgk7d", ""),  # a shortDOI is no DOI
])
def test_doi_from(text: str, doi: str) -> None:
    assert ids.doi_from(text) == doi
    assert not doi or ids.is_doi(doi)


@pytest.mark.parametrize(("doi", "title", "tail"), [
    ("10.1038/nprot.2010.116.Data", "Data quality control in genetic case-control association studies", ".Data"),
    ("10.1016/j.jbi.2014.09.006PMID:25281254", "", "PMID:25281254"),
    ("10.3389/fimmu.2019.00123/full", "", "/full"),
    ("10.1002/adhm.202002163[doi]", "", "[doi]"),
    # Not clearly glued: a capitalised word the title does not start with, and real DOIs that end in letters.
    ("10.1038/nprot.2010.116.Data", "Quality control", ""),
    ("10.7554/eLife.05005", "", ""),
    ("10.1002/14651858.CD001234.pub2", "", ""),
    ("10.1371/journal.pone.0012345.g001", "", ""),
    ("10.1021/acs.jcim.9b00123", "", ""),
    ("10.5555/12345678.epub", "", ""),  # a lower-case "epub" may be the DOI's own
])
def test_glued_tail(doi: str, title: str, tail: str) -> None:
    assert ids.glued_tail(doi, title) == tail


def test_no_doi_a_reader_makes_looks_glued(read_articles: list[Article]) -> None:
    dois = [a.doi for a in read_articles if a.doi]
    assert len(dois) > (2000 if CORPUS.is_dir() else 20)
    assert [d for d in dois if ids.glued_tail(d) or ids.suspect_tail(d)] == []


# --- PMIDs, PMCIDs and shortDOIs ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pmid", "valid"), [
    ("33763992", "33763992", True), ("PMID: 33763992", "33763992", True), (" 1 ", "1", True),
    ("0", "0", False), ("0033763992", "0033763992", False), ("123456789", "123456789", False),
    ("PMC7610913", "", False), ("3376x", "", False), ("", "", False), ("٣٣٧٦", "", False),
])
def test_pmid(text: str, pmid: str, valid: bool) -> None:
    assert ids.pmid_from(text) == pmid
    assert ids.is_pmid(pmid) is valid


@pytest.mark.parametrize(("text", "pmcid", "valid"), [
    ("PMC7610913", "PMC7610913", True), ("pmc 7610913", "PMC7610913", True), ("7610913", "PMC7610913", True),
    ("PMCID: PMC7610913", "PMC7610913", True), ("PMC0", "PMC0", False), ("PMC", "", False), ("", "", False),
])
def test_pmcid(text: str, pmcid: str, valid: bool) -> None:
    assert ids.pmcid_from(text) == pmcid
    assert ids.is_pmcid(pmcid) is valid


@pytest.mark.parametrize(("url", "short"), [
    ("https://doi.org/gcgk7d", "10/gcgk7d"), ("https://doi.org/10/GCGK7D", "10/gcgk7d"),
    ("http://dx.doi.org/cb5f2j/", "10/cb5f2j"), ("https://doi.org/10.1001/jama.2016.17216", ""),
    ("https://example.org/gcgk7d", ""),
])
def test_short_doi(url: str, short: str) -> None:
    assert ids.short_doi(url) == short
    assert not ids.names_an_identifier(url) or not short


@pytest.mark.parametrize(("accession", "databases", "pmid"), [
    ("21085122", ["NLM"], "21085122"),  # EndNote's RIS of a PubMed record
    ("21085122", ["PubMed"], "21085122"),
    ("2005123456", ["Embase"], ""),  # Embase's accession number
    ("WOS:000282345600001", ["Web of Science"], ""),
    ("21085122", [], ""),
])
def test_an_accession_number_is_a_pmid_only_in_nlms_database(accession: str, databases: list[str],
                                                               pmid: str) -> None:
    assert ids.pubmed_accession(accession, databases) == pmid


# --- what readers make is what every output can use ---------------------------------------------------------------

def test_every_identifier_a_reader_makes_is_valid(read_articles: list[Article]) -> None:
    assert all(ids.is_doi(a.doi) for a in read_articles if a.doi)
    assert all(ids.is_pmid(a.pmid) for a in read_articles if a.pmid)
    assert all(ids.is_pmcid(a.pmcid) for a in read_articles if a.pmcid)
    assert sum(bool(a.pmid) for a in read_articles) > 10 and sum(bool(a.pmcid) for a in read_articles) > 10


def test_every_doi_link_passes_the_allow_list_and_names_the_doi(read_articles: list[Article]) -> None:
    """SICI DOIs hold "<", ">" and "[": their urls are percent-encoded and still name the DOI exactly."""
    dois = {a.doi for a in read_articles if a.doi}
    assert any("<" in d for d in dois) or not CORPUS.is_dir()
    for doi in dois:
        url = ids.doi_url(doi)
        assert safe_url(url) == url
        assert unquote(urlsplit(url).path.removeprefix("/")) == doi
        assert ids.doi_from(url) == doi


EXPORTS = {"bibtex": "x.bib", "ris": "x.ris", "csl-json": "x.json", "medline": "x.nbib"}


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_every_identifier_survives_each_export_read_back(fmt: str, read_articles: list[Article],
                                                         tmp_path: Path) -> None:
    """Each export written, then read by the site's own reader: the same DOI (case aside), PMID and PMCID.

    A MEDLINE file is PubMed's, so only articles with a PMID go in one (its reader tells the format by the PMID).
    """
    name = EXPORTS[fmt]
    with_ids = [a for a in read_articles if (a.pmid if fmt == "medline" else a.doi or a.pmid or a.pmcid)]
    assert len(with_ids) > 20
    path = tmp_path / name
    path.write_text(exported(fmt, with_ids), encoding="utf-8")
    records, problems = read_file(path, name)
    assert len(records) == len(with_ids)
    lost = []
    for article, record in zip(with_ids, records, strict=True):
        back = to_article(record)[0]
        if (back.doi.casefold(), back.pmid, back.pmcid) != (article.doi.casefold(), article.pmid, article.pmcid):
            lost.append((str(article.where), (article.doi, article.pmid, article.pmcid),
                         (back.doi, back.pmid, back.pmcid)))
    assert lost[:5] == []


# --- checking a record's identifiers: warnings with file and line -------------------------------------------------

def medline_with_doi(doi: str) -> bytes:
    return (MERGE / "adhm-medline.nbib").read_bytes().replace(ADHM_DOI.encode(), doi.encode())


def test_a_doi_with_the_titles_first_word_glued_on_is_read_without_it(tmp_path: Path) -> None:
    path = tmp_path / "adhm.nbib"
    path.write_bytes(medline_with_doi(f"{ADHM_DOI}.Nanotechnology"))  # title: "Nanotechnology-Based Strategies …"
    (record,), _ = read_file(path, "content/adhm.nbib")
    article, problems = to_article(record)
    assert article.doi == ADHM_DOI and article.id == "pubmed-7610913"
    assert [str(p) for p in problems] == [
        f"content/adhm.nbib:13: warning: the DOI '{ADHM_DOI}.Nanotechnology' has text glued on "
        f"('.Nanotechnology'); read as '{ADHM_DOI}'"]
    assert f"{ADHM_DOI}.Nanotechnology [doi]" in record.values("LID")  # the record keeps what it says


def test_a_doi_that_may_have_text_glued_on_is_kept_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "adhm.nbib"
    path.write_bytes(medline_with_doi(f"{ADHM_DOI}.Data"))
    (record,), _ = read_file(path, "content/adhm.nbib")
    article, problems = to_article(record)
    assert article.doi == f"{ADHM_DOI}.Data"
    assert [(p.level, str(p.where)) for p in problems] == [(Level.WARNING, "content/adhm.nbib:13")]
    assert "may have text glued on ('.Data')" in problems[0].message


@pytest.mark.parametrize(("replace", "kind", "message"), [
    (("PMID- 33763992", "PMID- 033763992"), "pmid", "'033763992' is not a PMID"),
    (("PMC - PMC7610913", "PMC - PMC0"), "pmcid", "'PMC0' is not a PMCID"),
    ((f"LID - {ADHM_DOI} [doi]", "LID - 10.1002 [doi]"), "doi", "'10.1002' is not a DOI"),
])
def test_an_invalid_identifier_is_reported_and_left_out(replace: tuple[str, str], kind: str, message: str,
                                                       tmp_path: Path) -> None:
    data = (MERGE / "adhm-medline.nbib").read_bytes().replace(replace[0].encode(), replace[1].encode())
    if kind == "doi":
        data = data.replace(f"AID - {ADHM_DOI} [doi]".encode(), b"AID - 10.1002 [doi]")
    path = tmp_path / "adhm.nbib"
    path.write_bytes(data)
    (record,), _ = read_file(path, "adhm.nbib")
    article, problems = to_article(record)
    assert getattr(article, kind) == ""
    assert article.id == ("pubmed-33763992" if kind == "pmcid" else "pubmed-7610913")  # made from valid values
    (problem,) = problems
    line = next(f.line for f in record.fields if any(replace[1].split("- ")[1] in v for v in f.values))
    assert str(problem.where) == f"adhm.nbib:{line}" and message in problem.message


# --- a shortDOI is a link of its own ------------------------------------------------------------------------------

def test_a_manubot_short_doi_is_a_link_labelled_short_doi(make_site, tmp_path: Path, html) -> None:
    from site_builder.build import build

    records, _ = read_file(DATA / "csl-json" / "manubot-shortdoi.json", "manubot-shortdoi.json")
    article, problems = to_article(records[0])
    assert problems == []
    assert (article.doi, article.pmid) == ("10.1001/jama.2016.17216", "27898976")
    assert [(link.label, link.url) for link in article.links] == [("shortDOI", "https://doi.org/gcgk7d")]
    site = make_site({"refs.json": (DATA / "csl-json" / "manubot-shortdoi.json").read_bytes()})
    result = build(site, tmp_path / "out")
    root = html.parse(result.output / f"articles/{article.id}.html")
    doi_links = [(href, text) for href, text in html.anchors(html.main(root)) if "doi.org" in href]
    assert doi_links == [("https://doi.org/10.1001/jama.2016.17216", "DOI 10.1001/jama.2016.17216"),
                         ("https://doi.org/gcgk7d", "shortDOI")]



def test_a_crossref_url_whose_doi_is_percent_encoded_is_no_link_of_its_own(make_site, tmp_path: Path, html) -> None:
    """Crossref's BibTeX (content negotiation, as rcrossref recorded it) writes its url with the DOI's "/", "(",
    "[" and ";" percent-encoded ("https://doi.org/10.1890%2F0012-9615%281999%29069%5B0569…"): the page showed a
    second link, "doi.org", beside the DOI's own. It is the same DOI."""
    from site_builder.build import build

    name = "crossref-transform-rcrossref.bib"
    (record,), _ = read_file(DATA / "bibtex" / name, name)
    article, _ = to_article(record)
    assert (article.doi, article.links) == ("10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2", ())
    assert ids.ids_from_urls([record.first("url")])[2] == article.doi
    result = build(make_site({name: (DATA / "bibtex" / name).read_bytes()}), tmp_path / "out")
    (page,) = (result.output / "articles").glob("*.html")
    root = html.parse(page)
    assert [text for href, text in html.anchors(html.main(root)) if "doi.org" in href] == [f"DOI {article.doi}"]

# --- merging prefers the clean value --------------------------------------------------------------------------------

def test_merge_shows_the_clean_doi_when_the_preferred_source_has_text_glued_on(make_site, tmp_path: Path,
                                                                               html) -> None:
    """The catalogue comes first, but its DOI has ".Data" glued on; MEDLINE's clean DOI is shown."""
    from site_builder.build import build

    catalogue = (MERGE / "adhm-catalogue.txt").read_bytes().replace(ADHM_DOI.encode(), f"{ADHM_DOI}.Data".encode())
    site = make_site({"adhm-catalogue.txt": catalogue, "adhm-medline.nbib": (MERGE / "adhm-medline.nbib").read_bytes()})
    result = build(site, tmp_path / "out")
    assert result.articles == 1
    messages = [str(d) for d in result.report.diagnostics]
    assert any("may have text glued on ('.Data')" in m and m.startswith("content/records/adhm-catalogue.txt:")
               for m in messages)
    conflict = next(m for m in messages if "two DOIs" in m)
    assert "(the other with text glued on)" in conflict and f"the page shows '{ADHM_DOI}'" in conflict
    page = html.parse(result.output / "articles/pubmed-7610913.html")
    assert (f"https://doi.org/{ADHM_DOI}", f"DOI {ADHM_DOI}") in html.anchors(html.main(page))


def test_merge_takes_the_valid_pmcid_of_another_source(tmp_path: Path) -> None:
    """MEDLINE's PMCID is broken ("PMC0"), so it is left out with a warning and PubMed XML's is the work's."""
    from site_builder.model.merge import merge_articles

    medline = tmp_path / "adhm.nbib"
    medline.write_bytes((MERGE / "adhm-medline.nbib").read_bytes().replace(b"PMC - PMC7610913", b"PMC - PMC0"))
    articles, problems = [], []
    for path in (medline, MERGE / "adhm-pubmed.xml"):
        (record,), _ = read_file(path, path.name)
        article, found = to_article(record)
        articles.append(article)
        problems += found
    (merged,), conflicts = merge_articles(articles)
    assert merged.pmcid == "PMC7610913" and conflicts == []
    assert [str(p.where) for p in problems] == ["adhm.nbib:67"]


def test_an_id_made_from_a_glued_doi_follows_the_clean_doi(tmp_path: Path) -> None:
    """The Manubot item without its PMID, its DOI with the title's first word glued on: id and DOI are clean."""
    text = (DATA / "csl-json" / "manubot-shortdoi.json").read_text(encoding="utf-8")
    text = text.replace('"DOI": "10.1001/jama.2016.17216"', '"DOI": "10.1001/jama.2016.17216.Development"')
    path = tmp_path / "refs.json"
    path.write_text(text.replace('    "PMID": "27898976",\n', ""), encoding="utf-8")
    (record,), _ = read_file(path, "refs.json")
    article, problems = to_article(record)
    assert (article.id, article.doi) == ("doi-10.1001/jama.2016.17216", "10.1001/jama.2016.17216")
    assert [str(p.where) for p in problems] == ["refs.json:77"]


def test_merge_keeps_a_sici_doi_whole_beside_one_cut_at_its_bracket(tmp_path: Path) -> None:
    """CiteSource's exports (GPL-3, retyped here) give one article's SICI DOI whole in one record and with spaces
    ("DO  - 10.1663/0013-0001(2003)057 [ 0262:NFPITC]2.0.CO;2") in another, which was read as the DOI up to its
    bracket (it is now read whole: identifiers.doi_field). A record that gives the DOI cut so is one work with the
    whole one, and the page shows the whole DOI: it showed the cut one, the whole taken for it with text glued on."""
    from site_builder.model.merge import merge_articles

    sici = "10.1663/0013-0001(2003)057[0262:NFPITC]2.0.CO;2"
    articles = []
    for name, doi in (("whole.ris", sici), ("cut.ris", "10.1663/0013-0001(2003)057")):
        path = tmp_path / name
        path.write_text("TY  - JOUR\nTI  - New foods for people in the Caribbean\nT2  - Economic Botany\n"
                        f"PY  - 2003\nDO  - {doi}\nER  - \n", encoding="utf-8")
        (record,), _ = read_file(path, name)
        articles.append(to_article(record)[0])
    assert [a.doi for a in articles] == [sici, "10.1663/0013-0001(2003)057"]
    assert ids.is_cut_sici(sici, "10.1663/0013-0001(2003)057")
    assert not ids.is_cut_sici("10.1038/nprot.2010.116.Data", "10.1038/nprot.2010.116")
    for order in (articles, articles[::-1]):
        (merged,), [conflict] = merge_articles(order)
        assert merged.doi == sici
        assert "two DOIs (one cut at its bracket)" in conflict.message
        assert conflict.message.endswith(f"the page shows {sici!r}")


@pytest.mark.parametrize(("field", "doi"), [
    ("10.4156/ijact.vol4.issue 11.7", "10.4156/ijact.vol4.issue11.7"),  # Scopus (ScientoPy's scopus.csv, MIT)
    ("10.1663/0013-0001(2003)057 [ 0262:NFPITC]2.0.CO;2", "10.1663/0013-0001(2003)057[0262:NFPITC]2.0.CO;2"),
    ("10.1000/xyz [doi]", "10.1000/xyz"),
    ("10.1000/xyz (Print)", "10.1000/xyz"),
    ("10.1000/xyz Epub 2020", "10.1000/xyz"),
    ("10.1000/xyz 10.1000/abc", "10.1000/xyz"),  # two DOIs, not one
    ("https://doi.org/10.1038/nature12373.", "10.1038/nature12373"),
    ("10.1038/nature12373", "10.1038/nature12373"),
])
def test_a_doi_field_is_read_whole_across_a_space_an_export_wrote_into_it(field: str, doi: str) -> None:
    """Read up to the space, Scopus's "10.4156/ijact.vol4.issue 11.7" linked another DOI, one that the issue's
    other articles would give too; what follows a DOI's space is its own only when it holds a digit and neither a
    word nor a DOI of its own."""
    assert ids.doi_field(field) == doi


def test_a_scopus_row_whose_doi_has_a_space_links_the_whole_doi(make_site, tmp_path: Path, html) -> None:
    """The row of ScientoPy's Scopus export (MIT) with "10.4156/ijact.vol4.issue 11.7", its columns retyped."""
    from site_builder.build import build

    row = ('"Authors","Title","Year","Source title","DOI","EID"\n"Ning X., Yulong S., Zhiwei Z., Jianfeng M.",'
           '"MADA: A multi application domain architecture for home network","2012","International Journal of '
           'Advancements in Computing Technology","10.4156/ijact.vol4.issue 11.7","2-s2.0-84867169170"\n')
    site = make_site({"scopus.csv": row})
    result = build(site, tmp_path / "out")
    assert [str(d) for d in result.report.diagnostics] == []
    page = html.parse(result.output / "articles/doi-10-4156-ijact-vol4-issue11-7.html")
    assert ("https://doi.org/10.4156/ijact.vol4.issue11.7", "DOI 10.4156/ijact.vol4.issue11.7") in html.anchors(
        html.main(page))
