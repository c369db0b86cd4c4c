"""The citation syntax, `[@key]` or `[@key1; @key2]`, and where citations sit in a page or bank file.

>>> parse_keys("@collins2017; @clifasefi2017")
['collins2017', 'clifasefi2017']
>>> [(c.line, c.keys) for c in find_citations("Text [@weir2021].\\n\\n`[@not-a-citation]`\\nMore [@a; @b]")]
[(1, ['weir2021']), (4, ['a', 'b'])]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

# Anything that opens with "[@" is meant as a citation: a malformed one is an error, not text.
CITATION = re.compile(r"\[(@[^\[\]]*)\]")
_KEY = re.compile(r"^@([a-z][a-z0-9-]*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)


@dataclass(frozen=True)
class Citation:
    line: int
    keys: list[str]
    text: str  # as written, for messages


class SyntaxProblem(ValueError):
    pass


def parse_keys(inner: str) -> list[str]:
    """The keys inside "[" ... "]", in the order written.

    >>> parse_keys("@weir2021")
    ['weir2021']
    >>> try:
    ...     parse_keys("@Weir2021")
    ... except SyntaxProblem as problem:
    ...     print(problem)
    '@Weir2021' is not a key: keys are lower-case letters, digits and hyphens (@weir2021)
    """
    keys = []
    for part in inner.split(";"):
        match = _KEY.match(part.strip())
        if not match:
            raise SyntaxProblem(f"'{part.strip()}' is not a key: keys are lower-case letters, digits and hyphens "
                                "(@weir2021)")
        if match.group(1) in keys:
            raise SyntaxProblem(f"'{match.group(1)}' is cited twice in one citation")
        keys.append(match.group(1))
    return keys


def _blank_code(text: str) -> str:
    """Fenced blocks and code spans hold no citations: blank them out with spaces, keeping every line break and
    every position (replace_citations replaces in the original text where it found citations in this one)."""
    lines, fence = [], ""
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1) == fence:
                fence = ""
            lines.append(" " * len(line))
            continue
        if match:
            fence = match.group(1)
            lines.append(" " * len(line))
            continue
        lines.append(line)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines))


def find_citations(text: str) -> list[Citation]:
    """Every citation in a Markdown page or a bank file, with its line (1-based), in the order written.
    Raises SyntaxProblem (with .line set) for a malformed one."""
    text = _blank_code(text)
    found = []
    for match in CITATION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        try:
            keys = parse_keys(" ".join(match.group(1).split()))
        except SyntaxProblem as problem:
            problem.line = line
            raise
        found.append(Citation(line, keys, match.group(0)))
    return found


def replace_citations(text: str, write: Callable[[list[str]], str]) -> str:
    """The text with each citation replaced by write(keys); citations in code, and escaped ones (`\\[@key]`), stay.

    >>> print(replace_citations("A [@a; @b]. `[@c]` \\\\[@d]", lambda keys: "(" + "+".join(keys) + ")"))
    A (a+b). `[@c]` \\[@d]
    """
    parts, end = [], 0
    for match in CITATION.finditer(_blank_code(text)):
        if match.start() and text[match.start() - 1] == "\\":
            continue
        parts += [text[end:match.start()], write(parse_keys(" ".join(match.group(1).split())))]
        end = match.end()
    return "".join(parts) + text[end:]


def citation_problems(text: str, display: str, known) -> list[str]:
    """Malformed citations and unknown keys in one page or bank file, each as 'file:line: problem'.

    >>> citation_problems("A [@weir2021].\\nB [@wier2021; @x]", "docs/en/a.md", {"weir2021"})
    ["docs/en/a.md:2: unknown source key 'wier2021' in [@wier2021; @x] (did you mean weir2021?)", "docs/en/a.md:2: unknown source key 'x' in [@wier2021; @x]"]
    """
    try:
        citations = find_citations(text)
    except SyntaxProblem as problem:
        return [f"{display}:{problem.line}: {problem} (write [@key] or [@key1; @key2])"]
    problems = []
    for citation in citations:
        for key in citation.keys:
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                problems.append(f"{display}:{citation.line}: unknown source key '{key}' in "
                                f"{' '.join(citation.text.split())}{hint}")
    return problems
