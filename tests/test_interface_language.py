"""No English in the Georgian and Russian interface.

Every built page of ka and ru (and the Georgian and Russian parts of the 404 page) is walked: the text around the
content (header, navigation, search, footer), the interface parts inside it (quiz buttons and labels, the translation
notice, the progress table), the attributes a reader or a screen reader meets (aria-label, title, placeholder, alt,
confirmations), the page title, and the interface strings that scripts show later (Material's configuration, the
quiz's strings). A text fails when it is not in the page's language: it has no letter of that language's script but
has English words, or it holds three English words in a row. Allowed: abbreviations in capitals (LEAD, HIV), an
original name in brackets after its translation, and a few names that stay as they are (the language switcher's
"English", "Material for MkDocs"). A planted mistake shows the walk fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString
from playwright.sync_api import expect

from sitebuilder import ROOT, build_site, make_site, page

SCRIPT = {"ka": re.compile("[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]"), "ru": re.compile("[\u0400-\u04ff]")}
NAMES = ("Material for MkDocs", "English", "JavaScript")  # kept as they are in every language
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|#")
_BRACKETS = re.compile(r"\([^()]*\)")
# Inside the content: the parts the interface writes (the rest is the translated content, checked by tests/test_content.py).
INTERFACE_IN_CONTENT = (".quiz__number", ".quiz__intro", ".quiz__controls", "details.quiz__answer > summary",
                        ".quiz__answer > p > strong", ".quiz__text > span", "select option[value='']", "noscript",
                        "button", ".translation-notice", ".quiz-progress th", ".quiz-status",
                        ".quiz-completion label", ".services__scope", ".quiz-completion__locked")
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "data-confirm", "data-done")


def english_words(text: str) -> list[str]:
    """English words that count: not abbreviations in capitals, not single letters, not a name that stays."""
    text = _PLACEHOLDER.sub(" ", text)
    for name in NAMES:
        text = text.replace(name, " ")
    return [word for word in _LATIN_WORD.findall(_BRACKETS.sub(" ", text)) if len(word) > 1 and not word.isupper()]


def not_in_language(text: str, language: str) -> bool:
    """Is this interface text not in the language?

    >>> not_in_language("Initializing search", "ka"), not_in_language("ძიების მომზადება…", "ka")
    (True, False)
    >>> not_in_language("Вывод из уголовного процесса при участии полиции (Law Enforcement Assisted Diversion)", "ru")
    False
    >>> not_in_language("Перейти: Skip to the content", "ru"), not_in_language("LEAD", "ru")
    (True, False)
    """
    words = english_words(text)
    if not words:
        return False
    if not SCRIPT[language].search(text):
        return True
    run = longest = 0
    for token in _BRACKETS.sub(" ", _PLACEHOLDER.sub(" ", text)).split():
        bare = token.strip(".,:;!?«»“”„\"'–—-…")
        if bare and _LATIN_WORD.fullmatch(bare) and not bare.isupper() and len(bare) > 1 and bare not in NAMES:
            run += 1
            longest = max(longest, run)
        elif any(c.isalpha() for c in bare):
            run = 0
    return longest >= 3


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _own_text(element) -> bool:
    return any(isinstance(child, NavigableString) and not isinstance(child, (Comment, Doctype)) and child.strip()
               for child in element.children)


def interface_texts(html: str) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text of a built page."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            if element.get(attribute):
                found.append((f"<{element.name} {attribute}>", element[attribute]))
    for data in soup.select("script#__config"):
        found += [("Material's interface strings", text) for text in _strings(json.loads(data.string)["translations"])]
    for data in soup.select(".quiz__data"):
        found += [("the quiz's strings", text) for text in _strings(json.loads(data.string).get("strings", {}))]
    for data in soup.select(".quiz-strings"):
        found += [("the progress page's strings", text) for text in _strings(json.loads(data.string))]
    content = soup.select_one("article")
    inside = [element for selector in INTERFACE_IN_CONTENT for element in (content.select(selector) if content else [])]
    if content is not None:
        content.extract()
    for element in soup.find_all(True):
        if element.name in ("script", "style") or element.find_parent(["script", "style"]):
            continue
        if element.name == "a" and element.get("hreflang"):
            continue  # the language switcher names each language in its own language
        if _own_text(element):
            found.append((f"<{element.name}>", element.get_text(" ", strip=True)))
    found += [(f"<{element.name}>", element.get_text(" ", strip=True)) for element in inside]
    return [(where, " ".join(text.split())) for where, text in found if text.strip()]


def page_problems(rel: str, html: str, language: str) -> list[str]:
    return [f"{rel}: {where} '{text}'" for where, text in interface_texts(html) if not_in_language(text, language)]


def not_found_problems(html: str, language: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    section = soup.select_one(f"section.not-found__language[lang={language}]")
    title = soup.html.get(f"data-title-{language}", "")
    texts = [("title", title)] + [(f"<{e.name}>", e.get_text(" ", strip=True)) for e in section.find_all(True)]
    texts += [("<input> label", e.get_text()) for e in section.select("label")]
    return [f"404.html ({language}): {where} '{text}'" for where, text in texts if not_in_language(text, language)]


def site_problems(site: Path, language: str) -> list[str]:
    problems = []
    for path in sorted((site / language).rglob("*.html")):
        problems += page_problems(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"), language)
    return problems + not_found_problems((site / "404.html").read_text(encoding="utf-8"), language)


# --- The real site ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["ka", "ru"])
def test_every_page_speaks_the_readers_language(real_site, language):
    _, site = real_site
    assert len(list((site / language).rglob("*.html"))) >= 31
    assert site_problems(site, language) == []


def test_the_check_examples():
    import doctest
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    for test in finder.find(not_in_language, globs=globals()):
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_our_scripts_have_every_string_in_every_language():
    """site.js's offline notes, the service worker's offline page and the quiz's strings: the same keys in en, ka and
    ru, each in its language."""
    import sys
    sys.path.insert(0, str(ROOT / "hooks"))
    from offline import OFFLINE_PAGE
    from quiz_plugin.strings import STRINGS
    site_js = (ROOT / "docs" / "assets" / "site.js").read_text(encoding="utf-8")
    status = {lang: dict(re.findall(r'(\w+): "([^"]*)"', block))
              for lang, block in re.findall(r"\n\s+(en|ka|ru): \{(.*?)\}", site_js, re.S)}
    assert set(status) == {"en", "ka", "ru"}
    for language in ("ka", "ru"):
        for source, strings in (("site.js", status), ("quiz_plugin/strings.py", STRINGS)):
            assert set(strings[language]) == set(strings["en"]), (source, language)
            bad = [text for text in strings[language].values() if not_in_language(text, language)]
            assert not bad, (source, language, bad)
        bad = [text for text in OFFLINE_PAGE[language] if not_in_language(text, language)]
        assert not bad, ("hooks/offline.py", language, bad)


# --- A planted mistake is found ------------------------------------------------------------------------------------------

PAGES = {
    "index.md": {"en": page("Home", "# Home {#home}\n\n## Quiz {#quiz}\n\n<!-- quiz: demo -->\n"),
                 "ka": page("მთავარი", "# მთავარი {#home}\n\n## ტესტი {#quiz}\n\n<!-- quiz: demo -->\n"),
                 "ru": page("Главная", "# Главная {#home}\n\n## Тест {#quiz}\n\n<!-- quiz: demo -->\n")},
}
BANK = "id: demo\ntitle: {title}\nquestions:\n  - id: q1\n    type: true-false\n    prompt: \"{prompt}\"\n    answer: true\n"
BANKS = {"demo": {"en": BANK.format(title="Demo", prompt="Naloxone reverses an overdose."),
                  "ka": BANK.format(title="ტესტი", prompt="ნალოქსონი ზედოზირებას აბრუნებს."),
                  "ru": BANK.format(title="Тест", prompt="Налоксон устраняет передозировку.")}}


def translated_site(folder: Path, without_interface_hook: bool = False) -> Path:
    """A small site whose name is translated too (tests/sitebuilder.py gives every language "Test site")."""
    config = make_site(folder, PAGES, BANKS)
    text = (config.read_text(encoding="utf-8")
            .replace("{locale: ka, name: ქართული,", "{locale: ka, name: ქართული, site_name: სატესტო საიტი,")
            .replace("{locale: ru, name: Русский,", "{locale: ru, name: Русский, site_name: Тестовый сайт,"))
    if without_interface_hook:
        text = re.sub(r"\n  - \S*hooks/interface\.py", "", text)
    config.write_text(text, encoding="utf-8")
    return build_site(config)


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory):
    """The same small site built twice: as the project builds it, and without hooks/interface.py (Material's own
    Georgian file, with its English gaps)."""
    folder = tmp_path_factory.mktemp("interface")
    return translated_site(folder / "full"), translated_site(folder / "bare", without_interface_hook=True)


def test_the_small_site_passes(small_sites):
    full, _ = small_sites
    assert site_problems(full, "ka") == [] and site_problems(full, "ru") == []


def test_materials_english_gaps_are_found_without_the_projects_strings(small_sites):
    _, bare = small_sites
    problems = "\n".join(site_problems(bare, "ka"))
    for english in ("'Initializing search'", "'Header'", "'Permanent link'", "'Missing'",
                    "Made with Material for MkDocs"):
        assert english in problems, problems
    assert "ka/index.html: <a title> 'Permanent link'" in problems


def test_an_english_quiz_string_is_found(tmp_path, monkeypatch):
    from quiz_plugin import strings
    monkeypatch.setitem(strings.STRINGS["ru"], "check", "Check answers")
    monkeypatch.setitem(strings.STRINGS["ru"], "verdict_wrong", "Not correct")
    site = translated_site(tmp_path)
    problems = site_problems(site, "ru")
    assert "ru/index.html: <button> 'Check answers'" in problems, problems
    assert "ru/index.html: the quiz's strings 'Not correct'" in problems, problems
    assert site_problems(site, "ka") == []


# --- What scripts show, in Chromium ----------------------------------------------------------------------------------------

SHOWN = {"ka": ("ძიების მომზადება…", "ზემოთ დაბრუნება"), "ru": ("Подготовка поиска…", "К началу")}


@pytest.mark.parametrize("language", ["ka", "ru"])
def test_what_the_scripts_show_is_in_the_readers_language(real_site, phone, language):
    """After a reader checks an unanswered quiz and opens search, everything the interface shows is in the language."""
    server, _ = real_site
    phone.goto(server.url + f"{language}/training/lesson-1.html")
    phone.locator(".quiz__controls button").first.click()
    result = phone.locator(".quiz__result").first
    result.wait_for()
    assert result.inner_text().strip() and not not_in_language(result.inner_text(), language)
    assert SHOWN[language][0] in phone.locator(".md-search-result__meta").inner_html()
    assert phone.locator(".md-top").text_content().strip() == SHOWN[language][1]
    phone.click("label[for=__search]")
    phone.fill("input.md-search__input", "qqqqzzzz")
    phone.press("input.md-search__input", "End")
    meta = phone.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text(SHOWN[language][0], timeout=60000)  # the index has loaded and been searched
    expect(meta).to_have_text(re.compile(r"\S"))
    shown = phone.evaluate("""() => [...document.querySelectorAll('header, nav, footer, .md-search, .quiz, button, [aria-label]')]
        .filter(e => e.offsetParent !== null || e.matches('[aria-label]'))
        .flatMap(e => [e.getAttribute('aria-label') || '', e.closest('article') ? '' : e.innerText])""")
    lines = [line for text in shown for line in text.split("\n") if line.strip()]
    assert len(lines) > 20, lines  # the header, the menu, the search panel, the footer
    bad = [line for line in lines if not_in_language(line, language)]
    assert not bad, bad
