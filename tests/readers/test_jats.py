"""The JATS reader: a PLOS article and a PMC efetch set, field by field; broken input; the catalogue's values."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_values import description, scripts_flattened, without_abstract_label

from site_builder.build import build
from site_builder.diagnostics import Level
from site_builder.model import languages
from site_builder.model.article import Language, Link, Person, Record
from site_builder.model.normalize import clean
from site_builder.readers import catalogue, jats

DATA = Path(__file__).resolve().parents[1] / "data" / "jats-xml"
PLOS = DATA / "journal.pntd.0001969.xml"
EFETCH = DATA / "efetch_pmc.xml"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not here")
TITLE = "front/article-meta/title-group/article-title"


def read_one(data: bytes, name: str = "a.xml") -> Record:
    records, diagnostics = jats.read_bytes(data, name)
    assert diagnostics == []
    (record,) = records
    return record


def line_of(data: bytes, needle: bytes) -> int:
    return data[:data.index(needle)].count(b"\n") + 1


def test_fields_of_a_plos_article() -> None:
    record = read_one(PLOS.read_bytes())
    assert (record.format, record.where.line) == ("jats-xml", 4)
    assert record.first("@article-type") == "research-article"
    assert record.first("@xml:lang") == "en"
    # <italic> is part of the title's text, not a field of its own.
    assert record.first(TITLE) == ("An In-Depth Analysis of a Piece of Shit: Distribution of Schistosoma mansoni "
                                   "and Hookworm Eggs in Human Stool")
    assert record.line_of(TITLE) == 53
    assert record.values(TITLE + "/italic") == ()
    assert record.values("front/article-meta/contrib-group/contrib/@contrib-type")[-1] == "editor"
    assert record.values("front/article-meta/contrib-group/contrib/name/surname")[3] == "Traoré"
    assert record.first("front/article-meta/contrib-group/contrib/@xlink:type") == "simple"
    assert record.values("front/article-meta/abstract/sec/title") == (
        "Background", "Methodology", "Principal Findings", "Conclusions/Significance")
    # The body is kept too: the record is the whole article.
    assert record.first("body/sec/title") == "Introduction"


def test_article_from_a_plos_article() -> None:
    article, diagnostics = jats.to_article(read_one(PLOS.read_bytes()))
    assert diagnostics == []
    assert article.id == "doi-10.1371/journal.pntd.0001969"  # no PMC id or PMID: the catalogue's doi- id
    assert article.title.endswith("Distribution of Schistosoma mansoni and Hookworm Eggs in Human Stool")
    assert [p.name for p in article.authors] == [
        "Krauth, Stefanie J.", "Coulibaly, Jean T.", "Knopp, Stefanie", "Traoré, Mahamadou", "N'Goran, Eliézer K.",
        "Utzinger, Jürg"]  # the editor is not an author
    assert article.authors[5] == Person("Utzinger, Jürg", "Utzinger", "Jürg")
    assert (article.journal, article.journal_abbrev) == ("PLoS Neglected Tropical Diseases", "PLoS Negl Trop Dis")
    assert article.publisher == "Public Library of Science"
    # The collection's date is the issue's; the epub beside it is PubMed's eCollection model.
    assert (article.date, article.epub_date, article.online_only) == ("2012-12", "2012-12-20", True)
    assert article.languages == (Language("English", "en", "eng"),)
    assert article.topics == ("Research Article",)
    assert (article.volume, article.issue, article.pages, article.article_number) == ("6", "12", "", "e1969")
    assert [s.label for s in article.abstract] == [  # the titles as printed
        "Background", "Methodology", "Principal Findings", "Conclusions/Significance"]
    assert article.abstract[2].text.startswith("We found no clear spatial pattern of S. mansoni and hookworm eggs")
    assert [s.label for s in article.lay_summary] == ["Author Summary"]
    assert article.lay_summary[0].text.startswith("An accurate diagnosis of parasitic worm (helminth) infections")
    assert article.rights.startswith("This is an open-access article distributed under the terms of the Creative")
    assert article.licence_url == ""
    assert article.links == ()  # pages link the DOI from the identifier


def test_article_from_a_pmc_articleset() -> None:
    data = EFETCH.read_bytes()
    record = read_one(data)
    assert record.where.line == 3
    assert record.first("front/article-meta/permissions/license/ali:license_ref/@specific-use") == "textmining"
    assert record.first("front/article-meta/related-article/@xlink:href") == "10.1183/23120541.00193-2021"
    # An attribute of inline markup inside text is still kept.
    assert record.first("front/article-meta/permissions/license/license-p/ext-link/@xlink:href") == (
        "mailto:permissions@ersnet.org")
    article, diagnostics = jats.to_article(record)
    assert diagnostics == []
    assert article.id == "pubmed-8435807"
    assert (article.pmid, article.pmcid, article.doi) == ("34527728", "PMC8435807", "10.1183/23120541.50193-2021")
    assert article.title.startswith("“Lung diffusing capacity for nitric oxide")
    assert article.title.endswith("ERJ Open Res 2021; 7: 00193-2021.")
    assert article.authors == ()
    assert (article.journal, article.journal_abbrev) == ("ERJ Open Research", "ERJ Open Res")
    assert article.publisher == "European Respiratory Society"
    # PubMed: "ERJ Open Res. 2021 Sep 13;7(3):50193-2021. … eCollection 2021 Jul." (PMID 34527728)
    assert (article.date, article.epub_date, article.online_only) == ("2021-07", "2021-09-13", True)
    assert article.topics == ("Author Correction",)
    assert article.abstract == article.lay_summary == ()
    assert article.licence_url == "https://creativecommons.org/licenses/by-nc/4.0/"
    # Two statements, each a sentence of its own: not run together ("…2021 This version…")
    assert article.rights == ("Copyright ©The authors 2021\nThis version is distributed under the terms of the "
                              "Creative Commons Attribution Non-Commercial Licence 4.0. For commercial reproduction "
                              "rights and permissions contact permissions@ersnet.org")
    assert article.links == ()


def test_orcid_from_contrib_id() -> None:
    """The real article with an ORCID added to its first author, as PMC writes one."""
    data = PLOS.read_bytes().replace(
        b"<surname>Krauth</surname>\n            <given-names>Stefanie J.</given-names>\n          </name>",
        b"<surname>Krauth</surname>\n            <given-names>Stefanie J.</given-names>\n          </name>\n"
        b'          <contrib-id contrib-id-type="orcid" authenticated="true">https://orcid.org/0000-0002-1825-0097'
        b"</contrib-id>", 1)
    article, _ = jats.to_article(read_one(data))
    assert article.authors[0].orcid == "0000-0002-1825-0097"
    assert article.authors[1].orcid == ""


def test_footnote_marker_is_kept_apart_from_the_title() -> None:
    data = PLOS.read_bytes().replace(b"in Human Stool</article-title>",
                                     b'in Human Stool<xref ref-type="fn" rid="fn1">*</xref></article-title>', 1)
    record = read_one(data)
    assert record.first(TITLE).endswith("in Human Stool")
    assert record.first(TITLE + "/xref") == "*"
    assert record.first(TITLE + "/xref/@rid") == "fn1"
    assert jats.to_article(record)[0].title.endswith("in Human Stool")


def test_a_set_with_one_broken_article_keeps_the_other() -> None:
    data = EFETCH.read_bytes()
    start, end = data.index(b"<article "), data.index(b"</article>") + len(b"</article>")
    broken = data[start:end].replace(b"</volume>", b"</volum>", 1)
    data = data[:start] + broken + b"\n" + data[start:]
    records, diagnostics = jats.read_bytes(data, "set.xml")
    assert len(records) == 1
    assert records[0].where.line == line_of(data, b"\n<article ") + 1
    assert jats.to_article(records[0])[0].id == "pubmed-8435807"
    (problem,) = diagnostics
    assert problem.level is Level.ERROR
    assert problem.where.line == line_of(data, b"</volum>")
    assert f"set.xml:{problem.where.line}: error: not well-formed XML" in str(problem)


def test_a_broken_single_article_gives_an_error_with_its_line() -> None:
    data = PLOS.read_bytes()
    data = data[:data.index(b"<abstract abstract-type")] + b"<p>unclosed"
    records, diagnostics = jats.read_bytes(data, "cut.xml")
    assert records == []
    assert [d.level for d in diagnostics] == [Level.ERROR]
    assert diagnostics[0].where.line >= line_of(data, b"<p>unclosed")


def test_unsafe_licence_link_is_left_out_with_a_warning() -> None:
    data = EFETCH.read_bytes().replace(b"https://creativecommons.org/licenses/by-nc/4.0/", b"javascript:alert(1)")
    article, diagnostics = jats.to_article(read_one(data))
    assert article.licence_url == ""
    assert [d.message for d in diagnostics] == ["licence link 'javascript:alert(1)' is not an http(s) url; left out"]


def test_sniff() -> None:
    assert jats.sniff(PLOS.read_text("utf-8")[:600])
    assert jats.sniff(EFETCH.read_text("utf-8")[:300])
    assert not jats.sniff("<!DOCTYPE article PUBLIC 'x' 'y'>")  # a DOCTYPE alone is no article yet
    assert not jats.sniff("<PubmedArticleSet><PubmedArticle>")


@needs_corpus
def test_same_work_same_values_as_the_catalogue_dump() -> None:
    """Every JATS file of the corpus gives the values its catalogue dump (made from it) shows."""
    dump = {}
    for path in sorted((CORPUS / "catalogue-dump").glob("0016[3-5]*.txt")):  # 001638-001656 are the JATS ones
        for rec in catalogue.read(path.read_bytes().decode("utf-8"), path.name)[0]:
            dump[rec.first("id")] = rec
    files = sorted((CORPUS / "jats-xml").glob("*/*.*ml"))
    links = {}
    assert len(files) == 19
    for path in files:
        article, _ = jats.to_article(read_one(path.read_bytes(), path.name))
        seen = dump[article.id]
        assert scripts_flattened(article.title) == clean(seen.first("title"))
        assert [p.name for p in article.authors] == [clean(a) for a in seen.values("author")]
        assert article.topics == seen.values("topic")
        assert article.languages == languages.parse(seen.values("language"))
        assert article.publisher == clean(seen.first("publisher"))
        # The dump dates a work by its epub date first and names the journal by its NLM abbreviation
        # (tools/pubmed_to_dump.py): the fields the site keeps apart.
        assert (article.epub_date or article.date)[:4] == seen.first("publishDate")
        assert f" {article.journal_abbrev or article.journal} " in clean(seen.first("spelling"))
        # The catalogue keeps the abstracts in file order; the lay summary may come before or after.
        expected = without_abstract_label(clean(seen.first("description"))).casefold()
        assert expected in (scripts_flattened(description(article.abstract + article.lay_summary)).casefold(),
                            scripts_flattened(description(article.lay_summary + article.abstract)).casefold())
        links[path.name] = article.links
    # A self-uri that is a web page is a link; a file name or an info:doi uri is not.
    assert links["1471-2180-11-174.nxml"] == (
        Link("www.biomedcentral.com", "http://www.biomedcentral.com/1471-2180/11/174"),)
    assert links["journal.ppat.1005207.xml"] == links["mds526.nxml"] == ()


def test_keywords_inside_the_abstract_are_keywords_not_abstract_text() -> None:
    """PMC's XML of Frontiers in Plant Science 2024;15:1342662 keeps the keywords in a <sec sec-type="kwd-group">
    of the abstract; the page once ended the abstract with "… challenge study. Keywords: MucoRice, …"."""
    article, problems = jats.to_article(read_one((DATA / "pmc10978600-front.xml").read_bytes()))
    assert problems == []
    assert article.keywords == ("MucoRice", "rice-based vaccine", "cholera", "oral vaccine", "vaccine development")
    assert len(article.abstract) == 1
    assert article.abstract[0].text.endswith("including a V. cholerae challenge study.")
    assert (article.pmid, article.pmcid, article.doi) == ("38559768", "PMC10978600", "10.3389/fpls.2024.1342662")
    assert (article.date, article.volume, article.pages) == ("2024-03-15", "15", "1342662")


def test_the_page_shows_each_rights_statement_on_a_line_of_its_own(make_site, html, tmp_path: Path) -> None:
    """PMC's "Copyright ©The authors 2021" and its licence's "This version is distributed…" (PMC8435807)."""
    site = make_site({"pmc.xml": EFETCH.read_bytes()})
    build(site, tmp_path / "out")
    page = next(p for p in (tmp_path / "out" / "articles").glob("*.html")
                if "Lung diffusing capacity" in html.text(html.parse(p).find(".//h1")))
    rights = html.parse(page).find(".//section[@class='rights']/p")
    lines = [rights.text or "", *((br.tail or "") for br in rights.iter("br"))]
    assert [line.strip() for line in lines][:2] == [
        "Copyright ©The authors 2021",
        "This version is distributed under the terms of the Creative Commons Attribution Non-Commercial Licence "
        "4.0. For commercial reproduction rights and permissions contact permissions@ersnet.org"]


def test_a_graphical_abstract_given_as_a_trans_abstract_is_no_french_abstract(make_site, html, tmp_path: Path) -> None:
    """PMC's XML of Exp Hematol Oncol 2025;14:101 (BioMed Central) gives its graphical abstract as
    ``<trans-abstract xml:lang="fr"><title>Graphical Abstract</title><p>Created in BioRender.com</p>…``; the page
    once showed it as the article's "Abstract in French"."""
    data = (DATA / "bmc-s40164-025-00691-y-front.xml").read_bytes()
    article, problems = jats.to_article(read_one(data))
    assert problems == []
    assert article.other_abstracts == ()
    assert [s.label for s in article.abstract] == [""]
    assert article.abstract[0].text.startswith("Collagen in the tumor microenvironment plays diverse biological")
    assert (article.date, article.epub_date, article.volume, article.pages, article.article_number) == (
        "2025", "2025-07-29", "14", "", "101")
    site = make_site({"bmc.xml": data})
    build(site, tmp_path / "out")
    page = html.parse(next((tmp_path / "out" / "articles").glob("*.html")))
    headings = [html.text(h) for h in page.iter("h2")]
    assert "Abstract" in headings and not any("French" in h for h in headings)
    assert not [e for e in page.iter() if e.get("lang") == "fr"]


def test_a_corrections_citation_keeps_the_doi_it_ends_with(make_site, html, tmp_path: Path) -> None:
    """Frontiers' correction (PMC12634591) cites the corrected article as "… 16:1616414. doi: <object-id>10.3389/
    fimmu.2025.1616414</object-id>"; the page once cut the citation after "doi:"."""
    data = (DATA / "frontiers-pmc12634591-correction.xml").read_bytes()
    article, problems = jats.to_article(read_one(data))
    assert problems == []
    (notice,) = article.notices
    assert (notice.kind, notice.doi) == ("ErratumFor", "10.3389/fimmu.2025.1616414")
    assert " ".join(notice.citation.split()) == (  # its spaces are no-break ones
        "A Correction on Emerging strategies in colorectal cancer immunotherapy: enhancing efficacy and survival "
        "By Zhang Y, Guan H, Feng X, Liu M, Shao J, Liu M, He J, Jin Y, Zhu J and Zheng C (2025) Front. Immunol. "
        "16:1616414. doi: 10.3389/fimmu.2025.1616414")
    site = make_site({"correction.xml": data})
    build(site, tmp_path / "out")
    page = html.parse(next((tmp_path / "out" / "articles").glob("*.html")))
    (item,) = page.findall(".//section[@class='notices']/ul/li")
    assert "16:1616414. doi: 10.3389/fimmu.2025.1616414" in html.text(item)


def test_the_items_of_a_list_inside_a_paragraph_do_not_run_together(make_site, html, tmp_path: Path) -> None:
    """Wiley's "Key Points" in PMC (Clin Obes 2026;16(4):e70089, PMC13250963) are lists inside paragraphs
    (``<p>What is already known about this subject <list><list-item><label>○</label><p>…</p></list-item>…``),
    with no white space between the items; the page once read "… mild condition.○Epicardial adipose …"."""
    data = (DATA / "wiley-pmc13250963-front.xml").read_bytes()
    article, problems = jats.to_article(read_one(data))
    assert problems == []
    key_points = next(s for s in article.abstract if s.label == "Key Points")
    assert key_points.text.startswith(
        "What is already known about this subject ○ Excess adipose tissue (body fat) contributes to a state of "
        "chronic low‐grade inflammation, a persistent but mild condition. ○ Epicardial adipose tissue")
    assert "infectious respiratory diseases. ○ Individuals with obesity" in key_points.text
    assert "associated with mortality. ○ Using computed tomography (CT)" in key_points.text
    site = make_site({"wiley.xml": data})
    build(site, tmp_path / "out")
    page = html.parse(next((tmp_path / "out" / "articles").glob("*.html")))
    text = html.text(page.find(".//section[@class='abstract']"))
    assert "mild condition. ○ Epicardial adipose tissue" in text and "condition.○" not in text


PLAIN_LANGUAGE_SUMMARY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<article xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'article-type="research-article"><front><journal-meta><journal-title-group><journal-title>Basic &amp; '
    b'Clinical Pharmacology &amp; Toxicology</journal-title></journal-title-group></journal-meta><article-meta>'
    b'<article-id pub-id-type="doi">10.1111/bcpt.70261</article-id><title-group><article-title>Effects of two '
    b'coxibs on tramadol</article-title></title-group><pub-date><day>10</day><month>6</month><year>2026</year>'
    b'</pub-date><volume>139</volume><issue>1</issue><fpage>e70261</fpage>'
    b'<abstract id="abstract1"><title>ABSTRACT</title><p>What the crossover study measured and found.</p>'
    b'</abstract><abstract id="bcpt70261-abs-5002" abstract-type="plain-language-summary"><title>Summary</title>'
    b'<p>What the study means, in plain words.</p></abstract></article-meta></front></article>\n')
"""The shape of PMC's XML of Basic Clin Pharmacol Toxicol 2026;139(1):e70261 (Wiley, PMC13254492, in
pyEuropePMC's benchmark files): an abstract titled "ABSTRACT", then a plain-language summary titled only
"Summary". The article is CC BY-NC-ND, so its words are not copied: these stand in for them."""


def test_a_plain_language_summary_is_the_lay_summary_whatever_its_title(make_site, html, tmp_path: Path) -> None:
    """``<abstract abstract-type="plain-language-summary">`` titled only "Summary" (PMC13254492's shape): the page
    once showed it as a part of the abstract, "Summary", instead of the article's plain-language summary."""
    article, problems = jats.to_article(read_one(PLAIN_LANGUAGE_SUMMARY))
    assert problems == []
    assert [s.label for s in article.abstract] == [""]
    assert article.abstract[0].text == "What the crossover study measured and found."
    assert [s.label for s in article.lay_summary] == ["Summary"]  # its title as printed
    assert article.lay_summary[0].text == "What the study means, in plain words."
    site = make_site({"wiley.xml": PLAIN_LANGUAGE_SUMMARY})
    build(site, tmp_path / "out")
    page = html.parse(next((tmp_path / "out" / "articles").glob("*.html")))
    assert "in plain words" in html.text(page.find(".//section[@class='lay-summary']"))
    assert "in plain words" not in html.text(page.find(".//section[@class='abstract']"))


KRAUTH = (b'<name name-style="western">\n            <surname>Krauth</surname>\n'
          b"            <given-names>Stefanie J.</given-names>\n          </name>")


@pytest.mark.parametrize("string_name", [
    # its parts alone, as bioRxiv and J-STAGE tag a contributor's string-name
    b"<string-name><surname>Krauth</surname><given-names>Stefanie J.</given-names></string-name>",
    b"<string-name>\n  <given-names>Stefanie J.</given-names>\n  <surname>Krauth</surname>\n</string-name>",
    # text between the parts
    b"<string-name><surname>Krauth</surname>, <given-names>Stefanie J.</given-names></string-name>",
])
def test_a_string_name_with_its_parts_tagged_is_an_author(string_name: bytes) -> None:
    """The real article with its first author written as a string-name whose parts are tagged: the author was
    left out of the byline (the string-name has no text of its own, or only the comma between its parts)."""
    data = PLOS.read_bytes().replace(KRAUTH, string_name, 1)
    article, _ = jats.to_article(read_one(data))
    assert article.authors[0] == Person(name="Krauth, Stefanie J.", family="Krauth", given="Stefanie J.")
    assert [p.family for p in article.authors[1:]] == ["Coulibaly", "Knopp", "Traoré", "N'Goran", "Utzinger"]


def test_an_eastern_name_in_its_own_script_is_shown_family_name_first(make_site, html, tmp_path: Path) -> None:
    """The real article with its first author's name in Chinese characters, as JATS tags an eastern name (a
    Chinese journal's article in PMC): 王小明, family name first, on the page, not "小明 王"."""
    eastern = (b'<name name-style="eastern" xml:lang="zh"><surname>\xe7\x8e\x8b</surname>'
               b"<given-names>\xe5\xb0\x8f\xe6\x98\x8e</given-names></name>")
    site = make_site({"plos.xml": PLOS.read_bytes().replace(KRAUTH, eastern, 1)})
    build(site, tmp_path / "out")
    (page,) = (tmp_path / "out" / "articles").glob("*.html")
    text = html.text(html.parse(page))
    assert "王小明, Jean T. Coulibaly" in text  # the byline
    assert "王小明, Coulibaly JT, Knopp S" in text  # the Vancouver citation, not "王 小明"
    assert "小明 王" not in text and "王 小明" not in text


# The shape of Redalyc's JATS (JATS4R's sample 63543879003.xml, an article of Anales de Documentación, 2016): the
# article's only id is Redalyc's own number. Retyped with made-up words: the sample is CC BY-NC and unlicensed.
REDALYC_SHAPE = b"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.1d3" specific-use="MarcALyC 1.1"
 article-type="research-article" xml:lang="es">
<front>
<journal-meta>
<journal-id journal-id-type="MarcALyC 1.1">999</journal-id>
<journal-title-group><journal-title specific-use="original" xml:lang="es">Revista de Ejemplo</journal-title>
</journal-title-group>
<issn pub-type="ppub">0000-0000</issn>
</journal-meta>
<article-meta>
<article-id pub-id-type="art-access-id" specific-use="redalyc">99999999001</article-id>
<title-group><article-title xml:lang="es">Un estudio de ejemplo sobre mapas</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name name-style="western"><surname>Rivera</surname>
<given-names>Ana</given-names></name></contrib></contrib-group>
<pub-date pub-type="epub-ppub"><season>Enero-Junio</season><year>2016</year></pub-date>
<volume>19</volume><issue>1</issue><fpage>1</fpage><lpage>18</lpage>
</article-meta>
</front>
</article>
"""


def test_an_article_without_pmid_pmc_or_doi_has_its_page(make_site, tmp_path: Path) -> None:
    """Redalyc's article has no PMID, PMC id or DOI: the build said "error: … the article cannot be given a page"
    while it gave it one, named by its title; its page is named by Redalyc's number now, and nothing is wrong."""
    article, problems = jats.to_article(read_one(REDALYC_SHAPE))
    assert problems == []
    assert article.id == "jats-99999999001"
    result = build(make_site({"redalyc.xml": REDALYC_SHAPE}), tmp_path / "out")
    assert (result.report.errors, result.report.warnings) == (0, 0)
    assert (tmp_path / "out" / "articles" / "jats-99999999001.html").is_file()


def test_a_translated_title_is_shown_under_the_title_in_its_language(make_site, html, tmp_path: Path) -> None:
    """SciELO's Rev Saude Publica 2014;48(2):206-15 gives its Portuguese title as ``<trans-title-group
    xml:lang="pt"><trans-title>`` beside the English article-title: only the full record showed it. The page says
    it under the title, marked Portuguese; an article without one (PLOS's) shows no such line."""
    site = make_site({"scielo.xml": (DATA / "scielo-rsp-48-2-0206-front.xml").read_bytes(),
                      "plos.xml": PLOS.read_bytes()})
    build(site, tmp_path / "out")
    pages = {html.text(html.parse(p).find(".//h1"))[:20]: html.main(html.parse(p))
             for p in (tmp_path / "out" / "articles").glob("*.html")}
    (translated,) = [p for p in pages["HIV/AIDS knowledge a"].iter("p") if p.get("class") == "translated-title"]
    assert html.text(translated) == ("Translated title: Conhecimento de HIV/Aids entre homens que fazem sexo com "
                                     "homens: teoria de resposta ao item")
    assert [s.get("lang") for s in translated.iter("span")] == ["pt"]
    assert len(pages) == 2 and not [p for main in pages.values() for p in main.iter("p")
                                    if p.get("class") == "translated-title" and p is not translated]


# The shape of an interview in Yale J Biol Med 2019;92(1) as PMC gives it (PMC6430167): a subtitle beside the
# article-title in the title group. Retyped with made-up words and an italic of their own: the file found
# (petermr/optogenetics, first200/PMC6430167/fulltext.xml) is unlicensed and the article CC BY-NC-ND.
SUBTITLED_SHAPE = b"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
<front>
<journal-meta><journal-title-group><journal-title>Journal of Examples</journal-title></journal-title-group>
</journal-meta>
<article-meta>
<article-id pub-id-type="pmid">99999991</article-id>
<title-group><article-title>Looking Closely at How Cells Divide</article-title><subtitle>A Conversation about
<italic>Saccharomyces</italic> with a Yeast Biologist</subtitle></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Rivera</surname><given-names>Ana</given-names></name>
</contrib></contrib-group>
<pub-date pub-type="epub"><day>25</day><month>3</month><year>2019</year></pub-date>
<volume>92</volume><issue>1</issue><fpage>145</fpage><lpage>149</lpage>
</article-meta>
</front>
</article>
"""


def test_a_subtitle_is_part_of_the_title(make_site, html, tmp_path: Path) -> None:
    """PMC's JATS of an interview gives "An Interview with …" as the ``<subtitle>`` of its title group: the page
    showed the article-title alone and the subtitle only in the full record. The title is now "Title: subtitle",
    as every other reader joins a subtitle, with the subtitle's italic where the subtitle has it."""
    article, _ = jats.to_article(read_one(SUBTITLED_SHAPE))
    assert article.title == ("Looking Closely at How Cells Divide: A Conversation about Saccharomyces with a Yeast "
                             "Biologist")
    build(make_site({"interview.xml": SUBTITLED_SHAPE}), tmp_path / "out")
    heading = html.parse(tmp_path / "out" / "articles" / "pubmed-99999991.html").find(".//h1")
    assert html.text(heading) == article.title
    assert [html.text(i) for i in heading.iter("i")] == ["Saccharomyces"]
