"""Untrusted content in Debian's Chromium at phone size: a translation cannot grade with its own answer key or block
the quiz, a typed answer keeps its grade after a language switch, the browser's normalisation of typed answers is
Python's for every code point, and the copy for the file system refuses inline event handlers."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from conftest import serve_built
from quiz_plugin.normalise import normalise
from quiz_plugin.strings import QUIZ_RUNTIME_KEYS, STRINGS
from sitebuilder import OFFLINE_ZIP, ROOT, make_site, page

pytestmark = pytest.mark.browser

BANK = """\
id: demo
title: Demo quiz
questions:
  - id: q1
    type: single
    prompt: {q1}
    options:
      - {{id: a, text: "A", correct: true}}
      - {{id: b, text: "B"}}
  - id: q2
    type: single
    prompt: {q2}
    options:
      - {{id: a, text: "A", correct: true}}
      - {{id: b, text: "B"}}
"""
VACCINE = """\
id: vaccine
title: Vaccines
questions:
  - id: which
    type: single
    prompt: "Pick A"
    options:
      - {{id: a, text: "A", correct: true}}
      - {{id: b, text: "B"}}
  - id: hepatitis
    type: text
    prompt: "Which hepatitis can be prevented with a vaccine?"
    accept: {accept}
"""
# The translator's own key, in the runtime's format, with B right everywhere; and a paragraph posing as a question.
FAKE_KEY = {"bank": "demo", "pass": 70, "draw": None, "shuffleQuestions": False, "shuffleOptions": False,
            "questions": {"q1": {"type": "single", "correct": ["b"]}, "q2": {"type": "single", "correct": ["b"]}},
            "strings": {key: STRINGS["ka"][key] for key in QUIZ_RUNTIME_KEYS}}
POSING_PROMPT_1 = json.dumps("აირჩიეთ\n\n" + json.dumps(FAKE_KEY, ensure_ascii=False) + '\n{: class="&#113;uiz__data" }')
POSING_PROMPT_2 = json.dumps('აირჩიეთ\n\nკითხვა\n{: class="&#113;uiz__question" }')
BANKS = {
    "demo": {"en": BANK.format(q1='"Pick A"', q2='"Pick A"'), "ka": BANK.format(q1=POSING_PROMPT_1, q2=POSING_PROMPT_2),
             "ru": BANK.format(q1='"Выберите A"', q2='"Выберите A"')},
    "vaccine": {"en": VACCINE.format(accept='["hepatitis b", "hep b"]'),
                "ka": VACCINE.format(accept='["B ჰეპატიტი", "ჰეპატიტი B"]'), "ru": VACCINE.format(accept='["гепатит B"]')},
}
LESSON = {lang: page("Lesson", "# Lesson {#lesson}\n\n## Quiz {#quiz}\n\n<!-- quiz: demo -->\n") for lang in ("en", "ka", "ru")}
VACCINES = {lang: page("Vaccines", "# Vaccines {#vaccines}\n\n<!-- quiz: vaccine -->\n") for lang in ("en", "ka", "ru")}
AFTER = {lang: page("After", "# After {#after}\n\n<!-- quiz: vaccine after -->\n") for lang in ("en", "ka", "ru")}


@pytest.fixture(scope="module")
def untrusted_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("untrusted")
    pages = {"index.md": page("Home", "# Home {#home}\n\nHello.\n"), "lesson.md": LESSON, "vaccines.md": VACCINES,
             "after.md": AFTER}
    server, _ = serve_built(make_site(folder, pages, BANKS), folder)
    yield server
    server.close()


def check(phone, bank: str = "demo") -> str:
    phone.click(f"#quiz-{bank} .quiz__check")
    return phone.inner_text(f"#quiz-{bank} .quiz__result")


def test_a_translation_cannot_grade_with_its_own_key_or_block_the_quiz(untrusted_site, phone):
    """Before: the runtime read the first .quiz__data in the form, the translator's; and a paragraph posing as a
    question could never be answered, so the quiz could not be checked."""
    phone.goto(untrusted_site.url + "ka/lesson.html")
    assert phone.locator("#quiz-demo .quiz__question").count() == 2  # the fieldsets, not the posing paragraph
    phone.check("#quiz-demo-q1 input[value=a]")
    phone.check("#quiz-demo-q2 input[value=a]")
    assert "(100%)" in check(phone)
    phone.click("#quiz-demo .quiz__retry")
    phone.check("#quiz-demo-q1 input[value=b]")
    phone.check("#quiz-demo-q2 input[value=b]")
    assert "(0%)" in check(phone)


def test_a_typed_answer_keeps_its_grade_after_a_language_switch(untrusted_site, phone):
    """Before: `hepatitis b`, right in English, was graded again against the Georgian accept list and was wrong."""
    field = "#quiz-vaccine-hepatitis input[type=text]"
    phone.goto(untrusted_site.url + "vaccines.html")
    phone.check("#quiz-vaccine-which input[value=a]")
    phone.type(field, "Hepatitis B", delay=10)
    assert "2 of 2 (100%)" in check(phone, "vaccine")
    phone.click(".md-header .md-select button")
    phone.click("a.md-select__link[hreflang=ka]")
    phone.wait_for_url(re.compile(r"/ka/vaccines\.html"))
    assert phone.input_value(field) == "Hepatitis B"  # the answer as given
    assert "(100%)" in check(phone, "vaccine")
    assert "is-right" in phone.get_attribute("#quiz-vaccine-hepatitis", "class")
    phone.reload()  # checked again in Georgian, the answer still carries the language it was typed in
    assert "(100%)" in check(phone, "vaccine")
    # Changed here, it is graded here: against the Georgian list.
    phone.click("#quiz-vaccine .quiz__retry")
    phone.check("#quiz-vaccine-which input[value=a]")
    phone.fill(field, "hepatitis c")
    check(phone, "vaccine")
    assert "is-wrong" in phone.get_attribute("#quiz-vaccine-hepatitis", "class")
    phone.click("#quiz-vaccine .quiz__retry")
    phone.check("#quiz-vaccine-which input[value=a]")
    phone.fill(field, "ჰეპატიტი B")
    assert "(100%)" in check(phone, "vaccine")


def test_a_recorded_check_shows_the_grades_it_was_given_in_another_language(untrusted_site, phone):
    """A check after the module is recorded once, with each question's score. Shown in another language it keeps
    them: `Hepatitis B`, right in English, is not graded again against the Georgian accept list."""
    phone.goto(untrusted_site.url + "after.html")
    phone.check("#quiz-vaccine-after-which input[value=a]")
    phone.type("#quiz-vaccine-after-hepatitis input[type=text]", "Hepatitis B", delay=10)
    assert "2 of 2 (100%)" in check(phone, "vaccine-after")
    phone.goto(untrusted_site.url + "ka/after.html")
    score = STRINGS["ka"]["score"].format(score=2, total=2, percent=100)
    assert phone.inner_text("#quiz-vaccine-after .quiz__result").startswith(score)
    assert "is-right" in phone.get_attribute("#quiz-vaccine-after-hepatitis", "class")
    assert phone.input_value("#quiz-vaccine-after-hepatitis input[type=text]") == "Hepatitis B"
    assert phone.is_disabled("#quiz-vaccine-after-hepatitis input[type=text]")  # recorded: not answered again


NORMALISER = """(source) => {
  const normalise = new Function(source + "; return normalise;")();
  window.__normaliseRange = (start, end) => {
    const out = [];
    for (let code = start; code < end; code++) {
      if (code >= 0xD800 && code <= 0xDFFF) continue;
      const ch = String.fromCodePoint(code);
      out.push(normalise(ch) + "\\u0000" + normalise("a" + ch + "b") + "\\u0000" + normalise(ch + "A"));
    }
    return out;
  };
}"""


def test_python_and_the_browser_normalise_every_code_point_alike(untrusted_site, phone):
    """Each code point alone, between two letters and before a capital, in quiz.js as Chromium runs it and in
    quiz_plugin/normalise.py. Lone surrogates are left out: no keyboard types one, and the loader refuses them."""
    runtime = (ROOT / "quiz_plugin" / "assets" / "quiz.js").read_text(encoding="utf-8")
    source = runtime[runtime.index("  var WHITE ="):runtime.index("  function fmt(")]
    phone.goto(untrusted_site.url + "index.html")
    phone.evaluate(NORMALISER, source)
    differ = []
    for start in range(0, 0x110000, 0x10000):
        ours = phone.evaluate("([s, e]) => window.__normaliseRange(s, e)", [start, start + 0x10000])
        codes = [c for c in range(start, start + 0x10000) if not 0xD800 <= c <= 0xDFFF]
        assert len(ours) == len(codes)
        for code, browser in zip(codes, ours):
            ch = chr(code)
            if browser != "\0".join((normalise(ch), normalise(f"a{ch}b"), normalise(ch + "A"))):
                differ.append(f"U+{code:04X}")
    assert differ == [], f"{len(differ)} code points differ: {differ[:20]}"


def test_the_file_system_copy_refuses_inline_event_handlers(real_site, tmp_path, browser):
    _, site = real_site
    with zipfile.ZipFile(site / "download" / OFFLINE_ZIP) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / "police-harm-reduction-offline"
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation', "
                            "e => window.__violations.push(e.violatedDirective));")
    tab = context.new_page()
    try:
        tab.goto((root / "ka" / "training" / "lesson-2.html").as_uri())
        assert "script-src-attr 'none'" in tab.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        tab.evaluate("""() => { const image = document.createElement("img");
                                 image.setAttribute("onerror", "window.__ran = true"); image.src = "missing.png";
                                 document.body.append(image); }""")
        tab.wait_for_timeout(300)
        assert tab.evaluate("window.__ran") is None
        assert "script-src-attr" in tab.evaluate("window.__violations")
        tab.check("#quiz-lesson-2 .quiz__question input[type=radio] >> nth=0")
        tab.click("#quiz-lesson-2 .quiz__check")
        assert tab.inner_text("#quiz-lesson-2 .quiz__result").strip()  # the quiz itself still runs
    finally:
        context.close()
