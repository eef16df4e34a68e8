"""Links and anchors between pages, in both languages, checked without building."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable

from pymdownx.slugs import slugify

from .content import FENCE, Page
from .findings import Finding

LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_ID = re.compile(r"\{[^}]*#([\w\-:.]+)[^}]*\}\s*$")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_slug = slugify(case="lower")


def _plain(text: str) -> str:
    """Heading text as the table of contents sees it (formatting and markup removed)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(text).strip()


def anchors(markdown: str) -> set[str]:
    """Ids a page's headings and explicit ids give, as Python-Markdown's toc makes them."""
    found: set[str] = set()
    in_fence = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        found.update(HTML_ID.findall(line))
        heading = HEADING.match(line)
        if not heading:
            continue
        explicit = ATTR_ID.search(heading.group(2))
        if explicit:
            found.add(explicit.group(1))
            continue
        base = _slug(_plain(heading.group(2)), "-")
        slug, n = base, 0
        while slug in found:
            n += 1
            slug = f"{base}_{n}"
        found.add(slug)
    return found


def check_links(page: Page, known: dict[str, set[str] | None],
                assets: Iterable[str]) -> list[Finding]:
    """Relative links of ``page`` must reach a page (and anchor) or file of the same language.

    Args:
        page: The page whose links are checked.
        known: Page paths of the page's language (``procedures/x.md``) with their anchors, or
            None where anchors are not known (generated pages).
        assets: Other files in the language folder or at the docs root.
    """
    assets = set(assets)
    findings: list[Finding] = []
    in_fence = False
    for offset, line in enumerate(page.body.splitlines()):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in LINK.finditer(line):
            target = match.group(1)
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
                continue
            path, _, anchor = target.partition("#")
            number, col = page.body_line + offset, match.start(1) + 1
            if path:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
                if resolved.endswith("/") or not posixpath.splitext(resolved)[1]:
                    resolved = posixpath.join(resolved, "index.md")
            else:
                resolved = page.rel
            if resolved in known:
                ids = known[resolved]
                if anchor and ids is not None and anchor not in ids:
                    findings.append(Finding(
                        page.path, number, col, "error",
                        f"link to '{target}': no heading with the anchor #{anchor}",
                        "use the anchor the heading produces (see the ¶ link next to it on the "
                        "built page) or remove the #part", "links.anchor"))
            elif resolved not in assets:
                findings.append(Finding(
                    page.path, number, col, "error",
                    f"link to '{target}': no such page or file in docs/{page.lang}/",
                    "point it at an existing .md file, relative to this page", "links.target"))
    return findings
