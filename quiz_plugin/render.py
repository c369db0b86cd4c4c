"""Render a bank to HTML: a form that the browser runtime (assets/quiz.js) grades, and that stays readable without
JavaScript (each question's answer and explanation sit behind <details>). No script in the page, no event handlers:
the answer key travels as JSON text in a hidden element (see data_island)."""

from __future__ import annotations

import json
import random
import re
from contextlib import contextmanager
from html import escape, unescape

from .errors import BankError
from .model import SCALE_POINTS, Bank, Question
from .normalise import normalise
from .safe_markdown import SafeMarkdown
from .strings import page_strings, quiz_runtime_strings, strings_for


def _attr(value) -> str:
    return escape(str(value), quote=True)


def data_island(css_class: str, value) -> str:
    """JSON for the runtime, as the text of a hidden element that search does not index. Not a
    <script type="application/json">: Material's instant navigation re-creates every <script> in the content without
    its type, so the browser would try to run the JSON (a syntax error, or a Content-Security-Policy violation)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return f'<div class="{css_class}" hidden data-search-exclude>{escape(text, quote=False)}</div>'


def _stable_shuffle(items: list, seed: str) -> list:
    """Shuffle deterministically so the page shows no answer away (order and match) and builds are reproducible."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    if len(shuffled) > 1 and shuffled == items:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


class QuizRenderer:
    """One bank on one page. `phase` ("before" or "after") places it as one of the two checks around the module:
    the reader's first attempt is kept apart for each (storage key `<bank>@<phase>`), and the check before the module
    shows no answers, so that the one after it measures what the module taught."""

    def __init__(self, bank: Bank, language: str, text: SafeMarkdown, strings: dict[str, str] | None = None,
                 phase: str | None = None):
        self.bank, self.text, self.s = bank, text, strings or strings_for(language)
        self.language, self.phase = language, phase
        self.links: list[tuple[Question, str]] = []  # (question, relative link as written), for anchor checks

    def dom_id(self, question_id: str = "") -> str:
        base = f"quiz-{self.bank.id}" + (f"-{self.phase}" if self.phase else "")
        return base + (f"-{question_id}" if question_id else "")

    def render(self) -> str:
        bank, s = self.bank, self.s
        key = {"bank": bank.id, "phase": self.phase, "questionnaire": bank.questionnaire, "pass": bank.pass_mark,
               "draw": bank.draw, "shuffleQuestions": bank.shuffle_questions,
               "shuffleOptions": bank.shuffle_options, "questions": {},
               "strings": quiz_runtime_strings(self.s)}
        body = []
        number = 0
        for question in bank.questions:
            if question.type == "scenario":
                inner = []
                for sub in question.questions:
                    number += 1
                    inner.append(self.question(sub, number, key))
                with self.about(question):
                    vignette = self.text.block(question.scenario)
                body.append(
                    f'<fieldset class="quiz__scenario" id="{self.dom_id(question.id)}" data-unit="{_attr(question.id)}">'
                    f'<legend>{escape(s["scenario"])}</legend>'
                    f'<div class="quiz__vignette">{vignette}</div>{"".join(inner)}</fieldset>')
            else:
                number += 1
                body.append(self.question(question, number, key, unit=True))
        # A check before or after the module measures, it does not pass or fail anyone: it shows no pass mark.
        notes = [s["questionnaire_intro"]] if bank.questionnaire else [] if self.phase else [
            s["pass_mark"].format(**{"pass": bank.pass_mark})]
        if bank.draw:
            notes.append(s["drawn"].format(count=bank.draw))
        if self.phase:
            notes.append(s[f"phase_{self.phase}"])
        phase = f' data-phase="{self.phase}"' if self.phase else ""
        return (
            f'<form class="quiz" id="{self.dom_id()}" data-quiz="{_attr(bank.id)}"{phase} lang="{self.language}" novalidate>'
            f'<p class="quiz__title"><strong>{escape(bank.title)}</strong></p>'
            f'<p class="quiz__intro">{escape(" ".join(notes))} <span class="quiz__best"></span></p>'
            f'<noscript><p>{escape(s["noscript"])}</p></noscript>'
            f'{"".join(body)}'
            f'<div class="quiz__controls">'
            f'<button type="submit" class="md-button md-button--primary quiz__check">'
            f'{escape(s["save" if bank.questionnaire else "check"])}</button> '
            f'<button type="button" class="md-button quiz__retry" hidden>{escape(s["retry"])}</button></div>'
            f'<div class="quiz__result" role="status" aria-live="polite"></div>'
            f'{data_island("quiz__data", key)}'
            f'</form>'
        )

    @contextmanager
    def about(self, q: Question):
        """Any failure while rendering a question's text becomes one BankError naming the bank file and question.
        (The loader bounds what text may cost, quiz_plugin/text_limits.py; this is the net under it.)"""
        start = len(self.text.links)
        try:
            yield
            self.links += [(q, url) for url in self.text.links[start:]]
        except BankError as error:
            raise BankError(error.problem, path=self.bank.path or error.path, line=q.line or error.line,
                            question=q.id) from None
        except RecursionError:
            raise BankError("the text is nested too deeply to show; flatten its lists and quotes", path=self.bank.path,
                            line=q.line, question=q.id) from None
        except Exception as error:  # a Markdown extension's own bug must still name the place
            raise BankError(f"the text cannot be shown ({type(error).__name__} in a Markdown extension); simplify it",
                            path=self.bank.path, line=q.line, question=q.id) from None

    def question(self, q: Question, number: int, key: dict, unit: bool = False) -> str:
        with self.about(q):
            return self._question(q, number, key, unit)

    def _question(self, q: Question, number: int, key: dict, unit: bool = False) -> str:
        s = self.s
        name = self.dom_id(q.id)
        key["questions"][q.id] = self.key_of(q)
        inputs, answer = self.inputs(q, name)
        explanation = f'<div class="quiz__explanation">{self.text.block(q.explanation)}</div>' if q.explanation else ""
        unit_attr = f' data-unit="{_attr(q.id)}"' if unit else ""
        # A statement has no answer to show; the check before the module shows none either (see the class docstring).
        # Out of the search index (Material skips data-search-exclude): a search must not show the answers. The
        # <section> holds them because bank text cannot write one, and Material's parser stops skipping at the
        # first closing tag of the same name (a <details> in an explanation would end the exclusion early).
        shown = "" if answer is None or self.phase == "before" else (
            f'<details class="quiz__answer" data-search-exclude><summary>{escape(s["answer"])}</summary>'
            f'<section data-search-exclude>{answer}{explanation}</section></details>')
        label = s["statement" if q.type == "scale" else "question"]
        return (
            f'<fieldset class="quiz__question" id="{name}" data-question="{_attr(q.id)}" data-type="{q.type}"{unit_attr}>'
            f'<legend><span class="quiz__number">{escape(label)} {number}.</span> {self.text.inline(q.prompt)}</legend>'
            f'{inputs}'
            f'<div class="quiz__verdict" id="{name}--verdict" hidden></div>'
            f'{shown}'
            f'</fieldset>'
        )

    @staticmethod
    def key_of(q: Question) -> dict:
        if q.type in ("single", "multiple"):
            return {"type": q.type, "correct": [o.id for o in q.options if o.correct]}
        if q.type == "true-false":
            return {"type": q.type, "answer": q.answer}
        if q.type == "text":
            return {"type": q.type, "accept": sorted({normalise(a) for a in q.accept})}
        if q.type == "scale":
            return {"type": q.type}
        return {"type": q.type, "items": [item.id for item in q.items]}

    def inputs(self, q: Question, name: str) -> tuple[str, str | None]:
        """The answer controls, and the answer as shown behind <details> (None: a statement has none)."""
        s, text = self.s, self.text
        if q.type == "scale":
            points = "".join(
                f'<label class="quiz__option" data-option="{value}"><input type="radio" name="{name}" value="{value}"> '
                f'<span>{escape(s[f"scale_{value}"])}</span></label>' for value in range(1, SCALE_POINTS + 1))
            return f'<div class="quiz__scale">{points}</div>', None
        if q.type in ("single", "multiple"):
            kind = "radio" if q.type == "single" else "checkbox"
            options, feedback = [], []
            for option in q.options:
                label = text.inline(option.text)
                options.append(
                    f'<label class="quiz__option" data-option="{_attr(option.id)}">'
                    f'<input type="{kind}" name="{name}" value="{_attr(option.id)}"> <span>{label}</span></label>')
                mark = "✔" if option.correct else "✘"
                note = f" — {text.inline(option.feedback)}" if option.feedback else ""
                feedback.append(f'<li data-option="{_attr(option.id)}" class="{"is-correct" if option.correct else "is-wrong"}">'
                                f'<span aria-hidden="true">{mark}</span> {label}{note}</li>')
            correct = ", ".join(text.inline(o.text) for o in q.options if o.correct)
            answer = f'<p><strong>{escape(s["correct_answer"])}:</strong> {correct}</p><ul class="quiz__feedback">{"".join(feedback)}</ul>'
            return f'<div class="quiz__options">{"".join(options)}</div>', answer
        if q.type == "true-false":
            options = "".join(
                f'<label class="quiz__option" data-option="{value}"><input type="radio" name="{name}" value="{value}"> '
                f'<span>{escape(s[value])}</span></label>' for value in ("true", "false"))
            answer = f'<p><strong>{escape(s["correct_answer"])}:</strong> {escape(s["true" if q.answer else "false"])}</p>'
            return f'<div class="quiz__options">{options}</div>', answer
        if q.type == "text":
            field = (f'<label class="quiz__text"><span>{escape(s["your_answer"])}</span> '
                     f'<input type="text" name="{name}" autocomplete="off" autocapitalize="off" spellcheck="false"></label>')
            accepted = ", ".join(escape(a) for a in q.accept)
            return field, f'<p><strong>{escape(s["accepted"])}:</strong> {accepted}</p>'
        if q.type == "order":
            count = len(q.items)
            choices = "".join(f'<option value="{i}">{i}</option>' for i in range(1, count + 1))
            rows = []
            for item in _stable_shuffle(q.items, f"{self.bank.id}/{q.id}"):
                field_id = f"{name}--{item.id}"  # "--" is in no id: unique by construction
                rows.append(
                    f'<div class="quiz__row" data-item="{_attr(item.id)}"><label for="{field_id}">{text.inline(item.text)}</label> '
                    f'<select id="{field_id}" name="{field_id}" aria-label="{escape(s["position"])}">'
                    f'<option value="">{escape(s["choose"])}</option>{choices}</select></div>')
            ordered = "".join(f"<li>{text.inline(item.text)}</li>" for item in q.items)
            return (f'<div class="quiz__rows">{"".join(rows)}</div>',
                    f'<p><strong>{escape(s["correct_order"])}:</strong></p><ol>{ordered}</ol>')
        if q.type == "match":
            rights = _stable_shuffle(q.items, f"{self.bank.id}/{q.id}/right")
            choices = "".join(f'<option value="{_attr(item.id)}">{escape(plain_text(text.inline(item.right)))}</option>' for item in rights)
            rows = []
            for item in q.items:
                field_id = f"{name}--{item.id}"  # "--" is in no id: unique by construction
                rows.append(
                    f'<div class="quiz__row" data-item="{_attr(item.id)}"><label for="{field_id}">{text.inline(item.left)}</label> '
                    f'<select id="{field_id}" name="{field_id}"><option value="">{escape(s["choose"])}</option>{choices}</select></div>')
            pairs = "".join(f"<li>{text.inline(item.left)} → {text.inline(item.right)}</li>" for item in q.items)
            # On paper the menus are blank lines: the choices they hold are printed below them (print CSS only).
            printed = "".join(f"<li>{text.inline(item.right)}</li>" for item in rights)
            return (f'<div class="quiz__rows">{"".join(rows)}</div><ul class="quiz__print-choices" aria-hidden="true">{printed}</ul>',
                    f'<p><strong>{escape(s["correct_pairs"])}:</strong></p><ul>{pairs}</ul>')
        raise ValueError(q.type)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for places that show plain text only (<option> labels, Moodle's matching answers).

    >>> plain_text("<strong>OST</strong> &amp; NSP")
    'OST & NSP'
    """
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def duplicate_ids(html: str) -> list[str]:
    """Element ids used more than once in a piece of HTML, in order.

    >>> duplicate_ids('<p id="a"></p><p id="b"></p><p id="a"></p><code>id="b"</code>')
    ['a']
    """
    seen, twice = set(), []
    for anchor in _ID.findall(html):
        if anchor in seen and anchor not in twice:
            twice.append(anchor)
        seen.add(anchor)
    return twice


def render_bank(bank: Bank, language: str, text: SafeMarkdown, strings: dict[str, str] | None = None,
                phase: str | None = None) -> str:
    """The quiz as HTML; `strings` (strings.strings_for with the site's own) default to those shipped for the language."""
    return QuizRenderer(bank, language, text, strings, phase).render()


def card_table(css_class: str, headers: list[str], rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """A table that becomes one card per row on a narrow screen (quiz.css): every cell carries its column's name in
    data-label, and explicit roles keep it a table for screen readers when CSS displays it as blocks.
    rows: (the <tr>'s attributes, [(the <td>'s attributes, its HTML)])."""
    head = "".join(f'<th role="columnheader">{escape(h)}</th>' for h in headers)
    body = "".join(
        f'<tr role="row"{attrs}>' + "".join(f'<td role="cell" data-label="{_attr(h)}"{cell_attrs}>{html}</td>'
                                            for h, (cell_attrs, html) in zip(headers, cells)) + "</tr>"
        for attrs, cells in rows)
    return (f'<table class="quiz-table {css_class}" role="table"><thead role="rowgroup"><tr role="row">{head}</tr></thead>'
            f'<tbody role="rowgroup">{body}</tbody></table>')


def render_progress_table(rows: list[dict], language: str, strings: dict[str, str] | None = None) -> str:
    """Rows: {bank, title, url, minutes, pass}. The runtime fills status and best score from the browser's storage."""
    s = strings or strings_for(language)
    body = []
    for row in rows:
        minutes = escape(s["minutes"].format(n=row["minutes"])) if row.get("minutes") else ""
        body.append((f' data-progress="{_attr(row["bank"])}" data-pass="{row["pass"]}"',
                     [("", f'<a href="{_attr(row["url"])}">{escape(row["title"])}</a>'), ("", minutes),
                      (' class="quiz-status"', escape(s["status_none"])), (' class="quiz-best"', "–")]))
    # The note is shown by the runtime when this browser refuses to store progress.
    return (f'<p class="quiz-progress__note" role="status" hidden></p>'
            + card_table("quiz-progress", [s["col_lesson"], s["col_time"], s["col_status"], s["col_best"]], body))


def render_change(layout: dict, language: str, strings: dict[str, str] | None = None) -> str:
    """The reader's own change: knowledge before and after the module (in all and per lesson), and the answers to
    each statement then and now. The build writes the rows; the runtime fills them from this browser's storage."""
    s = strings or strings_for(language)
    parts = [f'<p class="quiz-change__none" role="status">{escape(s["change_none"])}</p>']
    for bank in layout["banks"]:
        if bank["questionnaire"]:
            rows = [(f' data-question="{_attr(q["id"])}"', [("", escape(q["text"])), (' class="quiz-change__before"', "–"),
                                                           (' class="quiz-change__after"', "–")])
                    for q in bank["questions"]]
            headers = [s["statement"], s["col_before"], s["col_after"]]
        else:
            lessons = [("", s["all_questions"])] + [(lesson, layout["lessons"].get(lesson, lesson))
                                                    for lesson in dict.fromkeys(q["lesson"] for q in bank["questions"])
                                                    if lesson]
            rows = [(f' data-lesson="{_attr(lesson)}"', [("", escape(title)), (' class="quiz-change__before"', "–"),
                                                        (' class="quiz-change__after"', "–"), (' class="quiz-change__delta"', "–")])
                    for lesson, title in lessons]
            headers = [s["col_questions"], s["col_before"], s["col_after"], s["col_change"]]
        parts.append(f'<div class="quiz-change__bank" data-bank="{_attr(bank["id"])}" hidden>'
                     f'<p><strong>{escape(bank["title"])}</strong></p>{card_table("quiz-change__table", headers, rows)}</div>')
    return f'<div class="quiz-change">{"".join(parts)}</div>'


def _button(css_class: str, label: str, primary: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<button type="button" class="{kind} {css_class}">{escape(label)}</button>'


def render_handover(language: str, strings: dict[str, str] | None = None) -> str:
    """Hand over the checks' results to a trainer: a file, or a short code for a phone that cannot send files."""
    s = strings or strings_for(language)
    return (f'<div class="quiz-handover">'
            f'<p><label>{escape(s["handover_nickname"])} '
            f'<input type="text" class="quiz-handover__nickname" maxlength="40" autocomplete="off"></label></p>'
            f'<p>{_button("quiz-handover__file", s["handover_file"], primary=True)} {_button("quiz-handover__show", s["handover_code"])}</p>'
            f'<p class="quiz-handover__status" role="status"></p>'
            f'<div class="quiz-handover__box" hidden><p><label for="quiz-handover-code">{escape(s["handover_code_label"])}</label></p>'
            f'<textarea id="quiz-handover-code" class="quiz-handover__code" readonly rows="4" spellcheck="false"></textarea>'
            f'<p>{escape(s["handover_code_help"])}</p>'
            f'<p>{_button("quiz-handover__copy", s["handover_copy"])}</p></div>'
            f'</div>')


def render_class_report(language: str, strings: dict[str, str] | None = None) -> str:
    """The trainer's class report: files and codes are read in the browser (report.js); nothing is uploaded."""
    s = strings or strings_for(language)
    return (f'<div class="quiz-report">'
            f'<noscript><p>{escape(s["report_noscript"])}</p></noscript>'
            f'<div class="quiz-report__inputs">'
            f'<p><label>{escape(s["report_files"])}<br><input type="file" class="quiz-report__files" multiple '
            f'accept=".json,application/json"></label></p>'
            f'<p><label for="quiz-report-codes">{escape(s["report_codes"])}</label><br>'
            f'<textarea id="quiz-report-codes" class="quiz-report__codes" rows="4" spellcheck="false" autocomplete="off"></textarea></p>'
            f'<p>{_button("quiz-report__add", s["report_add_codes"])} {_button("quiz-report__clear", s["report_clear"])}</p></div>'
            f'<p class="quiz-report__status" role="status">{escape(s["report_empty"])}</p>'
            f'<div class="quiz-report__skipped" hidden></div>'
            f'<div class="quiz-report__output" hidden>'
            f'<p class="quiz-report__actions">{_button("quiz-report__print", s["report_print"], primary=True)} '
            f'{_button("quiz-report__csv", s["report_csv"])}</p>'
            f'<div class="quiz-report__tables"></div></div>'
            f'</div>')


def progress_data(strings: dict[str, str], layout: dict | None, report: bool = False) -> str:
    """The data islands of a page with progress parts: its strings (strings.strings_for) and, when the site has
    checks before and after the module, their layout (see classroom.py)."""
    islands = data_island("quiz-strings", page_strings(strings, report))
    if layout is not None:
        islands += data_island("quiz-layout", layout)
    return islands


def render_completion(language: str, strings: dict[str, str] | None = None) -> str:
    s = strings or strings_for(language)
    return (f'<div class="quiz-completion"><p class="quiz-completion__locked" role="status"></p>'
            f'<div class="quiz-completion__form" hidden><label>{escape(s["name"])} '
            f'<input type="text" class="quiz-completion__name" autocomplete="name"></label> '
            f'{_button("quiz-completion__print", s["print"], primary=True)}</div>'
            f'<div class="quiz-completion__sheet" hidden></div></div>')


def render_reset(language: str, strings: dict[str, str] | None = None) -> str:
    s = strings or strings_for(language)
    return (f'<div class="quiz-reset"><button type="button" class="md-button quiz-reset__button" '
            f'data-confirm="{_attr(s["reset_confirm"])}" data-done="{_attr(s["reset_done"])}">{escape(s["reset"])}</button>'
            f'<p class="quiz-reset__status" role="status"></p></div>')
