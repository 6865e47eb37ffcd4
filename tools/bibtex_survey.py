"""Survey: does the text a page shows say what the BibTeX record says?

Reads every BibTeX file under the given folders (default: tests/data, content/records and ../shared/corpus; files
are read in place) and, for each entry, sets the raw field beside what the model made of it: title, journal and
booktitle, publisher, abstract, keywords, each author's family and given name, pages, year and month, url. Each
finding is sorted into a class; a class ending in ``!`` is damage (the page says something the record does not),
the others count how often a feature of the format occurs and was decoded as meant:

- ``leftover-backslash!``, ``leftover-brace!``, ``leftover-dollar!``: LaTeX left in the decoded text;
- ``double-hyphen!``: "--" left where LaTeX means an en dash (outside URLs and DOIs);
- ``math-script!``: ``$^{13}$C``, ``H$_2$O``, ``\\textsuperscript{…}`` shown as "^13C", "H_2O", "13C" (or a
  ``^\\circ`` as "^∘") instead of "¹³C", "H₂O", "°"; ``math-script`` when decoded to Unicode;
- ``math``: any other ``$…$``, decoded (``$\\alpha$`` → α);
- ``accent``: an accent or special letter macro (``{\\"o}``, ``\\c{c}``, ``{\\ss}``, ``{\\o}``, ``{\\i}``);
  ``accent-lost!`` when the decoded text holds fewer non-ASCII letters than the raw value has such macros and
  non-ASCII letters; ``combining-mark`` when an accent is left as a combining character because Unicode has no
  letter with it (LaTeX prints the same: ``(11\\=22)`` → "(112̄2)", a Miller index);
- ``unicode-lost!``: a non-ASCII character of the raw value that the decoded text lacks (``unicode`` counts the
  values that have some);
- ``escaped-special`` (``\\&``, ``\\%``, ``\\_``, ``\\$``, ``\\#``) and ``escaped-special-lost!``; ``dollar-lost!``: a
  dollar of plain text before an amount ("$100 million", "US$1.76") not shown;
- ``unknown-macro!``: a macro pylatexenc and citeproc-py's symbols do not know (its name is dropped);
- ``tilde``: a "~" (a no-break space in LaTeX, "about" in Scopus's plain text) and how it is shown;
- ``protecting-braces``: inner braces ("{DNA}") removed as meant;
- ``markup-dropped!``: the title or abstract shown differs from the decoded value beyond spaces (the tag
  stripper took text out, "p<0.05 and q>1" → "p1"); not counted as damage: ``inline-html-dropped`` (an HTML
  tag such as Mendeley's ``{\\textless}i{\\textgreater}`` left out, its words kept) and ``abstract-label-dropped``
  (a leading "Abstract:" left out);
- ``and-others`` / ``and-others-lost!``; ``corporate`` (a braced organisation kept whole) / ``corporate-split!``;
  ``author-count!`` (fewer or more people than names in the list);
- ``month`` / ``month-lost!`` (``jan``, "January", ``1``, Web of Science's "JUN 8"); ``year-lost!``;
- ``pages`` / ``pages-changed!`` (digits or letters of a page range that differ);
- ``url-special`` / ``url-changed!`` (a url with "%", "_", "&" or a space, one of whose urls is neither a link
  shown nor an identifier the article holds);
- ``keyword-lost!`` (a keyword of the raw list not among the article's);
- ``field-not-in-record!``: a field of the entry's text that the record (the full-record view) lacks;
- file level: ``@comment``, ``@preamble``, ``@string`` blocks, and ``string-undefined`` when a field value is a
  bare abbreviation name no ``@string`` of the file defines (shown as written: the record's, not ours).

Macros that print nothing (``SWITCHES``: font switches, ``\\vphantom``) are not counted as unknown.

Usage: ``python tools/bibtex_survey.py [folder …] [--examples N] [--json]``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bibtexparser.middlewares.names import split_multiple_persons_names  # noqa: E402

from site_builder import readers  # noqa: E402
from site_builder.readers import bibtex  # noqa: E402
from site_builder.readers.latex import _context  # noqa: E402

TEXT_FIELDS = ("title", "journal", "journaltitle", "booktitle", "publisher", "abstract")
ACCENT = re.compile(r"\\(?:(?:['\"`^~=.]|[uvHckdbtr](?![A-Za-z]))\s*(?:\{\s*\\?[A-Za-z]\s*\}|\\?[A-Za-z])"
                    r"|(?:ss|o|O|l|L|aa|AA|ae|AE|oe|OE|i|j)(?![A-Za-z]))")
DOLLAR = re.compile(r"(?<!\\)\$")
TAG = re.compile(r"</?[a-z]+>")
SCRIPT_CHARS = re.compile("[\u00b2\u00b3\u00b9\u2070-\u209f\u00b0]")
MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
SCRIPT = re.compile(r"(?<!\\)\$[^$]*[\^_][^$]*\$|\\text(?:super|sub)script")
ESCAPED = re.compile(r"\\([&%_$#])")
MACRO = re.compile(r"\\([A-Za-z]+)")
URLISH = re.compile(r"(?:https?://|\b10\.\d{4,9}/)\S+")
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}
CLASSES = ("leftover-backslash!", "leftover-brace!", "leftover-dollar!", "double-hyphen!", "math-script!",
           "math-script", "math", "accent", "accent-lost!", "unicode", "unicode-lost!",
           "escaped-special", "escaped-special-lost!", "dollar-lost!", "unknown-macro!", "tilde", "protecting-braces",
           "markup-dropped!", "inline-html-dropped", "abstract-label-dropped", "and-others", "and-others-lost!",
           "corporate", "corporate-split!", "author-count!", "month", "month-lost!", "year-lost!", "pages",
           "pages-changed!", "url-special", "url-changed!", "keyword-lost!", "field-not-in-record!",
           "string-undefined", "combining-mark")
SWITCHES = {"em", "it", "sc", "rm", "bf", "sf", "tt", "sl", "relax", "vphantom", "hphantom", "phantom", "left",
            "right", "normalfont", "itshape", "bfseries", "scshape", "upshape", "mdseries", "protect", "noopsort"}
"""Macros that print nothing of their own (font switches, struts, sorting hints): dropping them loses nothing."""
ACCENT_MACROS = set("'\"`^~=.uvHckdbtr") | {"ss", "o", "O", "l", "L", "aa", "AA", "ae", "AE", "oe", "OE", "i", "j"}


def bibtex_files(folders: list[Path]) -> list[Path]:
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.name.upper().startswith(("SOURCE", "README", "LICENSE")):
                continue
            data = path.read_bytes()[:readers.SNIFF_CHARS]
            reader = readers.choose_reader(path, data.decode("utf-8", "replace"))
            if reader is not None and reader.format == bibtex.FORMAT:
                files.append(path)
    return files


def non_ascii(text: str, marks: bool = False) -> list[str]:
    """The non-ASCII letters of ``text`` (and its combining marks, with ``marks``: ``J\\"{o}\\"rg`` is "Jör̈g")."""
    return [c for c in unicodedata.normalize("NFC", text)
            if ord(c) > 127 and (c.isalpha() or marks and unicodedata.combining(c))]


class Survey:
    def __init__(self, examples: int) -> None:
        self.counts: collections.Counter[str] = collections.Counter()
        self.entries: dict[str, set[str]] = collections.defaultdict(set)
        self.examples: dict[str, list[str]] = collections.defaultdict(list)
        self.limit = examples
        self.known = _context()

    def add(self, cls: str, where: str, raw: str = "", shown: str = "") -> None:
        self.counts[cls] += 1
        self.entries[cls].add(where)
        if len(self.examples[cls]) < self.limit and (raw or shown):
            self.examples[cls].append(f"{where}: {_cut(raw)!r} -> {_cut(shown)!r}")

    def text(self, field: str, raw: str, shown: str, where: str) -> None:
        """One decoded value against its raw form."""
        where = f"{where} {field}"
        outside_urls = URLISH.sub("", shown)
        if "\\" in outside_urls:
            self.add("leftover-backslash!", where, raw, shown)
        if ("{" in outside_urls or "}" in outside_urls) and "\\{" not in raw and "\\}" not in raw:
            self.add("leftover-brace!", where, raw, shown)
        if MATH.search(raw) and "$" in shown and "\\$" not in raw:
            self.add("leftover-dollar!", where, raw, shown)
        if "--" in outside_urls and "--" in URLISH.sub("", raw):
            self.add("double-hyphen!", where, raw, shown)
        if SCRIPT.search(raw):
            damaged = re.search(r"[\^_]", URLISH.sub("", shown)) or "∘" in shown or not SCRIPT_CHARS.search(shown)
            self.add("math-script!" if damaged else "math-script", where, raw, shown)
        elif MATH.search(raw):
            self.add("math", where, raw, shown)
        if _amounts(raw) > shown.count("$"):
            self.add("dollar-lost!", where, raw[max(0, raw.find("$") - 60):], shown[max(0, raw.find("$") - 80):])
        accents = len(ACCENT.findall(raw))
        if accents:
            self.add("accent", where, raw, shown)
            if len(non_ascii(shown, marks=True)) < accents + len(non_ascii(raw)):
                self.add("accent-lost!", where, raw, shown)
        if any(unicodedata.combining(c) for c in unicodedata.normalize("NFC", shown)) and not any(
                unicodedata.combining(c) for c in unicodedata.normalize("NFC", raw)):
            self.add("combining-mark", where, raw, shown)
        raw_chars = {c for c in unicodedata.normalize("NFC", raw) if ord(c) > 127 and not c.isspace()}
        if raw_chars:
            self.add("unicode", where)
            lost = raw_chars - set(unicodedata.normalize("NFC", shown))
            if lost:
                self.add("unicode-lost!", where, raw, f"{shown} (lost {''.join(sorted(lost))})")
        for char in ESCAPED.findall(URLISH.sub("", raw)):
            self.add("escaped-special", where)
            if char not in shown:
                self.add("escaped-special-lost!", where, raw, shown)
        for name in MACRO.findall(raw):
            if name in ACCENT_MACROS or name in ("url", "textsuperscript", "textsubscript"):  # scripts: math-script
                continue
            if self.known.get_macro_spec(name) is None and name not in SWITCHES:
                self.add("unknown-macro!", where, f"\\{name} in {raw}", shown)
        if "~" in raw:
            self.add("tilde", where, raw, shown)
        if re.search(r"\S\{[^{}\\]+\}|\{[^{}\\]+\}\S", raw.strip()[1:-1] if raw.strip().startswith("{") else raw):
            self.add("protecting-braces", where)


def _amounts(raw: str) -> int:
    """How many dollars of ``raw`` are currency signs: one before a digit that opens no math (no closing dollar
    follows, or what lies before it has a space and no ``\\``, ``^``, ``_`` or brace)."""
    found, pos = 0, 0
    while (m := DOLLAR.search(raw, pos)) is not None:
        close = DOLLAR.search(raw, m.end())
        inner = raw[m.end():close.start()] if close else raw[m.end():]
        if raw[m.end():m.end() + 1].isdigit() and (close is None or " " in inner and not re.search(r"[\\^_{}]", inner)):
            found += 1
            pos = m.end()
        else:
            pos = close.end() if close else len(raw)
    return found


def _one_group(written: str) -> bool:
    """Does one pair of braces enclose the whole name ("{World Health Organization}", not "{de la Mata}, M")?"""
    depth = 0
    for i, char in enumerate(written):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and i < len(written) - 1:
            return False
    return True


def _cut(text: str, size: int = 160) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def survey_entry(s: Survey, record: object, article: object, raw_text: str, where: str) -> None:
    from site_builder.readers.latex import latex_to_text
    fields = bibtex._Fields(record)  # type: ignore[arg-type]
    values = fields.values
    for name in TEXT_FIELDS:
        if values.get(name, "").strip():
            s.text(name, values[name], latex_to_text(values[name]), where)
    # What the page shows of the title and abstract (after the tag stripper and section splitting).
    title_raw = fields.raw("title", "booktitle")
    if title_raw:
        decoded = _squash(latex_to_text(title_raw))
        if _squash(article.title) == _squash(TAG.sub("", decoded)) != decoded:  # type: ignore[attr-defined]
            s.add("inline-html-dropped", f"{where} title", decoded, article.title)  # type: ignore[attr-defined]
        elif _squash(article.title) != decoded:  # type: ignore[attr-defined]
            s.add("markup-dropped!", f"{where} title", decoded, article.title)  # type: ignore[attr-defined]
    if values.get("abstract", "").strip():
        decoded = re.sub(r"\W+", "", TAG.sub("", latex_to_text(values["abstract"])))
        shown = re.sub(r"\W+", "", " ".join(f"{x.label} {x.text}" for x in (
            *article.lay_summary, *article.abstract)) + article.rights)  # type: ignore[attr-defined]
        if decoded != shown and len(shown) < len(decoded):
            s.add("markup-dropped!" if decoded.lower().removeprefix("abstract") != shown.lower() else
                  "abstract-label-dropped", f"{where} abstract", latex_to_text(values["abstract"]), " ".join(
                x.text for x in article.abstract))  # type: ignore[attr-defined]
    # Keywords
    for key in ("author_keywords", "keywords", "keywords-plus"):
        if values.get(key, "").strip():
            shown_all = " ; ".join(article.keywords).casefold()  # type: ignore[attr-defined]
            s.text(key, values[key], latex_to_text(values[key]), where)
            for word in re.split(r"\s*[;,]\s*", latex_to_text(values[key])):
                if word.strip() and word.strip().casefold() not in shown_all:
                    s.add("keyword-lost!", f"{where} {key}", word, shown_all)
    # Authors
    author_raw = fields.raw("author")
    if author_raw:
        names = split_multiple_persons_names(author_raw)
        people = [n for n in names if not bibtex._ET_AL.fullmatch(n.strip())]
        if len(people) < len(names) or re.search(r"\bet\.?\s+al\.?\s*$", author_raw):
            s.add("and-others", f"{where} author")
            if not article.et_al:  # type: ignore[attr-defined]
                s.add("and-others-lost!", f"{where} author", author_raw[-60:], "no et al.")
        if len(people) != len(article.authors):  # type: ignore[attr-defined]
            s.add("author-count!", f"{where} author", author_raw,
                  " | ".join(p.name for p in article.authors))  # type: ignore[attr-defined]
        for written, person in zip(people, article.authors, strict=False):  # type: ignore[attr-defined]
            w = written.strip()
            if w.startswith("{") and w.endswith("}") and bibtex._top_level_split(w) == [w] and _one_group(w):
                s.add("corporate", f"{where} author")
                if person.family or person.given:
                    s.add("corporate-split!", f"{where} author", w, f"{person.family} / {person.given}")
            for part, value in (("family", person.family), ("given", person.given), ("name", person.name)):
                if (part == "name") == bool(person.family):
                    continue
                s.text(f"author {part}", w if part == "name" else _part_raw(w, part, value), value, where)
    # Dates
    year = fields.plain("year")
    if year and re.search(r"\d{4}", year) and not article.date.startswith(re.search(r"\d{4}", year).group(0)):  # type: ignore[attr-defined,union-attr]
        s.add("year-lost!", f"{where} year", year, article.date)  # type: ignore[attr-defined]
    month = fields.plain("month")
    if month and re.fullmatch(r"\d{4}", year) and not fields.plain("date"):
        s.add("month", f"{where} month")
        expected = _month(month)
        got = article.date[5:7]  # type: ignore[attr-defined]
        if expected and got != f"{expected:02d}":
            s.add("month-lost!", f"{where} month", month, article.date)  # type: ignore[attr-defined]
    # Pages
    pages = fields.plain("pages")
    if pages and re.search(r"\d", pages):
        s.add("pages", f"{where} pages")
        if re.findall(r"\w+", pages) != re.findall(r"\w+", article.pages):  # type: ignore[attr-defined]
            s.add("pages-changed!", f"{where} pages", pages, article.pages)  # type: ignore[attr-defined]
        if "--" in article.pages:  # type: ignore[attr-defined]
            s.add("double-hyphen!", f"{where} pages", pages, article.pages)  # type: ignore[attr-defined]
    # URL
    url = fields.plain("url")
    if url and re.search(r"[%_&\s]", url):
        s.add("url-special", f"{where} url")
        shown_urls = [link.url for link in article.links]  # type: ignore[attr-defined]
        held = " ".join((article.doi, article.pmid, article.pmcid)).lower()  # type: ignore[attr-defined]
        # Several urls a space apart (Mendeley), or one url with spaces in it, meant as a browser sends them.
        for want in re.split(r"\s+(?=[A-Za-z][\w+.-]*://)", re.sub(r"\\([&%_#$~])", r"\1", url).strip()):
            want = re.sub(r"\s+", "%20", want)
            # a doi.org url may percent-encode its DOI (Crossref's "https://doi.org/10.3758%2Fs13428-020-01516-y")
            if want not in shown_urls and not (held.strip() and any(
                    part and part in unquote(want).lower() for part in held.split())):
                s.add("url-changed!", f"{where} url", want, " ".join(shown_urls))
    # Every field of the entry's text is in the record (the full-record view shows the record).
    have = {f.name.lower() for f in record.fields}  # type: ignore[attr-defined]
    for name in _field_names(raw_text):
        if name.lower() not in have:
            s.add("field-not-in-record!", where, name, ", ".join(sorted(have)))


def _part_raw(written: str, part: str, value: str) -> str:
    """The raw text of a family or given name, near enough to check LaTeX left in it (the part as parsed)."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts
    parts = parse_single_name_into_parts(written, strict=False)
    return " ".join([*parts.von, *parts.last] if part == "family" else parts.first)


def _month(month: str) -> int:
    m = month.strip().lower()
    if m.isdigit():
        return int(m) if 1 <= int(m) <= 12 else 0
    return MONTHS.get(m[:3], 0) if re.fullmatch(r"[a-z]+\.?(\s+\d+)?", m) else 0


def _field_names(raw_entry: str) -> list[str]:
    """The field names of an entry's text: ``name =`` at brace depth 1, outside quotes."""
    names, depth, quoted, i = [], 0, False, 0
    start = raw_entry.find("{") if raw_entry.find("{") >= 0 else raw_entry.find("(")
    token = re.compile(r"[,{(]\s*([A-Za-z][\w.:+/-]*)\s*=")
    for i in range(start, len(raw_entry)):
        c = raw_entry[i]
        if c == "{" or (c == "(" and i == start):
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 1 and raw_entry[i - 1] != "\\":
            quoted = not quoted
        if depth == 1 and not quoted and c in ",{(":
            m = token.match(raw_entry, i)
            if m and (c != "{" or i == start):
                names.append(m.group(1))
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "tests" / "data", ROOT / "content" / "records",
                                 ROOT / ".." / "shared" / "corpus"])
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    import bibtexparser
    s = Survey(args.examples)
    files = bibtex_files(args.folders)
    totals: collections.Counter[str] = collections.Counter()
    for path in files:
        shown = str(path.resolve().relative_to(ROOT.parent)) if path.resolve().is_relative_to(ROOT.parent) \
            else str(path)
        records, _ = readers.read_file(path, shown)
        text, _ = readers.decode(path.read_bytes(), shown)
        text = re.sub(r"\r\n?", "\n", text.removeprefix("\ufeff"))
        library = bibtexparser.parse_string(bibtex._KEYLESS.sub(r"\1,", text), parse_stack=[])
        raw_by_line = {(b.start_line or 0) + 1: b.raw or "" for b in library.blocks}
        totals["files"] += 1
        totals["@comment"] += len(re.findall(r"^\s*@\s*comment\b", text, re.M | re.I))
        totals["@preamble"] += len(re.findall(r"^\s*@\s*preamble\b", text, re.M | re.I))
        totals["@string"] += len(re.findall(r"^\s*@\s*string\b", text, re.M | re.I))
        totals["% comment lines"] += len(re.findall(r"^\s*%", text, re.M))
        for record in records:
            totals["entries"] += 1
            article, _ = readers.to_article(record)
            where = f"{path.name}:{record.where.line}"
            raw = raw_by_line.get(record.where.line, "")
            survey_entry(s, record, article, raw, where)
            for field in record.fields:
                value = field.values[0] if field.values else ""
                if field.name.lower() in ("journal", "month", "publisher") and re.fullmatch(r"[a-z]{4,}", value) \
                        and field.name.lower() != "month":
                    s.add("string-undefined", f"{where} {field.name}", value, value)
    if args.json:
        print(json.dumps({"totals": totals, "counts": s.counts,
                          "entries": {k: len(v) for k, v in s.entries.items()}}, indent=1, sort_keys=True))
        return
    print("  ".join(f"{k}: {v}" for k, v in totals.items()))
    print("class: occurrences / entry fields (a class ending in ! is damage)")
    for cls in sorted(set(s.counts) | set(CLASSES), key=lambda c: (not c.endswith("!"), c)):
        print(f"  {cls}: {s.counts[cls]} / {len(s.entries[cls])}")
        for example in s.examples[cls]:
            print(f"      {example}")


if __name__ == "__main__":
    main()
