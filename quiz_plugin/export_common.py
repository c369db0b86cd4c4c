"""What the Moodle XML and GIFT exports share: bank text as HTML for Moodle, Moodle's allowed grade fractions,
category paths and the accepted answers of short-answer questions.

Moodle rejects a question whose answer grade is not one of its fixed fractions (question/engine/bank.php,
`fraction_options_full`, compared by `match_grade_options` in lib/questionlib.php with a tolerance of 0.00001),
so partial credit is always chosen from that set here, never computed freely.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import replace
from typing import Protocol
from urllib.parse import urljoin, urlsplit, urlunsplit

from .errors import BankError
from .model import Bank, Question
from .render import plain_text
from .safe_markdown import SafeMarkdown

# Moodle's grade fractions between 0 and 1 (question/engine/bank.php); their negatives are allowed too.
MOODLE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)
TOLERANCE = 0.00001  # match_grade_options() in lib/questionlib.php

# Markdown extensions whose output makes sense outside the site (no table of contents, no snippets, no site CSS).
EXPORT_EXTENSIONS = ("def_list", "tables")
# The command named in each exported file's first comment, unless the caller names the one that ran (cli.main).
EXPORT_COMMAND = "python -m quiz_plugin export"


def is_moodle_fraction(fraction: float) -> bool:
    """
    >>> [is_moodle_fraction(f) for f in (1, 0.3333333, -0.25, 1 / 3, 0.35)]
    [True, True, True, True, False]
    """
    return any(abs(abs(fraction) - allowed) < TOLERANCE for allowed in MOODLE_FRACTIONS)


def percent(fraction: float) -> str:
    """A fraction as Moodle writes a grade: percent with at most five decimals.

    >>> [percent(f) for f in (1, 0.3333333, -1 / 3, 0.5, 0)]
    ['100', '33.33333', '-33.33333', '50', '0']
    """
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def option_fractions(bank: Bank, question: Question) -> list[float]:
    """Moodle grade fractions for the options of a single- or multiple-choice question.

    `multiple` scores on the site as (right ticked - wrong ticked) / number right, never below 0; Moodle's
    multiple-answer question adds the fractions of the ticked options and clamps the sum to 0..1, so each right
    option is worth 1/n and each wrong one -1/n: the same score. Moodle only allows n = 1..10 and 20.
    """
    if question.type == "single":
        return [1.0 if option.correct else 0.0 for option in question.options]
    right = sum(option.correct for option in question.options)
    share = 1 / right
    if not is_moodle_fraction(share):
        raise BankError(f"Moodle cannot give partial credit of 1/{right}: a multiple-choice question exported to Moodle "
                        "needs 1 to 10 or 20 correct options", path=bank.path, line=question.line, question=question.id)
    return [share if option.correct else -share for option in question.options]


def category_path(title: str) -> str:
    """The question category for a bank, in the course's question bank. A '/' inside a name is written '//'
    (qformat_default::assemble_category_path).

    >>> category_path("Lesson 3 / naloxone")
    '$course$/Lesson 3 // naloxone'
    """
    name = " ".join(title.split()).replace("/", "//")
    if name.startswith("/"):
        name = " " + name
    if name.endswith("/"):
        name += " "
    return f"$course$/{name}"


# Quotes a reader may type around an answer (the site drops them, normalise.py); Moodle needs each written out.
QUOTES = ('"{}"', "«{}»", "„{}“")


def yo_spellings(answer: str) -> list[str]:
    """The answer with every ё as е, and with each е in turn as ё: the site folds ё to е, Moodle compares letters as
    they are.

    >>> yo_spellings("ещё")
    ['еще', 'ёще', 'ещё']
    """
    folded = answer.replace("ё", "е").replace("Ё", "Е")
    return [folded] + [folded[:i] + ("ё" if char == "е" else "Ё") + folded[i + 1:]
                       for i, char in enumerate(folded) if char in "еЕ"]


def typed_forms(answer: str) -> list[str]:
    """What a reader types for one accepted answer and the site accepts, as Moodle needs it written: Moodle's short
    answer compares the whole answer, ignoring only case and the spaces around it (qtype_shortanswer_question::
    compare_string_with_wildcard), while the site also drops punctuation around it, extra spaces inside it and the
    difference between ё and е. One such difference at a time: the answer with a full stop at the end, in quotes,
    with one space doubled, or with another ё/е spelling.

    >>> typed_forms("2018 г")
    ['2018 г', '2018 г.', '"2018 г"', '«2018 г»', '„2018 г“', '2018  г']
    """
    forms = [answer, answer + "."] + [quote.format(answer) for quote in QUOTES]
    forms += [answer[:m.start()] + "  " + answer[m.end():] for m in re.finditer(" ", answer)]
    return list(dict.fromkeys(forms + yo_spellings(answer)))


def accepted_answers(accept: list[str]) -> list[str]:
    """Short-answer answers for Moodle: the typed forms of every accepted answer (typed_forms), without those that
    differ only in case, with '*' (Moodle's wildcard) escaped.

    >>> accepted_answers(["Налоксон", "налоксон", "a*b"])[:3]
    ['Налоксон', 'Налоксон.', '"Налоксон"']
    >>> accepted_answers(["a*b"])[0]
    'a\\\\*b'
    """
    answers: list[str] = []
    seen: set[str] = set()
    for answer in accept:
        for form in typed_forms(" ".join(unicodedata.normalize("NFC", answer).split())):
            if form.casefold() not in seen:
                seen.add(form.casefold())
                answers.append(form.replace("*", "\\*"))
    return answers


def export_items(bank: Bank) -> list[Question]:
    """The bank's questions in the order Moodle receives them. A scenario is its vignette (a `scenario` item, written
    as a description) followed by its questions, to keep together on one quiz page. In a bank with `draw` there is no
    such page: Moodle draws with random-question slots, one question at a time, and never draws a description
    (qtype_description::is_usable_by_random), so each question of a scenario carries the vignette itself, and the
    scenario's explanation, and stays whole however it is drawn."""
    items: list[Question] = []
    for question in bank.questions:
        if question.type != "scenario":
            items.append(question)
        elif not bank.draw:
            items += [question, *question.questions]
        else:
            items += [replace(inner, prompt=f"{question.scenario}\n\n{inner.prompt}",
                              explanation="\n\n".join(t for t in (inner.explanation, question.explanation) if t))
                      for inner in question.questions]
    return items


class Citations(Protocol):
    """How a site that cites sources in bank text (as `[@key]`, say) has them written in the export. The package
    knows no sources; a site passes one of these to export() (this repository: citations/export.py)."""

    def problems(self, text: str, path: str) -> list[str]:
        """Every citation in a bank file's text that cannot be written, as 'file:line: problem' (`path`: the file as
        messages name it)."""

    def readable(self, markdown: str, language: str) -> str:
        """The Markdown with each citation written as readers of the export can follow it."""

    def sources(self, markdown: str, language: str) -> str:
        """HTML listing the sources the Markdown cites, for a question's general feedback; "" when it cites none."""


class ExportText:
    """Bank Markdown rendered with the quiz's safe renderer, for one bank file in one language.

    Links to pages are written as the built site's URLs: absolute under `site_url` when one is given, else
    relative to the site root (for example `ka/training/lesson-3.html#naloxone`), which a Moodle page cannot follow.
    `kind` is the site's layout (layout.py); `directory_urls` is MkDocs' `use_directory_urls` (guide/ for guide.md).
    Citations are written by `citations` when given; without, text that looks like one (`[@`) is counted.
    """

    def __init__(self, language: str, default_language: str = "en", site_url: str | None = None,
                 banks_dir: str = "quizzes", kind: str = "folder", directory_urls: bool = False,
                 citations: Citations | None = None):
        self.language, self.default_language = language, default_language
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.banks_dir, self.kind, self.directory_urls = banks_dir, kind, directory_urls
        self.relative_links = 0  # links that stay relative because no site URL was given
        self.citations = citations
        self.citation_markers = 0  # texts with "[@" written as they stand, because no citations were given
        self.markdown = SafeMarkdown(EXPORT_EXTENSIONS, rewrite_link=self.page_url)

    def page_url(self, url: str) -> str:
        """
        >>> ExportText("ka", site_url="https://example.org/police").page_url("../training/lesson-3.md#naloxone")
        'https://example.org/police/ka/training/lesson-3.html#naloxone'
        >>> ExportText("en").page_url("../training/index.md")
        'training/index.html'
        >>> ExportText("ka", kind="suffix", directory_urls=True).page_url("../training/index.md#top")
        'ka/training/#top'
        >>> ExportText("de", "de", kind="single", directory_urls=True).page_url("../guide.md")
        'guide/'
        """
        scheme, netloc, path, query, fragment = urlsplit(url)
        if not path:
            return url
        folder = posixpath.join(self.language, self.banks_dir) if self.kind == "folder" else self.banks_dir
        target = posixpath.normpath(posixpath.join(folder, path))
        in_language = self.kind == "suffix"
        if self.kind == "folder" and target.startswith(f"{self.language}/"):
            target, in_language = target[len(self.language) + 1:], True
        if in_language and self.language != self.default_language:
            target = f"{self.language}/{target}"
        if target.endswith(".md"):
            target = _page_url(target[:-3], self.directory_urls)
        target = urlunsplit(("", "", target, query, fragment))
        if self.site_url:
            return urljoin(self.site_url, target)
        self.relative_links += 1
        return target

    def cited(self, text: str) -> str:
        if self.citations:
            return self.citations.readable(text, self.language)
        self.citation_markers += "[@" in text
        return text

    def block(self, text: str) -> str:
        return self.markdown.block(self.cited(text)).strip()

    def inline(self, text: str) -> str:
        return self.markdown.inline(self.cited(text)).strip()

    def feedback(self, question: Question) -> str:
        """A question's general feedback: its explanation, then the sources its texts cite (a scenario's vignette:
        those of the vignette and its explanation; its questions list their own)."""
        return self.block(question.explanation) + self.sources(question)

    def sources(self, question: Question) -> str:
        if not self.citations:
            return ""
        texts = [question.prompt, question.scenario, question.explanation]
        texts += [text for option in question.options for text in (option.text, option.feedback)]
        texts += [text for item in question.items for text in (item.text, item.left, item.right)]
        return self.citations.sources("\n\n".join(t for t in texts if t), self.language)

    def plain(self, text: str) -> str:
        return plain_text(self.inline(text))


def _page_url(stem: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page (its path without .md).

    >>> [_page_url(p, True) for p in ("guide", "training/index", "index")], _page_url("training/index", False)
    (['guide/', 'training/', './'], 'training/index.html')
    """
    if not directory_urls:
        return stem + ".html"
    head, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return head + "/" if head else "./"
    return stem + "/"
