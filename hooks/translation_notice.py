"""The translation notice: a Georgian or Russian page tells its readers, in their language and with a link to the
English page, when its translation may be out of date (the English page, or the quiz bank it places, changed since
it was translated), and when it has not yet been reviewed by a native-speaking subject expert (the page or its
bank records `review: unreviewed`, or was edited after its review). One notice, with one or both sentences.

Whether a translation is up to date and reviewed is decided by tools/translations.py (plain Python, also the command
line `python -m tools.translations status` and `review`); this hook only places the notice after the page's title.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from i18n_site import DEFAULT_LANGUAGE, language_url, neutral_path, page_language  # hooks/ is on sys.path here
from quiz_plugin.markers import placed_banks

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tools/, which is not an installed package
from tools.translations import NEEDS_WORK, NOT_REVIEWED, TranslationError, file_status  # noqa: E402

OUTDATED, UNREVIEWED = "outdated", "unreviewed"  # the reasons for a notice
NOTICE = {
    "en": {OUTDATED: "This translation may be out of date: the English version has changed since it was translated.",
           UNREVIEWED: "This translation has not yet been checked by a subject expert who is a native speaker. If "
                       "something is unclear, compare it with the English version.",
           "link": "Read the English version"},
    "ka": {OUTDATED: "ეს თარგმანი შეიძლება მოძველებული იყოს: ინგლისური ვერსია თარგმნის შემდეგ შეიცვალა.",
           UNREVIEWED: "ეს თარგმანი ჯერ არ გადაუხედავს დარგის სპეციალისტს, რომლის მშობლიური ენაც ქართულია. თუ რამე "
                       "გაუგებარია, შეადარეთ ინგლისურ ვერსიას.",
           "link": "იხილეთ ინგლისური ვერსია"},
    "ru": {OUTDATED: "Этот перевод мог устареть: английская версия изменилась после того, как его перевели.",
           UNREVIEWED: "Этот перевод ещё не проверил специалист в этой области, для которого русский язык родной. "
                       "Если что-то непонятно, сверьтесь с английской версией.",
           "link": "Открыть английскую версию"},
}


def notice_html(language: str, english_href: str, reasons: list[str]) -> str:
    """The notice, in the page's language (English for a language without its own strings), with a sentence for each
    reason (OUTDATED, UNREVIEWED).

    data-search-exclude keeps it out of the search index, where it would replace the page's own summary.

    >>> notice_html("ru", "../index.html", [UNREVIEWED]).count("<p>")
    1
    """
    strings = NOTICE.get(language, NOTICE[DEFAULT_LANGUAGE])
    sentences = " ".join(escape(strings[reason]) for reason in reasons)
    return (f'<div class="translation-notice" role="note" data-search-exclude data-reasons="{" ".join(reasons)}">'
            f'<p>{sentences} <a href="{escape(english_href)}" hreflang="{DEFAULT_LANGUAGE}">{escape(strings["link"])}</a>'
            f"</p></div>")


def insert_after_title(html: str, notice: str) -> str:
    """Place the notice right after the first <h1>, or at the top when the page has none.

    >>> insert_after_title("<h1>T</h1><p>x</p>", "<div>n</div>")
    '<h1>T</h1><div>n</div><p>x</p>'
    """
    end = html.find("</h1>")
    if end < 0:
        return notice + html
    end += len("</h1>")
    return html[:end] + notice + html[end:]


def notice_reasons(docs_dir: Path, language: str, rel: str, markdown: str) -> list[str]:
    """Why the page needs a notice, judged on the page itself and the banks it places: OUTDATED when one of them
    needs work, UNREVIEWED when one of them is not reviewed (as it is now)."""
    candidates = [rel] + [f"quizzes/{bank_id}.yml" for _, bank_id in placed_banks(markdown)]
    statuses = [file_status(docs_dir, path, language) for path in candidates
                if (docs_dir / DEFAULT_LANGUAGE / path).is_file()]
    reasons = []
    if any(status.state in NEEDS_WORK for status in statuses):
        reasons.append(OUTDATED)
    if any(status.review is None or status.review.state in NOT_REVIEWED for status in statuses):
        reasons.append(UNREVIEWED)
    return reasons


def on_page_content(html, page, config, **kwargs):
    language = page_language(page.file.url)
    if language == DEFAULT_LANGUAGE:
        return html
    rel = page.file.src_uri.split("/", 1)[1]  # "ka/training/lesson-1.md" -> "training/lesson-1.md"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")  # the quiz markers as the author wrote them
    try:
        reasons = notice_reasons(Path(config.docs_dir), language, rel, source)
    except TranslationError as error:
        raise PluginError(f"Translation status: {error}") from None
    if not reasons:
        return html
    english = language_url(neutral_path(page.file.url), DEFAULT_LANGUAGE)
    return insert_after_title(html, notice_html(language, get_relative_url(english, page.file.url), reasons))
