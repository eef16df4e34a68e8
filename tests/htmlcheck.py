"""Find references to resources (things a browser fetches by itself) in HTML and CSS."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
#: <link rel> values that make the browser fetch the target.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                 "modulepreload", "manifest", "dns-prefetch", "preconnect", "mask-icon"}


def is_external(url: str) -> bool:
    """True for a URL that leaves the site (another host or a protocol-relative address)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in ("", "data", "blob", "file")


def resource_urls(html: str) -> list[str]:
    """Every URL the page would fetch on its own: scripts, styles, images, frames, media, fonts."""
    soup = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    for tag in soup.find_all(True):
        for attr in ("src", "data", "poster", "background"):
            if tag.has_attr(attr) and tag.name != "a":
                urls.append(str(tag[attr]))
        if tag.has_attr("srcset"):
            urls += [part.split()[0] for part in str(tag["srcset"]).split(",") if part.strip()]
        if tag.name == "link" and set(tag.get("rel") or []) & FETCHING_RELS:
            urls.append(str(tag.get("href", "")))
        if tag.name in ("use", "image") and (tag.get("href") or tag.get("xlink:href")):
            urls.append(str(tag.get("href") or tag.get("xlink:href")))
        if tag.name == "meta" and str(tag.get("http-equiv", "")).lower() == "refresh":
            urls.append(str(tag.get("content", "")).partition("url=")[2])
        if tag.has_attr("style"):
            urls += css_urls(str(tag["style"]))
        if tag.name == "style" and tag.string:
            urls += css_urls(tag.string)
    return [u for u in urls if u]


def css_urls(css: str) -> list[str]:
    """URLs referenced by a stylesheet."""
    return [a or b for a, b in CSS_URL.findall(css)]
