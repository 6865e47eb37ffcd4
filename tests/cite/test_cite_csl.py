"""CSL-JSON items: the values, what is left out, and validity against the official schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from cite_samples import ALL, GROUP, MINIMAL, SEED, SEED_FULL
from exports_as_built import exported

from site_builder.cite import to_csl_json


def test_seed_item():
    item = to_csl_json(SEED)
    assert item["id"] == "pubmed-8699378"
    assert item["type"] == "article-journal"
    assert item["title"] == SEED.title
    assert item["author"][:2] == [
        {"family": "Cazzato", "given": "Roberto Luigi"},
        {"family": "Hubelé", "given": "Fabrice"},
    ]
    assert len(item["author"]) == 13
    assert item["issued"] == {"date-parts": [[2021, 12, 19]]}
    # The catalogue dump gives one form of the journal (NLM's abbreviation) and no short form apart.
    assert item["container-title"] == "Cancers (Basel)" and "container-title-short" not in item
    assert (item["DOI"], item["PMID"], item["PMCID"]) == ("10.3390/cancers13246368", "34944988", "PMC8699378")
    assert item["URL"] == "https://doi.org/10.3390/cancers13246368"
    assert item["language"] == "en"
    assert item["publisher"] == "MDPI"
    assert item["abstract"].startswith("SIMPLE SUMMARY: Approximately")
    # The catalogue dump has no volume, issue or pages: the keys are absent, not "".
    assert not {"volume", "issue", "page", "keyword"} & item.keys()


def test_volume_issue_pages_and_keywords_when_known():
    item = to_csl_json(SEED_FULL)
    assert (item["volume"], item["issue"], item["page"]) == ("13", "24", "6368")
    assert item["keyword"] == "liver, neuroendocrine"


def test_group_author_is_literal_and_names_keep_their_letters():
    item = to_csl_json(GROUP)
    assert item["author"][0] == {"literal": "WHO Collaborating Group on Liver Imaging"}
    assert item["author"][1:] == [
        {"family": "Nowak", "given": "Łukasz"},
        {"family": "Müller-Lüdenscheidt", "given": "Jörg"},
        {"family": "王", "given": "小明"},
    ]
    assert item["issued"] == {"date-parts": [[2019, 3]]}
    assert item["language"] == "de"
    assert "PMID" not in item and "PMCID" not in item


def test_minimal_item_has_only_what_is_known():
    assert to_csl_json(MINIMAL) == {"id": "note-1", "type": "article-journal", "title": "Untitled note"}


def test_every_item_is_valid_csl_json(any_article, csl_schema):
    jsonschema.Draft7Validator(csl_schema).validate([to_csl_json(any_article)])


def test_schema_check_can_fail(csl_schema):
    # Guard against a schema that accepts anything: a list keyword and an unknown key are both invalid CSL-JSON.
    bad = {**to_csl_json(SEED_FULL), "keyword": ["liver"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([bad], csl_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**to_csl_json(SEED), "journal": "x"}], csl_schema)


def test_csl_json_text_round_trip(csl_schema):
    text = exported("csl-json", ALL)
    assert "Hubelé" in text and "Łukasz" in text  # UTF-8, not \u escapes
    items = json.loads(text)
    jsonschema.Draft7Validator(csl_schema).validate(items)
    assert items == [to_csl_json(a) for a in ALL]
    first = items[0]
    assert first["title"] == SEED.title
    assert [a["family"] for a in first["author"]] == [p.family for p in SEED.authors]
    assert first["issued"]["date-parts"][0][0] == 2021
    assert first["container-title"] == "Cancers (Basel)"
