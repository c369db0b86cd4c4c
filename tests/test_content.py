"""The content follows its templates in every language (read from the Markdown and YAML sources, no build).

AUTHORING.md defines the templates: lessons (objectives, scenario with a discussion, key points, sources, quiz),
case studies (context ... sources) with an overview that rates the evidence, and the referral guidance pages.
Each check returns a list of problems that names the file, the line where there is one, and the missing id;
a parametrised test per page asserts that list is empty, so a failure says exactly what to fix.
"""

from __future__ import annotations

import doctest
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuilder import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from i18n_site import heading_ids, translation_problems  # noqa: E402

from quiz_plugin import safe_yaml  # noqa: E402
from quiz_plugin.loader import load_bank  # noqa: E402

DOCS = ROOT / "docs"
LANGS = ("en", "ka", "ru")
LESSONS = range(1, 9)
# AUTHORING.md, "Lesson template": the fixed section ids, in this order (a second scenario is {#scenario-2}).
LESSON_SECTIONS = ("objectives", "scenario", "key-points", "sources", "quiz")
SCENARIO = re.compile(r"^scenario(?:-\d+)?$")
# AUTHORING.md, "Case study template": fixed ids in this order, and the evidence levels in the order of the scale.
CASE_SECTIONS = ("context", "what-police-did", "outcomes", "evidence", "meaning-for-georgia", "sources")
EVIDENCE_LEVELS = ("randomised", "controlled", "before-after", "agency-reported", "mixed")
CASES = sorted(path.stem for path in (DOCS / "en" / "cases").glob("*.md") if path.stem != "index")
# What each referral guidance page must cover (README.md, "What this is").
REFERRAL_SECTIONS = {
    "index.md": ("what-referral-is", "pages", "related-training"),
    "pathway.md": ("pathway-flow", "overdose", "asking-for-help", "injecting-equipment", "young-person", "crisis"),
    "what-to-say.md": ("how-to-speak", "scripts", "words-to-avoid"),
    "consent-and-data.md": ("consent-first", "what-you-may-share", "what-you-may-not-share", "why-trust-matters"),
    "referral-card.md": ("card",),
    "cooperation-agreement.md": ("purpose", "roles", "referral-procedure", "information-sharing", "contact-points",
                                 "review"),
    "for-ngos.md": ("approaching-police", "joint-meetings", "keeping-partnership"),
    "directory.md": ("directory", "add-local-entry"),
}
# Text that must sit inside a given section of a referral page: (page, section id, what, pattern).
REFERRAL_MARKERS = (
    ("directory.md", "directory", "the <!-- services --> marker", re.compile(r"^<!-- services -->\s*$", re.M)),
    ("directory.md", "add-local-entry", "the example entry (a ```yaml block)", re.compile(r"^```yaml\s*$", re.M)),
    ("referral-card.md", "card", 'the printable card (<div class="print-card" markdown>)',
     re.compile(r'^<div class="print-card" markdown>', re.M)),
)


# --- Reading a page -------------------------------------------------------------------------------------------

@dataclass
class Section:
    id: str | None
    level: int
    title: str  # heading text without its {#id}
    line: int
    body: str  # everything up to the next heading of the same or a higher level


@dataclass
class Page:
    rel: str  # docs/<lang>/...: how problems name the file
    meta: dict
    sections: list[Section]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def ids(self, level: int | None = None) -> list[str]:
        return [s.id for s in self.sections if level is None or s.level == level]


def front_matter(rel: str, text: str) -> dict:
    """The page's front matter. MkDocs shows front matter that is not valid YAML as page text, silently."""
    if safe_yaml.FRONT_MATTER.match(text) is None:
        raise AssertionError(f"{rel}:1: no front matter (a block between --- lines at the top of the page)")
    try:
        meta = safe_yaml.front_matter(text, rel)
    except safe_yaml.YamlError as error:
        raise AssertionError(f"{rel}:{error.line}: front matter is not valid YAML ({error.problem}); "
                             f"put a value that contains ': ' in double quotes") from None
    if not meta:
        raise AssertionError(f"{rel}:2: front matter should be a mapping (title: ..., description: ...)")
    return meta


def parse_page(rel: str, text: str) -> Page:
    meta = front_matter(rel, text)
    lines = text.splitlines()
    found = heading_ids(text)
    sections = []
    for index, (number, anchor, heading) in enumerate(found):
        level = len(lines[number - 1]) - len(lines[number - 1].lstrip("#"))
        end = next((n for n, _, _ in found[index + 1:]
                    if len(lines[n - 1]) - len(lines[n - 1].lstrip("#")) <= level), len(lines) + 1)
        title = re.sub(r"\s*\{[^}]*\}\s*$", "", heading).strip()
        sections.append(Section(anchor, level, title, number, "\n".join(lines[number:end - 1])))
    return Page(rel, meta, sections)


def read_page(lang: str, rel: str) -> Page:
    return parse_page(f"docs/{lang}/{rel}", (DOCS / lang / rel).read_text(encoding="utf-8"))


def list_items(markdown: str) -> int:
    return len(re.findall(r"^\s*(?:[-*+]|\d+\.)\s+\S", markdown, re.M))


def front_matter_problems(page: Page, *fields: str) -> list[str]:
    return [f"{page.rel}: front matter has no {field}" for field in fields
            if not isinstance(page.meta.get(field), str) or not page.meta[field].strip()]


def order_problems(page: Page, required: tuple[str, ...]) -> list[str]:
    """Missing sections (one problem per id), then whether those present keep the template's order."""
    ids = page.ids(level=2)
    problems = [f"{page.rel}: missing section {{#{section_id}}}" for section_id in required if section_id not in ids]
    present = [section_id for section_id in required if section_id in ids]
    if [ids.index(i) for i in present] != sorted(ids.index(i) for i in present):
        problems.append(f"{page.rel}: sections out of order: expected {', '.join(present)}, found {', '.join(ids)}")
    return problems


ALL_PAGES = [pytest.param(path, id=path.relative_to(DOCS).as_posix())
             for lang in LANGS for path in sorted((DOCS / lang).rglob("*.md"))]


@pytest.mark.parametrize("path", ALL_PAGES)
def test_front_matter_is_valid_and_complete(path):
    rel = f"docs/{path.relative_to(DOCS).as_posix()}"
    page = parse_page(rel, path.read_text(encoding="utf-8"))
    assert front_matter_problems(page, "title", "description") == []


def test_invalid_front_matter_is_reported():
    with pytest.raises(AssertionError, match=r"docs/ka/x.md:3: front matter is not valid YAML"):
        front_matter("docs/ka/x.md", "---\ntitle: ნიმუში\ndescription: ნიმუში: მიზანი\n---\n# x\n")


# --- Lessons --------------------------------------------------------------------------------------------------

def lesson_problems(page: Page, number: int) -> list[str]:
    problems = front_matter_problems(page, "title", "description")
    minutes = page.meta.get("reading_time")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        problems.append(f"{page.rel}: front matter reading_time should be a whole number of minutes, found {minutes!r}")
    if page.ids(level=1) != [f"lesson-{number}"]:
        problems.append(f"{page.rel}: the title should be one H1 with the id {{#lesson-{number}}}, found {page.ids(level=1)}")
    required = tuple(i for i in LESSON_SECTIONS if i != "scenario")
    problems += order_problems(page, required)
    h2 = page.ids(level=2)
    scenarios = [s for s in page.sections if s.level == 2 and s.id and SCENARIO.match(s.id)]
    if not scenarios:
        problems.append(f"{page.rel}: missing section {{#scenario}} (a scenario exercise)")
    for scenario in scenarios:
        if not re.search(r"^\?\?\?\+? \w+", scenario.body, re.M):
            problems.append(f"{page.rel}:{scenario.line}: scenario {{#{scenario.id}}} has no collapsible discussion "
                            f'(a `??? success "..."` block)')
        if "key-points" in h2 and h2.index(scenario.id) > h2.index("key-points"):
            problems.append(f"{page.rel}:{scenario.line}: scenario {{#{scenario.id}}} should come before {{#key-points}}")
    for section_id, minimum in (("objectives", 2), ("key-points", 2)):
        section = page.section(section_id)
        if section and list_items(section.body) < minimum:
            problems.append(f"{page.rel}:{section.line}: {{#{section_id}}} should be a list of at least {minimum} items")
    sources = page.section("sources")
    if sources and list_items(sources.body):
        # The build writes the list from the page's [@key] citations (hooks/sources.py); a hand-written one would
        # cite the same study a second way.
        problems.append(f"{page.rel}:{sources.line}: {{#sources}} is written by the build from the page's [@key] "
                        "citations; remove the hand-written list")
    quiz = page.section("quiz")
    if quiz and f"<!-- quiz: lesson-{number} -->" not in quiz.body:
        problems.append(f"{page.rel}:{quiz.line}: {{#quiz}} does not place its bank with <!-- quiz: lesson-{number} -->")
    if h2 and h2[-1] != "quiz":
        problems.append(f"{page.rel}: {{#quiz}} should be the last section, found {{#{h2[-1]}}} after it")
    return problems


def bank_problems(lang: str, number: int) -> list[str]:
    rel = f"docs/{lang}/quizzes/lesson-{number}.yml"
    bank = load_bank(DOCS / lang / "quizzes" / f"lesson-{number}.yml", rel)
    anchors = {anchor for _, anchor, _ in heading_ids((DOCS / lang / "training" / f"lesson-{number}.md").read_text("utf-8"))}
    scored = bank.scored_questions()
    problems = []
    if len(scored) < 8:
        problems.append(f"{rel}: {len(scored)} questions, at least 8 expected")
    types = sorted({q.type for q in scored})
    if len(types) < 3:
        problems.append(f"{rel}: question types {types}, at least 3 different types expected")
    if not any(q.type == "scenario" for q in bank.questions):
        problems.append(f"{rel}: no scenario group (type: scenario), at least 1 expected")
    link = re.compile(rf"\]\((?:\.\./training/)?lesson-{number}\.md#([a-z0-9-]+)\)")
    for question in scored:
        targets = link.findall(question.explanation)
        if not targets:
            problems.append(f"{rel}:{question.line}: question '{question.id}': the explanation should link to a section "
                            f"of the lesson, like [..](../training/lesson-{number}.md#some-id)")
        problems += [f"{rel}:{question.line}: question '{question.id}' links to #{t}, which lesson {number} does not have"
                     for t in targets if t not in anchors]
    return problems


LESSON_PARAMS = [pytest.param(lang, n, id=f"{lang}/training/lesson-{n}.md") for lang in LANGS for n in LESSONS]


@pytest.mark.parametrize("lang,number", LESSON_PARAMS)
def test_lesson_follows_the_template(lang, number):
    assert lesson_problems(read_page(lang, f"training/lesson-{number}.md"), number) == []


@pytest.mark.parametrize("lang,number", [pytest.param(lang, n, id=f"{lang}/quizzes/lesson-{n}.yml")
                                         for lang in LANGS for n in LESSONS])
def test_lesson_bank_is_varied_and_points_back_to_the_lesson(lang, number):
    assert bank_problems(lang, number) == []


def test_lesson_checks_catch_a_broken_lesson():
    """The checks above can fail: a lesson without key points, discussion or quiz marker is reported, by id."""
    text = (DOCS / "en" / "training" / "lesson-3.md").read_text(encoding="utf-8")
    broken = (text.replace("## Key points {#key-points}", "## Summary {#summary}")
              .replace('??? success "Discussion"', '!!! success "Discussion"')
              .replace("<!-- quiz: lesson-3 -->", "<!-- quiz: lesson-4 -->")
              .replace("reading_time: 25", "reading_time: soon"))
    problems = "\n".join(lesson_problems(parse_page("docs/en/training/lesson-3.md", broken), 3))
    for expected in ("missing section {#key-points}", "scenario {#scenario} has no collapsible discussion",
                     "<!-- quiz: lesson-3 -->", "reading_time"):
        assert expected in problems, problems


# --- Georgia in focus ----------------------------------------------------------------------------------------

# AUTHORING.md, "Georgia in focus pages": reference pages of the training module without a quiz, so that they do not
# change what a trainee must pass (every bank placed in training/ is listed on the progress page).
FOCUS_PAGES = ("georgia-law", "policy-options", "police-prevention", "local-picture")
FOCUS_SECTIONS = ("why-it-matters", "discussion", "related", "sources")


def focus_problems(page: Page, slug: str) -> list[str]:
    problems = front_matter_problems(page, "title", "description")
    if page.ids(level=1) != [slug]:
        problems.append(f"{page.rel}: the title should be one H1 with the id {{#{slug}}}, found {page.ids(level=1)}")
    problems += order_problems(page, FOCUS_SECTIONS)
    h2 = page.ids(level=2)
    if h2 and h2[-1] != "sources":
        problems.append(f"{page.rel}: {{#sources}} should be the last section, found {{#{h2[-1]}}} after it")
    discussion, related = page.section("discussion"), page.section("related")
    if discussion and list_items(discussion.body) < 3:
        problems.append(f"{page.rel}:{discussion.line}: {{#discussion}} should list at least 3 questions")
    if discussion and not re.search(r"^\?\?\?\+? \w+", discussion.body, re.M):
        problems.append(f"{page.rel}:{discussion.line}: {{#discussion}} has no collapsible notes for the trainer "
                        f'(a `??? note "..."` block)')
    if related and not re.search(r"\]\(lesson-\d+\.md#[a-z0-9-]+\)", related.body):
        problems.append(f"{page.rel}:{related.line}: {{#related}} should link to a section of a lesson")
    if any(s.body.count("<!-- quiz:") for s in page.sections):
        problems.append(f"{page.rel}: places a quiz; a Georgia in focus page has discussion questions instead")
    return problems


@pytest.mark.parametrize("lang,slug", [pytest.param(lang, s, id=f"{lang}/training/{s}.md")
                                       for lang in LANGS for s in FOCUS_PAGES])
def test_georgia_in_focus_page_follows_its_template(lang, slug):
    assert focus_problems(read_page(lang, f"training/{slug}.md"), slug) == []


@pytest.mark.parametrize("lang", LANGS)
def test_georgia_in_focus_pages_are_linked_from_the_overview_and_the_home_page(lang):
    overview = read_page(lang, "training/index.md").section("georgia-in-focus")
    assert overview is not None, f"docs/{lang}/training/index.md has no section {{#georgia-in-focus}}"
    home = (DOCS / lang / "index.md").read_text(encoding="utf-8")
    for slug in FOCUS_PAGES:
        assert f"]({slug}.md)" in overview.body, f"docs/{lang}/training/index.md does not link {slug}.md"
        assert f"](training/{slug}.md)" in home, f"docs/{lang}/index.md does not link training/{slug}.md"


@pytest.mark.parametrize("lang", LANGS)
def test_the_trainers_guide_plans_a_session_on_each_georgia_in_focus_page(lang):
    """The trainer's guide gives each page a place in a session (a row with its time) and leads to its questions."""
    plan = read_page(lang, "training/trainers-guide.md").section("georgia-in-focus-session")
    assert plan is not None, f"docs/{lang}/training/trainers-guide.md has no section {{#georgia-in-focus-session}}"
    for slug in FOCUS_PAGES:
        row = next((line for line in plan.body.splitlines() if f"]({slug}.md#discussion)" in line), "")
        assert row.startswith("|") and re.search(r"\| \d+ \w+ \|", row), \
            f"docs/{lang}/training/trainers-guide.md: no session row with a time for {slug}.md#discussion"


def test_focus_checks_catch_a_broken_page():
    text = (DOCS / "en" / "training" / "local-picture.md").read_text(encoding="utf-8")
    related = text.index("## Related pages {#related}")
    broken = (text[:related].replace("## Discussion questions {#discussion}", "## Questions {#questions}")
              + re.sub(r"\]\(lesson-\d+\.md#[a-z0-9-]+\)", "](../cases/index.md#cases)", text[related:])
              + "\n## Quiz {#quiz}\n\n<!-- quiz: lesson-3 -->\n")
    problems = "\n".join(focus_problems(parse_page("docs/en/training/local-picture.md", broken), "local-picture"))
    for expected in ("missing section {#discussion}", "{#related} should link to a section of a lesson",
                     "places a quiz", "{#sources} should be the last section"):
        assert expected in problems, problems


# --- Case studies ---------------------------------------------------------------------------------------------

def case_problems(page: Page, slug: str) -> list[str]:
    problems = front_matter_problems(page, "title", "description", "years")
    if page.meta.get("evidence") not in EVIDENCE_LEVELS:
        problems.append(f"{page.rel}: front matter evidence is {page.meta.get('evidence')!r}, "
                        f"expected one of {', '.join(EVIDENCE_LEVELS)}")
    if page.ids(level=1) != [slug]:
        problems.append(f"{page.rel}: the title should be one H1 with the id {{#{slug}}}, found {page.ids(level=1)}")
    problems += order_problems(page, CASE_SECTIONS)
    evidence = page.section("evidence")
    if evidence and "index.md#evidence-scale" not in evidence.body:
        problems.append(f"{page.rel}:{evidence.line}: {{#evidence}} should link to the scale (index.md#evidence-scale)")
    return problems


def table_rows(markdown: str) -> list[list[str]]:
    """Body rows of the first Markdown table, as lists of cell texts."""
    rows = [line.strip().strip("|").split("|") for line in markdown.splitlines() if line.strip().startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def scale_labels(scale: Section) -> list[str]:
    """The labels of the evidence scale, strongest first: a definition list of **label** lines, each followed by
    ":   what it can and cannot show"."""
    return re.findall(r"^\*\*(.+?)\*\*\s*\n:\s", scale.body, re.M)


def evidence_label_problems(page: Page, label: str) -> list[str]:
    """The case names its evidence with the scale's label, in its summary box (the last item) and at the start of its
    {#evidence} section, so that a reader finds the same words on the case page and in the comparison table."""
    problems = []
    box = re.search(r"^!!! abstract.*\n((?:(?:    .*)?\n)+)", page.sections[0].body + "\n", re.M)
    items = re.findall(r"^    - \*\*[^*]+?:?\*\*:?\s*(.+)$", box.group(1), re.M) if box else []
    box_line = page.sections[0].line + 1 + page.sections[0].body[:box.start()].count("\n") if box else page.sections[0].line
    named = {f"the summary box (line {box_line})": items[-1] if items else ""}
    evidence = page.section("evidence")
    if evidence:
        lead = re.match(r"\s*\*\*(.+?)\*\*", evidence.body, re.S)
        text = " ".join(lead.group(1).split()) if lead else ""
        prefix = evidence.title + ":"  # "Strength of evidence: controlled but not randomised."
        named[f"{{#evidence}} (line {evidence.line})"] = text[len(prefix):].strip() if text.casefold().startswith(
            prefix.casefold()) else text
    for where, text in named.items():
        if not text.casefold().startswith(label.casefold()):
            problems.append(f"{page.rel}: {where} says '{text[:60]}', but the case is rated "
                            f"'{page.meta.get('evidence')}', which the scale (cases/index.md) labels '{label}'")
    return problems


def overview_problems(lang: str) -> list[str]:
    page = read_page(lang, "cases/index.md")
    problems = order_problems(page, ("evidence-scale", "comparison"))
    scale, comparison = page.section("evidence-scale"), page.section("comparison")
    if not scale or not comparison:
        return problems
    labels = scale_labels(scale)
    if len(labels) != len(EVIDENCE_LEVELS):
        return problems + [f"{page.rel}:{scale.line}: the evidence scale defines {len(labels)} levels, expected "
                           f"{len(EVIDENCE_LEVELS)} ({', '.join(EVIDENCE_LEVELS)}, in this order)"]
    label_of = dict(zip(EVIDENCE_LEVELS, labels))
    rows = {}
    for row in table_rows(comparison.body):
        slugs = re.findall(r"\]\(([a-z0-9-]+)\.md(?:#[a-z0-9-]+)?\)", row[0])
        if len(slugs) != 1 or len(row) != 5:
            problems.append(f"{page.rel}: comparison row '{row[0]}' should link one case and have 5 columns")
            continue
        if slugs[0] in rows:
            problems.append(f"{page.rel}: the comparison table has two rows for {slugs[0]}.md")
        rows[slugs[0]] = row
    for slug in CASES:
        if slug not in rows:
            problems.append(f"{page.rel}: the comparison table has no row for {slug}.md")
            continue
        case = read_page(lang, f"cases/{slug}.md").meta
        years, strength = rows[slug][1], rows[slug][4]
        if years != case.get("years"):
            problems.append(f"{page.rel}: {slug}: years '{years}' differ from the case's front matter '{case.get('years')}'")
        expected = label_of.get(case.get("evidence"))
        if strength != expected:
            problems.append(f"{page.rel}: {slug}: strength of evidence '{strength}', but the case is rated "
                            f"'{case.get('evidence')}', labelled '{expected}' on the scale")
    problems += [f"{page.rel}: the comparison table links {slug}.md, which is not a case study"
                 for slug in rows if slug not in CASES]
    return problems


@pytest.mark.parametrize("lang,slug", [pytest.param(lang, s, id=f"{lang}/cases/{s}.md") for lang in LANGS for s in CASES])
def test_case_study_follows_the_template(lang, slug):
    assert case_problems(read_page(lang, f"cases/{slug}.md"), slug) == []


@pytest.mark.parametrize("lang,slug", [pytest.param(lang, s, id=f"{lang}/cases/{s}.md") for lang in LANGS for s in CASES])
def test_case_page_labels_its_evidence_as_the_scale_does(lang, slug):
    labels = dict(zip(EVIDENCE_LEVELS, scale_labels(read_page(lang, "cases/index.md").section("evidence-scale"))))
    page = read_page(lang, f"cases/{slug}.md")
    assert evidence_label_problems(page, labels[page.meta["evidence"]]) == []


def test_a_case_labelled_otherwise_than_the_scale_is_found():
    text = (DOCS / "ru" / "cases" / "lead-seattle.md").read_text(encoding="utf-8")
    label = "С контрольной группой, но без рандомизации"
    assert evidence_label_problems(parse_page("docs/ru/cases/lead-seattle.md", text), label) == []
    # The wording the translation review found on this page (section 3.1): the same level, named another way.
    broken = text.replace("с контрольной группой, но без рандомизации", "контролируемое, но не рандомизированное исследование")
    problems = evidence_label_problems(parse_page("docs/ru/cases/lead-seattle.md", broken), label)
    assert len(problems) == 2, problems
    assert "the summary box (line 12) says 'контролируемое, но не рандомизированное исследование'" in problems[0]
    assert "{#evidence} (line" in problems[1] and f"labels '{label}'" in problems[1]


# Lesson 6 compares three of the cases side by side; its last row rates each one's evidence.
LESSON_6_EXAMPLES = ("lead-seattle", "gloucester-angel", "durham-checkpoint")


def lesson_6_evidence_problems(page: Page) -> list[str]:
    """Each cell of the evidence row opens with that case's label on the scale, so that the lesson and the case page
    use the same words (lesson 6 once said "Controlled, not randomised" where the scale says "Controlled but not
    randomised")."""
    lang = page.rel.split("/")[1]  # docs/<lang>/training/lesson-6.md
    labels = dict(zip(EVIDENCE_LEVELS, scale_labels(read_page(lang, "cases/index.md").section("evidence-scale"))))
    examples = page.section("examples")
    rows = table_rows(examples.body) if examples else []
    if not rows:
        return [f"{page.rel}: {{#examples}} has no comparison table"]
    cells = rows[-1][1:]
    if len(cells) != len(LESSON_6_EXAMPLES):
        return [f"{page.rel}: the comparison table's last row has {len(cells)} cells, expected one per example "
                f"({', '.join(LESSON_6_EXAMPLES)})"]
    problems = []
    for slug, cell in zip(LESSON_6_EXAMPLES, cells):
        rating = read_page(lang, f"cases/{slug}.md").meta.get("evidence")
        if not cell.casefold().startswith(labels[rating].casefold()):
            problems.append(f"{page.rel}: {{#examples}} (line {examples.line}) rates {slug} '{cell[:60]}', but the case "
                            f"is rated '{rating}', which the scale labels '{labels[rating]}'")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_6_rates_its_examples_as_the_scale_does(lang):
    assert lesson_6_evidence_problems(read_page(lang, "training/lesson-6.md")) == []


def test_a_lesson_6_example_rated_in_other_words_is_found():
    text = (DOCS / "en" / "training" / "lesson-6.md").read_text(encoding="utf-8")
    broken = text.replace("| Controlled but not randomised |", "| Controlled, not randomised |")
    assert broken != text
    problems = lesson_6_evidence_problems(parse_page("docs/en/training/lesson-6.md", broken))
    assert problems == ["docs/en/training/lesson-6.md: {#examples} (line 45) rates lead-seattle 'Controlled, not "
                        "randomised', but the case is rated 'controlled', which the scale labels 'Controlled but not "
                        "randomised'"]


@pytest.mark.parametrize("lang", LANGS)
def test_case_overview_has_the_scale_and_one_row_per_case(lang):
    assert len(CASES) >= 9
    assert overview_problems(lang) == []


# --- Referral guidance ----------------------------------------------------------------------------------------

def referral_problems(lang: str, name: str) -> list[str]:
    page = read_page(lang, f"referral/{name}")
    problems = front_matter_problems(page, "title", "description")
    problems += order_problems(page, REFERRAL_SECTIONS[name])
    for marker_page, section_id, what, pattern in REFERRAL_MARKERS:
        section = page.section(section_id)
        if marker_page == name and section and not pattern.search(section.body):
            problems.append(f"{page.rel}:{section.line}: {{#{section_id}}} should contain {what}")
    if name == "index.md" and page.section("pages"):
        linked = set(re.findall(r"\]\(([a-z0-9-]+\.md)", page.section("pages").body))
        problems += [f"{page.rel}: {{#pages}} does not link to {other}" for other in REFERRAL_SECTIONS
                     if other != name and other not in linked]
    if lang != "en":
        english, own = read_page("en", f"referral/{name}").ids(), page.ids()
        if own != english:
            problems.append(f"{page.rel}: heading ids differ from docs/en/referral/{name}: "
                            f"missing {[i for i in english if i not in own]}, extra {[i for i in own if i not in english]}")
    return problems


@pytest.mark.parametrize("lang,name", [pytest.param(lang, name, id=f"{lang}/referral/{name}")
                                       for lang in LANGS for name in REFERRAL_SECTIONS])
def test_referral_page_has_its_sections(lang, name):
    assert referral_problems(lang, name) == []


def test_referral_pages_are_all_checked():
    assert sorted(p.name for p in (DOCS / "en" / "referral").glob("*.md")) == sorted(REFERRAL_SECTIONS)


def test_every_page_has_the_same_heading_ids_in_every_language():
    assert translation_problems(DOCS) == []


# --- Links between training, cases and referral -----------------------------------------------------------------

@pytest.mark.parametrize("lang,number", LESSON_PARAMS)
def test_lesson_links_to_cases_or_referral_guidance(lang, number):
    text = (DOCS / lang / "training" / f"lesson-{number}.md").read_text(encoding="utf-8")
    assert re.search(r"\]\(\.\./(?:cases|referral)/[a-z0-9-]+\.md", text), \
        f"docs/{lang}/training/lesson-{number}.md links to no case study (../cases/) or referral page (../referral/)"


@pytest.mark.parametrize("lang,rel", [pytest.param(lang, rel, id=f"{lang}/{rel}") for lang in LANGS
                                      for rel in [f"cases/{s}.md" for s in ["index", *CASES]]
                                      + [f"referral/{name}" for name in REFERRAL_SECTIONS]])
def test_case_and_referral_pages_link_back_to_training(lang, rel):
    text = (DOCS / lang / rel).read_text(encoding="utf-8")
    assert re.search(r"\]\(\.\./training/[a-z0-9-]+\.md", text), \
        f"docs/{lang}/{rel} links to no page of the training module (../training/...)"


# --- Template headings read the same in every lesson ------------------------------------------------------------

def wording_problems(lang: str, folder: str, names: list[str], section_ids: tuple[str, ...]) -> list[str]:
    """A fixed section id has one heading text in every page of the folder (scenario: the part before the colon)."""
    seen: dict[str, dict[str, list[str]]] = {}
    for name in names:
        page = read_page(lang, f"{folder}/{name}")
        for section in page.sections:
            if section.id in section_ids or (section.id and "scenario" in section_ids and SCENARIO.match(section.id)):
                key = "scenario" if SCENARIO.match(section.id) else section.id
                text = section.title.split(":")[0].strip() if key == "scenario" else section.title
                seen.setdefault(key, {}).setdefault(text, []).append(name)
    return [f"docs/{lang}/{folder}: {{#{key}}} is worded differently: "
            + "; ".join(f"'{text}' in {', '.join(files)}" for text, files in wordings.items())
            for key, wordings in seen.items() if len(wordings) > 1]


@pytest.mark.parametrize("lang", LANGS)
def test_lesson_template_headings_are_worded_alike(lang):
    assert wording_problems(lang, "training", [f"lesson-{n}.md" for n in LESSONS], LESSON_SECTIONS) == []


@pytest.mark.parametrize("lang", LANGS)
def test_case_template_headings_are_worded_alike(lang):
    assert wording_problems(lang, "cases", [f"{s}.md" for s in CASES], CASE_SECTIONS) == []


# --- No English left in the Georgian and Russian pages -----------------------------------------------------------

MIN_RUN = 6  # this many English words in a row is a sentence someone forgot to translate
CITATION_SECTIONS = ("sources", "resources")  # lists of publications, cited by their original titles
_STRIP = (re.compile(r"`[^`]*`"), re.compile(r"\]\([^)]*\)"), re.compile(r"<[^>]*>"), re.compile(r"https?://\S+"),
          re.compile(r"\{[#.:][^}]*\}"),
          re.compile(r"(?<![*\w])\*(?!\*)[^*]+\*(?!\*)"),  # *a cited title*, in italics as in the Sources lists
          re.compile(r"\([^()]*\b(?:1[89]|20)\d\d\b[^()]*\)"))  # (Author et al., 2016): a citation
_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_PUNCTUATION = ".,:;!?«»“”„\"'()[]*_–—/&+=<>|~"


def _foreign(char: str) -> bool:
    return char.isalpha() and not char.isascii()


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))  # keep newlines, so positions still give line numbers


def english_runs(text: str) -> list[tuple[int, str]]:
    """(offset, words) for each run of MIN_RUN or more English words in translated text (a line or a paragraph).

    Not counted: code, link targets, HTML tags, URLs, abbreviations in capitals (HIV, LEAD), cited titles in
    italics, citations in brackets with a year, an abbreviation's expansion in brackets after it, and an original
    name given next to its translation, either in brackets after it or followed by it in brackets.

    >>> english_runs("Call the ambulance and stay with the person.")
    [(0, 'Call the ambulance and stay with the person')]
    >>> english_runs("თანამშრომლობა (Police, Treatment, and Community Collaborative, PTACC), 2017")
    []
    >>> english_runs("Police Assisted Addiction and Recovery Initiative (Инициатива по преодолению)")
    []
    >>> english_runs("в отчёте в *New England Journal of Medicine* (Schiff et al., 2016) насчитали")
    []
    """
    for pattern in _STRIP:
        text = pattern.sub(_blank, text)

    def blank_gloss(match):
        # Brackets right after a word in the page's own script hold the original name; after an abbreviation,
        # its expansion: "PAARI (Police Assisted Addiction and Recovery Initiative)".
        before = text[:match.start()].split()
        word = before[-1].strip(_PUNCTUATION) if before else ""
        return _blank(match) if word and (_foreign(word[-1]) or word.isupper()) else match.group(0)
    text = _PARENS.sub(blank_gloss, text)
    runs, start, end, words = [], None, 0, 0

    def flush():
        after = text[end:].lstrip()
        bracket = _PARENS.match(after)
        translated_next = bracket and _foreign(next((c for c in bracket.group(1) if c.isalpha()), "a"))
        if words >= MIN_RUN and not translated_next:
            runs.append((start, " ".join(text[start:end].split()).strip(_PUNCTUATION)))

    for token in re.finditer(r"\S+", text):
        bare = token.group(0).strip(_PUNCTUATION)
        if not bare or not any(c.isalpha() for c in bare) or (_WORD.fullmatch(bare) and bare.isupper()):
            continue  # punctuation, a number or an abbreviation: neither a word nor a break
        if _WORD.fullmatch(bare):
            if start is None:
                start, words = token.start(), 0
            words, end = words + 1, token.end()
        else:
            if start is not None:
                flush()
            start = None
    if start is not None:
        flush()
    return runs


def paragraphs(text: str):
    """(first line number, section id, paragraph) for the prose of a page: no code, no comments, no citation lists."""
    block, first, in_fence, section = [], 0, False, None
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            line = ""
        heading = re.match(r"^(#{1,6})\s.*\{#([a-z0-9-]+)\}\s*$", line)
        starts_item = re.match(r"^\s*(?:[-*+]|\d+\.|:)\s", line)
        if not line.strip() or in_fence or heading or starts_item or line.lstrip().startswith("<!--"):
            if block:
                yield first, section, "\n".join(block)
            block = []
        if heading and len(heading.group(1)) <= 2:
            section = heading.group(2)
        if line.strip() and not in_fence and not line.lstrip().startswith("<!--"):
            if not block:
                first = number
            block.append(line)


def page_english(rel: str, text: str) -> list[str]:
    return [f"{rel}:{first + block[:offset].count(chr(10))}: '{run}'"
            for first, section, block in paragraphs(text) if section not in CITATION_SECTIONS
            for offset, run in english_runs(block)]


def bank_english(rel: str, text: str) -> list[str]:
    """Translated fields of a bank (accept lists may name the English term on purpose)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "prompt", "text", "feedback", "explanation", "scenario", "left", "right") \
                        and isinstance(value, str):
                    found.extend(f"{rel}: {key} '{run}'" for _, run in english_runs(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(safe_yaml.load(text, rel))
    return found


TRANSLATED = [pytest.param(path, id=path.relative_to(DOCS).as_posix())
              for lang in ("ka", "ru") for path in sorted((DOCS / lang).rglob("*")) if path.suffix in (".md", ".yml")]


@pytest.mark.parametrize("path", TRANSLATED)
def test_no_english_sentence_left_untranslated(path):
    rel = f"docs/{path.relative_to(DOCS).as_posix()}"
    text = path.read_text(encoding="utf-8")
    assert (page_english if path.suffix == ".md" else bank_english)(rel, text) == []


def test_untranslated_english_is_found():
    """The heuristic can fail: an English sentence in a Georgian paragraph is reported; a cited title is not."""
    page = ("---\ntitle: ტესტი\n---\n\n# ტესტი {#t}\n\nგამოიძახეთ სასწრაფო. Stay with the person until the ambulance "
            "arrives.\n\n## წყაროები {#sources}\n\n- WHO, 2014, *Community management of opioid overdose in the community*.\n")
    assert page_english("docs/ka/x.md", page) == ["docs/ka/x.md:7: 'Stay with the person until the ambulance arrives'"]


def test_english_heuristic_examples():
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    for test in finder.find(english_runs, globs=globals()):
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
