"""Issue 16's checks on untrusted content, where they meet issue 17's new inputs: scale statements, the checks'
markers ('<!-- quiz: <bank> before|after -->') and the new page markers. Quiz core and small real builds; the hand-over
files and codes, read by the class report in Chromium, are in test_browser_classroom.py."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort, PluginError

from quiz_plugin.cli import validate
from quiz_plugin.errors import BankError
from quiz_plugin.loader import load_bank_text
from quiz_plugin.markers import placement_problems
from quiz_plugin.render import render_bank
from quiz_plugin.safe_markdown import SafeMarkdown
from sitebuilder import build_site, make_site, page
from test_build import load_hook
from test_fuzz_loader import site_markdown
from test_untrusted_content import HOME, Elements, bank, single


def statements(*prompts: str) -> str:
    lines = "".join(f"  - id: s{n}\n    type: scale\n    prompt: {prompt!r}\n" for n, prompt in enumerate(prompts, 1))
    return "id: views\ntitle: Views\nquestions:\n" + lines


HOSTILE = [
    "<script>alert(1)</script> Police should carry naloxone.",
    "Carry naloxone <img src=x onerror=alert(1)>",
    "Carry naloxone\n{: class=\"&#113;uiz__data\" }",
    "[Carry naloxone](javascript:alert(1))",
    "Carry naloxone\n{: &#105;d=\"quiz-views-before\" data-question=\"s2\" }",
]


@pytest.mark.parametrize("phase", [None, "before", "after"])
def test_a_hostile_statement_renders_as_text_in_every_phase(phase):
    loaded = load_bank_text(statements(*HOSTILE), "docs/en/quizzes/views.yml", expected_id="views")
    html = render_bank(loaded, "en", SafeMarkdown(*site_markdown()), phase=phase)
    found = Elements(html).found
    assert "script" not in [tag for tag, _ in found] and "img" not in [tag for tag, _ in found]
    assert not [name for _, attrs in found for name in attrs if name.startswith("on")]
    assert not [attrs["href"] for tag, attrs in found if tag == "a" and "javascript" in attrs.get("href", "")]
    # Only the quiz's own parts: one data island, one fieldset per statement, ids of the form the renderer writes.
    classes = [c for _, attrs in found for c in (attrs.get("class") or "").split()]
    assert classes.count("quiz__data") == 1 and classes.count("quiz__question") == len(HOSTILE)
    questions = [attrs.get("data-question") for _, attrs in found if "data-question" in attrs]
    assert questions == [f"s{n}" for n in range(1, len(HOSTILE) + 1)]


def test_a_statement_beyond_the_text_limits_names_the_bank_and_the_statement():
    with pytest.raises(BankError) as caught:
        load_bank_text(statements("Fine.", "[" * 21), "docs/en/quizzes/views.yml", expected_id="views")
    assert str(caught.value).startswith("docs/en/quizzes/views.yml:")
    assert "'s2'" in str(caught.value) and "21 '['" in str(caught.value)


# Columns: a page's Markdown; the problem found (its start).
PLACEMENTS = [
    ("# P\n\n<!-- quiz: check befor -->\n", "docs/en/p.md:3: '<!-- quiz: check befor -->' is not a marker"),
    ("<!-- quiz-class-reports -->\n", "docs/en/p.md:1: '<!-- quiz-class-reports -->' is not a marker"),
    ("<!-- quiz: check before -->\n<!-- quiz: check before -->\n",
     "docs/en/p.md:2: the bank 'check' (before) is placed twice on this page (lines 1 and 2)"),
]


@pytest.mark.parametrize("markdown, problem", PLACEMENTS)
def test_a_mistyped_or_repeated_checks_marker_is_named(markdown, problem):
    problems = placement_problems("docs/en/p.md", markdown)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_the_same_check_before_and_after_on_one_page_is_allowed():
    assert placement_problems("docs/en/p.md", "<!-- quiz: check before -->\n<!-- quiz: check after -->\n") == []


def checks_site(tmp_path, before: dict | str):
    pages = {"index.md": HOME, "before.md": before,
             "after.md": page("After", "# After {#after}\n\n<!-- quiz: demo after -->\n"),
             "progress.md": page("Progress", "# Progress {#progress}\n\n<!-- quiz-change -->\n<!-- quiz-handover -->\n")}
    return make_site(tmp_path, pages, {"demo": bank(single("A"))})


@pytest.mark.parametrize("pages, message", [
    ({"en": "<!-- quiz: demo before -->", "ka": "<!-- quiz: demo -->", "ru": "<!-- quiz: demo before -->"},
     "docs/ka/before.md: the quiz markers differ from docs/en/before.md: missing quiz: demo before "
     "(docs/en/before.md:8); extra quiz: demo (line 8)"),
    ({"en": "<!-- quiz: demo befor -->", "ka": "<!-- quiz: demo befor -->", "ru": "<!-- quiz: demo befor -->"},
     "docs/en/before.md:8: '<!-- quiz: demo befor -->' is not a marker"),
], ids=["translation-drops-the-phase", "mistyped-phase"])
def test_the_build_and_validate_stop_at_the_same_checks_marker(tmp_path, caplog, pages, message):
    before = {lang: page("Before", f"# Before {{#before}}\n\n{marker}\n") for lang, marker in pages.items()}
    config = checks_site(tmp_path, before)
    assert any(problem.startswith(message) for problem in validate(tmp_path / "docs")), validate(tmp_path / "docs")
    with pytest.raises((Abort, PluginError)):
        build_site(config)
    assert message in caplog.text


def test_a_page_table_with_more_cells_than_names_or_markup_in_a_head_is_labelled_safely():
    """hooks/tables.py labels every body cell of a page's table with its column's name: a row longer than the head
    (it once stopped after 1,000 extra cells with a bare StopIteration) gets no name for the extra cells, and a
    head's markup becomes plain text in the attribute."""
    tables = load_hook("tables")
    row = "".join(f"<td>{n}</td>" for n in range(1200))
    html = tables.labelled('<table><thead><tr><th>A "b" <em onmouseover=x>c</em></th></tr></thead>'
                           f"<tbody><tr>{row}</tr></tbody></table>")
    cells = Elements(html).found
    labels = [attrs["data-label"] for tag, attrs in cells if tag == "td"]
    assert labels == ['A "b" c'] + [""] * 1199
    assert 'data-label="A &quot;b&quot; c"' in html
