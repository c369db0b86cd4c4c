"""Content from any contributor cannot pose as the quiz's own parts, break a page's ids, leak answers into search,
or print markup from titles; every failure names the bank and the question. Builds of small real sites and the
quiz core; the browser side is in test_browser_untrusted.py, the validate/build corpus in test_validate_agrees.py."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from mkdocs.exceptions import Abort, PluginError

from quiz_plugin.errors import BankError
from quiz_plugin.loader import load_bank_text
from quiz_plugin.markers import page_markers, placed_banks
from quiz_plugin.render import QuizRenderer, duplicate_ids, render_bank
from quiz_plugin.safe_markdown import SafeMarkdown
from sitebuilder import ROOT, build_site, make_site, page
from test_build import load_hook
from test_fuzz_loader import site_markdown

HOME = page("Home", "# Home {#home}\n\nHello.\n")


def bank(*questions: str, title: str = "Demo") -> str:
    return f"id: demo\ntitle: {title}\nquestions:\n" + "".join(questions)


def single(prompt: str, qid: str = "q1") -> str:
    return (f"  - id: {qid}\n    type: single\n    prompt: {json.dumps(prompt)}\n    options:\n"
            "      - {id: a, text: A, correct: true}\n      - {id: b, text: B}\n")


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


# --- Bank text cannot pose as the quiz's own parts (class 2) -----------------------------------------------------

# Columns: how the text writes a class (or another attribute) that the runtime would read.
POSING = [
    "Text\n{: class=\"&#113;uiz__data\" }",
    "Text\n{: .&#113;uiz__data }",
    "Text\n{: class=\"&#x71;uiz__question\" }",
    "Text\n{: class=\"&#0000113;uiz__data x\" }",
    "Text\n{: class=\"&#113uiz__data\" }",
    "Text\n{: class=\"&#81;UIZ__DATA\" }",
    "Text\n{: class=\"q&#117;iz__result\" }",
    "Text\n{: class=\"&amp;#113;uiz__data\" }",
    "[x](#a){: class=\"&#113;uiz__retry\" }",
    "Text\n{: data-&#113;uestion=\"x\" }",
    "Text\n{: &#105;d=\"quiz-demo\" }",
]


@pytest.mark.parametrize("text", POSING)
def test_character_references_cannot_make_bank_text_pose_as_the_quiz(text):
    html = SafeMarkdown(*site_markdown()).block(text)
    for tag, attrs in Elements(html).found:
        classes = (attrs.get("class") or "").split()
        assert not [c for c in classes if c.lower().startswith("quiz")], html
        assert "id" not in attrs and not [name for name in attrs if name.startswith("data-")], html


def test_in_a_built_page_only_the_quiz_itself_has_its_parts(tmp_path):
    posing = bank(single("Pick\n\n{\"bank\":\"demo\"}\n{: class=\"&#113;uiz__data\" }"),
                  single("Fake question\n{: .&#113;uiz__question }", "q2"))
    site = build_site(make_site(tmp_path, {"index.md": HOME, "quiz.md": page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")},
                                {"demo": posing}))
    found = Elements((site / "ka" / "quiz.html").read_text(encoding="utf-8")).found
    classes = [c for _, attrs in found for c in (attrs.get("class") or "").split()]
    assert classes.count("quiz__data") == 1 and classes.count("quiz__question") == 2


# A page's Markdown may hold raw HTML and attributes: it cannot give its own elements the quiz's classes either, as
# the runtime reads the page's strings, layout and progress table by them.
PAGE_POSING = [
    ('<div class="quiz-layout" data-x="1">Lessons</div>\n', "docs/en/page.md:8: the class 'quiz-layout'"),
    ("A paragraph.\n{: .quiz-strings }\n", "docs/en/page.md:9: the class 'quiz-strings'"),
    ('<p class="note &#113;uiz-progress">Done</p>\n', "docs/en/page.md: the class 'quiz-progress'"),
]


@pytest.mark.parametrize("markup,message", PAGE_POSING)
def test_a_page_whose_own_html_poses_as_the_quiz_stops_the_build_naming_it(tmp_path, caplog, markup, message):
    pages = {"index.md": HOME, "page.md": page("Page", "# Page {#page}\n\n" + markup)}
    with pytest.raises((Abort, PluginError)):
        build_site(make_site(tmp_path, pages, {"demo": bank(single("A"))}))
    assert message + " is the quiz's own" in caplog.text


# --- Email autolinks (class 9) ----------------------------------------------------------------------------------

def test_an_email_autolink_in_a_bank_is_a_mailto_link_on_the_page(tmp_path):
    site = build_site(make_site(tmp_path, {"index.md": HOME, "quiz.md": page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")},
                                {"demo": bank(single("Write to <info@example.org>."))}))
    links = [attrs for tag, attrs in Elements((site / "quiz.html").read_text(encoding="utf-8")).found if tag == "a"]
    assert {"href": "mailto:info@example.org"} in links


# --- Every failure names the bank and the question (classes 3, 7, 13) ----------------------------------------------

def test_a_failure_inside_markdown_names_the_bank_and_the_question(monkeypatch):
    loaded = load_bank_text(bank(single("Fine"), single("Breaks the extension", "q2")), "docs/en/quizzes/demo.yml")
    text = SafeMarkdown(*site_markdown())
    original = text.block

    def block(value):
        if "Breaks" in value:
            raise RecursionError("maximum recursion depth exceeded")
        return original(value)

    monkeypatch.setattr(text, "block", block)
    monkeypatch.setattr(text, "inline", block)
    with pytest.raises(BankError) as caught:
        render_bank(loaded, "en", text)
    assert str(caught.value) == ("docs/en/quizzes/demo.yml:10: question 'q2': the text is nested too deeply to show; "
                                 "flatten its lists and quotes")


# Columns: a bad bank; words a Python programmer writes that an author would not understand.
PYTHON_WORDS = re.compile(r"\b(?:NoneType|str|dict|int|float|bool)\b|\[\s*'|\bint\(|sys\.|Traceback|Error\b")
PLAIN_MESSAGES = [
    "id: demo\ntitle: T\npass_mark: high\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n",
    "id: demo\ntitle: T\npass_mark: 7.5\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n",
    "id: demo\ntitle: [a]\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n",
    "id: demo\ntitle: T\nquestions: [{id: q, type: true-false, prompt: p, answer: ~}]\n",
    "id: demo\ntitle: T\npass_mark: " + "9" * 5000 + "\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n",
    "id: demo\ntitle: !!int abc\nquestions: []\n",
    "- a list\n",
]


@pytest.mark.parametrize("text", PLAIN_MESSAGES)
def test_messages_speak_to_authors_not_programmers(text):
    with pytest.raises(BankError) as caught:
        load_bank_text(text, "docs/en/quizzes/demo.yml", expected_id="demo")
    assert not PYTHON_WORDS.search(caught.value.problem), caught.value.problem


def test_translated_questions_that_differ_are_listed_as_ids():
    from quiz_plugin.keys import check_same_key
    english = load_bank_text(bank(single("A"), single("B", "q2")), "docs/en/quizzes/demo.yml")
    georgian = load_bank_text(bank(single("A")), "docs/ka/quizzes/demo.yml")
    with pytest.raises(BankError, match=r"questions differ from docs/en/quizzes/demo.yml: missing q2$"):
        check_same_key(english, georgian)


# --- Markers (classes 5 and 13) and ids (class 12) ---------------------------------------------------------------

# Columns: a page's Markdown; the markers it has.
MARKERS = [
    ("<!-- quiz: a -->\n", ["quiz: a"]),
    ("Write `<!-- quiz: a -->` on a line of its own.\n", []),
    ("```markdown\n<!-- quiz: a -->\n```\n", []),
    ("~~~~\n```\n<!-- quiz: a -->\n~~~~\n<!--quiz:b-->\n", ["quiz: b"]),
    ("!!! note\n    <!-- quiz: a -->\n", ["quiz: a"]),
    ("<!-- quiz-progress -->\n<!-- quiz-completion -->\n<!-- quiz-reset -->\n",
     ["quiz-progress", "quiz-completion", "quiz-reset"]),
    ("---\ntitle: <!-- quiz: a -->\n---\n", []),
    # The checks before and after the module, and the pages of issue 17 (test_untrusted_classroom.py)
    ("<!-- quiz: check before -->\n\n<!--quiz:check   after-->\n", ["quiz: check before", "quiz: check after"]),
    ("<!-- quiz-change -->\n<!-- quiz-handover -->\n<!-- quiz-class-report -->\n",
     ["quiz-change", "quiz-handover", "quiz-class-report"]),
    ("Write `<!-- quiz: check before -->` on a line.\n\n```\n<!-- quiz-class-report -->\n```\n", []),
]


@pytest.mark.parametrize("markdown, expected", MARKERS)
def test_only_markers_on_lines_of_their_own_outside_code_count(markdown, expected):
    assert [marker for _, marker in page_markers(markdown)] == expected


def test_a_marker_in_inline_code_places_nothing_and_is_not_in_the_progress_table(tmp_path):
    lesson = page("Lesson", "# Lesson {#lesson}\n\nPlace a quiz with `<!-- quiz: demo -->` on its own line.\n")
    pages = {"index.md": HOME, "training/lesson.md": lesson,
             "training/progress.md": page("Progress", "# Progress {#progress}\n\n<!-- quiz-progress -->\n")}
    site = build_site(make_site(tmp_path, pages, {"demo": bank(single("A"))}))
    assert 'class="quiz"' not in (site / "training" / "lesson.html").read_text(encoding="utf-8")
    assert 'data-progress="demo"' not in (site / "training" / "progress.html").read_text(encoding="utf-8")


def test_a_translation_that_swaps_a_quiz_stops_the_build_naming_it(tmp_path, caplog):
    one, two = (page(t, f"# {t} {{#top}}\n\n<!-- quiz: {b} -->\n") for t, b in (("One", "demo"), ("Two", "other")))
    pages = {"index.md": HOME, "one.md": {"en": one, "ka": one.replace("demo", "other"), "ru": one}, "two.md": two}
    config = make_site(tmp_path, pages, {"demo": bank(single("A")), "other": bank(single("A")).replace("demo", "other")})
    with pytest.raises((Abort, PluginError)):
        build_site(config)
    assert ("docs/ka/one.md: the quiz markers differ from docs/en/one.md: missing quiz: demo (docs/en/one.md:8); "
            "extra quiz: other (line 8)") in caplog.text


def test_question_and_item_ids_never_clash():
    clash = bank(single("A", "q-a"), "  - id: q\n    type: order\n    prompt: P\n    items:\n"
                 "      - {id: a, text: First}\n      - {id: b, text: Second}\n")
    html = render_bank(load_bank_text(clash, "demo.yml"), "en", SafeMarkdown(*site_markdown()))
    assert 'id="quiz-demo-q-a"' in html and duplicate_ids(html) == []


# --- Answers stay out of search (class 13) ------------------------------------------------------------------------

def test_quiz_answers_are_left_out_of_search_and_questions_are_not(tmp_path):
    answers = bank(
        "  - id: q1\n    type: single\n    prompt: Which antidote reverses an overdose\n    options:\n"
        "      - {id: a, text: Naloxonium, correct: true, feedback: Feedbackword}\n      - {id: b, text: Aspirin}\n"
        "    explanation: \"Explainword\\n\\n??? note \\\"Nested\\\"\\n    Innerword\\n\\nAfterword\"\n",
        "  - id: q2\n    type: text\n    prompt: Name it\n    accept: [Acceptword]\n")
    site = build_site(make_site(tmp_path, {"index.md": HOME, "quiz.md": page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")},
                                {"demo": answers}))
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Which antidote reverses an overdose" in index
    for word in ("Correct answer", "Feedbackword", "Explainword", "Innerword", "Afterword", "Acceptword"):
        assert word not in index, word


# --- Titles and front matter print as text (class 1, 13) ---------------------------------------------------------

def test_titles_taken_from_headings_are_printed_as_text(tmp_path):
    headed = "# Evil &lt;script&gt;window.x=1&lt;/script&gt; <img src=x onerror=alert(1)> {#evil}\n\nText.\n"
    site = build_site(make_site(tmp_path, {"a.md": page("A", "# A {#a}\n\nHello.\n"), "index.md": HOME, "b.md": headed}))
    for built in ("a.html", "b.html", "ka/a.html"):  # the page itself, and the navigation of the others
        html = (site / built).read_text(encoding="utf-8")
        assert "<script>window" not in html, built
    assert "onerror=alert" not in (site / "a.html").read_text(encoding="utf-8")  # the heading's own HTML stays in b
    html = (site / "b.html").read_text(encoding="utf-8")
    assert "onerror" not in html[:html.index("<article")], "a title in the head or navigation holds markup"
    assert "<title>Evil &lt;script&gt;window.x=1&lt;/script&gt; - Test site</title>" in html
    assert 'property="og:title" content="Evil &lt;script&gt;window.x=1&lt;/script&gt;"' in html


def test_every_field_the_theme_prints_is_escaped(tmp_path):
    payload = '"><img src=x onerror=alert(1)>'
    meta = "---\n" + "".join(f"{field}: '{payload}'\n" for field in ("title", "description", "author", "subtitle")) + "---\n"
    site = build_site(make_site(tmp_path, {"index.md": HOME, "evil.md": meta + "\n# Evil {#evil}\n"}))
    for built in ("evil.html", "index.html"):
        html = (site / built).read_text(encoding="utf-8")
        assert "<img src=x" not in html, built
    html = (site / "evil.html").read_text(encoding="utf-8")
    assert '<meta name="author" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">' in html


def test_the_policy_error_names_the_page_whose_title_holds_the_script():
    csp = load_hook("csp")

    class Page:
        def __init__(self, src, title, content):
            self.file = type("File", (), {"src_uri": src})()
            self.title, self.content = title, content

    evil = Page("en/evil.md", "Evil <script>x()</script>", "<p>Fine</p>")
    home = Page("en/index.md", "Home", "<p>Hello</p>")
    assert csp.where_it_is("x()", home, [home, evil]).startswith("docs/en/evil.md (in its title, shown in the "
                                                                 "navigation of docs/en/index.md)")
    assert csp.where_it_is("Hello", home, [home, evil]) == "docs/en/index.md"


def test_the_offline_copy_has_a_policy_of_its_own(tmp_path):
    from sitebuilder import build_offline_copy
    import zipfile
    config = make_site(tmp_path, {"index.md": HOME, "quiz.md": page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")},
                       {"demo": bank(single("A"))})
    target = build_offline_copy(config, tmp_path / "copy.zip")
    csp = load_hook("csp")
    with zipfile.ZipFile(target) as archive:
        pages = [n for n in archive.namelist() if n.endswith(".html") and "refresh" not in archive.read(n)[:600].decode()]
        assert pages
        for name in pages:
            html = archive.read(name).decode("utf-8")
            assert f'<meta http-equiv="Content-Security-Policy" content="{"; ".join(csp.OFFLINE_POLICY)}">' in html, name
    assert "script-src-attr 'none'" in csp.OFFLINE_POLICY and "default-src 'self'" in csp.OFFLINE_POLICY


def test_the_offline_copy_still_refuses_an_inline_script_of_its_own(tmp_path, caplog):
    from sitebuilder import build_offline_copy
    config = make_site(tmp_path, {"index.md": HOME, "evil.md": page("Evil", "# Evil {#evil}\n\n<script>window.x=1</script>\n")})
    with pytest.raises((Abort, PluginError)):
        build_offline_copy(config, tmp_path / "copy.zip")
    assert "docs/en/evil.md: an inline <script> that is not the theme's own" in caplog.text


def test_the_runtime_carries_pythons_case_table():
    """quiz.js lowers letters with Python's table (the browser's own follows its Unicode version). When Python's
    changes, write the new one: `.venv/bin/python -c "from quiz_plugin.normalise import case_runs; print(case_runs())"`."""
    from quiz_plugin.normalise import case_runs
    runtime = (ROOT / "quiz_plugin" / "assets" / "quiz.js").read_text(encoding="utf-8")
    assert f'  var CASE_RUNS = "{case_runs()}";\n' in runtime
