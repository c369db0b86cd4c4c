"""Where a page places quizzes: `<!-- quiz: bank-id -->`, `<!-- quiz-progress -->`, `<!-- quiz-completion -->` and
`<!-- quiz-reset -->`, each on a line of its own, outside fenced code. A marker written inside inline code or a code
block is an example, not a marker: it is shown as text, and it is not counted. Like heading ids, the markers of a
page are the same, in the same order, in every language: a translation cannot drop or swap a lesson's quiz.

Plain Python: the MkDocs plugin, `validate` and the build hooks use these functions.
"""

from __future__ import annotations

import re

# In the page's HTML, where Python-Markdown has kept the author's comments as they were.
MARKER = re.compile(r"<!--\s*quiz:\s*([^\s>]+)\s*-->")
PROGRESS_MARKER = re.compile(r"<!--\s*quiz-(progress|completion|reset)\s*-->")
ANY_MARKER = re.compile(r"<!--\s*(?:quiz:\s*(?P<bank>[^\s>]+)|(?P<kind>quiz-progress|quiz-completion|quiz-reset))\s*-->")
# In the page's Markdown: a marker alone on its line.
_LINE = re.compile(r"^[ \t]*<!--\s*(?:quiz:\s*(?P<bank>[^\s>]+)|(?P<kind>quiz-progress|quiz-completion|quiz-reset))"
                   r"\s*-->[ \t]*$")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def page_markers(markdown: str) -> list[tuple[int, str]]:
    """(line, marker) for every marker of a page: 'quiz: <bank id>', 'quiz-progress', 'quiz-completion' or
    'quiz-reset'. Lines count from the top of the file, front matter included.

    >>> page_markers("---\\ntitle: T\\n---\\n# T\\n\\n<!-- quiz: lesson-1 -->\\n")
    [(6, 'quiz: lesson-1')]
    >>> page_markers("Write `<!-- quiz: x -->` on a line.\\n\\n```\\n<!-- quiz: y -->\\n```\\n<!-- quiz-progress -->")
    [(6, 'quiz-progress')]
    """
    found: list[tuple[int, str]] = []
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        for number in range(1, len(lines)):
            if _FRONT_MATTER_END.match(lines[number]):
                start = number + 1
                break
    fence = ""
    for number in range(start, len(lines)):
        line = lines[number]
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line[opening.end():].strip():
                fence = ""  # a closing fence: the same character, at least as long, nothing after it
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _LINE.match(line)
        if match:
            found.append((number + 1, f"quiz: {match['bank']}" if match["bank"] else match["kind"]))
    return found


def html_markers(html: str) -> list[str]:
    """The markers left in a page's HTML, in the form page_markers() gives them.

    >>> html_markers("<p>x</p><!-- quiz: a --><code>&lt;!-- quiz: b --&gt;</code><!--quiz-reset-->")
    ['quiz: a', 'quiz-reset']
    """
    return [f"quiz: {m['bank']}" if m["bank"] else m["kind"] for m in ANY_MARKER.finditer(html)]


def survival_problem(path: str, markers: list[tuple[int, str]], html: str) -> str | None:
    """The markers left in a page's HTML must be the page's markers: one inside a paragraph or an indented code
    block would otherwise place a quiz that the progress table and the translations do not see.

    >>> survival_problem("docs/en/a.md", [], "<p>See <!-- quiz: a --> here</p>")
    "docs/en/a.md: the marker '<!-- quiz: a -->' must stand on a line of its own, outside code blocks and paragraphs (to show a marker as an example, put it in `code`)"
    """
    expected, found = [marker for _, marker in markers], html_markers(html)
    if found == expected:
        return None
    odd = [m for m in found if m not in expected] or [m for m in expected if m not in found] or found
    return (f"{path}: the marker '<!-- {odd[0]} -->' must stand on a line of its own, outside code blocks and "
            "paragraphs (to show a marker as an example, put it in `code`)")


def placed_banks(markdown: str) -> list[tuple[int, str]]:
    """(line, bank id) for every quiz a page places.

    >>> placed_banks("<!-- quiz: a -->\\n\\n<!-- quiz-reset -->\\n<!--quiz:b-->")
    [(1, 'a'), (4, 'b')]
    """
    return [(line, marker[len("quiz: "):]) for line, marker in page_markers(markdown) if marker.startswith("quiz: ")]


def placement_problems(path: str, markdown: str, known_banks=None) -> list[str]:
    """A bank placed twice on one page (its ids would repeat), or a bank that does not exist.

    >>> placement_problems("docs/en/a.md", "<!-- quiz: x -->\\n<!-- quiz: x -->", {"x"})
    ["docs/en/a.md:2: the bank 'x' is placed twice on this page (lines 1 and 2); place it once"]
    """
    problems, seen = [], {}
    for line, bank_id in placed_banks(markdown):
        if bank_id in seen:
            problems.append(f"{path}:{line}: the bank '{bank_id}' is placed twice on this page "
                            f"(lines {seen[bank_id]} and {line}); place it once")
        seen.setdefault(bank_id, line)
        if known_banks is not None and bank_id not in known_banks:
            known = ", ".join(sorted(known_banks)) or "none"
            problems.append(f"{path}:{line}: the page places the unknown bank '{bank_id}' (known banks: {known})")
    return problems


def marker_differences(path: str, reference_path: str, markers: list[tuple[int, str]],
                       reference: list[tuple[int, str]]) -> str | None:
    """How a translation's markers differ from the reference language's, or None when they are the same.

    >>> marker_differences("docs/ka/a.md", "docs/en/a.md", [], [(9, "quiz: lesson-1")])
    'docs/ka/a.md: the quiz markers differ from docs/en/a.md: missing quiz: lesson-1 (docs/en/a.md:9)'
    """
    ours, theirs = [m for _, m in markers], [m for _, m in reference]
    if ours == theirs:
        return None
    missing = [f"{m} ({reference_path}:{line})" for line, m in _beyond(reference, ours)]
    extra = [f"{m} (line {line})" for line, m in _beyond(markers, theirs)]
    parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"extra {', '.join(extra)}"] if extra else [])
    detail = "; ".join(parts) or f"the same markers in another order ({', '.join(ours)})"
    return f"{path}: the quiz markers differ from {reference_path}: {detail}"


def _beyond(markers: list[tuple[int, str]], others: list[str]) -> list[tuple[int, str]]:
    """The markers that `others` does not match one for one (a marker written twice counts twice)."""
    left = list(others)
    beyond = []
    for line, marker in markers:
        if marker in left:
            left.remove(marker)
        else:
            beyond.append((line, marker))
    return beyond
