"""The command line: build, init (and the commands of later stages), exit codes, and the only place that
decides what the user sees when something fails. User errors print a message, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..diagnostics import Report, UserError

if TYPE_CHECKING:
    from ..build import BuildResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_last_build: list[BuildResult] = []
"""The last build's result, and through it its model, kept alive so that run() can exit without freeing it."""


def run() -> None:
    """The console script: main(), then leave without tearing the interpreter down.

    After a large build, a normal exit frees the model's millions of objects one by one, for nothing. Everything
    that needs closing (files, worker pools, temporary folders) is closed by a with-block before main() returns,
    so only the output streams are left to flush.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can reach it anyway
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except UserError as err:
        print(f"site-builder: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("site-builder: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static website from review-article records and your summaries.")
    parser.add_argument("--version", action="version", version=f"site-builder {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder",
                                description="Read every record under content/ and write the site.")
    _site_options(build)
    build.add_argument("--strict", action=argparse.BooleanOptionalAction, default=None,
                       help="fail (exit 1) when any warning or error is reported, so that nothing is lost unnoticed "
                            "(default: the strict setting of site.toml, else off)")
    build.add_argument("--clean", action="store_true",
                       help="build everything again, ignoring what the cache in .site-builder/ and the output "
                            "folder keep from earlier builds (the cache is then made afresh)")
    build.set_defaults(run=_run_build)

    init = commands.add_parser("init", help="create a new site folder ready to build",
                               description="Create DIR with content/, templates/, static/ and site.toml.")
    init.add_argument("directory", type=Path, metavar="DIR", help="the new site folder (must be empty or new)")
    init.set_defaults(run=_run_init)
    _add_serve(commands)
    _add_deploy(commands)
    _add_authors(commands)
    _add_add(commands)
    return parser


def _source_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder, holding content/ (default: the current folder)")


def _add_authors(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    authors = commands.add_parser(
        "authors", help="show which author names were merged into one person, and why",
        description="Read the records as a build does and print every person known by more than one name, "
                    "with the evidence for each merge, and the near misses kept apart. Change a decision with "
                    "[[merge]] or [[keep_apart]] entries in authors.toml in the site folder.")
    _source_option(authors)
    authors.set_defaults(run=_run_authors)


def _add_add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = commands.add_parser(
        "add", help="fetch works by PMID, PMCID or DOI into content/records/",
        description="Fetch each work's MEDLINE record from PubMed (NCBI E-utilities; a PMCID through the PMC ID "
                    "converter) and, for a DOI, its CSL-JSON from doi.org; write them under content/records/ and "
                    "print what was added. A work already in the collection, a retracted one, a retraction or "
                    "erratum notice, or an answer that is not what was asked for writes nothing. Set NCBI_API_KEY "
                    "for 10 requests a second instead of 3, and NCBI_EMAIL to tell NCBI whom to contact.")
    _source_option(add)
    add.add_argument("ids", nargs="*", metavar="ID",
                     help="a PMID, PMCID or DOI, or a PubMed, PMC or doi.org link")
    add.add_argument("--from", dest="from_file", type=Path, metavar="FILE",
                     help="also read IDs from FILE, one a line ('#' starts a comment)")
    add.add_argument("--summary", action="store_true",
                     help="also start content/summaries/<id>.md (id, today's date, empty verdict and topics); "
                          "an existing summary is never overwritten")
    add.add_argument("--force", action="store_true",
                     help="add even a work the collection holds already, or one PubMed marks as retracted or as a "
                          "notice; replaces a record file of the same name")
    add.set_defaults(run=_run_add)


def _add_serve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="preview the site; it is rebuilt and open pages reload as you edit",
        description="Build the site and serve it on this computer under the path it will have when published "
                    "(base_url https://user.github.io/repo/ is served at http://127.0.0.1:8000/repo/). Changes to "
                    "content/, templates/, static/ and site.toml rebuild it and reload open pages.")
    _source_option(serve)
    serve.add_argument("--base-url", default=None, metavar="URL",
                       help="public address of the site, e.g. https://user.github.io/repo/")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this "
                                                           "computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.set_defaults(run=_run_serve)


def _add_deploy(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deploy = commands.add_parser(
        "deploy", help="build the site and publish it to a gh-pages branch",
        description="Build the site, commit it (with .nojekyll, and CNAME when cname is set) as the new tip of "
                    "a branch of the site's git repository, and push that branch.")
    _site_options(deploy)
    deploy.add_argument("--remote", default="origin", help="the remote to push to (default: origin)")
    deploy.add_argument("--branch", default="gh-pages", help="the branch to publish to (default: gh-pages)")
    deploy.add_argument("--no-push", action="store_true", help="commit to the branch but do not push it")
    deploy.set_defaults(run=_run_deploy)


def _site_options(parser: argparse.ArgumentParser) -> None:
    _source_option(parser)
    parser.add_argument("--output", type=Path, default=None, metavar="DIR",
                        help="where to write the site (default: _site in the site folder, or the config's output)")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help="public address of the site, e.g. https://user.github.io/repo/")


def _run_build(args: argparse.Namespace) -> int:
    from ..build import build

    _require_site(args.source)
    result = build(args.source, args.output, base_url=args.base_url, progress=sys.stderr.isatty(),
                   clean=args.clean)
    _last_build[:] = [result]
    _print_build(result)
    failure = strict_failure(result, args.strict)
    if failure:
        print(f"site-builder: {failure}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def strict_failure(result: BuildResult, strict: bool | None) -> str:
    """Why a strict build failed ("" when it did not, or is not strict): the warnings and errors it reported.
    ``strict`` is the command line's choice; None leaves it to site.toml."""
    if not (result.config.strict if strict is None else strict):
        return ""
    counts = [f"{n:,} {kind}(s)" for n, kind in ((result.report.warnings, "warning"), (result.report.errors, "error"))
              if n]
    if not counts:
        return ""
    by = "--strict" if strict else "strict = true in site.toml"
    return f"strict: the build failed ({by}) because {' and '.join(counts)} were reported"


def _print_build(result: BuildResult) -> None:
    for notice in result.notices:
        print(f"site-builder: note: {notice}", file=sys.stderr)
    print_report(result.report)
    s = result.stats
    searched = f" (the search index {result.search_seconds:.2f} s of it)" if result.search_seconds else ""
    print(f"Built {result.pages:,} pages from {result.records:,} record(s) in {result.seconds:.2f} s{searched}: "
          f"{result.rendered:,} rendered, {s.written:,} written, {s.unchanged:,} unchanged, {s.removed:,} removed; "
          f"{result.report.warnings} warning(s), {result.report.errors} error(s).", file=sys.stderr)
    print(f"Open {(result.output / 'index.html').resolve()} in a browser.", file=sys.stderr)


def print_report(report: Report, limit: int = 50) -> None:
    for diagnostic in report.diagnostics[:limit]:
        print(diagnostic, file=sys.stderr)
    if len(report.diagnostics) > limit:
        print(f"… and {len(report.diagnostics) - limit} more.", file=sys.stderr)


def _require_site(site_dir: Path) -> None:
    if not (site_dir / "content").is_dir():
        raise UserError(f"{site_dir} has no content/ folder: run this in a site folder, pass --source DIR, "
                        "or create a site with 'site-builder init DIR'")


def _run_init(args: argparse.Namespace) -> int:
    from .init import init_site

    requirement = init_site(args.directory)
    print(f"Created a new site in {args.directory}. Build it with:\n"
          f"  site-builder build --source {args.directory}", file=sys.stderr)
    if requirement.note:
        kind = "warning" if requirement.line else "error"
        print(f"site-builder: init: {kind}: {requirement.note}", file=sys.stderr)
    return EXIT_OK


def _run_authors(args: argparse.Namespace) -> int:
    from .authors import explain_site

    _require_site(args.source)
    lines, report = explain_site(args.source)
    print_report(report)
    print("\n".join(lines))
    return EXIT_OK


def _run_add(args: argparse.Namespace) -> int:
    from .add import Status, add
    from .add_ids import parse, read_list
    from .lookup import ServiceError

    _require_site(args.source)
    requests = [("", parse(text)) for text in args.ids]
    if args.from_file is not None:
        requests += read_list(args.from_file)
    if not requests:
        raise UserError("add needs an ID (a PMID, PMCID, DOI or a link to one) or --from FILE")
    try:
        outcomes = add(args.source, requests, force=args.force, summary=args.summary)
    except ServiceError as err:
        raise UserError(str(err)) from err
    for outcome in outcomes:
        if outcome.status is Status.FAILED:
            print(f"site-builder: add: {outcome.given}: {outcome.message}", file=sys.stderr)
            continue
        print(f"{'added' if outcome.status is Status.ADDED else 'skipped'} {outcome.given}: {outcome.message}")
        for line in (*outcome.files, *(f"note: {note}" for note in outcome.notes)):
            print(f"  {line}")
    counts = {status: sum(1 for o in outcomes if o.status is status) for status in Status}
    print(f"Added {counts[Status.ADDED]} of {len(outcomes)}: {counts[Status.PRESENT]} skipped, "
          f"{counts[Status.FAILED]} failed.", file=sys.stderr)
    return EXIT_FAILED if counts[Status.FAILED] else EXIT_OK


def _run_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    _require_site(args.source)
    return serve(args.source, host=args.host, port=args.port, base_url=args.base_url)


def _run_deploy(args: argparse.Namespace) -> int:
    from ..build import build
    from ..config import load_config
    from ..output.preflight import missing_base_url
    from .deploy import publish, site_base_url, target

    _require_site(args.source)
    to = target(args.source, remote=args.remote, branch=args.branch, push=not args.no_push)
    base_url = site_base_url(load_config(args.source, base_url=args.base_url), to.remote_url)
    result = build(args.source, args.output, base_url=base_url, progress=sys.stderr.isatty())
    result.report.extend(missing_base_url(result.config))
    _print_build(result)
    if result.unwritten:
        print(f"site-builder: deploy: {result.unwritten:,} page(s) could not be rendered (see the errors above); "
              "nothing was published.", file=sys.stderr)
        return EXIT_FAILED
    failure = strict_failure(result, None)
    if failure:
        print(f"site-builder: deploy: {failure}; nothing was published.", file=sys.stderr)
        return EXIT_FAILED
    done = publish(to, result.output, result.config)
    print(f"Committed the site to {done.branch} ({done.commit[:12]}), built from {done.source}." if done.changed
          else f"{done.branch} already holds this site; nothing new to commit.", file=sys.stderr)
    print(f"Pushed {done.branch} to {done.pushed_to}." if done.pushed_to
          else f"Not pushed (--no-push); publish it with: git push {args.remote} {done.branch}", file=sys.stderr)
    where = done.url or "the address GitHub shows under Settings → Pages (set base_url to name it)"
    print(f"The site will appear at {where} once GitHub Pages serves the {done.branch} branch "
          "(Settings → Pages → Deploy from a branch).", file=sys.stderr)
    return EXIT_OK
