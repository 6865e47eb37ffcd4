"""Sample articles for the cite tests, built by hand from the seed record (data/seeds/000_9bf5f723bdeec259.txt) and
a few made-up ones with missing parts, group authors, non-ASCII names and LaTeX/HTML special characters."""

from __future__ import annotations

import dataclasses

from site_builder.model.article import Article, Language, Link, Person, Section
from site_builder.model.normalize import parse_person

SEED_AUTHORS = (
    "Cazzato, Roberto Luigi",
    "Hubelé, Fabrice",
    "De Marini, Pierre",
    "Ouvrard, Eric",
    "Salvadori, Julien",
    "Addeo, Pietro",
    "Garnon, Julien",
    "Kurtz, Jean-Emmanuel",
    "Greget, Michel",
    "Mertz, Luc",
    "Goichot, Bernard",
    "Gangi, Afshin",
    "Imperiale, Alessio",
)
SEED_TITLE = (
    "Liver-Directed Therapy for Neuroendocrine Metastases: From Interventional Radiology to Nuclear Medicine Procedures"
)

# As the catalogue dump gives it: no volume, issue or pages.
SEED = Article(
    id="pubmed-8699378",
    title=SEED_TITLE,
    authors=tuple(parse_person(n) for n in SEED_AUTHORS),
    journal="Cancers (Basel)",
    date="2021-12-19",
    publisher="MDPI",
    languages=(Language("English", "en", "eng"),),
    formats=("Online", "Article", "Text"),
    topics=("Review",),
    pmid="34944988",
    pmcid="PMC8699378",
    doi="10.3390/cancers13246368",
    lay_summary=(
        Section("SIMPLE SUMMARY", "Approximately 80% of metastatic patients with GEP-NENs have liver lesions."),
    ),
    abstract=(
        Section("SIMPLE SUMMARY", "Approximately 80% of metastatic patients with GEP-NENs have liver lesions."),
        Section("ABSTRACT", "Neuroendocrine neoplasms (NENs) are rare and heterogeneous epithelial tumors."),
    ),
    rights="© 2021 by the authors.",
    licence_url="https://creativecommons.org/licenses/by/4.0/",
    links=(Link("PubMed Central", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8699378/"),),
)

SEED_FULL = dataclasses.replace(SEED, volume="13", issue="24", pages="6368", keywords=("liver", "neuroendocrine"))

# A group author first, non-ASCII names, a shortened NLM page range, a year-month date, no PMID or PMCID.
GROUP = Article(
    id="pubmed-1000001",
    title="Ga-68 Dotatate PET & Lu-177 therapy: 50% of cases #1, dose_map ~2 $5",
    authors=(
        Person(name="WHO Collaborating Group on Liver Imaging"),
        parse_person("Nowak, Łukasz"),
        parse_person("Müller-Lüdenscheidt, Jörg"),
        parse_person("王, 小明"),
    ),
    journal="J Nucl Med",
    date="2019-03",
    languages=(Language("German", "de", "ger"),),
    volume="60",
    issue="3",
    pages="316-22",
    doi="10.2967/jnumed.118.000_1",
    keywords=("PRRT", "dosimetry"),
)

# Only what every article has.
MINIMAL = Article(id="note-1", title="Untitled note")

# Text that must never become markup.
HOSTILE = Article(
    id="x-1",
    title='<script>alert(1)</script> & "quoted" <span class="nocase">X</span>',
    authors=(Person(name="Group <b>bold</b>"), parse_person("O'Brien, Seán")),
    journal="J <i>Test</i>",
    date="2020",
)

ALL = (SEED, SEED_FULL, GROUP, MINIMAL, HOSTILE)
