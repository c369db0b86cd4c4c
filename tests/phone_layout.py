"""What a reader sees of a page's tables on a phone: words broken in the middle, and anything that scrolls sideways."""

from __future__ import annotations

# Every word of every visible table cell, measured where the browser drew it: a word drawn on two lines is broken.
# Words are split at spaces, hyphens, dashes and slashes, where a line may end; an `overflow-wrap: anywhere` break
# inside a word ("starte|d", "სტატუ|სი") is what this finds.
TABLE_PROBLEMS = r"""() => {
  const problems = [];
  const visible = (el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  document.querySelectorAll("article table").forEach((table, index) => {
    if (!visible(table)) return;
    const name = `table ${index + 1} (${table.className || "Markdown"})`;
    const wrap = table.closest(".md-typeset__scrollwrap") || table;
    if (wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`${name} scrolls sideways: ${wrap.scrollWidth} px in ${wrap.clientWidth} px`);
    table.querySelectorAll("td, th").forEach((cell) => {
      if (!visible(cell)) return;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node; (node = walker.nextNode());) {
        for (const word of node.data.matchAll(/[^\s\-–—\/]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) problems.push(`${name}: "${word[0]}" is broken over ${lines.size} lines`);
        }
      }
    });
  });
  const page = document.scrollingElement;
  if (page.scrollWidth > window.innerWidth) problems.push(`the page scrolls sideways: ${page.scrollWidth} px in ${window.innerWidth} px`);
  return problems;
}"""


def table_problems(page) -> list[str]:
    """Broken words, tables that scroll sideways and a page that does, as the reader sees them now."""
    return page.evaluate(TABLE_PROBLEMS)
