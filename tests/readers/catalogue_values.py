"""How the catalogue dump writes an abstract, for tests comparing a source's article with its dump."""

from __future__ import annotations

import re

from site_builder.model.article import Section


def description(sections: tuple[Section, ...]) -> str:
    """The abstract as the catalogue writes it in one paragraph."""
    return " ".join(f"{s.label}: {s.text}" if s.label and s.text else s.label + ":" if s.label else s.text
                    for s in sections)


def without_abstract_label(text: str) -> str:
    """The catalogue's "ABSTRACT:" names the abstract itself (after a lay summary); articles drop that label."""
    return re.sub(r"(^| )ABSTRACT: ", r"\1", text)
