"""The built site in Debian's Chromium, opened from disk as a reader opens a downloaded copy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
IN_CI = os.environ.get("CI", "").lower() == "true"
ALLOWED_SCHEMES = ("file:", "data:", "blob:")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing; under CI=true the browser tests must run "
                        "(.ci/run installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium); CI runs these")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--allow-file-access-from-files"],
        )
        yield b
        b.close()


class Recorder:
    """Every request a page makes."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not u.startswith(ALLOWED_SCHEMES)]


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, Recorder]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    recorder = Recorder()
    context.on("request", lambda request: recorder.urls.append(request.url))
    pg = context.new_page()
    yield pg, recorder
    context.close()


def search(pg: object, site: Path | str, start: str, query: str) -> list[str]:
    """Type ``query`` into the search box of page ``start``; return the first results' text."""
    url = (site / start).as_uri() if isinstance(site, Path) else f"{site}/{start}"
    pg.goto(url)  # type: ignore[attr-defined]
    box = pg.locator("input.md-search__input")  # type: ignore[attr-defined]
    if not box.is_visible():  # phone layout: the search icon opens the box
        pg.locator("label[for='__search']:visible").first.click()  # type: ignore[attr-defined]
    box.fill(query)
    items = pg.locator("li.md-search-result__item")  # type: ignore[attr-defined]
    items.first.wait_for(timeout=15000)
    return [items.nth(i).inner_text() for i in range(min(items.count(), 5))]


def result_links(pg: object) -> list[str]:
    links = pg.locator("li.md-search-result__item a")  # type: ignore[attr-defined]
    return [str(links.nth(i).evaluate("a => a.href")) for i in range(links.count())]


def test_home_page_opens_from_disk_without_network(page: tuple[object, Recorder],
                                                   built_site: Path) -> None:
    pg, rec = page
    pg.goto((built_site / "index.html").as_uri())  # type: ignore[attr-defined]
    pg.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert "12348" in pg.inner_text("article")  # type: ignore[attr-defined]
    assert len(rec.urls) > 3
    assert rec.foreign() == []


def test_search_finds_chinese_words_from_disk(page: tuple[object, Recorder],
                                              built_site: Path) -> None:
    pg, rec = page
    results = search(pg, built_site, "index.html", "法律援助")
    assert results and any("法律援助" in r for r in results)
    assert rec.foreign() == []


def test_search_finds_english_words_from_disk(page: tuple[object, Recorder],
                                              built_site: Path) -> None:
    pg, rec = page
    results = search(pg, built_site, "en/index.html", "legal aid")
    assert results and any("legal aid" in r.lower() for r in results)
    assert rec.foreign() == []


@pytest.mark.parametrize(("start", "lang", "expected"), [
    ("procedures/legal-aid.html", "en", "en/procedures/legal-aid.html"),
    ("en/procedures/legal-aid.html", "zh", "procedures/legal-aid.html"),
])
def test_language_switcher_goes_to_the_counterpart(page: tuple[object, Recorder], built_site: Path,
                                                   start: str, lang: str, expected: str) -> None:
    pg, rec = page
    pg.goto((built_site / start).as_uri())  # type: ignore[attr-defined]
    pg.hover(".md-header__option .md-select")  # type: ignore[attr-defined]
    pg.click(f"a.md-select__link[hreflang={lang}]")  # type: ignore[attr-defined]
    pg.wait_for_load_state()  # type: ignore[attr-defined]
    assert pg.url == (built_site / expected).as_uri()  # type: ignore[attr-defined]
    assert rec.foreign() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phone_screenshot_of_home_page(browser: object, built_site: Path, artifacts: Path,
                                       lang: str) -> None:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    pg = context.new_page()
    pg.goto((built_site / ("index.html" if lang == "zh" else "en/index.html")).as_uri())
    pg.wait_for_load_state("networkidle")
    shot = artifacts / f"home-{lang}-360x740.png"
    pg.screenshot(path=str(shot))
    # the page fits the phone's width: no sideways scrolling
    assert pg.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    assert shot.stat().st_size > 10_000
    assert [u for u in requests if not u.startswith(ALLOWED_SCHEMES)] == []


@pytest.fixture
def mirror(built_site: Path, tmp_path: Path) -> Iterator[str]:
    """The site served over loopback HTTP under a sub-path, missing paths answered by 404.html."""
    import functools
    import http.server
    import threading

    root = tmp_path / "www"
    (root / "mirror").mkdir(parents=True)
    (root / "mirror" / "sub").symlink_to(built_site)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            if code != 404:
                return super().send_error(code, message, explain)
            body = (built_site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_404_page_works_on_a_mirror_under_a_sub_path(page: tuple[object, Recorder],
                                                      mirror: str) -> None:
    pg, rec = page
    pg.goto(f"{mirror}/mirror/sub/no/such/page.html")  # type: ignore[attr-defined]
    home = pg.locator('a.home[data-path="index.html"]')  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('a.home').getAttribute('href') !== '/'")
    assert home.get_attribute("href") == "/mirror/sub/index.html"
    home.click()
    pg.wait_for_load_state()  # type: ignore[attr-defined]
    assert "12348" in pg.inner_text("article")  # type: ignore[attr-defined]
    assert [u for u in rec.urls if not u.startswith((mirror, "data:", "blob:"))] == []


@pytest.mark.parametrize(("start", "query"), [("index.html", "12348"),
                                              ("en/index.html", "12348"),
                                              ("directory/index.html", "北京"),
                                              ("en/directory/index.html", "Beijing")])
def test_search_results_stay_in_the_page_language(page: tuple[object, Recorder], built_site: Path,
                                                  start: str, query: str) -> None:
    pg, _ = page
    assert search(pg, built_site, start, query)
    links = result_links(pg)
    english = [link for link in links if "/site/en/" in link]
    assert links and (english == links if start.startswith("en/") else english == [])


def test_search_index_is_fetched_only_when_the_reader_searches(page: tuple[object, Recorder],
                                                               mirror: str) -> None:
    pg, rec = page
    pg.goto(f"{mirror}/mirror/sub/en/procedures/legal-aid.html")  # type: ignore[attr-defined]
    pg.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    pg.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert [u for u in rec.urls if "search_index" in u] == []
    results = search(pg, mirror, "mirror/sub/en/procedures/legal-aid.html", "legal aid")
    assert results
    assert [u for u in rec.urls if "search_index" in u] == [
        f"{mirror}/mirror/sub/en/search/search_index.json"]
