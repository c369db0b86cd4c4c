"""Tables that read on a 360 px phone. On a narrow screen docs/assets/site.css shows each row of a Markdown table as a
card, each cell under its column's name: no word is broken in the middle, and nothing scrolls sideways. For that, every
body cell carries its column's name in `data-label`, and explicit ARIA roles keep the table a table for screen
readers when the stylesheet displays its parts as blocks (browsers drop table semantics for `display: block`).
Only tables as Markdown writes them (`<table>` without attributes) are touched; the quiz plugin labels its own.
"""

from __future__ import annotations

import re
from html import escape, unescape
from itertools import count

TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEADER = re.compile(r"<th(\s[^>]*)?>(.*?)</th>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td(\s[^>]*)?>")


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def labelled(html: str) -> str:
    """Every Markdown table in a page's HTML, with roles and its body cells labelled by their column.

    >>> print(labelled("<table><thead><tr><th>Time</th><th><em>What</em></th></tr></thead>"
    ...                "<tbody><tr><td>9:00</td><td>Opening</td></tr></tbody></table>"))
    <table role="table"><thead role="rowgroup"><tr role="row"><th role="columnheader">Time</th><th role="columnheader"><em>What</em></th></tr></thead><tbody role="rowgroup"><tr role="row"><td role="cell" data-label="Time">9:00</td><td role="cell" data-label="What">Opening</td></tr></tbody></table>
    """
    def table(match: re.Match) -> str:
        inner = match.group(1)
        head, _, body = inner.partition("</thead>")
        if not body:
            return match.group(0)
        labels = [_text(cell) for _, cell in HEADER.findall(head)]

        def row(row_match: re.Match) -> str:
            column = count()  # a row may have more cells than the head has names: those get none

            def cell(cell_match: re.Match) -> str:
                index = next(column)
                label = labels[index] if index < len(labels) else ""
                return f'<td role="cell" data-label="{escape(label)}"{cell_match.group(1) or ""}>'
            return f'<tr role="row">{CELL.sub(cell, row_match.group(1))}</tr>'

        head = HEADER.sub(lambda m: f'<th role="columnheader"{m.group(1) or ""}>{m.group(2)}</th>', head)
        head = head.replace("<thead>", '<thead role="rowgroup">').replace("<tr>", '<tr role="row">')
        body = ROW.sub(row, body.replace("<tbody>", '<tbody role="rowgroup">'))
        return f'<table role="table">{head}</thead>{body}</table>'

    return TABLE.sub(table, html)


def on_page_content(html, page, config, files, **kwargs):
    return labelled(html) if "<table>" in html else html
