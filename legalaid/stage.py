"""Staging: docs/ plus generated pages, with macros expanded, in a folder any engine can build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
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
    """Write a prepared stage into ``out`` (emptied first): ``out/<lang>/<rel>``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    made: set[Path] = set()
    for item in stage.files:
        target = out / item.lang / item.rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(item.text, encoding="utf-8", newline="")
    for source, rel in stage.copies:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
