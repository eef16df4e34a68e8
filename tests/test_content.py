"""The knowledge base's content: both languages, facts from data, cited and dated."""

from __future__ import annotations

import re

import pytest

from legalaid.content import expand_macros, iter_pages, read_page
from legalaid.facts import load_facts
from sitebuild import ROOT

REQUIRED_DEADLINES = """
alit.sue alit.sue-outer-property alit.sue-outer-other alit.sue-after-reconsideration
alit.inaction-wait alit.filing-decision alit.first-instance alit.appeal-judgment alit.appeal-ruling
arec.apply arec.decide arec.decide-extension arec.decide-simplified scomp.limitation scomp.decide
laid.decide ogi.reply ogi.extension crim.detention-family-notice crim.arrest-family-notice
crim.lawyer-meeting crim.rsdl-family-notice crim.rsdl-max crim.arrest-request crim.arrest-approval
crim.custody-after-arrest crim.appeal-judgment crim.appeal-ruling petition.accept petition.handle
petition.review-request civ.appeal-judgment civ.appeal-ruling civ.limitation
labour.arbitration-limitation
""".split()
REQUIRED_PAGES = """
index legal-system/index legal-system/agents legal-system/statutes procedures/index
procedures/administrative-litigation procedures/administrative-reconsideration
procedures/state-compensation procedures/legal-aid procedures/open-government-information
procedures/detention procedures/petitions procedures/labour-arbitration procedures/civil-litigation
international/index urgent-action/index training/index publications/index
publications/reconsideration-law-2023 about/index
""".split()
#: Sections whose pages state law: each needs `reviewed` and `sources` (or `references`).
LEGAL_SECTIONS = ("legal-system/", "procedures/", "international/", "urgent-action/",
                  "publications/reconsideration")
PROCEDURES = [p for p in REQUIRED_PAGES if p.startswith("procedures/") and p != "procedures/index"]


def pages(lang: str) -> set[str]:
    base = ROOT / "docs" / lang
    return {p.relative_to(base).as_posix() for p in base.rglob("*.md")}


def test_both_languages_have_the_same_pages() -> None:
    assert pages("zh") == pages("en")
    assert {f"{p}.md" for p in REQUIRED_PAGES} <= pages("zh")


def test_required_deadlines_are_in_the_data() -> None:
    facts = load_facts(ROOT)
    assert facts.findings == ()
    assert [d for d in REQUIRED_DEADLINES if d not in facts.deadlines] == []
    for key, entry in facts.deadlines.items():
        assert entry["law"] in facts.laws, key


def test_every_deadline_used_exists_and_every_cited_law_exists() -> None:
    facts = load_facts(ROOT)
    used: set[str] = set()
    for file in iter_pages(ROOT):
        page, problems = read_page(ROOT, file)
        assert page is not None and problems == []
        _, findings, ids = expand_macros(page, facts)
        assert findings == [], [f.format() for f in findings]
        used |= ids
        for source in page.meta.get("sources") or []:
            assert source["law"] in facts.laws, (page.path, source["law"])
    assert used <= set(facts.deadlines)
    assert set(REQUIRED_DEADLINES) <= used  # every required period is shown on some page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legal_pages_are_dated_and_cited(lang: str) -> None:
    for file in iter_pages(ROOT):
        page, _ = read_page(ROOT, file)
        assert page is not None and page.meta.get("title"), file
        if page.lang != lang or not page.rel.startswith(LEGAL_SECTIONS):
            continue
        assert page.meta.get("reviewed"), page.path
        assert page.meta.get("sources") or page.meta.get("references"), page.path


@pytest.mark.parametrize("page", PROCEDURES)
def test_procedure_pages_have_a_deadline_table_and_numbered_steps(page: str) -> None:
    for lang in ("zh", "en"):
        text = (ROOT / "docs" / lang / f"{page}.md").read_text("utf-8")
        assert re.search(r"^\s*\[\[deadlines:", text, re.M), (lang, page)
        assert re.search(r"^1\. ", text, re.M), (lang, page)


def test_no_period_typed_where_data_has_it() -> None:
    """Pages show statutory periods through the macros; a hand-typed copy would drift."""
    pattern = re.compile(r"(?<![\w\d.])(六十日|十五日内|6个月|六个月内|24小时|二十四小时|48小时)")
    offenders = []
    for file in (ROOT / "docs" / "zh" / "procedures").glob("*.md"):
        for n, line in enumerate(file.read_text("utf-8").splitlines(), 1):
            if pattern.search(line) and "[[deadline" not in line and not line.startswith(">"):
                offenders.append(f"{file.name}:{n}: {line.strip()[:60]}")
    assert offenders == []
