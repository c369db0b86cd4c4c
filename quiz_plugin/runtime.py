"""The browser runtime's files as the site publishes them: quiz.js and quiz.css on pages with a quiz or progress,
report.js on the trainer's class report page. The sources under assets/ are written to be read, with comments that
say why; the published copies drop whole comment lines and indentation (a third of their gzipped size), so the runtime
stays within its size target (README: one JS + one CSS, at most 12 KB gzipped). Code is never rewritten: only lines
that are comments from their start, and the spaces at the start of a line, go."""

from __future__ import annotations

import re
from importlib import resources

FILES = ("quiz.js", "quiz.css", "report.js")
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n", re.S | re.M)
_LINE_COMMENT = re.compile(r"^[ \t]*//[^\n]*\n", re.M)
_INDENT = re.compile(r"^[ \t]+", re.M)


def compact(text: str) -> str:
    """
    >>> print(compact("/* Why it is so.\\n   More. */\\nfunction f() {\\n  // a note\\n  return 1;  // kept\\n}\\n"))
    function f() {
    return 1;  // kept
    }
    <BLANKLINE>
    """
    return _INDENT.sub("", _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text)))


def published() -> dict[str, bytes]:
    """Each runtime file's published content, by name."""
    folder = resources.files(__package__).joinpath("assets")
    return {name: compact(folder.joinpath(name).read_text(encoding="utf-8")).encode("utf-8") for name in FILES}
