"""A page's own HTML must not carry the quiz's classes.

The runtime finds its parts on a page by their quiz* classes: the quizzes, and also the page's shared data (the
interface strings, the module's layout, the progress table). Bank text cannot write such a class (safe_markdown.py
drops it). A page's Markdown may hold raw HTML and `{: .class }` attributes, so the plugin refuses a page whose own
HTML, before any quiz is placed in it, has a class beginning with "quiz", however it is written.

Plain Python: the MkDocs plugin uses it.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _QuizClasses(HTMLParser):
    """Collects the quiz* classes of every element; character references are decoded first, as a browser does."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "class" and value:
                self.found += [c for c in value.split() if c.lower().startswith("quiz")]

    handle_startendtag = handle_starttag


def quiz_classes(html: str) -> list[str]:
    """The classes beginning with "quiz" in this HTML, in order.

    >>> quiz_classes('<p class="note">A</p><div class="x &#113;uiz-strings"></div><hr class="QUIZ__data">')
    ['quiz-strings', 'QUIZ__data']
    """
    parser = _QuizClasses()
    parser.feed(html)
    parser.close()
    return parser.found


def posing_problem(path: str, source: str, html: str) -> str | None:
    """Why this page cannot be built, or None. `html` is the page's own HTML (no quiz placed yet); the source names
    the line when the class is written plainly there.

    >>> posing_problem("docs/en/a.md", "# A\\n\\n<div class='quiz-layout'></div>\\n", "<div class='quiz-layout'></div>")[:46]
    "docs/en/a.md:3: the class 'quiz-layout' is the"
    >>> posing_problem("docs/en/a.md", "# A\\n", "<h1>A</h1>") is None
    True
    """
    classes = quiz_classes(html)
    if not classes:
        return None
    lines = source.splitlines()
    line = next((n for n, text in enumerate(lines, 1) if classes[0].lower() in text.lower()), None)
    return (f"{path}{f':{line}' if line else ''}: the class '{classes[0]}' is the quiz's own: the quiz finds its "
            "parts and its data by the classes that begin with 'quiz', so a page may not use them (place a quiz "
            "with a marker such as <!-- quiz: lesson-1 -->, and give your own elements another class)")
