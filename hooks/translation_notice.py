"""Outdated translations: a Georgian or Russian page whose English source changed since it was translated (or
whose quiz bank did) tells its readers so, in their language, with a link to the English page.

Whether a translation is up to date is decided by tools/translations.py (plain Python, also the command line
`python -m tools.translations status`); this hook only places the notice after the page's title.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from i18n_site import DEFAULT_LANGUAGE, language_url, neutral_path, page_language  # hooks/ is on sys.path here
from quiz_plugin.plugin import MARKER

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tools/, which is not an installed package
from tools.translations import NEEDS_WORK, TranslationError, file_status  # noqa: E402

NOTICE = {
    "en": ("This translation may be out of date: the English version has changed since it was translated.",
           "Read the English version"),
    "ka": ("ეს თარგმანი შეიძლება მოძველებული იყოს: ინგლისური ვერსია თარგმნის შემდეგ შეიცვალა.",
           "იხილეთ ინგლისური ვერსია"),
    "ru": ("Этот перевод мог устареть: английская версия изменилась после того, как его перевели.",
           "Открыть английскую версию"),
}


def notice_html(language: str, english_href: str) -> str:
    """The notice, in the page's language (English for a language without its own strings).

    data-search-exclude keeps it out of the search index, where it would replace the page's own summary.
    """
    message, link = NOTICE.get(language, NOTICE[DEFAULT_LANGUAGE])
    return (f'<div class="translation-notice" role="note" data-search-exclude>'
            f'<p>{escape(message)} <a href="{escape(english_href)}" hreflang="{DEFAULT_LANGUAGE}">{escape(link)}</a></p>'
            f"</div>")


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


def stale_sources(docs_dir: Path, language: str, rel: str, markdown: str) -> list[str]:
    """The page itself and the banks it places, where this language's translation needs work."""
    candidates = [rel] + [f"quizzes/{bank_id}.yml" for bank_id in MARKER.findall(markdown)]
    return [path for path in candidates
            if (docs_dir / DEFAULT_LANGUAGE / path).is_file()
            and file_status(docs_dir, path, language).state in NEEDS_WORK]


def on_page_content(html, page, config, **kwargs):
    language = page_language(page.file.url)
    if language == DEFAULT_LANGUAGE:
        return html
    rel = page.file.src_uri.split("/", 1)[1]  # "ka/training/lesson-1.md" -> "training/lesson-1.md"
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")  # the quiz markers as the author wrote them
    try:
        stale = stale_sources(Path(config.docs_dir), language, rel, source)
    except TranslationError as error:
        raise PluginError(f"Translation status: {error}") from None
    if not stale:
        return html
    english = language_url(neutral_path(page.file.url), DEFAULT_LANGUAGE)
    return insert_after_title(html, notice_html(language, get_relative_url(english, page.file.url)))
