"""Markdown for bank text, rendered with the site's extensions but safe to show: raw HTML is shown as text,
and nothing in a bank can run a script (no <script>, no on* attributes, no javascript: or data: links) or pose as
a part of the quiz (no id, no data-*, no quiz* class).

Two passes. In the element tree, elements that run or load something are dropped and headings become paragraphs.
Then the finished HTML, after Python-Markdown has put back what it set aside (character references such as `&#113;`,
entity-encoded email links), is read again as a browser reads it and written out afresh: only known elements, only
allowed attributes, each value checked as the browser will decode it, every text and value escaped. What is checked
is what the browser sees: `class="&#113;uiz__data"` is `quiz__data` here too."""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Callable
from xml.etree import ElementTree

import markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:")
DROPPED_ELEMENTS = {"script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea", "select", "link", "meta", "base"}
# What Markdown and the site's extensions write; any other element loses its tags (its text stays, escaped).
ALLOWED_ELEMENTS = {"p", "a", "em", "strong", "b", "i", "code", "pre", "kbd", "ul", "ol", "li", "blockquote", "hr", "br",
                    "img", "div", "span", "details", "summary", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                    "caption", "dl", "dt", "dd", "sup", "sub", "abbr", "del", "ins", "s", "mark", "small"}
# attr_list lets an author set any other attribute ({: name=x}), and on*, style, id, name (DOM clobbering) or data-*
# (read by the quiz runtime) must not reach the page.
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
    """Drop elements that run or load something, and headings (a question must not break the page outline)."""

    def run(self, root: ElementTree.Element):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag in DROPPED_ELEMENTS:
                    parent.remove(child)
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = "p"


class _Rewriter(HTMLParser):
    """Read finished HTML as a browser does (character references decoded) and write it out again, safe."""

    def __init__(self, rewrite_link: Callable[[str], str] | None, links: list[str]):
        super().__init__(convert_charrefs=True)
        self.rewrite_link = rewrite_link
        self.links = links
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs, "")

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag):
        if tag in ALLOWED_ELEMENTS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(escape(data, quote=False))

    def _tag(self, tag, attrs, end):
        if tag not in ALLOWED_ELEMENTS:
            return
        kept = []
        for name, value in attrs:  # names are lower case and values decoded, as the browser has them
            value = self._value(name, value)
            if value is None:
                continue
            kept.append(f" {name}" if value is True else f' {name}="{escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}{end}>")

    def _value(self, name: str, value: str | None):
        """The attribute's value to keep (True for one without a value), or None to drop it."""
        if name not in ALLOWED_ATTRIBUTES:
            return None
        if value is None:
            return True
        if name == "class":
            # The runtime finds its parts by their quiz* classes: bank text must not pose as one.
            kept = [c for c in value.split() if not c.lower().startswith("quiz")]
            return " ".join(kept) or None
        if name in ("href", "src"):
            if not is_safe_url(value) or (name == "src" and _is_remote(value)):
                return None  # a remote image would tell another host who reads the page
            if self.rewrite_link and not _SCHEME.match(value):
                self.links.append(value)
                return self.rewrite_link(value)
        return value


class _FinalSanitiser(Postprocessor):
    def __init__(self, md, rewrite_link: Callable[[str], str] | None, links: list[str]):
        super().__init__(md)
        self.rewrite_link = rewrite_link
        self.links = links

    def run(self, text: str) -> str:
        parser = _Rewriter(self.rewrite_link, self.links)
        parser.feed(text)
        parser.close()
        return "".join(parser.out)


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
        self.md.treeprocessors.register(_Sanitiser(self.md), "quiz_sanitiser", 0.5)
        # After every other postprocessor (raw_html 30, footnote 25, amp_substitute 20): the HTML as it will be.
        self.links: list[str] = []  # every relative link rewritten, as written in the bank
        self.md.postprocessors.register(_FinalSanitiser(self.md, rewrite_link, self.links), "quiz_final_sanitiser", 1)

    def block(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text or "")

    def inline(self, text: str) -> str:
        """Render text that sits inside a label or legend: one paragraph, without the <p>."""
        html = self.block(text)
        match = re.fullmatch(r"\s*<p>(.*)</p>\s*", html, flags=re.S)
        return match.group(1) if match and "<p>" not in match.group(1) else html
