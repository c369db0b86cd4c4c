"""What `python -m quiz_plugin validate` checks beyond each bank on its own, as the build does, without MkDocs:

- every bank exists in every language of the site;
- pages place only banks that exist, each once, with the same quiz markers in every language;
- every placed bank renders with the site's own Markdown extensions (read from mkdocs.yml), so text that the build
  cannot show fails here too, naming the bank and the question;
- links in bank text lead to files of the site, and their `#anchors` to ids of the target page (the ids Markdown
  gives a page, as MkDocs counts them);
- no id is used twice on a page that places a quiz.

Each problem is one line naming the file and, where there is one, the line, worded as the build words it.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown as python_markdown
import yaml

from . import safe_yaml
from .errors import BankError
from .layout import LOCALE, BankLayout
from .markers import (ANY_MARKER, marker_differences, page_markers, placed_banks, placed_quizzes, placement_problems,
                      survival_problem)
from .model import Bank
from .render import QuizRenderer, duplicate_ids
from .safe_markdown import SafeMarkdown
from .safe_yaml import YamlError
from .text_limits import PAGE_LIMITS, page_text_problem, text_problem

# MkDocs always adds these (mkdocs/config/config_options.py, MarkdownExtensions.builtins).
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
# Extensions that read other files or write a table of contents: no ids of their own, and not needed here.
SKIPPED = {"pymdownx.snippets", "markdown.extensions.snippets"}


@dataclass
class SiteConfig:
    layout: BankLayout
    languages: list[str]
    extensions: list = field(default_factory=list)
    extension_configs: dict = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        return self.layout.default_language


class _MkDocsConfigLoader(safe_yaml._Loader):
    """mkdocs.yml's own tags, read without running anything: `!ENV [NAME, default]` gives the variable or the
    default, `!relative` the path as written; a Python tag gives its name (nothing is imported)."""


def _env(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node, deep=True)
    for name in names[:-1]:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def _as_written(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_MkDocsConfigLoader.add_constructor("!ENV", _env)
_MkDocsConfigLoader.add_multi_constructor("!", _as_written)
_MkDocsConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _as_written)


def read_site_config(config_file: Path | None, docs: Path, layout: BankLayout) -> SiteConfig:
    """The languages and Markdown extensions of a site, from its mkdocs.yml (mkdocs-static-i18n's languages and
    fallback); without one, the languages of the bank files and plain Markdown."""
    data = {}
    if config_file is not None:
        text = safe_yaml.read_text(config_file, str(config_file))
        loader = _MkDocsConfigLoader(text, safe_yaml.DEFAULT_LIMITS)
        try:
            data = loader.get_single_data() or {}
        except yaml.YAMLError as error:
            raise YamlError(f"cannot read it: {error}", path=str(config_file)) from None
        finally:
            loader.dispose()
    languages, default, fallback = [], None, False
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            fallback = bool(plugin["i18n"].get("fallback_to_default", True))
            for language in plugin["i18n"].get("languages") or []:
                languages.append(language["locale"])
                if language.get("default"):
                    default = language["locale"]
    if layout.kind == "single":
        languages = [layout.default_language]
    elif not languages:
        languages = sorted(layout.translations(), key=lambda name: (name != layout.default_language, name))
    layout = replace(layout, default_language=default or layout.default_language, fallback=fallback)
    extensions, configs = [], {}
    for item in MKDOCS_BUILTINS + list(data.get("markdown_extensions") or []):
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        if name in SKIPPED:
            continue
        if name not in extensions:
            extensions.append(name)
        if options:
            configs[name] = options
    return SiteConfig(layout=layout, languages=languages, extensions=extensions, extension_configs=configs)


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.append(value)


def html_ids(html: str) -> list[str]:
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


def _body(text: str) -> str:
    match = safe_yaml.FRONT_MATTER.match(text)
    return text[match.end():] if match else text


@dataclass
class Page:
    language: str
    rel: str  # the same in every language: "training/lesson-1.md"
    file: Path
    display: str  # as messages name it: "docs/ka/training/lesson-1.md"
    text: str = ""


class SiteChecker:
    def __init__(self, site: SiteConfig, banks: dict[tuple[str, str], Bank]):
        self.site, self.layout, self.banks = site, site.layout, banks
        self.problems: list[str] = []
        self.pages: dict[tuple[str, str], Page] = {}  # (language, rel) -> page, readable and within bounds
        self._html: dict[str, str | None] = {}  # display -> the page's Markdown as HTML

    def run(self) -> list[str]:
        self.check_translations()
        self.read_pages()
        self.check_markers()
        rendered: dict[tuple, str | None] = {}  # (language, bank id, phase) -> HTML, None when it failed
        for page in self.pages.values():
            ids = []
            for bank_id, phase in dict.fromkeys((b, phase) for _, b, phase in placed_quizzes(page.text)):  # twice: reported
                bank = self.banks.get((page.language, bank_id)) or (
                    self.banks.get((self.site.default_language, bank_id)) if self.layout.fallback else None)
                if bank is not None and (page.language, bank_id, phase) not in rendered:
                    rendered[page.language, bank_id, phase] = self.render(page.language, bank, phase)
                ids += html_ids(rendered.get((page.language, bank_id, phase)) or "")
            if ids:
                duplicates = duplicate_ids("".join(f' id="{i}"' for i in (self.page_ids(page) or []) + ids))
                if duplicates:
                    line = next((line for line, _ in page_markers(page.text)), None)
                    self.problems.append(f"{page.display}{f':{line}' if line else ''}: the id '{duplicates[0]}' is used "
                                         "twice on this page (a quiz's ids are 'quiz-<bank id>-<question id>'); rename "
                                         "a heading's {#id} or a question's id")
        return self.problems

    def check_translations(self) -> None:
        """Every bank in every language (unless static-i18n falls back to the default language's)."""
        if self.layout.kind == "single" or self.layout.fallback:
            return
        found = {language: self.layout.own_banks(language) for language in self.site.languages}
        for bank_id in sorted({bank_id for banks in found.values() for bank_id in banks}):
            for language in self.site.languages:
                if bank_id not in found[language]:
                    self.problems.append(f"{self.layout.display(self.layout.own_path(bank_id, language))} is missing: "
                                         f"every page and bank exists in {', '.join(self.site.languages)}")

    def page_files(self):
        """(language, rel, file) of every page, as the layout places them."""
        docs, layout = self.layout.docs, self.layout
        if layout.kind == "folder":
            for language in self.site.languages:
                for file in sorted((docs / language).rglob("*.md")):
                    yield language, file.relative_to(docs / language).as_posix(), file
            return
        for file in sorted(docs.rglob("*.md")):
            src = file.relative_to(docs).as_posix()
            parts = src.rsplit(".", 2)
            language = parts[1] if layout.kind == "suffix" and len(parts) == 3 and LOCALE.match(parts[1]) else None
            yield language or self.site.default_language, layout.page_path(src), file

    def read_pages(self) -> None:
        for language, rel, file in self.page_files():
            page = Page(language, rel, file, self.layout.display(file))
            try:
                page.text = safe_yaml.read_text(file, page.display, PAGE_LIMITS.max_chars)
                meta = safe_yaml.front_matter(page.text, page.display)  # as hooks/front_matter.py reads it
            except YamlError as error:
                self.problems.append(str(error))
                continue
            problem = safe_yaml.text_field_problem(meta, page.text, page.display)
            if problem:
                self.problems.append(problem)
            problem = page_text_problem(page.text, page.display)
            if problem:
                self.problems.append(problem)
                continue
            self.pages[language, rel] = page

    def check_markers(self) -> None:
        default = self.site.default_language
        for (language, rel), page in self.pages.items():
            known = set(self.layout.banks(language))
            for line, bank_id in placed_banks(page.text):
                if bank_id not in known:
                    self.problems.append(f"{page.display}:{line} places the unknown bank '{bank_id}': there is no "
                                         f"{self.layout.display(self.layout.own_path(bank_id, language))}")
            self.problems += placement_problems(page.display, page.text)
            reference = self.pages.get((default, rel))
            if language != default and reference is not None:
                difference = marker_differences(page.display, reference.display, page_markers(page.text),
                                                page_markers(reference.text))
                if difference:
                    self.problems.append(difference)
            if ANY_MARKER.search(page.text) and self.page_html(page) is not None:
                problem = survival_problem(page.display, page_markers(page.text), self.page_html(page))
                if problem:
                    self.problems.append(problem)

    def page_html(self, page: Page) -> str | None:
        """The page's Markdown as HTML, as Python-Markdown gives it with the site's extensions."""
        if page.display not in self._html:
            md = python_markdown.Markdown(extensions=self.site.extensions, extension_configs=self.site.extension_configs)
            self._html[page.display] = md.convert(_body(page.text))
        return self._html[page.display]

    def page_ids(self, page: Page) -> list[str] | None:
        """The ids Markdown gives a page (MkDocs validates anchors against these)."""
        html = self.page_html(page)
        return None if html is None else html_ids(html)

    def target_page(self, language: str, target_src: str) -> tuple[bool, Page | None]:
        """Whether a link's target is a file of the site, and the page it is in this language (if it is one)."""
        docs, layout = self.layout.docs, self.layout
        candidates = [target_src]
        if layout.kind == "suffix" and target_src.endswith(".md"):
            candidates.insert(0, f"{target_src[:-3]}.{language}.md")  # static-i18n: the language's own page first
        for candidate in candidates:
            if safe_yaml.not_a_regular_file(docs / candidate) is None:
                if not candidate.endswith(".md"):
                    return True, None
                page_language = candidate.split("/", 1)[0] if layout.kind == "folder" else language
                return True, self.pages.get((page_language, layout.page_path(candidate)))
        return False, None

    def render(self, language: str, bank: Bank, phase: str | None = None) -> str | None:
        """The bank as the build renders it, with links checked; None when it cannot be rendered."""
        bank_src = self.layout.src_uri(bank.id, language)

        def target_of(url: str) -> str:
            return posixpath.normpath(posixpath.join(posixpath.dirname(bank_src), urlsplit(url).path))

        def resolve(url: str) -> str:
            if urlsplit(url).path and not self.target_page(language, target_of(url))[0]:
                raise BankError(f"a link to '{url}' points at {target_of(url)}, which is not a page of the site")
            return url

        renderer = QuizRenderer(bank, language, SafeMarkdown(self.site.extensions, self.site.extension_configs, resolve),
                                phase=phase)
        try:
            html = renderer.render()
        except BankError as error:
            self.problems.append(str(error))
            return None
        for question, url in renderer.links:
            fragment = urlsplit(url).fragment
            if fragment and urlsplit(url).path:
                page = self.target_page(language, target_of(url))[1]
                if page is not None and fragment not in (self.page_ids(page) or []):
                    self.problems.append(str(BankError(f"the link '{url}' points at '#{fragment}', which "
                                                       f"{page.display} does not have", path=bank.path,
                                                       line=question.line, question=question.id)))
        return html
