"""`python -m quiz_plugin validate` and the strict build agree: on each bad input of the corpus below, both refuse
it, both name the same file and line, neither prints a traceback, and both end in bounded time (validate also in
bounded memory). On the good inputs, both pass.

Each row is one contributor's mistake or attack on a small three-language site with one quiz; the site is built
afresh for each row (about a second each).
"""

from __future__ import annotations

import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from bounds import MEMORY_BOUND, bounded
from quiz_plugin.cli import main as quiz_cli
from sitebuilder import build_site, make_site, page

LANGS = ("en", "ka", "ru")
GUIDE_BODY = "# Guide {#guide}\n\n## Steps {#steps}\n\nCall an ambulance.\n\n## Quiz {#quiz}\n\n<!-- quiz: demo -->\n"
GUIDE = page("Guide", GUIDE_BODY)  # the marker is on line 12
BANK = """\
id: demo
title: Demo quiz
questions:
  - id: q1
    type: single
    prompt: "Pick one"
    options:
      - {id: a, text: "See [the steps](../guide.md#steps)", correct: true}
      - {id: b, text: "B"}
  - id: q2
    type: text
    prompt: "Name the medicine"
    accept: [naloxone]
    explanation: "Write to <info@example.org>."
"""


def site(folder: Path) -> Path:
    return make_site(folder, {"index.md": page("Home", "# Home {#home}\n\nHello.\n"), "guide.md": GUIDE},
                     {"demo": BANK})


def write(docs: Path, rel: str, text: str) -> None:
    (docs / rel).parent.mkdir(parents=True, exist_ok=True)
    (docs / rel).write_text(text, encoding="utf-8")


def bank_with(old: str, new: str):
    return lambda docs: write(docs, "ka/quizzes/demo.yml", BANK.replace(old, new))


def in_every_language(rel: str, text: str):
    return lambda docs: [write(docs, f"{lang}/{rel}", text) for lang in LANGS]


def special(kind: str, rel: str):
    def make(docs: Path) -> None:
        target = docs / rel
        if kind == "folder":
            target.mkdir()
        else:
            os.mkfifo(target)
    return make


BOMB = "\n".join(['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
                 + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)])

# Columns: what is wrong; how it is made (a change to the docs folder); the place both messages must name.
BAD_INPUTS = [
    ("YAML syntax error", bank_with('title: Demo quiz', 'title: [Demo'), "docs/ka/quizzes/demo.yml:3"),
    ("alias bomb", lambda docs: write(docs, "ka/quizzes/demo.yml", BANK + BOMB + "\nextra: *a9\n"),
     "docs/ka/quizzes/demo.yml:16"),
    ("duplicate key: a second correct", bank_with('text: "B"}', 'text: "B", correct: true, correct: false}'),
     "docs/ka/quizzes/demo.yml:9"),
    ("duplicate key: a second questions", lambda docs: write(docs, "ka/quizzes/demo.yml", BANK + "questions: []\n"),
     "docs/ka/quizzes/demo.yml:15"),
    ("20 KB of '[' in a prompt", bank_with('"Pick one"', '"' + "[" * 20_000 + '"'), "docs/ka/quizzes/demo.yml:6"),
    ("a list nested 300 levels deep (90 KB)", bank_with('    explanation: "Write to <info@example.org>."',
                                                        "    explanation: |\n" + "".join(
                                                            "      " + "  " * i + "- x\n" for i in range(300))),
     "docs/ka/quizzes/demo.yml:15"),
    ("a list nested 40 levels deep (1.7 KB)", bank_with('    explanation: "Write to <info@example.org>."',
                                                        "    explanation: |\n" + "".join(
                                                            "      " + "  " * i + "- x\n" for i in range(40))),
     "docs/ka/quizzes/demo.yml:24"),  # the first line nested more than 16 columns: 15 + 9
    ("a whitespace-only prompt", bank_with('"Pick one"', '"   "'), "docs/ka/quizzes/demo.yml:6"),
    ("an accepted answer that is only punctuation", bank_with("accept: [naloxone]", 'accept: [naloxone, "..."]'),
     "docs/ka/quizzes/demo.yml:13"),
    ("a title of 3,000 characters", bank_with("title: Demo quiz", "title: " + "x" * 3000), "docs/ka/quizzes/demo.yml:2"),
    ("a character no page can show", bank_with('"Pick one"', '"Pick\\u0000one"'), "docs/ka/quizzes/demo.yml:6"),
    ("another answer key in a translation", lambda docs: write(docs, "ka/quizzes/demo.yml", BANK.replace(
        ', correct: true}', '}').replace('text: "B"}', 'text: "B", correct: true}')),
     "docs/ka/quizzes/demo.yml:4"),
    ("a missing translation of a bank", lambda docs: (docs / "ru" / "quizzes" / "demo.yml").unlink(),
     "docs/ru/quizzes/demo.yml is missing"),
    ("a bank only in Georgian", lambda docs: write(docs, "ka/quizzes/extra.yml", BANK.replace("id: demo", "id: extra")),
     "docs/en/quizzes/extra.yml is missing"),
    ("a link to no page", bank_with("../guide.md#steps", "../nowhere.md"), "docs/ka/quizzes/demo.yml:4"),
    ("a link to a missing anchor", bank_with("../guide.md#steps", "../guide.md#nope"), "docs/ka/quizzes/demo.yml:4"),
    ("a page placing an unknown bank", lambda docs: write(docs, "ka/guide.md", GUIDE.replace("quiz: demo", "quiz: nope")),
     "docs/ka/guide.md"),
    ("a bank placed twice on a page", in_every_language("guide.md", GUIDE + "\n<!-- quiz: demo -->\n"),
     "docs/en/guide.md:16"),
    ("a translation that drops the quiz", lambda docs: write(docs, "ru/guide.md", GUIDE.replace("<!-- quiz: demo -->", "")),
     "docs/ru/guide.md"),
    ("a marker inside a paragraph", in_every_language("guide.md", GUIDE.replace("\n<!-- quiz: demo -->",
                                                                               "See <!-- quiz: demo --> here.")),
     "docs/en/guide.md"),
    ("a heading id that is a quiz's id", in_every_language("guide.md", GUIDE.replace("{#steps}", "{#quiz-demo-q1}")
                                                           .replace("#steps", "#quiz-demo-q1")),
     "docs/en/guide.md"),
    ("a page of 20 KB of '['", in_every_language("other.md", page("Other", "# Other {#other}\n\n" + "[" * 20_000)),
     "docs/en/other.md:8"),
    ("an alias bomb in front matter", lambda docs: write(docs, "ka/guide.md", "---\n" + BOMB + "\ntitle: *a9\n---\n"
                                                         + GUIDE_BODY), "docs/ka/guide.md:3"),
    ("a title that is a list", lambda docs: write(docs, "ka/guide.md", "---\ntitle: [a, b]\n---\n" + GUIDE_BODY),
     "docs/ka/guide.md:2"),
    ("an author that is a mapping", in_every_language("other.md", "---\nauthor: {a: 1}\n---\n# Other {#other}\n"),
     "docs/en/other.md:2"),
    ("a folder named like a bank", special("folder", "en/quizzes/other.yml"), "docs/en/quizzes/other.yml"),
    ("a FIFO named like a bank", special("FIFO", "ru/quizzes/other.yml"), "docs/ru/quizzes/other.yml"),
    ("a FIFO named like a page", special("FIFO", "ka/other.md"), "docs/ka/other.md"),
]

# Columns: what is unusual but allowed; how it is made.
GOOD_INPUTS = [
    ("the site as it is", lambda docs: None),
    ("an email autolink", bank_with('"Pick one"', '"Write to <help@example.org>"')),
    ("a class posing as the quiz's own", bank_with('"Pick one"', '"Pick one\\n{: .&#113;uiz__data }"')),
    ("a marker shown in inline code", in_every_language("guide.md", GUIDE + "\nWrite `<!-- quiz: x -->` to place one.\n")),
    ("markup in front matter, printed as text", in_every_language(
        "other.md", "---\nauthor: '\"><img src=x onerror=alert(1)>'\n---\n# Other {#other}\n")),
    ("the limits themselves", bank_with('"Pick one"', '"' + "[a](#x) " * 20 + "x" * 1840 + '"')),
]


def validate(docs: Path) -> str:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = quiz_cli(["validate", str(docs)])
    return ("" if code == 0 else "failed\n") + err.getvalue()


@pytest.mark.parametrize("what, make, place", BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_validate_and_the_build_refuse_the_same_input_naming_the_same_place(tmp_path, caplog, what, make, place):
    config = site(tmp_path)
    make(tmp_path / "docs")
    with bounded() as measured:
        reported = validate(tmp_path / "docs")
    assert measured["peak"] < MEMORY_BOUND, f"validate: peak {measured['peak'] / 1e6:.0f} MB"
    assert reported.startswith("failed"), f"validate passed {what}"
    assert place in reported and "Traceback" not in reported, reported
    with bounded(trace_memory=False), pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    built = str(caught.value) + "\n" + caplog.text
    assert place in built and "Traceback" not in built, built


@pytest.mark.parametrize("what, make", GOOD_INPUTS, ids=[row[0] for row in GOOD_INPUTS])
def test_validate_and_the_build_pass_the_same_input(tmp_path, what, make):
    config = site(tmp_path)
    make(tmp_path / "docs")
    assert validate(tmp_path / "docs") == ""
    built = build_site(config)
    assert 'class="quiz"' in (built / "ka" / "guide.html").read_text(encoding="utf-8")
