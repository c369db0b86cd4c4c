"""The question-bank model: plain data, no MkDocs, no YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("single", "multiple", "true-false", "text", "order", "match", "scale")
# A statement answered on a five-point agree/disagree scale: never right or wrong, never scored.
SCALE_POINTS = 5
PHASES = ("before", "after")  # a bank placed twice, once before the module and once after it


@dataclass
class Option:
    id: str
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass
class Item:
    """An item to order, or a pair to match (left and right)."""

    id: str
    text: str = ""
    left: str = ""
    right: str = ""


@dataclass
class Question:
    id: str
    type: str
    prompt: str = ""
    explanation: str = ""
    line: int = 0
    options: list[Option] = field(default_factory=list)  # single, multiple
    answer: bool | None = None  # true-false
    accept: list[str] = field(default_factory=list)  # text
    items: list[Item] = field(default_factory=list)  # order (in the correct order), match (pairs)
    questions: list["Question"] = field(default_factory=list)  # scenario: the questions after the vignette
    scenario: str = ""  # scenario: the vignette
    lesson: str = ""  # the bank id of the lesson whose content this question checks (a knowledge check)


@dataclass
class Bank:
    id: str
    title: str
    questions: list[Question]
    pass_mark: int = 70
    shuffle_questions: bool = False
    shuffle_options: bool = False
    draw: int | None = None
    path: str = ""

    def leaf_questions(self) -> list[Question]:
        """Every question a reader answers: scenario groups count by their inner questions."""
        return [q for top in self.questions for q in (top.questions if top.type == "scenario" else [top])]

    def scored_questions(self) -> list[Question]:
        """Every question that earns a point (scale statements earn none)."""
        return [q for q in self.leaf_questions() if q.type != "scale"]

    @property
    def questionnaire(self) -> bool:
        """A bank of scale statements (the loader refuses a bank that mixes them with scored questions)."""
        return any(q.type == "scale" for q in self.questions)
