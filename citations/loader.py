"""Load and check the registry of sources (data/sources.yml): YAML -> checks -> {key: Source}.

Every problem is one CitationError naming the file and the line. The file is a mapping of keys to entries:

    weir2021:
      authors: [Weir K., Kilili S.]
      title: "Checkpoint: ..."
      venue: "The Police Journal: Theory, Practice and Principles"
      year: 2021
      doi: 10.1177/0032258X211018774
      note: {en: ..., ka: ..., ru: ...}   # only when a figure from it is contested
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from quiz_plugin import safe_yaml

from .model import LANGUAGES, CitationError, Source

KEY = re.compile(r"^[a-z][a-z0-9-]*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
URL = re.compile(r"^https?://\S+$")
REQUIRED = ("authors", "title", "venue", "year")
OPTIONAL = ("doi", "url", "note", "language")
MAX_BYTES = 1024 * 1024  # the registry is a few tens of KB


def read_yaml(text: str, path: str) -> yaml.Node | None:
    """The one place that parses registry YAML: the project's safe loader (no aliases, bounded size and nesting,
    unique keys), returning the node tree for line numbers."""
    try:
        return safe_yaml.load_with_nodes(text, path)[1]
    except safe_yaml.YamlError as error:
        raise CitationError(error.problem, path=path, line=error.line) from None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _value(node: yaml.Node, path: str) -> Any:
    try:
        return yaml.SafeLoader(" ").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise CitationError(f"cannot read this value ({error}); if it is text, put it in quotes", path=path,
                            line=_line(node)) from None


def _text(node: yaml.Node, field: str, key: str, path: str) -> str:
    value = _value(node, path)
    if not isinstance(value, str) or not value.strip():
        raise CitationError(f"source '{key}': '{field}' must be non-empty text", path=path, line=_line(node))
    return value.strip()


def _source(key: str, node: yaml.Node, path: str, key_line: int) -> Source:
    if not isinstance(node, yaml.MappingNode):
        raise CitationError(f"source '{key}' must be a mapping with {', '.join(REQUIRED)}", path=path, line=_line(node))
    fields: dict[str, yaml.Node] = {}
    for name_node, value_node in node.value:
        name = name_node.value
        if name not in REQUIRED + OPTIONAL:
            raise CitationError(f"source '{key}': unknown field '{name}'; expected one of: "
                                f"{', '.join(REQUIRED + OPTIONAL)}", path=path, line=_line(name_node))
        if name in fields:
            raise CitationError(f"source '{key}': field '{name}' is given twice", path=path, line=_line(name_node))
        fields[name] = value_node
    for name in REQUIRED:
        if name not in fields:
            raise CitationError(f"source '{key}' has no '{name}'", path=path, line=key_line)
    authors = _value(fields["authors"], path)
    if not isinstance(authors, list) or not authors or not all(isinstance(a, str) and a.strip() for a in authors):
        raise CitationError(f"source '{key}': 'authors' must be a list of names (people or organisations), "
                            "as published", path=path, line=_line(fields["authors"]))
    year = _value(fields["year"], path)
    if isinstance(year, bool) or not isinstance(year, int) or not 1800 <= year <= 2100:
        raise CitationError(f"source '{key}': 'year' must be a year such as 2016", path=path, line=_line(fields["year"]))
    extra: dict[str, Any] = {}
    if "doi" in fields:
        doi = _text(fields["doi"], "doi", key, path)
        if not DOI.match(doi):
            raise CitationError(f"source '{key}': 'doi' must look like 10.1186/s13011-016-0048-x (no https://doi.org/)",
                                path=path, line=_line(fields["doi"]))
        extra["doi"] = doi
    if "url" in fields:
        url = _text(fields["url"], "url", key, path)
        if not URL.match(url):
            raise CitationError(f"source '{key}': 'url' must start with https:// or http://", path=path,
                                line=_line(fields["url"]))
        extra["url"] = url
    if "note" in fields:
        note = _value(fields["note"], path)
        if not isinstance(note, dict) or sorted(note) != sorted(LANGUAGES) or not all(
                isinstance(v, str) and v.strip() for v in note.values()):
            raise CitationError(f"source '{key}': 'note' needs its text in each of {', '.join(LANGUAGES)}", path=path,
                                line=_line(fields["note"]))
        extra["note"] = {lang: text.strip() for lang, text in note.items()}
    if "language" in fields:
        extra["language"] = _text(fields["language"], "language", key, path)
    return Source(key=key, authors=tuple(a.strip() for a in authors), title=_text(fields["title"], "title", key, path),
                  venue=_text(fields["venue"], "venue", key, path), year=year, line=key_line, **extra)


def registry_from_text(text: str, path: str) -> dict[str, Source]:
    root = read_yaml(text, path)
    if root is None:
        raise CitationError("the registry is empty", path=path)
    if not isinstance(root, yaml.MappingNode):
        raise CitationError("the registry is a mapping of keys to sources", path=path, line=_line(root))
    registry: dict[str, Source] = {}
    dois: dict[str, str] = {}
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if not KEY.match(key):
            raise CitationError(f"key '{key}' must be lower-case ASCII letters, digits and hyphens, starting with a "
                                "letter (first author or organisation, then the year: weir2021)", path=path,
                                line=_line(key_node))
        if key in registry:
            raise CitationError(f"key '{key}' is given twice (first on line {registry[key].line})", path=path,
                                line=_line(key_node))
        source = _source(key, value_node, path, _line(key_node))
        if source.doi:
            if source.doi.lower() in dois:
                raise CitationError(f"source '{key}' has the same DOI as '{dois[source.doi.lower()]}': one study, "
                                    "one key", path=path, line=_line(key_node))
            dois[source.doi.lower()] = key
        registry[key] = source
    return registry


def load_registry(file: Path, display_path: str | None = None) -> dict[str, Source]:
    display = display_path or str(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CitationError(f"cannot read the registry ({error.strerror})", path=display) from None
    if len(raw) > MAX_BYTES:
        raise CitationError(f"the registry is larger than {MAX_BYTES // 1024} KB", path=display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CitationError("the file is not UTF-8 text; save it as UTF-8", path=display,
                            line=raw.count(b"\n", 0, error.start) + 1) from None
    return registry_from_text(text, display)
