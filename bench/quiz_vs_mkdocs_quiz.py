"""This project's quiz plugin against mkdocs-quiz 1.7.1, on the same 20 questions, in one run.

1. Bytes a reader downloads: each site is served on loopback and the page is loaded in Debian's Chromium (Playwright)
   with an empty cache; every response the page causes is recorded, and each body counted gzip -9 if it is text
   (HTML, CSS, JS, JSON, SVG) or as it is otherwise. Sites: a minimal Material site (system fonts, no search plugin)
   with a quiz page and a page without a quiz, built with no quiz plugin, with this plugin and with mkdocs-quiz.
2. Build time: a site of 100 pages, each placing its own 20-question bank, against the same 100 pages with no quiz
   and no plugin; for mkdocs-quiz, the same 100 pages with the 20 questions written inline in its syntax.

mkdocs-quiz runs in its own virtual environment, bench/.venv-mkdocs-quiz, made once from the pinned
bench/requirements-mkdocs-quiz.txt (the same MkDocs and Material as requirements.txt) and reused.
The 20 questions are the first single, multiple, true-false and text questions of the English lesson banks, taken
in turn from each bank, with links reduced to their text; mkdocs-quiz writes true/false as a two-option choice and
a text question as a fill-in-the-blank with the first accepted answer (its format accepts one).
Targets (issue 3): this plugin's runtime (one JS + one CSS) ≤ 12 KB gzip; a page without a quiz grows by ≤ 1 KB.

Run alone: `.venv/bin/python bench/quiz_vs_mkdocs_quiz.py [--pages 100] [--repeats 3]`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from quiz_plugin import safe_yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH, ENV, KB, ROOT, gzip_size, heading, kb, minimal_site, table, timed_build  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_FLAGS, Server, free_port  # noqa: E402

VENV = BENCH / ".venv-mkdocs-quiz"
REQUIREMENTS = BENCH / "requirements-mkdocs-quiz.txt"
THEIRS = "mkdocs-quiz 1.7.1"
OURS = "this plugin"
KINDS = ("single", "multiple", "true-false", "text")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
TEXT_TYPES = ("text/", "javascript", "json", "xml", "svg")
PROSE = """\
This page belongs to a benchmark site. It has a few paragraphs of ordinary text, so that the page is more than
its quiz and the figures compare like with like.

Officers read the lessons on their phones, often on a slow connection, so every byte a page needs is counted.
"""


# --- The questions, in both formats ----------------------------------------------------------------------------

def _plain(value):
    """Markdown links reduced to their text (the benchmark site has none of the lessons they point to)."""
    if isinstance(value, str):
        return LINK.sub(r"\1", value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def twenty_questions() -> list[dict]:
    """The first questions of the kinds both plugins have, one from each English lesson bank in turn."""
    queues = []
    for path in sorted((ROOT / "docs" / "en" / "quizzes").glob("lesson-*.yml")):
        bank = safe_yaml.load_file(path)
        queues.append([_plain(q) for q in bank["questions"] if q["type"] in KINDS])
    chosen = []
    while len(chosen) < 20 and any(queues):
        for queue in queues:
            if queue and len(chosen) < 20:
                chosen.append(queue.pop(0))
    if len(chosen) < 20:
        raise SystemExit("the English banks hold fewer than 20 single, multiple, true-false and text questions")
    return chosen


def our_bank(bank_id: str, questions: list[dict]) -> str:
    return yaml.safe_dump({"id": bank_id, "title": "Quiz", "questions": questions}, allow_unicode=True, sort_keys=False)


def _line(text: str) -> str:
    return " ".join(text.split())


def mkdocs_quiz_block(q: dict) -> str:
    """One question in mkdocs-quiz's syntax: a prompt, `- [x]`/`- [ ]` answers with `>` feedback, then the
    explanation; a blank `[[answer]]` for a typed answer, with the explanation after `---`."""
    explanation = q.get("explanation", "")
    if q["type"] == "text":
        return f"<quiz>\n{_line(q['prompt'])} [[{q['accept'][0]}]]\n\n---\n{explanation}\n</quiz>\n"
    if q["type"] == "true-false":
        options = [{"text": "True", "correct": q["answer"]}, {"text": "False", "correct": not q["answer"]}]
    else:
        options = q["options"]
    lines = [f"- [{'x' if o.get('correct') else ' '}] {_line(o['text'])}" +
             (f"\n  > {_line(o['feedback'])}" if o.get("feedback") else "") for o in options]
    return f"<quiz>\n{_line(q['prompt'])}\n" + "\n".join(lines) + f"\n\n{explanation}\n</quiz>\n"


def page(title: str, quiz: str = "") -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{PROSE}\n" + (f"## Quiz\n\n{quiz}" if quiz else "")


# --- mkdocs-quiz's own environment ------------------------------------------------------------------------------

def mkdocs_quiz_python() -> Path:
    """The Python of bench/.venv-mkdocs-quiz, made (or remade, when the pins changed) from the pinned requirements."""
    python, stamp = VENV / "bin" / "python", VENV / "installed-requirements.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == REQUIREMENTS.read_text():
        return python
    print(f"Creating {VENV.relative_to(ROOT)} from {REQUIREMENTS.relative_to(ROOT)} (once)...", flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r",
                           str(REQUIREMENTS)], env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pip could not install {REQUIREMENTS.relative_to(ROOT)}:\n{done.stdout}{done.stderr}")
    shutil.copyfile(REQUIREMENTS, stamp)
    return python


# --- Bytes a reader downloads -----------------------------------------------------------------------------------

def page_downloads(browser, url: str) -> list[tuple[str, str, int, int]]:
    """(url, content type, raw bytes, counted bytes) for every successful response of one cold page load."""
    context = browser.new_context()
    responses = []
    tab = context.new_page()
    tab.on("response", lambda response: responses.append(response))
    tab.goto(url, wait_until="networkidle")
    rows = []
    for response in responses:
        if response.status != 200:
            continue
        body = response.body()
        kind = response.headers.get("content-type", "")
        counted = gzip_size(body) if any(t in kind for t in TEXT_TYPES) else len(body)
        rows.append((response.url, kind, len(body), counted))
    context.close()
    return rows


def _part(url: str, kind: str) -> str:
    if "/assets/quiz/" in url:
        return "runtime"
    return "html" if "html" in kind else "css" if "css" in kind else "js" if "javascript" in kind else "other"


def measure_bytes(sites: dict[str, Path]) -> dict[str, dict[str, dict[str, int]]]:
    """{site: {page: {part: counted bytes}}}, with part "total" too."""
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for name, site in sites.items():
            server = Server(site, free_port())
            try:
                result[name] = {}
                for page_name in ("quiz", "plain"):
                    parts: dict[str, int] = {"total": 0}
                    for url, kind, _raw, counted in page_downloads(browser, f"{server.url}en/{page_name}.html"):
                        parts[_part(url, kind)] = parts.get(_part(url, kind), 0) + counted
                        parts["total"] += counted
                    result[name][page_name] = parts
            finally:
                server.close()
        browser.close()
    return result


def their_runtime_gzip(python: Path) -> int:
    """mkdocs-quiz's CSS, JS and confetti library, each gzip -9, as it inlines them into every page."""
    done = subprocess.run([str(python), "-c", "import mkdocs_quiz, os; print(os.path.dirname(mkdocs_quiz.__file__))"],
                          capture_output=True, text=True, check=True)
    package = Path(done.stdout.strip())
    files = [package / "css" / "quiz.css", package / "js" / "quiz.js", package / "js" / "vendor" / "js-confetti.browser.js"]
    return sum(gzip_size(f.read_bytes()) for f in files)


def growth(size: int) -> str:
    return f"{size:+,} B"


def count_quizzes(html: str, plugin: str) -> int:
    """Questions rendered on the built page: ours are fieldsets; mkdocs-quiz wraps each in <div class="quiz ...">."""
    pattern = r'<fieldset class="quiz__question[^"]*"' if plugin == OURS else r'<div class="quiz(?:\s[^"]*)?"'
    return len(re.findall(pattern, html))


# --- Main -------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="pages (and banks) of the build-time site")
    parser.add_argument("--repeats", type=int, default=3, help="builds of each site; the fastest counts")
    args = parser.parse_args(argv)

    heading(f"Quiz plugins: {OURS} against {THEIRS}, the same 20 questions")
    theirs_python = mkdocs_quiz_python()
    questions = twenty_questions()
    kinds = {k: sum(q["type"] == k for q in questions) for k in KINDS}
    print("Questions: " + ", ".join(f"{n} {k}" for k, n in kinds.items()) + " (from the English lesson banks)")
    inline = "\n".join(mkdocs_quiz_block(q) for q in questions)

    with tempfile.TemporaryDirectory(prefix="bench-quiz-") as tmp:
        tmp = Path(tmp)
        # 1. Bytes.
        sites = {
            "no quiz plugin": (minimal_site(tmp / "none", {"quiz.md": page("Quiz"), "plain.md": page("No quiz")}, []),
                               None),
            OURS: (minimal_site(tmp / "ours", {"quiz.md": page("Quiz", "<!-- quiz: bench -->\n"),
                                               "plain.md": page("No quiz")}, ["quiz"],
                                {"quizzes/bench.yml": our_bank("bench", questions)}), None),
            THEIRS: (minimal_site(tmp / "theirs", {"quiz.md": page("Quiz", inline), "plain.md": page("No quiz")},
                                  ["mkdocs_quiz"]), theirs_python),
        }
        for name, (config, python) in sites.items():
            timed_build(config, python=python or sys.executable, site_dir=config.parent / "site")
        for name in (OURS, THEIRS):
            html = (sites[name][0].parent / "site" / "en" / "quiz.html").read_text(encoding="utf-8")
            found = count_quizzes(html, name)
            if found != 20:
                print(f"WARNING: {name} rendered {found} questions, not 20")
        downloads = measure_bytes({name: config.parent / "site" for name, (config, _) in sites.items()})
        our_runtime = downloads[OURS]["quiz"].get("runtime", 0)

        # 2. Build time.
        times = {}
        for python, label in ((sys.executable, OURS), (theirs_python, THEIRS)):
            plain = {f"page-{n}.md": page(f"Page {n}") for n in range(args.pages)}
            times[label, "without"] = timed_build(minimal_site(tmp / f"t-none-{label}", plain, []), args.repeats, python)
        ours = minimal_site(tmp / "t-ours", {f"page-{n}.md": page(f"Page {n}", f"<!-- quiz: bank-{n} -->\n")
                                             for n in range(args.pages)}, ["quiz"],
                            {f"quizzes/bank-{n}.yml": our_bank(f"bank-{n}", questions) for n in range(args.pages)})
        times[OURS, "with"] = timed_build(ours, args.repeats)
        theirs = minimal_site(tmp / "t-theirs", {f"page-{n}.md": page(f"Page {n}", inline) for n in range(args.pages)},
                              ["mkdocs_quiz"])
        times[THEIRS, "with"] = timed_build(theirs, args.repeats, theirs_python)

    none, us, them = downloads["no quiz plugin"], downloads[OURS], downloads[THEIRS]
    print("\nBytes a reader downloads, one cold page load in Chromium: every response, text bodies gzip -9 "
          f"(1 KB = {KB} bytes)")
    rows = [
        ["quiz page, total", "-", kb(us["quiz"]["total"]), kb(them["quiz"]["total"]), ""],
        ["  of which HTML", "-", kb(us["quiz"].get("html", 0)), kb(them["quiz"].get("html", 0)), ""],
        ["  of which quiz runtime files (JS + CSS)", "-", kb(our_runtime), "inlined in HTML", "≤ 12.0 KB"],
        ["quiz runtime, gzip (JS + CSS, + confetti for mkdocs-quiz)", "-", kb(our_runtime),
         kb(their_runtime_gzip(theirs_python)), "≤ 12.0 KB"],
        ["page without a quiz, total", kb(none["plain"]["total"]), kb(us["plain"]["total"]),
         kb(them["plain"]["total"]), ""],
        ["  growth, first visit (empty cache)", "", growth(us["plain"]["total"] - none["plain"]["total"]),
         growth(them["plain"]["total"] - none["plain"]["total"]), "≤ 1.0 KB"],
        ["  growth, runtime files already cached", "",
         growth(us["plain"]["total"] - us["plain"].get("runtime", 0) - none["plain"]["total"]),
         growth(them["plain"]["total"] - none["plain"]["total"]), "≤ 1.0 KB"],
    ]
    print(table(["", "no quiz plugin", OURS, THEIRS, "target"], rows))

    print(f"\nStrict build of {args.pages} pages, each with its own 20-question quiz, against the same pages without quiz "
          f"or plugin (best of {args.repeats}, CPU seconds; wall in brackets)")
    rows = []
    for label in (OURS, THEIRS):
        without, with_ = min(times[label, "without"]["cpu"]), min(times[label, "with"]["cpu"])
        rows.append([label, f"{without:.2f} ({min(times[label, 'without']['wall']):.2f})",
                     f"{with_:.2f} ({min(times[label, 'with']['wall']):.2f})", f"{with_ / without:.2f}"])
    print(table(["plugin", "without quizzes s", "with quizzes s", "ratio"], rows))
    print("No target in the issue for the ratio: printed for comparison. Sites: Material theme, system fonts, "
          "no search plugin.")


if __name__ == "__main__":
    main(sys.argv[1:])
