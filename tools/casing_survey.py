"""Survey: what the citation styles' text-case does to the words of real records.

Formats every record found under the given folders (default: tests/data, content/records and ../shared/corpus) in
each style the site offers, and watches every ``text-case`` the processor applies to an item's variable (the title
and container title in AMA's "title" case, APA's journal and series names, a genre's "capitalize-first"…). Each word
the case changed is sorted into a class:

- ``intended``: a lowercase word capitalized by title case (or the first word by capitalize-first): the rule;
- ``particle``: "v.", "vs.", "et al.", "ca.", "cf.", "de", "van", "von" capitalized (citeproc-js keeps them);
- ``inner-caps-or-digits``: a word with a capital after its first letter or a digit ("mRNA", "pH", "p53", "iPSC")
  changed, which the CSL specification leaves as it is ("the case of words in mixed or uppercase stays the same";
  capitalize-first: "if the word is lowercase");
- ``stop-word-after-period``: a stop word capitalized after a word ending in "." (not the colon CSL names);
- ``bracketed-stop-word``: a stop word capitalized because a bracket or quote opens it ("(in", "“the");
- ``non-english``: any change to a record whose language is not English, or whose title reads as another
  language (its lowercase function words are Spanish, Portuguese, French, German or Italian ones) and names none;
- ``spacing``: the words themselves were not changed but the spaces between them were;
- ``other-language-unmarked``: a title-cased word of a text whose record names no language but whose function
  words are all another language's ("Mémoires du livre", a French journal of an English article): the CSL rule
  (an item without a language is English), so not counted as a fault, but shown.

Also counted, as ``kept``: words of a title-cased English text that the specification would capitalize and
citeproc-py leaves as the record has them: a lowercase part after a hyphen ("long-term", the specification's
"Two-Thirds"), a lowercase word after an opening bracket or quote ("(apples").

Usage: ``python tools/casing_survey.py [folder …] [--examples N] [--json]``. Prints the counts and examples.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citeproc.model import TextCased  # noqa: E402

from site_builder import readers  # noqa: E402
from site_builder.cite.references import STYLES, format_references, load_style  # noqa: E402
from site_builder.model.article import Article  # noqa: E402

STOP_WORDS = {"a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on",
              "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet"}
PARTICLES = {"v", "vs", "versus", "et", "al", "ca", "cf", "etc", "e.g", "i.e", "viz", "de", "van", "von"}
FOREIGN = {"de", "del", "la", "las", "los", "el", "y", "para", "por", "en", "com", "em", "da", "do", "das", "dos",
           "um", "uma", "und", "der", "die", "mit", "von", "zur", "zum", "le", "les", "des", "du", "et", "pour",
           "dans", "il", "di", "della", "nel", "per"}
ENGLISH = {"en", "eng", "english"}
EDGE = "()[]{}\"'\u201c\u201d\u2018\u2019.,;:!?"


def classify(before: str, after: str, previous: str, foreign: bool, unmarked: bool) -> str:
    if foreign:
        return "non-english"
    if unmarked:
        return "other-language-unmarked"
    core = before.strip(EDGE).lower()
    if core.rstrip(".") in PARTICLES or core in PARTICLES:
        return "particle"
    inner = before.strip(EDGE)
    if any(c.isdigit() for c in inner) or any(c.isupper() for c in inner[1:]):
        return "inner-caps-or-digits"
    if core in STOP_WORDS and before[:1] in EDGE:
        return "bracketed-stop-word"
    if core in STOP_WORDS and previous.endswith("."):
        return "stop-word-after-period"
    return "intended"


def looks_foreign(article: Article, text: str) -> bool:
    names = {lang.name.lower() for lang in article.languages} | {lang.tag.lower().split("-")[0]
                                                                 for lang in article.languages if lang.tag}
    if names and not names & ENGLISH:
        return True
    if names:
        return False
    words = [w.strip(EDGE) for w in text.split()]
    return sum(w in FOREIGN for w in words) >= 2 and not set(words) & STOP_WORDS


def unmarked_other_language(article: Article, text: str) -> bool:
    """No language named, and the text's function words are another language's only."""
    words = {w.strip(EDGE).lower() for w in text.split()}
    return not article.languages and bool(words & FOREIGN) and not words & STOP_WORDS


def record_files(folders: list[Path]) -> list[Path]:
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() not in readers.PROSE_AND_MEDIA \
                    and not path.name.upper().startswith(("SOURCE", "README", "LICENSE")):
                files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "tests" / "data", ROOT / "content" / "records",
                                 ROOT / ".." / "shared" / "corpus"])
    parser.add_argument("--examples", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--all", action="store_true", help="print every changed word, one a line, first")
    args = parser.parse_args()

    for style in STYLES:  # load (and patch) first, then watch the case method as it then is
        load_style(style.csl, style.as_printed, "en-US")
    watched: list[tuple[str, str, str, str, Any]] = []
    case = TextCased.case

    def spy(self: Any, text: Any, language: Any = None) -> Any:
        out = case(self, text, language)
        if text is not None and self.get("text-case") and ("variable" in self.attrib or "macro" in self.attrib):
            field = self.get("variable") or f"macro {self.get('macro')}"
            watched.append((field, str(self.get("text-case")), str(text), str(out), language))
        return out

    TextCased.case = spy
    seen: set[tuple[str, str, str]] = set()
    counts: collections.Counter[str] = collections.Counter()
    records_by_class: dict[str, set[str]] = collections.defaultdict(set)
    examples: dict[str, list[str]] = collections.defaultdict(list)
    fields: collections.Counter[str] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    kept: collections.Counter[str] = collections.Counter()
    for path in record_files(args.folders):
        try:
            records, _ = readers.read_file(path, str(path))
        except Exception as err:  # a fixture that is broken on purpose
            totals["unreadable files"] += 1
            print(f"skipped {path}: {err!r}", file=sys.stderr)
            continue
        for record in records:
            try:
                article, _ = readers.to_article(record)
            except Exception:
                totals["unreadable records"] += 1
                continue
            key = (article.title, article.journal, ",".join(lang.name for lang in article.languages))
            if key in seen or not article.title:
                continue
            seen.add(key)
            totals["records"] += 1
            watched.clear()
            for style in STYLES:
                start = len(watched)
                format_references(article, (style,))
                for field, text_case, before, after, language in watched[start:]:
                    fields[f"{style.id} {field} {text_case}"] += 1
                    if text_case == "title" and language == "en":
                        for word in after.split():
                            parts = word.strip(EDGE).split("-")[1:]
                            kept["hyphen part"] += sum(p[:1].islower() and p.lower() not in STOP_WORDS for p in parts)
                            kept["after a bracket or quote"] += word[:1] in "([{\"'\u201c\u2018" and word[1:2].islower()
                    if before == after:
                        continue
                    foreign = text_case == "title" and looks_foreign(article, before)
                    unmarked = text_case == "title" and unmarked_other_language(article, before)
                    bwords, awords = before.split(), after.split()
                    if bwords == awords:
                        cls = "spacing"
                        counts[cls] += 1
                        records_by_class[cls].add(str(path))
                        continue
                    previous = ""
                    for b, a in zip(bwords, awords, strict=False):
                        if b != a:
                            cls = classify(b, a, previous, foreign, unmarked)
                            counts[cls] += 1
                            records_by_class[cls].add(f"{path}#{article.title[:40]}")
                            if args.all:
                                print(f"{cls}\t{style.id}\t{field}\t{b}\t{a}\t{before}")
                            if len(examples[cls]) < args.examples:
                                examples[cls].append(f"[{style.id} {field} {text_case}] {b!r} -> {a!r} in "
                                                     f"{before[:90]!r} ({path.relative_to(path.parents[1])})")
                        previous = b
    if args.json:
        print(json.dumps({"records": totals["records"], "words": counts, "kept": kept,
                          "records_affected": {k: len(v) for k, v in records_by_class.items()}}, indent=1))
        return
    print(f"records formatted (unique title/journal/language): {totals['records']}"
          f"  unreadable files: {totals['unreadable files']}  records: {totals['unreadable records']}")
    print("text-case applied to a variable (style, field, case): calls")
    for name, n in sorted(fields.items()):
        print(f"  {name}: {n}")
    print("words changed, by class (words / records):")
    for cls in ("particle", "inner-caps-or-digits", "stop-word-after-period", "bracketed-stop-word", "non-english",
                "spacing", "other-language-unmarked", "intended"):
        print(f"  {cls}: {counts[cls]} / {len(records_by_class[cls])}")
        for example in examples[cls]:
            print(f"      {example}")
    print("kept as the record has them, where the specification would capitalize (words):")
    for name, n in sorted(kept.items()):
        print(f"  {name}: {n}")


if __name__ == "__main__":
    main()
