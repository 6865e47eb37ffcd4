#!/usr/bin/env python3
"""Survey: do the readers make of a record what Zotero's import translators make of it?

Zotero's translators (github.com/zotero/translators) carry test cases: real records of each format with the items
Zotero imports from them. This reads each import case's input with site-builder's own readers and sets the
articles beside Zotero's items, field by field: title, authors' family and given names, volume, issue, pages, DOI,
date and journal. A difference is a lead, not a verdict: Zotero normalises where a page must show what the record
says (it adds periods to initials, expands "132-42" to "132-142"), so each one is read by a person. The
translators are AGPL: their inputs are read where they lie and never copied into this repository.

    git clone https://github.com/zotero/translators /tmp/translators
    .venv/bin/python tools/zotero_oracle.py /tmp/translators "RIS.js" "BibTeX.js" "MEDLINEnbib.js" "OVID Tagged.js"

Prints, for each case that differs, the translator and case number, the problems the readers reported, and each
field that differs as (field, Zotero's value, ours).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from site_builder.model.article import Article  # noqa: E402
from site_builder.readers import read_data, to_article  # noqa: E402

SUFFIXES = {"RIS.js": ".ris", "BibTeX.js": ".bib", "Endnote XML.js": ".xml", "PubMed XML.js": ".xml",
            "MEDLINEnbib.js": ".nbib", "CSL JSON.js": ".json", "ReferBibIX.js": ".enw", "OVID Tagged.js": ".txt",
            "RefWorks Tagged.js": ".txt", "Web of Science Tagged.js": ".txt", "MODS.js": ".xml",
            "MARCXML.js": ".xml"}
_CASES = re.compile(r"/\*\* BEGIN TEST CASES \*\*/\s*var testCases = (\[.*\])\s*;?\s*/\*\* END TEST CASES \*\*/", re.S)


def import_cases(translator: Path) -> list[dict[str, Any]]:
    """The translator's import test cases (JSON, written with trailing commas at times)."""
    found = _CASES.search(translator.read_text(encoding="utf-8"))
    if found is None:
        return []
    try:
        cases = json.loads(found.group(1))
    except json.JSONDecodeError:
        cases = json.loads(re.sub(r",(\s*[\]}])", r"\1", found.group(1)))
    return [case for case in cases if case.get("type") == "import"]


def _norm(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def differences(item: dict[str, Any], article: Article) -> list[tuple[str, object, object]]:
    """(field, Zotero's, ours) for each field the two give differently (a field Zotero leaves empty aside)."""
    found: list[tuple[str, object, object]] = []
    if (theirs := _norm(item.get("title"))) and _norm(article.title).rstrip(".") != theirs.rstrip("."):
        found.append(("title", theirs, article.title))
    creators = [c for c in item.get("creators", []) if c.get("creatorType") == "author"]
    families = [_norm(c.get("lastName") or c.get("name")) for c in creators]
    ours = [_norm(p.family or p.name) for p in article.authors]
    if families and families != ours:
        found.append(("authors", families, ours))
    elif families and [_norm(c.get("firstName")) for c in creators] != [_norm(p.given) for p in article.authors]:
        found.append(("given names", [_norm(c.get("firstName")) for c in creators],
                      [_norm(p.given) for p in article.authors]))
    for theirs_name, ours_name in (("volume", "volume"), ("issue", "issue"), ("pages", "pages"), ("DOI", "doi")):
        theirs = _norm(item.get(theirs_name))
        if theirs and theirs.casefold() != _norm(getattr(article, ours_name)).casefold():
            found.append((theirs_name, theirs, getattr(article, ours_name)))
    date = _norm(item.get("date"))
    if date and (not article.date or article.date[:4] not in date):
        found.append(("date", date, article.date))
    journal = _norm(item.get("publicationTitle"))
    if journal and journal.casefold() not in {article.journal.casefold(), article.container.casefold(),
                                              article.journal_abbrev.casefold()}:
        found.append(("journal", journal, article.journal or article.container))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("translators", type=Path, help="a checkout of github.com/zotero/translators")
    parser.add_argument("names", nargs="*", default=sorted(SUFFIXES), help="translator files (default: all known)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name in args.names:
            for number, case in enumerate(import_cases(args.translators / name)):
                path = Path(folder) / f"input{SUFFIXES.get(name, '.txt')}"
                data = case["input"].encode("utf-8")
                path.write_bytes(data)
                records, problems = read_data(data, path, path.name)
                made = [to_article(record) for record in records]
                items = [i for i in case.get("items", []) if i.get("itemType") not in ("note", "attachment")]
                reported = [str(p) for p in problems] + [str(p) for _, ps in made for p in ps]
                found = [(item.get("title", ""), d) for item, (article, _) in zip(items, made, strict=False)
                         if (d := differences(item, article))]
                if found or reported or len(items) != len(made):
                    print(f"{name} case {number}: Zotero {len(items)} items, ours {len(made)}")
                    for line in reported[:5]:
                        print(f"    reported: {line[:200]}")
                    for title, fields in found:
                        print(f"    {str(title)[:70]}")
                        for field in fields:
                            print(f"        {field}")


if __name__ == "__main__":
    main()
