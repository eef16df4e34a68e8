"""Content safety checks on Markdown and YAML: no active content, no third-party resources,
no personal data about clients."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .findings import Finding

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
ACTIVE_ELEMENT = re.compile(
    r"<\s*(script|iframe|object|embed|applet|frame|frameset|base|form|style|meta|link)\b", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
SCRIPT_URL = re.compile(r"\b(javascript|vbscript)\s*:|data\s*:\s*text/html", re.I)
REMOTE = r"""\s*["']?(?:https?:)?//"""
REMOTE_RESOURCE = re.compile(
    r"!\[[^\]]*\]\(" + REMOTE  # Markdown image
    + r"|<\s*(?:img|video|audio|source|track|input|image|use)\b[^>]*\b(?:src|srcset|poster|href)"
    + r"\s*=" + REMOTE  # an HTML element that loads what it names
    + r"|url\(" + REMOTE + r"|@import\b",  # CSS
    re.I)
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d+])(?:\+?86[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ALL = (ACTIVE_ELEMENT, EVENT_HANDLER, SCRIPT_URL, REMOTE_RESOURCE, ID_NUMBER, MOBILE)


def valid_resident_id(number: str) -> bool:
    """True when an 18-character resident ID number has a valid check character (GB 11643)."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def _lines(text: str, markdown: bool) -> Iterator[tuple[int, str]]:
    """Lines worth checking: fenced code blocks and inline code are shown, never run."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if markdown and FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        yield number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line) if markdown else line


def scan(path: str, text: str, markdown: bool,
         allowed_phone_lines: Iterable[int] = ()) -> list[Finding]:
    """Unsafe content and personal data in one file's text.

    Args:
        path: Project-relative path for findings.
        text: The file's text.
        markdown: Skip code blocks and inline code (Markdown files).
        allowed_phone_lines: Lines where a mobile number is expected (station contact fields).
    """
    if not any(p.search(text) for p in _ALL):  # most files: nothing to look at line by line
        return []
    allowed = set(allowed_phone_lines)
    found: list[Finding] = []

    def add(number: int, col: int, level: str, message: str, fix: str, code: str) -> None:
        found.append(Finding(path, number, col, level, message, fix, code))  # type: ignore[arg-type]

    for number, line in _lines(text, markdown):
        for match in ACTIVE_ELEMENT.finditer(line):
            add(number, match.start() + 1, "error",
                f"<{match.group(1).lower()}> is not allowed in content",
                "remove it: pages may not run code, embed other sites or change the page head",
                "safety.element")
        for match in EVENT_HANDLER.finditer(line):
            add(number, match.start() + 1, "error", "event handler attribute (on...=) in HTML",
                "remove the attribute: content may not run scripts", "safety.event-handler")
        for match in SCRIPT_URL.finditer(line):
            add(number, match.start() + 1, "error", f"script URL '{match.group(0)}'",
                "link to an ordinary https:// page or a page of this site", "safety.script-url")
        for match in REMOTE_RESOURCE.finditer(line):
            add(number, match.start() + 1, "error",
                "image or other resource loaded from another host",
                "save the file under docs/ and link it relatively: readers' browsers must make "
                "no request to other sites", "safety.remote-resource")
        for match in ID_NUMBER.finditer(line):
            if valid_resident_id(match.group(1)):
                add(number, match.start(1) + 1, "error",
                    "this looks like a resident identity card number",
                    "remove it: content is about institutions, never about clients",
                    "privacy.id-number")
        if number not in allowed:
            for match in MOBILE.finditer(line):
                add(number, match.start(1) + 1, "warning",
                    f"mobile phone number {match.group(1)}… outside a station's contact fields",
                    "remove personal numbers; list an institution's phone only under 'phones:' "
                    "of its station file", "privacy.mobile")
    return found
