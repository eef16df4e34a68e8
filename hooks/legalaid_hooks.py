"""MkDocs adapter: hands MkDocs the folder the core stages; holds no logic of its own.

Every MkDocs-specific detail lives here, so moving to another engine means rewriting this file.
mkdocs-static-i18n runs one full build per language inside the first build, so each event below
runs once per language; staging happens once per configuration load.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from legalaid import postbuild, stage
from legalaid.findings import errors
from legalaid.stations import Directory

log = get_plugin_logger(__name__)

# Kept for the whole `mkdocs build` (or one `serve` rebuild): the staging folder, and the loaded
# directory so that the post-build exports do not read 3,000 YAML files a second time.
_staging: dict[str, Path] = {}
_loaded: dict[str, Directory] = {}
# The process writing exports and vCards while MkDocs renders pages (on the second core).
_extras: dict[str, multiprocessing.process.BaseProcess] = {}


def _edit_base(config: MkDocsConfig) -> str | None:
    """Where the repository's files are edited (``REPO_URL/edit/main/``), if a repo is set."""
    return f"{config.repo_url.rstrip('/')}/edit/main/" if config.repo_url else None


def _staging_dir() -> Path:
    if "dir" not in _staging:
        # in memory where the system offers it: thousands of small files are written each build
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        path = Path(tempfile.mkdtemp(prefix="legalaid-stage-", dir=shm))
        atexit.register(shutil.rmtree, path, ignore_errors=True)
        _staging["dir"] = path
    return _staging["dir"]


@event_priority(100)  # before i18n reads docs_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Stage docs/ and the generated pages, then point MkDocs at the staged folder."""
    target = _staging_dir()
    if Path(config.docs_dir) == target:  # a later language's build of the same configuration
        return config
    root = Path(config.config_file_path).resolve().parent
    prepared = stage.prepare(root, edit_base=_edit_base(config), vcards=False)
    for finding in prepared.findings:
        (log.error if finding.level == "error" else log.warning)(finding.format())
    problems = errors(prepared.findings)
    if problems:
        raise PluginError(
            f"{len(problems)} error(s) in content or data (listed above as file:line:col); "
            "fix them and build again. Run 'legalaid check' to see them without building."
        )
    stage.write(prepared, target)
    if prepared.directory is not None:
        _loaded["directory"] = prepared.directory
    _extras.clear()
    config.docs_dir = str(target)
    return config


def _i18n_building(config: MkDocsConfig) -> bool:
    """True inside mkdocs-static-i18n's builds of the second and later languages."""
    i18n = config.plugins.get("i18n")
    return bool(i18n is not None and getattr(i18n, "building", False))


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Once the output folder is clean, start writing exports and vCards alongside MkDocs."""
    directory = _loaded.get("directory")
    can_fork = "fork" in multiprocessing.get_all_start_methods()  # else: written after the build
    if directory is not None and can_fork and not _extras and not _i18n_building(config):
        process = multiprocessing.get_context("fork").Process(
            target=postbuild.write_extras, args=(Path(config.site_dir), directory))
        process.start()
        _extras["process"] = process
    return files


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Point a generated page's edit link at the data file it comes from (or drop it)."""
    if page.meta.get("generated"):
        edit_path, base = page.meta.get("edit_path"), _edit_base(config)
        page.edit_url = f"{base}{edit_path}" if edit_path and base else None
    return context


@event_priority(-200)  # after i18n, search and offline have written their files
def on_post_build(*, config: MkDocsConfig) -> None:
    """Finish the whole site once, after every language has been built."""
    if _i18n_building(config):
        return
    process = _extras.pop("process", None)
    if process is not None:
        process.join()
        if process.exitcode != 0:
            raise PluginError("writing the directory exports and vCards failed (see above)")
    postbuild.finish(Path(config.site_dir), Path(config.config_file_path).resolve().parent,
                     _loaded.get("directory"), extras=process is None)
