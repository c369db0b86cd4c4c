"""The bank loader under fuzzing and under attack: whatever a file holds, the result is a Bank (which the renderer
turns into HTML without error) or one BankError naming the file; never another exception, never a hang, never
unbounded memory. A bad bank in a real build stops it with a PluginError that names the file.

Hypothesis runs with `derandomize=True` and no example database: CI explores the same examples on every run, so a red
build is reproducible and never flaky, and a run leaves no `.hypothesis/` folder behind. To explore further on your own
machine: `QUIZ_FUZZ_RANDOM=1 QUIZ_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/test_fuzz_loader.py`.
"""

from __future__ import annotations

import copy
import functools
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from bounds import MEMORY_BOUND, bounded
from quiz_plugin.errors import BankError
from quiz_plugin.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, MAX_QUESTIONS, load_bank, load_bank_text
from quiz_plugin.model import Bank
from quiz_plugin.render import render_bank
from quiz_plugin.safe_markdown import SafeMarkdown
from sitebuilder import ROOT, build_site, make_site, page

PATH = "docs/en/quizzes/demo.yml"
FUZZ = settings(
    max_examples=int(os.environ.get("QUIZ_FUZZ_EXAMPLES", "200")),
    derandomize=not os.environ.get("QUIZ_FUZZ_RANDOM"),
    database=None,
    deadline=None,  # a loaded 2-core CI machine makes single examples slow now and then; hangs are caught below
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def site_markdown() -> tuple[list, dict]:
    """The Markdown extensions of the real site, exactly as the plugin receives them."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


@functools.cache
def text_renderer() -> SafeMarkdown:
    return SafeMarkdown(*site_markdown())


def outcome(load, language: str = "en") -> Bank | BankError:
    """Run one load: a Bank, which must render, or a BankError naming the file. Anything else fails the test."""
    try:
        bank = load()
    except BankError as error:
        assert str(error).startswith(PATH), str(error)
        assert error.path == PATH
        return error
    assert isinstance(bank, Bank)
    html = render_bank(bank, language, text_renderer())
    assert html.startswith('<form class="quiz"') and html.endswith("</form>")
    return bank


# --- Strategies ---------------------------------------------------------------------------------------------------

# Text that exercises the YAML writer and the Markdown renderer: any printable character (Georgian and Cyrillic
# included), YAML indicators, Markdown and HTML syntax.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.sampled_from(
    ["", " ", "~", "null", "yes", "no", "1e3", "0x1F", "2020-13-45", "2024-05-31", "<script>x</script>", "**b**",
     "[a](javascript:x)", "{: onclick=x}", "ნალოქსონი", "налоксон", "- a\n- b", "# h", "```\ncode\n```", "a: b"])
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**30, max_value=10**60)
           | st.floats(allow_nan=True, allow_infinity=True) | TEXT | st.dates() | st.datetimes())
KEYS = st.sampled_from(["id", "title", "questions", "type", "options", "text", "correct", "answer", "prompt", "items",
                        "pairs", "left", "right", "accept", "scenario", "pass_mark", "draw"]) | SCALARS.filter(
    lambda v: not isinstance(v, float) or v == v)  # NaN is never equal to itself: as a key it is a new key each time
ANY_YAML = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=5),
                        max_leaves=25)

IDS = st.sampled_from(["a", "b", "c", "q1", "q2", "s", "x-1"]) | st.text("abcxyz0123", min_size=1, max_size=4)
# Text a maintainer might write (control characters are left to the strategies above).
MARKDOWN = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1,
                   max_size=30) | st.sampled_from(["A", "**bold** [link](#x)", "<b>raw</b>", "> quote"])


@st.composite
def choice_question(draw, ids):
    """Options with distinct ids, of which one (single) or several (multiple) are correct."""
    kind = draw(st.sampled_from(["single", "multiple"]))
    options = draw(st.lists(st.fixed_dictionaries({"id": IDS, "text": MARKDOWN}, optional={"feedback": MARKDOWN}),
                            min_size=2, max_size=4, unique_by=lambda o: o["id"]))
    right = draw(st.sets(st.integers(0, len(options) - 1), min_size=1, max_size=1 if kind == "single" else 4))
    for index, option in enumerate(options):
        if index in right:
            option["correct"] = True
        elif draw(st.booleans()):
            option["correct"] = False
    return {"id": draw(ids), "type": kind, "prompt": draw(MARKDOWN), "options": options}


def question(ids=IDS, with_scenario: bool = True) -> st.SearchStrategy:
    common = {"id": ids, "prompt": MARKDOWN}
    extra = {"explanation": MARKDOWN}
    kinds = [
        choice_question(ids),
        st.fixed_dictionaries({**common, "type": st.just("true-false"), "answer": st.booleans()}, optional=extra),
        st.fixed_dictionaries({**common, "type": st.just("text"), "accept": st.lists(MARKDOWN, min_size=1, max_size=3)},
                              optional=extra),
        st.fixed_dictionaries({**common, "type": st.just("order"), "items": st.lists(
            st.fixed_dictionaries({"id": IDS, "text": MARKDOWN}), min_size=2, max_size=4, unique_by=lambda i: i["id"])},
            optional=extra),
        st.fixed_dictionaries({**common, "type": st.just("match"), "pairs": st.lists(
            st.fixed_dictionaries({"id": IDS, "left": MARKDOWN, "right": MARKDOWN}), min_size=2, max_size=4,
            unique_by=(lambda p: p["id"], lambda p: p["right"]))}, optional=extra),
    ]
    if with_scenario:
        inner = IDS.map(lambda i: f"in-{i}")  # never the id of a question outside the scenario
        kinds.append(st.fixed_dictionaries({"id": ids, "type": st.just("scenario"), "scenario": MARKDOWN, "questions": st.lists(
            question(inner, with_scenario=False), min_size=1, max_size=3, unique_by=lambda q: q["id"])}))
    return st.one_of(kinds)


# Mostly valid banks: the mutations below and the schema's own ranges supply the errors.
PLAUSIBLE_BANK = st.fixed_dictionaries(
    {"id": st.just("demo"), "title": MARKDOWN,
     "questions": st.lists(question(), min_size=1, max_size=5, unique_by=lambda q: q["id"])},
    optional={"pass_mark": st.integers(-1, 101), "draw": st.integers(0, 4), "shuffle_options": st.booleans(),
              "shuffle_questions": st.booleans()})


@st.composite
def mutated(draw, bank_strategy=PLAUSIBLE_BANK):
    """A plausible bank with a few of its fields removed, retyped or added."""
    bank = draw(bank_strategy)
    for _ in range(draw(st.integers(0, 3))):
        containers = list(_containers(bank))
        container = draw(st.sampled_from(containers))
        if isinstance(container, dict):
            key = draw(st.sampled_from(sorted(container, key=str)) | KEYS) if container else draw(KEYS)
            action = draw(st.sampled_from(["delete", "replace", "replace"]))
            if action == "delete":
                container.pop(key, None)
            else:
                container[key] = draw(ANY_YAML)
        elif container:
            index = draw(st.integers(0, len(container) - 1))
            if draw(st.booleans()):
                container[index] = draw(ANY_YAML)
            else:
                container.append(copy.deepcopy(container[index]))  # a duplicate: the same ids twice
    return bank


def _containers(value):
    if isinstance(value, (dict, list)):
        yield value
        for child in (value.values() if isinstance(value, dict) else value):
            yield from _containers(child)


def dump(data, unicode: bool, flow: bool | None) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)


# Fragments of YAML syntax, so that random text reaches the parser's corners rather than failing at the first byte.
YAMLISH = st.lists(st.sampled_from(
    list("-:[]{},?&*!|>'\"#%@` \t\n\r\\") + ["\ufeff", "\x00", "\x85", "\u2028", "\ud7ff", "\U0001f600", "ა", "ж",
                                              "id: demo\n", "title: ", "questions:\n", "  - ", "type: single\n",
                                              "!!int ", "!!timestamp ", "!!binary ", "!!python/object ", "<<: ",
                                              "&a ", "*a ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
                                              "2020-13-45", "9" * 5000, "\\ud800", "\\x00", "0o777", ".nan"]),
    max_size=40).map("".join)


# --- Fuzz tests ---------------------------------------------------------------------------------------------------

@FUZZ
@given(data=ANY_YAML, unicode=st.booleans(), flow=st.sampled_from([None, True, False]))
def test_any_yaml_structure_gives_a_bank_or_a_bank_error(data, unicode, flow):
    outcome(lambda: load_bank_text(dump(data, unicode, flow), PATH, expected_id="demo"))


@FUZZ
@given(bank=PLAUSIBLE_BANK, unicode=st.booleans(), language=st.sampled_from(["en", "ka", "ru"]))
def test_plausible_banks_give_a_bank_or_a_bank_error(bank, unicode, language):
    outcome(lambda: load_bank_text(dump(bank, unicode, None), PATH, expected_id="demo"), language)


@FUZZ
@given(bank=mutated(), unicode=st.booleans(), flow=st.sampled_from([None, True]))
def test_mutated_banks_give_a_bank_or_a_bank_error(bank, unicode, flow):
    outcome(lambda: load_bank_text(dump(bank, unicode, flow), PATH, expected_id="demo"))


# Pieces of Markdown that Python-Markdown and the site's extensions treat specially: unbalanced brackets (quadratic),
# indentation and quotes (recursive), emphasis, code, tables, definitions, admonitions, abbreviations, footnotes,
# attribute lists and character references (the sanitiser's corners).
MARKDOWN_PIECES = st.lists(st.sampled_from(
    ["[", "]", "(", ")", "![", "[^1]", "[^1]: x\n", "*[A]: b\n", "A ", "*", "_", "**", "`", "```\n", "~~~\n", "\n",
     "\n\n", "    ", "  ", "\t", "> ", "- ", "1. ", "# ", "=\n", "|", "|-|\n", ":   ", "!!! note\n", "??? note\n",
     "{: .x }", "{: class=\"&#113;uiz__data\" }", "{: #id }", "<a@b.c>", "<http://x>", "&#113;", "&amp;", "\\", "word ",
     "ნალოქსონი ", "налоксон "]), max_size=600).map("".join)


@FUZZ
@given(text=MARKDOWN_PIECES, field=st.sampled_from(["prompt", "explanation", "text", "feedback", "title"]))
def test_any_markdown_in_any_field_gives_a_bank_or_a_bank_error_in_bounded_time(text, field):
    bank = {"id": "demo", "title": "T", "questions": [{"id": "q", "type": "single", "prompt": "P", "explanation": "E",
                                                      "options": [{"id": "a", "text": "A", "correct": True, "feedback": "F"},
                                                                  {"id": "b", "text": "B"}]}]}
    target = bank if field == "title" else bank["questions"][0]["options"][0] if field in ("text", "feedback") \
        else bank["questions"][0]
    target[field] = text
    with bounded(trace_memory=False):
        result = outcome(lambda: load_bank_text(dump(bank, True, None), PATH, expected_id="demo"))
    if isinstance(result, BankError):
        assert result.line is not None, str(result)


@FUZZ
@given(text=st.text(max_size=200) | YAMLISH)
def test_any_text_gives_a_bank_or_a_bank_error(text):
    outcome(lambda: load_bank_text(text, PATH, expected_id="demo"))


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "demo.yml"


@FUZZ
@given(raw=st.binary(max_size=200) | YAMLISH.map(lambda t: t.encode("utf-8", "surrogatepass"))
       | st.builds(lambda head, text: head + text.encode("utf-8"),
                   st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xc3", b""]),
                   st.text(max_size=100)))
def test_any_bytes_in_a_bank_file_give_a_bank_or_a_bank_error(bank_file, raw):
    bank_file.write_bytes(raw)
    outcome(lambda: load_bank(bank_file, PATH))


def test_the_strategies_reach_valid_banks():
    """A fuzzer that only ever produces errors tests nothing past the schema: the plausible banks must often load."""
    loaded = []

    @settings(max_examples=60, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(bank=PLAUSIBLE_BANK)
    def collect(bank):
        loaded.append(outcome(lambda: load_bank_text(dump(bank, True, None), PATH, expected_id="demo")))

    collect()
    banks = [result for result in loaded if isinstance(result, Bank)]
    assert len(banks) >= 10, f"only {len(banks)} of {len(loaded)} plausible banks loaded"
    assert {q.type for bank in banks for q in bank.questions} >= {"single", "true-false", "text", "order", "match"}


# Columns: what the value is, YAML text with it; PyYAML's own constructors raised ValueError, KeyError or
# AttributeError on each of these before the loader caught them.
CONSTRUCTOR_TRAPS = [
    ("date with month 13", "id: demo\ntitle: 2020-13-45\nquestions: []\n"),
    ("integer of 5,000 digits", "id: demo\ntitle: T\npass_mark: " + "9" * 5000 + "\nquestions: []\n"),
    ("!!int that is not a number", "id: demo\ntitle: !!int abc\nquestions: []\n"),
    ("!!float that is not a number", "id: demo\ntitle: !!float abc\nquestions: []\n"),
    ("!!bool that is not a boolean", "id: demo\ntitle: !!bool maybe\nquestions: []\n"),
    ("!!timestamp that is not a date", "id: demo\ntitle: !!timestamp soon\nquestions: []\n"),
    ("a number and a text as unknown keys", "id: demo\ntitle: T\n1: a\nzz: b\nquestions: []\n"),
    ("null and a text as unknown keys", "id: demo\ntitle: T\n~: a\nzz: b\nquestions: []\n"),
    ("escaped surrogate", 'id: demo\ntitle: "\\ud800"\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n'),
    ("escaped NUL", 'id: demo\ntitle: "a\\0b"\nquestions: [{id: q, type: true-false, prompt: p, answer: true}]\n'),
]


@pytest.mark.parametrize("what, text", CONSTRUCTOR_TRAPS, ids=[row[0] for row in CONSTRUCTOR_TRAPS])
def test_values_pyyaml_cannot_build_give_a_clear_error(what, text):
    with pytest.raises(BankError) as caught:
        load_bank_text(text, PATH, expected_id="demo")
    assert caught.value.line is not None, str(caught.value)
    assert str(caught.value).startswith(f"{PATH}:{caught.value.line}: ")
    assert len(str(caught.value)) < 300, "a message an author can read"


def test_whole_number_floats_are_shown_as_whole_numbers():
    bank = load_bank_text("id: demo\ntitle: T\npass_mark: 70.0\ndraw: 1.0\n"
                          "questions: [{id: q, type: true-false, prompt: p, answer: true}]\n", PATH, expected_id="demo")
    assert (bank.pass_mark, bank.draw) == (70, 1) and isinstance(bank.pass_mark, int)
    assert "70%" in render_bank(bank, "en", text_renderer())


# --- Bombs and limits ---------------------------------------------------------------------------------------------

def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\nid: demo\ntitle: *a9\nquestions: []\n"


def questions(count: int) -> str:
    return "id: demo\ntitle: T\nquestions:\n" + "".join(
        f"  - {{id: q{i}, type: true-false, prompt: p, answer: true}}\n" for i in range(count))


# Columns: what the file is, a function that makes its text, words the error must contain.
BOMBS = [
    ("billion laughs", billion_laughs, ["aliases"]),
    ("50 MB file", lambda: "id: demo\ntitle: T\nquestions:\n" + "# padding\n" * (5 * 1024 * 1024), ["larger than"]),
    ("nesting 10,000 deep", lambda: "id: demo\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n", [f"more than {MAX_DEPTH} levels"]),
    ("block nesting 1,000 deep", lambda: "".join(f"{' ' * i}k{i}:\n" for i in range(1_000)) + " " * 1_000 + "x\n",
     [f"more than {MAX_DEPTH} levels"]),
    ("100,000 questions", lambda: questions(100_000), [f"more than {MAX_NODES:,} YAML values"]),
    ("1,000,000 questions", lambda: questions(1_000_000), ["larger than"]),
    ("500,000 values under the size limit", lambda: "id: demo\ntitle: T\nquestions: [" + "0," * 500_000 + "]\n",
     [f"more than {MAX_NODES:,} YAML values"]),
    ("a single 20 MB string", lambda: "id: demo\ntitle: '" + "ა" * (7 * 1024 * 1024) + "'\nquestions: []\n", ["larger than"]),
    ("a text just over the limit in bytes, not in characters",
     lambda: "id: demo\ntitle: '" + "ა" * (MAX_BYTES // 3 + 10) + "'\nquestions: []\n", ["larger than"]),
]


@pytest.mark.parametrize("what, make, words", BOMBS, ids=[row[0] for row in BOMBS])
def test_bombs_are_refused_with_bounded_memory(tmp_path, what, make, words):
    text = make()
    file = tmp_path / "demo.yml"
    file.write_text(text, encoding="utf-8")
    with bounded() as measured, pytest.raises(BankError) as from_file:
        load_bank(file, PATH)
    assert measured["peak"] < MEMORY_BOUND, f"{what}: peak {measured['peak'] / 1e6:.0f} MB"
    with pytest.raises(BankError) as from_text:  # the same checks when the text is already in memory
        load_bank_text(text, PATH, expected_id="demo")
    for message in (str(from_file.value), str(from_text.value)):
        assert message.startswith(PATH), message
        for word in words:
            assert word in message, message


def test_a_file_larger_than_the_limit_is_not_read(tmp_path, monkeypatch):
    """The size is checked with stat() before any byte is read."""
    file = tmp_path / "demo.yml"
    with file.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no disk space
    monkeypatch.setattr(type(file), "open", lambda *a, **k: pytest.fail("the file was opened"))
    with pytest.raises(BankError, match="larger than"):
        load_bank(file, PATH)


def test_a_bank_at_the_question_limit_loads_and_one_more_question_is_refused():
    text = questions(MAX_QUESTIONS)
    assert len(text.encode("utf-8")) < MAX_BYTES
    assert len(load_bank_text(text, PATH, expected_id="demo").questions) == MAX_QUESTIONS
    with pytest.raises(BankError, match=f"more than {MAX_QUESTIONS:,} questions; split it"):
        load_bank_text(questions(MAX_QUESTIONS + 1), PATH, expected_id="demo")


# --- Through MkDocs ---------------------------------------------------------------------------------------------

HOME = page("Home", "# Home {#home}\n\nHello.\n")
QUIZ_PAGE = page("Quiz", "# Quiz {#quiz}\n\n<!-- quiz: demo -->\n")


# Columns: what is wrong, the file's bytes, words the build's message must contain.
BAD_FILES = [
    ("billion laughs", billion_laughs().encode(), ["demo.yml:2: ", "aliases"]),
    ("date with month 13", CONSTRUCTOR_TRAPS[0][1].encode(), ["demo.yml:2: ", "2020-13-45"]),
    ("not UTF-8", "id: demo\ntitle: café\n".encode("latin-1"), ["demo.yml:2: ", "not UTF-8"]),
]


@pytest.mark.parametrize("what, raw, words", BAD_FILES, ids=[row[0] for row in BAD_FILES])
def test_a_bad_bank_stops_the_build_with_a_plugin_error_naming_the_file(tmp_path, caplog, what, raw, words):
    config = make_site(tmp_path, {"index.md": HOME, "quiz.md": QUIZ_PAGE})
    for language in ("en", "ka", "ru"):
        bank = tmp_path / "docs" / language / "quizzes" / "demo.yml"
        bank.parent.mkdir(parents=True)
        bank.write_bytes(raw)
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config)
    message = str(caught.value) + "\n" + caplog.text
    assert "Quiz bank error: docs/en/quizzes/demo.yml" in message, message
    for word in words:
        assert word in message, message
    assert "Traceback" not in message
