"""A Markdown extension that writes each `[@key]` or `[@key1; @key2]` as links to the page's Sources list.

It knows no registry and no numbers: it writes `<span class="cite">[<a class="cite__ref" href="#source-key">key</a>]</span>`
and the page pass (render.number_citations) numbers the links once the whole page, quiz banks included, is there.
The quiz plugin renders bank text with the site's Markdown extensions, so bank text gets the same markup; its
sanitiser keeps it (a span and links to the page's own anchors, with classes that do not start with "quiz").
A citation inside code, or escaped as `\\[@key]`, stays text.
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from .cite import CITATION, SyntaxProblem, parse_keys

# Above links and references (160-170), so "[@key]" is never read as a link; below backticks and escapes (180-190),
# so code spans and "\[" keep their meaning.
PRIORITY = 175


def citation_element(keys: list[str]) -> ElementTree.Element:
    span = ElementTree.Element("span", {"class": "cite"})
    span.text = "["
    for index, key in enumerate(keys):
        link = ElementTree.SubElement(span, "a", {"class": "cite__ref", "href": f"#source-{key}"})
        link.text = AtomicString(key)
        link.tail = "]" if index == len(keys) - 1 else ", "
    return span


class _CitationProcessor(InlineProcessor):
    def handleMatch(self, match, data):
        try:
            keys = parse_keys(" ".join(match.group(1).split()))
        except SyntaxProblem:
            return None, None, None  # left as text; the build's check names its file and line
        return citation_element(keys), match.start(0), match.end(0)


class CitationExtension(Extension):
    """Stateless: one instance can serve every page and every bank."""

    def extendMarkdown(self, md):
        md.inlinePatterns.register(_CitationProcessor(CITATION.pattern, md), "citation", PRIORITY)


def makeExtension(**kwargs):  # the name Markdown looks for
    return CitationExtension(**kwargs)
