"""Markdown for bank text, rendered with the site's extensions but safe to show: raw HTML is shown as text,
and nothing in a bank can run a script (no <script>, no on* attributes, no javascript: or data: links)."""

from __future__ import annotations

import re
from html import unescape
from typing import Callable
from xml.etree import ElementTree

import markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:")
DROPPED_ELEMENTS = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea", "select", "link", "meta", "base"}
# What Markdown and the site's extensions write. attr_list lets an author set any other attribute ({: name=x}), and
# on*, style, id, name (DOM clobbering) or data-* (read by the quiz runtime) must not reach the page.
ALLOWED_ATTRIBUTES = {"href", "src", "alt", "title", "class", "lang", "dir", "open", "start", "colspan", "rowspan", "align"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def is_safe_url(url: str) -> bool:
    """Relative links and http(s)/mailto only.

    >>> [is_safe_url(u) for u in ("../a.md#x", "#x", "https://who.int", "javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x")]
    [True, True, True, False, False, False]
    >>> is_safe_url("jav&#x09;ascript:x")  # the browser decodes the entity, then drops the tab
    False
    """
    cleaned = re.sub(r"[\x00-\x20]", "", unescape(url))
    scheme = _SCHEME.match(cleaned)
    return scheme is None or (scheme.group(1).lower() + ":") in SAFE_SCHEMES


def _is_remote(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]", "", unescape(url))
    return bool(_SCHEME.match(cleaned) or re.match(r"[/\\]{2}", cleaned))  # browsers read "\\" as "/"


class _Sanitiser(Treeprocessor):
    def __init__(self, md, rewrite_link: Callable[[str], str] | None):
        super().__init__(md)
        self.rewrite_link = rewrite_link

    def run(self, root: ElementTree.Element):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in DROPPED_ELEMENTS:
                    parent.remove(child)
        for element in root.iter():
            for name in list(element.attrib):
                # Exact, lower-case names only: {: HREF="javascript:..."} must not slip past the checks below.
                # Ids come from the quiz renderer only: bank text must not clash with the page's anchors.
                if name not in ALLOWED_ATTRIBUTES:
                    del element.attrib[name]
            if element.get("class"):
                # The runtime finds its parts by their quiz* classes: bank text must not pose as one.
                kept = [c for c in element.get("class").split() if not c.lower().startswith("quiz")]
                if kept:
                    element.set("class", " ".join(kept))
                else:
                    del element.attrib["class"]
            for name in ("href", "src"):
                url = element.get(name)
                if url is None:
                    continue
                if not is_safe_url(url) or (name == "src" and _is_remote(url)):
                    del element.attrib[name]  # a remote image would tell another host who reads the page
                elif self.rewrite_link and not _SCHEME.match(url):
                    element.set(name, self.rewrite_link(url))
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = "p"  # headings inside a question would break the page outline


class SafeMarkdown:
    """Render bank text. One instance per bank and page; `rewrite_link` turns a relative link into a page URL."""

    def __init__(self, extensions=(), extension_configs=None, rewrite_link: Callable[[str], str] | None = None):
        # Extensions that write the page's table of contents or read other files make no sense in bank text.
        skip = {"toc", "markdown.extensions.toc", "pymdownx.snippets"}
        extensions = [e for e in extensions if not (isinstance(e, str) and e in skip)]
        configs = {k: v for k, v in (extension_configs or {}).items() if k not in skip}
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        # No raw HTML: it is escaped and shown as text.
        for name in ("html_block",):
            if name in self.md.preprocessors:
                self.md.preprocessors.deregister(name)
        if "html" in self.md.inlinePatterns:
            self.md.inlinePatterns.deregister("html")
        self.md.treeprocessors.register(_Sanitiser(self.md, rewrite_link), "quiz_sanitiser", 0.5)

    def block(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text or "")

    def inline(self, text: str) -> str:
        """Render text that sits inside a label or legend: one paragraph, without the <p>."""
        html = self.block(text)
        match = re.fullmatch(r"\s*<p>(.*)</p>\s*", html, flags=re.S)
        return match.group(1) if match and "<p>" not in match.group(1) else html
