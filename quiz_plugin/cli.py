"""Command line: `python -m quiz_plugin validate docs` reports exactly what the build would about the banks;
`python -m quiz_plugin export --format moodle-xml|gift docs` writes every bank for import into Moodle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BankError
from .export_common import ExportText
from .export_gift import bank_to_gift
from .export_moodle import bank_to_moodle_xml
from .keys import check_same_key
from .loader import load_bank

EXPORT_FORMATS = {"moodle-xml": (bank_to_moodle_xml, ".xml"), "gift": (bank_to_gift, ".gift")}


def find_banks(docs: Path, banks_dir: str = "quizzes") -> dict[str, dict[str, Path]]:
    """{language: {bank id: path}} for a docs folder laid out as docs/<lang>/<banks_dir>/<id>.yml."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.glob(f"*/{banks_dir}/*.yml")):
        found.setdefault(path.parent.parent.name, {})[path.stem] = path
    return found


def load_checked(docs: Path, default_language: str = "en") -> tuple[dict, list[str]]:
    """Every bank, {(language, bank id): Bank}, and every problem the build would report, one line each."""
    problems: list[str] = []
    banks = find_banks(docs)
    loaded = {}
    for language, paths in banks.items():
        for bank_id, path in paths.items():
            try:
                loaded[language, bank_id] = load_bank(path, path.as_posix())
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


def validate(docs: Path, default_language: str = "en") -> list[str]:
    """Every problem the build would report, one line each."""
    return load_checked(docs, default_language)[1]


def export(docs: Path, fmt: str, out: Path, site_url: str | None = None,
           default_language: str = "en") -> tuple[list[Path], list[str], int]:
    """Write <out>/<lang>/<bank id>.xml|.gift for every bank. Nothing is written when any bank has a problem.

    Returns the files written, the problems, and how many links stayed relative (no site URL given)."""
    loaded, problems = load_checked(docs, default_language)
    if not loaded and not problems:
        problems.append(f"{docs}: no question banks found (expected {docs}/<lang>/quizzes/<bank-id>.yml)")
    write_bank, suffix = EXPORT_FORMATS[fmt]
    outputs: dict[Path, str] = {}
    relative_links = 0
    if not problems:
        for (language, bank_id), bank in sorted(loaded.items()):
            text = ExportText(language, default_language, site_url)
            try:
                outputs[out / language / f"{bank_id}{suffix}"] = write_bank(bank, text, bank.path)
            except BankError as error:
                problems.append(str(error))
            relative_links += text.relative_links
    if problems:
        return [], problems, 0
    for path, content in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return list(outputs), [], relative_links


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz_plugin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every bank under a docs folder (docs/<lang>/quizzes/*.yml)")
    check.add_argument("docs", type=Path)
    check.add_argument("--default-language", default="en")
    write = commands.add_parser("export", help="write every bank, per language, for import into Moodle")
    write.add_argument("docs", type=Path, nargs="?", default=Path("docs"), help="the docs folder (default: docs)")
    write.add_argument("--format", required=True, choices=sorted(EXPORT_FORMATS), dest="fmt")
    write.add_argument("--out", type=Path, default=Path("build/moodle"), help="where to write (default: build/moodle)")
    write.add_argument("--site-url", help="the published site's address, to make links to lessons absolute")
    write.add_argument("--default-language", default="en")
    args = parser.parse_args(argv)
    if args.command == "export":
        return _export(args)
    problems = validate(args.docs, args.default_language)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(len(v) for v in find_banks(args.docs).values())
    print(f"{count} banks checked, {len(problems)} problems")
    return 1 if problems else 0


def _export(args) -> int:
    written, problems, relative_links = export(args.docs, args.fmt, args.out, args.site_url, args.default_language)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"nothing written: {len(problems)} problems", file=sys.stderr)
        return 1
    for path in written:
        print(path.as_posix())
    print(f"{len(written)} banks written as {args.fmt} to {args.out.as_posix()}")
    if relative_links:
        print(f"note: {relative_links} links to the site's pages are relative and will not work in Moodle; "
              "pass --site-url with the published address", file=sys.stderr)
    return 0
