"""Run the benchmarks in bench/ and print their figures: `make bench`, or `python bench/run.py [name ...]`.

Every bench/<name>.py with a main() is a benchmark (common.py and this file aside); each can also run alone with
`python bench/<name>.py`. A failing benchmark prints its error and the others still run; the exit code is then 1.
"""

from __future__ import annotations

import datetime
import importlib.util
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
NOT_BENCHMARKS = {"common", "run"}
# Quick ones first; anything not listed runs after these, in name order.
ORDER = ["search_index_size", "search_quality", "quiz_vs_mkdocs_quiz", "large_bank", "build_scaling", "lighthouse"]


def benchmarks() -> list[str]:
    names = [p.stem for p in BENCH.glob("*.py") if p.stem not in NOT_BENCHMARKS and not p.stem.startswith(("_", "test_"))]
    return sorted(names, key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name))


def run(name: str) -> bool:
    path = BENCH / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    saved_argv = sys.argv
    sys.argv = [str(path)]  # each benchmark reads its own options; here it runs with its defaults
    start = time.perf_counter()
    try:
        spec.loader.exec_module(module)
        module.main()
        return True
    except SystemExit as exit:
        if exit.code in (None, 0):
            return True
        print(f"\n{name} stopped: {exit.code}", file=sys.stderr)
        return False
    except Exception:
        traceback.print_exc()
        return False
    finally:
        sys.argv = saved_argv
        print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)


def header() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH.parent, capture_output=True, text=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"Benchmarks, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {commit.stdout.strip() or '?'} "
            f"(plus uncommitted changes, if any); {os.cpu_count()} CPUs, load average {load}; "
            f"Python {platform.python_version()}")


def main(argv: list[str]) -> int:
    available = benchmarks()
    wanted = [name.removesuffix(".py").rsplit("/", 1)[-1] for name in argv] or available
    unknown = [name for name in wanted if name not in available]
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)}; available: {', '.join(available)}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(BENCH))
    print(header(), flush=True)
    failed = [name for name in wanted if not run(name)]
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
