"""Facts that the content review (issue 13) found wrong in lessons 5-8 and their banks stay right, in every language.

Each check reads the Markdown and YAML sources (no build) and looks at one block at a time: a paragraph or list item
of a page, or one text field of a bank. A block that states the fact must also carry what makes it true, so that a
later edit cannot bring the old wording back in one language while the others stay fixed. Each check returns its
problems naming file and line (page) or question (bank); a planted mistake per check shows that it can fail.
"""

from __future__ import annotations

import re

import pytest

from sitebuilder import ROOT
from test_content import paragraphs

from quiz_plugin import safe_yaml
from quiz_plugin.loader import load_bank
from quiz_plugin.normalise import normalise

DOCS = ROOT / "docs"
LANGS = ("en", "ka", "ru")
LESSONS = (5, 6, 7, 8)
BANK_FIELDS = ("prompt", "text", "feedback", "explanation", "scenario", "left", "right")

# Street drug testing began in 2006; 2002-2014 is only the review window of Otiashvili et al. 2016. A block that names
# that window must also say 2006, so the window is never given as the testing period ("с 2002 по 2014" included).
REVIEW_WINDOW = re.compile(r"2002\s*(?:[–—-]|по)\s*2014")
# The Kyrgyz aOR 1.92 measures saying they would NOT confiscate syringes outside the law: never "less likely".
LESS_LIKELY = {"en": re.compile(r"less likely", re.I), "ka": re.compile("იშვიათად"), "ru": re.compile(r"\bреже\b", re.I)}
# The 2016 meetings after Minsk were announced, not confirmed as held: a block naming the Tbilisi meeting says so.
TBILISI = {"en": "Tbilisi", "ka": "თბილის", "ru": "Тбилиси"}
PLANNED = {"en": re.compile(r"\bplanned\b"), "ka": re.compile("დაი?გეგმ"), "ru": re.compile("запланир")}
# The Checkpoint trial's journal, named where lessons 6 and 8 quote the trial.
CHECKPOINT_JOURNAL = "The Police Journal: Theory, Practice and Principles"


def page_blocks(rel: str, text: str):
    """(where, block) for the prose of a page."""
    for first, _section, block in paragraphs(text):
        yield f"{rel}:{first}", block


def bank_blocks(rel: str, text: str):
    """(where, text) for every text field of a bank, named by its question."""
    def walk(node, question):
        if isinstance(node, dict):
            question = node.get("id", question) if "type" in node else question
            for key, value in node.items():
                if key in BANK_FIELDS and isinstance(value, str):
                    yield f"{rel}: {question} {key}", value
                else:
                    yield from walk(value, question)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, question)
    yield from walk(safe_yaml.load(text, rel), None)


def blocks(lang: str, files: dict[str, str] | None = None):
    """Every block of lessons 5-8 and their banks in one language; `files` (rel -> text) replaces files for a test."""
    for number in LESSONS:
        for rel, reader in ((f"docs/{lang}/training/lesson-{number}.md", page_blocks),
                            (f"docs/{lang}/quizzes/lesson-{number}.yml", bank_blocks)):
            text = (files or {}).get(rel) or (ROOT / rel).read_text(encoding="utf-8")
            yield from reader(rel, text)


def fact_problems(lang: str, files: dict[str, str] | None = None) -> list[str]:
    problems = []
    for where, block in blocks(lang, files):
        if REVIEW_WINDOW.search(block) and "2006" not in block:
            problems.append(f"{where}: 2002-2014 given without 2006: mass street testing began in 2006; 2002-2014 is "
                            "only the period Otiashvili et al. (2016) reviewed")
        if re.search(r"1[.,]92", block) and LESS_LIKELY[lang].search(block):
            problems.append(f"{where}: the aOR 1.92 measures saying they would not confiscate syringes outside the "
                            "law (more likely), not 'less likely to confiscate'")
        if TBILISI[lang] in block and "2016" in block and not PLANNED[lang].search(block):
            problems.append(f"{where}: the 2016 meeting in Tbilisi was announced (planned); no source confirms it was "
                            "held")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_lessons_5_to_8_keep_the_corrected_facts(lang):
    assert fact_problems(lang) == []


def test_fact_checks_catch_the_old_wording():
    rel = "docs/ru/training/lesson-7.md"
    old = ("# Урок\n\nС 2002 по 2014 год широко применялось массовое уличное тестирование.\n\n"
           "- реже намеревались изымать шприцы (скорректированное отношение шансов 1,92);\n\n"
           "В 2016 году в Тбилиси проводились совместные встречи.\n")
    problems = "\n".join(fact_problems("ru", {rel: old}))
    assert f"{rel}:3: 2002-2014 given without 2006" in problems
    assert f"{rel}:5: the aOR 1.92" in problems
    assert f"{rel}:7: the 2016 meeting in Tbilisi" in problems


@pytest.mark.parametrize("lang", LANGS)
def test_ost_medicine_accepts_buprenorphine_as_well_as_methadone(lang):
    """Georgian OST has used buprenorphine as well as methadone: either typed answer is graded right."""
    rel = f"docs/{lang}/quizzes/lesson-5.yml"
    bank = load_bank(ROOT / rel, rel)
    question = next(q for q in bank.scored_questions() if q.id == "ost-medicine")
    accepted = {normalise(answer) for answer in question.accept}
    native = {"en": ("methadone", "buprenorphine"), "ka": ("მეთადონი", "ბუპრენორფინი"),
              "ru": ("метадон", "бупренорфин")}[lang]
    for typed in ("Methadone", "Buprenorphine", *native):
        assert normalise(typed) in accepted, (rel, typed)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("number", (6, 8))
def test_checkpoint_trial_names_its_journal(lang, number):
    text = (DOCS / lang / "training" / f"lesson-{number}.md").read_text(encoding="utf-8")
    assert CHECKPOINT_JOURNAL in text and "*Policing*" not in text
