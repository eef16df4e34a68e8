"""Staging: docs/ plus generated pages, with macros expanded, in a folder any engine can build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .content import DOCS_DIR, expand_macros, iter_pages, page_blocks, read_page
from .facts import Facts, load_facts
from .findings import Finding


@dataclass
class StagedPage:
    """A page ready for the engine: language, path inside the language folder, Markdown."""

    lang: str
    rel: str
    markdown: str


@dataclass
class Stage:
    """Everything a build needs, computed without touching the output folder."""

    pages: list[StagedPage] = field(default_factory=list)
    assets: list[tuple[Path, str]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    facts: Facts | None = None


def build_date() -> dt.date:
    """The edition date: ``SOURCE_DATE_EPOCH`` (set from the last commit) or today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def prepare(root: Path, today: dt.date | None = None) -> Stage:
    """Load data and pages, expand them and collect every finding. Writes nothing."""
    today = today or build_date()
    stage = Stage()
    facts = load_facts(root)
    stage.facts = facts
    stage.findings += facts.findings
    docs = root / DOCS_DIR
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
        stage.pages.append(StagedPage(page.lang, page.rel, "".join(parts)))
    for file in sorted(docs.rglob("*")):
        if file.is_file() and file.suffix != ".md":
            stage.assets.append((file, file.relative_to(docs).as_posix()))
    return stage


def write(stage: Stage, out: Path) -> None:
    """Write a prepared stage into ``out`` (emptied first): ``out/<lang>/<rel>``."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for page in stage.pages:
        target = out / page.lang / page.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for source, rel in stage.assets:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
