"""Referral guidance as issue 13 corrected it, in every language (read from the sources; one check on a phone).

- The emergency number: wherever a referral page tells the reader to call an ambulance, 112 is in the same sentence;
  every translation of every page gives the number as often as its English page does.
- Promises: a referral page says that a person's contact with a service is not used against them only by naming
  who commits to it (you, the officer, the unit), never as a promise that binds everyone (prosecutors, courts).
- The EHRN/UNODC meetings of 2016: only the one in Minsk is known to have been held. Wherever a page, a bank or the
  service directory names the meetings in Almaty, Tbilisi or Dushanbe, the same paragraph says they were announced
  or planned.

Each check returns problems naming the file and line; the examples below show that each one catches a planted mistake.
"""

from __future__ import annotations

import re

import pytest

from sitebuilder import ROOT

from citations.figures import paragraphs
from quiz_plugin import safe_yaml

DOCS = ROOT / "docs"
LANGS = ("en", "ka", "ru")
PREFIX = {"en": "", "ka": "ka/", "ru": "ru/"}
REFERRAL = sorted(path.name for path in (DOCS / "en" / "referral").glob("*.md"))
EMERGENCY_NUMBER = re.compile(r"(?<![\d.,])112(?![\d]|[.,]\d)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")

# An instruction to call an ambulance, in English (the translations are held to the English count of 112).
CALL_AMBULANCE = re.compile(r"\bcall(?:s)? an ambulance\b|\ban ambulance (?:\(112\) )?is called\b", re.I)

# A sentence saying that contact with a service is not used against a person, per language ...
NOT_USED_AGAINST = {
    "en": re.compile(r"\b(?:never|not|no)\b.*\bagainst\b|\bnever evidence\b", re.I),
    "ka": re.compile(r"წინააღმდეგ.*(?:არ |არასდროს)|(?:არ |არასდროს).*წინააღმდეგ|არასდროს არის მტკიცებულება"),
    "ru": re.compile(r"\bне\b.*\bпротив\b|никогда не является доказательством", re.I),
}
# ... about a service, evidence or use ...
ABOUT_EVIDENCE = {
    "en": re.compile(r"\b(?:evidence|used?)\b", re.I),
    "ka": re.compile(r"მტკიცებულ|გამოიყენ|იყენებ"),
    "ru": re.compile(r"доказательств|использ", re.I),
}
# ... must name who commits to it.
WHO_COMMITS = {
    "en": re.compile(r"\b(?:you|your unit|the unit|officers?|police unit|the police)\b", re.I),
    "ka": re.compile(r"თქვენ|ქვედანაყოფ|ოფიცერ|პოლიცი"),
    "ru": re.compile(r"\bвы\b|подразделени|сотрудник|полици", re.I),
}

# The 2016 meetings after Minsk, and the words that say they were only announced or planned.
LATER_MEETINGS = re.compile(r"Almaty|Tbilisi|Dushanbe|ალმათ|თბილის|დუშანბე|Алматы|Тбилиси|Душанбе")
EHRN_SERIES = re.compile(r"EHRN|EHRA|UNODC|УНП ООН|ehrn2016")
ANNOUNCED = re.compile(r"announced|planned|დაანონს|გამოაცხად|გეგმ|объяв|заплан|планир", re.I)


def sentences(text: str) -> list[str]:
    """
    >>> sentences("Call an ambulance: the number is 112. Then wait. 2. Go!")
    ['Call an ambulance: the number is 112.', 'Then wait.', '2.', 'Go!']
    """
    return SENTENCE_END.split(text)


def ambulance_problems(rel: str, markdown: str) -> list[str]:
    return [f"{rel}:{line}: tells the reader to call an ambulance without the emergency number 112: '{sentence}'"
            for line, text in paragraphs(markdown) for sentence in sentences(text)
            if CALL_AMBULANCE.search(sentence) and not EMERGENCY_NUMBER.search(sentence)]


def promise_problems(lang: str, rel: str, markdown: str) -> list[str]:
    return [f"{rel}:{line}: promises that contact with a service is not used against a person without saying who "
            f"commits to it (you, the officer, the unit): '{sentence}'"
            for line, text in paragraphs(markdown) for sentence in sentences(text)
            if NOT_USED_AGAINST[lang].search(sentence) and ABOUT_EVIDENCE[lang].search(sentence)
            and not WHO_COMMITS[lang].search(sentence)]


def meeting_problems(rel: str, texts: list[tuple[int, str]]) -> list[str]:
    return [f"{rel}:{line}: names the 2016 EHRN/UNODC meetings after Minsk without saying they were only announced "
            f"(no source confirms they were held): '{text[:160]}'"
            for line, text in texts if LATER_MEETINGS.search(text) and EHRN_SERIES.search(text)
            and not ANNOUNCED.search(text)]


def read(path) -> str:
    return path.read_text(encoding="utf-8")


# Defects of issue 13 in files that other branches correct at the same time: (file, words of the problem, who).
# An entry excuses only a problem that names that file and contains those words; once the file is corrected the
# entry matches nothing and the test asks for it to be removed, so this list only shrinks.
PENDING: tuple[tuple[str, str, str], ...] = ()  # every branch landed its corrections; the list can only shrink


def unexcused(problems: list[str], used: set[int]) -> list[str]:
    left = []
    for problem in problems:
        match = [i for i, (where, words, _) in enumerate(PENDING) if problem.startswith(where) and words in problem]
        used.update(match)
        if not match:
            left.append(problem)
    return left


def stale(used: set[int], where: str, words: str) -> list[str]:
    return [f"{file}: corrected ({who}); remove it from PENDING" for i, (file, what, who) in enumerate(PENDING)
            if i not in used and file.startswith(where) and what == words]


# --- The emergency number ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", REFERRAL)
def test_every_call_for_an_ambulance_on_a_referral_page_gives_112(name):
    rel, used = f"docs/en/referral/{name}", set()
    assert unexcused(ambulance_problems(rel, read(ROOT / rel)), used) == []
    assert stale(used, rel, "Call an ambulance at once") == []


def test_every_translation_gives_the_emergency_number_as_often_as_english():
    problems = []
    for english in sorted((DOCS / "en").glob("**/*.md")):
        rel = english.relative_to(DOCS / "en").as_posix()
        count = len(EMERGENCY_NUMBER.findall(read(english)))
        for lang in LANGS[1:]:
            found = len(EMERGENCY_NUMBER.findall(read(DOCS / lang / rel)))
            if found != count:
                problems.append(f"docs/{lang}/{rel}: 112 appears {found} times, in English {count} times")
    assert problems == []


@pytest.mark.parametrize("text, found", [
    ("In an emergency, call an ambulance at once.", 1),
    ("2. **Emergencies first:** call an ambulance (112) before anything else.", 0),
    ("- calls an ambulance first in any emergency;", 1),
    ("1. Emergencies come first: an ambulance is called whenever a life is at risk.", 1),
    ("Tell the ambulance crew what you saw.", 0),
])
def test_a_call_for_an_ambulance_without_the_number_is_found(text, found):
    assert len(ambulance_problems("page.md", text)) == found


# --- What the officer and the unit can promise --------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", REFERRAL)
def test_referral_pages_promise_only_what_the_officer_and_unit_commit_to(lang, name):
    rel = f"docs/{lang}/referral/{name}"
    assert promise_problems(lang, rel, read(ROOT / rel)) == []


@pytest.mark.parametrize("lang, text, found", [
    ("en", "Contact with the service is not used as evidence against the person.", 1),
    ("en", "Using a service is never evidence. Going to an NGO is never used against them.", 2),
    ("en", "The officer and the unit named above do not use the person's contact as evidence against them.", 0),
    ("ka", "სერვისთან კონტაქტი ადამიანის წინააღმდეგ მტკიცებულებად არ გამოიყენება.", 1),
    ("ka", "ოფიცერი და ქვედანაყოფი სერვისთან კონტაქტს არ იყენებენ მის წინააღმდეგ მტკიცებულებად.", 0),
    ("ru", "Контакт со службой не используется как доказательство против человека.", 1),
    ("ru", "Сотрудник и подразделение не используют контакт со службой как доказательство против него.", 0),
])
def test_a_promise_nobody_can_keep_is_found(lang, text, found):
    assert len(promise_problems(lang, "card.md", text)) == found


# --- The 2016 meetings ---------------------------------------------------------------------------------------------

def bank_texts(value, line: int = 0):
    """Every string of a bank, with the line of the question it belongs to (all text of a question counts as one)."""
    if isinstance(value, dict):
        yield line, " ".join(str(v) for v in value.values() if isinstance(v, str))
        for child in value.values():
            if isinstance(child, (dict, list)):
                yield from bank_texts(child, line)
    elif isinstance(value, list):
        for child in value:
            yield from bank_texts(child, line)


def test_the_2016_meetings_after_minsk_are_never_said_to_have_been_held():
    problems = []
    for lang in LANGS:
        for path in sorted((DOCS / lang).glob("**/*.md")):
            problems += meeting_problems(path.relative_to(ROOT).as_posix(), paragraphs(read(path)))
        for path in sorted((DOCS / lang / "quizzes").glob("*.yml")):
            rel = path.relative_to(ROOT).as_posix()
            problems += meeting_problems(rel, list(bank_texts(safe_yaml.load(read(path), rel))))
    services = safe_yaml.load(read(ROOT / "data" / "services.yml"), "data/services.yml")
    for service in services["services"]:
        texts = [(0, text) for text in (service.get("what") or {}).values()]
        problems += meeting_problems(f"data/services.yml ({service['id']})", texts)
    used = set()
    assert unexcused(problems, used) == []
    assert stale(used, "", "2016 EHRN/UNODC meetings") == []


@pytest.mark.parametrize("text, found", [
    ("In 2016, joint meetings were held in Minsk, Almaty, Tbilisi and Dushanbe [@ehrn2016].", 1),
    ("The first was held in Minsk; meetings in Almaty, Tbilisi and Dushanbe were announced [@ehrn2016].", 0),
    ("იმავე წელს EHRN-მა და UNODC-მ მინსკში, ალმათიში, თბილისსა და დუშანბეში ჩაატარეს შეხვედრები.", 1),
    ("встречи в Алматы, Тбилиси и Душанбе были объявлены [@ehrn2016].", 0),
    ("Late one evening in a courtyard in Tbilisi, a teenager runs up to you.", 0),
])
def test_a_meeting_reported_as_held_is_found(text, found):
    assert len(meeting_problems("page.md", [(1, text)])) == found


# --- On a phone --------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_pathway_gives_the_emergency_number_on_a_phone(real_site, phone, lang):
    server, _ = real_site
    phone.goto(f"{server.url}{PREFIX[lang]}referral/pathway.html")
    # The five rules at the top, then the flow's question about an overdose: what an officer reads first.
    rule = phone.locator("article ol").first.locator("> li").nth(1)
    overdose = phone.locator(".flow ol").first.locator("> li").nth(1)
    for what, item in (("the rule 'emergencies first'", rule), ("the flow's overdose step", overdose)):
        item.scroll_into_view_if_needed()
        assert item.is_visible(), f"{lang}: {what} is not on screen"
        assert "112" in item.inner_text(), f"{lang}: {what} does not give 112: {item.inner_text()!r}"
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 1, f"{lang}: {what} runs off a 360 px screen"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, f"{lang}: the page scrolls sideways"
