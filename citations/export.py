"""Citations in bank text exported for Moodle (tools/export.py gives this to quiz_plugin's export as `citations`).

On the site a citation is a number that links to the page's Sources list. A Moodle question stands alone and is shown
in any order, without that list, so there a citation is written as a short reference, "(Weir et al., 2021)", and the
question's general feedback (shown once an attempt is reviewed) lists the full entries under "Sources", written as
on a page's list.

>>> from .model import Source
>>> cite = ExportCitations({"who2014": Source("who2014", ("World Health Organization",), "Community management",
...                                           "WHO", 2014, url="https://example.org/who")})
>>> cite.readable("The WHO's estimate [@who2014].", "ka")
"The WHO's estimate (World Health Organization, 2014)."
>>> cite.sources("The WHO's estimate [@who2014].", "ru")
'<p>Источники</p><ol class="sources"><li><span lang="en">World Health Organization (2014). Community management. <em>WHO</em>.</span> <a href="https://example.org/who" rel="noreferrer">https://example.org/who</a></li></ol>'
>>> cite.sources("No citation here; `[@who2014]` is code.", "en")
''
"""

from __future__ import annotations

import re
from html import escape

from .cite import citation_problems, replace_citations
from .model import Source
from .render import LABELS, short_reference, sources_list

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


class ExportCitations:
    """The protocol quiz_plugin.export_common.Citations describes: problems, readable, sources."""

    def __init__(self, registry: dict[str, Source]):
        self.registry = registry

    def problems(self, text: str, path: str) -> list[str]:
        """Malformed citations and unknown keys in a bank file's text, each with file and line."""
        return citation_problems(text, path, self.registry)

    def readable(self, markdown: str, language: str) -> str:
        """Bank Markdown with each citation as "(Author, year; Author, year)", in Markdown."""
        def reference(keys: list[str]) -> str:
            return "(" + "; ".join(_MARKDOWN_SPECIAL.sub(r"\\\1", short_reference(self.registry[key]))
                                   for key in keys) + ")"
        return replace_citations(markdown, reference)

    def sources(self, markdown: str, language: str) -> str:
        """HTML: "Sources" and the entries cited in the text, in order of first citation; "" when it cites none."""
        keys: list[str] = []
        replace_citations(markdown, lambda cited: keys.extend(cited) or "")
        if not keys:
            return ""
        label = LABELS.get(language, LABELS["en"])["sources"]
        return f"<p>{escape(label)}</p>" + sources_list(list(dict.fromkeys(keys)), self.registry, language,
                                                         anchor=False)
