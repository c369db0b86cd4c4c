"""Normalisation of typed answers. The browser runtime (assets/quiz.js, function normalise) mirrors it exactly."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Punctuation a reader may type around an answer: quotes, full stops, brackets and the like.
_EDGE_PUNCTUATION = re.compile(r"^[\s\"'«»„“”‘’.,;:!?()\[\]{}\-–—]+|[\s\"'«»„“”‘’.,;:!?()\[\]{}\-–—]+$")


def normalise(text: str) -> str:
    """Fold a typed answer so that trivial differences do not count.

    NFC; case folding (Georgian Mtavruli capitals fold to Mkhedruli); Russian ё = е; surrounding punctuation
    dropped; runs of spaces collapsed.

    >>> normalise("  Налоксо́н ") == normalise("налоксо́н")
    True
    >>> normalise("ЁЖ") == "еж"
    True
    >>> normalise("ᲜᲐᲚᲝᲥᲡᲝᲜᲘ") == "ნალოქსონი"
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = text.lower().replace("ё", "е")
    text = _EDGE_PUNCTUATION.sub("", text)
    return _SPACES.sub(" ", text)
