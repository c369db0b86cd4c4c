"""Front matter is untrusted text, not HTML and not a program. Any contributor may write a page's front matter; here
it is read safely before anything else reads it, and made safe to print.

1. Read safely, first (and bounded: a page whose Markdown would take Python-Markdown minutes, or make it recurse
   too deep, is refused naming the line; quiz_plugin/text_limits.py). MkDocs parses front matter with PyYAML (aliases expanded: a few lines can take gigabytes) and
   shows YAML it cannot read as page text, silently; the quiz plugin and hooks/translation_notice.py read it too.
   on_files, which runs before any of them, reads every page of the build through quiz_plugin/safe_yaml.py (no
   aliases, bounded size, no duplicate keys) and stops the build with a message naming the page and the line.
2. Text the theme prints must be text. MkDocs renders the theme with Jinja's autoescape off, and Material prints
   `title`, `description`, `author`, `subtitle`, `status` (inside a class attribute) and `location` unescaped, as does
   our Open Graph block (overrides/main.html). A list or a mapping there is printed as Python's repr, quotes and
   all, so those fields must be strings; `template` and `icon` must name files of the theme (a missing one is a
   bare Jinja traceback otherwise).
3. Escape them once, before any template sees them. Markup marks the value as escaped, so the templates that do
   escape (`| e`) do not escape it twice. Apostrophes stay as they are ("Switzerland's four pillars"): every
   template writes attributes in double quotes.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2.exceptions import TemplateNotFound
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from quiz_plugin.safe_yaml import YamlError, front_matter, read_text, text_field_problem
from quiz_plugin.text_limits import page_text_problem

# Fields that Material 9.8.1 (base.html, partials/header.html, partials/nav-item.html, redirect.html) and
# overrides/main.html print as they are.
PRINTED_FIELDS = ("title", "description", "author", "subtitle", "status", "location")
# Fields that name a file of the theme: "<template>", ".icons/<icon>.svg".
THEME_FILES = {"template": "{}", "icon": ".icons/{}.svg"}
MAX_PAGE_BYTES = 2 * 1024 * 1024  # the longest page (the trainer's guide) is 17 KB

_checked: dict[str, dict] = {}  # src_uri -> front matter, for on_env


def escape_text(value: str) -> Markup:
    """The value with &, <, > and " escaped.

    >>> str(escape_text('A & B "<x>"'))
    'A &amp; B &quot;&lt;x&gt;&quot;'
    >>> str(escape_text("Switzerland's"))
    "Switzerland's"
    """
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def front_matter_problem(text: str, path: str) -> tuple[dict, str | None]:
    """The page's front matter, and the first problem with it (None when there is none).

    >>> front_matter_problem("---\\ntitle: A\\nauthor: [x]\\n---\\n", "docs/en/a.md")[1]
    "docs/en/a.md:3: 'author' should be text, not a list; write it as one line of text"
    >>> front_matter_problem("---\\ntitle: A\\n---\\n", "docs/en/a.md")
    ({'title': 'A'}, None)
    """
    try:
        meta = front_matter(text, path)
    except YamlError as error:
        return {}, str(error)
    return meta, text_field_problem(meta, text, path)  # PRINTED_FIELDS and THEME_FILES


@event_priority(-105)  # after mkdocs-static-i18n (-100) has chosen this language's pages; before the quiz plugin
def on_files(files, config, **kwargs):  # (-110) and MkDocs itself read any front matter
    _checked.clear()
    for file in files.documentation_pages():
        path = f"docs/{file.src_uri}"
        try:
            text = read_text(Path(file.abs_src_path), path, MAX_PAGE_BYTES)
        except YamlError as error:
            raise PluginError(f"Page error: {error}") from None
        meta, problem = front_matter_problem(text, path)
        if problem:
            raise PluginError(f"Front matter error: {problem}")
        problem = page_text_problem(text, path)
        if problem:
            raise PluginError(f"Page error: {problem}")
        _checked[file.src_uri] = meta
    return files


def on_env(env, config, files, **kwargs):
    """`template: x.html` and `icon: name` must exist: MkDocs and Material would fail with a bare traceback.
    Titles that do not come from front matter (a page's first heading, or its file name) are escaped too: every
    page's navigation prints them, also before that page is built."""
    for file in files.documentation_pages():
        if file.page is not None:
            _escape_title(file.page, markdown_text=True)
    for src_uri, meta in _checked.items():
        for field, pattern in THEME_FILES.items():
            value = meta.get(field)
            if value is None:
                continue
            problem = None
            if not re.fullmatch(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*", value) or ".." in value:
                problem = "is not a file name of the theme"
            else:
                try:
                    env.get_template(pattern.format(value))
                except TemplateNotFound:
                    problem = "names no file of the theme"
            if problem:
                raise PluginError(f"Front matter error: docs/{src_uri}: '{field}: {value[:60]}' {problem}")
    return env


def on_page_markdown(markdown, page, **kwargs):
    for field in PRINTED_FIELDS:
        value = page.meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[field] = escape_text(value)
    return markdown


def _escape_title(page, markdown_text: bool = False) -> None:
    """A title that does not come from front matter, safe to print (MkDocs' title is a weak_property: an
    assignment replaces it). Before the page is rendered MkDocs takes it from the Markdown line of the first heading,
    raw HTML and all: keep its text only, escaped. After, from the heading as rendered, which MkDocs has made HTML
    text without tags: mark it as such (overrides/main.html escapes it again where Material's striptags decodes it).
    """
    if "title" in page.meta:
        return
    page.__dict__.pop("title", None)  # the title as MkDocs computes it now
    title = page.title
    if not isinstance(title, str) or isinstance(title, Markup):
        return
    if markdown_text:
        text = Markup(re.sub(r"\s*\{[^}]*\}\s*$", "", title)).striptags()  # no tags, no {#id}, entities decoded
        page.title = escape_text(text)
    else:
        page.title = Markup(title)


def on_page_content(html, page, **kwargs):
    _escape_title(page)  # its first heading, as rendered
    return html
