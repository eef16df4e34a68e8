"""The ``legalaid`` command: maintenance tasks for contributors and mirror operators."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def _root(value: str) -> Path:
    path = Path(value).resolve()
    if not (path / "mkdocs.yml").exists():
        raise argparse.ArgumentTypeError(f"{value}: no mkdocs.yml here; pass the project folder")
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


if __name__ == "__main__":
    sys.exit(main())
