"""Laws and statutory deadlines: the legal facts that pages cite, each written once in data/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .findings import Finding
from .schema import load_checked

LAWS_FILE = "data/laws.yaml"
DEADLINES_FILE = "data/deadlines.yaml"


@dataclass(frozen=True)
class Facts:
    """The laws and deadlines of a project, validated."""

    laws: dict[str, dict[str, Any]]
    deadlines: dict[str, dict[str, Any]]
    findings: tuple[Finding, ...]


def load_facts(root: Path) -> Facts:
    """Load and check ``data/laws.yaml`` and ``data/deadlines.yaml``."""
    laws_doc, findings = load_checked(root, LAWS_FILE, "laws")
    deadlines_doc, more = load_checked(root, DEADLINES_FILE, "deadlines")
    findings += more
    laws = laws_doc.data if isinstance(laws_doc.data, dict) else {}
    deadlines = deadlines_doc.data if isinstance(deadlines_doc.data, dict) else {}
    for key, entry in deadlines.items():
        law = entry.get("law") if isinstance(entry, dict) else None
        if isinstance(law, str) and law not in laws:
            findings.append(deadlines_doc.finding(
                (key, "law"), f"deadline '{key}' cites unknown law '{law}'",
                f"use a key of {LAWS_FILE} or add the law there", "deadline.unknown-law"))
    return Facts(laws, deadlines, tuple(findings))
