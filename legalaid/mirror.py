"""Mirror kit: a manifest inside the site, reproducible archives, checksums, and verification."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = "MANIFEST.sha256"
CHECKSUMS = "SHA256SUMS"
PREFIX = "legalaid-kb"


def release_name(date: dt.date) -> str:
    """``legalaid-kb-YYYYMMDD``: the folder inside the archives and the archives' stem."""
    return f"{PREFIX}-{date:%Y%m%d}"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_files(site: Path) -> list[str]:
    """Every file of the site (posix paths, sorted), the manifest itself left out."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and p != site / MANIFEST)


def manifest_text(site: Path, files: Iterable[str] | None = None) -> str:
    """``sha256sum`` format, so ``sha256sum -c MANIFEST.sha256`` works without our tool."""
    names = site_files(site) if files is None else files
    return "".join(f"{_sha256((site / n).read_bytes())}  {n}\n" for n in names)


def write_manifest(site: Path) -> Path:
    """Write ``MANIFEST.sha256`` at the site's root."""
    path = site / MANIFEST
    path.write_text(manifest_text(site), encoding="utf-8", newline="\n")
    return path


def parse_manifest(text: str) -> dict[str, str]:
    """Path → SHA-256 from manifest text."""
    entries = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            entries[name.lstrip("*")] = digest
    return entries


def _zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    moment = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC)  # zip cannot go before 1980
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def write_zip(site: Path, target: Path, root_name: str, epoch: int,
              files: Iterable[str]) -> None:
    """A zip whose bytes depend only on the files and ``epoch``: sorted, fixed times and modes."""
    stamp = _zip_time(epoch)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in files:
            info = zipfile.ZipInfo(f"{root_name}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, (site / name).read_bytes())


def write_tar_gz(site: Path, target: Path, root_name: str, epoch: int,
                 files: Iterable[str]) -> None:
    """A tar.gz with sorted entries, fixed mtime, owner root:root and no gzip name or time."""
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 mtime=epoch, compresslevel=9) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in files:
            data = (site / name).read_bytes()
            info = tarfile.TarInfo(f"{root_name}/{name}")
            info.size, info.mtime, info.mode = len(data), epoch, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            archive.addfile(info, io.BytesIO(data))


def write_checksums(dist: Path, files: Iterable[Path]) -> Path:
    """``SHA256SUMS`` for the release files, in ``sha256sum -c`` format."""
    path = dist / CHECKSUMS
    lines = [f"{_sha256(f.read_bytes())}  {f.name}\n" for f in sorted(files)]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")
    return path


@dataclass
class Verdict:
    """What differs between a copy and its manifest."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra or self.problem)


def _members(path: Path) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every file in a folder, a .zip or a .tar.gz."""
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            yield file.relative_to(path).as_posix(), file.read_bytes()
    elif path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    yield info.filename, archive.read(info)
    elif path.name.endswith((".tar.gz", ".tgz", ".tar")):
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                if member.isfile():
                    handle = archive.extractfile(member)
                    yield member.name, handle.read() if handle else b""
    else:
        raise ValueError(f"{path}: not a folder, .zip or .tar.gz")


def verify(path: Path) -> Verdict:
    """Compare a copy (folder or archive) with the ``MANIFEST.sha256`` it carries."""
    try:
        members = dict(_members(path))
    except (OSError, ValueError, zipfile.BadZipFile, tarfile.TarError) as exc:
        return Verdict(problem=f"cannot read {path}: {exc}")
    manifests = [n for n in members if PurePosixPath(n).name == MANIFEST]
    if not manifests:
        return Verdict(problem=f"no {MANIFEST} in {path}: "
                       "not a copy of this site, or the manifest was removed")
    manifest = min(manifests, key=lambda n: n.count("/"))
    base = manifest[: -len(MANIFEST)]
    expected = parse_manifest(members.pop(manifest).decode("utf-8", "replace"))
    found = {n[len(base):]: data for n, data in members.items() if n.startswith(base)}
    verdict = Verdict()
    verdict.extra = sorted(set(found) - set(expected))
    verdict.missing = sorted(set(expected) - set(found))
    verdict.changed = sorted(n for n in set(found) & set(expected)
                             if _sha256(found[n]) != expected[n])
    return verdict


def build_release(site: Path, dist: Path, epoch: int, source: str,
                  progress: bool = True) -> list[Path]:
    """Write the manifest into ``site``, then archives, ZIM and ``SHA256SUMS`` into ``dist``.

    Returns:
        The files written to ``dist``.
    """
    from tqdm import tqdm

    from .zim import write_zim

    date = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    name = release_name(date)
    dist.mkdir(parents=True, exist_ok=True)
    for old in dist.glob(f"{PREFIX}-*"):
        old.unlink()
    write_manifest(site)
    files = [*site_files(site), MANIFEST]
    files.sort()

    def bar(items: Iterable[str], what: str) -> Iterable[str]:
        bar: Iterable[str] = tqdm(items, desc=what, unit="file", disable=not progress)
        return bar

    zip_path, tar_path, zim_path = (dist / f"{name}{ext}" for ext in (".zip", ".tar.gz", ".zim"))
    write_zip(site, zip_path, name, epoch, bar(files, f"{zip_path.name:<28}"))
    write_tar_gz(site, tar_path, name, epoch, bar(files, f"{tar_path.name:<28}"))
    # Kiwix answers unknown paths itself; the 404 page's fallback link "/" means nothing there.
    zim_files = [n for n in files if n != "404.html"]
    write_zim(site, zim_path, zim_files, date, source,
              progress=lambda items: bar(items, f"{zim_path.name:<28}"))
    release = [zip_path, tar_path, zim_path]
    return [*release, write_checksums(dist, release)]
