"""Station data: every kind of bad input is reported by file, line and field; good data renders."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from legalaid import hours
from legalaid.cli import main
from legalaid.stations import load_directory
from sitebuild import ROOT, build, copy_project

HSDS = ROOT.parent / "shared" / "vendor" / "hsds-3.0" / "schema" / "compiled" / "organization.json"
GOOD = """\
# yaml-language-server: $schema=../../../schemas/station.schema.json
id: {id}
region: "{region}"
kind: government-legal-aid-centre
name: {{zh: 测试法律援助中心, en: Test Legal Aid Centre}}
address: {{zh: 某市某路1号, en: 1 Some Road}}
phones:
  - number: "010-6513 5566"
opening_hours: "Mo-Fr 09:00-12:00,13:30-17:30; PH off"
services: [legal-advice]
languages: [zh]
last_verified: 2026-01-05
source: "https://example.org/source"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("regions.yaml", "vocabularies.yaml", "laws.yaml", "deadlines.yaml"):
        (tmp_path / "data").mkdir(exist_ok=True)
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    (tmp_path / "data" / "stations" / "110000").mkdir(parents=True)
    return tmp_path


def station(project: Path, text: str, name: str = "test-centre", region: str = "110000") -> Path:
    folder = project / "data" / "stations" / region
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(project: Path) -> list[tuple[str, int, str]]:
    return [(f.path, f.line, f.message) for f in load_directory(project).findings]


def test_good_station_loads(project: Path) -> None:
    station(project, GOOD.format(id="test-centre", region="110000"))
    directory = load_directory(project)
    assert directory.findings == []
    (entry,) = directory.public
    assert [p.tel for p in entry.phones] == ["+861065135566"]
    assert entry.province == "110000"


BAD_CASES = {
    "unknown region": (GOOD.replace('region: "{region}"', 'region: "990000"'), 3,
                       "unknown region code '990000'"),
    "id differs from file": (GOOD.replace("id: {id}", "id: other-name"), 2,
                             "id 'other-name' differs from the file name 'test-centre'"),
    "missing en name": (GOOD.replace(", en: Test Legal Aid Centre", ""), 5,
                        "missing field 'name.en'"),
    "bad phone": (GOOD.replace("010-6513 5566", "010-123"), 8,
                  "phone number '010-123' is not valid in China"),
    "bad hours": (GOOD.replace("Mo-Fr 09:00-12:00", "Mo-Fr 9am-12"), 9,
                  "opening_hours does not parse: cannot read '9am-12,1' (at character 7)"),
    "unknown service": (GOOD.replace("[legal-advice]", "[legal-advice, free-lunch]"), 10,
                        "unknown service key 'free-lunch'"),
    "future date": (GOOD.replace("2026-01-05", "2999-01-01"), 12,
                    "last_verified 2999-01-01 is in the future"),
    "yaml syntax": (GOOD.replace("services: [legal-advice]", "services: [legal-advice"), 11,
                    "YAML syntax error: while parsing a flow sequence"),  # then libyaml's words
    "empty file": ("", 1, "the file holds no YAML data"),
    "comment only": ("# yaml-language-server: $schema=../../../schemas/station.schema.json\n", 1,
                     "the file holds no YAML data"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_station_is_reported_with_file_line_and_field(
        project: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, line, message = BAD_CASES[case]
    station(project, text.replace("{id}", "test-centre").replace("{region}", "110000")
            .replace("{{", "{").replace("}}", "}"))
    path = "data/stations/110000/test-centre.yaml"
    assert [(p, n, m[: len(message)]) for p, n, m in findings(project)] == [(path, line, message)]
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:{line}:") and ": error: " in out and "(" in out


def test_not_utf8(project: Path) -> None:
    path = station(project, "")
    text = GOOD.format(id="test-centre", region="110000").replace("测试法律援助中心", "ZZ")
    path.write_bytes(text.encode().replace(b"ZZ", "测试".encode("gbk")))
    assert findings(project) == [("data/stations/110000/test-centre.yaml", 5,
                                  "the file is not valid UTF-8 text")]


def test_duplicate_id_across_provinces(project: Path) -> None:
    station(project, GOOD.format(id="same", region="110000"), name="same")
    station(project, GOOD.format(id="same", region="120000"), name="same", region="120000")
    assert findings(project) == [(
        "data/stations/120000/same.yaml", 2,
        "duplicate id 'same', already used by data/stations/110000/same.yaml")]


def test_quoted_date_is_read_as_a_date(project: Path) -> None:
    station(project, GOOD.format(id="test-centre", region="110000").replace(
        "2026-01-05", '"2026-01-05"'))
    (entry,) = load_directory(project).public
    assert entry.data["last_verified"] == dt.date(2026, 1, 5)


def test_station_in_wrong_province_folder(project: Path) -> None:
    station(project, GOOD.format(id="test-centre", region="120000"))
    assert findings(project) == [(
        "data/stations/110000/test-centre.yaml", 3,
        "region 120000 belongs to province 120000, but the file is in folder 110000")]


def test_every_problem_is_reported_not_just_the_first(project: Path) -> None:
    text = GOOD.format(id="test-centre", region="110000")
    station(project, text.replace("12:00", "25:00").replace("[zh]", "[zh, klingon]"))
    assert [line for _, line, _ in findings(project)] == [9, 11]


def test_opening_hours_in_words() -> None:
    parsed = hours.parse("Mo-Fr 09:00-12:00,13:30-17:30; Sa 09:00-12:00; PH off")
    assert hours.describe(parsed, "zh") == ["周一至周五 09:00–12:00、13:30–17:30",
                                            "周六 09:00–12:00", "法定节假日 休息"]
    assert hours.describe(parsed, "en") == ["Mon–Fri 09:00–12:00, 13:30–17:30",
                                            "Sat 09:00–12:00", "Public holidays closed"]
    assert hours.describe(hours.parse("24/7"), "en") == ["Open 24 hours, every day"]
    assert hours.schema_org(parsed)[0] == {
        "@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "12:00",
        "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}


# --- a real build with tricky entries -------------------------------------------------------

HIDDEN = GOOD.replace("测试法律援助中心", "内部备用联络点").replace("Test Legal Aid Centre",
                                                                  "Internal backup contact") \
    + "public: false\n"
# Active content (<script>, on...=) is refused by the safety check; what passes it is escaped.
MARKUP = GOOD.replace("测试法律援助中心", "<b>加粗</b>中心").replace(
    "1 Some Road", "<img src=x> Road")


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("tricky"))
    station(project, HIDDEN.format(id="zz-hidden", region="110000"), name="zz-hidden")
    station(project, MARKUP.format(id="zz-markup", region="110000"), name="zz-markup")
    site = project / "out"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_private_entries_reach_neither_pages_nor_exports(tricky_site: Path) -> None:
    hits = [p for p in tricky_site.rglob("*") if p.is_file() and p.suffix in
            (".html", ".json", ".csv", ".vcf", ".js", ".xml")
            and ("zz-hidden" in p.read_text("utf-8", "replace")
                 or "内部备用联络点" in p.read_text("utf-8", "replace"))]
    assert hits == []
    assert not (tricky_site / "directory" / "beijing" / "zz-hidden.html").exists()


def test_text_fields_never_inject_markup(tricky_site: Path) -> None:
    for page in (tricky_site / "directory/beijing/zz-markup.html",
                 tricky_site / "en/directory/beijing/zz-markup.html",
                 tricky_site / "directory/beijing/index.html"):
        html = page.read_text("utf-8")
        assert "<b>加粗" not in html and "<img src=x" not in html
    assert "&lt;b&gt;加粗&lt;/b&gt;中心" in (
        tricky_site / "directory/beijing/zz-markup.html").read_text("utf-8")
    assert "&lt;img src=x&gt; Road" in (
        tricky_site / "en/directory/beijing/zz-markup.html").read_text("utf-8")


def test_active_content_in_station_data_is_refused(project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    station(project, GOOD.format(id="test-centre", region="110000").replace(
        "测试法律援助中心", "<script>alert(1)</script>"))
    assert main(["--root", str(project), "check"]) == 1
    assert ("data/stations/110000/test-centre.yaml:5:12: error: <script> is not allowed"
            in capsys.readouterr().out)


def test_station_page_contents(tricky_site: Path) -> None:
    html = (tricky_site / "en/directory/beijing/zz-markup.html").read_text("utf-8")
    assert 'href="tel:+861065135566"' in html
    assert "Mon–Fri 09:00–12:00, 13:30–17:30" in html
    assert 'href="zz-markup.vcf"' in html
    assert "edit/main/data/stations/110000/zz-markup.yaml" in html
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@type"] == "GovernmentOffice" and ld["address"]["@type"] == "PostalAddress"
    assert ld["openingHoursSpecification"][0]["@type"] == "OpeningHoursSpecification"
    vcf = (tricky_site / "en/directory/beijing/zz-markup.vcf").read_bytes().decode()
    assert vcf.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "TEL;TYPE=WORK,VOICE:+861065135566" in vcf
    zh = (tricky_site / "directory/beijing/zz-markup.html").read_text("utf-8")
    assert "周一至周五 09:00–12:00、13:30–17:30" in zh


def test_old_entries_say_they_may_be_out_of_date(tricky_site: Path) -> None:
    # GOOD was verified 2026-01-05; test builds are dated 2026-11-18: fresh
    html = (tricky_site / "directory/beijing/zz-markup.html").read_text("utf-8")
    assert "可能已经过时" not in html
    old = load_directory(ROOT)
    assert old.findings == []


def test_exports(tricky_site: Path) -> None:
    records = json.loads((tricky_site / "directory/stations.json").read_text("utf-8"))
    ids = [r["id"] for r in records]
    assert "zz-markup" in ids and "zz-hidden" not in ids and len(ids) >= 32
    csv_text = (tricky_site / "directory/stations.csv").read_text("utf-8")
    assert csv_text.splitlines()[0].startswith("id,region,province_zh,province_en")
    assert len(csv_text.strip().splitlines()) == len(records) + 1
    schema = json.loads(HSDS.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for lang in ("zh", "en"):
        orgs = json.loads((tricky_site / f"directory/hsds/{lang}/organizations.json").read_text())
        assert len(orgs) == len(records)
        for org in orgs:
            validator.validate(org)
        ids = [o["id"] for o in orgs]
        assert len(set(ids)) == len(ids)


def test_hsds_ids_are_stable(tricky_site: Path, tmp_path: Path) -> None:
    from legalaid.exports import hsds_organization

    directory = load_directory(ROOT)
    first = [hsds_organization(directory, s, "zh")["id"] for s in directory.public]
    again = [hsds_organization(load_directory(ROOT), s, "zh")["id"] for s in directory.public]
    assert first == again and len(set(first)) == len(first)


def test_bad_station_fails_the_build_without_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    station(project, GOOD.format(id="test-centre", region="110000").replace("12:00", "12h"))
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "data/stations/110000/test-centre.yaml:9:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_dates_do_not_come_from_the_clock() -> None:
    assert dt.date(2026, 11, 18) == dt.datetime.fromtimestamp(1795000000, dt.UTC).date()
