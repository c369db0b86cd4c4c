"""Translation tracking: is each page and bank translated, and does the translation match the current English?

A translation records which English text it was made from: `source_hash: "<12 hex digits>"` in a page's front
matter, or as a top-level key of a question bank. The hash covers what a translator translates: a page's front
matter (except `source_hash` and `review`) and its Markdown body; a bank's parsed YAML (except those two). Line
endings, trailing spaces and YAML comments or quoting do not count, so tidying the English file outdates nothing.

    python -m tools.translations status [--check]     one line per page and bank, one column per language
    python -m tools.translations mark FILE...         record the current English hash in these translations
    python -m tools.translations review --by ROLE FILE...   record that a reviewer (a role, no name) checked them

A translation also records its review: `review: unreviewed`, or, once a native-speaking subject expert has checked
it, `review: {by: "police trainer", date: "2027-01-15", text_hash: "<12 hex digits>"}`. The text hash is of the
translation itself, so an edit after the review shows as "edited since review". Readers see a notice on a page that
is not reviewed (hooks/translation_notice.py).

Plain Python (no MkDocs): the build hook hooks/translation_notice.py uses the same functions.
"""

from __future__ import annotations

import argparse
import datetime
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
REVIEW_KEY = "review"
HASH_LENGTH = 12
SUFFIXES = (".md", ".yml")
DEFAULT_DOCS = Path(__file__).resolve().parent.parent / "docs"

# Statuses. An untracked translation (no hash recorded) counts as outdated: nothing slips through unreviewed.
MISSING, UP_TO_DATE, OUTDATED, UNTRACKED = "missing", "up to date", "outdated", "untracked"
NEEDS_WORK = (MISSING, OUTDATED, UNTRACKED)
# Review statuses. Readers see a notice on a page (or the bank it places) that is not reviewed.
UNREVIEWED, REVIEWED, EDITED = "unreviewed", "reviewed", "edited since review"
NOT_REVIEWED = (UNREVIEWED, EDITED)

_DELIMITER = re.compile(r"^(---|\.\.\.)\s*$")
_KEY_LINE = re.compile(rf"^{KEY}\s*:\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s#]*))\s*(?:#.*)?$")
_ID_LINE = re.compile(r"^id\s*:")
_REVIEW_LINE = re.compile(rf"^{REVIEW_KEY}\s*:")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    meta.pop(REVIEW_KEY, None)
    stripped = "\n".join(line.rstrip() for line in body).strip("\n")
    return _canonical({"meta": meta, "body": stripped})


def bank_fingerprint(text: str, path: str = "<bank>") -> str:
    """What a bank's translation depends on: its data, whatever the comments, quoting or layout."""
    data = _load_yaml(_clean(text), path)
    if isinstance(data, dict):
        data.pop(KEY, None)
        data.pop(REVIEW_KEY, None)
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


# --- Review status -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Review:
    state: str  # UNREVIEWED, REVIEWED or EDITED
    by: str = ""  # the reviewer's role, never a name: "police trainer"
    date: str = ""
    recorded: bool = True  # False when the file has no review entry at all (counts as unreviewed)

    def __str__(self) -> str:
        return f"{self.state} ({self.by}, {self.date})" if self.by else self.state


def _review_line(text: str, suffix: str) -> int:
    """The 1-based line of the review entry, or 0."""
    lines = text.splitlines()
    return next((index + 1 for index in _key_lines(lines, suffix) if _REVIEW_LINE.match(lines[index])), 0)


def review_of(text: str, suffix: str, path: str = "<file>") -> Review:
    """The review a translation records, judged against its text now.

    >>> review_of('---\\ntitle: A\\nreview: unreviewed\\n---\\n', ".md").state
    'unreviewed'
    >>> page = '---\\ntitle: A\\n---\\n# A\\n'
    >>> reviewed = with_review(page, ".md", review_entry("police trainer", "2027-01-15", content_hash(page, ".md")))
    >>> str(review_of(reviewed, ".md"))
    'reviewed (police trainer, 2027-01-15)'
    >>> review_of(reviewed.replace("# A", "# B"), ".md").state
    'edited since review'
    """
    if suffix == ".yml":
        data = _load_yaml(_clean(text), path)
    else:
        front, _ = split_front_matter(text)
        data = _load_yaml("\n".join(front), path, first_line=2) if front else {}
    value = data.get(REVIEW_KEY) if isinstance(data, dict) else None
    if value is None:
        return Review(UNREVIEWED, recorded=False)
    if value == UNREVIEWED:
        return Review(UNREVIEWED)
    if isinstance(value, dict) and set(value) == {"by", "date", "text_hash"} and str(value["by"]).strip() \
            and _DATE.match(str(value["date"])):
        state = REVIEWED if str(value["text_hash"]) == content_hash(text, suffix, path) else EDITED
        return Review(state, str(value["by"]).strip(), str(value["date"]))
    raise TranslationError(f"{path}:{_review_line(text, suffix)}: {REVIEW_KEY} should be 'unreviewed', or written by "
                           f"`python -m tools.translations review --by ROLE`: "
                           f'{{by: "police trainer", date: "2027-01-15", text_hash: "..."}}')


def review_entry(by: str, date: str, text_hash: str) -> str:
    """The value of a review entry, on one line (JSON strings are YAML strings)."""
    return "{" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                           for key, value in (("by", by), ("date", date), ("text_hash", text_hash))) + "}"


def with_review(text: str, suffix: str, value: str) -> str:
    """The text with `review: <value>` set on one line (replacing an entry, with its indented lines, if there is one);
    a new entry goes after the source_hash line, or where `mark` would put that line. Every other line is kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = f"{REVIEW_KEY}: {value}{newline}"
    lines = text.splitlines(keepends=True)
    where = list(_key_lines(lines, suffix))
    for index in where:
        if _REVIEW_LINE.match(lines[index]):
            end = index + 1
            while end < len(lines) and lines[end][:1] in (" ", "\t") and end in where:
                end += 1
            return "".join(lines[:index] + [entry] + lines[end:])
    for index in where:
        if _KEY_LINE.match(lines[index].rstrip("\r\n")):
            if not lines[index].endswith(("\n", "\r")):
                lines[index] += newline
            return "".join(lines[:index + 1] + [entry] + lines[index + 1:])
    # No source_hash yet: put the review where with_recorded_hash would put the hash, then drop the hash again.
    placeholder = "0" * HASH_LENGTH
    marked = with_recorded_hash(text, suffix, placeholder).splitlines(keepends=True)
    index = next(i for i, line in enumerate(marked) if line.rstrip("\r\n") == f'{KEY}: "{placeholder}"')
    marked[index] = entry
    return "".join(marked)


# --- Status of a docs tree -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Status:
    path: str  # relative to the language folder: "training/lesson-1.md"
    language: str
    state: str  # MISSING, UP_TO_DATE, OUTDATED or UNTRACKED
    recorded: str | None = None
    current: str = ""
    review: Review | None = None  # None for a missing translation

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
    text = _read(target)
    recorded = recorded_hash(text, suffix)
    if recorded is None:
        state = UNTRACKED
    else:
        state = UP_TO_DATE if recorded == current else OUTDATED
    review = review_of(text, suffix, f"docs/{language}/{rel}")
    return Status(rel, language, state, recorded, current, review)


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


def _write(file: Path, text: str, updated: str) -> None:
    if updated != text:
        with file.open("w", encoding="utf-8", newline="") as out:  # keep the file's own line endings
            out.write(updated)


def mark(file: Path, docs_dir: Path) -> str:
    """Record the current English hash in a translation; return the hash. A translation without a review entry
    gets `review: unreviewed`: nothing is shown as reviewed until someone has."""
    language, rel = locate(file, docs_dir)
    current = file_status(docs_dir, rel, language).current
    text = _read(file)
    updated = with_recorded_hash(text, file.suffix, current)
    if not _review_line(updated, file.suffix):
        updated = with_review(updated, file.suffix, UNREVIEWED)
    _write(file, text, updated)
    return current


def check_reviewable(file: Path, docs_dir: Path, by: str, date: str) -> None:
    """TranslationError unless this translation can be marked reviewed by `by` on `date`: a role on one line, a date
    YYYY-MM-DD, and an up-to-date translation (the review vouches for it against the current English)."""
    language, rel = locate(file, docs_dir)
    if not by.strip() or "\n" in by:
        raise TranslationError(f"{file}: give the reviewer's role on one line, e.g. --by \"police trainer\"")
    if not _DATE.match(date):
        raise TranslationError(f"{file}: the date should be written YYYY-MM-DD, found '{date}'")
    state = file_status(docs_dir, rel, language).state
    if state != UP_TO_DATE:
        raise TranslationError(f"{file}: the translation is {state}; bring it up to date with the English and mark it "
                               f"first (python -m tools.translations mark), then review it")


def mark_reviewed(file: Path, docs_dir: Path, by: str, date: str) -> Review:
    """Record that a reviewer (`by`: a role such as "police trainer", never a name) checked this translation as it
    is now; return its review status."""
    check_reviewable(file, docs_dir, by, date)
    text = _read(file)
    own = content_hash(text, file.suffix, str(file))
    _write(file, text, with_review(text, file.suffix, review_entry(by.strip(), date, own)))
    language, rel = locate(file, docs_dir)
    return file_status(docs_dir, rel, language).review


# --- Command line ----------------------------------------------------------------------------------------------

def format_table(statuses: list[Status], languages=TRANSLATIONS) -> str:
    """One row per page or bank, one column per language (up to date or not, then reviewed or not), then counts.

    >>> print(format_table([Status("index.md", "ka", UP_TO_DATE, review=Review(UNREVIEWED))], ("ka",)))
    page or bank  ka
    index.md      up to date, unreviewed
    <BLANKLINE>
    ka: 1 up to date, 0 outdated, 0 untracked, 0 missing; 0 reviewed, 1 not reviewed
    """
    rows: dict[str, dict[str, str]] = {}
    for status in statuses:
        rows.setdefault(status.path, {})[status.language] = \
            f"{status.state}, {status.review}" if status.review else status.state
    width = max([len("page or bank"), *map(len, rows)]) + 2
    column = max(len(cell) for states in rows.values() for cell in states.values()) + 2
    lines = ["page or bank".ljust(width) + "".join(lang.ljust(column) for lang in languages).rstrip()]
    for path, states in rows.items():
        lines.append(path.ljust(width) + "".join(states.get(lang, "").ljust(column) for lang in languages).rstrip())
    lines.append("")
    for lang in languages:
        own = [s for s in statuses if s.language == lang]
        counts = {state: sum(1 for s in own if s.state == state) for state in (UP_TO_DATE, OUTDATED, UNTRACKED, MISSING)}
        reviewed = sum(1 for s in own if s.review and s.review.state == REVIEWED)
        lines.append(f"{lang}: " + ", ".join(f"{count} {state}" for state, count in counts.items())
                     + f"; {reviewed} reviewed, {len(own) - reviewed} not reviewed")
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
    reviewing = commands.add_parser("review", help="record that a native-speaking subject expert has checked these "
                                                   "translations (their role, never their name)")
    reviewing.add_argument("--by", required=True, metavar="ROLE", help='the reviewer\'s role, e.g. "police trainer"')
    reviewing.add_argument("--date", default=datetime.date.today().isoformat(), help="YYYY-MM-DD (default: today)")
    reviewing.add_argument("files", nargs="+", type=Path, metavar="FILE", help="e.g. docs/ka/training/lesson-1.md")
    args = parser.parse_args(argv)
    try:
        if args.command == "status":
            statuses = tree_status(args.docs)
            print(format_table(statuses))
            return 1 if args.check and any(s.needs_work for s in statuses) else 0
        for file in args.files:  # check every file before changing any
            locate(file, args.docs)
            if args.command == "review":
                check_reviewable(file, args.docs, args.by, args.date)
        for file in args.files:
            if args.command == "review":
                print(f"{file}: {mark_reviewed(file, args.docs, args.by, args.date)}")
            else:
                print(f"{file}: marked up to date with the English source ({KEY} {mark(file, args.docs)})")
        return 0
    except TranslationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
