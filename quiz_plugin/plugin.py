"""MkDocs adapter for the quiz core: finds banks, places them on pages, ships the runtime. Nothing else."""

from __future__ import annotations

import hashlib
import posixpath
import re
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .errors import BankError
from .keys import check_same_key
from .loader import load_bank
from .render import data_island, render_bank, render_completion, render_progress_table, render_reset
from .safe_markdown import SafeMarkdown
from .safe_yaml import YamlError, front_matter, kind_of, line_of_key
from .strings import strings_for

log = get_plugin_logger(__name__)

MARKER = re.compile(r"<!--\s*quiz:\s*([^\s>]+)\s*-->")
PROGRESS_MARKERS = {
    "<!-- quiz-progress -->": "progress",
    "<!-- quiz-completion -->": "completion",
    "<!-- quiz-reset -->": "reset",
}


class QuizConfig(Config):
    enabled = config_options.Type(bool, default=True)
    banks_dir = config_options.Type(str, default="quizzes")  # inside each language folder
    default_language = config_options.Type(str, default="en")
    progress_section = config_options.Type(str, default="training")  # the banks listed on the progress page


class QuizPlugin(BasePlugin[QuizConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._reference_banks: dict[str, object] = {}  # default-language banks, kept across the language builds

    def on_config(self, config, **kwargs):
        if not self.config.enabled:
            return
        self.banks = {}  # id -> Bank, for this language build
        self.placements: dict[str, File] = {}  # bank id -> page that places it
        self.page_meta: dict[str, dict] = {}
        # The runtime: one JS and one CSS file, content-hashed so browsers cache them until they change.
        self.assets = {}
        for name in ("quiz.js", "quiz.css"):
            content = resources.files(__package__).joinpath("assets", name).read_bytes()
            stem, ext = name.rsplit(".", 1)
            self.assets[name] = (f"assets/quiz/{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{ext}", content)
        return config

    @event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files, config, **kwargs):
        if not self.config.enabled:
            return
        self.language = config.theme["language"]
        docs = Path(config.docs_dir)
        for file in list(files):
            parts = file.src_uri.split("/")
            if len(parts) == 3 and parts[1] == self.config.banks_dir and parts[2].endswith(".yml"):
                files.remove(file)  # banks are data, not pages or assets of the site
        bank_dir = docs / self.language / self.config.banks_dir
        for path in sorted(bank_dir.glob("*.yml")):
            self.banks[path.stem] = self._load(path, docs)
        if self.language != self.config.default_language:
            reference_dir = docs / self.config.default_language / self.config.banks_dir
            for bank_id, bank in self.banks.items():
                reference = reference_dir / f"{bank_id}.yml"
                if reference.exists():
                    self._check(check_same_key, self._load(reference, docs), bank)
        for name, (dest, content) in self.assets.items():
            if files.get_file_from_path(dest) is None:
                files.append(File.generated(config, dest, content=content))
        # Which page places which bank, for the progress table (pages are rendered in nav order, not all first).
        for file in files.documentation_pages():
            source = Path(file.abs_src_path).read_text(encoding="utf-8")
            for bank_id in MARKER.findall(source):
                self.placements.setdefault(bank_id, file)
                self.page_meta[bank_id] = _page_meta(source, f"docs/{file.src_uri}")
        return files

    def _load(self, path: Path, docs: Path):
        display = path.relative_to(docs.parent).as_posix() if docs.parent in path.parents else str(path)
        # Only a regular file is kept for the next language build; anything else (a folder, a FIFO or a broken link
        # named *.yml) goes to load_bank, which names the problem.
        key = (str(path), path.stat().st_mtime_ns) if path.is_file() else (str(path), None)
        if key not in self._reference_banks or key[1] is None:
            try:
                self._reference_banks[key] = load_bank(path, display)
            except BankError as error:
                raise PluginError(f"Quiz bank error: {error}") from None
        return self._reference_banks[key]

    @staticmethod
    def _check(check, *args):
        try:
            check(*args)
        except BankError as error:
            raise PluginError(f"Quiz bank error: {error}") from None

    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        if not self.config.enabled:
            return
        for bank_id in MARKER.findall(markdown):
            if bank_id not in self.banks:
                known = ", ".join(sorted(self.banks)) or "none"
                raise PluginError(f"Quiz error: docs/{page.file.src_uri} places the unknown bank '{bank_id}' "
                                  f"(no docs/{self.language}/{self.config.banks_dir}/{bank_id}.yml; known banks: {known})")
        return markdown

    def on_page_content(self, html, page, config, files, **kwargs):
        if not self.config.enabled:
            return
        used_progress = False

        def place_bank(match):
            bank = self.banks[match.group(1)]
            text = SafeMarkdown(config.markdown_extensions, config.mdx_configs, self._link_rewriter(bank, page, files))
            return render_bank(bank, self.language, text)

        html, quizzes = MARKER.subn(place_bank, html)
        for marker, kind in PROGRESS_MARKERS.items():
            if marker in html:
                used_progress = True
                html = html.replace(marker, self._progress_html(kind, page))
        if used_progress:
            html += data_island("quiz-strings", strings_for(self.language))
        if quizzes or used_progress:
            html = self._with_runtime(html, page)
        return html

    def _with_runtime(self, html: str, page) -> str:
        """Only pages with a quiz or progress load the runtime: a page without one stays as light as before.
        The tags sit in the content, which Material's instant navigation swaps in and re-runs (quiz.js starts once)."""
        css = get_relative_url(self.assets["quiz.css"][0], page.url)
        js = get_relative_url(self.assets["quiz.js"][0], page.url)
        return f'<link rel="stylesheet" href="{css}">{html}<script src="{js}" defer></script>'

    def _progress_html(self, kind: str, page) -> str:
        if kind == "completion":
            return render_completion(self.language)
        if kind == "reset":
            return render_reset(self.language)
        rows = []
        for bank_id, file in sorted(self.placements.items(), key=lambda item: _natural(item[1].src_uri)):
            if file.src_uri.split("/")[1:2] != [self.config.progress_section]:
                continue
            meta = self.page_meta.get(bank_id, {})
            bank = self.banks.get(bank_id)
            rows.append({"bank": bank_id, "title": meta.get("title") or (bank.title if bank else bank_id),
                         "url": file.url_relative_to(page.file), "minutes": meta.get("reading_time"),
                         "pass": bank.pass_mark if bank else 70})
        return render_progress_table(rows, self.language)

    def _link_rewriter(self, bank, page, files):
        """Links in bank text are relative to the bank file; make them relative to the page, and let MkDocs
        check their anchors like any other link on the page."""
        bank_src = f"{self.language}/{self.config.banks_dir}/{bank.id}.yml"

        def rewrite(url: str) -> str:
            scheme, netloc, path, query, fragment = urlsplit(url)
            if not path:
                return url
            target_src = posixpath.normpath(posixpath.join(posixpath.dirname(bank_src), path))
            target = files.get_file_from_path(target_src)
            if target is None:
                raise PluginError(f"Quiz bank error: {bank.path}: a link to '{url}' points at {target_src}, "
                                  "which is not a page of the site")
            if fragment and page.links_to_anchors is not None:
                page.links_to_anchors.setdefault(target, {}).setdefault(fragment, url)
            return urlunsplit(("", "", target.url_relative_to(page.file), query, fragment))

        return rewrite


def _page_meta(source: str, path: str) -> dict:
    """A page's front matter, read safely (no aliases, bounded), with a title that is text."""
    try:
        meta = front_matter(source, path)
    except YamlError as error:
        raise PluginError(f"Quiz error: {error}") from None
    if "title" in meta and not isinstance(meta["title"], str):
        raise PluginError(f"Quiz error: {path}:{line_of_key(source, 'title') or 2}: the title should be text, "
                          f"not {kind_of(meta['title'])}; put it in quotes")
    return meta


def _natural(text: str):
    """Sort 'lesson-10' after 'lesson-9'."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]
