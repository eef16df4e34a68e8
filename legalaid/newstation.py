"""``legalaid new-station``: write a station file that passes every check, or say why not."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

from .stations import STATIONS_DIR, load_directory

REQUIRED = (("id", "id (ASCII, e.g. hebei-baoding-legal-aid-centre)"),
            ("region", "region code (e.g. 130000)"), ("kind", "kind"),
            ("name_zh", "name in Chinese"), ("name_en", "name in English"),
            ("source", "source (URL or citation)"))


def _ask(options: dict[str, Any]) -> bool:
    """Prompt for missing required values when a person is at the terminal."""
    missing = [(key, prompt) for key, prompt in REQUIRED if not options.get(key)]
    if missing and not sys.stdin.isatty():
        names = ", ".join("--" + key.replace("_", "-") for key, _ in missing)
        print(f"new-station: missing {names}", file=sys.stderr)
        return False
    for key, prompt in missing:
        options[key] = input(f"{prompt}: ").strip()
    return True


def _entry(options: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": options["id"], "region": str(options["region"]),
                             "kind": options["kind"],
                             "name": {"zh": options["name_zh"], "en": options["name_en"]}}
    if options.get("address_zh") and options.get("address_en"):
        entry["address"] = {"zh": options["address_zh"], "en": options["address_en"]}
    if options.get("phone"):
        entry["phones"] = [{"number": number} for number in options["phone"]]
    if options.get("hours"):
        entry["opening_hours"] = options["hours"]
    if options.get("service"):
        entry["services"] = options["service"]
    entry["last_verified"] = dt.date.fromisoformat(options.get("verified")
                                                   or dt.date.today().isoformat())
    entry["source"] = options["source"]
    return entry


def run(root: Path, options: dict[str, Any]) -> int:
    """Write the file, check it with the same rules as the build, and remove it if it fails."""
    if not _ask(options):
        return 2
    province = str(options["region"])[:2] + "0000"
    path = root / STATIONS_DIR / province / f"{options['id']}.yaml"
    if path.exists():
        print(f"new-station: {path.relative_to(root)} exists already", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ("# yaml-language-server: $schema=../../../schemas/station.schema.json\n"
            + yaml.safe_dump(_entry(options), allow_unicode=True, sort_keys=False))
    path.write_text(text, encoding="utf-8")
    rel = path.relative_to(root).as_posix()
    problems = [f for f in load_directory(root).findings if f.path == rel]
    if problems:
        for finding in problems:
            print(finding.format(), file=sys.stderr)
        path.unlink()
        print("new-station: nothing written; correct the values above and run it again",
              file=sys.stderr)
        return 1
    print(f"wrote {rel}")
    return 0
