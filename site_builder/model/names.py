"""Name forms: what is left of a person's name once spelling differences are folded away, and when two forms
can belong to one person. Pure functions, used by people.py (the person resolution) and people_rules.py.

"Hubelé, Fabrice" and "Hubele, Fabrice" have one form; "Cazzato, R. L." and MEDLINE's "Cazzato RL" have one form
(family "cazzato", given (r, l)); "Cazzato, Roberto Luigi" has the form (roberto, luigi), which the initials fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from .article import Person
from .normalize import alnum, clean, parse_person

_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Accents and case folded: "Hubelé" → "hubele", "Łukasz" → "lukasz"; other scripts are kept as they are."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_LETTERS)


Word = tuple[str, ...]
"""A given name's parts: ("roberto",), ("jean", "emmanuel") for "Jean-Emmanuel", ("r",) for an initial."""


_T = TypeVar("_T")


class _once(Generic[_T]):  # noqa: N801 (used as a decorator, like the cached_property it replaces)
    """``functools.cached_property`` without its lock: on Python 3.11 every first access takes an RLock, and
    resolving people makes a first access for every name form of every byline."""

    def __init__(self, compute: Callable[[Any], _T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, form: None, owner: Any = None) -> _once[_T]: ...

    @overload
    def __get__(self, form: object, owner: Any = None) -> _T: ...

    def __get__(self, form: Any, owner: Any = None) -> _once[_T] | _T:
        if form is None:
            return self
        value = form.__dict__[self.name] = self.compute(form)  # frozen: set as cached_property does
        return value


@dataclass(frozen=True, order=True)
class NameForm:
    """A name reduced to what identifies it: the folded family name and the given names' words.

    Not slotted, so that the derived values below are computed once per form (resolution compares forms often).
    """

    family: str
    given: tuple[Word, ...] = ()
    group: bool = False
    """A collective name ("Cancer Research UK"): equal to itself only."""

    @_once
    def written_out(self) -> tuple[bool, ...]:
        """For each given word, whether it is written out (not an initial)."""
        return tuple(map(_is_full, self.given))

    @_once
    def full(self) -> bool:
        """Whether a given name is written out (not initials only)."""
        return any(self.written_out)

    @_once
    def initials(self) -> tuple[str, ...]:
        """One letter per part: "Jean-Emmanuel" and "J. E." both give (j, e)."""
        return tuple(part[0] for word in self.given for part in word)

    @_once
    def signature(self) -> str:
        """The form as text, for stable keys and sorting: "cazzato|roberto luigi", "kurtz|jean-emmanuel"."""
        return f"{self.family}|{' '.join('-'.join(word) for word in self.given)}"

    @_once
    def richness(self) -> tuple[int, int, int]:
        """How much the name says, to found a person with the fullest form and to choose the heading of their
        page: parts, full words, letters. Parts come first so that initials written apart ("Stephan J L") rank
        above the same letters run together ("Stephan Jl", as some PMC records write it), whose "Jl" would
        otherwise count as a written-out name."""
        return (len(self.initials), sum(map(_is_full, self.given)), sum(len(p) for w in self.given for p in w))

    @_once
    def letters(self) -> str:
        """The given names' letters, without spaces, hyphens and dots: "Stephan J L" and "Stephan Jl" alike."""
        return "".join(part for word in self.given for part in word)


def _is_full(word: Word) -> bool:
    return any(len(part) > 1 for part in word)


def name_form(person: Person) -> NameForm | None:
    """The person's name form; None for an empty name."""
    return _form(person.family, person.given, "" if person.family else person.name)


@lru_cache(maxsize=1 << 16)
def _form(family: str, given: str, group: str) -> NameForm | None:
    """Cached: a collection names most people many times."""
    if not family:
        folded = alnum(fold(group)) or " ".join(group.split())  # a name of signs only ("—") is still a name
        return NameForm(folded, group=True) if folded else None
    words = _given_words(given)
    if not any(map(_is_full, words)):
        words = tuple((part,) for word in words for part in word)  # "J.-E.", "J. E." and "JE" alike
    return NameForm(alnum(fold(family)), words)


_INITIALS = re.compile(r"[^\W\d_]{1,3}")
_HYPHENS = re.compile(r"[-\u2010-\u2015]+")


def initials_only(given: str) -> bool:
    """Whether a given name is initials run together, as MEDLINE and Web of Science write them ("RL", "PS")."""
    return _INITIALS.fullmatch(given) is not None and given.isupper()


def _given_words(given: str) -> tuple[Word, ...]:
    """ "Roberto Luigi" → (roberto), (luigi); "R. L." and MEDLINE's "RL" → (r), (l); "Jean-Emmanuel" is one
    word of two parts, (jean, emmanuel), and so is "J.-E."."""
    given = given.strip()
    if initials_only(given):
        return tuple((fold(c),) for c in given)
    words = []
    for chunk in re.split(r"\s+|(?<=\.)(?=[^\W\d_])", given):  # "R.L." is two words, like "R. L."
        parts = tuple(p for p in (alnum(fold(part)) for part in _HYPHENS.split(chunk)) if p)
        if parts:
            words.append(parts)
    return tuple(words)


def fits(a: NameForm, b: NameForm) -> bool:
    """Whether two forms can be one person's: the same family, and given names that agree.

    When both have a full given name they are compared word by word: two full words must be equal (hyphens
    aside: "Xiao-Ming" is "Xiaoming", but "Hao" is not "Hao-Fan"), an initial must begin the other word. A word
    missing on one side contradicts nothing only beside a written-out name both share ("Roberto" fits "Roberto
    Luigi"); otherwise the missing word is a name the other person does not have: "Wontae" does not fit "W Ray",
    whose R stands for nothing in "Wontae". When one side is initials only, its initials are compared with the
    other's ("RL" fits "Roberto Luigi", "JE" fits "Jean-Emmanuel").
    """
    if a.group or b.group or a.family != b.family:
        return a == b
    if not (a.full and b.full):
        return all(x == y for x, y in zip(a.initials, b.initials, strict=False))
    return _given_fit(a, b)


def _given_fit(a: NameForm, b: NameForm) -> bool:
    shared = len(a.given) == len(b.given)  # every word has its counterpart
    for x, y, x_full, y_full in zip(a.given, b.given, a.written_out, b.written_out, strict=False):
        if x_full and y_full:
            if "".join(x) != "".join(y):
                return False
            shared = True
        elif not all(p[0] == q[0] for p, q in zip(x, y, strict=False)):
            return False
    return shared


def why_not(a: NameForm, b: NameForm) -> str:
    """Why two forms of one family do not fit, in words for the authors report; "" when they do."""
    if fits(a, b):
        return ""
    if a.full and b.full and all(map(_words_fit, a.given, b.given)):
        return "one has a given name the other lacks, and they share no written-out given name"
    return "different given names"


def same_full_name(a: NameForm, b: NameForm) -> bool:
    """Both written out, with the same letters and the same first name: "Woo-Sung" and "Woosung", "Stephan J L"
    and "Stephan Jl" (the same name spaced or hyphenated differently), not "Lei" and "Lei J"."""
    return (a.full and b.full and a.family == b.family and a.letters == b.letters
            and "".join(a.given[0]) == "".join(b.given[0]))


def _words_fit(x: Word, y: Word) -> bool:
    if _is_full(x) and _is_full(y):
        return "".join(x) == "".join(y)
    return all(p[0] == q[0] for p, q in zip(x, y, strict=False))


def parse_name(text: str) -> Person:
    """A name as a user writes it in authors.toml: "Family, Given", or MEDLINE's "Family GI"."""
    text = clean(text)
    family, _, initials = text.rpartition(" ")
    if "," not in text and family and initials_only(initials):
        return Person(name=f"{family}, {initials}", family=family, given=initials)
    return parse_person(text)
