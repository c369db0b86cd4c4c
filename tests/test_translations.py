"""Translation tracking: the status of every page and bank, `mark`, the command line, and the notice readers see."""

from __future__ import annotations

import doctest
import re
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


def test_mark_adds_its_lines_and_keeps_the_rest(docs):
    """`mark` records the English hash and, in a translation without a review entry, `review: unreviewed`."""
    page_file, bank_file = docs / "ka" / "training" / "guide.md", docs / "ka" / "quizzes" / "demo.yml"
    value = translations.mark(page_file, docs)
    assert value == content_hash(EN_PAGE, ".md") and len(value) == 12
    marked = page_file.read_text(encoding="utf-8")
    assert marked == KA_PAGE.replace("---\n\n", f'source_hash: "{value}"\nreview: unreviewed\n---\n\n', 1)

    value = translations.mark(bank_file, docs)
    marked = bank_file.read_text(encoding="utf-8")
    assert marked == KA_BANK.replace("id: demo\n", f'id: demo\nsource_hash: "{value}"\nreview: unreviewed\n')
    assert load_bank(bank_file).title == "სადემონსტრაციო ტესტი"  # the bank schema accepts both keys

    # Marking again after an English change replaces the line instead of adding a second one.
    english = docs / "en" / "quizzes" / "demo.yml"
    english.write_text(EN_BANK.replace("Demo quiz", "Overdose quiz"), encoding="utf-8")
    newer = translations.mark(bank_file, docs)
    assert newer != value
    assert bank_file.read_text(encoding="utf-8") == KA_BANK.replace(
        "id: demo\n", f'id: demo\nsource_hash: "{newer}"\nreview: unreviewed\n')


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
    rows = {line.split()[0]: re.split(r"\s{2,}", line)[1:]
            for line in result.stdout.splitlines() if line.startswith(("training/", "quizzes/"))}
    assert rows["training/guide.md"] == ["up to date, unreviewed", "untracked, unreviewed"]
    assert rows["quizzes/demo.yml"] == ["untracked, unreviewed", "missing"]
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


def tracked(text: str, english: str, suffix: str, stale: bool = False, reviewed: bool = True) -> str:
    """A translation that records the English hash (or an older one, when stale), reviewed unless asked otherwise."""
    older = english.replace("Demo quiz", "Old quiz") if suffix == ".yml" else english + "\nAn older sentence.\n"
    value = content_hash(older if stale else english, suffix)
    text = translations.with_recorded_hash(text, suffix, value)
    review = translations.review_entry("police trainer", "2027-01-15", content_hash(text, suffix)) if reviewed \
        else translations.UNREVIEWED
    return translations.with_review(text, suffix, review)


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


# --- Review status ------------------------------------------------------------------------------------------------

def reviews(docs_dir: Path) -> dict[tuple[str, str], str]:
    return {(s.path, s.language): str(s.review) for s in tree_status(docs_dir) if s.review}


def test_review_from_unreviewed_to_reviewed_to_edited(docs):
    page_file = docs / "ka" / "training" / "guide.md"
    translations.mark(page_file, docs)
    assert reviews(docs)[("training/guide.md", "ka")] == "unreviewed"

    review = translations.mark_reviewed(page_file, docs, "police trainer", "2027-01-15")
    assert str(review) == "reviewed (police trainer, 2027-01-15)"
    assert 'review: {by: "police trainer", date: "2027-01-15", text_hash: "' in page_file.read_text(encoding="utf-8")
    translations.mark(page_file, docs)  # marking again keeps the review
    assert reviews(docs)[("training/guide.md", "ka")] == "reviewed (police trainer, 2027-01-15)"

    page_file.write_text(page_file.read_text(encoding="utf-8").replace("გამოიძახეთ", "სასწრაფოდ გამოიძახეთ"),
                         encoding="utf-8")
    assert reviews(docs)[("training/guide.md", "ka")] == "edited since review (police trainer, 2027-01-15)"
    translations.mark_reviewed(page_file, docs, "harm reduction specialist", "2027-02-01")  # reviewed again
    assert reviews(docs)[("training/guide.md", "ka")] == "reviewed (harm reduction specialist, 2027-02-01)"
    assert page_file.read_text(encoding="utf-8").count("review:") == 1


# Columns: what is wrong, and words the error must contain.
REVIEW_ERRORS = [
    ("outdated", ["ka/training/guide.md", "outdated", "mark it first"]),
    ("no role", ["reviewer's role"]),
    ("bad date", ["YYYY-MM-DD", "15.01.2027"]),
]


@pytest.mark.parametrize("problem, words", REVIEW_ERRORS)
def test_review_is_refused_with_a_reason(docs, problem, words):
    page_file = docs / "ka" / "training" / "guide.md"
    translations.mark(page_file, docs)
    if problem == "outdated":
        english = docs / "en" / "training" / "guide.md"
        english.write_text(EN_PAGE + "\nNew.\n", encoding="utf-8")
    before = page_file.read_text(encoding="utf-8")
    by, date = ("  " if problem == "no role" else "police trainer"), ("15.01.2027" if problem == "bad date" else "2027-01-15")
    with pytest.raises(translations.TranslationError) as caught:
        translations.mark_reviewed(page_file, docs, by, date)
    for word in words:
        assert word in str(caught.value)
    assert page_file.read_text(encoding="utf-8") == before


def test_a_malformed_review_entry_is_named_with_its_line(docs):
    page_file = docs / "ka" / "training" / "guide.md"
    page_file.write_text(KA_PAGE.replace("---\n\n", "review: yes\n---\n\n", 1), encoding="utf-8")
    with pytest.raises(translations.TranslationError, match=r"docs/ka/training/guide\.md:4: review should be"):
        tree_status(docs)


def test_cli_review_marks_and_status_shows_it(docs):
    files = [str(docs / "ka" / "training" / "guide.md"), str(docs / "ka" / "quizzes" / "demo.yml")]
    assert run_cli("--docs", str(docs), "mark", *files).returncode == 0
    result = run_cli("--docs", str(docs), "review", "--by", "police trainer", "--date", "2027-01-15", *files)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("reviewed (police trainer, 2027-01-15)") == 2
    status = run_cli("--docs", str(docs), "status").stdout
    assert "up to date, reviewed (police trainer, 2027-01-15)" in status
    assert "ka: 2 up to date, 0 outdated, 0 untracked, 0 missing; 2 reviewed, 0 not reviewed" in status
    # One file that cannot be reviewed: nothing is changed, and the reason is given.
    write(docs / "ru" / "quizzes" / "demo.yml", EN_BANK)
    ru = [str(docs / "ru" / "training" / "guide.md"), str(docs / "ru" / "quizzes" / "demo.yml")]
    refused = run_cli("--docs", str(docs), "review", "--by", "police trainer", *ru)
    assert refused.returncode == 2 and "untracked" in refused.stderr and "Traceback" not in refused.stderr
    assert "review:" not in (docs / "ru" / "training" / "guide.md").read_text(encoding="utf-8")


def test_every_translation_of_the_site_records_its_review():
    """A page or bank says honestly whether it has been reviewed: a review entry in every translation."""
    missing = [f"docs/{s.language}/{s.path}" for s in tree_status(ROOT / "docs")
               if s.review is not None and not s.review.recorded]
    assert not missing, f"add `review: unreviewed` (or run `python -m tools.translations mark`): {missing}"


# --- The review notice in a built site ---------------------------------------------------------------------------

KA_UNREVIEWED = "ეს თარგმანი ჯერ არ გადაუხედავს დარგის სპეციალისტს"
RU_UNREVIEWED = "Этот перевод ещё не проверил специалист"


def review_site(folder: Path, ka_reviewed: bool, ru_bank_reviewed: bool = True, ka_stale: bool = False) -> Path:
    """Home reviewed everywhere; the Georgian lesson reviewed or not; the Russian lesson reviewed, its bank as asked."""
    pages = {
        "index.md": {"en": HOME["en"], **{lang: tracked(HOME[lang], HOME["en"], ".md") for lang in ("ka", "ru")}},
        "training/lesson.md": {"en": LESSON["en"],
                               "ka": tracked(LESSON["ka"], LESSON["en"], ".md", stale=ka_stale, reviewed=ka_reviewed),
                               "ru": tracked(LESSON["ru"], LESSON["en"], ".md")},
    }
    banks = {"demo": {"en": EN_BANK, "ka": tracked(KA_BANK, EN_BANK, ".yml"),
                      "ru": tracked(BANK_RU, EN_BANK, ".yml", reviewed=ru_bank_reviewed)}}
    return make_site(folder, pages, banks)


def test_an_unreviewed_page_or_bank_shows_the_review_notice_and_a_reviewed_one_does_not(tmp_path):
    site = build_site(review_site(tmp_path / "a", ka_reviewed=False, ru_bank_reviewed=False))
    ka = (site / "ka" / "training" / "lesson.html").read_text(encoding="utf-8")
    assert notices(ka) == 1 and KA_UNREVIEWED in ka and KA_NOTICE not in ka and 'data-reasons="unreviewed"' in ka
    ru = (site / "ru" / "training" / "lesson.html").read_text(encoding="utf-8")
    assert notices(ru) == 1 and RU_UNREVIEWED in ru  # its bank is not reviewed
    for reviewed in ("ka/index.html", "ru/index.html", "training/lesson.html"):
        assert notices((site / reviewed).read_text(encoding="utf-8")) == 0, reviewed

    both = build_site(review_site(tmp_path / "b", ka_reviewed=False, ka_stale=True))
    ka = (both / "ka" / "training" / "lesson.html").read_text(encoding="utf-8")
    assert notices(ka) == 1 and KA_NOTICE in ka and KA_UNREVIEWED in ka and 'data-reasons="outdated unreviewed"' in ka


def unreviewed_pages(language: str) -> list[str]:
    """Pages of the site whose translation, or a bank they place, is not reviewed (as they are now)."""
    statuses = {s.path: s for s in tree_status(ROOT / "docs", (language,))}

    def not_reviewed(rel: str) -> bool:
        return statuses[rel].review.state != translations.REVIEWED

    pages = []
    for rel, status in statuses.items():
        if rel.endswith(".md"):
            banks = re.findall(r"<!-- quiz: ([a-z0-9-]+) -->", (ROOT / "docs" / language / rel).read_text(encoding="utf-8"))
            if not_reviewed(rel) or any(not_reviewed(f"quizzes/{bank}.yml") for bank in banks):
                pages.append(rel)
    return pages


@pytest.mark.parametrize("language,sentence", [("ka", KA_UNREVIEWED), ("ru", RU_UNREVIEWED)])
def test_real_site_pages_say_whether_they_are_reviewed(real_site, language, sentence):
    _, site = real_site
    expected = set(unreviewed_pages(language))
    for path in (ROOT / "docs" / language).rglob("*.md"):
        rel = path.relative_to(ROOT / "docs" / language).as_posix()
        html = (site / language / rel).with_suffix(".html").read_text(encoding="utf-8")
        assert (sentence in html) == (rel in expected), rel


@pytest.mark.parametrize("language,sentence,link", [("ka", KA_UNREVIEWED, "იხილეთ ინგლისური ვერსია"),
                                                    ("ru", RU_UNREVIEWED, "Открыть английскую версию")])
def test_the_review_notice_on_a_phone(real_site, phone, language, sentence, link):
    """Until native-speaking subject experts review the translations, their pages say so, on the first screen."""
    server, _ = real_site
    pages = unreviewed_pages(language)
    rel = next((p for p in pages if p.startswith("training/lesson-")), pages[0] if pages else "training/lesson-3.md")
    phone.goto(server.url + f"{language}/" + rel.replace(".md", ".html"))
    notice = phone.locator(".translation-notice")
    if not pages:  # every page reviewed: nothing to say
        assert notice.count() == 0
        return
    assert notice.is_visible() and sentence in notice.inner_text()
    box = notice.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] < 740  # on the first screen
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    notice.get_by_role("link", name=link).click()
    phone.wait_for_url(server.url + rel.replace(".md", ".html"))
    assert phone.locator(".translation-notice").count() == 0


def test_a_trainer_marks_a_page_reviewed_and_the_notice_disappears(tmp_path, phone):
    """The whole round in Chromium: the Georgian lesson shows the notice; a trainer runs `review`; rebuilt, it is gone."""
    config = review_site(tmp_path, ka_reviewed=False)
    server, site = serve_built(config, tmp_path)
    try:
        phone.goto(server.url + "ka/training/lesson.html")
        assert KA_UNREVIEWED in phone.locator(".translation-notice").inner_text()
        lesson = tmp_path / "docs" / "ka" / "training" / "lesson.md"
        result = run_cli("--docs", str(tmp_path / "docs"), "review", "--by", "police trainer", str(lesson))
        assert result.returncode == 0, result.stderr
        build_site(config, site, site_url=server.url)
        phone.goto(server.url + "ka/training/lesson.html")
        assert phone.locator("h1").inner_text().startswith("გაკვეთილი")
        assert phone.locator(".translation-notice").count() == 0
    finally:
        server.close()


# --- Typed answers ------------------------------------------------------------------------------------------------

def text_questions(language: str):
    """(bank, question id, accepted answers normalised) for every typed-answer question of a language."""
    from quiz_plugin.normalise import normalise
    for path in sorted((ROOT / "docs" / language / "quizzes").glob("*.yml")):
        bank = load_bank(path, f"docs/{language}/quizzes/{path.name}")
        for question in bank.scored_questions():
            if question.type == "text":
                yield path.stem, question.id, {normalise(answer) for answer in question.accept}


@pytest.mark.parametrize("language", ["ka", "ru"])
def test_typed_answers_accept_what_a_reader_of_the_language_types(language):
    """A Georgian or Russian reader may type the term in their language or in English (officers meet the English
    names in training and sources): every English spelling of a term is accepted in the translation too (dates and
    numbers are written the language's own way), besides the language's own forms."""
    english = {(bank, qid): accepted for bank, qid, accepted in text_questions("en")}
    script = re.compile("[\u10a0-\u10ff]" if language == "ka" else "[\u0400-\u04ff]")
    found = list(text_questions(language))
    assert len(found) == len(english) >= 8
    for bank, qid, accepted in found:
        words = {answer for answer in english[(bank, qid)] if not re.search(r"\d", answer)}
        assert words <= accepted, (bank, qid, sorted(words - accepted))
        if any(not re.fullmatch(r"[\d\W]*", answer) for answer in accepted):
            assert any(script.search(answer) for answer in accepted), (bank, qid, "no answer in the language")
