"""Lighter pages: the indentation the templates leave between tags is dropped from every page, and the JSON the
templates write (Material's configuration, with the interface's strings) is UTF-8 rather than `\\uXXXX` escapes.

Jinja templates indent their output; a lesson carries some 6 KB of spaces and newlines, about 0.6 KB gzipped on
every page view. A run of white space that holds a line break becomes one line break: in normal flow the browser
shows it exactly as before (one space at most). Text where white space counts is left alone: <pre>, <code>, <kbd>,
<textarea>, and <script> and <style> (whose bytes the Content-Security-Policy hashes, hooks/csp.py).
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# Kept verbatim: the elements above, whole, by their own closing tag.
VERBATIM = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
INDENTED_BREAK = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """The page with every white-space run that holds a line break reduced to one line break.

    >>> compact("<ul>\\n    <li>a</li>\\n\\n    <li>b</li>\\n</ul>")
    '<ul>\\n<li>a</li>\\n<li>b</li>\\n</ul>'
    >>> compact("<pre>x\\n    y</pre>\\n  <p>a  b</p>")
    '<pre>x\\n    y</pre>\\n<p>a  b</p>'
    """
    pieces = VERBATIM.split(html)
    # split() with two groups gives: text, whole verbatim element, its tag name, text, ...
    return "".join(INDENTED_BREAK.sub("\n", piece) if index % 3 == 0 else piece
                   for index, piece in enumerate(pieces) if index % 3 != 2)


def on_env(env, **kwargs):
    """A Georgian letter is 3 bytes in UTF-8 and 6 as `\\u10d0`, and compresses worse escaped. Jinja's `tojson`
    still escapes <, >, & and ' (its HTML safety does not depend on ensure_ascii)."""
    env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
    return env


@event_priority(-200)  # last: compacts the page as the other hooks leave it
def on_post_page(output, page, config, **kwargs):
    return compact(output)
