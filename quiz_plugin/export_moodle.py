"""Write a question bank as Moodle XML, for Moodle's question bank import ("Moodle XML format").

The format: https://docs.moodle.org/en/Moodle_XML_format. What Moodle's importer really reads, which this follows:
question/format/xml/format.php (`qformat_xml::import_question` and the `import_*` methods) and question/format.php
(`importprocess`: grade fractions, categories, idnumbers).

How the bank's types map:

- a `<question type="category">` first: `$course$/<bank title>`, so each bank lands in its own category;
- `single` -> multichoice, `<single>true</single>`, 100 for the right option and 0 for the others;
- `multiple` -> multichoice, `<single>false</single>`, +1/n for each right option and -1/n for each wrong one
  (the site's partial credit, see export_common.option_fractions);
- `true-false` -> truefalse (answers `true` and `false`);
- `text` -> shortanswer, `<usecase>0</usecase>`, one 100 answer per accepted form;
- `match` -> matching: each pair a `<subquestion>` (left, HTML) with its `<answer>` (right, plain text: Moodle shows
  the answers in a drop-down list);
- `order` -> matching too, each item paired with its position 1..n: Moodle core's matching question runs on every
  Moodle and scores like the site (the share of items in the right place); the separate `ordering` question type
  is not available on every Moodle, so it is not used;
- `scenario` -> a `description` question holding the vignette, followed by the scenario's questions.

Names are the question ids; `<idnumber>` is `<bank id>/<question id>`; a knowledge-check question is tagged with its
`lesson`. A questionnaire (a bank of `scale` statements) has no question type in Moodle's question bank, whose
questions are all right or wrong: it is written for Moodle's Feedback activity instead, whose "rated multiple choice"
items are the same five-point scale (bank_to_feedback_xml). Text is HTML from the quiz's safe Markdown
renderer (`format="html"`), inside CDATA sections; a `]]>` in the text is split across two sections, and
characters that XML 1.0 forbids are dropped, so the file is always well formed.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from .export_common import EXPORT_COMMAND, ExportText, accepted_answers, category_path, export_items, option_fractions, percent
from .model import SCALE_POINTS, Bank, Question
from .strings import strings_for

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def cdata(text: str) -> str:
    """Text as XML character data, in CDATA when it holds markup.

    >>> cdata("a ]]> b <i>")
    '<![CDATA[a ]]]]><![CDATA[> b <i>]]>'
    >>> cdata("plain")
    'plain'
    >>> cdata("no" + chr(0xFFFE) + "n-character")
    'non-character'
    """
    text = _NOT_XML.sub("", text)
    if not re.search(r"[<>&]", text):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(text: str) -> str:
    return f"<text>{cdata(text)}</text>"


def _formatted(tag: str, html: str, fmt: str = "html") -> str:
    return f"<{tag} format={quoteattr(fmt)}>{_text(html)}</{tag}>"


def _comment(text: str) -> str:
    return "<!-- " + _NOT_XML.sub("", text).replace("--", "- -") + " -->"


class MoodleXmlWriter:
    def __init__(self, bank: Bank, text: ExportText):
        self.bank, self.text = bank, text

    def write(self, source: str = "", command: str = EXPORT_COMMAND) -> str:
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
        if source:
            lines.append("  " + _comment(f"Bank '{self.bank.id}' from {source}. Written by {command}."))
        lines.append('  <question type="category">')
        lines.append(f"    <category>{_text(category_path(self.bank.title))}</category>")
        lines.append("  </question>")
        for question in export_items(self.bank):
            if question.type == "scenario":
                lines += self.question(question, "description", self.text.block(question.scenario), [])
            else:
                lines += self.scored(question)
        lines.append("</quiz>")
        return "\n".join(lines) + "\n"

    def question(self, q: Question, kind: str, questiontext: str, body: list[str]) -> list[str]:
        lines = [f'  <question type="{kind}">',
                 f"    <name>{_text(q.id)}</name>",
                 f"    {_formatted('questiontext', questiontext)}",
                 f"    {_formatted('generalfeedback', self.text.feedback(q))}"]
        if kind != "description":
            lines.append("    <defaultgrade>1</defaultgrade>")
        lines.append(f"    <idnumber>{cdata(f'{self.bank.id}/{q.id}')}</idnumber>")
        if q.lesson:
            lines.append(f"    <tags><tag>{_text(q.lesson)}</tag></tags>")
        lines += [f"    {line}" for line in body]
        lines.append("  </question>")
        return lines

    def scored(self, q: Question) -> list[str]:
        text = self.text
        prompt = text.block(q.prompt)
        if q.type in ("single", "multiple"):
            body = [f"<single>{'true' if q.type == 'single' else 'false'}</single>",
                    f"<shuffleanswers>{'true' if self.bank.shuffle_options else 'false'}</shuffleanswers>",
                    "<answernumbering>abc</answernumbering>"]
            for option, fraction in zip(q.options, option_fractions(self.bank, q)):
                body.append(f'<answer fraction="{percent(fraction)}" format="html">{_text(text.inline(option.text))}'
                            f"{_formatted('feedback', text.inline(option.feedback))}</answer>")
            return self.question(q, "multichoice", prompt, body)
        if q.type == "true-false":
            body = [f'<answer fraction="{100 if value == q.answer else 0}" format="moodle_auto_format">'
                    f"{_text('true' if value else 'false')}{_formatted('feedback', '')}</answer>" for value in (True, False)]
            return self.question(q, "truefalse", prompt, body)
        if q.type == "text":
            body = ["<usecase>0</usecase>"]
            body += [f'<answer fraction="100" format="moodle_auto_format">{_text(answer)}{_formatted("feedback", "")}</answer>'
                     for answer in accepted_answers(q.accept)]
            return self.question(q, "shortanswer", prompt, body)
        if q.type in ("match", "order"):
            if q.type == "match":
                pairs = [(text.inline(item.left), text.plain(item.right)) for item in q.items]
            else:
                pairs = [(text.inline(item.text), str(position)) for position, item in enumerate(q.items, 1)]
            body = ["<shuffleanswers>true</shuffleanswers>"]  # the site always shuffles these too
            body += [f'<subquestion format="html">{_text(left)}<answer>{_text(right)}</answer></subquestion>'
                     for left, right in pairs]
            return self.question(q, "matching", prompt, body)
        raise ValueError(f"unknown question type {q.type!r}")


def bank_to_moodle_xml(bank: Bank, text: ExportText, source: str = "", command: str = EXPORT_COMMAND) -> str:
    """The whole bank as one Moodle XML document (UTF-8 text); `command` is the command that wrote it."""
    return MoodleXmlWriter(bank, text).write(source, command)


def bank_to_feedback_xml(bank: Bank, text: ExportText, source: str = "", command: str = EXPORT_COMMAND) -> str:
    """A questionnaire as the items of Moodle's Feedback activity (Feedback -> Templates -> Import questions), read by
    mod/feedback/import.php (`feedback_load_xml_data`: VERSION 200701; `feedback_import_loaded_data`). Each statement
    is a required "rated multiple choice" item, its label the statement's id, its answers the site's five points of
    agreement in the bank's language, rated 1 to 5; `h` hides the "not selected" choice."""
    labels = strings_for(text.language)
    scale = "|".join(f"{value}####{labels[f'scale_{value}']}" for value in range(1, SCALE_POINTS + 1))
    lines = ['<?xml version="1.0" encoding="UTF-8" ?>', '<FEEDBACK VERSION="200701" COMMENT="XML-Importfile for mod/feedback">']
    if source:
        lines.append("  " + _comment(f"Questionnaire '{bank.id}' ({bank.title}) from {source}. Written by {command}."))
    lines.append("  <ITEMS>")
    for number, question in enumerate(bank.leaf_questions(), 1):
        lines += ['    <ITEM TYPE="multichoicerated" REQUIRED="1">',
                  f"      <ITEMID>{cdata(str(number))}</ITEMID>",
                  f"      <ITEMTEXT>{cdata(text.plain(question.prompt))}</ITEMTEXT>",
                  f"      <ITEMLABEL>{cdata(question.id)}</ITEMLABEL>",
                  f"      <PRESENTATION>{cdata(f'r>>>>>{scale}<<<<<1')}</PRESENTATION>",
                  f"      <OPTIONS>{cdata('h')}</OPTIONS>",
                  f"      <DEPENDITEM>{cdata('0')}</DEPENDITEM>",
                  f"      <DEPENDVALUE>{cdata('')}</DEPENDVALUE>",
                  "    </ITEM>"]
    lines += ["  </ITEMS>", "</FEEDBACK>"]
    return "\n".join(lines) + "\n"
