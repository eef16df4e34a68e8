"""Work on the finished site folder, whatever engine built it."""

from __future__ import annotations

from pathlib import Path

from . import searchindex
from .directory import write_vcards
from .exports import write_exports
from .render import render
from .stations import Directory, load_directory


def write_404(site: Path) -> None:
    """Replace the engine's 404 page with a self-contained one.

    A 404 page is served at any depth of any sub-path a mirror uses, so it can rely on no
    relative or absolute asset path: its style is inline and its links find the site root by
    looking for the marker file next to it.
    """
    (site / "404.html").write_text(render("404.html.j2", "zh"), encoding="utf-8")
    for lang_404 in site.glob("*/404.html"):
        lang_404.unlink()


def write_extras(site: Path, directory: Directory) -> None:
    """Files that depend on the data only, not on the engine's pages: exports and vCards.

    They can be written while the engine is still building the pages.
    """
    write_exports(directory, site)
    write_vcards(directory, site)


def finish(site: Path, root: Path, directory: Directory | None = None,
           extras: bool = True) -> None:
    """Everything done once per build after all languages are written.

    Args:
        site: The built site.
        root: The project folder.
        directory: The directory data the pages were made from (loaded again if not given).
        extras: Also write the exports and vCards (False when they were written already).
    """
    write_404(site)
    searchindex.split(site)
    if extras:
        write_extras(site, directory or load_directory(root))
