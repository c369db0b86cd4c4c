"""The one way this project reads YAML: question banks, page front matter, data/*.yml and the tools.

Every YAML file may come from a contributor we do not control, so reading one must end, in bounded time and memory,
with either its data or one YamlError naming the file, the line and what to change. This loader:

- refuses aliases (`*name`): a "billion laughs" of a few lines would expand to gigabytes;
- bounds the size in bytes, the number of YAML values and the nesting depth, checked first by libyaml's streaming
  parser (fast, constant memory), then again while the pure-Python parser composes the nodes;
- refuses a key that appears twice in one mapping, naming both lines (YAML would keep the last one silently);
- refuses characters no web page can hold (NUL, escape, lone surrogates written as escapes in quoted strings);
- turns PyYAML's own failures (a date with month 13, `!!int abc`, an integer of 5,000 digits) into that one error;
- reads only regular files, never more than the size limit: a folder, a FIFO (reading one would wait forever), a
  device or a broken link named `*.yml` is refused by name.

Plain Python with PyYAML only: the quiz core, the build hooks and tools/ all import it.

>>> load("title: A\\ntags: [a, b]\\n", "demo.yml")
{'title': 'A', 'tags': ['a', 'b']}
>>> load("a: &x [1]\\nb: *x\\n", "demo.yml")
Traceback (most recent call last):
...
quiz_plugin.safe_yaml.YamlError: demo.yml:2: YAML aliases (*name) are not allowed; write the value out
>>> load("title: A\\ntitle: B\\n", "demo.yml")
Traceback (most recent call last):
...
quiz_plugin.safe_yaml.YamlError: demo.yml:2: the key 'title' appears twice in the same mapping (lines 1 and 2); keep one
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# Limits far above any file of this project (the largest bank, in Georgian, is 25 KB and 481 YAML values) that still
# admit a bank of 10,000 questions (about 6 MB and 300,000 values; bench/large_bank.py).
MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 400_000
MAX_DEPTH = 40  # a real bank nests about 8 levels deep


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_nodes: int = MAX_NODES
    max_depth: int = MAX_DEPTH


DEFAULT_LIMITS = Limits()
# Front matter is a few `key: value` lines at the top of a page.
FRONT_MATTER_LIMITS = Limits(max_bytes=64 * 1024, max_nodes=2_000, max_depth=10)

# Escapes in quoted YAML ("\0", "\x1b", "\ud800") can put characters in a string that no HTML page can hold.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "timestamp": "a date"}
# MkDocs' own front-matter pattern (mkdocs/utils/meta.py, YAML_RE): what it reads as front matter, we check.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)


class YamlError(ValueError):
    """A YAML file that cannot be read safely; the message names the file and, where there is one, the line."""

    def __init__(self, problem: str, path: str | None = None, line: int | None = None):
        self.problem, self.path, self.line = problem, path, line
        where = f"{path}:{line}: " if path and line else f"{path}: " if path else f"line {line}: " if line else ""
        super().__init__(where + problem)


def _line_of(mark) -> int | None:
    return mark.line + 1 if mark is not None else None


def _too_large(limits: Limits) -> str:
    return f"the file is larger than {limits.max_bytes // 1024:,} KB; split it"


def _too_many(limits: Limits) -> str:
    return f"the file has more than {limits.max_nodes:,} YAML values; split it"


def _too_deep(limits: Limits) -> str:
    return f"the YAML is nested more than {limits.max_depth} levels deep"


ALIASES = "YAML aliases (*name) are not allowed; write the value out"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases, with bounded nesting and node count, unique keys, and values that can
    always be built or give a YamlError naming the line."""

    def __init__(self, stream, limits: Limits, first_line: int = 1):
        super().__init__(stream)
        self.limits = limits
        self.offset = first_line - 1  # front matter starts on line 2 of its page
        self._depth = 0
        self._nodes = 0

    def _line(self, mark) -> int | None:
        return mark.line + 1 + self.offset if mark is not None else None

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(ALIASES, line=self._line(event.start_mark))
        self._depth += 1
        self._nodes += 1
        if self._depth > self.limits.max_depth:
            raise YamlError(_too_deep(self.limits), line=self._line(event.start_mark))
        if self._nodes > self.limits.max_nodes:
            raise YamlError(_too_many(self.limits), line=self._line(event.start_mark))
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_scalar_node(self, anchor):
        node = super().compose_scalar_node(anchor)
        bad = _UNWRITABLE.search(node.value)
        if bad:
            raise YamlError(f"the text contains the character U+{ord(bad.group()):04X} (written as an escape in a "
                            "quoted string), which a web page cannot show; remove it", line=self._line(node.start_mark))
        return node

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:
                    continue  # an unhashable key: PyYAML names it below
                line = self._line(key_node.start_mark)
                if first is not None:
                    shown = str(key) if len(str(key)) <= 40 else str(key)[:40] + "…"
                    raise YamlError(f"the key '{shown}' appears twice in the same mapping (lines {first} and {line}); "
                                    "keep one", line=line)
                seen[key] = line
        return super().construct_mapping(node, deep)

    def construct_object(self, node, deep=False):
        # PyYAML's own constructors fail with bare Python errors on values such as `2020-13-45` (a date with month
        # 13), `!!int abc`, `!!bool maybe`, or an integer of more than 4,300 digits.
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, LookupError, AttributeError, OverflowError) as error:
            if isinstance(error, YamlError):
                raise
            value = node.value if isinstance(node.value, str) else ""
            shown = f" '{value[:40]}…'" if len(value) > 40 else f" '{value}'" if value else ""
            kind = _KINDS.get(node.tag.rsplit(":", 1)[-1], node.tag)
            # Python's own words only where they speak to an author ("month must be in 1..12"), never about int().
            detail = f" ({str(error)[:120]})" if kind == "a date" and isinstance(error, ValueError) else ""
            if kind == "a whole number" and len(value) > 4000:
                detail = " (it has more than 4,000 digits)"
            raise YamlError(f"cannot read the value{shown} as {kind}{detail}; "
                            "if it is text, put it in quotes", line=self._line(node.start_mark)) from None


def _prescan(text: str, limits: Limits, offset: int = 0) -> None:
    """Refuse aliases, deep nesting and too many nodes with libyaml's streaming parser, in a fraction of the time
    the pure-Python parser needs. Anything else it dislikes is left to the full parse, which names the problem."""
    if not getattr(yaml, "__with_libyaml__", False):
        return
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError(ALIASES, line=_line_of(event.start_mark) + offset)
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > limits.max_nodes:
                    raise YamlError(_too_many(limits), line=_line_of(event.start_mark) + offset)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise YamlError(_too_deep(limits), line=_line_of(event.start_mark) + offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


def load_with_nodes(text: str, path: str, limits: Limits = DEFAULT_LIMITS, first_line: int = 1) -> tuple[Any, yaml.Node | None]:
    """The data of one YAML document and its node tree (for line numbers). `first_line` is the line of the file
    where `text` starts (front matter starts on line 2)."""
    try:
        return _load(text, limits, first_line - 1)
    except YamlError as error:
        raise YamlError(error.problem, path=path, line=error.line) from None


def load(text: str, path: str, limits: Limits = DEFAULT_LIMITS, first_line: int = 1) -> Any:
    """The data of one YAML document, or a YamlError naming `path` and the line."""
    return load_with_nodes(text, path, limits, first_line)[0]


def _load(text: str, limits: Limits, offset: int) -> tuple[Any, yaml.Node | None]:
    # A character is at least one byte: compare the length first and only encode a text that may fit.
    if len(text) > limits.max_bytes or len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise YamlError(_too_large(limits))
    _prescan(text, limits, offset)
    loader = None
    try:
        loader = _Loader(text, limits, offset + 1)  # its reader already refuses characters YAML does not allow
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1 + offset
        raise YamlError(f"the file contains the character U+{error.character:04X}, which YAML does not allow; "
                        "remove it", line=line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _line_of(mark) + offset if mark is not None else None
        raise YamlError(f"YAML syntax error: {error.problem or error.context}", line=line) from None
    except yaml.YAMLError as error:
        raise YamlError(f"YAML error: {error}") from None
    except RecursionError:
        raise YamlError(_too_deep(limits)) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, node


# --- Files ----------------------------------------------------------------------------------------------------

def not_a_regular_file(file: Path) -> str | None:
    """Why `file` cannot be read as a text file, or None when it is a regular file (or a link to one).

    >>> not_a_regular_file(Path("/"))
    'is a folder, not a file'
    """
    try:
        mode = os.stat(file).st_mode
    except FileNotFoundError:
        return "is a link to a file that does not exist" if os.path.islink(file) else "does not exist"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    return "is a special file (a device or a socket), not a file"


def read_text(file: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """A regular file's UTF-8 text, never reading more than `max_bytes`; a YamlError naming the file otherwise."""
    display = display or str(file)
    problem = not_a_regular_file(file)
    if problem:
        raise YamlError(f"{problem}; remove it or replace it with a text file", path=display)
    # Look at the size before reading; the file is opened without blocking and checked again once open, so a file
    # swapped for a FIFO in between cannot make the build wait.
    if os.stat(file).st_size > max_bytes:
        raise YamlError(_too_large(Limits(max_bytes=max_bytes)), path=display)
    try:
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise YamlError(f"cannot be read ({error.strerror})", path=display) from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise YamlError("is not a regular file; remove it or replace it with a text file", path=display)
        raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise YamlError(_too_large(Limits(max_bytes=max_bytes)), path=display)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise YamlError(f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
                        path=display, line=line) from None


def load_file(file: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The data of a YAML file (data/*.yml and the like), or a YamlError naming the file and the line."""
    display = display or str(file)
    return load(read_text(file, display, limits.max_bytes), display, limits)


# --- Front matter -----------------------------------------------------------------------------------------------

def front_matter(text: str, path: str) -> dict:
    """The front matter of a Markdown page, read exactly where MkDocs reads it ({} when the page has none).

    MkDocs shows front matter that is not valid YAML, or not a mapping, as page text without a word; here it is an
    error naming the line.

    >>> front_matter("---\\ntitle: A\\n---\\n# A\\n", "a.md")
    {'title': 'A'}
    >>> front_matter("# No front matter\\n", "a.md")
    {}
    >>> front_matter("---\\n- a list\\n---\\n", "a.md")
    Traceback (most recent call last):
    ...
    quiz_plugin.safe_yaml.YamlError: a.md:2: the front matter should be 'key: value' lines (title: ..., description: ...)
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}
    data = load(match.group(1), path, FRONT_MATTER_LIMITS, first_line=2)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError("the front matter should be 'key: value' lines (title: ..., description: ...)", path=path, line=2)
    return data


# Front-matter fields that MkDocs and Material 9.8.1 print or look up as text: a list or a mapping there would be
# printed as Python's markup, raw, or end in a traceback.
TEXT_FIELDS = ("title", "description", "author", "subtitle", "status", "location", "template", "icon")


def text_field_problem(meta: dict, text: str, path: str, fields=TEXT_FIELDS) -> str | None:
    """The first field of a page's front matter that should be text and is not, named with its line, or None.

    >>> text_field_problem({"title": "A", "author": ["x"]}, "---\\ntitle: A\\nauthor: [x]\\n---\\n", "docs/en/a.md")
    "docs/en/a.md:3: 'author' should be text, not a list; write it as one line of text"
    """
    for field in fields:
        value = meta.get(field)
        if value is not None and not isinstance(value, str):
            return (f"{path}:{line_of_key(text, field) or 2}: '{field}' should be text, not {kind_of(value)}; "
                    "write it as one line of text")
    return None


def line_of_key(text: str, key: str, first_line: int = 1) -> int | None:
    """The line of a top-level `key:` in YAML text (for messages about a value that loaded but is wrong).

    >>> line_of_key("a: 1\\ntitle: [x]\\n", "title")
    2
    """
    for number, line in enumerate(text.split("\n"), start=first_line):
        if re.match(rf"""^(["']?){re.escape(key)}\1\s*:""", line):
            return number
    return None


def kind_of(value) -> str:
    """What a YAML value is, in an author's words.

    >>> [kind_of(v) for v in ([1], {"a": 1}, 3, None)]
    ['a list', "a set of 'key: value' lines", 'a number', 'empty']
    """
    return {"list": "a list", "dict": "a set of 'key: value' lines", "int": "a number", "float": "a decimal number",
            "bool": "true or false", "NoneType": "empty", "date": "a date", "datetime": "a date",
            "str": "text"}.get(type(value).__name__, "a value of another kind")
