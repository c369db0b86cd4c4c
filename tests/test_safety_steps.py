"""Safety steps and the banks that test them (issue 13).

The first-aid steps in an overdose and the steps after a needle-stick injury must read the same on every page that
gives them, in each language: an officer who learnt them in lesson 3 (or 2) must find the same steps on the referral
pathway in the street. Each page marks its steps with `<div class="safety-steps" data-steps="overdose" markdown>` (or
`needle-stick`); the check reads the built site as a reader sees it, step by step. Citation links are numbered per page
(the same source can be 1 on one page and 4 on another), so each is compared by the source it links to.

The banks of lessons 1-4 are checked where a wrong key would teach a wrong step: the order questions hold no pair of
steps whose order is a matter of taste, and in every bank an option's feedback agrees with its key.
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import answer_bank
from quiz_plugin.loader import load_bank
from sitebuilder import LANGS, ROOT

# The pages that give each set of steps (site paths of the English build; ka and ru are under /ka/ and /ru/).
STEP_PAGES = {
    "overdose": ("training/lesson-3.html", "referral/pathway.html"),
    "needle-stick": ("training/lesson-2.html", "referral/pathway.html"),
}
# What the steps must contain, in every language: the points issue 13 asks for (a phrase per point and language).
MUST_SAY = {
    "overdose": {
        "en": ("10 seconds", "Gasping", "112", "CPR", "2–3 minutes", "second dose", "Stay until the ambulance crew"),
        "ka": ("10 წამისა", "აგონალური სუნთქვა", "112", "გულ-ფილტვის რეანიმაცია", "2–3 წუთში", "მეორე დოზა", "დარჩით"),
        "ru": ("10 секунд", "агональное дыхание", "112", "реанимацию", "2–3 минуты", "вторую дозу", "Оставайтесь рядом"),
    },
    "needle-stick": {
        "en": ("bleed under running water", "Do not scrub it or suck it", "at once", "72 hours"),
        "ka": ("გამდინარე წყლის ქვეშ", "ნუ გახეხავთ და ნუ გამოწოვთ", "დაუყოვნებლივ", "72 საათისა"),
        "ru": ("кровоточить под проточной водой", "Не трите ранку и не отсасывайте", "Немедленно", "72 часов"),
    },
}
# How feedback opens in each language: on a correct option it says so, on a wrong one it says it is not.
RIGHT = {"en": ("Right", "Correct", "Yes"), "ka": ("სწორია", "დიახ"), "ru": ("Верно", "Правильно", "Да")}
WRONG = {"en": ("No", "Wrong"), "ka": ("არა", "მცდარია"), "ru": ("Нет", "Неверно")}


def page_path(site: Path, lang: str, rel: str) -> Path:
    return site / rel if lang == "en" else site / lang / rel


def safety_steps(html: str) -> dict[str, list[str]]:
    """{name: the text of each step} of every marked set of steps on a page, as a reader sees it, with each citation
    link replaced by the key of the source it points to.

    >>> safety_steps('<div class="safety-steps" data-steps="x"><ol><li><b>Stop.</b>  Wait '
    ...              '<a class="cite__ref" href="#source-who2014">3</a>.</li><li>Go.</li></ol></div>')
    {'x': ['Stop. Wait [@who2014].', 'Go.']}
    """
    soup = BeautifulSoup(html, "html.parser")
    found: dict[str, list[str]] = {}
    for box in soup.select("div.safety-steps[data-steps]"):
        for ref in box.select("a.cite__ref"):
            ref.replace_with(f"[@{ref['href'].removeprefix('#source-')}]")
        steps = [" ".join(item.get_text(" ").split()).replace(" .", ".").replace(" ,", ",")
                 for item in box.select("ol > li")]
        assert box["data-steps"] not in found, f"two sets of {box['data-steps']} steps on one page"
        found[box["data-steps"]] = steps
    return found


def differences(name: str, pages: dict[str, list[str]]) -> list[str]:
    """Where the pages' steps differ from the first page's, step by step, naming the page and the step.

    >>> differences("x", {"a.html": ["One.", "Two."], "b.html": ["One.", "Two!"], "c.html": ["One."]})
    ['b.html: x step 2 reads "Two!", a.html has "Two."', 'c.html: x has 1 steps, a.html has 2']
    """
    (first, reference), *others = pages.items()
    problems = []
    for page, steps in others:
        if len(steps) != len(reference):
            problems.append(f"{page}: {name} has {len(steps)} steps, {first} has {len(reference)}")
            continue
        problems += [f'{page}: {name} step {number} reads "{mine}", {first} has "{theirs}"'
                     for number, (mine, theirs) in enumerate(zip(steps, reference), 1) if mine != theirs]
    return problems


@pytest.fixture(scope="module")
def built_steps(real_site):
    """{(lang, name): {page: steps}} read once from the real site."""
    _, site = real_site
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    for name, pages in STEP_PAGES.items():
        for lang in LANGS:
            for rel in pages:
                path = page_path(site, lang, rel)
                steps = safety_steps(path.read_text(encoding="utf-8")).get(name)
                assert steps, f"{path.relative_to(site)}: no {name} steps (a <div class=\"safety-steps\" " \
                              f"data-steps=\"{name}\" markdown> around them)"
                found.setdefault((lang, name), {})[str(path.relative_to(site))] = steps
    return found


@pytest.mark.parametrize("name", STEP_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_safety_steps_are_the_same_on_every_page_that_gives_them(built_steps, lang, name):
    pages = built_steps[lang, name]
    assert differences(name, pages) == []
    steps = " ".join(next(iter(pages.values())))
    assert [phrase for phrase in MUST_SAY[name][lang] if phrase not in steps] == []
    # The steps are numbered alike in every language: a translation has neither dropped nor added one.
    assert len(next(iter(pages.values()))) == len(next(iter(built_steps["en", name].values())))


def test_no_other_page_gives_its_own_version_of_the_steps(real_site):
    """Steps marked on a page not listed above would escape the comparison: every marked set is on a listed page."""
    _, site = real_site
    listed = {(str(page_path(site, lang, rel)), name) for name, pages in STEP_PAGES.items()
              for lang in LANGS for rel in pages}
    stray = [(str(path.relative_to(site)), name) for path in site.rglob("*.html")
             if "safety-steps" in (text := path.read_text(encoding="utf-8"))
             for name in safety_steps(text) if (str(path), name) not in listed]
    assert stray == []


def test_a_planted_difference_is_found(built_steps):
    """The check fails, naming page and step, when one page's steps are changed: here the pathway's Russian second
    dose is moved to 5 minutes, as an editor might by mistake."""
    pages = {page: list(steps) for page, steps in built_steps["ru", "overdose"].items()}
    pathway = next(page for page in pages if page.endswith("pathway.html"))
    pages[pathway] = [step.replace("2–3 минуты", "5 минут") for step in pages[pathway]]
    found = differences("overdose", pages)
    assert len(found) == 1 and found[0].startswith(f"{pathway}: overdose step 6 reads ")


def test_a_planted_difference_in_the_built_html_is_found(real_site):
    """The same, through the HTML reader: a Georgian needle-stick step left out on the pathway page."""
    _, site = real_site
    lesson = page_path(site, "ka", "training/lesson-2.html").read_text(encoding="utf-8")
    pathway = page_path(site, "ka", "referral/pathway.html").read_text(encoding="utf-8")
    start = pathway.index('data-steps="needle-stick"')
    item = pathway.index("<li>", start)
    planted = pathway[:item] + pathway[pathway.index("</li>", item) + len("</li>"):]
    found = differences("needle-stick", {"lesson-2": safety_steps(lesson)["needle-stick"],
                                         "pathway": safety_steps(planted)["needle-stick"]})
    assert found == ["pathway: needle-stick has 7 steps, lesson-2 has 8"]


# --- The banks ------------------------------------------------------------------------------------------------------

def bank(lang: str, bank_id: str):
    return load_bank(ROOT / "docs" / lang / "quizzes" / f"{bank_id}.yml")


@pytest.mark.parametrize("lang", LANGS)
def test_order_questions_do_not_penalise_a_defensible_order(lang):
    """Checking breathing and calling the ambulance are one item (either may come first); bleeding and washing are one
    item (they happen together, under running water); CPR and a second naloxone dose are part of the sequence."""
    questions = {q.id: q for q in bank(lang, "lesson-3").scored_questions()}
    first_steps = [item.id for item in questions["first-steps"].items]
    assert first_steps == ["safety", "response", "breathing-ambulance", "cpr", "naloxone", "recovery"]
    naloxone = next(item.text for item in questions["first-steps"].items if item.id == "naloxone")
    assert "2–3" in naloxone
    assert questions["gasping"].answer is False
    assert [o.id for o in questions["second-dose"].options if o.correct] == ["give-second"]
    needle = {q.id: q for q in bank(lang, "lesson-2").scored_questions()}["needle-stick-steps"]
    assert [item.id for item in needle.items] == ["stop", "bleed-wash", "cover", "medical", "report"]


@pytest.mark.parametrize("lang", LANGS)
def test_feedback_agrees_with_the_key(lang):
    """A correct option's feedback says it is right, a wrong option's says it is not: a key flipped by mistake (or
    feedback copied to the wrong option) shows up here, in every bank of the module."""
    problems = []
    for path in sorted((ROOT / "docs" / lang / "quizzes").glob("lesson-*.yml")):
        for question in load_bank(path).scored_questions():
            for option in getattr(question, "options", None) or []:
                opening = RIGHT[lang] if option.correct else WRONG[lang]
                if not (option.feedback or "").strip().startswith(opening):
                    problems.append(f"{path.relative_to(ROOT)}: {question.id}/{option.id} (correct: {option.correct}) "
                                    f"feedback opens {(option.feedback or '')[:30]!r}")
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("lesson", ["lesson-2", "lesson-3"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_safety_quizzes_grade_their_keys_in_the_browser(real_site, phone, lang, lesson):
    """Answered with the bank's keys, as a trainee would (ticking, typing, ordering), the quiz passes at 100%;
    answered all wrong, it does not pass."""
    server, _ = real_site
    prefix = "" if lang == "en" else f"{lang}/"
    phone.goto(f"{server.url}{prefix}training/{lesson}.html")
    result = answer_bank(phone, bank(lang, lesson))
    assert "100" in result
    phone.goto(f"{server.url}{prefix}training/{lesson}.html")
    assert "100" not in answer_bank(phone, bank(lang, lesson), right=False)


def test_the_examples_in_this_file_hold():
    assert doctest.testmod(sys.modules[__name__]).failed == 0
