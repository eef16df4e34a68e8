"""Hand-written pages: front matter, deadline macros, the "last reviewed" and sources blocks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .facts import Facts
from .findings import Finding
from .render import format_date, format_period, labels, render
from .yamlfile import YamlDoc, parse_yaml, read_text

DOCS_DIR = "docs"
#: A review older than this many days is flagged on the page and by ``legalaid check``.
REVIEW_MAX_AGE_DAYS = 365
#: Pages under these paths state law: they need ``reviewed`` and ``sources`` (or ``references``).
LEGAL_SECTIONS = ("legal-system/", "procedures/", "international/", "urgent-action/",
                  "publications/")
#: Pages of a legal section that only describe the section need no sources.
NON_LEGAL_PAGES = ("publications/index.md",)

MACRO_TABLE = re.compile(r"^\s*\[\[deadlines:\s*([^\]]*)\]\]\s*$")
MACRO_INLINE = re.compile(r"\[\[deadline:\s*([^\]\s]+)\s*\]\]")
MACRO_ANY = re.compile(r"\[\[deadlines?:")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Page:
    """A Markdown page of one language.

    Attributes:
        path: Project-relative path, e.g. ``docs/zh/procedures/legal-aid.md``.
        lang: Language folder the page lives in.
        rel: Path inside the language folder, e.g. ``procedures/legal-aid.md``.
        meta: Front matter.
        body: Markdown after the front matter.
        body_line: Line number in the file of the body's first line.
        front: The parsed front matter with its line numbers.
    """

    path: str
    lang: str
    rel: str
    meta: dict[str, Any]
    body: str
    body_line: int
    front: YamlDoc = field(repr=False)
    head: str = ""


def split_front_matter(text: str, path: str) -> tuple[YamlDoc, str, int]:
    """Split ``---`` front matter from the body; return (front matter, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return YamlDoc(path, data={}), text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            front = parse_yaml("".join(lines[1:index]), path, line_offset=1)
            if front.data is None and front.findings[0].code == "yaml.empty":
                front.data, front.findings = {}, []  # empty front matter is allowed
            return front, "".join(lines[index + 1:]), index + 2
    doc = YamlDoc(path, data={}, findings=[Finding(
        path, 1, 1, "error", "front matter starts with '---' but never ends",
        "add a line '---' after the last front matter field", "page.front-matter")])
    return doc, text, 1


def read_page(root: Path, file: Path) -> tuple[Page | None, list[Finding]]:
    """Read one page of ``docs/<lang>/``."""
    path = file.relative_to(root).as_posix()
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    lang, rel = file.relative_to(root / DOCS_DIR).as_posix().split("/", 1)
    front, body, body_line = split_front_matter(text.lstrip("\ufeff"), path)
    meta = front.data if isinstance(front.data, dict) else {}
    findings = list(front.findings)
    if not isinstance(front.data, dict) and not findings:
        findings.append(front.finding((), "front matter must be a mapping of fields",
                                      "write 'field: value' lines", "page.front-matter"))
    text = text.lstrip("\ufeff")
    head = text[: len(text) - len(body)]
    return Page(path, lang, rel, meta, body, body_line, front, head), findings


def iter_pages(root: Path) -> list[Path]:
    """All Markdown pages under ``docs/<lang>/``, in a stable order."""
    files: list[Path] = []
    for lang in LANGUAGES:
        files += sorted((root / DOCS_DIR / lang).rglob("*.md"))
    return files


@dataclass(frozen=True)
class Deadline:
    """A deadline as shown in one language."""

    id: str
    title: str
    period: str
    starts: str
    citation: str
    note: str


def citation(law: dict[str, Any], article: str, paragraph: int | None, lang: str) -> str:
    """《行政诉讼法》第46条第2款 / Administrative Litigation Law, Art. 46(2)."""
    L = labels(lang)
    art = L.article.format(n=article) + (L.paragraph.format(n=paragraph) if paragraph else "")
    short = law["short"][lang]
    return f"《{short}》{art}" if lang == "zh" else f"{short}, {art}"


def deadline_view(facts: Facts, key: str, lang: str) -> Deadline:
    """The deadline ``key`` in ``lang`` (the key must exist)."""
    d = facts.deadlines[key]
    law = facts.laws.get(d["law"], {"short": {lang: d["law"]}})
    return Deadline(
        id=key,
        title=d["title"][lang],
        period=format_period(d["period"], d["unit"], lang),
        starts=d["starts"][lang],
        citation=citation(law, d["article"], d.get("paragraph"), lang),
        note=(d.get("note") or {}).get(lang, ""),
    )


def _unknown_deadline(page: Page, line: int, col: int, key: str) -> Finding:
    return Finding(page.path, line, col, "error", f"unknown deadline id '{key}'",
                   "use an id of data/deadlines.yaml or add the period there", "page.deadline")


def expand_macros(page: Page, facts: Facts) -> tuple[str, list[Finding], set[str]]:
    """Replace ``[[deadlines: ...]]`` and ``[[deadline: id]]`` with HTML from the data.

    Returns:
        The expanded Markdown, findings (unknown ids, malformed macros) and the ids used.
    """
    out: list[str] = []
    findings: list[Finding] = []
    used: set[str] = set()
    in_fence = False
    for offset, line in enumerate(page.body.splitlines(keepends=True)):
        number = page.body_line + offset
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence or "[[deadline" not in line:
            out.append(line)
            continue
        table = MACRO_TABLE.match(line)
        if table:
            keys = table.group(1).replace(",", " ").split()
            rows = []
            for key in keys:
                used.add(key)
                if key in facts.deadlines:
                    rows.append(deadline_view(facts, key, page.lang))
                else:
                    findings.append(_unknown_deadline(page, number, line.index(key) + 1, key))
            if not keys:
                findings.append(Finding(page.path, number, 1, "error", "empty deadline table",
                                        "list deadline ids: [[deadlines: id1 id2]]",
                                        "page.deadline"))
            out.append("\n" + render("deadline-table.html.j2", page.lang, rows=rows) + "\n\n")
            continue

        def inline(match: re.Match[str], number: int = number, line: str = line) -> str:
            key = match.group(1)
            used.add(key)
            if key not in facts.deadlines:
                findings.append(_unknown_deadline(page, number, match.start(1) + 1, key))
                return match.group(0)
            return render("deadline-inline.html.j2", page.lang,
                          d=deadline_view(facts, key, page.lang)).strip()

        well_formed = {m.start() for m in MACRO_INLINE.finditer(line)}
        for stray in MACRO_ANY.finditer(line):
            if stray.start() not in well_formed:
                findings.append(Finding(
                    page.path, number, stray.start() + 1, "error", "malformed deadline macro",
                    "write [[deadline: id]] inside a sentence or [[deadlines: id1 id2]] on its "
                    "own line", "page.deadline"))
        out.append(MACRO_INLINE.sub(inline, line))
    return "".join(out), sorted(findings), used


def as_date(value: Any) -> dt.date | None:
    """A YAML date value, or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def source_views(page: Page, facts: Facts) -> tuple[list[dict[str, str]], list[Finding]]:
    """The page's ``sources`` as display rows, and findings for unknown laws or bad entries."""
    lang, views, findings = page.lang, [], []
    L = labels(lang)
    sources = page.meta.get("sources") or []
    if not isinstance(sources, list):
        return [], [page.front.finding(("sources",), "'sources' must be a list",
                                       "write '- law: key' items with 'articles'", "page.sources")]
    for index, item in enumerate(sources):
        key = item.get("law") if isinstance(item, dict) else None
        if not isinstance(key, str):
            findings.append(page.front.finding(("sources", index), "a source needs a 'law' key",
                                               "write '- law: admin-litigation'", "page.sources"))
            continue
        law = facts.laws.get(key)
        if law is None:
            findings.append(page.front.finding(
                ("sources", index, "law"), f"unknown law '{key}' in sources",
                "use a key of data/laws.yaml or add the law there", "page.sources"))
            continue
        articles = [str(a) for a in item.get("articles") or []]
        label = L.article if len(articles) == 1 else L.articles
        in_force = as_date(law.get("in_force"))
        views.append({
            "name": law["name"][lang],
            "url": law["source"] if str(law["source"]).startswith("https://") else "",
            "revision": (law.get("revision") or {}).get(lang, ""),
            "in_force": format_date(in_force, lang) if in_force else "",
            "articles": label.format(n=L.article_list_sep.join(articles)) if articles else "",
        })
    return views, findings


def is_legal(page: Page) -> bool:
    """Whether the page states law and so must be cited and dated."""
    return page.rel.startswith(LEGAL_SECTIONS) and page.rel not in NON_LEGAL_PAGES


def check_front_matter(page: Page) -> list[Finding]:
    """Title on every page; review date and sources on pages that state law."""
    findings = []
    if not str(page.meta.get("title") or "").strip():
        findings.append(page.front.finding(("title",), "the page has no title",
                                           "add 'title: ...' to the front matter", "page.title"))
    if is_legal(page):
        if page.meta.get("reviewed") is None:
            findings.append(page.front.finding(
                ("title",), "a legal page needs 'reviewed:'",
                "add 'reviewed: YYYY-MM-DD', the day you checked it against the statute text",
                "page.reviewed"))
        if not (page.meta.get("sources") or page.meta.get("references")):
            findings.append(page.front.finding(
                ("title",), "a legal page needs 'sources:'",
                "list each law (key of data/laws.yaml) and the articles the page relies on",
                "page.sources"))
    return findings


def page_blocks(page: Page, facts: Facts, today: dt.date) -> tuple[str, str, list[Finding]]:
    """The "last reviewed" block for the top of a page and the sources block for its end."""
    findings: list[Finding] = []
    reviewed_raw = page.meta.get("reviewed")
    reviewed = as_date(reviewed_raw)
    if reviewed_raw is not None and reviewed is None:
        findings.append(page.front.finding(("reviewed",), "'reviewed' is not a date",
                                           "write it as YYYY-MM-DD", "page.reviewed"))
    sources, more = source_views(page, facts)
    findings += more
    references = [r for r in page.meta.get("references") or [] if isinstance(r, dict)]
    if reviewed is None:
        return "", "", findings
    ctx = {"iso": reviewed.isoformat(), "date": format_date(reviewed, page.lang)}
    stale = (today - reviewed).days > REVIEW_MAX_AGE_DAYS
    if stale:
        findings.append(page.front.finding(
            ("reviewed",), f"last reviewed {reviewed}, more than 12 months before {today}",
            "check the page against the statute text in force and update 'reviewed:'",
            "page.review-stale", "warning"))
    top = render("page-reviewed.html.j2", page.lang, stale=stale,
                 has_sources=bool(sources or references), **ctx)
    bottom = ""
    if sources or references:
        bottom = render("page-sources.html.j2", page.lang, sources=sources,
                        references=references, **ctx)
    return top, bottom, findings
