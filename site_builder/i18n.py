"""The interface's language: gettext catalogues read with Babel, the callables Jinja's i18n extension calls, and
dates, numbers and language names in the site's locale.

Catalogues are the ``.po`` files themselves (``locales/<lang>.po`` of the theme, and of a site that adds or
changes a language), compiled in memory when a build starts: reading the five shipped ones takes a few
milliseconds, so an installed wheel needs no compile step and a site's own ``.po`` works the same way. A site's
catalogue comes first and the theme's fills in what it leaves out; a message neither translates shows in English.

English is the language of the messages themselves. A bare ``en`` formats dates day first ("19 December 2021"),
as CLDR's international English (``en_001``) does; ``en-US`` gives "December 19, 2021".
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import babel
import babel.dates
import babel.numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup, escape

from .diagnostics import Diagnostic, Level, SourceSpan
from .model import dates
from .model.article import Language
from .model.normalize import right_to_left

SOURCE_LANGUAGE = "en"
"""The language the messages are written in: it needs no catalogue."""
LOCALES_DIR = "locales"
_INTERNATIONAL_ENGLISH = "en_001"


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it: the template that shows it calls ``_()``."""
    return message


@dataclass(frozen=True)
class Interface:
    """The interface language of one build: its catalogue and its locale, with what they cost cached per build."""

    language: str
    """The site's language tag as site.toml gives it ("es", "pt-BR"), for HTML ``lang``."""
    locale: babel.Locale
    translations: gettext.NullTranslations
    _dates: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    _names: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _numbers: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def csl_locale(self) -> str:
        """The CSL locale of references, as citeproc-py names its locale files: "pt-BR", or a bare language ("es",
        which it reads as its primary dialect, es-ES); English is CSL's own en-US."""
        if self.locale.language == SOURCE_LANGUAGE and self.language.replace("_", "-").casefold() == "en":
            return "en-US"
        return f"{self.locale.language}-{self.locale.territory}" if self.locale.territory else self.locale.language

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def number(self, n: int) -> str:
        """A count as the locale writes it ("1,234", "12.345", "12 345")."""
        shown = self._numbers.get(n)
        if shown is None:
            shown = self._numbers[n] = babel.numbers.format_decimal(n, locale=self.locale)
        return shown

    def long_date(self, iso: str) -> str:
        """"2021-12-19" → "19 December 2021" / "19 de diciembre de 2021"; "2021-12" → "December 2021"."""
        return self._date(iso, "long")

    def short_date(self, iso: str) -> str:
        """"2013-10-28" → "28 Oct 2013" / "28 oct 2013", as PubMed's page shows an electronic date."""
        return self._date(iso, "short")

    def _date(self, iso: str, form: str) -> str:
        key = (iso, form)
        shown = self._dates.get(key)
        if shown is None:
            shown = self._dates[key] = _format_date(dates.parts(iso), form, self.locale)
        return shown

    @property
    def plural_samples(self) -> tuple[tuple[str, int], ...]:
        """A count of each of the locale's CLDR plural categories, smallest first (("one", 1), ("other", 0),
        ("many", 1000000) in Spanish): a script that picks a form with ``Intl.PluralRules`` finds each form
        written out for it, made by ``ngettext`` with that count."""
        samples: dict[str, int] = {}
        for n in (*range(0, 200), 1000, 10000, 100000, 1000000):
            samples.setdefault(self.locale.plural_form(n), n)
        return tuple(samples.items())

    def lang_attribute(self, tag: str, direction: bool = False) -> Markup:
        """`` lang="en"`` for record text whose language the record gives and the page's is not; else nothing.
        With ``direction``, `` dir="rtl"`` too where the language is written the other way from the page's (an
        Arabic abstract on an English page)."""
        if not tag or tag.replace("_", "-").casefold() == self.language.replace("_", "-").casefold():
            return Markup("")
        written = text_direction(tag) if direction else ""
        if written and written != self.locale.text_direction:
            return Markup(' lang="%s" dir="%s"') % (tag, written)
        return Markup(' lang="%s"') % tag

    def language_name(self, language: Language) -> str:
        """A work's language named in the interface's language ("Spanish", "español", "Spanisch"); the record's
        own words when they name no language."""
        if not language.tag:
            return language.name
        name = self._names.get(language.tag)
        if name is None:
            name = self._names[language.tag] = _language_name(language, self.language)
        return name


_NAMED_PLACEHOLDER = re.compile(r"%\(\w+\)s|%%")
"""``%(name)s`` and ``%%``: a message with no other placeholder is filled without Markup's own %."""

_SKELETONS = {("long", 3): "long", ("long", 2): "yMMMM", ("short", 3): "yMMMd", ("short", 2): "yMMM"}


def _format_date(known: tuple[int, ...], form: str, locale: babel.Locale) -> str:
    if len(known) < 2:
        return str(known[0]) if known else ""
    day = datetime.date(known[0], known[1], known[2] if len(known) == 3 else 1)
    skeleton = _SKELETONS[(form, len(known))]
    if skeleton == "long":
        return babel.dates.format_date(day, "long", locale=locale)
    return babel.dates.format_skeleton(skeleton, day, locale=locale)


def _language_name(language: Language, interface: str) -> str:
    if interface.replace("_", "-").split("-")[0].casefold() == SOURCE_LANGUAGE:
        return language.name  # langcodes' English name, as languages.py made it
    import langcodes  # only here: an English interface names languages as languages.py did, without it

    return langcodes.Language.get(language.tag).display_name(interface)


def isolated(value: str) -> Markup:
    """A name as a list shows it between punctuation, escaped: in ``<bdi>`` when it holds letters written right to
    left, so that an Arabic or Hebrew name does not carry the semicolon, comma or count beside it to its other side,
    nor swap places with the next such name; any other name as it is."""
    text = escape(value)
    return Markup("<bdi>%s</bdi>") % text if right_to_left(str(value)) else text


@functools.lru_cache(maxsize=256)
def text_direction(tag: str) -> str:
    """"rtl" or "ltr", as CLDR writes the language of ``tag``; "" for a language Babel does not know."""
    try:
        return str(babel.Locale.parse(tag.replace("_", "-"), sep="-").text_direction)
    except (ValueError, babel.UnknownLocaleError):
        return ""


def babel_locale(language: str) -> babel.Locale:
    """The Babel locale of a language tag ("pt-BR", "pt_BR", "es"); a bare "en" is international English."""
    tag = language.replace("_", "-")
    if tag.casefold() == SOURCE_LANGUAGE:
        return babel.Locale.parse(_INTERNATIONAL_ENGLISH)
    return babel.Locale.parse(tag, sep="-")


def catalogue_names(language: str) -> list[str]:
    """The file names a language's catalogue may have, most specific first: pt-BR.po, pt_BR.po, pt.po."""
    tag = language.replace("_", "-")
    parts = tag.split("-")
    names = [f"{tag}.po", f"{tag.replace('-', '_')}.po"] if len(parts) > 1 else []
    return [*dict.fromkeys(names), f"{parts[0]}.po"]


def shipped_languages(theme_locales: Path) -> tuple[str, ...]:
    """The interface languages the theme ships: English and every catalogue beside the template."""
    return (SOURCE_LANGUAGE, *sorted(p.stem for p in theme_locales.glob("*.po")))


def load_interface(language: str, locale_dirs: list[Path], shown: Callable[[Path], str]) -> tuple[
        Interface, list[Diagnostic]]:
    """The interface of ``language`` from the catalogues in ``locale_dirs`` (the site's first), and what is wrong
    with them: a file that cannot be read, a language without any catalogue. ``shown`` names a file for a
    message."""
    problems: list[Diagnostic] = []
    try:
        locale = babel_locale(language)
    except (ValueError, babel.UnknownLocaleError):
        problems.append(Diagnostic(Level.ERROR, SourceSpan("site.toml"),
                                   f"language {language!r} is no language tag Babel knows (en, es, fr, de, pt, "
                                   "pt-BR…); dates and numbers are shown in English"))
        locale = babel.Locale.parse(_INTERNATIONAL_ENGLISH)
    translations: gettext.NullTranslations | None = None
    found = False
    for folder in locale_dirs:
        for name in catalogue_names(language):
            path = folder / name
            if not path.is_file():
                continue
            found = True
            catalogue, read_problems = _read_catalogue(path, locale, shown(path))
            problems += read_problems
            if catalogue is None:
                continue
            if translations is None:
                translations = catalogue
            else:
                translations.add_fallback(catalogue)
    if not found and language.split("-")[0].split("_")[0].casefold() != SOURCE_LANGUAGE:
        problems.append(Diagnostic(
            Level.WARNING, SourceSpan("site.toml"),
            f"no interface catalogue for language {language!r}: the interface is in English; add "
            f"{LOCALES_DIR}/{catalogue_names(language)[-1]} to the site (see README, 'Languages')"))
    return Interface(language, locale, translations or gettext.NullTranslations()), problems


def _read_catalogue(path: Path, locale: babel.Locale, shown: str) -> tuple[gettext.GNUTranslations | None,
                                                                           list[Diagnostic]]:
    """A .po file compiled in memory; fuzzy entries are left out, as msgfmt leaves them, and so are translations
    whose placeholders differ from their message's."""
    try:
        with path.open("rb") as file:
            catalogue = read_po(file, locale=locale, abort_invalid=True)
    except (OSError, PoFileError, UnicodeDecodeError, ValueError) as err:
        line = getattr(err, "lineno", -1) + 1  # Babel counts a PoFileError's lines from 0
        return None, [Diagnostic(Level.ERROR, SourceSpan(shown, line), f"cannot read this catalogue: {err}")]
    problems = []
    for message, errors in list(catalogue.check()):
        # A placeholder misspelt in a translation would fail every page that shows it: English is shown instead.
        problems.append(Diagnostic(Level.ERROR, SourceSpan(shown, message.lineno or 0),
                                   f"{'; '.join(map(str, errors))}: the message is shown in English"))
        catalogue.delete(message.id, message.context)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled), problems


def install(env: Any, interface: Interface) -> None:
    """Give a Jinja environment with the i18n extension the interface's ``_``, ``gettext``, ``ngettext`` and
    ``pgettext``, and the filters that show dates, counts and language names in its locale.

    Jinja's own "newstyle" callables, except that numbers are written as the locale writes them: a count in
    ``{% trans count=n %}{{ count }} article…`` reads "1.234 artículos". Messages are Markup, as Jinja makes
    them: a translation is trusted text, and values put into it are escaped."""

    named_only: dict[str, bool] = {}  # message → whether its only placeholders are %(name)s (and %%)

    def fill(text: str, variables: dict[str, Any], autoescape: bool) -> str:
        if not variables and "%" not in text:  # most messages: what ``% {}`` would give, without its cost
            return Markup(text) if autoescape else text
        shown = {k: interface.number(v) if type(v) is int else v for k, v in variables.items()}
        if not autoescape:
            return text % shown
        simple = named_only.get(text)
        if simple is None:
            simple = named_only[text] = "%" not in _NAMED_PLACEHOLDER.sub("", text)
        if simple:  # what Markup's % gives for %(name)s, without a wrapper object around each value
            return Markup(text % {k: escape(v) for k, v in shown.items()})
        return Markup(text) % shown

    # The evaluation context, not the whole context (Jinja's own callables take that): a call inside a loop or a
    # block that sets a variable would otherwise copy every variable of the page into a new context first.
    translated: dict[str, str] = {}  # a message without values, as an autoescaped template shows it

    @pass_eval_context
    def gettext_(eval_ctx: EvalContext, message: str, **variables: Any) -> str:
        if variables or not eval_ctx.autoescape:
            return fill(interface.gettext(message), variables, eval_ctx.autoescape)
        shown = translated.get(message)
        if shown is None:  # the page's words, a dozen on every page: looked up once per environment
            shown = translated[message] = fill(interface.gettext(message), variables, True)
        return shown

    counted: dict[tuple[object, ...], str] = {}  # a message whose values are all counts, by its counts

    @pass_eval_context
    def ngettext_(eval_ctx: EvalContext, singular: str, plural: str, n: int, **variables: Any) -> str:
        variables.setdefault("num", n)
        if not eval_ctx.autoescape or not all(type(v) is int for v in variables.values()):
            return fill(interface.ngettext(singular, plural, n), variables, eval_ctx.autoescape)
        key = (singular, plural, n, *variables.items())  # every page's footer, every list's count
        shown = counted.get(key)
        if shown is None:
            shown = counted[key] = fill(interface.ngettext(singular, plural, n), variables, True)
        return shown

    @pass_eval_context
    def pgettext_(eval_ctx: EvalContext, message_context: str, message: str, **variables: Any) -> str:
        return fill(interface.pgettext(message_context, message), variables, eval_ctx.autoescape)

    env.globals.update(_=gettext_, gettext=gettext_, ngettext=ngettext_, pgettext=pgettext_)
    env.newstyle_gettext = True
    env.filters["long_date"] = interface.long_date
    env.filters["short_date"] = interface.short_date
    env.filters["number"] = interface.number
    env.filters["language_name"] = interface.language_name
    env.filters["isolated"] = isolated
    env.globals["lang_attr"] = interface.lang_attribute
    env.globals["plural_samples"] = interface.plural_samples


def english() -> Interface:
    """The interface in the messages' own language, with no catalogue."""
    return Interface(SOURCE_LANGUAGE, babel_locale(SOURCE_LANGUAGE), gettext.NullTranslations())
