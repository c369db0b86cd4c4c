"""Glossary tooltips: append the page language's abbreviation list (includes/abbreviations/<lang>.md) to every page,
through pymdown-extensions snippets, so that `abbr` marks the terms wherever they appear."""

from mkdocs.plugins import event_priority

LANGUAGES = ("ka", "ru")  # others are English, at the site root


def page_language(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES else "en"


@event_priority(-50)  # after other hooks have checked the page's own Markdown
def on_page_markdown(markdown, page, **kwargs):
    return f'{markdown}\n\n--8<-- "abbreviations/{page_language(page.file.url)}.md"\n'
