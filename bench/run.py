"""Directory benchmark: generated build vs the same pages as plain Markdown, at three sizes.

Copies the project to a temporary folder, adds N synthetic stations, and measures a real build
(the hooks generate pages from YAML) and, in the same run, a build of the very same pages
written out as plain Markdown with no hooks (the engine's floor). Run with ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))

from sitebuild import EPOCH, copy_project  # noqa: E402
from synthetic import write_stations  # noqa: E402
from weight import report as weight_report  # noqa: E402

SIZES = (30, 300, 3000)


def run_build(project: Path, site: Path, config: str = "mkdocs.yml") -> tuple[float, int]:
    """Build once in a child process; return (seconds, peak RSS in MiB of that child)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0",
           "NO_MKDOCS_2_WARNING": "1"}
    code = ("import resource, subprocess, sys; "
            "r = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
            "sys.exit(r.returncode)")
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
         "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return seconds, peak_kib // 1024


def site_figures(site: Path) -> dict[str, float]:
    pages = [p for p in site.rglob("*.html")]
    sizes = [p.stat().st_size for p in pages]
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "site_mib": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "median_page_kib": statistics.median(sizes) / 1024,
        "index_kib": index.stat().st_size / 1024 if index.exists() else 0,
        "home_bytes": (site / "index.html").stat().st_size,
    }


def plain_variant(project: Path) -> str:
    """Stage the generated pages as plain Markdown and write a config without hooks."""
    staged = project / "plain-docs"
    subprocess.run([sys.executable, "-m", "legalaid.cli", "--root", str(project), "stage",
                    str(staged)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    text = (project / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"^hooks:\n(  - .*\n)+", "", text, flags=re.M)
    text = f"docs_dir: plain-docs\n{text}"
    (project / "mkdocs-plain.yml").write_text(text, "utf-8")
    return "mkdocs-plain.yml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=2, help="runs of each variant (best kept)")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="skip Lighthouse (needs npm; installs it into .cache/)")
    args = parser.parse_args()
    rows = []
    weights = ""
    with tempfile.TemporaryDirectory(prefix="legalaid-bench-") as tmp:
        for n in args.sizes:
            project = copy_project(Path(tmp) / f"n{n}")
            shutil.rmtree(project / "data" / "stations", ignore_errors=True)
            write_stations(project, n)
            config = plain_variant(project)
            # alternate the two variants and keep each one's best time: this machine is noisy,
            # and whichever runs first pays for cold caches
            gen_runs, plain_runs = [], []
            for _ in range(args.repeat):
                gen_runs.append(run_build(project, project / "site-gen"))
                plain_runs.append(run_build(project, project / "site-plain", config))
            gen_s, gen_mem = min(gen_runs)
            plain_s, plain_mem = min(plain_runs)
            figures = site_figures(project / "site-gen")
            rows.append((n, gen_s, plain_s, gen_mem, plain_mem, figures))
            if n == max(args.sizes):
                weights = weight_report(project / "site-gen", not args.no_lighthouse,
                                        ROOT / ".cache" / "bench-node")
            print(f"N={n}: generated {gen_s:.1f}s, plain {plain_s:.1f}s", file=sys.stderr)
            shutil.rmtree(project)
    print("| stations | generated s | plain s | gen ÷ plain | peak MiB (gen/plain) | pages | "
          "site MiB | median page KiB | search index KiB | home page bytes |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, gen_s, plain_s, gen_mem, plain_mem, f in rows:
        print(f"| {n} | {gen_s:.1f} | {plain_s:.1f} | {gen_s / plain_s:.2f} | "
              f"{gen_mem}/{plain_mem} | {f['pages']} | {f['site_mib']:.1f} | "
              f"{f['median_page_kib']:.1f} | {f['index_kib']:.0f} | {f['home_bytes']} |")
    by_n = {r[0]: r for r in rows}
    print()
    if 300 in by_n and 3000 in by_n:
        print(f"time(3000) ÷ time(300) = {by_n[3000][1] / by_n[300][1]:.2f} (target ≤ 12)")
    if 30 in by_n and 3000 in by_n:
        a, b = by_n[30][5]["home_bytes"], by_n[3000][5]["home_bytes"]
        print(f"home page 3000 vs 30: {100 * (b - a) / a:+.2f}% (target within ±2%)")
    worst = max(r[1] / r[2] for r in rows)
    print(f"worst generated ÷ plain = {worst:.2f} (target ≤ 1.10)")
    print(f"\nPage weight at {max(args.sizes)} stations per language "
          "(gzip, loopback HTTP; targets: "
          "first visit ≤ 150 KiB, repeat station visit ≤ 10 KiB; Lighthouse mobile: performance "
          "≥ 0.95, accessibility 1.00, best practices ≥ 0.95)\n")
    print(weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
