"""Content-Security-Policy for every page, as a <meta http-equiv> (GitHub Pages sets no headers), in the published
site and in the copy for the file system (OFFLINE_POLICY).

The policy lets a page load nothing but its own site's files: the privacy promise, enforced by the browser itself.
Material's theme has two small inline scripts whose text depends on the page's depth; they are allowed by their
SHA-256 hashes, computed here from the finished page. Any other inline script fails the build, naming the page: a
hash for whatever happens to be inline would also allow a script that slipped into the content.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

# Scripts that run: no src, and no data type such as application/json (data is never executed, so never hashed).
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(r"""\stype=["']?application/(?:ld\+)?json""", re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
# Material 9.8.1's own inline scripts (base.html: storage scope, colour palette; content tabs linked to the URL hash).
THEME_SCRIPTS = ("__md_scope=new URL(", 'var palette=__md_get("__palette")',
                 "var target=document.getElementById(location.hash.slice(1))")

POLICY = ("default-src 'self'", "script-src 'self' {hashes}", "style-src 'self'", "img-src 'self' data:",
          "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'",
          "object-src 'none'", "base-uri 'self'", "form-action 'self'")
# The copy for the file system (hooks/offline.py). From file://, 'self' still means the copy's own files, so nothing
# is loaded from any host. One thing differs: the search worker runs through the iframe-worker shim, which writes an
# inline <script> into a hidden frame whose text holds the worker's file:// address, known only once the zip is
# unpacked, so no hash can allow it. <script> elements are allowed inline there ('unsafe-inline'), and every inline
# event handler (onerror=, onclick=) is refused by script-src-attr 'none'. The build still refuses any inline
# <script> of its own that is not the theme's (inline_script_hashes).
OFFLINE_POLICY = ("default-src 'self'", "script-src 'self' 'unsafe-inline'", "script-src-attr 'none'",
                  "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'",
                  "worker-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'")


class UnknownInlineScript(ValueError):
    def __init__(self, message: str, script: str = ""):
        super().__init__(message)
        self.script = script


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if " src=" in match["attrs"] or DATA_TYPE.search(match["attrs"]):
            continue
        if not match["body"].startswith(THEME_SCRIPTS):
            raise UnknownInlineScript(f"an inline <script> that is not the theme's own: {match['body'][:80]!r}; "
                                      "put code in a file under docs/assets/ instead", match["body"])
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy(html: str, offline: bool = False) -> str:
    hashes = " ".join(inline_script_hashes(html))  # also refuses inline scripts that are not the theme's
    return "; ".join(OFFLINE_POLICY) if offline else "; ".join(POLICY).format(hashes=hashes).replace(" ;", ";")


def with_policy(html: str, offline: bool = False) -> str:
    """The page with its policy as the first element after <meta charset>, before any script or stylesheet."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
    charset = CHARSET.search(html)
    if charset is None:
        raise ValueError("page has no <meta charset>: cannot place the Content-Security-Policy before its scripts")
    return html[:charset.end()] + meta + html[charset.end():]


_nav_pages: list = []


def on_nav(nav, **kwargs):
    _nav_pages[:] = nav.pages
    return nav


def where_it_is(script: str, page, pages) -> str:
    """The page to blame for an inline script found in `page`'s HTML: the page itself when its content holds it,
    else the page whose title (shown in every page's navigation and header) holds it."""
    if page.content and script in page.content:
        return f"docs/{page.file.src_uri}"
    for other in pages:
        if other.title and script in str(other.title):
            return f"docs/{other.file.src_uri} (in its title, shown in the navigation of docs/{page.file.src_uri})"
    return f"docs/{page.file.src_uri} (outside its content: in the theme's header or navigation)"


def on_post_page(output, page, config, **kwargs):
    if not config.extra.get("csp", True):
        return output
    try:
        return with_policy(output, offline=config.extra.get("offline_copy", False))
    except UnknownInlineScript as error:
        raise PluginError(f"{where_it_is(error.script, page, _nav_pages)}: {error}") from None


def on_post_template(output_content, template_name, config, **kwargs):
    """Theme pages that are not Markdown pages: the 404 page."""
    if not template_name.endswith(".html") or not config.extra.get("csp", True):
        return output_content
    return with_policy(output_content, offline=config.extra.get("offline_copy", False))
