"""The 404 page in every language, as GitHub Pages serves it: the one root 404.html answers every missing address
(the test server does the same, tests/conftest.py), at the domain root and under a project sub-path. Checked in
Chromium on a phone: the reader sees the page in the language of the address, can search that language and go home."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import PHONE, serve_built
from sitebuilder import make_site, page

HEADINGS = {"en": "Page not found", "ka": "გვერდი ვერ მოიძებნა", "ru": "Страница не найдена"}
HOMES = {"en": "Go to the home page", "ka": "მთავარ გვერდზე გადასვლა", "ru": "Перейти на главную страницу"}
SEARCH_LABELS = {"en": "Search this site", "ka": "საიტზე ძებნა", "ru": "Поиск по сайту"}


def watch(tab) -> list[str]:
    """Requests to other hosts, script errors and Content-Security-Policy reports, as they happen."""
    problems = []
    origin = "http://127.0.0.1"
    tab.on("request", lambda r: r.url.startswith("http") and not r.url.startswith(origin) and problems.append(r.url))
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and "404" not in m.text and problems.append(m.text))
    return problems


def visible_sections(tab) -> list[str]:
    return tab.eval_on_selector_all(".not-found__language",
                                    "els => els.filter(e => e.offsetParent !== null).map(e => e.lang)")


def check_not_found(tab, url: str, language: str, home_path: str):
    problems = watch(tab)
    response = tab.goto(url)
    assert response.status == 404
    assert tab.evaluate("document.documentElement.lang") == language
    assert visible_sections(tab) == [language]
    assert tab.locator(f"section[lang={language}] h1").inner_text() == HEADINGS[language]
    assert tab.title().startswith(HEADINGS[language])
    assert tab.get_by_label(SEARCH_LABELS[language]).is_visible()
    home = tab.get_by_role("link", name=HOMES[language])
    assert urlsplit(home.get_attribute("href")).path == home_path
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not problems, problems
    return home


@pytest.mark.parametrize("path,language,home", [
    # column: a missing address; the language the reader should get; the home page the link opens
    ("no-such-page.html", "en", "/index.html"),
    ("cases/no-such-case.html", "en", "/index.html"),
    ("ka/no-such-page.html", "ka", "/ka/index.html"),
    ("ka/training/lesson-99.html", "ka", "/ka/index.html"),
    ("ru/referral/old/address", "ru", "/ru/index.html"),
])
def test_a_missing_page_answers_in_the_language_of_its_address(real_site, phone, path, language, home):
    server, _ = real_site
    link = check_not_found(phone, server.url + path, language, home)
    link.click()
    phone.wait_for_url(re.compile(re.escape(home) + "$"))
    assert phone.evaluate("document.documentElement.lang") == language


@pytest.mark.parametrize("language,query,found", [
    ("ka", "ნალოქსონი", "/ka/training/lesson-3.html"),
    ("ru", "налоксон", "/ru/training/lesson-3.html"),
    ("en", "naloxone", "/training/lesson-3.html"),
])
def test_the_404_page_searches_the_readers_language(real_site, phone, language, query, found):
    server, _ = real_site
    prefix = "" if language == "en" else f"{language}/"
    phone.goto(server.url + prefix + "missing/page.html")
    box = phone.get_by_label(SEARCH_LABELS[language])
    box.fill(query)  # a plain form: it is submitted, not searched letter by letter
    box.press("Enter")
    phone.wait_for_url(re.compile(rf"/{prefix}index\.html\?q="))
    phone.wait_for_selector(".md-search-result__item", timeout=30000)  # the home page opened search with the words
    hrefs = [urlsplit(a.get_attribute("href")).path
             for a in phone.query_selector_all(".md-search-result__item > a")]
    assert any(href.endswith(found) for href in hrefs), hrefs
    assert phone.evaluate("document.documentElement.lang") == language


PAGES = {
    "index.md": {"en": page("Home", "# Home {#home}\n\nWelcome.\n"),
                 "ka": page("მთავარი", "# მთავარი {#home}\n\nმოგესალმებით.\n"),
                 "ru": page("Главная", "# Главная {#home}\n\nДобро пожаловать.\n")},
}


def test_under_a_project_sub_path_each_language_gets_its_404_page(tmp_path, browser):
    server, site = serve_built(make_site(tmp_path, PAGES), tmp_path, prefix="/police-harm-reduction/")
    try:
        assert not (site / "ka" / "404.html").exists() and not (site / "ru" / "404.html").exists()
        for path, language, home in (("nothing-here.html", "en", "/police-harm-reduction/index.html"),
                                     ("ka/cases/gone.html", "ka", "/police-harm-reduction/ka/index.html"),
                                     ("ru/gone/", "ru", "/police-harm-reduction/ru/index.html")):
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            tab = context.new_page()
            link = check_not_found(tab, server.url + path, language, home)
            link.click()
            tab.wait_for_url(re.compile(re.escape(home) + "$"))
            context.close()
    finally:
        server.close()


def test_without_javascript_every_language_is_shown(real_site, browser):
    server, _ = real_site
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server.url + "ka/missing.html")
    assert visible_sections(tab) == ["en", "ka", "ru"]
    context.close()


def test_the_404_page_has_no_inline_script_and_one_policy(real_site):
    _, site = real_site
    html = (site / "404.html").read_text(encoding="utf-8")
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    for language, heading in HEADINGS.items():
        assert f'<section class="not-found__language" lang="{language}">' in html and heading in html
