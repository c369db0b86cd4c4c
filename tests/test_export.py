"""Exports for Moodle: every real bank in every language, read back the way Moodle's importers read them.

`read_moodle_xml` follows qformat_xml (moodle/moodle question/format/xml/format.php) and the checks of
question/format.php (`importprocess`: grades must be among `question_bank::fraction_options_full()`);
`read_gift` follows qformat_gift::readquestion (question/format/gift/format.php). Both return questions in one
shape, compared with what the bank model says each question must become.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pytest

from quiz_plugin.cli import export, load_checked
from quiz_plugin.errors import BankError
from quiz_plugin.export_common import ExportText, accepted_answers, is_moodle_fraction, option_fractions
from quiz_plugin.export_gift import bank_to_gift
from quiz_plugin.export_moodle import bank_to_moodle_xml
from quiz_plugin.loader import load_bank_text

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://training.example.org/police/"

# Moodle's grade fractions (question/engine/bank.php), written out again here as the importer's reference.
GRADES = {1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
          0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0}
GRADES |= {-grade for grade in GRADES}
TEXT_FORMATS = {"html", "moodle_auto_format", "plain_text", "markdown", "wiki_like"}


def is_grade(fraction: float) -> bool:
    return any(abs(fraction - grade) < 0.00001 for grade in GRADES)  # match_grade_options(..., 'error')


# --- What each bank question must become in Moodle, from the model ------------------------------------------

def expected_questions(bank, text: ExportText) -> list[dict]:
    found = []
    for q in bank.questions:
        if q.type == "scenario":
            found.append(question("description", q.id, text.block(q.scenario), text.block(q.explanation)))
            found += [expected_question(inner, text) for inner in q.questions]
        else:
            found.append(expected_question(q, text))
    return found


def question(kind, name, html, feedback, answers=(), subquestions=(), single=None) -> dict:
    return {"type": kind, "name": name, "text": html, "generalfeedback": feedback, "answers": list(answers),
            "subquestions": list(subquestions), "single": single}


def expected_question(q, text: ExportText) -> dict:
    prompt, feedback = text.block(q.prompt), text.block(q.explanation)
    if q.type in ("single", "multiple"):
        right = sum(o.correct for o in q.options)
        if q.type == "single":
            fractions = [1.0 if o.correct else 0.0 for o in q.options]
        else:  # the site's partial credit: +1/n for each right option ticked, -1/n for each wrong one
            fractions = [(1 if o.correct else -1) / right for o in q.options]
        answers = [(text.inline(o.text), round(f, 5), text.inline(o.feedback)) for o, f in zip(q.options, fractions)]
        return question("multichoice", q.id, prompt, feedback, answers, single=q.type == "single")
    if q.type == "true-false":
        answers = [("true", 1.0 if q.answer else 0.0, ""), ("false", 0.0 if q.answer else 1.0, "")]
        return question("truefalse", q.id, prompt, feedback, answers)
    if q.type == "text":
        return question("shortanswer", q.id, prompt, feedback, [(a, 1.0, "") for a in accepted_answers(q.accept)])
    if q.type == "match":
        pairs = [(text.inline(i.left), text.plain(i.right)) for i in q.items]
        return question("matching", q.id, prompt, feedback, subquestions=pairs)
    if q.type == "order":  # as matching: each item with its position
        pairs = [(text.inline(i.text), str(n)) for n, i in enumerate(q.items, 1)]
        return question("matching", q.id, prompt, feedback, subquestions=pairs)
    raise AssertionError(q.type)


# --- Moodle XML, read as qformat_xml reads it ---------------------------------------------------------------

def read_moodle_xml(data: bytes) -> tuple[str, list[dict], list[str]]:
    """The category, the questions and every problem Moodle's importer would meet."""
    root = ElementTree.fromstring(data)  # raises on a file that is not well formed
    problems = []
    if root.tag != "quiz":
        problems.append(f"root is <{root.tag}>, Moodle reads <quiz>")
    category, questions = "", []
    for index, node in enumerate(root):
        if node.tag != "question":
            problems.append(f"<{node.tag}> directly under <quiz> is ignored")
            continue
        kind = node.get("type")
        if kind == "category":
            category = (node.findtext("category/text") or "").strip()
            if index != 0:
                problems.append("the category does not come first")
            continue

        def text_of(element, path, what):
            found = element.find(path)
            if found is None or found.find("text") is None:
                problems.append(f"{kind}: missing {what}")
                return ""
            if found.get("format", "html") not in TEXT_FORMATS:
                problems.append(f"{kind}: unknown format {found.get('format')!r} on {what}")
            return (found.findtext("text") or "").strip()

        name = (node.findtext("name/text") or "").strip()
        if not name:
            problems.append(f"{kind}: no name (xmlimportnoname)")
        if node.find("questiontext") is not None and node.find("questiontext").get("format") != "html":
            problems.append(f"{name}: question text is not format=html")
        entry = question(kind, name, text_of(node, "questiontext", "questiontext"),
                         text_of(node, "generalfeedback", "generalfeedback"))
        entry["idnumber"] = node.findtext("idnumber")
        answers = node.findall("answer")
        for answer in answers:
            fraction = float(answer.get("fraction", "0")) / 100
            if not is_grade(fraction):
                problems.append(f"{name}: grade {answer.get('fraction')} is not one of Moodle's (invalidgrade)")
            feedback = answer.find("feedback")
            entry["answers"].append(((answer.findtext("text") or "").strip(), round(fraction, 5),
                                     (feedback.findtext("text") or "").strip() if feedback is not None else ""))
        fractions = [a[1] for a in entry["answers"]]
        if kind == "multichoice":
            entry["single"] = (node.findtext("single") or "true").strip() not in ("false", "0", "")
            entry["shuffle"] = node.findtext("shuffleanswers")
            if len(answers) < 2:
                problems.append(f"{name}: fewer than 2 answers")
            if any(a.get("format") != "html" for a in answers):
                problems.append(f"{name}: an answer is not format=html")
            if entry["single"] and (fractions.count(1.0) != 1 or max(fractions) != 1.0):
                problems.append(f"{name}: a single-choice question needs exactly one answer worth 100 (fractionsnomax)")
            if not entry["single"] and round(sum(f for f in fractions if f > 0), 2) != 1:
                problems.append(f"{name}: the positive grades do not add up to 100 (fractionsaddwrong)")
        elif kind == "truefalse":
            texts = sorted(a[0] for a in entry["answers"])
            if texts != ["false", "true"] or sorted(fractions) != [0.0, 1.0]:
                problems.append(f"{name}: true/false needs answers 'true' and 'false', one worth 100")
        elif kind == "shortanswer":
            entry["usecase"] = node.findtext("usecase")
            if 1.0 not in fractions:
                problems.append(f"{name}: no answer worth 100")
        elif kind == "matching":
            for sub in node.findall("subquestion"):
                left, right = (sub.findtext("text") or "").strip(), (sub.findtext("answer/text") or "").strip()
                if sub.get("format") != "html" or not left or not right:
                    problems.append(f"{name}: a subquestion lacks format=html, text or answer")
                entry["subquestions"].append((left, right))
            rights = [right for _, right in entry["subquestions"]]
            if len(rights) < 2 or len(set(rights)) != len(rights):
                problems.append(f"{name}: matching needs 2 or more subquestions with distinct answers")
        elif kind == "description":
            if answers:
                problems.append(f"{name}: a description has no answers")
        else:
            problems.append(f"{name}: question type {kind!r} is not one Moodle core imports")
        questions.append(entry)
    return category, questions, problems


# --- GIFT, read as qformat_gift reads it --------------------------------------------------------------------

_ESCAPES = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;", "\\}": "&&125;", "\\~": "&&126;", "\\n": "&&010"}
_CHARS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}", "&&126;": "~", "&&010": "\n"}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, char in _CHARS.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    fmt = default
    if text.startswith("["):
        end = text.index("]")
        if text[1:end] in ("moodle", "html", "plain", "markdown"):
            fmt, text = text[1:end], text[end + 1:]
    return _post(text).strip(), fmt


def _weight(answer: str) -> tuple[float, str]:
    answer = answer[1:]
    end = answer.index("%")
    return float(answer[:end]) / 100, answer[end + 1:]


def read_gift(source: str) -> tuple[str, list[dict], list[str]]:
    blocks, current = [], []
    for line in source.split("\n") + [""]:
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    category, questions, problems = "", [], []
    for lines in blocks:
        text = "\n".join(" " if line.startswith("//") else line for line in lines).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = text[10:].strip()
            continue
        name = ""
        if text.startswith("::"):
            end = text.index("::", 2)
            name, text = _post(text[2:end]), text[end + 2:].strip()
        start, finish = text.find("{"), text.find("}")
        if start == -1 and finish == -1:
            body, fmt = _with_format(text, "moodle")
            questions.append(question("description", name, body, ""))
            questions[-1]["format"] = fmt
            continue
        if start == -1 or finish == -1 or not text.endswith("}"):
            problems.append(f"{name}: braces (braceerror) or a missing-word question")
            continue
        answertext = text[start + 1:finish].strip()
        questiontext = text[:start] + text[finish + 1:]
        generalfeedback = ""
        if "####" in answertext:
            cut = answertext.rindex("####")
            generalfeedback, answertext = answertext[cut + 4:], answertext[:cut].strip()
        body, fmt = _with_format(questiontext, "moodle")
        entry = question(None, name, body, _with_format(generalfeedback, fmt)[0])
        entry["format"] = fmt
        if fmt != "html":
            problems.append(f"{name}: not marked [html]")
        if "~" in answertext:
            entry["type"], entry["single"] = "multichoice", "=" in answertext
            parts = [part.strip() for part in answertext.replace("=", "~=").split("~")]
            for part in (p for p in parts if p):
                if part.startswith("="):
                    fraction, part = 1.0, part[1:]
                elif _WEIGHT.match(part):
                    fraction, part = _weight(part)
                else:
                    fraction = 0.0
                answer, feedback = (part.split("#", 1) + [""])[:2]
                entry["answers"].append((_with_format(answer.strip(), fmt)[0], round(fraction, 5),
                                         _with_format(feedback.strip(), fmt)[0]))
                if not is_grade(fraction):
                    problems.append(f"{name}: grade {fraction} is not one of Moodle's")
            if len(entry["answers"]) < 2:
                problems.append(f"{name}: fewer than 2 answers (importminerror)")
        elif "=" in answertext and "->" in answertext:
            entry["type"] = "matching"
            for part in (p.strip() for p in answertext.split("=") if p.strip()):
                if "->" not in part:
                    problems.append(f"{name}: a matching answer without '->' (giftmatchingformat)")
                    continue
                left, right = part.split("->", 1)
                entry["subquestions"].append((_with_format(left.strip(), fmt)[0], _post(right).strip()))
        elif answertext.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
            entry["type"] = "truefalse"
            value = answertext.split("#", 1)[0].strip() in ("T", "TRUE")
            entry["answers"] = [("true", 1.0 if value else 0.0, ""), ("false", 0.0 if value else 1.0, "")]
        elif answertext:
            entry["type"] = "shortanswer"
            for part in (p.strip() for p in answertext.split("=") if p.strip()):
                fraction = 1.0
                if _WEIGHT.match(part):
                    fraction, part = _weight(part)
                answer = part.split("#", 1)[0]
                entry["answers"].append((_with_format(answer.strip(), fmt)[0], round(fraction, 5), ""))
        else:
            problems.append(f"{name}: empty answers make an essay question")
        questions.append(entry)
    return category, questions, problems


# --- The real banks, every language --------------------------------------------------------------------------

LOADED, PROBLEMS = load_checked(ROOT / "docs")
REAL_BANKS = sorted(LOADED)


def test_the_real_banks_load():
    assert PROBLEMS == []
    assert {language for language, _ in REAL_BANKS} == {"en", "ka", "ru"}


def common(entry: dict) -> dict:
    """The parts both formats carry."""
    keep = ("type", "name", "text", "answers", "subquestions", "single")
    result = {key: entry[key] for key in keep}
    if entry["type"] != "description":  # GIFT has no feedback on a description
        result["generalfeedback"] = entry["generalfeedback"]
    return result


@pytest.mark.parametrize("language, bank_id", REAL_BANKS, ids=[f"{lang}-{bank}" for lang, bank in REAL_BANKS])
def test_moodle_xml_is_what_moodle_imports(language, bank_id):
    bank = LOADED[language, bank_id]
    text = ExportText(language, site_url=SITE)
    xml = bank_to_moodle_xml(bank, text, bank.path).encode("utf-8")
    category, questions, problems = read_moodle_xml(xml)
    assert problems == []
    assert category == f"$course$/{bank.title.replace('/', '//')}"
    expected = expected_questions(bank, text)
    assert [common(q) for q in questions] == [common(q) for q in expected]
    assert [q["idnumber"] for q in questions] == [f"{bank_id}/{q['name']}" for q in expected]
    assert {q["shuffle"] for q in questions if q["type"] == "multichoice"} <= {"true" if bank.shuffle_options else "false"}
    assert {q["usecase"] for q in questions if q["type"] == "shortanswer"} <= {"0"}


@pytest.mark.parametrize("language, bank_id", REAL_BANKS, ids=[f"{lang}-{bank}" for lang, bank in REAL_BANKS])
def test_gift_round_trips(language, bank_id):
    bank = LOADED[language, bank_id]
    text = ExportText(language, site_url=SITE)
    category, questions, problems = read_gift(bank_to_gift(bank, text, bank.path))
    assert problems == []
    assert category == f"$course$/{bank.title.replace('/', '//')}"
    assert [common(q) for q in questions] == [common(q) for q in expected_questions(bank, text)]


def test_export_keeps_the_words_and_links_of_a_real_question():
    bank = LOADED["ka", "lesson-3"]
    _, questions, _ = read_gift(bank_to_gift(bank, ExportText("ka", site_url=SITE)))
    triad = next(q for q in questions if q["name"] == "overdose-triad")
    assert "რომელი სამი ნიშანი მიუთითებს ერთად ოპიოიდებით ზედოზირებაზე?" in triad["text"]
    assert f'href="{SITE}ka/training/lesson-3.html#overdose-signs"' in triad["generalfeedback"]
    assert [a[1] for a in triad["answers"]] == [1.0, 0.0, 0.0]
    english = read_moodle_xml(bank_to_moodle_xml(LOADED["en", "lesson-3"], ExportText("en")).encode())[1]
    assert 'href="training/lesson-3.html#overdose-signs"' in english[1]["generalfeedback"]  # relative without a site URL


# --- A bank written to break escaping --------------------------------------------------------------------------

TRICKY = r"""
id: tricky
title: "Tricky / {braces} ~ = # : quiz"
questions:
  - id: symbols
    type: single
    prompt: "Which is right? ]]> <script>alert(1)</script> & {a} ~b =c #d :e \\f\n\nA second paragraph, ნალოქსონი, налоксон."
    options:
      - {id: a, text: "[html] starts like a format", correct: true, feedback: "Yes ]]> # = ~ }"}
      - {id: b, text: "%50% starts like a weight", feedback: "No {x}"}
      - {id: c, text: "Not\uFFFEa character"}
    explanation: "See [the lesson](../training/lesson-3.md#naloxone) and [WHO](https://www.who.int/)."
  - id: three-right
    type: multiple
    prompt: "Pick three"
    options:
      - {id: a, text: "A", correct: true}
      - {id: b, text: "B", correct: true}
      - {id: c, text: "C #3", correct: true, feedback: "Yes #3"}
      - {id: d, text: "D = wrong", feedback: "not #1 = this"}
  - id: percent-right
    type: single
    prompt: "Which share?"
    options: [{id: a, text: "%25% of cases", correct: true}, {id: b, text: "None"}]
  - {id: typed, type: text, prompt: "Type", accept: ["Ёлка", "ёлка", "a*b", "x = y", "]]> <b>", "%10%"]}
  - id: pairs
    type: match
    prompt: "Match"
    pairs:
      - {id: a, left: "**Bold** -> arrow", right: "*Right* {1}"}
      - {id: b, left: "Plain", right: "Other: ~2"}
  - id: steps
    type: order
    prompt: "Order"
    items: [{id: one, text: "First #1"}, {id: two, text: "Second: ]]>"}]
  - id: vignette
    type: scenario
    scenario: "A vignette with {braces}.\n\nTwo paragraphs."
    questions:
      - {id: inside, type: true-false, prompt: "True?", answer: false, explanation: "No: \\ backslash."}
"""


def tricky_bank():
    return load_bank_text(TRICKY, "docs/en/quizzes/tricky.yml", expected_id="tricky")


def test_escaping_survives_moodle_xml():
    bank, text = tricky_bank(), ExportText("en", site_url=SITE)
    xml = bank_to_moodle_xml(bank, text, bank.path)
    category, questions, problems = read_moodle_xml(xml.encode("utf-8"))
    assert problems == []
    assert category == "$course$/Tricky // {braces} ~ = # : quiz"
    expected = [common(q) for q in expected_questions(bank, text)]
    expected[0]["answers"][2] = ("Nota character", 0.0, "")  # XML 1.0 cannot hold U+FFFE: it is dropped
    assert [common(q) for q in questions] == expected
    assert "<script" not in questions[0]["text"] and "&lt;script&gt;" in questions[0]["text"]  # shown, never run
    assert "]]> <b>" in [answer for answer, _, _ in questions[3]["answers"]]  # a CDATA end inside a CDATA section
    assert "]]]]><![CDATA[>" in xml


def test_escaping_survives_gift():
    bank, text = tricky_bank(), ExportText("en", site_url=SITE)
    category, questions, problems = read_gift(bank_to_gift(bank, text))
    assert problems == []
    assert category == "$course$/Tricky // {braces} ~ = # : quiz"
    assert [common(q) for q in questions] == [common(q) for q in expected_questions(bank, text)]
    assert questions[1]["answers"][3] == ("D = wrong", -0.33333, "not #1 = this")
    assert questions[2]["answers"] == [("%25% of cases", 1.0, ""), ("None", 0.0, "")]
    assert questions[3]["answers"] == [("Ёлка", 1.0, ""), ("Елка", 1.0, ""), ("a\\*b", 1.0, ""), ("x = y", 1.0, ""),
                                         ("]]> <b>", 1.0, ""), ("%10%", 1.0, "")]


def test_gift_refuses_a_short_answer_it_cannot_hold():
    bank = load_bank_text("id: demo\ntitle: Demo\nquestions:\n  - {id: arrow, type: text, prompt: P, accept: [a -> b]}\n",
                          "docs/en/quizzes/demo.yml", expected_id="demo")
    with pytest.raises(BankError) as caught:
        bank_to_gift(bank, ExportText("en"))
    assert str(caught.value).startswith("docs/en/quizzes/demo.yml:4: question 'arrow': the accepted answer 'a -> b'")
    assert read_moodle_xml(bank_to_moodle_xml(bank, ExportText("en")).encode())[1][0]["answers"] == [("a -> b", 1.0, "")]


# Columns: number of right options, number of wrong options, the grade of a right and of a wrong option (None: refused).
FRACTIONS = [
    (1, 2, 1.0, -1.0),
    (2, 2, 0.5, -0.5),
    (3, 1, 0.3333333, -0.3333333),
    (6, 1, 0.1666667, -0.1666667),
    (7, 1, 0.1428571, -0.1428571),
    (9, 1, 0.1111111, -0.1111111),
    (10, 1, 0.1, -0.1),
    (11, 1, None, None),
    (20, 1, 0.05, -0.05),
]


@pytest.mark.parametrize("right, wrong, right_grade, wrong_grade", FRACTIONS)
def test_partial_credit_uses_moodles_grades(right, wrong, right_grade, wrong_grade):
    options = "".join(f"      - {{id: r{i}, text: R{i}, correct: true}}\n" for i in range(right))
    options += "".join(f"      - {{id: w{i}, text: W{i}}}\n" for i in range(wrong))
    text = f"id: demo\ntitle: Demo\nquestions:\n  - id: many\n    type: multiple\n    prompt: P\n    options:\n{options}"
    bank = load_bank_text(text, "docs/en/quizzes/demo.yml", expected_id="demo")
    if right_grade is None:
        with pytest.raises(BankError) as caught:
            bank_to_moodle_xml(bank, ExportText("en"))
        message = str(caught.value)
        assert message.startswith("docs/en/quizzes/demo.yml:4: question 'many': Moodle cannot give partial credit of 1/11")
        return
    fractions = option_fractions(bank, bank.questions[0])
    assert all(is_moodle_fraction(f) and is_grade(f) for f in fractions)
    assert fractions[0] == pytest.approx(right_grade, abs=1e-5) and fractions[-1] == pytest.approx(wrong_grade, abs=1e-5)
    assert read_moodle_xml(bank_to_moodle_xml(bank, ExportText("en")).encode())[2] == []


# --- The command line ---------------------------------------------------------------------------------------

def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "quiz_plugin", "export", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


@pytest.mark.parametrize("fmt, suffix", [("moodle-xml", ".xml"), ("gift", ".gift")])
def test_cli_writes_every_bank_per_language(tmp_path, fmt, suffix):
    result = run_cli("--format", fmt, "--out", str(tmp_path / "out"), "--site-url", SITE, "docs")
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob(f"*{suffix}"))
    assert written == sorted(f"{lang}/{bank}{suffix}" for lang, bank in REAL_BANKS)
    assert f"{len(REAL_BANKS)} banks written as {fmt}" in result.stdout
    assert (tmp_path / "out" / "ru" / f"lesson-5{suffix}").as_posix() in result.stdout
    assert "relative" not in result.stderr
    georgian = (tmp_path / "out" / "ka" / f"lesson-1{suffix}").read_text(encoding="utf-8")
    assert LOADED["ka", "lesson-1"].title in georgian


def test_cli_without_site_url_says_links_are_relative(tmp_path):
    result = run_cli("--format", "gift", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "pass --site-url" in result.stderr


def test_cli_refuses_a_bad_bank_and_writes_nothing(tmp_path):
    banks = tmp_path / "docs" / "en" / "quizzes"
    banks.mkdir(parents=True)
    (banks / "good.yml").write_text("id: good\ntitle: Good\nquestions:\n  - {id: q1, type: true-false, prompt: P, answer: true}\n")
    (banks / "bad.yml").write_text("id: bad\ntitle: Bad\nquestions:\n  - id: q1\n    type: single\n    prompt: P\n")
    result = run_cli("--format", "moodle-xml", "--out", "out", "docs", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/en/quizzes/bad.yml:4: question 'q1': missing field 'options'" in result.stderr
    assert not (tmp_path / "out").exists()


# --- Links lead to real sections of the built site --------------------------------------------------------

def test_exported_links_open_the_right_section(real_site, tmp_path):
    server, _ = real_site
    written, problems, _ = export(ROOT / "docs", "moodle-xml", tmp_path, site_url=server.url)
    assert problems == []
    links = set()
    for path in written:
        for q in read_moodle_xml(path.read_bytes())[1]:
            html = " ".join([q["text"], q["generalfeedback"]] + [a[0] + a[2] for a in q["answers"]])
            links |= set(re.findall(r'href="([^"]+)"', html))
    local = sorted(link for link in links if link.startswith(server.url))
    assert len(local) > 50 and not [link for link in links if not link.startswith(("http://", "https://"))]
    pages = {}
    for link in local:
        page, _, anchor = link.partition("#")
        if page not in pages:
            with urllib.request.urlopen(page) as response:
                pages[page] = response.read().decode("utf-8")
        assert not anchor or f'id="{anchor}"' in pages[page], link
