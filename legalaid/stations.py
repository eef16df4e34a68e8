"""The referral directory's data: regions, vocabularies and one YAML file per station."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import shortnumberinfo

from . import hours as hours_mod
from .findings import Finding
from .schema import load_checked, validate
from .yamlfile import YamlDoc, load_yaml

REGIONS_FILE = "data/regions.yaml"
VOCABULARIES_FILE = "data/vocabularies.yaml"
STATIONS_DIR = "data/stations"
#: Entries whose ``last_verified`` is older than this are marked "may be out of date".
VERIFY_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Phone:
    """A phone number as dialled, how to show it, and its ``tel:`` target."""

    number: str
    display: str
    tel: str
    label: dict[str, str] | None


@dataclass
class Station:
    """One validated station entry."""

    data: dict[str, Any]
    path: str
    province: str
    city: str | None
    phones: list[Phone]
    hours: hours_mod.Hours | None

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def public(self) -> bool:
        return bool(self.data.get("public", True))

    def text(self, name: str, lang: str) -> str:
        """A bilingual field in ``lang`` ('' when absent)."""
        value = self.data.get(name) or {}
        return str(value.get(lang, ""))

    def unverified(self, name: str) -> bool:
        return name in (self.data.get("unverified") or [])


@dataclass
class Directory:
    """Regions, vocabularies, stations (public and not) and every finding met loading them."""

    regions: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocab: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    stations: list[Station] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: Lines of each station file that hold a phone number (where mobile numbers are expected).
    phone_lines: dict[str, set[int]] = field(default_factory=dict)

    @property
    def public(self) -> list[Station]:
        """Entries that may be shown: the site and every export use only these."""
        return [s for s in self.stations if s.public]

    def label(self, vocabulary: str, key: str, lang: str) -> str:
        return self.vocab[vocabulary][key][lang]

    def province_of(self, code: str) -> str | None:
        """The province code a region code belongs to, if it is known."""
        province = code[:2] + "0000"
        if province not in self.regions:
            return None
        if code == province or code in (self.regions[province].get("cities") or {}):
            return province
        return None


def _phone(number: str) -> Phone | None:
    try:
        parsed = phonenumbers.parse(number, "CN")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed):
        return Phone(number,
                     phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
                     phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None)
    if shortnumberinfo.is_valid_short_number_for_region(parsed, "CN"):
        digits = str(parsed.national_number)
        return Phone(number, digits, digits, None)
    return None


def _check_station(doc: YamlDoc, file: Path, directory: Directory,
                   today: dt.date) -> tuple[Station | None, list[Finding]]:
    data: dict[str, Any] = doc.data
    found: list[Finding] = []

    def err(key: tuple[Any, ...], message: str, fix: str, code: str) -> None:
        found.append(doc.finding(key, message, fix, code))

    if data.get("id") != file.stem:
        err(("id",), f"id '{data.get('id')}' differs from the file name '{file.stem}'",
            f"rename the file to {data.get('id')}.yaml or set id: {file.stem}", "station.id-file")
    region = str(data.get("region", ""))
    province = directory.province_of(region)
    if province is None:
        err(("region",), f"unknown region code '{region}'",
            f"use a code of {REGIONS_FILE} (a province, or a city listed under it)",
            "station.region")
    elif province != file.parent.name:
        err(("region",), f"region {region} belongs to province {province}, but the file is in "
            f"folder {file.parent.name}", f"move the file to {STATIONS_DIR}/{province}/",
            "station.region-folder")
    for vocabulary, field_name in (("kinds", "kind"),):
        value = data.get(field_name)
        if value not in directory.vocab.get(vocabulary, {}):
            err((field_name,), f"unknown {field_name} '{value}'",
                "use one of: " + ", ".join(directory.vocab.get(vocabulary, {})), "station.kind")
    for vocabulary, field_name in (("services", "services"), ("languages", "languages")):
        for index, value in enumerate(data.get(field_name) or []):
            if value not in directory.vocab.get(vocabulary, {}):
                err((field_name, index), f"unknown {field_name[:-1]} key '{value}'",
                    f"use a key of '{vocabulary}' in {VOCABULARIES_FILE} or add it there",
                    f"station.{field_name}")
    phones = []
    for index, item in enumerate(data.get("phones") or []):
        phone = _phone(str(item.get("number", "")))
        if phone is None:
            err(("phones", index, "number"), f"phone number '{item.get('number')}' is not valid "
                "in China", "write it as dialled in China with its area code, e.g. 010-6513 5566,"
                " or a service number such as 12348", "station.phone")
        else:
            phones.append(Phone(phone.number, phone.display, phone.tel, item.get("label")))
    parsed_hours = None
    if data.get("opening_hours"):
        try:
            parsed_hours = hours_mod.parse(str(data["opening_hours"]))
        except hours_mod.HoursError as exc:
            line, col = doc.where("opening_hours")
            found.append(Finding(doc.path, line, col, "error",
                                 f"opening_hours does not parse: {exc} (at character {exc.column})",
                                 "use OpenStreetMap syntax, e.g. 'Mo-Fr 09:00-12:00,13:30-17:30; "
                                 "PH off' or '24/7'", "station.hours"))
    verified = data.get("last_verified")
    if isinstance(verified, str):  # a quoted date; the schema has checked its form
        verified = data["last_verified"] = dt.date.fromisoformat(verified)
    if isinstance(verified, dt.date) and verified > today + dt.timedelta(days=1):
        err(("last_verified",), f"last_verified {verified} is in the future",
            "write the date you checked the entry, not later than today", "station.verified")
    if found:
        return None, found
    city = region if province and region != province else None
    return Station(data, doc.path, province or "", city, phones, parsed_hours), found


def load_directory(root: Path, today: dt.date | None = None) -> Directory:
    """Load and check regions, vocabularies and every station file; collect all findings."""
    today = today or dt.date.today()
    directory = Directory()
    regions_doc, findings = load_checked(root, REGIONS_FILE, "regions")
    vocab_doc, more = load_checked(root, VOCABULARIES_FILE, "vocabularies")
    directory.findings += findings + more
    if isinstance(regions_doc.data, dict):
        directory.regions = {str(k): v for k, v in regions_doc.data.items()}
    if isinstance(vocab_doc.data, dict):
        directory.vocab = vocab_doc.data
    seen: dict[str, str] = {}
    for file in sorted((root / STATIONS_DIR).glob("*/*.yaml")):
        rel = file.relative_to(root).as_posix()
        doc = load_yaml(file, rel)
        directory.findings += doc.findings
        if doc.data is None:
            continue
        directory.phone_lines[rel] = {pos[0] for key, pos in doc.lines.items()
                                      if len(key) == 3 and key[0] == "phones"}
        if not isinstance(doc.data, dict):
            directory.findings.append(doc.finding((), "a station file must be a mapping of fields",
                                                  "start from an existing station file",
                                                  "station.shape"))
            continue
        schema_findings = validate(doc, "station")
        directory.findings += schema_findings
        station_id = str(doc.data.get("id"))
        if station_id in seen:
            directory.findings.append(doc.finding(
                ("id",), f"duplicate id '{station_id}', already used by {seen[station_id]}",
                "give each station its own id (and file name)", "station.duplicate-id"))
        seen.setdefault(station_id, rel)
        if schema_findings:
            continue
        station, problems = _check_station(doc, file, directory, today)
        directory.findings += problems
        if station is not None:
            directory.stations.append(station)
    for file in sorted((root / STATIONS_DIR).rglob("*")):
        if file.is_file() and not (file.suffix == ".yaml" and file.parent.parent
                                   == root / STATIONS_DIR):
            rel = file.relative_to(root).as_posix()
            directory.findings.append(Finding(
                rel, 0, 1, "error", "not a station file in the expected place",
                f"station files are {STATIONS_DIR}/<province-code>/<id>.yaml", "station.place"))
    directory.stations.sort(key=lambda s: (s.province, s.city or "", s.data["kind"], s.id))
    directory.findings.sort()
    return directory
