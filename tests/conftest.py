from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild import ROOT, build, copy_project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's real site, built once per test session."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    site = tmp_path_factory.mktemp("site") / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for test artefacts (screenshots) a person looks at."""
    path = Path(os.environ.get("ARTIFACTS_DIR", ROOT / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path
