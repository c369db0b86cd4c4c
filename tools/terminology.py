"""One terminology for the site: data/terminology.yml, and a check that pages and banks keep to it.

Each term has its form in English, Georgian and Russian, the forms to avoid, a note, and optionally how to find it
in text. The check reports, with file and line:

- an avoided form in a page, a bank, the service directory, a note of the sources registry or the site's menu
  (`avoid:`), such as ru «диверсия» for *diversion* (it means sabotage);
- a section (or a question of a bank) whose English uses a term while its translation has none of the forms the
  term allows there (`find:`): the term was translated another way;
- in Georgian, a lesson named in a sentence as its title names it („გაკვეთილი 4“ for „მე-4 გაკვეთილი“).

Patterns are words separated by spaces; a word ending in `*` is a stem that takes any ending (Georgian and Russian
inflect: `диверси*` finds «диверсия», «диверсии», «диверсией»); any other word must stand whole. A pattern with a
capital letter matches case-sensitively ("WHO" is not "who"); one in lower case ignores case.

Not checked, because they quote or cite on purpose: the Sources sections, citations `[@key]`, code, link targets,
HTML comments; a Latin-script avoided form in brackets or in *italics* (the original name given beside the
translation, or a cited title); and, for terms marked `quoted_mentions: true`, a form inside quotation marks (the
words-to-avoid tables: «наркоман»).

The glossary pages are checked against the base (every entry is a term, under its form in each language), and the
tooltips are generated from it (hooks/abbreviations.py), so neither can disagree with the lessons.

    python -m tools.terminology check     every problem, with file and line; exit status 1 when there is one
    python -m tools.terminology confirm   the terms police trainers are asked to confirm

Plain Python (no MkDocs).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quiz_plugin import safe_yaml

ROOT = Path(__file__).resolve().parent.parent
TERMINOLOGY = ROOT / "data" / "terminology.yml"
LANGUAGES = ("en", "ka", "ru")
TRANSLATIONS = ("ka", "ru")
# Sections that list publications under their published titles and authors' spelling.
CITATION_SECTIONS = ("sources", "resources")
# The text fields of a question bank (accept lists are per language on purpose and may hold English).
BANK_TEXT = ("title", "prompt", "text", "feedback", "explanation", "scenario", "left", "right")
TERM_KEYS = {"id", "en", "ka", "ru", "abbr", "tooltip", "find", "avoid", "ignore", "allow_in", "note", "confirm", "glossary",
             "quoted_mentions"}


class TerminologyError(Exception):
    """data/terminology.yml cannot be used; the message names the file and the line."""


# --- Patterns ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    text: str  # as written in data/terminology.yml: "вывод* из уголовн* процесс*"
    regex: re.Pattern

    @property
    def latin(self) -> bool:
        return any("a" <= c.lower() <= "z" for c in self.text)


def compile_pattern(text: str) -> Pattern:
    """A pattern of whole words and stems (`*`), as explained above.

    >>> bool(compile_pattern("диверси*").regex.search("Программы диверсии"))
    True
    >>> bool(compile_pattern("нарик*").regex.search("фонарик"))
    False
    >>> bool(compile_pattern("WHO").regex.search("WHO-ს რეკომენდაცია")), bool(compile_pattern("WHO").regex.search("who"))
    (True, False)
    >>> compile_pattern("вывод* из уголовн* процесс*").regex.search("вывода из\\nуголовного процесса").group(0)
    'вывода из\\nуголовного процесса'
    """
    words = text.split()
    if not words:
        raise ValueError("an empty pattern")
    parts = [re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) + r"(?!\w)" for word in words]
    flags = 0 if any(c.isupper() for c in text) else re.IGNORECASE
    return Pattern(text, re.compile(r"(?<!\w)" + r"\s+".join(parts), flags))


# --- The terminology base -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    id: str
    forms: dict[str, str]  # language -> the form to use
    line: int  # where the term starts in data/terminology.yml
    abbr: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> abbreviations, the usual first
    tooltips: dict[str, str] = field(default_factory=dict)  # language -> tooltip text, when not the form itself
    find: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    avoid: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    ignore: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrases that are not this term (names)
    note: str = ""
    confirm: str = ""  # a question for police trainers, listed in AUTHORING.md
    glossary: bool = False  # has an entry on the glossary pages
    quoted_mentions: bool = False  # an avoided form in quotation marks is a mention, not a use
    allow_in: tuple[str, ...] = ()  # sections that name the avoided forms on purpose: "referral/what-to-say.md#words-to-avoid"

    def tooltip(self, language: str, abbreviation: str) -> str:
        """The tooltip of an abbreviation: the term's form (or its own tooltip text) starting with a capital, with the
        usual abbreviation when this is another one.

        >>> Term("hiv", {"ru": "вирус иммунодефицита человека"}, 1, {"ru": ("ВИЧ", "HIV")}).tooltip("ru", "HIV")
        'Вирус иммунодефицита человека (ВИЧ)'
        >>> Term("hiv", {"ka": "ადამიანის იმუნოდეფიციტის ვირუსი"}, 1, {"ka": ("აივ",)}).tooltip("ka", "აივ")
        'ადამიანის იმუნოდეფიციტის ვირუსი'
        """
        text = self.tooltips.get(language) or self.forms[language]
        if not "\u10a0" <= text[:1] <= "\u10ff":  # Georgian has no capitals: upper() would make Mtavruli
            text = text[:1].upper() + text[1:]
        usual = self.abbr[language][0]
        return text if abbreviation == usual else f"{text} ({usual})"


def read_yaml(text: str, path: str):
    """The one place this module parses YAML, through the project's safe loader: the data and its node tree (for
    line numbers)."""
    try:
        return safe_yaml.load_with_nodes(text, path)
    except safe_yaml.YamlError as error:
        raise TerminologyError(str(error)) from None


def _per_language(value, where: str, key: str, strings: bool = True) -> dict[str, tuple]:
    if value is None:
        return {}
    if not isinstance(value, dict) or set(value) - set(LANGUAGES):
        raise TerminologyError(f"{where}: '{key}' should map languages ({', '.join(LANGUAGES)}) to lists")
    result = {}
    for language, items in value.items():
        items = [items] if isinstance(items, str) else items
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise TerminologyError(f"{where}: '{key}: {language}' should be a list of non-empty texts")
        result[language] = tuple(items) if strings else tuple(compile_pattern(i) for i in items)
    return result


def _sections(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"[a-z0-9/_.-]+\.(?:md|yml)#[a-z0-9-]+", v)
                                              for v in value):
        raise TerminologyError(f"{where}: 'allow_in' should list sections as page.md#heading-id, "
                               f"e.g. referral/what-to-say.md#words-to-avoid")
    return tuple(value)


def load_terms(path: Path = TERMINOLOGY) -> list[Term]:
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    try:
        text = safe_yaml.read_text(path, name)
    except safe_yaml.YamlError as error:
        raise TerminologyError(str(error)) from None
    data, node = read_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise TerminologyError(f"{name}:1: expected 'terms:' followed by a list of terms")
    items = next(value for key, value in node.value if key.value == "terms").value
    terms, seen = [], {}
    for entry, item in zip(data["terms"], items):
        line = item.start_mark.line + 1
        where = f"{name}:{line}"
        if not isinstance(entry, dict):
            raise TerminologyError(f"{where}: each term is a mapping (id: ..., en: ..., ka: ..., ru: ...)")
        unknown = sorted(set(entry) - TERM_KEYS, key=str)
        if unknown:
            raise TerminologyError(f"{where}: unknown field '{unknown[0]}'; expected one of: {', '.join(sorted(TERM_KEYS))}")
        term_id = entry.get("id")
        if not isinstance(term_id, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", term_id):
            raise TerminologyError(f"{where}: 'id' should be lower-case ASCII words joined by hyphens")
        if term_id in seen:
            raise TerminologyError(f"{where}: the id '{term_id}' is used already on line {seen[term_id]}")
        seen[term_id] = line
        missing = [language for language in LANGUAGES if not isinstance(entry.get(language), str) or not entry[language].strip()]
        if missing:
            raise TerminologyError(f"{where}: term '{term_id}' has no form in {', '.join(missing)}")
        try:
            term = Term(
                id=term_id, forms={language: entry[language] for language in LANGUAGES}, line=line,
                abbr=_per_language(entry.get("abbr"), where, "abbr"),
                tooltips={language: text for language, (text,) in _per_language(entry.get("tooltip"), where, "tooltip").items()},
                find=_per_language(entry.get("find"), where, "find", strings=False),
                avoid=_per_language(entry.get("avoid"), where, "avoid", strings=False),
                ignore=_per_language(entry.get("ignore"), where, "ignore"),
                note=str(entry.get("note") or "").strip(), confirm=str(entry.get("confirm") or "").strip(),
                glossary=bool(entry.get("glossary")), quoted_mentions=bool(entry.get("quoted_mentions")),
                allow_in=_sections(entry.get("allow_in"), where))
        except ValueError as error:
            raise TerminologyError(f"{where}: term '{term_id}': {error}") from None
        if not term.note:
            raise TerminologyError(f"{where}: term '{term_id}' has no note (why this form, what to avoid)")
        terms.append(term)
    return terms


# --- Text to check, with line numbers -----------------------------------------------------------------------------

@dataclass
class Passage:
    """A piece of text and where it is: `unit` pairs it with the same piece of another language (a heading id, a
    question id); `text` keeps its line breaks, so an offset gives the line."""
    file: str
    unit: str
    line: int
    text: str

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


# Markup that is not prose: blanked with spaces, so offsets and line numbers stay true.
_MARKUP = [re.compile(pattern, flags) for pattern, flags in (
    (r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S),  # fenced code
    (r"<!--.*?-->", re.S),
    (r"`[^`\n]*`", 0),
    (r"\[@[^\]]*\]", 0),  # [@key] citations
    (r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)", 0),  # link targets (the link text stays)
    (r"https?://\S+", 0),
    (r"<[^>\n]*>", 0),  # HTML tags (their text stays)
    (r"\{[#.:][^}\n]*\}", 0),  # attribute lists: {#id}
    (r"^--8<--.*$", re.M),
)]
_HEADING = re.compile(r"^(#{1,6})\s.*?\{[^}]*#([a-z0-9-]+)[^}]*\}\s*$")


def mask_markup(text: str) -> str:
    for pattern in _MARKUP:
        text = pattern.sub(_blank, text)
    return text


def page_passages(rel: str, text: str) -> list[Passage]:
    """The front matter's title and description, then one passage per section (the text under a heading with an
    explicit id, up to the next heading), without the Sources sections."""
    lines = text.split("\n")
    passages, start = [], 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        for number in range(1, end):
            match = re.match(r"^(title|description)\s*:\s*(.*)$", lines[number])
            if match:
                passages.append(Passage(rel, "the front matter", number + 1, " " * match.start(2) + match.group(2)))
        start = end + 1
    body = mask_markup("\n".join(lines[start:]))
    section, first, chunk = "the top of the page", start + 1, []
    skipped_below = None  # level of a Sources heading whose subsections are skipped too

    def flush():
        if chunk and skipped_below is None:
            passages.append(Passage(rel, section, first, "\n".join(chunk)))

    for number, line in enumerate(body.split("\n"), start=start + 1):
        heading = _HEADING.match(lines[number - 1])
        if heading:
            flush()
            level = len(heading.group(1))
            if skipped_below is not None and level <= skipped_below:
                skipped_below = None
            section, first, chunk = f"section #{heading.group(2)}", number, []
            if heading.group(2) in CITATION_SECTIONS and skipped_below is None:
                skipped_below = level
            line = re.sub(r"^#+", lambda m: " " * len(m.group(0)), line)
        chunk.append(line)
    flush()
    return passages


def _scalars(node, path: tuple = ()):
    """(key path, scalar node) for every string in a YAML node tree."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, path + (key.value,))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalars(item, path + (index,))
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        yield path, node


def _question_unit(data, path: tuple) -> str:
    """The id of the innermost question a value belongs to: 'question courtyard-first', or 'bank'."""
    unit, node = "the bank", data
    for step in path:
        node = node[step]
        if isinstance(node, dict) and "id" in node and ("type" in node or "prompt" in node):
            unit = f"question {node['id']}"
    return unit


def bank_passages(rel: str, text: str) -> list[Passage]:
    data, root = read_yaml(text, rel)
    passages = []
    for path, node in _scalars(root):
        if path and path[-1] in BANK_TEXT:
            line = node.start_mark.line + 1
            # A block scalar (| or >) starts on the line after its key; its line breaks are the file's.
            if node.style in ("|", ">"):
                line += 1
            passages.append(Passage(rel, _question_unit(data, path), line, mask_markup(node.value)))
    return passages


def data_passages(rel: str, text: str, language: str) -> list[Passage]:
    """The values of a language in a YAML data file: every string under a key named after the language."""
    _, root = read_yaml(text, rel)
    return [Passage(rel, "/".join(map(str, path[:-1])), node.start_mark.line + 1, mask_markup(node.value))
            for path, node in _scalars(root) if path and path[-1] == language]


def menu_passages(config_text: str, language: str) -> list[Passage]:
    """mkdocs.yml: the site name and description and the menu titles of one language (lines as in the file)."""
    passages, current = [], None
    for number, line in enumerate(config_text.split("\n"), start=1):
        locale = re.match(r"^\s*- locale:\s*(\S+)", line)
        if locale:
            current = locale.group(1)
            continue
        if current == language:
            value = re.match(r"^\s+(?:site_name|site_description|[^:#]+?):\s+(\S.*)$", line)
            if value and not re.match(r"^\s+(name|locale|build|default|language|theme|nav_translations)\s*:", line):
                passages.append(Passage("mkdocs.yml", "menu", number, " " * value.start(1) + value.group(1)))
        if re.match(r"^\S", line):
            current = None
    return passages


# --- The checks ---------------------------------------------------------------------------------------------------

_QUOTED = re.compile(r"«[^«»]*»|„[^„“”]*[“”]|“[^“”]*”|\"[^\"\n]*\"")
_BRACKETED = re.compile(r"\([^()]*\)")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)[^*\n]+\*(?![*\w])")


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _without_ignored(term: Term, language: str, text: str) -> str:
    for phrase in term.ignore.get(language, ()):
        text = re.sub(re.escape(phrase), lambda m: _blank(m), text, flags=re.IGNORECASE)
    return text


def avoided_uses(terms: list[Term], language: str, passage: Passage) -> list[str]:
    """Problems: avoided forms used in this passage of a page, bank or data file of this language."""
    problems = []
    quoted, bracketed, italic = (_spans(p, passage.text) for p in (_QUOTED, _BRACKETED, _ITALIC))
    section = passage.file.split("/", 2)[-1] + "#" + passage.unit.removeprefix("section #")
    for term in terms:
        if section in term.allow_in:
            continue
        text = _without_ignored(term, language, passage.text)
        for pattern in term.avoid.get(language, ()):
            for match in pattern.regex.finditer(text):
                span = match.span()
                if pattern.latin and (_inside(span, bracketed) or _inside(span, italic)):
                    continue  # the original name beside its translation, or a cited title
                if term.quoted_mentions and _inside(span, quoted):
                    continue  # named as a word to avoid
                used = " ".join(match.group(0).split())
                problems.append(f"{passage.file}:{passage.line_at(match.start())}: '{used}' is an avoided form of "
                                f"'{term.forms['en']}'; write '{term.forms[language]}' (data/terminology.yml, "
                                f"term '{term.id}': {term.note})")
    return problems


def _finds(term: Term, language: str, text: str) -> str | None:
    text = _without_ignored(term, language, text)
    for pattern in term.find.get(language, ()):
        match = pattern.regex.search(text)
        if match:
            return " ".join(match.group(0).split())
    return None


def other_translations(terms: list[Term], language: str, english: list[Passage], translated: list[Passage]) -> list[str]:
    """Problems: units (sections, questions) whose English uses a term and whose translation has none of its forms."""
    def by_unit(passages):
        units: dict[str, list[Passage]] = {}
        for passage in passages:
            units.setdefault(passage.unit, []).append(passage)
        return units

    source, target = by_unit(english), by_unit(translated)
    problems = []
    for unit, passages in source.items():
        if unit not in target:
            continue  # a structural difference; the build and tests/test_content.py report those
        text_en = "\n".join(p.text for p in passages)
        text = "\n".join(p.text for p in target[unit])
        for term in terms:
            if not term.find.get(language) or not term.find.get("en"):
                continue
            used = _finds(term, "en", text_en)
            if used and not _finds(term, language, text):
                where = target[unit][0]
                allowed = ", ".join(f"'{p.text}'" for p in term.find[language])
                problems.append(f"{where.file}:{where.line}: {unit}: the English says '{used}', but the "
                                f"translation has no {allowed}; write '{term.forms[language]}' (data/terminology.yml, "
                                f"term '{term.id}'; if this wording is right, add it to the term's find: list)")
    return problems


# --- Files ------------------------------------------------------------------------------------------------------

def file_passages(root: Path, rel: str) -> list[Passage]:
    text = (root / rel).read_text(encoding="utf-8")
    return bank_passages(rel, text) if rel.endswith(".yml") else page_passages(rel, text)


def content_files(root: Path, language: str) -> list[str]:
    folder = root / "docs" / language
    return sorted(p.relative_to(root).as_posix() for p in folder.rglob("*")
                  if p.is_file() and (p.suffix == ".md" or (p.suffix == ".yml" and p.parent.name == "quizzes")))


# "გაკვეთილი 4" as a title: a heading or a link "გაკვეთილი 4. Its title", a bank's title "გაკვეთილი 4 — ტესტი".
_GEORGIAN_LESSON = re.compile(r"გაკვეთილი\s+(\d+)(?!\d)(?!\]?[ \t]*[.—][ \t]+\S)")


def georgian_lesson_references(passage: Passage) -> list[str]:
    """Problems: a Georgian sentence that names a lesson by its title's form. In a sentence a lesson is „მე-4
    გაკვეთილი“ („პირველი გაკვეთილი“), which takes case endings („მე-4 გაკვეთილში“), as AUTHORING.md says.

    >>> text = "იხ. [გაკვეთილი 4]    ), [გაკვეთილი 3-ის]  ."
    >>> for problem in georgian_lesson_references(Passage("a.md", "x", 3, text)):
    ...     print(problem.split(" (AUTHORING")[0])
    a.md:3: 'გაკვეთილი 4' names a lesson as its title does; in a sentence write 'მე-4 გაკვეთილი'
    a.md:3: 'გაკვეთილი 3' names a lesson as its title does; in a sentence write 'მე-3 გაკვეთილი'
    >>> georgian_lesson_references(Passage("a.md", "x", 3, "   გაკვეთილი 4. კანონი\\n[გაკვეთილი 1]    . ნივთიერებები"))
    []
    >>> georgian_lesson_references(Passage("a.md", "x", 3, "გაკვეთილი 5 — ტესტი\\n| 16:30 | [გაკვეთილი 8]   მოკლედ |"))
    []
    """
    problems = []
    for match in _GEORGIAN_LESSON.finditer(passage.text):
        line_start = passage.text.rfind("\n", 0, match.start()) + 1
        if re.search(r"\|\s*\[?$", passage.text[line_start:match.start()]):
            continue  # a table cell that starts with it labels a session: "[გაკვეთილი 8] მოკლედ" (the trainer's guide)
        number = int(match.group(1))
        form = "პირველი გაკვეთილი" if number == 1 else f"მე-{number} გაკვეთილი"
        named = " ".join(match.group(0).split())
        problems.append(f"{passage.file}:{passage.line_at(match.start())}: '{named}' names a lesson as its title "
                        f"does; in a sentence write '{form}' (AUTHORING.md, Terminology)")
    return problems


def file_problems(terms: list[Term], root: Path, rel: str) -> list[str]:
    """Every terminology problem of one page or bank (docs/<language>/...)."""
    language = rel.split("/")[1]
    passages = file_passages(root, rel)
    problems = [problem for passage in passages for problem in avoided_uses(terms, language, passage)]
    if language == "ka":
        problems += [problem for passage in passages for problem in georgian_lesson_references(passage)]
    english = root / "docs" / "en" / rel.split("/", 2)[2]
    if language != "en" and english.is_file():
        problems += other_translations(terms, language, file_passages(root, english.relative_to(root).as_posix()),
                                       passages)
    return problems


def site_data_problems(terms: list[Term], root: Path) -> list[str]:
    """The service directory, the notes of the sources registry (shown under a page's Sources) and the menu, in each
    language."""
    problems = []
    config = root / "mkdocs.yml"
    for language in LANGUAGES:
        passages = []
        for rel in ("data/services.yml", "data/sources.yml"):
            if (root / rel).is_file():
                passages += data_passages(rel, (root / rel).read_text(encoding="utf-8"), language)
        if config.is_file():
            passages += menu_passages(config.read_text(encoding="utf-8"), language)
        problems += [p for passage in passages for p in avoided_uses(terms, language, passage)]
    return problems


def base_problems(terms: list[Term]) -> list[str]:
    """The base agrees with itself: no term's form (a tooltip, a glossary head) uses another's avoided form, and
    every form is found by its own find: patterns."""
    problems = []
    for term in terms:
        for language in LANGUAGES:
            for text in (term.forms[language], term.tooltips.get(language, "")):
                passage = Passage("data/terminology.yml", term.id, term.line, text)
                problems += avoided_uses([t for t in terms if t is not term], language, passage)
            if term.find.get(language) and not _finds(term, language, term.forms[language]):
                problems.append(f"data/terminology.yml:{term.line}: term '{term.id}': its {language} form "
                                f"'{term.forms[language]}' is not found by its own find: patterns")
    abbreviations: dict[tuple[str, str], str] = {}
    for term in terms:
        for language, names in term.abbr.items():
            for name in names:
                other = abbreviations.setdefault((language, name), term.id)
                if other != term.id:
                    problems.append(f"data/terminology.yml:{term.line}: the {language} abbreviation '{name}' "
                                    f"belongs to '{other}' already")
    return problems


# --- Glossary ---------------------------------------------------------------------------------------------------

GLOSSARY = "training/glossary.md"
_GLOSS = re.compile(r"^(?P<head>.*?)\s*(?:\((?P<gloss>[^()]*)\))?\s*$")
_QUOTE_MARKS = "„“”«»\"'"


def glossary_entries(text: str) -> list[tuple[str, int, str]]:
    """(section id, line, head) for every entry of a glossary page (a definition list: head, then ':   text')."""
    entries, section, lines = [], "top", text.split("\n")
    for number, line in enumerate(lines, start=1):
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(2)
        elif line.startswith(":") and number > 1 and lines[number - 2].strip() and not lines[number - 2].startswith((" ", ":")):
            entries.append((section, number - 1, lines[number - 2].strip()))
    return entries


def _head_names(term: Term, language: str) -> set[str]:
    return {_bare(name) for name in (term.forms[language], *term.abbr.get(language, ()))}


def _bare(text: str) -> str:
    return "".join(c for c in text if c not in _QUOTE_MARKS).strip().casefold()


def _names_in_head(head: str) -> set[str]:
    """A head and what it gives in brackets: 'Hepatitis C (HCV)' -> {'hepatitis c', 'hcv'}."""
    match = _GLOSS.match(head)
    return {_bare(part) for part in (match["head"], match["gloss"]) if part}


def _is_head_of(term: Term, language: str, head: str) -> bool:
    """The head is the term's form or abbreviation, optionally with a gloss in brackets (an abbreviation, the
    original name): 'განრიდება (diversion)', 'ВОЗ (WHO)', or names it by its abbreviation: 'Гепатит C (ВГС)'."""
    return bool(_names_in_head(head) & _head_names(term, language))


def glossary_problems(terms: list[Term], root: Path) -> list[str]:
    """Every glossary entry is a term of the base, under its form (or abbreviation) in each language, in the same
    section and order; and every term marked `glossary: true` has its entry."""
    docs = root / "docs"
    entries = {lang: glossary_entries((docs / lang / GLOSSARY).read_text(encoding="utf-8")) for lang in LANGUAGES}
    problems, found = [], set()
    for index, (section, line, head) in enumerate(entries["en"]):
        names = _names_in_head(head)
        term = next((t for t in terms if names & _head_names(t, "en")), None)
        if term is None:
            problems.append(f"docs/en/{GLOSSARY}:{line}: '{head}' is not a term of data/terminology.yml; add it there")
            continue
        found.add(term.id)
        if not term.glossary:
            problems.append(f"data/terminology.yml:{term.line}: term '{term.id}' has a glossary entry; mark it glossary: true")
        for language in TRANSLATIONS:
            if index >= len(entries[language]):
                problems.append(f"docs/{language}/{GLOSSARY}: no entry for '{head}' (term '{term.id}')")
                continue
            own_section, own_line, own_head = entries[language][index]
            if own_section != section or not _is_head_of(term, language, own_head):
                problems.append(f"docs/{language}/{GLOSSARY}:{own_line}: entry '{own_head}' stands where English has "
                                f"'{head}'; its head should be '{term.forms[language]}' (term '{term.id}'), "
                                f"in section #{section}")
    for language in TRANSLATIONS:
        if len(entries[language]) > len(entries["en"]):
            extra = entries[language][len(entries["en"]):]
            problems += [f"docs/{language}/{GLOSSARY}:{line}: entry '{head}' has no English entry" for _, line, head in extra]
    problems += [f"data/terminology.yml:{t.line}: term '{t.id}' is marked glossary: true but the glossary has no "
                 f"entry for it" for t in terms if t.glossary and t.id not in found]
    return problems


# --- Tooltips ---------------------------------------------------------------------------------------------------

def abbreviation_lines(terms: list[Term], language: str) -> str:
    """Markdown abbreviation definitions for the tooltips of one language.

    >>> abbreviation_lines([Term("who", {"ru": "всемирная организация здравоохранения"}, 1, {"ru": ("ВОЗ", "WHO")})], "ru")
    '*[ВОЗ]: Всемирная организация здравоохранения\\n*[WHO]: Всемирная организация здравоохранения (ВОЗ)\\n'
    """
    return "".join(f"*[{name}]: {term.tooltip(language, name)}\n"
                   for term in terms for name in term.abbr.get(language, ()))


# --- Everything -------------------------------------------------------------------------------------------------

def all_problems(root: Path = ROOT, terms: list[Term] | None = None) -> list[str]:
    terms = load_terms(root / "data" / "terminology.yml") if terms is None else terms
    problems = base_problems(terms)
    for language in LANGUAGES:
        for rel in content_files(root, language):
            problems += file_problems(terms, root, rel)
    problems += site_data_problems(terms, root)
    problems += glossary_problems(terms, root)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.terminology", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="report avoided forms and terms translated another way, with file and line")
    commands.add_parser("confirm", help="list the terms police trainers are asked to confirm")
    args = parser.parse_args(argv)
    try:
        if args.command == "confirm":
            for term in load_terms():
                if term.confirm:
                    print(f"- {term.forms['en']} — ka „{term.forms['ka']}“, ru «{term.forms['ru']}»: {term.confirm}")
            return 0
        problems = all_problems()
    except TerminologyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(problems) if problems else "The pages, banks, glossary and tooltips keep to data/terminology.yml.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
