"""Translation tracking: is each page and bank translated, and does the translation match the current English?

A translation records which English text it was made from: `source_hash: "<12 hex digits>"` in a page's front
matter, or as a top-level key of a question bank. The hash covers what a translator translates: a page's front
matter (except `source_hash`) and its Markdown body; a bank's parsed YAML (except `source_hash`). Line endings,
trailing spaces and YAML comments or quoting do not count, so tidying the English file does not outdate anything.

    python -m tools.translations status [--check]     one line per page and bank, one column per language
    python -m tools.translations mark FILE...         record the current English hash in these translations

Plain Python (no MkDocs): the build hook hooks/translation_notice.py uses the same functions.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quiz_plugin import safe_yaml

SOURCE_LANGUAGE = "en"
TRANSLATIONS = ("ka", "ru")
KEY = "source_hash"
HASH_LENGTH = 12
SUFFIXES = (".md", ".yml")
DEFAULT_DOCS = Path(__file__).resolve().parent.parent / "docs"

# Statuses. An untracked translation (no hash recorded) counts as outdated: nothing slips through unreviewed.
MISSING, UP_TO_DATE, OUTDATED, UNTRACKED = "missing", "up to date", "outdated", "untracked"
NEEDS_WORK = (MISSING, OUTDATED, UNTRACKED)

_DELIMITER = re.compile(r"^(---|\.\.\.)\s*$")
_KEY_LINE = re.compile(rf"^{KEY}\s*:\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s#]*))\s*(?:#.*)?$")
_ID_LINE = re.compile(r"^id\s*:")


class TranslationError(Exception):
    """A file that cannot be read as a page or a bank; the message names the file and the line."""


# --- Hashing --------------------------------------------------------------------------------------------------

def _clean(text: str) -> str:
    """Unicode NFC, LF line endings, no byte-order mark."""
    return unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))


def split_front_matter(text: str) -> tuple[list[str], list[str]]:
    """A page's front matter lines (without the --- delimiters) and body lines.

    >>> split_front_matter("---\\ntitle: A\\n---\\n# A\\n")
    (['title: A'], ['# A'])
    >>> split_front_matter("# No front matter\\n")
    ([], ['# No front matter'])
    """
    lines = _clean(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].strip() != "---":
        return [], lines
    for number, line in enumerate(lines[1:], start=1):
        if _DELIMITER.match(line):
            return lines[1:number], lines[number + 1:]
    return [], lines  # no closing delimiter: MkDocs reads it all as Markdown too


def _load_yaml(text: str, path: str, first_line: int = 1):
    try:
        return safe_yaml.load(text, path, first_line=first_line)
    except safe_yaml.YamlError as error:
        raise TranslationError(str(error)) from None


def _canonical(data) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def page_fingerprint(text: str, path: str = "<page>") -> str:
    """What a page's translation depends on: its front matter (without the tracking key) and its body."""
    front, body = split_front_matter(text)
    meta = _load_yaml("\n".join(front), path, first_line=2) if front else {}
    if not isinstance(meta, dict):
        raise TranslationError(f"{path}:2: the front matter should be 'key: value' lines")
    meta.pop(KEY, None)
    stripped = "\n".join(line.rstrip() for line in body).strip("\n")
    return _canonical({"meta": meta, "body": stripped})


def bank_fingerprint(text: str, path: str = "<bank>") -> str:
    """What a bank's translation depends on: its data, whatever the comments, quoting or layout."""
    data = _load_yaml(_clean(text), path)
    if isinstance(data, dict):
        data.pop(KEY, None)
    return _canonical(data)


def content_hash(text: str, suffix: str, path: str = "<file>") -> str:
    """The first 12 hex digits of the SHA-256 of a page's or bank's fingerprint."""
    fingerprint = bank_fingerprint(text, path) if suffix == ".yml" else page_fingerprint(text, path)
    return hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:HASH_LENGTH]


# --- Reading and writing the recorded hash ---------------------------------------------------------------------

def _key_lines(lines: list[str], suffix: str) -> range:
    """Indexes of the lines where the tracking key may stand: the front matter of a page, any line of a bank
    (a top-level key starts at column 0, where no nested value can)."""
    if suffix == ".yml":
        return range(len(lines))
    if not lines or lines[0].strip() != "---":
        return range(0)
    for number in range(1, len(lines)):
        if _DELIMITER.match(lines[number].rstrip("\r\n")):
            return range(1, number)
    return range(0)


def recorded_hash(text: str, suffix: str) -> str | None:
    """The hash a translation records, or None.

    >>> recorded_hash('---\\ntitle: A\\nsource_hash: "0123456789ab"\\n---\\n', ".md")
    '0123456789ab'
    >>> recorded_hash("id: demo\\nquestions: []\\n", ".yml") is None
    True
    """
    lines = text.splitlines(keepends=True)
    for index in _key_lines(lines, suffix):
        match = _KEY_LINE.match(lines[index].rstrip("\r\n"))
        if match:
            return next(group for group in match.groups() if group is not None)
    return None


def with_recorded_hash(text: str, suffix: str, value: str) -> str:
    """The text with `source_hash: "<value>"` set, every other line kept as it was.

    A page gets the key at the end of its front matter (or a new front matter); a bank gets it after `id:`.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = f'{KEY}: "{value}"{newline}'
    lines = text.splitlines(keepends=True)
    for index in _key_lines(lines, suffix):
        if _KEY_LINE.match(lines[index].rstrip("\r\n")):
            lines[index] = entry
            return "".join(lines)
    if suffix == ".yml":
        after = next((i + 1 for i, line in enumerate(lines) if _ID_LINE.match(line)), 0)
    else:
        after = _key_lines(lines, suffix).stop  # the closing delimiter of the front matter, or 0 when none
        if not after:
            return f"---{newline}{entry}---{newline}{newline}" + text
    if after and not lines[after - 1].endswith(("\n", "\r")):
        lines[after - 1] += newline
    lines.insert(after, entry)
    return "".join(lines)


# --- Status of a docs tree -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    path: str  # relative to the language folder: "training/lesson-1.md"
    language: str
    state: str  # MISSING, UP_TO_DATE, OUTDATED or UNTRACKED
    recorded: str | None = None
    current: str = ""

    @property
    def needs_work(self) -> bool:
        return self.state in NEEDS_WORK


def source_files(docs_dir: Path) -> list[str]:
    """Every English page and bank, relative to docs/en, sorted."""
    root = docs_dir / SOURCE_LANGUAGE
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def _read(file: Path) -> str:
    try:
        with file.open(encoding="utf-8", newline="") as source:  # as written: `mark` keeps the line endings
            return source.read()
    except UnicodeDecodeError:
        raise TranslationError(f"{file}: the file is not UTF-8 text") from None


def file_status(docs_dir: Path, rel: str, language: str) -> Status:
    """The status of one translation of one English page or bank."""
    source = docs_dir / SOURCE_LANGUAGE / rel
    suffix = source.suffix
    current = content_hash(_read(source), suffix, f"docs/{SOURCE_LANGUAGE}/{rel}")
    target = docs_dir / language / rel
    if not target.is_file():
        return Status(rel, language, MISSING, None, current)
    recorded = recorded_hash(_read(target), suffix)
    if recorded is None:
        state = UNTRACKED
    else:
        state = UP_TO_DATE if recorded == current else OUTDATED
    return Status(rel, language, state, recorded, current)


def tree_status(docs_dir: Path, languages=TRANSLATIONS) -> list[Status]:
    """The status of every translation of every English page and bank."""
    return [file_status(docs_dir, rel, lang) for rel in source_files(docs_dir) for lang in languages]


def locate(file: Path, docs_dir: Path) -> tuple[str, str]:
    """(language, path in the language folder) of a translation file; TranslationError when it is not one."""
    try:
        parts = file.resolve().relative_to(docs_dir.resolve()).parts
    except ValueError:
        raise TranslationError(f"{file}: not inside the docs folder {docs_dir}") from None
    if len(parts) < 2 or parts[0] not in TRANSLATIONS:
        raise TranslationError(f"{file}: not a translation; expected a file under "
                               + " or ".join(f"{docs_dir}/{lang}/" for lang in TRANSLATIONS))
    rel = "/".join(parts[1:])
    if Path(rel).suffix not in SUFFIXES:
        raise TranslationError(f"{file}: only pages (.md) and question banks (.yml) are tracked")
    if not (docs_dir / SOURCE_LANGUAGE / rel).is_file():
        raise TranslationError(f"{file}: there is no English source docs/{SOURCE_LANGUAGE}/{rel}")
    if not file.is_file():
        raise TranslationError(f"{file}: the translation does not exist yet; write it first")
    return parts[0], rel


def mark(file: Path, docs_dir: Path) -> str:
    """Record the current English hash in a translation; return the hash."""
    language, rel = locate(file, docs_dir)
    current = file_status(docs_dir, rel, language).current
    text = _read(file)
    updated = with_recorded_hash(text, file.suffix, current)
    if updated != text:
        with file.open("w", encoding="utf-8", newline="") as out:  # keep the file's own line endings
            out.write(updated)
    return current


# --- Command line ----------------------------------------------------------------------------------------------

def format_table(statuses: list[Status], languages=TRANSLATIONS) -> str:
    """One row per page or bank, one column per language, then a count per language."""
    rows: dict[str, dict[str, str]] = {}
    for status in statuses:
        rows.setdefault(status.path, {})[status.language] = status.state
    width = max([len("page or bank"), *map(len, rows)]) + 2
    column = max(len(state) for state in (MISSING, UP_TO_DATE, OUTDATED, UNTRACKED)) + 2
    lines = ["page or bank".ljust(width) + "".join(lang.ljust(column) for lang in languages).rstrip()]
    for path, states in rows.items():
        lines.append(path.ljust(width) + "".join(states.get(lang, "").ljust(column) for lang in languages).rstrip())
    lines.append("")
    for lang in languages:
        counts = {state: sum(1 for s in statuses if s.language == lang and s.state == state)
                  for state in (UP_TO_DATE, OUTDATED, UNTRACKED, MISSING)}
        lines.append(f"{lang}: " + ", ".join(f"{count} {state}" for state, count in counts.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="the docs folder (default: this repository's)")
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="show whether each translation is missing, up to date or outdated")
    status.add_argument("--check", action="store_true",
                        help="exit with status 1 when any translation is missing, outdated or untracked")
    marking = commands.add_parser("mark", help="record that these translations match the current English")
    marking.add_argument("files", nargs="+", type=Path, metavar="FILE", help="e.g. docs/ka/training/lesson-1.md")
    args = parser.parse_args(argv)
    try:
        if args.command == "status":
            statuses = tree_status(args.docs)
            print(format_table(statuses))
            return 1 if args.check and any(s.needs_work for s in statuses) else 0
        for file in args.files:  # check every file before changing any
            locate(file, args.docs)
        for file in args.files:
            value = mark(file, args.docs)
            print(f"{file}: marked up to date with the English source ({KEY} {value})")
        return 0
    except TranslationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
