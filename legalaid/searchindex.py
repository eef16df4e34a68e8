"""One search index per language, so a Chinese page searches Chinese pages and an English page
English ones (mkdocs-static-i18n merges every language into one index)."""

from __future__ import annotations

import json
from pathlib import Path

from . import LANGUAGES

INDEX = Path("search") / "search_index.json"
#: The English index needs no Chinese word segmentation in the reader's browser.
INDEX_LANGS = {"zh": ["zh", "en"], "en": ["en"]}


def split(site: Path) -> dict[str, int]:
    """Rewrite the merged index as ``search/`` (default language) and ``<lang>/search/``.

    Locations in a language's index are relative to that language's folder, matching the search
    base its pages declare. Returns the number of entries per language.
    """
    merged_file = site / INDEX
    if not merged_file.exists():
        return {}
    merged = json.loads(merged_file.read_text("utf-8"))
    default, others = LANGUAGES[0], LANGUAGES[1:]
    buckets: dict[str, list[dict[str, object]]] = {lang: [] for lang in LANGUAGES}
    for doc in merged["docs"]:
        location = str(doc["location"])
        lang = next((o for o in others if location.startswith(f"{o}/")), default)
        if lang != default:
            doc = {**doc, "location": location[len(lang) + 1:]}
        buckets[lang].append(doc)
    for lang, docs in buckets.items():
        config = {**merged["config"], "lang": INDEX_LANGS.get(lang, [lang])}
        text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                          separators=(",", ":"))
        folder = site / (INDEX.parent if lang == default else Path(lang) / INDEX.parent)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / INDEX.name).write_text(text, encoding="utf-8")
        if (site / INDEX.parent / "search_index.js").exists():  # the offline (file://) copy
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return {lang: len(docs) for lang, docs in buckets.items()}
