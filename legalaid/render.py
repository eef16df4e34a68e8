"""Templates and labels: one Jinja environment over templates/, labels from labels.yaml."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import jinja2
import yaml

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


@functools.cache
def environment() -> jinja2.Environment:
    """The one Jinja environment; HTML templates (``*.html.j2``, ``*.xml.j2``) are autoescaped."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2", "xml.j2", "svg.j2"), default_for_string=True
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=False,
    )


@functools.cache
def _all_labels() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((TEMPLATE_DIR / "labels.yaml").read_text("utf-8"))
    return data


class Labels:
    """Labels of one language: ``L.sources`` is the label ``sources`` in that language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getattr__(self, name: str) -> str:
        try:
            value = _all_labels()[name]
        except KeyError as exc:
            raise AttributeError(name) from exc
        return str(value[self.lang])

    def raw(self, name: str) -> Any:
        """The label's whole entry (for nested labels such as ``units``)."""
        return _all_labels()[name]


@functools.cache
def labels(lang: str) -> Labels:
    """Labels of ``lang``."""
    return Labels(lang)


def render(template: str, lang: str, **context: Any) -> str:
    """Render ``templates/<template>`` with the labels of ``lang`` as ``L``."""
    return environment().get_template(template).render(L=labels(lang), lang=lang, **context)


def format_date(value: dt.date, lang: str) -> str:
    """A date as readers of ``lang`` write it: 2026年11月24日 / 24 November 2026."""
    return labels(lang).date_format.format(
        y=value.year, m=value.month, d=value.day, month=_MONTHS[value.month - 1]
    )


def format_period(period: float, unit: str, lang: str) -> str:
    """A statutory period in words: 6个月 / 6 months."""
    n = int(period) if float(period).is_integer() else period
    forms = str(labels(lang).raw("units")[unit][lang]).split("|")
    form = forms[0] if (n == 1 or len(forms) == 1) else forms[1]
    return form.format(n=n)
