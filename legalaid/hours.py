"""Opening hours in OpenStreetMap ``opening_hours`` syntax: parse, say in words, export.

Only the part of the syntax that offices use is accepted, so every accepted value can be shown
correctly: ``24/7``; rules separated by ``;``, each a weekday selector (``Mo-Fr``, ``Mo,We``,
``PH``) followed by time spans (``09:00-12:00,13:30-17:30``) or ``off``/``closed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .render import labels

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_NAMES = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_TOKEN = re.compile(r"\s*(24/7|PH|[A-Z][a-z]|\d{2}:\d{2}|off|closed|[-,;])\s*")


class HoursError(ValueError):
    """The value does not parse; ``column`` is 1-based inside the value."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Rule:
    """Days (indexes 0-6 into DAYS), whether it covers public holidays, and open spans."""

    days: tuple[int, ...]
    holidays: bool
    spans: tuple[tuple[str, str], ...]  # empty: closed


@dataclass(frozen=True)
class Hours:
    """Parsed opening hours."""

    always: bool
    rules: tuple[Rule, ...]


def _tokens(value: str) -> list[tuple[str, int]]:
    out, pos = [], 0
    while pos < len(value):
        match = _TOKEN.match(value, pos)
        if not match:
            raise HoursError(f"cannot read {value[pos:pos + 8]!r}", pos + 1)
        out.append((match.group(1), match.start(1) + 1))
        pos = match.end()
    return out


def _time(token: str, col: int) -> str:
    hours, minutes = int(token[:2]), int(token[3:])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise HoursError(f"{token} is not a time of day", col)
    return token


def parse(value: str) -> Hours:
    """Parse an ``opening_hours`` value; raise :class:`HoursError` naming the column."""
    if value.strip() == "24/7":
        return Hours(True, ())
    rules = []
    for chunk, start in _split_rules(value):
        rules.append(_rule(_tokens(chunk), start))
    if not rules:
        raise HoursError("no rule given", 1)
    return Hours(False, tuple(rules))


def _split_rules(value: str) -> list[tuple[str, int]]:
    parts, start = [], 0
    for index, char in enumerate(value + ";"):
        if char == ";":
            if value[start:index].strip():
                parts.append((value[start:index], start))
            start = index + 1
    return parts


def _rule(tokens: list[tuple[str, int]], offset: int) -> Rule:
    days: list[int] = []
    holidays = False
    i = 0
    while i < len(tokens) and (tokens[i][0] in DAYS or tokens[i][0] == "PH"):
        token, col = tokens[i]
        if token == "PH":
            holidays = True
            i += 1
        elif i + 2 < len(tokens) + 1 and i + 1 < len(tokens) and tokens[i + 1][0] == "-":
            if i + 2 >= len(tokens) or tokens[i + 2][0] not in DAYS:
                bad = tokens[i + 2] if i + 2 < len(tokens) else (token, col)
                raise HoursError(f"a day range needs an end day, e.g. Mo-Fr; got {bad[0]!r}",
                                 offset + bad[1])
            first, last = DAYS.index(token), DAYS.index(tokens[i + 2][0])
            wrapped = [*range(first, 7), *range(last + 1)]  # e.g. Sa-Mo
            days += range(first, last + 1) if first <= last else wrapped
            i += 3
        else:
            days.append(DAYS.index(token))
            i += 1
        if i < len(tokens) and tokens[i][0] == ",":
            i += 1
    if i < len(tokens) and tokens[i][0] in DAYS or (i < len(tokens) and tokens[i][0][0].isupper()):
        raise HoursError(f"unknown day {tokens[i][0]!r}; use Mo Tu We Th Fr Sa Su or PH",
                         offset + tokens[i][1])
    if not days and not holidays:
        days = list(range(7))
    rest = tokens[i:]
    if len(rest) == 1 and rest[0][0] in ("off", "closed"):
        return Rule(tuple(dict.fromkeys(days)), holidays, ())
    spans = []
    j = 0
    while j < len(rest):
        if j + 2 >= len(rest) or rest[j + 1][0] != "-" or ":" not in rest[j][0] \
                or ":" not in rest[j + 2][0]:
            col = rest[j][1] if j < len(rest) else 1
            raise HoursError("expected a time span such as 09:00-17:30, or 'off'", offset + col)
        opens = _time(rest[j][0], offset + rest[j][1])
        closes = _time(rest[j + 2][0], offset + rest[j + 2][1])
        if closes <= opens:
            raise HoursError(f"{opens}-{closes} ends before it starts", offset + rest[j][1])
        spans.append((opens, closes))
        j += 3
        if j < len(rest):
            if rest[j][0] != ",":
                raise HoursError("separate time spans with ','", offset + rest[j][1])
            j += 1
    if not spans:
        raise HoursError("a rule needs time spans or 'off'", offset + 1)
    return Rule(tuple(dict.fromkeys(days)), holidays, tuple(spans))


def _day_text(rule: Rule, lang: str) -> str:
    names, L = DAY_NAMES[lang], labels(lang)
    parts: list[str] = []
    days = sorted(rule.days)
    groups: list[list[int]] = []
    for day in days:
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    for group in groups:
        if len(group) >= 3:
            parts.append(f"{names[group[0]]}{L.range_to}{names[group[-1]]}")
        else:
            parts += [names[d] for d in group]
    if rule.holidays:
        parts.append(L.public_holidays)
    if days == list(range(7)) and not rule.holidays:
        return L.every_day
    return L.list_sep.join(parts)


def describe(hours: Hours, lang: str) -> list[str]:
    """One line per rule, in words: 周一至周五 09:00–12:00、13:30–17:30 / Mon–Fri 09:00–12:00, …"""
    L = labels(lang)
    if hours.always:
        return [L.open_always]
    lines = []
    for rule in hours.rules:
        spans = L.list_sep.join(f"{a}–{b}" for a, b in rule.spans) if rule.spans else L.closed
        line = f"{_day_text(rule, lang)} {spans}"
        lines.append(line[0].upper() + line[1:])
    return lines


def schema_org(hours: Hours) -> list[dict[str, object]]:
    """schema.org OpeningHoursSpecification items (public-holiday rules are left out)."""
    if hours.always:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(SCHEMA_DAYS),
                 "opens": "00:00", "closes": "23:59"}]
    out: list[dict[str, object]] = []
    for rule in hours.rules:
        for opens, closes in rule.spans:
            if rule.days:
                out.append({"@type": "OpeningHoursSpecification",
                            "dayOfWeek": [SCHEMA_DAYS[d] for d in sorted(rule.days)],
                            "opens": opens, "closes": closes})
    return out


def weekly(hours: Hours) -> list[tuple[tuple[str, ...], str, str]]:
    """(days as MO/TU…, opens, closes) triples, for HSDS schedules."""
    if hours.always:
        return [(tuple(d.upper() for d in DAYS), "00:00", "23:59")]
    return [(tuple(DAYS[d].upper() for d in sorted(rule.days)), opens, closes)
            for rule in hours.rules if rule.days for opens, closes in rule.spans]
