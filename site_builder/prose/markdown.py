"""Markdown written by the site's editors, turned into safe HTML with markdown-it-py.

Raw HTML is off (it is escaped, never passed through) and every link and image goes through the same scheme
allow-list as record urls, plus relative links and mailto:, so no input can put markup or ``javascript:`` into a
page. Links to other sites carry rel="noopener".
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.normalize import UNSHOWABLE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it-py and PyYAML are imported when a text is first rendered or a front matter first read that the
# build cache's Kept does not hold (0.03 s of every build, most of which change no prose file).

_ALLOWED_SCHEMES = ("http:", "https:", "mailto:")


def _validate_link(url: str) -> bool:
    probe = url.strip().lower()
    if any(ord(c) < 33 for c in probe):
        return False
    scheme_end = probe.find(":")
    slash = probe.find("/")
    has_scheme = scheme_end > 0 and (slash < 0 or scheme_end < slash)
    return not has_scheme or probe.startswith(_ALLOWED_SCHEMES)


def _link_open(renderer: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """A link that leaves the site gets rel="noopener": the page it opens cannot reach back into this one."""
    token = tokens[idx]
    if str(token.attrGet("href") or "").lower().startswith(("http:", "https:", "//")):
        token.attrSet("rel", "noopener")
    return str(renderer.renderToken(tokens, idx, options, env))


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only here: see above

    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table").enable("strikethrough")
    md.validateLink = _validate_link  # type: ignore[method-assign]  # markdown-it-py's documented way
    md.add_render_rule("link_open", _link_open)
    return md


KEPT_BY = ("prose/markdown.py",)
"""The code what ``Kept`` holds depends on, besides the texts it is kept under (and the libraries' versions,
which every code digest holds): the build cache keeps it under this code's digest (output/cache.py)."""


class Kept:
    """What the last build made of each Markdown text and front matter, by the text itself (the build cache
    keeps it, output/cache.py): a text met again is not rendered or read again. ``made`` is what this build
    asked for, what the next one is given."""

    def __init__(self, last: object = None) -> None:
        self.last: dict[Any, Any] = last if type(last) is dict else {}
        self.made: dict[Any, Any] = {}

    def changed(self) -> bool:
        """Whether the next build should be given ``made`` rather than what this one was given."""
        return self.made != self.last

    def _recall(self, key: tuple[str, str]) -> Any:
        value = self.last.get(key)
        if value is not None:
            self.made[key] = value
        return value


def to_html(text: str, kept: Kept | None = None) -> str:
    if kept is not None:
        key = ("html", text)
        html = kept._recall(key)
        if type(html) is str:
            return html
        html = kept.made[key] = to_html(text)
        return html
    return str(_parser().render(text))  # markdown-it-py types its renderer's output as Any


@functools.cache
def _front_matter_loader() -> Any:
    import yaml  # only here: see above

    class FrontMatterLoader(yaml.SafeLoader):
        """YAML's safe loader without aliases (an alias bomb, "*a" repeated through nested lists, is small on disk
        and vast once printed), and with a date that does not exist ("2024-02-30") kept as the text it is."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "an alias (*name) is not allowed in front matter",
                                                  self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)

        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

    FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp)
    return FrontMatterLoader


def _load_yaml(text: str, kept: Kept | None) -> Any:
    """The front matter ``text`` as YAML reads it: from ``kept`` when it holds it; raises what YAML raises."""
    key = ("yaml", text)
    if kept is not None:
        held = kept._recall(key)
        if type(held) is tuple and len(held) == 1:
            with contextlib.suppress(TypeError, ValueError):  # a damaged date: read the text again
                return _unpacked(held[0])
    import yaml  # only here: see above

    value = yaml.load(text, Loader=_front_matter_loader())  # noqa: S506 - a safe loader
    if kept is not None and _packable(value):
        kept.made[key] = (_packed(value),)
    return value


# A front matter's value as the build cache keeps it (marshal, which knows no dates): a date as a tuple, which
# YAML's safe loader never makes. Values of any other type (a time of day, a set, bytes) are not kept.
_PLAIN = (str, int, float, bool, type(None))


def _packable(value: Any) -> bool:
    if type(value) in _PLAIN or type(value) is datetime.date:
        return True
    if type(value) is list:
        return all(map(_packable, value))
    if type(value) is dict:
        return all(_packable(k) and _packable(v) for k, v in value.items())
    return False


def _packed(value: Any) -> Any:
    if type(value) is datetime.date:
        return (value.year, value.month, value.day)
    if type(value) is list:
        return [_packed(item) for item in value]
    if type(value) is dict:
        return {_packed(k): _packed(v) for k, v in value.items()}
    return value


def _unpacked(value: Any) -> Any:
    if type(value) is tuple:
        return datetime.date(*value)
    if type(value) is list:
        return [_unpacked(item) for item in value]
    if type(value) is dict:
        return {_unpacked(k): _unpacked(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file: its front matter (a mapping) and its body."""

    meta: dict[str, Any]
    body: str


def split_front_matter(text: str, path: str, kept: Kept | None = None) -> tuple[Document, list[Diagnostic]]:
    """Front matter between ``---`` lines at the top (YAML), then the body. Bad YAML is a diagnostic. A control
    character (but tab and line ends) becomes U+FFFD, as a byte that is not UTF-8 does. ``kept``: what the last
    build read of the same front matter."""
    text = text.lstrip("\ufeff")
    if UNSHOWABLE.search(text):
        text = UNSHOWABLE.sub("\ufffd", text)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Document({}, text), []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return Document({}, text), [Diagnostic(
            Level.ERROR, SourceSpan(path, 1), "front matter opened with '---' is never closed by another '---'")]
    body = "".join(lines[end + 1:])
    try:
        meta = _load_yaml("".join(lines[1:end]), kept) or {}
    except RecursionError:
        return Document({}, body), [Diagnostic(Level.ERROR, SourceSpan(path, 2),
                                               "front matter is not valid YAML: nested too deeply")]
    except _yaml_error() as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return Document({}, body), [Diagnostic(Level.ERROR, SourceSpan(path, line),
                                               f"front matter is not valid YAML: {problem}")]
    if not isinstance(meta, dict):
        return Document({}, body), [Diagnostic(
            Level.ERROR, SourceSpan(path, 2), "front matter must be 'key: value' lines")]
    return Document(meta, body), []


def _yaml_error() -> type[Exception]:
    """YAML's own error, asked for only once YAML has raised (and so is imported)."""
    import yaml

    return yaml.YAMLError
