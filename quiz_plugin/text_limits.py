"""What one piece of Markdown may cost to render, checked before it is rendered.

Python-Markdown is quadratic on some inputs and recursive on others: 20 KB of unbalanced `[` took 101 s, a list
nested about 250 levels deep raised RecursionError. So text is measured first, with rules an author can follow:

- a bank's text field is at most 2,000 characters and 40 lines, holds at most 20 `[` (links, images, footnotes),
  and nests at most 16 columns deep (4 levels of lists) and 4 `>` deep;
- a page holds at most 5,000,000 "bracket-characters" (the `[` of each paragraph times its length: the work of the
  quadratic case; the longest page of the site has about 30,000) and nests at most 32 columns and 8 `>` deep.

Within these, the worst field measured renders in about 10 ms and the worst page in under 1 s
(`bench/hostile_text.py`). Plain Python, no Markdown import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .safe_yaml import FRONT_MATTER

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_PREFIX = re.compile(r"[ \t>]*")


@dataclass(frozen=True)
class TextLimits:
    max_chars: int
    max_lines: int | None
    max_brackets: int | None  # `[` in one text (bank fields)
    max_bracket_work: int | None  # sum over paragraphs of `[` times length (pages)
    max_indent: int  # columns of leading white space, a tab counting up to the next multiple of 4
    max_quotes: int  # `>` at the start of a line


FIELD_LIMITS = TextLimits(max_chars=2_000, max_lines=40, max_brackets=20, max_bracket_work=None, max_indent=16,
                          max_quotes=4)
PAGE_LIMITS = TextLimits(max_chars=2 * 1024 * 1024, max_lines=None, max_brackets=None, max_bracket_work=5_000_000,
                         max_indent=32, max_quotes=8)


def _indent(prefix: str) -> int:
    width = 0
    for char in prefix:
        if char == "\t":
            width += 4 - width % 4
        elif char == " ":
            width += 1
    return width


def text_problem(text: str, limits: TextLimits = FIELD_LIMITS) -> tuple[str, int] | None:
    """The first rule the text breaks, with the line of the text where it does (1 = its first line); None if none.

    >>> text_problem("See [the lesson](../training/lesson-3.md#signs).") is None
    True
    >>> text_problem("[" * 21)
    ("it holds 21 '[' (links, images, footnotes); at most 20 fit in one text: split it", 1)
    >>> text_problem("- a\\n" + " " * 20 + "- b")
    ('it is nested 20 columns deep; at most 16 (4 levels of lists): flatten it', 2)
    """
    if len(text) > limits.max_chars:
        return (f"it is {len(text):,} characters long; at most {limits.max_chars:,} fit in one text: "
                "shorten it or split it", 1)
    lines = text.rstrip("\n").split("\n")  # a block scalar (|) ends with a line break, not with another line
    if limits.max_lines is not None and len(lines) > limits.max_lines:
        return f"it has {len(lines)} lines; at most {limits.max_lines} fit in one text: shorten it", limits.max_lines + 1
    if limits.max_brackets is not None and text.count("[") > limits.max_brackets:
        line = text[:[i for i, c in enumerate(text) if c == "["][limits.max_brackets]].count("\n") + 1
        return (f"it holds {text.count('[')} '[' (links, images, footnotes); at most {limits.max_brackets} fit in one "
                "text: split it", line)
    for number, line in enumerate(lines, start=1):
        prefix = _PREFIX.match(line).group()
        if prefix.count(">") > limits.max_quotes:
            return f"it is quoted {prefix.count('>')} '>' deep; at most {limits.max_quotes}: flatten it", number
        if _indent(prefix) > limits.max_indent:
            return (f"it is nested {_indent(prefix)} columns deep; at most {limits.max_indent} "
                    f"({limits.max_indent // 4} levels of lists): flatten it", number)
    if limits.max_bracket_work is not None:
        work, start = 0, 0
        for match in [*_PARAGRAPHS.finditer(text), None]:
            end = match.start() if match else len(text)
            paragraph = text[start:end]
            work += paragraph.count("[") * len(paragraph)
            if work > limits.max_bracket_work:
                return (f"the paragraph on this line and those before it hold too many '[' for their length; split "
                        "long paragraphs, or close each '[' with ']'", text.count("\n", 0, start) + 1)
            start = match.end() if match else end
    return None


def page_text_problem(text: str, path: str) -> str | None:
    """A page's Markdown (after its front matter) that would take too long to render, or recurse, with its line.

    >>> page_text_problem("---\\ntitle: T\\n---\\n" + "- x\\n" + " " * 40 + "- y\\n", "docs/en/a.md")
    'docs/en/a.md:5: it is nested 40 columns deep; at most 32 (8 levels of lists): flatten it'
    """
    match = FRONT_MATTER.match(text)
    start = text.count("\n", 0, match.end()) if match else 0
    found = text_problem(text[match.end():] if match else text, PAGE_LIMITS)
    return f"{path}:{found[1] + start}: {found[0]}" if found else None
