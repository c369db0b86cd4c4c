"""Write a question bank in Moodle's GIFT text format.

The format: https://docs.moodle.org/en/GIFT_format. What Moodle's importer really reads, which this follows:
question/format/gift/format.php (`qformat_gift::readquestion`; special characters are escaped as its exporter's
`repchar` does) and question/format.php (questions are separated by blank lines; `//` starts a comment line).

The types map as in the Moodle XML export (see export_moodle): a `$CATEGORY:` line per bank;
`{=right ~wrong}` for `single`; `{~%50%right ~%-50%wrong}` for `multiple`; `{TRUE}`/`{FALSE}`; `{=a =b}` for `text`;
`{=left -> right}` for `match`; `order` as matching with positions (`{=item -> 1 =item -> 2}`); a scenario's vignette
as a description (a question without answers) before its questions. Per-option feedback follows `#`, the explanation
`####`. Text is HTML from the quiz's safe renderer, marked `[html]`; newlines are written `\\n`, so a question never
contains the blank line that would end it. A comment line `// [id:<bank id>/<question id>]` before each question gives
it the ID number Moodle keeps (the Moodle XML export's `<idnumber>`; Moodle 3.9 and later read it), and
`// [tag:<lesson>]` the lesson a knowledge-check question belongs to. Moodle's own GIFT files are `.txt`; so are ours.
"""

from __future__ import annotations

import re

from .errors import BankError
from .export_common import EXPORT_COMMAND, ExportText, accepted_answers, category_path, export_items, option_fractions, percent
from .model import Bank, Question

_SPECIAL = re.compile(r"([\\~=#{}:])")
_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")  # what Moodle reads as a weight at the start of an answer


def escape(text: str) -> str:
    """GIFT's escapes: a backslash before ~ = # { } : and before itself; newlines as \\n.

    >>> print(escape('a = {b} ~ c#1: d\\\\e' + chr(10) + 'f'))
    a \\= \\{b\\} \\~ c\\#1\\: d\\\\e\\nf
    """
    return _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", "\\n")


def _html(html: str) -> str:
    """HTML as a GIFT answer or feedback. It inherits the question's `[html]`; only a text that starts with '['
    is marked again, since Moodle would read its start as a format name."""
    return ("[html]" if html.startswith("[") else "") + escape(html)


def _weighted(mark: str, html: str, fraction: float | None = None) -> str:
    """A `~` answer of a choice question or a `=` answer of a short-answer question, where Moodle reads a leading
    `%weight%`: written when given, and also when the text itself starts like a weight. (After `=` in a choice
    question Moodle reads no weight, so those answers are written plainly.)"""
    if fraction is None and _WEIGHT.match(html):
        fraction = 1.0 if mark == "=" else 0.0
    weight = f"%{percent(fraction)}%" if fraction is not None else ""
    return f"{mark}{weight}{_html(html)}"


class GiftWriter:
    def __init__(self, bank: Bank, text: ExportText):
        self.bank, self.text = bank, text

    def write(self, source: str = "", command: str = EXPORT_COMMAND) -> str:
        # The category line is not unescaped by Moodle, so the title is written as it is (on one line).
        origin = f"// Bank '{self.bank.id}'" + (f" from {source}" if source else "")
        origin += f". Written by {command}."
        blocks = [f"{origin}\n$CATEGORY: {category_path(self.bank.title)}"]
        for question in export_items(self.bank):
            if question.type == "scenario":
                # A description has no feedback in GIFT: the sources its vignette cites follow it.
                vignette = self.text.block(question.scenario) + self.text.sources(question)
                blocks.append(f"{self.name(question)}[html]{escape(vignette)}")
            else:
                blocks.append(self.scored(question))
        return "\n\n".join(blocks) + "\n"

    def name(self, q: Question) -> str:
        """The comment lines Moodle reads (ID number, tag) and the question's name."""
        tag = f"// [tag:{q.lesson}]\n" if q.lesson else ""
        return f"// [id:{self.bank.id}/{q.id}]\n{tag}::{escape(q.id)}::"

    def scored(self, q: Question) -> str:
        text = self.text
        answers: list[str] = []
        if q.type == "single":
            for option in q.options:
                html = text.inline(option.text)
                answers.append(("=" + _html(html) if option.correct else _weighted("~", html)) + self.feedback(option.feedback))
        elif q.type == "multiple":
            answers = [_weighted("~", text.inline(option.text), fraction) + self.feedback(option.feedback)
                       for option, fraction in zip(q.options, option_fractions(self.bank, q))]
        elif q.type == "true-false":
            answers = ["TRUE" if q.answer else "FALSE"]
        elif q.type == "text":
            for answer in accepted_answers(q.accept):
                if "->" in answer:  # Moodle would take the question for a matching one
                    raise BankError(f"the accepted answer '{answer}' contains '->', which GIFT cannot hold in a short answer",
                                    path=self.bank.path, line=q.line, question=q.id)
                answers.append(_weighted("=", answer))
        elif q.type == "match":
            answers = [f"={_html(text.inline(item.left))} -> {escape(text.plain(item.right))}" for item in q.items]
        elif q.type == "order":
            answers = [f"={_html(text.inline(item.text))} -> {position}" for position, item in enumerate(q.items, 1)]
        else:
            raise ValueError(f"unknown question type {q.type!r}")
        explanation = text.feedback(q)
        if explanation:
            answers.append("####" + _html(explanation))
        body = "\n".join(f"\t{answer}" for answer in answers)
        return f"{self.name(q)}[html]{escape(text.block(q.prompt))}{{\n{body}\n}}"

    def feedback(self, markdown: str) -> str:
        return "#" + _html(self.text.inline(markdown)) if markdown else ""


def bank_to_gift(bank: Bank, text: ExportText, source: str = "", command: str = EXPORT_COMMAND) -> str:
    """The whole bank as one GIFT file (UTF-8 text); `command` is the command that wrote it, named in a comment."""
    return GiftWriter(bank, text).write(source, command)
