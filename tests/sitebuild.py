"""Helpers to copy the project and build it for real, as `make site` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A fixed edition date for test builds, so results do not depend on the clock.
EPOCH = "1795000000"  # 2026-11-18


def project_files(root: Path = ROOT) -> list[str]:
    """Files of the project as git sees them (tracked, plus new files not ignored)."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root, check=True, capture_output=True,
    ).stdout.decode()
    return sorted(p for p in out.split("\0") if p and (root / p).is_file())


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the project's files into ``dest``; return ``dest``."""
    for rel in project_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    return dest


def build(project: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` on ``project`` into ``site``; never raises."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0",
           "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *extra],
        cwd=project, env=env, capture_output=True, text=True,
    )
