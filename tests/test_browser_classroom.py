"""A classroom on the real site, in Debian's Chromium at phone size: the checks before and after the module, the
reader's own change on "My progress", the hand-over of results as a file or a code, and the trainer's class report
read from a generated class of 30 and from malformed files and codes, on screen, as CSV and on A4 paper."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zlib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

import handover_format as fmt
from conftest import PHONE
from phone_layout import table_problems
from quiz_plugin.loader import load_bank
from quiz_plugin.strings import strings_for
from sitebuilder import ROOT
from test_browser_progress import LESSONS, answer_quiz, progress_rows, runtime_ready, watch
from test_tables import layout

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "ka": "ka/", "ru": "ru/"}


def percent(share: float | None) -> str:
    """As the runtime writes a share: Math.round of the percentage (halves up)."""
    return "–" if share is None else f"{int(share * 100 + 0.5)}%"


def signed(points: int) -> str:
    return f"+{points}" if points > 0 else f"−{-points}" if points < 0 else "±0"


def one_decimal(value: float, separator: str) -> str:
    """As Intl.NumberFormat writes a mean with one decimal: halves away from zero, with the language's separator."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", separator)


def report_ready(page):
    """Wait for report.js to have set up the class report (it marks the report ready)."""
    expect(page.locator(".quiz-report[data-ready='1']")).to_be_attached()


# ---- A participant: before, lessons, after, own change, hand-over -------------------------------------------------

def test_a_participant_before_and_after_the_module_in_three_languages(real_site, phone):
    server, site = real_site
    seen = watch(phone, server.url)
    check = load_bank(ROOT / "docs" / "en" / "quizzes" / "knowledge-check.yml")
    right_before = {q.id for q in check.scored_questions()[::2]}  # every other question right: 8 of 16

    # Before the module (English): no answers to see, the score only, and the answers kept once.
    phone.goto(server.url + "training/before.html")
    form = "#quiz-knowledge-check-before"
    intro = phone.inner_text(f"{form} .quiz__intro")
    assert "your first answers are recorded" in intro and "Pass mark" not in intro
    assert phone.locator(f"{form} .quiz__answer").count() == 0  # the page holds no answers to peek at
    result = answer_quiz(phone, "knowledge-check", phase="before", right=right_before)
    assert result.startswith("Your score: 8 of 16 (50%). The right answers are shown in the check after the module.")
    assert "Passed" not in result and "Not passed" not in result
    assert phone.locator(f"{form} .quiz__verdict:visible").count() == 0
    assert "Recorded on" in result
    answer_quiz(phone, "attitudes", phase="before", point=2)
    assert phone.inner_text("#quiz-attitudes-before .quiz__result").startswith("Your answers are saved in this browser.")
    phone.reload()
    for name in ("knowledge-check-before", "attitudes-before"):
        expect(phone.locator(f"#quiz-{name} .quiz__result")).to_contain_text("Recorded on")
        assert phone.locator(f"#quiz-{name} input:enabled").count() == 0
        assert phone.is_hidden(f"#quiz-{name} .quiz__check")
    assert phone.is_checked("#quiz-attitudes-before-carry-naloxone input[value='2']")

    # After the module (Georgian): all right this time, with the verdicts and answers shown.
    phone.goto(server.url + "ka/training/after.html")
    result = answer_quiz(phone, "knowledge-check", lang="ka", phase="after")
    assert result.startswith("თქვენი შედეგი: 16 / 16 (100%).")
    assert phone.locator("#quiz-knowledge-check-after .quiz__verdict:visible").count() == 16
    answer_quiz(phone, "attitudes", lang="ka", phase="after", point=5)

    # My progress (Russian): the change, and the lesson table without the checks in it.
    phone.goto(server.url + "ru/training/progress.html")
    runtime_ready(phone)
    assert sorted(progress_rows(phone)) == LESSONS
    knowledge = phone.locator('.quiz-change__bank[data-bank="knowledge-check"]')
    expect(knowledge).to_be_visible()
    assert phone.is_hidden(".quiz-change__none")
    cells = lambda row: [knowledge.locator(f"tr[data-lesson='{row}'] .quiz-change__{c}").inner_text() for c in ("before", "after", "delta")]  # noqa: E731
    assert cells("") == ["50%", "100%", "+50"]
    by_lesson = {q.lesson: [] for q in check.scored_questions()}
    for q in check.scored_questions():
        by_lesson[q.lesson].append(q.id in right_before)
    for lesson, rights in by_lesson.items():
        before = sum(rights) / len(rights)
        assert cells(lesson) == [percent(before), "100%", signed(100 - int(before * 100 + 0.5))], lesson
    statements = phone.locator('.quiz-change__bank[data-bank="attitudes"] tr[data-question]')
    assert statements.count() == 10
    assert [statements.first.locator(f".quiz-change__{c}").inner_text() for c in ("before", "after")] == ["Скорее нет", "Полностью да"]

    # Hand-over: a file and a code, with the nickname typed in Georgian.
    phone.fill(".quiz-handover__nickname", "ნინო")
    with phone.expect_download() as download:
        phone.click(".quiz-handover__file")
    name = download.value.suggested_filename
    assert re.fullmatch(r"results-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.json", name)
    file = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert (file["format"], file["nickname"], sorted(file["results"])) == ("hr-quiz-results", "ნინო", ["attitudes", "knowledge-check"])
    assert sorted(file["results"]["knowledge-check"]) == ["after", "before"]
    assert file["results"]["knowledge-check"]["before"]["percent"] == 50
    assert file["results"]["attitudes"]["after"]["questions"]["carry-naloxone"] == {"answer": ["5"]}
    assert name in phone.inner_text(".quiz-handover__status")
    phone.click(".quiz-handover__show")
    code = phone.input_value(".quiz-handover__code")
    assert re.fullmatch(r"hr1[qpzry9x8gf2tvdw0s3jn54khce6mua7l ]+", code), code
    assert phone.evaluate("document.activeElement.className") == "quiz-handover__code"

    # The trainer opens both: one participant, counted once.
    phone.goto(server.url + "training/class-report.html")
    report_ready(phone)
    phone.set_input_files(".quiz-report__files", str(download.value.path()))
    phone.click(".quiz-report__codes")
    phone.keyboard.type(code)
    phone.click(".quiz-report__add")
    expect(phone.locator(".quiz-report__status")).to_have_text("Participants in the report: 1.")
    assert "the same participant as ნინო" in phone.inner_text(".quiz-report__skipped")
    assert phone.inner_text(".quiz-report__summary").split("\n")[-6:] == [
        "Average before", "50%", "Average after", "100%", "Average change (participants who took both)", "+50"]
    assert not seen["foreign"] and not seen["errors"], seen


def test_the_hand_over_says_when_there_is_nothing_yet(real_site, phone):
    server, _ = real_site
    phone.goto(server.url + "ka/training/progress.html")
    runtime_ready(phone)
    expect(phone.locator(".quiz-change__none")).to_be_visible()
    phone.click(".quiz-handover__show")
    assert phone.inner_text(".quiz-handover__status") == strings_for("ka")["handover_nothing"]
    assert phone.is_hidden(".quiz-handover__box")


# ---- A class of 30, and files and codes that are not what they should be ------------------------------------

def make_class(page_layout: dict, seed: int = 17) -> list[dict]:
    """30 participants: answers drawn at random, better after than before on average, some without a nickname,
    some who took only one of the checks."""
    rng = random.Random(seed)
    check = next(b for b in page_layout["banks"] if not b["questionnaire"])
    survey = next(b for b in page_layout["banks"] if b["questionnaire"])
    people = []
    for n in range(30):
        results = {check["id"]: {}, survey["id"]: {}}
        phases = ["before", "after"] if n % 10 else (["after"] if n % 20 else ["before"])
        for phase in phases:
            skill = rng.random() * (0.5 if phase == "before" else 0.9) + 0.1
            results[check["id"]][phase] = {
                q["id"]: rng.choice([1, 2 / 3, 1 / 3]) if q["id"] == "kc-overdose-signs" and rng.random() < 0.5
                else (1 if rng.random() < skill else 0) for q in check["questions"]}
            results[survey["id"]][phase] = {q["id"]: rng.randint(1, 5) for q in survey["questions"]}
        people.append({"participant": f"{rng.getrandbits(32):08x}", "nickname": rng.choice(["", "", "Nino", "Гиорги", "ლაშა"]),
                       "results": results})
    return people


def expected_report(page_layout: dict, people: list[dict]) -> dict:
    """What the report must show, computed from the class as the report defines it (report.js)."""
    check = next(b for b in page_layout["banks"] if not b["questionnaire"])
    survey = next(b for b in page_layout["banks"] if b["questionnaire"])

    def mean(values):
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    def share(person, phase, ids):
        own = person["results"][check["id"]].get(phase)
        return mean([own[i] for i in ids if i in own]) if own else None

    all_ids = [q["id"] for q in check["questions"]]
    both = [p for p in people if share(p, "before", all_ids) is not None and share(p, "after", all_ids) is not None]
    change = mean([int(share(p, "after", all_ids) * 100 + 0.5) - int(share(p, "before", all_ids) * 100 + 0.5) for p in both])
    lessons = list(dict.fromkeys(q["lesson"] for q in check["questions"]))
    by_lesson = []
    for lesson in lessons:
        ids = [q["id"] for q in check["questions"] if q["lesson"] == lesson]
        then, now = mean([share(p, "before", ids) for p in people]), mean([share(p, "after", ids) for p in people])
        by_lesson.append([page_layout["lessons"][lesson], percent(then), percent(now),
                          signed(int(now * 100 + 0.5) - int(then * 100 + 0.5))])
    questions = []
    for q in check["questions"]:
        then, now = mean([share(p, "before", [q["id"]]) for p in people]), mean([share(p, "after", [q["id"]]) for p in people])
        questions.append((now, then, [q["text"], page_layout["lessons"][q["lesson"]], percent(then), percent(now)]))
    questions.sort(key=lambda row: (row[0], row[1]))

    def survey_row(q):
        values = {phase: [p["results"][survey["id"]][phase][q["id"]] for p in people if phase in p["results"][survey["id"]]]
                  for phase in ("before", "after")}
        agree = {phase: percent(sum(v >= 4 for v in vs) / len(vs)) for phase, vs in values.items()}
        return [q["text"], agree["before"], agree["after"]] + [mean(vs) for vs in values.values()]
    return {
        "percents": [[percent(share(p, phase, all_ids)).rstrip("%").replace("–", "") for phase in ("before", "after")]
                     for p in people],
        "summary": [len(people), sum(share(p, "before", all_ids) is not None for p in people),
                    sum(share(p, "after", all_ids) is not None for p in people),
                    percent(mean([share(p, "before", all_ids) for p in people])),
                    percent(mean([share(p, "after", all_ids) for p in people])), signed(int(change + 0.5))],
        "lessons": by_lesson, "questions": [row for _, _, row in questions],
        "statements": [survey_row(q) for q in survey["questions"]],
    }


def table_rows(page, index: int) -> list[list[str]]:
    return page.eval_on_selector_all(
        ".quiz-report__tables table", "(tables, i) => [...tables[i].querySelectorAll('tbody tr')]"
        ".map(r => [...r.cells].map(c => c.textContent))", index)


def load_class(page, server, site, lang: str, requests: list | None = None) -> dict:
    """Open the class report and give it the class: 16 files (one a second copy), 15 codes (one from a participant
    who sent a file with the check before only), and malformed inputs. Returns what the report must show; every
    request the page makes once it has loaded goes into `requests`."""
    page.goto(f"{server.url}{PREFIX[lang]}training/class-report.html")
    report_ready(page)
    page.wait_for_load_state("networkidle")  # the page and its scripts are in: from now on nothing should be fetched
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page_layout = layout(site, f"{PREFIX[lang]}training/class-report.html")
    people = make_class(page_layout)
    # Codes carry scores in tenths: the report must show what was handed over.
    handed = [dict(p, results=fmt.quantised(p["results"], page_layout)) if n >= 15 else p for n, p in enumerate(people)]
    files = [{"name": f"p{n:02d}.json", "mimeType": "application/json",
              "buffer": json.dumps(fmt.results_file(page_layout, p["participant"], p["nickname"], p["results"]),
                                   ensure_ascii=False, indent=1).encode("utf-8")} for n, p in enumerate(people[:15])]
    early = 21  # this participant first sent a file after the check before the module, then a code after both
    partial = dict(people[early], results={bank: {"before": phases["before"]} for bank, phases in people[early]["results"].items()})
    edited = fmt.results_file(page_layout, "0000beef", "", people[0]["results"])
    edited["results"]["knowledge-check"][next(iter(edited["results"]["knowledge-check"]))]["percent"] = 100
    bad_files = {
        "notes.txt": b"hello, these are my answers",
        "photo.json": bytes(range(256)) * 4,
        "empty.json": b"",
        "other-site.json": json.dumps({"format": "another-quiz", "score": 90}).encode(),
        "old-version.json": json.dumps(fmt.results_file(page_layout, "0000cafe", "", people[1]["results"], layout_id="000000")).encode(),
        "edited.json": json.dumps(edited).encode(),
        "huge.json": b"[" + b"0," * 400000 + b"0]",
        "p03-again.json": files[3]["buffer"],
    }
    files += [{"name": f"p{early}-early.json", "mimeType": "application/json",
               "buffer": json.dumps(fmt.results_file(page_layout, partial["participant"], partial["nickname"], partial["results"])).encode()}]
    files += [{"name": name, "mimeType": "application/json", "buffer": data} for name, data in bad_files.items()]
    codes = [fmt.code(page_layout, p["participant"], p["nickname"], p["results"]) for p in people[15:]]
    typo = codes[0][:20] + ("q" if codes[0][20] != "q" else "p") + codes[0][21:]
    foreign = fmt.code(page_layout, "0000f00d", "", people[2]["results"], fingerprint="abcdef")
    page.set_input_files(".quiz-report__files", files)
    s = strings_for(lang)
    expect(page.locator(".quiz-report__status")).to_have_text(s["report_status"].format(count=16))
    # Most codes are pasted; one is typed on a phone's keyboard, in groups of five as the participant's page shows it.
    page.fill(".quiz-report__codes", "\n".join(codes[1:] + [typo, "  ", "hello world", foreign]))
    page.click(".quiz-report__add")
    page.fill(".quiz-report__codes", "")
    page.click(".quiz-report__codes")
    page.keyboard.type(" ".join(re.findall(".{1,5}", codes[0])))
    page.click(".quiz-report__add")
    expect(page.locator(".quiz-report__status")).to_have_text(s["report_status"].format(count=30))
    # The report's order: the files as given, the early file's place taken by that participant's code, then the
    # codes, the one typed last.
    order = list(range(15)) + [early] + [n for n in range(16, 30) if n != early] + [15]
    in_order = [handed[n] for n in order]
    third = people[3]["nickname"] or s["report_anonymous"].format(n=sum(1 for p in people[:4] if not p["nickname"]))
    code_of_early = s["report_code_n"].format(n=early - 15) + f" ({codes[early - 15][:12]}…)"
    return {"expected": expected_report(page_layout, in_order), "layout": page_layout, "people": in_order,
            "skipped": {
                "p03-again.json": s["report_duplicate"].format(other=third),
                f"p{early}-early.json": s["report_duplicate"].format(other=code_of_early),
                "notes.txt": s["report_not_results"], "photo.json": s["report_not_results"], "empty.json": s["report_not_results"],
                "other-site.json": s["report_not_results"], "old-version.json": s["report_foreign"],
                "edited.json": s["report_damaged"], "huge.json": s["report_too_large"].format(size=500)},
            "bad_codes": [s["report_mistyped"], s["report_not_code"], s["report_foreign"]]}


@pytest.mark.parametrize("lang", PREFIX)
def test_the_class_report_shows_a_class_of_30(real_site, phone, lang):
    server, site = real_site
    requests = []
    seen = watch(phone, server.url)
    loaded = load_class(phone, server, site, lang, requests)
    expected, s = loaded["expected"], strings_for(lang)

    assert phone.eval_on_selector_all(".quiz-report__summary dd", "dds => dds.map(d => d.textContent)") == \
        [str(v) for v in expected["summary"][:3]] + expected["summary"][3:]
    assert table_rows(phone, 0) == expected["lessons"]
    assert table_rows(phone, 1) == expected["questions"]
    separator = phone.evaluate("(lang) => new Intl.NumberFormat(lang).format(1.5).charAt(1)", lang)
    assert table_rows(phone, 2) == [row[:3] + [one_decimal(v, separator) for v in row[3:]] for row in expected["statements"]]
    people = table_rows(phone, 3)
    assert len(people) == 30
    assert [row[0] for row in people if not row[0].startswith(s["report_anonymous"].format(n=""))] == \
        [p["nickname"] for p in loaded["people"] if p["nickname"]]

    # Every bad file and code is named, with its reason; nothing else is lost.
    skipped = phone.eval_on_selector_all(".quiz-report__skipped li", "items => items.map(i => i.textContent)")
    for source, reason in loaded["skipped"].items():
        assert f"{source}: {reason}" in skipped, (source, skipped)
    for reason in loaded["bad_codes"]:
        assert any(item.endswith(reason) for item in skipped), (reason, skipped)
    assert len(skipped) == len(loaded["skipped"]) + len(loaded["bad_codes"])
    assert table_problems(phone) == []
    assert requests == [], requests  # the files and codes were read here: nothing was sent or fetched
    assert not seen["errors"], seen["errors"]

    # The CSV: one row per participant, with every value by id.
    with phone.expect_download() as download:
        phone.click(".quiz-report__csv")
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("\ufeff") and download.value.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [row["source"] for row in rows[:15]] == [f"p{n:02d}.json" for n in range(15)]
    assert rows[15]["source"].startswith(s["report_code_n"].format(n=6) + " (hr1")  # the code that replaced a file
    assert [[row["knowledge-check:before:percent"], row["knowledge-check:after:percent"]] for row in rows] == expected["percents"]
    for row, person in zip(rows, loaded["people"]):
        for phase, values in person["results"]["knowledge-check"].items():
            assert row[f"knowledge-check:kc-odds:{phase}"] == str(int(values["kc-odds"]))  # true or false: 0 or 1
        for phase, values in person["results"]["attitudes"].items():
            assert row[f"attitudes:carry-naloxone:{phase}"] == str(values["carry-naloxone"])
    assert requests == [], requests


def test_a_nickname_cannot_run_in_a_spreadsheet(real_site, browser):
    """Also: the report arrives by instant navigation (from the trainer's guide, the page before it), where the
    browser runs the page's scripts as they arrive: here report.js arrives before quiz.js, and still works.
    (Service workers blocked, as with a phone's data saver: the page then asks the network for each script.)"""
    server, site = real_site
    page_layout = layout(site, "training/class-report.html")
    person = make_class(page_layout)[1]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    phone = context.new_page()
    try:
        phone.goto(server.url + "training/trainers-guide.html")
        phone.evaluate("window.sameDocument = true")
        held = []
        phone.route(re.compile(r"/assets/quiz/quiz\.\w+\.js$"), lambda route: held.append(route))  # quiz.js waits
        with phone.expect_event("requestfinished", lambda r: "/assets/quiz/report." in r.url):
            phone.click(".md-footer__link--next")
        phone.wait_for_url(re.compile(r"/training/class-report\.html$"))
        assert len(held) == 1
        held[0].continue_()  # now quiz.js
        assert phone.evaluate("window.sameDocument") is True  # no page load: Material swapped the content in
        report_ready(phone)
        phone.fill(".quiz-report__codes", fmt.code(page_layout, person["participant"], '=HYPERLINK("http://x","y")', person["results"]))
        phone.click(".quiz-report__add")
        assert '=HYPERLINK("http://x","y")' in phone.inner_text(".quiz-report__tables")  # shown as text, never as markup
        with phone.expect_download() as download:
            phone.click(".quiz-report__csv")
        row = next(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8")[1:])))
        assert row["nickname"] == "'=HYPERLINK(\"http://x\",\"y\")" and row["participant"].startswith("'=")
    finally:
        context.close()


def signed_file(file: dict) -> bytes:
    """A results file with its checksum written again: what someone who edits a file by hand can do."""
    file = {key: value for key, value in file.items() if key != "checksum"}
    file["checksum"] = f"crc32:{zlib.crc32(fmt.stringify(file).encode('utf-8')):08x}"
    return json.dumps(file, ensure_ascii=False).encode("utf-8")


def test_forged_files_and_codes_are_named_and_change_nothing(real_site, phone):
    """A results file or code is untrusted input: a file with a valid checksum but fields the checks never write
    (an unknown bank or question, __proto__, a score out of range, a nickname too long or with marks that reorder
    text, markup) is named with the field that is wrong; markup is shown as text and never runs; the reader's own
    results in this browser stay as they were; the good file stays in the report."""
    server, site = real_site
    page_layout = layout(site, "training/class-report.html")
    person = make_class(page_layout)[3]
    phone.goto(server.url + "training/class-report.html")
    report_ready(phone)
    phone.evaluate("localStorage.setItem('hr-quiz-progress-v1', JSON.stringify({banks: {'lesson-1': {best: 40, passed: false}}}))")
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    good = fmt.results_file(page_layout, "0000aaaa", "<img src=x onerror=alert(1)>", person["results"])

    def forged(change) -> bytes:
        file = json.loads(json.dumps(good))
        change(file)
        return signed_file(file)

    first_question = page_layout["banks"][0]["questions"][0]["id"]
    cases = {  # file name: (its content, the field the report names)
        "unknown-bank.json": (forged(lambda f: f["results"].update({"lesson-9": {}})), "results.lesson-9"),
        "proto.json": (forged(lambda f: f["results"].update({"__proto__": {"before": {"questions": {}}}})),
                       "results.__proto__"),
        "phase.json": (forged(lambda f: f["results"]["knowledge-check"].update({"during": {"questions": {}}})),
                       "results.knowledge-check.during"),
        "question.json": (forged(lambda f: f["results"]["knowledge-check"]["before"]["questions"].update(
            {"kc-invented": {"answer": [], "score": 1}})), "results.knowledge-check.before.questions.kc-invented"),
        "score.json": (forged(lambda f: f["results"]["knowledge-check"]["before"]["questions"][first_question].update(
            {"score": 7})), f"results.knowledge-check.before.questions.{first_question}"),
        "point.json": (forged(lambda f: f["results"]["attitudes"]["before"]["questions"]["carry-naloxone"].update(
            {"answer": ["9"]})), "results.attitudes.before.questions.carry-naloxone"),
        "long-name.json": (forged(lambda f: f.update({"nickname": "N" * 41})), "nickname"),
        "bidi-name.json": (forged(lambda f: f.update({"nickname": "Nino\u202eonin"})), "nickname"),
        "participant.json": (forged(lambda f: f.update({"participant": "../../x"})), "participant"),
    }
    files = [{"name": "good.json", "mimeType": "application/json", "buffer": json.dumps(good).encode("utf-8")}]
    files += [{"name": name, "mimeType": "application/json", "buffer": data} for name, (data, _) in cases.items()]
    phone.set_input_files(".quiz-report__files", files)
    s = strings_for("en")
    expect(phone.locator(".quiz-report__status")).to_have_text(s["report_status"].format(count=1))
    long_code = fmt.code(page_layout, "0000bbbb", "", person["results"]) + "q" * 2000
    bidi_code = fmt.code(page_layout, "0000cccc", "Nino\u202eonin", person["results"])
    phone.fill(".quiz-report__codes", long_code + "\n" + bidi_code)
    phone.click(".quiz-report__add")
    expect(phone.locator(".quiz-report__skipped li")).to_have_count(len(cases) + 2)
    skipped = phone.eval_on_selector_all(".quiz-report__skipped li", "items => items.map(i => i.textContent)")
    for name, (_, field) in cases.items():
        assert f"{name}: {s['report_bad_field'].format(field=field)}" in skipped, (name, skipped)
    assert skipped[-2].endswith(s["report_code_too_long"].format(size=2000))
    assert skipped[-1].endswith(s["report_bad_field"].format(field="nickname"))
    # The good file's nickname is shown as the text it is; nothing ran, the reader's own results are unchanged.
    assert "<img src=x onerror=alert(1)>" in phone.inner_text(".quiz-report__tables")
    assert phone.locator(".quiz-report img").count() == 0 and dialogs == []
    assert phone.evaluate("localStorage.getItem('hr-quiz-progress-v1')") == \
        json.dumps({"banks": {"lesson-1": {"best": 40, "passed": False}}}, separators=(",", ":"))
    assert phone.evaluate("({}).before") is None  # no prototype was touched


def test_the_class_report_prints_on_a4(real_site, browser):
    server, site = real_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        load_class(page, server, site, "ka")
        page.emulate_media(media="print")
        for hidden in (".quiz-report__inputs", ".quiz-report__actions", ".md-header", ".md-sidebar--primary", ".md-footer"):
            assert page.locator(hidden).first.is_hidden(), hidden
        assert page.eval_on_selector_all(".quiz-report__tables table", "ts => ts.map(t => getComputedStyle(t).display)") == ["table"] * 4
        pdf = page.pdf(format="A4")
        assert 2 <= len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf)) <= 12
        # Nothing is cut at the page's edge: the printed tables fit the A4 width (210 mm less 2 × 15 mm margins).
        page.set_viewport_size({"width": 680, "height": 900})  # 180 mm at 96 px per inch
        widths = page.eval_on_selector_all(".quiz-report__tables table", "ts => ts.map(t => t.getBoundingClientRect().right)")
        assert max(widths) <= 680, widths
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ka"])
def test_axe_finds_no_violations_on_the_class_report(real_site, phone, lang):
    from axe_playwright_python.sync_playwright import Axe
    server, site = real_site
    load_class(phone, server, site, lang)
    results = Axe().run(phone, context={"include": [[".quiz-report"]]})
    assert results.violations_count == 0, results.generate_report()
