"""Normalisation of typed answers. The browser runtime (assets/quiz.js, function normalise) gives the same result for
every string: tests/test_normalise.py runs both over every Unicode code point.

Two things would otherwise differ between Python and a browser. White space: Python's `\\s` and JavaScript's differ
(U+001C-U+001F and U+0085 for Python only, U+FEFF for JavaScript only), so both use the one list below. Case: each
follows its own Unicode version (Python 3.11 has Unicode 14; a 2026 browser has 16 or 17, with new capital
letters), so the runtime lowers letters with a table of Python's own mappings (case_runs) instead of its own.
"""

from __future__ import annotations

import re
import unicodedata

# White space as both sides count it (the union of Python's str.isspace() and JavaScript's \s), as a regex class.
WHITESPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
# Punctuation a reader may type around an answer: quotes, full stops, brackets and the like.
EDGE_PUNCTUATION = "\"'«»„“”‘’.,;:!?()\\[\\]{}\\-–—"
_SPACES = re.compile(f"[{WHITESPACE}]+")
_EDGE = re.compile(f"^[{WHITESPACE}{EDGE_PUNCTUATION}]+|[{WHITESPACE}{EDGE_PUNCTUATION}]+$")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def normalise(text: str) -> str:
    """Fold a typed answer so that trivial differences do not count.

    NFC; lower case (Georgian Mtavruli capitals fold to Mkhedruli); Russian ё = е and Greek final ς = σ; surrounding
    punctuation and white space dropped; runs of white space collapsed to one space.

    >>> normalise("  Налоксо́н ") == normalise("налоксо́н")
    True
    >>> normalise("ЁЖ") == "еж"
    True
    >>> normalise("ᲜᲐᲚᲝᲥᲡᲝᲜᲘ") == "ნალოქსონი"
    True
    >>> normalise("\\ufeff«hepatitis\\u0085B»")
    'hepatitis b'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.lower().replace("ё", "е").replace("ς", "σ")
    text = _EDGE.sub("", text)
    return _SPACES.sub(" ", text)


def _base36(number: int) -> str:
    sign, number, digits = "-" if number < 0 else "", abs(number), ""
    while True:
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
        if not number:
            return sign + digits


def case_runs() -> str:
    """Python's lower-case mapping of every single character that has one, as runs for assets/quiz.js:
    `start[:span[:step]]=delta`, in base 36, separated by commas (U+0130, which lowers to two characters, is
    written in the runtime itself).

    >>> case_runs().startswith("1t:p=w,")  # A-Z (U+0041 + 0..25) -> +32
    True
    """
    runs: list[list[int]] = []  # [start, end, step, delta]
    for code in range(0x110000):
        lowered = chr(code).lower()
        if len(lowered) != 1 or lowered == chr(code):
            continue
        delta = ord(lowered) - code
        if runs:
            start, end, step, last = runs[-1]
            if last == delta and ((start == end and code - end in (1, 2)) or (start != end and code - end == step)):
                runs[-1] = [start, code, code - end if start == end else step, delta]
                continue
        runs.append([code, code, 1, delta])
    parts = []
    for start, end, step, delta in runs:
        span = f":{_base36(end - start)}" if end > start else ""
        spacing = f":{_base36(step)}" if end > start and step != 1 else ""
        parts.append(f"{_base36(start)}{span}{spacing}={_base36(delta)}")
    return ",".join(parts)
