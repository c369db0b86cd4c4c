"""The registry's model: plain data, no MkDocs, no YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "ka", "ru")


@dataclass(frozen=True)
class Source:
    """One publication (or one public record), cited on any page by its key."""

    key: str
    authors: tuple[str, ...]
    title: str  # as published, in the publication's own language
    venue: str  # journal with volume, publisher, or the kind of record ("News item", "Ruling")
    year: int
    doi: str = ""
    url: str = ""
    note: dict[str, str] = field(default_factory=dict)  # per language, when a figure is contested
    language: str = "en"  # the language of the title and venue (for lang="..." on other language pages)
    line: int = 0  # where the entry starts in the registry file


class CitationError(Exception):
    """A registry entry or a citation is wrong. It names the file and line; the hook turns it into a PluginError."""

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None):
        self.problem, self.path, self.line = problem, path, line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else ""
        super().__init__(f"{where}{problem}")
