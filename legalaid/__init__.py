"""Engine-agnostic core of the legal aid knowledge base: load, validate, render, export, package.

Nothing in this package imports MkDocs; ``hooks/`` holds the thin MkDocs adapter.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: Site languages, default first. The default language is served at the site root.
LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]
