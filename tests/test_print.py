"""Printing, in Debian's Chromium: the referral card fits one A4 page, and a lesson prints as text plus a quiz worksheet.

A worksheet is the questions with their options, items and blanks, without the site's navigation, the quiz buttons,
the answers and the explanations, whether or not the reader has already checked the quiz on screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from sitebuilder import ROOT

from quiz_plugin.loader import load_bank

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ka": "ka/", "ru": "ru/"}
# The site's chrome and the quiz's controls: none of it belongs on paper.
NOT_PRINTED = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "search": ".md-search",
    "language selector": ".md-select",
    "back-to-top button": ".md-top",
    "skip link": ".md-skip",
    "heading permalinks": ".md-typeset .headerlink",
    "quiz buttons": ".quiz button",
    "quiz answers and explanations": ".quiz__answer",
    "quiz verdicts": ".quiz__verdict",
    "quiz result": ".quiz__result",
    "translation notice": ".translation-notice",
}
SHOWN = """(element) => {
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && Number(style.opacity) > 0;
}"""


# Some answer to every question (the quiz checks only a complete attempt): the first option, "x", or positions.
ANSWER_EVERYTHING = """(form) => form.querySelectorAll(".quiz__question").forEach((q) => {
    if (q.dataset.type === "text") q.querySelector("input[type=text]").value = "x";
    else if (q.dataset.type === "order" || q.dataset.type === "match")
        q.querySelectorAll("select").forEach((s, i) => { s.selectedIndex = 1 + (i % (s.options.length - 1)); });
    else q.querySelector("input").checked = true;
})"""


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF as Chromium writes it (no compressed object streams): its /Type /Page objects."""
    assert b"/ObjStm" not in pdf, "this PDF keeps its objects in compressed streams: count its pages with pypdf"
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def shown(page, selector: str) -> list[str]:
    """Outer HTML (shortened) of every element matching the selector that would be visible."""
    return page.eval_on_selector_all(
        selector, f"(all) => all.filter({SHOWN}).map(e => e.outerHTML.slice(0, 120))")


def settled_screenshot(locator) -> bytes:
    """A screenshot of the element once its fonts are loaded and the page has painted its current media's styles.

    It waits for what the rendering depends on (`document.fonts.ready`, then two animation frames, so that a media
    change made just before has been laid out and painted) instead of taking shots until two agree, which would
    only wait a change out. Transitions are finished at once.

    Taken as a clip of the whole page from its top, never as an element screenshot: that one scrolls a tall element
    into view and captures beyond the viewport, where Chromium may paint from tiles rastered at another scroll
    position; at the quiz's fractional position their rounded card corners then differ by one shade (in about half
    of the shots on a loaded machine), which made this test flaky. The page clip, from a fixed scroll position,
    gives the same pixels every time."""
    page = locator.page
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("document.fonts.ready.then(() => new Promise((done) => "
                  "requestAnimationFrame(() => requestAnimationFrame(done))))")
    box = locator.evaluate("(e) => { const r = e.getBoundingClientRect(); "
                           "return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }")
    return page.screenshot(full_page=True, clip=box, animations="disabled")


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_referral_card_prints_on_one_a4_page(real_site, desktop, lang):
    server, _ = real_site
    desktop.goto(f"{server.url}{PREFIX[lang]}referral/referral-card.html")
    # As the browser's Print command does (the page asks for A4 with @page), and as a forced A4 sheet.
    for options in ({"prefer_css_page_size": True}, {"format": "A4"}):
        pages = pdf_page_count(desktop.pdf(**options))
        assert pages == 1, f"{lang}: the referral card prints on {pages} pages with {options}"
    desktop.emulate_media(media="print")
    assert desktop.is_visible(".print-card")
    for what, selector in NOT_PRINTED.items():
        assert not shown(desktop, selector), f"{lang}: the {what} is printed on the referral card"


def check_worksheet(page, lang: str, bank_questions: int) -> None:
    for what, selector in NOT_PRINTED.items():
        assert not shown(page, selector), f"{lang}: the {what} would be printed: {shown(page, selector)[:2]}"
    assert not shown(page, "button"), f"{lang}: buttons would be printed: {shown(page, 'button')[:3]}"
    assert shown(page, "h1") and shown(page, ".quiz__title"), f"{lang}: the lesson title or quiz title is not printed"
    questions = page.eval_on_selector_all(".quiz__question", f"""(all) => all.map((q) => ({{
        id: q.id,
        legend: ({SHOWN})(q.querySelector("legend")),
        // what the reader answers on paper: options to tick, items to number or pair, a blank to write in
        parts: [...q.querySelectorAll(".quiz__option, .quiz__row label, .quiz__text")].map((p) => [p.innerText, ({SHOWN})(p)]),
    }}))""")
    assert len(questions) == bank_questions, f"{lang}: {len(questions)} questions on the page, {bank_questions} in the bank"
    for question in questions:
        assert question["legend"], f"{lang}: question {question['id']} is not printed"
        assert question["parts"], f"{lang}: question {question['id']} has nothing to answer"
        hidden = [text for text, visible in question["parts"] if not visible]
        assert not hidden, f"{lang}: question {question['id']}: these options are not printed: {hidden}"
    assert all(page.eval_on_selector_all(".quiz__vignette", f"(all) => all.map({SHOWN})")), f"{lang}: a scenario is not printed"
    # Matching on paper: the choices that the menus hold on screen are printed, each once.
    matching = page.eval_on_selector_all(".quiz__question[data-type=match]", f"""(all) => all.map((q) => ({{
            id: q.id,
            menu: [...q.querySelector("select").options].slice(1).map((o) => o.text).sort(),
            printed: [...q.querySelectorAll(".quiz__print-choices li")].filter({SHOWN}).map((li) => li.innerText).sort(),
        }}))""")
    assert matching, "lesson 3 has a matching question: this check must see it"
    for question in matching:
        assert question["printed"] == question["menu"], f"{lang}: question {question['id']}: choices printed {question['printed']}"


@pytest.mark.parametrize("lang", PREFIX)
def test_lesson_prints_its_quiz_as_a_worksheet(real_site, desktop, lang):
    server, _ = real_site
    bank = load_bank(ROOT / "docs" / lang / "quizzes" / "lesson-3.yml")
    desktop.goto(f"{server.url}{PREFIX[lang]}training/lesson-3.html")
    # The page as a reader prints it, once the quiz's script has set it up: that shuffles the options (the bank has
    # shuffle_options). Taken before that, on a slow first load, the blank worksheet had the options in the bank's
    # order and the one after checking in the shuffled order (the other cause of this test's flakiness).
    expect(desktop.locator("form.quiz[data-ready='1']")).to_be_attached()
    desktop.emulate_media(media="print")
    check_worksheet(desktop, lang, len(bank.scored_questions()))
    blank = settled_screenshot(desktop.locator(".quiz"))
    # A reader who answered and checked the quiz on screen (verdicts, answers, explanations shown) prints the
    # same blank worksheet: no ticks, no right/wrong colours, no answers.
    desktop.emulate_media(media="screen")
    desktop.eval_on_selector(".quiz", ANSWER_EVERYTHING)
    desktop.click(".quiz__check")
    desktop.mouse.move(0, 0)  # off the quiz: a hover style is not what the paper shows
    assert shown(desktop, ".quiz__answer") and shown(desktop, ".quiz__verdict"), "checking shows answers on screen"
    desktop.emulate_media(media="print")
    check_worksheet(desktop, lang, len(bank.scored_questions()))
    assert settled_screenshot(desktop.locator(".quiz")) == blank, f"{lang}: the printed worksheet shows the reader's answers"
    assert pdf_page_count(desktop.pdf(format="A4")) >= 2
