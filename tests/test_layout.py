"""The quiz core as a package: where banks are in each layout, the command line in each layout, interface strings a
site can change or add, a stylesheet that needs no Material, and a core that runs without MkDocs. No site is built
here (tests/test_plugin_layouts.py builds them)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import quiz_plugin
from quiz_plugin.cli import main
from quiz_plugin.errors import BankError
from quiz_plugin.layout import BankLayout, detect
from quiz_plugin.strings import STRINGS, check_site_strings, missing_strings, placeholders, strings_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BANK = "id: {id}\ntitle: T\nquestions:\n  - {{id: q, type: true-false, prompt: P, answer: {answer}}}\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("module", sorted(m.name for m in pkgutil.iter_modules(quiz_plugin.__path__)
                                          if m.name != "__main__"))
def test_the_examples_in_the_quiz_core_docstrings_hold(module):
    assert doctest.testmod(importlib.import_module(f"quiz_plugin.{module}")).failed == 0


# Columns: the bank files in docs/, the layout detect() finds from them.
@pytest.mark.parametrize("files, layout", [
    (["quizzes/demo.yml"], "single"),
    (["en/quizzes/demo.yml", "ka/quizzes/demo.yml"], "folder"),
    (["quizzes/demo.yml", "quizzes/demo.ka.yml"], "suffix"),
    (["quizzes/demo.en.yml"], "suffix"),
    (["training/quizzes/demo.yml"], "single"),  # "training" is no language: not the folder layout
    ([], "single"),
])
def test_the_layout_is_found_from_the_bank_files(tmp_path, files, layout):
    write(tmp_path, {name: BANK.format(id="demo", answer="true") for name in files})
    assert detect(tmp_path) == layout


# Columns: layout, bank files, the language asked for, fallback on, the banks a page in that language can place.
@pytest.mark.parametrize("kind, files, language, fallback, expected", [
    ("single", ["quizzes/a.yml", "quizzes/b.yml"], "ka", False, {"a": "quizzes/a.yml", "b": "quizzes/b.yml"}),
    ("folder", ["en/quizzes/a.yml", "en/quizzes/b.yml", "ka/quizzes/a.yml"], "ka", False, {"a": "ka/quizzes/a.yml"}),
    ("folder", ["en/quizzes/a.yml", "en/quizzes/b.yml", "ka/quizzes/a.yml"], "ka", True,
     {"a": "ka/quizzes/a.yml", "b": "en/quizzes/b.yml"}),
    ("suffix", ["quizzes/a.yml", "quizzes/a.ka.yml", "quizzes/b.en.yml", "quizzes/b.ru.yml"], "en", False,
     {"a": "quizzes/a.yml", "b": "quizzes/b.en.yml"}),
    ("suffix", ["quizzes/a.yml", "quizzes/a.ka.yml", "quizzes/b.yml"], "ka", False, {"a": "quizzes/a.ka.yml"}),
    ("suffix", ["quizzes/a.yml", "quizzes/a.ka.yml", "quizzes/b.yml"], "ka", True,
     {"a": "quizzes/a.ka.yml", "b": "quizzes/b.yml"}),
])
def test_each_layout_finds_a_languages_banks(tmp_path, kind, files, language, fallback, expected):
    docs = write(tmp_path / "docs", {name: "" for name in files})
    layout = BankLayout(kind, docs, default_language="en", fallback=fallback)
    found = {bank_id: path.relative_to(docs).as_posix() for bank_id, path in layout.banks(language).items()}
    assert found == expected


def test_two_files_for_one_bank_in_the_suffix_layout_are_refused(tmp_path):
    docs = write(tmp_path / "docs", {"quizzes/a.yml": "", "quizzes/a.en.yml": ""})
    with pytest.raises(BankError, match=r"docs/quizzes/a\.(en\.)?yml: two files for the same bank in 'en'"):
        BankLayout("suffix", docs).banks("en")


# Columns: layout, a file of the docs folder, whether it is a bank (banks are data, never published).
@pytest.mark.parametrize("kind, name, is_bank", [
    ("single", "quizzes/a.yml", True),
    ("single", "quizzes/sub/a.yml", False),
    ("single", "en/quizzes/a.yml", False),
    ("folder", "ka/quizzes/a.yml", True),
    ("folder", "quizzes/a.yml", False),
    ("suffix", "quizzes/a.ka.yml", True),
    ("suffix", "quizzes/a.md", False),
])
def test_bank_files_are_told_from_other_files(tmp_path, kind, name, is_bank):
    assert BankLayout(kind, tmp_path).is_bank_file(tmp_path / name) is is_bank


# --- The command line in every layout: the example sites' banks --------------------------------------------------

@pytest.mark.parametrize("example, layout, count", [
    ("single-language", "single", 1), ("i18n-folder", "folder", 3), ("i18n-suffix", "suffix", 3)])
def test_validate_finds_and_checks_the_banks_of_each_example(capsys, example, layout, count):
    assert main(["validate", str(EXAMPLES / example / "docs")]) == 0
    assert f"{count} banks checked ({layout} layout" in capsys.readouterr().out


def test_validate_takes_the_banks_folder_a_site_chose(capsys):
    assert main(["validate", str(EXAMPLES / "readthedocs-theme" / "docs"), "--banks-dir", "exercises"]) == 0
    assert "1 banks checked (single layout: docs/exercises/)" in capsys.readouterr().out


def test_validate_names_a_suffix_translation_whose_answer_key_differs(tmp_path, capsys):
    docs = write(tmp_path / "docs", {"quizzes/demo.yml": BANK.format(id="demo", answer="true"),
                                     "quizzes/demo.ru.yml": BANK.format(id="demo", answer="false")})
    assert main(["validate", str(docs)]) == 1
    error = capsys.readouterr().err
    assert "docs/quizzes/demo.ru.yml" in error and "answer key differs" in error and "'q'" in error


def test_validate_says_where_it_looked_when_it_finds_no_bank(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "docs")]) == 1
    assert "no question banks found (looked in" in capsys.readouterr().err


def test_export_writes_links_as_a_suffix_site_with_directory_urls_serves_them(tmp_path):
    out = tmp_path / "moodle"
    assert main(["export", str(EXAMPLES / "i18n-suffix" / "docs"), "--format", "moodle-xml", "--out", str(out),
                 "--site-url", "https://example.org/site/", "--directory-urls"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml")) == [
        "en/first-quiz.xml", "ka/first-quiz.xml", "ru/first-quiz.xml"]
    assert "https://example.org/site/ka/#setup" in (out / "ka" / "first-quiz.xml").read_text(encoding="utf-8")


def test_the_schema_and_strings_commands_print_what_an_editor_and_a_translator_need(capsys):
    assert main(["schema"]) == 0
    assert '"title": "Question bank"' in capsys.readouterr().out
    assert main(["strings", "de"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert '"check": "Check answers"' in lines and '"true": "True"' in lines
    assert len([line for line in lines if not line.startswith("#")]) == len(STRINGS["en"])


# --- Interface strings ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", sorted(set(STRINGS) - {"en"}))
def test_every_shipped_language_has_every_string_with_the_english_placeholders(language):
    assert set(STRINGS[language]) == set(STRINGS["en"])
    for key, text in STRINGS[language].items():
        assert placeholders(text) == placeholders(STRINGS["en"][key]), (language, key, text)


def test_a_site_changes_a_string_and_adds_a_language_and_missing_strings_fall_back_to_english():
    site = {"en": {"check": "Check my answers"}, "de": {"retry": "Noch einmal"}}
    assert strings_for("en", site)["check"] == "Check my answers"
    assert strings_for("ka", site)["check"] == STRINGS["ka"]["check"]  # a change in English stays English
    german = strings_for("de", site)
    assert german["retry"] == "Noch einmal"
    assert german["check"] == "Check my answers"  # missing: the site's own English
    assert "retry" not in missing_strings("de", site) and "check" in missing_strings("de", site)
    assert strings_for("de-AT", site)["retry"] == "Noch einmal"


@pytest.mark.parametrize("site, words", [
    ({"de": {"chek": "Prüfen"}}, ["de", "unknown key 'chek'"]),
    ({"ka": {"score": "{points} / {total}"}}, ["ka", "score", "{percent}, {score}, {total}"]),
    ({"ru": {"score": "{score"}}, ["ru", "score", "placeholders"]),
    ({"ru": {"retry": 3}}, ["ru", "retry", "expected text"]),
    ({"ru": "Проверить"}, ["ru", "expected a mapping"]),
])
def test_a_wrong_string_setting_is_named(site, words):
    problems = "\n".join(check_site_strings(site))
    for word in words:
        assert word in problems, problems


# --- Runs outside Material, and without MkDocs --------------------------------------------------------------------

def test_the_stylesheet_gives_every_material_variable_a_fallback():
    css = (ROOT / "quiz_plugin" / "assets" / "quiz.css").read_text(encoding="utf-8")
    uses = re.findall(r"var\(\s*--md-[\w-]+\s*([,)])", css)
    assert uses and all(end == "," for end in uses), "a var(--md-...) without a fallback"
    assert ".js " not in css, "Material's js class: other themes have none; the runtime marks its own quizzes"


def test_the_core_and_the_command_line_run_without_mkdocs(tmp_path):
    """Everything but plugin.py must outlive MkDocs (a move to a core without its plugin API)."""
    code = f"""
import importlib, pkgutil, sys
class NoMkDocs:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mkdocs", "properdocs", "material"):
            raise ImportError("no MkDocs here: " + name)
sys.meta_path.insert(0, NoMkDocs())
import quiz_plugin
for module in pkgutil.iter_modules(quiz_plugin.__path__):
    if module.name not in ("plugin", "__main__"):
        importlib.import_module("quiz_plugin." + module.name)
from quiz_plugin.cli import main
sys.exit(main(["validate", {str(EXAMPLES / "i18n-suffix" / "docs")!r}]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "3 banks checked (suffix layout" in done.stdout
