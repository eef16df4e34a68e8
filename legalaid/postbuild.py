"""Work on the finished site folder, whatever engine built it."""

from __future__ import annotations

from pathlib import Path

from . import searchindex
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


def finish(site: Path, root: Path, directory: Directory | None = None) -> None:
    """Everything done once per build after all languages are written.

    Args:
        site: The built site.
        root: The project folder.
        directory: The directory data the pages were made from (loaded again if not given).
    """
    write_404(site)
    searchindex.split(site)
    write_exports(directory or load_directory(root), site)
