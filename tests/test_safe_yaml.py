"""All YAML of the project goes through one safe loader (quiz_plugin/safe_yaml.py): page front matter, question banks,
data/*.yml and tools/. Aliases and duplicate keys are refused with the line(s), sizes are bounded, and files that
are not regular files are refused by name. Each hostile input ends in one message naming the file and the line, in
bounded time and memory, wherever it is read: the build, `validate`, `tools.translations`, the hooks."""

from __future__ import annotations

import doctest
import os
import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from bounds import MEMORY_BOUND, bounded
from quiz_plugin import safe_yaml
from quiz_plugin.cli import main as quiz_cli
from quiz_plugin.errors import BankError
from quiz_plugin.loader import load_bank_text
from quiz_plugin.safe_yaml import YamlError
from sitebuilder import ROOT, build_site, make_site, page
from test_loader import GOOD

sys.path.insert(0, str(ROOT))
from tools import translations  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
import services  # noqa: E402  (hooks/services.py, as MkDocs loads it)

BOMB = "\n".join(['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
                 + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)])
BANK = GOOD  # one single-choice question, q1, lines 4-9
PAGES = {"index.md": page("Home", "# Home {#home}\n\nHello.\n"),
         "quiz.md": page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")}


def test_examples_in_the_loader_hold():
    assert doctest.testmod(safe_yaml).failed == 0


def build_fails(config: Path, caplog) -> str:
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    assert "Traceback" not in message
    return message


# --- Aliases, everywhere ------------------------------------------------------------------------------------------

def test_an_alias_bomb_in_front_matter_is_refused_before_mkdocs_expands_it(tmp_path, caplog):
    """89 s and 6.1 GB before: MkDocs and hooks/translation_notice.py expanded it."""
    bombed = "---\ntitle: Bomb\n" + BOMB + "\ndescription: *a9\n---\n\n# Bomb {#bomb}\n"
    config = make_site(tmp_path, {**PAGES, "bomb.md": {"en": page("Bomb", "# Bomb {#bomb}\n"), "ka": bombed,
                                                        "ru": page("Bomb", "# Bomb {#bomb}\n")}}, {"demo": BANK})
    with bounded() as measured:
        message = build_fails(config, caplog)
    assert measured["peak"] < 4 * MEMORY_BOUND, f"peak {measured['peak'] / 1e6:.0f} MB"
    assert "docs/ka/bomb.md:4: YAML aliases (*name) are not allowed" in message, message


def test_an_alias_bomb_in_a_bank_is_refused_by_the_translation_status(tmp_path, capsys):
    """`make translations` reached 12 GB on such a bank."""
    docs = tmp_path / "docs"
    (docs / "en" / "quizzes").mkdir(parents=True)
    (docs / "en" / "quizzes" / "demo.yml").write_text(BANK + BOMB + "\nextra: *a9\n", encoding="utf-8")
    with bounded() as measured:
        code = translations.main(["--docs", str(docs), "status"])
    assert measured["peak"] < MEMORY_BOUND
    assert code == 2
    assert re.search(r"demo\.yml:11: YAML aliases \(\*name\) are not allowed", capsys.readouterr().err)


def test_an_alias_in_the_service_directory_is_refused_naming_the_line(tmp_path):
    data = tmp_path / "services.yml"
    data.write_text("services:\n  - &one {id: a, scope: georgia, name: {en: A, ka: A, ru: A}, what: {en: W, ka: W, ru: W}}\n"
                    "  - *one\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"services\.yml:3: YAML aliases"):
        services.load_services(data)


# --- Duplicate keys -----------------------------------------------------------------------------------------------

# Columns: what is repeated, the bank text, the words of the message (both line numbers).
DUPLICATE_KEYS = [
    ("a second questions: list", BANK + "questions:\n  - {id: q2, type: true-false, prompt: P, answer: true}\n",
     "demo.yml:10: the key 'questions' appears twice in the same mapping (lines 3 and 10)"),
    ("a second correct: flips the key", BANK.replace("{id: b, text: B}", "{id: b, text: B, correct: false, correct: true}"),
     "demo.yml:9: the key 'correct' appears twice in the same mapping (lines 9 and 9)"),
    ("true and yes are the same key", "id: demo\ntitle: T\ntrue: 1\nTrue: 2\nquestions: []\n",
     "demo.yml:4: the key 'True' appears twice in the same mapping (lines 3 and 4)"),
]


@pytest.mark.parametrize("what, text, words", DUPLICATE_KEYS, ids=[row[0] for row in DUPLICATE_KEYS])
def test_duplicate_keys_in_a_bank_are_refused_with_both_lines(what, text, words):
    with pytest.raises(BankError) as caught:
        load_bank_text(text, "docs/en/quizzes/demo.yml", expected_id="demo")
    assert words in str(caught.value)


def test_duplicate_keys_in_front_matter_stop_the_build_with_both_lines(tmp_path, caplog):
    twice = "---\ntitle: Quiz\ndescription: One.\ntitle: Another\n---\n\n# Quiz {#quiz}\n\n<!-- quiz: demo -->\n"
    config = make_site(tmp_path, {**PAGES, "quiz.md": {"en": twice, "ka": PAGES["quiz.md"], "ru": PAGES["quiz.md"]}},
                       {"demo": BANK})
    message = build_fails(config, caplog)
    assert "docs/en/quiz.md:4: the key 'title' appears twice in the same mapping (lines 2 and 4)" in message, message


# --- Front matter that MkDocs would show as text, or print as Python -------------------------------------------

# Columns: what is wrong, the page's front matter, the words of the message.
BAD_FRONT_MATTER = [
    ("YAML syntax error", "title: Lesson: one\ndescription: D.\n", ["docs/ka/quiz.md:2: YAML syntax error"]),
    ("a list, not key: value lines", "- title\n- description\n", ["docs/ka/quiz.md:2: the front matter should be"]),
    ("title as a list", "title: [a, b]\ndescription: D.\n", ["docs/ka/quiz.md:2: 'title' should be text, not a list"]),
    ("description as a mapping", "title: T\ndescription: {a: b}\n", ["docs/ka/quiz.md:3: 'description' should be text"]),
    ("author as a list", "title: T\ndescription: D.\nauthor: ['\"><img src=x>']\n", ["docs/ka/quiz.md:4: 'author'"]),
    ("a number as title", "title: 2024\ndescription: D.\n", ["docs/ka/quiz.md:2: 'title' should be text, not a number"]),
    ("a template that does not exist", "title: T\ndescription: D.\ntemplate: nope.html\n",
     ["docs/ka/quiz.md: 'template: nope.html' names no file of the theme"]),
    ("an icon outside the theme", "title: T\ndescription: D.\nicon: ../../secret\n",
     ["docs/ka/quiz.md: 'icon: ../../secret' is not a file name of the theme"]),
]


@pytest.mark.parametrize("what, meta, words", BAD_FRONT_MATTER, ids=[row[0] for row in BAD_FRONT_MATTER])
def test_bad_front_matter_stops_the_build_naming_the_page_and_line(tmp_path, caplog, what, meta, words):
    """A Georgian page: before, invalid front matter reached hooks/translation_notice.py as a traceback."""
    ka = f"---\n{meta}---\n\n# Quiz {{#quiz}}\n\n<!-- quiz: demo -->\n"
    config = make_site(tmp_path, {**PAGES, "quiz.md": {"en": PAGES["quiz.md"], "ka": ka, "ru": PAGES["quiz.md"]}},
                       {"demo": BANK})
    message = build_fails(config, caplog)
    for word in words:
        assert word in message, message


def test_a_non_string_lesson_title_in_the_progress_table_is_an_error_naming_the_page(tmp_path, caplog):
    pages = {**PAGES, "training/progress.md": page("Progress", "# Progress {#progress}\n\n<!-- quiz-progress -->\n"),
             "training/lesson.md": "---\ntitle: {a: 1}\n---\n\n# Lesson {#lesson}\n\n<!-- quiz: demo -->\n"}
    pages["quiz.md"] = page("Quiz", "# Quiz {#quiz}\n")
    message = build_fails(make_site(tmp_path, pages, {"demo": BANK}), caplog)
    assert "docs/en/training/lesson.md:2: 'title' should be text" in message, message


# --- Files that are not files -------------------------------------------------------------------------------------

def make_special(kind: str, target: Path) -> None:
    if kind == "folder":
        target.mkdir()
    elif kind == "broken link":
        os.symlink(target.parent / "nowhere.yml", target)
    else:
        os.mkfifo(target)


# Columns: what the quizzes folder holds under the name other.yml, the words of the message.
SPECIAL_FILES = [("folder", "is a folder, not a file"), ("broken link", "is a link to a file that does not exist"),
                 ("FIFO", "is a named pipe (FIFO), not a file")]


@pytest.mark.parametrize("kind, words", SPECIAL_FILES, ids=[row[0] for row in SPECIAL_FILES])
def test_a_special_file_named_like_a_bank_is_refused_by_validate_and_the_build(tmp_path, caplog, capsys, kind, words):
    config = make_site(tmp_path, PAGES, {"demo": BANK})
    make_special(kind, tmp_path / "docs" / "ka" / "quizzes" / "other.yml")
    with bounded(trace_memory=False):  # a FIFO made validate wait forever
        assert quiz_cli(["validate", str(tmp_path / "docs")]) == 1
    assert f"docs/ka/quizzes/other.yml: {words}" in capsys.readouterr().err
    with bounded(trace_memory=False):
        message = build_fails(config, caplog)
    assert f"docs/ka/quizzes/other.yml {words}" in message or f"docs/ka/quizzes/other.yml: {words}" in message, message


@pytest.mark.parametrize("kind, words", SPECIAL_FILES, ids=[row[0] for row in SPECIAL_FILES])
def test_a_special_file_named_like_a_page_is_refused_before_mkdocs_reads_it(tmp_path, caplog, kind, words):
    config = make_site(tmp_path, PAGES, {"demo": BANK})
    make_special(kind, tmp_path / "docs" / "ru" / "extra.md")
    with bounded(trace_memory=False):
        message = build_fails(config, caplog)
    assert f"docs/ru/extra.md {words}" in message, message


def test_read_text_refuses_a_fifo_without_opening_it_for_reading(tmp_path):
    fifo = tmp_path / "data.yml"
    os.mkfifo(fifo)
    with bounded(trace_memory=False), pytest.raises(YamlError, match="named pipe"):
        safe_yaml.load_file(fifo, "data/data.yml")


# --- One loader -------------------------------------------------------------------------------------------------

# Columns: a way to read YAML other than quiz_plugin/safe_yaml.py.
OTHER_READERS = re.compile(r"(?<!\w)yaml\.(?:(?:safe_|full_|unsafe_)?load(?:_all)?|parse|compose(?:_all)?|"
                           r"(?:C?Safe|Full|Unsafe|C?)Loader)\b|get_data\(|yaml_load\(")
# Files allowed to read YAML another way, with the reason.
ALLOWED = {
    "quiz_plugin/safe_yaml.py": "the loader itself",
    "bench/common.py": "reads mkdocs.yml, the build's own configuration, with MkDocs' loader as MkDocs does",
}


def test_no_code_of_the_project_reads_yaml_another_way():
    found = []
    for folder in ("quiz_plugin", "hooks", "tools", "bench", "tests", "scripts"):
        for file in sorted((ROOT / folder).rglob("*.py")):
            rel = file.relative_to(ROOT).as_posix()
            if rel in ALLOWED or "node_modules" in rel or ".venv" in rel:
                continue
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                if OTHER_READERS.search(line) and "OTHER_READERS" not in line:
                    found.append(f"{rel}:{number}: {line.strip()}")
    assert found == [], "read YAML with quiz_plugin.safe_yaml:\n" + "\n".join(found)
