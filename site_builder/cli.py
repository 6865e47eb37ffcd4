"""The command line: build, init (and the commands of later stages), exit codes, and the only place that
decides what the user sees when something fails. User errors print a message, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .diagnostics import Report, UserError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
    build.add_argument("--strict", action="store_true", help="fail (exit 1) when any error is reported")
    build.set_defaults(run=_run_build)

    init = commands.add_parser("init", help="create a new site folder ready to build",
                               description="Create DIR with content/, templates/, static/ and site.toml.")
    init.add_argument("directory", type=Path, metavar="DIR", help="the new site folder (must be empty or new)")
    init.set_defaults(run=_run_init)
    return parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder, holding content/ (default: the current folder)")
    parser.add_argument("--output", type=Path, default=None, metavar="DIR",
                        help="where to write the site (default: _site in the site folder, or the config's output)")
    parser.add_argument("--base-url", default=None, metavar="URL",
                        help="public address of the site, e.g. https://user.github.io/repo/")


def _run_build(args: argparse.Namespace) -> int:
    from .build import build

    _require_site(args.source)
    result = build(args.source, args.output, base_url=args.base_url, progress=sys.stderr.isatty())
    print_report(result.report)
    s = result.stats
    print(f"Built {result.pages:,} pages from {result.records:,} record(s) in {result.seconds:.2f} s: "
          f"{s.written:,} written, {s.unchanged:,} unchanged, {s.removed:,} removed; "
          f"{result.report.warnings} warning(s), {result.report.errors} error(s).", file=sys.stderr)
    print(f"Open {(result.output / 'index.html').resolve()} in a browser.", file=sys.stderr)
    if args.strict and result.report.errors:
        print("site-builder: --strict: the build failed because errors were reported.", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


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

    init_site(args.directory)
    print(f"Created a new site in {args.directory}. Build it with:\n"
          f"  site-builder build --source {args.directory}", file=sys.stderr)
    return EXIT_OK
