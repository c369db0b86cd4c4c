"""Front-matter text is text, not HTML. MkDocs renders the theme with Jinja's autoescape off, and Material prints
`title` and `description` unescaped into <title>, <meta name="description">, the header, the navigation and the
search index: a title such as `"><script>...` would run. Escape them once, before any template sees them.

Markup marks the value as escaped, so the templates that do escape (`| e`) do not escape it twice. Apostrophes
stay as they are ("Switzerland's four pillars"): every template writes attributes in double quotes.
"""

from __future__ import annotations

from markupsafe import Markup

ESCAPED_FIELDS = ("title", "description")


def escape_text(value: str) -> Markup:
    """The value with &, <, > and " escaped.

    >>> str(escape_text('A & B "<x>"'))
    'A &amp; B &quot;&lt;x&gt;&quot;'
    >>> str(escape_text("Switzerland's"))
    "Switzerland's"
    """
    return Markup(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def on_page_markdown(markdown, page, **kwargs):
    for field in ESCAPED_FIELDS:
        value = page.meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[field] = escape_text(value)
    return markdown
