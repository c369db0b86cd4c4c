"""Load and validate question banks: YAML -> JSON Schema -> semantic checks -> Bank.

Every failure is one BankError naming the file, the line and, where there is one, the question id.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from . import safe_yaml
from .errors import BankError
from .model import Bank, Item, Option, Question
from .normalise import normalise
from .safe_yaml import MAX_BYTES, MAX_DEPTH, MAX_NODES, YamlError, kind_of  # noqa: F401 (the limits, named here too)
from .text_limits import FIELD_LIMITS, text_problem

# The limits of every YAML file (quiz_plugin/safe_yaml.py), and of a bank's questions.
MAX_QUESTIONS = 10_000

SCHEMA = json.loads(resources.files(__package__).joinpath("schema/bank.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def parse_yaml(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """Return the data and its node tree (for line numbers)."""
    try:
        return safe_yaml.load_with_nodes(text, path)
    except YamlError as error:
        raise BankError(error.problem, path=path, line=error.line) from None


def node_at(node: yaml.Node | None, json_path) -> yaml.Node | None:
    """The deepest YAML node along a JSON path (keys and indexes)."""
    for step in json_path:
        if isinstance(node, yaml.MappingNode):
            match = next((value for key, value in node.value if key.value == step), None)
            if match is None:
                return node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def _line(root, json_path) -> int | None:
    node = node_at(root, json_path)
    return node.start_mark.line + 1 if node is not None else None


def _question_id(data, json_path) -> str | None:
    """The id of the innermost question along a JSON path, if any."""
    found, current = None, data
    path = list(json_path)
    for i, step in enumerate(path):
        try:
            current = current[step]
        except (KeyError, IndexError, TypeError):
            break
        if i > 0 and path[i - 1] == "questions" and isinstance(current, dict) and isinstance(current.get("id"), str):
            found = current["id"]
    return found


def _short(value, limit: int = 60) -> str:
    """A value as an author wrote it, cut short: error messages must stay readable whatever the file holds."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


_JSON_KINDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "'key: value' lines"}


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(step) for step in error.path)
    at = f" in '{where}'" if where else ""
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"missing field '{missing[0]}'{at}"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)  # YAML keys may be numbers, dates or null
        return f"unknown field '{_short(extra[0])}'{at}; expected one of: {', '.join(allowed)}"
    if error.validator == "type":
        expected = _JSON_KINDS.get(str(error.validator_value), str(error.validator_value))
        return f"'{where or 'the bank'}' should be {expected}, not {kind_of(error.instance)}"
    if error.validator == "enum":
        return f"'{where}' is '{_short(error.instance)}', expected one of: {', '.join(map(str, error.validator_value))}"
    if error.validator == "minItems":
        if where == "questions":
            return "the bank has no questions"
        return f"'{where}' needs at least {error.validator_value} entries"
    if error.validator == "pattern" and error.validator_value == r"\S":
        return f"'{where}' is empty: write some text"
    if error.validator == "pattern":
        return f"id '{_short(error.instance)}'{at} must be lower-case ASCII letters, digits and hyphens"
    if error.validator == "minLength":
        return f"'{where}' is empty"
    return f"{_short(error.message, 200)}{at}"


def validate_data(data: Any, root: yaml.Node | None, path: str) -> None:
    if data is None:
        raise BankError("the bank is empty", path=path)
    if not isinstance(data, dict):
        raise BankError(f"a bank is a mapping with id, title and questions, not {kind_of(data)}", path=path, line=1)
    if isinstance(data.get("questions"), list) and len(data["questions"]) > MAX_QUESTIONS:
        raise BankError(f"the bank has more than {MAX_QUESTIONS:,} questions; split it into several banks",
                        path=path, line=_line(root, ["questions"]))
    errors = list(_VALIDATOR.iter_errors(data))
    if errors:
        # The deepest, first error is the one an author can act on; "if/then" wrappers only point at it.
        def rank(error):
            return (_line(root, error.absolute_path) or 0, -len(error.absolute_path))
        error = min((e for e in errors if e.validator not in ("if", "allOf")), key=rank, default=errors[0])
        raise BankError(_describe(error), path=path, line=_line(root, error.absolute_path), question=_question_id(data, error.absolute_path))


# Bank text rendered as Markdown, and plain text (escaped as it is).
MARKDOWN_FIELDS = ("prompt", "explanation", "scenario", "text", "feedback", "left", "right")
ENTRY_LISTS = ("options", "items", "pairs")


def _check_text(value: str, root, json_path, path: str, question: str | None, markdown: bool = True) -> None:
    """Refuse text whose rendering could be slow or fail (quiz_plugin/text_limits.py), naming the line."""
    problem = text_problem(value, FIELD_LIMITS) if markdown else (
        text_problem(value, FIELD_LIMITS) if len(value) > FIELD_LIMITS.max_chars else None)
    if problem:
        node = node_at(root, json_path)
        first = node.start_mark.line + 1 if node is not None else None
        if first is not None and getattr(node, "style", None) in ("|", ">"):
            first += 1  # a block scalar's text starts on the next line
        where = "/".join(str(step) for step in json_path)
        raise BankError(f"'{where}': {problem[0]}", path=path, question=question,
                        line=first + problem[1] - 1 if first is not None else None)


def _check_texts(raw: dict, root, json_path, path: str, question: str) -> None:
    for key, value in raw.items():
        if key in MARKDOWN_FIELDS and isinstance(value, str):
            _check_text(value, root, [*json_path, key], path, question)
        elif key == "accept" and isinstance(value, list):
            for index, answer in enumerate(value):
                _check_text(answer, root, [*json_path, key, index], path, question, markdown=False)
                if not normalise(answer):
                    raise BankError(f"the accepted answer '{_short(answer)}' is empty once punctuation and spaces are "
                                    "removed, so no typed answer can match it", path=path, question=question,
                                    line=_line(root, [*json_path, key, index]))
        elif key in ENTRY_LISTS and isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict):
                    _check_texts(entry, root, [*json_path, key, index], path, question)


def _build_question(raw: dict, root, json_path, path: str) -> Question:
    qid = raw["id"]
    _check_texts(raw, root, json_path, path, qid)
    question = Question(id=qid, type=raw["type"], prompt=raw.get("prompt", ""), explanation=raw.get("explanation", ""),
                        line=_line(root, json_path) or 0, lesson=raw.get("lesson", ""))

    def fail(problem, *steps):
        raise BankError(problem, path=path, line=_line(root, [*json_path, *steps]), question=qid)

    def unique(entries, field_name, noun):
        seen = set()
        for index, entry in enumerate(entries):
            if entry["id"] in seen:
                fail(f"duplicate {noun} id '{entry['id']}'", field_name, index)
            seen.add(entry["id"])

    kind = raw["type"]
    if kind in ("single", "multiple"):
        unique(raw["options"], "options", "option")
        ids = [o["id"] for o in raw["options"]]
        flagged = {o["id"] for o in raw["options"] if o.get("correct")}
        if "answer" in raw:
            if flagged:
                fail("give the correct answer either with 'answer' or with 'correct: true' on options, not both", "answer")
            answers = raw["answer"] if isinstance(raw["answer"], list) else [raw["answer"]]
            for answer in answers:
                if answer not in ids:
                    fail(f"the correct answer '{answer}' is not among the options ({', '.join(ids)})", "answer")
            flagged = set(answers)
        if not flagged:
            fail("no correct answer: mark one option with 'correct: true'", "options")
        if kind == "single" and len(flagged) > 1:
            fail(f"a single-choice question has exactly one correct option, found {len(flagged)}; use type 'multiple'", "options")
        question.options = [Option(o["id"], o["text"], o["id"] in flagged, o.get("feedback", "")) for o in raw["options"]]
    elif kind == "true-false":
        question.answer = raw["answer"]
    elif kind == "text":
        question.accept = list(raw["accept"])
    elif kind == "order":
        unique(raw["items"], "items", "item")
        question.items = [Item(i["id"], text=i["text"]) for i in raw["items"]]
    elif kind == "match":
        unique(raw["pairs"], "pairs", "pair")
        rights = [p["right"] for p in raw["pairs"]]
        for index, right in enumerate(rights):
            if rights.index(right) != index:
                fail(f"two pairs share the right-hand item '{right}': each item needs exactly one partner", "pairs", index)
        question.items = [Item(p["id"], left=p["left"], right=p["right"]) for p in raw["pairs"]]
    elif kind == "scenario":
        question.scenario = raw["scenario"]
        question.questions = [
            _build_question(sub, root, [*json_path, "questions", i], path) for i, sub in enumerate(raw["questions"])
        ]
    return question


def bank_from_data(data: Any, root: yaml.Node | None, path: str, expected_id: str | None = None) -> Bank:
    validate_data(data, root, path)
    if expected_id is not None and data["id"] != expected_id:
        raise BankError(f"the bank id '{data['id']}' must equal the file name '{expected_id}'", path=path, line=_line(root, ["id"]))
    _check_text(data["title"], root, ["title"], path, None, markdown=False)
    questions = [_build_question(raw, root, ["questions", i], path) for i, raw in enumerate(data["questions"])]
    # int(): JSON Schema counts 70.0 as an integer, and the page should say 70%, not 70.0%.
    _check_questionnaire(data, root, path)
    draw = data.get("draw")
    bank = Bank(id=data["id"], title=data["title"], questions=questions, pass_mark=int(data.get("pass_mark", 70)),
                shuffle_questions=data.get("shuffle_questions", False), shuffle_options=data.get("shuffle_options", False),
                draw=int(draw) if draw is not None else None, path=path)
    seen: dict[str, int] = {}
    for question in [q for top in questions for q in [top, *top.questions]]:
        if question.id in seen:
            raise BankError(f"duplicate question id '{question.id}' (first used on line {seen[question.id]})",
                            path=path, line=question.line, question=question.id)
        seen[question.id] = question.line
    if bank.draw is not None and bank.draw > len(questions):
        raise BankError(f"draw is {bank.draw} but the bank has only {len(questions)} questions", path=path, line=_line(root, ["draw"]))
    return bank


def _check_questionnaire(data: dict, root, path: str) -> None:
    """Scale statements are never right or wrong: a bank holds either them or scored questions, and a bank of
    statements (a questionnaire) has no pass mark and draws nothing."""
    kinds = [raw["type"] == "scale" for raw in data["questions"]]
    if not any(kinds):
        return
    if not all(kinds):
        index = kinds.index(not kinds[0])
        raw = data["questions"][index]
        raise BankError("a bank holds either scale statements (a questionnaire) or scored questions, not both: "
                        "put the statements in a bank of their own", path=path, line=_line(root, ["questions", index]),
                        question=raw["id"])
    for setting in ("pass_mark", "draw"):
        if setting in data:
            raise BankError(f"a questionnaire (a bank of scale statements) is not scored: remove '{setting}'",
                            path=path, line=_line(root, [setting]))


def check_lessons(banks: dict[str, Bank]) -> None:
    """A question's `lesson` names a bank of the same language (its lesson's quiz): raise a BankError naming the
    file and line of the first one that does not. `banks` are one language's banks, by id."""
    for bank in banks.values():
        for question in bank.leaf_questions():
            if question.lesson and question.lesson not in banks:
                known = ", ".join(sorted(b for b in banks if b != bank.id)) or "none"
                raise BankError(f"lesson '{question.lesson}' is not a bank of this language (known banks: {known})",
                                path=bank.path, line=question.line, question=question.id)


def load_bank_text(text: str, path: str, expected_id: str | None = None) -> Bank:
    data, root = parse_yaml(text, path)
    return bank_from_data(data, root, path, expected_id)


def load_bank(file: Path, display_path: str | None = None, expected_id: str | None = None) -> Bank:
    """Load one bank file; its id must equal the file name (`expected_id`: the name without a language suffix)."""
    display = display_path or str(file)
    try:
        text = safe_yaml.read_text(file, display)
    except YamlError as error:
        raise BankError(error.problem, path=display, line=error.line) from None
    return load_bank_text(text, display, expected_id=expected_id or file.stem)
