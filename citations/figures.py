"""Figures without a citation: every percentage, year range and money amount in a page's paragraphs must have a
`[@key]` citation in the same paragraph. Pure functions, used by tests/test_sources.py.

A "paragraph" is a block of lines between blank lines; every list item and every table row is a paragraph of its
own, except that a list right after a paragraph ending in ":" belongs to that paragraph (the lead-in's citation
covers the items). Headings, front matter, code blocks and the Sources section are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cite import CITATION

FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s?%"                                   # 60%, 10.3 %
    r"|\b(?:19|20)\d\d(?:[–-](?:(?:19|20)?\d\d)\b|\s[–-]\s(?:19|20)\d\d\b)"  # 2002–2014, 2014–15, 1990 – 2002
    r"|[$€£]\s?\d[\d,]*(?:\.\d+)?"                            # $899, $1,200.50
    r"|\b\d[\d,.]*\s?(?:USD|EUR|GEL|lari|dollars|euros)\b"    # 500 GEL
)
_ITEM = re.compile(r"^\s*(?:[-*+] |\d+\. |\|)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class Figure:
    line: int
    figure: str
    text: str  # the paragraph, on one line, for the report


def paragraphs(markdown: str) -> list[tuple[int, str]]:
    """(first line, text) of every paragraph outside front matter, code, headings and the Sources section.

    >>> [p for p in paragraphs("---\\nt: 1\\n---\\n# T {#t}\\n\\nA 5%\\nrest.\\n\\nSee:\\n\\n- x 6%\\n- y\\n\\nNext.\\n- z\\n")]
    [(6, 'A 5% rest.'), (9, 'See: - x 6% - y'), (14, 'Next.'), (15, '- z')]
    """
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0] == "---":
        start = next((i for i in range(1, len(lines)) if lines[i] == "---"), 0) + 1
    found: list[tuple[int, list[str]]] = []
    fence, in_sources, previous_blank, attached = "", False, True, False
    for index in range(start, len(lines)):
        line = lines[index]
        fence_match = _FENCE.match(line)
        if fence or fence_match:
            if fence_match:
                fence = "" if fence and fence_match.group(1) == fence else (fence or fence_match.group(1))
            previous_blank = False
            continue
        if line.startswith("#"):
            in_sources = bool(re.search(r"\{#sources\}\s*$", line))
            previous_blank = True
            continue
        if in_sources:
            continue
        if not line.strip():
            previous_blank = True
            continue
        starts_item = bool(_ITEM.match(line))
        lead_in = bool(found) and found[-1][1][-1].rstrip().endswith(":") and not _ITEM.match(found[-1][1][-1])
        if starts_item and (lead_in or attached):
            found[-1][1].append(line)  # the items of "...had:" belong to their lead-in and its citation
            attached = True
        elif previous_blank or starts_item:
            found.append((index + 1, [line]))
            attached = False
        else:
            found[-1][1].append(line)
        previous_blank = False
    return [(number, " ".join(part.strip() for part in text)) for number, text in found]


def uncited_figures(markdown: str) -> list[Figure]:
    """Figures in paragraphs that hold no citation.

    >>> [f.figure for f in uncited_figures("Arrests fell 60% [@collins2017].\\n\\nCosts fell from $899 to $532.\\n")]
    ['$899', '$532']
    """
    result = []
    for number, text in paragraphs(markdown):
        if CITATION.search(text):
            continue
        for match in FIGURE.finditer(_LINK_TARGET.sub("]", text)):
            result.append(Figure(number, match.group().strip(), text))
    return result
