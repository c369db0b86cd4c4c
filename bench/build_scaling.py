"""Build time of the real site, and of the same site with its content multiplied by 2, 4 and 8.

Each size is a copy of docs/ in a temporary folder where every page of every language (and every question bank)
gets k-1 suffixed copies, listed in the nav, so the strict build stays valid (bench/common.py real_site_copy).
Each size is built twice in a fresh process; the faster build counts (the first includes lazy imports).
Target (issue 6): linear or better, i.e. CPU time per page at ×k no more than at ×1.

Run alone: `.venv/bin/python bench/build_scaling.py [--factors 1 2 4 8] [--repeats 2]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import KB, built_pages, heading, real_site_copy, table, timed_build  # noqa: E402


def measure(factor: int, repeats: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-scale-{factor}-") as tmp:
        config = real_site_copy(Path(tmp), factor)
        site = Path(tmp) / "site"
        result = timed_build(config, repeats, site_dir=site)
        pages = built_pages(site)
        return {"pages": pages, "cpu": min(result["cpu"]), "wall": min(result["wall"]), "maxrss_mb": result["maxrss_mb"],
                "html_kb": sum(p.stat().st_size for p in site.rglob("*.html")) / KB / pages}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)

    heading("Build scaling: strict build of the real site (mkdocs.yml), content ×1, ×2, ×4, ×8")
    results = {}
    for factor in args.factors:
        results[factor] = measure(factor, args.repeats)
        print(f"  ×{factor}: built", flush=True)
    base = results[args.factors[0]]
    rows = []
    for factor, r in results.items():
        per_page = (r["cpu"] / r["pages"]) / (base["cpu"] / base["pages"])
        rows.append([f"×{factor}", r["pages"], f"{r['cpu']:.1f}", f"{r['wall']:.1f}", f"{r['cpu'] / base['cpu']:.2f}",
                     f"{r['cpu'] / r['pages'] * 1000:.0f}", f"{per_page:.2f}", f"{r['html_kb']:.0f}", f"{r['maxrss_mb']:.0f}"])
    print(table(["content", "pages", "CPU s", "wall s", "CPU ratio", "CPU ms/page", "per-page ratio", "HTML KB/page",
                 "peak MB"], rows))
    print(f"Target: linear or better, per-page ratio ≤ 1.00 against ×{args.factors[0]} "
          f"(best of {args.repeats} builds per size; pages = HTML pages in all three languages).")
    print("Every page carries the whole navigation, which grows with the site: HTML per page grows with it.")


if __name__ == "__main__":
    main(sys.argv[1:])
