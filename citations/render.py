"""A page's citations and its Sources list, from the HTML the Markdown extension wrote. Pure functions.

Citations are numbered in the order they first appear on the page (the page's own text, then the quiz banks it
places, where they sit); the Sources list under the page's `## Sources {#sources}` heading holds exactly those
sources, in that order, so [3] in the text is the third entry of the list and links to it. The numbers and the
list are the same in every language; only the labels and the notes are translated.
"""

from __future__ import annotations

import re
from html import escape

from .model import CitationError, Source

_REF = re.compile(r'<a class="cite__ref" href="#source-([a-z][a-z0-9-]*)">[^<]*</a>')
_ANY_REF = re.compile(r'class="cite__ref"')
_SOURCES_HEADING = re.compile(r'<h2 id="sources"[^>]*>.*?</h2>', re.S)
ET_AL = "et al."  # the last "author" where the full list was not checked
_INITIALS = re.compile(r"^(?:[A-Z]\.-?)+$")

LABELS = {
    "en": {"source": "Source", "sources": "Sources", "note": "Note"},
    "ka": {"source": "წყარო", "sources": "წყაროები", "note": "შენიშვნა"},
    "ru": {"source": "Источник", "sources": "Источники", "note": "Примечание"},
}


def short_reference(source: Source) -> str:
    """The first author's surname (or the organisation) and the year.

    >>> short_reference(Source("w", ("Weir K.", "Kilili S.", "Cooper J."), "T", "V", 2021))
    'Weir et al., 2021'
    >>> short_reference(Source("h", ("Hughes C. E.", "Stevens A."), "T", "V", 2010))
    'Hughes & Stevens, 2010'
    >>> short_reference(Source("s", ("Schiff D. M.", "et al."), "T", "V", 2016))
    'Schiff et al., 2016'
    >>> short_reference(Source("who", ("World Health Organization",), "T", "V", 2014))
    'World Health Organization, 2014'
    """
    def surname(name: str) -> str:
        words = name.split()
        while len(words) > 1 and _INITIALS.match(words[-1]):
            words.pop()
        return " ".join(words)

    names = [surname(a) for a in source.authors]
    if len(names) > 2 or names[-1] == ET_AL:
        who = f"{names[0]} {ET_AL}"
    else:
        who = " & ".join(names)
    return f"{who}, {source.year}"


def cited_keys(html: str) -> list[str]:
    """Keys in the order of their first citation on the page.

    >>> cited_keys('<a class="cite__ref" href="#source-b">b</a> <a class="cite__ref" href="#source-a">a</a> '
    ...            '<a class="cite__ref" href="#source-b">b</a>')
    ['b', 'a']
    """
    return list(dict.fromkeys(_REF.findall(html)))


def number_citations(html: str, registry: dict[str, Source], language: str, page: str) -> tuple[str, list[str]]:
    """Number every citation link; return the page and its keys in list order. An unknown key is an error."""
    keys = cited_keys(html)
    if len(_ANY_REF.findall(html)) != len(_REF.findall(html)):
        raise CitationError("a citation link was changed after it was written; cite with [@key] only", path=page)
    unknown = [key for key in keys if key not in registry]
    if unknown:
        raise CitationError(f"unknown source key(s) {', '.join(unknown)}: not in data/sources.yml", path=page)
    number = {key: index for index, key in enumerate(keys, start=1)}
    label = LABELS.get(language, LABELS["en"])["source"]

    def link(match: re.Match) -> str:
        key = match.group(1)
        # "Source 3" in the page's language: a screen reader says what the bare number is; the entry, one tap away,
        # names the authors. No title attribute: Material's tooltips would build a floating box for every citation.
        return f'<a class="cite__ref" href="#source-{key}" aria-label="{escape(label)} {number[key]}">{number[key]}</a>'

    return _REF.sub(link, html), keys


def author_list(source: Source) -> str:
    """
    >>> author_list(Source("s", ("Schiff D. M.", "et al."), "T", "V", 2016))
    'Schiff D. M. et al.'
    """
    names = list(source.authors)
    tail = f" {ET_AL}" if names[-1] == ET_AL and len(names) > 1 else ""
    return ", ".join(names[:-1] if tail else names) + tail


def _sentence(text: str) -> str:
    return text if text[-1:] in ".?!" else text + "."


def source_entry(source: Source, language: str, anchor: bool = True) -> str:
    """One list entry: authors (year). Title. Venue. DOI or address. Note, translated. With an id for the page's
    citation links to point at (anchor), or without, where there are none (the Moodle export).

    >>> source_entry(Source("w", ("Weir K.", "Kilili S."), "Checkpoint", "The Police Journal", 2021, doi="10.1/x"), "ka")
    '<li id="source-w"><span lang="en">Weir K., Kilili S. (2021). Checkpoint. <em>The Police Journal</em>.</span> <a href="https://doi.org/10.1/x" rel="noreferrer">doi:10.1/x</a></li>'
    """
    cite = (f"{escape(author_list(source))} ({source.year}). {escape(_sentence(source.title))} "
            f"<em>{escape(source.venue.rstrip('.'))}</em>.")
    if language != source.language:
        cite = f'<span lang="{escape(source.language)}">{cite}</span>'
    links = []
    if source.doi:
        links.append(f'<a href="https://doi.org/{escape(source.doi)}" rel="noreferrer">doi:{escape(source.doi)}</a>')
    if source.url:
        links.append(f'<a href="{escape(source.url)}" rel="noreferrer">{escape(source.url)}</a>')
    note = ""
    if source.note:
        label = LABELS.get(language, LABELS["en"])["note"]
        note = f'<br><small class="sources__note">{escape(label)}: {escape(source.note.get(language, source.note["en"]))}</small>'
    opening = f'<li id="source-{source.key}">' if anchor else "<li>"
    return f'{opening}{" ".join([cite, *links])}{note}</li>'


def sources_list(keys: list[str], registry: dict[str, Source], language: str, anchor: bool = True) -> str:
    return '<ol class="sources">' + "".join(source_entry(registry[key], language, anchor) for key in keys) + "</ol>"


def place_sources_list(html: str, keys: list[str], registry: dict[str, Source], language: str, page: str) -> str:
    """Put the list right under the page's Sources heading. A page that cites needs the heading, and a page with the
    heading needs a citation: an empty or missing list is an author's mistake, not something to publish."""
    heading = _SOURCES_HEADING.search(html)
    if keys and not heading:
        raise CitationError("the page cites sources but has no '## Sources {#sources}' heading for their list",
                            path=page)
    if heading and not keys:
        raise CitationError("the page has a Sources heading but cites nothing: cite with [@key] where a fact "
                            "comes from a source, or remove the heading", path=page)
    if not heading:
        return html
    return html[:heading.end()] + sources_list(keys, registry, language) + html[heading.end():]
