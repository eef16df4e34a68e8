"""Directory pages: the directory home, one page per province, one page per station, vCards."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import LANGUAGES, hours
from .render import environment, format_date, labels, render
from .stations import VERIFY_MAX_AGE_DAYS, Directory, Station

DIRECTORY = "directory"
NATIONAL = "100000"
SCHEMA_TYPES = {"government-legal-aid-centre": "GovernmentOffice",
                "public-legal-service-centre": "GovernmentOffice",
                "hotline": "GovernmentOffice"}


@dataclass(frozen=True)
class GeneratedFile:
    """A file the engine should build or copy: language, path in that language, content."""

    lang: str
    rel: str
    content: str


def front_matter(title: str, description: str, **fields: Any) -> str:
    """YAML front matter, safely quoted whatever the text holds.

    MkDocs themes put ``title`` and ``description`` into HTML unescaped, so data text is
    HTML-escaped here: a station name can never inject markup. Values are written as JSON,
    which YAML reads as it is, and which is much faster to produce than YAML for 6,000 pages.
    """
    fields.update(title=html.escape(title), description=html.escape(description), generated=True)
    lines = [f"{key}: {json.dumps(fields[key], ensure_ascii=False)}" for key in sorted(fields)]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def station_rel(directory: Directory, station: Station, suffix: str = ".md") -> str:
    slug = directory.regions[station.province]["slug"]
    return f"{DIRECTORY}/{slug}/{station.id}{suffix}"


def is_outdated(station: Station, today: dt.date) -> bool:
    verified: dt.date = station.data["last_verified"]
    return (today - verified).days > VERIFY_MAX_AGE_DAYS


def _vcf(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r", "").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a vCard line at 75 octets without splitting a UTF-8 character."""
    if len(line) * 4 <= 75 or len(line.encode("utf-8")) <= 75:
        return line
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def vcard(directory: Directory, station: Station, lang: str) -> str:
    """A vCard 3.0 of the station's public contact details in ``lang``."""
    env = environment()
    env.filters.setdefault("vcf", _vcf)
    note = " / ".join(hours.describe(station.hours, lang)) if station.hours else ""
    text = env.get_template("station.vcf.j2").render(
        name=station.text("name", lang), phones=station.phones,
        address=station.text("address", lang), website=station.data.get("website", ""),
        country=labels(lang).china, note=note)
    return "".join(_fold(line) + "\r\n" for line in text.splitlines())


def json_ld(directory: Directory, station: Station, lang: str) -> str:
    """schema.org description of the station, safe to put inside a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(station.data["kind"], "LegalService"),
        "name": station.text("name", lang),
        "inLanguage": lang,
        "areaServed": directory.regions[station.province][lang],
    }
    if station.text("address", lang):
        data["address"] = {"@type": "PostalAddress", "streetAddress": station.text("address", lang),
                           "addressRegion": directory.regions[station.province][lang],
                           "addressCountry": "CN"}
    if station.phones:
        data["telephone"] = [p.tel for p in station.phones]
    if station.hours:
        data["openingHoursSpecification"] = hours.schema_org(station.hours)
    if station.data.get("website"):
        data["url"] = station.data["website"]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def station_page(directory: Directory, station: Station, lang: str, today: dt.date,
                 edit_base: str | None) -> str:
    """The Markdown (front matter + HTML) of a station page."""
    L = labels(lang)
    province = directory.regions[station.province]
    city = (province.get("cities") or {}).get(station.city or "", {}).get(lang, "")
    verified = station.data["last_verified"]
    source = str(station.data["source"])
    html = render(
        "station.html.j2", lang,
        province=province[lang], city=city, outdated=is_outdated(station, today),
        kind=directory.label("kinds", station.data["kind"], lang),
        address=station.text("address", lang),
        phones=[{"tel": p.tel, "display": p.display, "label": (p.label or {}).get(lang, "")}
                for p in station.phones],
        hours=hours.describe(station.hours, lang) if station.hours else [],
        website=station.data.get("website", ""),
        services=[directory.label("services", k, lang) for k in station.data.get("services") or []],
        languages=[directory.label("languages", k, lang)
                   for k in station.data.get("languages") or []],
        eligibility=station.text("eligibility", lang), directions=station.text("directions", lang),
        unverified=list(station.data.get("unverified") or []),
        vcard=f"{station.id}.vcf", verified=format_date(verified, lang),
        verified_iso=verified.isoformat(), source=source,
        source_url=source if source.startswith("https://") else "",
        edit_url=f"{edit_base}{station.path}" if edit_base else "",
        jsonld=json_ld(directory, station, lang),
    )
    meta = {"title": station.text("name", lang), "edit_path": station.path,
            "description": f"{station.text('name', lang)} · {L.directory}"}
    return front_matter(**meta) + html + "\n"


def _card(directory: Directory, station: Station, lang: str, href: str,
          today: dt.date) -> dict[str, Any]:
    return {"href": href, "name": station.text("name", lang),
            "kind": directory.label("kinds", station.data["kind"], lang),
            "address": station.text("address", lang), "phones": station.phones,
            "outdated": is_outdated(station, today)}


def province_page(directory: Directory, code: str, stations: list[Station], lang: str,
                  today: dt.date) -> str:
    """A province's page: its entries grouped by city, then by kind."""
    L = labels(lang)
    region = directory.regions[code]
    by_city: dict[str, dict[str, list[Station]]] = defaultdict(lambda: defaultdict(list))
    for station in stations:
        by_city[station.city or ""][station.data["kind"]].append(station)
    groups = []
    for city in sorted(by_city):
        name = (region.get("cities") or {}).get(city, {}).get(lang, "") if city else L.province_wide
        kinds = [{"name": directory.label("kinds", kind, lang),
                  "stations": [_card(directory, s, lang, f"{s.id}.html", today)
                               for s in by_city[city][kind]]}
                 for kind in directory.vocab["kinds"] if kind in by_city[city]]
        groups.append({"anchor": city or code, "name": name, "kinds": kinds})
    return (front_matter(title=region[lang], description=f"{region[lang]} · {L.directory_title}")
            + render("directory-province.html.j2", lang, groups=groups) + "\n")


def _count_text(n: int, lang: str) -> str:
    forms = labels(lang).entry_count.split("|")
    return (forms[1] if n == 1 and len(forms) > 1 else forms[0]).format(n=n)


def home_page(directory: Directory, counts: dict[str, int], lang: str, today: dt.date) -> str:
    """The directory's home: nationwide services, guidance, every province with its count."""
    L = labels(lang)
    national = [_card(directory, s, lang, f"{directory.regions[NATIONAL]['slug']}/{s.id}.html",
                      today) for s in directory.public if s.province == NATIONAL]
    top = max(counts.values(), default=0) or 1
    provinces = [{"href": f"{region['slug']}/index.html", "name": region[lang],
                  "count_text": _count_text(counts.get(code, 0), lang),
                  "bar": round(100 * counts.get(code, 0) / top)}
                 for code, region in directory.regions.items() if code != NATIONAL]
    guide = labels(lang).raw("directory_guide")[lang]
    return (front_matter(title=L.directory_title, description=L.directory_description)
            + render("directory-home.html.j2", lang, national=national, provinces=provinces,
                     guide=guide) + "\n")


def generate(directory: Directory, today: dt.date, edit_base: str | None = None,
             vcards: bool = True) -> list[GeneratedFile]:
    """Every directory page, and (``vcards``) every vCard, in every language."""
    by_province: dict[str, list[Station]] = defaultdict(list)
    for station in directory.public:
        by_province[station.province].append(station)
    counts = {code: len(items) for code, items in by_province.items()}
    files: list[GeneratedFile] = []
    for lang in LANGUAGES:
        files.append(GeneratedFile(lang, f"{DIRECTORY}/index.md",
                                   home_page(directory, counts, lang, today)))
        for code, region in directory.regions.items():
            files.append(GeneratedFile(
                lang, f"{DIRECTORY}/{region['slug']}/index.md",
                province_page(directory, code, by_province.get(code, []), lang, today)))
        for station in directory.public:
            files.append(GeneratedFile(lang, station_rel(directory, station),
                                       station_page(directory, station, lang, today, edit_base)))
            if vcards:
                files.append(GeneratedFile(lang, station_rel(directory, station, ".vcf"),
                                           vcard(directory, station, lang)))
    return files


def write_vcards(directory: Directory, site: Path) -> None:
    """Write every station's vCard straight into a built site (``<lang>/directory/...vcf``)."""
    for lang in LANGUAGES:
        base = site if lang == LANGUAGES[0] else site / lang
        for station in directory.public:
            target = base / station_rel(directory, station, ".vcf")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(vcard(directory, station, lang), encoding="utf-8", newline="")
