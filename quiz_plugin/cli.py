"""Command line: `python -m quiz_plugin validate docs` reports what the build would about the banks (their files,
keys, translations, placement on pages, rendering and links), without MkDocs;
`python -m quiz_plugin export --format moodle-xml|gift docs` writes every bank for import into Moodle;
`python -m quiz_plugin schema` prints the banks' JSON Schema, for editors; `python -m quiz_plugin strings de` prints
the interface strings of a language, ready to translate in mkdocs.yml. Installed, the command is also
`mkdocs-quiz-banks`. The banks' layout (layout.py) is found from the files, or given with --layout."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

from .errors import BankError
from .export_common import EXPORT_COMMAND, Citations, ExportText
from .export_gift import bank_to_gift
from .export_moodle import bank_to_feedback_xml, bank_to_moodle_xml
from .keys import check_same_key
from .layout import LAYOUTS, BankLayout, check_banks_dir, detect
from .loader import check_lessons, load_bank
from .safe_yaml import YamlError, read_text
from .site_check import SiteChecker, read_site_config
from .strings import STRINGS, strings_for

# Moodle's own GIFT files are .txt: its import form then needs no guess at the file's type.
EXPORT_FORMATS = {"moodle-xml": (bank_to_moodle_xml, ".xml"), "gift": (bank_to_gift, ".txt")}
# A questionnaire has no place in Moodle's question bank; Moodle's Feedback activity has the same scale.
QUESTIONNAIRE_FORMATS = {"moodle-xml": (bank_to_feedback_xml, ".feedback.xml"), "gift": None}


def site_layout(docs: Path, default_language: str = "en", layout: str = "auto",
                banks_dir: str = "quizzes") -> BankLayout:
    """The layout of a docs folder: as given, or found from its bank files (layout.detect)."""
    return BankLayout(detect(docs, banks_dir) if layout == "auto" else layout, docs, banks_dir, default_language)


def load_checked(docs: Path, default_language: str = "en",
                 layout: BankLayout | None = None) -> tuple[dict, list[str]]:
    """Every bank, {(language, bank id): Bank}, and every problem the build would report, one line each."""
    layout = layout or site_layout(docs, default_language)
    problems: list[str] = []
    loaded = {}
    try:
        banks = layout.translations()
    except BankError as error:
        return {}, [str(error)]
    for language, paths in banks.items():
        for bank_id, path in paths.items():
            try:
                loaded[language, bank_id] = load_bank(path, layout.display(path), expected_id=bank_id)
            except BankError as error:
                problems.append(str(error))
    if not any(banks.values()):
        problems.append(f"{docs}: no question banks found (looked in {layout.describe('<lang>')}, "
                        f"layout '{layout.kind}')")
    for language in banks:
        try:
            check_lessons({bank_id: bank for (lang, bank_id), bank in loaded.items() if lang == language})
        except BankError as error:
            problems.append(str(error))
    for (language, bank_id), bank in loaded.items():
        reference = loaded.get((default_language, bank_id))
        if language != default_language and reference is not None:
            try:
                check_same_key(reference, bank)
            except BankError as error:
                problems.append(str(error))
    return loaded, problems


def validate(docs: Path, default_language: str = "en", layout: BankLayout | None = None,
             config: Path | None = None) -> list[str]:
    """Every problem the build would report about the banks, one line each."""
    return checked_site(docs, default_language, layout, config)[1]


def checked_site(docs: Path, default_language: str = "en", layout: BankLayout | None = None,
                 config: Path | None = None) -> tuple[dict, list[str]]:
    """Every bank and every problem the build would report about them: each bank on its own, the same answer key
    in every language, and, as the build renders them (quiz_plugin/site_check.py), their translations, their
    placement on pages, their text and their links. `config` is the site's mkdocs.yml (by default the one next to
    the docs folder), for its languages and Markdown extensions."""
    layout = layout or site_layout(docs, default_language)
    loaded, problems = load_checked(docs, default_language, layout)
    if config is None and (docs.parent / "mkdocs.yml").is_file():
        config = docs.parent / "mkdocs.yml"
    try:
        site = read_site_config(config, docs, layout)
    except YamlError as error:
        return loaded, problems + [str(error)]
    return loaded, problems + SiteChecker(site, loaded).run()


def export(docs: Path, fmt: str, out: Path, site_url: str | None = None, default_language: str = "en",
           layout: BankLayout | None = None, directory_urls: bool = False,
           citations: Citations | None = None,
           command: str = EXPORT_COMMAND) -> tuple[list[Path], list[str], int, list[str]]:
    """Write <out>/<lang>/<bank id>.xml|.txt for every bank (a questionnaire: <bank id>.feedback.xml, for Moodle's
    Feedback activity, and nothing in GIFT, which has no form for it). Nothing is written when any bank has a problem.

    Citations in bank text are written by `citations` (export_common.Citations) when given, and their problems
    are problems. Each file names `command` as the command that wrote it. Returns the files written, the problems, how many links stayed relative (no site URL given), and
    notes on banks left out and on citation markers left as they stand."""
    layout = layout or site_layout(docs, default_language)
    loaded, problems = load_checked(docs, default_language, layout)
    outputs: dict[Path, str] = {}
    notes: list[str] = []
    relative_links = citation_markers = 0
    if citations and not problems:
        problems = _citation_problems(loaded, layout, citations)
    if not problems:
        for (language, bank_id), bank in sorted(loaded.items()):
            form = QUESTIONNAIRE_FORMATS[fmt] if bank.questionnaire else EXPORT_FORMATS[fmt]
            if form is None:
                notes.append(f"{bank.path}: a questionnaire (scale statements) has no {fmt} form and is not written; "
                             "--format moodle-xml writes it for Moodle's Feedback activity")
                continue
            write_bank, suffix = form
            text = ExportText(language, default_language, site_url, layout.banks_dir, layout.kind, directory_urls,
                              citations)
            try:
                outputs[out / language / f"{bank_id}{suffix}"] = write_bank(bank, text, bank.path, command)
            except BankError as error:
                problems.append(str(error))
            relative_links += text.relative_links
            citation_markers += text.citation_markers
    if problems:
        return [], problems, 0, []
    if citation_markers:
        notes.append(f"{citation_markers} texts hold '[@' citation markers, written as they stand: no citation writer "
                     "was given (quiz_plugin.cli.main(argv, citations=...); see quiz_plugin.export_common.Citations)")
    for path, content in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return list(outputs), [], relative_links, notes


def _citation_problems(loaded: dict, layout: BankLayout, citations: Citations) -> list[str]:
    """The citations of every bank that cannot be written; each file read again within the loader's bounds."""
    files, problems = layout.translations(), []
    for (language, bank_id), bank in sorted(loaded.items()):
        try:
            problems += citations.problems(read_text(files[language][bank_id], bank.path), bank.path)
        except YamlError as error:
            problems.append(str(error))
    return problems


def strings_yaml(language: str) -> str:
    """A language's strings as YAML for mkdocs.yml (English where the package has none), keys in their order."""
    shipped = ", ".join(STRINGS)
    lines = [f"# The quiz's interface strings in '{language}' (the package has {shipped}; the others start in English).",
             "# Put the ones you translate or change under   plugins: - quiz: strings: " + language + ":   in mkdocs.yml,",
             "# indented below it, and keep every {placeholder} as it is."]
    # Keys quoted: unquoted, YAML would read `true:` and `false:` as booleans.
    lines += [f'"{key}": {json.dumps(text, ensure_ascii=False)}' for key, text in strings_for(language).items()]
    return "\n".join(lines) + "\n"


def _layout_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layout", choices=("auto", *LAYOUTS), default="auto",
                        help="where the banks are: single (docs/quizzes/), folder (docs/<lang>/quizzes/), suffix "
                             "(docs/quizzes/<id>.<lang>.yml); default: found from the files")
    parser.add_argument("--banks-dir", default="quizzes", help="the banks' folder, as the plugin's banks_dir")
    parser.add_argument("--default-language", default="en",
                        help="the language translations are checked against (of the banks, in the single layout)")


def main(argv: list[str] | None = None, citations: Citations | None = None, export_command: str | None = None) -> int:
    """The command line. A site that cites sources in its bank text passes `citations` (export_common.Citations)
    to have them written readably in the export, and the name of its own command as `export_command`: the exported
    files, its help and its errors name the command that ran."""
    installed = Path(sys.argv[0]).name == "mkdocs-quiz-banks"  # the package's console script
    parser = argparse.ArgumentParser(prog="mkdocs-quiz-banks" if installed else "python -m quiz_plugin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every bank under a docs folder")
    check.add_argument("docs", type=Path, nargs="?", default=Path("docs"), help="the docs folder (default: docs)")
    check.add_argument("--config", type=Path, help="the site's mkdocs.yml (default: the one next to the docs folder)")
    _layout_options(check)
    export_command = export_command or f"{parser.prog} export"
    write = commands.add_parser("export", help="write every bank, per language, for import into Moodle",
                                prog=export_command)
    write.add_argument("docs", type=Path, nargs="?", default=Path("docs"), help="the docs folder (default: docs)")
    write.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS), dest="fmt")
    write.add_argument("--out", type=Path, default=Path("build/moodle"), help="where to write (default: build/moodle)")
    write.add_argument("--site-url", help="the published site's address, to make links to lessons absolute")
    write.add_argument("--directory-urls", action="store_true",
                       help="the site uses MkDocs' use_directory_urls: true (guide/ rather than guide.html)")
    _layout_options(write)
    commands.add_parser("schema", help="print the JSON Schema of a bank (save it for your editor)")
    strings = commands.add_parser("strings", help="print a language's interface strings, to translate or change "
                                                  "in the configuration (plugins: quiz: strings:)")
    strings.add_argument("language", nargs="?", default="en")
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(resources.files(__package__).joinpath("schema/bank.schema.json").read_text(encoding="utf-8"), end="")
        return 0
    if args.command == "strings":
        print(strings_yaml(args.language), end="")
        return 0
    if check_banks_dir(args.banks_dir):
        parser.error(check_banks_dir(args.banks_dir))
    layout = site_layout(args.docs, args.default_language, args.layout, args.banks_dir)
    if args.command == "export":
        return _export(args, layout, citations, export_command)
    loaded, problems = checked_site(args.docs, args.default_language, layout, args.config)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(loaded)} banks checked ({layout.kind} layout: {layout.describe('<lang>')}), {len(problems)} problems")
    return 1 if problems else 0


def _export(args, layout: BankLayout, citations: Citations | None, command: str) -> int:
    written, problems, relative_links, notes = export(args.docs, args.fmt, args.out, args.site_url,
                                                      args.default_language, layout, args.directory_urls, citations,
                                                      command)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"nothing written: {len(problems)} problems", file=sys.stderr)
        return 1
    for path in written:
        print(path.as_posix())
    print(f"{len(written)} banks written as {args.fmt} to {args.out.as_posix()}")
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if relative_links:
        print(f"note: {relative_links} links to the site's pages are relative and will not work in Moodle; "
              "pass --site-url with the published address", file=sys.stderr)
    return 0
