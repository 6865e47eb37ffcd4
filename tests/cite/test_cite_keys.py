"""Citation keys: their form, ASCII only, and de-duplication that does not depend on list order."""

from __future__ import annotations

import dataclasses

from cite_samples import GROUP, MINIMAL, SEED, SEED_FULL

from site_builder.cite import citation_keys
from site_builder.cite.keys import base_key, keys_and_shared
from site_builder.model.normalize import parse_person


def test_base_keys():
    assert base_key(SEED) == "cazzato2021liver"
    assert base_key(GROUP) == "who2019ga"
    assert base_key(MINIMAL) == "anonuntitled"


def test_keys_are_ascii_from_non_ascii_names_and_skip_leading_stopwords():
    article = dataclasses.replace(
        MINIMAL, authors=(parse_person("Łukasiewicz-Müller, Jan"),), date="2020", title="The Ähnlichkeit of Things"
    )
    assert base_key(article) == "lukasiewiczmuller2020ahnlichkeit"


def test_same_article_same_key_in_any_list():
    assert citation_keys([SEED]) == {SEED.id: "cazzato2021liver"}
    assert citation_keys([GROUP, SEED])[SEED.id] == "cazzato2021liver"


def test_duplicates_get_letters_by_id_not_by_list_order():
    a, b, c = (dataclasses.replace(SEED, id=i) for i in ("pubmed-1", "pubmed-2", "pubmed-3"))
    expected = {"pubmed-1": "cazzato2021liver", "pubmed-2": "cazzato2021liverb", "pubmed-3": "cazzato2021liverc"}
    assert citation_keys([a, b, c]) == expected
    assert citation_keys([c, a, b]) == expected


def test_a_suffixed_key_never_takes_another_articles_key():
    twin = dataclasses.replace(SEED_FULL, id="pubmed-9")
    # This article's own base key is what the twin's suffixed key would have been.
    liverb = dataclasses.replace(SEED, id="pubmed-5", title="Liverb")
    keys = citation_keys([SEED, twin, liverb])
    assert len(set(keys.values())) == 3
    assert keys["pubmed-5"] == "cazzato2021liverb"
    assert keys["pubmed-9"] == "cazzato2021liverc"


def test_the_keys_other_articles_decide_are_those_whose_base_is_shared():
    """An article alone with its base key has that key whatever the others are (a rebuild keeps its pages on
    that ground: fingerprints.derived_digest covers only the shared ones)."""
    a, b = (dataclasses.replace(SEED, id=i) for i in ("pubmed-1", "pubmed-2"))
    keys, shared = keys_and_shared([("a", a), ("b", b), ("group", GROUP)])
    assert keys == {"a": "cazzato2021liver", "b": "cazzato2021liverb", "group": "who2019ga"}
    assert shared == {"a", "b"}
