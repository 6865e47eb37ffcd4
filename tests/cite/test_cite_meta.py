"""Head metadata: Highwire tags, JSON-LD and Open Graph, read back from a page as a crawler reads it."""

from __future__ import annotations

import json
from html import escape

import extruct
import lxml.html
from cite_samples import GROUP, HOSTILE, MINIMAL, SEED, SEED_AUTHORS, SEED_FULL

from site_builder.cite import highwire_meta, json_ld, opengraph
from site_builder.model.article import Article, Section

URL = "https://example.org/site/articles/pubmed-8699378.html"


def head_html(article: Article, url: str = URL) -> str:
    """A page head as a template with autoescape would write it."""
    meta = "".join(f'<meta name="{n}" content="{escape(c)}">\n' for n, c in highwire_meta(article, url))
    meta += "".join(f'<meta property="{p}" content="{escape(c)}">\n' for p, c in opengraph(article, url))
    return (
        f"<!DOCTYPE html><html><head><title>{escape(article.title)}</title>\n{meta}"
        f'<script type="application/ld+json">{json_ld(article, url)}</script>\n</head>'
        "<body><p>body</p></body></html>"
    )


def test_highwire_tags_for_the_seed():
    tags = highwire_meta(SEED_FULL, URL)
    names = [n for n, _ in tags]
    assert tags[0] == ("citation_title", SEED.title)
    assert [c for n, c in tags if n == "citation_author"] == list(SEED_AUTHORS)
    assert dict(tags)["citation_publication_date"] == "2021/12/19"
    assert dict(tags)["citation_journal_title"] == "Cancers (Basel)"
    assert (dict(tags)["citation_volume"], dict(tags)["citation_issue"]) == ("13", "24")
    assert dict(tags)["citation_firstpage"] == "6368" and "citation_lastpage" not in names
    assert (dict(tags)["citation_doi"], dict(tags)["citation_pmid"]) == (SEED.doi, SEED.pmid)
    assert dict(tags)["citation_abstract_html_url"] == URL
    assert dict(tags)["citation_language"] == "en"
    assert dict(tags)["citation_keywords"] == "liver; neuroendocrine"
    assert dict(tags)["citation_publisher"] == "MDPI"


def test_highwire_tags_leave_out_what_is_unknown():
    assert highwire_meta(MINIMAL, URL) == [("citation_title", "Untitled note"), ("citation_abstract_html_url", URL)]
    tags = dict(highwire_meta(GROUP, URL))
    assert tags["citation_publication_date"] == "2019/03"
    assert (tags["citation_firstpage"], tags["citation_lastpage"]) == ("316", "322")
    assert "citation_volume" not in dict(highwire_meta(SEED, URL))


def test_highwire_read_back_from_html():
    page = lxml.html.fromstring(head_html(GROUP))
    authors = page.xpath("//meta[@name='citation_author']/@content")
    assert authors == [
        "WHO Collaborating Group on Liver Imaging",
        "Nowak, Łukasz",
        "Müller-Lüdenscheidt, Jörg",
        "王, 小明",
    ]
    assert page.xpath("//meta[@name='citation_title']/@content") == [GROUP.title]


def test_json_ld_read_back_with_extruct():
    data = extruct.extract(head_html(SEED_FULL), base_url=URL, syntaxes=["json-ld"])
    (article,) = data["json-ld"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == SEED.title and "name" not in article and "abstract" not in article
    assert len(article["author"]) == len(SEED_AUTHORS)
    assert article["author"][1] == {"@type": "Person", "name": "Fabrice Hubelé"}
    assert article["datePublished"] == "2021-12-19"
    issue = article["isPartOf"]
    assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", "24")
    assert issue["isPartOf"]["volumeNumber"] == "13"
    assert issue["isPartOf"]["isPartOf"] == {"@type": "Periodical", "name": "Cancers (Basel)"}
    ids = {i["propertyID"]: i["value"] for i in article["identifier"]}
    assert ids == {"DOI": SEED.doi, "PMID": SEED.pmid, "PMCID": SEED.pmcid}
    assert "https://doi.org/10.3390/cancers13246368" in article["sameAs"]
    assert article["pageStart"] == "6368"


def test_json_ld_group_author_and_plain_journal():
    data = extruct.extract(head_html(SEED), base_url=URL, syntaxes=["json-ld"])
    assert data["json-ld"][0]["isPartOf"] == {"@type": "Periodical", "name": "Cancers (Basel)"}
    (group,) = extruct.extract(head_html(GROUP), base_url=URL, syntaxes=["json-ld"])["json-ld"]
    assert group["author"][0] == {"@type": "Organization", "name": "WHO Collaborating Group on Liver Imaging"}
    assert group["datePublished"] == "2019-03"


def test_json_ld_is_safe_inside_a_script_element():
    text = json_ld(HOSTILE, URL + "?a=1&b=<2>")
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["headline"] == HOSTILE.title
    assert data["url"] == URL + "?a=1&b=<2>"
    # And a page that embeds it still has one script element, read back whole.
    (article,) = extruct.extract(head_html(HOSTILE), base_url=URL, syntaxes=["json-ld"])["json-ld"]
    assert article["author"][0]["name"] == "Group <b>bold</b>"


def test_opengraph_read_back_with_extruct_in_order():
    data = extruct.extract(head_html(SEED_FULL), base_url=URL, syntaxes=["opengraph"], uniform=False)
    (graph,) = data["opengraph"]
    props = graph["properties"]
    assert ("og:title", SEED.title) in props
    assert ("og:type", "article") in props and ("og:url", URL) in props
    assert ("article:published_time", "2021-12-19") in props
    # No article:author: Open Graph wants profile URLs there, and the Highwire tags name every author.
    assert not [v for k, v in props if k == "article:author"]
    description = dict(props)["og:description"]
    assert description.startswith("Approximately 80%")  # the lay summary comes first


def test_opengraph_description_is_cut_at_a_word():
    article = Article(id="x", title="T", lay_summary=(Section("", "word " * 200),))
    description = dict(opengraph(article, URL))["og:description"]
    assert len(description) <= 300 and description.endswith("word…")
