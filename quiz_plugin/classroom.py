"""The checks before and after the module, as a trainer's class report needs them: plain data, no MkDocs.

A bank placed twice, once with `<!-- quiz: <bank> before -->` and once with `<!-- quiz: <bank> after -->`, is one of
the site's checks. Their *layout* (which banks, in which order, with which questions) is what a participant's results
file or code refers to: the runtime packs answers by position in it, and the class report unpacks them the same way.
The layout's fingerprint is made of ids only, so a code made on the Georgian site opens on the English report page,
and a code made for another version of the questions is recognised and refused.
"""

from __future__ import annotations

import hashlib
import json
from typing import Callable

from .model import Bank


def _order(bank: Bank) -> tuple:
    return (bank.questionnaire, bank.id)  # knowledge checks first, then questionnaires, each by id


def layout_ids(banks: list[Bank]) -> list[list]:
    """The language-independent part of the layout: [bank id, questionnaire?, [question ids]], knowledge checks
    first, then questionnaires, each in bank id order.

    >>> from quiz_plugin.model import Bank, Question
    >>> layout_ids([Bank("b", "B", [Question("q1", "true-false"), Question("q2", "single")])])
    [['b', False, ['q1', 'q2']]]
    """
    return [[bank.id, bank.questionnaire, [q.id for q in bank.leaf_questions()]]
            for bank in sorted(banks, key=_order)]


def fingerprint(banks: list[Bank]) -> str:
    """Six hex digits (24 bits) naming the layout; the results code carries them.

    >>> from quiz_plugin.model import Bank, Question
    >>> fingerprint([Bank("b", "B", [Question("q1", "true-false")])]) == fingerprint([Bank("b", "Б", [Question("q1", "true-false")])])
    True
    """
    text = json.dumps(layout_ids(banks), separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def layout(banks: list[Bank], lesson_titles: dict[str, str], plain: Callable[[str], str]) -> dict:
    """Everything the runtime and the class report need about the checks, in one page's language: the fingerprint,
    each bank's title and questions (id, lesson, plain text) and the titles of the lessons they name."""
    ordered = sorted(banks, key=_order)
    lessons = {q.lesson for bank in ordered for q in bank.leaf_questions() if q.lesson}
    return {
        "fingerprint": fingerprint(ordered),
        "banks": [{"id": bank.id, "title": bank.title, "questionnaire": bank.questionnaire,
                   "questions": [{"id": q.id, "lesson": q.lesson, "text": plain(q.prompt)} for q in bank.leaf_questions()]}
                  for bank in ordered],
        "lessons": {lesson: lesson_titles.get(lesson, lesson) for lesson in sorted(lessons)},
    }
