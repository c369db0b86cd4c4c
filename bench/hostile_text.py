"""Hostile text: the worst Markdown a contributor can put in one bank field or one page within the limits of
quiz_plugin/text_limits.py, and what it costs to render with the site's own extensions (CPU time, best of 3).

Python-Markdown is quadratic on unbalanced `[` (20 KB took 101 s before the limits) and recursive on nesting; the
limits keep every field and every page to a bounded cost. This prints each shape's time at the limit, the time of
the same shape beyond the limit as it was allowed before (refused now), and the bound for a whole bank.

Run alone: `.venv/bin/python bench/hostile_text.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, heading, table  # noqa: E402

sys.path.insert(0, str(ROOT))
import markdown  # noqa: E402
from mkdocs.config import load_config  # noqa: E402

from quiz_plugin.safe_markdown import SafeMarkdown  # noqa: E402
from quiz_plugin.safe_yaml import MAX_BYTES  # noqa: E402
from quiz_plugin.text_limits import FIELD_LIMITS, PAGE_LIMITS, text_problem  # noqa: E402

N = FIELD_LIMITS.max_chars


def fill(unit: str, size: int = N) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def lines(text: str, count: int = FIELD_LIMITS.max_lines) -> str:
    return "\n".join(text.split("\n")[:count])[:N]


# Columns: a name, the worst text of that shape within the field limits.
FIELDS = [
    ("plain words", fill("word ")),
    ("20 '[' then text", "[" * 20 + fill("a")[20:]),
    ("20 '![' spread", fill("![" + "a" * 98)),
    ("20 footnote refs", fill("x[^1]" + "y" * 95)),
    ("20 abbreviations", "".join(f"*[A{i}]: x\n" for i in range(20)) + fill("A1 A2 ")[:1700]),
    ("emphasis runs", fill("***a__b**c_")),
    ("'*a' runs", fill("*a")),
    ("backticks", fill("`a")),
    ("email autolinks", fill("<a@b.c> ")),
    ("backslash escapes", fill("\\*")),
    ("wide table", "|" + "a|" * 300 + "\n|" + "-|" * 300 + "\n" + "|" + "b|" * 300),
    ("table, 40 lines", "|a|b|\n|-|-|\n" + "|x|y|\n" * 37 + "|x|y|"),
    ("lists nested 16 columns", lines("".join(" " * min(16, 4 * i) + "- x\n" for i in range(40)))),
    ("definition lists", lines("a\n:   b\n" * 20)),
    ("setext headings", "\n".join([("a" * 95), "="] * 20)[:N]),
    ("quotes 4 deep", lines("> > > > x\n" * 40)),
    ("admonitions nested 4", "!!! note\n    !!! note\n        !!! note\n            !!! note\n                " + fill("x", 1800)),
]

# Columns: a name, the worst page of that shape within the page limits.
PAGES = [
    ("one paragraph of '['", "[" * int(PAGE_LIMITS.max_bracket_work ** 0.5)),
    ("100 '[' in 50 KB", "[" * 100 + fill("a", 49_900)),
    ("lists nested 32 columns", "".join(" " * min(32, 4 * i) + "- x\n" for i in range(2000))),
]


def cpu(render, text: str, repeats: int = 3) -> float:
    best = None
    for _ in range(repeats):
        start = time.process_time()
        render(text)
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def main() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    field = SafeMarkdown(config.markdown_extensions, config.mdx_configs)
    heading("Hostile text in one bank field (limits: 2,000 characters, 40 lines, 20 '[', 16 columns, 4 '>')")
    rows, worst = [], 0.0
    plain = cpu(field.block, FIELDS[0][1])
    for name, text in FIELDS:
        assert text_problem(text, FIELD_LIMITS) is None, (name, text_problem(text, FIELD_LIMITS))
        spent = cpu(field.block, text)
        worst = max(worst, spent)
        rows.append([name, f"{len(text):,}", f"{spent * 1000:.1f}", f"{spent / plain:.0f}×"])
    print(table(["shape", "characters", "ms", "against plain words"], rows))
    before = "[" * N
    print(f"\nWorst field: {worst * 1000:.1f} ms. Before the limits, one field of 2,000 '[' took "
          f"{cpu(field.block, before, 1):.2f} s (refused now: {text_problem(before, FIELD_LIMITS)[0]}).")
    # A bank is at most 8 MB: at most MAX_BYTES / 2,000 fields of the worst shape.
    bound = MAX_BYTES / N * worst
    print(f"A whole bank of worst fields (8 MB): at most about {bound:.0f} s of rendering here; "
          "a real bank of 25 KB renders in well under a second.")

    page = markdown.Markdown(extensions=[e for e in config.markdown_extensions if e != "pymdownx.snippets"],
                             extension_configs=config.mdx_configs)
    heading("Hostile pages (limits: 5,000,000 '['-characters, 32 columns, 8 '>')")
    rows = []
    for name, text in PAGES:
        assert text_problem(text, PAGE_LIMITS) is None, (name, text_problem(text, PAGE_LIMITS))
        rows.append([name, f"{len(text):,}", f"{cpu(lambda t: (page.reset(), page.convert(t)), text, 1):.2f}"])
    print(table(["shape", "characters", "s"], rows))


if __name__ == "__main__":
    main()
