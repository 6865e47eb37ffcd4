"""Names are cited as PubMed cites them, with the record's own form kept in the downloads.

Initials run together, as MEDLINE and Web of Science write them ("Parkes-Loach, PS"), are initials: a CSL
processor read "PS" as one name and kept its first letter ("Parkes-Loach P"). A given name's lowercase parts are
initialled ("Ma, Yuan-zheng" is PubMed's "Ma YZ"), the family's particles written after the given name go before
the family name ("van der Maaten L"), and a suffix at the end of a full name is a suffix ("White AC Jr"). Real
records: tests/data/ris/example_wos.ris, every MEDLINE record of tests/data (and ../shared's, when present), whose
AU lines are PubMed's own citation names."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from site_builder import readers
from site_builder.cite.csl import to_csl_json
from site_builder.cite.references import STYLES, format_references
from site_builder.model.article import Article, Person
from site_builder.model.normalize import parse_person

VANCOUVER = tuple(style for style in STYLES if style.id == "vancouver")
WOS = Path(__file__).resolve().parents[1] / "data" / "ris" / "example_wos.ris"


@pytest.fixture(scope="module")
def photosynthesis() -> Article:
    records, diagnostics = readers.read_file(WOS, WOS.name)
    assert diagnostics == []
    return next(a for a in (readers.to_article(r)[0] for r in records) if a.title.startswith("Interactions"))


def test_run_together_initials_are_cited_whole(photosynthesis: Article) -> None:
    assert [p.given for p in photosynthesis.authors] == ["PS", "AP", "CJ", "PA"]
    cited = {c.style_id: c.text for c in format_references(photosynthesis)}
    assert cited["vancouver"].startswith("Parkes-Loach PS, Majeed AP, Law CJ, Loach PA. Interactions")
    assert cited["ama"].startswith("Parkes-Loach PS, Majeed AP, Law CJ, Loach PA. Interactions")
    assert cited["apa"].startswith("Parkes-Loach, P. S., Majeed, A. P., Law, C. J., & Loach, P. A. (")


def test_the_download_keeps_the_records_form(photosynthesis: Article) -> None:
    assert [a["given"] for a in to_csl_json(photosynthesis)["author"]] == ["PS", "AP", "CJ", "PA"]


@pytest.mark.parametrize(("given", "vancouver", "apa"), [
    ("Jae-Ho", "Kim JH", "Kim, J.-H."),
    ("J", "Kim J", "Kim, J."),
    ("R. J.", "Kim RJ", "Kim, R. J."),
    ("Jo", "Kim J", "Kim, J."),  # a name written out, not initials
])
def test_other_given_names_are_as_before(photosynthesis: Article, given: str, vancouver: str, apa: str) -> None:
    person = photosynthesis.authors[0]
    article = dataclasses.replace(photosynthesis, authors=(dataclasses.replace(person, family="Kim", given=given,
                                                                               name=f"Kim, {given}"),))
    cited = {c.style_id: c.text for c in format_references(article)}
    assert cited["vancouver"].startswith(f"{vancouver}. Interactions")
    assert cited["apa"].startswith(f"{apa} (")


@pytest.mark.parametrize(("family", "given", "vancouver", "apa"), [
    ("Li", "shuang", "Li S", "Li, S."),  # a given name written in lowercase
    ("Ma", "Yuan-zheng", "Ma YZ", "Ma, Y.-Z."),  # PubMed's own "Ma YZ" (its FAU "Ma, Yuan-zheng")
    ("Maaten", "Laurens van der", "van der Maaten L", "van der Maaten, L."),  # the family's particles
    ("Doesschate", "T. ten", "ten Doesschate T", "ten Doesschate, T."),
    ("Gomes", "Raquel Regina de Freitas Magalhães", "Gomes RRFM", "Gomes, R. R. F. M."),
    ("Arcas", "Blaise Aguera y", "Arcas BA y", "Arcas, B. A. y"),  # a conjunction: left as it is
    # OpenAlex's display name "Charles\u2010Edmond Bichot" (10.4018/978-1-4666-1891-6.ch004, in commonmeta-py's
    # recorded answer): Unicode's hyphen was no break, and the name was cited "Bichot C", "Bichot, C."
    ("Bichot", "Charles\u2010Edmond", "Bichot CE", "Bichot, C.-E."),
    ("Kim", "Jae\u2011Ho", "Kim JH", "Kim, J.-H."),  # the non-breaking hyphen
])
def test_given_names_are_initialled_as_pubmed_does(photosynthesis: Article, family: str, given: str,
                                                   vancouver: str, apa: str) -> None:
    person = dataclasses.replace(photosynthesis.authors[0], family=family, given=given, name=f"{family}, {given}")
    cited = {c.style_id: c.text for c in format_references(dataclasses.replace(photosynthesis, authors=(person,)))}
    assert cited["vancouver"].startswith(f"{vancouver}. Interactions")
    assert cited["apa"].startswith(apa)


def test_a_generational_suffix_at_the_end_of_a_full_name_is_a_suffix() -> None:
    """MEDLINE's FAU "White, A Clinton Jr" (its AU "White AC Jr"): the suffix, not an initial J."""
    person = parse_person("White, A Clinton Jr")
    assert (person.family, person.given, person.suffix) == ("White", "A Clinton", "Jr")
    assert parse_person("White, A. Clinton, Jr.").suffix == "Jr."
    assert parse_person("Smith, Junior").given == "Junior"


MEDLINE = [Path(__file__).resolve().parents[1] / "data" / "medline-nbib",
           Path(__file__).resolve().parents[3] / "shared" / "corpus" / "medline-nbib"]


def test_vancouver_names_every_author_as_pubmed_does() -> None:
    """PubMed's own initials (each record's AU) are the oracle: every author of every MEDLINE record we have is
    cited with the same family name, suffix and initials, or with more of the initials the full name (FAU) gives
    where PubMed keeps two ("Birch PRJ" for its "Birch PR")."""
    files = sorted(p for folder in MEDLINE if folder.is_dir() for p in folder.rglob("*") if p.suffix in (".nbib",
                                                                                                         ".txt"))
    checked = 0
    for path in files:
        records, _ = readers.read_file(path, path.name)
        for record in records:
            listed = record.values("AU")
            if not listed or len(listed) != len(record.values("FAU")):
                continue  # a name given one way only ("et al.", a group)
            pubmed = list(listed)[:6]
            article = readers.to_article(record)[0]
            ours = format_references(article, styles=VANCOUVER)[0].text.split(". ")[0].split(", ")[:len(pubmed)]
            for theirs, mine in zip(pubmed, ours, strict=True):
                assert _as_pubmed(mine, theirs) == theirs, (path.name, record.first("PMID"), mine, theirs)
            checked += 1
    assert checked >= 10


def _as_pubmed(mine: str, theirs: str) -> str:
    """Our name with its initials cut to as many as PubMed gives."""
    *family, initials = theirs.split(" ")
    if initials in ("Jr", "Sr") and len(family) > 1:
        return mine  # family, initials, suffix: compared whole
    mine_family, _, mine_initials = mine.rpartition(" ")
    if " ".join(family).startswith(mine_family + " "):
        return theirs  # PubMed's own reading of a particle: "Candel-Arenas Mde L" for "Maria de la Fe"
    if mine_family == " ".join(family) and mine_initials.startswith(initials):
        return theirs
    return mine


@pytest.mark.parametrize(("family", "given", "apa"), [
    ("Almeida", "Thiago Oliveira e", "Almeida, T. O. e, & Benfica, C. E. R. T. (2013)."),  # SciELO (a real record)
    ("Arcas", "Blaise Aguera y", "Arcas, B. A. y, & Benfica, C. E. R. T. (2013)."),  # Manubot's CSL-JSON
])
def test_no_mark_follows_a_word_left_as_it_is(photosynthesis: Article, family: str, given: str, apa: str) -> None:
    """citeproc-py wrote the initials' mark after a lowercase word it keeps, with no initial before it: "Almeida,
    T. O. e ., & Benfica" (a real SciELO RIS record, "AU  - Almeida, Thiago Oliveira e")."""
    people = (Person(f"{family}, {given}", family, given),
              Person("Benfica, Carlos Eduardo Ribas Tameirão", "Benfica", "Carlos Eduardo Ribas Tameirão"))
    article = dataclasses.replace(photosynthesis, authors=people, date="2013", date_printed="")
    cited = {c.style_id: c.text for c in format_references(article)}
    assert cited["apa"].startswith(apa)
    assert " ." not in cited["apa"] and " ." not in cited["vancouver"]


def test_the_medline_download_initials_a_name_joined_by_unicodes_hyphen() -> None:
    """The .nbib download's AU ("Bichot CE"), from OpenAlex's "Charles\u2010Edmond"."""
    from site_builder.cite.parts import initials

    assert (initials("Charles\u2010Edmond"), initials("Jae\u2011Ho"), initials("Jean-Pierre")) == ("CE", "JH", "JP")
