"""The code stays to the house style: ruff (lint and imports) and mypy --strict on the core."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "legalaid",
                             "hooks", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_strict_on_the_core() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "legalaid"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
