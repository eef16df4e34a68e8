"""The site as a ZIM file for Kiwix: both languages, full-text index, metadata, illustration."""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, Item

from .render import TEMPLATE_DIR

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
MIMETYPES = {".html": "text/html", ".js": "application/javascript", ".css": "text/css",
             ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
             ".xml": "application/xml", ".vcf": "text/vcard", ".csv": "text/csv",
             ".txt": "text/plain", ".sha256": "text/plain", ".map": "application/json",
             ".gz": "application/gzip", ".md": "text/plain"}


def metadata(date: dt.date, source: str) -> dict[str, str]:
    """The ZIM metadata Kiwix and the openZIM checks expect."""
    return {
        "Name": "legalaid-kb_mul_all",
        "Title": "法律援助知识库 Legal Aid KB",
        "Language": "zho,eng",
        "Creator": "Legal Aid Knowledge Base contributors",
        "Publisher": "Legal Aid Knowledge Base contributors",
        "Date": date.isoformat(),
        "Description": "法律援助知识库：办事指南、期限和法律援助站 / "
                       "Legal aid guides and directory",
        "LongDescription": (
            "中英双语的法律信息：行政复议、行政诉讼、国家赔偿、申请法律援助、家人被羁押时怎么办等"
            "办事指南，法定期限表，各省法律援助站和12348热线。每条法律信息都注明法条和审核日期。"
            " Bilingual legal information for citizen agents and families in mainland China: "
            "step-by-step procedures with their statutory deadlines, each cited and dated, and a "
            "directory of legal aid stations and hotlines by province."),
        "License": "CC BY 4.0",
        "Source": source,
        "Tags": "_category:other;_ftindex:yes;_pictures:yes;_videos:no;_details:yes;law;legal-aid",
        "Flavour": "all",
    }


class _SiteItem(Item):  # type: ignore[misc]
    def __init__(self, site: Path, name: str) -> None:
        super().__init__()
        self.file, self.name = site / name, name
        self.suffix = self.file.suffix.lower()

    def get_path(self) -> str:
        return self.name

    def get_title(self) -> str:
        if self.suffix != ".html":
            return ""
        match = TITLE.search(self.file.read_bytes()[:4096])
        return html.unescape(match.group(1).decode("utf-8", "replace")).strip() if match else ""

    def get_mimetype(self) -> str:
        return MIMETYPES.get(self.suffix) or mimetypes.guess_type(self.name)[0] or \
            "application/octet-stream"

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.file))

    def get_hints(self) -> dict[Hint, int]:
        front = self.suffix == ".html" and self.name != "404.html" and \
            not self.name.startswith(("status/", "en/status/"))
        return {Hint.FRONT_ARTICLE: front, Hint.COMPRESS: self.suffix not in (".png", ".gz")}


def write_zim(site: Path, target: Path, files: Iterable[str], date: dt.date, source: str,
              progress: Callable[[Iterable[str]], Iterable[str]] = lambda x: x) -> Path:
    """Write the site into a ZIM file with a full-text index (Chinese and English)."""
    names = list(files)
    if target.exists():
        target.unlink()
    creator = Creator(str(target)).config_indexing(True, "zho").config_nbworkers(2)
    with creator:
        creator.set_mainpath("index.html")
        creator.add_illustration(48, (TEMPLATE_DIR / "zim-illustration-48.png").read_bytes())
        for key, value in metadata(date, source).items():
            creator.add_metadata(key, value)
        for name in progress(names):
            creator.add_item(_SiteItem(site, name))
        for folder in sorted({n.rsplit("/", 1)[0] for n in names
                              if n.endswith("/index.html") and n.count("/") >= 1}):
            if folder not in names:  # "en" → "en/index.html", as a browser would resolve it
                creator.add_redirection(folder, "", f"{folder}/index.html",
                                        {Hint.FRONT_ARTICLE: False})
    return target
