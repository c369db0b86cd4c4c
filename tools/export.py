"""This site's Moodle export: the quiz package's export with the site's citations written readably.

    python -m tools.export --format moodle-xml|gift --site-url https://example.org/site/ --out build/moodle docs

It takes the arguments of `python -m quiz_plugin export` (AUTHORING.md, "Exporting to Moodle") and writes each
`[@key]` in bank text as "(Author, year)", with the full entries from data/sources.yml under "Sources" in the
question's general feedback (citations/export.py). An unknown key stops it, naming file and line, as the build does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from citations.export import ExportCitations
from citations.loader import load_registry
from citations.model import CitationError
from quiz_plugin.cli import main as quiz_main

REGISTRY = Path(__file__).resolve().parent.parent / "data" / "sources.yml"


def main(argv: list[str] | None = None) -> int:
    try:
        registry = load_registry(REGISTRY, "data/sources.yml")
    except CitationError as error:
        print(f"Sources error: {error}", file=sys.stderr)
        return 1
    return quiz_main(["export", *(sys.argv[1:] if argv is None else argv)], citations=ExportCitations(registry),
                     export_command="python -m tools.export")


if __name__ == "__main__":
    sys.exit(main())
