"""The ``add`` command: works fetched by PMID, PMCID or DOI, checked, and written into content/records/, with
their summaries started on request.

For the identifiers asked for, in their order:

1. one already in the collection (the collection read and merged as a build does) is said and skipped, unless
   ``force``;
2. PMCIDs and DOIs go through the PMC ID converter for their PMIDs (a DOI it cannot map, as it knows only PMC's
   articles, is searched in PubMed's DOI field), DOIs get CSL-JSON from doi.org, and every PMID is fetched as
   MEDLINE text, many in one efetch call (lookup.py); a DOI is added from whichever of doi.org and PubMed has it;
3. each work's answers are checked (add_answers.py): the work asked for, not retracted nor a notice, and not a
   work of the collection, or of an earlier identifier of the same run, by the merge rules of a build;
4. a work's files are written together, each atomically: ``pubmed-<PMID>.nbib`` (MEDLINE as PubMed wrote it)
   and ``doi-<DOI>.json`` (CSL-JSON); a work that fails at any step writes nothing. With ``summary``,
   ``content/summaries/<id>.md`` is started, never over an existing summary of the work.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import CONTENT_DIR
from ..diagnostics import Report
from ..model.article import Article
from ..model.identifiers import doi_key, pmcid_key, pmid_key
from ..model.merge import MIN_TITLE_CHARS, identifiers, merge_articles, title_key
from ..readers import csl_json, medline, registry
from ..readers.files import read_articles
from . import add_answers as answers
from .add_files import describe, start_summary, write_together
from .add_ids import Unreadable, Wanted
from .lookup import BATCH, Client, ServiceError, Services

RECORDS_DIR = "records"


class Status(enum.Enum):
    ADDED = "added"
    PRESENT = "present"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """What became of one identifier."""

    given: str
    """As the user wrote it, with "FILE:LINE: " before it when it came from a list."""
    status: Status
    message: str
    files: tuple[str, ...] = ()
    """What was written, as "content/…" paths."""
    notes: tuple[str, ...] = ()


@dataclass
class _Work:
    """One identifier on its way through the services."""

    wanted: Wanted
    label: str
    pmid: str = ""
    pmcid: str = ""
    csl: dict[str, Any] | None = None
    medline: answers.MedlineAnswer | None = None
    error: str = ""
    csl_error: str = ""
    """Why doi.org gave no CSL-JSON: the work fails for it only when PubMed has no record of the DOI either."""
    pmid_problems: list[str] = field(default_factory=list)
    """Why no PMID could be looked for, service by service."""
    notes: list[str] = field(default_factory=list)
    new: list[Article] = field(default_factory=list)
    """The articles read back from the files about to be written."""


def add(site_dir: Path, requests: Sequence[tuple[str, Wanted | Unreadable]], *, force: bool = False,
        summary: bool = False, services: Services | None = None,
        today: datetime.date | None = None) -> list[Outcome]:
    """Add each requested work to the site in ``site_dir``; one Outcome per request, in order."""
    outcomes: dict[int, Outcome] = {}
    works: dict[int, _Work] = {}
    first_of: dict[tuple[str, str], int] = {}
    for i, (where, item) in enumerate(requests):
        label = f"{where}: {item.given}" if where else item.given
        if isinstance(item, Unreadable):
            outcomes[i] = Outcome(label, Status.FAILED, item.reason)
        elif item.key in first_of:
            first = requests[first_of[item.key]][1].given
            outcomes[i] = Outcome(label, Status.PRESENT, f"asked for twice; fetched once, as {first}")
        else:
            first_of[item.key] = i
            works[i] = _Work(item, label)
    collection = _Collection(site_dir)
    for i, work in list(works.items()):
        known = collection.holding(work.wanted.kind, work.wanted.value)
        if known is not None and not force:
            outcomes[i] = Outcome(work.label, Status.PRESENT, _present(known))
            del works[i]
    if works:
        with Client(services or Services.from_environment()) as client:
            _fetch(client, list(works.values()))
    for i, work in works.items():
        outcomes[i] = _finish(site_dir, work, collection, force, summary, today or datetime.date.today())
    return [outcomes[i] for i in range(len(requests))]


class _Collection:
    """The site's works as a build merges them, and those this run adds, found by identifier or title and year."""

    def __init__(self, site_dir: Path) -> None:
        articles = read_articles(site_dir, Report())
        works, _problems = merge_articles(articles)
        self.articles: list[Article] = []
        self._by_key: dict[tuple[str, str], list[int]] = {}
        for work in works:
            self.include(work)

    def include(self, article: Article) -> None:
        for key in _keys(article):
            self._by_key.setdefault(key, []).append(len(self.articles))
        self.articles.append(article)

    def holding(self, kind: str, value: str) -> Article | None:
        """The collection's work with this identifier (a merged article), or None."""
        found = self._by_key.get((kind, _NORMAL[kind](value)))
        return self.articles[found[0]] if found else None

    def same_work(self, new: list[Article]) -> Article | None:
        """The collection's work that ``new`` (the sources of one work) belongs to by the build's merge rules,
        merged with them; None when it is a work of its own."""
        near = sorted({i for article in new for key in _keys(article) for i in self._by_key.get(key, ())})
        if not near:
            return None
        mine = {id(r) for a in new for r in a.records}  # by identity: a file may be read again under its name
        merged, _problems = merge_articles([self.articles[i] for i in near] + new)
        for article in merged:
            held = [r for r in article.records if id(r) in mine]
            if held and len(held) < len(article.records):
                return article
        return None


def _keys(article: Article) -> list[tuple[str, str]]:
    keys = list(identifiers(article).items())
    title = title_key(article.title)
    if len(title) >= MIN_TITLE_CHARS and article.year:
        keys.append(("title", f"{title} {article.year}"))
    return keys


_NORMAL = {"doi": doi_key, "pmid": pmid_key, "pmcid": pmcid_key}


def _fetch(client: Client, works: list[_Work]) -> None:
    """Ask the services about every work, as few times as they allow; each work ends with its answers or an
    error."""
    _convert(client, [w for w in works if w.wanted.kind == "pmcid"], "pmcid")
    _convert(client, [w for w in works if w.wanted.kind == "doi"], "doi")
    for work in works:
        if work.wanted.kind == "doi" and not work.pmid:
            _search_doi(client, work)
    for work in works:
        if work.wanted.kind == "doi" and not work.error:
            _csl(client, work)
        elif work.wanted.kind == "pmid":
            work.pmid = work.wanted.value
    needing = [w for w in works if w.pmid and not w.error]
    pmids = list(dict.fromkeys(w.pmid for w in needing))
    for start in range(0, len(pmids), BATCH):
        batch = pmids[start:start + BATCH]
        try:
            answer = answers.cut_medline(client.efetch_medline(batch))
        except ServiceError as err:
            for work in (w for w in needing if w.pmid in batch):
                work.error = str(err)
            continue
        for work in (w for w in needing if w.pmid in batch):
            if work.pmid in answer.records:
                work.medline = answer.records[work.pmid]
            else:
                work.error = answers.missing_pmid(work.pmid, answer, batch)
    for work in works:
        if work.csl_error and not work.error:
            if work.medline is None:
                work.error = work.csl_error
            else:
                work.notes.append(f"{work.csl_error}; added from PubMed's record alone")


def _convert(client: Client, works: list[_Work], kind: str) -> None:
    """PMIDs for PMCIDs or DOIs from the ID converter. A PMCID it cannot map fails; a DOI goes on without a PMID
    (the converter knows only articles in PMC), with a note when the converter could not be asked."""
    for start in range(0, len(works), BATCH):
        batch = works[start:start + BATCH]
        asked = [w.wanted.value for w in batch]
        try:
            found = answers.match_converted(client.idconv(asked, kind), asked, kind)
        except ServiceError as err:
            for work in batch:
                if kind == "pmcid":
                    work.error = str(err)
                else:
                    work.pmid_problems.append(str(err))
            continue
        for work in batch:
            converted = found.get(work.wanted.value)
            if converted and converted.pmid:
                work.pmid, work.pmcid = converted.pmid, converted.pmcid
            elif kind == "pmcid":
                why = converted.error if converted else "not in its answer"
                work.error = f"the PMC ID converter gives no PMID for {work.wanted.value} ({why})"


def _search_doi(client: Client, work: _Work) -> None:
    """A PMID for a DOI the ID converter could not map, from PubMed's DOI field; one PMID or none taken."""
    try:
        pmids = client.esearch_doi(work.wanted.value)
    except ServiceError as err:
        work.notes.append(f"no MEDLINE record looked for: {'; '.join([*work.pmid_problems, str(err)])}")
        return
    if len(pmids) == 1:
        work.pmid = pmids[0]
    elif pmids:
        work.notes.append(f"PubMed has {len(pmids)} records with this DOI ({', '.join(pmids)}); none fetched")


def _csl(client: Client, work: _Work) -> None:
    try:
        answer = client.csl_json(work.wanted.value)
    except ServiceError as err:
        work.csl_error = str(err)
        return
    work.csl, work.csl_error = answers.check_csl(answer.text, work.wanted.value)


def _finish(site_dir: Path, work: _Work, collection: _Collection, force: bool, summary: bool,
            today: datetime.date) -> Outcome:
    """Check one work's answers and write its files, or say why not."""
    if work.error:
        return Outcome(work.label, Status.FAILED, work.error)
    files = _files(work)
    mismatch = _mismatch(work)
    if mismatch:
        return Outcome(work.label, Status.FAILED, mismatch)
    refused = answers.refusal(work.medline.record) if work.medline else ""
    if refused and not force:
        return Outcome(work.label, Status.FAILED, f"{refused}; nothing written (--force adds it anyway)")
    work.new = [_article(rel, text) for rel, text in files]
    known = collection.same_work(work.new)
    if known is not None and not force:
        return Outcome(work.label, Status.PRESENT, _present(known))
    existing = [rel for rel, _text in files if (site_dir / rel).exists()]
    if existing and not force:
        return Outcome(work.label, Status.FAILED, f"{existing[0]} exists and is not this work; nothing written "
                                                  "(--force replaces it)")
    try:
        write_together(site_dir, files)
    except OSError as err:
        return Outcome(work.label, Status.FAILED, f"cannot write {err.filename or 'the record'}: {err.strerror}")
    merged = _merged(work.new, known)
    for article in work.new:
        collection.include(article)
    notes = [*work.notes, *(answers.notes(work.medline.record) if work.medline else ())]
    if refused:
        notes.append(f"{refused}; added because of --force")
    if summary:
        notes.append(start_summary(site_dir, merged, today))
    return Outcome(work.label, Status.ADDED, describe(merged), tuple(rel for rel, _text in files), tuple(notes))


def _mismatch(work: _Work) -> str:
    """Why the MEDLINE record fetched for a PMCID or DOI is another work's; "" when nothing says so."""
    if work.medline is None:
        return ""
    kind, value = work.wanted.kind, work.wanted.value
    return answers.medline_mismatch(work.medline, pmcid=value if kind == "pmcid" else work.pmcid,
                                    doi=value if kind == "doi" else "")


def _files(work: _Work) -> list[tuple[str, str]]:
    """(path in the site, text) of each file the work is written as."""
    folder = f"{CONTENT_DIR}/{RECORDS_DIR}"
    files = []
    if work.medline is not None:
        files.append((f"{folder}/pubmed-{work.medline.pmid}.nbib", work.medline.text))
    if work.csl is not None:
        files.append((f"{folder}/doi-{_file_safe(work.wanted.value)}.json", answers.csl_file_text(work.csl)))
    return files


def _file_safe(doi: str) -> str:
    """A DOI as part of a file name: case-folded, "/" and anything unsafe in names on any system as "_"."""
    return re.sub(r"[^a-z0-9._-]+", "_", doi.casefold())[:150]


def _article(rel: str, text: str) -> Article:
    """The article a build will make of a file about to be written (its one record)."""
    reader = medline if rel.endswith(".nbib") else csl_json
    records, _problems = reader.read(text, rel)
    article, _problems = registry.to_article(records[0])
    return article


def _merged(new: list[Article], known: Article | None) -> Article:
    """The work as a build will show it: the new sources merged with each other and with the collection's."""
    merged, _problems = merge_articles([*([known] if known else []), *new])
    mine = {id(r) for a in new for r in a.records}
    return next(a for a in merged if any(id(r) in mine for r in a.records))


def _present(article: Article) -> str:
    places = ", ".join(str(r.where) for r in article.records)
    return f"already in the collection: {describe(article)} ({places}); nothing written (--force adds it again)"
