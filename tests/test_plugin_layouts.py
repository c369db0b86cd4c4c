"""The plugin in sites other than this one: a plain site in one language (the case issue 18 began with), a banks
folder of the site's choosing, and mkdocs-static-i18n's folder and suffix layouts; interface strings a site changes,
adds or lacks. Small real sites with MkDocs' own theme, built strictly in-process."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from quiz_plugin.strings import STRINGS

BANK = """\
id: demo
title: {title}
questions:
  - id: one
    type: single
    prompt: "Pick A"
    options:
      - {{id: a, text: "A", correct: true}}
      - {{id: b, text: "B"}}
    explanation: "See [the steps](../guide.md#steps)."
"""
GUIDE = "# Guide\n\n## Steps {#steps}\n\nText.\n\n<!-- quiz: demo -->\n"
I18N = """
  - i18n:
      docs_structure: {structure}
      fallback_to_default: {fallback}
      languages:
        - {{locale: en, default: true, name: English}}
        - {{locale: ru, name: Русский}}
"""


def site(folder: Path, files: dict[str, str], plugins: str = "  - quiz\n", strict: bool = True) -> Path:
    """Write a site (theme `mkdocs`, strict) and build it; return the built folder."""
    for name, text in files.items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    config = f"site_name: Test\nstrict: {str(strict).lower()}\ntheme: {{name: mkdocs}}\n" \
             f"markdown_extensions: [attr_list]\nplugins:\n  - search\n{plugins}"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        build(load_config("mkdocs.yml", site_dir=str(folder / "site")))
    finally:
        os.chdir(cwd)
    return folder / "site"


def quiz_of(html_file: Path) -> dict:
    """What a reader meets: the quiz's title, its check button and the link in its explanation."""
    html = html_file.read_text(encoding="utf-8")
    assert html.count('<form class="quiz"') == 1, html_file
    return {"title": re.search(r'quiz__title"><strong>(.*?)</strong>', html)[1],
            "button": re.search(r'quiz__check">(.*?)</button>', html)[1],
            "link": re.search(r'quiz__explanation"><p>See <a href="([^"]+)"', html)[1]}


def i18n(structure: str, fallback: bool = False, quiz: str = "  - quiz\n") -> str:
    return I18N.format(structure=structure, fallback=str(fallback).lower()) + quiz


def fails(folder, files, plugins, caplog) -> str:
    """The build stops; what it said (the exception, and the log MkDocs wrote the error to)."""
    with pytest.raises((Abort, PluginError)) as caught:
        site(folder, files, plugins)
    return f"{caught.value}\n{caplog.text}"


def test_the_plain_site_issue_18_began_with_builds_and_shows_its_quiz(tmp_path):
    """`plugins: [search, quiz]`, docs/quizzes/demo.yml and the marker in docs/index.md."""
    built = site(tmp_path, {"index.md": "# Home\n\n<!-- quiz: demo -->\n", "guide.md": GUIDE,
                            "quizzes/demo.yml": BANK.format(title="Demo")})
    assert quiz_of(built / "index.html") == {"title": "Demo", "button": "Check answers", "link": "guide/#steps"}
    assert not list(built.rglob("*.yml")), "banks are data, not published files"
    assert len(list((built / "assets" / "quiz").glob("quiz.*.js"))) == 1


FOLDER_HOMES = {"en/index.md": "# Home\n", "ru/index.md": "# Главная\n"}
SUFFIX_HOMES = {"index.md": "# Home\n", "index.ru.md": "# Главная\n"}


# Columns: the plugins' settings after search, the site's files, {built page: the quiz a reader meets there}.
@pytest.mark.parametrize("plugins, files, expected", [
    pytest.param("  - quiz: {banks_dir: training/exercises}\n",
                 {"index.md": "# Home\n", "guide.md": GUIDE, "training/exercises/demo.yml": BANK.format(title="Own folder").replace("../", "../../")},
                 {"guide/index.html": ("Own folder", "Check answers", "./#steps")}, id="single, banks_dir"),
    pytest.param(i18n("folder"),
                 {**FOLDER_HOMES, "en/guide.md": GUIDE, "ru/guide.md": GUIDE, "en/quizzes/demo.yml": BANK.format(title="English"),
                  "ru/quizzes/demo.yml": BANK.format(title="Русский")},
                 {"guide/index.html": ("English", "Check answers", "./#steps"),
                  "ru/guide/index.html": ("Русский", "Проверить ответы", "./#steps")}, id="static-i18n folder"),
    pytest.param(i18n("suffix"),
                 {**SUFFIX_HOMES, "guide.md": GUIDE, "guide.ru.md": GUIDE, "quizzes/demo.yml": BANK.format(title="English"),
                  "quizzes/demo.ru.yml": BANK.format(title="Русский")},
                 {"guide/index.html": ("English", "Check answers", "./#steps"),
                  "ru/guide/index.html": ("Русский", "Проверить ответы", "./#steps")}, id="static-i18n suffix"),
    pytest.param(i18n("suffix"),
                 {**SUFFIX_HOMES, "guide.en.md": GUIDE, "guide.ru.md": GUIDE, "quizzes/demo.en.yml": BANK.format(title="English"),
                  "quizzes/demo.ru.yml": BANK.format(title="Русский")},
                 {"guide/index.html": ("English", "Check answers", "./#steps"),
                  "ru/guide/index.html": ("Русский", "Проверить ответы", "./#steps")}, id="suffix, default suffixed"),
    pytest.param(i18n("suffix", fallback=True),
                 {**SUFFIX_HOMES, "guide.md": GUIDE, "guide.ru.md": GUIDE, "quizzes/demo.yml": BANK.format(title="English")},
                 {"ru/guide/index.html": ("English", "Проверить ответы", "./#steps")}, id="suffix, bank falls back"),
    pytest.param(i18n("folder", quiz="  - quiz: {layout: single}\n"),
                 {**FOLDER_HOMES, "en/guide.md": GUIDE, "ru/guide.md": GUIDE, "quizzes/demo.yml": BANK.format(title="Shared")},
                 {"guide/index.html": ("Shared", "Check answers", "./#steps"),
                  "ru/guide/index.html": ("Shared", "Проверить ответы", "./#steps")}, id="static-i18n, one shared bank"),
])
def test_each_layout_places_the_bank_of_the_pages_language(tmp_path, plugins, files, expected):
    built = site(tmp_path, files, plugins)
    for page, (title, button, link) in expected.items():
        assert quiz_of(built / page) == {"title": title, "button": button, "link": link}, page
    assert not list(built.rglob("*.yml"))


# Columns: plugins, files, what the error must name (the page, the file it expected, the folder it looked in).
@pytest.mark.parametrize("plugins, files, words", [
    pytest.param("  - quiz\n", {"index.md": "<!-- quiz: demo -->\n"},
                 ["docs/index.md", "there is no docs/quizzes/demo.yml", "looked in docs/quizzes/", "'single'"],
                 id="single"),
    pytest.param("  - quiz: {banks_dir: exercises}\n", {"index.md": "<!-- quiz: demo -->\n",
                                                        "quizzes/demo.yml": BANK.format(title="T")},
                 ["there is no docs/exercises/demo.yml", "looked in docs/exercises/"], id="banks_dir"),
    pytest.param(i18n("folder"), {"en/index.md": "<!-- quiz: demo -->\n", "en/guide.md": GUIDE,
                                  "ru/index.md": "<!-- quiz: demo -->\n",
                                  "en/quizzes/demo.yml": BANK.format(title="T")},
                 ["docs/ru/index.md", "there is no docs/ru/quizzes/demo.yml", "looked in docs/ru/quizzes/"],
                 id="folder, translation missing"),
    pytest.param(i18n("suffix"), {"index.md": "<!-- quiz: demo -->\n", "guide.md": GUIDE,
                                  "index.ru.md": "<!-- quiz: demo -->\n",
                                  "quizzes/demo.yml": BANK.format(title="T")},
                 ["docs/index.ru.md", "there is no docs/quizzes/demo.ru.yml", "(<bank-id>.ru.yml)"],
                 id="suffix, translation missing"),
])
def test_an_unknown_bank_names_the_file_and_folder_the_plugin_looked_in(tmp_path, caplog, plugins, files, words):
    message = fails(tmp_path, files, plugins, caplog)
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("structure, translation", [("folder", "ru/quizzes/demo.yml"), ("suffix", "quizzes/demo.ru.yml")])
def test_a_translation_with_another_answer_key_stops_the_build_in_both_layouts(tmp_path, caplog, structure, translation):
    reference = "en/quizzes/demo.yml" if structure == "folder" else "quizzes/demo.yml"
    pages = {"en/index.md": "# Home\n", "ru/index.md": "# Home\n"} if structure == "folder" else \
        {"index.md": "# Home\n", "index.ru.md": "# Home\n"}
    wrong = BANK.format(title="T").replace(', correct: true}', '}').replace('text: "B"}', 'text: "B", correct: true}')
    message = fails(tmp_path, {**pages, reference: BANK.format(title="T"), translation: wrong}, i18n(structure), caplog)
    assert f"docs/{translation}" in message and "answer key differs" in message and "question 'one'" in message


@pytest.mark.parametrize("structure, fallback", [("folder", False), ("suffix", False), ("suffix", True)])
def test_a_translation_that_drops_a_quiz_stops_the_build_and_validate_alike(tmp_path, caplog, capsys, structure,
                                                                           fallback):
    """Quiz markers are compared like heading ids in every layout, by the plugin as by `validate` (issue 16)."""
    from quiz_plugin.cli import main as quiz_cli
    en, ru = ("en/guide.md", "ru/guide.md") if structure == "folder" else ("guide.md", "guide.ru.md")
    banks = ("en/quizzes/demo.yml", "ru/quizzes/demo.yml") if structure == "folder" else \
        ("quizzes/demo.yml", "quizzes/demo.ru.yml")
    files = {en: GUIDE, ru: GUIDE.replace("<!-- quiz: demo -->", "Quiz dropped."), banks[0]: BANK.format(title="T"),
             banks[1]: BANK.format(title="T")}
    expected = f"docs/{ru}: the quiz markers differ from docs/{en}: missing quiz: demo (docs/{en}:7)"
    assert expected in fails(tmp_path, files, i18n(structure, fallback), caplog)
    capsys.readouterr()
    assert quiz_cli(["validate", str(tmp_path / "docs")]) == 1
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize("plugins, words", [
    ("  - quiz: {layout: folder}\n", ["layout 'folder'", "mkdocs-static-i18n", "layout 'single'"]),
    ("  - quiz: {banks_dir: ../banks}\n", ["banks_dir '../banks'", "inside the docs folder"]),
    ("  - quiz: {strings: {en: {chek: Check}}}\n", ["unknown key 'chek'"]),
])
def test_a_wrong_setting_is_named_before_anything_is_built(tmp_path, caplog, plugins, words):
    message = fails(tmp_path, {"index.md": "# Home\n"}, plugins, caplog)
    for word in words:
        assert word in message, message


def test_the_progress_page_lists_the_banks_of_its_section(tmp_path):
    bank = BANK.replace("id: demo", "id: {id}").replace("../guide.md", "../../guide.md")
    files = {"guide.md": GUIDE.replace("<!-- quiz: demo -->", ""), "progress.md": "# Progress\n\n<!-- quiz-progress -->\n",
             "training/one.md": "---\ntitle: Lesson one\n---\n\n<!-- quiz: one -->\n",
             "extra.md": "# Extra\n\n<!-- quiz: extra -->\n",
             "quizzes/one.yml": bank.format(id="one", title="One").replace("../../", "../"),
             "quizzes/extra.yml": bank.format(id="extra", title="Extra").replace("../../", "../")}
    every = site(tmp_path / "every", files)
    assert re.findall(r'data-progress="([^"]+)"', (every / "progress" / "index.html").read_text()) == ["extra", "one"]
    section = site(tmp_path / "section", files, "  - quiz: {progress_section: training}\n")
    html = (section / "progress" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'data-progress="([^"]+)"', html) == ["one"] and ">Lesson one</a>" in html


# --- Interface strings from the site's configuration ----------------------------------------------------------------

def german(keys) -> str:
    """plugins: - quiz: strings: de: with the given keys, each "[de] <English>" (the placeholders kept)."""
    lines = "".join(f"          {key}: {STRINGS['en'][key]!r}\n".replace(": '", ": '[de] ", 1) for key in keys)
    lines = lines.replace("          true:", "          'true':").replace("          false:", "          'false':")
    return f"  - quiz:\n      language: de\n      strings:\n        de:\n{lines}"


def test_a_site_adds_a_language_from_its_configuration(tmp_path, caplog):
    built = site(tmp_path, {"index.md": "<!-- quiz: demo -->\n", "guide.md": GUIDE,
                            "quizzes/demo.yml": BANK.format(title="T")}, german(STRINGS["en"]))
    html = (built / "index.html").read_text(encoding="utf-8")
    assert quiz_of(built / "index.html")["button"] == "[de] Check answers"
    assert '<form class="quiz" id="quiz-demo" data-quiz="demo" lang="de"' in html
    assert "[de] Your score: {score} of {total} ({percent}%)." in html  # what the runtime shows after checking
    assert "shown in English" not in caplog.text


def test_a_missing_string_is_shown_in_english_with_a_warning_and_a_strict_build_fails(tmp_path, caplog):
    files = {"index.md": "<!-- quiz: demo -->\n", "guide.md": GUIDE, "quizzes/demo.yml": BANK.format(title="T")}
    given = [key for key in STRINGS["en"] if key != "answer"]
    built = site(tmp_path / "lenient", files, german(given), strict=False)
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "<summary>Show the answer</summary>" in html and "[de] Check answers" in html
    assert "1 interface strings have no 'de' text and are shown in English: answer" in caplog.text
    with pytest.raises(Abort):
        site(tmp_path / "strict", files, german(given))


def test_a_language_the_package_lacks_warns_once_naming_how_to_add_it(tmp_path, caplog):
    built = site(tmp_path, {"index.md": "<!-- quiz: demo -->\n", "guide.md": GUIDE,
                            "quizzes/demo.yml": BANK.format(title="T")}, "  - quiz: {language: de}\n", strict=False)
    assert quiz_of(built / "index.html")["button"] == "Check answers"
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "Quiz" in r.getMessage()]
    assert len(warnings) == 1 and "no interface strings for the language 'de'" in warnings[0]
    assert "plugins: quiz: strings: de:" in textwrap.dedent(warnings[0])
