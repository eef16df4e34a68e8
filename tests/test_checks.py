"""`legalaid check`: each check has a failing and a passing example (exact file, line, level)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from legalaid import stage
from legalaid.cli import main
from legalaid.content import read_page
from legalaid.translation import source_hash, stamp
from sitebuild import ROOT

TODAY = dt.date(2026, 11, 24)
LEGAL = """\
---
title: 测试
reviewed: 2026-11-01
sources:
  - law: admin-litigation
    articles: ["46"]
---

## 期限 {#limits}

起诉期限是[[deadline: alit.sue]]。
"""
PLAIN = "---\ntitle: Plain\n---\n\nText.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    for name in ("laws.yaml", "deadlines.yaml", "regions.yaml", "vocabularies.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    for lang in ("zh", "en"):
        (tmp_path / "docs" / lang).mkdir(parents=True)
    return tmp_path


def write(project: Path, rel: str, text: str) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pair(project: Path, rel: str, zh: str, en: str, stamped: bool = True) -> None:
    write(project, f"docs/zh/{rel}", zh)
    write(project, f"docs/en/{rel}", en)
    if stamped:
        stamp(project, [project / "docs" / "en" / rel])


def found(project: Path, code_prefix: str = "") -> list[tuple[str, int, str, str]]:
    return [(f.path, f.line, f.level, f.code) for f in stage.prepare(project, TODAY).findings
            if f.code.startswith(code_prefix)]


def test_clean_project_has_no_findings(project: Path) -> None:
    pair(project, "procedures/x.md", LEGAL, LEGAL.replace("测试", "Test"))
    assert found(project) == []
    assert main(["--root", str(project), "check", "--strict"]) == 0


# --- front matter ---------------------------------------------------------------------------

def test_page_without_title(project: Path) -> None:
    pair(project, "about.md", "---\ndescription: x\n---\n\nText\n", PLAIN)
    assert found(project, "page.title") == [("docs/zh/about.md", 1, "error", "page.title")]


def test_legal_page_without_review_date_or_sources(project: Path) -> None:
    bare = "---\ntitle: T\n---\n\nText\n"
    pair(project, "procedures/x.md", bare, bare)
    assert found(project, "page.") == [
        ("docs/en/procedures/x.md", 2, "error", "page.reviewed"),
        ("docs/en/procedures/x.md", 2, "error", "page.sources"),
        ("docs/zh/procedures/x.md", 2, "error", "page.reviewed"),
        ("docs/zh/procedures/x.md", 2, "error", "page.sources"),
    ]
    pair(project, "about/x.md", bare, bare)  # not a legal section: no sources needed
    assert [f for f in found(project, "page.") if "about" in f[0]] == []


def test_unknown_deadline_and_law_are_errors(project: Path) -> None:
    text = LEGAL.replace("admin-litigation", "no-such-law").replace("alit.sue", "alit.nope")
    pair(project, "procedures/x.md", text, text)
    assert found(project, "page.")[:2] == [
        ("docs/en/procedures/x.md", 5, "error", "page.sources"),
        ("docs/en/procedures/x.md", 12, "error", "page.deadline"),  # stamp added a line
    ]


# --- translation ----------------------------------------------------------------------------

def test_missing_translation_is_a_warning(project: Path) -> None:
    write(project, "docs/zh/about.md", PLAIN)
    assert found(project, "translation") == [
        ("docs/zh/about.md", 1, "warning", "translation.missing")]
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "check", "--strict"]) == 1


def test_single_language_pages_are_exempt(project: Path) -> None:
    write(project, "docs/zh/about.md", "---\ntitle: x\nsingle_language: true\n---\n")
    assert found(project, "translation") == []


def test_unstamped_and_outdated_translations(project: Path) -> None:
    pair(project, "about.md", PLAIN, PLAIN, stamped=False)
    assert found(project, "translation") == [
        ("docs/en/about.md", 1, "warning", "translation.unstamped")]
    stamp(project, [project / "docs/en/about.md"])
    assert found(project, "translation") == []
    write(project, "docs/zh/about.md", PLAIN + "\nNew Chinese text.\n")
    assert found(project, "translation") == [
        ("docs/en/about.md", 3, "warning", "translation.outdated")]


def test_outdated_translation_shows_a_notice_on_the_english_page(project: Path) -> None:
    pair(project, "about/index.md", PLAIN, PLAIN)
    write(project, "docs/zh/about/index.md", PLAIN + "\n改了。\n")
    staged = {(f.lang, f.rel): f.text for f in stage.prepare(project, TODAY).files}
    assert "legalaid-lag" in staged[("en", "about/index.md")]
    assert 'href="../../about/index.html"' in staged[("en", "about/index.md")]
    assert "legalaid-lag" not in staged[("zh", "about/index.md")]


def test_stamp_records_the_chinese_fingerprint(project: Path) -> None:
    pair(project, "about.md", PLAIN, PLAIN)
    en, _ = read_page(project, project / "docs/en/about.md")
    zh, _ = read_page(project, project / "docs/zh/about.md")
    assert en is not None and zh is not None
    assert en.meta["translated_from"] == source_hash(zh)
    assert en.meta["title"] == "Plain" and en.body.strip() == "Text."


# --- review freshness -----------------------------------------------------------------------

def test_old_review_is_a_warning(project: Path) -> None:
    old = LEGAL.replace("2026-11-01", "2025-10-01")
    pair(project, "procedures/x.md", old, old)
    assert found(project, "page.review") == [
        ("docs/en/procedures/x.md", 3, "warning", "page.review-stale"),
        ("docs/zh/procedures/x.md", 3, "warning", "page.review-stale")]


# --- unsafe content -------------------------------------------------------------------------

UNSAFE = [
    ("<script>alert(1)</script>", "safety.element"),
    ('<iframe src="page.html"></iframe>', "safety.element"),
    ('<object data="x.swf"></object>', "safety.element"),
    ('<embed src="x.swf">', "safety.element"),
    ('<a href="#" onclick="steal()">x</a>', "safety.event-handler"),
    ("[click](javascript:alert(1))", "safety.script-url"),
    ("![tracker](https://tracker.example/pixel.gif)", "safety.remote-resource"),
    ('<img src="//cdn.example/x.png">', "safety.remote-resource"),
]


@pytest.mark.parametrize(("snippet", "code"), UNSAFE)
def test_unsafe_content_in_markdown(project: Path, snippet: str, code: str) -> None:
    pair(project, "about.md", PLAIN + f"\nSee {snippet} here.\n", PLAIN)
    assert found(project, "safety") == [("docs/zh/about.md", 7, "error", code)]


def test_safe_content_passes(project: Path) -> None:
    text = (PLAIN + "\n[Official site](https://flk.npc.gov.cn/) and ![map](map.png)\n"
            "`<script>` shown as code\n\n```html\n<iframe></iframe>\n```\n")
    write(project, "docs/zh/map.png", "png")
    pair(project, "about.md", text, PLAIN)
    assert found(project, "safety") == []


def test_unsafe_content_in_yaml(project: Path) -> None:
    laws = (project / "data/laws.yaml").read_text("utf-8")
    write(project, "data/laws.yaml", laws + "# <script>x</script>\n")
    line = laws.count("\n") + 1
    assert found(project, "safety") == [("data/laws.yaml", line, "error", "safety.element")]


# --- personal data --------------------------------------------------------------------------

def test_resident_id_number_is_an_error(project: Path) -> None:
    pair(project, "about.md", PLAIN + "\n身份证号 11010519491231002X\n", PLAIN)
    assert found(project, "privacy") == [("docs/zh/about.md", 7, "error", "privacy.id-number")]


def test_number_with_wrong_check_digit_is_not_flagged(project: Path) -> None:
    pair(project, "about.md", PLAIN + "\n案号 110105194912310021\n", PLAIN)
    assert found(project, "privacy") == []


def test_mobile_number_in_a_page_is_a_warning(project: Path) -> None:
    pair(project, "about.md", PLAIN + "\n联系人 138 0013 8000\n", PLAIN)
    assert found(project, "privacy") == [("docs/zh/about.md", 7, "warning", "privacy.mobile")]


def test_mobile_number_in_station_phones_is_fine_elsewhere_not(project: Path) -> None:
    station = (
        "id: test-centre\nregion: \"110000\"\nkind: ngo\n"
        "name: {zh: 测试, en: Test}\nphones:\n  - number: \"13800138000\"\n"
        "directions: {zh: 找张先生 13912345678, en: Ask Mr Zhang}\n"
        "last_verified: 2026-01-05\nsource: \"https://example.org/source\"\n")
    write(project, "data/stations/110000/test-centre.yaml", station)
    assert found(project, "privacy") == [
        ("data/stations/110000/test-centre.yaml", 7, "warning", "privacy.mobile")]


# --- links ----------------------------------------------------------------------------------

def test_broken_links_and_anchors(project: Path) -> None:
    zh = LEGAL + ("\n见[另一页](other.md)、[本页](#limits)、[锚点](x.md#nope)、"
                  "[站](../directory/index.md)。\n")
    pair(project, "procedures/x.md", zh, LEGAL)
    assert found(project, "links") == [
        ("docs/zh/procedures/x.md", 13, "error", "links.target"),
        ("docs/zh/procedures/x.md", 13, "error", "links.anchor"),
    ]


def test_links_to_other_pages_and_anchors_pass(project: Path) -> None:
    zh = LEGAL + "\n见[上级](../index.md#limits)和[目录](../directory/index.md)。\n"
    pair(project, "procedures/x.md", zh, LEGAL)
    pair(project, "index.md", LEGAL.replace("procedures", ""), LEGAL)
    assert found(project, "links") == []


# --- output ---------------------------------------------------------------------------------

def test_json_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pair(project, "about.md", PLAIN + "\n身份证号 11010519491231002X\n", PLAIN)
    assert main(["--root", str(project), "check", "--format", "json"]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert item == {"path": "docs/zh/about.md", "line": 7, "col": 6, "level": "error",
                    "message": "this looks like a resident identity card number",
                    "fix": "remove it: content is about institutions, never about clients",
                    "code": "privacy.id-number"}


def test_status_page_puts_the_worst_first(project: Path) -> None:
    pair(project, "procedures/a.md", LEGAL, LEGAL)
    pair(project, "procedures/b.md", LEGAL.replace("2026-11-01", "2024-01-01"), LEGAL)
    pair(project, "about.md", PLAIN, PLAIN, stamped=False)
    write(project, "docs/zh/only-zh.md", PLAIN)
    staged = {(f.lang, f.rel): f.text for f in stage.prepare(project, TODAY).files}
    page = staged[("en", "status/index.md")]
    order = [page.index(f"<code>{rel}</code>") for rel in
             ("only-zh.md", "procedures/b.md", "about.md", "procedures/a.md")]
    assert order == sorted(order)
    assert "English missing" in page and "needs review" in page and "not stamped" in page


def test_new_station_writes_a_valid_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--root", str(project), "new-station", "--id", "hebei-test-centre", "--region",
            "130000", "--kind", "government-legal-aid-centre", "--name-zh", "河北测试中心",
            "--name-en", "Hebei Test Centre", "--phone", "0311-8765 4321", "--hours",
            "Mo-Fr 09:00-17:00", "--source", "https://example.org/source", "--verified",
            "2026-11-01"]
    assert main(args) == 0
    path = project / "data/stations/130000/hebei-test-centre.yaml"
    assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=")
    assert found(project) == []
    assert main(args) == 1  # never overwrites
    bad = [a if a != "0311-8765 4321" else "12" for a in args]
    bad[bad.index("hebei-test-centre")] = "hebei-bad"
    assert main(bad) == 1
    assert not (project / "data/stations/130000/hebei-bad.yaml").exists()
    assert "hebei-bad.yaml:" in capsys.readouterr().err
