"""Translation tracking: the status of every page and bank, `mark`, the command line, and the notice readers see."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import serve_built
from sitebuilder import ROOT, build_site, make_site, page

sys.path.insert(0, str(ROOT))
from tools import translations  # noqa: E402
from tools.translations import MISSING, OUTDATED, UNTRACKED, UP_TO_DATE, content_hash, tree_status  # noqa: E402

from quiz_plugin.loader import load_bank  # noqa: E402

EN_PAGE = page("Guide", "# Guide {#guide}\n\n## Steps {#steps}\n\nCall an ambulance.\n")
KA_PAGE = page("სახელმძღვანელო", "# სახელმძღვანელო {#guide}\n\n## ნაბიჯები {#steps}\n\nგამოიძახეთ სასწრაფო.\n")
RU_PAGE = page("Руководство", "# Руководство {#guide}\n\n## Шаги {#steps}\n\nВызовите скорую.\n")
EN_BANK = """\
# Comments and layout are the author's own: marking must keep them.
id: demo
title: Demo quiz
questions:
  - id: q1
    type: true-false
    prompt: "Naloxone reverses an opioid overdose."   # the key fact
    answer: true
"""
KA_BANK = EN_BANK.replace("Demo quiz", "სადემონსტრაციო ტესტი").replace(
    "Naloxone reverses an opioid overdose.", "ნალოქსონი აბრუნებს ოპიოიდურ ზედოზირებას.")


def write(file: Path, text: str) -> Path:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


@pytest.fixture
def docs(tmp_path):
    """A docs tree with one page in three languages and one bank in English and Georgian (Russian bank missing)."""
    root = tmp_path / "docs"
    for lang, text in {"en": EN_PAGE, "ka": KA_PAGE, "ru": RU_PAGE}.items():
        write(root / lang / "training" / "guide.md", text)
    write(root / "en" / "quizzes" / "demo.yml", EN_BANK)
    write(root / "ka" / "quizzes" / "demo.yml", KA_BANK)
    return root


def states(docs_dir: Path) -> dict[tuple[str, str], str]:
    return {(s.path, s.language): s.state for s in tree_status(docs_dir)}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.translations", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8")


def test_doctests():
    assert doctest.testmod(translations).failed == 0


def test_status_from_untracked_to_up_to_date_to_outdated_and_back(docs):
    assert states(docs) == {("training/guide.md", "ka"): UNTRACKED, ("training/guide.md", "ru"): UNTRACKED,
                            ("quizzes/demo.yml", "ka"): UNTRACKED, ("quizzes/demo.yml", "ru"): MISSING}

    translations.mark(docs / "ka" / "training" / "guide.md", docs)
    translations.mark(docs / "ka" / "quizzes" / "demo.yml", docs)
    assert states(docs)[("training/guide.md", "ka")] == UP_TO_DATE
    assert states(docs)[("quizzes/demo.yml", "ka")] == UP_TO_DATE
    assert states(docs)[("training/guide.md", "ru")] == UNTRACKED

    english = docs / "en" / "training" / "guide.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    bank = docs / "en" / "quizzes" / "demo.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("answer: true", "answer: true\n    explanation: New."),
                    encoding="utf-8")
    assert states(docs)[("training/guide.md", "ka")] == OUTDATED
    assert states(docs)[("quizzes/demo.yml", "ka")] == OUTDATED

    translations.mark(docs / "ka" / "training" / "guide.md", docs)
    translations.mark(docs / "ka" / "quizzes" / "demo.yml", docs)
    assert states(docs)[("training/guide.md", "ka")] == UP_TO_DATE
    assert states(docs)[("quizzes/demo.yml", "ka")] == UP_TO_DATE


# Columns: what is done to the English page, and whether its translations must count as outdated afterwards.
PAGE_EDITS = [
    (lambda t: t.replace("\n", "\r\n"), False),  # Windows line endings
    (lambda t: t.replace("ambulance.", "ambulance.   "), False),  # trailing spaces
    (lambda t: t + "\n\n\n", False),  # blank lines at the end
    (lambda t: t.replace("title: Guide", "title: 'Guide'"), False),  # the same title, quoted
    (lambda t: t.replace("ambulance", "an ambulance"), True),  # the body
    (lambda t: t.replace("title: Guide", "title: Guide to referral"), True),  # the title
    (lambda t: t.replace("description: Guide.", "description: Steps."), True),  # the description
    (lambda t: t.replace("---\n\n", "reading_time: 5\n---\n\n"), True),  # another front matter key
]


@pytest.mark.parametrize("edit, outdates", PAGE_EDITS)
def test_what_outdates_a_page_translation(docs, edit, outdates):
    translations.mark(docs / "ka" / "training" / "guide.md", docs)
    english = docs / "en" / "training" / "guide.md"
    english.write_bytes(edit(EN_PAGE).encode("utf-8"))
    assert states(docs)[("training/guide.md", "ka")] == (OUTDATED if outdates else UP_TO_DATE)


def test_bank_comments_and_quoting_do_not_outdate(docs):
    translations.mark(docs / "ka" / "quizzes" / "demo.yml", docs)
    bank = docs / "en" / "quizzes" / "demo.yml"
    bank.write_text(EN_BANK.replace("   # the key fact", "").replace("title: Demo quiz", 'title: "Demo quiz"'),
                    encoding="utf-8")
    assert states(docs)[("quizzes/demo.yml", "ka")] == UP_TO_DATE


def test_mark_adds_one_line_and_keeps_the_rest(docs):
    page_file, bank_file = docs / "ka" / "training" / "guide.md", docs / "ka" / "quizzes" / "demo.yml"
    value = translations.mark(page_file, docs)
    assert value == content_hash(EN_PAGE, ".md") and len(value) == 12
    marked = page_file.read_text(encoding="utf-8")
    assert marked == KA_PAGE.replace("---\n\n", f'source_hash: "{value}"\n---\n\n', 1)

    value = translations.mark(bank_file, docs)
    marked = bank_file.read_text(encoding="utf-8")
    assert marked == KA_BANK.replace("id: demo\n", f'id: demo\nsource_hash: "{value}"\n')
    assert load_bank(bank_file).title == "სადემონსტრაციო ტესტი"  # the bank schema accepts the key

    # Marking again after an English change replaces the line instead of adding a second one.
    english = docs / "en" / "quizzes" / "demo.yml"
    english.write_text(EN_BANK.replace("Demo quiz", "Overdose quiz"), encoding="utf-8")
    newer = translations.mark(bank_file, docs)
    assert newer != value
    assert bank_file.read_text(encoding="utf-8") == KA_BANK.replace("id: demo\n", f'id: demo\nsource_hash: "{newer}"\n')


def test_mark_keeps_windows_line_endings(docs):
    file = docs / "ka" / "training" / "guide.md"
    file.write_bytes(KA_PAGE.replace("\n", "\r\n").encode("utf-8"))
    translations.mark(file, docs)
    data = file.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"") and b'source_hash: "' in data
    assert states(docs)[("training/guide.md", "ka")] == UP_TO_DATE


# Columns: the file given to `mark`, and words its error message must contain.
MARK_ERRORS = [
    ("en/training/guide.md", ["en/training/guide.md", "not a translation", "/ka/"]),
    ("ru/quizzes/demo.yml", ["ru/quizzes/demo.yml", "does not exist yet"]),
    ("ka/training/other.md", ["ka/training/other.md", "no English source docs/en/training/other.md"]),
]


@pytest.mark.parametrize("rel, words", MARK_ERRORS)
def test_mark_refuses_what_is_not_a_translation(docs, rel, words):
    if rel.startswith("ka/training/other"):
        write(docs / rel, KA_PAGE)
    with pytest.raises(translations.TranslationError) as caught:
        translations.mark(docs / rel, docs)
    for word in words:
        assert word in str(caught.value)


def test_cli_status_prints_every_page_and_bank_per_language(docs):
    translations.mark(docs / "ka" / "training" / "guide.md", docs)
    result = run_cli("--docs", str(docs), "status")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith(("training/", "quizzes/"))}
    assert rows["training/guide.md"].split()[1:] == ["up", "to", "date", "untracked"]
    assert rows["quizzes/demo.yml"].split()[1:] == ["untracked", "missing"]
    assert "ka: 1 up to date, 0 outdated, 1 untracked, 0 missing" in result.stdout
    assert "ru: 0 up to date, 0 outdated, 1 untracked, 1 missing" in result.stdout
    assert run_cli("--docs", str(docs), "status", "--check").returncode == 1


def test_cli_mark_then_check_passes(docs):
    write(docs / "ru" / "quizzes" / "demo.yml", EN_BANK.replace("Demo quiz", "Демо-тест"))
    files = [str(p) for p in sorted((docs / "ka").rglob("*.*")) + sorted((docs / "ru").rglob("*.*"))]
    result = run_cli("--docs", str(docs), "mark", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("marked up to date") == 4
    check = run_cli("--docs", str(docs), "status", "--check")
    assert check.returncode == 0, check.stdout
    assert "ka: 2 up to date, 0 outdated, 0 untracked, 0 missing" in check.stdout


def test_cli_mark_checks_every_file_before_changing_any(docs):
    good = docs / "ka" / "training" / "guide.md"
    result = run_cli("--docs", str(docs), "mark", str(good), str(docs / "en" / "training" / "guide.md"))
    assert result.returncode == 2
    assert "not a translation" in result.stderr and "Traceback" not in result.stderr
    assert good.read_text(encoding="utf-8") == KA_PAGE


def test_cli_names_the_file_with_broken_yaml(docs):
    write(docs / "en" / "quizzes" / "demo.yml", "id: demo\ntitle: [unclosed\n")
    result = run_cli("--docs", str(docs), "status")
    assert result.returncode == 2
    assert "docs/en/quizzes/demo.yml:" in result.stderr and "Traceback" not in result.stderr


# --- The notice in a built site ---------------------------------------------------------------------------------

LESSON = {
    "en": page("Lesson", "# Lesson {#lesson}\n\n## Steps {#steps}\n\nCall an ambulance first.\n\n## Quiz {#quiz}\n\n<!-- quiz: demo -->\n"),
    "ka": page("გაკვეთილი", "# გაკვეთილი {#lesson}\n\n## ნაბიჯები {#steps}\n\nჯერ სასწრაფო გამოიძახეთ.\n\n## ტესტი {#quiz}\n\n<!-- quiz: demo -->\n"),
    "ru": page("Урок", "# Урок {#lesson}\n\n## Шаги {#steps}\n\nСначала вызовите скорую.\n\n## Тест {#quiz}\n\n<!-- quiz: demo -->\n"),
}
HOME = {"en": page("Home", "# Home {#home}\n\nWelcome.\n"),
        "ka": page("მთავარი", "# მთავარი {#home}\n\nმოგესალმებით.\n"),
        "ru": page("Главная", "# Главная {#home}\n\nДобро пожаловать.\n")}
BANK_RU = EN_BANK.replace("Demo quiz", "Демо-тест").replace("Naloxone reverses an opioid overdose.",
                                                            "Налоксон устраняет передозировку опиоидами.")
KA_NOTICE = "ეს თარგმანი შეიძლება მოძველებული იყოს"


def tracked(text: str, english: str, suffix: str, stale: bool = False) -> str:
    """A translation that records the English hash (or an older one, when stale)."""
    older = english.replace("Demo quiz", "Old quiz") if suffix == ".yml" else english + "\nAn older sentence.\n"
    value = content_hash(older if stale else english, suffix)
    return translations.with_recorded_hash(text, suffix, value)


def notice_site(folder: Path, ka_page_stale: bool, ka_bank_stale: bool) -> Path:
    """Home up to date everywhere; the Georgian lesson or its bank outdated as asked; Russian up to date."""
    pages = {
        "index.md": {"en": HOME["en"], **{lang: tracked(HOME[lang], HOME["en"], ".md") for lang in ("ka", "ru")}},
        "training/lesson.md": {"en": LESSON["en"],
                               "ka": tracked(LESSON["ka"], LESSON["en"], ".md", stale=ka_page_stale),
                               "ru": tracked(LESSON["ru"], LESSON["en"], ".md")},
    }
    banks = {"demo": {"en": EN_BANK, "ka": tracked(KA_BANK, EN_BANK, ".yml", stale=ka_bank_stale),
                      "ru": tracked(BANK_RU, EN_BANK, ".yml")}}
    return make_site(folder, pages, banks)


def notices(html: str) -> int:
    return html.count('class="translation-notice"')


def test_outdated_page_shows_the_notice_in_its_language_and_up_to_date_pages_do_not(tmp_path):
    site = build_site(notice_site(tmp_path, ka_page_stale=True, ka_bank_stale=False))
    lesson = (site / "ka" / "training" / "lesson.html").read_text(encoding="utf-8")
    assert notices(lesson) == 1 and KA_NOTICE in lesson
    assert '<a href="../../training/lesson.html" hreflang="en">იხილეთ ინგლისური ვერსია</a>' in lesson
    assert lesson.index("</h1>") < lesson.index("translation-notice") < lesson.index('id="steps"')
    for up_to_date in ("ru/training/lesson.html", "training/lesson.html", "ka/index.html", "ru/index.html"):
        assert notices((site / up_to_date).read_text(encoding="utf-8")) == 0, up_to_date
    # Out of the search index, where it would become the page's summary.
    assert "მოძველებული" not in (site / "ka" / "search" / "search_index.json").read_text(encoding="utf-8")


def test_outdated_bank_shows_the_notice_on_the_page_that_places_it(tmp_path):
    site = build_site(notice_site(tmp_path, ka_page_stale=False, ka_bank_stale=True))
    assert notices((site / "ka" / "training" / "lesson.html").read_text(encoding="utf-8")) == 1
    assert notices((site / "ru" / "training" / "lesson.html").read_text(encoding="utf-8")) == 0


def test_untracked_translation_counts_as_outdated(tmp_path):
    pages = {"index.md": HOME, "training/lesson.md": LESSON}
    site = build_site(make_site(tmp_path, pages, {"demo": {"en": EN_BANK, "ka": KA_BANK, "ru": BANK_RU}}))
    ru = (site / "ru" / "index.html").read_text(encoding="utf-8")
    assert notices(ru) == 1 and "Этот перевод мог устареть" in ru and '<a href="../index.html" hreflang="en">' in ru


@pytest.mark.browser
def test_notice_is_visible_on_a_phone_and_leads_to_the_english_page(tmp_path, phone):
    server, _ = serve_built(notice_site(tmp_path, ka_page_stale=True, ka_bank_stale=False), tmp_path)
    try:
        phone.goto(server.url + "ka/training/lesson.html")
        notice = phone.locator(".translation-notice")
        assert notice.is_visible()
        assert KA_NOTICE in notice.inner_text()
        box = notice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] < 740  # on the first screen
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing pushed sideways
        notice.get_by_role("link", name="იხილეთ ინგლისური ვერსია").click()
        phone.wait_for_url(server.url + "training/lesson.html")
        assert phone.locator("html").get_attribute("lang") == "en"
        assert phone.locator("h1").inner_text().startswith("Lesson")
        assert phone.locator(".translation-notice").count() == 0

        phone.goto(server.url + "ru/training/lesson.html")
        assert phone.locator("h1").inner_text().startswith("Урок")
        assert phone.locator(".translation-notice").count() == 0
    finally:
        server.close()
