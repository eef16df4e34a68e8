"""Machine-readable exports of the directory: JSON, CSV and HSDS 3.0 (Open Referral)."""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

from . import LANGUAGES, hours
from .directory import DIRECTORY, station_rel
from .schema import jsonable
from .stations import Directory, Station

#: Namespace of every HSDS id: uuid5 of a stable name, so exports are identical build to build.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://legalaid.example.org/directory/")
CSV_COLUMNS = ("id", "region", "province_zh", "province_en", "city_zh", "city_en", "kind",
               "name_zh", "name_en", "address_zh", "address_en", "phones", "opening_hours",
               "services", "languages", "eligibility_zh", "eligibility_en", "directions_zh",
               "directions_en", "website", "last_verified", "source", "unverified",
               "page_zh", "page_en")


def _id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(parts)))


def _place(directory: Directory, station: Station, lang: str) -> tuple[str, str]:
    province = directory.regions[station.province]
    city = (province.get("cities") or {}).get(station.city or "", {}).get(lang, "")
    return province[lang], city


def _page(directory: Directory, station: Station, lang: str) -> str:
    rel = station_rel(directory, station, ".html")
    return rel if lang == LANGUAGES[0] else f"{lang}/{rel}"


def record(directory: Directory, station: Station) -> dict[str, Any]:
    """One public entry with both languages' fields, region names and page paths."""
    data = jsonable(dict(station.data))
    data.pop("public", None)
    data["phones"] = [{"number": p.number, "tel": p.tel, **({"label": p.label} if p.label else {})}
                      for p in station.phones]
    for lang in LANGUAGES:
        province, city = _place(directory, station, lang)
        data[f"province_{lang}"], data[f"city_{lang}"] = province, city
        data[f"page_{lang}"] = _page(directory, station, lang)
    return dict(sorted(data.items()))


def stations_json(directory: Directory) -> str:
    """All public entries as a JSON array."""
    records = [record(directory, s) for s in directory.public]
    return json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def stations_csv(directory: Directory) -> str:
    """All public entries as CSV (UTF-8, one row per entry, both languages' columns)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for station in directory.public:
        rec = record(directory, station)
        row = {key: rec.get(key, "") for key in CSV_COLUMNS}
        for lang in LANGUAGES:
            for name in ("name", "address", "eligibility", "directions"):
                row[f"{name}_{lang}"] = station.text(name, lang)
        row["phones"] = "; ".join(p.tel for p in station.phones)
        for name in ("services", "languages", "unverified"):
            row[name] = "; ".join(station.data.get(name) or [])
        writer.writerow(row)
    return out.getvalue()


def hsds_organization(directory: Directory, station: Station, lang: str) -> dict[str, Any]:
    """An HSDS 3.0 organization (with its service, location, address, phones, schedules)."""
    sid = station.id
    org_id, service_id = _id(sid, "organization"), _id(sid, "service")
    location_id = _id(sid, "location")
    province, city = _place(directory, station, lang)
    kind = directory.label("kinds", station.data["kind"], lang)
    description = station.text("eligibility", lang) or f"{kind} · {province}"
    phones = [{"id": _id(sid, "phone", str(i)), "number": p.tel, "type": "voice",
               **({"description": p.label[lang]} if p.label else {})}
              for i, p in enumerate(station.phones)]
    schedules = []
    if station.hours:
        for i, (days, opens, closes) in enumerate(hours.weekly(station.hours)):
            schedules.append({"id": _id(sid, "schedule", str(i)), "location_id": location_id,
                              "freq": "WEEKLY", "byday": ",".join(days), "opens_at": opens,
                              "closes_at": closes,
                              "description": "; ".join(hours.describe(station.hours, lang))})
    languages = [{"id": _id(sid, "language", code), "code": code,
                  "name": directory.label("languages", code, lang)}
                 for code in station.data.get("languages") or []]
    service: dict[str, Any] = {
        "id": service_id, "organization_id": org_id, "name": station.text("name", lang),
        "status": "active", "description": description,
        "eligibility_description": station.text("eligibility", lang),
        "assured_date": station.data["last_verified"].isoformat(),
        "phones": phones, "languages": languages, "schedules": schedules,
    }
    location: dict[str, Any] = {
        "id": location_id, "organization_id": org_id,
        "location_type": "physical" if station.text("address", lang) else "virtual",
        "name": station.text("name", lang), "transportation": station.text("directions", lang),
        "phones": phones, "schedules": schedules, "languages": languages, "addresses": [],
    }
    if station.text("address", lang):
        location["addresses"].append({
            "id": _id(sid, "address"), "location_id": location_id,
            "address_1": station.text("address", lang), "city": city or province,
            "state_province": province, "postal_code": "", "country": "CN",
            "address_type": "physical"})
    org: dict[str, Any] = {"id": org_id, "name": station.text("name", lang),
                           "description": description, "phones": phones,
                           "locations": [location], "services": [service]}
    if station.data.get("website"):
        org["website"] = station.data["website"]
    return org


def write_exports(directory: Directory, site: Path) -> list[Path]:
    """Write every export into the built site; return the files written."""
    base = site / DIRECTORY
    written = {base / "stations.json": stations_json(directory),
               base / "stations.csv": stations_csv(directory)}
    for lang in LANGUAGES:
        orgs = [hsds_organization(directory, s, lang) for s in directory.public]
        written[base / "hsds" / lang / "organizations.json"] = json.dumps(
            orgs, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return sorted(written)
