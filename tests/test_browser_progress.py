"""The trainee's progress on the real site, in Debian's Chromium at phone size: the "My progress" page, the lesson list,
the completion summary, clearing progress, and quizzes that keep working when the browser's storage is blocked, full
or holds garbage."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from conftest import answer_bank
from quiz_plugin.loader import load_bank
from sitebuilder import ROOT

pytestmark = pytest.mark.browser

STORAGE_KEY = "hr-quiz-progress-v1"
LESSONS = [f"lesson-{n}" for n in range(1, 9)]


# ---- What a trainee does ----------------------------------------------------------------------------------------------

def answer_quiz(page, bank_id: str, lang: str = "en", right=True, phase: str | None = None, point: int = 4):
    """Answer every question the quiz shows (lesson 8 draws 8 at random), all right or all wrong (or right only those
    whose ids are in `right`), and every statement with `point`, as a person would (conftest.answer_bank), from the
    bank file the quiz was built from."""
    return answer_bank(page, load_bank(ROOT / "docs" / lang / "quizzes" / f"{bank_id}.yml"), right, phase, point)


def progress_rows(page) -> dict[str, tuple[str, str]]:
    """{bank id: (status, best score)} as the table shows them, once the runtime has filled it in."""
    rows = page.eval_on_selector_all(
        ".quiz-progress:not(.quiz-completion__sheet .quiz-progress) tr[data-progress]",
        "rows => rows.map(r => [r.dataset.progress, r.querySelector('.quiz-status').innerText.trim(),"
        " r.querySelector('.quiz-best').innerText.trim()])")
    return {bank: (status, best) for bank, status, best in rows}


def seed(page, banks: dict):
    """Write progress in the runtime's own format, as if these quizzes had been taken earlier in this browser."""
    page.evaluate("([key, banks]) => { const data = JSON.parse(localStorage.getItem(key) || '{\"banks\":{}}');"
                  " Object.assign(data.banks, banks); localStorage.setItem(key, JSON.stringify(data)); }",
                  [STORAGE_KEY, banks])


def watch(page, site: str):
    """Collect console errors, uncaught exceptions and every request that leaves the site (its URL, ending in "/")."""
    seen = {"errors": [], "foreign": []}
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.context.on("request", lambda r: not r.url.startswith(site) and seen["foreign"].append(r.url))
    return seen


def runtime_ready(page):
    """Wait for the runtime on "My progress": it fills in the completion box; until then the table shows only what the
    build wrote ("Not started" everywhere). (Polled from Playwright: the site's policy forbids wait_for_function's eval.)"""
    expect(page.locator(".quiz-completion__locked:not(:empty), .quiz-completion__form:not([hidden])").first).to_be_attached()


def expect_status(page, bank: str, status: str):
    expect(page.locator(f".quiz-progress tr[data-progress={bank}] .quiz-status").first).to_have_text(status)


# ---- The progress page, the lesson list and the completion summary ---------------------------------------------------

def test_progress_follows_a_real_pass_in_every_language_and_unlocks_the_summary(real_site, phone):
    server, _ = real_site
    seen = watch(phone, server.url)
    progress = server.url + "training/progress.html"

    phone.goto(progress)
    runtime_ready(phone)
    assert progress_rows(phone) == {bank: ("Not started", "–") for bank in LESSONS}
    assert "0 of 8" in phone.inner_text(".quiz-completion__locked")
    assert phone.is_hidden(".quiz-completion__form")

    phone.goto(server.url + "training/lesson-1.html")
    result = answer_quiz(phone, "lesson-1")
    assert "(100%)" in result and "Passed" in result

    phone.goto(progress)
    runtime_ready(phone)
    rows = progress_rows(phone)
    assert rows["lesson-1"] == ("Passed", "100%")
    assert all(rows[bank] == ("Not started", "–") for bank in LESSONS[1:])
    assert "1 of 8" in phone.inner_text(".quiz-completion__locked")
    assert phone.is_hidden(".quiz-completion__form")

    phone.goto(server.url + "training/index.html")
    expect_status(phone, "lesson-1", "Passed")
    assert progress_rows(phone)["lesson-1"] == ("Passed", "100%")
    assert phone.locator("tr.is-passed[data-progress]").count() == 1

    # Progress is keyed by bank and question ids: the Georgian and Russian pages show the same.
    phone.goto(progress)
    phone.click(".md-header .md-select button")
    phone.click("a.md-select__link[hreflang=ka]")
    phone.wait_for_url(re.compile(r"/ka/training/progress\.html$"))
    runtime_ready(phone)
    rows = progress_rows(phone)
    assert rows["lesson-1"] == ("ჩაბარებულია", "100%")
    assert rows["lesson-2"] == ("არ დაწყებულა", "–")
    phone.goto(server.url + "ru/training/index.html")
    expect_status(phone, "lesson-1", "Сдан")
    rows = progress_rows(phone)
    assert rows["lesson-1"] == ("Сдан", "100%") and rows["lesson-2"] == ("Не начат", "–")

    # A worse, failing attempt later (here in Russian) does not lower the best score or undo the pass.
    phone.goto(server.url + "ru/training/lesson-1.html")
    result = answer_quiz(phone, "lesson-1", lang="ru", right=False)
    assert "не сдан" in result and "(100%)" not in result
    assert "100%" in phone.inner_text("#quiz-lesson-1 .quiz__best")
    phone.goto(progress)
    runtime_ready(phone)
    assert progress_rows(phone)["lesson-1"] == ("Passed", "100%")

    # Seven more passes, written in the runtime's format; one of them only just passed and one failed first.
    earlier = {bank: {"best": 70 + 3 * n, "passed": True, "last": 70 + 3 * n, "answers": {}, "at": "2025-01-01"}
               for n, bank in enumerate(LESSONS[1:7], start=1)}
    earlier["lesson-8"] = {"best": 60, "passed": False, "last": 60, "answers": {}, "at": "2025-01-01"}
    seed(phone, earlier)
    phone.reload()
    runtime_ready(phone)
    assert progress_rows(phone)["lesson-8"] == ("Not passed yet", "60%")
    assert "7 of 8" in phone.inner_text(".quiz-completion__locked")
    assert phone.is_hidden(".quiz-completion__form")

    phone.goto(server.url + "training/lesson-8.html")
    assert "(100%)" in answer_quiz(phone, "lesson-8")
    phone.click(".md-footer__link--next")  # instant navigation: "After the module", then "My progress"
    phone.wait_for_url(re.compile(r"/training/after\.html$"))
    phone.click(".md-footer__link--next")
    phone.wait_for_url(re.compile(r"/training/progress\.html$"))
    runtime_ready(phone)
    rows = progress_rows(phone)
    assert all(status == "Passed" for status, _ in rows.values()), rows
    assert rows["lesson-8"] == ("Passed", "100%") and rows["lesson-4"] == ("Passed", "79%")
    assert phone.is_visible(".quiz-completion__form")
    assert phone.inner_text(".quiz-completion__locked").strip() == ""

    # Printing the summary: the typed name, today's date and every score, and nothing else of the page.
    phone.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    phone.fill(".quiz-completion__name", "Nino Beridze")
    phone.click(".quiz-completion__print")
    assert phone.evaluate("window.__printed") == 1
    phone.emulate_media(media="print")
    printed = phone.inner_text("body")
    today = datetime.date.today()
    assert "Nino Beridze has completed the training module" in printed
    assert f"{today:%B} {today.day}, {today.year}" in printed, printed
    for bank, (_, best) in rows.items():
        assert best in printed, (bank, best)
    assert "Psychoactive substances, dependence and harm reduction" in printed
    for not_printed in ("This page shows your quiz results", "Clear my progress", "Print the completion summary"):
        assert not_printed not in printed
    phone.evaluate("() => { window.dispatchEvent(new Event('afterprint')); }")  # the print dialog closes
    assert "This page shows your quiz results" in phone.inner_text("body")  # printing the page now prints the page
    phone.emulate_media(media="screen")

    assert not seen["foreign"], seen["foreign"]
    assert not seen["errors"], seen["errors"]
    assert phone.evaluate("Object.keys(localStorage).filter(k => k !== %r && !k.includes('__'))" % STORAGE_KEY) == []
    assert "Nino" not in json.dumps(phone.evaluate("Object.assign({}, localStorage)"))  # the name is never stored


def test_clearing_progress_asks_first_and_then_starts_over(real_site, phone):
    server, _ = real_site
    seen = watch(phone, server.url)
    phone.goto(server.url + "training/lesson-2.html")
    assert "Passed" in answer_quiz(phone, "lesson-2")
    phone.goto(server.url + "ru/training/progress.html")
    runtime_ready(phone)
    assert progress_rows(phone)["lesson-2"] == ("Сдан", "100%")

    dialogs = []
    phone.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    phone.click(".quiz-reset__button")
    assert dialogs == ["Удалить весь прогресс тестов, сохранённый в этом браузере?"]
    assert progress_rows(phone)["lesson-2"] == ("Сдан", "100%")  # cancelled: nothing cleared

    phone.once("dialog", lambda d: d.accept())
    phone.click(".quiz-reset__button")
    assert phone.inner_text(".quiz-reset__status") == "Ваш прогресс удалён."
    assert progress_rows(phone) == {bank: ("Не начат", "–") for bank in LESSONS}
    assert "0 из 8" in phone.inner_text(".quiz-completion__locked")
    phone.reload()
    runtime_ready(phone)
    assert progress_rows(phone) == {bank: ("Не начат", "–") for bank in LESSONS}
    phone.goto(server.url + "training/lesson-2.html")
    assert phone.inner_text("#quiz-lesson-2 .quiz__best").strip() == ""
    assert not phone.locator("#quiz-lesson-2 input:checked").count()  # the saved answers are gone too
    assert not seen["foreign"] and not seen["errors"], seen


def test_clearing_progress_hides_a_summary_made_before(real_site, phone):
    server, _ = real_site
    phone.goto(server.url + "training/progress.html")
    seed(phone, {bank: {"best": 90, "passed": True} for bank in LESSONS})
    phone.reload()
    phone.evaluate("() => { window.print = () => {}; }")
    runtime_ready(phone)
    phone.fill(".quiz-completion__name", "Giorgi")
    phone.click(".quiz-completion__print")
    assert phone.is_visible(".quiz-completion__sheet")
    phone.once("dialog", lambda d: d.accept())
    phone.click(".quiz-reset__button")
    assert phone.is_hidden(".quiz-completion__sheet")
    assert phone.is_hidden(".quiz-completion__form")
    assert "Giorgi" not in phone.inner_text("body")
    assert phone.input_value(".quiz-completion__name") == ""


# ---- Storage blocked, full or corrupt: the quiz still works and nothing reaches the console ------------------------

BLOCKED = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {configurable: true, get() {
    throw new DOMException("The operation is insecure.", "SecurityError");
  }});
}
"""
FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


def take_lesson_1_and_open_progress(phone, server):
    """Pass lesson 1, then go to the overview and "My progress" by the site's own links (instant navigation)."""
    phone.goto(server.url + "training/lesson-1.html")
    result = answer_quiz(phone, "lesson-1")
    assert "(100%). Passed" in result, result
    best = phone.inner_text("#quiz-lesson-1 .quiz__best")
    phone.click(".md-footer__link--prev")  # "Before you start", then the overview
    phone.wait_for_url(re.compile(r"/training/before\.html$"))
    # Material changes the address before it swaps the content in: click the new page's link, not the old one's.
    expect(phone.locator(".md-footer__link--prev")).to_have_attribute("href", re.compile(r"(^|/)index\.html$"))
    phone.click(".md-footer__link--prev")
    phone.wait_for_url(re.compile(r"/training/index\.html$"))
    expect_status(phone, "lesson-1", "Passed")
    overview = progress_rows(phone)
    phone.click("article a[href$='/progress.html']")  # instant navigation makes links absolute
    phone.wait_for_url(re.compile(r"/training/progress\.html$"))
    runtime_ready(phone)
    return best, overview


def test_quiz_works_when_storage_is_blocked(real_site, phone):
    server, _ = real_site
    phone.context.add_init_script(BLOCKED)
    seen = watch(phone, server.url)
    best, overview = take_lesson_1_and_open_progress(phone, server)
    assert "100%" in best and "does not allow saving" in best
    # Within one visit (instant navigation keeps the page's memory) the result is still shown.
    assert overview["lesson-1"] == ("Passed", "100%")
    assert progress_rows(phone)["lesson-1"] == ("Passed", "100%")
    assert "does not allow saving" in phone.inner_text("article")
    phone.reload()
    runtime_ready(phone)
    assert progress_rows(phone)["lesson-1"] == ("Not started", "–")
    assert "does not allow saving" in phone.inner_text("article")
    assert not seen["errors"], seen["errors"]
    assert not seen["foreign"], seen["foreign"]


def test_quiz_works_when_storage_is_full(real_site, phone):
    server, _ = real_site
    # An earlier, lower result is stored; then the storage fills up and refuses the new one.
    phone.context.add_init_script(
        "localStorage.setItem(%r, %r);" % (STORAGE_KEY, json.dumps({"banks": {"lesson-1": {"best": 40, "passed": False}}}))
        + FULL)
    seen = watch(phone, server.url)
    best, overview = take_lesson_1_and_open_progress(phone, server)
    assert "best score so far: 100%" in best and "does not allow saving" in best, best
    assert overview["lesson-1"] == ("Passed", "100%")
    assert progress_rows(phone)["lesson-1"] == ("Passed", "100%")
    assert not seen["errors"], seen["errors"]
    assert not seen["foreign"], seen["foreign"]


CORRUPT = {
    # id: what is stored under the runtime's key
    "not-json": "{banks: oops",
    "null": "null",
    "array": "[1, 2, 3]",
    "banks-array": json.dumps({"banks": [{"best": 100}]}),
    "wrong-types": json.dumps({"banks": {
        "lesson-1": {"best": 30, "passed": "yes", "answers": {"harm-reduction-meaning": {"x": 1}, "relapse-means-failure": 7,
                                                               "package-interventions": "nsp", "naloxone-name": ["a"]}},
        "lesson-2": "passed", "lesson-3": None, "lesson-4": [100], "lesson-5": {"best": -20, "passed": 1},
        "lesson-6": {"best": "90", "passed": True, "answers": "oops"}, "lesson-7": {"answers": [[1]]}}}),
    "huge-numbers": '{"banks": {"lesson-1": {"best": 1e999, "passed": true, "answers": null},'
                    ' "lesson-2": {"best": 1e308, "passed": true}, "lesson-3": {"best": -1e999}}}',
}


@pytest.mark.parametrize("stored", CORRUPT.values(), ids=CORRUPT.keys())
def test_quiz_works_when_storage_holds_corrupt_data(real_site, phone, stored):
    server, _ = real_site
    seen = watch(phone, server.url)
    phone.goto(server.url + "training/progress.html")
    phone.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, stored])
    phone.reload()
    runtime_ready(phone)
    before = progress_rows(phone)
    # Garbage is never shown as a pass or a score; the one sensible entry (lesson 1, 30%, in "wrong-types") is kept.
    assert all(row in (("Not started", "–"), ("Not passed yet", "30%")) for row in before.values()), before
    best, overview = take_lesson_1_and_open_progress(phone, server)
    assert best.startswith("Your best score so far: 100%."), best
    rows = progress_rows(phone)
    assert rows["lesson-1"] == ("Passed", "100%") and overview["lesson-1"] == rows["lesson-1"]
    assert all(rows[bank][0] != "Passed" for bank in LESSONS[1:]), rows
    phone.reload()  # the new result was saved over the garbage
    runtime_ready(phone)
    assert progress_rows(phone)["lesson-1"] == ("Passed", "100%")
    assert not seen["errors"], seen["errors"]
