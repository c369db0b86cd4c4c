"""Build small real sites in a temporary folder with the project's own theme overrides, hooks and plugins."""

from __future__ import annotations

import os
import shutil
import tempfile
import textwrap
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "ka", "ru")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def real_site_features() -> str:
    """The theme features of mkdocs.yml, so the small test sites behave as the real one (instant navigation,
    highlighting of searched words, ...)."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n  features:\n", 1)[1].splitlines()
    features = []
    for line in lines:
        if not line.startswith("    - "):
            break
        features.append(line[6:].split("#")[0].strip())
    return "[" + ", ".join(features) + "]"


CONFIG = """
site_name: Test site
site_url: {site_url}
docs_dir: docs
use_directory_urls: false
strict: true
theme:
  name: material
  custom_dir: {root}/overrides
  language: en
  font: false
  palette: {{}}
  features: {features}
extra_css: [assets/site.css]
extra_javascript: [{{path: assets/site.js, defer: true}}]
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      reconfigure_material: false
      reconfigure_search: false
      languages:
        - {{locale: en, default: true, name: English}}
        - {{locale: ka, name: ქართული, theme: {{language: ka}}}}
        - {{locale: ru, name: Русский, theme: {{language: ru}}}}
  - redirects:
      redirect_maps: {redirects}
  - quiz
hooks:
  - {root}/hooks/i18n_site.py
  - {root}/hooks/front_matter.py
  - {root}/hooks/search_assets.py
  - {root}/hooks/csp.py
  - {root}/hooks/abbreviations.py
  - {root}/hooks/interface.py
  - {root}/hooks/not_found.py
  - {root}/hooks/services.py
  - {root}/hooks/sources.py
  - {root}/hooks/tables.py
  - {root}/hooks/translation_notice.py
  - {root}/hooks/hashed_assets.py
  - {root}/hooks/offline.py
  - {root}/hooks/compact_html.py
validation:
  links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
markdown_extensions:
  - toc: {{permalink: true}}
  - attr_list
  - md_in_html
  - abbr
  - admonition
  - pymdownx.details
  - pymdownx.superfences
"""


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}.\n---\n\n" + textwrap.dedent(body).lstrip()


def make_site(folder: Path, pages: dict[str, str | dict], banks: dict[str, str | dict] | None = None,
              site_url: str = "http://127.0.0.1:8000/", redirects: dict | None = None) -> Path:
    """pages: {"index.md": text for all languages, or {lang: text}}; banks likewise, by bank id."""
    docs = folder / "docs"
    for rel, content in pages.items():
        for lang in LANGS:
            text = content[lang] if isinstance(content, dict) else content
            if text is None:
                continue
            target = docs / lang / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for bank_id, content in (banks or {}).items():
        for lang in LANGS:
            text = content[lang] if isinstance(content, dict) else content
            if text is None:
                continue
            target = docs / lang / "quizzes" / f"{bank_id}.yml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets", dirs_exist_ok=True)
    (folder / "mkdocs.yml").write_text(
        CONFIG.format(root=ROOT.as_posix(), features=real_site_features(), site_url=site_url, redirects=redirects or {}), encoding="utf-8")
    return folder / "mkdocs.yml"


def build_site(config_file: Path, site_dir: Path | None = None, **overrides) -> Path:
    site_dir = site_dir or config_file.parent / "site"
    cwd = os.getcwd()
    os.chdir(config_file.parent)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
        build(config)
    finally:
        os.chdir(cwd)
    return site_dir


OFFLINE_ZIP = "police-harm-reduction-offline.zip"  # the name `make build` gives it (Makefile) and the home pages link


def build_offline_copy(config_file: Path, target: Path) -> Path:
    """As `make build`'s second build: the file:// copy, zipped to `target` (hooks/offline.py reads OFFLINE_COPY)."""
    previous = os.environ.get("OFFLINE_COPY")
    os.environ["OFFLINE_COPY"] = str(target)
    folder = Path(tempfile.mkdtemp(prefix="offline-copy-"))
    try:
        build_site(config_file, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if previous is None:
            del os.environ["OFFLINE_COPY"]
        else:
            os.environ["OFFLINE_COPY"] = previous
    return target
