"""Shared helpers for the benchmarks: gzip sizes, aligned tables, timed strict builds in a child process, and a
copy of the real site that a benchmark may multiply or re-hook.

Builds run in a child process (`python bench/common.py build CONFIG`), so each one starts clean, its peak memory
is its own, and the same code times a build in another virtual environment (bench/.venv-mkdocs-quiz). The child
imports only the standard library and MkDocs.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
KB = 1000  # the targets are read as decimal kilobytes, the stricter reading (as bench/lighthouse.py does)
# The real site's folders that a copy links to rather than copies (hooks and the theme find their files through them).
LINKED = ("hooks", "overrides", "includes", "data", "tools")


# --- Sizes and tables ------------------------------------------------------------------------------------------

def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 9, without a file name or time stamp in the header (so equal input, equal size)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(size: float) -> str:
    return f"{size / KB:.1f} KB"


def table(headers: list[str], rows: list[list]) -> str:
    """Plain aligned columns: the first left-aligned, the others right-aligned.

    >>> print(table(["a", "bb"], [["x", 1], ["yyy", 22]]))
    a    bb
    ---  --
    x     1
    yyy  22
    """
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(row) for row in cells[1:]])


def heading(title: str) -> None:
    print(f"\n== {title} ==")


# --- Timed builds ----------------------------------------------------------------------------------------------

def timed_build(config_file: Path, repeats: int = 1, python: Path = PYTHON, site_dir: Path | None = None) -> dict:
    """Build `config_file` strictly `repeats` times in one child process.

    Returns {"cpu": [seconds...], "wall": [seconds...], "maxrss_mb": peak resident memory of the child}.
    CPU time is the steadier figure on a shared machine; the first repeat includes the imports MkDocs does lazily.
    """
    command = [str(python), str(Path(__file__).resolve()), "build", str(config_file), str(repeats)]
    if site_dir is not None:
        command.append(str(site_dir))
    done = subprocess.run(command, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"strict build of {config_file} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _build_in_this_process(config_file: str, repeats: int, site_dir: str | None) -> dict:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.chdir(Path(config_file).parent)
    cpu, wall = [], []
    for _ in range(repeats):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        config = load_config(config_file, strict=True, **({"site_dir": site_dir} if site_dir else {}))
        build(config)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return {"cpu": cpu, "wall": wall, "maxrss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at exec; getrusage's ru_maxrss does not
    (a child started by a large parent reports at least the parent's peak), so it is only the fallback."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- Sites -----------------------------------------------------------------------------------------------------

MINIMAL_CONFIG = """\
site_name: Bench site
site_url: http://127.0.0.1:8000/
docs_dir: docs
use_directory_urls: false
strict: true
theme:
  name: material
  font: false
plugins: {plugins}
markdown_extensions: [attr_list, admonition]
"""


def minimal_site(folder: Path, pages: dict[str, str], plugins: list[str], files: dict[str, str] | None = None) -> Path:
    """A one-language Material site with no search plugin, so build time and bytes are the quiz plugin's own.

    Pages and files are paths inside docs/; pages live in docs/en/, and a bank in docs/quizzes/ (the plugin finds a
    one-language site's banks there).
    """
    docs = folder / "docs"
    for rel, text in {**{f"en/{k}": v for k, v in pages.items()}, **(files or {})}.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(MINIMAL_CONFIG.format(plugins=json.dumps(plugins)), encoding="utf-8")
    return config


def load_real_config() -> dict:
    """The real mkdocs.yml as data (its !ENV tags resolved)."""
    sys.path.insert(0, str(ROOT))
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def suffixed(nav, suffix: str):
    """The nav with every page path given a suffix.

    >>> suffixed([{"Home": "index.md"}, {"Cases": ["cases/a.md"]}], "-x2")
    [{'Home': 'index-x2.md'}, {'Cases': ['cases/a-x2.md']}]
    """
    if isinstance(nav, str):
        return nav[:-3] + suffix + ".md" if nav.endswith(".md") else nav
    if isinstance(nav, list):
        return [suffixed(item, suffix) for item in nav]
    return {title: suffixed(value, suffix) for title, value in nav.items()}


_MARKER = re.compile(r"(<!--\s*quiz:\s*)([^\s>]+)((?:\s+(?:before|after))?\s*-->)")  # quiz_plugin.plugin.MARKER
_BANK_ID = re.compile(r"^id:\s*(\S+)\s*$", re.M)


def real_site_copy(folder: Path, factor: int = 1, hooks: list[str] | None = None) -> Path:
    """A copy of the real site in `folder`, its content multiplied by `factor`, and its config (INHERIT: mkdocs.yml).

    Copy k of every page in every language is `<name>-x<k>.md`, placing copy k of its banks (`<bank>-x<k>.yml`),
    and appears in the nav under the original's, so the copy is as valid (strict) as the real site.
    `hooks` replaces the real hook list (paths relative to `folder`).
    """
    real = load_real_config()
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    pages = [p for p in docs.glob("*/**/*.md") if p.parts[len(docs.parts)] in ("en", "ka", "ru")]
    banks = [p for p in docs.glob("*/quizzes/*.yml")]
    for k in range(2, factor + 1):
        suffix = f"-x{k}"
        for page in pages:
            text = _MARKER.sub(lambda m: m[1] + m[2] + suffix + m[3], page.read_text(encoding="utf-8"))
            page.with_name(page.stem + suffix + ".md").write_text(text, encoding="utf-8")
        for bank in banks:
            text = _BANK_ID.sub(lambda m: f"id: {m[1]}{suffix}", bank.read_text(encoding="utf-8"), count=1)
            bank.with_name(bank.stem + suffix + ".yml").write_text(text, encoding="utf-8")
    nav = real["nav"] + [{f"Copy {k}": suffixed(real["nav"], f"-x{k}")} for k in range(2, factor + 1)]
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "nav": nav}
    if hooks is not None:
        config["hooks"] = hooks
    (folder / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder / "mkdocs.yml"


def built_pages(site: Path) -> int:
    """Pages built from Markdown (redirect stubs and the 404 page aside)."""
    return sum(1 for p in site.rglob("*.html")
               if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8", errors="replace"))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "build":
        result = _build_in_this_process(sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
        print(json.dumps(result))
    else:
        sys.exit("usage: python bench/common.py build CONFIG REPEATS [SITE_DIR]  (used by the benchmarks)")
