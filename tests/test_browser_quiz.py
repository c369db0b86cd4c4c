"""Quizzes in Debian's Chromium at phone size, as a trainee meets them."""

from __future__ import annotations

import pytest

from conftest import serve_built
from sitebuilder import make_site, page

pytestmark = pytest.mark.browser

BANK = """\
id: demo
title: Demo quiz
pass_mark: 70
questions:
  - {id: one, type: single, prompt: "Pick A", options: [{id: a, text: "A", correct: true, feedback: "Yes"}, {id: b, text: "B", feedback: "No"}], explanation: "See [steps](../guide.md#steps)."}
  - {id: many, type: multiple, prompt: "Pick A and C", options: [{id: a, text: "A", correct: true}, {id: b, text: "B"}, {id: c, text: "C", correct: true}]}
  - {id: tf, type: true-false, prompt: "Naloxone is safe", answer: true}
  - {id: word, type: text, prompt: "Name it", accept: ["naloxone", "налоксон", "ნალოქსონი"]}
  - {id: steps, type: order, prompt: "Order", items: [{id: first, text: "First"}, {id: second, text: "Second"}, {id: third, text: "Third"}]}
  - {id: pairs, type: match, prompt: "Match", pairs: [{id: x, left: "X", right: "ex"}, {id: y, left: "Y", right: "why"}]}
  - id: case
    type: scenario
    scenario: "A person lies in a courtyard."
    questions:
      - {id: case-call, type: true-false, prompt: "Call an ambulance", answer: true}
"""
EVIL = """\
id: evil
title: "<script>window.__pwned=1</script>Evil"
questions:
  - id: q
    type: single
    prompt: "<img src=x onerror='window.__pwned=2'> <script>window.__pwned=3</script>"
    options:
      - {id: a, text: "[click](javascript:window.__pwned=4)", correct: true, feedback: "<svg onload='window.__pwned=5'>"}
      - {id: b, text: "<!-- --><![CDATA[<script>window.__pwned=6</script>]]>"}
    explanation: "[data](data:text/html,<script>window.__pwned=7</script>)"
"""
SECOND = """\
id: second
title: Second quiz
questions:
  - {id: only, type: true-false, prompt: "Gloves protect against needle-stick injuries", answer: false}
"""
SURVEY = """\
id: survey
title: What do you think?
questions:
  - {id: carry, type: scale, prompt: "Officers should carry **naloxone**."}
  - {id: partners, type: scale, prompt: "NGOs are partners of the police."}
"""
TWO = page("Two", "# Two {#two}\n\n## First {#first}\n\n<!-- quiz: demo -->\n\n## Second {#second}\n\n<!-- quiz: second -->\n")
GUIDE = {lang: page("Guide", f"# Guide {{#guide}}\n\n## Steps {{#steps}}\n\nText.\n\n## Quiz {{#quiz}}\n\n<!-- quiz: demo -->\n") for lang in ("en", "ka", "ru")}
PAGES = {"index.md": page("Home", "# Home {#home}\n\nHello. Read the [guide](guide.md).\n"), "guide.md": GUIDE,
         "evil.md": page("Evil", "# Evil {#evil}\n\n<!-- quiz: evil -->\n"), "two.md": TWO,
         "survey.md": page("Survey", "# Survey {#survey}\n\n<!-- quiz: survey -->\n")}


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz")
    server, _ = serve_built(make_site(folder, PAGES, {"demo": BANK, "evil": EVIL, "second": SECOND, "survey": SURVEY}), folder)
    yield server
    server.close()


def answer_all_right(phone):
    q = "#quiz-demo-"
    phone.check(f"{q}one input[value=a]")
    phone.check(f"{q}many input[value=a]")
    phone.check(f"{q}many input[value=c]")
    phone.check(f"{q}tf input[value=true]")
    phone.fill(f"{q}word input[type=text]", "  НАЛОКСОН ")
    for item, position in (("first", "1"), ("second", "2"), ("third", "3")):
        phone.select_option(f"{q}steps--{item}", position)
    phone.select_option(f"{q}pairs--x", "x")
    phone.select_option(f"{q}pairs--y", "y")
    phone.check(f"{q}case-call input[value=true]")


def test_right_answers_pass_and_progress_survives_reload_and_language_switch(quiz_site, phone):
    phone.goto(quiz_site.url + "guide.html")
    answer_all_right(phone)
    phone.click("#quiz-demo .quiz__check")
    result = phone.inner_text("#quiz-demo .quiz__result")
    assert "7 of 7 (100%)" in result and "Passed" in result
    assert phone.is_visible("#quiz-demo-one .quiz__verdict")
    phone.reload()
    assert "100%" in phone.inner_text("#quiz-demo .quiz__best")
    assert phone.is_checked("#quiz-demo-one input[value=a]")
    phone.goto(quiz_site.url + "ka/guide.html")
    assert "100%" in phone.inner_text("#quiz-demo .quiz__best")  # progress is keyed by ids, not by URL


def test_runtime_loads_only_with_a_quiz_and_arrives_with_instant_navigation(quiz_site, phone):
    requested = []
    phone.on("request", lambda r: requested.append(r.url))
    phone.goto(quiz_site.url + "index.html")
    assert not [url for url in requested if "/assets/quiz/" in url], "a page without a quiz loads the quiz runtime"
    phone.evaluate("window.sameDocument = true")  # survives only if the next pages come by instant navigation
    for _ in range(2):  # the second visit runs the page's script again: the runtime must still start only once
        phone.click("article a[href$='guide.html']")
        phone.wait_for_url("**/guide.html")
        answer_all_right(phone)
        phone.click("#quiz-demo .quiz__check")
        assert "7 of 7 (100%)" in phone.inner_text("#quiz-demo .quiz__result")
        assert phone.locator("#quiz-demo .quiz__result").count() == 1
        phone.go_back()
        phone.wait_for_url("**/index.html")
    assert phone.evaluate("window.sameDocument") is True
    assert [url for url in requested if "/assets/quiz/quiz." in url and url.endswith(".js")]


def test_two_quizzes_on_one_page_are_graded_and_kept_apart(quiz_site, phone):
    phone.goto(quiz_site.url + "two.html")
    phone.check("#quiz-second-only input[value=true]")
    phone.click("#quiz-second .quiz__check")
    assert "0 of 1 (0%)" in phone.inner_text("#quiz-second .quiz__result")
    assert not phone.is_visible("#quiz-demo .quiz__result")  # the other quiz was not checked
    answer_all_right(phone)
    phone.click("#quiz-demo .quiz__check")
    assert "7 of 7 (100%)" in phone.inner_text("#quiz-demo .quiz__result")
    assert "0 of 1 (0%)" in phone.inner_text("#quiz-second .quiz__result")
    phone.reload()
    assert "100%" in phone.inner_text("#quiz-demo .quiz__best")
    second_best = phone.inner_text("#quiz-second .quiz__best")
    assert "0%" in second_best and "100%" not in second_best, second_best


def test_wrong_answers_score_partial_credit_and_list_mistakes(quiz_site, phone):
    phone.goto(quiz_site.url + "ru/guide.html")
    answer_all_right(phone)
    phone.check("#quiz-demo-one input[value=b]")
    phone.check("#quiz-demo-many input[value=b]")  # 2 right - 1 wrong of 2 correct = 0.5
    phone.fill("#quiz-demo-word input[type=text]", "аспирин")
    phone.click("#quiz-demo .quiz__check")
    result = phone.inner_text("#quiz-demo .quiz__result")
    assert "4.5 из 7 (64%)" in result and "не сдан" in result
    assert phone.is_visible("#quiz-demo-one .quiz__answer[open]")
    assert "Частично" in phone.inner_text("#quiz-demo-many .quiz__verdict")
    assert phone.locator("#quiz-demo .quiz__result a").count() == 3


def test_quiz_by_keyboard_alone(quiz_site, phone):
    phone.goto(quiz_site.url + "guide.html")
    phone.focus("#quiz-demo-one input[value=a]")
    phone.keyboard.press("Space")
    for selector in ("#quiz-demo-many input[value=a]", "#quiz-demo-many input[value=c]", "#quiz-demo-tf input[value=true]",
                     "#quiz-demo-case-call input[value=true]"):
        phone.focus(selector)
        phone.keyboard.press("Space")
    phone.focus("#quiz-demo-word input[type=text]")
    phone.keyboard.type("naloxone")
    for field, presses in (("steps--first", 1), ("steps--second", 2), ("steps--third", 3), ("pairs--x", 0), ("pairs--y", 0)):
        phone.focus(f"#quiz-demo-{field}")
        target = phone.eval_on_selector(f"#quiz-demo-{field}", "(s, id) => [...s.options].findIndex(o => o.value === id)",
                                        field.split("--")[1] if field.startswith("pairs") else str(presses))
        for _ in range(target):
            phone.keyboard.press("ArrowDown")
    phone.focus("#quiz-demo .quiz__check")
    phone.keyboard.press("Enter")
    assert "7 of 7" in phone.inner_text("#quiz-demo .quiz__result")


def test_without_javascript_questions_and_answers_are_readable(browser, quiz_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page_ = context.new_page()
    page_.goto(quiz_site.url + "guide.html")
    assert page_.is_visible("#quiz-demo-one legend")
    page_.click("#quiz-demo-one .quiz__answer summary")
    assert "Yes" in page_.inner_text("#quiz-demo-one .quiz__answer")
    context.close()


def test_script_injection_in_a_bank_never_runs(quiz_site, phone):
    dialogs = []
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    phone.goto(quiz_site.url + "evil.html")
    phone.check("#quiz-evil-q input[value=a]")
    phone.click("#quiz-evil .quiz__check")
    phone.click("#quiz-evil-q .quiz__option >> text=click", force=True)
    phone.wait_for_timeout(300)
    assert phone.evaluate("window.__pwned") is None
    assert not dialogs
    assert "<script>window.__pwned=1</script>Evil" in phone.inner_text("#quiz-evil .quiz__title")


@pytest.mark.parametrize("lang", ["", "ka/", "ru/"])
def test_axe_finds_no_violations_before_and_after_answering(quiz_site, phone, lang):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    phone.goto(quiz_site.url + lang + "guide.html")
    context = {"include": [["#quiz-demo"]]}
    before = axe.run(phone, context=context)
    assert before.violations_count == 0, before.generate_report()
    answer_all_right(phone)
    phone.click("#quiz-demo .quiz__check")
    after = axe.run(phone, context=context)
    assert after.violations_count == 0, after.generate_report()


def focused_in_accessibility_tree(page) -> dict:
    """The focused node as a screen reader gets it from Chromium's accessibility tree: role, name and description."""
    client = page.context.new_cdp_session(page)
    try:
        nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        client.detach()
    focused = [n for n in nodes if n["role"]["value"] != "RootWebArea"  # the document has focus too
               and any(p["name"] == "focused" and p["value"]["value"] for p in n.get("properties", []))]
    assert len(focused) == 1, focused
    node = focused[0]
    return {key: node.get(key, {}).get("value", "") for key in ("role", "name", "description")}


@pytest.mark.parametrize("lang, not_answered", [("", "Not answered yet"), ("ka/", "ჯერ არ გიპასუხიათ"), ("ru/", "Ещё нет ответа")])
def test_checking_with_questions_unanswered_takes_the_reader_to_the_first_one(quiz_site, phone, lang, not_answered):
    """A long quiz on a phone, checked by keyboard with questions 2 and 4 unanswered: focus moves to question 2,
    which comes into view below the header; a screen reader hears the question and "not answered yet", and the
    status line lists both. Nothing is graded until every question is answered."""
    phone.goto(quiz_site.url + lang + "guide.html")
    answer_all_right(phone)
    phone.uncheck("#quiz-demo-many input[value=a]")
    phone.uncheck("#quiz-demo-many input[value=c]")
    phone.fill("#quiz-demo-word input[type=text]", "")
    phone.focus("#quiz-demo .quiz__check")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.closest('.quiz__question').id") == "quiz-demo-many"
    focused = focused_in_accessibility_tree(phone)
    assert focused["role"] == "checkbox" and focused["description"] == not_answered, focused
    legend = phone.locator("#quiz-demo-many legend").bounding_box()
    header = phone.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= legend["y"] and legend["y"] + legend["height"] <= 740, (legend, header)
    status = phone.locator("#quiz-demo .quiz__result")
    assert status.get_attribute("role") == "status"
    label = {"": "Question", "ka/": "კითხვა", "ru/": "Вопрос"}[lang]
    assert f"{label} 2, {label} 4" in status.inner_text()
    assert phone.locator("#quiz-demo .quiz__question.is-unanswered").count() == 2
    assert not phone.locator("#quiz-demo.is-checked").count()  # nothing graded yet
    # Answering question 2 by keyboard clears its note; checking again goes on to question 4.
    phone.keyboard.press("Space")
    assert phone.is_hidden("#quiz-demo-many .quiz__verdict")
    assert phone.get_attribute("#quiz-demo-many input[value=a]", "aria-describedby") is None
    phone.check("#quiz-demo-many input[value=c]")
    phone.focus("#quiz-demo .quiz__check")
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.closest('.quiz__question').id") == "quiz-demo-word"
    assert focused_in_accessibility_tree(phone)["role"] == "textbox"
    phone.keyboard.type("naloxone")
    phone.focus("#quiz-demo .quiz__check")
    phone.keyboard.press("Enter")
    assert "7 of 7" in status.inner_text() or "7 / 7" in status.inner_text() or "7 из 7" in status.inner_text()


def test_questions_read_as_cards_with_the_legend_inside(quiz_site, phone):
    phone.goto(quiz_site.url + "guide.html")
    boxes = phone.eval_on_selector_all("#quiz-demo fieldset", """(sets) => sets.map((set) => {
        const box = set.getBoundingClientRect(), legend = set.querySelector(":scope > legend").getBoundingClientRect();
        const border = parseFloat(getComputedStyle(set).borderTopWidth);
        return [set.id || set.dataset.unit, box.top + border <= legend.top, legend.left >= box.left + border, legend.right <= box.right]
    })""")
    assert boxes and all(all(checks) for _, *checks in boxes), boxes


def test_a_statement_on_a_scale(quiz_site, phone):
    """Five points from "strongly disagree" to "strongly agree" in the page's language; saved, never graded."""
    phone.goto(quiz_site.url + "ru/survey.html")
    points = phone.eval_on_selector_all("#quiz-survey-carry .quiz__option", "os => os.map(o => o.innerText.trim())")
    assert points == ["Совсем нет", "Скорее нет", "Ни да, ни нет", "Скорее да", "Полностью да"]
    assert "Утверждение 1." in phone.inner_text("#quiz-survey-carry legend")
    assert phone.inner_text("#quiz-survey .quiz__check") == "Сохранить мои ответы"
    assert "Проходной балл" not in phone.inner_text("#quiz-survey .quiz__intro")
    phone.check("#quiz-survey-carry input[value='5']")
    phone.check("#quiz-survey-partners input[value='2']")
    phone.click("#quiz-survey .quiz__check")
    assert phone.inner_text("#quiz-survey .quiz__result") == "Ваши ответы сохранены в этом браузере."
    assert phone.locator("#quiz-survey .quiz__verdict:visible").count() == 0
    phone.reload()
    assert phone.is_checked("#quiz-survey-carry input[value='5']") and phone.is_checked("#quiz-survey-partners input[value='2']")
    stored = phone.evaluate("JSON.parse(localStorage.getItem('hr-quiz-progress-v1')).banks.survey")
    assert stored["answers"] == {"carry": ["5"], "partners": ["2"]} and "best" not in stored


def test_without_javascript_a_statement_and_its_scale_are_readable(browser, quiz_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page_ = context.new_page()
    page_.goto(quiz_site.url + "ka/survey.html")
    assert "Officers should carry naloxone." in page_.inner_text("#quiz-survey-carry legend")
    assert page_.locator("#quiz-survey-carry input[type=radio]").count() == 5
    assert page_.is_visible("#quiz-survey-carry .quiz__option >> text=სრულიად ვეთანხმები")
    assert page_.locator("#quiz-survey .quiz__answer").count() == 0  # a statement has no answer to show
    context.close()


@pytest.mark.parametrize("lang", ["", "ka/", "ru/"])
def test_axe_finds_no_violations_in_a_questionnaire(quiz_site, phone, lang):
    from axe_playwright_python.sync_playwright import Axe
    phone.goto(quiz_site.url + lang + "survey.html")
    phone.click("#quiz-survey .quiz__check")  # nothing answered: both statements are marked
    results = Axe().run(phone, context={"include": [["#quiz-survey"]]})
    assert results.violations_count == 0, results.generate_report()
