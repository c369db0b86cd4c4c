"""Every table of the real site at 360 px, in every language, in Debian's Chromium: no word broken in the middle, no
table that scrolls sideways, no page that does. On a phone a table shows each row as a card (hooks/tables.py and
docs/assets/site.css for the pages' tables, quiz.css for the progress tables)."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from playwright.sync_api import expect

from phone_layout import table_problems
from test_browser_progress import STORAGE_KEY, seed

pytestmark = pytest.mark.browser


def pages_with_tables(site) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if "<table" in path.read_text(encoding="utf-8") and "download/" not in path.as_posix())


def layout(site, rel: str) -> dict | None:
    found = re.search(r'<div class="quiz-layout" hidden data-search-exclude>(.*?)</div>', (site / rel).read_text("utf-8"), re.S)
    return json.loads(unescape(found.group(1))) if found else None


def checks_taken(page_layout: dict) -> dict:
    """Both checks taken before and after, as the runtime stores them: the "Before and after" tables then show."""
    banks = {}
    for bank in page_layout["banks"]:
        for phase, value in (("before", 0), ("after", 1)):
            ids = [q["id"] for q in bank["questions"]]
            if bank["questionnaire"]:
                banks[f"{bank['id']}@{phase}"] = {"answers": {q: [str(3 + value)] for q in ids}, "at": "2026-12-01"}
            else:
                banks[f"{bank['id']}@{phase}"] = {"best": 100 * value, "passed": bool(value), "last": 100 * value,
                                                 "answers": {q: [] for q in ids}, "scores": {q: value for q in ids},
                                                 "at": "2026-12-01"}
    return banks


def test_every_page_with_a_table_is_checked(real_site):
    _, site = real_site
    pages = pages_with_tables(site)
    # The module's progress tables, the case comparison, the session plans, the referral forms, in three languages.
    for rel in ("training/progress.html", "ka/cases/index.html", "ru/training/trainers-guide.html",
                "referral/referral-card.html"):
        assert rel in pages, pages
    assert len(pages) >= 36


def test_every_table_keeps_its_words_whole_on_a_phone(real_site, phone):
    server, site = real_site
    pages = pages_with_tables(site)
    phone.goto(server.url + "training/progress.html")
    seed(phone, checks_taken(layout(site, "training/progress.html")))
    problems = []
    for rel in pages:
        phone.goto(server.url + rel)
        if phone.locator(".quiz-change").count():  # the runtime has filled in the reader's change: measure it too
            expect(phone.locator(".quiz-change__bank").first).to_be_visible()
        problems += [f"{rel}: {problem}" for problem in table_problems(phone)]
    assert problems == []
    assert phone.evaluate(f"Object.keys(JSON.parse(localStorage.getItem({STORAGE_KEY!r})).banks).length") == 4


def test_the_check_finds_a_broken_word(real_site, phone):
    """The check can fail: the site's old rule (words may break anywhere) breaks the progress table's words."""
    server, _ = real_site
    phone.goto(server.url + "ka/training/progress.html")
    expect(phone.locator(".quiz-progress .quiz-status").first).to_have_text("არ დაწყებულა")
    assert table_problems(phone) == []
    phone.evaluate("""() => document.querySelectorAll(".quiz-table, .quiz-table *").forEach((el) => {
        const display = {TABLE: "table", THEAD: "table-header-group", TBODY: "table-row-group", TR: "table-row"}[el.tagName];
        el.style.display = display || (/^T[DH]$/.test(el.tagName) ? "table-cell" : "");
        el.style.position = "static";
        el.style.overflowWrap = "anywhere";
    })""")  # the site's policy allows no <style> element: set the old rules on the elements themselves
    found = table_problems(phone)
    assert any("is broken over" in problem for problem in found), found
