"""One terminology (data/terminology.yml): every page and bank keeps to it, the glossary and the tooltips come from it,
and the check names file and line when a page uses an avoided form or translates a term another way."""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path

import pytest

from sitebuilder import ROOT, page

sys.path.insert(0, str(ROOT))
from tools import terminology  # noqa: E402
from tools.terminology import (TerminologyError, file_problems, glossary_problems, load_terms,  # noqa: E402
                               site_data_problems)

TERMS = load_terms()
CONTENT = [pytest.param(rel, id=rel.removeprefix("docs/"))
           for language in terminology.LANGUAGES for rel in terminology.content_files(ROOT, language)]


def test_doctests():
    assert doctest.testmod(terminology).failed == 0


@pytest.mark.parametrize("rel", CONTENT)
def test_page_or_bank_keeps_to_the_terminology(rel):
    assert file_problems(TERMS, ROOT, rel) == []


def test_every_page_and_bank_is_checked():
    assert len(CONTENT) >= 3 * (31 + 8)
    assert {param.values[0].split("/")[1] for param in CONTENT} == {"en", "ka", "ru"}


def test_service_directory_and_menu_keep_to_the_terminology():
    assert site_data_problems(TERMS, ROOT) == []


def test_the_terminology_agrees_with_itself():
    assert terminology.base_problems(TERMS) == []


def test_glossary_entries_are_the_terms_of_the_base_in_every_language():
    assert glossary_problems(TERMS, ROOT) == []


def test_terms_for_trainers_to_confirm_are_listed_in_authoring():
    authoring = " ".join((ROOT / "AUTHORING.md").read_text(encoding="utf-8").split())  # lines joined
    for term in TERMS:
        if term.confirm:
            assert term.forms["ka"] in authoring and term.forms["ru"] in authoring, term.id


# --- The check can fail, and says where -------------------------------------------------------------------------

def write(root: Path, rel: str, text: str) -> str:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return rel


EN = page("Referral", """
    # Referral {#referral}

    ## Steps {#steps}

    Offer a referral. LEAD is a diversion scheme.

    ## Sources {#sources}

    - Someone, 2020, *A diversion study*.
    """)


def problems_of(tmp_path, language: str, text: str, english: str = EN, rel: str = "referral/index.md") -> list[str]:
    write(tmp_path, f"docs/en/{rel}", english)
    return file_problems(TERMS, tmp_path, write(tmp_path, f"docs/{language}/{rel}", text))


def test_an_avoided_form_is_reported_with_file_line_and_the_form_to_use(tmp_path):
    ka = page("მიმართვა", """
        # მიმართვა {#referral}

        ## ნაბიჯები {#steps}

        შესთავაზეთ მიმართვა. LEAD განრიდების სქემაა,
        ანუ „დივერსიის“ პროგრამა.
        """)
    found = problems_of(tmp_path, "ka", ka)
    assert len(found) == 1, found
    assert found[0].startswith("docs/ka/referral/index.md:11: 'დივერსიის' is an avoided form of 'diversion'; "
                               "write 'განრიდება'"), found


def test_a_term_translated_another_way_is_reported_for_its_section(tmp_path):
    ru = page("Направление", """
        # Направление {#referral}

        ## Шаги {#steps}

        Предложите направление. LEAD — программа, которая уводит человека от суда.

        ## Источники {#sources}

        - Кто-то, 2020.
        """)
    found = problems_of(tmp_path, "ru", ru)
    assert len(found) == 1, found
    assert found[0].startswith("docs/ru/referral/index.md:8: section #steps: the English says 'diversion', but the "
                               "translation has no 'вывод* из уголовн* процесс*'"), found


def test_russian_referral_is_one_word(tmp_path):
    ru = page("Направление", """
        # Направление {#referral}

        ## Шаги {#steps}

        Предложите перенаправление. LEAD — вывод из уголовного процесса.
        """)
    found = problems_of(tmp_path, "ru", ru)
    assert len(found) == 2, found
    assert found[0].startswith("docs/ru/referral/index.md:10: 'перенаправление' is an avoided form of 'referral'")
    assert found[1].startswith("docs/ru/referral/index.md:8: section #steps: the English says 'referral', but the "
                               "translation has no 'направ*'")


@pytest.mark.parametrize("text,reported", [
    # column: Russian text of the section; whether it is reported
    ("Не говорите «наркоман»: скажите «человек, употребляющий наркотики».", False),  # a word named as one to avoid
    ("Наркоман тоже человек.", True),  # a word used
    ("Фонды «Открытое общество» (Open Society Foundations) пишут так.", False),  # the original name in brackets
    ("Обзор Open Society Foundations говорит так.", True),  # the original name in running text
    ("В отчёте *Open Society Foundations annual review* сказано так.", False),  # a cited title in italics
    ("Так пишут (Otiashvili et al., 2016).", False),  # a citation
    ("Как пишут Otiashvili и соавторы, это не помогло.", True),  # a Georgian author in Latin letters in running text
    ("Так пишут [@otiashvili2016].", False),  # a citation key
    ("Пилотный проект по налоксону продлили.", False),
    ("Пробный проект по налоксону продлили.", True),
])
def test_what_counts_as_using_an_avoided_form(tmp_path, text, reported):
    english = page("Guide", "# Guide {#guide}\n\n## Steps {#steps}\n\nSee the steps.\n")
    ru = page("Руководство", f"# Руководство {{#guide}}\n\n## Шаги {{#steps}}\n\n{text}\n")
    found = problems_of(tmp_path, "ru", ru, english, rel="training/guide.md")
    assert bool(found) == reported, found


@pytest.mark.parametrize("text,reported", [
    # column: Georgian text of the section; whether it is reported
    ("ოთიაშვილმა და კოლეგებმა ეს აჩვენეს.", False),
    ("ოტიაშვილმა და კოლეგებმა ეს აჩვენეს.", True),  # the surname misspelt (ტ for თ)
    ("Otiashvili და კოლეგები ამას აჩვენებენ.", True),  # a Georgian author in Latin letters in running text
    ("ჰეროინის დანიშვნით მკურნალობის პაციენტები.", False),
    ("ჰეროინით დახმარებული მკურნალობის პაციენტები.", True),  # the calque of "heroin-assisted"
    ("ეს [მე-3 გაკვეთილი](lesson-3.md) გაჩვენებთ, ხოლო [მე-4 გაკვეთილის](lesson-4.md) სცენარი უფრო რთულია.", False),
    ("ეს [გაკვეთილი 3](lesson-3.md) გაჩვენებთ.", True),  # a lesson named in a sentence as its title names it
    ("[გაკვეთილი 4-ის](lesson-4.md) სცენარი უფრო რთულია.", True),
    ("წაიკითხეთ [გაკვეთილი 4. კანონი, დისკრეცია და უფლებები](lesson-4.md).", False),  # its title
])
def test_what_counts_as_using_an_avoided_georgian_form(tmp_path, text, reported):
    english = page("Guide", "# Guide {#guide}\n\n## Steps {#steps}\n\nSee the steps.\n")
    ka = page("სახელმძღვანელო", f"# სახელმძღვანელო {{#guide}}\n\n## ნაბიჯები {{#steps}}\n\n{text}\n")
    found = problems_of(tmp_path, "ka", ka, english, rel="training/guide.md")
    assert bool(found) == reported, found
    if reported:
        assert found[0].startswith("docs/ka/training/guide.md:10: "), found


def test_a_georgian_lesson_reference_is_reported_with_the_form_to_write(tmp_path):
    english = page("Guide", "# Guide {#guide}\n\n## Steps {#steps}\n\nSee [Lesson 1](lesson-1.md).\n")
    ka = page("სახელმძღვანელო", "# სახელმძღვანელო {#guide}\n\n## ნაბიჯები {#steps}\n\n"
              "ეს [გაკვეთილი 1](lesson-1.md) აღწერს.\n")
    found = problems_of(tmp_path, "ka", ka, english, rel="training/guide.md")
    assert found == ["docs/ka/training/guide.md:10: 'გაკვეთილი 1' names a lesson as its title does; in a sentence "
                     "write 'პირველი გაკვეთილი' (AUTHORING.md, Terminology)"], found


def test_the_notes_of_the_sources_registry_are_checked(tmp_path):
    write(tmp_path, "data/sources.yml", "csete2010:\n  title: \"From the Mountaintops\"\n  note:\n"
          "    en: \"Patients in heroin-assisted treatment.\"\n"
          "    ka: \"ჰეროინით დახმარებული მკურნალობის პაციენტები.\"\n"
          "    ru: \"Пациенты лечения с назначением героина.\"\n")
    found = site_data_problems(TERMS, tmp_path)
    assert len(found) == 1 and found[0].startswith(
        "data/sources.yml:5: 'ჰეროინით დახმარებული' is an avoided form of "
        "'heroin-assisted treatment'; write 'ჰეროინის დანიშვნით მკურნალობა'"), found


def test_a_sources_section_is_not_checked(tmp_path):
    ru = page("Руководство", "# Руководство {#guide}\n\n## Источники {#sources}\n\n- UNODC, 2014, диверсия.\n")
    english = page("Guide", "# Guide {#guide}\n\n## Sources {#sources}\n\n- UNODC, 2014, diversion.\n")
    assert problems_of(tmp_path, "ru", ru, english, rel="training/guide.md") == []


def test_a_bank_is_checked_by_question_with_the_line_of_the_text(tmp_path):
    english = ("id: demo\ntitle: Demo\nquestions:\n  - id: angel\n    type: true-false\n"
               "    prompt: \"The Angel Program began in 2015.\"\n    answer: true\n")
    ka = ("id: demo\ntitle: ტესტი\nquestions:\n  - id: angel\n    type: true-false\n"
          "    prompt: \"Angel Program 2015 წელს დაიწყო.\"\n    answer: true\n")
    write(tmp_path, "docs/en/quizzes/demo.yml", english)
    found = file_problems(TERMS, tmp_path, write(tmp_path, "docs/ka/quizzes/demo.yml", ka))
    assert found[0].startswith("docs/ka/quizzes/demo.yml:6: 'Angel Program' is an avoided form of 'Angel Program'"), found
    assert found[1].startswith("docs/ka/quizzes/demo.yml:6: question angel: the English says 'Angel Program', "
                               "but the translation has no 'ანგელოზ*'"), found


def test_a_glossary_entry_under_another_name_is_reported(tmp_path):
    for language in terminology.LANGUAGES:
        text = (ROOT / "docs" / language / terminology.GLOSSARY).read_text(encoding="utf-8")
        write(tmp_path, f"docs/{language}/{terminology.GLOSSARY}", text)
    ru = tmp_path / "docs" / "ru" / terminology.GLOSSARY
    ru.write_text(ru.read_text(encoding="utf-8").replace("\nВывод из уголовного процесса (англ. diversion)\n",
                                                         "\nДиверсия\n"), encoding="utf-8")
    found = glossary_problems(TERMS, tmp_path)
    assert len(found) == 1 and re.match(r"docs/ru/training/glossary\.md:\d+: entry 'Диверсия' stands where English "
                                        r"has 'Diversion'; its head should be 'вывод из уголовного процесса'", found[0]), found


@pytest.mark.parametrize("entry,message", [
    # column: one term in YAML; the start of the error
    ("  - id: x\n    en: x\n    ka: x\n    ru: x\n    note: n\n    colour: red\n", "data.yml:2: unknown field 'colour'"),
    ("  - id: x\n    en: x\n    ka: x\n    note: n\n", "data.yml:2: term 'x' has no form in ru"),
    ("  - id: X Y\n    en: x\n    ka: x\n    ru: x\n    note: n\n", "data.yml:2: 'id' should be"),
    ("  - id: x\n    en: x\n    ka: x\n    ru: x\n", "data.yml:2: term 'x' has no note"),
    ("  - id: x\n    en: x\n    ka: x\n    ru: x\n    note: n\n    avoid: {de: [y]}\n", "data.yml:2: 'avoid' should map"),
    ("  - id: x\n    en: x\n    ka: x\n    ru: x\n    note: n\n  - id: x\n    en: y\n    ka: y\n    ru: y\n    note: n\n",
     "data.yml:7: the id 'x' is used already on line 2"),
    ("  - id: x\n    en: [unclosed\n", "data.yml:4: YAML syntax error"),
])
def test_a_broken_terminology_file_names_the_line(tmp_path, entry, message):
    data = tmp_path / "data.yml"
    data.write_text("terms:\n" + entry, encoding="utf-8")
    with pytest.raises(TerminologyError) as error:
        load_terms(data)
    assert f"/{message}" in str(error.value), error.value


def test_the_command_line_reports_nothing_for_the_site_and_lists_terms_to_confirm():
    import subprocess
    check = subprocess.run([sys.executable, "-m", "tools.terminology", "check"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    confirm = subprocess.run([sys.executable, "-m", "tools.terminology", "confirm"], cwd=ROOT, capture_output=True, text=True)
    assert "ჩხრეკა" in confirm.stdout and "участков" in confirm.stdout


# --- Tooltips come from the base ---------------------------------------------------------------------------------

def test_tooltips_on_the_built_pages_are_the_terms_of_the_base(real_site):
    _, site = real_site
    lead = next(t for t in TERMS if t.id == "lead")
    for language, rel in (("en", "cases/index.html"), ("ka", "ka/cases/index.html"), ("ru", "ru/cases/index.html")):
        html = (site / rel).read_text(encoding="utf-8")
        titles = set(re.findall(r'<abbr title="([^"]*)">LEAD</abbr>', html))
        assert titles == {lead.tooltip(language, "LEAD")}, (rel, titles)
    assert 'title="Ადამ' not in (site / "ka" / "training" / "lesson-2.html").read_text(encoding="utf-8")  # no Mtavruli
