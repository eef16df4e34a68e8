"""Unit tests of the core: YAML loading, front matter, deadline macros, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legalaid.content import expand_macros, page_blocks, read_page
from legalaid.facts import load_facts
from legalaid.render import format_date, format_period
from legalaid.yamlfile import load_yaml, parse_yaml

LAWS = """\
alit:
  name: {zh: 中华人民共和国行政诉讼法, en: Administrative Litigation Law of the PRC}
  short: {zh: 行政诉讼法, en: Administrative Litigation Law}
  kind: law
  revision: {zh: 2017年修正, en: 2017 amendment}
  in_force: 2017-07-01
  source: https://flk.npc.gov.cn/
"""
DEADLINES = """\
alit.sue:
  title: {zh: 直接起诉, en: Suing directly}
  law: alit
  article: "46"
  period: 6
  unit: months
  starts: {zh: 知道行政行为之日起, en: from the day you knew of the act}
alit.outer:
  title: {zh: 最长期限, en: Outer limit}
  law: alit
  article: "46"
  paragraph: 2
  period: 1
  unit: years
  starts: {zh: 行为作出之日起, en: from the day of the act}
  note: {zh: 说明<b>, en: note <b>}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "laws.yaml").write_text(LAWS, encoding="utf-8")
    (tmp_path / "data" / "deadlines.yaml").write_text(DEADLINES, encoding="utf-8")
    (tmp_path / "docs" / "zh").mkdir(parents=True)
    (tmp_path / "docs" / "en").mkdir(parents=True)
    return tmp_path


def page_at(project: Path, lang: str, text: str):  # type: ignore[no-untyped-def]
    file = project / "docs" / lang / "p.md"
    file.write_text(text, encoding="utf-8")
    page, findings = read_page(project, file)
    assert page is not None
    return page, findings


# --- YAML -----------------------------------------------------------------------------------

def test_yaml_keys_know_their_lines() -> None:
    doc = parse_yaml("a: 1\nb:\n  c: [x, y]\n  d: z\n", "f.yaml")
    assert doc.findings == []
    assert doc.where("b", "d") == (4, 3)
    assert doc.where("b", "c", 1) == (3, 10)
    assert doc.where("missing") == (1, 1)


def test_yaml_syntax_error_names_line() -> None:
    doc = parse_yaml("a: 1\nb: [unclosed\nc: 2\n", "f.yaml")
    assert [(f.line, f.level, f.code) for f in doc.findings] == [(3, "error", "yaml.syntax")]
    assert doc.findings[0].format().startswith("f.yaml:3:")


def test_empty_and_comment_only_files_are_errors() -> None:
    for text in ("", "# only a comment\n"):
        doc = parse_yaml(text, "f.yaml")
        assert [f.code for f in doc.findings] == ["yaml.empty"]


def test_duplicate_keys_are_errors() -> None:
    doc = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(f.line, f.code) for f in doc.findings] == [(3, "yaml.duplicate-key")]


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(b"a: 1\nb: 2\nname: " + "北京".encode("gbk") + b"\n")
    doc = load_yaml(file, "x.yaml")
    assert [(f.line, f.col, f.code) for f in doc.findings] == [(3, 7, "file.encoding")]


# --- facts ----------------------------------------------------------------------------------

def test_facts_load_clean(project: Path) -> None:
    facts = load_facts(project)
    assert facts.findings == ()
    assert set(facts.deadlines) == {"alit.sue", "alit.outer"}


def test_deadline_with_unknown_law_and_bad_unit(project: Path) -> None:
    bad = DEADLINES.replace("law: alit\n  article: \"46\"\n  period: 6\n  unit: months",
                            "law: nope\n  article: \"46\"\n  period: 6\n  unit: weeks")
    (project / "data" / "deadlines.yaml").write_text(bad, encoding="utf-8")
    found = {(f.line, f.code) for f in load_facts(project).findings}
    assert found == {(3, "deadline.unknown-law"), (6, "schema.enum")}


def test_missing_field_is_named(project: Path) -> None:
    (project / "data" / "laws.yaml").write_text(LAWS.replace("  kind: law\n", ""), "utf-8")
    findings = load_facts(project).findings
    assert [(f.path, f.line, f.message) for f in findings] == [
        ("data/laws.yaml", 1, "missing field 'alit.kind'")]


# --- rendering ------------------------------------------------------------------------------

def test_periods_and_dates_in_both_languages() -> None:
    assert format_period(6, "months", "zh") == "6个月"
    assert format_period(1, "years", "en") == "1 year"
    assert format_period(20, "working_days", "en") == "20 working days"
    assert format_period(24, "hours", "zh") == "24小时"
    assert format_date(dt.date(2026, 11, 4), "zh") == "2026年11月4日"
    assert format_date(dt.date(2026, 11, 4), "en") == "4 November 2026"


def test_inline_and_table_macros(project: Path) -> None:
    facts = load_facts(project)
    page, _ = page_at(project, "en", "---\ntitle: T\n---\nSue within [[deadline: alit.sue]].\n\n"
                                     "[[deadlines: alit.sue alit.outer]]\n")
    out, findings, used = expand_macros(page, facts)
    assert findings == [] and used == {"alit.sue", "alit.outer"}
    assert ('Sue within <strong class="legalaid-deadline">6 months</strong> '
            "(Administrative Litigation Law, Art. 46).") in out
    assert '<td data-label="Legal basis">Administrative Litigation Law, Art. 46(2)</td>' in out
    assert "note &lt;b&gt;" in out  # data text is escaped, never markup


def test_chinese_citation(project: Path) -> None:
    page, _ = page_at(project, "zh", "期限为[[deadline: alit.outer]]。\n")
    out, _, _ = expand_macros(page, load_facts(project))
    assert out == ('期限为<strong class="legalaid-deadline">1年</strong>'
                   "（《行政诉讼法》第46条第2款）。\n")


def test_unknown_and_malformed_macros_are_located(project: Path) -> None:
    text = ("---\ntitle: T\n---\n\nok [[deadline: alit.nope]] and [[deadline:]] x\n"
            "```\n[[deadline: in.code]]\n```\n[[deadlines: alit.sue bad.id]]\n")
    page, _ = page_at(project, "zh", text)
    _, findings, _ = expand_macros(page, load_facts(project))
    assert [(f.line, f.col, f.message) for f in findings] == [
        (5, 16, "unknown deadline id 'alit.nope'"),
        (5, 32, "malformed deadline macro"),
        (9, 23, "unknown deadline id 'bad.id'"),
    ]


def test_reviewed_and_sources_blocks(project: Path) -> None:
    text = ("---\ntitle: T\nreviewed: 2025-01-01\nsources:\n  - law: alit\n"
            "    articles: [\"45\", \"46\"]\n"
            "  - law: unknown-law\n---\nBody\n")
    page, _ = page_at(project, "zh", text)
    top, bottom, findings = page_blocks(page, load_facts(project), dt.date(2026, 11, 24))
    assert '最后审核：<time datetime="2025-01-01">2025年1月1日</time>' in top
    assert "legalaid-stale" in top  # more than 12 months old
    assert "中华人民共和国行政诉讼法" in bottom and "第45、46条" in bottom
    assert [(f.line, f.level, f.message) for f in sorted(findings)] == [
        (3, "warning", "last reviewed 2025-01-01, more than 12 months before 2026-11-24"),
        (7, "error", "unknown law 'unknown-law' in sources")]
    fresh, _, _ = page_blocks(page, load_facts(project), dt.date(2025, 6, 1))
    assert "legalaid-stale" not in fresh


def test_front_matter_syntax_error_has_file_line(project: Path) -> None:
    _, findings = page_at(project, "zh", "---\ntitle: [broken\n---\nBody\n")
    assert [(f.path, f.line, f.code) for f in findings] == [("docs/zh/p.md", 3, "yaml.syntax")]
