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
from html import unescape
from urllib.parse import urljoin, urlsplit, urlunsplit

from .errors import BankError
from .model import Bank, Question
from .safe_markdown import SafeMarkdown

# Moodle's grade fractions between 0 and 1 (question/engine/bank.php); their negatives are allowed too.
MOODLE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)
TOLERANCE = 0.00001  # match_grade_options() in lib/questionlib.php

# Markdown extensions whose output makes sense outside the site (no table of contents, no snippets, no site CSS).
EXPORT_EXTENSIONS = ("def_list", "tables")


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


def accepted_answers(accept: list[str]) -> list[str]:
    """Short-answer answers for Moodle, which compares the trimmed answer ignoring case and nothing else: add the
    е spelling of answers written with ё (the site folds ё to е), drop answers that differ only in case, and
    escape '*', Moodle's wildcard.

    >>> accepted_answers(["Налоксон", "налоксон", "ёж", "a*b"])
    ['Налоксон', 'ёж', 'еж', 'a\\\\*b']
    """
    answers: list[str] = []
    seen: set[str] = set()
    for answer in accept:
        answer = " ".join(unicodedata.normalize("NFC", answer).split())
        for form in (answer, answer.replace("ё", "е").replace("Ё", "Е")):
            if form.casefold() not in seen:
                seen.add(form.casefold())
                answers.append(form.replace("*", "\\*"))
    return answers


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for places where Moodle shows plain text only (the answers of a matching question).

    >>> plain_text("<strong>OST</strong> &amp; NSP")
    'OST & NSP'
    """
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


class ExportText:
    """Bank Markdown rendered with the quiz's safe renderer, for one bank file in one language.

    Links to pages are written as the built site's URLs: absolute under `site_url` when one is given, else
    relative to the site root (for example `ka/training/lesson-3.html#naloxone`), which a Moodle page cannot follow.
    `kind` is the site's layout (layout.py); `directory_urls` is MkDocs' `use_directory_urls` (guide/ for guide.md).
    """

    def __init__(self, language: str, default_language: str = "en", site_url: str | None = None,
                 banks_dir: str = "quizzes", kind: str = "folder", directory_urls: bool = False):
        self.language, self.default_language = language, default_language
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.banks_dir, self.kind, self.directory_urls = banks_dir, kind, directory_urls
        self.relative_links = 0  # links that stay relative because no site URL was given
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

    def block(self, text: str) -> str:
        return self.markdown.block(text).strip()

    def inline(self, text: str) -> str:
        return self.markdown.inline(text).strip()

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
