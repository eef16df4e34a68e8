"""Page weight as a reader on a phone pays it: bytes on the wire (gzip) over loopback HTTP.

Serves a built site the way a typical static host does (gzip, ETag and Last-Modified, assets
cacheable, HTML revalidated), opens pages in Debian's Chromium with a phone viewport, and
counts every response the page causes in its first seconds, the search worker's included.
Optionally runs Lighthouse (npm) against the same server. Usage: python bench/weight.py SITE
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = "13.5.0"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".vcf", ".csv")


#: (path, bytes sent: status line, headers and body) of every response, in order.
SENT: list[tuple[str, int]] = []


def handler_for(root: Path) -> type[http.server.BaseHTTPRequestHandler]:
    cache: dict[Path, tuple[bytes, bytes, str]] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            self._head = sum(len(x) for x in getattr(self, "_headers_buffer", []))
            super().end_headers()

        def _log_sent(self, body: int) -> None:
            SENT.append((self.path, self._head + body))

        def do_GET(self) -> None:  # noqa: N802
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                SENT.append((self.path, 512))
                return
            if path not in cache:
                raw = path.read_bytes()
                gz = gzip.compress(raw, 6, mtime=0) if path.suffix in COMPRESSIBLE else raw
                cache[path] = (raw, gz, '"' + hashlib.sha1(raw).hexdigest()[:16] + '"')
            raw, gz, etag = cache[path]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                self._log_sent(0)
                return
            use_gzip = "gzip" in self.headers.get("Accept-Encoding", "") and gz is not raw
            body = gz if use_gzip else raw
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime,
                                                                     usegmt=True))
            # assets change name or rarely; pages are revalidated on every visit
            self.send_header("Cache-Control", "public, max-age=86400" if "/assets/" in self.path
                             else "no-cache")
            if use_gzip:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            self.wfile.write(body)
            self._log_sent(len(body))

    return Handler


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def pick_pages(site: Path) -> dict[str, tuple[str, str]]:
    """Per page type: the page of the first visit, and the page of the repeat visit.

    The repeat visit to a station page opens another station, as a reader going through a
    province's list does; the other types are opened again.
    """
    stations = [p.relative_to(site).as_posix()
                for p in sorted((site / "directory").glob("*/*.html")) if p.name != "index.html"]
    procedure = "procedures/administrative-litigation.html"
    return {"home": ("index.html", "index.html"), "procedure": (procedure, procedure),
            "station": (stations[0], stations[1])}


def measure(base: str, pages: dict[str, tuple[str, str]]) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for lang in ("zh", "en"):
            prefix = "" if lang == "zh" else "en/"
            for kind, (first_rel, repeat_rel) in pages.items():
                context = browser.new_context(viewport={"width": 360, "height": 740},
                                              is_mobile=True)
                first = _visit(context, f"{base}/{prefix}{first_rel}")
                repeat = _visit(context, f"{base}/{prefix}{repeat_rel}")
                context.close()
                rows.append({"lang": lang, "page": kind, "first_kib": first[0] / 1024,
                             "first_requests": first[1], "repeat_kib": repeat[0] / 1024,
                             "repeat_requests": repeat[1]})
        browser.close()
    return rows


def _visit(context: object, url: str) -> tuple[int, int]:
    """Bytes the server sent and requests it answered while the page loads and settles."""
    page = context.new_page()  # type: ignore[attr-defined]
    SENT.clear()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)  # "first seconds": whatever the page fetches after load
    total, count = sum(n for _, n in SENT), len(SENT)
    page.close()
    return total, count


def lighthouse(base: str, pages: dict[str, tuple[str, str]],
               cache: Path) -> list[dict[str, object]]:
    """Lighthouse mobile scores (npm lighthouse, Debian Chromium); empty if npm is missing."""
    npm = shutil.which("npm")
    if npm is None:
        return []
    cli = cache / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(cache), f"lighthouse@{LIGHTHOUSE}"], check=True)
    rows = []
    for lang in ("zh", "en"):
        for kind, (rel, _) in pages.items():
            url = f"{base}/{rel if lang == 'zh' else 'en/' + rel}"
            out = subprocess.run(
                [str(cli), url, "--quiet", "--output=json", "--form-factor=mobile",
                 "--only-categories=performance,accessibility,best-practices",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
            if out.returncode:
                rows.append({"lang": lang, "page": kind, "error": out.stderr[-300:]})
                continue
            cats = json.loads(out.stdout)["categories"]
            rows.append({"lang": lang, "page": kind,
                         **{k: cats[k]["score"] for k in
                            ("performance", "accessibility", "best-practices")}})
    return rows


def report(site: Path, with_lighthouse: bool, cache: Path) -> str:
    pages = pick_pages(site)
    lines = ["| language | page | first visit KiB (requests) | repeat visit KiB (requests) |",
             "|---|---|---:|---:|"]
    with serve(site) as base:
        for row in measure(base, pages):
            lines.append(f"| {row['lang']} | {row['page']} | {row['first_kib']:.1f} "
                         f"({row['first_requests']}) | {row['repeat_kib']:.1f} "
                         f"({row['repeat_requests']}) |")
        if with_lighthouse:
            lines += ["", "| language | page | performance | accessibility | best practices |",
                      "|---|---|---:|---:|---:|"]
            for row in lighthouse(base, pages, cache):
                if "error" in row:
                    lines.append(f"| {row['lang']} | {row['page']} | error: {row['error']} |||")
                else:
                    lines.append(f"| {row['lang']} | {row['page']} | {row['performance']:.2f} | "
                                 f"{row['accessibility']:.2f} | {row['best-practices']:.2f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument("--cache", type=Path,
                        default=Path(__file__).resolve().parent.parent / ".cache" / "bench-node")
    args = parser.parse_args()
    print(report(args.site, args.lighthouse, args.cache))
    return 0


if __name__ == "__main__":
    sys.exit(main())
