"""Every bad input gives one BankError naming the file, the line, the question and what was expected."""

import doctest
import importlib
import pkgutil

import pytest

import quiz_plugin

from quiz_plugin.errors import BankError
from quiz_plugin.keys import check_same_key
from quiz_plugin.loader import check_lessons, load_bank_text

GOOD = """\
id: demo
title: Demo
questions:
  - id: q1
    type: single
    prompt: Pick one
    options:
      - {id: a, text: A, correct: true}
      - {id: b, text: B}
"""


def bank_with(question_yaml: str) -> str:
    return "id: demo\ntitle: Demo\nquestions:\n" + question_yaml


# Columns: what is wrong, the bank text, the line the error must name, words the message must contain.
BAD_BANKS = [
    ("yaml syntax", "id: demo\ntitle: [unclosed\nquestions: []\n", 3, ["YAML syntax error"]),
    ("empty file", "", None, ["empty"]),
    ("not a mapping", "- just\n- a list\n", 1, ["mapping"]),
    ("empty bank", "id: demo\ntitle: Demo\nquestions: []\n", 3, ["no questions"]),
    ("missing title", "id: demo\nquestions:\n  - {id: q1, type: true-false, prompt: P, answer: true}\n", 1, ["missing field 'title'"]),
    ("wrong type", "id: demo\ntitle: Demo\npass_mark: high\nquestions:\n  - {id: q1, type: true-false, prompt: P, answer: true}\n", 3, ["pass_mark", "should be a whole number, not text"]),
    ("unknown field", bank_with("  - id: q1\n    type: true-false\n    prompt: P\n    answer: true\n    colour: red\n"), 4, ["q1", "unknown field 'colour'"]),
    ("unknown type", bank_with("  - id: q1\n    type: essay\n    prompt: P\n"), 5, ["essay", "expected one of"]),
    ("missing options", bank_with("  - id: q1\n    type: single\n    prompt: P\n"), 4, ["q1", "missing field 'options'"]),
    ("duplicate question ids", bank_with("  - {id: q1, type: true-false, prompt: P, answer: true}\n  - {id: q1, type: true-false, prompt: Q, answer: false}\n"), 5, ["duplicate question id 'q1'"]),
    ("duplicate option ids", bank_with("  - id: q1\n    type: single\n    prompt: P\n    options:\n      - {id: a, text: A, correct: true}\n      - {id: a, text: B}\n"), 9, ["q1", "duplicate option id 'a'"]),
    ("no correct answer", bank_with("  - id: q1\n    type: single\n    prompt: P\n    options:\n      - {id: a, text: A}\n      - {id: b, text: B}\n"), 8, ["q1", "no correct answer"]),
    ("two correct in single", bank_with("  - id: q1\n    type: single\n    prompt: P\n    options:\n      - {id: a, text: A, correct: true}\n      - {id: b, text: B, correct: true}\n"), 8, ["exactly one correct"]),
    ("answer not among options", bank_with("  - id: q1\n    type: single\n    prompt: P\n    answer: c\n    options:\n      - {id: a, text: A}\n      - {id: b, text: B}\n"), 7, ["q1", "'c' is not among the options"]),
    ("ordering with one item", bank_with("  - id: q1\n    type: order\n    prompt: P\n    items:\n      - {id: a, text: A}\n"), 8, ["q1", "at least 2"]),
    ("unpaired match item", bank_with("  - id: q1\n    type: match\n    prompt: P\n    pairs:\n      - {id: a, left: A, right: X}\n      - {id: b, left: B}\n"), 9, ["q1", "missing field 'right'"]),
    ("shared right-hand item", bank_with("  - id: q1\n    type: match\n    prompt: P\n    pairs:\n      - {id: a, left: A, right: X}\n      - {id: b, left: B, right: X}\n"), 9, ["q1", "exactly one partner"]),
    ("bad id", bank_with("  - {id: Q 1, type: true-false, prompt: P, answer: true}\n"), 4, ["lower-case ASCII"]),
    ("id differs from file", GOOD.replace("id: demo", "id: other"), 1, ["must equal the file name 'demo'"]),
    ("draw too large", GOOD.replace("questions:", "draw: 5\nquestions:"), 3, ["draw is 5"]),
    ("alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", 2, ["aliases"]),
    ("deep nesting", "id: demo\ntitle: " + "[" * 60 + "]" * 60 + "\nquestions: []\n", 2, ["nested"]),
    ("scale mixed with scored", bank_with("  - {id: q1, type: true-false, prompt: P, answer: true}\n  - {id: s1, type: scale, prompt: S}\n"), 5, ["s1", "either scale statements", "not both"]),
    ("scale with options", bank_with("  - id: s1\n    type: scale\n    prompt: S\n    options: [{id: a, text: A}]\n"), 4, ["s1", "unknown field 'options'"]),
    ("scale with an answer", bank_with("  - {id: s1, type: scale, prompt: S, answer: 4}\n"), 4, ["s1", "unknown field 'answer'"]),
    ("scale without a statement", bank_with("  - {id: s1, type: scale}\n"), 4, ["s1", "missing field 'prompt'"]),
    ("questionnaire with a pass mark", "id: demo\ntitle: Demo\npass_mark: 60\nquestions:\n  - {id: s1, type: scale, prompt: S}\n", 3, ["not scored", "pass_mark"]),
    ("questionnaire with draw", "id: demo\ntitle: Demo\ndraw: 1\nquestions:\n  - {id: s1, type: scale, prompt: S}\n", 3, ["not scored", "draw"]),
    ("scale inside a scenario", bank_with("  - id: sc\n    type: scenario\n    scenario: S\n    questions:\n      - {id: s1, type: scale, prompt: S}\n"), 8, ["'scale'", "expected one of"]),
    ("lesson not an id", bank_with("  - {id: q1, type: true-false, prompt: P, answer: true, lesson: Lesson 3}\n"), 4, ["q1", "lower-case ASCII"]),
    ("scenario inner error", bank_with("  - id: s1\n    type: scenario\n    scenario: S\n    questions:\n      - {id: s1-a, type: true-false, prompt: P}\n"), 8, ["s1-a", "missing field 'answer'"]),
]


@pytest.mark.parametrize("what, text, line, words", BAD_BANKS, ids=[row[0] for row in BAD_BANKS])
def test_bad_bank_gives_one_clear_error(what, text, line, words):
    with pytest.raises(BankError) as caught:
        load_bank_text(text, "docs/en/quizzes/demo.yml", expected_id="demo")
    message = str(caught.value)
    assert message.startswith("docs/en/quizzes/demo.yml"), message
    if line is not None:
        assert caught.value.line == line, message
    for word in words:
        assert word in message, message


def test_good_bank_loads_every_type():
    text = bank_with("""\
  - {id: s, type: single, prompt: P, options: [{id: a, text: A, correct: true}, {id: b, text: B}]}
  - {id: m, type: multiple, prompt: P, answer: [a, b], options: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]}
  - {id: t, type: true-false, prompt: P, answer: false}
  - {id: x, type: text, prompt: P, accept: [naloxone]}
  - {id: o, type: order, prompt: P, items: [{id: one, text: One}, {id: two, text: Two}]}
  - {id: p, type: match, prompt: P, pairs: [{id: a, left: A, right: X}, {id: b, left: B, right: Y}]}
  - id: sc
    type: scenario
    scenario: A vignette
    questions:
      - {id: sc-1, type: true-false, prompt: P, answer: true}
""")
    bank = load_bank_text(text, "demo.yml", expected_id="demo")
    assert [q.type for q in bank.questions] == ["single", "multiple", "true-false", "text", "order", "match", "scenario"]
    assert [o.correct for o in bank.questions[1].options] == [True, True, False]
    assert len(bank.scored_questions()) == 7
    assert not bank.questionnaire


def test_a_questionnaire_loads_and_scores_nothing():
    bank = load_bank_text(bank_with("  - {id: carry, type: scale, prompt: Officers should carry naloxone.}\n"
                                    "  - {id: partners, type: scale, prompt: \"NGOs are *partners*.\"}\n"),
                          "demo.yml", expected_id="demo")
    assert bank.questionnaire and [q.type for q in bank.leaf_questions()] == ["scale", "scale"]
    assert bank.scored_questions() == []


def test_a_lesson_names_a_bank_of_the_same_language():
    check = bank_with("  - {id: q1, type: true-false, prompt: P, answer: true, lesson: lesson-3}\n"
                      "  - {id: q2, type: true-false, prompt: P, answer: true, lesson: lesson-9}\n")
    banks = {"demo": load_bank_text(check, "docs/en/quizzes/demo.yml", expected_id="demo"),
             "lesson-3": load_bank_text(GOOD.replace("id: demo", "id: lesson-3"), "docs/en/quizzes/lesson-3.yml")}
    assert banks["demo"].questions[0].lesson == "lesson-3"
    with pytest.raises(BankError) as caught:
        check_lessons(banks)
    assert str(caught.value) == ("docs/en/quizzes/demo.yml:5: question 'q2': lesson 'lesson-9' is not a bank of this "
                                 "language (known banks: lesson-3)")
    del banks["demo"].questions[1]
    check_lessons(banks)


# Columns: what the translation changed, the replacement made in the English bank text.
KEY_CHANGES = [
    ("correct option moved", ("{id: a, text: A, correct: true}", "{id: a, text: A}"), ("{id: b, text: B}", "{id: b, text: B, correct: true}")),
    ("option id renamed", ("{id: b, text: B}", "{id: c, text: B}"), None),
    ("pass mark changed", ("title: Demo", "title: Demo\npass_mark: 50"), None),
    ("lesson changed", ("prompt: Pick one", "prompt: Pick one\n    lesson: demo"), None),
]


@pytest.mark.parametrize("what, change, second", KEY_CHANGES, ids=[row[0] for row in KEY_CHANGES])
def test_translation_with_another_key_is_rejected(what, change, second):
    english = load_bank_text(GOOD, "docs/en/quizzes/demo.yml")
    changed = GOOD.replace(*change)
    if second:
        changed = changed.replace(*second)
    georgian = load_bank_text(changed.replace("Pick one", "აირჩიეთ"), "docs/ka/quizzes/demo.yml")
    with pytest.raises(BankError) as caught:
        check_same_key(english, georgian)
    assert "docs/ka/quizzes/demo.yml" in str(caught.value)


def test_translation_with_same_key_passes():
    english = load_bank_text(GOOD, "docs/en/quizzes/demo.yml")
    russian = load_bank_text(GOOD.replace("Pick one", "Выберите").replace("text: A", "text: А"), "docs/ru/quizzes/demo.yml")
    check_same_key(english, russian)


CORE_MODULES = sorted(m.name for m in pkgutil.iter_modules(quiz_plugin.__path__) if m.name != "__main__")


@pytest.mark.parametrize("name", CORE_MODULES)
def test_core_examples(name):
    """The input ⇒ output examples in the quiz core's docstrings hold."""
    assert doctest.testmod(importlib.import_module(f"quiz_plugin.{name}")).failed == 0
