"""The ``legalaid`` command: maintenance tasks for contributors and mirror operators."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def _root(value: str) -> Path:
    path = Path(value).resolve()
    if not ((path / "mkdocs.yml").exists() or (path / "data").is_dir()):
        raise argparse.ArgumentTypeError(
            f"{value}: neither mkdocs.yml nor data/ here; pass the project folder")
    return path


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="legalaid",
        description="Check, stage and package the legal aid knowledge base.",
    )
    parser.add_argument("--version", action="version", version=f"legalaid {__version__}")
    parser.add_argument("--root", type=_root, default=".", help="project folder (default: .)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check", help="check every content and data file without building the site",
        description="Check data/ and docs/ without building. One line per finding: "
                    "path:line:col: error|warning: message (how to fix). Exit 1 on any error.")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text for people and editors, json for tools")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    stamp = sub.add_parser(
        "stamp", help="record that English pages match their current Chinese source",
        description="Write 'translated_from: <fingerprint of the Chinese text>' into each English "
                    "page. Run it after checking or updating a translation.")
    stamp.add_argument("pages", nargs="+", type=Path, help="docs/en/... pages")

    new = sub.add_parser(
        "new-station", help="write a new, valid station file in the right folder",
        description="Create data/stations/<province>/<id>.yaml. Asks for what is missing when "
                    "run in a terminal; fields you cannot verify are best left out.")
    new.add_argument("--id", help="ASCII id, e.g. hebei-baoding-legal-aid-centre")
    new.add_argument("--region", help="GB/T 2260 code, e.g. 130000 (see data/regions.yaml)")
    new.add_argument("--kind", help="e.g. government-legal-aid-centre (data/vocabularies.yaml)")
    new.add_argument("--name-zh")
    new.add_argument("--name-en")
    new.add_argument("--address-zh")
    new.add_argument("--address-en")
    new.add_argument("--phone", action="append", default=[], help="repeatable")
    new.add_argument("--hours", help="OpenStreetMap syntax, e.g. 'Mo-Fr 09:00-12:00,13:30-17:30'")
    new.add_argument("--service", action="append", default=[], help="repeatable")
    new.add_argument("--source", help="URL or citation the facts come from")
    new.add_argument("--verified", help="date checked, YYYY-MM-DD (default: today)")

    mirror = sub.add_parser(
        "mirror", help="write archives, a ZIM file and checksums of the built site into dist/",
        description="Package a built site for mirrors: MANIFEST.sha256 inside the site, then "
                    "dist/legalaid-kb-DATE.zip, .tar.gz, .zim and SHA256SUMS. The date and "
                    "every timestamp come from SOURCE_DATE_EPOCH (the last commit).")
    mirror.add_argument("--site", type=Path, default=Path("site"), help="built site (site/)")
    mirror.add_argument("--dist", type=Path, default=Path("dist"), help="output folder (dist/)")
    mirror.add_argument("--source", default="https://github.com/legalaid-network/legalaid-kb",
                        help="where the sources are, for the ZIM metadata")
    mirror.add_argument("--no-progress", action="store_true", help="no progress bars")

    verify = sub.add_parser(
        "verify", help="check a copy (folder, .zip or .tar.gz) against its MANIFEST.sha256",
        description="Report missing, changed and extra files by name; exit 1 if anything differs.")
    verify.add_argument("path", type=Path)

    stage_cmd = sub.add_parser(
        "stage", help="write docs/ plus generated pages, macros expanded, into a folder",
        description="Write the Markdown another engine can build: docs/ with deadline macros "
                    "expanded, plus the generated directory pages.")
    stage_cmd.add_argument("out", type=Path, help="folder to write (emptied first)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    if args.command == "check":
        return _check(args.root, args.format, args.strict)
    if args.command == "stamp":
        from .translation import stamp as stamp_pages

        for message in stamp_pages(args.root, args.pages):
            print(message)
        return 0
    if args.command == "new-station":
        from .newstation import run

        return run(args.root, vars(args))
    if args.command == "mirror":
        return _mirror(args)
    if args.command == "verify":
        return _verify(args.path)
    if args.command == "stage":
        from . import stage
        from .findings import errors

        prepared = stage.prepare(args.root)
        for finding in prepared.findings:
            print(finding.format(), file=sys.stderr)
        if errors(prepared.findings):
            return 1
        stage.write(prepared, args.out)
        return 0
    return 0


def _check(root: Path, fmt: str, strict: bool) -> int:
    from . import stage
    from .findings import to_json

    findings = sorted(stage.prepare(root).findings)
    n_errors = sum(f.level == "error" for f in findings)
    n_warnings = len(findings) - n_errors
    if fmt == "json":
        print(to_json(findings))
    else:
        for finding in findings:
            print(finding.format())
        print(f"{n_errors} error(s), {n_warnings} warning(s)", file=sys.stderr)
    return 1 if n_errors or (strict and n_warnings) else 0


def _mirror(args: argparse.Namespace) -> int:
    import os

    from .mirror import build_release

    site = args.site if args.site.is_absolute() else args.root / args.site
    dist = args.dist if args.dist.is_absolute() else args.root / args.dist
    if not (site / "index.html").is_file():
        print(f"mirror: no built site in {site}; run 'make site' first", file=sys.stderr)
        return 1
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or (site / "index.html").stat().st_mtime)
    for path in build_release(site, dist, epoch, args.source, progress=not args.no_progress):
        print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


def _verify(path: Path) -> int:
    from .mirror import verify

    verdict = verify(path)
    if verdict.problem:
        print(verdict.problem, file=sys.stderr)
        return 1
    for label, names in (("missing", verdict.missing), ("changed", verdict.changed),
                         ("extra", verdict.extra)):
        for name in names:
            print(f"{label}: {name}")
    if verdict.ok:
        print(f"{path}: every file matches its manifest")
        return 0
    print(f"{path}: {len(verdict.missing)} missing, {len(verdict.changed)} changed, "
          f"{len(verdict.extra)} extra", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
