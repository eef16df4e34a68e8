"""Findings: one problem in one file, reported as ``path:line:col: level: message (fix)``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found in a content or data file.

    Attributes:
        path: File path relative to the project root, with forward slashes.
        line: 1-based line number (0 when the problem concerns the whole file).
        col: 1-based column (1 when unknown).
        level: ``error`` stops the build; ``warning`` does too under ``--strict``.
        message: What is wrong, naming the field.
        fix: How to fix it, in plain words.
        code: A stable identifier of the check, for tools and tests.
    """

    path: str
    line: int
    col: int
    level: Level
    message: str
    fix: str = ""
    code: str = ""

    def format(self) -> str:
        """Render as one line in the form editors and CI annotate."""
        text = f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


class FindingsError(Exception):
    """Raised when errors make a build impossible; carries every finding, not just the first."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = sorted(findings)
        super().__init__("\n".join(f.format() for f in self.findings))


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings of level ``error``."""
    return [f for f in findings if f.level == "error"]


def to_json(findings: Iterable[Finding]) -> str:
    """Serialise findings for tools (``legalaid check --format json``)."""
    return json.dumps([asdict(f) for f in sorted(findings)], ensure_ascii=False, indent=2)
