"""Staging: docs/ plus generated pages, with macros expanded, in a folder any engine can build."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import LANGUAGES, safety, status, translation
from . import directory as directory_mod
from .content import (
    DOCS_DIR,
    Page,
    check_front_matter,
    expand_macros,
    is_legal,
    iter_pages,
    page_blocks,
    read_page,
)
from .directory import GeneratedFile
from .facts import Facts, load_facts
from .findings import Finding, errors
from .links import anchors, check_links
from .render import render
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


def _lag_notice(rel: str) -> str:
    """The "English may lag behind" notice, linking the Chinese original of page ``rel``."""
    href = "../" * (rel.count("/") + 1) + posixpath.splitext(rel)[0] + ".html"
    return render("translation-lag.html.j2", "en", href=href) + "\n\n"


def prepare(root: Path, today: dt.date | None = None, edit_base: str | None = None,
            vcards: bool = True) -> Stage:
    """Load data and pages, check them, expand macros, generate pages; collect every finding.

    Args:
        root: The project folder.
        today: The edition date used for "may be out of date" notices (default: build_date()).
        edit_base: URL prefix of the repository's edit view, for edit links of generated pages.
        vcards: Stage the stations' vCards too (an engine that does not copy them itself may
            write them into the built site with ``directory.write_vcards``).
    """
    today = today or build_date()
    stage = Stage()
    stage.facts = facts = load_facts(root)
    stage.directory = directory = load_directory(root)
    stage.findings += [*facts.findings, *directory.findings]
    docs = root / DOCS_DIR

    pages: dict[str, dict[str, Page]] = {lang: {} for lang in LANGUAGES}
    for file in iter_pages(root):
        page, problems = read_page(root, file)
        stage.findings += problems
        if page is not None:
            pages[page.lang][page.rel] = page
            stage.findings += check_front_matter(page)
            stage.findings += safety.scan(page.path, file.read_text("utf-8"), markdown=True)
    legal = {rel for by_rel in pages.values() for rel, p in by_rel.items() if is_legal(p)}
    problems, states, outdated = translation.check(pages, today, legal)
    stage.findings += problems

    generated: list[GeneratedFile] = status.generate(states)
    if not errors(directory.findings):
        generated += directory_mod.generate(directory, today, edit_base, vcards)
    for file in sorted((root / "data").rglob("*.yaml")):
        rel = file.relative_to(root).as_posix()
        stage.findings += safety.scan(rel, file.read_text("utf-8", "replace"), markdown=False,
                                      allowed_phone_lines=directory.phone_lines.get(rel, ()))

    for source in sorted(docs.rglob("*")):
        if source.is_file() and source.suffix != ".md":
            stage.copies.append((source, source.relative_to(docs).as_posix()))
    for lang in LANGUAGES:
        known: dict[str, set[str] | None] = {rel: anchors(p.body) for rel, p in pages[lang].items()}
        known.update({g.rel: None for g in generated if g.lang == lang and g.rel.endswith(".md")})
        assets = {rel.partition("/")[2] for _, rel in stage.copies if rel.startswith(f"{lang}/")}
        assets |= {rel for _, rel in stage.copies if rel.partition("/")[0] not in LANGUAGES}
        assets |= {g.rel for g in generated if g.lang == lang and not g.rel.endswith(".md")}
        for rel, page in pages[lang].items():
            stage.findings += check_links(page, known, assets)
            body, problems, _ = expand_macros(page, facts)
            top, bottom, more = page_blocks(page, facts, today)
            stage.findings += problems + more
            if lang == translation.TARGET_LANG and outdated.get(rel):
                top = _lag_notice(rel) + top
            parts = [page.head, top + "\n\n" if top else "", body]
            if bottom:
                parts.append("\n\n" + bottom + "\n")
            stage.files.append(StagedFile(lang, rel, "".join(parts)))
    stage.files += [StagedFile(g.lang, g.rel, g.content) for g in generated]
    stage.findings.sort()
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
    existing = set()
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file():
            if path in wanted:
                existing.add(path)
            else:
                path.unlink()
        elif not any(path.iterdir()):
            path.rmdir()
    for folder in sorted({target.parent for target in wanted}):
        folder.mkdir(parents=True, exist_ok=True)
    for target, data in wanted.items():
        if target in existing and target.read_bytes() == data:
            continue
        with open(target, "wb") as handle:
            handle.write(data)
