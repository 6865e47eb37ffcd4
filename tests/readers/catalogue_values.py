"""How the catalogue dump writes an abstract, for tests comparing a source's article with its dump."""

from __future__ import annotations

import re
import unicodedata

from site_builder.model.article import Section


def description(sections: tuple[Section, ...]) -> str:
    """The abstract as the catalogue writes it in one paragraph."""
    return " ".join(f"{s.label}: {s.text}" if s.label and s.text else s.label + ":" if s.label else s.text
                    for s in sections)


def without_abstract_label(text: str) -> str:
    """The catalogue's "ABSTRACT:" names the abstract itself (after a lay summary), and PubMed's "UNLABELLED:" the
    text before its first label; articles drop those labels."""
    return re.sub(r"(^| )(?:ABSTRACT|UNLABELLED): ", r"\1", text)


def section_joins_folded(text: str) -> str:
    """The text with the white space next to each space folded into it. A page keeps PubMed's no-break spaces
    as the record gives them ("knowledge gaps regarding\u00a0 mosquito-microbe", PMID 8132434) and trims them
    where a section ends; the dump moves or drops those beside a space. A typographic space between two
    non-spaces ("20\u2009000") is kept and compared."""
    return re.sub(r"\s* \s*", " ", text)


def scripts_flattened(text: str) -> str:
    """The text with raised and lowered characters as the dump writes them: tools/pubmed_to_dump.py drops the
    <sup> and <sub> around their text ("I<sup>2</sup>" → "I2"), where a page keeps them raised ("I²")."""
    def flat(char: str) -> str:
        parts = unicodedata.decomposition(char).split()
        return chr(int(parts[1], 16)) if len(parts) == 2 and parts[0] in ("<super>", "<sub>") else char
    return "".join(map(flat, text)) if not text.isascii() else text
