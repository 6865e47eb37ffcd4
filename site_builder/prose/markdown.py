"""Markdown written by the site's editors, turned into safe HTML with markdown-it-py.

Raw HTML is off (it is escaped, never passed through) and every link and image goes through the same scheme
allow-list as record urls, plus relative links and mailto:, so no input can put markup or ``javascript:`` into a
page. Links to other sites carry rel="noopener".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from markdown_it import MarkdownIt

from ..diagnostics import Diagnostic, Level, SourceSpan
from ..model.normalize import UNSHOWABLE

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


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table").enable("strikethrough")
    md.validateLink = _validate_link  # type: ignore[method-assign]  # markdown-it-py's documented way
    md.add_render_rule("link_open", _link_open)
    return md


_MD = _parser()


def to_html(text: str) -> str:
    return str(_MD.render(text))  # markdown-it-py types its renderer's output as Any


class _FrontMatterLoader(yaml.SafeLoader):
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


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp)


@dataclass(frozen=True, slots=True)
class Document:
    """A Markdown file: its front matter (a mapping) and its body."""

    meta: dict[str, Any]
    body: str


def split_front_matter(text: str, path: str) -> tuple[Document, list[Diagnostic]]:
    """Front matter between ``---`` lines at the top (YAML), then the body. Bad YAML is a diagnostic. A control
    character (but tab and line ends) becomes U+FFFD, as a byte that is not UTF-8 does."""
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
        meta = yaml.load("".join(lines[1:end]), Loader=_FrontMatterLoader) or {}  # noqa: S506 - a safe loader
    except RecursionError:
        return Document({}, body), [Diagnostic(Level.ERROR, SourceSpan(path, 2),
                                               "front matter is not valid YAML: nested too deeply")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return Document({}, body), [Diagnostic(Level.ERROR, SourceSpan(path, line),
                                               f"front matter is not valid YAML: {problem}")]
    if not isinstance(meta, dict):
        return Document({}, body), [Diagnostic(
            Level.ERROR, SourceSpan(path, 2), "front matter must be 'key: value' lines")]
    return Document(meta, body), []
