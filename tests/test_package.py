"""The quiz plugin as a newcomer meets it: its wheel, installed in a fresh virtual environment next to MkDocs alone, by
following the package README's quick start word for word in an empty folder; then every example site of examples/,
built with that environment (MkDocs alone for the one-language sites, then with mkdocs-static-i18n and Material),
and each quiz taken in Debian's Chromium at phone size: answer, check, read the score.

The wheel and the environment are made once per session (`make wheel`, pip with its usual cache); the packages are
the versions pinned in requirements.txt (given to pip as constraints)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PHONE, Server, answer_bank, free_port
from quiz_plugin import __version__
from quiz_plugin.layout import BankLayout
from quiz_plugin.loader import load_bank
from quiz_plugin.strings import STRINGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "quiz_plugin" / "README.md"
MKDOCS_ALONE = ("single-language", "readthedocs-theme")  # built before anything but MkDocs is installed
WITH_I18N_AND_MATERIAL = ("i18n-folder", "i18n-suffix")


def run(command: list[str] | str, cwd: Path, **kwargs) -> str:
    env = {**os.environ, "PIP_CONSTRAINT": str(ROOT / "requirements.txt"), "NO_MKDOCS_2_WARNING": "1",
           "PIP_DISABLE_PIP_VERSION_CHECK": "1", "VIRTUAL_ENV": ""}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


def quick_start_script(readme: str, wheels: Path) -> str:
    """The README's quick start as one shell script: its `sh` blocks as they are, and each other block written to
    the file its paragraph names ("Write `docs/index.md`:"). The only change: /path/to/ is the folder of the wheel."""
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    script = ["set -euo pipefail"]
    for prose, language, body in re.findall(r"(.*?)^```(\w*)\n(.*?)^```\n", section, re.S | re.M):
        if language == "sh":
            script.append(body.replace("/path/to/", f"{wheels}/"))
        else:
            files = re.findall(r"`([\w./-]+\.(?:yml|md))`", prose.strip().splitlines()[-1])
            assert files, f"no file named before the {language} block:\n{prose}"
            script.append(f"cat > '{files[0]}' <<'QUICK_START_EOF'\n{body}QUICK_START_EOF")
    return "\n".join(script) + "\n"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(["make", "-s", "wheel", f"DIST={dist}"], ROOT)
    (found,) = dist.glob("*.whl")
    return found


@pytest.fixture(scope="session")
def newcomer(tmp_path_factory, wheel):
    """An empty folder where the README's quick start was followed, then the example sites built with its
    environment. Yields (the quick start's site folder, {example name: its built site})."""
    folder = tmp_path_factory.mktemp("newcomer")
    readme = README.read_text(encoding="utf-8")
    assert wheel.name in readme, f"the README names another wheel than {wheel.name}"
    run(["bash", "-c", quick_start_script(readme, wheel.parent)], folder)
    project = folder / "my-site"
    venv = project / ".venv" / "bin"
    installed = run([str(venv / "python"), "-m", "pip", "list", "--format=freeze"], project)
    assert "mkdocs==1.6.1" in installed and f"mkdocs-quiz-banks=={__version__}" in installed
    assert not re.search(r"^mkdocs-(material|static-i18n)==", installed, re.M), installed

    examples = folder / "examples"
    shutil.copytree(ROOT / "examples", examples)
    built = {}
    for name in MKDOCS_ALONE:
        run([str(venv / "mkdocs"), "build", "--strict"], examples / name)
        built[name] = examples / name / "site"
    run([str(venv / "python"), "-m", "pip", "install", "--quiet", "mkdocs-static-i18n", "mkdocs-material"], project)
    run([str(venv / "python"), "-m", "pip", "check"], project)
    for name in WITH_I18N_AND_MATERIAL:
        run([str(venv / "mkdocs"), "build", "--strict"], examples / name)
        built[name] = examples / name / "site"
    yield project / "site", built


@pytest.fixture(scope="module")
def examples(newcomer):
    servers = {name: Server(site, free_port()) for name, site in newcomer[1].items()}
    yield servers
    for server in servers.values():
        server.close()


def phone_page(browser, **options):
    """A phone-sized page, and the list of every address it requests."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, **options)
    page, requests = context.new_page(), []
    page.on("request", lambda request: requests.append(request.url))
    return context, page, requests


def full_marks(bank, language: str) -> str:
    """What the quiz says, in the page's language, when every answer is right."""
    strings, total = STRINGS[language], len(bank.scored_questions())
    return (strings["score"].format(score=total, total=total, percent=100) + " "
            + strings["passed"].format(**{"pass": bank.pass_mark}))


def looks_right_at_phone_size(page, form: str) -> None:
    """Nothing wider than the screen, tap targets of 44 px, question text at the page's own size."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = page.locator(form).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.locator(f"{form} .quiz__check").bounding_box()["height"] >= 44
    sizes = page.eval_on_selector(form, """f => [getComputedStyle(f.querySelector('legend')).fontSize,
                                                  getComputedStyle(f.querySelector('.quiz__option, .quiz__text')).fontSize]""")
    legend, option = (float(size.rstrip("px")) for size in sizes)
    assert 12 <= option <= legend <= option * 1.3, sizes  # no theme's 150% legend


def take_quiz(page, url: str, bank, language: str) -> str:
    page.goto(url)
    form = f"#quiz-{bank.id}"
    looks_right_at_phone_size(page, form)
    assert not page.is_visible(f"{form} .quiz__answer"), "answers show before the reader checks"
    result = answer_bank(page, bank)
    assert full_marks(bank, language) in result, result
    assert page.locator(f"{form} .quiz__verdict").first.is_visible()
    return result


def test_the_readme_quick_start_gives_a_working_quiz_in_an_empty_folder(newcomer, browser):
    """`Open site/index.html in your browser, answer, press "Check answers" and read your score.`"""
    site, _ = newcomer
    bank = load_bank(site.parent / "docs" / "quizzes" / "first-steps.yml")
    context, page, requests = phone_page(browser)
    take_quiz(page, (site / "index.html").as_uri(), bank, "en")
    # The quiz requests nothing from another host. MkDocs' theme does, unless told not to (the README says so).
    elsewhere = [url for url in requests if not url.startswith("file://")]
    assert elsewhere and all(url.startswith("https://cdnjs.cloudflare.com/ajax/libs/highlight.js/") for url in elsewhere)
    context.close()


# Columns: example, layout its banks are in, banks folder, pages to open by language (path from the site's root).
EXAMPLES = [
    ("single-language", "single", "quizzes", {"en": ""}),
    ("readthedocs-theme", "single", "exercises", {"en": ""}),
    ("i18n-folder", "folder", "quizzes", {"en": "", "ka": "ka/", "ru": "ru/"}),
    ("i18n-suffix", "suffix", "quizzes", {"en": "", "ka": "ka/", "ru": "ru/"}),
]


@pytest.mark.parametrize("example, kind, banks_dir, pages", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_each_example_quiz_is_answered_checked_and_scored_at_phone_size(examples, browser, example, kind, banks_dir,
                                                                       pages):
    from axe_playwright_python.sync_playwright import Axe

    server = examples[example]
    layout = BankLayout(kind, ROOT / "examples" / example / "docs", banks_dir, default_language="en")
    for language, path in pages.items():
        (bank_id, bank_file), = layout.banks(language).items()
        bank = load_bank(bank_file, expected_id=bank_id)
        context, page, requests = phone_page(browser)
        take_quiz(page, server.url + path, bank, language)
        report = Axe().run(page, context={"include": [[f"#quiz-{bank.id}"]]})
        assert report.violations_count == 0, report.generate_report()
        assert page.evaluate("document.documentElement.lang").startswith(language)
        assert all(url.startswith(server.url) for url in requests), "a request to another host"
        context.close()


def test_a_changed_string_and_the_progress_page_in_the_readthedocs_example(examples, browser):
    server = examples["readthedocs-theme"]
    bank = load_bank(ROOT / "examples" / "readthedocs-theme" / "docs" / "exercises" / "markdown-basics.yml")
    context, page, requests = phone_page(browser)
    page.goto(server.url)
    assert page.inner_text("#quiz-markdown-basics .quiz__check") == "Check my answers"  # mkdocs.yml changes it
    answer_bank(page, bank)
    page.get_by_role("main").get_by_role("link", name="my progress").click()
    page.wait_for_url("**/progress/")
    row = page.locator("tr[data-progress=markdown-basics]")
    assert row.locator(".quiz-status").inner_text() == "Passed" and row.locator(".quiz-best").inner_text() == "100%"
    context.close()


def test_without_javascript_the_example_quiz_shows_its_answers_behind_show_the_answer(examples, browser):
    """Other themes do not mark the page as scripted: the runtime marks the quizzes it runs, and only those hide
    their answers until checked."""
    context, page, _ = phone_page(browser, java_script_enabled=False)
    page.goto(examples["single-language"].url)
    page.click("#quiz-quiz-basics-in-browser .quiz__answer summary")
    assert "Correct answer: True" in page.inner_text("#quiz-quiz-basics-in-browser .quiz__answer")
    context.close()
