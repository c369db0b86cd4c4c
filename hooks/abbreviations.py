"""Glossary tooltips: append the page language's abbreviation list (includes/abbreviations/<lang>.md) to every page,
through pymdown-extensions snippets, so that `abbr` marks the terms wherever they appear."""

from mkdocs.plugins import event_priority

from i18n_site import page_language  # hooks/ is on sys.path while hooks load


@event_priority(-50)  # after other hooks have checked the page's own Markdown
def on_page_markdown(markdown, page, **kwargs):
    return f'{markdown}\n\n--8<-- "abbreviations/{page_language(page.file.url)}.md"\n'
