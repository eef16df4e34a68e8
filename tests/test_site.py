"""A real build of the repository's site: languages, links, privacy, reproducibility."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from htmlcheck import css_urls, is_external, resource_urls
from sitebuild import ROOT, build, copy_project

pytestmark = pytest.mark.build


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def zh_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_pages(site)
            if not p.relative_to(site).as_posix().startswith("en/")}


def en_pages(site: Path) -> set[str]:
    return {p.relative_to(site / "en").as_posix() for p in html_pages(site / "en")}


def test_both_languages_have_the_same_pages(built_site: Path) -> None:
    assert len(zh_pages(built_site)) > 20
    assert zh_pages(built_site) == en_pages(built_site)


def test_pages_declare_their_language(built_site: Path) -> None:
    for page in html_pages(built_site):
        lang = "en" if page.relative_to(built_site).parts[0] == "en" else "zh"
        html = BeautifulSoup(page.read_text("utf-8"), "html.parser").html
        assert html is not None and html.get("lang") == lang, page


def test_every_page_links_its_counterpart_with_hreflang(built_site: Path) -> None:
    for page in html_pages(built_site):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        rel = page.relative_to(built_site).as_posix()
        base = rel.removeprefix("en/")
        alternates = {link["hreflang"]: link["href"]
                      for link in soup.find_all("link", rel="alternate", hreflang=True)}
        assert set(alternates) == {"zh", "en"}, rel
        expected = {"zh": base, "en": f"en/{base}"}
        for lang, href in alternates.items():
            target = (page.parent / href).resolve()
            assert target == (built_site / expected[lang]).resolve(), (rel, lang, href)
        # the language switcher goes to the counterpart page, not to the home page
        switch = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
        assert (page.parent / switch["en"]).resolve() == (built_site / expected["en"]).resolve()
        assert (page.parent / switch["zh"]).resolve() == (built_site / expected["zh"]).resolve()


def test_sitemap_lists_both_languages_with_alternates(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(built_site / "sitemap.xml")
    urls = tree.findall("s:url", ns)
    assert len(urls) == len(html_pages(built_site))
    for url in urls:
        langs = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert langs == {"zh", "en"}, url.findtext("s:loc", namespaces=ns)


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in sorted(built_site.rglob("*.html")):
        offenders += [(page.name, u) for u in resource_urls(page.read_text("utf-8"))
                      if is_external(u)]
    for css in sorted(built_site.rglob("*.css")):
        offenders += [(css.name, u) for u in css_urls(css.read_text("utf-8")) if is_external(u)]
    assert offenders == []


def test_external_resource_check_can_fail() -> None:
    html = ('<img src="https://tracker.example/p.gif"><link rel="stylesheet" '
            'href="//cdn.example/a.css"><a href="https://ok.example/">fine</a>')
    assert [u for u in resource_urls(html) if is_external(u)] == [
        "https://tracker.example/p.gif", "//cdn.example/a.css"]


def test_no_generator_tag_and_no_web_fonts(built_site: Path) -> None:
    home = (built_site / "index.html").read_text("utf-8")
    assert 'name="generator"' not in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    for folder, word in ((built_site, "法律援助"), (built_site / "en", "legal aid")):
        index = json.loads((folder / "search" / "search_index.json").read_text("utf-8"))
        docs = index["docs"]
        text = " ".join(d["title"] + " " + d["text"] for d in docs).replace("\u200b", "")
        assert word in text.lower()
        assert not any(d["location"].startswith("en/") for d in docs)  # relative to folder
        assert (folder / "search" / "search_index.js").exists()  # offline copy for file://
        pages = {p.relative_to(folder).as_posix() for p in folder.glob("**/*.html")
                 if not p.relative_to(folder).as_posix().startswith("en/")}
        located = {d["location"].split("#")[0] for d in docs}
        assert located <= pages | {""}, sorted(located - pages)[:5]
    zh = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert en["config"]["lang"] == ["en"] and "zh" in zh["config"]["lang"]
    assert "legal aid" not in " ".join(d["text"] for d in zh["docs"]).lower().replace("\u200b", "")


def test_404_page_is_self_contained(built_site: Path) -> None:
    page = built_site / "404.html"
    urls = resource_urls(page.read_text("utf-8"))
    assert urls == []  # no stylesheet or script file: it works at any depth of any sub-path
    assert not (built_site / "en" / "404.html").exists()


def test_two_builds_in_different_folders_are_identical(built_site: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "elsewhere" / "project")
    other = tmp_path / "other-site"
    result = build(project, other)
    assert result.returncode == 0, result.stderr
    left = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    right = sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert left == right
    match, mismatch, error = filecmp.cmpfiles(built_site, other, [str(p) for p in left],
                                              shallow=False)
    assert mismatch == [] and error == []


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_failed_make_site_keeps_the_last_good_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    (project / ".venv").symlink_to(ROOT / ".venv")
    good = project / "site" / "index.html"
    good.parent.mkdir()
    good.write_text("last good build")
    page = project / "docs" / "zh" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n[[deadline: no.such-id]]\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000"}
    result = subprocess.run(["make", "site"], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "docs/zh/index.md:" in result.stderr
    assert "unknown deadline id 'no.such-id'" in result.stderr
    assert "Traceback" not in result.stderr
    assert good.read_text() == "last good build"
    assert not (project / ".site-tmp").exists()
