"""Translation state: which English pages exist, and which lag behind their Chinese source."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .content import REVIEW_MAX_AGE_DAYS, Page, as_date, read_page
from .findings import Finding

SOURCE_LANG, TARGET_LANG = "zh", "en"
FIELD = "translated_from"


def source_hash(page: Page) -> str:
    """A short fingerprint of a Chinese page's text (front matter left out)."""
    text = "\n".join(line.rstrip() for line in page.body.strip().splitlines())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageState:
    """One page's translation and review state, for the status page."""

    rel: str
    title: str
    translation: str  # ok | outdated | unstamped | missing-en | missing-zh | single-language
    reviewed: dt.date | None
    review_age_days: int | None
    legal: bool

    @property
    def severity(self) -> tuple[int, int]:
        rank = {"missing-en": 0, "missing-zh": 0, "outdated": 1, "unstamped": 2}
        stale = self.review_age_days is not None and self.review_age_days > REVIEW_MAX_AGE_DAYS
        missing_review = self.legal and self.reviewed is None
        return (min(rank.get(self.translation, 9), 3 if not (stale or missing_review) else 1),
                -(self.review_age_days or (10**6 if missing_review else -1)))


def check(pages: dict[str, dict[str, Page]], today: dt.date,
          legal: set[str]) -> tuple[list[Finding], list[PageState], dict[str, bool]]:
    """Parity and freshness of translations.

    Args:
        pages: ``pages[lang][rel]``.
        today: The date review ages are measured against.
        legal: Paths (``rel``) of pages that state law.

    Returns:
        Findings, one state per page path, and which English pages are outdated.
    """
    findings: list[Finding] = []
    states: list[PageState] = []
    outdated: dict[str, bool] = {}
    zh, en = pages.get(SOURCE_LANG, {}), pages.get(TARGET_LANG, {})
    for rel in sorted(set(zh) | set(en)):
        source, target = zh.get(rel), en.get(rel)
        either = source or target
        assert either is not None
        state = "ok"
        single = bool(either.meta.get("single_language"))
        if source is None or target is None:
            missing = "missing-en" if target is None else "missing-zh"
            state = "single-language" if single else missing
            if not single:
                other = TARGET_LANG if target is None else SOURCE_LANG
                findings.append(Finding(
                    either.path, 1, 1, "warning",
                    f"no {other} version: docs/{other}/{rel} is missing",
                    f"add docs/{other}/{rel}, or put 'single_language: true' in the front matter",
                    "translation.missing"))
        else:
            stamp = target.meta.get(FIELD)
            line, col = target.front.where(FIELD)
            if not stamp:
                state = "unstamped"
                findings.append(Finding(
                    target.path, line, col, "warning",
                    f"the translation records no '{FIELD}'",
                    f"check it against docs/zh/{rel}, then run: legalaid stamp {target.path}",
                    "translation.unstamped"))
            elif str(stamp) != source_hash(source):
                state = "outdated"
                outdated[rel] = True
                findings.append(Finding(
                    target.path, line, col, "warning",
                    f"the translation is outdated: docs/zh/{rel} changed after it was translated",
                    f"update the English, then run: legalaid stamp {target.path}",
                    "translation.outdated"))
        reviewed = as_date((source or either).meta.get("reviewed"))
        states.append(PageState(
            rel, str((source or either).meta.get("title", rel)), state, reviewed,
            (today - reviewed).days if reviewed else None, rel in legal))
    states.sort(key=lambda s: (s.severity, s.rel))
    return findings, states, outdated


def stamp(root: Path, files: list[Path]) -> list[str]:
    """Record in each English page the fingerprint of its Chinese source; return messages."""
    messages = []
    for file in files:
        file = file.resolve()
        page, problems = read_page(root, file)
        if page is None or problems or page.lang != TARGET_LANG:
            messages.append(f"{file}: not an English page under docs/en/ that can be read")
            continue
        source_file = root / "docs" / SOURCE_LANG / page.rel
        source, _ = read_page(root, source_file) if source_file.exists() else (None, [])
        if source is None:
            messages.append(f"{page.path}: no Chinese source docs/zh/{page.rel}")
            continue
        value = source_hash(source)
        text = file.read_text("utf-8")
        head, body = text[: len(page.head)], text[len(page.head):]
        if re.search(rf"^{FIELD}:.*$", head, re.M):
            head = re.sub(rf"^{FIELD}:.*$", f"{FIELD}: {value}", head, count=1, flags=re.M)
        elif head.startswith("---"):
            head = re.sub(r"\n(---|\.\.\.)\s*\n?$", f"\n{FIELD}: {value}\n---\n", head, count=1)
        else:
            head = f"---\n{FIELD}: {value}\n---\n"
        file.write_text(head + body, encoding="utf-8")
        messages.append(f"{page.path}: {FIELD}: {value}")
    return messages
