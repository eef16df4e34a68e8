"""Synthetic stations for benchmarks and scale tests (never for the real site)."""

from __future__ import annotations

import random
from pathlib import Path

import phonenumbers
import yaml

#: Area code of each province's capital, so generated phone numbers are valid.
AREA_CODES = {
    "110000": "010", "120000": "022", "130000": "0311", "140000": "0351", "150000": "0471",
    "210000": "024", "220000": "0431", "230000": "0451", "310000": "021", "320000": "025",
    "330000": "0571", "340000": "0551", "350000": "0591", "360000": "0791", "370000": "0531",
    "410000": "0371", "420000": "027", "430000": "0731", "440000": "020", "450000": "0771",
    "460000": "0898", "500000": "023", "510000": "028", "520000": "0851", "530000": "0871",
    "540000": "0891", "610000": "029", "620000": "0931", "630000": "0971", "640000": "0951",
    "650000": "0991",
}
KINDS = ("government-legal-aid-centre", "public-legal-service-centre", "our-station", "ngo",
         "lawyer-referral")
SERVICES = ("legal-advice", "legal-aid-application", "representation", "criminal-defence",
            "administrative-litigation", "labour-disputes", "document-drafting", "referral")
DISTRICTS = ("东城", "西城", "城关", "新华", "和平", "长安", "朝阳", "开发", "高新", "南湖")


def _local_number(rng: random.Random, area: str) -> str:
    """A local number valid after ``area``: 8 digits in most cities, 7 in some."""
    while True:
        length = rng.choice((7, 8))
        digits = f"{rng.randrange(6, 9)}{rng.randrange(10 ** (length - 1)):0{length - 1}d}"
        if phonenumbers.is_valid_number(phonenumbers.parse(f"{area}{digits}", "CN")):
            return f"{digits[:-4]} {digits[-4:]}"


def write_stations(root: Path, n: int, seed: int = 2026) -> list[Path]:
    """Write ``n`` synthetic station files under ``root/data/stations``."""
    rng = random.Random(seed)
    regions = yaml.safe_load((root / "data" / "regions.yaml").read_text("utf-8"))
    provinces = sorted(AREA_CODES)
    written = []
    for i in range(n):
        code = provinces[i % len(provinces)]
        district = DISTRICTS[rng.randrange(len(DISTRICTS))]
        prov = regions[code]
        sid = f"synthetic-{prov['slug']}-{i:05d}"
        digits = _local_number(rng, AREA_CODES[code])
        entry = {
            "id": sid, "region": code, "kind": KINDS[i % len(KINDS)],
            "name": {"zh": f"{prov['zh']}{district}区第{i}法律援助工作站",
                     "en": f"{prov['en']} {district} District Legal Aid Station No. {i}"},
            "address": {"zh": f"{prov['zh']}{district}区人民路{rng.randrange(1, 400)}号",
                        "en": f"{rng.randrange(1, 400)} Renmin Road, {district} District, "
                              f"{prov['en']}"},
            "phones": [{"number": f"{AREA_CODES[code]}-{digits}"}],
            "opening_hours": "Mo-Fr 09:00-12:00,13:30-17:30; PH off",
            "services": sorted(rng.sample(SERVICES, 3)), "languages": ["zh"],
            "eligibility": {"zh": "经济困难的公民可以申请法律援助。",
                            "en": "People with financial difficulties may apply for legal aid."},
            "directions": {"zh": "乘公交车到人民路站下车。",
                           "en": "Take a bus to Renmin Road stop."},
            "last_verified": "2026-06-01", "source": "synthetic benchmark data",
        }
        path = root / "data" / "stations" / code / f"{sid}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# synthetic\n" + yaml.safe_dump(entry, allow_unicode=True), "utf-8")
        written.append(path)
    return written
