"""Where a site keeps its question banks, in each of the three layouts a MkDocs site can have. Plain Python: the
MkDocs adapter (plugin.py) and the command line (cli.py) both ask this module, so they always agree.

- single: one language. Banks in `docs/<banks_dir>/<id>.yml` (and, with static-i18n, shared by every language).
- folder: mkdocs-static-i18n's `docs_structure: folder`. Banks in `docs/<lang>/<banks_dir>/<id>.yml`.
- suffix: mkdocs-static-i18n's `docs_structure: suffix` (`page.md` + `page.ka.md`). Banks in `docs/<banks_dir>/`,
  named as the pages are: `<id>.yml` in the default language (or `<id>.<default>.yml`), `<id>.<lang>.yml` for the others.

A translation must keep the default language's answer key (keys.py); with `fallback` (static-i18n's
`fallback_to_default`) a language without its own copy of a bank uses the default language's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BankError

LAYOUTS = ("single", "folder", "suffix")
# The language codes mkdocs-static-i18n accepts: "ka", "pt-BR", "zh-Hant-TW", "en_US".
LOCALE = re.compile(r"^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$|^[a-z]{2}_[A-Z]{2}$")


@dataclass(frozen=True)
class BankLayout:
    kind: str  # one of LAYOUTS
    docs: Path
    banks_dir: str = "quizzes"
    default_language: str = "en"
    fallback: bool = False  # a language without its own copy of a bank uses the default language's

    def folder(self, language: str) -> Path:
        """The folder that holds a language's banks."""
        if self.kind == "folder":
            return self.docs / language / self.banks_dir
        return self.docs / self.banks_dir

    def src_uri(self, bank_id: str, language: str) -> str:
        """The bank's place in the docs folder as a page in that language sees it: links in bank text are relative
        to it. mkdocs-static-i18n resolves `guide.md` to the language's own page in the suffix layout.

        >>> BankLayout("folder", Path("docs")).src_uri("demo", "ka")
        'ka/quizzes/demo.yml'
        >>> BankLayout("suffix", Path("docs"), "training/quizzes").src_uri("demo", "ka")
        'training/quizzes/demo.yml'
        """
        folder = f"{language}/{self.banks_dir}" if self.kind == "folder" else self.banks_dir
        return f"{PurePosixPath(folder)}/{bank_id}.yml"

    def own_path(self, bank_id: str, language: str) -> Path:
        """Where a language's own copy of a bank is written.

        >>> BankLayout("suffix", Path("docs")).own_path("demo", "ka").as_posix()
        'docs/quizzes/demo.ka.yml'
        >>> BankLayout("suffix", Path("docs")).own_path("demo", "en").as_posix()
        'docs/quizzes/demo.yml'
        """
        if self.kind == "suffix" and language != self.default_language:
            return self.folder(language) / f"{bank_id}.{language}.yml"
        return self.folder(language) / f"{bank_id}.yml"

    def own_banks(self, language: str) -> dict[str, Path]:
        """{bank id: file} of the banks written in this language (in the single layout: every bank)."""
        folder = self.folder(language)
        found: dict[str, Path] = {}
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            bank_id, suffix = split_name(path.name)
            if self.kind != "suffix":
                found[path.stem] = path  # a dot in the name is refused by the loader: the id must equal the name
            elif suffix == language or (suffix is None and language == self.default_language):
                if bank_id in found:
                    raise BankError(f"two files for the same bank in '{language}': {found[bank_id].name} and "
                                    f"{path.name}; keep one", path=self.display(path))
                found[bank_id] = path
        return found

    def banks(self, language: str) -> dict[str, Path]:
        """{bank id: file} of every bank a page in this language can place, with the fallback applied."""
        own = self.own_banks(language)
        if self.kind == "single" or language == self.default_language or not self.fallback:
            return own
        return {**self.own_banks(self.default_language), **own}

    def translations(self) -> dict[str, dict[str, Path]]:
        """{language: {bank id: file}} of every bank file in the docs folder, for the command line."""
        if self.kind == "single":
            return {self.default_language: self.own_banks(self.default_language)}
        found: dict[str, dict[str, Path]] = {}
        if self.kind == "folder":
            for folder in sorted(self.docs.glob(f"*/{self.banks_dir}")):
                language = folder.relative_to(self.docs).parts[0]
                if LOCALE.match(language):
                    found[language] = self.own_banks(language)
        else:
            languages = {split_name(path.name)[1] for path in self.folder("").glob("*.yml")}
            for language in sorted((languages - {None}) | {self.default_language}):
                found[language] = self.own_banks(language)
        return {language: banks for language, banks in found.items() if banks}

    def is_bank_file(self, path: Path) -> bool:
        """Whether a file of the docs folder is a bank (banks are data: they are not published)."""
        try:
            relative = path.relative_to(self.docs)
        except ValueError:
            return False
        if path.suffix != ".yml":
            return False
        folder = PurePosixPath(relative.parent.as_posix())
        if self.kind == "folder":
            return len(folder.parts) > 1 and folder.relative_to(folder.parts[0]) == PurePosixPath(self.banks_dir)
        return folder == PurePosixPath(self.banks_dir)

    def page_path(self, src_uri: str) -> str:
        """A page's path inside its language, the same in every language.

        >>> BankLayout("folder", Path("docs")).page_path("ka/training/lesson-1.md")
        'training/lesson-1.md'
        >>> BankLayout("suffix", Path("docs")).page_path("training/lesson-1.ka.md")
        'training/lesson-1.md'
        """
        if self.kind == "folder":
            return src_uri.split("/", 1)[1] if "/" in src_uri else src_uri
        if self.kind == "suffix":
            parts = src_uri.rsplit(".", 2)
            if len(parts) == 3 and LOCALE.match(parts[1]):
                return f"{parts[0]}.{parts[2]}"
        return src_uri

    def page_sources(self, rel: str, language: str) -> list[str]:
        """Where a page of that path (page_path) is in a language, in the docs folder: the reverse of page_path.

        >>> BankLayout("folder", Path("docs")).page_sources("training/lesson-1.md", "en")
        ['en/training/lesson-1.md']
        >>> BankLayout("suffix", Path("docs")).page_sources("training/lesson-1.md", "en")
        ['training/lesson-1.en.md', 'training/lesson-1.md']
        """
        if self.kind == "folder":
            return [f"{language}/{rel}"]
        if self.kind == "suffix":
            stem, dot, extension = rel.rpartition(".")
            own = f"{stem}.{language}.{extension}"
            return [own, rel] if language == self.default_language else [own]
        return [rel]

    def display(self, path: Path) -> str:
        """A path as error messages show it: from the folder that holds the docs folder."""
        try:
            return path.relative_to(self.docs.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def describe(self, language: str) -> str:
        """Where this layout looks for a language's banks, in words, for error messages."""
        folder = self.display(self.folder(language)) + "/"
        if self.kind == "suffix" and language != self.default_language:
            return f"{folder} (<bank-id>.{language}.yml)"
        return folder


def split_name(name: str) -> tuple[str, str | None]:
    """A bank file's name as (bank id, language suffix or None).

    >>> split_name("demo.yml"), split_name("demo.ka.yml"), split_name("demo.pt-BR.yml"), split_name("v1.2.yml")
    (('demo', None), ('demo', 'ka'), ('demo', 'pt-BR'), ('v1.2', None))
    """
    stem = name[:-len(".yml")] if name.endswith(".yml") else name
    head, dot, tail = stem.rpartition(".")
    if dot and LOCALE.match(tail):
        return head, tail
    return stem, None


def detect(docs: Path, banks_dir: str = "quizzes") -> str:
    """The layout of a docs folder, from its bank files alone (for the command line, which has no mkdocs.yml):
    language folders with banks make it `folder`; a bank named `<id>.<lang>.yml` makes it `suffix`.

    >>> detect(Path("/nonexistent"))
    'single'
    """
    if any(LOCALE.match(folder.relative_to(docs).parts[0]) for folder in docs.glob(f"*/{banks_dir}")
           if any(folder.glob("*.yml"))):
        return "folder"
    if any(split_name(path.name)[1] for path in (docs / banks_dir).glob("*.yml")):
        return "suffix"
    return "single"


def check_banks_dir(banks_dir: str) -> str | None:
    """Why a banks_dir setting cannot work, or None.

    >>> [check_banks_dir(d) for d in ("quizzes", "training/quizzes")]
    [None, None]
    >>> check_banks_dir("../banks")
    "banks_dir '../banks' must be a folder inside the docs folder, written with '/' (for example 'quizzes')"
    """
    path = PurePosixPath(banks_dir)
    if not banks_dir or path.is_absolute() or "\\" in banks_dir or any(p in ("..", ".") for p in path.parts):
        return f"banks_dir '{banks_dir}' must be a folder inside the docs folder, written with '/' (for example 'quizzes')"
    return None
