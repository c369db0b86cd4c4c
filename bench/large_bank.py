"""10,000 generated questions of every type: time and peak memory to load and validate them with the quiz core,
and to build (strictly) a minimal site that places them.

A single bank of 10,000 questions is inside the loader's limits (quiz_plugin/loader.py: MAX_QUESTIONS questions,
MAX_NODES YAML values and MAX_BYTES per bank; beyond them a file is refused fast). The benchmark first loads it
directly, then builds it: by default one bank on one page; `--per-bank 400` splits the questions into several banks,
one page placing each. Each step runs in a fresh process, so its peak memory (resident set) is its own.

Run alone: `.venv/bin/python bench/large_bank.py [--questions 10000] [--per-bank 10000]`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ENV, KB, ROOT, heading, kb, minimal_site, peak_rss_mb, table, timed_build  # noqa: E402

sys.path.insert(0, str(ROOT))
from quiz_plugin import loader  # noqa: E402
from quiz_plugin.errors import BankError  # noqa: E402

PAGE = "---\ntitle: Large bank\n---\n\n# Large bank\n\n<!-- quiz: {bank} -->\n"


def _options(n: int, correct: set[int]) -> list[dict]:
    return [{"id": f"o{i}", "text": f"Option {i} of question {n}: a short answer an officer might choose",
             **({"correct": True} if i in correct else {}),
             **({"feedback": f"Feedback on option {i}: why this answer is {'right' if i in correct else 'not right'}."}
                if i < 2 else {})}
            for i in range(4)]


def question(n: int, kind: str) -> dict:
    """Question number n of a given type, valid for bank.schema.json and the loader's checks."""
    base = {"id": f"q{n}", "type": kind, "prompt": f"Question {n}: which of the following is the **best** response "
            f"when a person you stop says they have used drugs today?",
            "explanation": f"Explanation for question {n}: the reason, in one or two plain sentences."}
    if kind == "single":
        return {**base, "options": _options(n, {n % 4})}
    if kind == "multiple":
        return {**base, "options": _options(n, {n % 4, (n + 1) % 4})}
    if kind == "true-false":
        return {**base, "answer": n % 2 == 0}
    if kind == "text":
        return {**base, "accept": [f"answer {n}", f"the answer {n}"]}
    if kind == "order":
        return {**base, "items": [{"id": f"s{i}", "text": f"Step {i} of the procedure in question {n}"} for i in range(4)]}
    if kind == "match":
        return {**base, "pairs": [{"id": f"p{i}", "left": f"Term {i}", "right": f"Meaning {i} in question {n}"}
                                  for i in range(4)]}
    raise ValueError(kind)


CYCLE = ("single", "multiple", "true-false", "text", "order", "match", "single", "scenario")


def generate_bank(bank_id: str, count: int) -> dict:
    """`count` questions in all, counting the two inside each scenario; ids q0, q1, ... are unique in the bank."""
    questions, made, number = [], 0, 0
    for slot in range(count * 2):
        if made >= count:
            break
        kind = CYCLE[slot % len(CYCLE)]
        if kind == "scenario":
            if count - made < 2:
                continue
            questions.append({"id": f"q{number}", "type": "scenario",
                              "scenario": f"Scenario {number}: at 22:00 you are called to a courtyard where a man lies still.",
                              "questions": [question(number + 1, "single"), question(number + 2, "true-false")]})
            number, made = number + 3, made + 2
        else:
            questions.append(question(number, kind))
            number, made = number + 1, made + 1
    return {"id": bank_id, "title": "Large bank", "pass_mark": 70, "questions": questions}


def load_all(folder: str) -> dict:
    """In this (child) process: load and validate every bank in `folder`; time and peak memory."""
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    questions = 0
    for path in sorted(Path(folder).glob("*.yml")):
        bank = loader.load_bank(path)
        questions += sum(len(q.questions) or 1 for q in bank.questions)
    return {"cpu": time.process_time() - start_cpu, "wall": time.perf_counter() - start_wall, "questions": questions,
            "maxrss_mb": peak_rss_mb()}


def load_in_child(folder: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--load-only", str(folder)], env=ENV, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--per-bank", type=int, default=10_000, help="questions per bank, inside the loader's limits")
    parser.add_argument("--load-only", metavar="DIR", help=argparse.SUPPRESS)  # the child process of load_in_child
    args = parser.parse_args(argv)
    if args.load_only:
        print(json.dumps(load_all(args.load_only)))
        return

    heading(f"Large bank: {args.questions:,} questions, load + validate and a strict build")
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        folder = Path(tmp)
        dump = dict(allow_unicode=True, sort_keys=False, width=200)

        # One bank of every question, loaded in this process: accepted (or refused, and how fast).
        single = folder / "single" / "large.yml"
        single.parent.mkdir()
        single.write_text(yaml.safe_dump(generate_bank("large", args.questions), **dump), encoding="utf-8")
        single_size = single.stat().st_size
        start = time.perf_counter()
        try:
            loader.load_bank(single)
            refusal = f"accepted in {time.perf_counter() - start:.2f} s"
        except BankError as error:
            refusal = f"refused in {time.perf_counter() - start:.2f} s: {error.problem}"

        # The same number of questions in banks inside the limits, one page each.
        count = -(-args.questions // args.per_bank)
        banks = {f"en/quizzes/large-{n}.yml": yaml.safe_dump(
                     generate_bank(f"large-{n}", min(args.per_bank, args.questions - n * args.per_bank)), **dump)
                 for n in range(count)}
        pages = {f"page-{n}.md": PAGE.format(bank=f"large-{n}") for n in range(count)}
        config = minimal_site(folder / "site-large", pages, ["quiz"], banks)
        load = load_in_child(folder / "site-large" / "docs" / "en" / "quizzes")
        build = timed_build(config)
        html = [p.stat().st_size for p in (folder / "site-large" / "site" / "en").glob("page-*.html")]

        empty = load_in_child(folder / "single" / "none")  # imports only: the baseline of a loading process
        reference = minimal_site(folder / "site-small", {"page-0.md": PAGE.format(bank="small")}, ["quiz"],
                                 {"en/quizzes/small.yml": yaml.safe_dump(generate_bank("small", 1), **dump)})
        small = timed_build(reference)

    size = sum(len(text.encode()) for text in banks.values())
    print(f"One bank of {args.questions:,} questions ({kb(single_size)} of YAML)"
          f": {refusal}")
    print(f"Split: {count} banks of up to {args.per_bank} questions ({load['questions']:,} questions, {kb(size)} of YAML, "
          f"largest bank {kb(max(len(t.encode()) for t in banks.values()))}), one page each "
          f"(built pages {kb(sum(html) / len(html))} on average, 1 KB = {KB} bytes).")
    rows = [
        [f"load + validate {count} banks (quiz_plugin.loader.load_bank)", f"{load['cpu']:.2f}", f"{load['wall']:.2f}",
         f"{load['maxrss_mb']:.0f}", f"{empty['maxrss_mb']:.0f}"],
        [f"strict build, minimal site, {count} pages placing them", f"{build['cpu'][0]:.2f}", f"{build['wall'][0]:.2f}",
         f"{build['maxrss_mb']:.0f}", f"{small['maxrss_mb']:.0f}"],
        ["strict build, same site with one one-question bank", f"{small['cpu'][0]:.2f}", f"{small['wall'][0]:.2f}",
         f"{small['maxrss_mb']:.0f}", ""],
    ]
    print(table(["step", "CPU s", "wall s", "peak RSS MB", "baseline RSS MB"], rows))
    print("Baseline: the same process doing the least (imports only; the one-question site). No target set by the "
          "issue; a minimal one-language Material site, no search plugin.")


if __name__ == "__main__":
    main(sys.argv[1:])
