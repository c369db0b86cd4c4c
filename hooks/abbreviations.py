"""Glossary tooltips, generated from the terminology base (data/terminology.yml): every abbreviation a term lists for
the page's language is appended to the page as a Markdown abbreviation (`*[LEAD]: ...`), so `abbr` marks it wherever
it appears, with the term's form in that language. The tooltips and the lessons therefore use the same words; the
terminology check (tools/terminology.py, tests/test_terminology.py) keeps the pages to them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from i18n_site import page_language  # hooks/ is on sys.path while hooks load

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tools/, which is not an installed package
from tools.terminology import TerminologyError, abbreviation_lines, load_terms  # noqa: E402

_lines: dict[str, str] = {}  # language -> abbreviation definitions, for this build


def on_config(config, **kwargs):
    _lines.clear()  # read again on every build (mkdocs serve rebuilds when the file changes)
    return config


def tooltips(language: str) -> str:
    if language not in _lines:
        try:
            _lines[language] = abbreviation_lines(load_terms(), language)
        except TerminologyError as error:
            raise PluginError(str(error)) from None
    return _lines[language]


@event_priority(-50)  # after other hooks have checked the page's own Markdown
def on_page_markdown(markdown, page, **kwargs):
    return f"{markdown}\n\n{tooltips(page_language(page.file.url))}"
