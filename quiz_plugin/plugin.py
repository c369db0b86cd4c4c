"""MkDocs adapter for the quiz core: finds banks, places them on pages, ships the runtime. Nothing else.

Where a language's banks are is layout.py's job: a single-language site, or mkdocs-static-i18n's folder or suffix
structure, read from that plugin's configuration (or set with `layout`). The interface strings are strings.py's,
with the site's own from `strings`."""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import runtime
from .classroom import layout as checks_layout
from .errors import BankError
from .keys import check_same_key
from .layout import LAYOUTS, BankLayout, check_banks_dir
from .loader import check_lessons, load_bank
from .markers import (MARKER, PROGRESS_MARKER, marker_differences, page_markers, placed_banks, placed_quizzes,
                      placement_problems, survival_problem)
from .page_guard import posing_problem
from .render import (QuizRenderer, duplicate_ids, plain_text, progress_data, render_change, render_class_report,
                     render_completion, render_handover, render_progress_table, render_reset)
from .safe_markdown import SafeMarkdown
from .safe_yaml import YamlError, front_matter, text_field_problem
from .strings import STRINGS, check_site_strings, missing_strings, site_strings, strings_for

log = get_plugin_logger(__name__)

class QuizConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # auto: mkdocs-static-i18n's docs_structure (folder or suffix) when that plugin is used, else single.
    layout = config_options.Choice(("auto", *LAYOUTS), default="auto")
    banks_dir = config_options.Type(str, default="quizzes")  # in the docs folder, or in each language folder (folder)
    language = config_options.Optional(config_options.Type(str))  # without static-i18n; default: the theme's
    strings = config_options.Type(dict, default={})  # {language: {key: text}}: add a language, change a string
    progress_section = config_options.Type(str, default="")  # the progress page lists banks placed under it ("": all)


class QuizPlugin(BasePlugin[QuizConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._cache: dict[tuple[str, int], object] = {}  # loaded banks, kept across static-i18n's language builds

    def on_config(self, config, **kwargs):
        if not self.config.enabled:
            return
        self.site_strings = site_strings(self.config.strings)
        problems = check_site_strings(self.site_strings) + list(filter(None, [check_banks_dir(self.config.banks_dir)]))
        if problems:
            raise PluginError("Quiz configuration error in plugins: quiz: " + "\n".join(problems))
        self.i18n = _static_i18n(config)
        kind = self.config.layout
        if kind == "auto":
            kind = self.i18n.config.docs_structure if self.i18n else "single"
        if kind != "single" and self.i18n is None:
            raise PluginError(f"Quiz configuration error: layout '{kind}' is mkdocs-static-i18n's docs_structure, "
                              "but that plugin is not in plugins (a site in one language uses layout 'single')")
        self.layout = BankLayout(kind, Path(config.docs_dir), self.config.banks_dir,
                                 default_language=self.i18n.default_language if self.i18n else "",
                                 fallback=bool(self.i18n and self.i18n.config.fallback_to_default))
        self.banks = {}  # id -> Bank, for this language build
        self.placements: dict[str, File] = {}  # bank id -> page that places it
        self.page_meta: dict[str, dict] = {}
        self.page_markers: dict[str, list] = {}  # src_uri -> the markers of its Markdown
        self.anchor_links: list[tuple] = []  # (bank, question, url, target file, anchor), checked after the build
        self.phased: set[str] = set()  # banks placed as the checks before and after the module
        self._checks = None  # the checks' layout (classroom.py), made when a page needs it
        # The runtime: one JS and one CSS file (and the class report's script), content-hashed so browsers cache
        # them until they change.
        self.assets = {}
        for name, content in runtime.published().items():
            stem, ext = name.rsplit(".", 1)
            self.assets[name] = (f"assets/quiz/{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{ext}", content)
        return config

    @event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files, config, **kwargs):
        if not self.config.enabled:
            return
        self.language = self._language(config)
        self._set_strings()
        for file in list(files):
            if file.abs_src_path and self.layout.is_bank_file(Path(file.abs_src_path)):
                files.remove(file)  # banks are data, not pages or assets of the site
        layout, default = self.layout, self.layout.default_language
        try:
            paths = layout.banks(self.language)
            own = layout.own_banks(self.language)
            references = layout.own_banks(default) if layout.kind != "single" and self.language != default else {}
        except BankError as error:
            raise PluginError(f"Quiz bank error: {error}") from None
        for bank_id, path in paths.items():
            self.banks[bank_id] = self._load(path, bank_id)
        for bank_id in own.keys() & references.keys():  # a translation keeps the default language's answer key
            self._check(check_same_key, self._load(references[bank_id], bank_id), self.banks[bank_id])
        self._check(check_lessons, self.banks)
        for name, (dest, content) in self.assets.items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, content=content))
        # Which page places which bank, for the progress table (pages are rendered in nav order, not all first).
        differences = []
        for file in files.documentation_pages():
            source = Path(file.abs_src_path).read_text(encoding="utf-8")
            for _, bank_id, phase in placed_quizzes(source):
                if phase:
                    self.phased.add(bank_id)
                    continue
                self.placements.setdefault(bank_id, file)
                self.page_meta[bank_id] = _page_meta(source, self.layout.display(Path(file.abs_src_path)))
            differences += filter(None, [self._marker_difference(file, source)])
        if differences:
            raise PluginError("Quiz error: " + "\n  ".join(differences))
        return files

    def _marker_difference(self, file, source: str) -> str | None:
        """How a translated page's quiz markers differ from its default-language page's (like heading ids, they are
        the same in every language: a translation cannot drop, add or swap a quiz), or None."""
        layout, default = self.layout, self.layout.default_language
        if layout.kind == "single" or self.language == default:
            return None
        path = Path(file.abs_src_path)
        for src in layout.page_sources(layout.page_path(file.src_uri), default):
            reference = layout.docs / src
            if reference.is_file():
                if reference.resolve() == path.resolve():  # static-i18n's fallback: the default page itself
                    return None
                return marker_differences(layout.display(path), layout.display(reference), page_markers(source),
                                          page_markers(reference.read_text(encoding="utf-8")))
        return None

    def _language(self, config) -> str:
        """The language of this build: static-i18n's, else the `language` setting, else the theme's."""
        if self.i18n is not None:
            return self.i18n.current_language
        theme = config.theme
        return self.config.language or theme.get("language") or str(theme.get("locale") or "en")

    def _set_strings(self):
        """This build's interface strings; a string no one translated is shown in English, with a warning (so a
        strict build fails, on purpose: a reader must not meet English in a page of another language unnoticed)."""
        language = self.language.replace("_", "-")
        self.strings = strings_for(language, self.site_strings)
        missing = missing_strings(language, self.site_strings)
        if len(missing) == len(STRINGS["en"]):
            log.warning(f"Quiz: no interface strings for the language '{language}' (the package has "
                        f"{', '.join(STRINGS)}): quizzes are shown in English. Add the {len(missing)} strings under "
                        f"plugins: quiz: strings: {language}: in the configuration (see the package README)")
        elif missing:
            log.warning(f"Quiz: {len(missing)} interface strings have no '{language}' text and are shown in English: "
                        f"{', '.join(missing)}. Add them under plugins: quiz: strings: {language}: in the configuration")

    def _load(self, path: Path, bank_id: str):
        # Only a regular file is kept for the next language build; anything else (a folder, a FIFO or a broken link
        # named *.yml) goes to load_bank, which names the problem.
        key = (str(path), path.stat().st_mtime_ns) if path.is_file() else (str(path), None)
        if key not in self._cache or key[1] is None:
            try:
                self._cache[key] = load_bank(path, self.layout.display(path), expected_id=bank_id)
            except BankError as error:
                raise PluginError(f"Quiz bank error: {error}") from None
        return self._cache[key]

    @staticmethod
    def _check(check, *args):
        try:
            check(*args)
        except BankError as error:
            raise PluginError(f"Quiz bank error: {error}") from None

    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        if not self.config.enabled:
            return
        layout = self.layout
        path = layout.display(Path(page.file.abs_src_path))
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8")  # lines as the author counts them
        self.page_markers[page.file.src_uri] = page_markers(source)
        for line, bank_id in placed_banks(source):
            if bank_id not in self.banks:
                known = ", ".join(sorted(self.banks)) or "none"
                expected = layout.display(layout.own_path(bank_id, self.language))
                raise PluginError(f"Quiz error: {path}:{line} places the unknown bank '{bank_id}': there is no "
                                  f"{expected} (looked in {layout.describe(self.language)}, layout '{layout.kind}'; "
                                  f"known banks: {known})")
        problems = placement_problems(path, source)
        if problems:
            raise PluginError("Quiz error: " + "\n  ".join(problems))
        return markdown

    def on_page_content(self, html, page, config, files, **kwargs):
        if not self.config.enabled:
            return
        path = self.layout.display(Path(page.file.abs_src_path))
        problem = (survival_problem(path, self.page_markers.get(page.file.src_uri, []), html)
                   or posing_problem(path, Path(page.file.abs_src_path).read_text(encoding="utf-8"), html))
        if problem:
            raise PluginError(f"Quiz error: {problem}")

        def place_bank(match):
            bank = self.banks[match.group(1)]
            text = SafeMarkdown(config.markdown_extensions, config.mdx_configs, self._link_rewriter(bank, page, files))
            renderer = QuizRenderer(bank, self.language.replace("_", "-"), text, self.strings, match.group(2))
            try:
                rendered = renderer.render()
            except BankError as error:
                raise PluginError(f"Quiz bank error: {error}") from None
            for question, url in renderer.links:
                target, fragment = self._target(bank, url, files)
                if fragment and target is not None:
                    self.anchor_links.append((bank, question, url, target, fragment))
            return rendered

        html, quizzes = MARKER.subn(place_bank, html)
        kinds = {match.group(1) for match in PROGRESS_MARKER.finditer(html)}
        html = PROGRESS_MARKER.sub(lambda match: self._progress_html(match.group(1), page, config), html)
        duplicates = duplicate_ids(html)
        if duplicates:
            line = next((line for line, _ in self.page_markers.get(page.file.src_uri, [])), None)
            raise PluginError(f"Quiz error: {path}{f':{line}' if line else ''}: the id '{duplicates[0]}' is used twice "
                              "on this page (a quiz's ids are 'quiz-<bank id>-<question id>'); rename a heading's "
                              "{#id} or a question's id")
        if kinds:
            layout = self._checks_layout(config) if kinds & {"change", "handover", "class-report"} else None
            html += progress_data(self.strings, layout, report="class-report" in kinds)
        if quizzes or kinds:
            html = self._with_runtime(html, page, report="class-report" in kinds)
        return html

    @event_priority(50)  # before mkdocs-static-i18n builds the other languages, which start afresh
    def on_post_build(self, config, **kwargs):
        if not self.config.enabled:
            return
        for bank, question, url, target, fragment in self.anchor_links:
            anchors = target.page.present_anchor_ids if target.page is not None else None
            if anchors is not None and fragment not in anchors:
                error = BankError(f"the link '{url}' points at '#{fragment}', which "
                                  f"{self.layout.display(Path(target.abs_src_path))} does not have",
                                  path=bank.path, line=question.line, question=question.id)
                raise PluginError(f"Quiz bank error: {error}")

    def _with_runtime(self, html: str, page, report: bool = False) -> str:
        """Only pages with a quiz or progress load the runtime: a page without one stays as light as before; only the
        class report page loads report.js. The tags sit in the content, which Material's instant navigation swaps in
        and re-runs (quiz.js starts once)."""
        css = get_relative_url(self.assets["quiz.css"][0], page.url)
        scripts = ["quiz.js", "report.js"] if report else ["quiz.js"]
        tags = "".join(f'<script src="{get_relative_url(self.assets[name][0], page.url)}" defer></script>' for name in scripts)
        return f'<link rel="stylesheet" href="{css}">{html}{tags}'

    def _checks_layout(self, config) -> dict:
        """The checks before and after the module in this language (classroom.py), made once per language build."""
        if self._checks is None:
            text = SafeMarkdown(config.markdown_extensions, config.mdx_configs)
            titles = {bank_id: self.page_meta.get(bank_id, {}).get("title") or bank.title
                      for bank_id, bank in self.banks.items()}
            self._checks = checks_layout([self.banks[b] for b in sorted(self.phased)], titles,
                                         lambda markdown: plain_text(text.inline(markdown)))
        return self._checks

    def _progress_html(self, kind: str, page, config) -> str:
        language = self.language.replace("_", "-")
        if kind == "completion":
            return render_completion(language, self.strings)
        if kind == "reset":
            return render_reset(language, self.strings)
        if kind == "change":
            return render_change(self._checks_layout(config), language, self.strings)
        if kind == "handover":
            return render_handover(language, self.strings)
        if kind == "class-report":
            return render_class_report(language, self.strings)
        section = self.config.progress_section.strip("/")
        rows = []
        for bank_id, file in sorted(self.placements.items(), key=lambda item: _natural(item[1].src_uri)):
            if (section and not self.layout.page_path(file.src_uri).startswith(section + "/")) or bank_id in self.phased:
                continue
            meta = self.page_meta.get(bank_id, {})
            bank = self.banks.get(bank_id)
            rows.append({"bank": bank_id, "title": meta.get("title") or (bank.title if bank else bank_id),
                         "url": file.url_relative_to(page.file), "minutes": meta.get("reading_time"),
                         "pass": bank.pass_mark if bank else 70})
        return render_progress_table(rows, language, self.strings)

    def _target(self, bank, url: str, files):
        """The file a link in a bank leads to (links are relative to the bank file), and its anchor."""
        scheme, netloc, path, query, fragment = urlsplit(url)
        if not path:
            return None, fragment
        bank_src = self.layout.src_uri(bank.id, self.language)
        target_src = posixpath.normpath(posixpath.join(posixpath.dirname(bank_src), path))
        target = files.get_file_from_path(target_src)
        if target is None:
            raise BankError(f"a link to '{url}' points at {target_src}, which is not a page of the site", path=bank.path)
        return target, fragment

    def _link_rewriter(self, bank, page, files):
        """Links in bank text are relative to the bank file; make them relative to the page. Their anchors are
        checked once every page is built (on_post_build), naming the bank and the question."""

        def rewrite(url: str) -> str:
            target, _ = self._target(bank, url, files)
            if target is None:
                return url
            scheme, netloc, path, query, fragment = urlsplit(url)
            return urlunsplit(("", "", target.url_relative_to(page.file), query, fragment))

        return rewrite


def _page_meta(source: str, path: str) -> dict:
    """A page's front matter, read safely (no aliases, bounded), with a title that is text."""
    try:
        meta = front_matter(source, path)
    except YamlError as error:
        raise PluginError(f"Quiz error: {error}") from None
    problem = text_field_problem(meta, source, path, ("title",))  # the progress table prints it
    if problem:
        raise PluginError(f"Quiz error: {problem}")
    return meta


def _static_i18n(config):
    """mkdocs-static-i18n's plugin instance, whatever name it was configured under, or None."""
    return next((plugin for plugin in config.plugins.values()
                 if type(plugin).__module__.startswith("mkdocs_static_i18n")), None)


def _natural(text: str):
    """Sort 'lesson-10' after 'lesson-9'."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
