"""Staging: docs/ plus generated pages, with macros expanded, in a folder any engine can build."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import directory as directory_mod
from .content import DOCS_DIR, expand_macros, iter_pages, page_blocks, read_page
from .facts import Facts, load_facts
from .findings import Finding
from .stations import Directory, load_directory


@dataclass(frozen=True)
class StagedFile:
    """A text file for the engine, at ``<lang>/<rel>`` in the staged folder."""

    lang: str
    rel: str
    text: str


@dataclass
class Stage:
    """Everything a build needs, computed without touching the output folder."""

    files: list[StagedFile] = field(default_factory=list)
    copies: list[tuple[Path, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    facts: Facts | None = None
    directory: Directory | None = None


def build_date() -> dt.date:
    """The edition date: ``SOURCE_DATE_EPOCH`` (set from the last commit) or today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def prepare(root: Path, today: dt.date | None = None, edit_base: str | None = None) -> Stage:
    """Load data and pages, expand them, generate the directory; collect every finding.

    Args:
        root: The project folder.
        today: The edition date used for "may be out of date" notices (default: build_date()).
        edit_base: URL prefix of the repository's edit view, for edit links of generated pages.
    """
    today = today or build_date()
    stage = Stage()
    stage.facts = facts = load_facts(root)
    stage.findings += facts.findings
    for file in iter_pages(root):
        page, problems = read_page(root, file)
        stage.findings += problems
        if page is None:
            continue
        body, problems, _ = expand_macros(page, facts)
        stage.findings += problems
        top, bottom, problems = page_blocks(page, facts, today)
        stage.findings += problems
        parts = [page.head, top + "\n\n" if top else "", body]
        if bottom:
            parts.append("\n\n" + bottom + "\n")
        stage.files.append(StagedFile(page.lang, page.rel, "".join(parts)))
    stage.directory = directory = load_directory(root)
    stage.findings += directory.findings
    if not any(f.level == "error" for f in directory.findings):
        for generated in directory_mod.generate(directory, today, edit_base):
            stage.files.append(StagedFile(generated.lang, generated.rel, generated.content))
    docs = root / DOCS_DIR
    for file in sorted(docs.rglob("*")):
        if file.is_file() and file.suffix != ".md":
            stage.copies.append((file, file.relative_to(docs).as_posix()))
    return stage


def write(stage: Stage, out: Path) -> None:
    """Make ``out`` hold exactly the stage: ``out/<lang>/<rel>`` plus copied files.

    Files whose content did not change are left untouched, so a live-reloading server watching
    ``out`` sees only real changes (rewriting everything would make it rebuild forever).
    """
    wanted: dict[Path, bytes] = {}
    for item in stage.files:
        wanted[out / item.lang / item.rel] = item.text.encode("utf-8")
    for source, rel in stage.copies:
        wanted[out / rel] = source.read_bytes()
    out.mkdir(parents=True, exist_ok=True)
    for existing in sorted(out.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    for target, data in wanted.items():
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
