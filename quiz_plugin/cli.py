"""Command line: `python -m quiz_plugin validate docs` reports exactly what the build would about the banks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BankError
from .keys import check_same_key
from .loader import load_bank


def find_banks(docs: Path, banks_dir: str = "quizzes") -> dict[str, dict[str, Path]]:
    """{language: {bank id: path}} for a docs folder laid out as docs/<lang>/<banks_dir>/<id>.yml."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.glob(f"*/{banks_dir}/*.yml")):
        found.setdefault(path.parent.parent.name, {})[path.stem] = path
    return found


def validate(docs: Path, default_language: str = "en") -> list[str]:
    """Every problem the build would report, one line each."""
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
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz_plugin", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every bank under a docs folder (docs/<lang>/quizzes/*.yml)")
    check.add_argument("docs", type=Path)
    check.add_argument("--default-language", default="en")
    args = parser.parse_args(argv)
    problems = validate(args.docs, args.default_language)
    for problem in problems:
        print(problem, file=sys.stderr)
    count = sum(len(v) for v in find_banks(args.docs).values())
    print(f"{count} banks checked, {len(problems)} problems")
    return 1 if problems else 0
