"""Answer keys: what must be identical in every language's copy of a bank."""

from __future__ import annotations

from .errors import BankError
from .model import Bank, Question


def question_key(question: Question) -> tuple:
    """The language-independent answer key of one question. Text answers are written per language, so they
    are not part of it; their type and id are."""
    if question.type in ("single", "multiple"):
        key = (question.type, tuple((o.id, o.correct) for o in question.options))
    elif question.type == "true-false":
        key = (question.type, question.answer)
    elif question.type in ("order", "match"):
        key = (question.type, tuple(item.id for item in question.items))
    elif question.type == "scenario":
        key = (question.type, tuple((q.id, question_key(q)) for q in question.questions))
    else:
        key = (question.type,)
    # The lesson a knowledge-check question belongs to groups the class report: the same in every language.
    return key + (question.lesson,) if question.lesson else key


def settings_key(bank: Bank) -> tuple:
    return (bank.pass_mark, bank.draw, bank.shuffle_questions, bank.shuffle_options, bank.questionnaire)


def id_differences(missing: list[str], extra: list[str]) -> str:
    """Ids missing and extra, as an author reads them.

    >>> id_differences(["q2", "q3"], [])
    'missing q2, q3'
    >>> id_differences(["a"], ["b"])
    'missing a; extra b'
    """
    parts = [f"missing {', '.join(missing)}"] if missing else []
    parts += [f"extra {', '.join(extra)}"] if extra else []
    return "; ".join(parts)


def check_same_key(reference: Bank, translation: Bank) -> None:
    """Raise a BankError naming the translation and the first question whose key differs from the reference."""
    if settings_key(reference) != settings_key(translation):
        raise BankError(f"quiz settings (pass_mark, draw, shuffle) differ from {reference.path}", path=translation.path)
    ref_ids = [q.id for q in reference.questions]
    ids = [q.id for q in translation.questions]
    if ids != ref_ids:
        missing = [i for i in ref_ids if i not in ids]
        extra = [i for i in ids if i not in ref_ids]
        detail = id_differences(missing, extra) or "the same questions in another order"
        raise BankError(f"the questions differ from {reference.path}: {detail}", path=translation.path)
    for ref_q, q in zip(reference.questions, translation.questions):
        if question_key(ref_q) != question_key(q):
            raise BankError(f"the answer key differs from {reference.path} (line {ref_q.line}); translate only the text "
                            "and keep ids, types, correct answers, item order and pairs as in the reference",
                            path=translation.path, line=q.line, question=q.id)
