"""One page per person: the name forms of each source resolved to people (people.py), authors.toml's
overrides, the author page's variants, and ``site-builder authors``.

Names come through the real readers, from the seed's catalogue record and small records in the other formats
that spell the seed's authors the way those formats do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.diagnostics import Level
from site_builder.model.article import Article, Person
from site_builder.model.library import build_library
from site_builder.model.names import fits, name_form, parse_name
from site_builder.model.people import People, resolve
from site_builder.model.people_rules import Rules, parse_rules
from site_builder.readers import bibtex, csl_json, medline, read_file, to_article

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "data" / "catalogue-dump" / "seed.txt"

MEDLINE_AU = """PMID- 99000001
TI  - A MEDLINE record of the old kind, with AU lines only.
DP  - 2022 Jan
AU  - Cazzato RL
AU  - Hubele F
AU  - Kurtz JE
"""
BIBTEX = """@article{cazzato2022,
  author = {Cazzato, R. L. and Hubele, Fabrice and Garnon, J.},
  title = {A BibTeX entry naming the seed's authors by initials},
  journal = {Test Journal},
  year = {2022}
}
"""
CSL = """[{"id": "c1", "type": "article-journal", "title": "A CSL-JSON item", "container-title": "Test Journal",
  "issued": {"date-parts": [[2023]]},
  "author": [{"family": "Cazzato", "given": "Roberto Luigi"}, {"family": "Gangi", "given": "Afshin"}]}]
"""


def read(module, text: str, path: str) -> list[Article]:
    records, problems = module.read(text, path)
    assert records, problems
    return [to_article(r)[0] for r in records]


@pytest.fixture(scope="module")
def seed() -> Article:
    (record,), _ = read_file(SEED, "seed.txt")
    return to_article(record)[0]


@pytest.fixture(scope="module")
def four_formats(seed) -> dict[str, Article]:
    return {"seed": seed, "medline": read(medline, MEDLINE_AU, "m.nbib")[0],
            "bibtex": read(bibtex, BIBTEX, "b.bib")[0], "csl": read(csl_json, CSL, "c.json")[0]}


def people_of(**bylines: list[str] | list[Person]) -> People:
    """resolve() over bylines given as "Family, Given" strings (or Persons), one article per keyword."""
    return resolve({k: [p if isinstance(p, Person) else parse_name(p) for p in names]
                    for k, names in bylines.items()}, explain=True)


def key_of(people: People, article: str, family: str) -> str:
    return next(k for k, written in people.bylines[article] if written.startswith(family))


# --- the seed's authors as four formats write them -------------------------------------------------------------

def test_the_readers_write_the_forms_the_issue_names(four_formats) -> None:
    names = {k: [p.name for p in a.authors if p.name.startswith("Cazzato")] for k, a in four_formats.items()}
    assert names == {"seed": ["Cazzato, Roberto Luigi"], "medline": ["Cazzato, RL"], "bibtex": ["Cazzato, R. L."],
                     "csl": ["Cazzato, Roberto Luigi"]}


def test_one_name_in_four_formats_is_one_person(four_formats) -> None:
    people = resolve({k: a.authors for k, a in four_formats.items()})
    keys = {key_of(people, k, "Cazzato") for k in four_formats}
    assert keys == {"cazzato-roberto-luigi"}
    assert people.names["cazzato-roberto-luigi"] == "Cazzato, Roberto Luigi"
    (merge,) = [m for m in people.merges if m.key == "cazzato-roberto-luigi"]
    assert merge.names[0] == ("Cazzato, Roberto Luigi", 2, "")
    why = {name: reason for name, _, reason in merge.names}
    assert "initials fit 'Cazzato, Roberto Luigi'" in why["Cazzato, RL"]
    assert "the only person of that name" in why["Cazzato, R. L."]


def test_a_name_without_its_accent_is_the_same_person(four_formats) -> None:
    people = resolve({k: a.authors for k, a in four_formats.items()})
    assert key_of(people, "seed", "Hubel") == key_of(people, "bibtex", "Hubel") == "hubele-fabrice"
    assert people.names["hubele-fabrice"] == "Hubelé, Fabrice"
    (merge,) = [m for m in people.merges if m.key == "hubele-fabrice"]
    assert ("Hubele, Fabrice", 1, "the same name, accents, case and punctuation aside") in merge.names


def test_medline_initials_fit_a_hyphenated_given_name(four_formats) -> None:
    people = resolve({k: a.authors for k, a in four_formats.items()})
    assert key_of(people, "medline", "Kurtz") == key_of(people, "seed", "Kurtz") == "kurtz-jean-emmanuel"
    assert key_of(people, "medline", "Hubele") == "hubele-fabrice"  # "Hubele F": initial, accent and all


def test_initials_with_a_single_full_form_join_it(four_formats) -> None:
    people = resolve({k: a.authors for k, a in four_formats.items()})
    assert key_of(people, "bibtex", "Garnon") == key_of(people, "seed", "Garnon") == "garnon-julien"


# --- names that stay apart ---------------------------------------------------------------------------------------

def test_two_different_full_given_names_are_never_merged() -> None:
    people = people_of(a=["Cazzato, Roberto"], b=["Cazzato, Rita"], c=["Cazzato, Roberto Luigi"])
    assert key_of(people, "a", "Cazzato") == key_of(people, "c", "Cazzato") != key_of(people, "b", "Cazzato")
    assert people.near_misses == ()  # first names that differ outright are not worth a line of the report
    people = people_of(a=["Cazzato, Roberto Luigi"], b=["Cazzato, Roberto Carlo"], c=["Cazzato, Roberto"])
    assert len({key_of(people, k, "Cazzato") for k in "abc"}) == 3
    assert any(set(m.names) == {"Cazzato, Roberto Luigi", "Cazzato, Roberto Carlo"}
               and m.reason == "different given names" for m in people.near_misses)


def test_an_initial_that_fits_two_people_stays_alone() -> None:
    people = people_of(a=["Cazzato, Roberto"], b=["Cazzato, Rita"], c=["Cazzato, R"])
    keys = {key_of(people, k, "Cazzato") for k in "abc"}
    assert len(keys) == 3
    assert people.names[key_of(people, "c", "Cazzato")] == "Cazzato, R"
    ambiguous = [m for m in people.near_misses if m.names[0] == "Cazzato, R" and "fits 2 people" in m.reason]
    assert ambiguous and set(ambiguous[0].names[1:]) == {"Cazzato, Roberto", "Cazzato, Rita"}


def test_the_same_initial_joins_when_only_one_person_fits() -> None:
    people = people_of(a=["Cazzato, Roberto"], c=["Cazzato, R"])
    assert key_of(people, "a", "Cazzato") == key_of(people, "c", "Cazzato") == "cazzato-roberto"


def test_initials_without_a_full_form_are_not_merged() -> None:
    people = people_of(a=["Cazzato, R"], b=["Cazzato, RL"], c=["Cazzato, R. L."])
    assert key_of(people, "b", "Cazzato") == key_of(people, "c", "Cazzato")  # one form, spelled two ways
    assert key_of(people, "a", "Cazzato") != key_of(people, "b", "Cazzato")
    assert any("no full given name" in m.reason for m in people.near_misses)


def test_initials_must_all_be_accounted_for_by_the_full_form() -> None:
    people = people_of(a=["Lee, SangJoon"], b=["Lee, S P"])
    assert key_of(people, "a", "Lee") != key_of(people, "b", "Lee")
    people = people_of(a=["Calabrese, Edward J"], b=["Calabrese, E J"])
    assert key_of(people, "a", "Calabrese") == key_of(people, "b", "Calabrese")


def test_a_hyphenated_given_name_is_one_name() -> None:
    assert not fits(name_form(parse_name("Wang, Hao")), name_form(parse_name("Wang, Hao-Fan")))
    assert fits(name_form(parse_name("Wang, Xiao-Ming")), name_form(parse_name("Wang, Xiaoming")))
    assert fits(name_form(parse_name("Roberto, Luigi")), name_form(parse_name("Roberto, Luigi Maria")))


def test_a_missing_middle_name_is_no_contradiction() -> None:
    people = people_of(a=["Kaye, Alan David"], b=["Kaye, Alan D"], c=["Kaye, Alan"], d=["Kaye, Adam M"])
    assert len({key_of(people, k, "Kaye") for k in "abc"}) == 1
    assert key_of(people, "d", "Kaye") != key_of(people, "a", "Kaye")


def test_two_names_of_one_byline_are_two_people() -> None:
    people = people_of(a=["Kaye, Alan David", "Kaye, Alan D"])
    assert [k for k, _ in people.bylines["a"]] == ["kaye-alan-david", "kaye-alan-d"]
    assert any(m.reason == "named together on one byline: co-authors are two people" for m in people.near_misses)


def test_a_byline_keeps_every_name_in_its_place() -> None:
    people = people_of(a=["Wang, L", "Smith, John", "Wang, L", "---", Person("")])
    assert [written for _, written in people.bylines["a"]] == ["Wang, L", "Smith, John", "Wang, L", "---", ""]
    keys = [k for k, _ in people.bylines["a"]]
    assert keys[0] == keys[2] and len(set(keys[:4])) == 3 and keys[4] == ""
    assert people.names[keys[3]] == "---"  # a name of signs only is still shown and has its page


def test_groups_match_only_themselves() -> None:
    people = people_of(a=[Person("Cancer Research UK")], b=[Person("Cancer research UK")],
                       c=[Person("Cancer, Research", "Cancer", "Research")])
    assert key_of(people, "a", "Cancer") == key_of(people, "b", "Cancer")
    assert key_of(people, "c", "Cancer") != key_of(people, "a", "Cancer")


# --- ORCID decides -----------------------------------------------------------------------------------------------

def test_two_orcids_are_two_people_with_distinct_keys() -> None:
    people = people_of(a=[Person("Wang, Li", "Wang", "Li", orcid="0000-0001-0000-0001")],
                       b=[Person("Wang, Li", "Wang", "Li", orcid="0000-0001-0000-0002")],
                       c=["Wang, Li"])
    keys = [key_of(people, k, "Wang") for k in "abc"]
    assert len(set(keys)) == 3
    assert keys[0] == "wang-li" and keys[1].startswith("wang-li-")
    assert any(m.reason == "different ORCIDs" for m in people.near_misses)


def test_one_orcid_joins_names_the_rules_would_keep_apart() -> None:
    orcid = "0000-0003-1192-3647"
    people = people_of(a=[Person("Ciofani, Gianni", "Ciofani", "Gianni", orcid=orcid)],
                       b=[Person("Ciofani, G", "Ciofani", "G", orcid=orcid)],
                       c=[Person("Smith-Ciofani, Gianni", "Smith-Ciofani", "Gianni", orcid=orcid)],
                       d=["Ciofani, Gianni"])
    assert len({key_of(people, k, k2) for k, k2 in (("a", "Ciofani"), ("b", "Ciofani"), ("c", "Smith"),
                                                     ("d", "Ciofani"))}) == 1
    (merge,) = people.merges
    assert any(f"same ORCID {orcid}" == why for _, _, why in merge.names)


# --- authors.toml -----------------------------------------------------------------------------------------------

def rules(text: str) -> Rules:
    found, problems = parse_rules(text, "authors.toml")
    assert problems == []
    return found


def test_merge_forces_an_ambiguous_initial_onto_one_person() -> None:
    bylines = {"a": [parse_name("Cazzato, Roberto")], "b": [parse_name("Cazzato, Rita")],
               "c": [parse_name("Cazzato, R")]}
    people = resolve(bylines, rules('# R. is Roberto\n[[merge]]\nnames = ["Cazzato, R.", "Cazzato, Roberto"]\n'),
                     explain=True)
    assert key_of(people, "c", "Cazzato") == key_of(people, "a", "Cazzato") == "cazzato-roberto"
    assert key_of(people, "b", "Cazzato") == "cazzato-rita"
    (merge,) = people.merges
    assert ("Cazzato, R", 1, "merged by authors.toml:2") in merge.names


def test_keep_apart_forbids_a_merge_the_rules_would_make(four_formats) -> None:
    found = rules('[[keep_apart]]\nnames = ["Cazzato RL", "Cazzato, Roberto Luigi"]\n')
    people = resolve({k: a.authors for k, a in four_formats.items()}, found, explain=True)
    assert key_of(people, "medline", "Cazzato") != key_of(people, "seed", "Cazzato")
    assert key_of(people, "bibtex", "Cazzato") == key_of(people, "medline", "Cazzato")  # same form as RL
    assert any(m.reason == "kept apart by authors.toml" for m in people.near_misses)


@pytest.mark.parametrize(("text", "line", "message"), [
    ('[[merge]]\nnames = ["Cazzato, R" "Cazzato, Roberto"]\n', 2, "not valid TOML"),
    ('[[merg]]\nnames = ["A, B", "A, C"]\n', 1, "did you mean [[merge]]?"),
    ('[[merge]]\nnames = ["A, B", "A, C"]\n\n[[merge]]\nnames = ["Cazzato, R"]\n', 4, "two names or more"),
    ('[[merge]]\nnames = ["A, B", "A, C"]\nwhy = "x"\n', 1, "exactly one key"),
    ('[[merge]]\nnames = ["A, Bo", "A, B"]\n[[keep_apart]]\nnames = ["A, B", "A, Bo"]\n', 1, "the merge is ignored"),
])
def test_authors_toml_problems_name_their_line(text: str, line: int, message: str) -> None:
    _, problems = parse_rules(text, "authors.toml")
    assert [(d.level, d.where.line) for d in problems][:1] == [(Level.ERROR, line)]
    assert message in problems[0].message


def test_a_name_no_author_has_is_a_warning(make_site, tmp_path: Path) -> None:
    from site_builder.build import build

    site = make_site({"seed.txt": SEED.read_bytes()})
    (site / "authors.toml").write_text('[[merge]]\nnames = ["Cazato, Roberto", "Cazzato, Roberto Luigi"]\n')
    result = build(site, tmp_path / "out")
    (warning,) = result.report.diagnostics
    assert str(warning.where) == "authors.toml:1" and warning.level is Level.WARNING
    assert "'Cazato, Roberto'" in warning.message


# --- the library and the pages -----------------------------------------------------------------------------------

def test_library_maps_every_form_to_one_author(four_formats) -> None:
    library = build_library(list(four_formats.values()))
    assert len([k for k in library.authors if k.startswith("cazzato")]) == 1
    author = library.authors["cazzato-roberto-luigi"]
    assert author.name == "Cazzato, Roberto Luigi"
    assert set(author.variants) == {"Cazzato, RL", "Cazzato, R. L."}
    assert len(author.articles) == 4
    for key in library.articles:
        assert "cazzato-roberto-luigi" in library.article_authors[key]
    gangi = dict(library.coauthors("cazzato-roberto-luigi"))["gangi-afshin"]
    assert gangi == 2


def test_frequent_coauthors_are_the_coauthors_met_again(four_formats) -> None:
    """An author's page names those who wrote more than one article with the author, most shared first, and counts
    everyone who wrote with them: what the co-authors ranked whole say, limited or not."""
    library = build_library(list(four_formats.values()))
    assert any(len(a.articles) > 1 for a in library.authors.values())
    for key in library.authors:
        everyone = {other for article in library.authors[key].articles for other in library.article_authors[article]}
        for limit in (1, 2, 200):
            again = tuple(counted for counted in library.coauthors(key, limit) if counted[1] > 1)
            assert library.frequent_coauthors(key, limit) == (again, len(everyone - {key})), (key, limit)


def test_author_page_lists_the_name_variants(make_site, tmp_path: Path, html) -> None:
    from site_builder.build import build

    site = make_site({"seed.txt": SEED.read_bytes(), "b.bib": BIBTEX, "m.nbib": MEDLINE_AU})
    result = build(site, tmp_path / "out")
    assert result.report.diagnostics == []
    root = html.parse(result.output / "authors" / "cazzato-roberto-luigi.html")
    assert html.headings(root, "h1") == ["Cazzato, Roberto Luigi"]
    text = html.text(html.main(root))
    assert "Cazzato, R. L." in text and "Cazzato, RL" in text
    works = {h for h, _ in html.anchors(html.main(root)) if "/articles/" in h and h.endswith(".html")}
    assert len(works) == 3
    assert not (result.output / "authors" / "cazzato-rl.html").exists()
    assert not (result.output / "authors" / "hubele-f.html").exists()


def test_authors_command_prints_merges_and_near_misses(make_site, cli) -> None:
    site = make_site({"seed.txt": SEED.read_bytes(), "b.bib": BIBTEX, "m.nbib": MEDLINE_AU,
                      "c.json": CSL.replace("Gangi", "Cazzato").replace("Afshin", "Rita")})
    run = cli("authors", "--source", str(site), cwd=site)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Cazzato, Roberto Luigi  (authors/cazzato-roberto-luigi.html)" in out
    merged = out.split("Cazzato, Roberto Luigi  (authors/", 1)[1].split("\n\n", 1)[0]
    assert "Cazzato, R. L." in merged and "Cazzato, RL" in merged
    assert "the only person of that name they fit" in merged
    assert "Hubele, Fabrice" in out and "accents, case and punctuation aside" in out
    assert "Cazzato, Rita | Cazzato, Roberto Luigi" in out or "Cazzato, Roberto Luigi | Cazzato, Rita" in out
    assert "authors.toml" in out


def test_authors_command_applies_authors_toml(make_site, cli) -> None:
    site = make_site({"seed.txt": SEED.read_bytes(), "m.nbib": MEDLINE_AU})
    (site / "authors.toml").write_text('[[keep_apart]]\nnames = ["Kurtz, JE", "Kurtz, Jean-Emmanuel"]\n')
    run = cli("authors", "--source", str(site), cwd=site)
    assert run.returncode == 0, run.stderr
    assert "Kurtz, JE | Kurtz, Jean-Emmanuel" in run.stdout or "Kurtz, Jean-Emmanuel | Kurtz, JE" in run.stdout
    assert "kept apart by authors.toml" in run.stdout


def test_near_misses_are_worked_out_only_when_asked() -> None:
    bylines = {"a": [parse_name("Cazzato, Roberto Luigi")], "b": [parse_name("Cazzato, Roberto Carlo")]}
    assert resolve(bylines).near_misses == ()
    assert resolve(bylines, explain=True).near_misses


def test_a_generation_after_the_family_name_is_the_same_person() -> None:
    """Scopus writes Frank R. Thompson III "Thompson III, F.R." in one byline and "Thompson, F.R., III" in another
    (as its BibTeX export of litsearchr's search does, GPL-3, so not copied here), Loren W. Burger Jr. "Burger
    Jr., L.W." where Web of Science writes "Burger, LW": the generation was read as part of the family name, and
    one person had two or three author pages. It is the suffix now; each byline keeps the name as written."""
    scopus = read(bibtex, "@article{a, title = {A}, author = {Burhans, D.E. and Thompson III, F.R.}}\n"
                          "@article{b, title = {B}, author = {Matseur, E.A. and Thompson, F.R., III}}\n"
                          "@article{c, title = {C}, author = {Burger Jr., L.W. and Leslie Jr., D.M.}}\n"
                          "@article{d, title = {D}, author = {Crosby, A.D. and Leslie, D.M., Jr.}}\n", "s.bib")
    wos = read(bibtex, "@article{e, title = {E}, author = {Burger, LW and Thompson, FR}}\n", "w.bib")
    assert [(p.name, p.family, p.suffix) for a in scopus for p in a.authors if p.suffix] == [
        ("Thompson III, F.R.", "Thompson", "III"), ("Thompson, F.R., III", "Thompson", "III"),
        ("Burger Jr., L.W.", "Burger", "Jr."), ("Leslie Jr., D.M.", "Leslie", "Jr."),
        ("Leslie, D.M., Jr.", "Leslie", "Jr.")]
    people = resolve({a.id: a.authors for a in [*scopus, *wos]})
    assert key_of(people, scopus[0].id, "Thompson") == key_of(people, scopus[1].id, "Thompson") == key_of(
        people, wos[0].id, "Thompson")
    assert key_of(people, scopus[2].id, "Burger") == key_of(people, wos[0].id, "Burger")
    assert key_of(people, scopus[2].id, "Leslie") == key_of(people, scopus[3].id, "Leslie")


def test_particles_written_after_the_given_name_are_the_family_names() -> None:
    """One person as MEDLINE writes him ("FAU - van der Meer, Jos W M", "AU  - van der Meer JW"), as a BibTeX
    library and a catalogue heading write a Dutch name, the particles after the given name ("Meer, J. van der",
    "Meer, Jos W. M. van der", retyped shapes): the family name was "Meer", the given name "J. van der", and the
    person had two author pages. One page; each byline keeps its own form."""
    nbib = ("PMID- 99000002\nTI  - A MEDLINE record.\nDP  - 2001 Jan\nFAU - van der Meer, Jos W M\n"
            "AU  - van der Meer JW\n")
    bib = ("@article{m1, author = {Meer, J. van der and Doe, Karl}, title = {A BibTeX entry}, journal = {BMJ},"
           " year = {2002}}\n")
    (medline_article,), (bibtex_article,) = read(medline, nbib, "m.nbib"), read(bibtex, bib, "b.bib")
    heading = parse_name("Meer, Jos W. M. van der")
    assert (heading.family, heading.given) == ("van der Meer", "Jos W. M.")
    assert [(p.name, p.family, p.given) for p in bibtex_article.authors[:1]] == [
        ("Meer, J. van der", "van der Meer", "J.")]
    people = resolve({"medline": medline_article.authors, "bibtex": bibtex_article.authors, "catalogue": [heading]})
    keys = {key_of(people, k, f) for k, f in (("medline", "van"), ("bibtex", "Meer"), ("catalogue", "Meer"))}
    assert len(keys) == 1
    assert [written for _, written in people.bylines["bibtex"]][0] == "Meer, J. van der"


@pytest.mark.parametrize("name", ["Silveira, Zilda de Castro", "Avena, Katia de Miranda", "Meer, van der",
                                  "Smith, John Y"])
def test_a_particle_inside_the_given_name_stays_there(name: str) -> None:
    """Only particles that end the given name move: "de" inside a Portuguese given name (the demo collection's
    "Silveira, Zilda de Castro") stays, and a name of particles alone is not emptied."""
    person = parse_name(name)
    assert f"{person.family}, {person.given}" == name


def test_who_is_who_is_remembered_by_each_byline_as_packed_with_its_article() -> None:
    """The library remembers who is who by each byline's digest (packing.byline_digest), kept with the packed
    article (packing.Shared.bylines): that digest is the one made anew from the unpacked article, it is another
    for any field of any person changed, and a byline changed is worked out again, never taken as it was."""
    from site_builder.model import packing

    jane = Person("Doe, Jane", "Doe", "Jane")
    richard = Person("Roe, Richard", "Roe", "Richard")
    articles = [Article(id="a", title="One work", date="2020", authors=(jane, richard)),
                Article(id="b", title="Another work", date="2021", authors=(jane,))]
    shared = packing.Shared()
    unpacked, _ = packing.unpack(packing.pack(articles, []), shared)
    assert [shared.bylines[id(a)] for a in unpacked] == [packing.byline_digest(a.authors) for a in articles]
    changed = {packing.byline_digest((Person("Doe, Jane", "Doe", "Jane", *more),)) for more in
               [(), ("J.",), ("", "0000-0002-1825-0097")]}
    assert len(changed) == 3
    kept: dict[bytes, object] = {}

    def remember(inputs: bytes, make):  # type: ignore[no-untyped-def]
        if inputs not in kept:
            kept[inputs] = make()
        return kept[inputs]

    first = build_library(unpacked, remember=remember, bylines_known=shared.bylines)
    assert first == build_library(unpacked)
    renamed = [unpacked[0], Article(id="b", title="Another work", date="2021",
                                    authors=(Person("Doe, Janet", "Doe", "Janet"),))]
    again = build_library(renamed, remember=remember, bylines_known=shared.bylines)
    assert len(kept) == 2
    assert again == build_library(renamed)


@pytest.mark.parametrize("apart", [False, True])
def test_the_articles_are_given_once_meanwhile_however_who_is_who_is_found(monkeypatch: pytest.MonkeyPatch,
                                                                          apart: bool) -> None:
    """build_library's ``meanwhile`` is given the library's articles (by key, newest first) once: while who is who is
    worked out apart, when it is worked out here, and when it is remembered; the library is the same each way."""
    from site_builder import workers
    from site_builder.model import library

    monkeypatch.setattr(library, "PEOPLE_APART_MIN", 1)
    monkeypatch.setattr(workers, "jobs", lambda: 2)
    articles = [Article(id="a", title="One work", date="2020", authors=(Person("Doe, Jane", "Doe", "Jane"),)),
                Article(id="b", title="Another work", date="2021", authors=(Person("Roe, Richard", "Roe", "Richard"),))]
    kept: dict[bytes, object] = {}

    def remember(inputs: bytes, make):  # type: ignore[no-untyped-def]
        if inputs not in kept:
            kept[inputs] = make()
        return kept[inputs]

    given: list[list[str]] = []
    for _ in range(2):  # made, then remembered
        for remembered in (remember, None):
            made = build_library(articles, remember=remembered, remember_parts=remembered,
                                 apart=workers.apart if apart else None,
                                 meanwhile=lambda keyed: given.append(list(keyed)))
            assert made == build_library(articles)
    assert kept
    assert given == [list(build_library(articles).articles)] * 4 == [["b", "a"]] * 4
