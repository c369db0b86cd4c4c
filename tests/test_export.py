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
import unicodedata
import urllib.request
from html import escape
from pathlib import Path
from xml.etree import ElementTree

import pytest

from quiz_plugin.cli import export, load_checked
from quiz_plugin.errors import BankError
from quiz_plugin.export_common import ExportText, accepted_answers, export_items, is_moodle_fraction, option_fractions
from quiz_plugin.export_gift import bank_to_gift
from quiz_plugin.export_moodle import bank_to_feedback_xml, bank_to_moodle_xml
from quiz_plugin.loader import load_bank_text
from quiz_plugin.normalise import normalise
from quiz_plugin.strings import strings_for

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # citations/ is the site's own code, not an installed package
from citations.cite import find_citations  # noqa: E402
from citations.export import ExportCitations  # noqa: E402
from citations.loader import load_registry  # noqa: E402
from citations.render import LABELS, short_reference  # noqa: E402

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
    """A scenario is a description and then its questions; in a bank with `draw`, its questions alone, each
    carrying the vignette (see test_a_drawn_scenario_stays_whole)."""
    found = []
    for q in bank.questions:
        if q.type == "scenario" and not bank.draw:
            found.append(question("description", q.id, text.block(q.scenario), text.feedback(q)))
            found += [expected_question(inner, text) for inner in q.questions]
        elif q.type == "scenario":
            for inner in q.questions:
                found.append(expected_question(inner, text))
                found[-1]["text"] = text.block(q.scenario + "\n\n" + inner.prompt)
        else:
            found.append(expected_question(q, text))
    return found


def question(kind, name, html, feedback, answers=(), subquestions=(), single=None) -> dict:
    return {"type": kind, "name": name, "text": html, "generalfeedback": feedback, "answers": list(answers),
            "subquestions": list(subquestions), "single": single}


def expected_question(q, text: ExportText) -> dict:
    prompt, feedback = text.block(q.prompt), text.feedback(q)
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
        entry["tags"] = [tag.findtext("text") for tag in node.findall("tags/tag")]
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
        comment = "\n".join(line for line in lines if line.startswith("//"))
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
        idnumber = re.search(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]", comment)
        meta = {"idnumber": idnumber.group(1).strip().replace("\\]", "]") if idnumber else "",
                "tags": [tag.strip() for tag in re.findall(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f])+)\]", comment)]}
        if start == -1 and finish == -1:
            body, fmt = _with_format(text, "moodle")
            questions.append(question("description", name, body, ""))
            questions[-1].update(format=fmt, **meta)
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
        entry.update(format=fmt, **meta)
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
# The site's export writes its citations ([@key]) from the registry, as tools/export.py does.
REGISTRY = load_registry(ROOT / "data" / "sources.yml", "data/sources.yml")
CITATIONS = ExportCitations(REGISTRY)
REAL_BANKS = sorted(key for key, bank in LOADED.items() if not bank.questionnaire)
QUESTIONNAIRES = sorted(key for key, bank in LOADED.items() if bank.questionnaire)


def test_the_real_banks_load():
    assert PROBLEMS == []
    assert {language for language, _ in REAL_BANKS} == {"en", "ka", "ru"}
    assert QUESTIONNAIRES == [("en", "attitudes"), ("ka", "attitudes"), ("ru", "attitudes")]


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
    text = ExportText(language, site_url=SITE, citations=CITATIONS)
    xml = bank_to_moodle_xml(bank, text, bank.path).encode("utf-8")
    category, questions, problems = read_moodle_xml(xml)
    assert problems == []
    assert category == f"$course$/{bank.title.replace('/', '//')}"
    expected = expected_questions(bank, text)
    assert [common(q) for q in questions] == [common(q) for q in expected]
    assert [q["idnumber"] for q in questions] == [f"{bank_id}/{q['name']}" for q in expected]
    assert [q["tags"] for q in questions] == [[q.lesson] if q.lesson else [] for q in export_items(bank)]
    assert {q["shuffle"] for q in questions if q["type"] == "multichoice"} <= {"true" if bank.shuffle_options else "false"}
    assert {q["usecase"] for q in questions if q["type"] == "shortanswer"} <= {"0"}


@pytest.mark.parametrize("language, bank_id", REAL_BANKS, ids=[f"{lang}-{bank}" for lang, bank in REAL_BANKS])
def test_gift_round_trips(language, bank_id):
    bank = LOADED[language, bank_id]
    text = ExportText(language, site_url=SITE, citations=CITATIONS)
    category, questions, problems = read_gift(bank_to_gift(bank, text, bank.path))
    assert problems == []
    assert category == f"$course$/{bank.title.replace('/', '//')}"
    assert [common(q) for q in questions] == [common(q) for q in expected_questions(bank, text)]
    # The ID numbers and tags that Moodle 3.9+ reads from `// [id:...]` and `// [tag:...]`: the same as in the XML.
    xml = read_moodle_xml(bank_to_moodle_xml(bank, text).encode("utf-8"))[1]
    assert [(q["idnumber"], q["tags"]) for q in questions] == [(q["idnumber"], q["tags"]) for q in xml]


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
    typed = [answer for answer, fraction, _ in questions[3]["answers"] if fraction == 1.0]
    assert typed == accepted_answers(bank.questions[3].accept)
    assert {"Ёлка", "Елка", "a\\*b", "x = y", "x  = y", "]]> <b>", "%10%", "%10%."} <= set(typed)


def test_gift_refuses_a_short_answer_it_cannot_hold():
    bank = load_bank_text("id: demo\ntitle: Demo\nquestions:\n  - {id: arrow, type: text, prompt: P, accept: [a -> b]}\n",
                          "docs/en/quizzes/demo.yml", expected_id="demo")
    with pytest.raises(BankError) as caught:
        bank_to_gift(bank, ExportText("en"))
    assert str(caught.value).startswith("docs/en/quizzes/demo.yml:4: question 'arrow': the accepted answer 'a -> b'")
    assert read_moodle_xml(bank_to_moodle_xml(bank, ExportText("en")).encode())[1][0]["answers"][0] == ("a -> b", 1.0, "")


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

def run_cli(*args, cwd=ROOT, command=("quiz_plugin", "export")):
    """The package's export command; `command=SITE_EXPORT` runs the site's (tools/export.py), which writes citations."""
    return subprocess.run([sys.executable, "-m", *command, *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


SITE_EXPORT = ("tools.export",)


# Columns: the format, the suffix of a quiz's file, the suffix of a questionnaire's file (None: not written).
CLI_FORMATS = [("moodle-xml", ".xml", ".feedback.xml"), ("gift", ".txt", None)]


@pytest.mark.parametrize("fmt, suffix, questionnaire_suffix", CLI_FORMATS)
def test_cli_writes_every_bank_per_language(tmp_path, fmt, suffix, questionnaire_suffix):
    result = run_cli("--format", fmt, "--out", str(tmp_path / "out"), "--site-url", SITE, "docs", command=SITE_EXPORT)
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    expected = [f"{lang}/{bank}{suffix}" for lang, bank in REAL_BANKS]
    if questionnaire_suffix:
        expected += [f"{lang}/{bank}{questionnaire_suffix}" for lang, bank in QUESTIONNAIRES]
    assert written == sorted(expected)
    assert f"{len(expected)} banks written as {fmt}" in result.stdout
    assert (tmp_path / "out" / "ru" / f"lesson-5{suffix}").as_posix() in result.stdout
    assert "relative" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "questionnaire" in line]
    assert len(skipped) == (0 if questionnaire_suffix else len(QUESTIONNAIRES)), result.stderr
    assert all("docs/" in line and "--format moodle-xml" in line for line in skipped)
    georgian = (tmp_path / "out" / "ka" / f"lesson-1{suffix}").read_text(encoding="utf-8")
    assert LOADED["ka", "lesson-1"].title in georgian
    # Citations written as references (test_citations_read_as_references_with_their_sources_in_the_feedback)
    cited = [path for path in (tmp_path / "out").rglob("*") if path.is_file() and "[@" in path.read_text("utf-8")]
    assert cited == [] and "citation" not in result.stderr
    assert short_reference(REGISTRY["otiashvili2016"]) in georgian
    # Each file names the command that wrote it: this site's, not the package's.
    written_by = {path.read_text("utf-8").split("Written by ", 1)[1].split(".\n", 1)[0].split(". -->", 1)[0]
                  for path in (tmp_path / "out").rglob("*") if path.is_file()}
    assert written_by == {"python -m tools.export"}
    assert "usage: python -m tools.export " in run_cli("--format", "pdf", command=SITE_EXPORT).stderr


def test_cli_without_site_url_says_links_are_relative(tmp_path):
    result = run_cli("--format", "gift", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Written by python -m quiz_plugin export." in (tmp_path / "en" / "lesson-1.txt").read_text("utf-8")
    assert "pass --site-url" in result.stderr
    # The package alone knows no sources: it says that it wrote this site's citations as they stand.
    assert "texts hold '[@' citation markers, written as they stand" in result.stderr


def test_the_site_export_refuses_an_unknown_source_and_writes_nothing(tmp_path):
    banks = tmp_path / "docs" / "en" / "quizzes"
    banks.mkdir(parents=True)
    (banks / "cites.yml").write_text("id: cites\ntitle: Cites\nquestions:\n  - id: q1\n    type: true-false\n"
                                     "    prompt: P\n    answer: true\n    explanation: As found [@who2041].\n")
    result = run_cli("--format", "gift", "--out", str(tmp_path / "out"), str(tmp_path / "docs"), command=SITE_EXPORT)
    assert result.returncode == 1
    # Named as the loader names it: from the folder that holds the docs folder.
    assert "docs/en/quizzes/cites.yml:8: unknown source key 'who2041' in [@who2041] (did you mean who2014?)" in result.stderr
    assert not (tmp_path / "out").exists()


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
    written, problems, _, _ = export(ROOT / "docs", "moodle-xml", tmp_path, site_url=server.url)
    assert problems == []
    links = set()
    for path in (p for p in written if not p.name.endswith(".feedback.xml")):
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


# --- Typed answers: what the site accepts, Moodle accepts too ------------------------------------------------

def moodle_accepts(response: str, pattern: str) -> bool:
    """qtype_shortanswer_question::compare_string_with_wildcard with "ignore case": both normalised to NFC, the
    pattern split on unescaped runs of '*' (any text), anchored, case-insensitive (PCRE /iu), the response trimmed
    as PHP's trim() does."""
    pattern, response = unicodedata.normalize("NFC", pattern), unicodedata.normalize("NFC", response)
    bits = re.split(r"(?<!\\)\*+", pattern)
    regex = "^" + ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits) + "$"
    return re.match(regex, response.strip(" \t\n\r\0\x0b"), re.I | re.S) is not None


def typed_by_readers(answer: str) -> dict[str, str]:
    """What readers type for an accepted answer, one difference at a time (the review's D1 variants)."""
    typed = {"as written": answer, "full stop": answer + ".", "straight quotes": f'"{answer}"', "guillemets": f"«{answer}»",
             "low quotes": f"„{answer}“", "capitals": answer.upper(), "spaces around": f"  {answer} "}
    for index in (m.start() for m in re.finditer(" ", answer)):
        typed[f"doubled space at {index}"] = answer[:index] + "  " + answer[index + 1:]
    for index in (m.start() for m in re.finditer("[еЕ]", answer)):
        typed[f"ё at {index}"] = answer[:index] + ("ё" if answer[index] == "е" else "Ё") + answer[index + 1:]
    if "ё" in answer:
        typed["е for ё"] = answer.replace("ё", "е")
    return typed


TEXT_QUESTIONS = [pytest.param(LOADED[key], q, id=f"{key[0]}-{q.id}") for key in REAL_BANKS
                  for q in LOADED[key].leaf_questions() if q.type == "text"]


@pytest.mark.parametrize("bank, q", TEXT_QUESTIONS)
def test_moodle_accepts_what_the_site_accepts(bank, q):
    """Every accepted answer of every real bank, typed as readers type it: the site's own rule accepts it, and so
    does Moodle's matcher with the exported answers."""
    exported = accepted_answers(q.accept)
    accepted = {normalise(a) for a in q.accept}
    missed = []
    for answer in q.accept:
        for how, response in typed_by_readers(answer).items():
            assert normalise(response) in accepted, (answer, how)  # the site accepts it
            if not any(moodle_accepts(response, pattern) for pattern in exported):
                missed.append(f"{response!r} ({how})")
    assert missed == [], f"{bank.path}: {q.id}: Moodle would mark these wrong"


def test_a_trailing_full_stop_after_an_abbreviation_is_accepted_in_moodle():
    """The review's example (D1): `2018 г.` in ru/lesson-4 `fines-year`, and `B.` in `vaccine-hepatitis`."""
    fines = next(q for q in LOADED["ru", "lesson-4"].leaf_questions() if q.id == "fines-year")
    vaccine = next(q for q in LOADED["en", "lesson-2"].leaf_questions() if q.id == "vaccine-hepatitis")
    for q, typed in ((fines, "2018 г."), (vaccine, "B.")):
        assert any(moodle_accepts(typed, pattern) for pattern in accepted_answers(q.accept)), typed
    assert not any(moodle_accepts("2019 г.", pattern) for pattern in accepted_answers(fines.accept))


# --- draw with scenarios -----------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "ka", "ru"])
def test_a_drawn_scenario_stays_whole(language):
    """Moodle draws with random-question slots, one question at a time, and never draws a description: in a bank
    with `draw` (lesson 8) each question of a scenario carries its vignette, whichever of them is drawn."""
    bank = LOADED[language, "lesson-8"]
    assert bank.draw and any(q.type == "scenario" for q in bank.questions)
    text = ExportText(language, site_url=SITE)
    vignette = next(q for q in bank.questions if q.type == "scenario")
    for read in (read_moodle_xml(bank_to_moodle_xml(bank, text).encode("utf-8")), read_gift(bank_to_gift(bank, text))):
        _, questions, problems = read
        assert problems == [] and "description" not in [q["type"] for q in questions]
        inner = {q["name"]: q["text"] for q in questions if q["name"] in {i.id for i in vignette.questions}}
        assert sorted(inner) == sorted(i.id for i in vignette.questions)
        assert all(html.startswith(text.block(vignette.scenario)) for html in inner.values()), inner
    undrawn = LOADED[language, "lesson-3"]  # without draw, a scenario is still one description and its questions
    kinds = [q["type"] for q in read_moodle_xml(bank_to_moodle_xml(undrawn, text).encode("utf-8"))[1]]
    assert kinds.count("description") == 1


# --- Questionnaires: Moodle's Feedback activity -------------------------------------------------------------

def read_feedback_xml(data: bytes) -> list[dict]:
    """The items as mod/feedback/import.php reads them (feedback_load_xml_data, feedback_import_loaded_data)."""
    root = ElementTree.fromstring(data)
    assert root.tag == "FEEDBACK" and int(root.get("VERSION")) == 200701  # any other version is refused
    items = []
    for item in root.find("ITEMS").findall("ITEM"):
        assert item.get("TYPE") == "multichoicerated"  # a type Moodle knows, stored as it is
        presentation = item.findtext("PRESENTATION").strip()
        subtype, _, rest = presentation.partition(">>>>>")
        rest = rest.split("<<<<<")[0]
        values = [line.split("####", 1) for line in rest.split("|")]
        items.append({"id": int(item.findtext("ITEMID")), "name": item.findtext("ITEMTEXT").strip(),
                      "label": item.findtext("ITEMLABEL").strip(), "required": int(item.get("REQUIRED")),
                      "subtype": subtype, "values": [(int(value), label) for value, label in values],
                      "options": item.findtext("OPTIONS").strip(), "depend": int(item.findtext("DEPENDITEM"))})
    return items


@pytest.mark.parametrize("language, bank_id", QUESTIONNAIRES, ids=[f"{lang}-{bank}" for lang, bank in QUESTIONNAIRES])
def test_a_questionnaire_becomes_moodle_feedback_items(language, bank_id):
    bank, text = LOADED[language, bank_id], ExportText(language, site_url=SITE)
    items = read_feedback_xml(bank_to_feedback_xml(bank, text, bank.path).encode("utf-8"))
    s = strings_for(language)
    assert [item["label"] for item in items] == [q.id for q in bank.leaf_questions()]
    assert [item["name"] for item in items] == [text.plain(q.prompt) for q in bank.leaf_questions()]
    for number, item in enumerate(items, 1):
        assert (item["id"], item["required"], item["subtype"], item["options"], item["depend"]) == (number, 1, "r", "h", 0)
        assert item["values"] == [(value, s[f"scale_{value}"]) for value in range(1, 6)]


# --- Citations: what Moodle shows is a reference, and the question lists its sources ---------------------------

def question_texts(q) -> str:
    return "\n".join([q.prompt, q.scenario, q.explanation, *(t for o in q.options for t in (o.text, o.feedback)),
                      *(t for i in q.items for t in (i.text, i.left, i.right))])


@pytest.mark.parametrize("language", ["en", "ka", "ru"])
def test_citations_read_as_references_with_their_sources_in_the_feedback(language):
    """No `[@key]` reaches Moodle: each citation is "(Author, year)" where it stands, and the question's general
    feedback ends with "Sources" and the full entry of every source the question cites (title and venue)."""
    label = LABELS[language]["sources"]
    checked = 0
    for lang, bank_id in REAL_BANKS:
        if lang != language:
            continue
        bank = LOADED[lang, bank_id]
        text = ExportText(language, site_url=SITE, citations=CITATIONS)
        by_name = {item.id: item for item in export_items(bank)}
        for read in (read_moodle_xml(bank_to_moodle_xml(bank, text).encode("utf-8")), read_gift(bank_to_gift(bank, text))):
            _, questions, problems = read
            assert problems == []
            for moodle in questions:
                shown = [moodle["text"], moodle["generalfeedback"], *(str(part) for a in moodle["answers"] for part in a)]
                assert not [part for part in shown if "[@" in part], f"{bank.path}: {moodle['name']}"
                keys = list(dict.fromkeys(k for c in find_citations(question_texts(by_name[moodle["name"]]))
                                          for k in c.keys))
                # A description has no feedback in GIFT: its sources follow the vignette there.
                listed = moodle["generalfeedback"] + (moodle["text"] if moodle["type"] == "description" else "")
                for key in keys:
                    reference = escape(short_reference(REGISTRY[key]))
                    assert reference in " ".join(shown), f"{bank.path}: {moodle['name']}: no ({reference}) where cited"
                    assert escape(REGISTRY[key].title) in listed, f"{bank.path}: {moodle['name']}: {key} not listed"
                    assert f"<p>{label}</p>" in listed
                checked += bool(keys)
    assert checked >= 2 * 6, f"{language}: only {checked} exported questions cite a source; this test must see them"
