"""The download files of a list of articles, made as the build makes them (cite.exports.export_text)."""

from __future__ import annotations

from collections.abc import Iterable

from site_builder.cite.exports import export_text
from site_builder.cite.keys import keyed_citation_keys
from site_builder.model.article import Article


def exported(fmt: str, articles: Iterable[Article]) -> str:
    """The ``fmt`` file ("bibtex", "ris", "medline", "csl-json") of ``articles`` in the order given, each under
    its de-duplicated citation key, as if each were an article of its own in the site's library."""
    keyed = [(f"{article.id}\x00{n}", article) for n, article in enumerate(articles)]  # by id, as the library
    keys = keyed_citation_keys(keyed)
    return export_text(fmt, tuple((keys[n], article) for n, article in keyed))
