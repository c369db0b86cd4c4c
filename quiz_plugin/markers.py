"""Where a page places quizzes: `<!-- quiz: bank-id -->` (or `<!-- quiz: bank-id before -->` and `... after -->`, the
checks before and after the module), `<!-- quiz-progress -->`, `<!-- quiz-completion -->`, `<!-- quiz-reset -->`,
`<!-- quiz-change -->`, `<!-- quiz-handover -->` and `<!-- quiz-class-report -->`, each on a line of its own, outside
fenced code. A marker written inside inline code or a code
block is an example, not a marker: it is shown as text, and it is not counted. Like heading ids, the markers of a
page are the same, in the same order, in every language: a translation cannot drop or swap a lesson's quiz.

Plain Python: the MkDocs plugin, `validate` and the build hooks use these functions.
"""

from __future__ import annotations

import re

PHASES = ("before", "after")  # a bank placed as the check before or after the module (classroom.py)
PAGE_KINDS = ("progress", "completion", "reset", "change", "handover", "class-report")
# In the page's HTML, where Python-Markdown has kept the author's comments as they were.
MARKER = re.compile(r"<!--\s*quiz:\s*([^\s>]+)(?:\s+(before|after))?\s*-->")
PROGRESS_MARKER = re.compile(r"<!--\s*quiz-(" + "|".join(PAGE_KINDS) + r")\s*-->")
_BODY = (r"(?:quiz:\s*(?P<bank>[^\s>]+)(?:\s+(?P<phase>before|after))?|(?P<kind>"
         + "|".join(f"quiz-{kind}" for kind in PAGE_KINDS) + "))")
ANY_MARKER = re.compile(r"<!--\s*" + _BODY + r"\s*-->")
# In the page's Markdown: a marker alone on its line; a line that only starts like one.
_LINE = re.compile(r"^[ \t]*<!--\s*" + _BODY + r"\s*-->[ \t]*$")
_LIKE = re.compile(r"^[ \t]*<!--\s*quiz\b")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def _name(match) -> str:
    """A marker as page_markers() names it: 'quiz: <bank id>[ before|after]' or 'quiz-<kind>'."""
    if match["bank"]:
        return f"quiz: {match['bank']}" + (f" {match['phase']}" if match["phase"] else "")
    return match["kind"]


def page_markers(markdown: str) -> list[tuple[int, str]]:
    """(line, marker) for every marker of a page: 'quiz: <bank id>' (with ' before' or ' after' for the checks),
    'quiz-progress', 'quiz-completion', 'quiz-reset', 'quiz-change', 'quiz-handover' or 'quiz-class-report'. Lines
    count from the top of the file, front matter included.

    >>> page_markers("---\\ntitle: T\\n---\\n# T\\n\\n<!-- quiz: lesson-1 -->\\n")
    [(6, 'quiz: lesson-1')]
    >>> page_markers("Write `<!-- quiz: x -->` on a line.\\n\\n```\\n<!-- quiz: y -->\\n```\\n<!-- quiz-progress -->")
    [(6, 'quiz-progress')]
    >>> page_markers("<!-- quiz: check before -->\\n<!-- quiz-class-report -->")
    [(1, 'quiz: check before'), (2, 'quiz-class-report')]
    """
    return [(number, _name(match)) for number, match in _marker_lines(markdown) if match]


def _marker_lines(markdown: str):
    """(line, match or None) for every line outside front matter and fenced code that starts like a marker: a
    match of a marker, or None for a line that only looks like one."""
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
        if _LIKE.match(line):
            yield number + 1, _LINE.match(line)


def html_markers(html: str) -> list[str]:
    """The markers left in a page's HTML, in the form page_markers() gives them.

    >>> html_markers("<p>x</p><!-- quiz: a --><code>&lt;!-- quiz: b --&gt;</code><!--quiz-reset-->")
    ['quiz: a', 'quiz-reset']
    """
    return [_name(match) for match in ANY_MARKER.finditer(html)]


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


def placed_quizzes(markdown: str) -> list[tuple[int, str, str | None]]:
    """(line, bank id, phase) for every quiz a page places; the phase is 'before', 'after' or None.

    >>> placed_quizzes("<!-- quiz: a -->\\n\\n<!-- quiz-reset -->\\n<!--quiz:b after-->")
    [(1, 'a', None), (4, 'b', 'after')]
    """
    return [(number, match["bank"], match["phase"]) for number, match in _marker_lines(markdown)
            if match and match["bank"]]


def placed_banks(markdown: str) -> list[tuple[int, str]]:
    """(line, bank id) for every quiz a page places.

    >>> placed_banks("<!-- quiz: a -->\\n\\n<!-- quiz-reset -->\\n<!--quiz:b-->")
    [(1, 'a'), (4, 'b')]
    """
    return [(line, bank_id) for line, bank_id, _ in placed_quizzes(markdown)]


def placement_problems(path: str, markdown: str, known_banks=None) -> list[str]:
    """A line that looks like a marker and is not one (a mistyped phase would place nothing), a bank placed twice on
    one page in the same phase (its ids would repeat), or a bank that does not exist.

    >>> placement_problems("docs/en/a.md", "<!-- quiz: x -->\\n<!-- quiz: x -->", {"x"})
    ["docs/en/a.md:2: the bank 'x' is placed twice on this page (lines 1 and 2); place it once"]
    >>> placement_problems("docs/en/a.md", "<!-- quiz: x befor -->")[0][:58]
    "docs/en/a.md:1: '<!-- quiz: x befor -->' is not a marker: "
    """
    lines = markdown.split("\n")
    problems = [f"{path}:{number}: '{lines[number - 1].strip()[:80]}' is not a marker: write <!-- quiz: <bank id> -->, "
                f"<!-- quiz: <bank id> before --> or <!-- quiz: <bank id> after -->, or one of "
                + ", ".join(f"<!-- quiz-{kind} -->" for kind in PAGE_KINDS)
                for number, match in _marker_lines(markdown) if not match]
    seen = {}
    for line, bank_id, phase in placed_quizzes(markdown):
        name = f"'{bank_id}'" + (f" ({phase})" if phase else "")
        if (bank_id, phase) in seen:
            problems.append(f"{path}:{line}: the bank {name} is placed twice on this page "
                            f"(lines {seen[bank_id, phase]} and {line}); place it once")
        seen.setdefault((bank_id, phase), line)
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
