"""The maintainers' status page: translation state and review age of every page, worst first."""

from __future__ import annotations

import posixpath

from . import LANGUAGES
from .content import REVIEW_MAX_AGE_DAYS
from .directory import GeneratedFile, front_matter
from .render import format_date, labels, render
from .translation import PageState

STATUS_PAGE = "status/index.md"


def _href(rel: str) -> str:
    """Link from the status page to a page, as built (``x/index.md`` → ``../x/index.html``)."""
    return posixpath.relpath(posixpath.splitext(rel)[0] + ".html", posixpath.dirname(STATUS_PAGE))


def generate(states: list[PageState]) -> list[GeneratedFile]:
    """The status page in every language."""
    files = []
    for lang in LANGUAGES:
        L = labels(lang)
        names = L.raw("translation_states")
        rows = [{
            "rel": s.rel, "title": s.title, "href": _href(s.rel), "translation": s.translation,
            "translation_label": names[s.translation][lang],
            "reviewed": format_date(s.reviewed, lang) if s.reviewed else (
                L.not_reviewed if s.legal else "–"),
            "age": s.review_age_days if s.review_age_days is not None else "–",
            "stale": (s.review_age_days or 0) > REVIEW_MAX_AGE_DAYS or (s.legal and not s.reviewed),
        } for s in states]
        text = front_matter(L.status_title, L.status_description, search={"exclude": True})
        files.append(GeneratedFile(lang, STATUS_PAGE, text + render("status.html.j2", lang,
                                                                    rows=rows) + "\n"))
    return files
